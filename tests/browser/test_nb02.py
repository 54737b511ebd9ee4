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

import time
from contextlib import contextmanager

import pytest

from .jupyterlab import (
    error_mark,
    problems_since,
    run_notebook_and_check,
    screenshot,
    set_slider_by_keyboard,
    set_text_by_keyboard,
)

pytestmark = pytest.mark.browser

NOTEBOOK = "02_primary_dilemma.ipynb"


@contextmanager
def _screenshot_on_failure(page, directory, name, show):
    """Re-raise an AssertionError with the path of a screenshot taken at that moment."""
    try:
        yield
    except AssertionError as exc:
        shot = screenshot(page, directory, name, show=show)
        raise AssertionError(f"{exc}\n(screenshot: {shot})") from exc


def _own(root):
    """The summary, figure and error line of a widget root (its own: the last ones)."""
    return (root.locator(".alliances-summary").last,
            root.locator("img.alliances-figure, .alliances-figure img").last,
            root.locator(".alliances-error").last)


def _check_changed(page, server, mark, root, summary, figure, before_text, before_src,
                   what, must_mention):
    from playwright.sync_api import expect

    expect(summary, f"the summary did not change after {what}").not_to_have_text(
        before_text, timeout=5_000)
    expect(figure, f"the figure did not change after {what}").not_to_have_attribute(
        "src", before_src, timeout=5_000)
    assert must_mention in summary.inner_text(), summary.inner_text()
    expect(_own(root)[2]).to_be_empty()
    problems = problems_since(page, server, mark)
    assert not problems, f"errors after {what}:\n" + "\n".join(problems)


def test_every_widget_answers_the_keyboard(lab_page, jupyterlab_server, tmp_path):
    from playwright.sync_api import expect

    page, server = lab_page, jupyterlab_server
    run_notebook_and_check(page, server, NOTEBOOK, screenshot_dir=tmp_path)

    # ---- the live family map: type a payoff, then press Swap P and S
    root = page.locator(".alliances-family-map").first
    summary, figure, _ = _own(root)
    temptation = root.locator(".alliances-payoff input").nth(4)     # State A's T
    with _screenshot_on_failure(page, tmp_path, "before_family_map", show=root):
        expect(root, f"no family map in {NOTEBOOK} after Run All").to_be_visible()
        expect(summary).to_contain_text("Prisoner's Dilemma region")
        before_text, before_src = summary.inner_text(), figure.get_attribute("src")
        assert before_src, "the map's <img> has no src"
    mark = error_mark(page, server)
    started = time.monotonic()
    set_text_by_keyboard(page, temptation, "2.5", commit="Enter")   # T below R: Stag Hunt
    with _screenshot_on_failure(page, tmp_path, "after_family_map_typing", show=root):
        _check_changed(page, server, mark, root, summary, figure, before_text, before_src,
                       "typing T = 2.5", "Stag Hunt region")
        expect(temptation, "the payoff box lost focus after Enter").to_be_focused()
    print(f"family map: summary changed {(time.monotonic() - started) * 1000:.0f} ms after "
          "typing")
    before_text, before_src = summary.inner_text(), figure.get_attribute("src")
    mark = error_mark(page, server)
    swap = root.locator(".alliances-swap").first
    swap.focus()
    page.keyboard.press("Enter")
    with _screenshot_on_failure(page, tmp_path, "after_swap", show=root):
        # T = 2.5, R = 3, P = 1, S = 2 after the swap: R > T > S > P, cooperating dominant.
        _check_changed(page, server, mark, root, summary, figure, before_text, before_src,
                       "pressing Swap P and S", "P = 1, S = 2")

    # ---- the sliders of the Jervis and discount-factor widgets
    for css, slider_css, presses, key, mention in (
            ("alliances-jervis", "alliances-offence", 6, "ArrowLeft", "World 2"),
            ("alliances-discount", "alliances-delta", 3, "ArrowLeft", "δ = 0.45")):
        root = page.locator(f".{css}").first
        summary, figure, _ = _own(root)
        slider = root.locator(f".{slider_css}").first
        readout = slider.locator(".widget-readout").first
        with _screenshot_on_failure(page, tmp_path, f"before_{css}", show=root):
            expect(root, f"no {css} widget in {NOTEBOOK} after Run All").to_be_visible()
            expect(summary).not_to_be_empty()
            before_text, before_src = summary.inner_text(), figure.get_attribute("src")
            before_value = readout.inner_text()
        mark = error_mark(page, server)
        started = time.monotonic()
        set_slider_by_keyboard(page, slider, presses=presses, key=key)
        with _screenshot_on_failure(page, tmp_path, f"after_{css}", show=root):
            expect(readout, f"{slider_css} did not move with {key}").not_to_have_text(
                before_value, timeout=5_000)
            expect(summary, "the summary has not reached the last key press").to_contain_text(
                mention, timeout=5_000)
            _check_changed(page, server, mark, root, summary, figure, before_text, before_src,
                           f"{presses} x {key} on {slider_css}", mention)
            expect(slider.locator(".noUi-handle").first,
                   f"the {slider_css} slider lost focus").to_be_focused()
        print(f"{css}: {before_value} -> {readout.inner_text()} in "
              f"{(time.monotonic() - started) * 1000:.0f} ms")
