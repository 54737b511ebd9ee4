"""nbval's check of a notebook's stored outputs, applied to a run made elsewhere.

nbval runs each notebook in a kernel of its own and compares every code cell's fresh
outputs with the stored ones. The browser tests run each notebook too (Run All in
JupyterLab, English and Indonesian): :func:`output_differences` makes nbval's comparison
on the outputs of that run, so that a whole test run executes each notebook once for both
(issue 22). ``tests/browser/conftest.py`` then leaves nbval's own items of those notebooks
out of the run; without the browser tests (``pytest notebooks/``, a machine without
Chromium) nbval runs them as before.

The comparison is nbval's own code (``nbval.plugin``, pinned in requirements-test.txt):
its stream coalescing, its ``compare_outputs`` and its default list of what is not
compared (metadata, tracebacks, execution counts, widget model ids, and PNG/JPEG images,
as without ``--nbdime``), and its per-cell options (tags and ``# NBVAL_...`` comments).
The course's notebooks use no such option; one that asks nbval to expect an exception is
refused here, since a Run All that raises fails the browser test anyway.
"""

from __future__ import annotations

import types
from collections import defaultdict

import nbformat
from nbval import plugin as nbval

#: What nbval leaves out of the comparison by default (``IPyNbFile.__init__`` of nbval
#: 0.11, without ``--nbdime``: images are not compared).
SKIP_COMPARE = ('metadata', 'traceback', 'prompt_number', 'output_type', 'name',
                'execution_count', 'application/vnd.jupyter.widget-view+json',
                'image/png', 'image/jpeg')


def _options(cell) -> dict:
    """nbval's options for one code cell (tags, then ``# NBVAL_...`` comments)."""
    options = defaultdict(bool, nbval.find_metadata_tags(cell.metadata))
    options.update(dict(nbval.find_comment_markers(cell.source)))
    options.setdefault("check", True)
    return options


def _comparer():
    """An object with what ``nbval.plugin.IPyNbCell.compare_outputs`` uses of its cell."""
    shim = types.SimpleNamespace(parent=types.SimpleNamespace(skip_compare=SKIP_COMPARE),
                                 colors=nbval.nocolors, comparison_traceback=[])
    shim.sanitize = lambda text: text          # no sanitize file is configured

    def format_output_compare(key, left, right):
        shim.comparison_traceback += [
            f" mismatch {key!r}", "  stored:", nbval._indent(nbval._trim_base64(str(left))),
            "  this run:", nbval._indent(nbval._trim_base64(str(right)))]

    shim.format_output_compare = format_output_compare
    return shim


def _outputs(cell) -> list:
    return nbval.coalesce_streams([nbformat.from_dict(output) for output in cell.outputs])


def output_differences(stored, executed) -> list[str]:
    """Every code cell whose outputs in ``executed`` (a notebook, or its JSON as a dict)
    differ from those stored in ``stored``, by nbval's rules; an empty list if none.

    >>> import copy
    >>> stored = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    ...     "print(1)", execution_count=1,
    ...     outputs=[nbformat.v4.new_output("stream", name="stdout", text="1\\n")])])
    >>> output_differences(stored, copy.deepcopy(stored))
    []
    >>> changed = copy.deepcopy(stored)
    >>> changed.cells[0].outputs[0].text = "2\\n"
    >>> print(output_differences(stored, changed)[0].splitlines()[0])
    code cell 0 (print(1)): outputs differ
    """
    stored = nbformat.from_dict(stored)
    executed = nbformat.from_dict(executed)
    ours = [cell for cell in stored.cells if cell.cell_type == "code"]
    theirs = [cell for cell in executed.cells if cell.cell_type == "code"]
    if [c.source for c in ours] != [c.source for c in theirs]:
        return ["the run's code cells are not the stored notebook's: "
                f"{len(theirs)} code cells run, {len(ours)} stored"]
    found = []
    for number, (reference, fresh) in enumerate(zip(ours, theirs, strict=True)):
        options = _options(reference)
        first_line = (reference.source.strip().splitlines() or [""])[0][:60]
        where = f"code cell {number} ({first_line})"
        if options["check_exception"]:
            found.append(f"{where}: nbval's raises option is not supported here")
            continue
        if options["skip"] or not options["check"]:
            continue
        if reference.execution_count is None:
            if reference.outputs:
                found.append(f"{where}: unrun reference cell has outputs")
            continue
        comparer = _comparer()
        if not nbval.IPyNbCell.compare_outputs(comparer, _outputs(fresh), _outputs(reference)):
            found.append(f"{where}: outputs differ\n" + "\n".join(comparer.comparison_traceback))
    return found
