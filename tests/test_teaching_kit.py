"""The teaching kit: student copies, nbgrader assignments and the README's class links.

* ``tools/make_student_copies.py`` (the README's one command) writes a copy of every
  notebook without its solutions: no solution text survives (every line of every
  solution cell, and every output of a solution code cell, is searched for), exercise
  outputs are cleared, the rest is untouched, and the copies execute without errors.
  A solution code cell that defines a name used later is caught before anything is
  written.
* ``tools/make_nbgrader_source.py`` turns every notebook into an nbgrader source
  notebook; a throwaway nbgrader course runs ``generate_assignment`` on all of them and
  ``autograde`` on a correct and a partly wrong submission, and the scores are checked.
* ``tools/teaching_links.py`` writes the README's table of Binder links; every notebook
  has a JupyterLab and a lecture-view (Voilà) link, pointing at files that exist.

Everything is read from the cell tags, so these tests cover any notebook added later.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from notebook_tools import ROOT, course_notebooks

sys.path.insert(0, str(ROOT / "tools"))
import make_nbgrader_source as grader  # noqa: E402
import make_student_copies as students  # noqa: E402
import teaching_links as links  # noqa: E402

#: Left out of the quick subset (python3 -m course test --quick): see conftest.py.
pytestmark = pytest.mark.slow

NOTEBOOKS = course_notebooks()
NAMES = [path.name for path in NOTEBOOKS]
BIN = Path(sys.executable).parent
SOLUTION_SUMMARY = "<details><summary><b>Solution"
#: Lines too generic to count as a solution's text.
BOILERPLATE = {"<details><summary><b>Solution</b></summary>", "</details>"}


# --------------------------------------------------------------------------- helpers
def _fold(text: str) -> str:
    return " ".join(text.split())


def _output_strings(cell) -> list[str]:
    found = []
    for output in cell.get("outputs", []):
        if "text" in output:
            found.append(output["text"])
        for value in output.get("data", {}).values():
            found.append(value if isinstance(value, str) else json.dumps(value))
    return found


def _all_text(notebook, keep=lambda cell: True) -> str:
    """Every source and output string of the cells ``keep`` accepts, whitespace folded."""
    parts = []
    for cell in notebook.cells:
        if keep(cell):
            parts.append(cell.source)
            parts.extend(_output_strings(cell))
    return _fold("\n".join(parts))


def solution_fragments(notebook) -> list[str]:
    """Text found only in solution cells: their lines, and their code cells' outputs.

    A line that also appears outside the solutions (say, a function name the prose
    uses) is not a solution's text, so it is left out.
    """
    elsewhere = _all_text(notebook, keep=lambda cell: not students.is_solution(cell))
    fragments = []
    for cell in notebook.cells:
        if not students.is_solution(cell):
            continue
        candidates = [_fold(line) for line in cell.source.splitlines()]
        candidates += [_fold(text) for text in _output_strings(cell)]
        fragments += [text for text in candidates
                      if len(text) >= 12 and text not in BOILERPLATE and text not in elsewhere]
    return fragments


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def _exercise_checks(notebook) -> list[str]:
    """Question ids of the auto-checked exercises, in order."""
    return [qid for cell in notebook.cells
            if cell.cell_type == "code" and students.is_exercise(cell)
            and not students.is_solution(cell)
            for qid, _, _ in grader.exercise_checks(cell.source)]


# --------------------------------------------------------------------------- student copies
@pytest.fixture(scope="module")
def student_dir(tmp_path_factory) -> Path:
    """The student copies, written by the README's command into a temporary folder."""
    output = tmp_path_factory.mktemp("student")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_student_copies.py"), "--output", str(output)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_readme_gives_the_student_copy_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/python tools/make_student_copies.py" in readme
    assert ".venv/bin/python tools/make_nbgrader_source.py" in readme
    assert "student/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_a_student_copy_for_every_notebook(student_dir):
    assert sorted(p.name for p in student_dir.glob("*.ipynb")) == NAMES


def test_the_indonesian_edition_has_student_copies_without_solutions(student_dir):
    copies = sorted((student_dir / "id").glob("*.ipynb"))
    assert [p.name for p in copies] == NAMES
    for path in copies:
        copy = _read(path)
        assert copy.cells[1].source.startswith("> **Salinan mahasiswa.**"), path.name
        assert not any(students.is_solution(cell) for cell in copy.cells), path.name
        original = _read(ROOT / "notebooks" / "id" / path.name)
        assert any(students.is_solution(cell) for cell in original.cells), path.name


