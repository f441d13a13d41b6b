"""The reader's view: findings, summary tables and figure, comparison, and the HTML page.

Most tests use a record enriched with synthetic analysis keys (shaped as the JSON
contract says) so they test the page itself, whatever analysis modules are installed;
a few use the real record of the seed article.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from newsframe.ingest import Article
from newsframe.pipeline import article_record
from newsframe.report import (
    SENTIMENT_BACKGROUNDS,
    SENTIMENT_BINS,
    ArticleView,
    analyses_present,
    article_from_record,
    compare_articles,
    comparison_records,
    comparison_tables,
    findings,
    keyness_table,
    render_html,
    structure_table,
    summary_figure,
    summary_tables,
    write_report,
)

ROOT = Path(__file__).resolve().parents[1]

TEXT = """The summit opened in Vladivostok on Tuesday, and Vladimir Putin welcomed Kim Jong Un warmly.

"We will stand together against every threat," Putin said. Kim called the talks "a great victory for friendship."

War talk

Officials feared the war would spread. "Sanctions have failed and the attack was brutal," an analyst said, adding that Russia needed shells.

The economy of North Korea may gain from trade with Russia. Nobody knows what comes next."""


def enrich(rec: dict) -> dict:
    """Add synthetic analysis keys, shaped as INTERFACES.md specifies, to a base record."""
    rec = json.loads(json.dumps(rec))
    text = rec["text"]
    for s in rec["sentences"]:
        low = s["text"].lower()
        c = 0.0
        c += 0.6 if any(w in low for w in ("warmly", "victory", "friendship", "gain")) else 0.0
        c -= 0.7 if any(w in low for w in ("feared", "brutal", "failed", "threat")) else 0.0
        label = "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"
        s["sentiment"] = {"compound": c, "pos": max(c, 0.0), "neu": 1 - abs(c), "neg": max(-c, 0.0), "label": label}
        s["frames"] = []
        if any(w in low for w in ("war", "attack", "shells", "threat")):
            i = low.find("war") if "war" in low else 0
            s["frames"].append({"frame": "conflict", "codebook": "generic",
                                "cues": [{"start": s["start"] + i, "end": s["start"] + i + 3, "text": s["text"][i:i + 3]}]})
        if any(w in low for w in ("economy", "trade", "sanctions")):
            s["frames"].append({"frame": "economic", "codebook": "generic", "cues": []})
    rec["sentiment"] = {"mean": 0.0, "tone": "mixed", "polarity": 0.5}
    rec["actor_sentiment"] = [
        {"actor": "Vladimir Putin", "mentions": 3, "mean": 0.2, "negative_share": 0.3, "positive_share": 0.3},
        {"actor": "Russia", "mentions": 3, "mean": -0.35, "negative_share": 0.5, "positive_share": 0.0},
    ]
    rec["frames"] = [
        {"frame": "conflict", "codebook": "generic", "score": 0.5, "present": True},
        {"frame": "economic", "codebook": "generic", "score": 0.25, "present": True},
        {"frame": "morality", "codebook": "generic", "score": 0.0, "present": False},
    ]
    quotes = []
    for m in re.finditer(r'"([^"]+)"', text):
        after = text[m.end():m.end() + 25]
        before = text[max(0, m.start() - 30):m.start()]
        speaker = "Vladimir Putin" if "Putin" in after else "Kim Jong Un" if "Kim" in before else None
        quotes.append({"text": m.group(1), "start": m.start(1), "end": m.end(1), "speaker": speaker,
                       "cue": "said" if speaker != "Kim Jong Un" else "called", "kind": "full"})
    rec["quotes"] = quotes
    rec["actors"] = [
        {"actor": "Russia", "type": "country", "country": "Russia", "mentions": 2},
        {"actor": "Vladimir Putin", "type": "person", "country": "Russia", "mentions": 2},
        {"actor": "Kim Jong Un", "type": "person", "country": "North Korea", "mentions": 2},
        {"actor": "North Korea", "type": "country", "country": "North Korea", "mentions": 1},
    ]
    rec["keywords"] = [
        {"term": "summit", "score": 0.9, "rank": 1, "method": "tfidf"},
        {"term": "war", "score": 0.7, "rank": 2, "method": "tfidf"},
        {"term": "trade", "score": 0.4, "rank": 3, "method": "tfidf"},
    ]
    return rec


@pytest.fixture(scope="module")
def base_record() -> dict:
    art = Article.from_text(TEXT, id="summit-story", title="Leaders <meet> & talk", author="A. Writer")
    rec = article_record(art, analyses=())
    # give it a subheading, as ingest does for real pages
    return rec


@pytest.fixture(scope="module")
def rich_record(base_record) -> dict:
    return enrich(base_record)


@pytest.fixture(scope="module")
def rich_html(rich_record) -> str:
    return render_html(rich_record, figure=False)


class Tree(HTMLParser):
    """Minimal DOM: elements with attributes, text, and the classes of their ancestors."""

    VOID = {"meta", "img", "br", "hr", "link", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.elements: list[dict] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": [], "classes": set((dict(attrs).get("class") or "").split()),
              "ancestors": [e for e in self.stack]}
        self.elements.append(el)
        if tag not in self.VOID:
            self.stack.append(el)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1]["tag"] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1]['tag'] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        for el in self.stack:
            el["text"].append((data, [e for e in self.stack]))


def parse(html: str) -> Tree:
    t = Tree()
    t.feed(html)
    t.close()
    return t


def visible_text(el: dict, skip=("nf-tip", "nf-who", "nf-frames", "nf-sr")) -> str:
    """Text of an element without tooltips, speaker tags and frame chips."""
    return "".join(d for d, chain in el["text"] if not any(c in skip for e in chain for c in e["classes"]))


def norm(s: str) -> str:
    return " ".join(s.split())


# --------------------------------------------------------------------------- the page


def test_page_is_self_contained(rich_record):
    page = render_html(rich_record, figure=True)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, flags=re.I)
    assert "<link" not in page.lower()
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"<script[^>]*\bsrc=", page, flags=re.I)
    assert "@font-face" not in page
    # the figure is embedded as a PNG
    m = re.search(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert m and len(m.group(1)) > 5000
    import base64

    assert base64.b64decode(m.group(1))[:8] == b"\x89PNG\r\n\x1a\n"


def test_html_is_well_nested_and_ids_unique(rich_html):
    tree = parse(rich_html)
    assert not tree.errors, tree.errors[:3]
    ids = [e["attrs"]["id"] for e in tree.elements if "id" in e["attrs"]]
    assert len(ids) == len(set(ids))


def test_every_quote_appears_with_its_speaker(rich_record, rich_html):
    tree = parse(rich_html)
    quotes = sorted(rich_record["quotes"], key=lambda q: (q["start"], q["end"]))
    assert len(quotes) == 3
    pieces: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for el in tree.elements:
        qi = el["attrs"].get("data-quote")
        if qi is None:
            continue
        if "nf-q" in el["classes"]:
            pieces.setdefault(qi, []).append(visible_text(el))
        elif "nf-who" in el["classes"]:
            labels[qi] = visible_text(el, skip=("nf-sr",))
    rows = {(norm(visible_text(e)), e["attrs"]["data-start"]) for e in tree.elements if e["tag"] == "tr" and "data-start" in e["attrs"]}
    for qi, q in enumerate(quotes):
        assert norm(" ".join(pieces[str(qi)])) == norm(q["text"])
        assert labels[str(qi)] == (q["speaker"] or "unattributed")
        assert any(str(q["start"]) == start and (q["speaker"] or "unattributed") in row and norm(q["text"]) in row
                   for row, start in rows)


def test_text_survives_annotation_unchanged(rich_record, rich_html):
    """Strip the annotations and every paragraph reads exactly as in the record."""
    tree = parse(rich_html)
    paras = {e["attrs"]["id"]: e for e in tree.elements if e["tag"] == "p" and re.search(r"-p\d+$", e["attrs"].get("id", ""))}
    assert len(paras) == len(rich_record["paragraphs"])
    for p in rich_record["paragraphs"]:
        el = next(v for k, v in paras.items() if k.endswith(f"-p{p['index']}"))
        assert visible_text(el) == p["text"]


def test_sentence_spans_are_focusable_with_tooltips(rich_record, rich_html):
    tree = parse(rich_html)
    by_id = {e["attrs"]["id"]: e for e in tree.elements if "id" in e["attrs"]}
    spans = [e for e in tree.elements if "nf-s" in e["classes"] and "data-sentence" in e["attrs"]]
    assert len(spans) == len(rich_record["sentences"])
    for s, span in zip(rich_record["sentences"], spans):
        assert span["attrs"]["tabindex"] == "0"
        tip = by_id[span["attrs"]["aria-describedby"]]
        assert tip["attrs"]["role"] == "tooltip"
        tip_text = visible_text(tip, skip=())
        assert f"Sentence {s['index'] + 1} of {len(rich_record['sentences'])}" in tip_text
        assert s["sentiment"]["label"] in tip_text  # the label in words, not colour alone
        for f in s["frames"]:
            assert f["frame"] in tip_text
    assert ":focus" in rich_html and "nf-s:focus>.nf-tip" in rich_html


def test_sentiment_is_not_colour_alone(rich_record, rich_html):
    tree = parse(rich_html)
    spans = {e["attrs"]["data-sentence"]: e for e in tree.elements if "data-sentence" in e["attrs"]}
    for s in rich_record["sentences"]:
        c = s["sentiment"]["compound"]
        cls = next(b[0] for b in SENTIMENT_BINS if b[3] <= c < b[4])
        assert f"nf-{cls}" in spans[str(s["index"])]["classes"]
    for cls, _label, marker, _lo, _hi in SENTIMENT_BINS:
        if marker:  # a text marker drawn before the sentence, readable in greyscale
            assert re.search(rf"\.nf-{cls}::before\{{content:\"", rich_html)


def _luminance(hex_color: str) -> float:
    def ch(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_colour_contrast_meets_wcag_aa():
    for cls, bg in SENTIMENT_BACKGROUNDS.items():
        assert contrast("#1a1a1a", bg) >= 7.0, cls  # AAA for body text
    assert contrast("#ffffff", "#4a2377") >= 4.5  # speaker tag
    assert contrast("#ffffff", "#3b3b3b") >= 4.5  # frame tag
    assert contrast("#ffffff", "#1a1a1a") >= 4.5  # tooltip
    # positive and negative shades differ in hue, and each is distinguishable from white
    assert SENTIMENT_BACKGROUNDS["neg2"] != SENTIMENT_BACKGROUNDS["pos2"]
    assert contrast("#ffffff", SENTIMENT_BACKGROUNDS["neg2"]) > 1.3 and contrast("#ffffff", SENTIMENT_BACKGROUNDS["pos2"]) > 1.3


def test_semantic_structure(rich_html, rich_record):
    assert rich_html.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert rich_html.count("<h1") == 1 and "<main" in rich_html and "<article" in rich_html
    assert '<meta charset="utf-8">' in rich_html
    assert "<h2" in rich_html and "Quotes and speakers" in rich_html
    page = render_html(rich_record, figure=True)
    alt = re.search(r'<img [^>]*alt="([^"]+)"', page)
    assert alt and "sentiment arc" in alt.group(1)


def test_actors_and_keywords_are_marked(rich_html):
    tree = parse(rich_html)
    actors = {e["attrs"]["data-actor"] for e in tree.elements if "nf-actor" in e["classes"] and "data-actor" in e["attrs"]}
    kws = {visible_text(e).lower() for e in tree.elements if "nf-kw" in e["classes"] and "data-keyword" in e["attrs"]}
    assert {"Russia", "Vladimir Putin", "North Korea"} <= actors
    assert {"summit", "war", "trade"} <= kws
    frames = [visible_text(e, skip=()) for e in tree.elements if "nf-frame" in e["classes"]]
    assert "conflict" in frames and "economic" in frames


def test_escapes_markup_in_article_text():
    text = 'The bill says <script>alert("x")</script> & 3 > 2 < 5.\n\nA "quote <b>bold</b>" here, said Ann.'
    rec = article_record(Article.from_text(text, id="esc", title="<i>Title</i> & co"), analyses=())
    rec = dict(rec, quotes=[{"text": "quote <b>bold</b>", "start": text.index("quote <b>") - 2 + 2, "end": 0,
                             "speaker": "Ann <admin>", "cue": "said", "kind": "full"}])
    q = rec["quotes"][0]
    q["start"] = rec["text"].index("quote <b>")
    q["end"] = q["start"] + len(q["text"])
    page = render_html(rec, figure=False)
    body = page.split('<script type="application/json"')[0]
    assert "<script>alert" not in page and "<b>bold</b>" not in body and "<i>Title</i>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 3 &gt; 2 &lt; 5." in page
    assert "Ann &lt;admin&gt;" in page and "&lt;i&gt;Title&lt;/i&gt; &amp; co" in page
    data = re.search(r'<script type="application/json" id="nf-record">(.*?)</script>', page, flags=re.S).group(1)
    assert "<" not in data and ">" not in data
    assert json.loads(data)["text"] == rec["text"]
    assert not parse(page).errors


def test_deterministic_bytes(rich_record, tmp_path):
    a = render_html(rich_record, figure=True)
    b = render_html(json.loads(json.dumps(rich_record)), figure=True)
    assert a == b
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", a)  # no timestamps


def test_deterministic_across_processes(seed_path, tmp_path):
    """Same page from two processes with different hash seeds (real record, all installed modules)."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"page-{seed}.html"
        env = dict(os.environ, PYTHONHASHSEED=seed, MPLBACKEND="Agg")
        subprocess.run([sys.executable, "-m", "newsframe", "report", str(seed_path), "-o", str(out)],
                       check=True, env=env, capture_output=True, cwd=tmp_path)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_works_when_analysis_keys_are_missing(base_record):
    page = render_html(base_record, figure=True)
    assert not parse(page).errors
    assert "not available" in page
    assert 'class="nf-s nf-na"' in page
    assert "nf-q" not in page.split("<article")[1].split("</article>")[0]
    # only some keys: sentiment present, the rest missing
    rec = enrich(base_record)
    partial = {k: v for k, v in rec.items() if k not in ("quotes", "actors", "keywords", "frames", "actor_sentiment")}
    partial["sentences"] = [{k: v for k, v in s.items() if k != "frames"} for s in rec["sentences"]]
    page = render_html(partial, figure=False)
    assert "nf-neg" in page and "Quotes: not available" in page
    assert analyses_present(partial) == {"sentiment": True, "framing": False, "quotes": False, "actors": False,
                                         "keywords": False}


