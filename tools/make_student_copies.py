"""Write the student copy of every course notebook: the same notebook without solutions.

Usage (from the repository root, in the course's virtual environment)::

    .venv/bin/python tools/make_student_copies.py                 # every notebook -> student/
    .venv/bin/python tools/make_student_copies.py --output handout notebooks/03_*.ipynb

What changes, for every notebook in ``notebooks/`` (no per-notebook code):

* every cell tagged ``solution`` is removed, markdown (the collapsed ``<details>`` model
  answers) and code (solution code and its outputs) alike;
* the cells tagged ``exercise`` keep their text but lose their outputs and execution
  counts, so a student starts from an unanswered exercise;
* a short note after the title says that this is the student copy (in Indonesian in the
  copies of the Indonesian edition, ``notebooks/id/``, which go into ``id/``).

Everything else (prose, code, figures, widgets' static first views, the instant
``check(...)`` exercises) is left as it is, so the copy still runs from top to bottom.

A solution code cell may define a name that a later cell uses. Removing it would
break the student copy, so before writing anything the tool follows every name
through the code cells in order and stops with an error that names the notebook, the
cells and the variable (:class:`SolutionDependencyError`): move that definition out of
the solution. Changes made by calling a method on an object (``x.append(...)``) cannot be
seen this way; the test suite therefore also executes every student copy.

The same reading of the cells (exercise blocks, solutions, ``check`` calls) is used by
``tools/make_nbgrader_source.py``.
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
DEFAULT_OUTPUT = ROOT / "student"

EXERCISE, SOLUTION, ANSWER = "exercise", "solution", "answer"
#: Tag and metadata of the note this tool adds after the title.
NOTE_TAG = "student-copy-note"
STUDENT_NOTE = (
    "> **Student copy.** The solutions of the exercises are not in this copy. The "
    "auto-checked exercises still tell you at once whether your answer is right; ask your "
    "lecturer for the model answers of the others."
)
#: The note in each language of the course; an Indonesian notebook (built by tools/i18n.py)
#: says so in its metadata.
STUDENT_NOTES = {
    "en": STUDENT_NOTE,
    "id": ("> **Salinan mahasiswa.** Jawaban latihan tidak ada dalam salinan ini. Latihan "
           "yang diperiksa otomatis tetap langsung memberi tahu apakah jawaban Anda benar; "
           "mintalah jawaban model untuk latihan lainnya kepada dosen Anda."),
}

__all__ = [
    "SolutionDependencyError", "CellNames", "course_notebooks", "tags", "is_solution",
    "is_exercise", "cell_names", "solution_dependencies", "student_copy", "write_student_copies",
    "exercise_blocks", "ExerciseBlock",
]


class SolutionDependencyError(RuntimeError):
    """A cell that stays in the student copy needs a name defined only in a solution."""


def course_notebooks(directory: Path = NOTEBOOK_DIR) -> list[Path]:
    """Every numbered course notebook, ``NN_slug.ipynb``, in order."""
    return sorted(Path(directory).glob("[0-9][0-9]_*.ipynb"))


def tags(cell: nbformat.NotebookNode) -> list[str]:
    """The cell's tags (an empty list if it has none)."""
    return list(cell.get("metadata", {}).get("tags", []))


def is_solution(cell: nbformat.NotebookNode) -> bool:
    """True for a cell tagged ``solution`` (removed from student copies)."""
    return SOLUTION in tags(cell)


def is_exercise(cell: nbformat.NotebookNode) -> bool:
    """True for a cell tagged ``exercise``."""
    return EXERCISE in tags(cell)


# --------------------------------------------------------------------------- exercise blocks
_HEADING = re.compile(r"^(#{1,6})\s")


def _heading_level(cell: nbformat.NotebookNode) -> int | None:
    if cell.cell_type != "markdown" or not cell.source.strip():
        return None
    m = _HEADING.match(cell.source.lstrip())
    return len(m.group(1)) if m else None


@dataclass
class ExerciseBlock:
    """The cells of one exercise: from its ``### Exercise`` heading to the next heading.

    ``question`` is the index of the heading cell (tagged ``exercise``); ``cells`` the
    indices of every cell of the block, the question included.
    """

    question: int
    cells: list[int] = field(default_factory=list)
    title: str = ""


def exercise_blocks(notebook: nbformat.NotebookNode) -> list[ExerciseBlock]:
    """The exercises of a notebook, each with the indices of its cells.

    An exercise starts at a markdown heading cell tagged ``exercise`` and ends before the
    next heading of the same or a higher level (the next exercise, ``## Summary``...).
    """
    blocks: list[ExerciseBlock] = []
    current: ExerciseBlock | None = None
    level = 0
    for index, cell in enumerate(notebook.cells):
        heading = _heading_level(cell)
        if heading is not None and current is not None and heading <= level:
            current = None
        if heading is not None and is_exercise(cell):
            level = heading
            title = cell.source.lstrip().splitlines()[0].lstrip("#").strip()
            current = ExerciseBlock(question=index, title=title)
            blocks.append(current)
        if current is not None:
            current.cells.append(index)
    return blocks


