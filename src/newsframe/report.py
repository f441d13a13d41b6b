"""The reader's view: findings in prose, summary tables, and the annotated article page.

Everything here works from the JSON record of :func:`newsframe.pipeline.article_record`
(the contract behind ``newsframe analyze --json``) and degrades gracefully: a key that
is missing because its analysis module is not installed leaves its part of the page,
its panel of the figure and its sentence of the findings saying *not available*.

- :func:`findings` — the main findings as sentences generated from the numbers.
- :func:`summary_tables` / :func:`summary_figure` — the one-figure summary.
- :func:`comparison_tables` / :func:`compare_articles` — many articles side by side.
- :func:`render_html` / :class:`ArticleView` / :func:`write_report` — the annotated
  article as one self-contained, accessible HTML page (inline CSS, no external
  resources, the summary figure embedded as a PNG); the same view renders inline in
  notebooks. Output is deterministic: the same input gives the same bytes.

Examples
--------
>>> from newsframe.ingest import Article
>>> rec = article_record(Article.from_text("Peace talks went well. Then they failed.", id="demo"),
...                      analyses=())
>>> findings(rec)[0]
'The article has 1 paragraph, 2 sentences and 7 words.'
>>> html = render_html(rec, figure=False)
>>> html.startswith("<!DOCTYPE html>") and 'lang="en"' in html
True
"""

from __future__ import annotations

import base64
import html as _html
import io
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from newsframe.ingest import Article, build_article
from newsframe.pipeline import ANALYSES, article_record

__all__ = [
    "SENTIMENT_BINS",
    "ArticleView",
    "analyses_present",
    "article_from_record",
    "compare_articles",
    "comparison_records",
    "comparison_tables",
    "findings",
    "keyness_table",
    "render_html",
    "structure_table",
    "summary_figure",
    "summary_tables",
    "write_report",
]

#: Shading classes of a sentence by VADER compound score (−1 to 1): (css class,
#: label, marker, lower bound inclusive, upper bound exclusive). The text marker
#: makes the shading readable without colour.
SENTIMENT_BINS: tuple[tuple[str, str, str, float, float], ...] = (
    ("neg2", "strongly negative", "\u2212\u2212", -math.inf, -0.5),
    ("neg1", "negative", "\u2212", -0.5, -0.05),
    ("neu", "neutral", "", -0.05, 0.05),
    ("pos1", "positive", "+", 0.05, 0.5),
    ("pos2", "strongly positive", "++", 0.5, math.inf),
)

_TEXT_INK = "#1a1a1a"
_NEG = "#d55e00"  # colour-blind palette vermillion
_POS = "#0072b2"  # colour-blind palette blue
_SPEAKER_INK = "#4a2377"


