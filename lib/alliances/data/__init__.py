"""Load the course's CSV files, each checked against its schema.

Every file in the repository's ``data/`` folder has an entry in
:data:`~alliances.data.schemas.SCHEMAS` (``alliances/data/schemas.py``): its columns
with their types, the range or the allowed values of each, whether blank cells are
allowed, and the columns that identify a row. :func:`load` reads a file and checks all of
this, so a damaged or edited file fails loudly with a :class:`DataSchemaError` that names
the file, the column, what was expected and the offending rows.

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

import difflib
import os
from pathlib import Path
from typing import Final

import pandas as pd

from alliances._validation import InputError
from alliances.i18n import _
from alliances.data.reading import DataSchemaError, read_checked
from alliances.data.schemas import SCHEMAS, Schema, between, matches, one_of

__all__ = [
    "DATA_DIR",
    "ENV_VAR",
    "SCHEMAS",
    "DataSchemaError",
    "Schema",
    "available",
    "between",
    "describe",
    "load",
    "matches",
    "one_of",
]

#: The repository's ``data/`` folder (``lib/alliances/data/__init__.py`` -> ``data/``).
DATA_DIR: Final[Path] = Path(__file__).resolve().parents[3] / "data"

#: Environment variable that, when set, replaces :data:`DATA_DIR`.
ENV_VAR: Final[str] = "ALLIANCES_DATA_DIR"


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
    InputError
        (a ``ValueError`` and a ``TypeError``) if ``name`` is not a str or not a known
        data set.

    Examples
    --------
    >>> text = describe("sipri_milex_nato_members_1949_2024.csv")
    >>> text.startswith("sipri_milex_nato_members_1949_2024.csv: SIPRI Military")
    True
    >>> "Blank cells are allowed in milex_usd_m_constant_2023, milex_pct_gdp." in text
    True
    """
    schema = _schema_for(name)
    cols = ", ".join(f"{n} ({text})" for n, text in schema.expectations.items())
    blanks = (_("Blank cells are allowed in {columns}.").format(
        columns=", ".join(schema.nullable)) if schema.nullable else _("No cell may be blank."))
    return " ".join([f"{schema.filename}: {schema.description}",
                     _("Columns: {columns}.").format(columns=cols),
                     _("Each row is identified by ({key}).").format(key=", ".join(schema.key)),
                     blanks, _("Full provenance: data/SOURCES.md.")])


def load(name: str, data_dir: str | os.PathLike[str] | None = None, *,
         schema: Schema | None = None) -> pd.DataFrame:
    """Read a data file, check it against its schema and return typed columns.

    Parameters
    ----------
    name : str
        A name from :func:`available`, with or without ``.csv``.
    data_dir : str or path-like, optional
        Folder to read from. Defaults to ``$ALLIANCES_DATA_DIR`` if that is set, else
        :data:`DATA_DIR`.
    schema : Schema, optional
        The file's schema, for a file that :data:`SCHEMAS` does not list: a case study may
        declare the schema of its own data file in its module (CONTRIBUTING.md, "A new
        case study"). ``name`` must then be the schema's file name, with or without ``.csv``.

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
    InputError
        (a ``ValueError`` and a ``TypeError``) if ``name`` is not a str or not a known
        data set, or ``data_dir`` is not a path.
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
    alliances.InputError: name: unknown data set 'nato_spending'. Available: ...
    """
    schema = _schema_for(name) if schema is None else _given_schema(name, schema)
    folder = _resolve_dir(data_dir)
    path = folder / schema.filename
    if not path.is_file():
        raise FileNotFoundError(
            _("{filename} not found in {folder} (the data folder comes from the "
              "data_dir argument, else ${env_var}, else {data_dir})").format(
              filename=schema.filename, folder=folder, env_var=ENV_VAR, data_dir=DATA_DIR)
        )
    return read_checked(path, schema)


def _schema_for(name: object) -> Schema:
    if not isinstance(name, str):
        raise InputError(
            _("name must be a str such as 'nato_defence_pct_gdp_2014_2024'; got {kind} "
              "{name}").format(kind=type(name).__name__, name=repr(name))
        )
    stem = name.removesuffix(".csv")
    if stem in SCHEMAS:
        return SCHEMAS[stem]
    close = difflib.get_close_matches(stem, list(SCHEMAS), n=1)
    hint = _(" Did you mean {name}?").format(name=repr(close[0])) if close else ""
    raise InputError(
        _("name: unknown data set {name}. Available: {available}.{hint}").format(
          name=repr(name), available=', '.join(available()), hint=hint)
    )


def _given_schema(name: object, schema: object) -> Schema:
    if not isinstance(schema, Schema):
        raise InputError(_("schema must be a Schema or None; got {kind} {schema}").format(
                           kind=type(schema).__name__, schema=repr(schema)))
    if not isinstance(name, str) or name.removesuffix(".csv") != schema.stem:
        raise InputError(_("name must be the schema's file, {stem}; got {name}").format(
                           stem=repr(schema.stem), name=repr(name)))
    return schema


def _resolve_dir(data_dir: object) -> Path:
    if data_dir is None:
        env = os.environ.get(ENV_VAR)
        return Path(env) if env else DATA_DIR
    if not isinstance(data_dir, (str, os.PathLike)):
        raise InputError(
            _("data_dir must be a str, a path or None; got {kind} {data_dir}").format(
              kind=type(data_dir).__name__, data_dir=repr(data_dir))
        )
    return Path(data_dir)
