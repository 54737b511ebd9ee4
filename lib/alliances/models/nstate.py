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

from alliances._validation import check_real
from alliances.i18n import _, N_

__all__ = ["FormationPayoffs", "formation_payoffs", "equilibrium_allies", "critical_mass",
           "GREAT_POWERS", "AlignmentEvent", "EUROPE_1879_1907", "PRESET_PARAMETERS"]

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

    Examples
    --------
    >>> model = formation_payoffs(n=4)
    >>> model.k.tolist(), model.ally.round(2).tolist()
    ([0, 1, 2, 3], [1.0, 0.67, 0.0, -0.8])
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
        raise TypeError(_("n must be an integer number of states; got {n}").format(n=repr(n)))
    if not 2 <= n <= 40:
        raise ValueError(_("n must be between 2 and 40; got {n}").format(n=n))
    b, c, t, h = (check_real(v, name, minimum=0) for v, name in ((b, "b"), (c, "c"),
                                                                  (t, "t"), (h, "h")))
    k = np.arange(n)
    protection = (k + 1) / (k + 2)                 # f(k + 1)
    tension = k / (n - 1)                          # g(n - 1 - k) = 1 - (n - 1 - k)/(n - 1)
    ally = b * protection - c - t * tension
    abstain = np.where(k >= 1, -h, 0.0)
    return FormationPayoffs(int(n), b, c, t, h, k, ally, abstain)


@dataclass(frozen=True)
class _AllianceEquilibrium:
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
        >>> _AllianceEquilibrium(6, True, ()).sentence(6)
        'all 6 states ally'
        """
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            raise TypeError(_("n must be the number of states (an integer); got {n}").format(
                              n=repr(n)))
        if n < max(self.allies, 1):
            raise ValueError(_("n must be at least the number of allies, {allies}; got "
                               "{n}").format(allies=self.allies, n=n))
        if self.allies == n:
            text = _("all {n} states ally")
        elif self.allies == 0:
            text = _("all {n} states abstain")
        else:
            text = _("{allies} of the {n} states ally and {abstainers} abstain")
        text = text.format(n=n, allies=self.allies, abstainers=n - self.allies)
        if not self.strict:
            text += _(" (weak: the {states} are indifferent)").format(
                states=_(" and the ").join(_(s) for s in self.indifferent))
        return text


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
            raise ValueError(_("{name} must be a 1-D sequence of finite payoffs, one "
                               "for each k = 0, ..., n - 1; got {value}").format(
                               name=name, value=repr(value)))
        arrays.append(array)
    if arrays[0].shape != arrays[1].shape:
        raise ValueError(_("ally and abstain must have the same length (n); got {n_ally} "
                           "and {n_abstain}").format(n_ally=arrays[0].size,
                                            n_abstain=arrays[1].size))
    return arrays[0], arrays[1]


def equilibrium_allies(ally: Sequence[float], abstain: Sequence[float]
                       ) -> list[_AllianceEquilibrium]:
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
    list of _AllianceEquilibrium
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
                indifferent.append(N_("allied states"))
        if m <= n - 1:
            gain = s[m] - a[m]
            ok &= bool(gain >= 0)
            if gain == 0:
                indifferent.append(N_("abstaining states"))
        if ok:
            found.append(_AllianceEquilibrium(m, not indifferent, tuple(indifferent)))
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

    Examples
    --------
    >>> event = AlignmentEvent(1879, "Dual Alliance", "alliance",
    ...                        ("Germany", "Austria-Hungary"), "Triple Alliance")
    >>> event.members
    ('Germany', 'Austria-Hungary')
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
