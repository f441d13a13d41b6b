"""Many articles → tidy tables: streaming, parallel, resumable, on one machine or a Dask cluster.

:func:`analyze_corpus` reads a folder, a glob, a ``.jsonl``/``.csv`` table or a
``pandas.DataFrame`` of articles and turns every article into rows of a few long,
tidy tables keyed by ``article_id`` (first column):

========== =================================================================
table      one row per
========== =================================================================
articles   article: metadata, counts, article-level sentiment
sentences  sentence: offsets, text, sentiment, frames cued in it
quotes     quotation (text, speaker, cue, kind)
actors     actor named in the article (mentions, sentiment towards it)
keywords   keyword (term, score, rank, method)
frames     article × frame (codebook, score, present)
errors     article that could not be read or analysed (source, problem)
========== =================================================================

Column lists are the module constants :data:`ARTICLE_COLUMNS`, :data:`SENTENCE_COLUMNS`,
:data:`QUOTE_COLUMNS`, :data:`ACTOR_COLUMNS`, :data:`KEYWORD_COLUMNS`,
:data:`FRAME_COLUMNS` and :data:`ERROR_COLUMNS` (these columns are always there, empty
where an analysis module is not installed; a module may add more after them, and a
module that adds a new per-article list gets its own table named after its key).

Everything per article happens in one pure function, :func:`article_rows` (an
:class:`~newsframe.ingest.Article` → a dict of row lists), built on
:func:`newsframe.pipeline.article_record`; the same function runs in-process, in local
worker processes (``n_jobs``) or on a Dask cluster (``scheduler``), so results are
identical whatever the backend (same rows, same order).

With ``out=`` the run streams: articles are read, analysed and written in chunks of
``chunk_size`` — one Parquet file per chunk and table, ``out/<table>/part-NNNNN.parquet``,
each written atomically — so memory stays flat however large the corpus; a re-run
skips articles already written (same ``article_id`` and content hash), so an
interrupted run resumes where it stopped.

Examples
--------
>>> import tempfile
>>> folder = demo_corpus(tempfile.mkdtemp(), 4, seed=1)
>>> result = analyze_corpus(folder, analyses=())
>>> result.n_articles, list(result["articles"].columns[:3])
(4, ['article_id', 'sha256', 'source'])
>>> int(result["sentences"].groupby("article_id").size().min()) > 3
True
"""

from __future__ import annotations

import gc
import itertools
import json
import logging
import math
import os
import random
import re
import signal
import sys
import threading
import time
import uuid
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence

from newsframe.errors import EmptyFileError, IngestError, MissingColumnError, NoArticlesError, warn
from newsframe.ingest import (
    ARTICLE_SUFFIXES,
    TEXT_COLUMNS,
    Article,
    RawArticle,
    _IdAllocator,
    _sources_items,
    iter_corpus,
)
from newsframe.pipeline import ANALYSES, article_record, stage_timer

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "TABLES",
    "ARTICLE_COLUMNS",
    "SENTENCE_COLUMNS",
    "QUOTE_COLUMNS",
    "ACTOR_COLUMNS",
    "KEYWORD_COLUMNS",
    "FRAME_COLUMNS",
    "ERROR_COLUMNS",
    "OUTLET_KEYS",
    "CHUNK_SIZE",
    "CorpusResult",
    "analyze_corpus",
    "article_rows",
    "read_table",
    "count_articles",
    "ProgressReporter",
    "run_analyze_command",
    "article_tone",
    "tone_table",
    "frame_shares",
    "texts_by",
    "demo_corpus",
]

log = logging.getLogger(__name__)

#: Articles per chunk (and per Parquet file) unless ``chunk_size=`` says otherwise.
CHUNK_SIZE = 500

#: ``articles`` table: one row per article analysed. ``sha256`` is the content hash
#: used to resume; ``outlet`` comes from the first of :data:`OUTLET_KEYS` in the metadata;
#: ``metadata`` holds every other metadata field as a JSON object (sorted keys);
#: ``sentiment_*`` are the article-level aggregates of :func:`newsframe.sentiment.record_fields`
#: (empty without the sentiment module): mean / weighted mean of the sentences' VADER
#: compound (−1…1), shares of positive / neutral / negative sentences (0…1), the indices
#: and compounds of the most positive and most negative sentences, and the GDELT-style
#: ``tone`` (positive − negative words per 100 words), ``polarity``, ``positive_words``,
#: ``negative_words`` (per 100 words) and ``word_count``.
ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "sha256", "source", "title", "section", "author", "published", "outlet",
    "n_paragraphs", "n_sentences", "n_words",
    "sentiment_n_sentences", "sentiment_n_words", "sentiment_mean", "sentiment_weighted_mean",
    "sentiment_positive_share",
    "sentiment_neutral_share", "sentiment_negative_share", "sentiment_most_positive",
    "sentiment_most_positive_compound", "sentiment_most_negative", "sentiment_most_negative_compound",
    "sentiment_tone", "sentiment_polarity", "sentiment_positive_words", "sentiment_negative_words",
    "sentiment_word_count", "metadata",
)
#: ``sentences`` table: one row per sentence; ``sentence`` is its index in the article,
#: ``start``/``end`` index into the article text; ``sentiment_*`` from the sentiment module
#: (VADER compound −1…1, shares 0…1); ``frames`` the frames cued in the sentence, joined by ``;``.
SENTENCE_COLUMNS: tuple[str, ...] = (
    "article_id", "sentence", "paragraph", "start", "end", "text",
    "sentiment_compound", "sentiment_pos", "sentiment_neu", "sentiment_neg", "sentiment_label", "frames",
)
#: ``quotes`` table: one row per quotation, ``quote`` its order in the article.
QUOTE_COLUMNS: tuple[str, ...] = ("article_id", "quote", "start", "end", "text", "speaker", "cue", "kind")
#: ``actors`` table: one row per actor; ``sentiment_*`` from the sentiment module's
#: ``actor_sentiment``: ``sentiment_mentions`` mentions scored, ``sentiment_mean`` the mean
#: targeted stance towards the actor (−1…1, higher = more positive), and the shares of its
#: mentions judged negative / positive (0…1).
ACTOR_COLUMNS: tuple[str, ...] = (
    "article_id", "actor", "type", "country", "mentions",
    "sentiment_mentions", "sentiment_mean", "sentiment_negative_share", "sentiment_positive_share",
)
#: ``keywords`` table: one row per keyword (higher score = more key; rank 1 = best).
KEYWORD_COLUMNS: tuple[str, ...] = ("article_id", "rank", "term", "score", "method")
#: ``frames`` table: one row per article × frame of the codebook.
FRAME_COLUMNS: tuple[str, ...] = ("article_id", "codebook", "frame", "score", "present")
#: ``errors`` table: one row per bad article, in source order like the other tables;
#: ``stage`` is ``"ingest"`` (could not be read) or ``"analyze"`` (an analysis failed);
#: ``error`` the exception class.
ERROR_COLUMNS: tuple[str, ...] = ("article_id", "source", "stage", "error", "problem")

#: The tables of a corpus result, in order (a module adding a new per-article list adds one more).
TABLES: tuple[str, ...] = ("articles", "sentences", "quotes", "actors", "keywords", "frames", "errors")

#: Metadata fields read, in order, as the article's outlet.
OUTLET_KEYS: tuple[str, ...] = ("outlet", "publisher", "publication", "site", "site_name", "media", "newspaper")

_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ARTICLE_COLUMNS,
    "sentences": SENTENCE_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "actors": ACTOR_COLUMNS,
    "keywords": KEYWORD_COLUMNS,
    "frames": FRAME_COLUMNS,
    "errors": ERROR_COLUMNS,
}

# Arrow types of the fixed columns ("s" string, "i" int64, "f" float64, "b" bool);
# columns a module adds beyond these are typed from their values.
_TYPES: dict[str, str] = {
    "article_id": "s", "sha256": "s", "source": "s", "title": "s", "section": "s", "author": "s",
    "published": "s", "outlet": "s", "n_paragraphs": "i", "n_sentences": "i", "n_words": "i",
    "sentiment_n_sentences": "i", "sentiment_n_words": "i", "sentiment_mean": "f", "sentiment_weighted_mean": "f",
    "sentiment_positive_share": "f", "sentiment_neutral_share": "f", "sentiment_negative_share": "f",
    "sentiment_most_positive": "i", "sentiment_most_positive_compound": "f", "sentiment_most_negative": "i",
    "sentiment_most_negative_compound": "f", "sentiment_tone": "f", "sentiment_polarity": "f",
    "sentiment_positive_words": "f", "sentiment_negative_words": "f", "sentiment_word_count": "i",
    "metadata": "s", "sentiment_mentions": "i",
    "sentence": "i", "paragraph": "i", "start": "i", "end": "i", "text": "s",
    "sentiment_compound": "f", "sentiment_pos": "f", "sentiment_neu": "f", "sentiment_neg": "f",
    "sentiment_label": "s", "frames": "s",
    "quote": "i", "speaker": "s", "cue": "s", "kind": "s",
    "actor": "s", "type": "s", "country": "s", "mentions": "i",
    "sentiment_mean": "f", "sentiment_negative_share": "f", "sentiment_positive_share": "f",
    "rank": "i", "term": "s", "score": "f", "method": "s",
    "codebook": "s", "frame": "s", "present": "b",
    "stage": "s", "error": "s", "problem": "s",
}

_BASE_SENTENCE_KEYS = frozenset({"index", "start", "end", "text", "paragraph"})
_BASE_RECORD_KEYS = frozenset(
    {"id", "title", "section", "author", "published", "subheadings", "text", "paragraphs", "sentences"}
)
_TABLE_KEYS = {"quotes": "quotes", "actors": "actors", "keywords": "keywords", "frames": "frames"}
_INDEX_COLUMN = {"quotes": "quote"}
_PART = re.compile(r"^part-(\d{5,})\.parquet$")
_PART_TMP = re.compile(r"^\.part-\d{5,}\.parquet\.tmp-\d+$")  # what _write_parquet leaves if killed

#: The file that marks a folder as an :func:`analyze_corpus` output, written when a run
#: first takes the folder: JSON naming the table folders newsframe wrote there. A run only
#: ever deletes files in those folders, and refuses a folder holding other files.
_MARKER = ".newsframe-corpus.json"


# --------------------------------------------------------------------------- per article

