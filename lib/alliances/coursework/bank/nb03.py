"""Questions of 03_secondary_dilemma: best commitment, crisis trees, the two-ally game.

Every right answer is computed from the same models the notebook shows (our
formalizations of Snyder's secondary alliance dilemma).
"""

from __future__ import annotations

from alliances.models.commitment import best_commitment
from alliances.models.crisis import crisis_game, crisis_thresholds, two_ally_game
from alliances.models.gametree import backward_induction
from alliances.i18n import N_
from alliances.coursework.exercises import Question, Variants

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

_PATHS = {
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
    return _PATHS[analysis.equilibria[0].path]


def _only(values: list) -> object:
    if len(values) != 1:
        raise RuntimeError(f"the question expects one answer, the model gives {values}")
    return values[0]


QUESTIONS: list[Question] = [
    Question(
        id="03-linear-corner", kind="choice", options=("none", "full", "any"),
        answer=_linear_answer,
        advice=N_("With alpha = beta = 1, EU(c) is a straight line. Its slope is L_A p_A minus "
                  "L_E p_E (1 - r0) minus k: compute the three terms and look at the sign."),
        hints={"any": N_("Every level is optimal only when the slope is exactly zero; check "
                         "your arithmetic for each term."),
               "none": N_("Did you multiply L_E p_E by (1 - r0)? Commitment only adds the part "
                          "of the ally's risk-taking that it causes.")}),
    Question(
        id="03-interior-cstar", kind="number", answer=lambda: best_commitment(**INTERIOR).c_star,
        advice=N_("Set EU'(c) = 0: 2 L_A p_A (1 - c) = 2 L_E p_E (1 - r0) c + k, and solve the "
                  "linear equation for c."),
        hints={"3/4": N_("You left out the cost of commitment k."),
               "1/2": N_("Check two things: differentiating (1 - c)**2 and c**2 gives a factor 2 "
                         "(the cost term k has none), and the entrapment stake carries the "
                         "factor (1 - r0).")}),
    Question(
        id="03-crisis-path", kind="choice",
        options=tuple(_PATHS.values()), answer=_crisis_path,
        advice=N_("Start at the patron's node: compare -W with -D - R c. Then the protégé: what "
                  "does standing firm lead to, given the patron's choice? Last, the adversary: "
                  "compare challenging (given what follows) with the status quo, -M c."),
        hints={"no challenge": N_("At this commitment the status quo has become costly for the "
                                  "adversary: compare -M c with its payoff from war."),
               "challenge, back down": N_("Would the patron really abandon at this commitment? "
                                          "Compute -D - R c.")}),
    Question(
        id="03-support-threshold", kind="number",
        answer=lambda: crisis_thresholds(**THRESHOLD_PAYOFFS)["support"],
        advice=N_("The patron supports when fighting costs less than abandoning: -W > -D - R c. "
                  "Solve for c."),
        hints={"5/6": N_("You left out D: abandoning costs the patron its stake in the protégé "
                         "as well as R c."),
               "7/6": N_("The patron's loss D makes abandoning worse, so it lowers the threshold: "
                         "check its sign.")}),
    Question(
        id="03-two-ally-equilibrium", kind="outcome",
        answer=lambda: _only(two_ally_game(**ALLIES_SETTING).pure_equilibria()),
        advice=N_("Each ally supports exactly when its fear of abandonment, a times its "
                  "dependence, exceeds the cost of entrapment e. Compute a·d for each ally."),
        hints={"(withhold, support)": N_("That is the usual pattern, but here the major ally is "
                                         "the more dependent one.")}),
]


# ----------------------------------------------------------------- variants (graded sets)
def _num(value: float) -> str:
    """A parameter as the question text writes it: 6, 0.5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _interior(p: dict) -> float:
    return best_commitment(L_A=p["L_A"], p_A=p["p_A"], L_E=p["L_E"], p_E=p["p_E"],
                           r0=p["r0"], k=p["k"], alpha=2, beta=2).c_star


def _path_at(p: dict) -> str:
    analysis = backward_induction(crisis_game(p["c"]))
    if not analysis.unique:
        raise RuntimeError(f"the crisis game at c = {p['c']} has several equilibria")
    return _PATHS[analysis.equilibria[0].path]


def _support(p: dict) -> float:
    return crisis_thresholds(patron_war_cost=p["W"], patron_defeat_loss=p["D"],
                             reputation_cost=p["R"])["support"]


def _allies(p: dict) -> tuple:
    return _only(two_ally_game(major_dependence=p["major"], minor_dependence=p["minor"],
                               entrapment_cost=p["e"], realignment=p["a"]).pure_equilibria())


def _problem(p: dict) -> str | None:
    c_star = best_commitment(L_A=p["L_A"], p_A=p["p_A"], L_E=p["L_E"], p_E=p["p_E"],
                             r0=p["r0"], k=p["k"], alpha=2, beta=2)
    if c_star.case != "interior":
        return "exercise 1 asks for an interior solution (0 < c* < 1)"
    if not 0 < _support(p) < 1:
        return "exercise 6 needs a support threshold between 0 and 1 ((W - D) / R)"
    if not backward_induction(crisis_game(p["c"])).unique:
        return "exercise 2 needs one subgame-perfect equilibrium (c away from the thresholds)"
    if len(two_ally_game(major_dependence=p["major"], minor_dependence=p["minor"],
                         entrapment_cost=p["e"], realignment=p["a"]).pure_equilibria()) != 1:
        return "exercise 3 needs one equilibrium (no ally indifferent)"
    return None


def _draw(rng) -> dict:
    """Parameters of a variant: round numbers, an interior c*, one equilibrium each."""
    while True:
        p = dict(L_A=rng.choice([4, 5, 6, 7, 8, 9, 10]), p_A=rng.choice([0.4, 0.5, 0.6]),
                 L_E=rng.choice([2, 3, 4, 5, 6]), p_E=rng.choice([0.4, 0.5, 0.6]),
                 r0=rng.choice([0.25, 0.5]), k=rng.choice([0.5, 1, 1.5]),
                 c=rng.choice([0.25, 0.4, 0.6, 0.75, 0.9]),
                 W=rng.choice([3, 4, 5, 6, 7]), D=rng.choice([1, 2, 3]),
                 R=rng.choice([4, 5, 6, 8, 10]),
                 major=rng.choice([0.3, 0.5, 0.7, 0.9]), minor=rng.choice([0.3, 0.5, 0.7, 0.9]),
                 e=rng.choice([0.2, 0.3, 0.4]), a=rng.choice([0.4, 0.5, 0.6, 0.8]))
        if _problem(p) is None and p != _DEFAULTS:
            return p


_DEFAULTS = dict(**{k: v for k, v in INTERIOR.items() if k not in ("alpha", "beta")},
                 c=CRISIS_COMMITMENT, W=THRESHOLD_PAYOFFS["patron_war_cost"],
                 D=THRESHOLD_PAYOFFS["patron_defeat_loss"], R=THRESHOLD_PAYOFFS["reputation_cost"],
                 major=ALLIES_SETTING["major_dependence"],
                 minor=ALLIES_SETTING["minor_dependence"],
                 e=ALLIES_SETTING["entrapment_cost"], a=ALLIES_SETTING["realignment"])

#: Exercises 1, 2, 3 and 6 have variants (``tools/make_nbgrader_source.py --seed N``).
VARIANTS = Variants(
    defaults=_DEFAULTS, draw=_draw, problem=_problem,
    answers={"03-interior-cstar": _interior, "03-crisis-path": _path_at,
             "03-two-ally-equilibrium": _allies, "03-support-threshold": _support},
    texts={
        "03-interior-cstar": lambda p: (
            f"with $L_A = {_num(p['L_A'])}$, $p_A = {_num(p['p_A'])}$, "
            f"$L_E = {_num(p['L_E'])}$, $p_E = {_num(p['p_E'])}$, $r_0 = {_num(p['r0'])}$ "
            f"and $k = {_num(p['k'])}$"),
        "03-crisis-path": lambda p: f"the patron's commitment is $c = {_num(p['c'])}$",
        "03-two-ally-equilibrium": lambda p: (
            f"let the major ally's dependence be {_num(p['major'])} and the minor ally's "
            f"{_num(p['minor'])}, with cost of entrapment $e = {_num(p['e'])}$ and ease of "
            f"realignment $a = {_num(p['a'])}$"),
        "03-support-threshold": lambda p: (
            f"the patron's cost of war is $W = {_num(p['W'])}$, its loss if the protégé is "
            f"defeated alone $D = {_num(p['D'])}$, and the reputation cost of breaking a full "
            f"commitment $R = {_num(p['R'])}$"),
    })
