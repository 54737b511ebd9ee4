"""Olson and Zeckhauser's test on real data: do larger Allies carry a larger burden?

Olson and Zeckhauser (1966) tested their model with a Spearman rank correlation between
the NATO members' national income and the share of it they spent on defence, for 1964.
Their table is not available to us (``notebooks/theory_notes.md``, section "Burden
sharing"), so the course runs the same test on data we can trace:

* :func:`sipri_test`: SIPRI's current estimates for a year (1964 by default, with the 15
  Allies of 1964). SIPRI gives military spending in constant 2023 US$ and as a share of
  GDP, but not GDP itself; the size of each economy is *implied* by dividing one by the
  other (:func:`implied_gdp`).
* :func:`nato_2019_test`: NATO's 2019 release, real GDP (2015 prices) against defence
  spending as a share of real GDP, 2012-2019.
* :func:`nato_paired_test`: NATO's August 2025 release (share of GDP, 2014-2024) with the
  real GDP of the 2019 release, 2014-2019, the only years both cover. NATO and SIPRI
  series are never mixed.

and counts the Allies at or above NATO's 2 % guideline (:func:`allies_at_or_above`).
Every number comes from ``alliances.data.load``; nothing is typed in.

Examples
--------
>>> test = sipri_test(1964)
>>> test.result.n, test.missing
(14, ('Iceland',))
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from scipy import special

from alliances._validation import short_repr, check_real
from alliances.data import load
from alliances.i18n import _
from alliances.views import nato_burden as view

__all__ = [
    "FOUNDING_MEMBERS_1949",
    "ALLIES_1964",
    "SpearmanResult",
    "BurdenTest",
    "spearman",
    "critical_rho",
    "implied_gdp",
    "sipri_test",
    "nato_2019_test",
    "nato_paired_test",
    "correlation_table",
    "plot_correlations",
]

SIPRI = "sipri_milex_nato_members_1949_2024"
_NATO_2019 = "nato_defence_expenditure_2012_2019"
_NATO_2025 = "nato_defence_pct_gdp_2014_2024"

#: The twelve signatories of 1949, in SIPRI's spelling. The list is standard but was not
#: checked against nato.int in the course's sources (``data/SOURCES.md``).
FOUNDING_MEMBERS_1949: tuple[str, ...] = (
    "Belgium", "Canada", "Denmark", "France", "Iceland", "Italy", "Luxembourg",
    "Netherlands", "Norway", "Portugal", "United Kingdom", "United States of America",
)
#: The 15 Allies of 1964: the founders, Greece and Turkey (1952) and the Federal Republic
#: of Germany (1955), accession years verified at nato.int (``data/SOURCES.md``). SIPRI
#: spells Turkey "Türkiye" and calls the Federal Republic "Germany" (it keeps the German
#: Democratic Republic in a separate row, not in the course's file).
ALLIES_1964: tuple[str, ...] = FOUNDING_MEMBERS_1949 + ("Greece", "Türkiye", "Germany")

# SIPRI spellings that differ from NATO's 2025 table (from which the codes are taken).
_SIPRI_ALIASES = {"Slovakia": "Slovak Republic", "United States of America": "United States"}
_LABEL_ALIASES = {"Iceland": "ISL"}   # not in NATO's 2025 table (no armed forces)


# --------------------------------------------------------------------------- statistics
@dataclass(frozen=True)
class SpearmanResult:
    """Spearman's rank correlation: ``rho``, its two-sided ``pvalue`` and the count ``n``.

    The p-value is scipy's, from the t distribution with n - 2 degrees of freedom: an
    approximation that is rough for very small samples.

    Examples
    --------
    >>> r = spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    >>> round(r.rho, 2), round(r.pvalue, 2), r.n
    (0.8, 0.1, 5)
    """

    rho: float
    pvalue: float
    n: int

    def __str__(self) -> str:
        return f"\u03c1 = {self.rho:.2f}, p = {self.pvalue:.2g}, n = {self.n}"

    def __repr__(self) -> str:
        return f"SpearmanResult(rho={self.rho:.3f}, pvalue={self.pvalue:.3g}, n={self.n})"


def spearman(x: object, y: object) -> SpearmanResult:
    """Spearman's rank correlation between ``x`` and ``y``, with its p-value and n.

    Pairs with a missing value (NaN) in either are dropped first; ``n`` counts the pairs
    used. Ties get average ranks.

    Parameters
    ----------
    x, y : array_like
        Two 1-D sequences of numbers of the same length.

    Returns
    -------
    SpearmanResult

    Raises
    ------
    ValueError
        If the lengths differ, fewer than 3 complete pairs remain (a rank correlation of
        two points is always +1 or -1 and has no p-value), or one variable is constant
        (its ranks are all tied and the correlation is undefined).

    Examples
    --------
    >>> r = spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    >>> round(r.rho, 2), r.n
    (0.8, 5)
    >>> r
    SpearmanResult(rho=0.800, pvalue=0.104, n=5)
    >>> spearman([1, 2], [3, 4])
    Traceback (most recent call last):
    ...
    ValueError: spearman needs at least 3 complete pairs to rank; got n = 2
    """
    a = _numbers(x, "x")
    b = _numbers(y, "y")
    if a.shape != b.shape:
        raise ValueError(_("x and y must have the same length; got {size} and {size2}").format(
            size=a.size, size2=b.size))
    keep = ~(np.isnan(a) | np.isnan(b))
    a, b = a[keep], b[keep]
    if a.size < 3:
        raise ValueError(_("spearman needs at least 3 complete pairs to rank; got n = "
                           "{size}").format(size=a.size))
    for values, name in ((a, "x"), (b, "y")):
        if np.all(values == values[0]):
            raise ValueError(_("{name} is constant ({values!r} for all {size} pairs): its"
                               " ranks are all tied and the rank correlation is undefined").format(
                name=name, values=values[0], size=a.size))
    rho, p = _rank_correlation(a, b)
    return SpearmanResult(rho, p, int(a.size))


def _rank_correlation(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Spearman's rho (Pearson's r of average ranks) and its two-sided p-value from the t
    approximation with n - 2 degrees of freedom: what ``scipy.stats.spearmanr`` computes,
    written with ``scipy.special`` alone, so that a notebook does not load ``scipy.stats``
    (about a third of a second per kernel). Inputs: complete, non-constant, n >= 3."""
    ranks_a = pd.Series(a).rank(method="average").to_numpy()
    ranks_b = pd.Series(b).rank(method="average").to_numpy()
    rho = float(np.corrcoef(ranks_a, ranks_b)[0, 1])
    dof = a.size - 2
    spread = (rho + 1.0) * (1.0 - rho)
    t = math.copysign(math.inf, rho) if spread <= 0 else rho * math.sqrt(dof / spread)
    return rho, float(min(1.0, 2.0 * special.stdtr(dof, -abs(t))))


