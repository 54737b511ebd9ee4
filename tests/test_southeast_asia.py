"""Tests of alliances.cases.southeast_asia, recomputed from the CSV files with the csv module."""

from __future__ import annotations

import csv
from itertools import combinations

import numpy as np
import pytest

from alliances import data
from alliances.cases.southeast_asia import (COMPLETE_SEVEN, SHORT_NAMES, alignment_events,
                                      burden_groups, coverage, follows_china,
                                      permutation_pvalue, regional_total, share_of_gdp)


def raw(column: str) -> dict[tuple[str, int], float]:
    out = {}
    for name in ("sipri_milex_non_nato_1949_2024.csv", "sipri_milex_nato_members_1949_2024.csv"):
        with open(data.DATA_DIR / name, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row[column]:
                    out[(row["country"], int(row["year"]))] = float(row[column])
    return out


USD = raw("milex_usd_m_constant_2023")
PCT = raw("milex_pct_gdp")


def ranks(x: np.ndarray) -> np.ndarray:
    order = np.argsort(x)
    r = np.empty(len(x))
    r[order] = np.arange(1, len(x) + 1)
    return r


def test_indonesia_2024_is_what_sources_md_says() -> None:
    # SOURCES.md §9: "Indonesia 2024 = 0.78 % of GDP"
    assert share_of_gdp("Indonesia", 2024) == 0.78


def test_coverage_matches_sources_md() -> None:
    # SOURCES.md §9: "Viet Nam ends 2018, Laos 2013"
    table = coverage()
    assert table.loc["Viet Nam", "last"] == 2018
    assert table.loc["Laos", "last"] == 2013
    for country in COMPLETE_SEVEN:
        assert all((country, y) in USD and (country, y) in PCT for y in range(1989, 2025))


def test_regional_total_by_hand() -> None:
    total = regional_total()
    for year in (1989, 2024):
        assert total[year] == pytest.approx(sum(USD[(c, year)] for c in COMPLETE_SEVEN))
    with pytest.raises(ValueError, match="Viet Nam 2019"):
        regional_total(["Viet Nam"], 2015, 2024)


def test_follows_china_by_hand() -> None:
    years = range(1989, 2025)
    region = np.array([sum(USD[(c, y)] for c in COMPLETE_SEVEN) for y in years])
    china = np.array([USD[("China", y)] for y in years])
    dr, dc = np.diff(region) / region[:-1], np.diff(china) / china[:-1]
    rho = np.corrcoef(ranks(dr), ranks(dc))[0, 1]
    result = follows_china()
    assert result.changes.rho == pytest.approx(rho)
    assert result.changes.n == 35
    assert result.levels.rho == pytest.approx(np.corrcoef(ranks(region), ranks(china))[0, 1])
    assert result.growth_china == pytest.approx(china[-1] / china[0])


def test_permutation_pvalue_by_enumeration() -> None:
    assert permutation_pvalue([3, 4], [1, 2]) == pytest.approx(1 / 6)
    assert permutation_pvalue([1, 2], [3, 4]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="finite"):
        permutation_pvalue([1, float("nan")], [2, 3])


def test_burden_groups_by_hand() -> None:
    years = range(2000, 2025)
    higher = sum((PCT[("Philippines", y)] + PCT[("Thailand", y)])
                 > (PCT[("Indonesia", y)] + PCT[("Malaysia", y)]) for y in years)
    medians = {c: float(np.median([PCT[(c, y)] for y in years]))
               for c in ("Philippines", "Thailand", "Indonesia", "Malaysia")}
    pooled = list(medians.values())
    observed = (pooled[0] + pooled[1] - pooled[2] - pooled[3]) / 2
    splits = list(combinations(range(4), 2))
    count = sum(
        (sum(pooled[i] for i in s) - sum(pooled[i] for i in range(4) if i not in s)) / 2
        >= observed - 1e-12 for s in splits)
    result = burden_groups()
    assert result.years == 25 and result.years_allies_higher == higher
    assert result.medians == pytest.approx(medians)
    assert result.pvalue == pytest.approx(count / 6)


def test_every_event_has_a_short_name_and_date() -> None:
    events = alignment_events()
    assert len(events) == 16 and set(events["date_start"]) == set(SHORT_NAMES)
    assert events.loc[events["name"] == "AUKUS announced", "when"].item() == "15 Sep 2021"


@pytest.mark.parametrize("call, match", [
    (lambda: share_of_gdp("Atlantis", 2020), "country"),
    (lambda: share_of_gdp("Laos", 2020), "no share of GDP"),
    (lambda: share_of_gdp("Laos", "2020"), "year"),
    (lambda: follows_china(2024, 1990), "first must be before last"),
    (lambda: burden_groups(1900), "first"),
    (lambda: regional_total("Indonesia"), "countries")])
def test_bad_input_is_refused(call, match) -> None:
    with pytest.raises((ValueError, TypeError), match=match):
        call()
