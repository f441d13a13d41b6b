"""Corpus scale: throughput of the full pipeline vs the field's single tools, scaling, memory.

Data: the 500 English news stories of 500N-KPCrowd (``kpcrowd/docsutf8/``, Marujo et
al. 2012) in the shared benchmark folder; 50 of them hold only a title and are recorded
as bad articles (the ``errors`` table), as a real corpus run would. Larger corpora
(1,000 / 10,000 / 100,000 documents) repeat the 500 files (as symbolic links under new
names) — **repetition is only for throughput and memory, never for quality figures**.

Measured in one run, on the same documents, one core each unless said otherwise:

* words/s of the full pipeline — ``analyze_corpus(folder, out=…, n_jobs=1)``: ingest
  (read, decode, page-chrome removal), sentences, sentiment, frames, quotes, actors,
  default keywords, and Parquet writing — and of the analysis alone
  (``article_rows`` over articles already in memory);
* words/s of single tools: VADER alone (``SentimentIntensityAnalyzer.polarity_scores``
  per sentence), YAKE alone (``yake.KeywordExtractor()`` defaults, n = 3, per document),
  NLTK word tokenisation alone (``TreebankWordTokenizer().tokenize`` per document);
  the ratio of the pipeline to VADER-alone;
* how VADER alone and the analysis alone slow down when the other core runs a pure-Python
  loop or a loop of random memory updates (the ratio holds only if both slow alike);
* scaling from 1 to 2 workers on 10,000 documents, local processes (``n_jobs``; 1 = in-process) and a Dask
  ``LocalCluster`` (1 vs 2 single-threaded worker processes), beside the machine's own
  ceiling measured in the same run (a pure-Python loop in 2 processes vs 1 — on a shared
  machine, other jobs can take a core) and the workload's own: two in-process runs on half
  the documents each, started together, in every local round; with 1 worker, the in-process
  run's CPU time beside the Dask worker's time inside its tasks (Dask's task stream);
* peak memory (RSS) of a whole run in a fresh process at 1,000 / 10,000 / 100,000
  documents: the main process (its own high-water mark, ``VmHWM``) and the whole process tree
  (psutil, sampled).

Caches: those keyed by a sentence, a line or an article hold at most one long article's
worth (1,024 sentences, 128 articles) — far less than one 500-document cycle — so a
repeated document is analysed afresh, never served from a cache; those keyed by a word
type (stems, lemmas, word frequencies) are warm after the first pass, as on a real
corpus after its first thousands of articles. (Until 2026-11-25 the VADER sentence
cache held 8,192 sentences, which the 8,029 distinct sentences of these documents
fit into: throughput figures from before then were inflated by it.)

Words are white-space separated words of the story text (``Article.n_words``). Words/s on
one core are per CPU second of the process (the wall clock of a shared virtual machine
also counts the time other tenants hold the core); scaling and memory runs use the wall
clock, as a user waits for them. Each
throughput figure is the best of ``--repeat`` rounds. The machine is shared, so what is
compared is timed in alternation: every round times each single tool, the analysis and
the full pipeline run one after the other, and every scaling round 1 worker then 2, so
that a change of load falls on both sides of a ratio. The ratio to VADER is also given
within each round (and their median): the ratio of the bests can pair one tool's fast
round with another's slow one.

Usage::

    python benchmarks/bench_corpus.py                 # full run (100,000 documents take long)
    python benchmarks/bench_corpus.py --quick         # small sizes, to check it works
    python benchmarks/bench_corpus.py --sizes 1000 10000 --scaling-docs 2000   # shorter
    python benchmarks/bench_corpus.py --profile 25    # also print a profile's top entries (pyinstrument)

Results are printed as a table and written to ``benchmarks/results/corpus.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import Any, Callable

BENCH = Path(os.environ.get("NEWSFRAME_BENCHDATA", Path(__file__).resolve().parents[2] / "shared" / "benchdata"))
DOCS = BENCH / "kpcrowd" / "docsutf8"
RESULTS = Path(__file__).resolve().parent / "results" / "corpus.json"
TARGETS = {"pipeline_words_per_s_per_core": 100_000, "scaling_2_workers": 1.8, "memory_100k_over_10k": 1.10}


# --------------------------------------------------------------------------- data

def load_docs() -> tuple[list[Path], list[Any]]:
    """The 500 document paths and the articles that ingest keeps (the title-only ones are bad)."""
    from newsframe.errors import IngestError
    from newsframe.ingest import load_article

    files = sorted(DOCS.glob("*.txt"))
    articles = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for f in files:
            try:
                articles.append(load_article(f))
            except IngestError:
                pass
    return files, articles


def repeated_folder(files: list[Path], n: int, root: Path) -> Path:
    """A folder of ``n`` documents: the 500 files repeated as symbolic links under new names."""
    folder = root / f"docs-{n}"
    if folder.is_dir() and sum(1 for _ in folder.iterdir()) == n:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(n):
        src = files[i % len(files)]
        os.symlink(src, folder / f"r{i // len(files):04d}-{src.name}")
    return folder


# --------------------------------------------------------------------------- timing

def timed(fn: Callable[[], Any], clock: Callable[[], float] = time.perf_counter) -> float:
    """Seconds one call of ``fn`` takes on ``clock`` (wall clock unless told)."""
    t0 = clock()
    fn()
    return clock() - t0


def single_tools(articles: list[Any]) -> dict[str, tuple[Callable[[], Any], int]]:
    """Name: (one pass over ``articles``, words) for each single tool and the analysis alone, warmed up."""
    import yake
    from nltk.tokenize import TreebankWordTokenizer
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from newsframe.corpus import article_rows
    from newsframe.text import split_sentences

    words = sum(a.n_words for a in articles)
    texts = [a.text for a in articles]
    sentences = [s.text for a in articles for s in split_sentences(a.text)]
    vader = SentimentIntensityAnalyzer()
    extractor = yake.KeywordExtractor()
    treebank = TreebankWordTokenizer()
    for a in articles[:20]:  # warm up lazy loading (lexicons, codebooks, gazetteer)
        article_rows(a)
    return {
        "vader": (lambda: [vader.polarity_scores(s) for s in sentences], words),
        "nltk_treebank_tokenize": (lambda: [treebank.tokenize(t) for t in texts], words),
        "yake": (lambda: [extractor.extract_keywords(t) for t in texts], words),
        "pipeline_analysis_only": (lambda: [article_rows(a) for a in articles], words),
    }


def measure_tools(tools: dict[str, tuple[Callable[[], Any], int]], repeat: int,
                  extra: dict[str, tuple[Callable[[], Any], int]] | None = None) -> dict[str, dict[str, Any]]:
    """Words per CPU second of each of ``tools`` (:func:`single_tools`) and of ``extra``
    in-process runs (name: (run, words)).

    CPU time of this process, not wall time: "per core" is per CPU second, and on a shared
    virtual machine the wall clock also counts the time other tenants hold the core.
    All are timed in every round, one after the other, and each keeps its best round;
    ``rounds`` keeps every round's seconds, so that a ratio can also be taken within a round
    (:func:`round_ratios`).
    """
    tools = {**tools, **(extra or {})}
    times: dict[str, list[float]] = {name: [] for name in tools}
    for _ in range(repeat):
        for name, (fn, _) in tools.items():
            times[name].append(timed(fn, time.process_time))
    return {name: {"seconds": min(times[name]), "words": n, "words_per_s": n / min(times[name]),
                   "rounds": times[name]}
            for name, (_, n) in tools.items()}


def round_ratios(throughput: dict[str, dict[str, Any]], name: str, reference: str = "vader") -> list[float]:
    """Words/s of ``name`` over words/s of ``reference`` in each round: the two were timed minutes apart
    at most, so a change of the machine's speed between rounds falls on both (the ratio of the bests
    can pair a fast round of one with a slow round of the other)."""
    a, b = throughput.get(name, {}), throughput.get(reference, {})
    if "rounds" not in a or "rounds" not in b:
        return []
    return [(a["words"] / ta) / (b["words"] / tb) for ta, tb in zip(a["rounds"], b["rounds"])]


def corpus_run(folder: Path, tmp: Path, *, n_jobs: int = 1, scheduler: Any = None,
               chunk_size: int = 500) -> Callable[[], Any]:
    """A whole ``analyze_corpus`` run of ``folder`` into a fresh Parquet folder, as a callable."""
    from newsframe.corpus import analyze_corpus

    def run() -> Any:
        out = tmp / f"out-{folder.name}-{n_jobs}-{id(scheduler)}"
        shutil.rmtree(out, ignore_errors=True)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return analyze_corpus(folder, out=out, n_jobs=n_jobs, scheduler=scheduler, chunk_size=chunk_size)
        finally:
            shutil.rmtree(out, ignore_errors=True)

    return run


def corpus_words(articles: list[Any], files: list[Path], n: int) -> int:
    """Words in the first ``n`` documents of the repeated folder (bad documents have none)."""
    per_file = {Path(a.source).name: a.n_words for a in articles}
    return sum(per_file.get(files[i % len(files)].name, 0) for i in range(n))


def _spin(n: int) -> float:
    t0 = time.perf_counter()
    s = 0
    for i in range(n):
        s += i * i % 7
    return time.perf_counter() - t0


def machine_ceiling(n: int = 3_000_000) -> float:
    """How much faster 2 processes run than 1 *right now* (a pure-Python loop; 2.0 on 2 idle cores).

    The machine is shared: when other jobs occupy a core, no program can scale, so the
    scaling figures are reported beside this ceiling measured in the same run.
    """
    import multiprocessing as mp

    one = min(_spin(n) for _ in range(2))
    with mp.get_context("fork").Pool(2) as pool:
        two = max(pool.map(_spin, [n, n]))
    return 2 * one / two


def _busy_loop(stop: Any) -> None:
    """A neighbour that holds no data: a pure-Python loop."""
    while not stop.is_set():
        _spin(200_000)


def _memory_loop(stop: Any) -> None:
    """A neighbour that works through memory: random updates over a 64 MB array."""
    import numpy as np

    a = np.zeros(8 * 1024 * 1024)
    where = np.random.default_rng(0).integers(0, a.size, 1_000_000)
    while not stop.is_set():
        a[where] += 1.0


def measure_neighbours(tools: dict[str, tuple[Callable[[], Any], int]], repeat: int) -> dict[str, Any]:
    """CPU seconds of VADER alone and of the analysis alone while the other core is idle,
    runs a pure-Python loop, or runs a loop of random memory updates.

    The ratio to VADER compares two programs on one machine; this shows whether they
    feel what else runs on it alike (other tenants of a shared machine, or a second
    worker). Each round times the three set-ups in turn, each figure is the best of its
    rounds, and ``slowdown`` is the time over that with the other core idle.
    """
    import multiprocessing as mp

    timed_tools = {name: tools[name][0] for name in ("vader", "pipeline_analysis_only")}
    neighbours: dict[str, Callable[[Any], None] | None] = {"idle": None, "busy_loop": _busy_loop,
                                                          "memory_loop": _memory_loop}
    ctx = mp.get_context("fork")
    best = {n: {t: float("inf") for t in timed_tools} for n in neighbours}
    for _ in range(repeat):
        for name, loop in neighbours.items():
            stop, proc = ctx.Event(), None
            if loop is not None:
                proc = ctx.Process(target=loop, args=(stop,))
                proc.start()
                time.sleep(0.5)  # let it start (the array is allocated and touched)
            try:
                for tool, fn in timed_tools.items():
                    best[name][tool] = min(best[name][tool], timed(fn, time.process_time))
            finally:
                if proc is not None:
                    stop.set()
                    proc.join()
    return {"cpu_s": best, "slowdown": {n: {t: best[n][t] / best["idle"][t] for t in timed_tools}
                                        for n in neighbours if n != "idle"}}


def split_folder(folder: Path, parts: int, root: Path) -> list[Path]:
    """``folder``'s documents dealt into ``parts`` folders in turn (symbolic links to the same files)."""
    out = []
    names = sorted(p.name for p in folder.iterdir())
    for k in range(parts):
        part = root / f"{folder.name}-part{k}of{parts}"
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
        for name in names[k::parts]:
            os.symlink(os.readlink(folder / name), part / name)
        out.append(part)
    return out


