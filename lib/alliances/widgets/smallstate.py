"""The small-state widget: threat, patron reliability, entrapment and trade -> best choice."""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from alliances.i18n import _, N_, number

from alliances.widgets.render import LayeredRenderer
from alliances.models.smallstate import OPTIONS, SMALL_STATE_PRESETS, SmallState
from alliances.views.smallstate import SmallStatePlot
from alliances.widgets.base import LiveFigure

__all__ = ["SmallStateExplorer"]

#: One slider per parameter: (name, label, tooltip).
_SLIDERS = (
    ("threat", N_("Threat from A"),
     N_("Expected damage A does to a small state facing it alone")),
    ("reliability", N_("Patron B's reliability"),
     N_("Probability that B comes to help (1 - risk of abandonment)")),
    ("entrapment", N_("Entrapment risk"),
     N_("Expected cost of being dragged into the patron's war when fully aligned")),
    ("trade", N_("Gain from trade (each)"), N_("Gain from trading with one great power")),
)
#: Names the widget shows that come from the model (its options and presets), marked here
#: so that they are translated where shown; the model keeps them as identifiers.
_MODEL_NAMES = (
    N_("Align with A"), N_("Align with B"), N_("Stay out"), N_("Hedge"),
    N_("Cold War ally: big threat, reliable patron"),
    N_("Bebas-aktif: moderate threat, trade with both"),
    N_("Hedging: threat rising, patron half-reliable"),
    N_("No patron to trust: bandwagon"),
)


class SmallStateExplorer(LiveFigure):
    """Move four parameters; see the small state's best choice (our formalization).

    Left: the best option across threat and patron reliability, the other two parameters
    as set, with the current point as a star and the equilibria of the game with patron B
    as diamonds (the chances of honouring B would choose). Right: the payoff of each
    option, the best one hatched. The models are
    :func:`alliances.models.smallstate.best_choice` and
    :func:`alliances.models.smallstate.patron_equilibria`; the summary sentence names both.

    Parameters
    ----------
    model : SmallState, optional
        Starting values (default ``SmallState()``).

    Examples
    --------
    >>> widget = SmallStateExplorer()
    >>> print(widget.sentence)
    Best choice: Stay out (payoff 0.20). Game with patron B, infinitely many equilibria: \
Stay out while B honours with any probability from 0.00 to 1.00.
    >>> widget.sliders["threat"].value = 0.8
    >>> widget.sentence.startswith("Best choice: Hedge")
    True
    >>> widget.preset.value = "No patron to trust: bandwagon"
    >>> widget.sentence.split(" Game")[0]
    'Best choice: Align with A (payoff -0.25).'
    """

    #: Two panels: side by side where they fit, one under the other on a narrow screen.
    SPLIT_PANELS = True

    def __init__(self, model: SmallState | None = None) -> None:
        super().__init__()
        if model is not None and not isinstance(model, SmallState):
            raise TypeError(_("model must be a {expected} or None; got {given}").format(
                expected="SmallState", given=type(model).__name__))
        model = SmallState() if model is None else model
        self._initial = model
        self.sliders: dict[str, widgets.FloatSlider] = {}
        for name, label, tip in _SLIDERS:
            slider = widgets.FloatSlider(value=getattr(model, name), min=0.0, max=1.0,
                                         step=0.05, description=_(label), tooltip=_(tip),
                                         readout_format=".2f",
                                         style={"description_width": "15em"},
                                         layout=widgets.Layout(width="34em"))
            slider.add_class("alliances-control")
            slider.add_class(f"alliances-{name}")
            slider.observe(self._changed, names="value")
            self.sliders[name] = slider
        bar = self._preset_bar(SMALL_STATE_PRESETS, width="430px",
                               tooltip=_("Back to the values this explorer started with"))
        question = widgets.HTML(
            "<p style='margin:0'><b>" + html.escape(_("Question:")) + "</b> " + html.escape(_(
                "raise the threat from A with the patron at 0.6 reliability: when does "
                "staying out stop paying, and what replaces it? Then lower the reliability: "
                "when does bandwagoning win? (Our formalization; payoffs in units of the "
                "damage A can do.)")) + "</p>")
        self.plot = SmallStatePlot(model)
        self.figure = self.plot.axes[0].figure
        self._renderer = LayeredRenderer(self.figure, [self.plot.map_artists(),
                                                       self.plot.point_artists()])
        self.choice = None
        self._finish([question, bar, *self.sliders.values()], "alliances-smallstate")

    def _model(self) -> SmallState:
        return self._initial.replace(**{n: float(s.value) for n, s in self.sliders.items()})

    def _preset_controls(self) -> dict[str, widgets.FloatSlider]:
        return self.sliders

    def _render_pixels(self) -> np.ndarray:
        # the map layer is kept as pixels while entrapment and trade stay the same
        return self._renderer.pixels([self.plot.map_key, None])

    def _update(self) -> tuple[str, str]:
        model = self._model()
        choice = self.plot.update(model)
        self.choice = choice
        rows = "".join(f"<tr><td>{html.escape(_(name))}</td>"
                       f"<td>{number(choice.values[name], '.3f')}</td></tr>" for name in OPTIONS)
        graded = _("Best degree of alignment with B on the graded scale: h* = {h} (0 = stay "
                   "out, 1 = full alliance).").format(h=number(choice.h_star, ".2f"))
        option, payoff = html.escape(_("option")), html.escape(_("payoff"))
        details = (f"<table class='alliances-table'><tr><th>{option}</th><th>{payoff}</th></tr>"
                   f"{rows}</table><p><small>{html.escape(graded)}</small></p>")
        return f"{choice.sentence()} {self.plot.game.sentence()}", details
