"""The steps the per-notebook browser tests share: change a control, check the widget.

Every course widget (a ``LiveFigure``) has the same DOM contract: a root box with the
CSS class ``alliances-widget`` and its own class, controls with ``alliances-control``, a
one-sentence summary ``.alliances-summary``, a figure ``.alliances-figure`` (an
``<img>``) and an error line ``.alliances-error`` that is empty unless an update failed.
A widget may contain another (the family map holds a payoff editor), so a widget's own
summary, figure and error line are the last ones inside its root.

:func:`act_and_check` does one change and checks that the widget answered: the summary
changed and says what it must, the figure changed, no error is shown, and neither the
page nor the server logged a problem. :func:`move_slider` does it for a slider moved by
arrow keys, and also checks that the slider moved and kept the keyboard focus.
:func:`tab_and_press` reaches a control with Tab and presses a key on it (a dropdown's
``<select>``: ArrowDown chooses the next option, in JupyterLab too, see
tools/lab_shortcuts.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from .jupyterlab import error_mark, problems_since, screenshot, set_slider_by_keyboard

FIGURE = "img.alliances-figure, .alliances-figure img"
#: Issue 18's limits for a figure as shown (JupyterLab in test_widget_layout, Voilà in
#: test_voila): at most 5 % larger than drawn, proportions within 5 %, text of 9 px or more.
MAX_ENLARGEMENT = 1.05
MAX_DISTORTION = 0.05
MIN_TEXT_PX = 9.0


@contextmanager
def screenshot_on_failure(page, directory: Path, name: str, show=None):
    """Re-raise an AssertionError with the path of a screenshot taken at that moment."""
    try:
        yield
    except AssertionError as exc:
        shot = screenshot(page, directory, name, show=show)
        raise AssertionError(f"{exc}\n(screenshot: {shot})") from exc


def own_parts(root):
    """The summary, figure and error line of a widget root (its own: the last ones)."""
    return (root.locator(".alliances-summary").last, root.locator(FIGURE).last,
            root.locator(".alliances-error").last)


def slider_labelled(root, label: str):
    """The slider of ``root`` whose description contains ``label``."""
    return root.locator(".alliances-control.widget-slider").filter(has_text=label).first


def widget_root(page, css: str, notebook: str, screenshot_dir: Path):
    """The first widget with the CSS class ``css``, checked to be visible with a summary."""
    from playwright.sync_api import expect

    root = page.locator(f".{css}").first
    summary, figure, _ = own_parts(root)
    with screenshot_on_failure(page, screenshot_dir, f"missing_{css}", show=root):
        expect(root, f"no {css} widget in {notebook} after Run All").to_be_visible()
        expect(summary, f"{css} has no summary text").not_to_be_empty()
        assert figure.get_attribute("src"), f"the figure <img> of {css} has no src"
    return root


def act_and_check(page, server, root, act: Callable[[], object], *, what: str,
                  mention: str | None, screenshot_dir: Path) -> float:
    """Do ``act``; check that the widget answered (and that its summary then contains
    ``mention``, unless None). Returns the milliseconds from the act to the first change
    of the summary."""
    from playwright.sync_api import expect

    summary, figure, error = own_parts(root)
    before_text, before_src = summary.inner_text(), figure.get_attribute("src")
    mark = error_mark(page, server)
    started = time.monotonic()
    act()
    name = "after_" + "".join(c if c.isalnum() else "_" for c in what)[:40]
    with screenshot_on_failure(page, screenshot_dir, name, show=root):
        expect(summary, f"the summary did not change after {what}").not_to_have_text(
            before_text, timeout=5_000)
        latency = (time.monotonic() - started) * 1000
        if mention is not None:
            expect(summary, f"after {what} the summary should mention {mention!r}"
                   ).to_contain_text(mention, timeout=5_000)
        expect(figure, f"the figure did not change after {what}").not_to_have_attribute(
            "src", before_src, timeout=5_000)
        expect(error, f"an error is shown after {what}").to_be_empty()
        problems = problems_since(page, server, mark)
        assert not problems, f"errors after {what}:\n" + "\n".join(problems)
    print(f"{what}: the summary changed {latency:.0f} ms after the key press")
    return latency


def readout_of(slider):
    """The text box that shows (and takes) a course slider's value: the slider's own
    read-out is replaced by a checked number field beside it (see
    ``alliances.widgets.fields.with_readout``)."""
    return slider.locator("xpath=ancestor::*[contains(@class,'alliances-slider-row')][1]"
                          ).locator(".alliances-readout input").first


def move_slider(page, server, root, slider, *, label: str, mention: str,
                screenshot_dir: Path, key: str = "ArrowRight", presses: int = 1) -> float:
    """Move ``slider`` by ``presses`` arrow keys and check the widget answered; the slider
    must show the new value and keep the keyboard focus. Returns the latency (ms)."""
    from playwright.sync_api import expect

    handle = slider.locator(".noUi-handle").first
    readout = readout_of(slider)
    with screenshot_on_failure(page, screenshot_dir, f"before_{key}", show=root):
        expect(slider, f"no slider labelled {label!r}").to_be_visible()
    before_value = readout.input_value()
    latency = act_and_check(
        page, server, root, lambda: set_slider_by_keyboard(page, slider, presses=presses,
                                                           key=key),
        what=f"{presses} x {key} on {label}", mention=mention, screenshot_dir=screenshot_dir)
    with screenshot_on_failure(page, screenshot_dir, f"after_{key}_focus", show=root):
        expect(readout, f"{label} did not move with {key}").not_to_have_value(
            before_value, timeout=5_000)
        # Keyboard users keep their place: the handle keeps focus after the update.
        expect(slider.locator(".noUi-handle").first,
               f"the {label} slider lost focus").to_be_focused()
    return latency


def tab_and_press(page, control, key: str, *, start, presses: int = 5) -> None:
    """Focus ``start`` (a control near ``control``), reach ``control`` with Tab (Shift+Tab
    if ``start`` comes after it), at most ``presses`` times, and press ``key`` on it."""
    from playwright.sync_api import expect

    control.scroll_into_view_if_needed()
    after = start.evaluate("(s, c) => !!(c.compareDocumentPosition(s) & "
                           "Node.DOCUMENT_POSITION_FOLLOWING)", control.element_handle())
    start.focus()
    for _ in range(presses):
        page.keyboard.press("Shift+Tab" if after else "Tab")
        if control.evaluate("(c) => c === document.activeElement"):
            break
    expect(control, "Tab does not reach the control").to_be_focused()
    page.keyboard.press(key)


def options_of(select) -> list[str]:
    """The texts of a ``<select>``'s options, in order."""
    return select.evaluate("(s) => [...s.options].map((o) => o.text)")


def chosen_option(select) -> str:
    """The text of a ``<select>``'s chosen option."""
    return select.evaluate("(s) => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text")
