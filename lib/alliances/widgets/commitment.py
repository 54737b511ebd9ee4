"""The commitment explorer: feel the trade-off between abandonment and entrapment.

Sliders for the parameters of :class:`alliances.models.commitment.CommitmentModel` (our
formalization of Snyder's secondary dilemma); the figure shows both risk curves, EU(c)
and the best commitment c*, and the sentence says which fear dominates and why.
"""

from __future__ import annotations

from alliances.i18n import _, N_, number
from alliances.models.commitment import CommitmentModel
from alliances.views.commitment import CommitmentPlot
from alliances.widgets.base import ModelExplorer

__all__ = ["CommitmentExplorer"]

#: Named starting points: parameter changes from the default model.
_PRESETS: dict[str, dict[str, float]] = {
    N_("Default (interior c*)"): {},
    N_("Linear (alpha = beta = 1)"): {"alpha": 1.0, "beta": 1.0, "k": 0.5},
    N_("Dependent state, cautious ally"): {"L_A": 16.0, "L_E": 6.0, "r0": 0.1},
    N_("Reckless ally's quarrel"): {"L_A": 6.0, "L_E": 16.0, "r0": 0.05},
    N_("Multipolar: the ally can realign"): {"p_A": 0.8},
    N_("Bipolar: the guarantee is assured"): {"p_A": 0.1},
}

#: (parameter, label, minimum, maximum, step, tooltip)
_SLIDERS = (
    ("L_A", N_("Loss from abandonment L_A"), 0.0, 20.0, 0.5,
     N_("How much the state loses if the ally defects or realigns: its dependence on the ally")),
    ("L_E", N_("Loss from entrapment L_E"), 0.0, 20.0, 0.5,
     N_("How much the state loses if it is dragged into the ally's quarrel")),
    ("r0", N_("Ally's recklessness r0"), 0.0, 1.0, 0.05,
     N_("How much risk the ally takes even with no commitment from us")),
    ("k", N_("Cost of commitment k"), 0.0, 10.0, 0.25,
     N_("Forces and money that full commitment costs")),
    ("alpha", N_("Curvature of abandonment alpha"), 0.25, 5.0, 0.25,
     N_("Above 1: a small commitment already removes most of the abandonment risk")),
    ("beta", N_("Curvature of entrapment beta"), 0.25, 5.0, 0.25,
     N_("Above 1: the ally grows reckless mostly near full commitment")),
    ("p_A", N_("Ally's chance to defect p_A"), 0.0, 1.0, 0.05,
     N_("Probability that the ally defects or realigns if we do not commit at all (high when "
        "it has somewhere else to go)")),
)


class CommitmentExplorer(ModelExplorer):
    """Sliders for the commitment model; both risk curves, EU(c), c* and the dominant fear.

    Parameters
    ----------
    model : CommitmentModel, optional
        The starting parameters (default: the default model). Its ``p_E`` and ``V`` stay
        fixed; the other parameters have sliders, bounded so that every position is valid.

    Examples
    --------
    >>> explorer = CommitmentExplorer()
    >>> round(explorer.result.c_star, 3)
    0.5
    >>> explorer.controls["L_A"].value = 20
    >>> explorer.result.c_star > 0.5, explorer.result.dominant_fear
    (True, 'abandonment')
    >>> explorer.sentence.startswith("Fear of abandonment dominates")
    True
    >>> explorer.set_model(CommitmentModel(alpha=1, beta=1, k=0))
    >>> explorer.result.c_star
    1.0
    """

    MODEL = CommitmentModel
    PLOT = CommitmentPlot
    SLIDERS = _SLIDERS
    PRESETS = _PRESETS
    CSS_CLASS = "alliances-commitment"
    FIGSIZE = (6.4, 4.2)

    def _adjust_plot(self) -> None:
        # A shorter label than the plot's own: in this shorter figure the long one would
        # reach the upper panel, and each update would have to redraw both panels.
        self.plot.axes[1].set_ylabel(_("utility EU(c)"))

    def _show(self, model: CommitmentModel) -> tuple[str, list[tuple[str, str]], str]:
        result = self.plot.update(model)
        self.result = result
        rows = [
            (_("best commitment c*"), _(" and ").join(number(m, ".3f")
                                                      for m in result.maximisers)
             if len(result.maximisers) > 1 else number(result.c_star, ".3f")),
            (_("expected utility EU(c*)"), number(result.expected_utility, ".3f")),
            (_("abandonment risk P_A(c*)"), number(result.abandonment_risk, ".3f")),
            (_("entrapment risk P_E(c*)"), number(result.entrapment_risk, ".3f")),
            (_("what full commitment removes: L_A p_A"), number(result.abandonment_stake, ".3f")),
            (_("what full commitment adds: L_E p_E (1 - r0)"),
             number(result.entrapment_stake, ".3f")),
            (_("method"), _(result.method)),
        ]
        note = _("Fixed: p_E = {p_E}, V = {V}. Our formalization of Snyder (1984), not a model "
                 "from his article.").format(p_E=number(model.p_E, "g"), V=number(model.V, "g"))
        return result.explanation, rows, note
