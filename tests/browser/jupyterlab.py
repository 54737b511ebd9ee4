"""Drive a real JupyterLab in a real (headless) Chromium.

Two halves:

* the server: :func:`start_jupyterlab` starts JupyterLab from the running
  Python environment on 127.0.0.1, in throw-away config/data/runtime/settings
  directories, serving a temporary copy of the notebooks, and
  :func:`stop_jupyterlab` stops it;
* the page: helpers that open a notebook, run all cells through the menu,
  wait for the kernel, collect errors (browser console, uncaught exceptions,
  stderr and tracebacks in outputs) and set widget values from the keyboard.

Later notebook tests mostly need :func:`run_notebook_and_check`,
:func:`set_text_by_keyboard` and :func:`set_slider_by_keyboard`.
Nothing here is specific to a notebook; the fixtures are in ``conftest.py``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import weakref
from urllib.parse import quote
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Chromium flags: no sandbox (we run as root in a container), and no
#: background traffic (the machine has no network; without these flags
#: Chromium keeps logging refused connections).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Debian's Chromium; ``$CHROMIUM_PATH`` may point elsewhere (never a Playwright download).
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

#: JupyterLab settings the tests need, written to ``overrides.json`` in a
#: temporary application-settings directory (never the user's own).
LAB_SETTING_OVERRIDES: dict[str, dict[str, Any]] = {
    # No "Would you like to get notified about official Jupyter news?" toast
    # (it would cover the notebook) and no request to the news feed.
    # Checked: without this entry the toast appears ~2 s after loading /lab,
    # with or without LabApp.news_url = None.
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Keep every cell in the DOM, so that prompts and outputs of cells below
    # the fold can be inspected (the default windowing may detach them).
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}

#: Server-side configuration, written to the temporary JUPYTER_CONFIG_DIR.
SERVER_CONFIG: dict[str, Any] = {
    "LabApp": {
        # The server never fetches the news feed. (This alone does not stop
        # the "get notified about news?" toast; the overrides.json does.)
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        # The PyPI extension manager would query pypi.org.
        "extension_manager": "readonly",
        # ``window.jupyterapp``: the harness opens the next notebook in the JupyterLab
        # already loaded instead of loading the whole application again for each one
        # (open_notebook, close_documents; issue 22). Nothing else uses it.
        "expose_app_in_browser": True,
    },
}


# --------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------


@dataclass
class JupyterLabServer:
    """A running JupyterLab started by :func:`start_jupyterlab`."""

    base_url: str
    token: str
    root_dir: Path
    work_dir: Path
    log_path: Path
    process: subprocess.Popen = field(repr=False)
    #: How often :meth:`reset` ran: a page kept from before a reset has lost its kernel.
    resets: int = 0

    def lab_url(self, path: str = "") -> str:
        """URL of ``/lab/tree/<path>`` (or ``/lab``) with the token."""
        page = f"/lab/tree/{quote(path.lstrip('/'))}" if path else "/lab"
        return f"{self.base_url}{page}?token={self.token}"

    def api(self, endpoint: str, method: str = "GET", body: Any = None, timeout: float = 10) -> Any:
        """Call the REST API (``endpoint`` like ``"/api/status"``); return parsed JSON."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.base_url + endpoint,
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = response.read()
        return json.loads(payload) if payload else None

    def log_tail(self, lines: int = 60) -> str:
        """The last ``lines`` lines of the server log (for error messages)."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError as exc:
            return f"<no server log: {exc}>"
        return "\n".join(text.splitlines()[-lines:])

    def reset(self) -> None:
        """Shut down every session and kernel and forget saved workspaces.

        Called between tests, so that each test gets fresh kernels and a
        JupyterLab that does not reopen the previous test's tabs.
        """
        for session in self.api("/api/sessions"):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")
        for kernel in self.api("/api/kernels"):
            self.api(f"/api/kernels/{kernel['id']}", method="DELETE")
        for workspace in self.api("/lab/api/workspaces")["workspaces"]["ids"]:
            self.api(f"/lab/api/workspaces/{workspace}", method="DELETE")
        self.resets += 1

    def log_size(self) -> int:
        """Current size of the log in bytes (a mark for :meth:`kernel_tracebacks`)."""
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def kernel_tracebacks(self, since: int = 0, context: int = 20) -> list[str]:
        """Errors in the server log after byte ``since``.

        The kernels' own stderr ends up here: ipykernel ``ERROR`` lines (for
        example an exception in a comm handler that no library caught) and
        crashes. Server errors (``[E ...]`` lines) count too. (ipywidgets
        catches exceptions in widget callbacks itself and sends them to the
        Log Console; see :func:`log_console_errors`.)
        """
        with open(self.log_path, "rb") as log:
            log.seek(since)
            lines = log.read().decode(errors="replace").splitlines()
        found = []
        for i, line in enumerate(lines):
            if line.startswith("[E ") or "ERROR" in line.split("|")[0] or line.startswith(
                "Traceback (most recent call last)"
            ):
                found.append("server log: " + "\n".join(lines[i : i + context]))
        return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_lab_settings(app_settings_dir: Path) -> None:
    """Copy the environment's app settings (if any) and add our overrides.

    JupyterLab reads ``overrides.json`` from ``LabApp.app_settings_dir``,
    by default ``<sys.prefix>/share/jupyter/lab/settings``. We point that
    option at a temporary directory, starting from a copy of the
    environment's own directory so that whatever the course ships there
    (for example from binder/) is still tested.
    """
    env_settings = Path(sys.prefix, "share", "jupyter", "lab", "settings")
    if env_settings.is_dir():
        shutil.copytree(env_settings, app_settings_dir, dirs_exist_ok=True)
    app_settings_dir.mkdir(parents=True, exist_ok=True)
    overrides_path = app_settings_dir / "overrides.json"
    overrides: dict[str, dict[str, Any]] = {}
    if overrides_path.exists():
        overrides = json.loads(overrides_path.read_text())
    # The course's own settings, as Binder installs them (binder/postBuild): tested too.
    course = Path(__file__).resolve().parents[2] / "binder" / "overrides.json"
    if course.exists():
        for plugin, values in json.loads(course.read_text()).items():
            overrides.setdefault(plugin, {}).update(values)
    for plugin, values in LAB_SETTING_OVERRIDES.items():
        overrides.setdefault(plugin, {}).update(values)
    overrides_path.write_text(json.dumps(overrides, indent=2))


def start_jupyterlab(
    notebooks_dir: Path, work_dir: Path, timeout: float = 90
) -> JupyterLabServer:
    """Start JupyterLab on a temporary copy of ``notebooks_dir``.

    Parameters
    ----------
    notebooks_dir
        Folder to serve; it is copied, so running notebooks never changes it.
    work_dir
        An empty temporary folder; the copy, the Jupyter config, data,
        runtime, settings and workspaces folders and the log go here.
    timeout
        Seconds to wait for ``/api/status`` to answer.

    Returns
    -------
    JupyterLabServer

    Raises
    ------
    RuntimeError
        If the server exits or does not answer in time; the message holds
        the end of the server log.
    """
    work_dir = Path(work_dir)
    root_dir = work_dir / "notebooks"
    shutil.copytree(
        notebooks_dir, root_dir, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    )
    names = ("config", "data", "runtime", "app-settings", "user-settings", "workspaces", "ipython")
    dirs = {name: work_dir / name for name in names}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    _write_lab_settings(dirs["app-settings"])
    # The kernels refuse the network, as nbval's do: their Run All stands in for nbval's
    # (tests/stored_outputs.py), and a refused attempt is an output nbval's rules catch.
    import network_guard  # tests/network_guard.py (pytest puts tests/ on sys.path)

    network_guard.write_guard(dirs["ipython"])
    (dirs["config"] / "jupyter_server_config.json").write_text(json.dumps(SERVER_CONFIG, indent=2))

    env = os.environ.copy()
    # Extra search paths from the caller's shell would let their kernels,
    # settings or extensions leak in.
    for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTERLAB_DIR", "PYTHONPATH"):
        env.pop(name, None)
    # The library a developer is testing, if it is not the environment's install (a
    # checkout's lib/ in $ALLIANCES_LIB): linked beside the notebooks, where the kernel
    # (started in that folder) imports it first.
    if os.environ.get("ALLIANCES_LIB"):
        (root_dir / "alliances").symlink_to(Path(os.environ["ALLIANCES_LIB"]) / "alliances")
    env.update(
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        JUPYTERLAB_SETTINGS_DIR=str(dirs["user-settings"]),
        JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
        IPYTHONDIR=str(dirs["ipython"]),
        JUPYTER_PLATFORM_DIRS="1",
        PYTHONUNBUFFERED="1",
        # Anything the server or kernel starts as "python" is this environment's.
        PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
    )
    # A fresh environment builds Matplotlib's font cache on first import and
    # says so on stderr, which would count as an error in the first notebook.
    subprocess.run(
        [sys.executable, "-c", "import matplotlib.font_manager"],
        env=env, capture_output=True, timeout=300, check=False,
    )
    port = free_port()
    token = secrets.token_hex(24)
    command = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",  # fail rather than silently move elsewhere
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        f"--LabApp.app_settings_dir={dirs['app-settings']}",
        f"--LabApp.user_settings_dir={dirs['user-settings']}",
        f"--LabApp.workspaces_dir={dirs['workspaces']}",
    ]
    log_path = work_dir / "jupyterlab.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=root_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
    server = JupyterLabServer(
        base_url=f"http://127.0.0.1:{port}", token=token, root_dir=root_dir,
        work_dir=work_dir, log_path=log_path, process=process,
    )
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"JupyterLab exited with code {process.returncode} before answering.\n"
                f"Command: {' '.join(command)}\nLog ({log_path}):\n{server.log_tail()}"
            )
        try:
            server.api("/api/status", timeout=2)
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
            last_error = exc
            time.sleep(0.25)
    stop_jupyterlab(server)
    raise RuntimeError(
        f"JupyterLab did not answer {server.base_url}/api/status within {timeout:.0f} s "
        f"(last error: {last_error}).\nCommand: {' '.join(command)}\n"
        f"Log ({log_path}):\n{server.log_tail()}"
    )


def stop_jupyterlab(server: JupyterLabServer, timeout: float = 15) -> None:
    """Stop the server: SIGTERM (it shuts its kernels down), then SIGKILL."""
    process = server.process
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)
    # The server ran in its own session: take down any kernel it left behind.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def lab_setting_defaults(server: JupyterLabServer, plugin: str) -> dict[str, Any]:
    """Defaults of ``plugin``'s settings as the server hands them to JupyterLab.

    Overrides from ``overrides.json`` show up here as changed defaults,
    which is how :data:`LAB_SETTING_OVERRIDES` is checked to be in effect.
    """
    schema = server.api(f"/lab/api/settings/{plugin}")["schema"]
    return {name: spec.get("default") for name, spec in schema.get("properties", {}).items()}


def kernel_python(
    server: JupyterLabServer, kernel_name: str = "python3", timeout: float = 60
) -> dict:
    """Start a kernel through the server and ask it which Python it is.

    Returns ``{"executable", "prefix", "kernel", "guarded"}`` where ``kernel`` is the
    implementation (``"ipython"`` for ipykernel, the native Python kernel) and
    ``guarded`` whether it loaded tests/network_guard.py. The kernel is shut down
    afterwards.
    """
    from jupyter_client import BlockingKernelClient

    kernel = server.api("/api/kernels", method="POST", body={"name": kernel_name})
    client = BlockingKernelClient()
    try:
        runtime = server.work_dir / "runtime"
        deadline = time.monotonic() + timeout
        path = None
        while time.monotonic() < deadline:
            matches = list(runtime.rglob(f"kernel-{kernel['id']}.json"))
            if matches:
                path = matches[0]
                break
            time.sleep(0.1)
        if path is None:
            raise RuntimeError(f"no connection file for kernel {kernel['id']} in {runtime}")
        client.load_connection_file(str(path))
        # On a loaded machine (2 cores shared) the kernel may answer a heartbeat later
        # than the default 1 s, which the client takes for a dead kernel.
        client.hb_channel.time_to_dead = 10.0
        client.start_channels()
        client.wait_for_ready(timeout=timeout)
        info = client.kernel_info(reply=True, timeout=timeout)["content"]
        lines: list[str] = []

        def keep_stdout(msg: dict) -> None:
            if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
                lines.append(msg["content"]["text"])

        client.execute_interactive(
            "import sys, socket; print(sys.executable); print(sys.prefix); "
            "print(hasattr(socket, '_alliances_blocked'))",
            output_hook=keep_stdout, timeout=timeout,
        )
        executable, prefix, guarded = "".join(lines).split()[:3]
        return {"executable": executable, "prefix": prefix, "kernel": info.get("implementation"),
                "guarded": guarded == "True"}
    finally:
        client.stop_channels()
        try:
            server.api(f"/api/kernels/{kernel['id']}", method="DELETE")
        except urllib.error.URLError:
            pass


# --------------------------------------------------------------------------
# Errors seen by the browser
# --------------------------------------------------------------------------

#: Console errors that are known, harmless and not ours. Each entry is a
#: substring of the message text; keep the list short and say why.
IGNORED_CONSOLE_ERRORS: list[str] = []


@dataclass
class PageErrors:
    """Console errors and uncaught exceptions of one page, in order of arrival."""

    entries: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def mark(self) -> int:
        """A position to pass to :meth:`since`."""
        return len(self.entries)

    def since(self, mark: int = 0) -> list[str]:
        """Errors recorded after :meth:`mark` returned ``mark``."""
        return self.entries[mark:]


_PAGE_ERRORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def watch_page_errors(page) -> PageErrors:
    """Record console errors and uncaught exceptions of ``page`` from now on."""
    if page in _PAGE_ERRORS:
        return _PAGE_ERRORS[page]
    errors = PageErrors()

    def on_console(message) -> None:
        if message.type != "error":
            return
        location = message.location or {}
        text = f"{message.text} ({location.get('url', '?')}:{location.get('lineNumber', '?')})"
        if any(pattern in message.text for pattern in IGNORED_CONSOLE_ERRORS):
            errors.ignored.append(text)
        else:
            errors.entries.append(f"console error: {text}")

    def on_page_error(error) -> None:
        errors.entries.append(
            f"uncaught exception: {error.name}: {error.message}\n{error.stack or ''}"
        )

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    _PAGE_ERRORS[page] = errors
    return errors


def page_errors(page) -> PageErrors:
    """The :class:`PageErrors` of ``page`` (watching it if nobody did yet)."""
    return watch_page_errors(page)


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------

#: The notebook in the current (visible) main-area tab.
CURRENT_NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"

#: Output areas that show an error: stderr streams, and tracebacks (which
#: JupyterLab renders as ``application/vnd.jupyter.stderr`` too; the
#: ``error`` type is listed in case a renderer claims it one day).
ERROR_OUTPUT = (
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'
)
#: Text that ipywidgets puts in an output when a widget view cannot render.
WIDGET_RENDER_ERROR = "Error displaying widget"
#: Placeholder text of a widget view that has not rendered (yet).
WIDGET_LOADING = "Loading widget..."

_CELL_STATE_JS = """
(panel) => {
  const cells = [...panel.querySelectorAll('.jp-Notebook .jp-Cell.jp-CodeCell')];
  return {
    status: panel.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status ?? null,
    cells: cells.map((cell) => ({
      prompt: (cell.querySelector('.jp-InputArea-prompt')?.textContent ?? '').trim(),
      empty: (cell.querySelector('.cm-content')?.textContent ?? '').trim() === '',
    })),
  };
}
"""


def notebook_panel(page):
    """Locator of the notebook in the current tab."""
    return page.locator(CURRENT_NOTEBOOK)


def kernel_status(page) -> str | None:
    """Kernel status shown by the notebook toolbar (``"idle"``, ``"busy"``...), now.

    Careful: before a kernel has started the toolbar already says "idle";
    see :func:`wait_for_kernel_connected`.
    """
    return page.evaluate(
        "(sel) => document.querySelector(sel)?.dataset.status ?? null",
        f"{CURRENT_NOTEBOOK} .jp-Notebook-ExecutionIndicator",
    )


def wait_for_kernel_idle(page, timeout: float = 60) -> None:
    """Wait until the current notebook's kernel reports ``idle``."""
    from playwright.sync_api import expect

    indicator = notebook_panel(page).locator(".jp-Notebook-ExecutionIndicator")
    expect(indicator, "the kernel did not become idle").to_have_attribute(
        "data-status", "idle", timeout=timeout * 1000
    )


