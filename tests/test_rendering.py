"""The layered renderer's shortcuts draw exactly what a full drawing draws.

``alliances.widgets.render.LayeredRenderer`` keeps the static part of a figure as pixels.
When only axis limits, ticks or axis labels change, it draws just the axis layers over a
bare frame; when one Axes' title or legend changes, it redraws that Axes alone. Each test
compares the result with a full drawing of the same figure by a fresh renderer (whose
first frame is always a plain ``canvas.draw()``), and checks which path was taken.
"""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from alliances.widgets.render import LayeredRenderer, encode_png, static_key


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


@pytest.mark.parametrize("legend_inside", [False, True])
@pytest.mark.parametrize("limits", [(-50, 50), (-0.001, 0.002), (0, 1e6), (-3, 7)])
def test_new_limits_draw_only_the_axis_layer_and_give_a_full_drawings_pixels(
        limits, legend_inside) -> None:
    figure, ax, line = _one_panel(legend_inside)
    renderer = LayeredRenderer(figure, [[line]])
    renderer.pixels()
    ax.set_ylim(*limits)                      # new tick labels, maybe wider ones
    line.set_ydata(limits)
    shortcut = renderer.pixels()
    assert (renderer.static_draws, renderer.axis_draws) == (1, 1)
    assert np.array_equal(shortcut, _fresh(figure, [line]))


def test_a_new_axis_label_takes_the_axis_layer_too() -> None:
    figure, ax, line = _one_panel()
    renderer = LayeredRenderer(figure, [[line]])
    renderer.pixels()
    ax.set_ylabel("a label that was not there")
    pixels = renderer.pixels()
    assert renderer.axis_draws == 1
    assert np.array_equal(pixels, _fresh(figure, [line]))


def test_a_new_title_is_not_an_axis_change() -> None:
    figure, ax, line = _one_panel()
    renderer = LayeredRenderer(figure, [[line]])
    renderer.pixels()
    ax.set_title("another title")
    pixels = renderer.pixels()
    assert (renderer.static_draws, renderer.axis_draws) == (2, 0)
    assert np.array_equal(pixels, _fresh(figure, [line]))


def test_a_static_data_artist_rules_out_the_axis_layer() -> None:
    figure, ax, line = _one_panel()
    ax.axhline(0.5, color="grey")           # static, in data coordinates: moves with limits
    renderer = LayeredRenderer(figure, [[line]])
    renderer.pixels()
    ax.set_ylim(0, 10)
    pixels = renderer.pixels()
    assert (renderer.static_draws, renderer.axis_draws) == (2, 0)
    assert np.array_equal(pixels, _fresh(figure, [line]))


def test_a_figure_level_text_rules_out_every_shortcut() -> None:
    figure, top, bottom, line_top, line_bottom = _two_panels()
    figure.text(0.5, 0.02, "a note across the bottom", ha="center")
    renderer = LayeredRenderer(figure, [[line_top, line_bottom]])
    renderer.pixels()
    bottom.set_ylim(-10, 10)
    pixels = renderer.pixels()
    assert (renderer.static_draws, renderer.axis_draws, renderer.partial_draws) == (2, 0, 0)
    assert np.array_equal(pixels, _fresh(figure, [line_top, line_bottom]))


@pytest.mark.parametrize("limits", [(-50, 50), (-0.001, 0.002), (0, 1e6), (-3, 7)])
def test_one_changed_panel_of_two_is_redrawn_alone(limits) -> None:
    figure, top, bottom, line_top, line_bottom = _two_panels()
    renderer = LayeredRenderer(figure, [[line_top, line_bottom]])
    renderer.pixels()
    bottom.set_ylim(*limits)
    line_bottom.set_ydata(np.linspace(limits[0], limits[1], 50))
    partial = renderer.pixels()
    assert (renderer.static_draws, renderer.partial_draws) == (1, 1)
    assert np.array_equal(partial, _fresh(figure, [line_top, line_bottom]))


def test_many_changes_in_a_row_stay_exact() -> None:
    figure, top, bottom, line_top, line_bottom = _two_panels()
    renderer = LayeredRenderer(figure, [[line_top, line_bottom]])
    renderer.pixels()
    for k, high in enumerate([1, 10, 100, 5, 0.5, 2000, 3]):
        bottom.set_ylim(-high, high)
        if k % 3 == 0:
            top.set_ylim(0, high)           # both panels change: the axis layers
        renderer.pixels()
    assert renderer.static_draws == 1
    assert (renderer.axis_draws, renderer.partial_draws) == (3, 4)
    assert np.array_equal(renderer.pixels(), _fresh(figure, [line_top, line_bottom]))


