"""Separate a page's story from its chrome: the rules behind :func:`newsframe.ingest.load_article`.

Text saved from a web page holds the story *and* the page around it: navigation,
search prompts, section labels, image captions and credits, share widgets, author
boxes. :func:`parse` keeps the story's paragraphs (with the subheading each falls
under), picks out headline, section, author and date, and records every dropped line
with the name of the rule that dropped it (see :data:`RULES`).

The rules are general — line shape, punctuation, position relative to the main block
of prose, and short lists of widget words — never strings of one particular page.

Examples
--------
>>> page = "Menu\\n\\nSearch\\n\\nA Big Headline About Things\\n\\n" + \\
...     "The story starts here and it runs for a good many words indeed. It has two sentences.\\n\\n" + \\
...     "Share this article\\n"
>>> p = parse(page, "txt")
>>> p.title, [t for t, _ in p.paragraphs]
('A Big Headline About Things', ['The story starts here and it runs for a good many words indeed. It has two sentences.'])
>>> sorted({r.rule for r in p.removed})
['before-story', 'headline', 'share-widget']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Parsed", "parse", "RULES"]

#: Every rule that can drop a line, with what it means (shown in notebooks and docs).
RULES: dict[str, str] = {
    "navigation": "menu, search prompt, 'skip to content', sign-in/subscribe and similar site navigation",
    "share-widget": "share/follow/comment buttons and social-network names",
    "caption": "an image caption: a short line next to an image credit, or an image placeholder",
    "image-credit": "a photo/image credit line (Image:, Photo:, Credit:, Getty Images, AP Photo…)",
    "headline": "the headline, kept as Article.title, not as body text",
    "section": "the section or column label above the headline, kept as Article.section",
    "byline": "a 'By …' / 'Written By' line, kept as Article.author",
    "dateline": "a date or 'Updated …' line, kept as Article.published when parseable",
    "author-bio": "an author box: '<Name> is a …' biography paragraph after the story",
    "subheading": "a subheading inside the story, kept as Article.subheadings",
    "list-item": "a bulleted link list (menus, related stories)",
    "promo": "related-stories, newsletter, advertisement and 'read more' promotions",
    "before-story": "a short line above the main block of prose",
    "after-story": "a line below the main block of prose (footer, comments, related links)",
    "short-line": "a short line without final punctuation inside the story area",
    "markup": "markup that is not text (HTML/Markdown syntax, images)",
    "duplicate": "a line that repeats the headline or an earlier paragraph",
}


@dataclass(slots=True)
class Parsed:
    """What :func:`parse` found: paragraphs as ``(text, subheading)`` pairs plus metadata."""

    paragraphs: list[tuple[str, str | None]] = field(default_factory=list)
    title: str | None = None
    section: str | None = None
    author: str | None = None
    published: str | None = None
    removed: list = field(default_factory=list)  # list[RemovedLine]


# --------------------------------------------------------------------------- line tests

_NAV = re.compile(
    r"^(connect with us|follow us|hi,? what are you looking for\??|search( for)?( this site| news)?\.{0,3}|"
    r"type (your )?search.*|menu|main menu|skip to (main )?content|sign in|log ?in|register|subscribe( now)?|"
    r"subscribesign in|home|close|toggle navigation|navigation|open menu|back to top|newsletter sign[- ]?up|"
    r"sections|more|advertisement|ad|sponsored( content)?|accept( all)? cookies.*|we use cookies.*)$",
    re.I,
)
_SHARE = re.compile(
    r"^((share|tweet|email|print|copy link|comment|comments|save|follow)( (this|on|us|article|story|the story|link))*"
    r"|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|instagram|youtube|flipboard|email this|"
    r"share on \w+|share this (article|story|page)|follow us on .*|\d+ comments?)[:.!]?$",
    re.I,
)
_CREDIT = re.compile(
    r"^((image|photo|photograph|picture|illustration|video|graphic)s?( credit)?\s*(:|by)|credit\s*:|"
    r"\(?(photo|image) (by|courtesy|credit)|.*\b(getty images|shutterstock|ap photo|afp via getty|reuters/|"
    r"epa-efe|creative commons|wikimedia commons)\b.*$)",
    re.I,
)
_BYLINE = re.compile(r"^(written by|by|posted by|words by|story by)\s*:?\s*(?P<name>.*)$", re.I)
_DATE = re.compile(
    r"^(published|updated|posted|last updated|first published)?\s*:?\s*(on\s+)?"
    r"((mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"([\s,]+(at\s+)?\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?\s*([A-Z]{2,4})?)?\.?$",
    re.I,
)
_PROMO = re.compile(
    r"^(related( stories| articles| coverage)?|read more|read next|more from .*|recommended( for you)?|"
    r"most (popular|read)( articles)?|trending( now)?|you may also like|sign up for .*newsletter.*|"
    r"don'?t miss.*|watch:.*|listen:.*|see also:.*|click here.*|continue reading.*)$",
    re.I,
)
_BIO = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s+(is|was|has been|serves as|covers|writes)\s+"
    r"(a|an|the|about|for|on)?\s*",
)
_BIO_WORDS = re.compile(
    r"\b(analyst|author|columnist|contributor|correspondent|editor|fellow|journalist|reporter|writer|"
    r"professor|researcher|his work|her work|their work|follow (him|her|them)|has written)\b",
    re.I,
)
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_prose(line: str) -> bool:
    n = _words(line)
    if n >= 25:
        return True
    return n >= 7 and bool(_TERMINAL.search(line))


def _chrome_rule(line: str) -> str | None:
    s = line.strip().strip("|•·*►▶>-–— \t")
    if not s:
        return "markup"
    if _NAV.match(s):
        return "navigation"
    if _SHARE.match(s):
        return "share-widget"
    if _PROMO.match(s):
        return "promo"
    if _words(s) <= 14 and _CREDIT.match(s):
        return "image-credit"
    if line.lstrip().startswith(("•", "* ", "- ", "· ")) and _words(s) <= 12:
        return "list-item"
    if re.fullmatch(r"\[[^\]]*\]|!\[[^\]]*\]\([^)]*\)|https?://\S+", s):
        return "markup"
    return None


def _looks_like_heading(line: str) -> bool:
    s = line.strip()
    n = _words(s)
    if not (1 <= n <= 16) or len(s) > 140:
        return False
    if re.search(r"[.!,;]$", s):  # headings rarely end with . , ;  (a question mark is allowed)
        return False
    return s[0].isupper() or s[0].isdigit() or s[0] in "\"“'‘"


# --------------------------------------------------------------------------- plain text

def _blocks(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their 1-based line numbers (one unit per line).

    Web-page text (a browser's copy or a text-mode dump) puts one paragraph on a line;
    lines of hard-wrapped text (every line of a block ending mid-sentence) are joined.
    """
    out: list[tuple[int, str]] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        start = i
        block = [line]
        # join hard-wrapped continuation lines: a line of ~60–80 chars not ending a sentence,
        # followed by a non-blank line that starts in lower case
        while (
            i + 1 < len(lines)
            and lines[i + 1].strip()
            and 55 <= len(lines[i].rstrip()) <= 100
            and not _TERMINAL.search(lines[i].rstrip())
            and lines[i + 1].strip()[:1].islower()
        ):
            i += 1
            block.append(lines[i].strip())
        out.append((start + 1, " ".join(block)))
        i += 1
    return out


