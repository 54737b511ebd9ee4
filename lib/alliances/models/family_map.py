"""A map of the 2x2 families: which game two states play as two payoffs vary.

Fix two of the four payoffs of a symmetric 2x2 game (by default R and S) and let the other
two (by default T and P) vary over a square. Every point of the square is a game, and
:func:`alliances.models.classification.family_of_payoffs` names its family. The family depends
only on how the four payoffs are *ordered*, so the square falls into a few regions
separated by straight *tie lines*, where two payoffs are equal (T = R, P = S, T = P, ...).

This module computes the map in two ways that must agree:

* **point by point** on a grid (:attr:`FamilyMap.families`): each grid point is classified
  by ``family_of_payoffs``; the answer is cached by the ordinal pattern of (T, R, P, S),
  since the classifier looks at nothing else;
* **exactly**, as polygons (:attr:`FamilyMap.regions`): the tie lines cut the square into
  convex cells in which no two payoffs change order; each cell is classified at an
  interior point. The tie lines themselves are classified too (:attr:`FamilyMap.ties`):
  a tie on which breaking the tie either way gives different families is a *boundary*
  ("Prisoner's Dilemma / Stag Hunt"); a tie that changes nothing keeps its family.

The exact regions come from :func:`alliances.models.family_regions.affine_family_regions`,
which maps any two parameters on which the four payoffs depend linearly. The map is drawn by
:mod:`alliances.views.family_map`; :func:`family_changes` says in words what moving one
payoff past another does to the family.

Examples
--------
>>> fmap = family_map(T=4, R=3, P=2, S=1)
>>> fmap.family_at(4, 2), fmap.family_at(4, 0.5), fmap.family_at(2.5, 2)
("Prisoner's Dilemma", 'Chicken', 'Stag Hunt')
>>> fmap.family_at(3, 2)          # T = R: on the boundary
"Prisoner's Dilemma / Stag Hunt"
"""


from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from alliances._validation import check_interval, check_labels, check_real
from alliances.i18n import _, N_, number
from alliances.models.family_regions import (PAYOFF_NAMES, MapView, Region, TieSegment,
                                             affine_family_regions, pattern_family)
from alliances.models.games import Game, symmetric_game

__all__ = ["FamilyMap", "family_map", "family_changes", "family_phrase"]


#: What each payoff means in the alliance game (our formalization of Snyder 1984), for axis
#: labels (ordinal units).
_AXIS_WORDS: dict[str, str] = {"T": N_("temptation: ally while the other abstains"),
                              "R": N_("reward: both abstain"),
                              "P": N_("punishment: two rival blocs"),
                              "S": N_("sucker's payoff: abstain while the other allies")}


@dataclass(frozen=True)
class _FamilyChange:
    """What happens to a game's family if one payoff moves past another.

    Attributes
    ----------
    payoff : str
        The payoff that moves ("T").
    direction : str
        "raise" or "lower".
    other : str
        The payoff it crosses ("R").
    threshold : float
        The value of ``other``, where the two tie.
    at_tie : str
        The family exactly at the tie (a boundary "A / B" or a single family).
    beyond : str
        The family just past the tie.

    Examples
    --------
    >>> change = family_changes(4, 3, 2, 1, "T")[0]
    >>> change.at_tie, change.beyond
    ("Prisoner's Dilemma / Stag Hunt", 'Stag Hunt')
    """

    payoff: str
    direction: str
    other: str
    threshold: float
    at_tie: str
    beyond: str

    def sentence(self) -> str:
        """The change in words.

        Examples
        --------
        >>> print(family_changes(4, 3, 2, 1, "T")[0].sentence())
        Lower T below R = 3 and the game becomes a Stag Hunt (at T = R it is on the boundary, Prisoner's Dilemma / Stag Hunt).
        """
        at = (_("on the boundary, {families}").format(
                  families=" / ".join(_(f) for f in self.at_tie.split(" / ")))
              if " / " in self.at_tie else
              _("still {family}").format(family=family_phrase(self.at_tie)))
        text = (_("Raise {payoff} above {other} = {threshold} and the game becomes {family} "
                  "(at {payoff} = {other} it is {at}).") if self.direction == "raise" else
                _("Lower {payoff} below {other} = {threshold} and the game becomes {family} "
                  "(at {payoff} = {other} it is {at})."))
        return text.format(payoff=self.payoff, other=self.other,
                           threshold=number(self.threshold, "g"),
                           family=family_phrase(self.beyond), at=at)


_PHRASES = {"Prisoner's Dilemma": N_("a Prisoner's Dilemma"), "Stag Hunt": N_("a Stag Hunt"),
            "Coordination": N_("a Coordination game"),
            "Battle of the Sexes": N_("a Battle of the Sexes"),
            "Asymmetric dominance": N_("a game of asymmetric dominance"),
            "Cyclic": N_("a Cyclic game")}


