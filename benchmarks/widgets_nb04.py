"""Benchmark cases for the widget of 04_case_ukraine (see bench_widgets.py).

Each case is a zero-argument factory returning the widget and an endless iterator of
zero-argument callables, each of which changes one control to a new value:

* "steps": one slider step at a time, cycling through both sliders, as the arrow keys move
  them (what a reader does most);
* "jumps": sliders jumping across their ranges and the period buttons switching period,
  which moves both sliders at once and can redraw the figure's static layer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from slider_changes import steps as _steps


def _calibration_steps() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.ukraine import CalibrationExplorer

    explorer = CalibrationExplorer()
    return explorer, _steps(list(explorer.controls.items()))


def _calibration_jumps() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.ukraine import CalibrationExplorer

    explorer = CalibrationExplorer()
    periods = [key for _, key in explorer.period.options]
    values = {"L_A": [10.0, 35.0, 80.0, 100.0], "p_E": [0.05, 0.2, 0.6, 1.0]}

    def changes() -> Iterator[Callable[[], None]]:
        k = 0
        while True:
            if k % 3 == 2:
                new = periods[(periods.index(explorer.period.value) + 1) % len(periods)]
                yield lambda v=new: setattr(explorer.period, "value", v)
            else:
                name = "L_A" if k % 3 == 0 else "p_E"
                options = values[name]
                value = options[(k // 3) % len(options)]
                control = explorer.controls[name]
                if control.value == value:
                    value = options[(k // 3 + 1) % len(options)]
                yield lambda c=control, v=value: setattr(c, "value", v)
            k += 1

    return explorer, changes()


CASES = {
    "CalibrationExplorer (04, steps)": _calibration_steps,
    "CalibrationExplorer (04, jumps)": _calibration_jumps,
}
