"""Bad input, all of it: every public callable of ``alliances`` and every widget control.

Part 1, a hypothesis property over the whole public API (discovered, see
``tests/api_examples.py``: every public function, class and method of every module,
including ones added later). Each callable starts from a call that works, taken from its
own doctest; one argument at a time is replaced by junk: wrong types, wrong shapes, NaN,
infinities, empty containers, huge numbers, negative values where a share is expected,
probabilities off the simplex, near-miss strings, damaged tables. The call must then
either work or raise ``ValueError``/``TypeError`` whose message names that argument
(CONTRIBUTING.md, "The library"; a path that does not exist may raise
``FileNotFoundError``, Python's own convention, if it names the argument); anything else
(``KeyError``, ``AttributeError``, ``OverflowError``, a ``TraitError``, a hang...) fails.
All the problems of one callable are listed together (one input each), rather than
shrunk one by one. Runs derandomized with a fixed number of examples per callable (fewer
for those that draw, build a widget or read a CSV, see ``_examples_for``), never one
derived from measured speed, so every machine tries the same inputs.

Part 2, the widgets (every subclass of ``LiveFigure`` that has a default constructor):
every control is bounded so that no reachable state shows an error (each control at its
minimum, maximum and middle; all at their minimum; all at their maximum), and a callback
that fails shows a readable message in the widget instead of raising.
"""

from __future__ import annotations

import html
import importlib
import inspect
import math
import pkgutil
import re
import signal
import sys
import time
import warnings
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from fractions import Fraction

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliances.widgets.fields import NumberField
from api_examples import CLASS, FUNCTION, METHOD, Call, Target, public_callables, \
    recorded_examples

#: Left out of the quick subset (python3 -m course test --quick): see conftest.py.
pytestmark = pytest.mark.slow

TARGETS = public_callables()

#: A call slower than this on junk input fails: junk must be refused, not ground through.
TIME_LIMIT = 5.0
#: Examples per callable, fixed so that every machine tries the same inputs (a count derived
#: from measured speed made a slow 2-core machine try inputs CI never tried). Callables that
#: draw, build a widget or read a CSV take tens of milliseconds a call and get fewer.
EXAMPLES, EXAMPLES_SLOW = 30, 6
#: The rooms whose every callable draws, builds a widget or reads a CSV.
SLOW_ROOMS = ("cases", "data", "views", "widgets")

# ----------------------------------------------------------------------------------------
# Junk
# ----------------------------------------------------------------------------------------


class _Opaque:
    """An object of no expected type."""

    def __repr__(self) -> str:
        return "<opaque object>"


#: Wrong for (nearly) every parameter: wrong types, non-finite and enormous numbers.
COMMON_JUNK: list[object] = [
    None, "junk", b"bytes", _Opaque(), {"key": 1}, {1, 2}, complex(1, 1), True,
    float("nan"), float("inf"), -float("inf"), 10**400, -(10**400), 10**18, -1, 0,
    np.float64("nan"), [], (), np.array([]), [[1.0, 2.0], [3.0]], lambda: None,
]


def _is_real(value: object) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating, Fraction)) and \
        not isinstance(value, (bool, np.bool_))


def _numeric_array(value: object) -> np.ndarray | None:
    """``value`` as a numeric array if it is a (nested) sequence of real numbers."""
    if isinstance(value, (str, bytes, Mapping, pd.DataFrame, pd.Series)) or _is_real(value):
        return None
    if not isinstance(value, (Sequence, np.ndarray)):
        return None
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return array if array.size else None


def _like(template: object, array: np.ndarray) -> object:
    """``array`` in the container type of ``template`` (list, tuple or array)."""
    if isinstance(template, np.ndarray):
        return array
    as_list = array.tolist()
    return tuple(as_list) if isinstance(template, tuple) else as_list


def _number_junk(x: float, integer: bool) -> list[object]:
    out: list[object] = [-abs(x) - 1, -1e-9, 1e300, -1e300, np.inf, "3", [x], np.array([x, x])]
    if integer:
        out += [x + 0.5, 10**12, -(10**12)]
    if 0 <= x <= 1:                       # a probability or share: leave [0, 1]
        out += [1.5, -0.5, 1 + 1e-9]
    return out


