"""Every number that the prose of 02_primary_dilemma states, recomputed from the library.

Each test names the section in its docstring, finds the sentence in the prose (so that
editing the prose without updating the test fails) and recomputes the number with the
same model the notebook uses; where it can, it also checks by hand.
"""

from __future__ import annotations

import re
from fractions import Fraction

import nbformat
import numpy as np
import pytest

from alliances import alliance_formation_game, classify
from alliances.data import load
from alliances.models.family_map import family_map
from alliances.models.games import Game, symmetric_game
from alliances.models.jervis import cooperation_threshold, offence_defence_game
from alliances.models.nstate import (EUROPE_1879_1907, PRESET_PARAMETERS, critical_mass,
                                     equilibrium_allies, formation_payoffs)
from alliances.models.repeated import (STRATEGIES, grim_trigger_threshold, play, replicator,
                                       sustainability, tit_for_tat_threshold, tournament)
from alliances.views.jervis import four_worlds
from alliances.views.nstate import alignment_timeline
from alliances.views.family_map import _connected_groups
from notebook_tools import NOTEBOOK_DIR, prose, section

NB = "02_primary_dilemma.ipynb"


@pytest.fixture(scope="module")
def text() -> str:
    return prose(NB)


def _code() -> str:
    notebook = nbformat.read(NOTEBOOK_DIR / NB, as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "code")


def test_section_1_the_table_and_the_ranking(text) -> None:
    """Section 1: the table of payoffs T = 4, R = 3, P = 2, S = 1 ("with 4 the best outcome")
    and "with P = 2 for each ... with R = 3 for each"."""
    assert "| T (temptation) | 4 |" in text and "| R (reward) | 3 |" in text
    assert "| P (punishment) | 2 |" in text and "| S (sucker's payoff) | 1 |" in text
    assert "with P = 2 for each, although both would prefer general abstention, with R = 3 " \
           "for each" in text
    game = alliance_formation_game(T=4, R=3, P=2, S=1)
    assert classify(game).ordinal == "T > R > P > S"
    assert game.payoffs("Ally", "Ally") == (2, 2) and game.payoffs("Abstain", "Abstain") == (3, 3)
    assert game.dominant_strategy("State A") == "Ally" and not game.is_pareto_efficient(
        "Ally", "Ally")


def test_section_1_expansionist(text) -> None:
    """Section 1, assumptions: "for B, P = 3 and R = 2"; the notebook's matrix for B must
    say so, and the game has one equilibrium that no outcome beats for both."""
    assert "(for B, P = 3 and R = 2)" in text
    assert "[[2, 4], [1, 3]]" in _code()
    game = alliance_formation_game()
    b = np.array([[2, 4], [1, 3]])
    assert b[1, 1] == 3 and b[0, 0] == 2          # B's P (both ally) and R (both abstain)
    expansionist = Game(game.A, b, row_labels=game.row_labels, col_labels=game.col_labels)
    assert expansionist.pure_equilibria() == [("Ally", "Ally")]
    assert expansionist.is_pareto_efficient("Ally", "Ally")


def test_section_2_mixed_equilibrium_of_the_chicken_reading(text) -> None:
    """Section 2: "each state allies with probability 1/2, so that both ally, the worst
    outcome, one time in four"."""
    assert "each state allies with probability 1/2, so that both ally, the worst outcome, " \
           "one time in four" in text
    game = alliance_formation_game(T=4, R=3, P=1, S=2)
    mixed = [(x, y) for x, y in game.equilibria_exact() if all(v > 0 for v in x)]
    assert mixed == [((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))]
    # by hand: abstain pays 3(1 - q) + 2q, ally 4(1 - q) + q; equal at q = 1/2
    q = Fraction(1, 2)
    assert 3 * (1 - q) + 2 * q == 4 * (1 - q) + q
    assert q * q == Fraction(1, 4)
    assert classify(game).family == "Chicken"


