"""Load the course's CSV files with a schema check.

Every file in the repository's ``data/`` folder has a :class:`Schema` in
:data:`SCHEMAS`: the exact columns, the type of each, the range or the allowed
values, whether blank cells are allowed, and the columns that identify a row.
:func:`load` reads a file, converts each column to its type and checks all of
this, so a damaged or edited file fails loudly with a :class:`DataSchemaError`
that names the file, the column, what was expected and what was found.

Where the numbers come from is recorded in ``data/SOURCES.md``; :func:`describe`
gives a one-paragraph summary of it for each file.

The data folder is, in order of precedence: the ``data_dir`` argument, the
environment variable ``ALLIANCES_DATA_DIR`` (read at call time), and
:data:`DATA_DIR`, the ``data/`` folder of the repository checkout.

Examples
--------
>>> from alliances.data import available, load
>>> "sipri_milex_nato_members_1949_2024" in available()
True
>>> len(load("nato_defence_pct_gdp_2025e_reported"))
20
"""

from __future__ import annotations

import csv
import datetime as _dt
import difflib
import os
import re
from collections.abc import Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

__all__ = [
    "DATA_DIR",
    "DTYPES",
    "ENV_VAR",
    "SCHEMAS",
    "Column",
    "DataSchemaError",
    "Schema",
    "available",
    "describe",
    "load",
]

#: The repository's ``data/`` folder (``lib/alliances/data/__init__.py`` -> ``data/``).
DATA_DIR: Final[Path] = Path(__file__).resolve().parents[3] / "data"

#: Environment variable that, when set, replaces :data:`DATA_DIR`.
ENV_VAR: Final[str] = "ALLIANCES_DATA_DIR"

#: Column types a schema may declare. ``"date"`` is an ISO 8601 date at day,
#: month or year precision (``2001-09-12``, ``2001-10``, ``2006``), kept as text
#: because the precision varies from row to row.
DTYPES: Final[tuple[str, ...]] = ("int", "float", "str", "bool", "date")

