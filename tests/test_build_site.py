"""Fast checks of tools/build_site.py: page list, link rewriting, slugs, widgets, math.

The whole site, its images, links and PDF are checked in a browser by
``tests/browser/test_site.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import build_site  # noqa: E402


@pytest.mark.parametrize("href, expected", [
    ("glossary.md#chicken", "glossary.html#chicken"),
    ("theory_notes.md", "theory_notes.html"),
    ("04_case_ukraine.ipynb", "04_case_ukraine.html"),
    ("04_case_ukraine.ipynb#3-timeline", "04_case_ukraine.html#3-timeline"),
    ("../data/SOURCES.md", "../data/SOURCES.html"),
    ("#article-5", "#article-5"),
    ("https://www.nato.int/a.md", "https://www.nato.int/a.md"),
    ("mailto:someone@example.org", "mailto:someone@example.org"),
    ("../data/burden.csv", "../data/burden.csv"),
])
def test_rewrite_href(href, expected):
    assert build_site.rewrite_href(href) == expected


def test_rewrite_links_touches_href_attributes_only():
    page = '<a href="glossary.md#nash-equilibrium">x</a> <code>see glossary.md</code>'
    assert build_site.rewrite_links(page) == (
        '<a href="glossary.html#nash-equilibrium">x</a> <code>see glossary.md</code>')


def test_theory_note_headings_get_the_slugs_the_notebooks_use():
    """The site's slugs for the theory notes' sections are the ones the notebooks link to
    (the fixed list that tests/test_references.py keeps)."""
    from test_references import THEORY_SECTIONS

    text = (ROOT / "notebooks/theory_notes.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## +(.+?)\s*$", text, re.M)
    assert [build_site.github_slug(h) for h in headings] == list(THEORY_SECTIONS)


def test_pages_are_every_notebook_then_the_text_pages(tmp_path):
    on_disk = sorted(p.name for p in (ROOT / "notebooks").iterdir()
                     if p.suffix == ".ipynb" and p.name[:2].isdigit())
    names = [p.relative_to(ROOT).as_posix() for p in build_site.pages()]
    assert names == [f"notebooks/{n}" for n in on_disk] + [
        "notebooks/theory_notes.md", "notebooks/glossary.md",
        "notebooks/instructor_guide.md", "data/SOURCES.md"]
    # New notebooks join by themselves, in number order.
    (tmp_path / "notebooks").mkdir()
    for name in ("07_b.ipynb", "06_a.ipynb", "00_start.ipynb", "notes.ipynb"):
        (tmp_path / "notebooks" / name).write_text("{}")
    assert [p.name for p in build_site.pages(tmp_path)] == [
        "00_start.ipynb", "06_a.ipynb", "07_b.ipynb"]


def _widget_notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("Explorer()", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2,
                                                     "version_minor": 0},
        "image/png": "iVBORw0KGgo=",
        "text/plain": "Explorer(...)",
    })]
    nb.cells = [nbformat.v4.new_markdown_cell("# A widget\n\nMove $p$ until"), cell]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nbformat.write(nb, path)


def test_a_widget_output_shows_its_png_and_no_widget_view(tmp_path):
    source = tmp_path / "09_widget.ipynb"
    _widget_notebook(source)
    page = build_site.render_page(source, nav="")
    img = re.search(r"<img [^>]*>", page)[0]
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in img
    assert 'alt="Explorer(...)"' in img
    for bad in ("application/vnd.jupyter.widget", "Error displaying widget", "model_id"):
        assert bad not in page


def test_a_text_page_gets_slugged_headings_rewritten_links_math_and_no_remote_script(tmp_path):
    source = tmp_path / "notes.md"
    source.write_text("# Notes\n\n## Article 5: the text\n\nSee [chicken](glossary.md#chicken)"
                      " and $c^* = 0.5$.\n\n## Article 5: the text\n", encoding="utf-8")
    page = build_site.render_page(source, nav='<a href="../index.html">Contents</a>')
    assert 'id="article-5-the-text"' in page and 'id="article-5-the-text-1"' in page
    assert 'href="glossary.html#chicken"' in page
    assert "<math" in page and "$c^*" not in page
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", page)
    assert "mathjax" not in page.lower()
    assert '<a href="../index.html">Contents</a>' in page


def test_every_link_from_a_notebook_to_the_notes_or_glossary_lands_on_a_heading(tmp_path):
    ids = {}
    for name in ("glossary.md", "theory_notes.md"):
        page = build_site.render_page(ROOT / "notebooks" / name, nav="")
        ids[name] = set(re.findall(r'<h\d id="([^"]+)"', page))
    missing = []
    for notebook in build_site.pages():
        if notebook.suffix != ".ipynb":
            continue
        text = "\n".join(c.source for c in nbformat.read(notebook, 4).cells
                         if c.cell_type == "markdown")
        for target, anchor in re.findall(r"\]\((glossary\.md|theory_notes\.md)#([^)\s]+)\)",
                                         text):
            if anchor not in ids[target]:
                missing.append(f"{notebook.name}: {target}#{anchor}")
    assert not missing, f"links to headings that the built pages lack: {missing}"


def test_site_requirements_are_pinned_in_the_test_requirements_too():
    def pins(name):
        lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
        return {line.strip() for line in lines if "==" in line and not line.startswith("#")}
    site = pins("requirements-site.txt")
    assert {p.split("==")[0] for p in site} == {"playwright", "pypdf", "latex2mathml"}
    assert site <= pins("requirements-test.txt")


def test_the_pages_workflow_runs_the_readme_command_and_uploads_its_output():
    workflow = (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert 'eval "$(python3 tests/readme_commands.py site)"' in workflow
    assert "path: _site/" in workflow
    assert "branches: [main]" in workflow
    from readme_commands import readme_command
    assert readme_command("site").endswith(".venv/bin/python tools/build_site.py")


def test_build_refuses_to_empty_a_folder_that_is_not_an_earlier_site(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(ValueError, match="out: .* not an earlier site"):
        build_site.build(tmp_path, pdf=False)
    with pytest.raises(ValueError, match="out: "):
        build_site.build(ROOT / "notebooks" / "..", pdf=False)
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_the_pdf_needs_a_browser_and_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "no-such-browser"))
    with pytest.raises(FileNotFoundError, match="CHROMIUM_PATH: no browser at .*no-pdf"):
        build_site.build_pdf([], tmp_path / "x.pdf", [])


def test_files_the_pages_link_to_are_brought_into_the_site(tmp_path):
    """A link from a page to another Markdown file of the repository becomes a page; a link
    to any other file copies it; a link to nothing stays broken (the browser test finds it)."""
    root = tmp_path / "repo"
    (root / "notebooks").mkdir(parents=True)
    (root / "deploy").mkdir()
    (root / "deploy" / "notes.md").write_text("# Notes\n\nSee [values](values.yaml).\n",
                                              encoding="utf-8")
    (root / "deploy" / "values.yaml").write_text("a: 1\n", encoding="utf-8")
    (root / "notebooks" / "glossary.md").write_text(
        "# Glossary\n\n[notes](../deploy/notes.md) [gone](../deploy/gone.md)\n",
        encoding="utf-8")
    out = tmp_path / "site"
    (out / "notebooks").mkdir(parents=True)
    page = out / "notebooks" / "glossary.html"
    page.write_text(build_site.render_page(root / "notebooks" / "glossary.md", ""),
                    encoding="utf-8")
    added = build_site._add_linked_files(out, [page], root)
    assert sorted(p.relative_to(out).as_posix() for p in added) == [
        "deploy/notes.html", "deploy/values.yaml"]
    assert (out / "deploy" / "values.yaml").read_text(encoding="utf-8") == "a: 1\n"
    assert not (out / "deploy" / "gone.html").exists()
