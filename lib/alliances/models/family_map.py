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

The same engine (:func:`affine_family_regions`) maps any two parameters on which the four
payoffs depend linearly; :mod:`alliances.models.jervis` uses it for the offence-defence plane.

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
from functools import lru_cache
from itertools import combinations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from alliances._validation import check_labels, check_real
from alliances.models.classification import FAMILIES, family_of_payoffs
from alliances.models.games import Game, symmetric_game
from alliances.views.style import PALETTE, new_axes
from alliances.widgets.render import LayeredRenderer

__all__ = ["PAYOFF_NAMES", "SYMMETRIC_FAMILIES", "FAMILY_STYLE", "BOUNDARY_STYLE",
           "EQUILIBRIUM_KINDS", "Region", "TieSegment", "FamilyChange", "FamilyMap",
           "family_map", "affine_family_regions", "pattern_family", "family_changes",
           "family_phrase", "MapView", "AXIS_WORDS", "FamilyMapPlot",
           "plot_family_map", "family_style"]

#: The four payoffs of a symmetric 2x2 game, in the order used throughout.
PAYOFF_NAMES: tuple[str, str, str, str] = ("T", "R", "P", "S")

#: Colour (Okabe-Ito) and hatch of each family: colour is never the only cue.
FAMILY_STYLE: dict[str, tuple[str, str]] = {
    "Prisoner's Dilemma": (PALETTE["vermillion"], "/"),
    "Chicken": (PALETTE["orange"], "\\"),
    "Stag Hunt": (PALETTE["blue"], "."),
    "Deadlock": (PALETTE["purple"], "x"),
    "Harmony": (PALETTE["green"], "o"),
    "Coordination": (PALETTE["sky_blue"], "-"),
    "Battle of the Sexes": (PALETTE["yellow"], "|"),
    "Asymmetric dominance": (PALETTE["grey"], "+"),
    "Matching Pennies": (PALETTE["black"], "*"),
    "Cyclic": (PALETTE["black"], "O"),
}
#: The families a symmetric 2x2 game can belong to (the legend of every family map).
SYMMETRIC_FAMILIES: tuple[str, ...] = ("Prisoner's Dilemma", "Chicken", "Stag Hunt", "Deadlock",
                                       "Harmony", "Coordination", "Battle of the Sexes")
#: Style of an area on the boundary between families (a tie that holds everywhere in it).
#: Its hatch (a square grid with dots) matches no family's hatch, single or doubled as in
#: the legend: "xx" was Deadlock's legend hatch, and grey and purple are close under
#: deuteranopia.
BOUNDARY_STYLE: tuple[str, str] = (PALETTE["grey"], "+.")

#: Kinds of pure-equilibrium sets of a symmetric game: key -> (marker, description).
#: "C" is the first (cooperative) strategy, "D" the second; in the descriptions {C} and
#: {D} are the labels as verbs ("abstain", "ally"), {Cs} and {Ds} their third person.
EQUILIBRIUM_KINDS: dict[str, tuple[str, str]] = {
    "DD": ("o", "one equilibrium: both {D}"),
    "CC": ("s", "one equilibrium: both {C}"),
    "CC+DD": ("D", "two equilibria: both {C}, or both {D}"),
    "CD+DC": ("^", "two equilibria: one {Ds}, the other {Cs}"),
    "other": ("X", "three or more equilibria (ties)"),
}

#: What each payoff means in the alliance game (our formalization of Snyder 1984), for axis
#: labels (ordinal units).
AXIS_WORDS: dict[str, str] = {"T": "temptation: ally while the other abstains",
                              "R": "reward: both abstain", "P": "punishment: two rival blocs",
                              "S": "sucker's payoff: abstain while the other allies"}

_TINT = 0.62          # how far a region's fill is mixed towards white, for readable labels
_AREA_EPS = 1e-12


def family_style(family: str) -> tuple[str, str]:
    """The (colour, hatch) of a family name, or of a boundary such as "A / B".

    Examples
    --------
    >>> family_style("Stag Hunt")
    ('#0072B2', '.')
    >>> family_style("Prisoner's Dilemma / Stag Hunt") == BOUNDARY_STYLE
    True
    """
    if not isinstance(family, str):
        raise TypeError(f"family must be a family name (a string); got {family!r}")
    if family in FAMILY_STYLE:
        return FAMILY_STYLE[family]
    if " / " in family and all(part in FAMILIES for part in family.split(" / ")):
        return BOUNDARY_STYLE
    raise ValueError(f"family must be one of {list(FAMILIES)} or a boundary 'A / B'; got "
                     f"{family!r}")


