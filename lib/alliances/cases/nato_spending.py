"""NATO's defence spending as a share of GDP, 2014-2024: the 2 % guideline and after.

Reads NATO's August 2025 release (Table 3: defence spending as % of GDP, 2014-2024, the
2024 values NATO estimates), the 2025 estimates as reported, and the dated pledges of the
case-study timeline, through :func:`alliances.data.load`; nothing is typed in. NATO and
SIPRI series are never mixed.

* **The guideline.** :func:`allies_at_or_above` counts the Allies at or above 2 % each
  year, :func:`burden_ranks` ranks Allies by their share, :func:`estimates_2025` and
  :func:`pledge_timeline` give the 2025 estimates and the pledges (2006, Wales 2014...).
* **After the withdrawal from Afghanistan.** :func:`spending_series` and
  :func:`spending_change` follow the European Allies' spending across the Kabul
  withdrawal (August 2021) and Russia's full-scale invasion of Ukraine (February 2022),
  which :func:`plot_spending` marks.

Examples
--------
>>> int(allies_at_or_above().set_index("year").loc[2024, "count"])
18
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from alliances._validation import check_codes, check_real, short_repr
from alliances.cases.timeline import timeline
from alliances.data import load
from alliances.i18n import _
from alliances.views import nato_spending as view
from alliances.views.nato_burden import FRONTLINE

__all__ = ["allies_at_or_above", "burden_ranks", "estimates_2025", "pledge_timeline",
           "spending_series", "spending_change", "plot_spending"]

_NATO_2025 = "nato_defence_pct_gdp_2014_2024"
_NATO_2025E = "nato_defence_pct_gdp_2025e_reported"
#: The date of NATO's August 2025 release, whose timeline line is left out of
#: :func:`pledge_timeline` (it would claim a 2025 value for Germany that ``data/`` lacks).
_RELEASE_2025_DATE = "2025-08-28"
#: Most decimals :func:`allies_at_or_above` rounds to (the data have far fewer).
_MAX_DECIMALS = 10


# --------------------------------------------------------------------------- checks


def _check_year(year: object, first: int, last: int, name: str, what: str = "") -> int:
    if isinstance(year, (bool, np.bool_)) or not isinstance(year, (int, np.integer)):
        raise TypeError(_("{name} must be an integer year; got {type} {year}").format(
            name=name, type=type(year).__name__, year=short_repr(year)))
    if not first <= int(year) <= last:
        raise ValueError(_("{name} must be between {first} and {last}{value}; got {year}").format(
            name=name, first=first, last=last, value=' for ' + what if what else '', year=year))
    return int(year)


# ------------------------------------------------------------------------- the pledges
def _nato_countries() -> pd.DataFrame:
    table = load(_NATO_2025)
    return table[table["entity_type"] == "country"]


def allies_at_or_above(threshold: float = 2.0, decimals: int | None = None) -> pd.DataFrame:
    """How many Allies spent at least ``threshold`` % of GDP, each year 2014-2024.

    From NATO's August 2025 release (Table 3), countries only (the two NATO aggregates
    are left out); 2024 values are NATO estimates.

    Parameters
    ----------
    threshold : float
        In % of GDP; NATO's guideline is 2.
    decimals : int, optional
        Round each value to this many decimals before comparing, as a reader of the
        published (rounded) table would; by default the full precision of the file. 0 to 10.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``count``, ``listed`` (Allies with a value that year) and ``allies``
        (their names, "; "-separated), one row per year.

    Examples
    --------
    >>> counts = allies_at_or_above()
    >>> counts.set_index("year").loc[[2014, 2024], "count"].tolist()
    [3, 18]
    >>> counts.loc[counts["year"] == 2014, "allies"].item()
    'Greece; United Kingdom; United States'
    """
    threshold = check_real(threshold, "threshold", minimum=0.0, maximum=100.0)
    if decimals is not None:
        if isinstance(decimals, (bool, np.bool_)) or not isinstance(decimals, (int, np.integer)):
            raise TypeError(_("decimals must be None or a non-negative integer (at most "
                              "{MAX_DECIMALS}); got {type} {decimals}").format(
                MAX_DECIMALS=_MAX_DECIMALS, type=type(decimals).__name__,
                decimals=short_repr(decimals)))
        if not 0 <= decimals <= _MAX_DECIMALS:
            raise ValueError(_("decimals must be None or a non-negative integer (at most "
                               "{MAX_DECIMALS}); got {decimals}").format(
                MAX_DECIMALS=_MAX_DECIMALS, decimals=short_repr(decimals)))
        decimals = int(decimals)
    table = _nato_countries()
    values = table["defence_pct_gdp"] if decimals is None else table["defence_pct_gdp"].round(
        decimals)
    above = table[values >= threshold]
    rows = []
    for year, group in table.groupby("year"):
        names = sorted(above.loc[above["year"] == year, "country"])
        rows.append({"year": int(year), "count": len(names), "listed": len(group),
                     "allies": "; ".join(names)})
    return pd.DataFrame(rows)


def burden_ranks(codes: Sequence[str] = FRONTLINE,
                 years: Sequence[int] = (2014, 2019, 2022, 2024)) -> pd.DataFrame:
    """Where Allies rank by defence spending as % of GDP (1 = highest), by year.

    From NATO's August 2025 release, countries only, ranked among the Allies listed that
    year (31). Ties share the best rank.

    Returns
    -------
    pandas.DataFrame
        One row per country (index: name), one column per year; also ``listed``, the
        number of Allies ranked each year, as a last row.

    Examples
    --------
    >>> ranks = burden_ranks(["POL"], [2014, 2024])
    >>> ranks.loc["Poland"].tolist()
    [5, 1]
    """
    table = _nato_countries()
    codes = check_codes(codes, "codes")
    if not codes:
        raise ValueError(_("codes must name at least one Ally"))
    if isinstance(years, (str, bytes)) or not isinstance(years, Iterable):
        raise TypeError(_("years must be a list of years such as [2014, 2024]; got {type}"
                          " {years}").format(type=type(years).__name__, years=short_repr(years)))
    years = list(years)
    if not years:
        raise ValueError(_("years must name at least one year"))
    unknown = [c for c in codes if c not in set(table["iso3"])]
    if unknown:
        raise ValueError(_("codes: not in NATO's 2025 table: {unknown}").format(unknown=unknown))
    columns = {}
    for year in years:
        year = _check_year(year, 2014, 2024, "years", "NATO's 2025 release")
        rows = table[table["year"] == year].copy()
        rows["rank"] = rows["defence_pct_gdp"].rank(ascending=False, method="min").astype(int)
        ranked = rows.set_index("iso3")
        columns[year] = [int(ranked.loc[c, "rank"]) for c in codes] + [len(rows)]
    names = dict(zip(table["iso3"], table["country"]))
    return pd.DataFrame(columns, index=[names[c] for c in codes] + ["listed"])


def estimates_2025() -> pd.DataFrame:
    """NATO's 2025 estimates as reported, with their confidence, highest first.

    Columns: ``country``, ``entity_type``, ``defence_pct_gdp``, ``confidence``,
    ``n_independent_sources``. Only the Allies for which a value was found (see
    ``data/SOURCES.md``: Germany has none, and several others are missing).

    Examples
    --------
    >>> table = estimates_2025()
    >>> "Germany" in set(table["country"]), table.columns[-2:].tolist()
    (False, ['confidence', 'n_independent_sources'])
    """
    table = load(_NATO_2025E)
    columns = ["country", "entity_type", "defence_pct_gdp", "confidence",
               "n_independent_sources"]
    return table.sort_values(["entity_type", "defence_pct_gdp"], ascending=[False, False],
                             kind="stable")[columns].reset_index(drop=True)


def pledge_timeline() -> pd.DataFrame:
    """The dated events of the spending pledges (2006, Wales 2014, The Hague 2025...).

    The timeline's line for NATO's release of 28 August 2025 is left out: its press
    summary, "all Allies except Iceland" estimated at 2 % or more in 2025, would include
    Germany, for which the course's data hold no 2025 value (``data/SOURCES.md``, the
    2025 estimates: NATO published no German estimate while the budget awaited approval).
    The 2025 estimates the course can source are in :func:`estimates_2025`.

    Examples
    --------
    >>> events = pledge_timeline()
    >>> events["date_start"].tolist()[:2]
    ['2006', '2014-09-05']
    >>> "2025-08-28" in set(events["date_start"])
    False
    """
    table = load("case_study_timeline")
    rows = table[(table["case_study"] == "burden_sharing")
                 & (table["date_start"] != _RELEASE_2025_DATE)]
    return rows[["date_start", "event", "source_ids"]].reset_index(drop=True)


# -------------------------------------------------------------------------- spending
def _nato_2025() -> pd.DataFrame:
    return load(_NATO_2025)


def spending_series(entities: Sequence[str] = ("NATO Europe and Canada", "United States"),
                    ) -> pd.DataFrame:
    """Defence spending as % of GDP, 2014-2024, from NATO's August 2025 release (Table 3).

    Parameters
    ----------
    entities : sequence of str
        Countries or the aggregates "NATO Europe and Canada" and "NATO Total", as NATO's
        table spells them.

    Returns
    -------
    pandas.DataFrame
        Index: year; one column per entity. 2024 values are NATO estimates.

    Examples
    --------
    >>> series = spending_series()
    >>> series.loc[[2021, 2022], "NATO Europe and Canada"].round(2).tolist()
    [1.63, 1.63]
    """
    table = _nato_2025()
    if isinstance(entities, str) or not isinstance(entities, Sequence) or not entities:
        raise TypeError(_("entities must be a non-empty list of names; got {entities}").format(
            entities=short_repr(entities)))
    unknown = [e for e in entities if e not in set(table["country"])]
    if unknown:
        raise ValueError(_("entities: not in NATO's 2025 table: {unknown}").format(
            unknown=unknown))
    rows = table[table["country"].isin(entities)]
    wide = rows.pivot(index="year", columns="country", values="defence_pct_gdp")
    return wide[list(entities)]


def spending_change(first: int = 2021, last: int = 2024) -> pd.DataFrame:
    """Change in defence spending (% of GDP) of each European Ally between two years.

    European Allies are the countries of NATO's August 2025 table other than the United
    States and Canada: 29, including Finland and Sweden, which joined in 2023 and 2024
    (NATO's table lists every year for its members of 2025). Iceland has no armed forces
    and is not in the table.

    Returns
    -------
    pandas.DataFrame
        ``country``, ``first``, ``last`` (% of GDP), ``change`` (percentage points),
        largest rise first.

    Examples
    --------
    >>> change = spending_change(2021, 2024)
    >>> len(change), int((change["change"] > 0).sum())
    (29, 26)
    >>> change.iloc[0]["country"]
    'Poland'
    """
    first = _check_year(first, 2014, 2024, "first")
    last = _check_year(last, 2014, 2024, "last")
    if last <= first:
        raise ValueError(_("last must be after first; got first {first}, last {last}").format(
            first=first, last=last))
    table = _nato_2025()
    table = table[(table["entity_type"] == "country")
                  & ~table["country"].isin(["United States", "Canada"])]
    wide = table.pivot(index="country", columns="year", values="defence_pct_gdp")
    out = pd.DataFrame({"country": wide.index, "first": wide[first].to_numpy(),
                        "last": wide[last].to_numpy()})
    out["change"] = out["last"] - out["first"]
    return out.sort_values("change", ascending=False, kind="stable").reset_index(drop=True)


# ----------------------------------------------------------------------------- plots
def _spending_events() -> dict[str, date]:
    """The Kabul withdrawal and Russia's full-scale invasion, read from the timeline file."""
    afg, ukr = timeline("afghanistan"), timeline("ukraine")
    return {
        _("last US troops leave Kabul"): afg.loc[afg["event"].str.startswith(
            "Last US troops"), "start"].iloc[0],
        _("Russia's full-scale invasion of Ukraine"): ukr.loc[ukr["event"].str.contains(
            "special military operation"), "start"].iloc[0],
    }


def plot_spending(series: pd.DataFrame | None = None, ax: Axes | None = None, *,
                  events: dict[str, date] | None = None) -> Axes:
    """NATO spending as % of GDP by year, with the Kabul withdrawal and Russia's invasion.

    The figure is :func:`alliances.views.nato_spending.plot_spending`; this function gives
    it the case's data. Each year's value is drawn at the middle of its year, so that an
    event line falls inside the year whose spending it could have touched; 2024 (a NATO
    estimate) is drawn as an open marker.

    Parameters
    ----------
    series : pandas.DataFrame, optional
        From :func:`spending_series` (default: NATO Europe and Canada, and the US).
    ax : Axes, optional
    events : dict of str to date, optional
        Vertical lines; default: the last US troops leave Afghanistan (30 Aug 2021) and
        Russia's full-scale invasion of Ukraine (24 Feb 2022), read from the timeline file.

    Examples
    --------
    >>> ax = plot_spending()
    >>> ax.get_ylabel()
    'defence spending, % of GDP (NATO)'
    """
    series = spending_series() if series is None else series
    events = _spending_events() if events is None else events
    estimates = set(_nato_2025().query("is_estimate")["year"])
    return view.plot_spending(series, ax, events=events, estimates=estimates)