def test_section_3_map_regions(text) -> None:
    """Section 3: "Fix R = 3 and S = 1" and "seven regions of six families"."""
    assert "Fix R = 3 and S = 1 and let T and P vary" in text
    assert "The map shows seven regions of six families" in text
    fmap = family_map(T=4, R=3, P=2, S=1, resolution=None)
    assert fmap.fixed == {"R": 3.0, "S": 1.0}
    groups = _connected_groups(fmap.regions)
    assert len(groups) == 7
    assert {r.family for r in fmap.regions} == {"Prisoner's Dilemma", "Chicken", "Deadlock",
                                                 "Harmony", "Stag Hunt", "Coordination"}
    assert fmap.region_at(4, 2).family == "Prisoner's Dilemma"


def test_section_3_boundaries(text) -> None:
    """Section 3: "At T = R = 3 ... boundary between the Prisoner's Dilemma and the Stag Hunt;
    at P = S = 1 on the boundary between the Prisoner's Dilemma and Chicken"."""
    assert "At T = R = 3 the game is on the boundary between the Prisoner's Dilemma and the " \
           "Stag Hunt; at P = S = 1 on the boundary between the Prisoner's Dilemma and " \
           "Chicken" in text
    fmap = family_map(4, 3, 2, 1, resolution=None)
    assert fmap.family_at(3, 2) == "Prisoner's Dilemma / Stag Hunt"
    assert fmap.family_at(4, 1) == "Prisoner's Dilemma / Chicken"


def test_section_4_stag_hunt_threshold(text) -> None:
    """Section 4: the stag hunt "(CC = 4, DC = 3, DD = 2, CD = 1)" crosses "at p* = 1/2",
    the probability of part 0's mixed equilibrium."""
    assert "(CC = 4, DC = 3, DD = 2, CD = 1)" in text
    assert r"the lines cross at p\* = 1/2" in text
    result = cooperation_threshold(CC=4, CD=1, DC=3, DD=2)
    assert result.p_star == 0.5 == (2 - 1) / ((4 - 3) + (2 - 1))
    stag = symmetric_game(3, 4, 2, 1)                # part 0's stag hunt
    mixed = [x for x, _ in stag.equilibria_exact() if all(v > 0 for v in x)]
    assert mixed == [(Fraction(1, 2), Fraction(1, 2))]
    assert cooperation_threshold(CC=3, CD=1, DC=4, DD=2).p_star is None


def test_section_4_offence_defence_mapping(text) -> None:
    """Section 4, four worlds: "z = offence − 2 × distinguishability", "T − R = z",
    "P − S = z + 2", "R = 3 and P = 1", "p* = 1 + z/2"; worlds 2 and 3 "from p* = 1/2"."""
    assert "z = offence − 2 × distinguishability" in text
    assert "The gain from exploiting is T − R = z and the cost of being exploited is " \
           "P − S = z + 2, with R = 3 and P = 1 fixed, so that p\\* = 1 + z/2" in text
    assert "A full swing of either lever moves z by 2" in text
    for o, d in [(0.3, 0.1), (-0.6, 0.35), (1, 0), (0.2, 0.6)]:
        world = offence_defence_game(o, d)
        z = o - 2 * d
        assert world.index == pytest.approx(z)
        assert world.T - world.R == pytest.approx(z) and world.P - world.S == pytest.approx(z + 2)
        assert (world.R, world.P) == (3, 1)
        if 0 <= 1 + z / 2 <= 1:
            assert world.threshold.p_star == pytest.approx(1 + z / 2)
    assert offence_defence_game(1, 0).index - offence_defence_game(-1, 0).index == 2
    assert offence_defence_game(0, 1).index - offence_defence_game(0, 0).index == -2
    assert "in worlds 2 and 3 it is a stag hunt and reassurance works from p\\* = 1/2" in text
    table = four_worlds()
    assert table["family"].tolist() == ["Prisoner's Dilemma", "Stag Hunt", "Stag Hunt",
                                        "Harmony"]
    assert table["p_star"].tolist() == ["none", "1/2", "1/2", "any"]


def test_section_4_widget_first_view(text) -> None:
    """Section 4, Try it: "with offence advantage 0.5 and indistinguishable postures
    (world 1) the game is a prisoner's dilemma and no belief makes cooperation pay"."""
    assert "with offence advantage 0.5 and indistinguishable postures (world 1) the game is a " \
           "prisoner's dilemma and no belief makes cooperation pay" in text
    assert "JervisWidget(offence=0.5, distinguishability=0.0)" in _code()
    world = offence_defence_game(0.5, 0.0)
    assert world.world == 1 and world.family == "Prisoner's Dilemma"
    assert world.threshold.kind == "never"


