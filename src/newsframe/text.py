"""Sentences, words and normalisation with exact character offsets.

Everything here works offline with what ships inside pip packages. Sentence splitting
follows the Punkt method (Kiss & Strunk 2006) — a period ends a sentence unless it
ends an abbreviation; after an abbreviation or an initial, a capitalised *frequent
sentence starter* still starts a new sentence — with its parameters shipped as a
resource (``resources/sentences_en.yaml``: abbreviation types, sentence starters)
instead of NLTK's downloadable ``punkt`` model, plus repairs for what news text does:
closing quotes with no space after them, questions inside quotes followed by their
attribution, ``a.m.``/``p.m.``, ``No. 2``, datelines, headlines and list items
without final punctuation. :meth:`SentenceRules.punkt_parameters` gives the same
parameters to NLTK's ``PunktSentenceTokenizer``. Lemmas come from ``simplemma`` and
stems from ``snowballstemmer``, which carry their own data.

Examples
--------
>>> [s.text for s in split_sentences("The U.S. Army said so. It left the U.S. Then it rained.")]
['The U.S. Army said so.', 'It left the U.S.', 'Then it rained.']

References
----------
Kiss, T. and Strunk, J. (2006). Unsupervised multilingual sentence boundary detection.
*Computational Linguistics* 32(4), 485-525.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Literal

from newsframe.paths import resource_path

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktParameters

    from newsframe.ingest import Article

__all__ = [
    "Sentence",
    "Token",
    "Normalized",
    "SentenceRules",
    "ABBREVIATION_KINDS",
    "split_sentences",
    "load_sentence_rules",
    "tokenize_words",
    "word_strings",
    "SentenceGold",
    "read_sentence_gold",
    "normalize",
    "normalize_text",
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
    """One word token with its character offsets (``text[start:end] == token.text``)."""

    start: int
    end: int
    text: str


def _check_str(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return value


# --------------------------------------------------------------------------- resources

@lru_cache(maxsize=None)
def _read_word_list(name: str) -> frozenset[str]:
    words = set()
    for line in resource_path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line)
    return frozenset(words)


@lru_cache(maxsize=None)
def _stopwords_en() -> frozenset[str]:
    words = set(_read_word_list("stopwords_en.txt"))
    words |= {w.replace("'", "\u2019") for w in words if "'" in w}
    return frozenset(words)


def _word_list(words: Any, name: str = "stopwords") -> list[str]:
    """``words`` as a list of str, or a clear error: one string (not a list), not a
    collection, or an item that is not a str (a stop-word list passed by a user)."""
    if isinstance(words, str):
        raise ValueError(f"{name} must be a collection of words, not one string")
    if not isinstance(words, Iterable):
        raise TypeError(f"{name} must be a collection of words (str) or None, not {type(words).__name__}")
    out = list(words)
    bad = next((w for w in out if not isinstance(w, str)), None)
    if bad is not None:
        raise TypeError(f"{name} must hold words (str), not {type(bad).__name__} {bad!r}")
    return out


def stopwords(lang: Literal["en"] = "en") -> frozenset[str]:
    """The English stop-word list shipped in ``resources/stopwords_en.txt``.

    Lower case; words with an apostrophe are included with both the ASCII (``don't``)
    and the typographic (``don’t``) apostrophe.

    Parameters
    ----------
    lang : {"en"}
        The only list shipped.

    Returns
    -------
    frozenset of str

    Raises
    ------
    ValueError
        For any other ``lang``.

    Examples
    --------
    >>> sw = stopwords()
    >>> "the" in sw, "don’t" in sw, "russia" in sw
    (True, True, False)
    """
    if lang != "en":
        raise ValueError(f"lang must be one of: 'en' (the only stop-word list shipped), not {lang!r}")
    return _stopwords_en()


# --------------------------------------------------------------------------- normalisation

_NORMALIZE_MAP: dict[str, str] = {
    # quotes and primes
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2035": "'",
    "\u02bc": "'", "\u02b9": "'", "\uff07": "'", "\u2039": "'", "\u203a": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u2036": '"',
    "\u02ba": '"', "\u00ab": '"', "\u00bb": '"', "\uff02": '"', "\u2034": "'''",
    # hyphens, dashes and minus
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2e3a": "-", "\u2e3b": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    # spaces
    "\u00a0": " ", "\u1680": " ", "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ",
    "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ",
    "\u200a": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ",
    "\u2028": "\n", "\u2029": "\n",
    # ellipsis; invisible characters are dropped
    "\u2026": "...", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
    "\u00ad": "",
}
_NORMALIZE_TABLE = str.maketrans({k: v for k, v in _NORMALIZE_MAP.items() if len(v) == 1})
_NEEDS_MAP = re.compile("[" + "".join(k for k, v in _NORMALIZE_MAP.items() if len(v) != 1) + "]")
_ANY_MAPPED = re.compile("[" + "".join(map(re.escape, _NORMALIZE_MAP)) + "]")


def _mapped(m: re.Match[str]) -> str:
    return _NORMALIZE_MAP[m.group()]


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text plus, for each of its characters, the offset in the original.

    ``offsets[i]`` is the offset in ``original`` of the character that produced
    ``text[i]``; ``offsets`` has ``len(text) + 1`` entries, the last being
    ``len(original)``.
    """

    text: str
    original: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text to the original text.

        The span returned covers every original character that produced a character of
        the span (``…`` for any of the three dots it became).

        Raises
        ------
        IndexError
            If the span is not inside the normalised text.
        """
        n = len(self.text)
        if not (0 <= start <= end <= n):
            raise IndexError(f"span ({start}, {end}) is not inside the normalised text of length {n}")
        if end == start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1


def normalize(text: str) -> Normalized:
    """Map typographic characters to ASCII, keeping an offset map back to the original.

    Curly quotes, guillemets and primes become ``'``/``"``; hyphens, dashes and minus
    signs (‐ ‑ ‒ – — ― −) become ``-``; non-breaking, thin and other wide spaces become
    a space; ``…`` becomes ``...``; zero-width characters and soft hyphens are dropped.
    Normalising twice changes nothing more.

    Parameters
    ----------
    text : str

    Returns
    -------
    Normalized
        ``text``, ``original`` and ``offsets``; use :meth:`Normalized.to_original` to map
        a span back.

    Raises
    ------
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> n = normalize("They don\\u2019t \\u2015 really\\u2026")
    >>> n.text
    "They don't - really..."
    >>> n.to_original(5, 10), n.to_original(19, 22)
    ((5, 10), (19, 20))
    """
    _check_str(text, "text")
    if text.isascii():
        return Normalized(text, text, tuple(range(len(text) + 1)))
    if not _NEEDS_MAP.search(text):
        return Normalized(text.translate(_NORMALIZE_TABLE), text, tuple(range(len(text) + 1)))
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

    Raises
    ------
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> normalize_text("\\u201cNo\\u201d \\u2014 fine\\u2026")
    '"No" - fine...'
    """
    if _check_str(text, "text").isascii():
        return text  # every character normalisation maps is outside ASCII
    # one regex pass over the few mapped characters: cheaper than str.translate, which
    # looks up every character of the text (the result is the same)
    return _ANY_MAPPED.sub(_mapped, text)


# --------------------------------------------------------------------------- words

_WORD = (
    r"(?:[^\W\d_]{1,2}\.){2,}"                   # U.S.  a.m.  Ph.D.  J.R.R.
    r"|\d+(?:[.,:]\d+)*%?\w*(?:[-'\u2019]\w+)*"  # 1,000  3.5  10:30  25%  1990s  25-mile
    r"|\w+(?:[-'\u2019]\w+)*"                    # words, inner hyphens and apostrophes
)
# every branch starts with a word character: the look-ahead lets the scan skip other positions at once
_TOKEN_WORDS = re.compile(r"(?=\w)(?:" + _WORD + ")")
_TOKEN_ALL = re.compile(r"(?=\w)(?:" + _WORD + r")|[^\w\s]")

_new = object.__new__
_set_start = Token.__dict__["start"].__set__
_set_end = Token.__dict__["end"].__set__
_set_text = Token.__dict__["text"].__set__


def tokenize_words(text: str, *, punctuation: bool = False) -> list[Token]:
    """Split text into word tokens with offsets (``text[t.start:t.end] == t.text``).

    A token is a word with its inner hyphens and apostrophes (``co-chairman``,
    ``Kim’s``, ``don't``), a number (``1,000``, ``3.5``, ``10:30``, ``25%``,
    ``1990s``, ``25-mile``) or a dotted abbreviation with its periods (``U.S.``,
    ``a.m.``, ``Ph.D.``). Other abbreviations lose their period (``Mr``).

    Parameters
    ----------
    text : str
    punctuation : bool
        Also return every other non-space character as a one-character token.

    Returns
    -------
    list of Token
        In text order.

    Raises
    ------
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> [t.text for t in tokenize_words("Kim’s 25-mile trip to the U.S., 3.5 hours.")]
    ['Kim’s', '25-mile', 'trip', 'to', 'the', 'U.S.', '3.5', 'hours']
    >>> [t.text for t in tokenize_words("“Why?” he asked.", punctuation=True)]
    ['“', 'Why', '?', '”', 'he', 'asked', '.']
    """
    _check_str(text, "text")
    out: list[Token] = []
    append = out.append
    # Building many small objects triggers the cyclic garbage collector over and over
    # (tokens hold no cycles); pausing it makes long texts ~25% faster.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for m in (_TOKEN_ALL if punctuation else _TOKEN_WORDS).finditer(text):
            s = m.start()
            g = m.group()
            t = _new(Token)  # what Token(s, e, g) does, without its per-field checks
            _set_start(t, s)
            _set_end(t, s + len(g))
            _set_text(t, g)
            append(t)
    finally:
        if gc_was_enabled:
            gc.enable()
    return out


@dataclass(frozen=True, slots=True)
class SentenceGold:
    """A hand-split text: its raw text, the gold sentence spans and the paragraph breaks."""

    text: str
    spans: tuple[tuple[int, int], ...]
    paragraph_ends: frozenset[int]


def read_sentence_gold(path: "str | os.PathLike[str]") -> SentenceGold:
    r"""Read a sentence-boundary gold file, to score :func:`split_sentences` on your own texts.

    Format (UTF-8): one gold sentence a line, a blank line between paragraphs, lines
    starting with ``#`` are comments. The raw text is rebuilt by joining the sentences
    of a paragraph with one space and paragraphs with ``"\n\n"``; a line starting with
    ``<NL>`` follows the previous sentence after a single line break, one starting with
    ``<NOSPACE>`` follows it directly.

    Returns
    -------
    SentenceGold
        ``text``; ``spans`` (start, end) of each sentence in ``text``; ``paragraph_ends``,
        the end offsets of the last sentence of every paragraph but the last.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "gold.txt"
    >>> _ = p.write_text("# a comment\nOne.\nTwo.\n\n<NL>Three.\n", encoding="utf-8")
    >>> g = read_sentence_gold(p)
    >>> g.text, g.spans, sorted(g.paragraph_ends)
    ('One. Two.\n\nThree.', ((0, 4), (5, 9), (11, 17)), [9])
    """
    paragraphs: list[list[tuple[str, str]]] = [[]]
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            continue
        if not raw.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        sep = " "
        if raw.startswith("<NL>"):
            sep, raw = "\n", raw[4:]
        elif raw.startswith("<NOSPACE>"):
            sep, raw = "", raw[9:]
        paragraphs[-1].append((sep, raw))
    if not paragraphs[-1]:
        paragraphs.pop()
    text = ""
    spans: list[tuple[int, int]] = []
    para_ends: set[int] = set()
    for p, sentences in enumerate(paragraphs):
        if p:
            para_ends.add(spans[-1][1])
            text += "\n\n"
        for i, (sep, sent) in enumerate(sentences):
            if i:
                text += sep
            spans.append((len(text), len(text) + len(sent)))
            text += sent
    return SentenceGold(text, tuple(spans), frozenset(para_ends))


def word_strings(text: str, *, punctuation: bool = False) -> list[str]:
    """The tokens of :func:`tokenize_words` as plain strings, without offsets (faster).

    For counting words (tone, frequencies) where offsets are not needed; arguments and
    errors as for :func:`tokenize_words`.

    Examples
    --------
    >>> word_strings("Kim’s 25-mile trip to the U.S., 3.5 hours.")
    ['Kim’s', '25-mile', 'trip', 'to', 'the', 'U.S.', '3.5', 'hours']
    """
    _check_str(text, "text")
    return (_TOKEN_ALL if punctuation else _TOKEN_WORDS).findall(text)


def lemmatize(word: str, *, lang: Literal["en"] = "en") -> str:
    """Dictionary lemma of one word (``simplemma``, which ships its own data).

    Parameters
    ----------
    word : str
    lang : {"en"}

    Returns
    -------
    str
        The lemma; the empty string for an empty word.

    Raises
    ------
    TypeError
        If ``word`` is not a str.
    ValueError
        For an unknown ``lang``.

    Examples
    --------
    >>> lemmatize("missiles"), lemmatize("met"), lemmatize("talks")
    ('missile', 'meet', 'talk')
    """
    _check_str(word, "word")
    if lang != "en":
        raise ValueError(f"lang must be one of: 'en', not {lang!r}")
    if not word.strip():
        return ""
    return _lemmatize_en(word)


@lru_cache(maxsize=65536)
def _lemmatize_en(word: str) -> str:
    import simplemma

    return str(simplemma.lemmatize(word, lang="en"))


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def stem(word: str) -> str:
    """Snowball (Porter 2) stem of one word, lower-cased (``snowballstemmer``).

    Raises
    ------
    TypeError
        If ``word`` is not a str.

    Examples
    --------
    >>> stem("cooperation"), stem("Cooperating"), stem("")
    ('cooper', 'cooper', '')
    """
    _check_str(word, "word")
    return str(_stemmer().stemWord(word.lower()))


# --------------------------------------------------------------------------- sentence rules

#: How an abbreviation behaves at a possible sentence end (see ``resources/sentences_en.yaml``).
ABBREVIATION_KINDS: tuple[str, ...] = ("title", "number", "time", "final", "place", "regular")

_RULE_LISTS = ("sentence_starters", "time_followers", "speech_verbs", "name_particles", "line_continuations")
_INITIALS = re.compile(r"[^\W\d_]|(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")  # F  J.R.R  Ph.D  W.Va


@dataclass(frozen=True, slots=True, eq=False)
class SentenceRules:
    """The knowledge :func:`split_sentences` uses: Punkt parameters plus news word lists.

    Build one with :func:`load_sentence_rules`.

    Attributes
    ----------
    abbreviations : Mapping[str, str]
        Abbreviation without its final period → kind (one of :data:`ABBREVIATION_KINDS`).
    sentence_starters, time_followers, speech_verbs, name_particles, line_continuations : frozenset of str
        Lower-case word lists (see the comments in ``resources/sentences_en.yaml``).
    source : str
        Where the rules were read from.
    """

    abbreviations: Mapping[str, str]
    sentence_starters: frozenset[str]
    time_followers: frozenset[str]
    speech_verbs: frozenset[str]
    name_particles: frozenset[str]
    line_continuations: frozenset[str]
    source: str = "<rules>"
    _exact: dict[str, str] = field(init=False, repr=False)
    _folded: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for abbr, kind in self.abbreviations.items():
            if kind not in ABBREVIATION_KINDS:
                raise ValueError(
                    f"{self.source}: abbreviation {abbr!r} has kind {kind!r}; valid kinds: "
                    + ", ".join(ABBREVIATION_KINDS)
                )
            if abbr.lower() != abbr:
                exact[abbr] = kind
                exact.setdefault(abbr.upper(), kind)
            else:
                folded[abbr] = kind
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_folded", folded)

    def abbreviation_kind(self, word: str) -> str | None:
        """The kind of abbreviation ``word`` (without its final period) is, or ``None``.

        Listed abbreviations first (``"Ill"`` only as written, ``"etc"`` in any case),
        then the part after the last hyphen (``"R-Fla"``), then dotted initials and
        single letters (``"J.R.R"``, ``"F"``), which count as ``"regular"``.

        Examples
        --------
        >>> r = load_sentence_rules()
        >>> r.abbreviation_kind("Sen"), r.abbreviation_kind("R-Fla"), r.abbreviation_kind("ill")
        ('title', 'place', None)
        """
        kind = self._exact.get(word) or self._folded.get(word.lower())
        if kind is None and "-" in word:
            tail = word.rsplit("-", 1)[1]
            if tail:
                kind = self._exact.get(tail) or self._folded.get(tail.lower())
                word = tail
        # only a single letter or a word with a period can be initials
        if kind is None and len(word) < 12 and (len(word) == 1 or "." in word) and _INITIALS.fullmatch(word):
            kind = "regular"
        return kind

    def punkt_parameters(self) -> "PunktParameters":
        """These rules as NLTK ``PunktParameters`` (abbreviation types, sentence starters).

        For use with ``nltk.tokenize.punkt.PunktSentenceTokenizer``; NLTK's Punkt does
        not know the abbreviation kinds or the news repairs, so it splits less well
        than :func:`split_sentences` (see ``benchmarks/bench_sentences.py``).
        """
        from nltk.tokenize.punkt import PunktParameters

        params = PunktParameters()
        params.abbrev_types = {a.lower() for a in self.abbreviations}
        params.sent_starters = set(self.sentence_starters)
        return params


def load_sentence_rules(path: str | Path | None = None) -> SentenceRules:
    """Read sentence-splitting rules from a YAML file (default: the shipped English rules).

    Parameters
    ----------
    path : str or Path, optional
        A file laid out like ``resources/sentences_en.yaml``: ``abbreviations`` maps
        each kind in :data:`ABBREVIATION_KINDS` to a list of abbreviations written
        without their final period; ``sentence_starters``, ``time_followers``,
        ``speech_verbs``, ``name_particles`` and ``line_continuations`` are lists of
        words (missing lists are empty).

    Returns
    -------
    SentenceRules
        The shipped rules are read once and cached.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not UTF-8 text, or not valid YAML of that layout (the message
        names the file).

    Examples
    --------
    >>> rules = load_sentence_rules()
    >>> rules.abbreviation_kind("U.S"), "the" in rules.sentence_starters
    ('regular', True)
    """
    if path is None:
        return _default_rules()
    return _read_rules(Path(path))


@lru_cache(maxsize=1)
def _default_rules() -> SentenceRules:
    return _read_rules(resource_path("sentences_en.yaml"))


def _read_rules(path: Path) -> SentenceRules:
    import yaml

    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such sentence-rules file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not a UTF-8 text file (byte {exc.start}: {exc.reason})") from None
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("abbreviations", {}), dict):
        raise ValueError(f"{path}: expected a mapping with an 'abbreviations' mapping (kind -> list)")
    unknown = set(data) - {"abbreviations", *_RULE_LISTS}
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}; valid: abbreviations, {', '.join(_RULE_LISTS)}")
    abbreviations: dict[str, str] = {}
    for kind, words in (data.get("abbreviations") or {}).items():
        if kind not in ABBREVIATION_KINDS:
            raise ValueError(f"{path}: unknown abbreviation kind {kind!r}; valid: {', '.join(ABBREVIATION_KINDS)}")
        if not isinstance(words, list):
            raise ValueError(f"{path}: abbreviations.{kind} must be a list")
        for w in words:
            if not isinstance(w, str):
                raise ValueError(f"{path}: abbreviations.{kind} holds {w!r}, not a word; quote it")
            abbreviations[w.rstrip(".")] = kind
    lists: dict[str, frozenset[str]] = {}
    for key in _RULE_LISTS:
        words = data.get(key) or []
        if not isinstance(words, list):
            raise ValueError(f"{path}: {key} must be a list of words")
        bad = [w for w in words if not isinstance(w, str)]
        if bad:
            raise ValueError(f"{path}: {key} holds {bad[0]!r}, not a word; quote it")
        lists[key] = frozenset(w.lower() for w in words)
    return SentenceRules(abbreviations=abbreviations, source=str(path), **lists)


