"""Keywords and keyness: every extractor behind one function and one result type.

:func:`extract_keywords` runs one of several keyphrase extractors on an article (or a
plain string) and returns :class:`Keyword` objects that all read the same way: higher
``score`` = more key, ``rank`` 1 = best, ``term`` in its original casing, near-duplicate
phrases merged, and the same order on every run.

Methods (``method=``):

``tfidf`` (the default)
    Keyness of each candidate phrase against a background: by default general-English
    word frequencies (``wordfreq``, shipped with its data), so it works on one article
    (Dunning's log-likelihood of the word's count against the count expected in a
    text of the article's length); a :class:`Background` fitted on your own corpus
    gives classical TF-IDF. A phrase weighs the sum of its words' keyness times its
    cohesion (how often its words occur together), as SingleRank sums its words' scores.
    Names (words capitalised wherever they occur) get a lower rarity cap than other
    words: a rare name says little about the story unless it recurs. Phrases look like
    noun phrases: no verb or adverb inside and no adjective at the end, by the most
    frequent tag of each lower-case word in Brill's tagger lexicon (the copy that ships
    inside TextBlob).
``yake``
    The ``yake`` package, score inverted so that higher is better.
``textrank``, ``singlerank``, ``positionrank``
    Word-graph methods (``networkx`` PageRank).
``rake``
    Rapid Automatic Keyword Extraction (degree / frequency of words in stop-word
    delimited phrases).
``collocations``
    NLTK's likelihood-ratio bigram and trigram collocation finders.
``ensemble``
    Reciprocal-rank fusion of ``tfidf``, ``yake``, ``positionrank`` and ``rake`` (over
    the candidates they share, ``tfidf``'s names with "of" included).

Candidates never cross a stop word (``resources/keywords_stopwords_en.txt``),
punctuation, a number (also "19th", "1980s", "880m"), a possessive ``'s`` or a line
break, and never run from a headline into the body; the one exception, for ``tfidf``,
is a name spanning a lower-case "of" ("Walk of Fame", "Bank of America"). Every method
but ``yake`` (which finds its own) takes its phrases from these candidates, kept
noun-like by the tagger lexicon. None of the methods needs NLTK data or a download.

:func:`keyness` compares groups of texts (log-odds ratio with an informative Dirichlet
prior, with z-scores), :func:`concordance` shows a term in context, and
:func:`collocations` lists the collocations of a text with their association scores.

Examples
--------
>>> text = ("The European Central Bank raised interest rates. For the European Central Bank, "
...         "inflation is the danger, and interest rates may rise again.")
>>> [k.term for k in extract_keywords(text, top_n=3)]
['European Central Bank', 'interest rates', 'inflation']
"""

from __future__ import annotations

import heapq
import html
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Literal, Mapping, Sequence

from newsframe.errors import warn
from newsframe.paths import resource_path

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from newsframe.ingest import Article
    from newsframe.text import Sentence

__all__ = [
    "Keyword",
    "Background",
    "METHODS",
    "DEFAULT_METHOD",
    "KEYNESS_COLUMNS",
    "CONCORDANCE_COLUMNS",
    "COLLOCATION_COLUMNS",
    "extract_keywords",
    "keyword_stopwords",
    "fit_background",
    "keyness",
    "narration_and_quotes",
    "concordance",
    "collocations",
    "compare_methods",
    "method_agreement",
    "record_fields",
    "ENSEMBLE_MEMBERS",
]

Method = Literal[
    "default", "tfidf", "yake", "textrank", "singlerank", "positionrank", "rake", "collocations", "ensemble"
]
#: Every value ``method=`` accepts.
METHODS: tuple[str, ...] = (
    "default", "tfidf", "yake", "textrank", "singlerank", "positionrank", "rake", "collocations", "ensemble",
)
#: What ``method="default"`` runs: the best method on the KPCrowd news benchmark
#: (``benchmarks/bench_keywords.py``; see the README).
DEFAULT_METHOD = "tfidf"

#: Columns of :func:`keyness`.
KEYNESS_COLUMNS: tuple[str, ...] = ("group", "term", "log_odds", "z", "count", "rate", "count_other", "rate_other")
#: Columns of :func:`concordance`.
CONCORDANCE_COLUMNS: tuple[str, ...] = ("left", "match", "right", "sentence", "start", "end")
#: Columns of :func:`collocations`.
COLLOCATION_COLUMNS: tuple[str, ...] = ("term", "n", "count", "likelihood_ratio", "pmi")


@dataclass(frozen=True, slots=True)
class Keyword:
    """One keyphrase.

    Attributes
    ----------
    term : str
        The phrase as it is written in the text (most frequent spelling).
    score : float
        The method's score; higher means more key. Scales differ between methods:
        compare ranks across methods, scores within one.
    rank : int
        1 for the best phrase, then 2, 3, …
    method : str
        The method that produced it (``"tfidf"`` for ``method="default"``).
    """

    term: str
    score: float
    rank: int
    method: str


# --------------------------------------------------------------------------- resources

@lru_cache(maxsize=None)
def _read_list(name: str) -> frozenset[str]:
    words = set()
    for line in resource_path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line)
    return frozenset(words)


def keyword_stopwords(lang: Literal["en"] = "en") -> frozenset[str]:
    """Words that end a candidate keyphrase (``resources/keywords_stopwords_en.txt``).

    Function words plus reporting verbs ("said", "told"), light verbs ("make",
    "take"), discourse adverbs, day names and number words. Unlike
    :func:`newsframe.text.stopwords` it keeps content words such as "bill", "fire" or
    "system".

    Examples
    --------
    >>> sw = keyword_stopwords()
    >>> "the" in sw and "told" in sw and "bill" not in sw
    True
    """
    if lang != "en":
        raise ValueError(f"lang must be 'en' (the only keyword stop-word list shipped), not {lang!r}")
    return _read_list("keywords_stopwords_en.txt")


# --------------------------------------------------------------------------- caches

_STEMS: dict[str, str] = {}
_LOGP: dict[str, float] = {}
_CACHE_MAX = 500_000


def _stem(low: str) -> str:
    s = _STEMS.get(low)
    if s is None:
        if len(_STEMS) > _CACHE_MAX:
            _STEMS.clear()
        from newsframe.text import stem

        s = _STEMS[low] = stem(low) if "'" not in low else stem(low.replace("'", ""))
    return s


@lru_cache(maxsize=1)
def _wordfreq() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="best")


#: Frequency given to words wordfreq does not know (about Zipf 1: once in 100 million words).
_FLOOR = 1e-8


def _log_freq(low: str) -> float:
    """Natural log of the word's frequency in general English (wordfreq), floored.

    A word the list does not hold as a whole is estimated the way
    ``wordfreq.word_frequency`` does it: from wordfreq's own tokens, "u.s." as "u.s"
    (Zipf 5.3, not an unknown word) and a hyphenated compound from its parts
    (``1 / sum(1 / f)``: "co-starred" about as frequent as "starred").
    """
    v = _LOGP.get(low)
    if v is None:
        if len(_LOGP) > _CACHE_MAX:
            _LOGP.clear()
        f = _wordfreq().get(low)
        if f is None:
            import wordfreq

            f = wordfreq.word_frequency(low, "en", wordlist="best")
        v = _LOGP[low] = math.log(max(f, _FLOOR))
    return v


#: Numbers written with a unit or suffix: ordinals ("19th"), decades ("1980s"),
#: amounts ("880m", "1bn", "40k"), times ("9pm"). Like plain numbers they end a phrase;
#: "4G", "3D" or "G20" are kept.
_NUMBER_WORD = re.compile(r"\d+(?:st|nd|rd|th|s|k|m|bn|b|tn|am|pm|p|ft|km|kg|lbs?|mm|cm|mph|mg|ml)$")

# --------------------------------------------------------------------------- text preparation

_TITLE, _HEADING, _BODY = 0, 1, 2
# word shapes (body text only; headlines are often in Title Case)
_CAP, _VERBISH, _ING = 1, 2, 4
# tags of a lower-case word in the Brill lexicon shipped with TextBlob (its most frequent tag):
# a verb or adverb stays out of phrases (_VERB); a participle may only open one (_PART);
# an adjective may not end one (_ADJ)
_VERB, _PART, _ADJ = 8, 16, 32
# typography mapped before (and instead of) newsframe.text.normalize_text
_SMART = {
    "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": " - ", "\u2013": " - ",
    "\u2015": " - ", "\u00a0": " ", "\u00ad": "", "\u200b": "", "\u2026": "...", "\u2212": "-",
}
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+", re.I)
_DOMAIN_ENDS = (".com", ".org", ".net", ".gov", ".edu", ".co.uk", ".io")
_DOMAIN = re.compile(r"\b([A-Za-z][\w-]*)\.(?:com|org|net|gov|edu|co\.uk|io)\b")
# (the look-ahead lets the scan pass over white space at once: no token starts there)
_TOKEN = re.compile(r"(?=\S)(?:[A-Za-z]\.(?:[A-Za-z]\.)+(?![A-Za-z])|[^\W_]+(?:['\-][^\W_]+)*|[^\w\s])")
# The same tokens in ASCII text, with explicit character sets (faster than Unicode
# categories): [^\W_] is [0-9A-Za-z] there and \s is [\t\n\x0b\x0c\r\x1c-\x1f ].
_TOKEN_ASCII = re.compile(
    r"(?=[^\t\n\x0b\x0c\r\x1c-\x1f ])"
    r"(?:[A-Za-z]\.(?:[A-Za-z]\.)+(?![A-Za-z])|[0-9A-Za-z]+(?:['\-][0-9A-Za-z]+)*|[^0-9A-Za-z_\t\n\x0b\x0c\r\x1c-\x1f ])"
)
_SENT_END = frozenset(".!?")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_DOMAIN_END = re.compile("|".join(map(re.escape, _DOMAIN_ENDS)))
# A URL or address never holds white space: only the white-space-delimited pieces with
# an "@", "://" or "www." can hold one (a linear scan: each piece is tried from its start)
_URL_PIECE = re.compile(r"(?<!\S)\S*?(?:@|://|www\.)\S*", re.I)
_TYPOGRAPHY: dict[str, str] = {}  # run of non-ASCII characters -> its ASCII-normalised form


