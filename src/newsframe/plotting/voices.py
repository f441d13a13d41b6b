"""Figures of voices and actors: who speaks, how much, who is talked about, who appears together.

Each function draws a tidy table (or graph) made by :mod:`newsframe.quotes` /
:mod:`newsframe.actors` and returns the matplotlib ``Axes`` (or ``Figure``); none
computes statistics or reads files.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> t = pd.DataFrame({"voice": ["narration", "Ann Lee"], "source_type": ["author", "analyst"],
...                   "quotes": [0, 2], "words": [80, 20], "share": [0.8, 0.2]})
>>> ax = plot_voice_share(t)
>>> ax.get_xlabel()
'Share of the article’s words, %'
"""

from __future__ import annotations

from typing import Any, Literal, Sequence

import pandas as pd

from newsframe.plotting import check_table as _check, new_axes as _axes

__all__ = [
    "plot_voice_share",
    "plot_quote_positions",
    "plot_speaks_vs_spoken_about",
    "plot_cooccurrence_network",
    "plot_actor_portrayal",
    "TYPE_MARKERS",
]

#: Node marker per actor type (shape as well as colour, so type is not told by colour alone).
TYPE_MARKERS = {"person": "o", "country": "s", "organization": "D", "media": "^"}
_TYPE_ORDER = ("person", "country", "organization", "media")






def _palette(keys: Sequence[str]) -> dict[str, Any]:
    import seaborn as sns

    colors = sns.color_palette("colorblind", n_colors=max(len(keys), 3))
    return {k: colors[i % len(colors)] for i, k in enumerate(keys)}


def plot_voice_share(voices: pd.DataFrame, *, ax: Any = None, hue: str = "source_type") -> Any:
    """Share of the article's words per voice (narration and each speaker), as bars.

    Parameters
    ----------
    voices : DataFrame
        :func:`newsframe.quotes.voice_table` output (``voice``, ``source_type``,
        ``quotes``, ``words``, ``share``), by speaker or by source type.
    hue : str
        Column that colours the bars (default ``source_type``); the voice is always
        the bar label and each bar is annotated with its number of quotations.

    Returns
    -------
    matplotlib Axes
    """
    import seaborn as sns

    t = _check("voices", voices, ("voice", "quotes", "words", "share", hue)).copy()
    t["percent"] = 100 * t["share"]
    order = list(t["voice"])
    hue_order = list(dict.fromkeys(t[hue].astype(str)))
    t[hue] = t[hue].astype(str)
    ax = _axes(ax, (7.5, 0.45 * len(t) + 1.5))
    sns.barplot(data=t, y="voice", x="percent", hue=hue, hue_order=hue_order, order=order, dodge=False,
                orient="h", palette=_palette(hue_order), ax=ax)
    for i, row in enumerate(t.itertuples()):
        label = f"{row.words} words" if row.quotes == 0 else f"{row.quotes} quot{'e' if row.quotes == 1 else 'es'}, {row.words} words"
        ax.text(row.percent + 0.8, i, label, va="center", fontsize="small")
    ax.set_xlim(0, max(100.0, float(t["percent"].max()) * 1.25))
    ax.set_xlabel("Share of the article’s words, %")
    ax.set_ylabel("")
    if hue == "voice":  # the bar labels already name each colour
        legend = ax.get_legend()
        if legend is not None:
            legend.remove()
    else:
        ax.legend(title=hue.replace("_", " ").capitalize(), loc="lower right", fontsize="small",
                  title_fontsize="small", frameon=False)
    return ax


