"""Every reference in the course points at something inside the repository.

Three families of checks (issue 15, section 3):

1. No file of the course (notebooks, library, tests, tools, benchmarks, Binder
   configuration, README, CONTRIBUTING) names a file or folder that lives outside the
   repository: the old theory file of the authors, their conventions file, their shared
   folder or an absolute path on their machine. The forbidden names are assembled from
   pieces below, so that this file does not contain them and is not its own offender.
2. Every relative markdown link ``[text](path#anchor)`` in the notebooks' markdown cells,
   in ``notebooks/*.md``, in README.md and in CONTRIBUTING.md resolves: the file exists in
   the repository, and an anchor names a heading of the target (GitHub's slug rule).
3. The theory notes have exactly the sections, and the glossary every entry, whose slugs
   the notebooks link to.

The last part tests the helpers themselves on small strings, so that a broken link or a
forbidden name is seen to fail.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

# --------------------------------------------------------------------------------------
# The required link targets (the slugs fixed for the course; notebooks link to them)
# --------------------------------------------------------------------------------------

THEORY_SECTIONS = [
    "how-to-read-the-labels",
    "the-security-dilemma",
    "the-alliance-security-dilemma",
    "the-primary-dilemma-as-a-game",
    "the-commitment-model",
    "cooperation-under-the-security-dilemma",
    "autonomy-and-security",
    "balance-of-threat",
    "chain-ganging-and-buck-passing",
    "entrapment-in-practice",
    "burden-sharing",
    "article-5",
    "game-theory-in-the-course",
    "arms-races",
    "case-notes-ukraine",
    "case-notes-afghanistan",
    "spiral-and-deterrence",
    "small-states-and-non-alignment",
    "gaps-in-the-sources",
]

GLOSSARY_ENTRIES = [
    "abandonment", "alliance", "alliance-security-dilemma", "article-5",
    "backward-induction", "balance-of-threat", "balancing", "bandwagoning",
    "best-response", "buck-passing", "burden-sharing", "chain-ganging", "chicken",
    "collective-good", "commitment", "deadlock", "discount-factor", "dominant-strategy",
    "entrapment", "escalation-risk", "exploitation-of-the-great-by-the-small",
    "free-riding", "grim-trigger", "isaf", "mixed-strategy", "moral-hazard",
    "nash-equilibrium", "oef", "pareto-efficiency", "payoff-matrix", "primary-dilemma",
    "prisoners-dilemma", "secondary-dilemma", "security-dilemma",
    "spearman-rank-correlation", "stag-hunt", "subgame-perfection", "tit-for-tat",
    "our-formalization", "national-caveats", "comprehensive-assistance-package",
    "nato-ukraine-council", "spiral-model", "deterrence-model", "security-seeker",
    "greedy-state", "offence-defence-balance", "reassurance", "costly-signal", "enlargement",
    "partnership-for-peace", "membership-action-plan",
    "non-alignment", "bebas-aktif", "hedging", "hub-and-spoke", "zopfan", "seato", "asean",
    "aukus",
]

# --------------------------------------------------------------------------------------
# Helpers: forbidden names
# --------------------------------------------------------------------------------------

#: Names of things outside the repository, built from pieces (see the module docstring).
FORBIDDEN = (
    "THEORY" + ".md",
    "CONVENTIONS" + ".md",
    ".." + "/shared",
    "/" + "work" + "/",
)

#: What the scan covers: folders and single files, relative to the repository root.
SCANNED = ("notebooks", "lib", "tests", "tools", "benchmarks", "binder", "locale",
           "README.md", "README.id.md", "CONTRIBUTING.md")

_SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", "node_modules"}


def forbidden_mentions(text: str, patterns: tuple[str, ...] = FORBIDDEN) -> list[tuple[int, str]]:
    """The (line number, name) of every forbidden name in ``text``.

    Examples
    --------
    >>> forbidden_mentions("fine\\nsee " + FORBIDDEN[0] + ", section 2") == [(2, FORBIDDEN[0])]
    True
    >>> forbidden_mentions("nothing to report")
    []
    """
    hits = []
    for number, line in enumerate(text.splitlines(), start=1):
        for name in patterns:
            if name in line:
                hits.append((number, name))
    return hits


def _repository_files() -> list[Path]:
    """Files git knows or would add (tracked, or untracked and not ignored).

    Outside a git checkout, every file under the repository root.
    """
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT, capture_output=True, check=True, timeout=60,
        ).stdout.decode("utf-8")
        files = [ROOT / name for name in listed.split("\0") if name]
    except (OSError, subprocess.SubprocessError):
        files = [p for p in ROOT.rglob("*") if p.is_file()]
    return sorted({p for p in files if p.is_file()})


def scanned_files(area: str) -> list[Path]:
    """The repository files of one scanned area (a folder or a single file)."""
    target = ROOT / area
    out = []
    for path in _repository_files():
        if _SKIP_PARTS.intersection(path.parts):
            continue
        if path == target or target in path.parents:
            out.append(path)
    return out


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None  # binary files (images) cannot name a path in prose


# --------------------------------------------------------------------------------------
# Helpers: GitHub slugs, headings and links
# --------------------------------------------------------------------------------------

_INLINE_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(([^()\s]*)(?:\s+\"[^\"]*\")?\)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_HTML_ANCHOR = re.compile(r"<a\s+(?:name|id)=\"([^\"]+)\"", re.IGNORECASE)


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: link text kept, markup and punctuation dropped,
    lowercase, spaces to hyphens.

    Examples
    --------
    >>> github_slug("Case notes: Ukraine")
    'case-notes-ukraine'
    >>> github_slug("Prisoner's dilemma")
    'prisoners-dilemma'
    >>> github_slug("Chain-ganging and buck-passing")
    'chain-ganging-and-buck-passing'
    >>> github_slug("**Article 5**, [the text](https://example.org)")
    'article-5-the-text'
    >>> github_slug("NATO–Ukraine Council")
    'natoukraine-council'
    """
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # keep link text only
    text = re.sub(r"<[^>]+>", "", text)  # drop inline HTML
    text = text.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)  # punctuation (Unicode-aware \w keeps letters)
    return text.replace(" ", "-")