_TRACK_KERNEL_JS = """
() => {
  // The current notebook's kernel connection; on first use, a record of the shell
  // messages sent to it (execute requests, widget comm messages...) whose handling the
  // kernel has not finished yet: ipykernel publishes "idle" with the message as parent
  // once the handler has returned, after every output and error of that handler.
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const session = widget && widget.sessionContext && widget.sessionContext.session;
  const kernel = session && session.kernel;
  if (!kernel || !kernel.anyMessage) return null;
  let pending = kernel.__alliancesPending;
  const installed = !pending;
  if (installed) {
    pending = kernel.__alliancesPending = new Set();
    kernel.anyMessage.connect((_, args) => {
      const msg = args.msg;
      if (args.direction === 'send' && msg.channel === 'shell') {
        pending.add(msg.header.msg_id);
      } else if (args.direction === 'recv' && msg.channel === 'iopub'
                 && msg.header.msg_type === 'status'
                 && msg.content.execution_state === 'idle' && msg.parent_header) {
        pending.delete(msg.parent_header.msg_id);
      }
    });
    // A restarted or dead kernel will not finish what it was sent before.
    kernel.statusChanged.connect((_, status) => {
      if (['restarting', 'autorestarting', 'dead'].includes(status)) pending.clear();
    });
  }
  return {installed: installed, pending: pending.size, status: kernel.status};
}
"""


