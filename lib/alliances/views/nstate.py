"""Views of alliance formation among n states: Schelling's diagram and the road to two blocs.

A view module: it draws what :mod:`alliances.models.nstate` computes (our illustrative
n-state formation game) and tabulates and draws its timeline of the European great
powers' alignments, 1879-1907.

Examples
--------
>>> table = alignment_timeline()
>>> table["aligned"].tolist()
[2, 3, 5, 6, 6]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from alliances.models.nstate import (
    EUROPE_1879_1907,
    GREAT_POWERS,
    AlignmentEvent,
    FormationPayoffs,
    critical_mass,
    equilibrium_allies,
)
from alliances.i18n import _
from alliances.views.style import COL_COLOUR, PALETTE, ROW_COLOUR, localize_axes, new_axes

__all__ = ["plot_schelling_diagram", "alignment_timeline", "plot_alignment_timeline"]


def _check_ax(ax: object) -> None:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
            type=type(ax).__name__))



def plot_schelling_diagram(model: FormationPayoffs, ax: Axes | None = None, *,
                           title: str | None = None, annotate: bool = True) -> Axes:
    """Schelling's diagram: the payoff of Ally and of Abstain against k, with equilibria.

    With ``annotate=False`` the equilibria and critical mass are not written on the figure
    (for exercises).

    Examples
    --------
    >>> from alliances.models.nstate import formation_payoffs
    >>> ax = plot_schelling_diagram(formation_payoffs())
    >>> [line.get_label() for line in ax.get_lines()][:2]
    ['Ally', 'Abstain']
    """
    if not isinstance(model, FormationPayoffs):
        raise TypeError(_("model must be a FormationPayoffs; got {type}").format(
            type=type(model).__name__))
    _check_ax(ax)
    ax = ax if ax is not None else new_axes(6.4, 4.0)
    k = model.k
    ax.plot(k, model.ally, color=COL_COLOUR, linestyle="--", marker="s", linewidth=2,
            markersize=7, label=_("Ally"))
    ax.plot(k, model.abstain, color=ROW_COLOUR, linestyle="-", marker="o", linewidth=2,
            markersize=7, label=_("Abstain"))
    pays = model.ally >= model.abstain
    for x, better in zip(k, pays):
        if better:
            ax.axvspan(x - 0.5, x + 0.5, facecolor="#F6DCCB", edgecolor=COL_COLOUR,
                       hatch="//", linewidth=0, zorder=0)
    mass = critical_mass(model.ally, model.abstain)
    equilibria = equilibrium_allies(model.ally, model.abstain)
    listing = "; ".join(e.sentence(model.n) for e in equilibria)
    if annotate:
        ax.text(0.02, 0.03, _("equilibria: {listing}\ncritical mass: {mass}").format(
                    listing=listing,
                    mass=_("none (allying never pays)") if mass is None else f"k = {mass}"),
                transform=ax.transAxes, fontsize=8.5, va="bottom",
                bbox=dict(boxstyle="round,pad=0.3", facecolor="white",
                          edgecolor=PALETTE["grey"]))
    ax.set_xticks(k)
    ax.set_xlim(-0.5, model.n - 0.5)
    ax.set_xlabel(_("k: number of the other {others} states that ally").format(
        others=model.n - 1), fontsize=9.5)
    ax.set_ylabel(_("payoff to one state (illustrative units)"), fontsize=9.5)
    ax.set_title(title or _("Ally or abstain? {n} states (our illustrative model)").format(
        n=model.n), fontsize=11, loc="left")
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Patch(facecolor="#F6DCCB", edgecolor=COL_COLOUR, hatch="//",
                         label=_("allying pays at least as much")))
    ax.legend(handles=handles, fontsize=8.5, loc="upper right", framealpha=0.9)
    low = min(model.ally.min(), model.abstain.min())
    high = max(model.ally.max(), model.abstain.max())
    pad = 0.15 * (high - low or 1)
    ax.set_ylim(low - 3.2 * pad, high + 2.2 * pad)
    ax.tick_params(labelsize=9)
    return localize_axes(ax)


def alignment_timeline(events: Sequence[AlignmentEvent] = EUROPE_1879_1907) -> pd.DataFrame:
    """After each event, how many great powers are aligned, on which side.

    Returns
    -------
    DataFrame
        Columns: year, event, kind, members, triple_alliance_side, triple_entente_side,
        aligned, unaligned (numbers of great powers).

    Examples
    --------
    >>> table = alignment_timeline()
    >>> table[["year", "aligned", "unaligned"]].values.tolist()
    [[1879, 2, 4], [1882, 3, 3], [1894, 5, 1], [1904, 6, 0], [1907, 6, 0]]
    """
    if isinstance(events, (str, bytes)) or not isinstance(events, Sequence) or not events or \
            not all(isinstance(e, AlignmentEvent) for e in events):
        raise TypeError(_("events must be a non-empty list of AlignmentEvent objects; got "
                          "{value}").format(value=f"{events!r:.80}"))
    sides: dict[str, set[str]] = {"Triple Alliance": set(), "Triple Entente": set()}
    rows = []
    for event in sorted(events, key=lambda e: e.year):
        unknown = set(event.members) - set(GREAT_POWERS)
        if unknown or event.side not in sides:
            raise ValueError(_("event {name!r} has unknown members {unknown} or side "
                               "{side!r}").format(name=event.name, unknown=sorted(unknown),
                                                  side=event.side))
        sides[event.side] |= set(event.members)
        aligned = sides["Triple Alliance"] | sides["Triple Entente"]
        rows.append({"year": event.year, "event": event.name, "kind": event.kind,
                     "members": ", ".join(event.members),
                     "triple_alliance_side": len(sides["Triple Alliance"]),
                     "triple_entente_side": len(sides["Triple Entente"]),
                     "aligned": len(aligned), "unaligned": len(GREAT_POWERS) - len(aligned)})
    return pd.DataFrame(rows)


def plot_alignment_timeline(events: Sequence[AlignmentEvent] = EUROPE_1879_1907,
                            ax: Axes | None = None) -> Axes:
    """Stacked steps: the great powers on each side and those still unaligned, 1875-1910.

    Examples
    --------
    >>> ax = plot_alignment_timeline()
    >>> ax.get_ylabel(), [t.get_text() for t in ax.get_xticklabels()][:2]
    ('great powers (of 6)', ['1879 Dual Alliance', '1882 Triple Alliance'])
    """
    table = alignment_timeline(events)
    _check_ax(ax)
    ax = ax if ax is not None else new_axes(7.2, 4.4)
    years = np.array([1875, *table["year"], 1910])
    alliance = np.array([0, *table["triple_alliance_side"], table["triple_alliance_side"].iloc[-1]])
    entente = np.array([0, *table["triple_entente_side"], table["triple_entente_side"].iloc[-1]])
    total = len(GREAT_POWERS)
    layers = ((0, alliance, COL_COLOUR, "//", _("Triple Alliance side")),
              (alliance, alliance + entente, ROW_COLOUR, "\\\\", _("Triple Entente side")),
              (alliance + entente, np.full_like(alliance, total), "#EEEEEE", "..",
               _("unaligned")))
    for low, high, colour, hatch, label in layers:
        ax.fill_between(years, low, high, step="post", facecolor=colour, hatch=hatch,
                        edgecolor="white" if colour != "#EEEEEE" else PALETTE["grey"],
                        linewidth=0, label=label)
    ax.step(years, alliance + entente, where="post", color=PALETTE["black"], linewidth=1.2)
    ax.set_xticks(table["year"].tolist())
    ax.set_xticklabels([f"{year} {_(name)}" + (_(" (entente)") if kind == "entente" else "")
                        for year, name, kind in zip(table["year"], table["event"],
                                                    table["kind"])],
                       rotation=35, ha="right", fontsize=8)
    ax.set_xlim(1875, 1910)
    ax.set_ylim(0, total)
    ax.set_yticks(range(total + 1))
    ax.set_xlabel(_("year and alignment"), fontsize=9.5)
    ax.set_ylabel(_("great powers (of {total})").format(total=total), fontsize=9.5)
    ax.set_title(_("Two blocs form: European great powers, 1879–1907"), fontsize=11,
                 loc="left")
    ax.legend(fontsize=8.5, loc="upper left", framealpha=0.95)
    ax.tick_params(axis="y", labelsize=9)
    return localize_axes(ax)
