"""Tests for ``alliances.views.payoff_matrix`` (the payoff-matrix figure) and
``alliances.views.style`` (PNG rendering).

What the figure must show is recomputed here from the payoffs (pure equilibria and
Pareto-optimal cells by brute force; the direction of each arrow from the two payoffs it
compares) and read back from the artists themselves: cell positions come from the
rectangles drawn, not from the library's layout formulas.
"""

from __future__ import annotations

import io
import itertools

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import PIL.Image
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from matplotlib.axes import Axes
from matplotlib.colors import to_hex

from alliances import Game, symmetric_game
from alliances.views.payoff_matrix import (
    CELL_FILL,
    EQUILIBRIUM_FILL,
    PayoffMatrixPlot,
    plot_payoff_matrix,
)
from alliances.views.style import PALETTE, figure_png, freeze_layout, new_axes

LABELS = ("Abstain", "Ally")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def brute_force_equilibria(game: Game) -> set[tuple[int, int]]:
    m, n = game.shape
    return {(i, j) for i in range(m) for j in range(n)
            if all(game.A[i, j] >= game.A[k, j] for k in range(m))
            and all(game.B[i, j] >= game.B[i, k] for k in range(n))}


def brute_force_pareto(game: Game) -> set[tuple[int, int]]:
    cells = list(itertools.product(*map(range, game.shape)))
    return {c for c in cells
            if not any(game.A[d] >= game.A[c] and game.B[d] >= game.B[c]
                       and (game.A[d] > game.A[c] or game.B[d] > game.B[c]) for d in cells)}


def centre(plot: PayoffMatrixPlot, cell: tuple[int, int]) -> np.ndarray:
    rect = plot.cells[cell]
    return np.array([rect.get_x() + rect.get_width() / 2, rect.get_y() + rect.get_height() / 2])


def drawn_equilibria(plot: PayoffMatrixPlot) -> set[tuple[int, int]]:
    return {cell for cell, rect in plot.cells.items()
            if to_hex(rect.get_facecolor()) == to_hex(EQUILIBRIUM_FILL)}


def starred(plot: PayoffMatrixPlot) -> set[tuple[int, int]]:
    return {cell for cell, star in plot.stars.items() if star.get_visible()}


def check_arrows(plot: PayoffMatrixPlot, game: Game) -> None:
    """Each arrow compares two neighbouring cells for one player: hidden on a tie, else its
    head (``xy``) is nearer the better cell and its tail (``xyann``) nearer the worse."""
    m, n = game.shape
    pairs = [(plot.row_arrows, (i, j), (i + 1, j), game.A) for i in range(m - 1)
             for j in range(n)]
    pairs += [(plot.col_arrows, (i, j), (i, j + 1), game.B) for i in range(m)
              for j in range(n - 1)]
    assert len(plot.row_arrows) + len(plot.col_arrows) == len(pairs)
    for arrows, first, second, payoff in pairs:
        arrow = arrows[first]
        if payoff[first] == payoff[second]:
            assert not arrow.get_visible(), (first, second)
            continue
        assert arrow.get_visible(), (first, second)
        better, worse = (first, second) if payoff[first] > payoff[second] else (second, first)
        head, tail = np.array(arrow.xy), np.array(arrow.xyann)
        assert np.linalg.norm(head - centre(plot, better)) < np.linalg.norm(
            head - centre(plot, worse))
        assert np.linalg.norm(tail - centre(plot, worse)) < np.linalg.norm(
            tail - centre(plot, better))


# --------------------------------------------------------------------- PayoffMatrixPlot