def track_kernel_messages(page) -> dict | None:
    """Start recording (once per kernel) which shell messages the kernel has not finished.

    Returns ``{"installed": bool, "pending": int, "status": str}``, or None when the
    current tab has no kernel. :func:`open_notebook` calls it, so that every message a
    test makes the page send afterwards (Run All, a widget's comm message) is recorded.
    """
    return page.evaluate(_TRACK_KERNEL_JS)


def wait_for_kernel_quiet(page, quiet: float = 0.5, timeout: float = 60) -> None:
    """Wait until the kernel has finished with everything the page has sent it.

    Use after moving a control: the browser sends the widget's message at once (the
    key press has been handled when Playwright returns), the kernel handles it, and any
    output or error it sends comes before it reports idle for that message. When the
    current kernel's messages are recorded (:func:`track_kernel_messages`), this waits
    until none is unfinished and the kernel is idle, at two readings 20 ms apart (a reply
    can make the page send another message: ipywidgets sends a held-back update when the
    one before is done). Otherwise (messages not recorded, or the kernel gone) it waits
    until the kernel has been idle for ``quiet`` seconds in a row. Polling also lets the
    sync API deliver browser events (console errors) meanwhile.
    """
    deadline = time.monotonic() + timeout
    tracked = track_kernel_messages(page)
    if tracked is not None and not tracked["installed"]:
        settled = 0
        while time.monotonic() < deadline:
            state = track_kernel_messages(page)
            if state is None:
                break   # the kernel went away: fall back to the toolbar's status
            if state["pending"] == 0 and state["status"] == "idle":
                settled += 1
                if settled == 2:
                    return
                page.wait_for_timeout(20)
            else:
                settled = 0
                page.wait_for_timeout(10)
        else:
            raise TimeoutError(f"the kernel did not finish the page's messages within "
                               f"{timeout} s: {track_kernel_messages(page)}")
    idle_since: float | None = None
    while time.monotonic() < deadline:
        if kernel_status(page) == "idle":
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= quiet:
                return
        else:
            idle_since = None
        page.wait_for_timeout(50)
    raise TimeoutError(f"the kernel was not idle for {quiet} s within {timeout} s")


