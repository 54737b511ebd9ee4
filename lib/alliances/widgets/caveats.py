"""The caveat explorer: why an ally sends troops but restricts their use.

Sliders for :class:`alliances.caveats.CaveatModel` (our formalization, built on the
commitment model of notebook 03): the credit the patron gives a restricted soldier, the
losses from entrapment and abandonment, and the cost of troops. The figure shows the
ally's best choice with caveats allowed and banned, and what each leaves the alliance in
usable troops; the sentence says it in words.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..caveats import CaveatModel, CaveatPlot
from ._layers import LayeredRenderer
from .base import LiveFigure

__all__ = ["CaveatExplorer", "CAVEAT_PRESETS"]

#: Named starting points: changes from the default :class:`CaveatModel`.
CAVEAT_PRESETS: dict[str, dict[str, float]] = {
    "Default (credit 0.6)": {},
    "2001: a shared cause (low entrapment)": {"L_E": 2.0},
    "Counter-insurgency in the south (high entrapment)": {"L_E": 16.0},
    "Patron counts only troops that fight (credit 0)": {"credit": 0.0},
    "Patron counts flags (credit 1)": {"credit": 1.0},
}

#: (parameter, label, minimum, maximum, step, tooltip)
_SLIDERS = (
    ("credit", "Credit for a restricted soldier", 0.0, 1.0, 0.05,
     "The goodwill a soldier under caveats earns with the patron, as a share of a soldier "
     "who fights (0: only fighting troops count; 1: every flag counts)"),
    ("L_E", "Loss from entrapment L_E", 0.0, 20.0, 0.5,
     "What being drawn into the patron's fight costs the ally: casualties, opinion at home"),
    ("L_A", "Loss from abandonment L_A", 0.0, 20.0, 0.5,
     "What the ally loses if the patron turns away from the alliance: its dependence"),
    ("k", "Cost of troops k", 0.0, 10.0, 0.25,
     "What sending its whole deployable force costs the ally"),
)


class CaveatExplorer(LiveFigure):
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
    """

    def __init__(self, model: CaveatModel | None = None) -> None:
        super().__init__()
        model = CaveatModel() if model is None else model
        if not isinstance(model, CaveatModel):
            raise TypeError(f"model must be a CaveatModel or None; got {type(model).__name__}")
        self._initial = model
        self._syncing = False
        self.controls: dict[str, widgets.FloatSlider] = {}
        for name, label, low, high, step, tip in _SLIDERS:
            value = _value(model, name)
            if not low <= value <= high:
                raise ValueError(f"model's {name} must lie in [{low}, {high}], the range of "
                                 f"its slider; got {value}")
            slider = widgets.FloatSlider(
                value=value, min=low, max=high, step=step, description=label, tooltip=tip,
                readout_format=".2f", continuous_update=True,
                style={"description_width": "230px"}, layout=widgets.Layout(width="520px"))
            slider.add_class("alliances-control")
            slider.observe(self._changed, names="value")
            self.controls[name] = slider
        self.preset = widgets.Dropdown(options=[*CAVEAT_PRESETS, "Custom"],
                                       value=self._preset_name(model), description="Preset",
                                       layout=widgets.Layout(width="460px"))
        self.preset.add_class("alliances-control")
        self.preset.add_class("alliances-preset")
        self.preset.observe(self._preset_chosen, names="value")
        self.reset = widgets.Button(description="Reset", icon="undo",
                                    tooltip="Back to the parameters this explorer started with")
        self.reset.add_class("alliances-control")
        self.reset.add_class("alliances-reset")
        self.reset.on_click(lambda _: self.set_model(self._initial))
        self.plot = CaveatPlot(model)
        self.figure = self.plot.axes[0].figure
        # Axes, colour bar and legends are drawn once; only the map, markers and bars move.
        self._renderer = LayeredRenderer(self.figure, self.plot.dynamic_artists())
        self.model = model
        self.comparison = self.plot.comparison
        self._finish([widgets.HBox([self.preset, self.reset]), *self.controls.values()],
                     "alliances-caveats")

    @staticmethod
    def _preset_name(model: CaveatModel) -> str:
        for name, changes in CAVEAT_PRESETS.items():
            if CaveatModel().replace(**changes) == model:
                return name
        return "Custom"

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
        self.set_model(CaveatModel().replace(**CAVEAT_PRESETS[change["new"]]),
                       preset=change["new"])

    def set_model(self, model: CaveatModel, preset: str | None = None) -> None:
        """Move every slider to ``model``'s parameters, then update once.

        Examples
        --------
        >>> explorer = CaveatExplorer()
        >>> explorer.set_model(CaveatModel(credit=1.0))
        >>> explorer.comparison.allowed.caveats, explorer.preset.value
        (1.0, 'Patron counts flags (credit 1)')
        """
        if not isinstance(model, CaveatModel):
            raise TypeError(f"model must be a CaveatModel; got {type(model).__name__}")
        choices = [*CAVEAT_PRESETS, "Custom"]
        if preset is not None and not isinstance(preset, str):
            raise TypeError(f"preset must be one of {choices} or None; got "
                            f"{type(preset).__name__} {preset!r:.60}")
        if preset is not None and preset not in choices:
            raise ValueError(f"preset must be one of {choices} or None; got {preset!r:.60}")
        self._syncing = True
        try:
            for name, slider in self.controls.items():
                slider.value = _value(model, name)
            self.preset.unobserve(self._preset_chosen, names="value")
            try:
                self.preset.value = preset if preset is not None else self._preset_name(model)
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
        comparison = self.plot.update(model)
        self.model, self.comparison = model, comparison
        allowed, banned = comparison.allowed, comparison.banned
        rows = [
            ("troops sent t* (caveats allowed)", f"{allowed.troops:.3f}"),
            ("share under caveats q*", f"{allowed.caveats:.3f}"),
            ("usable troops t*(1 - q*)", f"{allowed.usable:.3f}"),
            ("troops sent, all usable (caveats banned): c*", f"{banned.c_star:.3f}"),
            ("usable troops the caveats cost the alliance", f"{comparison.usable_lost:.3f}"),
            ("what the freedom to restrict is worth to the ally", f"{comparison.ally_gain:.3f}"),
        ]
        table = "".join(f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
                        for a, b in rows)
        m = model.commitment
        details = (f"<table class='alliances-table'>{table}</table><p><small>"
                   f"{html.escape(allowed.explanation)} Fixed: p_A = {m.p_A:g}, p_E = "
                   f"{m.p_E:g}, r0 = {m.r0:g}, alpha = {m.alpha:g}, beta = {m.beta:g}. Our "
                   "formalization, built on the commitment model of part 3; not a model from "
                   "the literature.</small></p>")
        return comparison.summary, details


def _value(model: CaveatModel, name: str) -> float:
    return model.credit if name == "credit" else getattr(model.commitment, name)
