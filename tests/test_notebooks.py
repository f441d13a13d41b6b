"""Every numbered notebook executes top to bottom, headlessly.

Each runs with its figures redirected to a temporary folder (``FIG_DIR`` parameter), so
the test suite never rewrites ``reports/figures``; ``make reproduce`` does that.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsframe.notebooks import notebook_paths, run_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = notebook_paths(ROOT / "notebooks")


def _parameters(nb_path: Path) -> str:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return "".join(cell["source"])
    return ""


@pytest.mark.notebook
@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_has_structure(nb_path):
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"])
    assert nb["cells"][0]["cell_type"] == "markdown"
    for word in ("Question", "Inputs", "Outputs"):
        assert word in first, f"{nb_path.name}: title cell lacks **{word}**"
    params = _parameters(nb_path)
    assert "FIG_DIR" in params, f"{nb_path.name}: no `parameters` cell with FIG_DIR"
    assert any("Findings" in "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.mark.notebook
@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes(nb_path, tmp_path):
    fig_dir = tmp_path / "figures"
    out = run_notebook(nb_path, tmp_path / nb_path.name, parameters={"FIG_DIR": str(fig_dir)})
    nb = json.loads(out.read_text(encoding="utf-8"))
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    made = sorted(p.name for p in fig_dir.glob("*.png"))
    assert made, f"{nb_path.name} saved no figure"
    prefix = nb_path.name[:2] + "-"
    assert all(name.startswith(prefix) for name in made), made
