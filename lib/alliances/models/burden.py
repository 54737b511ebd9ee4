"""Burden sharing: Olson and Zeckhauser's (1966) alliance as a public good.

Alliance defence is a *pure public good* among the allies: every ally is protected by
the total ``X = x_1 + ... + x_n`` whoever paid for it. Olson and Zeckhauser (1966) argue
that each ally, choosing its own contribution ``x_i`` while taking the others' as given,
weighs only its *own* benefit against the full cost, so that the alliance provides less
defence than its members together would want (sub-optimality) and the large ally pays a
larger share of its income than the small ones ("the exploitation of the great by the
small").

The functional forms here are **our formalization** (the usual textbook rendering,
``notebooks/theory_notes.md``, section "Burden sharing"), not equations printed in the
article. Ally ``i`` with income ``Y_i`` has Cobb-Douglas utility::

    U_i = alpha * ln(X) + (1 - alpha) * ln(Y_i - x_i),      0 < alpha < 1,

where ``alpha`` is the weight of security in the ally's preferences. Maximising over
``x_i >= 0`` with the others' total ``X_-i`` fixed gives the best response::

    x_i = max(0, alpha * Y_i - (1 - alpha) * X_-i).

**Nash equilibrium with n allies (closed form).** If the set of allies who contribute is
``C`` with ``k`` members, each contributor's first-order condition says that its private
consumption is ``Y_i - x_i = (1 - alpha) X / alpha =: t``; summing ``x_i = Y_i - t``
over ``C`` gives::

    X = alpha * Y_C / (alpha + k * (1 - alpha)),    Y_C = sum of the contributors' incomes.

An ally contributes exactly when its income is above the threshold ``t``, so the
contributors are the *richest* ``k`` allies, for the one ``k`` at which the ``k``-th
richest is above ``t`` and the next one is not (an ally exactly at ``t`` contributes
nothing either way). With two allies this is the formula of the theory notes:
``x_1 = (Y_1 - (1 - alpha) Y_2) / (2 - alpha)``, and the small ally pays nothing when
``Y_2 <= (1 - alpha) Y_1``. The equilibrium is unique (Bergstrom, Blume and Varian 1986).

**Efficient (Samuelson) provision.** Efficiency requires the allies' marginal rates of
substitution to sum to one (Samuelson 1954). With these preferences that gives
``X* = alpha * (Y_1 + ... + Y_n)`` whoever pays; one efficient split is ``x_i = alpha *
Y_i``, an equal burden for all (the Lindahl allocation). The Nash total is below ``X*``
whenever two or more allies have income: that gap is the under-provision.

:func:`nash_equilibrium_numerical` finds the same equilibrium by iterating best
responses, with no use of the closed form, so that each checks the other.

Examples
--------
The theory notes' check: alpha = 0.1, Y = (10, 1). The small ally pays nothing.

>>> eq = nash_equilibrium(0.1, [10, 1])
>>> eq.contributions, eq.burdens
((1.0, 0.0), (0.1, 0.0))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from alliances._validation import InputError, check_real, short_repr
from alliances.i18n import _

if TYPE_CHECKING:
    import pandas

__all__ = ["Equilibrium", "best_response", "reaction_curve", "aggregate_reaction", "utility",
           "two_ally_equilibrium", "nash_equilibrium", "nash_equilibrium_numerical",
           "efficient_total", "equal_burden_contributions", "corner_income"]


# ------------------------------------------------------------------------- validation
def _check_alpha(alpha: object, name: str = "alpha") -> float:
    return check_real(alpha, name, minimum=0.0, maximum=1.0, allow_equal_min=False,
                      allow_equal_max=False)


def _check_incomes(incomes: object, name: str = "incomes") -> np.ndarray:
    """A 1-D array of one or more finite, positive incomes."""
    if incomes is None or isinstance(incomes, (str, bytes, dict, set)) or not isinstance(
            incomes, (Sequence, np.ndarray)):
        raise TypeError(_("{name} must be a list of positive numbers, one per ally; got "
                          "{kind} {incomes}").format(
                          name=name, kind=type(incomes).__name__, incomes=short_repr(incomes)))
    values = [check_real(v, f"{name}[{i}]", minimum=0.0, allow_equal_min=False)
              for i, v in enumerate(np.asarray(incomes, dtype=object).ravel())]
    if np.ndim(incomes) != 1:
        raise ValueError(_("{name} must be a flat list of numbers, one per ally; got "
                           "shape {shape}").format(name=name, shape=np.shape(incomes)))
    if not values:
        raise ValueError(_("{name} must name at least one ally; got an empty list").format(
                           name=name))
    return np.array(values, dtype=float)


def _float_array(value: object, name: str) -> np.ndarray:
    """``value`` as a float array of finite numbers, or an error naming ``name``."""
    if value is None or isinstance(value, (str, bytes, dict, set)):
        raise TypeError(_("{name} must be a number or an array of numbers; got {kind} "
                          "{value}").format(
                          name=name, kind=type(value).__name__, value=short_repr(value)))
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError) as error:
        raise TypeError(_("{name} must be a number or an array of numbers; got {value}").format(
                          name=name, value=short_repr(value))) from error
    if not np.all(np.isfinite(array)):
        raise ValueError(_("{name} must be finite; got {array}").format(
                           name=name, array=short_repr(array.tolist())))
    return array


def _check_alphas(alpha: object, count: int) -> np.ndarray:
    """One alpha for every ally: a number (shared) or a list of ``count`` numbers."""
    if isinstance(alpha, (Sequence, np.ndarray)) and not isinstance(alpha, (str, bytes)):
        values = list(np.asarray(alpha, dtype=object).ravel())
        if len(values) != count:
            raise ValueError(_("alpha must be one number or one per ally ({count}); got "
                               "{n_values} values").format(count=count, n_values=len(values)))
        return np.array([_check_alpha(v, f"alpha[{i}]") for i, v in enumerate(values)])
    return np.full(count, _check_alpha(alpha))


# ----------------------------------------------------------------------------- model
def best_response(alpha: float, income: float, others: float) -> float:
    """An ally's best contribution, given the total that the other allies contribute.

    ``x = max(0, alpha * income - (1 - alpha) * others)`` maximises
    ``alpha ln(x + others) + (1 - alpha) ln(income - x)`` over ``x >= 0`` (our
    formalization of Olson and Zeckhauser's model; see the module docstring). Each
    unit the others add lowers the best response by ``1 - alpha``: allies free-ride on
    one another.

    Parameters
    ----------
    alpha : float
        Weight of security in the ally's preferences, strictly between 0 and 1.
    income : float
        The ally's income, positive.
    others : float
        The other allies' total contribution, zero or more.

    Returns
    -------
    float

    Examples
    --------
    >>> best_response(0.1, 10, 0)
    1.0
    >>> best_response(0.1, 10, 0.5)     # 1 - 0.9 * 0.5
    0.55
    >>> best_response(0.1, 1, 1.0)      # the others already provide more than it wants
    0.0
    >>> best_response(1.2, 10, 0)
    Traceback (most recent call last):
    ...
    alliances.InputError: alpha must be < 1.0; got 1.2
    """
    a = _check_alpha(alpha)
    y = check_real(income, "income", minimum=0.0, allow_equal_min=False)
    o = check_real(others, "others", minimum=0.0)
    return max(0.0, a * y - (1.0 - a) * o)


def reaction_curve(alpha: float, income: float, others: object) -> np.ndarray:
    """The best response at each value of the others' total: a reaction curve.

    Parameters
    ----------
    alpha, income : float
        As in :func:`best_response`.
    others : array_like
        Values of the others' total contribution, each zero or more.

    Returns
    -------
    numpy.ndarray
        The best response at each value, same shape as ``others``.

    Examples
    --------
    >>> reaction_curve(0.5, 4, [0, 1, 2, 3]).tolist()
    [2.0, 1.5, 1.0, 0.5]
    >>> reaction_curve(0.5, 4, [-1])
    Traceback (most recent call last):
    ...
    alliances.InputError: others must be >= 0; got [-1.0]
    """
    a = _check_alpha(alpha)
    y = check_real(income, "income", minimum=0.0, allow_equal_min=False)
    grid = _float_array(others, "others")
    if np.any(grid < 0):
        raise InputError(_("others must be >= 0; got {value}").format(
                           value=short_repr(grid[grid < 0].tolist())))
    return np.maximum(0.0, a * y - (1.0 - a) * grid)


def utility(alpha: float, income: float, own: float, others: float) -> float:
    """An ally's utility ``alpha ln(X) + (1 - alpha) ln(income - own)``, X = own + others.

    Returns ``-inf`` when the alliance provides nothing (X = 0) or the ally spends its
    whole income.

    Examples
    --------
    >>> round(utility(0.5, 4, 1, 1), 6)      # 0.5 ln 2 + 0.5 ln 3
    0.89588
    >>> utility(0.5, 4, 5, 0)
    Traceback (most recent call last):
    ...
    alliances.InputError: own must be <= 4.0; got 5.0
    """
    a = _check_alpha(alpha)
    y = check_real(income, "income", minimum=0.0, allow_equal_min=False)
    x = check_real(own, "own", minimum=0.0, maximum=y)
    o = check_real(others, "others", minimum=0.0)
    total, private = x + o, y - x
    if total == 0.0 or private == 0.0:
        return -math.inf
    return a * math.log(total) + (1.0 - a) * math.log(private)


def _equilibrium_total(alpha: float, incomes: np.ndarray, gift: np.ndarray) -> np.ndarray:
    """Nash total X of allies with a common ``alpha``, given outside contributions ``gift``.

    Contributors are the richest k allies; with k of them X = alpha (Y_C + gift) /
    (alpha + k (1 - alpha)) and the threshold is t = (1 - alpha) X / alpha. The k that
    works (ally k above t, ally k + 1 not) is unique up to allies exactly at t, who
    contribute nothing for either choice of k.
    """
    y = np.sort(incomes)[::-1]
    gift = np.asarray(gift, dtype=float)
    flat = np.atleast_1d(gift).ravel()
    ratio = (1.0 - alpha) / alpha
    result = np.full(flat.shape, np.nan)
    cumulative = np.concatenate([[0.0], np.cumsum(y)])
    # First strictly; then, for rounding exactly at a threshold, with a tiny tolerance.
    for slack in (0.0, 1e-9):
        for k in range(len(y) + 1):
            total = alpha * (cumulative[k] + flat) / (alpha + k * (1.0 - alpha))
            threshold = ratio * total
            ok = np.isnan(result)
            if k > 0:
                ok &= y[k - 1] > threshold * (1.0 - slack)
            if k < len(y):
                ok &= y[k] <= threshold * (1.0 + slack)
            result[ok] = total[ok]
        if not np.isnan(result).any():
            return result.reshape(gift.shape)
    raise RuntimeError(  # pragma: no cover - excluded by the argument in the docstring
        _("no set of contributors satisfies the equilibrium conditions"))


@dataclass(frozen=True)
class Equilibrium:
    """A Nash equilibrium of the alliance public-good game.

    Attributes
    ----------
    alphas : tuple of float
        Each ally's weight of security (all equal for the closed form).
    incomes : tuple of float
    contributions : tuple of float
        Each ally's defence spending ``x_i`` in equilibrium.
    method : str
        ``"closed form"`` or ``"iterated best responses"``.
    iterations : int
        Sweeps of best responses used (0 for the closed form).

    Examples
    --------
    >>> eq = nash_equilibrium(0.2, [10, 9])
    >>> [round(x, 4) for x in eq.contributions]
    [1.5556, 0.5556]
    >>> round(eq.total, 4), round(eq.efficient_total, 4), round(eq.gap, 4)
    (2.1111, 3.8, 1.6889)
    >>> eq.contributors
    (0, 1)
    """

    alphas: tuple[float, ...]
    incomes: tuple[float, ...]
    contributions: tuple[float, ...]
    method: str = "closed form"
    iterations: int = 0

    @property
    def n(self) -> int:
        """The number of allies."""
        return len(self.incomes)

    @property
    def total(self) -> float:
        """The alliance's total defence ``X``."""
        return float(sum(self.contributions))

    @property
    def burdens(self) -> tuple[float, ...]:
        """Each ally's defence as a share of its income, ``x_i / Y_i`` (O&Z's burden)."""
        return tuple(x / y for x, y in zip(self.contributions, self.incomes))

    @property
    def shares(self) -> tuple[float, ...]:
        """Each ally's share of the alliance's total defence, ``x_i / X``."""
        total = self.total
        return tuple(x / total for x in self.contributions)

    @property
    def income_shares(self) -> tuple[float, ...]:
        """Each ally's share of the allies' total income."""
        total = sum(self.incomes)
        return tuple(y / total for y in self.incomes)

    @property
    def contributors(self) -> tuple[int, ...]:
        """Indices of the allies who contribute a positive amount."""
        scale = max(self.incomes)
        return tuple(i for i, x in enumerate(self.contributions) if x > 1e-12 * scale)

    @property
    def free_riders(self) -> tuple[int, ...]:
        """Indices of the allies who contribute nothing."""
        return tuple(i for i in range(self.n) if i not in self.contributors)

    @property
    def common_alpha(self) -> bool:
        """Whether every ally has the same ``alpha``."""
        return len(set(self.alphas)) == 1

    @property
    def efficient_total(self) -> float:
        """The Samuelson provision ``alpha * sum(Y)`` (common ``alpha`` only).

        Raises
        ------
        ValueError
            If the allies' ``alpha`` differ: the efficient total then depends on who
            pays, and no single number describes it.
        """
        if not self.common_alpha:
            raise ValueError(_("alphas differ across allies: the efficient total then "
                               "depends on how the cost is split, so it is not one "
                               "number"))
        return self.alphas[0] * sum(self.incomes)

    @property
    def gap(self) -> float:
        """Under-provision: the efficient total minus the Nash total."""
        return self.efficient_total - self.total

    def table(self) -> pandas.DataFrame:
        """One row per ally: income, defence, burden and shares, all shares in % (for display).

        pandas is imported here, for this display only: the model itself does not need it.

        Examples
        --------
        >>> table = nash_equilibrium(0.1, [10, 1]).table()
        >>> table["burden %"].tolist(), table.index.name
        ([10.0, 0.0], 'ally')
        """
        import pandas as pd

        return pd.DataFrame({
            "income": self.incomes,
            "defence": self.contributions,
            "burden %": [100 * b for b in self.burdens],
            "share of defence %": [100 * s for s in self.shares],
            "share of income %": [100 * s for s in self.income_shares],
        }, index=pd.RangeIndex(1, self.n + 1, name="ally"))

    @property
    def sum_of_mrs(self) -> float:
        """The allies' marginal rates of substitution, summed, at the equilibrium.

        Efficiency (Samuelson) needs 1; each contributor's own MRS is 1 at the Nash
        equilibrium, so with two or more allies the sum exceeds 1: under-provision.
        """
        total = self.total
        return float(sum(a * (y - x) / ((1.0 - a) * total)
                         for a, y, x in zip(self.alphas, self.incomes, self.contributions)))


def _equilibrium(alphas: np.ndarray, incomes: np.ndarray, contributions: np.ndarray,
                 method: str, iterations: int = 0) -> Equilibrium:
    return Equilibrium(tuple(float(a) for a in alphas), tuple(float(y) for y in incomes),
                       tuple(float(x) for x in contributions), method, iterations)


def nash_equilibrium(alpha: float, incomes: Sequence[float]) -> Equilibrium:
    """The Nash equilibrium of n allies with a common ``alpha``, in closed form.

    The richest ``k`` allies contribute ``x_i = Y_i - (1 - alpha) X / alpha`` and the
    others nothing, with ``X = alpha * Y_C / (alpha + k (1 - alpha))`` (derivation in
    the module docstring; our formalization of Olson and Zeckhauser 1966).

    Parameters
    ----------
    alpha : float
        Weight of security, strictly between 0 and 1, the same for every ally.
    incomes : sequence of float
        One positive income per ally, in any order.

    Returns
    -------
    Equilibrium

    Examples
    --------
    >>> eq = nash_equilibrium(0.25, [12, 10, 2])   # the two richest contribute
    >>> [round(x, 4) for x in eq.contributions], eq.free_riders
    ([2.5714, 0.5714, 0.0], (2,))
    >>> eq = nash_equilibrium(0.5, [4, 4, 4])          # equal allies share equally
    >>> [round(x, 4) for x in eq.contributions]
    [1.0, 1.0, 1.0]
    >>> nash_equilibrium(0.5, [4, -1])
    Traceback (most recent call last):
    ...
    alliances.InputError: incomes[1] must be > 0.0; got -1.0
    """
    a = _check_alpha(alpha)
    y = _check_incomes(incomes)
    total = float(_equilibrium_total(a, y, np.array(0.0)))
    threshold = (1.0 - a) * total / a
    x = np.maximum(0.0, y - threshold)
    x[x <= 1e-12 * y.max()] = 0.0     # an ally at the threshold up to rounding pays nothing
    return _equilibrium(np.full(len(y), a), y, x, "closed form")


def two_ally_equilibrium(alpha: float, income_1: float, income_2: float) -> Equilibrium:
    """The two-ally equilibrium by the theory notes' formula, corners included.

    Interior: ``x_1 = (Y_1 - (1 - alpha) Y_2) / (2 - alpha)`` and symmetrically for
    ``x_2``. Corner: if ``Y_2 <= (1 - alpha) Y_1`` the small ally pays nothing and the
    large one pays ``alpha Y_1`` (and the other way round).

    Examples
    --------
    >>> two_ally_equilibrium(0.1, 10, 1).contributions
    (1.0, 0.0)
    >>> [round(x, 4) for x in two_ally_equilibrium(0.2, 10, 9).contributions]
    [1.5556, 0.5556]
    """
    a = _check_alpha(alpha)
    y1 = check_real(income_1, "income_1", minimum=0.0, allow_equal_min=False)
    y2 = check_real(income_2, "income_2", minimum=0.0, allow_equal_min=False)
    if y2 <= (1.0 - a) * y1:
        x1, x2 = a * y1, 0.0
    elif y1 <= (1.0 - a) * y2:
        x1, x2 = 0.0, a * y2
    else:
        x1 = (y1 - (1.0 - a) * y2) / (2.0 - a)
        x2 = (y2 - (1.0 - a) * y1) / (2.0 - a)
    return _equilibrium(np.array([a, a]), np.array([y1, y2]), np.array([x1, x2]),
                        "closed form")


def nash_equilibrium_numerical(alpha: float | Sequence[float], incomes: Sequence[float], *,
                               tol: float = 1e-12, max_sweeps: int = 200_000) -> Equilibrium:
    """The Nash equilibrium found by iterating best responses (no closed form used).

    Starting from nobody contributing, each ally in turn plays its best response to the
    others' current total (Gauss-Seidel sweeps) until no contribution moves by more than
    ``tol`` times the total. The best responses are a linear complementarity
    problem with a symmetric positive definite matrix, for which these sweeps converge;
    they are slow only when ``alpha`` is tiny. Unlike :func:`nash_equilibrium`, ``alpha``
    may differ across allies.

    Parameters
    ----------
    alpha : float or sequence of float
        One weight for all allies, or one per ally; each strictly between 0 and 1.
    incomes : sequence of float
        One positive income per ally.
    tol : float
        Convergence tolerance.
    max_sweeps : int
        Give up (RuntimeError) after this many sweeps.

    Returns
    -------
    Equilibrium

    Examples
    --------
    >>> eq = nash_equilibrium_numerical(0.2, [10, 9])
    >>> [round(x, 6) for x in eq.contributions], eq.method
    ([1.555556, 0.555556], 'iterated best responses')
    >>> eq = nash_equilibrium_numerical([0.1, 0.6], [10, 5])   # the small ally cares more
    >>> [round(x, 6) for x in eq.contributions]
    [0.0, 3.0]
    """
    y = _check_incomes(incomes)
    a = _check_alphas(alpha, len(y))
    tol = check_real(tol, "tol", minimum=0.0, allow_equal_min=False)
    if isinstance(max_sweeps, bool) or not isinstance(max_sweeps, int) or max_sweeps < 1:
        raise ValueError(_("max_sweeps must be a positive integer; got {max_sweeps}").format(
                           max_sweeps=repr(max_sweeps)))
    x = np.zeros(len(y))
    total = 0.0
    for sweep in range(1, max_sweeps + 1):
        largest_move = 0.0
        for i in range(len(y)):
            others = max(total - x[i], 0.0)
            new = max(0.0, a[i] * y[i] - (1.0 - a[i]) * others)
            largest_move = max(largest_move, abs(new - x[i]))
            total += new - x[i]
            x[i] = new
        total = float(x.sum())      # no drift from the running sum
        if largest_move <= tol * total:
            return _equilibrium(a, y, x, "iterated best responses", sweep)
    raise RuntimeError(_("best responses did not settle within {max_sweeps} sweeps "
                         "(alpha={a}, incomes={y})").format(
                         max_sweeps=max_sweeps, a=a.tolist(), y=y.tolist()))


def efficient_total(alpha: float, incomes: Sequence[float]) -> float:
    """The Samuelson (efficient) provision ``alpha * sum(incomes)``.

    Efficiency requires the allies' marginal rates of substitution between defence and
    private consumption to sum to one (Samuelson 1954). With Cobb-Douglas utility the
    MRS of ally i is ``alpha c_i / ((1 - alpha) X)``, where ``c_i`` is its private
    consumption; summing and using ``sum(c_i) = sum(Y_i) - X`` gives ``X = alpha sum(Y)``,
    however the cost is split.

    Examples
    --------
    >>> efficient_total(0.1, [10, 1])
    1.1
    """
    return _check_alpha(alpha) * float(_check_incomes(incomes).sum())


def equal_burden_contributions(alpha: float, incomes: Sequence[float]) -> tuple[float, ...]:
    """One efficient split: every ally pays ``alpha * Y_i``, the same share of its income.

    This is the Lindahl allocation of the model (each pays in proportion to its marginal
    benefit); it provides the efficient total.

    Examples
    --------
    >>> equal_burden_contributions(0.1, [10, 1])
    (1.0, 0.1)
    """
    a = _check_alpha(alpha)
    return tuple(float(a * y) for y in _check_incomes(incomes))


def corner_income(alpha: float, income_large: float) -> float:
    """The largest income at which a second ally pays nothing: ``(1 - alpha) * Y_1``.

    Examples
    --------
    >>> corner_income(0.2, 10)
    8.0
    """
    a = _check_alpha(alpha)
    return (1.0 - a) * check_real(income_large, "income_large", minimum=0.0,
                                  allow_equal_min=False)


def aggregate_reaction(alpha: float, other_incomes: Sequence[float],
                       contribution: object) -> np.ndarray:
    """The other allies' equilibrium total when one ally's contribution is fixed.

    For each value of ally 1's contribution, allies 2..n play their own Nash equilibrium
    among themselves, treating it as given. With one other ally this is simply its
    reaction curve; with several it is their joint ("aggregate") reaction. Where it
    crosses ally 1's reaction curve lies the equilibrium of the whole alliance.

    Parameters
    ----------
    alpha : float
    other_incomes : sequence of float
        Incomes of allies 2..n (at least one).
    contribution : array_like
        Values of ally 1's contribution, each zero or more.

    Returns
    -------
    numpy.ndarray
        The others' total at each value.

    Examples
    --------
    >>> aggregate_reaction(0.5, [4], [0, 1, 2]).tolist()      # one ally: its best response
    [2.0, 1.5, 1.0]
    >>> [round(float(v), 4) for v in aggregate_reaction(0.5, [4, 4], [0, 3])]
    [2.6667, 0.6667]
    """
    a = _check_alpha(alpha)
    y = _check_incomes(other_incomes, "other_incomes")
    given = _float_array(contribution, "contribution")
    if np.any(given < 0):
        raise ValueError(_("contribution must be finite and >= 0; got {given}").format(
                           given=short_repr(given.tolist())))
    return _equilibrium_total(a, y, given) - given