def independent_runs(parts: list[Path], tmp: Path) -> float:
    """Wall seconds of one in-process run (:func:`corpus_run`) per part, all started together
    in forked processes.

    No batches, no pickling, no main process: what this workload can reach on this
    machine right now when it is split with no coordination at all.
    """
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=corpus_run(part, tmp)) for part in parts]
    t0 = time.perf_counter()
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    seconds = time.perf_counter() - t0
    if any(proc.exitcode for proc in procs):
        raise RuntimeError("an independent in-process run failed")
    return seconds


def measure_scaling(folder: Path, words: int, tmp: Path, repeat: int) -> dict[str, Any]:
    """1 vs 2 workers, locally and on a Dask ``LocalCluster``, the two timed in alternation.

    Each round runs local 1 worker, then 2, then Dask 1 worker, then 2; each figure is
    the best of its rounds, and the speed-up is the ratio of the bests. Alternating keeps
    a change of load on the shared machine from falling on one side only (until session
    15 every local round ran before every Dask round, so a machine that slowed during
    the run slowed Dask alone). A fresh ``LocalCluster`` is started for every
    Dask round, so an idle cluster never competes with a busy one; it runs the corpus once
    untimed first, so that its workers' caches of word types are as warm as those of the
    local workers, which fork from this (warm) process.

    Each local round also times two in-process runs on half the documents each, started
    together (:func:`independent_runs`): the speed-up this workload itself reaches on
    the machine at that moment, a closer reference than the pure-Python loop.

    With 1 worker, the in-process run's CPU time and the Dask worker's time inside its
    tasks (from the task stream) are kept per round: they tell whether a slower Dask run
    lost its time in the worker's analysis or around it (scheduling, shipping).
    """
    from distributed import Client, LocalCluster, get_task_stream

    compute: dict[str, list[float]] = {"local": [], "dask": [], "dask_cpu": []}  # 1 worker: seconds spent analysing

    def dask_run(n: int) -> float:
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=50) as cluster, Client(cluster) as client:
            run = corpus_run(folder, tmp, scheduler=client)
            run()
            cpu = client.run(time.process_time)  # each worker process's CPU seconds so far
            with get_task_stream(client) as stream:
                seconds = timed(run)
            if n == 1:  # the worker's time inside the tasks, as its scheduler recorded it, and its CPU time
                compute["dask"].append(sum(ss["stop"] - ss["start"] for task in stream.data
                                           for ss in task["startstops"] if ss["action"] == "compute"))
                compute["dask_cpu"].append(sum(client.run(time.process_time).values()) - sum(cpu.values()))
            return seconds

    def local_run(n: int) -> float:
        if n > 1:
            return timed(corpus_run(folder, tmp, n_jobs=n))
        cpu = time.process_time()
        seconds = timed(corpus_run(folder, tmp, n_jobs=1))  # in this process: its CPU time is the run's
        compute["local"].append(time.process_time() - cpu)
        return seconds

    runs: dict[str, Callable[[int], float]] = {"local": local_run, "dask": dask_run}
    out: dict[str, Any] = {"documents": int(sum(1 for _ in folder.iterdir()))}
    parts = split_folder(folder, 2, tmp)
    ceilings = [machine_ceiling()]
    independent: list[float] = []
    by_kind: dict[str, list[dict[int, float]]] = {kind: [] for kind in runs}
    for _ in range(repeat):
        for kind, run in runs.items():
            by_kind[kind].append({n: run(n) for n in (1, 2)})
            if kind == "local":
                independent.append(independent_runs(parts, tmp))
    for kind, rounds in by_kind.items():
        best = {n: min(r[n] for r in rounds) for n in (1, 2)}
        out[kind] = {str(n): {"seconds": best[n], "words": words, "words_per_s": words / best[n]} for n in (1, 2)}
        out[kind]["speedup"] = best[1] / best[2]
        out[kind]["rounds"] = [{"1": r[1], "2": r[2], "speedup": r[1] / r[2]} for r in rounds]
    ceilings.append(machine_ceiling())
    out["one_worker_compute"] = {
        "in_process_cpu_s": compute["local"], "dask_worker_compute_s": compute["dask"],
        "dask_worker_cpu_s": compute["dask_cpu"],
        "note": "1 worker, per round: the in-process run's CPU time (reading, analysing and writing); the "
                "Dask worker's time inside its tasks (reading and analysing; the main process writes "
                "meanwhile), from the task stream, a wall-clock time; and the worker process's CPU time over "
                "the run (its tasks and its event loop, monitors and pickling), which compares with the "
                "in-process CPU time. Where the Dask worker's time exceeds the whole in-process run's, its "
                "analysis itself ran slower, not the shipping of batches or rows"}
    one = [r["1"] for r in out["local"]["rounds"]]
    out["independent_halves"] = {
        "seconds": min(independent), "words": words, "words_per_s": words / min(independent),
        "speedup": min(one) / min(independent),
        "rounds": [{"1": a, "2": b, "speedup": a / b} for a, b in zip(one, independent)],
        "note": "two in-process runs on half the documents each, started together, against the local 1-worker "
                "run of the same round: the workload's own ceiling on this machine (no batches, no main process)"}
    for part in parts:
        shutil.rmtree(part, ignore_errors=True)
    out["machine_ceiling"] = {"before": ceilings[0], "after": ceilings[1],
                              "note": "2 processes vs 1 of a pure-Python loop, measured before and after"}
    return out


