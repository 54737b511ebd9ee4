"""Execute the course notebooks in place and store clean outputs.

Usage (from the repository root, in the course's virtual environment)::

    python tools/execute_notebooks.py                 # every notebook in notebooks/
    python tools/execute_notebooks.py notebooks/00_start_here.ipynb

Outputs are stored so that the notebooks read well on GitHub and nbviewer and so that
nbval can check them. Metadata is cleaned as the conventions ask: the ``python3``
kernelspec, no widget state, no execution timings.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def clean(notebook: nbformat.NotebookNode) -> None:
    """Remove widget state and timings; set the kernelspec."""
    notebook.metadata.pop("widgets", None)
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    notebook.metadata["language_info"] = {"name": "python"}
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            record_timing=False, store_widget_state=False)
    client.execute()
    clean(notebook)
    nbformat.write(notebook, path)


def main(arguments: list[str]) -> None:
    paths = [Path(a) for a in arguments] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for path in paths:
        execute(path)
        print(f"executed {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
