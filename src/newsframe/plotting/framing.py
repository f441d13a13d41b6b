"""Frame figures: heatmaps by paragraph or section, prevalence bars, agreement and scores.

Every function takes a tidy table made by :mod:`newsframe.framing` (``*_table()``
methods, :func:`~newsframe.framing.agreement`,
:func:`~newsframe.framing.evaluate_frames`), draws it, and returns the matplotlib
``Axes``; none computes a statistic or reads a file.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from newsframe.framing import score_frames
>>> p = score_frames("Critics attacked the plan.\\n\\nThe plan cost $5 billion.")
>>> ax = plot_frame_heatmap(p.paragraph_table())
>>> ax.get_xlabel()
'frame'
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal, Sequence

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["plot_frame_heatmap", "plot_frame_prevalence", "plot_agreement", "plot_frame_scores"]

_VALUES = ("share", "density", "score", "n_frame_sentences")
_PRESENT_COLOR = "#0072b2"
_ABSENT_COLOR = "#bdbdbd"


def _check_columns(table: "pd.DataFrame", needed: Sequence[str], fn: str) -> None:
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{fn} takes a pandas DataFrame, not {type(table).__name__}")
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise ValueError(f"{fn}: table lacks column(s) {missing}")


def _frame_label(frame: str) -> str:
    return frame.replace("_", " ")


def plot_frame_heatmap(table: "pd.DataFrame", *, value: Literal["share", "density", "score", "n_frame_sentences"] = "share",
                       frame_order: Sequence[str] | None = None, annotate: bool = True, ax: "Axes | None" = None,
                       title: str | None = None, cmap: str = "Blues", vmax: float | None = None) -> "Axes":
    """Heatmap of one frame score by unit (rows: paragraphs or sections; columns: frames).

    Parameters
    ----------
    table : DataFrame
        ``FrameProfile.paragraph_table()`` or ``.section_table()`` (columns ``unit``,
        ``heading``, ``frame``, ``present`` and ``value``).
    value : {"share", "density", "score", "n_frame_sentences"}
        Which score to colour by (default the share of sentences carrying the frame).
    frame_order : sequence of str, optional
        Column order (default: order of first appearance).
    annotate : bool
        Write the value in each cell; cells where the frame is present in the unit are
        marked with ``*`` (so presence is not told by colour alone).
    ax : matplotlib Axes, optional
    title : str, optional
    cmap : str
        A sequential colormap (scores are >= 0).
    vmax : float, optional
        Upper colour limit (default 1 for shares, the maximum otherwise).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from newsframe.framing import score_frames
    >>> ax = plot_frame_heatmap(score_frames("Rivals clashed.\\n\\nPrices rose.").paragraph_table())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['paragraph 0', 'paragraph 1']
    """
    import matplotlib.pyplot as plt
    import numpy as np
    import seaborn as sns

    _check_columns(table, ["unit", "heading", "frame", "present", value] if value in _VALUES else ["unit"],
                   "plot_frame_heatmap")
    if value not in _VALUES:
        raise ValueError(f"value must be one of {', '.join(_VALUES)}, not {value!r}")
    frames = list(frame_order) if frame_order is not None else list(dict.fromkeys(table["frame"]))
    units = list(dict.fromkeys(table["unit"]))
    level = str(table["level"].iloc[0]) if "level" in table.columns and len(table) else "unit"
    heading = table.drop_duplicates("unit").set_index("unit")["heading"]
    labels = []
    for u in units:
        h = heading.get(u)
        if level == "section":
            labels.append(h if isinstance(h, str) and h else "(lead, no subheading)")
        else:
            labels.append(f"{level} {u}")
    grid = table.pivot_table(index="unit", columns="frame", values=value, aggfunc="first", dropna=False)
    grid = grid.reindex(index=units, columns=frames).astype(float)
    present = table.pivot_table(index="unit", columns="frame", values="present", aggfunc="first")
    present = present.reindex(index=units, columns=frames).fillna(False).astype(bool)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.1 * len(frames) + 3.5, 0.36 * len(units) + 1.6))
    top = vmax if vmax is not None else (1.0 if value == "share" else float(np.nanmax(grid.to_numpy())) if grid.size and
                                         not np.all(np.isnan(grid.to_numpy())) else 1.0)
    annot = None
    if annotate:
        fmt = "{:.0f}" if value == "n_frame_sentences" else "{:.2f}"
        annot = np.array([[("" if math.isnan(v) else fmt.format(v)) + ("*" if p else "")
                           for v, p in zip(row_v, row_p)]
                          for row_v, row_p in zip(grid.to_numpy(), present.to_numpy())])
    sns.heatmap(grid, ax=ax, cmap=cmap, vmin=0, vmax=top if top > 0 else 1.0, annot=annot, fmt="",
                linewidths=0.5, linecolor="white", cbar_kws={"label": _value_label(value)},
                annot_kws={"fontsize": 8})
    ax.set_yticks(np.arange(len(units)) + 0.5, labels=labels, rotation=0)
    ax.set_xticks(np.arange(len(frames)) + 0.5, labels=[_frame_label(f) for f in frames], rotation=35, ha="right")
    ax.set_xlabel("frame")
    ax.set_ylabel(level)
    if title:
        ax.set_title(title)
    return ax


def _value_label(value: str) -> str:
    return {
        "share": "share of sentences carrying the frame (0-1)",
        "density": "cue weight per 100 words",
        "score": "frame score (share of sentences, 0-1)",
        "n_frame_sentences": "sentences carrying the frame",
    }[value]


def plot_frame_prevalence(table: "pd.DataFrame", *, ax: "Axes | None" = None, title: str | None = None,
                          frame_order: Sequence[str] | None = None) -> "Axes":
    """Horizontal bars: each frame's article score, filled when the frame is present.

    Parameters
    ----------
    table : DataFrame
        ``FrameProfile.article_table()`` (one or several codebooks concatenated):
        columns ``codebook``, ``frame``, ``score``, ``present``, ``n_frame_sentences``.
    ax : matplotlib Axes, optional
    title : str, optional
    frame_order : sequence of str, optional
        Bar order, top to bottom (default: table order).

    Returns
    -------
    matplotlib.axes.Axes
        Present frames are drawn as solid blue bars, absent ones as grey hatched bars,
        and each bar is labelled with its number of carrying sentences.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from newsframe.framing import score_frames
    >>> ax = plot_frame_prevalence(score_frames("Rivals clashed. Critics attacked.").article_table())
    >>> len(ax.get_yticklabels())
    5
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    _check_columns(table, ["codebook", "frame", "score", "present", "n_frame_sentences"], "plot_frame_prevalence")
    rows = table.copy()
    if frame_order is not None:
        rows = rows.set_index("frame").loc[list(frame_order)].reset_index()
    labels = [f"{_frame_label(f)} ({c})" if rows["codebook"].nunique() > 1 else _frame_label(f)
              for f, c in zip(rows["frame"], rows["codebook"])]
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.38 * len(rows) + 1.3))
    y = list(range(len(rows)))[::-1]
    scores = rows["score"].fillna(0).to_numpy()
    present = rows["present"].astype(bool).to_numpy()
    ax.barh(y, scores, color=[_PRESENT_COLOR if p else _ABSENT_COLOR for p in present],
            hatch=None, edgecolor="white")
    for yi, s, p, k in zip(y, scores, present, rows["n_frame_sentences"]):
        if not p:
            ax.barh([yi], [s], color="none", edgecolor="#636363", hatch="///", linewidth=0)
        ax.text(s + 0.01, yi, f"{int(k)} sentence{'s' if int(k) != 1 else ''}", va="center", fontsize=8)
    ax.set_yticks(y, labels=labels)
    ax.set_xlim(0, max(1e-9, float(scores.max()) if len(scores) else 1.0) * 1.25 + 0.02)
    ax.set_xlabel("share of sentences carrying the frame (0-1)")
    ax.legend(handles=[Patch(color=_PRESENT_COLOR, label="present"),
                       Patch(facecolor=_ABSENT_COLOR, edgecolor="#636363", hatch="///", label="absent")],
              loc="lower right", frameon=False)
    if title:
        ax.set_title(title)
    return ax


