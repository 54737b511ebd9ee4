"""Figures of the Afghanistan case: who sent the troops, who did the fighting, who pays now.

A view module: it draws the tables that :mod:`alliances.cases.afghanistan` computes from
the course's data (ISAF troop snapshots, coalition fatalities). Meaning is carried by
hatching as well as by colour (the Okabe-Ito palette of :mod:`alliances.views.style`).

Examples
--------
>>> from alliances import deaths_per_thousand
>>> plot_deaths_per_thousand(deaths_per_thousand()).get_title()[:23]
'Who did the fighting: d'
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from alliances._validation import short_repr
from alliances.i18n import N_, _, number
from alliances.views.style import PALETTE, localize_axes, new_axes

__all__ = ["plot_shares", "plot_deaths_per_thousand"]

#: Bars of each ISAF snapshot (the columns of ``share_table``, oldest first); the US and UK
#: figures of November 2010 are rounded in the source, and the legend says so.
_SNAPSHOT_STYLE = {
    N_("3 Jun 2008"): dict(color=PALETTE["sky_blue"], hatch="", note="{snapshot}"),
    N_("1 Oct 2009"): dict(color=PALETTE["blue"], hatch="//", note="{snapshot}"),
    N_("Nov 2010"): dict(color=PALETTE["orange"], hatch="..",
                         note=N_("{snapshot} (US and UK rounded in source)")),
}
_REGION_STYLE = {"south": dict(color=PALETTE["vermillion"], hatch="//"),
                 "outside the south": dict(color=PALETTE["blue"], hatch=".."),
                 "other": dict(color=PALETTE["grey"], hatch="")}
_REGION_LEGEND = (("south", N_("fighting in the south (Riga-era source)")),
                  ("outside the south", N_("outside the south (Riga-era source)")),
                  ("other", N_("other")))


def _check_ax(ax: object) -> None:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(_("ax must be a matplotlib Axes or None; got {type} {value}").format(
            type=type(ax).__name__, value=short_repr(ax)))


# ----------------------------------------------------------------------- troop shares
def plot_shares(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Horizontal bars: each nation's share of ISAF troops at the three snapshots.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`alliances.cases.afghanistan.share_table`.
    ax : Axes, optional

    Examples
    --------
    >>> from alliances import share_table
    >>> ax = plot_shares(share_table())
    >>> ax.get_xlabel()
    'share of the ISAF total (%)'
    """
    _check_ax(ax)
    labels = list(_SNAPSHOT_STYLE)
    if not isinstance(table, pd.DataFrame) or not set(labels) <= set(table.columns):
        raise TypeError(_("table must be a DataFrame from share_table()"))
    ax = ax if ax is not None else new_axes(7.0, 5.0)
    countries = list(table.index)
    y = np.arange(len(countries))
    height = 0.27
    for k, label in enumerate(labels):
        values = table[label].to_numpy(dtype=float)
        style = _SNAPSHOT_STYLE[label]
        ax.barh(y + (k - 1) * height, np.nan_to_num(values), height=height,
                color=style["color"], hatch=style["hatch"], edgecolor="black", linewidth=0.5,
                label=_(style["note"]).format(snapshot=_(label)))
        for yy, v in zip(y + (k - 1) * height, values):
            text = _("not named") if np.isnan(v) else number(v, ".1f")
            ax.text((0 if np.isnan(v) else v) + 0.6, yy, text, va="center", fontsize=7)
    ax.set_yticks(y)
    ax.set_yticklabels(countries)
    ax.invert_yaxis()
    ax.set_xlabel(_("share of the ISAF total (%)"))
    ax.set_xlim(0, float(np.nanmax(table[labels].to_numpy(dtype=float))) * 1.12)
    ax.set_title(_("Who sent the troops: shares of ISAF at three snapshots"), fontsize=11)
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(True, axis="x", color="#DDDDDD", lw=0.6)
    return localize_axes(ax)


# ------------------------------------------------------------------------ fatalities
def plot_deaths_per_thousand(table: pd.DataFrame, ax: Axes | None = None, *,
                             min_troops: int = 500) -> Axes:
    """Bars of deaths per 1,000 troops, the groups of ``region_rates`` marked.

    Only contingents of at least ``min_troops`` at the snapshot are drawn, because the
    ratio means nothing for a handful of soldiers counted on one day.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`alliances.cases.afghanistan.deaths_per_thousand`.
    ax : Axes, optional
    min_troops : int
        The smallest contingent drawn, 1 or more.

    Examples
    --------
    >>> from alliances import deaths_per_thousand
    >>> ax = plot_deaths_per_thousand(deaths_per_thousand())
    >>> ax.get_ylabel()
    'deaths 2001-2021 per 1,000 troops in ISAF'
    """
    if not isinstance(table, pd.DataFrame) or not {"country", "per_1000", "region",
                                                   "troops"} <= set(table.columns):
        raise TypeError(_("table must be a DataFrame from deaths_per_thousand()"))
    _check_ax(ax)
    if isinstance(min_troops, bool) or not isinstance(min_troops, (int, np.integer)) \
            or min_troops < 1:
        raise ValueError(_("min_troops must be a whole number >= 1; got {value!r}").format(
            value=min_troops))
    shown = table[table["troops"] >= min_troops]
    if shown.empty:
        raise ValueError(_("no contingent has at least min_troops = {value} troops").format(
            value=min_troops))
    ax = ax if ax is not None else new_axes(7.6, 4.0)
    style = _REGION_STYLE
    x = np.arange(len(shown))
    for xx, row in zip(x, shown.itertuples(index=False)):
        ax.bar(xx, row.per_1000, color=style[row.region]["color"],
               hatch=style[row.region]["hatch"], edgecolor="black", linewidth=0.5)
        ax.text(xx, row.per_1000 + 1, number(row.per_1000, ".0f"), ha="center", fontsize=7)
    ax.set_xticks(x)
    ax.set_xticklabels(shown["country"], rotation=60, ha="right", fontsize=8)
    ax.set_ylabel(_("deaths 2001-2021 per 1,000 troops in ISAF"))
    ax.set_ylim(0, float(shown["per_1000"].max()) * 1.15)
    handles = [Patch(facecolor=style[r]["color"], hatch=style[r]["hatch"], edgecolor="black",
                     label=_(lab)) for r, lab in _REGION_LEGEND]
    ax.legend(handles=handles, fontsize=8, loc="upper right")
    ax.set_title(_("Who did the fighting: deaths per 1,000 troops (contingents of "
                   "{n} or more)").format(n=number(min_troops, ",")), fontsize=10)
    ax.grid(True, axis="y", color="#DDDDDD", lw=0.6)
    return localize_axes(ax)
