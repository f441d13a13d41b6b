"""Tests of newsframe.framing: codebooks, cue matching, thresholds, agreement, classifier."""

from __future__ import annotations

import json
import math
import os
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from newsframe.errors import CodebookError, NewsframeError
from newsframe.framing import (
    AGREEMENT_COLUMNS,
    CODEBOOKS,
    CUE_COLUMNS,
    EVALUATION_COLUMNS,
    POLICY_FRAMES,
    SENTENCE_COLUMNS,
    UNIT_COLUMNS,
    Codebook,
    FrameClassifier,
    FrameProfile,
    agreement,
    detect_frames,
    detect_units,
    evaluate_frames,
    load_codebook,
    load_coding,
    record_fields,
    score_frames,
)
from newsframe.ingest import Article
from newsframe.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "data" / "annotations"
SEED_STEM = "2023-09-rossomando-north-korea-russia-real-allies"
GENERIC = ("conflict", "human_interest", "economic", "morality", "responsibility")
GEOPOLITICS = ("military_cooperation", "nuclear_missile_threat", "space_technology", "diplomacy_alliance",
               "historical_legitimacy", "war_in_ukraine", "western_interests")


def write_codebook(tmp_path: Path, body: str, name: str = "cb.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


MINIMAL = """\
name: mini
thresholds: {sentence: 1.0, min_sentences: 2, min_share: 0.0}
frames:
  clash:
    label: Clash
    questions: [{id: Q1, text: "Is there a clash?"}]
    cues:
      - {weight: 1.0, terms: [clash, "=arms"]}
      - {weight: 0.5, terms: [argue]}
    phrases:
      - {weight: 1.0, terms: [war of words, "rival|opposing camp"]}
    patterns:
      - {weight: 1.0, pattern: 'VS\\.'}
    counter_cues: {terms: [clash of colours]}
  money:
    cues: [{weight: 1.0, terms: [money]}]
"""


# =========================================================================== codebooks

class TestShippedCodebooks:
    def test_names_and_frames(self):
        assert CODEBOOKS == ("generic", "geopolitics")
        assert load_codebook("generic").frame_names == GENERIC
        assert load_codebook("geopolitics").frame_names == GEOPOLITICS

    @pytest.mark.parametrize("name", CODEBOOKS)
    def test_every_frame_documented_and_cued(self, name):
        cb = load_codebook(name)
        assert cb.reference and cb.match == "lemma"
        for frame in cb.frames:
            assert frame.questions, frame.name
            assert frame.description
            kinds = {c.kind for c in frame.cues}
            assert "word" in kinds and "phrase" in kinds, frame.name
            assert all(c.weight > 0 and not c.counter for c in frame.cues)
            assert all(c.counter and c.weight == 0 for c in frame.counter_cues)
            assert frame.policy_frame is None or frame.policy_frame in POLICY_FRAMES

    def test_generic_questions_follow_semetko_valkenburg(self):
        cb = load_codebook("generic")
        assert [len(f.questions) for f in cb.frames] == [4, 5, 3, 3, 5]  # their 20 items
        assert all(any(c.kind == "pattern" for c in f.cues) or f.name in ("conflict", "morality", "responsibility",
                                                                              "human_interest")
                   for f in cb.frames)
        assert any(f.counter_cues for f in cb.frames)

    def test_geopolitics_mapped_to_policy_frames(self):
        cb = load_codebook("geopolitics")
        mapped = {f.name: f.policy_frame for f in cb.frames}
        assert all(v in POLICY_FRAMES for v in mapped.values())
        assert mapped["military_cooperation"] == "security_and_defense"
        assert len(POLICY_FRAMES) == 15

    def test_loading_is_cached_and_passthrough(self):
        cb = load_codebook("generic")
        assert load_codebook("generic") is cb
        assert load_codebook(cb) is cb

    def test_unknown_name_lists_valid(self):
        with pytest.raises(ValueError, match="generic, geopolitics"):
            load_codebook("genric")
        with pytest.raises(TypeError):
            load_codebook(42)  # type: ignore[arg-type]


class TestUserCodebook:
    def test_user_file_loads_and_scores(self, tmp_path):
        path = write_codebook(tmp_path, MINIMAL)
        cb = load_codebook(path)
        assert isinstance(cb, Codebook) and cb.name == "mini" and cb.path == str(path.resolve())
        assert load_codebook(str(path)).frame_names == ("clash", "money")
        p = score_frames("Police clash with fans. They clash again.", codebook=path)
        assert p.present() == {"clash": True, "money": False}

    def test_file_reloaded_when_changed(self, tmp_path):
        path = write_codebook(tmp_path, MINIMAL)
        first = load_codebook(path)
        path.write_text(MINIMAL.replace("name: mini", "name: mini2") + "\n# changed\n", encoding="utf-8")
        assert load_codebook(path).name == "mini2" and first.name == "mini"

    def test_frame_thresholds_override(self, tmp_path):
        body = MINIMAL.replace("  money:\n", "  money:\n    thresholds: {min_sentences: 1, sentence: 2.0}\n")
        cb = load_codebook(write_codebook(tmp_path, body))
        assert cb.frame("money").thresholds.min_sentences == 1
        assert cb.frame("money").thresholds.sentence == 2.0
        assert cb.frame("clash").thresholds.min_sentences == 2
        with pytest.raises(KeyError, match="clash, money"):
            cb.frame("nope")


BROKEN = [
    # (description, yaml text, frame expected in message or None, field expected)
    ("not yaml", "name: x\nframes: [unclosed\n", None, "<yaml>"),
    ("top level list", "- a\n- b\n", None, "<top level>"),
    ("no name", "frames:\n  a:\n    cues: [{weight: 1, terms: [x]}]\n", None, "name"),
    ("unknown top key", "name: x\nframs: {}\n", None, "frams"),
    ("no frames", "name: x\n", None, "frames"),
    ("bad match", "name: x\nmatch: fuzzy\nframes:\n  a:\n    cues: [{weight: 1, terms: [x]}]\n", None, "match"),
    ("frame not mapping", "name: x\nframes:\n  a: [x, y]\n", "a", "<frame>"),
    ("bad frame name", "name: x\nframes:\n  Bad Name:\n    cues: [{weight: 1, terms: [x]}]\n", "Bad Name", "<name>"),
    ("typo field", "name: x\nframes:\n  a:\n    cue: [{weight: 1, terms: [x]}]\n", "a", "cue"),
    ("no cues", "name: x\nframes:\n  a:\n    label: A\n", "a", "cues"),
    ("weight not number", "name: x\nframes:\n  a:\n    cues: [{weight: heavy, terms: [x]}]\n", "a", "cues[0].weight"),
    ("weight zero", "name: x\nframes:\n  a:\n    cues: [{weight: 0, terms: [x]}]\n", "a", "cues[0].weight"),
    ("terms not list", "name: x\nframes:\n  a:\n    cues: [{weight: 1, terms: x}]\n", "a", "cues[0].terms"),
    ("yaml boolean term", "name: x\nframes:\n  a:\n    cues: [{weight: 1, terms: [no, x]}]\n", "a", "cues[0].terms"),
    ("phrase under cues", "name: x\nframes:\n  a:\n    cues: [{weight: 1, terms: [at odds]}]\n", "a", "cues[0].terms"),
    ("word under phrases", "name: x\nframes:\n  a:\n    phrases: [{weight: 1, terms: [odds]}]\n", "a", "phrases[0].terms"),
    ("multi-word alternative", "name: x\nframes:\n  a:\n    phrases: [{weight: 1, terms: ['a|b-c d']}]\n", "a",
     "phrases[0].terms"),
    ("bad regex", "name: x\nframes:\n  a:\n    patterns: [{weight: 1, pattern: '(unclosed'}]\n", "a",
     "patterns[0].pattern"),
    ("empty-matching regex", "name: x\nframes:\n  a:\n    patterns: [{weight: 1, pattern: 'x*'}]\n", "a",
     "patterns[0].pattern"),
    ("bad policy frame", "name: x\nframes:\n  a:\n    policy_frame: vibes\n    cues: [{weight: 1, terms: [x]}]\n",
     "a", "policy_frame"),
    ("bad threshold key", "name: x\nthresholds: {sentense: 1}\nframes:\n  a:\n    cues: [{weight: 1, terms: [x]}]\n",
     None, "thresholds"),
    ("share above one", "name: x\nframes:\n  a:\n    thresholds: {min_share: 1.5}\n    cues: [{weight: 1, terms: [x]}]\n",
     "a", "thresholds.min_share"),
    ("min_sentences zero", "name: x\nframes:\n  a:\n    thresholds: {min_sentences: 0}\n"
     "    cues: [{weight: 1, terms: [x]}]\n", "a", "thresholds.min_sentences"),
    ("bad question", "name: x\nframes:\n  a:\n    questions: [{id: 1}]\n    cues: [{weight: 1, terms: [x]}]\n",
     "a", "questions[0]"),
    ("bad counter cues", "name: x\nframes:\n  a:\n    cues: [{weight: 1, terms: [x]}]\n    counter_cues: [y]\n",
     "a", "counter_cues"),
    ("duplicate frame", "name: x\nframes:\n  a:\n    cues: [{weight: 1, terms: [x]}]\n  a:\n"
     "    cues: [{weight: 1, terms: [y]}]\n", None, "<yaml>"),
    ("in_names not boolean", "name: x\nframes:\n  a:\n    cues: [{weight: 1, in_names: maybe, terms: [x]}]\n",
     "a", "cues[0].in_names"),
    ("in_names on a phrase", "name: x\nframes:\n  a:\n    phrases: [{weight: 1, in_names: false, terms: [x y]}]\n",
     "a", "phrases[0].in_names"),
]


def test_builtin_codebook_is_resolved_once(monkeypatch):
    import newsframe.paths

    first = load_codebook("geopolitics")

    def fail(name):  # pragma: no cover - only runs if the cache is bypassed
        raise AssertionError(f"resource_path({name!r}) called again")

    monkeypatch.setattr(newsframe.paths, "resource_path", fail)
    assert load_codebook("geopolitics") is first


class TestCodebookErrors:
    @pytest.mark.parametrize("label,body,frame,field", BROKEN, ids=[b[0] for b in BROKEN])
    def test_malformed_codebook_names_file_frame_field(self, tmp_path, label, body, frame, field):
        path = write_codebook(tmp_path, body, name="broken-codebook.yaml")
        with pytest.raises(CodebookError) as info:
            load_codebook(path)
        message = str(info.value)
        assert "broken-codebook.yaml" in message
        assert f"field {field!r}" in message
        if frame is not None:
            assert f"frame {frame!r}" in message
        assert isinstance(info.value, NewsframeError) and isinstance(info.value, ValueError)
        assert info.value.field == field  # type: ignore[attr-defined]

    def test_missing_file(self, tmp_path):
        with pytest.raises(CodebookError, match="nope.yaml"):
            load_codebook(tmp_path / "nope.yaml")

    def test_folder_is_not_a_file(self, tmp_path):
        with pytest.raises(CodebookError, match="not a file"):
            load_codebook(tmp_path)

    def test_error_raised_by_score_frames_too(self, tmp_path):
        path = write_codebook(tmp_path, BROKEN[10][1])
        with pytest.raises(CodebookError):
            score_frames("text", codebook=path)


# =========================================================================== matching

class TestCueMatching:
    def test_offsets_point_into_original_text(self):
        text = "\u201cCritics\u201d\u00a0accused the minister \u2014 again.\n\nThe rivals\u2019 war of words grew."
        p = score_frames(text)
        ms = p.matches("conflict")
        assert ms, "conflict cues expected"
        for m in ms:
            assert text[m.start:m.end] == m.text
            s = p.sentences[m.sentence]
            assert s.start <= m.start < m.end <= s.end
        assert [m.text for m in ms] == ["Critics", "accused", "rivals", "war of words"]

    def test_lemma_matching_inflections(self):
        p = score_frames("The parties disputed it. Disputes continued. They are disputing.")
        assert [m.cue for m in p.matches("conflict")] == ["dispute", "dispute", "dispute"]

    def test_exact_term_matches_only_that_form(self, tmp_path):
        cb = load_codebook(write_codebook(tmp_path, MINIMAL))
        p = score_frames("He broke an arm. They sold arms.", codebook=cb)
        assert [m.text for m in p.matches("clash")] == ["arms"]

    def test_phrase_alternatives_and_hyphen_split(self, tmp_path):
        cb = load_codebook(write_codebook(tmp_path, MINIMAL))
        p = score_frames("The rival camp spoke. An opposing-camp leader left.", codebook=cb)
        assert [m.text for m in p.matches("clash")] == ["rival camp", "opposing-camp"]

    def test_phrase_beats_overlapping_word_no_double_count(self):
        p = score_frames("A war of words began.")
        ms = p.matches("conflict")
        assert [(m.cue, m.kind) for m in ms] == [("war of words", "phrase")]
        assert p.sentences[0].scores["conflict"] == 1.0

    def test_counter_cue_suppresses_overlapping_cue(self):
        assert score_frames("He declared a conflict of interest.").matches("conflict") == []
        assert score_frames("Doctors fight cancer every day.").matches("conflict") == []
        assert [m.text for m in score_frames("Soldiers fight the army.").matches("conflict")] == ["fight"]

    def test_many_cues_in_one_very_long_sentence(self):
        # one sentence of 40,000 words: each kept match used to be compared with every match
        # kept before it (about 7 s for 20,000 matches); now with the last one starting before it
        p = score_frames("the minister " * 20000, codebook="geopolitics")
        assert len(p.sentences) == 1
        assert len(p.matches("diplomacy_alliance")) == 20000
        p = score_frames("a war of words " * 5000)  # the phrase wins over its word, every time
        assert [(m.cue, m.kind) for m in p.matches("conflict")] == [("war of words", "phrase")] * 5000
        p = score_frames("a conflict of interest and a fight " * 4000)  # counter-cues suppress their overlaps
        assert [m.text for m in p.matches("conflict")] == ["fight"] * 4000

    def test_overlap_rules_equal_their_plain_definitions(self):
        from newsframe.framing import Cue, _longest_first, _outside

        rng = random.Random(3)
        cues = [Cue("f", t, "word", w) for t, w in (("a", 1.0), ("b", 0.5), ("c", 2.0))]
        for i in range(500):
            shortest = 1 if i % 5 else 0  # every fifth case may hold empty spans (no matcher makes them)
            starts = [rng.randint(0, 40) for _ in range(rng.randint(0, 30))]
            spans = [(s, s + rng.randint(shortest, 6), rng.choice(cues)) for s in starts]
            counters = [(s, s + rng.randint(0, 5)) for s in (rng.randint(0, 40) for _ in range(rng.randint(0, 6)))]
            assert _outside(spans, counters) == [(s, e, c) for s, e, c in spans
                                                 if not any(s < ce and cs < e for cs, ce in counters)]
            ranked = sorted(spans, key=lambda x: (x[0] - x[1], -x[2].weight, x[0], x[2].term))
            plain: list = []
            for s, e, c in ranked:
                if not any(s < ke and ks < e for ks, ke, _ in plain):
                    plain.append((s, e, c))
            assert _longest_first(ranked) == plain

    def test_pattern_is_case_sensitive_unless_asked(self, tmp_path):
        cb = load_codebook(write_codebook(tmp_path, MINIMAL))
        assert [m.kind for m in score_frames("Team A VS. team B.", codebook=cb).matches("clash")] == ["pattern"]
        assert score_frames("team a vs. team b.", codebook=cb).matches("clash") == []

    def test_currency_pattern_and_money_words(self):
        p = score_frames("The dam cost $2.5 billion.")
        assert {m.text for m in p.matches("economic")} >= {"cost", "$2", "billion"}

    def test_phrase_does_not_cross_sentences(self):
        p = score_frames("That was the war. Of words, none.")
        assert all(m.kind != "phrase" for m in p.matches("conflict"))

    def test_matches_sorted_and_deterministic(self):
        text = "Critics slammed the costly plan. Families grieved as taxes rose."
        a, b = score_frames(text), score_frames(text)
        assert a == b
        starts = [m.start for m in a.matches()]
        assert starts == sorted(starts)

    def test_all_caps_and_html_entities_do_not_crash(self):
        p = score_frames("CRITICS ATTACK THE PLAN &amp; <b>THE COST</b>")
        assert p.present()["conflict"] is True  # one sentence: min_sentences capped at 1

    def test_non_english_text_no_false_cues(self):
        assert not any(detect_frames("Der Hund schläft im Garten. Le chat dort.").values())

    def test_phrases_found_whatever_word_indexes_them(self, tmp_path):
        # phrases are looked up by their first word that is not a stop word: here that word is
        # first, in the middle, last, or missing (all stop words); one frame per phrase, so no
        # overlap rule applies and the matches must be exactly every occurrence of every phrase
        phrases = ["in contrast", "at the end of", "the right thing to do", "of the world", "in the",
                   "=hold the line", "end of"]
        frames = "".join(f"  f{i}:\n    phrases: [{{weight: 1.0, terms: [\"{t}\"]}}]\n"
                         for i, t in enumerate(phrases))
        path = write_codebook(tmp_path, "name: anchors\nmatch: exact\nframes:\n" + frames)
        text = ("In contrast, at the end of the day the right thing to do was odd. The end of the world. "
                "In the line, hold the line. Contrast in the end.")
        words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W_]+(?:'[^\W_]+)*", text.lower())]
        expected = []
        for i, term in enumerate(phrases):
            seq = term.lstrip("=").split()
            for k in range(len(words) - len(seq) + 1):
                if [w for _, _, w in words[k:k + len(seq)]] == seq:
                    expected.append((words[k][0], words[k + len(seq) - 1][1], f"f{i}"))
        got = [(m.start, m.end, m.frame) for m in score_frames(text, codebook=path).matches()]
        assert sorted(got) == sorted(expected)
        assert len(expected) == 9


# =========================================================================== thresholds

class TestThresholds:
    def test_one_weak_cue_does_not_carry_a_sentence(self):
        p = score_frames("They argue.")
        assert p.sentences[0].scores["conflict"] == 0.5
        assert p.sentences[0].frames == ()
        p2 = score_frames("They argue and complain.")
        assert p2.sentences[0].frames == ("conflict",)

    def test_article_needs_min_sentences(self):
        one = "Critics attacked the plan. The weather was mild. Lunch was served."
        two = "Critics attacked the plan. Rivals clashed again. Lunch was served."
        assert score_frames(one).present()["conflict"] is False
        assert score_frames(two).present()["conflict"] is True

    def test_single_sentence_text_caps_min_sentences(self):
        assert score_frames("Critics attacked the plan.").present()["conflict"] is True

    def test_economic_needs_three_sentences(self):
        cb = load_codebook("generic")
        assert cb.frame("economic").thresholds.min_sentences == 3
        two = "Prices rose. Taxes went up. The sky was blue."
        three = two.replace("The sky was blue.", "Wages fell.")
        assert score_frames(two).present()["economic"] is False
        assert score_frames(three).present()["economic"] is True

    def test_min_share(self, tmp_path):
        body = MINIMAL.replace("min_share: 0.0", "min_share: 0.5")
        cb = load_codebook(write_codebook(tmp_path, body))
        text = "They clash. They clash. Calm. Calm. Calm."
        p = score_frames(text, codebook=cb)
        assert p.scores()["clash"] == pytest.approx(0.4)
        assert p.present()["clash"] is False
        assert score_frames("They clash. They clash. Calm.", codebook=cb).present()["clash"] is True

    def test_decision_is_traceable_to_sentences(self):
        text = "Critics attacked the plan. Lunch was served. Rivals clashed again."
        p = score_frames(text)
        art = next(s for s in p.article if s.frame == "conflict")
        assert art.sentences == (0, 2)
        assert [s.index for s in p.evidence("conflict")] == [0, 2]
        msg = p.decision("conflict")
        assert msg.startswith("conflict: present - 2 of 3 sentences") and "sentences 0, 2" in msg
        with pytest.raises(ValueError, match="conflict"):
            p.evidence("conflcit")

    def test_scores_ranges(self, seed_article):
        for name in CODEBOOKS:
            p = score_frames(seed_article, codebook=name)
            for s in (*p.paragraphs, *p.sections, *p.article):
                assert 0.0 <= s.share <= 1.0 and s.density >= 0.0
                assert s.n_frame_sentences == len(s.sentences) <= s.n_sentences
            for s in p.sentences:
                assert all(v >= 0 for v in s.scores.values())


# =========================================================================== profile

class TestProfileTables:
    def test_tables_columns_and_shapes(self, seed_article):
        p = score_frames(seed_article)
        n_sent = len(split_sentences(seed_article))
        assert isinstance(p, FrameProfile)
        st = p.sentence_table()
        assert tuple(st.columns) == SENTENCE_COLUMNS and len(st) == n_sent * 5
        assert tuple(p.cue_table().columns) == CUE_COLUMNS
        pt = p.paragraph_table()
        assert tuple(pt.columns) == UNIT_COLUMNS and len(pt) == len(seed_article.paragraphs) * 5
        assert (pt["article_id"] == seed_article.id).all()
        at = p.article_table()
        assert list(at["frame"]) == list(GENERIC) and (at["level"] == "article").all()

    def test_sections_follow_subheadings(self, seed_article):
        p = score_frames(seed_article, codebook="geopolitics")
        sec = p.section_table()
        headings = list(dict.fromkeys(sec["heading"]))
        assert pd.isna(headings[0]) and headings[1:] == list(seed_article.subheadings)
        per_section = sec.drop_duplicates("unit")["n_sentences"].sum()
        assert per_section == len(p.sentences)
        # the "Closer Military Cooperation Expected" section carries military cooperation
        last = sec[(sec["heading"] == "Closer Military Cooperation Expected") & (sec["frame"] == "military_cooperation")]
        assert bool(last["present"].iloc[0])

    def test_paragraph_density_consistent_with_matches(self, seed_article):
        p = score_frames(seed_article)
        pt = p.paragraph_table().set_index(["unit", "frame"])
        for para in {s.paragraph for s in p.sentences}:
            weight = sum(m.weight for s in p.sentences if s.paragraph == para for m in s.matches
                         if m.frame == "conflict")
            words = sum(s.n_words for s in p.sentences if s.paragraph == para)
            assert pt.loc[(para, "conflict"), "density"] == pytest.approx(100 * weight / words)

    def test_empty_text(self):
        for text in ("", "   \n\n  "):
            p = score_frames(text)
            assert p.sentences == () and p.paragraphs == () and p.sections == ()
            assert all(math.isnan(v) for v in p.scores().values())
            assert not any(p.present().values())
            assert p.sentence_table().empty and tuple(p.sentence_table().columns) == SENTENCE_COLUMNS
            assert "absent - 0 of 0" in p.decision("conflict")
            assert detect_frames(text) == dict.fromkeys(GENERIC, False)

    def test_bad_input(self):
        with pytest.raises(TypeError):
            score_frames(None)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            score_frames(123)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            detect_frames(["a list"])  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="valid|shipped"):
            detect_frames("text", codebook="nonsense")


