"""Tests for ``alliances.models.family_map`` and the live family map widget.

The map must agree with the classifier point by point: expected families come from
``classification.family_of_payoffs`` called directly on each game's payoff matrices (no
cache), and from hand-written rankings for a few named points.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliances.models.classification import family_of_payoffs
from alliances.models.family_map import family_changes, family_map, family_phrase
from alliances.models.family_regions import (EQUILIBRIUM_KINDS, affine_family_regions,
                                             pattern_family)
from alliances.models.games import symmetric_game
from alliances.views.family_map import FamilyMapPlot, family_style
from alliances.views.style import new_axes
from alliances.widgets.render import LayeredRenderer
from alliances.widgets.family_map import PAIRS, FamilyMapExplorer
from alliances.widgets.payoff_editor import PayoffEditor

NAMES = ("T", "R", "P", "S")


def _direct(values: dict[str, float]) -> str:
    """The classifier's answer, straight from the payoff matrices."""
    a = np.array([[values["R"], values["S"]], [values["T"], values["P"]]])
    return " / ".join(family_of_payoffs(a, a.T))


# ------------------------------------------------------------ point by point
@pytest.mark.parametrize("pair", list(PAIRS.values()))
def test_grid_agrees_with_the_classifier_at_every_point(pair) -> None:
    fmap = family_map(4, 3, 2, 1, pair=pair, resolution=25)   # step 0.25: many exact ties
    assert fmap.families.shape == (25, 25)
    for row, y in enumerate(fmap.y):
        for col, x in enumerate(fmap.x):
            values = fmap.payoffs_at(x, y)
            assert fmap.families[row, col] == _direct(values), (x, y, values)


@settings(max_examples=60)
@given(st.lists(st.integers(0, 12), min_size=4, max_size=4),
       st.sampled_from(list(PAIRS.values())), st.integers(0, 12), st.integers(0, 12))
def test_family_at_agrees_with_the_classifier(values, pair, x, y) -> None:
    # Halves of integers on [0, 6]: ties with the fixed payoffs are frequent.
    t, r, p, s = (v / 2 for v in values)
    fmap = family_map(t, r, p, s, pair=pair, resolution=None)
    assert fmap.family_at(x / 2, y / 2) == _direct(fmap.payoffs_at(x / 2, y / 2))


@pytest.mark.parametrize("point, expected", [
    # R = 3, S = 1 fixed. Rankings written by hand:
    ((4, 2), "Prisoner's Dilemma"),      # T > R > P > S
    ((2.5, 2), "Stag Hunt"),             # R > T > P > S
    ((4, 0.5), "Chicken"),               # T > R > S > P
    ((5, 4), "Deadlock"),                # T > P > R > S, (D, D) efficient
    ((2, 0.5), "Harmony"),               # R > T > S > P: cooperating dominant
    ((1.5, 2), "Coordination"),          # R > P > T > S: two equilibria, T < P
    ((3, 2), "Prisoner's Dilemma / Stag Hunt"),   # T = R
    ((4, 1), "Prisoner's Dilemma / Chicken"),     # P = S
])
def test_named_points(point, expected) -> None:
    assert family_map(4, 3, 2, 1).family_at(*point) == expected


# ------------------------------------------------------------------ regions
def _inside(polygon, point) -> bool:
    signs = []
    for k in range(len(polygon)):
        (x1, y1), (x2, y2) = polygon[k], polygon[(k + 1) % len(polygon)]
        signs.append((x2 - x1) * (point[1] - y1) - (y2 - y1) * (point[0] - x1))
    return all(s > 0 for s in signs) or all(s < 0 for s in signs)


@pytest.mark.parametrize("values", [(4, 3, 2, 1), (4, 3, 1, 2), (5, 2, 2, 2), (1, 1, 1, 1),
                                    (4, 3, 3, 1)])
@pytest.mark.parametrize("pair", [("T", "P"), ("S", "P"), ("R", "S")])
def test_regions_tile_the_square_and_match_the_grid(values, pair) -> None:
    fmap = family_map(*values, pair=pair, resolution=21)
    assert sum(r.area for r in fmap.regions) == pytest.approx(36.0)
    rng = np.random.default_rng(0)
    for point in rng.uniform(0, 6, size=(300, 2)):
        owners = [r for r in fmap.regions if _inside(r.vertices, point)]
        assert len(owners) == 1, point
        assert owners[0].family == _direct(fmap.payoffs_at(*point))
    for row, y in enumerate(fmap.y):
        for col, x in enumerate(fmap.x):
            region = fmap.region_at(x, y)
            if region is not None:      # off every tie line: the cell's family
                assert region.family == fmap.families[row, col]


