"""Streams of control changes for the widget benchmark cases (``widgets_nbNN.py``).

* :func:`steps` moves each control one step at a time, as the arrow keys move a slider,
  turning back at the ends of its range;
* :func:`jumps` (or :func:`cycle`) sets each control to values across its range, as a
  click on the track.

Both cycle through the controls and never repeat a control's current value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator


def steps(controls: list) -> Iterator[Callable[[], None]]:
    """Endless changes of one step each; ``controls`` is a list of (name, control)."""
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


def cycle(pairs: list) -> Iterator[Callable[[], None]]:
    """Endless changes through (control, values) pairs: each control in turn gets its next
    value from its list (skipping the value it already has)."""
    k = 0
    while True:
        control, options = pairs[k % len(pairs)]
        value = options[(k // len(pairs)) % len(options)]
        if control.value == value:
            value = options[(k // len(pairs) + 1) % len(options)]
        yield lambda c=control, v=value: setattr(c, "value", v)
        k += 1


def jumps(controls: list, values: dict[str, list[float]]) -> Iterator[Callable[[], None]]:
    """Endless changes to the listed ``values`` of each control, in turn; ``controls`` is a
    list of (name, control)."""
    return cycle([(control, values[name]) for name, control in controls])
