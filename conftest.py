"""Settings for every test item, the library's doctests included (tests/conftest.py holds
those of the test suite proper).

After every test the library's language is English again (see ``_english_after_each_test``).

Doctests of plot functions draw through pyplot, which keeps every figure open until it
is closed; each test closes what it opened, so memory stays flat and matplotlib does not
warn about too many open figures.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import matplotlib
import pytest

# In this process only (see tests/conftest.py): the doctests draw headless.
matplotlib.use("Agg")


def _network_guard():
    """tests/network_guard.py, loaded by path (tests/ is not a package)."""
    import importlib.util

    path = Path(__file__).resolve().parent / "tests" / "network_guard.py"
    spec = importlib.util.spec_from_file_location("alliances_network_guard", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pytest_configure(config: pytest.Config) -> None:
    # Every kernel this run starts (nbval's first of all) refuses the network: see
    # tests/network_guard.py. Each xdist worker installs its own.
    guard, previous = _network_guard(), os.environ.get("IPYTHONDIR")
    config._alliances_ipython = (guard, guard.install(), previous)
    config.addinivalue_line(
        "markers", "slow: left out of the quick subset (python3 -m course test --quick)")
    config.addinivalue_line(
        "markers", "time_budget: keeps the equilibrium listing's wall-clock budget "
                   "(tests/conftest.py lifts it elsewhere)")


def pytest_unconfigure(config: pytest.Config) -> None:
    saved = getattr(config, "_alliances_ipython", None)
    if saved is not None:
        guard, directory, previous = saved
        guard.uninstall(directory, previous)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that switches the library to Indonesian (or a fuzzer that happens to call
    ``set_language("id")``) must not leave the tests after it in Indonesian."""
    yield
    import sys

    if "alliances.i18n" in sys.modules:
        sys.modules["alliances.i18n"].set_language("en")


# --------------------------------------------------------------------- parallel runs
# ``python3 -m course test`` runs pytest-xdist workers with ``--dist loadscope``; this
# scheduler then decides what goes together and what starts first (see
# ``CourseScheduling``). Without xdist (``-n 0``, or ``-p no:xdist``) none of it is used.

#: Where ``ALLIANCES_RECORD_COSTS=1`` writes the measured seconds of each work unit.
SCOPE_COSTS = Path(__file__).resolve().parent / "tests" / "scope_costs.json"


#: Browser tests that share one Run All of their notebook (the ``ran_notebook`` fixture of
#: tests/browser/conftest.py), in the order they run on it: (file, test name prefix, the
#: notebook if the name does not say it). The stored-outputs test (nbval's check on the
#: Run All) and the layout test only look, the keyboard tests
#: move a few controls, the typed-input test types into one field, the accessibility test
#: operates every control, and the reopen test saves, closes and reopens the notebook.
_SHARED_RUN_ORDER = (
    ("tests/browser/test_stored_outputs.py", "test_stored_outputs_come_out_the_same[", None),
    ("tests/browser/test_widget_layout.py", "test_widgets_fit_the_screen[", None),
    ("tests/browser/test_start_here.py", "", "00"),
    ("tests/browser/test_nb", "", None),
    ("tests/browser/test_widget_layout.py", "test_typed_input_is_understood_or_refused[", None),
    ("tests/browser/test_accessibility.py",
     "test_notebook_is_accessible_and_every_control_works_from_the_keyboard[", None),
    ("tests/browser/test_widget_layout.py", "test_a_saved_notebook_reopens_with_its_figures",
     "03"),
)


def shared_run(nodeid: str) -> tuple[str, int] | None:
    """The notebook (its two digits) whose Run All a browser test shares, and the test's
    place in the order of :data:`_SHARED_RUN_ORDER`; None for any other test.

    >>> shared_run("tests/browser/test_stored_outputs.py::"
    ...            "test_stored_outputs_come_out_the_same[02_primary_dilemma.ipynb]")
    ('02', 0)
    >>> shared_run("tests/browser/test_nb03.py::test_every_widget_answers_the_keyboard")
    ('03', 3)
    >>> shared_run("tests/browser/test_widget_layout.py::test_widgets_fit_the_screen"
    ...            "[05_case_afghanistan.ipynb]")
    ('05', 1)
    >>> shared_run("tests/browser/test_start_here.py::test_preset_dropdown_answers_the_arrow_keys")
    ('00', 2)
    >>> shared_run("tests/browser/test_widget_layout.py::test_typed_input_is_understood_or_refused[03]")
    ('03', 4)
    >>> shared_run("tests/browser/test_widget_layout.py::test_a_saved_notebook_reopens_with_its_figures")
    ('03', 6)
    >>> shared_run("tests/browser/test_voila.py::test_lecture_view_on_the_jupyter_server[x]")
    """
    path, _, test = nodeid.partition("::")
    for rank, (file, prefix, notebook) in enumerate(_SHARED_RUN_ORDER):
        if file == "tests/browser/test_nb" and path.startswith(file):
            return path[len(file):len(file) + 2], rank
        if path == file and test.startswith(prefix):
            return notebook or test[len(prefix):len(prefix) + 2], rank
    return None


