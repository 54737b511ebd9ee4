"""Write an nbgrader "source" version of every course notebook, ready for an nbgrader course.

Usage (from the repository root, in a virtual environment with requirements-test.txt,
which includes nbgrader)::

    .venv/bin/python tools/make_nbgrader_source.py ~/my-course           # every notebook
    .venv/bin/python tools/make_nbgrader_source.py ~/my-course notebooks/03_*.ipynb
    .venv/bin/python tools/make_nbgrader_source.py ~/my-course notebooks/03_*.ipynb --seed 7
    .venv/bin/python tools/make_nbgrader_source.py ~/my-course notebooks/03_*.ipynb --param c=0.4
    cd ~/my-course && nbgrader generate_assignment 03_secondary_dilemma

Each notebook becomes one assignment, named after the notebook, in
``COURSE/source/<NN_slug>/<NN_slug>.ipynb``. If ``COURSE/nbgrader_config.py`` does not
exist it is written (see :data:`CONFIG`); an existing one is left alone.

With ``--seed N`` (or ``--param NAME=VALUE``, repeatable) the notebook's questions that
have variants (``VARIANTS`` of its exercise-bank module; in notebooks 01 and 03) get new
parameters: the sentence of each question that states them is rewritten and the hidden
tests expect the answers the library's models give for the same parameters. The
assignment is then named ``<NN_slug>_v<N>`` (``_custom`` with ``--param`` alone).

Built from the cell tags alone, the same for every notebook:

* a locked cell after the imports cell switches the library to **graded mode**
  (``alliances.coursework.exercises.graded_mode``): in the students' kernel ``check`` then says only
  whether an answer can be read, never whether it is right, and no public function
  returns an answer;
* **auto-checked exercises** (a code cell tagged ``exercise`` that calls
  ``check("NN-slug", answer)`` after ``answer = ...``): the heading cell with the question
  becomes a *locked* markdown cell; the code cell becomes an *autograded answer* cell with
  its own variable (``answer_3`` for exercise 3, so that a broken cell cannot lend its
  test the previous exercise's answer) that calls ``check_form``; the right answer,
  computed by the library at generation time (never typed), sits between
  ``### BEGIN SOLUTION`` and ``### END SOLUTION``; after it comes a *locked
  autograder-tests* cell worth ``--points``: its visible part asserts that the answer can
  be read, its hidden part (``### BEGIN HIDDEN TESTS``, only in the instructor's source)
  compares it with the expected value through ``alliances.coursework.exercises.grade``;
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
    NOTEBOOK_DIR,
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
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
#: The locked cell that puts a graded assignment's kernel into graded mode.
GRADED_MODE_CELL = """\
# A graded assignment: check_form() tells you whether an answer can be read, not whether it
# is right. Your answers are marked after you hand in (read-only cell).
from alliances.coursework.exercises import check_form, graded_mode
graded_mode()"""
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

# nbgrader 0.9.6's gradebook (nbgrader/api.py) lets SQLAlchemy 2 autoflush while it builds a
# new submission, and SQLAlchemy then warns (SAWarning) "Object of type <SubmittedAssignment>
# not in session, add operation along '...' will not proceed" on every autograde of a new
# submission. It is nbgrader's own code and the grades are stored correctly (the course's
# tests check them); silence exactly that message from nbgrader, nothing else.
import warnings  # noqa: E402

from sqlalchemy.exc import SAWarning  # noqa: E402

warnings.filterwarnings("ignore", message=r"Object of type <Submitted\\w+> not in session",
                        category=SAWarning, module=r"nbgrader\\.")
'''

__all__ = ["answer_literal", "exercise_checks", "nbgrader_source", "write_nbgrader_course",
           "variant_parameters", "CONFIG"]


# --------------------------------------------------------------------------- answers
def answer_literal(question_id: str, parameters: dict | None = None) -> str:
    """Python source of the right answer to an auto-checked question.

    The value is computed by the library: from the exercise bank's own parameters, or,
    given ``parameters``, from the notebook's :class:`~alliances.coursework.exercises.Variants`.
    It is written exactly (a fraction as ``'5/9'``) or rounded to the question's tolerance
    (never float noise such as 0.5555555555555554), and the tool verifies that
    ``grade`` accepts it.

    Examples
    --------
    >>> answer_literal("00-chicken-mixed")
    "'1/3'"
    >>> answer_literal("00-best-response")
    "'Ally'"
    >>> answer_literal("03-interior-cstar", {"L_A": 6, "p_A": 0.5, "L_E": 4, "p_E": 0.5,
    ...                                      "r0": 0.5, "k": 0.5, "c": 0.75, "W": 4,
    ...                                      "D": 2, "R": 6, "major": 0.9, "minor": 0.5,
    ...                                      "e": 0.4, "a": 0.6})
    "'11/16'"
    """
    from alliances.coursework.exercises import _expected_answer, _question, grade, variants_of

    question = _question(question_id)   # ValueError naming the id if it is unknown
    variants = variants_of(question_id) if parameters is not None else None
    if variants is not None and question_id in variants.answers:
        value = variants.answer(question_id, parameters)
    else:
        value = _expected_answer(question_id)
    if isinstance(value, float):
        near = Fraction(value).limit_denominator(100)
        if abs(float(near) - value) < 1e-9:
            value = near
    if isinstance(value, Fraction):
        # "5/9" (a string grade() reads exactly), or a plain integer
        literal = str(value.numerator) if value.denominator == 1 else repr(str(value))
    elif isinstance(value, float):
        digits = 3
        while digits < 12 and abs(round(value, digits) - value) > question.tolerance / 10:
            digits += 1
        literal = repr(round(value, digits))
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
    if not grade(question_id, ast.literal_eval(literal), value).correct:
        raise AssertionError(f"question {question_id!r}: grade() rejects the computed answer "
                             f"{literal}")
    return literal


def variant_parameters(notebook_name: str, seed: int | None = None,
                       overrides: dict | None = None) -> dict | None:
    """The parameters of a notebook's variant, or None for the notebook as it is.

    Raises
    ------
    ValueError
        If a seed or parameters are given for a notebook without variants, or the
        parameters are unknown or make a bad question.

    Examples
    --------
    >>> variant_parameters("00_start_here.ipynb") is None
    True
    >>> variant_parameters("03_secondary_dilemma.ipynb", overrides={"c": 0.4})["c"]
    0.4
    """
    from alliances.coursework.exercises import variants_of

    if seed is None and not overrides:
        return None
    variants = variants_of(Path(notebook_name).name)
    if variants is None:
        raise ValueError(f"{notebook_name}: its questions have no variants (only notebooks "
                         "whose exercise-bank module defines VARIANTS have them)")
    return variants.parameters(seed, **(overrides or {}))


def _rewrite_question(cell, question_id: str, parameters: dict, name: str) -> None:
    """Replace the sentence stating a question's parameters by the variant's."""
    from alliances.coursework.exercises import variants_of

    variants = variants_of(question_id)
    if variants is None or question_id not in variants.texts:
        return
    default = variants.texts[question_id](variants.defaults)
    pattern = r"\s+".join(re.escape(word) for word in default.split())
    new, count = re.subn(pattern, lambda _: variants.texts[question_id](parameters),
                         cell.source, count=1)
    if not count:
        raise ValueError(f"{name}: the question of {question_id} no longer states "
                         f"{default!r}; update the texts of the exercise bank's VARIANTS")
    cell.source = new


def _exercise_number(title_cell, number: int) -> int:
    found = re.match(r"#+\s*Exercise\s+(\d+)", title_cell.source)
    return int(found[1]) if found else number


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


def _imports_cell(notebook) -> int:
    """Index of the notebook's imports cell: the first code cell importing the library."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and re.search(r"^\s*(from|import)\s+alliances\b",
                                                  cell.source, re.M):
            return index
    return -1