def test_quotes_key_present_but_empty(base_record):
    page = render_html(dict(base_record, quotes=[]), figure=False)
    assert "The article quotes no one directly." in page


def test_real_seed_record_renders(seed_article):
    rec = article_record(seed_article)
    page = render_html(rec, figure=False)
    tree = parse(page)
    assert not tree.errors
    for q in rec.get("quotes", []):
        assert _html_escape(q["speaker"] or "unattributed") in page
    paras = [e for e in tree.elements if e["tag"] == "p" and re.search(r"-p\d+$", e["attrs"].get("id", ""))]
    assert [visible_text(e) for e in paras] == [p["text"] for p in rec["paragraphs"]]


def _html_escape(s: str) -> str:
    import html

    return html.escape(s, quote=True)


def test_bad_input_raises():
    with pytest.raises(TypeError, match="Article or an article record"):
        render_html(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="keys"):
        render_html({"id": "x", "text": "hello"})
    with pytest.raises(TypeError):
        findings("just a string")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="window"):
        summary_tables({"id": "x", "text": "", "paragraphs": [], "sentences": []}, window=0)
    with pytest.raises(ValueError):
        keyness_table([], top_n=0)


def test_article_view_renders_inline(rich_record):
    view = ArticleView(rich_record)
    html = view._repr_html_()
    assert html.startswith('<div class="nf-report" lang="en"><style>')
    css = re.search(r"<style>(.*?)</style>", html, flags=re.S).group(1)
    selectors = [rule.split("{")[0] for rule in css.split("}") if "{" in rule]
    assert selectors and all(all(part.strip().startswith(".nf-report") for part in sel.split(",")) for sel in selectors)
    assert "<!DOCTYPE" not in html and "data:image/png" not in html
    assert repr(view) == "ArticleView('summit-story': 8 sentences)"


