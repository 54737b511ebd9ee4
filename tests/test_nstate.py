"""Tests for ``alliances.models.nstate``: the n-state formation game (our formalization) and the
Europe 1879-1907 timeline.

The equilibrium count is checked against hand-worked cases and against an independent
brute force over every profile of Ally/Abstain choices.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliances.models.nstate import (EUROPE_1879_1907, GREAT_POWERS, PRESET_PARAMETERS,
                                     AlignmentEvent, critical_mass, equilibrium_allies,
                                     formation_payoffs)
from alliances.views.nstate import alignment_timeline, plot_alignment_timeline, plot_schelling_diagram


def _brute_force(ally, abstain) -> set[int]:
    """Numbers of allies in pure Nash equilibria, checking every profile (2^n of them)."""
    n = len(ally)
    found = set()
    for profile in itertools.product((0, 1), repeat=n):     # 1 = ally
        stable = True
        for i, choice in enumerate(profile):
            k = sum(profile) - choice                      # others who ally
            mine = ally[k] if choice else abstain[k]
            other = abstain[k] if choice else ally[k]
            if other > mine:
                stable = False
                break
        if stable:
            found.add(sum(profile))
    return found


def _closed_form(n, b, c, t, h):
    """The theory notes' n-state form, f(m) = m/(m+1) and g(j) = 1 - j/(n-1), written again."""
    ally = [b * (k + 1) / (k + 2) - c - t * (1 - (n - 1 - k) / (n - 1)) for k in range(n)]
    abstain = [(-h if k >= 1 else 0.0) for k in range(n)]
    return ally, abstain


@pytest.mark.parametrize("name, expected", [
    ("dilemma: allying always pays", {6}),
    ("tipping: alliances need a partner", {0, 6}),
    ("buffers: some stay out", {3}),
])
def test_presets_by_hand_and_by_brute_force(name, expected) -> None:
    params = PRESET_PARAMETERS[name]
    model = formation_payoffs(**params)
    ally, abstain = _closed_form(**params)
    assert model.ally == pytest.approx(ally) and model.abstain == pytest.approx(abstain)
    found = {e.allies for e in equilibrium_allies(model.ally, model.abstain)}
    assert found == expected == _brute_force(ally, abstain)


def test_dilemma_preset_is_an_n_person_prisoners_dilemma() -> None:
    model = formation_payoffs(**PRESET_PARAMETERS["dilemma: allying always pays"])
    assert np.all(model.ally > model.abstain)              # allying dominant
    assert model.ally[-1] < model.abstain[0]               # all ally worse than all abstain
    # by hand: u(Ally, 5) = 4 * 6/7 - 1 - 3 = -4/7
    assert model.ally[-1] == pytest.approx(-4 / 7)


def test_hand_worked_small_cases() -> None:
    # n = 3, tipping: a lone ally loses, two or more gain.
    found = equilibrium_allies([-1, 2, 2], [0, -1, -1])
    assert [(e.allies, e.strict) for e in found] == [(0, True), (3, True)]
    # n = 4, volunteer-like: allying pays only while few others ally -> interior.
    found = equilibrium_allies([3, 2, -1, -2], [0, 0, 0, 0])
    assert [e.allies for e in found] == [2]
    # ties: every state indifferent at every k -> every number is a weak equilibrium.
    found = equilibrium_allies([1, 1, 1], [1, 1, 1])
    assert [e.allies for e in found] == [0, 1, 2, 3] and not any(e.strict for e in found)


@settings(max_examples=150)
@given(st.integers(2, 6).flatmap(lambda n: st.tuples(
    st.lists(st.integers(-2, 2), min_size=n, max_size=n),
    st.lists(st.integers(-2, 2), min_size=n, max_size=n))))
def test_equilibrium_count_matches_brute_force(curves) -> None:
    ally, abstain = curves
    found = equilibrium_allies(ally, abstain)
    assert {e.allies for e in found} == _brute_force(ally, abstain)
    for e in found:                         # weak exactly when somebody is indifferent
        m = e.allies
        ties = (m >= 1 and ally[m - 1] == abstain[m - 1]) or (
            m < len(ally) and ally[m] == abstain[m])
        assert e.strict == (not ties)


def test_critical_mass() -> None:
    model = formation_payoffs(**PRESET_PARAMETERS["tipping: alliances need a partner"])
    assert critical_mass(model.ally, model.abstain) == 1
    assert critical_mass([-1, -1], [0, 0]) is None


@pytest.mark.parametrize("kwargs, error, name", [
    (dict(n=1), ValueError, "n"), (dict(n=2.5), TypeError, "n"), (dict(b=-1), ValueError, "b"),
    (dict(h=float("nan")), ValueError, "h"),
])
def test_bad_parameters(kwargs, error, name) -> None:
    with pytest.raises(error, match=name):
        formation_payoffs(**kwargs)


def test_bad_curves() -> None:
    with pytest.raises(ValueError, match="same length"):
        equilibrium_allies([1, 2], [1])
    with pytest.raises(ValueError, match="ally"):
        equilibrium_allies([[1]], [1])


# ----------------------------------------------------------------- the timeline
def test_timeline_counts_by_hand() -> None:
    # The standard dates of the brief; members counted by hand.
    assert [(e.year, e.name) for e in EUROPE_1879_1907] == [
        (1879, "Dual Alliance"), (1882, "Triple Alliance"), (1894, "Franco-Russian Alliance"),
        (1904, "Entente Cordiale"), (1907, "Anglo-Russian Convention")]
    table = alignment_timeline()
    assert table["triple_alliance_side"].tolist() == [2, 3, 3, 3, 3]
    assert table["triple_entente_side"].tolist() == [0, 0, 2, 3, 3]
    assert table["aligned"].tolist() == [2, 3, 5, 6, 6]
    assert table["unaligned"].tolist() == [4, 3, 1, 0, 0]
    assert len(GREAT_POWERS) == 6


def test_timeline_rejects_unknown_powers() -> None:
    with pytest.raises(ValueError, match="unknown"):
        alignment_timeline([AlignmentEvent(1900, "X", "alliance", ("Spain",),
                                           "Triple Alliance")])


def test_plots() -> None:
    ax = plot_schelling_diagram(formation_payoffs())
    assert "equilibria: all 6 states ally" in ax.texts[0].get_text()
    ax = plot_alignment_timeline()
    assert ax.get_xlim() == (1875.0, 1910.0)
