"""Figures of keywords: methods side by side, their agreement, keyness, collocations, benchmark.

Each function draws a tidy table made by :mod:`newsframe.keywords` (or read from
``benchmarks/results/keywords.json``) and returns the matplotlib ``Axes``; none computes
statistics or reads files.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> t = pd.DataFrame({"term": ["North Korea", "prime minister"], "n": [2, 2], "count": [11, 3],
...                   "likelihood_ratio": [80.5, 20.1], "pmi": [5.1, 6.0]})
>>> ax = plot_collocations(t)
>>> ax.get_xlabel()
'Log-likelihood ratio (Dunning), higher = stronger'
"""

from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from newsframe.plotting import check_table as _check, new_axes as _axes

__all__ = [
    "plot_keywords_by_method",
    "plot_method_agreement",
    "plot_keyness",
    "plot_collocations",
    "plot_keyword_benchmark",
]






def plot_keywords_by_method(
    table: pd.DataFrame, *, methods: Sequence[str] | None = None, top_n: int = 10, ax: Any = None
) -> Any:
    """Top keyphrases of each method in columns, shaded by how many methods found them.

    Parameters
    ----------
    table : DataFrame
        :func:`newsframe.keywords.compare_methods` output (``method``, ``rank``,
        ``term``, ``agreement``).
    methods : sequence of str, optional
        Column order (default: order of appearance).
    top_n : int
        Rows shown.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> t = pd.DataFrame({"method": ["a", "a", "b"], "rank": [1, 2, 1], "term": ["oil", "gas", "oil"],
    ...                   "score": [2.0, 1.0, 5.0], "agreement": [2, 1, 2]})
    >>> plot_keywords_by_method(t).get_title()
    'Top keyphrases by method (shade: number of methods that list the phrase)'
    """
    import matplotlib.pyplot as plt
    import numpy as np
    import seaborn as sns

    _check("table", table, ["method", "rank", "term", "agreement"])
    order = list(methods) if methods is not None else list(dict.fromkeys(table["method"]))
    n_methods = len(order)
    ax = _axes(ax, (max(8.0, 2.1 * n_methods), 0.42 * top_n + 1.4))
    grid = np.full((top_n, n_methods), np.nan)
    for j, m in enumerate(order):
        sub = table[(table["method"] == m) & (table["rank"] <= top_n)]
        for r in sub.itertuples():
            grid[int(r.rank) - 1, j] = r.agreement
            text = r.term if len(r.term) <= 24 else r.term[:23] + "…"
            ax.text(j + 0.5, int(r.rank) - 0.5, text, ha="center", va="center", fontsize=8.5,
                    color="white" if r.agreement >= max(2, 0.6 * n_methods) else "black")
    cmap = sns.color_palette("Blues", as_cmap=True)
    mesh = ax.pcolormesh(np.arange(n_methods + 1), np.arange(top_n + 1), grid, cmap=cmap, vmin=0.5,
                         vmax=max(n_methods, 2) + 0.5, edgecolors="white", linewidth=1.5)
    ax.set_xlim(0, n_methods)
    ax.set_ylim(top_n, 0)
    ax.set_xticks(np.arange(n_methods) + 0.5, order)
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(top_n) + 0.5, [str(i) for i in range(1, top_n + 1)])
    ax.set_ylabel("Rank")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    cbar = plt.colorbar(mesh, ax=ax, fraction=0.025, pad=0.01, ticks=range(1, max(n_methods, 2) + 1))
    cbar.set_label("Methods listing the phrase")
    ax.set_title("Top keyphrases by method (shade: number of methods that list the phrase)", pad=28)
    return ax


def plot_method_agreement(matrix: pd.DataFrame, *, label: str = "Jaccard overlap of top-10 lists", ax: Any = None) -> Any:
    """Heat map of the agreement between methods (square table, values 0–1).

    Parameters
    ----------
    matrix : DataFrame
        :func:`newsframe.keywords.method_agreement` output.
    label : str
        Colour-bar label (say which measure).

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> m = pd.DataFrame([[1.0, 0.3], [0.3, 1.0]], index=["a", "b"], columns=["a", "b"])
    >>> plot_method_agreement(m).get_title()
    'Agreement between keyword methods'
    """
    import seaborn as sns

    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(f"matrix must be a pandas DataFrame, not {type(matrix).__name__}")
    if matrix.empty or list(matrix.index) != list(matrix.columns):
        raise ValueError("matrix must be a non-empty square table with the same methods as rows and columns")
    n = len(matrix)
    ax = _axes(ax, (1.0 * n + 2.5, 0.8 * n + 1.5))
    sns.heatmap(matrix.astype(float), ax=ax, vmin=0, vmax=1, cmap="mako_r", annot=True, fmt=".2f", square=True,
                linewidths=0.5, cbar_kws={"label": label, "shrink": 0.8}, annot_kws={"fontsize": 8})
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title("Agreement between keyword methods")
    return ax