@pytest.mark.parametrize("values", [(4, 3, 2, 1), (4, 3, 1, 2), (2, 5, 1, 3)])
def test_tie_segments_are_ties_classified_honestly(values) -> None:
    fmap = family_map(*values, resolution=None)
    assert fmap.ties
    for tie in fmap.ties:
        middle = ((tie.start[0] + tie.end[0]) / 2, (tie.start[1] + tie.end[1]) / 2)
        at = fmap.payoffs_at(*middle)
        first, second = tie.tie.split(", ")[0].split(" = ")[:2]
        assert at[first] == pytest.approx(at[second])
        # Either side of the line, a little way off: the two families of a boundary, or
        # the same family twice.
        dx, dy = tie.end[0] - tie.start[0], tie.end[1] - tie.start[1]
        normal = np.array([-dy, dx]) / np.hypot(dx, dy)
        sides = {_direct(fmap.payoffs_at(*(np.array(middle) + sign * 1e-4 * normal)))
                 for sign in (1, -1)}
        if tie.boundary:
            assert len(sides) == 2 and sides <= set(tie.families)
        else:
            assert sides == {tie.family}


def test_a_tie_that_holds_everywhere_makes_boundary_areas() -> None:
    # R = S fixed: every game on the map has a tie; the classifier calls some areas
    # boundaries, and the map must say so rather than pick a side.
    fmap = family_map(4, 2, 3, 2, pair=("T", "P"), resolution=13)
    assert any(" / " in r.family for r in fmap.regions)
    for region in fmap.regions:
        assert region.family == _direct(fmap.payoffs_at(*region.point))


def test_general_affine_engine_on_a_rotated_pair() -> None:
    # T = x + y and P = x - y with R, S fixed: check the cells against the classifier.
    coeffs = {"T": (0, 1, 1), "R": (3, 0, 0), "P": (0, 1, -1), "S": (1, 0, 0)}
    regions, ties = affine_family_regions(coeffs, (0, 4), (-2, 2))
    assert sum(r.area for r in regions) == pytest.approx(16.0)
    for region in regions:
        x, y = region.point
        values = {"T": x + y, "R": 3, "P": x - y, "S": 1}
        assert region.family == _direct(values)


def test_equilibria_of_the_regions() -> None:
    fmap = family_map(4, 3, 2, 1, resolution=None)
    kinds = {fmap.region_at(x, y).equilibrium_kind for x, y in [(4, 2), (4, 0.5), (2.5, 2)]}
    assert kinds == {"DD", "CD+DC", "CC+DD"}
    assert set(EQUILIBRIUM_KINDS) >= kinds


def test_pattern_family_is_the_classifier() -> None:
    for values in itertools.product([1, 2, 3], repeat=4):     # every weak ordering on 3 levels
        assert " / ".join(pattern_family(*values)) == _direct(dict(zip(NAMES, values)))


# --------------------------------------------------------------- explanation
def test_family_changes_by_hand() -> None:
    changes = family_changes(4, 3, 2, 1, "T")
    assert [(c.direction, c.other, c.threshold, c.beyond) for c in changes] == [
        ("lower", "R", 3.0, "Stag Hunt")]           # raising T keeps T > R > P > S
    changes = family_changes(4, 3, 2, 1, "P")
    assert [(c.direction, c.other, c.beyond) for c in changes] == [
        ("lower", "S", "Chicken"), ("raise", "R", "Deadlock")]
    assert changes[0].at_tie == "Prisoner's Dilemma / Chicken"


def test_family_phrase() -> None:
    assert family_phrase("Prisoner's Dilemma") == "a Prisoner's Dilemma"
    assert family_phrase("Harmony / Chicken") == "on the boundary between Harmony and Chicken"


# ---------------------------------------------------------------- validation
@pytest.mark.parametrize("kwargs, error, words", [
    (dict(pair=("T", "T")), ValueError, "pair"),
    (dict(pair=("T", "X")), ValueError, "pair"),
    (dict(pair="TP"), TypeError, "pair"),
    (dict(limits=(6, 0)), ValueError, "limits"),
    (dict(resolution=1), ValueError, "resolution"),
    (dict(resolution=2.5), TypeError, "resolution"),
    (dict(T=float("nan")), ValueError, "T"),
    (dict(labels=("A", "A")), ValueError, "labels"),
])
def test_bad_input_names_the_argument(kwargs, error, words) -> None:
    with pytest.raises(error, match=words):
        family_map(**kwargs)


