"""Packaging checks: the pins, Binder's configuration, the README commands and CI.

requirements.txt is the one place the runtime pins are declared. These tests check that
pyproject.toml, requirements-test.txt and binder/ agree with it, that the pins are what
is installed in the running environment (so they cannot rot unnoticed), that
repo2docker turns binder/ into the environment we test, and that the two commands in
README.md are the ones CI runs.
"""

from __future__ import annotations

import importlib.metadata
import itertools
import importlib.util
import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from readme_commands import KINDS, readme_command

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements.txt"
REQUIREMENTS_TEST = ROOT / "requirements-test.txt"
PYPROJECT = ROOT / "pyproject.toml"
BINDER = ROOT / "binder"
README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"

LOCAL_PACKAGE = "alliances"
RUNTIME_PACKAGES = {
    "jupyterlab", "ipywidgets", "matplotlib", "nashpy", "nbval",
    "numpy", "scipy", "pandas",
}
TEST_TOOLS = {"pytest", "hypothesis", "playwright", "jupyter-repo2docker"}
PYTHON = "3.11"

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[0-9][A-Za-z0-9.+!-]*)$")
INCLUDE = re.compile(r"^(?:-r|--requirement)[ =]\s*(?P<path>\S+)$")
EDITABLE_HERE = "-e ."


def normalize(name: str) -> str:
    """PEP 503 normalized project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Requirements:
    """A requirements file with its ``-r`` includes followed."""

    pins: dict[str, str]  # normalized name -> version
    editables: tuple[str, ...]  # the ``-e`` targets, as written
    sources: dict[str, Path]  # normalized name -> file that pins it


def read_lines(path: Path) -> list[str]:
    """Non-blank, non-comment lines of a requirements file, stripped."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def resolve(path: Path, _seen: tuple[Path, ...] = ()) -> Requirements:
    """Read a requirements file of exact pins, ``-e .`` and ``-r`` includes.

    ``-r`` paths are relative to the including file, as pip reads them. Any other kind
    of line is an error, and so is a package pinned twice.
    """
    path = path.resolve()
    assert path not in _seen, f"{path} includes itself through {_seen}"
    pins: dict[str, str] = {}
    sources: dict[str, Path] = {}
    editables: list[str] = []
    for line in read_lines(path):
        if line == EDITABLE_HERE:
            editables.append(".")
            continue
        if m := INCLUDE.match(line):
            sub = resolve(path.parent / m["path"], (*_seen, path))
            editables.extend(sub.editables)
            items = [(n, v, sub.sources[n]) for n, v in sub.pins.items()]
        elif m := PIN.match(line):
            items = [(normalize(m["name"]), m["version"], path)]
        else:
            raise AssertionError(
                f"{path.relative_to(ROOT)}: {line!r} is neither a comment, '-e .', "
                "'-r FILE' nor an exact pin 'name==version'"
            )
        for name, version, source in items:
            assert name not in pins, (
                f"{name} is pinned twice: {pins[name]} in {sources[name].relative_to(ROOT)}"
                f" and {version} in {source.relative_to(ROOT)}"
            )
            pins[name], sources[name] = version, source
    return Requirements(pins, tuple(editables), sources)


# --- requirements.txt, the runtime pins -------------------------------------------------


def test_runtime_requirements_are_exact_pins_and_the_local_package():
    for line in read_lines(REQUIREMENTS):
        assert line == EDITABLE_HERE or PIN.match(line), (
            f"requirements.txt: {line!r} must be an exact pin 'name==version' or '-e .'"
        )
    req = resolve(REQUIREMENTS)
    missing = RUNTIME_PACKAGES - set(req.pins)
    assert not missing, f"requirements.txt lacks {sorted(missing)}"
    assert req.editables == (".",), "requirements.txt must install the course library with '-e .'"


def test_local_package_is_the_alliances_library_in_lib():
    pyproject = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    assert pyproject["project"]["name"] == LOCAL_PACKAGE
    assert pyproject["tool"]["setuptools"]["packages"]["find"]["where"] == ["lib"]
    assert (ROOT / "lib" / LOCAL_PACKAGE / "__init__.py").is_file()


def test_pyproject_dependencies_have_the_same_pins_as_requirements():
    pyproject = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    pins = resolve(REQUIREMENTS).pins
    for dependency in pyproject["project"]["dependencies"]:
        m = PIN.match(dependency.strip())
        assert m, f"pyproject.toml: dependency {dependency!r} is not an exact pin"
        name = normalize(m["name"])
        assert name in pins, f"pyproject.toml depends on {name}, which requirements.txt lacks"
        assert pins[name] == m["version"], (
            f"{name}: pyproject.toml pins {m['version']}, requirements.txt pins {pins[name]}"
        )


