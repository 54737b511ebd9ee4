"""Figures of the secondary alliance dilemma: both risk curves, EU(c) and the best commitment.

A view module: it draws what :mod:`alliances.models.commitment` (our formalization of
Snyder 1984) computes. :class:`CommitmentPlot` updates its artists in place, for the
commitment and Ukraine widgets.

Examples
--------
>>> plot = CommitmentPlot(CommitmentModel())
>>> plot.result.case, plot.title.get_text()
('interior', 'Best commitment c* = 0.50')
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from alliances.models.commitment import CommitmentModel
from alliances.models.commitment_result import CommitmentResult
from alliances.i18n import _, number
from alliances.views.style import COL_COLOUR, PALETTE, ROW_COLOUR, localize_axes

__all__ = ["CommitmentPlot", "plot_commitment"]

#: Colour of everything about abandonment (with a solid line) and entrapment (dashed).
_ABANDONMENT_COLOUR = ROW_COLOUR
_ENTRAPMENT_COLOUR = COL_COLOUR


class CommitmentPlot:
    """Both risk curves (top) and EU(c) with c* (bottom), updatable in place.

    Parameters
    ----------
    model : CommitmentModel
    axes : pair of Axes, optional
        Where to draw (top, bottom); by default a new figure outside pyplot.
    title : str, optional
        Fixed title; by default it states c*.

    Examples
    --------
    >>> plot = CommitmentPlot(CommitmentModel(alpha=1, beta=1, k=0))
    >>> plot.update(CommitmentModel(alpha=2, beta=2)).case
    'interior'
    >>> float(plot.star.get_xdata()[0])
    0.5
    """

    def __init__(self, model: CommitmentModel, axes: tuple[Axes, Axes] | None = None, *,
                 title: str | None = None) -> None:
        if not isinstance(model, CommitmentModel):
            raise TypeError(_("model must be a CommitmentModel; got {type}").format(
                type=type(model).__name__))
        if axes is None:
            figure = Figure(figsize=(6.4, 5.2), dpi=100, layout="constrained")
            top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=[1, 1.15])
        else:
            if (not isinstance(axes, (tuple, list)) or len(axes) != 2
                    or not all(isinstance(a, Axes) for a in axes)):
                raise TypeError(_("axes must be a pair of matplotlib Axes (top, bottom) or "
                                  "None"))
            top, bottom = axes
        self.axes = (top, bottom)
        self.grid = np.linspace(0.0, 1.0, 201)
        nan = np.full_like(self.grid, np.nan)
        (self.line_a,) = top.plot(self.grid, nan, color=_ABANDONMENT_COLOUR, lw=2.4,
                                  label=_("abandonment risk $P_A(c)$"))
        (self.line_e,) = top.plot(self.grid, nan, color=_ENTRAPMENT_COLOUR, lw=2.4, ls="--",
                                  label=_("entrapment risk $P_E(c)$"))
        (self.dot_a,) = top.plot([], [], "o", color=_ABANDONMENT_COLOUR, ms=7, clip_on=False)
        (self.dot_e,) = top.plot([], [], "s", color=_ENTRAPMENT_COLOUR, ms=7, clip_on=False)
        top.set_ylim(-0.02, 1.3)
        top.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
        top.set_ylabel(_("probability"))
        top.grid(alpha=0.3)
        (self.line_u,) = bottom.plot(self.grid, nan, color=PALETTE["black"], lw=2.4,
                                     label=_("expected utility $EU(c)$"))
        (self.star,) = bottom.plot([], [], "*", color=PALETTE["orange"], ms=16, mec="black",
                                   label=_("best commitment $c^*$"), clip_on=False, zorder=5)
        self.band = bottom.axvspan(0, 1, color=PALETTE["yellow"], alpha=0.25, lw=0)
        # The top line stops below the legend (the probability axis ends at 1.3).
        self.vlines = [top.axvline(0.0, ymax=1.03 / 1.32, color=PALETTE["grey"], ls=":",
                                   lw=1.5),
                       bottom.axvline(0.0, color=PALETTE["grey"], ls=":", lw=1.5)]
        bottom.set_xlabel(_("commitment c  (0 = none, 1 = full)"))
        bottom.set_ylabel(_("expected utility (payoff units)"))
        bottom.set_xlim(0, 1)
        bottom.grid(alpha=0.3)
        top.legend(handles=[self.line_a, self.line_e, self.line_u, self.star],
                   loc="upper center", fontsize=9, ncols=2, frameon=False,
                   borderaxespad=0.2, handlelength=2.4)
        self.title = top.set_title("", fontsize=12)
        self._fixed_title = title
        self._limits_set = False
        localize_axes(top)
        localize_axes(bottom)
        self.update(model)

    def update(self, model: CommitmentModel) -> CommitmentResult:
        """Show ``model``: update every artist in place; return its result."""
        if not isinstance(model, CommitmentModel):
            raise TypeError(_("model must be a CommitmentModel; got {type}").format(
                type=type(model).__name__))
        result = model.best()
        top, bottom = self.axes
        self.line_a.set_ydata(model.abandonment_risk(self.grid))
        self.line_e.set_ydata(model.entrapment_risk(self.grid))
        utility = np.asarray(model.expected_utility(self.grid))
        self.line_u.set_ydata(utility)
        points = np.asarray(result.maximisers) if not result.every_level_optimal else \
            np.asarray([result.c_star])
        self.star.set_data(points, model.expected_utility(points))
        self.dot_a.set_data(points, model.abandonment_risk(points))
        self.dot_e.set_data(points, model.entrapment_risk(points))
        for artist in (self.star, self.dot_a, self.dot_e):
            artist.set_visible(not result.every_level_optimal)
        self.band.set_visible(result.every_level_optimal)
        for line in self.vlines:
            line.set_xdata([result.c_star, result.c_star])
            line.set_visible(not result.every_level_optimal)
        limits = _steady_limits(bottom.get_ylim() if self._limits_set else None,
                                float(utility.min()), float(utility.max()))
        if limits != tuple(bottom.get_ylim()):
            bottom.set_ylim(*limits)
        self._limits_set = True
        if self._fixed_title is not None:
            self.title.set_text(self._fixed_title)
        elif result.every_level_optimal:
            self.title.set_text(_("Best commitment: every level ties"))
        else:
            self.title.set_text(_("Best commitment c* = {values}").format(
                values=_(" and ").join(number(m, ".2f") for m in result.maximisers)))
        self.result = result
        return result

    def dynamic_artists(self) -> list:
        """The artists that :meth:`update` changes (for layered rendering in widgets);
        everything else changes only with the utility axis's limits."""
        return [self.line_a, self.line_e, self.dot_a, self.dot_e, self.line_u, self.star,
                self.band, *self.vlines, self.title]


