"""Every number that the prose of 04_case_ukraine states, recomputed.

Data figures are recomputed from the CSV files with the csv module, independently of
alliances.ukraine; model figures from the closed form of the calibrated model
(c* = sqrt((p_A L_A - k) / (3 L_E p_E)), with p_A = 0.5, k = 5, L_E = 100) or by hand
from the ordinal payoffs. Each test names its section and finds its sentence in the prose,
so that editing the prose without updating the test fails.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict

import pytest

from alliances import data
from notebook_tools import prose, section

NB = "04_case_ukraine.ipynb"


def _rows(name: str) -> list[dict]:
    with open(data.DATA_DIR / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _events() -> list[dict]:
    """The Ukraine events, numbered as in the notebook's table (sorted by start date)."""
    rows = [r for r in _rows("case_study_timeline") if r["case_study"] == "ukraine"]
    def first_day(text: str) -> str:
        return text + "-01" * (2 - text.count("-"))

    return sorted(rows, key=lambda r: (first_day(r["date_start"]), r["date_end"]))


def _aid() -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in _rows("kiel_ukraine_aid_by_donor"):
        if row["aid_type"] != "total":
            out[row["donor"]][row["aid_type"]] += float(row["eur_bn"])
    for kinds in out.values():
        kinds["total"] = kinds["military"] + kinds["financial"] + kinds["humanitarian"]
    return out


def _iso() -> dict[str, str]:
    return {r["donor"]: r["donor_iso3"] for r in _rows("kiel_ukraine_aid_by_donor")}


def _members() -> set[str]:
    """NATO members: the 2025 table's countries plus 2019 Allies without any spending."""
    table3 = {r["iso3"] for r in _rows("nato_defence_pct_gdp_2014_2024")
              if r["entity_type"] == "country"}
    spending = defaultdict(bool)
    for r in _rows("nato_defence_expenditure_2012_2019"):
        spending[r["iso3"]] |= r["defence_exp_usd_current"] != ""
    return table3 | {code for code, has in spending.items() if not has}


def _nato_donors() -> list[str]:
    members, iso = _members(), _iso()
    return [d for d in _aid() if iso[d] in members and d != "EU (Commission and Council)"]


def _monthly(kind: str | None = None) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for r in _rows("kiel_ukraine_aid_monthly_by_donor"):
        if kind is None or r["aid_type"] == kind:
            out[f"{int(r['year']):04d}-{int(r['month']):02d}"] += float(r["eur_bn"])
    return out


def _c_star(L_A: float, p_E: float) -> float:
    a = 0.5 * L_A - 5.0
    if a <= 0:
        return 0.0
    if p_E == 0 or a >= 300.0 * p_E:
        return 1.0
    return math.sqrt(a / (300.0 * p_E))


def _in_prose(*sentences: str) -> None:
    text = prose(NB)
    for sentence in sentences:
        assert sentence in text, f"not in the prose of {NB}: {sentence!r}"


# ---------------------------------------------------------------------------------- 1
def test_section_1_events_and_levels() -> None:
    """Section 1: "The timeline file holds 20 dated events for Ukraine"; "Six of the 20 events
    are collective NATO decisions"; the numbered events 1, 10, 11, 16, 17, 19 and their
    quotations."""
    text = section(NB, "1. The timeline")
    assert "holds 20 dated events for Ukraine" in text
    assert "Six of the 20 events are collective NATO decisions" in text
    events = _events()
    assert len(events) == 20
    nato = [k + 1 for k, e in enumerate(events) if e["actor_level"] == "nato"]
    assert nato == [1, 10, 11, 16, 17, 19]
    for number, quote in [(1, "will become members of NATO"),
                          (10, "on the ground or in the airspace"),
                          (11, "could lead to a full-fledged war in Europe"),
                          (17, "will not make NATO a party to the conflict")]:
        assert quote in text and quote in events[number - 1]["event"], (number, quote)
    assert "(event 1)" in text and "(events 10 and 11)" in text
    assert "(events 16 and 17)" in text and "(event 19)" in text
    assert "no-fly-zone refusal (event 11)" in text
    assert events[8]["date_start"] == "2022-02-24"      # the invasion date of the introduction
    assert "while members acted from 2014 on" in text
    members = [e["date_start"] for e in events if e["actor_level"] == "member"]
    assert min(members)[:4] == "2014"
    assert all(not ("2008-04-03" < e["date_start"] < "2022-02-28") for e in events
               if e["actor_level"] == "nato")                   # the empty NATO lane
    _in_prose("above all since the full-scale invasion of 24 February 2022")


