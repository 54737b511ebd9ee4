"""The commitment explorer: feel the trade-off between abandonment and entrapment.

Sliders for the parameters of :class:`alliances.models.commitment.CommitmentModel` (our
formalization of Snyder's secondary dilemma); the figure shows both risk curves, EU(c)
and the best commitment c*, and the sentence says which fear dominates and why.
"""

from __future__ import annotations

from alliances.models.commitment import CommitmentModel
from alliances.views.commitment import CommitmentPlot
from alliances.widgets.base import ModelExplorer

__all__ = ["CommitmentExplorer"]

#: Named starting points: parameter changes from the default model.
_PRESETS: dict[str, dict[str, float]] = {
    "Default (interior c*)": {},
    "Linear (alpha = beta = 1)": {"alpha": 1.0, "beta": 1.0, "k": 0.5},
    "Dependent state, cautious ally": {"L_A": 16.0, "L_E": 6.0, "r0": 0.1},
    "Reckless ally's quarrel": {"L_A": 6.0, "L_E": 16.0, "r0": 0.05},
    "Multipolar: the ally can realign": {"p_A": 0.8},
    "Bipolar: the guarantee is assured": {"p_A": 0.1},
}

#: (parameter, label, minimum, maximum, step, tooltip)
_SLIDERS = (
    ("L_A", "Loss from abandonment L_A", 0.0, 20.0, 0.5,
     "How much the state loses if the ally defects or realigns: its dependence on the ally"),
    ("L_E", "Loss from entrapment L_E", 0.0, 20.0, 0.5,
     "How much the state loses if it is dragged into the ally's quarrel"),
    ("r0", "Ally's recklessness r0", 0.0, 1.0, 0.05,
     "How much risk the ally takes even with no commitment from us"),
    ("k", "Cost of commitment k", 0.0, 10.0, 0.25,
     "Forces and money that full commitment costs"),
    ("alpha", "Curvature of abandonment alpha", 0.25, 5.0, 0.25,
     "Above 1: a small commitment already removes most of the abandonment risk"),
    ("beta", "Curvature of entrapment beta", 0.25, 5.0, 0.25,
     "Above 1: the ally grows reckless mostly near full commitment"),
    ("p_A", "Ally's chance to defect p_A", 0.0, 1.0, 0.05,
     "Probability that the ally defects or realigns if we do not commit at all (high when it "
     "has somewhere else to go)"),
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
        self.plot.axes[1].set_ylabel("utility EU(c)")

    def _show(self, model: CommitmentModel) -> tuple[str, list[tuple[str, str]], str]:
        result = self.plot.update(model)
        self.result = result
        rows = [
            ("best commitment c*", " and ".join(f"{m:.3f}" for m in result.maximisers)
             if len(result.maximisers) > 1 else f"{result.c_star:.3f}"),
            ("expected utility EU(c*)", f"{result.expected_utility:.3f}"),
            ("abandonment risk P_A(c*)", f"{result.abandonment_risk:.3f}"),
            ("entrapment risk P_E(c*)", f"{result.entrapment_risk:.3f}"),
            ("what full commitment removes: L_A p_A", f"{result.abandonment_stake:.3f}"),
            ("what full commitment adds: L_E p_E (1 - r0)", f"{result.entrapment_stake:.3f}"),
            ("method", result.method),
        ]
        note = (f"Fixed: p_E = {model.p_E:g}, V = {model.V:g}. Our formalization of Snyder "
                "(1984), not a model from his article.")
        return result.explanation, rows, note
