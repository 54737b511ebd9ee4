"""The family map drawn: the regions of the 2x2 families, their tie lines and the game.

Draws what :mod:`alliances.models.family_map` (the map over two payoffs) and
:mod:`alliances.models.family_regions` (any plane of affine payoffs) compute: each region
filled with its family's colour *and* hatch, labelled with the family's name and a marker
for its pure equilibria; tie lines that change the family solid, the others dotted; the game
the map was drawn around as a star.

Examples
--------
>>> from alliances.models.family_map import family_map
>>> ax = plot_family_map(family_map(4, 3, 2, 1, resolution=None))
>>> len([p for p in ax.patches if p.get_visible()])       # one patch per convex cell
12
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from alliances.models.classification import FAMILIES
from alliances.models.family_map import FamilyMap
from alliances.models.family_regions import EQUILIBRIUM_KINDS, MapView, Region
from alliances.i18n import N_, _, get_language
from alliances.views.style import PALETTE, localize_axes, new_axes

__all__ = ["SYMMETRIC_FAMILIES", "family_style",
           "FamilyMapPlot", "plot_family_map"]

#: Colour (Okabe-Ito) and hatch of each family: colour is never the only cue.
_FAMILY_STYLE: dict[str, tuple[str, str]] = {
    N_("Prisoner's Dilemma"): (PALETTE["vermillion"], "/"),
    N_("Chicken"): (PALETTE["orange"], "\\"),
    N_("Stag Hunt"): (PALETTE["blue"], "."),
    N_("Deadlock"): (PALETTE["purple"], "x"),
    N_("Harmony"): (PALETTE["green"], "o"),
    N_("Coordination"): (PALETTE["sky_blue"], "-"),
    N_("Battle of the Sexes"): (PALETTE["yellow"], "|"),
    N_("Asymmetric dominance"): (PALETTE["grey"], "+"),
    N_("Matching Pennies"): (PALETTE["black"], "*"),
    N_("Cyclic"): (PALETTE["black"], "O"),
}
#: The families a symmetric 2x2 game can belong to (the legend of every family map).
SYMMETRIC_FAMILIES: tuple[str, ...] = (N_("Prisoner's Dilemma"), N_("Chicken"),
                                       N_("Stag Hunt"), N_("Deadlock"), N_("Harmony"),
                                       N_("Coordination"), N_("Battle of the Sexes"))
#: Style of an area on the boundary between families (a tie that holds everywhere in it).
#: Its hatch (a square grid with dots) matches no family's hatch, single or doubled as in
#: the legend: "xx" was Deadlock's legend hatch, and grey and purple are close under
#: deuteranopia.
_BOUNDARY_STYLE: tuple[str, str] = (PALETTE["grey"], "+.")
#: The marker of each kind of pure-equilibrium set (keys of ``EQUILIBRIUM_KINDS``).
_MARKERS: dict[str, str] = {"DD": "o", "CC": "s", "CC+DD": "D", "CD+DC": "^", "other": "X"}

_TINT = 0.62          # how far a region's fill is mixed towards white, for readable labels


def family_style(family: str) -> tuple[str, str]:
    """The (colour, hatch) of a family name, or of a boundary such as "A / B".

    Examples
    --------
    >>> family_style("Stag Hunt")
    ('#0072B2', '.')
    >>> family_style("Prisoner's Dilemma / Stag Hunt") == _BOUNDARY_STYLE
    True
    """
    if not isinstance(family, str):
        raise TypeError(_("family must be a family name (a string); got {value!r}").format(
            value=family))
    if family in _FAMILY_STYLE:
        return _FAMILY_STYLE[family]
    if " / " in family and all(part in FAMILIES for part in family.split(" / ")):
        return _BOUNDARY_STYLE
    raise ValueError(_("family must be one of {names} or a boundary 'A / B'; got "
                       "{value!r}").format(names=list(FAMILIES), value=family))


def _tint(colour: str, amount: float = _TINT) -> tuple[float, float, float]:
    rgb = np.array([int(colour[k:k + 2], 16) / 255 for k in (1, 3, 5)])
    return tuple(float(v) for v in rgb + (1 - rgb) * amount)


class FamilyMapPlot:
    """A family-map figure whose artists are updated in place for a new map.

    Regions are filled with the family's colour *and* hatch, and labelled with the family
    name and a marker for the kind of pure equilibria; ties that change the family are
    solid black lines, ties that change nothing are dotted grey; the game the map was drawn
    around is a star.

    For rendering in layers (widgets): :meth:`prepare_layers` fixes the set of artists;
    :meth:`map_artists` and :attr:`point` are the two dynamic layers; :attr:`map_key`
    changes only when the regions change and :attr:`frame_key` only when the frame (axes,
    labels, title, legend) does, so moving the game's point redraws just the star.

    Parameters
    ----------
    fmap : FamilyMap or MapView
    ax : Axes, optional
        By default a new figure outside pyplot.
    title : str, optional
        A fixed title; by default the view's.
    legend : bool
        Whether to draw the legend to the right of the map (families, ties, markers).
    markers : bool
        Whether to mark the kind of equilibria in each labelled region.

    Examples
    --------
    >>> from alliances.models.family_map import family_map
    >>> plot = FamilyMapPlot(family_map(4, 3, 2, 1, resolution=None))
    >>> plot.ax.get_xlabel(), plot.point.get_data()
    ('T (temptation: ally while the other abstains)', ([4.0], [2.0]))
    >>> plot.update(family_map(4, 3, 1, 2, resolution=None))
    >>> plot.point.get_data(), plot.view.note
    (([4.0], [1.0]), 'fixed: R = 3, S = 2')
    """

    def __init__(self, fmap: FamilyMap | MapView, ax: Axes | None = None, *,
                 title: str | None = None, legend: bool = True, markers: bool = True) -> None:
        if ax is not None and not isinstance(ax, Axes):
            raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
                type=type(ax).__name__))
        self.ax = ax if ax is not None else new_axes(8.4, 5.2, pyplot=False)
        self._fixed_title = title
        self._legend = bool(legend)
        self._markers = bool(markers)
        ax = self.ax
        self.patches: list[Polygon] = []
        self.texts: list = []
        self.boundaries = LineCollection([], colors=PALETTE["black"], linewidths=2.2,
                                         zorder=3)
        self.neutral_ties = LineCollection([], colors=PALETTE["grey"], linewidths=1.0,
                                           linestyles=":", zorder=3)
        ax.add_collection(self.boundaries)
        ax.add_collection(self.neutral_ties)
        self.markers = {key: ax.plot([], [], linestyle="none", marker=marker, markersize=7,
                                     markerfacecolor="white", markeredgecolor="black",
                                     markeredgewidth=1.3, zorder=5)[0]
                        for key, marker in _MARKERS.items()}
        self.point = ax.plot([], [], linestyle="none", marker="*", markersize=18,
                             markerfacecolor=PALETTE["yellow"], markeredgecolor="black",
                             markeredgewidth=1.4, zorder=7, clip_on=False)[0]
        self.note = ax.text(1.0, 1.01, "", transform=ax.transAxes, ha="right", va="bottom",
                            fontsize=9)
        ax.set_aspect("equal", adjustable="box")
        ax.tick_params(labelsize=9)
        self.title = ax.set_title("", fontsize=11, loc="left", y=1.045)
        self._legend_key: tuple | None = None
        self._frame_key: tuple | None = None
        self._map_key: tuple | None = None
        self._prepared = False
        localize_axes(ax)
        self.update(fmap)

    def _patch(self, k: int) -> Polygon:
        while len(self.patches) <= k:
            patch = Polygon(np.zeros((3, 2)), closed=True, linewidth=0, zorder=1)
            self.ax.add_patch(patch)
            self.patches.append(patch)
            if self._prepared:
                raise RuntimeError("internal: the map needs more patches than prepared")
        return self.patches[k]

    def _text(self, k: int):
        while len(self.texts) <= k:
            self.texts.append(self.ax.text(0, 0, "", ha="center", va="bottom", fontsize=8.5,
                                           zorder=6, bbox=dict(boxstyle="round,pad=0.15",
                                                               facecolor="white",
                                                               edgecolor="none", alpha=0.85)))
            if self._prepared:
                raise RuntimeError("internal: the map needs more labels than prepared")
        return self.texts[k]

    def map_artists(self) -> list:
        """The artists that change when the map's regions change (for layered rendering)."""
        return [*self.patches, self.boundaries, self.neutral_ties, *self.markers.values(),
                *self.texts, self.note]

    @property
    def frame_key(self) -> tuple:
        """Changes whenever the static frame (axes, labels, title, legend) changes."""
        return (self._frame_key, self._legend_key, self.title.get_text())

    @property
    def map_key(self) -> tuple | None:
        """Changes whenever the map's regions change."""
        return self._map_key

    def update(self, fmap: FamilyMap | MapView) -> None:
        """Show ``fmap`` by updating the existing artists."""
        if isinstance(fmap, FamilyMap):
            view = fmap.view()
        elif isinstance(fmap, MapView):
            view = fmap
        else:
            raise TypeError(_("fmap must be a FamilyMap or a MapView; got {type}").format(
                type=type(fmap).__name__))
        ax = self.ax
        self.view = view
        frame_key = (view.xlim, view.ylim, view.x_label, view.y_label)
        if frame_key != self._frame_key:
            ax.set_xlim(*view.xlim)
            ax.set_ylim(*view.ylim)
            ax.set_xlabel(view.x_label, fontsize=9.5)
            ax.set_ylabel(view.y_label, fontsize=9.5)
        self.title.set_text(self._fixed_title if self._fixed_title is not None else view.title)
        map_key = (frame_key, view.key)
        if map_key != self._map_key:
            self._draw_map(view)
        if self._legend:
            self._update_legend(view)
        self._frame_key, self._map_key = frame_key, map_key
        self.point.set_data([view.point[0]], [view.point[1]])

    def _draw_map(self, view: MapView) -> None:
        self._draw_regions(view.regions)
        self.boundaries.set_segments([[t.start, t.end] for t in view.ties if t.boundary])
        self.neutral_ties.set_segments([[t.start, t.end] for t in view.ties if not t.boundary])
        marker_points = self._draw_labels(view)
        for key, line in self.markers.items():
            points = marker_points[key] if self._markers else []
            line.set_data([p[0] for p in points], [p[1] for p in points])
        self.note.set_text(view.note)

    def _draw_regions(self, regions: Sequence[Region]) -> None:
        """Fill one patch per region with its family's tint and hatch; hide the rest."""
        for k, region in enumerate(regions):
            colour, hatch = family_style(region.family)
            patch = self._patch(k)
            patch.set_xy(np.array(region.vertices))
            patch.set_facecolor(_tint(colour))
            patch.set_hatch(hatch)
            patch.set_hatchcolor(colour)
            patch.set_edgecolor("none")
            patch.set_visible(True)
        for patch in self.patches[len(regions):]:
            patch.set_visible(False)

    def _draw_labels(self, view: MapView) -> dict[str, list[tuple[float, float]]]:
        """Name the family of each connected area big enough to hold a label; return where
        the equilibrium markers go, by kind."""
        marker_points: dict[str, list[tuple[float, float]]] = {k: [] for k in EQUILIBRIUM_KINDS}
        width = view.xlim[1] - view.xlim[0]
        height = view.ylim[1] - view.ylim[0]
        shown = 0
        for group in _connected_groups(view.regions):
            biggest = max(group, key=lambda r: r.area)
            if sum(r.area for r in group) < 0.012 * width * height:
                continue           # too small to label; the legend and hatching still tell
            x, y = _label_point(biggest)
            text = self._text(shown)
            text.set_text(" /\n".join(_(part) for part in biggest.family.split(" / ")))
            text.set_position((x, y + 0.015 * height))
            text.set_visible(True)
            marker_points[biggest.equilibrium_kind].append((x, y - 0.045 * height))
            shown += 1
        for text in self.texts[shown:]:
            text.set_visible(False)
        return marker_points

    def _update_legend(self, view: MapView) -> None:
        # One legend for every map: all the families a symmetric game can belong to, so that
        # maps can be compared and the legend (static, drawn once) never has to change.
        key = view.labels
        if key == self._legend_key:
            return
        self._legend_key = key
        c, d = view.labels
        handles = []
        for family in SYMMETRIC_FAMILIES:
            colour, hatch = family_style(family)
            handles.append(Patch(facecolor=_tint(colour), edgecolor=colour, hatch=hatch * 2,
                                 label=_(family)))
        colour, hatch = _BOUNDARY_STYLE
        handles.append(Patch(facecolor=_tint(colour), edgecolor=colour, hatch=hatch,
                             label=_("boundary: a tie all over the area")))
        handles.append(Line2D([], [], color=PALETTE["black"], linewidth=2.2,
                              label=_("tie that changes the family")))
        handles.append(Line2D([], [], color=PALETTE["grey"], linewidth=1.0, linestyle=":",
                              label=_("tie that changes nothing")))
        english = get_language() == "en"
        for key, words in EQUILIBRIUM_KINDS.items():
            handles.append(Line2D([], [], linestyle="none", marker=_MARKERS[key], markersize=7,
                                  markerfacecolor="white", markeredgecolor="black",
                                  label=_(words).format(
                                      C=_(c).lower(), D=_(d).lower(),
                                      Cs=_verb(c) if english else _(c).lower(),
                                      Ds=_verb(d) if english else _(d).lower())))
        handles.append(Line2D([], [], linestyle="none", marker="*", markersize=12,
                              markerfacecolor=PALETTE["yellow"], markeredgecolor="black",
                              label=_("the game shown")))
        legend = self.ax.get_legend()
        if legend is not None:
            legend.remove()
        self.ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                       fontsize=8, frameon=False, handlelength=1.8, borderaxespad=0,
                       title=_("Families and equilibria"), title_fontsize=8.5,
                       alignment="left")

    def prepare_layers(self, *, patches: int = 24, labels: int = 16) -> None:
        """Create the artist pools up front, once (layered rendering needs a fixed set).

        A family map has at most 16 cells (five tie lines cut a square into at most 16),
        so the defaults always suffice.

        Examples
        --------
        >>> from alliances.models.family_map import family_map
        >>> plot = FamilyMapPlot(family_map(4, 3, 2, 1, resolution=None))
        >>> plot.prepare_layers()
        >>> len(plot.patches), len(plot.texts)
        (24, 16)
        """
        for value, name in ((patches, "patches"), (labels, "labels")):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                raise TypeError(_("{name} must be an integer; got {value!r}").format(
                    name=name, value=value))
            if not 1 <= value <= 200:
                raise ValueError(_("{name} must be between 1 and 200; got {value}").format(
                    name=name, value=value))
        if self._prepared:
            if patches > len(self.patches) or labels > len(self.texts):
                raise ValueError(_("patches and labels cannot grow once prepared (prepared "
                                   "{patches_before} and {labels_before}); got {patches} and "
                                   "{labels}").format(
                    patches_before=len(self.patches), labels_before=len(self.texts),
                    patches=patches, labels=labels))
            return
        self._patch(patches - 1)
        self._text(labels - 1)
        for artist in self.patches[len(self.view.regions):]:
            artist.set_visible(False)
        self._draw_map(self.view)
        self._prepared = True


