"""Shared test configuration.

Hypothesis profiles (choose with ``GOVINFO_HYPOTHESIS_PROFILE``):

- ``ci`` (default): fast, so the whole suite stays well under 10 minutes on 2 cores;
- ``thorough``: at least 2,000 examples per property, no deadline (see docs/testing.md);
- ``dev``: a handful of examples while editing;
- ``fuzz``: 20,000 examples per test, for a long run of ``tests/fuzz/`` (see docs/testing.md).

Failing examples are kept in the local example database (``.hypothesis/``) and replayed first.

The corpus lives outside the repository, in ``../shared/`` next to the checkout.  Tests that
need it use the ``shared_dir`` fixture: it skips with a clear reason where the corpus is absent
(a user's fresh clone) and fails under CI (``CI=true``), where the corpus must be present.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import govinfo_parse

# whole generated reports are large inputs by nature: the data_too_large health check is noise here
# ci is derandomized: every CI run tries the same examples, so a red build is reproducible;
# the thorough profile explores with fresh randomness (see docs/testing.md)
settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], print_blob=True,
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], print_blob=True,
)
settings.register_profile("dev", max_examples=10, deadline=None)
# the long fuzz run (tests/fuzz/, docs/testing.md "Fuzzing"): many examples, fresh randomness
settings.register_profile(
    "fuzz", max_examples=20000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], print_blob=True,
)
settings.load_profile(os.environ.get("GOVINFO_HYPOTHESIS_PROFILE", "ci"))

# Hypothesis also draws "local constants": numbers and strings it harvests from every module of
# the project that is imported when a test starts (hypothesis.internal.conjecture.providers).  So
# even a derandomized test draws other examples when other modules happen to be imported — after
# other tests ran, or alone — and a failure of the full suite did not reproduce with the file
# alone (issue 14, drop_label).  Importing the whole package here makes the pool, and so the
# examples, the same whichever tests run.
for _mod in pkgutil.walk_packages(govinfo_parse.__path__, "govinfo_parse."):
    importlib.import_module(_mod.name)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def require_shared() -> Path:
    """The ``../shared`` directory, or skip (fail under CI) when it is absent."""
    if (SHARED / "corpus").is_dir():
        return SHARED
    reason = f"the shared corpus is not at {SHARED} (it sits next to the checkout in development)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "seeds"


@pytest.fixture(scope="session")
def real_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "real"


SEEDS = {
    "000_0a0c8e52524dd181.txt": ("2019", 2020),
    "001_b1863d7a49c54e5a.txt": ("legacy", 2013),
    "002_3b71651eefda0d57.txt": ("2019", 2020),
    "003_b7caf00a3cd44191.txt": ("2019", 2019),
    "004_e66a2b34805dc888.txt": ("2021", 2022),
}
"""The five seed reports with the format and year the issue requires of them."""
