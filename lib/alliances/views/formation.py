"""The view of joining an alliance or staying out: where joining pays, threat against a parameter.

A view module: it draws what :mod:`alliances.models.formation` (our formalization of
Morrow's security-autonomy trade-off) computes.

Examples
--------
>>> ax = plot_join_region()
>>> ax.get_ylabel()
'own strength (adversary = 1)'
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from alliances._validation import short_repr
from alliances.i18n import _
from alliances.models.formation import DEFAULTS, PARAMETERS, parameter_values, threat_threshold
from alliances.views.style import PALETTE, localize_axes, new_axes

__all__ = ["JoinRegionPlot", "plot_join_region"]

#: Bounds on :class:`JoinRegionPlot`'s grid size (points along the vertical axis).
MIN_RESOLUTION, MAX_RESOLUTION = 10, 400


class JoinRegionPlot:
    """Where joining pays: threat on the x axis, any other parameter on the y axis.

    The hatched area is where joining pays; its edge (solid line) is
    :func:`threat_threshold`; the star is the current state. Updated in place by
    :meth:`update`.

    Examples
    --------
    >>> plot = JoinRegionPlot(DEFAULTS)
    >>> plot.point.get_data()
    ([0.5], [0.5])
    >>> plot.update(dict(DEFAULTS, threat=0.2), "spending")
    >>> plot.ax.get_ylabel()
    'spending obligation'
    """

    def __init__(self, params: Mapping[str, float], y_name: str = "own_strength",
                 ax: Axes | None = None, *, resolution: int = 121) -> None:
        if ax is not None and not isinstance(ax, Axes):
            raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
                type=type(ax).__name__))
        if isinstance(resolution, (bool, np.bool_)) or not isinstance(
                resolution, (int, np.integer)):
            raise TypeError(_("resolution must be an integer from {low} to {high}; got "
                              "{type} {value}").format(
                low=MIN_RESOLUTION, high=MAX_RESOLUTION, type=type(resolution).__name__,
                value=short_repr(resolution)))
        if not MIN_RESOLUTION <= resolution <= MAX_RESOLUTION:
            raise ValueError(_("resolution must be an integer from {low} to {high}; got "
                               "{value}").format(low=MIN_RESOLUTION, high=MAX_RESOLUTION,
                                                 value=short_repr(resolution)))
        self.resolution = int(resolution)
        self.ax = ax if ax is not None else new_axes(5.2, 4.2, pyplot=False)
        ax = self.ax
        self.region = Polygon([[0, 0]], closed=True, facecolor=PALETTE["sky_blue"],
                              alpha=0.45, hatch="//", edgecolor=PALETTE["blue"], lw=0)
        ax.add_patch(self.region)
        (self.boundary,) = ax.plot([], [], color=PALETTE["blue"], lw=2.0)
        (self.point,) = ax.plot([], [], marker="*", ms=17, color=PALETTE["orange"],
                                mec="black", ls="none", zorder=5)
        ax.set_xlim(0.0, 1.0)
        ax.set_xlabel(_(PARAMETERS["threat"][0]))
        ax.legend(handles=[
            Patch(facecolor=PALETTE["sky_blue"], alpha=0.45, hatch="//",
                  edgecolor=PALETTE["blue"], label=_("joining pays")),
            Patch(facecolor="white", edgecolor=PALETTE["grey"], label=_("staying out pays")),
            Line2D([], [], color=PALETTE["blue"], lw=2.0, label=_("net benefit = 0")),
            Line2D([], [], marker="*", ms=12, color=PALETTE["orange"], mec="black",
                   ls="none", label=_("this state"))],
            loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2, fontsize=8,
            frameon=False)
        self.title = ax.set_title("", fontsize=10)
        localize_axes(ax)
        self.update(params, y_name)

    def update(self, params: Mapping[str, float], y_name: str = "own_strength") -> None:
        """Show ``params`` with ``y_name`` on the y axis, updating the artists in place."""
        if not isinstance(y_name, str) or y_name not in PARAMETERS or y_name == "threat":
            raise ValueError(_("y_name must be one of {names}; got {value!r}").format(
                names=[p for p in PARAMETERS if p != 'threat'], value=y_name))
        values = parameter_values(params)
        label, low, high, _step = PARAMETERS[y_name]
        label = _(label)
        ys = np.linspace(low, high, self.resolution)
        others = {k: x for k, x in values.items() if k not in ("threat", y_name)}
        edge = threat_threshold(**others, **{y_name: ys})
        clipped = np.clip(edge, 0.0, 1.0)
        self.region.set_xy(np.column_stack([np.concatenate([clipped, [1.0, 1.0]]),
                                            np.concatenate([ys, [high, low]])]))
        inside = (edge > 0.0) & (edge < 1.0)
        self.boundary.set_data(clipped, np.where(inside, ys, np.nan))
        self.point.set_data([values["threat"]], [values[y_name]])
        self.ax.set_ylim(low, high)
        self.ax.set_ylabel(label)
        self.title.set_text(_("Where joining pays (our formalization)\nthreat against "
                              "{parameter}").format(
            parameter=label.split(' (')[0].split(',')[0]))
        self.y_name = y_name

    def dynamic_artists(self) -> list:
        """The artists that move with the parameters (for a layered widget renderer)."""
        return [self.region, self.boundary, self.point]


def plot_join_region(params: Mapping[str, float] | None = None, y_name: str = "own_strength",
                     ax: Axes | None = None) -> Axes:
    """Draw the region where joining pays (threat against ``y_name``), point marked.

    Examples
    --------
    >>> ax = plot_join_region(y_name="allies_strength")
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('threat: chance of a challenge', "allies' strength (adversary = 1)")
    """
    plot = JoinRegionPlot(DEFAULTS if params is None else params, y_name,
                          ax if ax is not None else new_axes(5.2, 4.2))
    return plot.ax
