"""Figures of the Ukraine case: aid, heavy weapons, the ladder of support, the calibration map.

Each function takes a table already computed and draws it, nothing more: the tables come
from :mod:`alliances.cases.ukraine` (the Kiel tracker's aid data) and
:mod:`alliances.cases.ukraine_dilemma` (the calibrated commitment model), whose ``plot_*``
functions load the data, compute the table and call the function here. Meaning is never
carried by colour alone: each type of aid, category of weapons and period also has a
hatch (and each period a marker).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from alliances._validation import short_repr, check_real
from alliances.i18n import N_, _, number
from alliances.views.style import PALETTE, localize_axes, month_year, new_axes

__all__ = ["PERIOD_STYLE", "plot_donor_aid", "plot_aid_months", "plot_donor_weapons",
           "plot_ladder", "plot_region_map"]

#: Colour and hatch of each type of aid, in the order of tables and figures.
_TYPE_STYLE = {
    "military": (PALETTE["vermillion"], "///"),
    "financial": (PALETTE["blue"], ""),
    "humanitarian": (PALETTE["green"], "..."),
}
_AID_TYPES = tuple(_TYPE_STYLE)
#: Colour and hatch of each heavy-weapon category of the Kiel tracker, in order.
_CATEGORY_STYLE = {
    "Tanks": (PALETTE["vermillion"], "///"),
    "IFV": (PALETTE["orange"], "\\\\\\"),
    "Howitzers": (PALETTE["blue"], ""),
    "MLRS": (PALETTE["purple"], "xx"),
    "Air Defense": (PALETTE["sky_blue"], "..."),
}
_CATEGORY_WORDS = {"Tanks": N_("tanks"), "IFV": N_("infantry fighting vehicles"),
                   "Howitzers": N_("howitzers"), "MLRS": N_("multiple rocket launchers"),
                   "Air Defense": N_("air-defence systems")}
#: The types of aid as the figures name them.
_TYPE_WORDS = {"military": N_("military"), "financial": N_("financial"),
               "humanitarian": N_("humanitarian")}

#: Colour, hatch and marker of each period of the calibration in figures.
PERIOD_STYLE = {
    "2014": (PALETTE["sky_blue"], "\\\\", "o"),
    "no-fly zone": (PALETTE["blue"], "xx", "X"),
    "2022-2024": (PALETTE["orange"], "//", "s"),
}


# ======================================================================================
# Input checks
# ======================================================================================


def _check_ax(ax: object) -> None:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
            type=type(ax).__name__))


def _check_top(top: object) -> int:
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)):
        raise TypeError(_("top must be a whole number of donors; got {type} {value}").format(
            type=type(top).__name__, value=short_repr(top)))
    if top < 1:
        raise ValueError(_("top must be at least 1; got {value}").format(value=top))
    return int(top)


def _check_table(table: object, name: str, columns: Sequence[str],
                 numbers: Sequence[str], *, finite: bool = True) -> pd.DataFrame:
    """``table`` if it is a non-empty DataFrame with ``columns``, ``numbers`` numeric."""
    if not isinstance(table, pd.DataFrame):
        raise TypeError(_("{name} must be a pandas DataFrame; got {type} {value}").format(
            name=name, type=type(table).__name__, value=short_repr(table)))
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(_("{name} must have the columns {columns}; missing "
                           "{missing}").format(name=name, columns=list(columns),
                                               missing=missing))
    if table.empty:
        raise ValueError(_("{name} must contain at least one row; got an empty table").format(
            name=name))
    try:
        values = table[list(numbers)].to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise TypeError(_("{name}: the columns {columns} must contain numbers").format(
            name=name, columns=list(numbers))) from None
    bad = np.isnan(values) if not finite else ~np.isfinite(values)
    if bad.any():
        message = (_("{name}: the columns {columns} must contain finite numbers") if finite
                   else _("{name}: the columns {columns} must contain numbers (not NaN)"))
        raise ValueError(message.format(name=name, columns=list(numbers)))
    return table


def _check_text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(_("{name} must be a string; got {type} {value}").format(
            name=name, type=type(value).__name__, value=short_repr(value)))
    return value


def _label(donor: str, group: object) -> str:
    """A donor's name for the figures, saying when it is not in NATO."""
    if group == "EU institutions":
        return _("EU institutions (not NATO)")
    return (_("{donor} (not in NATO)").format(donor=_(donor)) if group == "not in NATO"
            else _(donor))