@pytest.mark.parametrize("name", NAMES)
def test_no_solution_text_survives(student_dir, name):
    original = _read(ROOT / "notebooks" / name)
    copy = _read(student_dir / name)
    fragments = solution_fragments(original)
    assert fragments, f"{name} has no solution text to look for: are solutions tagged?"
    text = _all_text(copy)
    survivors = [f[:120] for f in fragments if f in text]
    assert not survivors, f"{name}: solution text in the student copy: {survivors}"
    assert SOLUTION_SUMMARY not in text
    assert not any(students.is_solution(cell) for cell in copy.cells)


@pytest.mark.parametrize("name", NAMES)
def test_everything_else_is_kept_and_exercises_are_cleared(student_dir, name):
    original = _read(ROOT / "notebooks" / name)
    copy = _read(student_dir / name)
    kept = [cell for cell in original.cells if not students.is_solution(cell)]
    copied = [cell for cell in copy.cells if students.NOTE_TAG not in students.tags(cell)]
    assert len(copied) == len(kept) == len(copy.cells) - 1
    assert students.NOTE_TAG in students.tags(copy.cells[1]), "the note follows the title"
    for before, after in zip(kept, copied):
        assert after.source == before.source and after.cell_type == before.cell_type
        if after.cell_type != "code":
            continue
        if students.is_exercise(before):
            assert after.outputs == [] and after.execution_count is None
        else:
            assert after.outputs == before.outputs
    nbformat.validate(copy)


def _execute(path: Path, workdir: Path):
    """Execute a notebook with nbclient; return it, or the exception it raised."""
    from nbclient import NotebookClient

    notebook = _read(path)
    try:
        NotebookClient(notebook, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(workdir)}}).execute()
    except Exception as error:  # noqa: BLE001  (reported by the test of that notebook)
        return error
    return notebook


@pytest.fixture(scope="module")
def executed_copies(student_dir, tmp_path_factory) -> dict:
    """Every student copy executed, two kernels at a time (CI has two cores)."""
    from concurrent.futures import ThreadPoolExecutor

    workdir = tmp_path_factory.mktemp("run")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(_execute, student_dir / name, workdir) for name in NAMES}
    return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", NAMES)
def test_student_copy_executes_without_errors(executed_copies, name):
    notebook = executed_copies[name]
    if isinstance(notebook, Exception):
        pytest.fail(f"{name}: the student copy does not run: {notebook}", pytrace=False)
    stderr = [output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
              for output in cell.outputs if output.get("name") == "stderr"]
    assert not stderr, f"{name}: the student copy writes to stderr: {stderr}"
    assert all(cell.execution_count for cell in notebook.cells if cell.cell_type == "code")


def test_the_tools_doctests():
    import doctest

    for module in (students, grader, links):
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        result = doctest.testmod(module, optionflags=flags)
        assert result.attempted and not result.failed, module.__name__


# -- a solution that a later cell depends on
def _notebook(*cells):
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    made = [new_markdown_cell("# A notebook")]
    for kind, source, tag in cells:
        metadata = {"tags": [tag]} if tag else {}
        made.append((new_code_cell if kind == "code" else new_markdown_cell)(source,
                                                                            metadata=metadata))
    return new_notebook(cells=made)


@pytest.mark.parametrize(("later", "problem"), [
    ("print(x)", "x"),                        # plainly uses it
    ("y = x + 1", "x"),                       # reads it on the right-hand side
    ("x = x + 1", "x"),                       # reads it before binding it again
    ("def f():\n    return x\nf()", "x"),     # inside a function body
    ("[x * i for i in range(2)]", "x"),       # inside a comprehension
    ("plan.cost", "plan"),                    # changed in place by the solution
])
def test_a_later_cell_needing_a_solution_name_stops_the_tool(later, problem):
    notebook = _notebook(("code", "from math import pi\nplan = Plan()", None),
                         ("code", "x = 1\nplan.cost = 2", "solution"),
                         ("code", later, None))
    assert [(i, name) for i, name, _ in students.solution_dependencies(notebook)] == \
        [(3, problem)]
    with pytest.raises(students.SolutionDependencyError, match=rf"uses '{problem}'.*cell 2"):
        students.student_copy(notebook, "demo.ipynb")


