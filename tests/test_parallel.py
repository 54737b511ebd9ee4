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


def test_recorded_costs_name_only_files_that_exist():
    """A stale entry would only misorder the queue, but it means the file is out of date."""
    seconds = json.loads((ROOT / "tests" / "scope_costs.json").read_text())["seconds"]
    assert len(seconds) > 50
    missing = [unit for unit in seconds if not (ROOT / unit).exists()]
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