def test_bad_input_elsewhere() -> None:
    with pytest.raises(ValueError, match="payoff"):
        family_changes(4, 3, 2, 1, "Q")
    with pytest.raises(ValueError, match="payoffs"):
        affine_family_regions({"T": (0, 1, 0)}, (0, 1), (0, 1))
    with pytest.raises(ValueError, match="family"):
        family_style("Poker")
    with pytest.raises(TypeError, match="fmap"):
        FamilyMapPlot("not a map")


# ------------------------------------------------------------------ plotting
def test_plot_draws_every_region_and_moves_the_point() -> None:
    plot = FamilyMapPlot(family_map(4, 3, 2, 1, resolution=None))
    visible = [p for p in plot.patches if p.get_visible()]
    assert len(visible) == len(plot.view.regions)
    plot.prepare_layers()
    renderer = LayeredRenderer(plot.ax.figure, [plot.map_artists(), [plot.point]])

    def render_png() -> bytes:
        return renderer.render([plot.map_key, None], frame_key=plot.frame_key)

    first = render_png()
    plot.update(family_map(2.5, 3, 2, 1, resolution=None))   # the point moves only
    moved = render_png()
    assert moved != first
    plot.update(family_map(4, 3, 2, 1, resolution=None))
    assert render_png() == first                             # layers restore exactly


def test_layered_renderer_needs_one_key_per_layer() -> None:
    figure = new_axes(pyplot=False).figure
    line, = figure.axes[0].plot([0, 1], [0, 1])
    renderer = LayeredRenderer(figure, [[line]])
    with pytest.raises(ValueError, match="keys"):
        renderer.render([None, None])


# -------------------------------------------------------------------- widget
def test_explorer_follows_the_editor() -> None:
    explorer = FamilyMapExplorer()
    assert "Prisoner's Dilemma region" in explorer.sentence
    explorer.swap.click()
    assert explorer.plot.point.get_data() == ([4.0], [1.0])
    assert "Chicken region" in explorer.sentence
    controls = explorer.editor.payoff_controls
    controls[4].value = 2.0                     # Row's T = 2 (and Column's, mirrored)
    assert explorer.editor.game.B[0, 1] == 2.0
    assert explorer.plot.point.get_data() == ([2.0], [1.0])
    explorer.pair.value = ("S", "P")
    assert explorer.plot.view.note == "fixed: T = 2, R = 3"
    assert explorer.error.value == ""


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
def test_explorer_never_errors_at_the_corners_of_its_range() -> None:
    explorer = FamilyMapExplorer()
    controls = explorer.editor.payoff_controls
    for values in itertools.product([0.0, 6.0], repeat=4):     # R, S, T, P
        for k, value in zip((0, 2, 4, 6), values):
            controls[k].value = value
        assert explorer.error.value == "" and explorer.editor.error.value == ""
        assert "The star" in explorer.sentence


def test_explorer_rejects_asymmetric_games() -> None:
    from alliances.models.games import Game
    with pytest.raises(ValueError, match="symmetric"):
        FamilyMapExplorer(Game([[3, 1], [4, 2]], [[3, 4], [1, 1]]))


def test_payoff_editor_symmetric_mode_mirrors_and_stays_compatible() -> None:
    editor = PayoffEditor(symmetric=True)
    editor.payoff_controls[2].value = 0.5       # Row's S at (Abstain, Ally)
    assert editor.game.A[0, 1] == 0.5 and editor.game.B[1, 0] == 0.5
    assert (editor.game.B == editor.game.A.T).all()
    plain = PayoffEditor()                      # default: no mirroring
    plain.payoff_controls[2].value = 0.5
    assert plain.game.B[1, 0] == 1.0            # Column's S unchanged
    with pytest.raises(ValueError, match="symmetric"):
        from alliances.models.games import Game
        PayoffEditor(Game([[3, 1], [4, 2]], [[3, 4], [1, 1]]), symmetric=True)


def test_symmetric_game_of_the_explorer_is_the_classifier_game() -> None:
    explorer = FamilyMapExplorer(symmetric_game(3, 4, 2, 1, labels=("Abstain", "Ally")))
    assert "Stag Hunt region" in explorer.sentence


def test_symmetric_families_are_all_the_families_symmetric_games_reach() -> None:
    # Every weak ordering of T, R, P, S on four levels: the strict ones give exactly the
    # families of the legend.
    from alliances.views.family_map import SYMMETRIC_FAMILIES
    found = set()
    for values in itertools.permutations([1, 2, 3, 4]):
        found |= set(pattern_family(*values))
    assert found == set(SYMMETRIC_FAMILIES)
