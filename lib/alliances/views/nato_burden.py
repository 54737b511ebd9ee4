"""Figures of Olson and Zeckhauser's test on NATO data: burden against size, rho by year.

A view module: it draws what :mod:`alliances.cases.nato_burden` computes (size against
burden, Spearman's rho by year and data source). Meaning is carried by marker and line
style as well as by colour (the Okabe-Ito palette of :mod:`alliances.views.style`).

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"series": ["SIPRI", "SIPRI"], "year": [1964, 2024],
...                       "rho": [0.6, 0.1]})
>>> plot_correlations(table, band=(28, 0.374)).get_ylabel()
"Spearman's \u03c1, GDP vs burden"
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from alliances._validation import check_codes, short_repr
from alliances.i18n import N_, _, number
from alliances.views.style import PALETTE, localize_axes, new_axes

__all__ = ["FRONTLINE", "plot_burden_vs_size", "plot_correlations"]

#: Poland and the Baltic states (ISO 3166 alpha-3), the Allies nearest Russia's
#: 2014 and 2022 wars, highlighted in the figures.
FRONTLINE: tuple[str, ...] = ("EST", "LVA", "LTU", "POL")
#: What a size-versus-burden test must carry to be drawn (see ``BurdenTest``).
_TEST_FIELDS = ("label", "table", "size_label", "burden_label", "result")


def _check_ax(ax: object) -> None:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(_("ax must be a matplotlib Axes or None; got {type} {value}").format(
            type=type(ax).__name__, value=short_repr(ax)))




def plot_burden_vs_size(test: object, ax: Axes | None = None, *,
                        highlight: Sequence[str] = FRONTLINE, labels: bool = True) -> Axes:
    """Scatter of burden against economic size (log scale), one labelled point per Ally.

    Poland and the Baltic states (``highlight``, ISO3 codes) are drawn as vermillion
    triangles, the others as blue circles; the title gives rho, the p-value and n.

    Parameters
    ----------
    test : BurdenTest
        From :mod:`alliances.cases.nato_burden` (``sipri_test``, ``nato_2019_test``...):
        anything with its ``label``, ``table``, ``size_label``, ``burden_label`` and
        ``result``.
    ax : Axes, optional
    highlight : sequence of str
        ISO3 codes drawn as triangles; :data:`FRONTLINE` by default.
    labels : bool
        Label each point with its code.

    Examples
    --------
    >>> from alliances import sipri_test
    >>> ax = plot_burden_vs_size(sipri_test(1964))
    >>> ax.get_xscale(), ax.get_title().startswith("SIPRI, 1964")
    ('log', True)
    """
    if not all(hasattr(test, field) for field in _TEST_FIELDS):
        raise TypeError(_("test must be a BurdenTest; got {type}").format(
            type=type(test).__name__))
    _check_ax(ax)
    highlight = check_codes(highlight, "highlight")
    ax = ax if ax is not None else new_axes(6.4, 4.4)
    table = test.table
    marked = table["code"].isin(highlight)
    ax.scatter(table.loc[~marked, "size"], table.loc[~marked, "burden_pct"], s=36,
               color=PALETTE["blue"], edgecolor="black", linewidth=0.5, marker="o",
               label=_("other Allies"), zorder=3)
    if marked.any():
        ax.scatter(table.loc[marked, "size"], table.loc[marked, "burden_pct"], s=60,
                   color=PALETTE["vermillion"], edgecolor="black", linewidth=0.5,
                   marker="^", label=_("Poland and the Baltic states"), zorder=4)
    ax.set_xscale("log")
    if labels:
        _label_points(ax, table["size"].to_numpy(), table["burden_pct"].to_numpy(),
                      list(table["code"]))
    ax.set_xlabel(_(test.size_label))
    ax.set_ylabel(_(test.burden_label))
    ax.set_title(f"{_(test.label)}\n{test.result}", fontsize=10)
    ax.grid(True, color="#DDDDDD", lw=0.6, which="major")
    if marked.any():
        ax.legend(fontsize=8, loc="upper left")
    return localize_axes(ax)


def _label_points(ax: Axes, x: np.ndarray, y: np.ndarray, texts: list[str]) -> None:
    """Label points, trying four sides of each so labels avoid other labels and points."""
    ax.autoscale_view()
    scale = 72.0 / ax.figure.dpi                      # display pixels -> points
    points = ax.transData.transform(np.column_stack([x, y])) * scale
    width, height = 18.0, 7.0                         # a three-letter label at 7 pt
    offsets = [(3, 3), (3, -10), (-19, 3), (-19, -10)]
    boxes: list[tuple[float, float, float, float]] = []

    def clear(box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        if any(x0 < q[2] and q[0] < x1 and y0 < q[3] and q[1] < y1 for q in boxes):
            return False
        return not any(x0 - 2 < px < x1 + 2 and y0 - 2 < py < y1 + 2 for px, py in points)

    for (px, py), xv, yv, text in zip(points, x, y, texts):
        for dx, dy in offsets:
            box = (px + dx, py + dy, px + dx + width, py + dy + height)
            if clear(box):
                break
        else:
            dx, dy = offsets[0]
            box = (px + dx, py + dy, px + dx + width, py + dy + height)
        boxes.append(box)
        ax.annotate(text, (xv, yv), xytext=(dx, dy), textcoords="offset points", fontsize=7,
                    zorder=6)


def _check_band(band: object) -> tuple[int, float]:
    if not (isinstance(band, tuple) and len(band) == 2
            and isinstance(band[0], (int, np.integer)) and not isinstance(band[0], bool)
            and isinstance(band[1], (float, int, np.floating)) and band[0] >= 3
            and 0 < band[1] < 1):
        raise TypeError(_("band must be a pair (n, rho) with n >= 3 and 0 < rho < 1; got "
                          "{value}").format(value=short_repr(band)))
    return int(band[0]), float(band[1])


_SERIES_STYLE = {
    "SIPRI": dict(marker="s", color=PALETTE["black"], linestyle="none", markersize=8),
    N_("NATO 2019 release"): dict(marker="o", color=PALETTE["blue"], linestyle="-"),
    N_("NATO 2025 release, 2019-release GDP"): dict(marker="^", color=PALETTE["vermillion"],
                                                    linestyle="--"),
}


def plot_correlations(table: pd.DataFrame, ax: Axes | None = None, *,
                      band: tuple[int, float]) -> Axes:
    """Spearman's rho (size against burden) for every test, by year and data source.

    Each source has its own marker and line style; points of different sources are never
    joined. The grey band is the range of rho that a sample of ``n`` Allies cannot tell
    from zero at the 5 % level.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``series``, ``year`` and ``rho``, as ``correlation_table`` gives them.
    ax : Axes, optional
    band : (int, float)
        ``(n, rho)``: a sample size and the smallest |rho| significant with it.

    Examples
    --------
    >>> from alliances import correlation_table
    >>> ax = plot_correlations(correlation_table(), band=(28, 0.374))
    >>> ax.get_ylabel()
    "Spearman's \u03c1, GDP vs burden"
    """
    if not isinstance(table, pd.DataFrame) or not {"series", "year", "rho"} <= set(
            table.columns):
        raise TypeError(_("table must be a DataFrame like correlation_table()'s"))
    _check_ax(ax)
    n, rho = _check_band(band)
    ax = ax if ax is not None else new_axes(6.4, 3.8)
    ax.axhspan(-rho, rho, color="#EEEEEE", zorder=0,
               label=_("|\u03c1| < {rho}: not significant at 5 % with n = {n}").format(
                   rho=number(rho, ".2f"), n=n))
    ax.axhline(0.0, color=PALETTE["grey"], lw=0.8)
    for series, group in table.groupby("series", sort=False):
        style = _SERIES_STYLE.get(series, dict(marker="x", color=PALETTE["purple"]))
        ax.plot(group["year"], group["rho"], label=_(series), **style)
    ax.set_xlabel(_("year"))
    ax.set_ylabel(_("Spearman's \u03c1, GDP vs burden"))
    ax.set_ylim(-1.0, 1.0)
    ax.set_title(_("Do larger Allies carry a larger burden? (\u03c1 > 0: yes)"), fontsize=10)
    ax.legend(fontsize=7.5, loc="lower left")
    ax.grid(True, color="#DDDDDD", lw=0.6)
    return localize_axes(ax)
