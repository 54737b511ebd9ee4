"""Interactive widgets: a thin layer that wires controls to the library's functions.

One module per widget family; :class:`~alliances.widgets.base.LiveFigure` is the base
of them all (controls, a one-sentence summary, a figure updated in place, errors shown
as text).
"""

from .base import LiveFigure
from .payoff_editor import PayoffEditor

__all__ = ["LiveFigure", "PayoffEditor"]
