"""Every number that 03_secondary_dilemma.ipynb states in its prose, recomputed.

Each test names the section in its docstring, finds the sentence in the prose (so that
editing the prose without updating the test fails) and recomputes the number by hand
(closed forms written out again here) and with the library model the notebook uses.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from alliances import classify
from alliances.models.commitment import CommitmentModel
from alliances.models.crisis import ally_fears, crisis_game, crisis_thresholds, two_ally_game
from alliances.models.gametree import backward_induction
from alliances.coursework.bank import nb03
from alliances.coursework.exercises import _expected_answer as expected_answer  # private since issue 19
from notebook_tools import prose, section

NB = "03_secondary_dilemma.ipynb"


def _model() -> CommitmentModel:
    """The state of section 2."""
    return CommitmentModel(L_A=10, L_E=10, p_A=0.5, p_E=0.5, r0=0.2, k=1, alpha=2, beta=2)


# ------------------------------------------------------------------ section 1
def test_section_1_definitions_carry_the_page_numbers_and_labels() -> None:
    """Section 1 (and Going further A): abandonment (p. 466) and entrapment (p. 467) as the
    theory notes give them, with its label; the list of drivers marked as paraphrase."""
    text = section(NB, "1. The dilemma in words")
    assert ("**[Abandonment](glossary.md#abandonment)** (Snyder 1984, p. 466) is defection by the "
            "ally") in text
    assert ('**[Entrapment](glossary.md#entrapment)** (Snyder 1984, p. 467) is "being dragged '
            "into a conflict over an ally's interests that one does not share, or shares only "
            'partially"') in text
    assert "[verified via a secondary source that cites the pages]" in text
    assert "[paraphrase, unverified page]" in section(NB, "A. What drives each fear")
    assert "reducing one fear tends to increase the other" in text


# ------------------------------------------------------------------ section 2
def test_section_2_stakes_and_interior_solution() -> None:
    """Section 2: "$L_A = L_E = 10$", "Here $a = 5$ and $e = 4$" and
    "c* = (2·5 − 1)/(2·5 + 2·4) = 9/18 = 1/2"; the figure sentence "c* = 0.5"."""
    text = section(NB, "2. A model of commitment")
    assert "($L_A = L_E = 10$)" in text
    assert "Here $a = 5$ and $e = 4$, so fear of abandonment dominates" in text
    assert ("$c^* = (2 \\cdot 5 - 1)/(2 \\cdot 5 + 2 \\cdot 4) = 9/18 = 1/2$") in text
    assert "the best commitment $c^* = 0.5$" in text
    a, e, k = 10 * 0.5, 10 * 0.5 * (1 - 0.2), 1.0          # by hand
    assert (a, e) == (5.0, 4.0)
    assert Fraction(int(2 * a - k), int(2 * a + 2 * e)) == Fraction(9, 18) == Fraction(1, 2)
    result = _model().best()
    assert result.c_star == pytest.approx(0.5)
    assert (result.abandonment_stake, result.entrapment_stake) == (5.0, 4.0)
    assert result.dominant_fear == "abandonment"


def test_section_2_linear_knife_edge() -> None:
    """Going further B: "its slope is 5 − 4 − 1 = 0": the linear case is a tie."""
    assert "its slope is 5 − 4 − 1 = 0" in section(NB, "B. Corners, ties and a surprise")
    assert 5 - 4 - 1 == 0
    result = _model().replace(alpha=1, beta=1).best()
    assert result.every_level_optimal and result.case == "indifferent"


def test_section_2_non_concave_tie_between_ends() -> None:
    """Going further B: with alpha = beta = 1/2 "our state is torn between no commitment and full
    commitment" (EU(0) = EU(1) since a − e − k = 0, and EU is convex in between)."""
    assert "With $\\alpha = \\beta = 1/2$ our state is torn between no commitment and full" \
        in section(NB, "B. Corners, ties and a surprise")
    assert _model().replace(alpha=0.5, beta=0.5).best().maximisers == (0.0, 1.0)