def _clean(ax: Axes, grid: str = "x") -> None:
    ax.grid(axis=grid, alpha=0.3)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)


# ======================================================================================
# The aid data
# ======================================================================================


def plot_donor_aid(table: pd.DataFrame, ax: Axes | None = None, *, top: int = 12,
                   period: str = N_("the period covered")) -> Axes:
    """Stacked bars of the largest donors' aid by type; non-NATO donors are named as such.

    Parameters
    ----------
    table : DataFrame
        One row per donor (the index), largest first, with the columns ``military``,
        ``financial``, ``humanitarian``, ``total`` (EUR bn, as
        :func:`alliances.cases.ukraine.aid_by_donor`) and ``group`` (as
        :func:`alliances.cases.ukraine.donor_groups`).
    ax : Axes, optional
    top : int
        How many donors to draw: the first ``top`` rows (all of them if there are fewer).
    period : str
        The period of the allocations, for the axis label.

    Returns
    -------
    Axes

    Examples
    --------
    >>> table = pd.DataFrame({"military": [64.6, 0.0, 6.0], "financial": [47.3, 63.2, 0.0],
    ...                       "humanitarian": [3.5, 2.5, 0.5], "total": [115.4, 65.7, 6.5],
    ...                       "group": ["NATO member", "EU institutions", "not in NATO"]},
    ...                      index=["United States", "EU (Commission and Council)", "Japan"])
    >>> ax = plot_donor_aid(table, period="Jan 2022 to Apr 2026")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['United States', 'EU institutions (not NATO)', 'Japan (not in NATO)']
    """
    count = _check_top(top)
    _check_ax(ax)
    period = _(_check_text(period, "period"))
    table = _check_table(table, "table", (*_AID_TYPES, "total", "group"),
                         (*_AID_TYPES, "total"))
    count = min(count, len(table))
    table = table.head(count)
    ax = ax if ax is not None else new_axes(8.5, 0.32 * count + 1.8)
    y = np.arange(len(table))[::-1]
    left = np.zeros(len(table))
    for kind in _AID_TYPES:
        colour, hatch = _TYPE_STYLE[kind]
        ax.barh(y, table[kind].to_numpy(), left=left, color=colour, hatch=hatch,
                edgecolor="white", linewidth=0.5, label=_(_TYPE_WORDS[kind]), height=0.72)
        left += table[kind].to_numpy()
    for yi, total in zip(y, table["total"]):
        ax.text(total + left.max() * 0.01, yi, number(total, ".1f"), va="center", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels([_label(d, g) for d, g in zip(table.index, table["group"])],
                       fontsize=9)
    ax.set_xlim(0, left.max() * 1.1)
    ax.set_xlabel(_("EUR bn, bilateral allocations, {period}").format(period=period))
    ax.set_title(_("Aid to Ukraine: the {count} largest donors, by type").format(count=count))
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    _clean(ax)
    return localize_axes(ax)


def _check_events(events: object) -> None:
    if events is None:
        return
    if not isinstance(events, pd.DataFrame) or not {"start", "actor_level",
                                                    "label"} <= set(events):
        raise TypeError(_("events must be a DataFrame from alliances.cases.timeline."
                          "timeline(...)"))


def _event_marks(events: pd.DataFrame | None, first: date, last: date,
                 level: str = "member") -> list[tuple[str, date]]:
    if events is None:
        return []
    return [(row.label, row.start) for row in events.itertuples(index=False)
            if row.actor_level == level and first <= row.start <= last]


def _check_months(table: object) -> pd.DataFrame:
    table = _check_table(table, "table", _AID_TYPES, _AID_TYPES)
    if not isinstance(table.index, pd.PeriodIndex) or table.index.freqstr != "M":
        raise TypeError(_("table must be indexed by month (a monthly pandas PeriodIndex); got "
                          "{type}").format(type=type(table.index).__name__))
    return table


def _mark_events(top: Axes, bottom: Axes, events: pd.DataFrame | None,
                 months: pd.PeriodIndex) -> None:
    """Dotted lines at the member states' decisions in the period, named in ``top``."""
    first, last = months[0].start_time.date(), months[-1].end_time.date()
    for label, when in _event_marks(events, first, last):
        for ax in (top, bottom):
            ax.axvline(pd.Timestamp(when), color=PALETTE["black"], lw=0.9, ls=":", alpha=0.7)
        top.annotate(label, (pd.Timestamp(when), 0.97), xycoords=("data", "axes fraction"),
                     xytext=(-2, 0), textcoords="offset points", ha="right", va="top",
                     rotation=90, fontsize=7.5,
                     bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none",
                           "alpha": 0.8})


