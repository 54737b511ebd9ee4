"""The pure parts of the hub load test (benchmarks/hub_load.py): percentiles, lost updates,
memory per user, CPU share, slider values, websocket frames, notebook imports.

Expected values are worked out by hand in each test, not taken from the harness.
"""

from __future__ import annotations

import importlib.util
import json
import random
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("hub_load", ROOT / "benchmarks" / "hub_load.py")
hub_load = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("hub_load", hub_load)     # dataclasses look their module up
_spec.loader.exec_module(hub_load)
Move = hub_load.Move
MIB = 2**20


def test_percentile_interpolates_between_ranks():
    values = [50, 10, 40, 20, 30]                 # sorted: 10 20 30 40 50
    assert hub_load.percentile(values, 50) == 30
    assert hub_load.percentile(values, 0) == 10
    assert hub_load.percentile(values, 100) == 50
    assert hub_load.percentile(values, 95) == pytest.approx(48.0)   # 40 + 0.8 * 10
    assert hub_load.percentile([7], 95) == 7


@pytest.mark.parametrize("values, q", [([], 50), ([1, 2], 101), ([1, 2], -1)])
def test_percentile_refuses_bad_input(values, q):
    with pytest.raises(ValueError, match="values|q"):
        hub_load.percentile(values, q)


def test_moves_count_timeouts_silences_and_errors_as_lost():
    moves = [
        Move(sent=0.0, idle=0.100, updates=2),     # 100 ms
        Move(sent=1.0, idle=1.300, updates=1),     # 300 ms
        Move(sent=2.0, idle=2.200, updates=3),     # 200 ms
        Move(sent=3.0, idle=None, updates=0),      # no answer in time: lost
        Move(sent=4.0, idle=4.050, updates=0),     # answered, output never changed: lost
        Move(sent=5.0, idle=5.100, updates=1, errors=1),  # a traceback: lost
    ]
    summary = hub_load.summarise_moves(moves)
    assert summary["moves"] == 6
    assert summary["lost_updates"] == 3
    assert summary["p50_ms"] == pytest.approx(200.0)
    assert summary["p95_ms"] == pytest.approx(290.0)   # 200 + 0.9 * 100
    assert summary["max_ms"] == pytest.approx(300.0)


def test_all_moves_lost_gives_no_latency():
    summary = hub_load.summarise_moves([Move(sent=0.0)])
    assert summary["lost_updates"] == 1
    assert summary["p50_ms"] is None and summary["max_ms"] is None


def test_memory_per_user_sums_processes_and_averages_users():
    samples = {
        "a": [{"rss": 100 * MIB, "uss": 80 * MIB, "role": "server"},
              {"rss": 200 * MIB, "uss": 150 * MIB, "role": "kernel"}],   # 300 / 230
        "b": [{"rss": 120 * MIB, "uss": 90 * MIB, "role": "server"},
              {"rss": 240 * MIB, "uss": 170 * MIB, "role": "kernel"}],   # 360 / 260
    }
    m = hub_load.memory_per_user(samples)
    assert m["mem_per_user_mib"] == 245.0          # (230 + 260) / 2
    assert m["mem_per_user_max_mib"] == 260.0
    assert m["rss_per_user_mib"] == 330.0          # (300 + 360) / 2
    assert m["rss_per_user_max_mib"] == 360.0
    assert m["server_uss_mib"] == 85.0 and m["kernel_uss_mib"] == 160.0
    assert m["server_rss_mib"] == 110.0 and m["kernel_rss_mib"] == 220.0
    with pytest.raises(ValueError, match="samples"):
        hub_load.memory_per_user({})


def test_cpu_percent_is_a_share_of_one_core():
    assert hub_load.cpu_percent(30.0, 60.0) == 50.0
    assert hub_load.cpu_percent(120.0, 60.0) == 200.0     # two cores busy
    with pytest.raises(ValueError, match="wall_seconds"):
        hub_load.cpu_percent(1.0, 0)


def test_slider_values_stay_on_the_grid_and_change():
    rng = random.Random(1)
    state = {"_model_name": "FloatSliderModel", "min": 0.0, "max": 1.0, "step": 0.25,
             "value": 0.5}
    seen = {hub_load.slider_value(state, rng) for _ in range(200)}
    assert seen == {0.0, 0.25, 0.75, 1.0}
    ints = {"_model_name": "IntSliderModel", "min": 1, "max": 3, "step": 1, "value": 3}
    assert {hub_load.slider_value(ints, rng) for _ in range(100)} == {1, 2}


def test_binary_websocket_frames_are_unpacked():
    msg = {"msg_type": "comm_msg", "content": {"data": {"method": "update"}}}
    body = json.dumps(msg).encode()
    buffer = b"\x89PNG fake image"
    # two parts (message, one buffer): count, two offsets, then the parts
    offsets = [4 * 3, 4 * 3 + len(body)]
    frame = struct.pack("!III", 2, *offsets) + body + buffer
    assert hub_load.unpack_ws_message(frame) == msg
    assert hub_load.unpack_ws_message(json.dumps(msg)) == msg


def test_notebook_imports_skip_magics_and_other_code():
    cells = ["%matplotlib inline\nimport numpy as np\nx = 1",
             "from alliances import Game, symmetric_game\nprint(x)",
             "def f(:\n  broken"]
    assert hub_load.notebook_imports(cells) == [
        "import numpy as np", "from alliances import Game, symmetric_game"]


