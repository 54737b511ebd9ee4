"""Fast widget rendering in two layers: a cached background and the artists that move.

A widget's figure is mostly static: axes, ticks, labels, legends. Drawing that text is
most of the cost of a frame. :class:`LayeredRenderer` draws the static layer once, keeps
the pixels, and on each update restores them and draws only the *dynamic* artists (the
curves, points and bars that moved) on top, as matplotlib's blitting does. The static
layer is redrawn only when something in it changed (axis limits, tick labels, axis
labels, legend or title text), which :func:`static_key` detects, and then only the Axes
that changed, when its area touches nothing else (else the whole figure).
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import numpy as np
import PIL.Image
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.ticker import FixedFormatter
from matplotlib.transforms import Bbox

from ..plots import freeze_layout

__all__ = ["LayeredRenderer", "static_key", "encode_png"]


def encode_png(pixels: np.ndarray) -> bytes:
    """RGBA pixels (height x width x 4, uint8) as PNG bytes, compressed lightly (fast).

    Examples
    --------
    >>> encode_png(np.zeros((2, 3, 4), dtype=np.uint8))[:4]
    b'\\x89PNG'
    """
    buffer = io.BytesIO()
    image = PIL.Image.fromarray(pixels)
    if image.mode == "RGBA" and pixels[..., 3].min() == 255:
        image = image.convert("RGB")       # opaque: a quarter less to compress
    image.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def static_key(figure: Figure) -> tuple:
    """Everything drawn in the static layer that an update may change, as a tuple.

    Examples
    --------
    >>> from alliances.plots import new_axes
    >>> ax = new_axes(pyplot=False)
    >>> before = static_key(ax.figure)
    >>> _ = ax.set_xlim(0, 5)
    >>> static_key(ax.figure) == before
    False
    """
    parts = []
    for ax in figure.axes:
        legend = ax.get_legend()
        formatters = []
        for axis in (ax.xaxis, ax.yaxis):
            formatter = axis.get_major_formatter()
            formatters.append(tuple(formatter.seq) if isinstance(formatter, FixedFormatter)
                              else None)
        parts.append((
            tuple(ax.get_xlim()), tuple(ax.get_ylim()), ax.get_xlabel(), ax.get_ylabel(),
            tuple(ax.get_xticks()), tuple(ax.get_yticks()), tuple(formatters),
            None if ax.title.get_animated() else ax.title.get_text(),
            tuple(t.get_text() for t in legend.get_texts()) if legend is not None else None,
        ))
    return tuple(parts)


class LayeredRenderer:
    """Render ``figure`` to PNG, redrawing the static layer only when it changed.

    Parameters
    ----------
    figure : Figure
    dynamic : iterable of Artist
        The artists that change between updates. They are made *animated*, so the
        figure's normal drawing skips them: render this figure only through
        :meth:`render` from now on.

    Examples
    --------
    >>> from alliances.plots import new_axes
    >>> ax = new_axes(pyplot=False)
    >>> (line,) = ax.plot([0, 1], [0, 1])
    >>> renderer = LayeredRenderer(ax.figure, [line])
    >>> renderer.render()[:4], renderer.static_draws
    (b'\\x89PNG', 1)
    >>> line.set_ydata([1, 0])
    >>> _ = renderer.render()
    >>> renderer.static_draws      # the background was reused
    1
    """

    def __init__(self, figure: Figure, dynamic: Iterable[Artist]) -> None:
        if not isinstance(figure, Figure):
            raise TypeError(f"figure must be a matplotlib Figure; got {type(figure).__name__}")
        self.figure = figure
        self.dynamic = sorted(dynamic, key=lambda a: a.get_zorder())
        for artist in self.dynamic:
            if not isinstance(artist, Artist):
                raise TypeError(f"dynamic must hold matplotlib artists; got "
                                f"{type(artist).__name__}")
            artist.set_animated(True)
        self._key: tuple | None = None
        self._background = None
        self._areas: list[Bbox] = []
        self.static_draws = 0
        self.partial_draws = 0

    def render(self) -> bytes:
        """The figure as PNG bytes: static layer (cached if unchanged) plus dynamic artists."""
        return encode_png(self.pixels())

    def pixels(self) -> np.ndarray:
        """The figure's RGBA pixels: static layer (cached if unchanged) plus dynamic artists.

        The array is a copy, safe to keep or to stack with another figure's.
        """
        figure = self.figure
        freeze_layout(figure)
        canvas = figure.canvas
        if not isinstance(canvas, FigureCanvasAgg):
            canvas = FigureCanvasAgg(figure)
        key = static_key(figure)
        if self._background is None or key != self._key:
            if not self._redraw_changed_axes(canvas, key):
                canvas.draw()
                self.static_draws += 1
                renderer = canvas.get_renderer()
                self._areas = [self._area(ax, renderer) for ax in figure.axes]
            self._background = canvas.copy_from_bbox(figure.bbox)
            self._key = key
        else:
            canvas.restore_region(self._background)
        renderer = canvas.get_renderer()
        for artist in self.dynamic:
            if artist.get_visible():
                artist.draw(renderer)
        return np.array(canvas.buffer_rgba())

    @staticmethod
    def _area(ax, renderer) -> Bbox:
        """Everything an Axes draws (ticks, labels, title), in pixels, with a margin."""
        return ax.get_tightbbox(renderer).padded(3)

    def _redraw_changed_axes(self, canvas: FigureCanvasAgg, key: tuple) -> bool:
        """Redraw only the Axes whose part of ``key`` changed, over the kept background.

        Possible when the figure has the same Axes as at the last draw and each changed
        Axes, before and after, touches no other Axes and no figure-level artist. Returns
        False (and draws nothing) otherwise; the caller then draws the whole figure.
        """
        figure = self.figure
        old = self._key
        if self._background is None or old is None or len(old) != len(key) or len(
                self._areas) != len(figure.axes):
            return False
        changed = [i for i, (a, b) in enumerate(zip(old, key)) if a != b]
        renderer = canvas.get_renderer()
        regions, areas = [], list(self._areas)
        for i in changed:
            areas[i] = self._area(figure.axes[i], renderer)
            region = Bbox.union([self._areas[i], areas[i]])
            others = [area for j, area in enumerate(self._areas) if j != i]
            others += [a.get_window_extent(renderer) for a in (
                *figure.texts, *figure.legends, *figure.patches, *figure.lines,
                *figure.images) if a.get_visible()]
            if any(region.overlaps(area) for area in others):
                return False
            regions.append(region)
        canvas.restore_region(self._background)
        pixels = np.asarray(canvas.buffer_rgba())
        height, width = pixels.shape[:2]
        face = np.round(np.array(to_rgba(figure.get_facecolor())) * 255).astype(np.uint8)
        for region in regions:
            x0, x1 = (int(np.clip(v, 0, width)) for v in (np.floor(region.x0),
                                                        np.ceil(region.x1)))
            y0, y1 = (int(np.clip(v, 0, height)) for v in (np.floor(region.y0),
                                                         np.ceil(region.y1)))
            pixels[height - y1:height - y0, x0:x1] = face
        for i in changed:
            figure.axes[i].draw(renderer)
        self._areas = areas
        self.partial_draws += 1
        return True
