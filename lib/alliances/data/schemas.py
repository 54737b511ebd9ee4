"""The schema of every CSV file in ``data/``: one :class:`Schema` entry per file.

Each entry gives the file's columns in order, each with its type and, where there is one,
a short rule (a range, the allowed values or a pattern); the columns that identify a row;
and a one-paragraph summary of ``data/SOURCES.md``. :func:`alliances.data.load` reads a
file and checks it against its entry.

A column's type is one of ``"int"``, ``"float"``, ``"bool"``, ``"str"`` or ``"date"``
(an ISO 8601 date at day, month or year precision, kept as text because the precision
varies from row to row); a trailing ``"?"`` allows blank cells. A column with a rule is
written ``(type, rule)``.

To add a data file, add one ``Schema(...)`` to ``_ENTRIES`` at the end of this module
(and describe the file in ``data/SOURCES.md`` and ``data/CHECKSUMS.sha256``); nothing
else lists the files.

Examples
--------
>>> schema = SCHEMAS["nato_defence_pct_gdp_2014_2024"]
>>> schema.filename, schema.key
('nato_defence_pct_gdp_2014_2024.csv', ('country', 'year'))
>>> schema.dtypes["defence_pct_gdp"], schema.expectations["defence_pct_gdp"]
('float', 'float in [0, 100]')
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Final

import pandas as pd

from alliances._validation import InputError, check_real, short_repr
from alliances.i18n import _

__all__ = ["SCHEMAS", "Schema", "between", "is_date", "matches", "one_of"]

#: The column types an entry may declare (a trailing ``"?"`` allows blank cells).
_DTYPES: Final[tuple[str, ...]] = ("int", "float", "bool", "str", "date")

#: What a valid cell of a column without a rule looks like, by type.
_PLAIN: Final[dict[str, str]] = {
    "int": "int", "float": "float", "bool": "True/False or true/false", "str": "text",
    "date": "an ISO date YYYY-MM-DD, YYYY-MM or YYYY",
}


@dataclass(frozen=True)
class _Rule:
    """A check on the converted, non-blank cells of one column.

    ``expect`` says in words what a valid cell looks like (``{dtype}`` stands for the
    column's type), ``what`` names an offending cell (``{s}`` is the plural ending) and
    ``ok`` returns True for each valid value of a Series; ``types`` are the column types
    the rule applies to.
    """

    expect: str
    what: str
    ok: Callable[[pd.Series], pd.Series]
    types: tuple[str, ...] = ("str",)


_NUMBERS: Final[tuple[str, ...]] = ("int", "float")


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def between(low: float, high: float | None = None) -> _Rule:
    """Numbers from ``low`` to ``high`` inclusive (no upper bound if ``high`` is None).

    Examples
    --------
    >>> between(0, 100).expect
    '{dtype} in [0, 100]'
    """
    low = check_real(low, "low")
    high = None if high is None else check_real(high, "high")
    if high is None:
        return _Rule(f"{{dtype}} >= {_fmt(low)}", "value{s} out of range", lambda s: s >= low,
                     _NUMBERS)
    if low > high:
        raise InputError(_("low must not be above high; got low {low}, high {high}").format(
                           low=low, high=high))
    return _Rule(f"{{dtype}} in [{_fmt(low)}, {_fmt(high)}]", "value{s} out of range",
                 lambda s: (s >= low) & (s <= high), _NUMBERS)


def one_of(*allowed: str) -> _Rule:
    """Text that is exactly one of ``allowed``.

    Examples
    --------
    >>> one_of("nato", "member").expect
    "one of 'nato', 'member'"
    """
    if not allowed or not all(isinstance(a, str) for a in allowed):
        raise InputError(_("allowed must be one or more strings; got {allowed}").format(
                           allowed=short_repr(allowed)))
    return _Rule("one of " + ", ".join(repr(a) for a in allowed), "value{s} not allowed",
                 lambda s: s.isin(allowed))


def matches(pattern: str) -> _Rule:
    """Text that matches the regular expression ``pattern`` in full.

    Examples
    --------
    >>> matches("[A-Z]{3}").expect
    "text matching the pattern '[A-Z]{3}'"
    """
    if not isinstance(pattern, str):
        raise InputError(_("pattern must be a regular expression (str); got {pattern}").format(
                           pattern=short_repr(pattern)))
    try:
        re.compile(pattern)
    except re.error as error:
        raise InputError(_("pattern is not a regular expression ({error}): {pattern}").format(
                           error=error, pattern=repr(pattern))) from None
    return _Rule(f"text matching the pattern {pattern!r}", "value{s} not matching",
                 lambda s: s.str.fullmatch(pattern).astype(bool))


_DATE_RE: Final[re.Pattern[str]] = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def is_date(text: str) -> bool:
    """Whether ``text`` is an ISO 8601 date at day, month or year precision.

    Parameters
    ----------
    text : str
        A cell of a ``"date"`` column.

    Returns
    -------
    bool
        True for ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` naming a real date.

    Examples
    --------
    >>> is_date("2001-09-12"), is_date("2006"), is_date("2001-02-30"), is_date(2006)
    (True, True, False, False)
    """
    match = _DATE_RE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return False
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _columns_error(columns: object) -> str | None:
    """Why ``columns`` is not a mapping of names to types or (type, rule) pairs, or None."""
    if not isinstance(columns, Mapping) or not columns:
        return f"columns must be a non-empty dict of column name -> type; got {columns!r:.60}"
    for name, spec in columns.items():
        dtype, rule = spec if isinstance(spec, tuple) and len(spec) == 2 else (spec, None)
        if not isinstance(name, str) or not name:
            return f"columns: a column name must be a non-empty str; got {name!r:.60}"
        if not isinstance(dtype, str) or dtype.removesuffix("?") not in _DTYPES:
            return (f"columns: {name!r} must have a type in {_DTYPES} (\"?\" allows blanks) "
                    f"or a (type, rule) pair; got {spec!r:.60}")
        if rule is not None and not isinstance(rule, _Rule):
            return f"columns: the rule of {name!r} must come from this module; got {rule!r:.60}"
        if rule is not None and dtype.removesuffix("?") not in rule.types:
            return f"columns: the rule of {name!r} ({rule.expect}) needs a type in {rule.types}"
    return None


@dataclass(frozen=True)
class Schema:
    """The expected shape of one CSV file.

    Parameters
    ----------
    filename : str
        File name inside the data folder, ending in ``.csv``.
    columns : dict
        Every column the file must have, in file order, and no others: name -> type, or
        name -> ``(type, rule)``, the type one of ``int``, ``float``, ``bool``, ``str``,
        ``date`` (``"?"`` after it allows blank cells).
    key : tuple of str
        Columns whose values together identify a row; they must be unique.
    description : str
        What the file holds and where it came from (a summary of ``data/SOURCES.md``).

    Raises
    ------
    TypeError, ValueError
        If an argument is of the wrong type, a type is unknown or the key names a column
        the file does not have.

    Examples
    --------
    >>> s = Schema("troops.csv", {"country": "str", "troops": ("int", between(0))},
    ...            key=("country",), description="Troops by country.")
    >>> s.names, s.stem, s.nullable
    (('country', 'troops'), 'troops', ())
    >>> s.expectations
    {'country': 'text', 'troops': 'int >= 0'}
    """

    filename: str
    columns: Mapping[str, str | tuple[str, _Rule]]
    key: tuple[str, ...]
    description: str

    def __post_init__(self) -> None:
        for arg in ("filename", "description"):
            if not isinstance(getattr(self, arg), str):
                raise TypeError(_("{arg} must be a str; got {value}").format(
                                  arg=arg, value=format(repr(getattr(self, arg)), ".60")))
        if not self.filename.endswith(".csv"):
            raise ValueError(_("filename must end in '.csv'; got {filename}").format(
                               filename=repr(self.filename)))
        problem = _columns_error(self.columns)
        if problem:
            raise (ValueError if isinstance(self.columns, Mapping) else TypeError)(problem)
        if not isinstance(self.key, tuple) or not self.key or any(
                k not in self.columns for k in self.key):
            raise ValueError(_("key must be a non-empty tuple of column names of "
                               "{filename}; got {key}").format(
                               filename=self.filename, key=format(repr(self.key), ".60")))

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in file order."""
        return tuple(self.columns)

    @property
    def stem(self) -> str:
        """The file name without ``.csv``: the name :func:`alliances.data.load` takes."""
        return self.filename.removesuffix(".csv")

    @cached_property
    def dtypes(self) -> dict[str, str]:
        """Each column's type, without the ``"?"``."""
        return {name: _spec(spec)[0].removesuffix("?") for name, spec in self.columns.items()}

    @cached_property
    def nullable(self) -> tuple[str, ...]:
        """The columns in which blank cells are allowed."""
        return tuple(n for n, spec in self.columns.items() if _spec(spec)[0].endswith("?"))

    @cached_property
    def rules(self) -> dict[str, _Rule]:
        """The rule of each column that has one."""
        return {n: _spec(s)[1] for n, s in self.columns.items() if _spec(s)[1] is not None}

    @cached_property
    def expectations(self) -> dict[str, str]:
        """What a valid cell of each column looks like, in words."""
        rules = self.rules
        return {name: rules[name].expect.replace("{dtype}", dtype) if name in rules else _PLAIN[dtype]
                for name, dtype in self.dtypes.items()}


def _spec(spec: str | tuple[str, _Rule]) -> tuple[str, _Rule | None]:
    return spec if isinstance(spec, tuple) else (spec, None)


# --------------------------------------------------------------------------------------
# One entry per file in data/. Descriptions summarize data/SOURCES.md.
# --------------------------------------------------------------------------------------

_CONFIDENCE = one_of("low", "low-medium", "medium", "medium-high", "high")
_PRECISION = one_of("day", "month", "year")
_ISO3 = matches(r"[A-Z]{3}")
_SOURCE_IDS = matches(r"[A-Z0-9_]+(;[A-Z0-9_]+)*")
_PCT = between(0, 100)

#: The columns of both SIPRI files (NATO members, and the states outside NATO).
_SIPRI_COLUMNS: Final[dict[str, object]] = {
    "country": "str",
    "year": ("int", between(1949, 2024)),
    "milex_usd_m_constant_2023": ("float?", between(0)),
    "milex_pct_gdp": ("float?", _PCT),
    "source_id": ("str", one_of("SIPRI_MILEX_2025")),
}

_ENTRIES: Final[tuple[Schema, ...]] = (
    Schema(
        "nato_defence_pct_gdp_2014_2024.csv",
        {
            "country": "str",
            "iso3": ("str?", _ISO3),
            "entity_type": ("str", one_of("country", "aggregate")),
            "year": ("int", between(2014, 2024)),
            "defence_pct_gdp": ("float", _PCT),
            "is_estimate": "bool",
            "source_id": ("str", one_of("NATO_DEFEXP_2025_T3")),
        },
        key=("country", "year"),
        description=(
            "Defence expenditure as a share of GDP (%) for 31 Allies and two NATO aggregates "
            "('NATO Europe and Canada', 'NATO Total'), 2014-2024; the 2024 values are NATO "
            "estimates. Source: NATO, Defence Expenditure of NATO Countries (2014-2025), 28 "
            "August 2025, Table 3, copied at full precision from GitHub "
            "namanjain92/NATO-Analytics (cite NATO). Confidence high for 2014-2023, medium-high "
            "for the 2024 estimates; do not mix with the June 2024 vintage."
        ),
    ),
    Schema(
        "nato_defence_pct_gdp_2025e_reported.csv",
        {
            "country": "str",
            "iso3": ("str?", _ISO3),
            "entity_type": ("str", one_of("country", "aggregate")),
            "year": ("int", between(2025, 2025)),
            "defence_pct_gdp": ("float", _PCT),
            "is_estimate": "bool",
            "n_independent_sources": ("int", between(1)),
            "confidence": ("str", _CONFIDENCE),
            "source_ids": ("str", _SOURCE_IDS),
        },
        key=("country",),
        description=(
            "NATO's 2025 estimates of defence expenditure as a share of GDP (%), as quoted by "
            "press reports and one repository transcription of NATO's table; only values from two"
            " or more independent sources, plus single-source rows marked low or low-medium "
            "confidence. Germany is absent because NATO published no 2025 estimate for it. "
            "Replace with NATO's Table 3 if it becomes available."
        ),
    ),
    Schema(
        "nato_defence_expenditure_2012_2019.csv",
        {
            "iso3": ("str", _ISO3),
            "country": "str",
            "year": ("int", between(2012, 2019)),
            "defence_exp_usd_current": ("float?", between(0)),
            "defence_exp_usd_2015_prices": ("float?", between(0)),
            "defence_pct_gdp_2015_prices": ("float?", _PCT),
            "defence_exp_annual_real_change_pct": ("float?", between(-100)),
            "real_gdp_usd_2015_prices": ("float", between(0)),
            "gdp_per_capita_usd_2015_prices": ("float", between(0)),
            "defence_exp_per_capita_usd_2015_prices": ("float?", between(0)),
            "military_personnel_count": ("int?", between(0)),
            "equipment_pct_of_defence_exp": ("float?", _PCT),
            "personnel_pct_of_defence_exp": ("float?", _PCT),
            "infrastructure_pct_of_defence_exp": ("float?", _PCT),
            "other_pct_of_defence_exp": ("float?", _PCT),
            "is_estimate": "bool",
            "source_id": ("str", one_of("NATO_DEFEXP_2019")),
        },
        key=("iso3", "year"),
        description=(
            "NATO's real-terms defence expenditure series (2015 prices and exchange rates) for 29"
            " Allies, 2012-2019, with real GDP, GDP per capita, spending per capita, military "
            "personnel and the shares spent on equipment, personnel, infrastructure and other; "
            "2018-2019 are estimates and Iceland's spending cells are blank (no armed forces). "
            "Source: NATO PR/CP(2019)069, via the R package passport (alistaire47/passport, "
            "GPL-3), columns renamed to snake_case. Confidence high."
        ),
    ),
    Schema(
        "sipri_milex_nato_members_1949_2024.csv",
        _SIPRI_COLUMNS,
        key=("country", "year"),
        description=(
            "SIPRI Military Expenditure Database (2025 release), 1949-2024, for the current NATO "
            "members with SIPRI data: military expenditure in millions of constant 2023 US$ and "
            "as a share of GDP (%), for all years with data whether or not the country was then a"
            " member. Copied from GitHub nalutbae/sipri-military-expenditure, whose export turns "
            "non-numeric cells and literal zeros into blanks. SIPRI's definition differs from "
            "NATO's: do not mix the two series. Confidence medium-high."
        ),
    ),
    Schema(
        "isaf_troop_contributions.csv",
        {
            "as_of": "date",
            "as_of_precision": ("str", one_of("day", "month", "year", "period")),
            "country": "str",
            "troops": ("int", between(0)),
            "is_aggregate": "bool",
            "is_rounded_in_source": "bool",
            "source_id": ("str", one_of(
                "REUTERS_2008_06_ISAF", "ABOUTCOM_2009_10_ISAF",
                "AFP_2010_11_ISAF")),
        },
        key=("as_of", "country"),
        description=(
            "ISAF troop contributions by country in three dated snapshots quoting NATO figures: 3"
            " June 2008 (Reuters), 1 October 2009 (About.com) and November 2010 (AFP; the month "
            "is inferred from context). Confidence medium-high for 2008 and 2009, medium for "
            "2010."
        ),
    ),
    Schema(
        "coalition_fatalities_afghanistan.csv",
        {
            "as_of": ("str", matches(r"\d{4}(-\d{2}){0,2}|\d{4}-\d{4} final")),
            "as_of_precision": ("str", one_of("day", "month", "year", "period")),
            "country": "str",
            "fatalities": ("int", between(0)),
            "is_aggregate": "bool",
            "source_note": "str?",
            "source_id": ("str", one_of(
                "WIKI_COALITION_CASUALTIES", "REUTERS_2009_05_DEATHS",
                "AFP_2010_11_ISAF", "REUTERS_2012_05_DEATHS")),
        },
        key=("as_of", "country"),
        description=(
            "Coalition military fatalities in Afghanistan by country: final 2001-2021 totals "
            "(Wikipedia, 'Coalition casualties in Afghanistan', from icasualties.org, 3,621 in "
            "all) and dated snapshots from Reuters (May 2009, May 2012) and AFP (November 2010, "
            "partial). Confidence medium-high."
        ),
    ),
    Schema(
        "kiel_ukraine_aid_by_donor.csv",
        {
            "donor": "str",
            "donor_iso3": ("str", matches(r"[A-Z]{2,3}")),
            "aid_type": ("str", one_of("financial", "humanitarian", "military", "total")),
            "eur_bn": ("float", between(0)),
            "period_start": "date",
            "period_end": "date",
            "measure": ("str", one_of("bilateral_allocation")),
            "source_id": ("str", one_of("KIEL_UST_R29")),
        },
        key=("donor", "aid_type"),
        description=(
            "Bilateral aid allocations to Ukraine by donor and type (military, financial, "
            "humanitarian, total), in billions of euros, January 2022 to April 2026: sums of the "
            "monthly file. Source: Kiel Institute, Ukraine Support Tracker, Release 29, from the "
            "tracker website's repository. NATO itself is not a donor. Confidence high."
        ),
    ),
    Schema(
        "kiel_ukraine_aid_monthly_by_donor.csv",
        {
            "donor": "str",
            "donor_iso3": ("str", matches(r"[A-Z]{2,3}")),
            "year": ("int", between(2022, 2026)),
            "month": ("int", between(1, 12)),
            "aid_type": ("str", one_of("financial", "humanitarian", "military")),
            "eur_bn": ("float", between(0)),
            "measure": ("str", one_of("bilateral_allocation")),
            "source_id": ("str", one_of("KIEL_UST_R29")),
        },
        key=("donor", "year", "month", "aid_type"),
        description=(
            "Bilateral aid allocations to Ukraine by donor, month and type (military, financial, "
            "humanitarian), in billions of euros, to April 2026. Source: Kiel Institute, Ukraine "
            "Support Tracker, Release 29, from the tracker website's repository. Confidence high."
        ),
    ),
    Schema(
        "kiel_ukraine_heavy_weapons_by_donor.csv",
        {
            "donor": "str",
            "category": ("str", one_of("Tanks", "Howitzers", "IFV", "MLRS", "Air Defense")),
            "number_of_weapons": ("int", between(0)),
            "monetary_value_eur": ("int", between(0)),
            "weapons_list": "str",
            "source_id": ("str", one_of("KIEL_UST_R29")),
        },
        key=("donor", "category"),
        description=(
            "Heavy weapons delivered or committed to Ukraine by donor and category (tanks, "
            "howitzers, infantry fighting vehicles, multiple rocket launchers, air defence): "
            "number, value in euros and the list of systems. Source: Kiel Institute, Ukraine "
            "Support Tracker, Release 29. Confidence high."
        ),
    ),
    Schema(
        "case_study_timeline.csv",
        {
            "date_start": "date",
            "date_end": "date",
            "date_precision": ("str", _PRECISION),
            "case_study": ("str", matches("[a-z][a-z_]*")),   # a case study's slug
            "actor_level": ("str", one_of("nato", "member", "un", "other")),
            "event": "str",
            "source_ids": ("str", _SOURCE_IDS),
        },
        key=("date_start", "event"),
        description=(
            "Dated events for the Afghanistan and Ukraine case studies and for NATO's spending "
            "pledges, each tagged with the level of the actor (NATO, a member, the UN, other) and"
            " one or more source ids. Compiled from official, wire and press sources; confidence "
            "high for official or wire sources, medium for a Wikipedia copy or a single outlet."
        ),
    ),
    Schema(
        "sipri_milex_non_nato_1949_2024.csv",
        _SIPRI_COLUMNS,
        key=("country", "year"),
        description=(
            "SIPRI Military Expenditure Database (2025 release), 1949-2024, for states outside "
            "NATO: Russia (1992-2024), the USSR (constant US$ only, 1988-1990; never splice it "
            "onto Russia), Ukraine, Georgia, Belarus, China, India, Japan, South Korea, Taiwan, "
            "Australia, New Zealand and the ten ASEAN members; millions of constant 2023 US$ and "
            "share of GDP (%). Same export and caveats as the NATO members' SIPRI file; Russia's "
            "and China's figures are SIPRI estimates flagged as highly uncertain. Confidence "
            "medium."
        ),
    ),
    Schema(
        "nato_accession_dates.csv",
        {
            "country": "str",
            "accession_date": "date",
            "enlargement_round": ("str", one_of(
                "founding", "1952", "1955", "1982", "1999", "2004", "2009", "2017",
                "2020", "2023", "2024")),
            "note": "str?",
            "source_ids": ("str", _SOURCE_IDS),
        },
        key=("country",),
        description=(
            "The date each of NATO's 32 members joined and its enlargement round, 1949-2024. "
            "Source: NATO, 'NATO member countries'. Confidence high."
        ),
    ),
    Schema(
        "nato_russia_timeline.csv",
        {
            "date_start": "date",
            "date_end": "date",
            "date_precision": ("str", _PRECISION),
            "actor_level": ("str", one_of("nato", "member", "other")),
            "event": "str",
            "source_ids": ("str", _SOURCE_IDS),
        },
        key=("date_start", "event"),
        description=(
            "Dated events in NATO-Russia relations, 1990-2024 (Baker's 'one inch' remark, the Two"
            " Plus Four treaty, Partnership for Peace, the Founding Act, enlargement rounds, "
            "Kosovo, the NATO-Russia Council, Munich 2007, Bucharest 2008, Georgia, Crimea, "
            "Russia's draft treaties, the 2022 invasion, Finland and Sweden), each tagged with "
            "the actor level (NATO, a member, other) and its sources. Dates checked against "
            "official texts and contemporary reports. Confidence high."
        ),
    ),
    Schema(
        "southeast_asia_alignment_timeline.csv",
        {
            "date_start": "date",
            "date_end": "date",
            "date_precision": ("str", _PRECISION),
            "actor_level": ("str", one_of("state", "alliance", "regional", "other")),
            "event": "str",
            "source_ids": ("str", _SOURCE_IDS),
        },
        key=("date_start", "event"),
        description=(
            "Dated events for the small-states notebook, Indonesia and Southeast Asia 1948-2021 "
            "(Hatta's 'Mendayung antara dua karang', the US treaties of 1951-53, the Manila Pact "
            "and SEATO, Bandung, the Non-Aligned Movement, Konfrontasi, ASEAN, ZOPFAN, the Treaty"
            " of Amity and Cooperation, the South China Sea award, AUKUS), each tagged with the "
            "actor level (Indonesia alone, a treaty alliance, a regional body, other) and its "
            "sources. Dates checked against treaty texts, official and contemporary reports. "
            "Confidence high."
        ),
    ),
)

#: One :class:`Schema` per data file, keyed by the file name without ``.csv``.
SCHEMAS: Final[dict[str, Schema]] = {s.stem: s for s in _ENTRIES}