class TestDetectFrames:
    def test_plain_text_dict(self):
        out = detect_frames("Opposition leaders accused the government of lying. Protesters clashed with police.")
        assert list(out) == list(GENERIC) and all(isinstance(v, bool) for v in out.values())
        assert out["conflict"] is True and out["economic"] is False

    def test_geopolitics(self):
        out = detect_frames("Pyongyang launched a ballistic missile. Its nuclear arsenal keeps growing.",
                            codebook="geopolitics")
        assert list(out) == list(GEOPOLITICS)
        assert out["nuclear_missile_threat"] is True and out["war_in_ukraine"] is False

    @pytest.mark.parametrize("frame,text", [
        ("human_interest", "Maria, a 34-year-old mother, lost her home. Her children cried as the family fled."),
        ("economic", "The factory closed and 300 jobs were lost. The town's tax revenue fell. Prices rose by $2."),
        ("morality", "The bishop called it a moral duty. It is a sin to look away, he said in his sermon."),
        ("responsibility", "Lawmakers must act urgently. The government should propose a solution."),
    ])
    def test_each_generic_frame_detectable(self, frame, text):
        assert detect_frames(text)[frame] is True


# =========================================================================== seed golden values

class TestSeed:
    def test_seed_generic_frames(self, seed_article):
        p = score_frames(seed_article)
        present = p.present()
        assert present["conflict"] is True
        assert present["economic"] is False
        sacred = next(s for s in p.sentences if "sacred fight" in s.text)
        assert set(sacred.frames) >= {"conflict", "morality"}
        sister = next(s for s in p.sentences if "younger sister" in s.text)
        assert [m.text for m in sister.cues("human_interest")] == ["sister"]

    def test_seed_geopolitics_frames(self, seed_article):
        present = score_frames(seed_article, codebook="geopolitics").present()
        for frame in ("military_cooperation", "nuclear_missile_threat", "space_technology", "diplomacy_alliance",
                      "historical_legitimacy", "war_in_ukraine"):
            assert present[frame] is True, frame

    def test_record_fields_contract(self, seed_article):
        sents = split_sentences(seed_article)
        per_sentence, per_article = record_fields(seed_article, sents)
        assert set(per_sentence) == {s.index for s in sents}
        frames = per_article["frames"]
        assert [(f["codebook"], f["frame"]) for f in frames] == [("generic", f) for f in GENERIC] + [
            ("geopolitics", f) for f in GEOPOLITICS]
        assert all(set(f) == {"frame", "codebook", "score", "present"} for f in frames)
        for idx, extra in per_sentence.items():
            for entry in extra["frames"]:
                assert set(entry) == {"frame", "codebook", "cues"} and entry["cues"]
                for cue in entry["cues"]:
                    assert seed_article.text[cue["start"]:cue["end"]] == cue["text"]
                    assert sents[idx].start <= cue["start"] < cue["end"] <= sents[idx].end
        json.dumps(per_sentence, allow_nan=False)
        json.dumps(per_article, allow_nan=False)
        # same decisions as score_frames
        for name in CODEBOOKS:
            present = score_frames(seed_article, codebook=name).present()
            assert {f["frame"]: f["present"] for f in frames if f["codebook"] == name} == present

    def test_record_fields_empty_article(self):
        a = Article.from_text("", id="empty")
        per_sentence, per_article = record_fields(a, split_sentences(a.text))
        assert per_sentence == {}
        assert all(f["score"] is None and f["present"] is False for f in per_article["frames"])
        json.dumps(per_article, allow_nan=False)

    def test_pipeline_record_has_frames(self, seed_article):
        from newsframe.pipeline import article_record

        rec = article_record(seed_article, analyses=("framing",))
        assert len(rec["frames"]) == 12
        assert all("frames" in s for s in rec["sentences"])

    def test_deterministic_across_hash_seeds(self, seed_path):
        code = ("import json,sys; from newsframe.ingest import load_article; from newsframe.text import "
                "split_sentences; from newsframe.framing import record_fields; a=load_article(sys.argv[1]); "
                "print(json.dumps(record_fields(a, split_sentences(a)), sort_keys=True))")
        outs = []
        for seed in ("1", "4242"):
            env = {**os.environ, "PYTHONHASHSEED": seed}
            outs.append(subprocess.run([sys.executable, "-c", code, str(seed_path)], env=env, check=True,
                                       capture_output=True, text=True).stdout)
        assert outs[0] == outs[1] and outs[0]