def _word(words: Mapping, name: str) -> object:
    """The words shown beside payoff ``name`` on an axis (translated when they are text)."""
    word = words.get(name, name)
    return _(word) if isinstance(word, str) else word


def family_phrase(family: str) -> str:
    """A family's name as it reads in a sentence: "a Stag Hunt", "Chicken".

    Examples
    --------
    >>> family_phrase("Stag Hunt"), family_phrase("Chicken")
    ('a Stag Hunt', 'Chicken')
    >>> family_phrase("Prisoner's Dilemma / Chicken")
    "on the boundary between Prisoner's Dilemma and Chicken"
    """
    if not isinstance(family, str):
        raise TypeError(_("family must be a string; got {family}").format(family=repr(family)))
    if " / " in family:
        parts = [_(part) for part in family.split(" / ")]
        return _("on the boundary between {families} and {last}").format(
            families=", ".join(parts[:-1]), last=parts[-1])
    return _(_PHRASES.get(family, family))



@dataclass(frozen=True)
class FamilyMap:
    """The families of symmetric 2x2 games over two payoffs, the other two fixed.

    Built by :func:`family_map`; see the module docstring.

    Attributes
    ----------
    x_name, y_name : str
        The payoffs on the horizontal and vertical axes.
    values : dict
        The game the map was drawn around: {"T": ..., "R": ..., "P": ..., "S": ...}.
    limits : (float, float)
        The range of both axes.
    x, y : ndarray
        Grid coordinates (empty if no grid was asked for).
    families : ndarray of str, shape (len(y), len(x))
        The family at each grid point, from the classifier.
    regions : tuple of Region
    ties : tuple of TieSegment
    labels : (str, str)
        The strategy labels (cooperate, defect).

    Examples
    --------
    >>> fmap = family_map(4, 3, 2, 1, resolution=None)
    >>> isinstance(fmap, FamilyMap), fmap.fixed, fmap.point
    (True, {'R': 3.0, 'S': 1.0}, (4.0, 2.0))
    """

    x_name: str
    y_name: str
    values: dict[str, float]
    limits: tuple[float, float]
    x: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    families: np.ndarray = field(repr=False)
    regions: tuple[Region, ...] = field(repr=False)
    ties: tuple[TieSegment, ...] = field(repr=False)
    labels: tuple[str, str] = ("Abstain", "Ally")

    @property
    def fixed(self) -> dict[str, float]:
        """The two payoffs held fixed."""
        return {k: v for k, v in self.values.items() if k not in (self.x_name, self.y_name)}

    @property
    def point(self) -> tuple[float, float]:
        """The coordinates of the game the map was drawn around."""
        return self.values[self.x_name], self.values[self.y_name]

    def payoffs_at(self, x: float, y: float) -> dict[str, float]:
        """The four payoffs of the game at ``(x, y)``.

        Examples
        --------
        >>> family_map(4, 3, 2, 1).payoffs_at(5, 0)
        {'T': 5.0, 'R': 3.0, 'P': 0.0, 'S': 1.0}
        """
        values = dict(self.values)
        values[self.x_name] = check_real(x, "x")
        values[self.y_name] = check_real(y, "y")
        return values

    def families_at(self, x: float, y: float) -> tuple[str, ...]:
        """The families at ``(x, y)`` (several on a boundary).

        Examples
        --------
        >>> family_map(4, 3, 2, 1).families_at(3, 3)      # T = R = P: five ways to break it
        ("Prisoner's Dilemma", 'Deadlock', 'Harmony', 'Stag Hunt', 'Coordination')
        """
        return pattern_family(*self.payoffs_at(x, y).values())

    def family_at(self, x: float, y: float) -> str:
        """The family at ``(x, y)``, "A / B" on a boundary.

        Examples
        --------
        >>> family_map(4, 3, 2, 1).family_at(2.5, 2)
        'Stag Hunt'
        """
        return " / ".join(self.families_at(x, y))

    def game_at(self, x: float, y: float) -> Game:
        """The game at ``(x, y)`` as a :class:`~alliances.models.games.Game`.

        Examples
        --------
        >>> family_map(4, 3, 2, 1).game_at(4, 0.5).pure_equilibria()
        [('Abstain', 'Ally'), ('Ally', 'Abstain')]
        """
        v = self.payoffs_at(x, y)
        return symmetric_game(v["T"], v["R"], v["P"], v["S"], labels=self.labels)

    def view(self, axis_words: Mapping[str, str] | None = None) -> MapView:
        """What :class:`~alliances.views.family_map.FamilyMapPlot` draws for this map.

        Examples
        --------
        >>> family_map(4, 3, 2, 1).view().note
        'fixed: R = 3, S = 1'
        """
        if axis_words is not None and not isinstance(axis_words, Mapping):
            raise TypeError(_("axis_words must be a mapping from payoff names to words, "
                              "or None; got {kind} {axis_words}").format(
                              kind=type(axis_words).__name__, axis_words=repr(axis_words)))
        words = _AXIS_WORDS if axis_words is None else axis_words
        fixed = self.fixed
        return MapView(
            regions=self.regions, ties=self.ties, labels=self.labels, xlim=self.limits,
            ylim=self.limits, point=self.point,
            x_label=f"{self.x_name} ({_word(words, self.x_name)})",
            y_label=f"{self.y_name} ({_word(words, self.y_name)})",
            title=_("Families of symmetric 2×2 games over {x} and {y}").format(
                x=self.x_name, y=self.y_name),
            note=_("fixed: {values}").format(values=", ".join(
                f"{k} = {number(v, 'g')}" for k, v in fixed.items())),
            key=(self.x_name, self.y_name, tuple(sorted(fixed.items())), self.labels))

    def region_at(self, x: float, y: float) -> Region | None:
        """The cell containing ``(x, y)`` in its interior (None on a tie line or outside).

        Examples
        --------
        >>> family_map(4, 3, 2, 1).region_at(4, 2).family
        "Prisoner's Dilemma"
        """
        point = (check_real(x, "x"), check_real(y, "y"))
        for region in self.regions:
            polygon = region.vertices
            signs = []
            for k in range(len(polygon)):
                (x1, y1), (x2, y2) = polygon[k], polygon[(k + 1) % len(polygon)]
                signs.append((x2 - x1) * (point[1] - y1) - (y2 - y1) * (point[0] - x1))
            if all(s > 1e-12 for s in signs) or all(s < -1e-12 for s in signs):
                return region
        return None





