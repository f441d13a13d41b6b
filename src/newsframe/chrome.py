"""Separate a page's story from its chrome: the rules behind :func:`newsframe.ingest.load_article`.

Text saved from a web page holds the story *and* the page around it: navigation,
search prompts, section labels, image captions and credits, share widgets, author
boxes, related links, comments and footers. :func:`parse` keeps the story's paragraphs
(with the subheading each falls under), picks out headline, section, author and date,
and records every dropped line with the name of the rule that dropped it (see
:data:`RULES`).

The rules are general — line shape, punctuation, position relative to the main block
of prose, and short lists of widget words — never strings of one particular page.
For plain text the story is the run of lines with the largest sum of *prose weight*
(the idea behind body-text extraction, Finn et al. 2001): a sentence-like line counts
its words; a short line, a bullet or a widget line costs a little; a heading that ends
a story ("Related stories", "Most popular", "About the author", © lines) costs a lot
unless prose resumes right after it; a comments heading or a dated teaser card after
the story closes it. Byline and date lines near the top of that run move its start
below them. Inside it, captions, credits and widgets are dropped, short lines followed
by content become subheadings, aligned columns become table rows, and a trailing
"<Name> is a … writer" paragraph starts the author box. Above it the headline, section,
byline and date are picked out.
For HTML, trafilatura (Barbaresi 2021) finds the main text and the same line rules
clean what it lets through. Measured on 61 news pages in ``benchmarks/bench_ingest.py``.

Examples
--------
>>> page = "Menu\\n\\nSearch\\n\\nA Big Headline About Things\\n\\n" + \\
...     "The story starts here and it runs for a good many words indeed. It has two sentences.\\n\\n" + \\
...     "Share this article\\n"
>>> p = parse(page, "txt")
>>> p.title, [t for t, _ in p.paragraphs]
('A Big Headline About Things', ['The story starts here and it runs for a good many words indeed. It has two sentences.'])
>>> [(r.line, r.rule) for r in p.removed]
[(1, 'navigation'), (3, 'navigation'), (5, 'headline'), (9, 'share-widget')]

References
----------
Finn, A., Kushmerick, N. and Smyth, B. (2001). Fact or fiction: Content classification
for digital libraries. DELOS Workshop.
Barbaresi, A. (2021). Trafilatura: A web scraping library and command-line tool for
text discovery and extraction. ACL-IJCNLP: System Demonstrations, 122–131.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["Parsed", "RemovedLine", "parse", "RULES", "FORMATS"]

#: The formats :func:`parse` reads.
FORMATS: tuple[str, ...] = ("txt", "md", "html")

#: Every rule that can drop a line, with what it means (shown in notebooks and docs).
RULES: dict[str, str] = {
    "navigation": "menu, search prompt, 'skip to content', sign-in/subscribe and similar site navigation",
    "share-widget": "share/follow/comment buttons, share counts and social-network names",
    "caption": "an image caption: a line grouped with an image credit, or repeated right after itself",
    "image-credit": "a photo/image credit line (Image:, Photo:, Credit:, Getty Images, AP Photo…)",
    "headline": "the headline, kept as Article.title, not as body text",
    "section": "the section or column label above the headline, kept as Article.section",
    "byline": "a 'By …' / 'Written By' line, kept as Article.author",
    "dateline": "a date or 'Updated …' line, kept as Article.published when parseable",
    "standfirst": "the summary sentence between headline and byline/date (not the story)",
    "author-bio": "an author box: '<Name> is a …' biography paragraph after the story",
    "subheading": "a subheading inside the story, kept as Article.subheadings",
    "list-item": "a bulleted link list outside the story (menus, related stories)",
    "promo": "newsletter, subscription, advertisement, app and 'read more' promotions",
    "related": "the heading of a related/recommended/most-read list that ends the story",
    "comments": "reader comments and comment-form prompts",
    "footer": "copyright, legal and contact lines (also a wire story's closing copyright sentences)",
    "wire-credit": "a news agency's credit after the story: '(Reporting by …; Editing by …)', '… contributed to this report'",
    "tags": "topic/tag labels ('Tags:', 'Filed under')",
    "before-story": "a line above the main block of prose",
    "after-story": "a line below the main block of prose (footer, comments, related links)",
    "markup": "markup that is not text (image placeholders, form fields, rules, bare URLs, HTML/Markdown syntax)",
    "duplicate": "a line that repeats the headline or an earlier line",
    "short-line": "a line of a page with no block of prose at all",
}


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line of the source dropped as page chrome (or kept as metadata), and why.

    ``line`` is the 1-based line number in the decoded source (0 where the source has
    no lines, e.g. HTML). ``rule`` names the rule (a key of :data:`RULES`).
    """

    line: int
    text: str
    rule: str


@dataclass(slots=True)
class Parsed:
    """What :func:`parse` found: paragraphs as ``(text, subheading)`` pairs plus metadata."""

    paragraphs: list[tuple[str, str | None]] = field(default_factory=list)
    #: the 1-based source line of each paragraph (0 where the source has no lines, e.g. HTML)
    lines: list[int] = field(default_factory=list)
    title: str | None = None
    section: str | None = None
    author: str | None = None
    published: str | None = None
    removed: list[RemovedLine] = field(default_factory=list)


# --------------------------------------------------------------------------- line tests

