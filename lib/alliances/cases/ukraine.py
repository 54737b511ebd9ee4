"""NATO and Ukraine (part 4): what the aid data say, and the dilemma applied.

Three pieces, each a set of pure functions:

**The aid data.** Analyses of the Kiel Institute's *Ukraine Support Tracker*, Release 29
(``data/kiel_ukraine_*.csv``, loaded and schema-checked by :mod:`alliances.data`):
totals by donor and type of aid, monthly series, heavy weapons, and NATO members against
the other donors. NATO membership is *derived from NATO's own data files*, not typed in
(:func:`nato_members`). The Kiel figures are **bilateral allocations** (aid delivered or
earmarked for delivery), not pledges, from January 2022 to April 2026. The donors are
states and the EU institutions; NATO itself is not a donor.

**The commitment model calibrated** (our formalization). Part 3's model of the secondary
alliance dilemma (:class:`alliances.models.commitment.CommitmentModel`) with the depth of support
to Ukraine as the commitment level ``c``. The mapping of historical choices onto ``c``
(:data:`SUPPORT_LADDER`, :data:`PERIODS`) and the fixed parameters (:data:`BASE_MODEL`)
are **our formalization**; the reader's estimates of the loss from abandonment ``L_A`` and
of the escalation risk ``p_E`` are the reader's assumptions, never measured facts.
Part 3's model calls its second loss *entrapment*; here it stands for **escalation
risk**, the fear of a direct war with Russia. That is not Snyder's entrapment (being
dragged into a conflict over an ally's interests that one does not share): Ukraine is a
partner, not an ally, and the feared war is with the adversary itself. The algebra is
the same; the name and its meaning are not.
:func:`calibrate` says whether given estimates reproduce a historical choice;
:func:`reproducing_region` gives every pair of estimates that does.

**Allies waiting for each other** (our formalization). The tank decision of January 2023
as a two-ally assurance game (a stag hunt) with ordinal payoffs (:func:`tank_game`):
each ally prefers to send tanks if, and only if, the other sends too.

Examples
--------
>>> totals = aid_totals()
>>> round(float(totals["total"]), 1), round(float(totals["military"]), 1)
(358.4, 173.0)
>>> calibrate("2022-2024", L_A=60, p_E=0.2).verdict
'reproduced'
>>> tank_game().pure_equilibria()
[('Send tanks', 'Send tanks'), ('Wait', 'Wait')]
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from alliances import data
from alliances._validation import _show, check_real
from alliances.models.commitment import CommitmentModel
from alliances.models.commitment_result import CommitmentResult
from alliances.models.games import Game, symmetric_game
from alliances.views.style import PALETTE, new_axes
from alliances.cases.timeline import timeline

__all__ = [
    # the aid data
    "AID_TYPES", "EU_INSTITUTIONS", "GROUPS", "WEAPON_CATEGORIES", "aid_by_donor",
    "aid_totals", "nato_members", "donor_groups", "military_share", "aid_by_group",
    "monthly_aid", "PeakMonth", "largest_month", "heavy_weapons", "heavy_weapons_by_group",
    "weapon_systems", "plot_aid_by_donor", "plot_monthly_aid", "plot_heavy_weapons",
    # the commitment model calibrated
    "Rung", "SUPPORT_LADDER", "ladder_events", "plot_support_ladder", "Period", "PERIODS",
    "BASE_MODEL", "DEFAULT_ESTIMATES", "L_A_MAX", "PERIOD_STYLE", "Calibration", "calibrate",
    "reproducing_region",
    "plot_calibration_map",
    # the tank decision
    "TANK_STRATEGIES", "tank_game",
]

#: The three kinds of aid in the Kiel tracker, in the order used in tables and figures.
AID_TYPES: tuple[str, ...] = ("military", "financial", "humanitarian")

#: The Kiel tracker's name for the EU institutions: a donor, but not a state and not NATO.
EU_INSTITUTIONS = "EU (Commission and Council)"

#: Donor groups: NATO members (bilateral aid), the EU institutions, everyone else.
GROUPS: tuple[str, ...] = ("NATO member", "EU institutions", "not in NATO")

#: Heavy-weapon categories of the Kiel tracker, in the order used in tables and figures.
WEAPON_CATEGORIES: tuple[str, ...] = ("Tanks", "IFV", "Howitzers", "MLRS", "Air Defense")

#: Colour and hatch of each type of aid (meaning never carried by colour alone).
_TYPE_STYLE = {
    "military": (PALETTE["vermillion"], "///"),
    "financial": (PALETTE["blue"], ""),
    "humanitarian": (PALETTE["green"], "..."),
}
_CATEGORY_STYLE = {
    "Tanks": (PALETTE["vermillion"], "///"),
    "IFV": (PALETTE["orange"], "\\\\\\"),
    "Howitzers": (PALETTE["blue"], ""),
    "MLRS": (PALETTE["purple"], "xx"),
    "Air Defense": (PALETTE["sky_blue"], "..."),
}
_CATEGORY_WORDS = {"Tanks": "tanks", "IFV": "infantry fighting vehicles",
                   "Howitzers": "howitzers", "MLRS": "multiple rocket launchers",
                   "Air Defense": "air-defence systems"}


# ======================================================================================
# Input checks
# ======================================================================================


def _frame(value: object, name: str, data_set: str, columns: Sequence[str]) -> pd.DataFrame:
    """``value`` as a DataFrame with ``columns``; ``None`` loads ``data_set``."""
    if value is None:
        return data.load(data_set)
    if not isinstance(value, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame such as "
                        f"alliances.data.load({data_set!r}), or None to load it; got "
                        f"{type(value).__name__} {_show(value)}")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise ValueError(f"{name} must have the columns {list(columns)} of {data_set}.csv; "
                         f"missing {missing}")
    if value.empty:
        raise ValueError(f"{name} must contain at least one row; got an empty table")
    return value


def _donor(donor: object, known: Sequence[str], name: str = "donor") -> str:
    """Return ``donor`` if it is one of ``known``; else raise, suggesting a close match."""
    if not isinstance(donor, str):
        raise TypeError(f"{name} must be a donor's name (a str) such as 'Germany'; got "
                        f"{type(donor).__name__} {_show(donor)}")
    if donor in known:
        return donor
    folded = {k.casefold(): k for k in known}
    if donor.strip().casefold() in folded:
        return folded[donor.strip().casefold()]
    close = difflib.get_close_matches(donor, list(known), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"{name} {donor!r} is not a donor in the Kiel tracker (the donors are "
                     f"states and {EU_INSTITUTIONS!r}; NATO itself is not one).{hint}")


_AID_COLUMNS = ("donor", "donor_iso3", "aid_type", "eur_bn")
_MONTHLY_COLUMNS = ("donor", "year", "month", "aid_type", "eur_bn")
_WEAPON_COLUMNS = ("donor", "category", "number_of_weapons", "monetary_value_eur",
                   "weapons_list")


# ======================================================================================
# The aid data
# ======================================================================================


def aid_by_donor(aid: pd.DataFrame | None = None) -> pd.DataFrame:
    """Aid to Ukraine by donor and type (EUR bn, bilateral allocations), largest first.

    Parameters
    ----------
    aid : DataFrame, optional
        ``alliances.data.load("kiel_ukraine_aid_by_donor")`` (the default) or a subset.

    Returns
    -------
    DataFrame
        One row per donor; columns ``military``, ``financial``, ``humanitarian`` and
        ``total`` (the sum of the three), sorted by ``total``, largest first.

    Raises
    ------
    ValueError
        If the file's own ``total`` rows disagree with the sum of the three types.

    Examples
    --------
    >>> table = aid_by_donor()
    >>> table.loc["United States"].round(1).tolist()
    [64.6, 47.3, 3.5, 115.4]
    >>> table.index[:3].tolist()
    ['United States', 'EU (Commission and Council)', 'Germany']
    """
    frame = _frame(aid, "aid", "kiel_ukraine_aid_by_donor", _AID_COLUMNS)
    unknown = sorted(set(frame["aid_type"]) - {*AID_TYPES, "total"})
    if unknown:
        raise ValueError(f"aid: aid_type must be one of {[*AID_TYPES, 'total']}; got {unknown}")
    wide = frame.pivot_table(index="donor", columns="aid_type", values="eur_bn",
                             aggfunc="sum", fill_value=0.0)
    for kind in AID_TYPES:
        if kind not in wide.columns:
            wide[kind] = 0.0
    parts = wide[list(AID_TYPES)].astype(float)
    total = parts.sum(axis=1)
    if "total" in wide.columns:
        gap = (wide["total"] - total).abs()
        bad = gap[gap > 1e-6 * np.maximum(1.0, total.abs())]
        if not bad.empty:
            raise ValueError(f"aid: the 'total' rows differ from military + financial + "
                             f"humanitarian for {bad.index.tolist()[:3]}")
    table = parts.assign(total=total).sort_values("total", ascending=False, kind="stable")
    table.columns.name = None
    return table


def aid_totals(aid: pd.DataFrame | None = None) -> pd.Series:
    """Aid of all donors together by type, EUR bn.

    Examples
    --------
    >>> aid_totals().round(1).to_dict()
    {'military': 173.0, 'financial': 159.7, 'humanitarian': 25.7, 'total': 358.4}
    """
    return aid_by_donor(aid).sum()


def nato_members(table3: pd.DataFrame | None = None,
                 release2019: pd.DataFrame | None = None) -> pd.DataFrame:
    """NATO's members, read from NATO's own data files rather than typed in.

    NATO's 2025 release (Table 3, ``nato_defence_pct_gdp_2014_2024``) lists 31 Allies:
    every Ally except Iceland, which has no armed forces. NATO's 2019 release
    (``nato_defence_expenditure_2012_2019``) lists Iceland, without spending figures.
    The members are the Allies of the 2025 table plus any Ally of the 2019 release that
    the 2025 table leaves out *because it has no defence spending*; any other difference
    between the two lists (an Ally that left) raises an error rather than guessing.

    Returns
    -------
    DataFrame
        ``iso3`` (index), ``country``, ``in_2025_table`` and ``in_2019_release`` (bool).

    Examples
    --------
    >>> members = nato_members()
    >>> iceland, sweden = members.loc["ISL"], members.loc["SWE"]
    >>> len(members), bool(iceland["in_2025_table"]), bool(sweden["in_2019_release"])
    (32, False, False)
    """
    t3 = _frame(table3, "table3", "nato_defence_pct_gdp_2014_2024",
                ("country", "iso3", "entity_type"))
    r19 = _frame(release2019, "release2019", "nato_defence_expenditure_2012_2019",
                 ("iso3", "country", "defence_exp_usd_current"))
    countries = t3[t3["entity_type"] == "country"]
    current = dict(zip(countries["iso3"], countries["country"]))
    earlier = dict(zip(r19["iso3"], r19["country"]))
    spending = r19.groupby("iso3")["defence_exp_usd_current"].apply(lambda s: s.notna().any())
    only_2019 = sorted(set(earlier) - set(current))
    left = [code for code in only_2019 if spending.get(code, False)]
    if left:
        raise ValueError(f"release2019 lists Allies with defence spending that the 2025 table "
                         f"does not: {left}. Did an Ally leave? Membership cannot be derived.")
    rows = [{"iso3": code, "country": current.get(code, earlier.get(code)),
             "in_2025_table": code in current, "in_2019_release": code in earlier}
            for code in sorted(set(current) | set(only_2019))]
    return pd.DataFrame(rows).set_index("iso3")


def donor_groups(aid: pd.DataFrame | None = None,
                 members: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every donor of the Kiel tracker with its group: NATO member, EU institutions, other.

    Examples
    --------
    >>> groups = donor_groups()
    >>> groups["group"].value_counts().to_dict()
    {'NATO member': 29, 'not in NATO': 12, 'EU institutions': 1}
    >>> groups.loc["Japan", "group"], groups.loc["Iceland", "group"]
    ('not in NATO', 'NATO member')
    """
    frame = _frame(aid, "aid", "kiel_ukraine_aid_by_donor", _AID_COLUMNS)
    if members is not None and not isinstance(members, pd.DataFrame):
        raise TypeError(f"members must be a pandas DataFrame indexed by ISO3 code, such as "
                        f"nato_members(), or None to load it; got {type(members).__name__} "
                        f"{_show(members)}")
    member_codes = set((nato_members() if members is None else members).index)
    pairs = frame[["donor", "donor_iso3"]].drop_duplicates().set_index("donor")["donor_iso3"]

    def group(donor: str, code: str) -> str:
        if donor == EU_INSTITUTIONS:
            return "EU institutions"
        return "NATO member" if code in member_codes else "not in NATO"

    table = pd.DataFrame({"donor_iso3": pairs,
                          "group": [group(d, c) for d, c in pairs.items()]})
    return table.sort_index()


