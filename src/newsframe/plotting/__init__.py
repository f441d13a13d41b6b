"""Figures: one theme, colour-blind palettes, and byte-for-byte reproducible PNGs.

Plot functions take tidy data, return the matplotlib ``Axes`` (or ``Figure``) and never
compute statistics or read files; :func:`savefig` is the only writer. They live in one
submodule per topic (``newsframe.plotting.sentiment``, ``.framing``, ``.voices``,
``.keywords``, ``.article``), all named ``plot_*``.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> set_theme()
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.plot([0, 1], [0, 1])
>>> import tempfile
>>> path = savefig(fig, "00-demo--line", fig_dir=tempfile.mkdtemp())
>>> path.name
'00-demo--line.png'
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["set_theme", "savefig", "DPI", "DIVERGING", "SENTIMENT_COLORS"]

#: Resolution of every saved figure.
DPI = 120
#: Diverging palette for scores centred on 0 (sentiment): colour-blind safe.
DIVERGING = "vlag_r"
#: Fixed colours for sentiment labels (colour-blind palette: blue, grey, orange).
SENTIMENT_COLORS = {"negative": "#d55e00", "neutral": "#9e9e9e", "positive": "#0072b2"}

_NAME = re.compile(r"^\d{2}-[a-z0-9-]+--[a-z0-9-]+$")


def set_theme(*, context: str = "notebook", font_scale: float = 1.0) -> None:
    """Apply the project theme: seaborn ``ticks`` style, ``colorblind`` palette, fixed fonts.

    Uses matplotlib's bundled DejaVu Sans, a fixed dpi and a fixed SVG hash salt so
    that figures are identical across runs and machines with the pinned versions.
    """
    import matplotlib as mpl
    import seaborn as sns

    sns.set_theme(context=context, style="ticks", palette="colorblind", font="DejaVu Sans", font_scale=font_scale)
    mpl.rcParams.update(
        {
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "svg.hashsalt": "newsframe",
            "font.family": "DejaVu Sans",
            "axes.titleweight": "bold",
            "axes.spines.right": False,
            "axes.spines.top": False,
            "figure.autolayout": False,
            "path.simplify": True,
        }
    )


def savefig(fig: Any, name: str, *, fig_dir: str | Path | None = None, close: bool = False) -> Path:
    """Write ``fig`` to ``<fig_dir>/<name>.png`` atomically, with no volatile metadata.

    Parameters
    ----------
    fig : matplotlib Figure (or seaborn FacetGrid/JointGrid, whose ``.figure`` is used)
    name : str
        ``NN-slug--what`` (two-digit notebook number, notebook slug, what it shows).
    fig_dir : path, optional
        Default: the project's ``reports/figures/``.
    close : bool
        Close the figure after saving (default False, so a notebook still shows it).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValueError
        If ``name`` is not of the form ``NN-slug--what``.
    """
    import matplotlib.pyplot as plt

    from newsframe.paths import figures_dir

    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r} must look like 'NN-slug--what' (lower case, digits, hyphens)")
    fig = getattr(fig, "figure", fig)
    out_dir = Path(fig_dir) if fig_dir is not None else figures_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.png"
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".png", dir=out_dir)
    os.close(fd)
    try:
        fig.savefig(tmp, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
        os.chmod(tmp, 0o644)  # mkstemp makes 0600 files
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    if close:
        plt.close(fig)
    return target


def check_table(name: str, table: Any, columns: Any, *, allow_empty: bool = False, allow_none: bool = False) -> Any:
    """Validate the tidy table a plot function receives (shared by every ``plotting`` submodule).

    With ``allow_none``, ``None`` (a panel whose analysis is not available) passes
    through as ``None``.

    Raises
    ------
    TypeError
        If ``table`` is not a pandas DataFrame (or None with ``allow_none``).
    ValueError
        If it lacks one of ``columns``, or is empty (unless ``allow_empty``).

    Examples
    --------
    >>> import pandas as pd
    >>> check_table("t", pd.DataFrame({"a": [1]}), ["a"]).shape
    (1, 1)
    >>> check_table("t", None, ["a"], allow_none=True) is None
    True
    """
    import pandas as pd

    if table is None and allow_none:
        return None
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame{' or None' if allow_none else ''}, "
                        f"not {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{name} lacks columns {missing}; it needs {list(columns)}")
    if table.empty and not allow_empty:
        raise ValueError(f"{name} is empty: nothing to plot")
    return table


def new_axes(ax: Any, figsize: tuple[float, float]) -> Any:
    """Return ``ax`` if given, else the Axes of a new figure of ``figsize`` inches."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax
