"""Checks at the boundary of the library.

The public entry points a student calls (and the widgets) pass their arguments through
these helpers, so that bad input raises one clear error type, :class:`InputError`, whose
message names the argument, says what was expected and shows what was given, instead of
a stack trace from deep inside numpy. ``InputError`` is both a ``ValueError`` and a
``TypeError``, so code that catches either keeps working.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np

#: Largest number of strategies per player that the exact equilibrium finder accepts: the
#: largest size whose every timed game (random degenerate, generic and decimal games,
#: coordination games, von Stengel's 6 x 6 game with 75 equilibria) was solved within the
#: solver's one-second time budget (``benchmarks/bench_solver.py``, report in
#: ``benchmarks/published/solver_timing.md``).
MAX_STRATEGIES = 8

#: Seconds the slowest game one size above the limit took in that report.
SLOWEST_OVER_LIMIT_SECONDS = 1.31

#: Tolerance used when checking that a probability vector sums to one.
_PROBABILITY_TOLERANCE = 1e-9


class InputError(ValueError, TypeError):
    """Bad input to a public function: the message names the argument and what it must be.

    Raised by every ``check_*`` helper of this module, for a value of the wrong type as
    for a value out of range; it is both a ``ValueError`` and a ``TypeError``.

    Examples
    --------
    >>> from alliances import InputError, symmetric_game
    >>> try:
    ...     symmetric_game("3", 3, 2, 1)
    ... except InputError as error:
    ...     print(error, isinstance(error, TypeError), isinstance(error, ValueError))
    T must be a real number; got str '3' True True
    """


# Shown to students as ``alliances.InputError`` (it is exported by the package's face).
InputError.__module__ = "alliances"


def _(message: str) -> str:
    """``message`` in the current language (:func:`alliances.i18n._`, imported at call time
    because :mod:`alliances.i18n` itself imports :class:`InputError` from here)."""
    from alliances.i18n import _ as translate
    return translate(message)


def _number(value: float, spec: str = "") -> str:
    """``value`` with the current language's decimal sign (:func:`alliances.i18n.number`)."""
    from alliances.i18n import number
    return number(value, spec)


