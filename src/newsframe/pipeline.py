"""One article → one JSON-ready record: the contract behind ``newsframe analyze --json``.

The record's keys are a contract (see the README). The base record holds metadata,
paragraphs and sentences; each analysis module that is installed adds its own keys
through a function ``record_fields(article, sentences)`` returning
``(per_sentence, per_article)``: a dict from sentence index to extra keys for that
sentence, and a dict of extra keys for the article. Modules are asked in the order of
:data:`ANALYSES`.

Examples
--------
>>> from newsframe.ingest import Article
>>> rec = article_record(Article.from_text("One. Two.", id="t"), analyses=())
>>> [s["text"] for s in rec["sentences"]], sorted(rec)[:3]
(['One.', 'Two.'], ['author', 'id', 'paragraphs'])
"""

from __future__ import annotations

import contextlib
import importlib
import time
from typing import Any, Iterator, MutableMapping, Sequence

from newsframe.ingest import Article
from newsframe.text import Sentence, split_sentences

__all__ = ["ANALYSES", "article_record", "analyze_articles", "stage_timer"]

#: Analysis modules that contribute keys to the record, in order.
ANALYSES: tuple[str, ...] = ("sentiment", "framing", "quotes", "actors", "keywords")


_MODULES: dict[str, Any] = {}


def _analysis_module(name: str) -> Any:
    """The module ``newsframe.<name>``, or None if it is not installed.

    A module found is remembered (per process: this runs once per article); a missing one
    is looked for again next time, and one that exists but fails to import raises its error.
    """
    try:
        return _MODULES[name]
    except KeyError:
        pass
    try:
        mod = importlib.import_module(f"newsframe.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"newsframe.{name}":
            return None
        raise
    _MODULES[name] = mod
    return mod


@contextlib.contextmanager
def _timed(timings: MutableMapping[str, float], stage: str) -> Iterator[None]:
    t0 = time.process_time()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.process_time() - t0


def stage_timer(timings: MutableMapping[str, float] | None, stage: str) -> Any:
    """A context manager adding the CPU seconds of its block to ``timings[stage]``.

    Does nothing (and costs nothing) when ``timings`` is None: the ``timings=``
    option of :func:`article_record` and :func:`newsframe.corpus.article_rows`.

    Examples
    --------
    >>> spent = {"sentences": 1.0}
    >>> with stage_timer(spent, "sentences"):
    ...     _ = sum(range(1000))
    >>> spent["sentences"] >= 1.0, stage_timer(None, "x").__class__.__name__
    (True, 'nullcontext')
    """
    return contextlib.nullcontext() if timings is None else _timed(timings, stage)


def article_record(
    article: Article,
    *,
    analyses: Sequence[str] = ANALYSES,
    timings: MutableMapping[str, float] | None = None,
) -> dict[str, Any]:
    """Build the JSON-ready record of one article.

    Parameters
    ----------
    article : Article
    analyses : sequence of str
        Which analysis modules to include (default: all of :data:`ANALYSES`).
    timings : dict, optional
        If given, the CPU seconds (``time.process_time``) of each stage are added to
        it: ``"sentences"`` and one key per analysis module that ran. A result one
        module caches for the next (actor mentions) is charged to the first. For
        profiling a corpus run (``benchmarks/bench_corpus.py``).

    Returns
    -------
    dict
        ``{"id", "title", "section", "author", "published", "subheadings", "text",
        "paragraphs": [{"index", "start", "end", "text", "subheading"}],
        "sentences": [{"index", "start", "end", "text", "paragraph", …}], …}`` —
        offsets index into ``"text"``.

    Examples
    --------
    >>> spent = {}
    >>> rec = article_record(Article.from_text("We won. It was awful."), analyses=("sentiment",), timings=spent)
    >>> rec["sentences"][1]["sentiment"]["label"], sorted(spent)
    ('negative', ['sentences', 'sentiment'])
    """
    unknown = [a for a in analyses if a not in ANALYSES]
    if unknown:
        raise ValueError(f"unknown analyses {unknown}; valid: {', '.join(ANALYSES)}")
    with stage_timer(timings, "sentences"):
        sentences: list[Sentence] = split_sentences(article.text)
    rec: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "section": article.section,
        "author": article.author,
        "published": article.published,
        "subheadings": list(article.subheadings),
        "text": article.text,
        "paragraphs": [
            {"index": p.index, "start": p.start, "end": p.end, "text": p.text, "subheading": p.subheading}
            for p in article.paragraphs
        ],
        "sentences": [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text, "paragraph": s.paragraph}
            for s in sentences
        ],
    }
    for name in analyses:
        mod = _analysis_module(name)
        fn = getattr(mod, "record_fields", None) if mod is not None else None
        if fn is None:
            continue
        with stage_timer(timings, name):
            per_sentence, per_article = fn(article, sentences)
        for idx, extra in per_sentence.items():
            rec["sentences"][idx].update(extra)
        rec.update(per_article)
    return rec


def analyze_articles(articles: Sequence[Article], *, analyses: Sequence[str] = ANALYSES) -> dict[str, Any]:
    """``{"articles": [article_record(a) for a in articles]}`` — the CLI's JSON document."""
    return {"articles": [article_record(a, analyses=analyses) for a in articles]}
