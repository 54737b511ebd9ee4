"""Benchmark: widget update latency and notebook execution time. It reports; it does not judge.

Usage, from the repository root in the course's virtual environment::

    .venv/bin/python benchmarks/bench_widgets.py            # widgets and notebooks
    .venv/bin/python benchmarks/bench_widgets.py --widgets  # widgets only
    .venv/bin/python benchmarks/bench_widgets.py --transport  # bytes and time per frame

For each widget, the in-process update time is the time from setting a control's value
to the end of the callback: recompute, update the artists, render the PNG. It is
measured over many changes that cycle through every control. For each notebook, the
execution time is measured with nbclient from kernel start to the last cell, beside the
floor of starting a kernel and importing the library.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]


def _payoff_editor_changes() -> tuple[object, Iterator[Callable[[], None]]]:
    from alliances import PayoffEditor

    editor = PayoffEditor()
    values = [-2.0, 0.0, 1.5, 3.0, 5.0, 2.0]

    def changes() -> Iterator[Callable[[], None]]:
        k = 0
        while True:
            control = editor.payoff_controls[k % len(editor.payoff_controls)]
            value = values[k % len(values)]
            if control.value == value:
                value += 0.5
            yield lambda c=control, v=value: setattr(c, "value", v)
            k += 1

    return editor, changes()


def all_cases() -> dict[str, Callable[[], tuple[object, Iterator[Callable[[], None]]]]]:
    """Every widget of the course: name -> factory returning (widget, endless changes).

    Cases come from this file and from ``benchmarks/widgets_nbNN.py`` (a dict ``CASES``).
    """
    import importlib.util

    cases = {"PayoffEditor (00)": _payoff_editor_changes}
    for path in sorted(Path(__file__).parent.glob("widgets_nb*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        cases.update(module.CASES)
    return cases


def bench_widget(name: str, factory, changes: int = 200) -> dict[str, float]:
    widget, stream = factory()
    for _ in range(10):            # warm-up: caches, first renders
        next(stream)()
    times = []
    for _ in range(changes):
        change = next(stream)
        start = time.perf_counter()
        change()
        times.append((time.perf_counter() - start) * 1000)
    error = getattr(widget, "error", None)
    if error is not None and error.value:
        raise RuntimeError(f"{name} showed an error during the benchmark: {error.value}")
    times.sort()
    return {"median_ms": statistics.median(times), "p95_ms": times[int(0.95 * len(times)) - 1],
            "max_ms": times[-1], "changes": changes}


def bench_transport(name: str, factory, frames: int = 20) -> dict[str, float]:
    """Per frame: what the figure costs on the wire and in the kernel, as today's
    ``<img alt=...>`` in an HTML widget (base64 text in the JSON message) against an
    ``ipywidgets.Image`` (the PNG as a binary buffer, no alt text possible)."""
    import base64
    import json

    from alliances.widgets.base import image_html

    widget, stream = factory()
    html_ms, image_ms, html_bytes, png_bytes = [], [], [], []
    for _ in range(frames):
        next(stream)()
        png, sentence = widget.png, widget.sentence
        start = time.perf_counter()
        message = json.dumps({"value": image_html(png, sentence)})
        html_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        buffers = [memoryview(png)]                 # what Image sends: the bytes as they are
        image_ms.append((time.perf_counter() - start) * 1000)
        html_bytes.append(len(message.encode()))
        png_bytes.append(sum(b.nbytes for b in buffers))
        assert base64.b64decode(message.split("base64,")[1].split('"')[0]) == png
    return {"html_kb": statistics.median(html_bytes) / 1024,
            "image_kb": statistics.median(png_bytes) / 1024,
            "html_ms": statistics.median(html_ms), "image_ms": statistics.median(image_ms)}


def bench_notebooks() -> dict[str, float]:
    import nbformat
    from nbclient import NotebookClient

    results = {}
    floor = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import alliances, alliances.widgets, alliances.views.style, matplotlib.pyplot")])
    start = time.perf_counter()
    NotebookClient(floor, kernel_name="python3").execute()
    results["kernel start + imports (floor)"] = time.perf_counter() - start
    total = 0.0
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, kernel_name="python3", timeout=600,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        elapsed = time.perf_counter() - start
        results[path.name] = elapsed
        total += elapsed
    results["all notebooks, one after another"] = total
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widgets", action="store_true", help="only the widget benchmark")
    parser.add_argument("--changes", type=int, default=200, help="changes per widget")
    parser.add_argument("--transport", action="store_true",
                        help="only bytes and kernel time per frame: <img> in HTML vs Image")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.platform()}")
    if args.transport:
        print("\nper frame (median): HTML <img alt> message vs Image binary buffer")
        print(f"  {'widget':40s} {'HTML kB':>8s} {'Image kB':>9s} {'HTML ms':>8s} "
              f"{'Image ms':>9s}")
        for name, factory in all_cases().items():
            r = bench_transport(name, factory)
            print(f"  {name:40s} {r['html_kb']:8.1f} {r['image_kb']:9.1f} "
                  f"{r['html_ms']:8.2f} {r['image_ms']:9.3f}")
        return
    print(f"\nwidget update, in process ({args.changes} changes each):")
    print(f"  {'widget':40s} {'median':>9s} {'p95':>9s} {'max':>9s}")
    for name, factory in all_cases().items():
        r = bench_widget(name, factory, args.changes)
        print(f"  {name:40s} {r['median_ms']:7.1f}ms {r['p95_ms']:7.1f}ms {r['max_ms']:7.1f}ms")
    if not args.widgets:
        print("\nnotebook execution (nbclient, fresh kernel each):")
        for name, seconds in bench_notebooks().items():
            print(f"  {name:40s} {seconds:7.2f}s")


if __name__ == "__main__":
    main()
