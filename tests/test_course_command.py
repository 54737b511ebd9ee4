"""The README's commands, ``python -m course open`` and ``python -m course test``.

``open`` is started as a real subprocess, as a reader starts it (as root here, in CI),
on a free port without a browser; the test reads the address it prints, waits for the
server, asks the server's REST API what it serves (its root folder, the page it opens
first) and stops it. The installing part is not repeated here: ``--no-venv
--no-install`` runs JupyterLab from the environment that runs the tests, which CI builds
from nothing with the README's own test command.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from course import __main__ as course  # noqa: E402  (the launcher, not an installed package)

#: Left out of the quick subset (python3 -m course test --quick): see conftest.py.
pytestmark = pytest.mark.slow

START = "notebooks/00_start_here.ipynb"
#: Whole files marked slow (``pytestmark``), left out of the quick subset.
SLOW_FILES = {f"tests/{name}" for name in course.SLOW_FILES}
STARTUP_SECONDS = 180  # JupyterLab starts in a few seconds; a busy 2-core machine is slower


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


def _get(url: str, follow: bool = True) -> tuple[int, dict[str, str], bytes]:
    opener = (urllib.request.build_opener() if follow
              else urllib.request.build_opener(_NoRedirect))
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except (urllib.error.URLError, ConnectionError):
        return 0, {}, b""  # not listening yet


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``python -m course open`` running; yields (address it printed, its output file)."""
    port = _free_port()
    log = tmp_path_factory.mktemp("course-open") / "output.txt"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(log.parent / "runtime"),
               PYTHONUNBUFFERED="1")
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "course", "open", "--no-venv", "--no-install",
             "--no-browser", "--port", str(port)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=env, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        address = None
        while time.monotonic() < deadline and process.poll() is None:
            if address is None:
                found = re.search(r"^\s+(http://\S+)$", log.read_text(), re.MULTILINE)
                address = found[1] if found else None
            if address is not None:
                token = address.split("token=", 1)[1]
                status, _, _ = _get(f"http://127.0.0.1:{port}/api/status?token={token}")
                if status == 200:
                    break
            time.sleep(1)
        else:
            pytest.fail(f"JupyterLab did not come up (exit code {process.poll()}):\n"
                        f"{log.read_text()[-4000:]}")
        yield address, log, process, port
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # JupyterLab's own clean shutdown
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)


def test_open_prints_the_address_of_the_start_notebook(server):
    address, _, _, port = server
    assert re.fullmatch(rf"http://127\.0\.0\.1:{port}/lab/tree/{re.escape(START)}"
                        r"\?token=[0-9a-f]{48}", address), address


def test_open_serves_the_repository_root_not_the_notebooks_folder(server):
    address, _, _, port = server
    token = address.split("token=", 1)[1]
    status, _, body = _get(f"http://127.0.0.1:{port}/api/contents?token={token}")
    assert status == 200
    listed = {item["name"] for item in json.loads(body)["content"]}
    # What a reader must see in the file browser, and nothing that is not in ROOT.
    assert {"README.md", "LICENSE", "LICENSE-CONTENT.md", "data", "notebooks"} <= listed
    assert listed <= {p.name for p in ROOT.iterdir()}, listed
    status, _, body = _get(f"http://127.0.0.1:{port}/api/contents/{START}"
                           f"?content=0&token={token}")
    assert status == 200 and json.loads(body)["type"] == "notebook"


def test_open_opens_the_start_notebook_first(server):
    address, _, _, port = server
    token = address.split("token=", 1)[1]
    status, headers, _ = _get(f"http://127.0.0.1:{port}/?token={token}", follow=False)
    assert status in (301, 302), status
    assert headers["Location"].split("?")[0] == f"/lab/tree/{START}"
    status, _, page = _get(address)
    assert status == 200
    config = re.search(rb'<script id="jupyter-config-data" type="application/json">(.*?)'
                       rb"</script>", page, re.DOTALL)
    assert config, "the JupyterLab page has no page config"
    assert json.loads(config[1])["treePath"] == START


def test_open_saves_widget_state_so_reopened_notebooks_show_their_figures(server):
    """The launcher installs binder/overrides.json as per-package JupyterLab defaults: the
    running server reports the widget manager's saveState default as on (the plugin's own
    default is off)."""
    address, _, _, port = server
    token = address.split("token=", 1)[1]
    wanted = json.loads((ROOT / "binder" / "overrides.json").read_text(encoding="utf-8"))
    plugin = "@jupyter-widgets/jupyterlab-manager:plugin"
    assert wanted[plugin]["saveState"] is True
    status, _, body = _get(f"http://127.0.0.1:{port}/lab/api/settings/{plugin}?token={token}")
    assert status == 200
    # JupyterLab applies overrides as the schema's defaults (the user has set nothing)
    assert json.loads(body)["schema"]["properties"]["saveState"]["default"] is True


def test_open_asks_for_the_token(server):
    _, _, _, port = server
    status, _, _ = _get(f"http://127.0.0.1:{port}/api/contents")
    assert status == 403


