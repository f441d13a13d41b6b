"""Figures of sentiment and tone: the arc of an article, distributions, groups, agreement.

Each function draws a tidy table made by :mod:`newsframe.sentiment` and returns the
matplotlib ``Axes``; none computes statistics or reads files. Sentiment is diverging
data: colours come from a palette centred on 0 with symmetric limits, and the sign is
always also shown by position (and by marker shape where points are drawn), never by
colour alone. Axis labels name the scale.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> t = pd.DataFrame({"sentence": [0, 1, 2], "compound": [0.5, -0.3, 0.0],
...                   "paragraph": [0, 0, 1], "section": ["(lead)", "(lead)", "Part 2"],
...                   "label": ["positive", "negative", "neutral"]})
>>> ax = plot_sentiment_arc(t)
>>> ax.get_ylabel()
'VADER compound, −1 to 1'
"""

from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from newsframe.plotting import check_table as _check, new_axes as _axes

__all__ = [
    "COMPOUND_LABEL",
    "LABEL_MARKERS",
    "plot_sentiment_arc",
    "plot_sentiment_distribution",
    "plot_group_sentiment",
    "plot_label_shares",
    "plot_actor_sentiment",
    "plot_method_agreement",
]

#: Axis label of the VADER compound score.
COMPOUND_LABEL = "VADER compound, −1 to 1"
#: Marker per sentiment label, so the label is never told by colour alone.
LABEL_MARKERS = {"positive": "^", "neutral": "o", "negative": "v"}
_LABEL_ORDER = ("negative", "neutral", "positive")
_HATCHES = {"negative": "////", "neutral": "", "positive": "...."}






def _cmap() -> Any:
    import seaborn as sns

    from newsframe.plotting import DIVERGING

    return sns.color_palette(DIVERGING, as_cmap=True)


def _color(value: float, limit: float) -> Any:
    """Colour of a score on the diverging palette centred on 0 with limits ±limit."""
    v = 0.0 if value != value else max(-1.0, min(1.0, value / limit))
    return _cmap()((v + 1) / 2)


def _label_of(value: float, threshold: float = 0.05) -> str:
    return "positive" if value >= threshold else "negative" if value <= -threshold else "neutral"


def plot_sentiment_arc(
    sentences: pd.DataFrame,
    *,
    ax: Any = None,
    score: str = "compound",
    limit: float = 1.0,
    ylabel: str = COMPOUND_LABEL,
) -> Any:
    """The sentiment arc: sentence order vs. score, with paragraph and section markers.

    Parameters
    ----------
    sentences : DataFrame
        :func:`newsframe.sentiment.sentence_table` (columns ``sentence``, ``paragraph``,
        ``section`` and ``score``; ``label`` if present picks the marker).
    score : str
        Column to plot (default ``compound``).
    limit : float
        Symmetric y limit (default 1, the compound range).

    Returns
    -------
    matplotlib Axes
        Stems coloured on a diverging palette, markers ▲ positive / ● neutral /
        ▼ negative, dotted lines where a paragraph starts, solid lines and the
        subheading where a section starts.
    """
    t = _check("sentences", sentences, ("sentence", "paragraph", "section", score)).reset_index(drop=True)
    ax = _axes(ax, (10, 4.2))
    x = t["sentence"].to_numpy()
    y = t[score].fillna(0.0).to_numpy()
    labels = t["label"].fillna("neutral") if "label" in t else pd.Series([_label_of(v) for v in y])
    ax.axhspan(-0.05, 0.05, color="0.92", zorder=0, lw=0)
    ax.axhline(0, color="0.4", lw=0.8, zorder=1)
    for xi, yi in zip(x, y):
        ax.vlines(xi, 0, yi, color=_color(yi, limit), lw=2.2, zorder=2)
    for lab in _LABEL_ORDER:
        mask = (labels == lab).to_numpy()
        if mask.any():
            ax.scatter(x[mask], y[mask], marker=LABEL_MARKERS[lab], s=42, zorder=3,
                       c=[_color(v, limit) for v in y[mask]], edgecolors="0.15", linewidths=0.6, label=lab)
    prev_para, prev_section = None, None
    for xi, para, section in zip(x, t["paragraph"], t["section"]):
        if section != prev_section and prev_section is not None:
            ax.axvline(xi - 0.5, color="0.25", lw=1.1, zorder=1)
        if section != prev_section:
            ax.text(xi - 0.4, limit * 0.97, str(section), rotation=90, va="top", ha="left", fontsize=7.5, color="0.25")
        elif para != prev_para:
            ax.axvline(xi - 0.5, color="0.6", lw=0.8, ls=":", zorder=1)
        prev_para, prev_section = para, section
    ax.set_ylim(-limit * 1.02, limit * 1.02)
    ax.set_xlim(x.min() - 0.8, x.max() + 0.8)
    ax.set_xlabel("Sentence, in reading order (dotted: new paragraph; solid: new section)")
    ax.set_ylabel(ylabel)
    ax.legend(title="label", loc="lower right", fontsize=8, title_fontsize=8, frameon=False, ncol=3)
    return ax