def plot_keyness(
    table: pd.DataFrame, *, groups: Sequence[str] | None = None, top_n: int = 12, ax: Any = None
) -> Any:
    """Words most typical of each of two groups, as bars of z-scores pointing apart.

    The first group's words point right (positive z), the second's left; each bar is
    labelled with the word and its count in the group, and a dashed line marks
    |z| = 1.96.

    Parameters
    ----------
    table : DataFrame
        :func:`newsframe.keywords.keyness` output (``group``, ``term``, ``z``, ``count``).
    groups : two str, optional
        Which groups and in which order (default: the first two in the table).
    top_n : int
        Words per group.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> t = pd.DataFrame({"group": ["a", "a", "b", "b"], "term": ["war", "peace", "peace", "war"],
    ...                   "z": [2.5, -2.5, 2.5, -2.5], "count": [9, 1, 9, 1]})
    >>> plot_keyness(t).get_xlabel()
    'Log-odds z-score (informative Dirichlet prior); right: a, left: b'
    """
    import seaborn as sns

    _check("table", table, ["group", "term", "z", "count"])
    names = list(groups) if groups is not None else list(dict.fromkeys(table["group"]))[:2]
    if len(names) != 2:
        raise ValueError(f"plot_keyness shows two groups, got {names}")
    colors = sns.color_palette("colorblind", 2)
    rows = []
    for sign, g in ((1, names[0]), (-1, names[1])):
        sub = table[(table["group"] == g) & (table["z"] > 0)].sort_values(["z", "term"], ascending=[False, True]).head(top_n)
        rows += [(sign * float(r.z), r.term, int(r["count"]), g) for _, r in sub.iterrows()]
    rows.sort(key=lambda r: r[0])
    ax = _axes(ax, (8.0, 0.3 * len(rows) + 1.5))
    for i, (z, term, count, g) in enumerate(rows):
        color = colors[0] if g == names[0] else colors[1]
        ax.barh(i, z, color=color, hatch="" if g == names[0] else "//", edgecolor="white", linewidth=0.5)
        ax.text(z + (0.08 if z > 0 else -0.08), i, f"{term} ({count})", va="center", ha="left" if z > 0 else "right",
                fontsize=8.5)
    ax.axvline(0, color="black", linewidth=0.8)
    for x in (1.96, -1.96):
        ax.axvline(x, color="grey", linestyle="--", linewidth=0.8)
    ax.set_yticks([])
    lim = max(abs(r[0]) for r in rows) * 1.6 if rows else 3.0
    ax.set_xlim(-lim, lim)
    ax.set_xlabel(f"Log-odds z-score (informative Dirichlet prior); right: {names[0]}, left: {names[1]}")
    ax.set_title(f"Words typical of {names[0]} vs {names[1]} (count in brackets)")
    return ax


def plot_collocations(table: pd.DataFrame, *, ax: Any = None) -> Any:
    """Collocations as horizontal bars of their log-likelihood ratio, labelled with counts.

    Parameters
    ----------
    table : DataFrame
        :func:`newsframe.keywords.collocations` output (``term``, ``count``,
        ``likelihood_ratio``, ``pmi``).

    Returns
    -------
    matplotlib Axes
    """
    import seaborn as sns

    _check("table", table, ["term", "count", "likelihood_ratio", "pmi"])
    ax = _axes(ax, (7.5, 0.32 * len(table) + 1.2))
    color = sns.color_palette("colorblind", 1)[0]
    y = list(range(len(table)))
    ax.barh(y, table["likelihood_ratio"], color=color)
    for i, r in enumerate(table.itertuples()):
        ax.text(r.likelihood_ratio, i, f"  ×{r.count}, PMI {r.pmi:.1f}", va="center", fontsize=8)
    ax.set_yticks(y, list(table["term"]))
    ax.invert_yaxis()
    ax.set_xlim(0, float(table["likelihood_ratio"].max()) * 1.35)
    ax.set_xlabel("Log-likelihood ratio (Dunning), higher = stronger")
    ax.set_title("Collocations (count and pointwise mutual information in bits)")
    return ax


def plot_keyword_benchmark(results: pd.DataFrame, *, ax: Any = None) -> Any:
    """F1@5 and F1@10 (and any further metric) per method on the benchmark, measured and reference values.

    Parameters
    ----------
    results : DataFrame
        Columns ``method``, ``metric`` (``"F1@5"``, ``"F1@10"``, or another name such as
        ``"F1@10, multiword gold"``; bars in the order metrics first appear), ``value``
        (percent) and ``source`` (``"newsframe"`` or ``"reference"``), one row per bar, in
        display order.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> r = pd.DataFrame({"method": ["tfidf", "tfidf"], "metric": ["F1@5", "F1@10"], "value": [12.0, 19.0],
    ...                   "source": ["newsframe", "newsframe"]})
    >>> plot_keyword_benchmark(r).get_xlabel()
    'F1 on 500N-KPCrowd, % (Porter-stemmed exact match, macro over 500 documents)'
    """
    import seaborn as sns

    _check("results", results, ["method", "metric", "value", "source"])
    methods = list(dict.fromkeys(results["method"]))
    metrics = list(dict.fromkeys(results["metric"]))
    ax = _axes(ax, (8.0, 0.21 * max(len(metrics), 2) * len(methods) + 1.5))
    sns.barplot(data=results, y="method", x="value", hue="metric", order=methods, hue_order=metrics,
                palette="colorblind", ax=ax)
    for container, hatch in zip(ax.containers, ("", "//", "..", "xx")):
        for bar in container:
            bar.set_hatch(hatch)
            bar.set_edgecolor("white")
    for i, m in enumerate(methods):
        if (results.loc[results["method"] == m, "source"] == "reference").any():
            ax.get_yticklabels()[i].set_fontstyle("italic")
    for container in ax.containers:
        ax.bar_label(container, fmt="%.1f", fontsize=7.5, padding=2)
    ax.set_xlabel("F1 on 500N-KPCrowd, % (Porter-stemmed exact match, macro over 500 documents)")
    ax.set_ylabel("")
    ax.set_title("Keyword methods on news (italic: reference points, not run here)")
    ax.legend(title="", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax
