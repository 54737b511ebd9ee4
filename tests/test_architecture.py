"""The library's architecture, checked: rooms, their import rules, module size, complexity.

``lib/alliances`` has six rooms (see the package docstring and CONTRIBUTING.md), and the
path of a module says what it may import:

* ``models/`` and ``data/`` draw nothing: no matplotlib, ipywidgets or PIL;
* ``views/`` draw model results and never import widgets, cases or coursework;
* ``cases/`` may use models, data and views; ``widgets/`` anything but coursework;
* ``coursework/`` uses models, data and cases, never drawing or widgets.

Every module stays under :data:`MAX_LINES` lines, every function under cyclomatic
complexity :data:`MAX_COMPLEXITY` (radon's measure), no module imports another module's
private name, and the notebooks import only from the top-level package, whose table of
public names (``alliances._API``) matches what the modules define.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
from pathlib import Path

import pytest
from radon.complexity import cc_visit

import alliances

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lib" / "alliances"
MAX_LINES = 600
MAX_COMPLEXITY = 15
ROOMS = ("models", "data", "views", "cases", "widgets", "coursework")
#: Which rooms a room may import (``_validation``, the package's checks, is open to all).
MAY_IMPORT = {
    "models": {"models"},
    "data": {"data"},
    "views": {"models", "data", "views"},
    "cases": {"models", "data", "views", "cases"},
    "widgets": {"models", "data", "views", "cases", "widgets"},
    "coursework": {"models", "data", "cases", "coursework"},
}
#: Third-party packages that draw or make widgets, banned from the rooms that must not.
DRAWING = {"matplotlib", "ipywidgets", "PIL", "IPython"}
#: The rooms that draw nothing.
NO_DRAWING = {"models", "data"}

MODULES = sorted(PACKAGE.rglob("*.py"))


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _room(dotted: str) -> str | None:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ROOMS else None


def _imports(path: Path, source: str | None = None) -> list[tuple[str, list[str], int]]:
    """(module, names, line) of every import in ``path``, relative ones made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    package = _dotted(path) if path.name == "__init__.py" else _dotted(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([module] if module else []))
            found.append((module, [alias.name for alias in node.names], node.lineno))
    return found


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def _room_violations(path: Path, source: str | None = None) -> list[str]:
    """What ``path`` (or ``source`` placed at ``path``) imports against its room's rules."""
    room = _room(_dotted(path))
    wrong: list[str] = []
    for module, names, line in _imports(path, source):
        top = module.split(".")[0]
        if top in DRAWING and room in NO_DRAWING:
            wrong.append(f"{_where(path, line)} imports {module}: {room}/ draws nothing")
        if top != "alliances":
            continue
        targets = [module] + [f"{module}.{name}" for name in names]
        rooms = {_room(target) for target in targets} - {None}
        if module == "alliances" and names:   # from alliances import models (a room)
            rooms = {name for name in names if name in ROOMS}
        for other in sorted(rooms - MAY_IMPORT[room]):
            wrong.append(f"{_where(path, line)} imports {module}: {room}/ may not use {other}/")
    return wrong


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_room_imports_only_what_its_rules_allow(path: Path) -> None:
    if _room(_dotted(path)) is None:
        pytest.skip("the package's face and its shared checks belong to no room")
    wrong = _room_violations(path)
    assert not wrong, "\n".join(wrong)


