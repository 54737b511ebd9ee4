"""Accessible: labelled figures, text alternatives, a colour-blind-safe palette, labelled controls.

Everything is discovered, so new plots, widgets and notebooks are covered:

* every figure the library draws (each public ``plot_*`` function and ``*Plot`` class,
  called with the arguments of its own doctest, see ``tests/api_examples.py``) and every
  widget's figure: each Axes that shows a scale has a title (or its figure a suptitle)
  and a label on each axis that shows tick labels;
* in every stored notebook, every image output has a text alternative next to it: a
  text output of the same cell (a widget's one-sentence summary, say), a markdown cell
  right after it, or a text output of the next cell; images in markdown have alt text;
* the palette, as a computation: each category colour of ``alliances.views.style.PALETTE`` is
  simulated under protanopia, deuteranopia and tritanopia (Machado, Oliveira and
  Fernandes 2009, severity 1.0, applied to linear sRGB), converted to CIELAB (D65) and
  compared with CIEDE2000; every pair must stay at least ``MIN_DELTA_E`` apart. Legends
  whose entries differ by colour alone (same marker, same line style) are checked the same
  way, colour by colour, in every figure;
* text colours of the widgets' HTML meet WCAG 2 AA contrast (4.5:1) on white;
* every widget control has a visible label (its description, a button's text, or a
  label beside it in the same row), and is a keyboard-operable kind of control (the
  browser tests then drive each one from the keyboard: tests/browser/test_accessibility.py).

The colour maths is implemented here with numpy and checked against published reference
values, so the test needs no colour library.
"""

from __future__ import annotations

import html
import itertools
import re

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from alliances.i18n import language as speaking
from alliances.widgets.fields import NumberField
from api_examples import CLASS, FUNCTION, public_callables, recorded_examples
from figure_texts import overlapping_texts, shown_texts
from notebook_tools import course_notebooks, read
from test_bad_input import WIDGET_CLASSES, widget_controls

#: A sweep over every figure of the library: left out of the quick subset
#: (python3 -m course test --quick).
pytestmark = pytest.mark.slow

# ----------------------------------------------------------------------------------------
# Colour science (numpy only)
# ----------------------------------------------------------------------------------------

#: Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of
#: color vision deficiency", IEEE TVCG 15(6): the matrices for severity 1.0, which act on
#: linear RGB.
MACHADO_2009 = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
VISIONS = {"normal vision": np.eye(3), **MACHADO_2009}

#: Linear sRGB to CIE XYZ (IEC 61966-2-1, D65).
SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])
D65_WHITE = SRGB_TO_XYZ @ np.ones(3)

#: Smallest CIEDE2000 difference allowed between two category colours, under every
#: vision above. About 10 is a clear difference at a glance for coloured marks
#: (1 is a just-noticeable difference for flat patches side by side); the Okabe-Ito
#: colours that the library uses for categories keep at least 10.9 (orange and reddish
#: purple under tritanopia).
MIN_DELTA_E = 10.0
#: The two players' colours carry the most meaning (row and column): keep them far apart.
MIN_DELTA_E_PLAYERS = 20.0
#: WCAG 2 AA contrast for normal-size text.
MIN_TEXT_CONTRAST = 4.5


