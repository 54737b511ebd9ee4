"""Tests of alliances.cases.nato_russia: Russia and NATO Europe's SIPRI spending and their fits.

Expected values come from the CSV files read again here with the csv module (sums done by
hand, in plain Python), from least squares solved through the normal equations in numpy
(not the module's lstsq path), and from the hand-written Spearman of tests/hand_statistics.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from alliances.cases.nato_russia import (FIT_PERIODS, change_correlation, fit_table, milex_series,
                                     nato_europe_members, reaction_fits)
from hand_statistics import spearman as hand_spearman

DATA = Path(__file__).resolve().parents[1] / "data"


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def raw_spending() -> dict[tuple[str, int], float]:
    return {(r["country"], int(r["year"])): float(r["milex_usd_m_constant_2023"])
            for r in rows("sipri_milex_nato_members_1949_2024") if r["milex_usd_m_constant_2023"]}


def european_members() -> list[str]:
    return [r["country"] for r in rows("nato_accession_dates")
            if r["country"] not in ("United States of America", "Canada")]


def test_fixed_set_is_every_european_member_with_complete_data() -> None:
    spending = raw_spending()
    complete = [c for c in european_members()
                if all((c, y) in spending for y in range(1993, 2025))]
    kept, left_out = nato_europe_members(1993, 2024)
    assert kept == complete and len(kept) == 27
    assert set(left_out) == {"Iceland", "Montenegro", "North Macedonia"}
    # a later start lets North Macedonia (data from 1996) back in
    assert "North Macedonia" in nato_europe_members(1996, 2024)[0]


def test_fixed_sum_equals_the_hand_sum_of_the_csv() -> None:
    spending = raw_spending()
    kept, _ = nato_europe_members(1993, 2024)
    frame = milex_series(1993, 2024)
    for year in (1993, 2008, 2024):
        assert frame.loc[year, "nato_europe"] == pytest.approx(
            sum(spending[(c, year)] for c in kept) / 1000, rel=1e-12)
    russia = {int(r["year"]): float(r["milex_usd_m_constant_2023"])
              for r in rows("sipri_milex_non_nato_1949_2024") if r["country"] == "Russia"}
    assert frame["russia"].tolist() == pytest.approx([russia[y] / 1000 for y in range(1993, 2025)])


def test_members_at_the_time_count_from_their_accession_year() -> None:
    spending = raw_spending()
    joined = {r["country"]: int(r["accession_date"][:4]) for r in rows("nato_accession_dates")}
    frame = milex_series(1993, 2024, nato_europe="at the time")
    for year in (1998, 1999, 2004, 2023):
        expected = sum(v for (c, y), v in spending.items()
                       if y == year and c in european_members() and joined[c] <= year)
        assert frame.loc[year, "nato_europe"] == pytest.approx(expected / 1000, rel=1e-12)
    # the 1999 round shows up as a jump in this definition, not in the fixed one
    fixed = milex_series(1993, 2024)
    assert (frame.loc[1999, "nato_europe"] - frame.loc[1998, "nato_europe"]
            > fixed.loc[1999, "nato_europe"] - fixed.loc[1998, "nato_europe"])


def ols(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients (k, a, g) and their 95 % half-widths by the normal equations."""
    from scipy import stats
    design = np.column_stack([y[:-1], -x[:-1], np.ones(len(x) - 1)])
    change = np.diff(x)
    xtx_inv = np.linalg.inv(design.T @ design)
    coef = xtx_inv @ design.T @ change
    resid = change - design @ coef
    dof = len(change) - 3
    se = np.sqrt(np.diag(xtx_inv) * (resid @ resid) / dof)
    return coef, stats.t.ppf(0.975, dof) * se


def test_each_period_fit_matches_the_normal_equations() -> None:
    fits = reaction_fits()
    assert [f.period for f in fits] == list(FIT_PERIODS)
    for fit in fits:
        frame = milex_series(fit.start, fit.end)
        x, y = frame["russia"].to_numpy(), frame["nato_europe"].to_numpy()
        for side, (own, other) in ((fit.russia, (x, y)), (fit.nato_europe, (y, x))):
            coef, half = ols(own, other)
            assert side.k == pytest.approx(coef[0], rel=1e-9)
            assert side.a == pytest.approx(coef[1], rel=1e-9, abs=1e-12)
            assert side.ci["k"][0] == pytest.approx(coef[0] - half[0], rel=1e-9)
            assert side.n == fit.end - fit.start


def test_the_fit_is_fragile() -> None:
    """What the notebook says: Russia's reaction is clear over 1993-2024 only thanks to
    the war years; without them its interval includes zero."""
    by_name = {f.period: f for f in reaction_fits()}
    assert by_name["1993-2024"].russia.significant("k")
    assert not by_name["1993-2021 (before the full-scale invasion)"].russia.significant("k")
    before = by_name["1993-2013 (before Crimea)"].nato_europe
    after = by_name["2014-2024 (from Crimea)"].nato_europe
    assert before.ci["k"][1] < 0 < after.ci["k"][0]


@pytest.mark.parametrize("leader", ["nato_europe", "russia"])
def test_change_correlation_matches_the_hand_spearman(leader: str) -> None:
    frame = milex_series(1993, 2024)
    change = frame.diff().dropna()
    follower = "russia" if leader == "nato_europe" else "nato_europe"
    rho, p = hand_spearman(change[leader].tolist()[:-1], change[follower].tolist()[1:])
    result = change_correlation(1993, 2024, leader=leader)
    assert result.rho == pytest.approx(rho, abs=1e-12)
    assert result.pvalue == pytest.approx(p, rel=1e-9)
    assert result.n == 30


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    (dict(start=1988, end=2024), ValueError, "not spliced"),
    (dict(start=1993, end=2030), ValueError, "end must be 2024"),
    (dict(start=2020, end=2024), ValueError, "at least 6 years"),
    (dict(start="1993", end=2024), TypeError, "start must be a whole year"),
    (dict(start=1993.0, end=2024), TypeError, "start must be a whole year"),
    (dict(start=True, end=2024), TypeError, "start must be a whole year"),
    (dict(start=1993, end=2024, nato_europe="all"), ValueError, "nato_europe must be one of"),
])
def test_bad_input_names_the_argument(kwargs, error, words) -> None:
    with pytest.raises(error, match=words):
        milex_series(**kwargs)


def test_bad_periods_and_leader() -> None:
    with pytest.raises(TypeError, match="periods"):
        reaction_fits({})
    with pytest.raises(TypeError, match="periods\\['x'\\]"):
        reaction_fits({"x": [1993, 2024]})
    with pytest.raises(ValueError, match="leader"):
        change_correlation(leader="USA")
    assert math.isfinite(change_correlation(1993, 2021).rho)


def test_fit_table_rounds_the_fits_it_is_given() -> None:
    fits = reaction_fits()
    table = fit_table(fits)
    assert len(table) == 2 * len(fits)
    row = table[(table["period"] == "2014-2024 (from Crimea)")
                & (table["reacting side"] == "NATO Europe")].iloc[0]
    fit = fits[2].nato_europe
    assert row["k"] == round(fit.k, 2) and row["k low"] == round(fit.ci["k"][0], 2)
    assert row["years fitted"] == 10
    with pytest.raises(TypeError, match="fits"):
        fit_table("fits")