def article_rows(
    article: Article,
    *,
    analyses: Sequence[str] = ANALYSES,
    timings: MutableMapping[str, float] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Analyse one article into rows of the corpus tables (the per-article pure function).

    This is the only per-article work of :func:`analyze_corpus`, the same for every
    backend. It never raises for a bad article: a failing analysis becomes one row of
    the ``errors`` table instead.

    Parameters
    ----------
    article : Article
    analyses : sequence of str
        Analysis modules to run (default: all of :data:`newsframe.pipeline.ANALYSES`
        that are installed).
    timings : dict, optional
        CPU seconds per stage are added to it, as in
        :func:`newsframe.pipeline.article_record`, plus ``"table rows"``.

    Returns
    -------
    dict of str to list of dict
        Table name → rows (each row a dict, ``article_id`` first). Tables without a row
        for this article are left out.

    Raises
    ------
    ValueError
        If ``analyses`` names an unknown module.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> rows = article_rows(Article.from_text("It rained. Then it stopped.", id="a1"), analyses=())
    >>> [r["text"] for r in rows["sentences"]], rows["articles"][0]["n_sentences"]
    (['It rained.', 'Then it stopped.'], 2)
    """
    _check_analyses(analyses)
    try:
        rec = article_record(article, analyses=analyses, timings=timings)
        with stage_timer(timings, "table rows"):
            return _record_rows(rec, article)
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a corpus run
        log.warning("analysis failed for %s: %s: %s", article.source or article.id, type(exc).__name__, exc)
        return {"errors": [{
            "article_id": article.id, "source": article.source, "stage": "analyze",
            "error": type(exc).__name__, "problem": str(exc) or type(exc).__name__,
        }]}


def _check_analyses(analyses: Sequence[str]) -> None:
    if isinstance(analyses, str) or not all(isinstance(a, str) for a in analyses):
        raise ValueError(f"analyses must be a sequence of module names from {', '.join(ANALYSES)}, not {analyses!r}")
    unknown = [a for a in analyses if a not in ANALYSES]
    if unknown:
        raise ValueError(f"unknown analyses {unknown}; valid: {', '.join(ANALYSES)}")


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})
_COLUMN_NAMES: dict[tuple[str, str], str] = {}


def _column(key: str, sub: str) -> str:
    """``f"{key}_{sub}"``, remembered (it is asked for every sentence)."""
    try:
        return _COLUMN_NAMES[key, sub]
    except KeyError:
        name = _COLUMN_NAMES[key, sub] = f"{key}_{sub}"
        return name


def _cell(value: Any) -> Any:
    """A plain scalar for a table cell (nested values become JSON)."""
    if type(value) in _PLAIN_TYPES or isinstance(value, (str, bool, int, float)):
        return value
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item) and not isinstance(value, (list, tuple, dict)):
        try:
            return _cell(item())
        except (TypeError, ValueError):
            pass
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _outlet(meta: Mapping[str, Any]) -> str | None:
    for key in OUTLET_KEYS:
        value = meta.get(key)
        if value not in (None, "") and not (isinstance(value, float) and math.isnan(value)):
            return str(value)
    return None


def _record_rows(rec: dict[str, Any], article: Article) -> dict[str, list[dict[str, Any]]]:
    aid = rec["id"]
    meta = dict(article.metadata)
    art: dict[str, Any] = {
        "article_id": aid,
        "sha256": article.sha256,
        "source": article.source,
        "title": rec["title"],
        "section": rec["section"],
        "author": rec["author"],
        "published": rec["published"],
        "outlet": _outlet(meta),
        "n_paragraphs": len(rec["paragraphs"]),
        "n_sentences": len(rec["sentences"]),
        "n_words": article.n_words,
        "metadata": json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str),
    }
    sentences = []
    plain = _PLAIN_TYPES
    base_keys = _BASE_SENTENCE_KEYS
    for s in rec["sentences"]:
        row: dict[str, Any] = {
            "article_id": aid, "sentence": s["index"], "paragraph": s["paragraph"],
            "start": s["start"], "end": s["end"], "text": s["text"],
        }
        for key, value in s.items():
            if key in base_keys:
                continue
            if key == "frames" and isinstance(value, list):
                if value:
                    names = [f.get("frame") if isinstance(f, dict) else f for f in value]
                    row["frames"] = ";".join(dict.fromkeys([str(n) for n in names if n is not None]))
                else:
                    row["frames"] = ""
            elif isinstance(value, dict):
                for sub, v in value.items():
                    row[_column(key, sub)] = v if type(v) in plain else _cell(v)
            else:
                row[key] = _cell(value)
        sentences.append(row)
    tables: dict[str, list[dict[str, Any]]] = {"articles": [art], "sentences": sentences}
    actor_sentiment = None
    for key, value in rec.items():
        if key in _BASE_RECORD_KEYS:
            continue
        if key == "actor_sentiment" and isinstance(value, list):
            actor_sentiment = value
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            name = _TABLE_KEYS.get(key, key)
            index = _INDEX_COLUMN.get(name)
            rows = []
            for i, item in enumerate(value):
                row = {"article_id": aid}
                if index:
                    row[index] = i
                for k, v in item.items():
                    if k != "article_id":
                        row[k] = v if type(v) in plain else _cell(v)
                rows.append(row)
            tables[name] = rows
        elif isinstance(value, list) and not value:
            continue
        elif isinstance(value, dict):
            for sub, v in value.items():
                art[f"{key}_{sub}"] = _cell(v)
        else:
            art[key] = _cell(value)
    if actor_sentiment:
        actors = tables.setdefault("actors", [])
        by_name = {row.get("actor"): row for row in actors}
        for item in actor_sentiment:
            if not isinstance(item, dict):
                continue
            actor_row = by_name.get(item.get("actor"))
            if actor_row is None:
                actor_row = {"article_id": aid, "actor": _cell(item.get("actor"))}
                actors.append(actor_row)
                by_name[item.get("actor")] = actor_row
            for k, v in item.items():
                if k != "actor":
                    actor_row[_column("sentiment", k)] = v if type(v) in plain else _cell(v)
    return tables


@dataclass
class _BatchResult:
    """What a unit of work returns: its rows per table, bad articles and warnings."""

    n_articles: int  # articles analysed
    tables: dict[str, Any]  # table name -> rows (list of dict) or, from a worker, an Arrow table
    errors: list[dict[str, Any]]  # rows of the errors table (files that cannot be read, failed analyses)
    warnings: list[tuple[type[Warning], str]]  # raised while reading the raw files, to re-issue in the main process
    error_items: list[int] = field(default_factory=list)  # index in the batch of the item of each error row


#: Container allocations between two collections of the youngest generation during a
#: corpus run (CPython's default is 700).
_GC_GEN0 = 50_000
_gc_lock = threading.Lock()
_gc_users = 0
_gc_saved: tuple[int, ...] = ()


def _enlarge_threshold() -> tuple[int, ...]:
    """Raise the youngest generation's threshold to at least :data:`_GC_GEN0`; return the previous thresholds."""
    saved = gc.get_threshold()
    gc.set_threshold(max(_GC_GEN0, saved[0]), *saved[1:])
    return saved


@contextmanager
def _fewer_collections(*, collect: bool = False) -> Iterator[None]:
    """Run a block with the cyclic garbage collector's youngest generation enlarged.

    An analysis builds many containers that live for a while (token lists, rows of a
    chunk, cached parses). With CPython's default threshold the collector runs whenever
    700 more containers are alive than at its last pass, and walks the young ones each
    time, so it runs hundreds of times per chunk. Collections still happen, every
    :data:`_GC_GEN0` new containers, so cyclic garbage is freed as before, in fewer and
    larger passes. The previous thresholds are restored when the last of any concurrent
    users (threads of one Dask worker) leaves; with ``collect=True`` it then runs a full
    collection, so that the passes put off are paid by the run, not by whatever code
    runs next in the process.
    """
    global _gc_users, _gc_saved
    with _gc_lock:
        if _gc_users == 0:
            _gc_saved = _enlarge_threshold()
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0:
                gc.set_threshold(*_gc_saved)
                if collect:
                    gc.collect()


def _work(items: Sequence[Article | RawArticle], analyses: Sequence[str], arrow: bool) -> _BatchResult:
    """The unit of work sent to a worker: read the raw files, :func:`article_rows` each article.

    A worker also builds the Arrow tables (``arrow=True``), so that the main process
    only receives compact columns and writes them.

    It does not touch the collector's threshold: whoever runs the batches holds it
    enlarged for the whole run (:func:`_fewer_collections`): this process for a run in
    it, a pool worker for its life (:func:`_init_worker`), a Dask worker through the
    run's plugin (:func:`_collections_plugin`). Restored after every batch, it made the
    collector walk every young container still alive, the caches' new entries and the
    batch's rows, once per batch.
    """
    tables: dict[str, list[dict[str, Any]]] = {}
    errors: list[dict[str, Any]] = []
    caught: list[tuple[type[Warning], str]] = []
    error_items: list[int] = []
    n = 0
    for i, item in enumerate(items):
        if isinstance(item, RawArticle):
            with warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter("always")
                try:
                    item = item.load()
                except IngestError as exc:
                    errors.append(_ingest_error_row(exc))
                    error_items.append(i)
                    continue
                finally:
                    caught.extend((w.category, str(w.message)) for w in seen)
        rows = article_rows(item, analyses=analyses)
        for name, table_rows in rows.items():
            if name == "errors":
                errors.extend(table_rows)
                error_items.extend([i] * len(table_rows))
            else:
                tables.setdefault(name, []).extend(table_rows)
        n += "articles" in rows
    if arrow:
        arrow_tables = {name: _to_arrow(name, rows, null_as_string=False) for name, rows in tables.items()}
        return _BatchResult(n, arrow_tables, errors, caught, error_items)
    return _BatchResult(n, dict(tables), errors, caught, error_items)


def _ingest_error_row(err: IngestError) -> dict[str, Any]:
    return {"article_id": None, "source": err.path, "stage": "ingest", "error": type(err).__name__,
            "problem": err.problem}


# --------------------------------------------------------------------------- sources

_FRAME_SOURCE = "<DataFrame>"


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        try:
            import pandas as pd

            if value is pd.NaT:
                return None
        except ImportError:  # pragma: no cover
            pass
        return value.isoformat()
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, (list, tuple, dict, str)):
        try:
            return _plain(item())
        except (TypeError, ValueError):
            return value
    return value


def _text_or_none(value: Any) -> str | None:
    value = _plain(value)
    return None if value is None or str(value).strip() == "" else str(value)


def _frame_items(df: "pd.DataFrame", text_column: str | None) -> Iterator[Article | IngestError]:
    cols = [text_column] if text_column else list(TEXT_COLUMNS)
    col = next((c for c in cols if c in df.columns), None)
    if col is None:
        raise MissingColumnError(
            _FRAME_SOURCE, f"no text column (looked for {', '.join(cols)}; found "
            f"{', '.join(map(str, df.columns)) or 'none'}); pass text_column="
        )
    if len(df) == 0:
        raise NoArticlesError(_FRAME_SOURCE, "the DataFrame has no rows")
    id_col = next((c for c in ("article_id", "id", "ID") if c in df.columns), None)
    ids = _IdAllocator(warn=True)  # a repeat gets a counter (``a~2``), the first one with a warning
    for begin in range(0, len(df), 1000):
        part = df.iloc[begin:begin + 1000]
        for label, row in zip(part.index, part.to_dict("records")):
            where = f"{_FRAME_SOURCE}:{label}"
            rid = _text_or_none(row.get(id_col)) if id_col else None
            # every row's id is taken, readable or not, so that no id depends on whether another row is empty
            aid = ids.unique(rid if rid is not None else str(label), where)
            body = _plain(row.get(col))
            if body is None or not str(body).strip():
                yield EmptyFileError(where, f"row {label!r} has empty {col!r}")
                continue
            meta = {str(k): _plain(v) for k, v in row.items() if k != col}
            yield Article.from_text(
                str(body),
                id=aid,
                title=_text_or_none(row.get("title") or row.get("headline")),
                section=_text_or_none(row.get("section")),
                author=_text_or_none(row.get("author")),
                published=_text_or_none(row.get("published") if row.get("published") is not None else row.get("date")),
                source=where,
                metadata=meta,
            )


def _check_path_source(source: str | os.PathLike[str]) -> None:
    if os.fspath(source) in ("", b""):
        raise ValueError("source must be a folder, a glob or a table file, not an empty path "
                         "(for the current folder pass '.')")


