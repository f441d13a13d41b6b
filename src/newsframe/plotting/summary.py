"""The one-figure summary of an article, the corpus comparison, and overview diagrams.

Every function here only draws: the tidy tables come from
:func:`newsframe.report.summary_tables` and :func:`newsframe.report.comparison_tables`.
A panel whose table is ``None`` says *not available* (the analysis module is not
installed); a panel whose table is empty says *none found* (the module ran and found
nothing, e.g. an article without quotes).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> arc = pd.DataFrame({"sentence": [0, 1, 2], "compound": [0.5, -0.4, 0.0],
...                     "label": ["positive", "negative", "neutral"], "rolling": [0.05, 0.03, -0.2],
...                     "section": ["Opening"] * 3})
>>> fig = plot_summary(sentiment_arc=arc)
>>> [ax.get_title(loc="left") for ax in fig.axes]
['Sentiment arc', 'Frames by section', 'Voice share', 'Top keywords']
"""

from __future__ import annotations

import textwrap
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from newsframe.plotting import SENTIMENT_COLORS, check_table

__all__ = [
    "plot_summary",
    "plot_sentiment_arc",
    "plot_frames_by_section",
    "plot_voice_share",
    "plot_top_keywords",
    "plot_comparison",
    "plot_structure",
    "plot_pipeline",
]

#: What an unavailable panel says.
NOT_AVAILABLE = "not available"
_INK = "#222222"
_MUTED = "#6b6b6b"
_ACCENT = "#0072b2"  # colour-blind palette blue
_UNATTRIBUTED = "#9e9e9e"


def _new_figure(figure: Any, figsize: tuple[float, float]) -> Any:
    if figure is not None:
        figure.set_size_inches(*figsize)
        return figure
    import matplotlib.pyplot as plt

    return plt.figure(figsize=figsize)


def _empty_panel(ax: Any, title: str, message: str) -> Any:
    ax.set_title(title, loc="left")
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=_MUTED,
            fontsize=11, style="italic", wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax


def _wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(label), width=width)) or str(label)


def plot_sentiment_arc(arc: pd.DataFrame | None, *, ax: Any, title: str = "Sentiment arc",
                       reason: str = NOT_AVAILABLE) -> Any:
    """Per-sentence sentiment in reading order, with a rolling mean.

    Parameters
    ----------
    arc : DataFrame or None
        Columns ``sentence``, ``compound`` (−1 to 1, higher = more positive), ``label``,
        ``rolling`` (rolling mean of ``compound``) and optionally ``section``.
        ``None`` draws a *not available* panel.
    ax : matplotlib Axes
    title, reason : str
        Panel title; message of an unavailable panel.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_sentiment_arc(None, ax=plt.figure().add_subplot())
    >>> ax.texts[0].get_text()
    'not available'
    """
    arc = check_table("sentiment_arc", arc, ("sentence", "compound", "label", "rolling"), allow_empty=True, allow_none=True)
    if arc is None:
        return _empty_panel(ax, title, reason)
    if arc.empty:
        return _empty_panel(ax, title, "no sentences")
    colors = [SENTIMENT_COLORS.get(str(lab), SENTIMENT_COLORS["neutral"]) for lab in arc["label"]]
    hatches = ["////" if lab == "negative" else "" for lab in arc["label"]]
    x = arc["sentence"] + 1  # sentence numbers as readers count them
    bars = ax.bar(x, arc["compound"], color=colors, width=0.85, edgecolor="white", linewidth=0.3)
    for bar, hatch in zip(bars, hatches):
        if hatch:
            bar.set_hatch(hatch)
            bar.set_edgecolor("#7a3600")
    ax.plot(x, arc["rolling"], color=_INK, linewidth=1.8, label="rolling mean")
    ax.axhline(0, color=_INK, linewidth=0.6)
    if "section" in arc.columns:
        starts = arc.loc[arc["section"].ne(arc["section"].shift()), "sentence"].tolist()[1:]
        for start in starts:
            ax.axvline(start + 0.5, color=_MUTED, linewidth=0.8, linestyle=":")
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlim(0.2, max(float(x.max()), 2.0) + 0.8)
    ax.set_xlabel("sentence number, in reading order (dotted lines: new section)")
    ax.set_ylabel("VADER compound, \u22121 to 1")
    ax.set_title(title, loc="left")
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=SENTIMENT_COLORS["positive"], label="positive"),
        Patch(facecolor=SENTIMENT_COLORS["negative"], hatch="////", edgecolor="#7a3600", label="negative"),
        ax.lines[0],
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False, ncol=3)
    return ax