def _typography(run: re.Match[str]) -> str:
    """A run of non-ASCII characters with _SMART, then ``normalize_text``, applied.

    Both map character by character, so rewriting only the non-ASCII runs gives the
    same text as passing over all of it (and costs far less on a long line).
    """
    chars = run.group()
    out = _TYPOGRAPHY.get(chars)
    if out is None:
        from newsframe.text import normalize_text

        if len(_TYPOGRAPHY) > 10_000:
            _TYPOGRAPHY.clear()
        out = _TYPOGRAPHY[chars] = "".join([_SMART[c] if c in _SMART else normalize_text(c) for c in chars])
    return out


def _clean(text: str) -> str:
    """Unescape HTML entities, normalise typography, blank out URLs and e-mail addresses."""
    if "&" in text and ";" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = _NON_ASCII.sub(_typography, text)
    if "www" in text or "://" in text or "@" in text:
        text = _URL_PIECE.sub(lambda piece: _URL.sub(" | ", piece.group()), text)
    if _DOMAIN_END.search(text):
        text = _DOMAIN.sub(r"\1", text)
    return text


def _lines(text: str) -> list[str]:
    """The lines of ``text`` that hold more than white space (``\\n``, ``\\r\\n`` and ``\\r`` end a line)."""
    from newsframe.text import _unify_line_ends

    return [line for line in _unify_line_ends(text).split("\n") if line.strip()]


def _units(doc: "str | Article") -> list[tuple[str, int]]:
    """The text blocks of a document with their kind (title, heading, body).

    Phrases never cross a block. A string is split at line breaks.
    """
    if isinstance(doc, str):
        return [(line, _BODY) for line in _lines(doc)]
    text = getattr(doc, "text", None)
    if not isinstance(text, str):
        raise TypeError(f"expected a str or an Article, not {type(doc).__name__}")
    units: list[tuple[str, int]] = []
    title = getattr(doc, "title", None)
    if title:
        units.append((title, _TITLE))
    last_sub = None
    paragraphs = getattr(doc, "paragraphs", ())
    if paragraphs:
        for p in paragraphs:
            if p.subheading and p.subheading != last_sub:
                units.append((p.subheading, _HEADING))
            last_sub = p.subheading
            units.extend((line, _BODY) for line in _lines(p.text))
    else:
        units.extend((line, _BODY) for line in _lines(text))
    return units


@dataclass(slots=True)
class _Doc:
    """A document cut into chunks: runs of content words that no phrase may leave.

    Word ``j`` has ``surf[j]`` (as written), ``low[j]``, ``stem[j]``, its sentence
    and block kind, its token position and its shape flags. A chunk is a list of
    consecutive word indices. ``cands`` maps each candidate phrase (tuple of stems)
    to the word indices where it starts.
    """

    chunks: list[list[int]]
    surf: list[str]
    low: list[str]
    stem: list[str]
    sent: list[int]
    kind: list[int]
    pos: list[int]
    shape: list[int]
    n_tokens: int
    n_sents: int
    n_words: int = 0  # word tokens (stop words and numbers too, not punctuation)
    cands: dict[tuple[str, ...], list[int]] = field(default_factory=dict)
    stem_count: dict[str, int] = field(default_factory=dict)
    full: bool = False  # cands holds every candidate (not the tfidf shortcut, no "of" names)
    #: names joined by a lower-case "of": (first, last) word of the capitalised run
    #: before it, last word of the capitalised run after it (which starts at last + 1),
    #: and the chunk of the run before it ("Hollywood Walk" | "Fame", "Bank" | "America")
    links: list[tuple[int, int, int, int]] = field(default_factory=list)


# token classes
_WORD, _CAPSTOP, _STOP, _SKIP, _END, _PUNCT, _HYPHEN = range(7)
# per stop-word set: raw token -> (class, word, low, stem, shape, possessive)
_INFO: dict[frozenset[str], dict[str, tuple[int, str, str, str, int, bool]]] = {}


@lru_cache(maxsize=1)
def _lexicon_shapes() -> dict[str, int]:
    """Lower-case word -> _VERB / _PART / _ADJ by its most frequent tag in Brill's lexicon.

    The lexicon of Brill's tagger (trained on the Brown corpus and the Penn Treebank;
    94,000 entries) ships inside the ``textblob`` package (``textblob/en/en-lexicon.txt``),
    so no tagger model is downloaded. Verbs (VB, VBD, VBP, VBZ, MD) and adverbs (RB,
    RBR, RBS) are _VERB, participles (VBN, VBG) _PART, adjectives (JJ, JJR, JJS) _ADJ;
    nouns and words the lexicon does not hold get no flag. One tag per word, without
    context: "cut" is a verb, "fears" a noun.
    """
    import importlib.util

    spec = importlib.util.find_spec("textblob")  # (the file only: importing textblob costs seconds)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("newsframe.keywords needs the textblob package (its English tagger lexicon): "
                          "pip install textblob")
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-lexicon.txt"
    if not path.is_file():
        raise ImportError(f"the textblob package has no tagger lexicon at {path}; newsframe.keywords reads it "
                          "from there (reinstall textblob >= 0.17)")
    flags = {"VB": _VERB, "VBD": _VERB, "VBP": _VERB, "VBZ": _VERB, "MD": _VERB, "RB": _VERB, "RBR": _VERB,
             "RBS": _VERB, "VBN": _PART, "VBG": _PART, "JJ": _ADJ, "JJR": _ADJ, "JJS": _ADJ}
    out: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and not line.startswith(";") and parts[0].islower():
            flag = flags.get(parts[1])
            if flag and parts[0] not in out:
                out[parts[0]] = flag
    return out


def _suffix_shape(low: str) -> int:
    """Verb-like endings of a lower-case word, -ed/-ly (_VERBISH) or -ing (_ING), and its
    part of speech in the tagger lexicon (_VERB, _PART, _ADJ; :func:`_lexicon_shapes`)."""
    lex = _lexicon_shapes().get(low, 0)
    if len(low) > 4 and low.endswith(("ed", "ly")) and not low.endswith("eed"):
        return _VERBISH | lex
    if len(low) > 5 and low.endswith("ing"):
        return _ING | lex
    return lex


def _is_adverb(low: str) -> bool:
    """-ly adverbs built on a more common adjective ("sharply", "simply", "happily"),
    not nouns such as "family", "rally", "supply" or "belly"."""
    if len(low) < 5 or not low.endswith("ly"):
        return False
    freqs = _wordfreq()
    base = low[:-2]
    bases = [base]
    if base.endswith("i"):
        bases.append(base[:-1] + "y")  # happily -> happy
    if base.endswith(("b", "p", "t", "d", "g")):
        bases.append(base + "le")  # simply -> simple, gently -> gentle
    own = freqs.get(low, 0.0)
    return any(len(b) > 2 and freqs.get(b, 0.0) >= max(1e-6, own) for b in bases)


def _token_info(tok: str, stop: frozenset[str]) -> tuple[int, str, str, str, int, bool]:
    c0 = tok[0]
    if not c0.isalnum():
        return (_END if c0 in _SENT_END else _HYPHEN if c0 == "-" else _PUNCT, tok, tok, tok, 0, False)
    poss = False
    if len(tok) > 2 and tok.endswith("'s"):
        tok = tok[:-2]
        poss = True
    low = tok.lower()
    if len(tok) < 2 or (
        c0.isdigit() and (tok.isdigit() or "-" in tok or not any(ch.isalpha() for ch in tok) or _NUMBER_WORD.match(low))
    ):
        return (_SKIP, tok, low, low, 0, poss)
    if low in stop:
        cls = _CAPSTOP if tok.isupper() else _STOP  # "US", "WHO", "IT" in capitals are names
    elif c0.islower() and _is_adverb(low):
        cls = _STOP
    else:
        cls = _WORD
    shape = _CAP if c0.isupper() else _suffix_shape(low)
    return (cls, tok, low, _stem(low), shape, poss)