_NAV = re.compile(
    r"^(connect with us|follow us|hi,? what are you looking for\??|search( for)?( this site| news| the site)?\.{0,3}|"
    r"type (your )?search.*|search (and|or) (press|hit) enter.*|menu|main menu|(skip|jump) to (main )?(content|navigation)|"
    r"sign in|sign up|log ?in|log ?out|register|subscribe( now| today)?|subscribe ?sign in|my account|account|"
    r"home( ?page)?|close|toggle navigation|navigation|open menu|close menu|back to top|top|next|previous|prev|"
    r"newsletters?( sign[- ]?up)?|sections|more|show more|load more|see more|view (all|more)|all sections|"
    r"advertisement|advertising|ad|sponsored( content)?|accept( all)?( cookies)?|"
    r"(english|international|us|uk) edition|print edition|e-?paper|today'?s paper|video|videos|podcasts?|"
    r"(you are|you're) (here|viewing)\s*:?.*|breadcrumbs?|home\s*[>/»›|].*|"
    r"startseite|suche|anmelden|início|inicio|buscar|pesquisar|accueil|rechercher|главная|поиск|beranda|cari)$",
    re.I,
)
_SHARE = re.compile(
    r"^((share|tweet|email|e-mail|print|copy( the)? link|link copied|comment|comments|save|saved|follow|like|pin( it)?|"
    r"reblog|bookmark|send)( (this|on|to|us|article|story|the story|link|via|it|page|post))*"
    r"|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|instagram|youtube|flipboard|tumblr|mastodon|"
    r"threads|bluesky|messenger|sms|email this|copied!?|link copied|teilen|compartilhe|compartilhar|compartir|"
    r"partager|condividi|поделиться|bagikan|共有|分享|share on \w+|share (this|the) (article|story|page|post)|"
    r"share your thoughts.*|follow (us )?on .*|follow \w+( \w+)? on (twitter|facebook|instagram|x|linkedin).*|"
    r"\d[\d.,]*\s*k?\s*(shares?|comments?|views?|likes?|reads?)|shares?|"
    r"\d+\s*min(ute)?s?( read)?|(\d+ )?min(ute)? read|reading time.*)[:.!]?$",
    re.I,
)
_CREDIT = re.compile(
    r"^\(?\s*((image|photo|photograph|picture|illustration|video|graphic|graphics|foto)s?( credit)?\s*(:|©|by\b)|"
    r"credits?\s*:|©|\(c\)\s|(photo|image)s? (by|courtesy|credit)|courtesy of\b|(foto|bild) von\b)"
    r"|\b(getty ?images|shutterstock|ap photo|afp via getty|reuters/|/reuters|epa-efe|creative commons|"
    r"wikimedia( commons)?|istock(photo)?|alamy|ap images|/ ?afp\b|\bafp ?/|pa images|pa wire)\b"
    r"|\((image|photo|picture|credit|source|foto)s?\s*(:|©|by\b)[^)]*\)\s*$|\b(photos?|images?|pictures?)\s*(©|\(c\))"
    r"|\((ap|afp|reuters|getty|epa|ansa|dpa|xinhua|upi|pa)( photo)?\)\s*$",
    re.I,
)
_BYLINE = re.compile(
    r"^((written|posted|words|story|reporting|reported|researched|edited|compiled|text|interview) by|by|author)"
    r"\s*:?\s*(?P<name>.*)$",
    re.I,
)
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    r"^(published|updated|posted|last updated|first published|modified|date)?\s*:?\s*(on\s+)?"
    r"((mon|tues|wednes|thurs|fri|satur|sun)day|(mon|tue|wed|thu|fri|sat|sun)\.?)?,?\s*"
    rf"({_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}(t[\d:.+z-]+)?|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4})"
    r"([\s,|•·-]+(at\s+)?\d{1,2}([:.]\d{2})?\s*([ap]\.?m\.?)?\s*([A-Z]{2,4}|gmt[+-]?\d*|utc[+-]?\d*)?)?"
    r"(\s*[|•·,-]?\s*(updated|last updated).*)?\.?$",
    re.I,
)
#: A short line saying when the story was published or updated, in any date format.
_DATE_LABEL = re.compile(
    r"^(published|updated|posted|last updated|first published|modified|date)\b\s*:?.{0,80}?"
    rf"(\b(19|20)\d{{2}}\b|\b{_MONTH}\s+\d|\b\d{{1,2}}[:.]\d{{2}}\b|\b(an?|\d+) (minutes?|hours?|days?) ago\b)",
    re.I,
)
_PROMO = re.compile(
    r"^((read|see|watch|listen|related|more|also|latest|opinion|video|photos|gallery|live|explainer|analysis|"
    r"don'?t miss|must read|recommended|trending|sponsored)( more| also| next| now)?\s*:|"
    r"read more|read next|read also|also read|see also|click here|tap here|continue reading|"
    r"don'?t miss|download (the|our) app|get (the|our) app|sign up (now|today|here|for (our|the|a free)|to (our|get|receive))|"
    r"subscribe( now| today| here| to (our|the)| for)|become a (member|subscriber)|"
    r"support (our|independent) journalism|advertisement\b|sponsored\b|promoted\b|paid (content|post)|"
    r"recommended by|join (us|our|now)\b|learn more$|anzeige$|werbung$|publicidade$|publicidad$|publicité$|"
    r"pubblicità$|реклама$|iklan$|広告$|广告$|get (our|the) (free )?newsletter|if you enjoyed this)"
    r"|((read|see|view|learn|find out) more|continue reading|read the full (story|article)|full story)\W*$"
    r"|\bmore\s*[»›>…]+\s*$"
    r"|\b(unsubscribe|no spam|free trial|subscribers? only|for subscribers|already a subscriber|"
    r"create (an|a free) account|to read the full (story|article)|sign in to (continue|read)|"
    r"log in to (continue|read)|enable javascript|ad ?blocker|turn off your ad|we use cookies|cookie (policy|settings))\b",
    re.I,
)
#: Promotion words that only count in a line addressed to the reader ("our", "your", "you").
_PROMO_ADDRESSED = re.compile(r"\b(newsletters?|inbox|sign up|subscribe|subscription|download|podcast|app)\b", re.I)
_ADDRESS = re.compile(r"\b(our|your|you|us)\b", re.I)
_QUOTE_MARK = re.compile("[\"“”«»„]")
#: Headings that start a non-story section: the story does not continue past them.
#: Headings that start a non-story section: related lists, comments. A strong one
#: (unambiguous wording) is a near-barrier for the main-block search, a weak one costs less.
_SECTION_END = re.compile(
    r"^(related( stories| articles| posts| content| coverage| news| links| reading| videos?)?|"
    r"more (stories|articles|news|coverage|videos?)( (from|on|about|in) .*)?|more from .*|more in .*|more on (this|that) .*|"
    r"recommended( (stories|articles|for you|reading))?|(you )?(may|might|will) also (like|enjoy|be interested in).*|"
    r"(most|top) (popular|read|viewed|shared|emailed|commented)( (articles|stories|now|today|this week))?|"
    r"editor'?s'? picks?|what to read next|around the web|from (our|the) partners?|from around the web|"
    r"you might like|we recommend|in case you missed it|other (stories|articles)|"
    r"mehr zum thema|das könnte sie auch interessieren|lesen sie auch|auch interessant|leia (também|mais)|"
    r"veja (também|mais)|notícias relacionadas|lea también|noticias relacionadas|à lire aussi|lire aussi|"
    r"sur le même sujet|leggi anche|читайте также|по теме|baca juga|berita terkait|関連記事|相关(文章|阅读|新闻)|"
    r"kommentare?|comentários?|comentarios?|commentaires?|commenti|комментарии|komentar|コメント|评论|"
    r"(\d+|no) (comments?|responses?|replies|thoughts on .*)|comments?( \(\d+\))?|"
    r"(leave|post|add|write|submit) (a |your )?(comment|reply|response)s?|(show|view|load|see|read) (all )?(\d+ )?comments?|"
    r"join the (conversation|discussion|debate)|reader comments|comments? (are|have been) (closed|disabled))\s*:?$",
    re.I,
)
_COMMENT_COUNT = re.compile(
    r"^(\d+|no|one|two|three|four|five|six|seven|eight|nine|ten) (comments?|responses?|replies|thoughts|reactions?)"
    r"( (on|to|for) .*)?$",
    re.I,
)
_CREDIT_LABEL = re.compile(
    r"^\(?\s*((image|photo|photograph|picture|illustration|video|graphic|graphics|foto)s?( credit)?\s*(:|©|by\b)|"
    r"credits?\s*:|©|\(c\)\s)",
    re.I,
)
_CAPTION = re.compile(
    r"^(\(?in (this|these|the) (undated |file |handout |combination |aerial |video |still |satellite )?"
    r"(photos?|images?|pictures?|frame grab|screen ?(shot|grab)|photo illustration)\b"
    r"|(this|these) (undated |file |handout |combination |aerial |satellite )?(photos?|images?|pictures?) "
    r"(shows?|provided|released|taken|made available|issued|obtained|courtesy)\b"
    r"|(file|handout) (photo|image)\b|view (all|gallery)( \(\d+\))?$|\d+ (photos|images|pictures)$|"
    r"(photo|image) \d+ (of|/) \d+)",
    re.I,
)
#: A related-link teaser labelled like "… [VIDEO]" or "… [PICTURES]".
_LINK_TAG = re.compile(r"\[(video|insight|reaction|pictures|photos|gallery|latest|live|poll|analysis|report|watch|"
                       r"listen|audio|podcast|revealed|explained|comment|opinion)\]\s*\|?\s*$", re.I)