def test_section_5_dilemma_preset(text) -> None:
    """Going further, many states: "all 6 states ally, and each gets less than if none had"."""
    assert "all 6 states ally, and each gets less than if none had" in text
    model = formation_payoffs(**PRESET_PARAMETERS["dilemma: allying always pays"])
    assert model.n == 6
    assert [e.allies for e in equilibrium_allies(model.ally, model.abstain)] == [6]
    # by hand: all ally pays 4 * 6/7 - 1 - 3 = -4/7 < 0 = all abstain
    assert model.ally[-1] == pytest.approx(4 * 6 / 7 - 1 - 3) and model.abstain[0] == 0


def test_section_5_tipping_preset(text) -> None:
    """Going further, many states: "crosses above it at k = 1", "two equilibria, all abstain
    and all ally",
    "a critical mass of one"."""
    assert "Now the Ally curve starts below the Abstain curve and crosses above it at k = 1" \
           in text
    assert "There are two equilibria, all abstain and all ally, and a *critical mass* of one" \
           in text
    model = formation_payoffs(**PRESET_PARAMETERS["tipping: alliances need a partner"])
    assert model.ally[0] < model.abstain[0] and model.ally[1] > model.abstain[1]
    assert critical_mass(model.ally, model.abstain) == 1
    assert [e.allies for e in equilibrium_allies(model.ally, model.abstain)] == [0, 6]


def test_section_5_europe(text) -> None:
    """Section 5, Europe 1879-1907: "the Dual Alliance of 1879 puts 2 of the 6 in a bloc, the
    Triple Alliance 3, the Franco-Russian alliance of 1894 brings the count to 5, and by the
    Entente Cordiale of 1904 all 6 are aligned"; the dates are the standard ones. The section
    also names 1914, the end of the period Snyder's abstract surveys ("the 1904–1914 period")
    and the war before which Christensen and Snyder (1990) place chain-ganging."""
    assert "the Dual Alliance of 1879 puts 2 of the 6 in a bloc, the Triple Alliance 3, the " \
           "Franco-Russian alliance of 1894 brings the count to 5, and by the Entente Cordiale " \
           "of 1904 all 6 are aligned" in text
    assert "**not** figures from the course's data files" in text
    table = alignment_timeline()
    assert table["aligned"].tolist() == [2, 3, 5, 6, 6]
    # every year in the Europe section is one of the five standard dates (or the range)
    europe = section(NB, "Europe, 1879–1907")
    years = {int(y) for y in re.findall(r"\b(18\d\d|19[01]\d)\b", europe)}
    standard = {e.year for e in EUROPE_1879_1907}
    assert "\"by a survey of the 1904–1914 period\"" in europe and "before 1914" in europe
    assert years - {1954, 1997, 1914} <= standard | {1879, 1907}
    assert standard == {1879, 1882, 1894, 1904, 1907}


def test_section_6_thresholds(text) -> None:
    """Going further, the shadow of the future: "For the alliance game of section 1 both
    thresholds are 1/2"; the first view: "with δ = 0.6,
    mutual abstention is sustained by grim trigger and by tit-for-tat, which both need
    δ ≥ 1/2"; R = 3 and S = 1 fixed in the widget."""
    assert "For the alliance game of section 1 both thresholds are 1/2" in text
    assert grim_trigger_threshold(4, 3, 2, 1) == (4 - 3) / (4 - 2) == 0.5
    assert tit_for_tat_threshold(4, 3, 2, 1) == max((4 - 3) / (4 - 2), (4 - 3) / (3 - 1))
    assert "with δ = 0.6, mutual abstention is sustained by grim trigger and by tit-for-tat, " \
           "which both need δ ≥ 1/2" in text
    assert "DiscountWidget(T=4, P=2, delta=0.6)" in _code()
    result = sustainability(4, 3, 2, 1, 0.6)
    assert result.grim_sustains and result.tit_for_tat_sustains
    assert "(R = 3 and S = 1 stay fixed)" in text
    from alliances.widgets.repeated import DiscountWidget
    assert (DiscountWidget.R, DiscountWidget.S) == (3, 1)


