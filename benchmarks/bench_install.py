"""Benchmark: a fresh install's time and size. It reports; it does not judge.

Usage, from the repository root::

    .venv/bin/python benchmarks/bench_install.py [--pip-cache]

Does what README.md tells a reader to do, in a temporary folder: ``python3 -m venv``,
then ``pip install -r requirements.txt`` (the course's exact pins and the ``alliances``
library from this checkout), timing each step, then measures the environment's size on
disk (``du``). By default pip's cache is off, so every package is downloaded as on a
new machine; ``--pip-cache`` uses the cache (a reinstall).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _du_bytes(path: Path) -> int:
    result = subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True, check=True)
    return int(result.stdout.split()[0])


def run(pip_cache: bool = False, python: str | None = None) -> dict:
    """Create a venv and install requirements.txt into it; times in s, size in bytes."""
    python = python or shutil.which("python3") or sys.executable
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    if not pip_cache:
        env["PIP_NO_CACHE_DIR"] = "1"
    with tempfile.TemporaryDirectory(prefix="alliances-install-") as work:
        venv = Path(work) / ".venv"
        start = time.perf_counter()
        subprocess.run([python, "-m", "venv", str(venv)], check=True, env=env,
                       capture_output=True)
        venv_s = time.perf_counter() - start
        start = time.perf_counter()
        result = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "-r",
                                 "requirements.txt"], cwd=ROOT, env=env, capture_output=True,
                                text=True)
        pip_s = time.perf_counter() - start
        if result.returncode != 0:
            raise RuntimeError(f"pip install failed:\n{result.stdout}\n{result.stderr}")
        packages = subprocess.run([str(venv / "bin" / "pip"), "list", "--format=freeze"],
                                  capture_output=True, text=True, env=env).stdout.split()
        start = time.perf_counter()
        subprocess.run([str(venv / "bin" / "python"), "-c",
                        "import alliances, alliances.widgets, matplotlib.pyplot"],
                       check=True, env=env, capture_output=True)
        first_import_s = time.perf_counter() - start
        size = _du_bytes(venv)
    return {"python": subprocess.run([python, "--version"], capture_output=True,
                                     text=True).stdout.strip(),
            "pip_cache": pip_cache, "venv_s": venv_s, "pip_install_s": pip_s,
            "total_s": venv_s + pip_s, "size_bytes": size, "packages": len(packages),
            "first_import_s": first_import_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pip-cache", action="store_true", help="let pip use its cache")
    args = parser.parse_args()
    r = run(args.pip_cache)
    print(f"{r['python']}, pip cache {'on' if r['pip_cache'] else 'off'}: venv {r['venv_s']:.1f} s"
          f" + pip install {r['pip_install_s']:.1f} s = {r['total_s']:.1f} s; "
          f"{r['packages']} packages, {r['size_bytes'] / 2**20:.0f} MiB on disk; first import "
          f"of the library {r['first_import_s']:.1f} s")


if __name__ == "__main__":
    main()
