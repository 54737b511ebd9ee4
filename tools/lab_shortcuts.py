"""Keep JupyterLab's notebook shortcuts away from the widgets' form controls.

Usage (from the repository root)::

    .venv/bin/python tools/lab_shortcuts.py            # print the shortcut overrides
    .venv/bin/python tools/lab_shortcuts.py --write    # put them in binder/overrides.json

Why: in command mode JupyterLab binds plain keys to notebook commands (ArrowDown "select
the cell below", ArrowLeft/ArrowRight "collapse/expand the heading", C "copy the cell",
D D "delete the cell" ...) with the selector :data:`COMMAND_MODE`, which matches *any*
focused element inside a notebook that is in command mode and has no focused editable text
(``jp-mod-readWrite`` is set only when the focused element matches ``:read-write``). A
widget's ``<select>`` (an ipywidgets Dropdown), radio button or checkbox is neither, so
Lumino's keymap (it listens on ``document``) runs the notebook command and calls
``preventDefault``: ArrowDown on a dropdown moves to the next cell instead of choosing the
next option, and typing "c" to jump to an option copies the cell.

The fix needs no front-end extension: JupyterLab adds the ``shortcuts`` default of
``@jupyterlab/shortcuts-extension:shortcuts`` (which ``overrides.json`` can set) to the
default shortcuts, and a default entry with ``"disabled": true`` removes the default with
the same keys and selector. For every plain-key or Shift+key binding with the selector
:data:`COMMAND_MODE` this tool writes that disabling entry and the same binding again with
:data:`OUTSIDE_FORM_CONTROLS`, which leaves ``select`` and ``input`` elements out. On a
cell (command mode) the keys do what they always did; Ctrl/Alt/Accel shortcuts are left
as they are. ``tests/test_lab_shortcuts.py`` fails when JupyterLab's bindings (in the
installed environment) and binder/overrides.json no longer agree.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OVERRIDES = ROOT / "binder" / "overrides.json"
PLUGIN = "@jupyterlab/shortcuts-extension:shortcuts"
#: JupyterLab 4.1+'s selector of the notebook's command-mode shortcuts.
COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
#: The same, except on form controls (a Dropdown's <select>, radio buttons, checkboxes).
OUTSIDE_FORM_CONTROLS = COMMAND_MODE + ":not(select):not(input)"
MODIFIERS = ("Accel", "Alt", "Cmd", "Ctrl", "Meta")


def schemas_dir() -> Path:
    """The installed JupyterLab's plugin schemas."""
    return Path(sys.prefix, "share", "jupyter", "lab", "schemas")


def plain_key(keys: list[str]) -> bool:
    """Whether every keystroke of ``keys`` is a key alone or with Shift (what a form
    control may use itself).

    Examples
    --------
    >>> plain_key(["ArrowDown"]), plain_key(["D", "D"]), plain_key(["Shift End"])
    (True, True, True)
    >>> plain_key(["Ctrl Shift ArrowUp"]), plain_key([])
    (False, False)
    """
    return bool(keys) and all(
        stroke and not any(part in MODIFIERS for part in stroke.split()) for stroke in keys)


def command_mode_bindings(schemas: Path) -> list[dict[str, Any]]:
    """The plain-key bindings with the selector :data:`COMMAND_MODE` that JupyterLab's
    plugins declare under ``schemas``, sorted by command and keys."""
    found = []
    for path in sorted(schemas.rglob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        for binding in schema.get("jupyter.lab.shortcuts", []):
            if binding.get("selector") == COMMAND_MODE and plain_key(binding.get("keys", [])):
                found.append({key: binding[key] for key in ("command", "keys", "selector")
                              if key in binding} | ({"args": binding["args"]}
                                                    if binding.get("args") else {}))
    return sorted(found, key=lambda b: (b["command"], b["keys"]))


def shortcut_overrides(bindings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each binding: the entry that disables it, and the binding outside form controls.

    Examples
    --------
    >>> down = {"command": "notebook:move-cursor-down", "keys": ["ArrowDown"],
    ...         "selector": COMMAND_MODE}
    >>> off, on = shortcut_overrides([down])
    >>> off["disabled"], on["selector"].endswith(":focus:not(select):not(input)")
    (True, True)
    """
    entries = []
    for binding in bindings:
        entries.append(binding | {"disabled": True})
        entries.append(binding | {"selector": OUTSIDE_FORM_CONTROLS})
    return entries


def updated_overrides(current: dict[str, Any], entries: list[dict[str, Any]]) -> dict[str, Any]:
    """``overrides.json`` with its shortcut defaults replaced by ``entries``."""
    return current | {PLUGIN: {"shortcuts": entries}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true",
                        help=f"update {OVERRIDES.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    entries = shortcut_overrides(command_mode_bindings(schemas_dir()))
    if not entries:
        print(f"no command-mode bindings found under {schemas_dir()}", file=sys.stderr)
        return 1
    current = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    text = json.dumps(updated_overrides(current, entries), indent=2, ensure_ascii=False) + "\n"
    if args.write:
        OVERRIDES.write_text(text, encoding="utf-8")
        print(f"{OVERRIDES.relative_to(ROOT)}: {len(entries) // 2} shortcuts kept off form "
              "controls")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