_AGENCY_CAPS = re.compile(r"^(?=[^a-z]*$)(?=.*\b(PRESS|AP|AFP|REUTERS|GETTY|EPA|PHOTO|IMAGES?)\b).{2,80}$")
_WEAK_END = re.compile(
    r"^(popular( (now|stories|articles))?|trending( (now|stories|articles|topics))?|top stories|"
    r"latest( (news|stories|articles|headlines|videos))?|further reading|also on .*|"
    r"up next:?|next (story|article|up)|previous (story|article|post)|next post|older posts?|newer posts?|"
    r"sources?|references|bibliography|footnotes|notes|credits)\s*:?$",
    re.I,
)
_COMMENTS = re.compile(
    r"^(conversation|discussion|community guidelines|commenting policy|reply|report( abuse| comment)?|"
    r"log in to (reply|comment)|sign in to (reply|comment)|you must be logged in.*|"
    r"[\w .'-]{1,40} (says|said|wrote|commented)\s*:|cancel reply|newest|oldest|best|sort by.*)\s*[.:!]?$",
    re.I,
)
_FOOTER = re.compile(
    r"(^copyright\s*(?:©|\(c\)|:|(?:19|20)\d\d\b)|^copyright\b[^.!?]*$|^copyright\b.*\b(?:19|20)\d\d\W*$|\bsubject to copyright\b|alle rechte vorbehalten|todos os direitos reservados|"
    r"todos los derechos reservados|tous droits réservés|tutti i diritti riservati|все права защищены|\bretrieved .{0,40}\bfrom https?://|©\s*\d{4}|\(c\)\s*\d{4}|\ball rights reserved\s*(?:$|[.|·•,;:–—-])|^privacy( policy| notice)?$|"
    r"^terms( of (use|service)| (and|&) conditions)?$|^cookie (policy|settings|preferences)$|"
    r"^(contact|about|careers|jobs|advertise|help|faq|sitemap|site map|accessibility|corrections)( us)?$|"
    r"^do not sell my (personal )?info.*|^your (ad|privacy) choices$)",
    re.I,
)
#: One piece of a wire story's tail, running to the end of the text: a credit in brackets
#: ("(Reporting by Ann Lee; Editing by Bo Chan)"), "… contributed to this report", a
#: copyright sentence ("Copyright 2011 The Associated Press.", "© 2019 Reuters"), "All
#: rights reserved." or "This material may not be published, …". A copyright sentence
#: starts with © or with "Copyright" and a year.
_TAIL_PIECE = re.compile(
    r"(?:(?P<credit>\((?:additional |with |and )?(?:reporting|writing|editing|compiled|compiling|edited|written|reported)"
    r"\b[^()]{0,300}?\bby\b[^()]{0,300}\)\.?"
    r"|(?:additional |with )?(?:reporting|writing|editing) by (?-i:[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)+)[^.!?()\n]{0,300}\.?"
    r"|[A-Z][^.!?\n]{0,100}? contributed (?:reporting|to this (?:report|story|article))(?![\w'’])[^.!?\n]{0,150}[.!?]?)"
    r"|(?P<legal>(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4})[^.!?\n]{0,120}[.!?]?"
    r"|all rights reserved\b[.!?]?"
    r"|this (?:material|article|story|content) may not be (?:published|reproduced|copied|redistributed)[^.!?\n]{0,150}[.!?]?)"
    r")\s*$",
    re.I,
)
#: Where a sentence may start: after . ! ? or a closing quote or bracket, and white space.
_SENTENCE_GAP = re.compile(r"[.!?\"'”’)\]]\s+")
#: How a line that is nothing but such pieces starts (a quick test before the piece search).
_TAIL_LINE = re.compile(r"[(©]|(?:additional|with|reporting|writing|editing|copyright|all|this)\b|.*\bcontributed\b", re.I)
#: How far from the end of a text a piece may start.
_TAIL_CHARS = 400


