"""Every number that the prose of 04_case_ukraine states, recomputed.

Data figures are recomputed from the CSV files with the csv module, independently of
alliances.cases.ukraine; model figures from the closed form of the calibrated model
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

SOURCES_MD = data.DATA_DIR / "SOURCES.md"

NB = "04_case_ukraine.ipynb"


def _rows(name: str) -> list[dict]:
    with open(data.DATA_DIR / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _events() -> list[dict]:
    """The Ukraine events, oldest first (sorted by start date)."""
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


def _event(date_start: str) -> dict:
    matches = [e for e in _events() if e["date_start"] == date_start]
    assert len(matches) == 1, date_start
    return matches[0]


def _source_entry(source_id: str) -> str:
    """The text of one entry of data/SOURCES.md's source list (with its continuation lines)."""
    text = SOURCES_MD.read_text(encoding="utf-8").split("## Source list", 1)[1]
    match = re.search(rf"^- {source_id}: (.*?)(?=^- |^\*\*|^$|\Z)", text, re.M | re.S)
    assert match, source_id
    return re.sub(r"\s+", " ", match[1])


# ---------------------------------------------------------------------------------- 1
def test_section_1_events_and_levels() -> None:
    """Section 1: "The timeline file holds 25 dated events for Ukraine"; "Eleven of the 25
    events are collective NATO decisions"; NATO's rows not empty between 2008 and 2022; the
    quotations with their dates; members' decisions from 2014."""
    text = section(NB, "1. The timeline")
    assert "holds 25 dated events for Ukraine" in text
    assert "Eleven of the 25 events are collective NATO decisions" in text
    events = _events()
    assert len(events) == 25
    nato = [e for e in events if e["actor_level"] == "nato"]
    assert len(nato) == 11
    for date_start, quote, when in [
            ("2008-04-03", "will become members of NATO", "Bucharest (2008)"),
            ("2022-02-28", "on the ground or in the airspace", "(28 February 2022)"),
            ("2022-03-04", "could lead to a full-fledged war in Europe", "(4 March 2022)"),
            ("2024-07-10", "will not make NATO a party to the conflict", "(July 2024)"),
            ("2025-07-14", "PURL", "PURL (July 2025)")]:
        event = _event(date_start)
        assert event["actor_level"] == "nato" and quote in event["event"], date_start
        assert quote in text and when in text, (quote, when)
    between = [e["date_start"][:4] for e in nato if "2008-04-03" < e["date_start"] < "2022-02-24"]
    assert between == ["2014", "2016", "2020"]
    assert "they hold the trust funds (2014), the assistance package (2016) and a partnership " \
        "status (2020)" in text
    members = [e["date_start"] for e in events if e["actor_level"] == "member"]
    assert min(members)[:4] == "2014"
    assert _event("2022-02-24")["actor_level"] == "other"
    _in_prose("above all since the full-scale invasion of 24 February 2022")


# ---------------------------------------------------------------------------------- 2
def test_section_2_1_nato_programmes() -> None:
    """Section 2.1: trust funds (Wales, September 2014), the CAP (Warsaw, July 2016, "more than
    40 areas"; Madrid, June 2022; Vilnius 2023), Enhanced Opportunities Partner (June 2020),
    the NATO-Ukraine Council (Vilnius, July 2023); "we have no weapons" (June 2016); "nearly
    EUR 800 million" as NATO's CAP page gives it. Each statement is in a timeline event of
    level NATO or in the source entry it cites."""
    text = section(NB, "2.1 NATO as an organisation")
    wales = _event("2014-09-04")
    assert wales["actor_level"] == "nato" and "trust funds" in wales["event"]
    for area in ("logistics", "command, control, communications and computers", "cyber defence",
                 "rehabilitation of wounded soldiers"):
        assert area in wales["event"], area
    assert "Wales summit (September 2014)" in text and "later in 2014" in text
    warsaw = _event("2016-07-09")
    assert "Comprehensive Assistance Package" in warsaw["event"]
    assert "'more than 40 areas'" in warsaw["event"] and '"more than 40 areas"' in text
    assert "(CAP, Warsaw, July 2016)" in text
    madrid = _event("2022-06-29")
    for item in ("fuel", "secure communications", "medical equipment", "body armour",
                 "counter-drone"):
        assert item in madrid["event"] and item in text, item
    assert "Madrid (June 2022)" in text
    vilnius = _event("2023-07-11")
    assert "NATO-Ukraine Council" in vilnius["event"] and "multi-year" in vilnius["event"]
    assert "(Vilnius, July 2023)" in text and "Vilnius (2023)" in text
    eop = _event("2020-06-12")
    assert "Enhanced Opportunities Partner" in eop["event"] and "(June 2020)" in text
    assert "does not prejudge any decisions on NATO membership" in eop["event"]
    assert "does not prejudge any decisions on NATO membership" in text
    assert all(e["actor_level"] == "nato" for e in (wales, warsaw, madrid, vilnius, eop))
    assert "we have no weapons" in _source_entry("UAWIRE_2016_06") and "June 2016" in text
    assert "we have no weapons" in text
    assert '"nearly EUR 800 million"' in text and "November 2024" in text
    assert "nearly EUR 800 million" in _source_entry("NATO_CAP_TOPIC")
    assert "November 2024" in _source_entry("NATO_CAP_TOPIC")
    # NATO publishes this one amount; the prose states no other amount for NATO's programmes.
    assert not re.search(r"\d", re.sub(r"EUR 800 million|\d{4}|40 areas|2\.\d", "", text))
    aid = _aid()
    assert not any("NATO" in d.upper() for d in aid)


