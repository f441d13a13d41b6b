"""Keyphrase extraction on 500N-KPCrowd: every method of newsframe.keywords in one run.

Protocol (../shared/benchdata/README.md, "Keyphrases (kpcrowd)"): for each document take
the method's top N phrases; lower-case, split on white space, Porter-stem every word
(NLTK's PorterStemmer), re-join; drop duplicates after stemming, keeping the first.
Same for the gold phrases. A prediction is correct when it equals a gold phrase
exactly. Precision (over the de-duplicated predictions), recall and F1 per document at
N = 5 and N = 10; the macro average over all 500 documents (a document with no correct
phrase scores 0).

Each document is read as an Article: its first line is the title, the rest the body
(50 of the 500 documents hold only a title). Every method runs on one core, one
document at a time, and is timed in the same run as the others (the machine is shared,
so speeds are CPU seconds of this process, still noisy; compare methods with each other).
The first pass of each method is "cold" for the words it has not seen yet (stems and
word frequencies are cached per word type); a second pass of the default shows the
steady state on a corpus.

Also reported: F1 against the **multiword gold phrases only** (the 490 documents that have
any; a proxy for news collections whose gold is mostly phrases, such as DUC-2001, where the
annotators mostly chose noun phrases of two or three words; here one gold phrase in four has
two words or more), the two
halves of the collection by sorted file name (even / odd positions; the default was designed
on the even half), the 450 documents with a body,
the share of multiword predictions, a scikit-learn TF-IDF reproduction of the README's
reference row, ``tfidf`` against a background fitted on the 500 documents, and the default
on what ``load_article`` makes of the same files (page chrome and a news agency's credits
and copyright removed, the headline found by ingest; a document ingest rejects, the
title-only ones, keeps the input of the main rows).

Run:  .venv/bin/python benchmarks/bench_keywords.py  [--methods tfidf,yake] [--quick]
Writes benchmarks/results/keywords.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import warnings
from pathlib import Path
from typing import Any

BENCHDATA = Path(os.environ.get("NEWSFRAME_BENCHDATA", Path(__file__).resolve().parents[2] / "shared" / "benchdata"))
KPCROWD = BENCHDATA / "kpcrowd"
RESULTS = Path(__file__).resolve().parent / "results" / "keywords.json"

#: Reference points from ../shared/benchdata/README.md (measured there, and published).
REFERENCES: list[dict[str, Any]] = [
    {"method": "YAKE 0.7.3, defaults, n = 3 (README)", "f1_at_5": 4.5, "f1_at_10": 8.0},
    {"method": "RAKE (rake-nltk, scikit-learn stop words) (README)", "f1_at_5": 2.4, "f1_at_10": 4.5},
    {"method": "TextRank (networkx) (README)", "f1_at_5": 3.9, "f1_at_10": 7.3},
    {"method": "TF-IDF over the 500 documents, scikit-learn defaults, 1-3-grams (README)", "f1_at_5": 10.2, "f1_at_10": 15.3},
    {"method": "TF-IDF, n-grams not crossing stop words (README)", "f1_at_5": 10.6, "f1_at_10": 16.4},
    {"method": "published: YAKE paper (Campos et al. 2020)", "f1_at_5": None, "f1_at_10": 17.3},
]

#: Published F1@10 of pke's models on 500N-KPCrowd and on DUC-2001 (Gallina, Boudin & Daille
#: 2020, "Large-scale evaluation of keyphrase extraction models", JCDL; noun-phrase candidates
#: from a POS tagger): how a method's KPCrowd score carries over to a phrase-heavy news set.
CROSS_COLLECTION: list[dict[str, Any]] = [
    {"method": "FirstPhrases", "kpcrowd": 17.1, "duc2001": 24.6},
    {"method": "TextRank", "kpcrowd": 7.1, "duc2001": 21.5},
    {"method": "TfIdf", "kpcrowd": 16.9, "duc2001": 23.3},
    {"method": "PositionRank", "kpcrowd": 13.4, "duc2001": 28.6},
    {"method": "MultipartiteRank", "kpcrowd": 18.2, "duc2001": 25.6},
    {"method": "Kea (supervised)", "kpcrowd": 17.3, "duc2001": 26.5},
]


# --------------------------------------------------------------------------- protocol

_stem_cache: dict[str, str] = {}


def _porter(word: str) -> str:
    from nltk.stem import PorterStemmer

    s = _stem_cache.get(word)
    if s is None:
        if not _stem_cache:
            _porter.stemmer = PorterStemmer()  # type: ignore[attr-defined]
        s = _stem_cache[word] = _porter.stemmer.stem(word)  # type: ignore[attr-defined]
    return s


def normalise_phrase(phrase: str) -> str:
    """Lower-case, split on white space, Porter-stem each word, re-join with one space."""
    return " ".join(_porter(w) for w in phrase.lower().split())


def unique_stemmed(phrases: list[str]) -> list[str]:
    """Stemmed phrases without duplicates (first kept) and without empty ones."""
    seen: set[str] = set()
    out = []
    for p in phrases:
        n = normalise_phrase(p)
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def prf_at(predicted: list[str], gold: list[str], n: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of the top ``n`` predictions of one document."""
    pred = unique_stemmed(predicted[:n])
    gold_set = set(unique_stemmed(gold))
    correct = sum(p in gold_set for p in pred)
    p = correct / len(pred) if pred else 0.0
    r = correct / len(gold_set) if gold_set else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def macro(preds: list[list[str]], golds: list[list[str]], idx: list[int] | None = None) -> dict[str, float]:
    idx = list(range(len(preds))) if idx is None else idx
    out = {}
    for n in (5, 10):
        rows = [prf_at(preds[i], golds[i], n) for i in idx]
        out[f"p_at_{n}"] = 100 * sum(r[0] for r in rows) / len(rows)
        out[f"r_at_{n}"] = 100 * sum(r[1] for r in rows) / len(rows)
        out[f"f1_at_{n}"] = 100 * sum(r[2] for r in rows) / len(rows)
        p, r = out[f"p_at_{n}"], out[f"r_at_{n}"]
        # F1 of the macro-averaged P and R: the variant that reproduces the README's TF-IDF row
        out[f"f1_of_macro_pr_at_{n}"] = 2 * p * r / (p + r) if p + r else 0.0
    return out


