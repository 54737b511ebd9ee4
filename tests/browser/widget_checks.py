"""The steps the per-notebook browser tests share: change a control, check the widget.

Every course widget (a ``LiveFigure``) has the same DOM contract: a root box with the
CSS class ``alliances-widget`` and its own class, controls with ``alliances-control``, a
one-sentence summary ``.alliances-summary``, a figure ``.alliances-figure`` (an
``<img>``, or one per panel of a two-panel figure) and an error line ``.alliances-error``
that is empty unless an update failed.
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
#: Issue 18: the window sizes every widget is measured at, and the tallest a widget may be
#: at 1280x800 (controls, sentence and figure on one screen).
LAYOUT_SIZES = [(1280, 800), (1024, 768)]
MAX_HEIGHT = 720


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


def figure_sources(root) -> str:
    """The ``src`` of every image of a widget's own figure (one per panel), joined: it
    changes when any panel changes."""
    return root.locator(".alliances-figure").last.evaluate(
        "(el) => [...el.querySelectorAll('img')].map((img) => img.src).join('|')")


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

    summary, _figure, error = own_parts(root)
    before_text, before_src = summary.inner_text(), figure_sources(root)
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
        deadline = time.monotonic() + 5
        while figure_sources(root) == before_src and time.monotonic() < deadline:
            page.wait_for_timeout(20)
        assert figure_sources(root) != before_src, f"the figure did not change after {what}"
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


_MEASURE_JS = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const roots = [...panel.querySelectorAll('.alliances-widget')];
  return roots.map((root, i) => {
    root.setAttribute('data-layout-widget', String(i));
    const own = (el) => el.closest('.alliances-widget') === root;
    const main = [...root.querySelectorAll('.alliances-main')].find(own);
    // A figure the widget hides on purpose (the family map hides its editor's) is skipped.
    const images = [...root.querySelectorAll('img.alliances-figure-img')].filter(own)
      .filter((img) => img.offsetParent !== null)
      .map((img) => {
        const r = img.getBoundingClientRect();
        return {shown_w: r.width, shown_h: r.height,
                drawn_w: Number(img.getAttribute('width')),
                drawn_h: Number(img.getAttribute('height')),
                alt: img.getAttribute('alt') || '',
                min_text: Number(img.getAttribute('data-min-text-px') || 0)};
      });
    const name = [...root.classList].find(
      (c) => c.startsWith('alliances-') && c !== 'alliances-widget');
    // Control labels cut short: ipywidgets clips a description that does not fit its
    // width and shows an ellipsis (the full text only in a tooltip). A label of no width
    // is not shown (a slider whose description the course shows in a label of its own).
    // A button's text is clipped the same way when its row is too narrow.
    const clipped = [...root.querySelectorAll(
        '.widget-label, .widget-label-basic, button.jupyter-button')]
      .filter(own).filter((el) => el.offsetParent !== null && el.textContent.trim())
      .filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent.trim());
    return {index: i, name, height: main ? main.getBoundingClientRect().height : null,
            clipped,
            images, any_image: [...root.querySelectorAll('img.alliances-figure-img')]
              .some(own), shown: root.offsetParent !== null && !!main && main.offsetParent !== null};
  });
}
"""


def measure(page) -> list[dict]:
    return page.evaluate(_MEASURE_JS)


#: Two animation frames: a resize reaches JupyterLab's layout in one, is painted in the next.
_TWO_FRAMES_JS = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"


def settled(page, read=measure, timeout: float = 3.0):
    """What ``read(page)`` gives once the page stands still: read after two animation
    frames, again and again, until two readings agree (or ``timeout`` seconds pass; then
    the last reading). Used after a resize instead of a fixed wait."""
    page.evaluate(_TWO_FRAMES_JS)
    last = read(page)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.evaluate(_TWO_FRAMES_JS)
        now = read(page)
        if now == last:
            return now
        last = now
    return last


