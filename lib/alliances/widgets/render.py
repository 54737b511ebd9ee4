"""Fast figure rendering for widgets: keep the pixels of what did not change.

A widget's figure is mostly static: axes, ticks, labels, legends. Drawing that text is
most of the cost of a frame. :class:`LayeredRenderer` draws the static part once, keeps
its pixels, and on each update restores them and draws only the *dynamic* artists (the
curves, points and bars that move) on top, as matplotlib's blitting does. Dynamic
artists come in layers, bottom to top; a layer whose key did not change is restored
from saved pixels too.

The static part is redrawn only when something in it changed, which :func:`static_key`
detects, and then as little of it as possible:

1. **Axis layer.** When only axis limits, ticks or axis labels changed, the renderer
   restores a *bare frame* (the figure without axes lines, ticks, tick labels and grid)
   and draws just those. This is what a slider that rescales an axis costs.
2. **One Axes.** When a title or legend changed in one Axes that touches nothing else,
   that Axes alone is erased and drawn again over the kept pixels.
3. **Everything**, otherwise, or when the caller's ``frame_key`` changed (for static
   changes that :func:`static_key` cannot see, such as a colour).

Each shortcut is taken only where it gives the same pixels as a full drawing (see
:meth:`LayeredRenderer.pixels`); ``tests/test_rendering.py`` compares them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
import PIL.Image
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.ticker import FixedFormatter
from matplotlib.transforms import Bbox

from alliances.views.style import freeze_layout

__all__ = ["LayeredRenderer", "static_key", "encode_png"]


def encode_png(pixels: np.ndarray) -> bytes:
    """RGBA pixels (height x width x 4, uint8) as PNG bytes, compressed lightly (fast).

    Examples
    --------
    >>> encode_png(np.zeros((2, 3, 4), dtype=np.uint8))[:4]
    b'\\x89PNG'
    >>> encode_png(np.zeros((2, 3)))
    Traceback (most recent call last):
    ...
    ValueError: pixels must be a height x width x 4 array of uint8; got shape (2, 3), float64
    """
    if not isinstance(pixels, np.ndarray):
        raise TypeError(f"pixels must be a numpy array; got {type(pixels).__name__}")
    if pixels.ndim != 3 or pixels.shape[2] != 4 or pixels.dtype != np.uint8:
        raise ValueError(f"pixels must be a height x width x 4 array of uint8; got shape "
                         f"{pixels.shape}, {pixels.dtype}")
    buffer = io.BytesIO()
    image = PIL.Image.fromarray(pixels)
    if pixels[..., 3].min() == 255:
        image = image.convert("RGB")       # opaque: a quarter less to compress
    image.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def _axis_part(ax: Axes) -> tuple:
    """What the axis layer of ``ax`` draws: limits, ticks, tick labels, axis labels."""
    formatters = []
    for axis in (ax.xaxis, ax.yaxis):
        formatter = axis.get_major_formatter()
        formatters.append(tuple(formatter.seq) if isinstance(formatter, FixedFormatter)
                          else None)
    return (tuple(ax.get_xlim()), tuple(ax.get_ylim()), tuple(ax.get_xticks()),
            tuple(ax.get_yticks()), tuple(formatters), ax.get_xlabel(), ax.get_ylabel())


def _frame_part(ax: Axes) -> tuple:
    """The rest of the static texts of ``ax`` that an update may change."""
    legend = ax.get_legend()
    return (None if ax.title.get_animated() else ax.title.get_text(),
            tuple(t.get_text() for t in legend.get_texts()) if legend is not None else None)


def static_key(figure: Figure) -> tuple:
    """Everything drawn in the static layer that an update may change, as a tuple.

    One ``(axis part, frame part)`` pair per Axes: the axis part is what the axis layer
    draws (limits, ticks and their labels, axis labels), the frame part the title and
    the legend's texts.

    Examples
    --------
    >>> from alliances.views.style import new_axes
    >>> ax = new_axes(pyplot=False)
    >>> before = static_key(ax.figure)
    >>> _ = ax.set_xlim(0, 5)
    >>> static_key(ax.figure) == before
    False
    """
    if not isinstance(figure, Figure):
        raise TypeError(f"figure must be a matplotlib Figure; got {type(figure).__name__}")
    return tuple((_axis_part(ax), _frame_part(ax)) for ax in figure.axes)


def _axis_artists(ax: Axes) -> list[Artist]:
    """The Axes' axis layer (spines, x and y axis with grid), in the Axes' drawing order."""
    layer = {id(a) for a in (ax.xaxis, ax.yaxis, *ax.spines.values())}
    return sorted((a for a in ax.get_children() if id(a) in layer),
                  key=lambda a: a.get_zorder())


class LayeredRenderer:
    """Render ``figure`` to pixels or PNG, drawing again only what changed.

    Parameters
    ----------
    figure : Figure
    layers : list of list of Artist
        The dynamic artists, in layers from bottom to top. They are made *animated*, so
        the figure's normal drawing skips them: render this figure only through this
        renderer from now on.

    Attributes
    ----------
    static_draws, axis_draws, partial_draws : int
        How often the whole static part, only the axis layer, or one Axes was drawn.

    Examples
    --------
    >>> from alliances.views.style import new_axes
    >>> ax = new_axes(pyplot=False)
    >>> (line,) = ax.plot([0, 1], [0, 1])
    >>> renderer = LayeredRenderer(ax.figure, [[line]])
    >>> renderer.render()[:4], renderer.static_draws
    (b'\\x89PNG', 1)
    >>> line.set_ydata([1, 0])
    >>> _ = renderer.render()
    >>> renderer.static_draws      # the static part was reused
    1
    >>> _ = ax.set_ylim(0, 10)
    >>> _ = renderer.render()
    >>> renderer.static_draws, renderer.axis_draws   # only the axis layer was drawn
    (1, 1)
    """

    def __init__(self, figure: Figure, layers: Sequence[Sequence[Artist]]) -> None:
        if not isinstance(figure, Figure):
            raise TypeError(f"figure must be a matplotlib Figure; got {type(figure).__name__}")
        if isinstance(layers, (str, bytes)) or not isinstance(layers, Sequence) or not all(
                isinstance(layer, Sequence) and not isinstance(layer, (str, bytes))
                and all(isinstance(a, Artist) for a in layer) for layer in layers):
            raise TypeError(f"layers must be a list of lists of matplotlib artists; got "
                            f"{layers!r:.80}")
        self.figure = figure
        self.layers = [sorted(layer, key=lambda a: a.get_zorder()) for layer in layers]
        for artist in self.dynamic:
            artist.set_animated(True)
        self._frame_key: object = object()
        self._key: tuple | None = None
        self._static = None              # pixels of the whole static part
        self._bare = None                # pixels of the static part without axis layers
        self._bare_ok: bool | None = None
        self._layer: list[Artist] | None = None
        self._areas: list[Bbox] | None = None
        self._saved: dict[int, tuple[object, object]] = {}
        self.static_draws = 0
        self.axis_draws = 0
        self.partial_draws = 0

    @property
    def dynamic(self) -> list[Artist]:
        """All dynamic artists, bottom layer first."""
        return [artist for layer in self.layers for artist in layer]

    def render(self, keys: Sequence[object] | None = None, frame_key: object = None) -> bytes:
        """The figure as PNG bytes; see :meth:`pixels`."""
        return encode_png(self.pixels(keys, frame_key))

    def pixels(self, keys: Sequence[object] | None = None,
               frame_key: object = None) -> np.ndarray:
        """The figure's RGBA pixels, as a copy that is safe to keep or to stack.

        Parameters
        ----------
        keys : list, optional
            One hashable key per layer. A layer whose key (and every key below it) equals
            the one of the last call, and is not None, is restored instead of drawn. By
            default every layer is drawn.
        frame_key : hashable, optional
            Anything that changes when the static part changes in a way
            :func:`static_key` does not see; a new value redraws everything.
        """
        if keys is None:
            keys = [None] * len(self.layers)
        if isinstance(keys, (str, bytes)) or not isinstance(keys, Sequence):
            raise TypeError(f"keys must be a list with one key per layer; got {keys!r:.80}")
        if len(keys) != len(self.layers):
            raise ValueError(f"keys must have one entry per layer ({len(self.layers)}); got "
                             f"{len(keys)}")
        for name, value in (("frame_key", frame_key), *((f"keys[{k}]", key)
                                                        for k, key in enumerate(keys))):
            try:
                hash(value)
            except TypeError:
                raise TypeError(f"{name} must be hashable (None, a string, a number or a "
                                f"tuple of them); got {type(value).__name__}") from None
        figure = self.figure
        freeze_layout(figure)
        canvas = figure.canvas
        if not isinstance(canvas, FigureCanvasAgg):
            canvas = FigureCanvasAgg(figure)
        key = static_key(figure)
        if self._static is None or frame_key != self._frame_key:
            self._draw_static(canvas)
        elif key != self._key and not self._draw_changed_static(canvas, key):
            self._draw_static(canvas)
        self._frame_key, self._key = frame_key, key

        reuse = -1
        for k, layer_key in enumerate(keys):
            saved = self._saved.get(k)
            if layer_key is None or saved is None or saved[0] != layer_key:
                break
            reuse = k
        canvas.restore_region(self._static if reuse < 0 else self._saved[reuse][1])
        renderer = canvas.get_renderer()
        for k in range(reuse + 1, len(self.layers)):
            for artist in self.layers[k]:
                if artist.get_visible():
                    artist.draw(renderer)
            if keys[k] is not None:
                self._saved[k] = (keys[k], canvas.copy_from_bbox(figure.bbox))
            else:
                self._saved.pop(k, None)
        return np.array(canvas.buffer_rgba())

    # ------------------------------------------------------------------ static part
    def _keep_static(self, canvas: FigureCanvasAgg) -> None:
        self._static = canvas.copy_from_bbox(self.figure.bbox)
        self._saved.clear()

    def _draw_static(self, canvas: FigureCanvasAgg) -> None:
        """Draw the whole static part (the dynamic artists are animated, so skipped)."""
        canvas.draw()
        self.static_draws += 1
        self._keep_static(canvas)
        self._bare = self._bare_ok = None
        if len(self.figure.axes) > 1:        # the areas serve only the one-Axes shortcut
            renderer = canvas.get_renderer()
            self._areas = [self._area(ax, renderer) for ax in self.figure.axes]
        else:
            self._areas = None

    def _axis_layer_artists(self, canvas: FigureCanvasAgg) -> list[Artist] | None:
        """The artists to draw over the bare frame, or None where that would be wrong.

        They are every Axes' spines and x and y axis (with grid), and the legends that lie
        over a plotting area (drawn after the grid, as in a full drawing). None when
        anything else static is drawn where they are: a figure-level artist, Axes that
        overlap, or a static data artist (which would move with the limits).
        """
        figure = self.figure
        if any(a.get_visible() for a in (*figure.texts, *figure.legends, *figure.patches,
                                          *figure.lines, *figure.images, *figure.subfigs)):
            return None
        renderer = canvas.get_renderer()
        boxes = [ax.bbox for ax in figure.axes]
        if any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:]):
            return None
        dynamic = {id(a) for a in self.dynamic}
        drawn: list[Artist] = []
        for ax in figure.axes:
            layer = _axis_artists(ax)
            fixed = {id(a) for a in (ax.patch, ax.title, ax._left_title, ax._right_title,
                                     *layer)}
            for child in ax.get_children():
                if id(child) in dynamic or id(child) in fixed or not child.get_visible():
                    continue
                if not isinstance(child, Legend):
                    return None
                if child.get_window_extent(renderer).overlaps(ax.bbox):
                    layer.append(child)
            drawn += sorted(layer, key=lambda a: a.get_zorder())
        return drawn

    def _draw_changed_static(self, canvas: FigureCanvasAgg, key: tuple) -> bool:
        """Draw what changed in the static part by a shortcut, if one applies.

        The axis layers when only they changed, in every Axes (or in the only one); else
        the changed Axes alone, if they touch nothing else; else the axis layers of all
        Axes. Returns False (and draws nothing) when no shortcut applies.
        """
        old = self._key
        if old is None or len(old) != len(key):
            return False
        changed = [i for i, (a, b) in enumerate(zip(old, key)) if a != b]
        axis_only = all(old[i][1] == key[i][1] for i in changed)
        if axis_only and len(changed) == len(key) and self._draw_axis_layers(canvas):
            return True
        if self._draw_changed_axes(canvas, changed):
            if not axis_only:
                self._bare = self._bare_ok = None      # it holds the old titles or legends
            return True
        return axis_only and self._draw_axis_layers(canvas)

    def _draw_axis_layers(self, canvas: FigureCanvasAgg) -> bool:
        """Draw the axis layers of every Axes over the bare frame, if that is exact.

        Returns False (and draws nothing) when it is not (see :meth:`_axis_layer_artists`).
        """
        figure = self.figure
        if self._bare_ok is None:
            self._layer = self._axis_layer_artists(canvas)
            self._bare_ok = self._layer is not None
        if not self._bare_ok:
            return False
        layer = [a for a in self._layer if a.get_visible()]
        if self._bare is None:
            for artist in layer:
                artist.set_visible(False)
            try:
                canvas.draw()
            finally:
                for artist in layer:
                    artist.set_visible(True)
            self._bare = canvas.copy_from_bbox(figure.bbox)
        else:
            canvas.restore_region(self._bare)
        renderer = canvas.get_renderer()
        for artist in layer:
            artist.draw(renderer)
        self.axis_draws += 1
        self._keep_static(canvas)
        self._areas = None               # tick labels may have changed size
        if len(figure.axes) > 1:
            self._areas = [self._area(ax, renderer) for ax in figure.axes]
        return True

    @staticmethod
    def _area(ax: Axes, renderer) -> Bbox:
        """Everything an Axes draws (ticks, labels, title), in pixels, with a margin."""
        return ax.get_tightbbox(renderer).padded(3)

    def _draw_changed_axes(self, canvas: FigureCanvasAgg, changed: list[int]) -> bool:
        """Redraw only the ``changed`` Axes (indices), over the kept static part.

        Possible when the figure has the same Axes as at the last draw and each changed
        Axes, before and after, touches no other Axes and no figure-level artist. Returns
        False (and draws nothing) otherwise.
        """
        figure = self.figure
        if self._areas is None or len(self._areas) != len(figure.axes):
            return False
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
        canvas.restore_region(self._static)
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
        self._keep_static(canvas)
        return True
