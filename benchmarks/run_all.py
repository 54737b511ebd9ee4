"""Every benchmark of the course, one report. It reports; it does not judge.

Usage, from the repository root in the course's virtual environment::

    .venv/bin/python benchmarks/run_all.py            # everything (about 10-15 minutes)
    .venv/bin/python benchmarks/run_all.py --quick    # fewer changes, no install

Measures, for every widget and notebook found in the repository (nothing is listed by
hand: widgets come from ``benchmarks/widgets_nb*.py`` and from the pages, notebooks
from ``notebooks/NN_*.ipynb``):

1. in-process widget update: recompute, redraw and PNG render, median and 95th
   percentile over many changes (``bench_widgets.py``);
2. end-to-end in a browser: JupyterLab in headless Chromium, key press to new figure
   on screen, median and 95th percentile over about 20 keyboard changes per widget
   (``bench_browser.py``);
3. notebook execution: each notebook and the whole collection with nbclient, beside the
   floor of a kernel start plus the library's imports (``bench_widgets.py``);
4. a fresh install's time and size (``bench_install.py``).

The report (markdown, with the machine and the targets of issue 9 beside each figure)
is written to ``benchmarks/results/`` (not committed) and printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"

#: The targets of issue 9 (milliseconds, seconds).
TARGET_UPDATE_MEDIAN_MS = 50
TARGET_UPDATE_P95_MS = 100
TARGET_BROWSER_MEDIAN_MS = 250
TARGET_COLLECTION_S = 60


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def machine() -> str:
    """One line: CPU, cores, memory, OS, Python, and the load when the run started."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = ", load average at start {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    chromium = ""
    try:
        chromium = ", " + subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True,
                                         text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.platform()}; Python "
            f"{platform.python_version()}{chromium}{load}")


def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("yes" if ok else "**NO**")


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def widget_section(changes: int) -> tuple[list[str], list[str]]:
    bench = _load("bench_widgets")
    lines = [f"## Widget update in process ({changes} changes each, after 10 warm-up)", "",
             f"Target: median < {TARGET_UPDATE_MEDIAN_MS} ms and 95th percentile < "
             f"{TARGET_UPDATE_P95_MS} ms.", "",
             "| widget (notebook, kind of change) | median ms | p95 ms | max ms | within target |",
             "| --- | ---: | ---: | ---: | :---: |"]
    misses = []
    for name, factory in bench.all_cases().items():
        try:
            r = bench.bench_widget(name, factory, changes)
        except Exception as exc:  # noqa: BLE001 - report and go on
            lines.append(f"| {name} | failed: {type(exc).__name__}: {exc} | | | **NO** |")
            misses.append(f"{name}: benchmark failed ({exc})")
            continue
        ok = r["median_ms"] < TARGET_UPDATE_MEDIAN_MS and r["p95_ms"] < TARGET_UPDATE_P95_MS
        if not ok:
            misses.append(f"{name}: in-process median {r['median_ms']:.1f} ms, "
                          f"p95 {r['p95_ms']:.1f} ms")
        lines.append(f"| {name} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | "
                     f"{r['max_ms']:.1f} | {_mark(ok)} |")
    return lines, misses


def browser_section(changes: int) -> tuple[list[str], list[str]]:
    bench = _load("bench_browser")
    lines = [f"## End to end in the browser (JupyterLab, headless Chromium, {changes} keyboard "
             "changes per widget)", "",
             f"From the key press to the new figure decoded and painted. Target: median < "
             f"{TARGET_BROWSER_MEDIAN_MS} ms.", "",
             "| notebook | widget | controls | median ms | p95 ms | changes timed | "
             "within target |", "| --- | --- | ---: | ---: | ---: | ---: | :---: |"]
    misses = []
    try:
        rows = bench.run(changes)
    except Exception as exc:  # noqa: BLE001
        return lines + [f"Could not run: {type(exc).__name__}: {exc}"], \
            [f"browser benchmark failed: {exc}"]
    for r in rows:
        ok = None if r["median_ms"] is None else r["median_ms"] < TARGET_BROWSER_MEDIAN_MS
        if ok is False:
            misses.append(f"{r['notebook']} {r['widget']}: browser median "
                          f"{r['median_ms']:.0f} ms")
        note = f" ({r['unchanged']} left the figure unchanged)" if r["unchanged"] else ""
        lines.append(f"| {r['notebook']} | {r['widget']} | {r['controls']} | "
                     f"{_ms(r['median_ms'])} | {_ms(r['p95_ms'])} | {len(r['times_ms'])}{note} "
                     f"| {_mark(ok)} |")
    return lines, misses


