"""The live family map: edit a game and watch its point move across the 2x2 families."""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from alliances._validation import check_real
from alliances.i18n import _, N_, number
from alliances.models.classification import classify, summarise
from alliances.models.family_map import FamilyMap, family_changes, family_map, family_phrase
from alliances.models.family_regions import PAYOFF_NAMES
from alliances.models.games import Game, alliance_formation_game, symmetric_game
from alliances.views.family_map import FamilyMapPlot
from alliances.widgets.render import LayeredRenderer
from alliances.widgets.base import LiveFigure
from alliances.widgets.payoff_editor import PayoffEditor, family_name

__all__ = ["FamilyMapExplorer", "PAIRS"]

#: The pairs of payoffs the map can be drawn over: menu label -> (x, y).
PAIRS: dict[str, tuple[str, str]] = {
    N_("T across, P up"): ("T", "P"),
    N_("T across, S up"): ("T", "S"),
    N_("S across, P up"): ("S", "P"),
    N_("T across, R up"): ("T", "R"),
    N_("R across, P up"): ("R", "P"),
    N_("R across, S up"): ("R", "S"),
}


def _payoffs(game: Game) -> dict[str, float]:
    """T, R, P, S of a symmetric game whose first strategy is the cooperative one."""
    a = game.A
    return {"T": float(a[1, 0]), "R": float(a[0, 0]), "P": float(a[1, 1]), "S": float(a[0, 1])}




