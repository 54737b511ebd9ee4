"""Build the Indonesian edition from the English sources and the translation catalogs.

Usage (from the repository root, in the course's virtual environment)::

    python tools/i18n.py all        # extract, update, compile, build, execute (what
                                    # `python3 -m course i18n` runs)
    python tools/i18n.py extract    # templates: locale/templates/*.pot
    python tools/i18n.py update [DOMAIN ...]  # catalogs: locale/id/LC_MESSAGES/*.po (new
                                    # units empty, changed ones fuzzy, gone ones dropped)
    python tools/i18n.py compile    # lib/alliances/locale/id/LC_MESSAGES/*.mo
    python tools/i18n.py build      # notebooks/id/*.ipynb and notebooks/id/*.md, README.id.md
    python tools/i18n.py execute [NOTEBOOK ...]   # run notebooks/id/*.ipynb, store outputs
    python tools/i18n.py status     # what is untranslated or fuzzy, per catalog
    python tools/i18n.py check [DOMAIN ...]   # untranslated, fuzzy, markup or numbers changed
    python tools/i18n.py todo DOMAIN          # the units still to translate, as JSON
    python tools/i18n.py fill DOMAIN FILE     # translations from JSON {English: Indonesian}
    python tools/i18n.py reviewed DOMAIN N ...  # units N read by a person: numbers stay as
                                                # written (version numbers, 'Pasal 51')

What is translated, and how it is cut into units (one catalog entry each):

* the library's strings marked with ``_()`` or ``N_()``, one domain per room of
  ``lib/alliances`` (``alliances-models``, ``alliances-widgets`` ...);
* each English notebook and Markdown document, one domain per file (``03_secondary_dilemma``,
  ``theory_notes``, ``README`` ...): every heading, paragraph, list item, table row and
  ``<summary>`` line of the Markdown is a unit, with its whitespace folded; code blocks,
  display math and HTML comments are kept as they are; in code cells, comments and the
  ``title=`` strings of plot calls are units and the code itself is kept.

The Indonesian notebooks are never edited by hand: ``build`` writes them from the English
and the catalogs (a missing translation keeps the English, which ``tests/test_i18n.py``
reports), sets the library's language in their first code cell, keeps the English heading
anchors (``<a id="..."></a>``) so that links into them still work, and records the
SHA-256 of the English source and of the catalog in each notebook's metadata so the sync
test can tell a stale build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import sys
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
TEMPLATES = LOCALE / "templates"
CATALOGS = LOCALE / "id" / "LC_MESSAGES"
PACKAGE = ROOT / "lib" / "alliances"
COMPILED = PACKAGE / "locale" / "id" / "LC_MESSAGES"
NOTEBOOKS = ROOT / "notebooks"
TARGET = NOTEBOOKS / "id"
LANGUAGE = "id"
#: Fixed dates in the catalogs' headers, so that a rebuild writes the same bytes.
STAMP = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
ROOMS = ("core", "models", "data", "views", "cases", "widgets", "coursework")
KEYWORDS = {"_": None, "N_": None}
#: Markdown documents translated besides the notebooks: source, Indonesian file.
DOCUMENTS = {
    NOTEBOOKS / "theory_notes.md": TARGET / "theory_notes.md",
    NOTEBOOKS / "glossary.md": TARGET / "glossary.md",
    NOTEBOOKS / "instructor_guide.md": TARGET / "instructor_guide.md",
    ROOT / "README.md": ROOT / "README.id.md",
}
#: Files that exist in Indonesian: a link to one of them from a translated file stays a
#: link to the Indonesian twin; any other relative link is rewritten to reach the English.
#: The instructor guide is translated only where students read it: its opening, the course
#: at a glance and the ways of opening the course; the rest (seminar plans with model
#: answers, grading, hosting) is for lecturers and stays in English, as a note says.
GUIDE_SECTIONS = ("The course at a glance", "Binder (nothing to install)", "A local install",
                  "Google Colab (known limits)", "The lecture view (Voilà)")
GUIDE_NOTE = ("> Terjemahan ini memuat bagian panduan yang dibaca mahasiswa: gambaran umum "
              "kursus dan cara membukanya. Rencana seminar, kunci jawaban, penilaian, dan "
              "penyelenggaraan *hub* hanya tersedia dalam bahasa Inggris: "
              "[instructor_guide.md](../instructor_guide.md).\n\n")
#: (The instructor guide is translated only in part, so links into it reach the English.)
TRANSLATED_NAMES = {"theory_notes.md", "glossary.md"}
#: A paragraph that starts with this is a language switch ("🌐 **Bahasa Indonesia:** ...,
#: linking to the Indonesian edition): it is not translated; the Indonesian file gets the
#: switch back to the English instead.
SWITCH = "\N{GLOBE WITH MERIDIANS}"
SET_LANGUAGE = ('import alliances\n'
                'alliances.set_language("id")  # Bahasa Indonesia: label, umpan balik, angka\n')


def english_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def sources() -> dict[str, Path]:
    """Every English source that has a catalog, by domain."""
    found = {path.stem: path for path in english_notebooks()}
    found.update({path.stem: path for path in DOCUMENTS})
    return found


# ---------------------------------------------------------------------------- Markdown units

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6}\s+)(.*)$")
_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)(.*)$")
_QUOTE = re.compile(r"^(\s*>\s?)(.*)$")
_TAGS_ONLY = re.compile(r"^\s*(<[^>]+>\s*)+$")
_MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$", re.DOTALL)
_CODE = re.compile(r"`[^`\n]+`")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
_WORDS = re.compile(r"[A-Za-z]{2,}")


@dataclass
class Segment:
    """A piece of a document: kept as it is, or a unit translated with ``prefix`` before it."""

    text: str
    prefix: str = ""
    unit: bool = False
    heading: bool = False
    switch: bool = False


def translatable(text: str) -> bool:
    """Does ``text`` hold words outside math, code spans and link targets?"""
    bare = _LINK_TARGET.sub("]", _CODE.sub(" ", _MATH.sub(" ", text)))
    bare = re.sub(r"<[^>]+>|https?://\S+", " ", bare)
    return bool(_WORDS.search(bare))


def _fold(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines)


def _unit(prefix: str, lines: list[str], heading: bool = False) -> Segment:
    text = _fold(lines)
    if text.startswith(SWITCH):
        return Segment(text, prefix, switch=True)
    return Segment(text, prefix, unit=translatable(text), heading=heading)


def _block_end(lines: list[str], start: int, closing: re.Pattern) -> int:
    """The index after the line that closes the block opened at ``start``."""
    for index in range(start + 1, len(lines)):
        if closing.match(lines[index]):
            return index + 1
    return len(lines)


def _is_plain(line: str) -> bool:
    """Does ``line`` continue a paragraph (rather than start some other block)?

    As in CommonMark, an ordered list interrupts a paragraph only when it starts at 1, so
    a wrapped line that begins "2014) or ..." continues its paragraph.
    """
    item = _ITEM.match(line)
    if item and re.match(r"\s*\d+[.)]", item.group(1)) and not re.match(r"\s*1[.)]", item.group(1)):
        item = None
    return bool(line.strip()) and not (
        _FENCE.match(line) or _HEADING.match(line) or item
        or line.lstrip().startswith(("|", "$$", "<", ">")))


def _paragraph(lines: list[str], start: int) -> int:
    end = start + 1
    while end < len(lines) and _is_plain(lines[end]):
        end += 1
    return end


def _item(lines: list[str], start: int) -> int:
    """The end of a list item: its continuation lines are indented plain lines."""
    end = start + 1
    while end < len(lines) and _is_plain(lines[end]) and lines[end][:1] in (" ", "\t"):
        end += 1
    return end


def segments(text: str) -> list[Segment]:
    """Cut Markdown into units and kept pieces; ``"".join`` of the pieces gives ``text``
    back with each unit's whitespace folded."""
    lines = text.split("\n")
    out: list[Segment] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if not stripped or stripped.startswith("<!--") or _TAGS_ONLY.match(line):
            end = index + 1
            out.append(Segment("\n".join(lines[index:end])))
        elif _FENCE.match(line):
            end = _block_end(lines, index, _FENCE)
            out.append(Segment("\n".join(lines[index:end])))
        elif stripped.startswith("$$") and not (len(stripped) > 2 and stripped.endswith("$$")):
            end = _block_end(lines, index, re.compile(r".*\$\$\s*[.,:;]?\s*$"))
            out.append(Segment("\n".join(lines[index:end])))
        elif stripped.startswith("$$"):
            end = index + 1
            out.append(Segment(line))
        elif heading := _HEADING.match(line):
            end = index + 1
            out.append(_unit(heading.group(1), [heading.group(2)], heading=True))
        elif stripped.startswith("|"):
            end = index + 1
            out.append(_unit("", [line]) if not re.fullmatch(r"[|:\-\s]+", stripped)
                       else Segment(line))
        elif item := _ITEM.match(line):
            end = _item(lines, index)
            out.append(_unit(item.group(1), [item.group(2), *lines[index + 1:end]]))
        elif quote := _QUOTE.match(line):
            end = index + 1
            out.append(_unit(quote.group(1), [quote.group(2)]))
        else:
            end = _paragraph(lines, index)
            indent = line[:len(line) - len(line.lstrip())]
            out.append(_unit(indent, lines[index:end]))
        out.append(Segment("\n"))
        index = end
    out.pop()
    return out


