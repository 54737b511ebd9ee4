"""Browser test of notebooks/01_alliance_costs.ipynb: run it, then move a slider of each
widget from the keyboard.

The widgets' DOM contract (lib/alliances/widgets/formation.py and burden.py):

* root boxes: ``.alliances-join-or-stay-out`` and ``.alliances-burden-explorer``;
* controls (sliders, dropdowns, a reset button) with ``.alliances-control``; the sliders
  moved here are ``.alliances-threat`` ("threat: chance of a challenge") and
  ``.alliances-alpha`` ("weight of security α");
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

NOTEBOOK = "01_alliance_costs.ipynb"

#: (root class, slider class, presses of ArrowRight, text the summary must contain after)
WIDGETS = [
    ("alliances-join-or-stay-out", "alliances-threat", 3, "at threat 0.53"),
    ("alliances-burden-explorer", "alliances-alpha", 2, "With \u03b1 = 0.12"),
]


@contextmanager
def _screenshot_on_failure(page, directory, name, show):
    """Re-raise an AssertionError with the path of a screenshot taken at that moment."""
    try:
        yield
    except AssertionError as exc:
        shot = screenshot(page, directory, name, show=show)
        raise AssertionError(f"{exc}\n(screenshot: {shot})") from exc


def test_both_widgets_answer_the_keyboard(lab_page, jupyterlab_server, tmp_path):
    from playwright.sync_api import expect

    page, server = lab_page, jupyterlab_server
    run_notebook_and_check(page, server, NOTEBOOK, screenshot_dir=tmp_path)

    for root_css, slider_css, presses, mention in WIDGETS:
        root = page.locator(f".{root_css}").first
        slider = root.locator(f".{slider_css}").first
        summary = root.locator(".alliances-summary").first
        figure = root.locator("img.alliances-figure, .alliances-figure img").first
        readout = slider.locator(".widget-readout").first
        with _screenshot_on_failure(page, tmp_path, f"before_{root_css}", show=root):
            expect(root, f"no {root_css} widget in {NOTEBOOK} after Run All").to_be_visible()
            expect(slider, f"{root_css} has no {slider_css} slider").to_be_visible()
            expect(summary, f"{root_css} has no summary text").not_to_be_empty()
            before_text = summary.inner_text()
            before_value = readout.inner_text()
            before_src = figure.get_attribute("src")
            assert before_src, f"the figure <img> of {root_css} has no src"

        mark = error_mark(page, server)
        started = time.monotonic()
        set_slider_by_keyboard(page, slider, presses=presses, key="ArrowRight")
        with _screenshot_on_failure(page, tmp_path, f"after_{root_css}", show=root):
            expect(readout, f"{slider_css} did not move with ArrowRight").not_to_have_text(
                before_value, timeout=5_000)
            expect(summary, f"the {root_css} summary did not change after ArrowRight on "
                            f"{slider_css}").to_contain_text(mention, timeout=5_000)
            latency = time.monotonic() - started
            assert summary.inner_text() != before_text
            expect(figure, f"the {root_css} figure did not change").not_to_have_attribute(
                "src", before_src, timeout=5_000)
            expect(root.locator(".alliances-error").first).to_be_empty()
            # Keyboard users keep their place: the handle keeps focus after the update.
            expect(slider.locator(".noUi-handle").first,
                   f"the {slider_css} slider lost focus").to_be_focused()
            problems = problems_since(page, server, mark)
            assert not problems, f"errors after moving {slider_css}:\n" + "\n".join(problems)
        shot = screenshot(page, tmp_path, f"after_{root_css}", show=root)
        print(f"{root_css}: summary changed {latency * 1000:.0f} ms after the key presses "
              f"({before_value} -> {readout.inner_text()}); screenshot: {shot}")
