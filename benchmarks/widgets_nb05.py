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


def _steps(controls: list) -> Iterator[Callable[[], None]]:
    direction = {name: 1 for name, _ in controls}
    k = 0
    while True:
        name, control = controls[k % len(controls)]
        value = control.value + direction[name] * control.step
        if not control.min <= value <= control.max:
            direction[name] *= -1
            value = control.value + direction[name] * control.step
        yield lambda c=control, v=round(value, 10): setattr(c, "value", v)
        k += 1


def _jumps(controls: list, values: dict[str, list[float]]) -> Iterator[Callable[[], None]]:
    k = 0
    while True:
        name, control = controls[k % len(controls)]
        options = values[name]
        value = options[(k // len(controls)) % len(options)]
        if control.value == value:
            value = options[(k // len(controls) + 1) % len(options)]
        yield lambda c=control, v=value: setattr(c, "value", v)
        k += 1


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