def critical_rho(n: int, level: float = 0.05) -> float:
    """The smallest |rho| with a two-sided p-value at or below ``level`` for n pairs.

    Uses the same t approximation as :func:`spearman`: ``rho = t / sqrt(n - 2 + t^2)``
    with ``t`` the two-sided critical value of the t distribution with ``n - 2`` degrees
    of freedom. A quick guide to what a sample of ``n`` countries can detect.

    Examples
    --------
    >>> round(critical_rho(14), 3), round(critical_rho(28), 3)
    (0.532, 0.374)
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 3:
        raise ValueError(_("n must be an integer of at least 3; got {n!r}").format(n=n))
    level = check_real(level, "level", minimum=0.0, maximum=1.0, allow_equal_min=False,
                       allow_equal_max=False)
    t = special.stdtrit(n - 2, 1.0 - level / 2.0)      # the t distribution's quantile
    return float(t / math.sqrt(n - 2 + t * t))


def _numbers(values: object, name: str) -> np.ndarray:
    if values is None or isinstance(values, (str, bytes, dict, set)):
        raise TypeError(_("{name} must be a sequence of numbers; got {type} {values}").format(
            name=name, type=type(values).__name__, values=short_repr(values)))
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError, OverflowError) as error:
        raise TypeError(_("{name} must contain only numbers; got {values}").format(
            name=name, values=short_repr(values))) from error
    if array.ndim != 1:
        raise ValueError(_("{name} must be 1-D; got shape {shape}").format(
            name=name, shape=array.shape))
    if np.any(np.isinf(array)):
        raise ValueError(_("{name} must not contain infinite values").format(name=name))
    return array


def implied_gdp(milex: object, pct_gdp: object) -> np.ndarray:
    """Economic size implied by spending and its share of GDP: ``milex / (pct_gdp / 100)``.

    SIPRI publishes military spending in constant US dollars and as a share of GDP, but
    not GDP. Dividing the first by the second gives GDP in the same units as ``milex``:
    for SIPRI's constant 2023 US$ figures, GDP deflated with the country's consumer
    price index and converted at the 2023 market exchange rate (SIPRI's method for its
    constant-dollar series). The shares are rounded to 2 decimals in the course's copy,
    so the implied GDP is exact only to about 0.5 % for a share near 1 %; a rank
    correlation only uses the order of the sizes.

    Parameters
    ----------
    milex : array_like
        Military spending, zero or more.
    pct_gdp : array_like
        The same spending as a percentage of GDP, above 0.

    Examples
    --------
    >>> implied_gdp([5.0], [2.5]).tolist()
    [200.0]
    >>> implied_gdp([5.0], [0.0])
    Traceback (most recent call last):
    ...
    ValueError: pct_gdp must be above 0 to divide by it; got [0.0]
    """
    m = _numbers(np.atleast_1d(milex), "milex")
    p = _numbers(np.atleast_1d(pct_gdp), "pct_gdp")
    if m.shape != p.shape:
        raise ValueError(_("milex and pct_gdp must have the same length; got {size} and "
                           "{size2}").format(size=m.size, size2=p.size))
    if np.any(p <= 0):
        raise ValueError(_("pct_gdp must be above 0 to divide by it; got {value}").format(
            value=short_repr(p[p <= 0].tolist())))
    if np.any(m < 0):
        raise ValueError(_("milex must be >= 0; got {value}").format(
            value=short_repr(m[m < 0].tolist())))
    return m / (p / 100.0)


# ----------------------------------------------------------------------------- tests
@dataclass(frozen=True)
class BurdenTest:
    """One size-versus-burden test: the data used, what is missing, and the result.

    Attributes
    ----------
    label : str
        Which data, for example ``"SIPRI, 1964"``.
    year : int
    table : pandas.DataFrame
        One row per country used: ``country``, ``code`` (ISO3), ``size`` and
        ``burden_pct``, largest economy first.
    size_label, burden_label : str
        What ``size`` and ``burden_pct`` measure, with units (axis labels).
    missing : tuple of str
        Countries asked for but without data (so not counted in ``n``).
    result : SpearmanResult

    Examples
    --------
    >>> test = nato_2019_test(2019)
    >>> test.label, round(test.result.rho, 2)
    ('NATO 2019 release, 2019', 0.03)
    """

    label: str
    year: int
    table: pd.DataFrame
    size_label: str
    burden_label: str
    missing: tuple[str, ...]
    result: SpearmanResult


def _check_year(year: object, first: int, last: int, what: str, name: str = "year") -> int:
    if isinstance(year, (bool, np.bool_)) or not isinstance(year, (int, np.integer)):
        raise TypeError(_("{name} must be an integer; got {type} {year}").format(
            name=name, type=type(year).__name__, year=short_repr(year)))
    if not first <= year <= last:
        raise ValueError(_("{name} must be between {first} and {last} for {what}; got "
                           "{year}").format(
            name=name, first=first, last=last, what=what, year=year))
    return int(year)


def _codes() -> dict[str, str]:
    """Country name (NATO's or SIPRI's spelling) -> ISO3, from NATO's 2025 table."""
    table = load(_NATO_2025)
    countries = table[table["entity_type"] == "country"]
    codes = dict(zip(countries["country"], countries["iso3"]))
    codes.update({sipri: codes[nato] for sipri, nato in _SIPRI_ALIASES.items()})
    codes.update(_LABEL_ALIASES)
    return codes


