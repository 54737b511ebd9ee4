"""Browser test of the lecture view: every notebook rendered by Voilà, code hidden, widgets live.

On Binder the README's lecture-view links open ``/voila/render/notebooks/NN_slug.ipynb``,
served by the Voilà extension of the Jupyter server. The harness's JupyterLab server
(``conftest.py``) is such a server, so each notebook is opened at
``/voila/render/NN_slug.ipynb`` there, in headless Chromium. For each one the test checks
that

* the page renders with no code shown (no code input, and the imports cell's text
  nowhere on the page) and no error (no error output, no "error when executing cell",
  no widget that failed to render, no console error or uncaught exception that is
  ours, nothing in the server log);
* if the notebook displays widgets: every live figure is shown at most 5 % larger than
  drawn, with its proportions (within 5 %) and its smallest text at 9 px or more (the
  limits of issue 18; the page is 1280 px wide);
* and a control of the first widget moves from the keyboard
  (a slider's handle and an arrow key, or a number typed into a number box) and the
  widget's sentence or figure changes, still without errors.

The README's local command, ``voila notebooks/...``, starts Voilà on its own; a last
test starts it that way and renders the first notebook.

Known console errors that are not ours (filtered, with the reason, in
:data:`NOT_OURS`): the test machine has no network, so Voilà's links to icons and
MathJax on public CDNs fail; and Voilà loads every JupyterLab extension installed,
including two that need JupyterLab's file browser or document registry and fail to start
in Voilà (the notebook interface's, and nbgrader's from requirements-test.txt).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest

from .jupyterlab import free_port, page_errors, screenshot
from .widget_checks import (chosen_option, image_problems, options_of, readout_of,
                            tab_and_press)

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
#: The English notebooks, then the Indonesian edition's (notebooks/id/, built by tools/i18n.py).
NOTEBOOKS = (sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
             + sorted((REPO / "notebooks" / "id").glob("[0-9][0-9]_*.ipynb")))


def _served(path: Path) -> str:
    """The notebook's path below the served folder (``id/03_...ipynb`` for Indonesian)."""
    return path.relative_to(REPO / "notebooks").as_posix()
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

#: (substring of the console message, why it is not ours)
NOT_OURS = [
    ("cdn.jsdelivr.net/npm/@fortawesome",
     "Voilà's template links icons on a CDN; no network here"),
    ("cdnjs.cloudflare.com/ajax/libs/mathjax", "Voilà loads MathJax from a CDN; no network here"),
    ("/voila/labextensions/@jupyter-notebook/lab-extension/",
     "the notebook interface's extension needs JupyterLab's document registry"),
    ("/voila/labextensions/@jupyter/nbgrader/",
     "nbgrader's extension (requirements-test.txt) needs JupyterLab's file browser"),
]
#: What Voilà shows in place of the output of a cell that raised.
VOILA_CELL_ERROR = "There was an error when executing cell"
ERROR_OUTPUT = ('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
                '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')


def _shows_widgets(path: Path) -> bool:
    notebook = nbformat.read(path, as_version=4)
    return any(WIDGET_MIME in output.get("data", {}) for cell in notebook.cells
               if cell.cell_type == "code" for output in cell.outputs)