def slug(heading: str) -> str:
    """The anchor of a Markdown heading: the site's GitHub slug (tools/build_site.py) of
    its text, with a link written as its link text."""
    if str(Path(__file__).resolve().parent) not in sys.path:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
    from build_site import github_slug   # a script beside this one; loads nbconvert

    return github_slug(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading))


# ---------------------------------------------------------------------------- code units

_TITLE = re.compile(r"\btitle\s*=\s*$")


def code_units(source: str) -> list[tuple[int, int, str, str]]:
    """The translatable pieces of a code cell: (start, end, kind, text) by character offset.

    Comments and ``title=`` string literals are units; everything else is code and stays.
    """
    offsets = [0]
    for line in source.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    found = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return []
    for token in tokens:
        start = offsets[token.start[0] - 1] + token.start[1]
        end = offsets[token.end[0] - 1] + token.end[1]
        before = source[max(0, start - 20):start]
        if token.type == tokenize.COMMENT and translatable(token.string):
            found.append((start, end, "comment", token.string.lstrip("#").strip()))
        elif (token.type == tokenize.STRING and _TITLE.search(before)
              and re.fullmatch(r"([\"'])[^\"'\\{}]*\1", token.string)
              and translatable(token.string)):
            found.append((start, end, "string", token.string[1:-1]))
    return found