def _parse(doc: "str | Article", stop: frozenset[str], *, detail: bool = True) -> _Doc:
    """Cut a document into chunks of content words.

    With ``detail=False`` (enough for ``tfidf``) the sentence index and token position
    of each word are not recorded (``sent`` and ``pos`` are empty).
    """
    info_cache = _INFO.get(stop)
    if info_cache is None or len(info_cache) > _CACHE_MAX:
        if len(_INFO) > 4:
            _INFO.clear()
        info_cache = _INFO[stop] = {}
    words: list[tuple[int, str, str, str, int, bool]] = []
    sent_l: list[int] = []
    kind_l: list[int] = []
    pos_l: list[int] = []
    chunks: list[list[int]] = []
    pos = 0
    nsent = 0
    n_other = 0
    heads: list[tuple[int, int]] = []  # words of the title and subheadings: (first, end)
    get = info_cache.get
    links: list[tuple[int, int]] = []  # (last word before "of", its chunk)
    openers: list[int] = []  # words that open a sentence
    for raw, kind in _units(doc):
        unit = _clean(raw)
        # classes of content words: capitalised stop words ("US", "WHO", "IT") are
        # names, unless the whole block is in capitals
        content_below = _CAPSTOP if unit.isupper() else _STOP
        chunk: list[int] = []
        first = len(words)
        sent_open = True
        of_left: tuple[int, int] | None = None
        toks = (_TOKEN_ASCII if unit.isascii() else _TOKEN).findall(unit)
        for tok, info in zip(toks, map(get, toks)):
            if info is None:
                info = info_cache[tok] = _token_info(tok, stop)
            cls = info[0]
            if cls < content_below:
                if not chunk:
                    if sent_open:
                        openers.append(len(words))
                        sent_open = False
                    if of_left is not None:
                        if info[4] == _CAP:
                            links.append(of_left)
                        of_left = None
                chunk.append(len(words))
                words.append(info)
                if detail:
                    pos += 1
                    sent_l.append(nsent)
                    pos_l.append(pos)
                if info[5]:
                    chunks.append(chunk)
                    chunk = []
                continue
            of_left = None
            if cls <= _SKIP:
                n_other += 1
                sent_open = False
            elif cls == _END:
                sent_open = True
            if chunk:
                chunks.append(chunk)
                if tok == "of" and words[-1][4] == _CAP:  # "Walk of", "Bank of"
                    of_left = (len(words) - 1, len(chunks) - 1)
                chunk = []
            if detail and cls != _HYPHEN:
                pos += 1
                if cls == _END:
                    nsent += 1
        if chunk:
            chunks.append(chunk)
        nsent += 1
        if len(words) > first:
            kind_l.extend([kind] * (len(words) - first))
            if kind != _BODY:
                heads.append((first, len(words)))
    low_l = list(map(itemgetter(2), words))
    shape_l = list(map(itemgetter(4), words))
    if heads:
        # headline words take the shape the same word has in the body (Title Case hides
        # it): capitalised if it is capitalised somewhere in the body, else its suffix shape
        capitalised: set[str] = set()
        body_start = 0
        for a, b in (*heads, (len(words), len(words))):
            capitalised.update([low for low, sh in zip(low_l[body_start:a], shape_l[body_start:a]) if sh == _CAP])
            body_start = b
        for a, b in heads:
            for i in range(a, b):
                low = low_l[i]
                shape_l[i] = _CAP if low in capitalised else _suffix_shape(low)
    stem_l = list(map(itemgetter(3), words))
    return _Doc(
        chunks, list(map(itemgetter(1), words)), low_l, stem_l, sent_l, kind_l, pos_l, shape_l, pos, nsent,
        len(words) + n_other, links=_name_links(links, openers, chunks, low_l, stem_l, shape_l, kind_l) if links else [],
    )


def _name_links(
    links: list[tuple[int, int]],
    openers: list[int],
    chunks: list[list[int]],
    low: list[str],
    stem: list[str],
    shape: list[int],
    kind: list[int],
) -> list[tuple[int, int, int, int]]:
    """The "of" links between two capitalised words (after headline words took their body shape).

    Each link is returned with the capitalised run before the "of" and the one after
    it, within their chunks. A word opening a sentence counts as capitalised only if
    the same word is capitalised somewhere else in the body, not first in its
    sentence ("Residents of Tokyo" or "Top Department of Energy" at the start of a
    sentence are no names).
    """
    opening = set(openers)
    named: set[str] | None = None  # words capitalised inside a body sentence, found on first need

    def capitalised(i: int) -> bool:
        nonlocal named
        if shape[i] != _CAP:
            return False
        if i not in opening:
            return True
        if named is None:
            named = {w for x, (w, sh, k) in enumerate(zip(low, shape, kind))
                     if sh == _CAP and k == _BODY and x not in opening}
        return low[i] in named

    out = []
    for j, ci in links:
        if not capitalised(j) or shape[j + 1] != _CAP:
            continue
        start, first = j, chunks[ci][0]
        while start > first and capitalised(start - 1):
            start -= 1
        end, last = j + 1, chunks[ci + 1][-1]
        while end < last and shape[end + 1] == _CAP and stem[end + 1] != stem[end]:
            end += 1
        out.append((start, j, end, ci))
    return out


#: Stand-in for a lower-case "of" inside a candidate key ("walk", _OF, "fame"); no
#: word's stem holds a space, so it never clashes with one.
_OF = " of"


def _joined(key: tuple[str, ...]) -> str:
    """A candidate key as one string of stems ("oil price", "walk of fame")."""
    return " ".join(key) if _OF not in key else " ".join(st.strip() for st in key)


def _candidates(
    d: _Doc, ngram_range: tuple[int, int], *, of_names: bool = False,
    weights: "Mapping[str, float] | None" = None, floor: float = 0.0,
) -> dict[tuple[str, ...], list[int]]:
    """All n-grams inside chunks, keyed by their stems, with where each occurrence starts.

    Multiword phrases must look like noun phrases: no lower-case word followed by a
    capitalised one ("met Vladimir Putin"), no last word in -ed/-ly ("North Korea
    launched"), no capitalised word followed by a last word in -ing ("Korea
    growing"), no word repeated ("war war"). The lexicon tags of
    :func:`_lexicon_shapes` also apply: no verb or adverb anywhere in a phrase
    ("panels cut bills", "Bank quickly raised"), a participle only as the first word
    of its chunk, after a stop word or punctuation ("the armed forces"; after a
    content word it is taken for a verb: no "Bank raised" and no "raised rates" in
    "Bank raised rates"), and no adjective as its last word ("tactical nuclear").
    Single words are never filtered. Every method's candidates are these.

    With ``weights`` (stem: weight), only the words weighing ``floor`` or more and the
    phrases whose words' weights add up to ``floor`` or more are listed (a shortcut
    for scores bounded by that sum).

    With ``of_names``, a phrase may also span one lower-case "of" between two
    capitalised words when all its words are capitalised ("Walk of Fame", "Bank of
    America", "Department of Homeland Security"): any capitalised words before the
    "of" and the whole run of capitalised words after it (so that a name is not cut
    after "of": no "Museums of San" from "Museums of San Francisco"). Its key holds
    :data:`_OF`; its length is counted in words without the "of".

    A full set left built by an earlier call on ``d`` (``d.full``) is reused, not
    built again: returned as it is, or with the "of" names added to it.
    """
    if d.full and weights is None:
        if of_names and d.links:
            _of_candidates(d, ngram_range, None, 0.0)
            d.full = False
        return d.cands
    lo, hi = ngram_range
    cands: dict[tuple[str, ...], list[int]] = {}
    get = cands.get
    stems = d.stem
    shape = d.shape
    if not d.stem_count:  # _score_tfidf counts them first
        d.stem_count = Counter(stems)
    if lo == 1:
        single = None if weights is None else {st for st, x in weights.items() if x >= floor}
        for w, s in enumerate(stems):
            if single is None or s in single:
                occ = get((s,))
                if occ is None:
                    cands[(s,)] = [w]
                else:
                    occ.append(w)
    d.cands = cands
    d.full = weights is None and not of_names
    if hi < 2:
        return cands
    for chunk in d.chunks:
        n_chunk = len(chunk)
        if n_chunk < 2:
            continue
        w0 = chunk[0]
        end = w0 + n_chunk  # a chunk is a run of consecutive words
        if weights is not None and sum(weights[st] for st in stems[w0:end]) < floor:
            continue  # no phrase of this chunk can add up to the floor
        for w in range(w0, end - 1):
            if shape[w] & (_VERB if w == w0 else _VERB | _PART):
                continue  # a participle after a content word is a verb: "Bank raised rates"
            total = weights[stems[w]] if weights is not None else 0.0
            top = w + hi
            for last in range(w + 1, top if top < end else end):  # (cheaper than min())
                # noun-phrase shape, checked word by word as the phrase grows
                if stems[last] == stems[last - 1]:
                    break  # "war war", "very very"
                nxt = shape[last]
                if nxt & (_VERB | _PART):
                    break  # "panels cut bills", "Bank raised rates"
                if nxt & _CAP and not shape[last - 1] & _CAP:
                    break  # lower-case word followed by a capitalised one
                if weights is not None:
                    total += weights[stems[last]]
                    if total < floor:
                        continue
                if last - w + 1 < lo:
                    continue
                if nxt & (_VERBISH | _ADJ) or (nxt & _ING and shape[last - 1] & _CAP):
                    continue  # would end in "launched", "quickly", "Korea growing"
                key = tuple(stems[w:last + 1])
                occ = get(key)
                if occ is None:
                    cands[key] = [w]
                else:
                    occ.append(w)
    if of_names and d.links:
        _of_candidates(d, ngram_range, weights, floor)
    return cands


def _of_candidates(
    d: _Doc, ngram_range: tuple[int, int], weights: "Mapping[str, float] | None", floor: float
) -> None:
    """Add the capitalised phrases spanning an "of" link to ``d.cands`` (in place)."""
    lo, hi = ngram_range
    cands, stems = d.cands, d.stem
    for start, j, end, _ci in d.links:
        # any capitalised words before "of", the whole capitalised run after it
        for a in range(j, start - 1, -1):
            n = (j + 1 - a) + (end - j)
            if n > hi:
                break
            if n < lo:
                continue
            if weights is not None and sum(weights[st] for st in stems[a:end + 1]) < floor:
                continue
            key = (*stems[a:j + 1], _OF, *stems[j + 1:end + 1])
            occ = cands.get(key)
            if occ is None:
                cands[key] = [a]
            else:
                occ.append(a)


def _display(d: _Doc, key: tuple[str, ...]) -> str:
    """The most frequent spelling of a candidate; ties go to a lower-case initial, then alphabetical."""
    occ = d.cands[key]
    n = len(key)
    surf = d.surf
    if _OF in key:  # the words without "of" are consecutive
        at = key.index(_OF)
        forms = Counter(" ".join((*surf[j:j + at], "of", *surf[j + at:j + n - 1])) for j in occ)
        return min(forms.items(), key=lambda kv: (-kv[1], not kv[0][:1].islower(), kv[0]))[0]
    spellings = [surf[j] for j in occ] if n == 1 else [" ".join(surf[j:j + n]) for j in occ]
    first = spellings[0]
    if spellings.count(first) == len(spellings):  # one spelling
        return first
    forms = Counter(spellings)
    return min(forms.items(), key=lambda kv: (-kv[1], not kv[0][:1].islower(), kv[0]))[0]


