"""Quotation extraction: precision and recall on hand-coded quotations, and speed.

Usage::

    python benchmarks/bench_quotes.py                 # the shipped example file
    python benchmarks/bench_quotes.py my_coded.jsonl  # your own coded data (one or more files)

Data format (JSON Lines, one article per line; UTF-8)::

    {"id": "a1",                       # optional
     "published": "2024-03-05",        # optional, ISO date (resolves role phrases)
     "text": "“We will go,” said Ann Lee.\\n\\nShe left.",
     "quotes": [{"start": 1, "end": 11, "speaker": "Ann Lee"}]}

``text`` is the story body with paragraphs separated by a blank line. Each coded
quotation gives the character offsets of the quoted words (without the quotation
marks) in ``text`` and the speaker's full name (``null`` when the article does not say
who speaks). Code speech and writing only — full quotations, partial quotations
("called the plan “reckless”") and continuations — not titles or scare quotes. A
quotation that runs over several paragraphs is coded once per paragraph.

Scoring: a predicted quotation matches a coded one when their character spans overlap
by at least half of the longer span (one-to-one, largest overlap first). Reported:

- span precision / recall / F1 — matched quotations, whoever the speaker;
- attributed precision / recall / F1 — matched *and* the same speaker (names compared
  case-insensitively, a leading "the" ignored; ``null`` equals ``null``);
- speaker accuracy on matched quotations;
- speed in µs per word of ``extract_quotes`` plus ``find_actors`` (best of several
  runs, caches cleared), next to ``split_sentences`` on the same text as a reference.

Writes ``benchmarks/results/quotes.json``. Coded quotation data from elsewhere can be
added under ``$NEWSFRAME_BENCHDATA/quotes/*.jsonl`` (default ``../shared/benchdata``);
every such file is scored as a separate data set.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE / "data" / "quotes_example.jsonl"
RESULTS = HERE / "results" / "quotes.json"
BENCHDATA = Path(os.environ.get("NEWSFRAME_BENCHDATA", Path(__file__).resolve().parents[2] / "shared" / "benchdata"))


def read_jsonl(path: Path) -> list[dict]:
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            sys.exit(f"{path}:{n}: not valid JSON ({exc})")
        if not isinstance(doc.get("text"), str) or not isinstance(doc.get("quotes"), list):
            sys.exit(f"{path}:{n}: each line needs a 'text' string and a 'quotes' list")
        for q in doc["quotes"]:
            if not (isinstance(q.get("start"), int) and isinstance(q.get("end"), int) and 0 <= q["start"] < q["end"] <= len(doc["text"])):
                sys.exit(f"{path}:{n}: quote {q} needs integer 'start' < 'end' within the text")
        docs.append(doc)
    return docs


def norm_speaker(name):
    if name is None:
        return None
    name = " ".join(str(name).replace("\u2019", "'").split()).casefold()
    return name[4:] if name.startswith("the ") else name


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            longer = max(g["end"] - g["start"], p["end"] - p["start"])
            if overlap > 0 and overlap >= 0.5 * longer:
                pairs.append((overlap, i, j))
    used_g, used_p, out = set(), set(), []
    for _, i, j in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else float("nan")
    r = tp / n_gold if n_gold else float("nan")
    f = 2 * p * r / (p + r) if n_pred and n_gold and (p + r) else 0.0
    return {"precision": p, "recall": r, "f1": f}


def score(docs: list[dict]) -> tuple[dict, list[dict]]:
    from newsframe.ingest import Article
    from newsframe.quotes import extract_quotes

    n_gold = n_pred = tp_span = tp_speaker = 0
    errors = []
    for doc in docs:
        text = doc["text"]
        art = Article.from_text(text, id=str(doc.get("id", "doc")), published=doc.get("published"))
        source = art if art.text == text else text  # keep the coded offsets valid
        pred = [{"start": q.start, "end": q.end, "speaker": q.speaker, "kind": q.kind} for q in extract_quotes(source)]
        gold = doc["quotes"]
        pairs = match(gold, pred)
        n_gold += len(gold)
        n_pred += len(pred)
        tp_span += len(pairs)
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        for i, j in pairs:
            if norm_speaker(gold[i].get("speaker")) == norm_speaker(pred[j]["speaker"]):
                tp_speaker += 1
            else:
                errors.append({"id": doc.get("id"), "error": "speaker", "quote": text[gold[i]["start"]:gold[i]["end"]][:60],
                               "gold": gold[i].get("speaker"), "predicted": pred[j]["speaker"]})
        for i, g in enumerate(gold):
            if i not in matched_g:
                errors.append({"id": doc.get("id"), "error": "missed", "quote": text[g["start"]:g["end"]][:60],
                               "gold": g.get("speaker"), "predicted": None})
        for j, p in enumerate(pred):
            if j not in matched_p:
                errors.append({"id": doc.get("id"), "error": "spurious", "quote": text[p["start"]:p["end"]][:60],
                               "gold": None, "predicted": p["speaker"]})
    result = {
        "documents": len(docs),
        "gold_quotes": n_gold,
        "predicted_quotes": n_pred,
        "span": prf(tp_span, n_pred, n_gold),
        "attributed": prf(tp_speaker, n_pred, n_gold),
        "speaker_accuracy_on_matched": tp_speaker / tp_span if tp_span else float("nan"),
    }
    return result, errors


def speed(texts: list[str], reps: int = 9) -> dict:
    from newsframe import actors, quotes, text as text_mod
    from newsframe.ingest import Article

    arts = [Article.from_text(t, id=f"d{i}") for i, t in enumerate(texts)]
    words = sum(len(text_mod.tokenize_words(a.text)) for a in arts)

    def clear():
        quotes._extract.cache_clear()
        actors._mentions_cached.cache_clear()
        for name in ("_split_cached", "_split_text_cached"):
            fn = getattr(text_mod, name, None)
            if fn is not None and hasattr(fn, "cache_clear"):
                fn.cache_clear()

    def best(fn) -> float:
        times = []
        for _ in range(reps):
            clear()
            t0 = time.perf_counter()
            for a in arts:
                fn(a)
            times.append(time.perf_counter() - t0)
        return min(times)

    for a in arts:  # warm up imports and compiled patterns
        quotes.extract_quotes(a)
        actors.find_actors(a)
    t_sent = best(lambda a: text_mod.split_sentences(a))
    t_act = best(lambda a: actors.find_actors(a))
    t_all = best(lambda a: (quotes.extract_quotes(a), actors.find_actors(a)))
    return {
        "words": words,
        "split_sentences_us_per_word": t_sent * 1e6 / words,
        "find_actors_us_per_word": t_act * 1e6 / words,
        "extract_quotes_plus_find_actors_us_per_word": t_all * 1e6 / words,
        # machine-independent-ish: cost relative to sentence splitting measured in the same run
        "extract_quotes_plus_find_actors_per_split_sentences": t_all / t_sent,
    }


def main(argv: list[str]) -> int:
    sets: list[tuple[str, Path]] = []
    if argv:
        for arg in argv:
            p = Path(arg)
            if not p.is_file():
                sys.exit(f"no such file: {p} (expected coded quotations as JSON Lines; see the docstring)")
            sets.append((p.stem, p))
    else:
        if not EXAMPLE.is_file():
            sys.exit(f"example data missing: {EXAMPLE}")
        sets.append(("example (hand-made, 25 snippets)", EXAMPLE))
        extra = BENCHDATA / "quotes"
        if extra.is_dir():
            sets += [(f"benchdata/{p.stem}", p) for p in sorted(extra.glob("*.jsonl"))]
        else:
            print(f"(no coded quotation data under {extra}; scoring the shipped example only)")

    results: dict = {"protocol": "span match = overlap >= 0.5 x longer span, one-to-one; "
                                 "attributed = span match and same speaker (case-insensitive, leading 'the' ignored)",
                     "datasets": {}}
    print(f"{'data set':36} {'docs':>4} {'gold':>5} {'pred':>5} | {'span P':>6} {'R':>6} {'F1':>6} | {'attr P':>6} {'R':>6} {'F1':>6}")
    all_errors = {}
    for name, path in sets:
        docs = read_jsonl(path)
        res, errors = score(docs)
        results["datasets"][name] = res
        all_errors[name] = errors
        s, a = res["span"], res["attributed"]
        print(f"{name[:36]:36} {res['documents']:>4} {res['gold_quotes']:>5} {res['predicted_quotes']:>5} | "
              f"{s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} | {a['precision']:6.3f} {a['recall']:6.3f} {a['f1']:6.3f}")
    for name, errors in all_errors.items():
        if errors:
            print(f"\nerrors in {name}:")
            for e in errors:
                print(f"  {e['id']}: {e['error']:8} {e['quote']!r} gold={e['gold']!r} predicted={e['predicted']!r}")

    seed = Path(__file__).resolve().parents[1] / "data" / "raw" / "2023-09-rossomando-north-korea-russia-real-allies.txt"
    corpora: dict[str, list[str]] = {}
    if seed.is_file():
        from newsframe.ingest import load_article

        corpora["seed article"] = [load_article(seed).text]
    corpora["example file"] = [d["text"] for d in read_jsonl(EXAMPLE)]
    pages = BENCHDATA / "pages" / "ground-truth.json"
    if pages.is_file():  # 61 real news story bodies (the story-extraction benchmark's gold)
        bodies = json.loads(pages.read_text(encoding="utf-8"))
        corpora["61 news pages (benchdata)"] = [v["articleBody"] for _, v in sorted(bodies.items())
                                               if (v.get("articleBody") or "").strip()]
    results["speed"] = {}
    print("\nspeed, µs per word (best of several runs, caches cleared; sentence splitting is part of find_actors):")
    print(f"{'text':28} {'words':>7} {'quotes+actors':>14} {'find_actors':>12} {'split_sentences':>16} {'ratio':>6}")
    for name, texts in corpora.items():
        sp = speed(texts)
        results["speed"][name] = sp
        print(f"{name:28} {sp['words']:>7} {sp['extract_quotes_plus_find_actors_us_per_word']:>14.2f} "
              f"{sp['find_actors_us_per_word']:>12.2f} {sp['split_sentences_us_per_word']:>16.2f} "
              f"{sp['extract_quotes_plus_find_actors_per_split_sentences']:>6.1f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    tmp = RESULTS.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, RESULTS)
    print(f"wrote {RESULTS.relative_to(Path(__file__).resolve().parents[1])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
