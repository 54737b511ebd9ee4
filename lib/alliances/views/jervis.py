"""Views of Jervis (1978): the cooperation threshold figure, the four worlds table and labels.

A view module: it draws (or tabulates) what :mod:`alliances.models.jervis` computes, our
formalization of Jervis's cooperation threshold p* and of his four worlds.

Examples
--------
>>> ax = plot_cooperation_threshold(CC=4, CD=1, DC=3, DD=2)
>>> ax.texts[0].get_text()
'p* = 1/2'
"""

from __future__ import annotations


import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from alliances._validation import check_interval
from alliances.models.games import format_probability
from alliances.models.jervis import (
    WORLDS,
    CooperationThreshold,
    cooperation_threshold,
    offence_defence_game,
)
from alliances.i18n import _, get_language
from alliances.views.style import COL_COLOUR, PALETTE, ROW_COLOUR, localize_axes, new_axes

__all__ = ["four_worlds", "ThresholdPlot", "plot_cooperation_threshold", "world_labels"]




def _probability(value: float) -> str:
    """:func:`format_probability`, with a decimal comma in Indonesian."""
    text = format_probability(value)
    return text if get_language() == "en" else text.replace(".", ",")


def four_worlds() -> pd.DataFrame:
    """Jervis's four worlds at the corners of the plane, with the model's game and p*.

    Returns
    -------
    DataFrame
        One row per world: the two levers, Jervis's verdict, and the model's (our
        formalization) family, payoffs and threshold.

    Examples
    --------
    >>> table = four_worlds()
    >>> print(table[["world", "family", "p_star"]].to_string(index=False))
     world             family p_star
         1 Prisoner's Dilemma   none
         2          Stag Hunt    1/2
         3          Stag Hunt    1/2
         4            Harmony    any
    """
    rows = []
    for number, (offence_wins, distinguishable, verdict) in WORLDS.items():
        world = offence_defence_game(1.0 if offence_wins else -1.0,
                                     1.0 if distinguishable else 0.0)
        threshold = world.threshold
        p_star = (format_probability(threshold.p_star) if threshold.p_star is not None
                  else {"never": _("none"), "always": _("any")}.get(threshold.kind,
                                                                    threshold.kind))
        rows.append({"world": number,
                     "advantage": _("offence") if offence_wins else _("defence"),
                     "postures": _("distinguishable") if distinguishable
                     else _("not distinguishable"),
                     "Jervis (summary)": _(verdict), "family": _(world.family),
                     "T": world.T, "R": world.R, "P": world.P, "S": world.S,
                     "p_star": p_star})
    return pd.DataFrame(rows)


