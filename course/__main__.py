"""Open or test the course with one command, the same on Linux, macOS and Windows.

From the repository's root folder::

    python3 -m course open     # Windows: py -m course open
    python3 -m course test     # Windows: py -m course test

``open`` makes a virtual environment in ``.venv`` (the first time, or when the lock has
changed since), installs the lock ``requirements.txt`` into it, and starts JupyterLab
with the whole repository in its file browser and ``notebooks/00_start_here.ipynb``
open. It prints the address to give the browser. As root (a container or a cloud
machine) it adds JupyterLab's ``--allow-root``; as anyone else it does not.

``test`` does the same with ``requirements-test.txt`` (the lock and the test tools) and
runs ``python -m pytest`` in that environment, in parallel (pytest-xdist, one worker per
core); any further arguments go to pytest (``python3 -m course test tests/test_data.py
-q``; ``-n 0`` for one process). ``test --quick`` runs the quick subset for the edit-test
loop: no notebooks, no browser, no test marked slow.

``--no-venv`` uses the Python that runs the command instead of ``.venv``: for an
activated conda environment, say. Only the standard library is used here, so the
command runs before anything is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root folder: JupyterLab's file browser starts here."""
VENV = ROOT / ".venv"
START_NOTEBOOK = "notebooks/00_start_here.ipynb"
"""The notebook that ``open`` shows first, relative to ROOT."""
REQUIREMENTS = {"open": "requirements.txt", "test": "requirements-test.txt"}
"""What each command installs: the lock, or the lock and the test tools."""
STAMP = "alliances-course-installed.json"
"""Written into the environment after an install: what was installed, by checksum."""
MINIMUM_PYTHON = (3, 11)
DEFAULT_PORT = 8888


