"""The per-article record behind `newsframe analyze --json` and the corpus tables."""

from __future__ import annotations

import types

import pytest

from newsframe import pipeline
from newsframe.ingest import Article
from newsframe.pipeline import ANALYSES, analyze_articles, article_record

BASE_KEYS = ["id", "title", "section", "author", "published", "subheadings", "text", "paragraphs", "sentences"]


def test_base_record(seed_article):
    rec = article_record(seed_article, analyses=())
    assert list(rec) == BASE_KEYS
    assert rec["id"] == seed_article.id and rec["text"] == seed_article.text
    assert len(rec["paragraphs"]) == 17
    for p in rec["paragraphs"]:
        assert rec["text"][p["start"]:p["end"]] == p["text"]
    for i, s in enumerate(rec["sentences"]):
        assert list(s) == ["index", "start", "end", "text", "paragraph"]
        assert s["index"] == i and rec["text"][s["start"]:s["end"]] == s["text"]
        assert 0 <= s["paragraph"] < 17


def test_record_fields_are_discovered_and_merged(monkeypatch):
    calls = []

    def fake_fields(name):
        def record_fields(article, sentences):
            calls.append(name)
            return {0: {f"{name}_first": True}}, {name: len(sentences)}
        return types.SimpleNamespace(record_fields=record_fields)

    modules = {"sentiment": fake_fields("sentiment"), "framing": types.SimpleNamespace(),  # no record_fields
               "quotes": None, "actors": fake_fields("actors"), "keywords": None}
    monkeypatch.setattr(pipeline, "_analysis_module", lambda name: modules[name])
    rec = article_record(Article.from_text("One. Two. Three."))
    assert calls == ["sentiment", "actors"]  # in the order of ANALYSES, skipping what is missing
    assert rec["sentiment"] == 3 and rec["actors"] == 3 and "framing" not in rec
    assert rec["sentences"][0]["sentiment_first"] is True and rec["sentences"][0]["actors_first"] is True
    assert "sentiment_first" not in rec["sentences"][1]
    calls.clear()
    article_record(Article.from_text("One."), analyses=("actors",))
    assert calls == ["actors"]


def test_missing_module_is_skipped_but_a_broken_one_raises(monkeypatch):
    import importlib

    real = importlib.import_module

    def fake_import(name, *args):
        if name == "newsframe.quotes":
            raise ModuleNotFoundError("No module named 'newsframe.quotes'", name="newsframe.quotes")
        if name == "newsframe.actors":
            raise ModuleNotFoundError("No module named 'yaml_missing'", name="yaml_missing")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", fake_import)
    monkeypatch.setattr(pipeline, "_MODULES", {})  # forget the modules found so far
    assert pipeline._analysis_module("quotes") is None
    with pytest.raises(ModuleNotFoundError, match="yaml_missing"):
        pipeline._analysis_module("actors")


def test_unknown_analyses_raise_value_error():
    with pytest.raises(ValueError, match="valid: " + ", ".join(ANALYSES)):
        article_record(Article.from_text("Text."), analyses=("sentiment", "astrology"))


def test_installed_modules_add_their_contract_keys(seed_article):
    rec = article_record(seed_article)
    installed = [name for name in ANALYSES if getattr(pipeline._analysis_module(name), "record_fields", None)]
    expected = {"sentiment": "sentiment", "framing": "frames", "quotes": "quotes", "actors": "actors",
                "keywords": "keywords"}
    for name in installed:
        assert expected[name] in rec, name
    assert list(rec)[:len(BASE_KEYS)] == BASE_KEYS


def test_record_is_deterministic(seed_article):
    assert article_record(seed_article) == article_record(seed_article)


def test_analyze_articles_document(seed_article):
    doc = analyze_articles([seed_article, Article.from_text("Short one.", id="b")], analyses=())
    assert [a["id"] for a in doc["articles"]] == [seed_article.id, "b"]
    assert analyze_articles([], analyses=()) == {"articles": []}


def test_modules_found_are_imported_once(monkeypatch):
    import importlib

    calls = []
    real = importlib.import_module

    def counting(name, *args):
        calls.append(name)
        return real(name, *args)

    monkeypatch.setattr(pipeline, "_MODULES", {})
    monkeypatch.setattr(importlib, "import_module", counting)
    assert pipeline._analysis_module("text") is pipeline._analysis_module("text")
    assert calls == ["newsframe.text"]
