"""Questions of 07_small_states_southeast_asia: the small state's choice and the data.

Every right answer is computed from the library: the small-state model (our
formalization, :mod:`alliances.models.smallstate`) and SIPRI's data
(:mod:`alliances.cases.southeast_asia`).
"""

from __future__ import annotations

from alliances.i18n import N_
from alliances.coursework.exercises import Question
from alliances.models.smallstate import OPTIONS, SmallState, best_choice
from alliances.cases.southeast_asia import burden_groups, follows_china, share_of_gdp

#: Exercise 1: the default explorer (reliability 0.6, entrapment 0.3, trade 0.3).
_STAY_OUT = dict(reliability=0.6, entrapment=0.3, trade=0.3)
#: Exercises 2 and 3: the "Hedging" preset.
_HEDGING = dict(threat=0.8, reliability=0.6, entrapment=0.3, trade=0.3)
#: Exercises 3 and 4: a great threat and a weak patron.
_NO_PATRON = dict(threat=0.9, entrapment=0.1, trade=0.3)
#: NATO's 2% guideline, for exercise 7.
_NATO_GUIDELINE = 2.0


def _switch(name: str, fixed: dict[str, float], parameter: str, start: str) -> float:
    """The value of ``parameter`` (in [0, 1]) at which the best choice stops being
    ``start``, by bisection on :func:`best_choice` (to 1e-9)."""
    def is_start(x: float) -> bool:
        return best_choice(SmallState(**fixed, **{parameter: x})).name == start
    low, high = 0.0, 1.0
    if not is_start(low) or is_start(high):
        raise RuntimeError(f"{name}: expected {start!r} at {parameter} = 0 and not at 1")
    while high - low > 1e-9:
        mid = (low + high) / 2
        low, high = (mid, high) if is_start(mid) else (low, mid)
    return (low + high) / 2


def _china_answer() -> str:
    changes = follows_china().changes
    if changes.pvalue >= 0.05:
        return "no clear link"
    return "rises with China" if changes.rho > 0 else "falls as China rises"


QUESTIONS: list[Question] = [
    Question(
        id="07-stay-out-threshold", kind="number", tolerance=0.01,
        answer=lambda: _switch("07-stay-out-threshold", _STAY_OUT, "threat", "Stay out"),
        advice=N_("Staying out stops paying when the first bit of alignment with B gains more "
                  "than it costs: the marginal gain is threat x reliability, the marginal cost "
                  "the trade lost with A. Move the threat slider and watch the star cross the "
                  "boundary."),
        hints={"3/10": N_("0.3 is the gain from trade; the threat must be large enough that "
                         "threat x reliability exceeds it."),
               "9/50": N_("That multiplies instead of dividing: solve threat x 0.6 = 0.3.")}),
    Question(
        id="07-hedge-degree", kind="number", tolerance=0.01,
        answer=lambda: best_choice(SmallState(**_HEDGING)).h_star,
        advice=N_("Set the derivative of EU(h) to zero: threat x reliability - trade = "
                  "2 x entrapment x h, and solve for h."),
        hints={"3/5": N_("Entrapment is entrapment x h squared: its derivative carries a 2."),
               "1": N_("Full alignment would pay only if threat x reliability - trade were at "
                       "least 2 x entrapment.")}),
    Question(
        id="07-bandwagon-choice", kind="choice", options=OPTIONS,
        answer=lambda: best_choice(SmallState(**_NO_PATRON, reliability=0.1)).name,
        advice=N_("Compute every payoff: bandwagoning pays trade - threat/2 - entrapment; "
                  "staying out 2 x trade - threat; a full alliance with B trade - threat x (1 - "
                  "reliability) - entrapment; then check whether any hedging beats staying out."),
        hints={"stay out": N_("Staying out leaves the whole threat (0.9) on the small state; "
                              "the threatening power's client bears only half of it."),
               "align with b": N_("A patron that comes one time in ten removes little of the "
                                  "threat, and the alliance still costs trade and entrapment.")}),
    Question(
        id="07-reliability-switch", kind="number", tolerance=0.01,
        answer=lambda: _switch("07-reliability-switch", _NO_PATRON, "reliability",
                               "Align with A"),
        advice=N_("Bandwagoning pays -0.25 whatever B does. Raise the reliability slider until "
                  "the best graded choice (stay out, hedge or align with B) pays more."),
        hints={"1/2": N_("Aligning fully with B beats bandwagoning when reliability > 1/2, but "
                         "hedging or staying out may beat it earlier: compare with the best "
                         "graded option, not only with full alignment.")}),
    Question(
        id="07-china-changes", kind="choice",
        options=("rises with China", "no clear link", "falls as China rises"),
        answer=_china_answer,
        advice=N_("Levels share a common trend (both grew), so their correlation says little. "
                  "Look at the rank correlation of the annual changes and its p-value."),
        hints={"rises with china": N_("That is true of the levels (rho near 1), but the annual "
                                      "changes are what tests 'when China spends more, the "
                                      "region spends more'.")}),
    Question(
        id="07-burden-pvalue", kind="number", tolerance=0.001,
        answer=lambda: burden_groups().pvalue,
        advice=N_("List the 6 ways to split the four median burdens into two pairs; the "
                  "p-value is the share of splits whose difference of means is at least the "
                  "observed one (allies minus non-aligned)."),
        hints={"1/6": N_("1/6 is the smallest p-value two against two can give, reached only "
                           "if both allies are above both non-aligned states. Is Malaysia "
                           "below the allies?")}),
    Question(
        id="07-indonesia-gap", kind="number", tolerance=0.005,
        answer=lambda: _NATO_GUIDELINE - share_of_gdp("Indonesia", 2024),
        advice=N_("SIPRI gives Indonesia's 2024 spending as a share of GDP; subtract it from "
                  "NATO's 2% guideline (in percentage points)."),
        hints={"39/50": N_("That is Indonesia's share itself; the question asks for the gap "
                           "to 2%.")}),
]
