"""Fit the weights of newsframe's targeted sentiment and write them as a resource.

    .venv/bin/python benchmarks/fit_target_model.py [--check]

Reads NewsMTSC ``train.jsonl`` (Hamborg & Donnay, EACL 2021; MIT licence) from
``$NEWSFRAME_BENCHDATA/newsmtsc`` (default ``../shared/benchdata/newsmtsc``), computes
:func:`newsframe.sentiment.target_features` for every target, and fits a multinomial
logistic regression (scikit-learn, L2, C=0.1, balanced class weights) on the
standardised dense features plus binary context-word features (words seen in at least
5 training examples). Writes ``src/newsframe/resources/sentiment_target_model.tsv``.

The shipped model has seen all of ``train.jsonl``, so it must never be scored on it:
``benchmarks/bench_sentiment.py`` reports the 5-fold cross-validation of this same
procedure (:func:`cross_validate`, folds grouped by article, vocabulary and scaler
refitted inside each fold). ``--check`` refits and fails if the shipped file differs.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BENCHDATA = Path(os.environ.get("NEWSFRAME_BENCHDATA", Path(__file__).resolve().parents[2] / "shared" / "benchdata"))
OUT = ROOT / "src" / "newsframe" / "resources" / "sentiment_target_model.tsv"
C = 0.1
MIN_DF = 5
POLARITY = {2.0: 0, 4.0: 1, 6.0: 2}  # NewsMTSC polarity → class index (negative, neutral, positive)


def load_examples(path: Path | None = None) -> list[dict[str, Any]]:
    """One example per target: text, start, end, y (0/1/2), article (grouping key)."""
    path = path or BENCHDATA / "newsmtsc" / "train.jsonl"
    if not path.is_file():
        sys.exit(f"NewsMTSC data not found at {path}: set NEWSFRAME_BENCHDATA to the benchdata folder")
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            article = "_".join(row["primary_gid"].split("_")[:3])
            for t in row["targets"]:
                out.append({"text": row["sentence_normalized"], "start": t["from"], "end": t["to"],
                            "y": POLARITY[t["polarity"]], "article": article})
    return out


def featurize(examples: list[dict[str, Any]]) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    from newsframe.sentiment import TARGET_FEATURES, target_features

    dense, words = [], []
    for e in examples:
        f = target_features(e["text"], e["start"], e["end"])
        dense.append([f.dense[k] for k in TARGET_FEATURES])
        words.append(f.words)
    return np.asarray(dense, dtype=float), words


class Fitted:
    """Scaler + vocabulary + logistic regression, fitted on a subset."""

    def __init__(self, dense: np.ndarray, words: list[tuple[str, ...]], y: np.ndarray) -> None:
        import scipy.sparse as sp
        from sklearn.linear_model import LogisticRegression

        counts: dict[str, int] = {}
        for ws in words:
            for w in ws:
                counts[w] = counts.get(w, 0) + 1
        self.vocab = {w: i for i, w in enumerate(sorted(w for w, c in counts.items() if c >= MIN_DF))}
        self.mean = dense.mean(axis=0)
        self.scale = dense.std(axis=0)
        self.scale[self.scale == 0] = 1.0
        self._sp = sp
        self.model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(self.matrix(dense, words), y)

    def matrix(self, dense: np.ndarray, words: list[tuple[str, ...]]) -> Any:
        sp = self._sp
        rows, cols = [], []
        for i, ws in enumerate(words):
            for w in ws:
                j = self.vocab.get(w)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        bag = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(words), len(self.vocab)))
        return sp.hstack([sp.csr_matrix((dense - self.mean) / self.scale), bag]).tocsr()

    def predict(self, dense: np.ndarray, words: list[tuple[str, ...]]) -> np.ndarray:
        return self.model.predict(self.matrix(dense, words))


def cross_validate(examples: list[dict[str, Any]], dense: np.ndarray, words: list[tuple[str, ...]],
                   folds: int = 5) -> np.ndarray:
    """Held-out predictions of 5-fold cross-validation grouped by article."""
    from sklearn.model_selection import GroupKFold

    y = np.array([e["y"] for e in examples])
    groups = np.array([e["article"] for e in examples])
    pred = np.full(len(y), -1)
    for train, test in GroupKFold(n_splits=folds).split(dense, y, groups):
        fitted = Fitted(dense[train], [words[i] for i in train], y[train])
        pred[test] = fitted.predict(dense[test], [words[i] for i in test])
    return pred


def write_model(fitted: Fitted, path: Path) -> None:
    from newsframe.sentiment import TARGET_FEATURES

    coef = fitted.model.coef_  # (3 classes, n_dense + n_words), classes 0, 1, 2
    icpt = fitted.model.intercept_
    nd = len(TARGET_FEATURES)
    lines = [
        "# Targeted sentiment weights for newsframe.sentiment.target_sentiment — GENERATED by",
        "# benchmarks/fit_target_model.py (multinomial logistic regression, C=0.1, balanced classes)",
        "# from NewsMTSC train.jsonl (Hamborg & Donnay 2021, MIT). Do not edit by hand.",
        "# dense rows: x_std = (x - mean) / scale; word rows: binary context words (L_ left, R_ right of the mention).",
        "kind\tfeature\tmean\tscale\tnegative\tneutral\tpositive",
        "intercept\t(intercept)\t0\t1\t" + "\t".join(f"{v:.6g}" for v in icpt),
    ]
    for j, name in enumerate(TARGET_FEATURES):
        lines.append(f"dense\t{name}\t{fitted.mean[j]:.6g}\t{fitted.scale[j]:.6g}\t"
                     + "\t".join(f"{coef[k, j]:.6g}" for k in range(3)))
    for w, i in sorted(fitted.vocab.items()):
        lines.append(f"word\t{w}\t0\t1\t" + "\t".join(f"{coef[k, nd + i]:.6g}" for k in range(3)))
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def main(argv: list[str]) -> int:
    examples = load_examples()
    dense, words = featurize(examples)
    y = np.array([e["y"] for e in examples])
    fitted = Fitted(dense, words, y)
    if "--check" in argv:
        tmp = OUT.with_name("sentiment_target_model.check.tsv")
        write_model(fitted, tmp)
        same = tmp.read_bytes() == OUT.read_bytes()
        tmp.unlink()
        print("shipped model matches a refit" if same else "shipped model DIFFERS from a refit")
        return 0 if same else 1
    write_model(fitted, OUT)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(TARGET_FEATURES_())} dense features, {len(fitted.vocab)} context words,"
          f" fitted on {len(y)} targets")
    return 0


def TARGET_FEATURES_() -> tuple[str, ...]:
    from newsframe.sentiment import TARGET_FEATURES

    return TARGET_FEATURES


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
