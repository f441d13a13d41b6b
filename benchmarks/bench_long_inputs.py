"""Long inputs: does the time of one analysis grow linearly with the length of its input?

Three series, each timed in CPU seconds of this process (one run per size, after a warm-up
on a small input; the machine is shared, so read the growth from one size to the next, not
the absolute figures):

- **transcript**: an interview of *n* speakers, each named in full once ("Anna Quist works at
  the port.") and then quoted by surname ("“The ships are late,” Quist said."):
  ``extract_quotes`` alone. Each quotation asks for the full name of a new surname.
- **long article**: one article made of *n* KPCrowd stories (``../shared/benchdata``; the
  seed article repeated when that is missing), as blank-line separated paragraphs: the
  whole analysis (``pipeline.article_record``: sentences, sentiment, frames, quotes,
  actors, keywords), with its time per stage.
- **odd shapes**: the same words as one sentence without punctuation, one word per line,
  one paragraph per word, a quotation every three words, all in capitals.

``growth`` is the time ratio of each size to the one before over the size ratio (1.0 =
linear, 2.0 = quadratic for a doubling). A reference (``re.findall(r"\\w+")`` over the
long article) is timed at each size so that a slow machine shows as a slow reference.

Usage::

    python benchmarks/bench_long_inputs.py              # writes benchmarks/results/long_inputs.json
    python benchmarks/bench_long_inputs.py --no-write
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import re
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
RESULTS = ROOT / "benchmarks" / "results" / "long_inputs.json"
KPCROWD = ROOT.parent / "shared" / "benchdata" / "kpcrowd" / "docsutf8"
SEED = ROOT / "data" / "raw" / "2023-09-rossomando-north-korea-russia-real-allies.txt"

from newsframe.ingest import Article  # noqa: E402
from newsframe.pipeline import article_record  # noqa: E402
from newsframe.quotes import extract_quotes  # noqa: E402


def cpu(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


def transcript(n: int) -> str:
    """``n`` speakers, each named in full, then quoted by surname (names made from the index)."""
    def name(i: int) -> tuple[str, str]:
        letters = "".join(chr(ord("a") + (i // 26 ** k) % 26) for k in range(4))
        return "Anna" + letters, "Q" + letters

    parts = []
    for i in range(n):
        first, last = name(i)
        parts.append(f"{first} {last} works at the port. “The ships are late,” {last} said.")
    return "\n\n".join(parts)


def stories() -> tuple[list[str], str]:
    if KPCROWD.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(KPCROWD.glob("*.txt"))]
        return [t for t in texts if len(t) > 1500], "KPCrowd stories"
    return [SEED.read_text(encoding="utf-8")], "the seed article"


def _g(row: dict[str, Any]) -> str:
    return f"{row['growth']:.2f}" if row.get("growth") is not None else "–"


def growth(rows: list[dict[str, Any]], size: str) -> None:
    for a, b in zip(rows, rows[1:]):
        b["growth"] = (b["seconds"] / a["seconds"]) / (b[size] / a[size]) if a["seconds"] > 0 else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    res: dict[str, Any] = {"machine": {"python": platform.python_version(), "platform": platform.platform()}}

    extract_quotes(transcript(50))  # warm-up: lexicons and gazetteer loaded
    rows: list[dict[str, Any]] = []
    for n in (2000, 4000, 8000, 16000):
        text = transcript(n)
        sec, quotes = cpu(lambda: extract_quotes(text))
        full = sum(1 for q in quotes if q.speaker and " " in q.speaker)
        rows.append({"speakers": n, "characters": len(text), "quotes": len(quotes), "full_names": full,
                     "seconds": sec, "us_per_quote": 1e6 * sec / max(1, len(quotes))})
    growth(rows, "speakers")
    res["transcript"] = rows

    texts, what = stories()
    article_record(Article.from_text(texts[0], id="warm"))
    rows = []
    for n in (100, 200, 400, 800, 1600):
        text = "\n\n".join(texts[i % len(texts)] for i in range(n))
        article = Article.from_text(text, id="long")
        ref, _ = cpu(lambda: re.findall(r"\w+", text))
        stages: dict[str, float] = {}
        sec, _ = cpu(lambda: article_record(article, timings=stages))
        rows.append({"stories": n, "megabytes": len(text.encode("utf-8")) / 1e6, "words": article.n_words,
                     "seconds": sec, "seconds_per_mb": sec / (len(text.encode("utf-8")) / 1e6),
                     "reference_seconds": ref, "stages": stages})
    growth(rows, "stories")
    res["long_article"] = {"made_of": what, "rows": rows}

    words = re.sub(r"[^\w\s]", " ", " ".join(texts)).split()
    shapes = {
        "one sentence, no punctuation": lambda w: " ".join(w),
        "one word per line": lambda w: "\n".join(w),
        "one paragraph per word": lambda w: "\n\n".join(w),
        "a quotation every three words": lambda w: " ".join(f'"{x}" he said.' for x in w[: len(w) // 3]),
        "all capitals": lambda w: " ".join(w).upper() + ".",
    }
    odd: dict[str, list[dict[str, Any]]] = {}
    for label, make in shapes.items():
        rows = []
        for n in (20_000, 40_000):
            text = make((words * (1 + n // max(1, len(words))))[:n])
            sec, _ = cpu(lambda: article_record(Article.from_text(text, id="odd")))
            rows.append({"words": n, "characters": len(text), "seconds": sec})
        growth(rows, "words")
        odd[label] = rows
    res["odd_shapes"] = odd

    print("Transcript: extract_quotes on n speakers named in full, then quoted by surname (CPU s)")
    print(f"  {'speakers':>9}{'MB':>7}{'quotes':>8}{'full names':>12}{'seconds':>9}{'µs/quote':>10}{'growth':>8}")
    for r in res["transcript"]:
        print(f"  {r['speakers']:>9,}{r['characters'] / 1e6:>7.2f}{r['quotes']:>8,}{r['full_names']:>12,}"
              f"{r['seconds']:>9.2f}{r['us_per_quote']:>10.0f}{_g(r):>8}")
    print(f"\nOne long article made of {what}: the whole analysis (CPU s)")
    print(f"  {'stories':>8}{'MB':>7}{'words':>11}{'seconds':>9}{'s/MB':>7}{'growth':>8}{'reference s':>13}  slowest stages")
    for r in res["long_article"]["rows"]:
        top = ", ".join(f"{k} {v:.1f}" for k, v in sorted(r["stages"].items(), key=lambda kv: -kv[1])[:3])
        print(f"  {r['stories']:>8,}{r['megabytes']:>7.2f}{r['words']:>11,}{r['seconds']:>9.2f}{r['seconds_per_mb']:>7.2f}"
              f"{_g(r):>8}{r['reference_seconds']:>13.3f}  {top}")
    print("\nOdd shapes: the whole analysis (CPU s)")
    for label, rows in res["odd_shapes"].items():
        cells = "   ".join(f"{r['words']:,} words {r['seconds']:.2f}" for r in rows)
        print(f"  {label:<32}{cells}   growth {_g(rows[-1])}")
    if not args.no_write:
        RESULTS.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