# ---------------------------------------------------------------------------- extraction

def guide_parts(text: str) -> str:
    """The student-facing parts of the instructor guide (see :data:`GUIDE_SECTIONS`)."""
    kept, keep, level = [], True, 0
    for block in re.split(r"(?m)^(?=#{2,6} )", text):
        heading = _HEADING.match(block.split("\n", 1)[0])
        if heading:
            depth = len(heading.group(1).strip())
            if heading.group(2).strip() in GUIDE_SECTIONS:
                keep, level = True, depth
            elif not keep or depth <= level:
                keep, level = False, 0
        if keep:
            kept.append(block)
    return "".join(kept).rstrip() + "\n"


def markdown_of(path: Path) -> str:
    """The English Markdown of a document that is translated (the guide only in part)."""
    text = path.read_text(encoding="utf-8")
    return guide_parts(text) if path.stem == "instructor_guide" else text


def units_of(path: Path) -> Iterator[tuple[str, str]]:
    """Every unit of an English source, in order: (text, where), ``where`` for the comment."""
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        for number, cell in enumerate(notebook.cells, start=1):
            if cell.cell_type == "markdown":
                for segment in segments(cell.source):
                    if segment.unit:
                        yield segment.text, f"cell {number}"
            elif cell.cell_type == "code":
                for _start, _end, kind, text in code_units(cell.source):
                    yield text, f"cell {number} ({kind})"
    else:
        for segment in segments(markdown_of(path)):
            if segment.unit:
                yield segment.text, "markdown"


def _new_catalog(domain: str) -> Catalog:
    return Catalog(locale=None, domain=domain, project="Alliance Dilemmas", version="1.0",
                   copyright_holder="Alliance Dilemmas authors",
                   msgid_bugs_address="the course's issue tracker",
                   creation_date=STAMP, revision_date=STAMP, charset="utf-8",
                   fuzzy=False)


