"""The Indonesian edition is complete and in step with the English (issue 24).

What fails here, and how to mend it (``python3 -m course i18n`` runs every step):

* a template is stale: an English notebook, document or marked library string changed
  since ``tools/i18n.py extract`` last ran;
* a catalog entry is untranslated or fuzzy (its English changed since it was translated),
  or its translation lost math, a code span, a link target, a placeholder, a tag or a
  bold marker, changed a number (other than writing it the Indonesian way), or left a
  checked term of ``locale/id/glossary.md``;
* a compiled catalog of the library differs from its ``.po``;
* an Indonesian notebook or document is older than its English source or its catalog, or
  differs from what ``tools/i18n.py build`` makes of them.
"""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import i18n as tool  # noqa: E402  (tools/i18n.py)

from alliances import InputError, set_language  # noqa: E402
from alliances.i18n import _, get_language, language, number, percent  # noqa: E402

DOMAINS = sorted(path.stem for path in tool.TEMPLATES.glob("*.pot"))
LIBRARY_DOMAINS = [d for d in DOMAINS if d.startswith("alliances-")]
ENGLISH_NOTEBOOKS = tool.english_notebooks()


def _ids(catalog) -> list[str]:
    return [message.id for message in catalog if message.id]


# ------------------------------------------------------------------------ the templates

def test_every_english_source_has_a_template() -> None:
    expected = {f"alliances-{room}" for room in tool.ROOMS} | set(tool.sources())
    assert set(DOMAINS) == expected
    assert len(ENGLISH_NOTEBOOKS) == 8


@pytest.mark.slow  # runs Babel's extraction: not in the quick subset
@pytest.mark.parametrize("domain", DOMAINS)
def test_template_is_current(domain: str) -> None:
    fresh = tool.templates()[domain] if domain.startswith("alliances-") else \
        tool.document_template(domain, tool.sources()[domain])
    stored = tool.read_catalog(tool.TEMPLATES / f"{domain}.pot")
    assert _ids(fresh) == _ids(stored), (
        f"locale/templates/{domain}.pot is stale: run `python3 -m course i18n`")


# ------------------------------------------------------------------------ the catalogs

@pytest.mark.parametrize("domain", DOMAINS)
def test_catalog_is_complete_and_keeps_markup_numbers_and_terms(domain: str) -> None:
    found = tool.problems(domain)
    assert not found, f"{len(found)} problem(s):\n" + "\n".join(found[:40])


@pytest.mark.parametrize("domain", LIBRARY_DOMAINS)
def test_compiled_catalog_matches_its_po(domain: str) -> None:
    compiled = tool.COMPILED / f"{domain}.mo"
    wanted = tool.translations(domain)
    if not wanted:
        assert not compiled.exists() or not _mo_entries(compiled)
        return
    assert compiled.exists(), f"{compiled.name} is missing: run `python tools/i18n.py compile`"
    assert _mo_entries(compiled) == wanted, f"{compiled.name} is stale: run the compile step"


def _mo_entries(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    return {k: v for k, v in catalog.items() if isinstance(k, str) and k}


# ------------------------------------------------------------------------ the built files

@pytest.mark.parametrize("source", ENGLISH_NOTEBOOKS, ids=lambda p: p.stem)
def test_indonesian_notebook_is_built_from_the_current_source_and_catalog(source: Path) -> None:
    target = tool.TARGET / source.name
    assert target.exists(), f"notebooks/id/{source.name} is missing: run the build step"
    stored = nbformat.read(target, as_version=4)
    stamp = stored.metadata.get("alliances_i18n", {})
    assert stamp.get("source_sha256") == tool.digest(source), (
        f"notebooks/id/{source.name} is older than {source.name}: rebuild and re-execute")
    assert stamp.get("catalog_sha256") == tool.digest(tool.CATALOGS / f"{source.stem}.po"), (
        f"notebooks/id/{source.name} is older than its catalog: rebuild and re-execute")
    built = tool.build_notebook(source)
    assert [(c.cell_type, c.source) for c in stored.cells] == \
        [(c.cell_type, c.source) for c in built.cells], \
        f"notebooks/id/{source.name} differs from what the build makes (edited by hand?)"


@pytest.mark.parametrize("source", ENGLISH_NOTEBOOKS, ids=lambda p: p.stem)
def test_indonesian_notebook_has_stored_outputs_and_sets_the_language(source: Path) -> None:
    stored = nbformat.read(tool.TARGET / source.name, as_version=4)
    code = [c for c in stored.cells if c.cell_type == "code"]
    assert code[0].source.startswith(tool.SET_LANGUAGE)
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), "execute the Indonesian notebook"
    assert not any(o.output_type == "error" for c in code for o in c.outputs)