def notebook_section() -> tuple[list[str], list[str]]:
    bench = _load("bench_widgets")
    lines = ["## Notebook execution (nbclient, a fresh kernel each)", "",
             f"Target: the whole collection in < {TARGET_COLLECTION_S} s.", "",
             "| what | seconds |", "| --- | ---: |"]
    misses = []
    results = bench.bench_notebooks()
    floor = results.get("kernel start + imports (floor)")
    for name, seconds in results.items():
        extra = f" ({seconds - floor:.1f} above the floor)" if floor and name.endswith(
            ".ipynb") else ""
        lines.append(f"| {name} | {seconds:.1f}{extra} |")
    total = results.get("all notebooks, one after another", 0)
    if total >= TARGET_COLLECTION_S:
        misses.append(f"the whole collection took {total:.1f} s")
    lines.append(f"| within target | {_mark(total < TARGET_COLLECTION_S)} |")
    return lines, misses


def install_section(pip_cache: bool) -> tuple[list[str], list[str]]:
    bench = _load("bench_install")
    lines = ["## Fresh install (README's command in a temporary folder)", ""]
    try:
        r = bench.run(pip_cache)
    except Exception as exc:  # noqa: BLE001
        return lines + [f"Could not run: {type(exc).__name__}: {exc}"], []
    lines += ["| what | value |", "| --- | ---: |",
              f"| Python | {r['python']} |",
              f"| pip cache | {'on (a reinstall)' if r['pip_cache'] else 'off (all downloaded)'} |",
              f"| python -m venv | {r['venv_s']:.1f} s |",
              f"| pip install -r requirements.txt | {r['pip_install_s']:.1f} s |",
              f"| packages installed | {r['packages']} |",
              f"| size of the environment (du) | {r['size_bytes'] / 2**20:.0f} MiB |",
              f"| first import of the library | {r['first_import_s']:.1f} s |"]
    return lines, []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="50 in-process and 5 browser changes per widget, no install")
    parser.add_argument("--changes", type=int, default=200, help="in-process changes per widget")
    parser.add_argument("--browser-changes", type=int, default=20,
                        help="keyboard changes per widget in the browser")
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["widgets", "browser", "notebooks", "install"])
    parser.add_argument("--pip-cache", action="store_true", help="install with pip's cache")
    args = parser.parse_args()
    if args.quick:
        args.changes, args.browser_changes = 50, 5
        args.skip = sorted(set(args.skip) | {"install"})
    sys.path.insert(0, str(HERE))
    started = time.perf_counter()
    when = dt.datetime.now().astimezone()
    report = ["# Alliance Dilemmas: benchmark report", "",
              f"Run {when:%Y-%m-%d %H:%M %Z} with `benchmarks/run_all.py"
              f"{' --quick' if args.quick else ''}`.", "",
              f"Machine: {machine()}.", ""]
    misses: list[str] = []
    sections = [("widgets", lambda: widget_section(args.changes)),
                ("browser", lambda: browser_section(args.browser_changes)),
                ("notebooks", notebook_section),
                ("install", lambda: install_section(args.pip_cache))]
    for key, section in sections:
        if key in args.skip:
            continue
        print(f"... {key}", file=sys.stderr, flush=True)
        lines, missed = section()
        report += lines + [""]
        misses += missed
    report += ["## Summary", ""]
    report += ([f"- missed: {m}" for m in misses] if misses else
               ["Every measured figure is within the targets of issue 9."])
    report += ["", f"The whole run took {time.perf_counter() - started:.0f} s."]
    text = "\n".join(report) + "\n"
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"report-{when:%Y%m%d-%H%M%S}.md"
    path.write_text(text, encoding="utf-8")
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"(written to {path.relative_to(ROOT)} and benchmarks/results/latest.md)")


if __name__ == "__main__":
    main()
