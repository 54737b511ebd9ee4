"""The burden-sharing explorer: Olson and Zeckhauser's alliance, live.

Incomes, the weight of security and the number of allies are controls; the reaction
curves, the Nash point, the efficient provision and every ally's burden move at once.
The model is :mod:`alliances.models.burden` (our formalization of Olson and Zeckhauser 1966).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from alliances._validation import check_real, short_repr
from alliances.i18n import _, N_, number, percent
from alliances.models.burden import nash_equilibrium
from alliances.views.burden import BurdenSharesPlot, ReactionCurvesPlot
from alliances.widgets.base import LiveFigure
from alliances.widgets.panels import first_title
from alliances.widgets.render import LayeredRenderer

__all__ = ["BurdenSharingExplorer", "PRESETS"]

#: The most allies the explorer offers.
_MAX_ALLIES = 6
#: Income sliders' range and step (income units: any currency, only ratios matter).
_INCOME_RANGE = (0.5, 20.0, 0.5)
#: The weight of security: slider range and step.
_ALPHA_RANGE = (0.05, 0.6, 0.01)

#: Named starting points: (alpha, incomes). The first is notebook 01's corner example.
PRESETS: dict[str, tuple[float, tuple[float, ...]]] = {
    N_("Two unequal allies (10 and 1)"): (0.1, (10.0, 1.0)),
    N_("Two similar allies (10 and 9)"): (0.2, (10.0, 9.0)),
    N_("Four equal allies"): (0.2, (5.0, 5.0, 5.0, 5.0)),
    N_("One large ally, five small"): (0.2, (20.0, 4.0, 3.0, 3.0, 2.0, 2.0)),
}


class BurdenSharingExplorer(LiveFigure):
    """Move incomes, the weight of security and the number of allies; watch who pays.

    Parameters
    ----------
    alpha : float
        Weight of security, from 0.05 to 0.6 (the slider's range).
    incomes : sequence of float
        Two to six incomes, each from 0.5 to 20 (the sliders' range); their number is the
        starting number of allies.

    Examples
    --------
    >>> explorer = BurdenSharingExplorer(0.1, [10, 1])
    >>> explorer.equilibrium.contributions
    (1.0, 0.0)
    >>> explorer.income_controls[1].value = 9.5
    >>> explorer.equilibrium.free_riders
    ()
    >>> explorer.allies.value = 3
    >>> explorer.equilibrium.n
    3
    """

    def __init__(self, alpha: float = 0.1, incomes: tuple[float, ...] = (10.0, 1.0)) -> None:
        super().__init__()
        low, high, step = _INCOME_RANGE
        a_low, a_high, a_step = _ALPHA_RANGE
        alpha, incomes = _check_values(alpha, incomes)
        style = {"description_width": "11em"}
        wide = widgets.Layout(width="30em")
        bar = self._preset_bar({name: {"alpha": a, "allies": len(ys),
                                       **{f"income {i}": y for i, y in enumerate(ys)}}
                                for name, (a, ys) in PRESETS.items()},
                               width="30em", label_width="11em",
                               tooltip=_("Back to the values this explorer started with"))
        self.allies = widgets.IntSlider(value=len(incomes), min=2, max=_MAX_ALLIES, step=1,
                                        description=_("number of allies"), style=style,
                                        layout=wide)
        self.alpha = widgets.FloatSlider(value=alpha, min=a_low, max=a_high, step=a_step,
                                         description=_("weight of security \u03b1"),
                                         readout_format=".2f", style=style, layout=wide)
        padded = list(incomes) + [incomes[-1]] * (_MAX_ALLIES - len(incomes))
        self.income_controls = [
            widgets.FloatSlider(value=y, min=low, max=high, step=step,
                                description=_("income of ally {number}").format(number=i + 1),
                                readout_format=".1f",
                                style=style, layout=widgets.Layout(width="30em"))
            for i, y in enumerate(padded)]
        for control, css in ((self.allies, "alliances-allies"), (self.alpha, "alliances-alpha"),
                             *((c, "alliances-income") for c in self.income_controls)):
            control.add_class("alliances-control")
            control.add_class(css)
            control.observe(self._changed, names="value")

        # Two figures side by side, each with its own cached static layer: an income
        # change that moves the reaction plot's axes does not redraw the bar chart's.
        # Fixed margins, not a layout engine: tick labels change with the sliders, and a
        # layout computed for the first view could clip them later.
        self.figure = Figure(figsize=(5.2, 4.2), dpi=100)
        self.figure.subplots_adjust(left=0.16, right=0.95, top=0.92, bottom=0.31)
        self.bar_figure = Figure(figsize=(4.0, 4.2), dpi=100)
        self.bar_figure.subplots_adjust(left=0.17, right=0.96, top=0.92, bottom=0.31)
        # The totals are in the sentence; a fixed title keeps text out of every frame.
        self.curves = ReactionCurvesPlot(alpha, incomes, self.figure.add_subplot(),
                                         numbers_in_title=False)
        self.bars = BurdenSharesPlot(nash_equilibrium(alpha, incomes),
                                     self.bar_figure.add_subplot())
        self._renderers = [LayeredRenderer(self.figure, [self.curves.dynamic_artists()]),
                           LayeredRenderer(self.bar_figure, [self.bars.dynamic_artists()])]
        self._finish([bar, self.allies, self.alpha, *self.income_controls[:2]],
                     "alliances-burden-explorer", advanced=self.income_controls[2:])

    # ------------------------------------------------------------------ controls
    def _values(self) -> tuple[float, tuple[float, ...]]:
        n = self.allies.value
        return self.alpha.value, tuple(c.value for c in self.income_controls[:n])

    def _preset_controls(self) -> dict[str, widgets.ValueWidget]:
        return {"alpha": self.alpha, "allies": self.allies,
                **{f"income {i}": c for i, c in enumerate(self.income_controls)}}

    def set_values(self, alpha: float, incomes: tuple[float, ...]) -> None:
        """Set alpha and the incomes (their number sets the number of allies), then update.

        Examples
        --------
        >>> explorer = BurdenSharingExplorer()
        >>> explorer.set_values(0.2, (10.0, 9.0))
        >>> explorer.preset.value
        'Two similar allies (10 and 9)'
        """
        alpha, incomes = _check_values(alpha, incomes)
        with self.hold():
            self.alpha.value = alpha
            self.allies.value = len(incomes)
            for control, y in zip(self.income_controls, incomes):
                control.value = y

    # ------------------------------------------------------------------ update
    def _render_panels(self) -> list[np.ndarray]:
        # each figure is an image of its own: side by side where they fit, else wrapped
        return [r.pixels() for r in self._renderers]

    def _panel_titles(self) -> list[str]:
        return [first_title(r.figure.axes) for r in self._renderers]

    def _update(self) -> tuple[str, str]:
        alpha, incomes = self._values()
        n = len(incomes)
        for i, control in enumerate(self.income_controls):
            self._show_control(control, i < n)
        eq = nash_equilibrium(alpha, incomes)
        self.curves.update(alpha, incomes)
        self.bars.update(eq)
        self.equilibrium = eq
        return _sentence(eq), _details(eq)


def _check_values(alpha: object, incomes: object) -> tuple[float, tuple[float, ...]]:
    """Alpha and 2 to _MAX_ALLIES incomes, each within its slider's range, or an error."""
    low, high, _step = _INCOME_RANGE
    a_low, a_high, _a_step = _ALPHA_RANGE
    alpha = check_real(alpha, "alpha", minimum=a_low, maximum=a_high)
    if isinstance(incomes, (str, bytes, dict, set)) or not isinstance(incomes, Sequence):
        raise TypeError(_("incomes must be a list of 2 to {most} numbers; got {kind} {given}"
                          ).format(most=_MAX_ALLIES, kind=type(incomes).__name__,
                                   given=short_repr(incomes)))
    if not 2 <= len(incomes) <= _MAX_ALLIES:
        raise ValueError(_("incomes must list 2 to {most} allies; got {count}").format(
            most=_MAX_ALLIES, count=len(incomes)))
    values = tuple(check_real(y, f"incomes[{i}]", minimum=low, maximum=high)
                   for i, y in enumerate(incomes))
    return alpha, values


def _share(fraction: float, digits: int) -> str:
    """``fraction`` as a percentage, as ``f"{fraction:.{digits}%}"`` writes it in English."""
    return percent(fraction * 100, digits)


def _allies(indices: tuple[int, ...]) -> str:
    names = [str(i + 1) for i in indices]
    if len(names) == 1:
        return _("ally {number}").format(number=names[0])
    return _("allies {numbers} and {last}").format(numbers=", ".join(names[:-1]),
                                                   last=names[-1])


def _amounts(burdens: list[float]) -> str:
    """What the payers pay, as a share of income: "each 2.5% of income", "2.5% of its
    income", "2.5%, 1.0% of income" or "from 1.0% to 2.5% of income"."""
    if len(burdens) > 1 and max(burdens) - min(burdens) < 5e-4:
        return _("each {share} of income").format(share=_share(burdens[0], 1))
    if len(burdens) == 1:
        return _("{share} of its income").format(share=_share(burdens[0], 1))
    if len(burdens) <= 3:
        return _("{shares} of income").format(
            shares=", ".join(_share(b, 1) for b in burdens))
    return _("from {low} to {high} of income").format(low=_share(min(burdens), 1),
                                                      high=_share(max(burdens), 1))


def _sentence(eq) -> str:
    """One sentence: who pays how much of its income, who free-rides, and the shortfall."""
    payers = eq.contributors
    amounts = _amounts([eq.burdens[i] for i in payers])
    if len(payers) == 1:
        who = _("only {ally} pays ({amounts})").format(ally=_allies(payers), amounts=amounts)
    elif len(payers) == eq.n:
        who = (_("both allies pay ({amounts})").format(amounts=amounts) if eq.n == 2 else
               _("all {n} allies pay ({amounts})").format(n=eq.n, amounts=amounts))
    else:
        who = _("{allies} pay ({amounts})").format(allies=_allies(payers), amounts=amounts)
    free = eq.free_riders
    if free:
        who = (_("{who} and {free} pays nothing") if len(free) == 1 else
               _("{who} and {free} pay nothing")).format(who=who, free=_allies(free))
    return _("With \u03b1 = {alpha}, {who}: the alliance buys {total} of defence instead of "
             "the efficient {efficient} ({gap} short).").format(
                 alpha=number(eq.alphas[0], ".2f"), who=who, total=number(eq.total, ".3g"),
                 efficient=number(eq.efficient_total, ".3g"),
                 gap=_share(eq.gap / eq.efficient_total, 0))


_CELL = "style='padding:2px 10px;text-align:right'"


def _details(eq) -> str:
    """A table of the equilibrium, ally by ally, and the sum of the marginal rates."""
    rows = "".join(
        "<tr>" + "".join(f"<td {_CELL}>{v}</td>" for v in
                         (i + 1, number(y, "g"), number(x, ".3f"), _share(b, 1), _share(s, 0),
                          _share(si, 0)))
        + "</tr>"
        for i, (y, x, b, s, si) in enumerate(zip(eq.incomes, eq.contributions, eq.burdens,
                                                eq.shares, eq.income_shares)))
    head = "".join(f"<th {_CELL}>{html.escape(h, quote=False)}</th>" for h in (
        _("ally"), _("income"), _("defence"), _("burden (% of income)"),
        _("share of the alliance's defence"), _("share of the allies' income")))
    mrs = _("Sum of the allies' marginal rates of substitution at the equilibrium: {sum} "
            "(efficiency needs 1).").format(sum=number(eq.sum_of_mrs, ".2f"))
    source = _("Our formalization of Olson and Zeckhauser (1966).")
    return (f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
            f"<p>{html.escape(mrs, quote=False)} {html.escape(source)}</p>")
