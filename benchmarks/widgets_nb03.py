"""Benchmark cases for the widgets of 03_secondary_dilemma (see bench_widgets.py).

Each case is a zero-argument factory returning the widget and an endless iterator of
zero-argument callables, each of which moves one control to a new value, cycling through
every slider. Two kinds of change per widget:

* "steps": one slider step at a time, as the arrow keys or a drag move a slider (what a
  reader does most); the widgets redraw only the artists that moved;
* "jumps": a slider jumps across its range (a click on the track), which can change an
  axis's limits and so also redraws the figure's static layer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from slider_changes import jumps as _cycle
from slider_changes import steps as _steps


def _stepping(factory: Callable) -> Callable:
    def case() -> tuple[object, Iterator[Callable[[], None]]]:
        widget, _ = factory()
        return widget, _steps(list(widget.controls.items()))
    return case


def _commitment() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.commitment import CommitmentExplorer

    explorer = CommitmentExplorer()
    values = {"L_A": [4.0, 12.0, 18.0], "L_E": [3.0, 9.0, 15.0], "r0": [0.0, 0.35, 0.7],
              "k": [0.0, 2.5, 6.0], "alpha": [0.5, 1.0, 3.0], "beta": [0.5, 1.0, 2.5],
              "p_A": [0.1, 0.5, 0.9]}
    return explorer, _cycle(list(explorer.controls.items()), values)


def _dependence() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.crisis import DependenceExplorer

    explorer = DependenceExplorer()
    values = {"major_dependence": [0.1, 0.6, 0.95], "minor_dependence": [0.2, 0.6, 1.0],
              "entrapment_cost": [0.1, 0.3, 0.7], "realignment": [0.1, 0.5, 0.9]}
    return explorer, _cycle(list(explorer.controls.items()), values)


def _crisis() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.crisis import CrisisExplorer

    explorer = CrisisExplorer()
    values = {"commitment": [0.2, 0.5, 0.75, 1.0], "patron_war_cost": [2.0, 4.0, 6.5],
              "reputation_cost": [1.0, 4.0, 7.0], "provocation": [0.0, 3.0, 6.0],
              "adversary_war_cost": [1.0, 2.0, 5.0]}
    return explorer, _cycle(list(explorer.controls.items()), values)


CASES = {
    "CommitmentExplorer (03, steps)": _stepping(_commitment),
    "CommitmentExplorer (03, jumps)": _commitment,
    "DependenceExplorer (03, steps)": _stepping(_dependence),
    "DependenceExplorer (03, jumps)": _dependence,
    "CrisisExplorer (03, steps)": _stepping(_crisis),
    "CrisisExplorer (03, jumps)": _crisis,
}
