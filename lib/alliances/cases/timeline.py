"""Dated events of the case studies, with their sources, as a table (the figure is
:func:`alliances.views.timeline.plot_timeline`).

The events come from ``data/case_study_timeline.csv`` (schema-checked by
:mod:`alliances.data`); every event carries the ids of its sources, which
:func:`source_text` resolves to the addresses listed in ``data/SOURCES.md``. Each event
also carries the level of the actor: NATO acting collectively, a member state acting
bilaterally, the UN, or another actor. Telling NATO's collective decisions apart from
what members did on their own is the spine of both case studies.

Events are labelled by a short **name and date** ("NATO refuses a no-fly zone, 4 Mar
2022"), never by a number the reader must look up: the names are in :data:`EVENT_NAMES`,
keyed by case study and start date as written in the file. An event without a name there
is labelled by the first words of its description. The case studies are those of the
file: a new one needs new rows there, not a change here.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

import pandas as pd

from alliances import data
from alliances.i18n import N_, _
from alliances.views.style import month_year, short_date
from alliances.views.timeline import LEVELS

__all__ = ["EVENT_NAMES", "event_name", "timeline", "timeline_table", "sources",
           "source_text"]

#: A short name for each event, keyed by (case study, ``date_start`` as in the file).
#: Editorial labels for figures and tables; the full description stays in the file.
EVENT_NAMES: dict[tuple[str, str], str] = {
    ("ukraine", "2008-04-03"): N_("Bucharest summit"),
    ("ukraine", "2014-02-27"): N_("Russian troops seize Crimea's parliament"),
    ("ukraine", "2014-03-16"): N_("Crimea referendum"),
    ("ukraine", "2014-03-18"): N_("Russia annexes Crimea"),
    ("ukraine", "2014-09-04"): N_("Wales summit: NATO trust funds"),
    ("ukraine", "2014-09"): N_("Obama declines lethal aid"),
    ("ukraine", "2016-07-09"): N_("Warsaw summit: NATO's assistance package (CAP)"),
    ("ukraine", "2020-06-12"): N_("Enhanced Opportunities Partner"),
    ("ukraine", "2015-03"): N_("US aid still non-lethal"),
    ("ukraine", "2017-12"): N_("US decides to send Javelins"),
    ("ukraine", "2018"): N_("First Javelins delivered"),
    ("ukraine", "2022-02-24"): N_("Full-scale Russian invasion"),
    ("ukraine", "2022-02-28"): N_("NATO: no troops in Ukraine"),
    ("ukraine", "2022-03-04"): N_("NATO refuses a no-fly zone"),
    ("ukraine", "2022-05-31"): N_("US sends HIMARS"),
    ("ukraine", "2022-06-29"): N_("Madrid summit strengthens the CAP"),
    ("ukraine", "2023-01-25"): N_("Leopard and Abrams tanks"),
    ("ukraine", "2023-05-19"): N_("F-16 pilot training backed"),
    ("ukraine", "2023-07-11"): N_("Vilnius: NATO-Ukraine Council"),
    ("ukraine", "2023-10-17"): N_("First ATACMS strikes"),
    ("ukraine", "2024-06-14"): N_("NATO to coordinate aid"),
    ("ukraine", "2024-07-10"): N_("Washington summit creates NSATU"),
    ("ukraine", "2024-08-04"): N_("First F-16s in Ukraine"),
    ("ukraine", "2025-07-14"): N_("PURL agreed"),
    ("ukraine", "2025-08-04"): N_("First PURL packages"),
    ("afghanistan", "2001-09-12"): N_("Article 5 invoked (conditionally)"),
    ("afghanistan", "2001-10-02"): N_("Article 5 confirmed"),
    ("afghanistan", "2001-10-04"): N_("Eight NATO support measures"),
    ("afghanistan", "2001-10"): N_("Operation Eagle Assist"),
    ("afghanistan", "2001-12-20"): N_("UN creates ISAF (UNSCR 1386)"),
    ("afghanistan", "2003-08-11"): N_("NATO takes command of ISAF"),
    ("afghanistan", "2003-10"): N_("ISAF mandate for all Afghanistan"),
    ("afghanistan", "2006"): N_("ISAF covers the whole country"),
    ("afghanistan", "2006-11-28"): N_("Riga summit: some caveats lifted"),
    ("afghanistan", "2009"): N_("Surge of troops"),
    ("afghanistan", "2011-06-10"): N_("Gates: 'two-tiered alliance'"),
    ("afghanistan", "2011"): N_("Transition to Afghan lead begins"),
    ("afghanistan", "2014-12-28"): N_("ISAF ends"),
    ("afghanistan", "2015-01-01"): N_("Resolute Support begins"),
    ("afghanistan", "2020-02-29"): N_("US-Taliban Doha agreement"),
    ("afghanistan", "2021-04-14"): N_("NATO decides to withdraw"),
    ("afghanistan", "2021-08-15"): N_("Taliban take Kabul"),
    ("afghanistan", "2021-08-30"): N_("Last US troops leave"),
    ("burden_sharing", "2006"): N_("2% guideline introduced"),
    ("burden_sharing", "2014-09-05"): N_("Wales Defence Investment Pledge"),
    ("burden_sharing", "2025-06-25"): N_("The Hague: 5% by 2035"),
    ("burden_sharing", "2025-08-28"): N_("NATO spending report 2025"),
}

_CLAUSE = re.compile(r"[:;(,]| - ")


def event_name(case_study: str, date_start: str, event: str) -> str:
    """The short name of an event: from :data:`EVENT_NAMES`, else its first words.

    Parameters
    ----------
    case_study, date_start : str
        As in the timeline file (``date_start`` at its own precision: "2018", "2014-09").
    event : str
        The full description, used when the event has no name in :data:`EVENT_NAMES`:
        its first clause, cut to six words.

    Examples
    --------
    >>> event_name("ukraine", "2022-03-04", "NATO foreign ministers: ...")
    'NATO refuses a no-fly zone'
    >>> event_name("ukraine", "2030-01-01", "Summit in Kyiv: Allies agree a new plan")
    'Summit in Kyiv'
    """
    for value, label in ((case_study, "case_study"), (date_start, "date_start"),
                         (event, "event")):
        if not isinstance(value, str):
            raise TypeError(_("{label} must be a string; got {type} {value!r:.60}").format(
                label=label, type=type(value).__name__, value=value))
    name = EVENT_NAMES.get((case_study, date_start))
    if name:
        return name
    words = _CLAUSE.split(event, maxsplit=1)[0].split()
    return " ".join(words[:6]) + (" ..." if len(words) > 6 else "")


def _parse(text: str, precision: str, *, end: bool) -> date:
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if end else 1)
    if len(parts) > 2:
        day = parts[2]
    else:
        day = calendar.monthrange(year, month)[1] if end else 1
    return date(year, month, day)


def _display(start: date, end: date, precision: str) -> str:
    def one(d: date, first: bool) -> str:
        if precision == "day":
            return short_date(d)
        if precision == "month":
            return month_year(d)
        return f"{d.year}"
    first, last = one(start, True), one(end, False)
    if first == last:
        return first
    if precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{last}"                    # "10–11 Jul 2024"
    return _("{first} to {last}").format(first=first, last=last)


def timeline(case_study: str) -> pd.DataFrame:
    """The dated events of one case study, oldest first.

    Parameters
    ----------
    case_study : str
        A case study of the file: "afghanistan", "burden_sharing" or "ukraine".

    Returns
    -------
    pandas.DataFrame
        One row per event: ``start`` and ``end`` (dates; a month or a year is expanded
        to its first and last day), ``when`` (the date as precisely as the source gives
        it), ``name`` (short, see :func:`event_name`), ``label`` (name and date, as in
        the figures), ``actor_level``, ``event``, ``source_ids`` (a tuple).

    Examples
    --------
    >>> events = timeline("afghanistan")
    >>> events.iloc[0]["when"], events.iloc[0]["actor_level"]
    ('12 Sep 2001', 'nato')
    >>> timeline("Kosovo")
    Traceback (most recent call last):
    ...
    ValueError: case_study must be one of ('afghanistan', 'burden_sharing', 'ukraine'); got 'Kosovo'
    """
    if not isinstance(case_study, str):
        raise TypeError(_("case_study must be a string; got {type}").format(
            type=type(case_study).__name__))
    raw = data.load("case_study_timeline")
    case_studies = tuple(sorted(set(raw["case_study"])))
    if case_study not in case_studies:
        raise ValueError(_("case_study must be one of {case_studies}; got {case_study!r}").format(
            case_studies=case_studies, case_study=case_study))
    rows = raw[raw["case_study"] == case_study]
    records = []
    for row in rows.itertuples(index=False):
        start = _parse(row.date_start, row.date_precision, end=False)
        end = _parse(row.date_end, row.date_precision, end=True)
        when = _display(start, end, row.date_precision)
        name = event_name(case_study, row.date_start, row.event)
        records.append({"start": start, "end": end, "when": when, "name": name,
                        "label": f"{_(name)}, {when}",
                        "precision": row.date_precision, "actor_level": row.actor_level,
                        "event": row.event, "source_ids": tuple(row.source_ids.split(";"))})
    frame = pd.DataFrame.from_records(records)
    return frame.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def timeline_table(events: pd.DataFrame) -> pd.DataFrame:
    """A readable table of events, indexed by the names used in the timeline figure.

    Examples
    --------
    >>> table = timeline_table(timeline("ukraine"))
    >>> list(table.columns)
    ['when', 'level', 'what happened', 'sources']
    >>> table.index[0], table["when"].iloc[0]
    ('Bucharest summit', '3 Apr 2008')
    """
    _check_events(events)
    table = pd.DataFrame({
        "when": events["when"].to_numpy(),
        "level": [_(LEVELS[level][0]) for level in events["actor_level"]],
        "what happened": events["event"].to_numpy(),
        "sources": ["; ".join(ids) for ids in events["source_ids"]],
    }, index=pd.Index(list(events["name"]), name="event"))   # English: notebooks index it
    return table


def _check_events(events: object) -> None:
    needed = {"start", "end", "when", "name", "label", "actor_level", "event", "source_ids"}
    if not isinstance(events, pd.DataFrame) or not needed <= set(events.columns):
        raise TypeError(_("events must be a DataFrame from "
                          "alliances.cases.timeline.timeline(...)"))
    if events.empty:
        raise ValueError(_("events must contain at least one event; got an empty table"))


_ENTRY = re.compile(r"^- (?P<id>[A-Z0-9_]+)(?: \([^)]*\))?: (?P<text>.*)$")


def sources(path: str | Path | None = None) -> dict[str, str]:
    """The source list of ``data/SOURCES.md``: source id -> description and address.

    Examples
    --------
    >>> "KIEL_UST_R29" in sources()
    True
    """
    if path is not None and not isinstance(path, (str, Path)):
        raise TypeError(_("path must be a path to SOURCES.md or None; got {path!r}").format(
            path=path))
    path = Path(path) if path is not None else data.DATA_DIR / "SOURCES.md"
    if not path.is_file():
        raise FileNotFoundError(_("path {value!r} is not a file (expected "
                                  "data/SOURCES.md)").format(value=str(path)))
    text = path.read_text(encoding="utf-8")
    if "## Source list" not in text:
        raise ValueError(_("{path} has no '## Source list' section").format(path=path))
    found: dict[str, str] = {}
    current = None
    for line in text.split("## Source list", 1)[1].splitlines():
        match = _ENTRY.match(line)
        if match:
            current = match["id"]
            found[current] = match["text"].strip()
        elif current and line.startswith("  ") and line.strip():
            found[current] += " " + line.strip()
        else:
            current = None
    return found


def source_text(source_ids: tuple[str, ...] | str) -> str:
    """The sources of an event, resolved to their descriptions and addresses.

    Examples
    --------
    >>> source_text("KIEL_UST_R29")[:37]
    'KIEL_UST_R29: Kiel Institute, Ukraine'
    """
    if not isinstance(source_ids, (str, tuple, list)) or not all(
            isinstance(i, str) for i in source_ids):
        raise TypeError(_("source_ids must be a string ('A;B') or a tuple of strings; got"
                          " {source_ids!r}").format(source_ids=source_ids))
    ids = source_ids.split(";") if isinstance(source_ids, str) else list(source_ids)
    known = sources()
    missing = [i for i in ids if i not in known]
    if missing:
        raise ValueError(_("source_ids contains ids not listed in data/SOURCES.md: "
                           "{missing}").format(missing=missing))
    return " | ".join(f"{i}: {known[i]}" for i in ids)