def short_repr(value: object, limit: int = 60) -> str:
    """Return a short ``repr`` of ``value`` for error messages.

    Examples
    --------
    >>> short_repr("x" * 100, limit=10)
    "'xxxxxx..."
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_real(value: object, name: str, *, minimum: float | None = None,
               maximum: float | None = None, allow_equal_min: bool = True,
               allow_equal_max: bool = True) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``.

    Examples
    --------
    >>> check_real(3, "T")
    3.0
    >>> check_real(float("nan"), "T")
    Traceback (most recent call last):
    ...
    alliances.InputError: T must be a finite number; got nan
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise InputError(_("{name} must be a real number; got {kind} {value}").format(
            name=name, kind=type(value).__name__, value=short_repr(value)))
    try:
        result = float(value)
    except OverflowError:   # an int such as 10**400 is too large for a float
        raise InputError(_("{name} must be a finite number small enough for a float (below "
                           "about 1.8e308); got {value}").format(
                               name=name, value=short_repr(value))) from None
    if not np.isfinite(result):
        raise InputError(_("{name} must be a finite number; got {value}").format(
            name=name, value=repr(result)))
    if minimum is not None and (result < minimum or (result == minimum and not allow_equal_min)):
        message = (_("{name} must be >= {minimum}; got {value}") if allow_equal_min
                   else _("{name} must be > {minimum}; got {value}"))
        raise InputError(message.format(name=name, minimum=_number(minimum),
                                         value=_number(result)))
    if maximum is not None and (result > maximum or (result == maximum and not allow_equal_max)):
        message = (_("{name} must be <= {maximum}; got {value}") if allow_equal_max
                   else _("{name} must be < {maximum}; got {value}"))
        raise InputError(message.format(name=name, maximum=_number(maximum),
                                         value=_number(result)))
    return result


def _real_array(array: np.ndarray, name: str) -> np.ndarray:
    """Convert an object array of real numbers (Fractions, Decimals...) to float."""
    if array.dtype == object and array.size and all(
            isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))
            for v in array.ravel()):
        try:
            return array.astype(float)
        except OverflowError:   # e.g. 10**400: too large for a float
            raise InputError(_("{name} must contain numbers small enough for a float (below "
                               "about 1.8e308); got {value}").format(
                                   name=name, value=short_repr(array.tolist()))) from None
    return array


def check_payoff_matrix(value: object, name: str) -> np.ndarray:
    """Return ``value`` as a finite 2-D float array of payoffs, or raise naming ``name``.

    Examples
    --------
    >>> check_payoff_matrix([[3, 1], [4, 2]], "A").shape
    (2, 2)
    >>> check_payoff_matrix([[3, 1], [4]], "A")
    Traceback (most recent call last):
    ...
    alliances.InputError: A must be a rectangular 2-D table of numbers; got rows of lengths [2, 1]
    """
    _check_rows(value, name)
    array = _numeric_array(value, name)
    _check_game_shape(array, name)
    array = array.astype(float)
    if not np.all(np.isfinite(array)):
        raise InputError(_("{name} must contain only finite numbers (no NaN or infinity); got "
                           "{value}").format(name=name, value=short_repr(array.tolist())))
    return array


def _check_rows(value: object, name: str) -> None:
    """Refuse what is not a table, and a list of rows of different lengths."""
    if value is None or isinstance(value, (str, bytes, dict, set)):
        raise InputError(_("{name} must be a 2-D table of numbers (a list of rows or a numpy "
                           "array); got {kind} {value}").format(
                               name=name, kind=type(value).__name__, value=short_repr(value)))
    if isinstance(value, Sequence) and not isinstance(value, np.ndarray):
        rows = list(value)
        if rows and all(isinstance(row, Sequence) and not isinstance(row, (str, bytes))
                        for row in rows):
            lengths = [len(row) for row in rows]
            if len(set(lengths)) > 1:
                raise InputError(_("{name} must be a rectangular 2-D table of numbers; got "
                                   "rows of lengths {lengths}").format(name=name, lengths=lengths))


def _numeric_array(value: object, name: str) -> np.ndarray:
    """``value`` as a numeric array of payoffs, or raise naming ``name``."""
    try:
        array = np.asarray(value)
    except (ValueError, TypeError) as error:
        raise InputError(_("{name} must be a rectangular 2-D table of numbers; got {value}")
                         .format(name=name, value=short_repr(value))) from error
    array = _real_array(array, name)
    if array.dtype == bool or array.dtype.kind not in "iuf":
        raise InputError(_("{name} must contain only numbers; got entries of type {dtype} in "
                           "{value}").format(name=name, dtype=array.dtype,
                                             value=short_repr(value)))
    return array


def _check_game_shape(array: np.ndarray, name: str) -> None:
    """Refuse a table that is not 2-D, is empty or is too large for the exact solver."""
    if array.ndim != 2:
        raise InputError(_("{name} must be 2-D (rows = the row player's strategies, columns = "
                           "the column player's); got {ndim}-D with shape {shape}").format(
                               name=name, ndim=array.ndim, shape=array.shape))
    if array.size == 0:
        raise InputError(_("{name} must have at least one row and one column; got shape "
                           "{shape}").format(name=name, shape=array.shape))
    if max(array.shape) > MAX_STRATEGIES:
        raise InputError(_("{name} may have at most {limit} strategies per player: all "
                           "equilibria must be found within about 1 s, and the slowest {size} x "
                           "{size} game we timed took {seconds} s; got shape {shape}").format(
                               name=name, limit=MAX_STRATEGIES, size=MAX_STRATEGIES + 1,
                               seconds=_number(SLOWEST_OVER_LIMIT_SECONDS, "g"),
                               shape=array.shape))


def check_labels(value: object, count: int, name: str) -> tuple[str, ...]:
    """Return ``value`` as a tuple of ``count`` distinct, non-empty strings.

    Examples
    --------
    >>> check_labels(["Abstain", "Ally"], 2, "row_labels")
    ('Abstain', 'Ally')
    >>> check_labels(["Ally", "Ally"], 2, "row_labels")
    Traceback (most recent call last):
    ...
    alliances.InputError: row_labels must be distinct; got ['Ally', 'Ally']
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InputError(_("{name} must be a list of {count} strings; got {kind} {value}")
                         .format(name=name, count=count, kind=type(value).__name__,
                                 value=short_repr(value)))
    labels = list(value)
    if len(labels) != count:
        raise InputError(_("{name} must have {count} entries, one per strategy; got "
                           "{given}: {value}").format(name=name, count=count, given=len(labels),
                                                      value=short_repr(labels)))
    if not all(isinstance(label, str) and label.strip() for label in labels):
        raise InputError(_("{name} must contain non-empty strings; got {value}").format(
            name=name, value=short_repr(labels)))
    if len(set(labels)) != len(labels):
        raise InputError(_("{name} must be distinct; got {value}").format(name=name,
                                                                         value=labels))
    return tuple(labels)


def check_name(value: object, name: str) -> str:
    """Return ``value`` if it is a non-empty string, else raise naming ``name``.

    Examples
    --------
    >>> check_name("United States", "row_name")
    'United States'
    """
    if not isinstance(value, str) or not value.strip():
        raise InputError(_("{name} must be a non-empty string; got {kind} {value}").format(
            name=name, kind=type(value).__name__, value=short_repr(value)))
    return value