def test_section_2_recklessness_raises_commitment_and_lowers_utility() -> None:
    """Going further B: a more reckless ally "makes the state worse off (expected utility falls),
    yet in this model the state commits *more*"."""
    text = section(NB, "B. Corners, ties and a surprise")
    assert "makes the state worse off (expected utility falls), yet in this model the state " \
           "commits *more*" in text
    results = [_model().replace(r0=r0).best() for r0 in (0.0, 0.3, 0.6)]
    # by hand: c* = (2a - k)/(2a + 2e) with e = 5 (1 - r0)
    for r0, result in zip((0.0, 0.3, 0.6), results):
        assert result.c_star == pytest.approx((10 - 1) / (10 + 10 * (1 - r0)))
    assert results[0].c_star < results[1].c_star < results[2].c_star
    assert results[0].expected_utility > results[1].expected_utility > \
        results[2].expected_utility


# ------------------------------------------------------------------ section 3
def test_section_3_first_view_of_the_explorer() -> None:
    """Section 3: the explorer's first view: "whose best commitment is 0.5, with fear of
    abandonment dominating"."""
    assert "whose best\ncommitment is 0.5, with fear of abandonment dominating".replace(
        "\n", " ") in section(NB, "3. Try it")
    result = _model().best()
    assert result.c_star == pytest.approx(0.5) and result.dominant_fear == "abandonment"


# ------------------------------------------------------------------ section 4
def test_section_4_interplay_table_is_marked_as_paraphrase() -> None:
    """Going further C: the interplay table "(about pp. 466–471)" is "[paraphrase, unverified
    page]" as the theory notes mark it."""
    text = section(NB, "C. The alliance game and the adversary game")
    assert "(about pp. 466–471)" in text and "**[paraphrase, unverified page]**" in text


def test_section_4_fears_of_the_two_allies() -> None:
    """Section 4: "0.5 × 0.3 = 0.15, below the cost of entrapment 0.3" and
    "0.5 × 0.8 = 0.4 > 0.3"; the equilibrium: the major withholds, the minor supports."""
    text = section(NB, "4. The alliance game")
    assert "the fear of abandonment is 0.5 × 0.3 = 0.15, below the cost of entrapment 0.3" in text
    assert "it is 0.5 × 0.8 = 0.4 > 0.3, so it supports" in text
    assert "the major ally withholds and the minor ally supports" in text
    fears = ally_fears(0.3, 0.8, entrapment_cost=0.3, realignment=0.5)
    assert fears.abandonment["Major ally"] == pytest.approx(0.15)
    assert fears.abandonment["Minor ally"] == pytest.approx(0.4)
    game = two_ally_game(0.3, 0.8, entrapment_cost=0.3, realignment=0.5)
    assert game.pure_equilibria() == [("Withhold", "Support")]


def test_section_4_loose_alliance_is_a_prisoners_dilemma() -> None:
    """Going further C: with little dependence "both withhold although both would gain if both
    supported: ... the prisoner's dilemma of part 0"."""
    text = section(NB, "C. The alliance game and the adversary game")
    assert "both withhold although both would gain if both supported" in text
    game = two_ally_game(0.5, 0.5, entrapment_cost=0.3, realignment=0.4)
    assert game.pure_equilibria() == [("Withhold", "Withhold")]
    # by hand: (S, S) = 0.5 - 0.3 = 0.2 > (W, W) = -0.4 * 0.5 = -0.2
    assert game.payoffs("Support", "Support") == pytest.approx((0.2, 0.2))
    assert game.payoffs("Withhold", "Withhold") == pytest.approx((-0.2, -0.2))
    assert classify(game).family == "Prisoner's Dilemma"


# ------------------------------------------------------------------ section 5
def test_section_5_payoff_parameters_match_the_library() -> None:
    """Section 5: "($R$ = 4)", "$D$ (= 2)", "$W$ (= 4)", "($M$ = 3)" and the payoff table."""
    text = section(NB, "5. A crisis in extensive form")
    for phrase in ("($R$ = 4)", "$D$\n(= 2)".replace("\n", " "), "$W$ (= 4)", "($M$ = 3)",
                   "| war, patron fights | $-2$, 0 | $-W$ |",
                   "| protégé backs down | 1, −1 | −1 |",
                   "| protégé fights alone | 2, −3 | $-D - Rc$ |"):
        assert phrase in text, phrase
    c = 0.4
    tree = crisis_game(c)
    assert tree.node(("Not challenge",)).payoffs == pytest.approx((-3 * c, 3 * c, 0))
    assert tree.node(("Challenge", "Back down")).payoffs == (1, -1, -1)
    assert tree.node(("Challenge", "Stand firm", "Support")).payoffs == (-2, 0, -4)
    assert tree.node(("Challenge", "Stand firm", "Abandon")).payoffs == pytest.approx(
        (2, -3, -2 - 4 * c))


