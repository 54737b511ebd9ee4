"""The regions of the 2x2 families in a plane of games: exact polygons and tie lines.

Let the four payoffs (T, R, P, S) of a symmetric 2x2 game be affine functions of two
parameters (x, y). The family of the game at (x, y)
(:func:`alliances.models.classification.family_of_payoffs`) depends only on how the four
payoffs are *ordered*, so the plane falls into convex cells separated by straight *tie
lines*, where two payoffs are equal (T = R, P = S, T = P, ...). :func:`affine_family_regions`
cuts a rectangle along the tie lines and classifies each cell at an interior point
(:class:`Region`); it classifies the tie lines too (:class:`TieSegment`): a tie on which
breaking the tie either way gives different families is a *boundary* ("Prisoner's
Dilemma / Stag Hunt"); a tie that changes nothing keeps its family.

:mod:`alliances.models.family_map` uses it for the map over two payoffs,
:mod:`alliances.models.jervis` for the offence-defence plane; both describe what to draw
as a :class:`MapView` (drawn by :mod:`alliances.views.family_map`).

Examples
--------
>>> pattern_family(4, 3, 2, 1), pattern_family(4, 3, 1, 2)
(("Prisoner's Dilemma",), ('Chicken',))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np

from alliances._validation import check_interval, check_real
from alliances.i18n import _, N_
from alliances.models.classification import family_of_payoffs
from alliances.models.games import symmetric_game

__all__ = ["PAYOFF_NAMES", "EQUILIBRIUM_KINDS", "Region", "TieSegment", "MapView",
           "affine_family_regions", "pattern_family"]

#: The four payoffs of a symmetric 2x2 game, in the order used throughout.
PAYOFF_NAMES: tuple[str, str, str, str] = ("T", "R", "P", "S")

#: Kinds of pure-equilibrium sets of a symmetric game: key -> description.
#: "C" is the first (cooperative) strategy, "D" the second; in the descriptions {C} and
#: {D} are the labels as verbs ("abstain", "ally"), {Cs} and {Ds} their third person.
#: Marked for translation; translated where shown (the family map's legend).
EQUILIBRIUM_KINDS: dict[str, str] = {
    "DD": N_("one equilibrium: both {D}"),
    "CC": N_("one equilibrium: both {C}"),
    "CC+DD": N_("two equilibria: both {C}, or both {D}"),
    "CD+DC": N_("two equilibria: one {Ds}, the other {Cs}"),
    "other": N_("three or more equilibria (ties)"),
}

_AREA_EPS = 1e-12


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

    Examples
    --------
    >>> square = Region(vertices=((0, 0), (1, 0), (1, 1), (0, 1)), family="Harmony",
    ...                 families=("Harmony",), equilibria=((0, 0),), point=(0.5, 0.5),
    ...                 area=1.0)
    >>> square.equilibrium_kind
    'CC'
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

    Examples
    --------
    >>> TieSegment((3, 0), (3, 1), "T = R", "Harmony / Chicken", ("Harmony", "Chicken")).boundary
    True
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
    coeffs = _check_coefficients(payoffs)
    x0, x1 = check_interval(xlim, "xlim")
    y0, y1 = check_interval(ylim, "ylim")
    lines = _tie_lines(coeffs)
    rectangle = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    cells = _cut(rectangle, lines, _AREA_EPS * (x1 - x0) * (y1 - y0))
    regions = tuple(_region(cell, coeffs) for cell in cells)
    ties: list[TieSegment] = []
    for line in lines:
        for start, end in _tie_pieces(rectangle, line, lines):
            _append_merged(ties, _tie_segment(start, end, coeffs, line))
    return regions, tuple(ties)


def _check_coefficients(payoffs: object) -> dict[str, tuple[float, float, float]]:
    """The coefficients ``(c, a, b)`` of each payoff, checked."""
    if not isinstance(payoffs, Mapping) or set(payoffs) != set(PAYOFF_NAMES):
        raise ValueError(_("payoffs must map each of {payoff_names} to (c, a, b); got "
                           "{payoffs}").format(
                           payoff_names=list(PAYOFF_NAMES), payoffs=repr(payoffs)))
    coeffs: dict[str, tuple[float, float, float]] = {}
    for name in PAYOFF_NAMES:
        entry = payoffs[name]
        if isinstance(entry, (str, bytes)) or not isinstance(entry, Sequence) or len(entry) != 3:
            raise ValueError(_("payoffs[{name}] must be three numbers (c, a, b); got "
                               "{entry}").format(name=repr(name), entry=repr(entry)))
        coeffs[name] = tuple(check_real(v, f"payoffs[{name!r}]") for v in entry)
    return coeffs


def _values_at(coeffs: Mapping[str, tuple[float, float, float]],
               point: tuple[float, float]) -> dict[str, float]:
    """The four payoffs at ``point``."""
    return {n: coeffs[n][0] + coeffs[n][1] * point[0] + coeffs[n][2] * point[1]
            for n in PAYOFF_NAMES}


def _cut(rectangle: list[tuple[float, float]], lines: list[tuple[float, float, float]],
         min_area: float) -> list[list[tuple[float, float]]]:
    """The convex cells into which ``lines`` cut ``rectangle`` (slivers left out)."""
    cells = [rectangle]
    for line in lines:
        split = []
        for cell in cells:
            for sign in (1, -1):
                part = _clip(cell, line, sign)
                if len(part) >= 3 and _area(part) > min_area:
                    split.append(part)
        cells = split
    return cells


def _region(cell: list[tuple[float, float]],
            coeffs: Mapping[str, tuple[float, float, float]]) -> Region:
    """A cell, classified at its centre (the mean of its corners)."""
    centre = (float(np.mean([p[0] for p in cell])), float(np.mean([p[1] for p in cell])))
    families, equilibria = _pattern_info(_pattern(list(_values_at(coeffs, centre).values())))
    return Region(vertices=tuple((float(a), float(b)) for a, b in cell),
                  family=" / ".join(families), families=families,
                  equilibria=equilibria, point=centre, area=_area(cell))


def _tie_pieces(rectangle: list[tuple[float, float]], line: tuple[float, float, float],
                lines: list[tuple[float, float, float]]
                ) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The pieces (start, end) of ``line`` inside the rectangle, cut where other lines cross."""
    chord = _chord(rectangle, line)
    if chord is None:
        return []
    (ax_, ay), (bx, by) = chord
    cuts = _crossings(chord, line, lines)
    pieces = []
    for t0, t1 in zip(cuts, cuts[1:]):
        if t1 - t0 < 1e-12:
            continue
        pieces.append(((ax_ + t0 * (bx - ax_), ay + t0 * (by - ay)),
                       (ax_ + t1 * (bx - ax_), ay + t1 * (by - ay))))
    return pieces