# ---------------------------------------------------------------- sizing (plot_hub_load)
_pspec = importlib.util.spec_from_file_location(
    "plot_hub_load", ROOT / "benchmarks" / "plot_hub_load.py")
plot_hub_load = importlib.util.module_from_spec(_pspec)
_pspec.loader.exec_module(plot_hub_load)


def _report(**row):
    base = {"users": 1, "mem_per_user_max_mib": 300.0, "rss_per_user_max_mib": 400.0,
            "cpu_percent_per_user": 1.0, "run_all_kernel_cpu_s": 6.0}
    return {"results": [{**base, **row}]}


def test_sizing_follows_the_stated_rules():
    (row,) = plot_hub_load.sizing(_report(), sizes=(30,))
    # 30 x 300 x 1.3 + (400 - 300) + 128 = 11,928 MiB = 11.6 GiB
    assert row["vm_memory_gib"] == 11.6
    assert row["k8s_guaranteed_gib"] == 15.0               # 30 x 512 MiB
    assert row["cores_steady"] == 0.5                      # 30 x 0.01 + 0.2
    assert row["cores_run_all_minute"] == 3.2              # 30 x 6 / 60 + 0.2


def test_sizing_takes_the_heaviest_notebook_and_the_largest_n():
    report = _report()
    report["results"].append({**report["results"][0], "users": 5,
                              "mem_per_user_max_mib": 320.0})
    kernels = {"notebooks": {"a": {"kernel": {"run_cpu_s": 12.0}},
                             "b": {"kernel": {"run_cpu_s": 3.0}}}}
    s = plot_hub_load.per_student(report, kernels)
    assert s["uss"] == 320.0 and s["run_all_cpu_s"] == 12.0


def _published() -> tuple[dict, dict | None]:
    """The published load-test report and kernel figures (skip if not measured yet)."""
    published = ROOT / "benchmarks" / "published"
    if not (published / "hub_load.json").exists():
        pytest.skip("no published load-test figures yet (benchmarks/hub_load.py)")
    report = json.loads((published / "hub_load.json").read_text())
    kfile = published / "hub_load_kernels.json"
    return report, (json.loads(kfile.read_text()) if kfile.exists() else None)


def _guide_sizing_section() -> str:
    guide = (ROOT / "notebooks" / "instructor_guide.md").read_text(encoding="utf-8")
    return guide.split("### Sizing a hub for a class", 1)[1].split("\n## ", 1)[0]


def test_guide_sizing_table_is_the_published_one():
    """The instructor guide's sizing table is copied from the published measurement."""
    report, kernels = _published()
    section = _guide_sizing_section()
    for row in plot_hub_load.sizing(report, kernels):
        cells = (f"| {row['students']} | {row['vm_memory_gib']} | "
                 f"{row['k8s_guaranteed_gib']} | {row['cores_steady']} | "
                 f"{row['cores_run_all_minute']} |")
        assert cells in section, cells


def test_guide_measured_table_is_the_published_one():
    """The instructor guide's table of measured figures is the published measurement."""
    report, _kernels = _published()
    table = plot_hub_load.guide_table(report)
    assert table in _guide_sizing_section(), table
    assert len(table.splitlines()) == 2 + len(plot_hub_load.measured(report))


def test_a_failed_student_or_n_is_reported_not_dropped():
    row = {"users": 2, "moves": 40, "lost_updates": 0, "p50_ms": 50.0, "p95_ms": 80.0,
           "max_ms": 90.0, "mem_per_user_mib": 300.0, "mem_per_user_max_mib": 300.0,
           "rss_per_user_mib": 380.0, "rss_per_user_max_mib": 380.0, "cpu_percent": 2.0,
           "cpu_percent_per_user": 1.0, "run_all_s": 12.0, "run_all_kernel_cpu_s": 8.0,
           "start_s": 5.0, "users_failed": 1, "errors": {"student01": "OSError: boom"},
           "load_average_before": [0.5, 0.5, 0.5], "load_average_after": [1.0, 1.0, 1.0]}
    report = {"date": "2026-12-06T00:00:00+00:00", "command": "x",
              "machine": {"cpus": 2, "cpu": "cpu", "memory_gib": 1, "python": "3.11"},
              "results": [row, {"users": 40, "error": "RuntimeError: no student got "
                                "through", "load_average_after": [9, 9, 9]}]}
    text = plot_hub_load.markdown(report, None)
    assert "- N = 2, student01: OSError: boom" in text
    assert "- N = 40: nobody got through (RuntimeError: no student got through)" in text
    assert "| 2 | 50.0 | 80.0 | 90.0 | 0 of 40 | 1 |" in text
    assert "machine was quiet when the test started (1-minute load average 0.5" in text
    table = plot_hub_load.guide_table(report).splitlines()
    assert table[2:] == ["| 2 | 50 / 80 / 90 ms | 0 of 40 | 1 | 300 / 380 MiB | 12.0 s | 5.0 s |"]


def test_tljh_sizing_table_is_the_published_one():
    """deploy/tljh/README.md sizes the VM from the same published measurement."""
    report, kernels = _published()
    text = (ROOT / "deploy" / "tljh" / "README.md").read_text(encoding="utf-8")
    for row in plot_hub_load.sizing(report, kernels):
        cells = (f"| {row['students']} | {row['vm_memory_gib']} | {row['cores_steady']} | "
                 f"{row['cores_run_all_minute']} |")
        assert cells in text, cells
