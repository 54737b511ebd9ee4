"""Widgets of the alliance game and the crisis game (our formalizations).

* :class:`DependenceExplorer`: the two-ally Support/Withhold game; move each ally's
  dependence and see the equilibrium and each side's fears shift.
* :class:`CrisisExplorer`: the crisis game tree; move the patron's commitment and the
  payoffs and see the subgame-perfect path move from an invited challenge through
  deterrence to entrapment.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from matplotlib.figure import Figure

from alliances.i18n import _, N_, number
from alliances.models.crisis import (ALLIES, ally_fears, crisis_game, crisis_story,
                                     crisis_thresholds, two_ally_game)
from alliances.views.crisis import FearsPlot
from alliances.views.gametree import TreePlot
from alliances.views.payoff_matrix import PayoffMatrixPlot
from alliances.widgets.base import LiveFigure
from alliances.widgets.render import LayeredRenderer

__all__ = ["DependenceExplorer", "CrisisExplorer"]


def _slider(value: float, low: float, high: float, step: float, label: str, tip: str,
            width: str = "200px", *, name: str = "value") -> widgets.FloatSlider:
    if not low <= value <= high:
        raise ValueError(_("{name} must lie in [{low}, {high}], the range of the slider "
                           "{label}; got {value}").format(name=name, low=low, high=high,
                                                          label=repr(_(label)), value=value))
    slider = widgets.FloatSlider(value=value, min=low, max=high, step=step,
                                 description=_(label), tooltip=_(tip), readout_format=".2f",
                                 continuous_update=True,
                                 style={"description_width": width},
                                 layout=widgets.Layout(width="500px"))
    slider.add_class("alliances-control")
    return slider


def _when(threshold: float) -> str:
    if threshold == float("inf"):
        return _("at no commitment level")
    if threshold == float("-inf"):
        return _("at every commitment level")
    return _("when c &gt; {threshold}").format(threshold=number(threshold, ".3g"))


class _Presets:
    """Presets as values of named controls, shared by the two widgets (see LiveFigure)."""

    def _preset_controls(self) -> dict[str, widgets.FloatSlider]:
        return self.controls

    def _values(self) -> dict[str, float]:
        return {name: float(c.value) for name, c in self.controls.items()}

    def set_values(self, values: dict[str, float]) -> None:
        """Move the named controls to ``values`` (others keep theirs), then update once."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(_("values names unknown controls {unknown}; controls are "
                               "{known}").format(unknown=unknown, known=list(self.controls)))
        with self.hold():
            for name, value in values.items():
                self.controls[name].value = value


# ------------------------------------------------------------ dependence explorer
#: Named settings of the two-ally game (all four parameters each).
_DEPENDENCE_PRESETS: dict[str, dict[str, float]] = {
    N_("Major and minor ally"): {"major_dependence": 0.3, "minor_dependence": 0.8,
                             "entrapment_cost": 0.3, "realignment": 0.5},
    N_("Equals who need each other"): {"major_dependence": 0.8, "minor_dependence": 0.8,
                                   "entrapment_cost": 0.3, "realignment": 0.5},
    N_("Multipolar: realignment easy"): {"major_dependence": 0.3, "minor_dependence": 0.8,
                                     "entrapment_cost": 0.3, "realignment": 0.9},
    N_("Bipolar: realignment hard"): {"major_dependence": 0.3, "minor_dependence": 0.8,
                                  "entrapment_cost": 0.3, "realignment": 0.1},
}