def test_open_runs_as_root_only_with_allow_root(server):
    """Here (as root in CI) the server is up, so --allow-root was given; as another user
    it is not given. Linux shows the running command line in /proc."""
    _, log, process, _ = server
    assert "Running as root is not recommended" not in log.read_text()
    cmdline = Path(f"/proc/{process.pid}/cmdline")
    if not cmdline.exists():
        pytest.skip("no /proc: cannot read the server's command line")
    arguments = cmdline.read_bytes().split(b"\0")
    assert (b"--allow-root" in arguments) == (os.geteuid() == 0)
    assert f"--ServerApp.root_dir={ROOT}".encode() in arguments


def test_allow_root_is_added_for_root_only():
    python = Path(sys.executable)
    assert "--allow-root" in course.jupyter_command(python, 8888, root=True)
    assert "--allow-root" not in course.jupyter_command(python, 8888, root=False)
    expected = hasattr(os, "geteuid") and os.geteuid() == 0
    assert ("--allow-root" in course.jupyter_command(python, 8888)) == expected


def test_the_launcher_needs_only_the_standard_library():
    """-S: no site-packages at all, as on a machine where nothing is installed yet."""
    result = subprocess.run([sys.executable, "-S", "-m", "course", "open", "--help"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "--no-browser" in result.stdout


def test_test_command_hands_its_arguments_to_pytest():
    result = subprocess.run([sys.executable, "-m", "course", "test", "--no-venv",
                             "--no-install", "--version"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert re.search(r"pytest \d+\.\d+", result.stdout + result.stderr)


def test_the_launchers_own_examples():
    """course/ is outside pytest's doctest paths (it must import nothing but the standard
    library, and is not a package of the course); its examples run here."""
    import doctest

    failed, tried = doctest.testmod(course, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried >= 6 and failed == 0


@pytest.mark.parametrize(("args", "cpus", "expected"), [
    ([], 2, ["-n", "2", "--dist", "loadscope"]),
    ([], 1, []),                                     # one core: no workers at all
    ([], 32, ["-n", "8", "--dist", "loadscope"]),    # at most eight
    (["tests/test_data.py", "-q"], 2, ["-n", "2", "--dist", "loadscope",
                                        "tests/test_data.py", "-q"]),
    (["-n", "0", "-x"], 2, ["-n", "0", "-x"]),       # the user's own choice is kept
    (["-n3"], 2, ["-n3"]),
    (["--numprocesses=auto"], 2, ["--numprocesses=auto"]),
    (["-p", "no:xdist"], 2, ["-p", "no:xdist"]),
    (["--pdb"], 2, ["--pdb"]),                        # a debugger needs one process
    (["--dist", "load"], 2, ["--dist", "load"]),
])
def test_the_test_command_runs_in_parallel_unless_told_otherwise(args, cpus, expected):
    command = course.pytest_command(Path("python"), args, cpus=cpus)
    assert command[:3] == ["python", "-m", "pytest"]
    assert command[3:] == expected


def test_the_quick_subset_leaves_out_notebooks_browser_and_slow_tests():
    command = course.pytest_command(Path("python"), ["-q"], quick=True, cpus=1)
    assert command[3:] == [*course.QUICK_ARGS, "-q"]
    assert "notebooks" not in command and "--ignore=tests/browser" in command
    assert command[command.index("not slow") - 1] == "-m"


def test_the_slow_files_are_exactly_those_marked_slow_as_a_whole():
    marked = {f"tests/{path.name}" for path in (ROOT / "tests").glob("test_*.py")
              if re.search(r"^pytestmark = pytest\.mark\.slow$",
                           path.read_text(encoding="utf-8"), re.MULTILINE)}
    assert marked == SLOW_FILES


def test_quick_collects_no_notebook_browser_or_slow_test():
    result = subprocess.run([sys.executable, "-m", "course", "test", "--no-venv",
                             "--no-install", "--quick", "-n", "0", "--collect-only", "-q"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    ids = [line for line in result.stdout.splitlines() if "::" in line]
    assert len(ids) > 1000, f"only {len(ids)} tests in the quick subset"
    assert not [i for i in ids if i.split("::")[0].endswith(".ipynb")
                or i.startswith("tests/browser/")]
    slow = {i.split("::")[0] for i in ids} & SLOW_FILES
    assert not slow, f"slow test files in the quick subset: {sorted(slow)}"


def test_install_fingerprint_follows_the_requirement_files(tmp_path):
    for name in ("requirements.txt", "pyproject.toml", "requirements-test.txt"):
        (tmp_path / name).write_text(f"{name}\n")
    before = {kind: course.fingerprint(kind, tmp_path) for kind in ("open", "test")}
    (tmp_path / "requirements-test.txt").write_text("pytest==1\n")
    assert course.fingerprint("open", tmp_path) == before["open"]
    assert course.fingerprint("test", tmp_path) != before["test"]
    (tmp_path / "requirements.txt").write_text("numpy==1\n")
    assert course.fingerprint("open", tmp_path) != before["open"]
