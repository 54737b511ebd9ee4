"""Figures of notebook 7: the small state's best choice, the timeline and the spending data.

Views only: the model is :mod:`alliances.models.smallstate`, the data analysis
:mod:`alliances.cases.southeast_asia`, which passes its data to the figures here. Colours
come from the course's colour-blind-safe palette, and every region of the choice map is
also named in text (meaning is never carried by colour alone).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from alliances.i18n import N_, _, number
from alliances.views.style import PALETTE, localize_axes, new_axes
from alliances.models.smallstate import (OPTIONS, PatronEquilibria, SmallState, best_choice,
                                         choice_map, patron_equilibria)

__all__ = ["SmallStatePlot", "plot_southeast_asia_timeline", "plot_region_vs_china",
           "plot_burden_groups"]

#: One palette colour per option, in the order of :data:`alliances.models.smallstate.OPTIONS`.
_OPTION_COLOURS = (PALETTE["vermillion"], PALETTE["blue"], PALETTE["green"], PALETTE["orange"])
_GRID = 161


def _map_key(model: SmallState) -> tuple[float, float, float]:
    """What the choice map depends on: entrapment, trade and the bandwagon price."""
    return (model.entrapment, model.trade, model.bandwagon_price)


def _check_ax(ax: object) -> None:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(_("ax must be a matplotlib Axes or None; got {type}").format(
            type=type(ax).__name__))


class SmallStatePlot:
    """The best option over threat x reliability (left) and each option's payoff (right).

    The left panel also marks the equilibria of the game with patron B
    (:func:`~alliances.models.smallstate.patron_equilibria`) at the current threat: the
    probabilities of honouring that B would choose (a line where any of a range would do).

    Parameters
    ----------
    model : SmallState
    axes : (Axes, Axes), optional
        Drawn on a new :class:`matplotlib.figure.Figure` if omitted.

    Examples
    --------
    >>> plot = SmallStatePlot(SmallState(threat=0.8, reliability=0.9, entrapment=0.2,
    ...                                  trade=0.2))
    >>> plot.title.get_text()
    'Best choice: Align with B (payoff -0.08).'
    >>> plot.update(SmallState(threat=0.2)).name
    'Stay out'
    >>> plot.equilibria.get_data()[1][:2]      # B untested: any chance from 0 to 1
    [0.0, 1.0]
    >>> plot.dynamic_artists() == plot.map_artists() + plot.point_artists()
    True
    """

    def __init__(self, model: SmallState,
                 axes: tuple[Axes, Axes] | None = None) -> None:
        if not isinstance(model, SmallState):
            raise TypeError(_("model must be a SmallState; got {type}").format(
                type=type(model).__name__))
        if axes is not None and (not isinstance(axes, (tuple, list)) or len(axes) != 2
                                 or not all(isinstance(a, Axes) for a in axes)):
            raise TypeError(_("axes must be two matplotlib Axes (a tuple) or None; got "
                              "{type}").format(type=type(axes).__name__))
        if axes is None:
            figure = Figure(figsize=(10.2, 4.0), dpi=100, layout="constrained")
            axes = tuple(figure.subplots(1, 2, width_ratios=[1.15, 1]))
        self.axes = axes
        left, right = axes
        self.image = left.imshow(np.zeros((_GRID, _GRID)), origin="lower",
                                 extent=(0, 1, 0, 1), aspect="auto", vmin=-0.5, vmax=3.5,
                                 cmap=ListedColormap(_OPTION_COLOURS), alpha=0.55,
                                 interpolation="nearest")
        self.labels = [left.text(0, 0, _(name), ha="center", va="center", fontsize=9,
                                 fontweight="bold", visible=False) for name in OPTIONS]
        (self.point,) = left.plot([], [], marker="*", markersize=16, color=PALETTE["black"],
                                  markeredgecolor="white", linestyle="none",
                                  label=_("current values"))
        #: The equilibria of the game with patron B at the current threat: a diamond at
        #: each probability that B honours, a vertical line through a range of them.
        (self.equilibria,) = left.plot([], [], marker="D", markersize=7, linewidth=2.5,
                                       color=PALETTE["black"], markerfacecolor="white",
                                       markeredgewidth=1.5, clip_on=False,
                                       label=_("equilibria: chance that B honours"))
        #: The :class:`~alliances.models.smallstate.PatronEquilibria` drawn.
        self.game: PatronEquilibria | None = None
        left.set_xlabel(_("threat from A (expected damage, 0 to 1)"))
        left.set_ylabel(_("reliability of patron B (probability)"))
        left.set_title(_("Best choice across threat and reliability"), fontsize=10)
        left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2, fontsize=9,
                    frameon=False)
        x = np.arange(len(OPTIONS))
        self.bars = right.bar(x, np.zeros(len(OPTIONS)), color=_OPTION_COLOURS,
                              edgecolor=PALETTE["black"], linewidth=0.8)
        self.values = [right.text(k, 0, "", ha="center", va="bottom", fontsize=9)
                       for k in x]
        right.axhline(0, color=PALETTE["grey"], linewidth=0.8)
        right.set_xticks(x, [_(name).replace(" with ", "\nwith ").replace(" dengan ",
                                                                          "\ndengan ")
                             for name in OPTIONS], fontsize=9)
        right.set_ylim(-2.0, 2.0)
        right.set_ylabel(_("payoff (units of A's damage)"))
        # the sentence is a dynamic text, not the Axes title, so that the static layer
        # (titles, ticks, labels) stays as kept pixels (alliances.widgets.render)
        #: The (entrapment, trade, bandwagon price) of the map drawn; the map ignores the
        #: threat and the reliability, so it is redrawn only when this changes.
        self.map_key: tuple | None = None
        self.title = right.text(0.5, 1.02, "", transform=right.transAxes, ha="center",
                                va="bottom", fontsize=10)
        localize_axes(left)
        localize_axes(right)
        self.update(model)

    def update(self, model: SmallState):
        """Redraw for ``model``; return its :class:`~alliances.models.smallstate.Choice`."""
        choice = best_choice(model)
        if self.map_key != (key := _map_key(model)):     # the map ignores threat, reliability
            _xs, _ys, codes = choice_map("threat", "reliability", model, n=_GRID)
            self.image.set_data(codes)
            grid = np.linspace(0, 1, _GRID)
            for code, label in enumerate(self.labels):
                rows, cols = np.nonzero(codes == code)
                label.set_visible(rows.size > 0.01 * codes.size)
                if rows.size:
                    label.set_position((float(np.clip(np.median(grid[cols]), 0.14, 0.86)),
                                        float(np.clip(np.median(grid[rows]), 0.06, 0.94))))
            self.map_key = key
        self.point.set_data([model.threat], [model.reliability])
        self.game = patron_equilibria(model)
        xs: list[float] = []
        ys: list[float] = []
        for low, high in self.game.honour:              # NaN separates the sets
            xs += [model.threat, model.threat, np.nan]
            ys += [low, high, np.nan]
        self.equilibria.set_data(xs, ys)
        for k, (bar, text, name) in enumerate(zip(self.bars, self.values, OPTIONS)):
            value = choice.values[name]
            bar.set_height(value)
            best = name == choice.name
            bar.set_hatch("//" if best else "")
            bar.set_linewidth(2.2 if best else 0.8)
            shown = (f"{number(value, '.2f')}\nh = {number(choice.h_star, '.2f')}"
                     if name == "Hedge" else number(value, ".2f"))
            text.set_text(shown + ("\n" + _("best") if best else ""))
            text.set_position((k, max(value, 0) + 0.05))
        self.title.set_text(choice.sentence())
        return choice

    def map_artists(self) -> list:
        """The choice map and its region names (they change only with :meth:`key`)."""
        return [self.image, *self.labels]

    def point_artists(self) -> list:
        """The star, the equilibria, the bars and the sentence (they change on every
        update)."""
        return [self.point, self.equilibria, *self.bars, *self.values, self.title]

    def dynamic_artists(self) -> list:
        """The artists that change on :meth:`update`."""
        return [*self.map_artists(), *self.point_artists()]


def _check_frame(frame: object, name: str, columns: set[str]) -> None:
    if not isinstance(frame, pd.DataFrame) or not columns <= set(frame.columns):
        raise TypeError(_("{name} must be a DataFrame with columns {columns}; got "
                          "{type}").format(name=name, columns=sorted(columns),
                                           type=type(frame).__name__))


def _check_series(series: object, name: str) -> None:
    if not isinstance(series, pd.Series) or series.empty or not \
            pd.api.types.is_numeric_dtype(series):
        raise TypeError(_("{name} must be a non-empty pandas Series of numbers by year; got "
                          "{type}").format(name=name, type=type(series).__name__))


_LANES = {"state": (N_("Indonesia"), "o", PALETTE["vermillion"]),
          "regional": (N_("regional (Bandung, NAM, ASEAN)"), "s", PALETTE["green"]),
          "alliance": (N_("treaty alliances"), "^", PALETTE["blue"]),
          "other": (N_("other"), "D", PALETTE["grey"])}


def plot_southeast_asia_timeline(events: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """The Southeast Asia timeline, each event labelled by name and date.

    Parameters
    ----------
    events : pandas.DataFrame
        From :func:`alliances.cases.southeast_asia.alignment_events`: ``date_start``,
        ``date_end``, ``actor_level`` (state, regional, alliance or other), ``name`` and
        ``when``, oldest first.
    ax : Axes, optional

    Examples
    --------
    >>> events = pd.DataFrame({"date_start": ["1955-04-18"], "date_end": ["1955-04-24"],
    ...                        "actor_level": ["regional"], "name": ["Bandung Conference"],
    ...                        "when": ["18-24 Apr 1955"]})
    >>> plot_southeast_asia_timeline(events).texts[0].get_text()
    'Bandung Conference, 18-24 Apr 1955'
    """
    _check_ax(ax)
    _check_frame(events, "events", {"date_start", "date_end", "actor_level", "name", "when"})
    if not set(events["actor_level"]) <= set(_LANES):
        raise ValueError(_("events: actor_level must be one of {levels}; got "
                           "{unknown}").format(
            levels=sorted(_LANES), unknown=sorted(set(events['actor_level']) - set(_LANES))))
    ax = ax if ax is not None else new_axes(9.5, 6.0)
    lanes = _LANES
    n = len(events)
    for k, row in enumerate(events.itertuples(index=False)):
        label, marker, colour = lanes[row.actor_level]
        start, end = pd.Timestamp(row.date_start), pd.Timestamp(row.date_end)
        y = n - k
        if (end - start).days > 31:
            ax.plot([start, end], [y, y], color=colour, linewidth=5, alpha=0.5)
        ax.plot([start], [y], marker=marker, color=colour, linestyle="none",
                markeredgecolor=PALETTE["black"], markersize=7)
        ax.annotate(f"{_(row.name)}, {row.when}", (end, y), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=8)
    for key, (label, marker, colour) in lanes.items():
        ax.plot([], [], marker=marker, color=colour, linestyle="none",
                markeredgecolor=PALETTE["black"], label=_(label))
    ax.set_xlim(pd.Timestamp("1945-01-01"), pd.Timestamp("2040-01-01"))
    ax.set_yticks([])
    ax.set_ylim(0.3, n + 0.7)
    ax.set_xlabel(_("year"))
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)
    ax.set_title(_("Southeast Asia's two paths: alliances and non-alignment, 1948-2021"))
    return localize_axes(ax)


def plot_region_vs_china(region: pd.Series, china: pd.Series, ax: Axes | None = None) -> Axes:
    """Military spending of seven ASEAN members and of China, first year = 100 (log scale).

    Parameters
    ----------
    region, china : pandas.Series
        Spending by year (index), as :func:`alliances.cases.southeast_asia.regional_total`
        gives it for the seven members with complete series and for China.
    ax : Axes, optional

    Examples
    --------
    >>> years = [1989, 1990, 1991]
    >>> ax = plot_region_vs_china(pd.Series([10.0, 11.0, 12.0], index=years),
    ...                           pd.Series([20.0, 25.0, 30.0], index=years))
    >>> ax.get_yscale()
    'log'
    """
    _check_ax(ax)
    _check_series(region, "region")
    _check_series(china, "china")
    ax = ax if ax is not None else new_axes(8.0, 4.2)
    ax.plot(region.index, 100 * region / region.iloc[0], color=PALETTE["blue"],
            label=_("seven ASEAN members with complete series"))
    ax.plot(china.index, 100 * china / china.iloc[0], color=PALETTE["vermillion"],
            linestyle="--", label=_("China (SIPRI estimate)"))
    ax.set_yscale("log")
    ax.set_xlabel(_("year"))
    ax.set_ylabel(_("military spending, 1989 = 100\n(constant 2023 US$, log scale)"))
    ax.set_title(_("Has Southeast Asia's spending followed China's?"))
    ax.legend(fontsize=8, frameon=False)
    return localize_axes(ax)


_BURDEN_STYLES = {N_("Philippines"): (PALETTE["blue"], "-", "o"),
                  N_("Thailand"): (PALETTE["sky_blue"], "-", "s"),
                  N_("Indonesia"): (PALETTE["vermillion"], "--", "^"),
                  N_("Malaysia"): (PALETTE["orange"], "--", "D")}


def plot_burden_groups(frame: pd.DataFrame, ax: Axes | None = None, *,
                       allies: tuple[str, ...] = ("Philippines", "Thailand")) -> Axes:
    """Share of GDP of the US treaty allies (solid) and two non-aligned members (dashed).

    Parameters
    ----------
    frame : pandas.DataFrame
        ``country``, ``year`` and ``milex_pct_gdp``, as
        :func:`alliances.cases.southeast_asia.spending` gives them; the Philippines,
        Thailand, Indonesia and Malaysia are drawn.
    ax : Axes, optional
    allies : tuple of str
        The countries labelled "US treaty ally" (the others "non-aligned").

    Examples
    --------
    >>> frame = pd.DataFrame({"country": ["Thailand", "Thailand"], "year": [2023, 2024],
    ...                       "milex_pct_gdp": [1.2, 1.3]})
    >>> plot_burden_groups(frame).get_lines()[1].get_label()     # the Philippines first
    'Thailand (US treaty ally)'
    """
    _check_ax(ax)
    _check_frame(frame, "frame", {"country", "year", "milex_pct_gdp"})
    if isinstance(allies, str) or not isinstance(allies, (tuple, list)):
        raise TypeError(_("allies must be a tuple of country names; got {value}").format(
            value=f"{allies!r:.60}"))
    ax = ax if ax is not None else new_axes(8.0, 4.2)
    for country, (colour, style, marker) in _BURDEN_STYLES.items():
        rows = frame[frame["country"] == country]
        group = _("US treaty ally") if country in allies else _("non-aligned")
        ax.plot(rows["year"], rows["milex_pct_gdp"], color=colour, linestyle=style,
                marker=marker, markersize=3, label=f"{_(country)} ({group})")
    ax.axhline(2.0, color=PALETTE["grey"], linestyle=":", label=_("NATO's 2% guideline"))
    ax.set_xlabel(_("year"))
    ax.set_ylabel(_("military spending, % of GDP (SIPRI)"))
    ax.set_title(_("Allies and non-aligned: the burden in % of GDP"))
    ax.legend(fontsize=8, frameon=False, ncols=2)
    return localize_axes(ax)
