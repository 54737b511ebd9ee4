"""Dated events of the case studies, with their sources, as a table and as a figure.

The events come from ``data/case_study_timeline.csv`` (schema-checked by
:mod:`alliances.data`); every event carries the ids of its sources, which
:func:`source_text` resolves to the addresses listed in ``data/SOURCES.md``. Each event
also carries the level of the actor: NATO acting collectively, a member state acting
bilaterally, the UN, or another actor. Telling NATO's collective decisions apart from
what members did on their own is the spine of both case studies.

Events are labelled by a short **name and date** ("NATO refuses a no-fly zone, 4 Mar
2022"), never by a number the reader must look up: the names are in :data:`EVENT_NAMES`,
keyed by case study and start date as written in the file. An event without a name there
is labelled by the first words of its description.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from alliances import data
from alliances.views.style import PALETTE, new_axes

__all__ = ["LEVELS", "CASE_STUDIES", "EVENT_NAMES", "event_name", "timeline",
           "timeline_table", "plot_timeline", "sources", "source_text"]

#: Actor levels, in the order of the figure's lanes (top to bottom), with a label, a
#: marker and a colour each (shape and colour both carry the meaning).
LEVELS: dict[str, tuple[str, str, str]] = {
    "nato": ("NATO (collective decision)", "s", PALETTE["blue"]),
    "member": ("member state (bilateral)", "o", PALETTE["vermillion"]),
    "un": ("United Nations", "^", PALETTE["green"]),
    "other": ("other actors", "D", PALETTE["grey"]),
}

#: The case studies in the timeline file.
CASE_STUDIES = ("afghanistan", "ukraine", "burden_sharing")

#: A short name for each event, keyed by (case study, ``date_start`` as in the file).
#: Editorial labels for figures and tables; the full description stays in the file.
EVENT_NAMES: dict[tuple[str, str], str] = {
    ("ukraine", "2008-04-03"): "Bucharest summit",
    ("ukraine", "2014-02-27"): "Russian troops seize Crimea's parliament",
    ("ukraine", "2014-03-16"): "Crimea referendum",
    ("ukraine", "2014-03-18"): "Russia annexes Crimea",
    ("ukraine", "2014-09-04"): "Wales summit: NATO trust funds",
    ("ukraine", "2014-09"): "Obama declines lethal aid",
    ("ukraine", "2016-07-09"): "Warsaw summit: NATO's assistance package (CAP)",
    ("ukraine", "2020-06-12"): "Enhanced Opportunities Partner",
    ("ukraine", "2015-03"): "US aid still non-lethal",
    ("ukraine", "2017-12"): "US decides to send Javelins",
    ("ukraine", "2018"): "First Javelins delivered",
    ("ukraine", "2022-02-24"): "Full-scale Russian invasion",
    ("ukraine", "2022-02-28"): "NATO: no troops in Ukraine",
    ("ukraine", "2022-03-04"): "NATO refuses a no-fly zone",
    ("ukraine", "2022-05-31"): "US sends HIMARS",
    ("ukraine", "2022-06-29"): "Madrid summit strengthens the CAP",
    ("ukraine", "2023-01-25"): "Leopard and Abrams tanks",
    ("ukraine", "2023-05-19"): "F-16 pilot training backed",
    ("ukraine", "2023-07-11"): "Vilnius: NATO-Ukraine Council",
    ("ukraine", "2023-10-17"): "First ATACMS strikes",
    ("ukraine", "2024-06-14"): "NATO to coordinate aid",
    ("ukraine", "2024-07-10"): "Washington summit creates NSATU",
    ("ukraine", "2024-08-04"): "First F-16s in Ukraine",
    ("ukraine", "2025-07-14"): "PURL agreed",
    ("ukraine", "2025-08-04"): "First PURL packages",
    ("afghanistan", "2001-09-12"): "Article 5 invoked (conditionally)",
    ("afghanistan", "2001-10-02"): "Article 5 confirmed",
    ("afghanistan", "2001-10-04"): "Eight NATO support measures",
    ("afghanistan", "2001-10"): "Operation Eagle Assist",
    ("afghanistan", "2001-12-20"): "UN creates ISAF (UNSCR 1386)",
    ("afghanistan", "2003-08-11"): "NATO takes command of ISAF",
    ("afghanistan", "2003-10"): "ISAF mandate for all Afghanistan",
    ("afghanistan", "2006"): "ISAF covers the whole country",
    ("afghanistan", "2006-11-28"): "Riga summit: some caveats lifted",
    ("afghanistan", "2009"): "Surge of troops",
    ("afghanistan", "2011-06-10"): "Gates: 'two-tiered alliance'",
    ("afghanistan", "2011"): "Transition to Afghan lead begins",
    ("afghanistan", "2014-12-28"): "ISAF ends",
    ("afghanistan", "2015-01-01"): "Resolute Support begins",
    ("afghanistan", "2020-02-29"): "US-Taliban Doha agreement",
    ("afghanistan", "2021-04-14"): "NATO decides to withdraw",
    ("afghanistan", "2021-08-15"): "Taliban take Kabul",
    ("afghanistan", "2021-08-30"): "Last US troops leave",
    ("burden_sharing", "2006"): "2% guideline introduced",
    ("burden_sharing", "2014-09-05"): "Wales Defence Investment Pledge",
    ("burden_sharing", "2025-06-25"): "The Hague: 5% by 2035",
    ("burden_sharing", "2025-08-28"): "NATO spending report 2025",
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
            raise TypeError(f"{label} must be a string; got {type(value).__name__} "
                            f"{value!r:.60}")
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
            return f"{d.day} {d:%b %Y}"
        if precision == "month":
            return f"{d:%b %Y}"
        return f"{d.year}"
    first, last = one(start, True), one(end, False)
    if first == last:
        return first
    if precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{last}"                    # "10–11 Jul 2024"
    return f"{first} to {last}"


def timeline(case_study: str) -> pd.DataFrame:
    """The dated events of one case study, oldest first.

    Parameters
    ----------
    case_study : {"afghanistan", "ukraine", "burden_sharing"}

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
    ValueError: case_study must be one of ('afghanistan', 'ukraine', 'burden_sharing'); got 'Kosovo'
    """
    if not isinstance(case_study, str):
        raise TypeError(f"case_study must be a string; got {type(case_study).__name__}")
    if case_study not in CASE_STUDIES:
        raise ValueError(f"case_study must be one of {CASE_STUDIES}; got {case_study!r}")
    raw = data.load("case_study_timeline")
    rows = raw[raw["case_study"] == case_study]
    records = []
    for row in rows.itertuples(index=False):
        start = _parse(row.date_start, row.date_precision, end=False)
        end = _parse(row.date_end, row.date_precision, end=True)
        when = _display(start, end, row.date_precision)
        name = event_name(case_study, row.date_start, row.event)
        records.append({"start": start, "end": end, "when": when, "name": name,
                        "label": f"{name}, {when}",
                        "precision": row.date_precision, "actor_level": row.actor_level,
                        "event": row.event, "source_ids": tuple(row.source_ids.split(";"))})
    frame = pd.DataFrame.from_records(records)
    return frame.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def timeline_table(events: pd.DataFrame) -> pd.DataFrame:
    """A readable table of events, indexed by the names used in :func:`plot_timeline`.

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
        "level": [LEVELS[level][0] for level in events["actor_level"]],
        "what happened": events["event"].to_numpy(),
        "sources": ["; ".join(ids) for ids in events["source_ids"]],
    }, index=pd.Index(events["name"].to_numpy(), name="event"))
    return table