@pytest.mark.parametrize("later", [
    "x = 2\nprint(x)",                        # defines its own x first
    "for x in range(3):\n    print(x)",       # the loop binds x
    "[x for x in range(3)]",                  # a comprehension's own x
    "def f(x):\n    return x\nf(1)",          # a parameter
    "print(pi)",                              # defined by a kept cell
])
def test_names_the_student_copy_defines_itself_are_fine(later):
    notebook = _notebook(("code", "from math import pi", None),
                         ("code", "x = 1\npi = 3", "solution"),
                         ("code", "pi = 3.14159", None),
                         ("code", later, None))
    assert students.solution_dependencies(notebook) == []
    assert len(students.student_copy(notebook).cells) == 5 - 1 + 1


def test_the_command_fails_loudly_and_writes_nothing(tmp_path):
    notebook = _notebook(("code", "answer = 41", "solution"), ("code", "print(answer)", None))
    source = tmp_path / "99_broken.ipynb"
    nbformat.write(notebook, source)
    output = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_student_copies.py"), "-o", str(output),
         str(source)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "99_broken.ipynb" in result.stderr and "'answer'" in result.stderr
    assert not output.exists()


def test_cell_names_by_hand():
    names = students.cell_names(
        "import numpy as np\nfrom a.b import c as d\nt = np.arange(k)\n"
        "with open(f) as handle:\n    rows = [r for r in handle if r]\n"
        "try:\n    pass\nexcept E as err:\n    print(err)\n%matplotlib inline")
    assert names.bound >= {"np", "d", "t", "handle", "rows", "err"}
    assert "r" not in names.bound and "r" not in names.free
    assert names.free[:3] == ["k", "open", "f"]
    assert "err" not in names.free


# --------------------------------------------------------------------------- nbgrader
@pytest.mark.parametrize("name", NAMES)
def test_computed_answers_are_the_right_ones(name):
    from alliances.coursework.exercises import check

    ids = _exercise_checks(_read(ROOT / "notebooks" / name))
    assert len(ids) >= 3, f"{name}: fewer than three auto-checked exercises found"
    for question_id in ids:
        literal = grader.answer_literal(question_id)
        assert check(question_id, ast.literal_eval(literal)).correct, (question_id, literal)


@pytest.mark.parametrize("name", NAMES)
def test_nbgrader_source_marks_every_auto_checked_exercise(name):
    original = _read(ROOT / "notebooks" / name)
    source = grader.nbgrader_source(original, name, points=3)
    cells = source.cells
    meta = [cell.metadata.get("nbgrader") for cell in cells]
    ids = _exercise_checks(original)
    for question_id in ids:
        answer = next(i for i, m in enumerate(meta)
                      if m and m["grade_id"] == f"{question_id}-answer")
        assert meta[answer]["solution"] and not meta[answer]["grade"]
        assert grader.BEGIN in cells[answer].source and grader.END in cells[answer].source
        assert f"{question_id}-test" == meta[answer + 1]["grade_id"]
        test = meta[answer + 1]
        assert test["grade"] and test["locked"] and test["points"] == 3
        hidden = cells[answer + 1].source.split(grader.HIDDEN_BEGIN)
        assert len(hidden) == 2 and grader.HIDDEN_END in hidden[1]
        assert "check_form(" in hidden[0] and "expected=" not in hidden[0]
        assert f"grade({question_id!r}, " in hidden[1] and ".correct" in hidden[1]
        assert "check_form(" in cells[answer].source and "check(" not in cells[answer].source
        question = next(m for m in meta if m and m["grade_id"] == f"{question_id}-question")
        assert question["locked"] and not question["solution"]
    questions = [c for c, m in zip(cells, meta) if m and m["grade_id"].endswith("-question")]
    assert all(c.cell_type == "markdown" and c.source.startswith("###") for c in questions)
    manual = [m for m in meta if m and m["solution"] and m["grade"]]
    words = sum(students.ANSWER in students.tags(c) for c in original.cells)
    assert len(manual) == words
    assert not any(students.is_solution(cell) for cell in cells)
    ids_all = [m["grade_id"] for m in meta if m]
    assert len(ids_all) == len(set(ids_all))
    # The graded-mode cell is locked and comes before the first exercise.
    assert ids_all.index("graded-mode") < ids_all.index(f"{ids[0]}-question")
    mode = next(c for c, m in zip(cells, meta) if m and m["grade_id"] == "graded-mode")
    assert "graded_mode()" in mode.source and mode.metadata["nbgrader"]["locked"]
    nbformat.validate(source)


