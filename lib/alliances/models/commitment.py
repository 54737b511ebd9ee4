"""The secondary alliance dilemma: how strongly to commit to an ally (our formalization).

Snyder (1984) argues in words that a strong commitment to an ally lowers the risk of
*abandonment* (the ally defects or realigns) but raises the risk of *entrapment* (being
dragged into the ally's quarrel, because a well-supported ally becomes bolder), and that
a weak commitment does the reverse. This module is **our formalization** of that verbal
trade-off (``notebooks/theory_notes.md``, section "The commitment model"); the functional
forms are illustrative, not Snyder's.

A state chooses a commitment level ``c`` in [0, 1] (0 = none, 1 = full):

* abandonment risk ``P_A(c) = p_A (1 - c)**alpha``, falling with ``c``;
* the ally's risk-taking ``r(c) = r0 + (1 - r0) c**beta``, rising with ``c`` (moral
  hazard: a well-supported ally is emboldened); ``r0`` is its recklessness with no
  commitment;
* entrapment risk ``P_E(c) = p_E r(c)``;
* expected utility ``EU(c) = V - L_A P_A(c) - L_E P_E(c) - k c``, with ``L_A`` the loss
  from abandonment, ``L_E`` the loss from entrapment and ``k`` the cost of commitment.

The first-order condition is ``L_A p_A alpha (1-c)**(alpha-1) = L_E p_E (1-r0) beta
c**(beta-1) + k``. :meth:`CommitmentModel.best` finds the best commitment ``c*`` in every
case:

* **linear** (``alpha = beta = 1``, or a curvature whose term has zero weight): ``EU`` is a
  straight line with slope ``L_A p_A - L_E p_E (1 - r0) - k``; full commitment if the
  slope is positive, none if it is negative, and *every* level equally good if it is zero;
* **concave** (``alpha >= 1`` and ``beta >= 1``): the marginal utility falls, so ``c*`` is
  0 if it is negative at 0, 1 if it is positive at 1, and otherwise the unique root of the
  first-order condition (in closed form when it is linear in ``c``, that is when ``alpha``
  and ``beta`` are 1 or 2; otherwise by Brent's method);
* **not concave** (``alpha < 1`` or ``beta < 1``): ``EU`` may have several local maxima, so
  every stationary point (sign changes of the marginal utility on a fine grid, refined by
  Brent's method), a bounded scalar optimisation around the best grid point, and both
  ends are compared; ties between separate maxima are all reported.

The API is general so that case-study notebooks can reuse it (commitment as a level of
aid, or as the share of troops without national caveats): every parameter is named, risks
and utility are vectorised over ``c``, and :func:`best_commitment` gives ``c*`` for given
parameters.

Examples
--------
>>> model = CommitmentModel(L_A=10, L_E=10, p_A=0.5, p_E=0.5, r0=0.2, k=1, alpha=2, beta=2)
>>> result = model.best()
>>> round(result.c_star, 4), result.case, result.dominant_fear
(0.5, 'interior', 'abandonment')
"""

from __future__ import annotations

import dataclasses
import numbers
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq, minimize_scalar

from alliances._validation import short_repr, check_real
from alliances.i18n import _, number
from alliances.models.commitment_result import CommitmentResult

__all__ = ["CommitmentModel", "best_commitment", "check_commitment",
           "abandonment_risk", "entrapment_risk", "ally_risk_taking", "expected_utility"]

#: Largest curvature accepted: beyond it the risk curves are numerically a step.
_MAX_CURVATURE = 10.0

#: Points of the grid used to find every stationary point when EU is not concave.
_GRID_POINTS = 4097