def _check_events(events: object) -> None:
    needed = {"start", "end", "when", "name", "label", "actor_level", "event", "source_ids"}
    if not isinstance(events, pd.DataFrame) or not needed <= set(events.columns):
        raise TypeError("events must be a DataFrame from alliances.cases.timeline.timeline(...)")
    if events.empty:
        raise ValueError("events must contain at least one event; got an empty table")


def _rows(events: pd.DataFrame) -> tuple[list[str], dict[int, float], dict[str, float]]:
    """The levels present, a y position per event and the y of each level's heading.

    Events are grouped by level (NATO first), oldest first within a level, from the top.
    """
    levels = [level for level in LEVELS if level in set(events["actor_level"])]
    y_of: dict[int, float] = {}
    heading: dict[str, float] = {}
    y = 0.0
    for level in levels:
        heading[level] = y
        y -= 1.0
        for k in events.index[events["actor_level"] == level]:
            y_of[k] = y
            y -= 1.0
        y -= 0.3
    return levels, y_of, heading


def plot_timeline(events: pd.DataFrame, ax: Axes | None = None, *,
                  title: str | None = None) -> Axes:
    """Draw each event on its own row, labelled by name and date, grouped by actor level.

    NATO's collective decisions come first, then members' bilateral ones, the UN and other
    actors; within each group the oldest event is on top. Events that last more than a
    month are drawn as bars from start to end. Marker shape and colour both show the
    level.

    Parameters
    ----------
    events : DataFrame
        From :func:`timeline` (possibly filtered).
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> ax = plot_timeline(timeline("afghanistan"))
    >>> [t.get_text() for t in ax.get_yticklabels()][0]
    'Article 5 invoked (conditionally), 12 Sep 2001'
    """
    _check_events(events)
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
    events = events.reset_index(drop=True)
    levels, y_of, heading = _rows(events)
    ax = ax if ax is not None else new_axes(9.5, 0.27 * (len(events) + len(levels)) + 1.3)
    starts = [pd.Timestamp(s) for s in events["start"]]
    ends = [pd.Timestamp(e) for e in events["end"]]
    pad = pd.Timedelta(days=max(60, (max(ends) - min(starts)).days // 40))
    left = min(starts) - pad
    ax.set_xlim(left, max(ends) + pad)
    for k, row in enumerate(events.itertuples(index=False)):
        _, marker, colour = LEVELS[row.actor_level]
        y = y_of[k]
        ax.plot([left, starts[k]], [y, y], color=PALETTE["grey"], lw=0.5, ls=":", alpha=0.7)
        if (ends[k] - starts[k]).days > 31:
            ax.plot([starts[k], ends[k]], [y, y], color=colour, linewidth=5, alpha=0.45,
                    solid_capstyle="butt")
        ax.plot([starts[k]], [y], marker=marker, color=colour, markersize=7,
                linestyle="none", markeredgecolor=PALETTE["black"], markeredgewidth=0.6)
    for level in levels:
        label, _, colour = LEVELS[level]
        ax.text(0.005, heading[level], label, transform=ax.get_yaxis_transform(),
                ha="left", va="center", fontsize=8.5, fontweight="bold", color=colour)
    order = sorted(y_of, key=lambda k: -y_of[k])
    ax.set_yticks([y_of[k] for k in order])
    ax.set_yticklabels([events.loc[k, "label"] for k in order], fontsize=8)
    ax.set_ylim(min(y_of.values()) - 0.7, 0.7)
    ax.set_xlabel("year")
    ax.grid(axis="x", color=PALETTE["grey"], alpha=0.3)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    handles = [Line2D([], [], marker=m, color=c, linestyle="none", markeredgecolor="black",
                      label=lab) for key, (lab, m, c) in LEVELS.items() if key in levels]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.06 - 1.2 /
              ax.figure.get_figheight() / 10), ncols=4, fontsize=8, frameon=False)
    ax.set_title(title or "Timeline: each event by name and date, grouped by who acted")
    return ax