def test_going_further_donors_and_members() -> None:
    """Going further B: 42 donors, 29 NATO members, 12 other states; NATO's 2025 release lists
    31 Allies, 32 with Iceland; Finland, North Macedonia, Sweden joined between the releases;
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


def test_section_2_3_totals() -> None:
    """Section 2.3 and Going further B: all donors 358.4 = 173.0 + 159.7 + 25.7; US 115.4, of
    which 64.6 military; "a little over half" of US aid and "about four-fifths" of Germany's
    military."""
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


def test_going_further_months() -> None:
    """Going further C: October 2024, 23.15 billion, 19.08 financial; military ahead from April
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
    assert "HIMARS" in _event("2022-05-31")["event"]
    assert "Leopard" in _event("2023-01-25")["event"]


def test_going_further_heavy_weapons() -> None:
    """Going further D: the US ahead in every category but tanks, where Poland (mostly T-72s)
    gave the most; 3,327 heavy weapons, 3,272 from NATO members, 55 from Australia."""
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


def test_section_2_2_before_2022() -> None:
    """Section 2.2: a USD 46m package (September 2014), non-lethal in March 2015, Javelins
    decided in December 2017, first shipped in 2018; the tracker starts in 2022."""
    text = section(NB, "2.2 Its members before 2022")
    for piece in ("In September 2014 Obama declined lethal aid and announced a USD 46m package of "
                  "counter-mortar radar, vehicles and body armour",
                  "in March 2015 American aid was still non-lethal",
                  "Only in December 2017 did the United States decide to supply Javelin anti-tank "
                  "missiles, first shipped in 2018"):
        assert piece in text, piece
    assert "USD 46m" in _event("2014-09")["event"]
    assert "non-lethal" in _event("2015-03")["event"]
    assert "Javelin" in _event("2017-12")["event"]
    assert "First shipment of Javelins" in _event("2018")["event"]
    assert all(_event(d)["actor_level"] == "member" for d in ("2014-09", "2015-03", "2017-12"))
    assert min(f"{int(r['year']):04d}-{int(r['month']):02d}"
               for r in _rows("kiel_ukraine_aid_monthly_by_donor")) == "2022-01"


def test_section_2_4_verdict_three_levels() -> None:
    """Section 2.4: the verdict table keeps NATO as an organisation, its members before 2022 and
    its members after apart, with the numbers of section 2.3."""
    text = section(NB, "2.4 The verdict")
    for row in ("**NATO as an organisation**", "**its members, before 2022**",
                "**its members, from 2022**"):
        assert row in text, row
    assert "about two-thirds military; 99% of all military aid in the tracker" in text
    assert "could lead to a full-fledged war in Europe" in _event("2022-03-04")["event"]


# ---------------------------------------------------------------------------------- 3
def test_section_3_escalation_not_entrapment() -> None:
    """Section 3: the fear of a direct war with Russia is called escalation risk; entrapment is
    named only to explain why it is not Snyder's entrapment."""
    text = section(NB, "3. The dilemma applied")
    assert "[escalation risk](glossary.md#escalation-risk)" in text
    assert "Why not \"entrapment\"?" in text
    assert "being dragged into a conflict over an ally's interests that one does not share" in text
    everything = prose(NB)
    uses = [m.start() for m in re.finditer(r"ntrapment", everything)]
    allowed = ("Why not", "[entrapment]", "#entrapment", "in place of entrapment",
               "escalation risk and entrapment")
    for start in uses:
        window = everything[max(0, start - 40):start + 30]
        assert any(a in window for a in allowed), window


