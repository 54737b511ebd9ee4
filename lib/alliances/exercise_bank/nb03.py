"""Questions of 03_secondary_dilemma: best commitment, crisis trees, the two-ally game.

Every right answer is computed from the same models the notebook shows (our
formalizations of Snyder's secondary alliance dilemma).
"""

from __future__ import annotations

from ..commitment import best_commitment
from ..crisis import backward_induction, crisis_game, crisis_thresholds, two_ally_game
from ..exercises import Question

#: Exercise 5: the linear case (alpha = beta = 1).
LINEAR = dict(L_A=10, p_A=0.5, L_E=8, p_E=0.5, r0=0.25, k=1.5, alpha=1, beta=1)
#: Exercise 1: the interior case (alpha = beta = 2).
INTERIOR = dict(L_A=6, p_A=0.5, L_E=4, p_E=0.5, r0=0.5, k=1, alpha=2, beta=2)
#: Exercise 2: the crisis game at this commitment (other payoffs at their defaults).
CRISIS_COMMITMENT = 0.75
#: Exercise 6: the crisis game with these payoffs.
THRESHOLD_PAYOFFS = dict(patron_war_cost=5.0, patron_defeat_loss=2.0, reputation_cost=6.0)
#: Exercise 3: the two-ally game.
ALLIES_SETTING = dict(major_dependence=0.9, minor_dependence=0.5, entrapment_cost=0.4,
                      realignment=0.6)

PATHS = {
    ("Not challenge",): "no challenge",
    ("Challenge", "Back down"): "challenge, back down",
    ("Challenge", "Stand firm", "Support"): "challenge, stand firm, support",
    ("Challenge", "Stand firm", "Abandon"): "challenge, stand firm, abandon",
}


def _linear_answer() -> str:
    result = best_commitment(**LINEAR)
    if result.every_level_optimal:
        return "any"
    return "full" if result.c_star == 1.0 else "none"


def _crisis_path() -> str:
    analysis = backward_induction(crisis_game(CRISIS_COMMITMENT))
    if not analysis.unique:
        raise RuntimeError("the exercise expects one subgame-perfect equilibrium")
    return PATHS[analysis.equilibria[0].path]


def _only(values: list) -> object:
    if len(values) != 1:
        raise RuntimeError(f"the question expects one answer, the model gives {values}")
    return values[0]


QUESTIONS: list[Question] = [
    Question(
        id="03-linear-corner", kind="choice", options=("none", "full", "any"),
        answer=_linear_answer,
        advice="With alpha = beta = 1, EU(c) is a straight line. Its slope is L_A p_A minus "
               "L_E p_E (1 - r0) minus k: compute the three terms and look at the sign.",
        hints={"any": "Every level is optimal only when the slope is exactly zero; check "
                      "your arithmetic for each term.",
               "none": "Did you multiply L_E p_E by (1 - r0)? Commitment only adds the part "
                       "of the ally's risk-taking that it causes."}),
    Question(
        id="03-interior-cstar", kind="number", answer=lambda: best_commitment(**INTERIOR).c_star,
        advice="Set EU'(c) = 0: 2 L_A p_A (1 - c) = 2 L_E p_E (1 - r0) c + k, and solve the "
               "linear equation for c.",
        hints={"3/4": "You left out the cost of commitment k.",
               "1/2": "Check two things: differentiating (1 - c)**2 and c**2 gives a factor 2 "
                      "(the cost term k has none), and the entrapment stake carries the "
                      "factor (1 - r0)."}),
    Question(
        id="03-crisis-path", kind="choice",
        options=tuple(PATHS.values()), answer=_crisis_path,
        advice="Start at the patron's node: compare -W with -D - R c. Then the protégé: what "
               "does standing firm lead to, given the patron's choice? Last, the adversary: "
               "compare challenging (given what follows) with the status quo, -M c.",
        hints={"no challenge": "At this commitment the status quo has become costly for the "
                               "adversary: compare -M c with its payoff from war.",
               "challenge, back down": "Would the patron really abandon at this commitment? "
                                       "Compute -D - R c."}),
    Question(
        id="03-support-threshold", kind="number",
        answer=lambda: crisis_thresholds(**THRESHOLD_PAYOFFS)["support"],
        advice="The patron supports when fighting costs less than abandoning: -W > -D - R c. "
               "Solve for c.",
        hints={"5/6": "You left out D: abandoning costs the patron its stake in the protégé "
                      "as well as R c.",
               "7/6": "The patron's loss D makes abandoning worse, so it lowers the threshold: "
                      "check its sign."}),
    Question(
        id="03-two-ally-equilibrium", kind="outcome",
        answer=lambda: _only(two_ally_game(**ALLIES_SETTING).pure_equilibria()),
        advice="Each ally supports exactly when its fear of abandonment, a times its "
               "dependence, exceeds the cost of entrapment e. Compute a·d for each ally.",
        hints={"(withhold, support)": "That is the usual pattern, but here the major ally is "
                                      "the more dependent one."}),
]
