"""A figure of side-by-side panels shown as one image per panel, in a row that wraps.

A two-panel widget figure is 860 to 1,020 px wide. Shown as one image, a narrow screen
can only shrink it: at 1,024 px wide, JupyterLab with its file browser open leaves the
notebook about 590 px, and the figure's text would shrink to 6 or 7 px. Cut into its
panels, the same pixels sit side by side where they fit and wrap, each at its drawn size,
where they do not.

* :func:`panel_cuts` finds the pixel columns where a figure can be cut: between the
  columns of its Axes (each with its tick labels, axis labels, title and legend, a colour
  bar going with the Axes it belongs to), where no figure-level text or legend crosses.
* :func:`split_columns` cuts a figure's pixels there; :func:`join_columns` puts panels
  back side by side (the static first view is the whole figure).
* :func:`panels_html` is the HTML of the panels: a flex row that wraps. Each panel may
  shrink, all by the same ratio, as long as the figure's smallest text stays at least
  :data:`LEGIBLE_TEXT_PX` on screen; below that the row wraps, and each panel is shown up to
  its drawn size (never larger).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from alliances._validation import check_real
from alliances.views.style import agg_canvas, freeze_layout

__all__ = ["LEGIBLE_TEXT_PX", "MIN_PANEL_PX", "panel_cuts", "split_columns", "join_columns",
           "panels_html", "first_title"]

#: The smallest figure text a reader should see on screen, in CSS pixels (issue 18).
LEGIBLE_TEXT_PX = 9.0
#: A panel narrower than this (in the figure's pixels) is not cut off on its own.
MIN_PANEL_PX = 150
#: How far the panels may shrink together before wrapping, when the smallest text is not
#: known (the ratio of shown to drawn width).
_DEFAULT_MIN_SCALE = 0.75


def _sequence(value: object, name: str) -> list:
    """``value`` as a list, if it is a list, tuple or other sequence (not a string)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a list; got {type(value).__name__}")
    return list(value)


def _owner(ax: Axes) -> Axes:
    """The Axes a colour bar belongs to (its mappable's), else ``ax`` itself."""
    colorbar = getattr(ax, "_colorbar", None)
    owner = getattr(getattr(colorbar, "mappable", None), "axes", None)
    return owner if isinstance(owner, Axes) and owner.figure is ax.figure else ax


def _stretches(figure: Figure, renderer) -> list[list[float]]:
    """The pixel columns [x0, x1] that each Axes (with its colour bars) and each
    figure-level text, legend or sub-figure covers."""
    stretches: dict[int, list[float]] = {}       # owner Axes (or artist) -> [x0, x1]
    for ax in figure.axes:
        box = ax.get_tightbbox(renderer) if ax.get_visible() else None
        if box is not None:
            x0, x1 = stretches.setdefault(id(_owner(ax)), [box.x0, box.x1])
            stretches[id(_owner(ax))] = [min(x0, box.x0), max(x1, box.x1)]
    for artist in (*figure.texts, *figure.legends, *figure.subfigs):
        if artist.get_visible() and (not hasattr(artist, "get_text") or
                                     artist.get_text().strip()):
            box = artist.get_window_extent(renderer)
            stretches[id(artist)] = [box.x0, box.x1]
    return list(stretches.values())


def _merge(stretches: list[list[float]]) -> list[list[float]]:
    """Overlapping stretches as one, left to right."""
    merged: list[list[float]] = []
    for x0, x1 in sorted(stretches):
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return merged