def _verb(label: str) -> str:
    """The third person of a strategy label used as a verb: "allies", "abstains"."""
    word = label.lower()
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")


def _label_point(region: Region) -> tuple[float, float]:
    """A point well inside a convex cell: the centroid of its area."""
    vertices = np.array(region.vertices)
    x, y = vertices[:, 0], vertices[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    if abs(area) < 1e-15:
        return region.point
    cx = float(((x + np.roll(x, -1)) * cross).sum() / (6 * area))
    cy = float(((y + np.roll(y, -1)) * cross).sum() / (6 * area))
    return cx, cy


def _connected_groups(regions: Sequence[Region]) -> list[list[Region]]:
    """Cells of the same family that share an edge, grouped (union-find)."""
    parent = list(range(len(regions)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    keys = [{(round(x, 9), round(y, 9)) for x, y in r.vertices} for r in regions]
    for i, j in combinations(range(len(regions)), 2):
        if regions[i].family == regions[j].family and len(keys[i] & keys[j]) >= 2:
            parent[find(i)] = find(j)
    groups: dict[int, list[Region]] = {}
    for k, region in enumerate(regions):
        groups.setdefault(find(k), []).append(region)
    return list(groups.values())


def plot_family_map(fmap: FamilyMap, ax: Axes | None = None, *, title: str | None = None
                    ) -> Axes:
    """Draw a family map: regions by colour and hatch, tie lines, equilibria, the game.

    Parameters
    ----------
    fmap : FamilyMap
    ax : Axes, optional
        Where to draw; a new figure (through pyplot, for notebooks) if omitted.
    title : str, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> from alliances.models.family_map import family_map
    >>> ax = plot_family_map(family_map(4, 3, 2, 1, resolution=None))
    >>> ax.get_title(loc="left")
    'Families of symmetric 2×2 games over T and P'
    """
    plot = FamilyMapPlot(fmap, ax if ax is not None else new_axes(8.4, 5.2), title=title)
    return plot.ax
