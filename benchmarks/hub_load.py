"""Load test of a real JupyterHub running the course, and kernel memory per notebook.

It reports figures; it does not judge. Two parts:

``hub`` (the load test)
    Starts a JupyterHub on 127.0.0.1 (DummyAuthenticator, SimpleLocalProcessSpawner,
    configurable-http-proxy), then N simulated students, each in its own thread, log in
    through the login form, start a server, open a notebook (a session through the Jupyter
    server's REST API), run all its code cells through the kernel's websocket, and then move
    the notebook's sliders by sending the comm message a slider sends
    (``{"method": "update", "state": {"value": v}}``), every 2-5 s (seeded random), waiting
    each time for the kernel to send the updated output (the round trip ends when the kernel
    is idle again after the change; a change with no output update, an error or no answer
    within the timeout is a *lost update*). Memory per user is the server process plus its
    kernel (RSS, and USS: memory not shared with any other process), read with psutil at the
    end of the widget phase; CPU is the CPU time of the hub, proxy, servers and kernels
    during the widget phase, as a percentage of one core. Then it stops everything.

``kernels`` (kernel memory per notebook)
    For each notebook, the RSS and USS of a kernel after Run All, beside a *floor* kernel
    that runs only the notebook's imports and draws one figure; it names the packages the
    notebook's kernel loaded beyond the floor and the figures left open.

The hub and its proxy are not course dependencies: install them in a throwaway place.
The environment for the hub and the servers must see the course's packages; one way,
from the repository root, with the course's virtual environment in ``.venv``::

    .venv/bin/python -m venv /tmp/hubload/env
    echo "$PWD/.venv/lib/python3.11/site-packages" \\
        > /tmp/hubload/env/lib/python3.11/site-packages/zz_course.pth
    /tmp/hubload/env/bin/pip install -r requirements-hub.txt
    npm install --prefix /tmp/hubload/chp configurable-http-proxy@5.3.0

Then one command runs the whole benchmark (on a quiet machine; it takes tens of minutes,
most of it the students' Run All at the larger N)::

    .venv/bin/python benchmarks/hub_load.py --users 1 5 10 20 30 40 --kernels

and writes ``benchmarks/published/hub_load.json`` (one object per N, with the date, the
machine and its load average) and, with ``--kernels``, ``hub_load_kernels.json``.
``benchmarks/plot_hub_load.py`` draws the figure. Only loopback addresses are used; every
wait is bounded; the hub, its servers and kernels are stopped at the end, also on error.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = ROOT / "benchmarks" / "published"
MIB = 1024 * 1024
SLIDER_MODELS = {"FloatSliderModel", "IntSliderModel"}
# server extensions of packages in requirements-test.txt only (not on the course's image)
TEST_ONLY_EXTENSIONS = [f"nbgrader.server_extensions.{name}" for name in
                        ("formgrader", "validate_assignment", "assignment_list", "course_list")]


# --------------------------------------------------------------------------------------
# Pure parts (tested in tests/test_hub_load.py)
# --------------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks.

    >>> percentile([1, 2, 3, 4], 50)
    2.5
    """
    if not values:
        raise ValueError("percentile: values is empty; expected at least one value")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile: q must be in [0, 100], got {q}")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


@dataclass
class Move:
    """One slider change as seen by a student: when it was sent, what came back."""

    sent: float
    idle: float | None = None          # kernel idle again after the change (None: timeout)
    updates: int = 0                   # output updates (comm 'update', display, stream)
    errors: int = 0                    # error messages or tracebacks

    @property
    def lost(self) -> bool:
        return self.idle is None or self.updates == 0 or self.errors > 0

    @property
    def round_trip_ms(self) -> float | None:
        return None if self.idle is None else (self.idle - self.sent) * 1000


