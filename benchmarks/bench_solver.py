"""Benchmark: how long the exact equilibrium solver takes, by game size and family.

Usage, from the repository root::

    .venv/bin/python benchmarks/bench_solver.py [--sizes 2-10] [--games 30] [--write]

For each size n (n x n games) and each family below it times, per game, the two steps
a notebook or a widget can trigger: listing the extreme equilibria
(``analyse(A, B, time_budget=None)``) and grouping them into maximal Nash subsets
(``.components``), with the solver's cache emptied before each game. It reports the
number of equilibria found and the median and maximum time of the two steps together,
and the largest size whose every game finished within the solver's time budget
(``alliances.models.equilibria.TIME_BUDGET``): the measured basis of ``MAX_STRATEGIES``.
With ``--write`` the table is also written to ``benchmarks/published/solver_timing.md``.
It reports; it does not judge. Sizes above the library's current limit are timed by
raising ``alliances._validation.MAX_STRATEGIES`` inside this process only.

Families (all seeded, so every run times the same games):

* random degenerate: integer payoffs 0-3 (many ties), ``--games`` games;
* random 0/1: payoffs 0 or 1 (ties everywhere), ``--games`` games;
* random generic: integer payoffs 0-99, ``--games`` games;
* random decimals: payoffs 0.0-9.9 typed with one decimal (binary floats, so exact
  arithmetic works with large integers), ``--games`` games;
* coordination: A = B = identity, 2^n - 1 equilibria, one game;
* von Stengel 6x6: the 6 x 6 game with 75 equilibria (von Stengel 1999), in its original
  payoffs and in the small-payoff version of Savani and von Stengel (2006), size 6 only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from alliances import _validation  # noqa: E402
from alliances.models import equilibria  # noqa: E402

REPORT = ROOT / "benchmarks" / "published" / "solver_timing.md"
SEED = 20261206

# von Stengel's 6 x 6 game with 75 equilibria, and its small-payoff version (the file
# cites both sources; tests/test_equilibria.py reads the same file).
_VON_STENGEL = json.loads((Path(__file__).parent / "games" / "von_stengel_6x6.json").read_text())
VON_STENGEL_A, VON_STENGEL_B = _VON_STENGEL["A"], _VON_STENGEL["B"]
VON_STENGEL_SMALL_A, VON_STENGEL_SMALL_B = _VON_STENGEL["small_A"], _VON_STENGEL["small_B"]


def families(n: int, games: int) -> dict[str, list[tuple[np.ndarray, np.ndarray]]]:
    """The games of size n x n to time, by family name."""
    rng = np.random.default_rng([SEED, n])
    found = {
        "random degenerate (payoffs 0-3)": [
            (rng.integers(0, 4, (n, n)), rng.integers(0, 4, (n, n))) for _ in range(games)],
        "random 0/1 payoffs": [
            (rng.integers(0, 2, (n, n)), rng.integers(0, 2, (n, n))) for _ in range(games)],
        "random generic (payoffs 0-99)": [
            (rng.integers(0, 100, (n, n)), rng.integers(0, 100, (n, n)))
            for _ in range(games)],
        "random decimals (payoffs 0.0-9.9)": [
            (rng.integers(0, 100, (n, n)) / 10, rng.integers(0, 100, (n, n)) / 10)
            for _ in range(games)],
        "coordination (identity)": [(np.eye(n, dtype=int), np.eye(n, dtype=int))],
    }
    if n == 6:
        found["von Stengel 6x6, 75 equilibria"] = [
            (np.array(VON_STENGEL_A), np.array(VON_STENGEL_B))]
        found["von Stengel 6x6, small payoffs"] = [
            (np.array(VON_STENGEL_SMALL_A), np.array(VON_STENGEL_SMALL_B))]
    return found


def time_game(A: np.ndarray, B: np.ndarray) -> tuple[int, float]:
    """Equilibria found and seconds for listing plus grouping, from an empty cache."""
    equilibria._CACHE.clear()
    start = time.perf_counter()
    result = equilibria.analyse(A, B, time_budget=None)
    _ = result.components
    return len(result.extreme), time.perf_counter() - start


def run(sizes: range, games: int) -> list[dict]:
    rows = []
    for n in sizes:
        for family, cases in families(n, games).items():
            counts, seconds = zip(*(time_game(A, B) for A, B in cases))
            rows.append({"n": n, "family": family, "games": len(cases),
                         "equilibria_max": max(counts), "equilibria_median":
                         statistics.median(counts), "median_s": statistics.median(seconds),
                         "max_s": max(seconds)})
            print(f"{n}x{n} {family}: {len(cases)} games, equilibria median "
                  f"{statistics.median(counts):g} max {max(counts)}, seconds median "
                  f"{statistics.median(seconds):.3f} max {max(seconds):.3f}", flush=True)
    return rows


def largest_size_within(rows: list[dict], budget: float) -> int:
    """The largest n such that every game of every size up to n finished within budget."""
    largest = 0
    for n in sorted({row["n"] for row in rows}):
        if all(row["max_s"] < budget for row in rows if row["n"] == n):
            largest = n
        else:
            break
    return largest


def report(rows: list[dict], budget: float, started: str, load: str) -> str:
    limit = largest_size_within(rows, budget)
    lines = [
        "# Exact equilibrium solver: time by game size and family",
        "",
        f"Run {started} with `benchmarks/bench_solver.py`.",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
        f"{platform.platform()}; Python {platform.python_version()}; load average at "
        f"start {load}.",
        "",
        "Each game is solved from an empty cache: listing the extreme equilibria plus "
        "grouping them into maximal Nash subsets (`analyse(A, B, time_budget=None)` and "
        "`.components`). Seconds are wall-clock, on a machine shared with other work.",
        "",
        "| size | family | games | equilibria (median) | equilibria (max) | median s | "
        "max s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(f"| {row['n']}x{row['n']} | {row['family']} | {row['games']} | "
                     f"{row['equilibria_median']:g} | {row['equilibria_max']} | "
                     f"{row['median_s']:.3f} | {row['max_s']:.3f} |")
    over = [row for row in rows if row["n"] == limit + 1]
    lines += ["", f"Time budget: {budget:g} s. Largest size whose every game finished "
              f"within it: **{limit}x{limit}**."]
    if over:
        worst = max(over, key=lambda row: row["max_s"])
        lines.append(f"The slowest {limit + 1}x{limit + 1} game ({worst['family']}) took "
                     f"{worst['max_s']:.2f} s.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2-10", help="first-last size, e.g. 2-10")
    parser.add_argument("--games", type=int, default=30, help="random games per family")
    parser.add_argument("--write", action="store_true", help=f"write {REPORT.name}")
    args = parser.parse_args(argv)
    first, last = (int(v) for v in args.sizes.split("-"))
    _validation.MAX_STRATEGIES = max(_validation.MAX_STRATEGIES, last)
    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    rows = run(range(first, last + 1), args.games)
    text = report(rows, equilibria.TIME_BUDGET, started, load)
    print(text)
    if args.write:
        REPORT.write_text(text)
        print(f"written to {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
