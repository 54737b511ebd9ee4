"""Benchmark: a fresh install's time and size. It reports; it does not judge.

Usage, from the repository root (any Python 3.11 or newer; only the standard library)::

    python3 benchmarks/bench_install.py                 # the course's lock, once
    python3 benchmarks/bench_install.py --stack bare    # the bare stack, once
    python3 benchmarks/bench_install.py --compare 3     # both, alternately, 3 times each

Does in a temporary folder what ``python -m course open`` does on a new machine:
``python -m venv``, then ``pip install -r requirements.txt`` (the lock: every package
pinned, and the ``alliances`` library from this checkout), timing each step, then
measures the environment's size on disk and the first import of the library.

``--stack bare`` installs instead the stack of the course's design card, unpinned, as
someone would without a lock: ``pip install jupyterlab ipywidgets matplotlib nashpy
nbval``. Compare the two in the same run (``--compare``): the network and the machine's
load change from minute to minute, so only figures taken side by side are comparable.

pip's cache is off and this machine's pip configuration files and ``PIP_*`` variables
are ignored (``PIP_CONFIG_FILE`` is set to the null device), so every package is
downloaded from the Python Package Index, as on a new machine; ``--pip-cache`` keeps the
cache (a reinstall). ``--json FILE`` appends each run's figures to FILE as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE_STACK = ("jupyterlab", "ipywidgets", "matplotlib", "nashpy", "nbval")
"""The design card's stack, as a user without the lock would install it."""
STACKS = ("lock", "bare")


def _du_bytes(path: Path) -> int:
    """Bytes on disk under ``path`` (files' sizes, as ``du -sb`` counts them)."""
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            file = Path(folder, name)
            if not file.is_symlink():
                total += file.stat().st_size
    return total


def _venv_python(venv: Path) -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return venv / scripts / ("python.exe" if os.name == "nt" else "python")


