"""Figures of the Afghanistan case: who sent the troops, who did the fighting, who pays now.

A view module: it draws the tables that :mod:`alliances.cases.afghanistan` computes from
the course's data (ISAF troop snapshots, coalition fatalities, NATO's spending as a share
of GDP). Meaning is carried by hatching, marker and line style as well as by colour (the
Okabe-Ito palette of :mod:`alliances.views.style`).

Examples
--------
>>> from alliances import deaths_per_thousand
>>> plot_deaths_per_thousand(deaths_per_thousand()).get_title()[:23]
'Who did the fighting: d'
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from alliances._validation import _show
from alliances.views.style import PALETTE, new_axes

__all__ = ["plot_shares", "plot_deaths_per_thousand", "plot_spending"]

#: Bars of each ISAF snapshot (the columns of ``share_table``, oldest first); the US and UK
#: figures of November 2010 are rounded in the source, and the legend says so.
_SNAPSHOT_STYLE = {
    "3 Jun 2008": dict(color=PALETTE["sky_blue"], hatch="", note=""),
    "1 Oct 2009": dict(color=PALETTE["blue"], hatch="//", note=""),
    "Nov 2010": dict(color=PALETTE["orange"], hatch="..",
                     note=" (US and UK rounded in source)"),
}
_REGION_STYLE = {"south": dict(color=PALETTE["vermillion"], hatch="//"),
                 "outside the south": dict(color=PALETTE["blue"], hatch=".."),
                 "other": dict(color=PALETTE["grey"], hatch="")}
_REGION_LEGEND = (("south", "fighting in the south (Riga-era source)"),
                  ("outside the south", "outside the south (Riga-era source)"),
                  ("other", "other"))
_SERIES_STYLES = [dict(color=PALETTE["blue"], marker="o", ls="-"),
                  dict(color=PALETTE["vermillion"], marker="s", ls="--"),
                  dict(color=PALETTE["green"], marker="^", ls="-."),
                  dict(color=PALETTE["purple"], marker="D", ls=":")]


def _check_ax(ax: object) -> None:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__} "
                        f"{_show(ax)}")


# ----------------------------------------------------------------------- troop shares
def plot_shares(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Horizontal bars: each nation's share of ISAF troops at the three snapshots.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`alliances.cases.afghanistan.share_table`.
    ax : Axes, optional

    Examples
    --------
    >>> from alliances import share_table
    >>> ax = plot_shares(share_table())
    >>> ax.get_xlabel()
    'share of the ISAF total (%)'
    """
    _check_ax(ax)
    labels = list(_SNAPSHOT_STYLE)
    if not isinstance(table, pd.DataFrame) or not set(labels) <= set(table.columns):
        raise TypeError("table must be a DataFrame from share_table()")
    ax = ax if ax is not None else new_axes(7.0, 5.0)
    countries = list(table.index)
    y = np.arange(len(countries))
    height = 0.27
    for k, label in enumerate(labels):
        values = table[label].to_numpy(dtype=float)
        style = _SNAPSHOT_STYLE[label]
        ax.barh(y + (k - 1) * height, np.nan_to_num(values), height=height,
                color=style["color"], hatch=style["hatch"], edgecolor="black", linewidth=0.5,
                label=label + style["note"])
        for yy, v in zip(y + (k - 1) * height, values):
            text = "not named" if np.isnan(v) else f"{v:.1f}"
            ax.text((0 if np.isnan(v) else v) + 0.6, yy, text, va="center", fontsize=7)
    ax.set_yticks(y)
    ax.set_yticklabels(countries)
    ax.invert_yaxis()
    ax.set_xlabel("share of the ISAF total (%)")
    ax.set_xlim(0, float(np.nanmax(table[labels].to_numpy(dtype=float))) * 1.12)
    ax.set_title("Who sent the troops: shares of ISAF at three snapshots", fontsize=11)
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(True, axis="x", color="#DDDDDD", lw=0.6)
    return ax


# ------------------------------------------------------------------------ fatalities
def plot_deaths_per_thousand(table: pd.DataFrame, ax: Axes | None = None, *,
                             min_troops: int = 500) -> Axes:
    """Bars of deaths per 1,000 troops, the groups of ``region_rates`` marked.

    Only contingents of at least ``min_troops`` at the snapshot are drawn, because the
    ratio means nothing for a handful of soldiers counted on one day.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`alliances.cases.afghanistan.deaths_per_thousand`.
    ax : Axes, optional
    min_troops : int
        The smallest contingent drawn, 1 or more.

    Examples
    --------
    >>> from alliances import deaths_per_thousand
    >>> ax = plot_deaths_per_thousand(deaths_per_thousand())
    >>> ax.get_ylabel()
    'deaths 2001-2021 per 1,000 troops in ISAF'
    """
    if not isinstance(table, pd.DataFrame) or not {"country", "per_1000", "region",
                                                   "troops"} <= set(table.columns):
        raise TypeError("table must be a DataFrame from deaths_per_thousand()")
    _check_ax(ax)
    if isinstance(min_troops, bool) or not isinstance(min_troops, (int, np.integer)) \
            or min_troops < 1:
        raise ValueError(f"min_troops must be a whole number >= 1; got {min_troops!r}")
    shown = table[table["troops"] >= min_troops]
    if shown.empty:
        raise ValueError(f"no contingent has at least min_troops = {min_troops} troops")
    ax = ax if ax is not None else new_axes(7.6, 4.0)
    style = _REGION_STYLE
    x = np.arange(len(shown))
    for xx, row in zip(x, shown.itertuples(index=False)):
        ax.bar(xx, row.per_1000, color=style[row.region]["color"],
               hatch=style[row.region]["hatch"], edgecolor="black", linewidth=0.5)
        ax.text(xx, row.per_1000 + 1, f"{row.per_1000:.0f}", ha="center", fontsize=7)
    ax.set_xticks(x)
    ax.set_xticklabels(shown["country"], rotation=60, ha="right", fontsize=8)
    ax.set_ylabel("deaths 2001-2021 per 1,000 troops in ISAF")
    ax.set_ylim(0, float(shown["per_1000"].max()) * 1.15)
    handles = [Patch(facecolor=style[r]["color"], hatch=style[r]["hatch"], edgecolor="black",
                     label=lab) for r, lab in _REGION_LEGEND]
    ax.legend(handles=handles, fontsize=8, loc="upper right")
    ax.set_title(f"Who did the fighting: deaths per 1,000 troops (contingents of "
                 f"{min_troops:,} or more)", fontsize=10)
    ax.grid(True, axis="y", color="#DDDDDD", lw=0.6)
    return ax