def military_share(donor: str, aid: pd.DataFrame | None = None) -> float:
    """The share of a donor's aid that is military: military / total.

    Raises
    ------
    ValueError
        For an unknown donor, or a donor whose total is zero (the share is undefined).

    Examples
    --------
    >>> round(military_share("Germany"), 3), round(military_share("United States"), 3)
    (0.809, 0.56)
    >>> military_share("NATO")
    Traceback (most recent call last):
    ...
    ValueError: donor 'NATO' is not a donor in the Kiel tracker (the donors are states and ...
    """
    table = aid_by_donor(aid)
    name = _donor(donor, table.index.tolist())
    total = float(table.loc[name, "total"])
    if total == 0.0:
        raise ValueError(f"donor {name!r} has a total of zero: its military share is undefined")
    return float(table.loc[name, "military"]) / total


def aid_by_group(aid: pd.DataFrame | None = None,
                 members: pd.DataFrame | None = None) -> pd.DataFrame:
    """Aid by donor group (NATO members, EU institutions, others) and type, EUR bn.

    Returns
    -------
    DataFrame
        Index :data:`GROUPS`; columns ``donors`` (count), the three types, ``total``,
        ``military_share`` (the group's military / its total) and ``share_of_military``
        (the group's military / all donors' military).

    Examples
    --------
    >>> table = aid_by_group()
    >>> round(float(table.loc["NATO member", "military_share"]), 3)
    0.666
    >>> round(float(table.loc["EU institutions", "military"]), 1)
    0.0
    """
    table = aid_by_donor(aid)
    groups = donor_groups(aid, members)["group"]
    summed = table.groupby(groups).sum().reindex(list(GROUPS), fill_value=0.0)
    summed.insert(0, "donors", groups.value_counts().reindex(list(GROUPS), fill_value=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        summed["military_share"] = summed["military"] / summed["total"].where(summed["total"] > 0)
    summed["share_of_military"] = summed["military"] / table["military"].sum()
    summed.index.name = "group"
    return summed


def monthly_aid(monthly: pd.DataFrame | None = None, *, aid_type: str = "all",
                donors: Sequence[str] | None = None) -> pd.Series:
    """Aid allocated each month, EUR bn, with months without allocations as zero.

    Parameters
    ----------
    monthly : DataFrame, optional
        ``alliances.data.load("kiel_ukraine_aid_monthly_by_donor")`` (the default).
    aid_type : {"all", "military", "financial", "humanitarian"}
    donors : sequence of str, optional
        Only these donors (default: all).

    Returns
    -------
    Series
        Indexed by month (``pandas.Period``), from the first to the last month of the
        whole file, so that series for different donors line up.

    Examples
    --------
    >>> series = monthly_aid(aid_type="military")
    >>> str(series.index[0]), str(series.index[-1]), len(series)
    ('2022-01', '2026-04', 52)
    >>> round(float(series.sum()), 1)
    173.0
    """
    frame = _frame(monthly, "monthly", "kiel_ukraine_aid_monthly_by_donor", _MONTHLY_COLUMNS)
    if not isinstance(aid_type, str) or aid_type not in ("all", *AID_TYPES):
        raise ValueError(f"aid_type must be one of {['all', *AID_TYPES]}; got {aid_type!r}")
    periods = pd.PeriodIndex.from_fields(year=frame["year"].to_numpy(),
                                         month=frame["month"].to_numpy(), freq="M")
    months = pd.period_range(periods.min(), periods.max(), freq="M")
    keep = np.ones(len(frame), dtype=bool)
    if aid_type != "all":
        keep &= (frame["aid_type"] == aid_type).to_numpy()
    if donors is not None:
        if isinstance(donors, str) or not isinstance(donors, Sequence):
            raise TypeError(f"donors must be a list of donor names or None; got "
                            f"{type(donors).__name__} {_show(donors)}")
        known = sorted(set(frame["donor"]))
        chosen = {_donor(d, known, "donors") for d in donors}
        keep &= frame["donor"].isin(chosen).to_numpy()
    values = pd.Series(frame["eur_bn"].to_numpy(dtype=float)[keep], index=periods[keep])
    series = values.groupby(level=0).sum().reindex(months, fill_value=0.0)
    series.index.name = "month"
    series.name = f"{aid_type} aid, EUR bn"
    return series


class PeakMonth(NamedTuple):
    """The month with the largest value of a monthly series, and any months tied with it."""

    month: str
    eur_bn: float
    ties: tuple[str, ...]


def largest_month(series: pd.Series) -> PeakMonth:
    """The month with the largest allocation (the earliest, if several tie; all are listed).

    Examples
    --------
    >>> peak = largest_month(monthly_aid())
    >>> peak.month, round(peak.eur_bn, 2), peak.ties
    ('2024-10', 23.15, ())
    >>> largest_month(monthly_aid(aid_type="military")).month
    '2024-04'
    """
    if not isinstance(series, pd.Series) or series.empty:
        raise TypeError("series must be a non-empty pandas Series, such as monthly_aid()")
    try:
        values = series.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"series must contain numbers (EUR bn by month); got "
                        f"{_show(series.tolist())}") from None
    if not np.all(np.isfinite(values)):
        raise ValueError("series must contain finite numbers")
    best = values.max()
    where = [str(m) for m, v in zip(series.index, values) if v == best]
    return PeakMonth(where[0], float(best), tuple(where[1:]))


def heavy_weapons(weapons: pd.DataFrame | None = None, *,
                  measure: str = "number") -> pd.DataFrame:
    """Heavy weapons by donor and category: the number of systems or their value (EUR bn).

    Parameters
    ----------
    weapons : DataFrame, optional
        ``alliances.data.load("kiel_ukraine_heavy_weapons_by_donor")`` (the default).
    measure : {"number", "eur_bn"}

    Returns
    -------
    DataFrame
        One row per donor, one column per category of :data:`WEAPON_CATEGORIES` and a
        ``total``; largest total first.

    Examples
    --------
    >>> table = heavy_weapons()
    >>> int(table.loc["Poland", "Tanks"]), table["Tanks"].idxmax()
    (318, 'Poland')
    >>> table.index[0], int(table.loc["United States", "total"])
    ('United States', 733)
    """
    frame = _frame(weapons, "weapons", "kiel_ukraine_heavy_weapons_by_donor", _WEAPON_COLUMNS)
    if measure == "number":
        values = frame["number_of_weapons"]
    elif measure == "eur_bn":
        values = frame["monetary_value_eur"] / 1e9
    else:
        raise ValueError(f"measure must be 'number' or 'eur_bn'; got {measure!r}")
    table = (frame.assign(value=values)
             .pivot_table(index="donor", columns="category", values="value", aggfunc="sum",
                          fill_value=0)
             .reindex(columns=list(WEAPON_CATEGORIES), fill_value=0))
    table["total"] = table.sum(axis=1)
    table.columns.name = None
    return table.sort_values("total", ascending=False, kind="stable")


def heavy_weapons_by_group(weapons: pd.DataFrame | None = None, *, measure: str = "number",
                           aid: pd.DataFrame | None = None,
                           members: pd.DataFrame | None = None) -> pd.DataFrame:
    """Heavy weapons by donor group (NATO members, others) and category.

    Examples
    --------
    >>> table = heavy_weapons_by_group()
    >>> int(table.loc["NATO member", "total"]), int(table.loc["not in NATO", "total"])
    (3272, 55)
    """
    table = heavy_weapons(weapons, measure=measure)
    groups = donor_groups(aid, members)["group"]
    unknown = sorted(set(table.index) - set(groups.index))
    if unknown:
        raise ValueError(f"weapons: donors {unknown} are not in the aid file, so their group "
                         f"is unknown")
    out = table.groupby(groups.reindex(table.index)).sum().reindex(list(GROUPS), fill_value=0)
    out.index.name = "group"
    return out


_SYSTEM = re.compile(r"^(?P<system>.+) \((?P<number>\d+)\)$")


def weapon_systems(weapons: pd.DataFrame | None = None) -> pd.DataFrame:
    """The systems behind each heavy-weapons row, read from its ``weapons_list`` text.

    Returns
    -------
    DataFrame
        Columns ``donor``, ``category``, ``system``, ``number``. The numbers of each row
        add up to its ``number_of_weapons`` (checked; a mismatch raises ValueError).

    Examples
    --------
    >>> systems = weapon_systems()
    >>> leopards = systems[(systems["donor"] == "Germany") & (systems["system"] == "Leopard-2A6")]
    >>> int(leopards["number"].sum())
    18
    """
    frame = _frame(weapons, "weapons", "kiel_ukraine_heavy_weapons_by_donor", _WEAPON_COLUMNS)
    rows = []
    for row in frame.itertuples(index=False):
        parsed = []
        for item in str(row.weapons_list).split("; "):
            match = _SYSTEM.match(item.strip())
            if match is None:
                raise ValueError(f"weapons: cannot read {item!r} in the list of {row.donor}, "
                                 f"{row.category}; expected 'system (number)'")
            parsed.append((match["system"], int(match["number"])))
        if sum(n for _, n in parsed) != row.number_of_weapons:
            raise ValueError(f"weapons: the systems listed for {row.donor}, {row.category} add "
                             f"up to {sum(n for _, n in parsed)}, not {row.number_of_weapons}")
        rows += [{"donor": row.donor, "category": row.category, "system": s, "number": n}
                 for s, n in parsed]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------- plots
def _label(donor: str, group: str) -> str:
    if donor == EU_INSTITUTIONS:
        return "EU institutions (not NATO)"
    return f"{donor} (not in NATO)" if group == "not in NATO" else donor


def _period_text(aid: pd.DataFrame) -> str:
    if {"period_start", "period_end"} <= set(aid.columns):
        first = pd.Period(str(aid["period_start"].min()), freq="M")
        last = pd.Period(str(aid["period_end"].max()), freq="M")
        return f"{first.strftime('%b %Y')} to {last.strftime('%b %Y')}"
    return "the period covered"


def _check_top(top: object) -> int:
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)):
        raise TypeError(f"top must be a whole number of donors; got {type(top).__name__} "
                        f"{_show(top)}")
    if top < 1:
        raise ValueError(f"top must be at least 1; got {top}")
    return int(top)


