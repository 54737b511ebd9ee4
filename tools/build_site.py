"""Build the course as a static web site and one PDF, offline, from the stored outputs.

    python tools/build_site.py            # writes _site/ (HTML pages and alliance-dilemmas.pdf)
    python tools/build_site.py --out DIR --no-pdf

Pages: every ``notebooks/NN_*.ipynb`` (found by a glob, so new notebooks join by themselves),
then ``notebooks/theory_notes.md``, ``notebooks/glossary.md``,
``notebooks/instructor_guide.md`` and ``data/SOURCES.md`` (the theory notes link to it).
Each page keeps its path with ``.html`` for its suffix (``notebooks/glossary.html``), so
the relative links of the sources keep working once ``.ipynb``/``.md`` become ``.html``;
anchors are kept, and headings get GitHub's slugs, the ones the notebooks link to.
``index.html`` lists the pages; the PDF joins the printed pages in the same order. The
Indonesian edition (``notebooks/id/``, built by ``tools/i18n.py``) is a section of its own:
its notebooks and text pages, its navigation in Indonesian, its PDF
(``alliance-dilemmas-id.pdf``).

Why nbconvert and not Jupyter Book: nbconvert is already installed (JupyterLab needs it),
renders the stored outputs as they are, and its templates can be told to load nothing from
a network. Jupyter Book 1.0.4 (the last 1.x) would add 39 packages to this environment
(pip's dry run), Sphinx 7 among them, and by default loads MathJax (Sphinx's mathjax
extension) and the widget manager (MyST-NB's ``nb_ipywidgets_js``) from CDNs; Jupyter
Book 2 is a distribution of mystmd, which runs on Node.js. What this script adds to
nbconvert's lab template:

* widgets: each widget output's bundle also holds the static first view (image/png and
  text). The widget-view entry is dropped before rendering, so the page shows the PNG,
  never "Error displaying widget" or the widget's JSON; the widget state is dropped too,
  and no widget manager is loaded. The widget's text fallback becomes the image's alt text.
* math: nbconvert would load MathJax from cdnjs. Here ``latex2mathml`` turns ``$...$`` and
  ``$$...$$`` into MathML at build time, which browsers render without any script.
* no script or stylesheet from a network (require.js, MathJax, Mermaid blocks are emptied;
  images are inlined as data URIs by nbconvert).
* the PDF: Debian's Chromium (``$CHROMIUM_PATH``) prints each page through Playwright's
  ``page.pdf``; ``pypdf`` joins them, with one bookmark per page.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert import HTMLExporter
from nbconvert.exporters.html import contextfilter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

ROOT = Path(__file__).resolve().parent.parent
TEXT_PAGES = ("notebooks/theory_notes.md", "notebooks/glossary.md",
              "notebooks/instructor_guide.md", "data/SOURCES.md")
"""The Markdown pages, after the notebooks, in reading order (paths from the root)."""
PDF_NAME = "alliance-dilemmas.pdf"
#: The Indonesian edition (built by tools/i18n.py): its own section of the contents page,
#: its own reading order and PDF. The instructor guide is translated in its student parts.
ID_TEXT_PAGES = ("notebooks/id/theory_notes.md", "notebooks/id/glossary.md",
                 "notebooks/id/instructor_guide.md")
ID_PDF_NAME = "alliance-dilemmas-id.pdf"
#: Per language: the notebooks' folder, the text pages, the PDF, the navigation's words.
EDITIONS = {
    "en": ("notebooks", TEXT_PAGES, PDF_NAME, ("Contents", "Previous", "Next")),
    "id": ("notebooks/id", ID_TEXT_PAGES, ID_PDF_NAME, ("Daftar isi", "Sebelumnya", "Berikutnya")),
}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update"]

_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}<style>""" + """
nav.site-nav { max-width: 1000px; margin: 0 auto; padding: 8px 16px; font: 14px sans-serif;
  border-bottom: 1px solid #ccc; display: flex; gap: 1.5em; }
math[display=block] { margin: 0.6em 0; }
@media print { nav.site-nav { display: none; } }
</style>{%- endblock html_head_css -%}
{%- block data_png scoped -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
{%- if output.metadata.site_alt %} alt="{{ output.metadata.site_alt | escape_html }}"{% endif %}
{%- for key in ('width', 'height') %}{% set value = output | get_metadata(key, 'image/png') %}
{%- if value is not none %} {{ key }}="{{ value | escape_html }}"{% endif %}{% endfor %}>
</div>
{%- endblock data_png -%}
{%- block body_header -%}{{ super() }}
<nav class="site-nav">{{ resources.site_nav }}</nav>
{%- endblock body_header -%}
"""