# --------------------------------------------------------------------------- names in code
@dataclass
class CellNames:
    """Names a code cell binds, names it reads before binding them, and objects it changes."""

    bound: set[str] = field(default_factory=set)
    free: list[str] = field(default_factory=list)
    mutated: set[str] = field(default_factory=set)


class _NameVisitor(ast.NodeVisitor):
    """Follow names in evaluation order (right-hand sides before targets).

    Names read inside function bodies, lambdas, class bodies and comprehensions count as
    read by the cell (they are, when it runs them); names bound there do not leak out.
    """

    def __init__(self, bound: set[str] | None = None) -> None:
        self.names = CellNames(bound=set(bound or ()))

    def _load(self, name: str) -> None:
        if name not in self.names.bound and name not in self.names.free:
            self.names.free.append(name)

    def _nested(self, parameters: set[str], nodes: list[ast.AST]) -> None:
        inner = _NameVisitor(parameters)
        for node in nodes:
            inner.visit(node)
        for name in inner.names.free:
            self._load(name)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self._load(node.id)
        else:
            self.names.bound.add(node.id)

    def _target(self, target: ast.AST) -> None:
        # x.attr = ..., x[i] = ...: x is read, and changed.
        if isinstance(target, (ast.Attribute, ast.Subscript)):
            base = target
            while isinstance(base, (ast.Attribute, ast.Subscript)):
                if isinstance(base, ast.Subscript):
                    self.visit(base.slice)
                base = base.value
            if isinstance(base, ast.Name):
                self._load(base.id)
                self.names.mutated.add(base.id)
            else:
                self.visit(base)
        else:
            self.visit(target)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self._target(target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name):
            self._load(node.target.id)
        self.visit(node.value)
        self._target(node.target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self._target(node.target)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.visit(node.target)

    def visit_For(self, node: ast.For) -> None:
        self.visit(node.iter)
        self._target(node.target)
        for statement in node.body + node.orelse:
            self.visit(statement)

    visit_AsyncFor = visit_For

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.names.bound.add(alias.asname or alias.name.split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name != "*":
                self.names.bound.add(alias.asname or alias.name)

    def _arguments(self, args: ast.arguments) -> set[str]:
        for default in [*args.defaults, *(d for d in args.kw_defaults if d is not None)]:
            self.visit(default)
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
        every += [a for a in (args.vararg, args.kwarg) if a is not None]
        return {a.arg for a in every}

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        parameters = self._arguments(node.args)
        self.names.bound.add(node.name)
        self._nested(parameters | {node.name}, node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._nested(self._arguments(node.args), [node.body])

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for item in [*node.decorator_list, *node.bases, *(k.value for k in node.keywords)]:
            self.visit(item)
        self.names.bound.add(node.name)
        self._nested({node.name}, node.body)

    def _comprehension(self, node: ast.AST, elements: list[ast.AST]) -> None:
        generators = node.generators
        self.visit(generators[0].iter)  # evaluated in the enclosing scope
        inner = _NameVisitor()
        for i, generator in enumerate(generators):
            if i:
                inner.visit(generator.iter)
            inner._target(generator.target)
            for condition in generator.ifs:
                inner.visit(condition)
        for element in elements:
            inner.visit(element)
        for name in inner.names.free:
            self._load(name)

    def visit_ListComp(self, node: ast.ListComp) -> None:
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._comprehension(node, [node.key, node.value])

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.type is not None:
            self.visit(node.type)
        if node.name:
            self.names.bound.add(node.name)
        for statement in node.body:
            self.visit(statement)


def _python_source(source: str) -> str:
    """Cell source as plain Python (IPython magics and ``!`` commands translated)."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def cell_names(source: str) -> CellNames:
    """The names a code cell binds, reads before binding, and changes in place.

    Examples
    --------
    >>> names = cell_names("y = x + 1\\nz = [y * i for i in range(3)]\\nplan.cost = z")
    >>> sorted(names.bound), names.free, sorted(names.mutated)
    (['y', 'z'], ['x', 'range', 'plan'], ['plan'])
    >>> cell_names("x = x + 1").free
    ['x']
    """
    try:
        tree = ast.parse(_python_source(source))
    except SyntaxError as error:
        raise ValueError(f"a code cell is not valid Python ({error.msg}, line {error.lineno}):\n"
                         f"{source}") from None
    visitor = _NameVisitor()
    visitor.visit(tree)
    return visitor.names


def solution_dependencies(notebook: nbformat.NotebookNode) -> list[tuple[int, str, int]]:
    """Names that a kept code cell reads while their last definition is a solution cell.

    Follows the code cells in order. A name bound (or changed in place, ``x.a = ...``,
    ``x[i] = ...``) by a solution cell and then read by a kept cell before any kept cell
    binds it again would be missing, or different, in the student copy.

    Returns
    -------
    list of (kept cell index, name, solution cell index)
        Empty when the student copy is safe to run.
    """
    last: dict[str, tuple[bool, int]] = {}  # name -> (bound by a solution?, cell index)
    found: list[tuple[int, str, int]] = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        names = cell_names(cell.source)
        if is_solution(cell):
            for name in names.bound | names.mutated:
                last[name] = (True, index)
            continue
        for name in names.free:
            by_solution, where = last.get(name, (False, -1))
            if by_solution:
                found.append((index, name, where))
        for name in names.bound:
            last[name] = (False, index)
    return found


# --------------------------------------------------------------------------- the copy
def _describe(notebook_name: str, notebook: nbformat.NotebookNode,
              problems: list[tuple[int, str, int]]) -> str:
    lines = [f"{notebook_name}: the student copy would not run, because a cell that stays "
             "needs a name defined only in a solution cell (which is removed):"]
    for kept, name, solution in problems:
        first = notebook.cells[kept].source.strip().splitlines()[0]
        lines.append(f"  - cell {kept} ({first!r}) uses {name!r}, last defined or changed by "
                     f"solution cell {solution}")
    lines.append("Move that definition into a cell that is not tagged 'solution', or give "
                 "the later cell its own definition.")
    return "\n".join(lines)


def student_copy(notebook: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    """The student version of ``notebook`` (which is left unchanged).

    Raises
    ------
    SolutionDependencyError
        If removing the solution cells would leave a cell without a name it needs.

    Examples
    --------
    >>> from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell
    >>> nb = new_notebook(cells=[
    ...     new_markdown_cell("# Title"),
    ...     new_markdown_cell("### Exercise 1", metadata={"tags": ["exercise"]}),
    ...     new_code_cell("answer = ...", metadata={"tags": ["exercise"]}, execution_count=1),
    ...     new_markdown_cell("<details>42</details>", metadata={"tags": ["solution"]})])
    >>> [c.source for c in student_copy(nb).cells][1:]  # doctest: +ELLIPSIS
    ['> **Student copy.** ...', '### Exercise 1', 'answer = ...']
    """
    problems = solution_dependencies(notebook)
    if problems:
        raise SolutionDependencyError(_describe(name, notebook, problems))
    result = copy.deepcopy(notebook)
    kept = []
    for cell in result.cells:
        if is_solution(cell):
            continue
        if is_exercise(cell) and cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        kept.append(cell)
    language = notebook.metadata.get("alliances_i18n", {}).get("language", "en")
    note = nbformat.v4.new_markdown_cell(STUDENT_NOTES.get(language, STUDENT_NOTE),
                                         metadata={"tags": [NOTE_TAG]})
    if "id" in note:
        note["id"] = NOTE_TAG  # fixed, so that the copy is the same on every run
    if (result.nbformat, result.nbformat_minor) < (4, 5):
        note.pop("id", None)
    result.cells = kept[:1] + [note] + kept[1:]
    result.metadata["alliances"] = {"student_copy": True}
    return result


def write_student_copies(paths: list[Path], output: Path) -> list[Path]:
    """Write the student copy of each notebook in ``paths`` into ``output``.

    Every notebook is checked before anything is written, so a failure leaves no
    half-written set behind.
    """
    copies = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        copies.append((path, student_copy(notebook, path.name)))
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for path, notebook in copies:
        target = output / path.name
        nbformat.validate(notebook)
        nbformat.write(notebook, target)
        written.append(target)
    return written


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to copy (default: every notebooks/NN_*.ipynb, and "
                             "the Indonesian edition notebooks/id/NN_*.ipynb into id/)")
    parser.add_argument("--output", "-o", type=Path, default=DEFAULT_OUTPUT,
                        help="folder for the student copies (default: student/)")
    args = parser.parse_args(arguments)
    paths = args.notebooks or course_notebooks()
    if not paths:
        parser.error(f"no notebooks found in {NOTEBOOK_DIR}")
    indonesian = [] if args.notebooks else course_notebooks(NOTEBOOK_DIR / "id")
    try:
        written = write_student_copies(paths, args.output)
        written += write_student_copies(indonesian, args.output / "id") if indonesian else []
    except SolutionDependencyError as error:
        print(f"make_student_copies: {error}", file=sys.stderr)
        return 1
    for target in written:
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