def srgb_to_linear(rgb: np.ndarray) -> np.ndarray:
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def linear_to_lab(linear: np.ndarray) -> np.ndarray:
    t = (SRGB_TO_XYZ @ np.asarray(linear, dtype=float)) / D65_WHITE
    d = 6 / 29
    f = np.where(t > d**3, np.cbrt(t), t / (3 * d * d) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def simulate(colour: str, vision: str) -> np.ndarray:
    """CIELAB of ``colour`` as seen with ``vision`` (clipped to the displayable range)."""
    linear = np.clip(VISIONS[vision] @ srgb_to_linear(to_rgb(colour)), 0, 1)
    return linear_to_lab(linear)


def delta_e_2000(lab1: np.ndarray, lab2: np.ndarray) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005)."""
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dh = h2p - h1p
    if c1p * c2p == 0:
        dh = 0.0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    d_l, d_c = L2 - L1, c2p - c1p
    d_h = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_bar, c_bar_p = (L1 + L2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        h_bar = (h1p + h2p + 360) / 2
    else:
        h_bar = (h1p + h2p - 360) / 2
    t = (1 - 0.17 * np.cos(np.radians(h_bar - 30)) + 0.24 * np.cos(np.radians(2 * h_bar))
         + 0.32 * np.cos(np.radians(3 * h_bar + 6)) - 0.20 * np.cos(np.radians(4 * h_bar - 63)))
    d_theta = 30 * np.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(c_bar_p**7 / (c_bar_p**7 + 25**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / np.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * c_bar_p
    s_h = 1 + 0.015 * c_bar_p * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    return float(np.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2
                         + r_t * (d_c / s_c) * (d_h / s_h)))


def contrast_ratio(foreground: str, background: str = "#FFFFFF") -> float:
    """WCAG 2 contrast ratio of two colours."""
    def luminance(colour: str) -> float:
        return float(np.array([0.2126, 0.7152, 0.0722]) @ srgb_to_linear(to_rgb(colour)))

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- the colour maths against published values -------------------------------------------

# (L1, a1, b1, L2, a2, b2, CIEDE2000): reference pairs published with a CIEDE2000
# implementation tested across 14 languages (github.com/michel-leonard/ciede2000,
# tests/README), and the first pair of Sharma, Wu & Dalal's (2005) test data.
CIEDE2000_REFERENCE = [
    (73.0, 49.0, 39.4, 73.0, 49.0, 39.4, 0.0),
    (15.0, -55.0, 6.7, 14.0, -55.0, 7.0, 0.6731711696),
    (35.5, -99.0, 109.0, 25.0, -99.0, 109.0, 8.1462591143),
    (40.0, -92.0, 7.7, 58.0, -92.0, -8.0, 19.1411733022),
    (49.0, -9.0, -74.5, 51.1, 31.0, 16.0, 48.1082375109),
    (98.0, 75.7, 11.0, 3.0, -62.0, 11.0, 126.5088270078),
    (50.0, 2.6772, -79.7751, 50.0, 0.0, -82.7485, 2.0425),
]


@pytest.mark.parametrize("row", CIEDE2000_REFERENCE)
def test_ciede2000_matches_reference_values(row) -> None:
    assert delta_e_2000(np.array(row[:3]), np.array(row[3:6])) == pytest.approx(row[6], abs=1e-4)


def test_srgb_to_lab_matches_known_values() -> None:
    assert linear_to_lab(np.ones(3)) == pytest.approx([100, 0, 0], abs=1e-6)
    # sRGB red is L* 53.24, a* 80.09, b* 67.20 (CIELAB, D65), a standard conversion.
    red = linear_to_lab(srgb_to_linear(to_rgb("#FF0000")))
    assert red == pytest.approx([53.24, 80.09, 67.20], abs=0.01)


def test_simulation_keeps_greys_and_confuses_red_with_green() -> None:
    """Machado's matrices keep white and grey, and do what they are for."""
    for vision in MACHADO_2009:
        assert delta_e_2000(simulate("#999999", vision), simulate("#999999", "normal vision")) \
            < 0.5
    # A saturated red and green lose most of their difference for protanopes and
    # deuteranopes, much less for tritanopes.
    red, green = "#D81B1B", "#3C9A00"
    normal = delta_e_2000(simulate(red, "normal vision"), simulate(green, "normal vision"))
    for vision in ("protanopia", "deuteranopia"):
        assert delta_e_2000(simulate(red, vision), simulate(green, vision)) < 0.5 * normal
    assert delta_e_2000(simulate(red, "tritanopia"), simulate(green, "tritanopia")) > 0.5 * normal


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)   # the AA grey


# --- the palette ---------------------------------------------------------------------------

def _category_colours() -> dict[str, str]:
    """The palette's colours for categories: everything but the neutrals."""
    from alliances.views.style import PALETTE

    return {name: colour for name, colour in PALETTE.items() if name not in ("black", "grey")}


@pytest.mark.parametrize("vision", list(VISIONS))
def test_palette_stays_distinguishable(vision: str) -> None:
    colours = _category_colours()
    assert len(colours) >= 5
    close = []
    for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
        d = delta_e_2000(simulate(ca, vision), simulate(cb, vision))
        if d < MIN_DELTA_E:
            close.append(f"{a} {ca} and {b} {cb}: CIEDE2000 {d:.1f}")
    assert not close, f"under {vision} these category colours are too close:\n" + "\n".join(close)


@pytest.mark.parametrize("vision", list(VISIONS))
def test_the_players_colours_are_far_apart(vision: str) -> None:
    from alliances.views.style import COL_COLOUR, ROW_COLOUR

    d = delta_e_2000(simulate(ROW_COLOUR, vision), simulate(COL_COLOUR, vision))
    assert d >= MIN_DELTA_E_PLAYERS, f"row and column colours {d:.1f} apart under {vision}"