def _tests_by_id(source) -> dict[str, str]:
    return {c.metadata["nbgrader"]["grade_id"].removesuffix("-test"): c.source
            for c in source.cells
            if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-test")}


def _passes(test_source: str, answer: str) -> bool:
    """Run an autograder test cell (hidden part included) on one answer, as nbgrader does."""
    variable = re.search(r"check_form\('[^']+', (answer_\d+)\)", test_source)[1]
    try:
        exec(test_source, {variable: ast.literal_eval(answer)})  # noqa: S102 (our own cell)
    except AssertionError:
        return False
    return True


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_a_variant_rewrites_questions_and_hidden_tests_together(seed):
    from alliances.coursework.exercises import variants_of

    name = "03_secondary_dilemma.ipynb"
    original = _read(ROOT / "notebooks" / name)
    parameters = grader.variant_parameters(name, seed)
    default = grader.nbgrader_source(original, name)
    variant = grader.nbgrader_source(original, name, parameters=parameters)
    assert variant.metadata["alliances_variant"] == parameters != variants_of("03").defaults
    # The questions with variants state the new numbers; nothing else changes.
    changed = [a.metadata["nbgrader"]["grade_id"] for a, b in zip(default.cells, variant.cells)
               if a.source != b.source and a.cell_type == "markdown"]
    texts = variants_of("03").texts
    assert sorted(changed) == sorted(f"{q}-question" for q, text in texts.items()
                                     if text(parameters) != text(variants_of("03").defaults))
    assert changed
    # c* by hand for these parameters: (2 L_A p_A - k) / (2 L_A p_A + 2 L_E p_E (1 - r0)).
    p = parameters
    c_star = (2 * p["L_A"] * p["p_A"] - p["k"]) / (
        2 * p["L_A"] * p["p_A"] + 2 * p["L_E"] * p["p_E"] * (1 - p["r0"]))
    question = next(c.source for c in variant.cells if c.metadata.get("nbgrader", {}).get(
        "grade_id") == "03-interior-cstar-question")
    assert f"$L_A = {p['L_A']:g}$" in question and f"$k = {p['k']:g}$" in question
    tests, old_tests = _tests_by_id(variant), _tests_by_id(default)
    assert _passes(tests["03-interior-cstar"], repr(c_star))
    assert not _passes(tests["03-interior-cstar"], "0.625")       # the default's answer
    assert _passes(old_tests["03-interior-cstar"], "0.625")
    for question_id in tests:
        new = grader.answer_literal(question_id, parameters)
        old = grader.answer_literal(question_id)
        assert _passes(tests[question_id], new)
        assert _passes(tests[question_id], old) == (new == old), question_id
        assert _passes(old_tests[question_id], old)


@pytest.mark.parametrize("seed", [1, 4])
def test_a_variant_of_notebook_01(seed):
    from alliances.coursework.exercises import variants_of

    name = "01_alliance_costs.ipynb"
    original = _read(ROOT / "notebooks" / name)
    p = grader.variant_parameters(name, seed)
    variant = grader.nbgrader_source(original, name, parameters=p)
    default = grader.nbgrader_source(original, name)
    changed = [a.metadata["nbgrader"]["grade_id"] for a, b in zip(default.cells, variant.cells)
               if a.source != b.source and a.cell_type == "markdown"]
    assert changed == ["01-nash-contribution-question", "01-corner-income-question"]
    assert f"$Y_2 = {p['Y2']:g}$" in variant.cells[[c.metadata.get("nbgrader", {}).get(
        "grade_id") for c in variant.cells].index("01-nash-contribution-question")].source
    # By hand: x2 = (Y2 - (1 - alpha) Y1) / (2 - alpha), efficient total alpha (Y1 + Y2).
    x2 = (p["Y2"] - (1 - p["alpha"]) * p["Y1"]) / (2 - p["alpha"])
    tests = _tests_by_id(variant)
    assert _passes(tests["01-nash-contribution"], repr(x2))
    assert _passes(tests["01-efficient-total"], repr(p["alpha"] * (p["Y1"] + p["Y2"])))
    assert not _passes(tests["01-nash-contribution"], grader.answer_literal(
        "01-nash-contribution"))
    assert variants_of("01").parameters(seed) == p


def test_variants_are_refused_where_there_are_none_or_parameters_are_bad(tmp_path):
    assert grader.main([str(tmp_path / "c"), str(ROOT / "notebooks" / NAMES[0]),
                        "--seed", "3"]) == 1
    three = str(ROOT / "notebooks" / "03_secondary_dilemma.ipynb")
    assert grader.main([str(tmp_path / "c"), three, "--param", "k=100"]) == 1
    assert not (tmp_path / "c").exists()
    with pytest.raises(SystemExit):
        grader.main([str(tmp_path / "c"), "--param", "k"])
    assert grader.main([str(tmp_path / "c"), three, "--param", "c=0.4"]) == 0
    made = tmp_path / "c" / "source" / "03_secondary_dilemma_custom" / Path(three).name
    assert "$c = 0.4$" in made.read_text()


def _nbgrader(*arguments: str, course: Path, env: dict) -> str:
    """Run nbgrader from this environment's bin (it needs alembic on PATH)."""
    result = subprocess.run([str(BIN / "nbgrader"), *arguments], cwd=course, env=env,
                            capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"nbgrader {' '.join(arguments)} failed:\n{output[-4000:]}"
    return output


def _wrong_answer(question_id: str):
    """A value ``check`` reads as an answer and marks wrong."""
    from alliances.coursework.exercises import all_questions, check

    question = all_questions()[question_id]
    for value in [*question.options, 12345, [("X", "Y")], ("X", "Y"), "none", 0, 1]:
        feedback = check(question_id, value)
        if feedback.answered and not feedback.correct and "could not read" not in feedback.message:
            return value
    raise AssertionError(f"no wrong answer found for {question_id}")


def _submit(release: Path, target: Path, answers: dict[str, str]) -> None:
    """Fill the answer cells of the released notebook as a student would."""
    notebook = _read(release)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if cell.cell_type == "code" and grade_id.removesuffix("-answer") in answers:
            assert re.search(r"answer_\d+ = \.\.\.", cell.source), cell.source
            assert grader.BEGIN not in cell.source
            cell.source = re.sub(r"(answer_\d+) = \.\.\.", lambda m: f"{m[1]} = "
                                 f"{answers[grade_id.removesuffix('-answer')]}", cell.source,
                                 count=1)
        elif cell.cell_type == "markdown" and grade_id.endswith("-answer"):
            cell.source = "Allying is dominant, and the outcome is Pareto-inefficient."
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)


def test_nbgrader_generates_and_autogrades(tmp_path):
    from nbgrader.api import Gradebook

    course = tmp_path / "course"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_nbgrader_source.py"), str(course)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (course / "nbgrader_config.py").read_text() == grader.CONFIG
    env = {k: v for k, v in os.environ.items()
           if k not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "PYTHONPATH")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
               PYTHONPATH=str(ROOT / "lib"),   # this checkout's library, in every kernel
               JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),  # not the user's config
               JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "jupyter-runtime"),
               JUPYTER_PLATFORM_DIRS="1", IPYTHONDIR=str(tmp_path / "ipython"))

    # Every notebook becomes an assignment, with no solution left in the students' version.
    _nbgrader("generate_assignment", "*", course=course, env=env)
    for path in NOTEBOOKS:
        released = _read(course / "release" / path.stem / path.name)
        text = _all_text(released)
        survivors = [f[:80] for f in solution_fragments(_read(path)) if f in text]
        assert not survivors, f"{path.name}: solution text in the nbgrader release: {survivors}"
        assert grader.BEGIN not in text and SOLUTION_SUMMARY not in text
        for question_id in _exercise_checks(_read(path)):
            literal = re.escape(grader.answer_literal(question_id))
            assert not re.search(rf"answer_\d+ = {literal}", text), question_id
        assert grader.HIDDEN_BEGIN not in text and "expected=" not in text

    # Autograde the first notebook: one correct submission, one right only on the first.
    path = NOTEBOOKS[0]
    ids = _exercise_checks(_read(path))
    release = course / "release" / path.stem / path.name
    right = {qid: grader.answer_literal(qid) for qid in ids}
    wrong = {qid: (right[qid] if i == 0 else repr(_wrong_answer(qid)))
             for i, qid in enumerate(ids)}
    _submit(release, course / "submitted" / "good" / path.stem / path.name, right)
    _submit(release, course / "submitted" / "poor" / path.stem / path.name, wrong)
    _nbgrader("autograde", path.stem, course=course, env=env)

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        def auto_score(student: str) -> float:
            return sum(gradebook.find_grade(f"{qid}-test", path.stem, path.stem, student).score
                       for qid in ids)
        assert auto_score("good") == len(ids)
        assert auto_score("poor") == 1
        notebook = gradebook.find_submission_notebook(path.stem, path.stem, "good")
        assert notebook.max_score == len(ids) + 2 * sum(
            students.ANSWER in students.tags(c) for c in _read(path).cells)
    graded = _read(course / "autograded" / "poor" / path.stem / path.name)
    errors = [o for c in graded.cells
              if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-test")
              for o in c.outputs if o.output_type == "error"]
    assert len(errors) == len(ids) - 1
    assert all("Not yet." in "".join(e.get("evalue", "")) for e in errors), errors