# ------------------------------------------------------------------ classification
def _pattern(values: Sequence[float]) -> tuple[int, ...]:
    """Dense ranks of (T, R, P, S): equal values share a rank, 0 = smallest."""
    distinct = sorted(set(values))
    return tuple(distinct.index(v) for v in values)


@lru_cache(maxsize=None)
def _pattern_info(pattern: tuple[int, ...]) -> tuple[tuple[str, ...], tuple[tuple[int, int],
                                                                                  ...]]:
    """Families and pure equilibria (index pairs) of the symmetric game with this pattern.

    The classifier and the equilibria depend only on the ordinal pattern, so the ranks
    themselves serve as payoffs.
    """
    t, r, p, s = (float(v) for v in pattern)
    a = np.array([[r, s], [t, p]])
    families = family_of_payoffs(a, a.T)
    game = symmetric_game(t, r, p, s, labels=("C", "D"))
    index = {"C": 0, "D": 1}
    equilibria = tuple((index[x], index[y]) for x, y in game.pure_equilibria())
    return families, equilibria


def pattern_family(T: float, R: float, P: float, S: float) -> tuple[str, ...]:
    """The families of the symmetric game (T, R, P, S), cached by ordinal pattern.

    The same answer as :func:`alliances.models.classification.family_of_payoffs` on the game's
    payoff matrices (one family, or several on a boundary), only faster for maps.

    Examples
    --------
    >>> pattern_family(4, 3, 2, 1), pattern_family(40, 30, 20, 10)
    (("Prisoner's Dilemma",), ("Prisoner's Dilemma",))
    >>> pattern_family(4, 3, 1, 1)
    ("Prisoner's Dilemma", 'Chicken')
    """
    values = [check_real(v, name) for v, name in zip((T, R, P, S), PAYOFF_NAMES)]
    return _pattern_info(_pattern(values))[0]


def _equilibrium_kind(equilibria: tuple[tuple[int, int], ...]) -> str:
    cells = set(equilibria)
    for key, wanted in (("DD", {(1, 1)}), ("CC", {(0, 0)}), ("CC+DD", {(0, 0), (1, 1)}),
                        ("CD+DC", {(0, 1), (1, 0)})):
        if cells == wanted:
            return key
    return "other"


def _tie_text(values: Mapping[str, float]) -> str:
    """"T = R" for the payoffs that are equal at a point ("" if none are)."""
    groups: dict[float, list[str]] = {}
    for name, value in values.items():
        groups.setdefault(value, []).append(name)
    return ", ".join(" = ".join(g) for g in groups.values() if len(g) > 1)


# ---------------------------------------------------------------------- geometry
def _side(line: tuple[float, float, float], point: tuple[float, float]) -> float:
    c, a, b = line
    return c + a * point[0] + b * point[1]


def _clip(polygon: list[tuple[float, float]], line: tuple[float, float, float],
          sign: int) -> list[tuple[float, float]]:
    """The part of a convex polygon where ``sign * (c + a x + b y) >= 0``."""
    out: list[tuple[float, float]] = []
    count = len(polygon)
    for k in range(count):
        current, following = polygon[k], polygon[(k + 1) % count]
        s1, s2 = sign * _side(line, current), sign * _side(line, following)
        if s1 >= 0:
            out.append(current)
        if (s1 > 0 > s2) or (s1 < 0 < s2):
            w = s1 / (s1 - s2)
            out.append((current[0] + w * (following[0] - current[0]),
                        current[1] + w * (following[1] - current[1])))
    return out


def _area(polygon: Sequence[tuple[float, float]]) -> float:
    xs = np.array([p[0] for p in polygon])
    ys = np.array([p[1] for p in polygon])
    return float(0.5 * abs(np.dot(xs, np.roll(ys, -1)) - np.dot(ys, np.roll(xs, -1))))


def _tie_lines(payoffs: Mapping[str, tuple[float, float, float]]
               ) -> list[tuple[float, float, float]]:
    """Distinct lines (c, a, b), normalised, on which two payoffs are equal."""
    lines: list[tuple[float, float, float]] = []
    for first, second in combinations(PAYOFF_NAMES, 2):
        c = payoffs[first][0] - payoffs[second][0]
        a = payoffs[first][1] - payoffs[second][1]
        b = payoffs[first][2] - payoffs[second][2]
        norm = float(np.hypot(a, b))
        if norm == 0:
            continue            # a constant difference: never tied, or tied everywhere
        line = (c / norm, a / norm, b / norm)
        if line[1] < 0 or (line[1] == 0 and line[2] < 0):
            line = (-line[0], -line[1], -line[2])
        if not any(np.allclose(line, other, rtol=0, atol=1e-12) for other in lines):
            lines.append(line)
    return lines


