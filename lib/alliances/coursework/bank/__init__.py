"""The questions of the course, one module per notebook (``nbNN.py``).

Each module defines ``QUESTIONS``, a list of :class:`alliances.coursework.exercises.Question`;
:func:`alliances.coursework.exercises.check` finds them by id.
:func:`variants_of` finds a notebook's ``VARIANTS`` (its parameterised questions), if any.
"""

import importlib

__all__ = ["variants_of"]


def variants_of(notebook: str):
    """The :class:`~alliances.coursework.exercises.Variants` of a notebook ("03" or
    "03_secondary_dilemma"), or None if it has none.

    Examples
    --------
    >>> sorted(variants_of("03").answers)[:2]
    ['03-crisis-path', '03-interior-cstar']
    >>> variants_of("00") is None
    True
    """
    number = str(notebook)[:2]
    if not number.isdigit():
        raise ValueError(f"notebook must start with its two-digit number; got {notebook!r}")
    try:
        module = importlib.import_module(f"alliances.coursework.bank.nb{number}")
    except ModuleNotFoundError:
        return None
    return getattr(module, "VARIANTS", None)