def test_the_palette_test_can_fail() -> None:
    """A red-green pair (the classic mistake) fails for protanopes and deuteranopes."""
    assert delta_e_2000(simulate("#E41A1C", "deuteranopia"),
                        simulate("#4DAF4A", "deuteranopia")) < MIN_DELTA_E


# ----------------------------------------------------------------------------------------
# Figures: titles and axis labels
# ----------------------------------------------------------------------------------------

def _axes_in(value: object) -> list[Axes]:
    """The Axes in a plot function's result or a plot object's attributes."""
    if isinstance(value, Axes):
        return [value]
    if isinstance(value, Figure):
        return list(value.axes)
    if isinstance(value, (tuple, list)):
        return [ax for item in value for ax in _axes_in(item)]
    found = []
    for attr in ("ax", "axes", "figure", "fig"):
        inner = getattr(value, attr, None)
        if inner is not None and inner is not value and not callable(inner):
            found += _axes_in(inner)
    return found


def _is_plot(target) -> bool:
    return (target.kind == FUNCTION and target.name.startswith("plot_")) or (
        target.kind == CLASS and target.name.endswith("Plot"))


PLOTS = [t for t in public_callables() if _is_plot(t)]


_NUMBER = re.compile(r"^[\s\u2212+\-]*[\d.,]+\s*(%|[kKmMbB]n?)?\s*$")


def _figure_problems(figures: list[Figure], *, need_title: bool = True) -> list[str]:
    """Missing titles (one per figure: an Axes title or a suptitle) and missing labels on
    axes that show a numeric scale (tick labels that are numbers need a label with the
    unit; tick labels that are words, such as countries or strategies, label themselves)."""
    problems = []
    for figure in figures:
        figure.canvas.draw()
        suptitle = figure._suptitle.get_text().strip() if figure._suptitle else ""
        titles = [" ".join(ax.get_title(loc) for loc in ("left", "center", "right")).strip()
                  for ax in figure.axes if ax.get_visible()]
        if need_title and not (suptitle or any(titles)):
            problems.append("a figure without a title (no Axes title, no suptitle)")
        for ax in figure.axes:
            if not ax.get_visible() or not ax.axison or ax.get_label() == "<colorbar>":
                continue
            for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
                ticks = [t.get_text() for t in axis.get_ticklabels()
                         if t.get_visible() and t.get_text().strip()]
                numeric = ticks and all(_NUMBER.match(t) for t in ticks)
                if axis.get_visible() and numeric and not axis.get_label_text().strip():
                    problems.append(f"no {name}-axis label although it shows a scale "
                                    f"{ticks[:4]} ({_describe_axes(ax)})")
    return problems


def _describe_axes(ax: Axes) -> str:
    return f"title {ax.get_title()!r}, x label {ax.get_xlabel()!r}, y label {ax.get_ylabel()!r}"


@pytest.fixture(scope="module")
def examples():
    return recorded_examples()


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("target", PLOTS, ids=[t.qualname.removeprefix("alliances.")
                                                for t in PLOTS])
def test_every_library_figure_has_a_title_axis_labels_and_texts_apart(target, language,
                                                                      examples) -> None:
    """In English and in Indonesian (whose labels are longer): a title and axis labels, and,
    for each ``plot_*`` figure a notebook shows, no two texts whose ink overlaps (see
    ``tests/figure_texts.py``; the Indonesian support ladder's first step once ran into a
    tick label). *Plot classes are building blocks whose title the caller sets (plot_*
    functions and widgets do), and whose doctests may draw several on one Axes; their axes
    still need labels. Texts past a static figure's edge are not checked: a notebook saves
    it with ``bbox_inches="tight"``, which takes them in."""
    call = examples.get(target.qualname)
    if call is None:
        pytest.skip(f"no doctest draws {target.qualname}")
    plt.close("all")
    try:
        with speaking(language):
            result = call.callable(target)(*call.args, **call.kwargs)
            axes = _axes_in(result)
            assert axes, f"{target.qualname} returned no Axes that this test can find: " \
                         f"{result!r}"
            figures = list({id(a.figure): a.figure for a in axes}.values())
            problems = _figure_problems(figures, need_title=target.kind == FUNCTION)
            if target.kind == FUNCTION:
                problems += [f"overlapping texts: {pair}" for figure in figures
                             for pair in overlapping_texts(figure, shown_texts(figure))]
        assert not problems, f"{target.qualname} ({language}):\n" + "\n".join(problems)
    finally:
        plt.close("all")


