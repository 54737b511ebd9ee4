"""Browser test of notebooks/04_case_ukraine.ipynb: run it, then calibrate from the keyboard.

The CalibrationExplorer's DOM contract (lib/alliances/widgets/ukraine.py):

* root box: ``.alliances-calibration``;
* controls (``.alliances-control``): the period buttons (ToggleButtons, ``.alliances-period``),
  two FloatSliders ("Loss from abandonment L_A", "Escalation risk p_E") and a reset button;
* one-sentence summary: HTML widget ``.alliances-summary``;
* figure: Image widget ``.alliances-figure`` (an ``<img>``);
* error line: ``.alliances-error`` (empty unless an update failed).
"""

from __future__ import annotations

import pytest

from .jupyterlab import screenshot, set_slider_by_keyboard
from .widget_checks import act_and_check, own_parts, slider_labelled, widget_root

pytestmark = pytest.mark.browser

NOTEBOOK = "04_case_ukraine.ipynb"


def _press_period(page, root, label: str) -> None:
    root.locator(".alliances-period button").filter(has_text=label).first.focus()
    page.keyboard.press("Enter")


def test_calibration_answers_the_keyboard(ran_notebook, jupyterlab_server, tmp_path):
    from playwright.sync_api import expect

    page, server = ran_notebook(NOTEBOOK, tmp_path), jupyterlab_server
    root = widget_root(page, "alliances-calibration", NOTEBOOK, tmp_path)
    summary = own_parts(root)[0]
    expect(summary).to_contain_text("2014 (Crimea): with a loss from abandonment of 50")

    # Each move: (what to do, what the sentence must then say, what it was).
    moves = [
        (lambda: set_slider_by_keyboard(page, slider_labelled(root, "Loss from abandonment"),
                                        presses=1, key="ArrowLeft"),
         "loss from abandonment of 49", "ArrowLeft on the loss from abandonment"),
        (lambda: set_slider_by_keyboard(page, slider_labelled(root, "Escalation risk"),
                                        presses=2, key="ArrowRight"),
         "escalation risk of 0.52", "two ArrowRight on the escalation risk"),
        (lambda: _press_period(page, root, "2022-2024"),
         "2022-2024 (full-scale war): with a loss from abandonment of 50",
         "Enter on the 2022-2024 period button"),
    ]
    for act, mention, what in moves:
        act_and_check(page, server, root, act, what=what, mention=mention,
                      screenshot_dir=tmp_path)

    # Back on 2014, the estimates moved before are still there.
    _press_period(page, root, "2014")
    expect(summary).to_contain_text("loss from abandonment of 49 and an escalation risk of 0.52",
                                    timeout=5_000)
    screenshot(page, tmp_path, "after_keyboard", show=root)
