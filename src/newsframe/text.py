"""Sentences, words and normalisation with exact character offsets.

Everything here works offline with what ships inside pip packages: sentence splitting
is NLTK's Punkt algorithm with an English abbreviation list shipped in
``newsframe/resources/`` (no ``punkt`` download), plus repairs for what news text does
to it; lemmas come from ``simplemma`` and stems from ``snowballstemmer``, which carry
their own data.

Examples
--------
>>> [s.text for s in split_sentences("The U.S. Army said so. It left.")]
['The U.S. Army said so.', 'It left.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from newsframe.paths import resource_path

if TYPE_CHECKING:
    from newsframe.ingest import Article

__all__ = [
    "Sentence",
    "Token",
    "Normalized",
    "split_sentences",
    "tokenize_words",
    "normalize",
    "stopwords",
    "lemmatize",
    "stem",
]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence; ``text[start:end] == sentence.text`` for the text it came from.

    ``paragraph`` is the 0-based index of the paragraph (block separated by a blank
    line) holding it; for an :class:`~newsframe.ingest.Article` it matches
    ``Article.paragraphs``.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Token:
    """One word token with its character offsets."""

    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- resources

@lru_cache(maxsize=None)
def _read_word_list(name: str) -> frozenset[str]:
    words = set()
    for line in resource_path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line)
    return frozenset(words)


def stopwords(lang: Literal["en"] = "en") -> frozenset[str]:
    """The English stop-word list shipped in ``resources/stopwords_en.txt`` (lower case).

    Examples
    --------
    >>> "the" in stopwords() and "russia" not in stopwords()
    True
    """
    if lang != "en":
        raise ValueError(f"lang must be 'en' (the only stop-word list shipped), not {lang!r}")
    return _read_word_list("stopwords_en.txt")


# --------------------------------------------------------------------------- normalisation

_NORMALIZE_MAP: dict[str, str] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\u2026": "...", "\u200b": "", "\ufeff": "", "\u00ad": "",
}
_NORMALIZE_TABLE = str.maketrans({k: v for k, v in _NORMALIZE_MAP.items() if len(v) == 1})
_NEEDS_MAP = re.compile("[" + "".join(k for k, v in _NORMALIZE_MAP.items() if len(v) != 1) + "]")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text plus, for each of its characters, the offset in the original.

    ``offsets`` has ``len(text) + 1`` entries (the last maps the end of the text).
    """

    text: str
    original: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text back to the original."""
        return self.offsets[start], self.offsets[end] if end < len(self.offsets) else len(self.original)


def normalize(text: str) -> Normalized:
    """Map typographic characters to ASCII, keeping an offset map back to the original.

    Curly quotes and primes become ``'``/``"``, dashes (‐ ‑ ‒ – — ― −) become ``-``,
    non-breaking and thin spaces become a space, ``…`` becomes ``...``, zero-width
    characters and soft hyphens are dropped.

    Examples
    --------
    >>> n = normalize("They don\\u2019t \\u2015 really\\u2026")
    >>> n.text
    "They don't - really..."
    >>> n.to_original(5, 10)
    (5, 10)
    """
    if not _NEEDS_MAP.search(text):
        out = text.translate(_NORMALIZE_TABLE)
        return Normalized(out, text, tuple(range(len(text) + 1)))
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        rep = _NORMALIZE_MAP.get(ch, ch)
        for c in rep:
            chars.append(c)
            offsets.append(i)
    offsets.append(len(text))
    return Normalized("".join(chars), text, tuple(offsets))


def normalize_text(text: str) -> str:
    """Just the normalised string of :func:`normalize` (fast path for scoring).

    >>> normalize_text("\\u201cNo\\u201d")
    '"No"'
    """
    out = text.translate(_NORMALIZE_TABLE)
    if _NEEDS_MAP.search(out):
        out = _NEEDS_MAP.sub(lambda m: _NORMALIZE_MAP[m.group(0)], out)
    return out


# --------------------------------------------------------------------------- words

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"                     # U.S., U.N.
    r"|\d+(?:[.,:]\d+)*%?"                 # numbers: 1,000  3.5  10:30  25%
    r"|[^\W\d_]+(?:[-'’][^\W\d_]+)*"       # words with inner hyphens/apostrophes
    r"|[^\w\s]",                           # any other single symbol
)


def tokenize_words(text: str, *, punctuation: bool = False) -> list[Token]:
    """Split text into word tokens with offsets (``text[t.start:t.end] == t.text``).

    Parameters
    ----------
    text : str
    punctuation : bool
        Keep punctuation tokens too (default: words and numbers only).

    Examples
    --------
    >>> [t.text for t in tokenize_words("Kim’s 25-mile trip to the U.S., 3.5 hours.")]
    ['Kim’s', '25', 'mile', 'trip', 'to', 'the', 'U.S.', '3.5', 'hours']
    """
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if not punctuation and not (tok[0].isalnum()):
            continue
        out.append(Token(m.start(), m.end(), tok))
    return out


def lemmatize(word: str, *, lang: Literal["en"] = "en") -> str:
    """Dictionary lemma of one word (``simplemma``, which ships its data).

    >>> lemmatize("missiles"), lemmatize("met")
    ('missile', 'meet')
    """
    import simplemma

    return simplemma.lemmatize(word, lang=lang)


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def stem(word: str) -> str:
    """Snowball (Porter 2) stem of one lower-cased word.

    >>> stem("cooperation"), stem("Cooperating")
    ('cooper', 'cooper')
    """
    return _stemmer().stemWord(word.lower())


# --------------------------------------------------------------------------- sentences

@lru_cache(maxsize=1)
def _punkt():  # type: ignore[no-untyped-def]
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(_read_word_list("abbreviations_en.txt"))
    return PunktSentenceTokenizer(params)


_PARA = re.compile(r"\n[ \t\u00a0]*\n\s*")


def split_sentences(text: "str | Article") -> list[Sentence]:
    """Split text into sentences with exact character offsets.

    Paragraph breaks (blank lines) always end a sentence. Within a paragraph, NLTK's
    Punkt with a shipped English abbreviation list decides, then repairs handle what
    news text does to it.

    Parameters
    ----------
    text : str or Article
        An article's ``text`` is used when an :class:`Article` is given.

    Returns
    -------
    list of Sentence
        In order; ``text[s.start:s.end] == s.text`` and ``s.text`` has no leading or
        trailing white space.

    Examples
    --------
    >>> t = "He told NPR.\\u201dBut still, they went.\\n\\nNew paragraph"
    >>> [(s.text, s.paragraph) for s in split_sentences(t)]
    [('He told NPR.\\u201d', 0), ('But still, they went.', 0), ('New paragraph', 1)]
    """
    if not isinstance(text, str):
        text = text.text
    return list(_split_cached(text))


@lru_cache(maxsize=64)
def _split_cached(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    para = 0
    pos = 0
    for m in [*_PARA.finditer(text), None]:
        end = m.start() if m else len(text)
        for s, e in _split_block(text, pos, end):
            out.append(Sentence(len(out), s, e, text[s:e], para))
        if m:
            pos = m.end()
            para += 1
    return tuple(out)


_CLOSE_NOSPACE = re.compile(r"[.!?][\"”’)\]]+(?=[A-Z“\"‘])")


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    block = text[start:end]
    if not block.strip():
        return []
    spans: list[tuple[int, int]] = []
    for s, e in _punkt().span_tokenize(block):
        # repair: a closing quote with no space after it ("told NPR.”But") hides a boundary
        cut = s
        for m in _CLOSE_NOSPACE.finditer(block, s, e):
            spans.append((cut, m.end()))
            cut = m.end()
        spans.append((cut, e))
    out = []
    for s, e in spans:
        seg = block[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            out.append((start + s + lead, start + e - trail))
    return out
