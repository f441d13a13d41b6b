"""Sentiment and tone of news text: sentences, aggregates, tone, stance toward actors, voices.

What it measures, and how
-------------------------
- **Sentence scores** (:func:`score_text`, :func:`score_sentences`): VADER (Hutto &
  Gilbert 2014) from the ``vaderSentiment`` package (3.3.2). That package is the
  authors' own, ships its lexicon (so nothing is downloaded, unlike NLTK's
  ``vader_lexicon`` data package), and fixes the bug of NLTK's port where a repeated
  word takes the position of its first occurrence (``words.index(item)``), so that a
  negation or booster before the second "good" is read at the wrong place. Text is
  always normalised first (:func:`newsframe.text.normalize_text`): VADER only knows
  straight apostrophes, so a curly "don’t" is not a negation to it and "don’t like"
  scores as *liking*.
- **Aggregates** per paragraph, subheading section and article are computed from the
  sentence scores (mean, length-weighted mean, shares, extreme sentences) — VADER is
  never run on a whole article, where its compound saturates at ±1.
- **Tone** (:func:`tone`) in the manner of GDELT's V1.5 tone: per cent positive words
  minus per cent negative words, and polarity (per cent of words carrying sentiment).
- **A second, independent method**: AFINN-165 (Nielsen 2011; the ``afinn`` package,
  which ships it), and the agreement of the two over an article's sentences
  (:func:`method_agreement`).
- **Targeted sentiment** (:func:`target_sentiment`): the stance of a sentence toward
  one mention, not the sentence's mood. See its docstring for the features and the
  model; :func:`actor_sentiment` aggregates it per actor.
- **Sentiment by voice** (:func:`voice_sentiment`): the author's narration vs. each quoted
  speaker.

Scores: VADER compound is −1 (most negative) … +1 (most positive); ``label`` is
``"positive"`` if compound ≥ 0.05, ``"negative"`` if ≤ −0.05, else ``"neutral"``
(the thresholds of the VADER authors). Text without any letter or digit (``""``,
``"  "``, ``"—"``) is *undefined*: every score is NaN and ``label`` is ``None`` —
never ``"neutral"``.

Examples
--------
>>> score_text("They don’t like it.").label    # curly apostrophe: still a negation
'negative'
>>> s = score_text("")
>>> s.label is None, s.compound != s.compound
(True, True)

References
----------
Hutto, C. J. & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
analysis of social media text. ICWSM-14.
Nielsen, F. Å. (2011). A new ANEW: Evaluation of a word list for sentiment analysis in
microblogs. ESWC2011 Workshop on Making Sense of Microposts.
Leetaru, K. & Schrodt, P. (2013). GDELT: Global data on events, location and tone.
Hamborg, F. & Donnay, K. (2021). NewsMTSC: (Multi-)target-dependent sentiment
classification in news articles. EACL 2021.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from operator import add, attrgetter, mul, ne
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Literal, Mapping, NamedTuple, Sequence

from newsframe.text import Sentence, normalize, normalize_text, split_sentences, word_strings

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from newsframe.ingest import Article

__all__ = [
    "THRESHOLD",
    "LABELS",
    "SENTENCE_COLUMNS",
    "AGGREGATE_COLUMNS",
    "ACTOR_COLUMNS",
    "ACTOR_MENTION_COLUMNS",
    "VOICE_COLUMNS",
    "VOICE_SEGMENT_COLUMNS",
    "AUTHOR",
    "UNATTRIBUTED",
    "LEAD",
    "TONE_MIN_VALENCE",
    "TARGET_FEATURES",
    "Sentiment",
    "SentenceSentiment",
    "Tone",
    "MethodAgreement",
    "TargetSentiment",
    "TargetFeatures",
    "TargetRules",
    "TargetModel",
    "score_text",
    "score_afinn",
    "score_sentences",
    "aggregate",
    "sentence_table",
    "paragraph_table",
    "section_table",
    "article_table",
    "tone",
    "method_agreement",
    "agreement_table",
    "load_target_rules",
    "load_target_model",
    "target_features",
    "target_sentiment",
    "actor_sentiment",
    "voice_segments",
    "voice_sentiment",
    "record_fields",
]

#: Compound at or above +THRESHOLD is "positive", at or below −THRESHOLD "negative".
THRESHOLD = 0.05
#: The three labels, from most negative to most positive.
LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")
#: Voice name of the text outside quotations in :func:`voice_sentiment`.
AUTHOR = "(author)"
#: Voice name of quotations without a speaker.
UNATTRIBUTED = "(unattributed quote)"
#: Section name of the paragraphs before the first subheading.
LEAD = "(lead)"

#: Columns of :func:`sentence_table`: VADER ``compound`` −1…1, ``pos``/``neu``/``neg``
#: shares 0…1 of the sentence's words, ``label``; ``afinn`` the AFINN-165 sum (any real,
#: higher = more positive) and ``afinn_label`` its sign; ``n_words`` white-space words.
SENTENCE_COLUMNS: tuple[str, ...] = (
    "article_id", "sentence", "start", "end", "paragraph", "section", "text", "n_words",
    "compound", "pos", "neu", "neg", "label", "afinn", "afinn_label",
)
#: Aggregate columns shared by :func:`paragraph_table`, :func:`section_table`,
#: :func:`article_table` (after their key columns). ``mean`` and ``weighted_mean``
#: (weights = words per sentence) of sentence compounds −1…1; ``*_share`` 0…1 of
#: sentences; ``most_positive``/``most_negative`` the sentence index (None when no
#: sentence is positive/negative), with its compound and text.
AGGREGATE_COLUMNS: tuple[str, ...] = (
    "n_sentences", "n_words", "mean", "weighted_mean", "positive_share", "neutral_share",
    "negative_share", "most_positive", "most_positive_compound", "most_positive_text",
    "most_negative", "most_negative_compound", "most_negative_text",
)
#: Columns of :func:`actor_sentiment` (``level="actor"``): ``mean`` stance −1…1 over
#: the actor's mentions (see :func:`target_sentiment`), ``*_share`` 0…1 of mentions,
#: ``sentence_mean`` the mean VADER compound of the sentences naming it (for
#: comparison), example sentences with the most negative and most positive stance.
ACTOR_COLUMNS: tuple[str, ...] = (
    "article_id", "actor", "mentions", "mean", "negative_share", "neutral_share",
    "positive_share", "sentence_mean", "most_negative_sentence", "most_negative_text",
    "most_positive_sentence", "most_positive_text",
)
#: Columns of :func:`actor_sentiment` with ``level="mention"``.
ACTOR_MENTION_COLUMNS: tuple[str, ...] = (
    "article_id", "actor", "start", "end", "mention", "sentence", "score", "label",
    "negative", "neutral", "positive", "sentence_compound", "text",
)
#: Columns of :func:`voice_segments`: one row per stretch of narration or quotation.
VOICE_SEGMENT_COLUMNS: tuple[str, ...] = (
    "article_id", "voice", "kind", "sentence", "start", "end", "n_words", "compound", "label", "text",
)
#: Columns of :func:`voice_sentiment`: one row per voice (:data:`AUTHOR` first, then
#: speakers by words quoted).
VOICE_COLUMNS: tuple[str, ...] = (
    "article_id", "voice", "n_segments", "n_words", "mean", "weighted_mean",
    "positive_share", "negative_share",
)

Method = Literal["vader", "afinn"]
_METHODS = ("vader", "afinn")
_NAN = float("nan")
_HAS_WORD = re.compile(r"[^\W_]")


# =========================================================================== results

@dataclass(frozen=True, slots=True)
class Sentiment:
    """VADER scores of one text.

    ``compound`` −1…1 (higher = more positive); ``pos``, ``neu``, ``neg`` the shares
    0…1 of the text's sentiment mass; ``label`` ``"positive"``/``"neutral"``/
    ``"negative"`` by the ±0.05 thresholds, or ``None`` for text without words (then
    every score is NaN).
    """

    compound: float
    pos: float
    neu: float
    neg: float
    label: str | None


@dataclass(frozen=True, slots=True)
class SentenceSentiment:
    """One sentence's VADER scores with its position (``text[start:end] == text``)."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    n_words: int
    compound: float
    pos: float
    neu: float
    neg: float
    label: str | None


@dataclass(frozen=True, slots=True)
class Tone:
    """GDELT-style tone of a text.

    ``tone`` = ``positive`` − ``negative`` (−100…100, higher = more positive);
    ``positive``/``negative`` per cent of words in the positive/negative word list;
    ``polarity`` = ``positive`` + ``negative`` (0…100, per cent of words carrying
    sentiment); ``word_count`` the number of words. NaN (and 0 words) for text without
    words.
    """

    tone: float
    positive: float
    negative: float
    polarity: float
    word_count: int


@dataclass(frozen=True, slots=True)
class MethodAgreement:
    """Agreement of VADER and AFINN over sentences (NaN with fewer than 3 sentences
    or when either method gives every sentence the same score).

    ``pearson``/``spearman`` −1…1 correlations of VADER compound with the AFINN sum;
    ``label_agreement`` 0…1 share of sentences with the same label; ``kappa`` Cohen's κ
    of those labels; ``n_sentences`` sentences compared.
    """

    pearson: float
    spearman: float
    label_agreement: float
    kappa: float
    n_sentences: int


@dataclass(frozen=True, slots=True)
class TargetSentiment:
    """Stance of a sentence toward one mention.

    ``score`` = P(positive) − P(negative), −1…1 (higher = portrayed more positively);
    ``label`` the most probable of ``"negative"``, ``"neutral"``, ``"positive"``;
    ``negative``/``neutral``/``positive`` the model's probabilities (sum to 1).
    """

    label: str
    score: float
    negative: float
    neutral: float
    positive: float


@dataclass(frozen=True, slots=True)
class TargetFeatures:
    """The interpretable features :func:`target_sentiment` reads (see its docstring).

    ``dense`` maps each feature name of :data:`TARGET_FEATURES` to its value;
    ``words`` are the context words: ``L_word`` up to 8 words left of the mention,
    ``R_word`` right of it, within the mention's clause; lower-case words only, so
    names never count.
    """

    dense: Mapping[str, float]
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TargetRules:
    """Word lists behind the targeted features (``resources/sentiment_target.yaml``)."""

    path: str
    speech_verbs: frozenset[str]
    clause_breaks: frozenset[str]
    contrast_words: frozenset[str]
    pronouns: frozenset[str]
    time_words: frozenset[str]
    news_cues: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class TargetModel:
    """A multinomial logistic model over :class:`TargetFeatures`.

    ``dense`` feature names with their standardisation ``mean``/``scale`` and weights
    ``(negative, neutral, positive)``; ``words`` weights of context words (binary
    features, not standardised); ``intercept`` per class.
    """

    path: str
    dense: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    dense_weights: tuple[tuple[float, float, float], ...]
    words: Mapping[str, tuple[float, float, float]]
    intercept: tuple[float, float, float]

    def decision(self, features: TargetFeatures) -> tuple[float, float, float]:
        """The three class scores (negative, neutral, positive) before the softmax."""
        dense = features.dense
        return _decision(self, [dense[name] for name in self.dense], features.words)


