"""The widget renderer draws, after any update, exactly what a fresh drawing draws.

``alliances.widgets.render.LayeredRenderer`` keeps the static part of a figure as pixels
(public blitting API) and draws only the dynamic artists on top; when limits, ticks or
axis labels changed it draws the axis layer again (where that is exact), when anything
else static changed (titles, legend texts, or the caller's ``frame_key``) the whole static
part, with a plain ``canvas.draw()``. Each test compares the pixels
after an update with those of a fresh renderer on the same figure (whose first frame is
always a full drawing), and checks when the static part was drawn. Dynamic artists come in
layers; a layer whose caller-given key did not change is restored from kept pixels.
"""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from alliances.widgets.render import LayeredRenderer, encode_png


def _two_panels():
    figure = Figure(figsize=(5, 5), dpi=80, layout="constrained")
    top, bottom = figure.subplots(2, 1)
    x = np.linspace(0, 1, 50)
    (line_top,) = top.plot(x, x**2, color="#0072B2")
    (line_bottom,) = bottom.plot(x, 1 - x, color="#D55E00")
    top.set_title("top panel")
    top.set_ylabel("share")
    bottom.set_title("bottom panel")
    bottom.set_xlabel("commitment")
    bottom.set_ylabel("utility (payoff units)")
    return figure, top, bottom, line_top, line_bottom


def _one_panel(legend_inside: bool = False):
    figure = Figure(figsize=(4, 3.4), dpi=80)
    figure.subplots_adjust(left=0.18, right=0.95, top=0.88, bottom=0.32)
    ax = figure.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1], color="#0072B2", label="a line")
    handles = [line, Line2D([], [], color="#D55E00", label="another")]   # not in the Axes
    ax.grid(True)
    ax.set_title("one panel")
    ax.set_xlabel("x")
    if legend_inside:
        ax.legend(handles=handles, loc="upper left")
    else:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2,
                  frameon=False)
    return figure, ax, line


def _fresh(figure, dynamic) -> np.ndarray:
    return LayeredRenderer(figure, [dynamic]).pixels()


def _plain(figure) -> np.ndarray:
    """A plain drawing of the whole figure, no artist animated."""
    for artist in figure.findobj():
        artist.set_animated(False)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return np.array(canvas.buffer_rgba())


def test_the_first_frame_is_a_plain_drawing_of_the_figure() -> None:
    figure, ax, line = _one_panel()
    ax.set_axisbelow(True)         # the grid under the line, as the blitted line is
    first = LayeredRenderer(figure, [[line]]).pixels()
    assert np.array_equal(first, _plain(figure))


def test_a_data_change_reuses_the_static_part_and_gives_a_fresh_drawings_pixels() -> None:
    figure, ax, line = _one_panel()
    ax.set_axisbelow(True)
    renderer = LayeredRenderer(figure, [[line]])
    before = renderer.pixels()
    line.set_ydata([0.9, 0.1])
    after = renderer.pixels()
    assert renderer.static_draws == 1
    assert not np.array_equal(before, after)
    assert np.array_equal(after, _fresh(figure, [line]))
    assert np.array_equal(after, _plain(figure))


@pytest.mark.parametrize("legend_inside", [False, True])
@pytest.mark.parametrize("limits", [(-50, 50), (-0.001, 0.002), (0, 1e6), (-3, 7)])
def test_new_limits_redraw_the_axis_layer_or_everything(limits, legend_inside) -> None:
    figure, ax, line = _one_panel(legend_inside)
    renderer = LayeredRenderer(figure, [[line]])
    renderer.pixels()
    ax.set_ylim(*limits)                      # new tick labels, maybe wider ones
    line.set_ydata(limits)
    pixels = renderer.pixels()
    # A legend over the plotting area lies over the grid: no axis layer then.
    expected = (2, 0) if legend_inside else (1, 2)
    assert (renderer.static_draws, renderer.axis_draws) == expected
    assert np.array_equal(pixels, _fresh(figure, [line]))


@pytest.mark.parametrize("change, static_draws", [
    (lambda ax: ax.set_ylabel("a label that was not there"), 1),     # the axis layer
    (lambda ax: ax.set_xticks([0, 0.5, 1], ["none", "half", "all"]), 1),
    (lambda ax: ax.set_title("another title"), 2),                     # everything
    (lambda ax: ax.get_legend().get_texts()[0].set_text("renamed"), 2),
])
def test_every_static_text_change_is_seen(change, static_draws) -> None:
    figure, ax, line = _one_panel()
    renderer = LayeredRenderer(figure, [[line]])
    renderer.pixels()
    change(ax)
    pixels = renderer.pixels()
    assert (renderer.static_draws, renderer.axis_draws) == (static_draws, 2)
    assert np.array_equal(pixels, _fresh(figure, [line]))


def test_many_changes_in_a_row_stay_exact() -> None:
    figure, top, bottom, line_top, line_bottom = _two_panels()
    renderer = LayeredRenderer(figure, [[line_top, line_bottom]])
    renderer.pixels()
    for k, high in enumerate([1, 10, 100, 5, 0.5, 2000, 3]):
        line_bottom.set_ydata(np.linspace(-high, high, 50))
        if k % 2 == 0:
            bottom.set_ylim(-high, high)
        renderer.pixels()
    assert (renderer.static_draws, renderer.axis_draws) == (1, 1 + 4)
    assert np.array_equal(renderer.pixels(), _fresh(figure, [line_top, line_bottom]))


