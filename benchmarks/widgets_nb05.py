"""Benchmark cases for the widget of 05_case_afghanistan (see bench_widgets.py).

Each case is a zero-argument factory returning the widget and an endless iterator of
zero-argument callables, each of which moves one control to a new value, cycling through
every slider:

* "steps": one slider step at a time, as the arrow keys move a slider (what a reader does
  most); only the map, the markers and the bars are redrawn;
* "jumps": a slider jumps across its range (a click on the track).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from slider_changes import jumps as _jumps
from slider_changes import steps as _steps


def _caveats_steps() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.caveats import CaveatExplorer

    explorer = CaveatExplorer()
    return explorer, _steps(list(explorer.controls.items()))


def _caveats_jumps() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.caveats import CaveatExplorer

    explorer = CaveatExplorer()
    values = {"credit": [0.0, 0.45, 0.8, 1.0], "L_E": [2.0, 10.0, 18.0],
              "L_A": [4.0, 10.0, 18.0], "k": [0.5, 3.0, 8.0]}
    return explorer, _jumps(list(explorer.controls.items()), values)


CASES = {
    "CaveatExplorer (05, steps)": _caveats_steps,
    "CaveatExplorer (05, jumps)": _caveats_jumps,
}