# --------------------------------------------------------------------------- class links
def _teaching_section(readme: str) -> str:
    match = re.search(r"^## Teaching with this course\n(.*?)(?=^## )", readme, re.M | re.S)
    assert match, "README.md has no section '## Teaching with this course'"
    return match[1]


def test_every_notebook_has_binder_and_lecture_links_in_the_readme():
    section = _teaching_section((ROOT / "README.md").read_text(encoding="utf-8"))
    # Read the links as a student would find them, independently of the generator.
    found: dict[str, set[str]] = {}
    for base, view, target in re.findall(
            r"\((https://mybinder\.org/v2/gh/[^?\s)]+)\?urlpath=(lab/tree|voila/render)/"
            r"([^)\s]+)\)", section):
        assert base == links.BINDER, f"a Binder link to {base}, not {links.BINDER}"
        assert (ROOT / target).is_file(), f"the {view} link points at a missing {target}"
        found.setdefault(target, set()).add(view)
    for path in NOTEBOOKS:
        views = found.get(f"notebooks/{path.name}", set())
        assert views == {"lab/tree", "voila/render"}, (
            f"{path.name} lacks a Binder link in the README's teaching section ({views}): run "
            "'.venv/bin/python tools/teaching_links.py --write'")
    assert links.table(NOTEBOOKS) in section, (
        "the README's table of notebook links is out of date: run "
        "'.venv/bin/python tools/teaching_links.py --write'")
    assert "(notebooks/instructor_guide.md)" in section
    assert (ROOT / "notebooks" / "instructor_guide.md").is_file()


