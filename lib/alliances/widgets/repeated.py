"""The discount-factor widget: how patient must states be to sustain mutual abstention?"""

from __future__ import annotations

import html

import ipywidgets as widgets
from matplotlib.figure import Figure

from alliances._validation import check_real
from alliances.i18n import _, number
from alliances.models.games import format_probability
from alliances.widgets.render import LayeredRenderer
from alliances.views.repeated import DiscountPlot
from alliances.widgets.base import LiveFigure

__all__ = ["DiscountWidget"]


class DiscountWidget(LiveFigure):
    """Move the discount factor δ and the temptation T; see which strategies sustain abstention.

    The stage game is the alliance game (our formalization) with R = 3 (both abstain) and
    S = 1 (abstain alone) fixed; T (ally alone) and P (two rival blocs) are sliders kept in
    the prisoner's-dilemma ordering T > R > P > S, so both thresholds are always defined
    for grim trigger and the widget never has to refuse a setting.

    Parameters
    ----------
    T : float
        Starting temptation, 3.5 to 8 in steps of 0.5.
    P : float
        Starting punishment, 1.25 to 2.75 in steps of 0.25.
    delta : float
        Starting discount factor, 0 to 0.95 in steps of 0.05.

    Examples
    --------
    >>> widget = DiscountWidget(T=4, P=2, delta=0.4)
    >>> widget.sentence
    'With δ = 0.4, mutual abstention is sustained neither by grim trigger (it needs δ ≥ 1/2) nor by tit-for-tat (it needs δ ≥ 1/2).'
    >>> widget.delta.value = 0.6
    >>> widget.sentence.split(",")[1]
    ' mutual abstention is sustained by grim trigger (it needs δ ≥ 1/2) and by tit-for-tat (it needs δ ≥ 1/2).'
    """

    R = 3.0
    S = 1.0

    def __init__(self, T: float = 4.0, P: float = 2.0, delta: float = 0.6) -> None:
        super().__init__()
        t = check_real(T, "T", minimum=3.5, maximum=8)
        p = check_real(P, "P", minimum=1.25, maximum=2.75)
        d = check_real(delta, "delta", minimum=0, maximum=0.95)
        self._initial = (t, p, d)
        style = {"description_width": "16em"}
        layout = widgets.Layout(width="34em")
        self.delta = widgets.FloatSlider(value=d, min=0.0, max=0.95, step=0.05,
                                         description=_("δ, weight of the next round"),
                                         readout_format=".2f", style=style, layout=layout)
        self.temptation = widgets.FloatSlider(value=t, min=3.5, max=8.0, step=0.5,
                                              description=_("T, ally while the other abstains"),
                                              readout_format=".1f", style=style, layout=layout)
        self.punishment = widgets.FloatSlider(value=p, min=1.25, max=2.75, step=0.25,
                                              description=_("P, two rival blocs"),
                                              readout_format=".2f", style=style, layout=layout)
        self.reset = widgets.Button(description=_("Reset"), icon="undo",
                                    tooltip=_("Back to the starting values"))
        for control, name in ((self.delta, "alliances-delta"),
                              (self.temptation, "alliances-temptation"),
                              (self.punishment, "alliances-punishment"),
                              (self.reset, "alliances-reset")):
            control.add_class("alliances-control")
            control.add_class(name)
            if control is not self.reset:
                control.observe(self._changed, names="value")
        self.reset.on_click(lambda _button: self._reset())
        self.figure = Figure(figsize=(7.2, 4.0), dpi=100, layout="constrained")
        self.plot = DiscountPlot(t, self.R, p, self.S, d, self.figure.add_subplot(),
                                 ylim=(0.6, 8.4))
        self._renderer = LayeredRenderer(self.figure, [self.plot.artists()])
        note = widgets.HTML("<p style='margin:0'>" + html.escape(
            _("Fixed: R = {R} (both abstain) and S = {S} (abstain while the other allies)."
              ).format(R=number(self.R, "g"), S=number(self.S, "g"))) + "</p>")
        self._finish([note, self.delta, self.temptation, self.punishment, self.reset],
                     "alliances-discount")

    def _reset(self) -> None:
        with self.hold():
            self.temptation.value, self.punishment.value, self.delta.value = self._initial

    def _update(self) -> tuple[str, str]:
        t, p, d = self.temptation.value, self.punishment.value, self.delta.value
        result = self.plot.update(t, self.R, p, self.S, d)
        rows = []
        for name, value, reason in ((_("grim trigger"), result.grim, result.grim_reason),
                                    (_("tit-for-tat"), result.tit_for_tat,
                                     result.tit_for_tat_reason)):
            rows.append(f"<li><b>{html.escape(name)}</b>: " + html.escape(
                _("needs δ ≥ {threshold}").format(threshold=format_probability(value))
                if value is not None else reason) + "</li>")
        game = _("Game: T = {T}, R = {R}, P = {P}, S = {S}.").format(
            T=number(t, "g"), R=number(self.R, "g"), P=number(p, "g"), S=number(self.S, "g"))
        details = f"<p>{html.escape(game)}</p><ul>{''.join(rows)}</ul>"
        return result.sentence(), details