# ---------------------------------------------------------------------------------- 2
def test_section_2_1_donors_and_members() -> None:
    """Section 2.1: 42 donors, 29 NATO members, 12 other states; NATO's 2025 release lists 31
    Allies, 32 with Iceland; Finland, North Macedonia, Sweden joined between the releases;
    Albania, Montenegro and North Macedonia are not in the tracker."""
    _in_prose("The tracker has 42 donors: 29 NATO members, 12 other states and the EU institutions",
              "NATO's 2025 release lists 31 Allies", "Together they give the 32 Allies",
              "Finland, North Macedonia and Sweden joined between the two releases",
              "Three Allies do not appear in the tracker at all: Albania, Montenegro and North "
              "Macedonia", "from January 2022 to April 2026")
    aid, iso = _aid(), _iso()
    assert len(aid) == 42 and not any("NATO" in d.upper() for d in aid)
    assert len(_nato_donors()) == 29 and len(aid) - 29 - 1 == 12
    table3 = {r["iso3"]: r["country"] for r in _rows("nato_defence_pct_gdp_2014_2024")
              if r["entity_type"] == "country"}
    release19 = {r["iso3"] for r in _rows("nato_defence_expenditure_2012_2019")}
    assert len(table3) == 31 and len(_members()) == 32 and _members() - set(table3) == {"ISL"}
    assert {table3[c] for c in set(table3) - release19} == {"Finland", "North Macedonia",
                                                           "Sweden"}
    assert {table3[c] for c in _members() - set(iso.values()) if c in table3} == \
        {"Albania", "Montenegro", "North Macedonia"}
    periods = {(r["period_start"], r["period_end"]) for r in _rows("kiel_ukraine_aid_by_donor")}
    assert periods == {("2022-01", "2026-04")}


def test_section_2_2_totals() -> None:
    """Section 2.2: all donors 358.4 = 173.0 + 159.7 + 25.7; US 115.4, of which 64.6
    military; "a little over half" of US aid and "about four-fifths" of Germany's military."""
    _in_prose("All donors together allocated 358.4 billion euros: 173.0 military, 159.7 "
              "financial and 25.7 humanitarian",
              "The United States gave the most, 115.4 billion, of which 64.6 military",
              "A little over half of the American aid was military, and about four-fifths of "
              "Germany's")
    aid = _aid()
    totals = {k: sum(d[k] for d in aid.values()) for k in
              ("military", "financial", "humanitarian", "total")}
    assert [round(totals[k], 1) for k in ("total", "military", "financial", "humanitarian")] \
        == [358.4, 173.0, 159.7, 25.7]
    assert max(aid, key=lambda d: aid[d]["total"]) == "United States"
    us, de = aid["United States"], aid["Germany"]
    assert (round(us["total"], 1), round(us["military"], 1)) == (115.4, 64.6)
    assert 0.5 < us["military"] / us["total"] < 0.6
    assert abs(de["military"] / de["total"] - 0.8) < 0.02


def test_section_2_3_groups() -> None:
    """Section 2.3: NATO members' military share 0.666 ("about two-thirds"), 99% of all
    military aid; the EU institutions 84.4, of which 81.2 financial and none military."""
    _in_prose("About two-thirds of NATO members' bilateral aid was military (a military share of "
              "0.666), and NATO members gave 99% of all the military aid in the tracker",
              "84.4 billion, of which 81.2 financial and none military")
    aid = _aid()
    nato = _nato_donors()
    share = sum(aid[d]["military"] for d in nato) / sum(aid[d]["total"] for d in nato)
    assert round(share, 3) == 0.666 and abs(share - 2 / 3) < 0.01
    of_military = sum(aid[d]["military"] for d in nato) / sum(a["military"] for a in aid.values())
    assert round(100 * of_military) == 99
    eu = aid["EU (Commission and Council)"]
    assert (round(eu["total"], 1), round(eu["financial"], 1), eu["military"]) == (84.4, 81.2, 0)


