"""Every number that 05_case_afghanistan states in its prose, recomputed independently.

Each test names the section in its docstring, finds the sentence in the prose (so that
editing the prose without updating the test fails) and recomputes the number from the raw
CSV files with the csv module and plain Python, or from a closed form for the models,
never by calling the function that printed it in the notebook.
"""

from __future__ import annotations

import csv
import math
from datetime import date
from fractions import Fraction

import pytest
from scipy import stats

from alliances.caveats import CaveatModel
from alliances.commitment import CommitmentModel
from alliances.data import DATA_DIR
from hand_statistics import spearman
from notebook_tools import prose, section

NB = "05_case_afghanistan.ipynb"


def _rows(name: str) -> list[dict]:
    with open(DATA_DIR / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _troops(as_of: str) -> dict[str, int]:
    return {r["country"]: int(r["troops"]) for r in _rows("isaf_troop_contributions")
            if r["as_of"] == as_of}


def _deaths(as_of: str) -> dict[str, int]:
    return {r["country"]: int(r["fatalities"]) for r in _rows("coalition_fatalities_afghanistan")
            if r["as_of"] == as_of and r["is_aggregate"] == "false"}


def _pct(country: str, year: int) -> float:
    return next(float(r["defence_pct_gdp"]) for r in _rows("nato_defence_pct_gdp_2014_2024")
                if r["country"] == country and r["year"] == str(year))


def _afghan_events() -> list[dict]:
    return [r for r in _rows("case_study_timeline") if r["case_study"] == "afghanistan"]


def _oz(as_of: str) -> tuple[list[str], list[float], list[float], list[float]]:
    """Allies (NATO 2019 release, 2012 GDP; Montenegro not yet an Ally) with troops."""
    gdp = {r["country"]: float(r["real_gdp_usd_2015_prices"])
           for r in _rows("nato_defence_expenditure_2012_2019") if r["year"] == "2012"}
    names, sizes, troops, burden = [], [], [], []
    for country, n in _troops(as_of).items():
        name = "Slovak Republic" if country == "Slovakia" else country
        if name in gdp and name != "Montenegro":
            names.append(country)
            sizes.append(gdp[name])
            troops.append(float(n))
            burden.append(n / (gdp[name] / 1e9))
    return names, sizes, troops, burden


def _per_1000(deaths: dict[str, int], troops: dict[str, int], group: tuple[str, ...]) -> float:
    members = [c for c in group if c in deaths and c in troops]
    return 1000 * sum(deaths[c] for c in members) / sum(troops[c] for c in members)


# ------------------------------------------------------------------------ introduction
def test_intro_and_section_1_dates_and_lanes() -> None:
    """Introduction and section 1: the first invocation "On 12 September 2001", the dates
    of the collective decisions, "eighteen numbered events", "three in the lane of a member
    acting alone" and "two United Nations resolutions"."""
    text = prose(NB)
    events = _afghan_events()
    assert "On 12 September 2001 NATO's allies declared" in text
    first = min(events, key=lambda r: r["date_start"])
    assert first["date_start"] == "2001-09-12" and "first invocation" in first["event"]
    one = section(NB, "1. Twenty years")
    assert "eighteen numbered events from September 2001 to August 2021" in one
    assert len(events) == 18
    assert min(r["date_start"] for r in events).startswith("2001-09")
    assert max(r["date_end"] for r in events).startswith("2021-08")
    levels = [r["actor_level"] for r in events]
    assert "three in the lane of a member acting alone" in one and levels.count("member") == 3
    assert "two\nUnited Nations resolutions".replace("\n", " ") in one and levels.count("un") == 2
    dated = {r["date_start"]: r["event"] for r in events}
    for when, start, word in [("2 October", "2001-10-02", "Article 5"),
                              ("the eight measures of 4 October", "2001-10-04", "eight"),
                              ("NATO took command of it in August 2003", "2003-08-11",
                               "leadership"),
                              ("in October 2003", "2003-10", "whole"),
                              ("replaced ISAF on 1 January 2015", "2015-01-01", "Resolute"),
                              ("on 29 February 2020", "2020-02-29", "Doha")]:
        assert when in one and word in dated[start], when


# ----------------------------------------------------------------------------- 2
def test_section_2_junior_allies_best_commitment() -> None:
    """Section 2: with L_A = 16, r0 = 0.1 and part 3's other parameters, "$c^* = 0.70$" for
    L_E = 6 and "$c^* = 0.49$" for L_E = 16, from c* = (2a - k)/(2a + 2e)."""
    two = section(NB, "2. Article 5")
    assert "$L_E = 6$" in two and "$L_E = 16$" in two and "$L_A = 16$" in two
    assert "$r_0 = 0.1$" in two
    assert "$c^* = 0.70$" in two and "$c^* = 0.49$" in two
    base = CommitmentModel()        # part 3's other parameters: p_A = p_E = 0.5, k = 1
    for L_E, stated in ((6, 0.70), (16, 0.49)):
        a = 16 * base.p_A
        e = L_E * base.p_E * (1 - 0.1)
        c_star = (2 * a - base.k) / (2 * a + 2 * e)
        assert round(c_star, 2) == stated
        assert CommitmentModel(L_A=16, L_E=L_E, r0=0.1).best().c_star == pytest.approx(c_star)


# ----------------------------------------------------------------------------- 3
def test_section_3_snapshots_and_totals() -> None:
    """Section 3: "14 nations named", "42 nations", "46 nations", and "ISAF grew from 52,908
    troops in June 2008 to 67,694 in October 2009 and 130,930 in November 2010"."""
    three = section(NB, "Who sent the troops")
    assert "14 nations named" in three and "42 nations" in three and "46 nations" in three
    rows = _rows("isaf_troop_contributions")
    named = {s: sum(1 for r in rows if r["as_of"] == s and r["is_aggregate"] == "false")
             for s in ("2008-06-03", "2009-10-01", "2010-11")}
    assert named == {"2008-06-03": 14, "2009-10-01": 42, "2010-11": 46}
    assert ("ISAF grew from 52,908 troops in June 2008 to 67,694 in October 2009 and 130,930 in "
            "November 2010") in three
    totals = [sum(_troops(s).values()) for s in ("2008-06-03", "2009-10-01", "2010-11")]
    assert totals == [52908, 67694, 130930]


def test_section_3_american_and_dutch_shares() -> None:
    """Section 3: "47.1 % ... 68.7 %", the US figure "rounded in the source, to 90,000", the
    Netherlands "from 3.2 % to 0.2 %" and "from 2,160 to 242 soldiers"; the figure summary
    "from under half to more than two-thirds"."""
    three = section(NB, "Who sent the troops")
    t09, t10 = _troops("2009-10-01"), _troops("2010-11")
    assert "from 47.1 % of ISAF in October 2009 to 68.7 % in November 2010" in three
    assert round(100 * t09["United States"] / sum(t09.values()), 1) == 47.1
    assert round(100 * t10["United States"] / sum(t10.values()), 1) == 68.7
    assert "rounded in the source, to 90,000" in three
    us = next(r for r in _rows("isaf_troop_contributions")
              if r["as_of"] == "2010-11" and r["country"] == "United States")
    assert us["troops"] == "90000" and us["is_rounded_in_source"] == "true"
    assert "from 3.2 % to 0.2 %" in three and "from 2,160\nto 242".replace("\n", " ") in three
    assert (t09["Netherlands"], t10["Netherlands"]) == (2160, 242)
    assert round(100 * 2160 / sum(t09.values()), 1) == 3.2
    assert round(100 * 242 / sum(t10.values()), 1) == 0.2
    assert "from under half to more than two-thirds" in three
    t08 = _troops("2008-06-03")
    assert t08["United States"] / sum(t08.values()) < 0.5 < 2 / 3 < 90000 / sum(t10.values())
    uk = [_troops(s)["United Kingdom"] / sum(_troops(s).values())
          for s in ("2008-06-03", "2009-10-01", "2010-11")]
    assert "Britain stayed second throughout" in three
    for s in ("2008-06-03", "2009-10-01", "2010-11"):
        ranked = sorted(((n, c) for c, n in _troops(s).items()
                         if not c.startswith("Other")), reverse=True)
        assert ranked[1][1] == "United Kingdom"
    assert uk[0] > uk[1] > uk[2]


def test_section_3_olson_zeckhauser_on_troops() -> None:
    """Section 3, Olson and Zeckhauser on troops: "the rank correlation between GDP and
    troops is 0.86", "$\\rho = -0.41$ with $p = 0.03$ ($n = 28$)", "$\\rho = -0.34$ with
    $p = 0.08$", "$|\\rho|$ must exceed 0.37", "The scatter shows the 28 Allies" and the
    five Allies that top the ranking; the summary repeats "$\\rho = -0.41$"."""
    oz = section(NB, "Olson and Zeckhauser on troops")
    names, sizes, troops, burden = _oz("2009-10-01")
    assert len(names) == 28 and "The scatter shows the 28 Allies of October 2009" in oz
    rho_troops, _ = spearman(sizes, troops)
    assert "the rank correlation between GDP and troops is 0.86" in oz
    assert round(rho_troops, 2) == 0.86
    rho, p = spearman(sizes, burden)
    assert "$\\rho = -0.41$ with $p = 0.03$ ($n = 28$)" in oz
    assert (round(rho, 2), round(p, 2)) == (-0.41, 0.03)
    _, sizes10, _, burden10 = _oz("2010-11")
    rho10, p10 = spearman(sizes10, burden10)
    assert "$\\rho = -0.34$ with $p = 0.08$" in oz
    assert (round(rho10, 2), round(p10, 2)) == (-0.34, 0.08) and p10 > 0.05
    # critical |rho| at 5 %, n = 28: rho = t / sqrt(n - 2 + t^2)
    t = stats.t.ppf(0.975, 26)
    assert "must exceed 0.37" in oz and round(t / math.sqrt(26 + t * t), 2) == 0.37
    top = [n for _, n in sorted(zip(burden, names), reverse=True)[:5]]
    assert "Albania, Bulgaria, Estonia, Lithuania and Latvia top the ranking" in oz
    assert top == ["Albania", "Bulgaria", "Estonia", "Lithuania", "Latvia"]
    assert "($\\rho = -0.41$ in October 2009)" in section(NB, "Summary")


def test_section_3_who_did_the_fighting() -> None:
    """Section 3, who did the fighting: Georgia "1 soldier ... lost 32", pooled "45.8" and
    "20.3" ("more than twice"), Denmark "61 per 1,000", the Netherlands "11.6" below
    Germany's "14.6", the figure order, and the window "21.5" against "10.5"."""
    fight = section(NB, "Who did the fighting")
    final, t09 = _deaths("2001-2021 final"), _troops("2009-10-01")
    assert "Georgia had 1 soldier in ISAF in October 2009, and lost 32" in fight
    assert (t09["Georgia"], final["Georgia"]) == (1, 32)
    south = _per_1000(final, t09, ("United Kingdom", "Canada", "Netherlands"))
    north = _per_1000(final, t09, ("France", "Germany", "Italy"))
    assert "lost 45.8 soldiers per 1,000 deployed, the northern ones\n20.3".replace(
        "\n", " ") in fight
    assert (round(south, 1), round(north, 1)) == (45.8, 20.3) and south > 2 * north
    assert "(61 per 1,000)" in fight and round(1000 * final["Denmark"] / t09["Denmark"]) == 61
    assert "with 11.6 per\n1,000 it lies below Germany's 14.6".replace("\n", " ") in fight
    assert round(1000 * 25 / t09["Netherlands"], 1) == 11.6 == round(
        1000 * final["Netherlands"] / t09["Netherlands"], 1)
    assert round(1000 * final["Germany"] / t09["Germany"], 1) == 14.6
    rates = {c: 1000 * final[c] / t09[c] for c in final if c in t09 and t09[c] >= 500}
    order = sorted(rates, key=rates.get, reverse=True)
    assert "contingents of 500 or more" in fight
    assert order[:4] == ["United States", "Denmark", "Canada", "United Kingdom"]
    assert "the Netherlands sits\nnear the bottom".replace("\n", " ") in fight
    assert order.index("Netherlands") >= len(order) - 2
    assert all(rates[c] < rates["United Kingdom"] / 1.5 for c in ("France", "Italy", "Germany"))
    first, last = _deaths("2009-05-18"), _deaths("2012-05-20")
    window = {c: last[c] - first[c] for c in first if c in last}
    assert "Italy" not in first and "Italy is not named in the count of 2009" in fight
    s = _per_1000(window, t09, ("United Kingdom", "Canada", "Netherlands"))
    n = _per_1000(window, t09, ("France", "Germany", "Italy"))
    assert "lost 21.5 per 1,000, the northern ones\n10.5".replace("\n", " ") in fight
    assert (round(s, 1), round(n, 1)) == (21.5, 10.5)


# ----------------------------------------------------------------------------- 4
def test_section_4_caveat_model_numbers() -> None:
    """Section 4: with a = 5, e = 4, k = 3 and kappa = 0.6 the ally sends "two-thirds",
    restricts "62.5 %", "a quarter can fight", banned "7/18 ≈ 0.39", the closed form
    "$0.4 \\times 3/(2 \\times 0.6 \\times 4) = 1/4$", the threshold "$27/55 \\approx 0.49$"
    and the widget's "0.14 in usable troops"; events 9 and 12 of the timeline."""
    four = section(NB, "4. National caveats")
    assert "$k = 3$" in four and "$\\kappa = 0.6$" in four
    a, e, k, kappa = Fraction(5), Fraction(4), Fraction(3), Fraction(3, 5)
    y = 1 - k / (2 * a * kappa)                    # envelope condition
    x = (1 - kappa) * k / (2 * kappa * e)          # inner condition
    t = (y - (1 - kappa) * x) / kappa
    q = 1 - x / t
    assert (t, q, x) == (Fraction(2, 3), Fraction(5, 8), Fraction(1, 4))
    assert ("sends two-thirds of its deployable force and restricts 62.5 % of it, so a quarter\n"
            "can fight").replace("\n", " ") in four
    banned = (2 * a - k) / (2 * a + 2 * e)
    assert banned == Fraction(7, 18) and "7/18 ≈ 0.39" in four
    assert "$0.4 \\times 3/(2 \\times 0.6\n\\times 4) = 1/4$".replace("\n", " ") in four
    threshold = 1 - e * banned / (a * (1 - banned))
    assert threshold == Fraction(27, 55) and "$27/55 \\approx 0.49$" in four
    assert "caveats cost the alliance 0.14 in usable troops" in section(NB, "Try it: the caveat")
    assert round(float(banned - x), 2) == 0.14
    best = CaveatModel().best()            # the library agrees with the closed forms
    assert (best.troops, best.caveats) == pytest.approx((2 / 3, 5 / 8))
    events = sorted(_afghan_events(), key=lambda r: (r["date_start"], r["date_end"]))
    assert "(timeline, event 9)" in four and events[8]["event"].startswith("Riga summit")
    assert "but friction continues" in events[8]["event"]
    assert "(timeline, event 12)" in four and "two-tiered" in events[11]["event"]


# ----------------------------------------------------------------------------- 5
def test_section_5_doha_and_withdrawal() -> None:
    """Section 5: Doha "8,600 within 135 days ... within 14 months", "14 April 2021",
    "by 1 May", "15 August", "30 August 2021", "six months apart"."""
    five = section(NB, "5. The withdrawal")
    events = {r["date_start"]: r["event"] for r in _afghan_events()}
    assert "American troops down to 8,600\nwithin 135 days".replace("\n", " ") in five
    assert "8,600 troops within 135 days" in events["2020-02-29"]
    assert "within 14 months" in five and "within 14 months" in events["2020-02-29"]
    assert "on 14 April 2021, to start withdrawing by\n1 May".replace("\n", " ") in five
    assert "1 May 2021" in events["2021-04-14"]
    assert "Kabul fell on 15 August" in five and "Kabul" in events["2021-08-15"]
    assert "left on 30 August 2021" in five and "Last US troops" in events["2021-08-30"]
    invasion = next(r["date_start"] for r in _rows("case_study_timeline")
                    if "special military operation" in r["event"])
    gap = date.fromisoformat(invasion) - date(2021, 8, 30)
    assert "six months apart" in section(NB, "What the spending data") and 170 <= gap.days <= 190


def test_section_5_spending_since_2022() -> None:
    """Section 5: NATO Europe and Canada "1.63 % of GDP in 2021 and again in 2022, then
    1.74 % in 2023 and 1.99 % in 2024", "26 of the 29 European Allies", the five largest
    rises, "from 6 in 2021 to 18 in 2024", the US "above 3 %"; exercise 5's "+0.36",
    "+0.11" and "+0.25"."""
    five = section(NB, "What the spending data")
    agg = {y: _pct("NATO Europe and Canada", y) for y in range(2014, 2025)}
    assert ("1.63 % of GDP in 2021 and again in 2022, then 1.74 % in 2023 and 1.99 %\n"
            "in 2024").replace("\n", " ") in five
    assert [round(agg[y], 2) for y in (2021, 2022, 2023, 2024)] == [1.63, 1.63, 1.74, 1.99]
    rows = [r for r in _rows("nato_defence_pct_gdp_2014_2024") if r["entity_type"] == "country"]
    europe = sorted({r["country"] for r in rows} - {"United States", "Canada"})
    change = {c: _pct(c, 2024) - _pct(c, 2021) for c in europe}
    assert "26 of the 29 European Allies raised their share" in five
    assert len(europe) == 29 and sum(v > 0 for v in change.values()) == 26
    top = sorted(change, key=change.get, reverse=True)[:5]
    assert "Poland, Estonia, Latvia, Lithuania and Finland" in five
    assert top == ["Poland", "Estonia", "Latvia", "Lithuania", "Finland"]
    counts = {y: sum(1 for r in rows if r["year"] == str(y) and float(r["defence_pct_gdp"]) >= 2)
              for y in (2021, 2024)}
    assert "from 6 in 2021 to 18 in 2024" in five and counts == {2021: 6, 2024: 18}
    assert "the United States stays above 3 %" in five
    assert min(_pct("United States", y) for y in range(2014, 2025)) > 3
    assert agg[2020] > agg[2019]                      # "the jump of 2020"
    exercises = section(NB, "Exercise 5")
    assert "**About +0.36 points**, from 1.63 % to 1.99 %" in exercises
    assert round(agg[2024] - agg[2021], 2) == 0.36
    assert "+0.11 points in 2023 and +0.25 in 2024" in exercises
    assert (round(agg[2023] - agg[2022], 2), round(agg[2024] - agg[2023], 2)) == (0.11, 0.25)
    assert abs(agg[2022] - agg[2021]) < 0.005          # "nothing between 2021 and 2022"
    seven = section(NB, "Exercise 7")
    assert "26 of 29 European" in seven and "went from 6 to 18" in seven


# ----------------------------------------------------------------------- exercises
def test_exercise_solutions_1_to_4() -> None:
    """Exercises 1-4 solutions: Poland "2,025 ... 67,694 ... ≈ 0.0299", "2.2 % in June 2008
    to 3.0 %"; "$\\rho = -0.34$, $p = 0.08$, $n = 28$"; Germany "62/4,245 × 1,000 ≈ 14.6",
    Canada "56.2 ... (159/2,830)"; "$e = ... = 4$", "= 1/8$", "0.76 of its force, against
    0.67"; exercise 6 "0.14"."""
    one = section(NB, "Exercise 1")
    t08, t09 = _troops("2008-06-03"), _troops("2009-10-01")
    assert "Poland had 2,025 soldiers in ISAF on 1 October 2009, out of 67,694" in one
    assert t09["Poland"] == 2025 and round(2025 / 67694, 4) == 0.0299
    assert "2.2 % in June 2008 to 3.0 % in October 2009" in one
    assert round(100 * t08["Poland"] / sum(t08.values()), 1) == 2.2
    two = section(NB, "Exercise 2")
    _, sizes10, _, burden10 = _oz("2010-11")
    rho, p = spearman(sizes10, burden10)
    assert "$\\rho = -0.34$, $p = 0.08$, $n = 28$" in two and len(sizes10) == 28
    assert (round(rho, 2), round(p, 2)) == (-0.34, 0.08)
    three = section(NB, "Exercise 3")
    final = _deaths("2001-2021 final")
    assert "62/4,245 × 1,000 ≈ 14.6, against 56.2 for Canada (159/2,830)" in three
    assert (final["Germany"], t09["Germany"], final["Canada"], t09["Canada"]) == (62, 4245, 159,
                                                                                  2830)
    assert round(62000 / 4245, 1) == 14.6 and round(159000 / 2830, 1) == 56.2
    four = section(NB, "Exercise 4")
    e = Fraction(10) * Fraction(1, 2) * Fraction(4, 5)
    kappa, k, a = Fraction(3, 4), Fraction(3), Fraction(5)
    x = (1 - kappa) * k / (2 * kappa * e)
    assert e == 4 and x == Fraction(1, 8)
    assert "10 \\times 0.5 \\times 0.8 = 4$" in four and "= 1/8$" in four
    y = 1 - k / (2 * a * kappa)
    t = (y - (1 - kappa) * x) / kappa
    assert "(0.76 of its force, against 0.67)" in four and round(float(t), 2) == 0.76
    assert "(0.14 of the ally's force in the default case)" in section(NB, "Exercise 6")