def _decision(model: TargetModel, values: Sequence[float], words: Iterable[str]) -> tuple[float, float, float]:
    """:meth:`TargetModel.decision` on the dense values in the order of ``model.dense``."""
    folded = _folded(model)
    z0, z1, z2 = folded[0]
    for (w0, w1, w2), x in zip(folded[1], values):
        z0 += w0 * x
        z1 += w1 * x
        z2 += w2 * x
    weights = model.words
    for word in words:
        w = weights.get(word)
        if w is not None:
            z0 += w[0]
            z1 += w[1]
            z2 += w[2]
    return z0, z1, z2


_FOLDED: dict[int, Any] = {}


def _folded(model: TargetModel) -> tuple[tuple[float, float, float], tuple[tuple[float, float, float], ...]]:
    """Weights with the standardisation folded in: w/scale, intercept − Σ w·mean/scale."""
    key = id(model)
    hit = _FOLDED.get(key)
    if hit is not None and hit[0] is model:
        return hit[1]
    icpt = list(model.intercept)
    ws = []
    for mu, sd, w in zip(model.mean, model.scale, model.dense_weights):
        ws.append((w[0] / sd, w[1] / sd, w[2] / sd))
        for k in range(3):
            icpt[k] -= w[k] * mu / sd
    value = ((icpt[0], icpt[1], icpt[2]), tuple(ws))
    if len(_FOLDED) > 16:
        _FOLDED.clear()
    _FOLDED[key] = (model, value)
    return value


# =========================================================================== VADER

@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _label(compound: float) -> str | None:
    if compound != compound:
        return None
    if compound >= THRESHOLD:
        return "positive"
    if compound <= -THRESHOLD:
        return "negative"
    return "neutral"


_UNDEFINED = Sentiment(_NAN, _NAN, _NAN, _NAN, None)


def _check_text(text: Any, name: str = "text") -> str:
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str, not {type(text).__name__}")
    return text


def score_text(text: str) -> Sentiment:
    """VADER sentiment of one short text (a sentence or a headline), on normalised text.

    Parameters
    ----------
    text : str
        One sentence or a few; for an article use :func:`score_sentences` and the
        aggregates (VADER's compound saturates on long texts).

    Returns
    -------
    Sentiment
        ``compound`` −1…1 (higher = more positive), ``pos``/``neu``/``neg`` 0…1,
        ``label`` by the ±0.05 thresholds; all NaN and ``label=None`` when the text has
        no letter or digit.

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Examples
    --------
    >>> score_text("The talks were a great success.")
    Sentiment(compound=0.8316, pos=0.661, neu=0.339, neg=0.0, label='positive')
    >>> score_text("The talks were not a great success.").label
    'negative'
    """
    _check_text(text)
    if not _HAS_WORD.search(text):
        return _UNDEFINED
    return _polarity(normalize_text(text))


class _VaderPass(NamedTuple):
    # A named tuple holding lists, cheaper to build than a frozen dataclass of tuples (one per
    # sentence); the pass is cached, so its readers copy the lists before changing anything.
    words: list[str]             # the white-space words of the text
    toks: list[str]              # VADER's tokens: each word, or it stripped of punctuation
    low: list[str]               # the tokens lower-cased
    raw: list[float]             # per-token valence before VADER's sentence-wide "but" weighting
    sentiment: Sentiment


_VTOK = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _vader_negations() -> frozenset[str]:
    from vaderSentiment.vaderSentiment import NEGATE

    return frozenset(NEGATE)


@lru_cache(maxsize=1)
def _vader_constants() -> tuple[dict[str, float], float, float, dict[str, float]]:
    """VADER's booster words, ALL-CAPS increment, negation factor and special cases."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, C_INCR, N_SCALAR, SPECIAL_CASES

    return BOOSTER_DICT, C_INCR, N_SCALAR, SPECIAL_CASES


@lru_cache(maxsize=1)
def _vader_idiom_words() -> frozenset[str]:
    """The words of VADER's multiword special cases and boosters ("kiss of death", "kind of").

    Every word sequence :func:`_vader_idioms` looks up holds the current token or the
    one two before it, so it can only match when one of those two is here.
    """
    boosters, _, _, special = _vader_constants()
    return frozenset(w for key in (*special, *boosters) if " " in key for w in key.split(" "))


@lru_cache(maxsize=1)
def _emoji_chars() -> frozenset[str]:
    return frozenset(k for k in _vader().emojis if len(k) == 1)


#: Sentences kept by the per-sentence caches (VADER pass, normalisation, target
#: features): enough for every sentence of one long article (targeted sentiment reuses
#: them), far fewer than a corpus holds, so a corpus run does not get cheaper by seeing
#: the same sentences again (benchmarks repeat documents).
_SENTENCE_CACHE = 1024


@lru_cache(maxsize=_SENTENCE_CACHE)
def _vader_pass(normalized: str) -> _VaderPass:
    """One VADER pass over already normalised text: tokens, per-token valences, scores.

    The scores are exactly ``SentimentIntensityAnalyzer.polarity_scores`` of
    vaderSentiment 3.3.2: the same tokens, the same rules (negation, boosters, ALL-CAPS,
    "least", special cases), the same "but" weighting and normalisation. The per-token
    rules are re-stated in :func:`_vader_valences` over lower-cased tokens computed
    once (VADER lower-cases the whole sentence again inside every rule), so that the
    per-token valences can also be kept for targeted sentiment;
    ``tests/test_sentiment.py`` checks them against vaderSentiment's own on sentences
    exercising every rule. Text holding an emoji goes through ``polarity_scores``
    itself, which first spells emojis out as words. Cached, so that targeted
    sentiment reuses the sentence scores.
    """
    an = _vader()
    punct = string.punctuation
    words = normalized.split()
    toks = [w if len(s := w.strip(punct)) <= 2 else s for w in words]  # VADER's _strip_punc_if_word
    low = list(map(str.lower, toks))
    raw = _vader_valences(toks, low, an.lexicon)
    if normalized.isascii() or _emoji_chars().isdisjoint(normalized):  # every emoji is outside ASCII
        # VADER's "but" weighting changes nothing without a "but" or without any valence
        sentiment = _score_valence(_but_check(low, list(raw)) if "but" in low and any(raw) else raw, normalized)
    else:
        d = an.polarity_scores(normalized)
        c = d["compound"]
        sentiment = Sentiment(c, d["pos"], d["neu"], d["neg"], _label(c))
    return _VaderPass(words, toks, low, raw, sentiment)


_NO_VALENCE = Sentiment(0.0, 0.0, 1.0, 0.0, "neutral")


def _but_check(low: Sequence[str], sentiments: list[float]) -> list[float]:
    """VADER's ``_but_check`` (3.3.2) over tokens already lower-cased, in place.

    Kept as VADER has it: each value is found again by ``index()`` (its first
    occurrence), so of two equal values only the first is weighted, possibly twice.
    In a long sentence the first occurrences are looked up in a heap of positions per
    value instead: ``index()`` scans from the start for every token, which costs the
    sentence's length squared when a word recurs (the same result).
    """
    bi = low.index("but")
    if len(sentiments) > 64:
        return _but_check_long(bi, sentiments)
    for sentiment in sentiments:
        si = sentiments.index(sentiment)
        if si < bi:
            sentiments[si] = sentiment * 0.5  # VADER: pop(si), insert(si, ...)
        elif si > bi:
            sentiments[si] = sentiment * 1.5
    return sentiments


def _but_check_long(bi: int, sentiments: list[float]) -> list[float]:
    """:func:`_but_check` after ``bi = low.index("but")``, with ``sentiments.index(v)`` found
    in a heap of the positions that held ``v`` (a position no longer holding it is dropped
    when it comes up)."""
    where: dict[float, list[int]] = {}
    for j, v in enumerate(sentiments):  # positions in increasing order: each list is a heap
        where.setdefault(v, []).append(j)
    for k in range(len(sentiments)):  # what "for sentiment in sentiments" reads as the list changes
        sentiment = sentiments[k]
        heap = where[sentiment]
        while sentiments[heap[0]] != sentiment:
            heapq.heappop(heap)
        si = heap[0]  # = sentiments.index(sentiment)
        if si == bi:
            continue
        value = sentiments[si] = sentiment * 0.5 if si < bi else sentiment * 1.5
        if value != sentiment:
            heapq.heappush(where.setdefault(value, []), si)
    return sentiments


def _score_valence(sentiments: list[float], text: str) -> Sentiment:
    """VADER's ``score_valence`` (3.3.2), restated to skip its dict: same operations in the same order."""
    if not sentiments:
        return Sentiment(0.0, 0.0, 0.0, 0.0, _label(0.0))
    if not any(sentiments):  # no word with a valence (a third of news sentences): what the steps below give
        return _NO_VALENCE
    sum_s = float(sum(sentiments))
    # punctuation emphasis: up to 4 "!" and, from two on, "?"
    punct_emph_amplifier = min(text.count("!"), 4) * 0.292
    qm_count = text.count("?")
    if qm_count > 1:
        punct_emph_amplifier += qm_count * 0.18 if qm_count <= 3 else 0.96
    if sum_s > 0:
        sum_s += punct_emph_amplifier
    elif sum_s < 0:
        sum_s -= punct_emph_amplifier
    compound = min(max(sum_s / math.sqrt(sum_s * sum_s + 15), -1.0), 1.0)
    pos_sum = neg_sum = 0.0
    nonzero = 0
    for s in filter(None, sentiments):  # _sift_sentiment_scores
        nonzero += 1
        if s > 0:
            pos_sum += s + 1
        else:
            neg_sum += s - 1
    neu_count = len(sentiments) - nonzero
    if pos_sum > -neg_sum:
        pos_sum += punct_emph_amplifier
    elif pos_sum < -neg_sum:
        neg_sum -= punct_emph_amplifier
    total = pos_sum + math.fabs(neg_sum) + neu_count
    compound = round(compound, 4)
    return Sentiment(compound, round(math.fabs(pos_sum / total), 3), round(math.fabs(neu_count / total), 3),
                     round(math.fabs(neg_sum / total), 3), _label(compound))