def _main_span(units: list[tuple[int, str]]) -> tuple[int, int]:
    """Indices [a, b) of the densest run of prose (maximum-sum segment)."""
    best, best_a, best_b = 0.0, 0, 0
    cur, cur_a = 0.0, 0
    for i, (_, line) in enumerate(units):
        if _is_prose(line) and _chrome_rule(line) is None:
            score = float(_words(line))
        elif _chrome_rule(line) is not None:
            score = -12.0
        else:
            score = -4.0 if _looks_like_heading(line) else -8.0
        if cur <= 0:
            cur, cur_a = score, i
        else:
            cur += score
        if cur > best:
            best, best_a, best_b = cur, cur_a, i + 1
    return best_a, best_b


def _parse_txt(text: str, *, markdown: bool = False) -> Parsed:
    from newsframe.ingest import RemovedLine

    out = Parsed()
    units = _blocks(text)
    if markdown:
        return _parse_md(units)
    if not units:
        return out
    a, b = _main_span(units)
    if b <= a:
        out.removed = [RemovedLine(n, s, _chrome_rule(s) or "short-line") for n, s in units]
        return out

    # --- before the story: headline, section, byline, date, captions, navigation
    before = units[:a]
    credit_idx = {i for i, (_, s) in enumerate(before) if _chrome_rule(s) == "image-credit"}
    caption_idx = {i - 1 for i in credit_idx if i - 1 >= 0 and i - 1 not in credit_idx} | {
        i + 1 for i in credit_idx if i + 1 < len(before) and i + 1 not in credit_idx and not _is_prose(before[i + 1][1])
    }
    title_i = None
    candidates = [
        i for i, (_, s) in enumerate(before)
        if i not in credit_idx and i not in caption_idx and _chrome_rule(s) is None
        and _looks_like_heading(s) and _words(s) >= 3 and not _DATE.match(s) and not _BYLINE.match(s)
    ]
    if candidates:
        recent = [i for i in candidates if i >= len(before) - 8] or candidates[-3:]
        title_i = max(recent, key=lambda i: (_words(before[i][1]), i))
        out.title = before[title_i][1]
    for i, (n, s) in enumerate(before):
        rule = _chrome_rule(s)
        if i == title_i:
            rule = "headline"
        elif i in credit_idx:
            rule = "image-credit"
        elif i in caption_idx:
            rule = "caption"
        elif rule is None and (m := _BYLINE.match(s)) and m.group("name") and _words(m.group("name")) <= 6:
            rule = "byline"
            out.author = out.author or m.group("name").strip()
        elif rule is None and _DATE.match(s):
            rule = "dateline"
            out.published = out.published or _iso_date(s)
        elif rule is None and title_i is not None and i == title_i - 1 and _words(s) <= 4:
            rule = "section"
            out.section = s
        elif rule is None:
            rule = "before-story"
        out.removed.append(RemovedLine(n, s, rule))

    # --- the story: paragraphs, subheadings, captions inside, trailing bio
    body = units[a:b]
    # drop a trailing author box: bio paragraphs ("<Name> is a … analyst"), with any
    # "Written By"/byline or short label lines between them
    end = len(body)
    k = end
    has_bio = False
    while k > 0:
        s = body[k - 1][1]
        m = _BIO.match(s)
        if m and _BIO_WORDS.search(s):
            has_bio = True
            out.author = out.author or m.group("name")
        elif not (_BYLINE.match(s) or (not _is_prose(s) and _words(s) <= 4)):
            break
        k -= 1
    if has_bio:
        end = k
    sub: str | None = None
    for j, (n, s) in enumerate(body[:end]):
        rule = _chrome_rule(s)
        nxt = body[j + 1][1] if j + 1 < end else ""
        if rule == "image-credit" or (rule is None and _CREDIT.match(nxt or "") and _words(nxt) <= 14 and not _is_prose(s)):
            out.removed.append(RemovedLine(n, s, "image-credit" if rule else "caption"))
            continue
        if rule is not None:
            out.removed.append(RemovedLine(n, s, rule))
            continue
        if _is_prose(s):
            out.paragraphs.append((s, sub))
        elif _looks_like_heading(s) and nxt and _is_prose(nxt):
            sub = s
            out.removed.append(RemovedLine(n, s, "subheading"))
        elif _words(s) >= 5 and _TERMINAL.search(s):
            out.paragraphs.append((s, sub))
        else:
            out.removed.append(RemovedLine(n, s, "short-line"))
    for n, s in body[end:]:
        out.removed.append(RemovedLine(n, s, "byline" if _BYLINE.match(s) else "author-bio"))

    # --- after the story
    for n, s in units[b:]:
        rule = _chrome_rule(s)
        if rule is None and (m := _BYLINE.match(s)):
            rule = "byline"
            if m.group("name") and _words(m.group("name")) <= 6:
                out.author = out.author or m.group("name").strip()
        elif rule is None and _BIO.match(s) and _BIO_WORDS.search(s):
            rule = "author-bio"
            out.author = out.author or _BIO.match(s).group("name")  # type: ignore[union-attr]
        out.removed.append(RemovedLine(n, s, rule or "after-story"))
    out.removed.sort(key=lambda r: r.line)
    return out