def summarise_moves(moves: list[Move]) -> dict[str, float | int | None]:
    """p50, p95 and max round trip (ms) of the answered moves, and the lost updates."""
    times = [m.round_trip_ms for m in moves if not m.lost]
    lost = sum(m.lost for m in moves)
    answered = [m.updates for m in moves if m.idle is not None]
    extra = {"updates_per_move": round(statistics.mean(answered), 1)} if answered else {}
    if not times:
        return {"moves": len(moves), "lost_updates": lost, **extra,
                "p50_ms": None, "p95_ms": None, "max_ms": None}
    return {"moves": len(moves), "lost_updates": lost, **extra,
            "p50_ms": round(percentile(times, 50), 1),
            "p95_ms": round(percentile(times, 95), 1),
            "max_ms": round(max(times), 1)}


def memory_per_user(samples: dict[str, list[dict[str, int]]]) -> dict[str, float]:
    """Mean and max memory per user (MiB) from {user: [per-process {'rss', 'uss'}]}.

    A user's memory is the sum over their processes (server and kernels).
    """
    if not samples:
        raise ValueError("memory_per_user: samples is empty; expected one entry per user")
    uss = [sum(p["uss"] for p in procs) / MIB for procs in samples.values()]
    rss = [sum(p["rss"] for p in procs) / MIB for procs in samples.values()]
    out = {}
    for role in ("server", "kernel"):
        for kind in ("uss", "rss"):
            part = [sum(p[kind] for p in procs if p.get("role") == role) / MIB
                    for procs in samples.values()]
            if any(part):
                out[f"{role}_{kind}_mib"] = round(statistics.mean(part), 1)
    return {**out, "mem_per_user_mib": round(statistics.mean(uss), 1),
            "mem_per_user_max_mib": round(max(uss), 1),
            "rss_per_user_mib": round(statistics.mean(rss), 1),
            "rss_per_user_max_mib": round(max(rss), 1)}


def cpu_percent(cpu_seconds: float, wall_seconds: float) -> float:
    """CPU time as a percentage of one core over a wall-clock interval."""
    if wall_seconds <= 0:
        raise ValueError(f"cpu_percent: wall_seconds must be positive, got {wall_seconds}")
    return round(100 * cpu_seconds / wall_seconds, 1)


def slider_value(state: dict, rng: random.Random) -> float | int:
    """A new value for a slider, on its step grid within [min, max], not its current one."""
    lo, hi, step = state["min"], state["max"], state.get("step") or 1
    n = int(round((hi - lo) / step))
    current = state.get("value")
    options = [lo + k * step for k in range(n + 1)]
    if state.get("_model_name") == "IntSliderModel":
        options = [int(round(v)) for v in options]
    else:
        options = [round(v, 10) for v in options]
    options = [v for v in options if v != current] or options
    return rng.choice(options)


def unpack_ws_message(data: bytes | str) -> dict:
    """A kernel message from a Jupyter server websocket frame (JSON text, or the binary
    framing: uint32 count, uint32 offsets, then the JSON part and the buffers)."""
    if isinstance(data, str):
        return json.loads(data)
    (nbufs,) = struct.unpack("!I", data[:4])
    offsets = struct.unpack("!" + "I" * nbufs, data[4:4 + 4 * nbufs])
    end = offsets[1] if nbufs > 1 else len(data)
    return json.loads(data[offsets[0]:end].decode("utf-8"))


def notebook_imports(cells: list[str]) -> list[str]:
    """The import statements of a notebook's code cells, in order (for the floor kernel)."""
    lines = []
    for source in cells:
        try:
            tree = ast.parse("\n".join(l for l in source.splitlines()
                                       if not l.lstrip().startswith(("%", "!"))))
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                lines.append(ast.unparse(node))
    return lines


# --------------------------------------------------------------------------------------
# Machine facts
# --------------------------------------------------------------------------------------

def machine() -> dict:
    import psutil
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu,
            "memory_gib": round(psutil.virtual_memory().total / 1024**3, 1),
            "python": platform.python_version(), "system": platform.platform()}


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_cells(notebook: Path) -> list[str]:
    nb = json.loads(notebook.read_text())
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]


# --------------------------------------------------------------------------------------
# The hub
# --------------------------------------------------------------------------------------

