"""Reading the course notebooks in tests (no execution)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"


def course_notebooks() -> list[Path]:
    """Every numbered course notebook, ``NN_slug.ipynb``."""
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK_DIR / name, as_version=4)


def prose(name: str) -> str:
    """All markdown of a notebook, whitespace folded, for claim checks."""
    text = "\n".join(c.source for c in read(name).cells if c.cell_type == "markdown")
    return re.sub(r"\s+", " ", text)


def section(name: str, heading: str) -> str:
    """The markdown of one section (from a heading to the next heading of any level)."""
    cells = read(name).cells
    out, inside = [], False
    for cell in cells:
        if cell.cell_type != "markdown":
            continue
        first = cell.source.lstrip().splitlines()[0] if cell.source.strip() else ""
        if first.startswith("#"):
            inside = heading in first
        if inside:
            out.append(cell.source)
    if not out:
        raise AssertionError(f"{name} has no section headed {heading!r}")
    return re.sub(r"\s+", " ", "\n".join(out))