def _array_junk(value: object, array: np.ndarray) -> list[object]:
    out: list[object] = []
    for bad in (np.nan, np.inf, -np.inf, 1e308):
        damaged = array.copy()
        damaged.flat[0] = bad
        out.append(_like(value, damaged))
    out.append(_like(value, -np.abs(array) - 1))                  # negative everywhere
    out.append(_like(value, np.append(array.ravel(), 1.0)))       # one entry too many
    out.append(_like(value, array.ravel()[:-1]) if array.size > 1 else [])
    out.append(_like(value, array[..., np.newaxis]))              # one dimension too many
    out.append(_like(value, np.ones((9, 9))))                     # too large a game
    out.append([["a"] * array.shape[-1]] * array.shape[0] if array.ndim == 2 else
               ["a"] * array.size)                                # text where numbers go
    if array.ndim == 1 and np.all(array >= 0) and math.isclose(array.sum(), 1.0):
        out += [_like(value, array * 2), _like(value, np.r_[1.5, -0.5, np.zeros(
            array.size - 2)] if array.size >= 2 else np.array([1.5]))]   # off the simplex
    if array.ndim == 2 and array.shape[0] > 1:
        out.append([list(array[0]), list(array[1][:-1])] + [list(r) for r in array[2:]])
    return out


def _string_junk(text: str) -> list[object]:
    return ["", "   ", text.upper() + "?", text + "x", "no such thing", 42, text.encode()]


def _labels_junk(labels: Sequence[str]) -> list[object]:
    out: list[object] = [tuple(labels[:1]), tuple(labels) + ("extra",), (1, 2),
                         ("",) * len(labels), labels[0] if labels else "x"]
    if len(labels) >= 2:
        out.append((labels[0],) * len(labels))        # duplicated labels
    return out


def _frame_junk(frame: pd.DataFrame) -> list[object]:
    out: list[object] = [frame.iloc[:0], frame.to_dict("list"), frame.values.tolist()]
    if len(frame.columns):
        out.append(frame.drop(columns=frame.columns[0]))
    numeric = frame.select_dtypes("number").columns
    if len(numeric):
        for bad in (np.nan, -1.0, np.inf):
            damaged = frame.copy()
            damaged[numeric[0]] = damaged[numeric[0]].astype(float)
            damaged.iloc[0, damaged.columns.get_loc(numeric[0])] = bad
            out.append(damaged)
    text = [c for c in frame.columns if frame[c].dtype == object or
            pd.api.types.is_string_dtype(frame[c].dtype)]
    if text:
        damaged = frame.copy()
        damaged[text[0]] = damaged[text[0]].astype(object)
        damaged.iloc[0, damaged.columns.get_loc(text[0])] = 12345
        out.append(damaged)
    return out


def _mapping_junk(mapping: Mapping) -> list[object]:
    out: list[object] = [{}, {"not_a_parameter": 1.0}, [("a", 1)]]
    for key, value in list(mapping.items())[:2]:
        for bad in ("x", np.nan, None, -1e9):
            out.append({**mapping, key: bad})
        if _is_real(value):
            out.append({**mapping, key: -abs(value) - 1})
    return out


def junk_for(value: object, others: Sequence[object] = ()) -> list[object]:
    """Junk aimed at a parameter whose valid example is ``value``."""
    out = list(COMMON_JUNK)
    if _is_real(value):
        out += _number_junk(float(value), isinstance(value, (int, np.integer)))
    elif isinstance(value, str):
        out += _string_junk(value)
    elif isinstance(value, pd.DataFrame):
        out += _frame_junk(value)
    elif isinstance(value, pd.Series):
        out += [value.iloc[:0], value.astype(object).where(value.index != value.index[0],
                                                          "text") if len(value) else []]
    elif isinstance(value, Mapping):
        out += _mapping_junk(value)
    elif isinstance(value, Sequence) and value and all(isinstance(v, str) for v in value):
        out += _labels_junk(value)
    elif (array := _numeric_array(value)) is not None:
        out += _array_junk(value, array)
    elif isinstance(value, Sequence) and not value:
        out += [[np.nan], ["x"]]
    # An object of the library of another type where this one is expected.
    out += [other for other in others if type(other) is not type(value)][:3]
    return out


def _library_objects(calls: dict[str, Call]) -> list[object]:
    """One instance of each library class seen in the examples (wrong-type junk)."""
    seen: dict[type, object] = {}
    for call in calls.values():
        for value in (*call.args, *call.kwargs.values()):
            if type(value).__module__.startswith("alliances") and not isinstance(
                    value, widgets.Widget):
                seen.setdefault(type(value), value)
    return list(seen.values())


