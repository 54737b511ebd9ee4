"""The calibration explorer of part 4: your estimates, the best commitment, and history.

For each of three historical choices (2014, the no-fly zone, 2022-2024) the reader sets
an estimate of the loss from abandonment ``L_A`` and of the escalation risk ``p_E``; the
widget shows the commitment model of part 3 with those estimates (both risk curves,
EU(c) and the best commitment c*), the band of commitment levels that stands for the
historical choice, and, on the map of
:func:`alliances.cases.ukraine_dilemma.plot_calibration_map`, where the reader's three pairs
of estimates lie. The mapping of choices onto c and the
fixed parameters are our formalization; the estimates are the reader's assumptions.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from alliances.i18n import _, N_, number
from alliances.models.commitment import CommitmentModel
from alliances.views.commitment import CommitmentPlot
from alliances.views.style import PALETTE, agg_canvas
from alliances.widgets.panels import first_title
from alliances.widgets.render import LayeredRenderer
from alliances.cases.ukraine_dilemma import (BASE_MODEL, DEFAULT_ESTIMATES, L_A_MAX, PERIODS,
                                             Calibration, calibrate, plot_calibration_map)
from alliances.views.ukraine import PERIOD_STYLE
from alliances.widgets.base import LiveFigure

__all__ = ["CalibrationExplorer"]

#: Resolution of the widget's figures: a little below the usual 100 dpi, so that the image
#: (two figures side by side) stays small enough to encode quickly on every update.
_DPI = 88

_VERDICT_WORDS = {"reproduced": N_("reproduced"), "too low": N_("not reproduced: c* too low"),
                  "too high": N_("not reproduced: c* too high"),
                  "tie": N_("tie: not determined")}


def _utility_limits(base: CommitmentModel) -> tuple[float, float]:
    """Limits of the EU axis that hold EU(c) for every estimate the sliders allow.

    For a fixed c, EU is linear in L_A and in p_E, so over the sliders' box its extremes
    are at the four corners.
    """
    grid = np.linspace(0.0, 1.0, 201)
    curves = [np.asarray(base.replace(L_A=L_A, p_E=p_E).expected_utility(grid))
              for L_A in (0.0, L_A_MAX) for p_E in (0.0, 1.0)]
    low = min(float(c.min()) for c in curves)
    high = max(float(c.max()) for c in curves)
    pad = 0.05 * max(high - low, 1.0)
    return low - pad, high + pad


def _check_estimates(estimates: object) -> dict[str, tuple[float, float]]:
    """``{period: (L_A, p_E)}`` checked against the periods and the sliders' ranges."""
    if not isinstance(estimates, dict):
        raise TypeError(_("estimates must be a dict such as {example}; got {given}").format(
            example="{'2014': (20, 0.5)}", given=type(estimates).__name__))
    checked = {}
    for key, pair in estimates.items():
        if key not in PERIODS:
            raise ValueError(_("estimates: unknown period {key}; periods are {periods}").format(
                key=repr(key), periods=list(PERIODS)))
        if (not isinstance(pair, (tuple, list)) or len(pair) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                           for v in pair)):
            raise TypeError(_("estimates[{key}] must be a pair (L_A, p_E) of numbers; got "
                              "{given}").format(key=repr(key), given=repr(pair)))
        L_A, p_E = float(pair[0]), float(pair[1])
        if not (0.0 <= L_A <= L_A_MAX and 0.0 <= p_E <= 1.0):
            raise ValueError(_("estimates[{key}] must have L_A in [0, {most}] and p_E in [0, 1] "
                               "(the sliders' ranges); got ({L_A}, {p_E})").format(
                                   key=repr(key), most=number(L_A_MAX, "g"), L_A=L_A,
                                   p_E=p_E))
        checked[key] = (L_A, p_E)
    return checked


#: The periods' short names, for the legend of the reader's estimates.
_SHORT_NAMES = {"2014": N_("2014"), "no-fly zone": N_("no-fly zone"),
                "2022-2024": N_("2022-2024")}


