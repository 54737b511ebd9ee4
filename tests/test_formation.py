"""Tests for ``alliances.models.formation`` and its widget: joining an alliance or staying out.

Expected values are worked out by hand from the model's definition (module docstring),
or checked against an independent route (the region grid against the threshold formula,
finite differences against monotonicity claims).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliances.models.formation import (
    DEFAULTS,
    PARAMETERS,
    PRESETS,
    hold_probability,
    join_decision,
    join_region,
    net_benefit,
    threat_threshold,
)
from alliances.views.formation import JoinRegionPlot, plot_join_region


def by_hand(threat, own, allies, w, autonomy, entrapment, spending) -> float:
    p = lambda s: s / (1 + s)  # noqa: E731 - the contest function, typed from the docstring
    return w * (threat * (p(own + allies) - p(own)) - entrapment) + (1 - w) * autonomy - spending


def test_hold_probability() -> None:
    assert hold_probability(1.0) == 0.5
    assert hold_probability(0.0) == 0.0
    assert hold_probability(np.array([1.0, 3.0])).tolist() == [0.5, 0.75]


def test_defaults_by_hand() -> None:
    # p(0.5) = 1/3, p(3.5) = 7/9: gain 0.5 * 4/9 = 2/9; 0.7 * (2/9 - 0.05) - 0.03 - 0.05.
    expected = 0.7 * (2 / 9 - 0.05) + 0.3 * -0.1 - 0.05
    assert net_benefit() == pytest.approx(expected)
    decision = join_decision()
    assert decision.decision == "join"
    assert decision.security_alone == pytest.approx(1 / 3)
    assert decision.security_allied == pytest.approx(7 / 9)
    assert decision.security_gain == pytest.approx(2 / 9)
    assert decision.terms == pytest.approx({"security": 0.7 * 2 / 9, "entrapment": -0.035,
                                            "autonomy": -0.03, "spending": -0.05})
    assert decision.net_benefit == pytest.approx(expected)


params = st.fixed_dictionaries({
    "threat": st.floats(0, 1), "own_strength": st.floats(0.05, 5),
    "allies_strength": st.floats(0, 10), "security_weight": st.floats(0, 1),
    "autonomy_change": st.floats(-0.5, 0.5), "entrapment_risk": st.floats(0, 0.5),
    "spending": st.floats(0, 0.5)})


@given(params)
@settings(max_examples=150)
def test_net_benefit_matches_the_formula(p) -> None:
    expected = by_hand(p["threat"], p["own_strength"], p["allies_strength"],
                       p["security_weight"], p["autonomy_change"], p["entrapment_risk"],
                       p["spending"])
    assert net_benefit(**p) == pytest.approx(expected, abs=1e-12)
    decision = join_decision(**p).decision
    if expected > 1e-9:
        assert decision == "join"
    elif expected < -1e-9:
        assert decision == "stay out"


@given(params)
@settings(max_examples=150)
def test_threshold_separates_join_from_stay_out(p) -> None:
    others = {k: v for k, v in p.items() if k != "threat"}
    edge = threat_threshold(**others)
    for threat in (0.0, 0.3, 0.7, 1.0):
        net = net_benefit(**others, threat=threat)
        if threat > edge + 1e-9:
            assert net > -1e-12
        elif threat < edge - 1e-9:
            assert net < 1e-12
    if 0 < edge < 1:
        assert net_benefit(**others, threat=edge) == pytest.approx(0.0, abs=1e-9)


def test_threshold_by_hand_and_infinite_cases() -> None:
    # Defaults: cost 0.7 * 0.05 + 0.3 * 0.1 + 0.05 = 0.115, slope 0.7 * 4/9.
    assert threat_threshold(**{k: v for k, v in DEFAULTS.items() if k != "threat"}) == \
        pytest.approx(0.115 / (0.7 * 4 / 9))
    assert threat_threshold(allies_strength=0.0) == math.inf          # no security gained
    assert threat_threshold(allies_strength=0.0, security_weight=0.5, autonomy_change=0.2,
                            entrapment_risk=0.0, spending=0.0) == -math.inf
    arr = threat_threshold(own_strength=np.array([0.5, 5.0]))
    assert arr.shape == (2,) and arr[0] < arr[1]                      # strong states need more
    with pytest.raises(TypeError, match="every parameter except threat"):
        threat_threshold(threat=0.5)


@given(st.floats(0.05, 4.9), st.floats(0.01, 0.1), st.floats(0.1, 10))
@settings(max_examples=60)
def test_weaker_states_gain_more_security(own, step, allies) -> None:
    """Capability aggregation matters most to the weak (Morrow's minor power)."""
    weak = join_decision(own_strength=own, allies_strength=allies).security_gain
    strong = join_decision(own_strength=own + step, allies_strength=allies).security_gain
    assert weak > strong


def test_presets_tell_morrows_story() -> None:
    small = join_decision(**PRESETS["Small state facing a threat"])
    major = join_decision(**PRESETS["Major power (gains autonomy)"])
    distant = join_decision(**PRESETS["Distant state, low threat"])
    assert small.decision == "join" and small.terms["security"] > 0.2
    # The major power joins for autonomy: security alone would not pay for the costs.
    assert major.decision == "join"
    assert major.terms["security"] < -(major.terms["entrapment"] + major.terms["spending"])
    assert major.terms["autonomy"] > 0
    assert distant.decision == "stay out"


def test_reasons_say_why() -> None:
    d = join_decision()
    assert d.reason.startswith("Joining pays (net benefit +0.041): the allies raise the "
                               "chance of holding the status quo if attacked from 33% to 78%")
    assert "The largest cost is the spending obligation." in d.reason
    out = join_decision(**PRESETS["Distant state, low threat"])
    assert out.reason.startswith("Staying out pays") and "less than the costs" in out.reason
    assert "The largest costs, equal, are the entrapment risk and the autonomy lost." in \
        out.reason
    tie = join_decision(threat=0.0, autonomy_change=0.0, entrapment_risk=0.0, spending=0.0)
    assert tie.decision == "indifferent" and tie.net_benefit == 0.0
    assert tie.reason.endswith("at no cost.")
    major = join_decision(**PRESETS["Major power (gains autonomy)"])
    assert "plus an autonomy gain worth 0.070" in major.reason


def test_region_grid_agrees_with_threshold() -> None:
    threats = np.linspace(0, 1, 11)
    strengths = np.linspace(0.05, 5, 9)
    grid = join_region("threat", threats, "own_strength", strengths)
    assert grid.shape == (9, 11)
    for row, own in zip(grid, strengths):
        edge = threat_threshold(own_strength=float(own),
                                **{k: v for k, v in DEFAULTS.items()
                                   if k not in ("threat", "own_strength")})
        assert np.array_equal(row > 0, threats > edge)
    # Any two parameters work, in either role.
    other = join_region("spending", [0.0, 0.5], "security_weight", [0.2, 0.9], threat=0.8)
    assert other[1, 0] > other[1, 1]                       # spending lowers the net benefit


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(threat=1.5), ValueError, "threat must be <= 1.0"),
    (dict(own_strength=0.0), ValueError, "own_strength must be > 0.0"),
    (dict(allies_strength=-1), ValueError, "allies_strength must be >= 0.0"),
    (dict(security_weight=float("nan")), ValueError, "security_weight must be a finite"),
    (dict(autonomy_change="-0.1"), TypeError, "autonomy_change must be a real number"),
    (dict(spending=-0.1), ValueError, "spending must be >= 0.0"),
    (dict(allies=3), TypeError, r"unknown parameter\(s\) \['allies'\]"),
])
def test_bad_parameters(kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        join_decision(**kwargs)


def test_bad_region_arguments() -> None:
    with pytest.raises(ValueError, match="x_name must be one of"):
        join_region("danger", [0, 1], "own_strength", [1, 2])
    with pytest.raises(ValueError, match="x_name and y_name must differ"):
        join_region("threat", [0, 1], "threat", [1, 2])
    with pytest.raises(TypeError, match="as the grid, not as parameters"):
        join_region("threat", [0, 1], "own_strength", [1, 2], threat=0.5)
    with pytest.raises(ValueError, match=r"y_values \(own_strength\) must be above 0"):
        join_region("threat", [0, 1], "own_strength", [0.0, 2])
    with pytest.raises(TypeError, match="x_values must be a list of numbers"):
        join_region("threat", "", "own_strength", [1, 2])
    with pytest.raises(ValueError, match="y_values must be a non-empty 1-D list"):
        join_region("threat", [0, 1], "own_strength", [])
    with pytest.raises(TypeError, match="x_name must be a parameter name"):
        join_region(["threat"], [0, 1], "own_strength", [1, 2])
    with pytest.raises(TypeError, match="params must be a dict of parameters"):
        plot_join_region([])


def test_region_plot_polygon_point_and_axis_choice() -> None:
    plot = JoinRegionPlot(DEFAULTS)
    assert plot.point.get_data() == ([0.5], [0.5])
    xy = plot.region.get_xy()
    assert np.all((xy[:, 0] >= 0) & (xy[:, 0] <= 1))
    patches = list(plot.ax.patches)
    plot.update(dict(DEFAULTS, threat=0.9, spending=0.3), "spending")
    assert list(plot.ax.patches) == patches                  # updated in place
    assert plot.point.get_data() == ([0.9], [0.3])
    assert plot.ax.get_ylim() == (PARAMETERS["spending"][1], PARAMETERS["spending"][2])
    with pytest.raises(ValueError, match="y_name must be one of"):
        plot.update(DEFAULTS, "threat")
    ax = plot_join_region(y_name="allies_strength")
    assert ax.get_title().startswith("Where joining pays (our formalization)")


# ------------------------------------------------------------------- widget
def test_widget_moves_decision_sentence_and_image() -> None:
    from alliances.widgets.formation import JoinOrStayOut

    widget = JoinOrStayOut()
    assert all("alliances-control" in s._dom_classes for s in widget.sliders.values())
    assert "alliances-join-or-stay-out" in widget._dom_classes
    sentence, image = widget.sentence, widget.image.value
    assert sentence.startswith("Joining pays")
    widget.sliders["threat"].value = 0.1
    assert widget.decision.decision == "stay out"
    assert widget.sentence.startswith("Staying out pays")
    assert widget.image.value != image
    assert widget.plot.point.get_xdata()[0] == pytest.approx(0.1)
    widget.y_axis.value = "allies_strength"
    assert widget.plot.ax.get_ylabel() == PARAMETERS["allies_strength"][0]
    widget.preset.value = "Major power (gains autonomy)"
    assert widget.decision.decision == "join" and widget.decision.terms["autonomy"] > 0
    widget.reset.click()
    assert widget.sliders["threat"].value == DEFAULTS["threat"]
    assert widget.y_axis.value == "own_strength"


@pytest.mark.slow  # a sweep (every state, corner or junk input): not in the quick subset
def test_widget_no_reachable_state_raises() -> None:
    from alliances.widgets.formation import JoinOrStayOut

    widget = JoinOrStayOut()
    for y_name in ("own_strength", "security_weight", "allies_strength"):
        widget.y_axis.value = y_name
        for name, slider in widget.sliders.items():
            for value in (slider.min, slider.max, slider.min):
                slider.value = value
                assert widget.error.value == "", (name, value, widget.error.value)


def test_widget_bad_arguments() -> None:
    from alliances.widgets.formation import JoinOrStayOut

    with pytest.raises(ValueError, match=r"threat must be <= 1.0"):
        JoinOrStayOut({"threat": 2})
    with pytest.raises(ValueError, match=r"own_strength must be >= 0.05"):
        JoinOrStayOut({"own_strength": 0.01})      # the model allows it, the slider does not
    widget = JoinOrStayOut()
    with pytest.raises(TypeError, match="params must be a dict of parameters"):
        widget.set_values(None)
    with pytest.raises(ValueError, match="y_name must be one of"):
        widget.set_values({}, 5)
    with pytest.raises(ValueError, match="unknown parameter"):
        JoinOrStayOut({"danger": 0.5})
    with pytest.raises(ValueError, match="y_name must be one of"):
        JoinOrStayOut(y_name="threat")
