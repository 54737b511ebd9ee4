"""Browser test of notebooks/04_case_ukraine.ipynb: run it, then calibrate from the keyboard.

The CalibrationExplorer's DOM contract (lib/alliances/widgets/ukraine.py):

* root box: ``.alliances-calibration``;
* controls (``.alliances-control``): the period buttons (ToggleButtons, ``.alliances-period``),
  two FloatSliders ("Loss from abandonment L_A", "Entrapment risk p_E") and a reset button;
* one-sentence summary: HTML widget ``.alliances-summary``;
* figure: Image widget ``.alliances-figure`` (an ``<img>``);
* error line: ``.alliances-error`` (empty unless an update failed).
"""

from __future__ import annotations

import time
from contextlib import contextmanager

import pytest

from .jupyterlab import (
    error_mark,
    problems_since,
    run_notebook_and_check,
    screenshot,
    set_slider_by_keyboard,
)

pytestmark = pytest.mark.browser

NOTEBOOK = "04_case_ukraine.ipynb"


@contextmanager
def _screenshot_on_failure(page, directory, name, show):
    """Re-raise an AssertionError with the path of a screenshot taken at that moment."""
    try:
        yield
    except AssertionError as exc:
        shot = screenshot(page, directory, name, show=show)
        raise AssertionError(f"{exc}\n(screenshot: {shot})") from exc


def _slider(root, label: str):
    """The slider of ``root`` whose description starts with ``label``."""
    return root.locator(".alliances-control.widget-slider").filter(has_text=label).first


def test_calibration_answers_the_keyboard(lab_page, jupyterlab_server, tmp_path):
    from playwright.sync_api import expect

    page, server = lab_page, jupyterlab_server
    run_notebook_and_check(page, server, NOTEBOOK, screenshot_dir=tmp_path)

    root = page.locator(".alliances-calibration").first
    summary = root.locator(".alliances-summary").first
    figure = root.locator("img.alliances-figure, .alliances-figure img").first
    with _screenshot_on_failure(page, tmp_path, "before", show=root):
        expect(root, f"no calibration widget in {NOTEBOOK} after Run All").to_be_visible()
        expect(summary, "the calibration widget has no summary text").to_contain_text(
            "2014 (Crimea): with a loss from abandonment of 50")

    # Each move: (what to do, what the sentence must then say, label for messages).
    moves = [
        (lambda: set_slider_by_keyboard(page, _slider(root, "Loss from abandonment"),
                                        presses=1, key="ArrowLeft"),
         "loss from abandonment of 49", "ArrowLeft on the loss from abandonment"),
        (lambda: set_slider_by_keyboard(page, _slider(root, "Entrapment risk"),
                                        presses=2, key="ArrowRight"),
         "entrapment risk of 0.52", "two ArrowRight on the entrapment risk"),
        (lambda: (root.locator(".alliances-period button").filter(
            has_text="2022-2024").first.focus(), page.keyboard.press("Enter")),
         "2022-2024 (full-scale war): with a loss from abandonment of 50",
         "Enter on the 2022-2024 period button"),
    ]
    for act, mention, what in moves:
        before_text = summary.inner_text()
        before_src = figure.get_attribute("src")
        assert before_src, "the figure <img> of the calibration widget has no src"
        mark = error_mark(page, server)
        started = time.monotonic()
        act()
        with _screenshot_on_failure(page, tmp_path, f"after_{mention[:12]}", show=root):
            expect(summary, f"the summary did not change after {what}").not_to_have_text(
                before_text, timeout=5_000)
            latency = time.monotonic() - started
            expect(summary, f"after {what} the summary should mention {mention!r}"
                   ).to_contain_text(mention, timeout=5_000)
            expect(figure, f"the figure did not change after {what}").not_to_have_attribute(
                "src", before_src, timeout=5_000)
            expect(root.locator(".alliances-error").first).to_be_empty()
            problems = problems_since(page, server, mark)
            assert not problems, f"errors after {what}:\n" + "\n".join(problems)
        print(f"{what}: summary changed {latency * 1000:.0f} ms after the key press")

    # Back on 2014, the estimates moved before are still there.
    root.locator(".alliances-period button").filter(has_text="2014").first.focus()
    page.keyboard.press("Enter")
    expect(summary).to_contain_text("loss from abandonment of 49 and an entrapment risk of 0.52",
                                    timeout=5_000)
    screenshot(page, tmp_path, "after_keyboard", show=root)