def plot_sentiment_distribution(
    sentences: pd.DataFrame,
    *,
    ax: Any = None,
    score: str = "compound",
    bins: int = 21,
    limit: float = 1.0,
    xlabel: str = COMPOUND_LABEL,
) -> Any:
    """Histogram of sentence scores, bins coloured on the diverging palette.

    Bins are centred on 0 (an odd ``bins`` puts one bin exactly over the neutral band
    ±0.05 with the default 21 bins), so neutral sentences do not fall into a positive
    bin; the neutral band is shaded and the x axis symmetric.

    Returns
    -------
    matplotlib Axes
    """
    import numpy as np

    t = _check("sentences", sentences, (score,))
    ax = _axes(ax, (7, 3.8))
    values = t[score].dropna().to_numpy()
    if bins < 3 or bins % 2 == 0:
        raise ValueError(f"bins must be an odd number >= 3 (one bin centred on 0), not {bins}")
    half = limit / (bins - 1)
    edges = np.linspace(-limit - half, limit + half, bins + 1)
    counts, _ = np.histogram(values, bins=edges)
    centers = (edges[:-1] + edges[1:]) / 2
    ax.axvspan(-0.05, 0.05, color="0.9", zorder=0, lw=0, label="neutral band (±0.05)")
    ax.bar(centers, counts, width=edges[1] - edges[0], color=[_color(c, limit) for c in centers],
           edgecolor="0.2", linewidth=0.6, zorder=2)
    ax.set_xlim(-limit - half, limit + half)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("Sentences")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    return ax


def plot_group_sentiment(
    groups: pd.DataFrame,
    *,
    group: str,
    ax: Any = None,
    score: str = "mean",
    count: str | None = "n_sentences",
    order: Sequence[str] | None = None,
    limit: float = 1.0,
    xlabel: str = "Mean VADER compound of the sentences, −1 to 1",
) -> Any:
    """Horizontal diverging bars of a score per group (section, paragraph, voice…).

    Parameters
    ----------
    groups : DataFrame
        e.g. :func:`newsframe.sentiment.section_table` (``group="section"``) or
        :func:`newsframe.sentiment.voice_sentiment` (``group="voice"``,
        ``count="n_segments"``).
    group : str
        Column naming the bars.
    score : str
        Column with the bar length (default ``mean``).
    count : str or None
        Column printed next to each bar as ``n = …``.
    order : sequence of str, optional
        Bar order top to bottom (default: the table's order).
    limit : float
        Symmetric x limit.

    Returns
    -------
    matplotlib Axes
        The sign is told by the bar's side of zero and printed with the value.
    """
    cols = [group, score] + ([count] if count else [])
    t = _check("groups", groups, cols).reset_index(drop=True)
    if order is not None:
        missing = [g for g in order if g not in set(t[group])]
        if missing:
            raise ValueError(f"order names groups not in the table: {missing}")
        t = t.set_index(group).loc[list(order)].reset_index()
    ax = _axes(ax, (8, 0.55 * len(t) + 1.4))
    ypos = list(range(len(t)))[::-1]
    values = t[score].fillna(0.0)
    ax.barh(ypos, values, color=[_color(v, limit) for v in values], edgecolor="0.2", linewidth=0.6,
            hatch=None, zorder=2)
    import matplotlib.transforms as mtransforms

    margin = mtransforms.blended_transform_factory(ax.transAxes, ax.transData)
    for y, v, (_, row) in zip(ypos, values, t.iterrows()):
        note = f"{v:+.2f}" + (f"  (n = {int(row[count])})" if count else "")
        ax.text(1.01, y, note, va="center", ha="left", fontsize=8, transform=margin, clip_on=False)
    ax.axvline(0, color="0.3", lw=0.9)
    ax.set_yticks(ypos)
    ax.set_yticklabels([str(g) for g in t[group]])
    ax.set_xlim(-limit, limit)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    return ax


