"""Widget benchmark cases of 02_primary_dilemma (collected by bench_widgets.py).

Each factory returns (widget, an endless iterator of zero-argument callables that each
change one control to a new value), cycling through every control of the widget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from slider_changes import cycle as _cycle


def _family_map_payoffs() -> tuple[object, Iterator[Callable[[], None]]]:
    """Every payoff box of the editor (T and P move the star; R and S redraw the map)."""
    from alliances.widgets.family_map import FamilyMapExplorer

    widget = FamilyMapExplorer()
    values = [0.5, 1.5, 2.5, 3.5, 4.5, 5.5]
    pairs = [(control, values) for control in widget.editor.payoff_controls]
    return widget, _cycle(pairs)


def _family_map_point() -> tuple[object, Iterator[Callable[[], None]]]:
    """Only T and P (the star moves, the map stays): the common case when exploring."""
    from alliances.widgets.family_map import FamilyMapExplorer

    widget = FamilyMapExplorer()
    controls = widget.editor.payoff_controls
    pairs = [(controls[4], [2.0, 3.5, 4.5, 5.5]), (controls[6], [0.5, 1.5, 2.5, 4.0])]
    return widget, _cycle(pairs)


def _jervis() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.jervis import JervisWidget

    widget = JervisWidget()
    pairs = [(widget.offence, [-1.0, -0.5, 0.0, 0.3, 0.7, 1.0]),
             (widget.distinguishability, [0.0, 0.2, 0.45, 0.7, 1.0])]
    return widget, _cycle(pairs)


def _discount() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances.widgets.repeated import DiscountWidget

    widget = DiscountWidget()
    pairs = [(widget.delta, [0.1, 0.35, 0.5, 0.65, 0.9]),
             (widget.temptation, [3.5, 4.5, 6.0, 8.0]),
             (widget.punishment, [1.25, 2.0, 2.75])]
    return widget, _cycle(pairs)


CASES = {
    "FamilyMapExplorer, all payoffs (02)": _family_map_payoffs,
    "FamilyMapExplorer, T and P (02)": _family_map_point,
    "JervisWidget (02)": _jervis,
    "DiscountWidget (02)": _discount,
}