def test_section_5_weak_commitment_step_by_step() -> None:
    """Section 5: at c = 0.2, "−2 − 4 × 0.2 = −2.8, better than −4", "(−1 is better than
    −3)", "1 from a challenge that succeeds and only −0.6 from the status quo"."""
    text = section(NB, "5. A crisis in extensive form")
    assert "abandoning costs it −2 − 4 × 0.2 = −2.8, better than −4 for fighting" in text
    assert "(−1 is better than −3)" in text
    assert "gets 1 from a challenge that succeeds and only −0.6 from the status quo" in text
    assert -2 - 4 * 0.2 == pytest.approx(-2.8) and -2.8 > -4 and -3 * 0.2 == pytest.approx(-0.6)
    analysis = backward_induction(crisis_game(0.2))
    assert analysis.unique and analysis.equilibria[0].path == ("Challenge", "Back down")
    assert analysis.equilibria[0].action_at(("Challenge", "Stand firm")) == "Abandon"


def test_section_5_thresholds() -> None:
    """Section 5: "c > (W − D)/R = (4 − 2)/4 = 1/2", war (−2) against −3c, "c > 2/3"."""
    text = section(NB, "5. A crisis in extensive form")
    assert "$c > (W - D)/R = (4 - 2)/4 = 1/2$" in text.replace("=\n", "= ")
    assert "it stays quiet while $3c < 2$ (deterrence) and challenges once $c > 2/3$" in text
    thresholds = crisis_thresholds()
    assert thresholds["support"] == Fraction(4 - 2, 4)
    assert thresholds["challenge"] == pytest.approx(2 / 3)
    for c, path in ((0.6, ("Not challenge",)), (0.9, ("Challenge", "Stand firm", "Support"))):
        assert backward_induction(crisis_game(c)).equilibria[0].path == path


def test_section_5_entrapment_at_point_nine() -> None:
    """Section 5: "At c = 0.9 the patron fights, with payoff −4, only because abandoning would
    now cost it −2 − 4 × 0.9 = −5.6"; "(−2 is better than −4)"; the patron's ranking
    0, −1, −4."""
    text = section(NB, "5. A crisis in extensive form")
    assert ("At $c = 0.9$ the patron fights, with payoff −4, only because abandoning would now "
            "cost it −2 − 4 × 0.9 = −5.6") in text
    assert "(−2 is better than −4)" in text
    assert ("the status quo (0) is best, a protégé that backs down (−1) next, a war (−4)"
            in text)
    spe = backward_induction(crisis_game(0.9)).equilibria[0]
    assert spe.payoffs[2] == -4.0
    assert crisis_game(0.9).node(("Challenge", "Stand firm", "Abandon")).payoffs[2] == \
        pytest.approx(-2 - 4 * 0.9) == pytest.approx(-5.6)
    tree = crisis_game(0.5)
    assert [tree.node(p).payoffs[2] for p in (("Not challenge",), ("Challenge", "Back down"),
                                               ("Challenge", "Stand firm", "Support"))] == \
        [0, -1, -4]


def test_section_5_tie_and_normal_form() -> None:
    """Going further D: at c = 1/2 "two equilibria"; the normal form at c = 0.2 "has two pure Nash
    equilibria"; "(−2.8 beats −4)"; with the adversary at Challenge one equilibrium."""
    text = section(NB, "D. Ties, and a check against the normal form")
    assert "Backward induction\nthen gives two equilibria".replace("\n", " ") in text
    assert "the normal form has two\npure Nash equilibria".replace("\n", " ") in text
    assert "(−2.8 beats −4)" in text
    assert ("the only equilibrium between protégé and patron is that the protégé backs down "
            "and the patron abandons") in text
    assert len(backward_induction(crisis_game(0.5)).equilibria) == 2
    normal = crisis_game(0.2).normal_form()
    assert len(normal.pure_nash_equilibria()) == 2
    game = normal.game("Protégé", "Patron", fixed={"Adversary": "Challenge"})
    assert game.pure_equilibria() == [("Back down", "Abandon")]