def test_the_links_tool_updates_only_its_table(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Course\n\nbefore\n{links.START}\nold table\n{links.END}\nafter\n",
                      encoding="utf-8")
    assert links.write(readme) is True
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Course\n\nbefore\n") and text.endswith(f"{links.END}\nafter\n")
    assert "old table" not in text and links.table() in text
    assert links.write(readme) is False  # nothing left to change


def test_nbgrader_source_of_the_indonesian_edition(tmp_path):
    """``--language id`` makes one assignment per Indonesian notebook, named ``<stem>_id``,
    graded like its English twin (the same autograded and manually graded cells)."""
    course = tmp_path / "course"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_nbgrader_source.py"), str(course),
         "--language", "id"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (course / "source").iterdir()) == \
        [f"{Path(name).stem}_id" for name in NAMES]

    def graded(notebook) -> list[tuple[str, bool]]:
        return [(c.metadata["nbgrader"]["grade_id"], c.metadata["nbgrader"].get("solution"))
                for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]

    for name in NAMES:
        indonesian = _read(course / "source" / f"{Path(name).stem}_id" / name)
        english = grader.nbgrader_source(_read(ROOT / "notebooks" / name), name)
        assert graded(indonesian) == graded(english), name
        assert indonesian.cells[0].source.startswith("# ") and \
            indonesian.cells[0].source != english.cells[0].source, name