# --------------------------------------------------------------------------- data

def load_ingested(folder: Path) -> dict[str, Any]:
    """Id: article for each file of ``folder`` that ``load_article`` keeps (page chrome and
    wire tails removed); the files ingest rejects (the title-only documents) are left out."""
    from newsframe.ingest import Article, iter_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {x.id: x for x in iter_corpus(folder, errors="skip") if isinstance(x, Article)}


def load_kpcrowd():  # type: ignore[no-untyped-def]
    from newsframe.ingest import Article

    if not (KPCROWD / "docsutf8").is_dir():
        sys.exit(
            f"KPCrowd data not found at {KPCROWD} (expected docsutf8/ and keys/).\n"
            "Set NEWSFRAME_BENCHDATA to the folder holding kpcrowd/."
        )
    ids, articles, golds, n_words = [], [], [], []
    for path in sorted((KPCROWD / "docsutf8").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        title, _, body = raw.partition("\n")
        key_path = KPCROWD / "keys" / f"{path.stem}.key"
        gold = [k.strip() for k in key_path.read_text(encoding="utf-8").splitlines() if k.strip()]
        ids.append(path.stem)
        articles.append(Article.from_text(body, id=path.stem, title=title.strip() or None))
        golds.append(gold)
        n_words.append(len(raw.split()))
    return ids, articles, golds, n_words


# --------------------------------------------------------------------------- runs

def run_method(articles, method: Any, top_n: int = 10, background=None):  # type: ignore[no-untyped-def]
    """Top ``top_n`` terms of each article by ``method`` (a name of :data:`newsframe.keywords.METHODS`), CPU seconds."""
    from newsframe.keywords import extract_keywords

    preds = []
    t0 = time.process_time()  # CPU time: the machine is shared, wall time is noisy
    for a in articles:
        preds.append([k.term for k in extract_keywords(a, method=method, top_n=top_n, background=background)])
    return preds, time.process_time() - t0


def sklearn_tfidf(articles) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The README's reference row: TfidfVectorizer defaults, 1-3-grams, English stop words."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [((a.title or "") + "\n" + a.text) for a in articles]
    vec = TfidfVectorizer(ngram_range=(1, 3), stop_words="english")
    x = vec.fit_transform(texts).tocsr()
    vocab = vec.get_feature_names_out()
    out = []
    for i in range(x.shape[0]):
        row = x.getrow(i)
        order = sorted(zip(-row.data, vocab[row.indices]))[:10]
        out.append([str(t) for _s, t in order])
    del np
    return out


def main(argv: list[str] | None = None) -> int:
    from newsframe.keywords import DEFAULT_METHOD, METHODS, fit_background

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--methods", default=",".join(m for m in METHODS if m != "default"))
    ap.add_argument("--no-write", action="store_true", help="print only; do not write the JSON")
    args = ap.parse_args(argv)
    methods = [m for m in args.methods.split(",") if m]

    ids, articles, golds, n_words = load_kpcrowd()
    n_docs = len(articles)
    total_words = sum(n_words)
    even = list(range(0, n_docs, 2))
    odd = list(range(1, n_docs, 2))
    body = [i for i, a in enumerate(articles) if a.text.strip()]

    # warm-up: load wordfreq, the stemmer caches are filled by the first timed pass of
    # each method (cold), so every method pays its own start-up cost once
    multi_golds = [[g for g in gold if len(g.split()) > 1] for gold in golds]
    with_multi = [i for i, g in enumerate(multi_golds) if g]

    def multiword(preds: list[list[str]]) -> dict[str, float]:
        m = macro(preds, multi_golds, with_multi)
        return {"f1_at_5_multiword_gold": m["f1_at_5"], "f1_at_10_multiword_gold": m["f1_at_10"]}

    rows: list[dict[str, Any]] = []
    for m in methods:
        preds, secs = run_method(articles, m)
        res = {"method": m, **macro(preds, golds), **multiword(preds)}
        res["f1_at_10_even"] = macro(preds, golds, even)["f1_at_10"]
        res["f1_at_10_odd"] = macro(preds, golds, odd)["f1_at_10"]
        res["f1_at_10_with_body"] = macro(preds, golds, body)["f1_at_10"]
        n_pred = sum(len(p) for p in preds)
        res["multiword_share"] = sum(len(t.split()) > 1 for p in preds for t in p) / n_pred if n_pred else float("nan")
        res["docs_per_second"] = n_docs / secs
        res["us_per_word"] = secs / total_words * 1e6
        rows.append(res)
        print(f"  {m:14s} F1@5 {res['f1_at_5']:5.1f}  F1@10 {res['f1_at_10']:5.1f}  {res['docs_per_second']:7.1f} docs/s", flush=True)

    # the default again, warm (caches filled): the steady-state speed on a corpus
    preds, secs = run_method(articles, DEFAULT_METHOD)
    warm: dict[str, Any] = {"docs_per_second": n_docs / secs, "us_per_word": secs / total_words * 1e6}

    # tfidf against a background fitted on the collection itself (like the README's TF-IDF)
    background = fit_background(articles)
    preds, secs = run_method(articles, "tfidf", background=background)
    fitted: dict[str, Any] = {"method": "tfidf + background fitted on the 500 documents", **macro(preds, golds),
                              **multiword(preds)}
    fitted["f1_at_10_even"] = macro(preds, golds, even)["f1_at_10"]
    fitted["f1_at_10_odd"] = macro(preds, golds, odd)["f1_at_10"]
    fitted["docs_per_second"] = n_docs / secs

    sk = sklearn_tfidf(articles)
    ref: dict[str, Any] = {"method": "scikit-learn TF-IDF, defaults, 1-3-grams (reproduction of the README row)",
                           **macro(sk, golds), **multiword(sk)}

    # the default on what a user's load_article gives for the same files (chrome and wire
    # tails removed, headline found by ingest); a document ingest rejects keeps the row above's input
    ingested = load_ingested(KPCROWD / "docsutf8")
    kept = [i for i, doc_id in enumerate(ids) if doc_id in ingested]
    preds, _ = run_method([ingested.get(doc_id, a) for doc_id, a in zip(ids, articles)], DEFAULT_METHOD)
    via_ingest: dict[str, Any] = {"method": "default on load_article's stories (rejected documents as above)", **macro(preds, golds),
                  **multiword(preds),
                  "f1_at_10_even": macro(preds, golds, even)["f1_at_10"],
                  "f1_at_10_odd": macro(preds, golds, odd)["f1_at_10"],
                  "f1_at_10_ingested": macro(preds, golds, kept)["f1_at_10"], "n_ingested": len(kept)}

    print()
    print(f"multi-gold: F1@10 against the multiword gold phrases only ({len(with_multi)} documents); "
          "share: of multiword predictions\n")
    head = (f"{'method':54s} {'F1@5':>6s} {'F1@10':>6s} {'even':>6s} {'odd':>6s} {'body':>6s} {'multi-gold':>10s} "
            f"{'share':>6s} {'docs/s':>8s} {'us/word':>8s}")
    print(head)
    print("-" * len(head))
    for r in rows:
        name = r["method"] + (" (= default)" if r["method"] == DEFAULT_METHOD else "")
        print(
            f"{name:54s} {r['f1_at_5']:6.1f} {r['f1_at_10']:6.1f} {r['f1_at_10_even']:6.1f} {r['f1_at_10_odd']:6.1f} "
            f"{r['f1_at_10_with_body']:6.1f} {r['f1_at_10_multiword_gold']:10.1f} {r['multiword_share']:6.2f} "
            f"{r['docs_per_second']:8.1f} {r['us_per_word']:8.2f}"
        )
    print(f"{'default, second pass (caches warm)':54s} {'':6s} {'':6s} {'':6s} {'':6s} {'':6s} {'':10s} {'':6s} "
          f"{warm['docs_per_second']:8.1f} {warm['us_per_word']:8.2f}")
    print(f"{fitted['method']:54s} {fitted['f1_at_5']:6.1f} {fitted['f1_at_10']:6.1f} {fitted['f1_at_10_even']:6.1f} "
          f"{fitted['f1_at_10_odd']:6.1f} {'':6s} {fitted['f1_at_10_multiword_gold']:10.1f}")
    print(f"{via_ingest['method'][:54]:54s} {via_ingest['f1_at_5']:6.1f} {via_ingest['f1_at_10']:6.1f} "
          f"{via_ingest['f1_at_10_even']:6.1f} {via_ingest['f1_at_10_odd']:6.1f}   ({via_ingest['n_ingested']} "
          f"documents ingested: F1@10 {via_ingest['f1_at_10_ingested']:.1f})")
    print(f"{ref['method'][:54]:54s} {ref['f1_at_5']:6.1f} {ref['f1_at_10']:6.1f} {'':6s} {'':6s} {'':6s} "
          f"{ref['f1_at_10_multiword_gold']:10.1f}")
    print(f"{'  same, F1 of macro-averaged P and R':54s} {ref['f1_of_macro_pr_at_5']:6.1f} {ref['f1_of_macro_pr_at_10']:6.1f}")
    dflt = next(r for r in rows if r["method"] == DEFAULT_METHOD) if DEFAULT_METHOD in methods else None
    if dflt:
        print(f"{'default, F1 of macro-averaged P and R':54s} {dflt['f1_of_macro_pr_at_5']:6.1f} {dflt['f1_of_macro_pr_at_10']:6.1f}")
    for r in REFERENCES:
        f5 = "" if r["f1_at_5"] is None else f"{r['f1_at_5']:6.1f}"
        print(f"{r['method'][:54]:54s} {f5:>6s} {r['f1_at_10']:6.1f}")
    print("\npublished F1@10, pke models (Gallina et al. 2020): 500N-KPCrowd / DUC-2001")
    for r in CROSS_COLLECTION:
        print(f"  {r['method']:20s} {r['kpcrowd']:5.1f} / {r['duc2001']:5.1f}")

    if not args.no_write:
        import importlib.metadata as md

        doc = {
            "benchmark": "500N-KPCrowd v1.1 (Marujo et al. 2012), 500 documents",
            "protocol": "Porter-stemmed exact match (nltk PorterStemmer), top-N then stem-dedup, "
            "per-document P/R/F1, macro average over all 500 documents; percent",
            "n_documents": n_docs,
            "n_words": total_words,
            "default_method": DEFAULT_METHOD,
            "methods": rows,
            "default_warm": warm,
            "tfidf_fitted_background": fitted,
            "default_via_ingest": via_ingest,
            "sklearn_tfidf_reproduction": ref,
            "references": REFERENCES,
            "published_kpcrowd_vs_duc2001": CROSS_COLLECTION,
            "multiword_gold_documents": len(with_multi),
            "environment": {
                "python": platform.python_version(),
                **{p: md.version(p) for p in ("yake", "wordfreq", "nltk", "networkx", "scikit-learn")},
            },
        }
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(doc, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        print(f"\nwrote {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
