"""Join or stay out: sliders for the threat, strengths and costs, and the region plot.

The model is :func:`alliances.models.formation.join_decision` (our formalization of the
capability-aggregation view and of Morrow's 1991 autonomy-security trade-off); the
widget only wires the sliders to it and shows the decision, the reason and where the
current state lies on the map of threat against a second parameter.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import ipywidgets as widgets
from matplotlib.figure import Figure

from alliances._validation import short_repr, check_real
from alliances.i18n import _, N_, number
from alliances.models.formation import DEFAULTS, PARAMETERS, PRESETS, join_decision
from alliances.views.formation import JoinRegionPlot
from alliances.widgets.render import LayeredRenderer
from alliances.widgets.base import LiveFigure

__all__ = ["JoinOrStayOut"]

#: Names the widget shows that come from the model (slider labels, presets, the terms of
#: the net benefit), marked here so that they are translated where shown; the model keeps
#: them as identifiers.
_MODEL_NAMES = (
    N_("threat: chance of a challenge"), N_("own strength (adversary = 1)"),
    N_("allies' strength (adversary = 1)"), N_("weight on security, w"),
    N_("autonomy gained (+) or lost (\u2212)"), N_("entrapment risk"),
    N_("spending obligation"),
    N_("Small state facing a threat"), N_("Major power (gains autonomy)"),
    N_("Distant state, low threat"),
    N_("security"), N_("entrapment"), N_("autonomy"), N_("spending"),
)


def _check_slider_values(params: object) -> dict[str, float]:
    """Known parameters, each a number within its slider's range, or an error."""
    if not isinstance(params, Mapping):
        raise TypeError(_("params must be a dict of parameters such as {example}; got "
                          "{kind} {given}").format(example="{'threat': 0.5}",
                                                   kind=type(params).__name__,
                                                   given=short_repr(params)))
    unknown = sorted(str(k) for k in set(params) - set(PARAMETERS))
    if unknown:
        raise ValueError(_("params: unknown parameter(s) {unknown}; the parameters are "
                           "{known}").format(unknown=unknown, known=list(PARAMETERS)))
    checked = {}
    for name, value in params.items():
        _label, low, high, _step = PARAMETERS[name]
        checked[name] = check_real(value, name, minimum=low, maximum=high)
    return checked


def _check_y_name(y_name: object) -> None:
    allowed = [name for name in PARAMETERS if name != "threat"]
    if not isinstance(y_name, str) or y_name not in allowed:
        raise ValueError(_("y_name must be one of {allowed}; got {given}").format(
            allowed=allowed, given=short_repr(y_name)))


class JoinOrStayOut(LiveFigure):
    """Sliders for a state's situation; the decision, why, and the region where joining pays.

    Parameters
    ----------
    params : dict, optional
        Starting values (names of :data:`alliances.models.formation.PARAMETERS`; missing ones
        take :data:`alliances.models.formation.DEFAULTS`), within the sliders' ranges.
    y_name : str
        The parameter on the region plot's vertical axis (the horizontal one is the
        threat).

    Examples
    --------
    >>> widget = JoinOrStayOut()
    >>> widget.decision.decision
    'join'
    >>> widget.sliders["threat"].value = 0.1
    >>> widget.decision.decision
    'stay out'
    >>> widget.y_axis.value = "spending"
    >>> widget.plot.ax.get_ylabel()
    'spending obligation'
    """

    def __init__(self, params: dict[str, float] | None = None,
                 y_name: str = "own_strength") -> None:
        super().__init__()
        values = dict(DEFAULTS)
        values.update(_check_slider_values({} if params is None else params))
        _check_y_name(y_name)
        choices = [(_(label), name) for name, (label, *_rest) in PARAMETERS.items()
                   if name != "threat"]
        style = {"description_width": "17em"}
        layout = widgets.Layout(width="38em")
        self.sliders: dict[str, widgets.FloatSlider] = {}
        for name, (label, low, high, step) in PARAMETERS.items():
            slider = widgets.FloatSlider(value=values[name], min=low, max=high, step=step,
                                         description=_(label), readout_format=".2f",
                                         style=style, layout=layout)
            slider.add_class("alliances-control")
            slider.add_class(f"alliances-{name.replace('_', '-')}")
            slider.observe(self._changed, names="value")
            self.sliders[name] = slider
        self.y_axis = widgets.Dropdown(options=choices, value=y_name,
                                       description=_("vertical axis of the map"), style=style,
                                       layout=layout)
        self.y_axis.observe(self._changed, names="value")
        self.y_axis.add_class("alliances-control")
        self.y_axis.add_class("alliances-y-axis")
        bar = self._preset_bar(PRESETS, width="24em", label_width="5em")
        # Fixed margins, not a layout engine: the axis labels change with the map's axis.
        self.figure = Figure(figsize=(5.6, 4.0), dpi=100)
        self.figure.subplots_adjust(left=0.14, right=0.95, top=0.87, bottom=0.24)
        self.plot = JoinRegionPlot(values, y_name, self.figure.add_subplot())
        self._renderer = LayeredRenderer(self.figure, [self.plot.dynamic_artists()])
        first = ("threat", "own_strength", "allies_strength")
        self._finish([bar, *(self.sliders[k] for k in first), self.y_axis],
                     "alliances-join-or-stay-out",
                     advanced=[s for k, s in self.sliders.items() if k not in first])

    def _values(self) -> dict[str, float]:
        return {name: slider.value for name, slider in self.sliders.items()}

    def _preset_controls(self) -> dict[str, widgets.ValueWidget]:
        return {**self.sliders, "y_axis": self.y_axis}

    def set_values(self, params: dict[str, float], y_name: str | None = None) -> None:
        """Set the sliders (and the map's vertical axis), then update once.

        Examples
        --------
        >>> widget = JoinOrStayOut()
        >>> widget.set_values({"threat": 0.05})
        >>> widget.decision.decision
        'stay out'
        """
        params = _check_slider_values(params)
        if y_name is not None:
            _check_y_name(y_name)
        with self.hold():
            for name, value in params.items():
                self.sliders[name].value = value
            if y_name is not None:
                self.y_axis.value = y_name

    def _update(self) -> tuple[str, str]:
        values = self._values()
        decision = join_decision(**values)
        self.plot.update(values, self.y_axis.value)
        self.decision = decision
        first, _dot, rest = decision.reason.partition(". ")
        cell = "style='padding:2px 10px;text-align:right'"
        rows = "".join(f"<tr><td {cell}>{html.escape(_(name))}</td>"
                       f"<td {cell}>{number(value, '+.3f')}</td></tr>"
                       for name, value in decision.terms.items())
        source = _("Our formalization of the capability-aggregation view and of Morrow's "
                   "(1991) autonomy\u2013security trade-off.")
        term, contribution, net = (html.escape(_("term (weighted)")),
                                   html.escape(_("contribution to the net benefit")),
                                   html.escape(_("net benefit")))
        details = (f"<p>{html.escape(rest)}</p><table><thead><tr><th {cell}>{term}</th>"
                   f"<th {cell}>{contribution}</th></tr></thead><tbody>"
                   f"{rows}<tr><td {cell}><b>{net}</b></td><td {cell}>"
                   f"<b>{number(decision.net_benefit, '+.3f')}</b></td></tr></tbody></table>"
                   f"<p>{html.escape(source, quote=False)}</p>")
        return (first + "." if rest else first), details
