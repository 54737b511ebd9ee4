"""The course says one thing about "Snyder's ranking", everywhere (issue 15, item 1.7).

The course's position: Snyder (1984) likens the primary alliance dilemma to a prisoner's
dilemma, but we could not read the exact ranking sentence of his article. The ordering
T > R > P > S is **our reading** of that analogy (our formalization), not a ranking printed
by Snyder; a student summary of the article ranks "two rival coalitions" worst (P < S),
which makes the game Chicken.

These tests read every notebook (``notebooks/*.ipynb``, cell sources) and every file of the
library (``lib/``) and fail if any of them

* calls a ranking "Snyder's ranking" (or "Snyder's ordering"), or
* puts Snyder and an ordering of T, R, P and S in one sentence without saying that the
  ordering is our reading or our formalization, or without a negation, or
* says that Snyder ranks or printed the outcomes, unless it says he did not.

"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from alliances import alliance_formation_game, classify
from notebook_tools import NOTEBOOK_DIR, ROOT, prose

LIB = ROOT / "lib"

#: "Snyder's ranking", "Snyder’s ordering", "Snyder's own ranking" ...
_NAMED = re.compile(r"Snyder['’]s\s+(?:own\s+)?(?:payoff\s+)?(?:ranking|ordering)", re.I)
#: an ordering of the four payoffs, such as "T > R > P > S" or "T>R>S>P"
_ORDERING = re.compile(r"\b[TRPS]\s*>\s*[TRPS]\s*>\s*[TRPS]\s*>\s*[TRPS]\b")
#: Snyder as the one who ranks or prints an ordering
_SNYDER_RANKS = re.compile(r"Snyder(?:['’]s)?\s*(?:\(1984(?:,\s*\d+)?\)\s*)?"
                           r"(?:ranks|ranked|orders|ordered|prints|printed)\b"
                           r"|(?:ranking|ordering)\s+(?:is\s+)?(?:printed|given|stated)\s+by\s+"
                           r"Snyder", re.I)
#: words that say an ordering is ours, or deny that it is Snyder's
_LABELLED = re.compile(r"our\s+reading|our\s+formali[sz]ation|\bnot\b|\bnever\b|could\s+not",
                       re.I)


def _sentences(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text)
    return re.split(r"(?<=[.!?])\s+(?=[A-Z*\"(`])", text)


def problems(text: str) -> list[str]:
    """Every sentence of ``text`` that attributes a ranking to Snyder."""
    found = []
    for sentence in _sentences(text):
        named = _NAMED.findall(sentence)
        if named:
            found.append(f"calls a ranking Snyder's: {sentence!r}")
        elif "Snyder" in sentence and _ORDERING.search(sentence) \
                and not _LABELLED.search(sentence):
            found.append(f"puts an ordering beside Snyder without 'our reading': {sentence!r}")
        elif _SNYDER_RANKS.search(sentence) and not _LABELLED.search(sentence):
            found.append(f"says Snyder ranks or printed the outcomes: {sentence!r}")
    return found


def _notebook_sources(path: Path) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return "\n\n".join("".join(cell["source"]) if isinstance(cell["source"], list)
                       else cell["source"] for cell in notebook["cells"])


def _texts() -> list[tuple[str, str]]:
    notebooks = [(str(p.relative_to(ROOT)), _notebook_sources(p))
                 for p in sorted(NOTEBOOK_DIR.glob("*.ipynb"))]
    library = [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
               for p in sorted(LIB.rglob("*.py"))]
    return notebooks + library


@pytest.mark.parametrize("sentence", [
    "Snyder's ranking is T > R > P > S.",
    "Part 2 keeps Snyder’s ordering of the outcomes.",
    "Snyder (1984) ranks the outcomes T > R > P > S.",
    "The stage game is Snyder's game with the ordering T > R > P > S fixed.",
    "Snyder printed the payoffs of the alliance game.",
    "Swap P and S to compare the two readings of Snyder's ranking.",
])
def test_the_detector_finds_a_ranking_attributed_to_snyder(sentence) -> None:
    assert problems(sentence)


@pytest.mark.parametrize("sentence", [
    "The ordering T > R > P > S is our reading of Snyder's prisoner's-dilemma analogy, not a "
    "ranking printed by Snyder.",
    "We could not read the ranking sentence of Snyder's article.",
    "Everything above depends on the ranking T > R > P > S.",
    "Snyder (1984) likens the primary alliance dilemma to a prisoner's dilemma.",
])
def test_the_detector_leaves_the_course_position_alone(sentence) -> None:
    assert problems(sentence) == []


def test_there_is_something_to_read() -> None:
    names = [name for name, _ in _texts()]
    assert "notebooks/00_start_here.ipynb" in names
    assert "notebooks/02_primary_dilemma.ipynb" in names
    assert "lib/alliances/models/games.py" in names


@pytest.mark.parametrize("name,text", _texts(), ids=[name for name, _ in _texts()])
def test_no_ranking_is_called_snyders(name, text) -> None:
    assert problems(text) == [], f"{name}: " + "; ".join(problems(text))


@pytest.mark.parametrize("notebook", ["00_start_here.ipynb", "02_primary_dilemma.ipynb"])
def test_the_notebooks_state_the_course_position(notebook) -> None:
    """Both notebooks that introduce the alliance game say that T > R > P > S is our reading,
    and name the other reading (two rival coalitions worst, Chicken)."""
    text = prose(notebook)
    assert re.search(r"T > R > P > S[^.]*\bour reading\b|our reading[^.]*T > R > P > S", text)
    assert '"two rival coalitions"' in text and "Chicken" in text


def test_the_two_readings_are_a_prisoners_dilemma_and_chicken() -> None:
    """Our reading (P > S) is a prisoner's dilemma; the student summary's (S > P) is Chicken."""
    ours = classify(alliance_formation_game(T=4, R=3, P=2, S=1))
    summary = classify(alliance_formation_game(T=4, R=3, P=1, S=2))
    assert (ours.family, ours.ordinal) == ("Prisoner's Dilemma", "T > R > P > S")
    assert (summary.family, summary.ordinal) == ("Chicken", "T > R > S > P")