def _iso_date(s: str) -> str | None:
    try:
        from dateutil import parser as dparser

        cleaned = re.sub(r"^(published|updated|posted|last updated|first published)\s*:?\s*(on\s+)?", "", s, flags=re.I)
        return dparser.parse(cleaned, fuzzy=True).date().isoformat()
    except Exception:  # noqa: BLE001 - a date we cannot read is simply unknown
        return None


# --------------------------------------------------------------------------- markdown

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _md_inline(s: str) -> str:
    s = _MD_LINK.sub(lambda m: m.group(1), s)
    s = _MD_EMPH.sub(lambda m: m.group(2), s)
    return s.strip()


def _parse_md(units: list[tuple[int, str]]) -> Parsed:
    from newsframe.ingest import RemovedLine

    out = Parsed()
    sub: str | None = None
    front = False
    for n, raw in units:
        s = raw.strip()
        if n == 1 and s == "---":
            front = True
            out.removed.append(RemovedLine(n, s, "markup"))
            continue
        if front:
            out.removed.append(RemovedLine(n, s, "markup"))
            if s == "---":
                front = False
            elif m := re.match(r"^(title|author|section|published|date)\s*:\s*(.+)$", s, re.I):
                key = m.group(1).lower()
                val = m.group(2).strip().strip("\"'")
                if key == "date":
                    key = "published"
                if getattr(out, key) is None:
                    setattr(out, key, val)
            continue
        if re.fullmatch(r"!\[[^\]]*\]\([^)]*\)", s) or re.fullmatch(r"[-*_]{3,}", s):
            out.removed.append(RemovedLine(n, s, "markup"))
            continue
        if m := re.match(r"^(#{1,6})\s+(.*?)\s*#*$", s):
            level, head = len(m.group(1)), _md_inline(m.group(2))
            if level == 1 and out.title is None:
                out.title = head
                out.removed.append(RemovedLine(n, s, "headline"))
            else:
                sub = head
                out.removed.append(RemovedLine(n, s, "subheading"))
            continue
        if (m := _BYLINE.match(_md_inline(s))) and m.group("name") and _words(m.group("name")) <= 6 and not out.paragraphs:
            out.author = out.author or m.group("name").strip()
            out.removed.append(RemovedLine(n, s, "byline"))
            continue
        clean = _md_inline(re.sub(r"^\s*(>|[-*+]|\d+\.)\s+", "", s))
        rule = _chrome_rule(clean)
        if rule is not None and rule not in ("list-item",):
            out.removed.append(RemovedLine(n, s, rule))
            continue
        out.paragraphs.append((clean, sub))
    return out