def panel_cuts(figure: Figure) -> list[int]:
    """The pixel columns where ``figure`` can be cut into side-by-side panels.

    Each visible Axes covers the columns of its tight box (ticks, labels, title and legend
    included); a colour bar's columns join those of the Axes it belongs to; each
    figure-level text, legend or sub-figure covers its own columns. A cut goes in the middle
    of each gap between the covered stretches, unless the panel it would cut off is
    narrower than :data:`MIN_PANEL_PX`. The figure's layout is frozen before measuring;
    measure after the figure has its final texts.

    Examples
    --------
    >>> fig = Figure(figsize=(8, 3), dpi=100, layout="constrained")
    >>> left, right = fig.subplots(1, 2)
    >>> cuts = panel_cuts(fig)
    >>> len(cuts), 350 < cuts[0] < 450
    (1, True)
    >>> _ = fig.suptitle("A title across both panels " * 3)
    >>> panel_cuts(fig)
    []
    >>> panel_cuts("figure")
    Traceback (most recent call last):
    ...
    TypeError: figure must be a matplotlib Figure; got str
    """
    if not isinstance(figure, Figure):
        raise TypeError(f"figure must be a matplotlib Figure; got {type(figure).__name__}")
    freeze_layout(figure)
    merged = _merge(_stretches(figure, agg_canvas(figure).get_renderer()))
    width = round(figure.bbox.width)
    cuts: list[int] = []
    for (_a0, a1), (b0, _b1) in pairwise(merged):
        cut = round((a1 + b0) / 2)
        if cut - (cuts[-1] if cuts else 0) >= MIN_PANEL_PX and width - cut >= MIN_PANEL_PX:
            cuts.append(cut)
    return cuts


def split_columns(pixels: np.ndarray, cuts: Sequence[int]) -> list[np.ndarray]:
    """``pixels`` (height x width x channels) cut at the columns ``cuts`` (increasing).

    Examples
    --------
    >>> parts = split_columns(np.zeros((2, 10, 4), dtype=np.uint8), [4])
    >>> [p.shape for p in parts]
    [(2, 4, 4), (2, 6, 4)]
    >>> split_columns(np.zeros((2, 10, 4)), [4, 12])
    Traceback (most recent call last):
    ...
    ValueError: cuts must be increasing columns between 1 and 9; got [4, 12]
    """
    if not isinstance(pixels, np.ndarray) or pixels.ndim != 3:
        raise TypeError("pixels must be a height x width x channels numpy array")
    width = pixels.shape[1]
    cuts = _sequence(cuts, "cuts")
    if any(isinstance(c, bool) or not isinstance(c, (int, np.integer)) for c in cuts) or \
            any(not 0 < c < width for c in cuts) or sorted(set(cuts)) != cuts:
        raise ValueError(f"cuts must be increasing columns between 1 and {width - 1}; "
                         f"got {cuts}")
    edges = [0, *cuts, width]
    return [pixels[:, a:b] for a, b in pairwise(edges)]


def join_columns(panels: Sequence[np.ndarray]) -> np.ndarray:
    """Panels side by side, shorter ones padded with white at the bottom.

    Examples
    --------
    >>> a, b = np.zeros((2, 3, 4), dtype=np.uint8), np.zeros((3, 1, 4), dtype=np.uint8)
    >>> joined = join_columns([a, b])
    >>> joined.shape, int(joined[2, 0, 0]), int(joined[2, 3, 0])
    ((3, 4, 4), 255, 0)
    >>> join_columns([])
    Traceback (most recent call last):
    ...
    ValueError: panels must be a non-empty list of height x width x channels arrays
    """
    panels = _sequence(panels, "panels")
    if not panels or not all(isinstance(p, np.ndarray) and p.ndim == 3 for p in panels):
        raise ValueError("panels must be a non-empty list of height x width x channels "
                         "arrays")
    if len(panels) == 1:
        return panels[0]
    height = max(p.shape[0] for p in panels)
    return np.hstack([np.pad(p, ((0, height - p.shape[0]), (0, 0), (0, 0)),
                             constant_values=255) for p in panels])


