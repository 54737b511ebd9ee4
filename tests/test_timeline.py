"""Tests of alliances.timeline: events, dates, sources and the figure."""

from __future__ import annotations

import csv
from datetime import date

import matplotlib
import pandas as pd
import pytest

from alliances import data
from alliances.timeline import (LEVELS, plot_timeline, source_text, sources, timeline,
                                timeline_table)


def _raw_rows(case: str) -> list[dict]:
    with open(data.DATA_DIR / "case_study_timeline.csv", newline="", encoding="utf-8") as f:
        return [row for row in csv.DictReader(f) if row["case_study"] == case]


@pytest.mark.parametrize("case", ["afghanistan", "ukraine", "burden_sharing"])
def test_every_event_of_the_file_is_in_the_timeline(case: str) -> None:
    rows = _raw_rows(case)
    events = timeline(case)
    assert len(events) == len(rows) > 0
    assert sorted(events["event"]) == sorted(row["event"] for row in rows)
    assert list(events["start"]) == sorted(events["start"])


def test_dates_are_expanded_by_precision() -> None:
    events = timeline("afghanistan").set_index("event")
    eagle = events[events.index.str.startswith("Operation Eagle Assist")].iloc[0]
    # "2001-10" to "2002-05" at month precision: 1 Oct 2001 to 31 May 2002.
    assert (eagle["start"], eagle["end"]) == (date(2001, 10, 1), date(2002, 5, 31))
    assert eagle["when"] == "Oct 2001 to May 2002"
    first = timeline("afghanistan").iloc[0]
    assert first["start"] == first["end"] == date(2001, 9, 12)
    year = timeline("burden_sharing").iloc[0]   # "2006" at year precision
    assert (year["start"], year["end"], year["when"]) == (date(2006, 1, 1), date(2006, 12, 31),
                                                           "2006")


def test_every_source_id_of_every_data_file_resolves() -> None:
    known = sources()
    for name in data.available():
        frame = data.load(name)
        for column in ("source_id", "source_ids"):
            if column in frame:
                for value in frame[column]:
                    for source_id in value.split(";"):
                        assert source_id in known, f"{name}: {source_id} not in SOURCES.md"
    assert "https://www.nato.int" in source_text(("NATO_DEFEXP_2025_T3",))
    assert "github.com/UkraineSupportTrackerWebsite" in source_text(("KIEL_UST_R29",))


def test_source_text_rejects_unknown_ids() -> None:
    with pytest.raises(ValueError, match="NOT_A_SOURCE"):
        source_text("KIEL_UST_R29;NOT_A_SOURCE")


def test_table_is_numbered_like_the_figure_and_names_levels() -> None:
    events = timeline("ukraine")
    table = timeline_table(events)
    assert list(table.index) == list(range(1, len(events) + 1))
    assert set(table["level"]) <= {label for label, _, _ in LEVELS.values()}
    ax = plot_timeline(events)
    numbers = sorted(int(t.get_text()) for t in ax.texts)
    assert numbers == list(range(1, len(events) + 1))
    matplotlib.pyplot.close(ax.figure)


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="case_study"):
        timeline("kosovo")
    with pytest.raises(TypeError, match="case_study"):
        timeline(3)
    with pytest.raises(TypeError, match="events"):
        timeline_table("not a table")
    with pytest.raises(ValueError, match="events"):
        plot_timeline(timeline("ukraine").iloc[0:0])
    with pytest.raises(TypeError, match="events"):
        plot_timeline(pd.DataFrame({"a": [1]}))