def github_slug(text: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to hyphens.

    >>> github_slug("Article 5: what it *says*")
    'article-5-what-it-says'
    >>> github_slug("Chain-ganging and buck-passing")
    'chain-ganging-and-buck-passing'
    """
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def rewrite_href(href: str) -> str:
    """Point a link at a source file (``.ipynb``, ``.md``) to its page; keep the anchor.

    >>> rewrite_href("glossary.md#chicken")
    'glossary.html#chicken'
    >>> rewrite_href("04_case_ukraine.ipynb")
    '04_case_ukraine.html'
    >>> rewrite_href("https://example.org/a.md")
    'https://example.org/a.md'
    """
    if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^//", href, re.I):
        return href
    path, hash_, anchor = href.partition("#")
    path = re.sub(r"\.(ipynb|md)$", ".html", path)
    return path + hash_ + anchor


def rewrite_links(page: str) -> str:
    """Apply :func:`rewrite_href` to every ``href="..."`` of an HTML page."""
    return re.sub(r'href="([^"]*)"',
                  lambda m: f'href="{rewrite_href(html.unescape(m.group(1)))}"', page)


def pages(root: Path = ROOT, language: str = "en") -> list[Path]:
    """An edition's source files, in reading order: the notebooks, then the text pages."""
    folder, text_pages, _pdf, _words = EDITIONS[language]
    notebooks = sorted((root / folder).glob("[0-9][0-9]_*.ipynb"))
    return notebooks + [root / p for p in text_pages if (root / p).exists()]


def page_title(path: Path) -> str:
    """The first ``# `` heading of a notebook or Markdown file (else the file's name)."""
    if path.suffix == ".ipynb":
        text = "\n".join(c.source for c in nbformat.read(path, 4).cells
                         if c.cell_type == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    match = re.search(r"^# +(.+?)\s*$", text, re.M)
    return match.group(1).replace("*", "") if match else path.stem


class _SiteRenderer(IPythonRenderer):
    """nbconvert's Markdown renderer with GitHub heading ids and math as MathML."""

    def __init__(self, slugs: Counter, **kwargs):
        super().__init__(**kwargs)
        self.slugs = slugs

    def heading(self, text: str, level: int, **attrs) -> str:
        slug = github_slug(text)
        n = self.slugs[slug]
        self.slugs[slug] += 1
        slug = f"{slug}-{n}" if n else slug
        return (f'<h{level} id="{slug}">{text}<a class="anchor-link" href="#{slug}">¶</a>'
                f"</h{level}>\n")

    def _math(self, tex: str, display: str) -> str:
        try:
            return latex_to_mathml(tex, display=display)
        except Exception as error:  # noqa: BLE001 - keep the TeX, say which
            print(f"build_site: math left as TeX ({error}): {tex!r}", file=sys.stderr)
            return f"<code>{self.escape_html(tex)}</code>"

    def inline_math(self, body: str) -> str:
        return self._math(body, "inline")

    def block_math(self, body: str) -> str:
        return self._math(body, "block")

    def latex_environment(self, name: str, body: str) -> str:
        return self._math(f"\\begin{{{name}}}{body}\\end{{{name}}}", "block")


class _SiteExporter(HTMLExporter):
    """The lab template, with nothing loaded from a network and the renderer above."""

    def __init__(self, **kwargs):
        super().__init__(extra_loaders=[DictLoader({"site.html.j2": _TEMPLATE})],
                         template_file="site.html.j2", **kwargs)
        self.slugs: Counter = Counter()

    @contextfilter
    def markdown2html(self, context, source):
        cell = context.get("cell", {})
        renderer = _SiteRenderer(self.slugs, escape=False,
                                 attachments=cell.get("attachments", {}))
        return MarkdownWithMath(renderer=renderer).render(source)


def static_notebook(path: Path) -> nbformat.NotebookNode:
    """Read a page's source as a notebook whose widgets show their static first view."""
    if path.suffix == ".md":
        return nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_markdown_cell(path.read_text(encoding="utf-8"))])
    nb = nbformat.read(path, 4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if data.pop(WIDGET_VIEW, None) is not None and "text/plain" in data:
                output.metadata["site_alt"] = data["text/plain"]  # the widget's own summary
    return nb


def render_page(path: Path, nav: str) -> str:
    """One page's HTML: its title, the navigation line, links pointing at pages."""
    exporter = _SiteExporter()
    body, _ = exporter.from_notebook_node(
        static_notebook(path),
        resources={"metadata": {"name": page_title(path)}, "site_nav": nav})
    return rewrite_links(body)


def _nav(rel: Path, order: list[Path], i: int, language: str = "en") -> str:
    up = "../" * (len(rel.parts) - 1)
    _folder, _pages, pdf, (contents, previous, following) = EDITIONS[language]
    links = [f'<a href="{up}index.html">{contents}</a>']
    for label, j in ((previous, i - 1), (following, i + 1)):
        if 0 <= j < len(order):
            links.append(f'<a href="{up}{order[j].with_suffix(".html").as_posix()}">{label}</a>')
    links.append(f'<a href="{up}{pdf}">PDF</a>')
    return " ".join(links)


def _items(sources: list[Path], root: Path) -> str:
    return "\n".join(
        f'<li><a href="{p.relative_to(root).with_suffix(".html").as_posix()}">'
        f"{html.escape(page_title(p))}</a></li>" for p in sources)


def index_page(sources: list[Path], root: Path = ROOT,
               indonesian: list[Path] | None = None) -> str:
    """The contents page: every page with its title, and the PDF; then the Indonesian
    edition, if there is one."""
    items = _items(sources, root)
    edition = "" if not indonesian else f"""
<section lang="id">
<h2 id="edisi-bahasa-indonesia">Edisi Bahasa Indonesia</h2>
<p>Seluruh kursus dalam bahasa Indonesia, dengan keluaran tersimpan dalam bahasa Indonesia.</p>
<ol>
{_items(indonesian, root)}
</ol>
<p>Seluruh kursus dalam satu berkas: <a href="{ID_PDF_NAME}">{ID_PDF_NAME}</a>.</p>
</section>"""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Alliance Dilemmas</title>
<style>body {{ font: 17px/1.5 sans-serif; max-width: 760px; margin: 2em auto; padding: 0 1em; }}
</style></head><body><main>
<h1 id="alliance-dilemmas">Alliance Dilemmas</h1>
<p>An open course in Jupyter notebooks on NATO and the security dilemma in alliance
politics. These pages show the notebooks with their stored outputs; the widgets appear as
their first, static view. To move the sliders, open the notebooks in JupyterLab.</p>
<ol>
{items}
</ol>
<p>The whole course as one file: <a href="{PDF_NAME}">{PDF_NAME}</a>.</p>{edition}
</main></body></html>
"""


def build_html(out: Path, root: Path = ROOT, language: str = "en") -> list[Path]:
    """Write an edition's pages (and, for English, ``index.html``, which lists both
    editions) under ``out``; return the pages' paths in order."""
    sources = pages(root, language)
    rels = [p.relative_to(root) for p in sources]
    written = []
    for i, (path, rel) in enumerate(zip(sources, rels)):
        target = out / rel.with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_page(path, _nav(rel, rels, i, language)), encoding="utf-8")
        written.append(target)
    if language == "en":
        (out / "index.html").write_text(index_page(sources, root, pages(root, "id")),
                                        encoding="utf-8")
    _add_linked_files(out, written, root)
    return written


