"""The commitment explorer: feel the trade-off between abandonment and entrapment.

Sliders for the parameters of :class:`alliances.commitment.CommitmentModel` (our
formalization of Snyder's secondary dilemma); the figure shows both risk curves, EU(c)
and the best commitment c*, and the sentence says which fear dominates and why.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..commitment import CommitmentModel, CommitmentPlot
from ._layers import LayeredRenderer
from .base import LiveFigure

__all__ = ["CommitmentExplorer", "COMMITMENT_PRESETS"]

#: Named starting points: parameter changes from the default model.
COMMITMENT_PRESETS: dict[str, dict[str, float]] = {
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


class CommitmentExplorer(LiveFigure):
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
    """

    def __init__(self, model: CommitmentModel | None = None) -> None:
        super().__init__()
        model = CommitmentModel() if model is None else model
        if not isinstance(model, CommitmentModel):
            raise TypeError(f"model must be a CommitmentModel or None; got "
                            f"{type(model).__name__}")
        self._initial = model
        self._syncing = False
        self.controls: dict[str, widgets.FloatSlider] = {}
        for name, label, low, high, step, tip in _SLIDERS:
            value = getattr(model, name)
            if not low <= value <= high:
                raise ValueError(f"model.{name} must lie in [{low}, {high}], the range of its "
                                 f"slider; got {value}")
            slider = widgets.FloatSlider(
                value=value, min=low, max=high, step=step, description=label,
                tooltip=tip, readout_format=".2f", continuous_update=True,
                style={"description_width": "230px"}, layout=widgets.Layout(width="520px"))
            slider.add_class("alliances-control")
            slider.observe(self._changed, names="value")
            self.controls[name] = slider
        self.preset = widgets.Dropdown(options=[*COMMITMENT_PRESETS, "Custom"],
                                       value="Default (interior c*)" if model ==
                                       CommitmentModel() else "Custom",
                                       description="Preset",
                                       layout=widgets.Layout(width="380px"))
        self.preset.add_class("alliances-control")
        self.preset.add_class("alliances-preset")
        self.preset.observe(self._preset_chosen, names="value")
        self.reset = widgets.Button(description="Reset", icon="undo",
                                    tooltip="Back to the parameters this explorer started with")
        self.reset.add_class("alliances-control")
        self.reset.add_class("alliances-reset")
        self.reset.on_click(lambda _: self.set_model(self._initial))
        self.plot = CommitmentPlot(model)
        self.figure = self.plot.axes[0].figure
        # Axes, ticks and legend are drawn once and reused; only the curves move.
        self._renderer = LayeredRenderer(self.figure, self.plot.dynamic_artists())
        self.model = model
        self.result = self.plot.result
        self._finish([widgets.HBox([self.preset, self.reset]), *self.controls.values()],
                     "alliances-commitment")

    def _changed(self, _: object) -> None:
        if not self._syncing:
            self.preset.unobserve(self._preset_chosen, names="value")
            try:
                self.preset.value = "Custom"
            finally:
                self.preset.observe(self._preset_chosen, names="value")
            self.refresh()

    def _preset_chosen(self, change: dict) -> None:
        if change["new"] == "Custom":
            return
        self.set_model(CommitmentModel().replace(**COMMITMENT_PRESETS[change["new"]]),
                       preset=change["new"])

    def set_model(self, model: CommitmentModel, preset: str | None = None) -> None:
        """Move every slider to ``model``'s parameters, then update once.

        Examples
        --------
        >>> explorer = CommitmentExplorer()
        >>> explorer.set_model(CommitmentModel(alpha=1, beta=1, k=0))
        >>> explorer.result.c_star
        1.0
        """
        if not isinstance(model, CommitmentModel):
            raise TypeError(f"model must be a CommitmentModel; got {type(model).__name__}")
        if preset is not None and (not isinstance(preset, str)
                                   or preset not in self.preset.options):
            raise ValueError(f"preset must be one of {list(self.preset.options)} or None; got "
                             f"{preset!r}")
        self._syncing = True
        try:
            for name, slider in self.controls.items():
                slider.value = getattr(model, name)
            self.preset.unobserve(self._preset_chosen, names="value")
            try:
                self.preset.value = preset if preset is not None else (
                    "Default (interior c*)" if model == CommitmentModel() else "Custom")
            finally:
                self.preset.observe(self._preset_chosen, names="value")
        finally:
            self._syncing = False
        self.refresh()

    def _render_png(self) -> bytes:
        return self._renderer.render()

    def _update(self) -> tuple[str, str]:
        values = {name: float(slider.value) for name, slider in self.controls.items()}
        model = self._initial.replace(**values)
        result = self.plot.update(model)
        self.model, self.result = model, result
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
        table = "".join(f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
                        for a, b in rows)
        details = (f"<table class='alliances-table'>{table}</table><p><small>Fixed: p_E = "
                   f"{model.p_E:g}, V = {model.V:g}. Our formalization of Snyder (1984), "
                   "not a model from his article.</small></p>")
        return result.explanation, details
