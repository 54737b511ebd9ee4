"""Settings for every test item, the library's doctests included (tests/conftest.py holds
those of the test suite proper).

After every test the library's language is English again (see ``_english_after_each_test``).

Doctests of plot functions draw through pyplot, which keeps every figure open until it
is closed; each test closes what it opened, so memory stays flat and matplotlib does not
warn about too many open figures.
"""

from __future__ import annotations

import matplotlib
import pytest

# In this process only (see tests/conftest.py): the doctests draw headless.
matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that switches the library to Indonesian (or a fuzzer that happens to call
    ``set_language("id")``) must not leave the tests after it in Indonesian."""
    yield
    import sys

    if "alliances.i18n" in sys.modules:
        sys.modules["alliances.i18n"].set_language("en")
