"""nbval's check on the browser tests' Run All: every notebook's stored outputs come out
the same when JupyterLab runs it.

nbval runs every notebook in a kernel and compares each code cell's outputs with the
stored ones. The browser tests run every notebook as well, so a whole test run would
execute each twice; instead, this test makes nbval's comparison
(:func:`stored_outputs.output_differences`, nbval's own code) on the outputs of the
notebook's Run All in JupyterLab, taken right after it, before any other test moves a
control. It is the first test of the notebook's shared run (``shared_run`` in the root
conftest.py), and while it is collected with a browser at hand nbval's own items of the
notebook are deselected (``_NbvalHandOver`` in conftest.py). The Indonesian edition's
outputs are compared in test_indonesian.py, on its Run All. The kernels refuse the
network, as nbval's do (tests/network_guard.py).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from stored_outputs import output_differences

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def check_stored_outputs(ran_notebook, notebook: str, screenshot_dir: Path) -> None:
    """Run ``notebook`` (below notebooks/) in JupyterLab, or take its kept run, and fail
    with every cell whose outputs differ from the stored ones by nbval's rules."""
    ran_notebook(notebook, screenshot_dir)
    executed = ran_notebook.executed(notebook)
    assert executed is not None, f"{notebook}: the notebook's JSON was not read after Run All"
    stored = nbformat.read(REPO / "notebooks" / notebook, as_version=4)
    differences = output_differences(stored, executed)
    assert not differences, (f"{notebook}: {len(differences)} cell(s) differ from the "
                             f"stored outputs after Run All:\n" + "\n\n".join(differences))


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_stored_outputs_come_out_the_same(ran_notebook, notebook, tmp_path):
    check_stored_outputs(ran_notebook, notebook, tmp_path)