def document_template(domain: str, path: Path) -> Catalog:
    catalog = _new_catalog(domain)
    shown = path.relative_to(ROOT) if ROOT in path.parents else path.name
    for text, where in units_of(path):
        if text not in catalog:
            catalog.add(text, auto_comments=[f"{shown}, {where}"])
    return catalog


def _room_files(room: str) -> list[Path]:
    if room == "core":
        return sorted(PACKAGE.glob("*.py"))
    return sorted((PACKAGE / room).rglob("*.py"))


def library_template(room: str) -> Catalog:
    catalog = _new_catalog(f"alliances-{room}")
    for path in _room_files(room):
        for lineno, message, comments, _context in extract_from_file(
                "python", str(path), keywords=KEYWORDS, comment_tags=("Translators:",)):
            if isinstance(message, str) and message and message not in catalog:
                catalog.add(message, locations=[(str(path.relative_to(ROOT)), None)],
                            auto_comments=comments)
    return catalog


def templates() -> dict[str, Catalog]:
    """Every template, by domain: the library's rooms first, then the documents."""
    found = {f"alliances-{room}": library_template(room) for room in ROOMS}
    found.update({domain: document_template(domain, path) for domain, path in sources().items()})
    return found


def _write(catalog: Catalog, path: Path) -> bool:
    """Write ``catalog`` as a PO file; return whether the bytes changed."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, ignore_obsolete=True,
             sort_output=False)
    data = buffer.getvalue()
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def extract() -> None:
    for domain, catalog in templates().items():
        if _write(catalog, TEMPLATES / f"{domain}.pot"):
            print(f"wrote {TEMPLATES.relative_to(ROOT)}/{domain}.pot ({len(catalog)} units)")


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=LANGUAGE, domain=path.stem)


def update(domains: list[str] | None = None) -> None:
    for template_path in sorted(TEMPLATES.glob("*.pot")):
        if domains and template_path.stem not in domains:
            continue
        template = read_catalog(template_path)
        target = CATALOGS / f"{template_path.stem}.po"
        catalog = read_catalog(target) if target.exists() else _new_catalog(template_path.stem)
        catalog.locale = LANGUAGE
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        catalog.creation_date, catalog.revision_date = STAMP, STAMP
        catalog.language_team = "Bahasa Indonesia <the course's issue tracker>"
        catalog.last_translator = "Alliance Dilemmas authors"
        catalog.fuzzy = False
        if _write(catalog, target):
            print(f"wrote {target.relative_to(ROOT)}")


def compile_catalogs() -> None:
    COMPILED.mkdir(parents=True, exist_ok=True)
    for room in ROOMS:
        source = CATALOGS / f"alliances-{room}.po"
        if not source.exists():
            continue
        buffer = io.BytesIO()
        write_mo(buffer, read_catalog(source), use_fuzzy=False)
        target = COMPILED / source.with_suffix(".mo").name
        if not target.exists() or target.read_bytes() != buffer.getvalue():
            target.write_bytes(buffer.getvalue())
            print(f"wrote {target.relative_to(ROOT)}")


# ---------------------------------------------------------------------------- building

def translations(domain: str, catalogs: Path = CATALOGS) -> dict[str, str]:
    """The catalog's finished translations (fuzzy and empty ones left out)."""
    path = catalogs / f"{domain}.po"
    if not path.exists():
        return {}
    return {message.id: message.string for message in read_catalog(path)
            if message.id and message.string and not message.fuzzy}


def _relink(text: str, depth_change: str) -> str:
    """Point the relative links of a translated file at the right place from notebooks/id/."""
    def fix(match: re.Match) -> str:
        target = match.group(1)
        if re.match(r"[a-z]+:|#|/", target):
            return match.group(0)
        name = target.split("#")[0].split("/")[-1]
        translated = name in TRANSLATED_NAMES or re.fullmatch(r"\d\d_[\w-]+\.ipynb", name)
        if translated and "/" not in target.split("#")[0]:
            return match.group(0)
        return f"]({depth_change}{target})"
    return _LINK_TARGET.sub(fix, text)


