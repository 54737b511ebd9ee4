"""Rank statistics written out by hand, for tests that check the library's numbers.

Independent of :mod:`alliances` (and of scipy's rank correlation): Spearman's rho is
Pearson's r of average ranks, its p-value the two-sided t approximation, as in Olson and
Zeckhauser's test and in ``scipy.stats.spearmanr``.
"""

from __future__ import annotations

import math

from scipy import stats


def average_ranks(values: list[float]) -> list[float]:
    """Ranks from 1 (the smallest); tied values share the mean of their positions."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for position in range(i, j + 1):
            ranks[order[position]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def pearson(x: list[float], y: list[float]) -> float:
    """Pearson's correlation coefficient r."""
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy)


def spearman(x: list[float], y: list[float]) -> tuple[float, float]:
    """Spearman's rho and its two-sided p-value (t approximation with n - 2 df)."""
    n = len(x)
    rho = pearson(average_ranks(x), average_ranks(y))
    t = rho * math.sqrt((n - 2) / (1 - rho * rho))
    return rho, 2 * stats.t.sf(abs(t), n - 2)
