"""Russia and NATO Europe: military spending since 1993 and Richardson's model fitted to it.

Both series come from the SIPRI Military Expenditure Database (``data/``), in millions of
constant 2023 US dollars, here summed and shown in billions. Russia's series starts in
1992: the Soviet Union's (1988-1990) is another state's and is never spliced onto it.

*NATO Europe* is defined as a **fixed set of countries**: the European members of NATO in
2024 whose SIPRI series is complete over the years used. From 1993 that is 27 of the 30
European members: Iceland has no armed forces and no SIPRI series, Montenegro's series
starts in 2005 and North Macedonia's in 1996. A fixed set keeps a country's entry into
NATO from showing up as a jump in spending; the price is that the sum counts countries in
years before they joined (Finland and Sweden until 2023-2024; the 1999 and 2004 members in
the 1990s). :func:`milex_series` can also sum the members *at the time* (a country counts
from the year it joined), which the notebook uses as a check.

:func:`reaction_fits` fits Richardson's yearly reaction equation (:mod:`alliances.models.arms_race`)
for each side on several periods, to show how much the answer depends on the years chosen;
:func:`change_correlation` gives Spearman's rank correlation between one side's yearly
change and the other side's change a year later, with its p-value. These are descriptive
tools, **our formalization** of the spiral model's simplest prediction (each side arms
because the other did), not a test that could separate the spiral from the deterrence model.

Examples
--------
>>> frame = milex_series(1993, 2024)
>>> frame.index[0], frame.index[-1], list(frame.columns)
(1993, 2024, ['russia', 'nato_europe'])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliances import data
from alliances.i18n import _
from alliances.models.arms_race import RichardsonFit, richardson_fit
from alliances.cases.nato_burden import SpearmanResult, spearman

__all__ = ["FIT_PERIODS", "NON_EUROPEAN", "nato_europe_members", "milex_series", "reaction_fits",
           "fit_table", "change_correlation"]

#: Russia's SIPRI series starts here (the USSR's, 1988-1990, is not spliced onto it).
_FIRST_YEAR = 1992
#: The last year of the SIPRI release in ``data/``.
_LAST_YEAR = 2024
#: NATO members outside Europe.
NON_EUROPEAN = ("United States of America", "Canada")
#: The two ways of summing NATO Europe.
_DEFINITIONS = ("fixed", "at the time")
#: The periods the notebook compares: the whole span, and around the breaks of 2014 and 2022.
FIT_PERIODS: dict[str, tuple[int, int]] = {
    "1993-2024": (1993, 2024),
    "1993-2013 (before Crimea)": (1993, 2013),
    "2014-2024 (from Crimea)": (2014, 2024),
    "1993-2021 (before the full-scale invasion)": (1993, 2021),
}

_MIN_YEARS = 6


def _years(start: object, end: object) -> tuple[int, int]:
    for value, name in ((start, "start"), (end, "end")):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(_("{name} must be a whole year such as 1993; got {value!r}").format(
                name=name, value=value))
    start, end = int(start), int(end)
    if start < _FIRST_YEAR:
        raise ValueError(_("start must be {FIRST_YEAR} or later: Russia's SIPRI series "
                           "starts in {FIRST_YEAR} (the USSR's 1988-1990 series belongs "
                           "to another state and is not spliced onto it); got {start}").format(
            FIRST_YEAR=_FIRST_YEAR, start=start))
    if end > _LAST_YEAR:
        raise ValueError(_("end must be {LAST_YEAR} or earlier (the last year of the "
                           "data); got {end}").format(LAST_YEAR=_LAST_YEAR, end=end))
    if end - start + 1 < _MIN_YEARS:
        raise ValueError(_("start and end must span at least {MIN_YEARS} years "
                           "(Richardson's equation has three coefficients); got "
                           "{start}-{end}").format(MIN_YEARS=_MIN_YEARS, start=start, end=end))
    return start, end


def _definition(nato_europe: object) -> str:
    if not isinstance(nato_europe, str) or nato_europe not in _DEFINITIONS:
        raise ValueError(_("nato_europe must be one of {DEFINITIONS}; got {nato_europe!r}").format(
            DEFINITIONS=_DEFINITIONS, nato_europe=nato_europe))
    return nato_europe


def _european_spending(start: int, end: int) -> pd.DataFrame:
    """Rows years, columns the European members (2024), US$ m constant 2023; NaN = no data."""
    members = data.load("nato_accession_dates")
    european = [c for c in members["country"] if c not in NON_EUROPEAN]
    milex = data.load("sipri_milex_nato_members_1949_2024")
    wide = milex.pivot(index="year", columns="country", values="milex_usd_m_constant_2023")
    wide = wide.reindex(index=range(start, end + 1), columns=european)
    return wide


def nato_europe_members(start: int = 1993, end: int = _LAST_YEAR) -> tuple[list[str], dict[str, str]]:
    """The fixed set of NATO Europe: European members with SIPRI data in every year used.

    Returns
    -------
    (list of str, dict)
        The countries kept, in accession order, and the countries left out with the reason.

    Examples
    --------
    >>> kept, left_out = nato_europe_members(1993, 2024)
    >>> len(kept), sorted(left_out)
    (27, ['Iceland', 'Montenegro', 'North Macedonia'])
    >>> left_out["Montenegro"]
    'no SIPRI data for 1993-2004'
    """
    start, end = _years(start, end)
    wide = _european_spending(start, end)
    kept, left_out = [], {}
    for country in wide.columns:
        missing = wide.index[wide[country].isna()].tolist()
        if not missing:
            kept.append(country)
        elif len(missing) == len(wide):
            left_out[country] = _("no SIPRI data at all (no armed forces)") \
                if country == "Iceland" else _("no SIPRI data")
        else:
            left_out[country] = _("no SIPRI data for {years}").format(years=_span(missing))
    return kept, left_out


def _span(years: list[int]) -> str:
    first, last = min(years), max(years)
    if last - first + 1 == len(years):
        return str(first) if first == last else f"{first}-{last}"
    return ", ".join(str(y) for y in years)


def milex_series(start: int = 1993, end: int = _LAST_YEAR, *,
                 nato_europe: str = "fixed") -> pd.DataFrame:
    """Russia's and NATO Europe's military spending, US$ billion at constant 2023 prices.

    Parameters
    ----------
    start, end : int
        First and last year, within 1992-2024, at least six years.
    nato_europe : {"fixed", "at the time"}
        ``"fixed"``: the countries of :func:`nato_europe_members`, every year.
        ``"at the time"``: every European member with data, from its year of accession.

    Returns
    -------
    DataFrame
        Index ``year``; columns ``russia`` and ``nato_europe``.

    Examples
    --------
    >>> frame = milex_series(1993, 2024)
    >>> round(float(frame.loc[2024, "russia"]), 1)
    150.5
    >>> milex_series(1988, 2024)
    Traceback (most recent call last):
    ...
    ValueError: start must be 1992 or later: Russia's SIPRI series starts in 1992 (the USSR's 1988-1990 series belongs to another state and is not spliced onto it); got 1988
    """
    start, end = _years(start, end)
    definition = _definition(nato_europe)
    wide = _european_spending(start, end)
    if definition == "fixed":
        kept, _unused = nato_europe_members(start, end)
        total = wide[kept].sum(axis=1)
    else:
        members = data.load("nato_accession_dates").set_index("country")
        joined = {c: int(members.loc[c, "accession_date"][:4]) for c in wide.columns}
        mask = np.array([[year >= joined[c] for c in wide.columns] for year in wide.index])
        total = wide.where(mask).sum(axis=1, min_count=1)
    russia = data.load("sipri_milex_non_nato_1949_2024")
    russia = russia[russia["country"] == "Russia"].set_index("year")["milex_usd_m_constant_2023"]
    frame = pd.DataFrame({"russia": russia.reindex(range(start, end + 1)) / 1000,
                          "nato_europe": total / 1000})
    frame.index.name = "year"
    return frame


@dataclass(frozen=True)
class _PeriodFit:
    """Richardson's reaction equation fitted for both sides over one period.

    Attributes
    ----------
    period : str
    start, end : int
    russia : RichardsonFit
        Russia's yearly change against NATO Europe's level (``k``: Russia's reaction).
    nato_europe : RichardsonFit
        NATO Europe's yearly change against Russia's level (``k``: NATO Europe's reaction).
    """

    period: str
    start: int
    end: int
    russia: RichardsonFit
    nato_europe: RichardsonFit


def reaction_fits(periods: dict[str, tuple[int, int]] | None = None, *,
                  nato_europe: str = "fixed") -> list[_PeriodFit]:
    """Fit both sides' reaction equations on each period.

    Parameters
    ----------
    periods : dict of str to (int, int), optional
        Name -> (first year, last year); :data:`FIT_PERIODS` by default.
    nato_europe : {"fixed", "at the time"}

    Examples
    --------
    >>> fits = reaction_fits()
    >>> [f.period for f in fits][:2]
    ['1993-2024', '1993-2013 (before Crimea)']
    >>> fits[0].russia.n
    31
    """
    chosen = FIT_PERIODS if periods is None else periods
    if not isinstance(chosen, dict) or not chosen:
        raise TypeError(_("periods must be a non-empty dict of name -> (start, end); got "
                          "{periods!r}").format(periods=periods))
    results = []
    for name, span in chosen.items():
        if not isinstance(span, tuple) or len(span) != 2:
            raise TypeError(_("periods[{name!r}] must be a (start, end) pair; got "
                              "{span!r}").format(name=name, span=span))
        frame = milex_series(*span, nato_europe=nato_europe)
        results.append(_PeriodFit(
            period=str(name), start=int(frame.index[0]), end=int(frame.index[-1]),
            russia=richardson_fit(frame["russia"], frame["nato_europe"]),
            nato_europe=richardson_fit(frame["nato_europe"], frame["russia"])))
    return results


def fit_table(fits: list[_PeriodFit]) -> pd.DataFrame:
    """A readable table of :func:`reaction_fits`: each side's reaction k with its 95 % interval.

    Columns: ``period``, ``reacting side``, ``k``, ``k low``, ``k high``, ``fatigue a``,
    ``R²``, ``years fitted``; numbers rounded to two decimals.

    Examples
    --------
    >>> table = fit_table(reaction_fits())
    >>> table.loc[0, ["period", "reacting side"]].tolist()
    ['1993-2024', 'Russia']
    """
    if not isinstance(fits, list) or not fits or not all(isinstance(f, _PeriodFit) for f in fits):
        raise TypeError(_("fits must be a non-empty list from reaction_fits()"))
    rows = []
    for fit in fits:
        for side, name in ((fit.russia, "Russia"), (fit.nato_europe, "NATO Europe")):
            rows.append({"period": fit.period, "reacting side": name, "k": side.k,
                         "k low": side.ci["k"][0], "k high": side.ci["k"][1],
                         "fatigue a": side.a, "R²": side.r_squared, "years fitted": side.n})
    return pd.DataFrame(rows).round(2)


def change_correlation(start: int = 1993, end: int = _LAST_YEAR, *, leader: str = "nato_europe",
                       nato_europe: str = "fixed") -> SpearmanResult:
    """Spearman's rank correlation of the leader's yearly change with the other's a year later.

    The spiral model's action and reaction: does a year in which ``leader`` raised its
    spending more tend to be followed by a year in which the other side raised its spending
    more? Changes are in US$ billion at constant 2023 prices.

    Parameters
    ----------
    start, end : int
        Years of the levels used (changes run from ``start + 1``).
    leader : {"nato_europe", "russia"}
    nato_europe : {"fixed", "at the time"}

    Examples
    --------
    >>> result = change_correlation(1993, 2024)
    >>> result.n
    30
    """
    if leader not in ("nato_europe", "russia"):
        raise ValueError(_("leader must be 'nato_europe' or 'russia'; got {leader!r}").format(
            leader=leader))
    frame = milex_series(start, end, nato_europe=nato_europe)
    follower = "russia" if leader == "nato_europe" else "nato_europe"
    change = frame.diff().dropna()
    return spearman(change[leader].to_numpy()[:-1], change[follower].to_numpy()[1:])
