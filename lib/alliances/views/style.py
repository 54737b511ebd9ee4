"""Figures in one colour-blind-safe style: the palette, new Axes, fast PNG rendering.

Every plot function of :mod:`alliances.views` takes an optional
:class:`matplotlib.axes.Axes` and returns it, drawn in this module's palette.

The palette is Okabe and Ito's (2008), distinguishable with the common forms of colour
blindness; shapes and line styles carry the meaning too, never colour alone.
"""

from __future__ import annotations

import io
import re
from datetime import date

import numpy as np
import PIL.Image
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.ticker import Formatter, FuncFormatter, ScalarFormatter

from alliances._validation import check_real
from alliances.i18n import N_, _, get_language

__all__ = ["PALETTE", "ROW_COLOUR", "COL_COLOUR", "new_axes", "figure_png", "figure_pixels",
           "agg_canvas", "freeze_layout",
           "localize_axes", "short_date", "month_year"]

#: Okabe-Ito colour-blind-safe palette.
PALETTE: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
ROW_COLOUR = PALETTE["blue"]
COL_COLOUR = PALETTE["vermillion"]


def new_axes(width: float = 5.0, height: float = 4.0, *, pyplot: bool = True) -> Axes:
    """A fresh Axes for one figure.

    With ``pyplot=True`` (the default, for notebook cells) the figure is made through
    pyplot, so that Jupyter's inline backend shows it at the end of the cell. Widgets pass
    ``pyplot=False``: their figure is rendered into an image widget and must not also be
    shown by the backend.

    Examples
    --------
    >>> ax = new_axes(pyplot=False)
    >>> ax.figure.get_size_inches().tolist()
    [5.0, 4.0]
    """
    width = check_real(width, "width", minimum=0, allow_equal_min=False)
    height = check_real(height, "height", minimum=0, allow_equal_min=False)
    if not isinstance(pyplot, bool):
        raise TypeError(_("pyplot must be True or False; got {pyplot!r}").format(pyplot=pyplot))
    if pyplot:
        import matplotlib.pyplot as plt
        figure = plt.figure(figsize=(width, height), dpi=100, layout="constrained")
    else:
        figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return figure.add_subplot()


def agg_canvas(figure: Figure) -> FigureCanvasAgg:
    """The figure's Agg canvas, attached to it first if it has another (a figure made
    outside pyplot has none that can draw).

    Examples
    --------
    >>> figure = new_axes(pyplot=False).figure
    >>> agg_canvas(figure) is agg_canvas(figure) is figure.canvas
    True
    """
    _check_figure(figure)
    canvas = figure.canvas
    return canvas if isinstance(canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)


def figure_pixels(figure: Figure) -> np.ndarray:
    """The figure drawn by Agg, as a copy of its RGBA pixels (height x width x 4); a layout
    engine runs once and is then frozen (see :func:`freeze_layout`).

    Examples
    --------
    >>> figure_pixels(new_axes(pyplot=False).figure).shape
    (400, 500, 4)
    """
    _check_figure(figure)
    freeze_layout(figure)
    canvas = agg_canvas(figure)
    canvas.draw()
    return np.array(canvas.buffer_rgba())


def figure_png(figure: Figure) -> bytes:
    """Render a figure to PNG bytes (for image widgets and static views), quickly.

    The figure is drawn once with the Agg renderer and compressed lightly: this is what a
    widget does on every change, so it must take milliseconds. A figure that uses a layout
    engine is laid out on its first rendering and then frozen (see :func:`freeze_layout`).

    Examples
    --------
    >>> figure_png(new_axes(pyplot=False).figure)[:4]
    b'\\x89PNG'
    """
    buffer = io.BytesIO()
    PIL.Image.fromarray(figure_pixels(figure)).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def freeze_layout(figure: Figure) -> None:
    """Run the figure's layout engine once, then keep the positions it found.

    Constrained layout costs an extra drawing pass at every render; a widget's figure
    keeps its layout while only the data change, so it is computed once.

    Examples
    --------
    >>> ax = new_axes(pyplot=False)
    >>> freeze_layout(ax.figure)
    >>> type(ax.figure.get_layout_engine()).__name__
    'PlaceHolderLayoutEngine'

    """
    _check_figure(figure)
    engine = figure.get_layout_engine()
    if engine is not None and not isinstance(engine, PlaceHolderLayoutEngine):
        figure.draw_without_rendering()
        figure.set_layout_engine("none")


