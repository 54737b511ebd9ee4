"""The Zero to JupyterHub values (deploy/z2jh/config.yaml) against the chart's schema.

Helm validates a release's values (the chart's defaults merged with the user's values) against
the chart's ``values.schema.json``; this test does the same with the vendored schema and
defaults of chart 4.4.0 (see deploy/z2jh/README.md), and checks that the per-student memory in
the values covers what the load test measured.
"""

from __future__ import annotations

import copy
import json
import shlex
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
Z2JH = ROOT / "deploy" / "z2jh"
PUBLISHED = ROOT / "benchmarks" / "published"


def helm_merge(defaults: dict, values: dict) -> dict:
    """Helm's coalescing of values: maps merge key by key, anything else replaces."""
    out = copy.deepcopy(defaults)
    for key, value in values.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = helm_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def bytes_of(quantity: str | int) -> int:
    """A memory size as KubeSpawner (and TLJH) read ``singleuser.memory``: JupyterHub's
    ByteSpecification, a number of bytes or a number with K, M, G or T in units of 1024
    ("512M" is 512 MiB). Kubernetes' own suffixes ("512Mi") are refused there, so here too."""
    if isinstance(quantity, int | float):
        return int(quantity)
    units = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
    if quantity[-1:] not in units:
        raise ValueError(f"memory size {quantity!r}: expected a number with K, M, G or T")
    return int(float(quantity[:-1]) * units[quantity[-1]])


def test_bytes_of_reads_memory_as_jupyterhub_does():
    assert bytes_of("512M") == 512 * 2**20
    assert bytes_of("1G") == 2**30
    assert bytes_of(1000) == 1000
    with pytest.raises(ValueError, match="512Mi"):
        bytes_of("512Mi")


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads((Z2JH / "values.schema.json").read_text())


@pytest.fixture(scope="module")
def defaults() -> dict:
    return yaml.safe_load((Z2JH / "chart-4.4.0-values.yaml").read_text())


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load((Z2JH / "config.yaml").read_text())


def test_config_validates_against_the_chart_schema(schema, defaults, config):
    jsonschema.validate(helm_merge(defaults, config), schema,
                        cls=jsonschema.Draft7Validator)


@pytest.mark.parametrize("bad", [
    {"singleuser": {"memmory": {"limit": "1G"}}},        # misspelt key
    {"cull": {"timeout": "an hour"}},                    # wrong type
    {"singleuser": {"cpu": {"limit": "1"}}},             # CPU must be a number
])
def test_the_schema_catches_mistakes(schema, defaults, config, bad):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(helm_merge(helm_merge(defaults, config), bad), schema,
                            cls=jsonschema.Draft7Validator)


def test_helm_merge_merges_maps_and_replaces_the_rest():
    merged = helm_merge({"a": {"x": 1, "y": [1]}, "b": 2}, {"a": {"y": [2]}, "c": 3})
    assert merged == {"a": {"x": 1, "y": [2]}, "b": 2, "c": 3}


def test_the_course_choices(config):
    single = config["singleuser"]
    assert single["defaultUrl"].endswith("notebooks/00_start_here.ipynb")
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()
    assert "gitpuller" in " ".join(single["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert bytes_of(single["memory"]["guarantee"]) <= bytes_of(single["memory"]["limit"])
    assert single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    assert config["cull"]["enabled"] and config["cull"]["every"] < config["cull"]["timeout"]


def test_memory_guarantee_covers_the_measured_student():
    """Guarantee >= server RSS + the heaviest notebook's kernel RSS; limit >= that plus a
    second kernel (a second open notebook), from the published measurements."""
    hub_file, kernels_file = PUBLISHED / "hub_load.json", PUBLISHED / "hub_load_kernels.json"
    if not (hub_file.exists() and kernels_file.exists()):
        pytest.skip("no published load-test figures yet (benchmarks/hub_load.py)")
    config = yaml.safe_load((Z2JH / "config.yaml").read_text())
    server_rss = max(r["server_rss_mib"] for r in json.loads(hub_file.read_text())["results"])
    kernels = json.loads(kernels_file.read_text())["notebooks"].values()
    kernel_rss = max(k["kernel"]["rss_mib"] for k in kernels)
    mib = 2**20
    memory = config["singleuser"]["memory"]
    assert bytes_of(memory["guarantee"]) >= (server_rss + kernel_rss) * mib
    assert bytes_of(memory["limit"]) >= (server_rss + 2 * kernel_rss) * mib


def build_command() -> list[str]:
    """The repo2docker build command written in config.yaml's comments."""
    lines, inside = [], False
    for line in (Z2JH / "config.yaml").read_text().splitlines():
        text = line.lstrip("# ").rstrip()
        if text.startswith("jupyter-repo2docker"):
            inside = True
        if inside:
            lines.append(text.rstrip("\\").strip())
            if not line.rstrip().endswith("\\"):
                break
    return shlex.split(" ".join(lines))


def test_the_documented_image_build_is_accepted_by_repo2docker(tmp_path):
    """repo2docker (a test requirement) writes the Dockerfile of the documented command
    without Docker (--no-build --debug): the course's pins and nbgitpuller go in."""
    exe = Path(sys.executable).with_name("jupyter-repo2docker")
    if not exe.exists():
        pytest.skip("jupyter-repo2docker is not installed (requirements-test.txt has it)")
    cmd = build_command()
    assert cmd[0] == "jupyter-repo2docker" and cmd[-1] == "." and "--no-run" in cmd
    args = [a for a in cmd[1:] if a != "--no-run"]
    i = args.index("--image-name")
    args[i + 1] = "example/alliance-dilemmas:test"      # the placeholders are not valid names
    done = subprocess.run([str(exe), "--no-build", "--debug", *args[:-1], str(ROOT)],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    dockerfile = done.stdout + done.stderr
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "RUN python -m pip install --no-cache-dir nbgitpuller==" in dockerfile
    assert "--target-repo-dir" in cmd and "/srv/alliance-dilemmas" in cmd


def test_the_tljh_guide_gives_students_the_course_settings(tmp_path):
    """deploy/tljh/README.md installs binder/overrides.json into TLJH's user environment
    (widget state saved with the notebook, arrow keys for dropdowns): its line, run with a
    fresh virtual environment standing in for /opt/tljh/user, puts the file where that
    environment's JupyterLab reads per-package defaults."""
    guide = (ROOT / "deploy" / "tljh" / "README.md").read_text(encoding="utf-8")
    (line,) = [line for line in guide.splitlines() if "binder/postBuild" in line]
    user_env = tmp_path / "tljh-user"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(user_env)], check=True)
    assert line.startswith("sudo ") and "/opt/tljh/user/bin" in line
    command = line.removeprefix("sudo ").replace("/opt/tljh/user", str(user_env))
    subprocess.run(["bash", "-c", command], cwd=ROOT, check=True, capture_output=True)
    installed = user_env / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / \
        "alliance-dilemmas.json"
    assert installed.read_bytes() == (ROOT / "binder" / "overrides.json").read_bytes()
    assert json.loads(installed.read_text(encoding="utf-8"))[
        "@jupyter-widgets/jupyterlab-manager:plugin"]["saveState"] is True