def _check_ax(ax: object) -> None:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")


def plot_aid_by_donor(aid: pd.DataFrame | None = None, ax: Axes | None = None, *,
                      top: int = 12) -> Axes:
    """Stacked bars of the largest donors' aid by type; non-NATO donors are named as such.

    Examples
    --------
    >>> ax = plot_aid_by_donor(top=5)
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['United States', 'EU institutions (not NATO)']
    """
    frame = _frame(aid, "aid", "kiel_ukraine_aid_by_donor", _AID_COLUMNS)
    count = _check_top(top)
    _check_ax(ax)
    table = aid_by_donor(frame).head(count)
    groups = donor_groups(frame)["group"]
    ax = ax if ax is not None else new_axes(8.5, 0.32 * count + 1.8)
    y = np.arange(len(table))[::-1]
    left = np.zeros(len(table))
    for kind in AID_TYPES:
        colour, hatch = _TYPE_STYLE[kind]
        ax.barh(y, table[kind].to_numpy(), left=left, color=colour, hatch=hatch,
                edgecolor="white", linewidth=0.5, label=kind, height=0.72)
        left += table[kind].to_numpy()
    for yi, total in zip(y, table["total"]):
        ax.text(total + left.max() * 0.01, yi, f"{total:.1f}", va="center", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels([_label(d, groups[d]) for d in table.index], fontsize=9)
    ax.set_xlim(0, left.max() * 1.1)
    ax.set_xlabel(f"EUR bn, bilateral allocations, {_period_text(frame)}")
    ax.set_title(f"Aid to Ukraine: the {count} largest donors, by type")
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    return ax


def _event_marks(events: pd.DataFrame | None, first: date, last: date,
                 level: str = "member") -> list[tuple[str, date]]:
    if events is None:
        return []
    if not isinstance(events, pd.DataFrame) or not {"start", "actor_level",
                                                    "label"} <= set(events):
        raise TypeError("events must be a DataFrame from alliances.cases.timeline.timeline(...)")
    return [(row.label, row.start) for row in events.itertuples(index=False)
            if row.actor_level == level and first <= row.start <= last]


def plot_monthly_aid(monthly: pd.DataFrame | None = None,
                     axes: tuple[Axes, Axes] | None = None, *,
                     events: pd.DataFrame | None = None) -> tuple[Axes, Axes]:
    """Monthly allocations by type (top) and their running totals (bottom).

    Parameters
    ----------
    monthly : DataFrame, optional
        The monthly Kiel file (the default) or a subset.
    axes : pair of Axes, optional
        (top, bottom); a new figure is made if omitted.
    events : DataFrame, optional
        ``timeline("ukraine")``: member states' decisions in the period are marked with
        dotted lines labelled by name and date.

    Examples
    --------
    >>> top, bottom = plot_monthly_aid(events=timeline("ukraine"))
    >>> bottom.get_ylabel()
    'cumulative, EUR bn'
    """
    frame = _frame(monthly, "monthly", "kiel_ukraine_aid_monthly_by_donor", _MONTHLY_COLUMNS)
    if axes is None:
        import matplotlib.pyplot as plt
        figure = plt.figure(figsize=(9.5, 6.2), dpi=100, layout="constrained")
        axes = tuple(figure.subplots(2, 1, sharex=True, height_ratios=[1.1, 1]))
    if (not isinstance(axes, (tuple, list)) or len(axes) != 2
            or not all(isinstance(a, Axes) for a in axes)):
        raise TypeError("axes must be a pair of matplotlib Axes (top, bottom) or None")
    top, bottom = axes
    series = {kind: monthly_aid(frame, aid_type=kind) for kind in AID_TYPES}
    months = series["military"].index
    x = months.to_timestamp(how="start") + pd.Timedelta(days=14)
    base = np.zeros(len(months))
    styles = {"military": "-", "financial": "--", "humanitarian": ":"}
    for kind in AID_TYPES:
        colour, hatch = _TYPE_STYLE[kind]
        values = series[kind].to_numpy()
        top.bar(x, values, bottom=base, width=25, color=colour, hatch=hatch,
                edgecolor="white", linewidth=0.4, label=kind)
        base += values
        bottom.plot(x, np.cumsum(values), color=colour, linestyle=styles[kind], lw=2.2,
                    label=kind)
    first, last = months[0].start_time.date(), months[-1].end_time.date()
    for label, when in _event_marks(events, first, last):
        for ax in (top, bottom):
            ax.axvline(pd.Timestamp(when), color=PALETTE["black"], lw=0.9, ls=":", alpha=0.7)
        top.annotate(label, (pd.Timestamp(when), 0.97), xycoords=("data", "axes fraction"),
                     xytext=(-2, 0), textcoords="offset points", ha="right", va="top",
                     rotation=90, fontsize=7.5,
                     bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none",
                           "alpha": 0.8})
    top.set_ylabel("per month, EUR bn")
    bottom.set_ylabel("cumulative, EUR bn")
    bottom.set_xlabel("month of allocation")
    top.set_title("Aid to Ukraine by month and type, all donors", pad=14)
    if events is not None:
        bottom.set_xlabel("month of allocation (dotted lines: member states' decisions, "
                          "named in the top panel)")
    top.legend(loc="upper right", frameon=False, fontsize=9, ncols=1)
    bottom.legend(loc="upper left", frameon=False, fontsize=9)
    for ax in (top, bottom):
        ax.grid(axis="y", alpha=0.3)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
    return top, bottom


