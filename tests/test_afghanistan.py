"""Tests of alliances.cases.afghanistan: troop shares, O&Z on troops, fatality rates, spending.

Expected values are recomputed from the raw CSV files with the csv module and plain
Python (ranks, sums, ratios), never taken from the library's output.
"""

from __future__ import annotations

import csv
import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from alliances.cases import afghanistan as af
from alliances.cases import nato_spending as ns
from alliances.cases.nato_burden import BurdenTest
from alliances.views import afghanistan as views
from alliances.data import DATA_DIR
from hand_statistics import spearman


def _rows(name: str) -> list[dict]:
    with open(DATA_DIR / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _troops(as_of: str) -> list[dict]:
    return [r for r in _rows("isaf_troop_contributions") if r["as_of"] == as_of]


# ------------------------------------------------------------------------------ troops
@pytest.mark.parametrize("as_of, total", [("2008-06-03", 52908), ("2009-10-01", 67694),
                                          ("2010-11", 130930)])
def test_isaf_total_is_the_sum_of_every_row_and_matches_the_source(as_of, total) -> None:
    # The totals the sources state (SOURCES.md §5): 52,908; ~67,700 (rows: 67,694);
    # rows of Nov 2010 sum to 130,930.
    assert sum(int(r["troops"]) for r in _troops(as_of)) == total
    assert af.isaf_total(as_of) == total


def test_contributions_exclude_aggregates_but_shares_use_the_full_total() -> None:
    table = af.isaf_contributions("2008-06-03")
    assert "Other countries (combined)" not in set(table["country"])
    assert len(table) == 14
    uk = table.set_index("country").loc["United Kingdom"]
    assert uk["share"] == pytest.approx(8530 / 52908)
    # the named nations hold less than the whole: the combined others are 3,528
    assert table["share"].sum() == pytest.approx((52908 - 3528) / 52908)


def test_rounded_flags_are_those_of_the_source() -> None:
    table = af.isaf_contributions()
    flagged = table[table["is_rounded_in_source"]]
    expected = {(r["as_of"], r["country"]) for r in _rows("isaf_troop_contributions")
                if r["is_rounded_in_source"] == "true"}
    assert set(zip(flagged["as_of"], flagged["country"])) == expected == {
        ("2010-11", "United States"), ("2010-11", "United Kingdom")}


def test_troop_share_by_hand() -> None:
    assert af.troop_share("Poland", "2009-10-01") == pytest.approx(2025 / 67694)
    assert af.troop_share("United States", "2010-11") == pytest.approx(90000 / 130930)


def test_share_table_marks_unnamed_nations_as_missing() -> None:
    table = af.share_table(["Albania", "United Kingdom"])
    # Albania is not named in June 2008 (it is inside "Other countries (combined)")
    assert math.isnan(table.loc["Albania", "3 Jun 2008"])
    assert table.loc["Albania", "1 Oct 2009"] == round(100 * 250 / 67694, 1)
    assert table.loc["United Kingdom", "rounded_in_source"] == "Nov 2010"


# --------------------------------------------------------------------- O&Z on troops
def _gdp_2012() -> dict[str, float]:
    return {r["country"]: float(r["real_gdp_usd_2015_prices"])
            for r in _rows("nato_defence_expenditure_2012_2019") if r["year"] == "2012"}


@pytest.mark.parametrize("as_of", ["2009-10-01", "2010-11"])
def test_oz_troop_test_recomputed_with_hand_ranks(as_of) -> None:
    gdp = _gdp_2012()
    alias = {"Slovakia": "Slovak Republic"}
    pairs = []
    for r in _troops(as_of):
        name = alias.get(r["country"], r["country"])
        if name in gdp and name != "Montenegro":
            pairs.append((gdp[name], int(r["troops"]) / (gdp[name] / 1e9)))
    assert len(pairs) == 28      # all 29 Allies of the 2019 release but Montenegro
    x, y = [p[0] for p in pairs], [p[1] for p in pairs]
    rho, p = spearman(x, y)
    test = af.troops_vs_gdp(as_of)
    assert test.result.n == 28
    assert test.result.rho == pytest.approx(rho, abs=1e-12)
    assert rho < 0                 # the opposite of O&Z's prediction
    assert test.result.pvalue == pytest.approx(p, rel=1e-9)
    assert test.excluded == (("Montenegro",) if as_of == "2010-11" else ())
    assert test.complete


def test_june_2008_is_flagged_incomplete_and_partners_are_not_tested() -> None:
    test = af.troops_vs_gdp("2008-06-03")
    assert not test.complete
    assert test.partners == ("Australia",)
    assert test.result.n == 13
    assert "Belgium" in test.not_listed


def test_troops_per_gdp_is_troops_over_billions() -> None:
    table = af.troops_vs_gdp("2009-10-01").table.set_index("country")
    gdp = _gdp_2012()
    assert table.loc["Albania", "troops_per_usd_bn"] == pytest.approx(250 / (gdp["Albania"]
                                                                             / 1e9))
    top = list(table.sort_values("troops_per_usd_bn", ascending=False).index[:5])
    assert top == ["Albania", "Bulgaria", "Estonia", "Lithuania", "Latvia"]


def test_adapter_feeds_the_burden_plot() -> None:
    from alliances.views.nato_burden import plot_burden_vs_size

    burden = af.as_burden_test(af.troops_vs_gdp("2010-11"))
    assert isinstance(burden, BurdenTest)
    ax = plot_burden_vs_size(burden, highlight=())
    assert ax.get_xscale() == "log" and "troops" in ax.get_ylabel()
    plt.close(ax.figure)


def test_gdp_year_can_move_but_not_outside_the_release() -> None:
    assert af.troops_vs_gdp("2009-10-01", gdp_year=2019).gdp_year == 2019
    with pytest.raises(ValueError, match="gdp_year"):
        af.troops_vs_gdp("2009-10-01", gdp_year=2011)
    with pytest.raises(TypeError, match="gdp_year"):
        af.troops_vs_gdp("2009-10-01", gdp_year="2012")


# -------------------------------------------------------------------------- fatalities
def test_final_fatalities_sum_to_the_published_total() -> None:
    final = af.fatalities()
    assert int(final.sum()) == 3621 and len(final) == 32
    with pytest.raises(ValueError, match="as_of"):
        af.fatalities("2011")


def test_deaths_per_thousand_by_hand() -> None:
    table = af.deaths_per_thousand().set_index("country")
    assert table.loc["Canada", "per_1000"] == pytest.approx(1000 * 159 / 2830)
    assert table.loc["Germany", "per_1000"] == pytest.approx(1000 * 62 / 4245)
    assert table.loc["Georgia", "per_1000"] == pytest.approx(1000 * 32 / 1)
    assert table.loc["Canada", "region"] == "south" and table.loc["Italy", "region"] == "outside the south"
    assert table.loc["Denmark", "region"] == "other"


def test_region_rates_pool_deaths_and_troops() -> None:
    rates = af.region_rates(af.deaths_per_thousand())
    south = (457 + 159 + 25) / (9000 + 2830 + 2160)
    north = (90 + 62 + 53) / (3070 + 4245 + 2795)
    assert rates.loc["south without the US", "per_1000"] == pytest.approx(1000 * south)
    assert rates.loc["outside the south", "per_1000"] == pytest.approx(1000 * north)
    assert rates.loc["south", "deaths"] == 2461 + 457 + 159 + 25


def test_window_between_two_reuters_counts() -> None:
    window = af.fatalities_between("2009-05-18", "2012-05-20")
    assert dict(window) == {"United States": 1974 - 683, "United Kingdom": 414 - 159,
                            "Canada": 158 - 118, "France": 83 - 27, "Germany": 52 - 31,
                            "Denmark": 42 - 22, "Spain": 34 - 25, "Netherlands": 25 - 19}
    rates = af.region_rates(af.deaths_per_thousand("2009-10-01", window))
    assert rates.loc["outside the south", "countries"] == "France, Germany"
    assert rates.loc["outside the south", "per_1000"] == pytest.approx(1000 * (56 + 21) / (3070 + 4245))


def test_empty_group_gives_nan_not_a_division_error() -> None:
    table = af.deaths_per_thousand().query("region != 'outside the south'")
    assert math.isnan(af.region_rates(table).loc["outside the south", "per_1000"])


# --------------------------------------------------------------------------- spending
def _pct(country: str, year: int) -> float:
    return next(float(r["defence_pct_gdp"]) for r in _rows("nato_defence_pct_gdp_2014_2024")
                if r["country"] == country and r["year"] == str(year))


def test_spending_series_is_nato_table_3() -> None:
    series = ns.spending_series()
    for year in (2014, 2021, 2022, 2024):
        assert series.loc[year, "NATO Europe and Canada"] == _pct("NATO Europe and Canada",
                                                                  year)
    assert series.loc[2024, "United States"] == _pct("United States", 2024)


def test_spending_change_counts_european_allies() -> None:
    rows = [r for r in _rows("nato_defence_pct_gdp_2014_2024")
            if r["entity_type"] == "country" and r["country"] not in ("United States",
                                                                       "Canada")]
    europe = sorted({r["country"] for r in rows})
    rises = [c for c in europe if _pct(c, 2024) > _pct(c, 2021)]
    change = ns.spending_change(2021, 2024)
    assert len(change) == len(europe) == 29
    assert int((change["change"] > 0).sum()) == len(rises) == 26
    assert change.iloc[0]["change"] == pytest.approx(_pct("Poland", 2024) - _pct("Poland", 2021))


# ---------------------------------------------------------------------- bad input, plots
@pytest.mark.parametrize("call, error, word", [
    (lambda: af.isaf_total(2009), TypeError, "snapshot"),
    (lambda: af.isaf_contributions("2011"), ValueError, "snapshot"),
    (lambda: af.troop_share(3, "2009-10-01"), TypeError, "country"),
    (lambda: af.share_table("Germany"), TypeError, "countries"),
    (lambda: af.share_table(["Atlantis"]), ValueError, "countries"),
    (lambda: af.fatalities_between("2009-05-18", "2009-05-18"), ValueError, "end"),
    (lambda: af.fatalities_between(af.FINAL, "2012-05-20"), ValueError, "start"),
    (lambda: af.deaths_per_thousand("2009"), ValueError, "troops_as_of"),
    (lambda: af.deaths_per_thousand(deaths=pd.Series({"Canada": -1})), ValueError, "deaths"),
    (lambda: af.region_rates("table"), TypeError, "table"),
    (lambda: ns.spending_series(["Atlantis"]), ValueError, "entities"),
    (lambda: ns.spending_change(2024, 2021), ValueError, "last"),
    (lambda: ns.spending_change(2013, 2021), ValueError, "first"),
    (lambda: af.as_burden_test("test"), TypeError, "test"),
    (lambda: views.plot_deaths_per_thousand(af.deaths_per_thousand(), min_troops=0), ValueError,
     "min_troops"),
    (lambda: views.plot_deaths_per_thousand(af.deaths_per_thousand(), min_troops=10**6),
     ValueError, "min_troops"),
])
def test_bad_input_names_the_argument(call, error, word) -> None:
    with pytest.raises(error, match=word):
        call()


def test_plots_are_titled_and_labelled() -> None:
    for ax in (views.plot_shares(af.share_table()), views.plot_deaths_per_thousand(af.deaths_per_thousand()),
               ns.plot_spending()):
        assert ax.get_title() and (ax.get_xlabel() or ax.get_ylabel())
        plt.close(ax.figure)


def test_spending_plot_marks_withdrawal_and_invasion_inside_their_years() -> None:
    ax = ns.plot_spending()
    lines = [line.get_xdata()[0] for line in ax.get_lines() if len(line.get_xdata()) == 2
             and line.get_xdata()[0] == line.get_xdata()[1]]
    assert any(2021.6 < x < 2021.7 for x in lines)       # 30 Aug 2021
    assert any(2022.1 < x < 2022.2 for x in lines)       # 24 Feb 2022
    plt.close(ax.figure)


def test_grouping_names_no_ally_as_northern_that_served_elsewhere() -> None:
    """Issue 15, item 1.9: France and Italy were not in the north. Italy led Regional
    Command West (Herat) and France served in Kabul (RC Capital) and later RC East (NATO,
    "ISAF Regional Command Structure", https://www.nato.int/ISAF/structure/regional_command/;
    AFPS, 11 August 2010). The group is named "outside the south", and every member's
    regional command is stated and lies outside RC South."""
    assert not hasattr(af, "NORTH")
    assert set(af.OUTSIDE_SOUTH) == {"France", "Germany", "Italy"}
    assert set(af.SERVED_IN) == set(af.SOUTH) | set(af.OUTSIDE_SOUTH)
    assert af.SERVED_IN["Italy"].startswith("RC West")
    assert af.SERVED_IN["France"].startswith("RC Capital")
    assert af.SERVED_IN["Germany"].startswith("RC North")
    for country in af.OUTSIDE_SOUTH:
        assert "South" not in af.SERVED_IN[country]
    for country in ("United Kingdom", "Canada", "Netherlands"):
        assert "RC South" in af.SERVED_IN[country]
    regions = set(af.deaths_per_thousand()["region"])
    assert regions == {"south", "outside the south", "other"}
