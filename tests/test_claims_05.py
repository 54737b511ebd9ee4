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

from alliances.models.caveats import CaveatModel
from alliances.models.commitment import CommitmentModel
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
    of the collective decisions, "eighteen events", "three in the lane of a member
    acting alone" and "two United Nations resolutions"."""
    text = prose(NB)
    events = _afghan_events()
    assert "On 12 September 2001 NATO's allies declared" in text
    first = min(events, key=lambda r: r["date_start"])
    assert first["date_start"] == "2001-09-12" and "first invocation" in first["event"]
    one = section(NB, "1. Twenty years")
    assert "eighteen events from September 2001 to August 2021" in one
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
    Germany's "14.6", the figure order, and (Going further) the window "21.5" against
    "10.5"."""
    fight = section(NB, "Who did the fighting")
    final, t09 = _deaths("2001-2021 final"), _troops("2009-10-01")
    assert "Georgia had 1 soldier in ISAF in October 2009, and lost 32" in fight
    assert (t09["Georgia"], final["Georgia"]) == (1, 32)
    south = _per_1000(final, t09, ("United Kingdom", "Canada", "Netherlands"))
    north = _per_1000(final, t09, ("France", "Germany", "Italy"))
    assert "lost 45.8 soldiers per 1,000 deployed, the allies outside the south 20.3" in fight
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
    second = section(NB, "A second pairing of deaths and troops")
    assert "Italy" not in first and "Italy is not named in the count of 2009" in second
    s = _per_1000(window, t09, ("United Kingdom", "Canada", "Netherlands"))
    n = _per_1000(window, t09, ("France", "Germany", "Italy"))
    assert "lost 21.5 per 1,000, the allies outside the south 10.5" in second
    assert (round(s, 1), round(n, 1)) == (21.5, 10.5)


# ----------------------------------------------------------------------------- 4
def test_section_4_caveat_model_numbers() -> None:
    """Section 4: with a = 5, e = 4, k = 3 and kappa = 0.6 the ally sends "two-thirds",
    restricts "62.5 %", "a quarter can fight", banned "7/18 ≈ 0.39", the closed form
    "$0.4 \\times 3/(2 \\times 0.6 \\times 4) = 1/4$", the threshold "$27/55 \\approx 0.49$"
    and the widget's "0.14 in usable troops"; the Riga summit and Gates's speech named by date."""
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
    credit = section(NB, "Why the credit matters")
    assert threshold == Fraction(27, 55) and "$27/55 \\approx 0.49$" in credit
    assert "caveats cost the alliance 0.14 in usable troops" in section(NB, "Try it: the caveat")
    assert round(float(banned - x), 2) == 0.14
    best = CaveatModel().best()            # the library agrees with the closed forms
    assert (best.troops, best.caveats) == pytest.approx((2 / 3, 5 / 8))
    events = {r["date_start"]: r["event"] for r in _afghan_events()}
    assert "(timeline: Riga summit, 28–29 November 2006)" in four
    assert events["2006-11-28"].startswith("Riga summit") and "but friction continues" in four
    assert "but friction continues" in events["2006-11-28"]
    assert "(timeline: Gates's Brussels speech, 10 June 2011)" in credit
    assert "two-tiered" in events["2011-06-10"] and "Brussels speech" in events["2011-06-10"]


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
    exercises = section(NB, "Exercise 6")
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
    assert "(0.14 of the ally's force in the default case)" in section(NB, "Exercise 5")


# ------------------------------------------------------- issue 15, items 1.4-1.6 and 1.9
#: Article 5, first paragraph, as printed on NATO's page of its first invocation
#: (https://www.nato.int/terrorism/five.htm, checked 2026-12-06 with the search tool; the
#: treaty: https://www.nato.int/cps/en/natolive/official_texts_17120.htm). Typed here from
#: the source, not copied from the notebook, so that a misquotation fails.
ARTICLE_5 = (
    "The Parties agree that an armed attack against one or more of them in Europe or North "
    "America shall be considered an attack against them all and consequently they agree that, "
    "if such an armed attack occurs, each of them, in exercise of the right of individual or "
    "collective self-defence recognised by Article 51 of the Charter of the United Nations, "
    "will assist the Party or Parties so attacked by taking forthwith, individually and in "
    "concert with the other Parties, such action as it deems necessary, including the use of "
    "armed force, to restore and maintain the security of the North Atlantic area.")
DISCRETION = "such action as it deems necessary, including the use of armed force"


def _unquote(text: str) -> str:
    """Markdown blockquote markers and whitespace folded away."""
    import re
    return re.sub(r"\s+", " ", re.sub(r"(^|\n)\s*>", " ", text)).strip()


def _sources_md() -> str:
    import re
    return re.sub(r"\s+", " ", (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8"))


def test_section_2_quotes_article_5_exactly() -> None:
    """Section 2 (item 1.5): the full first paragraph of Article 5 is quoted word for word,
    every shorter quotation of it is a substring of it, and the text says that armed force
    is "one option, not a duty". The course's glossary and theory notes, where present, use
    the same words."""
    from notebook_tools import NOTEBOOK_DIR, read
    import re
    two_raw = "\n".join(c.source for c in read(NB).cells if c.cell_type == "markdown"
                        and "## 2. Article 5" in c.source)
    two = _unquote(two_raw)
    assert f'"{ARTICLE_5}"' in two
    for quoted in re.findall(r'"([^"]{30,})"', two):
        if "Article 5" in quoted or "military or other" in quoted or "covered by" in quoted:
            continue
        assert quoted in ARTICLE_5, quoted
    assert "armed force is one option, not a duty" in two
    assert f'"{DISCRETION.split(",")[0]}' in two or DISCRETION in two
    for name in ("glossary.md", "theory_notes.md"):
        path = NOTEBOOK_DIR / name
        if path.exists():
            text = _unquote(path.read_text(encoding="utf-8"))
            assert DISCRETION in text, f"{name} must quote Article 5's discretion as NATO prints it"


def test_section_2_invocation_dates_and_not_overstated() -> None:
    """Section 2 (item 1.5): the invocation of 12 September 2001 was conditional ("*if* the
    attack had come from abroad") and confirmed on 2 October (timeline file); no sentence
    says Article 5 obliges armed force or that the commitment is automatic."""
    two = section(NB, "2. Article 5")
    events = {r["date_start"]: r["event"] for r in _afghan_events()}
    assert "On 12 September 2001 the North Atlantic Council" in two and "*if* the attack" in two
    assert "if the 11 September attack was directed from abroad" in events["2001-09-12"]
    assert "on 2 October it determined that it had" in two and "Article 5" in events["2001-10-02"]
    text = prose(NB).lower()
    for overstated in ("obliges each ally to use armed force", "obliged to use force",
                       "must use armed force", "automatic commitment to defend",
                       "obliges the allies to fight"):
        assert overstated not in text


def test_section_2_fear_of_abandonment_is_one_reading_among_four() -> None:
    """Section 2 (item 1.6): four readings of the invocation (abandonment, solidarity,
    relevance to Washington, influence over the response) and the evidence that would tell
    them apart; nothing calls abandonment *the* motive."""
    two = section(NB, "2. Article 5")
    for reading in ("**Fear of abandonment**", "**Solidarity**",
                    "**Staying relevant to Washington**", "**Influence over the response**"):
        assert reading in two
    assert "What would tell them apart?" in two
    assert "abandonment predicts it, solidarity does not" in two
    assert "makes only the first reading precise" in two
    text = prose(NB)
    assert "as the *junior* allies' answer to a fear of abandonment" not in text
    assert "abandonment fear that pulled the allies in" not in text
    assert "Fear of abandonment is one reading of the 2001 invocation" in section(NB, "Summary")


def test_section_1_who_attacked_oef_and_isaf() -> None:
    """Section 1 (item 1.4): al-Qaeda, the Taliban, OEF from 7 October 2001 (not NATO), ISAF
    by Resolution 1386 on 20 December 2001, NATO command on 11 August 2003, and the 2006
    transfer of about 12,000 US troops; the dates agree with the timeline file and the
    transfer with data/SOURCES.md."""
    one = section(NB, "1. Twenty years")
    events = {r["date_start"]: r["event"] for r in _afghan_events()}
    assert "al-Qaeda" in one and "Taleban regime in Afghanistan" in one
    assert "from 7 October 2001, was a US-led coalition's war" in one
    assert "not a NATO operation" in one
    assert "Resolution 1386 on 20 December 2001" in one and "1386" in events["2001-12-20"]
    assert "in August 2003 (on the 11th)" in one and "leadership of ISAF" in events["2003-08-11"]
    assert "about\n12,000 American troops".replace("\n", " ") in one or \
        "about 12,000 American troops" in one
    sources = _sources_md()
    assert "about 12,000 US troops move from the US-led coalition to ISAF" in sources
    assert "OEF began on 7 October 2001" in sources
    assert "(glossary.md#oef)" in one and "(glossary.md#isaf)" in one


def test_section_3_american_rise_is_partly_a_transfer() -> None:
    """Section 3 (item 1.4): the American rise between October 2009 and November 2010,
    "58,145", is recomputed from the troop file; the "roughly 20,000" moved from OEF is the
    figure of the AP report listed in data/SOURCES.md; the text says the share overstates
    the burden, and the summary repeats that the rise is partly a transfer."""
    three = section(NB, "Who sent the troops")
    t09, t10 = _troops("2009-10-01"), _troops("2010-11")
    rise = t10["United States"] - t09["United States"]
    assert rise == 58145 and "Of the rise of 58,145 American soldiers in ISAF" in three
    assert "roughly 20,000 American troops still under OEF under ISAF" in three
    assert "up to about 20,000 may have been in Afghanistan already" in three
    assert 20000 < rise
    sources = _sources_md()
    assert "AP_2010_03_16" in sources and "almost all of the 20,000 US troops under OEF" in sources
    assert "overstates the rise in American *burden*" in three
    assert "rose partly through transfers from OEF" in section(NB, "Summary")


def test_section_3_grouping_outside_the_south() -> None:
    """Section 3 (item 1.9): France and Italy are not called "northern"; the group is
    "outside the south", each ally's regional command is named as in the library's
    SERVED_IN, and the plot and tables use the same group."""
    from alliances.cases.afghanistan import OUTSIDE_SOUTH, SERVED_IN
    text = prose(NB)
    assert "northern" not in text.lower()
    fight = section(NB, "Who did the fighting")
    assert "Germany led Regional Command North" in fight and SERVED_IN["Germany"].startswith(
        "RC North")
    assert "Italy led Regional\nCommand West (Herat)".replace("\n", " ") in fight \
        and SERVED_IN["Italy"].startswith("RC West")
    assert "France was a lead nation of Regional Command\nCapital (Kabul)".replace("\n", " ") \
        in fight and SERVED_IN["France"].startswith("RC Capital")
    assert "**outside the south**" in fight and set(OUTSIDE_SOUTH) == {"France", "Germany", "Italy"}
    sources = _sources_md()
    assert "Germany RC North" in sources and "Italy RC West" in sources
    assert "France RC Capital" in sources


def test_widgets_have_a_guiding_question_and_links_use_known_slugs() -> None:
    """Seminar budget: the markdown just before each widget asks a question; every link to
    the glossary and theory notes uses a slug the course defines; no reference points at a
    theory file outside the repository."""
    import re
    from notebook_tools import read
    cells = read(NB).cells
    for i, cell in enumerate(cells):
        outputs = cell.get("outputs", []) if cell.cell_type == "code" else []
        if any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
               for o in outputs):
            before = next(c.source for c in reversed(cells[:i]) if c.cell_type == "markdown")
            assert "?" in before, f"cell {i}: a widget without a guiding question"
    glossary = {"abandonment", "alliance-security-dilemma", "article-5", "burden-sharing",
                "collective-good", "entrapment", "free-riding",
                "escalation-risk", "isaf", "national-caveats", "oef", "our-formalization",
                "spearman-rank-correlation"}
    theory = {"how-to-read-the-labels", "article-5", "case-notes-afghanistan",
              "autonomy-and-security"}
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    links = re.findall(r"\]\((glossary|theory_notes)\.md#([a-z0-9-]+)\)", text)
    assert links
    for page, slug in links:
        assert slug in (glossary if page == "glossary" else theory), (page, slug)
    assert "THEORY" not in text and "theory notes, §" not in text