HUB_CONFIG = """
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = ["--allow-root", "--ServerApp.ip=127.0.0.1"]
# the course environment's Jupyter configuration: its server extensions (JupyterLab,
# Voila ...) are loaded as on the course's image; the first folder switches off those
# of test-only packages (nbgrader), which the image (requirements.txt) does not have
c.Spawner.environment = {{"PYTHONPATH": {pythonpath!r},
                         "JUPYTER_CONFIG_PATH": {workdir!r} + "/etc:" + {course_env!r} + "/etc/jupyter",
                         "JUPYTER_DATA_PATH": {course_env!r} + "/share/jupyter"}}
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.JupyterHub.db_url = "sqlite:///" + {workdir!r} + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {workdir!r} + "/cookie_secret"
c.JupyterHub.pid_file = {workdir!r} + "/hub.pid"
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.services = [{{"name": "loadtest", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "loadtest", "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"], "services": ["loadtest"]}}]
"""


@dataclass
class Hub:
    env: Path
    chp: Path
    workdir: Path
    course_env: Path = Path(sys.prefix)
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    password: str = field(default_factory=lambda: secrets.token_hex(8))
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> None:
        import requests
        homes = self.workdir / "home"
        homes.mkdir(parents=True, exist_ok=True)
        config = HUB_CONFIG.format(
            port=self.port, hub_port=free_port(), proxy_api_port=free_port(),
            chp=str(self.chp), homes=str(homes),
            singleuser=str(self.env / "bin" / "jupyterhub-singleuser"),
            pythonpath=str(ROOT / "lib"), course_env=str(self.course_env), workdir=str(self.workdir), token=self.token)
        (self.workdir / "jupyterhub_config.py").write_text(config)
        (self.workdir / "etc").mkdir(exist_ok=True)
        (self.workdir / "etc" / "jupyter_server_config.json").write_text(json.dumps(
            {"ServerApp": {"jpserver_extensions": {e: False for e in TEST_ONLY_EXTENSIONS}}}))
        self.log = open(self.workdir / "hub.log", "w")
        self.proc = subprocess.Popen(
            [str(self.env / "bin" / "jupyterhub"), "-f", "jupyterhub_config.py"],
            cwd=self.workdir, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the hub exited; see {self.workdir / 'hub.log'}")
            try:
                if requests.get(self.url + "/hub/api/", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"the hub did not answer within {timeout} s")

    def api(self, method: str, path: str, **kw):
        import requests
        r = requests.request(method, self.url + "/hub/api" + path, timeout=60,
                             headers={"Authorization": f"token {self.token}"}, **kw)
        r.raise_for_status()
        return r.json() if r.content else None

    def processes(self) -> list:
        """The hub process and all its descendants (proxy, servers, kernels)."""
        import psutil
        try:
            hub = psutil.Process(self.proc.pid)
            return [hub, *hub.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def user_processes(self, user: str) -> list:
        """A user's server process and its kernels (children)."""
        import psutil
        out = []
        for p in self.processes():
            try:
                if "jupyterhub-singleuser" in " ".join(p.cmdline()) and \
                        p.environ().get("JUPYTERHUB_USER") == user:
                    out = [p, *p.children(recursive=True)]
            except psutil.Error:
                continue
        return out

    def stop(self) -> None:
        import psutil
        if self.proc is None:
            return
        procs = self.processes()
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        gone, alive = psutil.wait_procs(procs, timeout=20)
        for p in alive:
            try:
                p.kill()
            except psutil.Error:
                pass
        self.log.close()


# --------------------------------------------------------------------------------------
# A simulated student
# --------------------------------------------------------------------------------------

class Kernel:
    """A kernel's websocket through the user's Jupyter server, with a reader thread."""

    def __init__(self, url: str, token: str):
        import websocket
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {token}"],
                                              timeout=600)
        self.session = uuid.uuid4().hex
        self.lock = threading.Lock()
        self.waiters: dict[str, dict] = {}
        self.comms: dict[str, dict] = {}
        self.closed = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while not self.closed:
            try:
                frame = self.ws.recv()
            except Exception:
                break
            if not frame:
                continue
            msg = unpack_ws_message(frame)
            now = time.perf_counter()
            mtype = msg.get("msg_type") or msg["header"]["msg_type"]
            content = msg.get("content", {})
            if mtype == "comm_open" and content.get("target_name") == "jupyter.widget":
                self.comms[content["comm_id"]] = dict(content["data"].get("state", {}))
            parent = msg.get("parent_header", {}).get("msg_id")
            with self.lock:
                w = self.waiters.get(parent)
            if w is None:
                continue
            if mtype == "comm_msg":
                data = content.get("data", {})
                if data.get("method") == "update":
                    w["updates"] += 1
                    self.comms.setdefault(content["comm_id"], {}).update(data.get("state", {}))
            elif mtype in ("display_data", "update_display_data", "clear_output",
                           "execute_result"):
                w["updates"] += 1
            elif mtype == "stream":
                text = content.get("text", "")
                if "Traceback" in text or "Error" in text and content.get("name") == "stderr":
                    w["errors"] += 1
                else:
                    w["updates"] += 1
            elif mtype == "error":
                w["errors"] += 1
            elif mtype == "execute_reply" and content.get("status") != "ok":
                w["errors"] += 1
            elif mtype == "status" and content.get("execution_state") == "idle":
                w["idle"] = now
                w["event"].set()

    def send(self, channel: str, msg_type: str, content: dict) -> dict:
        msg_id = uuid.uuid4().hex
        waiter = {"updates": 0, "errors": 0, "idle": None, "event": threading.Event()}
        with self.lock:
            self.waiters[msg_id] = waiter
        msg = {"header": {"msg_id": msg_id, "msg_type": msg_type, "session": self.session,
                          "username": "student", "version": "5.3",
                          "date": datetime.now(timezone.utc).isoformat()},
               "parent_header": {}, "metadata": {}, "content": content,
               "channel": channel, "buffers": []}
        waiter["sent"] = time.perf_counter()
        self.ws.send(json.dumps(msg))
        return waiter

    def execute(self, code: str, timeout: float) -> dict:
        w = self.send("shell", "execute_request",
                      {"code": code, "silent": False, "store_history": True,
                       "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        w["event"].wait(timeout)
        return w

    def close(self) -> None:
        self.closed = True
        try:
            self.ws.close()
        except Exception:
            pass


@dataclass
class Student:
    hub: Hub
    name: str
    notebook: str
    moves: int
    seed: int
    timeout: float
    result: dict = field(default_factory=dict)
    move_log: list[Move] = field(default_factory=list)

    def run(self, barrier: threading.Barrier, phase: dict) -> None:
        self._passed: set[str] = set()
        try:
            self._run(barrier, phase)
        except Exception as exc:  # recorded, reported
            self.result["error"] = f"{type(exc).__name__}: {exc}"
            # A student who fails still arrives at the meeting points not yet passed, so
            # that the others go on (one failure used to break the barriers for all).
            for name, b in (("start", barrier), ("end", phase["end"])):
                if name not in self._passed:
                    try:
                        b.wait(timeout=self.timeout * 4)
                    except threading.BrokenBarrierError:
                        pass

    def _run(self, barrier: threading.Barrier, phase: dict) -> None:
        import requests
        hub, rng = self.hub, random.Random(self.seed)
        s = requests.Session()
        # log in through the form, as a browser does
        s.get(hub.url + "/hub/login", timeout=60)
        xsrf = s.cookies.get("_xsrf", "")
        t0 = time.perf_counter()
        r = s.post(hub.url + "/hub/login?next=", timeout=120, allow_redirects=False,
                   data={"username": self.name, "password": hub.password, "_xsrf": xsrf})
        if r.status_code not in (200, 302):
            raise RuntimeError(f"login failed with HTTP {r.status_code}")
        self.result["login_s"] = round(time.perf_counter() - t0, 3)
        token = hub.api("POST", f"/users/{self.name}/tokens",
                        json={"note": "load test", "expires_in": 7200,
                              "scopes": [f"access:servers!user={self.name}"]})["token"]
        # start the server
        t0 = time.perf_counter()
        hub.api("POST", f"/users/{self.name}/server")
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            server = hub.api("GET", f"/users/{self.name}")["servers"].get("", {})
            if server.get("ready"):
                break
            time.sleep(0.25)
        else:
            raise RuntimeError(f"server not ready within {self.timeout} s")
        self.result["start_s"] = round(time.perf_counter() - t0, 3)
        base = f"{hub.url}/user/{self.name}"
        auth = {"Authorization": f"token {token}"}
        # open the notebook: read it, start a session (kernel) for it
        nb = s.get(f"{base}/api/contents/{self.notebook}", headers=auth, timeout=120)
        nb.raise_for_status()
        cells = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                 for c in nb.json()["content"]["cells"] if c["cell_type"] == "code"]
        sess = s.post(f"{base}/api/sessions", headers=auth, timeout=120,
                      json={"path": self.notebook, "type": "notebook",
                            "kernel": {"name": "python3"}})
        sess.raise_for_status()
        kid = sess.json()["kernel"]["id"]
        kernel = Kernel(base.replace("http", "ws", 1) + f"/api/kernels/{kid}/channels",
                        token)
        try:
            # Run All
            t0 = time.perf_counter()
            errors = 0
            for code in cells:
                if not code.strip():
                    continue
                w = kernel.execute(code, self.timeout)
                if w["idle"] is None:
                    raise RuntimeError("a cell did not finish within the timeout")
                errors += w["errors"]
            self.result["run_all_s"] = round(time.perf_counter() - t0, 3)
            procs = hub.user_processes(self.name)
            self.result["run_all_cpu_s"] = round(sum(_cpu_seconds(procs[1:]).values()), 2)
            self.result["run_all_errors"] = errors
            sliders = [cid for cid, st in kernel.comms.items()
                       if st.get("_model_name") in SLIDER_MODELS and not st.get("disabled")]
            self.result["sliders"] = len(sliders)
            self._passed.add("start")                # (before waiting: see run())
            barrier.wait(timeout=self.timeout * 4)   # all students ready: widget phase
            for _ in range(self.moves):
                time.sleep(rng.uniform(2, 5))
                if not sliders:
                    break
                cid = rng.choice(sliders)
                value = slider_value(kernel.comms[cid], rng)
                w = kernel.send("shell", "comm_msg", {
                    "comm_id": cid,
                    "data": {"method": "update", "state": {"value": value},
                             "buffer_paths": []}})
                w["event"].wait(self.timeout)
                kernel.comms[cid]["value"] = value
                self.move_log.append(Move(sent=w["sent"], idle=w["idle"],
                                          updates=w["updates"], errors=w["errors"]))
            barrier_end = phase["end"]
            self._passed.add("end")
            barrier_end.wait(timeout=self.timeout * 4)
            phase["memory"][self.name] = _memory(hub.user_processes(self.name))
            phase["done"].wait(timeout=self.timeout * 4)
        finally:
            kernel.close()


def _memory(procs: list) -> list[dict[str, int]]:
    import psutil
    out = []
    for p in procs:
        try:
            info = p.memory_full_info()
            out.append({"pid": p.pid, "rss": info.rss, "uss": info.uss,
                        "role": "server" if not out else "kernel"})
        except psutil.Error:
            continue
    return out


def _cpu_seconds(procs: list) -> dict[int, float]:
    import psutil
    out = {}
    for p in procs:
        try:
            t = p.cpu_times()
            out[p.pid] = t.user + t.system
        except psutil.Error:
            continue
    return out


def run_hub(n: int, args) -> dict:
    """One load test with n students; returns the summary object for n."""
    workdir = Path(tempfile.mkdtemp(prefix=f"hub_load_{n}_"))
    hub = Hub(env=Path(args.hub_env), chp=Path(args.chp), workdir=workdir)
    load_before = load_average()
    try:
        hub.start()
        names = [f"student{i:02d}" for i in range(n)]
        for name in names:   # what nbgitpuller gives each student: the notebooks folder
            home = workdir / "home" / name
            shutil.copytree(ROOT / "notebooks", home / "notebooks",
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "id"))
        students = [Student(hub, name, f"notebooks/{args.notebook}", args.moves,
                            args.seed * 1000 + i, args.timeout)
                    for i, name in enumerate(names)]
        barrier = threading.Barrier(n + 1)
        phase = {"end": threading.Barrier(n + 1), "memory": {},
                 "done": threading.Event()}
        threads = [threading.Thread(target=st.run, args=(barrier, phase), daemon=True)
                   for st in students]
        for t in threads:
            t.start()
            time.sleep(args.stagger)
        try:
            barrier.wait(timeout=args.timeout * 4)      # everyone has run all cells
        except threading.BrokenBarrierError:
            pass
        cpu0, wall0 = _cpu_seconds(hub.processes()), time.perf_counter()
        try:
            phase["end"].wait(timeout=args.timeout + args.moves * 5 + 600)
        except threading.BrokenBarrierError:
            pass
        cpu1, wall1 = _cpu_seconds(hub.processes()), time.perf_counter()
        deadline = time.monotonic() + 120
        ok = [st for st in students if "error" not in st.result]
        while len(phase["memory"]) < len(ok) and time.monotonic() < deadline:
            time.sleep(0.2)
        phase["done"].set()
        for t in threads:
            t.join(timeout=60)
        errors = {st.name: st.result["error"] for st in students if "error" in st.result}
        done = [st for st in students if "run_all_s" in st.result]
        if not done or not phase["memory"]:
            raise RuntimeError(f"no student got through: {errors}")
        cpu_s = sum(max(0.0, cpu1[p] - cpu0.get(p, 0.0)) for p in cpu1)
        moves = [m for st in students for m in st.move_log]
        out = {"users": n, **summarise_moves(moves),
               **memory_per_user(phase["memory"]),
               "cpu_percent": cpu_percent(cpu_s, wall1 - wall0),
               "cpu_percent_per_user": cpu_percent(cpu_s / n, wall1 - wall0),
               "run_all_s": round(statistics.mean(st.result["run_all_s"] for st in done), 2),
               "run_all_max_s": round(max(st.result["run_all_s"] for st in done), 2),
               "run_all_kernel_cpu_s": round(statistics.mean(
                   st.result["run_all_cpu_s"] for st in done), 2),
               "start_s": round(statistics.mean(st.result["start_s"] for st in done), 2),
               "start_max_s": round(max(st.result["start_s"] for st in done), 2),
               "run_all_errors": sum(st.result.get("run_all_errors", 0) for st in students),
               "sliders": done[0].result.get("sliders"),
               "users_failed": len(errors),
               "widget_phase_s": round(wall1 - wall0, 1),
               "notebook": args.notebook, "moves_per_user": args.moves,
               "load_average_before": load_before, "load_average_after": load_average()}
        if errors:
            out["errors"] = errors
        return out
    finally:
        hub.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


# --------------------------------------------------------------------------------------
# Kernel memory per notebook
# --------------------------------------------------------------------------------------

PROBE = """
import sys as _s, gc as _g
_r = {"modules": sorted({m.split('.')[0] for m in _s.modules if not m.startswith('_')})}
try:
    import matplotlib.pyplot as _p
    _r["open_figures"] = len(_p.get_fignums())
except Exception:
    _r["open_figures"] = None
_r["gc_objects"] = len(_g.get_objects())
try:
    from ipywidgets.widgets import widget as _w
    _r["live_widgets"] = len(_w._instances)
except Exception:
    _r["live_widgets"] = None
_r["output_cache"] = len(globals().get("Out", {}))
print("__PROBE__" + __import__("json").dumps(_r))
"""

TRIM = """
import gc as _g, ctypes as _c
_g.collect()
_c.CDLL("libc.so.6").malloc_trim(0)
"""

FLOOR_FIGURE = """
import matplotlib.pyplot as _plt
_fig, _ax = _plt.subplots()
_ax.plot([0, 1], [0, 1])
_ax.set_title("floor")
_plt.show()
"""


def _kernel_after(codes: list[str], timeout: float) -> dict:
    import psutil
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT / "notebooks"),
                              env={**os.environ, "PYTHONPATH": str(ROOT / "lib")})
    try:
        errors = 0
        t0 = time.perf_counter()
        for code in codes:
            reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda m: None)
            errors += reply["content"]["status"] != "ok"
        elapsed = time.perf_counter() - t0
        proc = psutil.Process(km.provisioner.process.pid)
        cpu = proc.cpu_times()
        probe = {}

        def hook(msg):
            if msg["msg_type"] == "stream" and "__PROBE__" in msg["content"]["text"]:
                probe.update(json.loads(msg["content"]["text"].split("__PROBE__", 1)[1]))
        kc.execute_interactive(PROBE, timeout=timeout, output_hook=hook)
        time.sleep(1)
        info = proc.memory_full_info()
        # how much of it is freed heap that the allocator keeps (not live objects)
        kc.execute_interactive(TRIM, timeout=timeout, output_hook=lambda m: None)
        trimmed = proc.memory_info().rss
        return {"rss_mib": round(info.rss / MIB, 1), "uss_mib": round(info.uss / MIB, 1),
                "rss_after_gc_trim_mib": round(trimmed / MIB, 1),
                "errors": errors, "run_s": round(elapsed, 2),
                "run_cpu_s": round(cpu.user + cpu.system, 2), **probe}
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def run_kernels(args) -> dict:
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    out = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
           "machine": machine(), "load_average_before": load_average(), "notebooks": {}}
    for nb in notebooks:
        cells = read_cells(nb)
        full = _kernel_after(cells, args.timeout)
        floor = _kernel_after(["\n".join(notebook_imports(cells)), FLOOR_FIGURE],
                              args.timeout)
        extra = sorted(set(full.pop("modules", [])) - set(floor.get("modules", [])))
        floor.pop("modules", None)
        ratio = round(full["rss_mib"] / floor["rss_mib"], 2)
        out["notebooks"][nb.name] = {"kernel": full, "floor": floor, "rss_ratio": ratio,
                                     "over_1_1": ratio > 1.1,
                                     "modules_beyond_floor": extra}
        print(f"{nb.name}: kernel {full['rss_mib']} MiB RSS, floor {floor['rss_mib']} MiB,"
              f" ratio {ratio}", flush=True)
    out["load_average_after"] = load_average()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--users", type=int, nargs="*", default=[],
                   help="numbers of simultaneous students, e.g. 1 5 10 20 30 40")
    p.add_argument("--kernels", action="store_true",
                   help="also measure kernel memory per notebook against the floor")
    p.add_argument("--notebook", default="02_primary_dilemma.ipynb",
                   help="the notebook every student opens (in notebooks/)")
    p.add_argument("--moves", type=int, default=20, help="slider moves per student")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--stagger", type=float, default=0.5,
                   help="seconds between two students' logins")
    p.add_argument("--timeout", type=float, default=300, help="bound on every wait (s)")
    p.add_argument("--hub-env", default="/tmp/hubload/env",
                   help="environment with jupyterhub and the course's packages")
    p.add_argument("--chp", default="/tmp/hubload/chp/node_modules/.bin/configurable-http-proxy")
    p.add_argument("--out", default=str(PUBLISHED / "hub_load.json"))
    p.add_argument("--kernels-out", default=str(PUBLISHED / "hub_load_kernels.json"))
    p.add_argument("--keep", action="store_true", help="keep the hub's work folders")
    args = p.parse_args(argv)
    if not args.users and not args.kernels:
        p.error("nothing to do: give --users N ... and/or --kernels")
    for path in (Path(args.hub_env) / "bin" / "jupyterhub", Path(args.chp)):
        if args.users and not path.exists():
            p.error(f"{path} not found: install the hub and its proxy (see the docstring)")
    if args.users:
        results = []
        for n in args.users:
            print(f"N = {n} ...", flush=True)
            try:
                r = run_hub(n, args)
            except Exception as exc:  # an N where nobody got through is a result too
                r = {"users": n, "error": f"{type(exc).__name__}: {exc}",
                     "load_average_after": load_average()}
            print(json.dumps(r), flush=True)
            results.append(r)
            # written after every N, so that a later failure keeps the earlier figures
            report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                      "machine": machine(), "command": " ".join(["benchmarks/hub_load.py",
                                                                  *(argv or sys.argv[1:])]),
                      "results": results}
            Path(args.out).write_text(json.dumps(report, indent=1) + "\n")
    if args.kernels:
        Path(args.kernels_out).write_text(json.dumps(run_kernels(args), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