def test_a_static_data_artist_or_a_figure_text_rules_out_the_axis_layer() -> None:
    figure, ax, line = _one_panel()
    ax.axhline(0.5, color="grey")           # static, in data coordinates: moves with limits
    renderer = LayeredRenderer(figure, [[line]])
    renderer.pixels()
    ax.set_ylim(0, 10)
    assert np.array_equal(renderer.pixels(), _fresh(figure, [line]))
    assert (renderer.static_draws, renderer.axis_draws) == (2, 0)
    figure, top, bottom, line_top, line_bottom = _two_panels()
    figure.text(0.5, 0.02, "a note across the bottom", ha="center")
    renderer = LayeredRenderer(figure, [[line_top, line_bottom]])
    renderer.pixels()
    bottom.set_ylim(-10, 10)
    assert np.array_equal(renderer.pixels(), _fresh(figure, [line_top, line_bottom]))
    assert (renderer.static_draws, renderer.axis_draws) == (2, 0)


def test_layers_are_drawn_bottom_to_top_and_hidden_artists_are_skipped() -> None:
    figure, ax, line = _one_panel()
    (point,) = ax.plot([0.5], [0.5], "o", markersize=20)
    renderer = LayeredRenderer(figure, [[line], [point]])
    shown = renderer.pixels()
    point.set_visible(False)
    hidden = renderer.pixels()
    assert not np.array_equal(shown, hidden)
    assert np.array_equal(hidden, _fresh(figure, [line, point]))
    assert renderer.dynamic == [line, point]


def test_layers_with_unchanged_keys_are_restored_not_drawn() -> None:
    figure, ax, line = _one_panel()
    (point,) = ax.plot([0.5], [0.5], "o")
    renderer = LayeredRenderer(figure, [[line], [point]])
    first = renderer.pixels(["line at rest", None])
    line.set_ydata([1, 0])                  # changed, but its key says it did not:
    again = renderer.pixels(["line at rest", None])
    assert np.array_equal(first, again)     # so the kept layer was used
    moved = renderer.pixels(["line moved", None])
    assert not np.array_equal(first, moved)
    assert np.array_equal(moved, _fresh(figure, [line, point]))
    ax.set_ylim(-1, 2)                      # a new static part: no kept layer is reused
    assert np.array_equal(renderer.pixels(["line moved", None]), _fresh(figure, [line, point]))


def test_a_new_frame_key_redraws_everything() -> None:
    figure, ax, line = _one_panel()
    renderer = LayeredRenderer(figure, [[line]])
    blue = renderer.pixels(frame_key="blue")
    ax.patch.set_facecolor("#FFEEEE")       # a change the renderer cannot see
    assert np.array_equal(renderer.pixels(frame_key="blue"), blue)
    assert renderer.static_draws == 1
    pixels = renderer.pixels(frame_key="pink")
    assert renderer.static_draws == 2
    assert not np.array_equal(pixels, blue)
    assert np.array_equal(pixels, _fresh(figure, [line]))


def test_render_gives_the_pixels_as_png() -> None:
    figure, ax, line = _one_panel()
    renderer = LayeredRenderer(figure, [[line]])
    assert renderer.render() == encode_png(renderer.pixels())


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
@pytest.mark.parametrize("factory, attribute", [
    ("alliances.widgets.commitment:CommitmentExplorer", "controls"),
    ("alliances.widgets.burden:BurdenSharingExplorer", "alpha"),
])
def test_widgets_stay_exact_after_updates(factory, attribute) -> None:
    import importlib

    module, name = factory.split(":")
    widget = getattr(importlib.import_module(module), name)()
    control = getattr(widget, attribute)
    control = control["L_A"] if isinstance(control, dict) else control
    for fraction in (0.9, 0.1, 0.6, 0.3):          # jumps that move the axes
        control.value = round(control.min + fraction * (control.max - control.min), 2)
    renderers = getattr(widget, "_renderers", None) or [widget._renderer]
    for renderer in renderers:
        assert np.array_equal(renderer.pixels(), _fresh(renderer.figure, renderer.dynamic))


@pytest.mark.parametrize("call, error, message", [
    (lambda r: r.pixels([None, None]), ValueError, "keys must have one entry per layer"),
    (lambda r: r.pixels("ab"), TypeError, "keys must be a list"),
    (lambda r: r.pixels([[1]]), TypeError, r"keys\[0\] must be hashable"),
    (lambda r: r.pixels(frame_key={}), TypeError, "frame_key must be hashable"),
    (lambda r: LayeredRenderer(r.figure, [r.dynamic[0]]), TypeError,
     "layers must be a list of lists"),
    (lambda r: LayeredRenderer("figure", [[]]), TypeError, "figure must be a matplotlib"),
    (lambda r: encode_png([[0]]), TypeError, "pixels must be a numpy array"),
    (lambda r: encode_png(np.zeros((2, 2, 3), dtype=np.uint8)), ValueError,
     "pixels must be a height x width x 4"),
])
def test_bad_arguments_are_named(call, error, message) -> None:
    figure, ax, line = _one_panel()
    renderer = LayeredRenderer(figure, [[line]])
    with pytest.raises(error, match=message):
        call(renderer)
