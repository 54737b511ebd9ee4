"""Browser test of notebooks/03_secondary_dilemma.ipynb: run it, then move a slider of each
widget from the keyboard.

The widgets' DOM contract (lib/alliances/widgets/commitment.py and crisis.py):

* root boxes: ``.alliances-commitment``, ``.alliances-dependence``, ``.alliances-crisis``;
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

NOTEBOOK = "03_secondary_dilemma.ipynb"

#: (root class, label of the slider moved, what its sentence must mention afterwards)
WIDGETS = [
    ("alliances-commitment", "Loss from abandonment", "Fear of"),
    ("alliances-dependence", "Major ally's dependence", "Major ally"),
    ("alliances-crisis", "Patron's commitment", "At commitment"),
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


def test_every_widget_answers_the_keyboard(lab_page, jupyterlab_server, tmp_path):
    from playwright.sync_api import expect

    page, server = lab_page, jupyterlab_server
    run_notebook_and_check(page, server, NOTEBOOK, screenshot_dir=tmp_path)

    for css, label, mention in WIDGETS:
        root = page.locator(f".{css}").first
        slider = _slider(root, label)
        summary = root.locator(".alliances-summary").first
        figure = root.locator("img.alliances-figure, .alliances-figure img").first
        readout = slider.locator(".widget-readout").first
        with _screenshot_on_failure(page, tmp_path, f"before_{css}", show=root):
            expect(root, f"no {css} widget in {NOTEBOOK} after Run All").to_be_visible()
            expect(slider, f"{css} has no slider labelled {label!r}").to_be_visible()
            expect(summary, f"{css} has no summary text").not_to_be_empty()
            before_text = summary.inner_text()
            before_value = readout.inner_text()
            before_src = figure.get_attribute("src")
            assert before_src, f"the figure <img> of {css} has no src"

        mark = error_mark(page, server)
        started = time.monotonic()
        set_slider_by_keyboard(page, slider, presses=1, key="ArrowRight")
        with _screenshot_on_failure(page, tmp_path, f"after_{css}", show=root):
            expect(readout, f"{label} did not move with ArrowRight").not_to_have_text(
                before_value, timeout=5_000)
            expect(summary, f"the {css} summary did not change after ArrowRight on "
                            f"{label}").not_to_have_text(before_text, timeout=5_000)
            latency = time.monotonic() - started
            expect(figure, f"the {css} figure did not change").not_to_have_attribute(
                "src", before_src, timeout=5_000)
            assert mention in summary.inner_text()
            expect(root.locator(".alliances-error").first).to_be_empty()
            # Keyboard users keep their place: the handle keeps focus after the update.
            expect(slider.locator(".noUi-handle").first,
                   f"the {label} slider lost focus").to_be_focused()
            problems = problems_since(page, server, mark)
            assert not problems, f"errors after moving {label}:\n" + "\n".join(problems)
        print(f"{css}: summary changed {latency * 1000:.0f} ms after the key press "
              f"({before_value} -> {readout.inner_text()})")
