"""Settings shared by the test suite.

* matplotlib draws with the headless Agg backend, so tests run without a display (in
  the test process; notebook kernels keep their own inline backend).
* hypothesis runs derandomized (the same examples on every run), without a deadline (CI
  machines are slow and shared) and without an example database in the repository, so a
  test run is reproducible: the same code passes or fails the same way every time.
  ``HYPOTHESIS_PROFILE=explore`` draws fresh random examples instead, for a deeper search.
* for the same reason, the equilibrium listing's time budget (one second of wall-clock
  time, ``alliances.models.equilibria.TIME_BUDGET``) is lifted: in a CI run a worker paused
  for over a second (two workers, JupyterLab and Chromium on two cores) and the budget
  stopped a 3 x 2 game that takes about 1 ms. The tests of the budget itself pass their
  own (``time_budget=0``) or are marked ``time_budget``, which keeps it.
"""

from __future__ import annotations

import os

import matplotlib
import pytest
from hypothesis import settings

# In this process only: setting MPLBACKEND instead would leak into the Jupyter kernels
# that nbval starts and change the notebooks' stored figure outputs.
matplotlib.use("Agg")

settings.register_profile("alliances", derandomize=True, deadline=None, database=None,
                          print_blob=True)
settings.register_profile("explore", deadline=None, database=None, max_examples=1000,
                          print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "alliances"))


@pytest.fixture(autouse=True)
def _no_wall_clock_budget(request, monkeypatch):
    """No equilibrium listing stops for time, unless the test is marked ``time_budget``."""
    if "time_budget" not in request.keywords:
        from alliances.models import equilibria

        monkeypatch.setattr(equilibria, "TIME_BUDGET", None)
