"""Browser test of notebooks/05_case_afghanistan.ipynb: run it, then move the caveat
explorer's sliders from the keyboard.

The widget's DOM contract (lib/alliances/widgets/caveats.py):

* root box: ``.alliances-caveats``;
* controls: FloatSliders (and a preset dropdown and a reset button) with
  ``.alliances-control``;
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

NOTEBOOK = "05_case_afghanistan.ipynb"

#: (label of the slider moved, key pressed, what the sentence must mention afterwards)
MOVES = [
    ("Credit for a restricted soldier", "ArrowRight", "caveats"),
    ("Loss from entrapment", "ArrowLeft", "usable"),
]


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


def test_caveat_explorer_answers_the_keyboard(lab_page, jupyterlab_server, tmp_path):
    from playwright.sync_api import expect

    page, server = lab_page, jupyterlab_server
    run_notebook_and_check(page, server, NOTEBOOK, screenshot_dir=tmp_path)

    root = page.locator(".alliances-caveats").first
    summary = root.locator(".alliances-summary").first
    figure = root.locator("img.alliances-figure, .alliances-figure img").first
    with _screenshot_on_failure(page, tmp_path, "before_caveats", show=root):
        expect(root, f"no caveat explorer in {NOTEBOOK} after Run All").to_be_visible()
        expect(summary, "the caveat explorer has no summary text").not_to_be_empty()
        assert "restricts 62.5 %" in summary.inner_text()

    for label, key, mention in MOVES:
        slider = _slider(root, label)
        readout = slider.locator(".widget-readout").first
        with _screenshot_on_failure(page, tmp_path, f"before_{key}", show=root):
            expect(slider, f"no slider labelled {label!r}").to_be_visible()
            before_text = summary.inner_text()
            before_value = readout.inner_text()
            before_src = figure.get_attribute("src")
            assert before_src, "the figure <img> of the caveat explorer has no src"

        mark = error_mark(page, server)
        started = time.monotonic()
        set_slider_by_keyboard(page, slider, presses=1, key=key)
        with _screenshot_on_failure(page, tmp_path, f"after_{key}", show=root):
            expect(readout, f"{label} did not move with {key}").not_to_have_text(
                before_value, timeout=5_000)
            expect(summary, f"the summary did not change after {key} on {label}"
                   ).not_to_have_text(before_text, timeout=5_000)
            latency = time.monotonic() - started
            expect(figure, "the caveat figure did not change").not_to_have_attribute(
                "src", before_src, timeout=5_000)
            assert mention in summary.inner_text()
            expect(root.locator(".alliances-error").first).to_be_empty()
            # Keyboard users keep their place: the handle keeps focus after the update.
            expect(slider.locator(".noUi-handle").first,
                   f"the {label} slider lost focus").to_be_focused()
            problems = problems_since(page, server, mark)
            assert not problems, f"errors after moving {label}:\n" + "\n".join(problems)
        print(f"{label}: summary changed {latency * 1000:.0f} ms after {key} "
              f"({before_value} -> {readout.inner_text()})")