# --------------------------------------------------------------------------- backgrounds

@dataclass(frozen=True, slots=True)
class Background:
    """Document frequencies of stemmed words and phrases in a reference corpus.

    Build one with :func:`fit_background`; pass it as ``extract_keywords(...,
    background=bg)`` to score phrases by classical TF-IDF against your corpus instead of
    against general English.

    Attributes
    ----------
    n_documents : int
    document_frequency : mapping of str to int
        Stemmed term (words joined by a space) → number of documents holding it.
    """

    n_documents: int
    document_frequency: Mapping[str, int]

    def idf(self, key: str) -> float:
        """Smoothed inverse document frequency, ``ln((1 + N) / (1 + df)) + 1`` (≥ 1)."""
        return math.log((1 + self.n_documents) / (1 + self.document_frequency.get(key, 0))) + 1.0


def fit_background(
    texts: "Iterable[str | Article]",
    *,
    ngram_range: tuple[int, int] = (1, 3),
    stopwords: Iterable[str] | None = None,
) -> Background:
    """Count in how many documents each candidate word and phrase occurs.

    Parameters
    ----------
    texts : iterable of str or Article
    ngram_range : (int, int)
        Phrase lengths to count (use the same as for :func:`extract_keywords`).
    stopwords : iterable of str, optional
        Default :func:`keyword_stopwords`.

    Returns
    -------
    Background

    Raises
    ------
    ValueError
        If ``texts`` is a single string, holds no document or no word in any document
        (empty documents among others count in ``n_documents``), or ``ngram_range`` is bad.

    Examples
    --------
    >>> bg = fit_background(["Oil prices rose.", "Oil prices fell.", "Gold rose."])
    >>> bg.n_documents, bg.document_frequency["oil price"], bg.document_frequency["gold"]
    (3, 2, 1)
    """
    if isinstance(texts, str):
        raise ValueError("fit_background expects many texts (a list of str or Article), not one string")
    ngram_range = _check_ngram_range(ngram_range)
    stop = _stop_set(stopwords)
    df: Counter[str] = Counter()
    n = 0
    for t in texts:
        d = _parse(t, stop)
        df.update(map(_joined, _candidates(d, ngram_range, of_names=True)))
        n += 1
    if n == 0:
        raise ValueError("fit_background needs at least one document")
    if not df:  # (documents without words among others are fine: they count in n_documents)
        raise ValueError(f"fit_background found no word or phrase in the {n} documents (empty, or only stop words)")
    return Background(n, dict(sorted(df.items())))


# --------------------------------------------------------------------------- argument checks

def _check_top_n(top_n: Any) -> int:
    if isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 1:
        raise ValueError(f"top_n must be a positive int, not {top_n!r}")
    return top_n


def _check_ngram_range(ngram_range: Any) -> tuple[int, int]:
    try:
        lo, hi = ngram_range
    except (TypeError, ValueError):
        raise ValueError(f"ngram_range must be a pair (min_n, max_n) of ints, not {ngram_range!r}") from None
    if any(isinstance(v, bool) or not isinstance(v, int) for v in (lo, hi)) or not 1 <= lo <= hi <= 6:
        raise ValueError(f"ngram_range must be (min_n, max_n) with 1 <= min_n <= max_n <= 6, not {ngram_range!r}")
    return lo, hi


def _stop_set(stopwords: Iterable[str] | None) -> frozenset[str]:
    if stopwords is None:
        return keyword_stopwords()
    from newsframe.text import _word_list

    return frozenset(w.lower() for w in _word_list(stopwords))


def _text_of(article: Any, name: str = "article") -> str:
    """The text of a str or an Article (anything with a str ``text``); TypeError for anything else."""
    text = article if isinstance(article, str) else getattr(article, "text", None)
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str or an Article, not {type(article).__name__}")
    return text


# --------------------------------------------------------------------------- tfidf (default)

#: Rarity stops counting beyond this (natural-log) frequency: a word seen once in a
#: million is as key as one seen once in a billion (its expected count in the
#: article is computed from at least this frequency).
_MAX_RARITY = 6 * math.log(10)
#: Rarity cap for names (words capitalised wherever they occur in the body): about
#: 30 in a million words (Zipf 4.5). How rare a name is in general English says how
#: unusual the name is, not how central its bearer is to the story; repetition has to
#: carry it. Without this cap a name mentioned once outranks a common noun repeated
#: three times.
_NAME_RARITY = 4.5 * math.log(10)
#: Exponent of cohesion: how often the phrase occurs relative to its most frequent word.
_COHESION = 1.0


#: A word is shown as its most frequent phrase when at least this share of its
#: occurrences sit inside phrases that recur: "Francisco" → "San Francisco".
_EXPAND = 0.8

Scored = list[tuple[float, tuple[str, ...], str | None]]


def _score_tfidf(d: _Doc, background: Background | None, ngram_range: tuple[int, int], top_n: int) -> Scored:
    """Keyness of the candidates, per word, then per phrase.

    Against general English (no ``background``) a word's weight is its
    log-likelihood keyness: how much more often the article uses it than general
    English would lead one to expect in a text of its length. Seen ``n`` times among
    the article's ``N`` words, with frequency ``p`` in wordfreq (floored at
    :data:`_MAX_RARITY`, at :data:`_NAME_RARITY` for names), its expected count is
    ``E = N p``. A stem pools its surface forms ("missile", "missiles"): ``n`` counts
    them all and ``p`` is the sum of their frequencies, each floored at
    :data:`_MAX_RARITY` (the name floor then applies to the sum). With ``r = ln(n / E)``, Dunning's G² against a reference corpus far
    larger than the article tends to ``2 (n ln(n / E) - n + E) = 2 n (r - 1 + e^-r)``.
    Words seen no more often than expected (``r ≤ 0``) weigh 0. A phrase weighs the
    sum of its words' weights times its cohesion (its count over the count of its
    most frequent word), the sum as in SingleRank (Wan & Xiao 2008): a phrase whose
    words mostly occur together ("North Korea") outranks each of them, one whose words
    mostly occur apart does not. Words bound into recurring phrases hand their weight
    to the phrase (:data:`_EXPAND`).

    With a ``background``, words and phrases alike weigh classical ``tf × idf``, the
    phrase with its own count and document frequency.

    Against general English a phrase scores at most the sum of its words' weights, so
    only phrases whose words add up to the ``(4 × top_n + 10)``-th best word's weight
    are built and scored (the same list as building them all).
    """
    sc = d.stem_count = Counter(d.stem)
    weight: dict[str, float] = {}
    if background is None:
        # names: no occurrence lacks a capital (headline words take their body shape,
        # so words seen only in a headline do not count as names)
        # (a capitalised word's shape is exactly _CAP)
        common = {st for st, sh in zip(d.stem, d.shape) if sh != _CAP}
        logp = _LOGP
        log, exp = math.log, math.exp
        minus_log_n = -log(max(d.n_words, 1))
        max_rarity, name_rarity = _MAX_RARITY, _NAME_RARITY
        # a stem pooling several surface forms ("missile", "missiles") is expected
        # N x (sum of their frequencies) times, each form floored at the common floor
        min_p = exp(-max_rarity)

        def freq(lw: str) -> float:
            lf = logp.get(lw)
            p = exp(lf if lf is not None else _log_freq(lw))
            return p if p > min_p else min_p

        # each stem's first form, and the summed frequency of stems with several forms
        forms = dict.fromkeys(zip(d.stem, d.low))
        first_low = dict(reversed(forms))  # (a stem's first form is set last)
        pooled: dict[str, float] = {}
        if len(first_low) < len(forms):
            for st, lw in [form for form in forms if form[1] != first_low[form[0]]]:  # in order
                pooled[st] = (pooled[st] if st in pooled else freq(first_low[st])) + freq(lw)
        for st, n in sc.items():
            if st in pooled:
                rarity = -log(pooled[st])  # -ln p, p summed over the forms
            else:
                lw = first_low[st]
                lf = logp.get(lw)
                rarity = -(lf if lf is not None else _log_freq(lw))  # -ln p
            cap = max_rarity if st in common else name_rarity
            if rarity > cap:
                rarity = cap
            # r = ln(n / E), E = N p
            r = (log(n) if n > 1 else 0.0) + minus_log_n + rarity
            weight[st] = 2.0 * n * (r - 1.0 + exp(-r)) if r > 0.0 else 0.0
    else:
        for st, n in sc.items():
            weight[st] = n * background.idf(st)
    depth = 4 * top_n + 10
    if len(weight) > depth and background is None:
        # a phrase scores at most the sum of its words' weights: one whose words add up to
        # less than the depth-th best word cannot reach the top
        floor = max(sorted(weight.values(), reverse=True)[depth - 1], 1e-300)
        _candidates(d, ngram_range, of_names=True, weights=weight, floor=floor)
    else:
        _candidates(d, ngram_range, of_names=True)
    scores: dict[tuple[str, ...], float] = {}
    weight_of, count_of = weight.__getitem__, sc.__getitem__
    for key, occ in d.cands.items():
        if len(key) == 1:
            scores[key] = weight[key[0]]
            continue
        if background is not None:  # classical TF-IDF: the phrase's own count and document frequency
            scores[key] = len(occ) * background.idf(_joined(key))
            continue
        words = key if _OF not in key else tuple(st for st in key if st != _OF)
        if len(words) == 2:  # most phrases: cheaper than sum() and max() over a map
            c1, c2 = sc[words[0]], sc[words[1]]
            total, most = weight[words[0]] + weight[words[1]], (c1 if c1 >= c2 else c2)
        else:
            total, most = sum(map(weight_of, words)), max(map(count_of, words))
        cohesion = len(occ) / most
        scores[key] = total * (cohesion if _COHESION == 1.0 else cohesion**_COHESION)
    if _EXPAND:
        _expand(d, scores)
    return [(v, k, None) for k, v in scores.items()]