def _test_cell(question_id: str, variable: int, literal: str, number: int):
    return nbformat.v4.new_code_cell(
        f"# Test of exercise {number} ({question_id}), read-only: it checks here that your "
        "answer can be\n"
        "# read; whether it is right is marked after you hand in.\n"
        "from alliances.coursework.exercises import check_form\n"
        f"_form = check_form({question_id!r}, {variable})\n"
        "assert _form.readable, str(_form)\n"
        f"{HIDDEN_BEGIN}\n"
        "from alliances.coursework.exercises import grade\n"
        f"_result = grade({question_id!r}, {variable}, expected={literal})\n"
        "assert _result.correct, str(_result)\n"
        f"{HIDDEN_END}")


_IMAGES = ("image/png", "image/jpeg", "image/svg+xml")


def _describe_figures(notebook) -> None:
    """Give every code cell that draws a figure an ``alt`` text (cell metadata).

    nbconvert's HTML, which nbgrader's feedback uses, writes a cell's ``alt`` metadata as
    the alternative text of the figures it outputs; without it they have none. The text
    says where the figure is and what draws it, which is all the tool knows.
    """
    section = notebook.metadata.get("title", "")
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            heading = re.search(r"^#{1,6}\s+(.+)$", cell.source, re.M)
            section = heading[1].strip() if heading else section
            continue
        if cell.cell_type != "code" or "alt" in cell.metadata:
            continue
        if any(kind in output.get("data", {}) for output in cell.get("outputs", [])
               for kind in _IMAGES):
            code = next((line.strip() for line in cell.source.splitlines()
                         if line.strip() and not line.lstrip().startswith("#")), "")
            cell.metadata["alt"] = (f"Figure of the section \"{section}\", drawn by the code "
                                    f"{code}")


