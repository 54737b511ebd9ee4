"""Benchmark cases for the widget of 07_small_states_southeast_asia (see bench_widgets.py).

Each case is a zero-argument factory returning the widget and an endless iterator of
zero-argument callables, each of which moves one control to a new value, cycling through
every slider: "steps" (one slider step, as the arrow keys) and "jumps" (across the range).
Every change recomputes the choice map over threat and reliability (161 x 161 points).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from slider_changes import jumps as _cycle
from slider_changes import steps as _steps


def _explorer() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.smallstate import SmallStateExplorer

    explorer = SmallStateExplorer()
    values = {"threat": [0.1, 0.5, 0.9], "reliability": [0.1, 0.6, 0.95],
              "entrapment": [0.05, 0.3, 0.8], "trade": [0.1, 0.3, 0.7]}
    return explorer, _cycle(list(explorer.sliders.items()), values)


def _stepping() -> tuple[object, Iterator[Callable[[], None]]]:
    widget, _ = _explorer()
    return widget, _steps(list(widget.sliders.items()))


CASES = {
    "SmallStateExplorer (07, steps)": _stepping,
    "SmallStateExplorer (07, jumps)": _explorer,
}