# =========================================================================== validation

class TestAgreement:
    def test_hand_computed_kappa_and_alpha(self):
        # observed agreement 4/6; both raters say "yes" 3 times in 6: p_e = 0.5
        # kappa = (2/3 - 1/2) / (1 - 1/2) = 1/3
        # alpha: 12 pooled values, 6 yes / 6 no; 2 disagreeing units -> D_o = 4/12,
        # D_e = 2*6*6 / (12*11) = 6/11, alpha = 1 - (1/3)/(6/11) = 7/18
        t = agreement({"x": [1, 1, 0, 0, 1, 0]}, {"x": [1, 0, 0, 0, 1, 1]})
        assert tuple(t.columns) == AGREEMENT_COLUMNS
        row = t.iloc[0]
        assert row["frame"] == "x" and row["n_units"] == 6
        assert (row["coder_positive"], row["detector_positive"], row["both_positive"]) == (3, 3, 2)
        assert row["observed_agreement"] == pytest.approx(2 / 3)
        assert row["kappa"] == pytest.approx(1 / 3)
        assert row["alpha"] == pytest.approx(7 / 18)

    def test_second_hand_example_unbalanced(self):
        # coder 1,1,1,0 ; detector 1,0,0,0: p_o = 1/2, p_c = 3/4, p_d = 1/4
        # p_e = 3/16 + 3/16 = 3/8 -> kappa = (1/2 - 3/8)/(5/8) = 1/5
        # alpha: n = 8 values, 4 yes 4 no; 2 disagreeing units: D_o = 4/8, D_e = 2*4*4/(8*7) = 4/7
        # alpha = 1 - (1/2)/(4/7) = 1/8
        row = agreement({"x": [1, 1, 1, 0]}, {"x": [1, 0, 0, 0]}).iloc[0]
        assert row["kappa"] == pytest.approx(0.2)
        assert row["alpha"] == pytest.approx(0.125)

    def test_cross_check_with_krippendorff_package(self):
        krippendorff = pytest.importorskip("krippendorff")
        rng = random.Random(3)
        c = [rng.random() < 0.4 for _ in range(40)]
        d = [v if rng.random() < 0.8 else not v for v in c]
        ours = agreement({"x": c}, {"x": d}).iloc[0]["alpha"]
        ref = krippendorff.alpha(reliability_data=[list(map(int, c)), list(map(int, d))],
                                 level_of_measurement="nominal")
        assert ours == pytest.approx(ref)

    def test_perfect_and_undefined(self):
        t = agreement({"a": [1, 0, 1], "b": [0, 0, 0]}, {"a": [True, False, True], "b": [False, False, False]})
        a, b, pooled = t.iloc[0], t.iloc[1], t.iloc[2]
        assert a["kappa"] == pytest.approx(1.0) and a["alpha"] == pytest.approx(1.0)
        assert math.isnan(b["kappa"]) and math.isnan(b["alpha"]) and b["observed_agreement"] == 1.0
        assert pooled["frame"] == "all" and pooled["n_units"] == 6
        assert pooled["kappa"] == pytest.approx(1.0)

    def test_systematic_disagreement_is_negative(self):
        row = agreement({"x": [1, 0, 1, 0]}, {"x": [0, 1, 0, 1]}).iloc[0]
        assert row["kappa"] == pytest.approx(-1.0) and row["alpha"] < 0

    def test_bad_input(self):
        with pytest.raises(ValueError, match="units"):
            agreement({"x": [1, 0]}, {"x": [1]})
        with pytest.raises(ValueError, match="booleans"):
            agreement({"x": [1, 2]}, {"x": [1, 0]})
        with pytest.raises(ValueError, match="no frame"):
            agreement({"x": [1]}, {"y": [1]})
        with pytest.raises(ValueError, match="missing"):
            agreement({"x": [1]}, {"x": [1]}, frames=["x", "z"])

    def test_evaluate_frames(self):
        t = evaluate_frames({"a": [1, 1, 0, 0], "b": [0, 0, 0, 0]}, {"a": [1, 0, 1, 0], "b": [0, 0, 0, 1]})
        assert tuple(t.columns) == EVALUATION_COLUMNS
        a, b, macro = t.iloc[0], t.iloc[1], t.iloc[2]
        assert (a["precision"], a["recall"], a["f1"]) == (0.5, 0.5, 0.5)
        assert b["precision"] == 0.0 and math.isnan(b["recall"]) and b["f1"] == 0.0
        assert macro["frame"] == "macro" and macro["f1"] == pytest.approx(0.25)


