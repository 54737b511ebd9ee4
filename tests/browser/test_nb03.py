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

import pytest

from .widget_checks import move_slider, slider_labelled, widget_root

pytestmark = pytest.mark.browser

NOTEBOOK = "03_secondary_dilemma.ipynb"

#: (root class, label of the slider moved, what its sentence must mention afterwards)
WIDGETS = [
    ("alliances-commitment", "Loss from abandonment", "Fear of"),
    ("alliances-dependence", "Major ally's dependence", "Major ally"),
    ("alliances-crisis", "Patron's commitment", "At commitment"),
]


def test_every_widget_answers_the_keyboard(ran_notebook, jupyterlab_server, tmp_path):
    page, server = ran_notebook(NOTEBOOK, tmp_path), jupyterlab_server
    for css, label, mention in WIDGETS:
        root = widget_root(page, css, NOTEBOOK, tmp_path)
        move_slider(page, server, root, slider_labelled(root, label), label=label,
                    mention=mention, screenshot_dir=tmp_path)