def test_section_6_simulation(text) -> None:
    """Going further, reciprocity: the trembles "with probability 0.05", the echo of two
    tit-for-tat players, δ = 0.9 ("always ally dies out, and grim trigger and tit-for-tat
    together end with most of the population") and δ = 0.5 ("always ally taking over the
    whole population")."""
    code = _code()
    assert "comes out the opposite way with probability 0.05" in text
    assert 'play("Tit-for-tat", "Tit-for-tat", noise=0.05, rounds=30, seed=2)' in code
    match = play("Tit-for-tat", "Tit-for-tat", noise=0.05, rounds=30, seed=2)
    assert "A single mistake sets off an echo" in text
    first, second = match.timeline()
    assert "YAYA" in first and "AYAY" in second          # alternating retaliation
    names = list(STRATEGIES)
    times = np.arange(41)
    assert "with δ = 0.9:" in text and "tournament(names, delta=0.9, rounds=50, noise=0.05, " \
                                       "seed=1)" in code
    assert "always ally dies out, and grim trigger and tit-for-tat together end with most of " \
           "the population" in text
    patient = replicator(tournament(names, delta=0.9, rounds=50, noise=0.05, seed=1),
                         [0.25] * 4, times)[-1]
    assert patient[names.index("Always ally")] < 0.01
    assert patient[names.index("Grim trigger")] + patient[names.index("Tit-for-tat")] > 0.5
    assert "With impatient states, δ = 0.5" in text and "always ally taking over the whole " \
                                                         "population" in text
    impatient = replicator(tournament(names, delta=0.5, rounds=50, noise=0.05, seed=1),
                           [0.25] * 4, times)[-1]
    assert impatient[names.index("Always ally")] > 0.99


def test_exercise_1_deadlock(text) -> None:
    """Exercise 1 and its solution: "T = 4, P = 3, R = 2, S = 1"; "(against Abstain, 4 > 2;
    against Ally, 3 > 1)"; "gives each 3, more than the 2 of general abstention"."""
    assert "Both states rank the outcomes T = 4, P = 3, R = 2, S = 1" in text
    assert "(against Abstain, 4 > 2; against Ally, 3 > 1)" in text
    assert "(Ally, Ally) gives each 3, more than the 2 of general abstention" in text
    from alliances.coursework.bank.nb02 import EXPANSIONIST
    assert EXPANSIONIST == dict(T=4, R=2, P=3, S=1)
    game = alliance_formation_game(**EXPANSIONIST)
    assert game.payoffs("Ally", "Abstain")[0] == 4 and game.payoffs("Abstain", "Abstain")[0] == 2
    assert game.payoffs("Ally", "Ally") == (3, 3) and game.payoffs("Abstain", "Ally")[0] == 1
    assert classify(game).family == "Deadlock"


def test_exercise_2_swap(text) -> None:
    """Exercise 2 and its solution: "(T = 4, R = 3, P = 1, S = 2)"; "abstaining pays S = 2 and
    allying P = 1"; "allying pays T = 4 against R = 3"."""
    assert "(T = 4, R = 3, P = 1, S = 2)" in text
    assert "abstaining pays S = 2 and allying P = 1" in text
    assert "allying pays T = 4 against R = 3" in text
    from alliances.coursework.bank.nb02 import SWAPPED
    assert SWAPPED == dict(T=4, R=3, P=1, S=2)
    assert alliance_formation_game(**SWAPPED).pure_equilibria() == [("Abstain", "Ally"),
                                                                     ("Ally", "Abstain")]


def test_exercise_3_p_star(text) -> None:
    """Exercise 3: "CC = 6, DC = 4, DD = 3 and CD = 0"; solution "= 3/5"."""
    assert "A stag hunt has CC = 6, DC = 4, DD = 3 and CD = 0" in text
    assert "(3 − 0) / [(6 − 4) + (3 − 0)] = 3/5" in text
    from alliances.coursework.bank.nb02 import STAG_HUNT
    assert STAG_HUNT == dict(CC=6, CD=0, DC=4, DD=3)
    assert cooperation_threshold(**STAG_HUNT).p_star == pytest.approx(3 / 5)


