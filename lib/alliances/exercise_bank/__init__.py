"""The questions of the course, one module per notebook (``nbNN.py``).

Each module defines ``QUESTIONS``, a list of :class:`alliances.exercises.Question`;
:func:`alliances.exercises.check` finds them by id.
"""
