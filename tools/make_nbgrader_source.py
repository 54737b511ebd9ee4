"""Write an nbgrader "source" version of every course notebook, ready for an nbgrader course.

Usage (from the repository root, in a virtual environment with requirements-test.txt,
which includes nbgrader)::

    .venv/bin/python tools/make_nbgrader_source.py ~/my-course           # every notebook
    .venv/bin/python tools/make_nbgrader_source.py ~/my-course notebooks/03_*.ipynb
    cd ~/my-course && nbgrader generate_assignment 03_secondary_dilemma

Each notebook becomes one assignment, named after the notebook, in
``COURSE/source/<NN_slug>/<NN_slug>.ipynb``. If ``COURSE/nbgrader_config.py`` does not
exist it is written (see :data:`CONFIG`); an existing one is left alone.

Built from the cell tags alone, the same for every notebook:

* **auto-checked exercises** (a code cell tagged ``exercise`` that calls
  ``check("NN-slug", answer)`` after ``answer = ...``): the heading cell with the question
  becomes a *locked* markdown cell; the code cell becomes an *autograded answer* cell
  whose right answer, computed by ``alliances.exercises.expected_answer`` (never typed),
  sits between ``### BEGIN SOLUTION`` and ``### END SOLUTION``; after it comes a *locked
  autograder-tests* cell worth ``--points`` that asserts
  ``alliances.exercises.check(...).correct``;
* **exercises answered in words** (a markdown cell tagged ``answer``): the question is
  locked and the answer cell becomes a *manually graded* answer worth
  ``--manual-points``, holding the course's model answer (nbgrader replaces it with an
  empty answer in the students' version and shows it to graders);
* every cell tagged ``solution`` is removed, as in the student copies (and for the same
  reason the tool stops if a later cell needs a name defined in a solution).
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import sys
from fractions import Fraction
from pathlib import Path

import nbformat

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_student_copies import (  # noqa: E402  (a script beside this one)
    ANSWER,
    SolutionDependencyError,
    _describe,
    course_notebooks,
    exercise_blocks,
    is_exercise,
    is_solution,
    solution_dependencies,
    tags,
)

SCHEMA_VERSION = 3
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
#: The course configuration written beside ``source/`` when there is none.
CONFIG = '''\
# nbgrader configuration for a course built from Alliance Dilemmas
# (written by tools/make_nbgrader_source.py; edit freely).
c = get_config()  # noqa: F821

c.CourseDirectory.course_id = "alliance-dilemmas"

# The answer cells keep the course's placeholder `answer = ...` above the solution, so the
# students' version only needs a comment where the solution was; with nbgrader's default
# stub (raise NotImplementedError()) every unanswered exercise would stop "Run All".
c.ClearSolutions.code_stub = {"python": "# YOUR ANSWER: replace the ... above"}
c.ClearSolutions.text_stub = "*Write your answer here.*"
'''

__all__ = ["answer_literal", "exercise_checks", "nbgrader_source", "write_nbgrader_course",
           "CONFIG"]


# --------------------------------------------------------------------------- answers
def answer_literal(question_id: str) -> str:
    """Python source of the right answer to an auto-checked question.

    The value is ``alliances.exercises.expected_answer(question_id)``, written so that
    ``check(question_id, <literal>)`` accepts it (the tool verifies that it does).

    Examples
    --------
    >>> answer_literal("00-chicken-mixed")
    "'1/3'"
    >>> answer_literal("00-best-response")
    "'Ally'"
    """
    from alliances.exercises import all_questions, check, expected_answer

    value = expected_answer(question_id)  # ValueError naming the id if it is unknown
    question = all_questions()[question_id]
    if isinstance(value, Fraction):
        # "5/9" (a string check() reads exactly), or a plain integer
        literal = str(value.numerator) if value.denominator == 1 else repr(str(value))
    elif isinstance(value, float):
        literal = repr(value)
    elif isinstance(value, str):
        spelled = [o for o in question.options if " ".join(o.split()).casefold() == value]
        literal = repr(spelled[0] if spelled else value)
    elif isinstance(value, tuple):
        literal = repr(tuple(value))
    elif isinstance(value, frozenset):
        literal = repr(sorted(value))
    else:
        raise TypeError(f"question {question_id!r}: cannot write its answer "
                        f"{value!r} ({type(value).__name__}) as Python")
    if not check(question_id, ast.literal_eval(literal)).correct:
        raise AssertionError(f"question {question_id!r}: check() rejects the computed answer "
                             f"{literal}")
    return literal


def exercise_checks(source: str) -> list[tuple[str, str, int]]:
    """The ``check("id", name)`` calls of a code cell with the line of ``name = ...``.

    Returns
    -------
    list of (question id, answer variable, 1-based line of its ``= ...`` placeholder)

    Examples
    --------
    >>> exercise_checks('answer = ...\\ncheck("00-pareto", answer)')
    [('00-pareto', 'answer', 1)]
    """
    tree = ast.parse(source)
    placeholders = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant) and node.value.value is Ellipsis):
            placeholders.setdefault(node.targets[0].id, node.lineno)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) != 2:
            continue
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
        question, variable = node.args
        if (name == "check" and isinstance(question, ast.Constant)
                and isinstance(question.value, str) and isinstance(variable, ast.Name)
                and variable.id in placeholders):
            found.append((question.value, variable.id, placeholders[variable.id]))
    return found


# --------------------------------------------------------------------------- cells
def _nbgrader(cell, grade_id: str, *, grade: bool = False, solution: bool = False,
              locked: bool = False, points: float | None = None) -> None:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": SCHEMA_VERSION, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta


def _model_answer(cells: list) -> str:
    """The text of solution markdown cells without the ``<details>`` wrapper."""
    parts = []
    for cell in cells:
        text = re.sub(r"^\s*<details>\s*<summary>.*?</summary>\s*", "", cell.source,
                      flags=re.S)
        text = re.sub(r"\s*</details>\s*$", "", text)
        parts.append(text.strip())
    return "\n\n".join(p for p in parts if p)


def _new_cell_id(cell, grade_id: str, notebook) -> None:
    if (notebook.nbformat, notebook.nbformat_minor) >= (4, 5):
        cell["id"] = grade_id[:64]
    else:
        cell.pop("id", None)


def nbgrader_source(notebook: nbformat.NotebookNode, name: str = "notebook", *,
                    points: float = 1, manual_points: float = 2) -> nbformat.NotebookNode:
    """The nbgrader source version of a course notebook (``notebook`` is not changed).

    Raises
    ------
    SolutionDependencyError
        If a cell that stays needs a name defined only in a removed solution cell.
    ValueError
        If an exercise's ``check`` call cannot be turned into an autograded cell.
    """
    problems = solution_dependencies(notebook)
    if problems:
        raise SolutionDependencyError(_describe(name, notebook, problems))
    source = copy.deepcopy(notebook)
    extra_after: dict[int, list] = {}
    used_ids: set[str] = set()

    def unique(grade_id: str) -> str:
        if grade_id in used_ids:
            raise ValueError(f"{name}: two cells would get the nbgrader id {grade_id!r}")
        used_ids.add(grade_id)
        return grade_id

    for number, block in enumerate(exercise_blocks(source), start=1):
        cells = [source.cells[i] for i in block.cells]
        checks = []
        for index in block.cells:
            cell = source.cells[index]
            if cell.cell_type == "code" and is_exercise(cell) and not is_solution(cell):
                for question_id, variable, line in exercise_checks(cell.source):
                    checks.append((index, question_id, variable, line))
        answers = [i for i in block.cells if ANSWER in tags(source.cells[i])
                   and source.cells[i].cell_type == "markdown"]
        if not checks and not answers:
            continue  # nothing to grade: leave the exercise as it is
        first_id = checks[0][1] if checks else f"exercise-{number}"
        _nbgrader(source.cells[block.question], unique(f"{first_id}-question"), locked=True)

        by_cell: dict[int, list] = {}
        for index, question_id, variable, line in checks:
            by_cell.setdefault(index, []).append((question_id, variable, line))
        for index, items in by_cell.items():
            cell = source.cells[index]
            lines = cell.source.splitlines()
            for question_id, variable, line in sorted(items, key=lambda t: -t[2]):
                literal = answer_literal(question_id)
                lines[line:line] = [BEGIN, f"{variable} = {literal}", END]
            cell.source = "\n".join(lines)
            cell.outputs, cell.execution_count = [], None
            _nbgrader(cell, unique(f"{items[0][0]}-answer"), solution=True)
            tests = []
            for question_id, variable, _ in items:
                test = nbformat.v4.new_code_cell(
                    f"# Autograder test of exercise {question_id} (read-only)\n"
                    "from alliances.exercises import check as _check_exercise\n"
                    f"_feedback = _check_exercise({question_id!r}, {variable})\n"
                    "assert _feedback.correct, str(_feedback)")
                grade_id = unique(f"{question_id}-test")
                _nbgrader(test, grade_id, grade=True, locked=True, points=points)
                _new_cell_id(test, grade_id, source)
                tests.append(test)
            extra_after[index] = tests

        if answers:
            model = _model_answer([c for c in cells if is_solution(c)
                                   and c.cell_type == "markdown"])
            for k, index in enumerate(answers):
                cell = source.cells[index]
                if model and k == 0:
                    cell.source = model
                suffix = f"-{k + 1}" if len(answers) > 1 else ""
                _nbgrader(cell, unique(f"exercise-{number}-answer{suffix}"), grade=True,
                          solution=True, points=manual_points)

    cells = []
    for index, cell in enumerate(source.cells):
        if is_solution(cell):
            continue
        cells.append(cell)
        cells.extend(extra_after.get(index, []))
    source.cells = cells
    return source


def write_nbgrader_course(paths: list[Path], course: Path, *, points: float = 1,
                          manual_points: float = 2) -> list[Path]:
    """Write ``course/source/<stem>/<stem>.ipynb`` for each notebook (and a config if none).

    Every notebook is converted before anything is written.
    """
    converted = [(path, nbgrader_source(nbformat.read(path, as_version=4), path.name,
                                        points=points, manual_points=manual_points))
                 for path in paths]
    course.mkdir(parents=True, exist_ok=True)
    config = course / "nbgrader_config.py"
    if not config.exists():
        config.write_text(CONFIG, encoding="utf-8")
    written = []
    for path, notebook in converted:
        target = course / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.validate(notebook)
        nbformat.write(notebook, target)
        written.append(target)
    return written


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("course", type=Path, help="the nbgrader course folder (created if "
                        "missing); notebooks go to COURSE/source/<notebook>/")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to convert (default: every notebooks/NN_*.ipynb)")
    parser.add_argument("--points", type=float, default=1,
                        help="points of each auto-checked exercise (default 1)")
    parser.add_argument("--manual-points", type=float, default=2,
                        help="points of each exercise answered in words (default 2)")
    args = parser.parse_args(arguments)
    paths = args.notebooks or course_notebooks()
    try:
        written = write_nbgrader_course(paths, args.course, points=args.points,
                                        manual_points=args.manual_points)
    except (SolutionDependencyError, ValueError) as error:
        print(f"make_nbgrader_source: {error}", file=sys.stderr)
        return 1
    for target in written:
        print(f"wrote {target}")
    print(f"next: cd {args.course} && nbgrader generate_assignment {written[0].parent.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