def test_section_2_4_months() -> None:
    """Section 2.4: October 2024, 23.15 billion, 19.08 financial; military ahead from April
    2022; January 2023 second-largest military month of 52; May 2022 among the smallest."""
    _in_prose("The largest month of all, October 2024 with 23.15 billion, was mostly financial "
              "aid (19.08 billion)",
              "from April 2022 on, the running total of military aid stays above that of "
              "financial aid",
              "January 2023, the month of the tank decision, has the second-largest military "
              "allocation of the 52 months, while May 2022, the month of the HIMARS decision, is "
              "among the smallest")
    total, military, financial = _monthly(), _monthly("military"), _monthly("financial")
    months = sorted(total)
    assert len(months) == 52 and months[0] == "2022-01" and months[-1] == "2026-04"
    peak = max(total, key=total.get)
    assert (peak, round(total[peak], 2), round(financial[peak], 2)) == ("2024-10", 23.15, 19.08)
    assert financial[peak] > total[peak] / 2
    run_m = run_f = 0.0
    ahead = []
    for m in months:
        run_m, run_f = run_m + military.get(m, 0.0), run_f + financial.get(m, 0.0)
        ahead.append((m, run_m > run_f))
    assert all(flag for m, flag in ahead if m >= "2022-04")
    assert not dict(ahead)["2022-03"]
    ranked = sorted(months, key=lambda m: -military.get(m, 0.0))
    assert ranked.index("2023-01") == 1
    assert ranked.index("2022-05") >= 52 - 10          # among the ten smallest
    events = _events()
    assert events[11]["date_start"] == "2022-05-31" and "HIMARS" in events[11]["event"]
    assert events[12]["date_start"] == "2023-01-25" and "Leopard" in events[12]["event"]


def test_section_2_5_heavy_weapons() -> None:
    """Section 2.5: the US ahead in every category but tanks, where Poland (mostly T-72s) gave
    the most; 3,327 heavy weapons, 3,272 from NATO members, 55 from Australia."""
    _in_prose("The bars show the United States ahead in every category but tanks, where Poland, "
              "mostly with T-72s, gave the most",
              "Of the 3,327 heavy weapons in the tracker, 3,272 came from NATO members; the other "
              "55 came from Australia")
    rows = _rows("kiel_ukraine_heavy_weapons_by_donor")
    by = defaultdict(lambda: defaultdict(int))
    for r in rows:
        by[r["category"]][r["donor"]] += int(r["number_of_weapons"])
    for category, donors in by.items():
        leader = max(donors, key=donors.get)
        assert leader == ("Poland" if category == "Tanks" else "United States"), category
    poland = next(r for r in rows if r["donor"] == "Poland" and r["category"] == "Tanks")
    t72 = int(re.search(r"T-72 tank \(T-72A/T-72M1/M1R\) \((\d+)\)", poland["weapons_list"])[1])
    assert t72 > int(poland["number_of_weapons"]) / 2
    members, iso = _members(), _iso()
    total = sum(int(r["number_of_weapons"]) for r in rows)
    nato = sum(int(r["number_of_weapons"]) for r in rows if iso[r["donor"]] in members)
    others = {r["donor"] for r in rows if iso[r["donor"]] not in members}
    assert (total, nato, total - nato, others) == (3327, 3272, 55, {"Australia"})


def test_section_2_6_before_2022() -> None:
    """Section 2.6: a USD 46m package (event 5), non-lethal in March 2015 (6), Javelins
    decided in December 2017 (7), first shipped in 2018 (8); the tracker starts in 2022."""
    _in_prose("announced a USD 46m package of counter-mortar radar, vehicles and body armour "
              "(event 5)", "did the United States decide to supply Javelin anti-tank missiles (7), "
              "first shipped in 2018 (8)")
    events = _events()
    assert "USD 46m" in events[4]["event"] and events[4]["date_start"] == "2014-09"
    assert "non-lethal" in events[5]["event"] and events[5]["date_start"] == "2015-03"
    assert "Javelin" in events[6]["event"] and events[6]["date_start"] == "2017-12"
    assert "First shipment of Javelins" in events[7]["event"] and events[7]["date_start"] == "2018"
    assert min(f"{int(r['year']):04d}-{int(r['month']):02d}"
               for r in _rows("kiel_ukraine_aid_monthly_by_donor")) == "2022-01"