def plot_heavy_weapons(weapons: pd.DataFrame | None = None, ax: Axes | None = None, *,
                       top: int = 12) -> Axes:
    """Stacked bars of heavy weapons (number of systems) by donor and category.

    Examples
    --------
    >>> ax = plot_heavy_weapons(top=4)
    >>> ax.get_xlabel()
    'number of systems delivered or committed'
    """
    frame = _frame(weapons, "weapons", "kiel_ukraine_heavy_weapons_by_donor", _WEAPON_COLUMNS)
    count = _check_top(top)
    _check_ax(ax)
    table = heavy_weapons(frame).head(count)
    groups = donor_groups()["group"]
    ax = ax if ax is not None else new_axes(8.5, 0.32 * count + 1.8)
    y = np.arange(len(table))[::-1]
    left = np.zeros(len(table))
    for category in WEAPON_CATEGORIES:
        colour, hatch = _CATEGORY_STYLE[category]
        values = table[category].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=colour, hatch=hatch, edgecolor="white",
                linewidth=0.5, label=_CATEGORY_WORDS[category], height=0.72)
        left += values
    ax.set_yticks(y)
    ax.set_yticklabels([_label(d, groups.get(d, "not in NATO")) for d in table.index],
                       fontsize=9)
    ax.set_xlabel("number of systems delivered or committed")
    ax.set_title(f"Heavy weapons for Ukraine: the {count} largest donors, by category")
    ax.legend(loc="lower right", frameon=False, fontsize=8.5)
    ax.grid(axis="x", alpha=0.3)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    return ax