def _finish(label: str, year: int, table: pd.DataFrame, size_label: str, burden_label: str,
            missing: Iterable[str]) -> BurdenTest:
    table = table.sort_values("size", ascending=False).reset_index(drop=True)
    result = spearman(table["size"].to_numpy(), table["burden_pct"].to_numpy())
    return BurdenTest(label, year, table, size_label, burden_label, tuple(sorted(missing)),
                      result)


def sipri_test(year: int = 1964, countries: Sequence[str] | None = None) -> BurdenTest:
    """O&Z's test on SIPRI data: implied GDP against military spending as % of GDP.

    Parameters
    ----------
    year : int
        1949 to 2024.
    countries : sequence of str, optional
        SIPRI country names. Default: :data:`ALLIES_1964` for 1964, and for any other
        year every country in the file (the 32 Allies of 2024), which is right only for
        2024 itself: pass the members of that year otherwise.

    Returns
    -------
    BurdenTest
        Countries without both numbers that year are listed in ``missing``.

    Examples
    --------
    >>> test = sipri_test(1964)
    >>> test.table.loc[0, "country"], round(test.result.rho, 2)
    ('United States of America', 0.6)
    >>> sipri_test(1964, ["Belgium", "Atlantis"])
    Traceback (most recent call last):
    ...
    ValueError: countries: not in the SIPRI file: ['Atlantis']
    >>> sipri_test(1964, [])
    Traceback (most recent call last):
    ...
    ValueError: countries must name at least 3 countries with SIPRI data for 1964 (a rank correlation needs 3 pairs); got 0 from []
    """
    year = _check_year(year, 1949, 2024, "SIPRI's series")
    data = load(SIPRI)
    known = set(data["country"])
    if countries is None:
        countries = ALLIES_1964 if year == 1964 else tuple(sorted(known | {"Iceland"}))
    if isinstance(countries, str) or not isinstance(countries, Sequence):
        raise TypeError(_("countries must be a list of SIPRI country names; got {type} "
                          "{countries}").format(
            type=type(countries).__name__, countries=short_repr(countries)))
    unknown = [c for c in countries if c not in known and c != "Iceland"]
    if unknown:
        raise ValueError(_("countries: not in the SIPRI file: {unknown}").format(unknown=unknown))
    rows = data[(data["year"] == year) & data["country"].isin(countries)]
    rows = rows.dropna(subset=["milex_usd_m_constant_2023", "milex_pct_gdp"])
    rows = rows[rows["milex_pct_gdp"] > 0]
    codes = _codes()
    table = pd.DataFrame({
        "country": rows["country"].to_numpy(),
        "code": [codes.get(c, c[:3].upper()) for c in rows["country"]],
        "size": implied_gdp(rows["milex_usd_m_constant_2023"].to_numpy(),
                            rows["milex_pct_gdp"].to_numpy()),
        "burden_pct": rows["milex_pct_gdp"].to_numpy(),
        "milex_usd_m_constant_2023": rows["milex_usd_m_constant_2023"].to_numpy(),
    })
    if len(table) < 3:
        raise ValueError(_("countries must name at least 3 countries with SIPRI data for "
                           "{year} (a rank correlation needs 3 pairs); got {n} from "
                           "{value}").format(
            year=year, n=len(table), value=short_repr(list(countries))))
    missing = set(countries) - set(table["country"])
    return _finish(_("SIPRI, {year}").format(year=year), year, table,
                   _("GDP implied by SIPRI, constant 2023 US$ m (log scale)"),
                   _("military spending, % of GDP (SIPRI)"), missing)