def _outside_fences(lines: list[str]) -> list[str]:
    out, fenced = [], False
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            out.append(line)
    return out


def headings(markdown: str) -> list[tuple[int, str]]:
    """The (level, text) of every ATX heading outside fenced code.

    Examples
    --------
    >>> headings("# Title\\n```\\n# not a heading\\n```\\n## A section ##\\ntext")
    [(1, 'Title'), (2, 'A section')]
    """
    out = []
    for line in _outside_fences(markdown.splitlines()):
        match = _HEADING.match(line)
        if match:
            out.append((len(match.group(1)), match.group(2)))
    return out


def anchors(markdown: str) -> set[str]:
    """Every anchor of a markdown text: heading slugs (duplicates numbered as GitHub does)
    and explicit ``<a id=...>`` / ``<a name=...>`` anchors.

    Examples
    --------
    >>> sorted(anchors("## Notes\\n## Notes\\n<a id=\\"top\\"></a>"))
    ['notes', 'notes-1', 'top']
    """
    seen: dict[str, int] = {}
    out = set()
    for _, text in headings(markdown):
        slug = github_slug(text)
        if slug in seen:
            seen[slug] += 1
            out.add(f"{slug}-{seen[slug]}")
        else:
            seen[slug] = 0
            out.add(slug)
    out.update(_HTML_ANCHOR.findall(markdown))
    return out