# --------------------------------------------------------------------------- HTML

def _parse_html(html: str) -> Parsed:
    from newsframe.ingest import RemovedLine

    import trafilatura
    from lxml import etree

    out = Parsed()
    xml = trafilatura.extract(
        html, output_format="xml", include_comments=False, include_tables=False, include_images=False,
        include_formatting=False, include_links=False, with_metadata=True, deduplicate=False,
    )
    if not xml:
        return out
    root = etree.fromstring(xml.encode("utf-8"))
    out.title = root.get("title") or None
    out.author = root.get("author") or None
    out.published = root.get("date") or None
    out.section = (root.get("categories") or "").split(";")[0].strip() or None
    main = root.find("main")
    sub: str | None = None
    elems = main.iter("head", "p", "item", "quote", "cell") if main is not None else []
    for el in elems:
        s = " ".join("".join(el.itertext()).split())
        if not s:
            continue
        if el.tag == "head":
            if out.title and s == out.title:
                out.removed.append(RemovedLine(0, s, "duplicate"))
            else:
                sub = s
                out.removed.append(RemovedLine(0, s, "subheading"))
            continue
        if out.title and s == out.title:
            out.removed.append(RemovedLine(0, s, "duplicate"))
            continue
        rule = _chrome_rule(s)
        if rule in ("navigation", "share-widget", "image-credit", "promo"):
            out.removed.append(RemovedLine(0, s, rule))
            continue
        out.paragraphs.append((s, sub))
    return out


# --------------------------------------------------------------------------- entry point

def parse(text: str, fmt: str, *, source: str = "") -> Parsed:
    """Split page text into story paragraphs, metadata and removed chrome.

    Parameters
    ----------
    text : str
        The decoded page (``\\n`` line ends).
    fmt : {"txt", "md", "html"}
        How to read it.
    source : str
        The file name, for messages.

    Returns
    -------
    Parsed
    """
    if fmt == "txt":
        return _parse_txt(text)
    if fmt == "md":
        return _parse_txt(text, markdown=True)
    if fmt == "html":
        return _parse_html(text)
    raise ValueError(f"fmt must be one of 'txt', 'md', 'html', not {fmt!r}")