def nato_2019_test(year: int) -> BurdenTest:
    """O&Z's test on NATO's 2019 release: real GDP against defence as % of real GDP.

    Both series are NATO's, at 2015 prices and exchange rates, for the 29 Allies of 2019
    as NATO lists them for every year 2012-2019 (Iceland has no defence spending and is
    left out). 2018 and 2019 are NATO estimates.

    Examples
    --------
    >>> test = nato_2019_test(2012)
    >>> test.result.n, test.missing
    (28, ('Iceland',))
    """
    year = _check_year(year, 2012, 2019, "NATO's 2019 release")
    data = load(_NATO_2019)
    rows = data[data["year"] == year]
    used = rows.dropna(subset=["defence_pct_gdp_2015_prices", "real_gdp_usd_2015_prices"])
    table = pd.DataFrame({
        "country": used["country"].to_numpy(),
        "code": used["iso3"].to_numpy(),
        "size": used["real_gdp_usd_2015_prices"].to_numpy() / 1e6,
        "burden_pct": used["defence_pct_gdp_2015_prices"].to_numpy(),
    })
    missing = set(rows["country"]) - set(used["country"])
    return _finish(_("NATO 2019 release, {year}").format(year=year), year, table,
                   _("real GDP, 2015 US$ m (NATO, log scale)"),
                   _("defence spending, % of GDP (NATO)"), missing)


