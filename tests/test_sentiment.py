"""Tests of newsframe.sentiment: properties first, then golden values on the seed article."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest

from newsframe.ingest import Article
from newsframe.sentiment import _vader_pass, _vader_reference_valences  # the VADER pass and its reference
from newsframe.sentiment import (
    ACTOR_COLUMNS,
    ACTOR_MENTION_COLUMNS,
    AGGREGATE_COLUMNS,
    AUTHOR,
    LABELS,
    LEAD,
    SENTENCE_COLUMNS,
    TARGET_FEATURES,
    VOICE_COLUMNS,
    VOICE_SEGMENT_COLUMNS,
    Sentiment,
    actor_sentiment,
    agreement_table,
    aggregate,
    article_table,
    load_target_model,
    load_target_rules,
    method_agreement,
    paragraph_table,
    record_fields,
    score_afinn,
    score_sentences,
    score_text,
    section_table,
    sentence_table,
    target_features,
    target_sentiment,
    tone,
    voice_segments,
    voice_sentiment,
)
from newsframe.text import split_sentences

TRAPS = [
    "The summit was a great success.",
    "They don’t like it.",
    "“No,” he said.He left.",
    "The U.S. Gen. Smith was furious!!!",
    "GOOD GOOD GOOD news, bad bad news",
    "Das ist sehr gut und nicht schlecht.",
    "<p>A <b>terrible</b> day</p>",
    "An unbalanced “quote, and a sad story",
    "good good good good good good good good good good good good good",
    "It is not bad, but it is not great either.",
]


def _nan(x: float) -> bool:
    return isinstance(x, float) and math.isnan(x)


# --------------------------------------------------------------------------- score_text

@pytest.mark.parametrize("text", TRAPS)
def test_score_text_bounds_and_label(text):
    s = score_text(text)
    assert isinstance(s, Sentiment)
    assert -1.0 <= s.compound <= 1.0
    for share in (s.pos, s.neu, s.neg):
        assert 0.0 <= share <= 1.0
    assert s.pos + s.neu + s.neg == pytest.approx(1.0, abs=0.01)
    expected = "positive" if s.compound >= 0.05 else "negative" if s.compound <= -0.05 else "neutral"
    assert s.label == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "—", "“ ” …", "!!!"])
def test_empty_text_is_nan_not_neutral(text):
    s = score_text(text)
    assert all(_nan(v) for v in (s.compound, s.pos, s.neu, s.neg))
    assert s.label is None
    assert _nan(score_afinn(text))
    t = tone(text)
    assert _nan(t.tone) and _nan(t.polarity) and t.word_count == 0


@pytest.mark.parametrize("bad", [None, 3, b"bytes", ["list"]])
def test_score_text_garbage_raises_type_error(bad):
    with pytest.raises(TypeError, match="str"):
        score_text(bad)
    with pytest.raises(TypeError):
        score_afinn(bad)


def test_curly_apostrophe_negation_is_read():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    curly, straight = "They don’t like it.", "They don't like it."
    assert SentimentIntensityAnalyzer().polarity_scores(curly)["compound"] > 0  # the bug we guard against
    assert score_text(curly) == score_text(straight)
    assert score_text(curly).label == "negative"


# VADER's rules, each near the start, middle and end of a long sentence, so that
# newsframe.sentiment's restatement of VADER's per-token rules is checked against VADER's own.
_VADER_RULE_CASES = [
    "The plan is not good", "It was no good at all", "No one was happy or glad",
    "The deal is very good", "The talks were sort of helpful", "It was kind of a disaster",
    "It was the least bad option", "At least it was fine", "It was never so good",
    "The result was without doubt great", "That movie was the bomb", "It was the kiss of death",
    "They were GREAT while others were fine", "The summit was good but the deal was bad",
    "It wasn't bad, it wasn't good", "Hardly a success and barely a win",
    "It was VERY good while the others were calm", "No problem or worry at all",
    "It was never this bad", "That was bad ass", "He was under the weather but happy",
    "It is NOT a GOOD deal", "The least good outcome, very least happy",
    "Was it good?? It was great!!!", "Why so bad? Who knows???? Awful!!!!!",
]


_PAD = "the delegation travelled by train across the eastern region for several days"


@pytest.mark.parametrize("case", _VADER_RULE_CASES)
@pytest.mark.parametrize("where", ["alone", "start", "middle", "end"])
def test_vader_scores_equal_vaders_own(case, where):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    text = {"alone": case + ".", "start": f"{case}, and {_PAD}.", "middle": f"{_PAD}, {case}, and {_PAD}.",
            "end": f"{_PAD}, and {case}!"}[where]
    ours = score_text(text)
    theirs = SentimentIntensityAnalyzer().polarity_scores(text)
    assert (ours.compound, ours.pos, ours.neu, ours.neg) == (
        theirs["compound"], theirs["pos"], theirs["neu"], theirs["neg"])
    vp = _vader_pass(text)  # the per-token valences targeted sentiment reads
    assert (list(vp.toks), list(vp.raw)) == _vader_reference_valences(text)


@pytest.mark.parametrize("text", [
    "Putin is good but bad " * 40,
    f"{_PAD}, it was good and great, but {_PAD} was bad and awful, not good at all. " * 4,
    "good bad " * 50 + "but " + "good great GOOD " * 40,
])
def test_but_in_a_long_sentence_equals_vaders_own(text):
    # over 64 tokens VADER's "but" weighting finds each value's first occurrence in a heap
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    ours = score_text(text)
    theirs = SentimentIntensityAnalyzer().polarity_scores(text)
    assert (ours.compound, ours.pos, ours.neu, ours.neg) == (
        theirs["compound"], theirs["pos"], theirs["neu"], theirs["neg"])


def test_but_check_equals_its_plain_definition_on_long_lists():
    import random

    from newsframe.sentiment import _but_check

    def plain(bi: int, sentiments: list[float]) -> list[float]:
        for sentiment in sentiments:
            si = sentiments.index(sentiment)
            if si < bi:
                sentiments[si] = sentiment * 0.5
            elif si > bi:
                sentiments[si] = sentiment * 1.5
        return sentiments

    rng = random.Random(5)
    values = [0.0, -0.0, 1.9, -1.9, 0.95, 2.85, 1.425, 3.8, 0.475, -0.95, 0.7125]
    for _ in range(300):
        n = rng.randint(65, 200)
        sentiments = [rng.choice(values) for _ in range(n)]
        low = ["x"] * n
        bi = rng.randrange(n)
        low[bi] = "but"
        expected = plain(bi, list(sentiments))
        got = _but_check(low, list(sentiments))
        assert got == expected and list(map(str, got)) == list(map(str, expected))  # -0.0 too


def test_but_in_a_very_long_sentence_is_scored_in_linear_time():
    # 50,000 tokens: VADER's index() per token took 9 s; the same scores
    assert score_text("Putin is good but bad " * 10000) == Sentiment(-1.0, 0.332, 0.259, 0.409, "negative")


@pytest.mark.parametrize("positive,negated", [
    ("The plan is good.", "The plan is not good."),
    ("Their cooperation was a success.", "Their cooperation was not a success."),
    ("He is a great leader.", "He is not a great leader."),
    ("Voters like it.", "Voters do not like it."),
    ("Voters like it.", "Voters don’t like it."),
])
def test_adding_not_flips_or_lowers_a_positive(positive, negated):
    before, after = score_text(positive), score_text(negated)
    assert before.label == "positive"
    assert after.compound < before.compound
    assert after.label != "positive"


@pytest.mark.parametrize("negative,negated", [
    ("The plan is bad.", "The plan is not bad."),
    ("The talks were a failure.", "The talks were not a failure."),
])
def test_adding_not_raises_a_negative(negative, negated):
    assert score_text(negated).compound > score_text(negative).compound


def test_repeated_words_are_scored_in_place():
    # NLTK's port reads the negation before the *second* "good" at the first one's position
    assert score_text("It was good, and it was not good.").compound < score_text("It was good, and it was good.").compound


def test_score_afinn_matches_the_afinn_package():
    from afinn import Afinn

    af = Afinn()
    for text in TRAPS + ["This does not work at all", "cool stuff", "I can't stand it", "fed up and screwed up"]:
        if any(ch.isalnum() for ch in text):
            assert score_afinn(text) == af.score(text.replace("’", "'").replace("“", '"').replace("”", '"'))


# --------------------------------------------------------------------------- sentences and aggregates

def test_score_sentences_offsets_and_order():
    art = Article.from_text("We won the vote. It was an awful night.\n\nRain fell on Tuesday.")
    scores = score_sentences(art)
    assert [s.index for s in scores] == list(range(len(scores))) == [0, 1, 2]
    for s in scores:
        assert art.text[s.start:s.end] == s.text
    assert [s.paragraph for s in scores] == [0, 0, 1]
    assert [s.label for s in scores] == ["positive", "negative", "neutral"]
    assert score_sentences("") == []


@pytest.mark.parametrize("bad", [None, 5, 4.5])
def test_tables_garbage_raise_type_error_naming_the_argument(bad):
    for table in (sentence_table, paragraph_table, article_table, agreement_table):
        with pytest.raises(TypeError, match="articles must be"):
            table(bad)


def test_score_sentences_garbage():
    with pytest.raises(TypeError):
        score_sentences(42)


def test_aggregate_properties():
    scores = score_sentences("We won. It was awful. Rain fell. A great, happy day. Storms killed ten.")
    agg = aggregate(scores)
    assert set(agg) == set(AGGREGATE_COLUMNS)
    assert agg["n_sentences"] == 5
    assert -1 <= agg["mean"] <= 1 and -1 <= agg["weighted_mean"] <= 1
    assert agg["positive_share"] + agg["neutral_share"] + agg["negative_share"] == pytest.approx(1.0)
    assert agg["most_positive_compound"] == max(s.compound for s in scores)
    assert agg["most_negative_compound"] == min(s.compound for s in scores)
    assert agg["most_positive_text"] == "A great, happy day."
    assert agg["most_negative_text"] == "Storms killed ten."
    # the weighted mean weights by words: a long positive sentence pulls it up
    assert agg["mean"] == pytest.approx(sum(s.compound for s in scores) / 5)


def test_aggregate_empty_and_all_neutral():
    agg = aggregate([])
    assert agg["n_sentences"] == 0 and _nan(agg["mean"]) and agg["most_positive"] is None
    agg = aggregate(score_sentences("Rain fell. The bus came."))
    assert agg["most_positive"] is None and agg["most_negative"] is None and agg["neutral_share"] == 1.0


def test_tables_columns_and_keys():
    art = Article.from_text("We won.\n\nIt was awful. Rain fell.", id="a1")
    st = sentence_table(art)
    assert list(st.columns) == list(SENTENCE_COLUMNS) and len(st) == 3
    assert (st["article_id"] == "a1").all()
    pt = paragraph_table([art, Article.from_text("Fine.", id="a2")])
    assert list(pt.columns[:3]) == ["article_id", "paragraph", "section"]
    assert pt[["article_id", "paragraph"]].values.tolist() == [["a1", 0], ["a1", 1], ["a2", 0]]
    sec = section_table(art)
    assert sec["section"].tolist() == [LEAD]
    at = article_table(art)
    assert len(at) == 1 and {"tone", "polarity", "word_count"} <= set(at.columns)


# --------------------------------------------------------------------------- tone

def test_tone_definition():
    t = tone("A good deal, a bad war, and a great day for peace.")
    assert t.word_count == 12
    assert t.tone == pytest.approx(t.positive - t.negative)
    assert t.polarity == pytest.approx(t.positive + t.negative)
    assert 0 <= t.polarity <= 100 and -100 <= t.tone <= 100
    assert tone("Rain fell on Tuesday.").polarity == 0.0
    assert tone("Awful, terrible, horrible.").tone == -100.0
    assert tone("Joy!", lexicon="afinn").tone == 100.0


def test_tone_unknown_lexicon():
    with pytest.raises(ValueError, match="'vader', 'afinn'"):
        tone("text", lexicon="harvard")


# --------------------------------------------------------------------------- agreement

def test_method_agreement():
    a = method_agreement("We won. It was awful. Rain fell. A great, happy day.")
    assert a.n_sentences == 4 and -1 <= a.pearson <= 1 and 0 <= a.label_agreement <= 1
    short = method_agreement("We won. Sad.")
    assert short.n_sentences == 2 and _nan(short.pearson)
    assert _nan(method_agreement("").label_agreement)
    t = agreement_table([Article.from_text("We won. It was awful. Rain fell.", id="x")])
    assert t["article_id"].tolist() == ["x"]


# --------------------------------------------------------------------------- targeted sentiment

def _span(text: str, mention: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(mention, i + 1)
    return i, i + len(mention)


@pytest.mark.parametrize("start,end", [(-1, 3), (0, 0), (5, 2), (0, 999), (40, 41)])
def test_target_bad_offsets_raise_naming_them(start, end):
    text = "Smith won the vote."
    with pytest.raises(ValueError, match=f"start={start}, end={end}"):
        target_sentiment(text, start, end)


def test_target_garbage():
    with pytest.raises(ValueError, match="no word"):
        target_sentiment("Smith ,  won.", 5, 8)
    with pytest.raises(TypeError):
        target_sentiment("Smith won.", 0.0, 5)
    with pytest.raises(TypeError):
        target_sentiment(None, 0, 5)
    with pytest.raises(ValueError):
        target_sentiment("", 0, 0)


def test_target_result_properties():
    text = "Smith won praise for the reform, but Jones was blamed for the failure."
    for mention in ("Smith", "Jones", "the reform", "the failure"):
        r = target_sentiment(text, *_span(text, mention))
        assert r.negative + r.neutral + r.positive == pytest.approx(1.0)
        assert r.score == pytest.approx(r.positive - r.negative)
        assert -1 <= r.score <= 1
        assert r.label == LABELS[max(range(3), key=lambda k: (r.negative, r.neutral, r.positive)[k])]


def test_target_stance_differs_within_one_sentence():
    # the "but" rule as scope: each actor is judged by its own clause
    text = "Smith won praise for the reform, but Jones was blamed for the failure."
    assert target_sentiment(text, *_span(text, "Smith")).label == "positive"
    assert target_sentiment(text, *_span(text, "Jones")).label == "negative"


def test_target_what_is_done_to_it():
    praised = "Jones praised Smith for his courage."
    attacked = "Jones attacked Smith over the scandal."
    assert target_sentiment(praised, *_span(praised, "Smith")).label == "positive"
    assert target_sentiment(attacked, *_span(attacked, "Smith")).label == "negative"
    assert target_sentiment(attacked, *_span(attacked, "Smith")).score < target_sentiment(praised, *_span(praised, "Smith")).score


def test_target_speaker_is_not_what_it_says():
    text = "Smith said the plan was a disaster."
    assert score_text(text).label == "negative"
    r = target_sentiment(text, *_span(text, "Smith"))
    assert r.label != "negative"
    direct = "Smith was a disaster."
    assert target_sentiment(direct, *_span(direct, "Smith")).score < r.score


def test_target_dates_are_neutral():
    text = "The talks were held on Monday in a tense, hostile mood."
    assert target_sentiment(text, *_span(text, "Monday")).label == "neutral"


def test_target_offsets_survive_normalisation():
    # "…" becomes "..." (longer): offsets into the original text must still find the mention
    text = "Wait… critics slammed Smith over the scandal."
    start, end = _span(text, "Smith")
    f = target_features(text, start, end)
    assert "L_slammed" in f.words and set(f.dense) == set(TARGET_FEATURES)
    assert target_sentiment(text, start, end) == target_sentiment(text.replace("…", "..."), start + 2, end + 2)


def test_target_curly_and_straight_agree():
    curly = "“We don’t trust Smith,” they said."
    straight = '"We don\'t trust Smith," they said.'
    assert target_sentiment(curly, *_span(curly, "Smith")) == target_sentiment(straight, *_span(straight, "Smith"))


def test_target_loaders_reject_bad_files(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_target_rules(tmp_path / "missing.yaml")
    bad = tmp_path / "rules.yaml"
    bad.write_text("speech_verbs: [said]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="clause_breaks"):
        load_target_rules(bad)
    model = tmp_path / "model.tsv"
    model.write_text("dense\tsentence\t0\t1\t1\t2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="7 tab-separated"):
        load_target_model(model)
    model.write_text("intercept\t(intercept)\t0\t1\t0\t0\t0\n", encoding="utf-8")
    with pytest.raises(ValueError, match="dense features"):
        load_target_model(model)


def test_target_loaders_name_the_file_of_malformed_yaml_and_binary_files(tmp_path):
    model = tmp_path / "short.tsv"
    model.write_text("dense\tsentence\t0\t1\t1\t2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="got 6$"):  # the count, not a literal "{len(cols)}"
        load_target_model(model)
    broken = tmp_path / "broken.yaml"
    broken.write_text("speech_verbs: [said\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid YAML") as info:
        load_target_rules(broken)
    assert str(broken) in str(info.value)
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    for load in (load_target_rules, load_target_model):
        with pytest.raises(ValueError, match="not a UTF-8 text file") as info:
            load(binary)
        assert str(binary) in str(info.value)


def test_target_custom_rules_change_the_result(tmp_path):
    rules = load_target_rules()
    import yaml

    raw = yaml.safe_load(open(rules.path, encoding="utf-8"))
    raw["speech_verbs"] = ["xyzzy"]
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    text = "Smith said the plan was a disaster."
    default = target_features(text, *_span(text, "Smith"))
    custom = target_features(text, *_span(text, "Smith"), rules=path)
    assert default.dense["speaker"] == 1.0 and custom.dense["speaker"] == 0.0


def test_shipped_model_matches_feature_list():
    m = load_target_model()
    assert m.dense == TARGET_FEATURES
    assert len(m.words) > 500
    assert all(w.startswith(("L_", "R_")) and w[2:].islower() for w in m.words)  # no names


# --------------------------------------------------------------------------- actors

def test_actor_sentiment_with_names():
    text = "Critics slammed Smith over the scandal. Jones praised Smith's courage. Jones left."
    t = actor_sentiment(text, ["Smith", "Jones"])
    assert list(t.columns) == list(ACTOR_COLUMNS)
    assert t[["actor", "mentions"]].values.tolist() == [["Jones", 2], ["Smith", 2]]
    for _, row in t.iterrows():
        assert -1 <= row["mean"] <= 1
        assert row["negative_share"] + row["neutral_share"] + row["positive_share"] == pytest.approx(1.0)
    m = actor_sentiment(text, ["Smith", "Jones"], level="mention")
    assert list(m.columns) == list(ACTOR_MENTION_COLUMNS)
    assert m["start"].is_monotonic_increasing
    for _, row in m.iterrows():
        assert text[row["start"]:row["end"]] == row["mention"]


def test_actor_sentiment_longest_name_wins():
    m = actor_sentiment("Kim Jong Un met Kim. Kim left.", ["Kim", "Kim Jong Un"], level="mention")
    assert m["mention"].tolist() == ["Kim Jong Un", "Kim", "Kim"]


def test_actor_sentiment_with_mention_objects():
    @dataclass
    class M:
        actor: str
        start: int
        end: int

    text = "Critics slammed Smith. Jones praised him."
    t = actor_sentiment(text, [M("John Smith", 16, 21)])
    assert t["actor"].tolist() == ["John Smith"]
    with pytest.raises(ValueError, match="start=50, end=60"):
        actor_sentiment(text, [M("X", 50, 60)])


def test_actor_sentiment_garbage():
    with pytest.raises(TypeError):
        actor_sentiment("Smith won.", "Smith")
    with pytest.raises(TypeError):
        actor_sentiment("Smith won.", [3])
    with pytest.raises(ValueError, match="level"):
        actor_sentiment("Smith won.", ["Smith"], level="sentence")
    assert actor_sentiment("Smith won.", []).empty
    assert actor_sentiment("", ["Smith"]).empty
    with pytest.raises(TypeError, match="actors must be"):
        actor_sentiment(Article.from_text("Smith won."), 5)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- voices

@dataclass
class Q:
    start: int
    end: int
    speaker: str | None


def test_voice_segments_with_quote_objects():
    text = "“We are thrilled,” Mayor Roe said. Taxes rose sharply."
    q = Q(1, text.index("”"), "Jane Roe")
    seg = voice_segments(text, [q])
    assert list(seg.columns) == list(VOICE_SEGMENT_COLUMNS)
    assert seg[["voice", "kind"]].values.tolist() == [["Jane Roe", "quote"], [AUTHOR, "narration"], [AUTHOR, "narration"]]
    for _, row in seg.iterrows():
        assert text[row["start"]:row["end"]] == row["text"]
    t = voice_sentiment(text, [q])
    assert list(t.columns) == list(VOICE_COLUMNS)
    assert t["voice"].tolist() == [AUTHOR, "Jane Roe"]
    assert t.loc[t["voice"] == "Jane Roe", "mean"].item() > 0


def test_voice_garbage():
    with pytest.raises(ValueError, match="start=5, end=500"):
        voice_segments("Short text here.", [Q(5, 500, None)])
    with pytest.raises(TypeError):
        voice_segments("Short text here.", ["not a quote"])
    assert voice_sentiment("", []).empty
    with pytest.raises(TypeError, match="quotes must be"):
        voice_sentiment(Article.from_text("Short text here."), quotes=5)  # type: ignore[arg-type]


def test_voice_segments_with_many_quotes():
    # 16,000 quotes: each sentence used to be compared with every quote (11 s)
    unit = "“Putin is great,” he said. "
    text = unit * 16000
    quotes = [Q(i * len(unit) + 1, i * len(unit) + 15, "he") for i in range(16000)]
    seg = voice_segments(text, quotes)
    assert len(seg) == 32000
    assert seg["voice"].tolist()[:4] == ["he", AUTHOR, "he", AUTHOR]
    assert seg["text"].tolist()[:2] == ["Putin is great", "he said."]


def test_voice_without_quotes_module(monkeypatch):
    monkeypatch.setitem(sys.modules, "newsframe.quotes", None)  # import now raises ImportError
    seg = voice_segments('He said "this is wonderful" and left.')
    assert "(unattributed quote)" in seg["voice"].tolist()


# --------------------------------------------------------------------------- pipeline

def test_record_fields_contract():
    art = Article.from_text("We won. It was awful.\n\nRain fell.", id="r")
    sentences = split_sentences(art.text)
    per_sentence, per_article = record_fields(art, sentences)
    assert sorted(per_sentence) == [0, 1, 2]
    for extra in per_sentence.values():
        assert set(extra["sentiment"]) == {"compound", "pos", "neu", "neg", "label"}
    summary = per_article["sentiment"]
    assert {"tone", "polarity", "mean", "weighted_mean", "positive_share", "negative_share",
            "most_positive", "most_negative"} <= set(summary)
    assert isinstance(per_article["actor_sentiment"], list)
    json.dumps(per_article, allow_nan=False)
    json.dumps(per_sentence, allow_nan=False)


@pytest.mark.parametrize("text", [
    "Wait\u2026 a good day? gre\u200bat hope\u00adful \u200bYes\u00ad.\n\nNo\u2034 \u2014 \u201cawful\u201d\u2026 \u200b\u200b Really great\u2026",
    "\u00a0\u00a0A\u2009fine\u2026 deal.\n\n  \u2018Bad\u2019 war \u2014 sad.  ",
    "We won. It was awful.",
])
def test_record_fields_agree_with_the_public_functions(text):
    # record_fields reuses the sentences' normalised texts for the article's tone and
    # scores sentences without score_text: the same numbers as the public functions
    art = Article.from_text(text, id="n")
    sentences = split_sentences(art.text)
    per_sentence, per_article = record_fields(art, sentences)
    t = tone(art.text)
    summary = per_article["sentiment"]
    assert (summary["tone"], summary["polarity"], summary["word_count"]) == (t.tone, t.polarity, t.word_count)
    for s, scored in zip(sentences, score_sentences(art)):
        exact = score_text(s.text)
        assert per_sentence[s.index]["sentiment"]["compound"] == exact.compound == scored.compound
        assert scored.n_words == len(s.text.split())


def test_record_fields_empty_article_is_valid_json():
    art = Article.from_text("—", id="e")
    per_sentence, per_article = record_fields(art, split_sentences(art.text))
    json.dumps([per_sentence, per_article], allow_nan=False)
    assert per_article["sentiment"]["tone"] is None
    for extra in per_sentence.values():
        assert extra["sentiment"]["label"] is None and extra["sentiment"]["compound"] is None


def test_record_fields_without_actors_module(monkeypatch, seed_article):
    monkeypatch.setitem(sys.modules, "newsframe.actors", None)
    _, per_article = record_fields(seed_article, split_sentences(seed_article.text))
    assert per_article["actor_sentiment"] == []
    assert actor_sentiment(seed_article).empty


def test_deterministic_across_hash_seeds(seed_path):
    code = (
        "import json, sys\n"
        "from newsframe.ingest import load_article\n"
        "from newsframe.sentiment import record_fields\n"
        "from newsframe.text import split_sentences\n"
        f"a = load_article({str(seed_path)!r})\n"
        "print(json.dumps(record_fields(a, split_sentences(a.text)), sort_keys=True))\n"
    )
    outs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outs.append(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                   check=True).stdout)
    assert outs[0] == outs[1] and len(outs[0]) > 1000


# --------------------------------------------------------------------------- golden: the seed article

def _sentence(article, start_words: str):
    for s in score_sentences(article):
        if s.text.lstrip("“\"").startswith(start_words):
            return s
    raise AssertionError(f"no sentence starts with {start_words!r}")


def test_seed_curly_quote_sentence(seed_article):
    # “They don’t like it because Russia still commits to … nonproliferation,” … told NPR.
    # A human reads this as negative; VADER without normalisation reads "like" as positive.
    from newsframe.sentiment import _plain_vader

    s = _sentence(seed_article, "They don’t like it")
    assert _plain_vader(s.text) > 0.05
    assert s.label == "negative"


def test_seed_golden_sentences(seed_article):
    assert _sentence(seed_article, "The glory of Rossiya").label == "positive"      # "glory", "immortal"
    assert _sentence(seed_article, "It is no coincidence").label == "negative"      # "attack submarine"
    assert _sentence(seed_article, "The two met at the Vostochny").label == "neutral"


def test_seed_sections(seed_article):
    sec = section_table(seed_article)
    assert sec["section"].tolist() == [LEAD, "North Korea Interested in Russian Satellite Technology",
                                       "Kim, Putin Promise Closer Cooperation", "Closer Military Cooperation Expected"]
    assert sec["n_sentences"].sum() == len(split_sentences(seed_article.text))


def test_seed_aggregates_and_tone(seed_article):
    _, per_article = record_fields(seed_article, split_sentences(seed_article.text))
    s = per_article["sentiment"]
    assert 0 < s["polarity"] < 20                      # a sober report: few emotional words
    assert s["neutral_share"] > s["negative_share"]    # mostly neutral narration
    assert 700 < s["word_count"] < 760


def test_seed_actors_and_voices(seed_article):
    pytest.importorskip("newsframe.actors")
    t = actor_sentiment(seed_article)
    assert t["actor"].iloc[0] == "Russia"                  # the most mentioned actor
    assert {"North Korea", "Kim Jong Un", "Vladimir Putin"} <= set(t["actor"])
    assert (t["mentions"].diff().dropna() <= 0).all()
    _, per_article = record_fields(seed_article, split_sentences(seed_article.text))
    assert per_article["actor_sentiment"][0]["actor"] == "Russia"
    assert set(per_article["actor_sentiment"][0]) == {"actor", "mentions", "mean", "negative_share", "positive_share"}
    pytest.importorskip("newsframe.quotes")
    v = voice_sentiment(seed_article)
    assert v["voice"].iloc[0] == AUTHOR
    assert "Kim Jong Un" in set(v["voice"])


def test_seed_whole_analysis_is_fast(seed_article):
    t = time.process_time()
    record_fields(seed_article, split_sentences(seed_article.text))
    sentence_table(seed_article)
    paragraph_table(seed_article)
    section_table(seed_article)
    article_table(seed_article)
    actor_sentiment(seed_article)
    assert time.process_time() - t < 1.0


def test_record_fields_actor_sentiment_matches_table(seed_article):
    pytest.importorskip("newsframe.actors")
    _, per_article = record_fields(seed_article, split_sentences(seed_article.text))
    table = actor_sentiment(seed_article).set_index("actor")
    for item in per_article["actor_sentiment"]:
        row = table.loc[item["actor"]]
        assert item["mentions"] == row["mentions"]
        assert item["mean"] == pytest.approx(row["mean"])
        assert item["negative_share"] == pytest.approx(row["negative_share"])


# --------------------------------------------------------------------------- plotting

def test_plot_functions(seed_article):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    from newsframe.plotting import sentiment as P

    st = sentence_table(seed_article)
    ax = P.plot_sentiment_arc(st)
    assert ax.get_ylim()[0] == pytest.approx(-ax.get_ylim()[1])      # symmetric
    assert "−1 to 1" in ax.get_ylabel()
    ax = P.plot_sentiment_distribution(st)
    assert ax.get_xlim()[0] == pytest.approx(-ax.get_xlim()[1])
    sec = section_table(seed_article)
    ax = P.plot_group_sentiment(sec, group="section")
    assert ax.get_xlim() == (-1.0, 1.0)
    P.plot_label_shares(sec, group="section")
    P.plot_method_agreement(st, annotation="r = 0.7")
    actors = actor_sentiment(seed_article, ["Russia", "North Korea", "Putin"])
    P.plot_actor_sentiment(actors)
    plt.close("all")
    with pytest.raises(TypeError):
        P.plot_sentiment_arc([1, 2])
    with pytest.raises(ValueError, match="lacks columns"):
        P.plot_sentiment_arc(pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="empty"):
        P.plot_sentiment_distribution(st.iloc[:0])
    with pytest.raises(ValueError, match="odd"):
        P.plot_sentiment_distribution(st, bins=20)
    with pytest.raises(ValueError, match="mentions"):
        P.plot_actor_sentiment(actors, min_mentions=999)
    with pytest.raises(ValueError, match="order"):
        P.plot_group_sentiment(sec, group="section", order=["nope"])
    plt.close("all")


def test_tone_word_lists_are_as_documented():
    from newsframe.sentiment import _tone_lexicon

    assert tuple(map(len, _tone_lexicon("vader"))) == (2455, 3151)
    assert tuple(map(len, _tone_lexicon("afinn"))) == (1161, 2191)
    positive, negative = _tone_lexicon("vader")
    assert {"good", "great", "peace"} <= positive and {"bad", "war", "killed"} <= negative
    assert not positive & negative


def test_target_decay_weight_stops_falling_past_511_tokens():
    from newsframe.sentiment import target_features

    def decay(gap: int) -> float:
        return target_features("Smith " + "the " * gap + "good.", 0, 5).dense["decay"]

    near, far = decay(10), decay(20)
    assert near > far > 0  # farther words weigh less...
    assert decay(599) == decay(699) > 0  # ...down to the weight of distance 511 in very long sentences
    assert decay(1099) == 0.0  # a sentence of over 1024 tokens is read 512 tokens on each side of the mention


def test_target_features_read_512_tokens_each_side_in_very_long_sentences():
    from newsframe.sentiment import target_features

    whole = ("sentence", "afinn_sentence", "abs_sentence", "speaker_x_sentence", "question", "in_quote")
    local = [name for name in TARGET_FEATURES if name not in whole]

    def features(gap: int, tail: str) -> dict[str, float]:
        return dict(target_features("Smith " + "the " * gap + tail, 0, 5).dense)

    # over 1024 tokens: words 1100 tokens away change only the whole-sentence features
    good, bad = features(1100, "wonderful, great and good."), features(1100, "awful, terrible and bad.")
    assert {k: good[k] for k in local} == {k: bad[k] for k in local}
    assert good["sentence"] > 0 > bad["sentence"]
    # up to 1024 tokens the whole sentence is read
    good, bad = features(1000, "wonderful, great and good."), features(1000, "awful, terrible and bad.")
    assert good["right"] > 0 > bad["right"]
    # a mention deep inside such a sentence is read as in a short one (in_quote reads the whole sentence)
    text = '"' + "the " * 1200 + 'Critics slammed Smith over it." ' + "and the " * 600 + "end"
    start = text.index("Smith")
    far = target_features(text, start, start + 5).dense
    near = target_features("Critics slammed Smith over it.", 16, 21).dense
    assert far["in_quote"] == 1.0 and near["in_quote"] == 0.0
    assert far["before3"] == near["before3"] < 0 and far["clause"] == near["clause"] < 0


def test_many_mentions_in_one_very_long_sentence_are_scored_in_linear_time():
    # 10,000 mentions in a 10,000-token sentence: every mention used to be scored against
    # the whole sentence (about 10 s); each now reads 512 tokens on each side
    art = Article.from_text("U.S. " * 10000)
    sentences = split_sentences(art.text)
    assert len(sentences) == 1
    _, per_article = record_fields(art, sentences)
    (row,) = per_article["actor_sentiment"]
    assert row["mentions"] == 10000 and -1 <= row["mean"] <= 1
    mentions = actor_sentiment("U.S. " * 3000, ["Smith", "U.S."], level="mention")
    assert len(mentions) == 3000
    middle = mentions["score"].iloc[600:-600]  # mentions whose 512 tokens on each side are all "U.S."
    assert middle.nunique() == 1 and middle.iloc[0] == pytest.approx(row["mean"], abs=1e-3)