def wait_for_kernel_connected(server: JupyterLabServer, path: str, timeout: float = 60) -> dict:
    """Wait until the server has a session for ``path`` whose kernel a browser is connected to.

    Needed because the toolbar says "idle" for a moment before the kernel
    has even started (then "initializing", "connecting", "unknown", "idle").
    Returns the kernel model from ``/api/sessions``.
    """
    wanted = path.strip("/")
    deadline = time.monotonic() + timeout
    sessions: list = []
    while time.monotonic() < deadline:
        sessions = server.api("/api/sessions")
        for session in sessions:
            kernel = session.get("kernel") or {}
            if session.get("path", "").strip("/") == wanted and kernel.get("connections", 0) >= 1:
                return kernel
        time.sleep(0.1)
    raise TimeoutError(f"no connected kernel for {path} within {timeout} s; sessions: {sessions}")


_APP_LOADED_JS = "() => !!(window.jupyterapp && window.jupyterapp.shell)"

#: The notebook of the current tab as JupyterLab would save it (nbformat JSON).
_NOTEBOOK_JSON_JS = """() => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return widget && widget.context && widget.context.model
    ? widget.context.model.toJSON() : null;
}"""


def notebook_json(page) -> dict | None:
    """The notebook open in the current tab of the JupyterLab on ``page``, with the
    outputs it shows now, as nbformat JSON (what saving it would write); None if the
    current tab holds no document."""
    return page.evaluate(_NOTEBOOK_JSON_JS)