def check_probability_vector(value: object, labels: Sequence[str], name: str) -> np.ndarray:
    """Return a mixed strategy as a probability array, or raise naming ``name``.

    ``value`` is either one of ``labels`` (a pure strategy, in any case) or a sequence of
    non-negative numbers, one per strategy, that sums to one.

    Examples
    --------
    >>> check_probability_vector("ally", ("Abstain", "Ally"), "sigma_r")
    array([0., 1.])
    >>> check_probability_vector([0.5, 0.6], ("Abstain", "Ally"), "sigma_r")
    Traceback (most recent call last):
    ...
    alliances.InputError: sigma_r must sum to 1 (a probability for each strategy); got sum 1.1
    """
    count = len(labels)
    if isinstance(value, str):
        index = label_index(value, labels, name)
        vector = np.zeros(count)
        vector[index] = 1.0
        return vector
    if value is None or isinstance(value, (bytes, dict, set)):
        raise InputError(_("{name} must be a strategy label or a list of {count} "
                           "probabilities; got {kind} {value}").format(
                               name=name, count=count, kind=type(value).__name__,
                               value=short_repr(value)))
    try:
        array = np.asarray(value)
    except (ValueError, TypeError) as error:
        raise InputError(_("{name} must be a list of {count} probabilities; got {value}")
                         .format(name=name, count=count, value=short_repr(value))) from error
    array = _real_array(array, name)
    if array.dtype == bool or array.dtype.kind not in "iuf":
        raise InputError(_("{name} must contain numbers; got {value}").format(
            name=name, value=short_repr(value)))
    if array.shape != (count,):
        raise InputError(_("{name} must have {count} probabilities, one for each of "
                           "{labels}; got shape {shape}").format(
                               name=name, count=count, labels=list(labels), shape=array.shape))
    array = array.astype(float)
    if not np.all(np.isfinite(array)):
        raise InputError(_("{name} must contain finite probabilities; got {value}").format(
            name=name, value=array.tolist()))
    if np.any(array < -_PROBABILITY_TOLERANCE):
        raise InputError(_("{name} must contain probabilities between 0 and 1; got {value}")
                         .format(name=name, value=array.tolist()))
    total = float(array.sum())
    if abs(total - 1.0) > 1e-6:
        raise InputError(_("{name} must sum to 1 (a probability for each strategy); got sum "
                           "{total}").format(name=name, total=_number(round(total, 12))))
    return np.clip(array, 0.0, None) / total


def label_index(value: object, labels: Sequence[str], name: str) -> int:
    """Return the index of ``value`` among ``labels``, ignoring case and spaces.

    Examples
    --------
    >>> label_index(" ALLY ", ("Abstain", "Ally"), "strategy")
    1
    >>> label_index("Defect", ("Abstain", "Ally"), "strategy")
    Traceback (most recent call last):
    ...
    alliances.InputError: strategy must be one of ['Abstain', 'Ally']; got 'Defect'
    """
    if not isinstance(value, str):
        raise InputError(_("{name} must be a strategy label (one of {labels}); got {kind} "
                           "{value}").format(name=name, labels=list(labels),
                                             kind=type(value).__name__, value=short_repr(value)))
    wanted = value.strip().casefold()
    for index, label in enumerate(labels):
        if label.casefold() == wanted:
            return index
    raise InputError(_("{name} must be one of {labels}; got {value}").format(
        name=name, labels=list(labels), value=repr(value)))


def check_array(value: object, name: str) -> np.ndarray:
    """``value`` as a float array (a number or a rectangular table of numbers).

    Examples
    --------
    >>> check_array([[1, 2], [3, 4]], "payoffs").shape
    (2, 2)
    >>> check_array("abc", "payoffs")
    Traceback (most recent call last):
    ...
    alliances.InputError: payoffs must be numbers; got 'abc'
    """
    if isinstance(value, (str, bytes, bool)) or value is None:
        raise InputError(_("{name} must be numbers; got {value}").format(
            name=name, value=format(repr(value), ".80")))
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError) as error:
        raise InputError(_("{name} must be numbers (a number or a rectangular table); got "
                           "{value}").format(name=name,
                                             value=format(repr(value), ".80"))) from error


def check_interval(value: object, name: str) -> tuple[float, float]:
    """``value`` as a pair ``(low, high)`` of real numbers with ``low < high``.

    Examples
    --------
    >>> check_interval((0, 1), "limits")
    (0.0, 1.0)
    >>> check_interval((1, 0), "limits")
    Traceback (most recent call last):
    ...
    alliances.InputError: limits must have low < high; got (1, 0)
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
        raise InputError(_("{name} must be a pair (low, high); got {value}").format(
            name=name, value=repr(value)))
    low, high = (check_real(v, name) for v in value)
    if not low < high:
        raise InputError(_("{name} must have low < high; got {value}").format(
            name=name, value=repr(value)))
    return low, high


def check_codes(codes: object, name: str) -> list[str]:
    """``codes`` as a list of country codes (ISO3 text), such as ``["POL", "EST"]``.

    Examples
    --------
    >>> check_codes(("POL", "EST"), "codes")
    ['POL', 'EST']
    >>> check_codes("POL", "codes")
    Traceback (most recent call last):
    ...
    alliances.InputError: codes must be a list of ISO3 codes such as ['POL', 'EST']; got 'POL'
    """
    if isinstance(codes, (str, bytes)) or not isinstance(codes, Sequence) or not all(
            isinstance(c, str) for c in codes):
        raise InputError(_("{name} must be a list of ISO3 codes such as ['POL', 'EST']; got "
                           "{value}").format(name=name, value=short_repr(codes)))
    return list(codes)

