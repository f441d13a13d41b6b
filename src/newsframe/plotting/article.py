"""Figures of one article's make-up: paragraph and sentence lengths, top words, removed chrome.

Each function only draws the tidy tables of :mod:`newsframe.stats`
(:func:`~newsframe.stats.paragraph_table`, :func:`~newsframe.stats.sentence_table`,
:func:`~newsframe.stats.vocabulary_table`, :func:`~newsframe.stats.removed_table`) and
returns the matplotlib ``Axes``.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> t = pd.DataFrame({"paragraph": [0, 1, 2], "n_words": [40, 12, 25], "subheading": [None, "Part two", "Part two"]})
>>> ax = plot_paragraph_lengths(t)
>>> ax.get_xlabel()
'Words in the paragraph'
"""

from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from newsframe.plotting import check_table as _check, new_axes as _axes

__all__ = ["plot_paragraph_lengths", "plot_sentence_lengths", "plot_top_words", "plot_removed_lines"]

#: Label of the paragraphs above the first subheading.
OPENING = "(opening)"
#: Legend labels of :func:`plot_removed_lines`.
DROPPED, KEPT = "dropped (page chrome)", "kept as metadata"






def plot_paragraph_lengths(paragraphs: pd.DataFrame, *, ax: Any = None) -> Any:
    """Words per paragraph in reading order, one bar each, coloured by the subheading it falls under.

    Parameters
    ----------
    paragraphs : DataFrame
        Columns ``paragraph``, ``n_words``, ``subheading`` (None/NaN before the first one),
        as from :func:`newsframe.stats.paragraph_table` for one article.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    import seaborn as sns

    t = _check("paragraphs", paragraphs, ("paragraph", "n_words", "subheading")).copy()
    t["part"] = t["subheading"].astype(object).where(t["subheading"].notna(), OPENING)
    t["label"] = (t["paragraph"] + 1).astype(str)
    order = list(dict.fromkeys(t["part"]))
    ax = _axes(ax, (7.5, max(3.0, 0.32 * len(t) + 1.2)))
    sns.barplot(data=t, y="label", x="n_words", hue="part", hue_order=order, order=list(t["label"]),
                dodge=False, orient="h", ax=ax)
    ax.set_xlabel("Words in the paragraph")
    ax.set_ylabel("Paragraph (reading order)")
    ax.legend(title="Under subheading", loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize="small",
              title_fontsize="small", frameon=False)
    return ax


def plot_sentence_lengths(sentences: pd.DataFrame, *, binwidth: int = 5, ax: Any = None) -> Any:
    """Histogram of words per sentence, with each sentence as a tick below it.

    Parameters
    ----------
    sentences : DataFrame
        Column ``n_words`` (as from :func:`newsframe.stats.sentence_table`).
    binwidth : int
        Width of a bar in words (default 5).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    import seaborn as sns

    t = _check("sentences", sentences, ("n_words",))
    if not isinstance(binwidth, int) or binwidth < 1:
        raise ValueError(f"binwidth must be a positive integer, not {binwidth!r}")
    ax = _axes(ax, (7.0, 3.6))
    sns.histplot(data=t, x="n_words", binwidth=binwidth, binrange=(0, int(t["n_words"].max()) + binwidth),
                 ax=ax, color="#0072b2")
    sns.rugplot(data=t, x="n_words", ax=ax, color="#222222", height=0.04)
    ax.set_xlabel("Words in the sentence")
    ax.set_ylabel("Sentences")
    return ax


def plot_top_words(vocabulary: pd.DataFrame, *, top_n: int = 20, ax: Any = None) -> Any:
    """Horizontal bars of the most frequent words, most frequent on top.

    Parameters
    ----------
    vocabulary : DataFrame
        Columns ``term``, ``count``, ``rank`` (as from :func:`newsframe.stats.vocabulary_table`
        for one article); rows with ``rank <= top_n`` are drawn.
    top_n : int
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    import seaborn as sns

    t = _check("vocabulary", vocabulary, ("term", "count", "rank"))
    if not isinstance(top_n, int) or top_n < 1:
        raise ValueError(f"top_n must be a positive integer, not {top_n!r}")
    t = t[t["rank"] <= top_n].sort_values(["rank", "term"])
    ax = _axes(ax, (6.5, max(3.0, 0.28 * len(t) + 1.0)))
    sns.barplot(data=t, y="term", x="count", order=list(t["term"]), orient="h", color="#0072b2", ax=ax)
    ax.set_xlabel("Occurrences in the story text")
    ax.set_ylabel("")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return ax


def plot_removed_lines(removed: pd.DataFrame, *, ax: Any = None) -> Any:
    """How many source lines each rule took out of the text, largest first.

    Lines kept as metadata (column ``kept_as`` set: headline, section, byline…) are
    drawn apart from chrome that is dropped.

    Parameters
    ----------
    removed : DataFrame
        Columns ``rule`` and ``kept_as`` (as from :func:`newsframe.stats.removed_table`).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    import seaborn as sns

    t = _check("removed", removed, ("rule", "kept_as")).copy()
    t["what"] = t["kept_as"].notna().map({True: KEPT, False: DROPPED})
    counts = t["rule"].value_counts()
    order = sorted(counts.index, key=lambda r: (-counts[r], r))
    ax = _axes(ax, (6.5, max(2.5, 0.35 * len(order) + 1.0)))
    sns.countplot(data=t, y="rule", order=order, hue="what", hue_order=[DROPPED, KEPT], dodge=False,
                  palette={DROPPED: "#d55e00", KEPT: "#0072b2"}, ax=ax)
    ax.legend(title=None, loc="lower right", frameon=False)
    ax.set_xlabel("Lines removed from the source")
    ax.set_ylabel("Rule")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return ax
