"""Every notebook's core path fits a seminar, and the times the course states are measured.

The core path is what a class works through: every cell not tagged ``going-further`` or
``solution``. ``tools/core_path.py`` counts it and estimates its time from a stated model
(reading speed, a minute per code cell, minutes per widget, one exercise); the notebook's
first line, the README's notebook table and the instructor guide must all give that time.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import core_path  # noqa: E402

NOTEBOOKS = core_path.course_notebooks()
IDS = [path.name for path in NOTEBOOKS]
#: The Indonesian edition is read in the same seminar, so it has the same budget.
EDITIONS = NOTEBOOKS + core_path.course_notebooks("id")
EDITION_IDS = [str(path.relative_to(ROOT / "notebooks")) for path in EDITIONS]
#: How each edition's first cell states its time.
STATED_TIME = {"notebooks": r"about (\d+) minutes", "id": r"sekitar (\d+) menit"}


def _first_cell(path: Path) -> str:
    cell = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
    return "".join(cell["source"])


def _part(path: Path) -> int:
    return int(path.name[:2])


def test_both_editions_are_measured() -> None:
    assert len(EDITIONS) == 2 * len(NOTEBOOKS) == 16
    assert [p.name for p in EDITIONS[len(NOTEBOOKS):]] == IDS


@pytest.mark.parametrize("path", EDITIONS, ids=EDITION_IDS)
def test_core_path_within_the_seminar_budget(path: Path) -> None:
    core = core_path.measure(path)
    assert core.words <= core_path.MAX_WORDS, \
        f"{path.name}: {core.words} words on the core path (at most {core_path.MAX_WORDS})"
    assert core.code_cells <= core_path.MAX_CODE_CELLS, \
        f"{path.name}: {core.code_cells} code cells on the core path " \
        f"(at most {core_path.MAX_CODE_CELLS})"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_optional_material_sits_under_a_visible_going_further_heading(path: Path) -> None:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    tagged = [i for i, c in enumerate(cells)
              if "going-further" in (c.get("metadata", {}).get("tags") or [])]
    if not tagged:
        return
    headings = [i for i in tagged if cells[i]["cell_type"] == "markdown"
                and "".join(cells[i]["source"]).lstrip().startswith("## Going further")]
    assert headings, f"{path.name}: going-further cells but no '## Going further' heading"
    assert headings[0] <= tagged[0], \
        f"{path.name}: a going-further cell comes before the 'Going further' heading"


@pytest.mark.parametrize("path", EDITIONS, ids=EDITION_IDS)
def test_notebook_states_its_measured_time(path: Path) -> None:
    minutes = core_path.measure(path).minutes
    pattern = STATED_TIME[path.parent.name]
    stated = re.search(pattern, _first_cell(path))
    assert stated, f"{path.name}: the first cell must state its time ({pattern!r})"
    assert int(stated.group(1)) == minutes, \
        f"{path.name} says about {stated.group(1)} minutes; its core path measures {minutes}"


def test_readme_and_guide_state_the_measured_times() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "notebooks" / "instructor_guide.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        minutes = core_path.measure(path).minutes
        row = re.search(rf"^\| {_part(path)} \| \[{re.escape(path.name)}\].*\| (\d+) min \|$",
                        readme, re.M)
        assert row, f"README: no notebook-table row for {path.name}"
        assert int(row.group(1)) == minutes, \
            f"README gives {row.group(1)} min for {path.name}; it measures {minutes}"
        glance = re.search(rf"^\| {_part(path)} \| `{re.escape(path.stem)}`.*?\| about (\d+) min \|",
                           guide, re.M)
        assert glance and int(glance.group(1)) == minutes, \
            f"instructor guide (at a glance): wrong time for {path.name}; it measures {minutes}"
        part = re.search(rf"^### Part {_part(path)}: .*\(about (\d+) minutes\)", guide, re.M)
        assert part and int(part.group(1)) == minutes, \
            f"instructor guide (Part {_part(path)}): wrong time; it measures {minutes}"


def test_the_budget_check_can_fail(tmp_path: Path) -> None:
    """A notebook over the budget is reported as such, and off-path cells do not count."""
    long_text = "word " * (core_path.MAX_WORDS + 1)
    cells = [{"cell_type": "markdown", "metadata": {}, "source": long_text}]
    cells += [{"cell_type": "code", "metadata": {}, "source": "1 + 1", "outputs": []}] * 3
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    over = tmp_path / "99_over.ipynb"
    over.write_text(json.dumps(nb), encoding="utf-8")
    core = core_path.measure(over)
    assert (core.words, core.code_cells, core.within_budget) == (core_path.MAX_WORDS + 1, 3, False)
    cells[0] = dict(cells[0], metadata={"tags": ["going-further"]})
    over.write_text(json.dumps(nb), encoding="utf-8")
    core = core_path.measure(over)
    assert (core.words, core.within_budget) == (0, True)
    # 0 words, 3 cells, no widget, one exercise: 3 + 10 = 13 minutes, rounded up to 15
    assert core.minutes == 15


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_widget_has_a_guiding_question_before_it(path: Path) -> None:
    """Issue 15: a guiding question next to every widget, on the core path and off it."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    widgets = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and any(
        core_path.WIDGET_MIME in o.get("data", {}) for o in c.get("outputs", []))]
    for i in widgets:
        before = [c for c in cells[:i] if c["cell_type"] == "markdown"]
        assert before and "?" in "".join(before[-1]["source"]), \
            f"{path.name}: the widget of code cell {i} has no guiding question before it"