#: Close every document of the main area without asking to save: a Run All changed the
#: outputs, and the next notebook of a kept page must not meet a "Save your work?" dialog.
_CLOSE_DOCUMENTS_JS = """async () => {
  const app = window.jupyterapp;
  const open = [...app.shell.widgets('main')];
  for (const widget of open) {
    if (widget.context && widget.context.model) widget.context.model.dirty = false;
  }
  await app.commands.execute('application:close-all');
  return open.length;
}"""


def app_loaded(page, server: JupyterLabServer) -> bool:
    """Whether ``page`` shows this server's JupyterLab, loaded (``window.jupyterapp``)."""
    return page.url.startswith(f"{server.base_url}/lab") and page.evaluate(_APP_LOADED_JS)


def close_documents(page, server: JupyterLabServer, timeout: float = 15) -> None:
    """Close every tab of the main area of the JupyterLab on ``page`` (no dialog), then
    :meth:`~JupyterLabServer.reset` the server: every kernel is shut down.

    For a page kept to run another notebook in the same JupyterLab (issue 22): loading
    JupyterLab again costs 4 to 5 s of the browser's time per notebook.
    """
    page.keyboard.press("Escape")
    page.evaluate(_CLOSE_DOCUMENTS_JS)
    panels = page.locator(".jp-NotebookPanel")
    deadline = time.monotonic() + timeout
    while panels.count() and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    if panels.count():
        raise RuntimeError(f"{panels.count()} notebook(s) still open after closing them all; "
                           f"dialogs: {page.locator('.jp-Dialog').all_inner_texts()}")
    server.reset()


