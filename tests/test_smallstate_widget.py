"""Tests of the small-state widget (alliances.widgets.smallstate), without a browser."""

from __future__ import annotations

import pytest

from alliances.models.smallstate import SMALL_STATE_PRESETS, SmallState
from alliances.widgets.base import CUSTOM
from alliances.widgets.smallstate import SmallStateExplorer


def test_first_view_and_static_bundle() -> None:
    widget = SmallStateExplorer()
    # by hand: t = 0.4, rho = 0.6, e = 0.3, g = 0.3 -> t rho < g, stay out pays 2g - t = 0.2
    # and in the game with patron B Stay out is strictly dominant (0.2 against either
    # column, the best other row 0.175), so B is never tested: any chance from 0 to 1
    assert widget.sentence == ("Best choice: Stay out (payoff 0.20). Game with patron B, "
                               "infinitely many equilibria: Stay out while B honours with "
                               "any probability from 0.00 to 1.00.")
    bundle = widget._repr_mimebundle_()
    assert bundle["text/plain"] == widget.sentence
    assert bundle["image/png"]
    assert len(widget.sliders) <= 4


def test_sliders_move_the_choice_and_the_star() -> None:
    widget = SmallStateExplorer()
    widget.sliders["threat"].value = 0.8       # h* = (0.48 - 0.3)/0.6 = 0.3
    assert widget.choice.name == "Hedge"
    assert widget.choice.h_star == pytest.approx(0.3)
    assert tuple(widget.plot.point.get_data()[0]) == (0.8,)
    assert widget.preset.value == "Hedging: threat rising, patron half-reliable"


@pytest.mark.parametrize("name", list(SMALL_STATE_PRESETS))
def test_presets_and_reset(name: str) -> None:
    widget = SmallStateExplorer()
    widget.preset.value = name
    assert all(widget.sliders[k].value == pytest.approx(v) for k, v in SMALL_STATE_PRESETS[name].items())
    widget.reset.click()
    assert widget.sliders["threat"].value == pytest.approx(0.4)
    assert widget.preset.value == "Bebas-aktif: moderate threat, trade with both"


def test_custom_values_show_custom() -> None:
    widget = SmallStateExplorer(SmallState(threat=0.15))
    assert widget.preset.value == CUSTOM


def test_bad_input_is_refused() -> None:
    with pytest.raises(TypeError, match="model must be a SmallState"):
        SmallStateExplorer({"threat": 0.5})
    widget = SmallStateExplorer()
    widget.sliders["threat"].value = 5.0          # a bounded slider clips, never errors
    assert widget.sliders["threat"].value == 1.0
    assert widget.error.value == ""


def test_map_is_recomputed_only_when_it_can_change() -> None:
    widget = SmallStateExplorer()
    before = widget.plot.image.get_array().copy()
    widget.sliders["threat"].value = 0.9            # the map does not depend on the threat
    assert (widget.plot.image.get_array() == before).all()
    widget.sliders["entrapment"].value = 0.05       # smaller entrapment: more alignment
    after = widget.plot.image.get_array()
    assert (after != before).any()
    # by hand at threat 1, reliability 1, entrapment 0.05, trade 0.3: h* = 0.7/0.1 > 1
    assert after[-1, -1] == 1                       # "Align with B"


def test_the_equilibria_are_drawn_where_the_solver_puts_them() -> None:
    widget = SmallStateExplorer()
    widget.preset.value = "Hedging: threat rising, patron half-reliable"
    # by hand (tests/test_smallstate.py): B honours an aligned client (t = 0.8 > e = 0.3);
    # Stay out is a best reply while B honours with a chance of at most 9/16
    xs, ys = widget.plot.equilibria.get_data()
    points = [(x, y) for x, y in zip(xs, ys) if x == x]          # drop the NaN separators
    assert {x for x, _y in points} == {0.8}
    assert sorted(y for _x, y in points) == pytest.approx([0.0, 0.5625, 1.0, 1.0])
    assert "Align with B while B honours" in widget.sentence
    assert "from 0.00 to 0.56" in widget.sentence
    labels = [t.get_text() for t in widget.plot.axes[0].get_legend().get_texts()]
    assert labels == ["current values", "equilibria: chance that B honours"]


def test_figure_text_at_1024_px_stays_as_measured() -> None:
    """tests/browser/test_widget_layout.py measured this explorer's smallest figure text at
    1,024 px as 7.2 px on screen (KNOWN_SMALL_TEXT_1024) for a 1020 x 400 px figure whose
    smallest text is 12.5 px (9 pt) drawn. The equilibria's legend entry keeps both, so the
    on-screen size and the recorded floor still hold without a new browser run."""
    widget = SmallStateExplorer()
    assert tuple(widget.figure.get_size_inches() * widget.figure.dpi) == pytest.approx(
        (1020.0, 400.0))
    assert widget.smallest_text_px() == pytest.approx(12.5)