# ---------------------------------------------------------------------------------- 3
def test_section_3_fixed_assumptions_and_example() -> None:
    """Section 3.2: L_E = 100, p_A = 0.5, r_0 = 0, k = 5, alpha = 1, beta = 3; with L_A = 50
    and p_E = 0.5, c* = sqrt((25 - 5)/150) = 0.365."""
    from alliances.ukraine import BASE_MODEL

    text = section(NB, "3.2 The model")
    for piece in ("$L_E = 100$", "$p_A = 0.5$", "($r_0 = 0$)", "$k = 5$", "($\\alpha = 1$)",
                  "($\\beta = 3$)", "Take $L_A = 50$ and $p_E = 0.5$",
                  "$c^* = \\sqrt{(25 - 5)/150} = 0.365$"):
        assert piece in text, piece
    assert (BASE_MODEL.L_E, BASE_MODEL.p_A, BASE_MODEL.r0, BASE_MODEL.k, BASE_MODEL.alpha,
            BASE_MODEL.beta) == (100, 0.5, 0, 5, 1, 3)
    assert 0.5 * 50 == 25 and 3 * 100 * 0.5 == 150
    assert round(_c_star(50, 0.5), 3) == 0.365


def test_section_3_regions_and_staircase() -> None:
    """Section 3.3: for p_E = 0.3 the 2022-2024 choice needs L_A between 46.45 and 100; the
    2014 and 2022-2024 regions touch only at p_E = 0; with L_A = 70, c* climbs from 0.45
    (p_E = 0.5) to 0.71 (p_E = 0.2) and reaches 1 at p_E = 0.05."""
    _in_prose("For an entrapment risk of 0.3, the 2022–2024 choice needs a loss from abandonment "
              "between 46.45 and 100",
              "the two regions touch only at the corner $p_E = 0$",
              "Keep $L_A = 70$", "As the risk falls from 0.5 to 0.2, $c^*$ climbs from 0.45 to "
              "0.71", "At 0.05 the model would go all the way, to a no-fly zone")

    # c* >= c_lo  <=>  0.5 L_A - 300 c_lo^2 p_E - 5 >= 0  <=>  L_A >= 10 + 600 c_lo^2 p_E
    def line(c: float, p_E: float) -> float:
        return 10 + 600 * c * c * p_E

    assert round(line(0.45, 0.3), 2) == 46.45 and line(0.85, 0.3) > 100
    for p_E in (0.001, 0.1, 0.5, 1.0):
        assert line(0.25, p_E) < line(0.45, p_E)     # 2014's top below 2022-2024's bottom
    assert line(0.25, 0) == line(0.45, 0) == 10
    assert [round(_c_star(70, p), 2) for p in (0.5, 0.2, 0.05)] == [0.45, 0.71, 1.0]


def test_section_3_widget_first_view() -> None:
    """Section 3.4: "the best commitment is 0.37 ... only the no-fly-zone refusal is
    reproduced" for the starting estimates (50, 0.5)."""
    _in_prose("(a loss from abandonment of 50, an entrapment risk of 0.5), the best commitment is "
              "0.37, more than the non-lethal aid the West gave; only the no-fly-zone refusal is "
              "reproduced")
    c = _c_star(50, 0.5)
    assert round(c, 2) == 0.37
    assert c > 0.25                    # above the 2014 band (0.05 to 0.25)
    assert c < 0.45                    # below the 2022-2024 band (0.45 to 0.85)
    assert c < 1                       # the no-fly zone (c = 1) is refused