def _default_widget(cls):
    import inspect

    try:
        inspect.signature(cls).bind()
    except TypeError:
        pytest.skip(f"{cls.__name__} has no default constructor")
    return cls()


@pytest.mark.parametrize("cls", WIDGET_CLASSES, ids=[c.__name__ for c in WIDGET_CLASSES])
def test_every_widget_figure_has_a_title_and_axis_labels(cls) -> None:
    widget = _default_widget(cls)
    try:
        figure = getattr(widget, "figure", None)
        assert isinstance(figure, Figure), f"{cls.__name__} has no figure attribute"
        problems = _figure_problems([figure])
        assert not problems, f"{cls.__name__}:\n" + "\n".join(problems)
    finally:
        widget.close()


def _legend_colour_pairs(figure: Figure) -> list[tuple[str, str, str, str]]:
    """(label, colour, label, colour) of legend entries told apart by colour alone."""
    pairs = []
    for ax in figure.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        entries = []
        for handle, text in zip(legend.legend_handles, legend.get_texts()):
            if handle is None:
                continue
            try:
                if hasattr(handle, "get_color") and not hasattr(handle, "get_facecolor"):
                    colour = handle.get_color()
                else:
                    colour = handle.get_facecolor()
                rgb = to_rgb(colour if isinstance(colour, str) else np.asarray(colour).ravel()[:3]
                             if np.asarray(colour).size >= 3 else colour)
            except (ValueError, TypeError):
                continue
            style = (getattr(handle, "get_marker", lambda: None)(),
                     getattr(handle, "get_linestyle", lambda: None)(),
                     str(getattr(handle, "get_hatch", lambda: None)()),
                     type(handle).__name__)
            entries.append((text.get_text(), rgb, style))
        for (la, ca, sa), (lb, cb, sb) in itertools.combinations(entries, 2):
            if sa == sb and ca != cb:
                pairs.append((la, ca, lb, cb))
    return pairs


def test_legends_that_rely_on_colour_alone_stay_distinguishable(examples) -> None:
    """In every library figure, legend entries with the same marker and line style differ
    by colour alone: those colours must survive every colour-vision deficiency."""
    problems = []
    checked = 0
    for target in PLOTS:
        call = examples.get(target.qualname)
        if call is None:
            continue
        plt.close("all")
        try:
            axes = _axes_in(call.callable(target)(*call.args, **call.kwargs))
            for figure in {id(a.figure): a.figure for a in axes}.values():
                for la, ca, lb, cb in _legend_colour_pairs(figure):
                    checked += 1
                    for vision in VISIONS:
                        d = delta_e_2000(simulate(ca, vision), simulate(cb, vision))
                        if d < MIN_DELTA_E:
                            problems.append(f"{target.qualname}: legend entries {la!r} and "
                                            f"{lb!r} differ only by colour, {d:.1f} apart "
                                            f"under {vision}")
        finally:
            plt.close("all")
    assert not problems, "\n".join(sorted(set(problems)))


# ----------------------------------------------------------------------------------------
# Notebooks: a text alternative next to every image
# ----------------------------------------------------------------------------------------

#: text/plain that only names an object (matplotlib's repr), not a text alternative.
_OBJECT_REPR = re.compile(r"^\s*<(Figure|Axes|matplotlib|Figure size)[^>]*>\s*$")


def _cell_text(cell) -> str:
    texts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream" and output.name == "stdout":
            texts.append(output.text)
        for mime in ("text/markdown", "text/html"):
            if mime in output.get("data", {}):
                texts.append(re.sub(r"<[^>]+>", " ", output.data[mime]))
        plain = output.get("data", {}).get("text/plain", "")
        if plain and not _OBJECT_REPR.match(plain):
            texts.append(plain)
    return " ".join(texts).strip()


def _has_image(cell) -> bool:
    return any("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
               for o in cell.get("outputs", []))


