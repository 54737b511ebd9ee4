"""Figures in one colour-blind-safe style.

Every plot function takes an optional :class:`matplotlib.axes.Axes` and returns it. The
payoff-matrix figure is also available as :class:`PayoffMatrixPlot`, which keeps its
artists so that a widget can update them in place instead of redrawing the figure.

The palette is Okabe and Ito's (2008), distinguishable with the common forms of colour
blindness; shapes and line styles carry the meaning too, never colour alone.
"""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import PIL.Image
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from alliances._validation import check_real
from alliances.models.games import Game

__all__ = ["PALETTE", "ROW_COLOUR", "COL_COLOUR", "new_axes", "plot_payoff_matrix",
           "PayoffMatrixPlot", "figure_png",
           "freeze_layout"]

#: Okabe-Ito colour-blind-safe palette.
PALETTE: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
ROW_COLOUR = PALETTE["blue"]
COL_COLOUR = PALETTE["vermillion"]
EQUILIBRIUM_FILL = "#FCE8B2"   # a light tint of the palette's orange
CELL_FILL = "#FFFFFF"


def new_axes(width: float = 5.0, height: float = 4.0, *, pyplot: bool = True) -> Axes:
    """A fresh Axes for one figure.

    With ``pyplot=True`` (the default, for notebook cells) the figure is made through
    pyplot, so that Jupyter's inline backend shows it at the end of the cell. Widgets pass
    ``pyplot=False``: their figure is rendered into an image widget and must not also be
    shown by the backend.

    Examples
    --------
    >>> ax = new_axes(pyplot=False)
    >>> ax.figure.get_size_inches().tolist()
    [5.0, 4.0]
    """
    width = check_real(width, "width", minimum=0, allow_equal_min=False)
    height = check_real(height, "height", minimum=0, allow_equal_min=False)
    if not isinstance(pyplot, bool):
        raise TypeError(f"pyplot must be True or False; got {pyplot!r}")
    if pyplot:
        import matplotlib.pyplot as plt
        figure = plt.figure(figsize=(width, height), dpi=100, layout="constrained")
    else:
        figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return figure.add_subplot()


def figure_png(figure: Figure) -> bytes:
    """Render a figure to PNG bytes (for image widgets and static views), quickly.

    The figure is drawn once with the Agg renderer and compressed lightly: this is what a
    widget does on every change, so it must take milliseconds. A figure that uses a layout
    engine is laid out on its first rendering and then frozen (see :func:`freeze_layout`).

    Examples
    --------
    >>> figure_png(new_axes(pyplot=False).figure)[:4]
    b'\\x89PNG'
    """
    _check_figure(figure)
    freeze_layout(figure)
    canvas = figure.canvas
    if not isinstance(canvas, FigureCanvasAgg):
        canvas = FigureCanvasAgg(figure)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())
    buffer = io.BytesIO()
    PIL.Image.fromarray(pixels).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def freeze_layout(figure: Figure) -> None:
    """Run the figure's layout engine once, then keep the positions it found.

    Constrained layout costs an extra drawing pass at every render; a widget's figure
    keeps its layout while only the data change, so it is computed once.

    Examples
    --------
    >>> ax = new_axes(pyplot=False)
    >>> freeze_layout(ax.figure)
    >>> type(ax.figure.get_layout_engine()).__name__
    'PlaceHolderLayoutEngine'

    """
    _check_figure(figure)
    engine = figure.get_layout_engine()
    if engine is not None and not isinstance(engine, PlaceHolderLayoutEngine):
        figure.draw_without_rendering()
        figure.set_layout_engine("none")


def _check_figure(figure: object) -> None:
    if not isinstance(figure, Figure):
        raise TypeError(f"figure must be a matplotlib Figure; got {type(figure).__name__}")


def _fmt(value: float) -> str:
    return f"{value:g}"


