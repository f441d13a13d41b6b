"""Sentence-boundary benchmark: newsframe's splitter vs NLTK Punkt and syntok.

Gold: ``tests/data/sentences/{dev,heldout}/*.txt`` (news texts written for this project,
one sentence a line, see the README there), ``challenge/`` (known hard cases, written to
show the limits of the rules, not counted in "dev+heldout") and the hand-checked split of the seed
article (``tests/golden/seed_sentences.txt``). A *boundary* is the end offset of every
sentence but the last of a document; precision, recall and F1 are micro-averaged over
documents. "all" counts every boundary, "inside" only those that are not at a
paragraph break (the hard ones: a paragraph break always ends a sentence).

Splitters: ``newsframe`` (``split_sentences`` on the whole text), NLTK's
``PunktSentenceTokenizer`` untrained and with newsframe's shipped parameters
(``SentenceRules.punkt_parameters()``), and ``syntok`` (``pip install syntok==1.4.4``);
the baselines are run paragraph by paragraph so that they get the paragraph breaks too.

Speed: sentences per second on the gold texts, and microseconds per word of
``split_sentences`` + ``tokenize_words`` on the seed article and on a longer text (the
61 story bodies of ``../shared/benchdata/pages/ground-truth.json``, if present), with a
reference (``re.findall(r"\\w+")``) timed in the same run so numbers from a busy machine
can be compared.

Usage::

    python benchmarks/bench_sentences.py              # dev + seed
    python benchmarks/bench_sentences.py --heldout    # also the held-out part
    python benchmarks/bench_sentences.py --errors dev # print the wrong boundaries
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "sentences"
SEED = ROOT / "data" / "raw" / "2023-09-rossomando-north-korea-russia-real-allies.txt"
SEED_GOLD = ROOT / "tests" / "golden" / "seed_sentences.txt"
BENCHDATA = Path(os.environ.get("NEWSFRAME_BENCHDATA", Path(__file__).resolve().parents[2] / "shared" / "benchdata"))
RESULTS = ROOT / "benchmarks" / "results" / "sentences.json"

Spans = list[tuple[int, int]]


# --------------------------------------------------------------------------- gold

def load_gold(path: Path) -> tuple[str, Spans, set[int]]:
    """A gold file's text, sentence spans and paragraph-break ends (``newsframe.text.read_sentence_gold``)."""
    from newsframe.text import read_sentence_gold

    gold = read_sentence_gold(path)
    return gold.text, list(gold.spans), set(gold.paragraph_ends)


def load_seed_gold() -> tuple[str, Spans, set[int]] | None:
    """The seed article's body and its hand-checked sentence spans."""
    if not SEED_GOLD.exists():
        return None
    sys.path.insert(0, str(ROOT / "src"))
    from newsframe.ingest import load_article

    text = load_article(SEED).text
    spans: Spans = []
    para_ends: set[int] = set()
    pos = 0
    for line in SEED_GOLD.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if spans:
                para_ends.add(spans[-1][1])
            continue
        start = text.index(line, pos)
        spans.append((start, start + len(line)))
        pos = start + len(line)
    return text, spans, para_ends


# --------------------------------------------------------------------------- splitters

_BLOCK = re.compile(r"\n[^\S\n]*\n\s*")


def _per_paragraph(split: Callable[[str], Iterable[tuple[int, int]]]) -> Callable[[str], Spans]:
    def run(text: str) -> Spans:
        out: Spans = []
        pos = 0
        for m in [*_BLOCK.finditer(text), None]:
            end = m.start() if m else len(text)
            block = text[pos:end]
            for s, e in split(block):
                seg = block[s:e]
                s2 = s + len(seg) - len(seg.lstrip())
                e2 = e - (len(seg) - len(seg.rstrip()))
                if e2 > s2:
                    out.append((pos + s2, pos + e2))
            if m:
                pos = m.end()
        return out

    return run