def test_exercises_4_and_5_thresholds(text) -> None:
    """Exercises 6 and 7: "T = 6, R = 4, P = 1 and S = 0"; "(6 − 4)/(6 − 1) = 2/5" and
    "(6 − 4)/(4 − 0) = 1/2", "so the larger, 1/2"."""
    assert "With T = 6, R = 4, P = 1 and S = 0" in text
    assert "Same game (T = 6, R = 4, P = 1, S = 0)" in text
    assert "(6 − 4)/(6 − 1) = 2/5" in text and "(6 − 4)/(4 − 0) = 1/2" in text
    from alliances.coursework.bank.nb02 import REPEATED
    assert REPEATED == dict(T=6, R=4, P=1, S=0)
    assert grim_trigger_threshold(**REPEATED) == pytest.approx(2 / 5)
    assert tit_for_tat_threshold(**REPEATED) == pytest.approx(1 / 2)


def test_exercise_6_buffers(text) -> None:
    """Exercise 5 solution: "**3.**"; "Allying pays more at k = 0, 1 and 2 and less from k = 3
    on"."""
    assert "how many of the 6 states ally in equilibrium?" in text
    assert "**3.** With m allies" in text
    assert "Allying pays more at k = 0, 1 and 2 and less from k = 3 on" in text
    model = formation_payoffs(**PRESET_PARAMETERS["buffers: some stay out"])
    better = (model.ally > model.abstain).tolist()
    assert better == [True, True, True, False, False, False]
    assert [e.allies for e in equilibrium_allies(model.ally, model.abstain)] == [3]


def test_exercise_7_dates_come_from_the_case_study_timeline(text) -> None:
    """Exercise 4 solution: "the annexation of Crimea in 2014 and the full-scale invasion of
    Ukraine in 2022" - both in data/case_study_timeline.csv."""
    assert "the annexation of Crimea in 2014 and the full-scale invasion of Ukraine in 2022" \
           in text
    timeline = load("case_study_timeline")
    events = timeline[timeline["case_study"] == "ukraine"]
    annex = events[events["event"].str.contains("annexing Crimea")]
    invasion = events[events["event"].str.contains("full-scale Russian invasion")]
    assert annex["date_start"].astype(str).str.startswith("2014").all() and len(annex) == 1
    assert invasion["date_start"].astype(str).str.startswith("2022").all() and len(invasion) == 1


def test_section_5_citations_match_the_references(text) -> None:
    """Section 5, "Against whom, and how firmly?": Walt (1987) and Christensen and Snyder
    (1990) are cited in the prose and listed in full under References (title, journal,
    volume and pages as on the publishers' pages), and the two quotations are the abstract's
    words ("bred unconditional alliances", "bred free riding on the balancing efforts of
    others")."""
    europe = section(NB, "Europe, 1879–1907")
    assert "Walt (1987)" in europe and "Christensen and Snyder (1990)" in europe
    assert '"bred unconditional alliances"' in europe
    assert '"bred free riding on the balancing efforts of others"' in europe
    references = section(NB, "References")
    assert "Christensen, T. J., and Snyder, J. (1990). Chain gangs and passed bucks: predicting " \
           "alliance patterns in multipolarity. *International Organization* 44(2), 137–168." \
           in references
    assert "Walt, S. M. (1987). *The Origins of Alliances*. Ithaca: Cornell University Press." \
           in references


def test_first_cell_time_is_the_measured_core_path() -> None:
    """The first cell's "about M minutes" is what tools/core_path.py estimates, and the core
    path is within the seminar budget (at most 2,500 words and 20 code cells)."""
    import importlib.util
    import sys

    from notebook_tools import ROOT
    spec = importlib.util.spec_from_file_location("core_path", ROOT / "tools" / "core_path.py")
    core_path = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("core_path", core_path)   # dataclasses look their module up
    spec.loader.exec_module(core_path)
    measured = core_path.measure(NOTEBOOK_DIR / NB)
    first = nbformat.read(NOTEBOOK_DIR / NB, as_version=4).cells[0].source
    assert f"about {measured.minutes} minutes" in first
    assert measured.words <= 2500 and measured.code_cells <= 20
