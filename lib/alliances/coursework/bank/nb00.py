"""Questions of 00_start_here: best responses, dominance, equilibria, efficiency.

Every right answer is computed from the same model the notebook shows.
"""

from __future__ import annotations

from fractions import Fraction

from alliances.i18n import N_
from alliances.coursework.exercises import Question
from alliances.models.games import Game, alliance_formation_game, symmetric_game

def _snyder() -> Game:
    return alliance_formation_game(4, 3, 2, 1)


def _chicken() -> Game:
    # T > R > S > P: backing down (cooperating) while the other stands firm is bad, mutual
    # firmness (war) is worst.
    return symmetric_game(4, 3, 0, 2, labels=("Back down", "Stand firm"))


def _stag() -> Game:
    return symmetric_game(3, 4, 2, 1, labels=("Stag", "Hare"))


def _only(values: list) -> object:
    if len(values) != 1:
        raise RuntimeError(f"the question expects one answer, the model gives {values}")
    return values[0]


def _firm_probability() -> Fraction:
    game = _chicken()
    mixed = [x for x, _ in game.equilibria_exact() if all(p > 0 for p in x)]
    return _only(mixed)[1]


QUESTIONS: list[Question] = [
    Question(
        id="00-best-response", kind="label", options=("Abstain", "Ally"),
        answer=lambda: _only(_snyder().best_responses("row", "Abstain")),
        advice=N_("Compare State A's payoff in the two cells of the column where State B "
                  "abstains: which is larger?"),
        hints={"abstain": N_("Abstaining would be best if State A wanted the best outcome for "
                             "both; a best response only looks at State A's own payoff.")}),
    Question(
        id="00-dominated", kind="label", options=("Abstain", "Ally", "None"),
        answer=lambda: _only(_snyder().strictly_dominated_strategies("row") or ["None"]),
        advice=N_("A strategy is strictly dominated if another strategy pays more against "
                  "every strategy of the other player. Check both columns."),
        hints={"none": N_("Look again: one strategy pays less than the other in both columns.")}),
    Question(
        id="00-stag-hunt-equilibria", kind="outcomes",
        answer=lambda: _stag().pure_equilibria(),
        advice=N_("Check every cell: is each hunter's choice a best response to the other's? "
                  "There may be more than one such cell."),
        hints={"(stag, stag)": N_("That is one of them, but not the only one."),
               "(hare, hare)": N_("That is one of them, but not the only one.")}),
    Question(
        id="00-chicken-mixed", kind="number", answer=_firm_probability,
        advice=N_("In a mixed equilibrium each side must be indifferent: set the expected "
                  "payoff of backing down equal to that of standing firm and solve for the "
                  "other side's probability of standing firm."),
        hints={"2/3": N_("That is the probability of backing down, not of standing firm.")}),
    Question(
        id="00-pareto", kind="choice", options=("yes", "no"),
        answer=lambda: "yes" if _snyder().is_pareto_efficient("Ally", "Ally") else "no",
        advice=N_("An outcome is Pareto-efficient if no other outcome makes one side better off "
                  "without making the other worse off. Compare (Ally, Ally) with every cell.")),
]
