"""Richardson's arms-race model: the spiral in its simplest formal form, and its fit to data.

Richardson (1960, *Arms and Insecurity*) writes each side's arming as a reaction to the
other's: ``dx/dt = k*y - a*x + g`` and ``dy/dt = l*x - b*y + h``. The *defence*
coefficients ``k`` and ``l`` are the spiral (each side arms because the other does), the
*fatigue* coefficients ``a`` and ``b`` the cost of arming, and ``g`` and ``h`` the
*grievances* that drive arming whatever the other does. The equilibrium is stable when
``a*b > k*l``: fatigue outweighs reaction, and a disturbance dies away instead of spiralling.

The course fits the yearly form ``x[t+1] - x[t] = k*y[t] - a*x[t] + g`` by ordinary least
squares, one equation per side, and reports every coefficient with its standard error
and a 95 % confidence interval. With three coefficients and some thirty yearly points
that share common trends and structural breaks, such fits are fragile; the notebook
shows how much, and this module gives the numbers to show it with. The yearly form and
the way it is fitted are **our formalization** for teaching, not Richardson's own
estimation.

Examples
--------
>>> is_stable(k=0.2, l=0.3, a=0.5, b=0.4)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from alliances._validation import check_real
from alliances.i18n import _

__all__ = ["RichardsonFit", "richardson_fit", "richardson_path", "is_stable"]

#: The coefficients of one fitted reaction equation, in the order of ``RichardsonFit``.
_COEFFICIENTS = ("k", "a", "g")


@dataclass(frozen=True)
class RichardsonFit:
    """One side's fitted reaction equation ``x[t+1] - x[t] = k*y[t] - a*x[t] + g``.

    Attributes
    ----------
    k, a, g : float
        Reaction to the other side, fatigue and grievance.
    se : dict
        Standard error of each coefficient.
    ci : dict
        95 % confidence interval of each coefficient, from the t distribution.
    n : int
        Number of yearly changes fitted (one fewer than the years).
    r_squared : float
        Share of the variance of the yearly changes that the equation explains.

    Examples
    --------
    >>> fit = richardson_fit([10, 11, 13, 14, 16, 17], [20, 21, 21, 23, 24, 26])
    >>> fit.n, round(fit.k, 2), round(fit.r_squared, 2)
    (5, 0.66, 0.45)
    """

    k: float
    a: float
    g: float
    se: dict
    ci: dict
    n: int
    r_squared: float

    def significant(self, name: str) -> bool:
        """Whether the 95 % interval of a coefficient excludes zero.

        Examples
        --------
        >>> richardson_fit([10, 11, 13, 14, 16, 17], [20, 21, 21, 23, 24, 26]).significant("k")
        False
        """
        if not isinstance(name, str) or name not in _COEFFICIENTS:
            raise ValueError(_("name must be one of {coefficients}; got {name}").format(
                               coefficients=_COEFFICIENTS, name=repr(name)))
        low, high = self.ci[name]
        return low > 0 or high < 0


def _series(values: object, name: str) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(_("{name} must be a sequence of numbers; got {kind}").format(
                          name=name, kind=type(values).__name__)) from None
    if array.ndim != 1:
        raise ValueError(_("{name} must be one-dimensional (one value a year); got "
                           "shape {array_shape}").format(name=name, array_shape=array.shape))
    if not np.all(np.isfinite(array)):
        raise ValueError(_("{name} must hold finite numbers only (a year without data "
                           "cannot be fitted: choose years with data); got {values}").format(
                           name=name, values=repr(values)))
    return array


def richardson_fit(x: object, y: object) -> RichardsonFit:
    """Fit side ``x``'s reaction to side ``y`` by ordinary least squares.

    Parameters
    ----------
    x, y : sequence of float
        The two sides' yearly spending, same years, same length, no gaps, at least six years
        (three coefficients need at least two degrees of freedom left over).

    Returns
    -------
    RichardsonFit

    Examples
    --------
    A series that grows by a quarter of the other side's level, less a tenth of its own:

    >>> y = [40, 42, 44, 46, 48, 50, 52]
    >>> x = [10.0]
    >>> for t in range(6):
    ...     x.append(x[-1] + 0.25 * y[t] - 0.1 * x[-1] + (t % 2) * 0.5)
    >>> fit = richardson_fit(x, y)
    >>> fit.n, fit.ci["k"][0] < 0.25 < fit.ci["k"][1]
    (6, True)
    """
    xs, ys = _series(x, "x"), _series(y, "y")
    if xs.shape != ys.shape:
        raise ValueError(_("x and y must cover the same years; got {xs_size} and "
                           "{ys_size} values").format(xs_size=xs.size, ys_size=ys.size))
    if xs.size < 6:
        raise ValueError(_("x and y need at least 6 years to fit three coefficients; "
                           "got {xs_size}").format(xs_size=xs.size))
    change = np.diff(xs)
    design = np.column_stack([ys[:-1], -xs[:-1], np.ones(xs.size - 1)])
    if np.linalg.matrix_rank(design) < 3:
        raise ValueError(_("x and y cannot be fitted: the other side's level, the own "
                           "level and a constant are collinear (for example a series "
                           "that never changes)"))
    coef, *_rest = np.linalg.lstsq(design, change, rcond=None)
    residuals = change - design @ coef
    n, dof = change.size, change.size - 3
    sigma2 = residuals @ residuals / dof
    cov = sigma2 * np.linalg.inv(design.T @ design)
    se = np.sqrt(np.diag(cov))
    quantile = special.stdtrit(dof, 0.975)              # the t distribution's quantile
    total = ((change - change.mean()) ** 2).sum()
    r2 = 1 - (residuals @ residuals) / total if total > 0 else float("nan")
    return RichardsonFit(
        k=float(coef[0]), a=float(coef[1]), g=float(coef[2]),
        se={name: float(s) for name, s in zip(_COEFFICIENTS, se)},
        ci={name: (float(c - quantile * s), float(c + quantile * s))
            for name, c, s in zip(_COEFFICIENTS, coef, se)},
        n=int(n), r_squared=float(r2))


def is_stable(k: float, l: float, a: float, b: float) -> bool:
    """Richardson's condition for a stable equilibrium: fatigue outweighs reaction, ``a*b > k*l``.

    Examples
    --------
    >>> is_stable(k=0.2, l=0.3, a=0.5, b=0.4), is_stable(k=0.6, l=0.5, a=0.5, b=0.4)
    (True, False)
    """
    k, l = check_real(k, "k"), check_real(l, "l")
    a, b = check_real(a, "a"), check_real(b, "b")
    return a * b > k * l


def richardson_path(k: float, l: float, a: float, b: float, g: float, h: float,
                    x0: float, y0: float, years: int) -> tuple[np.ndarray, np.ndarray]:
    """Both sides' spending over ``years`` years under the yearly Richardson model.

    Examples
    --------
    >>> x, y = richardson_path(0.1, 0.1, 0.2, 0.2, 1, 1, 0, 0, years=3)
    >>> x.tolist(), y.tolist()
    ([0.0, 1.0, 1.9, 2.71], [0.0, 1.0, 1.9, 2.71])
    """
    values = {name: check_real(v, name) for name, v in
              dict(k=k, l=l, a=a, b=b, g=g, h=h, x0=x0, y0=y0).items()}
    if isinstance(years, bool) or not isinstance(years, (int, np.integer)) or not 1 <= years <= 500:
        raise ValueError(_("years must be a whole number from 1 to 500; got {years}").format(
                           years=repr(years)))
    x, y = np.empty(years + 1), np.empty(years + 1)
    x[0], y[0] = values["x0"], values["y0"]
    for t in range(years):
        x[t + 1] = x[t] + values["k"] * y[t] - values["a"] * x[t] + values["g"]
        y[t + 1] = y[t] + values["l"] * x[t] - values["b"] * y[t] + values["h"]
    return np.round(x, 12), np.round(y, 12)