def _nice_step(span: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) about a fifth of ``span``."""
    raw = max(span, 1e-9) / 5.0
    power = 10.0 ** np.floor(np.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * power >= raw:
            return factor * power
    return 10.0 * power  # pragma: no cover


def _steady_limits(current: tuple[float, float] | None, low: float,
                   high: float) -> tuple[float, float]:
    """Axis limits on round numbers that change only when the curve needs it.

    The current limits are kept while they hold the curve with a margin and the curve fills
    at least 40 % of them; otherwise new limits are rounded outwards to a round step. Steady
    limits keep the figure calm while a slider moves, and let a widget reuse its
    background.
    """
    span = max(high - low, 0.05 * max(1.0, abs(high)))
    if current is not None:
        bottom, top = current
        margin = 0.04 * (top - bottom)
        if bottom + margin <= low and high <= top - margin and span >= 0.4 * (top - bottom):
            return float(bottom), float(top)
    step = _nice_step(span)
    bottom = np.floor((low - 0.1 * span) / step) * step
    top = np.ceil((high + 0.1 * span) / step) * step
    return float(bottom), float(top)


def plot_commitment(model: CommitmentModel, axes: tuple[Axes, Axes] | None = None, *,
                    title: str | None = None) -> tuple[Axes, Axes]:
    """Draw both risk curves, EU(c) and c* (two panels sharing the commitment axis).

    Parameters
    ----------
    model : CommitmentModel
    axes : pair of Axes, optional
        (top, bottom); a new pyplot figure is made if omitted.
    title : str, optional

    Returns
    -------
    (Axes, Axes)

    Examples
    --------
    >>> top, bottom = plot_commitment(CommitmentModel())
    >>> top.get_title()
    'Best commitment c* = 0.50'
    """
    if axes is None:
        import matplotlib.pyplot as plt
        figure = plt.figure(figsize=(6.4, 5.2), dpi=100, layout="constrained")
        axes = tuple(figure.subplots(2, 1, sharex=True, height_ratios=[1, 1.15]))
    return CommitmentPlot(model, axes, title=title).axes