def test_prisoners_dilemma_figure():
    game = symmetric_game(4, 3, 2, 1, labels=LABELS)   # A = [[3, 1], [4, 2]], B = A^T
    plot = PayoffMatrixPlot(game)
    assert plot.highlighted_cells() == [(1, 1)]
    assert drawn_equilibria(plot) == {(1, 1)}
    assert starred(plot) == {(0, 0), (0, 1), (1, 0)}
    assert plot.row_texts[1, 0].get_text() == "4" and plot.col_texts[1, 0].get_text() == "1"
    assert plot.row_texts[0, 0].get_text() == "3" and plot.col_texts[0, 1].get_text() == "4"
    check_arrows(plot, game)
    # Row's payoffs rise from Abstain to Ally in both columns: both row arrows point down
    # the table (towards the row drawn lower, i.e. a smaller y).
    for arrow in plot.row_arrows.values():
        assert arrow.xy[1] < arrow.xyann[1]


def test_equilibrium_cells_are_framed():
    plot = PayoffMatrixPlot(symmetric_game(3, 4, 2, 1))    # stag hunt: (0, 0) and (1, 1)
    widths = {cell: rect.get_linewidth() for cell, rect in plot.cells.items()}
    assert widths[0, 0] == widths[1, 1] > widths[0, 1] == widths[1, 0]
    assert to_hex(plot.cells[0, 1].get_facecolor()) == to_hex(CELL_FILL)
    assert to_hex(plot.cells[0, 0].get_edgecolor()) == to_hex(PALETTE["black"])


def test_arrows_hidden_on_ties():
    # Row's payoffs tie in the Ally column (1 = 1); Column's tie in the Ally row.
    game = symmetric_game(4, 3, 1, 1, labels=LABELS)
    plot = PayoffMatrixPlot(game)
    assert not plot.row_arrows[0, 1].get_visible()
    assert not plot.col_arrows[1, 0].get_visible()
    assert plot.row_arrows[0, 0].get_visible() and plot.col_arrows[0, 0].get_visible()
    check_arrows(plot, game)


def test_without_arrows():
    plot = PayoffMatrixPlot(symmetric_game(4, 3, 2, 1), arrows=False)
    assert plot.row_arrows == {} and plot.col_arrows == {}


@settings(max_examples=40)
@given(st.sampled_from([(2, 2), (2, 3), (3, 2), (3, 3)]), st.data())
def test_figure_matches_the_game(shape, data):
    A = data.draw(arrays(np.int64, shape, elements=st.integers(0, 3)))
    B = data.draw(arrays(np.int64, shape, elements=st.integers(0, 3)))
    game = Game(A, B)
    plot = PayoffMatrixPlot(game, new_axes(pyplot=False))
    assert set(plot.highlighted_cells()) == brute_force_equilibria(game)
    assert drawn_equilibria(plot) == brute_force_equilibria(game)
    assert starred(plot) == brute_force_pareto(game)
    for cell in plot.cells:
        assert float(plot.row_texts[cell].get_text()) == A[cell]
        assert float(plot.col_texts[cell].get_text()) == B[cell]
    check_arrows(plot, game)
    plt.close(plot.ax.figure)


def test_update_changes_the_artists_in_place():
    plot = PayoffMatrixPlot(symmetric_game(4, 3, 2, 1, labels=LABELS))
    ax = plot.ax
    texts = dict(plot.row_texts), dict(plot.col_texts), dict(plot.stars)
    cells, arrows = dict(plot.cells), dict(plot.row_arrows)
    counts = len(ax.texts), len(ax.patches)
    stag = symmetric_game(3, 4, 2, 1, labels=("Stag", "Hare"), row_name="Ann",
                          col_name="Bob")                  # A = [[4, 1], [3, 2]]
    plot.update(stag)
    assert (plot.row_texts, plot.col_texts, plot.stars) == texts   # the same objects
    for mapping, before in zip((plot.row_texts, plot.col_texts, plot.stars), texts):
        assert all(mapping[k] is before[k] for k in before)
    assert all(plot.cells[k] is cells[k] for k in cells)
    assert all(plot.row_arrows[k] is arrows[k] for k in arrows)
    assert (len(ax.texts), len(ax.patches)) == counts             # nothing added
    assert plot.row_texts[0, 0].get_text() == "4"
    assert plot.col_texts[1, 0].get_text() == "1"
    assert plot.highlighted_cells() == [(0, 0), (1, 1)]
    assert drawn_equilibria(plot) == {(0, 0), (1, 1)}
    assert starred(plot) == {(0, 0)}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Stag", "Hare"]
    assert ax.get_xlabel() == "Bob" and ax.get_ylabel() == "Ann"
    check_arrows(plot, stag)


