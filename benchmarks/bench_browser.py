"""Benchmark: end-to-end widget latency in a real browser. It reports; it does not judge.

Usage, from the repository root in the course's virtual environment::

    .venv/bin/python benchmarks/bench_browser.py [--changes 20] [--notebooks 00 03]

JupyterLab (from the running environment, on 127.0.0.1) serves a temporary copy of the
notebooks; Debian's headless Chromium, driven by Playwright, opens each notebook, runs
all cells, finds every widget on the page (CSS class ``alliances-widget``) and its
sliders and number fields (``alliances-control`` / ``alliances-payoff``), and changes
them from the keyboard, cycling through the controls. For each change it records, in
the page, the time from the key press that commits it (an arrow key on a slider, Enter
in a number field) to the widget's new figure decoded and painted. The figure is a PNG
sent by the kernel, so this is the whole round trip: browser -> kernel (recompute,
redraw, render) -> browser.

The JupyterLab and page helpers are the browser tests' (tests/browser/).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import jupyterlab as lab  # noqa: E402
from browser.controls import discover, timed_change, watch_latency  # noqa: E402

MEASURED_KINDS = ("slider", "number", "text")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered))) - 1))]


def bench_notebook(page, server, name: str, changes: int) -> list[dict]:
    """Run ``name`` in JupyterLab, then time ``changes`` keyboard changes per widget."""
    lab.open_notebook(page, server, name)
    started = time.perf_counter()
    lab.run_all_cells(page, timeout=300)
    lab.wait_for_widgets(page)
    run_all = time.perf_counter() - started
    rows = []
    widgets = discover(page)
    for widget in widgets:
        controls = [c for c in widget.controls if c.kind in MEASURED_KINDS and c.visible]
        label = widget.name
        if widget.parent is not None:
            label += f" (inside {widgets[widget.parent].name})"
        if not controls:
            # A widget whose sliders or number fields belong to a widget inside it (the
            # family map's payoff editor): time those, to this widget's own figure.
            inner = [w for w in widgets if w.parent == widget.index]
            controls = [c for w in inner for c in w.controls
                        if c.kind in MEASURED_KINDS and c.visible]
            if controls:
                label += f" (driven by {', '.join(w.name for w in inner)})"
        if widget.parent is not None and controls and not (
                widget.figure(page).count() and widget.figure(page).is_visible()):
            # A widget inside another whose own figure is hidden (the family map's payoff
            # editor): its controls are timed to the outer widget's figure, above.
            continue
        row = {"notebook": name, "widget": label, "controls": len(controls),
               "run_all_s": run_all, "times_ms": [], "unchanged": 0}
        rows.append(row)
        if not controls:
            continue
        widget.locator(page).scroll_into_view_if_needed()
        watch_latency(page, widget)
        for k in range(changes):
            latency = timed_change(page, controls[k % len(controls)])
            if latency is None:
                row["unchanged"] += 1
            else:
                row["times_ms"].append(latency)
            lab.wait_for_kernel_quiet(page, quiet=0.05, timeout=30)
    return rows


def run(changes: int = 20, notebooks: list[str] | None = None) -> list[dict]:
    """Every widget of every notebook: a dict per widget with its latencies in ms."""
    from playwright.sync_api import sync_playwright

    names = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if notebooks:
        names = [n for n in names if n[:2] in notebooks or n in notebooks]
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="alliances-bench-") as work:
        server = lab.start_jupyterlab(ROOT / "notebooks", Path(work))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=lab.CHROMIUM_PATH, args=lab.CHROMIUM_ARGS, headless=True)
                try:
                    for name in names:
                        context = browser.new_context(viewport={"width": 1280, "height": 900})
                        page = context.new_page()
                        page.set_default_timeout(30_000)
                        try:
                            rows += bench_notebook(page, server, name, changes)
                        finally:
                            context.close()
                            server.reset()
                finally:
                    browser.close()
        finally:
            lab.stop_jupyterlab(server)
    for row in rows:
        times = row["times_ms"]
        row["median_ms"] = statistics.median(times) if times else None
        row["p95_ms"] = _percentile(times, 0.95) if times else None
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20, help="keyboard changes per widget")
    parser.add_argument("--notebooks", nargs="*", help="only these (e.g. 00 03)")
    args = parser.parse_args()
    rows = run(args.changes, args.notebooks)
    print(f"{'notebook':28s} {'widget':32s} {'median':>8s} {'p95':>8s}  changes")
    for r in rows:
        median = f"{r['median_ms']:6.0f}ms" if r["median_ms"] is not None else "     n/a"
        p95 = f"{r['p95_ms']:6.0f}ms" if r["p95_ms"] is not None else "     n/a"
        print(f"{r['notebook']:28s} {r['widget']:32s} {median} {p95}  {len(r['times_ms'])}"
              + (f" ({r['unchanged']} left the figure unchanged)" if r["unchanged"] else ""))


if __name__ == "__main__":
    main()
