"""Views of repeated play: the discount-threshold figure and the replicator dynamics.

A view module: it draws what :mod:`alliances.models.repeated` computes (the discount
thresholds of grim trigger and tit-for-tat, nashpy's replicator dynamics).

Examples
--------
>>> plot = DiscountPlot(5, 3, 1, 0, delta=0.7)
>>> [t.get_text() for t in plot.ax.texts]
['grim trigger: δ ≥ 1/2', 'tit-for-tat: δ ≥ 2/3']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes

from alliances._validation import check_array, check_real, short_repr
from alliances.models.games import format_probability
from alliances.models.repeated import Sustainability, average_values, sustainability
from alliances.i18n import _, get_language
from alliances.views.style import COL_COLOUR, PALETTE, ROW_COLOUR, localize_axes, new_axes

__all__ = ["DiscountPlot", "plot_replicator"]




# ------------------------------------------------------------------- plots
_STYLES = [(ROW_COLOUR, "-", "o"), (COL_COLOUR, "--", "s"), (PALETTE["green"], "-.", "^"),
           (PALETTE["orange"], ":", "D"), (PALETTE["purple"], "-", "v"),
           (PALETTE["sky_blue"], "--", "P")]


def _probability(value: float) -> str:
    """:func:`format_probability`, with a decimal comma in Indonesian."""
    text = format_probability(value)
    return text if get_language() == "en" else text.replace(".", ",")


def plot_replicator(shares: np.ndarray, timepoints: object, names: Sequence[str],
                    ax: Axes | None = None, *, title: str | None = None) -> Axes:
    """Population shares over time, one line style and marker per strategy.

    Examples
    --------
    >>> from alliances.models.repeated import replicator
    >>> shares = replicator([[2.0, 3.0], [1.5, 3.0]], [0.5, 0.5], [0, 10, 20])
    >>> ax = plot_replicator(shares, [0, 10, 20], ["Always ally", "Tit-for-tat"])
    >>> [line.get_label() for line in ax.get_lines()]
    ['Always ally', 'Tit-for-tat']
    """
    values = check_array(shares, "shares")
    times = check_array(timepoints, "timepoints")
    if isinstance(names, (str, bytes)) or not isinstance(names, Sequence) or not all(
            isinstance(n, str) for n in names):
        raise TypeError(_("names must be a list of strategy names; got {value}").format(
            value=f"{names!r:.80}"))
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
            type=type(ax).__name__))
    if times.ndim != 1 or not np.all(np.isfinite(times)) or not np.all(np.isfinite(values)):
        raise ValueError(_("timepoints and shares must be finite numbers"))
    if values.ndim != 2 or values.shape != (times.size, len(names)):
        raise ValueError(_("shares must have shape (len(timepoints), len(names)) = "
                           "({times}, {names}); got {shape}").format(
            times=times.size, names=len(names), shape=values.shape))
    ax = ax if ax is not None else new_axes(6.4, 3.8)
    every = max(1, times.size // 8)
    for k, name in enumerate(names):
        colour, style, marker = _STYLES[k % len(_STYLES)]
        ax.plot(times, values[:, k], color=colour, linestyle=style, marker=marker,
                markevery=every, linewidth=2, markersize=6, label=_(name))
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlim(times[0], times[-1])
    ax.set_xlabel(_("time (generations of the replicator dynamics, arbitrary units)"),
                  fontsize=9.5)
    ax.set_ylabel(_("share of the population"), fontsize=9.5)
    ax.set_title(title or _("Which strategies spread? Replicator dynamics"), fontsize=11,
                 loc="left")
    ax.legend(fontsize=8.5, loc="center right", framealpha=0.9)
    ax.tick_params(labelsize=9)
    return localize_axes(ax)


def _check_ylim(ylim: object) -> tuple[float, float] | None:
    """Return ``ylim`` as ``(low, high)`` floats with ``low < high``, or None."""
    if ylim is None:
        return None
    if isinstance(ylim, (str, bytes)) or not isinstance(ylim, (Sequence, np.ndarray)):
        raise TypeError(_("ylim must be None or a pair of numbers (low, high); got "
                          "{type} {value}").format(type=type(ylim).__name__,
                                                   value=short_repr(ylim)))
    if len(ylim) != 2:
        raise ValueError(_("ylim must be a pair of numbers (low, high); got {n} "
                           "entries: {value}").format(n=len(ylim), value=short_repr(ylim)))
    low = check_real(ylim[0], "ylim[0] (ylim's low end)")
    high = check_real(ylim[1], "ylim[1] (ylim's high end)")
    if not low < high:
        raise ValueError(_("ylim must be (low, high) with low < high; got {value}").format(
            value=short_repr(ylim)))
    return low, high


class DiscountPlot:
    """Average payoff per round of cooperating and of deviating, against δ; updated in place.

    Parameters
    ----------
    T, R, P, S : float
    delta : float
        The current discount factor, marked on the curves.
    ax : Axes, optional
    ylim : (float, float), optional
        A fixed vertical range (widgets); by default fitted to the payoffs.

    Examples
    --------
    >>> plot = DiscountPlot(4, 3, 2, 1, delta=0.7)
    >>> plot.grim_line.get_xdata(), plot.current.get_xdata()
    ([0.5], [0.7])
    """

    GRID = np.linspace(0.0, 0.99, 100)

    def __init__(self, T: float, R: float, P: float, S: float, delta: float,
                 ax: Axes | None = None, *, ylim: tuple[float, float] | None = None) -> None:
        if ax is not None and not isinstance(ax, Axes):
            raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
                type=type(ax).__name__))
        self._ylim = _check_ylim(ylim)
        self.ax = ax if ax is not None else new_axes(6.4, 4.0, pyplot=False)
        ax = self.ax
        grid = self.GRID
        self.cooperate, = ax.plot(grid, grid, color=ROW_COLOUR, linewidth=2.4,
                                  label=_("abstain for ever (R)"))
        self.defect, = ax.plot(grid, grid, color=COL_COLOUR, linewidth=2.2, linestyle="--",
                               label=_("defect for ever (vs grim trigger or tit-for-tat)"))
        self.alternate, = ax.plot(grid, grid, color=PALETTE["orange"], linewidth=2.2,
                                  linestyle=":",
                                  label=_("alternate ally/abstain (vs tit-for-tat)"))
        self.grim_line = ax.axvline(0.5, color=PALETTE["black"], linestyle="-.",
                                    linewidth=1.2)
        self.tft_line = ax.axvline(0.5, color=PALETTE["purple"], linestyle=(0, (1, 1)),
                                   linewidth=1.6)
        # the thresholds' names stand level in two rows at the top, above the curves (which
        # meet R at each threshold and rise only slowly away from it), on a pale box
        backing = {"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none",
                   "alpha": 0.85}
        self.grim_text = ax.text(0.5, 0.97, "", transform=ax.get_xaxis_transform(),
                                 ha="right", va="top", fontsize=8.5, bbox=backing)
        self.tft_text = ax.text(0.5, 0.89, "", transform=ax.get_xaxis_transform(),
                                ha="left", va="top", fontsize=8.5, color=PALETTE["purple"],
                                bbox=backing)
        self.current = ax.axvline(0.5, color=PALETTE["grey"], linewidth=6, alpha=0.35)
        self.points, = ax.plot([], [], linestyle="none", marker="o", markersize=7,
                               markerfacecolor="white", markeredgecolor="black")
        ax.set_xlim(0, 1)
        ax.set_xlabel(_("δ: discount factor (weight of the next round)"), fontsize=9.5)
        ax.set_ylabel(_("average payoff per round (ordinal units)"), fontsize=9.5)
        ax.set_title(_("The shadow of the future: cooperate or deviate?"), fontsize=11,
                     loc="left")
        ax.tick_params(labelsize=9)
        self.legend = ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(0.0, -0.14),
                                ncols=2, frameon=False)
        localize_axes(ax)
        self.update(T, R, P, S, delta)

    def artists(self) -> list:
        """The artists that change on update (for layered rendering)."""
        return [self.current, self.cooperate, self.defect, self.alternate, self.grim_line,
                self.tft_line, self.grim_text, self.tft_text, self.points]

    def update(self, T: float, R: float, P: float, S: float, delta: float) -> Sustainability:
        """Show a new game and discount factor; return their :class:`Sustainability`."""
        result = sustainability(T, R, P, S, delta)
        values = average_values(T, R, P, S, self.GRID)
        self.cooperate.set_ydata(values["cooperate"])
        self.defect.set_ydata(values["defect for ever"])
        self.alternate.set_ydata(values["alternate"])
        for line, text, value, name in ((self.grim_line, self.grim_text, result.grim,
                                         _("grim trigger")),
                                        (self.tft_line, self.tft_text, result.tit_for_tat,
                                         _("tit-for-tat"))):
            line.set_visible(value is not None)
            text.set_visible(value is not None)
            if value is not None:
                line.set_xdata([value])
                # grim trigger's name to the left of its line, tit-for-tat's to the right,
                # unless that would run it off the plot (a name is under a fifth of it wide)
                left = value > 0.2 if text is self.grim_text else value > 0.7
                text.set_x(value - 0.012 if left else value + 0.012)
                text.set_horizontalalignment("right" if left else "left")
                text.set_text(f"{name}: δ ≥ {_probability(value)}")
        d = result.delta
        here = average_values(T, R, P, S, [d])
        self.current.set_xdata([d])
        self.points.set_data([d, d, d], [here["cooperate"][0], here["defect for ever"][0],
                                         here["alternate"][0]])
        if self._ylim is None:
            low = min(result.S, result.P, result.R) - 0.3
            high = result.T + 0.6
            self.ax.set_ylim(low, high)
        else:
            self.ax.set_ylim(*self._ylim)
        return result