class TestCoding:
    @pytest.mark.parametrize("codebook,frames", [("generic", GENERIC), ("geopolitics", GEOPOLITICS)])
    def test_shipped_coding_matches_seed_text(self, seed_article, codebook, frames):
        coding = load_coding(ANNOTATIONS / f"{SEED_STEM}.{codebook}.tsv")
        assert coding.attrs["frames"] == list(frames)
        assert len(coding) == 32 and list(coding["unit"]) == list(range(32))
        for row in coding.itertuples():
            assert " ".join(seed_article.text[row.start:row.end].split()) == row.text
        # every "yes" names the coding question that justified it
        cb = load_codebook(codebook)
        ids = {q.id: f.name for f in cb.frames for q in f.questions}
        for row in coding.itertuples():
            named = {ids[q] for q in row.questions.split()}
            assert named == {f for f in frames if getattr(row, f)}

    def test_detect_units_aligns_with_coding(self, seed_article):
        coding = load_coding(ANNOTATIONS / f"{SEED_STEM}.generic.tsv")
        det = detect_units(seed_article, coding, codebook="generic")
        assert list(det.columns) == ["unit", "start", "end", *GENERIC]
        assert len(det) == len(coding)
        table = agreement(coding, det)
        assert list(table["frame"]) == [*GENERIC, "all"]
        assert table["n_units"].iloc[0] == 32
        k = table.set_index("frame")["kappa"]
        assert math.isnan(k["economic"]) or -1 <= k["economic"] <= 1
        assert -1 <= k["all"] <= 1

    def test_detect_units_plain_spans(self):
        t = "Rivals clashed. The sun shone."
        assert detect_units(t, [(0, 15), (16, 30)])["conflict"].tolist() == [True, False]

    def test_load_coding_errors(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            load_coding(tmp_path / "none.tsv")
        bad = tmp_path / "bad.tsv"
        bad.write_text("unit\tstart\tend\tconflict\n0\t0\t5\tmaybe\n", encoding="utf-8")
        with pytest.raises(ValueError, match="0/1"):
            load_coding(bad)
        bad.write_text("unit\tconflict\n0\t1\n", encoding="utf-8")
        with pytest.raises(ValueError, match="missing"):
            load_coding(bad)

    def test_annotation_readme_says_who_coded(self):
        readme = (ANNOTATIONS / "README.md").read_text(encoding="utf-8")
        for needle in ("AI assistant", "single coder", "2026-11-25", "before"):
            assert needle in readme


# =========================================================================== classifier

TEMPLATES = {
    "conflict": ["Critics attacked the {x} plan.", "Rivals clashed over the {x} deal.",
                 "The opposition accused the {x} minister.", "Protesters fought the {x} police."],
    "economic": ["The {x} project cost $3 billion.", "Prices and taxes rose in the {x} region.",
                 "The {x} company lost money and cut jobs.", "Investors fear a {x} recession."],
    "human_interest": ["A {x} mother lost her home.", "The {x} family grieved for their child.",
                       "A 7-year-old {x} girl survived.", "Her {x} husband wept at the funeral."],
}
FILLER = ["The {x} report was published on Monday.", "Officials met in the {x} capital.",
          "The {x} weather was mild.", "A {x} committee will meet again."]
FILL = ["northern", "eastern", "coastal", "rural", "urban", "western", "southern", "central"]


def synthetic_corpus(n: int, seed: int) -> tuple[list[str], list[set[str]]]:
    """Short coded texts: each frame present with probability 0.45, filler sentences around it."""
    rng = random.Random(seed)
    texts, labels = [], []
    for _ in range(n):
        frames = {f for f in TEMPLATES if rng.random() < 0.45}
        sentences = [rng.choice(TEMPLATES[f]) for f in sorted(frames) for _ in range(2)]
        sentences += [rng.choice(FILLER) for _ in range(3)]
        rng.shuffle(sentences)
        texts.append(" ".join(s.format(x=rng.choice(FILL)) for s in sentences))
        labels.append(frames)
    return texts, labels


@pytest.fixture(scope="module")
def corpus():
    return synthetic_corpus(60, seed=1), synthetic_corpus(30, seed=2)


@pytest.fixture(scope="module")
def fitted(corpus):
    (texts, labels), _ = corpus
    return FrameClassifier(min_df=1).fit(texts, labels)


class TestFrameClassifier:
    def test_fit_predict_shapes(self, fitted, corpus):
        _, (test_texts, _) = corpus
        pred = fitted.predict(test_texts)
        assert list(pred.columns) == sorted(TEMPLATES) == fitted.frames_
        assert len(pred) == len(test_texts) and all(pred[c].dtype == bool for c in pred.columns)
        proba = fitted.predict_proba(test_texts)
        assert list(proba.columns) == fitted.frames_
        assert ((proba >= 0) & (proba <= 1)).all().all()
        assert all(0 < t < 1 for t in fitted.thresholds_.values())

    def test_learns_held_out_frames(self, fitted, corpus):
        _, (test_texts, test_labels) = corpus
        pred = fitted.predict(test_texts)
        truth = pd.DataFrame({f: [f in s for s in test_labels] for f in fitted.frames_})
        scores = evaluate_frames(truth, pred)
        assert scores.set_index("frame").loc["macro", "f1"] >= 0.8

    def test_dataframe_labels_equal_set_labels(self, corpus):
        (texts, labels), (test_texts, _) = corpus
        frame = pd.DataFrame({f: [f in s for s in labels] for f in sorted(TEMPLATES)})
        a = FrameClassifier(min_df=1).fit(texts, labels).predict_proba(test_texts)
        b = FrameClassifier(min_df=1).fit(texts, frame).predict_proba(test_texts)
        pd.testing.assert_frame_equal(a, b)

    def test_deterministic(self, corpus, fitted):
        (texts, labels), (test_texts, _) = corpus
        again = FrameClassifier(min_df=1).fit(texts, labels)
        pd.testing.assert_frame_equal(again.predict_proba(test_texts), fitted.predict_proba(test_texts))
        assert again.thresholds_ == fitted.thresholds_

    def test_get_set_params_and_clone(self, fitted):
        from sklearn.base import clone

        params = fitted.get_params()
        assert params["min_df"] == 1 and params["codebook"] == "generic"
        copy = clone(fitted)
        assert copy.get_params() == params and not hasattr(copy, "models_")
        copy.set_params(C=3.0, cue_weight=0.0)
        assert copy.C == 3.0 and fitted.C == 1.0
        with pytest.raises(ValueError, match="valid"):
            copy.set_params(nope=1)
        assert "min_df=1" in repr(fitted)

    def test_pipeline(self, corpus):
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import FunctionTransformer

        (texts, labels), (test_texts, _) = corpus
        frame = pd.DataFrame({f: [f in s for s in labels] for f in sorted(TEMPLATES)})
        pipe = Pipeline([("lower", FunctionTransformer(lambda xs: [x.lower() for x in xs])),
                         ("frames", FrameClassifier(min_df=1, tune_thresholds=False))])
        pipe.fit(texts, frame)
        pred = pipe.predict(test_texts)
        assert list(pred.columns) == list(frame.columns) and len(pred) == len(test_texts)
        assert list(pipe.predict_proba(test_texts[:2]).columns) == list(frame.columns)
        from sklearn.base import clone

        assert clone(pipe).get_params()["frames__min_df"] == 1

    def test_words_only_and_constant_frame(self, corpus):
        (texts, labels), (test_texts, _) = corpus
        frame = pd.DataFrame({"conflict": [("conflict" in s) for s in labels], "never": [False] * len(labels)})
        clf = FrameClassifier(codebook=None, min_df=1).fit(texts, frame)
        pred = clf.predict(test_texts)
        assert not pred["never"].any()
        assert (clf.predict_proba(test_texts)["never"] == 0.0).all()

    def test_explain_returns_evidence_sentences(self, fitted):
        text = "The weather was mild. Critics attacked the minister. The project cost $3 billion."
        ev = fitted.explain(text, top_n=2)
        assert list(ev.columns) == ["frame", "probability", "threshold", "present", "rank", "sentence", "start",
                                    "end", "contribution", "cues", "text"]
        conflict = ev[(ev["frame"] == "conflict") & (ev["rank"] == 1)].iloc[0]
        assert conflict["text"] == "Critics attacked the minister."
        assert text[int(conflict["start"]):int(conflict["end"])] == conflict["text"]
        assert "attacked" in conflict["cues"]
        assert (ev.loc[ev["rank"] > 0, "contribution"] > 0).all()

    def test_codebook_blend_is_the_stated_mixture(self, corpus):
        (texts, labels), (test_texts, _) = corpus
        kw = {"min_df": 1, "tune_thresholds": False}
        mixed = FrameClassifier(codebook_blend=0.3, **kw).fit(texts, labels)
        text_only = FrameClassifier(codebook_blend=0.0, **kw).fit(texts, labels)
        cue_only = FrameClassifier(codebook_blend=1.0, **kw).fit(texts, labels)
        assert mixed.blend_ == {f: 0.3 for f in mixed.frames_}
        assert text_only.blend_ == {f: 0.0 for f in mixed.frames_}
        expected = 0.7 * text_only.predict_proba(test_texts) + 0.3 * cue_only.predict_proba(test_texts)
        pd.testing.assert_frame_equal(mixed.predict_proba(test_texts), expected, atol=1e-12, rtol=0)
        # the two parts differ, so the blend is not a no-op
        assert (text_only.predict_proba(test_texts) - cue_only.predict_proba(test_texts)).abs().max().max() > 0.01

    def test_codebook_only_model_follows_the_cues(self, corpus):
        (texts, labels), _ = corpus
        clf = FrameClassifier(codebook_blend=1.0, min_df=1).fit(texts, labels)
        assert clf.models_["conflict"] is None
        p = clf.predict_proba(["Critics attacked and accused the rivals, who clashed and fought.",
                               "The weather was mild on Monday."])["conflict"]
        assert p[0] > 0.5 > p[1]
        ev = clf.explain("The weather was mild. Critics attacked the minister.")
        top = ev[(ev["frame"] == "conflict") & (ev["rank"] == 1)].iloc[0]
        assert top["text"] == "Critics attacked the minister." and top["contribution"] > 0

    def test_blend_model_sees_the_codebook_decision_variables(self, fitted, corpus):
        # the codebook model of each frame is fitted on its four aggregates, two of which are the
        # variables of the codebook's own article decision: the share of carrying sentences (the
        # profile's score) and log(1 + number of carrying sentences)
        _, (test_texts, _) = corpus
        texts = list(test_texts[:8]) + ["Critics attacked the plan. Rivals clashed. The feud went on. It rained.",
                                        "The weather was mild on Monday."]
        aggregates = fitted._features(texts, fit=False)[1]
        raw = fitted.scaler_.inverse_transform(aggregates)
        for f in fitted.frames_:
            own = fitted._own_aggregates(aggregates, f)
            assert own.shape == (len(texts), 4) and fitted.blend_models_[f].coef_.shape == (1, 4)
            fi = load_codebook("generic").frame_names.index(f)
            for r, text in enumerate(texts):
                unit = next(u for u in score_frames(text).article if u.frame == f)
                assert raw[r, 4 * fi] == pytest.approx(unit.score, abs=1e-9)
                assert raw[r, 4 * fi + 2] == pytest.approx(math.log1p(unit.n_frame_sentences), abs=1e-9)
        assert raw[-2, 0] == pytest.approx(0.75) and raw[-1, 0] == 0.0  # conflict share: 3 of 4, 0 of 1

    def test_blend_only_for_codebook_frames(self, corpus):
        (texts, labels), (test_texts, _) = corpus
        frame = pd.DataFrame({"conflict": [("conflict" in s) for s in labels],
                              "custom": [("economic" in s) for s in labels]})
        clf = FrameClassifier(min_df=1).fit(texts, frame)
        assert clf.blend_ == {"conflict": 0.3, "custom": 0.0} and clf.blend_models_["custom"] is None
        words_only = FrameClassifier(codebook=None, min_df=1).fit(texts, frame)
        assert words_only.blend_ == {"conflict": 0.0, "custom": 0.0}
        assert list(clf.predict(test_texts).columns) == ["conflict", "custom"]

    def test_cue_terms_own_gives_each_frame_only_its_own_cue_terms(self, corpus):
        (texts, labels), (test_texts, _) = corpus
        frame = pd.DataFrame({f: [f in s for s in labels] for f in sorted(TEMPLATES)})
        frame["custom"] = frame["conflict"] | frame["economic"]  # a label the codebook lacks
        kw = {"min_df": 1, "tune_thresholds": False}
        own = FrameClassifier(cue_terms="own", **kw).fit(texts, frame)
        every = FrameClassifier(cue_terms="all", **kw).fit(texts, frame)
        names = list(own.cue_vectorizer_.feature_names_)
        n_base = own.n_features_in_ - len(names)  # words + cue aggregates of all frames
        assert own.n_features_in_ == every.n_features_in_ and n_base > 0
        assert all(every.columns_[f] is None for f in every.frames_)
        assert all(every.models_[f].coef_.shape[1] == every.n_features_in_ for f in every.frames_)
        for f in ("conflict", "economic", "human_interest"):
            cols = own.columns_[f]
            assert list(cols[:n_base]) == list(range(n_base))  # words and aggregates stay
            seen = {names[c - n_base] for c in cols[n_base:]}
            assert seen and seen == {n for n in names if n.startswith(f + ":")}
            assert own.models_[f].coef_.shape[1] == len(cols) < own.n_features_in_
        assert list(own.columns_["custom"]) == list(range(n_base))  # no cue of its own: no cue terms
        p_own, p_all = own.predict_proba(test_texts), every.predict_proba(test_texts)
        assert ((p_own >= 0) & (p_own <= 1)).all().all()
        assert (p_own - p_all).abs().max().max() > 1e-6  # the option changes the models
        ev = own.explain("The weather was mild. Critics attacked the minister.")
        top = ev[(ev["frame"] == "conflict") & (ev["rank"] == 1)].iloc[0]
        assert top["text"] == "Critics attacked the minister."

    @pytest.mark.parametrize("bad", ["mine", "OWN", "", None, 1])
    def test_cue_terms_validated(self, corpus, bad):
        (texts, labels), _ = corpus
        with pytest.raises(ValueError, match="cue_terms must be one of 'all', 'own'"):
            FrameClassifier(cue_terms=bad).fit(texts, labels)

    def test_cue_terms_in_params(self, fitted):
        from sklearn.base import clone

        assert "cue_terms" in fitted.get_params()
        copy = clone(fitted).set_params(cue_terms="own")
        assert copy.cue_terms == "own" and clone(copy).get_params()["cue_terms"] == "own"
        assert "cue_terms='own'" in repr(copy)

    def test_log_count_ratio_hand_computed(self):
        import scipy.sparse as sp

        from newsframe.framing import _log_count_ratio

        # columns: only in positives, only in negatives, in both equally, in neither; last column is not a word
        X = sp.csr_matrix(np.array([[1, 0, 1, 0, 5], [1, 0, 0, 0, 5], [0, 1, 1, 0, 5], [0, 1, 0, 0, 5]], float))
        r = _log_count_ratio(X, np.array([1, 1, 0, 0]), 4)
        # p = 1 + [2, 0, 1, 0] = [3, 1, 2, 1] (sum 7), q = [1, 3, 2, 1] (sum 7)
        assert r == pytest.approx([math.log(3), -math.log(3), 0.0, 0.0])
        assert r[0] > 0 > r[1] and len(r) == 4

    def test_nb_words_are_binarised_and_scaled_per_frame(self, fitted, corpus):
        (texts, labels), _ = corpus
        assert fitted.word_features == "nb" and sorted(fitted.log_count_ratio_) == fitted.frames_
        vocab = fitted.vectorizer_.get_feature_names_out()
        n = len(vocab)
        for f in fitted.frames_:
            r = fitted.log_count_ratio_[f]
            assert r.shape == (n,)
            # a word of the frame's own templates is among its most positive words
            own = r[list(vocab).index({"conflict": "clashed", "economic": "cost", "human_interest": "mother"}[f])]
            assert own > 1 and own >= np.quantile(r, 0.9)
        i = list(vocab).index("clashed")
        assert fitted.log_count_ratio_["conflict"][i] > 0 > fitted.log_count_ratio_["economic"][i]
        X = fitted._features(["Rivals clashed and clashed again."], fit=False)[0]
        assert X[0, i] == 1.0  # binarised, not a count or a TF-IDF weight
        assert fitted._frame_matrix(X, "conflict")[0, i] == pytest.approx(fitted.log_count_ratio_["conflict"][i])
        assert fitted.models_["conflict"].coef_.shape[1] == fitted.n_features_in_

    def test_nb_ratio_uses_only_the_texts_being_fitted(self, corpus, monkeypatch):
        import newsframe.framing as framing

        (texts, labels), (test_texts, _) = corpus
        calls = []
        real = framing._log_count_ratio

        def spy(X, target, n_words):
            calls.append(X.shape[0])
            return real(X, target, n_words)

        monkeypatch.setattr(framing, "_log_count_ratio", spy)
        clf = FrameClassifier(min_df=1, cv=5).fit(texts, labels)
        n, k = len(texts), len(clf.frames_)
        # per frame: once on all fitted texts, then once per inner fold on that fold's training part only
        assert len(calls) == 6 * k
        assert calls[::6] == [n] * k
        assert all(n * 0.7 < c < n for i, c in enumerate(calls) if i % 6) and sum(calls[1:6]) == 4 * n
        # the final ratio is the one of all fitted texts; predicting other texts does not change it
        frame = pd.DataFrame({f: [f in s for s in labels] for f in clf.frames_})
        X = clf._features(texts, fit=False)[0]
        before = {f: r.copy() for f, r in clf.log_count_ratio_.items()}
        for f in clf.frames_:
            np.testing.assert_array_equal(clf.log_count_ratio_[f],
                                          real(X, frame[f].to_numpy().astype(int), len(clf.vectorizer_.vocabulary_)))
        clf.predict(test_texts + ["A wholly unseen zeppelin word."])
        assert all(np.array_equal(before[f], clf.log_count_ratio_[f]) for f in clf.frames_)

    def test_nb_predicts_unseen_text_and_pickles(self, fitted):
        import pickle

        texts = ["Rivals clashed and critics attacked the zorblax minister.", "Zorblax quibbles, nothing else.", ""]
        proba = fitted.predict_proba(texts)
        assert ((proba >= 0) & (proba <= 1)).all().all() and proba.notna().all().all()
        assert proba.loc[0, "conflict"] > proba.loc[1, "conflict"]
        again = pickle.loads(pickle.dumps(fitted))
        pd.testing.assert_frame_equal(again.predict_proba(texts), proba)

    def test_word_features_tfidf_option(self, fitted, corpus):
        from sklearn.base import clone
        from sklearn.feature_extraction.text import TfidfVectorizer

        (texts, labels), (test_texts, _) = corpus
        assert fitted.get_params()["word_features"] == "nb" and "word_features" not in repr(fitted)
        tfidf = clone(fitted).set_params(word_features="tfidf")
        assert clone(tfidf).get_params()["word_features"] == "tfidf" and "word_features='tfidf'" in repr(tfidf)
        tfidf.fit(texts, labels)
        assert isinstance(tfidf.vectorizer_, TfidfVectorizer) and tfidf.log_count_ratio_ == {}
        assert list(tfidf.vectorizer_.vocabulary_) == list(fitted.vectorizer_.vocabulary_)  # same vocabulary
        X = tfidf._features(["Rivals clashed and clashed again."], fit=False)[0]
        assert 0 < X[0, tfidf.vectorizer_.vocabulary_["clashed"]] < 1
        p_nb, p_tfidf = fitted.predict_proba(test_texts), tfidf.predict_proba(test_texts)
        assert (p_nb - p_tfidf).abs().max().max() > 1e-3  # the option changes the models

    @pytest.mark.parametrize("bad", ["NB", "bow", "", None, 1])
    def test_word_features_validated(self, corpus, bad):
        (texts, labels), _ = corpus
        with pytest.raises(ValueError, match="word_features must be one of 'nb', 'tfidf'"):
            FrameClassifier(word_features=bad).fit(texts, labels)

    @pytest.mark.parametrize("bad", [-0.1, 1.5, True, "0.3", None])
    def test_codebook_blend_validated(self, corpus, bad):
        (texts, labels), _ = corpus
        with pytest.raises(ValueError, match="codebook_blend"):
            FrameClassifier(codebook_blend=bad).fit(texts, labels)

    def test_bad_input(self, fitted, corpus):
        from sklearn.exceptions import NotFittedError

        (texts, labels), _ = corpus
        with pytest.raises(NotFittedError):
            FrameClassifier().predict(["a text"])
        with pytest.raises(TypeError, match="sequence"):
            FrameClassifier().fit("one string", [{"conflict"}])
        with pytest.raises(ValueError, match="label rows"):
            FrameClassifier().fit(texts, labels[:-1])
        with pytest.raises(TypeError):
            FrameClassifier().fit(texts, ["conflict"] * len(texts))
        with pytest.raises(ValueError, match="at least 2"):
            FrameClassifier().fit(["only one"], [{"conflict"}])
        with pytest.raises(ValueError, match="booleans"):
            FrameClassifier().fit(texts[:2], pd.DataFrame({"x": ["yes", "no"]}))
        with pytest.raises(ValueError, match="C must"):
            FrameClassifier(C=-1).fit(texts, labels)
        with pytest.raises(TypeError):
            fitted.predict([1, 2])
        with pytest.raises(TypeError):
            fitted.explain(["a list"])  # type: ignore[arg-type]
        assert fitted.predict([]).empty


# =========================================================================== plotting

class TestPlots:
    def test_plot_functions_return_axes(self, seed_article):
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from newsframe.plotting.framing import plot_agreement, plot_frame_heatmap, plot_frame_prevalence, plot_frame_scores

        p = score_frames(seed_article, codebook="geopolitics")
        ax = plot_frame_heatmap(p.section_table())
        assert ax.get_ylabel() == "section" and len(ax.get_yticklabels()) == 4
        ax = plot_frame_prevalence(p.article_table())
        assert len(ax.get_yticklabels()) == 7
        t = agreement({"a": [1, 0, 1], "b": [0, 0, 0]}, {"a": [1, 0, 0], "b": [0, 0, 0]})
        ax = plot_agreement(t)
        assert any(txt.get_text() == "n/a" for txt in ax.texts)
        ax = plot_frame_scores(evaluate_frames({"a": [1, 0]}, {"a": [1, 1]}).assign(method="m"))
        assert ax.get_ylim()[1] > 1
        with pytest.raises(ValueError):
            plot_frame_heatmap(p.section_table(), value="nope")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="lacks"):
            plot_frame_prevalence(pd.DataFrame({"frame": ["a"]}))
        plt.close("all")


