"""The models, the data loader and the shared checks speak Indonesian (issue 24).

With ``alliances.i18n.language("id")`` the explanations, stories, summaries and error
messages that students meet come out in Indonesian, with the decimal comma; in English
(the default) they are exactly the texts the notebooks store. The English expectations are
written out here, not computed by the code under test.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from alliances import InputError
from alliances.data import load
from alliances.i18n import language
from alliances._validation import check_probability_vector, check_real
from alliances.models.classification import classify, summarise
from alliances.models.commitment import CommitmentModel
from alliances.models.crisis import ally_fears, crisis_game, crisis_story
from alliances.models.equilibria import EquilibriumSearchStopped
from alliances.models.games import symmetric_game
from alliances.models.gametree import backward_induction
from alliances.models.repeated import sustainability

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = ("alliances-core", "alliances-models", "alliances-data")


def _message(call, *args, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


# ------------------------------------------------------------ the shared checks (core)
def test_a_range_error_names_the_argument_in_indonesian_with_a_decimal_comma() -> None:
    with language("id"):
        assert _message(check_real, 5, "p", maximum=1) == "p harus <= 1; yang diberikan: 5,0"
        assert (_message(check_real, "3", "T")
                == "T harus berupa bilangan real; yang diberikan: str '3'")
    assert _message(check_real, 5, "p", maximum=1) == "p must be <= 1; got 5.0"
    assert _message(check_real, "3", "T") == "T must be a real number; got str '3'"


def test_a_probability_error_in_both_languages() -> None:
    labels = ("Abstain", "Ally")
    with language("id"):
        assert (_message(check_probability_vector, [0.5, 0.6], labels, "sigma_r")
                == "jumlah sigma_r harus 1 (satu probabilitas untuk setiap strategi); "
                   "yang diberikan: jumlah 1,1")
    assert (_message(check_probability_vector, [0.5, 0.6], labels, "sigma_r")
            == "sigma_r must sum to 1 (a probability for each strategy); got sum 1.1")


# ------------------------------------------------------------------------- models
def test_the_commitment_summary_and_explanation() -> None:
    model = CommitmentModel(alpha=1, beta=1, k=3)
    with language("id"):
        result = model.best()
        assert result.summary == "Komitmen terbaik c* = 0 (EU = -6); P_A = 0,5, P_E = 0,1."
        assert result.explanation.startswith("Kekhawatiran akan ")
        assert "abandonment" in result.explanation and "c* = 0" in result.explanation
    result = model.best()
    assert result.summary == "Best commitment c* = 0 (EU = -6); P_A = 0.5, P_E = 0.1."
    assert result.explanation.startswith("Fear of ")


def test_the_crisis_story_and_the_allies_fears() -> None:
    analysis = backward_induction(crisis_game(0.9))
    fears = ally_fears(0.3, 0.8)
    with language("id"):
        assert crisis_story(analysis).startswith("Entrapment: klien yang makin berani bertahan teguh")
        assert fears.sentence("Minor ally") == (
            "Sekutu kecil mendukung: kekhawatirannya akan abandonment (0,4) melebihi "
            "kekhawatirannya akan entrapment (0,3).")
        assert analysis.equilibria[0].describe() == (
            "Lawan: Menantang; Klien: Bertahan teguh; Pelindung: Mendukung -> Perang, "
            "pelindung ikut bertempur.")
    assert crisis_story(analysis) == (
        "Entrapment: the emboldened protégé stands firm and the patron, bound by its "
        "commitment, fights a war over the protégé's quarrel.")
    assert fears.sentence("Minor ally") == (
        "Minor ally supports: its fear of abandonment (0.4) outweighs its fear of "
        "entrapment (0.3).")
    assert analysis.equilibria[0].describe() == (
        "Adversary: Challenge; Protégé: Stand firm; Patron: Support -> War, patron fights.")


def test_a_summary_and_a_family_description_while_the_family_key_stays_english() -> None:
    game = symmetric_game(4, 3, 2, 1, labels=("Abstain", "Ally"))
    with language("id"):
        assert summarise(game) == (
            "Dilema Tahanan: satu-satunya ekuilibrium adalah (Beraliansi, Beraliansi), dan ekuilibrium "
            "itu lebih buruk bagi keduanya daripada (Menahan diri, Menahan diri).")
        found = classify(game)
        assert found.family == "Prisoner's Dilemma"          # an identifier, not translated
        assert found.description.startswith("Setiap pihak memiliki strategi dominan")
    assert summarise(game) == (
        "Prisoner's Dilemma: the only equilibrium is (Ally, Ally), and it is worse for both "
        "than (Abstain, Abstain).")


def test_infinitely_many_equilibria_are_said_in_plain_words() -> None:
    game = symmetric_game(4, 3, 1, 1, labels=("Abstain", "Ally"))
    with language("id"):
        assert game.describe_equilibria()[0] == (
            "Pemain baris tidak membedakan pilihan: campuran apa pun dari Menahan diri dan "
            "Beraliansi terhadap Beraliansi dari Pemain kolom adalah ekuilibrium (tak "
            "terhingga banyaknya).")
        # The default strategy names are translated too; a name of the user's own is kept.
        assert symmetric_game(4, 3, 2, 1).describe_equilibria() == [
            "(Membelot, Membelot) adalah ekuilibrium."]
        assert symmetric_game(4, 3, 2, 1, labels=("Arm", "Talk")).describe_equilibria() == [
            "(Talk, Talk) adalah ekuilibrium."]
    assert game.describe_equilibria()[0] == (
        "Row is indifferent: any mix of Abstain and Ally against Column's Ally is an "
        "equilibrium (infinitely many).")


def test_the_stopped_search_message() -> None:
    with language("id"):
        text = str(EquilibriumSearchStopped(75, 1.5))
    assert text.startswith("permainan ini memiliki sedikitnya 75 ekuilibrium; pendaftarannya "
                           "berhenti setelah 1,5 detik (batas waktu untuk satu permainan).")
    assert str(EquilibriumSearchStopped(75, 1.5)).startswith(
        "this game has at least 75 equilibria; listing stopped after 1.5 s (the time budget "
        "for one game). Try a game with fewer strategies")


def test_the_repeated_game_sentence() -> None:
    with language("id"):
        assert sustainability(4, 3, 2, 1, 0.6).sentence() == (
            "Dengan δ = 0,6, sikap saling menahan diri dipertahankan oleh grim trigger "
            "(memerlukan δ ≥ 1/2) dan oleh tit-for-tat (memerlukan δ ≥ 1/2).")
    assert sustainability(4, 3, 2, 1, 0.6).sentence() == (
        "With δ = 0.6, mutual abstention is sustained by grim trigger (it needs δ ≥ 1/2) and "
        "by tit-for-tat (it needs δ ≥ 1/2).")


def test_a_model_error_with_its_placeholder_filled() -> None:
    with language("id"):
        with pytest.raises(ValueError) as caught:
            CommitmentModel().replace(gamma=1)
    assert str(caught.value) == ("parameter tidak dikenal: ['gamma']; parameter model ini "
                                 "adalah ['L_A', 'L_E', 'p_A', 'p_E', 'r0', 'k', 'alpha', "
                                 "'beta', 'V']")


# --------------------------------------------------------------------------- data
def test_an_unknown_data_set_in_both_languages() -> None:
    with language("id"):
        text = _message(load, "no_such_file.csv")
    assert text.startswith("name: himpunan data 'no_such_file.csv' tidak dikenal. Yang tersedia: ")
    assert _message(load, "no_such_file.csv").startswith(
        "name: unknown data set 'no_such_file.csv'. Available: ")


# ----------------------------------------------------------------------- catalogs
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_unit_is_translated_with_the_same_placeholders(domain: str) -> None:
    path = ROOT / "locale" / "id" / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    fields = lambda text: sorted(f for _t, f, _s, _c in string.Formatter().parse(text)  # noqa: E731
                                 if f is not None)
    units = [m for m in catalog if m.id]
    assert units, f"{domain} has no units"
    for unit in units:
        assert unit.string and not unit.fuzzy, f"{domain}: untranslated {unit.id!r}"
        assert fields(unit.string) == fields(unit.id), unit.id
