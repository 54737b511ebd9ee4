"""The Jervis widget: offence advantage and distinguishability -> game family and p*."""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from alliances._validation import check_real
from alliances.i18n import _, N_, number
from alliances.models.jervis import WORLDS, jervis_plane, offence_defence_game
from alliances.views.family_map import FamilyMapPlot
from alliances.views.jervis import ThresholdPlot, world_labels
from alliances.widgets.render import LayeredRenderer
from alliances.widgets.base import LiveFigure

__all__ = ["JervisWidget"]

#: Named presets: the four worlds at the corners of the plane.
PRESETS: dict[str, tuple[float, float]] = {
    f"World {k}: {verdict.split(';')[0].split(',')[0]}": (1.0 if offence else -1.0,
                                                          1.0 if distinguishable else 0.0)
    for k, (offence, distinguishable, verdict) in WORLDS.items()}
#: The names PRESETS computes, marked here so that they are translated where shown.
_PRESET_NAMES = (N_("World 1: doubly dangerous"), N_("World 2: security dilemma"),
                 N_("World 3: no security dilemma"), N_("World 4: doubly stable"))


class JervisWidget(LiveFigure):
    """Move offence advantage and distinguishability; see the game family and p*.

    Left: the offence-defence plane coloured by the family of the game it gives (our
    illustrative formalization, :func:`alliances.models.jervis.offence_defence_game`), with
    Jervis's four worlds in the corners and the current point as a star. Right: the
    expected payoff of cooperating and of defecting against the belief p that the other
    cooperates, and the threshold p*.

    Parameters
    ----------
    offence : float
        Starting offence advantage, -1 (defence has the advantage) to 1, in steps of 0.1.
    distinguishability : float
        Starting distinguishability of postures, 0 to 1, in steps of 0.05.

    Examples
    --------
    >>> widget = JervisWidget(offence=1, distinguishability=0)
    >>> widget.sentence.startswith("World 1")
    True
    >>> widget.offence.value = -1.0
    >>> widget.threshold.text.get_text()
    'p* = 1/2'
    """

    #: Two panels: side by side where they fit, one under the other on a narrow screen.
    SPLIT_PANELS = True

    def __init__(self, offence: float = 0.5, distinguishability: float = 0.0) -> None:
        super().__init__()
        o = check_real(offence, "offence", minimum=-1, maximum=1)
        d = check_real(distinguishability, "distinguishability", minimum=0, maximum=1)
        style = {"description_width": "11em"}
        layout = widgets.Layout(width="30em")
        self.offence = widgets.FloatSlider(value=o, min=-1.0, max=1.0, step=0.1,
                                           description=_("Offence advantage"),
                                           readout_format=".1f", style=style, layout=layout,
                                           tooltip=_("-1: defence has the advantage; +1: "
                                                     "offence has the advantage"))
        self.distinguishability = widgets.FloatSlider(
            value=d, min=0.0, max=1.0, step=0.05, description=_("Distinguishability"),
            readout_format=".2f", style=style, layout=layout,
            tooltip=_("0: offensive and defensive postures look alike; 1: clearly different"))
        bar = self._preset_bar({name: {"offence": o, "distinguishability": d}
                                for name, (o, d) in PRESETS.items()}, description=_("Jump to"),
                               width="auto", tooltip=_("Back to the starting point"))
        self.world = self.preset
        for control, name in ((self.offence, "alliances-offence"),
                              (self.distinguishability, "alliances-distinguishability")):
            control.add_class("alliances-control")
            control.add_class(name)
            control.observe(self._changed, names="value")
        self.figure = Figure(figsize=(9.6, 3.8), dpi=100, layout="constrained")
        left, right = self.figure.subplots(1, 2, width_ratios=[1.3, 1])
        self.plane = FamilyMapPlot(jervis_plane(o, d), left, legend=False, markers=False)
        self.plane.prepare_layers()
        self._worlds = world_labels(left)
        self.threshold = ThresholdPlot(offence_defence_game(o, d).threshold, right,
                                       ylim=(-2.5, 4.6))
        self._renderer = LayeredRenderer(
            self.figure, [[*self.plane.map_artists(), *self._worlds],
                          [*self.threshold.artists(), self.plane.point]])
        note = widgets.HTML("<p style='margin:0'>" + html.escape(_(
            "Offence advantage runs from −1 (defence has the advantage) to +1 (offence has "
            "it); distinguishability from 0 (postures look alike) to 1 (clearly different). "
            "The mapping to payoffs is our illustrative formalization.")) + "</p>")
        self._finish([note, self.offence, self.distinguishability, bar], "alliances-jervis")

    def _preset_controls(self) -> dict[str, widgets.FloatSlider]:
        return {"offence": self.offence, "distinguishability": self.distinguishability}

    def _render_pixels(self) -> np.ndarray:
        return self._renderer.pixels([("plane",), None])

    def _update(self) -> tuple[str, str]:
        o, d = self.offence.value, self.distinguishability.value
        world = offence_defence_game(o, d)
        self.plane.update(jervis_plane(o, d))
        self.threshold.update(world.threshold)
        cells = "".join(f"<td>{number(getattr(world, k), 'g')}</td>" for k in "TRPS")
        intro = _("First-strike index z = {z}. Payoffs (our formalization): ").format(
            z=number(world.index, "g"))
        details = (f"<p>{html.escape(intro)}</p><table><tr><th>T = DC</th><th>R = CC</th>"
                   f"<th>P = DD</th><th>S = CD</th></tr><tr>{cells}</tr></table>"
                   f"<p>{html.escape(world.threshold.formula)}</p>")
        return world.sentence(), details
