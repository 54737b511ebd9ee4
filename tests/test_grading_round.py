"""One nbgrader round, run as the instructor guide tells a lecturer to run it (issue 19).

Everything happens in subprocesses, from the course folder, with the virtual
environment's ``bin`` first on ``PATH`` (nbgrader calls ``alembic``), exactly as in the
guide's "Assessment" section:

1. build the course from notebook 03 (``tools/make_nbgrader_source.py``), once as it is
   and once as a variant (``--seed``);
2. ``nbgrader generate_assignment`` for both;
3. place submissions the documented way, ``submitted/<student>/<assignment>/<notebook>``:
   right answers, a blank copy, a partly right one with garbage and a syntax error, the
   variant's right answers, and the default's answers handed in for the variant;
4. ``nbgrader autograde``; mark a written answer by hand through the gradebook API;
5. ``nbgrader export`` and ``nbgrader generate_feedback``.

One assignment only (notebook 03, 5 auto-checked and 2 written exercises) keeps it to
the few notebook executions the scores need.
"""

from __future__ import annotations

import ast
import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tools"))
import make_nbgrader_source as grader  # noqa: E402

#: Left out of the quick subset (python3 -m course test --quick): see conftest.py.
pytestmark = pytest.mark.slow

NOTEBOOK = ROOT / "notebooks" / "03_secondary_dilemma.ipynb"
ASSIGNMENT = NOTEBOOK.stem
SEED = 1
VARIANT = f"{ASSIGNMENT}_v{SEED}"
AUTO = ["03-interior-cstar", "03-crisis-path", "03-two-ally-equilibrium",
        "03-linear-corner", "03-support-threshold"]
WRITTEN = ["exercise-4-answer", "exercise-7-answer"]
WRITTEN_TEXT = ("In bipolar NATO the United States' realignment option r0 is small, so "
                "abandonment is less feared and allies can stand less firmly.")


def run(command: list[str], cwd: Path, env: dict) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{output[-4000:]}"
    return output


def nbgrader(*arguments: str, course: Path, env: dict) -> str:
    """``nbgrader ...`` from the course folder, as the guide says."""
    return run(["nbgrader", *arguments], course, env)