def splitters() -> dict[str, Callable[[str], Spans]]:
    sys.path.insert(0, str(ROOT / "src"))
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from newsframe import text as nt

    rules = nt.load_sentence_rules()

    def ours(text: str) -> Spans:
        return [(s.start, s.end) for s in nt._split_cached.__wrapped__(text, rules)]  # uncached

    punkt_plain = PunktSentenceTokenizer()
    punkt_ours = PunktSentenceTokenizer(rules.punkt_parameters())
    out: dict[str, Callable[[str], Spans]] = {
        "newsframe": ours,
        "nltk_punkt_untrained": _per_paragraph(punkt_plain.span_tokenize),
        "nltk_punkt_newsframe_params": _per_paragraph(punkt_ours.span_tokenize),
    }
    try:
        from syntok import segmenter

        def syntok_split(block: str) -> Spans:
            spans = []
            for paragraph in segmenter.analyze(block):
                for sentence in paragraph:
                    toks = [t for t in sentence if t.value]
                    if toks:
                        spans.append((toks[0].offset, toks[-1].offset + len(toks[-1].value)))
            return spans

        out["syntok"] = _per_paragraph(syntok_split)
    except ImportError:
        print("syntok not installed (pip install syntok==1.4.4): skipped", file=sys.stderr)
    return out


# --------------------------------------------------------------------------- scoring

def boundaries(spans: Spans) -> set[int]:
    return {e for _, e in spans[:-1]}


def score(docs: list[tuple[str, str, Spans, set[int]]], split: Callable[[str], Spans]) -> dict:
    tp = fp = fn = 0
    tp_in = fp_in = fn_in = 0
    errors = []
    n_sent = 0
    for name, text, gold, para_ends in docs:
        n_sent += len(gold)
        g = boundaries(gold)
        p = boundaries(split(text))
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
        gi, pi = g - para_ends, p - para_ends
        tp_in += len(gi & pi)
        fp_in += len(pi - gi)
        fn_in += len(gi - pi)
        for pos in sorted((p - g) | (g - p)):
            kind = "extra" if pos in p else "missed"
            errors.append((name, kind, text[max(0, pos - 40) : pos].replace("\n", "⏎") + " | " + text[pos : pos + 30].replace("\n", "⏎")))

    def prf(tp: int, fp: int, fn: int) -> dict:
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / (tp + fn) if tp + fn else float("nan")
        f = 2 * p * r / (p + r) if p + r else float("nan")
        return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}

    return {"sentences": n_sent, "all": prf(tp, fp, fn), "inside": prf(tp_in, fp_in, fn_in), "errors": errors}