def _vader_reference_valences(text: str) -> tuple[list[str], list[float]]:
    """vaderSentiment's own tokens and per-token valences before its "but" weighting.

    The reference that :func:`_vader_valences` restates, computed by VADER's own
    ``sentiment_valence`` (slow); used by ``tests/test_sentiment.py`` and
    ``benchmarks/bench_vader_exact.py`` to check the restatement.
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

    an, st = _vader(), SentiText(text)
    words, out = st.words_and_emoticons, []
    for i, item in enumerate(words):
        if item.lower() in BOOSTER_DICT or (item.lower() == "kind" and i < len(words) - 1
                                            and words[i + 1].lower() == "of"):
            out.append(0)
            continue
        out = an.sentiment_valence(0, st, item, i, out)
    return words, [float(v) for v in out]


def _vader_negated(word: str) -> bool:
    """VADER's ``negated([word])`` for one lower-cased word."""
    return word in _vader_negations() or "n't" in word


def _vader_valences(toks: list[str], low: list[str], lexicon: dict[str, float]) -> list[float]:
    """VADER's per-token valences before its "but" weighting (``sentiment_valence``).

    A line-by-line restatement of vaderSentiment 3.3.2's ``sentiment_valence``,
    ``scalar_inc_dec``, ``_negation_check``, ``_special_idioms_check`` and
    ``_least_check`` over tokens lower-cased once.
    """
    n = len(toks)
    raw = [0.0] * n
    known = list(compress(range(n), map(lexicon.__contains__, low)))  # only these get a valence
    if not known:
        return raw
    boosters, C_INCR, N_SCALAR, special = _vader_constants()
    idiom_words = _vader_idiom_words()
    # VADER's allcap_differential (0 < ALL-CAPS tokens < n), counted only once an ALL-CAPS word needs it
    cap_diff: bool | None = None
    for i in known:
        lw = low[i]
        if lw in boosters or (lw == "kind" and i < n - 1 and low[i + 1] == "of"):
            continue
        base = v = lexicon[lw]
        if lw == "no" and i != n - 1 and low[i + 1] in lexicon:
            v = 0.0
        if (i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no") \
                or (i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor")):
            v = base * N_SCALAR
        if toks[i].isupper():
            if cap_diff is None:
                cap_diff = 0 < sum(map(str.isupper, toks)) < n
            if cap_diff:
                v = v + C_INCR if v > 0 else v - C_INCR
        for k in range(3):
            if i <= k:
                break
            prev = low[i - k - 1]
            if prev in lexicon:
                continue
            s = boosters.get(prev, 0.0)  # scalar_inc_dec
            if s:
                if v < 0:
                    s = -s
                if toks[i - k - 1].isupper():
                    if cap_diff is None:
                        cap_diff = 0 < sum(map(str.isupper, toks)) < n
                    if cap_diff:
                        s = s + C_INCR if v > 0 else s - C_INCR
                if k == 1:
                    s *= 0.95
                elif k == 2:
                    s *= 0.9
            v = v + s
            if k == 0:  # _negation_check
                if _vader_negated(prev):
                    v *= N_SCALAR
            elif k == 1:
                if low[i - 2] == "never" and low[i - 1] in ("so", "this"):
                    v *= 1.25
                elif low[i - 2] == "without" and low[i - 1] == "doubt":
                    pass
                elif _vader_negated(prev):
                    v *= N_SCALAR
            else:
                if (low[i - 3] == "never" and low[i - 2] in ("so", "this")) or low[i - 1] in ("so", "this"):
                    v *= 1.25
                elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
                    pass
                elif _vader_negated(prev):
                    v *= N_SCALAR
                if low[i] in idiom_words or low[i - 2] in idiom_words:
                    v = _vader_idioms(v, low, i, special, boosters)
        # _least_check
        if i > 1 and low[i - 1] == "least" and "least" not in lexicon:
            if low[i - 2] != "at" and low[i - 2] != "very":
                v *= N_SCALAR
        elif i > 0 and low[i - 1] == "least" and "least" not in lexicon:
            v *= N_SCALAR
        raw[i] = v
    return raw