def test_update_rejects_another_shape_or_type():
    plot = PayoffMatrixPlot(symmetric_game(4, 3, 2, 1))
    with pytest.raises(ValueError, match="shape"):
        plot.update(Game(np.zeros((2, 3)), np.zeros((2, 3))))
    with pytest.raises(TypeError, match="game"):
        plot.update([[1, 2], [3, 4]])


def test_fixed_title_and_set_title():
    plot = PayoffMatrixPlot(symmetric_game(4, 3, 2, 1), title="Snyder")
    assert plot.ax.get_title() == "Snyder"
    plot.update(symmetric_game(3, 4, 2, 1))
    assert plot.ax.get_title() == "Snyder"
    plot.set_title("Another")
    assert plot.ax.get_title() == "Another"


def test_draws_on_a_given_axes():
    ax = new_axes(pyplot=False)
    plot = PayoffMatrixPlot(symmetric_game(4, 3, 2, 1), ax)
    assert plot.ax is ax


# ---------------------------------------------------------------- plot_payoff_matrix


def test_plot_payoff_matrix_returns_axes_titled_with_the_family():
    ax = plot_payoff_matrix(symmetric_game(4, 3, 2, 1, labels=LABELS))
    assert isinstance(ax, Axes)
    assert ax.get_title() == "Prisoner's Dilemma"
    ax = plot_payoff_matrix(symmetric_game(4, 4, 2, 1))
    assert ax.get_title() == "Prisoner's Dilemma / Stag Hunt"


def test_plot_payoff_matrix_options():
    ax = new_axes(pyplot=False)
    assert plot_payoff_matrix(symmetric_game(4, 3, 1, 2), ax, title="Crisis") is ax
    assert ax.get_title() == "Crisis"
    # Larger games have no family and no default title.
    ax = plot_payoff_matrix(Game(np.eye(3), np.eye(3)))
    assert ax.get_title() == ""


def test_plot_payoff_matrix_uses_pyplot_for_notebooks():
    before = len(plt.get_fignums())
    plot_payoff_matrix(symmetric_game(4, 3, 2, 1))
    assert len(plt.get_fignums()) == before + 1


# -------------------------------------------------------------------------- rendering


def test_figure_png_returns_png_bytes_of_the_figure_size():
    plot = PayoffMatrixPlot(symmetric_game(4, 3, 2, 1))
    data = figure_png(plot.ax.figure)
    assert isinstance(data, bytes) and data.startswith(PNG_SIGNATURE)
    image = PIL.Image.open(io.BytesIO(data))
    width, height = plot.ax.figure.get_size_inches() * plot.ax.figure.dpi
    assert image.size == (round(width), round(height))


def test_figure_png_changes_when_the_game_changes():
    plot = PayoffMatrixPlot(symmetric_game(4, 3, 2, 1))
    first = figure_png(plot.ax.figure)
    assert figure_png(plot.ax.figure) == first              # deterministic
    plot.update(symmetric_game(3, 4, 2, 1))
    assert figure_png(plot.ax.figure) != first


def test_freeze_layout_keeps_positions():
    ax = new_axes(pyplot=False)
    freeze_layout(ax.figure)
    position = ax.get_position().bounds
    ax.set_title("A much longer title that would move a constrained layout")
    figure_png(ax.figure)
    assert ax.get_position().bounds == position


def test_new_axes():
    before = len(plt.get_fignums())
    ax = new_axes(6, 3, pyplot=False)
    assert ax.figure.get_size_inches().tolist() == [6.0, 3.0]
    assert len(plt.get_fignums()) == before           # widgets' figures stay out of pyplot
    new_axes(pyplot=True)
    assert len(plt.get_fignums()) == before + 1
    assert matplotlib.get_backend().lower() == "agg"