# --------------------------------------------------------------------------- sentences

_CLOSERS = "\"'\u2019\u201d\u00bb)]}"
_OPENERS = "\"'\u201c\u2018\u00ab([{"
_QUOTES = "\"'\u201c\u2018\u00ab"
_FINAL = ".!?\u2026"
# A possible sentence end: end punctuation, closing quotes/brackets, then white space
# and another token — or, right after a closing quote or bracket, a letter or an
# opening quote with no space ("told NPR.”But still"). A candidate starts only at the
# first mark of a run of end punctuation (the look-behind after it: the mark before is
# not one): from a later mark of the run it could only end where the first one's does,
# so trying each would cost the run's length again at every mark (quadratic on "....",
# "!!!!"). (The look-behind comes after the first mark so that the scan still skips to
# the next mark at once.)
_CANDIDATE = re.compile(
    r"[.!?\u2026](?<![.!?\u2026][.!?\u2026])[.!?\u2026]*(?P<close>[\"'\u2019\u201d\u00bb)\]}]*)"
    r"(?:(?P<space>\s+)(?=\S)|(?<=[\"\u2019\u201d\u00bb)\]}])(?=[^\W\d_]|[\u201c\u2018\"(\[]))"
)
_NEXT = re.compile(r"([\"'\u201c\u2018\u00ab(\[]*)([^\s\"\u201c\u201d\u00ab\u00bb()\[\]]*)")
# the two groups of _NEXT on their own: the opening quotes/brackets, and the word after them
_OPENING = re.compile(r"[\"'\u201c\u2018\u00ab(\[]*")
_NEXT_WORD = re.compile(r"[^\s\"\u201c\u201d\u00ab\u00bb()\[\]]*")
_KEY = re.compile(r"[^\W\d_]+")
_NON_SPACE = re.compile(r"\S")
_ENUMERATOR = re.compile(r"\(?(?:\d{1,2}|[A-Za-z]|[ivxIVX]{2,4})[.)]?")
_PARA = re.compile(r"\n[^\S\n]*\n\s*")
# white space and invisible characters, never at the edge of a sentence
_BLANK = "".join(sorted({chr(c) for c in range(0x3001) if chr(c).isspace()} | set("\u200b\u200c\u200d\u2060\ufeff")))
_FOLLOWED_BY_TIME = re.compile(r"\S+(?:\s+[A-Z]\S*)?\s+time\b")
_ATTRIBUTION_WORD = re.compile(r"[^\W\d_][\w\u2019'.-]*")


