"""Widget benchmark cases of 01_alliance_costs (collected by bench_widgets.py).

Each factory returns (widget, an endless iterator of zero-argument callables that each
change one control to a new value), cycling through every control of the widget.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator


def _cycle(controls_and_values) -> Iterator[Callable[[], None]]:
    """Cycle through (control, values) pairs; each change sets a value the control lacks."""
    for k in itertools.count():
        control, values = controls_and_values[k % len(controls_and_values)]
        value = values[(k // len(controls_and_values)) % len(values)]
        if control.value == value:
            value = values[(k // len(controls_and_values) + 1) % len(values)]
        yield lambda c=control, v=value: setattr(c, "value", v)


def _burden_explorer() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.burden import BurdenSharingExplorer

    widget = BurdenSharingExplorer(0.2, (10.0, 9.0, 6.0, 3.0))
    pairs = [(widget.alpha, [0.1, 0.25, 0.4, 0.55]),
             (widget.allies, [2, 3, 4, 5, 6])]
    pairs += [(c, [2.0, 7.5, 12.0, 19.5]) for c in widget.income_controls]
    return widget, _cycle(pairs)


def _steps(pairs) -> Iterator[Callable[[], None]]:
    """Move each control one step up, then back down, in turn: arrow keys on a slider."""
    for k in itertools.count():
        control = pairs[k % len(pairs)]
        up = (k // len(pairs)) % 2 == 0
        step = control.step if up else -control.step
        value = control.value + step
        if not control.min <= value <= control.max:
            value = control.value - step
        yield lambda c=control, v=value: setattr(c, "value", v)


def _burden_explorer_steps() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.burden import BurdenSharingExplorer

    widget = BurdenSharingExplorer(0.2, (10.0, 9.0, 6.0, 3.0))
    return widget, _steps([widget.alpha, *widget.income_controls[:4]])


def _join_or_stay_out() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.formation import PARAMETERS
    from alliances.widgets.formation import JoinOrStayOut

    widget = JoinOrStayOut()
    pairs = []
    for name, (_, low, high, step) in PARAMETERS.items():
        values = [round(round((low + f * (high - low)) / step) * step, 6)
                  for f in (0.1, 0.4, 0.7, 0.95)]
        pairs.append((widget.sliders[name], values))
    pairs.append((widget.y_axis, ["allies_strength", "spending", "own_strength"]))
    return widget, _cycle(pairs)


CASES = {
    "BurdenSharingExplorer (01_alliance_costs)": _burden_explorer,
    "BurdenSharingExplorer, one arrow-key step": _burden_explorer_steps,
    "JoinOrStayOut (01_alliance_costs)": _join_or_stay_out,
}
