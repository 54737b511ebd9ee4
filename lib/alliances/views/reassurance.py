"""Figures of notebook 06: reassure or deter, NATO's enlargement beside Russia, arms spending.

A view module: it draws what :mod:`alliances.models.reassurance` (our formalization of the spiral
and deterrence models), :mod:`alliances.cases.nato_russia` and the data files compute. Every
figure has a title and labelled axes; meaning is carried by line style and marker as well
as by colour (the Okabe-Ito palette of :mod:`alliances.views.style`).

Examples
--------
>>> plot = PolicyValuePlot(reassurance(0.2, 5, 2, 0.5))
>>> plot.threshold.get_xdata()
[0.4]
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from alliances import data
from alliances._validation import check_real
from alliances.i18n import N_, _, number
from alliances.views.style import (
    COL_COLOUR,
    PALETTE,
    ROW_COLOUR,
    localize_axes,
    new_axes,
    short_date,
)
from alliances.models.reassurance import Reassurance, reassurance, simultaneous_threshold

__all__ = ["PolicyValuePlot", "plot_policy_values", "EVENT_NAMES", "enlargement_events",
           "plot_enlargement_timeline", "plot_milex", "plot_reaction_intervals"]

_REASSURE_FILL = "#CCEBE3"    # light tint of the palette's green
_DETER_FILL = "#F6D5BF"       # light tint of the palette's vermillion


def _check_ax(ax: object) -> None:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
            type=type(ax).__name__))


def _check_ylim(ylim: object) -> tuple[float, float]:
    if isinstance(ylim, (str, bytes)) or not isinstance(ylim, (tuple, list)) or len(ylim) != 2:
        raise TypeError(_("ylim must be a pair of numbers (low, high); got {value}").format(
            value=f"{ylim!r:.60}"))
    low, high = (check_real(v, "ylim") for v in ylim)
    if not low < high:
        raise ValueError(_("ylim must be (low, high) with low < high; got {value!r}").format(
            value=ylim))
    return low, high


class PolicyValuePlot:
    """The expected value of reassuring and of deterring against the belief q, updated in place.

    Reassuring is worth ``-q * exploitation_cost``, deterring ``-spiral_cost`` (the defender
    moves first and is seen); the shaded regions show where each pays, the dotted line the
    threshold ``q* = spiral_cost / exploitation_cost``, the dash-dotted line the largest q at
    which mutual reassurance is an equilibrium of the simultaneous game, and the diamond the
    current belief.

    Parameters
    ----------
    model : Reassurance
        From :func:`alliances.models.reassurance.reassurance`.
    ax : Axes, optional
    ylim : (float, float), optional
        Fixed vertical range (widgets); by default fitted to the costs.

    Examples
    --------
    >>> plot = PolicyValuePlot(reassurance(0.6, 5, 2, 1))
    >>> plot.point.get_ydata()
    [-2.0]
    """

    def __init__(self, model: Reassurance, ax: Axes | None = None, *,
                 ylim: tuple[float, float] | None = None) -> None:
        _check_ax(ax)
        if ylim is not None:
            ylim = _check_ylim(ylim)
        self.ax = ax if ax is not None else new_axes(6.4, 3.9, pyplot=False)
        self._ylim = ylim
        ax = self.ax
        transform = ax.get_xaxis_transform()
        self.reassure_band = Rectangle((0, 0), 0, 1, facecolor=_REASSURE_FILL, hatch="//",
                                       edgecolor=PALETTE["green"], linewidth=0, zorder=0,
                                       transform=transform)
        self.deter_band = Rectangle((0, 0), 0, 1, facecolor=_DETER_FILL, hatch="..",
                                    edgecolor=COL_COLOUR, linewidth=0, zorder=0,
                                    transform=transform)
        ax.add_patch(self.reassure_band)
        ax.add_patch(self.deter_band)
        self.reassure, = ax.plot([0, 1], [0, 0], color=ROW_COLOUR, linewidth=2.4,
                                 label=_("reassure: -q × exploitation cost"), zorder=3)
        self.deter, = ax.plot([0, 1], [0, 0], color=COL_COLOUR, linewidth=2.4, linestyle="--",
                              label=_("deter: -spiral cost"), zorder=3)
        self.threshold = ax.axvline(0.5, color=PALETTE["black"], linestyle=":", linewidth=1.6,
                                    label=_("q* (sequential game)"), zorder=2)
        self.simultaneous = ax.axvline(0.5, color=PALETTE["purple"], linestyle="-.",
                                       linewidth=1.4, zorder=2,
                                       label=_("simultaneous game: mutual\nreassurance "
                                               "an equilibrium up to here"))
        self.point, = ax.plot([0.5], [0], marker="D", markersize=9, color=PALETTE["black"],
                              markerfacecolor=PALETTE["yellow"], linestyle="none", zorder=4,
                              label=_("current belief, best policy"))
        self.text = ax.text(0.98, 0.97, "", transform=ax.transAxes, ha="right", va="top",
                            fontsize=9, bbox=dict(boxstyle="round,pad=0.2", facecolor="white",
                                                  edgecolor=PALETTE["grey"]), zorder=5)
        ax.set_xlim(0, 1)
        ax.set_xlabel(_("q: believed probability that the adversary is greedy"), fontsize=9.5)
        ax.set_ylabel(_("defender's expected payoff (cost units)"), fontsize=9.5)
        ax.set_title(_("Reassure or deter? Expected value against q (our formalization)"),
                     fontsize=10.5, loc="left")
        ax.tick_params(labelsize=9)
        handles = [self.reassure, self.deter, self.threshold, self.simultaneous,
                   Rectangle((0, 0), 1, 1, facecolor=_REASSURE_FILL, hatch="//",
                             edgecolor=PALETTE["green"], label=_("reassurance pays")),
                   Rectangle((0, 0), 1, 1, facecolor=_DETER_FILL, hatch="..",
                             edgecolor=COL_COLOUR, label=_("deterrence pays"))]
        self.legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.16),
                                ncols=2, fontsize=9, frameon=False)
        localize_axes(ax)
        self.update(model)

    def artists(self) -> list:
        """The artists that change on update (for layered rendering)."""
        return [self.reassure_band, self.deter_band, self.reassure, self.deter,
                self.threshold, self.simultaneous, self.point, self.text]

    def update(self, model: Reassurance) -> None:
        """Show ``model`` by updating the existing artists."""
        if not isinstance(model, Reassurance):
            raise TypeError(_("model must be a Reassurance from alliances.models.reassurance."
                              "reassurance(...); got {type}").format(type=type(model).__name__))
        e, s, q = model.exploitation_cost, model.spiral_cost, model.q
        cut = min(1.0, s / e)
        self.reassure.set_ydata([0, -e])
        self.deter.set_ydata([-s, -s])
        self.reassure_band.set_width(cut)
        self.deter_band.set_x(cut)
        self.deter_band.set_width(1 - cut)
        self.threshold.set_xdata([cut])
        self.threshold.set_visible(cut < 1)
        sim = simultaneous_threshold(e, s, model.arming_cost)
        self.simultaneous.set_xdata([sim])
        self.simultaneous.set_visible(sim < 1)
        best = max(-q * e, -s)
        self.point.set_data([q], [best])
        policy = _("reassure") if -q * e > -s else _("deter") if -q * e < -s else _("either")
        star = f"q* = {number(cut, '.2f')}" if cut < 1 else _("q* ≥ 1: reassure at any q")
        self.text.set_text(f"q = {number(q, '.2f')}: {policy}\n{star}")
        low, high = self._ylim if self._ylim is not None else (-1.1 * max(e, s), 0.6)
        self.ax.set_ylim(low, high)


def plot_policy_values(q: float, exploitation_cost: float, spiral_cost: float,
                       arming_cost: float = 0.5, ax: Axes | None = None) -> Axes:
    """A static :class:`PolicyValuePlot` for the notebook's first view.

    Examples
    --------
    >>> ax = plot_policy_values(0.3, 5, 2)
    >>> ax.get_xlabel()
    'q: believed probability that the adversary is greedy'
    """
    model = reassurance(q, exploitation_cost, spiral_cost, arming_cost)
    if ax is None:
        ax = new_axes(6.4, 3.9)
    return PolicyValuePlot(model, ax).ax


#: Short names of the NATO-Russia events (``data/nato_russia_timeline.csv``), by start date.
EVENT_NAMES: dict[str, str] = {
    "1990-02-09": N_("Baker to Gorbachev: 'not one inch'"),
    "1990-09-12": N_("Two Plus Four treaty"),
    "1994-01-10": N_("Partnership for Peace launched"),
    "1997-05-27": N_("NATO-Russia Founding Act"),
    "1999-03-12": N_("Czechia, Hungary, Poland join"),
    "1999-03-24": N_("Kosovo air campaign"),
    "2002-05-28": N_("NATO-Russia Council"),
    "2004-03-29": N_("Seven states join (Baltics)"),
    "2007-02-10": N_("Putin's Munich speech"),
    "2008-04-03": N_("Bucharest: 'will become members'"),
    "2008-08-07": N_("Russia-Georgia war"),
    "2014-02-27": N_("Russia seizes Crimea"),
    "2014-04-01": N_("NATO suspends cooperation"),
    "2016-07-08": N_("Warsaw: forward presence"),
    "2021-12-17": N_("Russia's draft treaties"),
    "2022-02-24": N_("Full-scale invasion of Ukraine"),
    "2022-05-18": N_("Finland, Sweden apply"),
    "2023-04-04": N_("Finland joins"),
    "2024-03-07": N_("Sweden joins"),
}


def enlargement_events() -> pd.DataFrame:
    """The NATO-Russia events with a short name and a readable date, oldest first.

    Examples
    --------
    >>> events = enlargement_events()
    >>> events.loc[9, ["name", "when"]].tolist()
    ["Bucharest: 'will become members'", '3 Apr 2008']
    """
    raw = data.load("nato_russia_timeline")
    unnamed = sorted(set(raw["date_start"]) - set(EVENT_NAMES))
    if unnamed:
        raise ValueError(_("events without a short name in EVENT_NAMES: {unnamed}").format(
            unnamed=unnamed))
    starts = [date.fromisoformat(d) for d in raw["date_start"]]
    frame = pd.DataFrame({
        "start": pd.to_datetime(raw["date_start"]), "end": pd.to_datetime(raw["date_end"]),
        "when": [short_date(d) for d in starts],
        "name": [_(EVENT_NAMES[d]) for d in raw["date_start"]],
        "actor_level": raw["actor_level"], "event": raw["event"],
        "source_ids": raw["source_ids"]})
    return frame.sort_values("start", kind="stable").reset_index(drop=True)


_LEVEL_STYLE = {"nato": (N_("NATO (collective decision)"), "s", PALETTE["blue"]),
                "member": (N_("a member state"), "o", PALETTE["vermillion"]),
                "other": (N_("Russia or others"), "D", PALETTE["grey"])}


def _timeline_axes(axes: object) -> tuple[Axes, Axes]:
    if axes is not None and (not isinstance(axes, tuple) or len(axes) != 2
                             or not all(isinstance(a, Axes) for a in axes)):
        raise TypeError(_("axes must be None or a pair of matplotlib Axes; got {value}").format(
            value=f"{axes!r:.60}"))
    if axes is not None:
        return axes
    import matplotlib.pyplot as plt
    figure = plt.figure(figsize=(10, 8.2), dpi=100, layout="constrained")
    top, bottom = figure.subplots(2, 1, height_ratios=[1, 3.2])
    return top, bottom


def _draw_membership(top: Axes) -> None:
    """NATO's member count as a step line, each enlargement round labelled."""
    members = data.load("nato_accession_dates")
    joined = pd.to_datetime(members["accession_date"]).sort_values()
    counts = pd.Series(range(1, len(joined) + 1), index=joined.to_numpy())
    counts = counts.groupby(level=0).max()
    xs = [pd.Timestamp("1949-04-04"), *counts.index[1:], pd.Timestamp("2024-12-31")]
    ys = [counts.iloc[0], *counts.iloc[1:], counts.iloc[-1]]
    top.step(xs, ys, where="post", color=ROW_COLOUR, linewidth=2)
    rounds = members.groupby("enlargement_round", sort=False)["accession_date"].first()
    for name, when in rounds.items():
        if name == "founding":
            continue
        x = pd.Timestamp(when)
        top.plot([x], [counts.loc[x]], marker="o", color=ROW_COLOUR, markersize=4)
        last = name == "2024"
        top.annotate(_(name), (x, counts.loc[x]), textcoords="offset points",
                     xytext=(2, -12) if last else (-4, 5), ha="left" if last else "right",
                     fontsize=7.5)
    top.set_ylabel(_("member states"))
    top.set_xlabel(_("year of accession"))
    top.set_ylim(0, 35)
    top.set_xlim(pd.Timestamp("1948-01-01"), pd.Timestamp("2025-12-31"))
    top.set_title(_("NATO's members, 1949-2024 (labels: enlargement rounds)"), loc="left",
                  fontsize=10.5)
    top.grid(axis="y", color=PALETTE["grey"], alpha=0.3)


