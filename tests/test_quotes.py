"""Quotations: pairing marks, attribution, kinds, voice shares — and the seed golden list.

The pattern cases are hand-made sentences in the styles of different news writing
(wire copy, local news, features, British style, sports, court and business
reporting); none is copied from an article.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys

import pandas as pd
import pytest

from newsframe.ingest import Article
from newsframe.quotes import (
    PROMINENCE_TABLE_COLUMNS,
    QUOTE_KINDS,
    QUOTE_TABLE_COLUMNS,
    VOICE_TABLE_COLUMNS,
    Quote,
    extract_quotes,
    load_cue_verbs,
    prominence_table,
    quote_table,
    record_fields,
    voice_table,
)


def q3(text: str, **kw):
    art = Article.from_text(text, id="t", **kw)
    return [(q.text, q.speaker, q.kind) for q in extract_quotes(art)]


# (id, text, [(quote text, speaker, kind), ...])
CASES = [
    ("after-said-name-apposition",
     "“The bridge will reopen in May,” said Maria Lopez, the city’s transport director.",
     [("The bridge will reopen in May", "Maria Lopez", "full")]),
    ("before-colon",
     "Mayor Tom Berg said: “We have no choice.”",
     [("We have no choice.", "Tom Berg", "full")]),
    ("before-comma",
     "Coach Dana Whitfield said, “We played our best game.”",
     [("We played our best game.", "Dana Whitfield", "full")]),
    ("middle-attribution",
     "“We are ready,” the governor said, “but the storm is strong.”",
     [("We are ready", "the governor", "full"), ("but the storm is strong.", "the governor", "continuation")]),
    ("according-to-after",
     "“Prices will rise again,” according to Sam Patel, an economist at Northfield Bank.",
     [("Prices will rise again", "Sam Patel", "full")]),
    ("according-to-before",
     "According to Lena Fischer, “The data are clear.”",
     [("The data are clear.", "Lena Fischer", "full")]),
    ("nested-single-quotes",
     "“He told me, ‘Do not come back,’ and then he left,” said Omar Haddad.",
     [("He told me, ‘Do not come back,’ and then he left", "Omar Haddad", "full")]),
    ("straight-quotes-title-before-name",
     '"We will appeal," lawyer Rosa Kim said.',
     [("We will appeal", "Rosa Kim", "full")]),
    ("said-pronoun",
     "Officer Grant Mills arrived at noon. “Nobody was hurt,” he said.",
     [("Nobody was hurt", "Grant Mills", "full")]),
    ("in-a-statement",
     "“We regret the error,” Northwind Airlines said in a statement.",
     [("We regret the error", "Northwind Airlines", "full")]),
    ("who-clause",
     "Helen Park, who has lived on the street for 40 years, said: “It has never been this bad.”",
     [("It has never been this bad.", "Helen Park", "full")]),
    ("spanning-paragraphs-attribution-last",
     "“The first thing we did was call the neighbors.\n\n“Then we waited for the firefighters,” said resident Ana Cruz.",
     [("The first thing we did was call the neighbors.", "Ana Cruz", "full"),
      ("Then we waited for the firefighters", "Ana Cruz", "continuation")]),
    ("spanning-paragraphs-attribution-first",
     "“We knew the river would rise,” said farmer Joel Brandt. “We moved the animals first.\n\n"
     "“By midnight the barn was under water.”",
     [("We knew the river would rise", "Joel Brandt", "full"),
      ("We moved the animals first.", "Joel Brandt", "continuation"),
      ("By midnight the barn was under water.", "Joel Brandt", "continuation")]),
    ("unbalanced-missing-close",
     "“We will not give up, said union leader Kate Moss.",
     [("We will not give up", "Kate Moss", "full")]),
    ("unbalanced-missing-open",
     "We will not give up,” said union leader Kate Moss.",
     [("We will not give up", "Kate Moss", "full")]),
    ("close-mark-no-space",
     "“I am tired,” the coach told ESPN.”We need rest.”",
     [("I am tired", "the coach", "full"), ("We need rest.", "the coach", "continuation")]),
    ("partial-in-narration-nominal",
     "The senator called the bill “a disaster for farmers” and vowed to fight it.",
     [("a disaster for farmers", "the senator", "partial")]),
    ("partial-attribution-after",
     "The plan is “dead on arrival,” Senator Ruth Gale said.",
     [("dead on arrival", "Ruth Gale", "partial")]),
    ("partial-pronoun",
     "Dr. Amir Rahimi studies viruses. He described the outbreak as “under control.”",
     [("under control.", "Amir Rahimi", "partial")]),
    ("book-title-not-speech",
     "She is the author of “The Quiet Border,” a history of the region.",
     []),
    ("so-called-not-speech",
     "The so-called “peace plan” was rejected by both sides.",
     []),
    ("book-titled-not-speech",
     "His new book, titled “Winter Roads,” comes out in May.",
     []),
    ("film-not-speech",
     "The film “Northern Lights” won the jury prize.",
     []),
    ("says-present-tense",
     "“It was a mistake,” says Carla Diaz.",
     [("It was a mistake", "Carla Diaz", "full")]),
    ("told-outlet",
     "“We are not leaving,” Yuki Tanaka told Reuters.",
     [("We are not leaving", "Yuki Tanaka", "full")]),
    ("multi-sentence",
     "“This is the end. We tried everything. Nothing worked,” said Paul Okafor.",
     [("This is the end. We tried everything. Nothing worked", "Paul Okafor", "full")]),
    ("continuation-next-paragraph",
     "“We need more buses,” said commuter Lia Novak.\n\n“Every morning is a fight.”",
     [("We need more buses", "Lia Novak", "full"), ("Every morning is a fight.", "Lia Novak", "continuation")]),
    ("unattributed-kept",
     "Nobody knows who painted the sign.\n\n“The end is near.”",
     [("The end is near.", None, "full")]),
    ("straight-middle-pronoun",
     'Nurse Jo Ellis was on duty that night. "I can\'t say," she said, "but it looks bad."',
     [("I can't say", "Jo Ellis", "full"), ("but it looks bad.", "Jo Ellis", "continuation")]),
    ("apostrophes-in-names",
     "O’Brien said the ’90s were better. “Things were simpler,” O’Brien said.",
     [("Things were simpler", "O’Brien", "full")]),
    ("question-asked",
     "“Why now?” asked Ben Ortiz, a local shop owner.",
     [("Why now?", "Ben Ortiz", "full")]),
    ("paraphrase-then-quote",
     "Ines Moreau, a nurse at the clinic, said the shift was long. “We had no break. We had no food.”",
     [("We had no break. We had no food.", "Ines Moreau", "full")]),
    ("british-single-quotes",
     "‘We will strike next week,’ the union said.",
     [("We will strike next week", "the union", "full")]),
    ("senator-abbreviation-told-reporters",
     "“The vote is final,” Sen. Mark Hale told reporters.",
     [("The vote is final", "Mark Hale", "full")]),
    ("nominal-official",
     "“We are watching closely,” a U.S. official said.",
     [("We are watching closely", "a U.S. official", "full")]),
    ("metonym-speaker",
     "“The talks were useful,” the Kremlin said.",
     [("The talks were useful", "Russia", "full")]),
    ("short-form-resolves-to-full-name",
     "Priya Raman, a climate scientist, spoke first. Later, Raman said: “The ice is going.”",
     [("The ice is going.", "Priya Raman", "full")]),
    ("gazetteer-short-form",
     "Russian President Vladimir Putin arrived. “We are ready,” Putin said.",
     [("We are ready", "Vladimir Putin", "full")]),
    ("low-9-and-guillemets",
     "„Wir bleiben hier“, sagte sie. «Nous resterons», a-t-il dit.",
     [("Wir bleiben hier", None, "full"), ("Nous resterons", None, "full")]),
    ("quote-after-question-attribution-inverted-pronoun",
     "Tara Singh paused. “Is that fair?” she asked.",
     [("Is that fair?", "Tara Singh", "full")]),
    ("senator-with-party-suffix",
     "“We are not going anywhere,” said Sen. Elizabeth Warren, D-Mass.",
     [("We are not going anywhere", "Elizabeth Warren", "full")]),
    ("age-apposition",
     "John Smith, 45, said: “I lost everything.”",
     [("I lost everything.", "John Smith", "full")]),
    ("statement-as-speaker",
     "In a statement, the ministry said: “The border remains closed.”",
     [("The border remains closed.", "the ministry", "full")]),
    ("told-outlet-that-partial",
     "Governor Ann Lee told The Associated Press that “the budget is balanced.”",
     [("the budget is balanced.", "Ann Lee", "partial")]),
    ("show-title-after-possessive",
     "Jane Doe spoke on Sunday. “It is a disaster,” she told CNN’s “State of the Union.”",
     [("It is a disaster", "Jane Doe", "full")]),
    ("participle-apposition-and-weekday",
     "The report, released Tuesday, warned that “the river is dying.”",
     [("the river is dying.", "the report", "partial")]),
    ("inverted-with-clause-after",
     "“We are cooperating,” said a company spokesperson when contacted by Reuters.",
     [("We are cooperating", "a company spokesperson", "full")]),
    ("it-refers-to-the-body",
     "The Swedish Prosecution Authority closed the case. \"The evidence has weakened,\" it added.",
     [("The evidence has weakened", "Swedish Prosecution Authority", "full")]),
    ("british-honorific-without-period",
     "Ms Persson said: \"I would like to emphasise this.\"",
     [("I would like to emphasise this.", "Persson", "full")]),
    ("exclamation-and-ordered",
     "\"Hands! Let me see your hands!\" an officer ordered. \"Step out.\"",
     [("Hands! Let me see your hands!", "an officer", "full"), ("Step out.", "an officer", "continuation")]),
    ("pronoun-prefers-subject",
     "Lisa Moreno said that Dan Keller was wrong. She added: “The voters deserve better.”",
     [("The voters deserve better.", "Lisa Moreno", "full")]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_patterns(text, expected):
    assert q3(text) == expected


def test_at_least_thirty_patterns():
    assert len(CASES) >= 30


# ----------------------------------------------------------------- properties

def test_offsets_and_types(seed_article):
    quotes = extract_quotes(seed_article)
    assert quotes and all(isinstance(q, Quote) for q in quotes)
    text = seed_article.text
    for q in quotes:
        assert text[q.start:q.end] == q.text
        assert q.kind in QUOTE_KINDS
        assert q.text == q.text.strip() and q.text
        # the quoted words never include the marks around them
        assert q.text[0] not in "“”\"" and q.text[-1] not in "“”\""
        if q.kind == "continuation":
            assert q.cue is None
    starts = [q.start for q in quotes]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(quotes, quotes[1:]))


def test_plain_string_input():
    assert [(q.text, q.speaker) for q in extract_quotes("“Go,” said Ann Lee.")] == [("Go", "Ann Lee")]


# ----------------------------------------------------------------- bad input

@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "No quotation marks here at all. Just narration.",
    "He said “yes and then “no and left. “Again",
    "“",
    "”",
    "\"",
    "O’Brien loved the ’90s and rock ’n’ roll at Joe’s bar.",
    "It's the '90s, rock 'n' roll, and the students' union's hall.",
    "A 6\" pipe and a 12\" board.",
    "”””“““",
    "Привет, “мир",
    "<p>“</p>",
])
def test_bad_input_never_raises_and_invents_nothing(text):
    quotes = extract_quotes(Article.from_text(text) if text.strip() else text)
    assert quotes == []


def test_wrong_type_raises():
    with pytest.raises(TypeError):
        extract_quotes(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        extract_quotes("“Hi,” he said.", cues=3.5)  # type: ignore[arg-type]


def test_custom_cue_file(tmp_path):
    path = tmp_path / "cues.txt"
    path.write_text("[cues]\nbellow, bellowed\n[not_speech]\nbook\n", encoding="utf-8")
    art = Article.from_text("“Stop,” bellowed Max Ford. “Go,” said Max Ford.")
    quotes = extract_quotes(art, cues=path)
    assert [(q.text, q.cue) for q in quotes][0] == ("Stop", "bellowed")
    assert quotes[1].cue is None  # "said" is not a cue in this file
    bad = tmp_path / "bad.txt"
    bad.write_text("said\n", encoding="utf-8")
    with pytest.raises(ValueError, match="section"):
        load_cue_verbs(bad)
    with pytest.raises(FileNotFoundError):
        load_cue_verbs(tmp_path / "missing.txt")
    binary = tmp_path / "cues.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(ValueError, match="cues.bin: not a UTF-8 text file"):
        load_cue_verbs(binary)


def test_cue_lexicon_loaded():
    lex = load_cue_verbs()
    for cue in ("said", "told", "wrote", "according to", "calling"):
        assert cue in lex.cues
    assert "author of" in lex.not_speech


# ----------------------------------------------------------------- the seed article

SEED_GOLD = [
    # (start of the quoted words, speaker, kind, cue)
    ("The glory of Rossiya (Russia)", "Kim Jong Un", "full", "wrote"),
    ("sacred fight to defend sovereignty", "Kim Jong Un", "partial", "calling"),
    ("Russia, as one of the world’s leaders", "Rebekah Koffler", "full", "told"),
    ("It is no coincidence", "Rebekah Koffler", "continuation", None),
    ("They don’t like it", "Wi Sung-lac", "full", "told"),
    ("But still, they have another consideration", "Wi Sung-lac", "continuation", None),
    ("Our current visit is taking place", "Kim Jong Un", "full", "said"),
    ("Comrade Putin and I", "Kim Jong Un", "continuation", None),
    ("indestructible relations of strategic cooperation", "Kim Jong Un", "partial", "vowed"),
    ("I believe the plan is for Russia", "Hong Min", "full", "told"),
    ("talked about the fact that", "Dmitry Peskov", "partial", "told"),
    ("The chairman has a big program", "Vladimir Putin", "full", "said"),
]


def test_seed_golden(seed_article):
    # the trap: unbalanced marks (a closing glyph opens "”But still…")
    assert (seed_article.text.count("“"), seed_article.text.count("”")) == (12, 14)
    quotes = extract_quotes(seed_article)
    got = [(q.text, q.speaker, q.kind, q.cue) for q in quotes]
    assert len(got) == len(SEED_GOLD), got
    for (text, speaker, kind, cue), (gt, gs, gk, gc) in zip(got, SEED_GOLD):
        assert text.startswith(gt), (text, gt)
        assert (speaker, kind, cue) == (gs, gk, gc), text


def test_seed_book_title_is_not_a_quote(seed_article):
    assert not any("Playbook" in q.text for q in extract_quotes(seed_article))


def test_seed_details(seed_article):
    quotes = {q.text[:12]: q for q in extract_quotes(seed_article)}
    koffler = quotes["Russia, as o"]
    assert extract_quotes(seed_article) == extract_quotes(seed_article)  # cached and stable
    assert koffler.outlet == "Fox News"
    assert koffler.description.startswith("a strategic military intelligence analyst")
    assert "Putin’s Playbook" in koffler.description
    wi = quotes["They don’t l"]
    assert wi.outlet == "NPR" and wi.description == "former South Korean ambassador to Russia"
    assert quotes["But still, t"].text.endswith("strategic and geopolitical.")
    hong = quotes["I believe th"]
    assert hong.outlet == "NPR" and hong.description.startswith("a North Korea expert")
    peskov = quotes["talked about"]
    assert peskov.outlet == "TASS" and peskov.description == "Kremlin spokesman"
    sacred = quotes["sacred fight"]
    assert sacred.speaker_text == "He"
    putin = quotes["The chairman"]
    assert putin.text.count(".") >= 3  # one quotation across four sentences
    guestbook = quotes["The glory of"]
    assert guestbook.text.endswith("will be immortal")  # the comma before the mark is left out


# ----------------------------------------------------------------- tables

def test_quote_table(seed_article):
    t = quote_table(seed_article)
    assert list(t.columns) == list(QUOTE_TABLE_COLUMNS)
    assert len(t) == 12 and (t["words"] > 0).all()
    assert t["article_id"].unique().tolist() == [seed_article.id]


def test_voice_table_shares_sum_to_one(seed_article):
    t = voice_table(seed_article)
    assert list(t.columns) == list(VOICE_TABLE_COLUMNS)
    assert t.iloc[0]["voice"] == "narration"
    assert math.isclose(t["share"].sum(), 1.0)
    assert ((t["share"] >= 0) & (t["share"] <= 1)).all()
    by = dict(zip(t["voice"], t["quotes"]))
    assert by["Kim Jong Un"] == 5 and by["Wi Sung-lac"] == 2 and by["Vladimir Putin"] == 1
    # the author narrates most of the article, but quoted voices hold a large part
    narration = t.iloc[0]["share"]
    assert 0.4 < narration < 0.8


def test_voice_table_by_source_type(seed_article):
    t = voice_table(seed_article, by="source_type")
    types = dict(zip(t["voice"], t["quotes"]))
    assert types["North Korean government"] == 5
    assert types["Russian government"] == 2
    assert types["South Korean analyst"] == 3
    assert types["U.S. analyst"] == 2
    assert math.isclose(t["share"].sum(), 1.0)
    with pytest.raises(ValueError, match="speaker"):
        voice_table(seed_article, by="outlet")  # type: ignore[arg-type]


def test_voice_table_empty_article_is_nan():
    t = voice_table("")
    assert len(t) == 1 and math.isnan(t.iloc[0]["share"])


def test_prominence_table(seed_article):
    t = prominence_table(seed_article)
    assert list(t.columns) == list(PROMINENCE_TABLE_COLUMNS)
    row = t.set_index("actor")
    # Kim speaks most and is mentioned most; Russia is talked about but never speaks
    assert row.loc["Kim Jong Un", "quotes"] == 5
    assert row.loc["Russia", "quotes"] == 0 and row.loc["Russia", "mentions"] > 10
    # "Comrade Putin" is a mention inside Kim's quotation
    assert row.loc["Vladimir Putin", "mentions_in_quotes"] >= 1
    assert (row["mentions"] == row["mentions_in_narration"] + row["mentions_in_quotes"]).all()


def test_record_fields(seed_article):
    per_sentence, per_article = record_fields(seed_article, [])
    assert per_sentence == {}
    quotes = per_article["quotes"]
    assert len(quotes) == 12
    assert set(quotes[0]) == {"text", "start", "end", "speaker", "cue", "kind"}
    assert all(seed_article.text[q["start"]:q["end"]] == q["text"] for q in quotes)


def test_deterministic_across_hash_seeds(seed_path):
    code = (
        "from newsframe.ingest import load_article; from newsframe.quotes import extract_quotes;"
        f"a = load_article({str(seed_path)!r});"
        "print([(q.start, q.end, q.speaker, q.kind) for q in extract_quotes(a)])"
    )
    outs = []
    for seed in ("1", "987"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.append(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout)
    assert outs[0] == outs[1] and outs[0].strip()


# ----------------------------------------------------------------- figures

def test_voice_plots(seed_article):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from newsframe.plotting.voices import plot_quote_positions, plot_speaks_vs_spoken_about, plot_voice_share

    ax = plot_voice_share(voice_table(seed_article))
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "narration"
    ax2 = plot_quote_positions(quote_table(seed_article), text_length=len(seed_article.text))
    assert len(ax2.get_yticklabels()) == 6  # six speakers
    fig = plot_speaks_vs_spoken_about(prominence_table(seed_article), top_n=5)
    assert len(fig.axes) == 2
    with pytest.raises(ValueError, match="lacks columns"):
        plot_voice_share(pd.DataFrame({"voice": ["a"]}))
    with pytest.raises(ValueError, match="empty"):
        plot_quote_positions(quote_table("No quotes."), text_length=10)
    with pytest.raises(ValueError, match="text_length"):
        plot_quote_positions(quote_table(seed_article), text_length=0)
    with pytest.raises(TypeError):
        plot_voice_share([1, 2])
    plt.close("all")


@pytest.mark.parametrize("sep", ["\n\n", " "], ids=["paragraphs", "one-paragraph"])
def test_pronouns_resolve_across_many_quotations(sep):
    # 2,000 quotations whose every name (people, an outlet, a sentence-opening name) is
    # inside the quotation marks: "she" still goes back to the last person named in the
    # narration, however far back; a sentence-opening name not in the gazetteer ("Tara
    # Singh paused.") takes over from where it stands, and "it" is the last body named in
    # the narration, at the top. (The lookups behind this are filled once per article;
    # before, each quotation walked back over every earlier one and rescanned the text.)
    parts = ["Lisa Moreno, a nurse at the clinic, spoke to reporters on Monday. The Kremlin declined to comment."]
    for i in range(2000):
        if i == 1500:
            parts.append("Tara Singh, her colleague, paused.")
        parts.append(f"“Done. Ann Price and Vladimir Putin told NPR about it {i} times,” she said.")
    parts.append("“We are done,” it added.")
    parts.append("“Rest now,” she said.")
    qs = extract_quotes(Article.from_text(sep.join(parts), id="long") if sep == "\n\n" else sep.join(parts))
    assert len(qs) == 2002
    assert [q.speaker for q in qs] == ["Lisa Moreno"] * 1500 + ["Tara Singh"] * 500 + ["Russia", "Tara Singh"]
    assert {(q.speaker_text, q.cue, q.kind) for q in qs} == {("she", "said", "full"), ("it", "added", "full")}
    assert qs[-1].text == "Rest now" and qs[1500].text.endswith(" 1500 times")


@pytest.mark.parametrize("sep", ["\n\n", " "], ids=["paragraphs", "one-paragraph"])
def test_surnames_resolve_to_full_names_with_many_speakers(sep):
    # An interview transcript with 300 different speakers, each introduced by full name and
    # then quoted by surname: every quotation goes to the full name. Past a few names the
    # text's words are indexed once instead of scanned again for each surname; the
    # surnames include an apostrophe, a hyphen and a no-break space before them.
    def speaker(i: int) -> tuple[str, str]:
        letters = "".join(chr(ord("a") + (i // 26 ** k) % 26) for k in range(3))
        last = ["Q" + letters, "O'Q" + letters, "Q" + letters + "-Lund"][i % 3]
        return "Anna" + letters, last

    parts = []
    for i in range(300):
        first, last = speaker(i)
        space = "\u00a0" if i % 5 == 0 else " "
        parts.append(f"{first}{space}{last} works at the port.")
        parts.append(f"“The ships are late,” {last} said.")
    qs = extract_quotes(Article.from_text(sep.join(parts), id="many") if sep == "\n\n" else sep.join(parts))
    assert len(qs) == 300
    assert [q.speaker for q in qs] == [" ".join(speaker(i)) for i in range(300)]
    assert [q.speaker_text for q in qs] == [speaker(i)[1] for i in range(300)]


@pytest.mark.parametrize("token", ["Delaney", "O'Brien", "Ray-Lund", "Zed", "Ann", "D.C."])
def test_word_index_finds_what_the_scan_finds(token):
    from newsframe.quotes import _spaced_occurrences, _spaced_words

    text = ("Ann Delaney met O'Brien and Delaney-Ray, then Delaney.\u00a0Delaney and Ray-Lund"
            " saw Ann\u00a0Delaney, Zed Ann-Marie and O'Brien's son in Washington, D.C. today. Delaney")
    scan = list(_spaced_occurrences(text, token, None))
    assert list(_spaced_occurrences(text, token, _spaced_words(text))) == scan
    assert all(text[q - 1] in " \u00a0" and text.startswith(token, q) for q in scan)