@pytest.mark.parametrize("source", list(tool.DOCUMENTS), ids=lambda p: p.name)
def test_indonesian_document_is_built_from_the_current_source_and_catalog(source: Path) -> None:
    target = tool.DOCUMENTS[source]
    assert target.exists() and target.read_text(encoding="utf-8") == tool.build_document(source), (
        f"{target.relative_to(ROOT)} is stale or edited by hand: run the build step")


# ------------------------------------------------------------------------ the check can fail

def test_a_changed_english_paragraph_is_caught(tmp_path: Path) -> None:
    """Change one English paragraph of notebook 03: after the update its unit is fuzzy,
    the check reports it, and the Indonesian notebook is older than its source."""
    templates, catalogs = tmp_path / "templates", tmp_path / "catalogs"
    templates.mkdir(), catalogs.mkdir()
    domain = "03_secondary_dilemma"
    source = tool.sources()[domain]
    notebook = nbformat.read(source, as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "markdown"
                and "Why the two fears pull against each other" in c.source)
    unit = next(s.text for s in tool.segments(cell.source) if "reassures the ally" in s.text)
    catalog = tool.read_catalog(tool.CATALOGS / f"{domain}.po")
    catalog[unit].string, catalog[unit].flags = "Mengapa dua ketakutan itu saling tarik.", set()
    tool._write(catalog, catalogs / f"{domain}.po")
    tool._write(tool.document_template(domain, source), templates / f"{domain}.pot")
    stale = ("fuzzy", "untranslated")
    assert not [p for p in tool.problems(domain, templates, catalogs)
                if "Why the two" in p and any(word in p for word in stale)]

    cell.source = cell.source.replace("reassures the ally", "calms the ally")
    changed = tmp_path / source.name
    nbformat.write(notebook, changed)
    tool._write(tool.document_template(domain, changed), templates / f"{domain}.pot")
    catalog = tool.read_catalog(catalogs / f"{domain}.po")
    catalog.update(tool.read_catalog(templates / f"{domain}.pot"), no_fuzzy_matching=False)
    tool._write(catalog, catalogs / f"{domain}.po")
    found = [p for p in tool.problems(domain, templates, catalogs)
             if "Why the two" in p and any(word in p for word in stale)]
    assert found == [f"{domain}: fuzzy (the English changed): "
                     f"{unit.replace('reassures', 'calms')[:67] + '...'!r}"]
    assert tool.digest(changed) != tool.digest(source)      # the build's stamp goes stale


@pytest.mark.parametrize(("english", "indonesian", "what"), [
    ("the payoff $a = 5$ here", "*payoff* $a = 5,0$ di sini", "math"),
    ("see [the notes](theory_notes.md#x)", "lihat [catatan](theory_notes.md#y)", "links"),
    ("call `check(1)` now", "panggil `cek(1)` sekarang", "code"),
    ("{n} equilibria", "{jumlah} ekuilibrium", "placeholders"),
    ("a **bold** claim", "klaim tebal", "bold"),
    ("a share of 2.5% in 1,024 cases", "bagian 2.5 % dalam 1.024 kasus", "numbers"),
    ("our formalization", "formalisasi kita", "formalisasi kami"),
])
def test_the_markup_number_and_term_checks_can_fail(english, indonesian, what) -> None:
    changed = [kind for kind in tool.markup(english)
               if tool.markup(english)[kind] != tool.markup(indonesian)[kind]]
    numbers = tool.numbers(english, "en") != tool.numbers(indonesian, "id")
    terms = tool.term_problems(english, indonesian)
    assert what in changed or (what == "numbers" and numbers) or any(what in t for t in terms)