def _draw_events(bottom: Axes) -> None:
    """One row per NATO-Russia event, oldest at the top, labelled by name and date."""
    events = enlargement_events()
    n = len(events)
    for i, row in enumerate(events.itertuples(index=False)):
        y = n - 1 - i
        label, marker, colour = _LEVEL_STYLE[row.actor_level]
        if (row.end - row.start).days > 20:
            bottom.plot([row.start, row.end], [y, y], color=colour, linewidth=5, alpha=0.45)
        bottom.plot([row.start], [y], marker=marker, color=colour, markersize=7,
                    markeredgecolor=PALETTE["black"], markeredgewidth=0.6, linestyle="none")
        right = row.start < pd.Timestamp("2012-01-01")
        bottom.text(row.start + pd.Timedelta(days=150 if right else -150), y,
                    f"{row.name}, {row.when}", ha="left" if right else "right",
                    va="center", fontsize=8)
    bottom.set_xlim(pd.Timestamp("1989-01-01"), pd.Timestamp("2025-12-31"))
    bottom.set_ylim(-0.8, n - 0.2)
    bottom.set_yticks([])
    bottom.set_xlabel(_("year"))
    bottom.grid(axis="x", color=PALETTE["grey"], alpha=0.3)
    bottom.set_title(_("NATO and Russia, 1990-2024: events by name and date"), loc="left",
                     fontsize=10.5)
    handles = [Line2D([], [], marker=m, color=c, linestyle="none", markeredgecolor="black",
                      label=_(lab)) for lab, m, c in _LEVEL_STYLE.values()]
    bottom.legend(handles=handles, loc="lower left", fontsize=8, frameon=True)


