"""Article statistics (newsframe.stats) and their figures (newsframe.plotting.article)."""

from __future__ import annotations

import math

import matplotlib
import pytest

from newsframe.chrome import RULES
from newsframe.ingest import Article
from newsframe.stats import (
    METADATA_COLUMNS,
    PARAGRAPH_COLUMNS,
    REMOVED_COLUMNS,
    SENTENCE_COLUMNS,
    VOCABULARY_COLUMNS,
    TextStats,
    metadata_table,
    paragraph_table,
    removed_table,
    sentence_table,
    text_stats,
    text_stats_table,
    vocabulary_table,
    words,
)

matplotlib.use("Agg")


def test_words():
    assert words("Russia’s 25 ICBMs didn’t fly, Kim Jong-un said.") == [
        "russia", "icbms", "didn't", "fly", "kim", "jong-un", "said"]
    assert words("") == [] and words("1,000 -- 3.5%") == []


def test_text_stats_properties(seed_article):
    s = text_stats(seed_article)
    assert isinstance(s, TextStats)
    assert s.n_paragraphs == 17
    assert 0 < s.n_types <= s.n_words and 0 < s.n_content_words < s.n_words
    assert 0 < s.type_token_ratio < 1 and 0 < s.mattr < 1 and 0 < s.lexical_density < 1
    assert s.mattr > s.type_token_ratio  # TTR falls with length; the windowed one does not
    assert s.n_sentences >= s.n_paragraphs
    assert s.mean_sentence_words * s.n_sentences == pytest.approx(s.mean_paragraph_words * s.n_paragraphs)


def test_text_stats_golden_small():
    s = text_stats(Article.from_text("Russia’s rockets rose. The rockets fell.\n\nKim watched.", id="x"))
    assert (s.n_paragraphs, s.n_sentences, s.n_words, s.n_content_words, s.n_types) == (2, 3, 8, 7, 7)
    assert s.type_token_ratio == pytest.approx(7 / 8)
    assert s.lexical_density == pytest.approx(7 / 8)
    assert s.mean_paragraph_words == pytest.approx(4.0)
    assert math.isnan(s.mattr)  # shorter than one 50-word window


def test_repetition_lowers_type_token_ratio():
    varied = text_stats("Alpha beta gamma delta epsilon zeta eta theta iota kappa.", window=5)
    repeated = text_stats("Alpha beta alpha beta alpha beta alpha beta alpha beta.", window=5)
    assert repeated.type_token_ratio < varied.type_token_ratio
    assert repeated.mattr < varied.mattr


def test_stopwords_raise_lexical_density_when_removed():
    text = "The minister said that the plan would be ready in the spring."
    default = text_stats(text)
    fewer = text_stats(text, stopwords={"the"})
    assert fewer.lexical_density > default.lexical_density
    assert text_stats(text, stopwords=[]).lexical_density == 1.0


def test_empty_text_is_nan_not_zero():
    s = text_stats("   ")
    assert s.n_words == 0 and s.n_paragraphs == 0
    for f in ("type_token_ratio", "mattr", "lexical_density", "mean_sentence_words", "mean_paragraph_words"):
        assert math.isnan(getattr(s, f))


def test_bad_arguments():
    with pytest.raises(ValueError, match="window"):
        text_stats("Some text.", window=0)
    with pytest.raises(ValueError, match="not one string"):
        text_stats("Some text.", stopwords="the")
    with pytest.raises(ValueError, match="top_n"):
        vocabulary_table(Article.from_text("a b"), top_n=0)
    with pytest.raises(ValueError, match="min_count"):
        vocabulary_table(Article.from_text("a b"), min_count=-1)
    with pytest.raises(TypeError, match="not a str"):
        paragraph_table("just a string")
    with pytest.raises(TypeError, match="Article"):
        sentence_table([Article.from_text("Fine."), 42])


@pytest.mark.parametrize("bad", [None, 42, ["Some text."]])
def test_text_stats_rejects_what_is_not_an_article_or_a_str(bad):
    with pytest.raises(TypeError, match="article must be an Article or a str"):
        text_stats(bad)


@pytest.mark.parametrize("bad", [5, ["the", 5]])
def test_stopwords_must_be_words(bad):
    with pytest.raises(TypeError, match="stopwords"):
        text_stats("Some text.", stopwords=bad)


def test_numbers_count_in_sentence_lengths_but_are_not_words():
    # as documented: words hold a letter; mean sentence and paragraph lengths count word tokens, numbers too
    s = text_stats("12 34 56. 7 8 9.")
    assert (s.n_words, s.n_sentences, s.mean_sentence_words, s.mean_paragraph_words) == (0, 2, 3.0, 6.0)
    assert math.isnan(s.type_token_ratio) and math.isnan(s.lexical_density)