def _wire_tail(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Split a wire story's credits and copyright notice off the end of ``text``.

    Returns the text before them and the pieces in reading order, each with its rule
    (``"wire-credit"`` or ``"footer"``). News agencies close a story with them, often in
    its last paragraph (as texts copied from agency feeds do); they are not the story.
    Each piece starts a sentence (or the text) within the last 400 characters.

    Examples
    --------
    >>> _wire_tail("Prices rose. (Reporting by Ann Lee; Editing by Bo Chan)")
    ('Prices rose.', [('(Reporting by Ann Lee; Editing by Bo Chan)', 'wire-credit')])
    >>> _wire_tail("He left. Copyright 2011 The Associated Press. All rights reserved.")[1]
    [('Copyright 2011 The Associated Press.', 'footer'), ('All rights reserved.', 'footer')]
    >>> _wire_tail("Copyright law changed in 2011.")
    ('Copyright law changed in 2011.', [])
    """
    pieces: list[tuple[str, str]] = []
    while text:
        lo = max(0, len(text) - _TAIL_CHARS)
        starts = [m.end() for m in _SENTENCE_GAP.finditer(text, lo)]
        for at in [0, *starts] if lo == 0 else starts:  # the earliest start of a piece that runs to the end
            if m := _TAIL_PIECE.match(text, at):
                break
        else:
            break
        pieces.append((m.group().strip(), "wire-credit" if m.group("credit") else "footer"))
        text = text[:at].rstrip()
    pieces.reverse()
    return text, pieces


_TAGS = re.compile(r"^(tags?|topics?|subjects?|filed under|categories|category|keywords|related topics)\s*:.*$", re.I)
_AUTHOR_BOX = re.compile(r"^(about (the|this) author|about the writer|author(s)?( bio)?|written by|more by this author|"
                         r"the author)\s*:?$", re.I)
_ROLE = re.compile(r"^((contributing|staff|senior|chief|political|science|foreign|special|guest|freelance|associate|"
                   r"managing|deputy) )?(writer|reporter|editor|correspondent|columnist|contributor|journalist)$", re.I)
_BIO = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*,?\s+(is|was|has been|serves as|covers|writes|reports)\s+"
    r"(a|an|the|about|for|on)?\s*",
)
_BIO_WORDS = re.compile(
    r"\b(analyst|author|columnist|contributor|correspondent|editor|fellow|journalist|reporter|writer|"
    r"professor|researcher|his work|her work|their work|follow (him|her|them)|has written|contributing)\b",
    re.I,
)
_BULLET = re.compile(r"^([•□☆○◦▪▫■◆●·►▶➤✓✔+*–—-]|\d{1,3}[.)])\s+")
_PLACEHOLDER = re.compile(
    r"^((\[[^\]]*\])\s*)+$|^[\d\s.,:/%+-]+$|^[^\W_]+([-_][^\W_]+){3,}$|^https?://\S+$|^www\.\S+$|^\S+\.(jpe?g|png|gif|webp|svg|avif)(\?\S*)?$|^[\W_]+$",
    re.I,
)
_TERMINAL = re.compile(r"([.!?…:;。！？]|\.\.\.)[\"'”’»)\]]*$|[\"”’»]$")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@lru_cache(maxsize=1024)  # lines of one page (asked several times each), not of a whole corpus
def _words(line: str) -> int:
    """Word count; CJK characters (no spaces between words) count as half a word each."""
    cjk = len(_CJK.findall(line))
    if cjk:
        return len(_WORD.findall(_CJK.sub(" ", line))) + cjk // 2
    return len(_WORD.findall(line))


def _is_prose(line: str) -> bool:
    """A sentence-like line: long, or at least seven words ending like a sentence."""
    n = _words(line)
    if n >= 25:
        return True
    return n >= 7 and bool(_TERMINAL.search(line))


def _chrome_rule(line: str) -> str | None:
    """The rule a line matches by its shape alone, or None (story-like or unknown)."""
    s = _BULLET.sub("", line.strip()).strip(" |•·*►▶>–—\t")
    if not s or _PLACEHOLDER.match(s):
        return "markup"
    n = _words(s)
    if n <= 40 and _COMMENT_COUNT.match(s):
        return "comments"
    if n <= 12:
        if _SECTION_END.match(s):
            return "comments" if re.search(r"comment|repl|respons|conversation|discussion|thoughts|kommentar|coment|"
                                            r"комментар|komentar|コメント|评论", s, re.I) else "related"
        if _WEAK_END.match(s):
            return "related"
        if _AUTHOR_BOX.match(s):
            return "author-bio"
        if _COMMENTS.match(s):
            return "comments"
        if _NAV.match(s):
            return "navigation"
        if _SHARE.match(s):
            return "share-widget"
        if _TAGS.match(s):
            return "tags"
        if _ROLE.match(s):
            return "byline"
    if n <= 20 and _FOOTER.search(s):
        return "footer"
    if n <= 120 and _CAPTION.match(s):
        return "caption"
    if n <= 10 and _AGENCY_CAPS.match(s):
        return "image-credit"
    if n <= 40 and len(s) >= 12 and len(s) % 2 == 0 and s[: len(s) // 2] == s[len(s) // 2:]:
        return "caption"  # an image's alt text and title run together
    if n <= 14 and _CREDIT.search(s) and not (n >= 7 and _TERMINAL.search(s) and not _CREDIT_LABEL.match(s)):
        return "image-credit"
    if n <= 30 and (_PROMO.search(s) or (_PROMO_ADDRESSED.search(s) and _ADDRESS.search(s)
                                         and not _QUOTE_MARK.search(s))):
        return "promo"
    if _LINK_TAG.search(s):
        return "promo"
    if n <= 60 and _TAIL_LINE.match(s):
        rest, pieces = _wire_tail(s)
        if pieces and not rest:  # nothing but an agency's credits and copyright
            return pieces[0][1]
    return None


def _is_dateline(line: str) -> bool:
    return bool(_DATE.match(line) or (_words(line) <= 20 and _DATE_LABEL.match(line)))


def _byline_name(line: str) -> str | None:
    """The tail of a byline ('By Jane Doe, Reuters' → 'Jane Doe, Reuters'), or None if it is not one."""
    m = _BYLINE.match(line)
    if not m or not m.group("name"):
        return None
    name = m.group("name")
    n = _words(name)
    if n <= 8 or (n <= 24 and re.search(r"\b(19|20)\d{2}\b|\d[:.]\d{2}", name)):
        return name
    return None


def _looks_like_heading(line: str) -> bool:
    s = line.strip()
    n = _words(s)
    if not (1 <= n <= 20) or len(s) > 160:
        return False
    if re.search(r"[.,;]$", s) and not s.endswith("..."):  # headings rarely end with . , ;
        return False
    return s[0].isupper() or s[0].isdigit() or s[0] in "\"“'‘¿¡" or not s[0].isalpha()


def _author_from_byline(name: str) -> str | None:
    """The person's name at the start of a byline tail ('Jane Doe, Reuters' → 'Jane Doe')."""
    name = re.split(r"\s*(?:[|•·@,;(]|\s-\s|\s–\s|\s—\s|\bpublished\b|\bupdated\b|\bon\s+\w+day\b)\s*", name.strip(), 1)[0]
    tokens = []
    for tok in name.split():
        if re.fullmatch(r"(and|&|de|da|del|der|van|von|la|le|di|bin|al|el)", tok) or (
            tok[:1].isupper() and not re.search(r"\d", tok)
        ):
            tokens.append(tok)
        else:
            break
    while tokens and re.fullmatch(r"and|&", tokens[-1]):
        tokens.pop()
    if not tokens or len(tokens) > 8:
        return None
    return " ".join(tokens)


# --------------------------------------------------------------------------- plain text

@dataclass(slots=True)
class _Unit:
    line: int  # 1-based number of its first line
    raw: str  # the stripped source line(s)
    text: str  # without list bullet
    indent: int
    bullet: bool
    group: int  # run of non-blank lines it belongs to
    words: int
    prose: bool
    rule: str | None = None
    barrier: bool = False  # a heading that (almost surely) ends the story
    table: bool = False  # a row of a text table (columns aligned with spaces)


def _units(text: str) -> list[_Unit]:
    """Non-blank lines as units (web-page text puts one paragraph on a line).

    Lines of hard-wrapped text (a line of 55–100 characters not ending a sentence,
    followed by a line starting in lower case) are joined into one unit.
    """
    out: list[_Unit] = []
    lines = text.split("\n")
    group = 0
    i = 0
    prev_blank = True
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            prev_blank = True
            i += 1
            continue
        if prev_blank:
            group += 1
        prev_blank = False
        start = i
        block = [line.strip()]
        while (
            i + 1 < len(lines)
            and lines[i + 1].strip()
            and 55 <= len(lines[i].rstrip()) <= 100
            and not _TERMINAL.search(lines[i].rstrip())
            and lines[i + 1].strip()[:1].islower()
        ):
            i += 1
            block.append(lines[i].strip())
        raw = " ".join(block)
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip())
        m = _BULLET.match(raw)
        body = raw[m.end():].strip() if m else raw
        out.append(_Unit(start + 1, raw, body, indent, bool(m), group, _words(body), _is_prose(body)))
        i += 1
    return out


