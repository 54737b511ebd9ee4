"""Read one CSV file of ``data/`` and check it against its :class:`~alliances.data.schemas.Schema`.

The ``csv`` module parses the file (``pandas.read_csv`` quietly pads short rows, skips
blank lines and may turn the first column into an index when a row is too long; here
each of those is an error). Each column is then converted to its type with pandas and
checked against its rule; every problem is collected and raised at once in a
:class:`DataSchemaError` that names the file, the column, what was expected and the
first offending rows.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from alliances.data.schemas import Schema, is_date
from alliances.i18n import _

__all__ = ["DataSchemaError", "read_checked"]

_MAX_SHOWN: Final[int] = 3
_BOOLS: Final[dict[str, bool]] = {"True": True, "true": True, "False": False, "false": False}

#: A problem found in one column: the offending cells and how to name them.
_Finding = tuple[pd.Series, str]


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
    >>> from alliances.data import DATA_DIR, load
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
            f"{filename} does not match its schema ({n} problem{_s(n)}):\n{lines}"
        )


def read_checked(path: Path, schema: Schema) -> pd.DataFrame:
    """Read the CSV at ``path``, check it against ``schema`` and return typed columns.

    Parameters
    ----------
    path : pathlib.Path
        The file to read (its name is taken from ``schema``).
    schema : Schema
        The entry of :data:`~alliances.data.schemas.SCHEMAS` the file must match.

    Returns
    -------
    pandas.DataFrame
        The columns in schema order: ``int`` as ``int64`` (``Int64`` where blanks are
        allowed), ``float`` as ``float64`` (NaN for blanks), ``bool`` as ``bool``, text and
        dates as pandas strings (NaN for blanks).

    Raises
    ------
    DataSchemaError
        Listing every problem, each with up to three offending rows.
    TypeError
        If ``path`` is not a path or ``schema`` not a :class:`Schema`.
    FileNotFoundError
        If there is no file at ``path``.

    Examples
    --------
    >>> from alliances.data import DATA_DIR
    >>> from alliances.data.schemas import SCHEMAS
    >>> schema = SCHEMAS["nato_accession_dates"]
    >>> len(read_checked(DATA_DIR / schema.filename, schema))
    32
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(_("path must be a str or a path; got {kind} {path}").format(
                          kind=type(path).__name__, path=format(repr(path), ".60")))
    if not isinstance(schema, Schema):
        raise TypeError(_("schema must be a Schema; got {kind} {schema}").format(
                          kind=type(schema).__name__, schema=format(repr(schema), ".60")))
    if not Path(path).is_file():
        raise FileNotFoundError(_("path: no file {path}").format(path=repr(str(path))))
    raw, lines = _read_table(Path(path), schema.filename)
    problems = _header_problems(schema, list(raw.columns))
    converted: dict[str, pd.Series] = {}
    for name in schema.names:
        if name in raw.columns:
            series, found = _convert(schema, name, raw[name], lines)
            problems += found
            if not found:
                converted[name] = series
    if all(k in converted for k in schema.key):
        problems += _key_problems(schema.key, pd.DataFrame({k: converted[k] for k in schema.key}),
                                  lines)
    if problems:
        raise DataSchemaError(schema.filename, problems)
    return pd.DataFrame({c: converted[c] for c in schema.names})


# --------------------------------------------------------------------------------------
# Reading the text
# --------------------------------------------------------------------------------------


def _read_rows(path: Path, filename: str) -> tuple[list[list[str]], list[int]]:
    """Every row of the file and the line on which each starts."""
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
    return rows, starts


def _read_table(path: Path, filename: str) -> tuple[pd.DataFrame, list[int]]:
    """The file as text cells, and the file line on which each data row starts."""
    rows, starts = _read_rows(path, filename)
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


def _header_problems(schema: Schema, header: list[str]) -> list[str]:
    missing = [c for c in schema.names if c not in header]
    unexpected = [c for c in header if c not in schema.names]
    problems = []
    if missing:
        problems.append(f"missing column{_s(missing)} {_names(missing)}")
    if unexpected:
        problems.append(f"unexpected column{_s(unexpected)} {_names(unexpected)}"
                        f" (expected exactly: {', '.join(schema.names)})")
    return problems


# --------------------------------------------------------------------------------------
# Converting and checking one column
# --------------------------------------------------------------------------------------


def _as_text(raw: pd.Series, filled: pd.Series) -> tuple[pd.Series, list[_Finding]]:
    return raw, []


