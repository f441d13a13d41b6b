"""Corpus figures: frames and tone by outlet and over time, keyness between outlets.

Every function here only draws. The tidy tables come from :mod:`newsframe.corpus`
(:func:`~newsframe.corpus.frame_shares`, :func:`~newsframe.corpus.tone_table`,
:func:`~newsframe.corpus.article_tone`) and :func:`newsframe.keywords.keyness`.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> shares = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "codebook": "generic",
...                        "frame": ["conflict", "economic"] * 2, "n_articles": 4,
...                        "n_present": [3, 1, 0, 2], "share": [0.75, 0.25, 0.0, 0.5]})
>>> ax = plot_frame_shares(shares)
>>> [t.get_text() for t in ax.get_xticklabels()], ax.get_ylabel()
(['A', 'B'], 'frame')
"""

from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from newsframe.plotting import check_table, new_axes as _axes

__all__ = ["plot_frame_shares", "plot_tone_by_group", "plot_tone_over_time", "plot_keyness"]

_COMPOUND_LABEL = "Mean VADER compound, −1 to 1"


def _require(name: str, table: Any, columns: Sequence[str]) -> pd.DataFrame:
    return check_table(name, table, columns, allow_empty=True)




def _no_data(ax: Any, title: str) -> Any:
    ax.set_title(title, loc="left")
    ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes, color="#6b6b6b", style="italic")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _symmetric(values: pd.Series, floor: float = 0.1) -> float:
    finite = pd.to_numeric(values, errors="coerce").abs().dropna()
    top = float(finite.max()) if len(finite) else floor
    return max(floor, round(top * 1.15 + 0.005, 2))


