"""Reproducible: the same text every run, no network, damaged data refused, a sound environment.

* Every kernel of a test run refuses the network (tests/network_guard.py, installed by the
  root conftest.py in every process): connections and look-ups of anything but loopback
  raise, and each attempt is also written to the kernel's stderr.
* nbval runs every course notebook once under that guard and compares each cell's text
  outputs (``text/plain``, ``text/html``, ``text/markdown``, ``text/latex``, streams,
  errors; images and widget ids are not compared) with the stored ones, which an earlier
  run wrote (tools/execute_notebooks.py). So each notebook is executed once per test run,
  and that one run checks both things this file used to check with two more runs of its
  own: that two runs give the same text (this run against the stored one), and that no
  notebook touches the network (an attempt adds a stderr output nbval does not expect,
  even when the notebook catches the error). The tests below show that the pieces hold:
  the guard is in every kernel this run starts, it refuses deliberate attempts, and a
  notebook that swallows a refused connection fails nbval.
* Damaged CSV files are refused with a clear message: tests/test_data.py has those cases
  (missing column, text in a numeric column, a share out of range...); here we only
  check that the three kinds issue 9 names stay covered there.
* ``pip check``: the installed environment has no broken or conflicting requirements.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import network_guard  # the guard of this run, installed by the root conftest.py
from notebook_tools import NOTEBOOK_DIR

#: Left out of the quick subset (python3 -m course test --quick): see conftest.py.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ipython_dir(tmp_path_factory) -> Path:
    """A fresh guarded IPYTHONDIR of this test's own."""
    return network_guard.write_guard(tmp_path_factory.mktemp("ipython"))


def _run(coroutine_function, *args, **kwargs):
    """``asyncio.run`` in a worker thread.

    In the full suite the browser tests run first, and Playwright's sync API keeps an
    event loop running in the main thread until the session ends; ``asyncio.run`` there
    would fail ("cannot be called from a running event loop").
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(coroutine_function(*args, **kwargs))).result()


async def _execute(nb: nbformat.NotebookNode, path: Path, timeout: int = 600):
    from nbclient import NotebookClient

    client = NotebookClient(nb, kernel_name="python3", timeout=timeout,
                            resources={"metadata": {"path": str(path.parent)}})
    await client.async_execute()
    return nb


def _notebook(cells: list[str]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


def _streams(nb: nbformat.NotebookNode, name: str) -> list[str]:
    return [o.text for c in nb.cells for o in c.outputs
            if o.output_type == "stream" and o.name == name]


def test_every_kernel_of_this_run_loads_the_guard(tmp_path) -> None:
    """A kernel started the way nbval starts one (this process's environment, no
    IPYTHONDIR of its own) has the guard: the notebooks' runs are offline."""
    assert Path(os.environ["IPYTHONDIR"], "profile_default", "startup",
                network_guard.STARTUP_NAME).read_text(encoding="utf-8") == network_guard.GUARD
    nb = _notebook(["import socket\n"
                    "print(getattr(socket.socket.connect, '_alliances_guard', False))"])
    _run(_execute, nb, tmp_path / "probe.ipynb", timeout=120)
    assert _streams(nb, "stdout") == ["True\n"]


