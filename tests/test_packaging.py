"""Packaging checks: the direct list, the lock, Binder's configuration, the README
commands and CI.

``requirements.in`` is the one list of direct runtime dependencies a person edits;
``requirements.txt`` is the lock generated from it (``uv pip compile``), pinning every
package for Python 3.11 and newer. These tests check that the lock is not stale against
the direct list, that it is exactly the dependency closure of that list on this machine,
that pyproject.toml, requirements-test.txt and binder/ agree with both, that the pins are
what is installed in the running environment and ``pip check`` is clean (so they cannot
rot unnoticed), that repo2docker turns binder/ into the environment we test, and that
the two commands in README.md are the ones CI runs.

Why not regenerate the lock in a test and compare? Resolving needs the package index,
and a test must run offline. What is checked instead: the lock's header names the input
file and the command; every direct pin is in the lock, with the same version and without
a condition; the packages the lock marks as required "via -r requirements.in" are exactly
the direct list; and the lock's packages that apply to this interpreter and platform are
exactly the closure of the direct list computed from the installed packages' own
metadata (``importlib.metadata``), with extras and markers. Editing requirements.in or
pyproject.toml without recompiling fails the first checks; a lock edited by hand, or one
whose packages are not those installed, fails the last.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import itertools
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
from packaging.markers import Marker
from packaging.requirements import Requirement

from readme_commands import KINDS, readme_command

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS_IN = ROOT / "requirements.in"
LOCK = ROOT / "requirements.txt"
REQUIREMENTS_TEST = ROOT / "requirements-test.txt"
PYPROJECT = ROOT / "pyproject.toml"
BINDER = ROOT / "binder"
README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"
PUBLISHED = ROOT / "benchmarks" / "published"

LOCAL_PACKAGE = "alliances"
RUNTIME_PACKAGES = {
    "jupyterlab", "ipywidgets", "matplotlib", "nashpy", "nbval",
    "numpy", "scipy", "pandas", "pillow",
}
TEST_TOOLS = {"pytest", "hypothesis", "playwright", "jupyter-repo2docker",
              "pytest-xdist"}  # pytest: in the lock
PYTHON = "3.11"
LOCK_COMMAND = ("uv pip compile requirements.in --universal --python-version 3.11 "
                "--no-emit-package setuptools -o requirements.txt")
NOT_EMITTED = {"setuptools"}  # --no-emit-package: pip and venv bring their own

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[0-9][A-Za-z0-9.+!-]*)"
                 r"(?:\s*;\s*(?P<marker>.+))?$")
INCLUDE = re.compile(r"^(?:-r|--requirement)[ =]\s*(?P<path>\S+)$")
EDITABLE_HERE = "-e ."


def normalize(name: str) -> str:
    """PEP 503 normalized project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def applies(marker: str | None) -> bool:
    """Whether a requirement line's environment marker holds for this interpreter."""
    return marker is None or Marker(marker).evaluate()


@dataclass(frozen=True)
class Requirements:
    """A requirements file with its ``-r`` includes followed (lines for this machine)."""

    pins: dict[str, str]  # normalized name -> version
    editables: tuple[str, ...]  # the ``-e`` targets, as written
    sources: dict[str, Path]  # normalized name -> file that pins it


def read_lines(path: Path) -> list[str]:
    """Non-blank, non-comment lines of a requirements file, stripped."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def resolve(path: Path, _seen: tuple[Path, ...] = ()) -> Requirements:
    """Read a requirements file of exact pins, ``-e .`` and ``-r`` includes.

    ``-r`` paths are relative to the including file, as pip reads them. A pin whose
    environment marker does not hold here is left out (the lock has a few for Windows,
    macOS or other Python versions). Any other kind of line is an error, and so is a
    package pinned twice for this machine.
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
            if not applies(m["marker"]):
                continue
            items = [(normalize(m["name"]), m["version"], path)]
        else:
            raise AssertionError(
                f"{path.relative_to(ROOT)}: {line!r} is neither a comment, '-e .', "
                "'-r FILE' nor an exact pin 'name==version' (with an optional '; marker')"
            )
        for name, version, source in items:
            assert name not in pins, (
                f"{name} is pinned twice: {pins[name]} in {sources[name].relative_to(ROOT)}"
                f" and {version} in {source.relative_to(ROOT)}"
            )
            pins[name], sources[name] = version, source
    return Requirements(pins, tuple(editables), sources)


def direct_pins() -> dict[str, str]:
    """requirements.in: the direct runtime dependencies, exact pins (no includes)."""
    pins = {}
    for line in read_lines(REQUIREMENTS_IN):
        if line == EDITABLE_HERE:
            continue
        m = PIN.match(line)
        assert m and not m["marker"], (
            f"requirements.in: {line!r} must be an exact pin 'name==version' or '-e .'"
        )
        pins[normalize(m["name"])] = m["version"]
    return pins