def _check_pair(pair: object) -> tuple[str, str]:
    if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
        raise TypeError(_("pair must be two payoff names such as ('T', 'P'); got {pair}").format(
                          pair=repr(pair)))
    names = tuple(pair)
    if not all(n in PAYOFF_NAMES for n in names) or names[0] == names[1]:
        raise ValueError(_("pair must be two different names among {payoff_names}; got "
                           "{pair}").format(payoff_names=list(PAYOFF_NAMES), pair=repr(pair)))
    return names  # type: ignore[return-value]


def _grid(low: float, high: float, count: int) -> np.ndarray:
    """``count`` evenly spaced values; exact at simple fractions (so ties are hit exactly)."""
    steps = count - 1
    return np.array([(low * (steps - k) + high * k) / steps for k in range(count)])


def family_map(T: float = 4, R: float = 3, P: float = 2, S: float = 1, *,
               pair: tuple[str, str] = ("T", "P"), limits: tuple[float, float] = (0.0, 6.0),
               resolution: int | None = 121,
               labels: tuple[str, str] = ("Abstain", "Ally")) -> FamilyMap:
    """The family map around the symmetric game (T, R, P, S), over two of its payoffs.

    Parameters
    ----------
    T, R, P, S : float
        The game; the two payoffs not in ``pair`` stay fixed at these values.
    pair : (str, str)
        The payoffs on the horizontal and vertical axes, default ("T", "P").
    limits : (float, float)
        The range of both axes.
    resolution : int or None
        Grid points per axis for the point-by-point map (at least 2), or None for none.
    labels : (str, str)
        The strategy labels, cooperative first.

    Returns
    -------
    FamilyMap

    Examples
    --------
    >>> fmap = family_map(4, 3, 2, 1, resolution=7)          # a grid step of 1
    >>> fmap.x.tolist()
    [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    >>> fmap.families[2, 4], fmap.families[2, 3]              # P = 2; T = 4, then T = R = 3
    ("Prisoner's Dilemma", "Prisoner's Dilemma / Stag Hunt")
    >>> family_map(4, 3, 2, 1, pair=("S", "P")).family_at(2, 1)   # swap P and S
    'Chicken'
    """
    values = {n: check_real(v, n) for n, v in zip(PAYOFF_NAMES, (T, R, P, S))}
    x_name, y_name = _check_pair(pair)
    low, high = check_interval(limits, "limits")
    labels = check_labels(labels, 2, "labels")
    if resolution is not None:
        if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)):
            raise TypeError(_("resolution must be an integer or None; got {resolution}").format(
                              resolution=repr(resolution)))
        if not 2 <= resolution <= 1001:
            raise ValueError(_("resolution must be between 2 and 1001; got {resolution}").format(
                               resolution=resolution))
    coeffs = {n: (0.0, float(n == x_name), float(n == y_name)) if n in (x_name, y_name)
              else (values[n], 0.0, 0.0) for n in PAYOFF_NAMES}
    regions, ties = affine_family_regions(coeffs, (low, high), (low, high))
    if resolution is None:
        xs = ys = np.empty(0)
        grid = np.empty((0, 0), dtype=object)
    else:
        xs = ys = _grid(low, high, resolution)
        grid = _families_on_grid(values, x_name, y_name, xs, ys)
    return FamilyMap(x_name=x_name, y_name=y_name, values=values, limits=(low, high), x=xs,
                     y=ys, families=grid, regions=regions, ties=ties, labels=labels)


