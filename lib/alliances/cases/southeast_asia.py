"""Southeast Asia in SIPRI's military-expenditure data: balancing China? allies vs non-aligned?

Data from ``data/sipri_milex_non_nato_1949_2024.csv`` (the ten ASEAN members, China, Japan,
South Korea, Australia) and ``data/sipri_milex_nato_members_1949_2024.csv`` (the United
States), SIPRI's 2025 release: millions of constant 2023 US$ and share of GDP (%). Compare
SIPRI with SIPRI only; never mix these series with NATO's own figures.

Gaps, as SIPRI publishes them (checked by the tests): Viet Nam's series has no values for
1995-2002 and ends in 2018, Laos's runs only 1992-2013, Myanmar's lacks 2006-2011. Regional
totals therefore use the seven members with a complete series 1989-2024
(:data:`COMPLETE_SEVEN`), and say so.

Two questions the data can answer, with their uncertainty:

* **Has Southeast Asian spending followed China's?** Both rose for decades, so their
  *levels* are correlated whatever the cause (a common trend). :func:`follows_china`
  also correlates the *annual changes*, which is the sharper test of "when China spends
  more, the region spends more" (Spearman's rank correlation, with its p-value).
* **Do the US treaty allies (the Philippines, Thailand) carry a heavier burden than the
  non-aligned (Indonesia, Malaysia)?** :func:`burden_groups` compares their shares of GDP
  year by year; with two countries per group no test can generalise beyond these four,
  and the exact permutation p-value of any two-against-two comparison is at least 1/6.

Examples
--------
>>> round(share_of_gdp("Indonesia", 2024), 2)
0.78
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from alliances._validation import check_name
from alliances.cases.nato_burden import SpearmanResult, spearman
from alliances.data import load
from alliances.i18n import N_, _
from alliances.views import smallstate as view
from alliances.views.style import short_date

__all__ = ["ASEAN", "COMPLETE_SEVEN", "spending", "coverage", "share_of_gdp", "regional_total",
           "follows_china", "burden_groups", "permutation_pvalue", "SHORT_NAMES",
           "alignment_events", "plot_southeast_asia_timeline", "plot_region_vs_china",
           "plot_burden_groups"]

#: The ten ASEAN members, in SIPRI's spelling.
ASEAN: tuple[str, ...] = ("Brunei", "Cambodia", "Indonesia", "Laos", "Malaysia", "Myanmar",
                          "Philippines", "Singapore", "Thailand", "Viet Nam")
#: ASEAN members whose SIPRI series (constant US$ and % of GDP) is complete 1989-2024.
COMPLETE_SEVEN: tuple[str, ...] = ("Brunei", "Cambodia", "Indonesia", "Malaysia",
                                   "Philippines", "Singapore", "Thailand")
#: Treaty allies of the United States in Southeast Asia (Philippines 1951, Manila Pact 1954).
_US_TREATY_ALLIES: tuple[str, ...] = ("Philippines", "Thailand")
#: Two members outside any alliance, the course's "non-aligned" comparison group.
_NON_ALIGNED: tuple[str, ...] = ("Indonesia", "Malaysia")
#: The other states of the notebook, in SIPRI's spelling.
_OTHERS: tuple[str, ...] = ("China", "Japan", "Korea, South", "Australia",
                           "United States of America")
_FIRST, _LAST = 1989, 2024


def _check_years(first: object, last: object) -> tuple[int, int]:
    for value, name in ((first, "first"), (last, "last")):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(_("{name} must be a year (an integer); got {value!r}").format(
                name=name, value=value))
        if not _FIRST <= value <= _LAST:
            raise ValueError(_("{name} must lie in {FIRST}-{LAST}; got {value}").format(
                name=name, FIRST=_FIRST, LAST=_LAST, value=value))
    if first >= last:
        raise ValueError(_("first must be before last; got {first} and {last}").format(
            first=first, last=last))
    return int(first), int(last)


def _check_countries(countries: object, name: str = "countries") -> tuple[str, ...]:
    known = ASEAN + _OTHERS
    if isinstance(countries, str) or not hasattr(countries, "__iter__"):
        raise TypeError(_("{name} must be a list of country names; got {countries!r}").format(
            name=name, countries=countries))
    out = tuple(check_name(c, name) for c in countries)
    unknown = [c for c in out if c not in known]
    if unknown or not out:
        raise ValueError(_("{name} must be non-empty names from {known}; got {out}").format(
            name=name, known=known, out=list(out)))
    return out


def spending(countries: object = ASEAN + _OTHERS, first: int = _FIRST,
             last: int = _LAST) -> pd.DataFrame:
    """SIPRI's series for ``countries`` and years ``first``-``last`` (tidy, one row each).

    Examples
    --------
    >>> frame = spending(["China"], 2023, 2024)
    >>> list(frame.columns)
    ['country', 'year', 'milex_usd_m_constant_2023', 'milex_pct_gdp']
    >>> spending(["Atlantis"])
    Traceback (most recent call last):
    ...
    ValueError: countries must be non-empty names from ...
    """
    names = _check_countries(countries)
    first, last = _check_years(first, last)
    both = pd.concat([load("sipri_milex_non_nato_1949_2024"),
                      load("sipri_milex_nato_members_1949_2024")], ignore_index=True)
    keep = both["country"].isin(names) & both["year"].between(first, last)
    columns = ["country", "year", "milex_usd_m_constant_2023", "milex_pct_gdp"]
    return both.loc[keep, columns].sort_values(["country", "year"]).reset_index(drop=True)


def coverage(countries: object = ASEAN) -> pd.DataFrame:
    """First and last year with a constant-US$ value, and the missing years in between.

    Examples
    --------
    >>> table = coverage(["Viet Nam", "Laos"])
    >>> int(table.loc["Viet Nam", "last"]), int(table.loc["Laos", "last"])
    (2018, 2013)
    """
    frame = spending(countries)
    rows = {}
    for country, group in frame.groupby("country"):
        years = group.loc[group["milex_usd_m_constant_2023"].notna(), "year"]
        span = set(range(int(years.min()), int(years.max()) + 1))
        rows[country] = {"first": int(years.min()), "last": int(years.max()),
                         "missing": len(span - set(years))}
    return pd.DataFrame.from_dict(rows, orient="index")


def share_of_gdp(country: str, year: int) -> float:
    """SIPRI's military expenditure as a share of GDP (%) for one country and year.

    Examples
    --------
    >>> share_of_gdp("Indonesia", 1800)
    Traceback (most recent call last):
    ...
    ValueError: year must lie in 1989-2024; got 1800
    """
    (country,) = _check_countries([country], "country")
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise TypeError(_("year must be an integer; got {year!r}").format(year=year))
    if not _FIRST <= year <= _LAST:
        raise ValueError(_("year must lie in {FIRST}-{LAST}; got {year}").format(
            FIRST=_FIRST, LAST=_LAST, year=year))
    frame = spending([country])
    value = frame.loc[frame["year"] == year, "milex_pct_gdp"]
    if value.empty or pd.isna(value.iloc[0]):
        raise ValueError(_("SIPRI has no share of GDP for {country} in {year}").format(
            country=country, year=year))
    return float(value.iloc[0])


def regional_total(countries: object = COMPLETE_SEVEN, first: int = _FIRST,
                   last: int = _LAST) -> pd.Series:
    """The sum of ``countries``' spending per year, millions of constant 2023 US$.

    Raises if any country lacks a value in a year, so that a total never silently
    changes membership (use :data:`COMPLETE_SEVEN` for 1989-2024).

    Examples
    --------
    >>> regional_total(["Viet Nam"], 2015, 2024)
    Traceback (most recent call last):
    ...
    ValueError: countries have no value in some years: Viet Nam 2019, Viet Nam 2020, ...
    """
    names = _check_countries(countries)
    first, last = _check_years(first, last)
    frame = spending(names, first, last)
    table = frame.pivot(index="year", columns="country",
                        values="milex_usd_m_constant_2023").reindex(range(first, last + 1))
    table = table.reindex(columns=list(names))
    gaps = [f"{c} {y}" for c in names for y in table.index if pd.isna(table.loc[y, c])]
    if gaps:
        shown = ", ".join(gaps[:2]) + (", ..." if len(gaps) > 2 else "")
        raise ValueError(_("countries have no value in some years: {shown}").format(shown=shown))
    return table.sum(axis=1).rename("milex_usd_m_constant_2023")


@dataclass(frozen=True)
class _ChinaComparison:
    """Southeast Asia (``COMPLETE_SEVEN``) against China, ``first``-``last``.

    Attributes
    ----------
    levels : SpearmanResult
        Rank correlation of the yearly totals (shares a common trend).
    changes : SpearmanResult
        Rank correlation of the annual percentage changes.
    growth_region, growth_china : float
        Ratio of the last year's spending to the first year's.
    """

    first: int
    last: int
    levels: SpearmanResult
    changes: SpearmanResult
    growth_region: float
    growth_china: float


def follows_china(first: int = _FIRST, last: int = _LAST) -> _ChinaComparison:
    """Does the region's spending follow China's? Levels and annual changes compared.

    Examples
    --------
    >>> result = follows_china()
    >>> result.levels.n, result.changes.n
    (36, 35)
    """
    first, last = _check_years(first, last)
    region = regional_total(COMPLETE_SEVEN, first, last)
    china = regional_total(["China"], first, last)
    levels = spearman(region.to_numpy(), china.to_numpy())
    changes = spearman(region.pct_change().to_numpy()[1:], china.pct_change().to_numpy()[1:])
    return _ChinaComparison(first, last, levels, changes,
                           float(region.iloc[-1] / region.iloc[0]),
                           float(china.iloc[-1] / china.iloc[0]))


def permutation_pvalue(group_a: object, group_b: object) -> float:
    """Exact one-sided p-value that the mean of ``group_a`` exceeds that of ``group_b``.

    Every split of the pooled values into groups of the same sizes is equally likely
    under the null hypothesis; the p-value is the share of splits whose difference of
    means is at least the observed one.

    Examples
    --------
    >>> permutation_pvalue([3.0, 4.0], [1.0, 2.0])     # the most extreme of 6 splits
    0.16666666666666666
    """
    groups = []
    for value, name in ((group_a, "group_a"), (group_b, "group_b")):
        if not isinstance(value, (list, tuple, np.ndarray)):
            raise TypeError(_("{name} must be a list of numbers; got {type}").format(
                name=name, type=type(value).__name__))
        try:
            groups.append(np.asarray(value, dtype=float))
        except (TypeError, ValueError):
            raise TypeError(_("{name} must be a list of numbers; got {value!r:.60}").format(
                name=name, value=value)) from None
    a, b = groups
    if a.ndim != 1 or b.ndim != 1 or a.size < 1 or b.size < 1:
        raise ValueError(_("group_a and group_b must be non-empty 1-D lists of numbers"))
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        raise ValueError(_("group_a and group_b must be finite numbers (no NaN)"))
    pooled = np.concatenate([a, b])
    observed = a.mean() - b.mean()
    count = total = 0
    for chosen in combinations(range(pooled.size), a.size):
        mask = np.zeros(pooled.size, dtype=bool)
        mask[list(chosen)] = True
        total += 1
        count += int(pooled[mask].mean() - pooled[~mask].mean() >= observed - 1e-12)
    return float(count / total)


@dataclass(frozen=True)
class _BurdenComparison:
    """US treaty allies against non-aligned members, share of GDP (%), ``first``-``last``.

    Attributes
    ----------
    medians : dict
        Each country's median share over the years.
    years_allies_higher : int
        Years in which the allies' mean share exceeds the non-aligned mean share.
    years : int
        Years compared.
    pvalue : float
        Exact permutation p-value on the four medians (at least 1/6 with 2 + 2 countries).
    """

    first: int
    last: int
    medians: dict[str, float]
    years_allies_higher: int
    years: int
    pvalue: float


def burden_groups(first: int = 2000, last: int = _LAST) -> _BurdenComparison:
    """Compare the US treaty allies with the non-aligned members in share of GDP.

    The US treaty allies are the Philippines and Thailand, the non-aligned Indonesia and
    Malaysia.

    Examples
    --------
    >>> result = burden_groups(2000, 2024)
    >>> result.years, result.pvalue >= 1 / 6
    (25, True)
    """
    first, last = _check_years(first, last)
    frame = spending(_US_TREATY_ALLIES + _NON_ALIGNED, first, last)
    table = frame.pivot(index="year", columns="country", values="milex_pct_gdp")
    allies = table[list(_US_TREATY_ALLIES)].mean(axis=1)
    others = table[list(_NON_ALIGNED)].mean(axis=1)
    medians = {c: float(table[c].median()) for c in _US_TREATY_ALLIES + _NON_ALIGNED}
    pvalue = permutation_pvalue([medians[c] for c in _US_TREATY_ALLIES],
                                [medians[c] for c in _NON_ALIGNED])
    return _BurdenComparison(first, last, medians, int((allies > others).sum()),
                            int(len(table)), pvalue)


#: Short names of the events of ``data/southeast_asia_alignment_timeline.csv``, keyed by
#: their start date (a test checks that every row has one).
SHORT_NAMES: dict[str, str] = {
    "1948-09-02": N_("Hatta: 'Mendayung antara dua karang'"),
    "1951-08-30": N_("US-Philippines Mutual Defense Treaty"),
    "1951-09-01": N_("ANZUS Treaty"),
    "1951-09-08": N_("US-Japan Security Treaty"),
    "1953-10-01": N_("US-South Korea Mutual Defense Treaty"),
    "1954-09-08": N_("Manila Pact (SEATO)"),
    "1955-04-18": N_("Bandung Conference"),
    "1961-09-01": N_("Non-Aligned Movement, Belgrade"),
    "1963-01-20": N_("Konfrontasi"),
    "1967-08-08": N_("ASEAN founded (Bangkok Declaration)"),
    "1971-11-27": N_("ZOPFAN Declaration"),
    "1976-02-24": N_("Treaty of Amity and Cooperation"),
    "1977-06-30": N_("SEATO dissolved"),
    "1995-07-28": N_("Viet Nam joins ASEAN"),
    "2016-07-12": N_("South China Sea award"),
    "2021-09-15": N_("AUKUS announced"),
}


def _when(start: str, end: str) -> str:
    def fmt(text: str) -> str:
        return short_date(pd.Timestamp(text).date())
    if start == end:
        return fmt(start)
    a, b = pd.Timestamp(start), pd.Timestamp(end)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}-{short_date(b.date())}"
    return _("{first} to {last}").format(first=fmt(start), last=fmt(end))


def alignment_events() -> pd.DataFrame:
    """The Southeast Asia timeline with a short name and a readable date per event.

    Examples
    --------
    >>> events = alignment_events()
    >>> events.loc[0, "name"], events.loc[0, "when"]
    ("Hatta: 'Mendayung antara dua karang'", '2 Sep 1948')
    >>> events.loc[6, "when"]
    '18-24 Apr 1955'
    """
    frame = load("southeast_asia_alignment_timeline").copy()
    missing = sorted(set(frame["date_start"]) - set(SHORT_NAMES))
    if missing:
        raise ValueError(_("events without a short name: {missing}").format(missing=missing))
    frame["name"] = frame["date_start"].map(SHORT_NAMES)
    frame["when"] = [_when(a, b) for a, b in zip(frame["date_start"], frame["date_end"])]
    return frame


# ----------------------------------------------------------------------------- plots
def plot_southeast_asia_timeline(ax: Axes | None = None) -> Axes:
    """The Southeast Asia timeline (:func:`alignment_events`), each event labelled.

    The figure is :func:`alliances.views.smallstate.plot_southeast_asia_timeline`.

    Examples
    --------
    >>> ax = plot_southeast_asia_timeline()
    >>> ax.texts[0].get_text()
    "Hatta: 'Mendayung antara dua karang', 2 Sep 1948"
    """
    return view.plot_southeast_asia_timeline(alignment_events(), ax)


def plot_region_vs_china(ax: Axes | None = None) -> Axes:
    """Military spending of :data:`COMPLETE_SEVEN` and of China, 1989 = 100 (log scale).

    The figure is :func:`alliances.views.smallstate.plot_region_vs_china`.

    Examples
    --------
    >>> plot_region_vs_china().get_yscale()
    'log'
    """
    return view.plot_region_vs_china(regional_total(COMPLETE_SEVEN), regional_total(["China"]),
                                     ax)


def plot_burden_groups(ax: Axes | None = None, first: int = 1989) -> Axes:
    """Share of GDP of the US treaty allies (solid) and two non-aligned members (dashed).

    The figure is :func:`alliances.views.smallstate.plot_burden_groups`, for the years
    ``first`` to 2024.

    Examples
    --------
    >>> len(plot_burden_groups().get_lines())
    5
    """
    frame = spending(_US_TREATY_ALLIES + _NON_ALIGNED, first, _LAST)
    return view.plot_burden_groups(frame, ax, allies=_US_TREATY_ALLIES)
