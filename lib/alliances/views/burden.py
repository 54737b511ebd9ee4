"""Figures of burden sharing: reaction curves, the Nash point and each ally's burden.

A view module: it draws what :mod:`alliances.models.burden` (our formalization of Olson and
Zeckhauser 1966) computes. :class:`ReactionCurvesPlot` and :class:`BurdenSharesPlot` update
their artists in place, for the burden-sharing widget.

Examples
--------
>>> plot = BurdenSharesPlot(nash_equilibrium(0.2, [10, 9]))
>>> [round(b.get_height(), 2) for b in plot.bars[:2]]
[15.56, 6.17]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from alliances.models.burden import (
    Equilibrium,
    aggregate_reaction,
    nash_equilibrium,
    reaction_curve,
)
from alliances.i18n import _, number
from alliances.views.style import PALETTE, localize_axes, new_axes

__all__ = ["MAX_PLOTTED_ALLIES", "ReactionCurvesPlot", "plot_reaction_curves",
           "BurdenSharesPlot", "plot_burden_shares"]

#: The most allies the plots draw (the widget offers up to this many).
MAX_PLOTTED_ALLIES = 8

_NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) >= value.

    Axis limits snap to these, so they (and the ticks) change only now and then while a
    widget's sliders move.
    """
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in _NICE:
        if step * power >= value * (1 - 1e-12):
            return step * power
    return 10.0 * power  # pragma: no cover - 10 is always enough


def _sticky_limit(current: float | None, needed: float) -> float:
    """An axis limit that holds still while the data move a little.

    Keep ``current`` while ``needed`` fits in it and fills at least 40 % of it; otherwise
    snap to the next nice number above ``needed``. Fewer jumps for the reader, and the
    widget's cached background stays valid.
    """
    if current is not None and 0.4 * current <= needed <= current:
        return current
    return _nice_ceiling(needed)