# ======================================================================================
# The commitment model calibrated (our formalization)
# ======================================================================================


@dataclass(frozen=True)
class Rung:
    """One step of Western military support to Ukraine, placed on the commitment scale.

    Attributes
    ----------
    c : float
        Its commitment level in [0, 1]: **our coding**, an ordering, not a measurement.
    label : str
        A short name.
    when : str
        The ``date_start`` of the timeline event that marks it (``case_study_timeline``).
    refused : bool
        True for a step that was considered and refused.
    """

    c: float
    label: str
    when: str
    refused: bool = False


#: The steps of support, lowest first (our formalization: the levels order the steps,
#: they do not measure them). Full commitment, c = 1, is direct combat: a no-fly zone
#: means NATO aircraft shooting down Russian ones.
SUPPORT_LADDER: tuple[Rung, ...] = (
    Rung(0.15, "non-lethal aid", "2014-09"),
    Rung(0.30, "Javelin missiles", "2017-12"),
    Rung(0.45, "HIMARS rockets", "2022-05-31"),
    Rung(0.55, "battle tanks", "2023-01-25"),
    Rung(0.65, "F-16 pilot training", "2023-05-19"),
    Rung(0.75, "ATACMS missiles", "2023-10-17"),
    Rung(0.85, "F-16s in Ukraine", "2024-08-04"),
    Rung(1.00, "no-fly zone (refused)", "2022-03-04", refused=True),
)


