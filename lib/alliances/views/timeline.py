"""The timeline figure: the dated events of a case study, grouped by who acted.

Draws the events table of :func:`alliances.cases.timeline.timeline` (or any table with
its columns): each event on its own row, labelled by **name and date**, grouped by the
level of the actor (NATO acting collectively, a member state acting bilaterally, the UN,
another actor), so that NATO's collective decisions stand apart from what members did on
their own. Marker shape and colour both show the level.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.transforms import ScaledTranslation

from alliances.i18n import N_, _
from alliances.views.style import PALETTE, localize_axes, new_axes

__all__ = ["LEVELS", "plot_timeline"]

#: Actor levels, in the order of the figure's lanes (top to bottom), with a label, a
#: marker and a colour each (shape and colour both carry the meaning).
LEVELS: dict[str, tuple[str, str, str]] = {
    "nato": (N_("NATO (collective decision)"), "s", PALETTE["blue"]),
    "member": (N_("member state (bilateral)"), "o", PALETTE["vermillion"]),
    "un": (N_("United Nations"), "^", PALETTE["green"]),
    "other": (N_("other actors"), "D", PALETTE["grey"]),
}


def _check_events(events: object) -> None:
    needed = {"start", "end", "label", "actor_level"}
    if not isinstance(events, pd.DataFrame) or not needed <= set(events.columns):
        raise TypeError(_("events must be a DataFrame from alliances.cases.timeline."
                          "timeline(...)"))
    if events.empty:
        raise ValueError(_("events must contain at least one event; got an empty table"))
    unknown = sorted(set(map(str, events["actor_level"])) - set(LEVELS))
    if unknown:
        raise ValueError(_("events: actor_level must be one of {levels}; got "
                           "{unknown}").format(levels=list(LEVELS), unknown=unknown))


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
        From :func:`alliances.cases.timeline.timeline` (possibly filtered), or any table
        with its columns ``start`` and ``end`` (dates), ``label`` and ``actor_level``
        (a key of :data:`LEVELS`).
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> from datetime import date
    >>> events = pd.DataFrame({
    ...     "start": [date(2001, 9, 12), date(2001, 12, 20), date(2003, 8, 11)],
    ...     "end": [date(2001, 9, 12), date(2001, 12, 20), date(2014, 12, 28)],
    ...     "label": ["Article 5 invoked, 12 Sep 2001", "UN creates ISAF, 20 Dec 2001",
    ...               "NATO commands ISAF, 11 Aug 2003 to 28 Dec 2014"],
    ...     "actor_level": ["nato", "un", "nato"]})
    >>> ax = plot_timeline(events)
    >>> labels = [t.get_text() for t in ax.get_yticklabels()]
    >>> labels[0], labels[-1]          # NATO's decisions first, then the UN's
    ('Article 5 invoked, 12 Sep 2001', 'UN creates ISAF, 20 Dec 2001')
    """
    _check_events(events)
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
            type=type(ax).__name__))
    events = events.reset_index(drop=True)
    levels, y_of, heading = _rows(events)
    ax = ax if ax is not None else new_axes(9.5, 0.27 * (len(events) + len(levels)) + 1.3)
    starts = [pd.Timestamp(s) for s in events["start"]]
    ends = [pd.Timestamp(e) for e in events["end"]]
    pad = pd.Timedelta(days=max(60, (max(ends) - min(starts)).days // 40))
    left = min(starts) - pad
    ax.set_xlim(left, max(ends) + pad)
    for k, row in enumerate(events.itertuples(index=False)):
        _label, marker, colour = LEVELS[row.actor_level]
        y = y_of[k]
        ax.plot([left, starts[k]], [y, y], color=PALETTE["grey"], lw=0.5, ls=":", alpha=0.7)
        if (ends[k] - starts[k]).days > 31:
            ax.plot([starts[k], ends[k]], [y, y], color=colour, linewidth=5, alpha=0.45,
                    solid_capstyle="butt")
        ax.plot([starts[k]], [y], marker=marker, color=colour, markersize=7,
                linestyle="none", markeredgecolor=PALETTE["black"], markeredgewidth=0.6)
    for level in levels:
        label, _marker, colour = LEVELS[level]
        ax.text(0.005, heading[level], _(label), transform=ax.get_yaxis_transform(),
                ha="left", va="center", fontsize=8.5, fontweight="bold", color=colour)
    order = sorted(y_of, key=lambda k: -y_of[k])
    ax.set_yticks([y_of[k] for k in order])
    ax.set_yticklabels([events.loc[k, "label"] for k in order], fontsize=8)
    ax.set_ylim(min(y_of.values()) - 0.7, 0.7)
    ax.set_xlabel(_("year"))
    ax.grid(axis="x", color=PALETTE["grey"], alpha=0.3)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    handles = [Line2D([], [], marker=m, color=c, linestyle="none", markeredgecolor="black",
                      label=_(lab)) for key, (lab, m, c) in LEVELS.items() if key in levels]
    # under the x axis's label whatever the figure's height: half an inch below the axes
    below = ax.transAxes + ScaledTranslation(0, -0.5, ax.figure.dpi_scale_trans)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0),
              bbox_transform=below, ncols=4, fontsize=8, frameon=False)
    ax.set_title(title or _("Timeline: each event by name and date, grouped by who acted"))
    return localize_axes(ax)