def nbgrader_source(notebook: nbformat.NotebookNode, name: str = "notebook", *,
                    points: float = 1, manual_points: float = 2,
                    parameters: dict | None = None) -> nbformat.NotebookNode:
    """The nbgrader source version of a course notebook (``notebook`` is not changed).

    ``parameters`` (from :func:`variant_parameters`) makes a variant: the questions that
    have variants state these parameters and their hidden tests expect the answers the
    library computes from them.

    Raises
    ------
    SolutionDependencyError
        If a cell that stays needs a name defined only in a removed solution cell.
    ValueError
        If an exercise's ``check`` call cannot be turned into an autograded cell, or a
        variant's question no longer states the parameters the bank expects.
    """
    problems = solution_dependencies(notebook)
    if problems:
        raise SolutionDependencyError(_describe(name, notebook, problems))
    source = copy.deepcopy(notebook)
    _describe_figures(source)
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
        question_cell = source.cells[block.question]
        exercise = _exercise_number(question_cell, number)
        if parameters is not None:
            for _, question_id, _, _ in checks:
                _rewrite_question(question_cell, question_id, parameters, name)
        _nbgrader(question_cell, unique(f"{first_id}-question"), locked=True)

        by_cell: dict[int, list] = {}
        for index, question_id, variable, line in checks:
            by_cell.setdefault(index, []).append((question_id, variable, line))
        several = len(checks) > 1
        for index, items in by_cell.items():
            cell = source.cells[index]
            text = re.sub(r"\bcheck\(", "check_form(", cell.source)
            renamed = {}
            for k, (question_id, variable, _) in enumerate(items):
                renamed.setdefault(variable, f"{variable}_{exercise}"
                                   + (f"_{k + 1}" if several else ""))
            for variable, new in renamed.items():
                text = re.sub(rf"\b{re.escape(variable)}\b", new, text)
            lines = text.splitlines()
            for question_id, variable, line in sorted(items, key=lambda t: -t[2]):
                literal = answer_literal(question_id, parameters)
                lines[line:line] = [BEGIN, f"{renamed[variable]} = {literal}", END]
            cell.source = "\n".join(lines)
            cell.outputs, cell.execution_count = [], None
            _nbgrader(cell, unique(f"{items[0][0]}-answer"), solution=True)
            tests = []
            for question_id, variable, _ in items:
                test = _test_cell(question_id, renamed[variable],
                                  answer_literal(question_id, parameters), exercise)
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

    imports = _imports_cell(source)
    if extra_after or imports >= 0:
        mode = nbformat.v4.new_code_cell(GRADED_MODE_CELL)
        _nbgrader(mode, unique("graded-mode"), locked=True)
        _new_cell_id(mode, "graded-mode", source)
        extra_after.setdefault(imports, []).insert(0, mode)
    cells = [*extra_after.get(-1, [])]
    for index, cell in enumerate(source.cells):
        if is_solution(cell):
            continue
        cells.append(cell)
        cells.extend(extra_after.get(index, []))
    source.cells = cells
    if parameters is not None:
        source.metadata["alliances_variant"] = {k: parameters[k] for k in sorted(parameters)}
    return source