NOTEBOOKS = [p.name for p in course_notebooks()]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_image_output_has_a_text_alternative_next_to_it(name: str) -> None:
    cells = read(name).cells
    missing = []
    for i, cell in enumerate(cells):
        if cell.cell_type != "code" or not _has_image(cell):
            continue
        if _cell_text(cell):
            continue
        following = cells[i + 1] if i + 1 < len(cells) else None
        if following is not None and following.cell_type == "markdown" and len(
                following.source.strip()) > 20 and not following.source.lstrip().startswith("#"):
            continue
        if following is not None and following.cell_type == "code" and _cell_text(following):
            continue
        missing.append(f"cell {i} ({cell.source.strip().splitlines()[0][:60]!r})")
    assert not missing, f"{name}: images with no text alternative next to them: {missing}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_images_in_markdown_have_alt_text(name: str) -> None:
    problems = []
    for i, cell in enumerate(read(name).cells):
        if cell.cell_type != "markdown":
            continue
        for alt in re.findall(r"!\[([^\]]*)\]\(", cell.source):
            if not alt.strip():
                problems.append(f"cell {i}: ![]() without alt text")
        for tag in re.findall(r"<img\b[^>]*>", cell.source, flags=re.I):
            if not re.search(r"\balt\s*=\s*['\"][^'\"]+['\"]", tag, flags=re.I):
                problems.append(f"cell {i}: {tag[:60]} without alt text")
    assert not problems, f"{name}: {problems}"


# ----------------------------------------------------------------------------------------
# Widgets: labels, keyboard-operable kinds, readable text colours
# ----------------------------------------------------------------------------------------

#: Kinds of control that a keyboard can operate (the browser test drives each).
KEYBOARD_KINDS = (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider,
                  widgets.BoundedFloatText, widgets.BoundedIntText, widgets.Dropdown,
                  widgets.Button, widgets.Checkbox, widgets.ToggleButtons,
                  widgets.RadioButtons, widgets.SelectionSlider, widgets.ToggleButton,
                  widgets.FloatRangeSlider, widgets.IntRangeSlider, widgets.Select,
                  NumberField)      # a checked text box: focus, type, Enter


def _siblings_with_text(root: widgets.Widget, control: widgets.Widget) -> bool:
    """True if ``control`` sits in a row or grid with a label or HTML text."""
    def walk(box):
        if not isinstance(box, widgets.Box):
            return False
        if control in box.children:
            return any(isinstance(c, (widgets.Label, widgets.HTML, widgets.HTMLMath))
                       and re.sub(r"<[^>]+>", "", c.value).strip() for c in box.children)
        return any(walk(child) for child in box.children)

    return walk(root)


@pytest.mark.parametrize("cls", WIDGET_CLASSES, ids=[c.__name__ for c in WIDGET_CLASSES])
def test_every_control_has_a_visible_label_and_works_from_the_keyboard(cls) -> None:
    widget = _default_widget(cls)
    try:
        problems = []
        for control in widget_controls(widget):
            name = type(control).__name__
            if not isinstance(control, KEYBOARD_KINDS):
                problems.append(f"{name} is not a control the browser tests can drive from the "
                                "keyboard")
            label = (getattr(control, "description", "") or "").strip()
            if not label and not _siblings_with_text(widget, control):
                problems.append(f"{name} (value {getattr(control, 'value', None)!r}) has no "
                                "visible label")
            classes = set(control._dom_classes)
            if not classes & {"alliances-control", "alliances-payoff", "alliances-preset",
                              "alliances-reset"}:
                problems.append(f"{name} {label!r} has none of the CSS classes the browser "
                                f"tests look for (it has {sorted(classes)})")
        assert not problems, f"{cls.__name__}:\n" + "\n".join(problems)
    finally:
        widget.close()


def _text_colours(markup: str) -> list[str]:
    return re.findall(r"(?<![-\w])color\s*:\s*(#[0-9A-Fa-f]{6})", html.unescape(markup))


@pytest.mark.parametrize("cls", WIDGET_CLASSES, ids=[c.__name__ for c in WIDGET_CLASSES])
def test_widget_text_colours_are_readable(cls, monkeypatch) -> None:
    """The summary, details and error message (forced) meet WCAG AA contrast on white."""
    widget = _default_widget(cls)
    try:
        markup = [widget.summary.value, widget.details.value]

        def fail():
            raise ValueError("forced by the test")

        monkeypatch.setattr(widget, "_update", fail)
        widget.refresh()
        markup.append(widget.error.value)
        assert "forced by the test" in widget.error.value
        low = [(c, round(contrast_ratio(c), 2)) for m in markup for c in _text_colours(m)
               if contrast_ratio(c) < MIN_TEXT_CONTRAST]
        assert not low, f"{cls.__name__}: text colours below {MIN_TEXT_CONTRAST}:1 on white: {low}"
    finally:
        widget.close()