def plot_label_shares(
    groups: pd.DataFrame,
    *,
    group: str,
    ax: Any = None,
    order: Sequence[str] | None = None,
    xlabel: str = "Share of sentences, %",
) -> Any:
    """100 % stacked bars of negative / neutral / positive shares per group.

    ``groups`` needs ``negative_share``, ``neutral_share`` and ``positive_share``
    (0…1), e.g. :func:`newsframe.sentiment.section_table`. Negative is drawn left,
    positive right, each with its own hatch as well as colour.

    Returns
    -------
    matplotlib Axes
    """
    from newsframe.plotting import SENTIMENT_COLORS

    t = _check("groups", groups, (group, "negative_share", "neutral_share", "positive_share")).reset_index(drop=True)
    if order is not None:
        t = t.set_index(group).loc[list(order)].reset_index()
    ax = _axes(ax, (8, 0.5 * len(t) + 1.4))
    ypos = list(range(len(t)))[::-1]
    left = [0.0] * len(t)
    for lab in _LABEL_ORDER:
        vals = (t[f"{lab}_share"].fillna(0.0) * 100).tolist()
        ax.barh(ypos, vals, left=left, color=SENTIMENT_COLORS[lab], hatch=_HATCHES[lab], edgecolor="white",
                linewidth=0.6, label=lab)
        left = [a + b for a, b in zip(left, vals)]
    ax.set_yticks(ypos)
    ax.set_yticklabels([str(g) for g in t[group]])
    ax.set_xlim(0, 100)
    ax.set_xlabel(xlabel)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, frameon=False, fontsize=8)
    return ax


def plot_actor_sentiment(
    actors: pd.DataFrame,
    *,
    ax: Any = None,
    score: str = "mean",
    compare: str | None = "sentence_mean",
    min_mentions: int = 1,
    limit: float = 1.0,
    xlabel: str = "Stance toward the actor (targeted), −1 to 1",
) -> Any:
    """Mean targeted stance per actor, with the plain sentence score for comparison.

    Parameters
    ----------
    actors : DataFrame
        :func:`newsframe.sentiment.actor_sentiment` (``actor``, ``mentions``, ``mean``,
        ``sentence_mean``).
    compare : str or None
        Column drawn as a hollow diamond on each bar (default: the mean VADER compound
        of the sentences naming the actor), to show what targeting changes.
    min_mentions : int
        Leave out actors with fewer mentions (a filter, not a statistic).

    Returns
    -------
    matplotlib Axes
    """
    cols = ["actor", "mentions", score] + ([compare] if compare else [])
    t = _check("actors", actors, cols)
    t = t[t["mentions"] >= min_mentions].reset_index(drop=True)
    if t.empty:
        raise ValueError(f"no actor has at least {min_mentions} mentions")
    ax = plot_group_sentiment(t, group="actor", ax=ax, score=score, count="mentions", limit=limit, xlabel=xlabel)
    if compare:
        ypos = list(range(len(t)))[::-1]
        ax.scatter(t[compare].fillna(0.0), ypos, marker="D", s=30, facecolors="none", edgecolors="0.1",
                   linewidths=1.0, zorder=4, label="mean VADER compound of its sentences")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False, fontsize=8)
    return ax


def plot_method_agreement(
    sentences: pd.DataFrame,
    *,
    ax: Any = None,
    x: str = "compound",
    y: str = "afinn",
    annotation: str | None = None,
    xlabel: str = COMPOUND_LABEL,
    ylabel: str = "AFINN-165 sum of word valences (higher = more positive)",
) -> Any:
    """Scatter of two methods' sentence scores (VADER vs. AFINN), markers by VADER label.

    Both axes are symmetric around 0; the quadrants where the methods disagree in sign
    are shaded. ``annotation`` (e.g. the correlations of
    :func:`newsframe.sentiment.method_agreement`) is printed in a corner as given.

    Returns
    -------
    matplotlib Axes
    """
    t = _check("sentences", sentences, (x, y)).dropna(subset=[x, y])
    ax = _axes(ax, (6, 5))
    ylim = max(1.0, float(t[y].abs().max()) * 1.1)
    ax.fill_between([0, 1], 0, -ylim, color="0.93", lw=0, zorder=0)
    ax.fill_between([-1, 0], 0, ylim, color="0.93", lw=0, zorder=0, label="methods disagree in sign")
    ax.axhline(0, color="0.4", lw=0.8)
    ax.axvline(0, color="0.4", lw=0.8)
    labels = t["label"] if "label" in t else pd.Series([_label_of(v) for v in t[x]], index=t.index)
    for lab in _LABEL_ORDER:
        sub = t[labels == lab]
        if len(sub):
            ax.scatter(sub[x], sub[y], marker=LABEL_MARKERS[lab], s=44, c=[_color(v, 1.0) for v in sub[x]],
                       edgecolors="0.15", linewidths=0.6, label=f"VADER {lab}", zorder=3)
    ax.set_xlim(-1, 1)
    ax.set_ylim(-ylim, ylim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if annotation:
        ax.text(0.02, 0.98, annotation, transform=ax.transAxes, va="top", ha="left", fontsize=8.5,
                bbox={"boxstyle": "round", "fc": "white", "ec": "0.7"})
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return ax
