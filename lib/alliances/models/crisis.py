"""The crisis game and the two-ally game: Snyder's entrapment and abandonment (our formalizations).

**The crisis game** (:func:`crisis_game`, our formalization of Snyder's entrapment and
abandonment, not a model from his article): an adversary challenges a protégé or not; the
protégé stands firm or backs down; the patron supports or abandons it. The patron's
commitment ``c`` makes abandoning costly (reputation), and emboldens the protégé, who
presses its claims in peacetime (moral hazard). With the default payoffs a weak commitment
invites the challenge, a middling one deters it, and a strong one provokes a challenge
that the protégé meets firmly and the patron must join: entrapment. The game is a
:class:`alliances.models.gametree.GameTree`, solved by backward induction
(:func:`alliances.models.gametree.backward_induction`); :func:`crisis_thresholds` gives
the commitment levels where its equilibrium changes and :func:`crisis_story` tells it.

**The two-ally game** (:func:`two_ally_game`, our formalization): a major and a minor ally
each choose to Support or Withhold; each side's dependence on the other sets how much it
fears abandonment (:func:`ally_fears`), against the cost of being drawn into the other's
quarrels.

Examples
--------
>>> from alliances.models.gametree import backward_induction
>>> solve = backward_induction(crisis_game(commitment=0.2))
>>> solve.equilibria[0].path
('Challenge', 'Back down')
>>> backward_induction(crisis_game(commitment=0.9)).equilibria[0].path
('Challenge', 'Stand firm', 'Support')
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from alliances._validation import check_real
from alliances.i18n import _, N_, number
from alliances.models.games import Game
from alliances.models.gametree import TIE_TOLERANCE, BackwardInduction, Decision, GameTree, Leaf

__all__ = ["crisis_game", "crisis_thresholds", "crisis_story", "CRISIS_PLAYERS",
           "two_ally_game", "ally_fears", "AllyFears", "ALLIES"]


# ----------------------------------------------------------------- crisis game
#: The players of :func:`crisis_game`, in payoff order.
CRISIS_PLAYERS = (N_("Adversary"), N_("Protégé"), N_("Patron"))


def _crisis_parameters(commitment: float, patron_war_cost: float, patron_defeat_loss: float,
                       reputation_cost: float, provocation: float,
                       adversary_war_cost: float) -> tuple[float, ...]:
    c = check_real(commitment, "commitment", minimum=0, maximum=1)
    return (c, check_real(patron_war_cost, "patron_war_cost", minimum=0),
            check_real(patron_defeat_loss, "patron_defeat_loss", minimum=0),
            check_real(reputation_cost, "reputation_cost", minimum=0),
            check_real(provocation, "provocation", minimum=0),
            check_real(adversary_war_cost, "adversary_war_cost", minimum=0))


def crisis_game(commitment: float = 0.5, *, patron_war_cost: float = 4.0,
                patron_defeat_loss: float = 2.0, reputation_cost: float = 4.0,
                provocation: float = 3.0, adversary_war_cost: float = 2.0) -> GameTree:
    """The crisis game: adversary, protégé and patron (our formalization).

    The adversary challenges the protégé or not; if challenged, the protégé stands firm or
    backs down; if it stands firm, the patron supports it (war) or abandons it (the
    protégé fights alone and loses). Payoffs (Adversary, Protégé, Patron), with ``c`` the
    patron's commitment:

    ========================  ===========================  ============
    outcome                   adversary, protégé           patron
    ========================  ===========================  ============
    Status quo                -M c, M c                    0
    Protégé backs down        1, -1                        -1
    War, patron fights        -adversary_war_cost, 0       -W
    Protégé fights alone      2, -3                        -D - R c
    ========================  ===========================  ============

    ``W`` = ``patron_war_cost`` (the price of entrapment), ``D`` = ``patron_defeat_loss``
    (the interest the patron shares with the protégé), ``R`` = ``reputation_cost`` (what
    breaking a full commitment costs) and ``M`` = ``provocation`` (moral hazard: a
    protégé sure of its patron presses its claims in peacetime, at the adversary's
    expense). The numbers are illustrative ordinal choices, not estimates.

    Parameters
    ----------
    commitment : float
        The patron's commitment c in [0, 1].
    patron_war_cost, patron_defeat_loss, reputation_cost, provocation, adversary_war_cost
        : float, >= 0

    Returns
    -------
    GameTree

    Examples
    --------
    >>> tree = crisis_game(0.6)
    >>> tree.node(("Challenge", "Stand firm", "Abandon")).payoffs
    (2.0, -3.0, -4.4)
    >>> tree.subgame_perfect_equilibria()[0].outcome   # deterrence
    'Status quo'
    """
    c, w, d, r, m, a = _crisis_parameters(commitment, patron_war_cost, patron_defeat_loss,
                                          reputation_cost, provocation, adversary_war_cost)
    patron = Decision("Patron", {
        N_("Support"): Leaf((-a, 0.0, -w), N_("War, patron fights")),
        N_("Abandon"): Leaf((2.0, -3.0, -d - r * c), N_("Protégé fights alone")),
    })
    protege = Decision("Protégé", {
        N_("Back down"): Leaf((1.0, -1.0, -1.0), N_("Protégé backs down")),
        N_("Stand firm"): patron,
    })
    root = Decision("Adversary", {
        N_("Not challenge"): Leaf((-m * c, m * c, 0.0), N_("Status quo")),
        N_("Challenge"): protege,
    })
    return GameTree(CRISIS_PLAYERS, root)


def crisis_thresholds(*, patron_war_cost: float = 4.0, patron_defeat_loss: float = 2.0,
                      reputation_cost: float = 4.0, provocation: float = 3.0,
                      adversary_war_cost: float = 2.0) -> dict[str, float]:
    """The commitment levels at which the crisis game's equilibrium changes.

    * ``"support"``: above ``(W - D) / R`` the patron would support a firm protégé (its
      commitment makes abandoning cost more than fighting); below it, it would abandon.
      ``-inf`` if it always supports, ``inf`` if it never does.
    * ``"challenge"``: above ``adversary_war_cost / M`` the adversary prefers war with a
      supported protégé to a status quo eroded by the emboldened protégé. ``inf`` if
      ``M = 0``.

    At a threshold the player is indifferent, and there are two equilibria.

    Examples
    --------
    >>> crisis_thresholds()
    {'support': 0.5, 'challenge': 0.666...}
    """
    _unused, w, d, r, m, a = _crisis_parameters(0.0, patron_war_cost, patron_defeat_loss,
                                          reputation_cost, provocation, adversary_war_cost)
    if r > 0:
        support = (w - d) / r
    else:
        support = -math.inf if w < d else math.inf
    challenge = a / m if m > 0 else math.inf
    return {"support": support, "challenge": challenge}


_STORIES = {
    ("Not challenge",): N_("deterrence: the adversary does not challenge, because the "
                           "protégé would stand firm and the patron would fight"),
    ("Challenge", "Back down"): N_("the weak commitment invites a challenge: the protégé, "
                                   "expecting to be abandoned, backs down"),
    ("Challenge", "Stand firm", "Support"): N_("entrapment: the emboldened protégé stands firm "
                                               "and the patron, bound by its commitment, "
                                               "fights a war over the protégé's quarrel"),
    ("Challenge", "Stand firm", "Abandon"): N_("abandonment: the patron leaves the protégé to "
                                               "fight alone"),
}


def crisis_story(analysis: BackwardInduction) -> str:
    """What the crisis game's subgame-perfect outcome means, in one sentence.

    Parameters
    ----------
    analysis : BackwardInduction
        Of a tree built by :func:`crisis_game`.

    Examples
    --------
    >>> from alliances.models.gametree import backward_induction
    >>> print(crisis_story(backward_induction(crisis_game(0.9))))
    Entrapment: the emboldened protégé stands firm and the patron, bound by its commitment,
    fights a war over the protégé's quarrel.
    >>> print(crisis_story(backward_induction(crisis_game(0.5))))
    A tie: 2 subgame-perfect equilibria. Either deterrence: ...
    Or the weak commitment invites a challenge: ...
    """
    if not isinstance(analysis, BackwardInduction):
        raise TypeError(_("analysis must be a BackwardInduction; got {kind}").format(
            kind=type(analysis).__name__))
    if analysis.tree.structure() != crisis_game(0.0).structure():
        raise ValueError(_("analysis must be of a tree built by crisis_game"))
    stories = [_(_STORIES[path]) for path in analysis.paths]
    if len(stories) == 1:
        text = stories[0]
        return text[0].upper() + text[1:] + "."
    return " ".join([_("A tie: {count} subgame-perfect equilibria.").format(
        count=len(analysis.equilibria))] + [
            (_("Either {story}.") if i == 0 else _("Or {story}.")).format(story=s)
            for i, s in enumerate(stories)])


# --------------------------------------------------------------- two-ally game
@dataclass(frozen=True)
class AllyFears:
    """Each ally's two fears in :func:`two_ally_game` and which one drives its choice.

    Attributes
    ----------
    abandonment : dict
        Ally -> a d: the expected loss from the other's walking away if it withholds.
    entrapment : dict
        Ally -> e: the cost of being drawn into the other's quarrel if it supports.
    dominant : dict
        Ally -> "abandonment", "entrapment" or "balanced" (then it is indifferent).

    Examples
    --------
    >>> fears = ally_fears(0.3, 0.8)
    >>> fears.entrapment
    {'Major ally': 0.3, 'Minor ally': 0.3}
    """

    abandonment: dict[str, float]
    entrapment: dict[str, float]
    dominant: dict[str, str]

    def sentence(self, ally: str) -> str:
        """Why ``ally`` supports or withholds, in words.

        Examples
        --------
        >>> print(ally_fears(0.3, 0.8).sentence("Minor ally"))
        Minor ally supports: its fear of abandonment (0.4) outweighs its fear of entrapment (0.3).
        """
        if not isinstance(ally, str) or ally not in self.dominant:
            raise ValueError(_("ally must be one of {allies}; got {value}").format(
                allies=list(self.dominant), value=repr(ally)))
        a, e = number(self.abandonment[ally], ".3g"), number(self.entrapment[ally], ".3g")
        if self.dominant[ally] == "abandonment":
            text = _("{ally} supports: its fear of abandonment ({a}) outweighs its fear of "
                     "entrapment ({e}).")
        elif self.dominant[ally] == "entrapment":
            text = _("{ally} withholds: its fear of entrapment ({e}) outweighs its fear of "
                     "abandonment ({a}).")
        else:
            text = _("{ally} is indifferent: its fears of abandonment and entrapment are equal "
                     "({a}), so any mix of Support and Withhold is a best reply.")
        return text.format(ally=_(ally), a=a, e=e)


#: The players of :func:`two_ally_game`: row, then column.
ALLIES = (N_("Major ally"), N_("Minor ally"))


def _ally_parameters(major_dependence: float, minor_dependence: float, entrapment_cost: float,
                     realignment: float) -> tuple[float, float, float, float]:
    return (check_real(major_dependence, "major_dependence", minimum=0, maximum=1),
            check_real(minor_dependence, "minor_dependence", minimum=0, maximum=1),
            check_real(entrapment_cost, "entrapment_cost", minimum=0),
            check_real(realignment, "realignment", minimum=0, maximum=1))


def two_ally_game(major_dependence: float = 0.3, minor_dependence: float = 0.8, *,
                  entrapment_cost: float = 0.3, realignment: float = 0.5) -> Game:
    """The alliance game of a major and a minor ally: Support or Withhold (our formalization).

    Ally i, with dependence d_i on the alliance, gets

        u_i = d_i [the other supports] - e [i supports] - a d_i [i withholds]

    where d_i is what the other's support is worth to i, e (``entrapment_cost``) is the
    cost of being drawn into the other's quarrel by supporting it, and a
    (``realignment``) is the chance that an ally let down walks away or realigns: an
    expected loss a d_i, the fear of abandonment. Supporting is i's best reply, whatever
    the other does, exactly when a d_i > e; at a d_i = e it is indifferent (a tie, and
    infinitely many equilibria). ``realignment`` is high in a multipolar system, where
    allies have somewhere else to go, and low in a bipolar one.

    Parameters
    ----------
    major_dependence, minor_dependence : float in [0, 1]
    entrapment_cost : float >= 0
    realignment : float in [0, 1]

    Returns
    -------
    Game
        Row: the major ally; column: the minor ally; strategies ("Support", "Withhold").

    Examples
    --------
    >>> game = two_ally_game(0.3, 0.8)
    >>> game.pure_equilibria()
    [('Withhold', 'Support')]
    >>> game.payoffs("Withhold", "Support")   # (0.3 - 0.15, -0.3)
    (0.15, -0.3)
    """
    d_major, d_minor, e, a = _ally_parameters(major_dependence, minor_dependence,
                                              entrapment_cost, realignment)

    def payoff(d: float, mine: int, theirs: int) -> float:   # 0 = Support, 1 = Withhold
        return d * (theirs == 0) - e * (mine == 0) - a * d * (mine == 1)

    A = [[payoff(d_major, i, j) for j in range(2)] for i in range(2)]
    B = [[payoff(d_minor, j, i) for j in range(2)] for i in range(2)]
    return Game(A, B, row_name=ALLIES[0], col_name=ALLIES[1],
                row_labels=(N_("Support"), N_("Withhold")),
                col_labels=(N_("Support"), N_("Withhold")))


def ally_fears(major_dependence: float = 0.3, minor_dependence: float = 0.8, *,
               entrapment_cost: float = 0.3, realignment: float = 0.5) -> AllyFears:
    """Each ally's fear of abandonment (a d_i) and of entrapment (e) in :func:`two_ally_game`.

    Examples
    --------
    >>> fears = ally_fears(0.3, 0.8)
    >>> fears.dominant
    {'Major ally': 'entrapment', 'Minor ally': 'abandonment'}
    """
    d_major, d_minor, e, a = _ally_parameters(major_dependence, minor_dependence,
                                              entrapment_cost, realignment)
    abandonment = {ALLIES[0]: a * d_major, ALLIES[1]: a * d_minor}
    entrapment = {ALLIES[0]: e, ALLIES[1]: e}
    dominant = {}
    for ally in ALLIES:
        gap = abandonment[ally] - entrapment[ally]
        dominant[ally] = ("balanced" if abs(gap) <= TIE_TOLERANCE else
                          "abandonment" if gap > 0 else "entrapment")
    return AllyFears(abandonment, entrapment, dominant)