def plot_aid_months(table: pd.DataFrame, axes: tuple[Axes, Axes] | None = None, *,
                    events: pd.DataFrame | None = None) -> tuple[Axes, Axes]:
    """Monthly allocations by type (top) and their running totals (bottom).

    Parameters
    ----------
    table : DataFrame
        Indexed by month (a monthly ``pandas.PeriodIndex``, months without allocations
        included), with the columns ``military``, ``financial`` and ``humanitarian``
        (EUR bn, as :func:`alliances.cases.ukraine.monthly_aid` for each type).
    axes : pair of Axes, optional
        (top, bottom); a new figure is made if omitted.
    events : DataFrame, optional
        ``alliances.cases.timeline.timeline("ukraine")``: member states' decisions in the
        period are marked with dotted lines labelled by name and date.

    Returns
    -------
    (Axes, Axes)

    Examples
    --------
    >>> months = pd.period_range("2022-01", "2022-04", freq="M")
    >>> table = pd.DataFrame({"military": [0.0, 1.5, 2.0, 0.5], "financial": [0.5, 1.0, 0.0, 2.0],
    ...                       "humanitarian": [0.0, 0.2, 0.1, 0.1]}, index=months)
    >>> top, bottom = plot_aid_months(table)
    >>> top.get_ylabel(), bottom.get_ylabel()
    ('per month, EUR bn', 'cumulative, EUR bn')
    """
    table = _check_months(table)
    _check_events(events)
    if axes is None:
        import matplotlib.pyplot as plt
        figure = plt.figure(figsize=(9.5, 6.2), dpi=100, layout="constrained")
        axes = tuple(figure.subplots(2, 1, sharex=True, height_ratios=[1.1, 1]))
    if (not isinstance(axes, (tuple, list)) or len(axes) != 2
            or not all(isinstance(a, Axes) for a in axes)):
        raise TypeError(_("axes must be a pair of matplotlib Axes (top, bottom) or None"))
    top, bottom = axes
    months = table.index
    x = months.to_timestamp(how="start") + pd.Timedelta(days=14)
    base = np.zeros(len(months))
    styles = {"military": "-", "financial": "--", "humanitarian": ":"}
    for kind in _AID_TYPES:
        colour, hatch = _TYPE_STYLE[kind]
        values = table[kind].to_numpy()
        top.bar(x, values, bottom=base, width=25, color=colour, hatch=hatch,
                edgecolor="white", linewidth=0.4, label=_(_TYPE_WORDS[kind]))
        base += values
        bottom.plot(x, np.cumsum(values), color=colour, linestyle=styles[kind], lw=2.2,
                    label=_(_TYPE_WORDS[kind]))
    _mark_events(top, bottom, events, months)
    top.set_ylabel(_("per month, EUR bn"))
    bottom.set_ylabel(_("cumulative, EUR bn"))
    bottom.set_xlabel(_("month of allocation"))
    top.set_title(_("Aid to Ukraine by month and type, all donors"), pad=14)
    if events is not None:
        bottom.set_xlabel(_("month of allocation (dotted lines: member states' decisions, "
                            "named in the top panel)"))
    top.legend(loc="upper right", frameon=False, fontsize=9, ncols=1)
    bottom.legend(loc="upper left", frameon=False, fontsize=9)
    for ax in (top, bottom):
        _clean(ax, "y")
        localize_axes(ax)
    return top, bottom


