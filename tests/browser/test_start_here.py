"""Browser test of notebooks/00_start_here.ipynb: run it, then edit a payoff from the keyboard.

The PayoffEditor's DOM contract (lib/alliances widgets):

* root box: ``.alliances-payoff-editor``;
* payoff controls: BoundedFloatText with ``.alliances-payoff`` (the first is
  the row player's payoff in the top-left cell);
* one-sentence summary: HTML widget ``.alliances-summary``;
* figure: Image widget ``.alliances-figure`` (an ``<img>``);
* preset dropdown ``.alliances-preset``, reset button ``.alliances-reset``.
"""

from __future__ import annotations

import pytest

from .jupyterlab import run_notebook_and_check, screenshot, set_text_by_keyboard
from .widget_checks import act_and_check, widget_root

pytestmark = pytest.mark.browser

NOTEBOOK = "00_start_here.ipynb"


def _new_value(field) -> float:
    """A payoff different from the field's, inside its bounds."""
    current = float(field.input_value())
    high = float(field.get_attribute("max") or "inf")
    return current + 1 if current + 1 <= high else current - 1


def _format(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def test_payoff_editor_updates_from_the_keyboard(lab_page, jupyterlab_server, tmp_path):
    from playwright.sync_api import expect

    page, server = lab_page, jupyterlab_server
    run_notebook_and_check(page, server, NOTEBOOK, screenshot_dir=tmp_path)
    editor = widget_root(page, "alliances-payoff-editor", NOTEBOOK, tmp_path)
    field = editor.locator(".alliances-payoff input").first
    new = _new_value(field)
    act_and_check(page, server, editor,
                  lambda: set_text_by_keyboard(page, field, _format(new), commit="Enter"),
                  what=f"typing {new}", mention=None, screenshot_dir=tmp_path)
    # Keyboard users keep their place: the update must not re-render the field.
    expect(field, "the payoff field lost focus after Enter").to_be_focused()
    assert float(field.input_value()) == new, (
        f"the payoff field shows {field.input_value()!r}, not the typed {new}")
    screenshot(page, tmp_path, "after_keyboard_edit", show=editor)
