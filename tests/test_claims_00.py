"""Every number that the notebooks' prose states, recomputed from the library.

Each test names the notebook and section in its docstring, finds the sentence in the
prose (so that editing the prose without updating the test fails) and recomputes the
number with the same model the notebook uses.
"""

from __future__ import annotations

from fractions import Fraction

from alliances import alliance_formation_game, classify, symmetric_game
from notebook_tools import prose, section

NB00 = "00_start_here.ipynb"


def _game():
    return alliance_formation_game(T=4, R=3, P=2, S=1)


def test_nb00_solution_1_payoffs_in_abstain_column() -> None:
    """00_start_here, Exercise 1 solution: "State A gets R = 3 by abstaining and T = 4 by
    allying"."""
    assert "State A gets R = 3 by abstaining and T = 4 by allying" in prose(NB00)
    game = _game()
    assert game.payoffs("Abstain", "Abstain")[0] == 3
    assert game.payoffs("Ally", "Abstain")[0] == 4


def test_nb00_solution_2_dominance_margins() -> None:
    """00_start_here, Exercise 2 solution: "allying pays 4 against 3; against Ally, it pays 2
    against 1"."""
    text = prose(NB00)
    assert "allying pays 4 against 3; against *Ally*, it pays 2 against 1" in text
    game = _game()
    assert (game.payoffs("Ally", "Abstain")[0], game.payoffs("Abstain", "Abstain")[0]) == (4, 3)
    assert (game.payoffs("Ally", "Ally")[0], game.payoffs("Abstain", "Ally")[0]) == (2, 1)


def test_nb00_solution_3_stag_hunt() -> None:
    """00_start_here, Exercise 3 (R = 4, T = 3, P = 2, S = 1) and its solution: "(4 > 3)",
    "(2 > 1)" and the mixed equilibrium "with probability 1/2"."""
    text = prose(NB00)
    assert "R = 4" in text and "T = 3 if the other hunts the stag, P = 2" in text
    assert "(4 > 3)" in text and "(2 > 1)" in text
    assert "each hunts the stag with probability 1/2" in text
    game = symmetric_game(3, 4, 2, 1, labels=("Stag", "Hare"))
    assert game.payoffs("Stag", "Stag")[0] == 4 and game.payoffs("Hare", "Stag")[0] == 3
    assert game.payoffs("Hare", "Hare")[0] == 2 and game.payoffs("Stag", "Hare")[0] == 1
    mixed = [x for x, _ in game.equilibria_exact() if all(p > 0 for p in x)]
    assert mixed == [(Fraction(1, 2), Fraction(1, 2))]


def test_nb00_solution_4_chicken_one_in_three() -> None:
    """00_start_here, Exercise 4 solution: backing down pays 3 - q, standing firm 4 - 4q, so
    q = 1/3 ("stands firm one time in three")."""
    text = prose(NB00)
    assert "**1/3.**" in text and "stands firm one time in three" in text
    game = symmetric_game(4, 3, 0, 2, labels=("Back down", "Stand firm"))
    q = Fraction(1, 3)
    back_down, firm = game.expected_payoffs("Back down", [1 - q, q]), game.expected_payoffs(
        "Stand firm", [1 - q, q])
    assert abs(back_down[0] - float(3 - q)) < 1e-12 and abs(firm[0] - float(4 - 4 * q)) < 1e-12
    mixed = [x for x, _ in game.equilibria_exact() if all(p > 0 for p in x)]
    assert mixed == [(Fraction(2, 3), Fraction(1, 3))]


def test_nb00_solution_5_three_instead_of_two() -> None:
    """00_start_here, Exercise 5 solution: "(Abstain, Abstain) gives each state 3 instead of
    2"."""
    assert "gives each state 3 instead of 2" in prose(NB00)
    game = _game()
    assert game.payoffs("Abstain", "Abstain") == (3, 3)
    assert game.payoffs("Ally", "Ally") == (2, 2)
    assert not game.is_pareto_efficient("Ally", "Ally")


def test_nb00_section_1_ranking_is_our_reading() -> None:
    """00_start_here, section 1: "This ordering, T > R > P > S, is **our reading** of Snyder's
    prisoner's-dilemma analogy" (a prisoner's dilemma, as section 5 says), and the student
    summary's "two rival coalitions" worst, "P < S", "makes the game Chicken"."""
    text = section(NB00, "1. A game in normal form")
    assert "This ordering, T > R > P > S, is **our reading** of Snyder's prisoner's-dilemma " \
           "analogy, not a ranking printed in his article" in text
    assert "ranks \"two rival coalitions\" as the worst outcome instead (P < S), which makes " \
           "the game [Chicken](glossary.md#chicken)" in text
    result = classify(_game())
    assert result.ordinal == "T > R > P > S" and result.family == "Prisoner's Dilemma"
    # P < S by hand: with the other state allied, abstaining (S = 2) beats allying (P = 1)
    swapped = classify(alliance_formation_game(T=4, R=3, P=1, S=2))
    assert swapped.family == "Chicken" and swapped.ordinal == "T > R > S > P"


def test_nb00_section_6_two_segments_meet_at_ally_ally() -> None:
    """00_start_here, section 6: with P = S "there are infinitely many equilibria, forming two
    segments that meet at (Ally, Ally)"."""
    assert "forming two segments that meet at (Ally, Ally)" in section(NB00, "6. Ties")
    weak = alliance_formation_game(T=4, R=3, P=1, S=1)
    sets = weak.equilibrium_sets()
    assert len(sets) == 2 and weak.has_infinitely_many_equilibria
    ally = [0.0, 1.0]
    for xs, ys in sets:
        assert any(list(x) == ally for x in xs) and any(list(y) == ally for y in ys)


def test_nb00_first_cell_time_is_the_measured_core_path() -> None:
    """00_start_here, first cell: "about M minutes" is what tools/core_path.py estimates, and
    the core path is within the seminar budget (at most 2,500 words and 20 code cells)."""
    import importlib.util
    import sys

    from notebook_tools import NOTEBOOK_DIR, ROOT, read
    spec = importlib.util.spec_from_file_location("core_path", ROOT / "tools" / "core_path.py")
    core_path = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("core_path", core_path)   # dataclasses look their module up
    spec.loader.exec_module(core_path)
    measured = core_path.measure(NOTEBOOK_DIR / NB00)
    assert f"about {measured.minutes} minutes" in read(NB00).cells[0].source
    assert measured.words <= 2500 and measured.code_cells <= 20