def plot_quote_positions(quotes: pd.DataFrame, *, text_length: int, ax: Any = None) -> Any:
    """Where in the article each speaker's quotations sit (0–100 % of the text).

    Parameters
    ----------
    quotes : DataFrame
        :func:`newsframe.quotes.quote_table` output (``speaker``, ``start``, ``end``,
        ``kind``); unattributed quotations are drawn as "(unattributed)".
    text_length : int
        Length of the article text in characters (``len(article.text)``).

    Returns
    -------
    matplotlib Axes
        One row per speaker in order of first quotation; a bar per quotation, solid
        for full quotations, hatched for partial ones and dotted for continuations
        (the hatch carries the kind, not colour).
    """
    if not isinstance(text_length, int) or text_length <= 0:
        raise ValueError(f"text_length must be a positive integer, not {text_length!r}")
    t = _check("quotes", quotes, ("speaker", "start", "end", "kind")).copy()
    t["speaker"] = t["speaker"].astype(object).where(t["speaker"].notna(), "(unattributed)")
    speakers = list(dict.fromkeys(t["speaker"]))
    colors = _palette(speakers)
    hatches = {"full": "", "partial": "////", "continuation": ".."}
    ax = _axes(ax, (8.0, 0.5 * len(speakers) + 1.6))
    for row in t.itertuples():
        y = speakers.index(row.speaker)
        x0 = 100 * row.start / text_length
        width = max(0.4, 100 * (row.end - row.start) / text_length)
        ax.broken_barh([(x0, width)], (y - 0.32, 0.64), facecolors=colors[row.speaker],
                       hatch=hatches.get(row.kind, ""), edgecolor="white", linewidth=0.6)
    ax.set_yticks(range(len(speakers)), speakers)
    ax.set_xlim(0, 100)
    ax.set_ylim(len(speakers) - 0.5, -0.5)
    ax.set_xlabel("Position in the article, % of characters")
    from matplotlib.patches import Patch

    handles = [Patch(facecolor="0.55", hatch=h, edgecolor="white", label=k) for k, h in hatches.items()]
    ax.legend(handles=handles, title="Kind", loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3,
              fontsize="small", title_fontsize="small", frameon=False)
    ax.grid(axis="x", alpha=0.3)
    return ax


def plot_speaks_vs_spoken_about(prominence: pd.DataFrame, *, top_n: int = 15, figsize: tuple[float, float] | None = None) -> Any:
    """Who is talked about (mentions) next to who speaks (quoted words), per actor.

    Parameters
    ----------
    prominence : DataFrame
        :func:`newsframe.quotes.prominence_table` output.
    top_n : int
        Show the ``top_n`` actors by mentions plus every actor who is quoted.

    Returns
    -------
    matplotlib Figure
        Left: mentions, split into the author's narration and other people's
        quotations; right: words quoted from the actor. Shared actor axis.
    """
    import matplotlib.pyplot as plt

    if not isinstance(top_n, int) or top_n < 1:
        raise ValueError(f"top_n must be a positive integer, not {top_n!r}")
    t = _check("prominence", prominence, ("actor", "mentions_in_narration", "mentions_in_quotes", "quoted_words", "mentions"))
    keep = t.head(top_n)
    quoted = t[t["quoted_words"] > 0]
    t = pd.concat([keep, quoted[~quoted["actor"].isin(keep["actor"])]])
    actors = list(t["actor"])
    fig, (left, right) = plt.subplots(1, 2, sharey=True, figsize=figsize or (9.0, 0.38 * len(actors) + 1.8),
                                      gridspec_kw={"width_ratios": [1.2, 1]})
    y = range(len(actors))
    narr = t["mentions_in_narration"].to_numpy()
    inq = t["mentions_in_quotes"].to_numpy()
    left.barh(y, narr, color="#0072b2", label="in the author’s narration")
    left.barh(y, inq, left=narr, color="#e69f00", hatch="//", label="inside quotations")
    left.set_yticks(list(y), actors)
    left.invert_yaxis()
    left.set_xlabel("Mentions (spoken about)")
    left.legend(loc="lower right", fontsize="small", frameon=False)
    right.barh(y, t["quoted_words"].to_numpy(), color="#009e73")
    for i, (w, q) in enumerate(zip(t["quoted_words"], t.get("quotes", [0] * len(t)))):
        if w:
            right.text(w + 1, i, f"{q} quot{'e' if q == 1 else 'es'}", va="center", fontsize="small")
    right.set_xlabel("Words quoted (speaks)")
    right.set_xlim(0, max(10, float(t["quoted_words"].max()) * 1.35))
    fig.tight_layout()
    return fig


