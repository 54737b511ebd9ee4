"""Questions of 01_alliance_costs: Nash contributions, the corner, efficiency, the data.

Every right answer is computed from the model or the data file the notebook uses.
"""

from __future__ import annotations

from alliances.models.burden import corner_income, nash_equilibrium
from alliances.cases.nato_burden import sipri_test
from alliances.cases.nato_spending import allies_at_or_above
from alliances.i18n import N_
from alliances.coursework.exercises import Question, Variants

#: The two allies of exercises 1 and 6: alpha = 0.2, incomes 10 and 9.
ALPHA, INCOMES = 0.2, (10.0, 9.0)


def _sign(value: float) -> str:
    return "positive" if value > 0 else "negative" if value < 0 else "zero"


def _count(year: int) -> int:
    counts = allies_at_or_above(2.0)
    return int(counts.loc[counts["year"] == year, "count"].item())


QUESTIONS: list[Question] = [
    Question(
        id="01-nash-contribution", kind="number",
        answer=lambda: nash_equilibrium(ALPHA, INCOMES).contributions[1],
        advice=N_("Check first that both allies contribute (is Y\u2082 above "
                  "(1 \u2212 \u03b1) Y\u2081?), "
                  "then use x\u2082 = (Y\u2082 \u2212 (1 \u2212 \u03b1) Y\u2081) / "
                  "(2 \u2212 \u03b1)."),
        hints={"14/9": N_("That is ally 1's contribution; the question asks for ally "
                          "2's."),
               "9/5": N_("That is what ally 2 would spend alone (\u03b1 Y\u2082). In "
                         "equilibrium it counts on ally 1's spending and cuts its own."),
               "0": N_("Ally 2 pays nothing only if its income is at most (1 \u2212 \u03b1) times "
                       "ally 1's. Is it?")}),
    Question(
        id="01-corner-income", kind="number",
        answer=lambda: corner_income(ALPHA, INCOMES[0]),
        advice=N_("The small ally pays nothing when its best response to the large ally's "
                  "stand-alone spending \u03b1 Y\u2081 is zero: solve "
                  "\u03b1 Y\u2082 \u2212 (1 \u2212 \u03b1) \u03b1 Y\u2081 = 0 for Y\u2082."),
        hints={"2": N_("That is ally 1's stand-alone spending, \u03b1 Y\u2081, not an income.")}),
    Question(
        id="01-efficient-total", kind="number",
        answer=lambda: nash_equilibrium(ALPHA, INCOMES).efficient_total,
        advice=N_("With these preferences every efficient allocation provides \u03b1 times the "
                  "allies' total income, whoever pays."),
        hints={"19/9": N_("That is the Nash total, which falls short of the efficient one.")}),
    Question(
        id="01-sign-1964", kind="choice", options=("positive", "negative", "zero"),
        answer=lambda: _sign(sipri_test(1964).result.rho),
        advice=N_("Olson and Zeckhauser predict that larger allies carry a larger burden: "
                  "what sign does that give a rank correlation between size and burden? "
                  "Then look at the scatter of section 3.1.")),
    Question(
        id="01-count-2018", kind="number",
        answer=lambda: _count(2018),
        advice=N_("Count the Allies whose value in the 2018 column is 2.00 or more, at the "
                  "file's full precision: allies_at_or_above() does it for every year."),
        hints={"5": N_("One Ally was at 1.996 %: that rounds to 2.00 % in a published table, "
                       "but it is below the guideline.")}),
]


# ----------------------------------------------------------------- variants (graded sets)
def _num(value: float) -> str:
    """A parameter as the question text writes it: 10, 0.2."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _problem(p: dict) -> str | None:
    if not 0 < p["alpha"] < 1:
        return "alpha must lie strictly between 0 and 1"
    if not (1 - p["alpha"]) * p["Y1"] < p["Y2"] < p["Y1"]:
        return "exercise 1 needs both allies to contribute: (1 - alpha) Y1 < Y2 < Y1"
    return None


def _draw(rng) -> dict:
    """Round numbers with both allies contributing, not the notebook's own."""
    while True:
        p = dict(alpha=rng.choice([0.1, 0.2, 0.25, 0.3, 0.4]),
                 Y1=rng.choice([8, 10, 12, 15, 20]), Y2=rng.choice(range(5, 20)))
        if _problem(p) is None and p != _DEFAULTS:
            return p


_DEFAULTS = dict(alpha=ALPHA, Y1=INCOMES[0], Y2=INCOMES[1])

#: Exercises 1, 5 and 6 have variants (``tools/make_nbgrader_source.py --seed N``).
VARIANTS = Variants(
    defaults=_DEFAULTS, draw=_draw, problem=_problem,
    answers={
        "01-nash-contribution":
            lambda p: nash_equilibrium(p["alpha"], (p["Y1"], p["Y2"])).contributions[1],
        "01-corner-income": lambda p: corner_income(p["alpha"], p["Y1"]),
        "01-efficient-total":
            lambda p: nash_equilibrium(p["alpha"], (p["Y1"], p["Y2"])).efficient_total,
    },
    texts={
        "01-nash-contribution": lambda p: (
            f"Two allies have incomes $Y_1 = {_num(p['Y1'])}$ and $Y_2 = {_num(p['Y2'])}$ and "
            f"the same weight of security $\\alpha = {_num(p['alpha'])}$."),
        "01-corner-income": lambda p: (
            f"Take $\\alpha = {_num(p['alpha'])}$ and $Y_1 = {_num(p['Y1'])}$, as in "
            "exercise 1."),
    })