def write_nbgrader_course(paths: list[Path], course: Path, *, points: float = 1,
                          manual_points: float = 2, seed: int | None = None,
                          overrides: dict | None = None) -> list[Path]:
    """Write ``course/source/<assignment>/<stem>.ipynb`` for each notebook (and a config).

    The assignment is named after the notebook (``<stem>``), or ``<stem>_v<seed>`` for a
    variant (``<stem>_custom`` with explicit parameters only). Every notebook is converted
    before anything is written.
    """
    converted = []
    for path in paths:
        parameters = variant_parameters(path.name, seed, overrides)
        suffix = "" if parameters is None else (f"_v{seed}" if seed is not None else "_custom")
        original = nbformat.read(path, as_version=4)
        if original.metadata.get("alliances_i18n", {}).get("language") == "id":
            suffix += "_id"                      # the Indonesian edition: its own assignment
        notebook = nbgrader_source(original, path.name,
                                   points=points, manual_points=manual_points,
                                   parameters=parameters)
        converted.append((path, path.stem + suffix, notebook))
    course.mkdir(parents=True, exist_ok=True)
    config = course / "nbgrader_config.py"
    if not config.exists():
        config.write_text(CONFIG, encoding="utf-8")
    written = []
    for path, assignment, notebook in converted:
        target = course / "source" / assignment / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.validate(notebook)
        nbformat.write(notebook, target)
        written.append(target)
    return written


def _parameter(text: str) -> tuple[str, float]:
    name, equals, value = text.partition("=")
    try:
        if not equals:
            raise ValueError
        return name.strip(), float(Fraction(value.strip()))
    except (ValueError, ZeroDivisionError):
        raise argparse.ArgumentTypeError(f"--param expects NAME=NUMBER, such as c=0.4; got "
                                         f"{text!r}") from None


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
    parser.add_argument("--seed", type=int, default=None,
                        help="make a variant: new parameters drawn from this seed for the "
                        "questions that have variants (notebooks 01 and 03); the assignment "
                        "is named <notebook>_v<SEED>")
    parser.add_argument("--param", type=_parameter, action="append", default=[],
                        metavar="NAME=VALUE", help="set one parameter of the variant "
                        "(repeatable; on top of --seed, or of the notebook's own values)")
    parser.add_argument("--language", choices=("en", "id"), default="en",
                        help="the edition whose notebooks are used when none are named: "
                             "en (notebooks/) or id, Bahasa Indonesia (notebooks/id/; the "
                             "assignments are named <NN_slug>_id)")
    args = parser.parse_args(arguments)
    paths = args.notebooks or course_notebooks(
        NOTEBOOK_DIR / "id" if args.language == "id" else NOTEBOOK_DIR)
    try:
        written = write_nbgrader_course(paths, args.course, points=args.points,
                                        manual_points=args.manual_points, seed=args.seed,
                                        overrides=dict(args.param))
    except (SolutionDependencyError, ValueError) as error:
        print(f"make_nbgrader_source: {error}", file=sys.stderr)
        return 1
    for target in written:
        print(f"wrote {target}")
    print(f"next: cd {args.course} && nbgrader generate_assignment {written[0].parent.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