def answer_cells(notebook) -> dict[str, nbformat.NotebookNode]:
    return {cell.metadata["nbgrader"]["grade_id"].removesuffix("-answer"): cell
            for cell in notebook.cells
            if cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-answer")}


def submit(course: Path, assignment: str, student: str, answers: dict[str, str],
           written: bool = False) -> None:
    """Fill the released notebook as a student would and put it where nbgrader looks."""
    notebook = nbformat.read(course / "release" / assignment / NOTEBOOK.name, as_version=4)
    cells = answer_cells(notebook)
    for question_id, source in answers.items():
        cell = cells[question_id]
        assert re.search(r"answer_\d+ = \.\.\.", cell.source), cell.source
        cell.source = re.sub(r"(answer_\d+) = \.\.\.", lambda m: f"{m[1]} = {source}",
                             cell.source, count=1)
    if written:
        for grade_id in WRITTEN:
            cells[grade_id.removesuffix("-answer")].source = WRITTEN_TEXT
    target = course / "submitted" / student / assignment / NOTEBOOK.name
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    # The hand-in time, as `nbgrader collect` records it (the guide says to write it).
    (target.parent / "timestamp.txt").write_text("2026-03-02 12:00:00.000000 UTC")


def hidden_expected(course: Path, assignment: str) -> dict[str, str]:
    """The expected literals as the instructor's source holds them (hidden tests)."""
    notebook = nbformat.read(course / "source" / assignment / NOTEBOOK.name, as_version=4)
    found = {}
    for cell in notebook.cells:
        match = re.search(r"grade\('([^']+)', answer_\d+, expected=(.+)\)", cell.source)
        if match:
            found[match[1]] = match[2]
    return found


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    base = tmp_path_factory.mktemp("round")
    course = base / "alliance-course"
    env = {k: v for k, v in os.environ.items()
           if k not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "PYTHONPATH")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",   # the venv's bin first
               PYTHONPATH=str(ROOT / "lib"),   # this checkout's library, in every kernel
               JUPYTER_CONFIG_DIR=str(base / "jupyter-config"),   # not the user's config
               JUPYTER_DATA_DIR=str(base / "jupyter-data"),
               JUPYTER_RUNTIME_DIR=str(base / "jupyter-runtime"),
               JUPYTER_PLATFORM_DIRS="1", IPYTHONDIR=str(base / "ipython"))
    tool = [sys.executable, str(ROOT / "tools" / "make_nbgrader_source.py"), str(course),
            str(NOTEBOOK)]
    # 1-2. Build the course (as it is, and a variant), generate both assignments.
    run(tool, ROOT, env)
    run([*tool, "--seed", str(SEED)], ROOT, env)
    logs = [nbgrader("generate_assignment", name, course=course, env=env)
            for name in (ASSIGNMENT, VARIANT)]

    right = hidden_expected(course, ASSIGNMENT)
    variant = hidden_expected(course, VARIANT)
    # 3. Submissions, the documented way: submitted/<student>/<assignment>/<notebook>.
    submit(course, ASSIGNMENT, "full", right, written=True)
    submit(course, ASSIGNMENT, "blank", {})
    submit(course, ASSIGNMENT, "partial", {
        "03-interior-cstar": "0.625",                      # right, as a decimal
        "03-crisis-path": "'\u2603 lorem ipsum'",           # garbage
        "03-two-ally-equilibrium": "('Support', ",          # a syntax error
        "03-linear-corner": "'none'",                       # wrong
        "03-support-threshold": right["03-support-threshold"]}, written=True)
    submit(course, VARIANT, "variant-right", variant)
    submit(course, VARIANT, "variant-stale", right)
    # 4. Autograde, then mark the written answers of "full" by hand (2 of 2, 1 of 2).
    logs += [nbgrader("autograde", name, course=course, env=env)
             for name in (ASSIGNMENT, VARIANT)]
    from nbgrader.api import Gradebook

    def export(name: str) -> list[dict]:
        logs.append(nbgrader("export", "--to", name, course=course, env=env))
        with open(course / name, newline="") as handle:
            return list(csv.DictReader(handle))

    before = export("grades-before.csv")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for grade_id, score in zip(WRITTEN, (2, 1)):
            grade = gradebook.find_grade(grade_id, NOTEBOOK.stem, ASSIGNMENT, "full")
            grade.manual_score = score
            grade.needs_manual_grade = False     # what the formgrader does on saving
        gradebook.db.commit()
        marked = gradebook.find_submission_notebook(NOTEBOOK.stem, ASSIGNMENT, "full")
        waiting = gradebook.find_submission_notebook(NOTEBOOK.stem, ASSIGNMENT, "partial")
        flags = (marked.needs_manual_grade, waiting.needs_manual_grade)
    # 5. Export and feedback.
    after = export("grades.csv")
    logs += [nbgrader("generate_feedback", name, course=course, env=env)
             for name in (ASSIGNMENT, VARIANT)]
    return dict(path=course, right=right, variant=variant, before=before, after=after,
                logs="\n".join(logs), flags=flags)


def scores(rows: list[dict], assignment: str) -> dict[str, tuple[float, float]]:
    return {row["student_id"]: (float(row["score"]), float(row["max_score"]))
            for row in rows if row["assignment"] == assignment}


