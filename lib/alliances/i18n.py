"""The course's two languages: English (the source) and Indonesian (*Bahasa Indonesia*).

Every string a student sees from the library (a widget's label, a figure's title, a
``check`` message, an error message) is written in English and marked with :func:`_`;
``python -m course i18n`` extracts the marked strings into gettext templates, updates the
Indonesian catalogs in ``locale/id/LC_MESSAGES/`` and compiles them into this package
(``alliances/locale/id/LC_MESSAGES/*.mo``). At run time :func:`_` looks a string up in the
compiled catalogs of the current language and falls back to the English.

The language is English unless the environment variable ``ALLIANCES_LANG`` says ``id``
or a notebook calls :func:`set_language` (the Indonesian notebooks do, in their first
cell). Numbers shown to a reader go through :func:`number` and :func:`percent`, which
write a decimal comma in Indonesian ("2,5 %") and a decimal point in English ("2.5%").

Examples
--------
>>> with language("id"):
...     number(2.5, ".1f"), percent(2.5, 1), number(1234567, ",.0f")
('2,5', '2,5 %', '1.234.567')
>>> number(2.5, ".1f"), percent(2.5, 1)
('2.5', '2.5%')
"""

from __future__ import annotations

import gettext
import numbers
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from ._validation import InputError, short_repr

#: The languages of the course: code and name, as the language menu shows them.
LANGUAGES = {"en": "English", "id": "Bahasa Indonesia"}
#: Where the compiled catalogs live, one ``<domain>.mo`` per room of the library.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_state = {"language": None}


def _check_language(code: object) -> str:
    if not isinstance(code, str) or code.strip().lower() not in LANGUAGES:
        choices = ", ".join(f"{c!r} ({name})" for c, name in LANGUAGES.items())
        raise InputError(_("code: the language must be one of {choices}, not {given}").format(
            choices=choices, given=short_repr(code)))
    return code.strip().lower()


def get_language() -> str:
    """The current language code: ``"en"`` or ``"id"``.

    >>> get_language() in LANGUAGES
    True
    """
    if _state["language"] is None:
        wanted = os.environ.get("ALLIANCES_LANG", "en").strip().lower() or "en"
        _state["language"] = wanted if wanted in LANGUAGES else "en"
    return _state["language"]


def set_language(code: str) -> str:
    """Show the library's labels, messages and numbers in ``code`` (``"en"`` or ``"id"``).

    Returns the language set. A widget already on screen keeps its labels; the ones made
    after the call, and every message and figure, use the new language.

    >>> set_language("id"); _("Reset"); set_language("en")
    'id'
    'Atur ulang'
    'en'
    >>> set_language("fr")
    Traceback (most recent call last):
    ...
    alliances.InputError: code: the language must be one of 'en' (English), 'id' (Bahasa Indonesia), not 'fr'
    """
    _state["language"] = _check_language(code)
    return _state["language"]


@contextmanager
def language(code: str) -> Iterator[str]:
    """Use ``code`` inside a ``with`` block, then go back to the language before it.

    >>> with language("id") as code:
    ...     code, percent(12.5, 1)
    ('id', '12,5 %')
    >>> get_language()
    'en'
    """
    before = get_language()
    set_language(code)
    try:
        yield get_language()
    finally:
        _state["language"] = before


@cache
def _catalog(code: str) -> dict[str, str]:
    """Every translated string of ``code``, from all the compiled catalogs of the package."""
    merged: dict[str, str] = {}
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    for path in sorted(folder.glob("*.mo")) if folder.is_dir() else []:
        with path.open("rb") as handle:
            translations = gettext.GNUTranslations(handle)
        merged.update({key: value for key, value in translations._catalog.items()
                       if isinstance(key, str) and key and value})
    return merged


def _(message: str) -> str:
    """``message`` in the current language (the English itself when there is no translation).

    Mark every string a student sees with it, at the place where it is shown: ``_("Reset")``.
    For a string with values, translate the pattern and fill it in afterwards:
    ``_("{n} equilibria").format(n=3)``, never ``_(f"{n} equilibria")``.
    """
    if get_language() == "en":
        return message
    return _catalog(get_language()).get(message, message)


@cache
def _reverse(code: str) -> dict[str, str]:
    """Translation (case-folded, spaces folded) -> the English it translates."""
    found: dict[str, str] = {}
    for english, translated in _catalog(code).items():
        found.setdefault(" ".join(translated.casefold().split()), english)
    return found


def english(text: str) -> str:
    """The English of ``text`` if it is a translation in the current language, else ``text``:
    a label a student types in Indonesian ("Mendukung") is read as the English the checks
    and the models use ("Support").

    >>> english("Mendukung")
    'Mendukung'
    >>> with language("id"):
    ...     english("mendukung"), english("Support")
    ('Support', 'Support')
    """
    if get_language() == "en" or not isinstance(text, str):
        return text
    return _reverse(get_language()).get(" ".join(text.casefold().split()), text)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (a module-level constant,
    translated with :func:`_` where it is shown).

    >>> RESET = N_("Reset")
    >>> with language("id"):
    ...     RESET, _(RESET)
    ('Reset', 'Atur ulang')
    """
    return message


def number(value: float, spec: str = "") -> str:
    """``value`` formatted with ``spec`` (as :func:`format`), with the current language's
    decimal and thousands separators.

    >>> number(0.125, ".3f"), number(12000, ",")
    ('0.125', '12,000')
    >>> with language("id"):
    ...     number(0.125, ".3f"), number(3.5, "+.1f")
    ('0,125', '+3,5')
    """
    if not isinstance(value, numbers.Real):
        raise InputError(_("value must be a number, not {given}").format(given=short_repr(value)))
    if not isinstance(spec, str):
        raise InputError(_("spec must be a format such as '.2f', not {given}").format(
            given=short_repr(spec)))
    try:
        text = format(value, spec)
    except ValueError:
        raise InputError(_("spec {spec!r} is not a format for the number {value}").format(
            spec=spec, value=short_repr(value))) from None
    if get_language() == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(value: float, digits: int = 1) -> str:
    """``value`` (already in percent) with ``digits`` decimals and the percent sign as the
    current language writes it: ``2.5%`` in English, ``2,5 %`` in Indonesian.

    >>> percent(2.0, 0), percent(1.234, 2)
    ('2%', '1.23%')
    """
    if isinstance(digits, bool) or not isinstance(digits, numbers.Integral) \
            or not 0 <= digits <= 15:
        raise InputError(_("digits must be a whole number from 0 to 15, not {given}").format(
            given=short_repr(digits)))
    text = number(value, f".{int(digits)}f")
    return f"{text} %" if get_language() == "id" else f"{text}%"