def plot_frames_by_section(frames: pd.DataFrame | None, *, ax: Any, title: str = "Frames by section",
                           top_n: int = 10, reason: str = NOT_AVAILABLE) -> Any:
    """Heat map: how many sentences of each section carry each frame (numbers printed).

    Frames are rows (the ``top_n`` with the most sentences, most first; frames found
    nowhere are left out), sections are columns in reading order.

    Parameters
    ----------
    frames : DataFrame or None
        Long table with columns ``section`` (in reading order), ``frame``, ``sentences``
        (count, higher = more).
    ax : matplotlib Axes
    top_n : int
        Frames shown.

    Returns
    -------
    matplotlib Axes
    """
    frames = check_table("frames_by_section", frames, ("section", "frame", "sentences"), allow_empty=True, allow_none=True)
    if frames is None:
        return _empty_panel(ax, title, reason)
    if frames.empty or not frames["sentences"].sum():
        return _empty_panel(ax, title, "no frame cues found")
    import seaborn as sns

    sections = list(dict.fromkeys(frames["section"]))
    totals = frames.groupby("frame")["sentences"].sum()
    order = sorted((f for f in totals.index if totals[f] > 0), key=lambda f: (-totals[f], f))
    hidden = len(order) - top_n
    order = order[:top_n]
    grid = frames.pivot_table(index="frame", columns="section", values="sentences", aggfunc="sum", fill_value=0)
    grid = grid.reindex(index=order, columns=sections, fill_value=0).astype(int)
    sns.heatmap(grid, ax=ax, annot=True, fmt="d", cmap="Blues", cbar=False, linewidths=0.5, linecolor="white",
                vmin=0, annot_kws={"fontsize": 8})
    ax.set_yticklabels([_wrap(str(f).replace("_", " "), 22) for f in grid.index], rotation=0, fontsize=8)
    ax.set_xticklabels([_wrap(s, 18) for s in grid.columns], rotation=0, fontsize=7)
    ax.set_xlabel("cells: sentences of the section that cue the frame"
                  + (f"; {hidden} more frame{'s' if hidden > 1 else ''} not shown" if hidden > 0 else ""), fontsize=8)
    ax.set_ylabel("")
    ax.set_title(title, loc="left")
    return ax