def translate_markdown(text: str, table: dict[str, str], *, relink: str = "",
                       english: str = "") -> str:
    """``text`` in Indonesian, unit by unit; ``english`` is the link to the English file
    that replaces a language switch."""
    pieces = []
    for segment in segments(text):
        if segment.switch:
            pieces.append(f"{segment.prefix}{SWITCH} **English:** "
                          f"[the English edition]({english})")
            continue
        if not segment.unit:
            pieces.append(segment.prefix + segment.text)
            continue
        translated = table.get(segment.text, segment.text)
        if relink:
            translated = _relink(translated, relink)
        anchor = ""
        if segment.heading and slug(translated) != slug(segment.text):
            anchor = f'\n<a id="{slug(segment.text)}"></a>'    # the English anchor, kept
        pieces.append(f"{segment.prefix}{translated}{anchor}")
    return "".join(pieces)


def translate_code(source: str, table: dict[str, str]) -> str:
    out, last = [], 0
    for start, end, kind, text in code_units(source):
        translated = table.get(text, text)
        out.append(source[last:start])
        out.append(f"# {translated}" if kind == "comment" else repr(translated))
        last = end
    out.append(source[last:])
    return "".join(out)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def stamp(source: Path, domain: str) -> dict[str, str]:
    """What an Indonesian file was built from: the English source's and catalog's SHA-256."""
    return {"source": str(source.relative_to(ROOT)), "source_sha256": digest(source),
            "catalog_sha256": digest(CATALOGS / f"{domain}.po")}


def build_notebook(source: Path) -> nbformat.NotebookNode:
    """The Indonesian twin of ``source`` (without outputs)."""
    notebook = nbformat.read(source, as_version=4)
    table = translations(source.stem)
    first_code = True
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = translate_markdown(cell.source, table, relink="../",
                                             english=f"../{source.name}")
        elif cell.cell_type == "code":
            cell.source = translate_code(cell.source, table)
            if first_code:
                cell.source = SET_LANGUAGE + cell.source
                first_code = False
            cell.outputs, cell.execution_count = [], None
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.metadata["alliances_i18n"] = {"language": LANGUAGE, **stamp(source, source.stem)}
    return notebook


def build_document(source: Path) -> str:
    table = translations(source.stem)
    relink = "../" if source.parent == NOTEBOOKS else ""
    english = "README.md" if source.name == "README.md" else f"../{source.name}"
    built = translate_markdown(markdown_of(source), table, relink=relink, english=english)
    if source.stem == "instructor_guide":
        title, _newline, rest = built.partition("\n\n")
        built = f"{title}\n\n{GUIDE_NOTE}{rest}"
    if source.name == "README.md":           # the README's links reach the Indonesian files
        built = _LINK_TARGET.sub(lambda m: "](" + re.sub(
            r"notebooks/(\d\d_[\w-]+\.ipynb|theory_notes\.md|glossary\.md)",
            r"notebooks/id/\1", m.group(1)) + ")", built)
    record = stamp(source, source.stem)
    return (f"<!-- Built by tools/i18n.py from {record['source']} and "
            f"locale/id/LC_MESSAGES/{source.stem}.po; do not edit. "
            f"source_sha256={record['source_sha256']} "
            f"catalog_sha256={record['catalog_sha256']} -->\n\n{built}")


def _keep_outputs(built: nbformat.NotebookNode, target: Path) -> nbformat.NotebookNode:
    """Keep the stored outputs of an earlier build when a code cell's source is unchanged."""
    if not target.exists():
        return built
    old = nbformat.read(target, as_version=4)
    codes = [c for c in old.cells if c.cell_type == "code"]
    news = [c for c in built.cells if c.cell_type == "code"]
    if len(codes) == len(news) and all(a.source == b.source for a, b in zip(codes, news)):
        for a, b in zip(codes, news):
            b.outputs, b.execution_count = a.outputs, a.execution_count
    return built


def build() -> None:
    TARGET.mkdir(exist_ok=True)
    for source in english_notebooks():
        target = TARGET / source.name
        built = _keep_outputs(build_notebook(source), target)
        text = nbformat.writes(built) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    for source, target in DOCUMENTS.items():
        text = build_document(source)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")


def execute(paths: list[Path] | None = None) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from execute_notebooks import execute as run

    for path in paths or sorted(TARGET.glob("[0-9][0-9]_*.ipynb")):
        run(path)
        print(f"executed {path.relative_to(ROOT)}")