def split_sentences(text: "str | Article", *, rules: SentenceRules | None = None) -> list[Sentence]:
    """Split text into sentences with exact character offsets.

    A blank line (paragraph break) always ends a sentence, and so does a line break
    after a line without final punctuation (a headline, a byline, a list item) unless
    the next line continues in lower case. Inside a paragraph a ``.``, ``?``, ``!`` or
    ellipsis ends a sentence (with any closing quotes and brackets after it, even with
    no space: ``told NPR.”But``) unless

    * the next word starts in lower case (``“Why?” he asked.``, ``the U.S. interest``);
    * a question or exclamation in quotes is followed by its attribution
      (``“Why?” Kravets asked.``);
    * the period ends an abbreviation or an initial (``Sen.``, ``U.S.``, ``J.R.R.``,
      ``No. 2``, ``Sept. 30``, ``a.m. Tuesday``) — yet after one that can end a
      sentence, a frequent sentence starter (``the U.S. The …``), a new quotation, a
      closing quote or a line break still starts a new sentence (Punkt's heuristics),
      and after a state (``Tulsa, Okla. Smith said``) any capitalised word does.

    A paragraph whose lines mostly go on in lower case is taken as hard-wrapped: its
    line breaks are then ordinary spaces.

    Parameters
    ----------
    text : str or Article
        An article's ``text`` is used when an :class:`~newsframe.ingest.Article` is given.
    rules : SentenceRules, optional
        Abbreviations and word lists (default: :func:`load_sentence_rules`).

    Returns
    -------
    list of Sentence
        In order; ``text[s.start:s.end] == s.text``, no sentence is empty or has
        leading or trailing white space, and every visible character of the text is
        in exactly one sentence. Results are cached per text (and rules).

    Raises
    ------
    TypeError
        If ``text`` is neither a str nor an object with a str ``text`` attribute, or
        ``rules`` is not a :class:`SentenceRules`.

    Examples
    --------
    >>> t = "He told NPR.\\u201dBut still, they went.\\n\\nNew paragraph"
    >>> [(s.text, s.paragraph) for s in split_sentences(t)]
    [('He told NPR.\\u201d', 0), ('But still, they went.', 0), ('New paragraph', 1)]
    >>> [s.text for s in split_sentences("\\u201cWhy?\\u201d he asked. Sen. J. R. Hale left at 9 a.m. Tuesday.")]
    ['\\u201cWhy?\\u201d he asked.', 'Sen. J. R. Hale left at 9 a.m. Tuesday.']
    """
    if not isinstance(text, str):
        body = getattr(text, "text", None)
        if not isinstance(body, str):
            raise TypeError(f"text must be a str or an Article, not {type(text).__name__}")
        text = body
    if rules is None:
        rules = _default_rules()
    elif not isinstance(rules, SentenceRules):
        raise TypeError(f"rules must be a SentenceRules (see load_sentence_rules), not {type(rules).__name__}")
    return list(_split_cached(text, rules))