def test_write_report_is_atomic_and_complete(rich_record, tmp_path):
    out = write_report(rich_record, tmp_path / "sub" / "page.html", figure=False)
    assert out.read_text(encoding="utf-8") == render_html(rich_record, figure=False)
    assert [p.name for p in out.parent.iterdir()] == ["page.html"]


# --------------------------------------------------------------------------- findings and tables


def test_findings_follow_the_numbers(rich_record):
    lines = findings(rich_record)
    assert lines[0] == "The article has 5 paragraphs, 8 sentences and 73 words."
    tone = next(line for line in lines if line.startswith("Its tone is mixed"))
    c = [s["sentiment"]["compound"] for s in rich_record["sentences"]]
    neg = sum(x <= -0.05 for x in c) / len(c)
    assert f"{neg:.0%} of sentences are negative" in tone
    assert any(line.startswith("The dominant frame is conflict (score 0.50), followed by economic (0.25)")
               for line in lines)
    voice = next(line for line in lines if line.startswith("It quotes 3 passages from 2 named speakers"))
    assert "could not be attributed" in voice
    assert any("sentences about Russia are the most negative" in line for line in lines)
    assert any(line == "Its top keywords are summit, war and trade." for line in lines)
    assert "The most mentioned actors are Kim Jong Un (2 mentions), Russia (2), Vladimir Putin (2) and North Korea (1)." in lines
    assert "The most negative sentence (\u22120.70) is number 5: \u201cOfficials feared the war would spread.\u201d" in lines
    assert "Sentiment falls from +0.28 in the first half to \u22120.20 in the second." in lines
    assert not any(line.startswith("Not available") for line in lines)


