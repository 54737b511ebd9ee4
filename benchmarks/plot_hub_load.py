"""Plot and summarise the hub load test; size a hub from it.

Usage, from the repository root in the course's virtual environment::

    .venv/bin/python benchmarks/plot_hub_load.py   # reads and writes benchmarks/published/

Reads ``hub_load.json`` and ``hub_load_kernels.json`` (written by
``benchmarks/hub_load.py``) and writes ``hub_load.png`` (widget round trip and memory per
student against N) and ``hub_load.md`` (the figures, the kernels against their floor, and
the sizing for 30, 100 and 300 students) beside them. Every figure carries the date, the
machine and its load average, because figures from a busy machine are not its capacity.

Sizing rules (TLJH's estimation rules, with the course's measured figures):

* memory on one VM = N x USS per student x 1.3 (TLJH's 20-40 % headroom) + the memory
  the students' processes share, once (RSS - USS) + 128 MiB for TLJH;
* Kubernetes = N x the memory guarantee of ``deploy/z2jh/config.yaml`` (512 MiB);
* cores while students move sliders = N x CPU per student + 0.2 (TLJH's overhead);
* cores when every student presses Run All in the same minute = N x the kernel CPU time
  of Run All (the heaviest notebook) / 60 s + 0.2.

The per-student figures are the largest over the measured N.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PUBLISHED = Path(__file__).resolve().parent / "published"


def measured(report: dict) -> list[dict]:
    """The results of the N where somebody got through, by N (an N where nobody did
    carries only its ``error``)."""
    return sorted((r for r in report["results"] if "error" not in r),
                  key=lambda r: r["users"])


def plot(report: dict, out: Path) -> Path:
    rows = measured(report)
    n = [r["users"] for r in rows]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    ax1.plot(n, [r["p50_ms"] for r in rows], "o-", label="p50")
    ax1.plot(n, [r["p95_ms"] for r in rows], "s-", label="p95")
    ax1.plot(n, [r["max_ms"] for r in rows], "^:", label="max")
    ax1.axhline(250, color="grey", linestyle="--", linewidth=1, label="target p95 250 ms")
    ax1.set(xlabel="simultaneous students (N)", ylabel="widget round trip (ms)",
            title="Slider change to updated output")
    ax1.set_ylim(bottom=0)
    ax1.legend()
    ax2.plot(n, [r["mem_per_user_mib"] for r in rows], "o-", label="USS (not shared)")
    ax2.plot(n, [r["rss_per_user_mib"] for r in rows], "s-", label="RSS")
    ax2.axhline(250, color="grey", linestyle="--", linewidth=1, label="target USS 250 MiB")
    ax2.set(xlabel="simultaneous students (N)", ylabel="memory per student (MiB)",
            title="Server + kernel per student")
    ax2.set_ylim(bottom=0)
    ax2.legend()
    for ax in (ax1, ax2):
        ax.set_xticks(n)
    m = report["machine"]
    loads = sorted({x for r in rows for x in (r["load_average_before"][0],
                                               r["load_average_after"][0])})
    fig.suptitle(f"JupyterHub load test, {report['date'][:10]}, {m['cpus']} cores, "
                 f"1-min load average {loads[0]}-{loads[-1]} during the runs",
                 fontsize=10)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


SIZES = (30, 100, 300)
GUARANTEE_MIB = 512


def per_student(report: dict, kernels: dict | None = None) -> dict[str, float]:
    """The per-student figures: the largest over the measured N (and, for Run All, over
    the notebooks when their kernel measurement is given)."""
    rows = report["results"]
    run_all = [r["run_all_kernel_cpu_s"] for r in rows]
    if kernels:
        run_all += [k["kernel"]["run_cpu_s"] for k in kernels["notebooks"].values()
                    if "run_cpu_s" in k["kernel"]]
    return {"uss": max(r["mem_per_user_max_mib"] for r in rows),
            "rss": max(r["rss_per_user_max_mib"] for r in rows),
            "cpu": max(r["cpu_percent_per_user"] for r in rows) / 100,
            "run_all_cpu_s": max(run_all)}


def sizing(report: dict, kernels: dict | None = None,
           sizes=SIZES) -> list[dict[str, float]]:
    """Memory (GiB) and cores for each class size, by the rules of the module docstring."""
    s = per_student(report, kernels)
    out = []
    for n in sizes:
        vm_mib = n * s["uss"] * 1.3 + (s["rss"] - s["uss"]) + 128
        out.append({"students": n,
                    "vm_memory_gib": round(vm_mib / 1024, 1),
                    "k8s_guaranteed_gib": round(n * GUARANTEE_MIB / 1024, 1),
                    "cores_steady": round(n * s["cpu"] + 0.2, 1),
                    "cores_run_all_minute": round(n * s["run_all_cpu_s"] / 60 + 0.2, 1)})
    return out


def guide_table(report: dict) -> str:
    """The measured table of the instructor guide's "Sizing a hub for a class" (a test
    checks that the guide carries it as published)."""
    lines = ["| students | slider round trip p50 / p95 / max | lost updates | students "
             "failed | memory per student (not shared / RSS) | Run All | server start |",
             "| --- " * 7 + "|"]
    for r in measured(report):
        lines.append(f"| {r['users']} | {r['p50_ms']:.0f} / {r['p95_ms']:.0f} / "
                     f"{r['max_ms']:.0f} ms | {r['lost_updates']} of {r['moves']} "
                     f"| {r.get('users_failed', 0)} | {r['mem_per_user_mib']:.0f} / "
                     f"{r['rss_per_user_mib']:.0f} MiB | {r['run_all_s']:.1f} s "
                     f"| {r['start_s']:.1f} s |")
    return "\n".join(lines)


def markdown(report: dict, kernels: dict | None) -> str:
    m = report["machine"]
    lines = [f"# Hub load test, {report['date'][:10]}", "",
             f"Machine: {m['cpus']} cores ({m['cpu']}), {m['memory_gib']} GiB, "
             f"Python {m['python']}. Command: `{report['command']}`.", ""]
    if report.get("note"):
        lines += [report["note"], ""]
    rows = measured(report)
    broken = [r for r in report["results"] if "error" in r]
    start = rows[0]["load_average_before"][0]
    worst = max(x for r in rows for x in (r["load_average_before"][0],
                                           r["load_average_after"][0]))
    if start > m["cpus"]:
        lines += [f"The machine was shared with other jobs (1-minute load average {start} "
                  f"on {m['cpus']} cores when the test started, up to {worst}): these "
                  "figures are what a student got on a busy machine, not the machine's "
                  "capacity.", ""]
    else:
        lines += [f"The machine was quiet when the test started (1-minute load average "
                  f"{start} on {m['cpus']} cores). The higher load averages during the "
                  f"runs (up to {worst}) are the test's own: N students' servers and "
                  "kernels on 2 cores, and, in the 'before' column, the tail of the "
                  "previous N (the 1-minute average decays slowly).", ""]
    lines += [
             "| N | p50 ms | p95 ms | max ms | lost | students failed | USS/student MiB "
             "| RSS/student MiB | CPU % of a core (all) | Run All s | Run All kernel CPU s "
             "| start s | load average before -> after |",
             "| --- " * 13 + "|"]
    for r in rows:
        lines.append(
            f"| {r['users']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} "
            f"| {r['lost_updates']} of {r['moves']} | {r.get('users_failed', 0)} "
            f"| {r['mem_per_user_mib']} "
            f"| {r['rss_per_user_mib']} | {r['cpu_percent']} | {r['run_all_s']} "
            f"| {r['run_all_kernel_cpu_s']} | {r['start_s']} "
            f"| {r['load_average_before']} -> {r['load_average_after']} |")
    failures = [f"- N = {r['users']}, {name}: {error}" for r in rows
                for name, error in sorted(r.get("errors", {}).items())]
    failures += [f"- N = {r['users']}: nobody got through ({r['error'][:300]})"
                 for r in broken]
    if failures:
        lines += ["", "Students who did not get through (their slider changes are not in "
                  "the figures; the others' are):", "", *failures]
    report = {**report, "results": rows}
    top = max(report["results"], key=lambda r: r["users"])
    ok_p95 = top["p95_ms"] is not None and top["p95_ms"] <= 250
    lines += ["", "## Against the targets (30 students, p95 <= 250 ms, no lost update, "
              "USS <= 250 MiB per student)", "",
              f"- Largest N measured: {top['users']}"
              + (" (the target's 30 was not measured)." if top["users"] < 30 else "."),
              *[f"- Round trip p95 at N = {r['users']}: {r['p95_ms']} ms: "
                + ("within" if r["p95_ms"] is not None and r["p95_ms"] <= 250 else "above")
                + " 250 ms." for r in report["results"] if r["users"] == 30 and r is not top],
              f"- Round trip p95 at N = {top['users']}: {top['p95_ms']} ms: "
              + ("within" if ok_p95 else "above") + " 250 ms.",
              f"- Lost updates: {sum(r['lost_updates'] for r in report['results'])} of "
              f"{sum(r['moves'] for r in report['results'])} slider changes.",
              f"- Memory per student (USS) at N = {top['users']}: {top['mem_per_user_mib']} "
              f"MiB, {'within' if top['mem_per_user_mib'] <= 250 else 'above'} 250 MiB "
              f"(server {top.get('server_uss_mib')} + kernel {top.get('kernel_uss_mib')} "
              f"MiB); the largest over all N, "
              f"{max(r['mem_per_user_max_mib'] for r in report['results'])} MiB, is what "
              "the sizing below uses (at N = 1 a student shares no pages with others)."]
    if kernels:
        lines += ["", "## Kernel memory after Run All, against the floor", "",
                  "Floor: a kernel that runs only the notebook's imports and draws one "
                  "figure. RSS after gc + malloc_trim: what remains when the allocator "
                  "returns freed memory.", "",
                  "| notebook | kernel RSS MiB | floor RSS MiB | ratio | kernel RSS after "
                  "gc+trim MiB | live widgets | open figures | modules beyond the floor |",
                  "| --- " * 8 + "|"]
        for name, k in kernels["notebooks"].items():
            kk = k["kernel"]
            lines.append(
                f"| {name} | {kk['rss_mib']} | {k['floor']['rss_mib']} | {k['rss_ratio']} "
                f"| {kk.get('rss_after_gc_trim_mib')} | {kk.get('live_widgets')} "
                f"| {kk.get('open_figures')} | {', '.join(k['modules_beyond_floor']) or '-'} |")
        lines += ["", f"Load average before -> after: {kernels['load_average_before']} -> "
                  f"{kernels['load_average_after']}."]
    lines += ["", "## Sizing (extrapolated; see the rules in benchmarks/plot_hub_load.py)", "",
              "| students | one VM: memory GiB | Kubernetes: guaranteed GiB "
              "| cores, moving sliders | cores, all Run All in one minute |",
              "| --- " * 5 + "|"]
    for row in sizing(report, kernels):
        lines.append(f"| {row['students']} | {row['vm_memory_gib']} "
                     f"| {row['k8s_guaranteed_gib']} | {row['cores_steady']} "
                     f"| {row['cores_run_all_minute']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--report", default=str(PUBLISHED / "hub_load.json"))
    p.add_argument("--kernels", default=str(PUBLISHED / "hub_load_kernels.json"))
    p.add_argument("--out", default=str(PUBLISHED / "hub_load.png"))
    p.add_argument("--markdown", default=str(PUBLISHED / "hub_load.md"))
    args = p.parse_args()
    report = json.loads(Path(args.report).read_text())
    kernels = (json.loads(Path(args.kernels).read_text())
               if Path(args.kernels).exists() else None)
    print(plot(report, Path(args.out)))
    Path(args.markdown).write_text(markdown(report, kernels))
    print(args.markdown)


if __name__ == "__main__":
    main()