def is_root() -> bool:
    """True when running as the superuser of a POSIX system (never on Windows)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def venv_python(venv: Path) -> Path:
    """The Python interpreter inside a virtual environment, on any system."""
    if os.name == "nt":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def fingerprint(kind: str, root: Path = ROOT) -> str:
    """SHA-256 over the files that decide what ``kind`` installs."""
    files = ["requirements.txt", "pyproject.toml"]
    if kind == "test":
        files.append(REQUIREMENTS["test"])
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()


def _read_stamp(prefix: Path) -> dict:
    try:
        return json.loads((prefix / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _say(message: str) -> None:
    print(f"[course] {message}", flush=True)


def ensure_environment(kind: str, use_venv: bool = True, install: bool = True) -> Path:
    """Return the Python to run, after creating ``.venv`` and installing what is needed."""
    if use_venv and Path(sys.prefix).resolve() != VENV.resolve():
        python = venv_python(VENV)
        if not python.exists():
            if VENV.exists():
                raise SystemExit(
                    f"[course] {VENV} exists but has no {python.relative_to(VENV)}; it was "
                    "made for another system or is broken. Delete the .venv folder and run "
                    "this command again."
                )
            _say(f"creating a virtual environment in {VENV} (Python {_version()})")
            result = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
            if result.returncode != 0:
                raise SystemExit(
                    "[course] could not create the virtual environment. On Debian or "
                    "Ubuntu, install the venv module first: sudo apt-get install python3-venv"
                    " (then delete the half-made .venv folder and try again)."
                )
    else:
        python = Path(sys.executable)
    prefix = Path(subprocess.run(
        [str(python), "-c", "import sys; print(sys.prefix)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip())
    wanted = fingerprint(kind)
    if install and _read_stamp(prefix).get(kind) != wanted:
        requirements = REQUIREMENTS[kind]
        _say(f"installing {requirements} into {prefix} (the first time: a few minutes, "
             "mostly downloading)")
        result = subprocess.run([str(python), "-m", "pip", "install", "-r", requirements],
                                cwd=ROOT)
        if result.returncode != 0:
            raise SystemExit(f"[course] pip could not install {requirements} (exit code "
                             f"{result.returncode}); its messages are above.")
        stamp = {**_read_stamp(prefix), kind: wanted}
        if kind == "test":  # requirements-test.txt installs the lock too
            stamp["open"] = fingerprint("open")
        try:
            (prefix / STAMP).write_text(json.dumps(stamp), encoding="utf-8")
        except OSError:
            pass  # only means that the next run checks the install again
    return python


def free_port(ip: str, start: int = DEFAULT_PORT, tries: int = 50) -> int:
    """The first port from ``start`` on which nothing listens at ``ip``."""
    for port in range(start, start + tries):
        with socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET) as probe:
            try:
                probe.bind((ip, port))
            except OSError:
                continue
            return port
    raise SystemExit(f"[course] no free port between {start} and {start + tries - 1}; "
                     "choose one with --port")


def lab_url(ip: str, port: int, token: str) -> str:
    """The address of the start notebook in JupyterLab, with the access token."""
    host = "127.0.0.1" if ip in ("", "0.0.0.0", "localhost") else ip
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}/lab/tree/{START_NOTEBOOK}?token={token}"


def jupyter_command(python: Path, port: int, ip: str = "127.0.0.1", browser: bool = True,
                    root: bool | None = None, extra: list[str] | None = None) -> list[str]:
    """The JupyterLab command line: rooted at ROOT, the start notebook open."""
    command = [
        str(python), "-m", "jupyter", "lab",
        f"--ServerApp.root_dir={ROOT}",
        f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK}",
        f"--ServerApp.ip={ip}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",  # the address printed must be the one served
    ]
    if not browser:
        command.append("--no-browser")
    if is_root() if root is None else root:
        command.append("--allow-root")
    return command + list(extra or [])


def _version() -> str:
    return ".".join(map(str, sys.version_info[:3]))


def _run(command: list[str], env: dict[str, str] | None = None) -> int:
    """Replace this process on POSIX (signals reach the program); a child on Windows."""
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execve(command[0], command, env if env is not None else dict(os.environ))
    child = subprocess.Popen(command, cwd=ROOT, env=env)
    while True:  # Control-C reaches the child too: let it shut down, then return
        try:
            return child.wait()
        except KeyboardInterrupt:
            continue


def install_lab_settings(python: Path) -> None:
    """Give JupyterLab the course's default settings (``binder/overrides.json``: widget state
    is saved with a notebook, so a reopened notebook shows its figures; the notebook's
    plain-key shortcuts are kept off the widgets' dropdowns, see tools/lab_shortcuts.py).
    They go into the environment's ``share/jupyter/lab/settings/overrides.d/``, where
    JupyterLab reads per-package defaults, so a user's own ``overrides.json`` is left alone."""
    prefix = Path(subprocess.run(
        [str(python), "-c", "import sys; print(sys.prefix)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip())
    target = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.d"
    try:
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "binder" / "overrides.json", target / "alliance-dilemmas.json")
    except OSError as error:
        _say(f"could not install the course's JupyterLab settings ({error}); widgets in a "
             "reopened notebook may then show 'Error displaying widget' until re-run")


def open_course(args: argparse.Namespace) -> int:
    python = ensure_environment("open", use_venv=not args.no_venv, install=not args.no_install)
    install_lab_settings(python)
    port = args.port or free_port(args.ip)
    token = secrets.token_hex(24)
    env = dict(os.environ, JUPYTER_TOKEN=token)
    command = jupyter_command(python, port, args.ip, browser=not args.no_browser,
                              extra=args.jupyter_args)
    where = lab_url(args.ip, port, token)
    _say(f"starting JupyterLab in {ROOT}{' (as root: --allow-root)' if is_root() else ''}")
    _say("point your browser at this address (it opens by itself unless --no-browser):")
    print(f"\n    {where}\n", flush=True)
    if args.ip in ("0.0.0.0", "::", ""):
        _say("from another machine, put this machine's name or address in place of "
             "127.0.0.1")
    _say("stop JupyterLab with Control-C (twice)")
    os.chdir(ROOT)
    return _run(command, env)


#: Test files marked slow as a whole (``pytestmark = pytest.mark.slow``): the quick subset
#: does not even import them (tests/test_course_command.py checks that the two agree).
SLOW_FILES = ("test_accessibility.py", "test_bad_input.py", "test_course_command.py",
              "test_grading_round.py", "test_i18n_widgets.py", "test_reproducible.py",
              "test_teaching_kit.py")
#: The quick subset (``test --quick``): everything but the notebooks' runs (nbval), the
#: browser and the tests marked ``slow`` (see conftest.py). For the edit-test loop.
QUICK_ARGS = ["lib/alliances", "tests", "--ignore=tests/browser",
              *(f"--ignore=tests/{name}" for name in SLOW_FILES), "-m", "not slow"]
#: Never more pytest workers than this, however many cores (each may run a kernel).
MAX_WORKERS = 8


def workers(cpus: int | None = None) -> int:
    """How many pytest-xdist workers: one per core, at most MAX_WORKERS (1: no xdist).

    >>> workers(2), workers(1), workers(64), workers(None) >= 1
    (2, 1, 8, True)
    """
    if cpus is None:
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def chooses_its_own_workers(pytest_args: list[str]) -> bool:
    """Whether the arguments already say how to run in parallel, or must not.

    ``-n``/``--numprocesses`` (``-n 0`` runs in one process), ``-p no:xdist``, and
    ``--pdb``/``--trace`` (a debugger needs the test in this process) are left alone.

    >>> chooses_its_own_workers(["tests/test_data.py", "-q"])
    False
    >>> [chooses_its_own_workers(a) for a in (["-n", "0"], ["-n0"], ["--numprocesses=3"],
    ...                                       ["-p", "no:xdist"], ["--pdb"])]
    [True, True, True, True, True]
    """
    for i, arg in enumerate(pytest_args):
        if arg in ("-n", "--numprocesses", "--pdb", "--trace", "-pno:xdist") \
                or arg.startswith(("--numprocesses=", "--dist")) \
                or (arg.startswith("-n") and (arg[2:].isdigit()
                                              or arg[2:] in ("auto", "logical"))) \
                or (arg == "-p" and pytest_args[i + 1:i + 2] == ["no:xdist"]):
            return True
    return False


def pytest_command(python: Path, pytest_args: list[str], quick: bool = False,
                   cpus: int | None = None) -> list[str]:
    """The pytest command line of ``test``: in parallel, one worker per core.

    The workers share the tests out by ``--dist loadscope``, with the course's units
    (conftest.py: each file's tests together) and the costliest first. ``quick`` puts
    QUICK_ARGS first. ``cpus=1`` (or an environment without pytest-xdist: see
    :func:`test_course`) runs in one process.

    >>> pytest_command(Path("py"), [], cpus=2)[1:]
    ['-m', 'pytest', '-n', '2', '--dist', 'loadscope']
    >>> pytest_command(Path("py"), ["-n", "0", "-x"], cpus=2)[1:]
    ['-m', 'pytest', '-n', '0', '-x']
    >>> pytest_command(Path("py"), [], quick=True, cpus=1)[3:5]
    ['lib/alliances', 'tests']
    """
    args = [*(QUICK_ARGS if quick else []), *pytest_args]
    command = [str(python), "-m", "pytest"]
    count = workers(cpus)
    if count > 1 and not chooses_its_own_workers(args):
        command += ["-n", str(count), "--dist", "loadscope"]
    return command + args


def test_course(args: argparse.Namespace) -> int:
    python = ensure_environment("test", use_venv=not args.no_venv, install=not args.no_install)
    os.chdir(ROOT)
    cpus = None
    if subprocess.run([str(python), "-c", "import xdist"], capture_output=True).returncode:
        _say("pytest-xdist is not installed in this environment: the tests run in one "
             "process (pip install -r requirements-test.txt runs them in parallel)")
        cpus = 1
    return _run(pytest_command(python, args.pytest_args, quick=args.quick, cpus=cpus))


def i18n_course(args: argparse.Namespace) -> int:
    python = ensure_environment("test", use_venv=not args.no_venv, install=not args.no_install)
    os.chdir(ROOT)
    return _run([str(python), str(ROOT / "tools" / "i18n.py"), *(args.i18n_args or ["all"])])


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        allow_abbrev=False,
        prog="python -m course",
        description="Open or test Alliance Dilemmas (run from the repository's root folder).",
    )
    commands = top.add_subparsers(dest="command", required=True)
    for name, text in (("open", "install the course if needed and start JupyterLab"),
                       ("test", "install the course and its test tools if needed and run "
                                "pytest (further arguments go to pytest)"),
                       ("i18n", "rebuild the Indonesian edition: templates, catalogs, "
                                "notebooks/id (tools/i18n.py; default step: all)")):
        where = {"open": "JupyterLab (after --).", "test": "pytest.",
                 "i18n": "tools/i18n.py (a step: extract, update, compile, build, execute, "
                         "status, check)."}[name]
        sub = commands.add_parser(name, help=text, description=text, allow_abbrev=False,
                                  epilog="Other arguments go to " + where)
        sub.add_argument("--no-venv", action="store_true",
                         help="use the Python running this command (e.g. an activated conda "
                              "environment) instead of .venv")
        sub.add_argument("--no-install", action="store_true",
                         help="do not install anything; use the environment as it is")
        if name == "open":
            sub.add_argument("--port", type=int, default=0,
                             help=f"port to serve on (default: the first free one from "
                                  f"{DEFAULT_PORT})")
            sub.add_argument("--ip", default="127.0.0.1",
                             help="address to listen on (default 127.0.0.1, this machine "
                                  "only; 0.0.0.0 for a container or a remote machine)")
            sub.add_argument("--no-browser", action="store_true",
                             help="do not open a browser; just print the address")
        if name == "test":
            sub.add_argument("--quick", action="store_true",
                             help="the quick subset for the edit-test loop: no notebook "
                                  "runs, no browser, no test marked slow")
    return top


def main(argv: list[str] | None = None) -> int:
    if sys.version_info < MINIMUM_PYTHON:
        print(f"[course] the course needs Python {'.'.join(map(str, MINIMUM_PYTHON))} or "
              f"newer; this is Python {_version()} ({sys.executable}).", file=sys.stderr)
        return 2
    # Arguments this command does not know go on: to JupyterLab after ``open``
    # (``-- --ServerApp.xyz=...``), to pytest after ``test`` (``tests/test_data.py -q``).
    args, rest = parser().parse_known_args(argv)
    rest = [arg for i, arg in enumerate(rest) if not (i == 0 and arg == "--")]
    if args.command == "open":
        args.jupyter_args = rest
        return open_course(args)
    if args.command == "i18n":
        args.i18n_args = rest
        return i18n_course(args)
    args.pytest_args = rest
    return test_course(args)


if __name__ == "__main__":
    sys.exit(main())
