"""The shadow of the future: repeated play of the alliance game.

When two states meet again and again, each weighs the next round by a *discount factor*
delta in [0, 1) (patience, or the chance that the relationship continues). Mutual
cooperation (in the alliance game: mutual abstention; inside an alliance: mutual support) can
then be sustained by the threat of what follows a defection:

* **grim trigger** (cooperate until the other defects, then defect for ever) sustains it
  when ``delta >= (T - R) / (T - P)``;
* **tit-for-tat** (cooperate first, then copy the other's last move) when
  ``delta >= max((T - R) / (T - P), (T - R) / (R - S))``.

Both are conditions for a Nash equilibrium of the repeated game with payoffs summed with
weights 1, delta, delta^2, ... (see the functions for the derivations and the deviations
checked). A small seeded simulation (:func:`play`, :func:`tournament`) and nashpy's
replicator dynamics (:func:`replicator`) show reciprocity at work in a population.

References
----------
Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.
Osborne, M. J. (2004). *An Introduction to Game Theory*, ch. 14-15. Oxford University Press.

Examples
--------
>>> grim_trigger_threshold(T=4, R=3, P=2, S=1), tit_for_tat_threshold(T=4, R=3, P=2, S=1)
(0.5, 0.5)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliances._validation import check_array, check_real
from alliances.i18n import _, N_, number
from alliances.models.games import format_probability

__all__ = ["grim_trigger_threshold", "tit_for_tat_threshold", "Sustainability",
           "sustainability", "average_values", "STRATEGIES", "play", "tournament",
           "replicator"]




def _check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(_("seed must be an integer; got {seed}").format(seed=repr(seed)))
    if not 0 <= seed < 2**32:
        raise ValueError(_("seed must be between 0 and 2**32 - 1; got {seed}").format(seed=seed))
    return int(seed)


def _check_names(names: object) -> list[str]:
    if isinstance(names, (str, bytes)) or not isinstance(names, Sequence) or not names:
        raise TypeError(_("names must be a non-empty list of strategy names; got {names}").format(
                          names=format(repr(names), ".80")))
    for name in names:
        _check_strategy(name, "names")
    return list(names)


def _payoffs(T: float, R: float, P: float, S: float) -> tuple[float, float, float, float]:
    return tuple(check_real(v, n) for v, n in ((T, "T"), (R, "R"), (P, "P"), (S, "S")))


def _check_common(t: float, r: float, p: float) -> None:
    if t <= r:
        raise ValueError(_("no temptation: T = {t} <= R = {r}, so cooperating is "
                           "already the best reply to cooperation; mutual cooperation "
                           "needs no shadow of the future (any discount factor works) "
                           "and there is no threshold").format(
                           t=number(t, "g"), r=number(r, "g")))
    if r <= p:
        raise ValueError(_("R = {r} <= P = {p}: mutual defection pays at least as much "
                           "as mutual cooperation, so the threat of defection deters "
                           "nothing and no discount factor below 1 sustains cooperation").format(
                           r=number(r, "g"), p=number(p, "g")))


def grim_trigger_threshold(T: float, R: float, P: float, S: float) -> float:
    """The smallest discount factor at which grim trigger sustains mutual cooperation.

    Derivation. Cooperating for ever pays R + δR + δ²R + ... = R / (1 − δ). The best
    deviation against grim trigger is to defect now and, since the other then defects for
    ever and P >= S, to keep defecting: T + δP / (1 − δ). Cooperation is a best reply iff
    R / (1 − δ) >= T + δP / (1 − δ), that is iff δ >= (T − R) / (T − P).

    Parameters
    ----------
    T, R, P, S : float
        Temptation, reward, punishment, sucker's payoff, with T > R > P and P >= S.

    Returns
    -------
    float
        (T − R) / (T − P), in (0, 1).

    Raises
    ------
    ValueError
        If T <= R (no temptation: no threshold is needed), R <= P (no threat) or S > P
        (mutual defection is not an equilibrium of the one-shot game, so grim trigger's
        punishment is not credible and this formula does not apply).

    Examples
    --------
    >>> grim_trigger_threshold(T=5, R=3, P=1, S=0)
    0.5
    >>> grim_trigger_threshold(T=3, R=4, P=2, S=1)
    Traceback (most recent call last):
    ...
    ValueError: no temptation: T = 3 <= R = 4, so cooperating is already the best reply to cooperation; mutual cooperation needs no shadow of the future (any discount factor works) and there is no threshold
    """
    t, r, p, s = _payoffs(T, R, P, S)
    _check_common(t, r, p)
    if s > p:
        raise ValueError(_("S = {s} > P = {p}: against a partner who defects for ever, "
                           "cooperating pays more than defecting, so grim trigger's "
                           "punishment (mutual defection for ever) is not credible; the "
                           "threshold (T - R) / (T - P) assumes a prisoner's-dilemma "
                           "ordering with P >= S").format(s=number(s, "g"), p=number(p, "g")))
    return (t - r) / (t - p)


def tit_for_tat_threshold(T: float, R: float, P: float, S: float) -> float:
    """The smallest discount factor at which tit-for-tat sustains mutual cooperation.

    Derivation. Against tit-for-tat, the other's next move is one's own last move, so a
    best reply solves a decision problem with two states (tit-for-tat is about to
    cooperate, or to defect), and a stationary policy is optimal. From the cooperative
    state there are exactly two stationary ways to deviate:

    * defect for ever: T, P, P, ... worth T + δP / (1 − δ), which does not beat
      R / (1 − δ) iff δ >= (T − R) / (T − P);
    * alternate, defect then cooperate: T, S, T, S, ... worth (T + δS) / (1 − δ²), which
      does not beat R / (1 − δ) iff δ >= (T − R) / (R − S).

    Every other policy cooperates for ever from the cooperative state. So tit-for-tat
    against tit-for-tat is a Nash equilibrium iff δ >= max of the two (Axelrod 1984).

    Parameters
    ----------
    T, R, P, S : float
        With T > R > P.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If T <= R (no temptation), R <= P (no threat), or T + S >= 2R (taking turns to
        exploit each other pays at least as much as cooperating, at every δ < 1).

    Examples
    --------
    >>> tit_for_tat_threshold(T=5, R=3, P=1, S=0)      # alternation binds: 2/3 > 1/2
    0.666...
    >>> tit_for_tat_threshold(T=6, R=3, P=2, S=1)
    Traceback (most recent call last):
    ...
    ValueError: T + S = 7 >= 2R = 6: taking turns to exploit each other (T, S, T, S, ...) pays at least as much as mutual cooperation at every discount factor below 1, so tit-for-tat cannot sustain cooperation
    """
    t, r, p, s = _payoffs(T, R, P, S)
    _check_common(t, r, p)
    if t + s >= 2 * r:
        raise ValueError(_("T + S = {t_plus_s} >= 2R = {two_r}: taking turns to exploit "
                           "each other (T, S, T, S, ...) pays at least as much as "
                           "mutual cooperation at every discount factor below 1, so "
                           "tit-for-tat cannot sustain cooperation").format(
                           t_plus_s=number(t + s, "g"), two_r=number(2 * r, "g")))
    return max((t - r) / (t - p), (t - r) / (r - s))


@dataclass(frozen=True)
class Sustainability:
    """Whether grim trigger and tit-for-tat sustain cooperation at one discount factor.

    Attributes
    ----------
    T, R, P, S, delta : float
    grim, tit_for_tat : float or None
        The thresholds, None where undefined.
    grim_reason, tit_for_tat_reason : str
        Why a threshold is undefined ("" when defined).

    Examples
    --------
    >>> result = sustainability(T=4, R=3, P=2, S=1, delta=0.4)
    >>> result.grim, result.grim_sustains
    (0.5, False)
    """

    T: float
    R: float
    P: float
    S: float
    delta: float
    grim: float | None
    tit_for_tat: float | None
    grim_reason: str
    tit_for_tat_reason: str

    @property
    def grim_sustains(self) -> bool:
        """Whether grim trigger sustains cooperation at ``delta``."""
        return self.grim is not None and self.delta >= self.grim - 1e-12

    @property
    def tit_for_tat_sustains(self) -> bool:
        """Whether tit-for-tat sustains cooperation at ``delta``."""
        return self.tit_for_tat is not None and self.delta >= self.tit_for_tat - 1e-12

    def sentence(self, cooperation: str = N_("mutual abstention")) -> str:
        """One sentence for students.

        Examples
        --------
        >>> print(sustainability(4, 3, 2, 1, 0.6).sentence())
        With δ = 0.6, mutual abstention is sustained by grim trigger (it needs δ ≥ 1/2) and by tit-for-tat (it needs δ ≥ 1/2).
        """
        parts = []
        for name, value, ok, reason in (
                (_("grim trigger"), self.grim, self.grim_sustains, self.grim_reason),
                (_("tit-for-tat"), self.tit_for_tat, self.tit_for_tat_sustains,
                 self.tit_for_tat_reason)):
            if value is None:
                parts.append((False, _("{strategy} (never: {reason})").format(
                    strategy=name, reason=reason.split(":")[0])))
            else:
                parts.append((ok, _("{strategy} (it needs δ ≥ {delta})").format(
                    strategy=name, delta=format_probability(value))))
        held = [text for ok, text in parts if ok]
        failed = [text for ok, text in parts if not ok]
        if held and failed:
            text = _("With δ = {delta}, {cooperation} is sustained by {first} but not by "
                     "{second}.")
            first, second = held[0], failed[0]
        elif held:
            text = _("With δ = {delta}, {cooperation} is sustained by {first} and by {second}.")
            first, second = held
        else:
            text = _("With δ = {delta}, {cooperation} is sustained neither by {first} nor by "
                     "{second}.")
            first, second = failed
        shown = _(cooperation) if isinstance(cooperation, str) else cooperation
        return text.format(delta=number(self.delta, "g"), cooperation=shown,
                           first=first, second=second)


def sustainability(T: float, R: float, P: float, S: float, delta: float) -> Sustainability:
    """Both thresholds and whether they hold at ``delta``; never raises for valid numbers.

    Examples
    --------
    >>> result = sustainability(T=6, R=3, P=2, S=1, delta=0.9)
    >>> result.grim, result.tit_for_tat, result.grim_sustains
    (0.75, None, True)
    """
    t, r, p, s = _payoffs(T, R, P, S)
    d = check_real(delta, "delta", minimum=0, maximum=1, allow_equal_max=False)
    values, reasons = [], []
    for function in (grim_trigger_threshold, tit_for_tat_threshold):
        try:
            values.append(function(t, r, p, s))
            reasons.append("")
        except ValueError as error:
            values.append(None)
            reasons.append(str(error))
    return Sustainability(t, r, p, s, d, values[0], values[1], reasons[0], reasons[1])


def average_values(T: float, R: float, P: float, S: float, delta: object) -> dict[str,
                                                                                np.ndarray]:
    """Average payoff per round, (1 − δ) × the discounted sum, of cooperation and deviations.

    Parameters
    ----------
    T, R, P, S : float
    delta : float or array_like
        Discount factors in [0, 1).

    Returns
    -------
    dict
        "cooperate": R; "defect for ever" (against grim trigger or tit-for-tat):
        (1 − δ)T + δP; "alternate" (against tit-for-tat): (T + δS) / (1 + δ).

    Examples
    --------
    >>> values = average_values(4, 3, 2, 1, [0.0, 0.5])
    >>> {k: v.tolist() for k, v in values.items()}
    {'cooperate': [3.0, 3.0], 'defect for ever': [4.0, 3.0], 'alternate': [4.0, 3.0]}
    """
    t, r, p, s = _payoffs(T, R, P, S)
    d = check_array(delta, "delta")
    if not np.all(np.isfinite(d)) or np.any(d < 0) or np.any(d >= 1):
        raise ValueError(_("delta must lie in [0, 1); got {delta}").format(delta=repr(delta)))
    return {"cooperate": np.full_like(d, r), "defect for ever": (1 - d) * t + d * p,
            "alternate": (t + d * s) / (1 + d)}


# ------------------------------------------------------------------ simulation
Strategy = Callable[[list[int], list[int]], int]


def _always_cooperate(own: list[int], other: list[int]) -> int:
    return 0


def _always_defect(own: list[int], other: list[int]) -> int:
    return 1


def _grim(own: list[int], other: list[int]) -> int:
    return 1 if 1 in other else 0


def _tit_for_tat(own: list[int], other: list[int]) -> int:
    return other[-1] if other else 0


#: Strategies of the repeated alliance game: move 0 = Abstain (cooperate), 1 = Ally.
STRATEGIES: dict[str, Strategy] = {
    "Always abstain": _always_cooperate,
    "Always ally": _always_defect,
    "Grim trigger": _grim,
    "Tit-for-tat": _tit_for_tat,
}


@dataclass(frozen=True)
class _Match:
    """The record of one repeated game between two strategies.

    Attributes
    ----------
    names : (str, str)
    moves : ndarray, shape (rounds, 2)
        0 = abstain (cooperate), 1 = ally (defect), after any trembles.
    payoffs : ndarray, shape (rounds, 2)
    values : (float, float)
        Each side's discounted average payoff, (1 − δ) / (1 − δ^rounds) × Σ δ^t u_t.
    """

    names: tuple[str, str]
    moves: np.ndarray
    payoffs: np.ndarray
    values: tuple[float, float]

    def timeline(self, symbols: str = "AY") -> list[str]:
        """Each side's moves as a line of text: A = abstain, Y = ally (by default).

        Examples
        --------
        >>> for line in play("Tit-for-tat", "Always ally", rounds=5).timeline():
        ...     print(line)
        Tit-for-tat  AYYYY
        Always ally  YYYYY
        """
        if not isinstance(symbols, str) or len(symbols) != 2:
            raise ValueError(_("symbols must be two characters (cooperate, defect); got "
                               "{symbols}").format(symbols=repr(symbols)))
        width = max(len(name) for name in self.names)
        return [f"{name:<{width}}  " + "".join(symbols[m] for m in self.moves[:, side])
                for side, name in enumerate(self.names)]


def _check_strategy(name: object, label: str) -> Strategy:
    if not isinstance(name, str) or name not in STRATEGIES:
        raise ValueError(_("{label} must be one of {strategies}; got {name}").format(
                           label=label, strategies=list(STRATEGIES), name=repr(name)))
    return STRATEGIES[name]


def play(first: str, second: str, T: float = 4, R: float = 3, P: float = 2, S: float = 1, *,
         delta: float = 0.9, rounds: int = 50, noise: float = 0.0, seed: int = 0) -> _Match:
    """Play a repeated game between two strategies, with optional trembles.

    Parameters
    ----------
    first, second : str
        Names from :data:`STRATEGIES`.
    T, R, P, S : float
        The stage game.
    delta : float
        The discount factor used to average the payoffs, in [0, 1).
    rounds : int
        Number of rounds (1 to 10 000).
    noise : float
        Probability that a move comes out the opposite of what was intended (a mistake or
        a misperception), in [0, 0.5].
    seed : int
        Seed of the random generator: the same seed gives the same match.

    Returns
    -------
    _Match

    Examples
    --------
    >>> match = play("Tit-for-tat", "Always ally", rounds=4)
    >>> match.moves.tolist()
    [[0, 1], [1, 1], [1, 1], [1, 1]]
    >>> match.payoffs[:, 0].tolist()
    [1.0, 2.0, 2.0, 2.0]
    """
    strategies = (_check_strategy(first, "first"), _check_strategy(second, "second"))
    t, r, p, s = _payoffs(T, R, P, S)
    d = check_real(delta, "delta", minimum=0, maximum=1, allow_equal_max=False)
    if isinstance(rounds, bool) or not isinstance(rounds, (int, np.integer)) or not (
            1 <= rounds <= 10_000):
        raise ValueError(_("rounds must be an integer from 1 to 10000; got {rounds}").format(
                           rounds=repr(rounds)))
    eps = check_real(noise, "noise", minimum=0, maximum=0.5)
    rng = np.random.default_rng(_check_seed(seed))
    table = np.array([[r, s], [t, p]])
    history: tuple[list[int], list[int]] = ([], [])
    payoffs = np.zeros((rounds, 2))
    for k in range(rounds):
        intended = [strategies[0](history[0], history[1]), strategies[1](history[1], history[0])]
        flips = rng.random(2) < eps
        moves = [m ^ int(f) for m, f in zip(intended, flips)]
        history[0].append(moves[0])
        history[1].append(moves[1])
        payoffs[k] = table[moves[0], moves[1]], table[moves[1], moves[0]]
    weights = d ** np.arange(rounds)
    values = tuple(float(v) for v in weights @ payoffs / weights.sum())
    return _Match((first, second), np.array(history).T, payoffs, values)  # type: ignore[arg-type]


def tournament(names: Sequence[str] | None = None, T: float = 4, R: float = 3, P: float = 2,
               S: float = 1, *, delta: float = 0.9, rounds: int = 50, noise: float = 0.0,
               seed: int = 0) -> pd.DataFrame:
    """Each strategy's discounted average payoff against each other (a round robin).

    Parameters
    ----------
    names : sequence of str, optional
        Strategies from :data:`STRATEGIES`; all of them by default.
    T, R, P, S, delta, rounds, noise : see :func:`play`
    seed : int
        Match (i, j) uses the seed ``seed + 1000 * i + j``, so the table is reproducible.

    Returns
    -------
    DataFrame, n x n
        Row i, column j: the payoff of strategy i against strategy j.

    Examples
    --------
    >>> tournament(["Always ally", "Tit-for-tat"], delta=0.5, rounds=60).round(3)
                 Always ally  Tit-for-tat
    Always ally          2.0          3.0
    Tit-for-tat          1.5          3.0
    """
    names = list(STRATEGIES) if names is None else _check_names(names)
    seed = _check_seed(seed)
    if seed + 1000 * len(names) >= 2**32:
        raise ValueError(_("seed must leave room for one seed per match; got {seed}").format(
                           seed=seed))
    table = np.zeros((len(names), len(names)))
    for i, first in enumerate(names):
        for j, second in enumerate(names):
            table[i, j] = play(first, second, T, R, P, S, delta=delta, rounds=rounds,
                               noise=noise, seed=seed + 1000 * i + j).values[0]
    return pd.DataFrame(table, index=names, columns=names)


def replicator(table: object, shares: Sequence[float], timepoints: object) -> np.ndarray:
    """Replicator dynamics of a population playing the symmetric game ``table`` (nashpy).

    Each strategy's share grows in proportion to how much its payoff exceeds the
    population's average.

    Parameters
    ----------
    table : array_like, shape (n, n)
        Payoffs of each strategy against each (from :func:`tournament`).
    shares : sequence of float
        Initial population shares, one per strategy, summing to 1.
    timepoints : array_like
        Increasing times at which to report the shares.

    Returns
    -------
    ndarray, shape (len(timepoints), n)

    Examples
    --------
    Always ally against tit-for-tat with δ = 0.5: allying takes over.

    >>> table = [[2.0, 3.0], [1.5, 3.0]]     # from the tournament example
    >>> replicator(table, [0.5, 0.5], [0, 20])[-1].round(3).tolist()
    [1.0, 0.0]
    """
    a = _check_table(table)
    y0 = _check_shares(shares, a.shape[0])
    times = _check_timepoints(timepoints)
    import nashpy  # here, not at the top: only this function needs it

    return nashpy.Game(a).replicator_dynamics(y0=y0, timepoints=times)


def _check_table(table: object) -> np.ndarray:
    """A square table of finite payoffs, at most 20 strategies."""
    a = check_array(table, "table")
    if a.ndim != 2 or a.shape[0] != a.shape[1] or not a.size or not np.all(np.isfinite(a)) \
            or a.shape[0] > 20:
        raise ValueError(_("table must be a square table of finite payoffs (at most 20 "
                           "strategies); got {table}").format(table=format(repr(table), ".80")))
    return a


def _check_shares(shares: object, n: int) -> np.ndarray:
    """``n`` non-negative population shares summing to 1."""
    y0 = check_array(shares, "shares")
    if y0.shape != (n,) or not np.all(np.isfinite(y0)) or np.any(y0 < 0) or \
            abs(y0.sum() - 1) > 1e-9:
        raise ValueError(_("shares must be {n} non-negative numbers summing to 1; got "
                           "{shares}").format(n=n, shares=format(repr(shares), ".80")))
    return y0


def _check_timepoints(timepoints: object) -> np.ndarray:
    """2 to 10 000 increasing finite times, spanning at most 10 000."""
    times = check_array(timepoints, "timepoints")
    if times.ndim != 1 or times.size < 2 or times.size > 10_000 or \
            not np.all(np.isfinite(times)) or np.any(np.diff(times) <= 0) or \
            times[-1] - times[0] > 1e4:
        raise ValueError(_("timepoints must be increasing finite times (2 to 10000 of "
                           "them, spanning at most 10000); got {timepoints}").format(
                           timepoints=format(repr(timepoints), ".80")))
    return times