def first_title(axes: Sequence[Axes]) -> str:
    """What ``axes`` show, in a few words: the first non-empty title (centre, left or
    right), else the first y- or x-axis label; without a final stop.

    Examples
    --------
    >>> fig = Figure()
    >>> first, second = fig.subplots(1, 2)
    >>> _ = second.set_title("What the alliance gets.", loc="left")
    >>> first_title([first, second]), first_title([first])
    ('What the alliance gets', '')
    >>> _ = first.set_ylabel("payoff")
    >>> first_title([first, second])
    'What the alliance gets'
    >>> first_title([first])
    'payoff'
    """
    axes = _sequence(axes, "axes")
    if not all(isinstance(ax, Axes) for ax in axes):
        raise TypeError("axes must be a list of matplotlib Axes")
    names = [ax.get_title(loc) for ax in axes for loc in ("center", "left", "right")]
    names += [label for ax in axes for label in (ax.get_ylabel(), ax.get_xlabel())]
    for name in names:
        if name.strip():
            return " ".join(name.split()).rstrip(".")
    return ""


def _min_scale(min_text_px: float | None) -> float:
    """How far the panels may shrink in one row: the smallest text stays legible."""
    if not min_text_px:
        return _DEFAULT_MIN_SCALE
    return min(1.0, max(0.5, LEGIBLE_TEXT_PX / min_text_px))


def panels_html(pngs: Sequence[bytes], alts: Sequence[str], pixel_ratio: float = 1, *,
                min_text_px: float | None = None) -> str:
    """The HTML of a figure's panels: ``<img>`` elements in a flex row that wraps.

    Each image's ``width`` and ``height`` attributes are its drawn size in CSS pixels and
    its ``max-width`` too: nothing enlarges it. Its flex basis is that width times
    :func:`the smallest scale <_min_scale>` at which the figure's smallest text
    (``min_text_px``, at the drawn size) is still :data:`LEGIBLE_TEXT_PX` on screen, and its
    flex-grow is proportional to the basis: in a row, the panels shrink or grow by the same
    ratio, so the figure looks like one image; where even that scale does not fit, the row
    wraps. ``min-width: 0`` lets a panel still shrink on a screen narrower than itself.
    One panel gives :func:`~alliances.widgets.base.image_html`'s plain image.

    Examples
    --------
    >>> from alliances.widgets.render import encode_png
    >>> png = encode_png(np.zeros((300, 400, 4), dtype=np.uint8))
    >>> tag = panels_html([png, png], ["Left", "Right"], min_text_px=12)
    >>> tag.count("<img"), 'flex:300 1 300px' in tag, 'max-width:400px' in tag
    (2, True, True)
    >>> panels_html([png, png], ["only one alt"])
    Traceback (most recent call last):
    ...
    ValueError: need one alt text per panel: 2 panels, 1 alt texts
    """
    from alliances.widgets.base import image_html, png_size

    pngs, alts = _sequence(pngs, "pngs"), _sequence(alts, "alts")
    if not pngs:
        raise ValueError("pngs must hold at least one PNG")
    if len(alts) != len(pngs):
        raise ValueError(f"need one alt text per panel: {len(pngs)} panels, {len(alts)} "
                         f"alt texts")
    if not all(isinstance(alt, str) for alt in alts):
        raise TypeError("every alt text must be a string")
    pixel_ratio = check_real(pixel_ratio, "pixel_ratio", minimum=0, allow_equal_min=False)
    if min_text_px is not None:
        min_text_px = check_real(min_text_px, "min_text_px", minimum=0)
    if len(pngs) == 1:
        return image_html(pngs[0], alts[0], pixel_ratio, min_text_px=min_text_px)
    scale = _min_scale(min_text_px)
    text = f' data-min-text-px="{min_text_px:.2f}"' if min_text_px else ""
    images = []
    for png, alt in zip(pngs, alts):
        width, height = (round(n / pixel_ratio) for n in png_size(png))
        basis = round(width * scale)
        data = base64.b64encode(png).decode("ascii")
        images.append(
            f'<img class="alliances-figure-img" src="data:image/png;base64,{data}" '
            f'width="{width}" height="{height}" alt="{html.escape(alt)}" '
            f'style="flex:{basis} 1 {basis}px;min-width:0;max-width:{width}px;height:auto;'
            f'aspect-ratio:{width}/{height};display:block"{text}>')
    return ('<div class="alliances-figure-panels" style="display:flex;flex-wrap:wrap;'
            'align-items:flex-start;max-width:100%">' + "".join(images) + "</div>")
