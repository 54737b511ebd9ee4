"""The reassure-or-deter widget: belief about the adversary and costs -> best policy."""

from __future__ import annotations

import html

import ipywidgets as widgets
from matplotlib.figure import Figure

from alliances._validation import check_real
from alliances.models.reassurance import (bayesian_game, best_policy, policy_values, reassurance,
                           reassurance_threshold, simultaneous_threshold)
from alliances.views.reassurance import PolicyValuePlot
from alliances.widgets.render import LayeredRenderer
from alliances.widgets.base import LiveFigure

__all__ = ["ReassuranceExplorer", "PRESETS"]

#: Named presets: (q, exploitation cost, spiral cost, arming cost).
PRESETS: dict[str, tuple[float, float, float, float]] = {
    "Spiral world: adversary probably a security seeker": (0.1, 5.0, 2.0, 0.5),
    "Deterrence world: adversary probably greedy": (0.7, 5.0, 2.0, 0.5),
    "Being exploited is catastrophic": (0.2, 10.0, 1.5, 0.5),
    "A spiral is as bad as being exploited": (0.6, 4.0, 4.0, 0.5),
}

_SLIDERS = (("q", "Belief adversary greedy (q)", 0.0, 1.0, 0.01, ".2f",
             "Probability the defender gives to the adversary being greedy"),
            ("exploitation_cost", "Cost of being exploited", 0.5, 10.0, 0.5, ".1f",
             "What the defender loses if it reassures and the adversary competes"),
            ("spiral_cost", "Cost of a spiral", 0.5, 10.0, 0.5, ".1f",
             "What the defender loses if both compete"),
            ("arming_cost", "Cost of needless arming", 0.0, 5.0, 0.25, ".2f",
             "What the defender loses if it deters an adversary that cooperates"))


class ReassuranceExplorer(LiveFigure):
    """Move the belief q and the three costs; see which policy pays and the equilibria.

    The figure shows the expected value of reassuring and of deterring against q when the
    defender moves first and is seen (our formalization after Jervis and Kydd,
    :mod:`alliances.models.reassurance`); the details give the pure equilibria of the simultaneous
    game from the course's solver.

    Parameters
    ----------
    q : float
        Starting belief that the adversary is greedy, 0 to 1.
    exploitation_cost, spiral_cost : float
        Starting costs, 0.5 to 10.
    arming_cost : float
        Starting cost of needless arming, 0 to 5.

    Examples
    --------
    >>> widget = ReassuranceExplorer(q=0.1)
    >>> widget.sentence.split(":")[0]
    'Reassure'
    >>> widget.sliders["q"].value = 0.7
    >>> widget.sentence.split(":")[0]
    'Deter'
    >>> ReassuranceExplorer(q=2)
    Traceback (most recent call last):
    ...
    alliances.InputError: q must be <= 1; got 2.0
    """

    def __init__(self, q: float = 0.3, exploitation_cost: float = 5.0, spiral_cost: float = 2.0,
                 arming_cost: float = 0.5) -> None:
        super().__init__()
        start = reassurance(q, exploitation_cost, spiral_cost, arming_cost)
        values = {"q": start.q, "exploitation_cost": start.exploitation_cost,
                  "spiral_cost": start.spiral_cost, "arming_cost": start.arming_cost}
        for name, _, low, high, *_ in _SLIDERS:
            check_real(values[name], name, minimum=low, maximum=high)
        style = {"description_width": "13em"}
        layout = widgets.Layout(width="32em")
        self.sliders: dict[str, widgets.FloatSlider] = {}
        for name, label, low, high, step, fmt, tip in _SLIDERS:
            slider = widgets.FloatSlider(value=values[name], min=low, max=high, step=step,
                                         description=label, readout_format=fmt, style=style,
                                         layout=layout, tooltip=tip)
            slider.add_class("alliances-control")
            slider.add_class(f"alliances-{name.replace('_', '-')}")
            slider.observe(self._changed, names="value")
            self.sliders[name] = slider
        names = [name for name, *_ in _SLIDERS]
        bar = self._preset_bar({world: dict(zip(names, p)) for world, p in PRESETS.items()},
                               description="World", width="auto")
        self.figure = Figure(figsize=(7.0, 4.2), dpi=100, layout="constrained")
        self.plot = PolicyValuePlot(start, self.figure.add_subplot(), ylim=(-10.5, 0.8))
        self._renderer = LayeredRenderer(self.figure, [self.plot.artists()])
        note = widgets.HTML("<p style='margin:0'>Move q, the believed probability that the "
                            "adversary is greedy: where does reassurance stop paying, and what "
                            "moves that point? The payoffs are our formalization after Jervis "
                            "(1976) and Kydd (1997).</p>")
        self._finish([note, *self.sliders.values(), bar], "alliances-reassurance")

    def _current(self) -> tuple[float, ...]:
        return tuple(self.sliders[name].value for name, *_ in _SLIDERS)

    def _preset_controls(self) -> dict[str, widgets.FloatSlider]:
        return self.sliders

    def _update(self) -> tuple[str, str]:
        q, e, s, a = self._current()
        model = reassurance(q, e, s, a)
        self.plot.update(model)
        values = policy_values(q, e, s)
        best = best_policy(q, e, s)
        star = reassurance_threshold(e, s)
        sim = simultaneous_threshold(e, s, a)
        if best == "Either":
            sentence = (f"Either: at q = {q:.2f} reassuring and deterring are worth the same "
                        f"({values['Deter']:g}).")
        else:
            other = "Deter" if best == "Reassure" else "Reassure"
            where = (f"reassurance pays below q* = {star:.2f}" if star < 1
                     else "reassurance pays at every q")
            sentence = (f"{best}: at q = {q:.2f} it is worth {values[best]:.2f} against "
                        f"{values[other]:.2f}; {where}.")
        equilibria = bayesian_game(q, e, s, a).pure_equilibria()
        rows = "".join(f"<tr><td>{html.escape(p)}</td><td>{html.escape(r)}</td></tr>"
                       for p, r in equilibria)
        details = (f"<p>Sequential game (the defender moves first and is seen): reassure is "
                   f"worth −q × {e:g} = {values['Reassure']:.2f}, deter −{s:g}; threshold "
                   f"q* = {s:g}/{e:g} = {star:.2f}.</p>"
                   f"<p>Simultaneous game: mutual reassurance is an equilibrium for q up to "
                   f"{sim:.2f}. Pure equilibria at q = {q:.2f} (the adversary's strategy "
                   f"reads security seeker/greedy):</p>"
                   f"<table><tr><th>NATO</th><th>Russia</th></tr>{rows}</table>")
        return sentence, details
