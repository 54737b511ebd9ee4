"""Settings for every test item, the library's doctests included (tests/conftest.py holds
those of the test suite proper).

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
