"""The public API of ``alliances``, discovered, and a valid example call of each part of it.

Whole-course tests (bad input, accessibility of figures) must cover every public function,
class and method, including those added after the tests were written. So nothing here is
listed by hand:

* :func:`public_modules` walks the package (``pkgutil``), skipping private modules;
* :func:`public_callables` takes each module's ``__all__`` (or its public names defined
  there) and, for each class, its constructor and its public methods (properties and
  other non-callable attributes are left out);
* :func:`recorded_examples` finds a *valid* call of each of them in the library's own
  doctests (every public function has one, CONTRIBUTING.md): it runs every doctest of the
  package once with each public callable wrapped, and keeps the arguments of the first
  call that returned normally. Calls made *by* the library internally are not recorded,
  only calls written in a docstring.

A test can then start from a call known to work and change one argument at a time.
"""

from __future__ import annotations

import copy
import dataclasses
import doctest
import functools
import importlib
import inspect
import pkgutil
import types
import warnings
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

import alliances

#: Kinds of :class:`Target`.
FUNCTION, CLASS, METHOD = "function", "class", "method"


@dataclass(frozen=True)
class Target:
    """One public callable: a module-level function, a class (its constructor) or a method."""

    qualname: str          # e.g. "alliances.models.games.Game.payoffs"
    module: str            # e.g. "alliances.models.games"
    kind: str              # FUNCTION, CLASS or METHOD
    obj: Any = field(compare=False, repr=False)     # the function, class or raw method
    owner: type | None = field(default=None, compare=False, repr=False)
    name: str = ""

    def signature(self) -> inspect.Signature:
        """The signature, without ``self`` for methods and constructors."""
        if self.kind == CLASS:
            return inspect.signature(self.obj)
        func = _unwrap_descriptor(self.obj)
        sig = inspect.signature(func)
        if self.kind == METHOD and not isinstance(self.obj, staticmethod):
            params = list(sig.parameters.values())[1:]     # self or cls
            sig = sig.replace(parameters=params)
        return sig


@dataclass
class Call:
    """A call that worked: ``instance`` (methods only), positional and keyword arguments."""

    args: tuple
    kwargs: dict
    instance: Any = None

    def bound(self, target: Target) -> inspect.BoundArguments:
        """The arguments bound to ``target``'s signature, defaults filled in."""
        bound = target.signature().bind(*self.args, **self.kwargs)
        bound.apply_defaults()
        return bound

    def callable(self, target: Target):
        """What to call: the function, the class, or the method bound to ``instance``."""
        if target.kind == METHOD:
            return getattr(self.instance, target.name)
        return getattr(importlib.import_module(target.module), target.name, target.obj) \
            if target.kind == FUNCTION else target.obj


def _unwrap_descriptor(obj: Any) -> Any:
    return obj.__func__ if isinstance(obj, (staticmethod, classmethod)) else obj


def _is_private(name: str) -> bool:
    return any(part.startswith("_") for part in name.split("."))


@cache
def public_modules() -> tuple[types.ModuleType, ...]:
    """Every importable public module of the package (``alliances`` itself first)."""
    modules = [alliances]
    for info in pkgutil.walk_packages(alliances.__path__, "alliances."):
        if _is_private(info.name.removeprefix("alliances.")):
            continue
        modules.append(importlib.import_module(info.name))
    return tuple(modules)


def _public_names(module: types.ModuleType) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in vars(module) if not n.startswith("_")]
    return [n for n in names if not n.startswith("_")]


def _defines_own_constructor(cls: type) -> bool:
    """True unless the constructor comes from outside the package (e.g. ipywidgets)."""
    for klass in cls.__mro__:
        if "__init__" in vars(klass) or "__new__" in vars(klass):
            return klass.__module__.startswith("alliances")
    return False


@cache
def public_callables() -> tuple[Target, ...]:
    """Every public function, class and method of the package, each once, in a stable order.

    An object re-exported by another module (``alliances.Game``) is listed once, under
    the module that defines it.
    """
    targets: dict[str, Target] = {}
    for module in public_modules():
        for name in _public_names(module):
            obj = getattr(module, name, None)
            if obj is None or getattr(obj, "__module__", None) != module.__name__:
                continue
            qualname = f"{module.__name__}.{name}"
            if inspect.isclass(obj):
                if _defines_own_constructor(obj) and not inspect.isabstract(obj):
                    targets[qualname] = Target(qualname, module.__name__, CLASS, obj, None, name)
                fields = ({f.name for f in dataclasses.fields(obj)}
                          if dataclasses.is_dataclass(obj) else set())
                for attr, raw in vars(obj).items():
                    # a dataclass field's default (a function, say) is data, not a method
                    if attr.startswith("_") or attr in fields:
                        continue
                    func = _unwrap_descriptor(raw)
                    if inspect.isfunction(func):
                        q = f"{qualname}.{attr}"
                        targets[q] = Target(q, module.__name__, METHOD, raw, obj, attr)
            elif inspect.isfunction(obj):
                targets[qualname] = Target(qualname, module.__name__, FUNCTION, obj, None, name)
    return tuple(sorted(targets.values(), key=lambda t: t.qualname))