def _families_on_grid(values: Mapping[str, float], x_name: str, y_name: str, xs: np.ndarray,
                      ys: np.ndarray) -> np.ndarray:
    """Classify every grid point; one classifier call per ordinal pattern (the cache)."""
    grid_x, grid_y = np.meshgrid(xs, ys)
    stack = np.array([grid_x if n == x_name else grid_y if n == y_name
                      else np.full_like(grid_x, values[n]) for n in PAYOFF_NAMES])
    code = np.zeros(grid_x.shape, dtype=np.int64)
    for k, (i, j) in enumerate(combinations(range(4), 2)):
        code += (np.sign(stack[i] - stack[j]).astype(np.int64) + 1) * 3 ** k
    result = np.empty(grid_x.shape, dtype=object)
    for value in np.unique(code):
        where = code == value
        row, col = np.argwhere(where)[0]
        point = [float(stack[n][row, col]) for n in range(4)]
        result[where] = " / ".join(pattern_family(*point))
    return result


def family_changes(T: float, R: float, P: float, S: float, payoff: str
                   ) -> list[_FamilyChange]:
    """How the family changes if ``payoff`` is raised or lowered past the next tie.

    For each direction, the first tie (with another payoff) past which the family differs
    from the current one; nothing if no such tie exists in that direction.

    Parameters
    ----------
    T, R, P, S : float
        The symmetric game.
    payoff : str
        The payoff that moves: "T", "R", "P" or "S".

    Returns
    -------
    list of _FamilyChange
        Lowering first, then raising.

    Examples
    --------
    >>> for change in family_changes(4, 3, 2, 1, "P"):
    ...     print(change.sentence())
    Lower P below S = 1 and the game becomes Chicken (at P = S it is on the boundary, Prisoner's Dilemma / Chicken).
    Raise P above R = 3 and the game becomes Deadlock (at P = R it is on the boundary, Prisoner's Dilemma / Deadlock).
    """
    values = {n: check_real(v, n) for n, v in zip(PAYOFF_NAMES, (T, R, P, S))}
    if payoff not in PAYOFF_NAMES:
        raise ValueError(_("payoff must be one of {payoff_names}; got {payoff}").format(
                           payoff_names=list(PAYOFF_NAMES), payoff=repr(payoff)))
    current = " / ".join(pattern_family(*values.values()))
    changes = (_first_change(values, payoff, direction, current)
               for direction in ("lower", "raise"))
    return [change for change in changes if change is not None]


def _first_change(values: Mapping[str, float], payoff: str, direction: str, current: str
                  ) -> _FamilyChange | None:
    """The first tie past which moving ``payoff`` in ``direction`` changes the family."""
    ahead = _thresholds(values, payoff, direction)
    step = -1 if direction == "lower" else 1
    for k, threshold in enumerate(ahead):
        following = ahead[k + 1] if k + 1 < len(ahead) else threshold + step
        beyond = _family_with(values, payoff, (threshold + following) / 2)
        if beyond != current:
            other = " = ".join(n for n in PAYOFF_NAMES if n != payoff and values[n] == threshold)
            return _FamilyChange(payoff, direction, other, threshold,
                                _family_with(values, payoff, threshold), beyond)
    return None


def _thresholds(values: Mapping[str, float], payoff: str, direction: str) -> list[float]:
    """The values of the other payoffs that ``payoff`` meets moving in ``direction``, nearest
    first."""
    others = sorted({values[n] for n in PAYOFF_NAMES if n != payoff})
    if direction == "lower":
        return [v for v in others if v < values[payoff]][::-1]
    return [v for v in others if v > values[payoff]]


def _family_with(values: Mapping[str, float], payoff: str, value: float) -> str:
    """The family ("A / B" on a boundary) once ``payoff`` is set to ``value``."""
    probe = dict(values)
    probe[payoff] = value
    return " / ".join(pattern_family(*probe.values()))