def _names_argument(message: str, name: str) -> bool:
    """True if ``name`` appears in ``message`` as a word (``"model.L_A"`` names both)."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", message) is not None


# ----------------------------------------------------------------------------------------
# Calling with a time limit
# ----------------------------------------------------------------------------------------


class TooSlow(BaseException):
    """Raised by the alarm; a BaseException so that ``except Exception`` cannot hide it."""


@contextmanager
def time_limit(seconds: float):
    def alarm(_signum, _frame):
        raise TooSlow(f"took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _show(value: object, limit: int = 120) -> str:
    if isinstance(value, pd.DataFrame):
        return f"<DataFrame {value.shape[0]}x{value.shape[1]}: {list(value.columns)[:6]}>"
    if isinstance(value, pd.Series):
        return f"<Series {value.name!r} of {len(value)}: {value.tolist()[:4]}...>"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _outcome(func, args: tuple, kwargs: dict) -> tuple[str, BaseException | None]:
    """("ok" | "refused" | "slow" | "other", exception) of one call."""
    try:
        with warnings.catch_warnings(), time_limit(TIME_LIMIT):
            warnings.simplefilter("ignore")
            func(*args, **kwargs)
    except TooSlow as exc:
        return "slow", exc
    except (ValueError, TypeError) as exc:
        return "refused", exc
    except FileNotFoundError as exc:
        # Python's own convention for a path that does not exist (alliances.data.load
        # documents it); it must still name the argument, checked like a refusal.
        return "refused", exc
    except Exception as exc:  # noqa: BLE001 - this is what the test looks for
        return "other", exc
    finally:
        plt.close("all")
    return "ok", None


# ----------------------------------------------------------------------------------------
# Part 1: every public callable
# ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def examples() -> dict[str, Call]:
    return recorded_examples()


def _baseline(target: Target, calls: dict[str, Call]) -> Call | None:
    """A call of ``target`` that works: from the doctests, or every default."""
    call = calls.get(target.qualname)
    if call is not None:
        return call
    if target.kind == METHOD:
        return None
    sig = target.signature()
    required = [p for p in sig.parameters.values() if p.default is p.empty and p.kind not in (
        p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    return None if required else Call((), {})


def _parameters(target: Target, call: Call) -> tuple[list[str], dict[str, object], str | None]:
    """Names to fuzz, their example values, and the name of a ``**kwargs`` parameter."""
    bound = call.bound(target)
    values: dict[str, object] = {}
    var_keyword = None
    for name, param in target.signature().parameters.items():
        if param.kind is param.VAR_POSITIONAL:
            continue
        if param.kind is param.VAR_KEYWORD:
            var_keyword = name
            values.update(bound.arguments.get(name, {}))
            continue
        values[name] = bound.arguments[name]
    return list(values), values, var_keyword


def _assemble(target: Target, call: Call, values: dict[str, object],
              var_keyword: str | None) -> tuple[tuple, dict]:
    """Positional and keyword arguments for ``values`` (a copy of the example's, changed)."""
    args: list[object] = []
    kwargs: dict[str, object] = {}
    for name, param in target.signature().parameters.items():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if param.kind is param.POSITIONAL_ONLY:
            args.append(values[name])
        else:
            kwargs[name] = values[name]
    if var_keyword is not None:
        named = set(target.signature().parameters)
        kwargs.update({k: v for k, v in values.items() if k not in named})
    return tuple(args), kwargs


def _examples_for(target: Target) -> int:
    """The fixed number of examples for ``target``: fewer if it draws or reads data."""
    room = target.qualname.split(".")[1]
    drawing = "plot" in target.qualname.removeprefix(target.module).lower()
    return EXAMPLES_SLOW if room in SLOW_ROOMS or drawing else EXAMPLES


@pytest.mark.parametrize("target", TARGETS, ids=[t.qualname.removeprefix("alliances.")
                                                  for t in TARGETS])
def test_junk_is_refused_with_a_message_naming_the_argument(target: Target, examples) -> None:
    """Each argument in turn gets junk; the call works or raises naming that argument."""
    if target.kind == CLASS and issubclass(target.obj, BaseException):
        pytest.skip("an exception class: raised by the library, not called by readers")
    call = _baseline(target, examples)
    if call is None:
        pytest.skip(f"no doctest calls {target.qualname} and it has required arguments: "
                    "add an Examples section that calls it")
    func = call.callable(target)
    names, values, var_keyword = _parameters(target, call)
    if not names:
        pytest.skip(f"{target.qualname} takes no arguments")
    args, kwargs = _assemble(target, call, values, var_keyword)
    kind, exc = _outcome(func, args, kwargs)
    if kind != "ok":
        pytest.fail(f"the doctest example itself fails when called again: {exc!r}")
    n_examples = _examples_for(target)
    others = _library_objects(examples)
    candidates = [(name, junk) for name in names for junk in junk_for(values[name], others)]
    if var_keyword is not None:
        candidates.append(("not_a_parameter", 1.0))
    generated = st.sampled_from(names).flatmap(lambda name: st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**15), max_value=10**15),
        st.text(max_size=6),
        st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=4),
    ).map(lambda junk: (name, junk)))
    strategy = st.one_of(st.sampled_from(candidates), generated)

    problems: dict[tuple[str, str], str] = {}
    seen: set[tuple[str, str]] = set()

    @settings(max_examples=n_examples, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def check(case: tuple[str, object]) -> None:
        # Problems are collected, not raised, so that one run lists all of them (and no
        # time goes into shrinking a slow call); each distinct input is tried once.
        name, junk = case
        key = (name, _show(junk))
        if key in seen:
            return
        seen.add(key)
        changed = dict(values)
        changed[name] = junk
        a, k = _assemble(target, call, changed, var_keyword)
        kind, exc = _outcome(func, a, k)
        where = f"{target.qualname.removeprefix('alliances.')}({name}={_show(junk)})"
        if kind == "slow":
            problems.setdefault((name, "slow"), f"{where} {exc}: junk must be refused quickly")
        elif kind == "other":
            problems.setdefault((name, type(exc).__name__),
                                f"{where} raised {type(exc).__name__}: {exc}")
        elif kind == "refused" and not (_names_argument(str(exc), name) or (
                isinstance(junk, Mapping) and any(        # a bad entry of a mapping may
                    isinstance(key, str) and _names_argument(str(exc), key)   # be named
                    for key in junk))):
            problems.setdefault((name, "unnamed"), f"{where} raised {type(exc).__name__} "
                                f"whose message does not name {name!r}: {exc}")

    check()
    assert not problems, (
        f"{target.qualname}: junk must raise ValueError/TypeError naming the argument; "
        f"{len(problems)} problem(s):\n" + "\n".join(f"- {p}" for p in problems.values()))


def test_the_api_is_discovered_and_almost_all_of_it_has_a_doctest_example(examples) -> None:
    """Discovery works (so the property above covers new modules) and finds examples."""
    kinds = {kind: [t for t in TARGETS if t.kind == kind] for kind in (FUNCTION, CLASS, METHOD)}
    assert len(kinds[FUNCTION]) >= 40 and len(kinds[CLASS]) >= 15 and len(kinds[METHOD]) >= 20
    names = {t.qualname for t in TARGETS}
    for expected in ("alliances.models.games.symmetric_game", "alliances.models.games.Game",
                     "alliances.models.games.Game.pure_equilibria", "alliances.data.load",
                     "alliances.widgets.payoff_editor.PayoffEditor"):
        assert expected in names
    assert not any("._" in q.removeprefix("alliances") for q in names), "private name listed"
    covered = sum(_baseline(t, examples) is not None for t in TARGETS)
    assert covered >= 0.95 * len(TARGETS), f"only {covered} of {len(TARGETS)} have an example"


def test_every_machine_tries_the_same_number_of_examples() -> None:
    """The number of examples depends on the callable only, never on the machine's speed."""
    counts = {t.qualname: _examples_for(t) for t in TARGETS}
    assert counts["alliances.models.games.symmetric_game"] == EXAMPLES
    assert counts["alliances.data.load"] == EXAMPLES_SLOW
    assert "perf_counter" not in inspect.getsource(_examples_for)


def test_the_property_can_fail() -> None:
    """The checks above catch a function that raises the wrong thing or the wrong name."""

    def bad_lookup(snapshot: str) -> int:
        return {"2009": 1}[snapshot]          # KeyError on an unknown snapshot

    def misnamed(share: float) -> float:
        if not 0 <= share <= 1:
            raise ValueError("value out of range")
        return share

    assert _outcome(bad_lookup, ("2010",), {})[0] == "other"
    kind, exc = _outcome(misnamed, (1.5,), {})
    assert kind == "refused" and not _names_argument(str(exc), "share")
    assert _names_argument("model.L_A must be >= 0", "L_A")
    assert _names_argument("model.L_A must be >= 0", "model")
    assert not _names_argument("alpha must be > 0", "a")
    with pytest.raises(TooSlow), time_limit(0.05):
        time.sleep(1)


def test_a_number_too_large_for_a_float_is_refused_naming_it() -> None:
    """Found by the property above: ``float(10**400)`` raised OverflowError from every
    function that validates a number with ``check_real``."""
    from alliances import symmetric_game
    from alliances._validation import check_real

    with pytest.raises(ValueError, match="^T must be a finite number"):
        check_real(10**400, "T")
    with pytest.raises(ValueError, match="^R must be"):
        symmetric_game(4, -(10**400), 2, 1)


# ----------------------------------------------------------------------------------------
# Part 2: widgets
# ----------------------------------------------------------------------------------------


def _widget_classes() -> list[type]:
    from alliances import widgets as package
    from alliances.widgets.base import LiveFigure

    for info in pkgutil.walk_packages(package.__path__, "alliances.widgets."):
        importlib.import_module(info.name)
    found, seen, todo = set(), set(), [LiveFigure]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("alliances") and sub not in seen:
                seen.add(sub)
                todo.append(sub)
                # Public widgets only: a base such as ModelExplorer is not in __all__.
                if sub.__name__ in getattr(sys.modules[sub.__module__], "__all__", ()):
                    found.add(sub)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


WIDGET_CLASSES = _widget_classes()

#: Widgets that only display (no controls the reader moves).
_DISPLAY_ONLY = (widgets.HTML, widgets.HTMLMath, widgets.Label, widgets.Image, widgets.Output)


def widget_controls(root: widgets.Widget) -> list[widgets.Widget]:
    """Every control inside ``root`` (depth first): value widgets that are not displays."""
    found: list[widgets.Widget] = []
    outputs = {id(getattr(root, a, None)) for a in ("summary", "error", "details", "image")}

    def walk(widget: widgets.Widget) -> None:
        if id(widget) in outputs or isinstance(widget, _DISPLAY_ONLY):
            return
        if isinstance(widget, NumberField):         # a checked text box: one control
            if "alliances-readout-field" not in widget._dom_classes:   # not a slider's
                found.append(widget)
        elif isinstance(widget, widgets.Box):
            for child in widget.children:
                walk(child)
        elif isinstance(widget, (widgets.ValueWidget, widgets.Button)):
            found.append(widget)

    for child in root.children:
        walk(child)
    return found


def positions(control: widgets.Widget) -> list[tuple[str, object]]:
    """(name, value) of the minimum, maximum and a middle value a reader can reach."""
    if isinstance(control, widgets.Button):
        return []
    if hasattr(control, "min") and hasattr(control, "max") and not isinstance(
            control.value, tuple):
        low, high = control.min, control.max
        middle = (low + high) / 2
        if isinstance(control.value, int):
            middle = int(middle)
        elif getattr(control, "step", None):
            middle = low + round((middle - low) / control.step) * control.step
        return [("min", low), ("max", high), ("middle", middle)]
    if hasattr(control, "min") and isinstance(control.value, tuple):      # range sliders
        low, high = control.min, control.max
        return [("min", (low, low)), ("max", (high, high)), ("full", (low, high))]
    options = getattr(control, "options", None)
    if options:
        values = list(control._options_values) if hasattr(control, "_options_values") \
            else [o[1] if isinstance(o, tuple) else o for o in options]
        return [("first", values[0]), ("last", values[-1]), ("middle", values[len(values) // 2])]
    if isinstance(control.value, bool):
        return [("off", False), ("on", True)]
    return []


def _describe(control: widgets.Widget) -> str:
    label = getattr(control, "description", "") or getattr(control, "tooltip", "") or ""
    return f"{type(control).__name__} {label!r}"


def _error_text(widget) -> str:
    return re.sub(r"<[^>]+>", "", html.unescape(widget.error.value)).strip()


@pytest.fixture(params=WIDGET_CLASSES, ids=[c.__name__ for c in WIDGET_CLASSES])
def widget(request):
    cls = request.param
    try:
        inspect.signature(cls).bind()
    except TypeError:
        pytest.skip(f"{cls.__name__} has no default constructor")
    instance = cls()
    yield instance
    instance.close()


def test_widgets_are_discovered() -> None:
    names = {c.__name__ for c in WIDGET_CLASSES}
    assert {"PayoffEditor", "CommitmentExplorer", "CrisisExplorer"} <= names


def test_every_control_is_bounded(widget) -> None:
    """No control can be set to a value the widget would have to refuse."""
    unbounded = [
        _describe(c) for c in widget_controls(widget)
        if isinstance(c, (widgets.FloatText, widgets.IntText, widgets.Text, widgets.Textarea))
    ]
    assert not unbounded, f"{type(widget).__name__}: unbounded controls {unbounded} (use " \
                          "BoundedFloatText, a slider or a dropdown)"
    assert widget_controls(widget), f"{type(widget).__name__} has no controls"


def number_fields(root: widgets.Widget) -> list[NumberField]:
    """Every number field inside ``root``: payoff boxes and slider read-outs."""
    if isinstance(root, NumberField):
        return [root]
    if isinstance(root, widgets.Box):
        return [f for child in root.children for f in number_fields(child)]
    return []


#: Typed text that cannot be used as typed (issue 18): each must be refused visibly.
REFUSED = ["abc", "", "1e999", "-1e999", "nan", "1,2,3", "1e6", "-1e6"]


def test_typed_numbers_are_understood_or_refused_visibly(widget) -> None:
    """Every payoff box and slider read-out: "2,5"-style input is understood; input that
    cannot be used leaves the value (and the model) as it was and shows a message."""
    name = type(widget).__name__
    fields = number_fields(widget)
    if not fields:
        pytest.skip(f"{name} has no number fields")
    for field in fields:
        before, sentence = field.value, widget.sentence
        for typed in REFUSED:
            field.text.value = typed
            assert field.value == before, f"{name} {field.description!r}: {typed!r} changed " \
                                          f"the value to {field.value!r}"
            assert widget.sentence == sentence
            message = re.sub(r"<[^>]+>", "", html.unescape(field.message.value))
            assert "kept" in message, f"{name} {field.description!r}: no message for {typed!r}"
        low, high = field.min, field.max
        middle = low + (high - low) / 4 if not field.integer else float(int((low + high) / 2))
        if middle == before:
            middle = high
        typed = f"{middle:g}".replace(".", ",")
        field.text.value = typed                     # a decimal comma, as in Europe
        assert field.value == pytest.approx(float(f"{middle:g}")), f"{name}: {typed!r}"
        assert field.message.value == ""
        assert _error_text(widget) == ""


def test_no_reachable_state_shows_an_error(widget) -> None:
    """Every control at its minimum, maximum and middle; then all at min; all at max."""
    name = type(widget).__name__
    assert _error_text(widget) == "", f"{name} starts with an error: {_error_text(widget)}"
    problems = []
    controls = widget_controls(widget)
    for control in controls:
        if isinstance(control, widgets.Button):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                control.click()
            if _error_text(widget):
                problems.append(f"{_describe(control)} clicked: {_error_text(widget)}")
            continue
        for where, value in positions(control):
            control.value = value
            if _error_text(widget):
                problems.append(f"{_describe(control)} at its {where} ({value!r}): "
                                f"{_error_text(widget)}")
    for where in ("min", "max"):
        for control in controls:
            for kind, value in positions(control):
                if kind == where:
                    control.value = value
        if _error_text(widget):
            problems.append(f"every control at its {where}: {_error_text(widget)}")
    assert not problems, f"{name}: reachable states show errors:\n" + "\n".join(problems)


def _first_movable(widget) -> tuple[widgets.Widget, object]:
    controls = widget_controls(widget)
    numeric = [c for c in controls if hasattr(c, "min")]      # sliders, bounded numbers
    for control in numeric + [c for c in controls if c not in numeric]:
        for _, value in positions(control):
            if value != control.value:
                return control, value
    pytest.fail(f"{type(widget).__name__} has no control that can be moved")


@pytest.mark.parametrize(("error", "heading"), [
    (ValueError("payoff must be finite; got nan (forced by the test)"), "Cannot update"),
    (ZeroDivisionError("division by zero (forced by the test)"), "Unexpected error"),
])
def test_a_failing_callback_shows_a_readable_message(widget, monkeypatch, error, heading) -> None:
    """Force ``_update`` to fail; moving a control must show the message, not raise."""
    before = widget.summary.value

    def fail() -> tuple[str, str]:
        raise error

    monkeypatch.setattr(widget, "_update", fail)
    control, value = _first_movable(widget)
    control.value = value                       # must not raise
    shown = _error_text(widget)
    assert heading in shown and str(error) in shown, \
        f"{type(widget).__name__} shows {shown!r} after a failing update"
    assert widget.summary.value == before, "the last good summary should stay"
    monkeypatch.undo()
    widget.refresh()
    assert _error_text(widget) == "", "the error line must clear after a good update"