def test_section_5_first_view_of_the_crisis_explorer() -> None:
    """Section 5: "at commitment 0.6 the adversary is deterred"."""
    assert "at commitment 0.6 the adversary is deterred" in section(NB, "Try it: the crisis")
    assert backward_induction(crisis_game(0.6)).equilibria[0].outcome == "Status quo"


# ------------------------------------------------------------------ section 6
def test_section_6_multipolar_against_bipolar() -> None:
    """Section 6: multipolar "c* = 0.625", "more than twice the entrapment risk", "(4.31 against
    1.95)", bipolar c* "falls to 0.1"."""
    text = section(NB, "6. Multipolar against bipolar")
    assert "commit more ($c^* = 0.625$), carry more than twice the entrapment risk" in text
    assert "(4.31 against 1.95)" in text and "the best commitment falls to 0.1" in text
    multi, bi = _model().replace(p_A=0.8).best(), _model().replace(p_A=0.1).best()
    # by hand: a = 8 (multi), 1 (bi); e = 4; k = 1: c* = (2a - 1)/(2a + 8)
    assert multi.c_star == pytest.approx(15 / 24) == pytest.approx(0.625)
    assert bi.c_star == pytest.approx(1 / 10)
    assert multi.entrapment_risk > 2 * bi.entrapment_risk
    by_hand = {p_a: 10 * p_a * (1 - c) ** 2 + 10 * 0.5 * (0.2 + 0.8 * c ** 2) + c
               for p_a, c in ((0.8, 0.625), (0.1, 0.1))}
    assert round(multi.dilemma_cost, 2) == round(by_hand[0.8], 2) == 4.31
    assert round(bi.dilemma_cost, 2) == round(by_hand[0.1], 2) == 1.95


def test_section_6_realignment_in_the_two_ally_game() -> None:
    """Section 6: with easy realignment "the minor ally must support"; with hard realignment
    "neither ally needs to"."""
    text = section(NB, "6. Multipolar against bipolar")
    assert "the minor ally must support its partner" in text and "neither ally needs to" in text
    assert two_ally_game(0.3, 0.8, realignment=0.9).pure_equilibria() == [("Withhold", "Support")]
    assert two_ally_game(0.3, 0.8, realignment=0.1).pure_equilibria() == [
        ("Withhold", "Withhold")]


def test_section_6_abstract_quotes() -> None:
    """Section 6 quotes Snyder's abstract, marked verified, as the theory notes give it."""
    text = section(NB, "6. Multipolar against bipolar")
    assert ('"is more severe, and places more constraints on allies\' policies toward '
            'adversaries, in multipolar than in bipolar alliances"') in text
    assert "[verified: Cambridge abstract]" in text


# ------------------------------------------------------------------ exercises
def test_exercise_parameters_match_the_exercise_bank() -> None:
    """Exercises 1–3, 5 and 6 state the parameters that lib/alliances/coursework/bank/nb03.py
    uses."""
    text = prose(NB)
    assert ("$L_A = 10$, $p_A = 0.5$, $L_E = 8$, $p_E = 0.5$, $r_0 = 0.25$ and $k = 1.5$"
            in text)
    assert nb03.LINEAR == dict(L_A=10, p_A=0.5, L_E=8, p_E=0.5, r0=0.25, k=1.5, alpha=1, beta=1)
    assert "$L_A = 6$, $p_A = 0.5$, $L_E = 4$, $p_E = 0.5$, $r_0 = 0.5$ and $k = 1$" in text
    assert nb03.INTERIOR == dict(L_A=6, p_A=0.5, L_E=4, p_E=0.5, r0=0.5, k=1, alpha=2, beta=2)
    assert "the patron's commitment is $c = 0.75$" in text and nb03.CRISIS_COMMITMENT == 0.75
    assert "$W = 5$" in text and "$D = 2$" in text and "$R = 6$" in text
    assert nb03.THRESHOLD_PAYOFFS == dict(patron_war_cost=5.0, patron_defeat_loss=2.0,
                                          reputation_cost=6.0)
    assert ("the major ally's dependence be 0.9 and the minor ally's 0.5, with cost of "
            "entrapment $e = 0.4$ and ease of realignment $a = 0.6$") in text
    assert nb03.ALLIES_SETTING == dict(major_dependence=0.9, minor_dependence=0.5,
                                       entrapment_cost=0.4, realignment=0.6)