def relative_links(markdown: str) -> list[tuple[str, str]]:
    """The (path, anchor) of every inline markdown link that is not a web or mail address.

    Links inside fenced code and inline code are ignored; ``path`` is ``""`` for a link to
    an anchor of the same document.

    Examples
    --------
    >>> relative_links("See [the notes](theory_notes.md#article-5) and "
    ...                "[NATO](https://www.nato.int), `[not](a-link.md)`, [top](#top).")
    [('theory_notes.md', 'article-5'), ('', 'top')]
    """
    lines = _outside_fences(markdown.splitlines())
    text = re.sub(r"`[^`]*`", "", "\n".join(lines))
    out = []
    for _, target in _INLINE_LINK.findall(text):
        target = target.strip("<>")
        if not target or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
            continue  # web, mail and other absolute addresses
        path, _, anchor = target.partition("#")
        out.append((unquote(path.split("?")[0]), anchor))
    return out


def notebook_markdown(path: Path) -> str:
    """The markdown cells of a notebook, joined."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join(
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        for c in cells if c["cell_type"] == "markdown"
    )


def document_text(path: Path) -> str:
    """The markdown of a document: a notebook's markdown cells, or the file itself."""
    if path.suffix == ".ipynb":
        return notebook_markdown(path)
    return path.read_text(encoding="utf-8")


def broken_links(source: Path, markdown: str, root: Path = ROOT) -> list[str]:
    """Each relative link of ``markdown`` (found in ``source``) that does not resolve.

    A link fails if its file is not inside ``root`` or does not exist, or if it names an
    anchor that no heading of the target (a ``.md`` file or a notebook) has.
    """
    problems = []
    for path, anchor in relative_links(markdown):
        target = (source.parent / path).resolve() if path else source.resolve()
        shown = f"{path}#{anchor}" if anchor else path
        if root.resolve() not in target.parents and target != root.resolve():
            problems.append(f"{shown}: points outside the repository")
            continue
        if not target.exists():
            problems.append(f"{shown}: no such file")
            continue
        if anchor and target.suffix in {".md", ".ipynb"}:
            if anchor not in anchors(document_text(target)):
                problems.append(f"{shown}: {target.name} has no heading with that anchor")
    return problems


def linking_documents() -> list[Path]:
    """The documents whose links are checked."""
    docs = sorted(NOTEBOOKS.glob("*.ipynb")) + sorted(NOTEBOOKS.glob("*.md"))
    docs += sorted((NOTEBOOKS / "id").glob("*.ipynb")) + sorted((NOTEBOOKS / "id").glob("*.md"))
    docs += [ROOT / "README.md", ROOT / "README.id.md", ROOT / "CONTRIBUTING.md"]
    return [d for d in docs if d.exists()]


# --------------------------------------------------------------------------------------
# 1. Nothing names a file outside the repository
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("area", SCANNED)
def test_no_reference_to_files_outside_the_repository(area: str) -> None:
    offenders = []
    for path in scanned_files(area):
        text = _read_text(path)
        if text is None:
            continue
        for line, name in forbidden_mentions(text):
            offenders.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    assert not offenders, (
        f"{len(offenders)} reference(s) in {area} to files that are not in the repository "
        "(point to notebooks/theory_notes.md, notebooks/glossary.md or a file in the "
        "repository instead):\n" + "\n".join(offenders)
    )


def test_the_scan_covers_the_course() -> None:
    """The scan must see the notebooks and the library, or it proves nothing."""
    names = {p.name for p in scanned_files("notebooks")} | {p.name for p in scanned_files("lib")}
    assert {"00_start_here.ipynb", "theory_notes.md", "glossary.md", "games.py"} <= names