def plot_donor_weapons(table: pd.DataFrame, ax: Axes | None = None, *,
                       top: int = 12) -> Axes:
    """Stacked bars of heavy weapons (number of systems) by donor and category.

    Parameters
    ----------
    table : DataFrame
        One row per donor (the index), largest first, with a column for each category
        (``Tanks``, ``IFV``, ``Howitzers``, ``MLRS``, ``Air Defense``: numbers of
        systems, as :func:`alliances.cases.ukraine.heavy_weapons`) and ``group`` (as
        :func:`alliances.cases.ukraine.donor_groups`).
    ax : Axes, optional
    top : int
        How many donors to draw: the first ``top`` rows (all of them if there are fewer).

    Returns
    -------
    Axes

    Examples
    --------
    >>> table = pd.DataFrame({"Tanks": [31, 318], "IFV": [300, 50], "Howitzers": [200, 80],
    ...                       "MLRS": [40, 20], "Air Defense": [10, 5],
    ...                       "group": ["NATO member", "NATO member"]},
    ...                      index=["United States", "Poland"])
    >>> ax = plot_donor_weapons(table)
    >>> ax.get_xlabel()
    'number of systems delivered or committed'
    """
    count = _check_top(top)
    _check_ax(ax)
    table = _check_table(table, "table", (*_CATEGORY_STYLE, "group"), tuple(_CATEGORY_STYLE))
    count = min(count, len(table))
    table = table.head(count)
    ax = ax if ax is not None else new_axes(8.5, 0.32 * count + 1.8)
    y = np.arange(len(table))[::-1]
    left = np.zeros(len(table))
    for category, (colour, hatch) in _CATEGORY_STYLE.items():
        values = table[category].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=colour, hatch=hatch, edgecolor="white",
                linewidth=0.5, label=_(_CATEGORY_WORDS[category]), height=0.72)
        left += values
    ax.set_yticks(y)
    ax.set_yticklabels([_label(d, g) for d, g in zip(table.index, table["group"])],
                       fontsize=9)
    ax.set_xlabel(_("number of systems delivered or committed"))
    ax.set_title(_("Heavy weapons for Ukraine: the {count} largest donors, by "
                   "category").format(count=count))
    ax.legend(loc="lower right", frameon=False, fontsize=8.5)
    _clean(ax)
    return localize_axes(ax)


# ======================================================================================
# The commitment model calibrated (our formalization)
# ======================================================================================


def _check_ladder(table: object) -> pd.DataFrame:
    table = _check_table(table, "table", ("c", "label", "refused", "date"), ("c",))
    if table["refused"].dtype != bool:
        raise TypeError(_("table: the column 'refused' must be True or False for each step"))
    if table["refused"].all():
        raise ValueError(_("table must contain at least one step that was taken (refused "
                           "False)"))
    return table


