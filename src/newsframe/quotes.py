"""Who is quoted, saying what: quotation spans, speakers, cues, and voice shares.

:func:`extract_quotes` finds every quotation in an article, with the quoted words'
character offsets, the speaker (the canonical full name when the article names the
person in full anywhere — "Kim" becomes "Kim Jong Un"), the cue ("said", "told",
"according to"), the kind of quotation, the speaker's description from an apposition
and the outlet told ("told NPR").

How it works, in four passes over the text:

1. **Pairing marks by direction, not by glyph.** Each double quotation mark (curly,
   straight, low-9, guillemets) is read from its neighbours: a mark before a word can
   open, a mark after a word or punctuation can close; a curly glyph only breaks ties.
   Walking a paragraph with an inside/outside state survives what real text does:
   a closing glyph used as an opening one (``told NPR.”But still``), unbalanced marks,
   a paragraph-spanning quotation (a paragraph that opens a quote without closing it
   continues when the next paragraph starts with a mark), nested double quotes, and a
   missing mark recovered from an attribution (``“We go, said the minister.``).
   Quotation marks inside words (O’Brien, ’90s, rock ’n’ roll) are never marks.
   Single quotes are read as top-level quotations only in British-style text that has
   no double marks at all; otherwise they are nested quotes, part of the quoted words.
2. **Titles are not speech.** A quoted span right after a *not-speech* cue ("author
   of", "the book", "titled", "so-called"; see ``resources/cue_verbs.txt``) is a title
   or a name and is not returned.
3. **Attribution.** The narration after a quotation (to the end of its sentence) is
   read for *speaker + cue* ("Kim wrote", "Hong Min, a … expert, told NPR") or *cue +
   speaker* ("said Smith", "according to the report"); the narration before it (from
   the start of its sentence) for "Peskov told TASS they also “…”" or "calling it a
   “…”" (an ``-ing`` cue takes the subject of its clause). Speakers are resolved with
   :func:`newsframe.actors.find_actors`: pronouns ("he", "she") become the last person
   named in the narration before them, short forms become the full name.
4. **Kinds.** ``full``: a quotation that starts a sentence; ``partial``: quoted words
   inside narration; ``continuation``: a quotation with no attribution of its own that
   follows one of the same speaker (the second half of a split quote, the next
   paragraph of a long one) — it inherits the speaker. A quotation with no attribution
   and nothing to continue is kept with ``speaker=None``: none is dropped silently.

Examples
--------
>>> from newsframe.ingest import Article
>>> art = Article.from_text("“We will win,” Jane Roe, a teacher, said. “No doubt.”")
>>> [(q.text, q.speaker, q.cue, q.kind, q.description) for q in extract_quotes(art)]
[('We will win', 'Jane Roe', 'said', 'full', 'a teacher'), ('No doubt.', 'Jane Roe', None, 'continuation', None)]
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Literal, Mapping, Sequence

from newsframe.actors import (
    ActorMention,
    name_start,
    _default_path,
    Gazetteer,
    _resolve_gazetteer,
    _text_of,
    actor_info,
    article_date,
    find_actors,
)
from newsframe.text import load_sentence_rules

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from newsframe.ingest import Article

__all__ = [
    "Quote",
    "CueLexicon",
    "QUOTE_KINDS",
    "QUOTE_TABLE_COLUMNS",
    "VOICE_TABLE_COLUMNS",
    "PROMINENCE_TABLE_COLUMNS",
    "load_cue_verbs",
    "extract_quotes",
    "quote_table",
    "voice_table",
    "prominence_table",
    "record_fields",
]

log = logging.getLogger(__name__)

#: The kinds of quotation :func:`extract_quotes` distinguishes.
QUOTE_KINDS: tuple[str, ...] = ("full", "partial", "continuation")
#: Columns of :func:`quote_table`.
QUOTE_TABLE_COLUMNS: tuple[str, ...] = (
    "article_id", "quote", "start", "end", "speaker", "cue", "kind", "description", "outlet", "words",
)
#: Columns of :func:`voice_table`.
VOICE_TABLE_COLUMNS: tuple[str, ...] = ("article_id", "voice", "source_type", "country", "sector", "quotes", "words", "share")
#: Columns of :func:`prominence_table`.
PROMINENCE_TABLE_COLUMNS: tuple[str, ...] = (
    "article_id", "actor", "type", "source_type", "mentions", "mentions_in_narration", "mentions_in_quotes",
    "quotes", "quoted_words", "share",
)


# --------------------------------------------------------------------------- types

@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation; ``article.text[start:end] == text`` (the words, without the marks).

    Attributes
    ----------
    text, start, end
        The quoted words and their offsets into ``article.text`` (a trailing comma
        before the closing mark is left out).
    speaker : str or None
        Canonical full name ("Kim Jong Un"), else the attribution as written ("the
        ministry"); None when unattributed.
    cue : str or None
        The attribution cue as written, lower case ("said", "told", "according to");
        None for a continuation or an unattributed quotation.
    kind : str
        ``"full"``, ``"partial"`` or ``"continuation"`` (see the module docstring).
    description : str or None
        The speaker's apposition or title as written ("a North Korea expert at …").
    outlet : str or None
        The outlet told ("NPR", "TASS"), canonical when in the gazetteer.
    speaker_text : str or None
        The speaker as written where the attribution is ("He", "Kim").
    speaker_start, speaker_end : int or None
        Offsets of ``speaker_text`` (None when inherited or unattributed).
    paragraph : int
        Index of the paragraph holding the quotation.
    """

    text: str
    start: int
    end: int
    speaker: str | None
    cue: str | None
    kind: str
    description: str | None = None
    outlet: str | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    paragraph: int = 0


@dataclass(frozen=True)
class CueLexicon:
    """Attribution cues and not-speech cues (see :func:`load_cue_verbs`)."""

    path: str
    cues: tuple[str, ...]
    not_speech: tuple[str, ...]
    reporting: frozenset[str] = frozenset()
    _cue_regex: Any = None
    _not_speech_reversed: Any = None  # matched against the reversed text before a mark

    def __hash__(self) -> int:
        return hash((self.path, self.cues, self.not_speech))


# --------------------------------------------------------------------------- resources

def load_cue_verbs(path: str | Path | None = None) -> CueLexicon:
    """Load the attribution cues and not-speech cues (default: ``resources/cue_verbs.txt``).

    Parameters
    ----------
    path : path, optional
        A text file with ``[cues]`` and ``[not_speech]`` sections (see the shipped file).

    Returns
    -------
    CueLexicon

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not UTF-8 text, has no ``[cues]`` entry or an unknown section.

    Examples
    --------
    >>> lex = load_cue_verbs()
    >>> "said" in lex.cues and "according to" in lex.cues and "author of" in lex.not_speech
    True
    """
    if path is None:
        return _default_cues()
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: cue-verb file not found")
    return _load_cues(str(p), p.stat().st_mtime_ns)