def _mark_units(units: list[_Unit]) -> None:
    """Give each unit the chrome rule its shape, its image-credit group or a repeat implies."""
    for u in units:
        u.rule = _chrome_rule(u.raw)
        u.barrier = u.rule is not None and u.words <= 40 and bool(
            _SECTION_END.match(u.text) or _COMMENT_COUNT.match(u.text) or _AUTHOR_BOX.match(u.text) or _TAGS.match(u.text)
            or (u.rule == "footer" and re.search(r"©|copyright|all rights reserved", u.text, re.I))
        )
        if u.rule is None and not u.prose and _is_dateline(u.text) and not _byline_name(u.text):
            u.rule = "dateline"
    # a caption shares its run of lines with an image credit
    by_group: dict[int, list[_Unit]] = {}
    for u in units:
        by_group.setdefault(u.group, []).append(u)
    for members in by_group.values():
        if len(members) > 1 and any(m.rule == "image-credit" for m in members):
            for m in members:
                if m.rule is None and m.words <= 70 and not _byline_name(m.text):
                    m.rule = "caption"
    # the line right above a lone credit line is its caption (or the image's alt text)
    for k in range(1, len(units)):
        prev = units[k - 1]
        if units[k].rule == "image-credit" and len(by_group[units[k].group]) == 1 and prev.rule is None \
                and prev.words <= 40 and not _byline_name(prev.text):
            prev.rule = "caption"
    # rows of a table: three or more columns separated by runs of spaces, in a run of
    # at least three rows with about the same number of columns
    cells = [len(_CELL_GAP.split(u.text)) if not u.text.startswith("[") and not u.prose else 0 for u in units]
    run: list[int] = []
    for k in range(len(units) + 1):
        if k < len(units) and cells[k] >= 3 and units[k].rule is None and (
                not run or abs(cells[k] - cells[run[-1]]) <= 1):
            run.append(k)
            continue
        if len(run) >= 3:
            for j in run:
                units[j].table = True
        run = [k] if k < len(units) and cells[k] >= 3 and units[k].rule is None else []
    # a line repeated right after itself is an image's alt text and its caption
    for k in range(1, len(units)):
        u, prev = units[k], units[k - 1]
        if u.rule is None and u.words >= 3 and " ".join(u.text.split()) == " ".join(prev.text.split()):
            u.rule = "caption"
            if prev.rule is None:
                prev.rule = "caption"


