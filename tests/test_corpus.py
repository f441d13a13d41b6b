"""Corpus scale: tidy tables, backends that agree, streaming chunks, resume, bad articles."""

from __future__ import annotations

import io
import json
import os
import re
import sys
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest

from newsframe import corpus, pipeline
from newsframe.pipeline import ANALYSES
from newsframe.cli import main
from newsframe.corpus import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    ERROR_COLUMNS,
    FRAME_COLUMNS,
    KEYWORD_COLUMNS,
    QUOTE_COLUMNS,
    SENTENCE_COLUMNS,
    TABLES,
    ProgressReporter,
    analyze_corpus,
    article_rows,
    count_articles,
    demo_corpus,
    read_table,
)
from newsframe.errors import MissingColumnError, MissingPathError, NoArticlesError
from newsframe.ingest import Article, IngestWarning, RawArticle, iter_corpus

FIXED = {
    "articles": ARTICLE_COLUMNS, "sentences": SENTENCE_COLUMNS, "quotes": QUOTE_COLUMNS,
    "actors": ACTOR_COLUMNS, "keywords": KEYWORD_COLUMNS, "frames": FRAME_COLUMNS, "errors": ERROR_COLUMNS,
}


def _parts(out: Path, table: str) -> list[Path]:
    return sorted((out / table).glob("part-*.parquet"))


def _assert_same_tables(a, b, tables=TABLES) -> None:
    for name in tables:
        pd.testing.assert_frame_equal(a[name].reset_index(drop=True), b[name].reset_index(drop=True), obj=name)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    return demo_corpus(tmp_path_factory.mktemp("small"), 14, seed=7, n_bad=2)


@pytest.fixture(scope="module")
def reference(small_corpus):
    """The in-process, in-memory result every other backend must reproduce exactly."""
    return analyze_corpus(small_corpus, chunk_size=4)


# --------------------------------------------------------------------------- per article

def test_article_rows_shapes_and_offsets(seed_article):
    rows = article_rows(seed_article)
    (art,) = rows["articles"]
    assert list(art)[:3] == ["article_id", "sha256", "source"]
    assert art["article_id"] == seed_article.id and art["sha256"] == seed_article.sha256
    assert art["n_sentences"] == len(rows["sentences"]) > 10
    assert art["n_paragraphs"] == 17
    for name, table_rows in rows.items():
        for row in table_rows:
            assert next(iter(row)) == "article_id", name
            assert row["article_id"] == seed_article.id
    for i, s in enumerate(rows["sentences"]):
        assert s["sentence"] == i
        assert seed_article.text[s["start"]:s["end"]] == s["text"]
    assert json.loads(art["metadata"]) == json.loads(json.dumps(dict(seed_article.metadata), default=str))


def test_article_rows_is_pure(seed_article):
    assert article_rows(seed_article) == article_rows(seed_article)


def test_article_rows_turns_a_failing_analysis_into_an_error_row(monkeypatch):
    def boom(article, **options):
        raise RuntimeError("analysis exploded")

    monkeypatch.setattr(corpus, "article_record", boom)
    rows = article_rows(Article.from_text("Some text.", id="x", source="x.txt"))
    assert list(rows) == ["errors"]
    (err,) = rows["errors"]
    assert err == {"article_id": "x", "source": "x.txt", "stage": "analyze", "error": "RuntimeError",
                   "problem": "analysis exploded"}


def test_article_rows_timings_add_cpu_seconds_per_stage_without_changing_rows(seed_article):
    spent = {"sentiment": 1.0}  # added to, never reset
    rows = article_rows(seed_article, timings=spent)
    assert rows == article_rows(seed_article)
    installed = [a for a in ANALYSES if pipeline._analysis_module(a) is not None]
    assert set(spent) == {"sentences", "table rows", *installed}
    assert all(v >= 0 for v in spent.values()) and spent["sentiment"] >= 1.0
    article_rows(seed_article, analyses=(), timings=spent)
    assert set(spent) == {"sentences", "table rows", *installed}


def test_article_rows_rejects_unknown_analyses():
    art = Article.from_text("Text.")
    for bad in (("nope",), "sentiment", (1,)):
        with pytest.raises(ValueError, match="sentiment"):
            article_rows(art, analyses=bad)


def test_record_rows_flattens_module_keys():
    """Module keys land in the documented columns; a new per-article list becomes a new table."""
    art = Article.from_text("Good news. Bad news.", id="n1", metadata={"outlet": "X", "topic": "t"})
    rec = {
        "id": "n1", "title": None, "section": None, "author": None, "published": None, "subheadings": [],
        "text": art.text, "paragraphs": [],
        "sentences": [
            {"index": 0, "start": 0, "end": 10, "text": "Good news.", "paragraph": 0,
             "sentiment": {"compound": 0.4, "pos": 0.5, "neu": 0.5, "neg": 0.0, "label": "positive"},
             "frames": [{"frame": "economic", "codebook": "generic", "cues": []},
                        {"frame": "conflict", "codebook": "generic", "cues": []}]},
            {"index": 1, "start": 11, "end": 20, "text": "Bad news.", "paragraph": 0, "frames": []},
        ],
        "sentiment": {"tone": "mixed", "polarity": 0.1, "mean": 0.05},
        "actor_sentiment": [{"actor": "Russia", "mentions": 1, "mean": -0.2, "negative_share": 1.0,
                             "positive_share": 0.0}],
        "actors": [{"actor": "Russia", "type": "country", "country": "Russia", "mentions": 2}],
        "quotes": [{"text": "q", "start": 1, "end": 2, "speaker": None, "cue": "said", "kind": "full"}],
        "claims": [{"claim": "c1"}, {"claim": "c2"}],
        "keywords": [],
    }
    tables = corpus._record_rows(rec, art)
    (a,) = tables["articles"]
    assert a["outlet"] == "X" and a["sentiment_tone"] == "mixed" and a["sentiment_mean"] == 0.05
    s0, s1 = tables["sentences"]
    assert s0["sentiment_compound"] == 0.4 and s0["sentiment_label"] == "positive"
    assert s0["frames"] == "economic;conflict" and s1["frames"] == ""
    (actor,) = tables["actors"]
    assert actor["mentions"] == 2 and actor["sentiment_mean"] == -0.2 and actor["sentiment_negative_share"] == 1.0
    assert tables["quotes"][0]["quote"] == 0 and tables["quotes"][0]["cue"] == "said"
    assert [r["claim"] for r in tables["claims"]] == ["c1", "c2"]
    assert "keywords" not in tables


# --------------------------------------------------------------------------- tables

def test_tables_are_tidy_and_keyed_by_article_id(reference):
    assert reference.tables[:len(TABLES)] == TABLES
    for name in TABLES:
        df = reference[name]
        assert list(df.columns[:len(FIXED[name])]) == list(FIXED[name]), name
        assert df.columns[0] == "article_id"
    arts = reference["articles"]
    assert reference.n_articles == len(arts) == 14
    assert arts["article_id"].is_unique
    assert set(arts["outlet"]) == {"Harbor Herald", "Valley Ledger", "Metro Daily"}
    assert arts["published"].str.match(r"^2023-\d\d-\d\d$").all()
    sents = reference["sentences"]
    assert set(sents["article_id"]) == set(arts["article_id"])
    counts = sents.groupby("article_id", sort=False).size()
    assert (counts == arts.set_index("article_id")["n_sentences"].loc[counts.index]).all()
    assert (sents["end"] > sents["start"]).all()


