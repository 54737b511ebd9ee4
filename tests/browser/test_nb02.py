"""Browser test of notebooks/02_primary_dilemma.ipynb: run it, then work each widget from
the keyboard.

The widgets' DOM contract (lib/alliances/widgets/family_map.py, jervis.py, repeated.py):

* root boxes: ``.alliances-family-map`` (which contains a PayoffEditor,
  ``.alliances-payoff-editor``), ``.alliances-jervis``, ``.alliances-discount``;
* controls with ``.alliances-control``: the editor's payoff boxes (``.alliances-payoff``),
  the map's pair menu and *Swap P and S* button (``.alliances-swap``), the sliders
  ``.alliances-offence``, ``.alliances-distinguishability``, ``.alliances-delta``,
  ``.alliances-temptation``, ``.alliances-punishment``;
* one-sentence summary: HTML widget ``.alliances-summary`` (the map's own summary is the
  last one inside its root, after the editor's);
* figure: Image widget ``.alliances-figure``; error line ``.alliances-error``.
"""

from __future__ import annotations

import pytest

from .jupyterlab import set_text_by_keyboard
from .widget_checks import act_and_check, move_slider, own_parts, widget_root

pytestmark = pytest.mark.browser

NOTEBOOK = "02_primary_dilemma.ipynb"


def test_every_widget_answers_the_keyboard(ran_notebook, jupyterlab_server, tmp_path):
    from playwright.sync_api import expect

    page, server = ran_notebook(NOTEBOOK, tmp_path), jupyterlab_server

    # ---- the live family map: type a payoff, then press Swap P and S
    root = widget_root(page, "alliances-family-map", NOTEBOOK, tmp_path)
    expect(own_parts(root)[0]).to_contain_text("Prisoner's Dilemma region")
    temptation = root.locator(".alliances-payoff input").nth(4)     # State A's T
    act_and_check(page, server, root,                               # T below R: Stag Hunt
                  lambda: set_text_by_keyboard(page, temptation, "2.5", commit="Enter"),
                  what="typing T = 2.5", mention="Stag Hunt region", screenshot_dir=tmp_path)
    expect(temptation, "the payoff box lost focus after Enter").to_be_focused()
    swap = root.locator(".alliances-swap").first
    # T = 2.5, R = 3, P = 1, S = 2 after the swap: R > T > S > P, cooperating dominant.
    act_and_check(page, server, root, lambda: (swap.focus(), page.keyboard.press("Enter")),
                  what="pressing Swap P and S", mention="P = 1, S = 2",
                  screenshot_dir=tmp_path)

    # ---- the sliders of the Jervis and discount-factor widgets
    for css, slider_css, presses, key, mention in (
            ("alliances-jervis", "alliances-offence", 6, "ArrowLeft", "World 2"),
            ("alliances-discount", "alliances-delta", 3, "ArrowLeft", "δ = 0.45")):
        root = widget_root(page, css, NOTEBOOK, tmp_path)
        move_slider(page, server, root, root.locator(f".{slider_css}").first,
                    label=slider_css, key=key, presses=presses, mention=mention,
                    screenshot_dir=tmp_path)