# ------------------------------------------------------------------- data classes
@dataclass(frozen=True)
class Region:
    """A convex cell of the map in which no two payoffs change order.

    Attributes
    ----------
    vertices : tuple of (x, y)
        The corners of the cell, in order.
    family : str
        Its family, or "A / B" if a tie holds all over the cell (a boundary area).
    families : tuple of str
        The families found by breaking ties (one unless on a boundary).
    equilibria : tuple of (int, int)
        The pure equilibria of its games, as (row, column) strategy indices.
    point : (float, float)
        An interior point (the centroid), at which the cell was classified.
    area : float
    """

    vertices: tuple[tuple[float, float], ...]
    family: str
    families: tuple[str, ...]
    equilibria: tuple[tuple[int, int], ...]
    point: tuple[float, float]
    area: float

    @property
    def equilibrium_kind(self) -> str:
        """A key of :data:`EQUILIBRIUM_KINDS`, such as "DD" (both defect)."""
        return _equilibrium_kind(self.equilibria)


@dataclass(frozen=True)
class TieSegment:
    """A piece of a tie line on which the same two (or more) payoffs are equal.

    Attributes
    ----------
    start, end : (x, y)
    tie : str
        Which payoffs are equal, for example "T = R".
    family : str
        The classification on the segment: "A / B" if breaking the tie gives different
        families (a boundary), otherwise the one family on both sides.
    families : tuple of str
    """

    start: tuple[float, float]
    end: tuple[float, float]
    tie: str
    family: str
    families: tuple[str, ...]

    @property
    def boundary(self) -> bool:
        """Whether the families on the two sides of the tie differ."""
        return len(self.families) > 1


@dataclass(frozen=True)
class FamilyChange:
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
        word = "above" if self.direction == "raise" else "below"
        at = (f"on the boundary, {self.at_tie}" if " / " in self.at_tie
              else f"still {family_phrase(self.at_tie)}")
        return (f"{self.direction.capitalize()} {self.payoff} {word} {self.other} = "
                f"{self.threshold:g} and the game becomes {family_phrase(self.beyond)} "
                f"(at {self.payoff} = {self.other} it is {at}).")


