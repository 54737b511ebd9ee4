"""Every number that 07_small_states_southeast_asia.ipynb states in its prose, recomputed.

Each test names the section in its docstring, finds the sentence in the prose (so that
editing the prose without updating the test fails) and recomputes the number: dates from
``data/southeast_asia_alignment_timeline.csv`` read with the csv module, model values by
hand from the formulas of section 4, statistics from the SIPRI files by an independent
computation (ranks, enumeration) and, where the notebook shows it, with the library.
"""

from __future__ import annotations

import csv
from itertools import combinations

import numpy as np
import pytest

from alliances import data
from alliances.coursework.exercises import _expected_answer as expected_answer  # private since issue 19
from alliances.models.smallstate import SMALL_STATE_PRESETS, SmallState, best_choice
from alliances.cases.southeast_asia import burden_groups, follows_china
from notebook_tools import prose, read, section
from test_southeast_asia import raw as raw_sipri

NB = "07_small_states_southeast_asia.ipynb"
SEVEN = ("Brunei", "Cambodia", "Indonesia", "Malaysia", "Philippines", "Singapore", "Thailand")


def _timeline() -> list[dict[str, str]]:
    with open(data.DATA_DIR / "southeast_asia_alignment_timeline.csv", newline="",
              encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _event(word: str) -> dict[str, str]:
    rows = [r for r in _timeline() if word in r["event"]]
    assert rows, word
    return rows[0]




def _ranks(x) -> np.ndarray:
    order = np.argsort(x)
    r = np.empty(len(x))
    r[order] = np.arange(1, len(x) + 1)
    return r


# ------------------------------------------------------------------ sections 2 and 3
@pytest.mark.parametrize("sentence, word, start, end", [
    ("On 2 September 1948, in Yogyakarta", "Mendayung", "1948-09-02", "1948-09-02"),
    ("In Bandung, 18–24 April 1955, the Asian-African Conference gathered 29 countries",
     "Bandung", "1955-04-18", "1955-04-24"),
    ("In Belgrade, 1–6 September 1961, the first summit", "Belgrade", "1961-09-01",
     "1961-09-06"),
    ("on 20 January 1963 to the peace agreement of 11 August 1966", "Konfrontasi",
     "1963-01-20", "1966-08-11"),
    ("starting with the Philippines on 30 August 1951", "Philippines signed", "1951-08-30",
     "1951-08-30"),
    ("the Manila Pact of 8 September 1954", "Manila Pact", "1954-09-08", "1954-09-08"),
    ("SEATO was dissolved on 30 June 1977", "SEATO formally dissolved", "1977-06-30",
     "1977-06-30"),
    ("Bangkok Declaration of 8 August 1967", "Bangkok Declaration", "1967-08-08", "1967-08-08"),
    ("In Kuala Lumpur on 27 November 1971", "ZOPFAN", "1971-11-27", "1971-11-27"),
    ("in Bali on 24 February 1976", "Treaty of Amity", "1976-02-24", "1976-02-24"),
    ("On 12 July 2016 an arbitral tribunal", "Arbitral tribunal", "2016-07-12", "2016-07-12"),
    ("On 15 September 2021 Australia", "AUKUS", "2021-09-15", "2021-09-15"),
])
def test_dates_match_the_timeline_file(sentence: str, word: str, start: str, end: str) -> None:
    """Sections 2, 3 and 7: each date as the timeline file gives it (checked in SOURCES.md §12)."""
    assert sentence in prose(NB)
    row = _event(word)
    assert (row["date_start"], row["date_end"]) == (start, end)


def test_bandung_count_and_aukus_reply() -> None:
    """Section 2: "29 countries"; section 7: Indonesia's reply "on 17 September"."""
    assert "29 countries" in _event("Bandung")["event"]
    assert "(17 September)" in _event("AUKUS")["event"]
    assert "Indonesia's foreign ministry answered on 17 September" in section(NB, "7. Today")


def test_timeline_figure_sentence() -> None:
    """Section 3: "from Hatta's speech (1948) to AUKUS (2021): the US treaties cluster in
    1951–1954, ... from Bandung (1955) to the Treaty of Amity and Cooperation (1976), and
    SEATO ends in 1977"."""
    text = section(NB, "3. Southeast Asia's two paths")
    assert "from Hatta's speech (1948) to AUKUS (2021)" in text
    rows = _timeline()
    assert rows[0]["date_start"][:4] == "1948" and rows[-1]["date_start"][:4] == "2021"
    signed = [r["date_start"][:4] for r in rows if r["actor_level"] == "alliance"
              and "United States" in r["event"] and "signed" in r["event"]]
    assert "the US treaties cluster in 1951–1954" in text
    assert len(signed) == 5 and (min(signed), max(signed)) == ("1951", "1954")
    assert "SEATO ends in 1977" in text


# ------------------------------------------------------------------ sections 4 and 5
def test_first_view_of_the_explorer() -> None:
    """Section 5: "threat 0.4, reliability 0.6, entrapment 0.3 and trade 0.3, where the best
    choice is to stay out (payoff 0.20)": EU(0) = 2g - t = 0.6 - 0.4."""
    text = section(NB, "5. Try it")
    assert ("threat 0.4, reliability 0.6, entrapment 0.3 and trade 0.3, where the best choice "
            "is to stay out (payoff 0.20)") in text
    t, rho, e, g = 0.4, 0.6, 0.3, 0.3
    assert t * rho - g < 0                      # the first step of alignment does not pay
    assert 2 * g - t == pytest.approx(0.2)
    assert g - t / 2 - e < 2 * g - t            # bandwagoning pays less
    choice = best_choice(SmallState())
    assert (choice.name, round(choice.values["Stay out"], 2)) == ("Stay out", 0.2)


def test_presets_sentence() -> None:
    """Section 4: with a big threat a reliable patron gives alliance, a half-reliable one
    hedging, no patron bandwagoning; a moderate threat with trade gives staying out."""
    text = section(NB, "4. A small state's choice")
    assert "a reliable patron makes alliance pay, a half-reliable one hedging" in text
    names = [best_choice(SmallState(**v)).name for v in SMALL_STATE_PRESETS.values()]
    assert names == ["Align with B", "Stay out", "Hedge", "Align with A"]
    assert "still pays half of A's threat" in text
    assert SmallState().bandwagon_price == 0.5


# ------------------------------------------------------------------ section 6
def test_sipri_gaps() -> None:
    """Section 6: "no figures for Viet Nam after 2018 (nor for 1995–2002), for Laos before
    1992 or after 2013, or for Myanmar in 2006–2011"; the seven complete 1989–2024."""
    text = section(NB, "6. What the data show")
    assert ("no figures for Viet Nam after 2018 (nor for 1995–2002), for Laos before 1992 or "
            "after 2013, or for Myanmar in 2006–2011") in text
    usd = raw_sipri("milex_usd_m_constant_2023")
    years = lambda c: {y for (k, y) in usd if k == c and y >= 1989}  # noqa: E731
    assert max(years("Viet Nam")) == 2018
    assert set(range(1995, 2003)) & years("Viet Nam") == set()
    assert min(years("Laos")) == 1992 and max(years("Laos")) == 2013
    assert set(range(2006, 2012)) & years("Myanmar") == set()
    for country in SEVEN:
        assert years(country) >= set(range(1989, 2025)), country


def test_region_against_china() -> None:
    """Section 6: "China's spending grew 15.7-fold ..., the seven members' 3.1-fold";
    "(ρ = 0.98, n = 36)"; "ρ = −0.10 (p = 0.55, n = 35)"."""
    text = section(NB, "6. What the data show")
    assert "China's spending grew 15.7-fold in constant dollars, the seven members' 3.1-fold" in text
    assert "(ρ = 0.98, n = 36)" in text
    assert "ρ = −0.10 (p = 0.55, n = 35), no evidence of a link" in text
    usd = raw_sipri("milex_usd_m_constant_2023")
    region = np.array([sum(usd[(c, y)] for c in SEVEN) for y in range(1989, 2025)])
    china = np.array([usd[("China", y)] for y in range(1989, 2025)])
    assert round(china[-1] / china[0], 1) == 15.7
    assert round(region[-1] / region[0], 1) == 3.1
    assert round(np.corrcoef(_ranks(region), _ranks(china))[0, 1], 2) == 0.98
    dr, dc = np.diff(region) / region[:-1], np.diff(china) / china[:-1]
    assert round(np.corrcoef(_ranks(dr), _ranks(dc))[0, 1], 2) == -0.10
    result = follows_china()
    assert (result.levels.n, result.changes.n) == (36, 35)
    assert round(result.changes.pvalue, 2) == 0.55            # scipy's t approximation
    # the uncertainty, independently: a permutation test of the changes' rank correlation
    rng = np.random.default_rng(7)
    rho = abs(np.corrcoef(_ranks(dr), _ranks(dc))[0, 1])
    sims = [abs(np.corrcoef(_ranks(dr), _ranks(rng.permutation(dc)))[0, 1]) for _ in range(4000)]
    assert 0.45 < np.mean(np.array(sims) >= rho) < 0.65


def test_allies_against_non_aligned() -> None:
    """Section 6: "in 19 of 25 years"; medians "1.25 % (Philippines), 1.33 % (Thailand),
    0.74 % (Indonesia) and 1.50 % (Malaysia)"; "never give less than 1/6; here it gives
    p = 0.5"; "0.78 % of GDP in 2024, 1.22 percentage points below NATO's 2 %"."""
    text = section(NB, "6. What the data show")
    assert "exceeds that of Indonesia and Malaysia in 19 of 25 years" in text
    assert ("1.25 % (Philippines), 1.33 % (Thailand), 0.74 % (Indonesia) and 1.50 % "
            "(Malaysia)") in text
    assert "can never give less than 1/6; here it gives p = 0.5" in text
    assert "Indonesia spent 0.78 % of GDP in 2024, 1.22 percentage points below" in text
    pct = raw_sipri("milex_pct_gdp")
    years = range(2000, 2025)
    allies, others = ("Philippines", "Thailand"), ("Indonesia", "Malaysia")
    assert sum(sum(pct[(c, y)] for c in allies) > sum(pct[(c, y)] for c in others)
               for y in years) == 19
    medians = {c: float(np.median([pct[(c, y)] for y in years])) for c in allies + others}
    assert [round(medians[c], 2) for c in allies + others] == [1.25, 1.33, 0.74, 1.50]
    values = [medians[c] for c in allies + others]
    observed = sum(values[:2]) - sum(values[2:])
    splits = [sum(values[i] for i in s) - sum(values[i] for i in range(4) if i not in s)
              for s in combinations(range(4), 2)]
    assert len(splits) == 6
    assert sum(d >= observed - 1e-12 for d in splits) / 6 == 0.5
    assert burden_groups(2000, 2024).pvalue == 0.5
    assert pct[("Indonesia", 2024)] == 0.78
    assert round(2 - pct[("Indonesia", 2024)], 2) == 1.22


# ------------------------------------------------------------------ exercises
@pytest.mark.parametrize("question, stated, hand", [
    ("07-stay-out-threshold", "**0.5.**", 0.3 / 0.6),
    ("07-hedge-degree", "**0.3.**", (0.8 * 0.6 - 0.3) / (2 * 0.3)),
    ("07-indonesia-gap", "**1.22.**", 2 - 0.78),
])
def test_exercise_answers(question: str, stated: str, hand: float) -> None:
    """Exercises 1, 2 and 5: the solution's number, by hand and from the exercise bank."""
    assert stated in prose(NB)
    assert float(expected_answer(question)) == pytest.approx(hand, abs=1e-6)


def test_exercise_choices_and_going_further() -> None:
    """Exercises 3, 4, 7 and 8: "Align with A", "No clear link", "About 0.49", "0.5"."""
    text = prose(NB)
    assert "**Align with A.**" in text and "**No clear link.**" in text
    assert expected_answer("07-bandwagon-choice") == "align with a"
    assert expected_answer("07-china-changes") == "no clear link"
    assert "**About 0.49.**" in text
    # by hand: h* = (0.9 rho - 0.3)/0.2 and EU(h*) = -0.25 at rho close to 0.49
    def graded(rho: float) -> float:
        h = min(max((0.9 * rho - 0.3) / 0.2, 0.0), 1.0)
        return 0.6 - 0.9 * (1 - rho) - 0.9 * rho * (1 - h) - 0.1 * h**2 - 0.3 * h
    rhos = np.linspace(0, 1, 100001)
    switch = rhos[np.argmax([graded(r) > -0.25 for r in rhos])]
    assert round(switch, 2) == 0.49
    assert float(expected_answer("07-reliability-switch")) == pytest.approx(switch, abs=1e-4)
    assert float(expected_answer("07-burden-pvalue")) == 0.5


# ------------------------------------------------------------------ going further C
def test_game_with_the_patron() -> None:
    """Going further C: honouring gains B h(t - e); with the Hedging preset (t = 0.8,
    e = 0.3, g = 0.3) two sets of equilibria, (Align with B, Honour) and Stay out while B
    honours with any probability up to 9/16 ~ 0.56; the cell's output says the same."""
    from alliances.models.smallstate import patron_equilibria, patron_game

    text = section(NB, "C. A game with the patron")
    flat = " ".join(text.split())
    assert "**our formalization**" in flat and "with hedging fixed at $h = 1/2$" in flat
    assert "honouring gains B $h(t - e)$" in flat
    assert "($t = 0.8$, $e = 0.3$, $g = 0.3$) there are two sets" in flat
    assert "any probability up to $9/16 \\approx 0.56$, infinitely many equilibria" in flat
    t, e, g = 0.8, 0.3, 0.3
    preset = SMALL_STATE_PRESETS["Hedging: threat rising, patron half-reliable"]
    assert (preset["threat"], preset["entrapment"], preset["trade"]) == (t, e, g)
    # by hand, B's payoffs for h = 1 and h = 1/2: honour -g(1-h) - t(1-h) - e h, neglect
    # -g(1-h) - t; the difference is h (t - e) > 0
    for h in (1.0, 0.5):
        honour, neglect = -g * (1 - h) - t * (1 - h) - e * h, -g * (1 - h) - t
        assert honour - neglect == pytest.approx(h * (t - e))
    game = patron_game(SmallState(**preset))
    assert game.B[1, 0] - game.B[1, 1] == pytest.approx(t - e)
    assert game.B[3, 0] - game.B[3, 1] == pytest.approx((t - e) / 2)
    # Stay out (2g - t = -0.2) against Hedge at h = 1/2 (-0.425 + 0.4 q) and Align with B
    # (-0.8 + 0.8 q): Stay out is best while q <= 0.225 / 0.4 = 9/16
    q = (2 * g - t - (1.5 * g - t - e / 4)) / (t / 2)
    assert q == pytest.approx(9 / 16) and round(q, 2) == 0.56
    result = patron_equilibria(SmallState(**preset))
    assert result.infinitely_many and len(result.honour) == 2
    assert [x for pair in sorted(result.honour) for x in pair] == pytest.approx(
        [0.0, 9 / 16, 1.0, 1.0])
    sentence = ("Align with B while B honours; Stay out while B honours with any probability "
                "from 0.00 to 0.56.")
    assert sentence in result.sentence()
    shown = [c for c in read(NB).cells if c.cell_type == "code"
             and "patron_equilibria(hedging)" in c.source]
    assert len(shown) == 1 and sentence in shown[0].outputs[0]["text"]