def pyproject_pins() -> dict[str, str]:
    pyproject = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    pins = {}
    for dependency in pyproject["project"]["dependencies"]:
        m = PIN.match(dependency.strip())
        assert m, f"pyproject.toml: dependency {dependency!r} is not an exact pin"
        pins[normalize(m["name"])] = m["version"]
    return pins


def lock_entries() -> list[tuple[str, str, str | None, list[str]]]:
    """The lock's packages: (name, version, marker or None, what it is required via)."""
    entries: list[tuple[str, str, str | None, list[str]]] = []
    for raw in LOCK.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or (line.startswith("#") and not raw.startswith("    #")):
            continue
        if raw.startswith("    #"):  # uv's annotation: "# via x" or a list "#   x"
            via = line.lstrip("#").strip()
            via = via.removeprefix("via").strip()
            if via and entries:
                entries[-1][3].append(via)
            continue
        if line == EDITABLE_HERE:
            entries.append((LOCAL_PACKAGE, "-e .", None, []))
            continue
        m = PIN.match(line)
        assert m, f"requirements.txt: {line!r} is not an exact pin (the lock pins everything)"
        entries.append((normalize(m["name"]), m["version"], m["marker"], []))
    return entries


# --- requirements.in, the direct list, and requirements.txt, the lock -------------------


def test_direct_list_is_exact_pins_and_the_local_package():
    pins = direct_pins()
    missing = RUNTIME_PACKAGES - set(pins)
    assert not missing, f"requirements.in lacks {sorted(missing)}"
    assert EDITABLE_HERE in read_lines(REQUIREMENTS_IN), (
        "requirements.in must install the course library with '-e .'"
    )


def test_lock_header_names_the_input_file_and_the_command():
    head = LOCK.read_text(encoding="utf-8").splitlines()[:2]
    assert head[0].startswith("# This file was autogenerated by uv"), head
    assert head[1].lstrip("# ").strip() == LOCK_COMMAND, (
        f"requirements.txt was not made by the documented command: {head[1]!r}; "
        f"regenerate it with: {LOCK_COMMAND}"
    )
    assert LOCK_COMMAND in REQUIREMENTS_IN.read_text(encoding="utf-8"), (
        "requirements.in must say how the lock is made")


def test_lock_has_every_direct_pin_unconditionally():
    lock = {(name, version) for name, version, marker, _ in lock_entries() if marker is None}
    stale = {name: version for name, version in direct_pins().items()
             if (name, version) not in lock}
    assert not stale, (
        f"requirements.txt is stale: requirements.in pins {stale}; regenerate it with "
        f"{LOCK_COMMAND}"
    )
    assert (LOCAL_PACKAGE, "-e .", None) in {e[:3] for e in lock_entries()}


def test_lock_marks_exactly_the_direct_list_as_direct():
    marked = {name for name, _, _, via in lock_entries() if "-r requirements.in" in via}
    expected = set(direct_pins()) | {LOCAL_PACKAGE}
    assert marked == expected, (
        "requirements.txt is stale: required via requirements.in but not in it: "
        f"{sorted(marked - expected)}; in it but not marked: {sorted(expected - marked)}"
    )


def test_lock_pins_each_package_once_per_environment():
    entries = lock_entries()
    for name, group in itertools.groupby(sorted(entries, key=lambda e: e[0]),
                                         key=lambda e: e[0]):
        group = list(group)
        here = [e for e in group if applies(e[2])]
        assert len(here) <= 1, f"{name} is pinned {len(here)} times for this interpreter"
        if len(group) > 1:
            assert all(e[2] for e in group), f"{name}: a repeated pin needs a marker"
    assert not NOT_EMITTED & {e[0] for e in entries}


def _closure(roots: dict[str, set[str]]) -> set[str]:
    """Every distribution needed by ``roots`` (name -> extras), from installed metadata."""
    done: dict[str, set[str]] = {}
    todo = [(name, extras) for name, extras in roots.items()]
    while todo:
        name, extras = todo.pop()
        seen = done.get(name)
        if seen is not None and extras <= seen:
            continue
        done[name] = (seen or set()) | extras
        requires = importlib.metadata.distribution(name).requires or []
        for text in requires:
            req = Requirement(text)
            wanted = req.marker is None or any(
                req.marker.evaluate({"extra": extra}) for extra in {"", *done[name]}
            )
            if wanted:
                todo.append((normalize(req.name), set(req.extras)))
    return set(done)