def test_rows_follow_source_order(reference, small_corpus):
    sources = list(reference["articles"]["source"])
    files = [s for s in sources if not s.split(":")[0].endswith(".jsonl")]
    rows = [s for s in sources if s.split(":")[0].endswith(".jsonl")]
    assert sources == sorted(sources, key=lambda s: (s.split(":")[0], int(s.split(":")[1]) if ":" in s else 0))
    assert files and rows
    sid = list(dict.fromkeys(reference["sentences"]["article_id"]))
    assert sid == list(reference["articles"]["article_id"])


def test_bad_articles_are_recorded_and_good_ones_kept(reference, small_corpus):
    errors = reference["errors"]
    assert reference.n_errors == len(errors) == 2
    assert list(errors.columns) == list(ERROR_COLUMNS)
    assert sorted(Path(s).name for s in errors["source"]) == ["bad-0.txt", "bad-1.txt"]
    assert set(errors["stage"]) == {"ingest"}
    assert set(errors["error"]) == {"EmptyFileError", "BinaryFileError"}
    assert errors["problem"].str.len().gt(5).all()
    assert len(reference["articles"]) == 14


def test_an_analysis_failure_is_recorded_and_the_run_goes_on(small_corpus, monkeypatch):
    real = corpus.article_record

    def flaky(article, **options):
        if article.id.endswith("03"):
            raise ZeroDivisionError("division by zero in a module")
        return real(article, **options)

    monkeypatch.setattr(corpus, "article_record", flaky)
    res = analyze_corpus(small_corpus, chunk_size=4, analyses=())
    analyze_errors = res["errors"][res["errors"]["stage"] == "analyze"]
    assert len(analyze_errors) == 1
    assert analyze_errors["article_id"].iloc[0].endswith("03")
    assert analyze_errors["error"].iloc[0] == "ZeroDivisionError"
    assert len(res["articles"]) == 13 and res.n_articles == 13


def test_a_run_collects_garbage_less_often_and_restores_the_thresholds(small_corpus, monkeypatch):
    import gc

    before = gc.get_threshold()
    seen = []
    real = corpus.article_record

    def spy(article, **options):
        seen.append(gc.get_threshold())
        if article.id.endswith("05"):
            raise KeyboardInterrupt
        return real(article, **options)

    monkeypatch.setattr(corpus, "article_record", spy)
    with pytest.raises(KeyboardInterrupt):
        analyze_corpus(small_corpus, chunk_size=4, analyses=())
    assert seen and all(t == (corpus._GC_GEN0, *before[1:]) for t in seen)
    assert gc.get_threshold() == before


def test_a_run_pays_for_the_collections_it_put_off(small_corpus, monkeypatch):
    import gc

    before = gc.get_threshold()
    thresholds_at_collect = []
    real_collect = gc.collect

    def spy(*args):
        thresholds_at_collect.append(gc.get_threshold())
        return real_collect(*args)

    monkeypatch.setattr(gc, "collect", spy)
    analyze_corpus(small_corpus, chunk_size=4, analyses=())
    assert thresholds_at_collect == [before]  # one full collection, after the thresholds are back


def test_fewer_collections_is_shared_by_threads_and_undone_by_the_last():
    import gc
    import threading

    before = gc.get_threshold()
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with corpus._fewer_collections():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    assert inside.wait(10)
    with corpus._fewer_collections():
        assert gc.get_threshold()[0] == corpus._GC_GEN0
    assert gc.get_threshold()[0] == corpus._GC_GEN0  # the other thread is still inside
    release.set()
    thread.join()
    assert gc.get_threshold() == before


def test_a_pool_worker_keeps_the_enlarged_threshold_between_batches(monkeypatch):
    # a pool worker does nothing but batches: restoring CPython's threshold after each one made the
    # collector walk every young container still alive (the caches' new entries) once per batch
    import gc
    import signal

    before = gc.get_threshold()
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # the worker ignores Ctrl-C; this process must not
    try:
        gc.set_threshold(700, 10, 10)
        corpus._init_worker(())
        assert gc.get_threshold() == (corpus._GC_GEN0, 10, 10)
        result = corpus._work([Article.from_text("The council met on Tuesday. It approved the budget.", id="a")],
                              (), True)
        assert result.n_articles == 1
        assert gc.get_threshold() == (corpus._GC_GEN0, 10, 10)  # not back to 700 after the batch
    finally:
        gc.set_threshold(*before)


def test_dask_workers_keep_the_enlarged_threshold_for_the_run_and_restore_it():
    # a Dask worker's process is the user's: enlarged while a run holds it (not restored after every
    # batch), restored, with one full collection, when the run ends; two runs at once share it
    import gc

    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster, distributed.Client(cluster) as client:
        client.run(gc.set_threshold, 700, 10, 10)
        first, second = corpus._Dask(client), corpus._Dask(client)
        try:
            assert list(client.run(gc.get_threshold).values()) == [(corpus._GC_GEN0, 10, 10)]
            batch = [Article.from_text("The council met on Tuesday. It approved the budget.", id="a")]
            assert client.submit(corpus._work, batch, (), True, pure=False).result().n_articles == 1
            assert list(client.run(gc.get_threshold).values()) == [(corpus._GC_GEN0, 10, 10)]
            first.close()
            assert list(client.run(gc.get_threshold).values()) == [(corpus._GC_GEN0, 10, 10)]  # second still runs
        finally:
            second.close()
        assert list(client.run(gc.get_threshold).values()) == [(700, 10, 10)]
        assert client.status == "running"  # a Client passed in is left open for its owner


def test_a_lost_dask_connection_at_the_end_of_a_run_is_a_warning():
    class LostClient:
        def unregister_worker_plugin(self, name):
            raise OSError("Stream is closed")

    backend = corpus._Dask.__new__(corpus._Dask)
    backend.client, backend.own, backend.plugin = LostClient(), False, "p"
    with pytest.warns(RuntimeWarning, match="could not restore the garbage collector's thresholds on the Dask "
                                            r"workers \(Stream is closed\)"):
        backend.close()



def test_a_client_opened_for_a_run_is_closed_when_the_workers_refuse_the_plugin(monkeypatch):
    pytest.importorskip("distributed")
    closed = []

    class RefusingClient:
        def nthreads(self):
            return {"tcp://w1": 1}

        def register_plugin(self, plugin, name):
            raise ModuleNotFoundError("No module named 'newsframe'")  # as from a worker without the package

        def close(self):
            closed.append(True)

    monkeypatch.setattr(corpus, "_connect", lambda address: RefusingClient())
    with pytest.raises(ModuleNotFoundError, match="newsframe"):
        corpus._Dask("tcp://127.0.0.1:8786")
    assert closed == [True]

# --------------------------------------------------------------------------- backends

def test_two_processes_give_identical_results(small_corpus, reference):
    import gc

    res = analyze_corpus(small_corpus, chunk_size=4, n_jobs=2)
    _assert_same_tables(res, reference)
    assert gc.get_freeze_count() == 0  # the parent's objects are frozen only while the workers fork


