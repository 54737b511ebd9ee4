"""Alliance formation among n states: a Schelling diagram of ally or abstain.

Snyder (1984) likens the primary alliance dilemma to a prisoner's dilemma; with more than
two states it becomes an *n-person* game in which each state's best choice depends on how
many others ally. This module implements the n-state form of the course's theory notes
(``notebooks/theory_notes.md#the-primary-dilemma-as-a-game``), **our formalization**, whose
functional forms are **illustrative only**. With k the number of *other* states that ally:

* Ally:     u(Ally, k) = b·f(k + 1) − c − t·g(n − 1 − k)
* Abstain:  u(Abstain, k) = −h if k >= 1, else 0

with our choices f(m) = m / (m + 1) (protection grows with the size of one's side, with
diminishing returns; a lone ally still gains something from an outside partner) and
g(j) = 1 − j / (n − 1), where j = n − 1 − k is the number of other states left outside
(tension grows as fewer states stay neutral; neutrals act as buffers). b is the value of
protection, c the cost of an alliance, t the cost of tension, h the exposure of a state
that abstains once blocs exist.

A number m of allied states is an equilibrium when no allied state gains by abstaining
(u(Ally, m − 1) >= u(Abstain, m − 1)) and no abstaining state gains by allying
(u(Abstain, m) >= u(Ally, m)); :func:`equilibrium_allies` finds every such m, saying
which ones hold only because some state is indifferent (ties).

The module also holds a short timeline of the alignments of the European great powers,
1879-1907: standard dates from the diplomatic histories (e.g. Taylor 1954; Snyder 1997),
not from the course's data files.

Examples
--------
>>> model = formation_payoffs()                  # n = 6, the default parameters
>>> [e.allies for e in equilibrium_allies(model.ally, model.abstain)]
[6]
>>> bool(model.ally[-1] < model.abstain[0])      # all ally: worse than all abstain
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from alliances._validation import check_real
from alliances.views.style import COL_COLOUR, PALETTE, ROW_COLOUR, new_axes

__all__ = ["FormationPayoffs", "formation_payoffs", "AllianceEquilibrium",
           "equilibrium_allies", "critical_mass", "plot_schelling_diagram", "GREAT_POWERS",
           "AlignmentEvent", "EUROPE_1879_1907", "alignment_timeline",
           "plot_alignment_timeline", "PRESET_PARAMETERS"]

#: Parameter sets that show the three shapes of the diagram (n = 6).
PRESET_PARAMETERS: dict[str, dict[str, float]] = {
    "dilemma: allying always pays": dict(n=6, b=4, c=1, t=3, h=3),
    "tipping: alliances need a partner": dict(n=6, b=4, c=2.5, t=1, h=2),
    "buffers: some stay out": dict(n=6, b=4, c=0.5, t=6, h=0.5),
}


@dataclass(frozen=True)
class FormationPayoffs:
    """The payoffs of the n-state formation game against k, the number of others allying.

    Attributes
    ----------
    n : int
    b, c, t, h : float
    k : ndarray
        0, 1, ..., n − 1.
    ally, abstain : ndarray
        u(Ally, k) and u(Abstain, k).
    """

    n: int
    b: float
    c: float
    t: float
    h: float
    k: np.ndarray
    ally: np.ndarray
    abstain: np.ndarray


def formation_payoffs(n: int = 6, b: float = 4, c: float = 1, t: float = 3, h: float = 3
                      ) -> FormationPayoffs:
    """Payoffs of Ally and Abstain against the number k of other states that ally.

    Our formalization (notebooks/theory_notes.md#the-primary-dilemma-as-a-game) with
    illustrative forms f(m) = m / (m + 1) and
    g(j) = 1 − j / (n − 1) (see the module docstring).

    Parameters
    ----------
    n : int
        Number of states, 2 to 40.
    b, c, t, h : float
        Value of protection, cost of an alliance, cost of tension, exposure of a state
        that abstains once blocs exist; each >= 0.

    Returns
    -------
    FormationPayoffs

    Examples
    --------
    >>> model = formation_payoffs(n=3, b=4, c=1, t=2, h=3)
    >>> model.ally.round(4).tolist(), model.abstain.tolist()
    ([1.0, 0.6667, 0.0], [0.0, -3.0, -3.0])
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n must be an integer number of states; got {n!r}")
    if not 2 <= n <= 40:
        raise ValueError(f"n must be between 2 and 40; got {n}")
    b, c, t, h = (check_real(v, name, minimum=0) for v, name in ((b, "b"), (c, "c"),
                                                                  (t, "t"), (h, "h")))
    k = np.arange(n)
    protection = (k + 1) / (k + 2)                 # f(k + 1)
    tension = k / (n - 1)                          # g(n - 1 - k) = 1 - (n - 1 - k)/(n - 1)
    ally = b * protection - c - t * tension
    abstain = np.where(k >= 1, -h, 0.0)
    return FormationPayoffs(int(n), b, c, t, h, k, ally, abstain)


@dataclass(frozen=True)
class AllianceEquilibrium:
    """An equilibrium number of allied states.

    Attributes
    ----------
    allies : int
        How many states ally (the others abstain).
    strict : bool
        Whether every state strictly prefers its choice; False if some state is
        indifferent (a tie), so the equilibrium is weak.
    indifferent : tuple of str
        Who is indifferent: "allied states", "abstaining states".
    """

    allies: int
    strict: bool
    indifferent: tuple[str, ...]

    def sentence(self, n: int) -> str:
        """The equilibrium in words.

        Examples
        --------
        >>> AllianceEquilibrium(6, True, ()).sentence(6)
        'all 6 states ally'
        """
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            raise TypeError(f"n must be the number of states (an integer); got {n!r}")
        if n < max(self.allies, 1):
            raise ValueError(f"n must be at least the number of allies, {self.allies}; got {n}")
        if self.allies == n:
            text = f"all {n} states ally"
        elif self.allies == 0:
            text = f"all {n} states abstain"
        else:
            text = f"{self.allies} of the {n} states ally and {n - self.allies} abstain"
        if not self.strict:
            text += f" (weak: the {' and the '.join(self.indifferent)} are indifferent)"
        return text


def _check_ax(ax: object) -> None:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")


def _check_curves(ally: object, abstain: object) -> tuple[np.ndarray, np.ndarray]:
    arrays = []
    for value, name in ((ally, "ally"), (abstain, "abstain")):
        try:
            array = None if isinstance(value, (str, bytes, bool)) else np.asarray(value,
                                                                                   dtype=float)
        except (TypeError, ValueError, OverflowError):
            array = None
        if array is None or array.ndim != 1 or array.size < 1 or array.size > 40 or \
                not np.all(np.isfinite(array)):
            raise ValueError(f"{name} must be a 1-D sequence of finite payoffs, one for each "
                             f"k = 0, ..., n - 1; got {value!r}")
        arrays.append(array)
    if arrays[0].shape != arrays[1].shape:
        raise ValueError(f"ally and abstain must have the same length (n); got "
                         f"{arrays[0].size} and {arrays[1].size}")
    return arrays[0], arrays[1]


def equilibrium_allies(ally: Sequence[float], abstain: Sequence[float]
                       ) -> list[AllianceEquilibrium]:
    """Every equilibrium number of allied states, given the two payoff curves.

    With n states, m allies is an equilibrium if no allied state gains by switching
    (an allied state sees k = m − 1 other allies: ally[m − 1] >= abstain[m − 1]) and no
    abstaining state gains by switching (it sees k = m: abstain[m] >= ally[m]). Ties
    make an equilibrium weak; several equilibria can coexist.

    Parameters
    ----------
    ally, abstain : sequence of float
        u(Ally, k) and u(Abstain, k) for k = 0, ..., n − 1 other states allying.

    Returns
    -------
    list of AllianceEquilibrium
        In increasing number of allies.

    Examples
    --------
    A tipping game: allying pays only once another state allies.

    >>> [e.allies for e in equilibrium_allies([-1, 2, 2], [0, -1, -1])]
    [0, 3]

    A tie: with ally[0] = abstain[0], the first ally is indifferent.

    >>> [(e.allies, e.strict) for e in equilibrium_allies([0, -1], [0, 1])]
    [(0, False), (1, False)]
    """
    a, s = _check_curves(ally, abstain)
    n = a.size
    found = []
    for m in range(n + 1):
        indifferent = []
        ok = True
        if m >= 1:
            gain = a[m - 1] - s[m - 1]
            ok &= bool(gain >= 0)
            if gain == 0:
                indifferent.append("allied states")
        if m <= n - 1:
            gain = s[m] - a[m]
            ok &= bool(gain >= 0)
            if gain == 0:
                indifferent.append("abstaining states")
        if ok:
            found.append(AllianceEquilibrium(m, not indifferent, tuple(indifferent)))
    return found


def critical_mass(ally: Sequence[float], abstain: Sequence[float]) -> int | None:
    """The smallest number k of other allied states at which allying pays at least as much.

    None if abstaining pays more whatever the others do.

    Examples
    --------
    >>> critical_mass([-1, 2, 2], [0, -1, -1]), critical_mass([-1, -1], [0, 0])
    (1, None)
    """
    a, s = _check_curves(ally, abstain)
    hits = np.flatnonzero(a >= s)
    return int(hits[0]) if hits.size else None


def plot_schelling_diagram(model: FormationPayoffs, ax: Axes | None = None, *,
                           title: str | None = None, annotate: bool = True) -> Axes:
    """Schelling's diagram: the payoff of Ally and of Abstain against k, with equilibria.

    With ``annotate=False`` the equilibria and critical mass are not written on the figure
    (for exercises).

    Examples
    --------
    >>> ax = plot_schelling_diagram(formation_payoffs())
    >>> [line.get_label() for line in ax.get_lines()][:2]
    ['Ally', 'Abstain']
    """
    if not isinstance(model, FormationPayoffs):
        raise TypeError(f"model must be a FormationPayoffs; got {type(model).__name__}")
    _check_ax(ax)
    ax = ax if ax is not None else new_axes(6.4, 4.0)
    k = model.k
    ax.plot(k, model.ally, color=COL_COLOUR, linestyle="--", marker="s", linewidth=2,
            markersize=7, label="Ally")
    ax.plot(k, model.abstain, color=ROW_COLOUR, linestyle="-", marker="o", linewidth=2,
            markersize=7, label="Abstain")
    pays = model.ally >= model.abstain
    for x, better in zip(k, pays):
        if better:
            ax.axvspan(x - 0.5, x + 0.5, facecolor="#F6DCCB", edgecolor=COL_COLOUR,
                       hatch="//", linewidth=0, zorder=0)
    mass = critical_mass(model.ally, model.abstain)
    equilibria = equilibrium_allies(model.ally, model.abstain)
    listing = "; ".join(e.sentence(model.n) for e in equilibria)
    if annotate:
        ax.text(0.02, 0.03, f"equilibria: {listing}\ncritical mass: " +
                ("none (allying never pays)" if mass is None else f"k = {mass}"),
                transform=ax.transAxes, fontsize=8.5, va="bottom",
                bbox=dict(boxstyle="round,pad=0.3", facecolor="white",
                          edgecolor=PALETTE["grey"]))
    ax.set_xticks(k)
    ax.set_xlim(-0.5, model.n - 0.5)
    ax.set_xlabel(f"k: number of the other {model.n - 1} states that ally", fontsize=9.5)
    ax.set_ylabel("payoff to one state (illustrative units)", fontsize=9.5)
    ax.set_title(title or f"Ally or abstain? {model.n} states (our illustrative model)",
                 fontsize=11, loc="left")
    handles, labels = ax.get_legend_handles_labels()
    from matplotlib.patches import Patch
    handles.append(Patch(facecolor="#F6DCCB", edgecolor=COL_COLOUR, hatch="//",
                         label="allying pays at least as much"))
    ax.legend(handles=handles, fontsize=8.5, loc="upper right", framealpha=0.9)
    low = min(model.ally.min(), model.abstain.min())
    high = max(model.ally.max(), model.abstain.max())
    pad = 0.15 * (high - low or 1)
    ax.set_ylim(low - 3.2 * pad, high + 2.2 * pad)
    ax.tick_params(labelsize=9)
    return ax


# ----------------------------------------------------------- Europe, 1879-1907
#: The six European great powers of the period.
GREAT_POWERS: tuple[str, ...] = ("Germany", "Austria-Hungary", "Italy", "France", "Russia",
                                 "Britain")


@dataclass(frozen=True)
class AlignmentEvent:
    """One alignment between great powers.

    Attributes
    ----------
    year : int
    name : str
    kind : str
        "alliance" (a treaty of military commitment) or "entente" (a settlement of
        disputes without a military commitment).
    members : tuple of str
    side : str
        Which of the two blocs of 1907 it built: "Triple Alliance" or "Triple Entente".
    """

    year: int
    name: str
    kind: str
    members: tuple[str, ...]
    side: str


#: Standard dates from the diplomatic histories (e.g. Taylor 1954; Snyder 1997), not from
#: the course's data files. The list is deliberately short: other agreements of the period
#: are left out.
EUROPE_1879_1907: tuple[AlignmentEvent, ...] = (
    AlignmentEvent(1879, "Dual Alliance", "alliance", ("Germany", "Austria-Hungary"),
                   "Triple Alliance"),
    AlignmentEvent(1882, "Triple Alliance", "alliance", ("Germany", "Austria-Hungary", "Italy"),
                   "Triple Alliance"),
    AlignmentEvent(1894, "Franco-Russian Alliance", "alliance", ("France", "Russia"),
                   "Triple Entente"),
    AlignmentEvent(1904, "Entente Cordiale", "entente", ("Britain", "France"),
                   "Triple Entente"),
    AlignmentEvent(1907, "Anglo-Russian Convention", "entente", ("Britain", "Russia"),
                   "Triple Entente"),
)


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
        raise TypeError(f"events must be a non-empty list of AlignmentEvent objects; got "
                        f"{events!r:.80}")
    sides: dict[str, set[str]] = {"Triple Alliance": set(), "Triple Entente": set()}
    rows = []
    for event in sorted(events, key=lambda e: e.year):
        unknown = set(event.members) - set(GREAT_POWERS)
        if unknown or event.side not in sides:
            raise ValueError(f"event {event.name!r} has unknown members {sorted(unknown)} or "
                             f"side {event.side!r}")
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
    layers = ((0, alliance, COL_COLOUR, "//", "Triple Alliance side"),
              (alliance, alliance + entente, ROW_COLOUR, "\\\\", "Triple Entente side"),
              (alliance + entente, np.full_like(alliance, total), "#EEEEEE", "..",
               "unaligned"))
    for low, high, colour, hatch, label in layers:
        ax.fill_between(years, low, high, step="post", facecolor=colour, hatch=hatch,
                        edgecolor="white" if colour != "#EEEEEE" else PALETTE["grey"],
                        linewidth=0, label=label)
    ax.step(years, alliance + entente, where="post", color=PALETTE["black"], linewidth=1.2)
    ax.set_xticks(table["year"].tolist())
    ax.set_xticklabels([f"{year} {name}" + (" (entente)" if kind == "entente" else "")
                        for year, name, kind in zip(table["year"], table["event"],
                                                    table["kind"])],
                       rotation=35, ha="right", fontsize=8)
    ax.set_xlim(1875, 1910)
    ax.set_ylim(0, total)
    ax.set_yticks(range(total + 1))
    ax.set_xlabel("year and alignment", fontsize=9.5)
    ax.set_ylabel(f"great powers (of {total})", fontsize=9.5)
    ax.set_title("Two blocs form: European great powers, 1879–1907", fontsize=11, loc="left")
    ax.legend(fontsize=8.5, loc="upper left", framealpha=0.95)
    ax.tick_params(axis="y", labelsize=9)
    return ax