def _expand(d: _Doc, scores: dict[tuple[str, ...], float]) -> None:
    """Hand the weight of words bound into recurring phrases to the phrase (in place).

    A word is bound where a neighbour in its chunk forms a bigram that occurs twice or
    more. When at least :data:`_EXPAND` of a word's occurrences are bound, its most
    frequent recurring phrase takes the word's score (if higher) and the word alone
    keeps only its unbound share: "North" (always in "North Korea"/"North Korean")
    yields to "North Korea".
    """
    cands = d.cands
    stems = d.stem
    sc = d.stem_count
    bound: dict[str, int] = {}
    recurring = [(key, occ) for key, occ in cands.items() if len(occ) > 1 and len(key) > 1]
    pairs = {key for key, _occ in recurring if len(key) == 2}  # recurring bigrams
    paired = {st for key in pairs for st in key}
    for chunk in d.chunks if pairs else ():
        if len(chunk) < 2:
            continue
        keys = stems[chunk[0]:chunk[-1] + 1]  # chunks are runs of consecutive words
        if paired.isdisjoint(keys):
            continue  # no recurring bigram here
        last = len(keys) - 1
        for i, st in enumerate(keys):
            if (i and (keys[i - 1], st) in pairs) or (i < last and (st, keys[i + 1]) in pairs):
                bound[st] = bound.get(st, 0) + 1
    for _start, j, _end, ci in d.links:  # "Walk" and "Fame" are bound by a recurring "Walk of Fame"
        linked = cands.get((stems[j], _OF, stems[j + 1]))
        if linked is None or len(linked) < 2:
            continue
        for w, other in ((j, j - 1), (j + 1, j + 2)):
            st = stems[w]
            # not counted yet: its neighbour in the same chunk forms no recurring bigram
            chunk = d.chunks[ci] if w == j else d.chunks[ci + 1]
            if chunk[0] <= other <= chunk[-1]:
                pair = (stems[other], st) if other < w else (st, stems[other])
                occ = cands.get(pair)
                if occ is not None and len(occ) > 1:
                    continue
            bound[st] = bound.get(st, 0) + 1
    if not bound:
        return
    best: dict[str, tuple[str, ...]] = {}
    for key, occ in recurring:
        for st in key:
            if st in bound and bound[st] >= _EXPAND * sc[st]:
                b = best.get(st)
                if b is None or (len(occ), len(key), b) > (len(cands[b]), len(b), key):
                    best[st] = key
    for st, key in best.items():
        own = scores.get((st,))
        if own is None:
            continue
        if own * (1 + 1e-9) > scores[key]:
            scores[key] = own * (1 + 1e-9)
        scores[(st,)] = own * (1 - bound[st] / sc[st])


# --------------------------------------------------------------------------- other methods

def _key_of(phrase: str) -> tuple[str, ...]:
    """Stems of the words of a phrase, as used for candidate keys."""
    out = []
    for tok in _TOKEN.findall(_clean(phrase)):
        if tok[0].isalnum():
            if tok.endswith("'s") and len(tok) > 2:
                tok = tok[:-2]
            out.append(_stem(tok.lower()))
    return tuple(out)


def _from_key(d: _Doc, key: tuple[str, ...], fallback: str) -> str | None:
    return None if key in d.cands else fallback


def _yake_text(doc: "str | Article") -> str:
    """Normalised text for YAKE with every block ending in a full stop.

    YAKE joins lines with spaces, so a headline without final punctuation would run
    into the first sentence; the added full stop keeps phrases inside their block.
    """
    parts = []
    for raw, _kind in _units(doc):
        unit = _clean(raw).strip()
        if unit and unit[-1] not in ".!?":
            unit += "."
        parts.append(unit)
    return "\n".join(parts)


def _score_yake(doc: "str | Article", d: _Doc, ngram_range: tuple[int, int], top_n: int) -> Scored:
    import yake

    lo, hi = ngram_range
    # YAKE 0.7 accepts and silently ignores misspelt or old-style keyword arguments
    # (``windowsSize``, ``dedupLim``, ``top_n``): pass only its current names.
    extractor = yake.KeywordExtractor(lan="en", n=hi, dedup_lim=0.9, dedup_func="seqm", window_size=1, top=max(3 * top_n, 20))
    out: Scored = []
    for phrase, h in extractor.extract_keywords(_yake_text(doc)):
        key = _key_of(phrase)
        if not key or not lo <= len(key) <= hi:
            continue
        # YAKE: lower is better, > 0. Inverted: -log10(h), higher is better.
        out.append((-math.log10(max(float(h), 1e-300)), key, _from_key(d, key, phrase)))
    return out


def _word_graph(d: _Doc, window: int, weighted: bool) -> Any:
    """Co-occurrence graph of content-word stems within ``window`` tokens (one block)."""
    import networkx as nx

    g = nx.Graph()
    stems = d.stem
    pos = d.pos
    kind = d.kind
    sent = d.sent
    words = [j for chunk in d.chunks for j in chunk]
    for s in dict.fromkeys(stems[j] for j in words):
        g.add_node(s)
    for a_i, a in enumerate(words):
        for b in words[a_i + 1:]:
            if pos[b] - pos[a] >= window or kind[b] != kind[a]:
                break
            if weighted is False and sent[b] != sent[a]:
                break
            u, v = stems[a], stems[b]
            if u == v:
                continue
            if g.has_edge(u, v):
                g[u][v]["weight"] += 1.0
            else:
                g.add_edge(u, v, weight=1.0)
    return g


def _pagerank(g: Any, personalization: dict[str, float] | None = None, weighted: bool = True) -> dict[str, float]:
    import networkx as nx

    if g.number_of_nodes() == 0:
        return {}
    if g.number_of_edges() == 0:
        n = g.number_of_nodes()
        return {v: 1.0 / n for v in g.nodes}
    return nx.pagerank(g, alpha=0.85, personalization=personalization, weight="weight" if weighted else None, tol=1e-8, max_iter=200)


def _score_graph(d: _Doc, method: str) -> Scored:
    if method == "textrank":
        g = _word_graph(d, window=2, weighted=False)
        rank = _pagerank(g, weighted=False)
        # keep the top third of the words, then join adjacent kept words into phrases
        n_keep = max(1, math.ceil(len(rank) / 3))
        kept = set(sorted(rank, key=lambda s: (-rank[s], s))[:n_keep])
        out: Scored = []
        seen: set[tuple[str, ...]] = set()
        for key in d.cands:
            if all(s in kept for s in key) and key not in seen:
                seen.add(key)
                out.append((sum(rank[s] for s in key), key, None))
        return out
    g = _word_graph(d, window=10, weighted=True)
    personalization: dict[str, float] | None = None
    if method == "positionrank":
        personalization = {}
        for i, j in enumerate(k for chunk in d.chunks for k in chunk):
            s = d.stem[j]
            personalization[s] = personalization.get(s, 0.0) + 1.0 / (d.pos[j])
    rank = _pagerank(g, personalization)
    return [(sum(rank.get(s, 0.0) for s in key), key, None) for key in d.cands]


def _score_rake(d: _Doc) -> Scored:
    freq: dict[str, int] = {}
    degree: dict[str, int] = {}
    for chunk in d.chunks:
        n = len(chunk)
        for j in chunk:
            s = d.stem[j]
            freq[s] = freq.get(s, 0) + 1
            degree[s] = degree.get(s, 0) + n
    return [(sum(degree[s] / freq[s] for s in key), key, None) for key in d.cands]


def _likelihood_ratio(measures: Any) -> Any:
    """NLTK's ``measures.likelihood_ratio``, giving None (the n-gram is skipped) where it is undefined.

    NLTK builds each n-gram's contingency table from word counts, and when one word
    fills most of a short text ("Putin Putin Putin met Putin": its repeats are counted
    in every cell they touch) a cell comes out negative. Such a table holds no real
    counts: the ratio is meaningless, and NLTK raises ``ValueError: math domain error``
    (a log of a negative number) or returns a number of no meaning. In text where the
    cells are real counts (every news text tried) nothing changes.

    >>> from nltk.metrics import BigramAssocMeasures
    >>> llr = _likelihood_ratio(BigramAssocMeasures)
    >>> llr(2, (4, 4), 5) is None, llr(2, (2, 3), 50) > 0  # 4 + 4 - 2 > 5 words: no table
    (True, True)
    """
    contingency, ratio = measures._contingency, measures.likelihood_ratio

    def score(*marginals: Any) -> float | None:
        if min(contingency(*marginals)) < 0:
            return None
        return float(ratio(*marginals))

    return score


def _score_collocations(d: _Doc, ngram_range: tuple[int, int]) -> Scored:
    from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
    from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures

    lo, hi = ngram_range
    docs = [[d.stem[j] for j in chunk] for chunk in d.chunks]
    out: Scored = []
    if lo <= 2 <= hi:
        finder = BigramCollocationFinder.from_documents(docs)
        for gram, score in finder.score_ngrams(_likelihood_ratio(BigramAssocMeasures)):
            if tuple(gram) in d.cands:
                out.append((float(score), tuple(gram), None))
    if lo <= 3 <= hi:
        finder3 = TrigramCollocationFinder.from_documents(docs)
        for gram, score in finder3.score_ngrams(_likelihood_ratio(TrigramAssocMeasures)):
            key = tuple(gram)
            if key in d.cands:
                out.append((float(score), key, None))
    return out


#: Members of the ``ensemble`` method.
ENSEMBLE_MEMBERS: tuple[str, ...] = ("tfidf", "yake", "positionrank", "rake")
#: Reciprocal-rank-fusion constant (Cormack et al. 2009).
_RRF_K = 60


