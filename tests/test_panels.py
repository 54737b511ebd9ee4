"""Tests for alliances.widgets.panels: where a figure is cut into panels, and their HTML.

Issue 18: at 1,024 px wide a two-panel figure shown as one image shrank its text to 6-7 px.
Cut into panels that wrap, each panel is shown up to its drawn size. The cuts must fall
between the panels (never through a colour bar, a figure title or a legend) and the panels
put back together must be the figure.
"""

from __future__ import annotations

import re
from itertools import pairwise

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from alliances.widgets.panels import (
    LEGIBLE_TEXT_PX,
    MIN_PANEL_PX,
    join_columns,
    panel_cuts,
    panels_html,
    split_columns,
)
from alliances.widgets.render import encode_png


def _two_panels(width: float = 8.0) -> tuple[Figure, list]:
    figure = Figure(figsize=(width, 3), dpi=100, layout="constrained")
    return figure, list(figure.subplots(1, 2))


def _extent(ax, figure):
    canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else \
        FigureCanvasAgg(figure)
    return ax.get_tightbbox(canvas.get_renderer())


def test_a_cut_falls_between_two_panels_with_all_their_labels():
    figure, (left, right) = _two_panels()
    left.set_ylabel("a long y label")
    right.set_ylabel("another y label")
    right.set_title("Right")
    (cut,) = panel_cuts(figure)
    assert _extent(left, figure).x1 < cut < _extent(right, figure).x0


def test_a_colour_bar_stays_with_its_axes():
    figure, (left, right) = _two_panels(9)
    image = left.imshow(np.arange(12.0).reshape(3, 4))
    colour_bar = figure.colorbar(image, ax=left)
    colour_bar.set_label("shortfall from its best")
    (cut,) = panel_cuts(figure)
    assert _extent(colour_bar.ax, figure).x1 < cut < _extent(right, figure).x0


@pytest.mark.parametrize("spanning", ["suptitle", "legend"])
def test_nothing_is_cut_through_a_figure_title_or_legend(spanning):
    figure, (left, right) = _two_panels()
    if spanning == "suptitle":
        figure.suptitle("A figure title long enough to run across both of the panels")
    else:
        for ax in (left, right):
            ax.plot([0, 1], [0, 1], label=f"a long legend entry for {id(ax)}")
        figure.legend(loc="outside lower center", ncols=2)
    assert panel_cuts(figure) == []


def test_three_panels_give_two_cuts_and_a_lone_axes_none():
    figure = Figure(figsize=(9, 3), dpi=100, layout="constrained")
    axes = figure.subplots(1, 3)
    cuts = panel_cuts(figure)
    assert len(cuts) == 2
    for cut, (a, b) in zip(cuts, pairwise(axes)):
        assert _extent(a, figure).x1 < cut < _extent(b, figure).x0
    single = Figure(figsize=(5, 4), dpi=100)
    single.add_subplot()
    assert panel_cuts(single) == []


def test_a_panel_too_narrow_to_stand_alone_is_not_cut_off():
    figure = Figure(figsize=(6, 3), dpi=100)
    figure.add_axes((0.08, 0.15, 0.6, 0.75))
    narrow = figure.add_axes((0.86, 0.15, 0.1, 0.75))
    narrow.set_yticks([])
    narrow.set_xticks([])
    assert figure.bbox.width - _extent(narrow, figure).x0 < MIN_PANEL_PX
    assert panel_cuts(figure) == []


def test_split_panels_joined_again_are_the_figure():
    figure, _axes = _two_panels()
    cuts = panel_cuts(figure)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels = np.array(canvas.buffer_rgba())
    panels = split_columns(pixels, cuts)
    assert len(panels) == 2 and sum(p.shape[1] for p in panels) == pixels.shape[1]
    assert np.array_equal(join_columns(panels), pixels)


def test_panels_of_different_heights_are_padded_white_below():
    tall = np.zeros((4, 2, 4), dtype=np.uint8)
    short = np.zeros((2, 3, 4), dtype=np.uint8)
    joined = join_columns([tall, short])
    assert joined.shape == (4, 5, 4)
    assert (joined[2:, 2:] == 255).all() and (joined[:2, 2:] == 0).all()
    assert (joined[:, :2] == 0).all()


def _png(width: int, height: int) -> bytes:
    return encode_png(np.full((height, width, 4), 255, dtype=np.uint8))


def _styles(tag: str) -> list[dict[str, str]]:
    return [dict(part.split(":", 1) for part in style.split(";"))
            for style in re.findall(r'<img [^>]*style="([^"]*)"', tag)]


def test_panels_shrink_together_only_as_far_as_their_smallest_text_stays_legible():
    # smallest text 12 px at the drawn size: in one row they may shrink to 9/12 = 0.75
    tag = panels_html([_png(400, 300), _png(200, 300)], ["A", "B"], min_text_px=12)
    first, second = _styles(tag)
    assert first["flex"] == "300 1 300px" and second["flex"] == "150 1 150px"
    assert first["max-width"] == "400px" and second["max-width"] == "200px"
    assert first["min-width"] == second["min-width"] == "0"
    assert first["aspect-ratio"] == "400/300"
    assert 'flex-wrap:wrap' in tag and tag.count('data-min-text-px="12.00"') == 2
    # text already below 9 px: no shrinking in a row at all, wrap instead
    small = _styles(panels_html([_png(400, 300), _png(200, 300)], ["A", "B"], min_text_px=7))
    assert small[0]["flex"] == "400 1 400px"
    assert LEGIBLE_TEXT_PX == 9


def test_panels_html_of_a_high_dpi_figure_halves_the_sizes():
    # min_text_px is in CSS pixels at the drawn size, as the widget computes it
    tag = panels_html([_png(800, 600), _png(400, 600)], ["A", "B"], 2, min_text_px=12)
    assert 'width="400" height="300"' in tag and 'width="200" height="300"' in tag
    assert _styles(tag)[0]["flex"] == "300 1 300px"


def test_one_panel_is_a_plain_image_and_alt_texts_are_escaped():
    tag = panels_html([_png(50, 40)], ['Say "no" & <go>'])
    assert tag.startswith('<img class="alliances-figure-img"') and "<div" not in tag
    assert 'alt="Say &quot;no&quot; &amp; &lt;go&gt;"' in tag


@pytest.mark.parametrize("call, error, message", [
    (lambda: panels_html([], []), ValueError, "at least one PNG"),
    (lambda: panels_html([_png(5, 5), _png(5, 5)], ["a"]), ValueError, "one alt text per"),
    (lambda: panels_html([_png(5, 5)], [None]), TypeError, "alt text must be a string"),
    (lambda: panels_html([_png(5, 5)], ["a"], 0), ValueError, "pixel_ratio"),
    (lambda: panels_html([b"GIF89a"], ["a"]), TypeError, "png must be PNG bytes"),
    (lambda: split_columns(np.zeros((2, 5, 4)), [3, 2]), ValueError, "increasing"),
    (lambda: split_columns(np.zeros((2, 5, 4)), [True]), ValueError, "increasing"),
    (lambda: split_columns([[0]], [1]), TypeError, "numpy array"),
    (lambda: panel_cuts(None), TypeError, "matplotlib Figure"),
])
def test_bad_input_is_refused_with_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()