_PHRASES = {"Prisoner's Dilemma": "a Prisoner's Dilemma", "Stag Hunt": "a Stag Hunt",
            "Coordination": "a Coordination game", "Battle of the Sexes": "a Battle of the Sexes",
            "Asymmetric dominance": "a game of asymmetric dominance",
            "Cyclic": "a Cyclic game"}


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
        raise TypeError(f"family must be a string; got {family!r}")
    if " / " in family:
        parts = family.split(" / ")
        return "on the boundary between " + ", ".join(parts[:-1]) + " and " + parts[-1]
    return _PHRASES.get(family, family)


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
        """What :class:`FamilyMapPlot` draws for this map.

        Examples
        --------
        >>> family_map(4, 3, 2, 1).view().note
        'fixed: R = 3, S = 1'
        """
        if axis_words is not None and not isinstance(axis_words, Mapping):
            raise TypeError(f"axis_words must be a mapping from payoff names to words, or "
                            f"None; got {type(axis_words).__name__} {axis_words!r}")
        words = AXIS_WORDS if axis_words is None else axis_words
        fixed = self.fixed
        return MapView(
            regions=self.regions, ties=self.ties, labels=self.labels, xlim=self.limits,
            ylim=self.limits, point=self.point,
            x_label=f"{self.x_name} ({words.get(self.x_name, self.x_name)})",
            y_label=f"{self.y_name} ({words.get(self.y_name, self.y_name)})",
            title=f"Families of symmetric 2×2 games over {self.x_name} and {self.y_name}",
            note="fixed: " + ", ".join(f"{k} = {v:g}" for k, v in fixed.items()),
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


def affine_family_regions(payoffs: Mapping[str, Sequence[float]],
                          xlim: tuple[float, float], ylim: tuple[float, float]
                          ) -> tuple[tuple[Region, ...], tuple[TieSegment, ...]]:
    """Exact regions and tie segments when each payoff is an affine function of (x, y).

    Parameters
    ----------
    payoffs : mapping
        For each of "T", "R", "P", "S", the coefficients ``(c, a, b)`` of
        ``c + a * x + b * y``.
    xlim, ylim : (float, float)
        The rectangle to map.

    Returns
    -------
    (regions, ties)
        The convex cells between tie lines, each classified at an interior point, and the
        pieces of the tie lines inside the rectangle, each classified at its midpoint.

    Examples
    --------
    T = x and P = y with R = 3 and S = 1 fixed:

    >>> regions, ties = affine_family_regions(
    ...     {"T": (0, 1, 0), "R": (3, 0, 0), "P": (0, 0, 1), "S": (1, 0, 0)}, (0, 6), (0, 6))
    >>> sorted({r.family for r in regions})
    ['Chicken', 'Coordination', 'Deadlock', 'Harmony', "Prisoner's Dilemma", 'Stag Hunt']
    >>> round(sum(r.area for r in regions), 9)
    36.0
    >>> [t.family for t in ties if t.tie == "T = R" and t.start[1] < 1]
    ['Harmony / Chicken']
    """
    if not isinstance(payoffs, Mapping) or set(payoffs) != set(PAYOFF_NAMES):
        raise ValueError(f"payoffs must map each of {list(PAYOFF_NAMES)} to (c, a, b); got "
                         f"{payoffs!r}")
    coeffs: dict[str, tuple[float, float, float]] = {}
    for name in PAYOFF_NAMES:
        entry = payoffs[name]
        if isinstance(entry, (str, bytes)) or not isinstance(entry, Sequence) or len(entry) != 3:
            raise ValueError(f"payoffs[{name!r}] must be three numbers (c, a, b); got {entry!r}")
        coeffs[name] = tuple(check_real(v, f"payoffs[{name!r}]") for v in entry)
    x0, x1 = _check_interval(xlim, "xlim")
    y0, y1 = _check_interval(ylim, "ylim")

    def values_at(point: tuple[float, float]) -> dict[str, float]:
        return {n: coeffs[n][0] + coeffs[n][1] * point[0] + coeffs[n][2] * point[1]
                for n in PAYOFF_NAMES}

    lines = _tie_lines(coeffs)
    cells = [[(x0, y0), (x1, y0), (x1, y1), (x0, y1)]]
    for line in lines:
        split = []
        for cell in cells:
            for sign in (1, -1):
                part = _clip(cell, line, sign)
                if len(part) >= 3 and _area(part) > _AREA_EPS * (x1 - x0) * (y1 - y0):
                    split.append(part)
        cells = split
    regions = []
    for cell in cells:
        centre = (float(np.mean([p[0] for p in cell])), float(np.mean([p[1] for p in cell])))
        families, equilibria = _pattern_info(_pattern(list(values_at(centre).values())))
        regions.append(Region(vertices=tuple((float(a), float(b)) for a, b in cell),
                              family=" / ".join(families), families=families,
                              equilibria=equilibria, point=centre, area=_area(cell)))
    ties = []
    square = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    for line in lines:
        chord = _chord(square, line)
        if chord is None:
            continue
        (ax_, ay), (bx, by) = chord
        cuts = {0.0, 1.0}
        for other in lines:
            if other is line:
                continue
            s1, s2 = _side(other, (ax_, ay)), _side(other, (bx, by))
            if s1 != s2 and (s1 <= 0 <= s2 or s2 <= 0 <= s1):
                cuts.add(s1 / (s1 - s2))
        cuts_sorted = sorted(c for c in cuts if 0.0 <= c <= 1.0)
        for t0, t1 in zip(cuts_sorted, cuts_sorted[1:]):
            if t1 - t0 < 1e-12:
                continue
            start = (ax_ + t0 * (bx - ax_), ay + t0 * (by - ay))
            end = (ax_ + t1 * (bx - ax_), ay + t1 * (by - ay))
            middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
            # On the line two payoffs are equal in exact arithmetic; floating point may miss
            # by an ulp, so snap the tied pair before classifying.
            values = _snap_tie(values_at(middle), coeffs, line)
            families = _pattern_info(_pattern(list(values.values())))[0]
            segment = TieSegment(start=start, end=end, tie=_tie_text(values),
                                 family=" / ".join(families), families=families)
            if ties and ties[-1].end == start and ties[-1].family == segment.family \
                    and ties[-1].tie == segment.tie:
                segment = TieSegment(ties[-1].start, end, segment.tie, segment.family,
                                     segment.families)
                ties[-1] = segment
            else:
                ties.append(segment)
    return tuple(regions), tuple(ties)


def _snap_tie(values: dict[str, float], coeffs: Mapping[str, tuple[float, float, float]],
              line: tuple[float, float, float]) -> dict[str, float]:
    """Make the payoffs that tie on ``line`` exactly equal (floating-point clean-up)."""
    snapped = dict(values)
    for first, second in combinations(PAYOFF_NAMES, 2):
        da = coeffs[first][1] - coeffs[second][1]
        db = coeffs[first][2] - coeffs[second][2]
        norm = float(np.hypot(da, db))
        if norm == 0:
            continue
        if np.isclose(abs(da / norm * line[1] + db / norm * line[2]), 1.0, atol=1e-12) and \
                abs(snapped[first] - snapped[second]) < 1e-9 * (1 + abs(snapped[first])):
            fixed_first = coeffs[first][1] == 0 and coeffs[first][2] == 0
            if fixed_first:
                snapped[second] = snapped[first]
            else:
                snapped[first] = snapped[second]
    return snapped


def _chord(square: list[tuple[float, float]], line: tuple[float, float, float]
           ) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The segment of ``line`` inside the rectangle, or None if it misses it."""
    points = []
    for k in range(4):
        p, q = square[k], square[(k + 1) % 4]
        s1, s2 = _side(line, p), _side(line, q)
        if s1 == 0:
            points.append(p)
        if (s1 < 0 < s2) or (s1 > 0 > s2):
            w = s1 / (s1 - s2)
            points.append((p[0] + w * (q[0] - p[0]), p[1] + w * (q[1] - p[1])))
    unique: list[tuple[float, float]] = []
    for point in points:
        if not any(np.hypot(point[0] - u[0], point[1] - u[1]) < 1e-12 for u in unique):
            unique.append(point)
    if len(unique) < 2:
        return None
    unique.sort()
    return unique[0], unique[-1]


def _check_interval(value: object, name: str) -> tuple[float, float]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
        raise TypeError(f"{name} must be a pair (low, high); got {value!r}")
    low, high = (check_real(v, name) for v in value)
    if not low < high:
        raise ValueError(f"{name} must have low < high; got {value!r}")
    return low, high


def _check_pair(pair: object) -> tuple[str, str]:
    if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
        raise TypeError(f"pair must be two payoff names such as ('T', 'P'); got {pair!r}")
    names = tuple(pair)
    if not all(n in PAYOFF_NAMES for n in names) or names[0] == names[1]:
        raise ValueError(f"pair must be two different names among {list(PAYOFF_NAMES)}; got "
                         f"{pair!r}")
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
    low, high = _check_interval(limits, "limits")
    labels = check_labels(labels, 2, "labels")
    if resolution is not None:
        if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)):
            raise TypeError(f"resolution must be an integer or None; got {resolution!r}")
        if not 2 <= resolution <= 1001:
            raise ValueError(f"resolution must be between 2 and 1001; got {resolution}")
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
                   ) -> list[FamilyChange]:
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
    list of FamilyChange
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
        raise ValueError(f"payoff must be one of {list(PAYOFF_NAMES)}; got {payoff!r}")
    current = " / ".join(pattern_family(*values.values()))
    others = sorted({values[n] for n in PAYOFF_NAMES if n != payoff})
    changes = []
    for direction in ("lower", "raise"):
        ahead = [v for v in others if (v < values[payoff] if direction == "lower"
                                       else v > values[payoff])]
        if direction == "lower":
            ahead = ahead[::-1]
        for k, threshold in enumerate(ahead):
            following = ahead[k + 1] if k + 1 < len(ahead) else (
                threshold - 1 if direction == "lower" else threshold + 1)
            probe = dict(values)
            probe[payoff] = (threshold + following) / 2
            beyond = " / ".join(pattern_family(*probe.values()))
            if beyond != current:
                probe[payoff] = threshold
                at_tie = " / ".join(pattern_family(*probe.values()))
                other = " = ".join(n for n in PAYOFF_NAMES
                                   if n != payoff and values[n] == threshold)
                changes.append(FamilyChange(payoff, direction, other, threshold, at_tie,
                                            beyond))
                break
    return changes


# ----------------------------------------------------------------------- plotting
def _tint(colour: str, amount: float = _TINT) -> tuple[float, float, float]:
    rgb = np.array([int(colour[k:k + 2], 16) / 255 for k in (1, 3, 5)])
    return tuple(float(v) for v in rgb + (1 - rgb) * amount)


@dataclass(frozen=True)
class MapView:
    """What a region map shows: the input of :class:`FamilyMapPlot`.

    :meth:`FamilyMap.view` makes one for a family map; other models whose payoffs depend
    linearly on two parameters (:mod:`alliances.models.jervis`) make their own.

    Attributes
    ----------
    regions : tuple of Region
    ties : tuple of TieSegment
    labels : (str, str)
        Strategy labels, cooperative first.
    xlim, ylim : (float, float)
    point : (float, float)
        Where the star goes.
    x_label, y_label, title, note : str
        Axis labels (with units), the title, and a short note above the map's top right.
    key : tuple
        Identifies the regions: equal keys mean the map itself did not change.
    """

    regions: tuple[Region, ...]
    ties: tuple[TieSegment, ...]
    labels: tuple[str, str]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    point: tuple[float, float]
    x_label: str
    y_label: str
    title: str
    note: str
    key: tuple


class FamilyMapPlot:
    """A family-map figure whose artists are updated in place for a new map.

    Regions are filled with the family's colour *and* hatch, and labelled with the family
    name and a marker for the kind of pure equilibria; ties that change the family are
    solid black lines, ties that change nothing are dotted grey; the game the map was drawn
    around is a star.

    For widgets, :meth:`render_png` renders in layers (see :class:`LayeredRenderer`): the
    frame and legend are drawn only when the axes change, the map only when its regions
    change; moving the game's point redraws just the star.

    Parameters
    ----------
    fmap : FamilyMap or MapView
    ax : Axes, optional
        By default a new figure outside pyplot.
    title : str, optional
        A fixed title; by default the view's.
    legend : bool
        Whether to draw the legend to the right of the map (families, ties, markers).
    markers : bool
        Whether to mark the kind of equilibria in each labelled region.

    Examples
    --------
    >>> plot = FamilyMapPlot(family_map(4, 3, 2, 1, resolution=None))
    >>> plot.ax.get_xlabel(), plot.point.get_data()
    ('T (temptation: ally while the other abstains)', ([4.0], [2.0]))
    >>> plot.update(family_map(4, 3, 1, 2, resolution=None))
    >>> plot.point.get_data(), plot.render_png()[:4]
    (([4.0], [1.0]), b'\\x89PNG')
    """

    def __init__(self, fmap: FamilyMap | MapView, ax: Axes | None = None, *,
                 title: str | None = None, legend: bool = True, markers: bool = True) -> None:
        if ax is not None and not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
        self.ax = ax if ax is not None else new_axes(8.4, 5.2, pyplot=False)
        self._fixed_title = title
        self._legend = bool(legend)
        self._markers = bool(markers)
        ax = self.ax
        self.patches: list[Polygon] = []
        self.texts: list = []
        self.boundaries = LineCollection([], colors=PALETTE["black"], linewidths=2.2,
                                         zorder=3)
        self.neutral_ties = LineCollection([], colors=PALETTE["grey"], linewidths=1.0,
                                           linestyles=":", zorder=3)
        ax.add_collection(self.boundaries)
        ax.add_collection(self.neutral_ties)
        self.markers = {key: ax.plot([], [], linestyle="none", marker=marker, markersize=7,
                                     markerfacecolor="white", markeredgecolor="black",
                                     markeredgewidth=1.3, zorder=5)[0]
                        for key, (marker, _) in EQUILIBRIUM_KINDS.items()}
        self.point = ax.plot([], [], linestyle="none", marker="*", markersize=18,
                             markerfacecolor=PALETTE["yellow"], markeredgecolor="black",
                             markeredgewidth=1.4, zorder=7, clip_on=False)[0]
        self.note = ax.text(1.0, 1.01, "", transform=ax.transAxes, ha="right", va="bottom",
                            fontsize=9)
        ax.set_aspect("equal", adjustable="box")
        ax.tick_params(labelsize=9)
        self.title = ax.set_title("", fontsize=11, loc="left", y=1.045)
        self._legend_key: tuple | None = None
        self._frame_key: tuple | None = None
        self._map_key: tuple | None = None
        self._renderer: LayeredRenderer | None = None
        self.update(fmap)

    def _patch(self, k: int) -> Polygon:
        while len(self.patches) <= k:
            patch = Polygon(np.zeros((3, 2)), closed=True, linewidth=0, zorder=1)
            self.ax.add_patch(patch)
            self.patches.append(patch)
            if self._renderer is not None:
                raise RuntimeError("internal: the map needs more patches than prepared")
        return self.patches[k]

    def _text(self, k: int):
        while len(self.texts) <= k:
            self.texts.append(self.ax.text(0, 0, "", ha="center", va="bottom", fontsize=8.5,
                                           zorder=6, bbox=dict(boxstyle="round,pad=0.15",
                                                               facecolor="white",
                                                               edgecolor="none", alpha=0.85)))
            if self._renderer is not None:
                raise RuntimeError("internal: the map needs more labels than prepared")
        return self.texts[k]

    def map_artists(self) -> list:
        """The artists that change when the map's regions change (for layered rendering)."""
        return [*self.patches, self.boundaries, self.neutral_ties, *self.markers.values(),
                *self.texts, self.note]

    @property
    def frame_key(self) -> tuple:
        """Changes whenever the static frame (axes, labels, title, legend) changes."""
        return (self._frame_key, self._legend_key, self.title.get_text())

    @property
    def map_key(self) -> tuple | None:
        """Changes whenever the map's regions change."""
        return self._map_key

    def update(self, fmap: FamilyMap | MapView) -> None:
        """Show ``fmap`` by updating the existing artists."""
        if isinstance(fmap, FamilyMap):
            view = fmap.view()
        elif isinstance(fmap, MapView):
            view = fmap
        else:
            raise TypeError(f"fmap must be a FamilyMap or a MapView; got {type(fmap).__name__}")
        ax = self.ax
        self.view = view
        frame_key = (view.xlim, view.ylim, view.x_label, view.y_label)
        if frame_key != self._frame_key:
            ax.set_xlim(*view.xlim)
            ax.set_ylim(*view.ylim)
            ax.set_xlabel(view.x_label, fontsize=9.5)
            ax.set_ylabel(view.y_label, fontsize=9.5)
        self.title.set_text(self._fixed_title if self._fixed_title is not None else view.title)
        map_key = (frame_key, view.key)
        if map_key != self._map_key:
            self._draw_map(view)
        if self._legend:
            self._update_legend(view)
        self._frame_key, self._map_key = frame_key, map_key
        self.point.set_data([view.point[0]], [view.point[1]])

    def _draw_map(self, view: MapView) -> None:
        for k, region in enumerate(view.regions):
            colour, hatch = family_style(region.family)
            patch = self._patch(k)
            patch.set_xy(np.array(region.vertices))
            patch.set_facecolor(_tint(colour))
            patch.set_hatch(hatch)
            patch.set_hatchcolor(colour)
            patch.set_edgecolor("none")
            patch.set_visible(True)
        for patch in self.patches[len(view.regions):]:
            patch.set_visible(False)
        self.boundaries.set_segments([[t.start, t.end] for t in view.ties if t.boundary])
        self.neutral_ties.set_segments([[t.start, t.end] for t in view.ties if not t.boundary])
        marker_points: dict[str, list[tuple[float, float]]] = {k: [] for k in EQUILIBRIUM_KINDS}
        width = view.xlim[1] - view.xlim[0]
        height = view.ylim[1] - view.ylim[0]
        shown = 0
        for group in _connected_groups(view.regions):
            biggest = max(group, key=lambda r: r.area)
            if sum(r.area for r in group) < 0.012 * width * height:
                continue           # too small to label; the legend and hatching still tell
            x, y = _label_point(biggest)
            text = self._text(shown)
            text.set_text(biggest.family.replace(" / ", " /\n"))
            text.set_position((x, y + 0.015 * height))
            text.set_visible(True)
            marker_points[biggest.equilibrium_kind].append((x, y - 0.045 * height))
            shown += 1
        for text in self.texts[shown:]:
            text.set_visible(False)
        for key, line in self.markers.items():
            points = marker_points[key] if self._markers else []
            line.set_data([p[0] for p in points], [p[1] for p in points])
        self.note.set_text(view.note)

    def _update_legend(self, view: MapView) -> None:
        # One legend for every map: all the families a symmetric game can belong to, so that
        # maps can be compared and the legend (static, drawn once) never has to change.
        key = view.labels
        if key == self._legend_key:
            return
        self._legend_key = key
        c, d = view.labels
        handles = []
        for family in SYMMETRIC_FAMILIES:
            colour, hatch = family_style(family)
            handles.append(Patch(facecolor=_tint(colour), edgecolor=colour, hatch=hatch * 2,
                                 label=family))
        colour, hatch = BOUNDARY_STYLE
        handles.append(Patch(facecolor=_tint(colour), edgecolor=colour, hatch=hatch,
                             label="boundary: a tie all over the area"))
        handles.append(Line2D([], [], color=PALETTE["black"], linewidth=2.2,
                              label="tie that changes the family"))
        handles.append(Line2D([], [], color=PALETTE["grey"], linewidth=1.0, linestyle=":",
                              label="tie that changes nothing"))
        for marker, words in EQUILIBRIUM_KINDS.values():
            handles.append(Line2D([], [], linestyle="none", marker=marker, markersize=7,
                                  markerfacecolor="white", markeredgecolor="black",
                                  label=words.format(C=c.lower(), D=d.lower(), Cs=_verb(c),
                                                     Ds=_verb(d))))
        handles.append(Line2D([], [], linestyle="none", marker="*", markersize=12,
                              markerfacecolor=PALETTE["yellow"], markeredgecolor="black",
                              label="the game shown"))
        legend = self.ax.get_legend()
        if legend is not None:
            legend.remove()
        self.ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                       fontsize=8, frameon=False, handlelength=1.8, borderaxespad=0,
                       title="Families and equilibria", title_fontsize=8.5,
                       alignment="left")

    def prepare_layers(self, *, patches: int = 24, labels: int = 16) -> None:
        """Create the artist pools up front (layered rendering needs a fixed set).

        A family map has at most 16 cells (five tie lines cut a square into at most 16),
        so the defaults always suffice.
        """
        for value, name in ((patches, "patches"), (labels, "labels")):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                raise TypeError(f"{name} must be an integer; got {value!r}")
            if not 1 <= value <= 200:
                raise ValueError(f"{name} must be between 1 and 200; got {value}")
        if self._renderer is not None:
            if patches > len(self.patches) or labels > len(self.texts):
                raise ValueError(f"patches and labels cannot grow after the first render_png "
                                 f"(prepared {len(self.patches)} and {len(self.texts)}); got "
                                 f"{patches} and {labels}")
            return
        self._patch(patches - 1)
        self._text(labels - 1)
        for artist in self.patches[len(self.view.regions):]:
            artist.set_visible(False)
        self._draw_map(self.view)

    def render_png(self) -> bytes:
        """The figure as PNG bytes, redrawing only the layers that changed.

        The first call makes the map's artists *animated* (drawn only by this method), so
        use it for every later rendering of this plot, not
        :func:`alliances.views.style.figure_png`.
        """
        if self._renderer is None:
            self.prepare_layers()
            self._renderer = LayeredRenderer(self.ax.figure,
                                             [self.map_artists(), [self.point]])
        return self._renderer.render([self.map_key, None], frame_key=self.frame_key)


