"""The type hints of the package and of the benchmark scripts hold: mypy (pinned in
requirements.txt) finds no error.

Configuration in pyproject.toml ([tool.mypy]). Third-party packages without type
information are treated as untyped (``ignore_missing_imports``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_type_error(tmp_path):
    api = pytest.importorskip("mypy.api", reason="mypy is not installed (it is pinned in requirements.txt)")
    out, err, status = api.run([
        str(ROOT / "src" / "newsframe"), str(ROOT / "benchmarks"), "--config-file", str(ROOT / "pyproject.toml"),
        "--cache-dir", str(tmp_path / "mypy-cache"), "--no-error-summary", "--hide-error-context",
    ])
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 0 and not errors, "\n".join(errors or [out, err])
