"""Settings shared by the test suite.

* matplotlib draws with the headless Agg backend, so tests run without a display (in
  the test process; notebook kernels keep their own inline backend).
* hypothesis runs derandomized (the same examples on every run), without a deadline (CI
  machines are slow and shared) and without an example database in the repository, so a
  test run is reproducible: the same code passes or fails the same way every time.
  ``HYPOTHESIS_PROFILE=explore`` draws fresh random examples instead, for a deeper search.
"""

from __future__ import annotations

import os

import matplotlib
from hypothesis import settings

# In this process only: setting MPLBACKEND instead would leak into the Jupyter kernels
# that nbval starts and change the notebooks' stored figure outputs.
matplotlib.use("Agg")

settings.register_profile("alliances", derandomize=True, deadline=None, database=None,
                          print_blob=True)
settings.register_profile("explore", deadline=None, database=None, max_examples=1000,
                          print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "alliances"))