def test_dask_local_cluster_gives_identical_results(small_corpus, reference):
    import gc

    distributed = pytest.importorskip("distributed")
    before = gc.get_threshold()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        res = analyze_corpus(small_corpus, chunk_size=4, scheduler=client)
        assert cluster.scheduler_address.startswith("tcp://")
        by_address = analyze_corpus(small_corpus, chunk_size=5, scheduler=cluster.scheduler_address)
        assert client.status == "running"  # a Client passed in is left open for its owner
    _assert_same_tables(res, reference)
    _assert_same_tables(by_address, reference)
    assert gc.get_threshold() == before  # two worker threads in this process shared the raised threshold


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_reading_warnings_reach_the_caller_from_the_workers(tmp_path, n_jobs):
    # the workers read and parse the files: what reading warns about must still reach the user
    fine = "The council approved the new budget on Tuesday after a long debate about schools."
    (tmp_path / "a.txt").write_text(fine)
    (tmp_path / "latin.txt").write_bytes(("Caf\xe9 owners said " + fine).encode("cp1252"))
    (tmp_path / "bericht.txt").write_text(
        "Der Stadtrat hat am Dienstag nach einer langen Debatte \u00fcber die Schulen den neuen Haushalt "
        "beschlossen, und die Opposition hat dagegen gestimmt, weil sie mehr Geld f\u00fcr die Stra\u00dfen wollte."
    )
    with pytest.warns(IngestWarning) as caught:
        res = analyze_corpus(tmp_path, n_jobs=n_jobs, analyses=())
    messages = [str(w.message) for w in caught]
    assert any("latin.txt: not UTF-8; decoded as cp1252" in m for m in messages), messages
    assert any("bericht.txt: text does not look like English" in m for m in messages), messages
    assert sorted(res["articles"]["article_id"]) == ["a", "bericht", "latin"]


def test_worker_tables_equal_the_rows_built_in_process(small_corpus):
    items = [i for i in iter_corpus(small_corpus, errors="skip", raw=True) if not isinstance(i, Exception)]
    assert any(isinstance(i, RawArticle) for i in items) and any(isinstance(i, Article) for i in items)
    in_process = corpus._work(items, ANALYSES, False)
    from_workers = [corpus._work(items[:5], ANALYSES, True), corpus._work(items[5:], ANALYSES, True)]
    assert isinstance(in_process.tables["sentences"], list)
    assert not isinstance(from_workers[0].tables["sentences"], list)  # Arrow, built by the worker
    a, b = corpus._chunk_tables([in_process]), corpus._chunk_tables(from_workers)
    assert list(a) == list(b) and len(a["articles"]) == in_process.n_articles == 14
    for name in a:
        assert a[name].equals(b[name]), name
    assert in_process.errors == from_workers[0].errors + from_workers[1].errors
    # the empty file is found while reading (not in items); the PNG only when parsed, by the worker
    assert [(r["stage"], r["error"]) for r in in_process.errors] == [("ingest", "BinaryFileError")]


def test_chunk_tables_unify_a_column_that_batches_typed_differently():
    def part(rows):
        return corpus._BatchResult(len(rows), {"claims": corpus._to_arrow("claims", rows, null_as_string=False)}, [], [])

    rows = [{"article_id": "a", "x": None, "y": 1, "z": None}, {"article_id": "b", "x": 0.5, "y": "two", "z": None}]
    got = corpus._chunk_tables([part(rows[:1]), part(rows[1:])])["claims"]
    want = corpus._to_arrow("claims", rows)  # what one table of all the rows gives
    assert got.equals(want)
    assert [str(f.type) for f in got.schema] == ["string", "double", "string", "string"]


def test_written_tables_equal_in_memory_ones_whatever_the_chunk_size(small_corpus, reference, tmp_path):
    res = analyze_corpus(small_corpus, chunk_size=3, out=tmp_path / "out")
    assert res.out == tmp_path / "out"
    _assert_same_tables(res, reference)
    for name in TABLES:
        pd.testing.assert_frame_equal(read_table(tmp_path / "out", name), reference[name], obj=name)


# --------------------------------------------------------------------------- streaming

def test_chunks_are_written_one_file_per_table_and_never_exceed_chunk_size(tmp_path):
    folder = demo_corpus(tmp_path / "c", 23, seed=1, jsonl_share=0.3)
    out = tmp_path / "out"
    res = analyze_corpus(folder, out=out, chunk_size=5, analyses=())
    assert res.n_chunks == 5 == len(_parts(out, "articles")) == len(_parts(out, "sentences"))
    sizes = [len(pd.read_parquet(p)) for p in _parts(out, "articles")]
    assert sizes == [5, 5, 5, 5, 3]
    assert [p.name for p in _parts(out, "articles")] == [f"part-{i:05d}.parquet" for i in range(5)]
    assert not [p for p in out.rglob("*") if ".tmp-" in p.name]
    assert res._tables is None  # with out, tables are read lazily, not held


def test_the_run_never_holds_more_than_two_chunks(tmp_path, monkeypatch):
    """Reading runs at most one chunk ahead of writing (the structural memory bound)."""
    folder = demo_corpus(tmp_path / "c", 30, seed=2, jsonl_share=0)
    pulled = {"n": 0}
    real_items, real_write = corpus._source_items, corpus._write_parquet
    ahead = []

    def counting_items(source, text_column):
        for item in real_items(source, text_column):
            pulled["n"] += 1
            yield item

    def recording_write(table, path):
        real_write(table, path)
        if path.parent.name == "articles":
            written = sum(len(pd.read_parquet(p)) for p in _parts(path.parent.parent, "articles"))
            ahead.append(pulled["n"] - written)

    monkeypatch.setattr(corpus, "_source_items", counting_items)
    monkeypatch.setattr(corpus, "_write_parquet", recording_write)
    analyze_corpus(folder, out=tmp_path / "out", chunk_size=4, analyses=(), n_jobs=1)
    assert len(ahead) == 8
    assert max(ahead) <= 2 * 4


def test_peak_memory_does_not_grow_with_corpus_size(tmp_path, monkeypatch):
    """The corpus layer holds no more for 450 articles than for 150 (analysis modules off).

    The articles are generated in memory, so what is measured is the corpus layer itself,
    not the bounded caches of ingest or the analysis modules.
    """
    import random

    def generated(n: int):
        rng = random.Random(n)
        outlets = sorted(corpus._OUTLETS)
        for i in range(n):
            art = corpus._demo_article(rng, outlets[i % 3], i % 300)
            yield Article.from_text(art["text"], id=f"g{n}-{i}", metadata={"outlet": art["outlet"]})

    monkeypatch.setattr(corpus, "_source_items", lambda source, text_column: generated(int(source)))
    # warm up imports and fill the bounded caches (split_sentences keeps the last 128 texts)
    analyze_corpus("150", out=tmp_path / "warm", analyses=(), chunk_size=10)

    def peak(n: int) -> int:
        tracemalloc.start()
        analyze_corpus(str(n), out=tmp_path / f"out{n}", chunk_size=10, analyses=())
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(150), peak(450)
    # keeping the rows of every article (a leak) would cost about 9 KB per article
    assert (large - small) / 300 < 1024, (small, large)


# --------------------------------------------------------------------------- resume

