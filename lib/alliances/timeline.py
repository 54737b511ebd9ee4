"""Dated events of the case studies, with their sources, as a table and as a figure.

The events come from ``data/case_study_timeline.csv`` (schema-checked by
:mod:`alliances.data`); every event carries the ids of its sources, which
:func:`source_text` resolves to the addresses listed in ``data/SOURCES.md``. Each event
also carries the level of the actor: NATO acting collectively, a member state acting
bilaterally, the UN, or another actor. Telling NATO's collective decisions apart from
what members did on their own is the spine of both case studies.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

import matplotlib.dates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from . import data
from .plots import PALETTE, new_axes

__all__ = ["LEVELS", "CASE_STUDIES", "timeline", "timeline_table", "plot_timeline",
           "sources", "source_text"]

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
    return first if first == last else f"{first} to {last}"


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
        it), ``actor_level``, ``event``, ``source_ids`` (a tuple).

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
        records.append({"start": start, "end": end,
                        "when": _display(start, end, row.date_precision),
                        "precision": row.date_precision, "actor_level": row.actor_level,
                        "event": row.event, "source_ids": tuple(row.source_ids.split(";"))})
    frame = pd.DataFrame.from_records(records)
    return frame.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


def timeline_table(events: pd.DataFrame) -> pd.DataFrame:
    """A readable table of events, numbered as in :func:`plot_timeline`.

    Examples
    --------
    >>> table = timeline_table(timeline("ukraine"))
    >>> list(table.columns)
    ['when', 'level', 'event', 'sources']
    >>> table.index[0]
    1
    """
    _check_events(events)
    table = pd.DataFrame({
        "when": events["when"].to_numpy(),
        "level": [LEVELS[level][0] for level in events["actor_level"]],
        "event": events["event"].to_numpy(),
        "sources": ["; ".join(ids) for ids in events["source_ids"]],
    })
    table.index = range(1, len(table) + 1)
    table.index.name = "no."
    return table


def _check_events(events: object) -> None:
    needed = {"start", "end", "when", "actor_level", "event", "source_ids"}
    if not isinstance(events, pd.DataFrame) or not needed <= set(events.columns):
        raise TypeError("events must be a DataFrame from alliances.timeline.timeline(...)")
    if events.empty:
        raise ValueError("events must contain at least one event; got an empty table")


def plot_timeline(events: pd.DataFrame, ax: Axes | None = None, *,
                  title: str | None = None) -> Axes:
    """Draw events in lanes by actor level, numbered as in :func:`timeline_table`.

    Events that last more than a month are drawn as bars from start to end; numbers
    beside the markers refer to the table, so that long descriptions stay readable.

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
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['NATO (collective decision)', 'member state (bilateral)']
    """
    _check_events(events)
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
    ax = ax if ax is not None else new_axes(9.5, 3.6)
    levels = [level for level in LEVELS if level in set(events["actor_level"])]
    lane = {level: len(levels) - 1 - k for k, level in enumerate(levels)}
    starts = [pd.Timestamp(s) for s in events["start"]]
    ends = [pd.Timestamp(e) for e in events["end"]]
    pad = pd.Timedelta(days=max(60, (max(ends) - min(starts)).days // 40))
    ax.set_xlim(min(starts) - pad, max(ends) + pad)
    for row, start, end in zip(events.itertuples(index=False), starts, ends):
        label, marker, colour = LEVELS[row.actor_level]
        y = lane[row.actor_level]
        if (end - start).days > 31:
            ax.plot([start, end], [y, y], color=colour, linewidth=5, alpha=0.45,
                    solid_capstyle="butt")
        ax.plot([start], [y], marker=marker, color=colour, markersize=7, linestyle="none",
                markeredgecolor=PALETTE["black"], markeredgewidth=0.6)
    _number_events(ax, events, starts, lane)
    ax.set_yticks([lane[level] for level in levels])
    ax.set_yticklabels([LEVELS[level][0] for level in levels])
    ax.set_ylim(-0.6, len(levels) - 0.2)
    ax.set_xlabel("year")
    ax.grid(axis="x", color=PALETTE["grey"], alpha=0.3)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    handles = [Line2D([], [], marker=m, color=c, linestyle="none", markeredgecolor="black",
                      label=lab) for key, (lab, m, c) in LEVELS.items() if key in levels]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.18), ncols=4,
              fontsize=8, frameon=False)
    ax.set_title(title or "Timeline (numbers refer to the table of events)")
    return ax


def _number_events(ax: Axes, events: pd.DataFrame, starts: list[pd.Timestamp],
                   lane: dict[str, int]) -> None:
    """Write each event's number above its marker, spreading numbers that would overlap.

    Within a lane, numbers closer than their width are pushed apart sideways (each cluster
    stays centred on its events) and joined to their marker by a thin leader line, so
    that events days apart (12 September and 2 and 4 October 2001) stay readable.
    """
    figure = ax.figure
    x0, x1 = (float(v) for v in ax.get_xlim())
    width_pt = ax.get_position().width * figure.get_figwidth() * 72.0
    scale = width_pt / (x1 - x0)                       # points per day (date units)
    xs = [float(matplotlib.dates.date2num(s)) for s in starts]
    by_lane: dict[str, list[int]] = {}
    for k, level in enumerate(events["actor_level"]):
        by_lane.setdefault(level, []).append(k)
    for level, members in by_lane.items():
        members = sorted(members, key=lambda k: (xs[k], k))
        widths = [4.6 * len(str(k + 1)) + 3.0 for k in members]
        wanted = [(xs[k] - x0) * scale for k in members]
        placed = _spread(wanted, widths)
        for k, want, got in zip(members, wanted, placed):
            shift = got - want
            arrow = (dict(arrowstyle="-", color=PALETTE["grey"], lw=0.6, shrinkA=0,
                          shrinkB=3.5) if abs(shift) > 2.0 else None)
            ax.annotate(str(k + 1), (starts[k], lane[level]), xytext=(shift, 13),
                        textcoords="offset points", ha="center", va="bottom", fontsize=7.5,
                        color=PALETTE["black"], arrowprops=arrow)


def _spread(wanted: list[float], widths: list[float]) -> list[float]:
    """Positions (points) as close as possible to ``wanted``, at least half-widths apart.

    Sorted input; clusters of overlapping labels are laid side by side and centred on
    the mean of what they wanted (a one-dimensional label repel).
    """
    clusters: list[list[int]] = []
    for i in range(len(wanted)):
        clusters.append([i])
        while len(clusters) > 1:
            first, last = clusters[-2], clusters[-1]
            left = _layout(first, wanted, widths)
            right = _layout(last, wanted, widths)
            gap = (widths[first[-1]] + widths[last[0]]) / 2
            if right[0] - left[-1] >= gap:
                break
            clusters[-2:] = [first + last]
    placed: list[float] = []
    for cluster in clusters:
        placed.extend(_layout(cluster, wanted, widths))
    return placed


def _layout(cluster: list[int], wanted: list[float], widths: list[float]) -> list[float]:
    offsets = [0.0]
    for a, b in zip(cluster, cluster[1:]):
        offsets.append(offsets[-1] + (widths[a] + widths[b]) / 2)
    centre = sum(wanted[i] for i in cluster) / len(cluster) - sum(offsets) / len(offsets)
    return [centre + o for o in offsets]


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
