"""Conformance: newsframe's VADER pass gives exactly vaderSentiment's scores and per-token valences.

    .venv/bin/python benchmarks/bench_vader_exact.py

``newsframe.sentiment`` restates VADER's per-token rules (negation, boosters,
ALL-CAPS, "least", special idioms) over tokens lower-cased once, for speed and to keep
the per-token valences for targeted sentiment. This checks, on every sentence of the
shared benchmark data — the VADER ground truth (tweets, Amazon, movie snippets),
NewsMTSC's training sentences and the KPCrowd stories split into sentences — plus an
upper-cased copy of every 7th and a lower-cased copy of every 5th (for the ALL-CAPS
rule), that

* the compound, pos, neu and neg scores equal ``SentimentIntensityAnalyzer.polarity_scores``;
* the tokens and per-token valences before VADER's "but" weighting equal those of
  VADER's own ``sentiment_valence`` (sentences without emoji).

Data: ``$NEWSFRAME_BENCHDATA`` (default ``../shared/benchdata``). Writes
``benchmarks/results/vader_exact.json``; exits 1 on any mismatch.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHDATA = Path(os.environ.get("NEWSFRAME_BENCHDATA", HERE.parents[1] / "shared" / "benchdata"))
RESULTS = HERE / "results" / "vader_exact.json"


def sentences() -> dict[str, list[str]]:
    from newsframe.text import split_sentences

    out: dict[str, list[str]] = {"vader": [], "newsmtsc": [], "kpcrowd": []}
    for f in sorted((BENCHDATA / "vader").glob("*.txt")):
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3:
                out["vader"].append(parts[2])
    for line in (BENCHDATA / "newsmtsc" / "train.jsonl").read_text(encoding="utf-8").splitlines():
        out["newsmtsc"].append(json.loads(line)["sentence_normalized"])
    for f in sorted((BENCHDATA / "kpcrowd" / "docsutf8").glob("*.txt")):
        out["kpcrowd"] += [s.text for s in split_sentences(f.read_text(encoding="utf-8"))]
    everything = [t for texts in out.values() for t in texts]
    out["upper-cased copies"] = [t.upper() for t in everything[::7]]
    out["lower-cased copies"] = [t.lower() for t in everything[::5]]
    return out


def main() -> int:
    if not (BENCHDATA / "vader").is_dir():
        print(f"benchmark data not found: {BENCHDATA} (set NEWSFRAME_BENCHDATA)", file=sys.stderr)
        return 1
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from newsframe import sentiment as S
    from newsframe.text import normalize_text

    analyzer = SentimentIntensityAnalyzer()
    res: dict[str, dict[str, int]] = {}
    examples: list[str] = []
    for name, texts in sentences().items():
        scores = valences = checked = 0
        for t in texts:
            n = normalize_text(t)
            vp = S._vader_pass(n)
            theirs = analyzer.polarity_scores(n)
            ours = vp.sentiment
            if (ours.compound, ours.pos, ours.neu, ours.neg) != (theirs["compound"], theirs["pos"], theirs["neu"],
                                                                 theirs["neg"]):
                scores += 1
                examples.append(n)
            if S._emoji_chars().isdisjoint(n):
                checked += 1
                if (list(vp.toks), list(vp.raw)) != S._vader_reference_valences(n):
                    valences += 1
                    examples.append(n)
        res[name] = {"sentences": len(texts), "score_mismatches": scores, "valences_checked": checked,
                     "valence_mismatches": valences}
        print(f"{name:20s} {len(texts):6d} sentences   score mismatches {scores}   "
              f"valence mismatches {valences} (of {checked})")
    total = sum(r["sentences"] for r in res.values())
    bad = sum(r["score_mismatches"] + r["valence_mismatches"] for r in res.values())
    print(f"{'all':20s} {total:6d} sentences   mismatches {bad}")
    RESULTS.write_text(json.dumps({"benchmark": "vader_exact", "sets": res, "sentences": total, "mismatches": bad,
                                   "examples": examples[:5]}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