def open_notebook(page, server: JupyterLabServer, path: str, timeout: float = 60) -> None:
    """Open ``path`` (relative to the server root) in JupyterLab; wait for its kernel.

    On a page that already shows this server's JupyterLab (a kept page, after
    :func:`close_documents`), the notebook is opened there, as the file browser opens one
    (``docmanager:open``); otherwise the page loads JupyterLab at the notebook's URL.
    Returns once a kernel is connected and has been idle for half a second.
    """
    if app_loaded(page, server):
        page.evaluate("(path) => { window.jupyterapp.commands.execute('docmanager:open', "
                      "{path: path, factory: 'Notebook'}); }", path)
    else:
        page.goto(server.lab_url(path))
    tab = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab[data-type="document-title"]')
    tab.filter(has_text=Path(path).name).first.wait_for(timeout=timeout * 1000)
    notebook_panel(page).wait_for(timeout=timeout * 1000)
    wait_for_kernel_connected(server, path, timeout)
    track_kernel_messages(page)
    wait_for_kernel_quiet(page, quiet=0.5, timeout=timeout)


def click_menu_command(page, menu: str, command: str, timeout: float = 10) -> None:
    """Open the main menu ``menu`` (its label, e.g. ``"Run"``) and click ``command``.

    The item is found by its JupyterLab command id (``data-command``), which,
    unlike its label, does not change with translations or new versions.
    """
    page.keyboard.press("Escape")  # close any menu left open
    page.locator("#jp-menu-panel").get_by_role("menuitem", name=menu, exact=True).click()
    item = page.locator(f'.lm-Menu li.lm-Menu-item[data-command="{command}"]').first
    item.wait_for(state="visible", timeout=timeout * 1000)
    if "lm-mod-disabled" in (item.get_attribute("class") or ""):
        page.keyboard.press("Escape")
        raise RuntimeError(f"menu item {menu} > {command} is disabled")
    item.click()


def cell_state(page) -> dict:
    """Kernel status and, for each code cell, its prompt and whether it is empty."""
    return notebook_panel(page).evaluate(_CELL_STATE_JS)


def _parse_prompt(prompt: str) -> str:
    """``"[12]:"`` -> ``"12"``, ``"[*]:"`` -> ``"*"``, ``"[ ]:"`` -> ``""``."""
    return prompt.strip().removesuffix(":").strip("[] ")


def clear_all_outputs(page, timeout: float = 30) -> None:
    """Edit > Clear Outputs of All Cells; wait until no cell shows an execution count."""
    click_menu_command(page, "Edit", "editmenu:clear-all")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(_parse_prompt(c["prompt"]) == "" for c in cell_state(page)["cells"]):
            return
        time.sleep(0.05)
    raise TimeoutError(f"outputs were not cleared within {timeout} s: {cell_state(page)}")


@dataclass
class ExecutionReport:
    """What :func:`run_all_cells` saw when the notebook stopped running."""

    seconds: float
    prompts: list[str]
    not_executed: list[int]  # indices (among code cells, from 0) of non-empty unrun cells


def wait_until_executed(page, timeout: float = 120, settle: float = 0.3) -> ExecutionReport:
    """Wait until no cell is queued or running and the kernel is idle.

    ``run_all_cells`` clears the prompts first, so "done" means: some cell
    got an execution count, none shows ``[*]``, the kernel is idle, and, after
    :func:`wait_for_kernel_quiet` (the kernel has finished every message the page
    sent it, the cells' and those the new widgets' views send; or, where the
    page does not record them, it has been idle for ``settle`` seconds), that is
    still so. Cells skipped because an earlier one raised are reported in
    ``not_executed`` rather than waited for.
    """
    start = time.monotonic()
    waited = False
    state: dict = {}
    while time.monotonic() - start < timeout:
        state = cell_state(page)
        prompts = [_parse_prompt(c["prompt"]) for c in state["cells"]]
        runnable = [p for p, c in zip(prompts, state["cells"]) if not c["empty"]]
        finished = (
            state["status"] == "idle"
            and "*" not in prompts
            and (not runnable or any(p.isdigit() for p in runnable))
        )
        if finished and waited:
            not_executed = [
                i for i, (p, c) in enumerate(zip(prompts, state["cells"]))
                if not c["empty"] and not p.isdigit()
            ]
            return ExecutionReport(time.monotonic() - start, prompts, not_executed)
        if finished:          # then read the cells again
            wait_for_kernel_quiet(page, quiet=settle,
                                  timeout=max(timeout - (time.monotonic() - start), 1))
        else:
            time.sleep(0.1)
        waited = finished
    raise TimeoutError(f"the notebook was still running after {timeout} s: {state}")


