"""The figure of a game tree: the subgame-perfect equilibrium path in thick solid lines.

:class:`TreePlot` draws a :class:`alliances.models.gametree.GameTree` with its
subgame-perfect equilibria (from :func:`alliances.models.gametree.backward_induction`)
and can be updated in place for new payoffs (the widgets do); :func:`plot_game_tree`
draws one tree on a pyplot figure.

Examples
--------
>>> from alliances.models.crisis import crisis_game
>>> TreePlot(crisis_game(0.9)).title.get_text()
'Subgame-perfect outcome: War, patron fights'
"""

from __future__ import annotations

from textwrap import fill

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from alliances.models.gametree import BackwardInduction, Decision, GameTree, Leaf, Path, \
    backward_induction
from alliances.i18n import _, get_language
from alliances.views.style import PALETTE

__all__ = ["TreePlot", "plot_game_tree"]

_PLAYER_MARKERS = ("o", "s", "D", "^", "v", "P")
#: Characters per line of an outcome's name under its leaf (the English names fit in one).
_LEAF_LABEL_WIDTH = 20
_PLAYER_COLOURS = (PALETTE["vermillion"], PALETTE["blue"], PALETTE["green"],
                   PALETTE["purple"], PALETTE["orange"], PALETTE["black"])


def _layout(tree: GameTree) -> dict[Path, tuple[float, float]]:
    """x = leaf order (decision nodes centred over their children), y = -depth."""
    positions: dict[Path, tuple[float, float]] = {}
    count = 0

    def place(path: Path) -> float:
        nonlocal count
        node = tree.node(path)
        if isinstance(node, Leaf):
            x = float(count)
            count += 1
        else:
            xs = [place(path + (a,)) for a, _child in node.actions]
            x = (xs[0] + xs[-1]) / 2
        positions[path] = (x, -float(len(path)))
        return x

    place(())
    return positions



def _equilibrium_edges(analysis: BackwardInduction) -> tuple[set[Path], set[Path]]:
    """The edges on some equilibrium path, and the edges some equilibrium chooses."""
    on_path: set[Path] = set()
    chosen: set[Path] = set()
    for equilibrium in analysis.equilibria:
        on_path.update(equilibrium.path[:i] for i in range(1, len(equilibrium.path) + 1))
        chosen.update(p + (a,) for p, a in equilibrium.plan)
    return on_path, chosen