def _legend_below(ax, handles: list) -> None:
    """A legend under ``ax``: in two columns, or in one where two are wider than the
    figure (the longer Indonesian entries)."""
    for ncols in (2, 1):
        legend = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.13),
                           ncols=ncols, fontsize=8, frameon=False, columnspacing=1.0,
                           handlelength=1.6)
        renderer = agg_canvas(ax.figure).get_renderer()
        if legend.get_window_extent(renderer).width <= 0.98 * ax.figure.bbox.width:
            return


class CalibrationExplorer(LiveFigure):
    """Set your estimates for each period; see the best commitment and the historical choice.

    Parameters
    ----------
    estimates : dict, optional
        Starting estimates per period, ``{"2014": (L_A, p_E), ...}``; periods left out
        start from :data:`alliances.cases.ukraine_dilemma.DEFAULT_ESTIMATES`. ``L_A`` must
        lie in [0, 100] and ``p_E`` in [0, 1], the ranges of the sliders.
    period : {"2014", "no-fly zone", "2022-2024"}
        The period shown first.
    base : CommitmentModel, optional
        The fixed parameters (default :data:`alliances.cases.ukraine_dilemma.BASE_MODEL`).

    Examples
    --------
    >>> explorer = CalibrationExplorer()
    >>> explorer.calibration.verdict, round(explorer.calibration.c_star, 3)
    ('too high', 0.365)
    >>> explorer.controls["L_A"].value = 20
    >>> explorer.calibration.verdict
    'reproduced'
    >>> explorer.period.value = "2022-2024"      # each period keeps its own estimates
    >>> explorer.controls["L_A"].value, explorer.estimates["2014"]
    (50.0, (20.0, 0.5))
    """

    def __init__(self, estimates: dict[str, tuple[float, float]] | None = None, *,
                 period: str = "2014", base: CommitmentModel | None = None) -> None:
        super().__init__()
        if base is not None and not isinstance(base, CommitmentModel):
            raise TypeError(_("base must be a CommitmentModel or None; got {given}").format(
                given=type(base).__name__))
        self.base = BASE_MODEL if base is None else base
        if period not in PERIODS:
            raise ValueError(_("period must be one of {periods}; got {given}").format(
                periods=list(PERIODS), given=repr(period)))
        start = {key: (DEFAULT_ESTIMATES["L_A"], DEFAULT_ESTIMATES["p_E"]) for key in PERIODS}
        start.update(_check_estimates(estimates or {}))
        self._initial = dict(start)
        self.estimates: dict[str, tuple[float, float]] = dict(start)

        self.period = widgets.ToggleButtons(
            options=[(_(p.label), key) for key, p in PERIODS.items()], value=period,
            description=_("Period"), style={"button_width": "auto"},
            tooltips=[_(p.choice) for p in PERIODS.values()])
        self.period.add_class("alliances-control")
        self.period.add_class("alliances-period")
        self.period.observe(self._period_changed, names="value")
        L_A, p_E = start[period]
        self.controls = {
            "L_A": widgets.FloatSlider(
                value=L_A, min=0.0, max=L_A_MAX, step=1.0, readout_format=".0f",
                description=_("Loss from abandonment L_A"),
                tooltip=_("Your estimate: how much the West loses if Ukraine is abandoned "
                          "(Ukraine falls; credibility), where a war with Russia costs 100"),
                style={"description_width": "200px"}, layout=widgets.Layout(width="520px")),
            "p_E": widgets.FloatSlider(
                value=p_E, min=0.0, max=1.0, step=0.01, readout_format=".2f",
                description=_("Escalation risk p_E"),
                tooltip=_("Your estimate: the chance that direct combat (full commitment) "
                          "would bring a direct war with Russia, a nuclear power"),
                style={"description_width": "200px"}, layout=widgets.Layout(width="520px")),
        }
        for slider in self.controls.values():
            slider.add_class("alliances-control")
            slider.observe(self._changed, names="value")
        self.reset = widgets.Button(description=_("Reset"), icon="undo",
                                    tooltip=_("Back to the estimates this explorer started "
                                              "with"))
        self.reset.add_class("alliances-control")
        self.reset.add_class("alliances-reset")
        self.reset.on_click(lambda _button: self.set_estimates(self._initial))

        # Two figures side by side, rendered in layers and joined into one image: the
        # model (left) and the map (right), whose regions are drawn only once.
        self.figure = Figure(figsize=(5.4, 4.5), dpi=_DPI, layout="constrained")
        risk_axes, eu_axes = self.figure.subplots(2, 1, sharex=True, height_ratios=[1, 1.15])
        # Room between the panels: their y tick labels ("0.0" above, the top of the
        # utility axis below) would touch otherwise.
        self.figure.get_layout_engine().set(h_pad=0.2)
        self.calibration = calibrate(period, L_A, p_E, base=self.base)
        self.plot = CommitmentPlot(self.calibration.model, (risk_axes, eu_axes))
        self._eu_limits = _utility_limits(self.base)
        eu_axes.set_ylim(*self._eu_limits)
        self.bands = [ax.axvspan(0.0, 1.0, facecolor=PALETTE["grey"], alpha=0.3, lw=0,
                                 zorder=0) for ax in (risk_axes, eu_axes)]
        (self.refused_mark,) = eu_axes.plot([1.0], [0.9], "X", color=PALETTE["blue"], ms=13,
                                            mec="black", clip_on=False, zorder=6,
                                            transform=eu_axes.get_xaxis_transform())
        self.refused_text = eu_axes.text(0.97, 0.9, _("no-fly zone\n(refused)"), ha="right",
                                         va="center", fontsize=8.5,
                                         transform=eu_axes.get_xaxis_transform())
        band_key = Line2D([], [], color=PALETTE["grey"], lw=8, alpha=0.5,
                          label=_("historical choice (our coding)"))
        risk_axes.legend(handles=[self.plot.line_a, self.plot.line_e, self.plot.line_u,
                                  self.plot.star, band_key],
                         loc="upper center", fontsize=8, ncols=2, frameon=False,
                         borderaxespad=0.2)
        self.map_figure = Figure(figsize=(4.6, 4.5), dpi=_DPI, layout="constrained")
        self.map = plot_calibration_map(self.base, ax=self.map_figure.add_subplot())
        self.points: dict[str, Line2D] = {}
        for key, p in PERIODS.items():
            colour, _style, marker = PERIOD_STYLE[key]
            (self.points[key],) = self.map.plot([], [], marker, color=colour, mec="black",
                                                ms=9, zorder=5, clip_on=False,
                                                label=_("your estimates, {period}").format(
                                                    period=_(_SHORT_NAMES[key])))
        (self.ring,) = self.map.plot([], [], "o", ms=20, mfc="none", mec=PALETTE["black"],
                                     mew=2.0, zorder=7, clip_on=False)
        _legend_below(self.map, [*self.map.get_legend().legend_handles,
                                 *self.points.values()])
        self.map.set_title(_("Your estimates on the map of our model"), fontsize=10)
        self.map.set_xlabel(_("escalation risk p_E"), fontsize=9)
        self.map.set_ylabel(_("loss from abandonment L_A (war with Russia = {L_E})").format(
            L_E=number(self.base.L_E, "g")), fontsize=9)
        # The title names the period (it changes with the period only, so it stays in the
        # static layer); c* is in the sentence and on the figure's star.
        dynamic = [a for a in self.plot.dynamic_artists() if a is not self.plot.title]
        dynamic += [*self.bands, self.refused_mark, self.refused_text]
        self._cache: dict[tuple[str, float, float], Calibration] = {}
        self._renderer = LayeredRenderer(self.figure, [dynamic])
        self._map_renderer = LayeredRenderer(self.map_figure,
                                             [[*self.points.values(), self.ring]])
        self._finish([self.period, *self.controls.values(), self.reset],
                     "alliances-calibration")

    # ------------------------------------------------------------------ events
    def _period_changed(self, change: dict) -> None:
        self._move_sliders(self.estimates[change["new"]])

    def _move_sliders(self, pair: tuple[float, float]) -> None:
        with self.hold():
            self.controls["L_A"].value, self.controls["p_E"].value = pair

    def set_estimates(self, estimates: dict[str, tuple[float, float]]) -> None:
        """Replace the estimates of the periods named in ``estimates``, then update once.

        Examples
        --------
        >>> explorer = CalibrationExplorer()
        >>> explorer.set_estimates({"2014": (20, 0.5), "2022-2024": (60, 0.2)})
        >>> sorted(explorer.verdicts().items())
        [('2014', 'reproduced'), ('2022-2024', 'reproduced'), ('no-fly zone', 'reproduced')]
        """
        self.estimates.update(_check_estimates(estimates))
        self._move_sliders(self.estimates[self.period.value])

    def verdicts(self) -> dict[str, str]:
        """The verdict of each period's estimates (see
        :class:`alliances.cases.ukraine_dilemma.Calibration`).

        Examples
        --------
        >>> CalibrationExplorer().verdicts()["no-fly zone"]
        'reproduced'
        """
        return {key: calibrate(key, *pair, base=self.base).verdict
                for key, pair in self.estimates.items()}

    # ------------------------------------------------------------------ drawing
    def _calibrate(self, key: str, L_A: float, p_E: float) -> Calibration:
        """:func:`calibrate`, remembered: only the period being moved changes."""
        if (key, L_A, p_E) not in self._cache:
            if len(self._cache) > 512:
                self._cache.clear()
            self._cache[key, L_A, p_E] = calibrate(key, L_A, p_E, base=self.base)
        return self._cache[key, L_A, p_E]

    def _render_panels(self) -> list[np.ndarray]:
        # each figure is an image of its own: side by side where they fit, else wrapped
        return [self._renderer.pixels(), self._map_renderer.pixels()]

    def _panel_titles(self) -> list[str]:
        return [first_title(self.figure.axes), first_title(self.map_figure.axes)]

    def _update(self) -> tuple[str, str]:
        key = self.period.value
        pair = (float(self.controls["L_A"].value), float(self.controls["p_E"].value))
        self.estimates[key] = pair
        results = {k: self._calibrate(k, *v) for k, v in self.estimates.items()}
        current = results[key]
        self.calibration = current
        self.plot.update(current.model)
        # One scale for every period and every estimate: comparable, and the static layer
        # (axes, ticks, legend) never needs redrawing.
        self.plot.axes[1].set_ylim(*self._eu_limits)
        period = current.period
        self.plot.title.set_text(_("The model with your estimates"))
        is_refusal = period.refused is not None
        for band in self.bands:
            band.set_x(period.low)
            band.set_width(period.high - period.low)
            band.set_visible(not is_refusal)
        self.refused_mark.set_visible(is_refusal)
        self.refused_text.set_visible(is_refusal)
        for k, point in self.points.items():
            L_A, p_E = self.estimates[k]
            point.set_data([p_E], [L_A])
        self.ring.set_data([pair[1]], [pair[0]])      # around the period being set
        count = sum(r.verdict == "reproduced" for r in results.values())
        sentence = _("{sentence} Your estimates reproduce {count} of {total} historical "
                     "choices.").format(sentence=current.sentence, count=count,
                                        total=len(results))
        rows = "".join(
            f"<tr><td>{html.escape(_(r.period.label))}</td><td>{number(r.model.L_A, 'g')}</td>"
            f"<td>{number(r.model.p_E, '.2f')}</td><td>{number(r.c_star, '.3f')}</td>"
            f"<td>{html.escape(r.period.band_text())}</td>"
            f"<td>{html.escape(_(_VERDICT_WORDS[r.verdict]))}</td></tr>"
            for r in results.values())
        b = self.base
        head = "".join(f"<th>{html.escape(h, quote=False)}</th>" for h in (
            _("period"), "L_A", "p_E", "c*", _("historical choice"), _("verdict")))
        fixed = _("Your estimates are assumptions, not measurements. Fixed by us (our "
                  "formalization): p_A = {p_A}, L_E = {L_E}, r0 = {r0}, k = {k}, alpha = "
                  "{alpha}, beta = {beta}; the bands of c for each choice are our coding."
                  ).format(p_A=number(b.p_A, "g"), L_E=number(b.L_E, "g"),
                           r0=number(b.r0, "g"), k=number(b.k, "g"),
                           alpha=number(b.alpha, "g"), beta=number(b.beta, "g"))
        details = (f"<table class='alliances-table'><tr>{head}</tr>"
                   f"{rows}</table><p><small>{html.escape(fixed, quote=False)}</small></p>")
        return sentence, details
