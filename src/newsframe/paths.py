"""Where things live: the project folders and the package's resource files.

The project folders are found from the current working directory upwards (the first
folder holding ``pyproject.toml`` and ``data/raw``), so notebooks run from
``notebooks/`` and scripts run from the top both find them; ``NEWSFRAME_ROOT`` overrides.

>>> resource_path("stopwords_en.txt").name
'stopwords_en.txt'
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["project_root", "raw_dir", "processed_dir", "figures_dir", "reports_dir", "resource_path"]


def project_root(start: str | Path | None = None) -> Path:
    """Return the project's top folder.

    Parameters
    ----------
    start : path, optional
        Where to start looking (default: the current working directory).

    Returns
    -------
    Path
        ``$NEWSFRAME_ROOT`` if set, else the nearest ancestor of ``start`` holding
        ``pyproject.toml`` and ``data/raw``, else ``start`` itself.

    Examples
    --------
    >>> project_root("/").is_dir()
    True
    """
    env = os.environ.get("NEWSFRAME_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "data" / "raw").is_dir():
            return folder
    return here


def raw_dir(root: str | Path | None = None) -> Path:
    """``data/raw/`` — read-only input articles (code never writes here)."""
    return project_root(root) / "data" / "raw"


def processed_dir(root: str | Path | None = None) -> Path:
    """``data/processed/`` — derived, git-ignored, rebuildable tables."""
    return project_root(root) / "data" / "processed"


def reports_dir(root: str | Path | None = None) -> Path:
    """``reports/`` — generated pages and executed notebooks for other articles."""
    return project_root(root) / "reports"


def figures_dir(root: str | Path | None = None) -> Path:
    """``reports/figures/`` — every figure a reader sees."""
    return reports_dir(root) / "figures"


def resource_path(name: str) -> Path:
    """Path of a file shipped in ``newsframe/resources/`` (stop words, codebooks…).

    Raises
    ------
    FileNotFoundError
        If no such resource ships with the package.
    """
    path = Path(str(resources.files("newsframe") / "resources" / name))
    if not path.exists():
        raise FileNotFoundError(f"newsframe ships no resource named {name!r} (looked in {path.parent})")
    return path
