"""Reading a student's answer: numbers, labels and outcomes in the spellings students use.

A private helper module of :mod:`alliances.coursework.exercises`: it accepts fractions or
decimals ("1/2", "0.5", "50%"), labels in any case and spacing, and outcomes written as
"(Stag, Stag)", "Stag and Stag" or a pair; and it writes a number back as a reader wants it.

Examples
--------
>>> parse_number("1/2"), parse_number("50%")
(Fraction(1, 2), 0.5)
>>> parse_outcomes("(Stag, Stag), (Hare, Hare)") == {("stag", "stag"), ("hare", "hare")}
True
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from alliances.i18n import _, english, get_language

__all__ = ["normalise_label", "parse_number", "read_number", "parse_outcome", "parse_outcomes",
           "show_number"]


def normalise_label(text: str) -> str:
    """A label as the checks compare it: case and spaces folded, and a translation read as
    its English (in Indonesian, "Mendukung" is "Support")."""
    return re.sub(r"\s+", " ", english(text.strip()).casefold())


def parse_number(answer: object) -> Fraction | float:
    value = read_number(answer)
    try:
        finite = math.isfinite(float(value))
    except OverflowError:
        finite = False
    if not finite:
        raise TypeError(_("a finite number is expected (for example 0.5 or '1/2'); got {given}"
                          ).format(given=repr(answer)))
    return value


def _two_whole_numbers(answer: object) -> bool:
    """``answer = 0,5`` typed in Python: the tuple ``(0, 5)``, not a decimal."""
    return (isinstance(answer, tuple) and len(answer) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in answer))


def _decimal_comma(text: str) -> str:
    """"0,5" (and "12,5%") read with a decimal comma, as Indonesian writes it; in English a
    comma before exactly three digits ("1,000") stays a thousands separator.

    >>> _decimal_comma("0,5"), _decimal_comma("12,5%"), _decimal_comma("1,000")
    ('0.5', '12.5%', '1,000')
    """
    if not re.fullmatch(r"[+-]?\d*,\d+%?", text):
        return text
    if get_language() != "id" and re.fullmatch(r"[+-]?\d{1,3},\d{3}%?", text):
        return text
    return text.replace(",", ".")


def read_number(answer: object) -> Fraction | float:
    if isinstance(answer, bool):
        raise TypeError(_("a number is expected (for example 0.5 or '1/2'), not True/False"))
    if isinstance(answer, (int, Fraction)):
        return Fraction(answer)
    if isinstance(answer, float):
        return answer
    if _two_whole_numbers(answer):
        raise TypeError(_("Python reads {given} as two numbers: write the decimal with a point "
                          "(0.5), or in quotes with a comma ('0,5')").format(given=repr(answer)))
    if isinstance(answer, str):
        text = _decimal_comma(answer.strip().replace(" ", ""))
        try:
            if text.endswith("%"):
                return float(text[:-1]) / 100
            return Fraction(text)
        except (ValueError, ZeroDivisionError):
            pass
    try:
        return float(answer)  # numpy scalars
    except (TypeError, ValueError):
        raise TypeError(_("a number is expected (for example 0.5 or '1/2'); got {given}"
                          ).format(given=repr(answer))) from None


def parse_outcome(answer: object) -> tuple[str, str]:
    if isinstance(answer, str):
        parts = [p for p in re.split(r"[(),/;]|\band\b", answer) if p.strip()]
    elif isinstance(answer, (tuple, list)):
        parts = list(answer)
    else:
        raise TypeError(_("an outcome is expected, such as ('Ally', 'Ally'); got {given}"
                          ).format(given=repr(answer)))
    if len(parts) != 2 or not all(isinstance(p, str) for p in parts):
        raise TypeError(_("an outcome names two strategies, the row player's first, such as "
                          "('Ally', 'Ally'); got {given}").format(given=repr(answer)))
    # Quotes are spelling, not part of a label: "[('Stag', 'Stag')]" as text.
    first, second = (part.strip().strip("'\"") for part in parts)
    return normalise_label(first), normalise_label(second)


#: Text that is a whole outcome rather than one label, e.g. "(Stag, Stag)" or "Stag, Stag".
_OUTCOME_TEXT = re.compile(r"[(),/;]|\band\b")


def parse_outcomes(answer: object) -> frozenset[tuple[str, str]]:
    if isinstance(answer, str):
        if normalise_label(answer) in ("", "none", "no equilibrium", "[]"):
            return frozenset()
        found = re.findall(r"\(([^()]*)\)", answer)
        if not found:
            raise TypeError(_("write outcomes in brackets, such as '(Stag, Stag), (Hare, "
                              "Hare)', or as a list of pairs"))
        return frozenset(parse_outcome(f) for f in found)
    if isinstance(answer, (list, tuple, set, frozenset)):
        items = list(answer)
        if len(items) == 2 and all(isinstance(i, str) and not _OUTCOME_TEXT.search(i)
                                   for i in items):
            items = [tuple(items)]   # a single outcome given as a pair
        return frozenset(parse_outcome(item) for item in items)
    raise TypeError(_("a list of outcomes is expected, such as [('Stag', 'Stag')]; got {given}"
                      ).format(given=repr(answer)))


def show_number(value: Fraction | float, tolerance: float) -> str:
    """A number as a reader wants it: '5/8 (0.625)', '3', or a float rounded to its tolerance.

    Examples
    --------
    >>> show_number(0.5555555555555554, 0.005), show_number(Fraction(5, 8), 0.005)
    ('5/9 (0.556)', '5/8 (0.625)')
    >>> show_number(0.27341, 0.0005), show_number(7, 0)
    ('0.2734', '7')
    """
    exact = Fraction(value) if isinstance(value, Fraction) else None
    if exact is None:
        near = Fraction(value).limit_denominator(100)
        if abs(float(near) - value) < 1e-9:
            exact = near
    if exact is not None:
        if exact.denominator == 1:
            return str(exact.numerator)
        return f"{exact} ({float(exact):.3f})".replace("0)", ")").replace("0)", ")")
    digits = 3
    while digits < 12 and abs(round(value, digits) - value) > max(tolerance, 1e-12) / 10:
        digits += 1
    return repr(round(value, digits))