@pytest.mark.parametrize("text,expected", [
    ("The navy unveiled a new attack submarine.", False),       # a weapon's type name
    ("He was a nurse during the Korean War.", False),      # a past war as background
    ("Veterans of World War II gathered.", False),
    ("Rebels launched an attack on the base.", True),             # an attack is still conflict
    ("The war between the two states goes on.", True),           # a current war too
])
def test_conflict_counter_cues_weapon_names_and_past_wars(text, expected):
    profile = score_frames(text, codebook="generic")
    assert bool(profile.sentences[0].cues("conflict")) is expected


def test_past_war_is_not_the_war_in_ukraine():
    profile = score_frames("Kim recalled Soviet help during the Korean War.", codebook="geopolitics")
    assert not profile.sentences[0].cues("war_in_ukraine")
    assert profile.sentences[0].cues("historical_legitimacy")


# =========================================================================== generic cue lists (H1-H5, M1-M3)

def _cues(text: str, frame: str, codebook: str = "generic") -> list[str]:
    return [m.text for m in score_frames(text, codebook=codebook).matches(frame)]


@pytest.mark.parametrize("text,expected", [
    # H1: a person introduced with her age
    ("Austrian tourist Cornelia Litschauer, 28, said she was cold.", [", 28, "]),
    ("Prices rose 3, 4, and 5 percent.", []),                      # a list of numbers, not an age
    ("In 2019, 28 people moved away.", []),
    # H4 / H1: first-person testimony of private life and feelings, what a person lost
    ("\"I was terrified,\" he said.", ["I was terrified"]),
    ("She lost her home in the fire.", ["lost her home"]),
    ("My husband and my daughter stayed.", ["My husband", "my daughter"]),
    ("He grew up on the coast.", ["grew up"]),
    # names and idioms that contain kin words are not private lives
    ("The senator told Mother Jones about the bill.", []),
    ("The Founding Fathers wrote it.", []),
])
def test_human_interest_cues(text, expected):
    assert _cues(text, "human_interest") == expected