def _snapshot(value: Any) -> Any:
    """A copy of plain containers and arrays (a later doctest line may mutate them)."""
    if isinstance(value, (list, dict, set, tuple, np.ndarray)):
        try:
            return copy.deepcopy(value)
        except Exception:  # noqa: BLE001 - keep the original if it cannot be copied
            return value
    return value


@cache
def recorded_examples() -> dict[str, Call]:
    """The first successful call of each public callable in the package's doctests.

    Keys are :attr:`Target.qualname`. Doctest failures are ignored here (the doctests
    are run and judged by pytest's ``--doctest-modules``); so is their output.
    """
    import matplotlib.pyplot as plt

    targets = public_callables()
    calls: dict[str, Call] = {}
    by_class = {t.obj: t for t in targets if t.kind == CLASS}
    restore: list[tuple[Any, str, Any, bool]] = []   # (holder, attr, old, existed)

    def patch(holder: Any, attr: str, new: Any) -> None:
        existed = attr in vars(holder)
        restore.append((holder, attr, vars(holder).get(attr), existed))
        setattr(holder, attr, new)

    def recorder(key: str, func, *, method: bool = False):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            result = func(*args, **kwargs)
            if key not in calls:
                if method:
                    calls[key] = Call(tuple(map(_snapshot, args[1:])),
                                      {k: _snapshot(v) for k, v in kwargs.items()}, args[0])
                else:
                    calls[key] = Call(tuple(map(_snapshot, args)),
                                      {k: _snapshot(v) for k, v in kwargs.items()})
            return result
        return wrapper

    def constructor_recorder(init):
        @functools.wraps(init)
        def wrapper(self, *args, **kwargs):
            init(self, *args, **kwargs)
            target = by_class.get(type(self))
            if target is not None and target.qualname not in calls:
                calls[target.qualname] = Call(tuple(map(_snapshot, args)),
                                              {k: _snapshot(v) for k, v in kwargs.items()})
        return wrapper

    def new_recorder(new):
        # A class whose constructor is __new__ (a NamedTuple): record the call there.
        @functools.wraps(new)
        def wrapper(cls, *args, **kwargs):
            made = new(cls, *args, **kwargs)
            target = by_class.get(cls)
            if target is not None and target.qualname not in calls:
                calls[target.qualname] = Call(tuple(map(_snapshot, args)),
                                              {k: _snapshot(v) for k, v in kwargs.items()})
            return made
        return staticmethod(wrapper)

    finder = doctest.DocTestFinder()
    tests = []
    for module in public_modules():
        try:
            tests.extend(finder.find(module))
        except ValueError:  # pragma: no cover - a module doctest cannot parse
            continue
    functions = {t.obj: t for t in targets if t.kind == FUNCTION}
    try:
        # Module-level functions: in every module that holds them, and in each test's globs.
        wrappers = {func: recorder(t.qualname, func) for func, t in functions.items()}
        for module in public_modules():
            for name, value in list(vars(module).items()):
                if inspect.isfunction(value) and value in wrappers:
                    patch(module, name, wrappers[value])
        for cls in {t.owner for t in targets if t.kind == METHOD} | set(by_class):
            if "__init__" in vars(cls) and cls in by_class:
                patch(cls, "__init__", constructor_recorder(vars(cls)["__init__"]))
            elif "__new__" in vars(cls) and cls in by_class:
                raw_new = vars(cls)["__new__"]
                patch(cls, "__new__", new_recorder(
                    raw_new.__func__ if isinstance(raw_new, staticmethod) else raw_new))
        for t in targets:
            if t.kind == METHOD:
                raw = vars(t.owner)[t.name]
                wrapped = recorder(t.qualname, _unwrap_descriptor(raw),
                                   method=not isinstance(raw, staticmethod))
                if isinstance(raw, staticmethod):
                    wrapped = staticmethod(wrapped)
                elif isinstance(raw, classmethod):
                    wrapped = classmethod(wrapped)
                patch(t.owner, t.name, wrapped)
        runner = doctest.DocTestRunner(
            verbose=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for test in tests:
                for name, value in list(test.globs.items()):
                    if inspect.isfunction(value) and value in wrappers:
                        test.globs[name] = wrappers[value]
                runner.run(test, out=lambda _text: None, clear_globs=False)
                plt.close("all")
    finally:
        for holder, attr, old, existed in reversed(restore):
            if existed:
                setattr(holder, attr, old)
            else:
                delattr(holder, attr)
    return calls