# --------------------------------------------------------------------------- memory

def _own_peak_rss_mb() -> float:
    """This process's peak RSS in MB: the high-water mark of its own address space
    (``VmHWM``). ``ru_maxrss`` would not do for the main process: after fork + exec it
    keeps the peak of the process that started it, here the benchmark's own."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: the best there is


def _memory_child(folder: str, out: str, n_jobs: int, chunk_size: int) -> None:
    """Run in a fresh process: one corpus run; print its time and peak RSS as JSON."""
    import resource

    from newsframe.corpus import analyze_corpus

    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    res = analyze_corpus(folder, out=out, n_jobs=n_jobs, chunk_size=chunk_size)
    seconds = time.perf_counter() - t0
    print(json.dumps({
        "seconds": seconds, "articles": res.n_articles, "errors": res.n_errors, "chunks": res.n_chunks,
        "main_peak_rss_mb": _own_peak_rss_mb(),
        "children_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def measure_memory(folder: Path, words: int, tmp: Path, n_jobs: int, chunk_size: int) -> dict[str, Any]:
    import psutil

    out = tmp / f"mem-out-{folder.name}"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_memory-child", str(folder), str(out), str(n_jobs),
           str(chunk_size)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = {"tree_mb": 0.0, "main_mb": 0.0, "worker_mb": 0.0}
    stop = threading.Event()

    def sample() -> None:
        try:
            parent = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not stop.is_set():
            try:
                main = parent.memory_info().rss
                workers = [p.memory_info().rss for p in parent.children(recursive=True) if p.is_running()]
                peak["tree_mb"] = max(peak["tree_mb"], (main + sum(workers)) / 2**20)
                peak["main_mb"] = max(peak["main_mb"], main / 2**20)
                peak["worker_mb"] = max(peak["worker_mb"], max(workers, default=0) / 2**20)
            except psutil.Error:
                pass
            stop.wait(0.25)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    stdout, _ = proc.communicate()
    stop.set()
    watcher.join()
    shutil.rmtree(out, ignore_errors=True)
    if proc.returncode != 0:
        raise RuntimeError(f"memory run on {folder} failed with status {proc.returncode}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result.update({"documents": int(folder.name.split("-")[1]), "words": words,
                   "words_per_s": words / result["seconds"], "tree_peak_rss_mb": peak["tree_mb"],
                   "main_sampled_peak_rss_mb": peak["main_mb"], "worker_peak_rss_mb": peak["worker_mb"],
                   "n_jobs": n_jobs, "chunk_size": chunk_size})
    return result


# --------------------------------------------------------------------------- profile

def stage_times(articles: list[Any], repeat: int) -> dict[str, Any]:
    """CPU seconds of each stage of the analysis, in pipeline order (best of ``repeat`` passes).

    From ``article_rows(…, timings=…)``: each module's ``record_fields`` as the pipeline
    calls it (so a result one module caches for the next — actor mentions — is charged
    to the first), sentence splitting, and the conversion of records to table rows.
    """
    from newsframe import corpus

    best: dict[str, float] = {}
    best_total = float("inf")
    for _ in range(repeat):
        spent: dict[str, float] = {}
        t0 = time.process_time()
        for a in articles:
            corpus.article_rows(a, timings=spent)
        total = time.process_time() - t0
        if total < best_total:
            best_total, best = total, spent
    words = sum(a.n_words for a in articles)
    stages = [{"stage": k, "cpu_s": v, "share": v / best_total, "us_per_word": 1e6 * v / words}
              for k, v in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"total_cpu_s": best_total, "words_per_cpu_s": words / best_total, "stages": stages}


def profile(articles: list[Any], top: int) -> list[dict[str, Any]]:
    """Sampling profile (pyinstrument) of the analysis: the ``top`` functions by own time.

    Falls back to cProfile when pyinstrument is not installed.
    """
    from newsframe.corpus import article_rows

    try:
        from pyinstrument import Profiler
    except ImportError:
        Profiler = None  # type: ignore[assignment,misc]
    if Profiler is not None:
        prof = Profiler(interval=0.0005)
        prof.start()
        for a in articles:
            article_rows(a)
        prof.stop()
        from pyinstrument.renderers import ConsoleRenderer

        text = prof.output(ConsoleRenderer(flat=True, time="seconds", unicode=False, color=False))
        rows: list[dict[str, Any]] = []
        for line in text.splitlines():
            m = re.match(r"^\s*([\d.]+)\s+(\S.*?)\s{2,}(\S+)\s*$", line)
            if m and not m.group(2).startswith("[self]"):
                rows.append({"by": "own time (pyinstrument)", "function": f"{m.group(2)}  {m.group(3)}",
                             "own_s": float(m.group(1))})
        total = sum(r["own_s"] for r in rows)
        for r in rows:
            r["own_share"] = r["own_s"] / total if total else 0.0
        return rows[:top]
    cprof = cProfile.Profile()
    cprof.enable()
    for a in articles:
        article_rows(a)
    cprof.disable()
    stats = pstats.Stats(cprof, stream=io.StringIO())
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    rows = []
    for (file, line, func), (cc, nc, tt, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"by": "own time (cProfile)", "function": f"{_short(file)}:{line}({func})", "calls": nc,
                     "own_s": tt, "own_share": tt / total if total else float("nan")})
    rows.sort(key=lambda r: (-r["own_s"], r["function"]))
    return rows[:top]


def _short(file: str) -> str:
    for marker in ("site-packages/", "src/", "lib/python"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


# --------------------------------------------------------------------------- report

def _fmt(x: float) -> str:
    return f"{x:,.0f}"


def print_table(res: dict[str, Any]) -> None:
    tools = res["throughput"]
    vader = tools["vader"]["words_per_s"]
    print(f"\nThroughput, words/s on one core ({res['data']['articles']} articles, {res['data']['words']:,} words; "
          "best of rounds)")
    print(f"  {'what':<44}{'words/s':>12}{'× VADER':>10}")
    order = ["full_pipeline_corpus_run", "pipeline_analysis_only", "vader", "nltk_treebank_tokenize", "yake"]
    labels = {
        "full_pipeline_corpus_run": "full pipeline (ingest…keywords, Parquet)",
        "pipeline_analysis_only": "pipeline, analysis only (article_rows)",
        "vader": "VADER alone (per sentence)",
        "nltk_treebank_tokenize": "NLTK TreebankWordTokenizer alone",
        "yake": "YAKE alone (defaults, n=3)",
    }
    for key in order:
        if key in tools:
            wps = tools[key]["words_per_s"]
            print(f"  {labels[key]:<44}{_fmt(wps):>12}{wps / vader:>10.2f}"
                  + (_per_round(round_ratios(tools, key)) if key != "vader" else ""))
    if "scaling" in res:
        sc = res["scaling"]
        mc = sc["machine_ceiling"]
        print(f"\nScaling 1 → 2 workers ({sc['documents']:,} documents; the machine itself scaled "
              f"{mc['before']:.2f}× before and {mc['after']:.2f}× after: a pure-Python loop, 2 processes vs 1)")
        for kind in ("local", "dask"):
            one, two = sc[kind]["1"], sc[kind]["2"]
            print(f"  {kind:<8} 1: {_fmt(one['words_per_s']):>9} words/s   2: {_fmt(two['words_per_s']):>9} words/s"
                  f"   speed-up {sc[kind]['speedup']:.2f}×")
        oc = sc.get("one_worker_compute")
        if oc and oc["dask_worker_compute_s"]:
            print("  1 worker, per round: in-process run CPU s "
                  + ", ".join(f"{x:.1f}" for x in oc["in_process_cpu_s"])
                  + "; Dask worker's time in its tasks "
                  + ", ".join(f"{x:.1f}" for x in oc["dask_worker_compute_s"])
                  + ("; its process's CPU s " + ", ".join(f"{x:.1f}" for x in oc["dask_worker_cpu_s"])
                     if oc.get("dask_worker_cpu_s") else ""))
        ind = sc.get("independent_halves")
        if ind:
            print(f"  two independent in-process halves: {_fmt(ind['words_per_s']):>9} words/s   speed-up "
                  f"{ind['speedup']:.2f}× (the workload's own ceiling here)")
    if res.get("neighbours"):
        nb = res["neighbours"]["slowdown"]
        print("\nWhat the other core does: CPU time with it busy over CPU time with it idle")
        for name, label in (("busy_loop", "a pure-Python loop"), ("memory_loop", "random updates over 64 MB")):
            print(f"  {label:<28} VADER alone {nb[name]['vader']:.2f}×   analysis {nb[name]['pipeline_analysis_only']:.2f}×")
    if res.get("memory"):
        print("\nPeak memory of a whole run (fresh process)")
        print(f"  {'documents':>10}{'main MB':>9}{'a worker MB':>13}{'tree MB':>9}{'words/s':>11}{'seconds':>10}")
        for m in res["memory"]:
            print(f"  {m['documents']:>10,}{m['main_peak_rss_mb']:>9.0f}{m.get('worker_peak_rss_mb', 0):>13.0f}"
                  f"{m['tree_peak_rss_mb']:>9.0f}{_fmt(m['words_per_s']):>11}{m['seconds']:>10.0f}")
        print("  (peak RSS; main = the main process's own high-water mark (VmHWM), a worker = the largest worker process,\n"
              "   tree = main + workers sampled every 0.25 s, shared copy-on-write pages counted in each)")
    if res.get("targets"):
        print("\nTargets")
        for k, v in res["targets"].items():
            print(f"  {k}: {v}")
    if res.get("stages"):
        st = res["stages"]
        print(f"\nWhere the analysis spends its time (CPU s over the {res['data']['articles']} articles, "
              f"{_fmt(st['words_per_cpu_s'])} words per CPU second)")
        for r in st["stages"]:
            print(f"  {r['stage']:<12}{r['cpu_s']:>7.3f}s {r['share']:>6.1%} {r['us_per_word']:>6.2f} µs/word")
    if res.get("profile"):
        print(f"\nProfile ({res['profile'][0]['by']}, top functions of the analysis)")
        for r in res["profile"]:
            print(f"  {r['own_share']:>6.1%} {r['own_s']:>7.3f}s  {r['function']}")


def _per_round(ratios: list[float]) -> str:
    if len(ratios) < 2:
        return ""
    return f" (within rounds: median {statistics.median(ratios):.2f}; {', '.join(f'{r:.2f}' for r in ratios)})"


def targets(res: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    full = res["throughput"].get("full_pipeline_corpus_run")
    if full:
        out["pipeline ≥ 100,000 words/s per core"] = (
            f"{full['words_per_s']:,.0f} ({'met' if full['words_per_s'] >= 100_000 else 'NOT met'}); "
            f"ratio to VADER-alone {full['words_per_s'] / res['throughput']['vader']['words_per_s']:.2f}"
            + _per_round(round_ratios(res["throughput"], "full_pipeline_corpus_run")))
    if "scaling" in res:
        for kind in ("local", "dask"):
            s = res["scaling"][kind]["speedup"]
            ceiling = min(res["scaling"]["machine_ceiling"]["before"], res["scaling"]["machine_ceiling"]["after"])
            workload = res["scaling"].get("independent_halves", {}).get("speedup")
            out[f"2 workers ≥ 1.8× one ({kind})"] = (
                f"{s:.2f}× ({'met' if s >= 1.8 else 'NOT met'}; machine ceiling {ceiling:.2f}×"
                + (f", two independent in-process halves {workload:.2f}×" if workload else "") + ")")
    mem = {m["documents"]: m for m in res.get("memory", [])}
    if 10_000 in mem and 100_000 in mem:
        for key, label in (("main_peak_rss_mb", "main process"), ("worker_peak_rss_mb", "largest worker"),
                           ("tree_peak_rss_mb", "process tree")):
            ratio = mem[100_000][key] / mem[10_000][key]
            out[f"peak memory 100k within 10% of 10k ({label})"] = f"{ratio:.3f} ({'met' if ratio <= 1.10 else 'NOT met'})"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: check that the benchmark works")
    parser.add_argument("--sizes", type=int, nargs="*", default=None,
                        help="document counts for the memory runs (default 1000 10000 100000; quick: 1000)")
    parser.add_argument("--scaling-docs", type=int, default=None, help="documents for the scaling runs (default 10000)")
    parser.add_argument("--repeat", type=int, default=None, help="rounds per throughput figure (default 3; quick: 1)")
    parser.add_argument("--memory-jobs", type=int, default=2, help="worker processes in the memory runs (default 2)")
    parser.add_argument("--chunk-size", type=int, default=500, help="chunk size of the corpus runs")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the profile's top N entries (pyinstrument)")
    parser.add_argument("--no-scaling", action="store_true")
    parser.add_argument("--no-neighbours", action="store_true",
                        help="skip timing VADER and the analysis with the other core busy")
    parser.add_argument("--tmp", type=Path, default=None, help="scratch folder (default a temporary one)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results file")
    parser.add_argument("--_memory-child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._memory_child:
        folder, out, n_jobs, chunk = args._memory_child
        _memory_child(folder, out, int(n_jobs), int(chunk))
        return 0
    if not DOCS.is_dir():
        print(f"benchmark data not found: {DOCS}\nset NEWSFRAME_BENCHDATA to the shared benchdata folder",
              file=sys.stderr)
        return 1
    sizes = args.sizes if args.sizes is not None else ([1000] if args.quick else [1000, 10_000, 100_000])
    # 10,000 documents, the smaller corpus: a run of half a minute, in which starting the workers
    # and writing the last chunk after the analysis (about 0.2 s, fixed) weigh 1 %, not 5 % as at 2,000
    scaling_docs = args.scaling_docs or (500 if args.quick else 10_000)
    repeat = args.repeat or (1 if args.quick else 3)

    import newsframe
    import nltk
    import vaderSentiment  # noqa: F401
    import yake  # noqa: F401
    from importlib.metadata import version

    tmp_ctx = tempfile.TemporaryDirectory(prefix="bench-corpus-") if args.tmp is None else None
    tmp = Path(tmp_ctx.name) if tmp_ctx else args.tmp
    tmp.mkdir(parents=True, exist_ok=True)
    files, articles = load_docs()
    words500 = sum(a.n_words for a in articles)
    res: dict[str, Any] = {
        "benchmark": "corpus",
        "data": {"source": "500N-KPCrowd v1.1 docsutf8 (Marujo et al. 2012)", "documents": len(files),
                 "articles": len(articles), "bad_documents": len(files) - len(articles), "words": words500,
                 "note": "larger corpora repeat the 500 documents; repetition is only for throughput and memory"},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "loadavg_start": list(os.getloadavg()),
                    "note": "shared machine: other jobs ran at the same time; figures are best of rounds"},
        "versions": {"newsframe": newsframe.__version__, "vaderSentiment": version("vaderSentiment"),
                     "yake": version("yake"), "nltk": nltk.__version__, "dask": version("dask"),
                     "distributed": version("distributed"), "pyarrow": version("pyarrow")},
        "analyses": _installed_analyses(),
    }
    print(f"data: {len(files)} documents, {len(articles)} with a story, {words500:,} words; analyses: "
          f"{', '.join(res['analyses']) or '(none installed)'}", flush=True)

    n_full = 1000
    folder = repeated_folder(files, n_full, tmp)
    words_full = corpus_words(articles, files, n_full)
    full_run = corpus_run(folder, tmp, n_jobs=1, chunk_size=args.chunk_size)
    check = full_run()
    print(f"measuring single tools, the analysis and the full pipeline on {n_full} documents, "
          f"interleaved ({repeat} round(s))…", flush=True)
    tools = single_tools(articles)
    res["throughput"] = measure_tools(tools, repeat, {"full_pipeline_corpus_run": (full_run, words_full)})
    res["throughput"]["full_pipeline_corpus_run"].update(
        documents=n_full, articles=check.n_articles, errors=check.n_errors)
    if not args.no_neighbours:
        print("measuring VADER and the analysis with the other core idle or busy…", flush=True)
        res["neighbours"] = measure_neighbours(tools, repeat)
    if not args.no_scaling:
        print(f"measuring scaling on {scaling_docs} documents…", flush=True)
        folder = repeated_folder(files, scaling_docs, tmp)
        res["scaling"] = measure_scaling(folder, corpus_words(articles, files, scaling_docs), tmp, repeat)
    res["memory"] = []
    for n in sizes:
        print(f"measuring peak memory on {n:,} documents (n_jobs={args.memory_jobs})…", flush=True)
        folder = repeated_folder(files, n, tmp)
        res["memory"].append(measure_memory(folder, corpus_words(articles, files, n), tmp, args.memory_jobs,
                                            args.chunk_size))
        shutil.rmtree(folder, ignore_errors=True)
    res["stages"] = stage_times(articles, repeat)
    if args.profile:
        res["profile"] = profile(articles, args.profile)
    res["machine"]["loadavg_end"] = list(os.getloadavg())
    res["targets"] = targets(res)
    print_table(res)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp_json = args.output.with_name(f".{args.output.name}.tmp")
    tmp_json.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp_json, args.output)
    print(f"\nwrote {args.output}")
    if tmp_ctx:
        tmp_ctx.cleanup()
    return 0


def _installed_analyses() -> list[str]:
    from newsframe.pipeline import ANALYSES, _analysis_module

    return [name for name in ANALYSES if getattr(_analysis_module(name), "record_fields", None)]


if __name__ == "__main__":
    sys.exit(main())
