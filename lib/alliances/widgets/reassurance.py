"""The reassure-or-deter widget: belief about the adversary and costs -> best policy."""

from __future__ import annotations

import html

import ipywidgets as widgets
from matplotlib.figure import Figure

from alliances._validation import check_real
from alliances.i18n import _, N_, number
from alliances.models.reassurance import (bayesian_game, best_policy, policy_values, reassurance,
                           reassurance_threshold, simultaneous_threshold)
from alliances.views.reassurance import PolicyValuePlot
from alliances.widgets.render import LayeredRenderer
from alliances.widgets.base import LiveFigure

__all__ = ["ReassuranceExplorer", "PRESETS"]

#: Named presets: (q, exploitation cost, spiral cost, arming cost).
PRESETS: dict[str, tuple[float, float, float, float]] = {
    N_("Spiral world: adversary probably a security seeker"): (0.1, 5.0, 2.0, 0.5),
    N_("Deterrence world: adversary probably greedy"): (0.7, 5.0, 2.0, 0.5),
    N_("Being exploited is catastrophic"): (0.2, 10.0, 1.5, 0.5),
    N_("A spiral is as bad as being exploited"): (0.6, 4.0, 4.0, 0.5),
}

_SLIDERS = (("q", N_("Belief adversary greedy (q)"), 0.0, 1.0, 0.01, ".2f",
             N_("Probability the defender gives to the adversary being greedy")),
            ("exploitation_cost", N_("Cost of being exploited"), 0.5, 10.0, 0.5, ".1f",
             N_("What the defender loses if it reassures and the adversary competes")),
            ("spiral_cost", N_("Cost of a spiral"), 0.5, 10.0, 0.5, ".1f",
             N_("What the defender loses if both compete")),
            ("arming_cost", N_("Cost of needless arming"), 0.0, 5.0, 0.25, ".2f",
             N_("What the defender loses if it deters an adversary that cooperates")))
#: The policies' names (identifiers of the model), marked to be translated where shown.
_POLICY_NAMES = (N_("Reassure"), N_("Deter"), N_("Either"))


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
        for name, _label, low, high, *_rest in _SLIDERS:
            check_real(values[name], name, minimum=low, maximum=high)
        style = {"description_width": "17em"}
        layout = widgets.Layout(width="36em")
        self.sliders: dict[str, widgets.FloatSlider] = {}
        for name, label, low, high, step, fmt, tip in _SLIDERS:
            slider = widgets.FloatSlider(value=values[name], min=low, max=high, step=step,
                                         description=_(label), readout_format=fmt,
                                         style=style, layout=layout, tooltip=_(tip))
            slider.add_class("alliances-control")
            slider.add_class(f"alliances-{name.replace('_', '-')}")
            slider.observe(self._changed, names="value")
            self.sliders[name] = slider
        names = [name for name, *_rest in _SLIDERS]
        bar = self._preset_bar({world: dict(zip(names, p)) for world, p in PRESETS.items()},
                               description=_("World"), width="auto")
        self.figure = Figure(figsize=(7.0, 4.2), dpi=100, layout="constrained")
        self.plot = PolicyValuePlot(start, self.figure.add_subplot(), ylim=(-10.5, 0.8))
        self._renderer = LayeredRenderer(self.figure, [self.plot.artists()])
        note = widgets.HTML("<p style='margin:0'>" + html.escape(_(
            "Move q, the believed probability that the adversary is greedy: where does "
            "reassurance stop paying, and what moves that point? The payoffs are our "
            "formalization after Jervis (1976) and Kydd (1997).")) + "</p>")
        self._finish([note, *self.sliders.values(), bar], "alliances-reassurance")

    def _current(self) -> tuple[float, ...]:
        return tuple(self.sliders[name].value for name, *_rest in _SLIDERS)

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
            sentence = _("Either: at q = {q} reassuring and deterring are worth the same "
                         "({value}).").format(q=number(q, ".2f"),
                                              value=number(values["Deter"], "g"))
        else:
            other = "Deter" if best == "Reassure" else "Reassure"
            sentence = (_("{policy}: at q = {q} it is worth {value} against {other}; "
                          "reassurance pays below q* = {threshold}.") if star < 1 else
                        _("{policy}: at q = {q} it is worth {value} against {other}; "
                          "reassurance pays at every q.")).format(
                policy=_(best), q=number(q, ".2f"), value=number(values[best], ".2f"),
                other=number(values[other], ".2f"), threshold=number(star, ".2f"))
        equilibria = bayesian_game(q, e, s, a).pure_equilibria()
        rows = "".join(f"<tr><td>{html.escape(p)}</td><td>{html.escape(r)}</td></tr>"
                       for p, r in equilibria)
        sequential = _("Sequential game (the defender moves first and is seen): reassure is "
                       "worth −q × {e} = {reassure}, deter −{s}; threshold q* = {s}/{e} = "
                       "{threshold}.").format(e=number(e, "g"), s=number(s, "g"),
                                              reassure=number(values["Reassure"], ".2f"),
                                              threshold=number(star, ".2f"))
        simultaneous = _("Simultaneous game: mutual reassurance is an equilibrium for q up to "
                         "{limit}. Pure equilibria at q = {q} (the adversary's strategy reads "
                         "security seeker/greedy):").format(limit=number(sim, ".2f"),
                                                            q=number(q, ".2f"))
        nato, russia = html.escape(_("NATO")), html.escape(_("Russia"))
        details = (f"<p>{html.escape(sequential)}</p>"
                   f"<p>{html.escape(simultaneous, quote=False)}</p>"
                   f"<table><tr><th>{nato}</th><th>{russia}</th></tr>{rows}</table>")
        return sentence, details