def check_commitment(c: object, name: str = "c") -> float | np.ndarray:
    """Return a commitment level (or an array of them) in [0, 1], or raise naming ``name``.

    Examples
    --------
    >>> check_commitment(0.25)
    0.25
    >>> check_commitment([0, 0.5, 1]).tolist()
    [0.0, 0.5, 1.0]
    >>> check_commitment(1.5)
    Traceback (most recent call last):
    ...
    ValueError: c must be a commitment level between 0 (none) and 1 (full); got 1.5
    """
    if isinstance(c, numbers.Real) and not isinstance(c, (bool, np.bool_)):
        value = check_real(c, name)
        if not 0.0 <= value <= 1.0:
            raise ValueError(_("{name} must be a commitment level between 0 (none) and 1 "
                               "(full); got {value}").format(name=name, value=number(value)))
        return value
    if c is None or isinstance(c, (str, bytes, dict, set, bool, np.bool_)):
        raise TypeError(_("{name} must be a number or an array of numbers in [0, 1]; got "
                          "{kind} {value}").format(name=name, kind=type(c).__name__,
                                                   value=short_repr(c)))
    try:
        array = np.asarray(c)
    except (ValueError, TypeError) as error:
        raise ValueError(_("{name} must be a number or an array of numbers in [0, 1]; got "
                           "{value}").format(name=name, value=short_repr(c))) from error
    if array.dtype == bool or array.dtype.kind not in "iuf":
        raise TypeError(_("{name} must contain numbers in [0, 1]; got {value}").format(
            name=name, value=short_repr(c)))
    array = array.astype(float)
    if not np.all(np.isfinite(array)):
        raise ValueError(_("{name} must contain finite numbers in [0, 1]; got {value}").format(
            name=name, value=short_repr(c)))
    if array.size and (array.min() < 0.0 or array.max() > 1.0):
        raise ValueError(_("{name} must contain commitment levels between 0 and 1; got values "
                           "from {low} to {high}").format(name=name, low=repr(array.min()),
                                                           high=repr(array.max())))
    return array


