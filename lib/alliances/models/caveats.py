"""National caveats as weak commitment: troops sent, but restricted in use (our formalization).

In Afghanistan many Allies sent troops to ISAF but restricted how, when and where they
could be used ("national caveats"); the Riga summit of 28-29 November 2006 agreed to
remove *some* of them (``data/case_study_timeline.csv``). This module is **our
formalization** of why an ally
would do that, built on the commitment model of notebook 03
(:class:`alliances.models.commitment.CommitmentModel`, itself our formalization of Snyder 1984).

The commitment model has one level ``c`` that lowers the risk of abandonment and raises
the risk of entrapment together. A caveat splits it in two. The ally chooses

* ``t`` in [0, 1]: the troops it sends, as a share of its deployable force, at a cost
  ``k t``;
* ``q`` in [0, 1]: the share of them under caveats (kept out of the fighting).

Then

* its **exposure** ``x = t (1 - q)``, the troops that can be sent into combat, drives the
  entrapment risk ``P_E(x)``: restricted troops cannot drag it into the patron's fight;
* its **loyalty** ``y = t (1 - q) + kappa t q``, the commitment the patron sees, drives the
  abandonment risk ``P_A(y)``: a restricted soldier earns the fraction ``kappa`` (the
  *credit*, in [0, 1]) of the goodwill of a soldier who fights;
* ``EU(t, q) = V - L_A P_A(y) - L_E P_E(x) - k t``, with ``P_A`` and ``P_E`` exactly as in
  the commitment model.

With caveats banned (``q = 0``) both are ``t`` and the model *is* the commitment model,
whose :meth:`~alliances.models.commitment.CommitmentModel.best` gives the best level. What the
split shows:

* with ``kappa = 0`` (the patron counts only troops that fight) a caveat buys nothing, and
  the ally sends fewer troops rather than restricted ones: no caveats;
* with ``kappa > 0`` and a fear of entrapment, restricted troops buy loyalty without
  exposure, and the ally sends *more* troops but restricts many of them;
* what the alliance loses is **usable** troops: ``x`` with caveats allowed against ``c*``
  with caveats banned.

The risks must be concave (``alpha >= 1`` and ``beta >= 1``): then the best choice is
found exactly (nested first-order conditions solved by Brent's method, with ties
reported). These functional forms are illustrative, like those of the commitment model.

Examples
--------
>>> model = CaveatModel()                 # L_A p_A = 5, L_E p_E (1 - r0) = 4, k = 3
>>> best = model.best()
>>> round(best.troops, 4), round(best.caveats, 4), round(best.usable, 4)
(0.6667, 0.625, 0.25)
>>> round(model.commitment.best().c_star, 4)      # caveats banned: 7/18
0.3889
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from alliances._validation import check_real
from alliances.i18n import _, number
from alliances.models.commitment import CommitmentModel
from alliances.models.commitment_result import CommitmentResult

__all__ = ["DEFAULT_COMMITMENT", "CaveatModel", "CaveatComparison"]

#: The commitment model the caveat model starts from: the default of notebook 03 with a
#: higher cost of troops (k = 3), so that the best deployment is inside (0, 1).
DEFAULT_COMMITMENT = CommitmentModel(L_A=10.0, L_E=10.0, p_A=0.5, p_E=0.5, r0=0.2, k=3.0,
                                     alpha=2.0, beta=2.0)

_TOL = 1e-12


def _pct(share: float) -> str:
    """A share as a percentage with at most one decimal: 0.625 -> '62.5', 0.4 -> '40'."""
    whole = f"{100 * share:.1f}".endswith(".0")
    return number(100 * share, ".0f" if whole else ".1f")


def _share(value: object, name: str) -> float | np.ndarray:
    """A share in [0, 1], or an array of them."""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
            value, (bool, np.bool_)):
        return check_real(value, name, minimum=0.0, maximum=1.0)
    if value is None or isinstance(value, (str, bytes, bool, np.bool_, dict, set)):
        raise TypeError(_("{name} must be a number or an array of numbers in [0, 1]; "
                          "got {kind} {value}").format(
                          name=name, kind=type(value).__name__, value=repr(value)))
    array = np.asarray(value)
    if array.dtype == bool or array.dtype.kind not in "iuf":
        raise TypeError(_("{name} must contain numbers in [0, 1]; got dtype "
                          "{array_dtype}").format(name=name, array_dtype=array.dtype))
    array = array.astype(float)
    if not np.all(np.isfinite(array)) or (array.size and (array.min() < 0 or array.max() > 1)):
        raise ValueError(_("{name} must contain finite numbers in [0, 1]").format(name=name))
    return array


@dataclass(frozen=True)
class _CaveatResult:
    """The ally's best deployment with caveats allowed.

    Attributes
    ----------
    troops : float
        ``t*``, troops sent as a share of the deployable force (the smallest of several
        equally good levels, see ``troops_interval``).
    caveats : float
        ``q*``, the share of them under caveats (0 when no troops are sent).
    usable : float
        ``t* (1 - q*)``: troops the alliance can send into combat (the exposure).
    loyalty : float
        ``t* (1 - q*) + kappa t* q*``: the commitment the patron credits.
    expected_utility, abandonment_risk, entrapment_risk : float
        At the best choice.
    troops_interval : tuple of float or None
        When every troop level in an interval is equally good (a tie), its ends.
    caveats_interval : tuple of float or None
        When every caveat share in an interval is equally good, its ends.
    explanation : str
        Why the ally chooses this, in words.
    """

    troops: float
    caveats: float
    usable: float
    loyalty: float
    expected_utility: float
    abandonment_risk: float
    entrapment_risk: float
    troops_interval: tuple[float, float] | None
    caveats_interval: tuple[float, float] | None
    explanation: str

    @property
    def restricted(self) -> float:
        """Troops sent but under caveats: ``t* q*``.

        Examples
        --------
        >>> round(CaveatModel().best().restricted, 4)
        0.4167
        """
        return self.troops - self.usable


@dataclass(frozen=True)
class CaveatComparison:
    """The ally's best choice with caveats allowed and with caveats banned.

    Attributes
    ----------
    allowed : _CaveatResult
    banned : CommitmentResult
        The commitment model's best level ``c*`` (troops sent, all usable).

    Examples
    --------
    >>> comparison = CaveatModel().compare()
    >>> round(comparison.allowed.troops, 2), round(comparison.banned.c_star, 2)
    (0.67, 0.39)
    """

    allowed: _CaveatResult
    banned: CommitmentResult

    @property
    def usable_lost(self) -> float:
        """What caveats cost the alliance in usable troops: ``c* - t* (1 - q*)``.

        Examples
        --------
        >>> round(CaveatModel().compare().usable_lost, 4)     # 7/18 - 1/4
        0.1389
        """
        return self.banned.c_star - self.allowed.usable

    @property
    def extra_troops(self) -> float:
        """How many more troops the ally sends when it may restrict them: ``t* - c*``.

        Examples
        --------
        >>> round(CaveatModel().compare().extra_troops, 4)    # 2/3 - 7/18
        0.2778
        """
        return self.allowed.troops - self.banned.c_star

    @property
    def ally_gain(self) -> float:
        """What the freedom to restrict is worth to the ally: ``EU`` allowed minus banned.

        Never negative: a ban only removes options.

        Examples
        --------
        >>> CaveatModel().compare().ally_gain > 0
        True
        """
        return self.allowed.expected_utility - self.banned.expected_utility

    @property
    def summary(self) -> str:
        """One sentence: what the ally does, and what caveats cost the alliance.

        Examples
        --------
        >>> print(CaveatModel().compare().summary)
        With caveats allowed the ally sends 0.67 of its deployable force and restricts 62.5 %
        of it, so 0.25 can fight; with caveats banned it would send 0.39, all usable:
        caveats cost the alliance 0.14 in usable troops.
        """
        a, b = self.allowed, self.banned.c_star
        low, high = a.troops_interval or (0.0, 0.0)
        if a.troops_interval is not None:
            first = _("The ally is indifferent between sending {low} and {high} of its "
                      "deployable force (a tie; {troops} shown)")
        elif a.troops == 0.0:
            first = _("The ally sends no troops even when it may restrict them")
        elif a.caveats == 0.0:
            first = _("The ally sends {troops} of its deployable force with no caveats")
        else:
            first = _("With caveats allowed the ally sends {troops} of its deployable force and "
                      "restricts {caveats} % of it, so {usable} can fight")
        banned = (_("with caveats banned it would send {b}, all usable")
                  if not self.banned.every_level_optimal and len(self.banned.maximisers) == 1
                  else _("with caveats banned several troop levels tie ({b} shown)"))
        lost = self.usable_lost
        if abs(lost) < 5e-3:
            cost = _("caveats cost the alliance no usable troops")
        elif lost > 0:
            cost = _("caveats cost the alliance {lost} in usable troops")
        else:
            cost = _("caveats add {gained} usable troops")
        return _("{first}; {banned}: {cost}.").format(
            first=first.format(low=number(low, ".2f"), high=number(high, ".2f"),
                               troops=number(a.troops, ".2f"), caveats=_pct(a.caveats),
                               usable=number(a.usable, ".2f")),
            banned=banned.format(b=number(b, ".2f")),
            cost=cost.format(lost=number(lost, ".2f"), gained=number(-lost, ".2f")))


@dataclass(frozen=True)
class CaveatModel:
    """Troops sent and caveats on their use: the commitment model split in two.

    Parameters
    ----------
    commitment : CommitmentModel
        Losses, probabilities, the ally's recklessness ``r0``, the cost of troops ``k``
        and the curvatures; ``alpha`` and ``beta`` must be at least 1 (concave risks).
        Default: :data:`DEFAULT_COMMITMENT`.
    credit : float
        ``kappa`` in [0, 1]: the goodwill a restricted soldier earns with the patron, as
        a fraction of a soldier who fights. 0: the patron counts only troops that fight;
        1: it counts flags.

    Examples
    --------
    >>> model = CaveatModel(credit=0.5)
    >>> model.loyalty(0.8, 0.5), model.exposure(0.8, 0.5)        # 0.4 + 0.5 * 0.4; 0.4
    (0.6, 0.4)
    >>> CaveatModel(CommitmentModel(alpha=0.5))
    Traceback (most recent call last):
    ...
    ValueError: commitment.alpha must be >= 1 for the caveat model (concave risks); got 0.5
    """

    commitment: CommitmentModel = DEFAULT_COMMITMENT
    credit: float = 0.6

    def __post_init__(self) -> None:
        if not isinstance(self.commitment, CommitmentModel):
            raise TypeError(_("commitment must be a CommitmentModel; got {kind}").format(
                              kind=type(self.commitment).__name__))
        for name in ("alpha", "beta"):
            value = getattr(self.commitment, name)
            if value < 1.0:
                raise ValueError(_("commitment.{name} must be >= 1 for the caveat model "
                                   "(concave risks); got {value}").format(
                                   name=name, value=number(value, "g")))
        object.__setattr__(self, "credit", check_real(self.credit, "credit", minimum=0.0,
                                                      maximum=1.0))

    def replace(self, **changes: float) -> CaveatModel:
        """A copy with ``credit`` or any parameter of the commitment model changed.

        Examples
        --------
        >>> model = CaveatModel().replace(credit=0.2, L_E=4)
        >>> model.credit, model.commitment.L_E
        (0.2, 4.0)
        """
        credit = changes.pop("credit", self.credit)
        return dataclasses.replace(self, commitment=self.commitment.replace(**changes),
                                   credit=credit)

    # ------------------------------------------------------------------ the split
    def exposure(self, troops: object, caveats: object) -> float | np.ndarray:
        """``x = t (1 - q)``: the troops that can fight (drives the entrapment risk).

        Examples
        --------
        >>> CaveatModel().exposure([0.5, 1.0], 0.5).tolist()
        [0.25, 0.5]
        """
        t, q = _share(troops, "troops"), _share(caveats, "caveats")
        value = np.asarray(t) * (1.0 - np.asarray(q))
        return float(value) if np.ndim(value) == 0 else value

    def loyalty(self, troops: object, caveats: object) -> float | np.ndarray:
        """``y = t (1 - q) + kappa t q``: the commitment the patron credits.

        Examples
        --------
        >>> CaveatModel(credit=1.0).loyalty(0.5, 1.0), CaveatModel(credit=0.0).loyalty(0.5, 1.0)
        (0.5, 0.0)
        """
        t, q = _share(troops, "troops"), _share(caveats, "caveats")
        value = np.asarray(t) * (1.0 - (1.0 - self.credit) * np.asarray(q))
        return float(np.clip(value, 0, 1)) if np.ndim(value) == 0 else np.clip(value, 0, 1)

    def expected_utility(self, troops: object, caveats: object) -> float | np.ndarray:
        """``EU(t, q) = V - L_A P_A(y) - L_E P_E(x) - k t``, vectorised (broadcasting).

        With ``q = 0`` it equals the commitment model's ``EU(t)``.

        Examples
        --------
        >>> model = CaveatModel()
        >>> model.expected_utility(0.5, 0.0) == model.commitment.expected_utility(0.5)
        True
        """
        m = self.commitment
        t = np.asarray(_share(troops, "troops"))
        y = np.asarray(self.loyalty(troops, caveats))
        x = np.asarray(self.exposure(troops, caveats))
        value = (m.V - m.L_A * np.asarray(m.abandonment_risk(y))
                 - m.L_E * np.asarray(m.entrapment_risk(x)) - m.k * t)
        return float(value) if np.ndim(value) == 0 else value

    # ------------------------------------------------------------------ the optimum
    def _inner_slope(self, t: float, x: float) -> float:
        """d EU / d x at troops ``t``, exposure ``x`` (loyalty moves by 1 - kappa)."""
        m, kappa = self.commitment, self.credit
        y = kappa * t + (1.0 - kappa) * x
        a, e = m.abandonment_stake, m.entrapment_stake
        gain = a * m.alpha * (1.0 - kappa) * max(1.0 - y, 0.0) ** (m.alpha - 1.0) if a else 0.0
        loss = e * m.beta * x ** (m.beta - 1.0) if e else 0.0
        return gain - loss

    def _inner_flat(self) -> bool:
        """Whether EU does not depend on the caveat share at all (any q is as good)."""
        m = self.commitment
        a_part = m.abandonment_stake * (1.0 - self.credit)
        e = m.entrapment_stake
        scale = max(1.0, a_part, e)
        if abs(a_part) <= _TOL * scale and abs(e) <= _TOL * scale:
            return True
        return m.alpha == 1.0 and m.beta == 1.0 and abs(a_part - e) <= 1e-9 * scale

    def _inner(self, t: float) -> tuple[float, bool]:
        """The best exposure for troops ``t``, and whether it is the corner ``x = t``."""
        if self._inner_flat() or self._inner_slope(t, t) >= 0.0:
            return t, True
        if self._inner_slope(t, 0.0) <= 0.0:
            return 0.0, False
        root = brentq(lambda x: self._inner_slope(t, x), 0.0, t, xtol=1e-14, rtol=1e-14,
                      maxiter=500)
        return float(root), False

    def _outer_slope(self, t: float) -> float:
        """d EU / d t with the caveats chosen best (the envelope theorem)."""
        m, kappa = self.commitment, self.credit
        a, e = m.abandonment_stake, m.entrapment_stake
        x, corner = self._inner(t)
        if corner:                         # no caveats: loyalty = exposure = t
            gain = a * m.alpha * (1.0 - t) ** (m.alpha - 1.0) if a else 0.0
            loss = e * m.beta * t ** (m.beta - 1.0) if e else 0.0
            return gain - loss - m.k
        y = kappa * t + (1.0 - kappa) * x
        gain = a * m.alpha * kappa * (1.0 - y) ** (m.alpha - 1.0) if a else 0.0
        return gain - m.k

    def best(self) -> _CaveatResult:
        """The ally's best troops ``t*`` and caveat share ``q*``, with ties reported.

        Examples
        --------
        With no credit for restricted troops, the ally imposes no caveats and the model
        gives the commitment model's ``c*``:

        >>> model = CaveatModel(credit=0.0)
        >>> best = model.best()
        >>> best.caveats, round(best.troops, 6) == round(model.commitment.best().c_star, 6)
        (0.0, True)

        A flat case: no fear of entrapment and no credit lost by restricting: any caveat
        share is as good.

        >>> CaveatModel(DEFAULT_COMMITMENT.replace(L_E=0), credit=1.0).best().caveats_interval
        (0.0, 1.0)
        """
        m = self.commitment
        scale = max(1.0, m.abandonment_stake, m.entrapment_stake, m.k)
        tol = 1e-9 * scale
        at_zero, at_one = self._outer_slope(0.0), self._outer_slope(1.0)
        interval = None
        if at_zero < -tol:
            t_star = 0.0
        elif at_one > tol:
            t_star = 1.0
        else:
            low = 0.0 if at_zero <= tol else brentq(lambda t: self._outer_slope(t) - tol,
                                                    0.0, 1.0, xtol=1e-14)
            high = 1.0 if at_one >= -tol else brentq(lambda t: self._outer_slope(t) + tol,
                                                     0.0, 1.0, xtol=1e-14)
            if high - low > 1e-6:
                interval = (float(low), float(high))
                t_star = float(low)
            elif at_zero > 0.0 > at_one:
                t_star = float(brentq(self._outer_slope, 0.0, 1.0, xtol=1e-14, rtol=1e-14))
            else:
                t_star = float(low)
        x, _unused = self._inner(t_star)
        caveats = 0.0 if t_star == 0.0 else float(min(max(1.0 - x / t_star, 0.0), 1.0))
        some_troops = t_star > 0.0 or interval is not None
        caveat_interval = (0.0, 1.0) if (some_troops and self._inner_flat()) else None
        return self._result(t_star, caveats, interval, caveat_interval)

    def _result(self, t: float, q: float, troops_interval: tuple[float, float] | None,
                caveats_interval: tuple[float, float] | None) -> _CaveatResult:
        m = self.commitment
        x = float(self.exposure(t, q))
        y = float(self.loyalty(t, q))
        return _CaveatResult(
            troops=t, caveats=q, usable=x, loyalty=y,
            expected_utility=float(self.expected_utility(t, q)),
            abandonment_risk=float(m.abandonment_risk(y)),
            entrapment_risk=float(m.entrapment_risk(x)),
            troops_interval=troops_interval, caveats_interval=caveats_interval,
            explanation=self._explain(t, q, troops_interval, caveats_interval))

    def _explain(self, t: float, q: float, troops_interval: tuple[float, float] | None,
                 caveats_interval: tuple[float, float] | None) -> str:
        kappa = self.credit
        parts = []
        if troops_interval is not None:
            parts.append(_("Every troop level from {low} to {high} is equally good (a tie); the "
                           "smallest is shown"))
        if caveats_interval is not None:
            parts.append(_("the ally sends {t} of its deployable force and is indifferent to "
                           "caveats: restricting a soldier changes its expected utility not at "
                           "all (a tie; no caveats shown)") if t > 0.0 else
                         _("the ally is indifferent to caveats: restricting a soldier changes "
                           "its expected utility not at all (a tie; no caveats shown)"))
        elif t == 0.0 and troops_interval is None:
            parts.append(_("The ally sends no troops: even the first soldier costs more than "
                           "the goodwill it earns"))
        elif t == 0.0:
            pass
        elif q == 0.0:
            parts.append(_("The ally sends {t} of its deployable force with no caveats: a "
                           "restricted soldier earns only {kappa} of a fighting soldier's "
                           "goodwill, too little to pay for itself"))
        elif q >= 1.0 - 1e-12:
            parts.append(_("The ally sends {t} of its deployable force, all restricted: it buys "
                           "the patron's goodwill with flags alone"))
        else:
            parts.append(_("The ally sends {t} of its deployable force and restricts {q} % of "
                           "it: each restricted soldier still earns {kappa} of a fighting "
                           "soldier's goodwill with the patron but adds no entrapment risk"))
        low, high = troops_interval or (0.0, 0.0)
        text = "; ".join(parts).format(t=number(t, ".2f"), q=_pct(q), kappa=number(kappa, ".2f"),
                                       low=number(low, ".2f"), high=number(high, ".2f"))
        return text[0].upper() + text[1:] + "."

    def caveat_threshold(self) -> float:
        """The credit above which the ally imposes caveats (other parameters fixed).

        Start from the commitment model's best level ``c*`` (caveats banned). Restricting
        a soldier there lowers the entrapment loss by ``e beta c*^(beta-1)`` per unit and
        raises the abandonment loss by ``(1 - kappa) a alpha (1 - c*)^(alpha-1)``, where
        ``a = L_A p_A`` and ``e = L_E p_E (1 - r0)``. Caveats pay once the first exceeds the
        second, that is once

            kappa > 1 - e beta c*^(beta-1) / (a alpha (1 - c*)^(alpha-1)),

        clipped to [0, 1] (0: caveats pay whatever the credit; 1: they never pay).

        Raises
        ------
        ValueError
            If ``c*`` is not strictly between 0 and 1 (the ally sends no troops, or all of
            them, when caveats are banned), or there is no fear of abandonment.

        Examples
        --------
        >>> round(CaveatModel().caveat_threshold(), 4)       # 1 - (4 * 7/18) / (5 * 11/18)
        0.4909
        """
        m = self.commitment
        banned = m.best()
        c = banned.c_star
        if banned.every_level_optimal or len(banned.maximisers) > 1 or not 0.0 < c < 1.0:
            raise ValueError(_("the caveat threshold needs a unique best commitment "
                               "strictly between 0 and 1 when caveats are banned; got "
                               "c* = {c} ({case})").format(c=number(c, "g"), case=banned.case))
        a, e = m.abandonment_stake, m.entrapment_stake
        if a == 0.0:
            raise ValueError(_("the caveat threshold needs a fear of abandonment (L_A "
                               "p_A > 0)"))
        saved = e * m.beta * c ** (m.beta - 1.0) if e else 0.0
        lost = a * m.alpha * (1.0 - c) ** (m.alpha - 1.0)
        return float(min(max(1.0 - saved / lost, 0.0), 1.0))

    def compare(self) -> CaveatComparison:
        """The best choice with caveats allowed, beside the commitment model's (banned).

        Examples
        --------
        >>> comparison = CaveatModel(credit=0.0).compare()
        >>> abs(comparison.usable_lost) < 1e-9, abs(comparison.ally_gain) < 1e-9
        (True, True)
        """
        return CaveatComparison(self.best(), self.commitment.best())
