"""Every course notebook follows the template of CONTRIBUTING.md and is stored clean.

The same ``python -m pytest`` re-executes the notebooks and compares their outputs with
the stored ones by nbval's rules (nbval itself, or, when the browser tests run, the
notebook's Run All in JupyterLab: tests/browser/test_stored_outputs.py); these tests check
the shape and hygiene that comparison does not.
"""

from __future__ import annotations

import re
import statistics

import pytest

from notebook_tools import course_notebooks, read

NOTEBOOKS = [path.name for path in course_notebooks()]


def test_there_are_notebooks() -> None:
    assert "00_start_here.ipynb" in NOTEBOOKS


def _markdown(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def _code(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_template_sections(name: str) -> None:
    nb = read(name)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), \
        f"{name}: the first cell must be the H1 title"
    assert sum(line.startswith("# ") for md in _markdown(nb) for line in md.splitlines()) == 1, \
        f"{name}: exactly one H1 title"
    assert re.search(r"part \d.*about \d+ minutes", first.source), \
        f"{name}: say which part of the course it is and how long it takes"
    text = "\n".join(_markdown(nb))
    for needed in ("Learning objectives", "Before you start", "## Exercises", "## Summary",
                   "## References"):
        assert needed in text, f"{name}: missing {needed!r}"
    assert "our formalization" in text, f"{name}: label the models that are ours"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_one_imports_cell_and_short_code_cells(name: str) -> None:
    code = _code(read(name))
    import_cells = [c for c in code if re.search(r"^\s*(import|from)\s", c, re.M)]
    assert len(import_cells) == 1, f"{name}: exactly one imports cell, found {len(import_cells)}"
    assert code[0] == import_cells[0], f"{name}: the imports cell comes first"
    assert not any("import *" in c for c in code), f"{name}: no star imports"
    assert not any("sys.path" in c for c in code), f"{name}: import the installed package"
    lengths = [len(c.strip().splitlines()) for c in code]
    assert max(lengths) <= 15, f"{name}: a code cell of {max(lengths)} lines belongs in lib/"
    assert statistics.median(lengths) <= 4, f"{name}: code cells should be a few lines"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_outputs_stored_and_metadata_clean(name: str) -> None:
    nb = read(name)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    assert "widgets" not in nb.metadata, f"{name}: widget state must not be stored"
    counts = []
    for cell in nb.cells:
        assert "execution" not in cell.metadata, f"{name}: execution timings are stored"
        if cell.cell_type == "code":
            assert cell.execution_count, f"{name}: a code cell was never run"
            counts.append(cell.execution_count)
            for output in cell.outputs:
                assert output.output_type != "error", f"{name}: stored error output"
                assert output.get("name") != "stderr", f"{name}: stored stderr output"
    assert counts == list(range(1, len(counts) + 1)), \
        f"{name}: outputs must come from one top-to-bottom run"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_exercises_have_collapsed_solutions(name: str) -> None:
    cells = read(name).cells
    exercises = [i for i, c in enumerate(cells) if c.cell_type == "markdown"
                 and c.source.startswith("### Exercise")]
    assert len(exercises) >= 5, f"{name}: at least five exercises"
    for start, end in zip(exercises, exercises[1:] + [len(cells)]):
        block = cells[start:end]
        assert "exercise" in block[0].metadata.get("tags", []), f"{name}: tag exercises"
        solutions = [c for c in block if "solution" in c.metadata.get("tags", [])]
        assert solutions, f"{name}: {block[0].source.splitlines()[0]} has no solution"
        first = solutions[0]
        assert first.cell_type == "markdown" and first.source.startswith("<details>"), \
            f"{name}: solutions are collapsed in <details>"
    checked = [c.source for c in cells if c.cell_type == "code" and "check(" in c.source]
    assert len(checked) >= 3, f"{name}: some exercises are auto-checked"
    assert all("answer = ..." in c for c in checked), \
        f"{name}: auto-checked exercises start from the placeholder"
