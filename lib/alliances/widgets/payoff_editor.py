"""The payoff editor: edit a 2x2 game live and see its family and equilibria."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets
from matplotlib.figure import Figure

from alliances._validation import check_real
from alliances.i18n import _, N_, number
from alliances.models.classification import classify, summarise
from alliances.models.games import PRESETS, Game, symmetric_game
from alliances.views.payoff_matrix import PayoffMatrixPlot
from alliances.widgets.base import LiveFigure
from alliances.widgets.fields import NumberField
from alliances.widgets.render import LayeredRenderer

__all__ = ["PayoffEditor"]

#: The families of 2x2 games (names of :data:`alliances.models.classification.FAMILIES`,
#: which are also the presets' names), marked here so that they are translated where
#: shown; the model keeps them as identifiers.
_FAMILY_NAMES = (
    N_("Prisoner's Dilemma"), N_("Deadlock"), N_("Harmony"), N_("Asymmetric dominance"),
    N_("Stag Hunt"), N_("Coordination"), N_("Chicken"), N_("Battle of the Sexes"),
    N_("Matching Pennies"), N_("Cyclic"),
)


def family_name(family: str) -> str:
    """A family's name as the reader sees it: translated, also when it is several names
    joined with " / " (a game on a tie line).

    >>> family_name("Stag Hunt / Chicken")
    'Stag Hunt / Chicken'
    """
    return " / ".join(_(name) for name in family.split(" / "))


class PayoffEditor(LiveFigure):
    """Edit a 2x2 game live: payoffs, presets, family, equilibria and the matrix figure.

    Parameters
    ----------
    game : Game, optional
        The starting 2x2 game; by default the preset ``preset``.
    preset : str
        One of :data:`alliances.models.games.PRESETS`, used when ``game`` is not given.
    labels : tuple of str
        Strategy labels for presets.
    row_name, col_name : str
        Players' names for presets.
    minimum, maximum : float
        The range of every payoff field: a number typed outside it is refused with a
        visible message (see :class:`~alliances.widgets.fields.NumberField`).
    step : float
        Checked but unused since the fields became text boxes (typed numbers are taken
        as typed); kept so that existing calls keep working.
    on_change : callable, optional
        Called with the new :class:`Game` after every successful update.
    symmetric : bool
        Keep the game symmetric: editing one player's payoff in a cell also sets the
        other player's payoff in the mirror cell (B stays A transposed). The starting
        game must be symmetric. Default False.

    Examples
    --------
    >>> editor = PayoffEditor(preset="Stag Hunt", labels=("Stag", "Hare"))
    >>> editor.game.pure_equilibria()
    [('Stag', 'Stag'), ('Hare', 'Hare')]
    >>> editor.payoff_controls[0].value = 1   # Row's payoff at (Stag, Stag)
    >>> editor.game.pure_equilibria()
    [('Hare', 'Hare')]

    In symmetric mode both players' payoffs change together:

    >>> editor = PayoffEditor(preset="Prisoner's Dilemma", symmetric=True)
    >>> editor.payoff_controls[4].value = 2.5   # Row's T, at (Ally, Abstain)
    >>> editor.game.B.tolist()                  # Column's T, at (Abstain, Ally), follows
    [[3.0, 2.5], [1.0, 2.0]]
    """

    def __init__(self, game: Game | None = None, *, preset: str = "Prisoner's Dilemma",
                 labels: tuple[str, str] = (N_("Abstain"), N_("Ally")),
                 row_name: str = N_("State A"), col_name: str = N_("State B"),
                 minimum: float = -10, maximum: float = 10,
                 step: float = 0.5, on_change: Callable[[Game], None] | None = None,
                 symmetric: bool = False) -> None:
        super().__init__()
        game = self._starting_game(game, preset, labels, row_name, col_name)
        minimum, maximum = self._check_range(game, minimum, maximum, step)
        if on_change is not None and not callable(on_change):
            raise TypeError(_("on_change must be callable or None; got {given}").format(
                given=repr(on_change)))
        if not isinstance(symmetric, bool):
            raise TypeError(_("symmetric must be True or False; got {given}").format(
                given=repr(symmetric)))
        if symmetric and not (game.B == game.A.T).all():
            raise ValueError(_("game must be symmetric (B equal to A transposed) when "
                               "symmetric=True"))
        self._symmetric = symmetric
        self._template = game
        self._range = (minimum, maximum)
        self._on_change = on_change
        self.payoff_controls: list[NumberField] = []
        matrix = self._payoff_grid(game, minimum, maximum)
        bar = self._preset_bar({name: self._control_values(symmetric_game(*payoffs))
                                for name, payoffs in PRESETS.items()}, width="300px",
                               tooltip=_("Back to the game this editor started with"))
        self.figure = Figure(figsize=(4.6, 3.8), dpi=100, layout="constrained")
        self.plot = PayoffMatrixPlot(game, self.figure.add_subplot())
        self._renderer = LayeredRenderer(self.figure, [self.plot.dynamic_artists()])
        self.game = game
        self._finish([bar, matrix], "alliances-payoff-editor")

    @staticmethod
    def _starting_game(game: Game | None, preset: str, labels: tuple[str, str],
                       row_name: str, col_name: str) -> Game:
        """The game to start with: ``game``, checked, or the preset's."""
        if game is None:
            if preset not in PRESETS:
                raise ValueError(_("preset must be one of {allowed}; got {given}").format(
                    allowed=list(PRESETS), given=repr(preset)))
            game = symmetric_game(*PRESETS[preset], labels=labels, row_name=row_name,
                                  col_name=col_name)
        if not isinstance(game, Game):
            raise TypeError(_("game must be an alliances Game; got {given}").format(
                given=type(game).__name__))
        if game.shape != (2, 2):
            raise ValueError(_("game must be 2x2 for the PayoffEditor; got shape {shape}"
                               ).format(shape=game.shape))
        return game

    @staticmethod
    def _check_range(game: Game, minimum: float, maximum: float,
                     step: float) -> tuple[float, float]:
        """The fields' range, checked, with the game's payoffs inside it."""
        minimum = check_real(minimum, "minimum")
        maximum = check_real(maximum, "maximum")
        check_real(step, "step", minimum=0, allow_equal_min=False)
        if not minimum < maximum:
            raise ValueError(_("minimum must be below maximum; got {minimum} and {maximum}"
                               ).format(minimum=minimum, maximum=maximum))
        if game.A.min() < minimum or game.B.min() < minimum or max(
                game.A.max(), game.B.max()) > maximum:
            raise ValueError(_("the game's payoffs must lie in [{low}, {high}], the range of "
                               "the controls").format(low=minimum, high=maximum))
        return minimum, maximum

    def _payoff_grid(self, game: Game, minimum: float, maximum: float) -> widgets.GridBox:
        """The eight payoff fields (``self.payoff_controls``) in a 2x2 grid of cells."""
        cells = []
        for i in range(2):
            for j in range(2):
                pair = []
                for matrix, name in ((game.A, game.row_name), (game.B, game.col_name)):
                    control = NumberField(
                        float(matrix[i, j]), minimum=minimum, maximum=maximum,
                        description=_(name)[:12],
                        tooltip=_("{player}'s payoff when {row} plays {row_strategy} and "
                                  "{column} plays {column_strategy}").format(
                                      player=_(name), row=_(game.row_name),
                                      row_strategy=_(game.row_labels[i]),
                                      column=_(game.col_name),
                                      column_strategy=_(game.col_labels[j])), width="150px")
                    control.add_class("alliances-payoff")
                    control.add_class("alliances-control")
                    control.observe(self._changed, names="value")
                    self.payoff_controls.append(control)
                    pair.append(control)
                cells.append(widgets.VBox(pair, layout=widgets.Layout(
                    border="1px solid #999999", padding="4px")))
        header = [widgets.HTML("")] + [widgets.HTML(f"<b>{html.escape(_(game.col_name))}: "
                                                    f"{html.escape(_(label))}</b>")
                                       for label in game.col_labels]
        grid = [*header]
        for i in range(2):
            grid.append(widgets.HTML(f"<b>{html.escape(_(game.row_name))}: "
                                     f"{html.escape(_(game.row_labels[i]))}</b>"))
            grid.extend(cells[2 * i: 2 * i + 2])
        return widgets.GridBox(grid, layout=widgets.Layout(
            grid_template_columns="max-content max-content max-content", grid_gap="4px"))

    @staticmethod
    def _control_values(game: Game) -> dict[int, float]:
        """The value of each payoff field (by its index) that shows ``game``."""
        return {k: float((game.A, game.B)[k % 2][divmod(k // 2, 2)]) for k in range(8)}

    def _preset_controls(self) -> dict[int, NumberField]:
        return dict(enumerate(self.payoff_controls))

    def _values(self) -> tuple[list[list[float]], list[list[float]]]:
        v = [c.value for c in self.payoff_controls]
        return [[v[0], v[2]], [v[4], v[6]]], [[v[1], v[3]], [v[5], v[7]]]

    def _changed(self, change: dict) -> None:
        if self._held:
            return
        with self.hold():
            if self._symmetric:           # the other player's payoff in the mirror cell
                k = self.payoff_controls.index(change["owner"])
                (i, j), player = divmod(k // 2, 2), k % 2
                self.payoff_controls[2 * (2 * j + i) + 1 - player].value = change["new"]

    def set_game(self, game: Game) -> None:
        """Show ``game`` (2x2, same labels): set every control, then update once."""
        if not isinstance(game, Game) or game.shape != (2, 2):
            raise ValueError(_("game must be a 2x2 alliances Game"))
        low, high = self._range
        if min(game.A.min(), game.B.min()) < low or max(game.A.max(), game.B.max()) > high:
            # The controls refuse them: say so here, naming the argument.
            raise ValueError(_("the game's payoffs must lie in [{low}, {high}], the range of "
                               "the controls").format(low=number(low, "g"),
                                                      high=number(high, "g")))
        self._set_controls(self._control_values(game))

    def _update(self) -> tuple[str, str]:
        A, B = self._values()
        t = self._template
        game = Game(A, B, row_name=t.row_name, col_name=t.col_name, row_labels=t.row_labels,
                    col_labels=t.col_labels)
        info = classify(game)
        self.plot.update(game)
        self.plot.set_title(family_name(info.family))
        self.game = game
        sentences = "".join(f"<li>{html.escape(s)}</li>" for s in game.describe_equilibria())
        equilibria = (_("<b>Equilibria</b> (degenerate game: ties):") if game.is_degenerate
                      else _("<b>Equilibria</b>:"))
        family = html.escape(_("Family:"))
        details = (f"<p><b>{family}</b> "
                   f"{html.escape(family_name(info.family))} "
                   f"(<code>{html.escape(info.ordinal)}</code>). {html.escape(info.description)}"
                   f"</p><p>{equilibria}</p><ul>{sentences}</ul>")
        if self._on_change is not None:
            self._on_change(game)
        return summarise(game), details
