"""Page-chrome rules: line shapes, the main-block search, Markdown and HTML parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsframe import chrome
from newsframe.chrome import RULES, RemovedLine, parse

DATA = Path(__file__).parent / "data" / "ingest"


def story(p: chrome.Parsed) -> list[str]:
    return [t for t, _ in p.paragraphs]


def accounted(text: str, parsed: chrome.Parsed) -> None:
    """Every non-blank source line is a paragraph (or part of one) or a removed line with a known rule."""
    removed = {r.line for r in parsed.removed}
    body = "\n".join(story(parsed))
    for n, line in enumerate(text.split("\n"), 1):
        s = line.strip()
        if s and n not in removed:
            assert chrome._BULLET.sub("", s) in body, f"line {n} {s!r} vanished"
    for r in parsed.removed:
        assert r.rule in RULES
        assert isinstance(r, RemovedLine) and r.text.strip()


# --------------------------------------------------------------------------- line rules

@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Connect with us", "navigation"),
        ("Hi, what are you looking for?", "navigation"),
        ("Skip to main content", "navigation"),
        ("Share this article", "share-widget"),
        ("Facebook", "share-widget"),
        ("1.2k shares", "share-widget"),
        ("5 min read", "share-widget"),
        ("Image: Creative Commons.", "image-credit"),
        ("Photo: Jane Doe/Reuters", "image-credit"),
        ("(Image credit: NASA)", "image-credit"),
        ("Natalie Naccache | Bloomberg | Getty Images", "image-credit"),
        ("In this photo issued by the agency, the minister arrives in Rome on Tuesday.", "caption"),
        ("Related stories", "related"),
        ("You may also like", "related"),
        ("Most Popular", "related"),
        ("12 comments", "comments"),
        ("Leave a Reply", "comments"),
        ("10 thoughts on “How We Built the Bridge”", "comments"),
        ("© 2024 Example News. All rights reserved.", "footer"),
        ("Copyright 2024 Example News", "footer"),
        ("Copyright © Example News.", "footer"),
        ("Copyright Example News Ltd 2024.", "footer"),
        ("Example News Ltd. All rights reserved | Privacy", "footer"),
        ("Privacy Policy", "footer"),
        ("Sign up for our daily newsletter", "promo"),
        ("Keep an eye on your inbox for the latest sports news.", "promo"),
        ("Continue reading »", "promo"),
        ("This image provided by NASA shows the plume over the moon's south pole.", "caption"),
        ("READ MORE: Storm closes schools", "promo"),
        ("Council votes on budget [VIDEO]", "promo"),
        ("Tags: politics, budget", "tags"),
        ("[https://example.org/img.jpg]", "markup"),
        ("[                    ][Search]", "markup"),
        ("━━━━━━━━━━━━", "markup"),
        ("https://example.org/story", "markup"),
        ("Staff Writer", "byline"),
        ("About the author", "author-bio"),
        ("(Reporting by Will Dunham; Editing by Tom Brown)", "wire-credit"),
        ("(Additional reporting by Ann Lee in Lisbon; writing by Bo Chan; Editing by Ron Ask)", "wire-credit"),
        ("Fox News’ Jessica Napoli contributed to this report.", "wire-credit"),
        ("Keith Bradsher contributed reporting from Hong Kong.", "wire-credit"),
        ("Reporting by Ann Lee; Editing by Bo Chan", "wire-credit"),
        ("Copyright 2011 The Associated Press. All rights reserved. This material may not be published, broadcast, "
         "rewritten or redistributed.", "footer"),
    ],
)
def test_chrome_rule_by_line_shape(line, rule):
    assert chrome._chrome_rule(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "The two met at the Vostochny Cosmodrome in the Russian Far East.",
        "North Korea Interested in Russian Satellite Technology",
        "Officials said the joints had worn faster than expected.",
        "“Russia, as one of the world’s leaders in nuclear technologies, can help,” she told Fox News Digital.",
        "The photographer said she had waited all night for the light.",
        "Share prices fell sharply on Monday after the central bank raised rates again.",
        "Comments from the minister drew criticism from the opposition parties.",
        "Prices rose sharply and the government now wants to borrow more.",
        "He said he would not sign up for the plan.",
        "The newsletter was sent to all staff on Monday, officials said.",
        "“We told you to subscribe,” he said of the service, which now has 3 million users.",
        "Getty Images said the photo was fake.",
        "The photos were taken by a tourist on Monday.",
        "More than 100 people were injured.",
        "Next year the tax will rise again.",
        "(The vote, reported by local media, was close.)",
        "The report was edited by the committee before it was published.",
        "She contributed to the report's findings, officials said.",
        "Writing by hand is a dying art.",
        "Copyright law changed in 2011, the court said.",
        "Officials said all rights reserved by the state would lapse.",
        "She contributed to this report's findings, officials said.",
    ],
)
def test_story_lines_are_not_chrome(line):
    assert chrome._chrome_rule(line) is None


def test_every_rule_is_documented():
    assert all(isinstance(k, str) and v for k, v in RULES.items())
    assert {"navigation", "share-widget", "caption", "image-credit", "headline", "section", "byline",
            "author-bio", "subheading"} <= set(RULES)


def test_words_counts_cjk_characters():
    assert chrome._words("one two three") == 3
    assert chrome._words("这是一个很长的中文句子没有空格") >= 6


# --------------------------------------------------------------------------- plain text

def test_module_example_page():
    page = ("Menu\n\nSearch\n\nA Big Headline About Things\n\n"
            "The story starts here and it runs for a good many words indeed. It has two sentences.\n\n"
            "Share this article\n")
    p = parse(page, "txt")
    assert p.title == "A Big Headline About Things"
    assert story(p) == ["The story starts here and it runs for a good many words indeed. It has two sentences."]
    accounted(page, p)


def test_synthetic_page_structure():
    text = (DATA / "harbour-page.txt").read_text(encoding="utf-8")
    p = parse(text, "txt")
    assert p.title == "Harbour Bridge Repairs Will Close Two Lanes Until Spring"
    assert p.section == "Local News"
    assert p.author == "Maria Okafor"
    assert p.published == "2024-03-03"
    assert len(p.paragraphs) == 7
    assert [s for _, s in p.paragraphs] == [None] * 3 + ["What drivers should expect"] * 2 + [
        "Local shops worry about lost trade"] * 2
    body = "\n".join(story(p))
    for chrome_text in ("Skip to", "Menu", "Tweet", "Photo:", "steel deck", "is a reporter", "Related", "Port expansion",
                        "comment", "Great news", "©", "Privacy"):
        assert chrome_text not in body
    rules = {r.text: r.rule for r in p.removed}
    assert rules["Photo: City Transport Department"] == "image-credit"
    assert rules["The bridge's steel deck was last replaced in 1987."] == "caption"
    assert rules["12 comments"] == "comments"
    assert rules["Maria Okafor is a reporter covering transport and city politics. She has written for the paper "
                 "since 2015."] == "author-bio"
    accounted(text, p)


def test_main_block_survives_an_inline_related_box():
    para = "The minister said the plan would be published next week and debated in parliament. " * 2
    text = "\n\n".join(["Budget Plan Delayed Again", para, "Related articles", "  • Earlier: budget row",
                        para.replace("minister", "mayor"), para.replace("minister", "governor")])
    p = parse(text, "txt")
    assert len(p.paragraphs) == 3


def test_comments_section_is_not_story():
    para = "The minister said the plan would be published next week and debated in parliament. " * 4
    comments = [f"Reader {k} thinks this is a terrible idea and the minister should resign right away. " * 5
                for k in range(3)]
    text = "\n\n".join(["Budget Plan Delayed Again", para, para.upper(), "3 Comments", *comments])
    p = parse(text, "txt")
    assert len(p.paragraphs) == 2
    assert all("resign" not in t for t in story(p))


def test_dated_teasers_below_the_story_are_not_story():
    para = "The minister said the plan would be published next week and debated in parliament. " * 3
    teasers = []
    for k in range(6):
        teasers += [f"        Another Headline Number {k}", "        Some Author", "        November 19, 2019",
                    f"        A teaser sentence for the other story number {k} that runs on for a good many words "
                    "to look like prose, and then it goes on and on about the other story with more and more "
                    "words until it is about as long as a real paragraph of a real story."]
    story_paras = [para, para.upper(), para.lower(), para.replace("minister", "mayor")]
    text = "\n\n".join(["Budget Plan Delayed Again", *story_paras, "Elsewhere on the site", *teasers])
    p = parse(text, "txt")
    assert len(p.paragraphs) == 4
    assert all("teaser" not in t for t in story(p))


def test_text_table_rows_are_story():
    rows = [f"{k}     Driver Number{k}        {5000 - k * 7}      {k % 3}" for k in range(1, 9)]
    text = "\n\n".join(["Final Standings After the Season", "Here are the final standings of the championship "
                         "after all thirty-six races of the season:", "Pos.  Driver        Points   Wins", *rows,
                         "The champion was decided in the last race of the year in front of a full grandstand."])
    p = parse(text, "txt")
    table = [t for t in story(p) if " | " in t]
    assert len(table) == 9 and table[1] == "1 | Driver Number1 | 4993 | 1"


def test_page_without_prose_has_no_story():
    p = parse("Home\n\nNews\n\nSport\n\nContact us\n", "txt")
    assert p.paragraphs == []
    assert len(p.removed) == 4


def test_empty_text():
    p = parse("", "txt")
    assert p.paragraphs == [] and p.removed == []


def test_hard_wrapped_lines_are_joined():
    text = ("A Headline for the Wrapped Story\n\n"
            "This paragraph was wrapped by an old mail program at about seventy\n"
            "characters per line, so its sentences continue on the next line and\n"
            "must be joined back into one paragraph before anything else happens.\n")
    p = parse(text, "txt")
    assert len(p.paragraphs) == 1
    assert "seventy characters" in p.paragraphs[0][0]


def test_parse_is_deterministic():
    text = (DATA / "harbour-page.txt").read_text(encoding="utf-8")
    assert parse(text, "txt") == parse(text, "txt")


def test_bad_format():
    with pytest.raises(ValueError, match="'txt', 'md', 'html'"):
        parse("text", "pdf")


# --------------------------------------------------------------------------- seed article

def test_seed_without_sidecar(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    p = parse(text, "txt")
    assert p.title == "North Korea and Russia Now Look Like Real Allies"
    assert p.section == "The Embassy"
    assert p.author == "John Rossomando"
    assert len(p.paragraphs) == 17
    assert list(dict.fromkeys(s for _, s in p.paragraphs if s)) == [
        "North Korea Interested in Russian Satellite Technology",
        "Kim, Putin Promise Closer Cooperation",
        "Closer Military Cooperation Expected",
    ]
    rules = {r.line: r.rule for r in p.removed}
    assert rules == {1: "navigation", 3: "navigation", 5: "section", 7: "headline", 9: "caption",
                     10: "image-credit", 20: "subheading", 34: "subheading", 42: "subheading",
                     52: "author-bio", 54: "author-bio", 56: "author-bio"}
    accounted(text, p)


# --------------------------------------------------------------------------- Markdown

def test_markdown_fixture():
    text = (DATA / "harbour-page.md").read_text(encoding="utf-8")
    p = parse(text, "md")
    assert p.title == "Harbour Bridge Repairs Will Close Two Lanes Until Spring"
    assert p.author == "Maria Okafor"
    assert p.published == "2024-03-03"
    assert p.section == "Local News"
    first = p.paragraphs[0][0]
    assert first.startswith("The city will close two lanes of the Harbour Bridge from Monday")
    assert "**" not in first and "](" not in first and "transport department said" in first
    assert [s for _, s in p.paragraphs].count("What drivers should expect") == 4
    assert p.paragraphs[-1] == ("Owners of businesses near the northern ramp said they feared customers would stay "
                                "away.", "Local shops worry")
    assert {r.rule for r in p.removed} == {"markup", "headline", "byline", "subheading"}


def test_wire_tail_after_the_last_sentence_is_not_story():
    body = ("The council approved the budget on Tuesday after a long debate about the harbour bridge and its costs. "
            "(Reporting by Ann Lee; Editing by Bo Chan) The vote was close.")
    last = ("Repairs start in spring and will take two years, the transport department said in a statement on Monday. "
            "The Associated Press contributed to this report. Copyright 2011 The Associated Press. All rights reserved. "
            "This material may not be published, broadcast, rewritten or redistributed.")
    text = f"Bridge Repairs Approved\n\n{body}\n\n{last}\n"
    p = parse(text, "txt")
    assert story(p) == [body, "Repairs start in spring and will take two years, the transport department said in a "
                              "statement on Monday."]  # only the story's end is read for a tail
    tail = [(r.line, r.rule, r.text) for r in p.removed if r.line == 5]
    assert tail == [(5, "wire-credit", "The Associated Press contributed to this report."),
                    (5, "footer", "Copyright 2011 The Associated Press."), (5, "footer", "All rights reserved."),
                    (5, "footer", "This material may not be published, broadcast, rewritten or redistributed.")]
    assert [r.line for r in p.removed] == sorted(r.line for r in p.removed)
    accounted(text, p)
    # a story's own last sentence stays: a copyright sentence needs © or "Copyright" and a year
    for end in ("Copyright law changed in 2011.", "Officials said all rights reserved by the state would lapse.",
                "(Reporting was thin, he said.)", "Writing by hand is a dying art.",
                "She contributed to this report's findings."):
        assert chrome._wire_tail(f"Prices rose. {end}") == (f"Prices rose. {end}", [])


def test_wire_credit_paragraphs_are_not_story_in_markdown_and_html():
    md = parse("# Bridge Repairs Approved\n\nThe council approved the budget on Tuesday.\n\n"
               "(Reporting by Ann Lee; Editing by Bo Chan)\n", "md")
    assert story(md) == ["The council approved the budget on Tuesday."]
    assert [(r.line, r.rule) for r in md.removed] == [(1, "headline"), (5, "wire-credit")]
    one = " ".join(["The council approved the budget on Tuesday after a long debate about the bridge."] * 3)
    two = " ".join(["Repairs start in spring and will take two years, the transport department said."] * 3)
    html = parse(f"<html><body><article><h1>Bridge Repairs Approved</h1><p>{one}</p><p>{two}</p>"
                 "<p>Ann Lee contributed to this report.</p></article></body></html>", "html")
    assert story(html) == [one, two]
    assert ("wire-credit", "Ann Lee contributed to this report.") in [(r.rule, r.text) for r in html.removed]


def test_markdown_code_block_is_markup():
    p = parse("# T\n\n```\ncode here\n```\n\nReal text.\n", "md")
    assert story(p) == ["Real text."]


# --------------------------------------------------------------------------- HTML

def test_html_fixture():
    p = parse((DATA / "harbour-page.html").read_text(encoding="utf-8"), "html")
    assert p.title.startswith("Harbour Bridge Repairs Will Close Two Lanes Until Spring")
    assert p.author == "Maria Okafor"
    assert p.published == "2024-03-03"
    assert len(p.paragraphs) == 7
    assert [s for _, s in p.paragraphs][3:] == ["What drivers should expect"] * 2 + [
        "Local shops worry about lost trade"] * 2
    body = "\n".join(story(p))
    for chrome_text in ("Home", "Search", "Related", "Port expansion", "©", "Privacy"):
        assert chrome_text not in body


def test_html_without_text():
    p = parse("<html><body><nav><a href='/'>Home</a></nav></body></html>", "html")
    assert p.paragraphs == []
