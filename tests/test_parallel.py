"""The parallel test command: its units of work, its scheduler and the recorded costs.

``python3 -m course test`` runs pytest-xdist workers with ``--dist loadscope``; the root
``conftest.py`` groups the tests into units (one file each) and hands out the costliest
unit first, by the seconds recorded in ``tests/scope_costs.json``.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _root_conftest():
    spec = importlib.util.spec_from_file_location("alliances_root_conftest",
                                                  ROOT / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_units_are_files_and_the_examples_hold():
    conftest = _root_conftest()
    failed, tried = doctest.testmod(conftest)
    assert tried >= 3 and failed == 0
    assert conftest.work_unit("notebooks/id/01_alliance_costs.ipynb::Cell 0") == \
        "notebooks/id/01_alliance_costs.ipynb"
    assert conftest.work_unit("lib/alliances/models/games.py::alliances.models.games.Game") \
        == "lib/alliances/models/games.py"


def test_the_browser_tests_of_one_notebook_are_one_unit_in_their_order():
    """Issue 22: the stored-outputs, layout, keyboard, typed-input, accessibility and reopen
    tests of a notebook share one Run All (tests/browser/conftest.py, ran_notebook): one
    unit of work, one after the other, the stored-outputs test (nbval's check, on the
    outputs as Run All left them) first, the layout test (which only looks) next, the
    accessibility test
    (which operates every control) next to last and the reopen test (which shuts the
    kernel down) last; every other test keeps its place."""
    conftest = _root_conftest()

    class Item:
        def __init__(self, nodeid):
            self.nodeid = nodeid

        def __repr__(self):
            return self.nodeid

    a11y = "tests/browser/test_accessibility.py::" \
        "test_notebook_is_accessible_and_every_control_works_from_the_keyboard[{}]"
    layout = "tests/browser/test_widget_layout.py::test_widgets_fit_the_screen[{}]"
    stored = "tests/browser/test_stored_outputs.py::test_stored_outputs_come_out_the_same[{}]"
    nodeids = [
        "tests/browser/conftest.py::x",
        a11y.format("00_start_here.ipynb"), a11y.format("03_secondary_dilemma.ipynb"),
        "tests/browser/test_indonesian.py::test_id[id/03_secondary_dilemma.ipynb]",
        "tests/browser/test_nb03.py::test_every_widget_answers_the_keyboard",
        "tests/browser/test_start_here.py::test_preset",
        "tests/browser/test_start_here.py::test_payoff",
        "tests/browser/test_voila.py::test_voila",
        "tests/browser/test_widget_layout.py::test_a_saved_notebook_reopens_with_its_figures",
        layout.format("00_start_here.ipynb"), layout.format("03_secondary_dilemma.ipynb"),
        "tests/browser/test_widget_layout.py::test_typed_input_is_understood_or_refused[03]",
        stored.format("03_secondary_dilemma.ipynb"), stored.format("00_start_here.ipynb"),
        "tests/test_data.py::test_checksums",
    ]
    items = [Item(n) for n in nodeids]
    conftest.pytest_collection_modifyitems(items)
    assert [i.nodeid for i in items] == [
        "tests/browser/conftest.py::x",
        stored.format("00_start_here.ipynb"),
        layout.format("00_start_here.ipynb"),
        "tests/browser/test_start_here.py::test_preset",
        "tests/browser/test_start_here.py::test_payoff",
        a11y.format("00_start_here.ipynb"),
        stored.format("03_secondary_dilemma.ipynb"),
        layout.format("03_secondary_dilemma.ipynb"),
        "tests/browser/test_nb03.py::test_every_widget_answers_the_keyboard",
        "tests/browser/test_widget_layout.py::test_typed_input_is_understood_or_refused[03]",
        a11y.format("03_secondary_dilemma.ipynb"),
        "tests/browser/test_widget_layout.py::test_a_saved_notebook_reopens_with_its_figures",
        "tests/browser/test_indonesian.py::test_id[id/03_secondary_dilemma.ipynb]",
        "tests/browser/test_voila.py::test_voila",
        "tests/test_data.py::test_checksums",
    ]
    units = {n: conftest.work_unit(n) for n in nodeids}
    assert units[a11y.format("03_secondary_dilemma.ipynb")] == \
        units["tests/browser/test_nb03.py::test_every_widget_answers_the_keyboard"] == \
        units[layout.format("03_secondary_dilemma.ipynb")] == \
        units[stored.format("03_secondary_dilemma.ipynb")] == "tests/browser/notebook-03"
    assert units["tests/browser/test_widget_layout.py::"
                 "test_typed_input_is_understood_or_refused[03]"] == \
        units["tests/browser/test_widget_layout.py::"
              "test_a_saved_notebook_reopens_with_its_figures"] == "tests/browser/notebook-03"
    assert units["tests/browser/test_indonesian.py::test_id[id/03_secondary_dilemma.ipynb]"] \
        == "tests/browser/test_indonesian.py"


def test_every_browser_file_that_runs_a_notebook_shares_its_run_or_says_why():
    """A test that asks for ``ran_notebook`` must be one of the shared tests, or it would
    run alone and keep its page for nobody."""
    conftest = _root_conftest()
    browser = ROOT / "tests" / "browser"
    users = {p.name for p in browser.glob("test_*.py") if "ran_notebook" in p.read_text()}
    # test_indonesian.py runs each of its eight notebooks once, on one JupyterLab page.
    assert users == {"test_accessibility.py", "test_widget_layout.py", "test_start_here.py",
                     "test_indonesian.py", "test_stored_outputs.py",
                     *(f"test_nb{n:02d}.py" for n in range(1, 8))}
    for name in users - {"test_accessibility.py", "test_widget_layout.py",
                         "test_indonesian.py", "test_stored_outputs.py"}:
        assert conftest.shared_run(f"tests/browser/{name}::test_x") is not None, name


def test_recorded_costs_name_only_files_that_exist():
    """A stale entry would only misorder the queue, but it means the file is out of date."""
    seconds = json.loads((ROOT / "tests" / "scope_costs.json").read_text())["seconds"]
    assert len(seconds) > 50
    notebooks = {p.name[:2] for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    missing = [unit for unit in seconds if not (ROOT / unit).exists() and not (
        unit.startswith("tests/browser/notebook-") and unit[-2:] in notebooks)]
    assert not missing, f"re-record tests/scope_costs.json (see conftest.py): {missing}"
    assert all(isinstance(v, (int, float)) and v >= 0 for v in seconds.values())


@pytest.mark.slow
def test_a_files_tests_run_on_one_worker_and_the_costliest_file_first(tmp_path):
    """Two workers on four files: every file's tests on one worker, and the two files the
    costs call the longest are handed out first (in file order a and b would be)."""
    for name, count in (("test_a.py", 4), ("test_b.py", 4), ("test_c.py", 4),
                        ("test_d.py", 4)):
        (tmp_path / name).write_text("".join(
            f"def test_{i}():\n    assert True\n" for i in range(count)))
    costs = {"test_a.py": 1.0, "test_b.py": 50.0, "test_c.py": 2.0, "test_d.py": 40.0}
    code = (
        "import json, sys, pytest\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import conftest as course\n"
        f"course._recorded_costs = lambda: {costs!r}\n"
        "class Plugin:\n"
        "    pytest_xdist_make_scheduler = staticmethod(course.pytest_xdist_make_scheduler)\n"
        f"sys.exit(pytest.main(['-n', '2', '--dist', 'loadscope', '-v', '-p', "
        f"'no:cacheprovider', '--rootdir', {str(tmp_path)!r}, {str(tmp_path)!r}], "
        "plugins=[Plugin()]))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    ran = re.findall(r"\[(gw\d)\] \[\s*\d+%\] PASSED (test_\w)\.py::test_\d", result.stdout)
    assert len(ran) == 16, result.stdout[-3000:]
    by_file: dict[str, set[str]] = {}
    for worker, name in ran:
        by_file.setdefault(name, set()).add(worker)
    assert all(len(workers) == 1 for workers in by_file.values()), by_file
    first = {}
    for worker, name in ran:
        first.setdefault(worker, name)
    assert set(first.values()) == {"test_b", "test_d"}, f"first units: {first}"