def test_tables_have_documented_columns_and_offsets(seed_article):
    paragraphs = paragraph_table(seed_article)
    sentences = sentence_table(seed_article)
    assert tuple(paragraphs.columns) == PARAGRAPH_COLUMNS and tuple(sentences.columns) == SENTENCE_COLUMNS
    assert len(paragraphs) == 17 and paragraphs["paragraph"].tolist() == list(range(17))
    assert paragraphs["n_sentences"].sum() == len(sentences)
    text = seed_article.text
    for row in sentences.itertuples():
        assert len(text[row.start:row.end]) == row.n_characters
    assert paragraphs["subheading"].isna().sum() == 4
    assert set(sentences["paragraph"]) == set(range(17))


def test_vocabulary_table(seed_article):
    vocab = vocabulary_table(seed_article)
    assert tuple(vocab.columns) == VOCABULARY_COLUMNS
    assert vocab["rank"].tolist() == list(range(1, len(vocab) + 1))
    assert (vocab["count"].diff().dropna() <= 0).all()
    assert vocab["share"].between(0, 1).all()
    assert vocab["share"].sum() == pytest.approx(1.0)
    top = vocab.head(5)["term"].tolist()
    assert {"korea", "russia", "north", "kim"} <= set(top)
    assert not ({"the", "and", "of"} & set(vocab["term"]))
    assert len(vocabulary_table(seed_article, top_n=10)) == 10
    with_stop = vocabulary_table(seed_article, keep_stopwords=True)
    assert with_stop.iloc[0]["term"] == "the"
    assert vocabulary_table(seed_article, min_count=5)["count"].min() >= 5


def test_vocabulary_ties_are_ordered_by_term():
    vocab = vocabulary_table(Article.from_text("zebra apple mango apple zebra mango kiwi"))
    assert vocab["term"].tolist() == ["apple", "mango", "zebra", "kiwi"]


def test_removed_and_metadata_tables(seed_article):
    removed = removed_table(seed_article)
    assert tuple(removed.columns) == REMOVED_COLUMNS
    assert len(removed) == len(seed_article.removed)
    assert set(removed["rule"]) <= set(RULES)
    assert (removed["meaning"] == removed["rule"].map(RULES)).all()
    kept = removed.dropna(subset=["kept_as"]).set_index("rule")["kept_as"].to_dict()
    assert kept == {"section": "section", "headline": "title", "subheading": "subheadings"}
    meta = metadata_table(seed_article).set_index("field")["value"]
    assert tuple(metadata_table(seed_article).columns) == METADATA_COLUMNS
    assert meta["title"] == "North Korea and Russia Now Look Like Real Allies"
    assert meta["paragraphs"] == "17"
    assert meta["event_date"] == "2023-09-13"
    assert "Creative Commons" in meta["image"]


def test_many_articles(seed_article):
    other = Article.from_text("A second article. It is short.", id="b")
    stats = text_stats_table([seed_article, other])
    assert stats["article_id"].tolist() == [seed_article.id, "b"]
    assert stats.loc[1, "n_sentences"] == 2
    vocab = vocabulary_table([seed_article, other], top_n=3)
    assert vocab["article_id"].tolist() == [seed_article.id] * 3 + ["b"] * 3


# --------------------------------------------------------------------------- figures

def test_figures_draw_the_tables(seed_article):
    import matplotlib.pyplot as plt

    from newsframe.plotting.article import (
        plot_paragraph_lengths,
        plot_removed_lines,
        plot_sentence_lengths,
        plot_top_words,
    )

    ax = plot_paragraph_lengths(paragraph_table(seed_article))
    assert len(ax.patches) >= 17 and ax.get_legend() is not None
    ax = plot_sentence_lengths(sentence_table(seed_article))
    assert ax.get_xlabel() == "Words in the sentence"
    ax = plot_top_words(vocabulary_table(seed_article), top_n=12)
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == vocabulary_table(seed_article)["term"].tolist()[:2]
    assert len(ax.get_yticklabels()) == 12
    ax = plot_removed_lines(removed_table(seed_article))
    assert len(ax.get_yticklabels()) == removed_table(seed_article)["rule"].nunique()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["dropped (page chrome)", "kept as metadata"]
    plt.close("all")


def test_figures_refuse_bad_tables():
    import pandas as pd

    from newsframe.plotting.article import plot_paragraph_lengths, plot_top_words

    with pytest.raises(ValueError, match="lacks columns"):
        plot_paragraph_lengths(pd.DataFrame({"n_words": [1]}))
    with pytest.raises(ValueError, match="empty"):
        plot_top_words(pd.DataFrame(columns=["term", "count", "rank"]))
    with pytest.raises(TypeError, match="DataFrame"):
        plot_top_words([("a", 1, 1)])