#: Weight of a unit in the main-block search, by what it is.
_PENALTY = {"comments": -1e6, "barrier": -150.0, "section-end": -40.0, "chrome": -10.0, "short": -3.0, "bullet": -4.0}
_SECTION_END_RULES = frozenset({"related", "comments", "footer", "author-bio", "tags"})


_CELL_GAP = re.compile(r"\s{2,}|\t")


def _score(u: _Unit) -> float:
    if u.barrier and u.rule == "comments":
        return _PENALTY["comments"]
    if u.barrier:
        return _PENALTY["barrier"]
    if u.rule in _SECTION_END_RULES:
        return _PENALTY["section-end"]
    if u.rule is not None:
        return _PENALTY["chrome"]
    if u.prose:
        return float(u.words)
    if u.table:
        return u.words / 2
    return _PENALTY["bullet"] if u.bullet else _PENALTY["short"]


def _weights(units: list[_Unit]) -> list[float]:
    """Unit weights for the main-block search.

    A related-links heading followed, after at most eight short lines, by two prose
    paragraphs in a row is an inline box inside the story, not the end of it: it costs
    as much as any chrome line, not the barrier price. Once at least 100 words of prose
    have gone by, a comments heading ends the story: prose after it (readers' comments)
    counts as short lines. A date line after 150 words of prose heads a teaser card
    (title, author, date, summary): it costs as much as a section heading and the
    card's summary counts as a short line.
    """
    weights = [_score(u) for u in units]
    prose_before = 0
    for i, u in enumerate(units):
        if u.barrier and u.rule != "comments":
            j = i + 1
            while j < len(units) and j - i <= 8 and not (units[j].prose and units[j].rule is None):
                j += 1
            if j + 1 < len(units) and all(units[k].prose and units[k].rule is None for k in (j, j + 1)):
                weights[i] = _PENALTY["chrome"]
        elif u.barrier and prose_before >= 100:
            # a comments heading after the story: what follows is readers' prose, not story
            for k in range(i + 1, len(units)):
                if weights[k] > 0:
                    weights[k] = _PENALTY["short"]
            break
        elif u.rule == "dateline" and prose_before >= 150:
            # a date line below the story heads a teaser card: it and the card's text are not story
            weights[i] = _PENALTY["section-end"]
            for k in range(i + 1, min(i + 3, len(units))):
                if units[k].prose:
                    weights[k] = _PENALTY["short"]
                    break
        if u.prose and u.rule is None:
            prose_before += u.words
    return weights


def _main_span(units: list[_Unit], weights: list[float]) -> tuple[int, int]:
    """Indices ``[a, b)`` of the run of units with the largest total weight."""
    best, best_a, best_b = 0.0, 0, 0
    cur, cur_a = 0.0, 0
    for i, score in enumerate(weights):
        if cur <= 0:
            cur, cur_a = score, i
        else:
            cur += score
        if cur > best:
            best, best_a, best_b = cur, cur_a, i + 1
    return best_a, best_b