# --- requirements-test.txt ---------------------------------------------------------------


def test_test_requirements_include_the_runtime_and_pin_every_tool():
    lines = read_lines(REQUIREMENTS_TEST)
    assert "-r requirements.txt" in lines, "requirements-test.txt must start from -r requirements.txt"
    for line in lines:
        assert line == "-r requirements.txt" or PIN.match(line), (
            f"requirements-test.txt: {line!r} must be an exact pin 'name==version'"
        )
    own = {normalize(PIN.match(line)["name"]) for line in lines if PIN.match(line)}
    assert TEST_TOOLS <= own, f"requirements-test.txt lacks {sorted(TEST_TOOLS - own)}"
    runtime = set(resolve(REQUIREMENTS).pins)
    assert not own & runtime, (
        f"requirements-test.txt repeats runtime pins {sorted(own & runtime)}: "
        "requirements.txt is the one place they are declared"
    )


def test_no_package_is_pinned_differently_in_two_files():
    seen: dict[str, tuple[str, str]] = {}
    files = [REQUIREMENTS, REQUIREMENTS_TEST, BINDER / "requirements.txt"]
    entries = []
    for path in files:
        for line in read_lines(path):
            if m := PIN.match(line):
                entries.append((normalize(m["name"]), m["version"], path.relative_to(ROOT)))
    pyproject = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    for dependency in pyproject["project"]["dependencies"]:
        if m := PIN.match(dependency.strip()):
            entries.append((normalize(m["name"]), m["version"], "pyproject.toml"))
    for name, version, where in entries:
        if name in seen:
            assert seen[name][0] == version, (
                f"{name} is pinned to {seen[name][0]} in {seen[name][1]} and {version} in {where}"
            )
        seen.setdefault(name, (version, str(where)))
    resolve(REQUIREMENTS_TEST)  # also fails on a package pinned twice


# --- binder/ -------------------------------------------------------------------------------


def test_binder_runtime_is_python_311():
    text = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert text == f"python-{PYTHON}", f"binder/runtime.txt says {text!r}, expected 'python-{PYTHON}'"


def test_binder_requirements_install_the_same_pins_and_the_local_package():
    binder = resolve(BINDER / "requirements.txt")
    runtime = resolve(REQUIREMENTS)
    assert binder.pins == runtime.pins, (
        "binder/requirements.txt must resolve to exactly the pins of requirements.txt; "
        f"only in binder: {sorted(set(binder.pins.items()) - set(runtime.pins.items()))}, "
        f"missing from binder: {sorted(set(runtime.pins.items()) - set(binder.pins.items()))}"
    )
    assert "." in binder.editables, "binder/requirements.txt must install the local package (-e .)"


def test_binder_has_no_file_that_would_replace_the_pip_environment():
    # With any of these, repo2docker picks another build pack or ignores requirements.txt.
    for name in ("environment.yml", "Pipfile", "Pipfile.lock", "setup.py", "Dockerfile",
                 "Project.toml", "install.R", "default.nix"):
        assert not (BINDER / name).exists(), f"binder/{name} would change how Binder builds"


def test_binder_build_context_leaves_out_local_environments():
    """A local ``repo2docker .`` must not copy .venv or caches into the image."""
    build = pytest.importorskip("docker.utils.build", reason="docker-py comes with repo2docker")
    ignore = BINDER / ".dockerignore"
    assert ignore.is_file(), "binder/.dockerignore keeps .venv out of local builds"
    patterns = [line for line in read_lines(ignore)]
    files = build.exclude_paths(str(ROOT), patterns)
    leaked = sorted(f for f in files if f.split("/")[0] == ".venv" or "__pycache__" in f)
    assert not leaked, f"the build context would include {leaked[:5]}"
    for needed in ("requirements.txt", "pyproject.toml", "binder/requirements.txt",
                   f"lib/{LOCAL_PACKAGE}/__init__.py"):
        assert needed in files, f"the build context must include {needed}"


# --- the pins are what is installed --------------------------------------------------------


def test_every_pin_is_the_installed_version():
    pins = resolve(REQUIREMENTS_TEST).pins
    wrong = {}
    for name, version in pins.items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = f"pinned {version}, installed {installed}"
    assert not wrong, f"pins that are not what is installed in {sys.prefix}: {wrong}"