def _source_items(source: Any, text_column: str | None) -> Iterator[Article | RawArticle | IngestError]:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        pd = None
    if pd is not None and isinstance(source, pd.DataFrame):
        return _frame_items(source, text_column)
    if isinstance(source, (str, os.PathLike)):
        _check_path_source(source)
        return iter_corpus(source, errors="skip", text_column=text_column, raw=True)
    if isinstance(source, (list, tuple)) and source and all(isinstance(s, (str, os.PathLike)) for s in source):
        for s in source:
            _check_path_source(s)
        return _sources_items(source, errors="skip", text_column=text_column, raw=True)
    raise ValueError(
        "source must be a folder, a glob, a .jsonl/.csv file, a list of those, or a pandas DataFrame "
        f"with a text column; got {type(source).__name__}"
    )


def count_articles(source: Any) -> int | None:
    """Quickly estimate how many articles a source holds (for a progress bar's ETA).

    Counts article files, the non-empty lines of ``.jsonl`` files and the records of
    ``.csv`` files without analysing anything.

    Parameters
    ----------
    source : path, glob, list of paths, or DataFrame

    Returns
    -------
    int or None
        ``None`` when the source cannot be counted (it does not exist or cannot be read).

    Examples
    --------
    >>> import tempfile
    >>> count_articles(demo_corpus(tempfile.mkdtemp(), 5, seed=0))
    5
    """
    try:
        import pandas as pd

        if isinstance(source, pd.DataFrame):
            return len(source)
    except ImportError:  # pragma: no cover
        pass
    if isinstance(source, (list, tuple)):
        counts = [count_articles(s) for s in source]
        return None if any(c is None for c in counts) else sum(c for c in counts if c is not None)
    if not isinstance(source, (str, os.PathLike)) or os.fspath(source) in ("", b""):
        return None
    try:
        return _count_files(source)
    except OSError:  # unreadable: the run itself reports it
        return None