def status() -> dict[str, tuple[int, int, int]]:
    """Per domain: (units, untranslated, fuzzy)."""
    found = {}
    for template_path in sorted(TEMPLATES.glob("*.pot")):
        ids = [m.id for m in read_catalog(template_path) if m.id]
        path = CATALOGS / f"{template_path.stem}.po"
        catalog = read_catalog(path) if path.exists() else _new_catalog(template_path.stem)
        untranslated = sum(1 for i in ids if i not in catalog or not catalog[i].string)
        fuzzy = sum(1 for i in ids if i in catalog and catalog[i].fuzzy)
        found[template_path.stem] = (len(ids), untranslated, fuzzy)
    return found


# ---------------------------------------------------------------------------- checks

_FIELD = re.compile(r"(?<!\{)\{[A-Za-z_][\w.]*(?:![rsa])?(?::[^{}]*)?\}")
_TAG = re.compile(r"</?([A-Za-z][\w-]*)[^>]*>")
_EN_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_ID_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
#: A translator's comment that takes an entry out of the number check (a version number,
#: a number spelled out on purpose), to be used rarely and read in review.
NUMBERS_REVIEWED = "numbers: reviewed"


def _outside_markup(text: str) -> str:
    text = _MATH.sub(" ", _CODE.sub(" ", text))
    text = re.sub(r"\b(?:doi:\s*)?10\.\d{4,}/\S+", " ", text)     # a DOI is a name, not a number
    return _LINK_TARGET.sub("] ", re.sub(r"<[^>]+>|https?://\S+", " ", text))


_SECTIONS = re.compile(r"(?:^(?=[1-9]\d*\.\d+\s+[A-Z\d])|[Ss]ections?\s+|[Bb]agian\s+|[Ss]ubbab\s+|§\s*)(\d+\.\d+(?:(?:,\s*|\s+(?:and|dan|or|atau)"
                       r"\s+|\s*[–-]\s*)\d+\.\d+)*)(?!\d|\s?%)")


def section_numbers(text: str) -> list[str]:
    """Section numbers ("section 2.2", a heading "3.1 ..."): written alike in both languages.

    >>> section_numbers("3.1 1964: see sections 2.2 and 2.3, not 0.5")
    ['2.2', '2.3', '3.1']
    """
    bare = _outside_markup(text)
    return sorted(n for group in _SECTIONS.findall(bare) for n in re.findall(r"\d+\.\d+", group))


def numbers(text: str, language: str) -> list[str]:
    """The numbers of prose ``text`` as plain decimals ("2,5" in Indonesian is "2.5");
    section numbers are left out (see :func:`section_numbers`)."""
    bare = _SECTIONS.sub(" ", _outside_markup(text))
    if language == "en":
        return sorted(match.replace(",", "") for match in _EN_NUMBER.findall(bare))
    return sorted(match.replace(".", "").replace(",", ".") for match in _ID_NUMBER.findall(bare))


def markup(text: str) -> dict[str, list[str]]:
    """What must survive translation unchanged: math, code, link targets, fields, tags."""
    return {"math": sorted(_MATH.findall(text)), "code": sorted(_CODE.findall(text)),
            "links": sorted(_LINK_TARGET.findall(text)),
            "placeholders": sorted(_FIELD.findall(text)),
            "tags": sorted(m.lower() for m in _TAG.findall(text)),
            "bold": [str(text.count("**"))]}


#: The terms that ``locale/id/glossary.md`` marks as checked: where the English unit has the
#: first, the Indonesian must have the second (both matched without regard to case).
TERMS = {
    "our formalization": "formalisasi kami",
    "security dilemma": "dilema keamanan",
    "abandonment": "abandonment",
    "entrapment": "entrapment",
    "equilibri": "ekuilibrium",
}


_REFERENCE = re.compile(r"^[^()]{0,300}\(\d{4}[a-z]?(?:, [^)]*)?\)\.")


def term_problems(english: str, indonesian: str) -> list[str]:
    """The checked terms of ``english`` that ``indonesian`` does not use.

    >>> term_problems("An equilibrium of our formalization", "Ekuilibrium formalisasi kami")
    []
    >>> term_problems("The security dilemma", "Dilema keselamatan")
    ["'security dilemma' is 'dilema keamanan' (locale/id/glossary.md)"]
    """
    if _REFERENCE.match(english):           # a citation: its title stays in English
        return []
    return [f"{english_term!r} is {term!r} (locale/id/glossary.md)"
            for english_term, term in TERMS.items()
            if english_term in english.lower() and term not in indonesian.lower()]