# --------------------------------------------------------------------------------------
# 2. Every relative link resolves
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("document", linking_documents(),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(document: Path) -> None:
    problems = broken_links(document, document_text(document))
    assert not problems, f"{document.relative_to(ROOT)} has broken links:\n" + "\n".join(problems)


def test_links_are_found_in_the_documents() -> None:
    """The link finder sees the links the theory notes and the glossary do contain."""
    glossary = relative_links(document_text(NOTEBOOKS / "glossary.md"))
    notes = relative_links(document_text(NOTEBOOKS / "theory_notes.md"))
    assert ("theory_notes.md", "article-5") in glossary
    assert ("glossary.md", "") in notes
    assert ("", "case-notes-ukraine") in notes


# --------------------------------------------------------------------------------------
# 3. The link targets exist
# --------------------------------------------------------------------------------------


def test_theory_notes_have_exactly_the_required_sections_in_order() -> None:
    text = document_text(NOTEBOOKS / "theory_notes.md")
    sections = [github_slug(t) for level, t in headings(text) if level == 2]
    assert sections == THEORY_SECTIONS


def test_glossary_has_every_required_entry() -> None:
    entries = [github_slug(t) for level, t in headings(document_text(NOTEBOOKS / "glossary.md"))
               if level == 3]
    missing = sorted(set(GLOSSARY_ENTRIES) - set(entries))
    assert not missing, f"glossary.md lacks the entries {missing}"
    assert len(entries) == len(set(entries)), "glossary.md has a duplicated entry"
    assert entries == sorted(entries), "glossary.md entries are not in alphabetical order"


def test_every_glossary_entry_has_a_definition_and_says_where_it_is_used() -> None:
    text = document_text(NOTEBOOKS / "glossary.md")
    blocks = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    course = re.compile(r"0[0-9]_[a-z_]+")
    for block in blocks:
        title, _, body = block.partition("\n")
        definition = body.split("Used in:")[0].strip()
        assert len(definition.split()) >= 10, f"{title}: no definition"
        assert "Used in:" in body and course.search(body.split("Used in:")[1]), (
            f"{title}: does not say which notebooks use it"
        )


# --------------------------------------------------------------------------------------
# 4. The checks can fail
# --------------------------------------------------------------------------------------


def test_forbidden_names_are_reported_with_their_lines() -> None:
    text = "ok\nsee " + FORBIDDEN[0] + "\nand " + FORBIDDEN[2] + "/data and " + FORBIDDEN[3]
    assert forbidden_mentions(text) == [(2, FORBIDDEN[0]), (3, FORBIDDEN[2]), (3, FORBIDDEN[3])]


def test_a_broken_link_is_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Notes\n\n## Article 5\n\nText.\n", encoding="utf-8")
    source = tmp_path / "page.md"
    markdown = (
        "[good](notes.md#article-5) [good too](notes.md) "
        "[missing file](nowhere.md) [missing anchor](notes.md#article-6) "
        "[outside](../elsewhere.md) [self](#no-such-heading) [web](https://example.org/x.md)"
    )
    source.write_text(markdown, encoding="utf-8")
    problems = broken_links(source, markdown, root=tmp_path)
    assert problems == [
        "nowhere.md: no such file",
        "notes.md#article-6: notes.md has no heading with that anchor",
        "../elsewhere.md: points outside the repository",
        "#no-such-heading: page.md has no heading with that anchor",
    ]


def test_a_notebook_heading_is_a_valid_anchor(tmp_path: Path) -> None:
    notebook = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["## 3. Try it: the map\n"]},
            {"cell_type": "code", "metadata": {}, "source": ["# 4. not a heading\n"],
             "outputs": [], "execution_count": None},
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }
    (tmp_path / "nb.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    source = tmp_path / "guide.md"
    markdown = "[map](nb.ipynb#3-try-it-the-map) [code](nb.ipynb#4-not-a-heading)"
    assert broken_links(source, markdown, root=tmp_path) == [
        "nb.ipynb#4-not-a-heading: nb.ipynb has no heading with that anchor"
    ]


def test_a_missing_glossary_entry_would_be_seen() -> None:
    entries = [github_slug(t) for level, t in headings("### Alliance\n### Free-riding\n")
               if level == 3]
    assert "free-riding" in entries
    assert set(GLOSSARY_ENTRIES) - set(entries)  # most required entries absent: detected
