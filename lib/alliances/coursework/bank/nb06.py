"""Questions of 06_nato_enlargement_russia: reassure or deter, enlargement, arms dynamics.

Every right answer is computed by the library: the reassure-or-deter model (our
formalization after Jervis and Kydd), the accession dates and the SIPRI series.
"""

from __future__ import annotations

from alliances import data
from alliances.cases.nato_russia import milex_series, reaction_fits
from alliances.i18n import N_
from alliances.coursework.exercises import Question
from alliances.models.reassurance import (bayesian_game, best_policy, reassurance_threshold,
                           simultaneous_threshold)

#: Exercise 1: the costs of the sequential game.
THRESHOLD_COSTS = dict(exploitation_cost=6.0, spiral_cost=1.5)
#: Exercise 2: a belief and two costs.
POLICY_SETTING = dict(q=0.35, exploitation_cost=4.0, spiral_cost=1.0)
#: Exercise 3: the simultaneous game's costs.
SIMULTANEOUS_COSTS = dict(exploitation_cost=5.0, spiral_cost=2.0, arming_cost=1.0)
#: Exercise 4: the simultaneous game against an adversary that is almost surely peaceful.
PEACEFUL = dict(q=0.05, exploitation_cost=5.0, spiral_cost=2.0, arming_cost=0.5)
#: Exercise 7: the period without the war years.
_PRE_WAR = "1993-2021 (before the full-scale invasion)"


#: Exercise 4's options: which of the two candidate equilibria are equilibria.
_EQUILIBRIUM_OPTIONS = ("only mutual reassurance", "only the spiral", "both", "neither")


def _peaceful_equilibria() -> str:
    found = set(bayesian_game(**PEACEFUL).pure_equilibria())
    reassure = ("Reassure", "Cooperate/Compete") in found
    spiral = ("Deter", "Compete/Compete") in found
    return {(True, False): "only mutual reassurance", (False, True): "only the spiral",
            (True, True): "both", (False, False): "neither"}[(reassure, spiral)]


def _members_after_1990() -> int:
    members = data.load("nato_accession_dates")
    return int((members["accession_date"].str[:4].astype(int) > 1990).sum())


def _spending_ratio() -> float:
    frame = milex_series(1993, 2024)
    return float(frame.loc[2024, "nato_europe"] / frame.loc[2024, "russia"])


def _pre_war_interval() -> str:
    fit = next(f for f in reaction_fits() if f.period == _PRE_WAR)
    return "excludes zero" if fit.russia.significant("k") else "includes zero"


QUESTIONS: list[Question] = [
    Question(
        id="06-threshold", kind="number",
        answer=lambda: reassurance_threshold(**THRESHOLD_COSTS),
        advice=N_("Reassuring is worth -q × (cost of being exploited); deterring is worth -(cost "
                  "of a spiral). Set them equal and solve for q."),
        hints={"4": N_("That is the cost of being exploited divided by the cost of a spiral: "
                       "the threshold is the other way round, and a probability is at most 1.")}),
    Question(
        id="06-best-policy", kind="choice", options=("Reassure", "Deter", "Either"),
        answer=lambda: best_policy(**POLICY_SETTING),
        advice=N_("Compute both expected values: reassuring is worth -q × 4, deterring -1. "
                  "Which is larger (less negative)?"),
        hints={"reassure": N_("Reassuring is worth -0.35 × 4 = -1.4, which is worse than -1: "
                              "the threshold here is 1/4, and q is above it.")}),
    Question(
        id="06-simultaneous-threshold", kind="number",
        answer=lambda: simultaneous_threshold(**SIMULTANEOUS_COSTS),
        advice=N_("In the equilibrium of mutual reassurance the security seeker cooperates and "
                  "the greedy type competes. The defender keeps reassuring while q × (e - s) is "
                  "at most (1 - q) × a; solve the equality for q."),
        hints={"2/5": N_("That is the threshold of the sequential game, s/e. In the simultaneous "
                         "game the cost of needless arming matters too.")}),
    Question(
        id="06-peaceful-equilibria", kind="choice", options=_EQUILIBRIUM_OPTIONS,
        answer=_peaceful_equilibria,
        advice=N_("Each type best-responds to the defender's policy: the seeker cooperates with a "
                  "reassurer and competes with a deterrer; the greedy type always competes. Then "
                  "check the defender in each of the two candidate pairs at q = 0.05."),
        hints={"only mutual reassurance": N_("Check the spiral too: if the defender deters, the "
                                             "seeker competes; against two competing types, is "
                                             "deterring (-2) better than reassuring (-5)?"),
               "only the spiral": N_("Against a seeker that cooperates and a greedy type that "
                                     "competes, reassuring loses 0.05 x 5; deterring loses "
                                     "0.95 x 0.5 + 0.05 x 2. Compare.")}),
    Question(
        id="06-members-after-1990", kind="number", tolerance=0.5,
        answer=_members_after_1990,
        advice=N_("Count the rows of nato_accession_dates whose accession date is after 1990 "
                  "(the figure's top panel shows the rounds)."),
        hints={"14": N_("Did you count Finland (2023) and Sweden (2024)?"),
               "20": N_("That is 32 members minus the 12 founders: four joined before 1990 "
                        "(Greece, Türkiye, Germany, Spain).")}),
    Question(
        id="06-spending-ratio", kind="number", tolerance=0.01,
        answer=_spending_ratio,
        advice=N_("Divide NATO Europe's 2024 spending by Russia's, both from milex_series() (US$ "
                  "billion at constant 2023 prices). Give two decimals.")),
    Question(
        id="06-prewar-interval", kind="choice", options=("excludes zero", "includes zero"),
        answer=_pre_war_interval,
        advice=N_("Look at Russia's reaction coefficient k for 1993-2021 in the table of fits: "
                  "does its 95 % interval contain 0?"),
        hints={"excludes zero": N_("That is true of 1993-2024. Without the war years 2022-2024 "
                                   "the interval is much wider.")}),
]
