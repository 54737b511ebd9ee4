"""Tests for ``alliances.models.repeated``: discount thresholds, simulation, replicator dynamics.

The thresholds are checked against their closed forms and, independently, by solving the
best-reply problem against each strategy by value iteration (a two-state decision
problem) and by summing discounted payoff streams.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliances.models.repeated import (STRATEGIES, average_values, grim_trigger_threshold,
                                       play, replicator, sustainability, tit_for_tat_threshold,
                                       tournament)
from alliances.views.repeated import DiscountPlot
from alliances.widgets.repeated import DiscountWidget


def _best_reply_cooperates(T, R, P, S, delta, strategy) -> bool:
    """Whether cooperating for ever is a best reply, by value iteration (independent).

    States: what the opponent plays this round ("c" or "d"). Against tit-for-tat the
    opponent copies our move; against grim trigger a defection sends it to "d" for ever.
    """
    v = {"c": 0.0, "d": 0.0}
    for _ in range(5000):
        if strategy == "tit-for-tat":
            new = {"c": max(R + delta * v["c"], T + delta * v["d"]),
                   "d": max(S + delta * v["c"], P + delta * v["d"])}
        else:
            new = {"c": max(R + delta * v["c"], T + delta * v["d"]),
                   "d": max(S + delta * v["d"], P + delta * v["d"])}
        if max(abs(new[k] - v[k]) for k in v) < 1e-13:
            break
        v = new
    return v["c"] <= R / (1 - delta) + 1e-9


def _stream(moves_payoffs, delta, rounds=3000) -> float:
    return sum(delta ** t * u for t, u in zip(range(rounds), moves_payoffs))


@pytest.mark.parametrize("game, grim, tft", [
    ((4, 3, 2, 1), 1 / 2, 1 / 2),      # by hand: (4-3)/(4-2); max(1/2, (4-3)/(3-1))
    ((5, 3, 1, 0), 1 / 2, 2 / 3),      # (5-3)/(5-1); max(1/2, (5-3)/(3-0))
    ((6, 4, 1, 0), 2 / 5, 1 / 2),      # the notebook's exercises 4 and 5
    ((4, 3, 1, 1), 1 / 3, 1 / 2),      # P = S allowed
])
def test_closed_forms_by_hand(game, grim, tft) -> None:
    assert grim_trigger_threshold(*game) == pytest.approx(grim)
    assert tit_for_tat_threshold(*game) == pytest.approx(tft)


@settings(max_examples=40)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(1, 6), st.integers(0, 5))
def test_thresholds_match_value_iteration(gap_t, gap_r, gap_p, s) -> None:
    # Build T > R > P >= S from positive gaps.
    p = s + gap_p - 1
    r = p + gap_r
    t = r + gap_t
    grim = grim_trigger_threshold(t, r, p, s)
    for delta in (grim - 0.02, grim + 0.02):
        if 0 <= delta < 1:
            assert _best_reply_cooperates(t, r, p, s, delta, "grim") == (delta >= grim)
    if t + s < 2 * r:
        tft = tit_for_tat_threshold(t, r, p, s)
        for delta in (tft - 0.02, tft + 0.02):
            if 0 <= delta < 1:
                assert _best_reply_cooperates(t, r, p, s, delta, "tit-for-tat") == (
                    delta >= tft)
    else:
        with pytest.raises(ValueError, match="taking turns"):
            tit_for_tat_threshold(t, r, p, s)
        assert not _best_reply_cooperates(t, r, p, s, 0.95, "tit-for-tat")


def test_thresholds_by_summing_discounted_streams() -> None:
    t, r, p, s = 5, 3, 1, 0                  # grim 1/2, alternation 2/3
    for delta, grim_ok, alternate_ok in ((0.45, False, False), (0.55, True, False),
                                         (0.7, True, True)):
        cooperate = _stream([r] * 3000, delta)
        defect = _stream([t] + [p] * 2999, delta)
        alternate = _stream([t, s] * 1500, delta)
        assert (cooperate >= defect) == grim_ok
        assert (cooperate >= alternate) == alternate_ok
        values = average_values(t, r, p, s, delta)
        assert values["defect for ever"] == pytest.approx((1 - delta) * defect)
        assert values["alternate"] == pytest.approx((1 - delta) * alternate)


@pytest.mark.parametrize("game, words", [
    ((3, 4, 2, 1), "no temptation"), ((4, 4, 2, 1), "no temptation"),
    ((4, 2, 3, 1), "R = 2 <= P = 3"), ((4, 2, 2, 1), "R = 2 <= P = 2"),
])
def test_undefined_thresholds_say_why(game, words) -> None:
    for function in (grim_trigger_threshold, tit_for_tat_threshold):
        with pytest.raises(ValueError, match=words):
            function(*game)


def test_grim_needs_p_at_least_s() -> None:
    with pytest.raises(ValueError, match="not credible"):
        grim_trigger_threshold(4, 3, 1, 2)            # Chicken ordering


def test_sustainability_never_raises_and_explains() -> None:
    result = sustainability(6, 3, 2, 1, 0.9)
    assert result.grim == pytest.approx(0.75) and result.tit_for_tat is None
    assert "taking turns" in result.tit_for_tat_reason
    assert result.grim_sustains and not result.tit_for_tat_sustains
    assert "sustained by grim trigger" in result.sentence()
    with pytest.raises(ValueError, match="delta"):
        sustainability(4, 3, 2, 1, 1.0)


# ----------------------------------------------------------------- simulation
def test_deterministic_matches_by_hand() -> None:
    match = play("Grim trigger", "Tit-for-tat", rounds=5)
    assert match.moves.tolist() == [[0, 0]] * 5
    match = play("Always ally", "Grim trigger", rounds=3, delta=0.5)
    assert match.payoffs.tolist() == [[4, 1], [2, 2], [2, 2]]
    # Discounted average: (4 + 0.5 * 2 + 0.25 * 2) / 1.75 for the defector.
    assert match.values[0] == pytest.approx(5.5 / 1.75)


def test_noise_is_seeded() -> None:
    first = play("Tit-for-tat", "Tit-for-tat", rounds=200, noise=0.05, seed=3)
    again = play("Tit-for-tat", "Tit-for-tat", rounds=200, noise=0.05, seed=3)
    other = play("Tit-for-tat", "Tit-for-tat", rounds=200, noise=0.05, seed=4)
    assert np.array_equal(first.moves, again.moves)
    assert not np.array_equal(first.moves, other.moves)
    assert first.moves.any()                 # some defections: trembles happened


def test_tournament_by_hand() -> None:
    names = ["Always ally", "Tit-for-tat"]
    table = tournament(names, delta=0.5, rounds=60)
    # Ally vs TFT: 4 then 2 for ever -> 0.5 * 4 + 0.5 * 2 = 3; TFT vs Ally: 0.5 + 1 = 1.5.
    assert table.to_numpy() == pytest.approx(np.array([[2.0, 3.0], [1.5, 3.0]]))
    assert list(table.index) == names == list(table.columns)
    assert tournament(delta=0.9, rounds=20).shape == (len(STRATEGIES), len(STRATEGIES))


def test_replicator_moves_towards_the_better_strategy() -> None:
    shares = replicator([[2.0, 3.0], [1.5, 3.0]], [0.5, 0.5], np.linspace(0, 30, 31))
    assert np.allclose(shares.sum(axis=1), 1)
    assert np.all(np.diff(shares[:, 0]) >= -1e-12) and shares[-1, 0] > 0.99


@pytest.mark.parametrize("call, words", [
    (lambda: play("Bully", "Tit-for-tat"), "first"),
    (lambda: play("Tit-for-tat", "Always ally", noise=0.7), "noise"),
    (lambda: play("Tit-for-tat", "Always ally", rounds=0), "rounds"),
    (lambda: replicator([[1, 2]], [1.0], [0, 1]), "table"),
    (lambda: replicator([[1, 0], [0, 1]], [0.7, 0.7], [0, 1]), "shares"),
    (lambda: average_values(4, 3, 2, 1, 1.0), "delta"),
])
def test_bad_input(call, words) -> None:
    with pytest.raises((ValueError, TypeError), match=words):
        call()


# ------------------------------------------------------------------ widget
def test_discount_plot_and_widget() -> None:
    plot = DiscountPlot(5, 3, 1, 0, delta=0.7)
    assert plot.grim_line.get_xdata() == [0.5]
    assert plot.tft_line.get_xdata() == [pytest.approx(2 / 3)]
    widget = DiscountWidget(T=4, P=2, delta=0.4)
    assert "sustained neither" in widget.sentence
    before = widget.image.value
    widget.delta.value = 0.6
    assert "sustained by grim trigger" in widget.sentence and widget.image.value != before
    widget.temptation.value = 6.0          # T + S = 7 >= 2R: tit-for-tat cannot
    assert "tit-for-tat (never" in widget.sentence
    widget.reset.click()
    assert (widget.temptation.value, widget.punishment.value, widget.delta.value) == (
        4.0, 2.0, 0.4)


def test_widget_extremes_never_error() -> None:
    widget = DiscountWidget()
    for t in (3.5, 8.0):
        for p in (1.25, 2.75):
            for d in (0.0, 0.95):
                widget.temptation.value, widget.punishment.value, widget.delta.value = t, p, d
                assert widget.error.value == "", (t, p, d)


@pytest.mark.slow  # a sweep over the widget's 70 settings (3 s): not in the quick subset
def test_threshold_names_stand_clear_of_the_curves() -> None:
    """The names of the two thresholds stand at the top of the plot, inside it and apart,
    and no payoff curve passes through them at any setting of the widget (upright at the
    bottom, where they stood before, the R line and the curves crossed their letters)."""
    widget = DiscountWidget()
    plot, figure = widget.plot, widget.figure
    curves = (plot.cooperate, plot.defect, plot.alternate)
    checked = 0
    for t in np.arange(3.5, 8.01, 0.5):
        for p in np.arange(1.25, 2.76, 0.25):
            widget.temptation.value, widget.punishment.value = float(t), float(p)
            assert widget.error.value == ""
            figure.draw_without_rendering()
            axes_box = plot.ax.get_window_extent()
            if plot.grim_text.get_visible() and plot.tft_text.get_visible():
                assert not plot.grim_text.get_window_extent().overlaps(
                    plot.tft_text.get_window_extent()), (t, p)
            for text in (plot.grim_text, plot.tft_text):
                if not text.get_visible():
                    continue
                box = text.get_window_extent()
                assert axes_box.contains(box.x0, box.y0) and axes_box.contains(box.x1, box.y1), \
                    (t, p, text.get_text())
                # the curves across the name's width, finely sampled, in display pixels
                to_data = plot.ax.transData.inverted()
                x0, x1 = to_data.transform([(box.x0, 0), (box.x1, 0)])[:, 0]
                xs = np.linspace(x0, x1, 50)
                for curve in curves:
                    ys = np.interp(xs, curve.get_xdata(), curve.get_ydata())
                    pixels = plot.ax.transData.transform(np.column_stack([xs, ys]))[:, 1]
                    assert not np.any((pixels >= box.y0) & (pixels <= box.y1)), \
                        (t, p, text.get_text(), curve.get_label())
                checked += 1
    # 10 values of T by 7 of P: grim trigger named at all 70; tit-for-tat at the 21 with
    # T < 5 (T + S < 2R; otherwise alternating pays and no discount factor sustains it)
    assert checked == 70 + 21
