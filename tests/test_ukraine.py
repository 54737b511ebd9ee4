"""Tests of alliances.cases.ukraine, alliances.cases.ukraine_dilemma, their figures
(alliances.views.ukraine) and the widget.

Expected values come from an independent reading of the CSV files with the csv module,
from figures recorded when the data were copied (the all-donor totals are in
`data/SOURCES.md` §7), from hand calculation (the closed form of the calibrated model)
or from a different method (brute-force best commitments against the linear boundaries
of the reproducing regions), never from the code under test.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliances import data
from alliances.cases.ukraine import (EU_INSTITUTIONS, GROUPS, aid_by_donor, aid_by_group,
                                     aid_totals, donor_groups, heavy_weapons,
                                     heavy_weapons_by_group, largest_month, military_share,
                                     monthly_aid, nato_members, plot_aid_by_donor,
                                     plot_heavy_weapons, plot_monthly_aid, weapon_systems)
from alliances.cases.ukraine_dilemma import (BASE_MODEL, PERIODS, SUPPORT_LADDER, calibrate,
                                             ladder_events, plot_calibration_map,
                                             plot_support_ladder, reproducing_region,
                                             tank_game)
from alliances.cases.timeline import timeline


def _rows(name: str) -> list[dict]:
    with open(data.DATA_DIR / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _by_donor() -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for row in _rows("kiel_ukraine_aid_by_donor"):
        out[row["donor"]][row["aid_type"]] = float(row["eur_bn"])
    return out


def _member_codes() -> set[str]:
    table3 = {r["iso3"] for r in _rows("nato_defence_pct_gdp_2014_2024")
              if r["entity_type"] == "country"}
    no_spending_2019 = {r["iso3"] for r in _rows("nato_defence_expenditure_2012_2019")
                        if r["defence_exp_usd_current"] == ""}
    # An Ally with no spending rows in 2019 can only be one that appears nowhere with data.
    with_spending_2019 = {r["iso3"] for r in _rows("nato_defence_expenditure_2012_2019")
                          if r["defence_exp_usd_current"] != ""}
    return table3 | (no_spending_2019 - with_spending_2019)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ----------------------------------------------------------------- the aid data
def test_recorded_totals_are_reproduced() -> None:
    """The course's recorded totals: US 115.4 / 64.6, Germany 29.9 / 24.2, EU 84.4 (financial 81.2),
    all donors 358.4 = military 173.0 + financial 159.7 + humanitarian 25.7."""
    table = aid_by_donor().round(1)
    assert table.loc["United States", ["total", "military"]].tolist() == [115.4, 64.6]
    assert table.loc["Germany", ["total", "military"]].tolist() == [29.9, 24.2]
    assert table.loc[EU_INSTITUTIONS, ["total", "financial", "military"]].tolist() == \
        [84.4, 81.2, 0.0]
    assert table.loc["Japan", "total"] == 12.1
    totals = aid_totals().round(1)
    assert totals.to_dict() == {"military": 173.0, "financial": 159.7, "humanitarian": 25.7,
                                "total": 358.4}


def test_totals_match_an_independent_csv_reading() -> None:
    raw = _by_donor()
    table = aid_by_donor()
    assert len(table) == len(raw) == 42
    for donor, kinds in raw.items():
        for kind, value in kinds.items():
            assert table.loc[donor, kind] == pytest.approx(value, abs=1e-9)
    assert list(table["total"]) == sorted(table["total"], reverse=True)


def test_inconsistent_total_rows_are_refused() -> None:
    aid = data.load("kiel_ukraine_aid_by_donor")
    broken = aid.copy()
    row = (broken["donor"] == "Germany") & (broken["aid_type"] == "total")
    broken.loc[row, "eur_bn"] += 1.0
    with pytest.raises(ValueError, match="Germany"):
        aid_by_donor(broken)
    with pytest.raises(ValueError, match="aid_type"):
        aid_by_donor(aid.assign(aid_type="loans"))
    with pytest.raises(TypeError, match="aid"):
        aid_by_donor("kiel")
    with pytest.raises(ValueError, match="columns"):
        aid_by_donor(aid.drop(columns="eur_bn"))


def test_nato_members_are_derived_from_nato_files() -> None:
    members = nato_members()
    assert set(members.index) == _member_codes()
    assert len(members) == 32
    assert not members.loc["ISL", "in_2025_table"] and members.loc["ISL", "in_2019_release"]
    for newer in ("FIN", "SWE", "MKD"):
        assert members.loc[newer, "in_2025_table"] and not members.loc[newer, "in_2019_release"]


def test_an_ally_missing_with_spending_data_is_an_error() -> None:
    table3 = data.load("nato_defence_pct_gdp_2014_2024")
    with pytest.raises(ValueError, match="DEU"):
        nato_members(table3=table3[table3["iso3"] != "DEU"])


def test_donor_groups_and_nato_is_not_a_donor() -> None:
    groups = donor_groups()
    assert not any("NATO" in donor.upper() for donor in groups.index)
    codes = _member_codes()
    expected = {row["donor"]: ("EU institutions" if row["donor"] == EU_INSTITUTIONS else
                               "NATO member" if row["donor_iso3"] in codes else "not in NATO")
                for row in _rows("kiel_ukraine_aid_by_donor")}
    assert groups["group"].to_dict() == expected
    assert sum(g == "NATO member" for g in expected.values()) == 29
    assert groups.loc["Iceland", "group"] == "NATO member"


def test_military_share() -> None:
    raw = _by_donor()["Germany"]
    assert military_share("Germany") == pytest.approx(
        raw["military"] / (raw["military"] + raw["financial"] + raw["humanitarian"]))
    assert military_share("germany") == military_share("Germany")
    assert military_share(EU_INSTITUTIONS) == 0.0
    with pytest.raises(ValueError, match="Did you mean 'Germany'"):
        military_share("Germny")
    with pytest.raises(ValueError, match="NATO itself is not one"):
        military_share("NATO")
    with pytest.raises(TypeError, match="donor"):
        military_share(3)
    zero = pd.DataFrame({"donor": ["X"] * 3, "donor_iso3": ["XXX"] * 3,
                         "aid_type": ["military", "financial", "humanitarian"],
                         "eur_bn": [0.0, 0.0, 0.0]})
    with pytest.raises(ValueError, match="undefined"):
        military_share("X", zero)


def test_aid_by_group() -> None:
    table = aid_by_group()
    assert list(table.index) == list(GROUPS)
    raw = _by_donor()
    groups = donor_groups()["group"]
    nato = [d for d in raw if groups[d] == "NATO member"]
    military = sum(raw[d]["military"] for d in nato)
    total = sum(raw[d]["total"] for d in nato)
    assert table.loc["NATO member", "military_share"] == pytest.approx(military / total)
    all_military = sum(r["military"] for r in raw.values())
    assert table.loc["NATO member", "share_of_military"] == pytest.approx(military / all_military)
    assert table["total"].sum() == pytest.approx(sum(r["total"] for r in raw.values()))
    assert table["donors"].sum() == 42


def test_monthly_series_adds_up_and_fills_gaps() -> None:
    raw = _by_donor()
    for kind in ("military", "financial", "humanitarian"):
        series = monthly_aid(aid_type=kind)
        assert series.sum() == pytest.approx(sum(r[kind] for r in raw.values()), abs=1e-6)
    series = monthly_aid()
    assert len(series) == 52 and str(series.index[0]) == "2022-01"
    by_month: dict[str, float] = defaultdict(float)
    for row in _rows("kiel_ukraine_aid_monthly_by_donor"):
        by_month[f"{int(row['year']):04d}-{int(row['month']):02d}"] += float(row["eur_bn"])
    assert {str(k): v for k, v in series.items()} == pytest.approx(dict(by_month))
    estonia = monthly_aid(aid_type="military", donors=["Estonia"])
    assert len(estonia) == 52 and (estonia >= 0).all()
    assert estonia.sum() == pytest.approx(raw["Estonia"]["military"])
    gap = pd.DataFrame({"donor": ["A", "A"], "year": [2022, 2022], "month": [1, 4],
                        "aid_type": ["military", "military"], "eur_bn": [1.0, 2.0]})
    assert monthly_aid(gap).tolist() == [1.0, 0.0, 0.0, 2.0]


def test_monthly_bad_input() -> None:
    with pytest.raises(ValueError, match="aid_type"):
        monthly_aid(aid_type="loans")
    with pytest.raises(TypeError, match="donors"):
        monthly_aid(donors="Germany")
    with pytest.raises(ValueError, match="donors"):
        monthly_aid(donors=["Narnia"])


def test_largest_month() -> None:
    totals: dict[str, float] = defaultdict(float)
    military: dict[str, float] = defaultdict(float)
    for row in _rows("kiel_ukraine_aid_monthly_by_donor"):
        key = f"{int(row['year']):04d}-{int(row['month']):02d}"
        totals[key] += float(row["eur_bn"])
        if row["aid_type"] == "military":
            military[key] += float(row["eur_bn"])
    assert largest_month(monthly_aid()).month == max(totals, key=totals.get)
    assert largest_month(monthly_aid(aid_type="military")).month == \
        max(military, key=military.get)
    tied = pd.Series([1.0, 3.0, 3.0], index=pd.period_range("2022-01", periods=3, freq="M"))
    assert largest_month(tied) == ("2022-02", 3.0, ("2022-03",))
    with pytest.raises(TypeError, match="series"):
        largest_month(pd.Series(dtype=float))


def test_heavy_weapons() -> None:
    rows = _rows("kiel_ukraine_heavy_weapons_by_donor")
    table = heavy_weapons()
    assert table["total"].sum() == sum(int(r["number_of_weapons"]) for r in rows)
    tanks = defaultdict(int)
    for r in rows:
        if r["category"] == "Tanks":
            tanks[r["donor"]] += int(r["number_of_weapons"])
    assert table["Tanks"].idxmax() == max(tanks, key=tanks.get) == "Poland"
    value = heavy_weapons(measure="eur_bn")
    assert value["total"].sum() == pytest.approx(
        sum(int(r["monetary_value_eur"]) for r in rows) / 1e9)
    groups = heavy_weapons_by_group()
    assert groups.loc["not in NATO", "total"] == sum(
        int(r["number_of_weapons"]) for r in rows if r["donor"] == "Australia")
    assert groups.loc["EU institutions", "total"] == 0
    with pytest.raises(ValueError, match="measure"):
        heavy_weapons(measure="tonnes")


def test_weapon_systems() -> None:
    systems = weapon_systems()
    assert systems["number"].sum() == heavy_weapons()["total"].sum()
    abrams = systems[systems["system"] == "M1A1 Abrams"].set_index("donor")["number"]
    assert abrams.to_dict() == {"Australia": 49, "United States": 31}
    weapons = data.load("kiel_ukraine_heavy_weapons_by_donor")
    with pytest.raises(ValueError, match="add up"):
        weapon_systems(weapons.assign(number_of_weapons=weapons["number_of_weapons"] + 1))
    with pytest.raises(ValueError, match="cannot read"):
        weapon_systems(weapons.assign(weapons_list="tanks, many"))


def test_plots() -> None:
    ax = plot_aid_by_donor(top=12)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "Japan (not in NATO)" in labels and "EU institutions (not NATO)" in labels
    assert "EUR bn" in ax.get_xlabel() and ax.get_title()
    top, bottom = plot_monthly_aid(events=timeline("ukraine"))
    assert top.get_ylabel() == "per month, EUR bn"
    assert "member states' decisions" in bottom.get_xlabel()
    labels = {t.get_text() for t in top.texts}
    # Member states' decisions in the Kiel period, by name and date: HIMARS and the tanks.
    assert any("HIMARS" in t and "31 May 2022" in t for t in labels), labels
    assert any("Abrams" in t and "25 Jan 2023" in t for t in labels), labels
    assert not any(t.strip().isdigit() for t in labels)
    assert plot_heavy_weapons().get_title()
    assert plot_support_ladder().get_title()
    assert plot_calibration_map().get_title()
    with pytest.raises(TypeError, match="ax"):
        plot_aid_by_donor(ax="left")
    with pytest.raises(ValueError, match="top"):
        plot_heavy_weapons(top=0)
    with pytest.raises(TypeError, match="events"):
        plot_monthly_aid(events="ukraine")


def test_views_draw_the_tables_they_are_given_and_refuse_broken_ones() -> None:
    """The figures of alliances.views.ukraine take tables, not data files."""
    from alliances.views.ukraine import (plot_aid_months, plot_donor_aid, plot_donor_weapons,
                                         plot_ladder, plot_region_map)

    table = aid_by_donor().join(donor_groups()["group"])
    labels = [t.get_text() for t in plot_donor_aid(table, top=3).get_yticklabels()]
    assert labels == ["United States", "EU institutions (not NATO)", "Germany"]
    with pytest.raises(ValueError, match="table"):
        plot_donor_aid(table.drop(columns="group"))
    with pytest.raises(ValueError, match="table"):
        plot_donor_aid(table.assign(military=np.inf))
    with pytest.raises(TypeError, match="period"):
        plot_donor_aid(table, period=2022)
    months = pd.DataFrame({kind: monthly_aid(aid_type=kind)
                           for kind in ("military", "financial", "humanitarian")})
    top, _ = plot_aid_months(months)
    assert top.get_ylabel() == "per month, EUR bn"
    with pytest.raises(TypeError, match="month"):
        plot_aid_months(months.reset_index(drop=True))
    weapons = heavy_weapons().assign(group="NATO member")
    assert plot_donor_weapons(weapons, top=2).get_xlabel().startswith("number of systems")
    ladder = ladder_events()
    with pytest.raises(ValueError, match="taken"):
        plot_ladder(ladder[ladder["refused"]])
    regions = pd.DataFrame({"period": ["1999"], "text": ["x"], "p_E": [0.5], "low": [1.0],
                            "high": [2.0]})
    with pytest.raises(ValueError, match="regions"):
        plot_region_map(regions)
    plt.close("all")


# -------------------------------------------------------------- the calibration
def test_ladder_events_match_the_timeline() -> None:
    table = ladder_events()
    keywords = ["lethal aid", "Javelin", "rocket systems", "Leopard", "F-16", "ATACMS",
                "F-16s", "no-fly zone"]
    assert len(table) == len(SUPPORT_LADDER) == len(keywords)
    for (_, row), word in zip(table.iterrows(), keywords):
        assert word in row["event"], (row["label"], row["event"])
    events = timeline("ukraine")
    for _, row in table.iterrows():
        match = events[events["event"] == row["event"]]
        assert len(match) == 1 and match["label"].item() == row["event_name"]
        assert match["start"].item() == row["date"]
    assert table["c"].is_monotonic_increasing


def _closed_form(L_A: float, p_E: float) -> float:
    """c* of the base model by hand: EU'(c) = 0.5 L_A - 300 p_E c**2 - 5."""
    a = 0.5 * L_A - 5.0
    if a <= 0:
        return 0.0
    if p_E == 0:
        return 1.0
    return min(1.0, math.sqrt(a / (300.0 * p_E)))