def _check_figure(figure: object) -> None:
    if not isinstance(figure, Figure):
        raise TypeError(_("figure must be a matplotlib Figure; got {type}").format(
            type=type(figure).__name__))


#: A decimal point between two digits (not a full stop after a word, "Jun. 2008").
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


def _decimal_comma(text: str) -> str:
    """``text`` with a decimal comma; inside mathtext ``{,}``, so that no space follows it."""
    return _DECIMAL_POINT.sub("{,}" if "$" in text else ",", text)


class _DecimalCommaFormatter(Formatter):
    """A tick formatter that writes the labels of ``inner`` with a decimal comma."""

    def __init__(self, inner: Formatter) -> None:
        self.inner = inner

    def set_axis(self, axis) -> None:
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        self.inner.set_locs(locs)

    def __call__(self, x: float, pos: int | None = None) -> str:
        return _decimal_comma(self.inner(x, pos))

    def format_ticks(self, values) -> list[str]:
        return [_decimal_comma(text) for text in self.inner.format_ticks(values)]

    def format_data(self, value: float) -> str:
        return _decimal_comma(self.inner.format_data(value))

    def format_data_short(self, value: float) -> str:
        return _decimal_comma(self.inner.format_data_short(value))

    def get_offset(self) -> str:
        return _decimal_comma(self.inner.get_offset())


def localize_axes(ax: Axes) -> Axes:
    """Numeric tick labels in the current language: a decimal comma in Indonesian.

    Only when :func:`alliances.i18n.get_language` is not ``"en"``: the major formatter of
    each numeric axis of ``ax`` (a :class:`~matplotlib.ticker.ScalarFormatter` or a
    :class:`~matplotlib.ticker.FuncFormatter`) is wrapped so that its labels write
    ``0,5`` instead of ``0.5`` (``0{,}5`` inside mathtext). In English nothing changes.
    Every plot function of :mod:`alliances.views` calls it on the Axes it has drawn.

    Examples
    --------
    >>> from alliances.i18n import language
    >>> with language("id"):
    ...     ax = localize_axes(new_axes(pyplot=False))
    ...     ax.xaxis.get_major_formatter().format_ticks([0.0, 0.5, 1.0])
    ['0,0', '0,5', '1,0']
    >>> localize_axes(new_axes(pyplot=False)).xaxis.get_major_formatter().format_ticks([0.5])
    ['0.5']
    """
    if not isinstance(ax, Axes):
        raise TypeError(_("ax must be a matplotlib Axes; got {type}").format(
            type=type(ax).__name__))
    if get_language() == "en":
        return ax
    for axis in (ax.xaxis, ax.yaxis):
        formatter = axis.get_major_formatter()
        if isinstance(formatter, (ScalarFormatter, FuncFormatter)):
            axis.set_major_formatter(_DecimalCommaFormatter(formatter))
    return ax


#: Month abbreviations for dates on figures and tables (English as ``%b`` writes them).
_MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"),
           N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))


def short_date(day: date) -> str:
    """``day`` as a reader of the current language writes it short: "3 Apr 2008".

    Examples
    --------
    >>> short_date(date(2021, 8, 30))
    '30 Aug 2021'
    >>> from alliances.i18n import language
    >>> with language("id"):
    ...     short_date(date(2021, 8, 30))
    '30 Agu 2021'
    """
    if not isinstance(day, date):
        raise TypeError(_("day must be a date; got {type}").format(type=type(day).__name__))
    return f"{day.day} {_(_MONTHS[day.month - 1])} {day.year}"


def month_year(day: date) -> str:
    """The month and year of ``day`` as the current language writes them short: "Apr 2008".

    Examples
    --------
    >>> month_year(date(2023, 1, 25))
    'Jan 2023'
    """
    if not isinstance(day, date):
        raise TypeError(_("day must be a date; got {type}").format(type=type(day).__name__))
    return f"{_(_MONTHS[day.month - 1])} {day.year}"