# ---------------------------------------------------------------------------------- 4
def test_section_4_tanks() -> None:
    """Section 4: 14 Leopard 2A6 and 31 M1 Abrams announced (event 13); the ordinal ranking
    4 > 3 > 2 > 1; the tracker's 18 + 3 Leopard 2A6 and 31 + 49 M1A1 Abrams."""
    _in_prose("On 25 January 2023 Germany confirmed 14 Leopard 2A6 tanks",
              "States announced 31 M1 Abrams (event 13)",
              "the other sends while it waits (4", "both send (3", "neither sends (2",
              "it sends alone (1",
              "waiting means no tanks at all (2), while sending or matching means tanks with the "
              "risk shared (3)",
              "the tracker lists 18 Leopard 2A6 from Germany (more than the 14 of January 2023) "
              "and 3 from Portugal; 31 M1A1 Abrams from the United States, as announced, and 49 "
              "from Australia")
    event = _events()[12]["event"]
    assert "14 Leopard 2A6" in event and "31 M1 Abrams" in event
    systems = defaultdict(int)
    for r in _rows("kiel_ukraine_heavy_weapons_by_donor"):
        for item in r["weapons_list"].split("; "):
            name, number = re.fullmatch(r"(.+) \((\d+)\)", item).groups()
            systems[r["donor"], name] += int(number)
    assert systems["Germany", "Leopard-2A6"] == 18 and systems["Portugal", "Leopard-2A6"] == 3
    assert systems["United States", "M1A1 Abrams"] == 31
    assert systems["Australia", "M1A1 Abrams"] == 49
    assert "AUS" not in _members()


# --------------------------------------------------------------------------- exercises
def test_exercise_solutions() -> None:
    """Exercises 1-6 and 8: Germany 0.81 = 24.2 / 29.9; April 2024 with January 2023 second;
    NATO members 0.67; 4 against 3 and 2 against 1; the no-fly threshold 70 (0.5 L_A >= 35);
    the calibrations (20, 0.5) -> 0.18 and (60, 0.2) -> 0.65; the 165 km ATACMS (event 15)."""
    _in_prose("**About 0.81.** Germany's military aid divided by its total: 24.2 / 29.9",
              "**April 2024.**", "January 2023, the month of the tank decision, is a close second",
              "**About 0.67.**", "4 against 3 if the other sends, 2 against 1 if it waits",
              "**70.**", "$0.5\\,L_A \\ge 3 \\times 100 \\times 0.1 + 5 = 35$, so $L_A \\ge 70$",
              "$(20, 0.5)$ for 2014 ($c^* = 0.18$) and $(60, 0.2)$ for 2022–2024 ($c^* = 0.65$)",
              "the 165 km version of ATACMS, event 15",
              "it is not among the tracker's 42 donors",
              "about two-thirds of their bilateral aid, and 99% of all military aid in the tracker",
              "The \"economic\" part belongs mainly to the EU institutions (84.4 billion euros")
    de = _aid()["Germany"]
    assert round(de["military"] / de["total"], 2) == 0.81
    assert (round(de["military"], 1), round(de["total"], 1)) == (24.2, 29.9)
    military = _monthly("military")
    ranked = sorted(military, key=lambda m: -military[m])
    assert ranked[:2] == ["2024-04", "2023-01"]
    aid, nato = _aid(), _nato_donors()
    assert round(sum(aid[d]["military"] for d in nato) / sum(aid[d]["total"] for d in nato),
                 2) == 0.67
    assert 3 * 100 * 0.1 + 5 == 35 and 35 / 0.5 == 70
    assert _c_star(70, 0.1) == 1.0 and _c_star(69.9, 0.1) < 1.0
    assert 0.05 <= round(_c_star(20, 0.5), 2) == 0.18 <= 0.25
    assert 0.45 <= round(_c_star(60, 0.2), 2) == 0.65 <= 0.85
    assert "165 km" in _events()[14]["event"]


def test_summary() -> None:
    """Summary: the members' bilateral aid "about two-thirds military"."""
    assert "members' bilateral aid was about two-thirds military" in section(NB, "Summary")
    aid, nato = _aid(), _nato_donors()
    share = sum(aid[d]["military"] for d in nato) / sum(aid[d]["total"] for d in nato)
    assert share == pytest.approx(2 / 3, abs=0.01)