def test_the_rules_are_not_empty() -> None:
    """Each room holds modules, so each rule above is exercised."""
    for room in ROOMS:
        assert any(_room(_dotted(path)) == room and path.name != "__init__.py"
                   for path in MODULES), room


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_is_short_enough_to_read(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines (at most {MAX_LINES})"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_function_is_too_complex(path: Path) -> None:
    blocks = cc_visit(path.read_text(encoding="utf-8"))
    too = [f"{_where(path, b.lineno)} {b.fullname}: {b.complexity}" for b in blocks
           if b.complexity > MAX_COMPLEXITY]
    assert not too, f"cyclomatic complexity over {MAX_COMPLEXITY} (radon):\n" + "\n".join(too)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_private_name_of_another(path: Path) -> None:
    wrong = [f"{_where(path, line)} imports {name} from {module}"
             for module, names, line in _imports(path) if module.startswith("alliances")
             for name in names if name.startswith("_") and module != _dotted(path)
             and (module, name) != ("alliances.i18n", "_")]   # gettext's own convention
    assert not wrong, "\n".join(wrong)


def _notebook_imports() -> dict[str, list[tuple[str, list[str]]]]:
    found = {}
    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        imports = []
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            if "alliances" not in source:
                continue
            source = re.sub(r"^[%!].*$", "", source, flags=re.M)    # magics
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("alliances"):
                    imports.append((node.module, [alias.name for alias in node.names]))
                elif isinstance(node, ast.Import):
                    imports += [(a.name, []) for a in node.names if a.name.startswith("alliances")]
        found[notebook.name] = imports
    return found


def test_notebooks_import_from_the_top_level_package_only() -> None:
    wrong = [f"{name}: from {module} import {', '.join(names)}"
             for name, imports in _notebook_imports().items()
             for module, names in imports if module != "alliances"]
    assert not wrong, "notebooks import from `alliances` itself:\n" + "\n".join(wrong)


def test_every_name_a_notebook_uses_is_public_and_found() -> None:
    used = {name for imports in _notebook_imports().values() for _, names in imports
            for name in names}
    assert used, "no notebook imports anything: the test reads nothing"
    assert used - {"data"} <= set(alliances.__all__)
    for name in sorted(used):
        assert getattr(alliances, name) is not None, name


@pytest.mark.parametrize("name", sorted(alliances.__all__))
def test_each_public_name_comes_from_the_module_the_table_names(name: str) -> None:
    module = alliances._home()[name]
    value = getattr(alliances, name)
    defined = getattr(value, "__module__", module)
    # Constants (dicts, tuples) have no __module__: their home must define them by name.
    text = (PACKAGE.parent / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
    assert defined == module or re.search(rf"^{re.escape(name)}\b", text, flags=re.M), (
        f"{name} is listed under {module} but defined in {defined}")


def test_the_room_rules_catch_a_forbidden_import() -> None:
    """The rules can fail: a model that draws and uses a widget breaks two of them."""
    probe = PACKAGE / "models" / "probe.py"       # never written: its source is given
    wrong = _room_violations(probe, "import matplotlib.pyplot as plt\n"
                                    "from alliances.widgets.base import LiveFigure\n")
    assert len(wrong) == 2
    assert "draws nothing" in wrong[0] and "may not use widgets/" in wrong[1]
    assert not _room_violations(probe, "from alliances.models.games import Game\n")


def _public_definitions() -> list[tuple[Path, str, ast.AST]]:
    """(module, name, node) of each public top-level definition of a public module."""
    found = []
    for path in MODULES:
        if any(part.startswith("_") and part != "__init__.py"
               for part in path.relative_to(PACKAGE).parts):
            continue                        # a private module: its names are internal
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names = []
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names = [node.name]
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
            found += [(path, name, node) for name in names
                      if not name.startswith("_") and name != "__all__"]
    return found


PUBLIC = _public_definitions()


def test_every_public_function_and_class_has_a_running_example() -> None:
    missing = []
    for path, name, node in PUBLIC:
        if not isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            continue
        texts = [ast.get_docstring(node) or ""]
        if isinstance(node, ast.ClassDef):
            texts += [ast.get_docstring(item) or "" for item in node.body
                      if isinstance(item, ast.FunctionDef) and item.name == "__init__"]
        if not any(">>>" in text for text in texts):
            missing.append(f"{path.relative_to(ROOT)}: {name}")
    assert not missing, "public names without a doctest example:\n" + "\n".join(missing)


@pytest.mark.slow  # not in the quick subset (it reads every file of the repository)
def test_every_public_name_is_used() -> None:
    """Used by a notebook, another library module or a test: otherwise it goes or is private.

    A public name is an identifier, so "used" is "one of the words of the text" (what
    ``\\bname\\b`` would find), and each text is split into its words once.
    """
    def words(text: str) -> set[str]:
        return set(re.findall(r"\w+", text))

    here = Path(__file__).resolve()
    elsewhere = set().union(
        *(words(p.read_text(encoding="utf-8")) for p in (ROOT / "notebooks").glob("*.ipynb")),
        *(words(p.read_text(encoding="utf-8")) for p in (ROOT / "tests").rglob("*.py")
          if p.resolve() != here))
    library = {p: words(p.read_text(encoding="utf-8")) for p in MODULES}
    face = PACKAGE / "__init__.py"
    unused = []
    for path, name, _ in PUBLIC:
        assert re.fullmatch(r"\w+", name), f"{name!r} is not an identifier"
        if name in elsewhere or any(name in text for other, text in library.items()
                                    if other not in (path, face)):
            continue
        unused.append(f"{path.relative_to(ROOT)}: {name}")
    assert not unused, "public names used nowhere:\n" + "\n".join(unused)


def test_case_modules_export_names_that_no_other_module_claims() -> None:
    """The case studies' ``__all__`` are the package's names: none may be claimed twice."""
    claims: dict[str, list[str]] = {}
    for path in sorted((PACKAGE / "cases").glob("[!_]*.py")):
        module = importlib.import_module(_dotted(path))
        for name in getattr(module, "__all__", ()):
            claims.setdefault(name, []).append(module.__name__)
    for name, module in alliances._TABLE.items():
        claims.setdefault(name, []).append(module)
    twice = {name: modules for name, modules in claims.items() if len(modules) > 1}
    assert not twice, f"names exported by two modules: {twice}"
    assert set(alliances.__all__) == set(claims)


def test_contributing_names_only_files_that_exist() -> None:
    """CONTRIBUTING.md describes the tree as it is (its worked example's files aside)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"`((?:lib|tests|data|notebooks|benchmarks|course|tools|binder|"
                           r"deploy)/[^`\s]*)`", text))
    assert len(paths) > 10, "the test reads no paths: has CONTRIBUTING.md changed form?"
    example = ("<", "NN", "kfor", "kosovo", "*")
    missing = sorted(p for p in paths if not any(mark in p for mark in example)
                     and not (ROOT / p.split("#")[0]).exists())
    assert not missing, f"CONTRIBUTING.md names files that do not exist: {missing}"