_ENTRY = re.compile(r"^- (?P<id>[A-Z0-9_]+)(?: \([^)]*\))?: (?P<text>.*)$")


def sources(path: str | Path | None = None) -> dict[str, str]:
    """The source list of ``data/SOURCES.md``: source id -> description and address.

    Examples
    --------
    >>> "KIEL_UST_R29" in sources()
    True
    """
    if path is not None and not isinstance(path, (str, Path)):
        raise TypeError(f"path must be a path to SOURCES.md or None; got {path!r}")
    path = Path(path) if path is not None else data.DATA_DIR / "SOURCES.md"
    if not path.is_file():
        raise FileNotFoundError(f"path {str(path)!r} is not a file (expected data/SOURCES.md)")
    text = path.read_text(encoding="utf-8")
    if "## Source list" not in text:
        raise ValueError(f"{path} has no '## Source list' section")
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
        raise TypeError(f"source_ids must be a string ('A;B') or a tuple of strings; got "
                        f"{source_ids!r}")
    ids = source_ids.split(";") if isinstance(source_ids, str) else list(source_ids)
    known = sources()
    missing = [i for i in ids if i not in known]
    if missing:
        raise ValueError(f"source_ids contains ids not listed in data/SOURCES.md: {missing}")
    return " | ".join(f"{i}: {known[i]}" for i in ids)