def nato_paired_test(year: int) -> BurdenTest:
    """O&Z's test pairing NATO's 2025 release (% of GDP) with the 2019 release's real GDP.

    The share of GDP comes from NATO's August 2025 release (Table 3); the size (real GDP,
    2015 prices) from NATO's 2019 release, matched by ISO3 code. Only 2014-2019 are in
    both. Allies in only one release (Finland, North Macedonia and Sweden joined after
    2019; Iceland is not in Table 3) are listed in ``missing``. The two releases are
    different vintages, but each variable comes from a single vintage, and only the
    ranks of GDP are used.

    Raises
    ------
    ValueError
        For 2020-2024: the course has no NATO GDP figures for those years (a gap, not
        filled with another source).

    Examples
    --------
    >>> test = nato_paired_test(2014)
    >>> test.result.n, test.missing
    (28, ('Finland', 'Iceland', 'North Macedonia', 'Sweden'))
    >>> nato_paired_test(2022)
    Traceback (most recent call last):
    ...
    ValueError: year must be between 2014 and 2019 for NATO GDP paired with ... got 2022
    """
    year = _check_year(year, 2014, 2019,
                       "NATO GDP paired with the 2025 release (the only years with NATO "
                       "size data)")
    burden = load(_NATO_2025)
    burden = burden[(burden["year"] == year) & (burden["entity_type"] == "country")]
    size = load(_NATO_2019)
    size = size[size["year"] == year]
    merged = burden.merge(size[["iso3", "country", "real_gdp_usd_2015_prices"]], on="iso3",
                          suffixes=("", "_2019"))
    table = pd.DataFrame({
        "country": merged["country"].to_numpy(),
        "code": merged["iso3"].to_numpy(),
        "size": merged["real_gdp_usd_2015_prices"].to_numpy() / 1e6,
        "burden_pct": merged["defence_pct_gdp"].to_numpy(),
    })
    only_2025 = set(burden["country"]) - set(table["country"])
    only_2019 = set(size.loc[~size["iso3"].isin(burden["iso3"]), "country"])
    return _finish(_("NATO 2025 release with 2019-release GDP, {year}").format(year=year),
                   year, table, _("real GDP, 2015 US$ m (NATO 2019 release, log scale)"),
                   _("defence spending, % of GDP (NATO 2025 release)"), only_2025 | only_2019)


def correlation_table() -> pd.DataFrame:
    """Every size-versus-burden test of the course, one row each, oldest first.

    Columns: ``series`` (which data), ``year``, ``rho``, ``pvalue``, ``n``. The SIPRI
    rows are 1964 (the 15 Allies of 1964) and 2024 (all Allies); the NATO rows are the
    2019 release for 2012-2019 and the 2025 release paired with 2019-release GDP for
    2014-2019.

    Examples
    --------
    >>> table = correlation_table()
    >>> table["series"].value_counts().to_dict()
    {'NATO 2019 release': 8, 'NATO 2025 release, 2019-release GDP': 6, 'SIPRI': 2}
    """
    tests = [("SIPRI", sipri_test(1964)), ("SIPRI", sipri_test(2024))]
    tests += [("NATO 2019 release", nato_2019_test(y)) for y in range(2012, 2020)]
    tests += [("NATO 2025 release, 2019-release GDP", nato_paired_test(y))
              for y in range(2014, 2020)]
    rows = [{"series": series, "year": t.year, "rho": t.result.rho, "pvalue": t.result.pvalue,
             "n": t.result.n} for series, t in tests]
    return pd.DataFrame(rows).sort_values(["year", "series"], kind="stable").reset_index(
        drop=True)


# ----------------------------------------------------------------------------- plots
def plot_correlations(table: pd.DataFrame | None = None, ax: Axes | None = None) -> Axes:
    """Spearman's rho (size against burden) for every test, by year and data source.

    The figure is :func:`alliances.views.nato_burden.plot_correlations`; this function
    gives it the case's data. The grey band is the range of rho that a sample of 28
    Allies cannot tell from zero at the 5 % level.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        From :func:`correlation_table` (the default).
    ax : Axes, optional

    Examples
    --------
    >>> ax = plot_correlations()
    >>> ax.get_ylabel()
    "Spearman's \u03c1, GDP vs burden"
    """
    table = correlation_table() if table is None else table
    return view.plot_correlations(table, ax, band=(28, critical_rho(28)))