def _unify_line_ends(text: str) -> str:
    """``text`` with Windows (``\\r\\n``) and old Mac (``\\r``) line ends turned into ``\\n``.

    How ingest reads files and how :meth:`~newsframe.ingest.Article.from_text` and the
    keyword phrases split lines. (Sentence splitting keeps every offset instead: see
    :data:`_LONE_CR`.)

    >>> _unify_line_ends("a\\r\\nb\\rc\\n")
    'a\\nb\\nc\\n'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


#: A carriage return not followed by a line feed: a line break in old Mac text. Sentence
#: splitting reads it as ``\n`` (one character for one, so offsets stay those of the text).
_LONE_CR = re.compile(r"\r(?!\n)")


@lru_cache(maxsize=128)
def _split_cached(text: str, rules: SentenceRules) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    para = 0
    pos = 0
    # a lone "\r" is a line break like "\n" ("\r\n" is one already: "\r" is white space);
    # the rewrite keeps every offset, and sentences are cut from the text as given
    lines = _LONE_CR.sub("\n", text) if "\r" in text else text
    for m in [*_PARA.finditer(lines), None]:
        end = m.start() if m else len(lines)
        block = lines[pos:end]
        for s, e in _split_block(block, rules):
            out.append(Sentence(len(out), pos + s, pos + e, text[pos + s : pos + e], para))
        if block.strip():
            para += 1
        if m:
            pos = m.end()
    return tuple(out)


def _split_block(block: str, rules: SentenceRules) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph (offsets into ``block``)."""
    if not block.strip(_BLANK):
        return []
    wrapped = False
    line_cuts: list[tuple[int, int]] = []  # (end of a sentence, start of the next)
    if "\n" in block:
        wrapped = _is_hard_wrapped(block)
        if not wrapped:
            line_cuts = _line_cuts(block, rules)
    cuts = list(line_cuts)
    sent_start = 0
    li = 0
    # the last white space (of the kinds that end the word before a candidate) before the
    # candidate, found by scanning only the text since the previous candidate: searching
    # back to the sentence start each time is quadratic on a long sentence ("U.S. " * n)
    space_end = 0
    last_space = -1
    for m in _CANDIDATE.finditer(block):
        i = m.start()
        while li < len(line_cuts) and line_cuts[li][1] <= i:
            sent_start = max(sent_start, line_cuts[li][1])
            li += 1
        if i > space_end:
            last_space = max(
                last_space,
                block.rfind(" ", space_end, i),
                block.rfind("\n", space_end, i),
                block.rfind("\t", space_end, i),
                block.rfind("\u00a0", space_end, i),
            )
            space_end = i
        if _is_boundary(block, m, rules, wrapped, sent_start, last_space):
            cuts.append((m.end("close"), m.end()))
            sent_start = m.end()
    if line_cuts:
        cuts.sort()
    spans = []
    start = 0
    for end, nxt in [*cuts, (len(block), len(block))]:
        s, e = start, end
        while s < e and block[s] in _BLANK:
            s += 1
        while e > s and block[e - 1] in _BLANK:
            e -= 1
        if e > s:
            spans.append((s, e))
        start = max(start, nxt)
    return spans