def test_findings_name_what_is_missing(base_record):
    lines = findings(base_record)
    assert lines[-1] == "Not available (module did not run): sentiment, framing, quotes, actors, keywords."
    assert len(lines) == 2


def test_summary_tables_shapes_and_invariants(rich_record):
    t = summary_tables(rich_record)
    arc = t["sentiment_arc"]
    assert list(arc.columns) == ["sentence", "paragraph", "section", "compound", "label", "rolling"]
    assert arc["compound"].between(-1, 1).all() and len(arc) == 8
    assert arc["rolling"].between(arc["compound"].min(), arc["compound"].max()).all()
    fbs = t["frames_by_section"]
    per_sentence = sum(len(s["frames"]) for s in rich_record["sentences"])
    assert fbs["sentences"].sum() == per_sentence
    v = t["voice_share"]
    assert math.isclose(v["share"].sum(), 1.0) and v["words"].is_monotonic_decreasing
    assert t["keywords"]["rank"].tolist() == [1, 2, 3]
    assert summary_tables(article_record(Article.from_text("A. B.", id="x"), analyses=()))["voice_share"] is None


def test_structure_table(base_record):
    t = structure_table(base_record)
    assert t["words"].sum() == len(base_record["text"].split())
    assert t["sentences"].sum() == len(base_record["sentences"])


