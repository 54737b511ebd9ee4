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

import time
from contextlib import contextmanager

import pytest

from .jupyterlab import (
    error_mark,
    problems_since,
    run_notebook_and_check,
    screenshot,
    set_text_by_keyboard,
)

pytestmark = pytest.mark.browser

NOTEBOOK = "00_start_here.ipynb"


def _new_value(field) -> float:
    """A payoff different from the field's, inside its bounds."""
    current = float(field.input_value())
    high = float(field.get_attribute("max") or "inf")
    return current + 1 if current + 1 <= high else current - 1


def _format(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


@contextmanager
def _screenshot_on_failure(page, directory, name, show):
    """Re-raise an AssertionError with the path of a screenshot taken at that moment."""
    try:
        yield
    except AssertionError as exc:
        shot = screenshot(page, directory, name, show=show)
        raise AssertionError(f"{exc}\n(screenshot: {shot})") from exc


def test_payoff_editor_updates_from_the_keyboard(lab_page, jupyterlab_server, tmp_path):
    from playwright.sync_api import expect

    page, server = lab_page, jupyterlab_server
    run_notebook_and_check(page, server, NOTEBOOK, screenshot_dir=tmp_path)

    editor = page.locator(".alliances-payoff-editor").first
    field = editor.locator(".alliances-payoff input").first
    summary = editor.locator(".alliances-summary").first
    figure = editor.locator("img.alliances-figure, .alliances-figure img").first
    with _screenshot_on_failure(page, tmp_path, "before_keyboard_edit", show=editor):
        expect(editor, f"no PayoffEditor in {NOTEBOOK} after Run All").to_be_visible()
        expect(summary, "the PayoffEditor has no summary text").not_to_be_empty()
        before_text = summary.inner_text()
        before_src = figure.get_attribute("src")
        assert before_src, "the figure <img> of the PayoffEditor has no src"

    new = _new_value(field)
    mark = error_mark(page, server)
    started = time.monotonic()
    set_text_by_keyboard(page, field, _format(new), commit="Enter")
    with _screenshot_on_failure(page, tmp_path, "after_keyboard_edit", show=editor):
        expect(summary, f"the summary did not change after typing {new}").not_to_have_text(
            before_text, timeout=5_000
        )
        latency = time.monotonic() - started
        expect(figure, f"the figure did not change after typing {new}").not_to_have_attribute(
            "src", before_src, timeout=5_000
        )
        # Keyboard users keep their place: the update must not re-render the field.
        expect(field, "the payoff field lost focus after Enter").to_be_focused()
        assert float(field.input_value()) == new, (
            f"the payoff field shows {field.input_value()!r}, not the typed {new}"
        )
        problems = problems_since(page, server, mark)
        assert not problems, "errors after editing a payoff:\n" + "\n".join(problems)
    shot = screenshot(page, tmp_path, "after_keyboard_edit", show=editor)
    print(f"summary changed {latency * 1000:.0f} ms after the first keystroke; screenshot: {shot}")