def _count_files(source: str | os.PathLike[str]) -> int | None:
    import csv
    import glob

    from newsframe.ingest import SIDECAR_SUFFIXES, TABLE_SUFFIXES

    path = Path(source)
    if path.is_dir():
        files: Iterable[Path] = (p for p in sorted(path.rglob("*")) if p.is_file()
                                 and not any(part.startswith(".") for part in p.relative_to(path).parts))
    elif path.is_file():
        files = [path]
    elif any(ch in str(source) for ch in "*?["):
        files = (Path(p) for p in sorted(glob.glob(str(source), recursive=True)))
    else:
        return None
    total = 0
    for f in files:
        name = f.name.lower()
        if any(name.endswith(s) for s in SIDECAR_SUFFIXES):
            continue
        suffix = f.suffix.lower()
        if suffix in ARTICLE_SUFFIXES:
            total += 1
        elif TABLE_SUFFIXES.get(suffix) == "jsonl":
            with open(f, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif TABLE_SUFFIXES.get(suffix) == "csv":
            with open(f, encoding="utf-8", errors="replace", newline="") as fh:
                total += max(0, sum(1 for _ in csv.reader(fh)) - 1)
    return total


# --------------------------------------------------------------------------- tables

def _arrow_type(code: str) -> "pa.DataType":
    import pyarrow as pa

    return {"s": pa.string(), "i": pa.int64(), "f": pa.float64(), "b": pa.bool_()}[code]


def _to_arrow(name: str, rows: list[dict[str, Any]], *, null_as_string: bool = True) -> "pa.Table":
    """Rows → an Arrow table: the fixed columns first (typed), then any a module added.

    An added column with no value is typed as strings (``null_as_string``), unless the
    table is one part of a chunk, whose other parts may give it a type.
    """
    import pyarrow as pa

    fixed = _COLUMNS.get(name, ("article_id",))
    # every key in order of first appearance (one pass in C), then those not fixed
    seen = dict.fromkeys(itertools.chain.from_iterable(rows))
    fixed_set = frozenset(fixed)
    extra = [key for key in seen if key not in fixed_set]
    arrays = []
    fields = []
    for col in (*fixed, *extra):
        try:  # the usual case: every row has the column
            values = list(map(itemgetter(col), rows))
        except KeyError:
            values = [row.get(col) for row in rows]
        code = _TYPES.get(col) if col in fixed_set else None
        if code == "f" and not _FLOAT_OR_NONE.issuperset(map(type, values)):
            values = [float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None for v in values]
        if code is not None:
            try:
                arr = pa.array(values, type=_arrow_type(code))
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                arr = pa.array([None if v is None else str(v) for v in values], type=pa.string())
        else:
            try:
                arr = pa.array(values)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                arr = pa.array([None if v is None else str(v) for v in values], type=pa.string())
            if null_as_string and pa.types.is_null(arr.type):
                arr = arr.cast(pa.string())
        arrays.append(arr)
        fields.append(pa.field(col, arr.type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


_FLOAT_OR_NONE = frozenset({float, type(None)})  # values a float column takes as they are


def _empty_frame(name: str) -> "pd.DataFrame":
    return _to_arrow(name, []).to_pandas()


def _concat(name: str, tables: list["pa.Table"]) -> "pd.DataFrame":
    import pyarrow as pa

    if not tables:
        return _empty_frame(name)
    try:
        table = pa.concat_tables(tables, promote_options="permissive")
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # a column two chunks typed differently (one a module adds)
        table = pa.concat_tables(_strings_where_types_differ(tables), promote_options="permissive")
    return table.to_pandas()


def _strings_where_types_differ(tables: list["pa.Table"]) -> list["pa.Table"]:
    """The tables with every column that they type differently turned into strings (as :func:`_to_arrow` does)."""
    import pyarrow as pa

    types: dict[str, set[Any]] = {}
    for table in tables:
        for f in table.schema:
            if not pa.types.is_null(f.type):
                types.setdefault(f.name, set()).add(f.type)
    mixed = {name for name, seen in types.items() if len(seen) > 1}
    out = []
    for table in tables:
        for i, f in enumerate(table.schema):
            if f.name in mixed:
                values = [None if v is None else str(v) for v in table.column(i).to_pylist()]
                table = table.set_column(i, f.name, pa.array(values, type=pa.string()))
        out.append(table)
    return out


def _committed_parts(out: Path) -> list[int]:
    folder = out / "articles"
    if not folder.is_dir():
        return []
    return sorted(int(m.group(1)) for p in folder.iterdir() if (m := _PART.match(p.name)))


_TABLE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _marker_tables(out: Path) -> list[str] | None:
    """The table folders named by ``out``'s marker file, or None without a readable marker."""
    try:
        data = json.loads((out / _MARKER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("%s: cannot read it (%s); only the standard table folders count as newsframe's",
                    out / _MARKER, exc)
        return None
    names = data.get("tables") if isinstance(data, dict) else None
    if not isinstance(names, list):
        return None
    return [n for n in names if isinstance(n, str) and _TABLE_NAME.match(n) and n not in (".", "..")]


def _write_marker(out: Path, tables: Sequence[str]) -> None:
    """Write ``out``'s marker file (atomically) naming the table folders newsframe writes there."""
    doc = {"written_by": "newsframe.corpus.analyze_corpus", "format": 1, "tables": list(tables)}
    tmp = out / f"{_MARKER}.tmp-{os.getpid()}"
    try:
        tmp.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, out / _MARKER)
    finally:
        if tmp.exists():
            tmp.unlink()


def _own_tables(out: Path) -> list[str]:
    """The table folders of ``out`` that newsframe wrote: the only folders a run deletes files in."""
    return list(dict.fromkeys([*TABLES, *(_marker_tables(out) or [])]))


def _output_state(out: Path, what: str = "out") -> str:
    """What folder ``out`` is, for a run or a reader.

    ``"missing"``; ``"empty"`` (nothing but hidden files); ``"marked"`` (it holds the
    marker file :data:`_MARKER`); ``"legacy"`` (written before the marker existed: it
    holds newsframe's empty ``.lock`` file, or only the standard table folders); or
    ``"foreign"`` (anything else: not an output of :func:`analyze_corpus`).
    """
    try:
        if not out.exists():
            return "missing"
        if (out / _MARKER).is_file():
            return "marked"
        lock = out / ".lock"
        if lock.is_file() and lock.stat().st_size == 0:  # the lock file of a run: always empty
            return "legacy"
        visible = list(itertools.islice((p for p in out.iterdir() if not p.name.startswith(".")), len(TABLES) + 1))
        if not visible:
            return "empty"
        if (out / "articles").is_dir() and all(p.name in TABLES and p.is_dir() for p in visible):
            return "legacy"
    except OSError as exc:
        raise ValueError(f"cannot read {what}={str(out)!r}: {exc.strerror or exc}") from exc
    return "foreign"


def _table_names(out: Path) -> list[str]:
    named = _marker_tables(out) if out.is_dir() else None
    if named is not None:
        found = named
    else:  # no marker: an output written before it, every visible folder
        found = [p.name for p in sorted(out.iterdir()) if p.is_dir() and not p.name.startswith((".", "_"))] \
            if out.is_dir() else []
    return [*TABLES, *(n for n in found if n not in TABLES)]


def _check_columns(columns: Any) -> list[str] | None:
    if columns is None:
        return None
    if isinstance(columns, (str, bytes)):
        raise TypeError(f"columns must be a list of column names, not a single string; write columns=[{columns!r}]")
    try:
        names = list(columns)
    except TypeError:
        raise TypeError(f"columns must be a list of column names, not {type(columns).__name__}") from None
    bad = [c for c in names if not isinstance(c, str)]
    if bad:
        raise TypeError(f"columns must be a list of column names (str), not {bad[0]!r}")
    return list(dict.fromkeys(names))


def _read_part(path: Path, columns: list[str] | None, out: Path) -> "pa.Table":
    """One Parquet part (those of ``columns`` it has); a damaged file raises ValueError naming it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        if columns is None:
            return pq.read_table(path)
        try:
            return pq.read_table(path, columns=columns)
        except pa.ArrowInvalid:  # a column this part lacks (one a module added in a later chunk), or damage
            have = set(pq.read_schema(path).names)
            if all(c in have for c in columns):
                raise
            return pq.read_table(path, columns=[c for c in columns if c in have])
    except (pa.ArrowException, OSError) as exc:
        raise ValueError(
            f"{path} is damaged: it cannot be read as Parquet ({exc}). To redo its chunk, delete {path.name} "
            f"from every table folder of {out} and run analyze_corpus again (resume analyses those articles anew)"
        ) from exc


def read_table(out: str | os.PathLike[str], name: str, *, columns: Sequence[str] | None = None) -> "pd.DataFrame":
    """Read one table of a corpus written by :func:`analyze_corpus` with ``out=``.

    Parameters
    ----------
    out : path
        The output folder.
    name : str
        A table name (see :data:`TABLES`).
    columns : list of str, optional
        Read only these columns, in this order (a single string is a ``TypeError``:
        write ``columns=["text"]``).

    Returns
    -------
    pandas.DataFrame
        The parts of the table concatenated in order (only chunks whose ``articles``
        part exists, i.e. that were completely written), with the columns documented
        for the table; empty (with those columns) if the table has no row.

    Raises
    ------
    ValueError
        If ``out`` is not an output folder of :func:`analyze_corpus`, ``name`` is not a
        table found there, ``columns`` names a column the table does not have, or a
        Parquet part is damaged (the message names the file).
    TypeError
        If ``columns`` is not a list of str.

    Examples
    --------
    >>> import tempfile
    >>> folder, out = demo_corpus(tempfile.mkdtemp(), 3, seed=2), tempfile.mkdtemp()
    >>> _ = analyze_corpus(folder, out=out, analyses=())
    >>> len(read_table(out, "articles")), list(read_table(out, "errors").columns) == list(ERROR_COLUMNS)
    (3, True)
    >>> list(read_table(out, "sentences", columns=["article_id", "text"]).columns)
    ['article_id', 'text']
    """
    if not isinstance(out, (str, os.PathLike)) or os.fspath(out) in ("", b""):
        raise ValueError(f"out must be the output folder of analyze_corpus, not {out!r}")
    cols = _check_columns(columns)
    out = Path(out)
    state = _output_state(out)
    if state == "missing" or not out.is_dir():
        raise ValueError(f"{out} is not a corpus output folder (run analyze_corpus(..., out={str(out)!r}) first)")
    if state in ("empty", "foreign"):
        raise ValueError(f"{out} is not a corpus output folder: analyze_corpus did not write it (no {_MARKER}, "
                         "no table folders)")
    names = _table_names(out)
    if name not in names:
        raise ValueError(f"unknown table {name!r}; valid: {', '.join(names)}")
    committed = set(_committed_parts(out))
    folder = out / name
    parts = [p for p in sorted(folder.iterdir()) if (m := _PART.match(p.name)) and int(m.group(1)) in committed] \
        if folder.is_dir() else []
    tables = [_read_part(p, cols, out) for p in parts]
    if cols is None:
        return _concat(name, tables)
    fixed = _COLUMNS.get(name, ("article_id",))
    found = set(fixed).union(*(t.column_names for t in tables))
    unknown = [c for c in cols if c not in found]
    if unknown:
        import pyarrow.parquet as pq

        available = dict.fromkeys(itertools.chain(fixed, *(pq.read_schema(p).names for p in parts)))
        raise ValueError(f"table {name!r} has no column(s) {', '.join(map(repr, unknown))}; "
                         f"its columns: {', '.join(available)}")
    frame = _concat(name, tables)
    if list(frame.columns) != cols:
        frame = frame[[c for c in cols if c in frame.columns]]
    return frame


@dataclass(frozen=True)
class CorpusResult:
    """What :func:`analyze_corpus` did, and its tables.

    Index it by table name (``result["sentences"]``) or call :meth:`table`. Without
    ``out`` the tables are held in memory; with ``out`` they are read from the Parquet
    files on first use (so a run over millions of articles returns at once and a notebook
    can read just the table it needs) and cover every article in ``out``, including those
    of earlier runs.

    Attributes
    ----------
    out : Path or None
        The output folder, if any.
    n_articles : int
        Articles analysed in this run.
    n_skipped : int
        Articles skipped because ``out`` already held them (resume).
    n_errors : int
        Bad articles recorded in the ``errors`` table in this run.
    n_chunks : int
        Chunks (Parquet parts per table) written in this run.
    """

    out: Path | None
    n_articles: int
    n_skipped: int
    n_errors: int
    n_chunks: int
    _tables: Mapping[str, "pd.DataFrame"] | None = field(default=None, repr=False)

    @property
    def tables(self) -> tuple[str, ...]:
        """Names of the tables available."""
        if self._tables is not None:
            return tuple(self._tables)
        assert self.out is not None
        return tuple(_table_names(self.out))

    def table(self, name: str) -> "pd.DataFrame":
        """One table as a DataFrame (see the module's column constants)."""
        if self._tables is not None:
            if name not in self._tables:
                raise ValueError(f"unknown table {name!r}; valid: {', '.join(self._tables)}")
            return self._tables[name]
        assert self.out is not None
        return read_table(self.out, name)

    def __getitem__(self, name: str) -> "pd.DataFrame":
        return self.table(name)


# --------------------------------------------------------------------------- backends

def _warm_up(analyses: Sequence[str]) -> None:
    """Load the analysis modules and their resources (lexicons, codebooks, gazetteer) once."""
    article_rows(Article.from_text("Warm up. \u201cIt works,\u201d said Kim Jong Un in Russia.", id="warm-up"),
                 analyses=analyses)


def _init_worker(analyses: Sequence[str]) -> None:  # pragma: no cover - runs in worker processes
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _warm_up(analyses)  # instant when forked from a warm parent
    # A pool worker is the run's own process and does nothing but batches: the collector's
    # enlarged threshold holds for its whole life. Restored after every batch (as
    # _fewer_collections does when it is left), it made the collector walk the young
    # containers still alive, the caches' new entries among them, once per batch.
    _enlarge_threshold()


class _Serial:
    """Runs the batches in this process when their results are asked for."""

    workers = 1
    in_process = True  # nothing to ship: one article per batch, progress per article

    def submit(self, batch: list[Article | RawArticle], analyses: Sequence[str]) -> Any:
        return (batch, analyses)

    def results(self, handles: list[Any], progress: Callable[[int], None] | None) -> list[_BatchResult]:
        out = []
        for batch, analyses in handles:
            result = _work(batch, analyses, not self.in_process)  # rows: one table per chunk is built from them
            if progress is not None:
                progress(len(batch))
            out.append(result)
        return out

    def cancel(self, handles: list[Any]) -> None:
        pass

    def close(self) -> None:
        pass


class _Processes:
    """Local worker processes (``concurrent.futures.ProcessPoolExecutor``)."""

    in_process = False

    def __init__(self, n: int, analyses: Sequence[str]) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self.workers = n
        _warm_up(analyses)  # forked workers inherit the loaded resources instead of each loading them
        # The loaded resources go to the collector's permanent generation while the workers fork, so a
        # worker's garbage collections never walk (and copy-on-write) them: the pattern the gc module
        # documents for fork without exec. The parent takes them back once the workers run.
        gc.freeze()
        try:
            self.pool = ProcessPoolExecutor(max_workers=n, initializer=_init_worker, initargs=(tuple(analyses),))
            self.pool.submit(int).result()  # start the workers now (the pool starts them at the first task)
        finally:
            gc.unfreeze()

    def submit(self, batch: list[Article | RawArticle], analyses: Sequence[str]) -> Any:
        return self.pool.submit(_work, batch, tuple(analyses), not self.in_process), len(batch)

    def results(self, handles: list[Any], progress: Callable[[int], None] | None) -> list[_BatchResult]:
        from concurrent.futures import FIRST_COMPLETED, wait

        if progress is not None:
            sizes = {fut: n for fut, n in handles}
            pending = set(sizes)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                progress(sum(sizes[f] for f in done))
        return [fut.result() for fut, _ in handles]

    def cancel(self, handles: list[Any]) -> None:
        """Stop at once: drop the queued batches and end the workers still busy with the cancelled run."""
        for fut, _ in handles:
            fut.cancel()
        procs = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
        for proc in procs:
            proc.join(timeout=5)

    def close(self) -> None:
        self.pool.shutdown(wait=True)


class _Dask:
    """An existing Dask cluster (``dask.distributed``), by address or Client."""

    in_process = False

    def __init__(self, scheduler: Any) -> None:
        from distributed.client import Client

        if isinstance(scheduler, Client):
            self.client, self.own = scheduler, False
        else:
            self.client, self.own = _connect(scheduler), True
        self.workers = max(1, sum(self.client.nthreads().values()))
        # each worker keeps the enlarged collector threshold until the run ends (close)
        self.plugin = f"newsframe-fewer-collections-{uuid.uuid4().hex}"
        try:
            self.client.register_plugin(_collections_plugin(), name=self.plugin)
        except BaseException:
            self.close_client()
            raise

    def submit(self, batch: list[Article | RawArticle], analyses: Sequence[str]) -> Any:
        return self.client.submit(_work, batch, tuple(analyses), not self.in_process, pure=False), len(batch)

    def results(self, handles: list[Any], progress: Callable[[int], None] | None) -> list[_BatchResult]:
        from distributed import as_completed

        futures = [fut for fut, _ in handles]
        if progress is not None:
            sizes = {fut.key: n for fut, n in handles}
            for fut in as_completed(futures):
                progress(sizes[fut.key])
        return self.client.gather(futures)

    def cancel(self, handles: list[Any]) -> None:
        if handles:
            self.client.cancel([fut for fut, _ in handles])

    def close(self) -> None:
        import asyncio

        try:
            self.client.unregister_worker_plugin(self.plugin)  # its teardown restores each worker's thresholds
        except (OSError, asyncio.TimeoutError) as exc:
            warn(f"could not restore the garbage collector's thresholds on the Dask workers ({exc}); they keep "
                 f"collecting every {_GC_GEN0:,} new containers until restarted", RuntimeWarning)
        self.close_client()

    def close_client(self) -> None:
        """Close the client if this run opened it (a Client passed in is left open for its owner)."""
        if self.own:
            self.client.close()


def _collections_plugin() -> Any:
    """A Dask worker plugin: each worker holds :func:`_fewer_collections` from set-up to teardown.

    A corpus run registers it when it starts and unregisters it when it ends, so a Dask
    worker, like a pool worker, does not restore CPython's threshold after every batch
    (which made the collector walk every young container still alive, the caches' new
    entries among them, once per batch: 2–5 % of a worker's CPU time). The worker is the
    user's process, so the threshold is restored at teardown, followed by one full
    collection; concurrent runs on one worker share the enlarged threshold, and the
    last to end restores it.
    """
    from distributed.diagnostics.plugin import WorkerPlugin

    class FewerCollections(WorkerPlugin):  # type: ignore[misc]
        def __init__(self) -> None:
            self.held: dict[int, Any] = {}  # per worker (threads of one process may share the plugin)

        def setup(self, worker: Any) -> None:
            held = _fewer_collections(collect=True)
            held.__enter__()
            self.held[id(worker)] = held

        def teardown(self, worker: Any) -> None:
            held = self.held.pop(id(worker), None)
            if held is not None:
                held.__exit__(None, None, None)

    return FewerCollections()


def _connect(address: str) -> Any:
    """A ``distributed.Client`` of the scheduler at ``address``; a failure names the address.

    How long it waits for an unreachable scheduler is Dask's setting
    ``distributed.comm.timeouts.connect`` (30 s unless configured), e.g.
    ``dask.config.set({"distributed.comm.timeouts.connect": "5s"})``.
    """
    import asyncio

    import distributed

    try:
        return distributed.Client(address)
    except (OSError, asyncio.TimeoutError) as exc:
        raise ConnectionError(
            f"cannot connect to the Dask scheduler at scheduler={address!r}: {exc}; "
            "check that the scheduler is running and that the address (host and port) is right"
        ) from exc
    except (ValueError, TypeError) as exc:
        raise ValueError(f"scheduler={address!r} cannot be used as a Dask scheduler address: {exc}") from exc


def _check_scheduler_address(address: str) -> None:
    """Refuse a malformed scheduler address before connecting (``protocol://host:port``)."""
    example = "a Dask scheduler address like 'tcp://host:8786'"
    m = re.match(r"^([a-z][a-z0-9+.-]*)://(\S+)$", address)
    if not m:
        raise ValueError(f"scheduler must be {example}, not {address!r}")
    scheme, location = m.groups()
    try:
        from distributed.comm.registry import backends

        known = sorted(backends)
    except ImportError:  # pragma: no cover - the error comes when connecting
        known = [scheme]
    if scheme not in known:
        raise ValueError(f"scheduler={address!r}: unknown protocol {scheme!r} (Dask knows {', '.join(known)}); "
                         f"give {example}")
    if scheme == "inproc":
        return
    host, colon, port = location.rpartition(":")
    if not colon or not host:
        raise ValueError(f"scheduler={address!r} has no port; give {example}")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"scheduler={address!r}: {port!r} is not a port number (1-65535); give {example}")


def _backend(n_jobs: int, scheduler: Any, analyses: Sequence[str]) -> Any:
    if scheduler is not None:
        return _Dask(scheduler)
    if n_jobs == 1:
        return _Serial()
    return _Processes(n_jobs, analyses)


def _check_options(out: Any, n_jobs: Any, scheduler: Any, chunk_size: Any) -> tuple[Path | None, int]:
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer, not {chunk_size!r}")
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or (n_jobs < 1 and n_jobs != -1):
        raise ValueError(f"n_jobs must be a positive integer or -1 (all cores), not {n_jobs!r}")
    if n_jobs == -1:
        n_jobs = os.cpu_count() or 1
    if scheduler is not None:
        if isinstance(scheduler, str):
            _check_scheduler_address(scheduler)
        else:
            try:
                from distributed.client import Client
            except ImportError:  # pragma: no cover
                Client = ()  # type: ignore[assignment,misc]
            if not isinstance(scheduler, Client):
                raise ValueError(
                    "scheduler must be a Dask scheduler address ('tcp://host:8786') or a "
                    f"dask.distributed.Client, not {type(scheduler).__name__}"
                )
        if n_jobs != 1:
            raise ValueError("give n_jobs (local processes) or scheduler (a Dask cluster), not both")
    path: Path | None = None
    if out is not None:
        if not isinstance(out, (str, os.PathLike)):
            raise ValueError(f"out must be a folder path, not {type(out).__name__}")
        if os.fspath(out) in ("", b""):
            raise ValueError("out must be a folder path, not an empty string")
        path = Path(out)
        if path.is_file():
            raise ValueError(f"out must be a folder, but {path} is a file")
        _refuse_raw(path, "out")
        _check_out(path)
    return path, n_jobs


def _refuse_raw(path: Path, what: str) -> None:
    """Refuse a path inside ``data/raw`` (read-only to code): the project's, found from the
    current folder, or any folder named ``raw`` in a folder named ``data`` (the
    cookiecutter-data-science layout this project follows), wherever it is.

    >>> _refuse_raw(Path("/somewhere/data/raw/out"), "out")
    Traceback (most recent call last):
    ...
    ValueError: out='/somewhere/data/raw/out' is inside data/raw, which is read-only; write under data/processed
    """
    from newsframe.paths import raw_dir

    try:
        raw = raw_dir().resolve()
        target = path.resolve()
    except (OSError, RuntimeError) as exc:  # a symbolic link loop
        raise ValueError(f"{what}={str(path)!r} cannot be resolved: {exc}") from exc
    inside = raw.is_dir() and (target == raw or raw in target.parents)
    inside = inside or any(p.name.casefold() == "raw" and p.parent.name.casefold() == "data"
                           for p in (target, *target.parents))
    if inside:
        raise ValueError(f"{what}={str(path)!r} is inside data/raw, which is read-only; write under data/processed")


def _check_out(path: Path) -> None:
    """Refuse, before any work, an ``out`` that cannot be written or that holds files newsframe did not write.

    A run deletes files in its table folders (the parts of an interrupted chunk; all
    parts with ``resume=False``), so it only takes a new or empty folder, or one an
    earlier run wrote (see :func:`_output_state`).
    """
    state = _output_state(path)
    if state == "foreign":
        try:
            example = next((repr(p.name) for p in path.iterdir()
                            if not p.name.startswith(".") and not (p.is_dir() and p.name in TABLES)),
                           "table folders without an 'articles' folder")
        except OSError:
            example = "?"
        raise ValueError(
            f"out={str(path)!r} holds files that analyze_corpus did not write (e.g. {example}); choose a new or "
            "empty folder (a run deletes files in its own table folders, so it never shares a folder with other data)"
        )
    if state == "missing":
        folder = path.parent
        try:
            while not folder.exists() and folder != folder.parent:
                folder = folder.parent
        except OSError as exc:
            raise ValueError(f"out={str(path)!r} cannot be created: {exc.strerror or exc}") from exc
        if not folder.is_dir():
            raise ValueError(f"out={str(path)!r} cannot be created: {folder} is a file, not a folder")
    else:
        folder = path
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValueError(f"out={str(path)!r} cannot be {'created' if folder != path else 'written'}: "
                         f"no permission to write in {folder}")


# --------------------------------------------------------------------------- writing

def _write_parquet(table: "pa.Table", path: Path) -> None:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _clean_partial(out: Path) -> None:
    """Remove what an interrupted run left in newsframe's table folders of ``out``: temp
    files, and parts of chunks whose ``articles`` part was never written.

    Only the table folders newsframe wrote (:func:`_own_tables`) are looked in, and only
    files named like its parts, so no other file is ever deleted.
    """
    if not out.is_dir():
        return
    committed = set(_committed_parts(out))
    for name in _own_tables(out):
        folder = out / name
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            m = _PART.match(p.name)
            if (_PART_TMP.match(p.name) or (m and int(m.group(1)) not in committed)) and not p.is_dir():
                log.info("removing %s (left by an interrupted run)", p)
                p.unlink()


def _remove_parts(out: Path) -> None:
    """Delete every part (and temp file) of newsframe's table folders in ``out``: a fresh start.

    The ``articles`` parts go first, so that a run killed meanwhile leaves only parts of
    chunks no longer complete, which the next run removes.
    """
    if not out.is_dir():
        return
    for name in ["articles", *(n for n in _own_tables(out) if n != "articles")]:
        folder = out / name
        if folder.is_dir():
            for p in folder.iterdir():
                if (_PART.match(p.name) or _PART_TMP.match(p.name)) and not p.is_dir():
                    p.unlink()


def _claim(out: Path) -> None:
    """Mark ``out`` as an output of :func:`analyze_corpus` (see :data:`_MARKER`), if not yet marked."""
    if not (out / _MARKER).is_file():
        _write_marker(out, TABLES)


def _lock(out: Path) -> "_FolderLock":
    """Create ``out`` and hold ``out/.lock`` so that two runs never write to one folder at once.

    An advisory ``flock`` (POSIX) or a lock on the file's first byte (``msvcrt.locking``,
    Windows; the file stays empty). Released by :meth:`_FolderLock.close`, or by the
    system when the process dies (a killed run leaves no stale lock).
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"out={str(out)!r} cannot be created: {exc.strerror or exc}") from exc
    try:
        handle = open(out / ".lock", "a+", encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"out={str(out)!r} cannot be written: {exc.strerror or exc} ({out / '.lock'})") from exc
    lock = _FolderLock(handle)
    try:
        lock.acquire()
    except OSError:
        handle.close()
        raise ValueError(
            f"another run is writing to {out}; wait for it to finish (or stop it) or choose another out folder"
        ) from None
    return lock


class _FolderLock:
    """The held ``out/.lock`` of a run (see :func:`_lock`)."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        try:
            import fcntl
        except ImportError:  # Windows
            self._fcntl: Any = None
        else:
            self._fcntl = fcntl

    def acquire(self) -> None:
        """Take the lock without waiting; ``OSError`` if another process holds it."""
        fd = self.handle.fileno()
        if self._fcntl is not None:
            self._fcntl.flock(fd, self._fcntl.LOCK_EX | self._fcntl.LOCK_NB)
        else:
            import msvcrt

            self.handle.seek(0)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]  # (Windows-only names)

    def close(self) -> None:
        """Release the lock and close the file."""
        if self._fcntl is None and not self.handle.closed:
            import msvcrt

            try:
                self.handle.seek(0)
                msvcrt.locking(self.handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
            except OSError:  # (closing the file releases it too)
                pass
        self.handle.close()


def _done_keys(out: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Articles (id, sha256) and errors (source, problem) already written."""
    done: set[tuple[str, str]] = set()
    errs: set[tuple[str, str]] = set()
    if out.is_dir() and _committed_parts(out):
        arts = read_table(out, "articles", columns=["article_id", "sha256"])
        done = set(zip(arts["article_id"].astype(str), arts["sha256"].astype(str)))
        errors = read_table(out, "errors", columns=["source", "problem"])
        errs = set(zip(errors["source"].astype(str), errors["problem"].astype(str)))
    return done, errs


@dataclass
class _Chunk:
    articles: list[Article | RawArticle]  # raw files are read and parsed by the workers
    errors: list[dict[str, Any]]  # found while reading (in this process)
    skipped: int
    handles: list[Any]  # the chunk's batches, submitted to the backend while it was read
    error_at: list[int] = field(default_factory=list)  # position in the chunk of each of errors
    batch_at: list[list[int]] = field(default_factory=list)  # positions in the chunk of each batch's items


def _chunks(items: Iterator[Article | RawArticle | IngestError], size: int, done: set[tuple[str, str]],
            done_errors: set[tuple[str, str]], submit: Callable[[list[Article | RawArticle]], Any],
            batch_size: int) -> Iterator[_Chunk]:
    """Cut the items into chunks of ``size``, submitting each ``batch_size`` articles as read.

    Workers start on the first batch while the rest of the chunk is still being read,
    instead of waiting for a whole chunk.
    """
    chunk = _Chunk([], [], 0, [])
    batch: list[Article | RawArticle] = []
    batch_at: list[int] = []

    def submit_batch() -> None:
        nonlocal batch, batch_at
        chunk.handles.append(submit(batch))
        chunk.batch_at.append(batch_at)
        batch, batch_at = [], []

    for item in items:
        at = len(chunk.articles) + len(chunk.errors)  # the item's position in the chunk (source order)
        if isinstance(item, IngestError):
            row = _ingest_error_row(item)
            if (str(row["source"]), str(row["problem"])) in done_errors:
                chunk.skipped += 1
            else:
                chunk.errors.append(row)
                chunk.error_at.append(at)
        elif done and (item.id, item.sha256) in done:
            chunk.skipped += 1
        else:
            chunk.articles.append(item)
            batch.append(item)
            batch_at.append(at)
            if len(batch) >= batch_size:
                submit_batch()
        if len(chunk.articles) + len(chunk.errors) >= size:
            if batch:
                submit_batch()
            yield chunk
            chunk = _Chunk([], [], 0, [])
    if batch:
        submit_batch()
    if chunk.articles or chunk.errors or chunk.skipped:
        yield chunk


def _chunk_tables(results: Sequence[_BatchResult]) -> dict[str, "pa.Table"]:
    """One Arrow table per table name from a chunk's batches, rows in batch order.

    Batches return either rows (in this process) or Arrow tables (from workers): rows
    become one table; a worker's tables are concatenated, a column typed differently
    by two batches (only possible for a column a module adds) taking the common type,
    else strings.
    """
    import pyarrow as pa

    rows: dict[str, list[Any]] = {}
    for result in results:
        for name, part in result.tables.items():
            if isinstance(part, list):
                rows.setdefault(name, []).extend(part)
            else:
                rows.setdefault(name, []).append(part)
    out: dict[str, pa.Table] = {}
    for name, parts in rows.items():
        if not parts:
            continue
        if not isinstance(parts[0], pa.Table):
            out[name] = _to_arrow(name, parts)
        else:
            try:
                table = pa.concat_tables(parts, promote_options="permissive").combine_chunks()
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                table = _to_arrow(name, [r for part in parts for r in part.to_pylist()])
            nulls = [i for i, f in enumerate(table.schema) if pa.types.is_null(f.type)]
            for i in nulls:
                table = table.set_column(i, table.schema.field(i).name, table.column(i).cast(pa.string()))
            out[name] = table
    return out


def _batch_size(chunk_size: int, workers: int, *, in_process: bool = False) -> int:
    """Articles per unit of work: one in this process (progress per article, nothing to
    ship); for worker processes or a cluster, even a single worker, about an eighth of a
    chunk, or less with more than four workers, so that each gets at least two per
    chunk, and at most 64 (a unit of one article would pay the scheduling and transfer
    cost per article).

    The size does not shrink with two to four workers: the next chunk's units are queued
    before the current chunk is written, so the workers only wait for each other at the
    very end of a run, while halving the units would double what the main process and a
    Dask scheduler spend per unit (until session 17 each worker got eight per chunk, and
    the benchmark's two-worker Dask runs scaled 1.77-1.80x; with this size 1.85x, every
    round at least 1.83x).
    """
    if in_process:
        return 1
    return max(1, min(64, math.ceil(chunk_size / max(8, 2 * max(1, workers)))))


def analyze_corpus(
    source: Any,
    *,
    out: str | Path | None = None,
    n_jobs: int = 1,
    scheduler: Any = None,
    chunk_size: int = CHUNK_SIZE,
    analyses: Sequence[str] = ANALYSES,
    text_column: str | None = None,
    resume: bool = True,
    progress: Callable[[int], None] | None = None,
) -> CorpusResult:
    """Analyse a corpus into tidy tables, streaming in chunks, locally or on a Dask cluster.

    Parameters
    ----------
    source : path, glob, list of paths, or pandas.DataFrame
        A folder of articles (searched recursively; ``.txt``/``.md``/``.html`` files,
        ``.jsonl``/``.csv`` tables), a glob pattern, one table file, a list of those, or a
        DataFrame with a text column (``text``, ``body``, … or ``text_column``) and
        optional metadata columns (``id``/``article_id``, ``title``, ``published``/``date``,
        ``outlet``, …). Article ids are unique over the whole run: an id given already
        (the same file name in two sources, a repeated ``id`` value) gets a longer one,
        e.g. ``dB/story`` (the source's folder first) or ``a~2`` (with an
        :class:`~newsframe.ingest.IngestWarning`).
    out : path, optional
        Folder to write the tables to, as ``out/<table>/part-NNNNN.parquet`` (one file per
        chunk, written atomically; the ``articles`` part is written last and marks the
        chunk complete). Articles already in ``out`` (same id and content hash) are
        skipped, so re-running after an interruption resumes. Without ``out`` every
        table is built in memory (memory then grows with the corpus). It must be a new
        or empty folder, or one an earlier run wrote (marked by a
        ``.newsframe-corpus.json`` file naming its table folders, or its ``.lock``
        file); a run only ever deletes files in its own table folders.
    n_jobs : int
        Local worker processes (``-1``: one per core). Results do not depend on it.
    scheduler : str or dask.distributed.Client, optional
        Run on an existing Dask cluster instead: its address (``"tcp://host:8786"``)
        or a connected ``Client``. Cannot be combined with ``n_jobs``.
    chunk_size : int
        Articles (and bad articles) per chunk: at most two chunks are in memory at once.
    analyses : sequence of str
        Analysis modules to run (default all of :data:`newsframe.pipeline.ANALYSES` that
        are installed).
    text_column : str, optional
        The text column of a table or DataFrame source.
    resume : bool
        With ``out``: skip the articles already written there (default). ``False``
        starts over: the tables' Parquet parts already in ``out`` are deleted first
        (nothing else in the folder is touched).
    progress : callable, optional
        Called with the number of articles just finished (analysed, skipped or bad),
        e.g. ``tqdm.update`` or a :class:`ProgressReporter`.

    Returns
    -------
    CorpusResult
        Counts of this run and the tables (``result["sentences"]``…); see the column
        constants of this module. Rows are in source order (files sorted by path, rows
        in file order), then in article order.

    Raises
    ------
    ValueError
        Bad ``source`` (type, empty path), ``n_jobs``, ``scheduler``, ``chunk_size``,
        ``analyses`` or ``out`` (a file, a folder under a ``data/raw`` folder, one that
        holds other files, one that cannot be written, or one another run is writing to);
        or a damaged Parquet part in ``out`` (the message names it).
    ConnectionError
        The Dask scheduler at ``scheduler`` cannot be reached (after Dask's
        ``distributed.comm.timeouts.connect``, 30 s unless configured).
    MissingPathError, NoArticlesError, MissingColumnError
        The source does not exist, holds no article file, or a table lacks a text
        column. A single bad article never raises: it goes to the ``errors`` table.
    KeyboardInterrupt
        Re-raised after stopping the workers; chunks already written are kept.

    Notes
    -----
    Two runs never write to the same ``out`` at once: the second raises ``ValueError``
    (an advisory lock, ``out/.lock``, released when a run ends or dies).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"],
    ...                    "text": ["Prices rose sharply. Workers struck.", ""]})
    >>> res = analyze_corpus(df, analyses=())
    >>> res["articles"][["article_id", "outlet", "n_sentences"]].values.tolist()
    [['a', 'X', 2]]
    >>> res["errors"][["source", "stage", "error"]].values.tolist()
    [['<DataFrame>:1', 'ingest', 'EmptyFileError']]
    """
    _check_analyses(analyses)
    out_path, n_jobs = _check_options(out, n_jobs, scheduler, chunk_size)
    if not isinstance(resume, bool):
        raise ValueError(f"resume must be True or False, not {resume!r}")
    if progress is not None and not callable(progress):
        raise ValueError(f"progress must be a callable taking a count, not {type(progress).__name__}")
    items = _source_items(source, text_column)
    # Start the workers first: forked before the source is listed, they do not inherit the listing.
    backend = _backend(n_jobs, scheduler, analyses)
    lock = None
    try:
        try:
            first = next(items)
        except StopIteration:
            raise NoArticlesError(str(source) if not hasattr(source, "columns") else _FRAME_SOURCE,
                                  "no article found") from None
        items = itertools.chain([first], items)
        lock = _lock(out_path) if out_path is not None else None
        with _fewer_collections(collect=True):
            return _run(items, backend, out_path, chunk_size, analyses, resume, progress)
    finally:
        backend.close()
        if lock is not None:
            lock.close()


def _run(items: Iterator[Article | RawArticle | IngestError], backend: Any, out_path: Path | None, chunk_size: int,
         analyses: Sequence[str], resume: bool, progress: Callable[[int], None] | None) -> CorpusResult:
    """The chunk loop of :func:`analyze_corpus` (arguments checked, workers started, ``out`` locked)."""
    done: set[tuple[str, str]] = set()
    done_errors: set[tuple[str, str]] = set()
    next_part = 0
    own_tables: list[str] = []
    if out_path is not None:
        try:
            _claim(out_path)
            if not resume:
                _remove_parts(out_path)
            _clean_partial(out_path)
        except OSError as exc:
            raise ValueError(f"out={str(out_path)!r} cannot be written: {exc}") from exc
        own_tables = _own_tables(out_path)
        done, done_errors = _done_keys(out_path)
        parts = _committed_parts(out_path)
        next_part = parts[-1] + 1 if parts else 0
    memory: dict[str, list[Any]] = {}
    counts = {"articles": 0, "errors": 0, "skipped": 0, "chunks": 0}

    def finish(chunk: _Chunk) -> None:
        nonlocal next_part
        results = backend.results(chunk.handles, progress)
        del inflight[:len(chunk.handles)]  # the oldest submitted batches are this chunk's
        placed = list(zip(chunk.error_at, chunk.errors))  # (position in the chunk, row): source order
        for result, at in zip(results, chunk.batch_at):
            for category, message in result.warnings:
                warn(message, category)  # at the caller of analyze_corpus
            for j, row in enumerate(result.errors):
                if (str(row["source"]), str(row["problem"])) in done_errors:
                    counts["skipped"] += 1  # recorded by an earlier run already
                    continue
                if row["stage"] == "ingest":
                    log.warning("skipped %s: %s", row["source"], row["problem"])
                placed.append((at[result.error_items[j]] if j < len(result.error_items) else at[-1], row))
        placed.sort(key=itemgetter(0))
        errors = [row for _, row in placed]
        tables = _chunk_tables(results)
        if errors:
            tables["errors"] = _to_arrow("errors", errors)
        elif not tables:
            return  # every file of the chunk was a bad one recorded by an earlier run: nothing to write
        n_ok = sum(result.n_articles for result in results)
        counts["articles"] += n_ok
        counts["errors"] += len(errors)
        if out_path is None:
            for name, table in tables.items():
                memory.setdefault(name, []).append(table)
        else:
            new_tables = [name for name in tables if name not in own_tables]
            if new_tables:  # a module added a table: mark its folder as newsframe's before writing to it
                own_tables.extend(new_tables)
                _write_marker(out_path, own_tables)
            for name, table in tables.items():
                if name != "articles":
                    _write_parquet(table, out_path / name / f"part-{next_part:05d}.parquet")
            _write_parquet(tables["articles"] if "articles" in tables else _to_arrow("articles", []),
                           out_path / "articles" / f"part-{next_part:05d}.parquet")
            log.info("wrote chunk %d: %d articles, %d errors", next_part, n_ok, len(errors))
            next_part += 1
        counts["chunks"] += 1

    inflight: list[Any] = []  # submitted batches whose results are not yet written

    def submit(batch: list[Article | RawArticle]) -> Any:
        handle = backend.submit(batch, analyses)
        inflight.append(handle)
        return handle

    batch_size = _batch_size(chunk_size, backend.workers, in_process=backend.in_process)
    pending: _Chunk | None = None  # read and submitted, not yet written
    try:
        for chunk in _chunks(items, chunk_size, done, done_errors, submit, batch_size):
            counts["skipped"] += chunk.skipped
            if progress is not None and (chunk.skipped or chunk.errors):
                progress(chunk.skipped + len(chunk.errors))
            if not chunk.articles and not chunk.errors:
                continue
            # this chunk's batches are already running: write the previous one meanwhile
            if pending is not None:
                finish(pending)
            pending = chunk
        if pending is not None:
            finish(pending)
            pending = None
    except BaseException:
        backend.cancel(inflight)
        if out_path is not None:
            _clean_partial(out_path)
        raise

    tables_in_memory = None
    if out_path is None:
        names = [*TABLES, *(n for n in memory if n not in TABLES)]
        tables_in_memory = {name: _concat(name, memory.get(name, [])) for name in names}
    return CorpusResult(
        out=out_path,
        n_articles=counts["articles"],
        n_skipped=counts["skipped"],
        n_errors=counts["errors"],
        n_chunks=counts["chunks"],
        _tables=tables_in_memory,
    )


# --------------------------------------------------------------------------- summaries

_UNKNOWN = "(unknown)"
_PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def _get(tables: Any, name: str, columns: Sequence[str] | None = None) -> "pd.DataFrame":
    """One table of a corpus result, a mapping of tables or an output folder (a mapping
    without the table gives an empty one, except for ``articles``, which it must hold)."""
    import pandas as pd

    if isinstance(tables, (str, os.PathLike)):
        return read_table(tables, name, columns=columns)
    if isinstance(tables, CorpusResult) or isinstance(tables, Mapping):
        try:
            frame = tables[name]
        except KeyError:
            if name == "articles":
                keys = tables.tables if isinstance(tables, CorpusResult) else list(tables)
                raise ValueError(f"tables has no 'articles' table (it has: {', '.join(map(repr, keys)) or 'none'}); "
                                 "pass the result of analyze_corpus, its output folder, or a mapping of table name "
                                 "to DataFrame") from None
            frame = _empty_frame(name)
        if not isinstance(frame, pd.DataFrame):
            raise ValueError(f"tables[{name!r}] must be a DataFrame, not {type(frame).__name__}")
        if "article_id" not in frame.columns:
            raise ValueError(f"tables[{name!r}] has no 'article_id' column (columns: "
                             f"{', '.join(map(str, frame.columns)) or 'none'})")
        return frame if columns is None else frame[[c for c in columns if c in frame.columns]]
    raise ValueError(
        f"tables must be a CorpusResult, a mapping of table name to DataFrame, or an output folder, "
        f"not {type(tables).__name__}"
    )


def _check_by(articles: "pd.DataFrame", by: str) -> None:
    if not isinstance(by, str) or by not in articles.columns or by == "article_id":
        valid = ", ".join(c for c in articles.columns if c != "article_id")
        raise ValueError(f"by must be a column of the articles table ({valid}), not {by!r}")


def article_tone(tables: Any, *, by: str = "outlet") -> "pd.DataFrame":
    """One row per article: its tone, from the sentence sentiment of the corpus tables.

    Parameters
    ----------
    tables : CorpusResult, mapping of table name to DataFrame, or path
        The result of :func:`analyze_corpus` (or its output folder).
    by : str
        A column of the ``articles`` table to carry along (default ``outlet``); missing
        values become ``"(unknown)"``.

    Returns
    -------
    pandas.DataFrame
        ``article_id, <by>, published, n_sentences, mean_compound, negative_share,
        positive_share`` in article order: ``published`` as datetime (NaT if unknown);
        ``mean_compound`` the mean VADER compound of its sentences (−1…1, higher = more
        positive); the shares of sentences labelled negative / positive (0…1). NaN when
        the article has no scored sentence (or the sentiment module is not installed).

    Raises
    ------
    ValueError
        If ``tables`` is not a corpus result or ``by`` not a column of ``articles``.

    Examples
    --------
    >>> import pandas as pd
    >>> tables = {
    ...     "articles": pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", None],
    ...                               "published": ["2023-01-05", None]}),
    ...     "sentences": pd.DataFrame({"article_id": ["a", "a", "b"], "sentiment_compound": [0.5, -0.1, 0.0],
    ...                                "sentiment_label": ["positive", "negative", "neutral"]})}
    >>> article_tone(tables)[["article_id", "outlet", "mean_compound", "negative_share"]].values.tolist()
    [['a', 'X', 0.2, 0.5], ['b', '(unknown)', 0.0, 0.0]]
    """
    import pandas as pd

    articles = _get(tables, "articles")
    _check_by(articles, by)
    sentences = _get(tables, "sentences", ["article_id", "sentiment_compound", "sentiment_label"])
    if articles.empty:  # no article (a run of bad files only): the columns, no row
        articles = articles.astype({"article_id": object})
        sentences = sentences.astype({"article_id": object})
    base = articles[["article_id", *dict.fromkeys([by, "published"])]].copy()
    base[by] = base[by].astype(object).where(base[by].notna(), _UNKNOWN)
    if "published" != by:
        base["published"] = pd.to_datetime(base["published"], errors="coerce", utc=False, format="mixed")
    compound = pd.to_numeric(sentences.get("sentiment_compound"), errors="coerce") \
        if "sentiment_compound" in sentences else pd.Series(float("nan"), index=sentences.index)
    label = sentences["sentiment_label"] if "sentiment_label" in sentences else pd.Series(None, index=sentences.index,
                                                                                         dtype=object)
    scored = compound.notna()
    per = pd.DataFrame({
        "article_id": sentences["article_id"],
        "n_sentences": 1,
        "compound": compound,
        "negative": (label == "negative").where(scored).astype(float),
        "positive": (label == "positive").where(scored).astype(float),
    }).groupby("article_id", sort=False).agg(
        n_sentences=("n_sentences", "sum"), mean_compound=("compound", "mean"),
        negative_share=("negative", "mean"), positive_share=("positive", "mean"),
    )
    out = base.merge(per, left_on="article_id", right_index=True, how="left")
    out["n_sentences"] = out["n_sentences"].fillna(0).astype("int64")
    return out.reset_index(drop=True)


def tone_table(tables: Any, *, by: str = "outlet", period: str | None = "month") -> "pd.DataFrame":
    """Tone by group (outlet…) and period: the mean of the articles' mean sentence compound.

    Each article counts once (its sentences are averaged first), so long articles do
    not dominate.

    Parameters
    ----------
    tables : CorpusResult, mapping of table name to DataFrame, or path
    by : str
        A column of the ``articles`` table (default ``outlet``).
    period : {"day", "week", "month", "quarter", "year"} or None
        Group the publication dates by this period (articles without a date are
        left out); ``None`` for one row per group.

    Returns
    -------
    pandas.DataFrame
        ``<by>, [period,] n_articles, mean_compound, negative_share, positive_share``
        sorted by group then period; ``period`` is the period's first day;
        ``mean_compound`` −1…1 (higher = more positive), shares 0…1, NaN if unscored.

    Raises
    ------
    ValueError
        Unknown ``period`` or ``by``.

    Examples
    --------
    >>> import pandas as pd
    >>> tables = {
    ...     "articles": pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...                               "published": ["2023-01-05", "2023-01-20", "2023-02-01"]}),
    ...     "sentences": pd.DataFrame({"article_id": ["a", "a", "b", "c"],
    ...                                "sentiment_compound": [0.6, 0.2, -0.2, 0.1],
    ...                                "sentiment_label": ["positive", "positive", "negative", "neutral"]})}
    >>> t = tone_table(tables)
    >>> t[["outlet", "n_articles", "mean_compound"]].round(2).values.tolist()
    [['X', 2, 0.1], ['Y', 1, 0.1]]
    >>> str(t["period"].iloc[0].date())
    '2023-01-01'
    """
    if period is not None and period not in _PERIODS:
        raise ValueError(f"period must be one of {', '.join(_PERIODS)} or None, not {period!r}")
    tone = article_tone(tables, by=by)
    keys = [by]
    if period is not None:
        tone = tone[tone["published"].notna()].copy()
        tone["period"] = tone["published"].dt.to_period(_PERIODS[period]).dt.start_time
        keys.append("period")
    out = tone.groupby(keys, sort=True).agg(
        n_articles=("article_id", "size"), mean_compound=("mean_compound", "mean"),
        negative_share=("negative_share", "mean"), positive_share=("positive_share", "mean"),
    ).reset_index()
    out["n_articles"] = out["n_articles"].astype("int64")
    return out


def frame_shares(tables: Any, *, by: str = "outlet", codebook: str | None = None) -> "pd.DataFrame":
    """Share of articles in which each frame is present, by group (outlet…).

    Parameters
    ----------
    tables : CorpusResult, mapping of table name to DataFrame, or path
    by : str
        A column of the ``articles`` table (default ``outlet``).
    codebook : str, optional
        Keep only this codebook's frames (default: all in the ``frames`` table).

    Returns
    -------
    pandas.DataFrame
        ``<by>, codebook, frame, n_articles, n_present, share`` sorted by group,
        codebook, frame; ``share`` = ``n_present / n_articles`` (0…1, higher = the frame
        is present in more of the group's articles). Empty if no article was scored.

    Raises
    ------
    ValueError
        If ``by`` is not a column of ``articles``, or ``codebook`` is not among the
        codebooks of the ``frames`` table.

    Examples
    --------
    >>> import pandas as pd
    >>> tables = {
    ...     "articles": pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]}),
    ...     "frames": pd.DataFrame({"article_id": ["a", "b", "c"], "codebook": "generic",
    ...                             "frame": "conflict", "score": [0.5, 0.0, 0.2], "present": [True, False, True]})}
    >>> frame_shares(tables)[["outlet", "frame", "n_articles", "share"]].values.tolist()
    [['X', 'conflict', 2, 0.5], ['Y', 'conflict', 1, 1.0]]
    """
    articles = _get(tables, "articles")
    _check_by(articles, by)
    frames = _get(tables, "frames", ["article_id", "codebook", "frame", "present"])
    if codebook is not None:
        held = sorted(map(str, frames["codebook"].dropna().unique()))
        if held and codebook not in held:
            raise ValueError(f"codebook {codebook!r} is not in the frames table (it holds {', '.join(held)})")
        frames = frames[frames["codebook"] == codebook]
    groups = articles[["article_id", by]].copy()
    groups[by] = groups[by].astype(object).where(groups[by].notna(), _UNKNOWN)
    merged = frames.merge(groups, on="article_id", how="inner")
    merged["present"] = merged["present"].astype(bool)
    out = merged.groupby([by, "codebook", "frame"], sort=True).agg(
        n_articles=("article_id", "nunique"), n_present=("present", "sum"),
    ).reset_index()
    out["n_articles"] = out["n_articles"].astype("int64")
    out["n_present"] = out["n_present"].astype("int64")
    out["share"] = out["n_present"] / out["n_articles"]
    return out


def texts_by(tables: Any, *, by: str = "outlet") -> dict[str, list[str]]:
    """The article texts of each group (outlet…), rebuilt from the ``sentences`` table.

    For comparisons between groups such as :func:`newsframe.keywords.keyness`.

    Parameters
    ----------
    tables : CorpusResult, mapping of table name to DataFrame, or path
    by : str
        A column of the ``articles`` table (default ``outlet``).

    Returns
    -------
    dict of str to list of str
        Group → its articles' texts (sentences joined by a space, in order); groups
        sorted, articles in table order; missing group values are ``"(unknown)"``.

    Examples
    --------
    >>> import pandas as pd
    >>> tables = {"articles": pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"]}),
    ...           "sentences": pd.DataFrame({"article_id": ["a", "a", "b"], "text": ["One.", "Two.", "Three."]})}
    >>> texts_by(tables)
    {'X': ['One. Two.'], 'Y': ['Three.']}
    """
    articles = _get(tables, "articles")
    _check_by(articles, by)
    sentences = _get(tables, "sentences", ["article_id", "text"])
    joined = sentences.groupby("article_id", sort=False)["text"].agg(" ".join)
    out: dict[str, list[str]] = {}
    for aid, group in zip(articles["article_id"], articles[by].astype(object)):
        key = _UNKNOWN if group is None or (isinstance(group, float) and math.isnan(group)) else str(group)
        if aid in joined.index:
            out.setdefault(key, []).append(joined[aid])
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------- progress

class ProgressReporter:
    """Progress of a corpus run for a command line: a tqdm bar on a terminal, log lines otherwise.

    Call it with the number of articles just finished (it is the ``progress`` callback
    of :func:`analyze_corpus`); use it as a context manager so the bar is closed.

    Parameters
    ----------
    total : int, optional
        Expected number of articles (for the ETA), e.g. from :func:`count_articles`.
    stream : file, optional
        Where to write (default ``sys.stderr``).
    interval : float
        Seconds between two log lines when ``stream`` is not a terminal.
    bar : bool, optional
        Force the bar on or off (default: on when ``stream`` is a terminal).

    Examples
    --------
    >>> import io
    >>> buf = io.StringIO()
    >>> with ProgressReporter(total=10, stream=buf, interval=0) as report:
    ...     report(4)
    >>> buf.getvalue().startswith("analyzed 4/10 articles")
    True
    """

    def __init__(self, total: int | None = None, *, stream: IO[str] | None = None, interval: float = 10.0,
                 bar: bool | None = None) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.done = 0
        self.start = time.monotonic()
        self._last = -math.inf
        self._reported = 0
        if bar is None:
            isatty = getattr(self.stream, "isatty", None)
            bar = bool(isatty and isatty())
        self._bar = None
        if bar:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=" articles", file=self.stream, dynamic_ncols=True, smoothing=0.1)

    def __call__(self, n: int) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
            return
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self._reported = self.done
            self.stream.write(self._line(now) + "\n")
            self.stream.flush()

    def _line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        of = f"/{self.total}" if self.total else ""
        line = f"analyzed {self.done}{of} articles, {rate:.1f} articles/s"
        if self.total and rate > 0 and self.done < self.total:
            line += f", ETA {_duration((self.total - self.done) / rate)}"
        return line

    def close(self) -> None:
        """Close the bar, or write a last log line."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif self.done != self._reported:
            self._reported = self.done
            self.stream.write(self._line(time.monotonic()) + "\n")
            self.stream.flush()

    def __enter__(self) -> "ProgressReporter":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def run_analyze_command(
    paths: Sequence[str | Path],
    *,
    out: str | Path,
    n_jobs: int = 1,
    scheduler: str | None = None,
    chunk_size: int | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """``newsframe analyze PATHS --out OUT [--jobs N] [--scheduler ADDR]``: the corpus run of the CLI.

    Shows a progress bar (articles/s, ETA) when ``stderr`` is a terminal and a log line
    every 10 seconds otherwise; prints a summary to ``stdout``. ``Ctrl-C`` stops the run
    cleanly, keeping the chunks already written (exit status 130); running the same
    command again resumes.

    Returns
    -------
    int
        The exit status: 0 when done (bad articles are recorded, not fatal), 2 for a bad
        option or source (with a one-line message), 130 when interrupted.

    Examples
    --------
    >>> import io, tempfile
    >>> folder, out = demo_corpus(tempfile.mkdtemp(), 3, seed=0), tempfile.mkdtemp()
    >>> buf = io.StringIO()
    >>> run_analyze_command([folder], out=out, stdout=buf, stderr=io.StringIO())
    0
    >>> "analyzed 3 articles" in buf.getvalue()
    True
    """
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    source: Any = paths[0] if len(paths) == 1 else list(paths)
    with ProgressReporter(count_articles(source), stream=stderr) as report:
        try:
            result = analyze_corpus(source, out=out, n_jobs=n_jobs, scheduler=scheduler,
                                    chunk_size=CHUNK_SIZE if chunk_size is None else chunk_size, progress=report)
        except (ValueError, ConnectionError) as exc:  # bad options or source (IngestError is a ValueError too)
            report.close()
            stderr.write(f"newsframe: error: {exc}\n")
            return 2
        except KeyboardInterrupt:
            report.close()
            kept = len(_committed_parts(Path(out)))
            stderr.write(f"newsframe: interrupted; kept {kept} complete chunk(s) in {out}; "
                         "run the same command again to resume\n")
            return 130
    stdout.write(
        f"analyzed {result.n_articles} articles in {result.n_chunks} chunk(s)"
        f" ({result.n_skipped} already in the output, skipped; {result.n_errors} bad, recorded in "
        f"{Path(out) / 'errors'}); tables in {out}: {', '.join(result.tables)}\n"
    )
    return 0


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


# --------------------------------------------------------------------------- demo corpus

_OUTLETS: dict[str, dict[str, Any]] = {
    # name: tone bias (share of negative vs positive colour), favoured topics
    "Harbor Herald": {"tone": -0.5, "topics": ("security", "diplomacy", "economy")},
    "Valley Ledger": {"tone": 0.4, "topics": ("economy", "health", "diplomacy")},
    "Metro Daily": {"tone": 0.0, "topics": ("health", "security", "economy", "diplomacy")},
}
_TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "economy": {
        "subject": ("Inflation", "The central bank", "Factory output", "The trade deficit", "Unemployment",
                    "The budget office", "Export growth", "Wage growth"),
        "verb": ("rose", "fell", "stalled", "recovered", "outpaced forecasts", "slowed"),
        "object": ("this quarter", "for the third month", "after the rate decision", "despite higher costs",
                   "as fuel prices climbed", "in the manufacturing sector"),
        "tag": ("costs", "prices", "jobs", "tariffs", "investment", "taxes"),
    },
    "security": {
        "subject": ("The army", "Border guards", "Rebel forces", "The defense ministry", "Missile tests",
                    "Naval patrols", "Military drills", "The ceasefire"),
        "verb": ("escalated", "resumed", "expanded", "collapsed", "intensified", "held"),
        "object": ("near the border", "along the coast", "after the attack", "despite the sanctions",
                   "over the weekend", "in the disputed region"),
        "tag": ("troops", "weapons", "attack", "threat", "missiles", "conflict"),
    },
    "health": {
        "subject": ("Hospital admissions", "The vaccine program", "Nurses", "The health ministry",
                    "Clinic waiting times", "Patients", "The outbreak", "Medical staff"),
        "verb": ("improved", "worsened", "doubled", "eased", "surged", "steadied"),
        "object": ("in rural districts", "across the capital", "since the spring", "among older residents",
                   "after new funding", "during the winter"),
        "tag": ("families", "children", "care", "doctors", "treatment", "community"),
    },
    "diplomacy": {
        "subject": ("The foreign minister", "Negotiators", "The summit", "The alliance", "Envoys",
                    "The trade talks", "The embassy", "The peace plan"),
        "verb": ("stalled", "advanced", "broke down", "produced an agreement", "drew criticism", "won support"),
        "object": ("in Geneva", "after two days of talks", "with regional partners", "despite objections",
                   "before the deadline", "at the United Nations"),
        "tag": ("cooperation", "agreement", "talks", "partners", "responsibility", "sanctions"),
    },
}
_POSITIVE = ("welcome", "encouraging", "strong", "hopeful", "successful", "remarkable", "steady", "good")
_NEGATIVE = ("alarming", "dangerous", "disastrous", "troubling", "bitter", "weak", "worrying", "grim")
_PEOPLE = ("Maria Alvarez", "Tomas Berg", "Aiko Tanaka", "Samuel Okafor", "Lena Fischer", "David Cohen",
           "Priya Raman", "Jonas Weber")