def _score_ensemble(doc: "str | Article", d: _Doc, ngram_range: tuple[int, int], top_n: int, background: "Background | None") -> Scored:
    fused: dict[tuple[str, ...], float] = {}
    depth = max(3 * top_n, 30)
    rankings = [_select(_score(m, doc, d, ngram_range, top_n, background), depth) for m in ENSEMBLE_MEMBERS]
    _candidates(d, ngram_range, of_names=True)  # the members' full set, with tfidf's names across "of"
    for ranked in rankings:
        for r, (_s, key, _p) in enumerate(ranked, 1):
            if key in d.cands:  # fuse over the shared (noun-phrase shaped) candidates only
                fused[key] = fused.get(key, 0.0) + 1.0 / (_RRF_K + r)
    return [(v, k, None) for k, v in fused.items()]


def _score(method: str, doc: "str | Article", d: _Doc, ngram_range: tuple[int, int], top_n: int, background: "Background | None") -> Scored:
    if method == "tfidf":
        return _score_tfidf(d, background, ngram_range, top_n)
    _candidates(d, ngram_range)  # (reused when an earlier method left it built)
    if method == "yake":
        return _score_yake(doc, d, ngram_range, top_n)
    if method in ("textrank", "singlerank", "positionrank"):
        return _score_graph(d, method)
    if method == "rake":
        return _score_rake(d)
    if method == "collocations":
        return _score_collocations(d, ngram_range)
    if method == "ensemble":
        return _score_ensemble(doc, d, ngram_range, top_n, background)
    raise ValueError(f"unknown method {method!r}; valid: {', '.join(METHODS)}")  # pragma: no cover


# --------------------------------------------------------------------------- dedup

def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i:i + n] == small for i in range(len(big) - n + 1))


#: Two phrases whose stem sets overlap this much (Jaccard) are near-duplicates.
_JACCARD = 0.5


def _order(t: tuple[float, tuple[str, ...], str | None]) -> tuple[float, int, tuple[str, ...]]:
    return (-t[0], -len(t[1]), t[1])


def _select_plain(scored: Scored, top_n: int) -> Scored:
    """:func:`_select` by its plain definition: deduplicate the best ``8 top_n`` in order, all if too few remain."""
    depth = 8 * top_n
    ranked = heapq.nsmallest(depth, scored, key=_order) if len(scored) > depth else sorted(scored, key=_order)
    out = _dedup(ranked, top_n)
    if len(out) < top_n and len(ranked) < len(scored):
        out = _dedup(sorted(scored, key=_order), top_n)
    return out


def _select(scored: Scored, top_n: int) -> Scored:
    """Best ``top_n`` candidates by ``(-score, longer first, key)``, near-duplicates merged.

    A phrase is dropped when a better one has the same stems, or when their stem sets
    overlap by at least :data:`_JACCARD` (Jaccard), e.g. "stadium bomb" after
    "stadium bomb plot", or "Putin" after "Vladimir Putin". Scores that are not
    positive and finite are dropped.
    """
    scores = list(map(itemgetter(0), scored))
    if any(map(math.isnan, scores)):  # no total order: the order of a sort is its own
        return _select_plain(scored, top_n)
    # The answer is the first top_n phrases of the whole list in that order that are
    # no near-duplicates. Most candidates score far below the best: sort the head
    # first (every score at or above the (2 top_n)-th best, which starts that order),
    # and a longer head or all of it only if near-duplicates leave too few.
    descending = sorted(scores, reverse=True) if len(scored) > 2 * top_n else []
    for size in (2 * top_n, 8 * top_n):
        if len(scored) <= size:
            break
        cut = descending[size - 1]
        out = _dedup(sorted([t for t in scored if t[0] >= cut], key=_order), top_n)
        if len(out) == top_n:
            return out
    return _dedup(sorted(scored, key=_order), top_n)


def _same_word(a: str, b: str) -> bool:
    """Stems of one word family: equal, or one extends the other by at most 3 letters
    ("korea"/"korean", "russia"/"russian", "iran"/"iranian")."""
    if a == b:
        return True
    if a[:4] != b[:4] or len(a) < 4 or len(b) < 4:
        return False
    if len(a) > len(b):
        a, b = b, a
    return len(b) - len(a) <= 3 and b.startswith(a)


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Jaccard overlap of two stem tuples, counting word-family matches (:func:`_same_word`)."""
    if len(a) == 1 and len(b) == 1:
        return 1.0 if _same_word(a[0], b[0]) else 0.0
    if _OF in a:
        a = tuple(x for x in a if x != _OF)
    if _OF in b:
        b = tuple(x for x in b if x != _OF)
    shared = sum(1 for x in a if any(_same_word(x, y) for y in b))
    return shared / (len(a) + len(b) - shared)


def _dedup(ranked: Scored, top_n: int) -> Scored:
    out: Scored = []
    keys: list[tuple[str, ...]] = []
    # Words of one family (_same_word) share their first four letters (or are equal):
    # a phrase with none of the kept phrases' beginnings overlaps none of them.
    beginnings: set[str] = set()
    for score, key, p in ranked:
        if not score > 0 or not math.isfinite(score):
            continue
        begins = {st[:4] for st in key}
        if not beginnings.isdisjoint(begins) and any(_overlap(key, o) >= _JACCARD for o in keys):
            continue
        beginnings |= begins
        keys.append(key)
        out.append((score, key, p))
        if len(out) >= top_n:
            break
    return out


# --------------------------------------------------------------------------- public API

def extract_keywords(
    text_or_article: "str | Article",
    *,
    method: Method = "default",
    top_n: int = 10,
    ngram_range: tuple[int, int] = (1, 3),
    background: Background | None = None,
    stopwords: Iterable[str] | None = None,
) -> list[Keyword]:
    """The ``top_n`` keyphrases of a text, best first.

    Parameters
    ----------
    text_or_article : str or Article
        For an :class:`~newsframe.ingest.Article` the title and subheadings are read
        too (phrases never run across them).
    method : {"default", "tfidf", "yake", "textrank", "singlerank", "positionrank", \
"rake", "collocations", "ensemble"}
        ``"default"`` is :data:`DEFAULT_METHOD` (``"tfidf"``), the best on the news
        benchmark.
    top_n : int
        At most this many keyphrases are returned (fewer for short texts).
    ngram_range : (int, int)
        Shortest and longest phrase, in words (1 ≤ min ≤ max ≤ 6).
    background : Background, optional
        For ``tfidf``: document frequencies from :func:`fit_background`. Without it
        the background is general English (``wordfreq``).
    stopwords : iterable of str, optional
        Words that end a phrase (default :func:`keyword_stopwords`).

    Returns
    -------
    list of Keyword
        Sorted by ``(-score, term)``; ``rank`` 1, 2, …. Empty for an empty or
        stop-word-only text.

    Raises
    ------
    ValueError
        Unknown ``method``; ``top_n`` not a positive int; bad ``ngram_range``.
    TypeError
        If ``text_or_article`` is neither a str nor an Article, or ``stopwords`` is not
        a collection of str.

    Notes
    -----
    ``tfidf`` weighs a word seen ``n`` times in an article of ``N`` words by its
    log-likelihood keyness against general English, ``G² = 2 (n ln(n/E) - n + E)``
    with ``E = N p`` the count expected from ``p``, the word's frequency in
    ``wordfreq`` (Dunning's G² when the reference corpus is far larger than the
    article). Words seen no more often than expected score 0 and are never keywords.
    The forms of one stem are counted together ("missile", "missiles") and expected
    from the sum of their frequencies. ``p`` is floored at one in a million (rarer words are all equally surprising) and
    at 30 in a million for names (words capitalised wherever they occur in the body):
    a name must recur to outrank a repeated common noun. A word wordfreq lists only in
    parts is estimated as wordfreq does ("U.S." as "u.s", "co-starred" from "co" and
    "starred"). Against a term-frequency score ``tf × -ln p`` the expected count adds
    the article's length: the longer the text, the more a common word has to recur
    to count. Candidates are runs of content words; a name may span one lower-case
    "of" ("Walk of Fame", "Bank of America", "Department of Homeland Security") when
    all its words are capitalised in the body, the whole run after "of" is taken,
    and its length is counted without the "of". It is the best of the methods on
    500N-KPCrowd (``benchmarks/bench_keywords.py``; the figures are in the README).

    References
    ----------
    Salton, G., & Buckley, C. (1988). Term-weighting approaches in automatic text retrieval.
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61–74 (log-likelihood keyness of the default).
    Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling.
    Speer, R. et al. (2018). wordfreq (general-English word frequencies).
    Campos, R. et al. (2020). YAKE! Keyword extraction from single documents using multiple
    local features. *Information Sciences*, 509, 257–289.
    Mihalcea, R., & Tarau, P. (2004). TextRank: Bringing order into texts. *EMNLP*.
    Wan, X., & Xiao, J. (2008). Single document keyphrase extraction using neighborhood
    knowledge (SingleRank). *AAAI*.
    Florescu, C., & Caragea, C. (2017). PositionRank. *ACL*.
    Rose, S. et al. (2010). Automatic keyword extraction from individual documents (RAKE).
    Cormack, G. V. et al. (2009). Reciprocal rank fusion. *SIGIR*.
    Marujo, L. et al. (2012). Supervised topical key phrase extraction of news stories using
    crowdsourcing, light filtering and co-reference normalization (500N-KPCrowd). *LREC*.

    Examples
    --------
    >>> kws = extract_keywords("Solar panels cut bills. Cheap solar panels cover roofs.", top_n=2)
    >>> [(k.term, k.rank, k.method) for k in kws]
    [('solar panels', 1, 'tfidf'), ('roofs', 2, 'tfidf')]
    >>> kws[0].score > kws[1].score
    True
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; valid: {', '.join(METHODS)}")
    top_n = _check_top_n(top_n)
    ngram_range = _check_ngram_range(ngram_range)
    if background is not None and not isinstance(background, Background):
        raise TypeError(f"background must be a Background from fit_background(), not {type(background).__name__}")
    stop = _stop_set(stopwords)
    name = DEFAULT_METHOD if method == "default" else method
    d = _parse(text_or_article, stop, detail=name != "tfidf")
    if not d.chunks:
        return []
    chosen = _select(_score(name, text_or_article, d, ngram_range, top_n, background), top_n)
    found = [(float(s), p if p is not None else _display(d, k)) for s, k, p in chosen]
    found.sort(key=lambda t: (-t[0], t[1]))
    return [Keyword(term, score, i, name) for i, (score, term) in enumerate(found, 1)]