def test_local_package_is_installed_from_this_checkout():
    pyproject = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    assert importlib.metadata.version(LOCAL_PACKAGE) == pyproject["project"]["version"]
    spec = importlib.util.find_spec(LOCAL_PACKAGE)
    assert spec is not None and spec.origin is not None
    assert Path(spec.origin).resolve().is_relative_to(ROOT / "lib"), (
        f"{LOCAL_PACKAGE} is imported from {spec.origin}, not from this checkout's lib/"
    )


# --- repo2docker ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dockerfile() -> str:
    """The Dockerfile repo2docker generates for this checkout (no Docker needed)."""
    exe = Path(sys.executable).parent / "repo2docker"
    if not exe.exists():
        found = shutil.which("repo2docker")
        if found is None:
            pytest.skip("repo2docker is not installed (pip install -r requirements-test.txt)")
        exe = Path(found)
    # --no-build --debug prints the Dockerfile; the user id and name are Binder's, so the
    # output does not depend on who runs the tests.
    result = subprocess.run(
        [str(exe), "--no-build", "--debug", "--user-id", "1000", "--user-name", "jovyan",
         str(ROOT)],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"repo2docker failed:\n{output[-4000:]}"
    assert "FROM " in output, f"repo2docker printed no Dockerfile:\n{output[-4000:]}"
    return output


def test_repo2docker_uses_python_311(dockerfile):
    assert f"Building conda environment for python={PYTHON}" in dockerfile
    # Build files are named with their path escaped ("-2e" for "."): decode to read them.
    decoded = re.sub(r"-([0-9a-f]{2})", lambda m: chr(int(m[1], 16)), dockerfile)
    assert re.search(rf"/environment\.py-{re.escape(PYTHON)}-linux-\S+ /tmp/env/environment\.lock",
                     decoded), "the base environment is not the Python 3.11 lock file"


def test_repo2docker_installs_the_binder_requirements_after_copying_the_repo(dockerfile):
    lines = [line.strip() for line in dockerfile.splitlines()]
    install = [i for i, line in enumerate(lines)
               if line.startswith("RUN ") and "pip install" in line
               and '-r "binder/requirements.txt"' in line]
    assert len(install) == 1, "repo2docker must pip install -r binder/requirements.txt once"
    copy = [i for i, line in enumerate(lines)
            if re.match(r"COPY --chown=1000:1000 src/ \$\{REPO_DIR\}/$", line)]
    assert copy, "repo2docker must copy the whole repository into the image"
    # The requirements reference local paths (-r ../requirements.txt, -e .), so the
    # install must run after the repository is in the image, not in the pre-assemble step.
    assert copy[0] < install[0], "the pip install runs before the repository is copied"
    assert not any("postBuild" in line for line in lines if line.startswith("RUN")), (
        "no postBuild is expected"
    )


# --- README commands and .ci/run -----------------------------------------------------------


@pytest.fixture(scope="module")
def commands() -> dict[str, list[str]]:
    """The README commands, split into their ``&&`` steps."""
    return {kind: [step.strip() for step in readme_command(kind, README).split("&&")]
            for kind in KINDS}


def test_readme_has_both_commands(commands):
    assert set(commands) == {"open", "test", "site"}
    assert all(all(commands[kind]) for kind in KINDS)


def test_readme_commands_create_the_same_venv(commands):
    assert commands["open"][0] == commands["test"][0] == "python3 -m venv .venv"


def test_readme_commands_install_consistently(commands):
    assert commands["open"][1] == ".venv/bin/pip install -r requirements.txt"
    assert commands["test"][1] == ".venv/bin/pip install -r requirements-test.txt"
    for kind in KINDS:
        target = commands[kind][1].split()[-1]
        assert (ROOT / target).is_file(), f"the {kind} command installs {target}, which is missing"


def test_readme_test_command_runs_pytest_from_the_venv(commands):
    assert commands["test"][-1] == ".venv/bin/python -m pytest"
    assert len(commands["test"]) == 3


def test_readme_open_command_opens_the_first_notebook_in_jupyterlab(commands):
    assert len(commands["open"]) == 3
    program, subcommand, notebook = commands["open"][2].split()
    assert (program, subcommand) == (".venv/bin/jupyter", "lab")
    assert notebook == "notebooks/00_start_here.ipynb"
    assert (ROOT / notebook).is_file(), f"the open command opens {notebook}, which is missing"
    badge = re.search(r"https://mybinder\.org/v2/gh/\S+?urlpath=lab/tree/(\S+?)\)",
                      README.read_text(encoding="utf-8"))
    assert badge, "README.md needs a Binder badge that opens JupyterLab"
    assert badge[1] == notebook, "the Binder badge and the open command open different notebooks"


def test_readme_commands_script_prints_the_same_command():
    """``.ci/run`` calls the module as a stdlib-only script: check that it works so."""
    for kind in KINDS:
        result = subprocess.run(
            [sys.executable, "-I", str(ROOT / "tests" / "readme_commands.py"), kind],
            capture_output=True, text=True, timeout=60, cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == readme_command(kind, README)


def test_ci_run_takes_the_test_command_from_the_readme():
    text = CI_RUN.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n") or text.startswith("#!/bin/bash\n")
    assert os.stat(CI_RUN).st_mode & stat.S_IXUSR, ".ci/run must be executable"
    assert "set -euo pipefail" in text
    assert "tests/readme_commands.py test" in text
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert readme_command("test", README) not in code
    for copy in ("-m pytest", "pip install", "requirements-test.txt"):
        assert copy not in code, f".ci/run has its own copy of the test command ({copy!r})"
    assert "REQUIRE_BROWSER=1" in code
    subprocess.run(["bash", "-n", str(CI_RUN)], check=True, timeout=30)


@pytest.mark.skipif(not os.access("/usr/bin/chromium", os.X_OK),
                    reason=".ci/run installs Debian's chromium first; not installed here")
@pytest.mark.parametrize(
    ("command", "succeeds"),
    [
        ("echo '===== 3 passed, 1 skipped in 0.10s ====='", True),
        ("echo '===== no tests ran in 0.01s ====='; exit 5", False),
        ("echo '===== 2 skipped in 0.01s ====='", False),
        ("echo '===== 0 passed in 0.01s ====='", False),
        ("echo '===== 1 failed, 2 passed in 0.10s ====='; exit 1", False),
        ("echo 'nothing like a summary'", False),
    ],
)
def test_ci_run_fails_unless_tests_passed(tmp_path, command, succeeds):
    """Run .ci/run on a throwaway copy whose README test command only prints a summary."""
    (tmp_path / ".ci").mkdir()
    (tmp_path / "tests").mkdir()
    shutil.copy2(CI_RUN, tmp_path / ".ci" / "run")
    shutil.copy2(ROOT / "tests" / "readme_commands.py", tmp_path / "tests")
    (tmp_path / ".venv").mkdir()  # .ci/run must remove it
    (tmp_path / "README.md").write_text(
        "# Fake\n\n<!-- command: open -->\n```bash\ntrue\n```\n\n"
        f"<!-- command: test -->\n```bash\n{command}\n```\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "REQUIRE_BROWSER"}
    result = subprocess.run(["bash", str(tmp_path / ".ci" / "run")], cwd="/",
                            capture_output=True, text=True, timeout=120, env=env)
    output = result.stdout + result.stderr
    assert (result.returncode == 0) == succeeds, output
    assert not (tmp_path / ".venv").exists(), ".ci/run must build the venv from nothing"
    assert ".ci/run finished with exit code" in output and "after" in output


# ------------------------------------------------------------------------ performance
def test_readme_performance_figures_come_from_the_reports_it_cites():
    """The README's measured figures are copied from committed benchmark reports (in
    benchmarks/published/; benchmarks/results/ is each machine's own): the
    widget table and the execution times from the newest report the section cites, every
    other figure of its tables (the "before" figures) from one of the cited reports."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Performance", 1)[1].split("\n## ", 1)[0]
    cited = sorted(set(re.findall(r"benchmarks/published/(report-\d{8}-\d{6}\.md)",
                                  section)))
    assert cited, "the Performance section cites no benchmark report"

    def figures(name: str) -> set[str]:
        report = (ROOT / "benchmarks" / "published" / name).read_text(encoding="utf-8")
        return set(re.findall(r"\| (\d+\.\d) (?=[|(])", report))

    newest, anywhere = figures(cited[-1]), set().union(*(figures(c) for c in cited))
    rows = [line for line in section.splitlines() if line.startswith("| ")
            and "---" not in line]
    start = next(i for i, r in enumerate(rows) if r.startswith("| widget (notebook) |"))
    widget_table = list(itertools.takewhile(lambda r: "(0" in r, rows[start + 1:]))
    assert len(widget_table) >= 11, widget_table
    for row in widget_table:
        in_process = re.findall(r"\d+\.\d", row.split("|")[2])
        missing = [v for v in in_process if v not in newest]
        assert in_process and not missing, f"{row}: {missing} not in {cited[-1]}"
    timings = next(r for r in rows if r.startswith("| 00 / 01"))
    assert set(re.findall(r"\d+\.\d", timings)) <= newest, timings
    for row in rows:
        for value in re.findall(r"(?<![\d.])\d+\.\d(?![\d.])", row):
            assert value in anywhere, f"{value} in {row!r} is in none of {cited}"