def plot_enlargement_timeline(axes: tuple[Axes, Axes] | None = None) -> tuple[Axes, Axes]:
    """NATO's membership 1949-2024 (top) and the NATO-Russia events 1990-2024 (bottom).

    Every event is labelled with its name and date, one per row, oldest at the top.

    Examples
    --------
    >>> top, bottom = plot_enlargement_timeline()
    >>> top.get_ylabel(), len(bottom.texts)
    ('member states', 19)
    """
    top, bottom = _timeline_axes(axes)
    _draw_membership(top)
    _draw_events(bottom)
    for ax in (top, bottom):
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
        localize_axes(ax)
    return top, bottom


def _check_fits(fits: object) -> None:
    """A non-empty list of period fits (``period``, ``russia``, ``nato_europe``)."""
    if not isinstance(fits, list) or not fits or not all(
            all(hasattr(f, field) for field in ("period", "russia", "nato_europe"))
            for f in fits):
        raise TypeError(_("fits must be a non-empty list from alliances.cases.nato_russia."
                          "reaction_fits()"))


def plot_milex(frame: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Russia's and NATO Europe's spending, with the breaks of 2014 and 2022 marked.

    Parameters
    ----------
    frame : DataFrame
        From :func:`alliances.cases.nato_russia.milex_series`.

    Examples
    --------
    >>> from alliances import milex_series
    >>> ax = plot_milex(milex_series())
    >>> ax.get_ylabel()
    'US$ billion, constant 2023 prices'
    """
    _check_ax(ax)
    if not isinstance(frame, pd.DataFrame) or not {"russia", "nato_europe"} <= set(frame):
        raise TypeError(_("frame must be a DataFrame from alliances.cases.nato_russia."
                          "milex_series()"))
    ax = ax if ax is not None else new_axes(8.5, 3.8)
    ax.plot(frame.index, frame["nato_europe"], color=ROW_COLOUR, linewidth=2.2, marker="s",
            markersize=3.5, label=_("NATO Europe"))
    ax.plot(frame.index, frame["russia"], color=COL_COLOUR, linewidth=2.2, linestyle="--",
            marker="o", markersize=3.5, label=_("Russia"))
    for year, text in ((2014, _("Crimea 2014")), (2022, _("full-scale invasion 2022"))):
        if frame.index[0] < year <= frame.index[-1]:
            ax.axvline(year, color=PALETTE["grey"], linestyle=":", linewidth=1.3)
            ax.text(year + 0.2, 0.97, text, transform=ax.get_xaxis_transform(), fontsize=8,
                    va="top")
    ax.set_ylim(0, None)
    ax.set_xlabel(_("year"))
    ax.set_ylabel(_("US$ billion, constant 2023 prices"))
    ax.set_title(_("Military spending, Russia and NATO Europe (SIPRI)"), loc="left",
                 fontsize=10.5)
    ax.legend(loc="upper left", bbox_to_anchor=(0, 0.9), fontsize=8.5, frameon=False)
    ax.grid(axis="y", color=PALETTE["grey"], alpha=0.3)
    return localize_axes(ax)


def plot_reaction_intervals(fits: list, ax: Axes | None = None) -> Axes:
    """Each side's fitted reaction coefficient k with its 95 % interval, period by period.

    Examples
    --------
    >>> from alliances import reaction_fits
    >>> ax = plot_reaction_intervals(reaction_fits())
    >>> len(ax.get_yticklabels())
    4
    """
    _check_ax(ax)
    _check_fits(fits)
    ax = ax if ax is not None else new_axes(8.5, 3.6)
    n = len(fits)
    for i, fit in enumerate(fits):
        y = n - 1 - i
        for side, shift, colour, marker, label in (
                (fit.russia, 0.12, COL_COLOUR, "o", _("Russia reacts to NATO Europe")),
                (fit.nato_europe, -0.12, ROW_COLOUR, "s", _("NATO Europe reacts to Russia"))):
            low, high = side.ci["k"]
            ax.plot([low, high], [y + shift] * 2, color=colour, linewidth=2)
            ax.plot([side.k], [y + shift], marker=marker, color=colour, linestyle="none",
                    markersize=7, label=label if i == 0 else None)
    ax.axvline(0, color=PALETTE["black"], linewidth=1)
    ax.set_yticks(range(n))
    ax.set_yticklabels([f.period for f in reversed(fits)], fontsize=8.5)
    ax.set_xlabel(_("reaction coefficient k (change per US$ of the other side's level), "
                    "95 % interval"))
    ax.set_title(_("Richardson's reaction coefficient depends on the years chosen"),
                 loc="left", fontsize=10.5)
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.2), ncols=2, fontsize=8.5, frameon=False)
    ax.grid(axis="x", color=PALETTE["grey"], alpha=0.3)
    return localize_axes(ax)