_ROLES = ("a spokesperson for the ministry", "an economist at the Institute for Policy Studies",
          "a senior official", "a local mayor", "an analyst at the Center for Strategy", "a union leader")
_COUNTRIES = ("Russia", "China", "the United States", "Germany", "Japan", "North Korea", "France", "India")
_CUES = ("said", "told reporters", "added", "warned", "argued")


def _demo_sentence(rng: random.Random, topic: str, tone: float) -> str:
    words = _TOPICS[topic]
    sentence = f"{rng.choice(words['subject'])} {rng.choice(words['verb'])} {rng.choice(words['object'])}"
    roll = rng.random()
    if roll < 0.45:
        colour = rng.choice(_NEGATIVE if rng.random() < 0.5 - tone / 2 else _POSITIVE)
        sentence += f", a {colour} sign for {rng.choice(words['tag'])}"
    elif roll < 0.6:
        sentence += f", officials in {rng.choice(_COUNTRIES)} said"
    return sentence + "."


def _demo_quote(rng: random.Random, topic: str, tone: float) -> str:
    words = _TOPICS[topic]
    colour = rng.choice(_NEGATIVE if rng.random() < 0.5 - tone / 2 else _POSITIVE)
    body = f"This is a {colour} moment for {rng.choice(words['tag'])}, and we will not look away"
    person = rng.choice(_PEOPLE)
    cue = rng.choice(_CUES)
    if rng.random() < 0.5:
        return f"\u201c{body},\u201d {cue} {person}, {rng.choice(_ROLES)}."
    return f"{person}, {rng.choice(_ROLES)}, {cue}: \u201c{body}.\u201d"