class DependenceExplorer(_Presets, LiveFigure):
    """The two-ally game with asymmetric dependence: equilibrium and each side's fears.

    Parameters
    ----------
    major_dependence, minor_dependence : float in [0, 1]
    entrapment_cost : float in [0, 1]
    realignment : float in [0, 1]
        Starting values (see :func:`alliances.models.crisis.two_ally_game`).

    Examples
    --------
    >>> explorer = DependenceExplorer()
    >>> explorer.game.pure_equilibria()
    [('Withhold', 'Support')]
    >>> explorer.controls["major_dependence"].value = 0.8
    >>> explorer.game.pure_equilibria()
    [('Support', 'Support')]
    """

    #: Two panels: side by side where they fit, one under the other on a narrow screen.
    SPLIT_PANELS = True

    def __init__(self, major_dependence: float = 0.3, minor_dependence: float = 0.8, *,
                 entrapment_cost: float = 0.3, realignment: float = 0.5) -> None:
        super().__init__()
        initial = dict(major_dependence=major_dependence, minor_dependence=minor_dependence,
                       entrapment_cost=entrapment_cost, realignment=realignment)
        game = two_ally_game(**initial)      # validates
        self.controls = {
            "major_dependence": _slider(major_dependence, 0, 1, 0.05, N_("Major ally's dependence"),
                                        N_("How much the major ally needs the minor one"),
                                        name="major_dependence"),
            "minor_dependence": _slider(minor_dependence, 0, 1, 0.05, N_("Minor ally's dependence"),
                                        N_("How much the minor ally needs the major one"),
                                        name="minor_dependence"),
            "entrapment_cost": _slider(entrapment_cost, 0, 1, 0.05, N_("Cost of entrapment e"),
                                       N_("The cost of being drawn into the other's quarrel by "
                                          "supporting it"), name="entrapment_cost"),
            "realignment": _slider(realignment, 0, 1, 0.05, N_("Ease of realignment a"),
                                   N_("Chance that an ally let down walks away: high in a "
                                      "multipolar system, low in a bipolar one"),
                                   name="realignment"),
        }
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        header = self._preset_bar(_DEPENDENCE_PRESETS)
        self.figure = Figure(figsize=(8.6, 3.9), dpi=100, layout="constrained")
        left, right = self.figure.subplots(1, 2, width_ratios=[1, 1.05])
        self.matrix = PayoffMatrixPlot(game, left, arrows=True, title=_("Support or withhold?"))
        self.fears_plot = FearsPlot(ally_fears(**initial), right)
        self.game = game
        matrix = self.matrix
        dynamic = [*matrix.cells.values(), *matrix.row_texts.values(),
                   *matrix.col_texts.values(), *matrix.stars.values(),
                   *matrix.row_arrows.values(), *matrix.col_arrows.values(),
                   *self.fears_plot.dynamic_artists()]
        # Axes, labels and legends are drawn once and reused; only these artists change.
        self._renderer = LayeredRenderer(self.figure, [dynamic])
        self._finish([header, *self.controls.values()], "alliances-dependence")

    def _update(self) -> tuple[str, str]:
        values = self._values()
        game = two_ally_game(**values)
        fears = ally_fears(**values)
        self.matrix.update(game)
        self.game = game
        self.fears_plot.update(fears)
        equilibria = game.pure_equilibria()
        if game.has_infinitely_many_equilibria:
            lead = _("A tie: infinitely many equilibria.")
        elif len(equilibria) == 1:
            lead = _("Equilibrium ({row}, {column}).").format(row=_(equilibria[0][0]),
                                                             column=_(equilibria[0][1]))
        else:
            lead = _("Equilibria: {list}.").format(
                list=", ".join(f"({_(r)}, {_(c)})" for r, c in equilibria))
        sentence = " ".join([lead, *(fears.sentence(ally) for ally in ALLIES)])
        items = "".join(f"<li>{html.escape(s)}</li>" for s in game.describe_equilibria())
        note = _("Payoff of ally i: d_i if the other supports, minus e if it supports, minus "
                 "a·d_i if it withholds. Our formalization, not a model from Snyder's article.")
        details = f"<ul>{items}</ul><p><small>{note}</small></p>"
        return sentence, details


# --------------------------------------------------------------- crisis explorer
#: Named settings of the crisis game.
_CRISIS_PRESETS: dict[str, dict[str, float]] = {
    N_("Weak commitment"): {"commitment": 0.2, "patron_war_cost": 4.0, "reputation_cost": 4.0,
                        "provocation": 3.0, "adversary_war_cost": 2.0},
    N_("Middling commitment"): {"commitment": 0.6, "patron_war_cost": 4.0, "reputation_cost": 4.0,
                            "provocation": 3.0, "adversary_war_cost": 2.0},
    N_("Strong commitment"): {"commitment": 0.9, "patron_war_cost": 4.0, "reputation_cost": 4.0,
                          "provocation": 3.0, "adversary_war_cost": 2.0},
    N_("Strong commitment, restrained protégé"): {"commitment": 0.9, "patron_war_cost": 4.0,
                                              "reputation_cost": 4.0, "provocation": 0.0,
                                              "adversary_war_cost": 2.0},
}