class ReactionCurvesPlot:
    """Reaction curves, the Nash point and the efficient (Samuelson) provision.

    The horizontal axis is ally 1's contribution; the vertical axis is ally 2's (two
    allies) or the other allies' total (more than two). Ally 1's reaction curve (solid)
    and the others' reaction (dashed) cross at the Nash equilibrium (black dot). The
    dotted line is the efficient total ``x_1 + X_-1 = alpha sum(Y)``; the diamond on it
    is the equal-burden efficient split; the thin grey line through the Nash point
    shows the Nash total, so the distance between the two diagonals is the
    under-provision. The title gives the totals (``numbers_in_title=True``) or, for a
    widget that states them in words, stays fixed.

    Examples
    --------
    >>> plot = ReactionCurvesPlot(0.1, [10, 1])
    >>> plot.nash_point.get_data()
    ([1.0], [0.0])
    >>> plot.update(0.2, [10, 9])
    >>> [round(v, 4) for v in plot.nash_point.get_xdata()]
    [1.5556]
    """

    def __init__(self, alpha: float, incomes: Sequence[float], ax: Axes | None = None, *,
                 numbers_in_title: bool = True) -> None:
        if ax is not None and not isinstance(ax, Axes):
            raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
                type=type(ax).__name__))
        if not isinstance(numbers_in_title, bool):
            raise TypeError(_("numbers_in_title must be True or False; got {value!r}").format(
                value=numbers_in_title))
        self.numbers_in_title = numbers_in_title
        self.ax = ax if ax is not None else new_axes(5.0, 4.2, pyplot=False)
        ax = self.ax
        blue, red, green = PALETTE["blue"], PALETTE["vermillion"], PALETTE["green"]
        (self.curve_1,) = ax.plot([], [], color=blue, lw=2.2,
                                  label=_("ally 1's best response"))
        (self.curve_others,) = ax.plot([], [], color=red, lw=2.2, ls="--",
                                       label=_("others' best response"))
        (self.efficient_line,) = ax.plot([], [], color=green, lw=1.8, ls=":",
                                         label=_("efficient total (Samuelson)"))
        (self.nash_total_line,) = ax.plot([], [], color=PALETTE["grey"], lw=1.0,
                                          label=_("Nash total"))
        (self.equal_point,) = ax.plot([], [], "D", color=green, ms=8, mec="black",
                                      label=_("equal-burden efficient split"))
        (self.nash_point,) = ax.plot([], [], "o", color="black", ms=9,
                                     label=_("Nash equilibrium"), zorder=5)
        self.legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2,
                                fontsize=8, frameon=False)
        self.title = ax.set_title("", fontsize=10)
        self._limits: tuple[float | None, float | None] = (None, None)
        ax.grid(True, color="#DDDDDD", lw=0.6)
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
        localize_axes(ax)
        self.update(alpha, incomes)

    def update(self, alpha: float, incomes: Sequence[float]) -> None:
        """Redraw for new parameters (two or more allies), updating artists in place."""
        eq = nash_equilibrium(alpha, incomes)       # checks alpha and the incomes
        a, y = eq.alphas[0], np.array(eq.incomes)
        if len(y) < 2:
            raise ValueError(_("incomes must name at least two allies for reaction curves; "
                               "got {n}").format(n=len(y)))
        x1, others = eq.contributions[0], eq.total - eq.contributions[0]
        rest = y[1:]
        x_max = _sticky_limit(self._limits[0], 1.15 * a * y[0])
        y_max = _sticky_limit(self._limits[1], 1.08 * max(
            a * y[0] / (1.0 - a), float(aggregate_reaction(a, rest, 0.0)),
            a * float(rest.sum()), others))
        self._limits = (x_max, y_max)
        grid_others = np.linspace(0.0, y_max, 60)
        self.curve_1.set_data(reaction_curve(a, y[0], grid_others), grid_others)
        grid_x = np.linspace(0.0, x_max, 60)
        self.curve_others.set_data(grid_x, aggregate_reaction(a, rest, grid_x))
        star = a * float(y.sum())
        self.efficient_line.set_data([0.0, star], [star, 0.0])
        self.nash_total_line.set_data([0.0, eq.total], [eq.total, 0.0])
        self.equal_point.set_data([a * y[0]], [a * float(rest.sum())])
        self.nash_point.set_data([x1], [others])
        self.ax.set_xlim(0.0, x_max)
        self.ax.set_ylim(0.0, y_max)
        self.ax.set_xlabel(_("ally 1's defence spending x\u2081 (income units)"))
        self.ax.set_ylabel(_("ally 2's defence spending x\u2082 (income units)") if len(y) == 2
                           else _("allies 2\u2013{n} together (income units)").format(
                               n=len(y)))
        self.legend.get_texts()[1].set_text(_("ally 2's best response") if len(y) == 2
                                            else _("others' joint best response"))
        self.title.set_text(_("Nash total {total}, efficient {efficient}: "
                              "under-provision {gap}").format(
            total=number(eq.total, ".3g"), efficient=number(star, ".3g"),
            gap=number(eq.gap, ".3g")) if self.numbers_in_title else
                            _("Reaction curves: Nash and efficient totals"))
        self.equilibrium = eq

    def dynamic_artists(self) -> list:
        """The artists that change with the parameters (for a layered widget renderer)."""
        return [self.curve_1, self.curve_others, self.efficient_line, self.nash_total_line,
                self.equal_point, self.nash_point] + ([self.title] if self.numbers_in_title
                                                      else [])


def plot_reaction_curves(alpha: float, incomes: Sequence[float],
                         ax: Axes | None = None) -> Axes:
    """Draw reaction curves with the Nash point and the Samuelson provision.

    See :class:`ReactionCurvesPlot` for what is drawn.

    Parameters
    ----------
    alpha : float
    incomes : sequence of float
        Two or more incomes; ally 1 is the first.
    ax : Axes, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> ax = plot_reaction_curves(0.1, [10, 1])
    >>> ax.get_xlabel()
    "ally 1's defence spending x\u2081 (income units)"
    """
    plot = ReactionCurvesPlot(alpha, incomes, ax if ax is not None else new_axes(5.0, 4.2))
    return plot.ax


