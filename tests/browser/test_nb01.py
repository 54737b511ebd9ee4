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

import pytest

from .widget_checks import move_slider, widget_root

pytestmark = pytest.mark.browser

NOTEBOOK = "01_alliance_costs.ipynb"

#: (root class, slider class, presses of ArrowRight, text the summary must contain after)
WIDGETS = [
    ("alliances-join-or-stay-out", "alliances-threat", 3, "at threat 0.53"),
    ("alliances-burden-explorer", "alliances-alpha", 2, "With \u03b1 = 0.12"),
]


def test_both_widgets_answer_the_keyboard(ran_notebook, jupyterlab_server, tmp_path):
    page, server = ran_notebook(NOTEBOOK, tmp_path), jupyterlab_server
    for root_css, slider_css, presses, mention in WIDGETS:
        root = widget_root(page, root_css, NOTEBOOK, tmp_path)
        move_slider(page, server, root, root.locator(f".{slider_css}").first,
                    label=slider_css, mention=mention, presses=presses,
                    screenshot_dir=tmp_path)
