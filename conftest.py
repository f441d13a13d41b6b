"""Root pytest configuration: applies to the tests and to the doctests under src/."""
from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Close the figures a test or doctest opened (pyplot keeps them alive otherwise)."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(autouse=True)
def _doctest_temp_dirs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a doctest's ``tempfile.mkdtemp()`` folders inside pytest's own temporary folder.

    The docstring examples write files where a reader can copy them (``tempfile.mkdtemp()``);
    under pytest they land in the test's ``tmp_path``, which pytest cleans up, instead of
    piling up in the system's temporary folder.
    """
    if isinstance(request.node, pytest.DoctestItem):
        monkeypatch.setattr(tempfile, "tempdir", str(request.getfixturevalue("tmp_path")))