@lru_cache(maxsize=1)
def _default_cues() -> CueLexicon:
    p = _default_path("cue_verbs.txt")
    return _load_cues(str(p), p.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load_cues(path: str, mtime: int) -> CueLexicon:
    sections: dict[str, list[str]] = {"cues": [], "not_speech": [], "reporting": []}
    current: str | None = None
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not a UTF-8 text file (byte {exc.start}: {exc.reason})") from None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            current = m.group(1)
            if current not in sections:
                raise ValueError(f"{path}:{n}: unknown section [{current}]; valid: [cues], [not_speech], [reporting]")
            continue
        if current is None:
            raise ValueError(f"{path}:{n}: entry before any section header ([cues] or [not_speech])")
        for item in line.split(","):
            item = " ".join(item.lower().split())
            if item and item not in sections[current]:
                sections[current].append(item)
    if not sections["cues"]:
        raise ValueError(f"{path}: no entries in [cues]")
    cues = tuple(sections["cues"])
    not_speech = tuple(sections["not_speech"])

    def reversed_alt(words: Sequence[str]) -> str:
        """The words written backwards ("fo rohtua" for "author of"), longest first."""
        parts = []
        for w in sorted(words, key=len, reverse=True):
            tokens = [[re.escape(ch) for ch in t] for t in w.split()]
            if tokens[0][0].isalpha():
                tokens[0][0] = f"[{tokens[0][0].upper()}{tokens[0][0]}]"
            parts.append(r"[ \t\u00a0]+".join("".join(reversed(t)) for t in reversed(tokens)))
        return "|".join(parts)

    cue_re = re.compile(rf"(?<![\w\u2019'-])(?:{_trie(cues)}|[Aa]ccording[ \t\u00a0]+to|In[ \t\u00a0]+the[ \t\u00a0]+words[ \t\u00a0]+of)(?![\w-])")
    # a not-speech cue ends the text before an opening mark: one anchored match on that
    # text reversed, instead of a search trying every position of it for "…cue[\s,:]*$"
    ns_re = re.compile(
        rf"[\s,:\u00a0]*(?:{reversed_alt(not_speech)})(?![\w\u2019'-])", re.IGNORECASE
    ) if not_speech else None
    return CueLexicon(path, cues, not_speech, frozenset(sections["reporting"]), cue_re, ns_re)


def _trie(words: Sequence[str]) -> str:
    r"""One alternation for ``words`` as a trie ("sa(?:id|ys|y)"): the same matches as
    "|".join of them longest first, as at any position the words that match are prefixes
    of one another and the trie tries the longer first; re tries a few branches per
    position instead of every word.

    >>> _trie(["say", "said", "shot back"])
    's(?:a(?:id|y)|hot[ \\t\\u00a0]+back)'
    """
    sep = r"[ \t\u00a0]+"
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for i, token in enumerate(w.split()):
            if i:
                node = node.setdefault(sep, {})
            for ch in token:
                node = node.setdefault(re.escape(ch), {})
        node[""] = {}  # a word ends here

    def build(node: dict[str, Any]) -> str:
        alts = [atom + build(node[atom]) for atom in sorted(k for k in node if k)]
        if "" in node:
            alts.append("")  # the word ending here comes after the longer ones
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(root)


def _resolve_cues(cues: "CueLexicon | str | Path | None") -> CueLexicon:
    if cues is None:
        return load_cue_verbs()
    if isinstance(cues, CueLexicon):
        return cues
    if isinstance(cues, (str, Path)):
        return load_cue_verbs(cues)
    raise TypeError(f"cues must be a CueLexicon, a path or None, not {type(cues).__name__}")


# --------------------------------------------------------------------------- marks

_DOUBLE = "\u201c\u201d\u201e\u201f\"\u00ab\u00bb"
_SINGLE = "\u2018\u2019"
_OPEN_GLYPHS = "\u201c\u201e\u00ab\u2018"
_CLOSE_GLYPHS = "\u201d\u00bb\u2019"
_OPEN_BEFORE = "([{\u2014\u2013\u2015-/:"
_AFTER_OPEN_OK = "\u2018\u2019'([\u2026.$\u00a3\u20ac-\u2014\u2015\u00bf\u00a1#@"
_AFTER_CLOSE_OK = ".,;:!?)]}\u2014\u2013\u2015-\u2026/"
_POSSESSIVE_BEFORE = re.compile(r"[A-Z][\w.&-]*[\u2019']s[ \u00a0]+$")
_MINOR_WORDS = frozenset("a an the of and or for to in on at by with from as vs".split())


def _is_title_case(content: str) -> bool:
    """A short Title Case span ("State of the Union", "Meet the Press")."""
    words = [w.strip(".,;:!?") for w in content.split()]
    words = [w for w in words if w]
    if not 1 <= len(words) <= 8:
        return False
    return all(w[0].isupper() or w.lower() in _MINOR_WORDS for w in words) and words[0][0].isupper()


_DOUBLE_RE = re.compile("[" + re.escape(_DOUBLE) + "]")
_SINGLE_RE = re.compile("[" + re.escape(_SINGLE) + "]")
_PARA_SPLIT = re.compile(r"\n[ \t\u00a0]*\n\s*")
_WS = " \t\n\r\u00a0\u2009\u202f\u2007\u2002\u2003"


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in [*_PARA_SPLIT.finditer(text), None]:
        end = m.start() if m else len(text)
        if text[pos:end].strip():
            spans.append((pos, end))
        if m:
            pos = m.end()
    return spans


# characters that, before a mark, let it open / after it, let it open / let it close
_LEFT_SPACE = frozenset(_WS + _OPEN_BEFORE + _DOUBLE + _SINGLE)
_RIGHT_WORD = frozenset(_AFTER_OPEN_OK + _DOUBLE + _SINGLE)
_RIGHT_SPACE = frozenset(_WS + _AFTER_CLOSE_OK + _DOUBLE + _SINGLE)


def _mark_role(text: str, p: int, single: bool) -> tuple[bool, bool]:
    """(can_open, can_close) of the quotation mark at ``p``."""
    ch = text[p]
    prev = text[p - 1] if p > 0 else "\n"
    nxt = text[p + 1] if p + 1 < len(text) else "\n"
    if prev.isalnum() and nxt.isalnum():
        return False, False  # inside a word: O’Brien, don"t
    if single:
        if ch == "\u2019" and (nxt.isalnum() or prev.isspace() or p == 0):
            # ’90s, ’n’, a leading apostrophe; curly ’ never opens
            return False, (not prev.isspace() and nxt.isalnum() is False and p > 0)
        if ch == "\u2018" and not (nxt.isalnum() or nxt in _AFTER_OPEN_OK):
            return False, False
    left_space = p == 0 or prev in _LEFT_SPACE
    right_word = nxt.isalnum() or nxt in _RIGHT_WORD
    right_space = p + 1 >= len(text) or nxt in _RIGHT_SPACE
    left_word = not (p == 0 or prev in _WS)
    can_open = right_word and nxt not in _WS and (left_space or ch in _OPEN_GLYPHS or prev in ".!?,;:")
    can_close = left_word and (right_space or ch in _CLOSE_GLYPHS or prev in ".!?,;:")
    if single and ch in "\u2018'" and not left_space:
        can_open = False
    if single and ch == "\u2018":
        can_close = False
    return can_open, can_close


@dataclass(slots=True)
class _Piece:
    open_mark: int
    close_mark: int | None
    start: int
    end: int
    paragraph: int
    group: int
    index_in_group: int
    recovered: bool = False


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _WS:
        s += 1
    while e > s and (text[e - 1] in _WS or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def _pair_marks(text: str, paragraphs: list[tuple[int, int]], cue_re: "re.Pattern[str]") -> list[_Piece]:
    single = not any(c in text for c in _DOUBLE)
    chars = _SINGLE if single else _DOUBLE
    mark_re = _SINGLE_RE if single else _DOUBLE_RE
    pieces: list[_Piece] = []
    per_group: dict[int, int] = {}  # pieces so far of each group

    def add(piece: _Piece) -> None:
        pieces.append(piece)
        per_group[piece.group] = per_group.get(piece.group, 0) + 1

    group = 0
    carry: int | None = None  # group continued from the previous paragraph
    for pi, (ps, pe) in enumerate(paragraphs):
        marks = [m.start() for m in mark_re.finditer(text, ps, pe)]
        roles = [_mark_role(text, p, single) for p in marks]
        inside: int | None = None  # position of the current opening mark
        depth = 0
        piece_group: int | None = None
        piece_index = 0
        if carry is not None:
            first = ps
            if marks and marks[0] == first and roles[0][0]:
                inside, piece_group = marks[0], carry
                piece_index = per_group.get(carry, 0)
                marks, roles = marks[1:], roles[1:]
            carry = None
        ahead = _closers_ahead(roles) if roles else []
        closed_in_para = False
        for k, (p, (can_open, can_close)) in enumerate(zip(marks, roles)):
            if inside is None:
                if can_open:
                    inside, depth = p, 0
                    group += 1
                    piece_group, piece_index = group, 0
                elif can_close and not closed_in_para:
                    # a closing mark with no opening one: recover from an attribution after it
                    if _attribution_follows(text, p + 1, pe, cue_re):
                        s, e = _trim(text, ps, p)
                        if e > s and not any(text[x] in chars for x in range(s, e)):
                            group += 1
                            add(_Piece(-1, p, s, e, pi, group, 0, recovered=True))
                            closed_in_para = True
                continue
            # inside a quotation
            if can_close and not (can_open and not can_close):
                if depth > 0 and not (can_open and ahead[k] == 0):
                    depth -= 1
                    continue
                s, e = _trim(text, inside + 1, p)
                if e > s:
                    assert piece_group is not None
                    add(_Piece(inside, p, s, e, pi, piece_group, piece_index))
                    closed_in_para = True
                inside = None
                continue
            if can_open:
                if ahead[k] >= 2:
                    depth += 1  # a nested double quotation
                    continue
                # the previous quotation lost its closing mark: keep it only if an
                # attribution inside it shows where it ended ("“We go, he said. “…")
                cut = _recover_close(text, inside + 1, p, cue_re)
                if cut is not None and piece_group is not None:
                    s, e = _trim(text, inside + 1, cut)
                    if e > s:
                        add(_Piece(inside, None, s, e, pi, piece_group, piece_index, recovered=True))
                else:
                    log.debug("quotation opened at offset %d has no closing mark; dropped", inside)
                inside, depth = p, 0
                group += 1
                piece_group, piece_index = group, 0
        if inside is not None:
            assert piece_group is not None
            nxt = paragraphs[pi + 1][0] if pi + 1 < len(paragraphs) else None
            # the convention for a quotation over several paragraphs: no closing
            # mark at the end of a paragraph, an opening mark at the start of the next
            continues = nxt is not None and text[nxt] in chars and _mark_role(text, nxt, single)[0]
            s, e = _trim(text, inside + 1, pe)
            if continues and e > s:
                add(_Piece(inside, None, s, e, pi, piece_group, piece_index))
                carry = piece_group
            else:
                cut = _recover_close(text, inside + 1, pe, cue_re)
                if cut is not None:
                    s, e = _trim(text, inside + 1, cut)
                    if e > s:
                        add(_Piece(inside, None, s, e, pi, piece_group, piece_index, recovered=True))
                elif piece_index > 0 and e > s:
                    add(_Piece(inside, None, s, e, pi, piece_group, piece_index, recovered=True))
                else:
                    log.debug("unclosed quotation mark at offset %d dropped (no closing mark, no attribution)", inside)
    return pieces


def _closers_ahead(roles: list[tuple[bool, bool]]) -> list[int]:
    """For each mark ``k`` of a paragraph, how many marks after it can close before the
    first one that can only open: one backward pass, instead of walking the rest of the
    paragraph from every mark (quadratic in the marks of a long paragraph).

    >>> _closers_ahead([(True, False), (False, True), (True, True), (True, False), (False, True)])
    [2, 1, 0, 1, 0]
    """
    out = [0] * len(roles)
    run = 0  # closers in roles[k + 1:] before the first open-only mark
    for k in range(len(roles) - 1, -1, -1):
        out[k] = run
        can_open, can_close = roles[k]
        if can_close:
            run += 1
        elif can_open:
            run = 0
    return out


_ATTRIB_AFTER_START = re.compile(r"^[\s,\u00a0]*")


def _attribution_follows(text: str, pos: int, end: int, cue_re: "re.Pattern[str]") -> bool:
    seg = text[pos:min(end, pos + 120)]
    m = _ATTRIB_AFTER_START.match(seg)
    seg = seg[m.end():] if m else seg
    if not seg or seg[0] in ".!?":
        return False
    cm = cue_re.search(seg)
    return bool(cm and cm.start() <= 40 and not _TERMINAL.search(seg, 0, cm.start()))


_RECOVER = re.compile(
    r",[ \u00a0]+(?:(?:he|she|they|[A-Z][\w\u2019'-]+(?:[ \u00a0][A-Z][\w\u2019'-]+){0,3}|the [a-z]+)[ \u00a0]+)?(?=\S)"
)


def _recover_close(text: str, start: int, end: int, cue_re: "re.Pattern[str]") -> int | None:
    """In an unclosed quotation, the comma before an attribution ("…, said the minister")."""
    for m in _RECOVER.finditer(text, start, end):
        cm = cue_re.match(text, m.end())
        if cm and cm.end() < end:
            return m.start()
    return None


# --------------------------------------------------------------------------- narration

_SENT_END = re.compile(r"[.!?](?=[\s\u201c\u201d\"\u2019)]|$)")


def _is_sentence_end(text: str, p: int) -> bool:
    """Is the ``.``/``!``/``?`` at ``p`` the end of a sentence (not "Sen.", "U.S. official")?"""
    if text[p] != ".":
        return True
    m = _LAST_WORD.search(text, max(0, p - 20), p)
    if not m:
        return True
    word = m.group(1)
    rules = load_sentence_rules()
    kind = rules.abbreviation_kind(word)
    initial = kind is None and len(word) == 1 and word.isupper()  # an initial: "John F. Kennedy"
    if (kind is None and not initial) or kind == "final":
        return True
    if kind == "title":
        return False
    nxt = text[p + 1:p + 40].lstrip(" \t\u00a0")
    following = _WORD.match(nxt)
    next_word = following.group(0) if following else ""
    if initial:
        return not next_word[:1].isupper()
    if kind == "number":
        return not next_word[:1].isdigit()
    # regular and time abbreviations end a sentence before a sentence starter, a
    # quotation mark or a line break ("in the U.S. The next…", "U.S. interest.”")
    if not nxt or nxt[0] in "\n\u201c\u201d\"":
        return True
    return next_word[:1].isupper() and next_word.lower() in rules.sentence_starters


class _SentenceEnds:
    """The sentence ends of one text, each ``.``/``!``/``?`` judged at most once.

    Searching text[start:end] finds what ``_SENT_END.finditer(text, start, end)`` finds:
    the marks of the whole text inside the window, plus a mark in the window's last
    character (the window's end counts as the end of the string). The marks of a window
    are visited one by one from the end that is searched first, never copied: a search
    that stops at the first sentence end costs the marks it looks at, not the window
    (a window can reach the end of a long paragraph once per quotation).
    """

    __slots__ = ("text", "marks", "_judged")

    def __init__(self, text: str):
        self.text = text
        self.marks = [m.start() for m in _SENT_END.finditer(text)]
        self._judged: dict[int, bool] = {}

    def _is_end(self, p: int) -> bool:
        ok = self._judged.get(p)
        if ok is None:
            ok = self._judged[p] = _is_sentence_end(self.text, p)
        return ok

    def _window(self, start: int, end: int) -> tuple[int, int, int | None]:
        """The marks of text[start:end]: ``self.marks[lo:hi]``, then ``last`` (a mark in
        the window's last character, else None)."""
        end = min(end, len(self.text))
        if end <= start:
            return 0, 0, None
        marks = self.marks
        lo, hi = bisect.bisect_left(marks, start), bisect.bisect_left(marks, end - 1)
        return lo, hi, (end - 1 if self.text[end - 1] in ".!?" else None)

    def _first_end(self, start: int, end: int) -> int | None:
        """The first sentence end in text[start:end], None if there is none."""
        lo, hi, last = self._window(start, end)
        marks = self.marks
        for k in range(lo, hi):
            if self._is_end(marks[k]):
                return marks[k]
        if last is not None and self._is_end(last):
            return last
        return None

    def any_in(self, start: int, end: int) -> bool:
        """Does a sentence end in text[start:end]?"""
        return self._first_end(start, end) is not None

    def end_after(self, pos: int, end: int) -> int:
        """Offset just after the first sentence end in text[pos:end] (else ``end``)."""
        p = self._first_end(pos, end)
        return end if p is None else p + 1

    def start_before(self, pos: int, start: int) -> int:
        """Start of the sentence holding ``pos``: after the last sentence end in text[start:pos]."""
        lo, hi, last = self._window(start, pos)
        marks = self.marks
        p = last if last is not None and self._is_end(last) else None
        k = hi - 1
        while p is None and k >= lo:
            if self._is_end(marks[k]):
                p = marks[k]
            k -= 1
        if p is None:
            return start
        best = p + 1
        # skip a closing mark right after the period
        while best < pos and self.text[best] in "\u201d\"\u2019)":
            best += 1
        return best


# --------------------------------------------------------------------------- speakers

_PRONOUNS = {"he": "person", "she": "person", "it": "other", "they": "plural", "we": "plural", "i": "author"}
_ADVERBS = frozenset(
    "also then later once previously recently reportedly further quickly simply had has have would will "
    "again even only just repeatedly publicly privately separately earlier flatly bluntly angrily proudly "
    "openly told and".split()
)
_TERMINAL = re.compile(r"[.!?]")
_CLAUSE_CUT = re.compile(
    r"[ \u00a0]+(?:when|while|after|before|during|in|on|at|as|adding|because|since|to|from|with|via|"
    r"through|over|under|referring|speaking|according)[ \u00a0]+(?=[a-z\d])"
)
_CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
_LOWER_AFTER = re.compile(r"[ \u00a0]+[a-z]")
_LAST_WORD = re.compile(r"([\w.]+)$")
_WORD = re.compile(r"[\w\u2019'-]+")
_LOWER_WORD = re.compile(r"[a-z][\w\u2019'-]*")
_PLAIN_WORD = re.compile(r"[\w.\u2019'-]+")
_SPACES = re.compile(r"[\s\u00a0]+")
_COMMA_MARK = re.compile(r",([\u201d\"])$")
_LEAD_CONJ = re.compile(r"^(?:and|but|as|while|with) ")
_LEAD_THE = re.compile(r"[ \u00a0]+(?:[Tt]he[ \u00a0]+)?")
_OUTLET_NAME = re.compile(r"[A-Z][\w.&\u2019'-]*(?:[ \u00a0]+[A-Z][\w.&\u2019'-]*){0,3}")
_LEAD_PUNCT = re.compile(r"[\s,;:\u00a0\u2014\u2013\u2015-]*")
_LEAD_PRONOUN = re.compile(r"(He|She|It|They|We|I|he|she|it|they|we)\b")
_STARTS_UPPER = re.compile(r"[\W_]*[A-Z0-9\[]")
_NON_SPACE = re.compile(r"\S")  # \s is what str.strip() strips: text[a:b].strip() == "" iff no match in [a, b)


def _drop_adverbs(text: str, start: int, end: int) -> int:
    """End of a subject before a cue, leaving out adverbs ("Kim also said", "she quickly added")."""
    while True:
        seg = text[start:end].rstrip(_WS)
        cut = max(seg.rfind(" "), seg.rfind("\u00a0"))
        if cut <= 0:
            return start + len(seg)
        last = seg[cut + 1:]
        if last in _ADVERBS or (last.endswith("ly") and last.islower() and len(last) > 3):
            end = start + cut
            continue
        return start + len(seg)
_APPOS_START = re.compile(
    r"^(?:a|an|the|who|whose|which|former|senior|then|now|currently|one|chief|deputy|head|author|co-author|"
    r"\d+)\b", re.UNICODE
)
_CAPS_NAME = re.compile(
    r"[A-Z][\w\u2019'.-]*(?:[ \u00a0]+(?:[A-Z][\w\u2019'.-]*|(?:de|van|von|bin|al|del|da|of|for|and|the)(?=[ \u00a0][A-Z])))*"
)
_DETERMINERS = frozenset("the a an one two three several many some other both its his her their this that".split())
# _SentenceNames relies on this pattern having no lookahead and on its matches holding
# only characters _NAME_BARRIER does not match: keep the two in step
_SENTENCE_NAME = re.compile(
    r"(?:^|(?<=[.!?][ \u00a0])|(?<=[.!?][\u201d\"\u2019][ \u00a0]))"
    r"([A-Z][a-z\u00e0-\u00ff]+(?:[ \u00a0](?:[A-Z]\.[ \u00a0])?[A-Z][\w\u2019'-]+){1,3})",
    re.MULTILINE,
)


def _determined_nominal(chunk: str, stop: frozenset[str]) -> bool:
    """A noun phrase with a determiner: "The report", "the ministry"."""
    words = chunk.split()
    return bool(words) and words[0].lower() in _DETERMINERS and _is_nominal(chunk, stop)


def _is_nominal(head: str, stop: frozenset[str]) -> bool:
    """A common-noun speaker: "the ministry", "a U.S. official", "officials"."""
    words = head.split()
    if not 1 <= len(words) <= 6:
        return False
    last = words[-1]
    if not _LOWER_WORD.fullmatch(last) or last in stop:
        return False
    if len(words) == 1:
        return True
    return words[0].lower() in _DETERMINERS or all(_PLAIN_WORD.fullmatch(w) for w in words)


@dataclass(slots=True)
class _Attribution:
    speaker: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str
    cue_end: int
    description: str | None
    outlet: str | None


_NAME_WORD = re.compile(r"[A-Z][\w\u2019'-]+[ \u00a0]")
_WORD_CHAR = re.compile(r"[\w\u2019'-]")
_WORD_RUN = re.compile(r"[\w\u2019'-]+")
_SPACED_WORD = re.compile(r"(?<=[ \u00a0])[\w\u2019'-]+")


def _spaced_words(text: str) -> dict[str, list[int]]:
    """Where each word (a run of ``[\\w’'-]``) starts right after a space, in text order.

    >>> _spaced_words("Ann met Ann-Marie and Ann.")
    {'met': [4], 'Ann-Marie': [8], 'and': [18], 'Ann': [22]}
    """
    out: dict[str, list[int]] = {}
    for m in _SPACED_WORD.finditer(text):
        out.setdefault(m.group(), []).append(m.start())
    return out


def _spaced_occurrences(text: str, token: str, words: "Mapping[str, list[int]] | None") -> Iterable[int]:
    """The offsets where ``token`` follows a space and no word character follows it."""
    if words is not None and _WORD_RUN.fullmatch(token):
        return words.get(token, ())
    n = len(token)
    out = []
    q = text.find(token, 1)
    while q >= 0:
        if text[q - 1] in " \u00a0" and not _WORD_CHAR.match(text, q + n):
            out.append(q)
        q = text.find(token, q + 1)
    return out


def _names_ending_in(text: str, token: str,
                     words: "Mapping[str, list[int]] | None" = None) -> Iterator[tuple[int, int, str]]:
    r"""(start, end, words before ``token``) of one to four capitalized words and ``token``.

    Finds what ``re.finditer(r"((?:[A-Z][\w’'-]+[ \u00a0]){1,4})" + re.escape(token) +
    r"(?![\w’'-])", text)`` finds, without compiling a pattern for every token (that
    costs far more than the search): only the capitals in the four words before an
    occurrence of ``token`` can start a match, and each is tried like the pattern would
    (as many words as possible, then fewer). ``words`` (from :func:`_spaced_words`)
    lists where each word follows a space, so that a token made of word characters
    is found without scanning the text again.

    >>> list(_names_ending_in("Dr. Mark Delaney and Ann Delaney-Ray met Delaney.", "Delaney"))
    [(4, 16, 'Mark ')]
    """
    n = len(token)
    starts: set[int] = set()
    for q in _spaced_occurrences(text, token, words):
        b = q - 1  # the space before the token; walk back over up to four words
        for _ in range(4):
            a = b
            while a > 0 and _WORD_CHAR.match(text, a - 1):
                a -= 1
            starts.update(i for i in range(a, b) if "A" <= text[i] <= "Z")
            if a < 2 or text[a - 1] not in " \u00a0":
                break
            b = a - 1
    pos = 0
    for p in sorted(starts):
        if p < pos:
            continue
        ends: list[int] = []  # after one, two, … four words
        for _ in range(4):
            m = _NAME_WORD.match(text, ends[-1] if ends else p)
            if m is None:
                break
            ends.append(m.end())
        for e in reversed(ends):
            if text.startswith(token, e) and not _WORD_CHAR.match(text, e + n):
                yield p, e + n, text[p:e]
                pos = e + n
                break


_PERSON_TYPES = frozenset({"person"})
_GROUP_TYPES = frozenset({"organization", "media", "country"})
# a character no _SENTENCE_NAME match can hold: no match runs across it
_NAME_BARRIER = re.compile(r"[^\w\u00e0-\u00ff\u2019'\-. \u00a0]")


class _SentenceNames:
    """The ``_SENTENCE_NAME`` matches of a text, to answer "the last usable name in
    ``finditer(text, lo, pos)``" for many ``(lo, pos)`` without scanning text[lo:pos]
    each time (``lo`` can be the start of the article, once per quotation).

    A window up to :attr:`direct` characters long is scanned as it is, and so are longer
    ones until they add up to the length of the text (an article with a few pronouns far
    from the last name is not worth more). After that, the matches of the whole text,
    found once, are used, so the scans add up to a few times the text, never to a scan
    per quotation.

    Why that gives the same matches: a scan from ``lo`` and the scan of the whole text
    from 0 find the same matches after the first *barrier* past ``lo`` (a position just
    after a character no match can hold: no match of either scan runs across it, so both
    search on from there alike), and cutting the scan at ``pos`` changes only what the
    whole-text scan finds ending after ``pos`` (the pattern has no lookahead, so a match
    that fits before ``pos`` is found alike). So a long window is: a direct scan from
    ``lo`` to the first barrier, the whole-text matches after it that end by ``pos``
    (the last usable one from a prefix table), and a direct scan of the few characters
    from the first whole-text match past ``pos``.
    """

    __slots__ = ("text", "usable", "_budget", "_starts", "_ends", "_names", "_last")

    direct = 2000  # the longest window scanned as it is (the window without a person is 2000)

    def __init__(self, text: str, usable: "Callable[[re.Match[str]], str | None]"):
        self.text = text
        self.usable = usable
        self._budget = len(text)  # characters of long windows to scan directly before building
        self._starts: list[int] | None = None  # the whole-text matches, built on first use
        self._ends: list[int] = []
        self._names: list[str | None] = []
        self._last: list[int] = []  # index of the last usable match at or before each one, -1 if none

    def _build(self) -> list[int]:
        starts: list[int] = []
        last = -1
        for k, nm in enumerate(_SENTENCE_NAME.finditer(self.text)):
            name = self.usable(nm)
            starts.append(nm.start())
            self._ends.append(nm.end())
            self._names.append(name)
            if name is not None:
                last = k
            self._last.append(last)
        self._starts = starts
        return starts

    def _scan(self, lo: int, pos: int, after: int | None) -> tuple[str, int] | None:
        found = None
        for nm in _SENTENCE_NAME.finditer(self.text, lo, pos):
            if after is not None and nm.start() <= after:
                continue
            name = self.usable(nm)
            if name is not None:
                found = (name, nm.start())
        return found

    def last_before(self, lo: int, pos: int, after: int | None) -> tuple[str, int] | None:
        """(name, start) of the last usable match of ``finditer(text, lo, pos)`` that
        starts after ``after`` (any start when None; ``after`` is at most ``lo``)."""
        span = pos - lo
        if span <= self.direct:
            return self._scan(lo, pos, after)
        if self._starts is None and self._budget >= span:
            self._budget -= span
            return self._scan(lo, pos, after)
        barrier = _NAME_BARRIER.search(self.text, lo, pos)
        if barrier is None:
            return self._scan(lo, pos, after)
        cut = barrier.end()
        found = self._scan(lo, cut, after)  # nothing found here runs past ``cut``
        starts = self._starts if self._starts is not None else self._build()
        first = bisect.bisect_left(starts, cut)
        beyond = bisect.bisect_right(self._ends, pos)  # the first whole-text match ending after pos
        j = self._last[beyond - 1] if beyond > 0 else -1
        if j >= first:
            name = self._names[j]
            assert name is not None
            found = (name, starts[j])
        if beyond < len(starts) and starts[beyond] < pos:
            tail = self._scan(starts[beyond], pos, after)  # cut short by ``pos``: scan again
            if tail is not None:
                found = tail
        return found


#: :meth:`_Context.full_name` scans the text for this many different names, then indexes its words
_SCANS_BEFORE_INDEX = 8


class _Context:
    """Per-article lookups shared by the attribution passes."""

    def __init__(self, text: str, mentions: list[ActorMention], quote_spans: list[tuple[int, int]],
                 author: str | None, cues: CueLexicon, ends: _SentenceEnds):
        self.text = text
        self.ends = ends
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.quote_spans = sorted(quote_spans)
        self.author = author
        self.cues = cues
        from newsframe.text import stopwords

        self.stop = stopwords()
        self.titles: frozenset[str] = frozenset()
        self.titles_lower: frozenset[str] = frozenset()
        self.last_nonperson: tuple[str, int, int] | None = None  # ("the company", start, end of its attribution)
        self._full: dict[str, str | None] = {}
        self._words: dict[str, list[int]] | None = None  # _spaced_words(text), once many names were asked
        # for each mention index, the index of the last person / group mention outside
        # quotations at or before it (-1 if none), filled as far as asked
        self._last_person: list[int] = []
        self._last_group: list[int] = []
        self._names: _SentenceNames | None = None  # built on first use (after ``titles`` is set)

    def full_name(self, token: str) -> str | None:
        """A fuller name ending in ``token`` named anywhere in the text ("Delaney" → "Mark Delaney")."""
        if token not in self._full:
            found = None
            if self._words is None and len(self._full) >= _SCANS_BEFORE_INDEX:
                self._words = _spaced_words(self.text)  # a transcript with many speakers: no scan per name
            for start, end, before in _names_ending_in(self.text, token, self._words):
                words = before.split()
                cut, _ = name_start(words + [token], self.titles_lower)
                words = words[cut:]
                if words and words[0].lower() not in self.stop and not self.mentions_in(start, end):
                    found = " ".join(words + [token])
                    break
            self._full[token] = found
        return self._full[token]

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quote_spans, (pos, 10**12)) - 1
        return i >= 0 and self.quote_spans[i][0] <= pos < self.quote_spans[i][1]

    def mentions_in(self, s: int, e: int) -> list[ActorMention]:
        i = bisect.bisect_left(self.starts, s)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < e:
            if self.mentions[i].end <= e:
                out.append(self.mentions[i])
            i += 1
        return out

    def _last_outside(self, table: list[int], types: frozenset[str], i: int) -> int:
        """The largest ``j <= i`` whose mention has a type in ``types`` and is outside
        quotations (-1 if none): what walking back from mention ``i`` finds. ``table``
        holds the answers for the mentions up to the furthest asked so far and is
        extended to ``i``: each mention is looked at once per table."""
        mentions = self.mentions
        for j in range(len(table), i + 1):
            m = mentions[j]
            table.append(j if m.type in types and not self.in_quote(m.start) else (table[-1] if j else -1))
        return table[i]

    def _sentence_name(self, nm: "re.Match[str]") -> str | None:
        """The person a sentence-opening name match stands for, or None when it is in a
        quotation, holds a known actor, or is not a name of two words or more."""
        s, e = nm.span(1)
        if self.in_quote(s) or self.mentions_in(s, e):
            return None
        words = nm.group(1).split()
        while words and words[0] in self.titles:
            words = words[1:]
        if len(words) >= 2 and words[0].lower() not in self.stop:
            return " ".join(words)
        return None

    def last_person_before(self, pos: int) -> tuple[str, int] | None:
        """The person a pronoun at ``pos`` most likely refers to: (name, start).

        The last sentence before ``pos`` that names a person (in narration) is found,
        and the first person it names is taken — its subject, usually ("Lisa Moreno
        shot back that Keller was wrong. She added: …" is Lisa Moreno).

        The last person mention outside quotations comes from a table filled once per
        article, and the later sentence-opening names from :class:`_SentenceNames`:
        a call costs a few bisections, not a walk back over every earlier mention and
        quotation (quadratic in an article of many quotations).
        """
        found: tuple[str, int] | None = None
        i = bisect.bisect_left(self.starts, pos) - 1
        j = self._last_outside(self._last_person, _PERSON_TYPES, i) if i >= 0 else -1
        if j >= 0:
            found = (self.mentions[j].actor, self.mentions[j].start)
        if found is not None:
            sent_start = self.ends.start_before(found[1], max(0, found[1] - 1500))
            for m in self.mentions_in(sent_start, found[1]):
                if m.type == "person" and not self.in_quote(m.start):
                    found = (m.actor, m.start)
                    break
        # a person who is not in the gazetteer, named at the start of a sentence
        # ("Tara Singh paused. “…” she asked.")
        lo = found[1] if found else max(0, pos - 2000)
        if self._names is None:
            self._names = _SentenceNames(self.text, self._sentence_name)
        name = self._names.last_before(lo, pos, found[1] if found else None)
        return name if name is not None else found

    def last_group_before(self, pos: int) -> ActorMention | None:
        """The last organization, media or country mention before ``pos`` outside
        quotations (from a table filled once per article, like :meth:`last_person_before`)."""
        i = bisect.bisect_left(self.starts, pos) - 1
        j = self._last_outside(self._last_group, _GROUP_TYPES, i) if i >= 0 else -1
        return self.mentions[j] if j >= 0 else None


_PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being)[ \u00a0]+$")
_TYPE_PRIORITY = {"person": 0, "media": 1, "organization": 2, "country": 3}


