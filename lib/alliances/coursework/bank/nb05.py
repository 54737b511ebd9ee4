"""Questions of 05_case_afghanistan: ISAF troop shares, Olson and Zeckhauser on troops,
deaths per 1,000 troops, the caveat model and NATO spending after the withdrawal.

Every right answer is computed from the course's data files and models, never typed in.
"""

from __future__ import annotations

from alliances.cases.afghanistan import deaths_per_thousand, troop_share, troops_vs_gdp
from alliances.cases.nato_spending import spending_series
from alliances.models.caveats import CaveatModel
from alliances.i18n import N_
from alliances.coursework.exercises import Question

_PERCENT_HINT = N_("That looks like a percentage. Give the share as a fraction of the total, "
                   "such as 0.25, or write it with a per cent sign, such as '25%'.")


def _germany_rate() -> float:
    table = deaths_per_thousand("2009-10-01").set_index("country")
    return float(table.loc["Germany", "per_1000"])


def _aggregate_change() -> float:
    series = spending_series(["NATO Europe and Canada"])["NATO Europe and Canada"]
    return float(series[2024] - series[2021])


QUESTIONS: list[Question] = [
    Question(
        id="05-share-poland-2009", kind="number", tolerance=0.0005,
        answer=lambda: troop_share("Poland", "2009-10-01"),
        advice=N_("Divide Poland's troops on 1 October 2009 by the ISAF total on that date (the "
                  "sum of every nation's troops at that snapshot), not by another snapshot's "
                  "total or by the American contingent."),
        hints={"3": _PERCENT_HINT, "299/100": _PERCENT_HINT}),
    Question(
        id="05-spearman-2010", kind="number", tolerance=0.01,
        answer=lambda: troops_vs_gdp("2010-11").result.rho,
        advice=N_("Rank the Allies of the November 2010 snapshot by real GDP (2012) and by "
                  "troops per US$ billion of GDP, not by troops alone, and correlate the two "
                  "rankings; troops_vs_gdp does it for you. Mind the sign.")),
    Question(
        id="05-germany-deaths-per-1000", kind="number", tolerance=0.1,
        answer=_germany_rate,
        advice=N_("Divide Germany's deaths over the whole war (2001-2021) by its troops in "
                  "ISAF on 1 October 2009, then multiply by 1,000.")),
    Question(
        id="05-usable-troops", kind="number", tolerance=0.002,
        answer=lambda: CaveatModel(credit=0.75).best().usable,
        advice=N_("Usable troops are the troops sent times the share free of caveats, "
                  "t*(1 - q*). Set the credit slider to 0.75 and leave the others at their "
                  "defaults, or use CaveatModel(credit=0.75).best().")),
    Question(
        id="05-europe-spending-change", kind="number", tolerance=0.005,
        answer=_aggregate_change,
        advice=N_("Take NATO's aggregate 'NATO Europe and Canada' (defence spending as % of GDP, "
                  "August 2025 release) in 2024 and subtract its value in 2021; the answer is in "
                  "percentage points of GDP.")),
]