def _is_hard_wrapped(block: str) -> bool:
    """Whether a paragraph's line breaks are just wrapping (many lines go on in lower case)."""
    lines = [ln for ln in block.split("\n") if ln.strip()]
    if len(lines) < 3:
        return False
    lower = sum(1 for ln in lines[1:] if ln.lstrip()[:1].islower())
    return lower / (len(lines) - 1) >= 0.25


def _line_cuts(block: str, rules: SentenceRules) -> list[tuple[int, int]]:
    """Line breaks that end a sentence: after a line without final punctuation."""
    cuts: list[tuple[int, int]] = []
    line_start = 0
    while True:
        nl = block.find("\n", line_start)
        if nl < 0:
            return cuts
        line = block[line_start:nl].rstrip()
        line_end = line_start + len(line)
        nxt = _NON_SPACE.search(block, nl + 1)
        line_start = nl + 1
        if not line or nxt is None:
            continue
        rest = block[nxt.start() : nxt.start() + 80]
        core = line.rstrip(_CLOSERS)
        last = core[-1:] or line[-1]
        if last in _FINAL:
            continue  # the period/question mark logic decides
        if last in ",;-\u2010\u2013\u2014(/&+" or _starts_lower(rest, rules):
            continue
        words = line.rsplit(None, 1)
        if words and words[-1].lower() in rules.line_continuations:
            continue
        cuts.append((line_end, nl + 1))


