"""The widgets and the exercise feedback in Indonesian (issue 24), and unchanged in English.

Rooms ``lib/alliances/widgets`` (domain ``alliances-widgets``) and
``lib/alliances/coursework`` (domain ``alliances-coursework``): with
``alliances.i18n.language("id")`` a student sees Indonesian control labels, preset names,
figure texts, ``check()`` feedback and refusal messages, with decimal commas; in English
(the default) every one of them is the literal text below, as before the marking.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from alliances.coursework.exercises import check, check_form, grade
from alliances.i18n import language
from alliances.widgets.burden import BurdenSharingExplorer
from alliances.widgets.caveats import CaveatExplorer
from alliances.widgets.commitment import CommitmentExplorer
from alliances.widgets.crisis import DependenceExplorer
from alliances.widgets.formation import JoinOrStayOut
from alliances.widgets.payoff_editor import PayoffEditor
from alliances.widgets.ukraine import CalibrationExplorer

#: Every widget built and driven in Indonesian: left out of the quick subset
#: (python3 -m course test --quick).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = ("alliances-widgets", "alliances-coursework")


# ------------------------------------------------------------------ widgets: controls
def test_commitment_controls_in_indonesian():
    with language("id"):
        explorer = CommitmentExplorer()
    assert explorer.controls["L_A"].description == "Kerugian abandonment L_A"
    assert explorer.controls["k"].description == "Biaya komitmen k"
    assert explorer.controls["r0"].tooltip == ("Seberapa besar risiko yang diambil sekutu "
                                               "bahkan tanpa komitmen dari kita")
    assert explorer.reset.description == "Atur ulang"
    assert explorer.preset.description == "Preset"
    assert explorer.advanced_toggle.description == "Pengaturan lanjutan"
    assert explorer.advanced_toggle.tooltip == "Tampilkan atau sembunyikan 3 kontrol lainnya"


def test_commitment_controls_in_english_are_as_before():
    explorer = CommitmentExplorer()
    assert explorer.controls["L_A"].description == "Loss from abandonment L_A"
    assert explorer.controls["r0"].tooltip == ("How much risk the ally takes even with no "
                                               "commitment from us")
    assert explorer.reset.description == "Reset"
    assert explorer.preset.description == "Preset"
    assert explorer.advanced_toggle.tooltip == "Show or hide 3 more controls"


def test_preset_names_are_shown_translated_but_stay_english_identifiers():
    with language("id"):
        explorer = CaveatExplorer()
        shown = dict(explorer.preset.options)
    assert shown["Bawaan (kredit 0,6)"] == "Default (credit 0.6)"
    assert shown["Kustom"] == "Custom"
    explorer.preset.value = "Patron counts flags (credit 1)"      # code keeps the English key
    assert explorer.comparison.allowed.caveats == 1.0
    assert explorer.preset.label == "Pelindung menghitung bendera (kredit 1)"


def test_preset_menu_in_english_is_as_before():
    explorer = CaveatExplorer()
    assert list(explorer.preset._options_labels) == [
        "Default (credit 0.6)", "2001: a shared cause (low entrapment)",
        "Counter-insurgency in the south (high entrapment)",
        "Patron counts only troops that fight (credit 0)", "Patron counts flags (credit 1)",
        "Custom"]
    assert explorer.preset.value == "Default (credit 0.6)"


# ------------------------------------------------------------------ widgets: figures
def test_figure_title_and_axis_labels_in_indonesian():
    with language("id"):
        explorer = CalibrationExplorer()
        commitment = CommitmentExplorer()
    assert explorer.map.get_title() == "Perkiraan Anda pada peta model kami"
    assert explorer.map.get_xlabel() == "risiko eskalasi p_E"
    # on two lines: on one, the longer Indonesian label ran past the figure's top
    assert explorer.map.get_ylabel() == ("kerugian akibat abandonment L_A\n(perang dengan "
                                         "Rusia = 100)")
    assert explorer.plot.title.get_text() == "Model dengan perkiraan Anda"
    assert explorer.refused_text.get_text() == "zona larangan terbang\n(ditolak)"
    assert commitment.plot.axes[1].get_ylabel() == "utilitas EU(c)"


def test_figure_texts_in_english_are_as_before():
    explorer = CalibrationExplorer()
    assert explorer.map.get_title() == "Your estimates on the map of our model"
    assert explorer.map.get_ylabel() == "loss from abandonment L_A (war with Russia = 100)"
    assert explorer.plot.title.get_text() == "The model with your estimates"
    assert CommitmentExplorer().plot.axes[1].get_ylabel() == "utility EU(c)"


# ------------------------------------------------------------------ widgets: sentences, numbers
def test_summary_sentence_has_decimal_commas_in_indonesian():
    with language("id"):
        explorer = BurdenSharingExplorer()
    assert explorer.sentence == (
        "Dengan α = 0,10, hanya sekutu 1 yang membayar (10,0 % dari pendapatannya) dan "
        "sekutu 2 tidak membayar apa pun: aliansi membeli pertahanan sebesar 1, bukan 1,1 "
        "yang efisien (kurang 9 %).")
    assert "<th style='padding:2px 10px;text-align:right'>pendapatan</th>" in explorer.details.value


def test_summary_sentence_in_english_is_as_before():
    explorer = BurdenSharingExplorer()
    assert explorer.sentence == (
        "With α = 0.10, only ally 1 pays (10.0% of its income) and ally 2 pays nothing: the "
        "alliance buys 1 of defence instead of the efficient 1.1 (9% short).")
    explorer.set_values(0.2, (5.0, 5.0, 5.0, 5.0))
    assert explorer.sentence == ("With α = 0.20, all 4 allies pay (each 5.9% of income): the "
                                 "alliance buys 1.18 of defence instead of the efficient 4 "
                                 "(71% short).")


def test_the_two_ally_game_names_its_strategies_in_indonesian():
    # The equilibrium in the sentence and in the details list, in the reader's language.
    with language("id"):
        explorer = DependenceExplorer()
        assert explorer.sentence.startswith("Ekuilibrium (Menahan dukungan, Mendukung). ")
        assert "<li>(Menahan dukungan, Mendukung) adalah ekuilibrium.</li>" in (
            explorer.details.value)
        explorer.set_values({"major_dependence": 0.8})
        assert explorer.sentence.startswith("Ekuilibrium (Mendukung, Mendukung). ")
        assert "Withhold" not in explorer.sentence + explorer.details.value
    english = DependenceExplorer()
    assert english.sentence.startswith("Equilibrium (Withhold, Support). Major ally withholds")
    assert "<li>(Withhold, Support) is an equilibrium.</li>" in english.details.value


def test_commitment_details_table_in_indonesian():
    with language("id"):
        explorer = CommitmentExplorer()
    assert "<td>komitmen terbaik c*</td><td>0,500</td>" in explorer.details.value
    assert "Formalisasi kami atas Snyder (1984)" in explorer.details.value


# ------------------------------------------------------------------ widgets: refusals
def test_refused_typed_number_says_why_in_indonesian():
    with language("id"):
        editor = PayoffEditor()
        field = editor.payoff_controls[0]
        field.text.value = "abc"
        assert field.message.value == ("<span role='alert' style='color:#B34700'>&quot;abc&quot; "
                                       "bukan bilangan; nilai 3 dipertahankan.</span>")
        field.text.value = "12,5"
        assert "12,5 di luar rentang: ketik bilangan dari -10 sampai 10" in field.message.value
    assert field.value == 3.0


def test_refused_typed_number_in_english_is_as_before():
    field = PayoffEditor().payoff_controls[0]
    field.text.value = "abc"
    assert field.message.value == ("<span role='alert' style='color:#B34700'>&quot;abc&quot; "
                                   "is not a number; kept 3.</span>")
    field.text.value = "2,5.1"
    assert field.message.value == (
        "<span role='alert' style='color:#B34700'>&quot;2,5.1&quot; is not a number: use one "
        "decimal separator, as in 2.5 or 2,5; kept 3.</span>")


def test_error_message_with_its_placeholder_filled_in_indonesian():
    with language("id"), pytest.raises(ValueError) as raised:
        JoinOrStayOut(y_name="height")
    assert str(raised.value).startswith("y_name harus salah satu dari ['own_strength', ")
    assert str(raised.value).endswith("; yang diberikan: 'height'")
    with pytest.raises(ValueError, match=r"^y_name must be one of \['own_strength', .*; "
                                         r"got 'height'$"):
        JoinOrStayOut(y_name="height")


# ------------------------------------------------------------------ coursework: feedback
def test_check_feedback_in_indonesian():
    with language("id"):       # the mark is translated where the feedback is shown
        wrong = str(check("00-chicken-mixed", "2/3"))
        right = str(check("00-best-response", "ALLY"))
        unread = str(check("00-best-response", "garbage"))
        html = check("00-chicken-mixed", "2/3")._repr_html_()
    assert wrong.startswith("Belum tepat. Itu probabilitas mundur, bukan probabilitas "
                                 "bertahan teguh. Dalam ekuilibrium campuran setiap pihak")
    assert right == "Benar. Bagus sekali."
    assert unread == ("Belum tepat. Jawaban itu tidak dapat saya baca: jawaban harus salah "
                           "satu dari ['Abstain', 'Ally']; yang diberikan: 'garbage'.")
    assert "<b>\u2718 Belum tepat.</b>" in html


def test_check_feedback_in_english_is_as_before():
    assert str(check("00-chicken-mixed", "2/3")) == (
        "Not yet. That is the probability of backing down, not of standing firm. In a mixed "
        "equilibrium each side must be indifferent: set the expected payoff of backing down "
        "equal to that of standing firm and solve for the other side's probability of "
        "standing firm.")
    assert str(check("00-best-response", "ALLY")) == "Correct. Well done."
    assert str(check("00-best-response", None)) == (
        "Not answered yet. Replace the placeholder with your answer and run the cell again.")


def test_check_form_and_grade_in_indonesian_with_numbers():
    with language("id"):
        form = str(check_form("03-interior-cstar", "5/8"))
        marked = str(grade("03-interior-cstar", "1/2", expected="5/8"))
    assert form == ("Jawaban tercatat. Jawaban ini terbaca sebagai bilangan 5/8 (0.625). "
                         "Jawaban dinilai setelah Anda menyerahkan tugas; pemeriksaan ini tidak "
                         "menyatakan apakah jawabannya benar.")
    assert marked.startswith("Belum tepat. Yang diharapkan: 5/8 (0.625); jawaban Anda "
                                  "terbaca sebagai 1/2 (0.5). Tetapkan EU'(c) = 0:")
    assert str(check_form("03-interior-cstar", "5/8")) == (
        "Answer recorded. It reads as the number 5/8 (0.625). It is marked after you hand in; "
        "this check does not say whether it is right.")


def test_a_hint_with_a_decimal_comma_in_indonesian():
    with language("id"):
        feedback = str(check("07-stay-out-threshold", "9/50"))
    assert feedback.startswith("Belum tepat. Itu mengalikan, bukan membagi: selesaikan "
                                    "ancaman x 0,6 = 0,3. ")
    assert str(check("07-stay-out-threshold", "9/50")).startswith(
        "Not yet. That multiplies instead of dividing: solve threat x 0.6 = 0.3. ")


# ------------------------------------------------------------------ catalogs
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_unit_of_the_room_is_translated(domain):
    with (ROOT / "locale" / "id" / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        catalog = read_po(handle)
    with (ROOT / "locale" / "templates" / f"{domain}.pot").open("rb") as handle:
        template = read_po(handle)
    missing = [m.id for m in template if m.id and not (catalog.get(m.id) and
                                                       catalog.get(m.id).string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing and not fuzzy, (missing[:5], fuzzy[:5])
    assert (ROOT / "lib" / "alliances" / "locale" / "id" / "LC_MESSAGES" / f"{domain}.mo").exists()


def test_number_fields_show_the_decimal_comma_in_indonesian():
    """The Indonesian edition's number fields and slider read-outs write numbers as its
    text does ("0,5"), and the message that keeps a value says the same number as the
    box (seen in the browser: the box showed "0.5" beside "kept 0,5")."""
    from alliances.widgets.fields import NumberField

    with language("id"):
        field = NumberField(0.5, minimum=0, maximum=1, description="p")
        assert field.text.value == "0,5"
        field.text.value = "0.75"            # a decimal point is still understood
        assert field.value == 0.75 and field.text.value == "0,75"
        field.text.value = "2"               # out of range: refused, value kept
        assert field.value == 0.75 and field.text.value == "0,75"
        assert "0,75" in field.message.value
    with language("en"):
        english = NumberField(0.5, minimum=0, maximum=1, description="p")
        assert english.text.value == "0.5"