def _demo_article(rng: random.Random, outlet: str, day: int) -> dict[str, Any]:
    spec = _OUTLETS[outlet]
    topic = rng.choice(spec["topics"])
    tone = spec["tone"]
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        sents = [_demo_sentence(rng, topic, tone) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.4:
            sents.insert(rng.randint(0, len(sents)), _demo_quote(rng, topic, tone))
        paragraphs.append(" ".join(sents))
    title = f"{rng.choice(_TOPICS[topic]['subject'])} {rng.choice(_TOPICS[topic]['verb'])}"
    month, mday = 1 + day // 28, 1 + day % 28
    return {"title": title, "outlet": outlet, "published": f"2023-{month:02d}-{mday:02d}", "topic": topic,
            "text": "\n\n".join(paragraphs)}


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def demo_corpus(
    folder: str | Path,
    n: int = 60,
    *,
    seed: int = 0,
    jsonl_share: float = 0.5,
    n_bad: int = 0,
) -> Path:
    """Write a synthetic corpus of generated news-like articles (for tests, demos, notebook 07).

    The articles are *generated* from templates — no real article is copied — by three
    invented outlets that differ on purpose: the *Harbor Herald* leans negative and
    towards security news, the *Valley Ledger* positive and towards the economy and
    health, *Metro Daily* in between. Each has a title, an outlet, a 2023 date and a
    topic, plus sentences with evaluative words, attributed quotations and country names.

    Parameters
    ----------
    folder : path
        Created if needed (never under ``data/raw``). Files of an earlier demo corpus
        there (``demo-*``, ``bad-*.txt``, ``articles.jsonl``) are replaced.
    n : int
        Number of articles (≥ 1).
    seed : int
        Random seed: the same seed writes the same files.
    jsonl_share : float
        Share of the articles written as rows of ``articles.jsonl`` (every
        ``1/jsonl_share``-th one); the others are
        ``.txt`` files with a ``.meta.yaml`` sidecar (title, outlet, published, topic).
    n_bad : int
        Add this many bad files (empty, binary, unreadable) to exercise the ``errors`` table.

    Returns
    -------
    Path
        The folder.

    Raises
    ------
    ValueError
        If ``n`` < 1, ``n_bad`` < 0, ``jsonl_share`` is not in 0…1, or ``folder`` is under ``data/raw``.

    Examples
    --------
    >>> import tempfile
    >>> folder = demo_corpus(tempfile.mkdtemp(), 6, seed=3, n_bad=1)
    >>> sorted(p.name for p in folder.iterdir())[:4]
    ['articles.jsonl', 'bad-0.txt', 'demo-0.meta.yaml', 'demo-0.txt']
    >>> len(list(folder.glob("*.txt"))), sum(1 for _ in open(folder / "articles.jsonl"))
    (4, 3)
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive integer, not {n!r}")
    if isinstance(n_bad, bool) or not isinstance(n_bad, int) or n_bad < 0:
        raise ValueError(f"n_bad must be a non-negative integer, not {n_bad!r}")
    if not isinstance(jsonl_share, (int, float)) or not 0 <= jsonl_share <= 1:
        raise ValueError(f"jsonl_share must be between 0 and 1, not {jsonl_share!r}")
    folder = Path(folder)
    _refuse_raw(folder, "folder")
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("demo-*.txt"), *folder.glob("demo-*.meta.yaml"), *folder.glob("bad-*.txt"),
                *folder.glob("articles.jsonl")]:
        old.unlink()  # files of an earlier demo corpus in the same folder
    rng = random.Random(seed)
    outlets = sorted(_OUTLETS)
    rows = []
    width = len(str(n))
    for i in range(n):
        art = _demo_article(rng, outlets[i % len(outlets)], rng.randrange(0, 12 * 28))
        art["id"] = f"demo-{i:0{width}d}"
        if int((i + 1) * jsonl_share) > int(i * jsonl_share):  # every 1/jsonl_share-th article
            rows.append(art)
        else:
            meta = "".join(f"{k}: {json.dumps(art[k])}\n" for k in ("title", "outlet", "published", "topic"))
            _write_text(folder / f"{art['id']}.meta.yaml", meta)
            _write_text(folder / f"{art['id']}.txt", art["text"] + "\n")
    if rows:
        _write_text(folder / "articles.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    for j in range(n_bad):
        kind = j % 3
        path = folder / f"bad-{j}.txt"
        if kind == 0:
            _write_text(path, "")
        elif kind == 1:
            path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
        else:
            _write_text(path, "   \n\n  \n")
    return folder