class TreePlot:
    """A game tree with its subgame-perfect equilibria, updatable for new payoffs.

    Edges on the equilibrium path are thick and solid; the other equilibrium choices
    (off the path) are dashed; actions no equilibrium takes are thin and dotted. Line width
    and style carry the meaning, not colour alone. When ties make several equilibria,
    every one of them is drawn this way and the title says so.

    Parameters
    ----------
    tree : GameTree
    ax : Axes, optional
        Where to draw; by default a new figure outside pyplot.
    title : str, optional
        Fixed title; by default it states the equilibrium outcome.
    payoff_format : str
        Format of each payoff, default ``"{:g}"``.

    Examples
    --------
    >>> from alliances.models.crisis import crisis_game
    >>> plot = TreePlot(crisis_game(0.2))
    >>> plot.path_edges()
    [('Challenge',), ('Challenge', 'Back down')]
    >>> plot.update(crisis_game(0.9))
    >>> plot.path_edges()[-1]
    ('Challenge', 'Stand firm', 'Support')
    """

    def __init__(self, tree: GameTree, ax: Axes | None = None, *, title: str | None = None,
                 payoff_format: str = "{:.3g}") -> None:
        if not isinstance(tree, GameTree):
            raise TypeError(_("tree must be a GameTree; got {type}").format(
                type=type(tree).__name__))
        if ax is not None and not isinstance(ax, Axes):
            raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
                type=type(ax).__name__))
        try:
            payoff_format.format(1.5)
        except (AttributeError, ValueError, TypeError, IndexError, KeyError):
            raise ValueError(_("payoff_format must be a format string for one number, such "
                               "as '{{:.3g}}'; got {value!r}").format(
                value=payoff_format)) from None
        if not isinstance(payoff_format, str):
            raise TypeError(_("payoff_format must be a string; got {value!r}").format(
                value=payoff_format))
        if ax is None:
            ax = Figure(figsize=(7.0, 4.6), dpi=100, layout="constrained").add_subplot()
        self.ax = ax
        self._structure = tree.structure()
        self._format = payoff_format
        self.positions = _layout(tree)
        self._draw_frame()
        self._draw_edges()
        self._draw_nodes(tree)
        self._draw_legend(tree)
        self.title = ax.set_title("", fontsize=12)
        self._fixed_title = title
        self.update(tree)

    def _draw_frame(self) -> None:
        depth = max(-y for _x, y in self.positions.values())
        width = max(x for x, _y in self.positions.values())
        self.ax.set_xlim(-0.75, width + 0.75)
        self.ax.set_ylim(-depth - 0.95, 0.45)
        self.ax.axis("off")

    def _draw_edges(self) -> None:
        """One line per action, its label a little past half-way (siblings' labels sit
        further apart there) and on the far side of the line from its sibling (a left
        branch's label ends at the line, a right branch's starts there), so that two long
        names never meet; all "not chosen" until :meth:`update`."""
        positions = self.positions
        self.edges: dict[Path, Line2D] = {}
        self.action_texts = {}
        for path, (x, y) in positions.items():
            if not path:
                continue
            px, py = positions[path[:-1]]
            (line,) = self.ax.plot([px, x], [py, y], color=PALETTE["grey"], lw=1, ls=":",
                                   solid_capstyle="round", zorder=1)
            self.edges[path] = line
            side = (x > px) - (x < px)          # -1 left branch, +1 right, 0 straight down
            self.action_texts[path] = self.ax.annotate(
                _(path[-1]), (px + 0.6 * (x - px), py + 0.6 * (y - py)),
                xytext=(6 * side, 0), textcoords="offset points",
                ha={-1: "right", 0: "center", 1: "left"}[side], va="center", fontsize=9,
                zorder=3, bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none"))

    def _draw_nodes(self, tree: GameTree) -> None:
        """A marker and a name per decision node (one marker shape per player), a small
        square and an (empty) payoff text per leaf."""
        ax = self.ax
        colour = {p: _PLAYER_COLOURS[i % 6] for i, p in enumerate(tree.players)}
        marker = {p: _PLAYER_MARKERS[i % 6] for i, p in enumerate(tree.players)}
        self.leaf_texts = {}
        self.markers: list[Line2D] = []
        for path, (x, y) in self.positions.items():
            node = tree.node(path)
            if isinstance(node, Decision):
                self.markers += ax.plot([x], [y], marker=marker[node.player], ms=13,
                                        color=colour[node.player], mec="black", zorder=4)
                ax.text(x + 0.12, y + 0.12, _(node.player), ha="left", va="bottom", fontsize=10,
                        fontweight="bold", color=colour[node.player], zorder=5)
            else:
                self.markers += ax.plot([x], [y], marker="s", ms=6, color="black", zorder=4)
                self.leaf_texts[path] = ax.text(x, y - 0.1, "", ha="center", va="top",
                                                fontsize=9, zorder=5)

    def _draw_legend(self, tree: GameTree) -> None:
        handles = [Line2D([], [], color="black", lw=4, label=_("equilibrium path")),
                   Line2D([], [], color=PALETTE["orange"], lw=2.2, ls="--",
                          label=_("equilibrium choice off the path")),
                   Line2D([], [], color=PALETTE["grey"], lw=1, ls=":", label=_("not chosen"))]
        self.ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, -0.02),
                       ncols=3, fontsize=8, frameon=False)
        self.payoff_note = self.ax.text(0.0, 1.0, _("payoffs: ({players})").format(
                                            players=", ".join(_(p) for p in tree.players)),
                                        transform=self.ax.transAxes, ha="left", va="top",
                                        fontsize=8, color=PALETTE["black"])

    def update(self, tree: GameTree) -> None:
        """Show ``tree`` (same structure, new payoffs): restyle edges, rewrite payoffs.

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
        >>> plot = TreePlot(crisis_game(0.2))
        >>> plot.update(crisis_game(0.5))
        >>> plot.title.get_text()
        'Ties: 2 subgame-perfect equilibria'
        """
        if not isinstance(tree, GameTree):
            raise TypeError(_("tree must be a GameTree; got {type}").format(
                type=type(tree).__name__))
        if tree.structure() != self._structure:
            raise ValueError(_("tree must have the same players, nodes and actions as the tree "
                               "this figure was made for"))
        analysis = backward_induction(tree)
        on_path, chosen = _equilibrium_edges(analysis)
        self._style_edges(on_path, chosen)
        self._write_payoffs(tree, on_path)
        self._on_path = sorted(on_path, key=len)
        self.analysis = analysis
        self.title.set_text(self._title_text(analysis))

    def _style_edges(self, on_path: set[Path], chosen: set[Path]) -> None:
        """Thick and solid on the path, dashed for other equilibrium choices, else dotted."""
        for path, line in self.edges.items():
            if path in on_path:
                line.set(color="black", lw=4.0, ls="-", zorder=2)
            elif path in chosen:
                line.set(color=PALETTE["orange"], lw=2.2, ls="--", zorder=2)
            else:
                line.set(color=PALETTE["grey"], lw=1.0, ls=":", zorder=1)
            self.action_texts[path].set_fontweight("bold" if path in on_path else "normal")

    def _write_payoffs(self, tree: GameTree, on_path: set[Path]) -> None:
        for path, text in self.leaf_texts.items():
            leaf = tree.node(path)
            numbers = ", ".join(self._format.format(v) for v in leaf.payoffs)
            if get_language() != "en":     # decimal commas; payoffs apart by semicolons
                numbers = "; ".join(self._format.format(v).replace(".", ",")
                                    for v in leaf.payoffs)
            # A long outcome name (longer in Indonesian) is wrapped, so that the texts of
            # two neighbouring leaves do not run into each other.
            label = fill(_(leaf.label), _LEAF_LABEL_WIDTH, break_long_words=False)
            text.set_text(f"{label}\n({numbers})" if leaf.label else f"({numbers})")
            text.set_fontweight("bold" if path in on_path else "normal")

    def _title_text(self, analysis: BackwardInduction) -> str:
        if self._fixed_title is not None:
            return self._fixed_title
        if analysis.unique:
            return _("Subgame-perfect outcome: {outcome}").format(
                outcome=_(analysis.equilibria[0].outcome))
        return _("Ties: {n} subgame-perfect equilibria").format(n=len(analysis.equilibria))

    def dynamic_artists(self) -> list:
        """The artists that :meth:`update` changes (for layered rendering in widgets).

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
        >>> len(TreePlot(crisis_game(0.5)).dynamic_artists())   # 6 edges, 6 labels, 4 leaves...
        24
        """
        return [*self.edges.values(), *self.action_texts.values(), *self.leaf_texts.values(),
                *self.markers, self.title]

    def path_edges(self) -> list[Path]:
        """The edges drawn as the equilibrium path (every equilibrium's, if several).

        Examples
        --------
        >>> from alliances.models.crisis import crisis_game
        >>> sorted(TreePlot(crisis_game(0.5)).path_edges())    # a tie: two paths
        [('Challenge',), ('Challenge', 'Back down'), ('Not challenge',)]
        """
        return list(self._on_path)


def plot_game_tree(tree: GameTree, ax: Axes | None = None, *,
                   title: str | None = None) -> Axes:
    """Draw a game tree with the subgame-perfect equilibrium path highlighted.

    Parameters
    ----------
    tree : GameTree
    ax : Axes, optional
        Where to draw; a new pyplot figure is made if omitted.
    title : str, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> from alliances.models.crisis import crisis_game
    >>> plot_game_tree(crisis_game(0.9)).get_title()
    'Subgame-perfect outcome: War, patron fights'
    """
    if ax is None:
        import matplotlib.pyplot as plt
        ax = plt.figure(figsize=(7.0, 4.6), dpi=100, layout="constrained").add_subplot()
    return TreePlot(tree, ax, title=title).ax
