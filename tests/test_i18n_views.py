"""The figures of views/ and the texts of cases/ in Indonesian, and unchanged in English.

Each test draws or computes a real, student-facing thing twice: with
``alliances.i18n.language("id")`` it must come out in Indonesian (titles, axis labels,
legends, sentences, error messages, decimal commas on the ticks); in English it must be
exactly the English written here.
"""

from __future__ import annotations

from datetime import date

import matplotlib
import pytest

matplotlib.use("Agg")

from alliances import InputError  # noqa: E402
from alliances.i18n import language  # noqa: E402
from alliances.models.burden import nash_equilibrium  # noqa: E402
from alliances.models.commitment import CommitmentModel  # noqa: E402
from alliances.views.burden import BurdenSharesPlot  # noqa: E402
from alliances.views.commitment import CommitmentPlot  # noqa: E402
from alliances.views.style import localize_axes, new_axes, short_date  # noqa: E402


def _tick_texts(axis) -> list[str]:
    axis.figure.canvas.draw()
    return [t.get_text() for t in axis.get_ticklabels() if t.get_text()]


def test_commitment_figure_in_indonesian():
    with language("id"):
        plot = CommitmentPlot(CommitmentModel())
        top, bottom = plot.axes
        assert plot.title.get_text() == "Komitmen terbaik c* = 0,50"
        assert bottom.get_xlabel() == "komitmen c  (0 = tidak ada, 1 = penuh)"
        assert top.get_ylabel() == "probabilitas"
        legend = [t.get_text() for t in top.get_legend().get_texts()]
        assert legend[0] == "risiko abandonment $P_A(c)$"
        ticks = _tick_texts(bottom.xaxis)
        assert "0,2" in ticks and "0.2" not in ticks


def test_commitment_figure_in_english_unchanged():
    plot = CommitmentPlot(CommitmentModel())
    top, bottom = plot.axes
    assert plot.title.get_text() == "Best commitment c* = 0.50"
    assert bottom.get_xlabel() == "commitment c  (0 = none, 1 = full)"
    assert [t.get_text() for t in top.get_legend().get_texts()][0] == \
        "abandonment risk $P_A(c)$"
    ticks = _tick_texts(bottom.xaxis)
    assert "0.2" in ticks and "0,2" not in ticks
    # English figures keep matplotlib's own formatter: nothing is wrapped.
    assert type(bottom.xaxis.get_major_formatter()).__name__ == "ScalarFormatter"


def test_burden_bars_label_with_decimal_comma():
    with language("id"):
        plot = BurdenSharesPlot(nash_equilibrium(0.2, [10, 9]))
        assert plot.ax.get_title() == "Beban: porsi pendapatan untuk pertahanan"
        assert plot.labels[0].get_text() == "15,6 %"
    plot = BurdenSharesPlot(nash_equilibrium(0.2, [10, 9]))
    assert plot.ax.get_title() == "Burden: defence as a share of income"
    assert plot.labels[0].get_text() == "15.6 %"


def test_localize_axes_mathtext_and_english_noop():
    with language("id"):
        ax = new_axes(pyplot=False)
        ax.ticklabel_format(useMathText=True)
        localize_axes(ax)
        texts = ax.yaxis.get_major_formatter().format_ticks([0.25, 0.5])
        assert all("{,}" in t for t in texts), texts
    ax = new_axes(pyplot=False)
    before = ax.xaxis.get_major_formatter()
    assert localize_axes(ax) is ax and ax.xaxis.get_major_formatter() is before


def test_error_message_with_placeholder_in_indonesian():
    from alliances.views.afghanistan import plot_deaths_per_thousand
    from alliances import deaths_per_thousand
    table = deaths_per_thousand()
    with language("id"), pytest.raises(ValueError) as error:
        plot_deaths_per_thousand(table, min_troops=10**9)
    assert str(error.value) == ("tidak ada kontingen dengan sedikitnya min_troops = "
                                "1000000000 personel")
    with pytest.raises(ValueError) as error:
        plot_deaths_per_thousand(table, min_troops=10**9)
    assert str(error.value) == "no contingent has at least min_troops = 1000000000 troops"


def test_case_sentence_in_indonesian():
    from alliances.cases.ukraine_dilemma import calibrate
    english = calibrate("2014", L_A=50, p_E=0.5).sentence
    assert english == ("2014 (Crimea): with a loss from abandonment of 50 and an escalation "
                       "risk of 0.50, the best commitment is c* = 0.37, more than the "
                       "historical choice: non-lethal aid only (c between 0.05 and 0.25).")
    with language("id"):
        text = calibrate("2014", L_A=50, p_E=0.5).sentence
    assert text == ("2014 (Krimea): dengan kerugian akibat abandonment sebesar 50 dan risiko "
                    "eskalasi 0,50, komitmen terbaik adalah c* = 0,37, lebih tinggi daripada "
                    "pilihan historis: hanya bantuan nonmematikan (c antara 0,05 dan 0,25).")


def test_case_timeline_dates_and_names():
    from alliances.cases.timeline import timeline
    events = timeline("ukraine")
    assert events["label"].iloc[0] == "Bucharest summit, 3 Apr 2008"
    with language("id"):
        events = timeline("ukraine")
        assert events["label"].iloc[0] == "KTT Bukares, 3 Apr 2008"
        assert short_date(date(2021, 8, 30)) == "30 Agu 2021"


def test_case_error_message_in_indonesian():
    from alliances.cases.afghanistan import troop_share
    with language("id"), pytest.raises((ValueError, InputError)) as error:
        troop_share("Atlantis", "2009-10-01")
    assert str(error.value) == ("negara 'Atlantis' tidak tercantum dalam data ISAF per "
                                "2009-10-01")
    with pytest.raises((ValueError, InputError)) as error:
        troop_share("Atlantis", "2009-10-01")
    assert str(error.value) == "country 'Atlantis' is not listed in the ISAF snapshot 2009-10-01"