def plot_agreement(table: "pd.DataFrame", *, ax: "Axes | None" = None, title: str | None = None) -> "Axes":
    """Dot plot of Cohen's kappa and Krippendorff's alpha per frame (from :func:`agreement`).

    Undefined values (NaN) are written as "n/a" at zero instead of a dot.

    Parameters
    ----------
    table : DataFrame
        ``newsframe.framing.agreement(...)`` output, possibly several concatenated with
        a ``codebook`` column.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from newsframe.framing import agreement
    >>> ax = plot_agreement(agreement({"x": [1, 0, 1]}, {"x": [1, 0, 0]}))
    >>> [float(x) for x in ax.get_xlim()]
    [-1.05, 1.05]
    """
    import matplotlib.pyplot as plt

    _check_columns(table, ["frame", "kappa", "alpha"], "plot_agreement")
    rows = table.reset_index(drop=True)
    labels = [f"{_frame_label(f)} ({c})" if "codebook" in rows.columns else _frame_label(f)
              for f, c in zip(rows["frame"], rows["codebook"] if "codebook" in rows.columns else rows["frame"])]
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.36 * len(rows) + 1.3))
    y = list(range(len(rows)))[::-1]
    ax.axvline(0, color="#9e9e9e", linewidth=0.8)
    for col, marker, color, dy in (("kappa", "o", "#0072b2", 0.12), ("alpha", "s", "#d55e00", -0.12)):
        for yi, v in zip(y, rows[col]):
            if v is None or (isinstance(v, float) and math.isnan(v)):
                ax.text(0.02, yi + dy, "n/a", va="center", fontsize=7, color=color)
            else:
                ax.plot([v], [yi + dy], marker=marker, color=color, linestyle="none")
    ax.plot([], [], "o", color="#0072b2", label="Cohen's kappa")
    ax.plot([], [], "s", color="#d55e00", label="Krippendorff's alpha")
    ax.set_yticks(y, labels=labels)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("agreement with the coder (-1 to 1; 0 = chance)")
    ax.legend(loc="lower left", frameon=False, fontsize=8)
    if title:
        ax.set_title(title)
    return ax