def _first_code_line(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    code = next(cell.source for cell in notebook.cells if cell.cell_type == "code")
    return code.strip().splitlines()[0]


def _our_errors(page, mark: int) -> list[str]:
    return [entry for entry in page_errors(page).since(mark)
            if not any(pattern in entry for pattern, _ in NOT_OURS)]


def _page_problems(page) -> list[str]:
    problems = [f"error output: {text[:500]}"
                for text in page.locator(ERROR_OUTPUT).all_inner_texts()]
    body = page.locator("body").inner_text()
    for marker in (VOILA_CELL_ERROR, "Error displaying widget", "Loading widget..."):
        if marker in body:
            problems.append(f"the page says {marker!r}")
    return problems


def _rendered(page, path: Path) -> bool:
    """Has Voilà executed the notebook and drawn its widgets? (Does not wait.)"""
    state = page.evaluate("""() => ({
        loading: !!document.getElementById('loading'),
        cells: !!document.getElementById('rendered_cells'),
        summaries: document.querySelectorAll('.alliances-summary').length,
        pending: (document.body ? document.body.innerText : '').includes('Loading widget...'),
    })""")
    if state["loading"] or not state["cells"]:
        return False
    return not _shows_widgets(path) or (state["summaries"] > 0 and not state["pending"])


def _mark_widget_root(control) -> None:
    """Tag the root of the course widget (``.alliances-widget``) that holds ``control``."""
    control.evaluate("""(el) => {
        const node = el.closest('.alliances-widget');
        document.querySelectorAll('[data-voila-test-root]').forEach(
            (n) => n.removeAttribute('data-voila-test-root'));
        if (node) node.setAttribute('data-voila-test-root', '1');
    }""")


def _pick_control(page):
    """The first slider (or else number box) of a course widget; its root is tagged.

    Every course widget's root has the class ``alliances-widget`` (``LiveFigure``).
    """
    sliders = page.locator(".alliances-widget .widget-slider")
    # a checked number field (alliances.widgets.fields.NumberField) is a text box
    boxes = page.locator(".alliances-widget .alliances-number-field input")
    if sliders.count():
        control, kind = sliders.first, "slider"
    elif boxes.count():
        control, kind = boxes.first, "number box"
    else:
        raise AssertionError("the notebook displays widgets but no slider or number box of an "
                             "alliances widget is on the page")
    _mark_widget_root(control)
    control.scroll_into_view_if_needed()
    return kind, control


def _move(page, kind: str, control) -> str:
    """Move ``control`` from the keyboard; return a description of the move."""
    from playwright.sync_api import expect

    if kind == "slider":
        handle = control.locator(".noUi-handle").first
        now = float(handle.get_attribute("aria-valuenow") or 0)
        high = float(handle.get_attribute("aria-valuemax") or now + 1)
        key = "ArrowLeft" if now >= high else "ArrowRight"
        readout = readout_of(control)
        before = readout.input_value()
        handle.focus()
        page.keyboard.press(key)
        expect(readout, f"the slider did not move with {key}").not_to_have_value(
            before, timeout=5_000)
        label = control.locator(".widget-label").first.inner_text()
        return f"slider {label!r} ({before} -> {readout.input_value()})"
    current = float(control.input_value().replace(",", "."))   # "3,5" in Indonesian
    high = float(control.get_attribute("max") or "inf")
    value = current + 1 if current + 1 <= high else current - 1
    control.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(str(int(value)) if value == int(value) else str(value))
    page.keyboard.press("Enter")
    return f"number box ({current:g} -> {value:g})"


_FIGURES_JS = """
() => [...document.querySelectorAll('img.alliances-figure-img')]
  .filter((img) => img.offsetParent !== null)
  .map((img) => {
    const r = img.getBoundingClientRect();
    return {shown_w: r.width, shown_h: r.height, drawn_w: Number(img.getAttribute('width')),
            drawn_h: Number(img.getAttribute('height')),
            min_text: Number(img.getAttribute('data-min-text-px') || 0)};
  })
"""


def _figure_size_problems(page) -> list[str]:
    """Each live figure shown more than 5 % larger than drawn, distorted by more than 5 %,
    or with text below 9 px on screen (Voilà at 1280 px gives the figures their room)."""
    found = []
    figures = page.evaluate(_FIGURES_JS)
    if not figures:
        return ["no live figure (img.alliances-figure-img) is shown"]
    for k, image in enumerate(figures):
        found += [f"figure {k}: {problem}" for problem in image_problems(image)]
    return found


def _check_lecture_view(page, path: Path, shots: Path, rendered: float) -> None:
    """Check a page on which Voilà has rendered ``path``, then move a control."""
    from playwright.sync_api import expect

    mark = 0  # every error since the page was opened
    # The pages are rendered side by side: a page behind another gets no animation
    # frames, and Playwright's wait for a control to stand still would take seconds.
    page.bring_to_front()
    try:
        cells = page.locator("#rendered_cells .jp-CodeCell")
        assert cells.count(), f"{path.name}: no code cell output on the page"
        hidden = page.locator("#rendered_cells .jp-CodeCell.jp-mod-noInput")
        assert cells.count() == hidden.count(), "code is shown in the lecture view"
        assert page.locator("#rendered_cells .jp-CodeCell .jp-InputArea").count() == 0
        first_line = _first_code_line(path)
        assert first_line not in page.locator("body").inner_text(), \
            f"the imports cell ({first_line!r}) is visible"
        problems = _page_problems(page) + _our_errors(page, mark)
        assert not problems, f"{path.name} in Voilà:\n" + "\n".join(problems)
        if not _shows_widgets(path):
            return
        sizes = _figure_size_problems(page)
        assert not sizes, f"{path.name} in Voilà, figures:\n" + "\n".join(sizes)
        kind, control = _pick_control(page)
        root = page.locator("[data-voila-test-root]")
        expect(root, "the control belongs to no widget with a sentence").to_have_count(1)
        summary = root.locator(".alliances-summary").first
        figure = root.locator("img.alliances-figure, .alliances-figure img").first

        def outputs() -> tuple:
            return summary.inner_text(), figure.get_attribute("src") if figure.count() else None

        before = outputs()
        moved = _move(page, kind, control)
        deadline = time.monotonic() + 10
        while outputs() == before and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        assert outputs() != before, f"neither the sentence nor the figure changed after " \
                                    f"moving the {moved}"
        page.wait_for_timeout(300)
        problems = _page_problems(page) + _our_errors(page, mark)
        expect(root.locator(".alliances-error").first).to_be_empty()
        assert not problems, f"{path.name} after moving the {moved}:\n" + "\n".join(problems)
        print(f"{path.name}: rendered in {rendered:.1f} s; moved the {moved}")
    except AssertionError as error:
        shot = screenshot(page, shots, path.stem)
        raise AssertionError(f"{error}\n(screenshot: {shot})") from error


def _render_all(context, urls: dict[Path, str], window: int = 2,
                timeout: float = 180) -> dict[Path, tuple]:
    """Open each URL in its own page, ``window`` at a time; wait until each is rendered.

    Voilà executes a notebook when its page is requested, so two pages at a time keep
    both cores of a CI machine busy. Returns ``{path: (page, seconds or None)}``, None
    when the page did not finish rendering within ``timeout``.
    """
    queue, active, done = list(urls), {}, {}
    while queue or active:
        while queue and len(active) < window:
            path = queue.pop(0)
            page = context.new_page()
            page.set_default_timeout(30_000)
            page_errors(page)
            page.goto(urls[path], wait_until="commit")
            active[path] = (page, time.monotonic())
        for path, (page, started) in list(active.items()):
            elapsed = time.monotonic() - started
            if _rendered(page, path) or elapsed > timeout:
                done[path] = (page, elapsed if elapsed <= timeout else None)
                del active[path]
        if active:
            next(iter(active.values()))[0].wait_for_timeout(100)  # lets events arrive
    return done


@pytest.fixture(scope="module")
def lecture_pages(chromium, jupyterlab_server):
    """Every notebook's lecture view on the harness's Jupyter server (the Binder route)."""
    server = jupyterlab_server
    mark = server.log_size()
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    urls = {path: f"{server.base_url}/voila/render/{quote(_served(path))}?token={server.token}"
            for path in NOTEBOOKS}
    try:
        yield _render_all(context, urls), mark
    finally:
        context.close()
        server.reset()


def test_preset_dropdown_answers_the_arrow_keys_in_voila(lecture_pages, tmp_path):
    """Tab to the start notebook's preset dropdown and press ArrowDown: the next preset is
    chosen and the widget's sentence and figure change (no notebook shortcuts in Voilà;
    the JupyterLab side is tests/browser/test_start_here.py). On the start notebook's
    lecture page, before the test below moves its first control (the file's order)."""
    from playwright.sync_api import expect

    path = REPO / "notebooks" / "00_start_here.ipynb"
    page, seconds = lecture_pages[0][path]
    assert seconds is not None, f"Voilà did not finish rendering {path.name}"
    page.bring_to_front()
    root = page.locator(".alliances-payoff-editor").first
    select = root.locator(".alliances-preset select").first
    summary = root.locator(".alliances-summary").last
    figure = root.locator("img.alliances-figure, .alliances-figure img").last
    options, before = options_of(select), chosen_option(select)
    text, src = summary.inner_text(), figure.get_attribute("src")
    try:
        tab_and_press(page, select, "ArrowDown",
                      start=root.locator(".alliances-reset").first)
        expect(summary, "the sentence did not change").not_to_have_text(text,
                                                                          timeout=10_000)
        expect(figure, "the figure did not change").not_to_have_attribute(
            "src", src, timeout=10_000)
        assert chosen_option(select) == options[options.index(before) + 1]
        expect(select, "the dropdown lost the keyboard focus").to_be_focused()
        expect(root.locator(".alliances-error").first).to_be_empty()
        assert not _page_problems(page) + _our_errors(page, 0)
    except AssertionError as error:
        shot = screenshot(page, tmp_path, "voila_preset_arrow_down", show=root)
        raise AssertionError(f"{error}\n(screenshot: {shot})") from error
    screenshot(page, tmp_path, "voila_after_arrow_down_on_preset", show=root)
    print(f"Voilà: ArrowDown chose {chosen_option(select)!r} after {before!r}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[_served(p) for p in NOTEBOOKS])
def test_lecture_view_on_the_jupyter_server(lecture_pages, jupyterlab_server, path, tmp_path):
    """The Binder route: Voilà as an extension of the Jupyter server."""
    pages, mark = lecture_pages
    page, seconds = pages[path]
    if seconds is None:
        shot = screenshot(page, tmp_path, path.stem)
        pytest.fail(f"Voilà did not finish rendering {path.name} (screenshot: {shot}); "
                    f"problems so far: {_page_problems(page) + _our_errors(page, 0)}")
    _check_lecture_view(page, path, tmp_path, seconds)
    tracebacks = jupyterlab_server.kernel_tracebacks(mark)
    assert not tracebacks, "\n".join(tracebacks)


@pytest.fixture
def voila_alone(_browser_available, tmp_path):
    """``voila <folder>`` as the README's local command starts it, on 127.0.0.1."""
    root = tmp_path / "notebooks"
    shutil.copytree(REPO / "notebooks", root,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    env = {k: v for k, v in os.environ.items()
           if k not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "PYTHONPATH")}
    for name in ("config", "data", "runtime"):
        (tmp_path / name).mkdir()
    env.update(JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_PLATFORM_DIRS="1",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    port = free_port()
    log = tmp_path / "voila.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "voila"), "--no-browser", f"--port={port}",
             "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", str(root)],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"voila exited with code {process.returncode}:\n{log.read_text()}")
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"voila did not answer within 60 s:\n{log.read_text()}")
                time.sleep(0.25)
        yield base, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        try:
            os.killpg(process.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass


def test_lecture_view_with_the_local_voila_command(chromium, voila_alone, tmp_path):
    """The README's local command: Voilà on its own, serving the notebooks folder."""
    base, log = voila_alone
    path = NOTEBOOKS[0]
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        pages = _render_all(context, {path: f"{base}/voila/render/{quote(path.name)}"})
        page, seconds = pages[path]
        assert seconds is not None, f"Voilà did not finish rendering {path.name}"
        _check_lecture_view(page, path, tmp_path, seconds)
    finally:
        context.close()
    errors = [line for line in log.read_text(errors="replace").splitlines()
              if line.startswith("[E ") or "Traceback" in line]
    assert not errors, "\n".join(errors)


def test_readme_gives_the_lecture_view_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/voila notebooks/" in readme
    assert "urlpath=voila/render/notebooks/" in readme