def test_human_interest_age_makes_a_sentence_carry_the_frame():
    p = score_frames("Garcia, 38, said the river rose.")
    assert p.sentences[0].scores["human_interest"] >= 1.0
    assert [m.kind for m in p.matches("human_interest")] == ["pattern"]


def test_human_interest_vivid_scene_words_are_weak():
    # H5: one scene word is a weak cue (0.5), two make the sentence carry the frame
    one = score_frames("Crews cleared the debris on Monday.")
    two = score_frames("Rescuers pulled stranded families from the rubble.")
    assert one.sentences[0].scores["human_interest"] == 0.5
    assert "human_interest" not in one.sentences[0].frames
    assert "human_interest" in two.sentences[0].frames


@pytest.mark.parametrize("text,expected", [
    ("Pollution got worse this year.", []),                        # the lemmatiser maps "worse" to "wrong"
    ("It is simply wrong to look away.", ["wrong"]),
    ("The agency opened an ethics probe into the chief.", []),      # ethics as an institution
    ("It is an ethics question for all of us.", ["ethics"]),
    ("Critics call it virtue signalling.", ["virtue signalling"]),
    ("Activists felt self-righteous.", ["self-righteous"]),
    ("Residents are doing their part to save water.", ["doing their part"]),
    ("Pope Francis met them at the Vatican.", ["Pope", "Vatican"]),
])
def test_morality_cues(text, expected):
    assert _cues(text, "morality") == expected