def _interrupt_after(n: int):
    seen = {"n": 0}

    def progress(k: int) -> None:
        seen["n"] += k
        if seen["n"] >= n:
            raise KeyboardInterrupt

    return progress


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_resume_after_interruption_gives_the_uninterrupted_result(small_corpus, reference, tmp_path, n_jobs):
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        analyze_corpus(small_corpus, out=out, chunk_size=4, n_jobs=n_jobs, progress=_interrupt_after(9))
    kept = _parts(out, "articles")
    assert 1 <= len(kept) < 4
    assert not [p for p in out.rglob("*") if ".tmp-" in p.name]
    for table in TABLES:  # no part of an unfinished chunk survives
        assert {p.name for p in _parts(out, table)} <= {p.name for p in kept}
    done = len(read_table(out, "articles"))
    res = analyze_corpus(small_corpus, out=out, chunk_size=4, n_jobs=n_jobs)
    assert res.n_articles == 14 - done
    assert res.n_skipped >= done
    _assert_same_tables(res, reference)
    again = analyze_corpus(small_corpus, out=out, chunk_size=4)
    assert (again.n_articles, again.n_errors, again.n_chunks) == (0, 0, 0)
    assert again.n_skipped == 16
    _assert_same_tables(again, reference)


def test_resume_false_starts_over(small_corpus, reference, tmp_path):
    out = tmp_path / "out"
    analyze_corpus(small_corpus, out=out, chunk_size=4)
    (out / "notes.txt").write_text("mine")
    res = analyze_corpus(small_corpus, out=out, chunk_size=6, resume=False)
    assert (res.n_articles, res.n_skipped, res.n_chunks) == (14, 0, 3)
    assert len(_parts(out, "articles")) == 3
    assert (out / "notes.txt").read_text() == "mine"
    _assert_same_tables(res, reference)


def test_two_runs_never_write_to_one_folder(small_corpus, tmp_path):
    fcntl = pytest.importorskip("fcntl")
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "a+") as held:  # another run holds the folder
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(ValueError, match="another run is writing"):
            analyze_corpus(small_corpus, out=out, analyses=())
        assert not _parts(out, "articles")
    assert analyze_corpus(small_corpus, out=out, analyses=()).n_articles == 14  # released: it runs
    assert analyze_corpus(small_corpus, out=out, analyses=()).n_skipped == 16  # and the lock is released again