def _parse_txt(text: str) -> Parsed:
    out = Parsed()
    units = _units(text)
    if not units:
        return out
    _mark_units(units)
    weights = _weights(units)
    a, b = _main_span(units, weights)
    if b <= a:
        out.removed = [RemovedLine(u.line, u.raw, u.rule or "short-line") for u in units]
        return out
    # a byline or date line near the top of the block belongs to the page head: the
    # story starts after it (prose above it is a standfirst or a caption)
    head_end = None
    for i in range(a, min(b, a + 12)):
        u = units[i]
        if u.rule in ("dateline", "byline") or (u.rule is None and u.words <= 24 and _byline_name(u.text)):
            head_end = i
    if head_end is not None and sum(weights[head_end + 1:b]) >= 0.5 * sum(weights[a:b]):
        a = head_end + 1
    removed: dict[int, str] = {}

    def take_author(name: str | None) -> None:
        if name and out.author is None:
            out.author = _author_from_byline(name)

    def take_date(line: str) -> None:
        if out.published is None:
            out.published = _iso_date(line)

    # --- before the story: headline, section, byline, date, captions, navigation
    before = units[:a]
    title_i = _pick_title(before)
    if title_i is not None:
        out.title = before[title_i].text
    for i, u in enumerate(before):
        rule = u.rule
        if i == title_i:
            rule = "headline"
        elif rule is None and (name := _byline_name(u.text)):
            rule = "byline"
            take_author(name)
        elif rule == "dateline":
            take_date(u.text)
        elif rule is None and title_i is not None and i == title_i - 1 and u.words <= 4 and not u.bullet:
            rule = "section"
            out.section = u.text
        elif rule is None and title_i is not None and i > title_i and u.prose:
            rule = "standfirst"
        elif rule is None:
            rule = "list-item" if u.bullet else "before-story"
        removed[i] = rule

    # --- the story block: a trailing author box
    # an author box: a '<Name> is a … writer' paragraph among the block's last three
    # prose lines ends the story, together with everything after it
    end = b
    tail = [i for i in range(a, b) if units[i].rule is None and units[i].prose and i not in removed][-3:]
    for i in tail:
        m = _BIO.match(units[i].text)
        if m and _BIO_WORDS.search(units[i].text) and i > a:
            end = i
            while end - 1 > a and (units[end - 1].rule is not None or _BYLINE.match(units[end - 1].text)
                                   or (not units[end - 1].prose and units[end - 1].words <= 4)):
                end -= 1
            if out.author is None:
                out.author = m.group("name")
            break
    # the links under a related-stories heading inside the block are not story
    for i in range(a, end):
        if units[i].rule == "related":
            j = i + 1
            while j < end and units[j].rule is None and not units[j].prose and j not in removed:
                removed[j] = "list-item" if units[j].bullet else "related"
                j += 1
    sub: str | None = None
    content = [i for i in range(a, end) if i not in removed and units[i].rule is None]
    for pos, i in enumerate(content):
        u = units[i]
        nxt = units[content[pos + 1]] if pos + 1 < len(content) else None
        if out.title and u.text == out.title:
            removed[i] = "duplicate"
        elif u.table:
            out.paragraphs.append((" | ".join(_CELL_GAP.split(u.text)), sub))
            out.lines.append(u.line)
        elif not u.prose and not u.bullet and _looks_like_heading(u.text) and nxt is not None and (
            nxt.prose or nxt.bullet or nxt.table or not _looks_like_heading(nxt.text)
        ):
            sub = u.text
            removed[i] = "subheading"
        else:
            out.paragraphs.append((u.text, sub))
            out.lines.append(u.line)
    for i in range(a, end):
        if i not in removed and units[i].rule is not None:
            removed[i] = units[i].rule  # type: ignore[assignment]
    for i in range(end, b):
        removed[i] = "byline" if _byline_name(units[i].text) or _AUTHOR_BOX.match(units[i].text) else "author-bio"

    # --- after the story
    for i in range(b, len(units)):
        u = units[i]
        rule = u.rule
        if rule is None and (name := _byline_name(u.text)):
            rule = "byline"
            take_author(name)
        elif rule is None and (m := _BIO.match(u.text)) and _BIO_WORDS.search(u.text):
            rule = "author-bio"
            if out.author is None:
                out.author = m.group("name")
        elif rule is None:
            rule = "list-item" if u.bullet else "after-story"
        removed[i] = rule
    out.removed = [RemovedLine(units[i].line, units[i].raw, rule) for i, rule in sorted(removed.items())]
    return out


def _pick_title(before: list[_Unit]) -> int | None:
    """Index of the headline among the lines above the story, or None."""
    candidates = [
        i for i, u in enumerate(before)
        if u.rule is None and not u.bullet and _looks_like_heading(u.text) and u.words >= 3
        and not _is_dateline(u.text) and not _BYLINE.match(u.text)
    ]
    if not candidates:
        return None
    recent = [i for i in candidates if i >= len(before) - 8] or candidates[-3:]
    return max(recent, key=lambda i: (before[i].words, i))


def _iso_date(s: str) -> str | None:
    try:
        from dateutil import parser as dparser

        cleaned = re.sub(r"^(published|updated|posted|last updated|first published|modified|date)\s*:?\s*(on\s+)?",
                         "", s, flags=re.I)
        cleaned = re.split(r"\s*[|•·]\s*|\s+(?:updated|last updated)\b", cleaned, 1, flags=re.I)[0]
        return dparser.parse(cleaned, fuzzy=True).date().isoformat()
    except (ValueError, OverflowError, TypeError):  # a date we cannot read is simply unknown
        return None


# --------------------------------------------------------------------------- markdown

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _md_inline(s: str) -> str:
    s = _MD_LINK.sub(lambda m: m.group(1), s)
    s = _MD_EMPH.sub(lambda m: m.group(2), s)
    return s.strip()


def _parse_md(text: str) -> Parsed:
    """Markdown: ``#`` headline, ``##`` subheadings, front matter and images are not story."""
    out = Parsed()
    sub: str | None = None
    lines = text.split("\n")
    in_front = bool(lines) and lines[0].strip() == "---"
    in_code = False
    block: list[tuple[int, str]] = []

    def flush() -> None:
        nonlocal sub
        if not block:
            return
        n0 = block[0][0]
        joined = " ".join(s for _, s in block)
        raw = "\n".join(s for _, s in block)
        block.clear()
        if (m := _BYLINE.match(_md_inline(joined))) and m.group("name") and _words(m.group("name")) <= 6 \
                and not out.paragraphs:
            out.author = out.author or _author_from_byline(_md_inline(m.group("name")))
            out.removed.append(RemovedLine(n0, raw, "byline"))
            return
        clean = _md_inline(joined)
        rule = _chrome_rule(clean)
        if rule is not None and rule != "list-item":
            out.removed.append(RemovedLine(n0, raw, rule))
            return
        out.paragraphs.append((clean, sub))
        out.lines.append(n0)

    for n, raw_line in enumerate(lines, 1):
        s = raw_line.strip()
        if in_front:
            if n > 1 and s in ("---", "..."):
                in_front = False
            elif m := re.match(r"^(title|author|section|published|date)\s*:\s*(.+)$", s, re.I):
                key = m.group(1).lower()
                key = "published" if key == "date" else key
                if getattr(out, key) is None:
                    setattr(out, key, m.group(2).strip().strip("\"'"))
            if s:
                out.removed.append(RemovedLine(n, s, "markup"))
            continue
        if s.startswith("```") or s.startswith("~~~"):
            flush()
            in_code = not in_code
            out.removed.append(RemovedLine(n, s, "markup"))
            continue
        if in_code:
            if s:
                out.removed.append(RemovedLine(n, s, "markup"))
            continue
        if not s:
            flush()
            continue
        if re.fullmatch(r"!\[[^\]]*\]\([^)]*\)", s) or re.fullmatch(r"([-*_]\s*){3,}", s) or re.fullmatch(r"<[^>]+>", s):
            flush()
            out.removed.append(RemovedLine(n, s, "markup"))
            continue
        if m := re.match(r"^(#{1,6})\s+(.*?)\s*#*$", s):
            flush()
            level, head = len(m.group(1)), _md_inline(m.group(2))
            if level == 1 and not out.paragraphs and (out.title is None or out.title == head):
                out.title = out.title or head
                out.removed.append(RemovedLine(n, s, "headline"))
            else:
                sub = head
                out.removed.append(RemovedLine(n, s, "subheading"))
            continue
        if re.match(r"^\s*(>|[-*+]|\d+[.)])\s+", raw_line):
            flush()  # each list item / quote line is its own paragraph
            block.append((n, re.sub(r"^\s*(>|[-*+]|\d+[.)])\s+", "", raw_line).strip()))
            flush()
            continue
        block.append((n, s))
    flush()
    return out