def plot_ladder(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The highest step of support reached over time, and the step refused.

    Parameters
    ----------
    table : DataFrame
        One row per step, with the columns ``c`` (its commitment level, our coding),
        ``label``, ``refused`` (bool) and ``date`` (as
        :func:`alliances.cases.ukraine_dilemma.ladder_events`).
    ax : Axes, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> table = pd.DataFrame({"c": [0.15, 0.55, 1.0],
    ...                       "label": ["non-lethal aid", "battle tanks", "no-fly zone (refused)"],
    ...                       "refused": [False, False, True],
    ...                       "date": [date(2014, 9, 1), date(2023, 1, 25), date(2022, 3, 4)]})
    >>> ax = plot_ladder(table)
    >>> ax.get_ylabel()
    'commitment level c (our coding)'
    """
    _check_ax(ax)
    table = _check_ladder(table)
    ax = ax if ax is not None else new_axes(9.0, 4.2)
    taken = table[~table["refused"]].sort_values("date")
    dates = [pd.Timestamp(d) for d in taken["date"]]
    end = pd.Timestamp(date(2026, 4, 30))
    level = np.maximum.accumulate(taken["c"].to_numpy())
    ax.step([*dates, end], [*level, level[-1]], where="post", color=PALETTE["vermillion"],
            lw=2.4, label=_("highest step reached (member states)"))
    ax.plot(dates, taken["c"], "o", color=PALETTE["vermillion"], mec="black", ms=7)
    for step, ((_index, row), when) in enumerate(zip(taken.iterrows(), dates)):
        first = step == 0
        # Each step is named to the left of its point, above the line before it; the
        # first has no line before it and nothing to its left but the axis, which a
        # longer (Indonesian) name would run into: it is named to the right instead.
        ax.annotate(f"{_(row['label'])} ({month_year(when)})", (when, row["c"]),
                    xytext=(6, 4) if first else (-6, 4), textcoords="offset points",
                    ha="left" if first else "right", va="bottom", fontsize=8)
    refused = table[table["refused"]]
    for _index, row in refused.iterrows():
        when = pd.Timestamp(row["date"])
        ax.plot([when], [row["c"]], "X", color=PALETTE["blue"], ms=11, mec="black",
                label=_("refused by NATO (collective decision)"))
        ax.annotate(f"{_(row['label'])} ({month_year(when)})", (when, row["c"]), xytext=(8, -3),
                    textcoords="offset points", ha="left", va="top", fontsize=8)
    ax.axhline(1.0, color=PALETTE["grey"], lw=0.8, ls="--")
    ax.set_ylim(0, 1.08)
    ax.set_xlim(pd.Timestamp(date(2011, 7, 1)), end)
    ax.set_ylabel(_("commitment level c (our coding)"))
    ax.set_xlabel(_("year (each step with the month it was decided)"))
    ax.set_title(_("Step by step: the depth of Western military support to Ukraine"))
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    _clean(ax, "both")
    return localize_axes(ax)


def _check_regions(regions: object) -> pd.DataFrame:
    regions = _check_table(regions, "regions", ("period", "text", "p_E", "low", "high"),
                           ("low", "high"), finite=False)
    _check_table(regions, "regions", ("p_E",), ("p_E",))
    unknown = sorted(set(map(str, regions["period"])) - set(PERIOD_STYLE))
    if unknown:
        raise ValueError(_("regions: period must be one of {periods}; got {unknown}").format(
            periods=list(PERIOD_STYLE), unknown=unknown))
    return regions


def plot_region_map(regions: pd.DataFrame, ax: Axes | None = None, *,
                    L_A_max: float = 100.0, L_E: float = 100.0) -> Axes:
    """Regions of estimates (p_E, L_A), one per period, each shaded between two edges.

    Parameters
    ----------
    regions : DataFrame
        One row per period and escalation risk, with the columns ``period`` (a key of
        :data:`PERIOD_STYLE`), ``text`` (the period's legend entry), ``p_E``, and ``low``
        and ``high``: the edges of the shaded region at that ``p_E`` (``inf`` for no
        upper edge). :func:`alliances.cases.ukraine_dilemma.plot_calibration_map` shades
        where each historical choice is reproduced.
    ax : Axes, optional
    L_A_max : float
        The top of the L_A axis.
    L_E : float
        The loss from a war with Russia, the scale of L_A (for the axis label).

    Returns
    -------
    Axes

    Examples
    --------
    >>> regions = pd.DataFrame({"period": ["2014", "2014"], "text": ["2014: reproduced"] * 2,
    ...                         "p_E": [0.0, 1.0], "low": [10.0, 11.5], "high": [10.0, 47.5]})
    >>> ax = plot_region_map(regions)
    >>> ax.get_xlabel()
    'escalation risk p_E (direct combat brings war with Russia)'
    """
    _check_ax(ax)
    regions = _check_regions(regions)
    top = check_real(L_A_max, "L_A_max", minimum=0, allow_equal_min=False)
    scale = check_real(L_E, "L_E")
    ax = ax if ax is not None else new_axes(6.0, 4.6)
    handles = []
    for key, rows in regions.groupby("period", sort=False):
        colour, hatch, _marker = PERIOD_STYLE[key]
        risks = rows["p_E"].to_numpy(dtype=float)
        lo = np.minimum(rows["low"].to_numpy(dtype=float), top)
        hi = np.minimum(rows["high"].to_numpy(dtype=float), top)
        ax.fill_between(risks, lo, hi, where=hi > lo, facecolor=colour, alpha=0.35,
                        hatch=hatch, edgecolor=colour, linewidth=0)
        for edge in (lo, hi):
            inside = edge < top
            ax.plot(risks[inside], edge[inside], color=colour, lw=1.2)
        handles.append(Patch(facecolor=colour, alpha=0.5, hatch=hatch, edgecolor=colour,
                             label=_(rows["text"].iloc[0])))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, top)
    ax.set_xlabel(_("escalation risk p_E (direct combat brings war with Russia)"))
    ax.set_ylabel(_("loss from abandonment L_A (war with Russia = {scale})").format(
        scale=number(scale, "g")))
    ax.set_title(_("Estimates that reproduce each choice (our model)"), fontsize=11)
    ax.legend(handles=handles, loc="center right", fontsize=8, frameon=True, framealpha=0.9)
    ax.grid(alpha=0.3)
    return localize_axes(ax)
