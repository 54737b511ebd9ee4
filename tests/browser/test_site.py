"""The static site and PDF of tools/build_site.py, opened in Chromium.

The site is built into a temporary folder (PDF included) and served on 127.0.0.1 by
``http.server`` in a thread. Every page is opened; every image must have loaded, every
link inside the site must reach a page (and its anchor, if it names one), no page may
show a widget error or a widget's raw JSON, and no request may leave 127.0.0.1.
"""

from __future__ import annotations

import concurrent.futures
import functools
import http.server
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))

import build_site  # noqa: E402

FORBIDDEN = ("Error displaying widget", "application/vnd.jupyter.widget-view+json")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory, _browser_available):
    """The built site, served on 127.0.0.1: (folder, base URL, the pages' sources)."""
    out = tmp_path_factory.mktemp("site") / "_site"
    # In a thread of its own: the session's Playwright already runs in this one, and its
    # sync API allows one instance per thread.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(build_site.build, out).result()
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield out, f"http://127.0.0.1:{server.server_address[1]}/", build_site.pages()
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def visited(site, chromium):
    """Open every page; return {url: what the page showed}, and any outside requests."""
    out, base, sources = site
    context = chromium.new_context()
    outside = []

    def only_local(route):
        if route.request.url.startswith(base) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    urls = [base + "index.html"] + [
        base + p.relative_to(REPO).with_suffix(".html").as_posix() for p in sources]
    seen = {}
    for url in urls:
        response = page.goto(url, wait_until="load")
        seen[url] = page.evaluate("""() => ({
            images: [...document.images].map(i => ({src: i.src.slice(0, 80),
                                                    ok: i.complete && i.naturalWidth > 0})),
            outputImages: document.querySelectorAll('.jp-OutputArea-output img').length,
            links: [...document.querySelectorAll('a[href]')].map(a => a.href),
            ids: [...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.name),
            html: document.documentElement.outerHTML,
            text: document.body.innerText,
        })""")
        seen[url]["status"] = response.status
    context.close()
    return seen, outside


def test_every_page_opens_and_every_image_loads(visited):
    seen, outside = visited
    assert {url: s["status"] for url, s in seen.items() if s["status"] != 200} == {}
    broken = {url: [i["src"] for i in s["images"] if not i["ok"]] for url, s in seen.items()}
    assert {url: srcs for url, srcs in broken.items() if srcs} == {}
    assert outside == [], f"pages asked for something outside the site: {outside[:5]}"


def test_no_page_shows_a_widget_error_or_a_widget_view(visited):
    seen, _ = visited
    found = [(url, bad) for url, s in seen.items() for bad in FORBIDDEN
             if bad in s["html"] or bad in s["text"]]
    assert found == []


def test_every_stored_image_of_a_notebook_is_on_its_page(site, visited):
    # Count the PNG outputs in the notebook files (widgets' first views included) and the
    # output images on the built pages: none may be lost.
    _, base, sources = site
    seen, _ = visited
    for source in (p for p in sources if p.suffix == ".ipynb"):
        stored = sum("image/png" in o.get("data", {})
                     for c in nbformat.read(source, 4).cells for o in c.get("outputs", []))
        url = base + source.relative_to(REPO).with_suffix(".html").as_posix()
        assert seen[url]["outputImages"] == stored, source.name


def test_every_internal_link_and_anchor_resolves(site, visited):
    out, base, _ = site
    seen, _ = visited
    broken = []
    for url, s in seen.items():
        for link in s["links"]:
            if not link.startswith(base):
                assert urlparse(link).scheme in ("http", "https", "mailto"), link
                continue
            target, anchor = urldefrag(link)
            anchor = unquote(anchor)
            if target in seen:
                if anchor and anchor not in seen[target]["ids"]:
                    broken.append(f"{url} -> {link} (no such anchor)")
            elif anchor or not (out / target[len(base):]).is_file():
                broken.append(f"{url} -> {link} (no such page)")
    assert broken == []


def test_the_pdf_holds_every_page_with_a_bookmark_each(site):
    from pypdf import PdfReader

    out, _, sources = site
    reader = PdfReader(out / build_site.PDF_NAME)
    assert [item.title for item in reader.outline] == [build_site.page_title(p) for p in sources]
    assert len(reader.pages) > 2 * len(sources)
    stored = sum("image/png" in o.get("data", {}) for p in sources if p.suffix == ".ipynb"
                 for c in nbformat.read(p, 4).cells for o in c.get("outputs", []))
    assert sum(_images_on(page) for page in reader.pages) == stored
    assert "Start here" in reader.pages[0].extract_text()


def _images_on(page) -> int:
    """Image objects a PDF page draws (counted, not decoded, to stay fast)."""
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    xobjects = resources.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else {}
    return sum(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())