# --------------------------------------------------------------------------- HTML

_HTML_BLOCKS = frozenset({"p", "head", "item", "quote", "row", "cell", "list", "table", "code", "lb"})


def _html_blocks(main) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """``(tag, text)`` of the leaf blocks of trafilatura's XML, in reading order.

    A table row is one block (its cells joined with " | "); a list item, a paragraph,
    a heading or a quotation is one block unless it holds other blocks.
    """
    out: list[tuple[str, str]] = []

    def text_of(el) -> str:  # type: ignore[no-untyped-def]
        return " ".join("".join(el.itertext()).split())

    def walk(el) -> None:  # type: ignore[no-untyped-def]
        for child in el:
            tag = child.tag
            if tag == "row":
                cells = [text_of(c) for c in child if text_of(c)]
                if cells:
                    out.append(("row", " | ".join(cells)))
            elif tag in ("list", "table") or (
                tag in ("p", "item", "quote", "cell", "div") and any(g.tag in _HTML_BLOCKS - {"lb"} for g in child)
            ):
                if child.text and child.text.strip():
                    out.append((tag, " ".join(child.text.split())))
                walk(child)
            elif tag in ("p", "head", "item", "quote", "cell", "code"):
                s = text_of(child)
                if s:
                    out.append((tag, s))
            else:
                walk(child)
            if child.tail and child.tail.strip():
                out.append(("p", " ".join(child.tail.split())))

    if main.text and main.text.strip():
        out.append(("p", " ".join(main.text.split())))
    walk(main)
    return out


#: Invisible characters pages use for hyphenation hints and joins (dropped from HTML text).
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

#: Options of trafilatura's main-text extraction (comments excluded, tables kept:
#: that scored best on the benchmark pages, see benchmarks/bench_ingest.py).
TRAFILATURA_OPTIONS = {
    "include_comments": False, "include_tables": True, "include_images": False, "include_formatting": False,
    "include_links": False, "with_metadata": True, "deduplicate": False,
}


def _parse_html(html: str) -> Parsed:
    """Main text by trafilatura; its blocks are then cleaned by the same line rules as text."""
    from trafilatura import bare_extraction

    out = Parsed()
    doc = bare_extraction(html, **TRAFILATURA_OPTIONS)  # type: ignore[arg-type]
    if doc is None or isinstance(doc, dict) or doc.body is None:  # a dict only with as_dict=True
        return out
    out.title = doc.title or None
    out.author = doc.author.split(";")[0].strip() if doc.author else None
    out.published = doc.date or None
    out.section = next((c.strip() for c in (doc.categories or []) if c and c.strip()), None)
    main = doc.body
    for lb in main.iter("lb"):  # a line break inside a paragraph separates words
        lb.tail = " " + (lb.tail or "")
    sub: str | None = None
    for tag, text in _html_blocks(main):
        s = " ".join(_INVISIBLE.sub("", text).split())
        if not s:
            continue
        if out.title and s == out.title:
            out.removed.append(RemovedLine(0, s, "duplicate"))
            continue
        if tag == "head":
            sub = s
            out.removed.append(RemovedLine(0, s, "subheading"))
            continue
        rule = _chrome_rule(s)
        if rule in ("navigation", "share-widget", "image-credit", "promo", "related", "comments", "footer", "markup",
                    "wire-credit"):
            out.removed.append(RemovedLine(0, s, rule))
            continue
        out.paragraphs.append((s, sub))
        out.lines.append(0)
    return out


# --------------------------------------------------------------------------- entry point

def parse(text: str, fmt: str, *, source: str = "") -> Parsed:
    """Split page text into story paragraphs, metadata and removed chrome.

    Parameters
    ----------
    text : str
        The decoded page (``\\n`` line ends).
    fmt : {"txt", "md", "html"}
        How to read it: ``txt`` is text saved from a web page (chrome and all),
        ``md`` Markdown, ``html`` a saved page (main text found by trafilatura).
    source : str
        The file name, for messages.

    Returns
    -------
    Parsed
        Paragraphs as ``(text, subheading)`` pairs, title/section/author/published
        where found, and every dropped line with its rule (a key of :data:`RULES`).

    Raises
    ------
    ValueError
        If ``fmt`` is not one of :data:`FORMATS`.

    Examples
    --------
    >>> p = parse("# Title\\n\\nBy Ann Lee\\n\\n## Part one\\n\\nSome text here.\\n", "md")
    >>> p.title, p.author, p.paragraphs
    ('Title', 'Ann Lee', [('Some text here.', 'Part one')])
    """
    parsers = {"txt": _parse_txt, "md": _parse_md, "html": _parse_html}
    if fmt not in parsers:
        raise ValueError(f"fmt must be one of {', '.join(map(repr, FORMATS))}, not {fmt!r}")
    out = parsers[fmt](text)
    if out.paragraphs:  # a wire story's credits and copyright after its last sentence
        last, sub = out.paragraphs[-1]
        kept, pieces = _wire_tail(last)
        if pieces and kept:
            out.paragraphs[-1] = (kept, sub)
            out.removed = sorted([*out.removed, *(RemovedLine(out.lines[-1], p, rule) for p, rule in pieces)],
                                 key=lambda r: r.line)
    return out