_MAX_SHOWN: Final[int] = 3
_BOOLS: Final[dict[str, bool]] = {"True": True, "true": True, "False": False, "false": False}
_DATE_RE: Final[re.Pattern[str]] = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Column:
    """One column of a CSV file and the rules its cells must follow.

    Parameters
    ----------
    name : str
        The header, exactly as in the file.
    dtype : str
        One of :data:`DTYPES`. ``"int"`` columns load as ``int64`` (``Int64`` if
        ``nullable``), ``"float"`` as ``float64`` (blank -> NaN), ``"bool"`` as
        ``bool`` (``boolean`` if ``nullable``) from the text ``True``/``False`` or
        ``true``/``false``, ``"str"`` and ``"date"`` as text.
    min, max : float, optional
        Inclusive bounds for ``"int"`` and ``"float"`` columns.
    allowed : tuple of str, optional
        The only values a ``"str"`` column may hold.
    nullable : bool, default False
        Whether blank cells are allowed.
    pattern : str, optional
        A regular expression every non-blank cell of a ``"str"`` column must match
        in full.

    Examples
    --------
    >>> col = Column("defence_pct_gdp", "float", min=0, max=100)
    >>> col.nullable
    False
    >>> Column("year", "integer")
    Traceback (most recent call last):
    ...
    ValueError: Column 'year': dtype must be one of 'int', 'float', 'str', 'bool', 'date'; \
got 'integer'
    """

    name: str
    dtype: str
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] | None = None
    nullable: bool = False
    pattern: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise TypeError(f"Column name must be a non-empty str; got {self.name!r}")
        if self.dtype not in DTYPES:
            raise ValueError(
                f"Column {self.name!r}: dtype must be one of "
                f"{', '.join(repr(d) for d in DTYPES)}; got {self.dtype!r}"
            )
        numeric = self.dtype in ("int", "float")
        for bound in ("min", "max"):
            value = getattr(self, bound)
            if value is not None and (isinstance(value, bool) or not isinstance(
                    value, (int, float)) or value != value):
                raise TypeError(f"Column {self.name!r}: {bound} must be a number or None; "
                                f"got {value!r}")
        if (self.min is not None or self.max is not None) and not numeric:
            raise ValueError(f"Column {self.name!r}: min/max need dtype 'int' or 'float'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"Column {self.name!r}: min {self.min} is above max {self.max}")
        if (self.allowed is not None or self.pattern is not None) and self.dtype != "str":
            raise ValueError(f"Column {self.name!r}: allowed/pattern need dtype 'str'")
        if self.allowed is not None and not isinstance(self.allowed, tuple):
            raise TypeError(f"Column {self.name!r}: allowed must be a tuple of str")

    def expectation(self) -> str:
        """Say in words what a valid cell of this column looks like.

        Returns
        -------
        str
            For example ``"float in [0, 100]"`` or ``"one of 'day', 'month'"``.

        Examples
        --------
        >>> Column("troops", "int", min=0).expectation()
        'int >= 0'
        >>> Column("defence_pct_gdp", "float", min=0, max=100).expectation()
        'float in [0, 100]'
        >>> Column("date_precision", "str", allowed=("day", "month")).expectation()
        "one of 'day', 'month'"
        """
        if self.allowed is not None:
            return "one of " + ", ".join(repr(a) for a in self.allowed)
        if self.dtype == "str" and self.pattern is not None:
            return f"text matching the pattern {self.pattern!r}"
        if self.dtype == "date":
            return "an ISO date YYYY-MM-DD, YYYY-MM or YYYY"
        if self.dtype == "bool":
            return "True/False or true/false"
        lo, hi = _fmt_num(self.min), _fmt_num(self.max)
        if self.min is not None and self.max is not None:
            return f"{self.dtype} in [{lo}, {hi}]"
        if self.min is not None:
            return f"{self.dtype} >= {lo}"
        if self.max is not None:
            return f"{self.dtype} <= {hi}"
        return "text" if self.dtype == "str" else self.dtype


@dataclass(frozen=True)
class Schema:
    """The expected shape of one CSV file.

    Parameters
    ----------
    filename : str
        File name inside the data folder, ending in ``.csv``.
    columns : tuple of Column
        Every column the file must have, and no others.
    description : str
        What the file holds and where it came from (a summary of
        ``data/SOURCES.md``).
    key : tuple of str, optional
        Columns whose values together identify a row; they must be unique.

    Examples
    --------
    >>> s = SCHEMAS["nato_defence_pct_gdp_2014_2024"]
    >>> s.filename, s.key
    ('nato_defence_pct_gdp_2014_2024.csv', ('country', 'year'))
    >>> s.names[:3]
    ('country', 'iso3', 'entity_type')
    >>> s.stem
    'nato_defence_pct_gdp_2014_2024'
    """

    filename: str
    columns: tuple[Column, ...]
    description: str
    key: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if not self.filename.endswith(".csv"):
            raise ValueError(f"Schema filename must end in '.csv'; got {self.filename!r}")
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"Schema {self.filename!r}: column names repeat: {names}")
        if self.key is not None:
            unknown = [k for k in self.key if k not in names]
            if unknown:
                raise ValueError(f"Schema {self.filename!r}: key columns {unknown} not in columns")

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in file order."""
        return tuple(c.name for c in self.columns)

    @property
    def stem(self) -> str:
        """The file name without ``.csv``: the name :func:`load` takes."""
        return self.filename.removesuffix(".csv")


class DataSchemaError(ValueError):
    """A data file does not match its schema.

    Parameters
    ----------
    filename : str
        The file that failed.
    problems : list of str
        One entry per failed check, each naming the column(s) concerned.

    Examples
    --------
    A copy of a file with one percentage changed to 150 fails, naming the file,
    the column, the rule and the offending row (numbered from 0 as in the loaded
    DataFrame; the line number counts the header as line 1):

    >>> import tempfile
    >>> from pathlib import Path
    >>> text = (DATA_DIR / "nato_defence_pct_gdp_2025e_reported.csv").read_text("utf-8")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "nato_defence_pct_gdp_2025e_reported.csv").write_text(
    ...         text.replace(",4.48,", ",150,"), "utf-8")
    ...     try:
    ...         load("nato_defence_pct_gdp_2025e_reported", data_dir=tmp)
    ...     except DataSchemaError as err:
    ...         print(err)
    nato_defence_pct_gdp_2025e_reported.csv does not match its schema (1 problem):
      - column 'defence_pct_gdp': expected float in [0, 100]; found 1 value out of range:
        row 0 (line 2): '150'
    """

    def __init__(self, filename: str, problems: list[str]) -> None:
        self.filename = filename
        self.problems = list(problems)
        n = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"{filename} does not match its schema ({n} problem{'s' if n != 1 else ''}):\n{lines}"
        )


# --------------------------------------------------------------------------------------
# Schemas, one per file in data/. Descriptions summarize data/SOURCES.md.
# --------------------------------------------------------------------------------------

_CONFIDENCE = ("low", "low-medium", "medium", "medium-high", "high")
_ISO3 = r"[A-Z]{3}"
_SOURCE_IDS = r"[A-Z0-9_]+(;[A-Z0-9_]+)*"
_PCT = {"min": 0, "max": 100}


def _src(*ids: str) -> Column:
    return Column("source_id", "str", allowed=ids)


_SCHEMA_LIST: tuple[Schema, ...] = (
    Schema(
        "nato_defence_pct_gdp_2014_2024.csv",
        (
            Column("country", "str"),
            Column("iso3", "str", nullable=True, pattern=_ISO3),
            Column("entity_type", "str", allowed=("country", "aggregate")),
            Column("year", "int", min=2014, max=2024),
            Column("defence_pct_gdp", "float", **_PCT),
            Column("is_estimate", "bool"),
            _src("NATO_DEFEXP_2025_T3"),
        ),
        "Defence expenditure as a share of GDP (%) for 31 Allies and two NATO aggregates "
        "('NATO Europe and Canada', 'NATO Total'), 2014-2024; the 2024 values are NATO "
        "estimates. Source: NATO, Defence Expenditure of NATO Countries (2014-2025), "
        "28 August 2025, Table 3, copied at full precision from GitHub "
        "namanjain92/NATO-Analytics (cite NATO). Confidence high for 2014-2023, "
        "medium-high for the 2024 estimates; do not mix with the June 2024 vintage.",
        key=("country", "year"),
    ),
    Schema(
        "nato_defence_pct_gdp_2025e_reported.csv",
        (
            Column("country", "str"),
            Column("iso3", "str", nullable=True, pattern=_ISO3),
            Column("entity_type", "str", allowed=("country", "aggregate")),
            Column("year", "int", min=2025, max=2025),
            Column("defence_pct_gdp", "float", **_PCT),
            Column("is_estimate", "bool"),
            Column("n_independent_sources", "int", min=1),
            Column("confidence", "str", allowed=_CONFIDENCE),
            Column("source_ids", "str", pattern=_SOURCE_IDS),
        ),
        "NATO's 2025 estimates of defence expenditure as a share of GDP (%), as quoted by "
        "press reports and one repository transcription of NATO's table; only values from "
        "two or more independent sources, plus single-source rows marked low or "
        "low-medium confidence. Germany is absent because NATO published no 2025 "
        "estimate for it. Replace with NATO's Table 3 if it becomes available.",
        key=("country",),
    ),
    Schema(
        "nato_defence_expenditure_2012_2019.csv",
        (
            Column("iso3", "str", pattern=_ISO3),
            Column("country", "str"),
            Column("year", "int", min=2012, max=2019),
            Column("defence_exp_usd_current", "float", min=0, nullable=True),
            Column("defence_exp_usd_2015_prices", "float", min=0, nullable=True),
            Column("defence_pct_gdp_2015_prices", "float", nullable=True, **_PCT),
            Column("defence_exp_annual_real_change_pct", "float", min=-100, nullable=True),
            Column("real_gdp_usd_2015_prices", "float", min=0),
            Column("gdp_per_capita_usd_2015_prices", "float", min=0),
            Column("defence_exp_per_capita_usd_2015_prices", "float", min=0, nullable=True),
            Column("military_personnel_count", "int", min=0, nullable=True),
            Column("equipment_pct_of_defence_exp", "float", nullable=True, **_PCT),
            Column("personnel_pct_of_defence_exp", "float", nullable=True, **_PCT),
            Column("infrastructure_pct_of_defence_exp", "float", nullable=True, **_PCT),
            Column("other_pct_of_defence_exp", "float", nullable=True, **_PCT),
            Column("is_estimate", "bool"),
            _src("NATO_DEFEXP_2019"),
        ),
        "NATO's real-terms defence expenditure series (2015 prices and exchange rates) for "
        "29 Allies, 2012-2019, with real GDP, GDP per capita, spending per capita, "
        "military personnel and the shares spent on equipment, personnel, "
        "infrastructure and other; 2018-2019 are estimates and Iceland's spending cells "
        "are blank (no armed forces). Source: NATO PR/CP(2019)069, via the R package "
        "passport (alistaire47/passport, GPL-3), columns renamed to snake_case. "
        "Confidence high.",
        key=("iso3", "year"),
    ),
    Schema(
        "sipri_milex_nato_members_1949_2024.csv",
        (
            Column("country", "str"),
            Column("year", "int", min=1949, max=2024),
            Column("milex_usd_m_constant_2023", "float", min=0, nullable=True),
            Column("milex_pct_gdp", "float", nullable=True, **_PCT),
            _src("SIPRI_MILEX_2025"),
        ),
        "SIPRI Military Expenditure Database (2025 release), 1949-2024, for the current "
        "NATO members with SIPRI data: military expenditure in millions of constant 2023 "
        "US$ and as a share of GDP (%), for all years with data whether or not the "
        "country was then a member. Copied from GitHub nalutbae/sipri-military-"
        "expenditure, whose export turns non-numeric cells and literal zeros into blanks. "
        "SIPRI's definition differs from NATO's: do not mix the two series. Confidence "
        "medium-high.",
        key=("country", "year"),
    ),
    Schema(
        "isaf_troop_contributions.csv",
        (
            Column("as_of", "date"),
            Column("as_of_precision", "str", allowed=("day", "month", "year", "period")),
            Column("country", "str"),
            Column("troops", "int", min=0),
            Column("is_aggregate", "bool"),
            Column("is_rounded_in_source", "bool"),
            _src("REUTERS_2008_06_ISAF", "ABOUTCOM_2009_10_ISAF", "AFP_2010_11_ISAF"),
        ),
        "ISAF troop contributions by country in three dated snapshots quoting NATO "
        "figures: 3 June 2008 (Reuters), 1 October 2009 (About.com) and November 2010 "
        "(AFP; the month is inferred from context). Confidence medium-high for 2008 and "
        "2009, medium for 2010.",
        key=("as_of", "country"),
    ),
    Schema(
        "coalition_fatalities_afghanistan.csv",
        (
            Column("as_of", "str", pattern=r"\d{4}(-\d{2}){0,2}|\d{4}-\d{4} final"),
            Column("as_of_precision", "str", allowed=("day", "month", "year", "period")),
            Column("country", "str"),
            Column("fatalities", "int", min=0),
            Column("is_aggregate", "bool"),
            Column("source_note", "str", nullable=True),
            _src(
                "WIKI_COALITION_CASUALTIES",
                "REUTERS_2009_05_DEATHS",
                "AFP_2010_11_ISAF",
                "REUTERS_2012_05_DEATHS",
            ),
        ),
        "Coalition military fatalities in Afghanistan by country: final 2001-2021 totals "
        "(Wikipedia, 'Coalition casualties in Afghanistan', from icasualties.org, 3,621 "
        "in all) and dated snapshots from Reuters (May 2009, May 2012) and AFP "
        "(November 2010, partial). Confidence medium-high.",
        key=("as_of", "country"),
    ),
    Schema(
        "kiel_ukraine_aid_by_donor.csv",
        (
            Column("donor", "str"),
            Column("donor_iso3", "str", pattern=r"[A-Z]{2,3}"),
            Column("aid_type", "str", allowed=("financial", "humanitarian", "military", "total")),
            Column("eur_bn", "float", min=0),
            Column("period_start", "date"),
            Column("period_end", "date"),
            Column("measure", "str", allowed=("bilateral_allocation",)),
            _src("KIEL_UST_R29"),
        ),
        "Bilateral aid allocations to Ukraine by donor and type (military, financial, "
        "humanitarian, total), in billions of euros, January 2022 to April 2026: sums "
        "of the monthly file. Source: Kiel Institute, Ukraine Support Tracker, Release "
        "29, from the tracker website's repository. NATO itself is not a donor. "
        "Confidence high.",
        key=("donor", "aid_type"),
    ),
    Schema(
        "kiel_ukraine_aid_monthly_by_donor.csv",
        (
            Column("donor", "str"),
            Column("donor_iso3", "str", pattern=r"[A-Z]{2,3}"),
            Column("year", "int", min=2022, max=2026),
            Column("month", "int", min=1, max=12),
            Column("aid_type", "str", allowed=("financial", "humanitarian", "military")),
            Column("eur_bn", "float", min=0),
            Column("measure", "str", allowed=("bilateral_allocation",)),
            _src("KIEL_UST_R29"),
        ),
        "Bilateral aid allocations to Ukraine by donor, month and type (military, "
        "financial, humanitarian), in billions of euros, to April 2026. Source: Kiel "
        "Institute, Ukraine Support Tracker, Release 29, from the tracker website's "
        "repository. Confidence high.",
        key=("donor", "year", "month", "aid_type"),
    ),
    Schema(
        "kiel_ukraine_heavy_weapons_by_donor.csv",
        (
            Column("donor", "str"),
            Column(
                "category", "str", allowed=("Tanks", "Howitzers", "IFV", "MLRS", "Air Defense")
            ),
            Column("number_of_weapons", "int", min=0),
            Column("monetary_value_eur", "int", min=0),
            Column("weapons_list", "str"),
            _src("KIEL_UST_R29"),
        ),
        "Heavy weapons delivered or committed to Ukraine by donor and category (tanks, "
        "howitzers, infantry fighting vehicles, multiple rocket launchers, air defence): "
        "number, value in euros and the list of systems. Source: Kiel Institute, Ukraine "
        "Support Tracker, Release 29. Confidence high.",
        key=("donor", "category"),
    ),
    Schema(
        "case_study_timeline.csv",
        (
            Column("date_start", "date"),
            Column("date_end", "date"),
            Column("date_precision", "str", allowed=("day", "month", "year")),
            Column("case_study", "str", allowed=("afghanistan", "burden_sharing", "ukraine")),
            Column("actor_level", "str", allowed=("nato", "member", "un", "other")),
            Column("event", "str"),
            Column("source_ids", "str", pattern=_SOURCE_IDS),
        ),
        "Dated events for the Afghanistan and Ukraine case studies and for NATO's "
        "spending pledges, each tagged with the level of the actor (NATO, a member, the "
        "UN, other) and one or more source ids. Compiled from official, wire and press "
        "sources; confidence high for official or wire sources, medium for a Wikipedia "
        "copy or a single outlet.",
        key=("date_start", "event"),
    ),
    Schema(
        "sipri_milex_non_nato_1949_2024.csv",
        (
            Column("country", "str"),
            Column("year", "int", min=1949, max=2024),
            Column("milex_usd_m_constant_2023", "float", min=0, nullable=True),
            Column("milex_pct_gdp", "float", nullable=True, **_PCT),
            _src("SIPRI_MILEX_2025"),
        ),
        "SIPRI Military Expenditure Database (2025 release), 1949-2024, for states outside "
        "NATO: Russia (1992-2024), the USSR (constant US$ only, 1988-1990; never splice it "
        "onto Russia), Ukraine, Georgia, Belarus, China, India, Japan, South Korea, Taiwan, "
        "Australia, New Zealand and the ten ASEAN members; millions of constant 2023 US$ "
        "and share of GDP (%). Same export and caveats as the NATO members' SIPRI file; "
        "Russia's and China's figures are SIPRI estimates flagged as highly uncertain. "
        "Confidence medium.",
        key=("country", "year"),
    ),
    Schema(
        "nato_accession_dates.csv",
        (
            Column("country", "str"),
            Column("accession_date", "date"),
            Column("enlargement_round", "str", allowed=(
                "founding", "1952", "1955", "1982", "1999", "2004", "2009", "2017", "2020",
                "2023", "2024")),
            Column("note", "str", nullable=True),
            Column("source_ids", "str", pattern=_SOURCE_IDS),
        ),
        "The date each of NATO's 32 members joined and its enlargement round, 1949-2024. "
        "Source: NATO, 'NATO member countries'. Confidence high.",
        key=("country",),
    ),
    Schema(
        "nato_russia_timeline.csv",
        (
            Column("date_start", "date"),
            Column("date_end", "date"),
            Column("date_precision", "str", allowed=("day", "month", "year")),
            Column("actor_level", "str", allowed=("nato", "member", "other")),
            Column("event", "str"),
            Column("source_ids", "str", pattern=_SOURCE_IDS),
        ),
        "Dated events in NATO-Russia relations, 1990-2024 (Baker's 'one inch' remark, the "
        "Two Plus Four treaty, Partnership for Peace, the Founding Act, enlargement rounds, "
        "Kosovo, the NATO-Russia Council, Munich 2007, Bucharest 2008, Georgia, Crimea, "
        "Russia's draft treaties, the 2022 invasion, Finland and Sweden), each tagged with "
        "the actor level (NATO, a member, other) and its sources. Dates checked against "
        "official texts and contemporary reports. Confidence high.",
        key=("date_start", "event"),
    ),
    Schema(
        "southeast_asia_alignment_timeline.csv",
        (
            Column("date_start", "date"),
            Column("date_end", "date"),
            Column("date_precision", "str", allowed=("day", "month", "year")),
            Column("actor_level", "str", allowed=("state", "alliance", "regional", "other")),
            Column("event", "str"),
            Column("source_ids", "str", pattern=_SOURCE_IDS),
        ),
        "Dated events for the small-states notebook, Indonesia and Southeast Asia 1948-2021 "
        "(Hatta's 'Mendayung antara dua karang', the US treaties of 1951-53, the Manila Pact "
        "and SEATO, Bandung, the Non-Aligned Movement, Konfrontasi, ASEAN, ZOPFAN, the Treaty "
        "of Amity and Cooperation, the South China Sea award, AUKUS), each tagged with the "
        "actor level (Indonesia alone, a treaty alliance, a regional body, other) and its "
        "sources. Dates checked against treaty texts, official and contemporary reports. "
        "Confidence high.",
        key=("date_start", "event"),
    ),
)

#: One :class:`Schema` per data file, keyed by the file name without ``.csv``.
SCHEMAS: Final[dict[str, Schema]] = {s.stem: s for s in _SCHEMA_LIST}


# --------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------


def available() -> list[str]:
    """List the data sets :func:`load` knows, by file name without ``.csv``.

    Returns
    -------
    list of str
        Sorted names.

    Examples
    --------
    >>> names = available()
    >>> len(names)
    14
    >>> names[:2]
    ['case_study_timeline', 'coalition_fatalities_afghanistan']
    """
    return sorted(SCHEMAS)


def describe(name: str) -> str:
    """Describe a data set in one paragraph: contents, source, columns and key.

    Parameters
    ----------
    name : str
        A name from :func:`available` (``.csv`` may be added).

    Returns
    -------
    str
        One paragraph of plain text, without line breaks.

    Raises
    ------
    TypeError
        If ``name`` is not a str.
    ValueError
        If ``name`` is not a known data set.

    Examples
    --------
    >>> text = describe("sipri_milex_nato_members_1949_2024.csv")
    >>> text.startswith("sipri_milex_nato_members_1949_2024.csv: SIPRI Military")
    True
    >>> "Blank cells are allowed in milex_usd_m_constant_2023, milex_pct_gdp." in text
    True
    """
    schema = _schema_for(name)
    cols = ", ".join(f"{c.name} ({c.expectation()})" for c in schema.columns)
    nullable = [c.name for c in schema.columns if c.nullable]
    parts = [f"{schema.filename}: {schema.description}", f"Columns: {cols}."]
    if schema.key:
        parts.append(f"Each row is identified by ({', '.join(schema.key)}).")
    if nullable:
        parts.append(f"Blank cells are allowed in {', '.join(nullable)}.")
    else:
        parts.append("No cell may be blank.")
    parts.append("Full provenance: data/SOURCES.md.")
    return " ".join(parts)


def load(name: str, data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Read a data file, check it against its schema and return typed columns.

    Parameters
    ----------
    name : str
        A name from :func:`available`, with or without ``.csv``.
    data_dir : str or path-like, optional
        Folder to read from. Defaults to ``$ALLIANCES_DATA_DIR`` if that is set, else
        :data:`DATA_DIR`.

    Returns
    -------
    pandas.DataFrame
        The columns in schema order. ``int`` columns are ``int64`` (``Int64`` where
        blanks are allowed), ``float`` columns ``float64`` with NaN for blanks,
        ``bool`` columns ``bool``, text and date columns pandas strings with NaN for
        blanks.

    Raises
    ------
    DataSchemaError
        If the file has missing or unexpected columns, a cell of the wrong type, a
        value out of range or not allowed, a blank where none is allowed, or a
        repeated key. Every problem is listed with up to three offending rows.
    ValueError
        If ``name`` is not a known data set.
    TypeError
        If ``name`` is not a str or ``data_dir`` is not a path.
    FileNotFoundError
        If the file is not in the data folder.

    Examples
    --------
    >>> df = load("nato_defence_pct_gdp_2014_2024")
    >>> len(df)
    363
    >>> str(df["year"].dtype), str(df["is_estimate"].dtype)
    ('int64', 'bool')
    >>> poland = (df["country"] == "Poland") & (df["year"] == 2024)
    >>> round(df.loc[poland, "defence_pct_gdp"].item(), 2)
    3.79
    >>> sipri = load("sipri_milex_nato_members_1949_2024.csv")
    >>> len(sipri), int(sipri["milex_usd_m_constant_2023"].isna().sum())
    (1774, 11)
    >>> load("nato_spending")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: name: unknown data set 'nato_spending'. Available: case_study_timeline, ...
    """
    schema = _schema_for(name)
    folder = _resolve_dir(data_dir)
    path = folder / schema.filename
    if not path.is_file():
        raise FileNotFoundError(
            f"{schema.filename} not found in {folder} (the data folder comes from the "
            f"data_dir argument, else ${ENV_VAR}, else {DATA_DIR})"
        )
    raw, lines = _read_table(path, schema.filename)

    problems: list[str] = []
    missing = [c for c in schema.names if c not in raw.columns]
    unexpected = [c for c in raw.columns if c not in schema.names]
    if missing:
        problems.append(f"missing column{_s(missing)} {_names(missing)}")
    if unexpected:
        problems.append(
            f"unexpected column{_s(unexpected)} {_names(unexpected)}"
            f" (expected exactly: {', '.join(schema.names)})"
        )

    converted: dict[str, pd.Series] = {}
    for col in schema.columns:
        if col.name not in raw.columns:
            continue
        series, col_problems = _convert(col, raw[col.name], lines)
        problems.extend(col_problems)
        if not col_problems:
            converted[col.name] = series

    if schema.key and all(k in converted for k in schema.key):
        keys = pd.DataFrame({k: converted[k] for k in schema.key})
        problems.extend(_check_key(schema.key, keys, lines))

    if problems:
        raise DataSchemaError(schema.filename, problems)
    return pd.DataFrame({c: converted[c] for c in schema.names})


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def _read_table(path: Path, filename: str) -> tuple[pd.DataFrame, list[int]]:
    """Read a CSV as text cells and the file line on which each data row starts.

    The ``csv`` module does the parsing, because ``pandas.read_csv`` quietly pads short
    rows, skips blank lines and may turn the first column into an index when a row is
    too long; here each of those is an error.
    """
    rows: list[list[str]] = []
    starts: list[int] = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh, strict=True)
            line = 1
            for row in reader:
                rows.append(row)
                starts.append(line)
                line = reader.line_num + 1
    except (csv.Error, UnicodeDecodeError) as exc:
        raise DataSchemaError(filename, [f"the file cannot be read as UTF-8 CSV: {exc}"]) from exc
    if not rows or not rows[0]:
        raise DataSchemaError(filename, ["the file is empty or its header line is blank"])
    header, body, lines = rows[0], rows[1:], starts[1:]
    problems = []
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        problems.append(f"column{_s(repeated)} {_names(repeated)} repeated in the header")
    ragged = [i for i, r in enumerate(body) if len(r) != len(header)]
    if ragged:
        shown = [f"row {i} (line {lines[i]}) has {len(body[i])}" for i in ragged[:_MAX_SHOWN]]
        problems.append(
            f"expected {len(header)} fields in every row, as in the header; found "
            f"{len(ragged)} row{_s(ragged)} that differ: {_join(shown, len(ragged))}"
        )
    if problems:
        raise DataSchemaError(filename, problems)
    columns = list(zip(*body)) if body else [()] * len(header)
    table = pd.DataFrame({h: pd.Series(c, dtype=str) for h, c in zip(header, columns)})
    return table, lines