def test_section_3_fixed_assumptions_and_example() -> None:
    """Section 3.2: L_E = 100, p_A = 0.5, r_0 = 0, k = 5, alpha = 1, beta = 3; with L_A = 50
    and p_E = 0.5, c* = sqrt((25 - 5)/150) = 0.365; the bands of the three choices."""
    from alliances.cases.ukraine_dilemma import BASE_MODEL, PERIODS

    text = section(NB, "3.2 The model")
    for piece in ("$L_E = 100$", "$p_A = 0.5$", "($r_0 = 0$)", "$k = 5$", "($\\alpha = 1$)",
                  "($\\beta = 3$)", "Take $L_A = 50$ and $p_E = 0.5$",
                  "$c^* = \\sqrt{(25 - 5)/150} = 0.365$",
                  "2014 between 0.05 and 0.25, 2022–2024 between 0.45 and 0.85, and the no-fly "
                  "zone refused (any $c$ below 1)"):
        assert piece in text, piece
    assert (BASE_MODEL.L_E, BASE_MODEL.p_A, BASE_MODEL.r0, BASE_MODEL.k, BASE_MODEL.alpha,
            BASE_MODEL.beta) == (100, 0.5, 0, 5, 1, 3)
    assert (PERIODS["2014"].low, PERIODS["2014"].high) == (0.05, 0.25)
    assert (PERIODS["2022-2024"].low, PERIODS["2022-2024"].high) == (0.45, 0.85)
    assert PERIODS["no-fly zone"].refused == 1.0
    assert 0.5 * 50 == 25 and 3 * 100 * 0.5 == 150
    assert round(_c_star(50, 0.5), 3) == 0.365


