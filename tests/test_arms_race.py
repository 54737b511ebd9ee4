"""Tests of alliances.models.arms_race: Richardson's reaction model and its least-squares fit.

Expected values come from (1) series generated exactly from known coefficients, which a
correct fit must recover, (2) the normal equations solved again here in exact fractions
(Gauss-Jordan on X'X), independently of numpy's least squares, and (3) Richardson's
stability condition worked by hand.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from scipy import stats

from alliances.models.arms_race import is_stable, richardson_fit, richardson_path


def solve_exact(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction]:
    n = len(rhs)
    rows = [row[:] + [value] for row, value in zip(matrix, rhs)]
    for col in range(n):
        pivot = next(r for r in range(col, n) if rows[r][col] != 0)
        rows[col], rows[pivot] = rows[pivot], rows[col]
        rows[col] = [v / rows[col][col] for v in rows[col]]
        for r in range(n):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col])]
    return [row[-1] for row in rows]


def inverse_exact(matrix: list[list[Fraction]]) -> list[list[Fraction]]:
    n = len(matrix)
    columns = [solve_exact(matrix, [Fraction(int(i == j)) for i in range(n)]) for j in range(n)]
    return [[columns[j][i] for j in range(n)] for i in range(n)]


def test_recovers_the_coefficients_of_an_exact_series() -> None:
    k, a, g = 0.3, 0.15, -2.0
    y = [50 + 3 * t + (t % 3) for t in range(12)]
    x = [20.0]
    for t in range(11):
        x.append(x[-1] + k * y[t] - a * x[-1] + g)
    fit = richardson_fit(x, y)
    assert (fit.k, fit.a, fit.g) == pytest.approx((k, a, g), abs=1e-9)
    assert fit.r_squared == pytest.approx(1.0)
    assert fit.n == 11


def test_matches_the_normal_equations_in_exact_arithmetic() -> None:
    x = [10, 11, 13, 14, 16, 17, 20]
    y = [20, 21, 21, 23, 24, 26, 25]
    rows = [[Fraction(y[t]), Fraction(-x[t]), Fraction(1)] for t in range(6)]
    change = [Fraction(x[t + 1] - x[t]) for t in range(6)]
    xtx = [[sum(r[i] * r[j] for r in rows) for j in range(3)] for i in range(3)]
    xty = [sum(r[i] * c for r, c in zip(rows, change)) for i in range(3)]
    coef = solve_exact(xtx, xty)
    residuals = [c - sum(b * v for b, v in zip(coef, r)) for r, c in zip(rows, change)]
    sigma2 = sum(e * e for e in residuals) / (6 - 3)
    inverse = inverse_exact(xtx)
    se = [float(sigma2 * inverse[i][i]) ** 0.5 for i in range(3)]
    fit = richardson_fit(x, y)
    assert (fit.k, fit.a, fit.g) == pytest.approx([float(c) for c in coef], rel=1e-9)
    assert [fit.se[n] for n in ("k", "a", "g")] == pytest.approx(se, rel=1e-9)
    half = stats.t.ppf(0.975, 3) * se[0]
    assert fit.ci["k"] == pytest.approx((float(coef[0]) - half, float(coef[0]) + half))
    assert fit.significant("k") == (not fit.ci["k"][0] <= 0 <= fit.ci["k"][1])


def test_stability_condition() -> None:
    # a*b = 0.2 > k*l = 0.06: stable; a*b = 0.2 < k*l = 0.3: unstable
    assert is_stable(0.2, 0.3, 0.5, 0.4)
    assert not is_stable(0.6, 0.5, 0.5, 0.4)


def test_path_follows_the_yearly_equations() -> None:
    x, y = richardson_path(k=0.5, l=0.25, a=0.1, b=0.2, g=1, h=2, x0=4, y0=8, years=2)
    # x1 = 4 + 0.5*8 - 0.4 + 1 = 8.6; y1 = 8 + 1 - 1.6 + 2 = 9.4
    # x2 = 8.6 + 4.7 - 0.86 + 1 = 13.44; y2 = 9.4 + 2.15 - 1.88 + 2 = 11.67
    assert x.tolist() == pytest.approx([4, 8.6, 13.44])
    assert y.tolist() == pytest.approx([8, 9.4, 11.67])


def test_an_unstable_pair_spirals_and_a_stable_one_settles() -> None:
    x, _ = richardson_path(0.6, 0.5, 0.5, 0.4, 1, 1, 1, 1, years=60)
    assert x[-1] > 1e3
    x, _ = richardson_path(0.2, 0.3, 0.5, 0.4, 1, 1, 1, 1, years=200)
    assert abs(x[-1] - x[-2]) < 1e-6


@pytest.mark.parametrize("x, y, message", [
    ([1, 2, 3], [1, 2, 3], "at least 6 years"),
    ([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5], "same years"),
    ([1, 2, np.nan, 4, 5, 6], [1, 2, 3, 4, 5, 6], "finite"),
    ([[1, 2], [3, 4]], [1, 2], "one-dimensional"),
    (["a", "b", "c", "d", "e", "f"], [1, 2, 3, 4, 5, 6], "sequence of numbers"),
    ([5, 5, 5, 5, 5, 5], [1, 1, 1, 1, 1, 1], "collinear"),
])
def test_bad_series_are_refused_with_a_message(x, y, message) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        richardson_fit(x, y)


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValueError, match="years"):
        richardson_path(0.1, 0.1, 0.2, 0.2, 1, 1, 0, 0, years=0)
    with pytest.raises(ValueError, match="k must be a finite number"):
        is_stable(float("inf"), 0.1, 0.2, 0.2)
    with pytest.raises(ValueError, match="name"):
        richardson_fit([10, 11, 13, 14, 16, 17], [20, 21, 21, 23, 24, 26]).significant("z")