def _clean(s: str) -> str:
    s = _SPACES.sub(" ", s).strip(" ,;:")
    s = _COMMA_MARK.sub(r"\1", s)
    s = _LEAD_CONJ.sub("", s)
    return s.strip(" ,;:") or ""


def _has_name(ctx: _Context, s: int, e: int) -> bool:
    if ctx.mentions_in(s, e):
        return True
    chunk = ctx.text[s:e].strip()
    first = chunk.split(" ", 1)[0].lower() if chunk else ""
    if first in _PRONOUNS:
        return True
    for m in _CAPS_NAME.finditer(ctx.text, s, e):
        if m.group(0).split()[0].lower() not in ctx.stop:
            return True
    return False


def _chunks(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Comma-separated chunks of text[s:e] (commas inside quotation marks do not split)."""
    out = []
    cur = s
    depth = 0
    for i in range(s, e):
        ch = text[i]
        if ch in "\u201c\u2018":
            depth += 1
        elif ch in "\u201d" and depth:
            depth -= 1
        elif ch == "," and depth == 0:
            out.append((cur, i))
            cur = i + 1
    out.append((cur, e))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _resolve_subject(ctx: _Context, s: int, e: int, *, head_first: bool = False) -> tuple[
    str | None, str | None, int | None, int | None, str | None
]:
    """(speaker, speaker_text, start, end, description) for a subject phrase text[s:e]."""
    text = ctx.text
    chunks = _chunks(text, s, e)
    if not chunks:
        return None, None, None, None, None
    # walk back over appositions to the head chunk
    h = 0 if head_first else len(chunks) - 1
    if not head_first:
        while h > 0:
            a, b = chunks[h]
            body = text[a:b].strip()
            first = body.split(" ", 1)[0] if body else ""
            participle = first.islower() and first.endswith(("ed", "en", "ing"))
            if (_APPOS_START.match(body) or participle) and any(
                _has_name(ctx, *chunks[j]) or _determined_nominal(ctx.text[chunks[j][0]:chunks[j][1]].strip(), ctx.stop)
                for j in range(h)
            ):
                h -= 1
            else:
                break
    hs, he = chunks[h]
    appos = _clean(text[chunks[h + 1][0]:chunks[-1][1]]) if h + 1 < len(chunks) else ""
    head = text[hs:he]
    lead = len(head) - len(head.lstrip(_WS))
    hs += lead
    head = head.strip(_WS)
    low = head.lower()
    words = low.split()
    if len(words) > 2 and words[-1] in _PRONOUNS and words[-2] not in ("and", "or"):
        # "Hours later it posted": the pronoun right before the cue is the subject
        cut = len(head) - len(head.split()[-1])
        hs, head, low, words = hs + cut, head[cut:], words[-1], [words[-1]]
    # pronoun
    if words and words[0] in _PRONOUNS and len(words) <= 2:
        kind = _PRONOUNS[words[0]]
        ref: str | None = None
        if kind == "person":
            person = ctx.last_person_before(hs)
            ref = person[0] if person else None
        elif kind == "other":
            group = ctx.last_group_before(hs)
            ref = group.actor if group else None
            if group is not None and group.form == "adjective":
                # "the Swedish Prosecution Authority … it": the body, not the country
                more = _CAPS_NAME.match(text, group.end + 1) if text[group.end:group.end + 1] == " " else None
                if more and more.group(0).split()[0].lower() not in ctx.stop:
                    ref = f"{group.text} {_SPACES.sub(' ', more.group(0))}".rstrip(".")
            last = ctx.last_nonperson
            if last is not None and (group is None or last[1] > group.start or group.start < last[2]):
                ref = last[0]  # the body that spoke last ("…,” the agency said. “…,” it added.)
        elif kind == "author":
            return ctx.author, head.split()[0], hs, hs + len(head.split()[0]), appos or None
        pron = head.split()[0]
        return ref, pron, hs, hs + len(pron), appos or None
    # a known actor in the head
    found = ctx.mentions_in(hs, hs + len(head))
    if found:
        best = sorted(found, key=lambda m: (_TYPE_PRIORITY.get(m.type, 9), m.start))[0]
        rest = [w for w in head.replace(best.text, " ").split() if w.lower() not in _DETERMINERS]
        if best.type == "person" or (not rest and not any(m.type == "person" for m in found)):
            prefix = _clean(text[hs:best.start])
            if best.type != "person" and prefix and not prefix[0].isupper():
                prefix = ""
            desc = ", ".join(x for x in (prefix if best.type == "person" else "", appos) if x) or None
            return best.actor, best.text, best.start, best.end, desc
    # a capitalized name not in the gazetteer: the one nearest the cue
    names = []
    for m in _CAPS_NAME.finditer(text, hs, hs + len(head)):
        words_ = _SPACES.sub(" ", m.group(0)).rstrip(".").split()
        cut, _ = name_start(words_, ctx.titles_lower)
        overlapping = [f for f in found if f.start < m.end() and m.start() < f.end]
        # a country adjective opening a longer name is part of it ("Swedish Prosecution Authority")
        if overlapping and not (len(overlapping) == 1 and overlapping[0].start == m.start()
                                and overlapping[0].form in ("adjective", "demonym") and len(words_) > 2):
            continue
        if (words_[cut].lower() in ctx.stop or len(m.group(0)) < 2 or words_[-1].rstrip(".,") in _CALENDAR
                # one capitalized word before a common noun modifies it ("Emergency officials")
                or (len(words_) == 1 and _LOWER_AFTER.match(text, m.end(), hs + len(head)))):
            continue
        names.append((m, words_, cut))
    if names:
        m, words_, cut = names[0] if head_first else names[-1]
        tokens = list(re.finditer(r"\S+", m.group(0)))
        n_start = m.start() + tokens[cut].start()
        name = " ".join(words_[cut:])
        speaker = name
        if len(words_) - cut == 1:
            speaker = ctx.full_name(name) or name
        prefix = _clean(text[hs:n_start])
        desc = ", ".join(x for x in (prefix, appos) if x) or None
        return speaker, name, n_start, n_start + len(name), desc
    # a nominal speaker: "the ministry", "officials"
    if _is_nominal(head, ctx.stop):
        speaker = head[0].lower() + head[1:] if words[0] in _DETERMINERS else head
        return speaker, head, hs, hs + len(head), appos or None
    return None, None, None, None, None


def _outlet(ctx: _Context, s: int, e: int) -> str | None:
    """The outlet right after "told" in text[s:e] ("told NPR", "told Fox News Digital")."""
    seg = ctx.text[s:e]
    m = _LEAD_THE.match(seg)
    if not m:
        return None
    pos = s + m.end()
    for mention in ctx.mentions_in(pos, e):
        if mention.start == pos and mention.type in ("media", "organization"):
            return mention.actor
        break
    cm = _OUTLET_NAME.match(ctx.text, pos, e)
    if cm and cm.group(0).split()[0].lower() not in ctx.stop | {"reporters", "journalists"}:
        return cm.group(0).rstrip(".")
    return None


def _attribution_after(ctx: _Context, a: int, b: int) -> _Attribution | None:
    """Attribution in the narration text[a:b] right after a closing mark."""
    text = ctx.text
    cue_re = ctx.cues._cue_regex
    m = _LEAD_PUNCT.match(text, a, b)
    p = m.end() if m else a
    if p >= b or text[p] in ".!?":
        return None
    cm = cue_re.match(text, p)
    if cm:  # cue first: ", said Smith" / ", according to the report"
        subj_end = ctx.ends.end_after(cm.end(), b)
        ss = cm.end()
        clause = _CLAUSE_CUT.search(text, ss, subj_end)
        if clause:  # "said a spokesperson when contacted by Reuters"
            subj_end = clause.start()
        speaker, stext, s0, s1, desc = _resolve_subject(ctx, ss, _strip_end(text, ss, subj_end), head_first=True)
        if speaker is None and stext is None:
            return None
        return _Attribution(speaker, stext, s0, s1, _cue_text(cm), cm.end(), desc, None)
    # subject first: "Kim wrote", "Hong Min, a … expert, told NPR"
    end = ctx.ends.end_after(p, b)
    for cm in cue_re.finditer(text, p, end):
        if _PASSIVE.search(text, max(p, cm.start() - 12), cm.start()):
            continue  # "signs were posted"
        between = text[p:cm.start()]
        if len(between.split()) > 45:
            break
        subj_end = _drop_adverbs(text, p, cm.start())
        if not _has_name(ctx, p, subj_end) and not _is_nominal(text[p:subj_end].strip(), ctx.stop):
            continue
        speaker, stext, s0, s1, desc = _resolve_subject(ctx, p, subj_end)
        if speaker is None and stext is None:
            continue
        cue = _cue_text(cm)
        outlet = _outlet(ctx, cm.end(), end) if cue.startswith("told") or cue.startswith("tell") else None
        return _Attribution(speaker, stext, s0, s1, cue, cm.end(), desc, outlet)
    return None


def _strip_end(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in _WS + ".!?":
        e -= 1
    return e


def _cue_text(cm: "re.Match[str]") -> str:
    return " ".join(cm.group(0).lower().split())


def _attribution_before(ctx: _Context, a: int, b: int) -> _Attribution | None:
    """Attribution in the narration text[a:b] that ends at an opening mark."""
    text = ctx.text
    cue_re = ctx.cues._cue_regex
    cues = list(cue_re.finditer(text, a, b))
    for cm in reversed(cues):
        if _PASSIVE.search(text, max(a, cm.start() - 12), cm.start()):
            continue
        mid = text[cm.end():b]
        if len(mid.split()) > 15:
            break
        cue = _cue_text(cm)
        if cue in ("according to", "in the words of"):
            subj_end = cm.end() + len(mid.rstrip(_WS + ",:"))
            speaker, stext, s0, s1, desc = _resolve_subject(ctx, cm.end(), subj_end, head_first=True)
            if stext is None:
                continue
            return _Attribution(speaker, stext, s0, s1, cue, cm.end(), desc, None)
        if cue.endswith("ing"):
            # participle: the subject of the clause it hangs on
            region_end = cm.start()
            rs = a + (len(text[a:region_end]) - len(text[a:region_end].lstrip(_WS)))
            first = _first_subject(ctx, rs, region_end)
            if first is None:
                continue
            speaker, stext, s0, s1 = first
            return _Attribution(speaker, stext, s0, s1, cue, cm.end(), None, None)
        subj_end = _drop_adverbs(text, a, cm.start())
        if not text[a:subj_end].strip():
            continue
        speaker, stext, s0, s1, desc = _resolve_subject(ctx, a, subj_end)
        if stext is None:
            continue
        outlet = _outlet(ctx, cm.end(), b) if cue.startswith("told") or cue.startswith("tell") else None
        return _Attribution(speaker, stext, s0, s1, cue, cm.end(), desc, outlet)
    return None


def _first_subject(ctx: _Context, s: int, e: int) -> tuple[str | None, str, int, int] | None:
    text = ctx.text
    m = _LEAD_PRONOUN.match(text[s:e])
    if m:
        speaker, stext, s0, s1, _ = _resolve_subject(ctx, s, s + m.end())
        return speaker, m.group(1), s, s + m.end()
    found = ctx.mentions_in(s, e)
    if found and found[0].start - s < 40:
        f = found[0]
        return f.actor, f.text, f.start, f.end
    cm = _CAPS_NAME.match(text, s, e)
    if cm and cm.group(0).split()[0].lower() not in ctx.stop:
        speaker, stext, s0, s1, _ = _resolve_subject(ctx, cm.start(), cm.end())
        if stext is not None and s0 is not None and s1 is not None:
            return speaker, stext, s0, s1
    return None


# --------------------------------------------------------------------------- main

def extract_quotes(
    article: "Article | str",
    *,
    gazetteer: "Gazetteer | str | Path | None" = None,
    cues: "CueLexicon | str | Path | None" = None,
) -> list[Quote]:
    """Every quotation in an article, with speaker, cue and kind, in text order.

    Parameters
    ----------
    article : Article or str
    gazetteer : Gazetteer or path, optional
        Used to resolve speakers (default: the shipped gazetteer).
    cues : CueLexicon or path, optional
        Attribution and not-speech cues (default: ``resources/cue_verbs.txt``).

    Returns
    -------
    list of Quote
        Sorted by ``start``; quotations never overlap. Titles in quotation marks
        ("author of “Putin’s Playbook”") are not included. An article without
        quotation marks gives an empty list.

    Raises
    ------
    TypeError
        If ``article`` is neither an Article nor a string.

    Examples
    --------
    >>> qs = extract_quotes("Peskov told TASS they “talked about space.” “It is late,” he said.")
    >>> [(q.text, q.speaker, q.kind, q.outlet) for q in qs]
    [('talked about space.', 'Dmitry Peskov', 'partial', 'TASS'), ('It is late', 'Dmitry Peskov', 'full', None)]
    """
    text = _text_of(article)
    lex = _resolve_cues(cues)
    gaz = _resolve_gazetteer(gazetteer)
    author = getattr(article, "author", None) if not isinstance(article, str) else None
    return list(_extract(text, article_date(article), gaz, lex, author))


@lru_cache(maxsize=64)
def _extract(text: str, date: Any, gaz: Gazetteer, lex: CueLexicon, author: str | None) -> tuple[Quote, ...]:
    if not any(c in text for c in _DOUBLE + _SINGLE):
        return ()
    paragraphs = _paragraph_spans(text)
    pieces = _pair_marks(text, paragraphs, lex._cue_regex)
    if not pieces:
        return ()
    ends = _SentenceEnds(text)
    # titles and names in quotation marks are not speech
    speech: list[_Piece] = []
    for pc in pieces:
        if pc.index_in_group == 0 and pc.open_mark >= 0 and lex._not_speech_reversed is not None:
            ps = paragraphs[pc.paragraph][0]
            left = text[max(ps, pc.open_mark - 60):pc.open_mark]
            if lex._not_speech_reversed.match(left[::-1]) and ends.start_before(pc.open_mark, ps) < pc.open_mark - 1:
                continue
            if _POSSESSIVE_BEFORE.search(left) and _is_title_case(text[pc.start:pc.end]):
                continue  # "CNN’s “State of the Union”", "NBC's “Meet the Press”"
        speech.append(pc)
    if not speech:
        return ()
    mark_spans = [(pc.open_mark if pc.open_mark >= 0 else pc.start, (pc.close_mark + 1) if pc.close_mark is not None else pc.end)
                  for pc in speech]
    from newsframe.actors import _mentions

    rows = _mentions(text, date, gaz)
    mentions = [ActorMention(r[2], r[0], r[1], text[r[0]:r[1]], r[3], r[4], 0, r[5]) for r in rows]
    ctx = _Context(text, mentions, mark_spans, author, lex, ends)
    ctx.titles = gaz._titles
    ctx.titles_lower = gaz._titles_lower

    results: list[dict[str, Any]] = []
    for i, pc in enumerate(speech):
        ps, pe = paragraphs[pc.paragraph]
        prev = speech[i - 1] if i > 0 else None
        nxt = speech[i + 1] if i + 1 < len(speech) else None
        open_pos = pc.open_mark if pc.open_mark >= 0 else pc.start
        close_end = (pc.close_mark + 1) if pc.close_mark is not None else pc.end
        # narration before: from the sentence start (or the previous quotation) to the mark
        before_from = ps
        if prev is not None and prev.paragraph == pc.paragraph:
            before_from = mark_spans[i - 1][1]
        sent_start = ends.start_before(open_pos, before_from)
        before = (sent_start, open_pos)
        # narration after: to the end of the sentence or the next quotation
        after_to = pe
        if nxt is not None and nxt.paragraph == pc.paragraph:
            after_to = mark_spans[i + 1][0]
        after = (close_end, after_to)
        before_text = text[before[0]:before[1]]
        content = text[pc.start:pc.end]
        starts_upper = bool(_STARTS_UPPER.match(content))
        at_start = not before_text.strip(_WS + "\u2014\u2013-")
        attrib: _Attribution | None = None
        kind = "full"
        if pc.index_in_group > 0:
            kind = "continuation"  # next paragraph of a long quotation
            attrib = _attribution_after(ctx, *after) if pc.close_mark is not None and after[1] > after[0] else None
        else:
            b_attr = _attribution_before(ctx, *before) if not at_start else None
            a_attr = _attribution_after(ctx, *after) if after[1] > after[0] else None
            mid = text[b_attr.cue_end:open_pos].rstrip(_WS) if b_attr is not None else ""
            if at_start:
                kind = "full"
            elif b_attr is not None and starts_upper and (
                not mid.strip(_WS + ",:\u2014-") or mid.endswith(":") or mid.endswith(",")
            ):
                kind = "full"  # "He said: “We …”", "According to Smith, “It …”"
            else:
                kind = "partial"  # quoted words inside narration
            # a quotation that opens its sentence is attributed after it; otherwise the
            # cue before it in the same sentence comes first ("Kim vowed to build “…”")
            attrib = a_attr if at_start else (b_attr or a_attr)
            if attrib is None and kind == "full" and at_start and pc.paragraph > 0 and open_pos == ps:
                # "She said:\n\n“…”"
                pps, ppe = paragraphs[pc.paragraph - 1]
                tail = text[pps:ppe].rstrip()
                if tail.endswith(":"):
                    attrib = _attribution_before(ctx, ends.start_before(pps + len(tail) - 1, pps), pps + len(tail))
            if attrib is None and kind == "full" and at_start and sent_start > before_from and (
                prev is None or prev.paragraph != pc.paragraph
            ):
                # "Ines Moreau, a nurse, said the shift was long. “We had no break.”"
                prev_start = ends.start_before(sent_start - 1, before_from)
                cand = _attribution_before(ctx, prev_start, sent_start)
                if cand is not None and cand.cue in ctx.cues.reporting:
                    attrib = cand
            # middle attribution: “A,” he said, “b.” -> b continues A
            if (prev is not None and prev.paragraph == pc.paragraph and results
                    and results[-1]["after_attr"] is not None
                    and not ends.any_in(mark_spans[i - 1][1], open_pos)):
                kind, attrib = "continuation", None
            elif attrib is None and prev is not None and results and at_start and (
                prev.paragraph == pc.paragraph
                or (prev.paragraph == pc.paragraph - 1 and open_pos == ps and results[-1]["last_in_paragraph"])
            ):
                kind = "continuation"
        if attrib is not None and attrib.speaker and attrib.speaker_start is not None:
            typ = next((m.type for m in ctx.mentions_in(attrib.speaker_start, attrib.speaker_end or attrib.speaker_start)), None)
            if (typ is not None and typ != "person") or (typ is None and attrib.speaker[:1].islower()):
                ctx.last_nonperson = (attrib.speaker, attrib.speaker_start, attrib.cue_end)
        results.append({
            "piece": pc, "kind": kind, "attr": attrib, "at_start": at_start,
            "after_attr": (attrib if attrib is not None and attrib.cue_end > close_end else None),
            "last_in_paragraph": _NON_SPACE.search(text, ends.end_after(close_end, pe) if pc.close_mark is not None else pe,
                                                   pe) is None,
        })

    # speakers: own attribution, else inherited (continuations, paragraph groups, forward)
    speakers: list[dict[str, Any]] = []
    for i, r in enumerate(results):
        a: _Attribution | None = r["attr"]
        speakers.append({
            "speaker": a.speaker if a else None, "cue": a.cue if a else None,
            "description": a.description if a else None, "outlet": a.outlet if a else None,
            "speaker_text": a.speaker_text if a else None,
            "speaker_start": a.speaker_start if a else None, "speaker_end": a.speaker_end if a else None,
            "own": a is not None,
        })
    group_speaker: dict[int, dict[str, Any]] = {}
    for r, sp in zip(results, speakers):
        g = r["piece"].group
        if sp["own"] and g not in group_speaker:
            group_speaker[g] = sp
    for i, (r, sp) in enumerate(zip(results, speakers)):
        if sp["own"]:
            continue
        src = group_speaker.get(r["piece"].group)
        if src is None and r["kind"] == "continuation" and i > 0:
            src = {"speaker": speakers[i - 1]["speaker"]}
        if src is None and i + 1 < len(results):
            nxt_pc = results[i + 1]["piece"]
            gap = text[(r["piece"].close_mark or r["piece"].end) + 1: (nxt_pc.open_mark if nxt_pc.open_mark >= 0 else nxt_pc.start)]
            if nxt_pc.paragraph == r["piece"].paragraph and not gap.strip() and speakers[i + 1]["own"]:
                src = {"speaker": speakers[i + 1]["speaker"]}
        if src is not None:
            sp["speaker"] = src["speaker"]
        if sp["speaker"] is None and r["kind"] == "continuation" and r["piece"].index_in_group == 0:
            r["kind"] = "full" if r["at_start"] else "partial"  # nothing to continue
    out = []
    for r, sp in zip(results, speakers):
        pc = r["piece"]
        out.append(Quote(
            text=text[pc.start:pc.end], start=pc.start, end=pc.end, speaker=sp["speaker"],
            cue=sp["cue"] if sp["own"] else None, kind=r["kind"], description=sp["description"] if sp["own"] else None,
            outlet=sp["outlet"] if sp["own"] else None, speaker_text=sp["speaker_text"] if sp["own"] else None,
            speaker_start=sp["speaker_start"] if sp["own"] else None, speaker_end=sp["speaker_end"] if sp["own"] else None,
            paragraph=pc.paragraph,
        ))
    return tuple(out)


# --------------------------------------------------------------------------- tables

def _word_count(text: str) -> int:
    from newsframe.text import tokenize_words

    return len(tokenize_words(text))


def quote_table(
    article: "Article | str",
    *,
    gazetteer: "Gazetteer | str | Path | None" = None,
    cues: "CueLexicon | str | Path | None" = None,
) -> "pd.DataFrame":
    """The quotations of an article as a tidy table (one row per quotation).

    ``gazetteer`` and ``cues`` are passed to :func:`extract_quotes`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`QUOTE_TABLE_COLUMNS`; ``words`` is the number of word tokens
        in the quotation. In text order.

    Examples
    --------
    >>> quote_table("“Yes,” said Jane Roe.")[["quote", "speaker", "words"]].values.tolist()
    [['Yes', 'Jane Roe', 1]]
    """
    import pandas as pd

    quotes = extract_quotes(article, gazetteer=gazetteer, cues=cues)
    art_id = getattr(article, "id", "text")
    rows = [
        {"article_id": art_id, "quote": q.text, "start": q.start, "end": q.end, "speaker": q.speaker, "cue": q.cue,
         "kind": q.kind, "description": q.description, "outlet": q.outlet, "words": _word_count(q.text)}
        for q in quotes
    ]
    return pd.DataFrame(rows, columns=list(QUOTE_TABLE_COLUMNS)).astype({"start": "int64", "end": "int64", "words": "int64"})


def voice_table(
    article: "Article | str",
    *,
    by: Literal["speaker", "source_type"] = "speaker",
    gazetteer: "Gazetteer | str | Path | None" = None,
    cues: "CueLexicon | str | Path | None" = None,
) -> "pd.DataFrame":
    """How much of the article each voice gets: quotations and share of words.

    The article's words are split between the quotations of each speaker and the
    author's narration (everything outside quotations); unattributed quotations form
    the voice ``"unattributed"``.

    Parameters
    ----------
    by : {"speaker", "source_type"}
        One row per speaker, or per source type ("Russian government", "U.S.
        analyst", …; see :func:`newsframe.actors.actor_info`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`VOICE_TABLE_COLUMNS`: ``voice`` (speaker, source type,
        ``"narration"`` or ``"unattributed"``), ``source_type``, ``country``,
        ``sector``, ``quotes`` (count), ``words`` (word tokens), ``share`` (words /
        all words of the article, 0–1, higher = more of the article; the column sums
        to 1; NaN for an article without words). Narration first, then by
        ``(-words, voice)``.

    Raises
    ------
    ValueError
        If ``by`` is not one of the valid choices.

    Examples
    --------
    >>> t = voice_table("“Go now,” Jane Roe, an analyst, said.")
    >>> t[["voice", "source_type", "quotes", "words"]].values.tolist()
    [['narration', 'author', 0, 5], ['Jane Roe', 'analyst', 1, 2]]
    """
    import pandas as pd

    if by not in ("speaker", "source_type"):
        raise ValueError(f"by must be one of 'speaker', 'source_type', not {by!r}")
    gaz = _resolve_gazetteer(gazetteer)
    text = _text_of(article)
    quotes = extract_quotes(article, gazetteer=gaz, cues=cues)
    date = article_date(article)
    total = _word_count(text)
    descriptions: dict[str, str] = {}
    for q in quotes:
        if q.speaker and q.description and q.speaker not in descriptions:
            descriptions[q.speaker] = q.description
    rows: dict[str, dict[str, Any]] = {}
    quoted = 0
    for q in quotes:
        n = _word_count(q.text)
        quoted += n
        if q.speaker is None:
            voice, source, country, sector = "unattributed", "unattributed", None, None
        else:
            info = actor_info(q.speaker, description=descriptions.get(q.speaker), date=date, gazetteer=gaz)
            source, country, sector = info.source_type, info.country, info.sector
            voice = q.speaker if by == "speaker" else source
        if by == "source_type" and q.speaker is not None:
            country = sector = None
            key = source
        else:
            key = voice
        row = rows.setdefault(key, {"voice": key, "source_type": source, "country": country, "sector": sector,
                                    "quotes": 0, "words": 0})
        row["quotes"] += 1
        row["words"] += n
    if by == "source_type":
        for row in rows.values():
            row["country"] = None
            row["sector"] = None
    narration: dict[str, Any] = {"voice": "narration", "source_type": "author", "country": None, "sector": None, "quotes": 0,
                 "words": total - quoted}
    ordered = [narration] + sorted(rows.values(), key=lambda r: (-r["words"], r["voice"]))
    art_id = getattr(article, "id", "text")
    for r in ordered:
        r["article_id"] = art_id
        r["share"] = r["words"] / total if total else float("nan")
    return pd.DataFrame(ordered, columns=list(VOICE_TABLE_COLUMNS)).astype({"quotes": "int64", "words": "int64"})


def prominence_table(
    article: "Article | str",
    *,
    gazetteer: "Gazetteer | str | Path | None" = None,
    cues: "CueLexicon | str | Path | None" = None,
) -> "pd.DataFrame":
    """Who speaks vs. who is spoken about: mentions and quotations per actor.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PROMINENCE_TABLE_COLUMNS`: ``mentions`` (all mentions),
        ``mentions_in_narration`` / ``mentions_in_quotes`` (spoken about by the author
        vs. by quoted speakers), ``quotes`` and ``quoted_words`` (how much the actor
        speaks), ``share`` (quoted words / article words, 0–1; NaN for an empty
        article). One row per actor mentioned or quoted; sorted by ``(-mentions,
        -quoted_words, actor)``.

    Examples
    --------
    >>> t = prominence_table("“Yes,” Putin said of Kim Jong Un.")
    >>> t[["actor", "mentions", "quotes", "quoted_words"]].values.tolist()
    [['Vladimir Putin', 1, 1, 1], ['Kim Jong Un', 1, 0, 0]]
    """
    import pandas as pd

    gaz = _resolve_gazetteer(gazetteer)
    text = _text_of(article)
    quotes = extract_quotes(article, gazetteer=gaz, cues=cues)
    mentions = find_actors(article, gazetteer=gaz)
    date = article_date(article)
    total = _word_count(text)
    spans = sorted((q.start, q.end) for q in quotes)
    starts = [s for s, _ in spans]

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and spans[i][0] <= pos < spans[i][1]

    rows: dict[str, dict[str, Any]] = {}

    def row(actor: str, typ: str | None) -> dict[str, Any]:
        if actor not in rows:
            rows[actor] = {"actor": actor, "type": typ, "mentions": 0, "mentions_in_narration": 0,
                           "mentions_in_quotes": 0, "quotes": 0, "quoted_words": 0}
        return rows[actor]

    for m in mentions:
        r = row(m.actor, m.type)
        r["mentions"] += 1
        r["mentions_in_quotes" if inside(m.start) else "mentions_in_narration"] += 1
    descriptions = {q.speaker: q.description for q in quotes if q.speaker and q.description}
    for q in quotes:
        if q.speaker is None:
            continue
        r = row(q.speaker, None)
        r["quotes"] += 1
        r["quoted_words"] += _word_count(q.text)
    art_id = getattr(article, "id", "text")
    out = []
    for r in rows.values():
        info = actor_info(r["actor"], description=descriptions.get(r["actor"]), date=date, gazetteer=gaz)
        r["type"] = r["type"] or info.type
        r["source_type"] = info.source_type
        r["share"] = r["quoted_words"] / total if total else float("nan")
        r["article_id"] = art_id
        out.append(r)
    out.sort(key=lambda r: (-r["mentions"], -r["quoted_words"], r["actor"]))
    return pd.DataFrame(out, columns=list(PROMINENCE_TABLE_COLUMNS)).astype(
        {"mentions": "int64", "mentions_in_narration": "int64", "mentions_in_quotes": "int64", "quotes": "int64",
         "quoted_words": "int64"}
    )


def record_fields(article: "Article", sentences: Sequence[Any]) -> tuple[dict[int, dict[str, Any]], dict[str, Any]]:
    """JSON keys for ``newsframe analyze --json``: per article ``"quotes"``.

    ``"quotes": [{"text", "start", "end", "speaker", "cue", "kind"}]`` in text order;
    nothing per sentence.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> record_fields(Article.from_text("“Yes,” said Jane Roe."), [])[1]["quotes"]
    [{'text': 'Yes', 'start': 1, 'end': 4, 'speaker': 'Jane Roe', 'cue': 'said', 'kind': 'full'}]
    """
    return {}, {
        "quotes": [
            {"text": q.text, "start": q.start, "end": q.end, "speaker": q.speaker, "cue": q.cue, "kind": q.kind}
            for q in extract_quotes(article)
        ]
    }