_RELATIVE_HREF = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|#|//)([^"#]+)')


def _add_linked_files(out: Path, html_pages: list[Path], root: Path = ROOT) -> list[Path]:
    """Bring in what the pages link to that is not a page of its own: another Markdown file
    of the repository (``deploy/tljh/README.md``) becomes a page, any other file
    (``deploy/z2jh/config.yaml``) is copied, so that every link of the site resolves.
    Files linked from those are brought in too. Returns what was added."""
    added, queue, base = [], list(html_pages), out.resolve()
    while queue:
        page = queue.pop()
        for href in _RELATIVE_HREF.findall(page.read_text(encoding="utf-8")):
            target = (page.parent / html.unescape(href)).resolve()
            if target.exists() or base not in target.parents:
                continue
            source = root / target.relative_to(base)
            markdown = source.with_suffix(".md")
            if source.suffix == ".html" and markdown.is_file():
                up = "../" * (len(target.relative_to(base).parts) - 1)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(render_page(markdown, f'<a href="{up}index.html">Contents</a>'),
                                  encoding="utf-8")
                queue.append(target)
            elif source.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            else:
                continue
            added.append(target)
    return added


def build_pdf(html_pages: list[Path], pdf: Path, titles: list[str]) -> Path:
    """Print each page with Debian's Chromium and join the prints into ``pdf``."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfWriter

    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(chromium).is_file():
        raise FileNotFoundError(f"CHROMIUM_PATH: no browser at {chromium} to print the PDF "
                                "(apt-get install chromium, or build with --no-pdf)")
    writer = PdfWriter()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for i, (source, title) in enumerate(zip(html_pages, titles)):
            page.goto(source.resolve().as_uri(), wait_until="load")
            part = Path(tmp, f"{i:03d}.pdf")
            page.pdf(path=str(part), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
            writer.append(str(part), outline_item=title)
        browser.close()
    writer.add_metadata({"/Title": "Alliance Dilemmas"})
    with open(pdf, "wb") as handle:
        writer.write(handle)
    return pdf


def build(out: Path, pdf: bool = True, root: Path = ROOT) -> list[Path]:
    """Build the site (and the PDF) into a fresh ``out``; return the pages written."""
    if out.exists():
        if out.resolve() in (root.resolve(), *root.resolve().parents) or (
                any(out.iterdir()) and not (out / "index.html").is_file()):
            raise ValueError(f"out: {out} is not an earlier site (no index.html) or holds the "
                             "repository; give a new or empty folder, it is emptied first")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = []
    for language, (_folder, _pages, pdf_name, _words) in EDITIONS.items():
        edition = build_html(out, root, language)
        if pdf and edition:
            build_pdf(edition, out / pdf_name, [page_title(p) for p in pages(root, language)])
        written += edition
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_site",
                        help="output folder (emptied first; default: _site)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    written = build(args.out, pdf=not args.no_pdf)
    print(f"build_site: {len(written)} pages in {args.out} "
          f"({time.perf_counter() - start:.1f} s); open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
