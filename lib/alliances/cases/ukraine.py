"""NATO and Ukraine (part 4): what the aid data say.

Analyses of the Kiel Institute's *Ukraine Support Tracker*, Release 29
(``data/kiel_ukraine_*.csv``, loaded and schema-checked by :mod:`alliances.data`):
totals by donor and type of aid, monthly series, heavy weapons, and NATO members against
the other donors. NATO membership is *derived from NATO's own data files*, not typed in
(:func:`nato_members`). The Kiel figures are **bilateral allocations** (aid delivered or
earmarked for delivery), not pledges, from January 2022 to April 2026. The donors are
states and the EU institutions; NATO itself is not a donor.

The figures are drawn by :mod:`alliances.views.ukraine`; the ``plot_*`` functions here
compute their tables from the data and pass them on. The alliance dilemma applied to
Ukraine (the calibrated commitment model, the tank game) is in
:mod:`alliances.cases.ukraine_dilemma`.

Examples
--------
>>> totals = aid_totals()
>>> round(float(totals["total"]), 1), round(float(totals["military"]), 1)
(358.4, 173.0)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from alliances import data
from alliances._validation import short_repr
from alliances.i18n import _
from alliances.views.style import month_year
from alliances.views.ukraine import plot_aid_months, plot_donor_aid, plot_donor_weapons

__all__ = [
    "EU_INSTITUTIONS", "GROUPS", "aid_by_donor", "aid_totals", "nato_members",
    "donor_groups", "military_share", "aid_by_group", "monthly_aid", "PeakMonth",
    "largest_month", "heavy_weapons", "heavy_weapons_by_group", "weapon_systems",
    "plot_aid_by_donor", "plot_monthly_aid", "plot_heavy_weapons",
]

#: The three kinds of aid in the Kiel tracker, in the order used in tables and figures.
_AID_TYPES: tuple[str, ...] = ("military", "financial", "humanitarian")

#: The Kiel tracker's name for the EU institutions: a donor, but not a state and not NATO.
EU_INSTITUTIONS = "EU (Commission and Council)"

#: Donor groups: NATO members (bilateral aid), the EU institutions, everyone else.
GROUPS: tuple[str, ...] = ("NATO member", "EU institutions", "not in NATO")

#: Heavy-weapon categories of the Kiel tracker, in the order used in tables and figures.
_WEAPON_CATEGORIES: tuple[str, ...] = ("Tanks", "IFV", "Howitzers", "MLRS", "Air Defense")


# ======================================================================================
# Input checks
# ======================================================================================


def _frame(value: object, name: str, data_set: str, columns: Sequence[str]) -> pd.DataFrame:
    """``value`` as a DataFrame with ``columns``; ``None`` loads ``data_set``."""
    if value is None:
        return data.load(data_set)
    if not isinstance(value, pd.DataFrame):
        raise TypeError(_("{name} must be a pandas DataFrame such as "
                          "alliances.data.load({data_set!r}), or None to load it; got "
                          "{type} {value}").format(
            name=name, data_set=data_set, type=type(value).__name__, value=short_repr(value)))
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise ValueError(_("{name} must have the columns {columns} of {data_set}.csv; "
                           "missing {missing}").format(
            name=name, columns=list(columns), data_set=data_set, missing=missing))
    if value.empty:
        raise ValueError(_("{name} must contain at least one row; got an empty table").format(
            name=name))
    return value


def _donor(donor: object, known: Sequence[str], name: str = "donor") -> str:
    """Return ``donor`` if it is one of ``known``; else raise, suggesting a close match."""
    if not isinstance(donor, str):
        raise TypeError(_("{name} must be a donor's name (a str) such as 'Germany'; got "
                          "{type} {donor}").format(
            name=name, type=type(donor).__name__, donor=short_repr(donor)))
    if donor in known:
        return donor
    folded = {k.casefold(): k for k in known}
    if donor.strip().casefold() in folded:
        return folded[donor.strip().casefold()]
    close = difflib.get_close_matches(donor, list(known), n=1)
    hint = " " + _("Did you mean {name!r}?").format(name=close[0]) if close else ""
    raise ValueError(_("{name} {donor!r} is not a donor in the Kiel tracker (the donors "
                       "are states and {EU_INSTITUTIONS!r}; NATO itself is not "
                       "one).{hint}").format(
        name=name, donor=donor, EU_INSTITUTIONS=EU_INSTITUTIONS, hint=hint))


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
    unknown = sorted(set(frame["aid_type"]) - {*_AID_TYPES, "total"})
    if unknown:
        raise ValueError(_("aid: aid_type must be one of {value}; got {unknown}").format(
            value=[*_AID_TYPES, 'total'], unknown=unknown))
    wide = frame.pivot_table(index="donor", columns="aid_type", values="eur_bn",
                             aggfunc="sum", fill_value=0.0)
    for kind in _AID_TYPES:
        if kind not in wide.columns:
            wide[kind] = 0.0
    parts = wide[list(_AID_TYPES)].astype(float)
    total = parts.sum(axis=1)
    if "total" in wide.columns:
        gap = (wide["total"] - total).abs()
        bad = gap[gap > 1e-6 * np.maximum(1.0, total.abs())]
        if not bad.empty:
            raise ValueError(_("aid: the 'total' rows differ from military + financial + "
                               "humanitarian for {value}").format(value=bad.index.tolist()[:3]))
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
        raise ValueError(_("release2019 lists Allies with defence spending that the 2025 "
                           "table does not: {left}. Did an Ally leave? Membership cannot "
                           "be derived.").format(left=left))
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
        raise TypeError(_("members must be a pandas DataFrame indexed by ISO3 code, such "
                          "as nato_members(), or None to load it; got {type} {members}").format(
            type=type(members).__name__, members=short_repr(members)))
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
        raise ValueError(_("donor {name!r} has a total of zero: its military share is "
                           "undefined").format(name=name))
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
    if not isinstance(aid_type, str) or aid_type not in ("all", *_AID_TYPES):
        raise ValueError(_("aid_type must be one of {value}; got {aid_type!r}").format(
            value=['all', *_AID_TYPES], aid_type=aid_type))
    periods = pd.PeriodIndex.from_fields(year=frame["year"].to_numpy(),
                                         month=frame["month"].to_numpy(), freq="M")
    months = pd.period_range(periods.min(), periods.max(), freq="M")
    keep = np.ones(len(frame), dtype=bool)
    if aid_type != "all":
        keep &= (frame["aid_type"] == aid_type).to_numpy()
    if donors is not None:
        if isinstance(donors, str) or not isinstance(donors, Sequence):
            raise TypeError(_("donors must be a list of donor names or None; got {type} "
                              "{donors}").format(
                type=type(donors).__name__, donors=short_repr(donors)))
        known = sorted(set(frame["donor"]))
        chosen = {_donor(d, known, "donors") for d in donors}
        keep &= frame["donor"].isin(chosen).to_numpy()
    values = pd.Series(frame["eur_bn"].to_numpy(dtype=float)[keep], index=periods[keep])
    series = values.groupby(level=0).sum().reindex(months, fill_value=0.0)
    series.index.name = "month"
    series.name = f"{aid_type} aid, EUR bn"
    return series


class PeakMonth(NamedTuple):
    """The month with the largest value of a monthly series, and any months tied with it.

    Examples
    --------
    >>> PeakMonth("2024-10", 23.15, ()).month
    '2024-10'
    """

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
        raise TypeError(_("series must be a non-empty pandas Series, such as "
                          "monthly_aid()"))
    try:
        values = series.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise TypeError(_("series must contain numbers (EUR bn by month); got {value}").format(
            value=short_repr(series.tolist()))) from None
    if not np.all(np.isfinite(values)):
        raise ValueError(_("series must contain finite numbers"))
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
        One row per donor, one column per category (``Tanks``, ``IFV``, ``Howitzers``,
        ``MLRS``, ``Air Defense``) and a
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
        raise ValueError(_("measure must be 'number' or 'eur_bn'; got {measure!r}").format(
            measure=measure))
    table = (frame.assign(value=values)
             .pivot_table(index="donor", columns="category", values="value", aggfunc="sum",
                          fill_value=0)
             .reindex(columns=list(_WEAPON_CATEGORIES), fill_value=0))
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
        raise ValueError(_("weapons: donors {unknown} are not in the aid file, so their "
                           "group is unknown").format(unknown=unknown))
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
                raise ValueError(_("weapons: cannot read {item!r} in the list of {donor},"
                                   " {category}; expected 'system (number)'").format(
                    item=item, donor=row.donor, category=row.category))
            parsed.append((match["system"], int(match["number"])))
        if sum(n for _name, n in parsed) != row.number_of_weapons:
            raise ValueError(_("weapons: the systems listed for {donor}, {category} add "
                               "up to {value}, not {number_of_weapons}").format(
                donor=row.donor, category=row.category, value=sum(n for _name, n in parsed),
                number_of_weapons=row.number_of_weapons))
        rows += [{"donor": row.donor, "category": row.category, "system": s, "number": n}
                 for s, n in parsed]
    return pd.DataFrame(rows)


# ======================================================================================
# The figures: tables computed here, drawn by alliances.views.ukraine
# ======================================================================================


def _period_text(aid: pd.DataFrame) -> str:
    if {"period_start", "period_end"} <= set(aid.columns):
        first = pd.Period(str(aid["period_start"].min()), freq="M")
        last = pd.Period(str(aid["period_end"].max()), freq="M")
        return _("{first} to {last}").format(first=month_year(first.start_time.date()),
                                             last=month_year(last.start_time.date()))
    return _("the period covered")


def plot_aid_by_donor(aid: pd.DataFrame | None = None, ax: Axes | None = None, *,
                      top: int = 12) -> Axes:
    """Stacked bars of the largest donors' aid by type; non-NATO donors are named as such.

    :func:`aid_by_donor` with each donor's group (:func:`donor_groups`), drawn by
    :func:`alliances.views.ukraine.plot_donor_aid`.

    Examples
    --------
    >>> ax = plot_aid_by_donor(top=5)
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['United States', 'EU institutions (not NATO)']
    """
    frame = _frame(aid, "aid", "kiel_ukraine_aid_by_donor", _AID_COLUMNS)
    table = aid_by_donor(frame).join(donor_groups(frame)["group"])
    return plot_donor_aid(table, ax, top=top, period=_period_text(frame))


def plot_monthly_aid(monthly: pd.DataFrame | None = None,
                     axes: tuple[Axes, Axes] | None = None, *,
                     events: pd.DataFrame | None = None) -> tuple[Axes, Axes]:
    """Monthly allocations by type (top) and their running totals (bottom).

    :func:`monthly_aid` of each type, drawn by :func:`alliances.views.ukraine.plot_aid_months`.

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
    >>> from alliances.cases.timeline import timeline
    >>> top, bottom = plot_monthly_aid(events=timeline("ukraine"))
    >>> bottom.get_ylabel()
    'cumulative, EUR bn'
    """
    frame = _frame(monthly, "monthly", "kiel_ukraine_aid_monthly_by_donor", _MONTHLY_COLUMNS)
    table = pd.DataFrame({kind: monthly_aid(frame, aid_type=kind) for kind in _AID_TYPES})
    return plot_aid_months(table, axes, events=events)


def plot_heavy_weapons(weapons: pd.DataFrame | None = None, ax: Axes | None = None, *,
                       top: int = 12) -> Axes:
    """Stacked bars of heavy weapons (number of systems) by donor and category.

    :func:`heavy_weapons` with each donor's group (:func:`donor_groups`), drawn by
    :func:`alliances.views.ukraine.plot_donor_weapons`.

    Examples
    --------
    >>> ax = plot_heavy_weapons(top=4)
    >>> ax.get_xlabel()
    'number of systems delivered or committed'
    """
    frame = _frame(weapons, "weapons", "kiel_ukraine_heavy_weapons_by_donor", _WEAPON_COLUMNS)
    table = heavy_weapons(frame)
    groups = donor_groups()["group"]
    table["group"] = [groups.get(d, "not in NATO") for d in table.index]
    return plot_donor_weapons(table, ax, top=top)