def test_a_control_named_as_the_english_screen_shows_it_is_caught(tmp_path: Path) -> None:
    """The Indonesian notebooks told students to click *Reset* and pick the preset *Major
    power (gains autonomy)*; the Indonesian screen shows "Atur ulang" and "Negara besar
    (memperoleh otonomi)". The check reports a control named in English, in italics or bold,
    and leaves alone an English gloss in brackets, a code value ("Abstain", the answer a
    student types) and a label that reads the same in both languages."""
    labels = {"Reset": "Atur ulang", "Preset": "Preset", "Abstain": "Menahan diri",
              "Major power (gains autonomy)": "Negara besar (memperoleh otonomi)"}
    text = ("Klik *Reset* lalu pilih preset **Major power (gains autonomy)** dari *Preset*; "
            "kolom *Menahan diri* (*Abstain*), jawaban *Abstain*, tombol (*Reset*).")
    assert tool.control_problems(text, labels) == [
        "names the control 'Reset' in English: the Indonesian screen shows 'Atur ulang'",
        "names the control 'Major power (gains autonomy)' in English: the Indonesian screen "
        "shows 'Negara besar (memperoleh otonomi)'"]
    # through the whole check, with a catalog that says *Reset*
    templates, catalogs = tmp_path / "templates", tmp_path / "catalogs"
    templates.mkdir(), catalogs.mkdir()
    domain = "00_start_here"
    tool._write(tool.read_catalog(tool.TEMPLATES / f"{domain}.pot"), templates / f"{domain}.pot")
    for name in (domain, tool.WIDGET_DOMAIN):
        (catalogs / f"{name}.po").write_bytes((tool.CATALOGS / f"{name}.po").read_bytes())
    assert tool.problems(domain, templates, catalogs) == []
    catalog = tool.read_catalog(catalogs / f"{domain}.po")
    unit = next(m.id for m in catalog if m.id and "*Atur ulang*" in m.string)
    catalog[unit].string = catalog[unit].string.replace("*Atur ulang*", "*Reset* (atur ulang)")
    tool._write(catalog, catalogs / f"{domain}.po")
    assert tool.problems(domain, templates, catalogs) == [
        f"{domain}: in {unit[:67] + '...'!r}: names the control 'Reset' in English: "
        "the Indonesian screen shows 'Atur ulang'"]


def test_indonesian_numbers_are_read_with_a_decimal_comma() -> None:
    assert tool.numbers("2,5 % dari 1.024, dan 0,15", "id") == ["0.15", "1024", "2.5"]
    assert tool.numbers("2.5% of 1,024, and 0.15", "en") == ["0.15", "1024", "2.5"]


# ------------------------------------------------------------------------ units

SAMPLE = """## 2. A model (our formalization)

A state chooses $c$ between 0 and 1,
over two lines.

- **Abandonment risk** $P_A(c)$ falls;
  it continues here.
- a second item
- $x^2$

## A

$$EU(c) = V - k\\,c$$

| outcome | payoff |
|---|---|
| status quo | $-Mc$ |

```python
print("code stays")
```

<details>
<summary>Solution</summary>

The answer.

</details>"""