def ladder_events(ladder: Sequence[Rung] = SUPPORT_LADDER) -> pd.DataFrame:
    """Each rung with its timeline event: the date, the event's name and its text.

    Returns
    -------
    DataFrame
        Columns ``c``, ``label``, ``refused``, ``date``, ``event_name`` (its name and
        date, as in ``plot_timeline(timeline("ukraine"))``) and ``event``.

    Examples
    --------
    >>> table = ladder_events()
    >>> table.loc[table["label"] == "battle tanks", "date"].item()
    datetime.date(2023, 1, 25)
    """
    if isinstance(ladder, (str, bytes)) or not isinstance(ladder, Sequence) \
            or not all(isinstance(r, Rung) for r in ladder):
        raise TypeError(f"ladder must be a sequence of Rung, such as SUPPORT_LADDER; got "
                        f"{type(ladder).__name__} {_show(ladder)}")
    raw = data.load("case_study_timeline")
    raw = raw[raw["case_study"] == "ukraine"]
    events = timeline("ukraine")
    rows = []
    for rung in ladder:
        matches = raw[raw["date_start"] == rung.when]
        if len(matches) != 1:
            raise ValueError(f"ladder: rung {rung.label!r} must match exactly one Ukraine "
                             f"event starting {rung.when!r}; found {len(matches)}")
        text = matches["event"].iloc[0]
        event = events[events["event"] == text].iloc[0]
        rows.append({"c": rung.c, "label": rung.label, "refused": rung.refused,
                     "date": event["start"], "event_name": event["label"], "event": text})
    return pd.DataFrame(rows)


def plot_support_ladder(ladder: Sequence[Rung] = SUPPORT_LADDER, ax: Axes | None = None) -> Axes:
    """The highest step of support reached over time, and the step refused.

    Examples
    --------
    >>> ax = plot_support_ladder()
    >>> ax.get_ylabel()
    'commitment level c (our coding)'
    """
    _check_ax(ax)
    table = ladder_events(ladder)
    ax = ax if ax is not None else new_axes(9.0, 4.2)
    taken = table[~table["refused"]].sort_values("date")
    dates = [pd.Timestamp(d) for d in taken["date"]]
    end = pd.Timestamp(date(2026, 4, 30))
    level = np.maximum.accumulate(taken["c"].to_numpy())
    ax.step([*dates, end], [*level, level[-1]], where="post", color=PALETTE["vermillion"],
            lw=2.4, label="highest step reached (member states)")
    ax.plot(dates, taken["c"], "o", color=PALETTE["vermillion"], mec="black", ms=7)
    for (_, row), when in zip(taken.iterrows(), dates):
        ax.annotate(f"{row['label']} ({when:%b %Y})", (when, row["c"]),
                    xytext=(-6, 4), textcoords="offset points", ha="right", va="bottom",
                    fontsize=8)
    refused = table[table["refused"]]
    for _, row in refused.iterrows():
        when = pd.Timestamp(row["date"])
        ax.plot([when], [row["c"]], "X", color=PALETTE["blue"], ms=11, mec="black",
                label="refused by NATO (collective decision)")
        ax.annotate(f"{row['label']} ({when:%b %Y})", (when, row["c"]), xytext=(8, -3),
                    textcoords="offset points", ha="left", va="top", fontsize=8)
    ax.axhline(1.0, color=PALETTE["grey"], lw=0.8, ls="--")
    ax.set_ylim(0, 1.08)
    ax.set_xlim(pd.Timestamp(date(2011, 7, 1)), end)
    ax.set_ylabel("commitment level c (our coding)")
    ax.set_xlabel("year (each step with the month it was decided)")
    ax.set_title("Step by step: the depth of Western military support to Ukraine")
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    ax.grid(alpha=0.3)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    return ax


@dataclass(frozen=True)
class Period:
    """A historical choice to reproduce with the commitment model (our formalization).

    Attributes
    ----------
    key : str
        Short name: ``"2014"``, ``"no-fly zone"`` or ``"2022-2024"``.
    label : str
        For figures and sentences.
    choice : str
        What the West chose, in words.
    low, high : float
        The band of commitment levels that stands for that choice (our coding).
    refused : float or None
        A level that was refused: reproduced only if ``c*`` stays below it.
    """

    key: str
    label: str
    choice: str
    low: float
    high: float
    refused: float | None = None

    def band_text(self) -> str:
        """The band in words, for example ``"c between 0.05 and 0.25"``.

        Examples
        --------
        >>> PERIODS["no-fly zone"].band_text()
        'c below 1'
        """
        if self.refused is not None and self.low == 0.0:
            return f"c below {self.refused:g}"
        return f"c between {self.low:g} and {self.high:g}"


#: The three choices to reproduce, in time order (our coding of each as a band of c).
PERIODS: dict[str, Period] = {
    "2014": Period("2014", "2014 (Crimea)",
                   "non-lethal aid only", 0.05, 0.25),
    "no-fly zone": Period("no-fly zone", "no-fly zone (March 2022)",
                          "NATO refused to police a no-fly zone", 0.0, 1.0,
                          refused=1.0),
    "2022-2024": Period("2022-2024", "2022-2024 (full-scale war)",
                        "heavy weapons step by step, from HIMARS to F-16s", 0.45, 0.85),
}

#: The fixed part of the calibration (our assumptions, on a scale where a direct war
#: with Russia costs L_E = 100): p_A = 0.5 (Ukraine is lost without any support with
#: probability one half), no escalation risk without support (r0 = 0), the cost of full
#: support k = 5, abandonment risk falling evenly with support (alpha = 1), escalation
#: risk concentrated near direct combat (beta = 3). L_A and p_E are the reader's.
BASE_MODEL = CommitmentModel(L_A=50.0, L_E=100.0, p_A=0.5, p_E=0.5, r0=0.0, k=5.0,
                             alpha=1.0, beta=3.0)

#: The estimates every period starts from in the widget (not calibrated to history).
DEFAULT_ESTIMATES: dict[str, float] = {"L_A": 50.0, "p_E": 0.5}

#: Largest loss from abandonment offered to the reader (the scale of L_E = 100).
L_A_MAX = 100.0


