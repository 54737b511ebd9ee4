"""The payoff-matrix figure: payoffs, pure equilibria, Pareto-optimal cells, arrows.

:func:`plot_payoff_matrix` draws it for a notebook cell; :class:`PayoffMatrixPlot` keeps
its artists so that a widget can update them in place instead of redrawing the figure.
"""

from __future__ import annotations

import matplotlib
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from alliances.models.games import Game
from alliances.i18n import _, number
from alliances.views.style import COL_COLOUR, PALETTE, ROW_COLOUR, new_axes

__all__ = ["PayoffMatrixPlot", "plot_payoff_matrix", "EQUILIBRIUM_FILL", "CELL_FILL"]

EQUILIBRIUM_FILL = "#FCE8B2"   # a light tint of the palette's orange
CELL_FILL = "#FFFFFF"


def _fmt(value: float) -> str:
    return number(value, "g")


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
            raise TypeError(_("game must be an alliances Game; got {type}").format(
                type=type(game).__name__))
        if ax is not None and not isinstance(ax, Axes):
            raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
                type=type(ax).__name__))
        self.ax = ax if ax is not None else new_axes(4.6, 3.8, pyplot=False)
        self.shape = game.shape
        self.arrows = arrows
        self._frame_axes()
        self._add_cells()
        self.row_arrows: dict[tuple[int, int], matplotlib.text.Annotation] = {}
        self.col_arrows: dict[tuple[int, int], matplotlib.text.Annotation] = {}
        if arrows:
            self._add_arrows()
        self._add_legend()
        self.title = self.ax.set_title("", fontsize=12, pad=8)
        self._fixed_title = title
        self.update(game)

    def _frame_axes(self) -> None:
        """Limits, ticks at the cell centres (columns on top), no spines."""
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

    def _add_cells(self) -> None:
        """One rectangle per cell, with the two payoff texts and a (hidden) star."""
        m, n = self.shape
        ax = self.ax
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

    def _add_arrows(self) -> None:
        """One arrow per pair of cells that differ in one player's strategy (2x2: four)."""
        m, n = self.shape
        style = dict(arrowstyle="-|>", lw=1.6, mutation_scale=14, shrinkA=0, shrinkB=0)
        for j in range(n):
            for i in range(m - 1):
                self.row_arrows[i, j] = self.ax.annotate(
                    "", xy=(0, 0), xytext=(0, 0), arrowprops=dict(style, color=ROW_COLOUR))
        for i in range(m):
            for j in range(n - 1):
                self.col_arrows[i, j] = self.ax.annotate(
                    "", xy=(0, 0), xytext=(0, 0),
                    arrowprops=dict(style, color=COL_COLOUR, linestyle="--"))

    def _add_legend(self) -> None:
        """The legend under the matrix: star, equilibrium fill and (with arrows) arrows."""
        handles = [
            Line2D([], [], marker="*", linestyle="none", color=PALETTE["green"], markersize=9,
                   label=_("Pareto-optimal")),
            Rectangle((0, 0), 1, 1, facecolor=EQUILIBRIUM_FILL, edgecolor=PALETTE["black"],
                      linewidth=2.5, label=_("Nash equilibrium")),
        ]
        if self.arrows:
            handles += [Line2D([], [], color=ROW_COLOUR, label=_("row's better reply")),
                        Line2D([], [], color=COL_COLOUR, linestyle="--",
                               label=_("column's better reply"))]
        self.ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01),
                       ncols=2, fontsize=8, frameon=False, handlelength=1.6,
                       columnspacing=1.0)

    def update(self, game: Game) -> None:
        """Show ``game`` (same shape) by updating the existing artists in place."""
        if not isinstance(game, Game):
            raise TypeError(_("game must be an alliances Game; got {type}").format(
                type=type(game).__name__))
        if game.shape != self.shape:
            raise ValueError(_("game must have shape {shape} to reuse this figure; got "
                               "{given}").format(shape=self.shape, given=game.shape))
        m, n = self.shape
        self._set_labels(game)
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

    def _set_labels(self, game: Game) -> None:
        """The strategies and players of ``game``, as the current language shows them."""
        ax = self.ax
        ax.set_xticklabels([_(label) for label in game.col_labels])
        ax.set_yticklabels([_(label) for label in game.row_labels], rotation=90, va="center")
        ax.set_xlabel(_(game.col_name), color=COL_COLOUR, fontsize=11)
        ax.set_ylabel(_(game.row_name), color=ROW_COLOUR, fontsize=11)

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

    def dynamic_artists(self) -> list[matplotlib.artist.Artist]:
        """The artists that :meth:`update` and :meth:`set_title` change: cells, payoffs,
        stars, arrows and title (a widget redraws these alone; the frame stays).

        Examples
        --------
        >>> from alliances.models.games import symmetric_game
        >>> plot = PayoffMatrixPlot(symmetric_game(4, 3, 2, 1))
        >>> len(plot.dynamic_artists())     # 4 cells, 8 payoffs, 4 stars, 4 arrows, title
        21
        """
        return [*self.cells.values(), *self.row_texts.values(), *self.col_texts.values(),
                *self.stars.values(), *self.row_arrows.values(), *self.col_arrows.values(),
                self.title]

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
        raise TypeError(_("game must be an alliances Game; got {type}").format(
            type=type(game).__name__))
    if title is None and game.shape == (2, 2):
        from alliances.models.classification import classify
        title = _(classify(game).family)
    plot = PayoffMatrixPlot(game, ax if ax is not None else new_axes(4.6, 3.8), arrows=arrows,
                            title=title or "")
    return plot.ax
