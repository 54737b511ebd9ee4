"""Figures in one colour-blind-safe style: the palette, new Axes, fast PNG rendering.

Every plot function of :mod:`alliances.views` takes an optional
:class:`matplotlib.axes.Axes` and returns it, drawn in this module's palette.

The palette is Okabe and Ito's (2008), distinguishable with the common forms of colour
blindness; shapes and line styles carry the meaning too, never colour alone.
"""

from __future__ import annotations

import io

import numpy as np
import PIL.Image
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine

from alliances._validation import check_real

__all__ = ["PALETTE", "ROW_COLOUR", "COL_COLOUR", "new_axes", "figure_png", "freeze_layout"]

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
        raise TypeError(f"pyplot must be True or False; got {pyplot!r}")
    if pyplot:
        import matplotlib.pyplot as plt
        figure = plt.figure(figsize=(width, height), dpi=100, layout="constrained")
    else:
        figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return figure.add_subplot()


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
    _check_figure(figure)
    freeze_layout(figure)
    canvas = figure.canvas
    if not isinstance(canvas, FigureCanvasAgg):
        canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())
    buffer = io.BytesIO()
    PIL.Image.fromarray(pixels).save(buffer, format="png", compress_level=1)
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
        raise TypeError(f"figure must be a matplotlib Figure; got {type(figure).__name__}")
