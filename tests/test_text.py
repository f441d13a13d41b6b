"""Tests of newsframe.text: sentences, words, normalisation, stop words, lemmas, stems."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from newsframe.ingest import Article
from newsframe.text import (
    ABBREVIATION_KINDS,
    Normalized,
    Sentence,
    SentenceRules,
    Token,
    lemmatize,
    load_sentence_rules,
    normalize,
    normalize_text,
    read_sentence_gold,
    split_sentences,
    stem,
    stopwords,
    tokenize_words,
    word_strings,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "sentences"
SEED_GOLDEN = ROOT / "tests" / "golden" / "seed_sentences.txt"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


# --------------------------------------------------------------------------- helpers

def load_gold(path: Path) -> tuple[str, list[tuple[int, int]]]:
    """Text and sentence spans of a gold file (format: tests/data/sentences/README.md)."""
    gold = read_sentence_gold(path)
    return gold.text, list(gold.spans)


def boundary_f1(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> tuple[int, int, int]:
    g = {e for _, e in gold[:-1]}
    p = {e for _, e in pred[:-1]}
    return len(g & p), len(p - g), len(g - p)


def texts_of(sentences: list[Sentence]) -> list[str]:
    return [s.text for s in sentences]


def check_sentence_invariants(text: str, sentences: list[Sentence]) -> None:
    covered = [False] * len(text)
    last_end = 0
    last_para = 0
    for i, s in enumerate(sentences):
        assert isinstance(s, Sentence)
        assert s.index == i
        assert text[s.start : s.end] == s.text
        assert s.text, "empty sentence"
        assert s.text.strip(INVISIBLE + " \n\t\r\u00a0") == s.text.strip() == s.text
        assert s.start >= last_end, "sentences overlap or are out of order"
        assert "\n\n" not in s.text, "a paragraph break inside a sentence"
        assert s.paragraph >= last_para
        last_end, last_para = s.end, s.paragraph
        for j in range(s.start, s.end):
            covered[j] = True
    missing = [c for c, cov in zip(text, covered) if not cov and not c.isspace() and c not in INVISIBLE]
    assert not missing, f"characters outside every sentence: {missing[:10]}"


GOLD_FILES = sorted(GOLD.glob("*/*.txt"))

TRAPS = [
    "",
    "   \n\n  \t ",
    "One.",
    "no final punctuation",
    "“An unbalanced quote. It never closes.",
    "He said: \u201cWe won.\u201dThen he left.",
    "THE U.S. AND RUSSIA TALK. NOBODY KNOWS WHY!",
    "<p>Some <b>HTML</b> here.</p><p>More.</p>",
    "Die Regierung hat am Dienstag entschieden. Das ist gut.",
    "Правительство приняло решение. Это хорошо.",
    "北朝鮮とロシアが会談した。両国は協力を約束した。",
    "repeat repeat repeat. repeat repeat. Repeat.",
    "\u200b\n\n\u200b\n\nText after invisible paragraphs.",
    "Lines\r\nwith Windows\r\n\r\nline ends.",
    "... . . . !!! ??? ...",
    "(((unclosed. Parentheses) here. ))) ] [ Done.",
]


# --------------------------------------------------------------------------- sentence invariants

@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sentence_invariants_on_gold_texts(path: Path) -> None:
    text, _ = load_gold(path)
    check_sentence_invariants(text, split_sentences(text))


@pytest.mark.parametrize("text", TRAPS)
def test_sentence_invariants_on_traps(text: str) -> None:
    check_sentence_invariants(text, split_sentences(text))


def test_sentence_invariants_on_random_text() -> None:
    rng = random.Random(7)
    pieces = ["Mr.", "U.S.", "word", "Word", "the", "The", ".", "?", "!", "…", "...", "“", "”", "'", '"',
              "(", ")", "[", "]", " ", " ", " ", "\n", "\n\n", "3.5", "No.", "2", "a.m.", "e.g.", "J.", "\u00a0"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 40)))
        check_sentence_invariants(text, split_sentences(text))


@pytest.mark.parametrize("eol", ["\r", "\r\n"])
def test_carriage_return_line_ends_split_like_line_feeds(eol: str) -> None:
    # old Mac ("\r") and Windows ("\r\n") line ends: the same sentences and paragraphs as "\n",
    # with offsets into the text as given
    lf = "Kim meets Putin\nThe leaders met at the cosmodrome. They talked.\n\nA new paragraph."
    text = lf.replace("\n", eol)
    got = split_sentences(text)
    assert [(s.text, s.paragraph) for s in got] == [(s.text, s.paragraph) for s in split_sentences(lf)]
    assert [s.text for s in got][:2] == ["Kim meets Putin", "The leaders met at the cosmodrome."]
    assert all(text[s.start:s.end] == s.text for s in got)


def test_empty_and_blank_text_give_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n\t ") == []
    assert split_sentences("\u200b") == []


def test_split_sentences_accepts_an_article_and_matches_its_paragraphs(seed_article: Article) -> None:
    sentences = split_sentences(seed_article)
    assert sentences == split_sentences(seed_article.text)
    for s in sentences:
        p = seed_article.paragraphs[s.paragraph]
        assert p.start <= s.start and s.end <= p.end
    assert {s.paragraph for s in sentences} == {p.index for p in seed_article.paragraphs}


def test_split_sentences_returns_a_fresh_list_each_time() -> None:
    a = split_sentences("One. Two.")
    a.append("junk")  # type: ignore[arg-type]
    assert len(split_sentences("One. Two.")) == 2


@pytest.mark.parametrize("garbage", [None, 123, 4.5, b"bytes.", ["a list."], object()])
def test_split_sentences_rejects_garbage(garbage: object) -> None:
    with pytest.raises(TypeError):
        split_sentences(garbage)  # type: ignore[arg-type]


@pytest.mark.parametrize("rules", [5, "sentences_en.yaml", {"abbreviations": {}}])
def test_split_sentences_rejects_rules_that_are_not_sentence_rules(rules: object) -> None:
    with pytest.raises(TypeError, match="rules must be a SentenceRules"):
        split_sentences("One. Two.", rules=rules)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- sentence phenomena

CASES = [
    # "U.S." in mid- and end-of-sentence position
    ("It is not in the U.S. interest.", ["It is not in the U.S. interest."]),
    ("He left the U.S. The next day he came back.", ["He left the U.S.", "The next day he came back."]),
    ("The U.S. Army and the U.S. Senate met.", ["The U.S. Army and the U.S. Senate met."]),
    ("They moved to the U.S. “It was hard,” she said.", ["They moved to the U.S.", "“It was hard,” she said."]),
    ("“It is not in the U.S. interest.” The talks ended.", ["“It is not in the U.S. interest.”", "The talks ended."]),
    # a closing quote with no space after it
    ("He told NPR.”But still, they went.", ["He told NPR.”", "But still, they went."]),
    ('He told NPR."But still, they went.', ['He told NPR."', "But still, they went."]),
    ("He told NPR.”but then", ["He told NPR.”but then"]),
    # bracketed insertions
    ("The glory of Rossiya (Russia) will be immortal. He said so.",
     ["The glory of Rossiya (Russia) will be immortal.", "He said so."]),
    ("The process of [building] a world. It grows.", ["The process of [building] a world.", "It grows."]),
    ("Profits rose. (It did not give figures.) Shares fell.",
     ["Profits rose.", "(It did not give figures.)", "Shares fell."]),
    ("The 512GB model costs $900 (Orig. $1,599) now.", ["The 512GB model costs $900 (Orig. $1,599) now."]),
    # initials
    ("John F. Kennedy spoke. J.R.R. Tolkien wrote. T.J. Walker ran.",
     ["John F. Kennedy spoke.", "J.R.R. Tolkien wrote.", "T.J. Walker ran."]),
    ("Sen. J. Robert Hale, D-Ore., voted no.", ["Sen. J. Robert Hale, D-Ore., voted no."]),
    ("He needs vitamin D. It helps.", ["He needs vitamin D.", "It helps."]),
    # decimals and numbers
    ("It rose 3.5 percent. No. 2 Ohio State won.", ["It rose 3.5 percent.", "No. 2 Ohio State won."]),
    ("The No. 2 official left on Sept. 30. He said no. Nobody asked why.",
     ["The No. 2 official left on Sept. 30.", "He said no.", "Nobody asked why."]),
    ("It was founded in 2019. 12 people work there.", ["It was founded in 2019.", "12 people work there."]),
    # titles
    ("Gen. Mark Lane, Sen. Tom Barrow, Dr. Jill Ruiz, Gov. Roy Parnell and Mr. Smith met.",
     ["Gen. Mark Lane, Sen. Tom Barrow, Dr. Jill Ruiz, Gov. Roy Parnell and Mr. Smith met."]),
    ("He called the sales rep. She never answered.", ["He called the sales rep.", "She never answered."]),
    # ellipses
    ("We will … win this.", ["We will … win this."]),
    ("It mostly works... until it doesn't.", ["It mostly works... until it doesn't."]),
    ("I don't know… Maybe tomorrow.", ["I don't know…", "Maybe tomorrow."]),
    # questions and exclamations in quotes
    ("“Why?” he asked.", ["“Why?” he asked."]),
    ("“Why would we?” Kravets asked. Then she left.", ["“Why would we?” Kravets asked.", "Then she left."]),
    ("“Why?” The question hung there.", ["“Why?”", "The question hung there."]),
    ("“Mum used it as a doorstop!” her son said.", ["“Mum used it as a doorstop!” her son said."]),
    ("Really? Yes. Wow! It worked.", ["Really?", "Yes.", "Wow!", "It worked."]),
    ("E! News reported it.", ["E! News reported it."]),
    # multi-sentence quotes
    ("“We cannot keep doing this,” Barrow said. “It is no way to run a government.”",
     ["“We cannot keep doing this,” Barrow said.", "“It is no way to run a government.”"]),
    ("“We’ll see,” said Rep. Anita Moreno, R-Fla. “Nobody has read it.”",
     ["“We’ll see,” said Rep. Anita Moreno, R-Fla.", "“Nobody has read it.”"]),
    # a.m./p.m.
    ("It starts at 9 a.m. Tuesday.", ["It starts at 9 a.m. Tuesday."]),
    ("It ended at 9 p.m. Police left soon after.", ["It ended at 9 p.m.", "Police left soon after."]),
    ("Trading closed at 4 p.m. New York time.", ["Trading closed at 4 p.m. New York time."]),
    ("It opens at 10 a.m. EDT on weekdays.", ["It opens at 10 a.m. EDT on weekdays."]),
    # places and companies
    ("SPRINGFIELD, Ill. (AP) — Police said so.", ["SPRINGFIELD, Ill. (AP) — Police said so."]),
    ("He lives in Springfield, Ill. The city is small.", ["He lives in Springfield, Ill.", "The city is small."]),
    ("He fell ill. Doctors came.", ["He fell ill.", "Doctors came."]),
    ("He lives in Tulsa, Okla. Smith said so.", ["He lives in Tulsa, Okla.", "Smith said so."]),
    ("He is from Tulsa, Okla., and Smith is not.", ["He is from Tulsa, Okla., and Smith is not."]),
    ("Fla. Gov. Ron Smith signed it. They beat Miss. State.", ["Fla. Gov. Ron Smith signed it.", "They beat Miss. State."]),
    ("TULSA, Okla. — It rained. He was treated at Mass. General Hospital.",
     ["TULSA, Okla. — It rained.", "He was treated at Mass. General Hospital."]),
    ("Shares of Acme Inc. rose. The company, Acme Inc. The end.",
     ["Shares of Acme Inc. rose.", "The company, Acme Inc.", "The end."]),
    ("They met in Washington, D.C. on Friday.", ["They met in Washington, D.C. on Friday."]),
    ("He lives on Cook St. in St. Louis, Mo. Officers said so.",
     ["He lives on Cook St. in St. Louis, Mo.", "Officers said so."]),
    ("Ding et al. reported it, e.g. in 2023. Others, i.e. critics, disagreed.",
     ["Ding et al. reported it, e.g. in 2023.", "Others, i.e. critics, disagreed."]),
    ("Bring pens, paper, etc. The rest is provided.", ["Bring pens, paper, etc.", "The rest is provided."]),
    ("See Free Speech Coalition v. Paxton at 542 U.S. 656 today.",
     ["See Free Speech Coalition v. Paxton at 542 U.S. 656 today."]),
    ("He holds a Ph.D. in history.", ["He holds a Ph.D. in history."]),
    # lower-case sentence starts that are not continuations
    ("Sales fell. iPhone demand was weak.", ["Sales fell.", "iPhone demand was weak."]),
    ("The mayor left. de Blasio said nothing.", ["The mayor left.", "de Blasio said nothing."]),
    # datelines, bylines
    ("WASHINGTON (AP) — The Senate voted 52-47. It passed.", ["WASHINGTON (AP) — The Senate voted 52-47.", "It passed."]),
    ("KYIV, Ukraine — Talks failed. Both sides left.", ["KYIV, Ukraine — Talks failed.", "Both sides left."]),
    # headlines and lines without final punctuation
    ("Storm hits the coast\nCrews restored power on Friday.", ["Storm hits the coast", "Crews restored power on Friday."]),
    ("Headline\n\nBody text.", ["Headline", "Body text."]),
    ("By Jane Doe\nAssociated Press\nWASHINGTON (AP) — It rained.",
     ["By Jane Doe", "Associated Press", "WASHINGTON (AP) — It rained."]),
    ("Officials said\nthat it rained.", ["Officials said\nthat it rained."]),
    # list items
    ("What we know:\n- Schools are closed\n- Roads reopened", ["What we know:", "- Schools are closed", "- Roads reopened"]),
    ("1. Call us. 2. Text us.", ["1. Call us.", "2. Text us."]),
    # a hard-wrapped paragraph is not split at its line breaks
    ("The president said on\nTuesday that he would\nsign the bill into law\nnext week, aides said.",
     ["The president said on\nTuesday that he would\nsign the bill into law\nnext week, aides said."]),
    # paragraphs one per line
    ("He left the U.S.\nPolice followed him.", ["He left the U.S.", "Police followed him."]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_phenomena(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert texts_of(sentences) == expected
    check_sentence_invariants(text, sentences)


def test_paragraph_breaks_always_end_a_sentence() -> None:
    text = "He lives in the U.S.\n\nArmy officials said\n\nMr.\n\nSmith"
    sentences = split_sentences(text)
    assert texts_of(sentences) == ["He lives in the U.S.", "Army officials said", "Mr.", "Smith"]
    assert [s.paragraph for s in sentences] == [0, 1, 2, 3]


# --------------------------------------------------------------------------- gold set and seed

def _part_scores(part: str) -> tuple[float, int]:
    tp = fp = fn = 0
    n = 0
    for path in sorted((GOLD / part).glob("*.txt")):
        text, gold = load_gold(path)
        n += len(gold)
        pred = [(s.start, s.end) for s in split_sentences(text)]
        a, b, c = boundary_f1(gold, pred)
        tp, fp, fn = tp + a, fp + b, fn + c
    return 2 * tp / (2 * tp + fp + fn), n


def test_gold_set_size() -> None:
    """The gold set holds at least 40 paragraphs and 250 sentences, in two parts."""
    n_sentences = n_paragraphs = 0
    for path in GOLD_FILES:
        text, spans = load_gold(path)
        n_sentences += len(spans)
        n_paragraphs += text.count("\n\n") + 1
    assert n_sentences >= 250 and n_paragraphs >= 40
    assert len(list((GOLD / "dev").glob("*.txt"))) >= 5 and len(list((GOLD / "heldout").glob("*.txt"))) >= 5


@pytest.mark.parametrize("part, minimum", [("dev", 0.99), ("heldout", 0.985)])
def test_boundary_f1_on_gold(part: str, minimum: float) -> None:
    f1, n = _part_scores(part)
    assert n > 100
    assert f1 >= minimum, f"boundary F1 {f1:.3f} on {part} < {minimum}"


def test_gold_reader_rebuilds_markers() -> None:
    text, spans = load_gold(GOLD / "dev" / "06-world-quotes.txt")
    assert "weapons].”Ukraine’s" in text
    text, spans = load_gold(GOLD / "dev" / "08-headlines-lists.txt")
    assert text.startswith("Storm knocks out power to 200,000 homes across the Carolinas\nCrews expect")
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)


def _golden_seed() -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in SEED_GOLDEN.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            paragraphs.append([])
        else:
            paragraphs[-1].append(line)
    return [p for p in paragraphs if p]


def test_seed_split_matches_golden_file(seed_article: Article) -> None:
    golden = _golden_seed()
    sentences = split_sentences(seed_article)
    assert texts_of(sentences) == [s for p in golden for s in p]
    assert [s.paragraph for s in sentences] == [i for i, p in enumerate(golden) for _ in p]
    assert len(sentences) == 32 and len(golden) == 17 == len(seed_article.paragraphs)


def test_seed_offsets_of_every_sentence(seed_article: Article) -> None:
    text = seed_article.text
    pos = 0
    for s, expected in zip(split_sentences(seed_article), [s for p in _golden_seed() for s in p]):
        start = text.index(expected, pos)
        assert (s.start, s.end) == (start, start + len(expected))
        assert text[s.start : s.end] == s.text == expected
        pos = s.end


def test_seed_hard_cases(seed_article: Article) -> None:
    texts = texts_of(split_sentences(seed_article))
    # "U.S." mid-sentence does not split; a closing quote with no space after it ends a sentence
    assert any(t.endswith("obviously not in the U.S. interest.”") for t in texts)
    i = next(i for i, t in enumerate(texts) if t.endswith("told NPR.”"))
    assert texts[i + 1].startswith("But still, they have another consideration")
    assert any("[building] a multipolar world" in t for t in texts)


def test_splitting_is_deterministic_across_hash_seeds(seed_path: Path) -> None:
    code = (
        "import json, sys\n"
        "from newsframe.ingest import load_article\n"
        "from newsframe.text import split_sentences, tokenize_words\n"
        "a = load_article(sys.argv[1])\n"
        "print(json.dumps([[s.start, s.end, s.paragraph] for s in split_sentences(a)]"
        " + [[t.start, t.end] for t in tokenize_words(a.text)]))\n"
    )
    outs = []
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        res = subprocess.run([sys.executable, "-c", code, str(seed_path)], capture_output=True, text=True, env=env,
                             check=True)
        outs.append(json.loads(res.stdout))
    assert outs[0] == outs[1]


# --------------------------------------------------------------------------- sentence rules

def test_default_rules() -> None:
    rules = load_sentence_rules()
    assert rules is load_sentence_rules()
    assert isinstance(rules, SentenceRules)
    assert set(rules.abbreviations.values()) <= set(ABBREVIATION_KINDS)
    assert rules.abbreviation_kind("Mr") == "title"
    assert rules.abbreviation_kind("No") == "number" and "no" in rules.sentence_starters
    assert rules.abbreviation_kind("a.m") == "time" and rules.abbreviation_kind("etc") == "final"
    assert rules.abbreviation_kind("U.S") == "regular" and rules.abbreviation_kind("D-N.Y") == "regular"
    assert rules.abbreviation_kind("Ill") == "place" and rules.abbreviation_kind("ill") is None
    assert rules.abbreviation_kind("F") == "regular" and rules.abbreviation_kind("J.R.R") == "regular"
    assert rules.abbreviation_kind("NPR") is None and rules.abbreviation_kind("word") is None
    # every list holds strings only (YAML reads a bare `no` as False)
    for words in (rules.sentence_starters, rules.time_followers, rules.speech_verbs, rules.name_particles,
                  rules.line_continuations):
        assert words and all(isinstance(w, str) and w == w.lower() for w in words)


def test_punkt_parameters_from_rules() -> None:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = load_sentence_rules().punkt_parameters()
    assert isinstance(params, PunktParameters)
    assert "u.s" in params.abbrev_types and "the" in params.sent_starters
    spans = list(PunktSentenceTokenizer(params).span_tokenize("Mr. Smith left. He came back."))
    assert len(spans) == 2


def test_custom_rules_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("abbreviations:\n  title: [Zq]\nsentence_starters: [the]\n", encoding="utf-8")
    rules = load_sentence_rules(path)
    assert rules.source == str(path)
    text = "Ask Zq. Bond about it. It is Mr. Smith."
    assert texts_of(split_sentences(text, rules=rules)) == ["Ask Zq. Bond about it.", "It is Mr.", "Smith."]
    assert texts_of(split_sentences(text)) == ["Ask Zq.", "Bond about it.", "It is Mr. Smith."]


@pytest.mark.parametrize(
    "content, message",
    [
        ("abbreviations: [Mr]\n", "abbreviations"),
        ("abbreviations:\n  odd: [Mr]\n", "unknown abbreviation kind"),
        ("abbreviations:\n  title: Mr\n", "must be a list"),
        ("abbreviations:\n  number: [no]\n", "quote it"),
        ("sentence_starters: the\n", "must be a list"),
        ("sentence_starters: [yes]\n", "quote it"),
        ("typo_key: [a]\n", "unknown keys"),
        ("abbreviations: {title: [Mr\n", "not valid YAML"),
        ("- just\n- a list\n", "expected a mapping"),
    ],
)
def test_bad_rules_files_raise_value_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as info:
        load_sentence_rules(path)
    assert str(path) in str(info.value)


def test_binary_rules_file_raises_value_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(ValueError, match="not a UTF-8 text file") as info:
        load_sentence_rules(path)
    assert str(path) in str(info.value)


def test_missing_rules_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_sentence_rules(tmp_path / "nope.yaml")


def test_bad_abbreviation_kind_in_rules_object() -> None:
    with pytest.raises(ValueError, match="valid kinds"):
        SentenceRules({"Mr": "honorific"}, frozenset(), frozenset(), frozenset(), frozenset(), frozenset())


# --------------------------------------------------------------------------- words

def check_token_invariants(text: str, tokens: list[Token]) -> None:
    last = 0
    for t in tokens:
        assert isinstance(t, Token)
        assert text[t.start : t.end] == t.text
        assert t.text and not any(c.isspace() for c in t.text)
        assert t.start >= last
        last = t.end


@pytest.mark.parametrize("path", GOLD_FILES[:4], ids=lambda p: p.name)
def test_token_offsets_on_gold_texts(path: Path) -> None:
    text, _ = load_gold(path)
    check_token_invariants(text, tokenize_words(text))
    everything = tokenize_words(text, punctuation=True)
    check_token_invariants(text, everything)
    assert "".join(t.text for t in everything) == "".join(text.split())


def test_token_offsets_on_seed_and_sentences(seed_article: Article) -> None:
    text = seed_article.text
    tokens = tokenize_words(text)
    check_token_invariants(text, tokens)
    assert len(tokens) > 700
    for s in split_sentences(seed_article):
        for t in tokenize_words(s.text):
            assert text[s.start + t.start : s.start + t.end] == t.text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kim’s co-chairman don't O’Brien students’ rock", ["Kim’s", "co-chairman", "don't", "O’Brien", "students", "rock"]),
        ("the U.S. and U.N. at 9 a.m., a Ph.D. e.g. this", ["the", "U.S.", "and", "U.N.", "at", "9", "a.m.", "a", "Ph.D.", "e.g.", "this"]),
        ("Mr. Smith, Sen. Jones", ["Mr", "Smith", "Sen", "Jones"]),
        ("1,000 3.5 10:30 25% 1990s 25-mile 52-47 COVID-19 $1.2", ["1,000", "3.5", "10:30", "25%", "1990s", "25-mile", "52-47", "COVID-19", "1.2"]),
        ("Komsomolsk-on-Amur — military-industrial ― well", ["Komsomolsk-on-Amur", "military-industrial", "well"]),
        ("ALL CAPS HEADLINE!", ["ALL", "CAPS", "HEADLINE"]),
        ("Правительство, Straße und café", ["Правительство", "Straße", "und", "café"]),
        ("end.", ["end"]),
        ("", []),
        ("  ... ?! —  ", []),
    ],
)
def test_tokenize_words_examples(text: str, expected: list[str]) -> None:
    tokens = tokenize_words(text)
    assert [t.text for t in tokens] == expected
    check_token_invariants(text, tokens)


def test_tokenize_punctuation_covers_every_character() -> None:
    text = "“Why?” — he asked (again)… 3.5% of U.S. voters"
    tokens = tokenize_words(text, punctuation=True)
    check_token_invariants(text, tokens)
    assert "".join(t.text for t in tokens) == "".join(text.split())
    assert [t.text for t in tokens][:4] == ["“", "Why", "?", "”"]


@pytest.mark.parametrize("garbage", [None, 12, b"bytes", ["a"]])
def test_tokenize_words_rejects_garbage(garbage: object) -> None:
    with pytest.raises(TypeError):
        tokenize_words(garbage)  # type: ignore[arg-type]


def test_token_is_frozen() -> None:
    t = tokenize_words("word")[0]
    assert t == Token(0, 4, "word")
    with pytest.raises(AttributeError):
        t.start = 3  # type: ignore[misc]


# --------------------------------------------------------------------------- normalisation

SPECIAL = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u2034\u00ab\u00bb\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00a0\u2009\u202f\u2007\u3000\u2026\u200b\ufeff\u00ad"


def test_normalize_maps_typography_to_ascii() -> None:
    n = normalize("\u201cDon\u2019t\u201d \u2015 it\u2019s 5\u2032 11\u2033 \u2014 a\u00a0b\u2026\u200b")
    assert n.text == '"Don\'t" - it\'s 5\' 11" - a b...'
    assert n.text.isascii()
    for ch in SPECIAL:
        out = normalize_text(ch)
        assert out.isascii(), repr(ch)
        assert normalize(ch).text == out


def test_normalize_leaves_plain_text_alone() -> None:
    text = "Plain ASCII text, with 'quotes' and - dashes."
    n = normalize(text)
    assert n.text == text == n.original and n.offsets == tuple(range(len(text) + 1))
    assert normalize_text(text) == text


def _random_text(rng: random.Random) -> str:
    alphabet = "ab .,'\"-\n" + SPECIAL
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))


def test_normalize_properties_on_random_text() -> None:
    rng = random.Random(11)
    for _ in range(500):
        text = _random_text(rng)
        n = normalize(text)
        assert isinstance(n, Normalized)
        assert n.original == text
        assert n.text == normalize_text(text)
        assert normalize(n.text).text == n.text == normalize_text(n.text)  # idempotent
        assert len(n.offsets) == len(n.text) + 1 and n.offsets[-1] == len(text)
        assert list(n.offsets) == sorted(n.offsets)
        # every span maps back to original characters that normalise to exactly that span
        cuts = [0] + [i for i in range(1, len(n.text)) if n.offsets[i] != n.offsets[i - 1]] + [len(n.text)]
        for a in range(len(cuts)):
            for b in range(a, len(cuts)):
                i, j = cuts[a], cuts[b]
                s, e = n.to_original(i, j)
                assert normalize_text(text[s:e]) == n.text[i:j]


def test_every_token_of_the_normalised_seed_maps_back(seed_article: Article) -> None:
    n = normalize(seed_article.text)
    assert "\u2019" not in n.text and "\u2015" not in n.text and "\u00a0" not in n.text
    for t in tokenize_words(n.text, punctuation=True):
        s, e = n.to_original(t.start, t.end)
        assert normalize_text(seed_article.text[s:e]) == t.text


def test_to_original_rejects_spans_outside() -> None:
    n = normalize("abc\u2026")
    assert n.to_original(3, 6) == (3, 4) and n.to_original(6, 6) == (4, 4)
    for span in [(-1, 2), (2, 1), (0, 7)]:
        with pytest.raises(IndexError):
            n.to_original(*span)


@pytest.mark.parametrize("garbage", [None, 1, b"bytes", ["x"]])
def test_normalize_rejects_garbage(garbage: object) -> None:
    with pytest.raises(TypeError):
        normalize(garbage)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        normalize_text(garbage)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- stop words, lemmas, stems

def test_stopwords() -> None:
    sw = stopwords()
    assert isinstance(sw, frozenset) and sw is stopwords("en")
    assert {"the", "and", "said", "don't", "don’t"} <= sw
    assert not {"russia", "missile", "putin"} & sw
    assert all(w == w.lower() and w.strip() == w for w in sw)


@pytest.mark.parametrize("lang", ["de", "EN", "", None])
def test_stopwords_other_languages_raise(lang: object) -> None:
    with pytest.raises(ValueError, match="'en'"):
        stopwords(lang)  # type: ignore[arg-type]


@pytest.mark.parametrize("word, lemma", [("missiles", "missile"), ("met", "meet"), ("talks", "talk"),
                                         ("countries", "country"), ("was", "be"), ("Russia", "Russia")])
def test_lemmatize(word: str, lemma: str) -> None:
    assert lemmatize(word) == lemma


def test_lemmatize_edge_cases() -> None:
    assert lemmatize("") == "" and lemmatize("   ") == ""
    with pytest.raises(TypeError):
        lemmatize(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'en'"):
        lemmatize("words", lang="de")  # type: ignore[arg-type]


@pytest.mark.parametrize("word, expected", [("cooperation", "cooper"), ("Cooperating", "cooper"),
                                            ("missiles", "missil"), ("running", "run"), ("", "")])
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_stem_rejects_garbage() -> None:
    with pytest.raises(TypeError):
        stem(3)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["x. " * 60000, "(a. b " * 40000, "Bob\n" * 50000, "the U.S. the U.S. " * 20000])
def test_no_quadratic_blow_up_on_long_degenerate_text(text: str) -> None:
    import time

    t = time.process_time()
    sentences = split_sentences(text)
    assert time.process_time() - t < 10  # linear: well under a second on a normal machine
    check_sentence_invariants(text, sentences)


@pytest.mark.parametrize(
    "text, spans",
    [
        ("." * 20000, [(0, 20000)]),  # each mark of a run used to be tried as a candidate: quadratic
        ("Wait" + "!" * 20000 + "then", [(0, 20008)]),
        ("He left. So" + "\u2026" * 20000, [(0, 8), (9, 20011)]),
        ("?!" * 10000 + "Why", [(0, 20003)]),
        ("Wait" + "!" * 20000 + " Then it rained.", [(0, 20004), (20005, 20020)]),
        (".\u2019a" * 20000, [(0, 60000)]),  # the word after each candidate ran on over all the others
        ("U.S. . " * 10000, [(0, 69999)]),  # each candidate looked back to the sentence start
    ],
)
def test_long_runs_of_end_punctuation_and_candidates(text: str, spans: list[tuple[int, int]]) -> None:
    sentences = split_sentences(text)
    assert [(s.start, s.end) for s in sentences] == spans
    check_sentence_invariants(text, sentences)


@pytest.mark.parametrize("punctuation", [False, True])
def test_word_strings_are_the_tokens_of_tokenize_words(seed_article, punctuation):
    texts = [seed_article.text, "Kim’s 25-mile trip to the U.S., 3.5 hours — at 10:30 a.m.!", "", "   ", "¿Qué? 北京 x_y"]
    for text in texts:
        assert word_strings(text, punctuation=punctuation) == [
            t.text for t in tokenize_words(text, punctuation=punctuation)]
    with pytest.raises(TypeError):
        word_strings(None)  # type: ignore[arg-type]


def test_normalisation_maps_only_non_ascii_characters():
    # normalize/normalize_text return ASCII text unchanged without scanning it: that is
    # only right while every character they map lies outside ASCII
    from newsframe.text import _NORMALIZE_MAP

    assert _NORMALIZE_MAP and not any(ch.isascii() for ch in _NORMALIZE_MAP)
    plain = "He said: \"It's 3.5% -- fine...\" (U.S.)"
    assert normalize_text(plain) == plain
    assert normalize(plain).text == plain and normalize(plain).to_original(3, 7) == (3, 7)
