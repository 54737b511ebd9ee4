"""The caveat explorer: why an ally sends troops but restricts their use.

Sliders for :class:`alliances.models.caveats.CaveatModel` (our formalization, built on the
commitment model of notebook 03): the credit the patron gives a restricted soldier, the
losses from entrapment and abandonment, and the cost of troops. The figure shows the
ally's best choice with caveats allowed and banned, and what each leaves the alliance in
usable troops; the sentence says it in words.
"""

from __future__ import annotations

from alliances.i18n import _, N_, number
from alliances.models.caveats import CaveatModel
from alliances.views.caveats import CaveatPlot
from alliances.widgets.base import ModelExplorer

__all__ = ["CaveatExplorer", "CAVEAT_PRESETS"]

#: Named starting points: changes from the default :class:`CaveatModel`.
CAVEAT_PRESETS: dict[str, dict[str, float]] = {
    N_("Default (credit 0.6)"): {},
    N_("2001: a shared cause (low entrapment)"): {"L_E": 2.0},
    N_("Counter-insurgency in the south (high entrapment)"): {"L_E": 16.0},
    N_("Patron counts only troops that fight (credit 0)"): {"credit": 0.0},
    N_("Patron counts flags (credit 1)"): {"credit": 1.0},
}

#: (parameter, label, minimum, maximum, step, tooltip)
_SLIDERS = (
    ("credit", N_("Credit for a restricted soldier"), 0.0, 1.0, 0.05,
     N_("The goodwill a soldier under caveats earns with the patron, as a share of a soldier "
        "who fights (0: only fighting troops count; 1: every flag counts)")),
    ("L_E", N_("Loss from entrapment L_E"), 0.0, 20.0, 0.5,
     N_("What being drawn into the patron's fight costs the ally: casualties, opinion at home")),
    ("L_A", N_("Loss from abandonment L_A"), 0.0, 20.0, 0.5,
     N_("What the ally loses if the patron turns away from the alliance: its dependence")),
    ("k", N_("Cost of troops k"), 0.0, 10.0, 0.25,
     N_("What sending its whole deployable force costs the ally")),
)


class CaveatExplorer(ModelExplorer):
    """Sliders for the caveat model; the ally's best choice and what the alliance gets.

    Parameters
    ----------
    model : CaveatModel, optional
        The starting point (default: the default model). The other parameters of its
        commitment model (``p_A``, ``p_E``, ``r0``, the curvatures, ``V``) stay fixed.

    Examples
    --------
    >>> explorer = CaveatExplorer()
    >>> round(explorer.comparison.allowed.caveats, 3)
    0.625
    >>> explorer.controls["credit"].value = 0.0
    >>> explorer.comparison.allowed.caveats, explorer.sentence[:36]
    (0.0, 'The ally sends 0.39 of its deployabl')
    >>> explorer.set_model(CaveatModel(credit=1.0))
    >>> explorer.comparison.allowed.caveats, explorer.preset.value
    (1.0, 'Patron counts flags (credit 1)')
    """

    MODEL = CaveatModel
    PLOT = CaveatPlot
    SLIDERS = _SLIDERS
    PRESETS = CAVEAT_PRESETS
    CSS_CLASS = "alliances-caveats"
    #: Two panels (the map with its colour bar, the bars): side by side where they fit, one
    #: under the other on a narrow screen.
    SPLIT_PANELS = True
    PRESET_WIDTH = "460px"

    @staticmethod
    def _value(model: CaveatModel, name: str) -> float:
        return model.credit if name == "credit" else getattr(model.commitment, name)

    def _show(self, model: CaveatModel) -> tuple[str, list[tuple[str, str]], str]:
        comparison = self.plot.update(model)
        self.comparison = comparison
        allowed, banned = comparison.allowed, comparison.banned
        rows = [
            (_("troops sent t* (caveats allowed)"), number(allowed.troops, ".3f")),
            (_("share under caveats q*"), number(allowed.caveats, ".3f")),
            (_("usable troops t*(1 - q*)"), number(allowed.usable, ".3f")),
            (_("troops sent, all usable (caveats banned): c*"), number(banned.c_star, ".3f")),
            (_("usable troops the caveats cost the alliance"),
             number(comparison.usable_lost, ".3f")),
            (_("what the freedom to restrict is worth to the ally"),
             number(comparison.ally_gain, ".3f")),
        ]
        m = model.commitment
        note = _("{explanation} Fixed: p_A = {p_A}, p_E = {p_E}, r0 = {r0}, alpha = {alpha}, "
                 "beta = {beta}. Our formalization, built on the commitment model of part 3; "
                 "not a model from the literature.").format(
                     explanation=allowed.explanation, p_A=number(m.p_A, "g"),
                     p_E=number(m.p_E, "g"), r0=number(m.r0, "g"), alpha=number(m.alpha, "g"),
                     beta=number(m.beta, "g"))
        return comparison.summary, rows, note