#: Test files that share one worker because they share a costly computation, cached per
#: process: both start from the example calls recorded by running every doctest of the
#: library (``recorded_examples`` in tests/api_examples.py, about 20 s).
_FILES_TOGETHER = {"tests/test_accessibility.py": "tests/test_bad_input.py"}


def work_unit(nodeid: str) -> str:
    """The unit of work a test belongs to: its file, or the notebook whose Run All it
    shares with other browser tests (:func:`shared_run`).

    A file's tests stay together, so that its module fixtures (an executed notebook, a
    built site, a Voilà server) are made once, and nbval's cells of one notebook run in
    order in one kernel. Browser test files are units like any other: a worker that gets
    one starts JupyterLab and Chromium once (session fixtures in tests/browser/conftest.py)
    and keeps them for every browser file it gets, so a run starts at most one JupyterLab
    per worker, and the browser tests, the longest part of the suite, are shared out. The
    stored-outputs, layout, keyboard, typed-input, accessibility and reopen tests of one
    notebook are one unit: they run on one Run All. Files that share a costly cached
    computation are one unit too (:data:`_FILES_TOGETHER`).

    >>> work_unit("tests/test_data.py::test_checksums[x]")
    'tests/test_data.py'
    >>> work_unit("notebooks/01_alliance_costs.ipynb::Cell 4")
    'notebooks/01_alliance_costs.ipynb'
    >>> work_unit("tests/browser/test_nb02.py::test_every_widget_answers_the_keyboard")
    'tests/browser/notebook-02'
    >>> work_unit("tests/test_accessibility.py::test_palette")  # see _FILES_TOGETHER
    'tests/test_bad_input.py'
    """
    shared = shared_run(nodeid)
    if shared:
        return f"tests/browser/notebook-{shared[0]}"
    file = nodeid.split("::", 1)[0]
    return _FILES_TOGETHER.get(file, file)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that share a notebook's Run All, one after the other in their order
    (:func:`shared_run`), where the first of them was collected; the rest stay as they
    are. Deterministic, so every xdist worker collects the same order."""
    shared = [(shared_run(item.nodeid), k, item) for k, item in enumerate(items)]
    shared = [entry for entry in shared if entry[0] is not None]
    if not shared:
        return
    first = shared[0][1]          # every item before it stays where it is
    moved = {id(item) for _key, _k, item in shared}
    rest = [item for item in items if id(item) not in moved]
    ordered = [item for _key, _k, item in sorted(shared, key=lambda e: (e[0], e[1]))]
    items[:] = rest[:first] + ordered + rest[first:]


def _recorded_costs() -> dict[str, float]:
    try:
        costs = json.loads(SCOPE_COSTS.read_text(encoding="utf-8"))["seconds"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {str(k): float(v) for k, v in costs.items() if isinstance(v, (int, float))}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    costs = _recorded_costs()

    def cost(scope: str, tests: int) -> float:
        if scope in costs:
            return costs[scope]
        # not measured yet: a browser test runs a notebook in JupyterLab (~20 s)
        return tests * (20.0 if scope.startswith("tests/browser/") else 0.1)

    class CourseScheduling(LoadScopeScheduling):
        """``loadscope`` with the course's units, the costliest unit handed out first.

        The cost of a unit is its seconds in ``tests/scope_costs.json`` (measured by a
        run with ``ALLIANCES_RECORD_COSTS=1``), or, for a unit not measured yet, 20 s per
        browser test and a tenth of a second per other test. Longest first keeps the
        workers finishing together.
        """

        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

        def _assign_work_unit(self, node) -> None:
            costliest = max(self.workqueue,
                            key=lambda scope: cost(scope, len(self.workqueue[scope])))
            self.workqueue.move_to_end(costliest, last=False)
            super()._assign_work_unit(node)

    return CourseScheduling(config, log)


_unit_seconds: dict[str, float] = {}


def _recording() -> bool:
    """Whether this process records costs: asked for, and not an xdist worker (the
    controller receives every worker's reports)."""
    return (os.environ.get("ALLIANCES_RECORD_COSTS") == "1"
            and os.environ.get("PYTEST_XDIST_WORKER") is None)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if _recording():
        unit = work_unit(report.nodeid)
        _unit_seconds[unit] = _unit_seconds.get(unit, 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not _recording() or not _unit_seconds:
        return
    SCOPE_COSTS.write_text(json.dumps({
        "about": "Seconds each unit of work (the tests of one file) took, "
                 "measured by a whole run with ALLIANCES_RECORD_COSTS=1; the parallel "
                 "scheduler in conftest.py hands out the costliest first.",
        "seconds": {k: round(v, 1) for k, v in sorted(_unit_seconds.items())},
    }, indent=1) + "\n", encoding="utf-8")
