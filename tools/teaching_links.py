"""The README's table of class links: each notebook on Binder, in JupyterLab and as a lecture.

Usage (from the repository root)::

    .venv/bin/python tools/teaching_links.py            # print the table
    .venv/bin/python tools/teaching_links.py --write    # update it in README.md

The table lists every ``notebooks/NN_slug.ipynb`` with two Binder links: one opens the
notebook in JupyterLab (``urlpath=lab/tree/...``), the other renders it with Voilà, code
hidden and widgets live, for projecting in class (``urlpath=voila/render/...``). In
README.md it sits between the markers :data:`START` and :data:`END`;
``tests/test_teaching_kit.py`` fails when a notebook is added and the table is not updated.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote

import nbformat

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BINDER = "https://mybinder.org/v2/gh/alliance-dilemmas/alliance-dilemmas/HEAD"
START = "<!-- notebook-links:start (tools/teaching_links.py --write) -->"
END = "<!-- notebook-links:end -->"


def course_notebooks() -> list[Path]:
    """Every numbered course notebook, in order."""
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def binder_urls(path: Path) -> tuple[str, str]:
    """The Binder links of a notebook: (JupyterLab, lecture view in Voilà).

    Examples
    --------
    >>> lab, lecture = binder_urls(ROOT / "notebooks" / "00_start_here.ipynb")
    >>> lab.endswith("HEAD?urlpath=lab/tree/notebooks/00_start_here.ipynb")
    True
    >>> lecture.endswith("HEAD?urlpath=voila/render/notebooks/00_start_here.ipynb")
    True
    """
    relative = quote(Path(path).resolve().relative_to(ROOT).as_posix())
    return (f"{BINDER}?urlpath=lab/tree/{relative}",
            f"{BINDER}?urlpath=voila/render/{relative}")


def title(path: Path) -> str:
    """The notebook's H1 title, without the ``#``."""
    first = nbformat.read(path, as_version=4).cells[0].source.strip().splitlines()[0]
    return first.lstrip("#").strip()


def table(paths: list[Path] | None = None) -> str:
    """The markdown table of every notebook's links."""
    rows = ["| Notebook | Work through it (JupyterLab on Binder) | Project it (lecture view on "
            "Binder) |", "| --- | --- | --- |"]
    for path in paths if paths is not None else course_notebooks():
        lab, lecture = binder_urls(path)
        name = Path(path).name
        rows.append(f"| [{name}](notebooks/{name}): {title(path)} | [open in JupyterLab]({lab}) "
                    f"| [open the lecture view]({lecture}) |")
    return "\n".join(rows)


def write(readme: Path = README) -> bool:
    """Put the current table between the markers in ``readme``; True if it changed."""
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{readme} lacks the markers {START!r} and {END!r}")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{table()}\n{END}{tail}"
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="update the table in README.md")
    args = parser.parse_args(arguments)
    if args.write:
        print("README.md updated" if write() else "README.md already up to date")
    else:
        print(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