def _verb(label: str) -> str:
    """The third person of a strategy label used as a verb: "allies", "abstains"."""
    word = label.lower()
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


def _label_point(region: Region) -> tuple[float, float]:
    """A point well inside a convex cell: the centroid of its area."""
    vertices = np.array(region.vertices)
    x, y = vertices[:, 0], vertices[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    if abs(area) < 1e-15:
        return region.point
    cx = float(((x + np.roll(x, -1)) * cross).sum() / (6 * area))
    cy = float(((y + np.roll(y, -1)) * cross).sum() / (6 * area))
    return cx, cy


def _connected_groups(regions: Sequence[Region]) -> list[list[Region]]:
    """Cells of the same family that share an edge, grouped (union-find)."""
    parent = list(range(len(regions)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    keys = [{(round(x, 9), round(y, 9)) for x, y in r.vertices} for r in regions]
    for i, j in combinations(range(len(regions)), 2):
        if regions[i].family == regions[j].family and len(keys[i] & keys[j]) >= 2:
            parent[find(i)] = find(j)
    groups: dict[int, list[Region]] = {}
    for k, region in enumerate(regions):
        groups.setdefault(find(k), []).append(region)
    return list(groups.values())


def plot_family_map(fmap: FamilyMap, ax: Axes | None = None, *, title: str | None = None
                    ) -> Axes:
    """Draw a family map: regions by colour and hatch, tie lines, equilibria, the game.

    Parameters
    ----------
    fmap : FamilyMap
    ax : Axes, optional
        Where to draw; a new figure (through pyplot, for notebooks) if omitted.
    title : str, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> ax = plot_family_map(family_map(4, 3, 2, 1, resolution=None))
    >>> ax.get_title(loc="left")
    'Families of symmetric 2×2 games over T and P'
    """
    plot = FamilyMapPlot(fmap, ax if ax is not None else new_axes(8.4, 5.2), title=title)
    return plot.ax