@given(st.floats(0, 100), st.floats(0.001, 1))
def test_calibrated_c_star_is_the_closed_form(L_A: float, p_E: float) -> None:
    assert calibrate("2014", L_A, p_E).c_star == pytest.approx(_closed_form(L_A, p_E),
                                                               abs=1e-7)


def test_verdicts_by_hand() -> None:
    # c* = sqrt((10 - 5) / 150) = 0.183 (2014 band 0.05-0.25)
    assert calibrate("2014", 20, 0.5).verdict == "reproduced"
    assert calibrate("2014", 50, 0.5).verdict == "too high"      # sqrt(20/150) = 0.365
    assert calibrate("2022-2024", 50, 0.5).verdict == "too low"
    assert calibrate("2022-2024", 60, 0.2).verdict == "reproduced"   # sqrt(25/60) = 0.645
    assert calibrate("no-fly zone", 50, 0.5).verdict == "reproduced"
    assert calibrate("no-fly zone", 100, 0.05).verdict == "too high"  # 50 >= 15 + 5: c* = 1
    assert calibrate("2014", 0, 0.5).verdict == "too low"             # a < k: c* = 0
    tie = calibrate("2022-2024", 10, 0.0)                             # flat EU
    assert tie.verdict == "tie" and tie.result.every_level_optimal
    assert "does not explain it" in tie.sentence