def _period(period: object) -> Period:
    if isinstance(period, Period):
        return period
    if not isinstance(period, str):
        raise TypeError(f"period must be one of {list(PERIODS)} or a Period; got "
                        f"{type(period).__name__} {_show(period)}")
    key = period.strip().replace("–", "-")
    if key not in PERIODS:
        raise ValueError(f"period must be one of {list(PERIODS)}; got {period!r}")
    return PERIODS[key]


def _base(base: object) -> CommitmentModel:
    if base is None:
        return BASE_MODEL
    if not isinstance(base, CommitmentModel):
        raise TypeError(f"base must be a CommitmentModel or None; got {type(base).__name__}")
    return base


@dataclass(frozen=True)
class Calibration:
    """A reader's estimates for one period, the best commitment they imply, and the verdict.

    Attributes
    ----------
    period : Period
    model : CommitmentModel
        :data:`BASE_MODEL` (or the base given) with the reader's ``L_A`` and ``p_E``.
    result : CommitmentResult
    verdict : str
        ``"reproduced"`` (c* inside the period's band), ``"too low"`` (the model commits
        less than the West did), ``"too high"`` (more; for the no-fly zone: the model
        would enforce it) or ``"tie"`` (several levels equally good: history is
        consistent with the estimates but not explained by them).
    """

    period: Period
    model: CommitmentModel
    result: CommitmentResult
    verdict: str

    @property
    def c_star(self) -> float:
        """The best commitment level."""
        return self.result.c_star

    @property
    def sentence(self) -> str:
        """One sentence: estimates, c*, and whether the historical choice is reproduced.

        Examples
        --------
        >>> print(calibrate("2014", L_A=50, p_E=0.5).sentence)
        2014 (Crimea): with a loss from abandonment of 50 and an escalation risk of 0.50, the
        best commitment is c* = 0.37, more than the historical choice: non-lethal aid only (c
        between 0.05 and 0.25).
        """
        p = self.period
        start = (f"{p.label}: with a loss from abandonment of {self.model.L_A:g} and an "
                 f"escalation risk of {self.model.p_E:.2f}, ")
        choice = f"the historical choice: {p.choice} ({p.band_text()})"
        if self.verdict == "tie":
            return (start + "several commitment levels are equally good, so the model is "
                    f"consistent with {choice} but does not explain it.")
        where = f"the best commitment is c* = {self.c_star:.2f}"
        if self.verdict == "reproduced":
            return start + f"{where}, which reproduces {choice}."
        if self.verdict == "too low":
            return start + f"{where}, less than {choice}."
        if p.refused is not None and self.c_star >= p.refused:
            return start + f"{where}: the model would take the step that was refused."
        return start + f"{where}, more than {choice}."


def calibrate(period: str | Period, L_A: float, p_E: float, *,
              base: CommitmentModel | None = None) -> Calibration:
    """The best commitment implied by estimates of ``L_A`` and ``p_E`` for one period.

    Parameters
    ----------
    period : {"2014", "no-fly zone", "2022-2024"} or Period
    L_A : float
        The reader's estimate of the loss from abandonment (Ukraine falls; the West's
        credibility suffers), >= 0, on the scale where a direct war with Russia costs
        ``base.L_E``.
    p_E : float
        The reader's estimate of the escalation risk: the probability that full support
        (direct combat) would bring a direct war with Russia, in [0, 1].
    base : CommitmentModel, optional
        The fixed parameters (default :data:`BASE_MODEL`).

    Returns
    -------
    Calibration

    Examples
    --------
    With the base model, c* = sqrt((p_A L_A - k) / (3 L_E p_E)) when that lies in (0, 1):

    >>> round(calibrate("2022-2024", L_A=60, p_E=0.2).c_star, 4)   # sqrt(25 / 60)
    0.6455
    >>> calibrate("no-fly zone", L_A=100, p_E=0.05).verdict        # 50 >= 3*5 + 5
    'too high'
    >>> calibrate("2014", L_A=10, p_E=0).verdict                   # p_A L_A = k: flat EU
    'tie'
    """
    p = _period(period)
    model = _base(base).replace(L_A=check_real(L_A, "L_A", minimum=0),
                                p_E=check_real(p_E, "p_E", minimum=0, maximum=1))
    result = model.best()
    tol = 1e-9
    if result.every_level_optimal or len(result.maximisers) > 1:
        verdict = "tie"
    elif p.refused is not None and result.c_star >= p.refused - tol:
        verdict = "too high"
    elif result.c_star < p.low - tol:
        verdict = "too low"
    elif result.c_star > p.high + tol:
        verdict = "too high"
    else:
        verdict = "reproduced"
    return Calibration(p, model, result, verdict)


def _marginal_coefficients(base: CommitmentModel, c: float) -> tuple[float, float]:
    """(A, E) with EU'(c) = L_A A - p_E E - k, read from the model's own marginal utility.

    EU'(c) is linear in L_A and in p_E (the other parameters fixed), so two evaluations of
    :meth:`CommitmentModel.marginal_utility` with unit parameters give the coefficients.
    """
    a = float(base.replace(L_A=1.0, p_E=0.0, k=0.0).marginal_utility(c))
    e = -float(base.replace(L_A=0.0, p_E=1.0, k=0.0).marginal_utility(c))
    return a, e