def _crossings(chord: tuple[tuple[float, float], tuple[float, float]],
               line: tuple[float, float, float], lines: list[tuple[float, float, float]]
               ) -> list[float]:
    """Where the other lines cross ``chord``, as fractions of its length, with 0 and 1."""
    start, end = chord
    cuts = {0.0, 1.0}
    for other in lines:
        if other is line:
            continue
        s1, s2 = _side(other, start), _side(other, end)
        if s1 != s2 and (s1 <= 0 <= s2 or s2 <= 0 <= s1):
            cuts.add(s1 / (s1 - s2))
    return sorted(c for c in cuts if 0.0 <= c <= 1.0)


def _tie_segment(start: tuple[float, float], end: tuple[float, float],
                 coeffs: Mapping[str, tuple[float, float, float]],
                 line: tuple[float, float, float]) -> TieSegment:
    """A piece of a tie line, classified at its midpoint."""
    middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    # On the line two payoffs are equal in exact arithmetic; floating point may miss
    # by an ulp, so snap the tied pair before classifying.
    values = _snap_tie(_values_at(coeffs, middle), coeffs, line)
    families = _pattern_info(_pattern(list(values.values())))[0]
    return TieSegment(start=start, end=end, tie=_tie_text(values),
                      family=" / ".join(families), families=families)


def _append_merged(ties: list[TieSegment], segment: TieSegment) -> None:
    """Append ``segment``, or extend the last segment if it continues it unchanged."""
    last = ties[-1] if ties else None
    if last is not None and last.end == segment.start and last.family == segment.family \
            and last.tie == segment.tie:
        ties[-1] = TieSegment(last.start, segment.end, segment.tie, segment.family,
                              segment.families)
    else:
        ties.append(segment)


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






@dataclass(frozen=True)
class MapView:
    """What a region map shows: the input of :class:`~alliances.views.family_map.FamilyMapPlot`.

    :meth:`alliances.models.family_map.FamilyMap.view` makes one for a family map; other models whose payoffs depend
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

    Examples
    --------
    >>> regions, ties = affine_family_regions(
    ...     {"T": (0, 1, 0), "R": (3, 0, 0), "P": (0, 0, 1), "S": (1, 0, 0)}, (0, 6), (0, 6))
    >>> view = MapView(regions=regions, ties=ties, labels=("Abstain", "Ally"), xlim=(0, 6),
    ...                ylim=(0, 6), point=(4, 2), x_label="T", y_label="P",
    ...                title="Families over T and P", note="fixed: R = 3, S = 1", key=(3, 1))
    >>> len(view.regions), sum(t.boundary for t in view.ties) > 0
    (12, True)
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