def plot_frame_shares(
    shares: pd.DataFrame,
    *,
    by: str = "outlet",
    order: Sequence[str] | None = None,
    frame_order: Sequence[str] | None = None,
    annotate: bool = True,
    ax: Any = None,
) -> Any:
    """Heatmap: share of each group's articles in which each frame is present.

    Parameters
    ----------
    shares : pandas.DataFrame
        Columns ``<by>, frame, share`` (0…1) and optionally ``n_articles``, as from
        :func:`newsframe.corpus.frame_shares`.
    by : str
        The group column (columns of the heatmap).
    order, frame_order : sequence of str, optional
        Order of the groups and of the frames (default: sorted).
    annotate : bool
        Write the percentage in each cell (so the colour is not the only code).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    import seaborn as sns

    shares = _require("shares", shares, [by, "frame", "share"])
    ax = _axes(ax, (2.2 + 1.1 * max(1, shares[by].nunique()), 1.2 + 0.45 * max(1, shares["frame"].nunique())))
    title = "Frames by " + by.replace("_", " ")
    if shares.empty:
        return _no_data(ax, title)
    grid = shares.pivot_table(index="frame", columns=by, values="share", aggfunc="first")
    grid = grid.reindex(index=list(frame_order) if frame_order is not None else sorted(grid.index),
                        columns=list(order) if order is not None else sorted(grid.columns))
    labels = grid.map(lambda v: "" if pd.isna(v) else f"{v:.0%}") if annotate else False
    sns.heatmap(grid, ax=ax, vmin=0, vmax=1, cmap="Blues", annot=labels, fmt="", linewidths=0.5,
                cbar_kws={"label": "share of articles with the frame, 0 to 1"})
    ax.set_title(title, loc="left")
    ax.set_xlabel(by.replace("_", " "))
    ax.set_ylabel("frame")
    ax.tick_params(axis="x", rotation=0)
    ax.tick_params(axis="y", rotation=0)
    return ax


def plot_tone_by_group(
    tone: pd.DataFrame,
    *,
    by: str = "outlet",
    order: Sequence[str] | None = None,
    seed: int = 0,
    ax: Any = None,
) -> Any:
    """Articles' mean sentence compound by group: every article as a dot, the group mean with a 95% CI.

    Parameters
    ----------
    tone : pandas.DataFrame
        One row per article with columns ``<by>`` and ``mean_compound`` (−1…1), as from
        :func:`newsframe.corpus.article_tone`.
    by : str
        The group column.
    order : sequence of str, optional
        Order of the groups (default: sorted).
    seed : int
        Seed of the bootstrapped confidence interval and of the dots' jitter.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> tone = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "mean_compound": [0.2, 0.4, -0.3, -0.1]})
    >>> ax = plot_tone_by_group(tone)
    >>> ax.get_xlabel(), bool(ax.get_xlim()[0] < -0.3)
    ('Mean VADER compound, −1 to 1', True)
    """
    import seaborn as sns

    tone = _require("tone", tone, [by, "mean_compound"])
    data = tone[tone["mean_compound"].notna()]
    groups = list(order) if order is not None else sorted(data[by].astype(str).unique())
    ax = _axes(ax, (6.5, 1.2 + 0.6 * max(1, len(groups))))
    title = "Tone of the articles by " + by.replace("_", " ")
    if data.empty:
        return _no_data(ax, title)
    data = data.assign(**{by: data[by].astype(str)})
    import numpy as np

    state = np.random.get_state()  # seaborn jitters with NumPy's global generator: seed it, then restore it
    np.random.seed(seed)
    try:
        sns.stripplot(data=data, x="mean_compound", y=by, order=groups, ax=ax, color="#9e9e9e", alpha=0.6, size=4,
                      jitter=0.2, legend=False)
    finally:
        np.random.set_state(state)
    sns.pointplot(data=data, x="mean_compound", y=by, order=groups, ax=ax, color="#0072b2", errorbar=("ci", 95),
                  seed=seed, n_boot=1000, linestyle="none", markers="D", capsize=0.2)
    limit = _symmetric(data["mean_compound"])
    ax.set_xlim(-limit, limit)
    ax.axvline(0, color="#444444", linewidth=0.8)
    ax.set_xlabel(_COMPOUND_LABEL)
    ax.set_ylabel(by.replace("_", " "))
    ax.set_title(title, loc="left")
    return ax


def plot_tone_over_time(
    tone: pd.DataFrame,
    *,
    by: str = "outlet",
    hue_order: Sequence[str] | None = None,
    ax: Any = None,
) -> Any:
    """Lines: mean article tone per period for each group.

    Parameters
    ----------
    tone : pandas.DataFrame
        Columns ``<by>, period, mean_compound`` (−1…1) and optionally ``n_articles``, as
        from :func:`newsframe.corpus.tone_table`.
    by : str
        The group column (one line and marker style each).
    hue_order : sequence of str, optional
        Order of the groups (default: sorted).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> tone = pd.DataFrame({"outlet": ["A", "A", "B"], "period": pd.to_datetime(["2023-01-01", "2023-02-01",
    ...                      "2023-01-01"]), "mean_compound": [0.1, -0.2, 0.3]})
    >>> ax = plot_tone_over_time(tone)
    >>> ax.get_ylabel(), len(ax.get_legend().get_texts())
    ('Mean VADER compound, −1 to 1', 2)
    """
    import seaborn as sns

    tone = _require("tone", tone, [by, "period", "mean_compound"])
    data = tone[tone["mean_compound"].notna()]
    ax = _axes(ax, (8, 3.6))
    title = "Tone over time by " + by.replace("_", " ")
    if data.empty:
        return _no_data(ax, title)
    data = data.assign(**{by: data[by].astype(str)})
    groups = list(hue_order) if hue_order is not None else sorted(data[by].unique())
    sns.lineplot(data=data, x="period", y="mean_compound", hue=by, style=by, hue_order=groups, style_order=groups,
                 markers=True, dashes=False, ax=ax, errorbar=None)
    limit = _symmetric(data["mean_compound"])
    ax.set_ylim(-limit, limit)
    ax.axhline(0, color="#444444", linewidth=0.8)
    ax.set_ylabel(_COMPOUND_LABEL)
    ax.set_xlabel("")
    ax.set_title(title, loc="left")
    ax.legend(title=by.replace("_", " "), frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    import matplotlib.dates as mdates

    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
    return ax


def plot_keyness(
    keyness: pd.DataFrame,
    *,
    term: str = "term",
    score: str = "score",
    labels: tuple[str, str] = ("target", "reference"),
    top_n: int = 12,
    scale: str = "keyness",
    ax: Any = None,
) -> Any:
    """Diverging bars: the terms most key to one group (right) and to the other (left).

    Parameters
    ----------
    keyness : pandas.DataFrame
        One row per term with a signed keyness score (positive = more typical of the
        first group, negative = of the second), e.g. from :func:`newsframe.keywords.keyness`
        with the sign of its direction applied.
    term, score : str
        Column names of the term and of the signed score.
    labels : (str, str)
        Names of the two groups (for the axis label and the legend).
    top_n : int
        Terms shown on each side.
    scale : str
        What the score is, for the axis label (e.g. ``"log-odds z-score"``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> k = pd.DataFrame({"term": ["troops", "talks", "jobs"], "score": [12.0, 3.0, -8.0]})
    >>> ax = plot_keyness(k, labels=("Herald", "Ledger"))
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['troops', 'talks', 'jobs']
    """
    keyness = _require("keyness", keyness, [term, score])
    if isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 1:
        raise ValueError(f"top_n must be a positive integer, not {top_n!r}")
    data = keyness[[term, score]].dropna()
    pos = data[data[score] > 0].sort_values([score, term], ascending=[False, True]).head(top_n)
    neg = data[data[score] < 0].sort_values([score, term], ascending=[True, True]).head(top_n)
    shown = pd.concat([pos, neg.iloc[::-1]])
    ax = _axes(ax, (7, 1.0 + 0.28 * max(2, len(shown))))
    title = f"Key terms: {labels[0]} vs {labels[1]}"
    if shown.empty:
        return _no_data(ax, title)
    colours = ["#0072b2" if v > 0 else "#d55e00" for v in shown[score]]
    y = list(range(len(shown)))
    ax.barh(y, shown[score], color=colours, edgecolor="none")
    ax.set_yticks(y, list(shown[term]))
    ax.invert_yaxis()
    ax.axvline(0, color="#444444", linewidth=0.8)
    limit = float(shown[score].abs().max()) * 1.1
    ax.set_xlim(-limit, limit)
    ax.set_xlabel(f"{scale} (← more typical of {labels[1]} · more typical of {labels[0]} →)")
    ax.set_title(title, loc="left")
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color="#0072b2", label=labels[0]), Patch(color="#d55e00", label=labels[1])],
              frameon=False, loc="lower right")
    return ax
