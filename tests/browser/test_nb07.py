"""Browser test of notebooks/07_small_states_southeast_asia.ipynb: run it, then move two
sliders of the small-state explorer from the keyboard.

The widget's DOM contract (lib/alliances/widgets/smallstate.py):

* root box: ``.alliances-smallstate``;
* controls: four FloatSliders (threat, reliability, entrapment, trade), a preset dropdown
  and a reset button, each with ``.alliances-control``;
* one-sentence summary: HTML widget ``.alliances-summary``;
* figure: Image widget ``.alliances-figure`` (an ``<img>``);
* error line: ``.alliances-error`` (empty unless an update failed).
"""

from __future__ import annotations

import pytest

from .widget_checks import move_slider, slider_labelled, widget_root

pytestmark = pytest.mark.browser

NOTEBOOK = "07_small_states_southeast_asia.ipynb"

#: (label of the slider moved, what the sentence must mention afterwards). From the first
#: view (threat 0.4, trade 0.3) one step keeps "Stay out" best but changes its payoff.
SLIDERS = [
    ("Threat from A", "Stay out (payoff 0.15)"),
    ("Gain from trade (each)", "Stay out (payoff 0.25)"),
]


def test_the_explorer_answers_the_keyboard(ran_notebook, jupyterlab_server, tmp_path):
    page, server = ran_notebook(NOTEBOOK, tmp_path), jupyterlab_server
    root = widget_root(page, "alliances-smallstate", NOTEBOOK, tmp_path)
    for label, mention in SLIDERS:
        move_slider(page, server, root, slider_labelled(root, label), label=label,
                    mention=mention, screenshot_dir=tmp_path)
