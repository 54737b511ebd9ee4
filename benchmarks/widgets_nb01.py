"""Widget benchmark cases of 01_alliance_costs (collected by bench_widgets.py).

Each factory returns (widget, an endless iterator of zero-argument callables that each
change one control to a new value), cycling through every control of the widget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from slider_changes import cycle as _cycle
from slider_changes import steps as _steps


def _burden_explorer() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.burden import BurdenSharingExplorer

    widget = BurdenSharingExplorer(0.2, (10.0, 9.0, 6.0, 3.0))
    pairs = [(widget.alpha, [0.1, 0.25, 0.4, 0.55]),
             (widget.allies, [2, 3, 4, 5, 6])]
    pairs += [(c, [2.0, 7.5, 12.0, 19.5]) for c in widget.income_controls]
    return widget, _cycle(pairs)


def _burden_explorer_steps() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.burden import BurdenSharingExplorer

    widget = BurdenSharingExplorer(0.2, (10.0, 9.0, 6.0, 3.0))
    controls = [("alpha", widget.alpha)]
    controls += [(f"income {i + 1}", c) for i, c in enumerate(widget.income_controls[:4])]
    return widget, _steps(controls)


def _join_or_stay_out() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.models.formation import PARAMETERS
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
    "BurdenSharingExplorer (01, jumps)": _burden_explorer,
    "BurdenSharingExplorer (01, steps)": _burden_explorer_steps,
    "JoinOrStayOut (01, jumps)": _join_or_stay_out,
}