class PayoffMatrixPlot:
    """A payoff-matrix figure whose artists can be updated for a new game of the same shape.

    Each cell shows the row player's payoff (left, blue) and the column player's (right,
    vermillion). Pure Nash equilibria are filled and framed with a thick border; Pareto-
    optimal cells carry a star; arrows show each player's incentive to deviate (vertical
    for the row player, horizontal for the column player), pointing to the better reply.

    Parameters
    ----------
    game : Game
    ax : Axes, optional
        Where to draw; by default a new figure outside pyplot (see :func:`new_axes`).
    arrows : bool
        Whether to draw the best-response arrows.
    title : str, optional

    Examples
    --------
    >>> from alliances.models.games import symmetric_game
    >>> plot = PayoffMatrixPlot(symmetric_game(4, 3, 2, 1, labels=("Abstain", "Ally")))
    >>> plot.highlighted_cells()
    [(1, 1)]
    >>> plot.update(symmetric_game(3, 4, 2, 1, labels=("Abstain", "Ally")))
    >>> plot.highlighted_cells()
    [(0, 0), (1, 1)]
    """

    def __init__(self, game: Game, ax: Axes | None = None, *, arrows: bool = True,
                 title: str | None = None) -> None:
        if not isinstance(game, Game):
            raise TypeError(f"game must be an alliances Game; got {type(game).__name__}")
        if ax is not None and not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
        self.ax = ax if ax is not None else new_axes(4.6, 3.8, pyplot=False)
        self.shape = game.shape
        self.arrows = arrows
        m, n = self.shape
        ax = self.ax
        ax.set_xlim(-0.05, n + 0.05)
        ax.set_ylim(-0.05, m + 0.05)
        ax.set_aspect("equal")
        ax.tick_params(length=0, labelsize=10)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        ax.set_xticks([j + 0.5 for j in range(n)])
        ax.set_yticks([m - i - 0.5 for i in range(m)])
        self.cells: dict[tuple[int, int], Rectangle] = {}
        self.row_texts: dict[tuple[int, int], matplotlib.text.Text] = {}
        self.col_texts: dict[tuple[int, int], matplotlib.text.Text] = {}
        self.stars: dict[tuple[int, int], matplotlib.text.Text] = {}
        for i in range(m):
            for j in range(n):
                x0, y0 = j, m - i - 1
                rect = Rectangle((x0 + 0.02, y0 + 0.02), 0.96, 0.96, facecolor=CELL_FILL,
                                 edgecolor=PALETTE["grey"], linewidth=1.0)
                ax.add_patch(rect)
                self.cells[i, j] = rect
                self.row_texts[i, j] = ax.text(x0 + 0.32, y0 + 0.42, "", ha="center",
                                               va="center", fontsize=15, color=ROW_COLOUR,
                                               fontweight="bold")
                self.col_texts[i, j] = ax.text(x0 + 0.68, y0 + 0.58, "", ha="center",
                                               va="center", fontsize=15, color=COL_COLOUR,
                                               fontweight="bold")
                self.stars[i, j] = ax.text(x0 + 0.12, y0 + 0.86, "\u2605", ha="center",
                                           va="center", fontsize=11, color=PALETTE["green"])
        # One arrow per pair of cells that differ in one player's strategy (2x2: four).
        self.row_arrows = {}
        self.col_arrows = {}
        if arrows:
            style = dict(arrowstyle="-|>", lw=1.6, mutation_scale=14, shrinkA=0, shrinkB=0)
            for j in range(n):
                for i in range(m - 1):
                    self.row_arrows[i, j] = ax.annotate(
                        "", xy=(0, 0), xytext=(0, 0),
                        arrowprops=dict(style, color=ROW_COLOUR))
            for i in range(m):
                for j in range(n - 1):
                    self.col_arrows[i, j] = ax.annotate(
                        "", xy=(0, 0), xytext=(0, 0),
                        arrowprops=dict(style, color=COL_COLOUR, linestyle="--"))
        handles = [
            Line2D([], [], marker="*", linestyle="none", color=PALETTE["green"], markersize=9,
                   label="Pareto-optimal"),
            Rectangle((0, 0), 1, 1, facecolor=EQUILIBRIUM_FILL, edgecolor=PALETTE["black"],
                      linewidth=2.5, label="Nash equilibrium"),
        ]
        if arrows:
            handles += [Line2D([], [], color=ROW_COLOUR, label="row's better reply"),
                        Line2D([], [], color=COL_COLOUR, linestyle="--",
                               label="column's better reply")]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncols=2,
                  fontsize=8, frameon=False, handlelength=1.6, columnspacing=1.0)
        self.title = ax.set_title("", fontsize=12, pad=8)
        self._fixed_title = title
        self.update(game)

    def update(self, game: Game) -> None:
        """Show ``game`` (same shape) by updating the existing artists in place."""
        if not isinstance(game, Game):
            raise TypeError(f"game must be an alliances Game; got {type(game).__name__}")
        if game.shape != self.shape:
            raise ValueError(f"game must have shape {self.shape} to reuse this figure; got "
                             f"{game.shape}")
        m, n = self.shape
        ax = self.ax
        ax.set_xticklabels(game.col_labels)
        ax.set_yticklabels(game.row_labels, rotation=90, va="center")
        ax.set_xlabel(game.col_name, color=COL_COLOUR, fontsize=11)
        ax.set_ylabel(game.row_name, color=ROW_COLOUR, fontsize=11)
        labels = {label: k for k, label in enumerate(game.row_labels)}
        col_index = {label: k for k, label in enumerate(game.col_labels)}
        equilibria = {(labels[r], col_index[c]) for r, c in game.pure_equilibria()}
        pareto = {(labels[r], col_index[c]) for r, c in game.pareto_optimal_outcomes()}
        self._highlighted = sorted(equilibria)
        for (i, j), rect in self.cells.items():
            is_eq = (i, j) in equilibria
            rect.set_facecolor(EQUILIBRIUM_FILL if is_eq else CELL_FILL)
            rect.set_edgecolor(PALETTE["black"] if is_eq else PALETTE["grey"])
            rect.set_linewidth(3.0 if is_eq else 1.0)
            self.row_texts[i, j].set_text(_fmt(game.A[i, j]))
            self.col_texts[i, j].set_text(_fmt(game.B[i, j]))
            self.stars[i, j].set_visible((i, j) in pareto)
        for (i, j), arrow in self.row_arrows.items():
            self._point(arrow, (j + 0.5, m - i - 0.5), (j + 0.5, m - i - 1.5),
                        game.A[i, j], game.A[i + 1, j])
        for (i, j), arrow in self.col_arrows.items():
            self._point(arrow, (j + 0.5, m - i - 0.5), (j + 1.5, m - i - 0.5),
                        game.B[i, j], game.B[i, j + 1])
        if self._fixed_title is not None:
            self.title.set_text(self._fixed_title)

    @staticmethod
    def _point(arrow, first: tuple[float, float], second: tuple[float, float],
               first_value: float, second_value: float) -> None:
        """Point ``arrow`` from the worse cell towards the better one (hide it on a tie)."""
        if first_value == second_value:
            arrow.set_visible(False)
            return
        start, end = (first, second) if second_value > first_value else (second, first)
        # Start and end near the edge shared by the two cells, so arrows do not hide payoffs.
        mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        offset = 0.16
        dx, dy = end[0] - start[0], end[1] - start[1]
        arrow.xyann = (mid[0] - dx * offset, mid[1] - dy * offset)
        arrow.xy = (mid[0] + dx * offset, mid[1] + dy * offset)
        arrow.set_visible(True)

    def highlighted_cells(self) -> list[tuple[int, int]]:
        """The (row, column) indices of the cells drawn as pure equilibria."""
        return list(self._highlighted)

    def set_title(self, text: str) -> None:
        """Change the title (used by widgets)."""
        self.title.set_text(text)


def plot_payoff_matrix(game: Game, ax: Axes | None = None, *, arrows: bool = True,
                       title: str | None = None) -> Axes:
    """Draw a payoff matrix with equilibria, Pareto-optimal cells and best-response arrows.

    Parameters
    ----------
    game : Game
    ax : Axes, optional
        Where to draw; a new figure is made if omitted.
    arrows : bool
        Whether to draw the deviation arrows.
    title : str, optional
        Defaults to the game's family for 2x2 games.

    Returns
    -------
    Axes

    Examples
    --------
    >>> from alliances.models.games import symmetric_game
    >>> ax = plot_payoff_matrix(symmetric_game(4, 3, 2, 1, labels=("Abstain", "Ally")))
    >>> ax.get_title()
    "Prisoner's Dilemma"
    """
    if not isinstance(game, Game):
        raise TypeError(f"game must be an alliances Game; got {type(game).__name__}")
    if title is None and game.shape == (2, 2):
        from alliances.models.classification import classify
        title = classify(game).family
    plot = PayoffMatrixPlot(game, ax if ax is not None else new_axes(4.6, 3.8), arrows=arrows,
                            title=title or "")
    return plot.ax