def test_markdown_is_cut_into_units_and_put_back_together() -> None:
    units = [s.text for s in tool.segments(SAMPLE) if s.unit]
    assert units == [
        "2. A model (our formalization)",
        "A state chooses $c$ between 0 and 1, over two lines.",
        "**Abandonment risk** $P_A(c)$ falls; it continues here.",
        "a second item",
        "| outcome | payoff |",
        "| status quo | $-Mc$ |",
        "<summary>Solution</summary>",
        "The answer.",
    ]
    table = {u: u.upper() for u in units} | {units[0]: "2. Sebuah model (formalisasi kami)"}
    out = tool.translate_markdown(SAMPLE, table)
    assert "$$EU(c) = V - k\\,c$$" in out and 'print("code stays")' in out
    assert "- **ABANDONMENT RISK** $P_A(C)$ FALLS; IT CONTINUES HERE." in out
    assert '<a id="2-a-model-our-formalization"></a>' in out      # the English anchor kept
    assert tool.translate_markdown(SAMPLE, {}).count("\n|---|---|\n") == 1
    assert "\n- $x^2$\n\n## A\n" in out                 # kept pieces keep their markers


def test_code_cells_translate_comments_and_titles_only() -> None:
    source = ('ax = plot(game, title="A major and a minor ally")  # the matrix\n'
              'check(1, "Stag Hunt")')
    out = tool.translate_code(source, {"A major and a minor ally": "Sekutu besar dan kecil",
                                       "the matrix": "matriksnya",
                                       "Stag Hunt": "Perburuan Rusa"})
    assert out == ("ax = plot(game, title='Sekutu besar dan kecil')  # matriksnya\n"
                   'check(1, "Stag Hunt")')


def test_the_language_switches_link_the_two_editions() -> None:
    english = nbformat.read(ENGLISH_NOTEBOOKS[0], as_version=4).cells[0].source
    indonesian = nbformat.read(tool.TARGET / ENGLISH_NOTEBOOKS[0].name, as_version=4)
    assert "](id/00_start_here.ipynb)" in english
    assert "](../00_start_here.ipynb)" in indonesian.cells[0].source
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "urlpath=lab/tree/notebooks/id/00_start_here.ipynb" in readme
    assert "](README.id.md)" in readme
    assert "](README.md)" in (ROOT / "README.id.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------------ the library

def test_the_language_is_english_unless_asked() -> None:
    assert get_language() == "en"
    assert _("Reset") == "Reset"
    with language("id"):
        assert get_language() == "id"
        assert _("a sentence nobody marked") == "a sentence nobody marked"
    assert get_language() == "en"


@pytest.mark.parametrize("bad", ["fr", "", None, 3, ["id"]])
def test_an_unknown_language_is_refused_with_the_choices(bad) -> None:
    with pytest.raises(InputError, match=r"code: the language must be one of 'en' \(English\), 'id'"):
        set_language(bad)
    assert get_language() == "en"


def test_numbers_are_written_the_indonesian_way() -> None:
    assert (number(1234.5, ",.1f"), percent(2.5, 1)) == ("1,234.5", "2.5%")
    with language("id"):
        assert (number(1234.5, ",.1f"), percent(2.5, 1)) == ("1.234,5", "2,5 %")
        assert number(-0.25, ".2f") == "-0,25"


def test_the_tool_compiles_where_the_library_reads() -> None:
    from alliances.i18n import LANGUAGES, LOCALE_DIR

    assert set(LANGUAGES) == {"en", tool.LANGUAGE}
    assert tool.COMPILED == LOCALE_DIR / tool.LANGUAGE / "LC_MESSAGES"
    assert sorted(p.stem for p in tool.COMPILED.glob("*.mo")) == \
        sorted(f"alliances-{room}" for room in tool.ROOMS
               if tool.translations(f"alliances-{room}"))


def test_one_english_string_has_one_translation_across_the_library() -> None:
    """The library merges its catalogs into one table, so an English string translated two
    ways would show one of them everywhere (and read typed answers back wrongly)."""
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for domain in LIBRARY_DOMAINS:
        for english, indonesian in tool.translations(domain).items():
            if english in seen and seen[english][1] != indonesian:
                clashes.append(f"{english!r}: {seen[english]} against ({domain!r}, {indonesian!r})")
            seen.setdefault(english, (domain, indonesian))
    assert not clashes, "\n".join(clashes)