def test_summary_figure_has_four_panels_and_marks_missing(base_record, rich_record):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = summary_figure(base_record)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert sum(t.startswith("not available") for t in texts) == 4
    plt.close(fig)
    fig = summary_figure(rich_record)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert not any(t.startswith("not available") for t in texts)
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Sentiment arc", "Frames by section", "Voice share",
                                                             "Top keywords"]
    plt.close(fig)


def test_keyness_direction():
    a = Article.from_text("Missiles missiles missiles launched. Missiles again and tanks.", id="a")
    b = Article.from_text("Grain grain grain exports. Prices of grain and tanks.", id="b")
    t = keyness_table([a, b], min_count=1)
    assert set(t.columns) == {"article_id", "term", "count", "keyness", "rank"}
    top = t.sort_values(["article_id", "rank"]).groupby("article_id")["term"].first().to_dict()
    assert top == {"a": "missiles", "b": "grain"}
    assert (t["keyness"] >= 0).all()
    z = dict(zip(t["term"], t["keyness"]))
    assert z.get("tanks", 0.0) < z["missiles"] / 2  # about as frequent in both: barely distinctive
    assert t.groupby("article_id")["keyness"].apply(lambda k: k.is_monotonic_decreasing).all()
    assert keyness_table([a]).empty