def _vader_idioms(v: float, low: list[str], i: int, special: dict[str, float], boosters: dict[str, float]) -> float:
    """VADER's ``_special_idioms_check`` at token ``i`` (``i >= 3``)."""
    onezero = f"{low[i - 1]} {low[i]}"
    twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
    twoone = f"{low[i - 2]} {low[i - 1]}"
    threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
    threetwo = f"{low[i - 3]} {low[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in special:
            v = special[seq]
            break
    n = len(low)
    if n - 1 > i:
        zeroone = f"{low[i]} {low[i + 1]}"
        if zeroone in special:
            v = special[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
        if zeroonetwo in special:
            v = special[zeroonetwo]
    for gram in (threetwoone, threetwo, twoone):
        if gram in boosters:
            v = v + boosters[gram]
    return v


def _polarity(normalized: str) -> Sentiment:
    return _vader_pass(normalized).sentiment


def _plain_vader(text: str) -> float:
    """VADER compound on the text as given (no normalisation) — for the benchmark."""
    return float(_vader().polarity_scores(text)["compound"])


# =========================================================================== AFINN

@lru_cache(maxsize=1)
def _afinn() -> tuple[dict[str, float], dict[str, float], int]:
    from afinn import Afinn

    lexicon = dict(Afinn(language="en")._dict)
    words = {k: float(v) for k, v in lexicon.items() if " " not in k}
    phrases = {k: float(v) for k, v in lexicon.items() if " " in k}
    longest = max((len(k.split()) for k in phrases), default=1)
    return words, phrases, longest


_AFINN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")


def score_afinn(text: str) -> float:
    """AFINN-165 score of a text: the sum of its words' valences (each −5…+5).

    The lexicon ships in the ``afinn`` package; multi-word entries ("does not work",
    "not good") are matched before single words, like ``afinn.Afinn.score`` (this is
    the same sum, about 10× faster). There is no negation handling beyond those
    phrases: that is what makes it a useful independent check on VADER.

    Returns
    -------
    float
        Any real number, higher = more positive, 0 when no lexicon word occurs; NaN when
        the text has no letter or digit.

    Examples
    --------
    >>> score_afinn("A good, honest deal."), score_afinn("It does not work.")
    (5.0, -3.0)
    """
    _check_text(text)
    if not _HAS_WORD.search(text):
        return _NAN
    words, phrases, longest = _afinn()
    toks = _AFINN_WORD.findall(normalize_text(text).lower())
    total = 0.0
    i, n = 0, len(toks)
    while i < n:
        for k in range(min(longest, n - i), 1, -1):
            v = phrases.get(" ".join(toks[i:i + k]))
            if v is not None:
                total += v
                i += k
                break
        else:
            total += words.get(toks[i], 0.0)
            i += 1
    return total


def _afinn_label(value: float) -> str | None:
    if value != value:
        return None
    return "positive" if value > 0 else "negative" if value < 0 else "neutral"


# =========================================================================== sentences

def _sentences_of(article: "Article | str") -> tuple[str, list[Sentence]]:
    text = article if isinstance(article, str) else getattr(article, "text", None)
    if not isinstance(text, str):
        raise TypeError(f"article must be an Article or a str, not {type(article).__name__}")
    return text, split_sentences(text)


def _score_sentence(s: Sentence, normalized: str) -> SentenceSentiment:
    """The scores of sentence ``s``, given ``normalize_text(s.text)``."""
    text = s.text
    if _HAS_WORD.search(text):  # score_text(text), inlined
        vp = _vader_pass(normalized)
        sc = vp.sentiment
        # ASCII text is its own normalisation: VADER's tokens are its white-space words
        n_words = len(vp.toks) if text.isascii() else len(text.split())
    else:
        sc = _UNDEFINED
        n_words = len(text.split())
    return SentenceSentiment(s.index, s.start, s.end, text, s.paragraph, n_words, sc.compound, sc.pos, sc.neu, sc.neg,
                             sc.label)


def score_sentences(article: "Article | str") -> list[SentenceSentiment]:
    """VADER scores of every sentence of an article, in order.

    Parameters
    ----------
    article : Article or str

    Returns
    -------
    list of SentenceSentiment
        One per sentence of :func:`newsframe.text.split_sentences`, with its offsets
        into ``article.text``; empty for an article without sentences.

    Examples
    --------
    >>> [(s.index, s.label) for s in score_sentences("We won. It was awful.")]
    [(0, 'positive'), (1, 'negative')]
    """
    _, sentences = _sentences_of(article)
    return [_score_sentence(s, normalize_text(s.text)) for s in sentences]


def aggregate(scores: Sequence[SentenceSentiment]) -> dict[str, Any]:
    """Summary of sentence scores: the aggregate columns (:data:`AGGREGATE_COLUMNS`).

    ``mean`` and ``weighted_mean`` (weights = words per sentence) of the compounds;
    shares of positive/neutral/negative sentences; the most positive (highest compound
    > 0) and most negative (lowest < 0) sentence — first in text order on ties, None
    when there is none. Undefined sentences are left out; NaN means when nothing is left.

    Examples
    --------
    >>> agg = aggregate(score_sentences("We won. It was awful. Rain fell."))
    >>> agg["n_sentences"], agg["most_positive"], agg["most_negative"], round(agg["positive_share"], 3)
    (3, 0, 1, 0.333)
    """
    rows = [s for s in scores if s.compound == s.compound]
    compounds = list(map(attrgetter("compound"), rows))
    n_words = list(map(attrgetter("n_words"), rows))
    weight = sum(n_words)
    out: dict[str, Any] = {
        "n_sentences": len(rows), "n_words": weight,
        "mean": _NAN, "weighted_mean": _NAN, "positive_share": _NAN, "neutral_share": _NAN,
        "negative_share": _NAN, "most_positive": None, "most_positive_compound": _NAN,
        "most_positive_text": None, "most_negative": None, "most_negative_compound": _NAN,
        "most_negative_text": None,
    }
    if not rows:
        return out
    n = len(rows)
    out["mean"] = sum(compounds) / n
    out["weighted_mean"] = sum(map(mul, compounds, n_words)) / weight if weight else _NAN
    labels = list(map(attrgetter("label"), rows))
    out["positive_share"] = labels.count("positive") / n
    out["neutral_share"] = labels.count("neutral") / n
    out["negative_share"] = labels.count("negative") / n
    best = max(rows, key=lambda s: (s.compound, -s.index))
    worst = min(rows, key=lambda s: (s.compound, s.index))
    if best.compound > 0:
        out.update(most_positive=best.index, most_positive_compound=best.compound, most_positive_text=best.text)
    if worst.compound < 0:
        out.update(most_negative=worst.index, most_negative_compound=worst.compound, most_negative_text=worst.text)
    return out


def _article_id(article: "Article | str") -> str:
    return str(getattr(article, "id", "text"))  # a plain str has no id: "text"


def _sections(article: "Article | str", sentences: Sequence[Any]) -> list[tuple[int, str]]:
    """(section index, section name) of each sentence, by its paragraph's subheading."""
    paragraphs = getattr(article, "paragraphs", ())
    by_para: dict[int, tuple[int, str]] = {}
    idx, last = -1, object()
    for p in paragraphs:
        name = p.subheading if p.subheading else LEAD
        if name != last:
            idx += 1
            last = name
        by_para[p.index] = (idx, name)
    return [by_para.get(s.paragraph, (0, LEAD)) for s in sentences]


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> "pd.DataFrame":
    import pandas as pd

    return pd.DataFrame(rows, columns=list(columns))


def _as_articles(articles: Any) -> list[Any]:
    if isinstance(articles, str) or hasattr(articles, "text"):
        return [articles]
    if not isinstance(articles, Iterable):
        raise TypeError(f"articles must be an Article, a str or an iterable of them, not {type(articles).__name__}")
    return list(articles)


def sentence_table(articles: "Article | str | Iterable[Article]") -> "pd.DataFrame":
    """One row per sentence: VADER and AFINN scores (columns :data:`SENTENCE_COLUMNS`).

    Parameters
    ----------
    articles : Article, str, or iterable of Article

    Returns
    -------
    pandas.DataFrame
        ``section`` is the subheading the sentence falls under (:data:`LEAD` before the
        first one).

    Raises
    ------
    TypeError
        If ``articles`` is not an Article, a str or an iterable of them.

    Examples
    --------
    >>> sentence_table("We won. It was awful.")[["sentence", "label", "afinn"]]
       sentence     label  afinn
    0         0  positive    3.0
    1         1  negative   -3.0
    """
    rows = []
    for art in _as_articles(articles):
        scores = score_sentences(art)
        for s, (_, section) in zip(scores, _sections(art, scores)):
            af = score_afinn(s.text)
            rows.append({
                "article_id": _article_id(art), "sentence": s.index, "start": s.start, "end": s.end,
                "paragraph": s.paragraph, "section": section, "text": s.text, "n_words": s.n_words,
                "compound": s.compound, "pos": s.pos, "neu": s.neu, "neg": s.neg, "label": s.label,
                "afinn": af, "afinn_label": _afinn_label(af),
            })
    return _frame(rows, SENTENCE_COLUMNS)


def paragraph_table(articles: "Article | str | Iterable[Article]") -> "pd.DataFrame":
    """Aggregates per paragraph: ``article_id, paragraph, section`` + :data:`AGGREGATE_COLUMNS`.

    Examples
    --------
    >>> t = paragraph_table("Good news. Great day.\\n\\nA terrible loss.")
    >>> t[["paragraph", "n_sentences", "mean"]].round(3)
       paragraph  n_sentences   mean
    0          0            2  0.533
    1          1            1 -0.660
    """
    rows = []
    for art in _as_articles(articles):
        scores = score_sentences(art)
        sections = _sections(art, scores)
        paras: dict[int, list[SentenceSentiment]] = {}
        names: dict[int, str] = {}
        for s, (_, name) in zip(scores, sections):
            paras.setdefault(s.paragraph, []).append(s)
            names[s.paragraph] = name
        for p in sorted(paras):
            rows.append({"article_id": _article_id(art), "paragraph": p, "section": names[p], **aggregate(paras[p])})
    return _frame(rows, ("article_id", "paragraph", "section", *AGGREGATE_COLUMNS))


def section_table(articles: "Article | str | Iterable[Article]") -> "pd.DataFrame":
    """Aggregates per subheading section: ``article_id, section_index, section`` + :data:`AGGREGATE_COLUMNS`.

    Sections follow the article's subheadings in order; the paragraphs before the first
    one form the section :data:`LEAD` (a text without subheadings is one section).

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> section_table(Article.from_text("We won."))[["section_index", "section", "mean"]]
       section_index section    mean
    0              0  (lead)  0.5719
    """
    rows = []
    for art in _as_articles(articles):
        scores = score_sentences(art)
        groups: dict[int, list[SentenceSentiment]] = {}
        names: dict[int, str] = {}
        for s, (idx, name) in zip(scores, _sections(art, scores)):
            groups.setdefault(idx, []).append(s)
            names[idx] = name
        for idx in sorted(groups):
            rows.append({"article_id": _article_id(art), "section_index": idx, "section": names[idx],
                         **aggregate(groups[idx])})
    return _frame(rows, ("article_id", "section_index", "section", *AGGREGATE_COLUMNS))


def article_table(articles: "Article | str | Iterable[Article]") -> "pd.DataFrame":
    """Aggregates and tone per article: ``article_id`` + :data:`AGGREGATE_COLUMNS` + tone columns.

    Tone columns: ``tone``, ``polarity``, ``positive_words``, ``negative_words`` (per
    cent, see :func:`tone`), ``word_count``.

    Examples
    --------
    >>> article_table("We won. It was awful.")[["n_sentences", "mean", "tone"]].round(2)
       n_sentences  mean  tone
    0            2  0.06   0.0
    """
    rows = []
    for art in _as_articles(articles):
        text, _ = _sentences_of(art)
        t = tone(text)
        rows.append({"article_id": _article_id(art), **aggregate(score_sentences(art)), "tone": t.tone,
                     "polarity": t.polarity, "positive_words": t.positive, "negative_words": t.negative,
                     "word_count": t.word_count})
    return _frame(rows, ("article_id", *AGGREGATE_COLUMNS, "tone", "polarity", "positive_words",
                         "negative_words", "word_count"))


# =========================================================================== tone

#: Minimum absolute VADER mean valence (−4…+4 scale) for a lexicon word to count as a
#: sentiment word in :func:`tone` ("at least weakly" in VADER's rating scheme).
TONE_MIN_VALENCE = 1.0


@lru_cache(maxsize=None)
def _tone_lexicon(lexicon: str) -> tuple[frozenset[str], frozenset[str]]:
    if lexicon == "vader":
        lex = _vader().lexicon
        words = {w: v for w, v in lex.items() if _AFINN_WORD.fullmatch(w)}
        return (frozenset(w for w, v in words.items() if v >= TONE_MIN_VALENCE),
                frozenset(w for w, v in words.items() if v <= -TONE_MIN_VALENCE))
    single, _, _ = _afinn()
    return (frozenset(w for w, v in single.items() if v > 0), frozenset(w for w, v in single.items() if v < 0))


def tone(text: "str | Article", *, lexicon: Method = "vader") -> Tone:
    """GDELT-style tone: % positive words − % negative words, and polarity.

    Words are :func:`newsframe.text.tokenize_words` tokens of the normalised text,
    lower-cased. A word is positive/negative when it is in the word list:

    - ``"vader"`` (default): the VADER lexicon shipped in ``vaderSentiment`` 3.3.2
      (7,506 distinct entries, each the mean of ten human ratings on −4…+4), keeping
      the entries that are words (letters and digits, inner apostrophes) with mean
      valence ≥ +1.0 (positive: 2,455 words) or ≤ −1.0 (negative: 3,151 words), i.e.
      at least "weakly" emotional in VADER's rating scheme;
    - ``"afinn"``: AFINN-165 (``afinn`` package), every single word with valence > 0
      (1,161 words) or < 0 (2,191 words).

    Like GDELT, it counts words, with no negation handling: it measures how much
    emotional vocabulary a text uses, which complements the sentence scores.

    Parameters
    ----------
    text : str or Article
    lexicon : {"vader", "afinn"}

    Returns
    -------
    Tone
        ``tone`` −100…100 (higher = more positive), ``polarity`` 0…100; NaN when the
        text has no words.

    Raises
    ------
    ValueError
        For an unknown ``lexicon``.

    Examples
    --------
    >>> t = tone("A good deal, a bad war, and a great day for peace.")
    >>> t.word_count, round(t.positive, 2), round(t.negative, 2), round(t.tone, 2)   # good great peace; bad war
    (12, 25.0, 16.67, 8.33)
    """
    if lexicon not in _METHODS:
        raise ValueError(f"lexicon must be one of {', '.join(map(repr, _METHODS))}, not {lexicon!r}")
    if not isinstance(text, str):
        text = _sentences_of(text)[0]
    _check_text(text)
    return _tone(normalize_text(text), lexicon)


def _tone(normalized: str, lexicon: Method) -> Tone:
    """:func:`tone` of already normalised text."""
    text = normalized
    # the tokens of tokenize_words, lower-cased (ASCII text can be lower-cased first: same tokens)
    words = word_strings(text.lower()) if text.isascii() else list(map(str.lower, word_strings(text)))
    n = len(words)
    if not n:
        return Tone(_NAN, _NAN, _NAN, _NAN, 0)
    pos_words, neg_words = _tone_lexicon(lexicon)
    pos = sum(map(pos_words.__contains__, words)) * 100.0 / n
    neg = sum(map(neg_words.__contains__, words)) * 100.0 / n
    return Tone(pos - neg, pos, neg, pos + neg, n)


# =========================================================================== agreement

def _pearson(x: Sequence[float], y: Sequence[float]) -> float:
    n = len(x)
    if n < 3:
        return _NAN
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return _NAN
    return sum((a - mx) * (b - my) for a, b in zip(x, y)) / math.sqrt(sxx * syy)


def _ranks(x: Sequence[float]) -> list[float]:
    order = sorted(range(len(x)), key=lambda i: x[i])
    ranks = [0.0] * len(x)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and x[order[j + 1]] == x[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2.0
        i = j + 1
    return ranks


def method_agreement(article: "Article | str") -> MethodAgreement:
    """How far VADER and AFINN agree over an article's sentences.

    Parameters
    ----------
    article : Article or str

    Returns
    -------
    MethodAgreement
        Pearson and Spearman correlation of VADER compound and AFINN sum over the
        sentences with words, the share of sentences given the same label and Cohen's κ.

    Examples
    --------
    >>> a = method_agreement("We won. It was awful. Rain fell. A great, happy day.")
    >>> a.n_sentences, a.label_agreement, round(a.pearson, 2)
    (4, 1.0, 0.99)
    """
    scores = score_sentences(article)
    pairs = [(s.compound, score_afinn(s.text), s.label) for s in scores if s.compound == s.compound]
    v = [p[0] for p in pairs]
    a = [p[1] for p in pairs]
    lv = [p[2] for p in pairs]
    la = [_afinn_label(x) for x in a]
    n = len(pairs)
    if not n:
        return MethodAgreement(_NAN, _NAN, _NAN, _NAN, 0)
    agree = sum(x == y for x, y in zip(lv, la)) / n
    pe = sum((lv.count(c) / n) * (la.count(c) / n) for c in LABELS)
    kappa = (agree - pe) / (1 - pe) if pe < 1 else _NAN
    return MethodAgreement(_pearson(v, a), _pearson(_ranks(v), _ranks(a)), agree, kappa, n)


def agreement_table(articles: "Article | str | Iterable[Article]") -> "pd.DataFrame":
    """:func:`method_agreement` per article: ``article_id, pearson, spearman, label_agreement, kappa, n_sentences``.

    Examples
    --------
    >>> list(agreement_table("We won. It was awful. Rain fell.").columns)[:3]
    ['article_id', 'pearson', 'spearman']
    """
    rows = []
    for art in _as_articles(articles):
        m = method_agreement(art)
        rows.append({"article_id": _article_id(art), "pearson": m.pearson, "spearman": m.spearman,
                     "label_agreement": m.label_agreement, "kappa": m.kappa, "n_sentences": m.n_sentences})
    return _frame(rows, ("article_id", "pearson", "spearman", "label_agreement", "kappa", "n_sentences"))


# =========================================================================== targeted sentiment

#: Names of the dense targeted features, in model order (see :func:`target_sentiment`).
TARGET_FEATURES: tuple[str, ...] = (
    "sentence", "clause", "inside", "right", "left", "near3", "near8", "decay", "speaker",
    "in_quote", "pronoun", "time_word", "sentence_start", "clause_negative_count",
    "afinn_sentence", "afinn_decay", "clause_positive", "clause_negative", "decay_positive",
    "decay_negative", "before3", "after3", "speaker_x_sentence", "abs_sentence", "question",
    "clause_decay", "other_decay", "contrast", "contrast_other",
)
_WINDOW = 8
_DECAY = 4.0


@lru_cache(maxsize=None)
def _default_resource(name: str) -> Path:
    from newsframe.paths import resource_path

    return resource_path(name)


def _resource_or_path(path: str | Path | None, default: str) -> Path:
    if path is None:
        return _default_resource(default)
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"no such file: {p} (pass an existing {default}-style file, or None for the shipped one)")
    return p


def _read_text(path: str) -> str:
    """A resource file's text; a file that is not UTF-8 text (a binary file) is a ValueError naming it."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not a UTF-8 text file (byte {exc.start}: {exc.reason})") from None


@lru_cache(maxsize=8)
def _load_rules(path: str) -> TargetRules:
    import yaml

    try:
        data = yaml.safe_load(_read_text(path))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML ({exc})") from exc
    keys = ("speech_verbs", "clause_breaks", "contrast_words", "pronouns", "time_words", "news_cues")
    if not isinstance(data, dict) or any(k not in data for k in keys):
        missing = [k for k in keys if not isinstance(data, dict) or k not in data]
        raise ValueError(f"{path}: targeted-sentiment rules need the keys {', '.join(keys)}; missing {missing}")

    def words(key: str) -> frozenset[str]:
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise ValueError(f"{path}: {key!r} must be a list of words")
        return frozenset(w.lower() for w in value)

    cues = data["news_cues"]
    if not isinstance(cues, dict) or not all(isinstance(v, (int, float)) for v in cues.values()):
        raise ValueError(f"{path}: 'news_cues' must map words to numbers (VADER scale −4…+4)")
    return TargetRules(path, words("speech_verbs"), words("clause_breaks"), words("contrast_words"), words("pronouns"),
                       words("time_words"), {str(k).lower(): float(v) for k, v in cues.items()})


def load_target_rules(path: str | Path | None = None) -> TargetRules:
    """Read the word lists of targeted sentiment (default ``resources/sentiment_target.yaml``).

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not UTF-8 text or not valid YAML, or a key is missing or
        malformed (the message names file and key).

    Examples
    --------
    >>> rules = load_target_rules()
    >>> "said" in rules.speech_verbs, rules.news_cues["slammed"]
    (True, -2.0)
    """
    return _load_rules(str(_resource_or_path(path, "sentiment_target.yaml")))


@lru_cache(maxsize=8)
def _load_model(path: str) -> TargetModel:
    dense: list[str] = []
    mean: list[float] = []
    scale: list[float] = []
    dw: list[tuple[float, float, float]] = []
    words: dict[str, tuple[float, float, float]] = {}
    intercept: tuple[float, float, float] | None = None
    for n, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        cols = line.split("\t")
        if len(cols) != 7:
            raise ValueError(f"{path}:{n}: expected 7 tab-separated columns "
                             f"(kind, feature, mean, scale, negative, neutral, positive), got {len(cols)}")
        kind, name = cols[0], cols[1]
        try:
            m, s, a, b, c = (float(x) for x in cols[2:])
        except ValueError:
            raise ValueError(f"{path}:{n}: non-numeric value in {cols[2:]}") from None
        if kind == "intercept":
            intercept = (a, b, c)
        elif kind == "dense":
            dense.append(name)
            mean.append(m)
            scale.append(s if s else 1.0)
            dw.append((a, b, c))
        elif kind == "word":
            words[name] = (a, b, c)
        else:
            raise ValueError(f"{path}:{n}: kind must be intercept, dense or word, not {kind!r}")
    if intercept is None or tuple(dense) != TARGET_FEATURES:
        raise ValueError(f"{path}: needs an intercept row and the dense features {', '.join(TARGET_FEATURES)} in order")
    return TargetModel(path, tuple(dense), tuple(mean), tuple(scale), tuple(dw), words, intercept)


def load_target_model(path: str | Path | None = None) -> TargetModel:
    """Read the fitted weights of targeted sentiment (default ``resources/sentiment_target_model.tsv``).

    The shipped file is written by ``benchmarks/fit_target_model.py`` (a multinomial
    logistic regression fitted on NewsMTSC ``train.jsonl``; its cross-validated scores
    are in ``benchmarks/results/sentiment.json``).

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not UTF-8 text or a row is malformed (the message names file and line).

    Examples
    --------
    >>> m = load_target_model()
    >>> m.dense[:2], len(m.intercept)
    (('sentence', 'clause'), 3)
    """
    return _load_model(str(_resource_or_path(path, "sentiment_target_model.tsv")))


class _SentenceInfo(NamedTuple):
    # lists, not copied into tuples (like _VaderPass): cached, and nothing changes them
    toks: list[str]
    low: list[str]
    starts: list[int]            # token offsets in the text
    ends: list[int]
    vals: list[float]
    afinn: list[float]
    valued: list[int]            # indices of the tokens with a valence (vals[i] != 0), in order
    afinn_valued: list[int]      # indices of the tokens with an AFINN valence
    breaks: list[bool]           # breaks[j]: a clause boundary between token j-1 and j
    context: list[bool]          # token counts as a context word
    compound: float
    afinn_total: float
    question: bool


@lru_cache(maxsize=_SENTENCE_CACHE)
def _sentence_info(text: str, rules_path: str) -> _SentenceInfo:
    """VADER's tokens of normalised ``text`` with offsets, per-token valences, clause breaks.

    Valences are VADER's (its negation, booster, ALL-CAPS and idiom rules applied;
    its sentence-wide "but" weighting is not, since scope is what the targeted
    features decide); a word VADER does not know takes the news cue value of the rules,
    else 0.8 × its AFINN value, negated (×−0.74, VADER's factor) after a negation
    within three words. Also keeps the AFINN valence per token.
    """
    vp = _vader_pass(text)
    rules = _load_rules(rules_path)
    afinn_words = _afinn()[0]
    cues = rules.news_cues
    toks, low = vp.toks, vp.low
    n = len(toks)
    # offsets: each token is its white-space word or the word stripped of punctuation
    words = vp.words
    if len(text) == sum(map(len, words)) + n - 1:  # one white-space character between words, none around
        starts = list(map(add, accumulate(map(len, words), initial=0), range(n)))  # lengths before + spaces before
    else:
        starts = [m.start() for m in _VTOK.finditer(text)]
    for k in compress(range(n), map(ne, words, toks)):  # the stripped tokens
        starts[k] += len(words[k]) - len(words[k].lstrip(string.punctuation))
    ends = list(map(add, starts, map(len, toks)))
    afinn = [afinn_words.get(w.strip("'"), 0.0) for w in low]
    vals = list(vp.raw)
    boosters, _, negation_factor, _ = _vader_constants()
    # the tokens without a VADER valence that have an AFINN value or are news cues (each step
    # reads and writes only its own token's value, so the order does not matter)
    unscored = set(compress(range(n), afinn))
    if not cues.keys().isdisjoint(low):
        unscored.update(compress(range(n), map(cues.__contains__, low)))
    for i in unscored:
        w = low[i]
        if vals[i] == 0 and w not in boosters:
            x = cues.get(w, 0.8 * afinn[i])
            if x and any(map(_vader_negated, low[max(0, i - 3):i])):
                x *= negation_factor
            vals[i] = x
    # a clause break before token j: a clause gap (comma, dash, bracket, quote…) between
    # tokens j-1 and j, or token j is a clause opener ("but", "although")
    breaks = [False] * (n + 1)
    breaks[0] = breaks[n] = True
    for g in _CLAUSE_GAP.finditer(text):
        j = bisect.bisect_right(starts, g.start())
        if 0 < j < n and g.start() >= ends[j - 1]:
            breaks[j] = True
    for j in compress(range(1, n), map(rules.clause_breaks.__contains__, low[1:])):
        breaks[j] = True
    # context words: lower-case words as written (so names, acronyms and capitalised words never count)
    context = [t.islower() and (t.isalpha() or (t.replace("'", "").isalpha() and t[0] != "'" and t[-1] != "'"))
               for t in toks]
    compound = vp.sentiment.compound if _HAS_WORD.search(text) else 0.0
    return _SentenceInfo(toks, low, starts, ends, vals, afinn, list(compress(range(n), vals)),
                         list(compress(range(n), afinn)), breaks, context, compound, sum(afinn), "?" in text)


_EXP = tuple(math.exp(-d / _DECAY) for d in range(512))  # distance weights e^(−d/4)


_CLAUSE_GAP = re.compile(r'[;:()\[\]"]|--|\s-\s|,')


def _squash(x: float) -> float:
    return x / math.sqrt(x * x + 15.0)  # VADER's normalisation of a valence sum to −1…1


@lru_cache(maxsize=_SENTENCE_CACHE)
def _normalized(text: str) -> tuple[str, tuple[int, ...] | None]:
    norm = normalize_text(text)  # = normalize(text).text; its offsets only when the length changed
    return norm, (None if len(norm) == len(text) else normalize(text).offsets)


def _to_normalized(text: str, start: int, end: int) -> tuple[str, int, int]:
    norm, offs = _normalized(text)
    if offs is None:
        return norm, start, end
    return norm, bisect.bisect_left(offs, start, 0, len(offs) - 1), bisect.bisect_left(offs, end, 0, len(offs) - 1)


def _check_span(text: Any, start: Any, end: Any) -> None:
    _check_text(text)
    for name, v in (("start", start), ("end", end)):
        if not isinstance(v, int) or isinstance(v, bool):
            raise TypeError(f"{name} must be an int, not {type(v).__name__}")
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"offsets start={start}, end={end} are not a span inside the text "
                         f"(need 0 <= start < end <= len(text) = {len(text)})")
    if not _HAS_WORD.search(text[start:end]):
        raise ValueError(f"offsets start={start}, end={end} select {text[start:end]!r}, which holds no word")


def target_features(text: str, start: int, end: int, *, rules: TargetRules | str | Path | None = None) -> TargetFeatures:
    """The interpretable features of the stance of ``text`` toward ``text[start:end]``.

    See :func:`target_sentiment` for what each means.

    Examples
    --------
    >>> f = target_features("Critics slammed Smith, who said it was fine.", 16, 21)
    >>> f.dense["before3"] < 0, "L_slammed" in f.words
    (True, True)
    """
    _check_span(text, start, end)
    return _target_features(text, start, end, rules)


def _target_features(text: str, start: int, end: int, rules: TargetRules | str | Path | None) -> TargetFeatures:
    r = rules if isinstance(rules, TargetRules) else load_target_rules(rules)
    values, words = _feature_values(text, start, end, r)
    return TargetFeatures(dict(zip(TARGET_FEATURES, values)), words)


#: Sentences longer than this (in tokens) are read only :data:`_REACH` tokens on each
#: side of a mention (see :func:`_feature_values`); the longest sentence of the
#: benchmark data (NewsMTSC, the pages and KPCrowd texts) has 798.
_LONG_SENTENCE = 1024
_REACH = 512


@lru_cache(maxsize=16)
def _quote_offsets(norm: str) -> list[int]:
    """Offsets of the ``"`` in a (long) normalised sentence, for the ``in_quote`` feature."""
    return [m.start() for m in re.finditer('"', norm)]


def _feature_values(text: str, start: int, end: int, r: TargetRules) -> tuple[tuple[float, ...], tuple[str, ...]]:
    """The dense features in the order of :data:`TARGET_FEATURES`, and the context words.

    In a "sentence" of more than 1024 tokens (a list or a table without end punctuation,
    a run-on paste) the mention's features look only 512 tokens to either side of it, as
    if the sentence ended there: the distance weights e^(−d/4) are below 1e-55 beyond
    that, and scoring every mention of such a text against all of it would cost its
    length squared. The whole-sentence features (``sentence``, ``afinn_sentence``,
    ``question``, ``in_quote``) still read all of it.
    """
    norm, s, t = _to_normalized(text, start, end)
    info = _sentence_info(norm, r.path)
    vals, low, breaks = info.vals, info.low, info.breaks
    n = len(vals)
    t0 = bisect.bisect_right(info.ends, s)  # first token ending after s
    t1 = bisect.bisect_left(info.starts, t, t0)  # first token from t0 on starting at or after t
    if t1 == t0:  # the mention is only punctuation stripped from a token: nearest token
        t0 = min(t0, n - 1)
        t1 = t0 + 1
    valued, afinn, afinn_valued, ctx = info.valued, info.afinn, info.afinn_valued, info.context
    if n <= _LONG_SENTENCE:
        in_quote = norm.count('"', 0, s) % 2 == 1
    else:  # the window of _REACH tokens on each side, as a sentence of its own
        lo, hi = max(0, t0 - _REACH), min(n, t1 + _REACH)
        vals, low, afinn, ctx = vals[lo:hi], low[lo:hi], afinn[lo:hi], ctx[lo:hi]
        breaks = [True, *breaks[lo + 1:hi], True]
        valued = [i - lo for i in valued[bisect.bisect_left(valued, lo):bisect.bisect_left(valued, hi)]]
        afinn_valued = [i - lo for i in afinn_valued[bisect.bisect_left(afinn_valued, lo):
                                                     bisect.bisect_left(afinn_valued, hi)]]
        n, t0, t1 = hi - lo, t0 - lo, t1 - lo
        in_quote = bisect.bisect_left(_quote_offsets(norm), s) % 2 == 1  # = norm.count('"', 0, s) % 2 == 1
    ca = t0
    while not breaks[ca]:
        ca -= 1
    cb = t1
    while cb < n and not breaks[cb]:
        cb += 1
    # Sums over the tokens with a valence only (info.valued): leaving out zeros changes no sum.
    # Distance d >= 1 of the outside tokens: left token i has d = t0 - i, right token i has d = i - t1 + 1.
    k0 = bisect.bisect_left(valued, t0)
    k1 = bisect.bisect_left(valued, t1)
    # distances are below n; past 511 they keep the weight of 511 (a sentence of over 512 tokens)
    exp = _EXP if n <= 512 else _EXP + (_EXP[511],) * (n - 512)
    left_terms = [vals[i] * exp[t0 - i] for i in valued[:k0]]
    right_terms = [vals[i] * exp[i - t1 + 1] for i in valued[k1:]]
    decay_terms = left_terms + right_terms
    decay_sum = sum(decay_terms)
    a0 = bisect.bisect_left(afinn_valued, t0)
    a1 = bisect.bisect_left(afinn_valued, t1)
    afinn_decay = sum([afinn[i] * exp[t0 - i] for i in afinn_valued[:a0]]) + \
        sum([afinn[i] * exp[i - t1 + 1] for i in afinn_valued[a1:]])
    # distance-weighted sums inside the mention's clause and outside it (scope and distance together)
    ka = bisect.bisect_left(valued, ca)
    kb = bisect.bisect_left(valued, cb)
    clause_decay = sum(left_terms[ka:]) + sum(right_terms[:kb - k1])
    # the "but" rule for targets: what lies beyond the nearest contrastive word on either side
    contrast_other, contrast = 0.0, 0.0
    cw = r.contrast_words
    if not cw.isdisjoint(low):
        for i in range(t1, n):
            if low[i] in cw:
                contrast_other += sum(vals[i:])
                contrast = 1.0
                break
        for i in range(t0 - 1, -1, -1):
            if low[i] in cw:
                contrast_other += sum(vals[:i])
                contrast = 1.0
                break
    sentence = info.compound
    before = low[t0 - 1] if t0 > 0 else ""
    speaker = float(not r.speech_verbs.isdisjoint(low[t1:t1 + 2]) or before in r.speech_verbs)
    mention = low[t0:t1]
    # positive and negative sums in one pass (the same additions, in the same order, as sum() over a filter)
    clause_positive: float = 0  # stays the int 0 when there is none, as sum() gives
    clause_negative: float = 0
    clause_negative_count = 0
    for i in valued[ka:kb]:
        if vals[i] > 0:
            clause_positive += vals[i]
        else:
            clause_negative += vals[i]
            clause_negative_count += 1
    decay_positive: float = 0
    decay_negative: float = 0
    for x in decay_terms:
        if x > 0:
            decay_positive += x
        elif x < 0:
            decay_negative += x
    before3 = sum(vals[max(0, t0 - 3):t0])
    after3 = sum(vals[t1:t1 + 3])
    values = (
        sentence,                                                            # sentence
        _squash(sum(vals[ca:t0]) + sum(vals[t1:cb])),                        # clause
        _squash(sum(vals[t0:t1])),                                           # inside
        _squash(sum(vals[t1:])),                                             # right
        _squash(sum(vals[:t0])),                                             # left
        _squash(before3 + after3),                                           # near3
        _squash(sum(vals[max(0, t0 - _WINDOW):t0]) + sum(vals[t1:t1 + _WINDOW])),  # near8
        _squash(decay_sum),                                                  # decay
        speaker,                                                             # speaker
        float(in_quote),                                                     # in_quote
        float(len(mention) == 1 and mention[0] in r.pronouns),               # pronoun
        float(not r.time_words.isdisjoint(mention)),                         # time_word
        float(t0 == 0 or (ca == 0 and t0 <= 2)),                             # sentence_start
        float(clause_negative_count),                                        # clause_negative_count
        _squash(info.afinn_total),                                           # afinn_sentence
        _squash(afinn_decay),                                                # afinn_decay
        clause_positive,                                                     # clause_positive
        clause_negative,                                                     # clause_negative
        decay_positive,                                                      # decay_positive
        decay_negative,                                                      # decay_negative
        _squash(before3),                                                    # before3
        _squash(after3),                                                     # after3
        speaker * sentence,                                                  # speaker_x_sentence
        abs(sentence),                                                       # abs_sentence
        float(info.question),                                                # question
        _squash(clause_decay),                                               # clause_decay
        _squash(decay_sum - clause_decay),                                   # other_decay
        contrast,                                                            # contrast
        _squash(contrast_other),                                             # contrast_other
    )
    a, b = max(ca, t0 - _WINDOW), min(cb, t1 + _WINDOW)
    words = sorted({"L_" + w for w in compress(low[a:t0], ctx[a:t0])}
                   | {"R_" + w for w in compress(low[t1:b], ctx[t1:b])})
    return values, tuple(words)


def target_sentiment(
    text: str,
    start: int,
    end: int,
    *,
    model: TargetModel | str | Path | None = None,
    rules: TargetRules | str | Path | None = None,
) -> TargetSentiment:
    """Stance of a sentence toward the mention ``text[start:end]`` — not the sentence's mood.

    "Critics slammed Smith" is negative *toward Smith* whatever else the sentence says;
    "Smith said the plan was a disaster" reports Smith's view, and is not negative
    toward Smith. The model reads interpretable features of where sentiment sits
    relative to the mention (:func:`target_features`):

    - **scope**: VADER valences (its negation, booster and capitals rules; words VADER
      lacks from a short list of news verbs in the rules file, then AFINN) summed over
      the mention's *clause* (bounded by punctuation and by clause openers such as
      "but", "although", "while" — which is how the "but" rule acts on a target: the
      other side of "but" is another clause), over ±3 and ±8 words, left and right of
      it, inside it ("the corrupt mayor"), and weighted by distance (e^(−d/4));
    - **role**: the words just before the mention (what is done to it: "slammed X")
      and just after (what it does or is), and the *context words* up to 8 words on
      each side within its clause, marked left/right (``L_slammed``), lower-case
      words only, so that no name or party carries a prior;
    - **voice**: whether the mention is the *speaker* (a speech verb next to it: "X
      said", "said X") — what a target says is not what is said about it — and whether
      it sits inside quotation marks;
    - **kind of mention**: pronoun, date/time word, sentence start, question;
    - the whole sentence's VADER compound and AFINN sum, as a prior.

    The weights of a multinomial logistic regression over these features were fitted on
    NewsMTSC's training split (Hamborg & Donnay 2021) by
    ``benchmarks/fit_target_model.py``; scored by 5-fold cross-validation grouped by
    article, it reaches macro-F1 ≈ 0.64 where whole-sentence VADER reaches ≈ 0.52 and a
    ±8-word window ≈ 0.53 (``benchmarks/results/sentiment.json``). It is a reading of
    how news sentences portray people, not a parser: long sentences with several
    clauses about several actors remain hard. In a "sentence" of over 1024 tokens (a
    list or a paste without end punctuation) only the 512 tokens on each side of the
    mention are read, besides the whole-sentence features.

    Parameters
    ----------
    text : str
        Usually one sentence (the sentence holding the mention).
    start, end : int
        Character offsets of the mention, ``0 <= start < end <= len(text)``.
    model : TargetModel or path, optional
        Weights (default: the shipped ``sentiment_target_model.tsv``).
    rules : TargetRules or path, optional
        Word lists (default: the shipped ``sentiment_target.yaml``).

    Returns
    -------
    TargetSentiment
        ``label`` and ``score`` = P(positive) − P(negative), −1…1.

    Raises
    ------
    TypeError
        If ``text`` is not a str or the offsets are not ints.
    ValueError
        If the offsets are outside the text, empty or reversed, or select no word; the
        message names them.

    Examples
    --------
    >>> s = "Smith won praise for the reform, but Jones was blamed for the failure."
    >>> target_sentiment(s, 0, 5).label, target_sentiment(s, 37, 42).label
    ('positive', 'negative')
    >>> s = "Smith said the plan was a disaster."      # Smith speaks: not negative toward Smith
    >>> score_text(s).label, target_sentiment(s, 0, 5).label
    ('negative', 'neutral')
    """
    _check_span(text, start, end)
    m = model if isinstance(model, TargetModel) else load_target_model(model)
    r = rules if isinstance(rules, TargetRules) else load_target_rules(rules)
    return _target_sentiment(text, start, end, m, r)


def _target_sentiment(text: str, start: int, end: int, m: TargetModel, r: TargetRules) -> TargetSentiment:
    """:func:`target_sentiment` on a checked span, with model and rules loaded."""
    values, words = _feature_values(text, start, end, r)
    if m.dense == TARGET_FEATURES:
        z = _decision(m, values, words)
    else:  # a model built by hand, with its own order of features
        z = m.decision(TargetFeatures(dict(zip(TARGET_FEATURES, values)), words))
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    p = [v / total for v in e]
    label = LABELS[max(range(3), key=lambda k: (p[k], k == 1))]
    return TargetSentiment(label, p[2] - p[0], p[0], p[1], p[2])


# =========================================================================== actors


def _mentions_of(article: Any, actors: Any) -> list[tuple[str, int, int]]:
    """(actor, start, end) for each mention, in text order, without overlaps."""
    text = article if isinstance(article, str) else article.text
    if actors is None:
        try:
            from newsframe.actors import find_actors
        except ImportError:  # the actors module is optional
            return []
        return [(m.actor, m.start, m.end) for m in find_actors(article)]
    if isinstance(actors, str):
        raise TypeError("actors must be a list of names or of mention objects, not a single str")
    if not isinstance(actors, Iterable):
        raise TypeError(f"actors must be a list of names or of mention objects (or None), not {type(actors).__name__}")
    out: list[tuple[str, int, int]] = []
    names: list[str] = []
    for a in actors:
        if isinstance(a, str):
            if a.strip():
                names.append(a.strip())
        elif all(hasattr(a, k) for k in ("start", "end")):
            name = getattr(a, "actor", None) or getattr(a, "text", None) or text[a.start:a.end]
            if not (isinstance(a.start, int) and isinstance(a.end, int) and 0 <= a.start < a.end <= len(text)):
                raise ValueError(f"mention {name!r} has offsets start={a.start}, end={a.end} outside the text "
                                 f"(length {len(text)})")
            out.append((str(name), a.start, a.end))
        else:
            raise TypeError(f"each actor must be a name (str) or have .start/.end (and .actor), not {type(a).__name__}")
    if names:
        ordered = sorted(set(names), key=lambda s: (-len(s), s))
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in ordered) + r")(?!\w)")
        out.extend((m.group(0), m.start(), m.end()) for m in pattern.finditer(text))
    out.sort(key=lambda x: (x[1], -x[2], x[0]))
    kept: list[tuple[str, int, int]] = []
    for item in out:
        if kept and item[1] < kept[-1][2]:
            continue
        kept.append(item)
    return kept