def _edges(text: str) -> tuple[str, str]:
    """The whitespace at the start and the end of ``text`` (a fragment such as " and ")."""
    return text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]


def translation_problems(english: str, indonesian: str, *, reviewed: bool = False) -> list[str]:
    """What a finished translation changed that it must keep: the spaces at its ends, its
    markup, the checked terms, its section numbers and (unless ``reviewed``) its numbers.

    >>> translation_problems("2.5% of [x](a.md)", "2,5 % dari [x](a.md)")
    []
    >>> translation_problems("see $c$", "lihat c")
    ["math changed: ['$c$'] became []"]
    """
    found = []
    if _edges(english) != _edges(indonesian):
        found.append(f"spaces or line breaks at the ends differ: {_edges(english)} became "
                     f"{_edges(indonesian)}")
    before, after = markup(english), markup(indonesian)
    found += [f"{kind} changed: {before[kind]} became {after[kind]}"
              for kind in before if before[kind] != after[kind]]
    found += term_problems(english, indonesian)
    if section_numbers(english) != section_numbers(indonesian):
        found.append(f"section numbers differ: {section_numbers(english)} became "
                     f"{section_numbers(indonesian)} (write 'subbab 2.2')")
    if not reviewed and numbers(english, "en") != numbers(indonesian, LANGUAGE):
        found.append(f"numbers differ: {numbers(english, 'en')} became "
                     f"{numbers(indonesian, LANGUAGE)} (decimal comma, thousands point)")
    return found


#: The names the Indonesian text keeps in English although the widget catalog translates
#: them: values a reader types or reads in code output (exercise answers such as
#: ``"Abstain"``, the strategies in a model's printed equilibria), glossed where first used.
CODE_NAMES = frozenset({"Abstain", "Ally", "abstain", "ally", "Reassure", "Deter", "Either",
                        "Cooperate", "Compete"})
_EMPHASIS = re.compile(r"(?<![*\w])(\*{1,2})([^*\n]+?)\1(?![*\w])")
WIDGET_DOMAIN = "alliances-widgets"


def control_problems(indonesian: str, labels: dict[str, str]) -> list[str]:
    """The widget labels that ``indonesian`` names in English, in italics or bold, where the
    Indonesian screen shows them translated (``labels``: the widget catalog, English to
    Indonesian): a student told to click *Reset* finds no such button. An English gloss in
    brackets, "(*Stag Hunt*)", is not a name; nor is one of :data:`CODE_NAMES`.

    >>> control_problems("klik *Reset*, bukan (*Reset*) atau *Atur ulang*",
    ...                  {"Reset": "Atur ulang"})
    ["names the control 'Reset' in English: the Indonesian screen shows 'Atur ulang'"]
    """
    found = []
    for match in _EMPHASIS.finditer(indonesian):
        name = match.group(2)
        shown = labels.get(name)
        if (shown and shown != name and name not in CODE_NAMES
                and indonesian[max(0, match.start() - 1):match.start()] != "("):
            found.append(f"names the control {name!r} in English: the Indonesian screen "
                         f"shows {shown!r}")
    return found


def problems(domain: str, templates: Path = TEMPLATES, catalogs: Path = CATALOGS) -> list[str]:
    """What is wrong with a catalog: untranslated, fuzzy, markup, numbers or terms changed,
    or (in a notebook or document) a widget's control named as the English screen shows it."""
    template = read_catalog(templates / f"{domain}.pot")
    path = catalogs / f"{domain}.po"
    catalog = read_catalog(path) if path.exists() else _new_catalog(domain)
    labels = {} if domain.startswith("alliances-") else translations(WIDGET_DOMAIN, catalogs)
    found = []
    for unit in (unit for unit in template if unit.id):
        short = unit.id if len(unit.id) < 70 else unit.id[:67] + "..."
        entry = catalog.get(unit.id)
        if entry is None or not entry.string:
            found.append(f"{domain}: untranslated: {short!r}")
            continue
        if entry.fuzzy:
            found.append(f"{domain}: fuzzy (the English changed): {short!r}")
        reviewed = any(NUMBERS_REVIEWED in comment for comment in entry.user_comments)
        found += [f"{domain}: in {short!r}: {problem}" for problem in
                  translation_problems(unit.id, entry.string, reviewed=reviewed)
                  + control_problems(entry.string, labels)]
    return found