def test_compare_articles_one_and_many(rich_record, base_record, tmp_path):
    one = compare_articles([rich_record])
    assert len(one) == 1 and one.loc[0, "distinctive_words"] == ""
    other = enrich(article_record(Article.from_text("Grain prices rose on grain exports. Farmers cheered.", id="grain"),
                                  analyses=()))
    many = compare_articles([rich_record, other])
    assert many["article_id"].tolist() == ["summit-story", "grain"]
    assert many.loc[0, "dominant_frame"] == "conflict"
    assert "grain" in many.loc[1, "distinctive_words"]
    tables = comparison_tables([rich_record, other])
    assert set(tables["tone"]["article_id"]) == {"summit-story", "grain"}
    assert isinstance(tables["keyness"], pd.DataFrame) and len(tables["keyness"])
    # a record without analyses: tables say so with None
    assert comparison_tables([base_record])["voices"] is None


def test_comparison_records_put_the_article_first(tmp_path):
    for name in ("alpha", "beta", "gamma"):
        (tmp_path / f"{name}.txt").write_text(
            f"Headline {name}\n\nThe story about {name} starts here and runs a while. It ends quietly today.\n",
            encoding="utf-8")
    recs = comparison_records(tmp_path / "gamma.txt", tmp_path)
    assert [r["id"] for r in recs] == ["gamma", "alpha", "beta"]
    assert [r["id"] for r in comparison_records(tmp_path / "beta.txt", None)] == ["beta"]


def test_article_from_record_round_trip(seed_article):
    rec = article_record(seed_article, analyses=())
    art = article_from_record(rec)
    assert art.text == seed_article.text and art.paragraphs == seed_article.paragraphs


# --------------------------------------------------------------------------- CLI


def test_cli_report_writes_page(seed_path, tmp_path, capsys):
    from newsframe.cli import main

    out = tmp_path / "seed.html"
    assert main(["report", str(seed_path), "-o", str(out), "--no-figure"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "North Korea and Russia Now Look Like Real Allies" in page
    assert str(out) in capsys.readouterr().out


def test_cli_report_missing_file(tmp_path, capsys):
    from newsframe.cli import main

    assert main(["report", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "x.html")]) == 2
    assert "nope.txt" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_record_and_article_together(seed_article):
    rec = article_record(seed_article, analyses=())
    assert render_html(seed_article, record=rec, figure=False) == render_html(rec, figure=False)
    other = article_record(Article.from_text("Something else entirely.", id="x"), analyses=())
    with pytest.raises(ValueError, match="texts differ"):
        render_html(seed_article, record=other, figure=False)
    with pytest.raises(TypeError, match="only together with an Article"):
        render_html(rec, record=rec, figure=False)