def test_an_axes_that_touches_another_gets_a_full_redraw() -> None:
    figure = Figure(figsize=(4, 3), dpi=80)
    ax = figure.add_axes((0.15, 0.15, 0.7, 0.7))
    inset = figure.add_axes((0.5, 0.5, 0.3, 0.3))          # inside the first one
    (line,) = ax.plot([0, 1], [0, 1])
    renderer = LayeredRenderer(figure, [[line]])
    renderer.pixels()
    ax.set_ylim(0, 5)
    pixels = renderer.pixels()
    assert (renderer.static_draws, renderer.axis_draws, renderer.partial_draws) == (2, 0, 0)
    assert np.array_equal(pixels, _fresh(figure, [line]))
    assert inset.get_visible()


def test_layers_with_unchanged_keys_are_restored_not_drawn() -> None:
    figure, ax, line = _one_panel()
    (point,) = ax.plot([0.5], [0.5], "o")
    renderer = LayeredRenderer(figure, [[line], [point]])
    first = renderer.pixels(["line at rest", None])
    line.set_ydata([1, 0])                  # changed, but its key says it did not:
    again = renderer.pixels(["line at rest", None])
    assert np.array_equal(first, again)     # so the saved layer was used
    moved = renderer.pixels(["line moved", None])
    assert not np.array_equal(first, moved)
    assert np.array_equal(moved, _fresh(figure, [line, point]))


def test_a_new_frame_key_redraws_everything() -> None:
    figure, ax, line = _one_panel()
    renderer = LayeredRenderer(figure, [[line]])
    renderer.pixels(frame_key="blue")
    ax.patch.set_facecolor("#FFEEEE")       # invisible to static_key
    assert renderer.static_draws == 1
    pixels = renderer.pixels(frame_key="pink")
    assert renderer.static_draws == 2
    assert np.array_equal(pixels, _fresh(figure, [line]))


def test_the_commitment_explorer_redraws_one_panel_and_stays_exact() -> None:
    from alliances.widgets.commitment import CommitmentExplorer

    explorer = CommitmentExplorer()
    renderer = explorer._renderer
    for value in (18.0, 2.0, 12.0, 20.0):           # jumps that move the utility axis
        explorer.controls["L_A"].value = value
    assert renderer.partial_draws >= 1
    assert np.array_equal(renderer.pixels(), _fresh(explorer.figure, renderer.dynamic))


def test_the_burden_explorer_draws_axis_layers_only_and_stays_exact() -> None:
    from alliances.widgets.burden import BurdenSharingExplorer

    explorer = BurdenSharingExplorer(0.2, (10.0, 9.0, 6.0, 3.0))
    curves, bars = explorer._renderers
    for value in (0.55, 0.1, 0.4):                  # jumps that rescale both panels
        explorer.alpha.value = value
    assert curves.static_draws == 1 and curves.axis_draws >= 2 and bars.axis_draws >= 1
    for renderer in (curves, bars):
        assert np.array_equal(renderer.pixels(), _fresh(renderer.figure, renderer.dynamic))


@pytest.mark.parametrize("call, error, message", [
    (lambda r: r.pixels([None, None]), ValueError, "keys must have one entry per layer"),
    (lambda r: r.pixels("ab"), TypeError, "keys must be a list"),
    (lambda r: LayeredRenderer(r.figure, [r.dynamic[0]]), TypeError,
     "layers must be a list of lists"),
    (lambda r: LayeredRenderer("figure", [[]]), TypeError, "figure must be a matplotlib"),
    (lambda r: static_key(None), TypeError, "figure must be a matplotlib Figure"),
    (lambda r: encode_png([[0]]), TypeError, "pixels must be a numpy array"),
    (lambda r: encode_png(np.zeros((2, 2, 3), dtype=np.uint8)), ValueError,
     "pixels must be a height x width x 4"),
])
def test_bad_arguments_are_named(call, error, message) -> None:
    figure, ax, line = _one_panel()
    renderer = LayeredRenderer(figure, [[line]])
    with pytest.raises(error, match=message):
        call(renderer)