def test_section_3_regions_and_staircase() -> None:
    """Section 3.3: for p_E = 0.3 the 2022-2024 choice needs L_A between 46.45 and 100 (the top of
    the scale); the 2014 and 2022-2024 regions touch only at p_E = 0; with L_A = 70, c* climbs
    from 0.45 (p_E = 0.5) to 0.71 (p_E = 0.2) and reaches 1 at p_E = 0.05."""
    _in_prose("For an escalation risk of 0.3, the 2022–2024 choice needs a loss from abandonment "
              "between 46.45 and 100, the top of our scale",
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
    """Section 3.4: "the best commitment is 0.37 ... only the no-fly-zone refusal is reproduced"
    for the starting estimates (50, 0.5); a guiding question before the widget."""
    _in_prose("with a loss from abandonment of 50 and an escalation risk of 0.5, the best "
              "commitment is 0.37, above the non-lethal aid of 2014; only the no-fly-zone refusal "
              "is reproduced")
    assert "**Guiding question.**" in section(NB, "3.4 Try it")
    c = _c_star(50, 0.5)
    assert round(c, 2) == 0.37
    assert c > 0.25                    # above the 2014 band (0.05 to 0.25)
    assert c < 0.45                    # below the 2022-2024 band (0.45 to 0.85)
    assert c < 1                       # the no-fly zone (c = 1) is refused


# ---------------------------------------------------------------------------------- 4
def _tank_payoffs_from_the_text() -> dict[tuple[str, str], int]:
    """Germany's ordinal payoffs as section 4 states them, read from the prose."""
    text = section(NB, "4. Allies waiting for each other")
    value = {}
    for phrase, cell in [("both send (", ("S", "S")),
                         ("it waits while the other sends (", ("W", "S")),
                         ("neither sends (", ("W", "W")), ("it sends alone (", ("S", "W"))]:
        match = re.search(re.escape(phrase) + r"(\d)", text)
        assert match, phrase
        value[cell] = int(match[1])
    return value


def test_section_4_tank_game_text_payoffs_and_equilibria_agree() -> None:
    """Section 4: the payoffs the text states make a stag hunt (R > T > P > S) whose pure
    equilibria are both send and both wait, with a mixed one at 1/2; the library's game has
    the same payoffs, the same equilibria (its solver) and the family "Stag Hunt"; the text
    says so, and the library has no conditional strategy the game does not contain."""
    import alliances.cases.ukraine_dilemma as dilemma
    from alliances.models.classification import classify

    u = _tank_payoffs_from_the_text()
    R, T, P, S = u["S", "S"], u["W", "S"], u["W", "W"], u["S", "W"]
    assert (R, T, P, S) == (4, 3, 2, 1) and R > T > P > S      # the stag-hunt ranking
    # Pure equilibria by hand: a symmetric cell (a, a) is one if a is a best reply to a.
    best = {"S": "S" if R > T else "W", "W": "S" if S > P else "W"}
    pure = sorted((a, a) for a in ("S", "W") if best[a] == a)
    assert pure == [("S", "S"), ("W", "W")]
    q = (P - S) / ((R - T) + (P - S))                            # indifference: mixed send
    assert q == 0.5
    text = section(NB, "4. Allies waiting for each other")
    assert "The matrix frames two equilibria, both send (top left) and both wait (bottom right)" \
        in text
    assert "stars both sending as the only Pareto-optimal cell" in text
    assert "each ally sends with probability 1/2" in text
    assert "[stag hunt](glossary.md#stag-hunt)" in text
    game = dilemma.tank_game()
    assert game.payoffs("Send tanks", "Send tanks") == (R, R)
    assert game.payoffs("Wait", "Send tanks") == (T, S)
    assert game.payoffs("Wait", "Wait") == (P, P)
    assert game.pure_equilibria() == [("Send tanks", "Send tanks"), ("Wait", "Wait")]
    assert classify(game).family == "Stag Hunt"
    assert "1/2" in game.describe_equilibria()[-1]
    assert dilemma.TANK_STRATEGIES == ("Send tanks", "Wait")
    assert not hasattr(dilemma, "tank_commitment_game")
    assert "Send if the other does" not in prose(NB)
    _in_prose("On 25 January 2023 Germany confirmed 14 Leopard 2A6 tanks and the United States "
              "announced 31 M1 Abrams")
    event = _event("2023-01-25")["event"]
    assert "14 Leopard 2A6" in event and "31 M1 Abrams" in event


def test_going_further_tanks_in_the_tracker() -> None:
    """Going further F: the tracker's 18 + 3 Leopard 2A6 and 31 + 49 M1A1 Abrams."""
    _in_prose("the tracker lists 18 Leopard 2A6 from Germany (more than the 14 of January 2023) "
              "and 3 from Portugal; 31 M1A1 Abrams from the United States, as announced, and 49 "
              "from Australia")
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
    """Exercises: NATO members 0.67; both send and both wait, 4 against 3 and 2 against 1;
    Germany 0.81 = 24.2 / 29.9; April 2024 with January 2023 second; the no-fly threshold 70
    (0.5 L_A >= 35); the calibrations (20, 0.5) -> 0.18 and (60, 0.2) -> 0.65; the 165 km
    ATACMS first used on 17 October 2023; the verdict's numbers."""
    _in_prose("**About 0.67.**", "**(Send tanks, Send tanks) and (Wait, Wait).**",
              "sending pays more (4 against 3)", "waiting pays more (2 against 1)",
              "**About 0.81.** Germany's military aid divided by its total: 24.2 / 29.9",
              "**April 2024.**", "January 2023, the month of the tank decision, is a close second",
              "**70.**", "$0.5\\,L_A \\ge 3 \\times 100 \\times 0.1 + 5 = 35$, so $L_A \\ge 70$",
              "$(20, 0.5)$ for 2014 ($c^* = 0.18$) and $(60, 0.2)$ for 2022–2024 ($c^* = 0.65$)",
              "the 165 km version of ATACMS, first used on 17 October 2023",
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
    atacms = _event("2023-10-17")["event"]
    assert "165 km" in atacms and "ATACMS" in atacms
    assert "HIMARS" in _event("2022-05-31")["event"]
    assert "not encouraging or enabling Ukraine to strike beyond its borders" in \
        _event("2022-05-31")["event"]


def test_summary() -> None:
    """Summary: the members' bilateral aid "about two-thirds military"."""
    assert "the members' bilateral aid was about two-thirds military" in section(NB, "Summary")
    aid, nato = _aid(), _nato_donors()
    share = sum(aid[d]["military"] for d in nato) / sum(aid[d]["total"] for d in nato)
    assert share == pytest.approx(2 / 3, abs=0.01)
