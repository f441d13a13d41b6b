"""Sentiment benchmarks: sentence sentiment vs. human ratings, targeted sentiment, speed.

    .venv/bin/python benchmarks/bench_sentiment.py

Data (``$NEWSFRAME_BENCHDATA``, default ``../shared/benchdata``; protocols in its README):

- ``vader/``: the VADER ground truth (Hutto & Gilbert 2014): tweets, Amazon review and
  movie review snippets with mean human ratings on −4…+4. Pearson r between score and
  human mean; 3-class macro-F1 with gold classes mean/4 ≥ 0.05 positive, ≤ −0.05
  negative. Methods: VADER on the text as given ("plain"), VADER on normalised text
  (newsframe's :func:`score_text`), AFINN-165 (:func:`score_afinn`, label = sign).
- ``newsmtsc/train.jsonl`` (Hamborg & Donnay 2021): one example per target; macro-F1
  and accuracy of whole-sentence VADER, VADER on a ±8-word window around the mention,
  and :func:`target_sentiment`. target_sentiment's weights were fitted on this file,
  so its row is **5-fold cross-validation grouped by article** of the same fitting
  procedure (``benchmarks/fit_target_model.py``): every example is predicted by a model
  that never saw its article.
- speed on the seed article: sentences per second and µs per word, with the
  ``vaderSentiment`` package's own ``polarity_scores`` as the reference in the same run
  (CPU time, best 5 of 15 runs).

Writes ``benchmarks/results/sentiment.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
BENCHDATA = Path(os.environ.get("NEWSFRAME_BENCHDATA", Path(__file__).resolve().parents[2] / "shared" / "benchdata"))
RESULTS = HERE / "results" / "sentiment.json"
VADER_SETS = {"tweets": "tweets_GroundTruth.txt", "amazon": "amazonReviewSnippets_GroundTruth.txt",
              "movies": "movieReviewSnippets_GroundTruth.txt"}
SEED = ROOT / "data" / "raw" / "2023-09-rossomando-north-korea-russia-real-allies.txt"


def _label3(x: float, threshold: float = 0.05) -> int:
    return 2 if x >= threshold else 0 if x <= -threshold else 1


def _sign(x: float) -> int:
    return 2 if x > 0 else 0 if x < 0 else 1


def _metrics(gold: list[int], pred: list[int]) -> tuple[float, float]:
    from sklearn.metrics import accuracy_score, f1_score

    return float(f1_score(gold, pred, average="macro", labels=[0, 1, 2])), float(accuracy_score(gold, pred))


def _typeset(text: str) -> str:
    """The text as a news site would set it: ’ for apostrophes, “ ” for double quotes."""
    out, opening = [], True
    for i, ch in enumerate(text):
        if ch == "'":
            out.append("\u2019")
        elif ch == '"':
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def read_vader_set(path: Path) -> list[tuple[float, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            rows.append((float(parts[1]), parts[2]))
    return rows


def bench_vader() -> dict:
    from newsframe.sentiment import _plain_vader, score_afinn, score_text
    from newsframe.text import normalize_text

    out: dict[str, Any] = {}
    for name, fname in VADER_SETS.items():
        rows = read_vader_set(BENCHDATA / "vader" / fname)
        human = np.array([r[0] for r in rows])
        gold = [_label3(h / 4) for h in human]
        plain = np.array([_plain_vader(t) for _, t in rows])
        norm = np.array([score_text(t).compound if score_text(t).compound == score_text(t).compound else 0.0
                         for _, t in rows])
        afinn = np.array([score_afinn(t) for _, t in rows])
        afinn = np.nan_to_num(afinn)
        changed = sum(normalize_text(t) != t for _, t in rows)
        res: dict[str, Any] = {"n": len(rows), "normalization_changed_texts": int(changed)}
        # texts whose score normalisation changed: is it closer to the human mean?
        moved = np.flatnonzero(plain != norm)
        target = human / 4
        res["normalization_changed_scores"] = {
            "n": int(len(moved)),
            "closer_to_human": int(np.sum(np.abs(norm[moved] - target[moved]) < np.abs(plain[moved] - target[moved]))),
            "further_from_human": int(np.sum(np.abs(norm[moved] - target[moved]) > np.abs(plain[moved] - target[moved]))),
        }
        # the same texts set in news typography (curly apostrophes and quotes): what plain VADER loses
        curly = [_typeset(t) for _, t in rows]
        plain_curly = np.array([_plain_vader(t) for t in curly])
        norm_curly = np.array([score_text(t).compound for t in curly])
        norm_curly = np.nan_to_num(norm_curly)
        for method, scores in (("vader_plain_typeset", plain_curly), ("vader_normalized_typeset", norm_curly)):
            f1, acc = _metrics(gold, [_label3(x) for x in scores])
            res[method] = {"pearson_r": float(np.corrcoef(scores, human)[0, 1]), "macro_f1": f1, "accuracy": acc}
        for method, scores, lab in (("vader_plain", plain, _label3), ("vader_normalized", norm, _label3),
                                    ("afinn", afinn, _sign)):
            f1, acc = _metrics(gold, [lab(x) for x in scores])
            res[method] = {"pearson_r": float(np.corrcoef(scores, human)[0, 1]), "macro_f1": f1, "accuracy": acc}
        out[name] = res
    return out


def bench_newsmtsc() -> dict:
    import fit_target_model as fit

    from newsframe.sentiment import score_text

    examples = fit.load_examples()
    gold = [e["y"] for e in examples]
    sentence = [_label3(score_text(e["text"]).compound) for e in examples]

    def window(e: dict, k: int = 8) -> str:
        t = e["text"]
        return " ".join(t[:e["start"]].split()[-k:] + [t[e["start"]:e["end"]]] + t[e["end"]:].split()[:k])

    win = [_label3(score_text(window(e)).compound) for e in examples]
    dense, words = fit.featurize(examples)
    cv = fit.cross_validate(examples, dense, words)
    from sklearn.model_selection import GroupKFold

    groups = np.array([e["article"] for e in examples])
    per_fold = []
    for _, test in GroupKFold(n_splits=5).split(dense, gold, groups):
        per_fold.append(_metrics([gold[i] for i in test], [int(cv[i]) for i in test])[0])
    out: dict[str, Any] = {"n_targets": len(examples), "class_counts": {c: gold.count(i) for i, c in enumerate(("negative", "neutral", "positive"))}}
    for name, pred in (("always_neutral", [1] * len(gold)), ("vader_sentence", sentence), ("vader_window8", win),
                       ("target_sentiment_cv5", [int(p) for p in cv])):
        f1, acc = _metrics(gold, pred)
        out[name] = {"macro_f1": f1, "accuracy": acc}
    out["target_sentiment_cv5"]["fold_macro_f1"] = per_fold
    out["target_sentiment_cv5"]["note"] = ("5-fold cross-validation grouped by article of the procedure in "
                                           "benchmarks/fit_target_model.py; held-out predictions only")
    return out


def _cpu(fn, clear=(), reps: int = 15) -> float:
    times = []
    for _ in range(reps):
        for c in clear:
            c.cache_clear()
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    best = sorted(times)[:5]
    return sum(best) / len(best)


def bench_speed() -> dict:
    import newsframe.sentiment as S
    from newsframe.ingest import load_article
    from newsframe.text import normalize_text, split_sentences
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    article = load_article(SEED)
    sentences = split_sentences(article.text)
    words = article.n_words
    an = SentimentIntensityAnalyzer()
    clear = (S._sentence_info, S._vader_pass, S._normalized)
    S.record_fields(article, sentences)  # warm up imports and resources
    try:
        from newsframe.actors import find_actors
        mentions = find_actors(article)
    except ImportError:
        mentions = []
    timings = {
        "vaderSentiment_polarity_scores": _cpu(lambda: [an.polarity_scores(normalize_text(s.text)) for s in sentences]),
        "score_sentences": _cpu(lambda: S.score_sentences(article), clear),
        "tone": _cpu(lambda: S.tone(article.text), clear),
        "target_sentiment_all_mentions": _cpu(lambda: [S.target_sentiment(
            sentences[m.sentence].text, m.start - sentences[m.sentence].start,
            m.end - sentences[m.sentence].start) for m in mentions], clear),
        "record_fields": _cpu(lambda: S.record_fields(article, sentences), clear),
        "whole_seed_tables": _cpu(lambda: (S.sentence_table(article), S.paragraph_table(article),
                                           S.section_table(article), S.article_table(article),
                                           S.actor_sentiment(article), S.voice_sentiment(article)), clear, reps=5),
    }
    return {
        "article": SEED.name, "words": words, "sentences": len(sentences), "actor_mentions": len(mentions),
        "seconds": timings,
        "us_per_word": {k: v / words * 1e6 for k, v in timings.items()},
        "sentences_per_second": {k: len(sentences) / v for k, v in timings.items() if v > 0},
        "note": "CPU time (time.process_time), best 5 of 15 runs, caches cleared; shared machine, compare rows of one run",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true", help="print only; do not write the JSON")
    args = ap.parse_args(argv)
    if not (BENCHDATA / "vader").is_dir() or not (BENCHDATA / "newsmtsc").is_dir():
        print(f"benchmark data not found under {BENCHDATA}: set NEWSFRAME_BENCHDATA to the benchdata folder")
        return 1
    t0 = time.perf_counter()
    vader = bench_vader()
    print("Sentence sentiment vs. human ratings (VADER ground truth)")
    print(f"{'set':8s} {'method':24s} {'Pearson r':>9s} {'macro-F1':>9s} {'acc':>6s}")
    for name, res in vader.items():
        for method in ("vader_plain", "vader_normalized", "afinn", "vader_plain_typeset", "vader_normalized_typeset"):
            m = res[method]
            print(f"{name:8s} {method:24s} {m['pearson_r']:9.3f} {m['macro_f1']:9.3f} {m['accuracy']:6.3f}")
        ch = res["normalization_changed_scores"]
        print(f"{'':8s} (normalisation changed {res['normalization_changed_texts']} of {res['n']} texts and "
              f"{ch['n']} scores: {ch['closer_to_human']} closer to the human mean, {ch['further_from_human']} further)")
    news = bench_newsmtsc()
    print(f"\nTargeted sentiment, NewsMTSC train.jsonl ({news['n_targets']} targets)")
    print(f"{'method':28s} {'macro-F1':>9s} {'acc':>6s}")
    for method in ("always_neutral", "vader_sentence", "vader_window8", "target_sentiment_cv5"):
        m = news[method]
        print(f"{method:28s} {m['macro_f1']:9.3f} {m['accuracy']:6.3f}")
    folds = news["target_sentiment_cv5"]["fold_macro_f1"]
    print(f"  (target_sentiment: 5-fold CV grouped by article; folds {min(folds):.3f}–{max(folds):.3f})")
    speed = bench_speed()
    print(f"\nSpeed on the seed ({speed['words']} words, {speed['sentences']} sentences, "
          f"{speed['actor_mentions']} actor mentions), CPU time")
    for k, v in speed["seconds"].items():
        sps = speed["sentences_per_second"].get(k, float("nan"))
        print(f"{k:32s} {v * 1000:7.2f} ms {speed['us_per_word'][k]:7.2f} µs/word {sps:9.0f} sentences/s")
    result = {"vader_ground_truth": vader, "newsmtsc": news, "speed": speed,
              "versions": _versions()}
    if args.no_write:
        return 0
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    tmp = RESULTS.with_suffix(".tmp")
    tmp.write_text(json.dumps(_round(result), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, RESULTS)
    print(f"\nwrote {RESULTS.relative_to(ROOT)} ({time.perf_counter() - t0:.0f} s)")
    return 0


def _versions() -> dict:
    from importlib.metadata import version

    return {p: version(p) for p in ("vaderSentiment", "afinn", "scikit-learn", "numpy")}


def _round(x):
    if isinstance(x, float):
        return round(x, 4) if x == x else None
    if isinstance(x, dict):
        return {k: _round(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_round(v) for v in x]
    return x


if __name__ == "__main__":
    raise SystemExit(main())
