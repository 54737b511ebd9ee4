"""Figure rendering for widgets: draw the static part once, blit the moving artists.

A widget's figure is mostly static (axes, ticks, labels, legends) and drawing that text is
most of the cost of a frame. :class:`LayeredRenderer` therefore follows matplotlib's own
blitting recipe, with its public API only: the *dynamic* artists (the curves, points and
bars that move) are made animated, so that ``canvas.draw()`` draws the static part alone;
its pixels are kept with ``canvas.copy_from_bbox``. Each frame restores them with
``canvas.restore_region`` and draws the dynamic artists on top with
``figure.draw_artist``, layer by layer; a layer whose caller-given key did not change is
restored from the pixels kept after it was drawn.

The kept pixels are drawn again, by one plain ``canvas.draw()``, whenever an update
changed something static that :func:`_static_key` sees (axis limits, ticks and their
labels, axis labels, titles, legend texts), or when the caller's ``frame_key`` changed
(for static changes it cannot see, such as a colour). ``tests/test_rendering.py`` checks
that every frame has the pixels of a fresh drawing of the same figure.
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

from alliances.views.style import freeze_layout

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


def _axes_key(ax: Axes) -> tuple:
    """What an update may change in the static part of ``ax``: limits, ticks and their
    labels, axis labels, title and legend texts."""
    formatters = tuple(tuple(f.seq) if isinstance(f, FixedFormatter) else None
                       for f in (ax.xaxis.get_major_formatter(),
                                 ax.yaxis.get_major_formatter()))
    legend = ax.get_legend()
    return (tuple(ax.get_xlim()), tuple(ax.get_ylim()), tuple(ax.get_xticks()),
            tuple(ax.get_yticks()), formatters, ax.get_xlabel(), ax.get_ylabel(),
            None if ax.title.get_animated() else ax.title.get_text(),
            tuple(t.get_text() for t in legend.get_texts()) if legend is not None else None)


def _static_key(figure: Figure) -> tuple:
    """Everything static in ``figure`` that an update may change, as a tuple."""
    return tuple(_axes_key(ax) for ax in figure.axes)


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
    static_draws : int
        How often the static part was drawn (by a plain ``canvas.draw()``).

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
    >>> renderer.static_draws      # new limits: the static part was drawn again
    2
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
        self._key: tuple | None = None       # static key and frame key of the kept pixels
        self._background = None              # the kept pixels of the static part
        self._saved: dict[int, tuple[object, object]] = {}   # layer -> (key, pixels)
        self.static_draws = 0

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
        canvas = figure.canvas
        if not isinstance(canvas, FigureCanvasAgg):
            canvas = FigureCanvasAgg(figure)
        key = (_static_key(figure), frame_key)
        if self._background is None or key != self._key:
            canvas.draw()                    # the dynamic artists are animated: skipped
            self._background = canvas.copy_from_bbox(figure.bbox)
            self._key = key
            self._saved.clear()
            self.static_draws += 1
        keys = [None] * len(self.layers) if keys is None else list(keys)
        reused = self._restore(canvas, keys)
        for k in range(reused + 1, len(self.layers)):
            for artist in self.layers[k]:
                figure.draw_artist(artist)
            if keys[k] is None:
                self._saved.pop(k, None)
            else:
                self._saved[k] = (keys[k], canvas.copy_from_bbox(figure.bbox))
        return np.array(canvas.buffer_rgba())

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