class CrisisExplorer(_Presets, LiveFigure):
    """The crisis game tree: commitment and payoffs against the subgame-perfect path.

    Parameters
    ----------
    commitment : float in [0, 1]
    patron_war_cost, reputation_cost, provocation, adversary_war_cost : float in [0, 8]
        Starting values (see :func:`alliances.models.crisis.crisis_game`); the patron's loss if
        the protégé is defeated alone stays at its default, 2.

    Examples
    --------
    >>> explorer = CrisisExplorer(0.2)
    >>> explorer.analysis.equilibria[0].path
    ('Challenge', 'Back down')
    >>> explorer.controls["commitment"].value = 0.9
    >>> explorer.sentence.startswith("At commitment 0.90: entrapment")
    True
    """

    def __init__(self, commitment: float = 0.6, *, patron_war_cost: float = 4.0,
                 reputation_cost: float = 4.0, provocation: float = 3.0,
                 adversary_war_cost: float = 2.0) -> None:
        super().__init__()
        initial = dict(commitment=commitment, patron_war_cost=patron_war_cost,
                       reputation_cost=reputation_cost, provocation=provocation,
                       adversary_war_cost=adversary_war_cost)
        tree = crisis_game(**initial)        # validates
        width = "210px"
        self.controls = {
            "commitment": _slider(commitment, 0, 1, 0.05, N_("Patron's commitment c"),
                                  N_("How firmly the patron has promised to back the protégé"),
                                  width, name="commitment"),
            "patron_war_cost": _slider(patron_war_cost, 0, 8, 0.5, N_("Patron's cost of war W"),
                                       N_("What fighting the protégé's war costs the patron"),
                                       width, name="patron_war_cost"),
            "reputation_cost": _slider(reputation_cost, 0, 8, 0.5, N_("Reputation cost R"),
                                       N_("What breaking a full commitment costs the patron"),
                                       width, name="reputation_cost"),
            "provocation": _slider(provocation, 0, 8, 0.5, N_("Protégé's provocation M"),
                                   N_("Moral hazard: how far a protégé sure of support presses "
                                      "its claims in peacetime"), width, name="provocation"),
            "adversary_war_cost": _slider(adversary_war_cost, 0, 8, 0.5,
                                          N_("Adversary's cost of war"),
                                          N_("What a war against protégé and patron costs the "
                                             "adversary"), width, name="adversary_war_cost"),
        }
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        header = self._preset_bar(_CRISIS_PRESETS)
        self.figure = Figure(figsize=(7.0, 4.6), dpi=100, layout="constrained")
        self.plot = TreePlot(tree, self.figure.add_subplot())
        self._renderer = LayeredRenderer(self.figure, [self.plot.dynamic_artists()])
        self.tree = tree
        self.analysis = self.plot.analysis
        first = ("commitment", "patron_war_cost", "reputation_cost", "provocation")
        self._finish([header, *(self.controls[k] for k in first)], "alliances-crisis",
                     advanced=[c for k, c in self.controls.items() if k not in first])

    def _update(self) -> tuple[str, str]:
        values = self._values()
        tree = crisis_game(**values)
        self.plot.update(tree)
        self.tree, self.analysis = tree, self.plot.analysis
        story = crisis_story(self.analysis)
        sentence = _("At commitment {commitment}: {story}").format(
            commitment=number(values["commitment"], ".2f"), story=story[0].lower() + story[1:])
        thresholds = crisis_thresholds(**{k: v for k, v in values.items() if k != "commitment"})
        lines = "".join(f"<li>{html.escape(s)}</li>" for s in self.analysis.describe())
        when = _("The patron would support a firm protégé {when_support}; an emboldened "
                 "protégé provokes a challenge even against support {when_challenge}.").format(
                     when_support=_when(thresholds["support"]),
                     when_challenge=_when(thresholds["challenge"]))
        source = _("Our formalization, not a model from Snyder's article.")
        details = f"<ul>{lines}</ul><p>{when}</p><p><small>{source}</small></p>"
        return sentence, details
