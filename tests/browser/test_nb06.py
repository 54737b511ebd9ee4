"""Browser test of notebooks/06_nato_enlargement_russia.ipynb: run it, then move the
reassure-or-deter widget's sliders from the keyboard.

The widget's DOM contract (lib/alliances/widgets/reassurance.py):

* root box: ``.alliances-reassurance``;
* controls: four FloatSliders (belief q and three costs), a preset dropdown and a reset
  button, each with ``.alliances-control``;
* one-sentence summary: HTML widget ``.alliances-summary``;
* figure: Image widget ``.alliances-figure`` (an ``<img>``);
* error line: ``.alliances-error`` (empty unless an update failed).
"""

from __future__ import annotations

import pytest

from .widget_checks import move_slider, slider_labelled, widget_root

pytestmark = pytest.mark.browser

NOTEBOOK = "06_nato_enlargement_russia.ipynb"

#: (root class, label of the slider moved, what its sentence must mention afterwards)
WIDGETS = [
    ("alliances-reassurance", "Belief adversary greedy", "at q = "),
    ("alliances-reassurance", "Cost of a spiral", "at q = "),
]


def test_every_widget_answers_the_keyboard(ran_notebook, jupyterlab_server, tmp_path):
    page, server = ran_notebook(NOTEBOOK, tmp_path), jupyterlab_server
    for css, label, mention in WIDGETS:
        root = widget_root(page, css, NOTEBOOK, tmp_path)
        move_slider(page, server, root, slider_labelled(root, label), label=label,
                    mention=mention, screenshot_dir=tmp_path)