def _entries(domain: str) -> tuple[Path, Catalog, list[str]]:
    path = CATALOGS / f"{domain}.po"
    catalog = read_catalog(path)
    return path, catalog, [m.id for m in catalog if m.id]


def todo(domain: str) -> dict[str, str]:
    """The units of ``domain`` still to translate (untranslated or fuzzy), by number.

    The number of a unit is its place in the catalog (1, 2, ...), which ``fill`` accepts
    instead of the English text.
    """
    _path, catalog, ids = _entries(domain)
    return {str(number): key for number, key in enumerate(ids, start=1)
            if not catalog[key].string or catalog[key].fuzzy}


def fill(domain: str, json_path: str) -> None:
    """Write translations from a JSON object into the catalog: each key is a unit's number
    (as ``todo`` prints it) or its English text, each value the Indonesian."""
    import json

    path, catalog, ids = _entries(domain)
    wanted = json.loads(Path(json_path).read_text(encoding="utf-8"))
    done, unknown = 0, []
    for key, value in wanted.items():
        english = ids[int(key) - 1] if key.isdigit() and 0 < int(key) <= len(ids) else key
        if english not in catalog or not isinstance(value, str) or not value.strip():
            unknown.append(key)
            continue
        lead = english[:len(english) - len(english.lstrip())]
        trail = english[len(english.rstrip()):]
        catalog[english].string = lead + value.strip() + trail   # the English's spaces kept
        catalog[english].flags.discard("fuzzy")
        catalog[english].previous_id = []
        done += 1
    _write(catalog, path)
    print(f"{domain}: {done} filled, {len(unknown)} not used (unknown unit or empty text)")
    for key in unknown[:10]:
        print(f"  not used: {key[:80]!r}")


def mark_reviewed(domain: str, numbers_: list[str]) -> None:
    """Take units (by number, as ``todo`` counts them) out of the number check, with the
    translator's comment :data:`NUMBERS_REVIEWED`, after a person has read them."""
    path, catalog, ids = _entries(domain)
    for number in numbers_:
        message = catalog[ids[int(number) - 1]]
        if NUMBERS_REVIEWED not in message.user_comments:
            message.user_comments.append(NUMBERS_REVIEWED)
    _write(catalog, path)


def _check(domains: list[str]) -> int:
    found = [p for domain in (domains or status()) for p in problems(domain)]
    print("\n".join(found) or "no problems")
    return 1 if found else 0


def _status() -> int:
    for domain, (units, untranslated, fuzzy) in status().items():
        print(f"{domain:40} {units:5} units {untranslated:5} untranslated {fuzzy:4} fuzzy")
    return 0


def _todo(domain: str) -> int:
    import json

    print(json.dumps(todo(domain), ensure_ascii=False, indent=1))
    return 0


#: The steps of ``all``, in order.
STEPS = {"extract": extract, "update": update, "compile": compile_catalogs, "build": build,
         "execute": execute}
#: The commands that take arguments: (smallest number of arguments, largest, what to run).
COMMANDS = {
    "check": (0, None, _check),
    "status": (0, 0, lambda _args: _status()),
    "todo": (1, 1, lambda args: _todo(args[0])),
    "fill": (2, 2, lambda args: fill(*args) or 0),
    "reviewed": (2, None, lambda args: mark_reviewed(args[0], args[1:]) or 0),
    "update": (1, None, lambda args: update(args) or 0),
    "execute": (1, None, lambda args: execute([Path(a).resolve() for a in args]) or 0),
}


def main(arguments: list[str]) -> int:
    command, *rest = arguments or ["all"]
    if command in COMMANDS and (rest or COMMANDS[command][0] == 0):
        fewest, most, run = COMMANDS[command]
        if len(rest) >= fewest and (most is None or len(rest) <= most):
            return run(rest)
    names = list(STEPS) if arguments in ([], ["all"]) else arguments
    unknown = [name for name in names if name not in STEPS]
    if unknown:
        print(f"unknown step or wrong arguments {' '.join(arguments)!r}: see the usage at the "
              f"top of tools/i18n.py (steps: all, {', '.join(STEPS)})", file=sys.stderr)
        return 2
    for name in names:
        STEPS[name]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