def plot_frame_scores(table: "pd.DataFrame", *, metric: Literal["f1", "precision", "recall"] = "f1",
                      ax: "Axes | None" = None, title: str | None = None) -> "Axes":
    """Bars of a per-frame score (from :func:`~newsframe.framing.evaluate_frames`).

    Parameters
    ----------
    table : DataFrame
        Columns ``frame`` and ``metric``; with a ``method`` column, one bar colour
        (and hatch) per method.
    metric : {"f1", "precision", "recall"}
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from newsframe.framing import evaluate_frames
    >>> ax = plot_frame_scores(evaluate_frames({"x": [1, 0]}, {"x": [1, 1]}))
    >>> ax.get_ylabel()
    'F1 (0-1)'
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    if metric not in ("f1", "precision", "recall"):
        raise ValueError(f"metric must be one of f1, precision, recall, not {metric!r}")
    _check_columns(table, ["frame", metric], "plot_frame_scores")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 3.6))
    data = table.assign(frame_label=table["frame"].map(_frame_label))
    hue = "method" if "method" in table.columns else None
    sns.barplot(data=data, x="frame_label", y=metric, hue=hue, ax=ax,
                order=list(dict.fromkeys(data["frame_label"])),
                hue_order=list(dict.fromkeys(data["method"])) if hue else None)
    if hue:
        from matplotlib.patches import Patch

        methods = list(dict.fromkeys(data["method"]))
        n_frames = data["frame"].nunique()
        bars = list(ax.patches)[: len(methods) * n_frames]
        styles = _hatches(len(bars), len(methods), n_frames)
        for patch, hatch in zip(bars, styles):
            patch.set_hatch(hatch)
        handles = [Patch(facecolor=bars[m * n_frames].get_facecolor() if bars else "grey", edgecolor="white",
                         hatch=styles[m * n_frames] if styles else "", label=name)
                   for m, name in enumerate(methods) if m * n_frames < len(bars)]
        legend = ax.get_legend()
        if legend is not None:
            legend.remove()
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=min(2, len(handles)),
                  frameon=False, fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("frame")
    ax.set_ylabel({"f1": "F1 (0-1)", "precision": "precision (0-1)", "recall": "recall (0-1)"}[metric])
    ax.tick_params(axis="x", rotation=20)
    if title:
        ax.set_title(title)
    return ax


def _hatches(n_patches: int, n_methods: int, n_frames: int) -> list[str]:
    styles = ["", "//", "..", "xx", "\\\\"]
    out: list[str] = []
    for m in range(n_methods):
        out.extend([styles[m % len(styles)]] * n_frames)
    return (out + [""] * n_patches)[:n_patches]