def _starts_lower(s: str, rules: SentenceRules) -> bool:
    """Whether ``s`` (after any opening quotes) goes on in lower case.

    ``iPhone``/``eBay`` and a name particle before a capital (``de Blasio``) do not.
    """
    m = _NEXT.match(s)
    assert m is not None  # the pattern matches the empty string
    word = m.group(2)
    if not word[:1].islower():
        return False
    if len(word) > 1 and word[1].isupper():
        return False
    if word in rules.name_particles:
        after = s[m.end() :].lstrip()
        if after[:1].isupper():
            return False
    return True


def _is_boundary(block: str, m: re.Match[str], rules: SentenceRules, wrapped: bool, sent_start: int,
                 last_space: int) -> bool:
    """Decide whether the candidate ``m`` ends a sentence.

    ``last_space`` is the offset of the last space, line break, tab or no-break space
    before the candidate (-1 if none).

    Every look at the text is bounded or read once over the paragraph: the word after the
    candidate (which can run on over later candidates: "a.’b.’c…") is read in full only
    where a rule needs all of it, otherwise only its first letters.
    """
    nxt_pos = m.end()
    om = _OPENING.match(block, nxt_pos)
    assert om is not None  # the pattern matches the empty string
    opener = om.group()
    at = om.end()  # where the next word starts
    fm = _NEXT_WORD.match(block, at, at + 1)
    assert fm is not None
    first = fm.group()  # its first character ("" if there is no word)
    if first.islower() and _starts_lower(block[nxt_pos : nxt_pos + 80], rules):
        return False
    close, space = m.group("close", "space")
    i = m.start()
    punct = block[i : m.start("close")]
    newline = space is not None and "\n" in space and not wrapped

    # the word before the punctuation
    ws = max(sent_start - 1, last_space)
    prev = block[ws + 1 : i].lstrip(_OPENERS)
    if ")" not in close and _inside_short_parentheses(block, sent_start, i, nxt_pos):
        return False  # "(Orig. $1,599)", "(… by the way. In case you wondered)"
    if "?" in punct or "!" in punct:
        if close and any(q in close for q in _QUOTES + "\u2019\u201d\u00bb") and _is_attribution(block, nxt_pos, rules):
            return False  # "“Why?” Kravets asked."
        if punct == "!" and not close and len(prev) == 1 and prev.isupper():
            return False  # "E! News"
        return True
    if punct == "." and not prev:
        if first == ".":
            return False  # inside a spaced ellipsis ". . ."
        j = i  # block[j - 1] is the last visible character of the sentence so far
        while j > sent_start and block[j - 1].isspace():
            j -= 1
        if j == sent_start or block[j - 1] != ".":
            return True  # a detached period: "the World . Keira"
    if punct != "." or not prev:  # an ellipsis
        if close or newline:
            return True
        return _key_at(block, at) in rules.sentence_starters or bool(opener and first.isupper())
    if ws + 1 <= sent_start or (ws + 1 - sent_start < 8 and block[sent_start : ws + 1].isspace()):
        if _ENUMERATOR.fullmatch(prev) and not close:
            return False  # "1. Call …" — a list number, not a sentence
    kind = rules.abbreviation_kind(prev)
    if kind is None:
        return True  # an ordinary word or number ends the sentence
    if kind == "number":
        if not close and (first.isdigit() or first == "#"):
            return False  # "No. 2"
        return True  # otherwise an ordinary word ("He said no.")
    if kind == "title":
        return False  # titles never end a sentence: "Sen. Tom Barrow", "[Sen.] Ted Cruz"
    if close or newline:
        return True
    if first.isdigit() or first in "$\u00a3\u20ac#":
        return False  # "Sept. 30", "U.S. 1", "Inc. $5"
    if first.isupper() and opener and opener[-1] in _QUOTES:
        return True  # a new quotation starts
    if kind == "final":
        return first.isupper()
    if kind == "place":
        if not first.isupper() or opener or _key_at(block, at) in ("state", "st"):
            return False  # "SPRINGFIELD, Ill. (AP)", "Miss. State"
        wm = _NEXT_WORD.match(block, at)  # the whole word, needed only here
        assert wm is not None
        return rules.abbreviation_kind(wm.group().rstrip(".,")) != "title"
    if kind == "time":
        if not first.isupper() or _key_at(block, at) in rules.time_followers:
            return False
        return not _FOLLOWED_BY_TIME.match(block, nxt_pos)
    return _key_at(block, at) in rules.sentence_starters