def test_the_guard_refuses_deliberate_attempts(ipython_dir, monkeypatch) -> None:
    """A control notebook: outside connections and look-ups are refused, loopback works."""
    cells = [
        # Stop here (and send nothing) unless the guard is in place.
        "import socket, urllib.request, urllib.error\n"
        "assert getattr(socket.socket.connect, '_alliances_guard', False), 'no guard'",
        # 192.0.2.1 is TEST-NET-1 (RFC 5737): reserved for documentation, nobody's host.
        "try:\n    socket.create_connection(('192.0.2.1', 9), timeout=1)\n"
        "except OSError as e:\n    print('REFUSED', e)",
        "try:\n    with socket.socket() as raw:\n        raw.connect(('192.0.2.1', 9))\n"
        "except ConnectionRefusedError as e:\n    print('REFUSED', e)",
        "try:\n    urllib.request.urlopen('http://example.org/', timeout=1)\n"
        "except urllib.error.URLError as e:\n    print('REFUSED', e.reason)",
        "server = socket.create_server(('127.0.0.1', 0))\n"
        "client = socket.create_connection(server.getsockname(), timeout=5)\n"
        "print('LOOPBACK OK'); client.close(); server.close()",
        "print(socket._alliances_blocked)",
    ]
    nb = _notebook(cells)
    monkeypatch.setenv("IPYTHONDIR", str(ipython_dir))
    _run(_execute, nb, NOTEBOOK_DIR / "control.ipynb", timeout=120)
    texts = _streams(nb, "stdout")
    notes = "".join(_streams(nb, "stderr"))
    assert "ALLIANCES-NETWORK refused: connect to ('192.0.2.1', 9)" in notes
    assert "ALLIANCES-NETWORK refused: look up 'example.org'" in notes
    assert texts[0].startswith("REFUSED") and "network access blocked" in texts[0]
    assert texts[1].startswith("REFUSED network access blocked") and "192.0.2.1" in texts[1]
    assert texts[2].startswith("REFUSED") and "example.org" in texts[2]
    assert texts[3].strip() == "LOOPBACK OK"
    assert "connect to ('192.0.2.1', 9)" in texts[4] and "example.org" in texts[4]


def test_a_notebook_that_catches_a_refused_connection_fails_nbval(tmp_path) -> None:
    """nbval, run as the suite runs it and under this run's guard, fails a notebook whose
    stored outputs are those of a clean run but which tries the network and swallows the
    error (the same notebook without the attempt passes: the check is not vacuous)."""
    def run_nbval(attempt: bool) -> subprocess.CompletedProcess:
        code = ("import socket\n"
                + ("try:\n    socket.create_connection(('192.0.2.1', 9), timeout=1)\n"
                   "except OSError:\n    pass\n" if attempt else "")
                + "print('done')")
        nb = _notebook([code])
        nb.cells[0].execution_count = 1
        nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout",
                                                      text="done\n")]
        path = tmp_path / ("tries.ipynb" if attempt else "offline.ipynb")
        nbformat.write(nb, path)
        return subprocess.run([sys.executable, "-m", "pytest", "--nbval",
                               "--nbval-current-env", "-p", "no:cacheprovider",
                               "-p", "no:xdist", "-q", "--rootdir", str(tmp_path),
                               str(path)], cwd=tmp_path, capture_output=True, text=True,
                              timeout=300)

    clean = run_nbval(attempt=False)
    assert clean.returncode == 0, clean.stdout[-2000:] + clean.stderr[-2000:]
    tries = run_nbval(attempt=True)
    assert tries.returncode == 1, tries.stdout[-2000:] + tries.stderr[-2000:]
    # nbval names the output it did not expect (the refusal note on stderr)
    assert "Unexpected output fields from running code: {'stderr'}" in tries.stdout


def test_the_guard_policy_in_process() -> None:
    """Which hosts count as local (run here, without a kernel)."""
    namespace: dict = {}
    import socket

    saved = (socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo)
    try:
        exec(compile(network_guard.GUARD, "guard", "exec"), namespace)
        is_local = namespace["_alliances_is_local"]
        for host in ("127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", b"localhost", None):
            assert is_local(host), host
        for host in ("192.0.2.1", "10.0.0.1", "8.8.8.8", "example.org", "::ffff:192.0.2.1",
                     "0.0.0.0"):
            assert not is_local(host), host
    finally:
        socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = saved


def test_damaged_csv_cases_stay_covered_by_test_data() -> None:
    """Issue 9's three damages are tested in tests/test_data.py (reused, not repeated)."""
    import test_data

    cases = {case[0]: case for case in test_data.DAMAGE_CASES}
    for needed in ("missing column", "text in a float column", "text in an int column",
                   "percentage above 100", "negative percentage"):
        assert needed in cases, f"tests/test_data.py no longer tests a {needed!r}"
    assert "test_damaged_file_raises_a_message_naming_the_column" in dir(test_data)


def test_pip_check_passes() -> None:
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, f"pip check failed:\n{result.stdout}\n{result.stderr}"
