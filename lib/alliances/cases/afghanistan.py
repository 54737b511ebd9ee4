"""NATO in Afghanistan on real data: who sent troops, who did the fighting, who pays now.

Pure functions on the course's CSV files (read through :func:`alliances.data.load`, so a
damaged file fails its schema check). Nothing is typed in; every figure comes from
``data/``, whose provenance is in ``data/SOURCES.md``.

* **Troops.** ``isaf_troop_contributions.csv`` holds three dated snapshots of ISAF by
  nation: 3 June 2008 (14 nations named, the rest combined), 1 October 2009 (42 nations)
  and November 2010 (46 nations; the month is inferred from the source, and the US and UK
  figures are rounded in it). :func:`isaf_contributions` gives each nation's troops and
  share of the ISAF total, aggregates excluded and rounding flagged.
* **Olson and Zeckhauser on troops.** :func:`troops_vs_gdp` ranks the Allies that sent
  troops by economic size (NATO's real GDP, 2015 prices, from NATO's 2019 release: the
  nearest NATO-sourced size measure, and *later* than the troops, since the release starts
  in 2012) and by troops per US$ billion of GDP, and runs Spearman's test with the helper
  of :mod:`alliances.cases.nato_burden`. O&Z predict a positive rank correlation (the large
  carry a disproportionate burden).
* **Who did the fighting.** :func:`deaths_per_thousand` divides coalition fatalities by
  the troops a nation had in ISAF at one snapshot. The pairing is only indicative (see
  the function).
* **After the withdrawal.** NATO's defence spending as a share of GDP across the Kabul
  withdrawal is in :mod:`alliances.cases.nato_spending`.

There is no population data in the course (a gap named in ``notebooks/theory_notes.md``,
section "Gaps in the sources"): troops or deaths per million inhabitants cannot be
computed here, and are not.

Examples
--------
>>> isaf_total("2009-10-01")
67694
>>> round(troop_share("United Kingdom", "2009-10-01"), 4)
0.133
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliances._validation import short_repr
from alliances.cases.nato_burden import BurdenTest, SpearmanResult, critical_rho, spearman
from alliances.data import load
from alliances.i18n import N_, _

__all__ = [
    "SNAPSHOTS",
    "FINAL",
    "SOUTH",
    "OUTSIDE_SOUTH",
    "SERVED_IN",
    "isaf_total",
    "isaf_contributions",
    "troop_share",
    "share_table",
    "troops_vs_gdp",
    "troop_tests",
    "as_burden_test",
    "fatalities",
    "fatalities_between",
    "deaths_per_thousand",
    "region_rates",
]

_TROOPS = "isaf_troop_contributions"
_DEATHS = "coalition_fatalities_afghanistan"
_NATO_2019 = "nato_defence_expenditure_2012_2019"

#: The three ISAF snapshots, oldest first, as the file writes them.
SNAPSHOTS: tuple[str, ...] = ("2008-06-03", "2009-10-01", "2010-11")
#: The snapshots as a reader writes them (November 2010 is inferred; see SOURCES.md §5).
_SNAPSHOT_LABELS: dict[str, str] = {"2008-06-03": N_("3 Jun 2008"),
                                    "2009-10-01": N_("1 Oct 2009"), "2010-11": N_("Nov 2010")}
#: The fatality counts: final 2001-2021 totals, then three dated snapshots.
FINAL = "2001-2021 final"
_FATALITY_SNAPSHOTS: tuple[str, ...] = (FINAL, "2009-05-18", "2010-11", "2012-05-20")
#: The allies that a source of the Riga summit (CRS RS22529, 2006) names as "doing most of
#: the fighting in southern Afghanistan": their main contingents served in ISAF's Regional
#: Command South (Helmand, Kandahar, Uruzgan); the US also led Regional Command East.
SOUTH: tuple[str, ...] = ("United Kingdom", "Canada", "Netherlands", "United States")
#: The allies the same source names as "deployed in the quieter north". Only Germany's
#: main contingent was in the north: Germany led Regional Command North (Mazar-e-Sharif),
#: Italy led Regional Command West (Herat), France was a lead nation of Regional Command
#: Capital (Kabul), and by 2010 a French brigade served in Regional Command East (NATO, "ISAF
#: Regional Command Structure"; American Forces Press Service, 11 August 2010; see
#: ``data/SOURCES.md``). The group is therefore named for what they share: their main
#: contingents served **outside Regional Command South**, not in "the north".
OUTSIDE_SOUTH: tuple[str, ...] = ("France", "Germany", "Italy")
#: Where each grouped ally's main contingent served (ISAF regional commands), as the
#: sources above give it.
SERVED_IN: dict[str, str] = {
    "United Kingdom": "RC South (from 2010 RC Southwest)",
    "Canada": "RC South",
    "Netherlands": "RC South",
    "United States": "RC East (lead nation) and RC South",
    "Germany": "RC North (lead nation)",
    "Italy": "RC West (lead nation)",
    "France": "RC Capital (a lead nation); by 2010 also RC East",
}
#: The year of NATO's real GDP used as the size of each Ally: 2012, the first year of
#: NATO's 2019 release, two to four years after the troop snapshots.
_GDP_YEAR = 2012
#: Countries in NATO's 2019 release that were not yet Allies at the snapshots, with the
#: reason. Montenegro contributed to ISAF in 2010 as a partner; it joined NATO in 2017
#: (a standard date, not verified against a source here).
_NOT_YET_ALLIES: dict[str, str] = {"Montenegro": "a partner at the snapshots; joined NATO in 2017"}

# ISAF spellings that differ from NATO's 2019 release.
_NATO_NAMES = {"Slovakia": "Slovak Republic"}


# --------------------------------------------------------------------------- checks
def _check_snapshot(snapshot: object, allowed: Sequence[str] = SNAPSHOTS,
                    name: str = "snapshot") -> str:
    if not isinstance(snapshot, str):
        raise TypeError(_("{name} must be a string, one of {allowed}; got {type} "
                          "{snapshot}").format(
            name=name, allowed=list(allowed), type=type(snapshot).__name__,
            snapshot=short_repr(snapshot)))
    if snapshot not in allowed:
        raise ValueError(_("{name} must be one of {allowed}; got {snapshot!r}").format(
            name=name, allowed=list(allowed), snapshot=snapshot))
    return snapshot


def _check_year(year: object, first: int, last: int, name: str) -> int:
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise TypeError(_("{name} must be an integer year; got {type} {year}").format(
            name=name, type=type(year).__name__, year=short_repr(year)))
    if not first <= int(year) <= last:
        raise ValueError(_("{name} must be between {first} and {last}; got {year}").format(
            name=name, first=first, last=last, year=year))
    return int(year)


# --------------------------------------------------------------------------- troops
def _troops(snapshot: str) -> pd.DataFrame:
    table = load(_TROOPS)
    return table[table["as_of"] == snapshot]


def isaf_total(snapshot: str) -> int:
    """The ISAF total at a snapshot: the sum of every row, the combined "others" included.

    The rows of each snapshot sum to the total its source gives (52,908 in June 2008; the
    October 2009 source says "approximately 67,700"); see ``data/SOURCES.md`` §5.

    Examples
    --------
    >>> [isaf_total(s) for s in SNAPSHOTS]
    [52908, 67694, 130930]
    >>> isaf_total("2011")
    Traceback (most recent call last):
    ...
    ValueError: snapshot must be one of ['2008-06-03', '2009-10-01', '2010-11']; got '2011'
    """
    return int(_troops(_check_snapshot(snapshot))["troops"].sum())


def isaf_contributions(snapshot: str | None = None) -> pd.DataFrame:
    """Troops by nation and their share of the ISAF total, aggregates excluded.

    Parameters
    ----------
    snapshot : str, optional
        One of :data:`SNAPSHOTS`; all three if omitted.

    Returns
    -------
    pandas.DataFrame
        ``as_of``, ``country``, ``troops``, ``share`` (a fraction of the ISAF total at that
        snapshot, which includes the combined "Other countries" of June 2008) and
        ``is_rounded_in_source``; largest contingent first within each snapshot.

    Examples
    --------
    >>> table = isaf_contributions("2010-11")
    >>> first = table.iloc[0]
    >>> first["country"], int(first["troops"]), bool(first["is_rounded_in_source"])
    ('United States', 90000, True)
    >>> "Other countries (combined)" in set(isaf_contributions("2008-06-03")["country"])
    False
    """
    snapshots = SNAPSHOTS if snapshot is None else (_check_snapshot(snapshot),)
    frames = []
    for snap in snapshots:
        rows = _troops(snap)
        total = rows["troops"].sum()
        rows = rows[~rows["is_aggregate"]]
        frames.append(pd.DataFrame({
            "as_of": snap, "country": rows["country"].to_numpy(),
            "troops": rows["troops"].to_numpy(), "share": rows["troops"].to_numpy() / total,
            "is_rounded_in_source": rows["is_rounded_in_source"].to_numpy(),
        }).sort_values("troops", ascending=False, kind="stable"))
    return pd.concat(frames, ignore_index=True)


def troop_share(country: str, snapshot: str) -> float:
    """One nation's share of the ISAF total at a snapshot, as a fraction.

    Examples
    --------
    >>> round(troop_share("United States", "2010-11"), 3)    # 90,000 (rounded) / 130,930
    0.687
    >>> troop_share("Atlantis", "2009-10-01")
    Traceback (most recent call last):
    ...
    ValueError: country 'Atlantis' is not listed in the ISAF snapshot 2009-10-01
    """
    if not isinstance(country, str):
        raise TypeError(_("country must be a string; got {type}").format(
            type=type(country).__name__))
    table = isaf_contributions(snapshot)
    row = table[table["country"] == country]
    if row.empty:
        raise ValueError(_("country {country!r} is not listed in the ISAF snapshot "
                           "{snapshot}").format(country=country, snapshot=snapshot))
    return float(row["share"].iloc[0])


def share_table(countries: Sequence[str] | None = None) -> pd.DataFrame:
    """Shares of the ISAF total (%) by nation (rows) and snapshot (columns).

    A nation not named at a snapshot has a blank (NaN): in June 2008 only 14 nations are
    named, the others being combined in the source. The column ``rounded_in_source``
    lists the snapshots at which the source rounds the nation's figure.

    Parameters
    ----------
    countries : sequence of str, optional
        Default: the ten largest contingents of October 2009.

    Examples
    --------
    >>> table = share_table(["United Kingdom", "Germany"])
    >>> float(table.loc["United Kingdom", "1 Oct 2009"])
    13.3
    >>> table.loc["United Kingdom", "rounded_in_source"]
    'Nov 2010'
    """
    data = isaf_contributions()
    if countries is None:
        countries = list(data[data["as_of"] == "2009-10-01"]["country"].head(10))
    if isinstance(countries, str) or not isinstance(countries, Sequence) or not countries:
        raise TypeError(_("countries must be a non-empty list of names; got {countries}").format(
            countries=short_repr(countries)))
    unknown = [c for c in countries if c not in set(data["country"])]
    if unknown:
        raise ValueError(_("countries: not in any ISAF snapshot: {unknown}").format(
            unknown=unknown))
    data = data[data["country"].isin(countries)]
    wide = (data.pivot(index="country", columns="as_of", values="share") * 100).round(1)
    wide = wide.reindex(index=list(countries), columns=list(SNAPSHOTS))
    wide.columns = [_SNAPSHOT_LABELS[s] for s in wide.columns]
    rounded = data[data["is_rounded_in_source"]].groupby("country")["as_of"].apply(
        lambda s: ", ".join(_SNAPSHOT_LABELS[x] for x in s))
    wide["rounded_in_source"] = [rounded.get(c, "") for c in wide.index]
    wide.columns.name = "share of ISAF total, %"
    return wide


# ------------------------------------------------------------- Olson and Zeckhauser
@dataclass(frozen=True)
class _TroopBurdenTest:
    """Olson and Zeckhauser's test on troops at one ISAF snapshot.

    Attributes
    ----------
    snapshot : str
    gdp_year : int
        The year of NATO's real GDP used as size (later than the troops).
    table : pandas.DataFrame
        One row per Ally used: ``country``, ``code`` (ISO3), ``troops``,
        ``gdp_usd_bn`` (real GDP, 2015 US$ bn), ``troops_per_usd_bn`` and
        ``is_rounded_in_source``; largest economy first.
    result : SpearmanResult
        Spearman's rho between GDP and troops per US$ bn of GDP: O&Z predict rho > 0.
    size_result : SpearmanResult
        Spearman's rho between GDP and the number of troops (large Allies send more
        troops; that alone says nothing about the burden relative to size).
    critical : float
        The smallest |rho| significant at 5 % (two-sided) with this n.
    complete : bool
        False when the source names only the largest contingents (June 2008): the test is
        then run on a sample selected by the variable being tested.
    not_listed : tuple of str
        Allies of NATO's 2019 release not named in the snapshot (unknown, not zero).
    partners : tuple of str
        Contributors without NATO GDP figures (non-members), not in the test.
    excluded : tuple of str
        Countries with NATO GDP that were not yet Allies at the snapshots (Montenegro).
    """

    snapshot: str
    gdp_year: int
    table: pd.DataFrame
    result: SpearmanResult
    size_result: SpearmanResult
    critical: float
    complete: bool
    not_listed: tuple[str, ...]
    partners: tuple[str, ...]
    excluded: tuple[str, ...]


def troops_vs_gdp(snapshot: str, *, gdp_year: int = _GDP_YEAR) -> _TroopBurdenTest:
    """Olson and Zeckhauser on troops: do larger Allies send more troops *per unit of GDP*?

    Size is NATO's real GDP (2015 prices and exchange rates) from NATO's 2019 release,
    the nearest NATO-sourced measure of size: it starts in 2012, so it is *later* than the
    troop snapshots (2008-2010), and ranks of GDP change little over a few years. The
    burden is troops per US$ billion of real GDP. Only Allies are tested: contributors
    without a NATO GDP figure are partners, and Montenegro (not yet an Ally) is left out.
    Troops per GDP is not a cost share: a soldier costs different amounts in different
    countries, and ISAF troops are only part of what each Ally spent on the war.

    Parameters
    ----------
    snapshot : str
        One of :data:`SNAPSHOTS`.
    gdp_year : int
        2012 to 2019; default 2012, the nearest to the snapshots.

    Returns
    -------
    _TroopBurdenTest
        A frozen dataclass: the table used, Spearman's rho for GDP against troops per
        US$ bn of GDP (``result``) and against troops (``size_result``), and what is left out.

    Examples
    --------
    >>> test = troops_vs_gdp("2009-10-01")
    >>> test.result.n, test.not_listed, test.complete
    (28, (), True)
    >>> round(test.result.rho, 2), round(test.size_result.rho, 2)
    (-0.41, 0.86)
    >>> troops_vs_gdp("2008-06-03").complete
    False
    """
    snapshot = _check_snapshot(snapshot)
    gdp_year = _check_year(gdp_year, 2012, 2019, "gdp_year")
    size = load(_NATO_2019)
    size = size[size["year"] == gdp_year].set_index("country")
    rows = _troops(snapshot)
    rows = rows[~rows["is_aggregate"]].copy()
    rows["nato_name"] = rows["country"].replace(_NATO_NAMES)
    known = rows["nato_name"].isin(size.index)
    partners = tuple(sorted(rows.loc[~known, "country"]))
    excluded = tuple(sorted(c for c in rows.loc[known, "nato_name"] if c in _NOT_YET_ALLIES))
    used = rows[known & ~rows["nato_name"].isin(list(_NOT_YET_ALLIES))]
    gdp = used["nato_name"].map(size["real_gdp_usd_2015_prices"]).to_numpy() / 1e9
    table = pd.DataFrame({
        "country": used["country"].to_numpy(),
        "code": used["nato_name"].map(size["iso3"]).to_numpy(),
        "troops": used["troops"].to_numpy(),
        "gdp_usd_bn": gdp,
        "troops_per_usd_bn": used["troops"].to_numpy() / gdp,
        "is_rounded_in_source": used["is_rounded_in_source"].to_numpy(),
    }).sort_values("gdp_usd_bn", ascending=False).reset_index(drop=True)
    not_listed = tuple(sorted(set(size.index) - set(used["nato_name"]) - set(_NOT_YET_ALLIES)))
    result = spearman(table["gdp_usd_bn"].to_numpy(), table["troops_per_usd_bn"].to_numpy())
    size_result = spearman(table["gdp_usd_bn"].to_numpy(), table["troops"].to_numpy())
    complete = not _troops(snapshot)["is_aggregate"].any()
    return _TroopBurdenTest(snapshot, gdp_year, table, result, size_result,
                           critical_rho(result.n), bool(complete), not_listed, partners,
                           excluded)


def troop_tests(gdp_year: int = _GDP_YEAR) -> pd.DataFrame:
    """:func:`troops_vs_gdp` at every snapshot, one row each.

    Columns: ``snapshot`` (as a reader writes it), ``n``, ``rho`` (GDP against troops per
    US$ bn), ``pvalue``, ``critical_rho`` (5 %, two-sided), ``rho_troops`` (GDP against
    troops) and ``complete_list``.

    Examples
    --------
    >>> troop_tests()[["snapshot", "n", "complete_list"]].values.tolist()
    [['3 Jun 2008', 13, False], ['1 Oct 2009', 28, True], ['Nov 2010', 28, True]]
    """
    rows = []
    for snap in SNAPSHOTS:
        test = troops_vs_gdp(snap, gdp_year=gdp_year)
        rows.append({"snapshot": _SNAPSHOT_LABELS[snap], "n": test.result.n,
                     "rho": test.result.rho, "pvalue": test.result.pvalue,
                     "critical_rho": test.critical, "rho_troops": test.size_result.rho,
                     "complete_list": test.complete})
    return pd.DataFrame(rows)


def as_burden_test(test: _TroopBurdenTest) -> BurdenTest:
    """Adapter: a result of :func:`troops_vs_gdp` as a :class:`BurdenTest`.

    So that :func:`alliances.views.nato_burden.plot_burden_vs_size` draws the troops test exactly
    as notebook 01 draws the spending test. Its ``size`` is GDP in US$ bn and its
    ``burden_pct`` column holds troops per US$ bn (the column name is the spending test's;
    the axis label says what it is).

    Examples
    --------
    >>> burden = as_burden_test(troops_vs_gdp("2010-11"))
    >>> burden.burden_label
    'ISAF troops per US$ bn of real GDP'
    >>> burden.result == troops_vs_gdp("2010-11").result
    True
    """
    if not isinstance(test, _TroopBurdenTest):
        raise TypeError(_("test must be a result of troops_vs_gdp(); got {type}").format(
            type=type(test).__name__))
    table = pd.DataFrame({"country": test.table["country"], "code": test.table["code"],
                          "size": test.table["gdp_usd_bn"],
                          "burden_pct": test.table["troops_per_usd_bn"]})
    label = _("ISAF troops, {snapshot}, against NATO real GDP, {year}").format(
        snapshot=_(_SNAPSHOT_LABELS[test.snapshot]), year=test.gdp_year)
    return BurdenTest(label, test.gdp_year, table,
                      _("real GDP {year}, 2015 US$ bn (NATO 2019 release, log "
                        "scale)").format(year=test.gdp_year),
                      _("ISAF troops per US$ bn of real GDP"), test.not_listed, test.result)


# ------------------------------------------------------------------------ fatalities
def fatalities(as_of: str = FINAL) -> pd.Series:
    """Coalition fatalities by country at one count, aggregates excluded.

    Parameters
    ----------
    as_of : str
        One of :data:`FINAL` (``"2001-2021 final"``), ``"2009-05-18"``, ``"2010-11"`` or
        ``"2012-05-20"``: the final 2001-2021 totals (32 countries) or a
        dated count (18 May 2009: 8 countries; November 2010: 4; 20 May 2012: 11).

    Returns
    -------
    pandas.Series
        Deaths by country (index), largest first.

    Examples
    --------
    >>> final = fatalities()
    >>> len(final), int(final.sum()), int(final["Canada"])
    (32, 3621, 159)
    """
    as_of = _check_snapshot(as_of, _FATALITY_SNAPSHOTS, "as_of")
    table = load(_DEATHS)
    rows = table[(table["as_of"] == as_of) & ~table["is_aggregate"]]
    series = rows.set_index("country")["fatalities"].astype(int)
    series.name = "fatalities"
    return series.sort_values(ascending=False, kind="stable")


def fatalities_between(start: str, end: str) -> pd.Series:
    """Deaths between two dated counts, for the countries named in both.

    Examples
    --------
    >>> window = fatalities_between("2009-05-18", "2012-05-20")
    >>> int(window["United Kingdom"]), len(window)            # 414 - 159
    (255, 8)
    >>> fatalities_between("2012-05-20", "2009-05-18")
    Traceback (most recent call last):
    ...
    ValueError: end must be a later count than start; got start '2012-05-20', end '2009-05-18'
    """
    dated = _FATALITY_SNAPSHOTS[1:]
    start = _check_snapshot(start, dated, "start")
    end = _check_snapshot(end, dated, "end")
    if dated.index(end) <= dated.index(start):
        raise ValueError(_("end must be a later count than start; got start {start!r}, "
                           "end {end!r}").format(start=start, end=end))
    first, last = fatalities(start), fatalities(end)
    both = [c for c in last.index if c in first.index]
    window = (last[both] - first[both]).astype(int)
    window.name = f"fatalities {start} to {end}"
    return window


def _region(country: str) -> str:
    if country in SOUTH:
        return "south"
    if country in OUTSIDE_SOUTH:
        return "outside the south"
    return "other"


def deaths_per_thousand(troops_as_of: str = "2009-10-01", deaths: str | pd.Series = FINAL,
                        ) -> pd.DataFrame:
    """Deaths per 1,000 troops a nation had in ISAF at one snapshot: who did the fighting.

    The default pairs the **final 2001-2021 totals** (the only complete list of deaths by
    country) with the troops of **1 October 2009**, the snapshot that names every
    contributor (June 2008 combines the small ones), has no figure rounded in the source
    (November 2010 rounds the US and UK) and comes before the Dutch contingent shrank.
    The ratio is only **indicative**: deaths accumulate over twenty years
    while troops are counted on one day, and contingents changed size (the Dutch fell from
    2,160 to 242 between the 2009 and 2010 snapshots); US deaths also include Operation
    Enduring Freedom and American troops outside ISAF, so the US ratio is inflated; and a
    contingent of a few soldiers on the day gives absurd ratios (Georgia: 1 soldier in
    October 2009, 32 deaths in all). Read it across large contingents only.

    Parameters
    ----------
    troops_as_of : str
        One of :data:`SNAPSHOTS`.
    deaths : str or pandas.Series
        One of the counts of :func:`fatalities`, or deaths by country such as
        :func:`fatalities_between` returns.

    Returns
    -------
    pandas.DataFrame
        ``country``, ``troops``, ``deaths``, ``per_1000``, ``region`` ("south" for
        :data:`SOUTH`, "outside the south" for :data:`OUTSIDE_SOUTH`, else "other") and
        ``is_rounded_in_source``; highest rate first. Countries without both numbers are
        left out.

    Examples
    --------
    >>> table = deaths_per_thousand().set_index("country")
    >>> float(round(table.loc["Canada", "per_1000"], 1)), table.loc["Canada", "region"]
    (56.2, 'south')
    """
    troops_as_of = _check_snapshot(troops_as_of, SNAPSHOTS, "troops_as_of")
    if isinstance(deaths, pd.Series):
        counts = deaths
        if not counts.map(lambda v: isinstance(v, (int, np.integer)) and v >= 0).all():
            raise ValueError(_("deaths must hold whole numbers >= 0 by country"))
    elif isinstance(deaths, str):
        counts = fatalities(_check_snapshot(deaths, _FATALITY_SNAPSHOTS, "deaths"))
    else:
        raise TypeError(_("deaths must be one of {FATALITY_SNAPSHOTS} or a pandas Series "
                          "of deaths by country; got {type} {deaths}").format(
            FATALITY_SNAPSHOTS=list(_FATALITY_SNAPSHOTS), type=type(deaths).__name__,
            deaths=short_repr(deaths)))
    troops = isaf_contributions(troops_as_of).set_index("country")
    both = [c for c in counts.index if c in troops.index]
    table = pd.DataFrame({
        "country": both,
        "troops": troops.loc[both, "troops"].to_numpy(),
        "deaths": counts[both].to_numpy().astype(int),
    })
    table["per_1000"] = 1000 * table["deaths"] / table["troops"]
    table["region"] = [_region(c) for c in both]
    table["is_rounded_in_source"] = troops.loc[both, "is_rounded_in_source"].to_numpy()
    return table.sort_values("per_1000", ascending=False, kind="stable").reset_index(drop=True)


def region_rates(table: pd.DataFrame) -> pd.DataFrame:
    """Pooled deaths per 1,000 troops for the groups a Riga-era source compares.

    The groups are :data:`SOUTH` (named as fighting in the south) and
    :data:`OUTSIDE_SOUTH` (France, Germany and Italy, which the source calls "the quieter
    north"; their main contingents served in the north, the west and Kabul, outside
    Regional Command South: see :data:`SERVED_IN`).

    Pooled means total deaths over total troops of the group (a large contingent weighs
    more than a small one). The south is also given without the United States, whose
    deaths include Operation Enduring Freedom and whose troops outside ISAF are not
    counted (so its own ratio is inflated).

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`deaths_per_thousand`.

    Returns
    -------
    pandas.DataFrame
        Index: ``south``, ``south without the US``, ``outside the south``; columns ``countries``,
        ``deaths``, ``troops``, ``per_1000``. A group with no country in ``table`` has
        NaN (no troops to divide by).

    Examples
    --------
    >>> rates = region_rates(deaths_per_thousand())
    >>> rates.loc["outside the south", ["deaths", "troops"]].tolist()     # 90 + 62 + 53; 3,070 + 4,245 + 2,795
    [205, 10110]
    """
    needed = {"country", "troops", "deaths"}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns):
        raise TypeError(_("table must be a DataFrame from deaths_per_thousand()"))
    groups = {"south": SOUTH, "south without the US": tuple(c for c in SOUTH
                                                            if c != "United States"),
              "outside the south": OUTSIDE_SOUTH}
    rows = {}
    for name, members in groups.items():
        part = table[table["country"].isin(members)]
        deaths, troops = int(part["deaths"].sum()), int(part["troops"].sum())
        rows[name] = {"countries": ", ".join(part["country"]), "deaths": deaths,
                      "troops": troops,
                      "per_1000": 1000 * deaths / troops if troops else float("nan")}
    return pd.DataFrame.from_dict(rows, orient="index")