def _schema_for(name: object) -> Schema:
    if not isinstance(name, str):
        raise TypeError(
            f"name must be a str such as 'nato_defence_pct_gdp_2014_2024'; "
            f"got {type(name).__name__} {name!r}"
        )
    stem = name.removesuffix(".csv")
    if stem in SCHEMAS:
        return SCHEMAS[stem]
    close = difflib.get_close_matches(stem, list(SCHEMAS), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(
        f"name: unknown data set {name!r}. Available: {', '.join(available())}.{hint}"
    )


def _resolve_dir(data_dir: object) -> Path:
    if data_dir is None:
        env = os.environ.get(ENV_VAR)
        return Path(env) if env else DATA_DIR
    if not isinstance(data_dir, (str, os.PathLike)):
        raise TypeError(
            f"data_dir must be a str, a path or None; got {type(data_dir).__name__} "
            f"{data_dir!r}"
        )
    return Path(data_dir)


def _s(items: int | Sized) -> str:
    """Plural ending for a count or a sized collection."""
    n = items if isinstance(items, int) else len(items)
    return "" if n == 1 else "s"


def _names(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names)


def _join(shown: list[str], total: int) -> str:
    more = f", and {total - len(shown)} more" if total > len(shown) else ""
    return ", ".join(shown) + more


def _fmt_num(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else str(x)


def _py(value: object) -> object:
    """A numpy scalar as the plain Python value, for readable messages."""
    return value.item() if isinstance(value, np.generic) else value


def _found(col: Column, mask: pd.Series, raw: pd.Series, lines: list[int], what: str) -> str:
    """One problem line: the column, the rule, and up to three offending cells."""
    idx = np.flatnonzero(mask.to_numpy())
    shown = [f"row {i} (line {lines[i]}): {raw.iloc[i]!r}" for i in idx[:_MAX_SHOWN]]
    return (
        f"column {col.name!r}: expected {col.expectation()}; found {len(idx)} "
        f"{what.format(s=_s(len(idx)))}: {_join(shown, len(idx))}"
    )


def _valid_date(text: str) -> bool:
    m = _DATE_RE.fullmatch(text)
    if m is None:
        return False
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _convert(col: Column, raw: pd.Series, lines: list[int]) -> tuple[pd.Series, list[str]]:
    """Convert one column of text to its dtype and list the rules it breaks."""
    raw = raw.reset_index(drop=True)
    blank = raw.str.strip() == ""
    filled = ~blank
    problems: list[str] = []
    if blank.any() and not col.nullable:
        problems.append(_found(col, blank, raw, lines, "blank cell{s}"))

    if col.dtype in ("str", "date"):
        bad = pd.Series(False, index=raw.index)
        what = ""
        if col.dtype == "date":
            bad = filled & ~raw.map(_valid_date).astype(bool)
            what = "invalid date{s}"
        elif col.allowed is not None:
            bad = filled & ~raw.isin(col.allowed)
            what = "value{s} not allowed"
        elif col.pattern is not None:
            bad = filled & ~raw.str.fullmatch(col.pattern).astype(bool)
            what = "value{s} not matching"
        if bad.any():
            problems.append(_found(col, bad, raw, lines, what))
        return raw.where(filled), problems

    if col.dtype == "bool":
        bad = filled & ~raw.isin(list(_BOOLS))
        if bad.any():
            problems.append(_found(col, bad, raw, lines, "non-boolean value{s}"))
            return raw, problems
        mapped = raw.where(filled).map(_BOOLS, na_action="ignore")
        return (mapped.astype("boolean") if col.nullable else mapped.astype(bool)), problems

    # "int" and "float"
    num = pd.to_numeric(raw.where(filled).astype(object), errors="coerce").astype(float)
    checks: list[tuple[pd.Series, str]] = []
    not_number = filled & num.isna()
    checks.append((not_number, "non-numeric value{s}"))
    infinite = filled & pd.Series(np.isinf(num.to_numpy()), index=raw.index)
    checks.append((infinite, "infinite value{s}"))
    ok = filled & ~not_number & ~infinite
    if col.dtype == "int":
        fractional = ok & (num != num.round())
        checks.append((fractional, "non-whole value{s}"))
        ok &= ~fractional
    out_of_range = pd.Series(False, index=raw.index)
    if col.min is not None:
        out_of_range |= ok & (num < col.min)
    if col.max is not None:
        out_of_range |= ok & (num > col.max)
    checks.append((out_of_range, "value{s} out of range"))
    problems.extend(_found(col, mask, raw, lines, what) for mask, what in checks if mask.any())
    if problems or col.dtype == "float":
        return num, problems
    return num.astype("Int64" if col.nullable else "int64"), problems


def _check_key(key: tuple[str, ...], frame: pd.DataFrame, lines: list[int]) -> list[str]:
    """One problem line if any combination of key values appears more than once."""
    dup = frame.duplicated(subset=list(key), keep=False)
    if not dup.any():
        return []
    idx = np.flatnonzero(dup.to_numpy())
    shown = [
        f"row {i} (line {lines[i]}): {tuple(_py(frame[k].iloc[i]) for k in key)!r}"
        for i in idx[:_MAX_SHOWN]
    ]
    return [
        f"column{_s(list(key))} {_names(list(key))}: expected each key to appear once; "
        f"found {len(idx)} rows sharing a key: {_join(shown, len(idx))}"
    ]