def clean_env(pip_cache: bool) -> dict[str, str]:
    """The environment for pip: no machine configuration, no local indexes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV"))}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    if not pip_cache:
        env["PIP_NO_CACHE_DIR"] = "1"
    return env


def run(stack: str = "lock", pip_cache: bool = False, python: str | None = None) -> dict:
    """Create a venv and install ``stack`` into it; times in s, size in bytes."""
    if stack not in STACKS:
        raise ValueError(f"stack must be one of {STACKS}, got {stack!r}")
    python = python or sys.executable
    env = clean_env(pip_cache)
    what = (["-r", "requirements.txt"] if stack == "lock" else list(BARE_STACK))
    with tempfile.TemporaryDirectory(prefix="alliances-install-") as work:
        venv = Path(work) / ".venv"
        start = time.perf_counter()
        subprocess.run([python, "-m", "venv", str(venv)], check=True, env=env,
                       capture_output=True)
        venv_s = time.perf_counter() - start
        vpython = str(_venv_python(venv))
        start = time.perf_counter()
        result = subprocess.run([vpython, "-m", "pip", "install", "-q", *what], cwd=ROOT,
                                env=env, capture_output=True, text=True)
        pip_s = time.perf_counter() - start
        if result.returncode != 0:
            raise RuntimeError(f"pip install failed:\n{result.stdout}\n{result.stderr}")
        freeze = subprocess.run([vpython, "-m", "pip", "list", "--format=freeze"],
                                capture_output=True, text=True, env=env).stdout.split()
        check = subprocess.run([vpython, "-m", "pip", "check"], capture_output=True,
                               text=True, env=env)
        first_import = ("import alliances, alliances.widgets, matplotlib.pyplot"
                        if stack == "lock" else "import ipywidgets, matplotlib.pyplot, nashpy")
        start = time.perf_counter()
        subprocess.run([vpython, "-c", first_import], check=True, env=env, cwd=work,
                       capture_output=True)
        first_import_s = time.perf_counter() - start
        size = _du_bytes(venv)
    return {"stack": stack, "python": platform.python_version(), "pip_cache": pip_cache,
            "venv_s": venv_s, "pip_install_s": pip_s, "total_s": venv_s + pip_s,
            "size_bytes": size, "packages": len(freeze), "pip_check_ok": check.returncode == 0,
            "first_import_s": first_import_s, "freeze": freeze,
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def line(r: dict) -> str:
    """One run as a sentence."""
    return (f"{r['stack']}: Python {r['python']}, pip cache {'on' if r['pip_cache'] else 'off'}:"
            f" venv {r['venv_s']:.1f} s + pip install {r['pip_install_s']:.1f} s = "
            f"{r['total_s']:.1f} s; {r['packages']} packages, {r['size_bytes'] / 2**20:.0f} MiB"
            f" on disk; pip check {'clean' if r['pip_check_ok'] else 'NOT clean'}; first "
            f"import {r['first_import_s']:.1f} s")


def compare(times: int, pip_cache: bool, json_file: Path | None) -> list[dict]:
    """Run lock, bare, lock, bare ... ``times`` each; print each run and the medians."""
    runs = []
    for _ in range(times):
        for stack in STACKS:
            r = run(stack, pip_cache)
            _save(r, json_file)
            print(line(r), flush=True)
            runs.append(r)
    for stack in STACKS:
        total = [r["total_s"] for r in runs if r["stack"] == stack]
        print(f"{stack}: median {statistics.median(total):.1f} s "
              f"(min {min(total):.1f}, max {max(total):.1f}) over {len(total)} runs")
    return runs


def report(runs: list[dict]) -> str:
    """A Markdown report of runs (from ``--json`` files): each run, the medians, and the
    packages that the bare stack got in other versions than the lock pins."""
    out = ["| run ended (UTC) | stack | venv (s) | pip install (s) | total (s) | packages |"
           " size (MiB) | pip check | first import (s) |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
    for r in sorted(runs, key=lambda r: r["when"]):
        out.append(f"| {r['when']} | {r['stack']} | {r['venv_s']:.1f} | {r['pip_install_s']:.1f}"
                   f" | {r['total_s']:.1f} | {r['packages']} | {r['size_bytes'] / 2**20:.0f} | "
                   f"{'clean' if r['pip_check_ok'] else 'NOT clean'} | "
                   f"{r['first_import_s']:.1f} |")
    out += ["", "| stack | runs | median total (s) | min (s) | max (s) | median pip install (s) |"
            " packages | size (MiB) |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for stack in STACKS:
        mine = [r for r in runs if r["stack"] == stack]
        if not mine:
            continue
        total = [r["total_s"] for r in mine]
        out.append(f"| {stack} | {len(mine)} | {statistics.median(total):.1f} | {min(total):.1f}"
                   f" | {max(total):.1f} | "
                   f"{statistics.median(r['pip_install_s'] for r in mine):.1f} | "
                   f"{statistics.median(r['packages'] for r in mine):.0f} | "
                   f"{statistics.median(r['size_bytes'] for r in mine) / 2**20:.0f} |")
    versions = {s: dict(line.split("==", 1) for r in runs if r["stack"] == s
                        for line in r["freeze"] if "==" in line) for s in STACKS}
    differ = sorted(n for n in versions["bare"].keys() & versions["lock"].keys()
                    if versions["bare"][n] != versions["lock"][n])
    out += ["", "Packages the bare stack installed in another version than the lock pins: "
            + (", ".join(f"{n} {versions['bare'][n]} (lock {versions['lock'][n]})"
                         for n in differ) or "none") + "."]
    return "\n".join(out) + "\n"


def _save(r: dict, json_file: Path | None) -> None:
    if json_file is not None:
        with json_file.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(r) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stack", choices=STACKS, default="lock",
                        help="the course's lock (default) or the bare design-card stack")
    parser.add_argument("--compare", type=int, metavar="N",
                        help="run both stacks alternately, N times each")
    parser.add_argument("--pip-cache", action="store_true", help="let pip use its cache")
    parser.add_argument("--json", type=Path, help="append each run's figures to this file")
    parser.add_argument("--report", type=Path, nargs="+", metavar="JSON",
                        help="print a Markdown report of the runs in these --json files")
    args = parser.parse_args()
    if args.report:
        runs = [json.loads(line) for path in args.report
                for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        print(report(runs), end="")
        return
    if args.compare:
        compare(args.compare, args.pip_cache, args.json)
    else:
        r = run(args.stack, args.pip_cache)
        _save(r, args.json)
        print(line(r))


if __name__ == "__main__":
    main()
