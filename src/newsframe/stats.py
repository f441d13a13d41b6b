"""Article-level statistics: what an article is, what was removed, lengths and vocabulary.

Tidy tables (``*_table``, one row per paragraph, sentence, word type, removed line or
metadata field, ``article_id`` first) and one summary record per article
(:func:`text_stats`). Words are the word tokens of :func:`newsframe.text.tokenize_words`
that hold a letter (numbers are not words here), with typographic apostrophes made
straight, lower-cased, and a possessive ``'s`` dropped (``Russia’s`` → ``russia``);
*content words* are the words not in the stop-word list.

Examples
--------
>>> from newsframe.ingest import Article
>>> art = Article.from_text("Russia’s rockets rose. The rockets fell.\\n\\nKim watched.", id="demo")
>>> s = text_stats(art)
>>> (s.n_paragraphs, s.n_sentences, s.n_words, s.n_types)
(2, 3, 8, 7)
>>> round(s.type_token_ratio, 3), round(s.lexical_density, 3)
(0.875, 0.875)
>>> vocabulary_table(art).head(2)[["term", "count"]].to_dict("records")
[{'term': 'rockets', 'count': 2}, {'term': 'fell', 'count': 1}]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from newsframe.chrome import RULES
from newsframe.ingest import Article
from newsframe.text import _word_list, normalize_text, split_sentences, tokenize_words
from newsframe.text import stopwords as default_stopwords

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "TextStats",
    "words",
    "text_stats",
    "text_stats_table",
    "metadata_table",
    "removed_table",
    "paragraph_table",
    "sentence_table",
    "vocabulary_table",
    "METADATA_COLUMNS",
    "REMOVED_COLUMNS",
    "PARAGRAPH_COLUMNS",
    "SENTENCE_COLUMNS",
    "VOCABULARY_COLUMNS",
    "KEPT_AS",
]

#: Columns of :func:`metadata_table`.
METADATA_COLUMNS = ("article_id", "field", "value")
#: Columns of :func:`removed_table`.
REMOVED_COLUMNS = ("article_id", "line", "rule", "kept_as", "text", "meaning")
#: The Article field that keeps what a metadata rule took out of the text.
KEPT_AS = {"headline": "title", "section": "section", "byline": "author", "dateline": "published",
           "subheading": "subheadings"}
#: Columns of :func:`paragraph_table`.
PARAGRAPH_COLUMNS = ("article_id", "paragraph", "subheading", "start", "end", "n_sentences", "n_words", "n_characters")
#: Columns of :func:`sentence_table`.
SENTENCE_COLUMNS = ("article_id", "sentence", "paragraph", "start", "end", "n_words", "n_characters")
#: Columns of :func:`vocabulary_table`.
VOCABULARY_COLUMNS = ("article_id", "term", "count", "share", "rank")

_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class TextStats:
    """Size and vocabulary of one article.

    Attributes
    ----------
    n_paragraphs, n_sentences, n_words, n_content_words, n_types : int
        Counts; words as in the module docstring, types = distinct words.
    type_token_ratio : float
        ``n_types / n_words``, 0–1, higher = more varied vocabulary; it falls as texts
        get longer, so compare texts of similar length (or use ``mattr``).
    mattr : float
        Moving-average type–token ratio (Covington & McFall 2010) over windows of
        ``window`` words, 0–1, higher = more varied; NaN when the text is shorter than
        one window.
    lexical_density : float
        Share of words that are content words (not stop words), 0–1, higher = denser
        with information (Ure 1971, approximated with a stop-word list).
    mean_sentence_words, mean_paragraph_words : float
        Mean word tokens (numbers included) per sentence and per paragraph: a text of
        numbers only has ``n_words == 0`` but a mean sentence length.

    Undefined values (no words) are NaN, never 0.
    """

    n_paragraphs: int
    n_sentences: int
    n_words: int
    n_content_words: int
    n_types: int
    type_token_ratio: float
    mattr: float
    lexical_density: float
    mean_sentence_words: float
    mean_paragraph_words: float


def words(text: str) -> list[str]:
    """The words of ``text``: lower-cased, straight apostrophes, no possessive ``'s``, no numbers.

    Examples
    --------
    >>> words("Russia’s 25 ICBMs didn’t fly, Kim Jong-un said.")
    ['russia', 'icbms', "didn't", 'fly', 'kim', 'jong-un', 'said']
    """
    out = []
    for tok in tokenize_words(text):
        if not _LETTER.search(tok.text):
            continue
        w = normalize_text(tok.text).lower()
        if w.endswith("'s") and len(w) > 2:
            w = w[:-2]
        out.append(w)
    return out


def _resolve_stopwords(stopwords: Iterable[str] | None) -> frozenset[str]:
    if stopwords is None:
        return default_stopwords()
    return frozenset(normalize_text(w).lower() for w in _word_list(stopwords))


def _articles(articles: Article | Iterable[Article]) -> list[Article]:
    if isinstance(articles, Article):
        return [articles]
    if isinstance(articles, str):
        raise TypeError("pass an Article (or several), not a str; use Article.from_text(text) for raw text")
    out = list(articles)
    for a in out:
        if not isinstance(a, Article):
            raise TypeError(f"expected Article objects, got {type(a).__name__}")
    return out


def _mattr(tokens: list[str], window: int) -> float:
    if len(tokens) < window:
        return math.nan
    counts = Counter(tokens[:window])
    total = len(counts)
    for i in range(window, len(tokens)):
        old, new = tokens[i - window], tokens[i]
        counts[old] -= 1
        if counts[old] == 0:
            del counts[old]
        counts[new] += 1
        total += len(counts)
    return total / (len(tokens) - window + 1) / window


def text_stats(
    article: Article | str,
    *,
    stopwords: Iterable[str] | None = None,
    window: int = 50,
) -> TextStats:
    """Counts, type–token ratio and lexical density of one article (or text).

    Parameters
    ----------
    article : Article or str
        A plain string is read as one article whose paragraphs are separated by blank lines.
    stopwords : collection of str, optional
        Words that are not content words (default: :func:`newsframe.text.stopwords`).
    window : int
        Window of the moving-average type–token ratio (default 50 words).

    Returns
    -------
    TextStats

    Raises
    ------
    TypeError
        If ``article`` is neither an Article nor a str.
    ValueError
        If ``window`` is not a positive integer or ``stopwords`` is a single string.

    References
    ----------
    Covington, M. A. and McFall, J. D. (2010). Cutting the Gordian knot: the
    moving-average type–token ratio (MATTR). Journal of Quantitative Linguistics 17(2).
    Ure, J. (1971). Lexical density and register differentiation. In Applications of
    Linguistics, Cambridge University Press.

    Examples
    --------
    >>> s = text_stats("The cat, the cat ran.", window=3)
    >>> s.n_words, s.n_types, round(s.type_token_ratio, 3), round(s.mattr, 3)
    (5, 3, 0.6, 0.778)
    >>> import math; math.isnan(text_stats("  ").type_token_ratio)
    True
    """
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise ValueError(f"window must be a positive integer, not {window!r}")
    stop = _resolve_stopwords(stopwords)
    if isinstance(article, str):
        article = Article.from_text(article) if article.strip() else Article.from_text("", id="empty")
    elif not isinstance(article, Article):
        raise TypeError(f"article must be an Article or a str, not {type(article).__name__}")
    ws = words(article.text)
    content = [w for w in ws if w not in stop]
    sentences = split_sentences(article.text) if article.text else []
    n_tokens_by_sentence = [len(tokenize_words(s.text)) for s in sentences]
    n_tokens_by_paragraph = [len(tokenize_words(p.text)) for p in article.paragraphs]
    nan = math.nan
    return TextStats(
        n_paragraphs=len(article.paragraphs),
        n_sentences=len(sentences),
        n_words=len(ws),
        n_content_words=len(content),
        n_types=len(set(ws)),
        type_token_ratio=len(set(ws)) / len(ws) if ws else nan,
        mattr=_mattr(ws, window),
        lexical_density=len(content) / len(ws) if ws else nan,
        mean_sentence_words=sum(n_tokens_by_sentence) / len(sentences) if sentences else nan,
        mean_paragraph_words=sum(n_tokens_by_paragraph) / len(article.paragraphs) if article.paragraphs else nan,
    )


def text_stats_table(
    articles: Article | Iterable[Article],
    *,
    stopwords: Iterable[str] | None = None,
    window: int = 50,
) -> "pd.DataFrame":
    """:func:`text_stats` of many articles: one row each, ``article_id`` then the fields of :class:`TextStats`.

    Examples
    --------
    >>> t = text_stats_table([Article.from_text("One two three.", id="a"), Article.from_text("Four.", id="b")])
    >>> t[["article_id", "n_words"]].to_dict("records")
    [{'article_id': 'a', 'n_words': 3}, {'article_id': 'b', 'n_words': 1}]
    """
    import pandas as pd

    rows = []
    for art in _articles(articles):
        s = text_stats(art, stopwords=stopwords, window=window)
        rows.append({"article_id": art.id, **{f: getattr(s, f) for f in TextStats.__slots__}})
    return pd.DataFrame(rows, columns=["article_id", *TextStats.__slots__])


def metadata_table(articles: Article | Iterable[Article]) -> "pd.DataFrame":
    """What each article is: one row per field (title, section, author, published, …).

    Fields are ``title, section, author, published, subheadings, paragraphs, words,
    source, format, encoding, sha256`` and then every extra metadata key (from the
    sidecar or table columns) in sorted order. Values are strings; unknown is missing
    (``pandas.isna``).

    Examples
    --------
    >>> t = metadata_table(Article.from_text("Body.", id="x", title="T")).set_index("field")
    >>> t.loc["title", "value"], bool(t["value"].isna()["author"])
    ('T', True)
    """
    import pandas as pd

    rows = []
    for art in _articles(articles):
        fields: dict[str, Any] = {
            "title": art.title,
            "section": art.section,
            "author": art.author,
            "published": art.published,
            "subheadings": " | ".join(art.subheadings) if art.subheadings else None,
            "paragraphs": len(art.paragraphs),
            "words": len(words(art.text)),
            "source": art.source,
            "format": art.format,
            "encoding": art.encoding,
            "sha256": art.sha256,
        }
        for key in sorted(k for k in art.metadata if k not in fields):
            fields[key] = _plain(art.metadata[key])
        for key, value in fields.items():
            rows.append({"article_id": art.id, "field": key, "value": None if value is None else str(value)})
    return pd.DataFrame(rows, columns=list(METADATA_COLUMNS))


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_plain(v)) for v in value)
    return value


def removed_table(articles: Article | Iterable[Article]) -> "pd.DataFrame":
    """Every line dropped from the source as page chrome (or kept as metadata), with its rule.

    Columns: ``article_id, line`` (1-based line number in the source, 0 for HTML),
    ``rule`` (a key of :data:`newsframe.chrome.RULES`), ``kept_as`` (the Article field
    that keeps the line — title, section, author, published, subheadings — or missing
    for chrome that is dropped), ``text``, ``meaning`` (what the rule means). In
    source order.

    Examples
    --------
    >>> from newsframe.ingest import build_article
    >>> from newsframe.chrome import RemovedLine
    >>> a = build_article([("Body.", None)], id="x", removed=[RemovedLine(1, "Menu", "navigation")])
    >>> removed_table(a)[["line", "rule", "text"]].to_dict("records")
    [{'line': 1, 'rule': 'navigation', 'text': 'Menu'}]
    """
    import pandas as pd

    rows = [
        {"article_id": art.id, "line": r.line, "rule": r.rule, "kept_as": KEPT_AS.get(r.rule), "text": r.text,
         "meaning": RULES.get(r.rule, "")}
        for art in _articles(articles)
        for r in art.removed
    ]
    return pd.DataFrame(rows, columns=list(REMOVED_COLUMNS))


def paragraph_table(articles: Article | Iterable[Article]) -> "pd.DataFrame":
    """One row per paragraph: where it is, the subheading it falls under, its size.

    ``n_words`` counts word tokens (numbers included), ``n_sentences`` the sentences of
    :func:`newsframe.text.split_sentences` in it.

    Examples
    --------
    >>> t = paragraph_table(Article.from_text("One. Two.\\n\\nThree words here.", id="x"))
    >>> t[["paragraph", "n_sentences", "n_words"]].to_dict("records")
    [{'paragraph': 0, 'n_sentences': 2, 'n_words': 2}, {'paragraph': 1, 'n_sentences': 1, 'n_words': 3}]
    """
    import pandas as pd

    rows = []
    for art in _articles(articles):
        per_paragraph = Counter(s.paragraph for s in split_sentences(art.text)) if art.text else Counter()
        for p in art.paragraphs:
            rows.append({
                "article_id": art.id, "paragraph": p.index, "subheading": p.subheading, "start": p.start,
                "end": p.end, "n_sentences": per_paragraph[p.index], "n_words": len(tokenize_words(p.text)),
                "n_characters": len(p.text),
            })
    return pd.DataFrame(rows, columns=list(PARAGRAPH_COLUMNS))


def sentence_table(articles: Article | Iterable[Article]) -> "pd.DataFrame":
    """One row per sentence (:func:`newsframe.text.split_sentences`), with its size.

    Examples
    --------
    >>> sentence_table(Article.from_text("One. Two words.", id="x"))[["sentence", "n_words"]].to_dict("records")
    [{'sentence': 0, 'n_words': 1}, {'sentence': 1, 'n_words': 2}]
    """
    import pandas as pd

    rows = []
    for art in _articles(articles):
        for s in split_sentences(art.text) if art.text else []:
            rows.append({
                "article_id": art.id, "sentence": s.index, "paragraph": s.paragraph, "start": s.start, "end": s.end,
                "n_words": len(tokenize_words(s.text)), "n_characters": len(s.text),
            })
    return pd.DataFrame(rows, columns=list(SENTENCE_COLUMNS))


def vocabulary_table(
    articles: Article | Iterable[Article],
    *,
    top_n: int | None = None,
    stopwords: Iterable[str] | None = None,
    keep_stopwords: bool = False,
    min_count: int = 1,
) -> "pd.DataFrame":
    """Word frequencies per article, most frequent first.

    Parameters
    ----------
    articles : Article or iterable of Article
    top_n : int, optional
        Keep the ``top_n`` most frequent terms of each article.
    stopwords : collection of str, optional
        Default :func:`newsframe.text.stopwords`.
    keep_stopwords : bool
        Count stop words too (default: content words only).
    min_count : int
        Drop terms seen fewer times.

    Returns
    -------
    pandas.DataFrame
        ``article_id, term, count, share`` (count / all counted words of the article,
        0–1, higher = more frequent), ``rank`` (1 = most frequent; ties share the order
        of ``(-count, term)``). Sorted by article, then ``(-count, term)``.

    Raises
    ------
    ValueError
        If ``top_n`` or ``min_count`` is not a positive integer.

    Examples
    --------
    >>> art = Article.from_text("Missiles and more missiles. The missile test.", id="x")
    >>> vocabulary_table(art, top_n=2)[["term", "count", "rank"]].to_dict("records")
    [{'term': 'missiles', 'count': 2, 'rank': 1}, {'term': 'missile', 'count': 1, 'rank': 2}]
    """
    import pandas as pd

    for name, value in (("top_n", top_n), ("min_count", min_count)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise ValueError(f"{name} must be a positive integer, not {value!r}")
    stop = _resolve_stopwords(stopwords)
    rows = []
    for art in _articles(articles):
        ws = [w for w in words(art.text) if keep_stopwords or w not in stop]
        counts = Counter(ws)
        ranked = sorted(((c, t) for t, c in counts.items() if c >= min_count), key=lambda ct: (-ct[0], ct[1]))
        if top_n is not None:
            ranked = ranked[:top_n]
        for rank, (count, term) in enumerate(ranked, 1):
            rows.append({"article_id": art.id, "term": term, "count": count, "share": count / len(ws), "rank": rank})
    return pd.DataFrame(rows, columns=list(VOCABULARY_COLUMNS))