def test_exercise_1_solution_slope() -> None:
    """Exercise 5 solution: "5 − 3 − 1.5 = 0.5 > 0", so full commitment."""
    assert "$L_A p_A - L_E p_E (1 - r_0) - k = 5 - 3 - 1.5 = 0.5 > 0$" in prose(NB)
    assert 10 * 0.5 - 8 * 0.5 * 0.75 - 1.5 == pytest.approx(0.5)
    assert expected_answer("03-linear-corner") == "full"


def test_exercise_2_solution_five_eighths() -> None:
    """Exercise 1 solution: a = 3, e = 1, "(6 − 1)/(6 + 2) = 5/8"."""
    text = prose(NB)
    assert "$a = L_A p_A = 3$ and $e = L_E p_E (1 - r_0) = 1$" in text
    assert "$c^* = (2a - k)/(2a + 2e) = (6 - 1)/(6 + 2) = 5/8$" in text
    assert Fraction(2 * 3 - 1, 2 * 3 + 2 * 1) == Fraction(5, 8)
    assert expected_answer("03-interior-cstar") == pytest.approx(5 / 8)


def test_exercise_3_solution_entrapment_at_three_quarters() -> None:
    """Exercise 2 solution: "−2 − 4 × 0.75 = −5", "(0 is better than −1)",
    "−3 × 0.75 = −2.25"."""
    text = prose(NB)
    assert "fighting costs −4, abandoning −2 − 4 × 0.75 = −5" in text
    assert "(0 is better than −1)" in text and "−3 × 0.75 = −2.25" in text
    assert -2 - 4 * 0.75 == -5 and -3 * 0.75 == -2.25 and -2 > -2.25
    assert expected_answer("03-crisis-path") == "challenge, stand firm, support"


def test_exercise_4_solution_threshold() -> None:
    """Exercise 6 solution: "(W − D)/R = (5 − 2)/6 = 1/2"."""
    assert "$c > (W - D)/R = (5 - 2)/6 = 1/2$" in prose(NB)
    assert Fraction(5 - 2, 6) == Fraction(1, 2)
    assert expected_answer("03-support-threshold") == pytest.approx(0.5)


def test_exercise_5_solution_dependent_major() -> None:
    """Exercise 3 solution: "0.6 × 0.9 = 0.54 > 0.4" and "0.6 × 0.5 = 0.3 < 0.4"."""
    text = prose(NB)
    assert "0.6 × 0.9 = 0.54 > 0.4, so it supports" in text
    assert "0.6 × 0.5 = 0.3 < 0.4, so it withholds" in text
    assert 0.6 * 0.9 == pytest.approx(0.54) and 0.6 * 0.5 == pytest.approx(0.3)
    assert expected_answer("03-two-ally-equilibrium") == ("support", "withhold")


def test_models_are_labelled_our_formalization() -> None:
    """References: the three models are "our formalization" of Snyder's verbal argument."""
    text = prose(NB).split("## References", 1)[1]
    assert "the commitment model, the two-ally game and the crisis game are **our " \
           "formalization** of his verbal argument" in text.replace("\n", " ")