def test_the_folder_lock_on_windows(small_corpus, tmp_path, monkeypatch):
    # Windows has no fcntl: the run locks the first byte of the empty .lock file with msvcrt
    # (simulated here: a module that records the calls, and refuses the lock while another run holds it)
    import types

    calls: list[tuple[str, int]] = []
    other_run = False

    def locking(fd: int, mode: int, nbytes: int) -> None:
        if mode == 1 and other_run:
            raise PermissionError(13, "Permission denied")
        calls.append(({1: "lock", 0: "unlock"}[mode], os.lseek(fd, 0, os.SEEK_CUR)))

    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` raises ImportError
    monkeypatch.setitem(sys.modules, "msvcrt", types.SimpleNamespace(locking=locking, LK_NBLCK=1, LK_UNLCK=0))
    out = tmp_path / "out"
    assert analyze_corpus(small_corpus, out=out, analyses=()).n_articles == 14
    assert calls == [("lock", 0), ("unlock", 0)] and (out / ".lock").stat().st_size == 0
    other_run = True
    parts = _parts(out, "articles")
    with pytest.raises(ValueError, match="another run is writing"):
        analyze_corpus(small_corpus, out=out, analyses=(), resume=False)
    assert calls == [("lock", 0), ("unlock", 0)] and _parts(out, "articles") == parts  # nothing touched


def test_parts_left_by_a_hard_kill_are_discarded(small_corpus, reference, tmp_path):
    out = tmp_path / "out"
    analyze_corpus(small_corpus, out=out, chunk_size=4)
    # a killed run leaves a temp file and a chunk whose articles part was never written
    (out / "sentences" / ".part-00009.parquet.tmp-1").write_bytes(b"partial")
    (out / "sentences" / "part-00009.parquet").write_bytes((out / "sentences" / "part-00000.parquet").read_bytes())
    pd.testing.assert_frame_equal(read_table(out, "sentences"), reference["sentences"])
    res = analyze_corpus(small_corpus, out=out, chunk_size=4)
    assert res.n_articles == 0
    assert not (out / "sentences" / "part-00009.parquet").exists()
    assert not (out / "sentences" / ".part-00009.parquet.tmp-1").exists()


def test_a_changed_article_is_analysed_again(tmp_path):
    folder = demo_corpus(tmp_path / "c", 4, seed=4, jsonl_share=0)
    out = tmp_path / "out"
    analyze_corpus(folder, out=out, analyses=())
    first = sorted(folder.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more sentence was added.\n", encoding="utf-8")
    res = analyze_corpus(folder, out=out, analyses=())
    assert (res.n_articles, res.n_skipped) == (1, 3)
    arts = read_table(out, "articles")
    assert (arts["article_id"] == first.stem).sum() == 2
    assert arts["sha256"].is_unique


# --------------------------------------------------------------------------- sources

def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["a", "b", "c"],
        "outlet": ["North Post", "South Star", "North Post"],
        "date": pd.to_datetime(["2024-01-02", "2024-02-03", None]),
        "text": ["Prices rose. Workers went on strike.", "The talks failed. Both sides blamed each other.", ""],
        "views": [10, 20, 30],
    })


def test_dataframe_source():
    res = analyze_corpus(_frame(), analyses=())
    arts = res["articles"]
    assert list(arts["article_id"]) == ["a", "b"]
    assert list(arts["outlet"]) == ["North Post", "South Star"]
    assert list(arts["published"]) == ["2024-01-02T00:00:00", "2024-02-03T00:00:00"]
    assert json.loads(arts["metadata"].iloc[0])["views"] == 10
    assert list(res["sentences"]["text"][:2]) == ["Prices rose.", "Workers went on strike."]
    (err,) = res["errors"].to_dict("records")
    assert err["source"] == "<DataFrame>:2" and err["stage"] == "ingest"


def test_jsonl_and_csv_sources_match_the_dataframe(tmp_path):
    df = _frame()
    df["date"] = df["date"].dt.strftime("%Y-%m-%dT%H:%M:%S")
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in df.to_dict("records")), encoding="utf-8")
    csv = tmp_path / "news.csv"
    df.to_csv(csv, index=False)
    frame_res = analyze_corpus(df, analyses=())
    for path in (jsonl, csv):
        res = analyze_corpus(path, analyses=())
        assert list(res["articles"]["article_id"]) == ["news:a", "news:b"]
        assert list(res["articles"]["outlet"]) == list(frame_res["articles"]["outlet"])
        assert list(res["sentences"]["text"]) == list(frame_res["sentences"]["text"])
        assert list(res["errors"]["stage"]) == ["ingest"]


def test_list_and_glob_sources(small_corpus):
    txt = sorted(small_corpus.glob("demo-*.txt"))
    by_list = analyze_corpus([str(p) for p in txt], analyses=())
    by_glob = analyze_corpus(str(small_corpus / "demo-*.txt"), analyses=())
    assert list(by_list["articles"]["article_id"]) == [p.stem for p in txt]
    _assert_same_tables(by_list, by_glob)


def test_text_column_option():
    df = pd.DataFrame({"headline": ["H"], "story_text": ["It happened. Then more."]})
    with pytest.raises(MissingColumnError, match="text_column"):
        analyze_corpus(df, analyses=())
    res = analyze_corpus(df, analyses=(), text_column="story_text")
    assert res["articles"]["title"].tolist() == ["H"] and res["articles"]["n_sentences"].tolist() == [2]


# --------------------------------------------------------------------------- bad arguments

@pytest.mark.parametrize("kwargs", [
    {"n_jobs": 0}, {"n_jobs": 1.5}, {"n_jobs": True}, {"n_jobs": -2},
    {"chunk_size": 0}, {"chunk_size": "100"}, {"chunk_size": 2.5},
    {"scheduler": "localhost:8786"}, {"scheduler": 8786}, {"scheduler": "tcp://h:1", "n_jobs": 2},
    {"analyses": ("sentiment", "nope")}, {"analyses": "sentiment"},
    {"progress": "yes"}, {"out": 3}, {"resume": "no"},
])
def test_bad_arguments_raise_value_error(small_corpus, kwargs):
    with pytest.raises(ValueError):
        analyze_corpus(small_corpus, **kwargs)


def test_bad_sources(tmp_path):
    for bad in (42, None, [1, 2], b"bytes", []):
        with pytest.raises(ValueError, match="source must be"):
            analyze_corpus(bad)
    with pytest.raises(MissingPathError):
        analyze_corpus(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(NoArticlesError):
        analyze_corpus(tmp_path / "empty")
    with pytest.raises(NoArticlesError):
        analyze_corpus(pd.DataFrame({"text": []}))


def test_out_must_be_a_folder_outside_data_raw(small_corpus, tmp_path):
    file = tmp_path / "file.txt"
    file.write_text("x")
    with pytest.raises(ValueError, match="is a file"):
        analyze_corpus(small_corpus, out=file)
    raw = Path(__file__).resolve().parents[1] / "data" / "raw" / "corpus-out"
    with pytest.raises(ValueError, match="read-only"):
        analyze_corpus(small_corpus, out=raw)
    assert not raw.exists()


def test_read_table_bad_input(small_corpus, tmp_path):
    with pytest.raises(ValueError, match="not a corpus output folder"):
        read_table(tmp_path / "nothing", "articles")
    analyze_corpus(small_corpus, out=tmp_path / "out", analyses=())
    with pytest.raises(ValueError, match="unknown table 'nope'"):
        read_table(tmp_path / "out", "nope")
    assert list(read_table(tmp_path / "out", "quotes").columns) == list(QUOTE_COLUMNS)


# --------------------------------------------------------------------------- safety: out, data/raw, bad input

_STORY = "The council approved the new budget on Tuesday after a long debate about the schools."


def test_out_refuses_a_folder_holding_other_files(tmp_path):
    (tmp_path / "a.txt").write_text(_STORY)
    mine = tmp_path / "ds" / "mydata" / "part-00000.parquet"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"the user's own data")
    with pytest.raises(ValueError, match=r"ds'? holds files that analyze_corpus did not write \(e.g. 'mydata'\)"):
        analyze_corpus(tmp_path / "a.txt", out=tmp_path / "ds", analyses=())
    assert mine.read_bytes() == b"the user's own data"
    assert sorted(p.name for p in (tmp_path / "ds").iterdir()) == ["mydata"]  # nothing written either
    with pytest.raises(ValueError, match="empty string"):
        analyze_corpus(tmp_path / "a.txt", out="", analyses=())
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".gitkeep").write_text("")
    assert analyze_corpus(tmp_path / "a.txt", out=tmp_path / "empty", analyses=()).n_articles == 1  # empty: taken


def test_a_run_only_deletes_files_in_its_own_table_folders(small_corpus, reference, tmp_path):
    out = tmp_path / "out"
    analyze_corpus(small_corpus, out=out, chunk_size=4)
    assert json.loads((out / ".newsframe-corpus.json").read_text())["tables"] == list(TABLES)
    mine = [out / "mydata" / "part-00000.parquet", out / "mydata" / "part-00009.parquet",
            out / "mydata" / ".part-00001.parquet.tmp-1", out / "articles" / "notes.txt",
            out / "sentences" / ".part-00009.parquet.tmp-draft"]
    for p in mine:
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(b"mine")
    stale = out / "sentences" / "part-00009.parquet"  # a part of a chunk never completed: newsframe's
    stale.write_bytes((out / "sentences" / "part-00000.parquet").read_bytes())
    assert analyze_corpus(small_corpus, out=out, chunk_size=4).n_skipped == 16
    assert not stale.exists()
    res = analyze_corpus(small_corpus, out=out, chunk_size=6, resume=False)
    assert res.n_chunks == 3 and len(_parts(out, "articles")) == 3
    assert all(p.read_bytes() == b"mine" for p in mine)
    assert "mydata" not in res.tables
    _assert_same_tables(res, reference)


def test_outputs_written_before_the_marker_still_resume(small_corpus, reference, tmp_path):
    out = tmp_path / "out"
    analyze_corpus(small_corpus, out=out, chunk_size=4)
    (out / ".newsframe-corpus.json").unlink()  # as the earlier versions wrote it: .lock and table folders
    res = analyze_corpus(small_corpus, out=out, chunk_size=4)
    assert (res.n_articles, res.n_skipped) == (0, 16)
    assert (out / ".newsframe-corpus.json").is_file()
    (out / ".newsframe-corpus.json").unlink()
    (out / ".lock").unlink()  # no lock either (Windows): only the table folders
    assert analyze_corpus(small_corpus, out=out, chunk_size=4).n_skipped == 16
    _assert_same_tables(corpus.CorpusResult(out, 0, 0, 0, 0), reference)


def test_out_in_any_data_raw_folder_is_refused_wherever_the_run_starts(tmp_path, monkeypatch):
    raw = tmp_path / "proj" / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "a.txt").write_text(_STORY)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.delenv("NEWSFRAME_ROOT", raising=False)
    monkeypatch.chdir(elsewhere)  # the project is not found from here
    for out in (raw / "x", raw, raw / "deep" / "er", tmp_path / "proj" / "data" / "processed" / ".." / "raw" / "y"):
        with pytest.raises(ValueError, match="read-only"):
            analyze_corpus(raw / "a.txt", out=out, analyses=())
    with pytest.raises(ValueError, match="read-only"):
        demo_corpus(raw / "demo", 2)
    assert sorted(p.name for p in raw.iterdir()) == ["a.txt"]
    res = analyze_corpus(raw / "a.txt", out=tmp_path / "proj" / "data" / "processed" / "x", analyses=())
    assert res.n_articles == 1  # reading data/raw is fine


def test_ids_are_unique_over_several_sources(tmp_path):
    for folder, text in (("dA", _STORY), ("dB", "The mayor resigned on Friday after a scandal over contracts.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text)
        (tmp_path / folder / "note.txt").write_text("" if folder == "dA" else text + " Again.")
    sources = [tmp_path / "dA", tmp_path / "dB"]
    with pytest.warns(IngestWarning, match="dB/note.txt: article id 'note' was already given .* becomes 'dB/note'"):
        res = analyze_corpus(sources, analyses=())
    arts = res["articles"]
    # dA/note.txt is empty (an error), but its id stays taken: dB's note never depends on it
    assert list(arts["article_id"]) == ["story", "dB/note", "dB/story"]
    assert set(res["sentences"]["article_id"]) == set(arts["article_id"])
    story = res["sentences"][res["sentences"]["article_id"] == "story"]
    assert " ".join(story["text"]) == _STORY  # not mixed with dB's story
    out = tmp_path / "out"
    with pytest.warns(IngestWarning):
        analyze_corpus(sources, out=out, analyses=())
    with pytest.warns(IngestWarning):
        again = analyze_corpus(sources, out=out, analyses=())
    assert (again.n_articles, again.n_skipped) == (0, 4)
    assert list(read_table(out, "articles")["article_id"]) == ["story", "dB/note", "dB/story"]
    one = analyze_corpus([tmp_path / "dB"], analyses=())  # one source: the ids of now
    assert list(one["articles"]["article_id"]) == ["note", "story"]


def test_ids_over_several_sources_come_from_one_allocator(tmp_path):
    # repeats within a source and over sources are named alike: the path relative to the folder
    # the sources share (was: "sub/story" and "story.txt", as if they were files at the top)
    for rel in ("dA/story.txt", "dA/sub/story.txt", "dB/story.md", "dB/story.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(_STORY)
    (tmp_path / "dB" / "t.csv").write_text(f"id,text\n1,{_STORY}\n1,{_STORY}\n")
    with pytest.warns(IngestWarning, match="sub/story.txt: article id 'story' was already given .* 'dA/sub/story'"):
        res = analyze_corpus([tmp_path / "dA", tmp_path / "dB"], analyses=())
    assert list(res["articles"]["article_id"]) == ["story", "dA/sub/story", "dB/story", "dB/story.txt", "t:1",
                                                   "dB/t:1"]
    one = analyze_corpus(tmp_path / "dB", analyses=())  # one source: its ids as before
    assert list(one["articles"]["article_id"]) == ["story", "story.txt", "t:1", "t.csv:1"]


def test_repeated_dataframe_ids_are_made_unique():
    texts = ["Prices rose. Workers struck.", "The talks failed.", "It rained all day."]
    with pytest.warns(IngestWarning, match="'a' was already given"):
        res = analyze_corpus(pd.DataFrame({"id": ["a", "a", "a"], "text": texts}), analyses=())
    assert list(res["articles"]["article_id"]) == ["a", "a~2", "a~3"]
    assert res["sentences"].groupby("article_id").size().to_dict() == {"a": 2, "a~2": 1, "a~3": 1}
    with pytest.warns(IngestWarning):
        res = analyze_corpus(pd.DataFrame({"id": [float("nan"), "0"], "text": texts[:2]}), analyses=())
    assert list(res["articles"]["article_id"]) == ["0", "0~2"]  # the row label of a missing id, then a repeat


def test_warnings_name_the_callers_line(tmp_path):
    # a repeated id (over several sources, in a DataFrame) and what the workers' reading warned
    # about name the caller's line, not a line of newsframe (the repeat used to name ingest.py)
    for folder in ("dA", "dB"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(_STORY)
    (tmp_path / "dB" / "latin.txt").write_bytes(("Caf\xe9 owners said " + _STORY).encode("cp1252"))
    frame = pd.DataFrame({"id": ["a", "a"], "text": [_STORY, _STORY]})
    for source, expected in (([tmp_path / "dA", tmp_path / "dB"], ["already given", "not UTF-8"]),
                             (frame, ["already given"])):
        with pytest.warns(IngestWarning) as caught:
            line = sys._getframe().f_lineno + 1
            analyze_corpus(source, analyses=())
        assert [(w.filename, w.lineno) for w in caught] == [(__file__, line)] * len(expected)
        assert [next(e for e in expected if e in str(w.message)) for w in caught] == expected


@pytest.mark.parametrize("address, problem", [
    ("tcp://127.0.0.1:notaport", "'notaport' is not a port number"),
    ("foo://bar", "unknown protocol 'foo'"),
    ("tcp://127.0.0.1", "has no port"),
    ("tcp://127.0.0.1:70000", "is not a port number"),
])
def test_malformed_scheduler_addresses_are_value_errors(small_corpus, address, problem):
    pytest.importorskip("distributed")
    with pytest.raises(ValueError, match=re.escape(f"scheduler={address!r}")) as info:
        analyze_corpus(small_corpus, scheduler=address, analyses=())
    assert problem in str(info.value)


def test_an_unreachable_scheduler_is_a_connection_error(small_corpus):
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(ConnectionError, match=re.escape("scheduler='tcp://127.0.0.1:1'")) as info:
            analyze_corpus(small_corpus, scheduler="tcp://127.0.0.1:1", analyses=())
    assert isinstance(info.value.__cause__, OSError)  # distributed's error, chained


def test_scheduler_errors_from_the_client_are_wrapped(small_corpus, monkeypatch):
    distributed = pytest.importorskip("distributed")

    def refuses(address, **kwargs):
        raise TypeError("TLS expects a `ssl_context` argument")

    monkeypatch.setattr(distributed, "Client", refuses)
    with pytest.raises(ValueError, match=r"scheduler='tls://h:1' cannot be used .*ssl_context"):
        analyze_corpus(small_corpus, scheduler="tls://h:1", analyses=())


def test_out_that_cannot_be_written_is_a_clear_error(small_corpus, tmp_path, monkeypatch):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ValueError, match=r"out='.*afile/sub' cannot be created: .*afile is a file"):
        analyze_corpus(small_corpus, out=tmp_path / "afile" / "sub", analyses=())
    with pytest.raises(ValueError, match="afile is a file"):
        analyze_corpus(small_corpus, out=tmp_path / "afile" / "sub" / "deeper", analyses=())
    real_access = os.access

    def access(path, mode, **kwargs):  # as for a folder of another user (the tests run as root)
        return False if "locked" in str(path) else real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    (tmp_path / "locked").mkdir()
    with pytest.raises(ValueError, match=r"out='.*locked/out' cannot be created: no permission to write in .*locked"):
        analyze_corpus(small_corpus, out=tmp_path / "locked" / "out", analyses=())
    with pytest.raises(ValueError, match=r"out='.*locked' cannot be written: no permission"):
        analyze_corpus(small_corpus, out=tmp_path / "locked", analyses=())
    monkeypatch.undo()

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", denied)  # as a folder made read-only after the check would
    with pytest.raises(ValueError, match=r"out='.*new' cannot be created: Permission denied"):
        analyze_corpus(small_corpus, out=tmp_path / "new", analyses=())


def test_read_table_reports_bad_columns_damaged_parts_and_other_folders(small_corpus, tmp_path):
    out = tmp_path / "out"
    analyze_corpus(small_corpus, out=out, chunk_size=5, analyses=())
    with pytest.raises(ValueError, match=r"no column\(s\) 'nope'; its columns: article_id, sentence, "):
        read_table(out, "sentences", columns=["nope"])
    with pytest.raises(TypeError, match=r"columns=\['text'\]"):
        read_table(out, "sentences", columns="text")
    with pytest.raises(TypeError, match="column names"):
        read_table(out, "sentences", columns=[1])
    both = read_table(out, "sentences", columns=("text", "article_id"))
    assert list(both.columns) == ["text", "article_id"] and len(both) == len(read_table(out, "sentences"))
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x")
    for folder in (tmp_path / "other", small_corpus):
        with pytest.raises(ValueError, match="not a corpus output folder"):
            read_table(folder, "articles")
    damaged = out / "sentences" / "part-00001.parquet"
    damaged.write_bytes(damaged.read_bytes()[:100])
    with pytest.raises(ValueError, match=re.escape(str(damaged)) + " is damaged"):
        read_table(out, "sentences")
    part = out / "articles" / "part-00002.parquet"
    part.write_bytes(b"PAR1 not really")
    with pytest.raises(ValueError, match=re.escape(str(part)) + " is damaged.*delete part-00002.parquet"):
        analyze_corpus(small_corpus, out=out, chunk_size=5, analyses=())  # resuming reads the articles parts


def test_summaries_need_an_articles_table_and_take_an_empty_one():
    with pytest.raises(ValueError, match="no 'articles' table"):
        corpus.tone_table({})
    with pytest.raises(ValueError, match=r"tables\['articles'\] must be a DataFrame"):
        corpus.tone_table({"articles": [1, 2]})
    with pytest.raises(ValueError, match="no 'article_id' column"):
        corpus.frame_shares({"articles": pd.DataFrame({"outlet": ["X"]})})
    empty = {name: corpus._empty_frame(name) for name in TABLES}  # a run of bad files only
    assert corpus.tone_table(empty).empty and corpus.tone_table(empty, period=None).empty
    assert list(corpus.article_tone(empty).columns)[:2] == ["article_id", "outlet"]
    assert corpus.frame_shares(empty).empty and corpus.texts_by(empty) == {}


def test_an_empty_source_path_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(_STORY)
    for bad in ("", [str(tmp_path / "a.txt"), ""]):
        with pytest.raises(ValueError, match="not an empty path"):
            analyze_corpus(bad, analyses=())
    assert count_articles("") is None


def test_errors_table_is_in_source_order(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    # a PNG is found out by the worker that parses it, an empty file while listing: rows still in file order
    (folder / "a-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "b-empty.txt").write_text("")
    (folder / "c-good.txt").write_text(_STORY)
    (folder / "d-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "e-empty.txt").write_text("")
    want = ["a-image.txt", "b-empty.txt", "d-image.txt", "e-empty.txt"]
    res = analyze_corpus(folder, analyses=())
    assert [Path(s).name for s in res["errors"]["source"]] == want
    res = analyze_corpus(folder, analyses=(), out=tmp_path / "out", chunk_size=3)
    assert [Path(s).name for s in res["errors"]["source"]] == want


# --------------------------------------------------------------------------- demo corpus, progress, CLI

def test_demo_corpus_is_deterministic_and_varied(tmp_path):
    a = demo_corpus(tmp_path / "a", 9, seed=5)
    b = demo_corpus(tmp_path / "b", 9, seed=5)
    c = demo_corpus(tmp_path / "c", 9, seed=6)
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert all((a / n).read_bytes() == (b / n).read_bytes() for n in names)
    assert (a / "articles.jsonl").read_bytes() != (c / "articles.jsonl").read_bytes()
    res = analyze_corpus(a, analyses=())
    texts = set(res["sentences"]["text"])
    assert len(texts) > 0.8 * len(res["sentences"])  # generated, not one repeated sentence
    assert count_articles(a) == 9
    demo_corpus(a, 4, seed=5)  # a smaller demo in the same folder replaces the earlier one
    assert count_articles(a) == 4


def test_demo_corpus_bad_arguments(tmp_path):
    for kwargs in ({"n": 0}, {"n": "5"}, {"n_bad": -1}, {"jsonl_share": 2}):
        with pytest.raises(ValueError):
            demo_corpus(tmp_path / "x", **kwargs)
    raw = Path(__file__).resolve().parents[1] / "data" / "raw" / "demo"
    with pytest.raises(ValueError, match="read-only"):
        demo_corpus(raw, 2)
    assert not raw.exists()


def test_progress_counts_every_article(small_corpus):
    seen = []
    analyze_corpus(small_corpus, chunk_size=4, analyses=(), progress=seen.append)
    assert sum(seen) == 16


def test_progress_reporter_log_lines_and_bar():
    buf = io.StringIO()
    with ProgressReporter(total=20, stream=buf, interval=0) as report:
        report(5)
        report(15)
    lines = buf.getvalue().splitlines()
    assert lines[0].startswith("analyzed 5/20 articles") and "articles/s" in lines[0] and "ETA" in lines[0]
    assert lines[-1].startswith("analyzed 20/20 articles")
    quiet = io.StringIO()
    with ProgressReporter(total=20, stream=quiet, interval=3600) as report:
        for _ in range(20):
            report(1)
    assert len(quiet.getvalue().splitlines()) == 2  # the first and the last line only
    bar = io.StringIO()
    with ProgressReporter(total=4, stream=bar, bar=True) as report:
        report(4)
    assert "4/4" in bar.getvalue()


def test_cli_writes_tables_and_resumes(small_corpus, tmp_path, capsys):
    out = tmp_path / "processed"
    assert main(["analyze", str(small_corpus), "--out", str(out), "--jobs", "1", "--chunk-size", "6"]) == 0
    first = capsys.readouterr()
    assert "analyzed 14 articles in 3 chunk(s)" in first.out and "2 bad" in first.out
    assert "analyzed 16/16 articles" in first.err  # log line, not a bar: stderr is not a terminal
    assert len(read_table(out, "articles")) == 14
    assert main(["analyze", str(small_corpus), "--out", str(out)]) == 0
    assert "analyzed 0 articles in 0 chunk(s) (16 already in the output" in capsys.readouterr().out


def test_cli_interrupt_keeps_chunks(small_corpus, tmp_path, capsys, monkeypatch):
    real = corpus.analyze_corpus

    def interrupted(source, **kwargs):
        kwargs["progress"] = _interrupt_after(9)
        return real(source, **kwargs)

    monkeypatch.setattr(corpus, "analyze_corpus", interrupted)
    out = tmp_path / "processed"
    assert main(["analyze", str(small_corpus), "--out", str(out), "--chunk-size", "4"]) == 130
    err = capsys.readouterr().err
    kept = re.search(r"interrupted; kept (\d+) complete chunk\(s\)", err)
    assert kept and "Traceback" not in err, err
    assert 1 <= int(kept.group(1)) == len(_parts(out, "articles")) < 4
    done = len(read_table(out, "articles"))
    monkeypatch.setattr(corpus, "analyze_corpus", real)
    assert main(["analyze", str(small_corpus), "--out", str(out), "--chunk-size", "4"]) == 0
    assert f"analyzed {14 - done} articles" in capsys.readouterr().out
    assert len(read_table(out, "articles")) == 14


def test_cli_corpus_options_need_out(small_corpus, capsys):
    assert main(["analyze", str(small_corpus), "--jobs", "2"]) == 2
    assert "need --out" in capsys.readouterr().err


def test_cli_bad_options_are_clean_errors(small_corpus, tmp_path, capsys):
    for extra in (["--scheduler", "nowhere"], ["--jobs", "0"], ["--chunk-size", "0"]):
        assert main(["analyze", str(small_corpus), "--out", str(tmp_path / "o"), *extra]) == 2
        err = capsys.readouterr().err
        assert err.startswith("newsframe: error:") and "Traceback" not in err
    assert main(["analyze", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    assert "no such file" in capsys.readouterr().err


# --------------------------------------------------------------------------- summaries and plots

def test_article_tone(reference):
    tone = corpus.article_tone(reference)
    assert list(tone.columns) == ["article_id", "outlet", "published", "n_sentences", "mean_compound",
                                  "negative_share", "positive_share"]
    assert list(tone["article_id"]) == list(reference["articles"]["article_id"])
    assert (tone["n_sentences"] == reference["articles"]["n_sentences"]).all()
    assert str(tone["published"].dtype).startswith("datetime64")
    scored = tone["mean_compound"].dropna()
    assert scored.between(-1, 1).all()
    shares = tone[["negative_share", "positive_share"]].to_numpy().ravel()
    assert pd.Series(shares).dropna().between(0, 1).all()
    if reference["sentences"]["sentiment_compound"].notna().any():  # with the sentiment module
        assert len(scored) == len(tone)
        one = tone["article_id"].iloc[0]
        sents = reference["sentences"][reference["sentences"]["article_id"] == one]
        assert tone["mean_compound"].iloc[0] == pytest.approx(sents["sentiment_compound"].mean())
    else:
        assert scored.empty


def test_tone_table_groups_and_periods(reference):
    by_month = corpus.tone_table(reference)
    assert list(by_month.columns) == ["outlet", "period", "n_articles", "mean_compound", "negative_share",
                                      "positive_share"]
    assert by_month["n_articles"].sum() == len(reference["articles"])
    assert (by_month["period"].dt.day == 1).all()
    assert list(by_month[["outlet", "period"]].itertuples(index=False)) == sorted(
        by_month[["outlet", "period"]].itertuples(index=False))
    overall = corpus.tone_table(reference, period=None)
    assert list(overall["outlet"]) == ["Harbor Herald", "Metro Daily", "Valley Ledger"]
    assert overall["n_articles"].sum() == 14
    by_year = corpus.tone_table(reference, period="year")
    assert set(by_year["period"].dt.year) == {2023}
    with pytest.raises(ValueError, match="month"):
        corpus.tone_table(reference, period="fortnight")
    with pytest.raises(ValueError, match="outlet"):
        corpus.tone_table(reference, by="nope")


def test_frame_shares(reference):
    shares = corpus.frame_shares(reference)
    assert list(shares.columns) == ["outlet", "codebook", "frame", "n_articles", "n_present", "share"]
    assert (shares["n_present"] <= shares["n_articles"]).all()
    assert shares["share"].between(0, 1).all()
    if len(reference["frames"]):
        assert set(shares["outlet"]) == set(reference["articles"]["outlet"])
        per_outlet = reference["articles"]["outlet"].value_counts()
        for row in shares.itertuples():
            assert row.n_articles == per_outlet[row.outlet]
    with pytest.raises(ValueError, match="by must be"):
        corpus.frame_shares(reference, by="article_id")
    if len(reference["frames"]):  # a codebook the table does not hold is named, not an empty table
        with pytest.raises(ValueError, match="codebook 'nope' is not in the frames table"):
            corpus.frame_shares(reference, codebook="nope")
        held = sorted(set(reference["frames"]["codebook"]))
        assert set(corpus.frame_shares(reference, codebook=held[0])["codebook"]) == {held[0]}


def test_texts_by_rebuilds_each_outlets_articles(reference):
    texts = corpus.texts_by(reference)
    assert list(texts) == ["Harbor Herald", "Metro Daily", "Valley Ledger"]
    assert sum(len(v) for v in texts.values()) == 14
    first = reference["sentences"][reference["sentences"]["article_id"] == reference["articles"]["article_id"][0]]
    outlet = reference["articles"]["outlet"][0]
    assert " ".join(first["text"]) in texts[outlet]


def test_summaries_read_an_output_folder_too(small_corpus, reference, tmp_path):
    analyze_corpus(small_corpus, out=tmp_path / "out", chunk_size=4)
    pd.testing.assert_frame_equal(corpus.tone_table(tmp_path / "out"), corpus.tone_table(reference))
    pd.testing.assert_frame_equal(corpus.frame_shares(tmp_path / "out"), corpus.frame_shares(reference))
    with pytest.raises(ValueError, match="tables must be"):
        corpus.article_tone([1, 2, 3])


def test_corpus_plots(reference):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from newsframe.plotting import corpus as plots

    tone = corpus.article_tone(reference)
    if tone["mean_compound"].isna().all():  # no sentiment module: draw made-up scores
        tone["mean_compound"] = [((i * 7) % 11 - 5) / 10 for i in range(len(tone))]
    ax = plots.plot_tone_by_group(tone, seed=1)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Harbor Herald", "Metro Daily", "Valley Ledger"]
    again = plots.plot_tone_by_group(tone, seed=1)
    assert (ax.collections[0].get_offsets() == again.collections[0].get_offsets()).all()  # seeded jitter
    lo, hi = ax.get_xlim()
    assert lo == -hi  # diverging scale centred on 0
    by_month = tone.assign(period=tone["published"].dt.to_period("M").dt.start_time)
    ax = plots.plot_tone_over_time(by_month.groupby(["outlet", "period"], as_index=False)["mean_compound"].mean())
    assert len(ax.get_legend().get_texts()) == 3
    lo, hi = ax.get_ylim()
    assert lo == -hi
    ax = plots.plot_frame_shares(corpus.frame_shares(reference))
    assert ax.get_title(loc="left") == "Frames by outlet"
    empty = plots.plot_frame_shares(corpus.frame_shares(reference).iloc[0:0])
    assert any(t.get_text() == "no data" for t in empty.texts)
    with pytest.raises(TypeError):
        plots.plot_tone_by_group([1, 2])
    with pytest.raises(ValueError, match="mean_compound"):
        plots.plot_tone_by_group(pd.DataFrame({"outlet": ["a"]}))
    keyness = pd.DataFrame({"term": [f"t{i}" for i in range(30)], "score": range(-15, 15)})
    ax = plots.plot_keyness(keyness, top_n=5, labels=("A", "B"))
    assert len(ax.get_yticklabels()) == 10
    with pytest.raises(ValueError, match="top_n"):
        plots.plot_keyness(keyness, top_n=0)
    plt.close("all")


def test_batches_are_submitted_while_the_chunk_is_read(tmp_path, monkeypatch):
    """Workers get their first batch before the rest of the chunk is read (no idle start)."""
    folder = demo_corpus(tmp_path / "c", 12, seed=3, jsonl_share=0)
    pulled = {"n": 0}
    at_submit: list[int] = []
    real_items, real_submit = corpus._source_items, corpus._Serial.submit

    def counting_items(source, text_column):
        for item in real_items(source, text_column):
            pulled["n"] += 1
            yield item

    def recording_submit(self, batch, analyses):
        at_submit.append(pulled["n"])
        return real_submit(self, batch, analyses)

    monkeypatch.setattr(corpus, "_source_items", counting_items)
    monkeypatch.setattr(corpus._Serial, "submit", recording_submit)
    res = analyze_corpus(folder, chunk_size=6, analyses=(), n_jobs=1)
    assert len(at_submit) == res.n_articles  # one article per batch in a single process
    assert at_submit == sorted(at_submit) and at_submit[0] < 6  # submitted as read, not per chunk


@pytest.mark.parametrize("chunk_size, workers, expected", [(500, 1, 63), (500, 2, 63), (500, 4, 63), (500, 8, 32),
                                                           (500, 64, 4), (10_000, 2, 64), (3, 4, 1)])
def test_batch_size(chunk_size, workers, expected):
    assert corpus._batch_size(chunk_size, workers) == expected
    assert corpus._batch_size(chunk_size, workers, in_process=True) == 1  # progress per article