def _power(base: float | np.ndarray, exponent: float) -> float | np.ndarray:
    """``base ** exponent`` with 0 ** 0 = 1 and 0 ** (negative) = inf, without warnings."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.power(base, exponent)


def _as_output(value: np.ndarray, like: float | np.ndarray) -> float | np.ndarray:
    return float(value) if np.ndim(like) == 0 else np.asarray(value, dtype=float)


@dataclass(frozen=True)
class CommitmentModel:
    """Parameters of the commitment model (our formalization of Snyder 1984).

    Parameters
    ----------
    L_A : float
        Loss from abandonment, >= 0 (how much the state depends on the ally).
    L_E : float
        Loss from entrapment, >= 0 (how much it dislikes fighting the ally's quarrel).
    p_A : float
        Probability that the ally defects or realigns if there is no commitment, in [0, 1].
        High when the ally has somewhere else to go (a multipolar system).
    p_E : float
        Probability that a crisis drags the state in if the ally takes every risk, in
        [0, 1].
    r0 : float
        The ally's recklessness with no commitment, in [0, 1]: its risk-taking is
        ``r(c) = r0 + (1 - r0) c**beta``.
    k : float
        Cost of commitment per unit of ``c`` (forces, money), >= 0.
    alpha : float
        Curvature of the abandonment risk, in (0, 10]: with alpha > 1 a small commitment
        already removes much of the risk.
    beta : float
        Curvature of the ally's emboldenment, in (0, 10]: with beta > 1 the ally grows
        reckless mostly near full commitment.
    V : float
        The value of the alliance before losses; it shifts EU and never changes ``c*``.

    Examples
    --------
    >>> model = CommitmentModel(L_A=8, L_E=4, p_A=0.5, p_E=0.5, r0=0.5, k=1, alpha=1, beta=1)
    >>> model.abandonment_risk(0.5), model.entrapment_risk(0.5)
    (0.25, 0.375)
    >>> model.replace(k=3).k
    3.0
    """

    L_A: float = 10.0
    L_E: float = 10.0
    p_A: float = 0.5
    p_E: float = 0.5
    r0: float = 0.2
    k: float = 1.0
    alpha: float = 2.0
    beta: float = 2.0
    V: float = 0.0

    def __post_init__(self) -> None:
        checked = {
            "L_A": check_real(self.L_A, "L_A", minimum=0),
            "L_E": check_real(self.L_E, "L_E", minimum=0),
            "p_A": check_real(self.p_A, "p_A", minimum=0, maximum=1),
            "p_E": check_real(self.p_E, "p_E", minimum=0, maximum=1),
            "r0": check_real(self.r0, "r0", minimum=0, maximum=1),
            "k": check_real(self.k, "k", minimum=0),
            "alpha": check_real(self.alpha, "alpha", minimum=0, allow_equal_min=False,
                                maximum=_MAX_CURVATURE),
            "beta": check_real(self.beta, "beta", minimum=0, allow_equal_min=False,
                               maximum=_MAX_CURVATURE),
            "V": check_real(self.V, "V"),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)

    # ------------------------------------------------------------------ pieces
    def replace(self, **changes: float) -> CommitmentModel:
        """A copy with some parameters changed (validated again).

        Examples
        --------
        >>> CommitmentModel().replace(L_A=2).L_A
        2.0
        """
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise ValueError(_("unknown parameter(s) {unknown}; the model's parameters are "
                               "{names}").format(unknown=unknown, names=[
                                   f.name for f in dataclasses.fields(self)]))
        return dataclasses.replace(self, **changes)

    @property
    def abandonment_stake(self) -> float:
        """``L_A p_A``: the expected loss from abandonment that full commitment removes.

        Examples
        --------
        >>> CommitmentModel(L_A=8, p_A=0.5).abandonment_stake
        4.0
        """
        return self.L_A * self.p_A

    @property
    def entrapment_stake(self) -> float:
        """``L_E p_E (1 - r0)``: the expected entrapment loss that full commitment adds.

        Examples
        --------
        >>> CommitmentModel(L_E=4, p_E=0.5, r0=0.5).entrapment_stake
        1.0
        """
        return self.L_E * self.p_E * (1.0 - self.r0)

    @property
    def is_linear(self) -> bool:
        """Whether EU is a straight line in ``c`` (both curvatures 1, or their terms zero).

        Examples
        --------
        >>> CommitmentModel(alpha=1, beta=1).is_linear, CommitmentModel().is_linear
        (True, False)
        """
        return ((self.alpha == 1.0 or self.abandonment_stake == 0.0)
                and (self.beta == 1.0 or self.entrapment_stake == 0.0))

    @property
    def is_concave(self) -> bool:
        """Whether EU is concave on [0, 1]: true when both effective curvatures are >= 1.

        Examples
        --------
        >>> CommitmentModel(alpha=2, beta=1).is_concave, CommitmentModel(alpha=0.5).is_concave
        (True, False)
        """
        return ((self.alpha >= 1.0 or self.abandonment_stake == 0.0)
                and (self.beta >= 1.0 or self.entrapment_stake == 0.0))

    # ---------------------------------------------------------------- curves
    def abandonment_risk(self, c: object) -> float | np.ndarray:
        """``P_A(c) = p_A (1 - c)**alpha``, vectorised over ``c``.

        Examples
        --------
        >>> CommitmentModel(p_A=0.4, alpha=1).abandonment_risk([0, 0.5, 1]).tolist()
        [0.4, 0.2, 0.0]
        """
        c = check_commitment(c)
        return _as_output(self.p_A * _power(1.0 - np.asarray(c), self.alpha), c)

    def ally_risk_taking(self, c: object) -> float | np.ndarray:
        """``r(c) = r0 + (1 - r0) c**beta``: how far the ally is emboldened, over ``c``.

        Examples
        --------
        >>> CommitmentModel(r0=0.2, beta=1).ally_risk_taking([0, 1]).tolist()
        [0.2, 1.0]
        """
        c = check_commitment(c)
        return _as_output(self.r0 + (1.0 - self.r0) * _power(np.asarray(c), self.beta), c)

    def entrapment_risk(self, c: object) -> float | np.ndarray:
        """``P_E(c) = p_E r(c)``, vectorised over ``c``.

        Examples
        --------
        >>> CommitmentModel(p_E=0.5, r0=0.2, beta=1).entrapment_risk(0.5)
        0.3
        """
        return _as_output(self.p_E * np.asarray(self.ally_risk_taking(c)), check_commitment(c))

    def expected_utility(self, c: object) -> float | np.ndarray:
        """``EU(c) = V - L_A P_A(c) - L_E P_E(c) - k c``, vectorised over ``c``.

        Examples
        --------
        >>> model = CommitmentModel(L_A=8, L_E=4, p_A=0.5, p_E=0.5, r0=0.5, k=1,
        ...                         alpha=1, beta=1)
        >>> model.expected_utility([0, 1]).tolist()   # -(4 + 1) and -(2 + 1)
        [-5.0, -3.0]
        """
        c = check_commitment(c)
        x = np.asarray(c)
        value = (self.V - self.L_A * self.p_A * _power(1.0 - x, self.alpha)
                 - self.L_E * self.p_E * (self.r0 + (1.0 - self.r0) * _power(x, self.beta))
                 - self.k * x)
        return _as_output(value, c)

    def marginal_utility(self, c: object) -> float | np.ndarray:
        """``EU'(c) = L_A p_A alpha (1-c)**(alpha-1) - L_E p_E (1-r0) beta c**(beta-1) - k``.

        Infinite at an end where a curvature below 1 makes a risk curve vertical.

        Examples
        --------
        >>> model = CommitmentModel(L_A=8, L_E=4, p_A=0.5, p_E=0.5, r0=0.5, k=1)
        >>> model.marginal_utility([0, 1]).tolist()   # 2*4 - 0 - 1 and 0 - 2*1 - 1
        [7.0, -3.0]
        """
        c = check_commitment(c)
        x = np.asarray(c)
        a_term = (self.abandonment_stake * self.alpha * _power(1.0 - x, self.alpha - 1.0)
                  if self.abandonment_stake else np.zeros_like(x, dtype=float))
        e_term = (self.entrapment_stake * self.beta * _power(x, self.beta - 1.0)
                  if self.entrapment_stake else np.zeros_like(x, dtype=float))
        with np.errstate(invalid="ignore"):
            value = a_term - e_term - self.k
        return _as_output(value, c)

    # ------------------------------------------------------------------ best
    def best(self) -> CommitmentResult:
        """The best commitment ``c*`` on [0, 1], with the reasoning.

        Returns
        -------
        CommitmentResult

        Examples
        --------
        Linear case: full commitment if ``L_A p_A > L_E p_E (1 - r0) + k``.

        >>> CommitmentModel(L_A=8, L_E=4, p_A=0.5, p_E=0.5, r0=0.5, k=1,
        ...                 alpha=1, beta=1).best().c_star
        1.0

        A tie: every level is optimal.

        >>> result = CommitmentModel(L_A=8, L_E=4, p_A=0.5, p_E=0.5, r0=0.5, k=3,
        ...                          alpha=1, beta=1).best()
        >>> result.case, result.every_level_optimal
        ('indifferent', True)
        """
        scale = max(1.0, abs(self.V), self.abandonment_stake, self.entrapment_stake, self.k)
        tolerance = 1e-9 * scale
        if self.is_linear:
            slope = self.abandonment_stake - self.entrapment_stake - self.k
            if abs(slope) <= tolerance:
                return self._result((0.0, 1.0), "indifferent", "linear: the slope of EU is zero",
                                    every=True)
            c_star = 1.0 if slope > 0 else 0.0
            return self._result((c_star,), "full" if c_star else "none",
                                "linear: the sign of the slope of EU")
        if self.is_concave:
            at_zero = float(self.marginal_utility(0.0))
            at_one = float(self.marginal_utility(1.0))
            if at_zero <= 0.0:
                return self._result((0.0,), "none", "concave: EU falls from c = 0")
            if at_one >= 0.0:
                return self._result((1.0,), "full", "concave: EU still rises at c = 1")
            closed = self._closed_form()
            if closed is not None:
                return self._result((closed,), "interior",
                                    "concave: closed-form root of the first-order condition")
            root = brentq(lambda x: float(self.marginal_utility(x)), 0.0, 1.0, xtol=1e-14,
                          rtol=1e-14, maxiter=500)
            return self._result((float(root),), "interior",
                                "concave: root of the first-order condition (Brent's method)")
        return self._search(tolerance)

    def _closed_form(self) -> float | None:
        """The interior root when the first-order condition is linear in ``c``."""
        if self.alpha not in (1.0, 2.0) or self.beta not in (1.0, 2.0):
            return None
        a, e, k = self.abandonment_stake, self.entrapment_stake, self.k
        # EU'(c) = a*alpha*(1-c)**(alpha-1) - e*beta*c**(beta-1) - k = intercept - slope*c
        intercept = a * self.alpha - (e if self.beta == 1.0 else 0.0) - k
        slope = (a * 2.0 if self.alpha == 2.0 else 0.0) + (e * 2.0 if self.beta == 2.0 else 0.0)
        return float(intercept / slope)

    def _search(self, tolerance: float) -> CommitmentResult:
        """Compare every stationary point and both ends (EU not concave)."""
        grid = np.linspace(0.0, 1.0, _GRID_POINTS)
        inner = grid[1:-1]
        slope = np.asarray(self.marginal_utility(inner))
        candidates = [0.0, 1.0, *inner[slope == 0.0].tolist()]
        signs = np.sign(slope)
        for i in np.flatnonzero(signs[:-1] * signs[1:] < 0):
            candidates.append(float(brentq(lambda x: float(self.marginal_utility(x)),
                                           inner[i], inner[i + 1], xtol=1e-14, rtol=1e-14)))
        values = np.asarray(self.expected_utility(grid))
        j = int(np.argmax(values))
        low, high = grid[max(j - 1, 0)], grid[min(j + 1, grid.size - 1)]
        refined = minimize_scalar(lambda x: -float(self.expected_utility(x)),
                                  bounds=(low, high), method="bounded",
                                  options={"xatol": 1e-12})
        candidates.append(float(refined.x))
        points = np.unique(np.asarray(candidates))
        utilities = np.asarray(self.expected_utility(points))
        best = utilities.max()
        winners = [float(p) for p, u in zip(points, utilities) if u >= best - tolerance]
        merged: list[float] = []
        for point in winners:               # sorted: merge near-duplicates of one maximum
            if not merged or point - merged[-1] > 1e-6:
                merged.append(point)
        if len(merged) > 1:
            case = "several"
        elif merged[0] == 0.0:
            case = "none"
        elif merged[0] == 1.0:
            case = "full"
        else:
            case = "interior"
        return self._result(tuple(merged), case, "not concave: all stationary points and both "
                            "ends compared")

    def _result(self, maximisers: tuple[float, ...], case: str, method: str,
                every: bool = False) -> CommitmentResult:
        c_star = maximisers[0]
        stake_a, stake_e = self.abandonment_stake, self.entrapment_stake
        if abs(stake_a - stake_e) <= 1e-12 * max(1.0, stake_a, stake_e):
            dominant = "balanced"
        else:
            dominant = "abandonment" if stake_a > stake_e else "entrapment"
        p_a = float(self.abandonment_risk(c_star))
        p_e = float(self.entrapment_risk(c_star))
        eu = float(self.expected_utility(c_star))
        return CommitmentResult(
            c_star=c_star, maximisers=maximisers, every_level_optimal=every, case=case,
            method=method, concave=self.is_concave, expected_utility=eu,
            abandonment_risk=p_a, entrapment_risk=p_e,
            abandonment_loss=self.L_A * p_a, entrapment_loss=self.L_E * p_e,
            abandonment_stake=stake_a, entrapment_stake=stake_e, dominant_fear=dominant,
            dilemma_cost=self.V - eu, explanation=_explain(self, case, maximisers, dominant))


def _g(value: float) -> str:
    return number(value, ".3g")


def _explain(model: CommitmentModel, case: str, maximisers: tuple[float, ...],
             dominant: str) -> str:
    """One or two plain sentences: which fear dominates, and why ``c*`` is where it is."""
    a, e = model.abandonment_stake, model.entrapment_stake
    if dominant == "abandonment":
        first = _("Fear of abandonment dominates: full commitment would remove an expected "
                  "loss of {a} from abandonment and add {e} from entrapment")
    elif dominant == "entrapment":
        first = _("Fear of entrapment dominates: full commitment would remove an expected "
                  "loss of {a} from abandonment and add {e} from entrapment")
    else:
        first = _("The two fears are balanced: full commitment would remove an expected loss "
                  "of {a} from abandonment and add {e} from entrapment")
    return _("{first}; {second}.").format(first=first.format(a=_g(a), e=_g(e)),
                                          second=_second_clause(model, case, maximisers,
                                                                dominant))


def _second_clause(model: CommitmentModel, case: str, maximisers: tuple[float, ...],
                   dominant: str) -> str:
    """Why ``c*`` is where it is (the second half of :func:`_explain`)."""
    cost, but = model.k > 0, dominant == "abandonment"
    if case == "indifferent":
        text = (_("the gain exactly equals the entrapment loss plus the cost of commitment "
                  "({k}), so every commitment level from 0 to 1 is equally good (a tie)") if cost
                else _("the gain exactly equals the entrapment loss, so every commitment level "
                       "from 0 to 1 is equally good (a tie)"))
    elif case == "several":
        text = _("separate commitment levels tie for best: c* = {levels}")
    elif case == "full" and model.is_linear:
        text = (_("that gain outweighs the entrapment loss plus the cost of commitment ({k}), "
                  "so the state commits fully (c* = 1)") if cost
                else _("that gain outweighs the entrapment loss, so the state commits fully "
                       "(c* = 1)"))
    elif case == "full":
        text = (_("even at c = 1 a further step would remove more abandonment risk than it "
                  "adds in entrapment risk and cost, so the state commits fully (c* = 1)")
                if cost else
                _("even at c = 1 a further step would remove more abandonment risk than it "
                  "adds in entrapment risk, so the state commits fully (c* = 1)"))
    elif case == "none" and model.is_linear:
        text = {(True, True): _("but the entrapment loss plus the cost of commitment ({k}) "
                                "outweighs the gain, so the state does not commit (c* = 0)"),
                (True, False): _("the entrapment loss plus the cost of commitment ({k}) "
                                 "outweighs the gain, so the state does not commit (c* = 0)"),
                (False, True): _("but the entrapment loss outweighs the gain, so the state "
                                 "does not commit (c* = 0)"),
                (False, False): _("the entrapment loss outweighs the gain, so the state does "
                                  "not commit (c* = 0)")}[cost, but]
    elif case == "none":
        text = {(True, True): _("but even the first step of commitment adds more in "
                                "entrapment risk and cost than it removes in abandonment risk, "
                                "so the state does not commit (c* = 0)"),
                (True, False): _("even the first step of commitment adds more in entrapment "
                                 "risk and cost than it removes in abandonment risk, so the "
                                 "state does not commit (c* = 0)"),
                (False, True): _("but even the first step of commitment adds more in "
                                 "entrapment risk than it removes in abandonment risk, so the "
                                 "state does not commit (c* = 0)"),
                (False, False): _("even the first step of commitment adds more in entrapment "
                                  "risk than it removes in abandonment risk, so the state does "
                                  "not commit (c* = 0)")}[cost, but]
    else:
        text = (_("the best commitment is c* = {c}: up to it, each step removes more "
                  "abandonment risk than it adds in entrapment risk and cost; beyond it, the "
                  "reverse") if cost
                else _("the best commitment is c* = {c}: up to it, each step removes more "
                       "abandonment risk than it adds in entrapment risk; beyond it, the "
                       "reverse"))
    return text.format(k=_g(model.k), c=_g(maximisers[0]) if maximisers else "",
                       levels=_(" and ").join(_g(m) for m in maximisers))


def best_commitment(**parameters: float) -> CommitmentResult:
    """The best commitment for the given parameters of :class:`CommitmentModel`.

    Examples
    --------
    >>> best_commitment(L_A=6, p_A=0.5, L_E=4, p_E=0.5, r0=0.5, k=1).c_star   # (6-1)/(6+2)
    0.625
    """
    return CommitmentModel(**parameters).best()


def abandonment_risk(c: object, *, p_A: float = 0.5, alpha: float = 2.0) -> float | np.ndarray:
    """``P_A(c) = p_A (1 - c)**alpha`` (see :class:`CommitmentModel`).

    Examples
    --------
    >>> abandonment_risk(0.5, p_A=0.8, alpha=1)
    0.4
    """
    return CommitmentModel(p_A=p_A, alpha=alpha).abandonment_risk(c)


def ally_risk_taking(c: object, *, r0: float = 0.2, beta: float = 2.0) -> float | np.ndarray:
    """``r(c) = r0 + (1 - r0) c**beta`` (see :class:`CommitmentModel`).

    Examples
    --------
    >>> ally_risk_taking(0.5, r0=0.2, beta=2)
    0.4
    """
    return CommitmentModel(r0=r0, beta=beta).ally_risk_taking(c)


def entrapment_risk(c: object, *, p_E: float = 0.5, r0: float = 0.2,
                    beta: float = 2.0) -> float | np.ndarray:
    """``P_E(c) = p_E r(c)`` (see :class:`CommitmentModel`).

    Examples
    --------
    >>> entrapment_risk([0, 1], p_E=0.5, r0=0.2).tolist()
    [0.1, 0.5]
    """
    return CommitmentModel(p_E=p_E, r0=r0, beta=beta).entrapment_risk(c)


def expected_utility(c: object, **parameters: float) -> float | np.ndarray:
    """``EU(c)`` for the given parameters of :class:`CommitmentModel`, vectorised over ``c``.

    Examples
    --------
    >>> expected_utility(0, L_A=10, p_A=0.5, L_E=10, p_E=0.5, r0=0.2)
    -6.0
    """
    return CommitmentModel(**parameters).expected_utility(c)