class ThresholdPlot:
    """Expected payoffs of cooperating and defecting against the belief p, updated in place.

    Parameters
    ----------
    threshold : CooperationThreshold
    ax : Axes, optional
    ylim : (float, float), optional
        Fixed vertical range (widgets); by default fitted to the payoffs.

    Examples
    --------
    >>> plot = ThresholdPlot(cooperation_threshold(4, 0, 3, 2))
    >>> plot.marker.get_xdata()
    [0.666...]
    """

    def __init__(self, threshold: CooperationThreshold, ax: Axes | None = None, *,
                 ylim: tuple[float, float] | None = None) -> None:
        if ax is not None and not isinstance(ax, Axes):
            raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
                type=type(ax).__name__))
        if ylim is not None:
            ylim = check_interval(ylim, "ylim")
        self.ax = ax if ax is not None else new_axes(5.2, 3.8, pyplot=False)
        ax = self.ax
        self._ylim = ylim
        self.band = Rectangle((0, 0), 0, 1, facecolor="#CCEBE3", edgecolor=PALETTE["green"],
                              hatch="//", linewidth=0, zorder=0,
                              transform=ax.get_xaxis_transform())
        ax.add_patch(self.band)
        self.cooperate, = ax.plot([0, 1], [0, 0], color=ROW_COLOUR, linewidth=2.4,
                                  label=_("cooperate (C)"), zorder=3)
        self.defect, = ax.plot([0, 1], [0, 0], color=COL_COLOUR, linewidth=2.4,
                               linestyle="--", label=_("defect (D)"), zorder=3)
        self.marker = ax.axvline(0.5, color=PALETTE["black"], linestyle=":", linewidth=1.5,
                                 zorder=2)
        self.marker.set_xdata([0.5])
        self.text = ax.text(0.02, 0.97, "", transform=ax.transAxes, ha="left", va="top",
                            fontsize=9, bbox=dict(boxstyle="round,pad=0.2", facecolor="white",
                                                  edgecolor=PALETTE["grey"]), zorder=4)
        ax.set_xlim(0, 1)
        ax.set_xlabel(_("p: belief that the other cooperates (probability)"), fontsize=9.5)
        ax.set_ylabel(_("expected payoff (ordinal units)"), fontsize=9.5)
        # two lines: a left-aligned title wider than the axes would run off the figure
        ax.set_title(_("Cooperate or defect?\nExpected payoff against p"), fontsize=11,
                     loc="left")
        ax.tick_params(labelsize=9)
        handles = [self.cooperate, self.defect,
                   Rectangle((0, 0), 1, 1, facecolor="#CCEBE3", edgecolor=PALETTE["green"],
                             hatch="//", label=_("cooperation pays"))]
        self.legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.15),
                                ncols=2, fontsize=8, frameon=False, columnspacing=1.0)
        localize_axes(ax)
        self.update(threshold)

    def artists(self) -> list:
        """The artists that change on update (for layered rendering)."""
        return [self.band, self.cooperate, self.defect, self.marker, self.text]

    def update(self, threshold: CooperationThreshold) -> None:
        """Show ``threshold`` by updating the existing artists."""
        if not isinstance(threshold, CooperationThreshold):
            raise TypeError(_("threshold must be a CooperationThreshold; got {type}").format(
                type=type(threshold).__name__))
        t = threshold
        self.cooperate.set_ydata([t.CD, t.CC])
        self.defect.set_ydata([t.DD, t.DC])
        if self._ylim is None:
            low = min(t.CC, t.CD, t.DC, t.DD)
            high = max(t.CC, t.CD, t.DC, t.DD)
            pad = 0.12 * (high - low or 1)
            self.ax.set_ylim(low - pad, high + 3 * pad)
        else:
            self.ax.set_ylim(*self._ylim)
        if t.kind == "at least":
            span = (t.p_star, 1.0)
        elif t.kind == "at most":
            span = (0.0, t.p_star)
        elif t.kind in ("always", "indifferent"):
            span = (0.0, 1.0)
        else:
            span = (0.0, 0.0)
        self.band.set_x(span[0])
        self.band.set_width(span[1] - span[0])
        self.band.set_visible(span[1] > span[0])
        self.marker.set_visible(t.p_star is not None)
        if t.p_star is not None:
            self.marker.set_xdata([t.p_star])
        self.text.set_text(
            f"p* = {_probability(t.p_star)}" if t.p_star is not None else
            {"never": _("p* undefined:\nno belief is enough"),
             "always": _("no threshold:\ncooperation always pays"),
             "indifferent": _("no threshold:\nalways a tie")}[t.kind])


def plot_cooperation_threshold(CC: float, CD: float, DC: float, DD: float,
                               ax: Axes | None = None) -> Axes:
    """Draw the expected payoffs of cooperating and defecting against p, and p*.

    Examples
    --------
    >>> ax = plot_cooperation_threshold(CC=4, CD=0, DC=3, DD=2)
    >>> ax.texts[0].get_text()
    'p* = 2/3'
    """
    result = cooperation_threshold(CC, CD, DC, DD)
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
            type=type(ax).__name__))
    plot = ThresholdPlot(result, ax if ax is not None else new_axes(5.2, 3.8))
    return plot.ax


def world_labels(ax: Axes) -> list:
    """Draw Jervis's world numbers in the corners of the plane and the dividing lines.

    Returns the artists (for layered rendering).

    Examples
    --------
    >>> len(world_labels(new_axes(pyplot=False)))
    6
    """
    if not isinstance(ax, Axes):
        raise TypeError(_("ax must be a matplotlib Axes; got {type}").format(
            type=type(ax).__name__))
    artists = []
    for number, (offence_wins, distinguishable, _verdict) in WORLDS.items():
        x = 0.97 if offence_wins else -0.97
        y = 0.985 if distinguishable else 0.015     # in the corners, clear of family names
        artists.append(ax.text(x, y, _("world {number}").format(number=number),
                               ha="right" if offence_wins else "left",
                               va="top" if distinguishable else "bottom", fontsize=8.5,
                               fontweight="bold", zorder=6,
                               bbox=dict(boxstyle="round,pad=0.15", facecolor="white",
                                         edgecolor=PALETTE["black"], linewidth=0.6)))
    artists += ax.plot([0, 0], [0, 1], color=PALETTE["black"], linewidth=0.8,
                       linestyle="-.", zorder=4)
    artists += ax.plot([-1, 1], [0.5, 0.5], color=PALETTE["black"], linewidth=0.8,
                       linestyle="-.", zorder=4)
    return artists