class BurdenSharesPlot:
    """Bars of each ally's burden (defence as % of income) at the Nash equilibrium.

    A dashed line marks the equal burden ``alpha`` of the efficient split; free riders'
    bars are hatched and labelled "0 %". Up to :data:`MAX_PLOTTED_ALLIES` allies.

    Examples
    --------
    >>> plot = BurdenSharesPlot(nash_equilibrium(0.1, [10, 1]))
    >>> [round(b.get_height(), 3) for b in plot.bars[:2]]
    [10.0, 0.0]
    """

    def __init__(self, equilibrium: Equilibrium, ax: Axes | None = None) -> None:
        if ax is not None and not isinstance(ax, Axes):
            raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
                type=type(ax).__name__))
        self.ax = ax if ax is not None else new_axes(4.2, 4.2, pyplot=False)
        ax = self.ax
        slots = range(MAX_PLOTTED_ALLIES)
        self.bars = list(ax.bar(list(slots), [0.0] * MAX_PLOTTED_ALLIES, width=0.65,
                                color=PALETTE["blue"], edgecolor="black"))
        self.labels = [ax.text(i, 0, "", ha="center", va="bottom", fontsize=8) for i in slots]
        (self.equal_line,) = ax.plot([], [], color=PALETTE["green"], ls="--", lw=1.6)
        ax.legend(handles=[
            self.bars[0],
            Line2D([], [], color=PALETTE["green"], ls="--", lw=1.6,
                   label=_("equal burden of the efficient split (\u03b1)"))],
            labels=[_("burden at the Nash equilibrium"),
                    _("equal burden of the efficient split (\u03b1)")],
            loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=8, frameon=False)
        ax.set_ylabel(_("defence spending, % of own income"))
        ax.set_xlabel(_("ally"))
        ax.set_title(_("Burden: defence as a share of income"), fontsize=11)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        localize_axes(ax)
        self._top: float | None = None
        ax.grid(True, axis="y", color="#DDDDDD", lw=0.6)
        self.update(equilibrium)

    def update(self, equilibrium: Equilibrium) -> None:
        """Show ``equilibrium``, updating the bars and labels in place."""
        if not isinstance(equilibrium, Equilibrium):
            raise TypeError(_("equilibrium must be an Equilibrium; got {type}").format(
                type=type(equilibrium).__name__))
        n = equilibrium.n
        if n > MAX_PLOTTED_ALLIES:
            raise ValueError(_("equilibrium has {n} allies; the plot shows at most "
                               "{most}").format(n=n, most=MAX_PLOTTED_ALLIES))
        burdens = [100.0 * b for b in equilibrium.burdens]
        top = max(max(burdens), 100.0 * max(equilibrium.alphas))
        for i, (bar, label) in enumerate(zip(self.bars, self.labels)):
            visible = i < n
            bar.set_visible(visible)
            label.set_visible(visible)
            if not visible:
                continue
            free = burdens[i] <= 1e-9
            bar.set_height(burdens[i])
            bar.set_hatch("//" if free else "")
            bar.set_facecolor("white" if free else PALETTE["blue"])
            label.set_position((i, burdens[i] + 0.02 * top))
            label.set_text(_("{value} %").format(value=number(burdens[i], ".1f")) if not free
                           else _("0 %\nfree rider"))
        alpha = equilibrium.alphas[0] if equilibrium.common_alpha else None
        if alpha is None:
            self.equal_line.set_data([], [])
        else:
            self.equal_line.set_data([-0.5, n - 0.5], [100 * alpha, 100 * alpha])
        self.ax.set_xlim(-0.5, n - 0.5)
        self.ax.set_xticks(range(n), [str(i + 1) for i in range(n)])
        self._top = _sticky_limit(self._top, 1.2 * top)
        self.ax.set_ylim(0.0, self._top)

    def dynamic_artists(self) -> list:
        """The artists that change with the equilibrium (for a layered widget renderer)."""
        return [*self.bars, *self.labels, self.equal_line]


def plot_burden_shares(equilibrium: Equilibrium, ax: Axes | None = None) -> Axes:
    """Bar chart of each ally's burden (defence as % of its income) at the equilibrium.

    Examples
    --------
    >>> ax = plot_burden_shares(nash_equilibrium(0.1, [10, 1]))
    >>> ax.get_ylabel()
    'defence spending, % of own income'
    """
    plot = BurdenSharesPlot(equilibrium, ax if ax is not None else new_axes(4.2, 4.2))
    return plot.ax