def auto_scores(course: Path, assignment: str, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {qid: gradebook.find_grade(f"{qid}-test", NOTEBOOK.stem, assignment,
                                          student).score for qid in AUTO}


def test_the_by_hand_answer_is_in_the_hidden_tests(course):
    # c* = (2 L_A p_A - k) / (2 L_A p_A + 2 L_E p_E (1 - r0)) = (6 - 1) / (6 + 2) = 5/8.
    assert course["right"]["03-interior-cstar"] == "'5/8'"
    assert sorted(course["right"]) == sorted(AUTO) == sorted(course["variant"])


def test_full_zero_and_partial_scores(course):
    path = course["path"]
    assert auto_scores(path, ASSIGNMENT, "full") == dict.fromkeys(AUTO, 1)
    assert auto_scores(path, ASSIGNMENT, "blank") == dict.fromkeys(AUTO, 0)
    assert auto_scores(path, ASSIGNMENT, "partial") == {
        "03-interior-cstar": 1, "03-crisis-path": 0, "03-two-ally-equilibrium": 0,
        "03-linear-corner": 0, "03-support-threshold": 1}


def test_hand_marking_clears_the_flag(course):
    assert course["flags"] == (False, True)     # "partial" still waits for a marker


def test_the_export_before_and_after_hand_marking(course):
    # 5 auto points + 2 written answers of 2 points; the blank copy's written answers are
    # unchanged, so nbgrader gives them 0 itself; the others wait for a marker.
    # nbgrader's export has a row for every assignment and every student it knows, so the
    # variant's students appear with 0 for the default assignment and vice versa.
    before, after = scores(course["before"], ASSIGNMENT), scores(course["after"], ASSIGNMENT)
    nobody = {"variant-right": (0, 9), "variant-stale": (0, 9)}
    assert before == {"full": (5, 9), "blank": (0, 9), "partial": (2, 9), **nobody}
    assert after == {"full": (8, 9), "blank": (0, 9), "partial": (2, 9), **nobody}
    variant = scores(course["after"], VARIANT)
    assert variant["variant-right"] == (5, 9) and variant["full"] == (0, 9)
    # Who handed in has a timestamp; the rows of students never given it have none.
    handed_in = {(row["assignment"], row["student_id"]) for row in course["after"]
                 if row["timestamp"] not in ("", "None")}
    assert handed_in == {(ASSIGNMENT, s) for s in ("full", "blank", "partial")} | {
        (VARIANT, s) for s in ("variant-right", "variant-stale")}


def test_a_variant_marks_its_own_answers_right_and_the_defaults_wrong(course):
    from alliances.coursework.exercises import grade

    right, variant = course["right"], course["variant"]
    same = {qid for qid in AUTO
            if grade(qid, ast.literal_eval(right[qid]), ast.literal_eval(variant[qid])).correct}
    assert {"03-interior-cstar", "03-support-threshold"} <= set(AUTO) - same  # numbers changed
    path = course["path"]
    assert auto_scores(path, VARIANT, "variant-right") == dict.fromkeys(AUTO, 1)
    assert auto_scores(path, VARIANT, "variant-stale") == {qid: int(qid in same)
                                                           for qid in AUTO}


def test_the_variant_states_its_own_numbers(course):
    default = nbformat.read(course["path"] / "release" / ASSIGNMENT / NOTEBOOK.name, 4)
    variant = nbformat.read(course["path"] / "release" / VARIANT / NOTEBOOK.name, 4)
    changed = [(a.source, b.source) for a, b in zip(default.cells, variant.cells)
               if a.source != b.source]
    from alliances.coursework.exercises import variants_of
    variants = variants_of("03")
    parameters = variants.parameters(SEED)
    stated = [text(parameters) for text in variants.texts.values()
              if text(parameters) != text(variants.defaults)]
    assert len(changed) == len(stated) >= 3
    assert all(a.startswith("### Exercise") for a, _ in changed)
    assert all(any(sentence in b for _, b in changed) for sentence in stated)


def test_garbage_and_syntax_errors_do_not_crash_and_report_their_own_exercise(course):
    graded = nbformat.read(
        course["path"] / "autograded" / "partial" / ASSIGNMENT / NOTEBOOK.name, 4)
    errors = {cell.metadata["nbgrader"]["grade_id"]: output
              for cell in graded.cells if cell.metadata.get("nbgrader", {}).get("grade")
              for output in cell.get("outputs", []) if output.output_type == "error"}
    assert errors["03-two-ally-equilibrium-test"]["ename"] == "NameError"
    assert "answer_3" in errors["03-two-ally-equilibrium-test"]["evalue"]
    assert "Cannot be read" in errors["03-crisis-path-test"]["evalue"]
    assert "Expected 'full'" in errors["03-linear-corner-test"]["evalue"]


def test_no_expected_value_in_the_release(course):
    for name in (ASSIGNMENT, VARIANT):
        text = (course["path"] / "release" / name / NOTEBOOK.name).read_text()
        assert "expected=" not in text and grader.HIDDEN_BEGIN not in text
        assert "graded_mode()" in text


def test_feedback_has_alt_text_and_no_warnings(course):
    pages = sorted((course["path"] / "feedback").glob("*/*/*.html"))
    assert len(pages) == 5
    for page in pages:
        html = page.read_text()
        images = re.findall(r"<img\b[^>]*>", html)
        assert images and all(re.search(r"\balt=(\"[^\"]+\"|'[^']+')", tag)
                              for tag in images), page
    assert "SAWarning" not in course["logs"]
