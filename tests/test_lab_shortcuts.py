"""binder/overrides.json keeps JupyterLab's notebook shortcuts off the widgets' form controls.

In command mode the notebook binds plain keys (ArrowDown "select the cell below", C "copy
the cell", D D "delete the cell" ...) to any focused element in the notebook that is not
editable text, which includes a Dropdown's ``<select>``: ArrowDown moved to the next cell
instead of choosing the next option. ``tools/lab_shortcuts.py --write`` puts in
binder/overrides.json, for each such binding of the installed JupyterLab, an entry that
disables it and the same binding outside ``select`` and ``input`` elements. These tests
fail when the file and the installed JupyterLab no longer agree (a JupyterLab upgrade that
adds, drops or renames a binding or its selector): run the tool again. The browser test
``tests/browser/test_start_here.py::test_preset_dropdown_answers_the_arrow_keys`` checks
the effect in a real JupyterLab.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import lab_shortcuts  # noqa: E402

OVERRIDES = json.loads((ROOT / "binder" / "overrides.json").read_text(encoding="utf-8"))


def _entries() -> list[dict]:
    return OVERRIDES[lab_shortcuts.PLUGIN]["shortcuts"]


def test_overrides_match_the_installed_jupyterlab():
    bindings = lab_shortcuts.command_mode_bindings(lab_shortcuts.schemas_dir())
    assert bindings, "no command-mode bindings found in the installed JupyterLab's schemas"
    assert _entries() == lab_shortcuts.shortcut_overrides(bindings), (
        "binder/overrides.json is out of date with JupyterLab's notebook shortcuts: "
        "run .venv/bin/python tools/lab_shortcuts.py --write")


def test_the_arrow_keys_are_kept_off_form_controls_and_still_move_between_cells():
    entries = {(e["command"], tuple(e["keys"]), e.get("disabled", False)): e["selector"]
               for e in _entries()}
    for command, key in (("notebook:move-cursor-down", "ArrowDown"),
                         ("notebook:move-cursor-up", "ArrowUp")):
        assert entries[(command, (key,), True)] == lab_shortcuts.COMMAND_MODE
        assert entries[(command, (key,), False)] == (
            ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
            ":not(select):not(input)")


def test_shortcuts_with_ctrl_alt_or_accel_are_left_alone():
    assert all(lab_shortcuts.plain_key(e["keys"]) for e in _entries())
    assert not any(e["command"] == "notebook:run-cell" for e in _entries())


def test_the_rest_of_overrides_json_is_kept():
    assert OVERRIDES["@jupyter-widgets/jupyterlab-manager:plugin"]["saveState"] is True