def test_calibrate_bad_input() -> None:
    with pytest.raises(ValueError, match="period"):
        calibrate("1914", 10, 0.5)
    with pytest.raises(TypeError, match="period"):
        calibrate(2014, 10, 0.5)
    with pytest.raises(ValueError, match="L_A"):
        calibrate("2014", -1, 0.5)
    with pytest.raises(ValueError, match="p_E"):
        calibrate("2014", 10, 1.5)
    with pytest.raises(TypeError, match="base"):
        calibrate("2014", 10, 0.5, base={"k": 5})
    assert calibrate("2022–2024", 60, 0.2).period.key == "2022-2024"   # an en dash


def test_region_lines_by_hand() -> None:
    """With A(c) = 0.5 and E(c) = 300 c**2: L_A = (5 + 300 c**2 p_E) / 0.5."""
    risks = np.array([0.0, 0.2, 1.0])
    for key, (lo_c, hi_c) in {"2014": (0.05, 0.25), "2022-2024": (0.45, 0.85)}.items():
        low, high = reproducing_region(key, risks)
        assert low == pytest.approx(10 + 600 * lo_c ** 2 * risks)
        assert high == pytest.approx(10 + 600 * hi_c ** 2 * risks)
    low, high = reproducing_region("no-fly zone", risks)
    assert low.tolist() == [0, 0, 0] and high == pytest.approx(10 + 600 * risks)