def plot_cooccurrence_network(
    graph: Any,
    *,
    seed: int = 0,
    ax: Any = None,
    label_min_mentions: int = 1,
    k: float | None = None,
    layout: Literal["spring", "kamada_kawai"] = "kamada_kawai",
) -> Any:
    """Actor co-occurrence network: node size = mentions, edge width = shared sentences.

    Disconnected actors are placed by the layout too (Kamada–Kawai puts them at the
    edge).

    Parameters
    ----------
    graph : networkx.Graph
        :func:`newsframe.actors.cooccurrence_graph` output (node attributes ``type``
        and ``mentions``, edge attribute ``weight``).
    seed : int
        Seed of the spring layout, so the figure is the same on every run.
    label_min_mentions : int
        Label only nodes with at least this many mentions.
    k : float, optional
        Spring-layout distance (networkx default when None).
    layout : {"kamada_kawai", "spring"}
        Node placement: Kamada–Kawai (``1 / sqrt(weight)`` as the distance of an edge;
        solved to convergence and put in a fixed frame, so the figure is the same on
        any machine) or a seeded spring layout (the same on every run of one machine).

    Returns
    -------
    matplotlib Axes
        Actor type is shown by marker shape and colour (see :data:`TYPE_MARKERS`).
    """
    import networkx as nx

    if not isinstance(graph, nx.Graph):
        raise TypeError(f"graph must be a networkx Graph, not {type(graph).__name__}")
    if graph.number_of_nodes() == 0:
        raise ValueError("graph has no nodes: nothing to plot")
    if layout not in ("spring", "kamada_kawai"):
        raise ValueError(f"layout must be 'spring' or 'kamada_kawai', not {layout!r}")
    ax = _axes(ax, (9.0, 7.5))
    if layout == "spring" or graph.number_of_nodes() < 3:
        pos = nx.spring_layout(graph, seed=seed, weight="weight", k=k)
    else:
        pos = _settled_layout(_distance_graph(graph))
    colors = _palette(_TYPE_ORDER)
    max_w = max((d["weight"] for _, _, d in graph.edges(data=True)), default=1)
    for u, v, d in sorted(graph.edges(data=True)):
        ax.plot([pos[u][0], pos[v][0]], [pos[u][1], pos[v][1]], color="0.55",
                linewidth=0.6 + 4.0 * d["weight"] / max_w, alpha=0.55, zorder=1)
    for typ in _TYPE_ORDER:
        nodes = sorted(n for n, d in graph.nodes(data=True) if d.get("type") == typ)
        if not nodes:
            continue
        ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes],
                   s=[50 + 25 * graph.nodes[n].get("mentions", 1) for n in nodes], marker=TYPE_MARKERS[typ],
                   color=colors[typ], edgecolor="white", linewidth=0.8, label=typ, zorder=2)
    for n, d in sorted(graph.nodes(data=True)):
        if d.get("mentions", 0) >= label_min_mentions:
            ax.annotate(n, pos[n], xytext=(0, 9), textcoords="offset points", ha="center", fontsize="x-small", zorder=3)
    ax.set_axis_off()
    legend = ax.legend(title="Actor type", loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small",
                       title_fontsize="small", frameon=False)
    for handle in legend.legend_handles:
        handle.set_sizes([70])
    return ax


def _distance_graph(graph: Any) -> Any:
    """The co-occurrence graph with ``1 / sqrt(weight)`` as each edge's length (nodes and edges sorted)."""
    import networkx as nx

    dist = nx.Graph()
    dist.add_nodes_from(sorted(graph.nodes))
    dist.add_weighted_edges_from((u, v, 1.0 / d["weight"] ** 0.5) for u, v, d in sorted(graph.edges(data=True)))
    return dist


