"""Every number that the prose of 06_nato_enlargement_russia states, recomputed.

Data figures come from the CSV files read with the csv module and summed here, independently
of alliances.cases.nato_russia; the reaction coefficients and their intervals from least squares
solved through the normal equations; the rank correlations from the hand-written Spearman
of tests/hand_statistics; the model's numbers from its closed forms worked by hand and its
equilibria by checking every player's and type's best responses one by one. Each test names
its section and finds its sentence in the prose, so that editing the prose without updating
the test fails.
"""

from __future__ import annotations

import csv
from datetime import date
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats

from alliances import data
from alliances.coursework.bank import nb06
from hand_statistics import spearman
from notebook_tools import prose, section

NB = "06_nato_enlargement_russia.ipynb"
NON_EUROPEAN = ("United States of America", "Canada")


def _rows(name: str) -> list[dict]:
    with open(data.DATA_DIR / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _in_prose(*sentences: str) -> None:
    text = prose(NB)
    for sentence in sentences:
        assert sentence in text, f"not in the prose of {NB}: {sentence!r}"


def _series(start: int = 1993, end: int = 2024) -> tuple[list[float], list[float], list[str]]:
    """Russia and the fixed NATO Europe (US$ bn, constant 2023), summed by hand."""
    spending = {(r["country"], int(r["year"])): float(r["milex_usd_m_constant_2023"])
                for r in _rows("sipri_milex_nato_members_1949_2024")
                if r["milex_usd_m_constant_2023"]}
    europe = [r["country"] for r in _rows("nato_accession_dates")
              if r["country"] not in NON_EUROPEAN]
    years = range(start, end + 1)
    kept = [c for c in europe if all((c, y) in spending for y in years)]
    nato = [sum(spending[(c, y)] for c in kept) / 1000 for y in years]
    russia_rows = {int(r["year"]): float(r["milex_usd_m_constant_2023"])
                   for r in _rows("sipri_milex_non_nato_1949_2024") if r["country"] == "Russia"}
    russia = [russia_rows[y] / 1000 for y in years]
    return russia, nato, kept


def _fit(own: list[float], other: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """(k, a, g) and the 95 % interval half-widths, by the normal equations."""
    x, y = np.array(own), np.array(other)
    design = np.column_stack([y[:-1], -x[:-1], np.ones(len(x) - 1)])
    change = np.diff(x)
    inverse = np.linalg.inv(design.T @ design)
    coef = inverse @ design.T @ change
    resid = change - design @ coef
    dof = len(change) - 3
    half = stats.t.ppf(0.975, dof) * np.sqrt(np.diag(inverse) * (resid @ resid) / dof)
    return coef, half


def _interval(coef: np.ndarray, half: np.ndarray) -> str:
    def fmt(v: float) -> str:
        return f"{v:.2f}".replace("-", "−")
    return f"{fmt(coef[0])} ({fmt(coef[0] - half[0])} to {fmt(coef[0] + half[0])})"


# The adversary's ordinal payoffs as the module docstring states them: (own, defender's) -> u.
SEEKER = {("Cooperate", "Reassure"): 3, ("Compete", "Reassure"): 2,
          ("Compete", "Deter"): 1, ("Cooperate", "Deter"): 0}
GREEDY = {("Compete", "Reassure"): 3, ("Cooperate", "Reassure"): 2,
          ("Compete", "Deter"): 1, ("Cooperate", "Deter"): 0}


def _equilibria(q: Fraction, e: Fraction, s: Fraction, a: Fraction) -> list[tuple[str, str]]:
    loss = {("Reassure", "Cooperate"): 0, ("Reassure", "Compete"): -e,
            ("Deter", "Cooperate"): -a, ("Deter", "Compete"): -s}
    found = []
    for policy in ("Reassure", "Deter"):
        for seeker in ("Cooperate", "Compete"):
            for greedy in ("Cooperate", "Compete"):
                if SEEKER[(seeker, policy)] < max(SEEKER[(o, policy)] for o in ("Cooperate", "Compete")):
                    continue
                if GREEDY[(greedy, policy)] < max(GREEDY[(o, policy)] for o in ("Cooperate", "Compete")):
                    continue
                value = {p: (1 - q) * loss[(p, seeker)] + q * loss[(p, greedy)]
                         for p in ("Reassure", "Deter")}
                if value[policy] >= max(value.values()):
                    found.append((policy, f"{seeker}/{greedy}"))
    return found


# ---------------------------------------------------------------------------------- 1
def test_section_1_founding_date() -> None:
    """Section 1: "NATO was founded, on 4 April 1949"."""
    text = section(NB, "1. The security dilemma between states")
    assert "founded, on 4 April 1949" in text
    founders = [r for r in _rows("nato_accession_dates") if r["enlargement_round"] == "founding"]
    assert {r["accession_date"] for r in founders} == {"1949-04-04"}


# ---------------------------------------------------------------------------------- 2
def test_section_2_sequential_game_by_hand() -> None:
    """Section 2: "reassuring is worth −0.3 × 5 = −1.5 and deterring −2: reassurance pays up to
    q* = 2/5 = 0.4"; the widget's first view."""
    text = section(NB, "2. Reassure or deter")
    q, e, s = 0.3, 5, 2
    assert -q * e == -1.5 and s / e == 0.4
    assert "−0.3 × 5 = −1.5 and deterring −2" in text and "$q^* = 2/5 = 0.4$" in text
    _in_prose("at $q = 0.3$ reassuring (−1.5) beats deterring (−2), the threshold is 0.4, and the "
              "simultaneous game's only equilibrium is mutual competition")


def test_section_2_simultaneous_game_by_hand() -> None:
    """Section 2: "At q = 0.3 the only equilibrium is the spiral. At q = 0.1 mutual reassurance is
    an equilibrium, but so is the spiral"; "0.5/3.5 = 0.14, below the 0.4"."""
    text = section(NB, "2. Reassure or deter")
    e, s, a = Fraction(5), Fraction(2), Fraction(1, 2)
    assert _equilibria(Fraction(3, 10), e, s, a) == [("Deter", "Compete/Compete")]
    assert set(_equilibria(Fraction(1, 10), e, s, a)) == {("Reassure", "Cooperate/Compete"),
                                                          ("Deter", "Compete/Compete")}
    assert "At $q = 0.3$ the only equilibrium is the spiral" in text
    assert "At $q = 0.1$ mutual reassurance is an equilibrium, but so is the spiral" in text
    threshold = a / (a + e - s)
    assert round(float(threshold), 2) == 0.14 and a + e - s == Fraction(7, 2)
    assert "here 0.5/3.5 = 0.14, below the 0.4" in text
    # at the threshold itself mutual reassurance still holds, just above it it does not
    assert ("Reassure", "Cooperate/Compete") in _equilibria(threshold, e, s, a)
    assert ("Reassure", "Cooperate/Compete") not in _equilibria(threshold + Fraction(1, 100),
                                                                e, s, a)


# ---------------------------------------------------------------------------------- 3
def test_section_3_membership_counts() -> None:
    """Section 3: "NATO grew from 12 founding members in 1949 to 32 in 2024; 16 of them joined
    after 1990"; "fastest in 1999 and 2004"."""
    text = section(NB, "3. Enlargement on data")
    rows = _rows("nato_accession_dates")
    assert sum(r["enlargement_round"] == "founding" for r in rows) == 12
    assert len(rows) == 32 and max(r["accession_date"] for r in rows)[:4] == "2024"
    assert sum(int(r["accession_date"][:4]) > 1990 for r in rows) == 16
    assert "from 12 founding members in 1949 to 32 in 2024; 16 of them joined after 1990" in text
    sizes = {}
    for r in rows:
        if r["enlargement_round"] != "founding":
            sizes[r["enlargement_round"]] = sizes.get(r["enlargement_round"], 0) + 1
    assert sorted(sizes, key=sizes.get, reverse=True)[:2] == ["2004", "1999"]
    assert "fastest in 1999 and 2004" in text


def test_section_3_events_and_quotations() -> None:
    """Section 3: "19 events, from Baker's remark to Gorbachev in 1990 to Sweden's accession in
    2024"; the dated events and quotations of the reading of the record."""
    text = section(NB, "3. Enlargement on data")
    events = _rows("nato_russia_timeline")
    assert len(events) == 19 and "19 events" in text
    assert events[0]["date_start"][:4] == "1990" and "Baker" in events[0]["event"]
    assert events[-1]["date_start"][:4] == "2024" and "Sweden joins" in events[-1]["event"]
    by_year = {(e["date_start"][:4], word) for e in events for word in
               ("Partnership for Peace", "Founding Act", "NATO-Russia Council", "Kosovo",
                "Georgia war", "Crimea", "full-scale invasion") if word in e["event"]}
    assert by_year >= {("1994", "Partnership for Peace"), ("1997", "Founding Act"),
                       ("2002", "NATO-Russia Council"), ("1999", "Kosovo"),
                       ("2008", "Georgia war"), ("2014", "Crimea"),
                       ("2022", "full-scale invasion")}
    for year, words in (("1994", "Partnership for Peace"), ("1997", "Founding Act"),
                        ("2002", "NATO–Russia Council"), ("1999", "Kosovo air campaign"),
                        ("2008", "Georgia"), ("2014", "Crimea")):
        assert words in text and year in text, (year, words)
    bucharest = next(e for e in events if "Bucharest" in e["event"])
    assert bucharest["date_start"] == "2008-04-03" and "Bucharest (3 April 2008)" in text
    assert "will become members of NATO" in bucharest["event"]
    founding = next(e for e in events if "Founding Act" in e["event"])
    assert "no intention, no plan and no reason" in founding["event"]
    assert '"no intention, no plan and no reason"' in text
    munich = next(e for e in events if "Munich" in e["event"])
    assert munich["date_start"][:4] == "2007" and "In Munich in 2007" in text
    invasion = next(e for e in events if "full-scale invasion" in e["event"])
    assert invasion["date_start"] == "2022-02-24" and "(24 February 2022)" in text


# ---------------------------------------------------------------------------------- 4
def test_section_4_data_definition() -> None:
    """Section 4: "Russia's series starts in 1992; the Soviet Union's (1988–1990) is not spliced";
    "the 27 of the 30 European members of 2024 with data in every year"."""
    text = section(NB, "4. Arms dynamics on SIPRI data")
    russia = [int(r["year"]) for r in _rows("sipri_milex_non_nato_1949_2024")
              if r["country"] == "Russia"]
    ussr = [int(r["year"]) for r in _rows("sipri_milex_non_nato_1949_2024")
            if r["country"] == "USSR"]
    assert min(russia) == 1992 and (min(ussr), max(ussr)) == (1988, 1990)
    assert "Russia's series starts in 1992; the Soviet Union's (1988–1990) is **not spliced**" in text
    _, _, kept = _series()
    europe = [r for r in _rows("nato_accession_dates") if r["country"] not in NON_EUROPEAN]
    assert len(kept) == 27 and len(europe) == 30
    assert "the 27 of the 30 European members of 2024 with data in every year" in text


def test_section_4_spending_levels() -> None:
    """Section 4: Russia 15.9 bn (1998), 80.7 bn (2016), 150.5 bn (2024); NATO Europe 316.4 bn
    (2009) to 281.7 bn (2014), "then rose every year to 459.9 billion in 2024"."""
    text = section(NB, "4. Arms dynamics on SIPRI data")
    russia, nato, _ = _series()
    r = dict(zip(range(1993, 2025), russia))
    n = dict(zip(range(1993, 2025), nato))
    assert (round(r[1998], 1), round(r[2016], 1), round(r[2024], 1)) == (15.9, 80.7, 150.5)
    assert r[1998] == min(russia) and r[1997] > r[1998]       # "fell to ... in 1998"
    assert "fell to 15.9 billion dollars in 1998, rose to 80.7 billion in 2016" in text
    assert "to 150.5 billion in 2024" in text
    assert (round(n[2009], 1), round(n[2014], 1), round(n[2024], 1)) == (316.4, 281.7, 459.9)
    assert n[2014] == min(n[y] for y in range(2009, 2025))
    assert all(n[y + 1] > n[y] for y in range(2014, 2024))
    assert ("fell from 316.4 billion in 2009 to 281.7 billion in 2014, then rose every year to "
            "459.9 billion in 2024") in text
    # the evidence table's "Russia rearmed from 1999, years before Crimea"
    assert all(r[y + 1] > r[y] for y in range(1998, 2014))
    _in_prose("Russia rearmed from 1999, years before Crimea")


def test_section_4_reaction_coefficients_with_intervals() -> None:
    """Section 4: Russia k = 0.26 (0.14 to 0.38) over 1993–2024, 0.06 (−0.09 to 0.21) over
    1993–2021; NATO Europe −0.39 (−0.60 to −0.17) before Crimea, 0.61 (0.16 to 1.05) from 2014;
    NATO Europe's fatigue coefficients negative; "Thirty-one yearly changes"."""
    text = section(NB, "4. Arms dynamics on SIPRI data")
    russia, nato, _ = _series()
    full = _fit(russia, nato)
    assert "$k$ = 0.26 (0.14 to 0.38)" in text and _interval(*full) == "0.26 (0.14 to 0.38)"
    pre_war = _fit(russia[:29], nato[:29])                       # 1993-2021
    assert _interval(*pre_war) == "0.06 (−0.09 to 0.21)" and "0.06 (−0.09 to 0.21)" in text
    assert pre_war[0][0] - pre_war[1][0] < 0 < pre_war[0][0] + pre_war[1][0]
    before = _fit(nato[:21], russia[:21])                        # 1993-2013
    after = _fit(nato[21:], russia[21:])                         # 2014-2024
    assert _interval(*before) == "−0.39 (−0.60 to −0.17)" and "−0.39 (−0.60 to −0.17)" in text
    assert _interval(*after) == "0.61 (0.16 to 1.05)" and "0.61 (0.16 to 1.05)" in text
    for start, end in ((0, 32), (0, 21), (21, 32), (0, 29)):
        coef, _ = _fit(nato[start:end], russia[start:end])
        assert coef[1] < 0                                       # fatigue a: wrong sign
    assert "NATO Europe's fatigue coefficients have the wrong sign" in text
    assert len(russia) - 1 == 31 and "Thirty-one yearly changes" in text


def test_going_further_rank_correlations() -> None:
    """Going further: "ρ = 0.005 (p = 0.98) with NATO Europe leading and ρ = 0.12 (p = 0.51) with
    Russia leading, 30 pairs each"."""
    text = section(NB, "Going further")
    russia, nato, _ = _series()
    dr, dn = np.diff(russia).tolist(), np.diff(nato).tolist()
    rho_n, p_n = spearman(dn[:-1], dr[1:])
    rho_r, p_r = spearman(dr[:-1], dn[1:])
    assert len(dn[:-1]) == 30
    assert (round(rho_n, 3), round(p_n, 2)) == (0.005, 0.98)
    assert (round(rho_r, 2), round(p_r, 2)) == (0.12, 0.51)
    assert ("ρ = 0.005 (p = 0.98) with NATO Europe leading and ρ = 0.12 (p = 0.51) with Russia "
            "leading, 30 pairs each") in text


def test_going_further_members_at_the_time() -> None:
    """Going further: with members counted from accession, "Russia's reaction before Crimea
    (1993–2013) has an interval above zero; with the fixed set it does not"."""
    text = section(NB, "Going further")
    spending = {(r["country"], int(r["year"])): float(r["milex_usd_m_constant_2023"])
                for r in _rows("sipri_milex_nato_members_1949_2024")
                if r["milex_usd_m_constant_2023"]}
    joined = {r["country"]: int(r["accession_date"][:4]) for r in _rows("nato_accession_dates")
              if r["country"] not in NON_EUROPEAN}
    years = range(1993, 2014)
    at_time = [sum(v for (c, y), v in spending.items() if y == year and c in joined
                   and joined[c] <= year) / 1000 for year in years]
    russia, nato, _ = _series(1993, 2013)
    coef, half = _fit(russia, at_time)
    assert coef[0] - half[0] > 0
    coef, half = _fit(russia, nato)
    assert coef[0] - half[0] < 0
    assert "Russia's reaction before Crimea (1993–2013) has an interval above zero" in text


# ---------------------------------------------------------------------------------- 5
def test_section_5_dates_of_the_debate() -> None:
    """Section 5: Baker "on 9 February 1990"; "over a decade after the 1999 round"; Bucharest "then
    the Georgia war four months later"; Finland and Sweden "joined after 2022"."""
    text = section(NB, "5. The debate, fairly")
    events = {e["date_start"]: e for e in _rows("nato_russia_timeline")}
    assert "one inch" in events["1990-02-09"]["event"] and "on 9 February 1990" in text
    crimea = next(d for d, e in events.items() if "Crimea" in e["event"])
    assert int(crimea[:4]) - 1999 > 10 and "over a decade after the 1999 round" in text
    georgia = next(d for d, e in events.items() if "Georgia war" in e["event"])
    months = (date.fromisoformat(georgia) - date(2008, 4, 3)).days / 30.44
    assert round(months) == 4 and "then the Georgia war four months later" in text
    joined = {r["country"]: r["accession_date"] for r in _rows("nato_accession_dates")}
    assert joined["Finland"][:4] == "2023" and joined["Sweden"][:4] == "2024"
    assert "Finland and Sweden joined after 2022" in text


# ---------------------------------------------------------------------------------- exercises
@pytest.mark.parametrize(("phrase", "value"), [
    ("being exploited costs the defender 6 and a spiral costs 1.5", nb06.THRESHOLD_COSTS),
    ("With $q = 0.35$, a cost of being exploited of 4 and a cost of a spiral of 1",
     nb06.POLICY_SETTING),
    ("a cost of being exploited of 5, a cost of a spiral of 2 and a cost of needless arming of 1",
     nb06.SIMULTANEOUS_COSTS),
    ("Let $q = 0.05$ (the adversary is almost surely a security seeker), with costs 5, 2 and 0.5",
     nb06.PEACEFUL),
])
def test_exercise_texts_match_the_bank(phrase: str, value: dict) -> None:
    """The exercises' numbers are the exercise bank's parameters."""
    _in_prose(phrase)
    numbers = [float(v) for v in value.values()]
    for number in numbers:
        assert f"{number:g}" in phrase


def test_solutions_by_hand() -> None:
    """Solutions: 1.5/6 = 0.25; −0.35 × 4 = −1.4; 3q ≤ 1 − q gives 1/4; two equilibria at q = 0.05;
    16 members; 3.06 = 459.9 / 150.5; the pre-war interval −0.09 to 0.21."""
    assert 1.5 / 6 == 0.25
    _in_prose("they are equal at $q^* = 1.5/6 = 0.25$", "Reassuring is worth −0.35 × 4 = −1.4",
              "that is $q \\le 1/4$")
    assert _equilibria(Fraction(1, 20), Fraction(5), Fraction(2), Fraction(1, 2)) == [
        ("Reassure", "Cooperate/Compete"), ("Deter", "Compete/Compete")]
    _in_prose("**Both**, and they are the only two pure equilibria: (Reassure, Cooperate/Compete) and "
              "(Deter, Compete/Compete)",
              "$q = 0.05$ is below $0.5/3.5 = 0.14$")
    russia, nato, _ = _series()
    assert round(nato[-1] / russia[-1], 2) == 3.06
    _in_prose("**3.06**: 459.9 billion against 150.5 billion", "**It includes zero** (−0.09 to 0.21)")