def test_region_agrees_with_brute_force() -> None:
    """Points just inside the region reproduce; points just outside do not."""
    for key in PERIODS:
        for p_E in (0.05, 0.3, 0.8):
            low, high = (float(v[0]) for v in reproducing_region(key, p_E))
            for L_A in (low + 0.2, min(high, 100) - 0.2):
                if 0 <= L_A <= 100 and low < L_A < high:
                    assert calibrate(key, L_A, p_E).verdict == "reproduced"
            if low - 0.2 >= 0:
                assert calibrate(key, low - 0.2, p_E).verdict == "too low"
            if high + 0.2 <= 100:
                assert calibrate(key, high + 0.2, p_E).verdict == "too high"


def test_region_needs_a_concave_model() -> None:
    with pytest.raises(ValueError, match="concave"):
        reproducing_region("2014", 0.5, base=BASE_MODEL.replace(alpha=0.5))
    with pytest.raises(ValueError, match="p_E"):
        reproducing_region("2014", [0.5, 2.0])
    with pytest.raises(ValueError, match="p_A"):
        reproducing_region("2014", 0.5, base=BASE_MODEL.replace(p_A=0.0))


# ------------------------------------------------------------------- the tank game
def test_tank_game_is_a_stag_hunt_by_hand() -> None:
    """R > T > P > S: both send 4, wait while the other sends 3, neither 2, alone 1."""
    from alliances.models.classification import classify

    game = tank_game()
    # Germany's payoffs, rows Send/Wait against the US's Send/Wait: R S / T P.
    assert game.A.tolist() == [[4, 1], [3, 2]]
    assert game.B.tolist() == [[4, 3], [1, 2]]
    # Best replies by hand: against Send, 4 > 3; against Wait, 2 > 1.
    assert game.best_responses("Germany", "Send tanks") == ["Send tanks"]
    assert game.best_responses("Germany", "Wait") == ["Wait"]
    assert game.pure_equilibria() == [("Send tanks", "Send tanks"), ("Wait", "Wait")]
    assert game.dominant_strategy("Germany") is None
    assert not game.is_pareto_efficient("Wait", "Wait")
    assert game.is_pareto_efficient("Send tanks", "Send tanks")
    assert classify(game).family == "Stag Hunt"
    # Mixed equilibrium by hand: 4q + 1(1 - q) = 3q + 2(1 - q)  =>  q = 1/2.
    assert "1/2" in game.describe_equilibria()[-1]


