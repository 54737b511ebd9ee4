"""Benchmark cases for the widget of 06_nato_enlargement_russia (see bench_widgets.py).

Each case is a zero-argument factory returning the widget and an endless iterator of
zero-argument callables, each of which moves one control to a new value, cycling through
every slider: "steps" one slider step at a time (arrow keys, a drag), "jumps" across the
range (a click on the track), which can change the threshold lines and the shaded regions
at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from slider_changes import jumps as _cycle
from slider_changes import steps as _steps


def _reassurance_steps() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.reassurance import ReassuranceExplorer

    explorer = ReassuranceExplorer()
    return explorer, _steps(list(explorer.sliders.items()))


def _reassurance_jumps() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.reassurance import ReassuranceExplorer

    explorer = ReassuranceExplorer()
    values = {"q": [0.05, 0.3, 0.6, 0.95], "exploitation_cost": [1.0, 5.0, 9.5],
              "spiral_cost": [0.5, 2.0, 8.0], "arming_cost": [0.0, 0.5, 4.0]}
    return explorer, _cycle(list(explorer.sliders.items()), values)


CASES = {
    "ReassuranceExplorer (06, steps)": _reassurance_steps,
    "ReassuranceExplorer (06, jumps)": _reassurance_jumps,
}
