"""Figure rendering for widgets: draw the static part once, blit the moving artists.

A widget's figure is mostly static (axes, ticks, labels, legends) and drawing that text is
most of the cost of a frame. :class:`LayeredRenderer` therefore follows matplotlib's own
blitting recipe, with its public API only: the *dynamic* artists (the curves, points and
bars that move) are made animated, so that ``canvas.draw()`` draws the static part alone;
its pixels are kept with ``canvas.copy_from_bbox``. Each frame restores them with
``canvas.restore_region`` and draws the dynamic artists on top with
``figure.draw_artist``, layer by layer; a layer whose caller-given key did not change is
restored from the pixels kept after it was drawn.

The axes of each Axes (spines, ticks, tick and axis labels, grid) form the lowest layer,
keyed by the limits, ticks and labels, wherever drawing them over the rest of the static
part gives a full drawing's pixels (:func:`_axis_layer` says where): a slider that
rescales an axis redraws only them, not the legend and titles. Everything static is
drawn again, by one plain ``canvas.draw()``, when anything else static that the renderer
sees changed (titles, legend texts, axes outside the axis layer) or the caller's
``frame_key`` changed (for changes it cannot see, such as a colour).
``tests/test_rendering.py`` checks that every frame has the pixels of a fresh drawing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
import PIL.Image
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedFormatter

from alliances.views.style import agg_canvas, freeze_layout

__all__ = ["LayeredRenderer", "encode_png"]


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


def _axis_key(ax: Axes) -> tuple:
    """What the axis artists of ``ax`` draw: limits, ticks and their labels, axis labels."""
    formatters = tuple(tuple(f.seq) if isinstance(f, FixedFormatter) else None
                       for f in (ax.xaxis.get_major_formatter(),
                                 ax.yaxis.get_major_formatter()))
    return (tuple(ax.get_xlim()), tuple(ax.get_ylim()), tuple(ax.get_xticks()),
            tuple(ax.get_yticks()), formatters, ax.get_xlabel(), ax.get_ylabel())


def _text_key(ax: Axes) -> tuple:
    """The other static texts of ``ax`` that an update may change: title, legend."""
    legend = ax.get_legend()
    return (None if ax.title.get_animated() else ax.title.get_text(),
            tuple(t.get_text() for t in legend.get_texts()) if legend is not None else None)


def _axis_layer_fits(ax: Axes, dynamic: set[int], renderer) -> bool:
    """Whether the axis artists of ``ax`` drawn over the rest of the static part give the
    pixels of a full drawing: x ticks and label at the bottom (a title moves with tick
    labels on top), no static data artist (it would move with the limits), no inset, and
    no legend over the plotting area (a full drawing puts it over the grid)."""
    if ax.xaxis.get_ticks_position() not in ("bottom", "default") or \
            ax.xaxis.get_label_position() != "bottom" or ax.child_axes:
        return False
    data = (*ax.lines, *ax.patches, *ax.collections, *ax.images, *ax.texts, *ax.artists,
            *ax.tables)
    if any(a.get_visible() and id(a) not in dynamic for a in data):
        return False
    legend = ax.get_legend()
    return legend is None or not legend.get_visible() or \
        not legend.get_window_extent(renderer).overlaps(ax.bbox)


def _axis_layer(figure: Figure, dynamic: list[Artist], renderer) -> list[Artist]:
    """The spines and axes (with grid) of every Axes whose axis artists can be a layer of
    their own (see :func:`_axis_layer_fits`), in drawing order; none when a figure-level
    artist or overlapping Axes could lie under or over them."""
    if figure.subfigs or any(a.get_visible() for a in (
            *figure.texts, *figure.legends, *figure.patches, *figure.lines, *figure.images)):
        return []
    boxes = [ax.bbox for ax in figure.axes]
    if any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:]):
        return []
    ids = {id(a) for a in dynamic}
    return [artist for ax in figure.axes if _axis_layer_fits(ax, ids, renderer)
            for artist in sorted((*ax.spines.values(), ax.xaxis, ax.yaxis),
                                 key=lambda a: a.get_zorder())]


def _check_hashable(name: str, value: object) -> None:
    try:
        hash(value)
    except TypeError:
        raise TypeError(f"{name} must be hashable (None, a string, a number or a tuple of "
                        f"them); got {type(value).__name__}") from None


class LayeredRenderer:
    """Render ``figure`` to pixels or PNG: the static part drawn once, the dynamic blitted.

    Parameters
    ----------
    figure : Figure
    layers : list of list of Artist
        The dynamic artists, in layers drawn from bottom to top. They are made
        *animated*, so the figure's normal drawing skips them: render this figure only
        through this renderer from now on.

    Attributes
    ----------
    static_draws, axis_draws : int
        How often the static part was drawn (by a plain ``canvas.draw()``), and how
        often its axis layer (spines, ticks, tick and axis labels, grid).

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
    >>> renderer.static_draws, renderer.axis_draws   # new limits: only the axis layer
    (1, 2)
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
        self._key: tuple | None = None       # the static key of the kept pixels
        self._axis_artists: list[Artist] = []     # the axis layer (see _axis_layer)
        self._axis_axes: list[Axes] = []
        self._background = None              # the kept pixels of the static part
        self._saved: dict[int, tuple[object, object]] = {}   # layer -> (key, pixels)
        self.static_draws = 0
        self.axis_draws = 0

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
            the one of the last call, and is not None, is restored from the pixels kept
            after it was drawn instead of drawn again (a map that did not move, say). By
            default every layer is drawn.
        frame_key : hashable, optional
            Anything that changes when the static part changes in a way the renderer
            cannot see (a colour, say); a new value draws the static part again.
        """
        self._check_keys(keys, frame_key)
        figure = self.figure
        freeze_layout(figure)
        canvas = agg_canvas(figure)
        if self._background is None or self._static_key(frame_key) != self._key:
            self._draw_static(canvas, frame_key)
        layers = [self._axis_artists, *self.layers]
        keys = [self._axis_key(), *([None] * len(self.layers) if keys is None else keys)]
        reused = self._restore(canvas, keys)
        for k in range(reused + 1, len(layers)):
            for artist in layers[k]:
                figure.draw_artist(artist)
            if keys[k] is None:
                self._saved.pop(k, None)
            else:
                self._saved[k] = (keys[k], canvas.copy_from_bbox(figure.bbox))
        if reused < 0 and self._axis_artists:
            self.axis_draws += 1
        return np.array(canvas.buffer_rgba())

    def _axis_key(self) -> tuple:
        """The key of the axis layer: what its Axes' axis artists draw."""
        return tuple(_axis_key(ax) for ax in self._axis_axes)

    def _static_key(self, frame_key: object) -> tuple:
        """Everything in the static part that an update may change, as a tuple."""
        return frame_key, tuple((_text_key(ax), None if ax in self._axis_axes else
                                 _axis_key(ax)) for ax in self.figure.axes)

    def _draw_static(self, canvas: FigureCanvasAgg, frame_key: object) -> None:
        """Draw the static part without the dynamic artists and the axis layer, keep it."""
        self._axis_artists = _axis_layer(self.figure, self.dynamic, canvas.get_renderer())
        self._axis_axes = [ax for ax in self.figure.axes if ax.xaxis in self._axis_artists]
        for artist in self._axis_artists:       # animated during this drawing only
            artist.set_animated(True)
        try:
            canvas.draw()                    # animated artists are skipped
        finally:
            for artist in self._axis_artists:
                artist.set_animated(False)
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._key = self._static_key(frame_key)
        self._saved.clear()
        self.static_draws += 1

    def _restore(self, canvas: FigureCanvasAgg, keys: list[object]) -> int:
        """Restore the kept pixels of the highest layer whose key and every key below it
        are unchanged, or the static part alone; return that layer's index (or -1)."""
        reused = -1
        for k, key in enumerate(keys):
            saved = self._saved.get(k)
            if key is None or saved is None or saved[0] != key:
                break
            reused = k
        canvas.restore_region(self._background if reused < 0 else self._saved[reused][1])
        return reused

    def _check_keys(self, keys: Sequence[object] | None, frame_key: object) -> None:
        _check_hashable("frame_key", frame_key)
        if keys is None:
            return
        if isinstance(keys, (str, bytes)) or not isinstance(keys, Sequence):
            raise TypeError(f"keys must be a list with one key per layer; got {keys!r:.80}")
        if len(keys) != len(self.layers):
            raise ValueError(f"keys must have one entry per layer ({len(self.layers)}); got "
                             f"{len(keys)}")
        for k, key in enumerate(keys):
            _check_hashable(f"keys[{k}]", key)
