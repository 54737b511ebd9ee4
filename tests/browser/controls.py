"""Find every course widget and control on a JupyterLab page and operate it by keyboard.

Shared by the whole-course browser test (``test_accessibility.py``) and the end-to-end
latency benchmark (``benchmarks/bench_browser.py``). Nothing is listed by hand:

* a widget is any element with the CSS class ``alliances-widget`` (every
  ``LiveFigure`` has it), in the notebook of the current tab;
* its controls are the elements with ``alliances-control`` or ``alliances-payoff``
  (and the ``alliances-preset`` / ``alliances-reset`` of the PayoffEditor) whose
  nearest widget is that one (a widget may contain another, e.g. an editor);
* each control is driven as a keyboard user would: a slider's handle gets focus and an
  arrow key; a number field gets focus, select-all, the new number and Enter; a dropdown
  gets focus and an arrow key; a button or checkbox gets focus and Enter or Space.

:func:`discover` tags the elements with ``data-a11y-widget`` / ``data-a11y-control``
attributes so that Playwright locators can find them again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .jupyterlab import CURRENT_NOTEBOOK

CONTROL_SELECTOR = ".alliances-control, .alliances-payoff, .alliances-preset, .alliances-reset"

_DISCOVER_JS = """
([panelSelector, controlSelector]) => {
  const panel = document.querySelector(panelSelector);
  if (!panel) return [];
  const roots = [...panel.querySelectorAll('.alliances-widget')];
  const visible = (el) => !!(el && el.offsetParent !== null &&
                             getComputedStyle(el).visibility !== 'hidden');
  const labelOf = (el) => {
    const own = el.querySelector(':scope > .widget-label, :scope > label, ' +
                                 ':scope > .widget-text > .widget-label');
    const button = el.matches('button') ? el : null;
    const input = el.querySelector('input, select, textarea, .noUi-handle');
    const aria = (input && (input.getAttribute('aria-label') ||
                            (input.getAttribute('aria-labelledby') &&
                             document.getElementById(input.getAttribute('aria-labelledby'))
                               ?.textContent))) || '';
    const text = (own && visible(own) ? own.textContent : '') ||
                 (button ? button.textContent : '') || aria || '';
    return text.trim();
  };
  const kindOf = (el) => {
    if (el.matches('button') || el.querySelector(':scope > button')) return 'button';
    if (el.querySelector('.noUi-handle')) return 'slider';
    if (el.querySelector('select')) return 'dropdown';
    if (el.querySelector('input[type=checkbox]')) return 'checkbox';
    if (el.querySelector('input[type=number]')) return 'number';
    if (el.querySelector('input, textarea')) return 'text';
    if (el.querySelector('button')) return 'buttons';
    return 'unknown';
  };
  return roots.map((root, i) => {
    root.setAttribute('data-a11y-widget', String(i));
    const figure = [...root.querySelectorAll('img.alliances-figure, .alliances-figure img')]
      .find((img) => img.closest('.alliances-widget') === root);
    if (figure) figure.setAttribute('data-a11y-figure', String(i));
    const name = [...root.classList].find(
      (c) => c.startsWith('alliances-') && c !== 'alliances-widget') || 'alliances-widget';
    const controls = [...root.querySelectorAll(controlSelector)]
      .filter((el) => el.closest('.alliances-widget') === root)
      .map((el, j) => {
        el.setAttribute('data-a11y-control', `${i}-${j}`);
        return {id: `${i}-${j}`, kind: kindOf(el), label: labelOf(el), visible: visible(el)};
      });
    const outer = root.parentElement ? root.parentElement.closest('.alliances-widget') : null;
    return {index: i, name, controls, parent: outer ? roots.indexOf(outer) : null};
  });
}
"""


@dataclass
class Control:
    widget: int
    id: str
    kind: str
    label: str
    visible: bool

    def locator(self, page):
        return page.locator(f'[data-a11y-control="{self.id}"]')


@dataclass
class Widget:
    index: int
    name: str
    controls: list[Control]
    parent: int | None = None     # index of the widget this one sits inside, if any

    def locator(self, page):
        return page.locator(f'[data-a11y-widget="{self.index}"]')

    def figure(self, page):
        """The widget's own figure ``<img>`` (not that of a widget inside it)."""
        return page.locator(f'img[data-a11y-figure="{self.index}"]').first

    def summary(self, page):
        return self.locator(page).locator(".alliances-summary").first


def discover(page) -> list[Widget]:
    """Every course widget in the current notebook, with its controls."""
    found = page.evaluate(_DISCOVER_JS, [CURRENT_NOTEBOOK, CONTROL_SELECTOR])
    return [Widget(w["index"], w["name"], [Control(w["index"], **c) for c in w["controls"]],
                   w["parent"]) for w in found]


def _number(text: str | None, default: float) -> float:
    try:
        # a decimal comma in the Indonesian edition's number fields ("0,5")
        return float(text.replace(",", ".")) if text not in (None, "") else default
    except ValueError:
        return default