def compare_methods(
    text_or_article: "str | Article",
    *,
    methods: Sequence[str] = ("tfidf", "yake", "textrank", "singlerank", "positionrank", "rake", "collocations", "ensemble"),
    top_n: int = 10,
    ngram_range: tuple[int, int] = (1, 3),
) -> "pd.DataFrame":
    """Top keyphrases of several methods in one long table.

    Returns
    -------
    DataFrame
        Columns ``method, rank, term, score, agreement``: score on each method's own
        scale (higher = more key); ``agreement`` = how many of the methods list the
        same phrase (compared by stems). Methods in the order given, then by rank.

    Raises
    ------
    ValueError
        For an unknown method (or any bad argument of :func:`extract_keywords`).

    Examples
    --------
    >>> t = compare_methods("Solar panels cover roofs. Solar panels cut bills.", methods=["tfidf", "yake"], top_n=2)
    >>> t[["method", "term", "agreement"]].values.tolist()
    [['tfidf', 'Solar panels', 2], ['tfidf', 'roofs', 1], ['yake', 'panels cover roofs', 1], ['yake', 'Solar panels', 2]]
    """
    import pandas as pd

    if isinstance(methods, str):
        raise ValueError("methods must be a list of method names, not one string")
    rows: list[dict[str, Any]] = []
    for m in methods:
        for k in extract_keywords(text_or_article, method=m, top_n=top_n, ngram_range=ngram_range):  # type: ignore[arg-type]
            rows.append({"method": m, "rank": k.rank, "term": k.term, "score": k.score, "key": _key_of(k.term)})
    found: dict[tuple[str, ...], set[str]] = {}
    for r in rows:
        found.setdefault(r["key"], set()).add(r["method"])
    for r in rows:
        r["agreement"] = len(found[r.pop("key")])
    return pd.DataFrame(rows, columns=["method", "rank", "term", "score", "agreement"])


def method_agreement(table: "pd.DataFrame", *, measure: Literal["jaccard", "rank_overlap"] = "jaccard") -> "pd.DataFrame":
    """How much the keyphrase lists of different methods agree.

    Phrases are compared by their stemmed words, so "missile tests" and "missile
    test" are the same phrase.

    Parameters
    ----------
    table : DataFrame
        As returned by :func:`compare_methods` (``method``, ``rank``, ``term``).
    measure : {"jaccard", "rank_overlap"}
        ``jaccard``: shared phrases / phrases in either list. ``rank_overlap``: rank-biased
        overlap (Webber et al. 2010, p = 0.9, truncated at the list length), which weighs
        agreement at the top more.

    Returns
    -------
    DataFrame
        Square, methods × methods, values in [0, 1] (1 on the diagonal; higher = more
        agreement).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"method": ["a", "a", "b", "b"], "rank": [1, 2, 1, 2],
    ...                   "term": ["oil prices", "gold", "Oil price", "silver"]})
    >>> method_agreement(t).round(2).values.tolist()
    [[1.0, 0.33], [0.33, 1.0]]
    """
    import pandas as pd

    if measure not in ("jaccard", "rank_overlap"):
        raise ValueError(f"unknown measure {measure!r}; valid: jaccard, rank_overlap")
    missing = {"method", "rank", "term"} - set(table.columns)
    if missing:
        raise ValueError(f"table lacks columns {sorted(missing)} (use compare_methods())")
    methods = list(dict.fromkeys(table["method"]))
    lists = {
        m: list(dict.fromkeys(_key_of(t) for t in g.sort_values("rank")["term"]))
        for m, g in table.groupby("method", sort=False)
    }
    out = pd.DataFrame(index=pd.Index(methods, name="method"), columns=methods, dtype=float)
    for a in methods:
        for b in methods:
            la, lb = lists[a], lists[b]
            if measure == "jaccard":
                sa, sb = set(la), set(lb)
                v = len(sa & sb) / len(sa | sb) if sa | sb else float("nan")
            else:
                depth = max(len(la), len(lb))
                if depth == 0:
                    v = float("nan")
                else:
                    p = 0.9
                    total = sum(p ** (d - 1) * len(set(la[:d]) & set(lb[:d])) / d for d in range(1, depth + 1))
                    v = (1 - p) * total / (1 - p ** depth)
            out.loc[a, b] = v
    out.columns.name = "other"
    return out


# --------------------------------------------------------------------------- keyness