def test_lock_is_the_closure_of_the_direct_list_here():
    """On this interpreter and platform, the lock's packages are exactly what the direct
    list and the library's own dependencies need, by the installed packages' metadata."""
    roots = {name: set() for name in direct_pins()} | {
        name: set() for name in pyproject_pins()}
    needed = _closure(roots) - NOT_EMITTED
    locked = {name for name, _, marker, _ in lock_entries()
              if name != LOCAL_PACKAGE and applies(marker)}
    assert needed == locked, (
        f"needed but not in the lock: {sorted(needed - locked)}; in the lock but not "
        f"needed: {sorted(locked - needed)}; regenerate it with {LOCK_COMMAND}"
    )


def test_local_package_is_the_alliances_library_in_lib():
    pyproject = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    assert pyproject["project"]["name"] == LOCAL_PACKAGE
    assert pyproject["tool"]["setuptools"]["packages"]["find"]["where"] == ["lib"]
    assert (ROOT / "lib" / LOCAL_PACKAGE / "__init__.py").is_file()


def test_pyproject_dependencies_have_the_same_pins_as_the_direct_list():
    direct = direct_pins()
    for name, version in pyproject_pins().items():
        assert name in direct, f"pyproject.toml depends on {name}, which requirements.in lacks"
        assert direct[name] == version, (
            f"{name}: pyproject.toml pins {version}, requirements.in pins {direct[name]}"
        )