class FamilyMapExplorer(LiveFigure):
    """A :class:`PayoffEditor` linked to a live map of the 2x2 families.

    The editor keeps the game symmetric (editing a payoff sets the other state's in the
    mirror cell). The map shows the families over two payoffs (T and P by default, the
    other two fixed at the game's values); the game is the star, which moves as the reader
    edits. *Swap P and S* exchanges the two readings of Snyder's prisoner's-dilemma analogy
    (P > S: a prisoner's dilemma; P < S: Chicken).

    Parameters
    ----------
    game : Game, optional
        A symmetric 2x2 game whose first strategy is the cooperative one; by default
        Snyder's alliance game (T, R, P, S) = (4, 3, 2, 1).
    pair : (str, str)
        The payoffs on the map's axes, one of :data:`PAIRS`' values.
    limits : (float, float)
        The range of the map's axes and of the editor's payoff boxes.
    step : float
        The step of the payoff boxes.

    Examples
    --------
    >>> explorer = FamilyMapExplorer()
    >>> explorer.plot.point.get_data()
    ([4.0], [2.0])
    >>> explorer.swap.click()                       # P and S exchange places
    >>> explorer.plot.point.get_data(), explorer.sentence[:60]
    (([4.0], [1.0]), 'The star, your game with T = 4, R = 3, P = 1, S = 2, lies in')
    >>> explorer.editor.payoff_controls[0].value = 5     # R = 5: the map itself changes
    >>> explorer.plot.view.note
    'fixed: R = 5, S = 2'
    """

    def __init__(self, game: Game | None = None, *, pair: tuple[str, str] = ("T", "P"),
                 limits: tuple[float, float] = (0.0, 6.0), step: float = 0.5) -> None:
        super().__init__()
        game = alliance_formation_game() if game is None else game
        if not isinstance(game, Game) or game.shape != (2, 2):
            raise TypeError(_("game must be a 2x2 alliances Game; got {given}").format(
                given=repr(game)))
        if not (game.B == game.A.T).all():
            raise ValueError(_("game must be symmetric (B equal to A transposed): the map "
                               "shows symmetric games"))
        # The map checks the pair and the limits (its errors name them).
        first = family_map(**_payoffs(game), pair=pair, limits=limits, resolution=None,
                           labels=game.row_labels)
        pair = (first.x_name, first.y_name)
        if pair not in PAIRS.values():
            raise ValueError(_("pair must be one of {allowed}; got {given}").format(
                allowed=list(PAIRS.values()), given=repr(pair)))
        low, high = first.limits
        step = check_real(step, "step", minimum=0, allow_equal_min=False)
        if game.A.min() < low or game.A.max() > high:
            raise ValueError(_("the game's payoffs must lie within limits {limits}").format(
                limits=repr(limits)))
        self._limits = (low, high)
        self._ready = False
        self.editor = PayoffEditor(game, minimum=low, maximum=high, step=step,
                                           symmetric=True, on_change=self._game_changed)
        self.pair = widgets.Dropdown(options=[(_(label), xy) for label, xy in PAIRS.items()],
                                     value=pair, description=_("Map over"),
                                     style={"description_width": "auto"})
        self.swap = widgets.Button(description=_("Swap P and S"), icon="exchange",
                                   tooltip=_("Exchange the payoffs of two rival blocs (P) and "
                                             "of abstaining alone (S)"))
        for control in (self.pair, self.swap):
            control.add_class("alliances-control")
        self.pair.add_class("alliances-map-pair")
        self.swap.add_class("alliances-swap")
        self.pair.observe(self.refresh, names="value")
        self.swap.on_click(self._swap)
        # The map shows the game (the star) and the sentence its equilibria: the editor's
        # own matrix figure and sentence are not shown here, so that the editor and the
        # map fit one screen together.
        self.editor.figure_column.layout.display = "none"
        self.editor.details.layout.display = "none"
        self.figure = Figure(figsize=(7.2, 3.5), dpi=100, layout="constrained")
        self.plot = FamilyMapPlot(self._map(), self.figure.add_subplot())
        # Layers: the frame and legend are drawn only when the axes change, the map only
        # when its regions change; moving the game's point redraws just the star.
        self.plot.prepare_layers()
        self._renderer = LayeredRenderer(self.figure, [self.plot.map_artists(),
                                                       [self.plot.point]])
        self._ready = True
        bar = self.editor.control_column.children[0]      # preset menu and reset
        bar.children = [*bar.children, self.pair, self.swap]
        bar.layout.flex_flow = "row wrap"
        self._finish([self.editor], "alliances-family-map")

    def _game_changed(self, _game: Game) -> None:
        if self._ready:
            self.refresh()

    def _swap(self, _button: object = None) -> None:
        v = _payoffs(self.editor.game)
        t = self.editor.game
        self.editor.set_game(symmetric_game(v["T"], v["R"], v["S"], v["P"],
                                            labels=t.row_labels, row_name=t.row_name,
                                            col_name=t.col_name))

    def _map(self) -> FamilyMap:
        v = _payoffs(self.editor.game)
        return family_map(**v, pair=self.pair.value, limits=self._limits, resolution=None,
                          labels=self.editor.game.row_labels)

    def _render_pixels(self) -> np.ndarray:
        return self._renderer.pixels([self.plot.map_key, None], frame_key=self.plot.frame_key)

    def _update(self) -> tuple[str, str]:
        game = self.editor.game
        v = _payoffs(game)
        self.plot.update(self._map())
        info = classify(game)
        numbers = ", ".join(f"{k} = {number(v[k], 'g')}" for k in PAYOFF_NAMES)
        equilibria = summarise(game).split(": ", 1)[-1]
        if info.on_boundary:
            sentence = _("The star, your game with {numbers}, lies on a tie line, {phrase}: "
                         "{result}").format(numbers=numbers, result=equilibria,
                                                phrase=family_phrase(info.family))
        else:
            sentence = _("The star, your game with {numbers}, lies in the {family} region: "
                         "{result}").format(numbers=numbers, result=equilibria,
                                                family=family_name(info.family))
        changes = [c for name in self.pair.value for c in family_changes(**v, payoff=name)]
        no_change = _("No tie along these two payoffs changes the family.")
        items = "".join(f"<li>{html.escape(c.sentence())}</li>" for c in changes) or \
            f"<li>{html.escape(no_change)}</li>"
        ranking = html.escape(_("the ranking is {ranking}."), quote=False).format(
            ranking=f"<code>{html.escape(info.ordinal)}</code>")
        why, across = html.escape(_("Why:")), html.escape(_("Across the nearest tie lines:"))
        details = (f"<p><b>{why}</b> {ranking} {html.escape(info.description)}</p>"
                   f"<p><b>{across}</b></p><ul>{items}</ul>")
        return sentence, details