def test_past_war_is_not_military_cooperation():
    text = "Putin recalled the support the Soviet Union gave his grandfather during the Korean War."
    assert _cues(text, "military_cooperation", "geopolitics") == []
    assert _cues("The war damaged army bases.", "military_cooperation", "geopolitics") == ["war", "army", "bases"]


# =========================================================================== human interest precision (session 4)

@pytest.mark.parametrize("text,expected", [
    # a capitalised family word next to a capitalised name word is part of a name
    ("Son Kyung-sik, the chairman of the business lobby, spoke.", []),
    ("The envoy met Son Kyung-sik in Seoul.", []),
    ("Mother Teresa worked in Kolkata.", []),
    ("The Rockefeller Family Fund paid for the study.", []),
    ("The Boston Children's Hospital opened.", ["Hospital"]),  # a weak cue of its own
    ("Kim Son spoke.", []),
    # ... but not after a possessive, next to a function word, or in lower case
    ("Trump's Son Slams Time.", ["Son"]),
    ("Her Son Eduardo coughed.", ["Son"]),
    ("Kids Around The World skipped school.", ["Kids"]),
    ("His son Eduardo coughed.", ["son"]),
    ("Son, come home.", ["Son", "home"]),
])
def test_family_word_inside_a_name_is_no_family_role(text, expected):
    assert _cues(text, "human_interest") == expected


