"""The questions of the course, one module per notebook (``nbNN.py``).

Each module defines ``QUESTIONS``, a list of :class:`alliances.coursework.exercises.Question`;
:func:`alliances.coursework.exercises.check` finds them by id.
"""
