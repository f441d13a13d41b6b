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
from typing import Any, Callable, Mapping, Sequence

__all__ = ["run_notebook", "scrub", "notebook_paths", "parameter_names", "run_series", "series_table", "SeriesError"]

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
    keep_failed: bool = False,
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
    keep_failed : bool
        If a cell fails, still write the notebook executed so far (with the error) to
        ``output`` before raising (default: write nothing).

    Returns
    -------
    Path
        The executed notebook.

    Raises
    ------
    papermill.exceptions.PapermillExecutionError
        If a cell raises.
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
        _finish(tmp, output)
    except pm.PapermillExecutionError:
        if keep_failed and os.path.getsize(tmp):
            _finish(tmp, output)
        raise
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
        for k, v in env_backup.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return output


def parameter_names(path: str | Path) -> list[str]:
    """Names assigned in a notebook's ``parameters`` cell, in order.

    Examples
    --------
    >>> import json, tempfile, os
    >>> nb = {"cells": [{"cell_type": "code", "metadata": {"tags": ["parameters"]},
    ...                  "source": ["ARTICLE = 'a.txt'\\n", "FIG_DIR = 'figs'\\n"], "outputs": []}]}
    >>> p = os.path.join(tempfile.mkdtemp(), "01-x.ipynb")
    >>> _ = open(p, "w").write(json.dumps(nb))
    >>> parameter_names(p)
    ['ARTICLE', 'FIG_DIR']
    """
    import ast

    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    names: list[str] = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            tree = ast.parse("".join(source) if isinstance(source, list) else source)
            for node in tree.body:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                    node, ast.AnnAssign) else []
                for t in targets:
                    if isinstance(t, ast.Name) and t.id not in names:
                        names.append(t.id)
            break
    return names


