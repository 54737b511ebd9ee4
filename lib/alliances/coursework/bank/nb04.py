"""Questions of 04_case_ukraine: the aid data, the calibrated commitment model, the tank game.

Every right answer is computed from the data files and the models the notebook uses.
"""

from __future__ import annotations

import pandas as pd

from alliances import data
from alliances.i18n import N_
from alliances.coursework.exercises import Question
from alliances.cases.ukraine import aid_by_group, largest_month, military_share, monthly_aid
from alliances.cases.ukraine_dilemma import reproducing_region, tank_game


def _months() -> tuple[str, ...]:
    """Every month the tracker covers, 'YYYY-MM', read from the data file's period."""
    aid = data.load("kiel_ukraine_aid_by_donor")
    months = pd.period_range(aid["period_start"].min(), aid["period_end"].max(), freq="M")
    return tuple(str(m) for m in months)


def _peak_military_month() -> str:
    return largest_month(monthly_aid(aid_type="military")).month


def _no_fly_threshold() -> float:
    _, high = reproducing_region("no-fly zone", 0.1)
    return float(high[0])


QUESTIONS: list[Question] = [
    Question(
        id="04-military-share", kind="number", tolerance=0.005,
        answer=lambda: military_share("Germany"),
        advice=N_("Divide Germany's military aid by its total aid (military + financial + "
                  "humanitarian), both from aid_by_donor(). Give a share such as 0.5 or '50%'."),
        hints={"4/5": N_("Close: check the third decimal, or give the share as a percentage "
                         "with one decimal.")}),
    Question(
        id="04-peak-military-month", kind="label", options=_months(),
        answer=_peak_military_month,
        advice=N_("Use monthly_aid(aid_type='military') and find the month with the largest "
                  "value (largest_month does it). Write the month as 'YYYY-MM', for example "
                  "'2022-03'."),
        hints={"2023-01": N_("January 2023 is close, but another month is slightly larger: "
                             "compute it rather than reading it off the figure."),
               "2024-10": N_("October 2024 has the largest allocation of all kinds together, "
                             "but most of it is financial. The question asks about military "
                             "aid.")}),
    Question(
        id="04-nato-members-military-share", kind="number", tolerance=0.005,
        answer=lambda: float(aid_by_group().loc["NATO member", "military_share"]),
        advice=N_("Add up the military aid of all donors that are NATO members and divide by "
                  "their total aid (aid_by_group() does both). The EU institutions are not a "
                  "NATO member.")),
    Question(
        id="04-tank-equilibria", kind="outcomes",
        answer=lambda: tank_game().pure_equilibria(),
        advice=N_("Check each of the four cells: would Germany, or the United States, gain by "
                  "changing its own choice alone? Remember that each ally ranks 'both send' "
                  "highest and 'I send alone' lowest. List every equilibrium, Germany's choice "
                  "first."),
        hints={"(wait, wait)": N_("Yes, waiting is a best reply to waiting (2 against 1). But "
                                  "is it the only equilibrium? Check the cell where both send."),
               "(send tanks, send tanks)": N_("Yes, sending is a best reply to sending (4 "
                                              "against 3). But is it the only equilibrium? "
                                              "Check the cell where both wait.")}),
    Question(
        id="04-no-fly-threshold", kind="number", tolerance=0.5,
        answer=_no_fly_threshold,
        advice=N_("The model takes the last step, c = 1, when the marginal utility at c = 1 is "
                  "not negative: p_A L_A >= 3 L_E p_E + k with the course's assumptions "
                  "(alpha = 1, beta = 3). Solve for L_A with p_E = 0.1."),
        hints={"10": N_("That is the threshold with no escalation risk at all (p_E = 0)."),
               "30": N_("Check the escalation term: its derivative at c = 1 carries the "
                        "factor beta = 3."),
               "35": N_("Check the abandonment term: the loss L_A counts with the probability "
                        "p_A = 0.5.")}),
]
