"""Figures of national caveats: the ally's choice over (troops, caveats), and what it leaves.

A view module: it draws what :mod:`alliances.models.caveats` (our formalization of national
caveats, built on the commitment model) computes. :class:`CaveatPlot` updates its artists
in place, for the caveat widget.

Examples
--------
>>> plot = CaveatPlot(CaveatModel(credit=0.0))
>>> plot.comparison.allowed.caveats, plot.axes[1].get_title()
(0.0, 'What the alliance gets')
"""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm
from matplotlib.figure import Figure

from alliances.models.caveats import CaveatComparison, CaveatModel
from alliances.i18n import _, number
from alliances.views.style import PALETTE, localize_axes

__all__ = ["CaveatPlot", "plot_caveats"]

_GRID = 121
#: Bands of the heat map: how far below the ally's best a choice falls, as a share of the
#: range of expected utility on the map (the best band is the darkest).
_BANDS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 1.0)


class CaveatPlot:
    """The ally's expected utility over (troops, caveats), and what the alliance gets.

    Left: a heat map of ``EU(t, q)`` in bands of shortfall from the ally's best (as a
    share of the range of ``EU`` on the map: darker is better), with the best choice
    with caveats allowed (star) and banned (circle, on the bottom edge, where ``q = 0``).
    Right: troops sent and usable troops in both regimes (bars; hatched: banned).
    Updatable in place for a widget.

    Examples
    --------
    >>> plot = CaveatPlot(CaveatModel())
    >>> [round(float(v[0]), 3) for v in plot.star.get_data()]
    [0.667, 0.625]
    >>> plot.update(CaveatModel(credit=0.0)).allowed.caveats
    0.0
    """

    def __init__(self, model: CaveatModel, axes: tuple[Axes, Axes] | None = None) -> None:
        if not isinstance(model, CaveatModel):
            raise TypeError(_("model must be a CaveatModel; got {type}").format(
                type=type(model).__name__))
        if axes is None:
            figure = Figure(figsize=(9.0, 4.0), dpi=100, layout="constrained")
            left, right = figure.subplots(1, 2, width_ratios=[1.25, 1])
        else:
            if (not isinstance(axes, (tuple, list)) or len(axes) != 2
                    or not all(isinstance(a, Axes) for a in axes)):
                raise TypeError(_("axes must be a pair of matplotlib Axes (left, right) or "
                                  "None"))
            left, right = axes
        self.axes = (left, right)
        grid = np.linspace(0.0, 1.0, _GRID)
        self._t, self._q = np.meshgrid(grid, grid)          # rows: q, columns: t
        cmap = matplotlib.colormaps["cividis"].resampled(len(_BANDS) - 1)
        norm = BoundaryNorm(_BANDS, cmap.N)
        # The bands' colours as RGBA bytes: updates colour the map themselves (as
        # BoundaryNorm would), which is several times faster than normalising each frame.
        self._colours = (np.asarray(cmap(np.arange(cmap.N))) * 255).round().astype(np.uint8)
        self.image = left.imshow(np.zeros_like(self._t), origin="lower",
                                 extent=(0.0, 1.0, 0.0, 1.0), cmap=cmap, norm=norm,
                                 aspect="auto", interpolation="nearest")
        bar = left.figure.colorbar(self.image, ax=left, fraction=0.06, pad=0.02,
                                   ticks=_BANDS)
        bar.ax.set_yticklabels([f"{number(100 * b, 'g')} %" for b in _BANDS])
        bar.set_label(_("ally's expected utility: shortfall from its best\n(share of the range "
                        "on the map)"), fontsize=8)
        bar.ax.tick_params(labelsize=7)
        bar.ax.invert_yaxis()
        (self.star,) = left.plot([], [], "*", ms=17, color=PALETTE["orange"], mec="black",
                                 label=_("best, caveats allowed"), clip_on=False, zorder=5)
        (self.circle,) = left.plot([], [], "o", ms=10, color="white", mec="black", mew=1.5,
                                   label=_("best, caveats banned"), clip_on=False, zorder=5)
        left.set_xlim(0, 1)
        left.set_ylim(0, 1)
        left.set_xlabel(_("troops sent t (share of deployable force)"))
        left.set_ylabel(_("share under caveats q"))
        left.set_title(_("The ally's choice"), fontsize=11)
        # Below the map (not on it: a widget redraws the map over its static layer).
        left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2, fontsize=8,
                    frameon=False, handletextpad=0.3, columnspacing=1.0)
        positions = {("allowed", "sent"): 0.0, ("allowed", "usable"): 0.8,
                     ("banned", "sent"): 2.2, ("banned", "usable"): 3.0}
        self.bars = {}
        self.labels = {}
        for (regime, kind), x in positions.items():
            colour = PALETTE["sky_blue"] if kind == "sent" else PALETTE["vermillion"]
            (patch,) = right.bar([x], [0.0], width=0.7, color=colour, edgecolor="black",
                                 hatch="//" if regime == "banned" else "", linewidth=0.6)
            self.bars[regime, kind] = patch
            self.labels[regime, kind] = right.text(x, 0.0, "", ha="center", va="bottom",
                                                   fontsize=9)
        right.set_xticks([0.4, 2.6])
        right.set_xticklabels([_("caveats allowed"), _("caveats banned\n(hatched)")],
                              fontsize=9)
        right.set_ylim(0, 1.15)
        right.set_ylabel(_("share of the ally's deployable force"))
        right.set_title(_("What the alliance gets"), fontsize=11)
        right.legend(handles=[self.bars["allowed", "sent"], self.bars["allowed", "usable"]],
                     labels=[_("troops sent"), _("usable troops (no caveats)")], fontsize=8,
                     loc="upper right")
        right.grid(True, axis="y", color="#DDDDDD", lw=0.6)
        localize_axes(left)
        localize_axes(right)
        self.update(model)

    def update(self, model: CaveatModel) -> CaveatComparison:
        """Show ``model``: recompute, update every artist in place, return the comparison."""
        if not isinstance(model, CaveatModel):
            raise TypeError(_("model must be a CaveatModel; got {type}").format(
                type=type(model).__name__))
        comparison = model.compare()
        values = np.asarray(model.expected_utility(self._t, self._q))
        low, high = float(values.min()), float(values.max())
        shortfall = ((high - values) / (high - low) if high - low > 1e-12
                     else np.zeros_like(values))
        self.image.set_data(self._colours[np.digitize(shortfall, _BANDS[1:-1])])
        allowed, banned = comparison.allowed, comparison.banned.c_star
        self.star.set_data([allowed.troops], [allowed.caveats])
        self.circle.set_data([banned], [0.0])
        heights = {("allowed", "sent"): allowed.troops, ("allowed", "usable"): allowed.usable,
                   ("banned", "sent"): banned, ("banned", "usable"): banned}
        for key, height in heights.items():
            self.bars[key].set_height(height)
            self.labels[key].set_y(height + 0.02)
            self.labels[key].set_text(number(height, ".2f"))
        self.comparison = comparison
        return comparison

    def dynamic_artists(self) -> list:
        """The artists :meth:`update` changes (for layered rendering in widgets)."""
        return [self.image, self.star, self.circle, *self.bars.values(),
                *self.labels.values()]


def plot_caveats(model: CaveatModel, axes: tuple[Axes, Axes] | None = None) -> tuple[Axes, Axes]:
    """Draw the caveat model: the ally's choice and what the alliance gets (two panels).

    Examples
    --------
    >>> left, right = plot_caveats(CaveatModel())
    >>> left.get_xlabel()
    'troops sent t (share of deployable force)'
    """
    if axes is None:
        import matplotlib.pyplot as plt
        figure = plt.figure(figsize=(9.0, 4.0), dpi=100, layout="constrained")
        axes = tuple(figure.subplots(1, 2, width_ratios=[1.25, 1]))
    return CaveatPlot(model, axes).axes
