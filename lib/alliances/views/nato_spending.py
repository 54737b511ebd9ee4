"""Figures of NATO's defence spending as a share of GDP, 2014-2024, and the 2 % guideline.

A view module: it draws what :mod:`alliances.cases.nato_spending` computes from NATO's
August 2025 release (Allies at or above 2 % each year; spending by year with dated
events). A NATO estimate is drawn hatched or as an open marker, so meaning is never carried
by colour alone (the Okabe-Ito palette of :mod:`alliances.views.style`).

Examples
--------
>>> import pandas as pd
>>> counts = pd.DataFrame({"year": [2014, 2024], "count": [3, 18], "listed": [31, 31]})
>>> [int(p.get_height()) for p in plot_allies_at_or_above(counts).patches]
[3, 18]
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from alliances._validation import short_repr
from alliances.data import load
from alliances.i18n import _
from alliances.views.style import PALETTE, localize_axes, new_axes, short_date

__all__ = ["plot_allies_at_or_above", "plot_spending"]

_SERIES_STYLES = [dict(color=PALETTE["blue"], marker="o", ls="-"),
                  dict(color=PALETTE["vermillion"], marker="s", ls="--"),
                  dict(color=PALETTE["green"], marker="^", ls="-."),
                  dict(color=PALETTE["purple"], marker="D", ls=":")]


def _check_ax(ax: object) -> None:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(_("ax must be a matplotlib Axes or None; got {type} {value}").format(
            type=type(ax).__name__, value=short_repr(ax)))


# ------------------------------------------------------------------ the 2 % guideline
def plot_allies_at_or_above(counts: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Bars: the number of Allies at or above 2 % of GDP each year (2024 hatched: estimate).

    Parameters
    ----------
    counts : pandas.DataFrame
        From :func:`alliances.cases.nato_spending.allies_at_or_above`.
    ax : Axes, optional

    Examples
    --------
    >>> from alliances import allies_at_or_above
    >>> ax = plot_allies_at_or_above(allies_at_or_above())
    >>> [int(p.get_height()) for p in ax.patches][:2]
    [3, 4]
    """
    if not isinstance(counts, pd.DataFrame) or not {"year", "count", "listed"} <= set(
            counts.columns):
        raise TypeError(_("counts must be a DataFrame like allies_at_or_above()'s"))
    _check_ax(ax)
    ax = ax if ax is not None else new_axes(6.4, 3.6)
    estimates = set(load("nato_defence_pct_gdp_2014_2024").query("is_estimate")["year"])
    for year, count in zip(counts["year"], counts["count"]):
        estimate = year in estimates
        ax.bar(year, count, color="white" if estimate else PALETTE["blue"],
               edgecolor=PALETTE["blue"] if estimate else "black", hatch="//" if estimate else "")
        ax.text(year, count + 0.3, str(count), ha="center", va="bottom", fontsize=8)
    listed = int(counts["listed"].max())
    ax.set_xticks(list(counts["year"]))
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel(_("year (hatched: NATO estimate)"))
    ax.set_ylabel(_("Allies at or above 2 % (of {listed})").format(listed=listed))
    ax.set_ylim(0, max(counts["count"]) * 1.2 + 1)
    ax.set_title(_("Allies meeting the 2 % guideline (NATO, August 2025 release)"),
                 fontsize=10)
    ax.grid(True, axis="y", color="#DDDDDD", lw=0.6)
    return localize_axes(ax)


# -------------------------------------------------------------------------- spending
def _fractional_year(day: date) -> float:
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def _check_spending_input(series: object, events: object, estimates: object) -> set:
    if not isinstance(series, pd.DataFrame) or series.empty:
        raise TypeError(_("series must be a non-empty DataFrame from spending_series()"))
    if not (isinstance(events, dict) and all(
            isinstance(label, str) and isinstance(day, date) for label, day in events.items())):
        raise TypeError(_("events must be a dict of str labels to dates; got "
                          "{type} {value}").format(type=type(events).__name__,
                                                   value=short_repr(events)))
    try:
        if isinstance(estimates, (str, bytes)):
            raise TypeError
        return set(estimates)
    except TypeError:
        raise TypeError(_("estimates must be a collection of years; got "
                          "{type} {value}").format(type=type(estimates).__name__,
                                                   value=short_repr(estimates))) from None


def _draw_series(ax: Axes, series: pd.DataFrame, estimates: set) -> np.ndarray:
    """One line per column, each year at its middle; a NATO estimate as an open marker."""
    years = np.asarray(series.index, dtype=float)
    for k, column in enumerate(series.columns):
        style = _SERIES_STYLES[k % len(_SERIES_STYLES)]
        values = series[column].to_numpy(dtype=float)
        ax.plot(years + 0.5, values, color=style["color"], ls=style["ls"], lw=2,
                label=_(column))
        for year, value in zip(series.index, values):
            estimate = year in estimates
            ax.plot(year + 0.5, value, marker=style["marker"], color=style["color"],
                    mfc="white" if estimate else style["color"], mec=style["color"], ms=6)
    return years


def _draw_events(ax: Axes, events: dict[str, date]) -> None:
    line_styles = [":", "-."]
    for k, (label, day) in enumerate(events.items()):
        ax.axvline(_fractional_year(day), color=PALETTE["black"], lw=1.2,
                   ls=line_styles[k % 2], label=f"{_(label)} ({short_date(day)})")


def plot_spending(series: pd.DataFrame, ax: Axes | None = None, *,
                  events: dict[str, date], estimates: object = ()) -> Axes:
    """Spending as % of GDP by year, with dated events as vertical lines.

    Each year's value is drawn at the middle of its year, so that an event line falls
    inside the year whose spending it could have touched; a year in ``estimates`` (a NATO
    estimate) is drawn as an open marker.

    Parameters
    ----------
    series : pandas.DataFrame
        From :func:`alliances.cases.nato_spending.spending_series`.
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
    ax.text(years.min() + 0.1, 2.03, _("2 % guideline"), fontsize=7, color=PALETTE["grey"],
            va="bottom")
    ax.set_xticks(years + 0.5)
    ax.set_xticklabels([str(int(y)) for y in years], fontsize=8)
    ax.set_xlim(years.min(), years.max() + 1)
    ax.set_xlabel(_("year (open marker: NATO estimate)"))
    ax.set_ylabel(_("defence spending, % of GDP (NATO)"))
    ax.set_title(_("Defence spending, NATO August 2025 release"), fontsize=11)
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], marker="o", mfc="white", mec="black", ls="none"))
    labels.append(_("NATO estimate (2024)"))
    ax.legend(handles, labels, fontsize=7.5, loc="center left")
    ax.grid(True, color="#DDDDDD", lw=0.6)
    return localize_axes(ax)