def image_problems(image: dict) -> list[str]:
    """What is wrong with one figure ``<img>`` as shown (issue 18's limits): ``image`` has
    its shown and drawn sizes (``shown_w``, ``shown_h``, ``drawn_w``, ``drawn_h``) and
    ``min_text``, its smallest text in pixels at the drawn size (0 if not known)."""
    w, h = image["shown_w"], image["shown_h"]
    dw, dh = image["drawn_w"], image["drawn_h"]
    if not (dw and dh and w and h):
        return [f"figure not measurable {image}"]
    found = []
    if w > MAX_ENLARGEMENT * dw or h > MAX_ENLARGEMENT * dh:
        found.append(f"figure shown at {w:.0f}x{h:.0f}, drawn {dw}x{dh}")
    if abs((w / h) / (dw / dh) - 1) > MAX_DISTORTION:
        found.append(f"proportions {w / h:.3f} shown, {dw / dh:.3f} drawn")
    if image["min_text"] and image["min_text"] * w / dw < MIN_TEXT_PX:
        found.append(f"smallest figure text {image['min_text'] * w / dw:.1f} px on screen "
                     f"(figure shown at {w / dw:.2f} of its drawn size)")
    return found


def problems_of(widget: dict, size: tuple[int, int]) -> list[str]:
    """What is wrong with one measured widget at one window size (empty if nothing)."""
    name, found = widget["name"], []
    if not widget["shown"]:
        return found
    if not widget["any_image"]:
        found.append(f"{name}: no figure <img>")
    for image in widget["images"]:
        found += [f"{name}: {problem}" for problem in image_problems(image)]
        if not image["alt"].strip():
            found.append(f"{name}: figure without alt text")
    found += [f"{name}: the label {label!r} is cut short" for label in widget["clipped"]]
    if size == (1280, 800) and widget["height"] and widget["height"] > MAX_HEIGHT:
        found.append(f"{name}: {widget['height']:.0f} px tall (limit {MAX_HEIGHT})")
    return found


#: Where a widget is and how big, rounded to the pixel: stable once it is in place.
_PLACE_JS = """(el) => { const r = el.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height].map(Math.round); }"""


def layout_problems(page, stem: str, artefacts: Path) -> list[str] | None:
    """Measure every course widget of the notebook on ``page`` (already run) at each of
    :data:`LAYOUT_SIZES`; return what is wrong (see :func:`problems_of`), or None if the
    notebook shows no course widget. A screenshot of each widget at each size goes into
    ``artefacts`` as ``{stem}_{index}_{widget}_{width}.png``; the window is left as it was.
    """
    start = page.viewport_size
    problems, report = [], []
    for size in LAYOUT_SIZES:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        widgets = settled(page)
        if not widgets:
            return None
        for widget in widgets:
            root = page.locator(f'[data-layout-widget="{widget["index"]}"]')
            # A widget taller than the window (panels wrapped at 1,024 px) is shown whole
            # in its screenshot: the window is made taller for it, its width unchanged.
            tall = root.evaluate("(el) => el.getBoundingClientRect().height") > size[1] - 120
            if tall:
                page.set_viewport_size({"width": size[0], "height": 1600})
            root.evaluate("(el) => el.scrollIntoView({block: 'start'})")
            settled(page, read=lambda page, root=root: root.evaluate(_PLACE_JS))
            artefacts.mkdir(parents=True, exist_ok=True)
            root.screenshot(path=str(artefacts / f"{stem}_{widget['index']}_{widget['name']}_"
                                                 f"{size[0]}.png"))
            if tall:
                page.set_viewport_size({"width": size[0], "height": size[1]})
                settled(page)
            images = ", ".join(f"{i['shown_w']:.0f}x{i['shown_h']:.0f} of {i['drawn_w']}x"
                               f"{i['drawn_h']}" for i in widget["images"])
            report.append(f"{size[0]}x{size[1]} {widget['name']}: height "
                          f"{widget['height'] or 0:.0f} px; figures {images}")
            problems += [f"{size[0]}x{size[1]} {p}" for p in problems_of(widget, size)]
    print("\n".join(report))
    if start:
        page.set_viewport_size(start)
    return problems
