"""Fixtures for the browser tests: a JupyterLab server and headless Chromium.

* ``jupyterlab_server`` (session): JupyterLab on 127.0.0.1 serving a
  temporary copy of ``notebooks/`` (or of ``$ALLIANCES_NOTEBOOKS_DIR`` if
  set, to try the tests on other notebooks), with isolated Jupyter
  directories; checked to run this environment's ipykernel, whose kernels refuse
  the network as nbval's do (tests/network_guard.py).
* ``chromium`` (session): Debian's Chromium driven by Playwright.
* ``ran_notebook`` (per test): ``ran_notebook(name)`` gives a page (its own
  browser context, console errors and uncaught exceptions recorded, see
  ``jupyterlab.page_errors``) on which the notebook ran cleanly; the page is
  kept for the next test of the same notebook, and the next notebook opens in
  the JupyterLab already loaded on it; a screenshot is saved if a test failed.
  ``ran_notebook.executed(name)`` is the notebook as it stood right after its Run All,
  for nbval's comparison (test_stored_outputs.py, ``_NbvalHandOver`` below).

Without Chromium or Playwright the tests skip, with the reason; with
``REQUIRE_BROWSER=1`` (set by ``.ci/run``) they fail instead.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from . import jupyterlab as lab

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_NbvalHandOver(), "alliances-nbval-hand-over")
    config.addinivalue_line(
        "markers",
        "browser: drives JupyterLab in headless Chromium (needs /usr/bin/chromium and "
        "Playwright; skipped without them unless REQUIRE_BROWSER=1)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test in this folder is a browser test, whether or not it says so.
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    # Keep each phase's report on the item, so fixtures can tell if the test failed.
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    if not Path(lab.CHROMIUM_PATH).exists():
        return f"no Chromium at {lab.CHROMIUM_PATH} (install Debian's: apt-get install chromium)"
    for module in ("playwright", "jupyterlab"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed in {sys.prefix}"
    return None


@pytest.fixture(scope="session")
def _browser_available() -> None:
    reason = _missing_browser()
    if reason is None:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def jupyterlab_server(_browser_available, tmp_path_factory) -> lab.JupyterLabServer:
    """A JupyterLab server on a temporary copy of the course notebooks."""
    notebooks = Path(os.environ.get("ALLIANCES_NOTEBOOKS_DIR") or REPO / "notebooks")
    if not notebooks.is_dir():
        pytest.fail(f"no notebooks folder at {notebooks}", pytrace=False)
    try:
        server = lab.start_jupyterlab(notebooks, tmp_path_factory.mktemp("jupyterlab"))
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        for plugin, expected in lab.LAB_SETTING_OVERRIDES.items():
            defaults = lab.lab_setting_defaults(server, plugin)
            wrong = {k: defaults.get(k) for k, v in expected.items() if defaults.get(k) != v}
            if wrong:
                pytest.fail(f"overrides.json not applied to {plugin}: {wrong}", pytrace=False)
        kernel = lab.kernel_python(server)
        if not kernel["guarded"]:
            pytest.fail("the server's kernels do not load tests/network_guard.py",
                        pytrace=False)
        if kernel["kernel"] != "ipython" or Path(kernel["prefix"]) != Path(sys.prefix):
            pytest.fail(
                f"the python3 kernel is not this environment's ipykernel: {kernel}, "
                f"expected prefix {sys.prefix}", pytrace=False,
            )
        yield server
    finally:
        lab.stop_jupyterlab(server)


@pytest.fixture(scope="session")
def chromium(_browser_available):
    """Headless Chromium (Debian's, never a Playwright download)."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=lab.CHROMIUM_PATH, args=lab.CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()


#: The window of every JupyterLab page the tests open.
VIEWPORT = {"width": 1280, "height": 900}


def _new_page(chromium):
    context = chromium.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(30_000)
    lab.watch_page_errors(page)
    return context, page


class _KeptRun:
    """The page of the last notebook run by :func:`ran_notebook`, kept for the next test
    that asks for the same notebook."""

    context = None
    page = None
    notebook: str | None = None
    run: lab.NotebookRun | None = None
    resets = -1

    def drop(self, server: lab.JupyterLabServer) -> None:
        if self.context is not None:
            self.context.close()
            server.reset()
        self.context = self.page = self.notebook = self.run = None

    def clear(self, server: lab.JupyterLabServer) -> bool:
        """Close the kept notebook, keeping JupyterLab loaded on the page for the next
        one (:func:`~.jupyterlab.close_documents`); False if there is no such page or it
        could not be cleared (then :meth:`drop` it)."""
        from playwright.sync_api import Error as PlaywrightError

        if self.page is None:
            return False
        try:
            if not lab.app_loaded(self.page, server):
                return False
            lab.close_documents(self.page, server)
            if self.page.locator(".jp-Dialog").count():
                return False
        except (PlaywrightError, RuntimeError):
            return False
        self.notebook = self.run = None
        self.page.set_viewport_size(VIEWPORT)
        return True


@pytest.fixture(scope="session")
def _kept_run(chromium, jupyterlab_server):
    kept = _KeptRun()
    yield kept
    kept.drop(jupyterlab_server)


class _NbvalHandOver:
    """Issue 22: each notebook executed once per run. When the browser tests can run and
    Run All a notebook of this repository, one of them compares its outputs with the
    stored ones by nbval's rules (``test_stored_outputs.py``; ``test_indonesian.py`` for
    the Indonesian edition), and nbval's own items of that notebook are deselected.
    Without a browser, or when only some files are collected, nbval runs as before."""

    #: (test file in this folder, its parameter: the notebook's path below notebooks/)
    CHECKS = (("test_stored_outputs.py", "notebook"), ("test_indonesian.py", "notebook"))

    @pytest.hookimpl(trylast=True)   # after -m and -k have deselected what they will
    def pytest_collection_modifyitems(self, config: pytest.Config,
                                      items: list[pytest.Item]) -> None:
        served = Path(os.environ.get("ALLIANCES_NOTEBOOKS_DIR") or REPO / "notebooks")
        if _missing_browser() is not None or served.resolve() != (REPO / "notebooks").resolve():
            return
        checked = set()
        for item in items:
            for file, parameter in self.CHECKS:
                callspec = getattr(item, "callspec", None)
                if item.path.parent == HERE and item.path.name == file and callspec:
                    checked.add((REPO / "notebooks" / callspec.params[parameter]).resolve())
        from nbval.plugin import IPyNbCell

        handed = [item for item in items
                  if isinstance(item, IPyNbCell) and item.path.resolve() in checked]
        if handed:
            deselected = set(handed)
            items[:] = [item for item in items if item not in deselected]
            config.hook.pytest_deselected(items=handed)


@pytest.fixture
def ran_notebook(_kept_run, chromium, jupyterlab_server, request, tmp_path_factory):
    """``ran_notebook(name, screenshot_dir)``: a page (1280x900) on which the notebook
    ``name`` ran cleanly (:func:`~.jupyterlab.run_notebook_and_check`).

    Issue 22: the tests of one notebook share one Run All. The page and its kernel are kept
    for the next test that asks for the same notebook, unless this test failed or the
    server was reset since. The tests that share a notebook's run (the layout, keyboard,
    typed-input, accessibility and reopen tests, in that order) form one unit of work in a
    parallel run and come one after the other in a serial one (``shared_run`` in the root
    conftest.py). A test that asks for another notebook gets it on the same page: the
    kept notebook is closed, its kernel shut down, and the next one opened in the
    JupyterLab already loaded (a fresh page only if that fails, or after a failed test).
    """
    kept, server = _kept_run, jupyterlab_server

    def run(name: str, screenshot_dir=None):
        if kept.page is not None and kept.notebook == name and kept.resets == server.resets:
            kept.page.set_viewport_size(VIEWPORT)
            print(f"{name}: the page of the previous test's Run All, kept")
            return kept.page
        if not kept.clear(server):
            kept.drop(server)
            kept.context, kept.page = _new_page(chromium)
        kept.run = lab.run_notebook_and_check(kept.page, server, name,
                                              screenshot_dir=screenshot_dir)
        kept.notebook, kept.resets = name, server.resets
        return kept.page

    def executed(name: str) -> dict | None:
        """The notebook ``name`` as it stood right after its Run All (nbformat JSON)."""
        return kept.run.notebook if kept.notebook == name and kept.run else None

    run.executed = executed
    yield run
    report = getattr(request.node, "_report_call", None)
    if report is None or report.failed:
        if report is not None and kept.page is not None:
            path = lab.screenshot(kept.page, tmp_path_factory.mktemp("failed"),
                                  request.node.name)
            print(f"screenshot of the failed test: {path}")
            print(f"JupyterLab log: {server.log_path}")
        kept.drop(server)
