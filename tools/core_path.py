"""Measure each notebook's core path: the words, code cells and widgets a seminar works through.

Usage (from the repository root)::

    python tools/core_path.py                      # a table for every course notebook,
                                                   # English and Indonesian
    python tools/core_path.py notebooks/03_secondary_dilemma.ipynb

The core path is every cell *not* tagged ``going-further`` (optional material under a
visible "Going further" heading) or ``solution`` (collapsed model answers). Markdown inside
``<details>`` blocks is not counted either: it is folded away until a reader opens it.

The time estimate is a model, stated so that a lecturer can check it and change it:

* reading: markdown words at ``READING_WPM`` words a minute (dense academic text);
* running: ``MINUTES_PER_CODE_CELL`` for each code cell (read the call, run it, look at
  the output);
* playing: ``MINUTES_PER_WIDGET`` for each interactive widget (answer its guiding question);
* one exercise answered in class: ``MINUTES_FOR_ONE_EXERCISE``.

The README's and the instructor guide's times come from this table (a test checks it).
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"

#: Tags of cells that are not on the core path.
OFF_PATH_TAGS = frozenset({"going-further", "solution"})
#: The seminar budget of the conventions.
MAX_WORDS = 2500
MAX_CODE_CELLS = 20

READING_WPM = 150
MINUTES_PER_CODE_CELL = 1.0
MINUTES_PER_WIDGET = 4.0
MINUTES_FOR_ONE_EXERCISE = 10.0

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@dataclass(frozen=True)
class CorePath:
    """What one notebook's core path asks of a seminar."""

    notebook: str
    words: int
    code_cells: int
    widgets: int

    @property
    def minutes(self) -> int:
        """Estimated minutes, rounded up to the next 5."""
        raw = (self.words / READING_WPM + self.code_cells * MINUTES_PER_CODE_CELL
               + self.widgets * MINUTES_PER_WIDGET + MINUTES_FOR_ONE_EXERCISE)
        return int(5 * math.ceil(raw / 5))

    @property
    def within_budget(self) -> bool:
        return self.words <= MAX_WORDS and self.code_cells <= MAX_CODE_CELLS


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _is_widget_cell(cell: dict) -> bool:
    return any(WIDGET_MIME in output.get("data", {}) for output in cell.get("outputs", []))


def measure(path: Path) -> CorePath:
    """Count the core path of one notebook."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    words = code = widgets = 0
    for cell in notebook["cells"]:
        if set(cell.get("metadata", {}).get("tags") or []) & OFF_PATH_TAGS:
            continue
        text = _source(cell)
        if cell["cell_type"] == "markdown":
            words += len(re.sub(r"<details>.*?</details>", " ", text, flags=re.S).split())
        elif cell["cell_type"] == "code" and text.strip():
            code += 1
            widgets += _is_widget_cell(cell)
    return CorePath(Path(path).name, words, code, widgets)


def course_notebooks(language: str = "en") -> list[Path]:
    """The course notebooks of one edition: ``"en"`` (``notebooks/``) or ``"id"``
    (``notebooks/id/``, built from the translation catalogs)."""
    folder = NOTEBOOK_DIR if language == "en" else NOTEBOOK_DIR / language
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or course_notebooks() + course_notebooks("id")
    print(f"| notebook | words | code cells | widgets | minutes | within budget |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    ok = True
    for path in paths:
        core = measure(path)
        ok &= core.within_budget
        name = (core.notebook if path.parent == NOTEBOOK_DIR
                else f"{path.parent.name}/{core.notebook}")
        print(f"| {name} | {core.words} | {core.code_cells} | {core.widgets} | "
              f"{core.minutes} | {'yes' if core.within_budget else 'NO'} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