def reproducing_region(period: str | Period, p_E: object, *,
                       base: CommitmentModel | None = None) -> tuple[np.ndarray, np.ndarray]:
    """For each escalation risk, the range of losses from abandonment that reproduce a choice.

    In a concave model the best commitment lies at or above ``low`` exactly when the
    marginal utility at ``low`` is not negative, and at or below ``high`` exactly when it
    is not positive there. The marginal utility is linear in ``L_A`` and ``p_E``, so each
    condition is a straight line in the (``p_E``, ``L_A``) plane:
    ``L_A >= (k + p_E E(low)) / A(low)`` and ``L_A <= (k + p_E E(high)) / A(high)``.

    Parameters
    ----------
    period : {"2014", "no-fly zone", "2022-2024"} or Period
    p_E : float or array_like
        Escalation risks in [0, 1].
    base : CommitmentModel, optional
        Must be concave for every L_A and p_E (``alpha >= 1`` and ``beta >= 1``).

    Returns
    -------
    (ndarray, ndarray)
        The smallest and the largest ``L_A`` that reproduce the choice (``inf`` if no
        upper limit), for each ``p_E``. The ends themselves are knife-edge cases.

    Examples
    --------
    With the base model, the 2014 band needs 10 + 1.5 p_E <= L_A <= 10 + 37.5 p_E:

    >>> low, high = reproducing_region("2014", [0.0, 0.4])
    >>> low.tolist(), high.tolist()
    ([10.0, 10.6], [10.0, 25.0])
    >>> reproducing_region("no-fly zone", 0.1)[1].tolist()   # enforce above 10 + 600 p_E
    [70.0]
    """
    p = _period(period)
    model = _base(base)
    if model.alpha < 1.0 or model.beta < 1.0:
        raise ValueError(f"base must have alpha >= 1 and beta >= 1 (a concave model); got "
                         f"alpha = {model.alpha:g}, beta = {model.beta:g}")
    if model.p_A == 0.0:
        raise ValueError("base must have p_A > 0: otherwise abandonment is no risk at all and "
                         "no loss from abandonment changes the best commitment")
    risks = np.atleast_1d(np.asarray(p_E, dtype=float)) if not isinstance(p_E, (str, bytes)) \
        else None
    if risks is None or risks.ndim != 1 or not np.all(np.isfinite(risks)) \
            or np.any((risks < 0) | (risks > 1)):
        raise ValueError(f"p_E must be a number or a 1-D array of numbers in [0, 1]; got "
                         f"{_show(p_E)}")

    def bound(c: float) -> np.ndarray:
        a, e = _marginal_coefficients(model, c)
        if a <= 0.0:       # the abandonment risk no longer falls: c* never reaches c
            return np.full_like(risks, np.inf)
        return (model.k + risks * e) / a

    low = np.zeros_like(risks) if p.low <= 0.0 else bound(p.low)
    upper = p.refused if p.refused is not None else p.high
    high = np.full_like(risks, np.inf) if upper >= 1.0 and p.refused is None else bound(upper)
    return low, high


#: Colour, hatch and marker of each period in figures.
PERIOD_STYLE = {
    "2014": (PALETTE["sky_blue"], "\\\\", "o"),
    "no-fly zone": (PALETTE["blue"], "xx", "X"),
    "2022-2024": (PALETTE["orange"], "//", "s"),
}


def plot_calibration_map(base: CommitmentModel | None = None, ax: Axes | None = None, *,
                         L_A_max: float = L_A_MAX) -> Axes:
    """Which estimates (p_E, L_A) reproduce each historical choice in the model.

    The 2014 and 2022-2024 regions are shaded where the choice is reproduced; for the
    no-fly zone the shaded region is where the model would *enforce* it (the refusal is
    reproduced everywhere else).

    Examples
    --------
    >>> ax = plot_calibration_map()
    >>> ax.get_xlabel()
    'escalation risk p_E (direct combat brings war with Russia)'
    """
    model = _base(base)
    _check_ax(ax)
    top = check_real(L_A_max, "L_A_max", minimum=0, allow_equal_min=False)
    ax = ax if ax is not None else new_axes(6.0, 4.6)
    risks = np.linspace(0.0, 1.0, 401)
    handles = []
    for key, period in PERIODS.items():
        colour, hatch, _ = PERIOD_STYLE[key]
        low, high = reproducing_region(period, risks, base=model)
        if period.refused is not None:
            lo, hi = np.minimum(high, top), np.full_like(risks, top)
            text = "no-fly zone: the model would enforce it"
        else:
            lo, hi = np.minimum(low, top), np.minimum(high, top)
            text = f"{period.label}: reproduced"
        ax.fill_between(risks, lo, hi, where=hi > lo, facecolor=colour, alpha=0.35,
                        hatch=hatch, edgecolor=colour, linewidth=0)
        for edge in (lo, hi):
            inside = edge < top
            ax.plot(risks[inside], edge[inside], color=colour, lw=1.2)
        handles.append(Patch(facecolor=colour, alpha=0.5, hatch=hatch, edgecolor=colour,
                             label=text))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, top)
    ax.set_xlabel("escalation risk p_E (direct combat brings war with Russia)")
    ax.set_ylabel(f"loss from abandonment L_A (war with Russia = {model.L_E:g})")
    ax.set_title("Estimates that reproduce each choice (our model)", fontsize=11)
    ax.legend(handles=handles, loc="center right", fontsize=8, frameon=True, framealpha=0.9)
    ax.grid(alpha=0.3)
    return ax


# ======================================================================================
# The tank decision of January 2023 (our formalization)
# ======================================================================================

#: The two strategies of each ally in the tank game.
TANK_STRATEGIES: tuple[str, ...] = ("Send tanks", "Wait")


def tank_game(T: float = 3, R: float = 4, P: float = 2, S: float = 1) -> Game:
    """Germany and the United States deciding whether to send battle tanks (our formalization).

    An **assurance game** (a stag hunt). Each ally ranks the four outcomes the same way
    (ordinal payoffs, 4 = best): both send (R = 4: Ukraine gets tanks and the risk of
    escalation is shared), it waits while the other sends (T = 3: Ukraine gets some tanks,
    but the ally that held back is blamed for it), neither sends (P = 2: no tanks, no new
    risk), it sends alone (S = 1: all the risk, and Moscow's anger, on it). With
    R > T > P > S sending is each ally's best reply to sending and waiting its best reply
    to waiting: each sends if, and only if, the other does. That conditional preference
    is a property of the payoffs, not a rule added to the game. Germany is the row player.

    The ranking is our assumption: the sources document Germany's condition (no Leopards
    unless the United States sent Abrams), not either government's full ranking. Other
    payoffs may be given to explore neighbouring games (``T=4, R=3`` gives a prisoner's
    dilemma).

    Parameters
    ----------
    T, R, P, S : float
        Payoffs of waiting while the other sends, both sending, neither sending, and
        sending alone (the same for both allies).

    Returns
    -------
    Game

    Examples
    --------
    >>> game = tank_game()
    >>> game.payoffs("Wait", "Send tanks")
    (3.0, 1.0)
    >>> game.pure_equilibria()
    [('Send tanks', 'Send tanks'), ('Wait', 'Wait')]
    >>> game.is_pareto_efficient("Wait", "Wait")
    False
    """
    t, r, p, s = (check_real(v, n) for v, n in ((T, "T"), (R, "R"), (P, "P"), (S, "S")))
    return symmetric_game(t, r, p, s, labels=TANK_STRATEGIES, row_name="Germany",
                          col_name="United States")
