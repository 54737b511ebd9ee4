"""Browser test of notebooks/00_start_here.ipynb: run it, then edit a payoff from the keyboard.

The PayoffEditor's DOM contract (lib/alliances widgets):

* root box: ``.alliances-payoff-editor``;
* payoff controls: BoundedFloatText with ``.alliances-payoff`` (the first is
  the row player's payoff in the top-left cell);
* one-sentence summary: HTML widget ``.alliances-summary``;
* figure: Image widget ``.alliances-figure`` (an ``<img>``);
* preset dropdown ``.alliances-preset``, reset button ``.alliances-reset``.

The preset dropdown must answer the arrow keys: JupyterLab's notebook binds ArrowDown in
command mode to "select the cell below", which took the key from every dropdown until
binder/overrides.json kept those shortcuts off form controls (tools/lab_shortcuts.py); on
a cell, ArrowDown must still select the cell below.
"""

from __future__ import annotations

import re

import pytest

from .jupyterlab import screenshot, set_text_by_keyboard
from .widget_checks import (act_and_check, chosen_option, options_of, tab_and_press,
                            widget_root)

pytestmark = pytest.mark.browser

NOTEBOOK = "00_start_here.ipynb"


def _new_value(field) -> float:
    """A payoff different from the field's, inside its bounds."""
    current = float(field.input_value())
    high = float(field.get_attribute("max") or "inf")
    return current + 1 if current + 1 <= high else current - 1


def _format(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _active_cell(page) -> int:
    return page.evaluate("""() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]
        .findIndex((cell) => cell.classList.contains('jp-mod-active'))""")


def _cell_of(page, element) -> int:
    return element.evaluate("""(el) => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]
        .indexOf(el.closest('.jp-Cell'))""")


def test_preset_dropdown_answers_the_arrow_keys(ran_notebook, jupyterlab_server, tmp_path):
    from playwright.sync_api import expect

    page, server = ran_notebook(NOTEBOOK, tmp_path), jupyterlab_server
    editor = widget_root(page, "alliances-payoff-editor", NOTEBOOK, tmp_path)
    select = editor.locator(".alliances-preset select").first
    reset = editor.locator(".alliances-reset").first
    options, before = options_of(select), chosen_option(select)
    wanted = options[options.index(before) + 1]
    act_and_check(page, server, editor,
                  lambda: tab_and_press(page, select, "ArrowDown", start=reset),
                  what="ArrowDown on the preset dropdown", mention=None,
                  screenshot_dir=tmp_path)
    assert chosen_option(select) == wanted, (
        f"ArrowDown on the preset dropdown chose {chosen_option(select)!r}, not the next "
        f"option {wanted!r} after {before!r}")
    expect(select, "the dropdown lost the keyboard focus").to_be_focused()
    # Focusing the dropdown makes its cell the active one; ArrowDown must not move on.
    assert _active_cell(page) == _cell_of(page, select), \
        "ArrowDown on the dropdown also selected another cell"
    screenshot(page, tmp_path, "after_arrow_down_on_preset", show=editor)
    act_and_check(page, server, editor, lambda: page.keyboard.press("ArrowUp"),
                  what="ArrowUp on the preset dropdown", mention=None,
                  screenshot_dir=tmp_path)
    assert chosen_option(select) == before
    # On a cell in command mode the arrow keys still move between cells.
    first = page.locator(".jp-Notebook .jp-Cell.jp-MarkdownCell").first
    first.click(position={"x": 60, "y": 5})
    page.keyboard.press("Escape")
    start = _active_cell(page)
    page.keyboard.press("ArrowDown")
    expect(page.locator(".jp-Notebook .jp-Cell").nth(start + 1),
           "ArrowDown on a cell no longer selects the cell below").to_have_class(
               re.compile(r"\bjp-mod-active\b"))
    page.keyboard.press("ArrowUp")
    assert _active_cell(page) == start, "ArrowUp on a cell did not select the cell above"


# After the preset test: both run on one Run All (conftest.py, shared_run), and this one
# leaves the preset dropdown at "Custom".
def test_payoff_editor_updates_from_the_keyboard(ran_notebook, jupyterlab_server, tmp_path):
    from playwright.sync_api import expect

    page, server = ran_notebook(NOTEBOOK, tmp_path), jupyterlab_server
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
