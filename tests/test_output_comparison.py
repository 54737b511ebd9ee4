"""``tests/stored_outputs.py``: nbval's comparison, made on a run from elsewhere (issue 22).

The browser tests compare each notebook's stored outputs with those of its Run All in
JupyterLab instead of letting nbval run it a second time, so this comparison must catch
what nbval catches and let pass what nbval lets pass. Each case below is built from a real
course notebook and a copy changed by hand; the last test checks the list of what is not
compared against nbval's own, from an nbval collector of this run.
"""

from __future__ import annotations

import copy

import nbformat
import pytest
from nbval.plugin import IPyNbFile

from notebook_tools import NOTEBOOK_DIR, read
from stored_outputs import SKIP_COMPARE, output_differences

NAME = "01_alliance_costs.ipynb"


def _code(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def _first(notebook, predicate):
    """(index among code cells, cell) of the first code cell with an output matching."""
    for index, cell in enumerate(_code(notebook)):
        if any(predicate(output) for output in cell.outputs):
            return index, cell
    raise AssertionError("no such output in the notebook")


@pytest.fixture(scope="module")
def stored():
    return read(NAME)


def test_a_notebook_agrees_with_itself(stored):
    assert output_differences(stored, copy.deepcopy(stored)) == []


def test_a_changed_text_result_is_reported_with_its_cell(stored):
    fresh = copy.deepcopy(stored)
    index, cell = _first(fresh, lambda o: "text/plain" in o.get("data", {})
                         and "image/png" not in o.get("data", {}))
    cell.outputs[0].data["text/plain"] += " (changed)"
    found = output_differences(stored, fresh)
    assert len(found) == 1 and found[0].startswith(f"code cell {index} ")
    assert "mismatch 'text/plain'" in found[0] and "(changed)" in found[0]


def test_widget_model_ids_and_figures_are_not_compared(stored):
    # A new run draws new model ids and, on another machine, other PNG bytes: nbval
    # ignores both (no --nbdime), and so must this comparison.
    fresh = copy.deepcopy(stored)
    widget = "application/vnd.jupyter.widget-view+json"
    _, with_widget = _first(fresh, lambda o: widget in o.get("data", {}))
    _, with_figure = _first(fresh, lambda o: "image/png" in o.get("data", {}))
    for output in with_widget.outputs:
        if widget in output.get("data", {}):
            output.data[widget]["model_id"] = "0" * 32
    for output in with_figure.outputs:
        if "image/png" in output.get("data", {}):
            output.data["image/png"] = "iVBORw0KGgo="
    assert output_differences(stored, fresh) == []


def test_a_warning_or_refused_network_call_on_stderr_is_reported(stored):
    # tests/network_guard.py says a refused connection on stderr: nbval fails the cell
    # for that unexpected output, and so must this comparison.
    fresh = copy.deepcopy(stored)
    _code(fresh)[2].outputs.append(nbformat.v4.new_output(
        "stream", name="stderr", text="ALLIANCES-NETWORK refused: example.org\n"))
    found = output_differences(stored, fresh)
    assert len(found) == 1 and found[0].startswith("code cell 2 ")
    assert "Unexpected output fields" in found[0] and "stderr" in found[0]


def test_a_missing_output_is_reported(stored):
    fresh = copy.deepcopy(stored)
    index, cell = _first(fresh, lambda o: o.get("output_type") == "execute_result")
    cell.outputs = []
    found = output_differences(stored, fresh)
    assert len(found) == 1 and found[0].startswith(f"code cell {index} ")
    assert "Missing output fields" in found[0]


def test_streams_split_differently_are_the_same_stream():
    # JupyterLab may keep a print as several stream outputs; nbval joins them first.
    code = nbformat.v4.new_code_cell("print(1); print(2)", execution_count=1, outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="1\n2\n")])
    stored = nbformat.v4.new_notebook(cells=[code])
    fresh = copy.deepcopy(stored)
    fresh.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n"),
                              nbformat.v4.new_output("stream", name="stdout", text="2\n")]
    assert output_differences(stored, fresh) == []
    fresh.cells[0].outputs[1].text = "3\n"
    assert output_differences(stored, fresh) != []


def test_other_code_than_the_stored_notebook_is_refused(stored):
    fresh = copy.deepcopy(stored)
    _code(fresh)[1].source += "\n# edited"
    found = output_differences(stored, fresh)
    assert len(found) == 1 and "not the stored notebook's" in found[0]


def test_nbval_cell_options_are_honoured():
    def notebook(source, **metadata):
        cell = nbformat.v4.new_code_cell(source, execution_count=1, outputs=[
            nbformat.v4.new_output("execute_result", data={"text/plain": "1"},
                                   execution_count=1)], metadata=metadata)
        return nbformat.v4.new_notebook(cells=[cell])

    for stored in (notebook("# NBVAL_IGNORE_OUTPUT\n1"), notebook("# NBVAL_SKIP\n1"),
                   notebook("1", tags=["nbval-ignore-output"])):
        fresh = copy.deepcopy(stored)
        fresh.cells[0].outputs[0].data["text/plain"] = "2"
        assert output_differences(stored, fresh) == [], stored.cells[0]
    raises = notebook("# NBVAL_RAISES_EXCEPTION\n1")
    assert "not supported" in output_differences(raises, copy.deepcopy(raises))[0]
    unrun = notebook("1")
    unrun.cells[0].execution_count = None
    assert "unrun reference cell has outputs" in output_differences(unrun, unrun)[0]


def test_what_is_not_compared_is_what_nbval_leaves_out(request):
    # An nbval collector made in this very run, with this run's options.
    collector = IPyNbFile.from_parent(request.session, path=NOTEBOOK_DIR / NAME)
    assert set(SKIP_COMPARE) == set(collector.skip_compare)