def _settled_layout(dist: Any, start: dict[Any, Any] | None = None) -> dict[Any, Any]:
    """Kamada–Kawai positions made the same on any machine: solved to convergence, in a fixed frame, rounded.

    ``start`` defaults to networkx's ``kamada_kawai_layout`` of ``dist`` (given the
    shortest paths computed here, so they are computed once). networkx stops its solver early, so the positions it returns move by about 1e-4
    with rounding differences in the start (another CPU, another BLAS), and the
    Kamada–Kawai energy does not change when the layout is turned. Starting from its
    positions, the energy (the same as networkx's: squared relative deviations of the
    drawn distances from the graph distances, ``dist``'s weighted shortest paths, plus a
    small pull of the centre to the origin) is minimised to convergence; the result
    is centred, turned so that its principal axes lie along x and y, each axis
    flipped so that its third moment is positive, scaled to [-1, 1] and rounded to
    1e-3, a fraction of a pixel. Starts that differ by up to 1e-3 then give the same
    positions (differences of about 5e-8 before rounding on the seed's graph).
    """
    import networkx as nx
    import numpy as np
    from scipy.optimize import minimize

    lengths = dict(nx.shortest_path_length(dist, weight="weight"))
    pos = start if start is not None else nx.kamada_kawai_layout(dist, dist=lengths, weight="weight")
    nodes = sorted(pos)
    n = len(nodes)
    d = np.array([[lengths.get(a, {}).get(b, 1e6) for b in nodes] for a in nodes])
    inv = 1.0 / (d + np.eye(n) * 1e-3)

    def energy(x: Any) -> tuple[float, Any]:
        p = x.reshape(n, 2)
        delta = p[:, None, :] - p[None, :, :]
        sep = np.linalg.norm(delta, axis=-1)
        direction = delta / (sep + np.eye(n) * 1e-3)[:, :, None]
        off = sep * inv - 1.0
        np.fill_diagonal(off, 0.0)
        grad = np.einsum("ij,ij,ijk->ik", inv, off, direction) - np.einsum("ij,ij,ijk->jk", inv, off, direction)
        centre = p.sum(axis=0)
        return 0.5 * float(np.sum(off**2)) + 0.5e-3 * float(np.sum(centre**2)), (grad + 1e-3 * centre).ravel()

    x0 = np.array([pos[v] for v in nodes], dtype=float).ravel()
    x = minimize(energy, x0, method="L-BFGS-B", jac=True,
                 options={"gtol": 1e-12, "ftol": 1e-16, "maxiter": 20_000, "maxcor": 30}).x.reshape(n, 2)
    x = x - x.mean(axis=0)
    x = x @ np.linalg.eigh(x.T @ x)[1][:, ::-1]
    x = x * np.where(np.sum(x**3, axis=0) < 0, -1.0, 1.0)
    x = np.round(x / max(float(np.abs(x).max()), 1e-12), 3) + 0.0  # + 0.0: no negative zeros
    return {v: x[i] for i, v in enumerate(nodes)}


def plot_actor_portrayal(
    portrayal: pd.DataFrame,
    *,
    ax: Any = None,
    score: str = "mean",
    limit: float = 1.0,
    xlabel: str = "Mean stance towards the actor over its mentions, −1 to 1",
) -> Any:
    """How each actor is treated: a mean sentiment score per actor, on a diverging scale.

    Parameters
    ----------
    portrayal : DataFrame
        Columns ``actor``, ``mentions`` and ``score`` (default ``mean``; e.g. the
        ``actor_sentiment`` records of :mod:`newsframe.sentiment`), one row per actor.
    limit : float
        Symmetric axis limit (default 1, the VADER compound range).
    xlabel : str
        Axis label; say what the score is and its range.

    Returns
    -------
    matplotlib Axes
    """
    from newsframe.plotting import SENTIMENT_COLORS

    t = _check("portrayal", portrayal, ("actor", "mentions", score)).sort_values([score, "actor"]).reset_index(drop=True)
    ax = _axes(ax, (7.5, 0.38 * len(t) + 1.5))
    colors = [SENTIMENT_COLORS["negative"] if v < -0.05 else SENTIMENT_COLORS["positive"] if v > 0.05
              else SENTIMENT_COLORS["neutral"] for v in t[score]]
    ax.barh(range(len(t)), t[score], color=colors)
    ax.set_yticks(range(len(t)), [f"{a} ({m})" for a, m in zip(t["actor"], t["mentions"])])
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_xlim(-limit, limit)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("Actor (mentions)")
    return ax
