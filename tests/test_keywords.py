"""newsframe.keywords: one API over the extractors, keyness, concordance, collocations."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsframe.ingest import Article
from newsframe.keywords import (
    CONCORDANCE_COLUMNS,
    COLLOCATION_COLUMNS,
    DEFAULT_METHOD,
    KEYNESS_COLUMNS,
    METHODS,
    Background,
    Keyword,
    collocations,
    compare_methods,
    concordance,
    extract_keywords,
    fit_background,
    keyness,
    keyword_stopwords,
    method_agreement,
    narration_and_quotes,
    record_fields,
)
from newsframe.keywords import _stem
from newsframe.text import stem

ROOT = Path(__file__).resolve().parents[1]
REAL = [m for m in METHODS if m != "default"]

SYNTHETIC = (
    "Solar panels are spreading across the city. The city council approved new solar panels "
    "for every school roof, and the solar panels will cut power bills. Critics say the solar "
    "subsidy costs too much. The council said the solar subsidy will pay for itself within "
    "ten years, while power bills keep rising."
)


def _stems(term: str) -> tuple[str, ...]:
    return tuple(stem(w.strip(".,'")) for w in term.split())


# --------------------------------------------------------------------------- result type


def test_keyword_is_frozen_and_slotted():
    k = Keyword("oil", 1.0, 1, "tfidf")
    with pytest.raises(dataclasses.FrozenInstanceError):
        k.term = "gas"  # type: ignore[misc]
    assert not hasattr(k, "__dict__")


@pytest.mark.parametrize("method", METHODS)
def test_every_method_on_a_small_text(method):
    kws = extract_keywords(SYNTHETIC, method=method, top_n=5)
    assert 1 <= len(kws) <= 5
    assert all(isinstance(k, Keyword) for k in kws)
    assert [k.rank for k in kws] == list(range(1, len(kws) + 1))
    assert all(isinstance(k.score, float) and math.isfinite(k.score) for k in kws)
    # higher = better, deterministic order by (-score, term)
    assert [(k.score, k.term) for k in kws] == sorted(((k.score, k.term) for k in kws), key=lambda t: (-t[0], t[1]))
    assert all(k.method == (DEFAULT_METHOD if method == "default" else method) for k in kws)
    # every term is text that occurs in the input (original casing kept)
    for k in kws:
        assert k.term.lower() in SYNTHETIC.lower(), k.term


def test_default_is_tfidf_and_finds_the_topic():
    kws = extract_keywords(SYNTHETIC)
    assert DEFAULT_METHOD == "tfidf"
    assert kws == extract_keywords(SYNTHETIC, method="tfidf")
    assert kws[0].term == "solar panels"
    assert {"solar subsidy", "power bills"} <= {k.term for k in kws}


@pytest.mark.parametrize("eol", ["\r", "\r\n"])
def test_phrases_do_not_cross_carriage_return_line_ends(eol):
    lf = "Nuclear Talks\nMoscow Summit opened today in the city."
    got = [k.term for k in extract_keywords(lf.replace("\n", eol), method="tfidf", top_n=20)]
    assert got == [k.term for k in extract_keywords(lf, method="tfidf", top_n=20)]
    assert "Talks Moscow" not in got and "Moscow Summit" in got


def test_score_direction_more_occurrences_score_higher():
    text = "Tariffs hit exports. Tariffs hurt farmers. Tariffs rise. Farmers protest."
    kws = {k.term: k.score for k in extract_keywords(text, method="tfidf")}
    assert kws["Tariffs"] > kws["exports"]
    for method in ("yake", "positionrank", "rake"):
        ranked = extract_keywords(text, method=method)
        assert ranked[0].score >= ranked[-1].score


def _g2(n: int, n_words: int, rarity: float) -> float:
    """Log-likelihood keyness by hand: 2 (n ln(n/E) - n + E), E = n_words * exp(-rarity)."""
    expected = n_words * math.exp(-rarity)
    return 2 * (n * math.log(n / expected) - n + expected)


def test_names_have_a_lower_rarity_cap():
    # "Grumbach" (wordfreq ~2e-8) is far rarer than "ombudsman" (~1.4e-6), but as a name
    # (capitalised wherever it occurs) its rarity stops at Zipf 4.5: mentioned once, it
    # ranks below the rare common noun; mentioned twice, above it.
    name_cap = 4.5 * math.log(10)
    once = {k.term: k.score for k in extract_keywords("Grumbach praised the ombudsman.")}
    assert once["Grumbach"] == pytest.approx(_g2(1, 4, name_cap))
    assert once["ombudsman"] > once["Grumbach"]
    twice = [k.term for k in extract_keywords("Grumbach praised the ombudsman. Grumbach left.")]
    assert twice[0] == "Grumbach"
    # the same rare word in lower case is not a name and keeps its rarity
    lower = {k.term: k.score for k in extract_keywords("The grumbach praised the ombudsman.")}
    assert lower["grumbach"] == pytest.approx(_g2(1, 5, 6 * math.log(10)))  # the general cap (Zipf 3)
    # capitalised only at the start of a sentence, lower case elsewhere: not a name
    mixed = {k.term: k.score for k in extract_keywords("Ombudsman offices opened. The ombudsman spoke.")}
    assert mixed["ombudsman"] == pytest.approx(_g2(2, 6, -math.log(1.38e-6)), rel=0.05)
    assert mixed["ombudsman"] > _g2(2, 6, name_cap)
    # a capitalised word seen only in the headline (Title Case) is not taken for a name
    art = Article.from_text("The ombudsman spoke to farmers.", title="Grumbach")
    headline = {k.term: k.score for k in extract_keywords(art)}
    assert headline["Grumbach"] == pytest.approx(_g2(1, 6, 6 * math.log(10)))


def test_keyness_counts_against_the_expected_count():
    # The default weighs a word by its log-likelihood keyness against general English:
    # seen n times among N words, it is compared with E = N x its frequency.
    filler = " of the" * 1000  # 2,000 word tokens that are no candidates
    text = "Time passed. The glacier moved and the glacier melted." + filler
    terms = [k.term for k in extract_keywords(text)]
    # "time" (about 1.6 in a thousand words, so E is about 3) is seen once: no more
    # often than expected, so it is no keyword at all; "glacier" (E about 0.01) is
    assert terms[0] == "glacier" and "Time" not in terms
    # without the filler the same "time" is used more often than expected
    assert "Time" in [k.term for k in extract_keywords("Time passed. The glacier moved and the glacier melted.")]
    # a longer text lowers every word's keyness (more words, higher expected counts)
    short = {k.term: k.score for k in extract_keywords("The glacier moved. The glacier melted.")}
    long = {k.term: k.score for k in extract_keywords("The glacier moved. The glacier melted." + filler)}
    assert 0 < long["glacier"] < short["glacier"]
    # and rarer words gain relative to common ones as the text grows
    assert long["glacier"] > long["melted"] > 0


def test_pooled_forms_are_expected_from_the_sum_of_their_frequencies():
    import wordfreq

    # "missile" and "missiles" share a stem and are counted together (n = 2); their
    # expected count is N x (p(missile) + p(missiles)), whichever form comes first
    p = sum(wordfreq.word_frequency(w, "en") for w in ("missile", "missiles"))
    for text in ("The missile flew. Two missiles fell.", "Two missiles fell. The missile flew."):
        scores = {k.term.lower(): k.score for k in extract_keywords(text)}
        key = "missiles" if "missiles" in scores else "missile"
        assert scores[key] == pytest.approx(_g2(2, 6, -math.log(p)), rel=1e-3)
    # a form rarer than the floor counts at the floor (one in a million): "glacieral",
    # unknown to wordfreq, shares the stem of "glacier"
    assert _stem("glacieral") == _stem("glacier") and wordfreq.word_frequency("glacieral", "en") < 1e-6
    p2 = max(wordfreq.word_frequency("glacier", "en"), 1e-6) + 1e-6
    scores = {k.term: k.score for k in extract_keywords("The glacier moved. A glacieral lake formed.")}
    assert scores["glacier"] == pytest.approx(_g2(2, 7, -math.log(p2)), rel=1e-3)
    # a single form keeps its own frequency
    one = {k.term: k.score for k in extract_keywords("The glacier moved. The glacier melted.")}
    assert one["glacier"] == pytest.approx(_g2(2, 6, -math.log(wordfreq.word_frequency("glacier", "en"))), rel=1e-3)


def test_word_frequency_of_unlisted_forms_follows_wordfreq():
    import wordfreq

    from newsframe.keywords import _log_freq

    # a dotted abbreviation is wordfreq's token "u.s" (Zipf 5.3), not an unknown word
    assert math.exp(_log_freq("u.s.")) == pytest.approx(wordfreq.word_frequency("u.s.", "en"))
    assert wordfreq.zipf_frequency("u.s.", "en") > 5
    # a hyphenated compound as wordfreq combines its parts: 1 / (1/f1 + 1/f2)
    parts = [wordfreq.word_frequency(p, "en") for p in ("co", "starred")]
    assert math.exp(_log_freq("co-starred")) == pytest.approx(1 / sum(1 / f for f in parts), rel=0.02)
    assert math.exp(_log_freq("co-starred")) > 0.4 * min(parts)
    # words wordfreq does not know get the floor (once in 100 million words)
    assert math.exp(_log_freq("qzxvjk")) == pytest.approx(1e-8)
    # and that frequency is what the default scores "U.S." by (Zipf 5.3: above the name cap)
    scores = {k.term: k.score for k in extract_keywords("The U.S. imposed tariffs.")}
    assert scores["U.S."] == pytest.approx(_g2(1, 4, -math.log(wordfreq.word_frequency("u.s.", "en"))), rel=1e-3)


def test_abbreviated_titles_are_not_keywords():
    text = ("Sen. John Cornyn and Lt. Gen. Mark Hertling met Gov. Abbott. "
            "Sen. Cornyn and Gen. Hertling discussed the border wall.")
    terms = [k.term for k in extract_keywords(text, top_n=20)]
    assert not {"Sen", "Gen", "Lt", "Gov"} & {w for t in terms for w in t.split()}
    assert "Cornyn" in " ".join(terms) and "Hertling" in " ".join(terms)
    assert {"sen", "sens", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "brig"} <= keyword_stopwords()


def test_numbers_with_suffixes_are_not_keywords():
    text = "The 19th summit of the 1980s cost 880m dollars, 1bn in all, over 4G networks at 9pm."
    terms = {k.term for k in extract_keywords(text, top_n=20)}
    assert not terms & {"19th", "1980s", "880m", "1bn", "9pm"}
    assert any("4G" in t.split() for t in terms) and "summit" in terms
    # a number still ends a phrase
    assert not any("1980s" in t or "19th" in t for t in terms)


def test_yake_score_is_inverted(monkeypatch):
    import yake

    calls = {}
    real = yake.KeywordExtractor

    class Spy(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):
            calls.update(kwargs)
            super().__init__(*args, **kwargs)

        def extract_keywords(self, text):
            calls["text"] = text
            return [("solar panels", 0.01), ("city", 0.5)]

    monkeypatch.setattr(yake, "KeywordExtractor", Spy)
    kws = extract_keywords(Article.from_text(SYNTHETIC, title="Solar Push"), method="yake")
    assert [k.term for k in kws] == ["solar panels", "city"]
    assert kws[0].score == pytest.approx(2.0) and kws[1].score == pytest.approx(-math.log10(0.5))
    # YAKE silently ignores unknown keyword arguments: pass only names it declares
    import inspect

    declared = set(inspect.signature(real.__init__).parameters) - {"self", "kwargs"}
    assert set(calls) - {"text"} <= declared
    # the headline ends in a full stop so YAKE cannot run it into the body
    assert calls["text"].startswith("Solar Push.\n")


def test_phrases_never_cross_the_headline():
    art = Article.from_text("Officials met in Geneva. Officials talked for hours.", title="Central Bank")
    for method in REAL:
        for k in extract_keywords(art, method=method, top_n=20):
            assert "Bank Officials" not in k.term, (method, k.term)


def test_phrases_never_cross_stop_words_or_punctuation():
    text = "Prices of oil rose; gas prices fell. Oil, gas and coal."
    for method in REAL:
        if method == "yake":  # YAKE's own candidates may hold inner stop words ("gas and coal")
            continue
        for k in extract_keywords(text, method=method, top_n=20):
            assert " of " not in f" {k.term.lower()} " and " and " not in f" {k.term.lower()} "
            assert "," not in k.term and ";" not in k.term


def test_names_with_of_are_one_phrase():
    text = (
        "Depp got a star on the Walk of Fame. Crowds filled the Walk of Fame. "
        "Bank of America paid. Analysts at Bank of America agreed."
    )
    terms = [k.term for k in extract_keywords(text)]
    assert "Walk of Fame" in terms and "Bank of America" in terms
    # the words are shown as their name, not alone or cut at "of"
    assert not {"Walk", "Fame", "Bank", "America"} & set(terms)
    # only the default spans "of"; the other methods keep stopping at it (the ensemble fuses tfidf's names too)
    for method in ("rake", "textrank", "singlerank", "positionrank", "collocations"):
        assert not any(" of " in k.term for k in extract_keywords(text, method=method, top_n=20)), method


def _all_scores(doc, background=None, ngram_range=(1, 3), top_n=10):
    """Every scored candidate of the default (stem key: score), before selection."""
    from newsframe.keywords import _parse, _score_tfidf

    d = _parse(doc, keyword_stopwords(), detail=False)
    return {key: score for score, key, _ in _score_tfidf(d, background, ngram_range, top_n)}, d


def test_a_phrase_weighs_the_sum_of_its_words_times_its_cohesion():
    # "glacier ice" occurs once; "glacier" and "ice" twice each: cohesion 1/2
    scores, _ = _all_scores("We saw glacier ice. The glacier shrank and the ice thinned.")
    g, i = scores[(_stem("glacier"),)], scores[(_stem("ice"),)]
    assert g > 0 and i > 0
    assert scores[(_stem("glacier"), _stem("ice"))] == pytest.approx((g + i) / 2)
    # words that always occur together: the phrase outranks each of them (and takes their place)
    terms = [k.term for k in extract_keywords("We saw glacier ice. The glacier ice thinned. Crowds watched.")]
    assert terms[0] == "glacier ice" and "glacier" not in terms and "ice" not in terms
    # a phrase whose words mostly occur apart stays below its best word
    text = "Oil prices rose. Oil output fell. Oil exports grew. Oil demand eased. Oil prices slipped."
    scores, _ = _all_scores(text)
    assert scores[(_stem("oil"), _stem("prices"))] < scores[(_stem("oil"),)]


def test_phrases_keep_verbs_and_adverbs_out_by_the_tagger_lexicon():
    from newsframe.keywords import _lexicon_shapes, _VERB, _PART, _ADJ

    lex = _lexicon_shapes()
    assert lex["cut"] == _VERB and lex["quickly"] == _VERB and lex["raised"] == _PART and lex["nuclear"] == _ADJ
    assert "panels" not in lex and "inflation" not in lex  # nouns carry no flag

    def phrases(text):
        _, d = _all_scores(text)
        return {" ".join(k) for k in d.cands if len(k) > 1}

    # a verb never sits inside a phrase; the same text without the verb has the phrase
    assert not any("cut" in p.split() for p in phrases("Solar panels cut bills. Cheap solar panels cut costs."))
    assert "solar panel" in phrases("Solar panels cut bills. Cheap solar panels cut costs.")
    # a participle after a content word is taken for a verb, after a stop word for a modifier
    assert not {"bank rais", "rais rate", "central bank rais"} & phrases("The central bank raised rates.")
    assert "rais rate" in phrases("The raised rates hurt.")
    assert "arm forc" in phrases("The armed forces moved.")
    # an adjective does not end a phrase
    assert not any(p.endswith("nuclear") for p in phrases("The tactical nuclear arsenal grew. Tactical nuclear talks."))
    # every method takes its phrases from the same candidates: "cut" may be a keyword, never inside one
    text = "Solar panels cut bills. Solar panels cut bills. Cheap solar panels glow."
    for method in ("textrank", "singlerank", "positionrank", "rake", "collocations", "ensemble"):
        terms = [k.term for k in extract_keywords(text, method=method, top_n=10)]
        assert terms and not any("cut" in t.split() and " " in t for t in terms), (method, terms)
        assert method == "textrank" or "Cheap solar panels" in terms, (method, terms)  # phrases are still found


def test_with_a_background_phrases_weigh_their_own_tf_idf():
    docs = ["Oil prices rose sharply.", "Oil prices fell.", "Gold rose.", "Oil output grew."]
    bg = fit_background(docs)
    scores, _ = _all_scores("Oil prices rose. Oil prices fell again. Oil output grew.", background=bg)
    assert scores[(_stem("oil"), _stem("prices"))] == pytest.approx(2 * bg.idf("oil price"))
    assert scores[(_stem("oil"),)] == pytest.approx(3 * bg.idf("oil"))


@pytest.mark.parametrize("top_n", [1, 3, 10])
def test_building_only_promising_phrases_changes_nothing(top_n, seed_article):
    # _score_tfidf builds only phrases that could reach the top; building all gives the same list
    import newsframe.keywords as kw

    texts = [seed_article, " ".join(f"Topic{i % 37} report{i % 11} rose sharply." for i in range(400)),
             "Solar panels cut bills. Cheap solar panels cover roofs. Roof panels glow." * 3]
    fast = [extract_keywords(t, top_n=top_n) for t in texts]
    plain = kw._candidates
    try:
        kw._candidates = lambda d, ngram_range, **options: plain(d, ngram_range,
                                                                 **{**options, "weights": None})
        slow = [extract_keywords(t, top_n=top_n) for t in texts]
    finally:
        kw._candidates = plain
    assert fast == slow


def test_of_joins_only_capitalised_words():
    from newsframe.keywords import _candidates, _display, _parse

    def of_phrases(doc, ngram_range=(1, 3)):
        d = _parse(doc, keyword_stopwords(), detail=False)
        _candidates(d, ngram_range, of_names=True)
        return sorted(_display(d, k) for k in d.cands if " of" in k)

    # lower case on either side: no name
    assert of_phrases("The price of oil rose. The price of oil fell. Tons of Oil.") == []
    # a capitalised word opening a sentence is no evidence of a name ...
    assert of_phrases("Residents of Tokyo fled. Officials of Japan met.") == []
    # ... unless the same word is capitalised inside a sentence elsewhere
    assert of_phrases("Bank of America paid. Critics of the Bank said no.") == ["Bank of America"]
    # the capitalised run after "of" is taken whole: no name cut after "of"
    museums = "The Fine Arts Museums of San Francisco lent it. Photo: Arts Museums of San Francisco."
    assert of_phrases(museums) == ["Museums of San Francisco"]  # 4 words would be too long
    assert of_phrases(museums, (1, 4)) == ["Arts Museums of San Francisco", "Museums of San Francisco"]
    # length counts the words without "of"; a longer run gives no phrase
    assert of_phrases("The Department of Homeland Security spoke.", (1, 2)) == []
    assert of_phrases("The Department of Homeland Security spoke.") == ["Department of Homeland Security"]
    assert of_phrases("Secretary of State Mike Pompeo spoke at the Sea of Japan.") == ["Sea of Japan"]
    # in a Title Case headline a word is capitalised only if it is in the body
    art = Article.from_text("The sale of missiles to Iran angered Israel.", title="Sale of Missiles Angers Israel")
    assert of_phrases(art) == []
    art = Article.from_text("Fans crowded the Walk of Fame.", title="Walk of Fame Honours Depp")
    assert of_phrases(art) == ["Walk of Fame"]
    # a capitalised "Of" (Title Case) or "OF" is not the lower-case "of"
    assert of_phrases("Fans reached the Walk Of Fame. The WALK OF FAME.") == []


def test_of_names_against_a_fitted_background():
    bg = fit_background(["The Walk of Fame grew. The Walk of Fame shone.", "Oil prices rose."])
    assert bg.document_frequency["walk of fame"] == 1
    terms = [k.term for k in extract_keywords("The Walk of Fame grew. The Walk of Fame shone. Stars came.", background=bg)]
    assert terms[0] == "Walk of Fame"


# --------------------------------------------------------------------------- dedup


def test_near_duplicates_are_merged():
    text = (
        "The missile test worried Tokyo. Missile tests continued. The missile tests in May were "
        "followed by another missile test. Russia and Russian officials stayed silent on Russia."
    )
    for method in REAL:
        kws = extract_keywords(text, method=method, top_n=10)
        keys = [_stems(k.term) for k in kws]
        assert len(keys) == len(set(keys)), (method, [k.term for k in kws])
    terms = [k.term for k in extract_keywords(text)]
    assert sum(t.lower().startswith("missile test") for t in terms) == 1
    assert not ({"Russia", "Russian"} <= set(terms))  # one word family, one slot


def test_bound_words_are_shown_as_their_phrase():
    text = (
        "San Francisco approved the plan. Critics in San Francisco objected. "
        "San Francisco voters will decide. The plan needs money."
    )
    terms = [k.term for k in extract_keywords(text)]
    assert terms[0] == "San Francisco"
    assert "Francisco" not in terms and "San" not in terms


# --------------------------------------------------------------------------- empty and bad input


@pytest.mark.parametrize("text", ["", "   \n\n ", "the of and to it was", "... ,,, !!!", "1 2 3 2024"])
@pytest.mark.parametrize("method", METHODS)
def test_empty_or_stopword_text_gives_empty_list(text, method):
    assert extract_keywords(text, method=method) == []
    assert extract_keywords(Article.from_text(text or " "), method=method) == []


@pytest.mark.parametrize("top_n", [1, 2, 3, 7])
def test_top_n_bounds_the_length(top_n):
    for method in REAL:
        assert len(extract_keywords(SYNTHETIC, method=method, top_n=top_n)) <= top_n


def test_ngram_range_is_respected():
    for method in ("tfidf", "rake", "positionrank", "yake"):
        assert all(len(k.term.split()) == 1 for k in extract_keywords(SYNTHETIC, method=method, ngram_range=(1, 1)))
        two = extract_keywords(SYNTHETIC, method=method, ngram_range=(2, 3))
        assert two and all(2 <= len(k.term.split()) <= 3 for k in two), method


def test_unknown_method_lists_valid_ones():
    with pytest.raises(ValueError) as exc:
        extract_keywords(SYNTHETIC, method="bert")  # type: ignore[arg-type]
    assert "bert" in str(exc.value) and "tfidf" in str(exc.value) and "positionrank" in str(exc.value)


@pytest.mark.parametrize("top_n", [0, -1, 2.5, True, "10", None])
def test_bad_top_n(top_n):
    with pytest.raises(ValueError, match="top_n"):
        extract_keywords(SYNTHETIC, top_n=top_n)  # type: ignore[arg-type]


@pytest.mark.parametrize("ngram_range", [(0, 2), (3, 1), (1,), "ab", (1, 7), (1.0, 2), None, (True, 2)])
def test_bad_ngram_range(ngram_range):
    with pytest.raises(ValueError, match="ngram_range"):
        extract_keywords(SYNTHETIC, ngram_range=ngram_range)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["a list"]])
def test_bad_document_type(bad):
    with pytest.raises(TypeError):
        extract_keywords(bad)  # type: ignore[arg-type]


def test_bad_background_and_stopwords():
    with pytest.raises(TypeError, match="background"):
        extract_keywords(SYNTHETIC, background={"oil": 3})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="stopwords"):
        extract_keywords(SYNTHETIC, stopwords="the")
    with pytest.raises(TypeError, match="stopwords"):
        extract_keywords(SYNTHETIC, stopwords=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="stopwords"):
        extract_keywords(SYNTHETIC, stopwords=["the", 5])  # type: ignore[list-item]


# --------------------------------------------------------------------------- traps of real text


def test_typography_entities_urls_and_capitals():
    text = (
        "The US and the WHO met. \u201cVaccines work,\u201d the WHO said \u2014 see www.who.int/news "
        "or mail press@who.int. The US pledged vaccines; vaccines &amp; syringes ship from CNN.com."
    )
    terms = {k.term for k in extract_keywords(text, top_n=20)}
    assert "WHO" in terms and "US" in terms  # stop words in capitals are names
    assert "vaccines" in {t.lower() for t in terms}
    assert not any("www" in t or "who.int" in t or "press" in t or "amp" in t for t in terms)
    assert not any("\u201c" in t or "\u2014" in t for t in terms)


def test_text_preparation_shortcuts_match_the_plain_definitions():
    # _clean rewrites only non-ASCII runs and URL-bearing pieces, _parse tokenises ASCII
    # text with explicit character sets: both must equal the plain definitions
    import random
    import re

    from newsframe import keywords as kw
    from newsframe.text import normalize_text

    def plain_clean(text: str) -> str:
        import html

        if "&" in text and ";" in text:
            text = html.unescape(text)
        for a, b in kw._SMART.items():
            text = text.replace(a, b)
        text = normalize_text(text)
        if "www" in text or "://" in text or "@" in text:
            text = kw._URL.sub(" | ", text)
        if any(t in text for t in kw._DOMAIN_ENDS):
            text = kw._DOMAIN.sub(r"\1", text)
        return text

    rnd = random.Random(0)
    ascii_chars = [chr(i) for i in range(128)]
    pieces = ascii_chars + ["U.S.", "e.g.", "don't", "co-op", "www.", "WWW.", "http://", "a@b.org", "x.co.uk-",
                            "&amp;", "&#8217;", "\u2019", "\u2014", "\u00a0", "\u00ad", "\u2026", "\u00e9", "\u4e2d",
                            "\u2003", "\u02bc", "\u2034", "\u00bb"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 25)))
        assert kw._clean(text) == plain_clean(text), repr(text)
        if text.isascii():
            assert kw._TOKEN_ASCII.findall(text) == kw._TOKEN.findall(text), repr(text)
    assert re.findall(r"\s", "".join(ascii_chars)) == re.findall(r"[\t\n\x0b\x0c\r\x1c-\x1f ]", "".join(ascii_chars))


def test_selection_equals_the_plain_definition():
    # _select sorts the head of the list first: same answer as its plain definition
    import random

    from newsframe.keywords import _select, _select_plain as plain

    rnd = random.Random(1)
    words = ["korea", "korean", "north", "missil", "test", "putin", "war", "oil", "price", "bank"]
    for trial in range(3000):
        keys = {tuple(rnd.sample(words, rnd.randint(1, 3))) for _ in range(rnd.randint(0, 120))}
        scored = [(rnd.choice([rnd.random(), float(rnd.randint(0, 3)), -1.0, math.inf]), k, None) for k in keys]
        if trial % 10 == 0 and scored:
            scored[0] = (math.nan, *scored[0][1:])
        top_n = rnd.randint(1, 12)
        assert _select(scored, top_n) == plain(scored, top_n)


def test_custom_stopwords_end_phrases():
    text = "Oil prices rose. Oil prices fell. Oil prices rose again."
    assert extract_keywords(text, top_n=1)[0].term == "Oil prices"
    stop = set(keyword_stopwords()) | {"prices"}
    assert all("prices" not in k.term for k in extract_keywords(text, stopwords=stop))


def test_non_english_and_repeated_words_do_not_crash():
    assert isinstance(extract_keywords("Le gouvernement français a annoncé des réformes."), list)
    kws = extract_keywords("war war war war war peace")
    assert kws[0].term == "war"


# --------------------------------------------------------------------------- background


def test_fit_background_and_tfidf_against_it():
    texts = [SYNTHETIC, "The city council met on Monday.", "Power bills rose in the city.", "Solar power grows."]
    bg = fit_background(texts)
    assert isinstance(bg, Background) and bg.n_documents == 4
    assert bg.document_frequency["citi"] == 3 and bg.document_frequency["solar panel"] == 1
    assert bg.idf("citi") < bg.idf("subsidi") and bg.idf("never-seen") == pytest.approx(math.log(5) + 1)
    kws = extract_keywords(SYNTHETIC, background=bg)
    assert kws and kws[0].method == "tfidf"
    assert "city" not in {k.term for k in kws[:3]}  # common in this corpus


@pytest.mark.parametrize("bad", ["one string", [], ["", ""], ["the", "of the"]])
def test_fit_background_bad_input(bad):
    with pytest.raises(ValueError):
        fit_background(bad)


def test_fit_background_counts_documents_without_words():
    bg = fit_background(["", "Oil prices rose."])
    assert bg.n_documents == 2 and bg.document_frequency["oil price"] == 1


# --------------------------------------------------------------------------- determinism


def test_same_result_twice(seed_article):
    for method in REAL:
        assert extract_keywords(seed_article, method=method) == extract_keywords(seed_article, method=method)


_SCRIPT = """
import json, sys
from newsframe.ingest import load_article
from newsframe.keywords import METHODS, extract_keywords, keyness, collocations
a = load_article(sys.argv[1])
out = {m: [[k.term, k.score] for k in extract_keywords(a, method=m)] for m in METHODS}
out["keyness"] = keyness({"a": a.text[:3000], "b": a.text[3000:]}).head(20).to_dict("records")
out["collocations"] = collocations(a).to_dict("records")
print(json.dumps(out, sort_keys=True))
"""


def test_identical_across_hash_seeds(seed_path):
    outs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        res = subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(seed_path)], capture_output=True, text=True, env=env, check=True, cwd=ROOT
        )
        outs.append(res.stdout)
    assert outs[0] == outs[1]
    assert json.loads(outs[0])["tfidf"]


# --------------------------------------------------------------------------- golden values on the seed


def test_seed_article_keywords(seed_article):
    terms = [k.term for k in extract_keywords(seed_article)]
    assert len(terms) == 10
    assert {"North Korea", "Russia", "Kim", "Putin"} <= set(terms[:6])
    assert "cosmodrome" in terms and "satellite" in terms
    assert "North" not in terms and "Korea" not in terms  # shown as "North Korea"


def test_record_fields_and_pipeline(seed_article):
    per_sentence, per_article = record_fields(seed_article, [])
    assert per_sentence == {}
    kws = per_article["keywords"]
    assert len(kws) == 10 and [k["rank"] for k in kws] == list(range(1, 11))
    assert all(set(k) == {"term", "score", "rank", "method"} and k["method"] == "tfidf" for k in kws)
    json.dumps(per_article)  # JSON-ready

    from newsframe.pipeline import article_record

    rec = article_record(seed_article, analyses=("keywords",))
    assert rec["keywords"] == kws


# --------------------------------------------------------------------------- keyness


def test_keyness_on_a_hand_computed_example():
    # a: war 3, peace 1 (n = 4); b: war 1, peace 3 (n = 4); prior a_w = pooled count (4 each), a0 = 8
    t = keyness({"a": "war war war peace", "b": "peace peace peace war"})
    assert list(t.columns) == list(KEYNESS_COLUMNS)
    row = t[(t.group == "a") & (t.term == "war")].iloc[0]
    expected = math.log((3 + 4) / (4 + 8 - 3 - 4)) - math.log((1 + 4) / (4 + 8 - 1 - 4))
    assert row["log_odds"] == pytest.approx(expected) == pytest.approx(2 * math.log(7 / 5))
    assert row["z"] == pytest.approx(expected / math.sqrt(1 / 7 + 1 / 5))
    assert (row["count"], row["count_other"], row["rate"], row["rate_other"]) == (3, 1, 0.75, 0.25)
    # two groups: mirror images
    other = t[(t.group == "b") & (t.term == "war")].iloc[0]
    assert other["z"] == pytest.approx(-row["z"])
    # a weak prior moves the estimate towards the raw log-odds ratio ln(3/1) - ln(1/3)
    weak = keyness({"a": "war war war peace", "b": "peace peace peace war"}, prior=0.01)
    w = weak[(weak.group == "a") & (weak.term == "war")].iloc[0]
    assert abs(w["log_odds"] - 2 * math.log(3)) < 0.01


def test_keyness_sorting_lists_and_articles():
    t = keyness({"hawks": ["war now", "more war"], "doves": [Article.from_text("peace now"), "peace talks"]}, min_count=2)
    assert set(t.term) == {"war", "peace", "now"}
    assert list(dict.fromkeys(t.group)) == ["hawks", "doves"]
    for _, g in t.groupby("group", sort=False):
        assert list(g.z) == sorted(g.z, reverse=True)
    assert t[t.group == "hawks"].iloc[0].term == "war"


def test_keyness_bad_input():
    with pytest.raises(ValueError, match="two groups"):
        keyness({"a": "war"})
    with pytest.raises(ValueError, match="method"):
        keyness({"a": "war", "b": "peace"}, method="chi2")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="min_count"):
        keyness({"a": "war", "b": "peace"}, min_count=0)
    with pytest.raises(ValueError, match="prior"):
        keyness({"a": "war", "b": "peace"}, prior=-1)
    with pytest.raises(TypeError):
        keyness(["war", "peace"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        keyness({"a": 3, "b": "peace"})  # type: ignore[dict-item]
    empty = keyness({"a": "", "b": "..."})
    assert empty.empty and list(empty.columns) == list(KEYNESS_COLUMNS)


@pytest.mark.parametrize("group", ["", [], ["", "2023."], "..."])
def test_keyness_group_without_words_warns_naming_it(group):
    # an article that quotes no one: a warning, not an error, so that a notebook or report
    # run on any article goes on; the empty group's rates are NaN
    with pytest.warns(UserWarning, match="group 'quotes' holds no words") as caught:
        table = keyness({"narration": "War came. Peace left.", "quotes": group})
    assert caught[0].filename == __file__  # the caller's line, not one of newsframe's
    assert set(table["group"]) == {"narration", "quotes"}
    assert table.loc[table["group"] == "quotes", "rate"].isna().all()
    assert table.loc[table["group"] == "narration", "rate"].notna().all()
    with pytest.warns(UserWarning, match="group 'b' holds no words besides stop words"):
        keyness({"a": "war and peace", "b": "and the of"}, stopwords=["and", "the", "of"])


def test_narration_and_quotes():
    text = 'The minister spoke. "We will never give up," she said. Reporters left.'

    class Q:  # any object with start/end
        def __init__(self, s, e):
            self.start, self.end = s, e

    s = text.index("We")
    parts = narration_and_quotes(Article.from_text(text), [Q(s, text.index(',"'))])
    assert parts["quotes"] == ["We will never give up"]
    assert "".join(parts["narration"]).startswith("The minister spoke.")
    assert all("never" not in n for n in parts["narration"])
    with pytest.raises(ValueError, match="outside"):
        narration_and_quotes(text, [Q(0, 10_000)])
    with pytest.raises(TypeError, match="article must be"):
        narration_and_quotes(None)  # type: ignore[arg-type]
    default = narration_and_quotes(text)
    assert any("never give up" in q for q in default["quotes"])
    t = keyness(default)
    assert set(t.group) == {"narration", "quotes"}


def test_keyness_narration_vs_quotes_on_the_seed(seed_article):
    t = keyness(narration_and_quotes(seed_article))
    quotes = t[t.group == "quotes"]
    assert quotes.iloc[0]["z"] > 1.96
    assert (t.groupby("group")["term"].count() > 50).all()


# --------------------------------------------------------------------------- concordance


def test_concordance_offsets_and_case():
    text = "Oil rose.\n\nThen OIL prices fell, and oil\nprices rose again."
    kwic = concordance(text, "oil prices", width=8)
    assert list(kwic.columns) == list(CONCORDANCE_COLUMNS)
    assert len(kwic) == 2
    for row in kwic.itertuples():
        assert text[row.start:row.end] == row.match
        assert row.match.lower().split() == ["oil", "prices"]
        assert "\n" not in row.left + row.right
    assert list(kwic.sentence) == [1, 1]
    assert kwic.iloc[0].left == ".  Then " and kwic.iloc[0].right == " fell, a"


def test_concordance_stems_and_article(seed_article):
    assert len(concordance("One missile. Two missiles.", "missile")) == 1
    both = concordance("One missile. Two missiles.", "missile", stems=True)
    assert list(both.match) == ["missile", "missiles"]
    kwic = concordance(seed_article, "cosmodrome", width=30)
    assert len(kwic) >= 3
    for row in kwic.itertuples():
        assert seed_article.text[row.start:row.end].lower() == "cosmodrome"
    assert concordance("nothing here", "oil").empty


@pytest.mark.parametrize("kwargs", [{"term": ""}, {"term": "  "}, {"term": "oil", "width": -1}, {"term": "oil", "width": 2.5}])
def test_concordance_bad_input(kwargs):
    with pytest.raises(ValueError):
        concordance("Oil rose.", **kwargs)


@pytest.mark.parametrize("bad", [None, 42, ["Oil rose."]])
def test_concordance_bad_document(bad):
    with pytest.raises(TypeError, match="article must be"):
        concordance(bad, "oil")


# --------------------------------------------------------------------------- collocations and comparison


def test_collocations(seed_article):
    t = collocations(seed_article)
    assert list(t.columns) == list(COLLOCATION_COLUMNS)
    assert "North Korea" in set(t.term)
    assert list(t.likelihood_ratio) == sorted(t.likelihood_ratio, reverse=True)
    assert (t["count"] >= 2).all() and (t["n"] == 2).all()
    tri = collocations(seed_article, n=3, min_count=1, top_n=5)
    assert len(tri) == 5 and all(len(x.split()) == 3 for x in tri.term)
    assert collocations("").empty
    with pytest.raises(ValueError):
        collocations(seed_article, n=4)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        collocations(seed_article, min_count=0)


@pytest.mark.parametrize("text", ["Putin Putin Putin summit Putin", "Putin Putin Putin summit Putin Putin", "war war war war"])
def test_collocations_when_one_word_fills_a_short_text(text):
    # NLTK's contingency table of such a text has a negative cell: its likelihood ratio raised
    # "math domain error"; such n-grams are now left out
    kws = extract_keywords(text, method="collocations")
    assert all(k.score > 0 and math.isfinite(k.score) for k in kws)
    assert [k.term for k in extract_keywords("Putin Putin Putin summit Putin", method="collocations")] == ["Putin summit"]
    for n in (2, 3):
        t = collocations(text, n=n, min_count=1)  # type: ignore[arg-type]
        assert list(t.columns) == list(COLLOCATION_COLUMNS) and t["likelihood_ratio"].map(math.isfinite).all()
    table = compare_methods(text, top_n=3)
    assert set(table["method"]) <= set(METHODS)


def test_compare_methods_and_agreement(seed_article):
    table = compare_methods(seed_article, methods=["tfidf", "yake", "rake"], top_n=10)
    assert list(table.columns) == ["method", "rank", "term", "score", "agreement"]
    assert table["agreement"].between(1, 3).all()
    north = table[table.term == "North Korea"]
    assert (north["agreement"] == len(north)).all() and len(north) >= 2
    agree = method_agreement(table)
    assert list(agree.index) == ["tfidf", "yake", "rake"]
    for m in agree.index:
        assert agree.loc[m, m] == 1.0
    assert ((agree.values >= 0) & (agree.values <= 1)).all()
    assert (agree.values == agree.values.T).all()
    rbo = method_agreement(table, measure="rank_overlap")
    assert rbo.loc["tfidf", "tfidf"] == pytest.approx(1.0)
    with pytest.raises(ValueError):
        method_agreement(table, measure="kendall")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        compare_methods(seed_article, methods=["tfidf", "nope"])


def test_benchmark_plot_takes_any_number_of_metrics():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    from newsframe.plotting.keywords import plot_keyword_benchmark

    rows = [(m, metric, v, "newsframe") for m, base in (("tfidf", 17.0), ("yake", 11.0))
            for metric, v in (("F1@5", base - 6), ("F1@10", base), ("F1@10, multiword gold", base / 2))]
    ax = plot_keyword_benchmark(pd.DataFrame(rows, columns=["method", "metric", "value", "source"]))
    try:
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["F1@5", "F1@10", "F1@10, multiword gold"]
        assert len(ax.containers) == 3 and all(len(c) == 2 for c in ax.containers)
        # bars keep their metric's value, method by method
        assert [round(b.get_width(), 1) for b in ax.containers[2]] == [8.5, 5.5]
    finally:
        plt.close(ax.figure)


def test_a_missing_tagger_lexicon_is_a_clear_error(monkeypatch, tmp_path):
    import importlib.machinery
    import importlib.util

    import newsframe.keywords as kw

    real = importlib.util.find_spec

    def fake(name, *args, **kwargs):
        if name == "textblob":
            spec = importlib.machinery.ModuleSpec("textblob", None, is_package=True)
            spec.submodule_search_locations = [str(tmp_path)]  # a package folder without en/en-lexicon.txt
            return spec
        return real(name, *args, **kwargs)

    kw._lexicon_shapes.cache_clear()
    monkeypatch.setattr(importlib.util, "find_spec", fake)
    try:
        with pytest.raises(ImportError, match="no tagger lexicon at .*en-lexicon.txt"):
            kw._lexicon_shapes()
        monkeypatch.setattr(importlib.util, "find_spec",
                            lambda name, *a, **k: None if name == "textblob" else real(name, *a, **k))
        with pytest.raises(ImportError, match="pip install textblob"):
            kw._lexicon_shapes()
    finally:
        monkeypatch.undo()
        kw._lexicon_shapes.cache_clear()
    assert kw._lexicon_shapes()["cut"] == kw._VERB  # the real lexicon again