def _third_party_imports() -> dict[str, Path]:
    """Top-level modules that lib/alliances imports from outside the standard library."""
    found: dict[str, Path] = {}
    for path in sorted((ROOT / "lib" / LOCAL_PACKAGE).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("__future__",
                                                                       LOCAL_PACKAGE):
                    found.setdefault(top, path)
    return found


def test_pyproject_declares_every_import_of_the_library():
    """pillow was imported (as PIL) but not declared: every import must be."""
    declared = set(pyproject_pins())
    providers = importlib.metadata.packages_distributions()
    imports = _third_party_imports()
    assert "PIL" in imports and "numpy" in imports  # the scan sees the imports
    for module, path in imports.items():
        dists = {normalize(d) for d in providers.get(module, [])}
        assert dists, f"{path.relative_to(ROOT)} imports {module}, which nothing installs"
        assert dists & declared, (
            f"{path.relative_to(ROOT)} imports {module} (from {sorted(dists)}), which "
            "pyproject.toml does not declare"
        )


@pytest.mark.slow  # runs pip: not in the quick subset
def test_pip_check_is_clean():
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, f"pip check in {sys.prefix}:\n{result.stdout}{result.stderr}"


# --- requirements-test.txt ---------------------------------------------------------------


def test_test_requirements_include_the_lock_and_pin_every_tool():
    """The test tools stay outside the runtime lock: requirements-test.txt is the lock
    (-r requirements.txt) and exact pins of the tools."""
    lines = read_lines(REQUIREMENTS_TEST)
    assert "-r requirements.txt" in lines, (
        "requirements-test.txt must start from -r requirements.txt")
    for line in lines:
        assert line == "-r requirements.txt" or PIN.match(line), (
            f"requirements-test.txt: {line!r} must be an exact pin 'name==version'"
        )
    own = {normalize(PIN.match(line)["name"]) for line in lines if PIN.match(line)}
    runtime = {name for name, *_ in lock_entries()}
    assert TEST_TOOLS <= own | runtime, (
        f"neither requirements-test.txt nor the lock pins {sorted(TEST_TOOLS - own - runtime)}"
    )
    assert not own & runtime, (
        f"requirements-test.txt repeats pins of the lock {sorted(own & runtime)}: "
        "add them to requirements.in and recompile instead"
    )


def test_no_package_is_pinned_differently_in_two_files():
    seen: dict[str, tuple[str, str]] = {}
    entries = [(name, version, "requirements.in") for name, version in direct_pins().items()]
    entries += [(name, version, "pyproject.toml") for name, version in pyproject_pins().items()]
    for path in (LOCK, REQUIREMENTS_TEST, BINDER / "requirements.txt"):
        for line in read_lines(path):
            if (m := PIN.match(line)) and applies(m["marker"]):
                entries.append((normalize(m["name"]), m["version"], path.relative_to(ROOT)))
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
    runtime = resolve(LOCK)
    assert binder.pins == runtime.pins, (
        "binder/requirements.txt must install exactly the lock, requirements.txt; "
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
    # The one postBuild step installs the course's JupyterLab settings, after the install.
    post = [i for i, line in enumerate(lines) if line == "RUN ./binder/postBuild"]
    assert len(post) == 1 and post[0] > install[0], "postBuild runs once, after pip install"
    script = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert not re.search(r"\b(pip|conda|mamba)\b", script), \
        "postBuild only installs settings; packages come from the lock"


# --- README commands and .ci/run -----------------------------------------------------------


OPEN_COMMAND = "python3 -m course open"
TEST_COMMAND = "python3 -m course test"


def test_readme_commands_are_the_course_launcher():
    """One command each, the same on Linux, macOS and Windows (there ``py`` or ``python``
    in place of ``python3``, which the README says); the launcher makes the venv and
    installs the lock (tests/test_course_command.py runs it)."""
    assert readme_command("open", README) == OPEN_COMMAND
    assert readme_command("test", README) == TEST_COMMAND
    assert (ROOT / "course" / "__main__.py").is_file()
    launcher = (ROOT / "course" / "__main__.py").read_text(encoding="utf-8")
    assert 'REQUIREMENTS = {"open": "requirements.txt", "test": "requirements-test.txt"}' in (
        launcher)


def test_readme_has_the_three_commands():
    """open and test (the launcher), and site (the static site and PDF, tests/test_build_site.py)."""
    assert set(KINDS) == {"open", "test", "site"}
    assert all(readme_command(kind, README) for kind in KINDS)


def test_readme_open_command_and_binder_badge_open_the_same_notebook():
    sys.path.insert(0, str(ROOT))
    from course.__main__ import START_NOTEBOOK

    assert (ROOT / START_NOTEBOOK).is_file(), f"the open command opens {START_NOTEBOOK}"
    badge = re.search(r"https://mybinder\.org/v2/gh/\S+?urlpath=lab/tree/(\S+?)\)",
                      README.read_text(encoding="utf-8"))
    assert badge, "README.md needs a Binder badge that opens JupyterLab"
    assert badge[1] == START_NOTEBOOK, (
        "the Binder badge and the open command open different notebooks")


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
    # side-by-side comparisons (before and after a change) are cited for their own tables
    compared = sorted(set(re.findall(r"benchmarks/published/([a-z-]+-\d{8}\.md)", section)))

    def figures(name: str) -> set[str]:
        report = (ROOT / "benchmarks" / "published" / name).read_text(encoding="utf-8")
        return set(re.findall(r"\| (\d+\.\d) (?=[|(])", report))

    newest = figures(cited[-1])
    anywhere = set().union(*(figures(c) for c in cited + compared))
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
            assert value in anywhere, f"{value} in {row!r} is in none of {cited + compared}"


def _numbers(text: str) -> list[str]:
    """The numbers written in ``text`` ("4,477", "790", "50.3"), thousands commas dropped."""
    return [n.replace(",", "") for n in re.findall(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?"
                                                   r"|(?<![\w.,])\d+(?:\.\d+)?", text)]


def test_readme_test_times_come_from_the_test_suite_reports_it_cites():
    """Issue 22: the times and test counts in the README's table of test-command times are
    the measured ones: each number of the table is in a test-suite report the section cites
    (benchmarks/published/test-suite-*.md), as written or rounded to whole seconds; a
    "(N min N s)" reading of a time is left aside."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Run the tests", 1)[1].split("\n## ", 1)[0]
    cited = sorted(set(re.findall(r"benchmarks/published/(test-suite-\d{8}\.md)", section)))
    assert cited, "the section cites no test-suite report"
    reported: set[str] = set()
    for name in cited:
        reported.update(_numbers((PUBLISHED / name).read_text(encoding="utf-8")))
    rounded = {str(int(float(n) + 0.5)) for n in reported}      # 1,332.5 s -> 1,333 s
    rows = [line for line in section.splitlines()
            if line.startswith("| ") and "---" not in line and "| command |" not in line]
    assert len(rows) >= 3, rows
    for row in rows:
        cells = row.strip("|").split("|")[1:]        # the command's cell holds no figure
        for number in _numbers(re.sub(r"\(\d+ min \d+ s\)", "", " ".join(cells))):
            assert number in reported or number in rounded, \
                f"{number} in {row!r} is in none of {cited}"


def test_readme_install_times_come_from_the_published_install_report():
    """The README's install figures (Performance) are copied from the committed report
    of the side-by-side install benchmark (benchmarks/bench_install.py) that it cites."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Performance", 1)[1].split("\n## ", 1)[0]
    paragraphs = [p for p in section.split("\n\n") if "benchmarks/published/install-" in p]
    assert paragraphs, "the Performance section cites no install report"
    for paragraph in paragraphs:
        names = re.findall(r"benchmarks/published/(install-\d{8}-\d{6}\.md)", paragraph)
        assert len(names) == 1, paragraph
        report = (PUBLISHED / names[0]).read_text(encoding="utf-8")
        in_report = set(re.findall(r"(?<![\d.])\d+\.\d+(?![\d.])", report))
        stated = re.findall(r"(?<![\d.:-])\d+\.\d+(?![\d.])", paragraph.replace(names[0], ""))
        assert stated, paragraph
        missing = [v for v in stated if v not in in_report]
        assert not missing, f"{missing} are not in {names[0]}"