def _format(value: float) -> str:
    value = round(value, 10)
    return str(int(value)) if value == int(value) else format(value, "g")


#: Keys whose press starts a measured change (see :data:`LATENCY_JS`).
COMMIT_KEYS = ("ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown", "Enter", " ", "Home", "End")


def operate(page, control: Control) -> str:
    """Change ``control`` by one step from the keyboard; return what was done.

    The last key pressed (the one that commits the change) is one of
    :data:`COMMIT_KEYS`. Raises ``AssertionError`` if the element cannot take focus.
    """
    element = control.locator(page)
    if control.kind == "slider":
        handle = element.locator(".noUi-handle").first
        now = _number(handle.get_attribute("aria-valuenow"), 0)
        high = _number(handle.get_attribute("aria-valuemax"), float("inf"))
        key = "ArrowLeft" if now >= high else "ArrowRight"
        handle.focus()
        _assert_focused(page, handle, control)
        page.keyboard.press(key)
        return key
    if control.kind in ("number", "text"):
        field = element.locator("input, textarea").first
        current = _number(field.input_value(), 0)
        step = _number(field.get_attribute("step"), 1) or 1
        high = _number(field.get_attribute("max"), float("inf"))
        new = current + step if current + step <= high else current - step
        field.focus()
        _assert_focused(page, field, control)
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type(_format(new))
        page.keyboard.press("Enter")
        return f"typed {_format(new)} + Enter"
    if control.kind == "dropdown":
        # The arrow keys choose the next/previous option, in JupyterLab too: its notebook
        # shortcuts are kept off form controls (binder/overrides.json, see
        # tools/lab_shortcuts.py); before that, ArrowDown selected the cell below.
        select = element.locator("select").first
        last = select.evaluate("(s) => s.selectedIndex >= s.options.length - 1")
        key = "ArrowUp" if last else "ArrowDown"
        select.focus()
        _assert_focused(page, select, control)
        page.keyboard.press(key)
        return key
    if control.kind == "checkbox":
        box = element.locator("input[type=checkbox]").first
        box.focus()
        _assert_focused(page, box, control)
        page.keyboard.press(" ")
        return "Space"
    if control.kind in ("button", "buttons"):
        button = element if element.evaluate("(e) => e.matches('button')") else \
            element.locator("button").first
        button.focus()
        _assert_focused(page, button, control)
        page.keyboard.press("Enter")
        return "Enter"
    raise AssertionError(f"do not know how to operate {control.kind} control {control.label!r}")


def _assert_focused(page, locator, control: Control) -> None:
    focused = locator.evaluate("(el) => el === document.activeElement")
    assert focused, f"{control.kind} control {control.label!r} cannot take keyboard focus"


#: Installed once per widget: records, for every change of the widget's figure, the time
#: from the last commit key press to the new image decoded and painted.
LATENCY_JS = """
([img, keys]) => {
  const state = window.__alliancesLatency = {down: null, shown: []};
  if (window.__alliancesKeyListener) {
    document.removeEventListener('keydown', window.__alliancesKeyListener, true);
  }
  window.__alliancesKeyListener = (e) => {
    if (keys.includes(e.key)) state.down = performance.now();
  };
  document.addEventListener('keydown', window.__alliancesKeyListener, true);
  if (window.__alliancesObserver) window.__alliancesObserver.disconnect();
  // The figure is an HTML widget whose content (one <img> per panel) is replaced on every
  // update: watch the widget's element, and wait until every new image is decoded.
  const holder = img.closest('.alliances-figure') || img.parentElement;
  window.__alliancesObserver = new MutationObserver(() => {
    const start = state.down;
    const images = [...holder.querySelectorAll('img')];
    Promise.all(images.map((i) => i.decode().catch(() => null))).then(
      () => requestAnimationFrame(() => {
        state.shown.push(start === null ? null : performance.now() - start);
      }));
  });
  window.__alliancesObserver.observe(holder, {childList: true, subtree: true,
                                              attributes: true, attributeFilter: ['src']});
}
"""


def watch_latency(page, widget: Widget) -> None:
    """Start recording key-to-new-image times for ``widget``'s figure."""
    handle = widget.figure(page).element_handle()
    page.evaluate(LATENCY_JS, [handle, list(COMMIT_KEYS)])


def timed_change(page, control: Control, timeout: float = 5.0) -> float | None:
    """Operate ``control``; milliseconds until the widget's new figure was on screen.

    None if the figure did not change within ``timeout`` seconds (some steps change
    nothing that the figure shows).
    """
    before = page.evaluate("() => window.__alliancesLatency.shown.length")
    operate(page, control)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = page.evaluate("() => window.__alliancesLatency.shown")
        if len(shown) > before:
            return shown[before]
        page.wait_for_timeout(10)
    return None
