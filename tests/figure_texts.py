"""The texts of a drawn matplotlib figure, and whether a reader sees them whole and apart.

Used by the widget tests (``tests/test_widgets.py``) and the library figure tests
(``tests/test_accessibility.py``), in English and in Indonesian, whose labels are longer.

Two texts overlap when their *ink* does: each text is drawn alone, the pixels it inks are
compared, and a pair that shares at least :data:`MIN_SHARED_PIXELS` is reported. Boxes are
not enough: the box of a text turned 90 or 45 degrees covers much more than its letters
(the rotated event names of a timeline), and a text's box can overlap another's only in
the blank above a lower-case line. A text drawn on a box (``bbox=``) inks its box too,
which is right: the box hides what it covers.
"""

from __future__ import annotations

import itertools

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

#: Pixels two texts must share to count as overlapping: antialiased edges of two letters
#: that touch share one or two.
MIN_SHARED_PIXELS = 4
#: Alpha (0-255) above which a pixel counts as inked: leaves out the faintest antialiasing.
INK_ALPHA = 40


def shown_texts(figure: Figure) -> list[tuple[Text, object]]:
    """Every text of ``figure`` (drawn) that a reader sees, with its box in pixels: visible,
    not empty, on a visible Axes with its axis shown, and, for a tick label, of a tick in
    view (matplotlib keeps labels for ticks outside the limits but does not draw them)."""
    renderer = figure.canvas.get_renderer()
    hidden: set[int] = set()
    for ax in figure.axes:
        for axis, limits in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            low, high = sorted(limits)
            slack = 1e-9 * (high - low)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                location = tick.get_loc()
                if (not ax.get_visible() or not ax.axison or not axis.get_visible()
                        or location is None or not low - slack <= location <= high + slack):
                    hidden |= {id(tick.label1), id(tick.label2)}
    return [(text, text.get_window_extent(renderer)) for text in figure.findobj(Text)
            if text.get_visible() and text.get_text().strip() and id(text) not in hidden
            and (text.axes is None or text.axes.get_visible())]


def _inked_box(text: Text, box):
    """``box`` widened to the box a text is drawn on (``bbox=``), which hides what it covers."""
    patch = text.get_bbox_patch()
    return box if patch is None else Bbox.union([box, patch.get_window_extent()])


def _inside(box, width: float, height: float) -> bool:
    return -1 <= box.x0 <= box.x1 <= width + 1 and -1 <= box.y0 <= box.y1 <= height + 1


def texts_off_the_figure(figure: Figure, shown: list[tuple[Text, object]]) -> list[str]:
    """The texts of ``shown`` (from :func:`shown_texts`) that reach past the edges of
    ``figure``: cut off where the figure is shown at its own size (a widget's image). Tick
    labels are left to the layout engine, which makes room for them."""
    width, height = figure.bbox.width, figure.bbox.height
    ticks = {id(label) for ax in figure.axes for axis in (ax.xaxis, ax.yaxis)
             for tick in axis.get_major_ticks() + axis.get_minor_ticks()
             for label in (tick.label1, tick.label2)}
    return [text.get_text() for text, box in shown
            if id(text) not in ticks and not _inside(box, width, height)]


def _ink(figure: Figure, text: Text, box) -> tuple[int, int, np.ndarray]:
    """The pixels ``text`` inks when drawn alone: the crop's left and top (in pixels from
    the figure's top left) and a boolean mask of the crop around ``box``."""
    width, height = int(np.ceil(figure.bbox.width)), int(np.ceil(figure.bbox.height))
    renderer = RendererAgg(width, height, figure.dpi)
    text.draw(renderer)
    alpha = np.asarray(renderer.buffer_rgba())[..., 3]
    left, right = max(int(box.x0) - 1, 0), min(int(np.ceil(box.x1)) + 1, width)
    top, bottom = max(height - int(np.ceil(box.y1)) - 1, 0), min(height - int(box.y0) + 1,
                                                                  height)
    return left, top, alpha[top:bottom, left:right] > INK_ALPHA


def overlapping_texts(figure: Figure, shown: list[tuple[Text, object]]) -> list[str]:
    """The pairs of texts of ``shown`` (from :func:`shown_texts`) whose ink overlaps, each
    as ``"'a' and 'b' (n px)"``. Only pairs whose boxes meet are drawn and compared."""
    inks: dict[int, tuple[int, int, np.ndarray]] = {}
    found = []
    inked = [(text, _inked_box(text, box)) for text, box in shown]
    for (a, box_a), (b, box_b) in itertools.combinations(inked, 2):
        meet = Bbox.intersection(box_a, box_b)
        if meet is None or meet.width <= 0 or meet.height <= 0:
            continue
        for text, box in ((a, box_a), (b, box_b)):
            if id(text) not in inks:
                inks[id(text)] = _ink(figure, text, box)
        (xa, ya, ink_a), (xb, yb, ink_b) = inks[id(a)], inks[id(b)]
        x0, y0 = max(xa, xb), max(ya, yb)
        x1 = min(xa + ink_a.shape[1], xb + ink_b.shape[1])
        y1 = min(ya + ink_a.shape[0], yb + ink_b.shape[0])
        if x1 <= x0 or y1 <= y0:
            continue
        shared = np.count_nonzero(ink_a[y0 - ya:y1 - ya, x0 - xa:x1 - xa]
                                  & ink_b[y0 - yb:y1 - yb, x0 - xb:x1 - xb])
        if shared >= MIN_SHARED_PIXELS:
            found.append(f"{a.get_text()!r} and {b.get_text()!r} ({shared} px)")
    return found
