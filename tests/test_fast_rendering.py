"""The layered renderer's partial redraw (issue 9: make slow widgets faster) draws exactly
what a full redraw draws.

``alliances.widgets._layers.LayeredRenderer`` keeps the static layer (axes, ticks,
labels) as pixels. When an axis's limits change, it now redraws only that Axes over the
kept background, after erasing everything that Axes drew before, if that area touches no
other Axes. The expected pixels come from an independent full render of the same figure.
"""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from alliances.widgets._layers import LayeredRenderer


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


def _fresh(figure, dynamic) -> np.ndarray:
    return LayeredRenderer(figure, dynamic).pixels()


@pytest.mark.parametrize("limits", [(-50, 50), (-0.001, 0.002), (0, 1e6), (-3, 7)])
def test_redrawing_one_axes_gives_the_pixels_of_a_full_redraw(limits) -> None:
    figure, top, bottom, line_top, line_bottom = _two_panels()
    renderer = LayeredRenderer(figure, [line_top, line_bottom])
    renderer.pixels()
    bottom.set_ylim(*limits)                  # new tick labels, maybe wider ones
    line_bottom.set_ydata(np.linspace(limits[0], limits[1], 50))
    partial = renderer.pixels()
    assert renderer.partial_draws == 1 and renderer.static_draws == 1
    assert np.array_equal(partial, _fresh(figure, [line_top, line_bottom]))


def test_many_changes_in_a_row_stay_exact() -> None:
    figure, top, bottom, line_top, line_bottom = _two_panels()
    renderer = LayeredRenderer(figure, [line_top, line_bottom])
    renderer.pixels()
    for k, high in enumerate([1, 10, 100, 5, 0.5, 2000, 3]):
        bottom.set_ylim(-high, high)
        if k % 3 == 0:
            top.set_ylim(0, high)
        renderer.pixels()
    assert renderer.static_draws == 1 and renderer.partial_draws == 7
    assert np.array_equal(renderer.pixels(), _fresh(figure, [line_top, line_bottom]))


def test_an_axes_that_touches_another_gets_a_full_redraw() -> None:
    figure = Figure(figsize=(4, 3), dpi=80)
    ax = figure.add_axes((0.15, 0.15, 0.7, 0.7))
    inset = figure.add_axes((0.5, 0.5, 0.3, 0.3))          # inside the first one
    (line,) = ax.plot([0, 1], [0, 1])
    renderer = LayeredRenderer(figure, [line])
    renderer.pixels()
    ax.set_ylim(0, 5)
    pixels = renderer.pixels()
    assert renderer.partial_draws == 0 and renderer.static_draws == 2
    assert np.array_equal(pixels, _fresh(figure, [line]))
    assert inset.get_visible()


def test_a_figure_level_text_in_the_way_forces_a_full_redraw() -> None:
    figure, top, bottom, line_top, line_bottom = _two_panels()
    figure.text(0.5, 0.02, "a note across the bottom", ha="center")
    renderer = LayeredRenderer(figure, [line_top, line_bottom])
    renderer.pixels()
    bottom.set_ylim(-10, 10)
    pixels = renderer.pixels()
    assert renderer.partial_draws == 0 and renderer.static_draws == 2
    assert np.array_equal(pixels, _fresh(figure, [line_top, line_bottom]))


def test_the_commitment_explorer_redraws_one_panel_and_stays_exact() -> None:
    from alliances.widgets.commitment import CommitmentExplorer

    explorer = CommitmentExplorer()
    renderer = explorer._renderer
    for value in (18.0, 2.0, 12.0, 20.0):           # jumps that move the utility axis
        explorer.controls["L_A"].value = value
    assert renderer.partial_draws >= 1
    assert np.array_equal(renderer.pixels(), _fresh(explorer.figure, renderer.dynamic))