def test_name_guard_only_for_groups_marked_in_names_false(tmp_path):
    body = """\
    name: kin
    frames:
      kin:
        cues:
          - {weight: 1.0, in_names: false, terms: [son]}
          - {weight: 1.0, terms: [mother]}
    """
    cb = load_codebook(write_codebook(tmp_path, body))
    assert [c.in_names for c in cb.frame("kin").cues] == [False, True]
    p = score_frames("Son Kyung-sik met Mother Teresa.", codebook=cb)
    assert [m.text for m in p.matches("kin")] == ["Mother"]


@pytest.mark.parametrize("text,expected", [
    # "devastated" is how people feel; "devastating" describes an event
    ("The devastating wildfires spread.", ["devastating"]),
    ("Residents were devastated.", ["Residents", "devastated"]),
    # families as a category of policy talk are no human face; a family that fled is
    ("The plan will save families money.", []),
    ("It puts the health of American families and communities at risk.", []),
    ("A great day for American workers and families.", []),
    ("Three families fled the flood.", ["families"]),
    ("His family fled.", ["family"]),
    # family as a modifier of an economic or legal category, or a statistical unit
    ("It guarantees a family-sustaining wage and family and medical leave.", []),
    ("They want to make family farming viable.", []),
    ("That is $21,000 in income loss per family.", []),
    # dead trees, idioms and metaphors are not people's lives and deaths
    ("Crews removed dead trees and the dead and dying timber.", []),
    ("A mass die-off of coral reefs followed.", []),
    ("It became a rallying cry for ranchers.", []),
    ("She studies marine life.", []),
    ("It was a dead end.", []),
    ("The rule drives home a point.", []),
    ("Students joined the March For Our Lives.", ["Students"]),
    ("The storm left 18 people dead.", ["dead"]),
])
def test_human_interest_precision_fixes(text, expected):
    assert _cues(text, "human_interest") == expected


def test_devastating_is_a_weak_cue_devastated_a_strong_one():
    event = score_frames("The devastating wildfires spread.")
    people = score_frames("Residents were devastated.")
    assert [(m.cue, m.weight) for m in event.matches("human_interest")] == [("=devastating", 0.5)]
    assert "human_interest" not in event.sentences[0].frames
    assert ("=devastated", 1.0) in [(m.cue, m.weight) for m in people.matches("human_interest")]
    assert "human_interest" in people.sentences[0].frames


def test_seed_korean_name_son_is_no_family_role(seed_article):
    profile = score_frames(seed_article)
    hits = [m for m in profile.matches("human_interest") if m.text == "Son"]
    assert hits == []
    assert "Choi Son Hee" in seed_article.text  # the name is still there, it just is no kin role