def test_tank_game_neighbours() -> None:
    """Swapping T and R gives the prisoner's dilemma the notebook used to show."""
    from alliances.models.classification import classify

    dilemma = tank_game(T=4, R=3, P=2, S=1)
    assert dilemma.pure_equilibria() == [("Wait", "Wait")]
    assert classify(dilemma).family == "Prisoner's Dilemma"
    with pytest.raises(TypeError, match="T"):
        tank_game(T="high")


# ------------------------------------------------------------------------ widget
def test_widget_follows_its_controls() -> None:
    from alliances.widgets.ukraine import CalibrationExplorer

    explorer = CalibrationExplorer()
    assert "alliances-calibration" in explorer._dom_classes
    controls = [explorer.period, *explorer.controls.values(), explorer.reset]
    assert all("alliances-control" in c._dom_classes for c in controls)
    first_sentence, first_png = explorer.sentence, explorer.image.value
    explorer.controls["L_A"].value = 20
    assert explorer.sentence != first_sentence and explorer.image.value != first_png
    assert "reproduces the historical choice" in explorer.sentence
    assert "2 of 3" in explorer.sentence
    explorer.period.value = "2022-2024"
    assert explorer.controls["L_A"].value == 50 and explorer.estimates["2014"] == (20.0, 0.5)
    explorer.controls["L_A"].value = 60
    explorer.controls["p_E"].value = 0.2
    assert explorer.verdicts() == {"2014": "reproduced", "no-fly zone": "reproduced",
                                   "2022-2024": "reproduced"}
    explorer.reset.click()
    assert explorer.estimates["2014"] == (50.0, 0.5) and explorer.controls["L_A"].value == 50
    assert explorer.error.value == ""


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
def test_widget_corners_never_raise() -> None:
    from alliances.widgets.ukraine import CalibrationExplorer

    explorer = CalibrationExplorer(period="no-fly zone")
    for L_A in (0.0, 10.0, 100.0):
        for p_E in (0.0, 0.01, 1.0):
            explorer.controls["L_A"].value = L_A
            explorer.controls["p_E"].value = p_E
            assert explorer.error.value == "", (L_A, p_E, explorer.error.value)
    explorer.controls["L_A"].value, explorer.controls["p_E"].value = 100.0, 0.0
    assert "would take the step that was refused" in explorer.sentence


def test_widget_bad_input() -> None:
    from alliances.widgets.ukraine import CalibrationExplorer

    with pytest.raises(ValueError, match="period"):
        CalibrationExplorer(period="1914")
    with pytest.raises(ValueError, match="unknown period"):
        CalibrationExplorer({"1914": (10, 0.5)})
    with pytest.raises(ValueError, match="sliders"):
        CalibrationExplorer({"2014": (500, 0.5)})
    with pytest.raises(TypeError, match="pair"):
        CalibrationExplorer({"2014": 10})
    with pytest.raises(TypeError, match="base"):
        CalibrationExplorer(base="strict")
