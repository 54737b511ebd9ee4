"""Tests of the reassure-or-deter view, the enlargement timeline and ReassuranceExplorer.

Expected values are worked by hand from the model's definitions (reassuring is worth
-q*e, deterring -s, the threshold is s/e) and from the data files read with csv; the
widget is driven by setting its controls, as the browser would.
"""

from __future__ import annotations

import csv
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from alliances.cases.nato_russia import milex_series, reaction_fits  # noqa: E402
from alliances.models.reassurance import reassurance  # noqa: E402
from alliances.views.reassurance import (EVENT_NAMES, PolicyValuePlot,  # noqa: E402
                                         enlargement_events, plot_enlargement_timeline,
                                         plot_milex, plot_policy_values,
                                         plot_reaction_intervals)
from alliances.widgets.reassurance import PRESETS, ReassuranceExplorer  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(("q", "e", "s", "cut", "best_y"), [
    (0.2, 5, 2, 0.4, -1.0),      # reassure: -0.2*5
    (0.6, 5, 2, 0.4, -2.0),      # deter: -2
    (0.9, 2, 4, 1.0, -1.8),      # s > e: reassure at every q, -0.9*2
])
def test_policy_plot_by_hand(q, e, s, cut, best_y) -> None:
    plot = PolicyValuePlot(reassurance(q, e, s, 0.5))
    assert plot.reassure.get_ydata() == [0, -e]
    assert plot.deter.get_ydata() == [-s, -s]
    assert plot.threshold.get_xdata() == [cut]
    assert plot.threshold.get_visible() is (cut < 1)
    assert plot.point.get_ydata() == pytest.approx([best_y])
    assert plot.reassure_band.get_width() == pytest.approx(cut)


def test_policy_plot_refuses_bad_input() -> None:
    with pytest.raises(TypeError, match="model must be a Reassurance"):
        PolicyValuePlot((0.2, 5, 2))
    with pytest.raises(TypeError, match="ax must be"):
        PolicyValuePlot(reassurance(0.2, 5, 2), ax="left")
    with pytest.raises(TypeError, match="ylim"):
        PolicyValuePlot(reassurance(0.2, 5, 2), ylim=3.0)
    with pytest.raises(ValueError, match="ylim"):
        PolicyValuePlot(reassurance(0.2, 5, 2), ylim=(1, -1))
    with pytest.raises(ValueError, match="q must be"):
        plot_policy_values(float("nan"), 5, 2)
    with pytest.raises(TypeError, match="exploitation_cost"):
        plot_policy_values(0.2, "five", 2)


def test_every_timeline_row_has_a_name_and_the_figure_labels_each_by_name_and_date() -> None:
    with open(DATA / "nato_russia_timeline.csv", newline="", encoding="utf-8") as fh:
        starts = [r["date_start"] for r in csv.DictReader(fh)]
    assert sorted(EVENT_NAMES) == sorted(starts)
    events = enlargement_events()
    assert events.loc[events["name"].str.startswith("Bucharest"), "when"].item() == "3 Apr 2008"
    top, bottom = plot_enlargement_timeline()
    labels = [t.get_text() for t in bottom.texts]
    assert "Putin's Munich speech, 10 Feb 2007" in labels
    assert len(labels) == len(starts)
    # the membership line ends at 32 members
    line = top.lines[0]
    assert line.get_ydata()[-1] == 32
    with pytest.raises(TypeError, match="axes"):
        plot_enlargement_timeline(axes=(top,))


def test_milex_and_interval_plots() -> None:
    ax = plot_milex(milex_series())
    assert len(ax.lines) >= 2
    ax = plot_reaction_intervals(reaction_fits())
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "1993-2024"
    with pytest.raises(TypeError, match="frame"):
        plot_milex([1, 2, 3])
    with pytest.raises(TypeError, match="fits"):
        plot_reaction_intervals([])


def test_widget_follows_its_sliders_and_presets() -> None:
    widget = ReassuranceExplorer(q=0.3, exploitation_cost=5, spiral_cost=2, arming_cost=0.5)
    assert widget.sentence.startswith("Reassure: at q = 0.30 it is worth -1.50 against -2.00")
    first = widget.image.value
    widget.sliders["q"].value = 0.5
    assert widget.sentence.startswith("Deter")
    assert widget.image.value != first
    # the simultaneous game's equilibria (q = 0.5, e = 5, s = 2, a = 0.5): only the spiral
    assert widget.details.value.count("<tr><td>") == 1
    assert "<td>Deter</td><td>Compete/Compete</td>" in widget.details.value
    name = "Spiral world: adversary probably a security seeker"
    widget.preset.value = name
    assert widget._current() == PRESETS[name] and widget.preset.value == name
    # q = 0.1, a/(a + e - s) = 0.5/3.5 = 0.142...: mutual reassurance is an equilibrium too
    assert "<td>Reassure</td><td>Cooperate/Compete</td>" in widget.details.value
    widget.reset.click()
    assert widget._current() == (0.3, 5.0, 2.0, 0.5)


def test_widget_says_when_reassurance_always_pays() -> None:
    widget = ReassuranceExplorer(q=0.9, exploitation_cost=2, spiral_cost=4)
    assert widget.sentence.endswith("reassurance pays at every q.")


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    (dict(q=-0.1), ValueError, "q must be >= 0"),
    (dict(q=float("nan")), ValueError, "q"),
    (dict(exploitation_cost=20), ValueError, "exploitation_cost must be <= 10"),
    (dict(spiral_cost="2"), TypeError, "spiral_cost"),
    (dict(arming_cost=6), ValueError, "arming_cost must be <= 5"),
])
def test_widget_refuses_bad_starting_values(kwargs, error, words) -> None:
    with pytest.raises(error, match=words):
        ReassuranceExplorer(**kwargs)


def test_the_widget_legend_lies_inside_its_figure() -> None:
    """The legend sits below the axes; at 9 pt its longest entry once ran past the figure's
    right edge and was cut off in the browser."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from alliances.widgets.reassurance import ReassuranceExplorer

    widget = ReassuranceExplorer()
    canvas = FigureCanvasAgg(widget.figure)
    canvas.draw()
    box = widget.plot.legend.get_window_extent(canvas.get_renderer())
    assert 0 <= box.x0 and box.x1 <= widget.figure.bbox.width
    assert 0 <= box.y0 and box.y1 <= widget.figure.bbox.height
