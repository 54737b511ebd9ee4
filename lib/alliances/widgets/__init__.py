"""Interactive widgets: a thin layer that wires controls to a model and a view.

One module per widget family; :class:`~alliances.widgets.base.LiveFigure` is the base
of them all (controls, a one-sentence summary, a figure redrawn in place, errors shown
as text). Notebooks import the widgets from the top-level package ``alliances``.
"""
