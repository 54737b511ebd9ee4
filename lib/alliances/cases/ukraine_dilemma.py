"""NATO and Ukraine (part 4): the alliance dilemma applied.

Two formalizations of the case, next to the aid data of :mod:`alliances.cases.ukraine`:

**The commitment model calibrated** (our formalization). Part 3's model of the secondary
alliance dilemma (:class:`alliances.models.commitment.CommitmentModel`) with the depth of support
to Ukraine as the commitment level ``c``. The mapping of historical choices onto ``c``
(:data:`SUPPORT_LADDER`, :data:`PERIODS`) and the fixed parameters (:data:`BASE_MODEL`)
are **our formalization**; the reader's estimates of the loss from abandonment ``L_A`` and
of the escalation risk ``p_E`` are the reader's assumptions, never measured facts.
Part 3's model calls its second loss *entrapment*; here it stands for **escalation
risk**, the fear of a direct war with Russia. That is not Snyder's entrapment (being
dragged into a conflict over an ally's interests that one does not share): Ukraine is a
partner, not an ally, and the feared war is with the adversary itself. The algebra is
the same; the name and its meaning are not.
:func:`calibrate` says whether given estimates reproduce a historical choice;
:func:`reproducing_region` gives every pair of estimates that does.

**Allies waiting for each other** (our formalization). The tank decision of January 2023
as a two-ally assurance game (a stag hunt) with ordinal payoffs (:func:`tank_game`):
each ally prefers to send tanks if, and only if, the other sends too.

The figures are drawn by :mod:`alliances.views.ukraine`; :func:`plot_support_ladder` and
:func:`plot_calibration_map` compute their tables here and pass them on.

Examples
--------
>>> calibrate("2022-2024", L_A=60, p_E=0.2).verdict
'reproduced'
>>> tank_game().pure_equilibria()
[('Send tanks', 'Send tanks'), ('Wait', 'Wait')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from alliances import data
from alliances._validation import short_repr, check_real
from alliances.cases.timeline import timeline
from alliances.i18n import N_, _, number
from alliances.models.commitment import CommitmentModel
from alliances.models.commitment_result import CommitmentResult
from alliances.models.games import Game, symmetric_game
from alliances.views.ukraine import plot_ladder, plot_region_map

__all__ = [
    # the commitment model calibrated
    "SUPPORT_LADDER", "ladder_events", "plot_support_ladder", "Period", "PERIODS",
    "BASE_MODEL", "DEFAULT_ESTIMATES", "L_A_MAX", "Calibration", "calibrate",
    "reproducing_region", "plot_calibration_map",
    # the tank decision
    "TANK_STRATEGIES", "tank_game",
]


# ======================================================================================
# The commitment model calibrated (our formalization)
# ======================================================================================


@dataclass(frozen=True)
class _Rung:
    """One step of Western military support to Ukraine, placed on the commitment scale.

    Attributes
    ----------
    c : float
        Its commitment level in [0, 1]: **our coding**, an ordering, not a measurement.
    label : str
        A short name.
    when : str
        The ``date_start`` of the timeline event that marks it (``case_study_timeline``).
    refused : bool
        True for a step that was considered and refused.
    """

    c: float
    label: str
    when: str
    refused: bool = False


#: The steps of support, lowest first (our formalization: the levels order the steps,
#: they do not measure them). Full commitment, c = 1, is direct combat: a no-fly zone
#: means NATO aircraft shooting down Russian ones.
SUPPORT_LADDER: tuple[_Rung, ...] = (
    _Rung(0.15, N_("non-lethal aid"), "2014-09"),
    _Rung(0.30, N_("Javelin missiles"), "2017-12"),
    _Rung(0.45, N_("HIMARS rockets"), "2022-05-31"),
    _Rung(0.55, N_("battle tanks"), "2023-01-25"),
    _Rung(0.65, N_("F-16 pilot training"), "2023-05-19"),
    _Rung(0.75, N_("ATACMS missiles"), "2023-10-17"),
    _Rung(0.85, N_("F-16s in Ukraine"), "2024-08-04"),
    _Rung(1.00, N_("no-fly zone (refused)"), "2022-03-04", refused=True),
)


def ladder_events(ladder: Sequence[_Rung] = SUPPORT_LADDER) -> pd.DataFrame:
    """Each rung with its timeline event: the date, the event's name and its text.

    Returns
    -------
    DataFrame
        Columns ``c``, ``label``, ``refused``, ``date``, ``event_name`` (its name and
        date, as in ``plot_timeline(timeline("ukraine"))``) and ``event``.

    Examples
    --------
    >>> table = ladder_events()
    >>> table.loc[table["label"] == "battle tanks", "date"].item()
    datetime.date(2023, 1, 25)
    """
    if isinstance(ladder, (str, bytes)) or not isinstance(ladder, Sequence) \
            or not all(isinstance(r, _Rung) for r in ladder):
        raise TypeError(_("ladder must be a sequence of rungs, such as SUPPORT_LADDER; "
                          "got {type} {ladder}").format(
            type=type(ladder).__name__, ladder=short_repr(ladder)))
    raw = data.load("case_study_timeline")
    raw = raw[raw["case_study"] == "ukraine"]
    events = timeline("ukraine")
    rows = []
    for rung in ladder:
        matches = raw[raw["date_start"] == rung.when]
        if len(matches) != 1:
            raise ValueError(_("ladder: rung {label!r} must match exactly one Ukraine "
                               "event starting {when!r}; found {n}").format(
                label=rung.label, when=rung.when, n=len(matches)))
        text = matches["event"].iloc[0]
        event = events[events["event"] == text].iloc[0]
        rows.append({"c": rung.c, "label": rung.label, "refused": rung.refused,
                     "date": event["start"], "event_name": event["label"], "event": text})
    return pd.DataFrame(rows)




@dataclass(frozen=True)
class Period:
    """A historical choice to reproduce with the commitment model (our formalization).

    Attributes
    ----------
    key : str
        Short name: ``"2014"``, ``"no-fly zone"`` or ``"2022-2024"``.
    label : str
        For figures and sentences.
    choice : str
        What the West chose, in words.
    low, high : float
        The band of commitment levels that stands for that choice (our coding).
    refused : float or None
        A level that was refused: reproduced only if ``c*`` stays below it.

    Examples
    --------
    >>> period = Period("2014", "2014 (Crimea)", "non-lethal aid only", 0.05, 0.25)
    >>> period == PERIODS["2014"]
    True
    """

    key: str
    label: str
    choice: str
    low: float
    high: float
    refused: float | None = None

    def band_text(self) -> str:
        """The band in words, for example ``"c between 0.05 and 0.25"``.

        Examples
        --------
        >>> PERIODS["no-fly zone"].band_text()
        'c below 1'
        """
        if self.refused is not None and self.low == 0.0:
            return _("c below {refused}").format(refused=number(self.refused, "g"))
        return _("c between {low} and {high}").format(low=number(self.low, "g"),
                                                     high=number(self.high, "g"))


#: The three choices to reproduce, in time order (our coding of each as a band of c).
PERIODS: dict[str, Period] = {
    "2014": Period("2014", N_("2014 (Crimea)"),
                   N_("non-lethal aid only"), 0.05, 0.25),
    "no-fly zone": Period("no-fly zone", N_("no-fly zone (March 2022)"),
                          N_("NATO refused to police a no-fly zone"), 0.0, 1.0,
                          refused=1.0),
    "2022-2024": Period("2022-2024", N_("2022-2024 (full-scale war)"),
                        N_("heavy weapons step by step, from HIMARS to F-16s"), 0.45, 0.85),
}

#: The fixed part of the calibration (our assumptions, on a scale where a direct war
#: with Russia costs L_E = 100): p_A = 0.5 (Ukraine is lost without any support with
#: probability one half), no escalation risk without support (r0 = 0), the cost of full
#: support k = 5, abandonment risk falling evenly with support (alpha = 1), escalation
#: risk concentrated near direct combat (beta = 3). L_A and p_E are the reader's.
BASE_MODEL = CommitmentModel(L_A=50.0, L_E=100.0, p_A=0.5, p_E=0.5, r0=0.0, k=5.0,
                             alpha=1.0, beta=3.0)

#: The estimates every period starts from in the widget (not calibrated to history).
DEFAULT_ESTIMATES: dict[str, float] = {"L_A": 50.0, "p_E": 0.5}

#: Largest loss from abandonment offered to the reader (the scale of L_E = 100).
L_A_MAX = 100.0


def _period(period: object) -> Period:
    if isinstance(period, Period):
        return period
    if not isinstance(period, str):
        raise TypeError(_("period must be one of {PERIODS} or a Period; got {type} "
                          "{period}").format(
            PERIODS=list(PERIODS), type=type(period).__name__, period=short_repr(period)))
    key = period.strip().replace("–", "-")
    if key not in PERIODS:
        raise ValueError(_("period must be one of {PERIODS}; got {period!r}").format(
            PERIODS=list(PERIODS), period=period))
    return PERIODS[key]


def _base(base: object) -> CommitmentModel:
    if base is None:
        return BASE_MODEL
    if not isinstance(base, CommitmentModel):
        raise TypeError(_("base must be a CommitmentModel or None; got {type}").format(
            type=type(base).__name__))
    return base


@dataclass(frozen=True)
class Calibration:
    """A reader's estimates for one period, the best commitment they imply, and the verdict.

    Attributes
    ----------
    period : Period
    model : CommitmentModel
        :data:`BASE_MODEL` (or the base given) with the reader's ``L_A`` and ``p_E``.
    result : CommitmentResult
    verdict : str
        ``"reproduced"`` (c* inside the period's band), ``"too low"`` (the model commits
        less than the West did), ``"too high"`` (more; for the no-fly zone: the model
        would enforce it) or ``"tie"`` (several levels equally good: history is
        consistent with the estimates but not explained by them).

    Examples
    --------
    >>> calibration = calibrate("2014", L_A=50, p_E=0.5)
    >>> calibration.verdict, round(calibration.c_star, 2)
    ('too high', 0.37)
    """

    period: Period
    model: CommitmentModel
    result: CommitmentResult
    verdict: str

    @property
    def c_star(self) -> float:
        """The best commitment level."""
        return self.result.c_star

    @property
    def sentence(self) -> str:
        """One sentence: estimates, c*, and whether the historical choice is reproduced.

        Examples
        --------
        >>> print(calibrate("2014", L_A=50, p_E=0.5).sentence)
        2014 (Crimea): with a loss from abandonment of 50 and an escalation risk of 0.50, the
        best commitment is c* = 0.37, more than the historical choice: non-lethal aid only (c
        between 0.05 and 0.25).
        """
        p = self.period
        values = dict(label=_(p.label), L_A=number(self.model.L_A, "g"),
                      p_E=number(self.model.p_E, ".2f"), choice=_(p.choice),
                      band=p.band_text(), c_star=number(self.c_star, ".2f"))
        if self.verdict == "tie":
            pattern = _("{label}: with a loss from abandonment of {L_A} and an escalation "
                        "risk of {p_E}, several commitment levels are equally good, so the "
                        "model is consistent with the historical choice: {choice} ({band}) "
                        "but does not explain it.")
        elif self.verdict == "reproduced":
            pattern = _("{label}: with a loss from abandonment of {L_A} and an escalation "
                        "risk of {p_E}, the best commitment is c* = {c_star}, which "
                        "reproduces the historical choice: {choice} ({band}).")
        elif self.verdict == "too low":
            pattern = _("{label}: with a loss from abandonment of {L_A} and an escalation "
                        "risk of {p_E}, the best commitment is c* = {c_star}, less than the "
                        "historical choice: {choice} ({band}).")
        elif p.refused is not None and self.c_star >= p.refused:
            pattern = _("{label}: with a loss from abandonment of {L_A} and an escalation "
                        "risk of {p_E}, the best commitment is c* = {c_star}: the model "
                        "would take the step that was refused.")
        else:
            pattern = _("{label}: with a loss from abandonment of {L_A} and an escalation "
                        "risk of {p_E}, the best commitment is c* = {c_star}, more than the "
                        "historical choice: {choice} ({band}).")
        return pattern.format(**values)


def calibrate(period: str | Period, L_A: float, p_E: float, *,
              base: CommitmentModel | None = None) -> Calibration:
    """The best commitment implied by estimates of ``L_A`` and ``p_E`` for one period.

    Parameters
    ----------
    period : {"2014", "no-fly zone", "2022-2024"} or Period
    L_A : float
        The reader's estimate of the loss from abandonment (Ukraine falls; the West's
        credibility suffers), >= 0, on the scale where a direct war with Russia costs
        ``base.L_E``.
    p_E : float
        The reader's estimate of the escalation risk: the probability that full support
        (direct combat) would bring a direct war with Russia, in [0, 1].
    base : CommitmentModel, optional
        The fixed parameters (default :data:`BASE_MODEL`).

    Returns
    -------
    Calibration

    Examples
    --------
    With the base model, c* = sqrt((p_A L_A - k) / (3 L_E p_E)) when that lies in (0, 1):

    >>> round(calibrate("2022-2024", L_A=60, p_E=0.2).c_star, 4)   # sqrt(25 / 60)
    0.6455
    >>> calibrate("no-fly zone", L_A=100, p_E=0.05).verdict        # 50 >= 3*5 + 5
    'too high'
    >>> calibrate("2014", L_A=10, p_E=0).verdict                   # p_A L_A = k: flat EU
    'tie'
    """
    p = _period(period)
    model = _base(base).replace(L_A=check_real(L_A, "L_A", minimum=0),
                                p_E=check_real(p_E, "p_E", minimum=0, maximum=1))
    result = model.best()
    tol = 1e-9
    if result.every_level_optimal or len(result.maximisers) > 1:
        verdict = "tie"
    elif p.refused is not None and result.c_star >= p.refused - tol:
        verdict = "too high"
    elif result.c_star < p.low - tol:
        verdict = "too low"
    elif result.c_star > p.high + tol:
        verdict = "too high"
    else:
        verdict = "reproduced"
    return Calibration(p, model, result, verdict)


def _marginal_coefficients(base: CommitmentModel, c: float) -> tuple[float, float]:
    """(A, E) with EU'(c) = L_A A - p_E E - k, read from the model's own marginal utility.

    EU'(c) is linear in L_A and in p_E (the other parameters fixed), so two evaluations of
    :meth:`CommitmentModel.marginal_utility` with unit parameters give the coefficients.
    """
    a = float(base.replace(L_A=1.0, p_E=0.0, k=0.0).marginal_utility(c))
    e = -float(base.replace(L_A=0.0, p_E=1.0, k=0.0).marginal_utility(c))
    return a, e


def reproducing_region(period: str | Period, p_E: object, *,
                       base: CommitmentModel | None = None) -> tuple[np.ndarray, np.ndarray]:
    """For each escalation risk, the range of losses from abandonment that reproduce a choice.

    In a concave model the best commitment lies at or above ``low`` exactly when the
    marginal utility at ``low`` is not negative, and at or below ``high`` exactly when it
    is not positive there. The marginal utility is linear in ``L_A`` and ``p_E``, so each
    condition is a straight line in the (``p_E``, ``L_A``) plane:
    ``L_A >= (k + p_E E(low)) / A(low)`` and ``L_A <= (k + p_E E(high)) / A(high)``.

    Parameters
    ----------
    period : {"2014", "no-fly zone", "2022-2024"} or Period
    p_E : float or array_like
        Escalation risks in [0, 1].
    base : CommitmentModel, optional
        Must be concave for every L_A and p_E (``alpha >= 1`` and ``beta >= 1``).

    Returns
    -------
    (ndarray, ndarray)
        The smallest and the largest ``L_A`` that reproduce the choice (``inf`` if no
        upper limit), for each ``p_E``. The ends themselves are knife-edge cases.

    Examples
    --------
    With the base model, the 2014 band needs 10 + 1.5 p_E <= L_A <= 10 + 37.5 p_E:

    >>> low, high = reproducing_region("2014", [0.0, 0.4])
    >>> low.tolist(), high.tolist()
    ([10.0, 10.6], [10.0, 25.0])
    >>> reproducing_region("no-fly zone", 0.1)[1].tolist()   # enforce above 10 + 600 p_E
    [70.0]
    """
    p = _period(period)
    model = _base(base)
    if model.alpha < 1.0 or model.beta < 1.0:
        raise ValueError(_("base must have alpha >= 1 and beta >= 1 (a concave model); "
                           "got alpha = {alpha:g}, beta = {beta:g}").format(
            alpha=model.alpha, beta=model.beta))
    if model.p_A == 0.0:
        raise ValueError(_("base must have p_A > 0: otherwise abandonment is no risk at "
                           "all and no loss from abandonment changes the best commitment"))
    risks = np.atleast_1d(np.asarray(p_E, dtype=float)) if not isinstance(p_E, (str, bytes)) \
        else None
    if risks is None or risks.ndim != 1 or not np.all(np.isfinite(risks)) \
            or np.any((risks < 0) | (risks > 1)):
        raise ValueError(_("p_E must be a number or a 1-D array of numbers in [0, 1]; got"
                           " {p_E}").format(p_E=short_repr(p_E)))

    def bound(c: float) -> np.ndarray:
        a, e = _marginal_coefficients(model, c)
        if a <= 0.0:       # the abandonment risk no longer falls: c* never reaches c
            return np.full_like(risks, np.inf)
        return (model.k + risks * e) / a

    low = np.zeros_like(risks) if p.low <= 0.0 else bound(p.low)
    upper = p.refused if p.refused is not None else p.high
    high = np.full_like(risks, np.inf) if upper >= 1.0 and p.refused is None else bound(upper)
    return low, high


# ---------------------------------------------------------------------------- figures


def plot_support_ladder(ladder: Sequence[_Rung] = SUPPORT_LADDER,
                        ax: Axes | None = None) -> Axes:
    """The highest step of support reached over time, and the step refused.

    :func:`ladder_events`, drawn by :func:`alliances.views.ukraine.plot_ladder`.

    Examples
    --------
    >>> ax = plot_support_ladder()
    >>> ax.get_ylabel()
    'commitment level c (our coding)'
    """
    return plot_ladder(ladder_events(ladder), ax)


def _regions(model: CommitmentModel, risks: np.ndarray) -> pd.DataFrame:
    """Per period and escalation risk, the edges of the region shaded on the map.

    The 2014 and 2022-2024 regions are where the choice is reproduced; for the no-fly
    zone, where the model would *enforce* it (above the upper edge, without limit).
    """
    parts = []
    for key, period in PERIODS.items():
        low, high = reproducing_region(period, risks, base=model)
        if period.refused is not None:
            low, high = high, np.full_like(risks, np.inf)
            text = _("no-fly zone: the model would enforce it")
        else:
            text = _("{period}: reproduced").format(period=_(period.label))
        parts.append(pd.DataFrame({"period": key, "text": text, "p_E": risks,
                                   "low": low, "high": high}))
    return pd.concat(parts, ignore_index=True)


def plot_calibration_map(base: CommitmentModel | None = None, ax: Axes | None = None, *,
                         L_A_max: float = L_A_MAX) -> Axes:
    """Which estimates (p_E, L_A) reproduce each historical choice in the model.

    The 2014 and 2022-2024 regions are shaded where the choice is reproduced; for the
    no-fly zone the shaded region is where the model would *enforce* it (the refusal is
    reproduced everywhere else). Drawn by :func:`alliances.views.ukraine.plot_region_map`.

    Examples
    --------
    >>> ax = plot_calibration_map()
    >>> ax.get_xlabel()
    'escalation risk p_E (direct combat brings war with Russia)'
    """
    model = _base(base)
    regions = _regions(model, np.linspace(0.0, 1.0, 401))
    return plot_region_map(regions, ax, L_A_max=L_A_max, L_E=model.L_E)


# ======================================================================================
# The tank decision of January 2023 (our formalization)
# ======================================================================================

#: The two strategies of each ally in the tank game.
TANK_STRATEGIES: tuple[str, ...] = ("Send tanks", "Wait")


def tank_game(T: float = 3, R: float = 4, P: float = 2, S: float = 1) -> Game:
    """Germany and the United States deciding whether to send battle tanks (our formalization).

    An **assurance game** (a stag hunt). Each ally ranks the four outcomes the same way
    (ordinal payoffs, 4 = best): both send (R = 4: Ukraine gets tanks and the risk of
    escalation is shared), it waits while the other sends (T = 3: Ukraine gets some tanks,
    but the ally that held back is blamed for it), neither sends (P = 2: no tanks, no new
    risk), it sends alone (S = 1: all the risk, and Moscow's anger, on it). With
    R > T > P > S sending is each ally's best reply to sending and waiting its best reply
    to waiting: each sends if, and only if, the other does. That conditional preference
    is a property of the payoffs, not a rule added to the game. Germany is the row player.

    The ranking is our assumption: the sources document Germany's condition (no Leopards
    unless the United States sent Abrams), not either government's full ranking. Other
    payoffs may be given to explore neighbouring games (``T=4, R=3`` gives a prisoner's
    dilemma).

    Parameters
    ----------
    T, R, P, S : float
        Payoffs of waiting while the other sends, both sending, neither sending, and
        sending alone (the same for both allies).

    Returns
    -------
    Game

    Examples
    --------
    >>> game = tank_game()
    >>> game.payoffs("Wait", "Send tanks")
    (3.0, 1.0)
    >>> game.pure_equilibria()
    [('Send tanks', 'Send tanks'), ('Wait', 'Wait')]
    >>> game.is_pareto_efficient("Wait", "Wait")
    False
    """
    t, r, p, s = (check_real(v, n) for v, n in ((T, "T"), (R, "R"), (P, "P"), (S, "S")))
    return symmetric_game(t, r, p, s, labels=TANK_STRATEGIES, row_name="Germany",
                          col_name="United States")