def actor_sentiment(
    article: "Article | str",
    actors: Sequence[Any] | None = None,
    *,
    level: Literal["actor", "mention"] = "actor",
) -> "pd.DataFrame":
    """How the article treats each actor: the targeted stance of every mention.

    Parameters
    ----------
    article : Article or str
    actors : sequence, optional
        ``None``: every mention :func:`newsframe.actors.find_actors` finds (an empty
        table when that module is not installed). A list of names: their exact,
        whole-word occurrences (the longest name wins where names overlap). A list of
        mention objects: anything with ``start``, ``end`` (offsets into the text) and,
        optionally, ``actor`` (the name to group by; else the surface text).
    level : {"actor", "mention"}
        One row per actor (:data:`ACTOR_COLUMNS`, sorted by ``(-mentions, actor)``) or
        one per mention (:data:`ACTOR_MENTION_COLUMNS`, text order).

    Returns
    -------
    pandas.DataFrame
        ``mean`` is the mean stance score −1…1 of the actor's mentions
        (:func:`target_sentiment` on each mention's sentence); ``sentence_mean`` the mean
        VADER compound of those sentences, to show how much targeting changes.

    Raises
    ------
    ValueError
        For an unknown ``level`` or mention offsets outside the text.
    TypeError
        For ``actors`` that is not a list (or other iterable) of names or mention objects.

    Examples
    --------
    >>> t = actor_sentiment("Critics slammed Smith. Jones praised Smith's courage.", ["Smith", "Jones"])
    >>> t[["actor", "mentions"]].values.tolist()
    [['Smith', 2], ['Jones', 1]]
    """
    if level not in ("actor", "mention"):
        raise ValueError(f"level must be 'actor' or 'mention', not {level!r}")
    text, sentences = _sentences_of(article)
    aid = _article_id(article)
    starts = [s.start for s in sentences]
    mentions = []
    compounds: dict[int, float] = {}  # per sentence (normalising a long one again per mention costs its length)
    for actor, start, end in _mentions_of(article, actors):
        k = bisect.bisect_right(starts, start) - 1
        if k < 0 or start >= sentences[k].end:
            continue  # between sentences (e.g. a mention in white space): cannot score
        s = sentences[k]
        ts = target_sentiment(s.text, start - s.start, min(end, s.end) - s.start)
        compound = compounds.get(k)
        if compound is None:
            compound = compounds[k] = _sentence_compound(s.text)
        mentions.append({
            "article_id": aid, "actor": actor, "start": start, "end": end, "mention": text[start:end],
            "sentence": s.index, "score": ts.score, "label": ts.label, "negative": ts.negative,
            "neutral": ts.neutral, "positive": ts.positive, "sentence_compound": compound,
            "text": s.text,
        })
    if level == "mention":
        return _frame(mentions, ACTOR_MENTION_COLUMNS)
    return _frame(_actor_rows(aid, mentions), ACTOR_COLUMNS)