def timed(fn: Callable[[], object], min_seconds: float = 1.0) -> float:
    """CPU seconds per call: the best of 5 rounds of at least ``min_seconds / 5`` each.

    CPU time (``time.process_time``) rather than wall time, so that other processes on
    a shared machine disturb the numbers less.
    """
    fn()
    n = 1
    while True:
        t = time.process_time()
        for _ in range(n):
            fn()
        dt = time.process_time() - t
        if dt >= min_seconds / 5:
            break
        n *= 2
    best = dt / n
    for _ in range(4):
        t = time.process_time()
        for _ in range(n):
            fn()
        best = min(best, (time.process_time() - t) / n)
    return best


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--heldout", action="store_true", help="also score the held-out gold part")
    ap.add_argument("--errors", choices=["dev", "heldout", "challenge", "seed"],
                    help="print the wrong boundaries of one part")
    ap.add_argument("--no-speed", action="store_true", help="skip the timing")
    ap.add_argument("--no-write", action="store_true", help="do not write benchmarks/results/sentences.json")
    args = ap.parse_args(argv)

    parts: dict[str, list[tuple[str, str, Spans, set[int]]]] = {}
    for part in ["dev", "heldout", "challenge"] if args.heldout or args.errors == "heldout" else ["dev", "challenge"]:
        parts[part] = [(p.name, *load_gold(p)) for p in sorted((GOLD / part).glob("*.txt"))]
    seed = load_seed_gold()
    if seed is not None:
        parts["seed"] = [("seed", *seed)]

    split = splitters()
    results: dict = {"parts": {}, "speed": {}}
    print(f"{'part':8} {'splitter':30} {'sent':>5} {'P':>6} {'R':>6} {'F1':>6} | {'inside P':>8} {'R':>6} {'F1':>6}")
    for part, docs in parts.items():
        results["parts"][part] = {"documents": len(docs)}
        for name, fn in split.items():
            r = score(docs, fn)
            a, i = r["all"], r["inside"]
            print(f"{part:8} {name:30} {r['sentences']:5d} {a['precision']:6.3f} {a['recall']:6.3f} {a['f1']:6.3f} | "
                  f"{i['precision']:8.3f} {i['recall']:6.3f} {i['f1']:6.3f}")
            results["parts"][part][name] = {k: v for k, v in r.items() if k != "errors"}
            if args.errors == part and name == "newsframe":
                for e in r["errors"]:
                    print("   ", *e)
    if args.heldout:
        both = parts["dev"] + parts["heldout"]
        results["parts"]["dev+heldout"] = {"documents": len(both)}
        for name, fn in split.items():
            r = score(both, fn)
            results["parts"]["dev+heldout"][name] = {k: v for k, v in r.items() if k != "errors"}
            print(f"{'all':8} {name:30} {r['sentences']:5d} {r['all']['precision']:6.3f} {r['all']['recall']:6.3f} "
                  f"{r['all']['f1']:6.3f} | {r['inside']['precision']:8.3f} {r['inside']['recall']:6.3f} {r['inside']['f1']:6.3f}")

    if not args.no_speed:
        sys.path.insert(0, str(ROOT / "src"))
        from newsframe import text as nt

        rules = nt.load_sentence_rules()
        gold_texts = [d[1] for docs in parts.values() for d in docs]
        n_sent = sum(len(d[2]) for docs in parts.values() for d in docs)
        print("\nsentences per second on the gold texts")
        for name, fn in split.items():
            sec = timed(lambda: [fn(t) for t in gold_texts])
            results["speed"].setdefault("sentences_per_second", {})[name] = n_sent / sec
            print(f"  {name:30} {n_sent / sec:10.0f}")

        texts = {"seed": seed[0] if seed else None}
        gt = BENCHDATA / "pages" / "ground-truth.json"
        if gt.exists():
            bodies = json.loads(gt.read_text(encoding="utf-8"))
            texts["pages_61_bodies"] = "\n\n".join(v["articleBody"] for _, v in sorted(bodies.items()))
        else:
            print(f"  (no {gt}: long-text timing skipped; set NEWSFRAME_BENCHDATA)")
        word_re = re.compile(r"\w+")
        print("\nmicroseconds per word (words = tokenize_words tokens)")
        for label, text in texts.items():
            if not text:
                continue
            n_words = len(nt.tokenize_words(text))
            t_split = timed(lambda: nt._split_cached.__wrapped__(text, rules))
            t_tok = timed(lambda: nt.tokenize_words(text))
            t_ref = timed(lambda: word_re.findall(text))
            row = {
                "words": n_words,
                "split_sentences_us_per_word": t_split / n_words * 1e6,
                "tokenize_words_us_per_word": t_tok / n_words * 1e6,
                "split_plus_tokenize_us_per_word": (t_split + t_tok) / n_words * 1e6,
                "reference_findall_w_us_per_word": t_ref / n_words * 1e6,
                "ratio_to_reference": (t_split + t_tok) / t_ref,
            }
            results["speed"][label] = row
            print(f"  {label:16} {n_words:7d} words: split {row['split_sentences_us_per_word']:.3f} + tokenize "
                  f"{row['tokenize_words_us_per_word']:.3f} = {row['split_plus_tokenize_us_per_word']:.3f} µs/word "
                  f"(reference re.findall(r'\\w+') {row['reference_findall_w_us_per_word']:.3f} µs/word, "
                  f"ratio {row['ratio_to_reference']:.1f}x)")
        try:
            load = os.getloadavg()[0]
        except OSError:
            load = float("nan")
        results["speed"]["machine"] = {"python": platform.python_version(), "load_average_1min": load,
                                       "cpus": os.cpu_count()}

    import nltk

    versions = {"nltk": nltk.__version__}
    try:
        import syntok

        versions["syntok"] = getattr(syntok, "__version__", "1.4.4")
    except ImportError:
        pass
    results["versions"] = versions
    results["protocol"] = (
        "boundary = end offset of every sentence but a document's last; micro P/R/F1 over documents; "
        "'inside' = boundaries not at a paragraph break; baselines run per paragraph"
    )
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        tmp = RESULTS.with_suffix(".tmp")
        tmp.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        tmp.replace(RESULTS)
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