def _as_date(raw: pd.Series, filled: pd.Series) -> tuple[pd.Series, list[_Finding]]:
    return raw, [(filled & ~raw.map(is_date).astype(bool), "invalid date{s}")]


def _as_bool(raw: pd.Series, filled: pd.Series) -> tuple[pd.Series, list[_Finding]]:
    return raw.map(_BOOLS), [(filled & ~raw.isin(list(_BOOLS)), "non-boolean value{s}")]


def _as_float(raw: pd.Series, filled: pd.Series) -> tuple[pd.Series, list[_Finding]]:
    num = pd.to_numeric(raw.where(filled).astype(object), errors="coerce").astype(float)
    infinite = filled & pd.Series(np.isinf(num.to_numpy()), index=raw.index)
    return num, [(filled & num.isna(), "non-numeric value{s}"), (infinite, "infinite value{s}")]


def _as_int(raw: pd.Series, filled: pd.Series) -> tuple[pd.Series, list[_Finding]]:
    num, found = _as_float(raw, filled)
    whole = num.isna() | np.isinf(num) | (num == num.round())
    return num, [*found, (filled & ~whole, "non-whole value{s}")]


_CONVERTERS = {"str": _as_text, "date": _as_date, "bool": _as_bool, "float": _as_float,
               "int": _as_int}
_FINAL_DTYPES = {("int", False): "int64", ("int", True): "Int64", ("bool", False): bool,
                 ("bool", True): "boolean"}


def _convert(schema: Schema, name: str, raw: pd.Series,
             lines: list[int]) -> tuple[pd.Series, list[str]]:
    """Convert one column of text to its type and list the rules it breaks."""
    raw = raw.reset_index(drop=True)
    dtype, nullable = schema.dtypes[name], name in schema.nullable
    filled = raw.str.strip() != ""
    values, findings = _CONVERTERS[dtype](raw, filled)
    valid = filled.copy()
    for mask, _finding in findings:
        valid &= ~mask
    rule = schema.rules.get(name)
    if rule is not None:
        findings.append((valid & ~rule.ok(values), rule.what))
    if not nullable:
        findings.insert(0, (~filled, "blank cell{s}"))
    expect = schema.expectations[name]
    problems = [_found(name, expect, mask, raw, lines, what)
                for mask, what in findings if mask.any()]
    if problems:
        return values, problems
    if dtype in ("str", "date"):
        return raw.where(filled), problems
    final = _FINAL_DTYPES.get((dtype, nullable))
    return (values if final is None else values.astype(final)), problems


def _key_problems(key: tuple[str, ...], frame: pd.DataFrame, lines: list[int]) -> list[str]:
    """One problem line if any combination of key values appears more than once."""
    dup = frame.duplicated(subset=list(key), keep=False)
    if not dup.any():
        return []
    idx = np.flatnonzero(dup.to_numpy())
    shown = [
        f"row {i} (line {lines[i]}): {tuple(_py(frame[k].iloc[i]) for k in key)!r}"
        for i in idx[:_MAX_SHOWN]
    ]
    return [(f"column{_s(list(key))} {_names(list(key))}: expected each key to appear once; "
             f"found {len(idx)} rows sharing a key: {_join(shown, len(idx))}")]


# --------------------------------------------------------------------------------------
# Wording
# --------------------------------------------------------------------------------------


def _found(name: str, expect: str, mask: pd.Series, raw: pd.Series, lines: list[int],
           what: str) -> str:
    """One problem line: the column, the rule, and up to three offending cells."""
    idx = np.flatnonzero(mask.to_numpy())
    shown = [f"row {i} (line {lines[i]}): {raw.iloc[i]!r}" for i in idx[:_MAX_SHOWN]]
    return (f"column {name!r}: expected {expect}; found {len(idx)} "
            f"{what.format(s=_s(len(idx)))}: {_join(shown, len(idx))}")


def _s(items: int | list) -> str:
    """Plural ending for a count or a list."""
    n = items if isinstance(items, int) else len(items)
    return "" if n == 1 else "s"


def _names(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names)


def _join(shown: list[str], total: int) -> str:
    more = f", and {total - len(shown)} more" if total > len(shown) else ""
    return ", ".join(shown) + more


def _py(value: object) -> object:
    """A numpy scalar as the plain Python value, for readable messages."""
    return value.item() if isinstance(value, np.generic) else value
