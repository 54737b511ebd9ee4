"""A small state between two great powers: align with one, with the other, stay out or hedge.

Walt (1987) asks whether states *balance* against a threat (align with the other side) or
*bandwagon* with it (align with the threatening power). Snyder (1984, 1997) adds what an
ally fears: *abandonment* (the patron does not come when needed) and *entrapment* (being
dragged into a conflict over the patron's interests that one does not share, or shares
only partially). Keohane (1969) stresses that small states feel both more sharply than
great powers, and Kuik (2008) describes *hedging*: a middle position that avoids choosing.
This module is **our formalization** of those verbal arguments; the functional forms and
constants are illustrative, not any of these authors' models.

A small state faces great power A (the nearer threat) and great power B (a distant
patron). All payoffs are in units of the damage A can do to a small state left alone.

* ``threat`` (0 to 1): the expected damage A does to a small state that faces it alone.
* ``reliability`` (0 to 1): the probability that patron B comes to help when needed
  (``1 - reliability`` is the risk of *abandonment*).
* ``entrapment`` (0 to 1): the expected cost of being dragged into the patron's war
  when fully aligned with it.
* ``trade`` (0 to 1): the gain from trading with one great power; a state aligned with
  neither trades with both.

The graded choice ``h`` in [0, 1] is the degree of alignment with B (0 = stay out, 1 = a
full alliance; in between, *hedging*). Its expected utility is the course's commitment
model (:class:`alliances.models.commitment.CommitmentModel`, notebook 3) with

* abandonment term ``threat * reliability * (1 - h)`` (``alpha = 1``): the part of the
  threat that alignment with B can remove, removed in proportion to ``h``;
* entrapment term ``entrapment * h**2`` (``r0 = 0``, ``beta = 2``): being drawn in grows
  faster than alignment itself;
* cost of commitment ``trade * h``: alignment with B costs trade with A;
* ``V = 2 trade - threat (1 - reliability)``: trade with both, less the part of the
  threat no patron removes.

so ``EU(h) = 2 g - t (1 - rho) - t rho (1 - h) - e h**2 - g h`` with ``t`` threat,
``rho`` reliability, ``e`` entrapment, ``g`` trade. Staying out is ``EU(0) = 2 g - t``;
aligning with B is ``EU(1) = g - t (1 - rho) - e``.

The fourth option, **aligning with A** (bandwagoning), keeps trade with A only, still
pays a share ``bandwagon_price`` (default 1/2) of A's threat as the price of protection
by the threatening power itself, and risks entrapment in A's wars:
``U_A = g - bandwagon_price * t - e``.

The best choice is the option with the highest payoff; the best graded ``h*`` comes from
:meth:`CommitmentModel.best` (closed form here: ``h* = (t rho - g) / (2 e)``, clipped to
[0, 1]). It is called *Stay out* if ``h* = 0``, *Align with B* if ``h* = 1`` and *Hedge*
otherwise.

**The game with the patron** (:func:`patron_game`, also our formalization) lets patron B
choose instead of assuming its reliability: B *honours* its commitment (fights A for an
aligned client) or *neglects* it. Against "B honours with probability ``rho``" each option
of the small state pays exactly its payoff above (the payoffs are linear in ``rho``), so
the reliability of the decision model becomes B's mixed strategy, and the equilibria say
which reliabilities B would choose. The normal form fixes hedging at
``h = HEDGE_IN_GAME = 1/2``. B is A's rival: it counts as its loss what A gains from the
small state, A's trade with it (``g (1 - h)``, or ``g`` from a client of A) and what A's
threat extracts (``t (1 - h)`` if B honours, ``t`` if not, ``bandwagon_price * t`` from a
client of A); honouring also draws B into a war with A whose cost we take equal to the
client's entrapment cost, ``e h``. So B gains ``h (t - e)`` by honouring: it honours an
aligned client when the threat exceeds the entrapment cost, neglects it when it is lower,
and is indifferent when the small state stays out or aligns with A (a promise that is
never tested). The equilibria come from the library's solver
(:meth:`alliances.models.games.Game.equilibrium_sets`), which finds them all in these
degenerate games and says when there are infinitely many.

References: Keohane, R. O. (1969), "Lilliputians' Dilemmas: Small States in
International Politics", *International Organization* 23(2); Walt, S. M. (1987), *The
Origins of Alliances*; Snyder, G. H. (1984), "The Security Dilemma in Alliance Politics",
*World Politics* 36(4); Kuik, C.-C. (2008), "The Essence of Hedging", *Contemporary
Southeast Asia* 30(2).

Examples
--------
>>> best_choice(SmallState(threat=0.8, reliability=0.9, entrapment=0.2, trade=0.3)).name
'Align with B'
>>> best_choice(SmallState(threat=0.2, reliability=0.9, entrapment=0.2, trade=0.3)).name
'Stay out'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from alliances._validation import InputError, check_name, check_real
from alliances.i18n import _, N_, number, percent
from alliances.models.commitment import CommitmentModel
from alliances.models.games import Game, format_probability

__all__ = ["OPTIONS", "PARAMETERS", "SmallState", "Choice", "best_choice", "option_values",
           "choice_map", "SMALL_STATE_PRESETS", "PATRON_OPTIONS", "HEDGE_IN_GAME",
           "patron_game", "PatronEquilibria", "patron_equilibria"]

#: The small state's options, in the order used by :func:`choice_map` (codes 0 to 3).
OPTIONS = (N_("Align with A"), N_("Align with B"), N_("Stay out"), N_("Hedge"))
#: The four parameters a student moves, each in [0, 1].
PARAMETERS = ("threat", "reliability", "entrapment", "trade")
#: Tolerance under which two payoffs count as equal (a tie).
_TIE = 1e-9

#: Named parameter sets (illustrative, not measurements).
SMALL_STATE_PRESETS: dict[str, dict[str, float]] = {
    "Cold War ally: big threat, reliable patron": dict(threat=0.8, reliability=0.9,
                                                       entrapment=0.2, trade=0.2),
    "Bebas-aktif: moderate threat, trade with both": dict(threat=0.4, reliability=0.6,
                                                          entrapment=0.3, trade=0.3),
    "Hedging: threat rising, patron half-reliable": dict(threat=0.8, reliability=0.6,
                                                         entrapment=0.3, trade=0.3),
    "No patron to trust: bandwagon": dict(threat=0.9, reliability=0.1, entrapment=0.1,
                                          trade=0.3),
}


@dataclass(frozen=True)
class SmallState:
    """The parameters of the small-state model (our formalization), each checked.

    Parameters
    ----------
    threat : float
        Expected damage from great power A to a state facing it alone, in [0, 1].
    reliability : float
        Probability that patron B helps when needed, in [0, 1].
    entrapment : float
        Expected cost of being dragged into the patron's war when fully aligned, [0, 1].
    trade : float
        Gain from trading with one great power, in [0, 1].
    bandwagon_price : float
        Share of A's threat a client of A still bears, in [0, 1] (default 1/2).

    Examples
    --------
    >>> SmallState(threat=0.5).replace(trade=0.1).trade
    0.1
    >>> SmallState(threat=2)
    Traceback (most recent call last):
    ...
    alliances.InputError: threat must be <= 1; got 2.0
    """

    threat: float = 0.4
    reliability: float = 0.6
    entrapment: float = 0.3
    trade: float = 0.3
    bandwagon_price: float = 0.5

    def __post_init__(self) -> None:
        for name in (*PARAMETERS, "bandwagon_price"):
            object.__setattr__(self, name, check_real(getattr(self, name), name,
                                                      minimum=0, maximum=1))

    def replace(self, **changes: float) -> SmallState:
        """A copy with some parameters changed (checked again).

        Examples
        --------
        >>> SmallState().replace(threat=0.9).threat
        0.9
        """
        names = [f.name for f in dataclasses.fields(self)]
        unknown = sorted(set(changes) - set(names))
        if unknown:
            raise ValueError(_("unknown parameter(s) {unknown}; the parameters are "
                               "{names}").format(unknown=unknown, names=names))
        return dataclasses.replace(self, **changes)

    def commitment_model(self) -> CommitmentModel:
        """The graded choice ``h`` as the course's commitment model (see the module).

        Examples
        --------
        >>> m = SmallState(threat=0.5, reliability=0.8, entrapment=0.2, trade=0.1)
        >>> m.commitment_model().expected_utility([0.0, 1.0]).round(3).tolist()
        [-0.3, -0.3]
        """
        t, rho, e, g = self.threat, self.reliability, self.entrapment, self.trade
        return CommitmentModel(L_A=1.0, p_A=t * rho, alpha=1.0, L_E=1.0, p_E=e, r0=0.0,
                               beta=2.0, k=g, V=2 * g - t * (1 - rho))

    def bandwagon_value(self) -> float:
        """``U_A = trade - bandwagon_price * threat - entrapment``.

        Examples
        --------
        >>> SmallState(threat=0.8, reliability=0.1, entrapment=0.1, trade=0.3).bandwagon_value()
        -0.2
        """
        return float(round(self.trade - self.bandwagon_price * self.threat - self.entrapment,
                           15))


@dataclass(frozen=True)
class Choice:
    """The small state's best option.

    Attributes
    ----------
    name : str
        One of :data:`OPTIONS`.
    h_star : float
        Best degree of alignment with B on the graded scale (0 = stay out, 1 = ally).
    values : dict
        Payoff of each option: ``Align with A``, ``Align with B`` (h = 1), ``Stay out``
        (h = 0) and ``Hedge`` (at ``h_star``; equal to a corner's when ``h_star`` is one).
    ties : tuple of str
        Every option whose payoff equals the best (more than one when the state is
        indifferent).

    Examples
    --------
    >>> choice = best_choice(SmallState(threat=0.8, reliability=0.6, entrapment=0.3,
    ...                                 trade=0.3))
    >>> choice.name, round(choice.h_star, 2)
    ('Hedge', 0.3)
    """

    name: str
    h_star: float
    values: dict[str, float]
    ties: tuple[str, ...]

    def sentence(self) -> str:
        """One sentence for a reader (and a screen reader).

        Examples
        --------
        >>> best_choice(SmallState(threat=0.8, reliability=0.6, entrapment=0.3,
        ...                        trade=0.3)).sentence()
        'Best choice: Hedge, aligning 30% of the way with B (payoff -0.17).'
        """
        value = self.values[self.name]
        tie = (_(" (tied with {options})").format(
                   options=", ".join(_(t) for t in self.ties if t != self.name))
               if len(self.ties) > 1 else "")
        if self.name == "Hedge":
            return _("Best choice: Hedge, aligning {share} of the way with B (payoff "
                     "{value}){tie}.").format(share=percent(100 * self.h_star, 0),
                                              value=number(value, ".2f"), tie=tie)
        return _("Best choice: {option} (payoff {value}){tie}.").format(
            option=_(self.name), value=number(value, ".2f"), tie=tie)


def option_values(model: SmallState) -> tuple[dict[str, float], float]:
    """The payoff of each option and the best degree of alignment ``h*`` with B.

    Parameters
    ----------
    model : SmallState

    Returns
    -------
    (dict, float)
        Payoffs keyed by :data:`OPTIONS`; ``h*`` from :meth:`CommitmentModel.best`.

    Examples
    --------
    >>> values, h = option_values(SmallState(threat=0.8, reliability=0.6, entrapment=0.3,
    ...                                      trade=0.3))
    >>> {k: round(v, 3) for k, v in values.items()}, round(h, 3)
    ({'Align with A': -0.4, 'Align with B': -0.32, 'Stay out': -0.2, 'Hedge': -0.173}, 0.3)
    """
    if not isinstance(model, SmallState):
        raise TypeError(_("model must be a SmallState; got {kind}").format(
                          kind=type(model).__name__))
    commitment = model.commitment_model()
    result = commitment.best()
    h_star = float(result.c_star)
    eu = commitment.expected_utility
    values = {"Align with A": model.bandwagon_value(),
              "Align with B": float(eu(1.0)),
              "Stay out": float(eu(0.0)),
              "Hedge": float(eu(h_star))}
    return values, h_star


def best_choice(model: SmallState) -> Choice:
    """The small state's best option (our formalization; see the module docstring).

    *Hedge* is reported only when the best degree of alignment lies strictly between 0
    and 1; otherwise the graded choice is a corner (*Stay out* or *Align with B*).

    Examples
    --------
    >>> c = best_choice(SmallState(threat=0.9, reliability=0.1, entrapment=0.1, trade=0.3))
    >>> c.name, round(c.values[c.name], 3)
    ('Align with A', -0.2)
    """
    values, h_star = option_values(model)
    graded = ("Stay out" if h_star <= _TIE else "Align with B" if h_star >= 1 - _TIE
              else "Hedge")
    candidates = {"Align with A": values["Align with A"], graded: values["Hedge"]}
    best_value = max(candidates.values())
    ties = tuple(name for name in OPTIONS
                 if name in candidates and best_value - candidates[name] <= _TIE)
    name = graded if graded in ties else "Align with A"
    if graded != "Hedge":
        values = {**values, "Hedge": values[graded]}
    return Choice(name=name, h_star=h_star, values=values, ties=ties)


def choice_map(x: str = "threat", y: str = "reliability", model: SmallState | None = None,
               n: int = 101) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The best option over a grid of two parameters, the others as in ``model``.

    Parameters
    ----------
    x, y : str
        Two different names from :data:`PARAMETERS`.
    model : SmallState, optional
        The other parameters (default :class:`SmallState()`).
    n : int
        Grid points per axis, 3 to 401.

    Returns
    -------
    (xs, ys, codes)
        ``codes[i, j]`` is the index in :data:`OPTIONS` of the best option at
        ``(xs[j], ys[i])`` (a tie goes to the graded option, as in :func:`best_choice`).

    Examples
    --------
    >>> xs, ys, codes = choice_map(n=3)
    >>> codes.tolist()
    [[2, 2, 2], [2, 2, 3], [2, 3, 1]]
    >>> choice_map("threat", "threat")
    Traceback (most recent call last):
    ...
    ValueError: x and y must be two different parameters; got 'threat' twice
    """
    x = check_name(x, "x")
    y = check_name(y, "y")
    for value, name in ((x, "x"), (y, "y")):
        if value not in PARAMETERS:
            raise ValueError(_("{name} must be one of {parameters}; got {value}").format(
                               name=name, parameters=PARAMETERS, value=repr(value)))
    if x == y:
        raise ValueError(_("x and y must be two different parameters; got {x} twice").format(
                           x=repr(x)))
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 3 <= n <= 401:
        raise ValueError(_("n must be an integer from 3 to 401; got {n}").format(n=repr(n)))
    model = SmallState() if model is None else model
    if not isinstance(model, SmallState):
        raise TypeError(_("model must be a SmallState or None; got {kind}").format(
                          kind=type(model).__name__))
    xs = np.linspace(0.0, 1.0, n)
    ys = np.linspace(0.0, 1.0, n)
    grid = {name: np.full((n, n), float(getattr(model, name))) for name in PARAMETERS}
    grid[x], grid[y] = np.meshgrid(xs, ys)
    return xs, ys, _codes(grid["threat"], grid["reliability"], grid["entrapment"],
                          grid["trade"], model.bandwagon_price)


def _codes(t: np.ndarray, rho: np.ndarray, e: np.ndarray, g: np.ndarray,
           price: float) -> np.ndarray:
    """Vectorised :func:`best_choice` (closed form of the same model; a test compares the
    two): ``h* = clip((t rho - g) / (2 e), 0, 1)``, a corner when ``e = 0``."""
    slope = t * rho - g
    with np.errstate(divide="ignore", invalid="ignore"):
        interior = np.clip(slope / (2.0 * e), 0.0, 1.0)
    h = np.where(e > 0, interior, (slope > 0).astype(float))
    graded = 2 * g - t * (1 - rho) - t * rho * (1 - h) - e * h**2 - g * h
    bandwagon = g - price * t - e
    code = np.where(h <= _TIE, OPTIONS.index("Stay out"),
                    np.where(h >= 1 - _TIE, OPTIONS.index("Align with B"),
                             OPTIONS.index("Hedge")))
    return np.where(bandwagon > graded + _TIE, OPTIONS.index("Align with A"), code)


#: The patron's strategies in :func:`patron_game`: honour or neglect its commitment.
PATRON_OPTIONS = (N_("Honour"), N_("Neglect"))
#: The degree of alignment with B that *Hedge* stands for in :func:`patron_game`.
HEDGE_IN_GAME = 0.5
#: Decimals kept in the game's payoffs, so that ties the formulas make (``t = e``, or an
#: option that does not depend on B) are exact ties for the solver, not float noise.
_DECIMALS = 12


def _check_model(model: object) -> SmallState:
    if not isinstance(model, SmallState):
        raise InputError(_("model must be a SmallState; got {kind}").format(
            kind=type(model).__name__))
    return model


def patron_game(model: SmallState) -> Game:
    """The small state against patron B as a normal-form game (our formalization).

    Rows: :data:`OPTIONS` (*Hedge* is the alignment ``h = 1/2``); columns:
    :data:`PATRON_OPTIONS`. The small state's payoffs are those of the decision model with
    B's reliability 1 (*Honour*) or 0 (*Neglect*); B's are minus what A gains from the
    small state, less the cost ``e h`` of the war it fights when it honours (see the
    module docstring). The parameter ``reliability`` is not used: in the game it is B's
    choice.

    Parameters
    ----------
    model : SmallState

    Returns
    -------
    Game
        Row player "Small state", column player "Patron B".

    Examples
    --------
    >>> game = patron_game(SmallState(threat=0.8, entrapment=0.3, trade=0.3))
    >>> game.A.tolist()          # the small state: honour, neglect
    [[-0.4, -0.4], [0.0, -0.8], [-0.2, -0.2], [-0.025, -0.425]]
    >>> game.B.tolist()          # patron B
    [[-0.7, -0.7], [-0.3, -0.8], [-1.1, -1.1], [-0.7, -0.95]]
    >>> game.pure_equilibria()
    [('Align with B', 'Honour'), ('Stay out', 'Neglect')]
    """
    model = _check_model(model)
    t, e, g = model.threat, model.entrapment, model.trade
    honoured = model.replace(reliability=1.0).commitment_model().expected_utility
    neglected = model.replace(reliability=0.0).commitment_model().expected_utility
    degrees = {"Align with B": 1.0, "Stay out": 0.0, "Hedge": HEDGE_IN_GAME}
    small, patron = [], []
    for name in OPTIONS:
        if name == "Align with A":
            small.append([model.bandwagon_value()] * 2)
            patron.append([-g - model.bandwagon_price * t] * 2)
            continue
        h = degrees[name]
        small.append([float(honoured(h)), float(neglected(h))])
        patron.append([-g * (1 - h) - t * (1 - h) - e * h, -g * (1 - h) - t])
    return Game(np.round(small, _DECIMALS), np.round(patron, _DECIMALS),
                row_name="Small state", col_name="Patron B", row_labels=OPTIONS,
                col_labels=PATRON_OPTIONS)


@dataclass(frozen=True)
class PatronEquilibria:
    """The equilibria of :func:`patron_game`, one entry per maximal set.

    Attributes
    ----------
    game : Game
        The game solved.
    small_state : tuple of tuple of dict
        For each set, the small state's extreme strategies, each as ``{option:
        probability}`` (several when it is indifferent: any mix of them belongs to the set).
    honour : tuple of (float, float)
        For each set, the lowest and the highest probability that B honours: every
        probability between belongs to the set.
    infinitely_many : bool
        Whether the game has a continuum of equilibria.

    Examples
    --------
    >>> result = patron_equilibria(SmallState())
    >>> result.small_state, result.honour, result.infinitely_many
    ((({'Stay out': 1.0},),), ((0.0, 1.0),), True)
    """

    game: Game
    small_state: tuple[tuple[dict[str, float], ...], ...]
    honour: tuple[tuple[float, float], ...]
    infinitely_many: bool

    def sentence(self) -> str:
        """One sentence for a reader (and a screen reader).

        Examples
        --------
        >>> print(patron_equilibria(SmallState(threat=0.8, reliability=0.9, entrapment=0.2,
        ...                                    trade=0.2)).sentence())
        Game with patron B, infinitely many equilibria: any mix of Align with A and Stay out \
while B honours with any probability from 0.00 to 0.38; Align with B while B honours.
        """
        count = (_("infinitely many equilibria") if self.infinitely_many else
                 _("one equilibrium") if len(self.honour) == 1 else
                 _("{n} equilibria").format(n=len(self.honour)))
        parts = [_honour_text(_strategies_text(vertices), low, high)
                 for vertices, (low, high) in zip(self.small_state, self.honour)]
        return _("Game with patron B, {count}: {sets}.").format(count=count,
                                                                 sets="; ".join(parts))


def _strategy_text(strategy: dict[str, float]) -> str:
    if len(strategy) == 1:
        return _(next(iter(strategy)))
    return ", ".join(f"{_(name)} {format_probability(p)}" for name, p in strategy.items())


def _strategies_text(vertices: tuple[dict[str, float], ...]) -> str:
    words = [_strategy_text(v) for v in vertices]
    if len(words) == 1:
        return words[0]
    if all(len(v) == 1 for v in vertices):
        return _("any mix of {strategies} and {last}").format(
            strategies=", ".join(words[:-1]), last=words[-1])
    return _("any strategy between {strategies} and {last}").format(
        strategies=", ".join(f"[{w}]" for w in words[:-1]), last=f"[{words[-1]}]")


def _honour_text(strategy: str, low: float, high: float) -> str:
    if high - low > _TIE:
        return _("{strategy} while B honours with any probability from {low} to "
                 "{high}").format(strategy=strategy, low=number(low, ".2f"),
                                  high=number(high, ".2f"))
    if low >= 1 - _TIE:
        return _("{strategy} while B honours").format(strategy=strategy)
    if high <= _TIE:
        return _("{strategy} while B neglects").format(strategy=strategy)
    return _("{strategy} while B honours with probability {p}").format(
        strategy=strategy, p=number(low, ".2f"))


def patron_equilibria(model: SmallState) -> PatronEquilibria:
    """All equilibria of the game with the patron, from the library's solver.

    Each maximal set of equilibria (:meth:`Game.equilibrium_sets`) pairs any mix of the
    small state's listed strategies with any probability of honouring between B's lowest
    and highest; a set with more than one point means infinitely many equilibria.

    Parameters
    ----------
    model : SmallState

    Returns
    -------
    PatronEquilibria

    Examples
    --------
    >>> result = patron_equilibria(SmallState(threat=0.8, entrapment=0.3, trade=0.3))
    >>> result.honour
    ((1.0, 1.0), (0.0, 0.5625))
    >>> print(result.sentence())
    Game with patron B, infinitely many equilibria: Align with B while B honours; Stay out \
while B honours with any probability from 0.00 to 0.56.
    """
    game = patron_game(model)
    small, honour = [], []
    for rows, columns in game.equilibrium_sets():
        small.append(tuple({name: float(p) for name, p in zip(OPTIONS, x) if p > 0}
                           for x in rows))
        chances = [float(y[0]) for y in columns]
        honour.append((min(chances), max(chances)))
    return PatronEquilibria(game=game, small_state=tuple(small), honour=tuple(honour),
                            infinitely_many=game.has_infinitely_many_equilibria)
