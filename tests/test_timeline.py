"""Tests of alliances.cases.timeline (events, dates, sources) and of its figure,
alliances.views.timeline."""

from __future__ import annotations

import csv
from datetime import date

import matplotlib
import pandas as pd
import pytest

from alliances import data
from alliances.cases.timeline import (EVENT_NAMES, event_name, source_text, sources, timeline,
                                      timeline_table)
from alliances.views.timeline import LEVELS, plot_timeline


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
    nsatu = timeline("ukraine").set_index("name").loc["Washington summit creates NSATU"]
    assert (nsatu["start"], nsatu["end"]) == (date(2024, 7, 10), date(2024, 7, 11))
    assert nsatu["when"] == "10–11 Jul 2024"
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


@pytest.mark.parametrize("case", ["afghanistan", "ukraine"])
def test_figure_and_table_label_events_by_name_and_date(case: str) -> None:
    events = timeline(case)
    table = timeline_table(events)
    assert list(table.index) == list(events["name"])
    assert set(table["level"]) <= {label for label, _, _ in LEVELS.values()}
    ax = plot_timeline(events)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert len(ticks) == len(events)
    # Every label is an event's name followed by its date, and no label is a bare number.
    expected = {f"{name}, {when}" for name, when in zip(events["name"], events["when"])}
    assert set(ticks) == expected
    assert not any(t.strip().isdigit() for t in ticks + [x.get_text() for x in ax.texts])
    matplotlib.pyplot.close(ax.figure)


def test_names_are_curated_and_match_the_file() -> None:
    """Every curated name belongs to a row of the file (no stale names), and every event of
    the two case studies has a curated name, distinct within its case study."""
    rows = {(r["case_study"], r["date_start"]) for case in ("ukraine", "afghanistan",
                                                            "burden_sharing")
            for r in _raw_rows(case)}
    assert set(EVENT_NAMES) <= rows
    for case in ("ukraine", "afghanistan"):
        names = [EVENT_NAMES.get((case, r["date_start"])) for r in _raw_rows(case)]
        assert None not in names or case == "afghanistan", case
        named = [n for n in names if n]
        assert len(named) == len(set(named)), case


def test_dates_in_labels() -> None:
    events = timeline("ukraine").set_index("name")
    assert events.loc["NATO refuses a no-fly zone", "label"] == \
        "NATO refuses a no-fly zone, 4 Mar 2022"
    assert events.loc["First Javelins delivered", "label"] == "First Javelins delivered, 2018"


def test_event_name_falls_back_to_the_first_clause() -> None:
    assert event_name("ukraine", "1999-01-01", "Summit in Kyiv: allies agree") == "Summit in Kyiv"
    long = "One two three four five six seven eight; and more"
    assert event_name("afghanistan", "1999", long) == "One two three four five six ..."


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


def test_the_case_studies_are_those_of_the_file() -> None:
    """No list to edit for a new case study: timeline() accepts every one in the file."""
    with open(data.DATA_DIR / "case_study_timeline.csv", newline="", encoding="utf-8") as f:
        in_file = sorted({row["case_study"] for row in csv.DictReader(f)})
    for case in in_file:
        assert not timeline(case).empty
    with pytest.raises(ValueError, match="case_study") as info:
        timeline("kosovo")
    assert str(tuple(in_file)) in str(info.value)