def plot_voice_share(voices: pd.DataFrame | None, *, ax: Any, title: str = "Voice share", top_n: int = 8,
                     reason: str = NOT_AVAILABLE) -> Any:
    """Horizontal bars: each speaker's share of the quoted words.

    Parameters
    ----------
    voices : DataFrame or None
        Columns ``speaker``, ``quotes``, ``words``, ``share`` (0 to 1, of all quoted
        words), sorted as they should be drawn (largest first).
    top_n : int
        Speakers drawn; the rest are summed into "others".

    Returns
    -------
    matplotlib Axes
    """
    voices = check_table("voice_share", voices, ("speaker", "quotes", "words", "share"), allow_empty=True, allow_none=True)
    if voices is None:
        return _empty_panel(ax, title, reason)
    if voices.empty:
        return _empty_panel(ax, title, "no quotes found")
    shown = voices.head(top_n)
    rest = voices.iloc[top_n:]
    if len(rest):
        shown = pd.concat([shown, pd.DataFrame([{"speaker": f"{len(rest)} others", "quotes": rest["quotes"].sum(),
                                                  "words": rest["words"].sum(), "share": rest["share"].sum()}])],
                          ignore_index=True)
    y = np.arange(len(shown))
    unattributed = shown["speaker"].eq("unattributed").to_numpy()
    colors = [_UNATTRIBUTED if u else _ACCENT for u in unattributed]
    bars = ax.barh(y, shown["share"] * 100, color=colors)
    for bar, u in zip(bars, unattributed):
        if u:
            bar.set_hatch("xx")
            bar.set_edgecolor("#555555")
    for yi, (share, n) in enumerate(zip(shown["share"], shown["quotes"])):
        ax.text(share * 100 + 1, yi, f"{share:.0%} ({int(n)} quote{'s' if n != 1 else ''})", va="center", fontsize=8)
    ax.set_yticks(y, [_wrap(s, 22) for s in shown["speaker"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 119)
    ax.set_xlabel("share of quoted words, %")
    ax.set_title(title, loc="left")
    return ax


def plot_top_keywords(keywords: pd.DataFrame | None, *, ax: Any, title: str = "Top keywords", top_n: int = 10,
                      reason: str = NOT_AVAILABLE) -> Any:
    """Horizontal bars of keyword scores, best first.

    Parameters
    ----------
    keywords : DataFrame or None
        Columns ``term``, ``score`` (higher = more key), ``rank`` (1 = best).

    Returns
    -------
    matplotlib Axes
    """
    keywords = check_table("keywords", keywords, ("term", "score", "rank"), allow_empty=True, allow_none=True)
    if keywords is None:
        return _empty_panel(ax, title, reason)
    if keywords.empty:
        return _empty_panel(ax, title, "no keywords found")
    shown = keywords.sort_values(["rank", "term"]).head(top_n)
    y = np.arange(len(shown))
    ax.barh(y, shown["score"], color=_ACCENT)
    ax.set_yticks(y, [_wrap(t, 24) for t in shown["term"]], fontsize=8)
    ax.invert_yaxis()
    method = ", ".join(sorted({str(m) for m in shown["method"]})) if "method" in shown.columns else ""
    ax.set_xlabel(f"keyword score, higher = more key{f' ({method})' if method else ''}")
    ax.set_title(title, loc="left")
    return ax


def plot_summary(
    *,
    sentiment_arc: pd.DataFrame | None = None,
    frames_by_section: pd.DataFrame | None = None,
    voice_share: pd.DataFrame | None = None,
    keywords: pd.DataFrame | None = None,
    title: str | None = None,
    reasons: Mapping[str, str] | None = None,
    figure: Any = None,
) -> Any:
    """One figure, four panels: sentiment arc, frames by section, voice share, top keywords.

    Parameters
    ----------
    sentiment_arc, frames_by_section, voice_share, keywords : DataFrame or None
        The tables of :func:`newsframe.report.summary_tables` (see the ``plot_*``
        function of each panel for its columns). ``None``: the panel says *not available*.
    title : str, optional
        Figure title.
    reasons : mapping, optional
        Message for an unavailable panel, by table name.
    figure : matplotlib Figure, optional
        Draw into this figure (e.g. a ``matplotlib.figure.Figure`` outside pyplot);
        default: a new pyplot figure.

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> fig = plot_summary()
    >>> sum(t.get_text() == "not available" for ax in fig.axes for t in ax.texts)
    4
    """
    reasons = dict(reasons or {})
    fig = _new_figure(figure, (13.0, 9.0))
    axes = fig.subplots(2, 2, gridspec_kw={"width_ratios": [1.35, 1.0], "hspace": 0.55, "wspace": 0.45})
    plot_sentiment_arc(sentiment_arc, ax=axes[0, 0], reason=reasons.get("sentiment_arc", NOT_AVAILABLE))
    plot_frames_by_section(frames_by_section, ax=axes[0, 1], reason=reasons.get("frames_by_section", NOT_AVAILABLE))
    plot_voice_share(voice_share, ax=axes[1, 0], reason=reasons.get("voice_share", NOT_AVAILABLE))
    plot_top_keywords(keywords, ax=axes[1, 1], reason=reasons.get("keywords", NOT_AVAILABLE))
    if title:
        fig.suptitle(_wrap(title, 90), x=0.02, ha="left", fontsize=14, fontweight="bold")
    return fig


def plot_comparison(
    *,
    tone: pd.DataFrame | None = None,
    frames: pd.DataFrame | None = None,
    voices: pd.DataFrame | None = None,
    keyness: pd.DataFrame | None = None,
    reasons: Mapping[str, str] | None = None,
    figure: Any = None,
) -> Any:
    """Articles side by side: tone, frames, voices and keyness (one row of panels each).

    Parameters
    ----------
    tone : DataFrame or None
        ``article_id``, ``mean_compound`` (−1 to 1), ``negative_share``, ``positive_share`` (0 to 1).
    frames : DataFrame or None
        ``article_id``, ``frame``, ``score`` (higher = more).
    voices : DataFrame or None
        ``article_id``, ``speaker``, ``share`` (of the article's quoted words).
    keyness : DataFrame or None
        ``article_id``, ``term``, ``keyness`` (higher = more typical of the article),
        ``rank``.
    figure : matplotlib Figure, optional

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> import pandas as pd
    >>> tone = pd.DataFrame({"article_id": ["a", "b"], "mean_compound": [0.2, -0.3],
    ...                      "negative_share": [0.1, 0.5], "positive_share": [0.4, 0.1]})
    >>> fig = plot_comparison(tone=tone)
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['Tone', 'Frames', 'Voices', 'Keyness']
    """
    import seaborn as sns

    reasons = dict(reasons or {})
    ids: list[str] = []
    for t in (tone, frames, voices, keyness):
        if isinstance(t, pd.DataFrame) and "article_id" in t.columns:
            ids.extend(str(i) for i in t["article_id"])
    ids = list(dict.fromkeys(ids))
    height = max(3.2, 0.45 * len(ids) + 2.0)
    fig = _new_figure(figure, (14.0, 2 * height + 1.0))
    axes = fig.subplots(2, 2, gridspec_kw={"hspace": 0.6, "wspace": 0.55})
    labels = {i: _wrap(i, 28) for i in ids}

    ax = axes[0, 0]
    tone = check_table("tone", tone, ("article_id", "mean_compound", "negative_share", "positive_share"), allow_empty=True, allow_none=True)
    if tone is None or tone.empty:
        _empty_panel(ax, "Tone", reasons.get("tone", NOT_AVAILABLE) if tone is None else "no articles")
    else:
        y = np.arange(len(tone))
        colors = [SENTIMENT_COLORS["positive"] if v >= 0 else SENTIMENT_COLORS["negative"] for v in tone["mean_compound"]]
        bars = ax.barh(y, tone["mean_compound"], color=colors)
        for bar, v in zip(bars, tone["mean_compound"]):
            if v < 0:
                bar.set_hatch("////")
                bar.set_edgecolor("#7a3600")
        for yi, (m, neg, pos) in enumerate(zip(tone["mean_compound"], tone["negative_share"], tone["positive_share"])):
            ax.text(0.98, yi, f"{m:+.2f}  (neg {neg:.0%}, pos {pos:.0%})", va="center", ha="right", fontsize=8,
                    transform=ax.get_yaxis_transform())
        lim = max(0.25, float(np.nanmax(np.abs(tone["mean_compound"].to_numpy(dtype=float)))) * 1.15 if len(tone) else 0.25)
        ax.set_xlim(-lim * 2.2, lim * 2.2)
        ax.axvline(0, color=_INK, linewidth=0.6)
        ax.set_yticks(y, [labels.get(str(i), str(i)) for i in tone["article_id"]], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel("mean VADER compound per sentence, \u22121 to 1")
        ax.set_title("Tone", loc="left")

    ax = axes[0, 1]
    frames = check_table("frames", frames, ("article_id", "frame", "score"), allow_empty=True, allow_none=True)
    if frames is None or frames.empty:
        _empty_panel(ax, "Frames", reasons.get("frames", NOT_AVAILABLE) if frames is None else "no frames found")
    else:
        order = list(dict.fromkeys(frames["article_id"]))
        totals = frames.groupby("frame")["score"].sum()
        columns = sorted(totals.index, key=lambda f: (-totals[f], f))
        grid = frames.pivot_table(index="article_id", columns="frame", values="score", aggfunc="sum", fill_value=0.0)
        grid = grid.reindex(index=order, columns=columns, fill_value=0.0)
        sns.heatmap(grid, ax=ax, annot=True, fmt=".2f", cmap="Blues", cbar=False, linewidths=0.5, linecolor="white",
                    vmin=0, annot_kws={"fontsize": 7})
        ax.set_yticklabels([labels.get(str(i), str(i)) for i in grid.index], rotation=0, fontsize=8)
        ax.set_xticklabels([_wrap(str(f).replace("_", " "), 14) for f in grid.columns], rotation=45, ha="right",
                           fontsize=8)
        ax.set_xlabel("frame score, higher = more")
        ax.set_ylabel("")
        ax.set_title("Frames", loc="left")

    ax = axes[1, 0]
    voices = check_table("voices", voices, ("article_id", "speaker", "share"), allow_empty=True, allow_none=True)
    if voices is None or voices.empty:
        _empty_panel(ax, "Voices", reasons.get("voices", NOT_AVAILABLE) if voices is None else "no quotes found")
    else:
        order = list(dict.fromkeys(voices["article_id"]))
        left = np.zeros(len(order))
        pos = {a: i for i, a in enumerate(order)}
        for _, row in voices.iterrows():
            i = pos[row["article_id"]]
            unattributed = row["speaker"] == "unattributed"
            bar = ax.barh(i, row["share"] * 100, left=left[i], color=_UNATTRIBUTED if unattributed else _ACCENT,
                          edgecolor="white", hatch="xx" if unattributed else None, linewidth=0.8)
            if row["share"] >= 0.12:
                ax.text(left[i] + row["share"] * 50, i, _wrap(row["speaker"], 14), ha="center", va="center",
                        fontsize=7, color="white" if not unattributed else _INK)
            del bar
            left[i] += row["share"] * 100
        ax.set_yticks(np.arange(len(order)), [labels.get(str(i), str(i)) for i in order], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("share of quoted words, % (labelled: speakers with 12% or more)")
        ax.set_title("Voices", loc="left")

    ax = axes[1, 1]
    keyness = check_table("keyness", keyness, ("article_id", "term", "keyness", "rank"), allow_empty=True, allow_none=True)
    if keyness is None or keyness.empty:
        _empty_panel(ax, "Keyness", reasons.get("keyness", NOT_AVAILABLE) if keyness is None
                     else "needs two or more articles")
    else:
        ax.set_title("Keyness", loc="left")
        ax.axis("off")
        order = list(dict.fromkeys(keyness["article_id"]))
        lines = []
        for a in order:
            terms = keyness[keyness["article_id"] == a].sort_values(["rank", "term"]).head(6)["term"].tolist()
            lines.append((labels.get(str(a), str(a)), ", ".join(terms) or "(none)"))
        n = max(len(lines), 1)
        for i, (lab, terms) in enumerate(lines):
            yy = 1 - (i + 0.5) / n
            ax.text(0.0, yy, lab, fontsize=8, fontweight="bold", va="center", transform=ax.transAxes)
            ax.text(0.42, yy, _wrap(terms, 40), fontsize=8, va="center", transform=ax.transAxes)
        ax.text(0.0, -0.04, "words most typical of each article vs the others (log-odds z, Monroe et al. 2008)",
                fontsize=7, color=_MUTED, transform=ax.transAxes)
    return fig


def plot_structure(paragraphs: pd.DataFrame, *, ax: Any = None, title: str = "Article structure") -> Any:
    """Words per paragraph in reading order, one colour and label per section.

    Parameters
    ----------
    paragraphs : DataFrame
        Columns ``paragraph`` (0-based), ``words``, ``sentences`` and ``section``
        (in reading order), as from :func:`newsframe.report.structure_table`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"paragraph": [0, 1], "words": [40, 12], "sentences": [2, 1], "section": ["Opening", "Later"]})
    >>> plot_structure(t).get_xlabel()
    'words per paragraph'
    """
    paragraphs = check_table("paragraphs", paragraphs, ("paragraph", "words", "sentences", "section"), allow_empty=True, allow_none=True)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(8.0, max(3.0, 0.28 * len(paragraphs) + 1.2)))
    assert paragraphs is not None
    if paragraphs.empty:
        return _empty_panel(ax, title, "no paragraphs")
    import seaborn as sns

    sections = list(dict.fromkeys(paragraphs["section"]))
    palette = dict(zip(sections, sns.color_palette("colorblind", len(sections))))
    y = np.arange(len(paragraphs))
    ax.barh(y, paragraphs["words"], color=[palette[s] for s in paragraphs["section"]])
    for yi, (w, n) in enumerate(zip(paragraphs["words"], paragraphs["sentences"])):
        ax.text(w + 1, yi, f"{int(n)} sent.", va="center", fontsize=7, color=_MUTED)
    ax.set_yticks(y, [f"\u00b6{int(p) + 1}" for p in paragraphs["paragraph"]], fontsize=7)
    ax.invert_yaxis()
    for s in sections:
        row = int(np.flatnonzero(paragraphs["section"].to_numpy() == s)[0])
        if row:
            ax.axhline(row - 0.5, color=_MUTED, linewidth=0.8, linestyle=":")
        ax.text(1.01, row - 0.4, _wrap(s, 30), transform=ax.get_yaxis_transform(), va="top", fontsize=7,
                color=_INK, fontweight="bold")
    ax.set_xlim(0, float(paragraphs["words"].max()) * 1.18 + 1)
    ax.set_xlabel("words per paragraph")
    ax.set_title(title, loc="left")
    return ax


def plot_pipeline(stages: Sequence[tuple[str, str]], *, outputs: Sequence[str] = (), record: str = "JSON record",
                  ax: Any = None, title: str = "How newsframe reads an article") -> Any:
    """A left-to-right box diagram: article file → ingest → analysis stages → record → outputs.

    Parameters
    ----------
    stages : sequence of (name, what it does)
        The analysis steps, drawn as a column of boxes in the middle.
    outputs : sequence of str
        What is made from the record, drawn on the right.
    record : str
        Label of the box that collects every stage's result.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> ax = plot_pipeline([("sentiment", "tone per sentence")], outputs=["figures"])
    >>> sorted(t.get_text() for t in ax.texts if t.get_text())
    ['JSON record', 'article file\\n.txt / .md / .html', 'figures', 'ingest + text\\nparagraphs, sentences', 'sentiment\\ntone per sentence']
    """
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(12.0, max(3.2, 0.75 * len(stages) + 1.2)))
    from matplotlib.patches import FancyBboxPatch

    ax.set_xlim(0, 12)
    n = max(len(stages), len(outputs), 1)
    ax.set_ylim(0, n)
    ax.axis("off")

    def box(x: float, y: float, w: float, text: str, face: str) -> None:
        ax.add_patch(FancyBboxPatch((x, y - 0.32), w, 0.64, boxstyle="round,pad=0.02,rounding_size=0.08",
                                    facecolor=face, edgecolor=_INK, linewidth=0.8))
        ax.text(x + w / 2, y, text, ha="center", va="center", fontsize=8, color=_INK)

    def arrow(x0: float, y0: float, x1: float, y1: float) -> None:
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), arrowprops={"arrowstyle": "->", "color": _MUTED,
                                                                   "shrinkA": 2, "shrinkB": 2})

    mid = n / 2
    box(0.1, mid, 1.8, "article file\n.txt / .md / .html", "#f2f2f2")
    box(2.4, mid, 1.8, "ingest + text\nparagraphs, sentences", "#f2f2f2")
    arrow(1.95, mid, 2.4, mid)
    for i, (name, what) in enumerate(stages):
        y = n - (i + 0.5) * n / max(len(stages), 1)
        box(4.7, y, 2.6, f"{name}\n{what}", "#dbe9f6")
        arrow(4.25, mid, 4.7, y)
        arrow(7.35, y, 7.8, mid)
    box(7.8, mid, 1.5, record, "#fde7d6")
    for i, name in enumerate(outputs):
        y = n - (i + 0.5) * n / max(len(outputs), 1)
        box(9.8, y, 2.1, name, "#fde7d6")
        arrow(9.35, mid, 9.8, y)
    ax.set_title(title, loc="left")
    return ax