def _texts_of(value: Any, name: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if hasattr(value, "text") and isinstance(getattr(value, "text"), str):
        return [value.text]
    if isinstance(value, Iterable):
        out = []
        for v in value:
            if isinstance(v, str):
                out.append(v)
            elif hasattr(v, "text") and isinstance(getattr(v, "text"), str):
                out.append(v.text)
            else:
                raise TypeError(f"group {name!r} holds a {type(v).__name__}; expected str or Article")
        return out
    raise TypeError(f"group {name!r} is a {type(value).__name__}; expected a str, an Article or a list of them")


_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")


def _word_counts(texts: list[str], stop: frozenset[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for t in texts:
        for w in _WORD_TOKEN.findall(_clean(t).lower()):
            if w.endswith("'s") and len(w) > 2:
                w = w[:-2]
            if w not in stop:
                counts[w] += 1
    return counts


def keyness(
    groups: "Mapping[str, str | Article | Sequence[str | Article]]",
    *,
    method: Literal["log_odds"] = "log_odds",
    min_count: int = 1,
    prior: float | None = None,
    stopwords: Iterable[str] | None = None,
) -> "pd.DataFrame":
    """Words that distinguish groups of texts: log-odds ratio with an informative Dirichlet prior.

    Each group is compared with all other groups pooled (Monroe, Colaresi & Quinn
    2008, "Fightin' Words"). With counts ``y`` (this group), ``y'`` (the others),
    totals ``n``, ``n'`` and prior pseudo-counts ``a_w`` (summing to ``a0``):

    ``log_odds = ln((y + a_w) / (n + a0 - y - a_w)) - ln((y' + a_w) / (n' + a0 - y' - a_w))``

    ``z = log_odds / sqrt(1 / (y + a_w) + 1 / (y' + a_w))``

    The prior is informative: ``a_w`` is proportional to the word's count in all groups
    together, which shrinks the estimates of rare words towards zero.

    Parameters
    ----------
    groups : mapping of str to texts
        Group name → a text, an Article, or a list of them (at least two groups).
    method : {"log_odds"}
    min_count : int
        Leave out words seen fewer times than this in all groups together.
    prior : float, optional
        Total prior pseudo-count ``a0`` (default: the number of words in all groups,
        i.e. ``a_w`` = the word's pooled count).
    stopwords : iterable of str, optional
        Words to leave out (default: none; function words such as "we" or "I" can be
        what distinguishes quoted speech).

    Returns
    -------
    DataFrame
        Columns :data:`KEYNESS_COLUMNS`: ``group, term, log_odds, z, count, rate,
        count_other, rate_other`` (rates per word). One row per group and word; groups
        in the given order, then by ``-z`` and term. Positive ``z``: the word is
        typical of ``group``; |z| > 1.96 is the usual threshold.

    Raises
    ------
    ValueError
        Fewer than two groups; unknown method; bad ``min_count`` or ``prior``.
    TypeError
        A group that is not text.

    Warns
    -----
    UserWarning
        A group without words (when any group has some), e.g. the quotes of an article
        that quotes no one: its rates are NaN and its scores those of the prior alone.

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical
    feature selection and evaluation for identifying the content of political
    conflict. *Political Analysis*, 16(4), 372–403.

    Examples
    --------
    >>> t = keyness({"a": "war war war peace", "b": "peace peace peace war"})
    >>> t[t.group == "a"][["term", "count", "count_other"]].values.tolist()
    [['war', 3, 1], ['peace', 1, 3]]
    >>> round(float(t.loc[(t.group == "a") & (t.term == "war"), "log_odds"].iloc[0]), 4)  # 2 ln(7/5)
    0.6729
    """
    import numpy as np
    import pandas as pd

    if method != "log_odds":
        raise ValueError(f"unknown method {method!r}; valid: log_odds")
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive int, not {min_count!r}")
    if prior is not None and (isinstance(prior, bool) or not isinstance(prior, (int, float)) or not prior > 0):
        raise ValueError(f"prior must be a positive number or None, not {prior!r}")
    if not isinstance(groups, Mapping):
        raise TypeError(f"groups must be a mapping name -> texts, not {type(groups).__name__}")
    if len(groups) < 2:
        raise ValueError(f"keyness needs at least two groups, got {len(groups)}")
    stop = frozenset() if stopwords is None else _stop_set(stopwords)
    counts = {str(g): _word_counts(_texts_of(v, str(g)), stop) for g, v in groups.items()}
    pooled: Counter[str] = Counter()
    for c in counts.values():
        pooled.update(c)
    vocab = sorted(w for w, n in pooled.items() if n >= min_count)
    if not vocab:
        return pd.DataFrame(columns=list(KEYNESS_COLUMNS))
    for g in (g for g, c in counts.items() if not c):
        # an article without quotes has an empty "quotes" group: say so, and go on (its
        # rates are 0/0 = NaN and its log-odds those of the prior alone)
        warn(f"keyness: group {g!r} holds no words{'' if stopwords is None else ' besides stop words'}; "
             "its rates are NaN and its scores come from the prior alone", UserWarning)
    total = np.array([pooled[w] for w in vocab], dtype=float)
    n_all = float(sum(pooled.values()))
    a0 = float(prior) if prior is not None else n_all
    alpha = a0 * total / n_all
    frames = []
    for g, c in counts.items():
        y = np.array([c.get(w, 0) for w in vocab], dtype=float)
        yo = total - y
        n = float(sum(c.values()))
        no = n_all - n
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = np.log((y + alpha) / (n + a0 - y - alpha)) - np.log((yo + alpha) / (no + a0 - yo - alpha))
            z = delta / np.sqrt(1.0 / (y + alpha) + 1.0 / (yo + alpha))
            rate = y / n if n else np.full_like(y, np.nan)
            rate_o = yo / no if no else np.full_like(y, np.nan)
        frames.append(
            pd.DataFrame(
                {
                    "group": g, "term": vocab, "log_odds": delta, "z": z, "count": y.astype(int),
                    "rate": rate, "count_other": yo.astype(int), "rate_other": rate_o,
                }
            ).sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
        )
    return pd.concat(frames, ignore_index=True)[list(KEYNESS_COLUMNS)]


def narration_and_quotes(article: "str | Article", quotes: Sequence[Any] | None = None) -> dict[str, list[str]]:
    """Split an article into the author's narration and quoted speech, for :func:`keyness`.

    Parameters
    ----------
    article : str or Article
    quotes : sequence of objects with ``start`` and ``end``, optional
        Spans of quoted words (offsets into the article text), e.g. from
        ``newsframe.quotes.extract_quotes``. Default: ``extract_quotes(article)`` when that
        module is installed, otherwise the spans between double quotation marks.

    Returns
    -------
    dict
        ``{"narration": [text between quotes, …], "quotes": [quoted text, …]}``.

    Raises
    ------
    ValueError
        If a span lies outside the text.
    TypeError
        If ``article`` is neither a str nor an Article.

    Examples
    --------
    >>> text = 'He came. "We will win," he said. Then he left.'
    >>> quote = _Span(text.index("We"), text.index(',"'))
    >>> parts = narration_and_quotes(text, [quote])
    >>> parts["quotes"], parts["narration"]
    (['We will win'], ['He came. "', '," he said. Then he left.'])
    """
    text = _text_of(article)
    if quotes is None:
        quotes = _find_quotes(article)
    spans = sorted((int(q.start), int(q.end)) for q in quotes)
    narration, quoted = [], []
    pos = 0
    for s, e in spans:
        if not 0 <= s <= e <= len(text):
            raise ValueError(f"quote span ({s}, {e}) lies outside the text (length {len(text)})")
        if s < pos:  # overlapping spans: keep the part not yet taken
            s = pos
            if s >= e:
                continue
        if text[pos:s].strip():
            narration.append(text[pos:s])
        if text[s:e].strip():
            quoted.append(text[s:e])
        pos = e
    if text[pos:].strip():
        narration.append(text[pos:])
    return {"narration": narration, "quotes": quoted}


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int


_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{2,}?)[\"\u201d]")


def _find_quotes(article: "str | Article") -> list[Any]:
    try:
        from newsframe.quotes import extract_quotes
    except ImportError:  # the quotes module is optional here
        text = article if isinstance(article, str) else article.text
        return [_Span(m.start(1), m.end(1)) for m in _QUOTED.finditer(text)]
    return list(extract_quotes(article))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- concordance

def concordance(
    article: "str | Article",
    term: str,
    *,
    width: int = 60,
    stems: bool = False,
) -> "pd.DataFrame":
    """Every occurrence of a word or phrase with its context (keyword in context).

    Matching is case-insensitive, on whole words; white space between the words of a
    phrase may vary. With ``stems=True`` any spelling with the same stems matches
    ("missile test" finds "missiles tested").

    Parameters
    ----------
    article : str or Article
    term : str
    width : int
        Characters of context on each side (line breaks shown as spaces).
    stems : bool

    Returns
    -------
    DataFrame
        Columns :data:`CONCORDANCE_COLUMNS`: ``left, match, right, sentence, start,
        end``; ``text[start:end] == match`` and ``sentence`` is the index in
        :func:`newsframe.text.split_sentences`. In text order.

    Raises
    ------
    ValueError
        Empty ``term`` or ``width`` not a non-negative int.
    TypeError
        If ``article`` is neither a str nor an Article.

    Examples
    --------
    >>> kwic = concordance("Oil rose. Then oil prices fell.", "OIL", width=5)
    >>> kwic[["left", "match", "right", "sentence", "start"]].values.tolist()
    [['', 'Oil', ' rose', 0, 0], ['Then ', 'oil', ' pric', 1, 15]]
    """
    import bisect

    import pandas as pd

    from newsframe.text import split_sentences

    if not isinstance(term, str) or not term.strip():
        raise ValueError("term must be a non-empty string")
    if isinstance(width, bool) or not isinstance(width, int) or width < 0:
        raise ValueError(f"width must be a non-negative int, not {width!r}")
    text = _text_of(article)
    spans: list[tuple[int, int]] = []
    if stems:
        want = _key_of(term)
        if not want:
            raise ValueError(f"term {term!r} holds no word")
        toks = [(m.start(), m.end(), _stem(m.group(0)[:-2].lower() if m.group(0).lower().endswith(("'s", "\u2019s")) else m.group(0).lower().replace("\u2019", "'")))
                for m in re.finditer(r"[^\W_]+(?:['\u2019\-][^\W_]+)*", text)]
        n = len(want)
        for i in range(len(toks) - n + 1):
            if tuple(t[2] for t in toks[i:i + n]) == want:
                spans.append((toks[i][0], toks[i + n - 1][1]))
    else:
        words = term.split()
        pattern = r"(?<![\w])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w])"
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
    starts = [s.start for s in split_sentences(text)] if spans else []
    rows = []
    for s, e in spans:
        rows.append(
            {
                "left": text[max(0, s - width):s].replace("\n", " "),
                "match": text[s:e],
                "right": text[e:e + width].replace("\n", " "),
                "sentence": max(0, bisect.bisect_right(starts, s) - 1),
                "start": s,
                "end": e,
            }
        )
    return pd.DataFrame(rows, columns=list(CONCORDANCE_COLUMNS))


# --------------------------------------------------------------------------- collocations

def collocations(
    text_or_article: "str | Article",
    *,
    n: Literal[2, 3] = 2,
    min_count: int = 2,
    top_n: int = 20,
    stopwords: Iterable[str] | None = None,
) -> "pd.DataFrame":
    """Word pairs (or triples) that occur together more than chance, with NLTK's measures.

    Candidates are n-grams that do not cross a stop word or punctuation and look like
    noun phrases (no verb inside, no adjective at the end, by the tagger lexicon), as
    for :func:`extract_keywords`. Needs no NLTK data.

    Parameters
    ----------
    text_or_article : str or Article
    n : {2, 3}
    min_count : int
        Leave out n-grams seen fewer times.
    top_n : int
    stopwords : iterable of str, optional

    Returns
    -------
    DataFrame
        Columns :data:`COLLOCATION_COLUMNS`: ``term, n, count, likelihood_ratio, pmi``
        (Dunning's log-likelihood ratio and pointwise mutual information in bits;
        higher = stronger), sorted by ``-likelihood_ratio`` then term.

    Raises
    ------
    ValueError
        ``n`` not 2 or 3, bad ``min_count`` or ``top_n``.

    Examples
    --------
    >>> t = collocations("Prime Minister May spoke. The Prime Minister left. Prime time.")
    >>> t[["term", "count"]].values.tolist()
    [['Prime Minister', 2]]
    """
    import pandas as pd
    from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
    from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures

    if n not in (2, 3) or isinstance(n, bool):
        raise ValueError(f"n must be 2 or 3, not {n!r}")
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive int, not {min_count!r}")
    top_n = _check_top_n(top_n)
    d = _parse(text_or_article, _stop_set(stopwords))
    if not d.chunks:
        return pd.DataFrame(columns=list(COLLOCATION_COLUMNS))
    _candidates(d, (1, n))
    docs = [[d.stem[j] for j in chunk] for chunk in d.chunks]
    if n == 2:
        finder: Any = BigramCollocationFinder.from_documents(docs)
        measures: Any = BigramAssocMeasures
    else:
        finder = TrigramCollocationFinder.from_documents(docs)
        measures = TrigramAssocMeasures
    finder.apply_freq_filter(min_count)
    llr = dict(finder.score_ngrams(_likelihood_ratio(measures)))
    pmi = dict(finder.score_ngrams(measures.pmi))
    rows: list[dict[str, Any]] = []
    for gram, score in llr.items():
        key = tuple(gram)
        if key not in d.cands:  # not noun-phrase shaped
            continue
        rows.append({"term": _display(d, key), "n": n, "count": len(d.cands[key]), "likelihood_ratio": float(score), "pmi": float(pmi[gram])})
    rows.sort(key=lambda r: (-r["likelihood_ratio"], r["term"]))
    return pd.DataFrame(rows[:top_n], columns=list(COLLOCATION_COLUMNS))


# --------------------------------------------------------------------------- pipeline

def record_fields(article: "Article", sentences: "Sequence[Sentence]") -> tuple[dict[int, dict[str, Any]], dict[str, Any]]:
    """Keys for ``newsframe analyze --json``: ``"keywords": [{term, score, rank, method}]``.

    The default method, top 10, on the article (title and subheadings included).

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> art = Article.from_text("Oil prices rose sharply. Oil prices fell later.", title="Oil price swings")
    >>> per_sentence, per_article = record_fields(art, [])
    >>> per_sentence, per_article["keywords"][0]["term"], sorted(per_article["keywords"][0])
    ({}, 'Oil prices', ['method', 'rank', 'score', 'term'])
    """
    del sentences  # keywords are per article
    kws = extract_keywords(article, method="default", top_n=10)
    return {}, {"keywords": [{"term": k.term, "score": k.score, "rank": k.rank, "method": k.method} for k in kws]}