def series_table(folder: str | Path) -> "Any":
    """The numbered notebooks of a folder with the question each answers.

    Parameters
    ----------
    folder : path
        A folder of ``NN-slug.ipynb`` notebooks.

    Returns
    -------
    pandas.DataFrame
        ``number, notebook, title, question`` — read from each notebook's first
        (markdown) cell: the ``# title`` line and the text after ``**Question**``.

    Examples
    --------
    >>> import tempfile
    >>> series_table(tempfile.mkdtemp()).columns.tolist()
    ['number', 'notebook', 'title', 'question']
    """
    import re

    import pandas as pd

    rows = []
    for p in notebook_paths(folder):
        nb = json.loads(p.read_text(encoding="utf-8"))
        first = nb["cells"][0] if nb.get("cells") else {"source": ""}
        text = "".join(first.get("source", ""))
        title = next((line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")), p.stem)
        m = re.search(r"\*\*Question\*\*:?\s*(.+?)(?:\n\s*\n|\n\s*[-*]?\s*\*\*|$)", text, flags=re.S)
        question = " ".join(m.group(1).split()).lstrip(":").strip() if m else ""
        rows.append({"number": p.name[:2], "notebook": p.name, "title": title, "question": question})
    return pd.DataFrame(rows, columns=["number", "notebook", "title", "question"])


class SeriesError(RuntimeError):
    """Some notebooks of a series failed; the others ran.

    Attributes
    ----------
    failures : list of (notebook name, one-line error)
    written : list of Path
        Everything that was written, failed notebooks included (with their error).
    """

    def __init__(self, failures: list[tuple[str, str]], written: list[Path]) -> None:
        self.failures = failures
        self.written = written
        lines = "; ".join(f"{name}: {err}" for name, err in failures)
        super().__init__(f"{len(failures)} notebook(s) failed (the executed notebook shows where): {lines}")


def run_series(
    article: str | Path,
    *,
    out: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    only: Sequence[str] | None = None,
    report: bool = True,
    timeout: int = 1200,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Run the numbered notebook series on one article, into its own folder.

    Each notebook about one article (its ``parameters`` cell declares ``ARTICLE``) is
    executed with ``ARTICLE`` set to the article and ``FIG_DIR`` to ``<out>/figures``;
    the executed notebooks go to ``<out>/NN-slug.ipynb`` and the annotated page to
    ``<out>/<article-id>.html``. Notebooks without an ``ARTICLE`` parameter (e.g. a
    corpus notebook) are not about one article and are skipped. The committed
    notebooks and ``reports/figures`` are never written.

    Parameters
    ----------
    article : path
        An article file (.txt, .md or .html) anywhere.
    out : path, optional
        Output folder (default ``reports/<article-id>``).
    notebooks_dir : path, optional
        Folder of the numbered notebooks (default the project's ``notebooks/``).
    only : sequence of str, optional
        Two-digit numbers of the notebooks to run (default: all).
    report : bool
        Also write the HTML page.
    timeout : int
        Seconds allowed per cell.
    progress : callable, optional
        Called with a one-line message before each step (the CLI prints them).

    Returns
    -------
    list of Path
        The files written: executed notebooks, then the page.

    Raises
    ------
    newsframe.errors.IngestError
        If the article cannot be read (checked before any notebook runs).
    SeriesError
        If notebooks failed: the others still ran (and the page was written); each
        failed notebook is written with its error.
    ValueError
        If ``only`` names no notebook, or ``out`` would overwrite the committed
        notebooks or ``reports/figures``.
    """
    from newsframe.ingest import load_article
    from newsframe.paths import figures_dir, project_root, reports_dir

    article = Path(article).resolve()
    art = load_article(article)
    nb_dir = Path(notebooks_dir).resolve() if notebooks_dir is not None else project_root() / "notebooks"
    out_dir = (Path(out) if out is not None else reports_dir() / art.id).resolve()
    fig_dir = out_dir / "figures"
    if out_dir in (nb_dir.resolve(), figures_dir().resolve(), reports_dir().resolve()) or \
            fig_dir == figures_dir().resolve():
        raise ValueError(f"--out {out_dir} would overwrite the committed notebooks or figures; "
                         "choose a folder of its own, e.g. reports/<article-id>")
    paths = notebook_paths(nb_dir)
    if only:
        wanted = {str(n).zfill(2) for n in only}
        paths = [p for p in paths if p.name[:2] in wanted]
        if not paths:
            raise ValueError(f"no notebook numbered {', '.join(sorted(wanted))} in {nb_dir}; "
                             f"valid: {', '.join(p.name[:2] for p in notebook_paths(nb_dir))}")
    if not paths:
        raise ValueError(f"no numbered notebooks (NN-slug.ipynb) in {nb_dir}")
    import papermill as pm

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    failures: list[tuple[str, str]] = []
    for p in paths:
        declared = parameter_names(p)
        if "ARTICLE" not in declared:
            if progress:
                progress(f"skipping {p.name}: it has no ARTICLE parameter (not about one article)")
            continue
        params: dict[str, Any] = {"ARTICLE": os.path.relpath(article, p.parent)}
        if "FIG_DIR" in declared:
            params["FIG_DIR"] = os.path.relpath(fig_dir, p.parent)
        if progress:
            progress(f"executing {p.name} on {art.id}")
        try:
            written.append(run_notebook(p, out_dir / p.name, parameters=params, cwd=p.parent, timeout=timeout,
                                        keep_failed=True))
        except pm.PapermillExecutionError as exc:
            first = (str(exc.evalue).splitlines() or [""])[0][:200]
            failures.append((p.name, f"{exc.ename}: {first} (cell {exc.exec_count})"))
            if (out_dir / p.name).exists():
                written.append(out_dir / p.name)
            if progress:
                progress(f"FAILED {p.name}: {exc.ename}: {first}")
    if report:
        from newsframe.report import write_report

        if progress:
            progress(f"writing {art.id}.html")
        written.append(write_report(art, out_dir / f"{art.id}.html"))
    if failures:
        raise SeriesError(failures, written)
    return written


def _finish(tmp: str, output: Path) -> None:
    nb = json.loads(Path(tmp).read_text(encoding="utf-8"))
    scrub(nb)
    Path(tmp).write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, output)


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
