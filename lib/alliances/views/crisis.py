"""The figure of the two-ally game's fears: abandonment against entrapment, for each ally.

:class:`FearsPlot` draws the result of :func:`alliances.models.crisis.ally_fears` as two
bars per ally (the fear of abandonment a·d, the fear of entrapment e, hatched) with the
verdict the larger fear dictates, and can be updated in place (the dependence explorer
does). The crisis game's tree is drawn by :mod:`alliances.views.gametree`.

Examples
--------
>>> from alliances.models.crisis import ally_fears
>>> FearsPlot(ally_fears(0.3, 0.8)).ax.get_title()
'Which fear drives each ally?'
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from alliances.models.crisis import ALLIES, AllyFears
from alliances.i18n import N_, _
from alliances.views.style import PALETTE, localize_axes

__all__ = ["FearsPlot"]

#: The verdict shown above each ally's bars, by its dominant fear.
_VERDICTS = {"abandonment": N_("supports"), "entrapment": N_("withholds"),
             "balanced": N_("indifferent")}


class FearsPlot:
    """Each ally's fear of abandonment and of entrapment as bars, updatable for new fears.

    Parameters
    ----------
    fears : AllyFears
        From :func:`alliances.models.crisis.ally_fears`.
    ax : Axes, optional
        Where to draw; by default a new figure outside pyplot.

    Examples
    --------
    >>> from alliances.models.crisis import ally_fears
    >>> plot = FearsPlot(ally_fears(0.3, 0.8))
    >>> [text.get_text() for text in plot.verdicts]
    ['withholds', 'supports']
    """

    def __init__(self, fears: AllyFears, ax: Axes | None = None) -> None:
        if not isinstance(fears, AllyFears):
            raise TypeError(_("fears must be an AllyFears (from ally_fears); got "
                              "{type}").format(type=type(fears).__name__))
        if ax is not None and not isinstance(ax, Axes):
            raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
                type=type(ax).__name__))
        if ax is None:
            ax = Figure(figsize=(4.4, 3.9), dpi=100, layout="constrained").add_subplot()
        self.ax = ax
        x = np.arange(2)
        self.bars_a = ax.bar(x - 0.19, [0, 0], 0.36, color=PALETTE["blue"],
                             edgecolor="black", label=_("fear of abandonment  a·d"))
        self.bars_e = ax.bar(x + 0.19, [0, 0], 0.36, color=PALETTE["vermillion"],
                             edgecolor="black", hatch="//", label=_("fear of entrapment  e"))
        self.verdicts = [ax.text(i, 0, "", ha="center", va="bottom", fontsize=10,
                                 fontweight="bold") for i in range(2)]
        ax.set_xticks(x, [_(ally) for ally in ALLIES])
        ax.set_ylim(0, 1.25)
        ax.set_ylabel(_("expected loss (payoff units)"))
        ax.set_title(_("Which fear drives each ally?"))
        ax.legend(loc="upper center", fontsize=8, frameon=False, ncols=1)
        ax.grid(axis="y", alpha=0.3)
        localize_axes(ax)
        self.update(fears)

    def update(self, fears: AllyFears) -> None:
        """Show ``fears``: new bar heights, verdicts and vertical scale.

        Examples
        --------
        >>> from alliances.models.crisis import ally_fears
        >>> plot = FearsPlot(ally_fears(0.3, 0.8))
        >>> plot.update(ally_fears(0.8, 0.8))
        >>> plot.verdicts[0].get_text()
        'supports'
        """
        if not isinstance(fears, AllyFears):
            raise TypeError(_("fears must be an AllyFears (from ally_fears); got "
                              "{type}").format(type=type(fears).__name__))
        for i, ally in enumerate(ALLIES):
            a, e = fears.abandonment[ally], fears.entrapment[ally]
            self.bars_a[i].set_height(a)
            self.bars_e[i].set_height(e)
            self.verdicts[i].set_y(max(a, e) + 0.03)
            self.verdicts[i].set_text(_(_VERDICTS[fears.dominant[ally]]))
        top = max(1.0, max(fears.entrapment.values())) * 1.25
        self.ax.set_ylim(0, top)

    def dynamic_artists(self) -> list:
        """The artists that :meth:`update` changes (for layered rendering in widgets).

        Examples
        --------
        >>> from alliances.models.crisis import ally_fears
        >>> len(FearsPlot(ally_fears()).dynamic_artists())   # 2 x 2 bars, 2 verdicts
        6
        """
        return [*self.bars_a, *self.bars_e, *self.verdicts]