def _mix(hex_color: str, alpha: float) -> str:
    """``hex_color`` at opacity ``alpha`` over white, as ``#rrggbb``."""
    rgb = [int(hex_color[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 * (1 - alpha) + c * alpha):02x}" for c in rgb)


#: Background of each sentiment class (light tints: dark text keeps a contrast above 7:1).
SENTIMENT_BACKGROUNDS: dict[str, str] = {
    "neg2": _mix(_NEG, 0.42),
    "neg1": _mix(_NEG, 0.18),
    "neu": "#ffffff",
    "pos1": _mix(_POS, 0.16),
    "pos2": _mix(_POS, 0.38),
    "na": "#ffffff",
}


# --------------------------------------------------------------------------- records


def _as_record(obj: Any) -> dict[str, Any]:
    """An :class:`Article` or a record mapping → the record (a dict)."""
    if isinstance(obj, Article):
        return article_record(obj)
    if isinstance(obj, Mapping):
        missing = [k for k in ("id", "text", "paragraphs", "sentences") if k not in obj]
        if missing:
            raise ValueError(
                f"not an article record: keys {missing} are missing; pass an Article or the "
                "output of newsframe.pipeline.article_record()"
            )
        return dict(obj)
    raise TypeError(
        f"expected an Article or an article record (dict), not {type(obj).__name__}; "
        "load a file with newsframe.load_article(path)"
    )


def article_from_record(record: Mapping[str, Any]) -> Article:
    """Rebuild the :class:`Article` of a record (same text, same offsets).

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> art = Article.from_text("One.\\n\\nTwo.", id="x")
    >>> article_from_record(article_record(art, analyses=())).text == art.text
    True
    """
    rec = _as_record(record)
    art = build_article(
        [(p["text"], p.get("subheading")) for p in rec["paragraphs"]],
        id=str(rec["id"]),
        title=rec.get("title"),
        section=rec.get("section"),
        author=rec.get("author"),
        published=rec.get("published"),
        subheadings=rec.get("subheadings"),
        format="row",
    )
    if art.text != rec["text"]:
        raise ValueError(f"record {rec['id']!r}: its paragraphs do not rebuild its text")
    return art


#: Record key that shows each analysis ran.
_ANALYSIS_KEYS: dict[str, str] = {
    "sentiment": "sentiment",
    "framing": "frames",
    "quotes": "quotes",
    "actors": "actors",
    "keywords": "keywords",
}


def analyses_present(record: Mapping[str, Any]) -> dict[str, bool]:
    """Which analyses contributed to a record, by module name (in :data:`ANALYSES` order).

    Examples
    --------
    >>> analyses_present({"id": "x", "text": "", "paragraphs": [], "sentences": [], "quotes": []})["quotes"]
    True
    """
    rec = _as_record(record)
    out = {}
    for name in ANALYSES:
        key = _ANALYSIS_KEYS.get(name, name)
        out[name] = key in rec or any(key in s for s in rec["sentences"])
    return out


def _section_names(record: Mapping[str, Any]) -> dict[int, str]:
    """Paragraph index → section label ("Opening" before the first subheading)."""
    has_subheadings = any(p.get("subheading") for p in record["paragraphs"])
    return {
        int(p["index"]): (p.get("subheading") or ("Opening" if has_subheadings else "Whole article"))
        for p in record["paragraphs"]
    }


def _n_words(text: str) -> int:
    return len(text.split())


# --------------------------------------------------------------------------- tables


def structure_table(record: Mapping[str, Any] | Article) -> pd.DataFrame:
    """One row per paragraph: ``paragraph``, ``section``, ``words``, ``sentences``.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> structure_table(Article.from_text("One. Two.\\n\\nThree.", id="x"))[["paragraph", "sentences"]].values.tolist()
    [[0, 2], [1, 1]]
    """
    rec = _as_record(record) if not isinstance(record, Article) else article_record(record, analyses=())
    sections = _section_names(rec)
    counts: dict[int, int] = {}
    for s in rec["sentences"]:
        counts[int(s["paragraph"])] = counts.get(int(s["paragraph"]), 0) + 1
    rows = [
        {"paragraph": int(p["index"]), "section": sections[int(p["index"])], "words": _n_words(p["text"]),
         "sentences": counts.get(int(p["index"]), 0)}
        for p in rec["paragraphs"]
    ]
    return pd.DataFrame(rows, columns=["paragraph", "section", "words", "sentences"])


def summary_tables(record: Mapping[str, Any] | Article, *, window: int = 5) -> dict[str, pd.DataFrame | None]:
    """The tidy tables behind the summary figure (``None`` where the analysis is missing).

    Parameters
    ----------
    record : dict or Article
        An article record (:func:`newsframe.pipeline.article_record`) or an article.
    window : int
        Sentences in the centred rolling mean of the sentiment arc.

    Returns
    -------
    dict
        ``sentiment_arc``: ``sentence, paragraph, section, compound`` (VADER, −1 to 1,
        higher = more positive), ``label``, ``rolling``;
        ``frames_by_section``: ``section, frame, sentences`` (sentences cueing the
        frame; sections in reading order);
        ``voice_share``: ``speaker, quotes, words, share`` (of all quoted words,
        0 to 1; largest first; ``"unattributed"`` for quotes without a speaker);
        ``keywords``: ``term, score, rank, method`` (higher score = more key).

    Raises
    ------
    ValueError
        If ``window`` is below 1 or the record lacks its base keys.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> t = summary_tables(article_record(Article.from_text("A. B.", id="x"), analyses=()))
    >>> sorted(k for k, v in t.items() if v is None)
    ['frames_by_section', 'keywords', 'sentiment_arc', 'voice_share']
    """
    if not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be a positive int, not {window!r}")
    rec = _as_record(record)
    present = analyses_present(rec)
    sections = _section_names(rec)
    out: dict[str, pd.DataFrame | None] = {}

    if present["sentiment"]:
        rows = []
        for s in rec["sentences"]:
            sent = s.get("sentiment") or {}
            compound = sent.get("compound")
            rows.append({
                "sentence": int(s["index"]),
                "paragraph": int(s["paragraph"]),
                "section": sections.get(int(s["paragraph"]), ""),
                "compound": float(compound) if compound is not None else math.nan,
                "label": sent.get("label") or _bin_of(compound)[1],
            })
        arc = pd.DataFrame(rows, columns=["sentence", "paragraph", "section", "compound", "label"])
        arc["rolling"] = arc["compound"].rolling(window, center=True, min_periods=1).mean()
        out["sentiment_arc"] = arc
    else:
        out["sentiment_arc"] = None

    if present["framing"]:
        counts: dict[tuple[str, str], int] = {}
        frame_names: list[str] = [str(f["frame"]) for f in rec.get("frames", []) or []]
        for s in rec["sentences"]:
            for f in s.get("frames", []) or []:
                name = str(f["frame"])
                if name not in frame_names:
                    frame_names.append(name)
                key = (sections.get(int(s["paragraph"]), ""), name)
                counts[key] = counts.get(key, 0) + 1
        section_order = list(dict.fromkeys(sections[int(p["index"])] for p in rec["paragraphs"]))
        frame_names = sorted(set(frame_names))
        rows = [{"section": sec, "frame": fr, "sentences": counts.get((sec, fr), 0)}
                for sec in section_order for fr in frame_names]
        out["frames_by_section"] = pd.DataFrame(rows, columns=["section", "frame", "sentences"])
    else:
        out["frames_by_section"] = None

    if present["quotes"]:
        agg: dict[str, list[int]] = {}
        for q in rec.get("quotes", []) or []:
            who = q.get("speaker") or "unattributed"
            entry = agg.setdefault(who, [0, 0])
            entry[0] += 1
            entry[1] += _n_words(q.get("text", ""))
        total = sum(v[1] for v in agg.values())
        voices: list[dict[str, Any]] = [
            {"speaker": k, "quotes": v[0], "words": v[1], "share": (v[1] / total) if total else math.nan}
            for k, v in agg.items()]
        voices.sort(key=lambda r: (-r["words"], -r["quotes"], r["speaker"]))
        out["voice_share"] = pd.DataFrame(voices, columns=["speaker", "quotes", "words", "share"])
    else:
        out["voice_share"] = None

    if present["keywords"]:
        rows = [{"term": str(k["term"]), "score": float(k["score"]), "rank": int(k["rank"]),
                 "method": str(k.get("method", ""))} for k in rec.get("keywords", []) or []]
        rows.sort(key=lambda r: (r["rank"], r["term"]))
        out["keywords"] = pd.DataFrame(rows, columns=["term", "score", "rank", "method"])
    else:
        out["keywords"] = None
    return out


def _missing_reasons(record: Mapping[str, Any]) -> dict[str, str]:
    present = analyses_present(record)
    panels = {"sentiment_arc": "sentiment", "frames_by_section": "framing", "voice_share": "quotes",
              "keywords": "keywords"}
    return {panel: f"not available\n(newsframe.{mod} did not run)" for panel, mod in panels.items() if not present[mod]}


def summary_figure(record: Mapping[str, Any] | Article, *, title: str | None = None, figure: Any = None) -> Any:
    """The one-figure summary of an article: sentiment arc, frames by section, voice share, top keywords.

    Parameters
    ----------
    record : dict or Article
    title : str, optional
        Figure title (default: the article's title).
    figure : matplotlib Figure, optional
        Draw into this figure instead of a new pyplot one.

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from newsframe.ingest import Article
    >>> fig = summary_figure(article_record(Article.from_text("A. B.", id="x"), analyses=()))
    >>> len(fig.axes)
    4
    """
    from newsframe.plotting.summary import plot_summary

    rec = _as_record(record)
    tables = summary_tables(rec)
    return plot_summary(**tables, title=title if title is not None else (rec.get("title") or str(rec["id"])),
                        reasons=_missing_reasons(rec), figure=figure)


def _png_base64(record: Mapping[str, Any]) -> str:
    """The summary figure as base64 PNG, drawn outside pyplot with the project theme."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    from newsframe.plotting import DPI, set_theme

    with mpl.rc_context():
        set_theme()
        fig = Figure()
        summary_figure(record, figure=fig)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    return base64.b64encode(buf.getvalue()).decode("ascii")


# --------------------------------------------------------------------------- findings


def _signed(x: float, digits: int = 2) -> str:
    """``+0.25`` / ``−0.25`` with a true minus sign."""
    return f"{x:+.{digits}f}".replace("-", "\u2212")


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _clip(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


def _quoted(text: str, n: int = 110) -> str:
    """A sentence shown in quotation marks, unless it already has its own."""
    text = _clip(text, n)
    return text if any(q in text for q in "\u201c\u201d\"") else f"\u201c{text}\u201d"


def _bin_of(compound: float | None) -> tuple[str, str, str]:
    """(css class, label, marker) of a compound score; ``na`` when undefined."""
    if compound is None or (isinstance(compound, float) and math.isnan(compound)):
        return ("na", "not available", "")
    for cls, label, marker, lo, hi in SENTIMENT_BINS:
        if lo <= compound < hi:
            return (cls, label, marker)
    return ("pos2", "strongly positive", "++")


def _frame_label(name: Any) -> str:
    """How a frame id is shown to readers: ``space_technology`` → ``space technology``."""
    return str(name).replace("_", " ")


def _tone_word(mean: float) -> str:
    if mean <= -0.05:
        return "negative"
    if mean >= 0.05:
        return "positive"
    return "neutral"


def findings(record: Mapping[str, Any] | Article, *, min_mentions: int = 3) -> list[str]:
    """The main findings about one article, as sentences generated from its numbers.

    Parameters
    ----------
    record : dict or Article
        An article record (:func:`newsframe.pipeline.article_record`) or an article.
    min_mentions : int
        Actors mentioned fewer times are left out of the actor-sentiment sentence.

    Returns
    -------
    list of str
        One sentence (or two) per topic, in the order structure, tone, arc, frames,
        voices, actors, keywords; the last item names the analyses that did not run,
        if any.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> rec = article_record(Article.from_text("A first point. A second one.", id="x"), analyses=())
    >>> findings(rec)[-1]
    'Not available (module did not run): sentiment, framing, quotes, actors, keywords.'
    """
    rec = _as_record(record)
    present = analyses_present(rec)
    tables = summary_tables(rec)
    out: list[str] = []
    words = _n_words(rec["text"])
    n_sections = len(rec.get("subheadings") or [])
    line = (f"The article has {_plural(len(rec['paragraphs']), 'paragraph')}, "
            f"{_plural(len(rec['sentences']), 'sentence')} and {_plural(words, 'word')}")
    if n_sections:
        line += f", with {_plural(n_sections, 'subheading')}"
    out.append(line + ".")

    arc = tables["sentiment_arc"]
    if arc is not None and arc["compound"].notna().any():
        c = arc["compound"].dropna()
        mean = float(c.mean())
        neg, pos = float((c <= -0.05).mean()), float((c >= 0.05).mean())
        tone = (rec.get("sentiment") or {}).get("tone") if isinstance(rec.get("sentiment"), Mapping) else None
        tone = tone if isinstance(tone, str) and tone.strip() else _tone_word(mean)
        out.append(
            f"Its tone is {tone}: the mean sentence score is {_signed(mean)} (VADER compound, \u22121 to 1); "
            f"{_pct(neg)} of sentences are negative, {_pct(pos)} positive and {_pct(1 - neg - pos)} neutral."
        )
        if len(c) >= 4:
            half = len(arc) // 2
            first = float(arc["compound"].iloc[:half].mean())
            second = float(arc["compound"].iloc[half:].mean())
            if math.isfinite(first) and math.isfinite(second):
                if abs(second - first) >= 0.1:
                    verb = "rises" if second > first else "falls"
                    out.append(f"Sentiment {verb} from {_signed(first)} in the first half to {_signed(second)} "
                               "in the second.")
                else:
                    out.append(f"Sentiment stays about level through the article (first half {_signed(first)}, "
                               f"second half {_signed(second)}).")
        lo = arc.loc[arc["compound"].idxmin()]
        hi = arc.loc[arc["compound"].idxmax()]
        text_of = {int(s["index"]): s["text"] for s in rec["sentences"]}
        if float(lo["compound"]) <= -0.05:
            out.append(f"The most negative sentence ({_signed(float(lo['compound']))}) is number "
                       f"{int(lo['sentence']) + 1}: {_quoted(text_of[int(lo['sentence'])])}")
        if float(hi["compound"]) >= 0.05:
            out.append(f"The most positive sentence ({_signed(float(hi['compound']))}) is number "
                       f"{int(hi['sentence']) + 1}: {_quoted(text_of[int(hi['sentence'])])}")

    if present["framing"]:
        frames = [f for f in rec.get("frames", []) or []]
        ranked = sorted((f for f in frames if f.get("present")),
                        key=lambda f: (-float(f.get("score") or 0.0), str(f["frame"])))
        if ranked:
            head = ranked[0]
            line = f"The dominant frame is {_frame_label(head['frame'])} (score {float(head['score']):.2f})"
            if len(ranked) > 1:
                rest = [f"{_frame_label(f['frame'])} ({float(f['score']):.2f})" for f in ranked[1:4]]
                line += f", followed by {_join(rest)}"
            line += "."
            fbs = tables["frames_by_section"]
            if fbs is not None and not fbs.empty:
                sub = fbs[fbs["frame"] == str(head["frame"])]
                if len(sub) > 1 and sub["sentences"].sum() > 0:
                    best = sub.sort_values(["sentences"], ascending=False, kind="stable").iloc[0]
                    line += (f" Its cues are densest in the section \u201c{best['section']}\u201d "
                             f"({_plural(int(best['sentences']), 'sentence')}).")
            out.append(line)
        else:
            out.append("No frame passes its presence threshold.")

    voices = tables["voice_share"]
    if voices is not None:
        quotes = rec.get("quotes", []) or []
        if not quotes:
            out.append("The article quotes no one directly.")
        else:
            named = voices[voices["speaker"] != "unattributed"]
            line = (f"It quotes {_plural(len(quotes), 'passage')} from "
                    f"{_plural(len(named), 'named speaker')}")
            if len(named):
                top = named.iloc[0]
                line += f"; {top['speaker']} has the largest share of quoted words ({_pct(float(top['share']))})"
            line += "."
            un = voices[voices["speaker"] == "unattributed"]
            if len(un):
                line += (f" {_plural(int(un['quotes'].iloc[0]), 'quote')} ({_pct(float(un['share'].iloc[0]))} "
                         "of quoted words) could not be attributed.")
            out.append(line)

    if present["actors"]:
        actors = sorted(rec.get("actors", []) or [], key=lambda a: (-int(a.get("mentions") or 0), str(a["actor"])))
        if actors:
            top = [f"{a['actor']} ({int(a['mentions'])}{' mention' + ('s' if int(a['mentions']) != 1 else '') if i == 0 else ''})"
                   for i, a in enumerate(actors[:4])]
            out.append(f"The most mentioned actors are {_join(top)}.")
        else:
            out.append("No known actor is mentioned.")
        sentiments = [a for a in rec.get("actor_sentiment", []) or []
                      if int(a.get("mentions") or 0) >= min_mentions and a.get("mean") is not None
                      and not (isinstance(a.get("mean"), float) and math.isnan(a["mean"]))]
        if len(sentiments) >= 2:
            srt = sorted(sentiments, key=lambda a: (float(a["mean"]), str(a["actor"])))
            low, high = srt[0], srt[-1]
            lo_word = "most negative" if float(low["mean"]) <= -0.05 else "least positive"
            hi_word = "most positive" if float(high["mean"]) >= 0.05 else "least negative"
            out.append(f"Among actors mentioned {min_mentions} or more times, sentences about {low['actor']} are the "
                       f"{lo_word} (mean {_signed(float(low['mean']))}) and those about {high['actor']} the "
                       f"{hi_word} ({_signed(float(high['mean']))}).")

    kws = tables["keywords"]
    if kws is not None:
        if len(kws):
            out.append(f"Its top keywords are {_join(kws['term'].head(6).tolist())}.")
        else:
            out.append("No keywords were found.")

    missing = [name for name, ok in present.items() if not ok]
    if missing:
        out.append(f"Not available (module did not run): {', '.join(missing)}.")
    return out


# --------------------------------------------------------------------------- many articles

def keyness_table(records: Sequence[Mapping[str, Any] | Article], *, top_n: int = 10,
                  min_count: int = 2) -> pd.DataFrame | None:
    """The words most typical of each article against all the others.

    A thin layer over :func:`newsframe.keywords.keyness` (log-odds ratio with an
    informative Dirichlet prior, each article against the others pooled), keeping the
    over-represented content words.

    Parameters
    ----------
    records : sequence of dict or Article
        Two or more articles (with one, the table is empty: keyness needs a reference).
    top_n : int
        Terms kept per article.
    min_count : int
        A term must occur at least this often in the article.

    Returns
    -------
    DataFrame or None
        ``article_id, term, count, keyness, rank``: ``keyness`` is the z-score of the
        log-odds ratio (higher = more typical of the article; only positive ones are
        kept), sorted by ``(-keyness, term)`` within each article, articles in the
        given order; stop words left out. ``None`` if :mod:`newsframe.keywords` is not
        installed.

    Raises
    ------
    ValueError
        If ``top_n`` or ``min_count`` is below 1.

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words. *Political
    Analysis* 16(4), 372–403.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> a = Article.from_text("Missiles, missiles and more missiles were shown.", id="a")
    >>> b = Article.from_text("Grain exports and grain prices rose.", id="b")
    >>> t = keyness_table([a, b], top_n=1)
    >>> t[["article_id", "term"]].values.tolist()
    [['a', 'missiles'], ['b', 'grain']]
    """
    if not isinstance(top_n, int) or not isinstance(min_count, int) or top_n < 1 or min_count < 1:
        raise ValueError(f"top_n and min_count must be ints of at least 1, not {top_n!r} and {min_count!r}")
    try:
        from newsframe.keywords import keyness
    except ImportError:
        return None
    from newsframe.text import stopwords

    recs = [_as_record(r) for r in records]
    columns = ["article_id", "term", "count", "keyness", "rank"]
    if len(recs) < 2:
        return pd.DataFrame(columns=columns)
    groups: dict[str, str] = {}
    for r in recs:
        name = str(r["id"])
        while name in groups:  # two articles with one id: keep both
            name += "\u2032"
        groups[name] = r["text"]
    table = keyness(groups, min_count=min_count, stopwords=stopwords())
    table = table[(table["z"] > 0) & (table["count"] >= min_count)]
    rows = []
    for name in groups:
        sub = table[table["group"] == name].sort_values(["z", "term"], ascending=[False, True], kind="stable")
        for rank, (_, row) in enumerate(sub.head(top_n).iterrows(), start=1):
            rows.append({"article_id": name, "term": str(row["term"]), "count": int(row["count"]),
                         "keyness": float(row["z"]), "rank": rank})
    return pd.DataFrame(rows, columns=columns)


def comparison_tables(records: Sequence[Mapping[str, Any] | Article], *, top_n: int = 8) -> dict[str, pd.DataFrame | None]:
    """Long tables comparing articles: tone, frames, voices and keyness.

    Parameters
    ----------
    records : sequence of dict or Article
    top_n : int
        Keyness terms per article.

    Returns
    -------
    dict
        ``tone``: ``article_id, mean_compound`` (−1 to 1), ``negative_share``,
        ``positive_share`` (0 to 1); ``frames``: ``article_id, frame, score``;
        ``voices``: ``article_id, speaker, quotes, share``; ``keyness``: see
        :func:`keyness_table`. A table is ``None`` when no article has that analysis.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> t = comparison_tables([Article.from_text("Calm day.", id="a"), Article.from_text("Bad day.", id="b")])
    >>> sorted(t)
    ['frames', 'keyness', 'tone', 'voices']
    """
    recs = [_as_record(r) for r in records]
    out: dict[str, pd.DataFrame | None] = {}
    tone_rows, frame_rows, voice_rows = [], [], []
    have = {"sentiment": False, "framing": False, "quotes": False}
    for r in recs:
        t = summary_tables(r)
        present = analyses_present(r)
        arc = t["sentiment_arc"]
        if arc is not None:
            have["sentiment"] = True
            c = arc["compound"].dropna()
            tone_rows.append({"article_id": str(r["id"]), "mean_compound": float(c.mean()) if len(c) else math.nan,
                              "negative_share": float((c <= -0.05).mean()) if len(c) else math.nan,
                              "positive_share": float((c >= 0.05).mean()) if len(c) else math.nan})
        if present["framing"]:
            have["framing"] = True
            for f in sorted(r.get("frames", []) or [], key=lambda f: str(f["frame"])):
                frame_rows.append({"article_id": str(r["id"]), "frame": str(f["frame"]),
                                   "score": float(f.get("score") or 0.0)})
        v = t["voice_share"]
        if v is not None:
            have["quotes"] = True
            for _, row in v.iterrows():
                voice_rows.append({"article_id": str(r["id"]), "speaker": row["speaker"], "quotes": int(row["quotes"]),
                                   "share": float(row["share"])})
    out["tone"] = pd.DataFrame(tone_rows, columns=["article_id", "mean_compound", "negative_share", "positive_share"]) \
        if have["sentiment"] else None
    out["frames"] = pd.DataFrame(frame_rows, columns=["article_id", "frame", "score"]) if have["framing"] else None
    out["voices"] = pd.DataFrame(voice_rows, columns=["article_id", "speaker", "quotes", "share"]) \
        if have["quotes"] else None
    out["keyness"] = keyness_table(recs, top_n=top_n)
    return out


def compare_articles(records: Sequence[Mapping[str, Any] | Article], *, top_n: int = 5) -> pd.DataFrame:
    """One row per article with the headline numbers, for a side-by-side table.

    Parameters
    ----------
    records : sequence of dict or Article
    top_n : int
        Keywords and distinctive words listed per article.

    Returns
    -------
    DataFrame
        ``article_id, title, words, sentences, mean_compound`` (−1 to 1, NaN when
        sentiment did not run), ``negative_share``, ``dominant_frame``, ``quotes``,
        ``speakers``, ``top_speaker``, ``top_speaker_share``, ``top_keywords``,
        ``distinctive_words`` (keyness against the other articles; empty with one article).

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> df = compare_articles([Article.from_text("One short text.", id="a")])
    >>> df.loc[0, "article_id"], int(df.loc[0, "words"])
    ('a', 3)
    """
    recs = [_as_record(r) for r in records]
    keyness = keyness_table(recs, top_n=top_n) if len(recs) > 1 else None
    rows = []
    for r in recs:
        t = summary_tables(r)
        arc, voices, kws = t["sentiment_arc"], t["voice_share"], t["keywords"]
        c = arc["compound"].dropna() if arc is not None else pd.Series(dtype=float)
        ranked = sorted((f for f in r.get("frames", []) or [] if f.get("present")),
                        key=lambda f: (-float(f.get("score") or 0.0), str(f["frame"])))
        named = voices[voices["speaker"] != "unattributed"] if voices is not None else None
        rows.append({
            "article_id": str(r["id"]),
            "title": r.get("title") or "",
            "words": _n_words(r["text"]),
            "sentences": len(r["sentences"]),
            "mean_compound": float(c.mean()) if len(c) else math.nan,
            "negative_share": float((c <= -0.05).mean()) if len(c) else math.nan,
            "dominant_frame": str(ranked[0]["frame"]) if ranked else "",
            "quotes": len(r.get("quotes", []) or []) if "quotes" in r else math.nan,
            "speakers": len(named) if named is not None else math.nan,
            "top_speaker": str(named.iloc[0]["speaker"]) if named is not None and len(named) else "",
            "top_speaker_share": float(named.iloc[0]["share"]) if named is not None and len(named) else math.nan,
            "top_keywords": ", ".join(kws["term"].head(top_n)) if kws is not None else "",
            "distinctive_words": ", ".join(keyness[keyness["article_id"] == str(r["id"])]["term"])
            if keyness is not None else "",
        })
    return pd.DataFrame(rows)


def comparison_records(article: str | Path | Article, folder: str | Path | None) -> list[dict[str, Any]]:
    """Records of an article and of the other articles in a folder, the article first.

    Parameters
    ----------
    article : path or Article
        The article of interest.
    folder : path or None
        A folder of articles (e.g. ``data/raw``); files that cannot be read are
        skipped (with a warning); ``None`` or a missing folder gives the article alone.

    Returns
    -------
    list of dict
        ``article_record`` of each distinct article (by id and checksum), the given
        one first, the others in the folder's sorted order.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> for name in ("a", "b"):
    ...     _ = open(os.path.join(d, name + ".txt"), "w").write(f"Headline {name}\\n\\nThe story of {name} begins here, and it goes on for a while. "
    ...                 "Then it ends, as stories do.\\n")
    >>> [r["id"] for r in comparison_records(os.path.join(d, "b.txt"), d)]
    ['b', 'a']
    """
    from newsframe.ingest import load_article, load_corpus

    first = article if isinstance(article, Article) else load_article(article)
    arts = [first]
    if folder is not None and Path(folder).is_dir():
        seen = {(first.id, first.sha256)}
        for a in load_corpus(folder, errors="skip"):
            if (a.id, a.sha256) not in seen and a.sha256 != first.sha256:
                seen.add((a.id, a.sha256))
                arts.append(a)
    return [article_record(a) for a in arts]


# --------------------------------------------------------------------------- HTML


def _esc(text: Any) -> str:
    return _html.escape(str(text), quote=True)


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return s[:40] or "article"


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    kind: str  # "actor" | "kw"
    label: str
    type: str = ""


def _actor_marks(record: Mapping[str, Any], article: Article | None) -> list[_Mark]:
    """Actor mentions with offsets: from newsframe.actors when installed, else by name."""
    if "actors" not in record:
        return []
    marks: list[_Mark] = []
    actors_mod: Any
    try:
        from newsframe import actors as actors_mod
    except ImportError:
        actors_mod = None
    known = {str(a["actor"]) for a in record.get("actors", []) or []}
    if actors_mod is not None and article is not None and hasattr(actors_mod, "find_actors"):
        for m in actors_mod.find_actors(article):
            if str(m.actor) in known:
                marks.append(_Mark(int(m.start), int(m.end), "actor", str(m.actor), str(getattr(m, "type", "") or "")))
        return marks
    text = record["text"]
    for a in record.get("actors", []) or []:
        name = str(a["actor"])
        for found in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            marks.append(_Mark(found.start(), found.end(), "actor", name, str(a.get("type") or "")))
    return marks


def _keyword_marks(record: Mapping[str, Any], *, top_n: int = 10) -> list[_Mark]:
    text = record["text"]
    marks: list[_Mark] = []
    kws = sorted(record.get("keywords", []) or [], key=lambda k: (int(k.get("rank") or 0), str(k["term"])))
    for k in kws[:top_n]:
        term = str(k["term"]).strip()
        if not term:
            continue
        pattern = r"\s+".join(re.escape(w) for w in term.split())
        found = list(re.finditer(r"(?<!\w)" + pattern + r"(?!\w)", text, flags=re.IGNORECASE))
        if not found and " " not in term and len(term) >= 4:  # a stem or lemma: match words it begins
            found = list(re.finditer(r"(?<!\w)" + pattern + r"\w*", text, flags=re.IGNORECASE))
        marks.extend(_Mark(m.start(), m.end(), "kw", term) for m in found)
    return marks


def _non_overlapping(marks: Iterable[_Mark]) -> list[_Mark]:
    """Keep marks left to right, longer first at the same start, dropping overlaps."""
    kept: list[_Mark] = []
    end = -1
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start), m.kind, m.label)):
        if m.start >= end and m.end > m.start:
            kept.append(m)
            end = m.end
    return kept


_CLOSERS = ",.;:!?\u201d\"\u2019'\u00bb)"


def _speaker_label(q: Mapping[str, Any]) -> str:
    return str(q.get("speaker") or "unattributed")


def _tooltip_lines(s: Mapping[str, Any], n: int, quotes_in: list[str]) -> list[str]:
    lines = [f"Sentence {int(s['index']) + 1} of {n}"]
    sent = s.get("sentiment")
    if sent and sent.get("compound") is not None:
        compound = float(sent["compound"])
        label = str(sent.get("label") or _bin_of(compound)[1])
        shade = _bin_of(compound)[1]
        lines.append(f"Sentiment: {label}, VADER compound {_signed(compound)} (\u22121 to 1)"
                     + (f"; shaded {shade}" if shade != label else ""))
    elif "sentiment" in s:
        lines.append("Sentiment: not scored")
    frames = [_frame_label(f["frame"]) for f in s.get("frames", []) or []]
    if frames:
        lines.append("Frames: " + ", ".join(dict.fromkeys(frames)))
    if quotes_in:
        lines.append("Quotes: " + "; ".join(quotes_in))
    return lines


def _render_sentence(record: Mapping[str, Any], s: Mapping[str, Any], quotes: list[tuple[int, Mapping[str, Any]]],
                     marks: list[_Mark], labels: dict[int, list[tuple[int, int]]], prefix: str,
                     has_sentiment: bool) -> str:
    text = record["text"]
    s_start, s_end = int(s["start"]), int(s["end"])
    # quote pieces inside this sentence
    pieces = [(max(int(q["start"]), s_start), min(int(q["end"]), s_end), qi) for qi, q in quotes
              if int(q["start"]) < s_end and int(q["end"]) > s_start]
    pieces = [p for p in pieces if p[1] > p[0]]

    def piece_at(pos: int) -> int | None:
        for a, b, qi in pieces:
            if a <= pos < b:
                return qi
        return None

    # inner marks: fully inside the sentence, not crossing a quote-piece boundary
    inner = []
    for m in marks:
        if m.start < s_start or m.end > s_end:
            continue
        if piece_at(m.start) != piece_at(m.end - 1):
            continue
        inner.append(m)
    inner = _non_overlapping(inner)
    # speaker labels: (position, quote index)
    label_at: list[tuple[int, int]] = []
    for pos, qi in labels.get(int(s["index"]), []):
        for m in inner:
            if m.start < pos < m.end:
                pos = m.end
        label_at.append((pos, qi))
    bounds = sorted({s_start, s_end, *(a for a, _, _ in pieces), *(b for _, b, _ in pieces),
                     *(m.start for m in inner), *(m.end for m in inner), *(p for p, _ in label_at)})
    out: list[str] = []
    open_q: int | None = None
    open_m: _Mark | None = None
    for i, pos in enumerate(bounds):
        # close what ends here
        if open_m is not None and open_m.end <= pos:
            out.append("</strong>" if open_m.kind == "kw" else "</span>")
            open_m = None
        q_here = piece_at(pos) if pos < s_end else None
        if open_q is not None and q_here != open_q:
            out.append("</span>")
            open_q = None
        for p, qi in label_at:
            if p == pos and open_q is None:
                out.append(f'<span class="nf-who" data-quote="{qi}"><span class="nf-sr">quote by </span>'
                           f"{_esc(_speaker_label(_quote_at(quotes, qi)))}</span>")
        if pos >= s_end:
            break
        if q_here is not None and open_q is None:
            out.append(f'<span class="nf-q" data-quote="{q_here}">')
            open_q = q_here
        for m in inner:
            if m.start == pos:
                if m.kind == "kw":
                    out.append(f'<strong class="nf-kw" data-keyword="{_esc(m.label)}">')
                else:
                    out.append(f'<span class="nf-actor" data-actor="{_esc(m.label)}"'
                               f'{f" data-type={chr(34)}{_esc(m.type)}{chr(34)}" if m.type else ""}>')
                open_m = m
                break
        out.append(_esc(text[pos:bounds[i + 1]]))
    # any label placed at the very end after the loop broke is emitted above (pos == s_end)
    sent = s.get("sentiment") or {}
    compound = sent.get("compound")
    cls = _bin_of(float(compound))[0] if compound is not None else "na"
    if not has_sentiment:
        cls = "na"
    frames = list(dict.fromkeys(str(f["frame"]) for f in s.get("frames", []) or []))
    if frames:
        out.append('<span class="nf-frames" aria-hidden="true"> '
                   + "".join(f'<span class="nf-frame" data-frame="{_esc(f)}">{_esc(_frame_label(f))}</span>' for f in frames)
                   + "</span>")
    quotes_in = [f"{_speaker_label(q)} ({q.get('kind') or 'quote'})" for qi, q in quotes
                 if any(p[2] == qi for p in pieces)]
    n = len(record["sentences"])
    tip = "".join(f'<span class="nf-tip-line">{_esc(line)}</span>' for line in _tooltip_lines(s, n, quotes_in))
    sid = f"{prefix}-s{int(s['index'])}"
    data = f' data-compound="{float(compound):.4f}"' if compound is not None else ""
    return (f'<span class="nf-s nf-{cls}" id="{sid}" tabindex="0" aria-describedby="{sid}-tip" '
            f'data-sentence="{int(s["index"])}"{data}>' + "".join(out)
            + f'<span class="nf-tip" role="tooltip" id="{sid}-tip">{tip}</span></span>')


def _quote_at(quotes: list[tuple[int, Mapping[str, Any]]], qi: int) -> Mapping[str, Any]:
    for i, q in quotes:
        if i == qi:
            return q
    raise KeyError(qi)


def _speaker_positions(record: Mapping[str, Any], quotes: list[tuple[int, Mapping[str, Any]]]) -> dict[int, list[tuple[int, int]]]:
    """Sentence index → [(position, quote index)] where each quote's speaker tag goes."""
    text = record["text"]
    sentences = record["sentences"]
    out: dict[int, list[tuple[int, int]]] = {}
    for qi, q in quotes:
        q_end = int(q["end"])
        cands = [s for s in sentences if int(s["start"]) < q_end]
        if not cands:
            continue
        s = max(cands, key=lambda s: int(s["start"]))
        s_end = int(s["end"])
        pos = min(q_end, s_end)
        while pos < s_end and text[pos] in _CLOSERS:
            pos += 1
        # never inside another quote
        for qj, other in quotes:
            if qj != qi and int(other["start"]) < pos < int(other["end"]):
                pos = min(q_end, s_end)
        out.setdefault(int(s["index"]), []).append((pos, qi))
    return out


def _css(scope: str = ".nf-report") -> str:
    bins = []
    for cls, _label, marker, _lo, _hi in SENTIMENT_BINS:
        bins.append(f"{scope} .nf-{cls}{{background-color:{SENTIMENT_BACKGROUNDS[cls]}}}")
        if marker:
            escaped = "".join(f"\\{ord(ch):04x}" if ord(ch) > 127 else ch for ch in marker)
            bins.append(f'{scope} .nf-{cls}::before{{content:"{escaped}\\2009";font-weight:700;font-size:.8em;'
                        f"color:{'#7a3000' if cls.startswith('neg') else '#004f7c'}}}")
    rules = f"""
{scope}{{color:{_TEXT_INK};background:#fff;font-family:"DejaVu Serif",Georgia,"Times New Roman",serif;line-height:1.6;max-width:46rem;margin:0 auto;padding:1rem 1.25rem 3rem}}
{scope} h1,{scope} h2,{scope} h3{{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;line-height:1.25}}
{scope} h1{{font-size:1.7rem;margin:.5rem 0}}
{scope} h2{{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}}
{scope} h3{{font-size:1.05rem;margin:1.5rem 0 .25rem}}
{scope} .nf-meta{{color:#454545;font-family:"DejaVu Sans",Arial,sans-serif;font-size:.9rem}}
{scope} .nf-sr{{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);border:0;white-space:nowrap}}
{scope} a{{color:#00528a}}
{scope} .nf-s{{position:relative;border-radius:3px;padding:.05em .1em;-webkit-box-decoration-break:clone;box-decoration-break:clone;cursor:help}}
{scope} .nf-s:focus{{outline:3px solid {_TEXT_INK};outline-offset:2px}}
{scope} .nf-s:focus-visible{{outline:3px solid {_TEXT_INK};outline-offset:2px}}
{scope} .nf-na{{background-color:transparent}}
{scope} .nf-tip{{display:none;position:absolute;left:0;top:calc(100% + .35rem);z-index:10;width:max-content;max-width:min(24rem,80vw);background:{_TEXT_INK};color:#fff;font:400 .85rem/1.4 "DejaVu Sans",Arial,sans-serif;padding:.45rem .6rem;border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.3);text-align:left;white-space:normal}}
{scope} .nf-tip-line{{display:block}}
{scope} .nf-s:hover>.nf-tip,{scope} .nf-s:focus>.nf-tip{{display:block}}
{scope} .nf-s.nf-tip-off>.nf-tip{{display:none}}
{scope} .nf-q{{font-style:italic;border-bottom:2px solid {_SPEAKER_INK}}}
{scope} .nf-who{{display:inline-block;font:700 .72rem/1.3 "DejaVu Sans",Arial,sans-serif;color:#fff;background:{_SPEAKER_INK};border-radius:.6rem;padding:0 .45rem;margin:0 .15rem;vertical-align:.1em;font-style:normal}}
{scope} .nf-who::before{{content:"\\2014\\2009"}}
{scope} .nf-actor{{box-shadow:inset 0 0 0 1.5px #3d3d3d;border-radius:3px;padding:0 .12em}}
{scope} .nf-kw{{font-weight:700;text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:.18em}}
{scope} .nf-frames{{white-space:nowrap}}
{scope} .nf-frame{{display:inline-block;font:600 .68rem/1.3 "DejaVu Sans",Arial,sans-serif;color:#fff;background:#3b3b3b;border-radius:3px;padding:0 .35rem;margin-left:.2rem;vertical-align:.12em;font-style:normal;text-transform:lowercase}}
{scope} .nf-legend{{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.35rem 1rem;font-size:.92rem}}
{scope} .nf-findings li{{margin:.3rem 0}}
{scope} figure{{margin:1rem 0}}
{scope} figure img{{max-width:100%;height:auto;border:1px solid #ddd}}
{scope} figcaption{{font-size:.85rem;color:#454545}}
{scope} table{{border-collapse:collapse;width:100%;font-size:.9rem;font-family:"DejaVu Sans",Arial,sans-serif}}
{scope} th,{scope} td{{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}}
{scope} caption{{text-align:left;font-weight:700;padding:.3rem 0}}
{scope} .nf-num{{text-align:right;font-variant-numeric:tabular-nums}}
{scope} footer{{margin-top:2rem;font-size:.8rem;color:#454545}}
"""
    return rules.strip() + "\n" + "\n".join(bins) + "\n"


#: Rules of the standalone page outside the report's own scope (the skip link).
_PAGE_CSS = (
    "body{margin:0;background:#fff}\n"
    f".nf-skip{{position:absolute;left:-999px;top:.5rem;background:#fff;color:#00528a;padding:.3rem .5rem;"
    f"font-family:\"DejaVu Sans\",Arial,sans-serif}}\n"
    f".nf-skip:focus{{left:.5rem;outline:3px solid {_TEXT_INK}}}\n"
)

_SCRIPT = (
    "(function(){"
    "document.addEventListener('keydown',function(e){"
    "if(e.key==='Escape'){var a=document.activeElement;"
    "if(a&&a.classList&&a.classList.contains('nf-s')){a.classList.add('nf-tip-off');}}});"
    "document.addEventListener('focusin',function(e){var t=e.target;"
    "if(t&&t.classList&&t.classList.contains('nf-s')){t.classList.remove('nf-tip-off');}});"
    "})();"
)


def _legend(has: Mapping[str, bool]) -> str:
    items = []
    if has["sentiment"]:
        for cls, label, _marker, lo, hi in SENTIMENT_BINS:
            rng = (f"compound below {_signed(hi)}" if lo == -math.inf else f"compound {_signed(lo)} or more"
                   if hi == math.inf else f"compound {_signed(lo)} to {_signed(hi)}")
            items.append(f'<li><span class="nf-s nf-{cls}">{_esc(label)}</span> {_esc(rng)}</li>')
    else:
        items.append("<li>Sentence shading by sentiment: not available (newsframe.sentiment did not run)</li>")
    items.append('<li><span class="nf-q">quoted words</span><span class="nf-who">Speaker</span> a quote and '
                 "who said it</li>" if has["quotes"] else "<li>Quotes: not available</li>")
    items.append('<li><span class="nf-actor">Actor</span> a person, country or organisation</li>'
                 if has["actors"] else "<li>Actors: not available</li>")
    items.append('<li><strong class="nf-kw">keyword</strong> one of the top keywords</li>'
                 if has["keywords"] else "<li>Keywords: not available</li>")
    items.append('<li><span class="nf-frame">frame</span> a frame cued in the sentence</li>'
                 if has["framing"] else "<li>Frame tags: not available</li>")
    return '<ul class="nf-legend">' + "".join(items) + "</ul>"


def _section(prefix: str, key: str, title: str, content: str, empty: str) -> str:
    """A titled section of the page's tables; ``empty`` is said when there is no ``content``."""
    return (f'<section aria-labelledby="{prefix}-h-{key}"><h2 id="{prefix}-h-{key}">{title}</h2>'
            f'{content or f"<p>{empty}</p>"}</section>')


def _table(caption: str, columns: Sequence[str], rows: str, *, numeric: Sequence[str] = ()) -> str:
    """An HTML table of ready-made ``<tr>`` rows; the ``numeric`` columns' headers are right-aligned."""
    num = ' class="nf-num"'
    head = "".join(f'<th scope="col"{num if c in numeric else ""}>{c}</th>' for c in columns)
    return f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>" if rows else ""


def _tables_html(record: Mapping[str, Any], has: Mapping[str, bool], prefix: str,
                 quotes: list[tuple[int, Mapping[str, Any]]]) -> str:
    parts = []
    if has["quotes"]:
        rows = "".join(
            f'<tr id="{prefix}-q{qi}" data-quote="{qi}" data-start="{int(q["start"])}" data-end="{int(q["end"])}">'
            f'<td class="nf-num">{qi + 1}</td>'
            f'<td class="nf-quote-speaker">{_esc(_speaker_label(q))}</td>'
            f'<td class="nf-quote-text">\u201c{_esc(q.get("text", ""))}\u201d</td>'
            f'<td>{_esc(q.get("cue") or "")}</td><td>{_esc(q.get("kind") or "")}</td></tr>'
            for qi, q in quotes)
        parts.append(_section(prefix, "quotes", "Quotes and speakers",
                              _table("Every quote, in reading order", ("#", "Speaker", "Quote", "Cue", "Kind"), rows),
                              "The article quotes no one directly."))
    if has["actors"]:
        actors = sorted(record.get("actors", []) or [], key=lambda a: (-int(a.get("mentions") or 0), str(a["actor"])))
        rows = "".join(f'<tr><td>{_esc(a["actor"])}</td><td>{_esc(a.get("type") or "")}</td>'
                       f'<td>{_esc(a.get("country") or "")}</td><td class="nf-num">{int(a.get("mentions") or 0)}</td></tr>'
                       for a in actors)
        parts.append(_section(prefix, "actors", "Actors",
                              _table("Actors by mentions", ("Actor", "Type", "Country", "Mentions"), rows,
                                     numeric=("Mentions",)),
                              "No known actor is mentioned."))
    if has["framing"]:
        frames = sorted(record.get("frames", []) or [], key=lambda f: (-float(f.get("score") or 0.0), str(f["frame"])))
        rows = "".join(f'<tr><td>{_esc(_frame_label(f["frame"]))}</td><td>{_esc(f.get("codebook") or "")}</td>'
                       f'<td class="nf-num">{float(f.get("score") or 0.0):.3f}</td>'
                       f'<td>{"yes" if f.get("present") else "no"}</td></tr>' for f in frames)
        parts.append(_section(prefix, "frames", "Frames",
                              _table("Frame scores (higher = more)", ("Frame", "Codebook", "Score", "Present"), rows,
                                     numeric=("Score",)),
                              "No frame scores."))
    if has["keywords"]:
        kws = sorted(record.get("keywords", []) or [], key=lambda k: (int(k.get("rank") or 0), str(k["term"])))
        items = "".join(f'<li><strong class="nf-kw">{_esc(k["term"])}</strong> '
                        f'<span class="nf-meta">score {float(k["score"]):.3f}</span></li>' for k in kws)
        parts.append(_section(prefix, "keywords", "Keywords", f"<ol>{items}</ol>" if items else "",
                              "No keywords were found."))
    return "".join(parts)


def _body(record: Mapping[str, Any], article: Article | None, *, figure: bool) -> str:
    rec = record
    has = analyses_present(rec)
    prefix = "nf-" + _slug(str(rec["id"]))
    quotes = list(enumerate(sorted(rec.get("quotes", []) or [],
                                   key=lambda q: (int(q["start"]), int(q["end"]), str(q.get("speaker") or "")))))
    marks = _non_overlapping(_actor_marks(rec, article)) + _keyword_marks(rec)
    labels = _speaker_positions(rec, quotes)
    title = rec.get("title") or str(rec["id"])
    meta = [x for x in (rec.get("section"), f"by {rec['author']}" if rec.get("author") else None,
                        rec.get("published")) if x]
    parts = [f'<header><h1 id="{prefix}-title">{_esc(title)}</h1>']
    if meta:
        sep = " \u00b7 "
        parts.append(f'<p class="nf-meta">{_esc(sep.join(str(m) for m in meta))}</p>')
    parts.append(f'<p class="nf-meta">Article <code>{_esc(rec["id"])}</code>: '
                 f'{_plural(len(rec["paragraphs"]), "paragraph")}, {_plural(len(rec["sentences"]), "sentence")}, '
                 f'{_plural(_n_words(rec["text"]), "word")}.</p></header>')
    # summary
    parts.append(f'<section aria-labelledby="{prefix}-h-summary"><h2 id="{prefix}-h-summary">Summary</h2>')
    parts.append('<ul class="nf-findings">' + "".join(f"<li>{_esc(f)}</li>" for f in findings(rec)) + "</ul>")
    if figure:
        alt = ("Summary figure with four panels: the sentiment arc (VADER compound score of every sentence in "
               "reading order, with a rolling mean), frames by section (sentences cueing each frame), voice share "
               "(each speaker's share of the quoted words) and the top keywords. Panels of analyses that did not "
               "run say not available. The findings above state the main numbers in words.")
        parts.append(f'<figure><img src="data:image/png;base64,{_png_base64(rec)}" alt="{_esc(alt)}">'
                     "<figcaption>Summary: sentiment arc, frames by section, voice share and top keywords."
                     "</figcaption></figure>")
    parts.append("</section>")
    # legend
    parts.append(f'<section aria-labelledby="{prefix}-h-legend"><h2 id="{prefix}-h-legend">How to read the text</h2>'
                 "<p>Each sentence is shaded by its sentiment and marked with \u2212 or + (\u2212\u2212 and ++ when "
                 "strong), so the shading does not rely on colour. Move through the sentences with the Tab key "
                 "(or hover): a tooltip gives the score, the label and the frames; Escape hides it.</p>"
                 + _legend(has) + "</section>")
    # text
    parts.append(f'<article aria-labelledby="{prefix}-h-text"><h2 id="{prefix}-h-text">The article</h2>')
    by_para: dict[int, list[Mapping[str, Any]]] = {}
    for s in rec["sentences"]:
        by_para.setdefault(int(s["paragraph"]), []).append(s)
    text = rec["text"]
    current: Any = object()
    has_sentiment = has["sentiment"]
    for p in rec["paragraphs"]:
        sub = p.get("subheading")
        if sub != current and sub:
            parts.append(f"<h3>{_esc(sub)}</h3>")
        current = sub
        pos = int(p["start"])
        chunks = []
        for s in sorted(by_para.get(int(p["index"]), []), key=lambda s: int(s["start"])):
            if int(s["start"]) > pos:
                chunks.append(_esc(text[pos:int(s["start"])]))
            chunks.append(_render_sentence(rec, s, quotes, marks, labels, prefix, has_sentiment))
            pos = max(pos, int(s["end"]))
        if pos < int(p["end"]):
            chunks.append(_esc(text[pos:int(p["end"])]))
        parts.append(f'<p id="{prefix}-p{int(p["index"])}">' + "".join(chunks) + "</p>")
    parts.append("</article>")
    parts.append(_tables_html(rec, has, prefix, quotes))
    from newsframe import __version__

    parts.append(f"<footer><p>Made with newsframe {_esc(__version__)}. Sentiment: VADER compound score "
                 "(\u22121 to 1); frames, quotes, actors and keywords: the newsframe modules of the same name.</p>"
                 "</footer>")
    return "".join(parts)


def _json_for_script(record: Mapping[str, Any]) -> str:
    s = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                   default=str)
    return (s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _clean_json(obj: Any) -> Any:
    """NaN/inf → None so the embedded JSON is strict."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, Mapping):
        return {str(k): _clean_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean_json(v) for v in obj]
    return obj


def _resolve(article: Any, record: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], Article | None]:
    """(record, article): the article is needed for actor offsets (its date resolves roles)."""
    if isinstance(article, Article):
        if record is None:
            return article_record(article), article
        rec = _as_record(record)
        if rec["text"] != article.text:
            raise ValueError(f"record {rec['id']!r} is not the record of article {article.id!r} (texts differ)")
        return rec, article
    if record is not None:
        raise TypeError("pass record= only together with an Article")
    rec = _as_record(article)
    try:
        art = article_from_record(rec)
    except (ValueError, KeyError, TypeError):
        art = None
    return rec, art


def render_html(article: Article | Mapping[str, Any], *, record: Mapping[str, Any] | None = None,
                figure: bool = True, standalone: bool = True) -> str:
    """The annotated article as HTML: one self-contained page, or a fragment for a notebook.

    Parameters
    ----------
    article : Article or dict
        An article, or its record (:func:`newsframe.pipeline.article_record`; e.g.
        one element of ``newsframe analyze --json``'s ``"articles"``). Pass the Article
        where you have it: actor mentions are located in it (with its date, which
        resolves roles such as "the defense minister"); from a record alone the
        article is rebuilt without its metadata.
    record : dict, optional
        The article's record if already computed (with an Article), to save recomputing it.
    figure : bool
        Embed the summary figure (a base64 PNG; takes a second or two to draw).
    standalone : bool
        ``True``: a complete document (``<!DOCTYPE html>``, ``lang="en"``, inline CSS
        and script, the record as embedded JSON). ``False``: a ``<div>`` with scoped
        CSS, for notebooks (what :class:`ArticleView` shows).

    Returns
    -------
    str
        The HTML. It loads nothing from outside (no scripts, fonts, images or styles
        by URL) and is deterministic: the same input gives the same string.

    Raises
    ------
    TypeError
        If ``article`` is neither an Article nor a mapping.
    ValueError
        If a mapping lacks the record's base keys.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> page = render_html(Article.from_text("Tom said: \\"x < y & z\\".", id="t"), figure=False)
    >>> "x &lt; y &amp; z" in page and "<script src" not in page
    True
    """
    rec, art = _resolve(article, record)
    body = _body(rec, art, figure=figure)
    title = rec.get("title") or str(rec["id"])
    if not standalone:
        return (f'<div class="nf-report" lang="en"><style>{_css(".nf-report")}</style>{body}'
                f"<script>{_SCRIPT}</script></div>")
    from newsframe import __version__

    prefix = "nf-" + _slug(str(rec["id"]))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="newsframe {_esc(__version__)}">\n'
        f"<title>{_esc(title)} \u2014 newsframe</title>\n"
        f"<style>\n{_css('.nf-report')}{_PAGE_CSS}</style>\n</head>\n<body>\n"
        f'<a class="nf-skip" href="#{prefix}-h-text">Skip to the article text</a>\n'
        f'<main class="nf-report">{body}</main>\n'
        f'<script type="application/json" id="nf-record">{_json_for_script(_clean_json(rec))}</script>\n'
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


class ArticleView:
    """The annotated article, displayed inline by Jupyter (``_repr_html_``).

    Parameters
    ----------
    article : Article or dict
        An article or its record.
    record : dict, optional
        The article's record, if already computed (with an Article).
    figure : bool
        Include the summary figure (default False inline: notebooks show it as a figure).

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> view = ArticleView(Article.from_text("Short one.", id="v"))
    >>> view._repr_html_().startswith('<div class="nf-report" lang="en">')
    True
    """

    __slots__ = ("record", "article", "figure")

    def __init__(self, article: Article | Mapping[str, Any], *, record: Mapping[str, Any] | None = None,
                 figure: bool = False) -> None:
        self.record, self.article = _resolve(article, record)
        self.figure = figure

    def _repr_html_(self) -> str:
        if self.article is not None:
            return render_html(self.article, record=self.record, figure=self.figure, standalone=False)
        return render_html(self.record, figure=self.figure, standalone=False)

    def __repr__(self) -> str:
        return f"ArticleView({self.record['id']!r}: {len(self.record['sentences'])} sentences)"

    def save(self, path: str | Path) -> Path:
        """Write the standalone page (with the summary figure) to ``path``."""
        if self.article is not None:
            return write_report(self.article, path, record=self.record)
        return write_report(self.record, path)


def write_report(article: Article | Mapping[str, Any], path: str | Path, *, record: Mapping[str, Any] | None = None,
                 figure: bool = True) -> Path:
    """Write the annotated article page to ``path`` (atomically, UTF-8).

    Parameters
    ----------
    article : Article or dict
    path : path
        The ``.html`` file to write; its folder is created.
    record : dict, optional
        The article's record, if already computed (with an Article).
    figure : bool
        Embed the summary figure.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile, os
    >>> from newsframe.ingest import Article
    >>> p = write_report(Article.from_text("Hi.", id="w"), os.path.join(tempfile.mkdtemp(), "w.html"), figure=False)
    >>> p.read_text(encoding="utf-8").count("<html")
    1
    """
    page = render_html(article, record=record, figure=figure)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path
