"""Tests for ``alliances.data``: the data files, their schemas and the loader's errors.

Expected values come from ``data/SOURCES.md`` (quoted next to each one), never from the
code under test. Damaged files are written to ``tmp_path`` with the ``csv`` module, and a
control test checks that an undamaged rewrite still loads, so each damage test fails only
because of its damage.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliances import InputError
from alliances.data import (
    DATA_DIR,
    ENV_VAR,
    SCHEMAS,
    DataSchemaError,
    Schema,
    available,
    describe,
    load,
)

AT_LEAST_0 = SCHEMAS["isaf_troop_contributions"].rules["troops"]          # int >= 0
COUNTRY_OR_AGGREGATE = SCHEMAS["nato_defence_pct_gdp_2014_2024"].rules["entity_type"]

REPO = Path(__file__).resolve().parents[1]
REPO_DATA = REPO / "data"
# SHA-256 of every data file as copied from the project's sourced data set, in the
# format of ``sha256sum`` (so ``cd data && sha256sum -c CHECKSUMS.sha256`` checks by hand).
CHECKSUMS = REPO_DATA / "CHECKSUMS.sha256"
SOURCES_TEXT = (REPO_DATA / "SOURCES.md").read_text(encoding="utf-8")

# (file stem, expected rows, the phrase of data/SOURCES.md that states the count)
ROW_COUNTS = [
    # SOURCES.md: "## 1. `nato_defence_pct_gdp_2014_2024.csv` (363 rows)"
    ("nato_defence_pct_gdp_2014_2024", 363,
     "`nato_defence_pct_gdp_2014_2024.csv` (363 rows)"),
    # SOURCES.md: "## 2. `nato_defence_pct_gdp_2025e_reported.csv` (20 rows)"
    ("nato_defence_pct_gdp_2025e_reported", 20,
     "`nato_defence_pct_gdp_2025e_reported.csv` (20 rows)"),
    # SOURCES.md: "## 3. `nato_defence_expenditure_2012_2019.csv` (232 rows = 29 Allies × 8 years)"
    ("nato_defence_expenditure_2012_2019", 232,
     "`nato_defence_expenditure_2012_2019.csv` (232 rows"),
    # SOURCES.md: "## 4. `sipri_milex_nato_members_1949_2024.csv` (1,774 rows)"
    ("sipri_milex_nato_members_1949_2024", 1774,
     "`sipri_milex_nato_members_1949_2024.csv` (1,774 rows)"),
    # SOURCES.md: "## 5. `isaf_troop_contributions.csv` (103 rows; three dated snapshots)"
    ("isaf_troop_contributions", 103,
     "`isaf_troop_contributions.csv` (103 rows"),
    # SOURCES.md: "## 6. `coalition_fatalities_afghanistan.csv` (57 rows)"
    ("coalition_fatalities_afghanistan", 57,
     "`coalition_fatalities_afghanistan.csv` (57 rows)"),
    # SOURCES.md, table in section 7: "| `kiel_ukraine_aid_by_donor.csv` | 168 |"
    ("kiel_ukraine_aid_by_donor", 168,
     "| `kiel_ukraine_aid_by_donor.csv` | 168 |"),
    # SOURCES.md, table in section 7: "| `kiel_ukraine_aid_monthly_by_donor.csv` | 3,237 |"
    ("kiel_ukraine_aid_monthly_by_donor", 3237,
     "| `kiel_ukraine_aid_monthly_by_donor.csv` | 3,237 |"),
    # SOURCES.md, table in section 7: "| `kiel_ukraine_heavy_weapons_by_donor.csv` | 61 |"
    ("kiel_ukraine_heavy_weapons_by_donor", 61,
     "| `kiel_ukraine_heavy_weapons_by_donor.csv` | 61 |"),
    # SOURCES.md: "## 8. `case_study_timeline.csv` (47 rows)"
    ("case_study_timeline", 47,
     "`case_study_timeline.csv` (47 rows)"),
    # SOURCES.md: "## 9. `sipri_milex_non_nato_1949_2024.csv` (1,094 rows)"
    ("sipri_milex_non_nato_1949_2024", 1094,
     "`sipri_milex_non_nato_1949_2024.csv` (1,094 rows)"),
    # SOURCES.md: "## 10. `nato_accession_dates.csv` (32 rows)"
    ("nato_accession_dates", 32, "`nato_accession_dates.csv` (32 rows)"),
    # SOURCES.md: "## 11. `nato_russia_timeline.csv` (19 rows)"
    ("nato_russia_timeline", 19, "`nato_russia_timeline.csv` (19 rows)"),
    # SOURCES.md: "## 12. `southeast_asia_alignment_timeline.csv` (16 rows)"
    ("southeast_asia_alignment_timeline", 16,
     "`southeast_asia_alignment_timeline.csv` (16 rows)"),
]
STEMS = [stem for stem, _, _ in ROW_COUNTS]

# The pandas dtype each schema dtype should load as: (not nullable, nullable).
LOADED_DTYPES = {
    "int": ("int64", "Int64"),
    "float": ("float64", "float64"),
    "bool": ("bool", "boolean"),
    "str": ("str", "str"),
    "date": ("str", "str"),
}


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and data rows of a CSV, read independently of the loader."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


# --------------------------------------------------------------------------------------
# The files themselves
# --------------------------------------------------------------------------------------


def test_every_csv_has_a_schema_and_every_schema_a_csv() -> None:
    on_disk = sorted(p.stem for p in REPO_DATA.glob("*.csv"))
    assert on_disk == sorted(STEMS), "data/ holds a CSV this test file does not know"
    assert available() == sorted(STEMS)


@pytest.mark.parametrize(("stem", "rows", "quote"), ROW_COUNTS, ids=STEMS)
def test_row_count_matches_sources_md(stem: str, rows: int, quote: str) -> None:
    assert quote in SOURCES_TEXT, f"SOURCES.md no longer says {quote!r}; update this test"
    assert len(load(stem)) == rows


@pytest.mark.parametrize("stem", STEMS)
def test_loaded_columns_and_dtypes_follow_the_file_and_schema(stem: str) -> None:
    schema = SCHEMAS[stem]
    header, body = read_rows(REPO_DATA / schema.filename)
    df = load(stem)
    assert list(df.columns) == header, "columns should come back in file order"
    assert isinstance(df.index, pd.RangeIndex) and len(df) == len(body)
    for name, dtype in schema.dtypes.items():
        expected = LOADED_DTYPES[dtype][name in schema.nullable]
        assert str(df[name].dtype) == expected, name


@pytest.mark.parametrize("stem", STEMS)
def test_loaded_values_equal_the_text_of_the_file(stem: str) -> None:
    """Conversion changes the type, never the value: compare with the raw cells."""
    schema = SCHEMAS[stem]
    header, body = read_rows(REPO_DATA / schema.filename)
    df = load(stem)
    for name, dtype in schema.dtypes.items():
        cells = [row[header.index(name)] for row in body]
        got = df[name].tolist()
        for i, (cell, value) in enumerate(zip(cells, got)):
            if cell == "":
                assert pd.isna(value), (name, i)
            elif dtype in ("int", "float"):
                assert value == float(cell), (name, i, cell, value)
            elif dtype == "bool":
                assert value is (cell.lower() == "true"), (name, i, cell)
            else:
                assert value == cell, (name, i)


def test_nullable_columns_hold_the_blanks_sources_md_describes() -> None:
    # SOURCES.md §3: "Iceland rows are empty because it has no armed forces."
    nato19 = load("nato_defence_expenditure_2012_2019")
    blank = nato19[nato19["defence_exp_usd_current"].isna()]
    assert sorted(set(blank["country"])) == ["Iceland"] and len(blank) == 8
    assert nato19["military_personnel_count"].isna().sum() == 8
    # SOURCES.md §1: aggregates "NATO Europe and Canada", "NATO Total" have no ISO3 code.
    nato24 = load("nato_defence_pct_gdp_2014_2024")
    no_iso = nato24[nato24["iso3"].isna()]
    assert set(no_iso["country"]) == {"NATO Europe and Canada", "NATO Total"}
    assert set(no_iso["entity_type"]) == {"aggregate"}
    # The brief for the loader: sipri milex_usd_m_constant_2023 has blanks.
    sipri = load("sipri_milex_nato_members_1949_2024")
    assert sipri["milex_usd_m_constant_2023"].isna().any()
    assert sipri["milex_pct_gdp"].isna().any()


def test_nato_2014_2024_figures_quoted_in_sources_md() -> None:
    df = load("nato_defence_pct_gdp_2014_2024")
    value = df.set_index(["country", "year"])["defence_pct_gdp"]
    countries = df[df["entity_type"] == "country"]
    # "for 31 Allies and two NATO aggregates ... 2014–2024"
    assert countries["country"].nunique() == 31
    assert sorted(df["year"].unique().tolist()) == list(range(2014, 2025))
    # "The 2024 figures are NATO estimates (`is_estimate = true`)"
    assert df["is_estimate"].equals(df["year"] == 2024)
    # "The aggregate 'NATO Europe and Canada' is 1.40 % (2014) and 1.99 % (2024)"
    assert round(value["NATO Europe and Canada", 2014], 2) == 1.40
    assert round(value["NATO Europe and Canada", 2024], 2) == 1.99
    # "Allies at or above 2 % in 2014 ... Greece, the UK and the US, which is 3"
    y2014 = countries[(countries["year"] == 2014) & (countries["defence_pct_gdp"] >= 2)]
    assert sorted(y2014["country"]) == ["Greece", "United Kingdom", "United States"]
    # "This file gives 18 at ≥ 2.00" (2024)
    assert int((countries[countries["year"] == 2024]["defence_pct_gdp"] >= 2).sum()) == 18
    # "revised figures of the 2025 release, for example Poland 3.79, Spain 1.43"
    assert round(value["Poland", 2024], 2) == 3.79
    assert round(value["Spain", 2024], 2) == 1.43
    # "Albania 2023 = 1.75 and 2024 = 1.7"
    assert value["Albania", 2023] == 1.75 and value["Albania", 2024] == 1.7


def test_nato_2025e_figures_quoted_in_sources_md() -> None:
    df = load("nato_defence_pct_gdp_2025e_reported").set_index("country")
    # "Germany: NATO published **no** 2025 estimate"
    assert "Germany" not in df.index
    # "France 2.05 ... Albania 2.01; ... NATO Europe and Canada 2.27 and NATO Total 2.76"
    expected = {
        "France": 2.05, "Albania": 2.01, "NATO Europe and Canada": 2.27, "NATO Total": 2.76
    }
    for country, pct in expected.items():
        assert df.loc[country, "defence_pct_gdp"] == pct
        # "three single-source rows marked `confidence = low` or `low-medium`"
        assert df.loc[country, "confidence"] in ("low", "low-medium")
        assert df.loc[country, "n_independent_sources"] == 1
    # "only values from **two or more independent sources**" otherwise
    others = df.drop(index=list(expected))
    assert (others["n_independent_sources"] >= 2).all()


def test_nato_2012_2019_shape_and_estimates() -> None:
    df = load("nato_defence_expenditure_2012_2019")
    # "(232 rows = 29 Allies × 8 years)"
    assert df["iso3"].nunique() == 29 and df["year"].nunique() == 8
    # "2018–2019 are estimates."
    assert df["is_estimate"].equals(df["year"] >= 2018)


def test_sipri_spot_values_quoted_in_sources_md() -> None:
    df = load("sipri_milex_nato_members_1949_2024").set_index(["country", "year"])
    # "Poland 2024 = 4.15 %, US 2024 = 3.42 %, Germany 2024 = 1.89 %"
    assert df.loc[("Poland", 2024), "milex_pct_gdp"] == 4.15
    assert df.loc[("United States of America", 2024), "milex_pct_gdp"] == 3.42
    assert df.loc[("Germany", 2024), "milex_pct_gdp"] == 1.89
    # "for the 32 current NATO members (Iceland has no SIPRI data)"
    countries = df.index.get_level_values("country")
    assert countries.nunique() == 31 and "Iceland" not in countries


def test_non_nato_sipri_spot_values_and_russia_years() -> None:
    df = load("sipri_milex_non_nato_1949_2024")
    indexed = df.set_index(["country", "year"])
    # SOURCES.md §9: "Russia 2024 = 7.05 % of GDP, 150,534 m constant 2023 US$"
    assert indexed.loc[("Russia", 2024), "milex_pct_gdp"] == 7.05
    assert indexed.loc[("Russia", 2024), "milex_usd_m_constant_2023"] == 150534
    # "Russia (1992–2024), USSR (constant US$ only 1988–1990)": two series, never spliced
    russia = df[df["country"] == "Russia"]["year"]
    ussr = df[df["country"] == "USSR"]
    assert russia.min() == 1992 and russia.max() == 2024 and russia.is_unique
    assert sorted(ussr["year"]) == [1988, 1989, 1990]
    assert ussr["milex_pct_gdp"].isna().all()


def test_accession_dates_cover_the_32_members() -> None:
    df = load("nato_accession_dates")
    # SOURCES.md §10: "the date each of the 32 members joined NATO and its enlargement round"
    assert df["country"].nunique() == 32
    assert (df["enlargement_round"] == "founding").sum() == 12
    later = df[df["enlargement_round"] != "founding"]
    assert (later["accession_date"].str[:4] == later["enlargement_round"]).all()


def test_nato_russia_timeline_dates_are_consistent() -> None:
    df = load("nato_russia_timeline")
    length = {"day": 10, "month": 7, "year": 4}
    for col in ("date_start", "date_end"):
        assert (df[col].str.len() == df["date_precision"].map(length)).all(), col
    assert (df["date_start"] <= df["date_end"]).all()
    assert df["date_start"].is_monotonic_increasing


def test_southeast_asia_timeline_dates_are_consistent() -> None:
    df = load("southeast_asia_alignment_timeline")
    length = {"day": 10, "month": 7, "year": 4}
    for col in ("date_start", "date_end"):
        assert (df[col].str.len() == df["date_precision"].map(length)).all(), col
    assert (df["date_start"] <= df["date_end"]).all()
    assert df["date_start"].is_monotonic_increasing
    # SOURCES.md §12: SEATO's treaty signed 8 Sep 1954, SEATO dissolved 30 Jun 1977.
    seato = df[df["event"].str.contains("SEATO")]["date_start"].tolist()
    assert seato == ["1954-09-08", "1977-06-30"]


def test_isaf_snapshots_reconcile_with_sources_md() -> None:
    df = load("isaf_troop_contributions")
    by_date = df.groupby("as_of")["troops"]
    # Table in §5: 14 countries + "Other countries (combined)"; 42 countries; 46 countries
    assert by_date.size().to_dict() == {"2008-06-03": 15, "2009-10-01": 42, "2010-11": 46}
    # "the rows sum to 52,908"; "the rows sum to 67,694"; "the rows sum to 130,930"
    assert by_date.sum().to_dict() == {
        "2008-06-03": 52908, "2009-10-01": 67694, "2010-11": 130930
    }


def test_fatalities_reconcile_with_sources_md() -> None:
    df = load("coalition_fatalities_afghanistan")
    totals = df.groupby("as_of")["fatalities"].sum()
    # "Final 2001–2021 totals by country (32 rows) ... The rows sum to 3,621."
    assert (df["as_of"] == "2001-2021 final").sum() == 32
    assert totals["2001-2021 final"] == 3621
    # "Reuters factbox of 18 May 2009 (total 1,152 ...)"; "20 May 2012 (total 3,007 ...)"
    assert totals["2009-05-18"] == 1152 and totals["2012-05-20"] == 3007
    # "AFP factbox, November 2010 (partial: US, UK, Canada, France ...)"
    partial = df[df["as_of"] == "2010-11"]["country"]
    assert sorted(partial) == ["Canada", "France", "United Kingdom", "United States"]


def test_kiel_totals_reconcile_with_sources_md() -> None:
    by_donor = load("kiel_ukraine_aid_by_donor")
    monthly = load("kiel_ukraine_aid_monthly_by_donor")
    # "total 358.40, military 172.99, financial 159.68, humanitarian 25.72 € bn"
    sums = by_donor.groupby("aid_type")["eur_bn"].sum().round(2).to_dict()
    assert sums == {
        "total": 358.40, "military": 172.99, "financial": 159.68, "humanitarian": 25.72
    }
    # "42 donors × {military, financial, humanitarian, total}"
    assert by_donor["donor"].nunique() == 42
    # "The donor totals are plain sums of the monthly rows."
    parts = by_donor[by_donor["aid_type"] != "total"].set_index(["donor", "aid_type"])["eur_bn"]
    from_months = monthly.groupby(["donor", "aid_type"])["eur_bn"].sum().reindex(parts.index)
    np.testing.assert_allclose(from_months.to_numpy(), parts.to_numpy(), atol=1e-9)
    # "NATO itself does not appear as a donor."
    assert not by_donor["donor"].str.contains("NATO").any()


def test_timeline_dates_are_consistent() -> None:
    df = load("case_study_timeline")
    # "`date_precision` is `day`, `month` or `year`": the date text has that precision.
    length = {"day": 10, "month": 7, "year": 4}
    for col in ("date_start", "date_end"):
        assert (df[col].str.len() == df["date_precision"].map(length)).all(), col
    assert (df["date_start"] <= df["date_end"]).all()


def test_every_source_id_is_listed_in_sources_md() -> None:
    listed = set(re.findall(r"^- ([A-Z0-9_]+):", SOURCES_TEXT, flags=re.MULTILINE))
    for stem in STEMS:
        df = load(stem)
        column = "source_id" if "source_id" in df.columns else "source_ids"
        used = {i for cell in df[column] for i in cell.split(";")}
        assert used <= listed, f"{stem}: {sorted(used - listed)} not in the source list"


# --------------------------------------------------------------------------------------
# The copies in data/ and their provenance file
# --------------------------------------------------------------------------------------

def read_checksums(path: Path = CHECKSUMS) -> dict[str, str]:
    """File name -> recorded SHA-256, from a ``sha256sum`` listing (``HASH  NAME``)."""
    recorded: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = re.fullmatch(r"([0-9a-f]{64}) [ *]([^/\\]+)", line)
        assert m, f"{path.name}, line {number}: {line!r} is not 'SHA256  file name'"
        assert m[2] not in recorded, f"{path.name} lists {m[2]} twice"
        recorded[m[2]] = m[1]
    return recorded


def mismatches(folder: Path, recorded: dict[str, str]) -> dict[str, str]:
    """The files of ``folder`` whose SHA-256 is not the recorded one, and why."""
    wrong = {}
    for name, expected in recorded.items():
        path = folder / name
        if not path.is_file():
            wrong[name] = "missing"
        elif (got := hashlib.sha256(path.read_bytes()).hexdigest()) != expected:
            wrong[name] = f"SHA-256 {got}, recorded {expected}"
    return wrong


def test_every_data_file_has_a_recorded_checksum() -> None:
    recorded = read_checksums()
    assert sorted(recorded) == sorted(p.name for p in REPO_DATA.glob("*.csv")), (
        "data/CHECKSUMS.sha256 must list exactly the CSV files of data/"
    )


def test_data_files_have_their_recorded_checksums() -> None:
    """The copies in data/ are byte for byte the sourced files: a changed number, a
    re-saved file (other line endings, quoting, encoding) fails here."""
    wrong = mismatches(REPO_DATA, read_checksums())
    assert not wrong, (
        f"data files differ from their recorded checksums: {wrong}. A deliberate change "
        "of a data file needs its source in SOURCES.md and a new line in CHECKSUMS.sha256"
    )


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text.replace("\n", "\r\n"),  # saved with Windows line endings
        lambda text: text[:-2] + ("0" if text[-2] != "0" else "1") + text[-1],  # one digit
        lambda text: text + "\n",  # an extra blank line
    ],
    ids=["line-endings", "one-character", "trailing-line"],
)
def test_checksum_check_catches_a_damaged_copy(tmp_path: Path, damage) -> None:
    """The check above can fail: damage one copy in tmp_path and it is named."""
    recorded = read_checksums()
    for name in recorded:
        shutil.copyfile(REPO_DATA / name, tmp_path / name)
    assert mismatches(tmp_path, recorded) == {}
    name = "isaf_troop_contributions.csv"
    path = tmp_path / name
    path.write_bytes(damage(path.read_text(encoding="utf-8")).encode("utf-8"))
    assert list(mismatches(tmp_path, recorded)) == [name]
    path.unlink()
    assert mismatches(tmp_path, recorded) == {name: "missing"}


def test_sources_md_covers_every_file() -> None:
    for path in REPO_DATA.glob("*.csv"):
        assert f"`{path.name}`" in SOURCES_TEXT, path.name


# --------------------------------------------------------------------------------------
# Damaged files
# --------------------------------------------------------------------------------------

Rows = list[list[str]]


@pytest.fixture
def damaged(tmp_path: Path) -> Callable[[str, Callable[[list[str], Rows], None]], Path]:
    """Write a copy of one data file to tmp_path after applying ``damage(header, rows)``."""

    def write(stem: str, damage: Callable[[list[str], Rows], None]) -> Path:
        filename = SCHEMAS[stem].filename
        header, rows = read_rows(REPO_DATA / filename)
        damage(header, rows)
        with (tmp_path / filename).open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, lineterminator="\n").writerows([header, *rows])
        return tmp_path

    return write


def set_cell(column: str, row: int, value: str) -> Callable[[list[str], Rows], None]:
    def damage(header: list[str], rows: Rows) -> None:
        rows[row][header.index(column)] = value

    return damage


def drop_column(column: str) -> Callable[[list[str], Rows], None]:
    def damage(header: list[str], rows: Rows) -> None:
        j = header.index(column)
        del header[j]
        for r in rows:
            del r[j]

    return damage


def add_column(column: str) -> Callable[[list[str], Rows], None]:
    def damage(header: list[str], rows: Rows) -> None:
        header.append(column)
        for r in rows:
            r.append("x")

    return damage


def duplicate_row(row: int) -> Callable[[list[str], Rows], None]:
    def damage(header: list[str], rows: Rows) -> None:
        rows.append(list(rows[row]))

    return damage


def no_damage(header: list[str], rows: Rows) -> None:
    """Leave the file as it is."""


@pytest.mark.parametrize("stem", STEMS)
def test_control_an_undamaged_rewrite_loads(stem: str, damaged) -> None:
    folder = damaged(stem, no_damage)
    pd.testing.assert_frame_equal(load(stem, data_dir=folder), load(stem))


# (id, file stem, damage, fragments the message must contain)
DAMAGE_CASES = [
    ("missing column", "nato_defence_pct_gdp_2014_2024", drop_column("is_estimate"),
     ["missing column 'is_estimate'"]),
    ("extra column", "sipri_milex_nato_members_1949_2024", add_column("notes"),
     ["unexpected column 'notes'"]),
    ("text in a float column", "sipri_milex_nato_members_1949_2024",
     set_cell("milex_pct_gdp", 4, "n/a"), ["'milex_pct_gdp'", "'n/a'", "row 4 (line 6)"]),
    ("text in an int column", "isaf_troop_contributions", set_cell("troops", 0, "many"),
     ["'troops'", "'many'", "row 0 (line 2)"]),
    ("fraction in an int column", "kiel_ukraine_aid_monthly_by_donor",
     set_cell("month", 7, "3.5"), ["'month'", "'3.5'", "row 7 (line 9)"]),
    ("percentage above 100", "nato_defence_pct_gdp_2014_2024",
     set_cell("defence_pct_gdp", 5, "101.5"), ["'defence_pct_gdp'", "[0, 100]", "'101.5'"]),
    ("negative percentage", "nato_defence_expenditure_2012_2019",
     set_cell("equipment_pct_of_defence_exp", 3, "-0.5"),
     ["'equipment_pct_of_defence_exp'", "'-0.5'"]),
    ("negative count", "coalition_fatalities_afghanistan", set_cell("fatalities", 2, "-3"),
     ["'fatalities'", ">= 0", "'-3'"]),
    ("negative euros", "kiel_ukraine_aid_by_donor", set_cell("eur_bn", 1, "-0.2"),
     ["'eur_bn'", "'-0.2'"]),
    ("year outside the file's range", "nato_defence_pct_gdp_2025e_reported",
     set_cell("year", 0, "2024"), ["'year'", "[2025, 2025]", "'2024'"]),
    ("infinite value", "sipri_milex_nato_members_1949_2024",
     set_cell("milex_usd_m_constant_2023", 50, "inf"), ["'milex_usd_m_constant_2023'", "'inf'"]),
    ("blank where not nullable", "kiel_ukraine_aid_by_donor", set_cell("eur_bn", 3, ""),
     ["'eur_bn'", "blank", "row 3 (line 5)"]),
    ("blank text where not nullable", "case_study_timeline", set_cell("event", 0, "  "),
     ["'event'", "blank"]),
    ("duplicate key", "kiel_ukraine_aid_by_donor", duplicate_row(10),
     ["'donor', 'aid_type'", "row 10 (line 12)", "row 168 (line 170)"]),
    ("unknown aid_type", "kiel_ukraine_aid_monthly_by_donor", set_cell("aid_type", 0, "loans"),
     ["'aid_type'", "'loans'", "'military'"]),
    ("unknown entity_type", "nato_defence_pct_gdp_2014_2024",
     set_cell("entity_type", 0, "Country"), ["'entity_type'", "'Country'"]),
    ("unknown actor_level", "case_study_timeline", set_cell("actor_level", 3, "eu"),
     ["'actor_level'", "'eu'"]),
    ("case_study not a slug", "case_study_timeline", set_cell("case_study", 3, "Kosovo 1999"),
     ["'case_study'", "'Kosovo 1999'"]),
    ("unknown date_precision", "case_study_timeline", set_cell("date_precision", 0, "week"),
     ["'date_precision'", "'week'"]),
    ("unknown confidence", "nato_defence_pct_gdp_2025e_reported",
     set_cell("confidence", 0, "certain"), ["'confidence'", "'certain'"]),
    ("unknown source_id", "nato_defence_pct_gdp_2014_2024",
     set_cell("source_id", 0, "NATO_DEFEXP_2024"), ["'source_id'", "'NATO_DEFEXP_2024'"]),
    ("bad boolean", "isaf_troop_contributions", set_cell("is_aggregate", 1, "yes"),
     ["'is_aggregate'", "'yes'"]),
    ("impossible date", "case_study_timeline", set_cell("date_start", 0, "2001-02-30"),
     ["'date_start'", "'2001-02-30'"]),
    ("malformed ISO3", "nato_defence_expenditure_2012_2019", set_cell("iso3", 0, "Alb"),
     ["'iso3'", "'Alb'"]),
]


@pytest.mark.parametrize(
    ("stem", "damage", "fragments"),
    [case[1:] for case in DAMAGE_CASES],
    ids=[case[0] for case in DAMAGE_CASES],
)
def test_damaged_file_raises_a_message_naming_the_column(
    stem: str, damage, fragments: list[str], damaged
) -> None:
    folder = damaged(stem, damage)
    with pytest.raises(DataSchemaError) as info:
        load(stem, data_dir=folder)
    message = str(info.value)
    assert SCHEMAS[stem].filename in message
    for fragment in fragments:
        assert fragment in message
    assert isinstance(info.value, ValueError)
    assert info.value.filename == SCHEMAS[stem].filename and len(info.value.problems) >= 1


def test_only_three_offending_rows_are_listed(damaged) -> None:
    def damage(header: list[str], rows: Rows) -> None:
        for i in range(5):
            rows[i][header.index("troops")] = "?"

    folder = damaged("isaf_troop_contributions", damage)
    with pytest.raises(DataSchemaError) as info:
        load("isaf_troop_contributions", data_dir=folder)
    message = str(info.value)
    assert "found 5" in message and "and 2 more" in message
    assert "row 2 (line 4)" in message and "row 3 (line 5)" not in message


def test_every_problem_is_reported_at_once(damaged) -> None:
    def damage(header: list[str], rows: Rows) -> None:
        set_cell("defence_pct_gdp", 0, "-1")(header, rows)
        set_cell("entity_type", 1, "bloc")(header, rows)
        add_column("comment")(header, rows)

    folder = damaged("nato_defence_pct_gdp_2014_2024", damage)
    with pytest.raises(DataSchemaError) as info:
        load("nato_defence_pct_gdp_2014_2024", data_dir=folder)
    assert len(info.value.problems) == 3


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("country,year\nAlbania,2014,1\n", "fields"),
        ("country,country\n", "'country' repeated"),
    ],
    ids=["empty file", "ragged row", "repeated header"],
)
def test_unreadable_files_raise(tmp_path: Path, text: str, fragment: str) -> None:
    (tmp_path / "sipri_milex_nato_members_1949_2024.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataSchemaError, match=re.escape(fragment)):
        load("sipri_milex_nato_members_1949_2024", data_dir=tmp_path)


def test_blank_line_inside_the_file_is_an_error(tmp_path: Path) -> None:
    name = "nato_defence_pct_gdp_2025e_reported.csv"
    lines = (REPO_DATA / name).read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / name).write_text("".join(lines[:3] + ["\n"] + lines[3:]), encoding="utf-8")
    with pytest.raises(DataSchemaError, match=r"row 2 \(line 4\) has 0"):
        load(name, data_dir=tmp_path)


FINITE_OR_NOT = st.one_of(
    st.floats(min_value=-50, max_value=150),
    st.sampled_from([0.0, 100.0, -0.0, 1e-12, 100.000001, math.inf, -math.inf]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=FINITE_OR_NOT)
def test_percentage_loads_exactly_when_in_range(value: float) -> None:
    name = "nato_defence_pct_gdp_2025e_reported"
    header, rows = read_rows(REPO_DATA / f"{name}.csv")
    rows[0][header.index("defence_pct_gdp")] = repr(value)
    with tempfile.TemporaryDirectory() as tmp:
        with (Path(tmp) / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([header, *rows])
        if math.isfinite(value) and 0 <= value <= 100:
            assert load(name, data_dir=tmp)["defence_pct_gdp"].iloc[0] == value
        else:
            with pytest.raises(DataSchemaError, match="'defence_pct_gdp'"):
                load(name, data_dir=tmp)


# --------------------------------------------------------------------------------------
# Arguments, lookup and the data folder
# --------------------------------------------------------------------------------------


def test_name_may_carry_the_csv_suffix() -> None:
    pd.testing.assert_frame_equal(load("case_study_timeline.csv"), load("case_study_timeline"))


def test_unknown_name_lists_what_is_available() -> None:
    with pytest.raises(ValueError, match="unknown data set 'nato_spending'") as info:
        load("nato_spending")
    assert not isinstance(info.value, DataSchemaError)
    for stem in STEMS:
        assert stem in str(info.value)


def test_near_miss_name_gets_a_suggestion() -> None:
    with pytest.raises(ValueError, match="Did you mean 'isaf_troop_contributions'"):
        load("isaf_troop_contribution")


@pytest.mark.parametrize("bad", [None, 3, Path("case_study_timeline.csv"), ["x"]])
def test_non_string_name_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^name must be a str"):
        load(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^name must be a str"):
        describe(bad)  # type: ignore[arg-type]


def test_bad_data_dir_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"^data_dir must be"):
        load("case_study_timeline", data_dir=42)  # type: ignore[arg-type]


def test_missing_file_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="case_study_timeline.csv not found"):
        load("case_study_timeline", data_dir=tmp_path)


def test_data_dir_default_is_the_repo_data_folder() -> None:
    assert DATA_DIR == REPO_DATA.resolve()


def test_environment_variable_overrides_default_and_argument_overrides_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damaged
) -> None:
    folder = damaged("isaf_troop_contributions", set_cell("troops", 0, "-1"))
    monkeypatch.setenv(ENV_VAR, str(folder))
    with pytest.raises(DataSchemaError):
        load("isaf_troop_contributions")
    assert len(load("isaf_troop_contributions", data_dir=REPO_DATA)) == 103
    monkeypatch.delenv(ENV_VAR)
    assert len(load("isaf_troop_contributions")) == 103


def test_loaded_frame_is_independent_of_later_loads() -> None:
    first = load("case_study_timeline")
    first.loc[0, "event"] = "changed"
    assert load("case_study_timeline").loc[0, "event"] != "changed"


# --------------------------------------------------------------------------------------
# describe, Column and Schema
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_describe_is_one_paragraph_naming_file_columns_and_blanks(stem: str) -> None:
    text = describe(stem)
    schema = SCHEMAS[stem]
    assert "\n" not in text and text.startswith(schema.filename + ": ")
    for name in schema.names:
        assert name in text
    if schema.nullable:
        assert "Blank cells are allowed in" in text
    assert "SOURCES.md" in text


@pytest.mark.parametrize(
    ("stem", "publisher"),
    [
        ("nato_defence_pct_gdp_2014_2024", "NATO"),
        ("nato_defence_expenditure_2012_2019", "NATO"),
        ("sipri_milex_nato_members_1949_2024", "SIPRI"),
        ("kiel_ukraine_aid_monthly_by_donor", "Kiel Institute"),
        ("coalition_fatalities_afghanistan", "icasualties"),
    ],
)
def test_describe_names_the_publisher(stem: str, publisher: str) -> None:
    assert publisher in describe(stem)


def test_every_schema_has_a_key_and_the_files_respect_it() -> None:
    for stem in STEMS:
        schema = SCHEMAS[stem]
        assert schema.key, stem
        assert not load(stem).duplicated(list(schema.key)).any(), stem


@pytest.mark.parametrize(
    ("columns", "key", "error", "fragment"),
    [
        ({"x": "integer"}, ("x",), ValueError, "must have a type in"),
        ({"x": ("str", "a rule")}, ("x",), ValueError, "rule of 'x'"),
        ({"x": ("str", AT_LEAST_0)}, ("x",), ValueError, "needs a type in"),
        ({"x": ("int", COUNTRY_OR_AGGREGATE)}, ("x",), ValueError, "needs a type in"),
        ({"": "str"}, ("",), ValueError, "non-empty str"),
        ({}, ("x",), ValueError, "non-empty dict"),
        ([("x", "str")], ("x",), TypeError, "columns must be"),
        ({"a": "int", "b": "str"}, ("c",), ValueError, "key must be"),
        ({"a": "int", "b": "str"}, (), ValueError, "key must be"),
    ],
)
def test_schema_rejects_inconsistent_entries(
    columns: object, key: tuple, error: type, fragment: str
) -> None:
    """A typo in a new entry of data/schemas.py fails at import, naming what is wrong."""
    with pytest.raises(error, match=re.escape(fragment)):
        Schema("f.csv", columns, key=key, description="d")  # type: ignore[arg-type]


def test_schema_rejects_a_file_name_without_csv() -> None:
    with pytest.raises(ValueError, match=".csv"):
        Schema("f.txt", {"a": "int"}, key=("a",), description="d")


def test_every_schema_column_has_a_readable_expectation() -> None:
    for stem in STEMS:
        schema = SCHEMAS[stem]
        assert list(schema.expectations) == list(schema.names) == list(schema.dtypes)
        assert set(schema.nullable) <= set(schema.names)
    pct = SCHEMAS["nato_defence_pct_gdp_2014_2024"].expectations
    assert pct["defence_pct_gdp"] == "float in [0, 100]"
    assert pct["entity_type"] == "one of 'country', 'aggregate'"
    assert pct["iso3"] == "text matching the pattern '[A-Z]{3}'"
    assert SCHEMAS["isaf_troop_contributions"].expectations["troops"] == "int >= 0"
    assert SCHEMAS["case_study_timeline"].expectations["date_start"].startswith("an ISO date")


def test_loading_never_writes_to_the_data_folder() -> None:
    """Loading never writes: the data folder's bytes are the same before and after."""
    before = {p.name: p.read_bytes() for p in REPO_DATA.glob("*.csv")}
    for stem in STEMS:
        load(stem)
    after = {p.name: p.read_bytes() for p in REPO_DATA.glob("*.csv")}
    assert before == after


def test_a_case_study_can_declare_the_schema_of_its_own_file(tmp_path: Path) -> None:
    """A new case study's CSV needs no entry in the central list (CONTRIBUTING's example)."""
    from alliances.data import Schema, between, load, matches

    schema = Schema("kfor_troops.csv",
                    {"country": ("str", matches("[A-Z]{3}")), "troops": ("int", between(0))},
                    key=("country",), description="Test file: troops by country.")
    (tmp_path / "kfor_troops.csv").write_text("country,troops\nITA,900\nUSA,600\n",
                                              encoding="utf-8")
    frame = load("kfor_troops", tmp_path, schema=schema)
    assert frame["troops"].tolist() == [900, 600] and str(frame["troops"].dtype) == "int64"
    (tmp_path / "kfor_troops.csv").write_text("country,troops\nITA,-1\n", encoding="utf-8")
    with pytest.raises(DataSchemaError, match="troops"):
        load("kfor_troops", tmp_path, schema=schema)
    with pytest.raises(InputError, match="name must be the schema's file"):
        load("other_file", tmp_path, schema=schema)
    with pytest.raises(InputError, match="schema must be a Schema"):
        load("kfor_troops", tmp_path, schema={"country": "str"})
