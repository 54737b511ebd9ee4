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

import pytest

from .widget_checks import move_slider, own_parts, slider_labelled, widget_root

pytestmark = pytest.mark.browser

NOTEBOOK = "05_case_afghanistan.ipynb"

#: (label of the slider moved, key pressed, what the sentence must mention afterwards)
MOVES = [
    ("Credit for a restricted soldier", "ArrowRight", "caveats"),
    ("Loss from entrapment", "ArrowLeft", "usable"),
]


def test_caveat_explorer_answers_the_keyboard(ran_notebook, jupyterlab_server, tmp_path):
    from playwright.sync_api import expect

    page, server = ran_notebook(NOTEBOOK, tmp_path), jupyterlab_server
    root = widget_root(page, "alliances-caveats", NOTEBOOK, tmp_path)
    expect(own_parts(root)[0]).to_contain_text("restricts 62.5 %")
    for label, key, mention in MOVES:
        move_slider(page, server, root, slider_labelled(root, label), label=label, key=key,
                    mention=mention, screenshot_dir=tmp_path)
