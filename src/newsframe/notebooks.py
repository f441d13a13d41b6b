"""Execute the notebook series headlessly and reproducibly.

Notebooks are run with papermill (their ``parameters`` cell can be overridden), then
scrubbed of everything that changes from run to run — execution timestamps,
papermill's timing metadata, kernel start-up noise — so that executing a notebook
twice gives the same bytes and ``git status`` stays clean.

Examples
--------
>>> nb = {"metadata": {"papermill": {"duration": 1.0}}, "cells": [
...     {"cell_type": "code", "metadata": {"execution": {"t": 1}, "papermill": {}, "tags": []},
...      "outputs": [], "source": "1"}]}
>>> scrub(nb)["metadata"], scrub(nb)["cells"][0]["metadata"]
({}, {})
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Mapping

__all__ = ["run_notebook", "scrub", "notebook_paths"]

_VOLATILE_NB_META = ("papermill", "widgets")
_VOLATILE_CELL_META = ("execution", "papermill", "collapsed", "scrolled", "ExecuteTime")


def scrub(nb: dict[str, Any]) -> dict[str, Any]:
    """Remove run-to-run noise from a notebook (in place) and return it."""
    meta = nb.setdefault("metadata", {})
    for key in _VOLATILE_NB_META:
        meta.pop(key, None)
    if "language_info" in meta:
        meta["language_info"] = {"name": meta["language_info"].get("name", "python")}
    for i, cell in enumerate(nb.get("cells", [])):
        if "id" in cell:  # papermill's injected cell gets a random id: number them all
            cell["id"] = f"cell-{i:03d}"
        cm = cell.setdefault("metadata", {})
        for key in _VOLATILE_CELL_META:
            cm.pop(key, None)
        if cm.get("tags") == []:
            cm.pop("tags")
        for out in cell.get("outputs", []) or []:
            out.get("metadata", {}).pop("execution", None)
            # stderr from kernels (e.g. debugger warnings about frozen modules) is noise
        if cell.get("cell_type") == "code":
            cell["outputs"] = [
                o for o in cell.get("outputs", [])
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr"
                        and "frozen modules" in "".join(o.get("text", "")))
            ]
    return nb


def notebook_paths(folder: str | Path) -> list[Path]:
    """The numbered notebooks ``NN-slug.ipynb`` of a folder, in order."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]-*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def run_notebook(
    path: str | Path,
    output: str | Path | None = None,
    *,
    parameters: Mapping[str, Any] | None = None,
    cwd: str | Path | None = None,
    kernel_name: str = "python3",
    timeout: int = 1200,
) -> Path:
    """Execute a notebook with papermill and write it, scrubbed, to ``output``.

    Parameters
    ----------
    path : path
        The notebook to run.
    output : path, optional
        Where to write the executed notebook (default: over ``path``).
    parameters : mapping, optional
        Values for the ``parameters`` cell (papermill injects a cell after it).
    cwd : path, optional
        Working directory of the kernel (default: the notebook's folder).
    kernel_name : str
        Jupyter kernel to use.
    timeout : int
        Seconds allowed per cell.

    Returns
    -------
    Path
        The executed notebook.
    """
    import papermill as pm

    path = Path(path)
    output = Path(output) if output is not None else path
    output.parent.mkdir(parents=True, exist_ok=True)
    env_backup = {k: os.environ.get(k) for k in ("MPLBACKEND", "PYTHONHASHSEED", "PYDEVD_DISABLE_FILE_VALIDATION")}
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    fd, tmp = tempfile.mkstemp(suffix=".ipynb", dir=output.parent, prefix=f".{output.stem}.")
    os.close(fd)
    try:
        pm.execute_notebook(
            str(path),
            tmp,
            parameters=dict(parameters or {}),
            cwd=str(cwd or path.parent),
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            report_mode=False,
        )
        nb = json.loads(Path(tmp).read_text(encoding="utf-8"))
        scrub(nb)
        Path(tmp).write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
        for k, v in env_backup.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return output


def main(argv: list[str] | None = None) -> int:
    """``python -m newsframe.notebooks [FOLDER_OR_NOTEBOOK ...]``: execute notebooks in place, in order."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv) or ["notebooks"]
    paths: list[Path] = []
    for a in args:
        p = Path(a)
        paths.extend(notebook_paths(p) if p.is_dir() else [p])
    for p in paths:
        print(f"executing {p}", flush=True)
        run_notebook(p)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