def _key_at(block: str, at: int) -> str:
    """The lower-cased letters that start the word at ``block[at]`` ("" if none): how word
    lists are looked up."""
    m = _KEY.match(block, at)
    return m.group().lower() if m else ""


def _inside_short_parentheses(block: str, sent_start: int, i: int, nxt_pos: int) -> bool:
    """Whether position ``i`` is inside a parenthesis opened in this sentence (at most 300
    characters back) that closes within 40 characters after ``nxt_pos`` with no sentence
    punctuation before it."""
    lo = max(sent_start, i - 300)
    if block.find("(", lo, i) < 0:
        return False
    if block.count("(", lo, i) <= block.count(")", lo, i):
        return False
    close = block.find(")", nxt_pos, nxt_pos + 40)
    if close < 0:
        return False
    between = block[nxt_pos:close]
    return not any(c in between for c in _FINAL)


def _is_attribution(block: str, pos: int, rules: SentenceRules) -> bool:
    """Whether the words at ``pos`` attribute the quote before them: "Kravets asked"."""
    words = _ATTRIBUTION_WORD.findall(block, pos, pos + 80)[:5]
    for i, w in enumerate(words):
        low = w.lower().rstrip(".,")
        if low in rules.speech_verbs:
            return i > 0 or w[:1].islower()
        if not (w[:1].isupper() or low in rules.name_particles):
            return False
    return False