# ------------------------------------------------------------------ issue 15, item 1.9
def test_section_5_subgame_perfection_is_selten_1965() -> None:
    """Section 5 and References: subgame perfection is Selten (1965); the 1975 paper
    (trembling-hand perfection) is not given as its source."""
    text = section(NB, "5. A crisis in extensive form")
    assert "(glossary.md#subgame-perfection)** (Selten 1965)" in text
    assert "Selten 1975" not in prose(NB)
    refs = section(NB, "References")
    assert ("Selten, R. (1965). Spieltheoretische Behandlung eines Oligopolmodells mit "
            "Nachfrageträgheit. *Zeitschrift für die gesamte Staatswissenschaft* 121") in refs
    assert "Selten, R. (1975)" not in refs
    assert "introduced trembling-hand perfection" in refs


def test_section_6_bipolar_c_star_depends_on_the_parameters() -> None:
    """Section 6: "The 0.1 is not a property of bipolarity": it is (2a − k)/(2a + 2e) with
    a = 1, e = 4, k = 1; with k = 0.5 the bipolar state commits 0.15, with k = 2 nothing
    (k >= 2a is a corner); in general only the direction holds: a lower p_A lowers c*."""
    text = section(NB, "6. Multipolar against bipolar")
    assert "**The 0.1 is not a property of bipolarity.**" in text
    assert "$a = L_A p_A = 1$, $e = 4$, $k = 1$ and $\\alpha = \\beta = 2$" in text
    assert "With $k = 0.5$ the bipolar state commits 0.15, with $k = 2$ nothing at all" in text
    bipolar = _model().replace(p_A=0.1)
    # by hand: a = 10 * 0.1 = 1, e = 10 * 0.5 * 0.8 = 4
    for k, by_hand in ((0.5, (2 - 0.5) / (2 + 8)), (1, (2 - 1) / (2 + 8)), (2, 0.0)):
        assert bipolar.replace(k=k).best().c_star == pytest.approx(by_hand, abs=1e-9)
    assert round((2 - 0.5) / 10, 2) == 0.15
    # The general claim is only the direction: c* falls with p_A (here on a grid).
    stars = [_model().replace(p_A=p).best().c_star for p in (0.1, 0.2, 0.4, 0.6, 0.8, 1.0)]
    assert stars == sorted(stars)
    # And the level is not general: the same bipolar p_A with other losses gives other c*.
    assert _model().replace(p_A=0.1, L_A=30).best().c_star != pytest.approx(0.1)


def test_section_7_entrapment_evidence_is_discussed_and_cited() -> None:
    """Section 7 discusses Kim (2011), Beckley (2015) and Benson (2012), links the theory notes,
    and the references cite them in full without a "from memory" label."""
    text = section(NB, "7. Does entrapment happen?")
    for name in ("**Kim (2011)**", "**Beckley (2015)**", "**Benson (2012)**"):
        assert name in text
    assert "theory_notes.md#entrapment-in-practice" in text
    assert "only five cases might be called US entanglement" in text
    refs = section(NB, "References")
    for cite in ("Beckley, M. (2015). The myth of entangling alliances",
                 "*International Security* 39(4), 7–48",
                 "Kim, T. (2011). Why alliances entangle but seldom entrap states",
                 "*Security Studies* 20(3), 350–377",
                 "Benson, B. V. (2012). *Constructing International Security"):
        assert cite in refs
    for line in refs.split("- ")[1:]:
        if line.startswith(("Beckley", "Kim", "Benson")):
            assert "from memory" not in line


def test_core_path_within_the_seminar_budget() -> None:
    """Issue 15 section 2: at most 2,500 words and 20 code cells on the core path, a guiding
    question (in bold) before each widget, and the first cell's minutes equal
    tools/core_path.py's estimate."""
    import importlib.util
    import re
    import sys

    from notebook_tools import NOTEBOOK_DIR, ROOT, read

    spec = importlib.util.spec_from_file_location("core_path", ROOT / "tools" / "core_path.py")
    core_path = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("core_path", core_path)
    spec.loader.exec_module(core_path)
    core = core_path.measure(NOTEBOOK_DIR / NB)
    assert core.within_budget and core.widgets == 3, core
    cells = read(NB).cells
    minutes = int(re.search(r"about (\d+) minutes", cells[0].source).group(1))
    assert minutes == core.minutes
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and "Explorer(" in cell.source:
            guide = cells[i - 1].source
            assert re.search(r"\*\*\S.*?\?\*\*", guide, re.S), cell.source