def run_all_cells(page, timeout: float = 120) -> ExecutionReport:
    """Clear all outputs, then Run > Run All Cells, and wait until it is done.

    Call after :func:`open_notebook` (which waits for the kernel).
    """
    wait_for_kernel_idle(page)
    clear_all_outputs(page)
    click_menu_command(page, "Run", "runmenu:run-all")
    # Run All marks every cell [*] at once; if none is, the command did not run.
    deadline = time.monotonic() + 10
    cells = cell_state(page)["cells"]
    while any(not c["empty"] for c in cells) and not any(_parse_prompt(c["prompt"]) for c in cells):
        if time.monotonic() > deadline:
            dialogs = page.locator(".jp-Dialog").all_inner_texts()
            raise RuntimeError(
                f"Run All Cells did not start any cell; dialogs: {dialogs}; "
                f"kernel status: {kernel_status(page)}"
            )
        page.wait_for_timeout(50)
        cells = cell_state(page)["cells"]
    return wait_until_executed(page, timeout)


def _clip(text: str, limit: int = 2000) -> str:
    """``text`` stripped, keeping its start and its end (where tracebacks say what happened)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = limit // 4
    return f"{text[:head]}\n[... {len(text) - limit} characters ...]\n{text[-(limit - head):]}"


def output_errors(page) -> list[str]:
    """Text of every output of the current notebook that is an error.

    That is stderr (warnings included), tracebacks, and widgets that could
    not be displayed.
    """
    panel = notebook_panel(page)
    found = [
        f"error output: {_clip(text)}"
        for text in panel.locator(ERROR_OUTPUT).all_inner_texts()
    ]
    for text in panel.locator(".jp-OutputArea-output").all_inner_texts():
        if WIDGET_RENDER_ERROR in text:
            found.append(f"widget error: {_clip(text)}")
        elif text.strip() == WIDGET_LOADING:
            found.append(f"widget never rendered: {text.strip()!r}")
    return found


def wait_for_widgets(page, timeout: float = 15) -> None:
    """Wait until no output of the current notebook says "Loading widget...".

    Does not fail: a widget still loading after ``timeout`` is reported by
    :func:`output_errors`.
    """
    loading = notebook_panel(page).locator(".jp-OutputArea-output", has_text=WIDGET_LOADING)
    deadline = time.monotonic() + timeout
    while loading.count() and time.monotonic() < deadline:
        page.wait_for_timeout(100)


def visible_toasts(page) -> list[str]:
    """Text of the notification toasts on screen.

    JupyterLab reports its own failures (saving, kernel died...) in toasts,
    and a toast would hide part of the notebook from a student; a normal
    run shows none.
    """
    return [f"toast: {_clip(text)}" for text in page.locator(".Toastify__toast").all_inner_texts()]


def log_console_errors(page) -> list[str]:
    """Errors the kernel sent outside any cell.

    An exception in a widget callback does not appear below a cell:
    ipywidgets sends the traceback as a reply to the widget message, and
    JupyterLab puts it in the Log Console, flagging it in the status bar
    ("1 new messages, 1 log entries for ..."). If there are entries, open
    the Log Console (View > Show Log Console), return the text of the
    stderr and traceback entries (``print`` output from a callback is
    fine), and close it again.
    """
    item = page.locator("#jp-main-statusbar .jp-LogConsoleStatusItem [title]").first
    if item.count() == 0 or not item.is_visible():
        return []
    match = re.search(r"(\d+) log entr", item.get_attribute("title") or "")
    if not match or int(match.group(1)) == 0:
        return []
    click_menu_command(page, "View", "logconsole:open")
    console = page.locator(".jp-LogConsole")
    try:
        console.locator(".jp-OutputArea-output").first.wait_for(timeout=10_000)
        texts = console.locator(ERROR_OUTPUT).all_inner_texts()
    finally:
        click_menu_command(page, "View", "logconsole:open")  # the command toggles
        console.wait_for(state="detached", timeout=10_000)
    return [f"log console: {_clip(text)}" for text in texts]


@dataclass(frozen=True)
class ErrorMark:
    """Where the error sources stood at one moment (see :func:`problems_since`)."""

    page_errors: int
    server_log: int


def error_mark(page, server: JupyterLabServer) -> ErrorMark:
    """Remember how many errors were already seen, to report only new ones."""
    return ErrorMark(page_errors(page).mark(), server.log_size())


def problems_since(page, server: JupyterLabServer, mark: ErrorMark) -> list[str]:
    """Everything that went wrong since ``mark``.

    Error outputs in the current notebook and Log Console entries are
    reported whenever they were made; console errors, uncaught exceptions
    and server-log tracebacks only if they came after ``mark``.
    """
    # A widget callback may still be running (or formatting its traceback)
    # after the visible update; its errors arrive before the kernel goes idle.
    wait_for_kernel_quiet(page)
    return (
        output_errors(page)
        + page_errors(page).since(mark.page_errors)
        + server.kernel_tracebacks(mark.server_log)
        + log_console_errors(page)
        + visible_toasts(page)
    )


def screenshot(page, directory: Path, name: str, show=None) -> Path:
    """Save a screenshot of the window as ``directory/name.png``; return its path.

    JupyterLab scrolls inside the notebook, not the page, so a full-page
    shot would not show more; pass a locator as ``show`` to scroll it to
    the top of the notebook first.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    if show is not None and show.count():
        show.first.evaluate("(el) => el.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(path))
    return path


@dataclass
class NotebookRun:
    """Result of :func:`run_notebook_and_check`."""

    path: str
    execution: ExecutionReport
    screenshot: Path
    #: The notebook as it stood right after the Run All (:func:`notebook_json`).
    notebook: dict | None = None


def run_notebook_and_check(
    page,
    server: JupyterLabServer,
    path: str,
    *,
    timeout: float = 120,
    screenshot_dir: Path | None = None,
) -> NotebookRun:
    """Open ``path``, run all cells, and fail if anything went wrong.

    Checks that every non-empty code cell ran, and that nothing in
    :func:`problems_since` turned up: no error output (stderr, traceback,
    undisplayable widget), no Log Console entry, no toast, no browser
    console error or uncaught exception, no traceback in the server log.

    Raises
    ------
    AssertionError
        Listing every problem, with the path of a screenshot.
    """
    if not (server.root_dir / path).is_file():
        raise AssertionError(f"no notebook {path} in {server.root_dir} (copied from the repo)")
    mark = error_mark(page, server)
    open_notebook(page, server, path)
    execution = run_all_cells(page, timeout=timeout)
    wait_for_widgets(page)
    shot = screenshot(page, screenshot_dir or server.work_dir / "screenshots", Path(path).stem)
    problems = problems_since(page, server, mark)
    if execution.not_executed:
        problems.append(
            f"code cells {execution.not_executed} (0-based) did not run; "
            f"prompts: {execution.prompts}"
        )
    if problems:
        raise AssertionError(
            f"{path}: {len(problems)} problem(s) after Run All Cells "
            f"(screenshot: {shot}):\n" + "\n".join(f"- {p}" for p in problems)
        )
    return NotebookRun(path, execution, shot, notebook_json(page))


# --------------------------------------------------------------------------
# Widgets, from the keyboard
# --------------------------------------------------------------------------


def _editable(locator):
    """The <input>/<textarea> of a widget locator (or the locator if it is one)."""
    tag = locator.evaluate("(el) => el.tagName.toLowerCase()")
    return locator if tag in ("input", "textarea") else locator.locator("input, textarea").first


def set_text_by_keyboard(page, widget, value, commit: str = "Enter") -> None:
    """Type ``value`` into a text/number widget as a user would.

    Click the field, select all, type, then press ``commit`` (``"Enter"`` or
    ``"Tab"``). ``widget`` is a locator of the widget or of its input.
    """
    field = _editable(widget)
    field.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(str(value))
    page.keyboard.press(commit)


def set_slider_by_keyboard(page, slider, *, presses: int = 0, key: str = "ArrowRight",
                           value=None) -> None:
    """Move an ipywidgets slider from the keyboard.

    With ``value``: type into the slider's read-out (a checked number field beside a
    course slider; click, select all, type, Enter).
    Otherwise: focus the slider handle and press ``key`` ``presses`` times
    (arrows, ``PageUp``/``PageDown``, ``Home``/``End``).
    """
    if value is not None:
        readout = slider.locator(
            "xpath=ancestor::*[contains(@class,'alliances-slider-row')][1]"
        ).locator(".alliances-readout input").first
        readout.click()
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type(str(value))
        page.keyboard.press("Enter")
        return
    handle = slider.locator(".noUi-handle").first
    handle.focus()
    for _ in range(presses):
        page.keyboard.press(key)
