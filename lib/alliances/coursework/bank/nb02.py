"""Questions of 02_primary_dilemma: families, p*, discount thresholds, many states.

Every right answer is computed from the same models the notebook shows.
"""

from __future__ import annotations

from alliances.models.classification import FAMILIES, classify
from alliances.i18n import N_
from alliances.coursework.exercises import Question
from alliances.models.games import alliance_formation_game, symmetric_game
from alliances.models.jervis import cooperation_threshold
from alliances.models.nstate import PRESET_PARAMETERS, equilibrium_allies, formation_payoffs
from alliances.models.repeated import grim_trigger_threshold, tit_for_tat_threshold

#: The games of the exercises, as the notebook states them.
EXPANSIONIST = dict(T=4, R=2, P=3, S=1)            # exercise 1: blocs preferred to abstention
SWAPPED = dict(T=4, R=3, P=1, S=2)                 # exercise 2: the alliance game, P and S swapped
STAG_HUNT = dict(CC=6, CD=0, DC=4, DD=3)           # exercise 3
REPEATED = dict(T=6, R=4, P=1, S=0)                # exercises 4 and 5
_BUFFERS = "buffers: some stay out"                 # exercise 6


def _only(values: list) -> object:
    if len(values) != 1:
        raise RuntimeError(f"the question expects one answer, the model gives {values}")
    return values[0]


def _p_star() -> float:
    result = cooperation_threshold(**STAG_HUNT)
    if result.p_star is None:
        raise RuntimeError(f"the exercise game has no threshold: {result.message}")
    return result.p_star


def _buffer_allies() -> int:
    model = formation_payoffs(**PRESET_PARAMETERS[_BUFFERS])
    return _only([e.allies for e in equilibrium_allies(model.ally, model.abstain)])


QUESTIONS: list[Question] = [
    Question(
        id="02-family", kind="label", options=tuple(FAMILIES),
        answer=lambda: classify(symmetric_game(**EXPANSIONIST)).family,
        advice=N_("Write the ranking of T, R, P and S, then ask: does each state have a dominant "
                  "strategy? Is the outcome it leads to worse for both than another one?"),
        hints={"prisoner's dilemma": N_("Compare R and P: here two rival blocs (P) beat general "
                                        "abstention (R), so the equilibrium is not worse for both "
                                        "than abstaining."),
               "harmony": N_("Harmony needs the equilibrium to be each side's best outcome; is "
                             "(Ally, Ally) worth T to anyone?")}),
    Question(
        id="02-swap-equilibria", kind="outcomes",
        answer=lambda: alliance_formation_game(**SWAPPED).pure_equilibria(),
        advice=N_("Check every cell: is each state's choice a best response to the other's? With "
                  "P below S, allying is no longer a best response to allying."),
        hints={"(ally, ally)": N_("That was the equilibrium before the swap. Now, if the other "
                                  "allies, compare P and S."),
               "(abstain, ally)": N_("That is one of them, but not the only one."),
               "(ally, abstain)": N_("That is one of them, but not the only one.")}),
    Question(
        id="02-p-star", kind="number", answer=_p_star,
        advice=N_("p* = (DD − CD) / [(CC − DC) + (DD − CD)]: the fear of being exploited on "
                  "top, the fear plus the reward of restraint below."),
        hints={"2/5": N_("You put the reward of restraint, CC − DC, on top; p* puts the fear "
                         "term, DD − CD, on top.")}),
    Question(
        id="02-grim", kind="number",
        answer=lambda: grim_trigger_threshold(**REPEATED),
        advice=N_("Compare abstaining for ever, R/(1 − δ), with allying once and being punished "
                  "for ever after, T + δP/(1 − δ), and solve for δ."),
        hints={"1/3": N_("The denominator is T − P, not T."),
               "1/2": N_("That is the tit-for-tat threshold of exercise 5; grim trigger only has "
                         "to deter defecting for ever.")}),
    Question(
        id="02-tit-for-tat", kind="number",
        answer=lambda: tit_for_tat_threshold(**REPEATED),
        advice=N_("Against tit-for-tat, check two deviations: defecting for ever (T, P, P, ...) "
                  "and alternating (T, S, T, S, ...). The threshold is the larger of the two."),
        hints={"2/5": N_("That deters defecting for ever; check the alternating deviation "
                         "T, S, T, S, ... too.")}),
    Question(
        id="02-buffers", kind="number", answer=_buffer_allies, tolerance=0,
        advice=N_("An allied state sees one fewer other ally than an abstaining state. Find the "
                  "number m of allies at which allies do not want to abstain (look at k = m − 1) "
                  "and abstainers do not want to ally (look at k = m)."),
        hints={"2": N_("With 2 allies, an abstaining state sees k = 2: does allying pay more "
                       "there?"),
               "4": N_("With 4 allies, an allied state sees k = 3 others: does abstaining pay "
                       "more there?")}),
]