# -------------------------------------------------------------------------- spending
def _fractional_year(day: date) -> float:
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def _check_spending_input(series: object, events: object, estimates: object) -> set:
    if not isinstance(series, pd.DataFrame) or series.empty:
        raise TypeError("series must be a non-empty DataFrame from spending_series()")
    if not (isinstance(events, dict) and all(
            isinstance(label, str) and isinstance(day, date) for label, day in events.items())):
        raise TypeError(f"events must be a dict of str labels to dates; got "
                        f"{type(events).__name__} {_show(events)}")
    try:
        if isinstance(estimates, (str, bytes)):
            raise TypeError
        return set(estimates)
    except TypeError:
        raise TypeError(f"estimates must be a collection of years; got "
                        f"{type(estimates).__name__} {_show(estimates)}") from None


def _draw_series(ax: Axes, series: pd.DataFrame, estimates: set) -> np.ndarray:
    """One line per column, each year at its middle; a NATO estimate as an open marker."""
    years = np.asarray(series.index, dtype=float)
    for k, column in enumerate(series.columns):
        style = _SERIES_STYLES[k % len(_SERIES_STYLES)]
        values = series[column].to_numpy(dtype=float)
        ax.plot(years + 0.5, values, color=style["color"], ls=style["ls"], lw=2,
                label=column)
        for year, value in zip(series.index, values):
            estimate = year in estimates
            ax.plot(year + 0.5, value, marker=style["marker"], color=style["color"],
                    mfc="white" if estimate else style["color"], mec=style["color"], ms=6)
    return years


def _draw_events(ax: Axes, events: dict[str, date]) -> None:
    line_styles = [":", "-."]
    for k, (label, day) in enumerate(events.items()):
        ax.axvline(_fractional_year(day), color=PALETTE["black"], lw=1.2,
                   ls=line_styles[k % 2], label=f"{label} ({day.day} {day:%b %Y})")


def plot_spending(series: pd.DataFrame, ax: Axes | None = None, *,
                  events: dict[str, date], estimates: object = ()) -> Axes:
    """Spending as % of GDP by year, with dated events as vertical lines.

    Each year's value is drawn at the middle of its year, so that an event line falls
    inside the year whose spending it could have touched; a year in ``estimates`` (a NATO
    estimate) is drawn as an open marker.

    Parameters
    ----------
    series : pandas.DataFrame
        From :func:`alliances.cases.afghanistan.spending_series`.
    ax : Axes, optional
    events : dict of str to date
        Vertical lines, one per event (label -> day).
    estimates : collection of int
        The years whose values are NATO estimates.

    Examples
    --------
    >>> from datetime import date
    >>> from alliances import spending_series
    >>> ax = plot_spending(spending_series(), events={"Kabul": date(2021, 8, 30)},
    ...                    estimates={2024})
    >>> ax.get_ylabel()
    'defence spending, % of GDP (NATO)'
    """
    _check_ax(ax)
    estimates = _check_spending_input(series, events, estimates)
    ax = ax if ax is not None else new_axes(7.0, 4.0)
    years = _draw_series(ax, series, estimates)
    _draw_events(ax, events)
    ax.axhline(2.0, color=PALETTE["grey"], lw=1, ls="--")
    ax.text(years.min() + 0.1, 2.03, "2 % guideline", fontsize=7, color=PALETTE["grey"],
            va="bottom")
    ax.set_xticks(years + 0.5)
    ax.set_xticklabels([str(int(y)) for y in years], fontsize=8)
    ax.set_xlim(years.min(), years.max() + 1)
    ax.set_xlabel("year (open marker: NATO estimate)")
    ax.set_ylabel("defence spending, % of GDP (NATO)")
    ax.set_title("Defence spending, NATO August 2025 release", fontsize=11)
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], marker="o", mfc="white", mec="black", ls="none"))
    labels.append("NATO estimate (2024)")
    ax.legend(handles, labels, fontsize=7.5, loc="center left")
    ax.grid(True, color="#DDDDDD", lw=0.6)
    return ax