def _sentence_compound(text: str) -> float:
    return score_text(text).compound


def _actor_rows(aid: str, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        groups.setdefault(m["actor"], []).append(m)
    rows = []
    for actor, ms in groups.items():
        n = len(ms)
        worst = min(ms, key=lambda m: (m["score"], m["start"]))
        best = max(ms, key=lambda m: (m["score"], -m["start"]))
        comps = [m["sentence_compound"] for m in ms if m["sentence_compound"] == m["sentence_compound"]]
        rows.append({
            "article_id": aid, "actor": actor, "mentions": n, "mean": sum(m["score"] for m in ms) / n,
            "negative_share": sum(m["label"] == "negative" for m in ms) / n,
            "neutral_share": sum(m["label"] == "neutral" for m in ms) / n,
            "positive_share": sum(m["label"] == "positive" for m in ms) / n,
            "sentence_mean": sum(comps) / len(comps) if comps else _NAN,
            "most_negative_sentence": worst["sentence"] if worst["label"] == "negative" else None,
            "most_negative_text": worst["text"] if worst["label"] == "negative" else None,
            "most_positive_sentence": best["sentence"] if best["label"] == "positive" else None,
            "most_positive_text": best["text"] if best["label"] == "positive" else None,
        })
    rows.sort(key=lambda r: (-r["mentions"], r["actor"]))
    return rows


# =========================================================================== voices

_QUOTE_PAIR = re.compile(r'["“]([^"“”\n]+)["”]')


def _fallback_quotes(text: str) -> list[Any]:
    """Quoted spans between double quotation marks, with no speaker (no quotes module)."""

    @dataclass(frozen=True, slots=True)
    class _Span:
        start: int
        end: int
        speaker: str | None = None

    return [_Span(m.start(1), m.end(1)) for m in _QUOTE_PAIR.finditer(text)]


def _quotes_of(article: Any, quotes: Any) -> list[tuple[int, int, str]]:
    text = article if isinstance(article, str) else article.text
    if quotes is None:
        try:
            from newsframe.quotes import extract_quotes
        except ImportError:
            quotes = _fallback_quotes(text)
        else:
            quotes = extract_quotes(article)
    elif isinstance(quotes, str) or not isinstance(quotes, Iterable):
        raise TypeError(f"quotes must be a list of objects with .start and .end (or None), not {type(quotes).__name__}")
    out = []
    for q in quotes:
        if not all(hasattr(q, k) for k in ("start", "end")):
            raise TypeError(f"each quote must have .start, .end (and .speaker), not {type(q).__name__}")
        if not (isinstance(q.start, int) and isinstance(q.end, int) and 0 <= q.start < q.end <= len(text)):
            raise ValueError(f"quote offsets start={q.start}, end={q.end} are outside the text (length {len(text)})")
        speaker = getattr(q, "speaker", None)
        out.append((q.start, q.end, str(speaker) if speaker else UNATTRIBUTED))
    out.sort()
    return out


def voice_segments(article: "Article | str", quotes: Sequence[Any] | None = None) -> "pd.DataFrame":
    """Each sentence cut into narration and quotation, scored with VADER (:data:`VOICE_SEGMENT_COLUMNS`).

    Parameters
    ----------
    article : Article or str
    quotes : sequence, optional
        Objects with ``start``, ``end`` (offsets of the quoted words in the text) and
        ``speaker`` (str or None) — e.g. :func:`newsframe.quotes.extract_quotes`, which
        is used when ``None`` is passed; without that module, spans between double
        quotation marks, all unattributed.

    Returns
    -------
    pandas.DataFrame
        ``voice`` is :data:`AUTHOR` for narration, the speaker for a quotation (or
        ``"(unattributed quote)"``); ``kind`` ``"narration"``/``"quote"``; segments
        without words (a lone comma between a quote and its attribution) are dropped.

    Raises
    ------
    ValueError, TypeError
        For ``quotes`` that is not a list, or quotes with offsets outside the text or
        without ``start``/``end``.

    Examples
    --------
    >>> t = voice_segments('"We are thrilled," the mayor said. Taxes rose.')
    >>> t[["voice", "kind", "text"]].values.tolist()
    [['the mayor', 'quote', 'We are thrilled'], ['(author)', 'narration', 'the mayor said.'], ['(author)', 'narration', 'Taxes rose.']]
    """
    text, sentences = _sentences_of(article)
    aid = _article_id(article)
    spans = _quotes_of(article, quotes)
    rows = []
    # the quotes overlapping each sentence, in order, without a pass over all quotes per
    # sentence: sentences come in text order, so a quote is a candidate from the first
    # sentence ending after its start until a sentence starts at or after its end
    added = 0
    candidates: list[tuple[int, int, str]] = []
    for s in sentences:
        while added < len(spans) and spans[added][0] < s.end:
            candidates.append(spans[added])
            added += 1
        candidates = [q for q in candidates if q[1] > s.start]
        pos = s.start
        pieces: list[tuple[int, int, str, str]] = []
        for qs, qe, speaker in candidates:
            a, b = max(qs, s.start), min(qe, s.end)
            if a > pos:
                pieces.append((pos, a, AUTHOR, "narration"))
            pieces.append((a, b, speaker, "quote"))
            pos = max(pos, b)
        if pos < s.end:
            pieces.append((pos, s.end, AUTHOR, "narration"))
        for a, b, voice, kind in pieces:
            seg = text[a:b]
            lead = len(seg) - len(seg.lstrip(" \t\n\"“”'’‘,;:.!?)]-\u2013\u2014\u2015"))
            trail = len(seg) - len(seg.rstrip(" \t\n\"“”'’‘"))
            a, b = a + lead, b - trail
            seg = text[a:b] if b > a else ""
            if not _HAS_WORD.search(seg) or not any(ch.isalpha() for ch in seg):
                continue
            sc = score_text(seg)
            rows.append({"article_id": aid, "voice": voice, "kind": kind, "sentence": s.index, "start": a, "end": b,
                         "n_words": len(seg.split()), "compound": sc.compound, "label": sc.label, "text": seg})
    return _frame(rows, VOICE_SEGMENT_COLUMNS)


def voice_sentiment(article: "Article | str", quotes: Sequence[Any] | None = None) -> "pd.DataFrame":
    """Sentiment by voice: the author's narration vs. each quoted speaker (:data:`VOICE_COLUMNS`).

    Segments come from :func:`voice_segments` (same ``quotes`` argument). ``mean`` and
    ``weighted_mean`` (by words) of segment compounds −1…1; shares 0…1 of segments.
    Rows: :data:`AUTHOR` first, then voices by ``(-n_words, voice)``.

    Examples
    --------
    >>> t = voice_sentiment('"We are thrilled," the mayor said. Taxes rose.')
    >>> t[["voice", "n_segments"]].values.tolist()
    [['(author)', 2], ['the mayor', 1]]
    """
    seg = voice_segments(article, quotes)
    aid = _article_id(article)
    rows = []
    for voice, g in seg.groupby("voice", sort=False):
        c = g["compound"]
        w = g["n_words"]
        rows.append({"article_id": aid, "voice": voice, "n_segments": len(g), "n_words": int(w.sum()),
                     "mean": float(c.mean()), "weighted_mean": float((c * w).sum() / w.sum()) if w.sum() else _NAN,
                     "positive_share": float((g["label"] == "positive").mean()),
                     "negative_share": float((g["label"] == "negative").mean())})
    rows.sort(key=lambda r: (r["voice"] != AUTHOR, -r["n_words"], r["voice"]))
    return _frame(rows, VOICE_COLUMNS)


# =========================================================================== pipeline

def _normalized_text(text: str, sentences: Sequence[Sentence], normalized: Sequence[str]) -> str:
    """``normalize_text(text)``, put together from its sentences' normalised texts.

    Normalisation maps each character on its own, so the text's is the concatenation of
    its pieces': the sentences (already normalised for scoring) and what lies between
    them. Falls back to normalising the whole text when the sentences are not its
    pieces in order.
    """
    if text.isascii():
        return text  # normalize_text returns ASCII text as it is
    pieces: list[str] = []
    pos = 0
    for s, norm in zip(sentences, normalized):
        if s.start < pos or not text.startswith(s.text, s.start):
            return normalize_text(text)
        pieces.append(normalize_text(text[pos:s.start]))
        pieces.append(norm)
        pos = s.start + len(s.text)
    pieces.append(normalize_text(text[pos:]))
    return "".join(pieces)


def _json_number(x: float) -> float | None:
    return None if x != x else x


def record_fields(article: "Article", sentences: Sequence[Sentence]) -> tuple[dict[int, dict[str, Any]], dict[str, Any]]:
    """JSON keys for ``newsframe analyze --json`` (NaN becomes ``null``).

    Per sentence ``"sentiment": {"compound", "pos", "neu", "neg", "label"}``; per
    article ``"sentiment"``: the aggregates of :func:`aggregate` (without the texts:
    ``n_sentences, n_words, mean, weighted_mean, positive_share, neutral_share,
    negative_share, most_positive, most_positive_compound, most_negative,
    most_negative_compound``) plus ``tone``, ``polarity``, ``positive_words``,
    ``negative_words``, ``word_count`` (:func:`tone`); and ``"actor_sentiment"``:
    ``[{"actor", "mentions", "mean", "negative_share", "positive_share"}]`` sorted by
    ``(-mentions, actor)`` — an empty list without the actors module.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> art = Article.from_text("We won. It was awful.")
    >>> per_sentence, per_article = record_fields(art, split_sentences(art.text))
    >>> per_sentence[1]["sentiment"]["label"], per_article["sentiment"]["n_sentences"]
    ('negative', 2)
    """
    normalized = [normalize_text(s.text) for s in sentences]
    scores = [_score_sentence(s, n) for s, n in zip(sentences, normalized)]
    # a sentence without words has every score NaN (null) and no label; others have no NaN
    per_sentence = {
        s.index: {"sentiment": {"compound": s.compound, "pos": s.pos, "neu": s.neu, "neg": s.neg, "label": s.label}
                  if s.label is not None else dict.fromkeys(("compound", "pos", "neu", "neg", "label"))}
        for s in scores
    }
    agg = aggregate(scores)
    t = _tone(_normalized_text(article.text, sentences, normalized), "vader")  # = tone(article.text)
    summary: dict[str, Any] = {k: (_json_number(v) if isinstance(v, float) else v)
                               for k, v in agg.items() if not k.endswith("_text")}
    summary.update(tone=_json_number(t.tone), polarity=_json_number(t.polarity),
                   positive_words=_json_number(t.positive), negative_words=_json_number(t.negative),
                   word_count=t.word_count)
    actors: list[dict[str, Any]] = []
    try:
        from newsframe.actors import find_actors
    except ImportError:
        find_actors = None  # type: ignore[assignment]
    if find_actors is not None:
        text = article.text
        starts = [s.start for s in sentences]
        groups: dict[str, list[float]] = {}
        labels: dict[str, list[str]] = {}
        model, rules = load_target_model(), load_target_rules()
        sentence_texts: dict[int, str] = {}  # one str per sentence: its hash, for the caches, is computed once
        for m in find_actors(article):
            k = bisect.bisect_right(starts, m.start) - 1
            if k < 0 or m.start >= sentences[k].end:
                continue
            s = sentences[k]
            sentence = sentence_texts.get(k)
            if sentence is None:
                sentence = sentence_texts[k] = text[s.start:s.end]
            start, end = m.start - s.start, min(m.end, s.end) - s.start
            _check_span(sentence, start, end)
            ts = _target_sentiment(sentence, start, end, model, rules)  # = target_sentiment(sentence, start, end)
            groups.setdefault(m.actor, []).append(ts.score)
            labels.setdefault(m.actor, []).append(ts.label)
        for actor in sorted(groups, key=lambda a: (-len(groups[a]), a)):
            sc, lb = groups[actor], labels[actor]
            actors.append({"actor": actor, "mentions": len(sc), "mean": sum(sc) / len(sc),
                           "negative_share": lb.count("negative") / len(lb),
                           "positive_share": lb.count("positive") / len(lb)})
    return per_sentence, {"sentiment": summary, "actor_sentiment": actors}
