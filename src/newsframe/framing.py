"""Frames: codebooks as data, evidence-backed frame scores, a trainable classifier, agreement.

A *codebook* (YAML under ``newsframe/resources/codebooks/``, or a file of your own) lists
frames; each frame has its coding questions, cue words, multi-word phrases and regular
expressions with weights, and counter-cues. :func:`score_frames` finds every cue in every
sentence (with character offsets, so each decision can be checked by eye), scores
paragraphs, subheading sections and the article, and decides which frames are present
with the thresholds documented below. :class:`FrameClassifier` learns frames from coded
articles (naive-Bayes-weighted words plus the codebook's cue features, a scikit-learn
estimator), and
:func:`agreement` compares a detector with a human coder (Cohen's kappa and
Krippendorff's alpha).

Decision rules (thresholds live in the codebook, per codebook and per frame)
----------------------------------------------------------------------------
- **Sentence.** A sentence's score for a frame is the summed weight of the frame's cues
  that matched in it (a phrase or pattern overrides a word cue it overlaps; a match
  overlapping one of the frame's counter-cues is dropped; a word of a group marked
  ``in_names: false`` does not count inside a name, see :class:`Cue`). The sentence *carries* the
  frame when its score >= ``thresholds.sentence`` (default 1.0: one strong cue, or two
  weak ones).
- **Paragraph / section.** ``share`` = carrying sentences / sentences; ``density`` =
  cue weight per 100 words. The unit carries the frame when at least one sentence does
  and ``share >= min_share``.
- **Article.** ``score`` = ``share``. The frame is *present* when at least
  ``min(min_sentences, number of sentences)`` sentences carry it and
  ``share >= min_share``. :meth:`FrameProfile.evidence` returns exactly the sentences
  behind the decision; :meth:`FrameProfile.decision` says it in words.

Scores are in [0, 1] (share) or >= 0 (density); higher means more of the frame. An
empty text has ``NaN`` scores and no frame present.

Examples
--------
>>> detect_frames("Critics accused the minister of lying. The opposition rejected the plan.")
{'conflict': True, 'human_interest': False, 'economic': False, 'morality': False, 'responsibility': False}

References
----------
Semetko, H. A., & Valkenburg, P. M. V. (2000). Framing European politics: A content
analysis of press and television news. *Journal of Communication*, 50(2), 93-109.

Boydstun, A. E., Card, D., Gross, J. H., Resnik, P., & Smith, N. A. (2014). Tracking the
development of media frames within and across policy issues. APSA Annual Meeting.

Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
Psychological Measurement*, 20(1), 37-46. Krippendorff, K. (2004). *Content Analysis*.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Mapping, Sequence

from newsframe.errors import CodebookError
from newsframe.text import Sentence, normalize_text, split_sentences, stopwords

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from newsframe.ingest import Article

__all__ = [
    "CODEBOOKS",
    "POLICY_FRAMES",
    "SENTENCE_COLUMNS",
    "CUE_COLUMNS",
    "UNIT_COLUMNS",
    "AGREEMENT_COLUMNS",
    "EVALUATION_COLUMNS",
    "COMPARISON_COLUMNS",
    "Question",
    "Cue",
    "Thresholds",
    "Frame",
    "Codebook",
    "CueMatch",
    "SentenceFrames",
    "FrameScore",
    "FrameProfile",
    "FrameClassifier",
    "load_codebook",
    "score_frames",
    "detect_frames",
    "load_coding",
    "detect_units",
    "compare_coding",
    "agreement",
    "evaluate_frames",
    "record_fields",
]

#: Codebooks shipped with newsframe (``resources/codebooks/<name>.yaml``).
CODEBOOKS: tuple[str, ...] = ("generic", "geopolitics")

#: The 15 dimensions of the Policy Frames Codebook (Boydstun et al. 2014), as used in
#: a frame's ``policy_frame`` field.
POLICY_FRAMES: tuple[str, ...] = (
    "economic",
    "capacity_and_resources",
    "morality",
    "fairness_and_equality",
    "legality_constitutionality_and_jurisprudence",
    "policy_prescription_and_evaluation",
    "crime_and_punishment",
    "security_and_defense",
    "health_and_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation_and_reputation",
    "other",
)

#: Columns of :meth:`FrameProfile.sentence_table` (one row per sentence and frame).
SENTENCE_COLUMNS: tuple[str, ...] = (
    "article_id", "codebook", "sentence", "paragraph", "section", "start", "end", "frame",
    "score", "carries", "n_cues", "cues", "text",
)
#: Columns of :meth:`FrameProfile.cue_table` (one row per cue match).
CUE_COLUMNS: tuple[str, ...] = (
    "article_id", "codebook", "sentence", "frame", "cue", "kind", "weight", "start", "end", "text",
)
#: Columns of the paragraph, section and article tables of :class:`FrameProfile`.
UNIT_COLUMNS: tuple[str, ...] = (
    "article_id", "codebook", "level", "unit", "heading", "frame", "n_sentences", "n_words",
    "n_frame_sentences", "share", "density", "score", "present",
)
#: Columns of :func:`agreement`.
AGREEMENT_COLUMNS: tuple[str, ...] = (
    "frame", "n_units", "coder_positive", "detector_positive", "both_positive",
    "observed_agreement", "kappa", "alpha",
)

MatchMode = Literal["lemma", "stem", "exact"]
_MATCH_MODES: tuple[str, ...] = ("lemma", "stem", "exact")
Level = Literal["paragraph", "section", "article"]
CueTerms = Literal["all", "own"]
_CUE_TERMS = ("all", "own")
WordFeatures = Literal["nb", "tfidf"]
_WORD_FEATURES = ("nb", "tfidf")
_LEVELS: tuple[str, ...] = ("paragraph", "section", "article")


# =========================================================================== data types

@dataclass(frozen=True, slots=True)
class Question:
    """One coding question of a frame (``id`` such as ``"C1"``, and its ``text``)."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue of a frame as written in the codebook.

    ``kind`` is ``"word"``, ``"phrase"`` or ``"pattern"``; ``weight`` > 0 (counter-cues
    have weight 0 and ``counter=True``). A term starting with ``=`` matches that exact
    lower-case form only, not its other inflections. ``in_names=False`` (a term group's
    ``in_names: false`` in the YAML) drops a match that is part of a name: the matched
    word is capitalised and directly next to a capitalised word that is not a function
    word ("Son Kyung-sik", "Mother Teresa", "the Rockefeller Family Fund"), unless a
    possessive comes right before it ("Trump's Son", "Her Mother").
    """

    frame: str
    term: str
    kind: str
    weight: float
    counter: bool = False
    in_names: bool = True


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Decision thresholds (see the module docstring for the rules).

    Attributes
    ----------
    sentence : float
        Summed cue weight for a sentence to carry the frame (> 0).
    min_sentences : int
        Carrying sentences for the frame to be present in the article (>= 1; capped at
        the number of sentences, so a one-sentence text can carry a frame).
    min_share : float
        Share of carrying sentences for a frame to be present (0 to 1), in the article,
        a section or a paragraph.
    """

    sentence: float = 1.0
    min_sentences: int = 2
    min_share: float = 0.0


@dataclass(frozen=True, slots=True)
class Frame:
    """One frame of a codebook: its questions, cues, counter-cues and thresholds."""

    name: str
    label: str
    description: str
    questions: tuple[Question, ...]
    cues: tuple[Cue, ...]
    counter_cues: tuple[Cue, ...]
    thresholds: Thresholds
    policy_frame: str | None = None


@dataclass(frozen=True, slots=True)
class Codebook:
    """A loaded, validated and compiled frame codebook (see :func:`load_codebook`)."""

    name: str
    title: str
    reference: str
    language: str
    match: str
    frames: tuple[Frame, ...]
    thresholds: Thresholds
    path: str | None = None
    _compiled: Any = field(default=None, repr=False, compare=False)

    @property
    def frame_names(self) -> tuple[str, ...]:
        """The frame names, in codebook order."""
        return tuple(f.name for f in self.frames)

    def frame(self, name: str) -> Frame:
        """The frame called ``name``; ``KeyError`` listing the valid names otherwise."""
        for f in self.frames:
            if f.name == name:
                return f
        raise KeyError(f"codebook {self.name!r} has no frame {name!r}; frames: {', '.join(self.frame_names)}")


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue found in the text: ``text`` is ``article_text[start:end]`` (original characters)."""

    frame: str
    cue: str
    kind: str
    weight: float
    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True, slots=True)
class SentenceFrames:
    """The frames of one sentence: the cues that matched and the per-frame scores.

    ``scores`` maps every frame of the codebook to the summed weight of its matched cues
    (0.0 when none); ``frames`` lists the frames the sentence carries, in codebook order.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    section: str | None
    n_words: int
    matches: tuple[CueMatch, ...]
    scores: Mapping[str, float]
    frames: tuple[str, ...]

    def cues(self, frame: str) -> tuple[CueMatch, ...]:
        """The cue matches of ``frame`` in this sentence."""
        return tuple(m for m in self.matches if m.frame == frame)


@dataclass(frozen=True, slots=True)
class FrameScore:
    """A frame's score in one unit (paragraph, section or the whole article).

    ``share`` (0-1) is carrying sentences / sentences, ``density`` (>= 0) is cue weight
    per 100 words, ``score`` = ``share``; both are NaN for a unit without sentences or
    words. ``sentences`` are the indices of the carrying sentences (the evidence).
    """

    frame: str
    level: str
    unit: int
    heading: str | None
    n_sentences: int
    n_words: int
    n_frame_sentences: int
    share: float
    density: float
    score: float
    present: bool
    sentences: tuple[int, ...]


# =========================================================================== loading

_FRAME_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {"name", "title", "reference", "language", "match", "thresholds", "frames", "description", "version"}
_FRAME_KEYS = {"label", "description", "questions", "cues", "phrases", "patterns", "counter_cues", "thresholds",
               "policy_frame", "note"}
_THRESHOLD_KEYS = {"sentence", "min_sentences", "min_share"}


def _yaml_loader() -> Any:
    import yaml

    class _StrictLoader(yaml.SafeLoader):
        """SafeLoader that refuses duplicate keys (a silent overwrite hides a typo)."""

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen[key] = loader.construct_object(value_node, deep=deep)
        return seen

    _StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return _StrictLoader


class _Problem(Exception):
    """Internal: a validation problem before the file name is attached."""

    def __init__(self, frame: str | None, field_name: str, problem: str) -> None:
        self.frame = frame
        self.field_name = field_name
        self.problem = problem
        super().__init__(problem)


def _error(source: str, frame: str | None, field_name: str, problem: str) -> CodebookError:
    where = f"frame {frame!r}, field {field_name!r}" if frame else f"field {field_name!r}"
    err = CodebookError(f"{source}: {where}: {problem}")
    err.path, err.frame, err.field, err.problem = source, frame, field_name, problem  # type: ignore[attr-defined]
    return err


def load_codebook(name_or_path: "str | Path | Codebook" = "generic") -> Codebook:
    """Load, validate and compile a frame codebook.

    Parameters
    ----------
    name_or_path : str, Path or Codebook
        A shipped codebook's name (one of :data:`CODEBOOKS`), the path of a YAML file of
        your own (a string containing ``/`` or ending in ``.yaml``/``.yml``, or a
        ``Path``), or an already loaded :class:`Codebook` (returned as is).

    Returns
    -------
    Codebook
        Frames in file order, each with its questions, cues and thresholds. Loading is
        cached (a file is re-read when it changes).

    Raises
    ------
    ValueError
        If a name is not a shipped codebook (the message lists them).
    CodebookError
        If the file is missing or malformed; the message names the file, the frame and
        the field at fault (e.g. an invalid regular expression, a weight that is not a
        positive number, an unknown ``policy_frame``, a multi-word term under ``cues``).

    Notes
    -----
    The YAML layout (see ``resources/codebooks/generic.yaml`` for a full example)::

        name: mycodebook
        match: lemma              # how words are compared: lemma | stem | exact
        thresholds: {sentence: 1.0, min_sentences: 2, min_share: 0.05}
        frames:
          conflict:
            label: Conflict
            questions: [{id: C1, text: "Does the story show disagreement?"}]
            cues:     [{weight: 1.0, terms: [dispute, clash, "=arms"]}]
            phrases:  [{weight: 1.0, terms: [at odds, war of words, "lawmakers|officials must"]}]
            patterns: [{weight: 1.0, pattern: '[$€£]\\s?\\d'}]
            counter_cues: {terms: [conflict of interest], patterns: []}
            thresholds: {min_sentences: 3}   # optional, overrides the codebook's

    Words are matched on lemmas by default (``dispute`` matches "disputes", "disputed");
    a term written ``=form`` matches that exact lower-case form only. Words are runs of
    letters and digits: hyphens and punctuation separate them ("34-year-old" is the
    three words "34 year old"). In a phrase, ``a|b`` offers alternatives for one word.
    Patterns are Python regular expressions on the text (typographic quotes and dashes
    made ASCII), case-sensitive unless they start with ``(?i)``, kept when they lie
    within one sentence; a pattern that starts with a literal (``U\\.S\\.``, not ``\\b``)
    is scanned much faster.

    Examples
    --------
    >>> cb = load_codebook("generic")
    >>> cb.frame_names
    ('conflict', 'human_interest', 'economic', 'morality', 'responsibility')
    >>> cb.frame("conflict").questions[0].id
    'C1'
    """
    if isinstance(name_or_path, Codebook):
        return name_or_path
    if isinstance(name_or_path, Path) or (
        isinstance(name_or_path, str) and ("/" in name_or_path or "\\" in name_or_path
                                           or name_or_path.endswith((".yaml", ".yml")))
    ):
        path = Path(name_or_path).expanduser()
        try:
            stat = path.stat()
        except OSError as exc:
            raise _error(str(path), None, "<file>", f"cannot read the codebook ({exc.strerror or exc}); "
                         "check the path") from None
        if not path.is_file():
            raise _error(str(path), None, "<file>", "is not a file")
        return _load_file(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if not isinstance(name_or_path, str):
        raise TypeError(f"codebook must be a name, a path or a Codebook, not {type(name_or_path).__name__}")
    if name_or_path not in CODEBOOKS:
        raise ValueError(f"unknown codebook {name_or_path!r}; shipped codebooks: {', '.join(CODEBOOKS)} "
                         "(or pass the path of a YAML file)")
    return _built_in_codebook(name_or_path)


@lru_cache(maxsize=None)
def _built_in_codebook(name: str) -> Codebook:
    """A shipped codebook, loaded once: the package's own files do not change while it
    runs, so a repeated ``load_codebook("generic")`` (once per article in a corpus run)
    skips resolving and stat-ing the resource file."""
    from newsframe.paths import resource_path

    return _read_codebook(str(resource_path(f"codebooks/{name}.yaml")))


@lru_cache(maxsize=32)
def _load_file(path: str, mtime_ns: int, size: int) -> Codebook:
    """A user's codebook file, cached by (path, modification time, size): an edited file is read again."""
    return _read_codebook(path)


def _read_codebook(path: str) -> Codebook:
    import yaml

    try:
        raw_text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _error(path, None, "<file>", f"cannot read the codebook ({exc})") from None
    try:
        data = yaml.load(raw_text, Loader=_yaml_loader())  # noqa: S506 (SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise _error(path, None, "<yaml>", f"not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    try:
        return _build_codebook(data, path)
    except _Problem as p:
        raise _error(path, p.frame, p.field_name, p.problem) from None


def _number(value: Any, frame: str | None, name: str, *, low: float, high: float = math.inf,
            low_open: bool = False, integer: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
        kind = "an integer" if integer else "a number"
        raise _Problem(frame, name, f"must be {kind}, not {value!r}")
    if math.isnan(value) or value > high or value < low or (low_open and value == low):
        rng = f"{'>' if low_open else '>='} {low}" + (f" and <= {high}" if high != math.inf else "")
        raise _Problem(frame, name, f"must be {rng}, not {value!r}")
    return value


def _thresholds(raw: Any, frame: str | None, base: Thresholds) -> Thresholds:
    if raw is None:
        return base
    if not isinstance(raw, dict):
        raise _Problem(frame, "thresholds", f"must be a mapping of {sorted(_THRESHOLD_KEYS)}, not {raw!r}")
    unknown = set(raw) - _THRESHOLD_KEYS
    if unknown:
        raise _Problem(frame, "thresholds", f"unknown key(s) {sorted(map(str, unknown))}; valid: "
                       f"{', '.join(sorted(_THRESHOLD_KEYS))}")
    sentence = _number(raw.get("sentence", base.sentence), frame, "thresholds.sentence", low=0, low_open=True)
    min_sentences = _number(raw.get("min_sentences", base.min_sentences), frame, "thresholds.min_sentences",
                            low=1, integer=True)
    min_share = _number(raw.get("min_share", base.min_share), frame, "thresholds.min_share", low=0, high=1)
    return Thresholds(float(sentence), int(min_sentences), float(min_share))


def _str_list(value: Any, frame: str, name: str) -> list[str]:
    if not isinstance(value, list) or not value:
        raise _Problem(frame, name, f"must be a non-empty list of strings, not {value!r}")
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise _Problem(frame, name, f"every entry must be a non-empty string, not {item!r}")
        out.append(item.strip())
    return out


def _term_groups(raw: Any, frame: str, name: str, kind: str) -> list[Cue]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _Problem(frame, name, f"must be a list of {{weight, terms}} groups, not {type(raw).__name__}")
    cues = []
    for i, group in enumerate(raw):
        where = f"{name}[{i}]"
        if not isinstance(group, dict) or set(group) - {"weight", "terms", "note", "in_names"} or "terms" not in group:
            raise _Problem(frame, where, f"must be a mapping with 'terms' (list) and 'weight' (number), not {group!r}")
        weight = float(_number(group.get("weight", 1.0), frame, f"{where}.weight", low=0, low_open=True))
        in_names = group.get("in_names", True)
        if not isinstance(in_names, bool):
            raise _Problem(frame, f"{where}.in_names", f"must be true or false, not {in_names!r}")
        if not in_names and kind != "word":
            raise _Problem(frame, f"{where}.in_names", "applies to single words (cues) only")
        for term in _str_list(group["terms"], frame, f"{where}.terms"):
            n_words = _term_length(term, frame, f"{where}.terms")
            if kind == "word" and n_words > 1:
                raise _Problem(frame, f"{where}.terms", f"{term!r} has {n_words} words: put it under 'phrases'")
            if kind == "phrase" and n_words < 2:
                raise _Problem(frame, f"{where}.terms", f"{term!r} is a single word: put it under 'cues'")
            cues.append(Cue(frame, term, kind, weight, in_names=in_names))
    return cues


def _compile_pattern(pattern: Any, frame: str, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise _Problem(frame, where, f"must be a non-empty regular expression string, not {pattern!r}")
    try:
        rx = re.compile(pattern)
    except re.error as exc:
        raise _Problem(frame, where, f"invalid regular expression {pattern!r}: {exc}") from None
    if rx.match(""):
        raise _Problem(frame, where, f"pattern {pattern!r} matches the empty string")
    return rx


def _pattern_groups(raw: Any, frame: str) -> list[Cue]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _Problem(frame, "patterns", f"must be a list of {{pattern, weight}} mappings, not {type(raw).__name__}")
    out = []
    for i, item in enumerate(raw):
        where = f"patterns[{i}]"
        if not isinstance(item, dict) or "pattern" not in item or set(item) - {"pattern", "weight", "note"}:
            raise _Problem(frame, where, f"must be a mapping with 'pattern' and 'weight', not {item!r}")
        _compile_pattern(item["pattern"], frame, f"{where}.pattern")
        weight = float(_number(item.get("weight", 1.0), frame, f"{where}.weight", low=0, low_open=True))
        out.append(Cue(frame, item["pattern"], "pattern", weight))
    return out


def _counter_cues(raw: Any, frame: str) -> list[Cue]:
    if raw is None:
        return []
    if not isinstance(raw, dict) or set(raw) - {"terms", "patterns", "note"}:
        raise _Problem(frame, "counter_cues", f"must be a mapping with 'terms' and/or 'patterns' lists, not {raw!r}")
    out = []
    if raw.get("terms") is not None:
        for term in _str_list(raw["terms"], frame, "counter_cues.terms"):
            n = _term_length(term, frame, "counter_cues.terms")
            out.append(Cue(frame, term, "word" if n == 1 else "phrase", 0.0, counter=True))
    if raw.get("patterns") is not None:
        for i, pattern in enumerate(_str_list(raw["patterns"], frame, "counter_cues.patterns")):
            _compile_pattern(pattern, frame, f"counter_cues.patterns[{i}]")
            out.append(Cue(frame, pattern, "pattern", 0.0, counter=True))
    return out


def _questions(raw: Any, frame: str) -> tuple[Question, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _Problem(frame, "questions", f"must be a list of {{id, text}} mappings, not {type(raw).__name__}")
    out = []
    for i, q in enumerate(raw):
        if isinstance(q, str) and q.strip():
            out.append(Question(f"{frame}{i + 1}", q.strip()))
        elif isinstance(q, dict) and isinstance(q.get("id"), str) and isinstance(q.get("text"), str) \
                and q["text"].strip() and not set(q) - {"id", "text"}:
            out.append(Question(q["id"], q["text"].strip()))
        else:
            raise _Problem(frame, f"questions[{i}]", f"must be a string or a mapping {{id, text}}, not {q!r}")
    return tuple(out)


def _build_codebook(data: Any, path: str) -> Codebook:
    if not isinstance(data, dict):
        raise _Problem(None, "<top level>", "must be a mapping with at least 'name' and 'frames'")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise _Problem(None, sorted(map(str, unknown))[0], f"unknown key; valid top-level keys: {', '.join(sorted(_TOP_KEYS))}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _Problem(None, "name", f"must be a non-empty string, not {name!r}")
    match = data.get("match", "lemma")
    if match not in _MATCH_MODES:
        raise _Problem(None, "match", f"must be one of {', '.join(_MATCH_MODES)}, not {match!r}")
    for key in ("title", "reference", "language"):
        if key in data and not isinstance(data[key], str):
            raise _Problem(None, key, f"must be a string, not {data[key]!r}")
    base = _thresholds(data.get("thresholds"), None, Thresholds())
    raw_frames = data.get("frames")
    if not isinstance(raw_frames, dict) or not raw_frames:
        raise _Problem(None, "frames", "must be a non-empty mapping of frame name -> frame")
    frames = []
    for fname, raw in raw_frames.items():
        if not isinstance(fname, str) or not _FRAME_NAME.match(fname):
            raise _Problem(str(fname), "<name>", "frame names must be lower-case identifiers like 'human_interest'")
        if not isinstance(raw, dict):
            raise _Problem(fname, "<frame>", f"must be a mapping (label, questions, cues…), not {raw!r}")
        unknown = set(raw) - _FRAME_KEYS
        if unknown:
            raise _Problem(fname, sorted(map(str, unknown))[0],
                           f"unknown field; valid fields: {', '.join(sorted(_FRAME_KEYS))}")
        for key in ("label", "description"):
            if key in raw and not isinstance(raw[key], str):
                raise _Problem(fname, key, f"must be a string, not {raw[key]!r}")
        policy = raw.get("policy_frame")
        if policy is not None and policy not in POLICY_FRAMES:
            raise _Problem(fname, "policy_frame",
                           f"{policy!r} is not a Policy Frames Codebook dimension; valid: {', '.join(POLICY_FRAMES)}")
        cues = (_term_groups(raw.get("cues"), fname, "cues", "word")
                + _term_groups(raw.get("phrases"), fname, "phrases", "phrase")
                + _pattern_groups(raw.get("patterns"), fname))
        if not cues:
            raise _Problem(fname, "cues", "the frame has no cues, phrases or patterns: it could never be found")
        frames.append(Frame(
            name=fname,
            label=raw.get("label", fname.replace("_", " ").capitalize()),
            description=" ".join(str(raw.get("description", "")).split()),
            questions=_questions(raw.get("questions"), fname),
            cues=tuple(cues),
            counter_cues=tuple(_counter_cues(raw.get("counter_cues"), fname)),
            thresholds=_thresholds(raw.get("thresholds"), fname, base),
            policy_frame=policy,
        ))
    codebook = Codebook(
        name=name.strip(),
        title=str(data.get("title", name)).strip(),
        reference=" ".join(str(data.get("reference", "")).split()),
        language=str(data.get("language", "en")),
        match=match,
        frames=tuple(frames),
        thresholds=base,
        path=path,
    )
    object.__setattr__(codebook, "_compiled", _Compiled(codebook))
    return codebook


# =========================================================================== matching engine

# Words for cue matching: runs of letters/digits with inner apostrophes. Hyphens split
# words ("military-industrial" -> "military", "industrial"), so a cue matches the parts
# of hyphenated compounds; write "well-being" in a codebook and it becomes a phrase.
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# The same words as groups for re.split, and for lower-cased ASCII text (where [^\W_] is [a-z0-9]) a faster form
_WORD_SPLIT = re.compile(r"([^\W_]+(?:'[^\W_]+)*)")
_WORD_SPLIT_ASCII = re.compile(r"([a-z0-9]+(?:'[a-z0-9]+)*)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CHAR_MAP: dict[str, str] = {}


def _same_length_char(m: re.Match[str]) -> str:
    ch = m.group(0)
    rep = _CHAR_MAP.get(ch)
    if rep is None:
        norm = normalize_text(ch)
        rep = norm if len(norm) == 1 else (norm[:1] or " ")
        _CHAR_MAP[ch] = rep
    return rep


def _normalize_same_length(text: str) -> str:
    """``newsframe.text.normalize_text`` character by character, keeping every offset."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(_same_length_char, text)


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_KEY_CACHE: dict[str, dict[str, str]] = {"lemma": {}, "stem": {}, "exact": {}}
_KEY_CACHE_MAX = 500_000


def _key_fn(mode: str) -> Any:
    if mode == "lemma":
        import simplemma

        def lemma(word: str) -> str:
            return simplemma.lemmatize(word, lang="en").lower()

        return lemma
    if mode == "stem":
        from newsframe.text import stem

        return stem
    return lambda w: w


def _keys(words: list[str], mode: str) -> list[str]:
    cache = _KEY_CACHE[mode]
    if mode == "exact":
        return words
    try:  # every key cached: the common case once a few articles have been read
        return list(map(cache.__getitem__, words))
    except KeyError:
        pass
    out: list[Any] = list(map(cache.get, words))  # None where the key is not cached yet
    if None in out:
        if len(cache) > _KEY_CACHE_MAX:
            cache.clear()
        fn = _key_fn(mode)
        for i, k in enumerate(out):
            if k is None:
                w = words[i]
                k = cache.get(w)
                if k is None:
                    k = cache[w] = fn(w)
                out[i] = k
    return out


def _term_words(term: str) -> list[str]:
    body = term[1:] if term.startswith("=") else term
    return _WORD.findall(_lower_same_length(_normalize_same_length(body)))


_MAX_EXPANSIONS = 5000


def _expand_term(term: str) -> list[list[str]]:
    """The word sequences a term stands for: ``"a|b c"`` -> ``[["a", "c"], ["b", "c"]]``.

    Raises ``ValueError`` for an empty alternative, an alternative of several words, or
    a term standing for more than 5000 sequences.
    """
    body = term[1:] if term.startswith("=") else term
    if "|" not in body:
        return [_term_words(term)]
    slots: list[list[str]] = []
    for chunk in body.split():
        alternatives = []
        for alt in chunk.split("|"):
            words = _term_words(alt)
            if len(words) != 1:
                raise ValueError(f"alternative {alt!r} in {term!r} must be exactly one word")
            alternatives.append(words[0])
        slots.append(alternatives)
    total = math.prod(len(a) for a in slots)
    if total > _MAX_EXPANSIONS:
        raise ValueError(f"{term!r} stands for {total} word sequences (at most {_MAX_EXPANSIONS})")
    out: list[list[str]] = [[]]
    for alternatives in slots:
        out = [seq + [w] for seq in out for w in alternatives]
    return out


def _term_length(term: str, frame: str, where: str) -> int:
    try:
        seqs = _expand_term(term)
    except ValueError as exc:
        raise _Problem(frame, where, str(exc)) from None
    lengths = {len(s) for s in seqs}
    if lengths == {0}:
        raise _Problem(frame, where, f"term {term!r} holds no word")
    return max(lengths)


@dataclass(slots=True)
class _Tokens:
    """Word tokens of one text (offsets into the original text) and their keys."""

    text: str
    norm: str
    starts: list[int]
    ends: list[int]
    words: list[str]
    keys: dict[str, list[str]]
    word_set: frozenset[str] | None = None

    def key_list(self, mode: str) -> list[str]:
        keys = self.keys.get(mode)
        if keys is None:
            keys = self.keys[mode] = _keys(self.words, mode)
        return keys

    def distinct_words(self) -> frozenset[str]:
        if self.word_set is None:
            self.word_set = frozenset(self.words)
        return self.word_set


@lru_cache(maxsize=16)
def _tokens(text: str) -> _Tokens:
    norm = _normalize_same_length(text)
    low = _lower_same_length(norm)
    # split on the word pattern: [separator, word, separator, word, ..., separator]; the
    # running sum of the pieces' lengths gives each word's offsets (no Match object per word)
    pieces = (_WORD_SPLIT_ASCII if low.isascii() else _WORD_SPLIT).split(low)
    offsets = list(accumulate(map(len, pieces)))
    return _Tokens(text, norm, offsets[0:-1:2], offsets[1::2], pieces[1::2], {})


_POSSESSIVES = frozenset({"my", "your", "his", "her", "our", "their"})


def _in_name(tokens: _Tokens, i: int) -> bool:
    """Is word ``i`` part of a name? Capitalised, and right next to (only spaces between)
    a capitalised word that is not a function word; a possessive just before it
    ("Trump's Son", "her Mother") makes it a common noun again."""
    norm, starts, ends, words = tokens.norm, tokens.starts, tokens.ends, tokens.words
    if not norm[starts[i]].isupper():
        return False
    stop = stopwords()
    if i > 0 and norm[ends[i - 1]:starts[i]].isspace():
        before = words[i - 1]
        if before in _POSSESSIVES or before.endswith("'s"):
            return False
        if norm[starts[i - 1]].isupper() and before not in stop:
            return True
    k = i + 1
    return (k < len(words) and norm[ends[i]:starts[k]].isspace() and norm[starts[k]].isupper()
            and words[k] not in stop)



class _TermIndex:
    """Terms by one of their words: one-word terms by that word; longer ones by their first word
    that is not a stop word (an *anchor* rarer in text than "the" or "in"; the first word if all
    are stop words) together with the word after it (or, for a last word, before it), so a
    candidate phrase costs a look-up or two unless two of its words match."""

    __slots__ = ("single", "multi", "firsts")

    def __init__(self) -> None:
        # word -> [(frame index, Cue)]
        self.single: dict[str, list[tuple[int, Cue]]] = {}
        # anchor -> ({word after: entries}, {word before: entries}); an entry is
        # (position of the anchor in the term, the term's words, frame index, Cue)
        self.multi: dict[str, tuple[dict[str, list[tuple[int, list[str], int, Cue]]],
                                    dict[str, list[tuple[int, list[str], int, Cue]]]]] = {}
        self.firsts: set[str] = set()

    def add(self, seq: Sequence[str], fi: int, cue: Cue) -> None:
        if len(seq) == 1:
            self.single.setdefault(seq[0], []).append((fi, cue))
            self.firsts.add(seq[0])
            return
        stop = stopwords()
        a = next((k for k, w in enumerate(seq) if w not in stop), 0)
        after, before = self.multi.setdefault(seq[a], ({}, {}))
        entry = (a, list(seq), fi, cue)
        if a + 1 < len(seq):
            after.setdefault(seq[a + 1], []).append(entry)
        else:
            before.setdefault(seq[a - 1], []).append(entry)
        self.firsts.add(seq[a])

    def find(self, tokens: _Tokens, seq: list[str], firsts: "set[str]",
             out: list[tuple[int, int, int, Cue]]) -> None:
        """Append the matches in ``seq`` (the text's keys or words) of the terms indexed by a word in ``firsts``."""
        single, multi = self.single, self.multi
        starts, ends = tokens.starts, tokens.ends
        n = len(seq)
        for i in compress(range(n), map(firsts.__contains__, seq)):
            word = seq[i]
            for fi, cue in single.get(word, ()):
                if cue.in_names or not _in_name(tokens, i):
                    out.append((starts[i], ends[i], fi, cue))
            pair = multi.get(word)
            if pair is None:
                continue
            after, before = pair
            for entries in (after.get(seq[i + 1], ()) if after and i + 1 < n else (),
                            before.get(seq[i - 1], ()) if before and i > 0 else ()):
                for a, words, fi, cue in entries:
                    b = i - a  # the term's first word
                    e = b + len(words)
                    if b >= 0 and e <= n and seq[b:e] == words and (cue.in_names or not _in_name(tokens, b)):
                        out.append((starts[b], ends[e - 1], fi, cue))


class _Compiled:
    """A codebook compiled for matching: term indices by first word, compiled patterns."""

    __slots__ = ("mode", "frames", "by_key", "by_word", "patterns", "counter_patterns", "thresholds")

    def __init__(self, codebook: Codebook) -> None:
        self.mode = codebook.match
        self.frames = codebook.frame_names
        # terms compared on keys (lemma/stem), and "=form" terms compared on the exact lower-case words
        self.by_key = _TermIndex()
        self.by_word = _TermIndex()
        self.patterns: list[tuple[re.Pattern[str], int, Cue]] = []
        self.counter_patterns: list[tuple[re.Pattern[str], int, Cue]] = []
        self.thresholds = tuple(f.thresholds for f in codebook.frames)
        keyfn = _key_fn(self.mode)
        for fi, frame in enumerate(codebook.frames):
            for cue in (*frame.cues, *frame.counter_cues):
                if cue.kind == "pattern":
                    rx = re.compile(cue.term)
                    (self.counter_patterns if cue.counter else self.patterns).append((rx, fi, cue))
                    continue
                exact = cue.term.startswith("=")
                for words in _expand_term(cue.term):
                    if exact:
                        self.by_word.add(words, fi, cue)
                    else:
                        self.by_key.add([keyfn(w) for w in words], fi, cue)

    def find(self, tokens: _Tokens) -> list[tuple[int, int, int, Cue]]:
        """All raw matches ``(start, end, frame index, cue)`` in the text (cues and counters)."""
        out: list[tuple[int, int, int, Cue]] = []
        if self.by_key.firsts:
            self.by_key.find(tokens, tokens.key_list(self.mode), self.by_key.firsts, out)
        # the few "=form" terms: scan the words only when one of them occurs in the text
        found = self.by_word.firsts & tokens.distinct_words() if self.by_word.firsts else None
        if found:
            self.by_word.find(tokens, tokens.words, found, out)
        norm = tokens.norm
        for rx, fi, cue in (*self.patterns, *self.counter_patterns):
            for m in rx.finditer(norm):
                if m.end() > m.start():
                    out.append((m.start(), m.end(), fi, cue))
        return out


@dataclass(slots=True)
class _SentenceResult:
    matches: list[tuple[int, int, int, Cue]]  # (start, end, frame index, cue), in text order
    scores: list[float]
    n_words: int


def _match_sentences(text: str, sentences: Sequence[Sentence], codebook: Codebook) -> list[_SentenceResult]:
    """Cue matches and per-frame scores for every sentence (the core of scoring)."""
    n_frames = len(codebook._compiled.frames)
    token_starts = _tokens(text).starts
    results = [
        _SentenceResult([], [0.0] * n_frames,
                        bisect_left(token_starts, s.end) - bisect_left(token_starts, s.start))
        for s in sentences
    ]
    for si, (matches, scores) in _sentence_matches(text, sentences, codebook).items():
        results[si].matches.extend(matches)
        results[si].scores[:] = scores
    return results


def _sentence_matches(text: str, sentences: Sequence[Sentence],
                      codebook: Codebook) -> dict[int, tuple[list[tuple[int, int, int, Cue]], list[float]]]:
    """``{sentence position: (matches, per-frame scores)}`` for the sentences with a kept match.

    The matches are ``(start, end, frame index, cue)`` in text order (see :func:`_match_sentences`).
    """
    compiled: _Compiled = codebook._compiled
    out: dict[int, tuple[list[tuple[int, int, int, Cue]], list[float]]] = {}
    if not sentences:
        return out
    raw = compiled.find(_tokens(text))
    if not raw:
        return out
    n_frames = len(compiled.frames)
    starts = [s.start for s in sentences]
    ends = [s.end for s in sentences]
    # group by (sentence, frame); a match must lie inside one sentence
    groups: dict[tuple[int, int], list[tuple[int, int, Cue]]] = {}
    for start, end, fi, cue in raw:
        si = bisect_right(starts, start) - 1
        if si < 0 or end > ends[si]:
            continue
        group = groups.get((si, fi))
        if group is None:
            groups[(si, fi)] = [(start, end, cue)]
        else:
            group.append((start, end, cue))
    for (si, fi), items in groups.items():
        if len(items) == 1:
            if items[0][2].counter:
                continue
            kept = items
        else:
            counters = [(s, e) for s, e, c in items if c.counter]
            cues = [x for x in items if not x[2].counter]
            if counters:
                cues = _outside(cues, counters)
            # overlapping matches of one frame: keep the longest (then heaviest, then first)
            kept = _longest_first(sorted(cues, key=lambda x: (x[0] - x[1], -x[2].weight, x[0], x[2].term)))
            if not kept:
                continue
        res = out.get(si)
        if res is None:
            res = out[si] = ([], [0.0] * n_frames)
        matches, scores = res
        for s, e, c in kept:
            matches.append((s, e, fi, c))
            scores[fi] += c.weight
    for matches, _ in out.values():
        if len(matches) > 1:
            matches.sort(key=lambda m: (m[0], m[2], m[1], m[3].term))
    return out


def _outside(cues: list[tuple[int, int, Cue]], counters: list[tuple[int, int]]) -> list[tuple[int, int, Cue]]:
    """The cue matches ``(start, end, cue)`` that overlap no counter-cue span ``(start, end)``, in order.

    Linear after a sort (a sentence of 20,000 words can hold thousands of each): a match
    ``[s, e)`` overlaps a counter iff among the counters starting before ``e`` one ends
    after ``s``, i.e. the furthest end among them is after ``s``.

    >>> c = Cue("f", "t", "word", 1.0)
    >>> [m[:2] for m in _outside([(0, 3, c), (4, 6, c), (8, 9, c)], [(5, 8), (2, 3)])]
    [(8, 9)]
    """
    spans = sorted(counters)
    starts = [cs for cs, _ in spans]
    reach = list(accumulate((ce for _, ce in spans), max))  # reach[k]: the furthest end of spans[:k + 1]
    out = []
    for m in cues:
        k = bisect_left(starts, m[1])  # spans[:k] start before the match ends
        if not (k and reach[k - 1] > m[0]):
            out.append(m)
    return out


def _longest_first(ranked: list[tuple[int, int, Cue]]) -> list[tuple[int, int, Cue]]:
    """Keep each match ``(start, end, cue)`` of ``ranked`` that overlaps none kept before it, in order.

    The kept spans never overlap, so sorted by start they are sorted by end too: a new
    span overlaps one of them iff the last one starting before its end ends after its
    start (a look-up, not a scan of all the kept spans: a very long sentence can keep
    thousands). Empty spans, which no matcher makes, take the plain scan.

    >>> c = Cue("f", "t", "word", 1.0)
    >>> [m[:2] for m in _longest_first([(0, 5, c), (4, 8, c), (6, 8, c), (5, 6, c)])]
    [(0, 5), (6, 8), (5, 6)]
    """
    kept: list[tuple[int, int, Cue]] = []
    if any(s >= e for s, e, _ in ranked):
        for s, e, c in ranked:
            if not any(s < ke and ks < e for ks, ke, _ in kept):
                kept.append((s, e, c))
        return kept
    starts: list[int] = []  # of the kept spans, sorted
    ends: list[int] = []  # in the same order
    for m in ranked:
        s, e = m[0], m[1]
        k = bisect_left(starts, e)  # starts[:k] begin before e
        if k and ends[k - 1] > s:
            continue
        kept.append(m)
        k = bisect_left(starts, s, 0, k)
        starts.insert(k, s)
        ends.insert(k, e)
    return kept


# =========================================================================== profile

def _unit_score(frame: str, level: str, unit: int, heading: str | None, sentence_ids: Sequence[int],
                carries: Sequence[Sequence[bool]], weights: Sequence[Sequence[float]], n_words: Sequence[int],
                fi: int, thresholds: Thresholds) -> FrameScore:
    n = len(sentence_ids)
    words = sum(n_words[i] for i in sentence_ids)
    frame_sentences = tuple(i for i in sentence_ids if carries[i][fi])
    k = len(frame_sentences)
    share = k / n if n else math.nan
    density = 100.0 * sum(weights[i][fi] for i in sentence_ids) / words if words else math.nan
    if level == "article":
        present = n > 0 and k >= min(thresholds.min_sentences, n) and share >= thresholds.min_share
    else:
        present = k >= 1 and share >= thresholds.min_share
    return FrameScore(frame, level, unit, heading, n, words, k, share, density, share, bool(present), frame_sentences)


@dataclass(frozen=True, slots=True)
class FrameProfile:
    """Frames of one article: sentence evidence and paragraph/section/article scores.

    Built by :func:`score_frames`. ``paragraphs``, ``sections`` and ``article`` hold one
    :class:`FrameScore` per unit and frame (units in order, frames in codebook order).
    """

    article_id: str
    codebook: str
    frames: tuple[str, ...]
    thresholds: Mapping[str, Thresholds]
    sentences: tuple[SentenceFrames, ...]
    paragraphs: tuple[FrameScore, ...]
    sections: tuple[FrameScore, ...]
    article: tuple[FrameScore, ...]

    def _check(self, frame: str) -> None:
        if frame not in self.frames:
            raise ValueError(f"unknown frame {frame!r} for codebook {self.codebook!r}; frames: {', '.join(self.frames)}")

    def present(self) -> dict[str, bool]:
        """``{frame: present?}`` for the article, in codebook order.

        >>> score_frames("They clashed over the budget. Critics blamed the mayor.").present()["conflict"]
        True
        """
        return {s.frame: s.present for s in self.article}

    def scores(self) -> dict[str, float]:
        """``{frame: score}`` (share of sentences carrying the frame, 0-1, NaN if empty)."""
        return {s.frame: s.score for s in self.article}

    def evidence(self, frame: str) -> list[SentenceFrames]:
        """The sentences that carry ``frame``, in text order: the basis of the article decision.

        >>> p = score_frames("The mayor smiled. Critics attacked her plan.")
        >>> [s.text for s in p.evidence("conflict")]
        ['Critics attacked her plan.']
        """
        self._check(frame)
        return [s for s in self.sentences if frame in s.frames]

    def matches(self, frame: str | None = None) -> list[CueMatch]:
        """Every cue match (of ``frame`` only, if given), in text order."""
        if frame is not None:
            self._check(frame)
        return [m for s in self.sentences for m in s.matches if frame is None or m.frame == frame]

    def decision(self, frame: str) -> str:
        """The article-level decision for ``frame`` in words, with its thresholds and evidence.

        >>> print(score_frames("Critics attacked her plan.").decision("conflict"))
        conflict: present - 1 of 1 sentences carry it (share 1.00; needs >= 1 sentence(s) and share >= 0.00); evidence: sentence 0
        """
        self._check(frame)
        s = next(x for x in self.article if x.frame == frame)
        t = self.thresholds[frame]
        need = min(t.min_sentences, s.n_sentences) if s.n_sentences else t.min_sentences
        share = "nan" if math.isnan(s.share) else f"{s.share:.2f}"
        ev = ", ".join(map(str, s.sentences)) or "none"
        return (f"{frame}: {'present' if s.present else 'absent'} - {s.n_frame_sentences} of {s.n_sentences} "
                f"sentences carry it (share {share}; needs >= {need} sentence(s) and share >= {t.min_share:.2f}); "
                f"evidence: sentence{'s' if len(s.sentences) > 1 else ''} {ev}")

    # ------------------------------------------------------------------ tables
    def sentence_table(self) -> "pd.DataFrame":
        """One row per sentence and frame (:data:`SENTENCE_COLUMNS`); ``cues`` joins the matched texts with "; "."""
        import pandas as pd

        rows = []
        for s in self.sentences:
            for f in self.frames:
                ms = s.cues(f)
                rows.append((self.article_id, self.codebook, s.index, s.paragraph, s.section, s.start, s.end, f,
                             s.scores[f], f in s.frames, len(ms), "; ".join(m.text for m in ms), s.text))
        return pd.DataFrame(rows, columns=list(SENTENCE_COLUMNS))

    def cue_table(self) -> "pd.DataFrame":
        """One row per cue match, in text order (:data:`CUE_COLUMNS`)."""
        import pandas as pd

        rows = [(self.article_id, self.codebook, m.sentence, m.frame, m.cue, m.kind, m.weight, m.start, m.end, m.text)
                for m in self.matches()]
        return pd.DataFrame(rows, columns=list(CUE_COLUMNS))

    def _unit_table(self, scores: Sequence[FrameScore]) -> "pd.DataFrame":
        import pandas as pd

        rows = [(self.article_id, self.codebook, s.level, s.unit, s.heading, s.frame, s.n_sentences, s.n_words,
                 s.n_frame_sentences, s.share, s.density, s.score, s.present) for s in scores]
        return pd.DataFrame(rows, columns=list(UNIT_COLUMNS))

    def paragraph_table(self) -> "pd.DataFrame":
        """One row per paragraph and frame (:data:`UNIT_COLUMNS`; ``heading`` = the paragraph's subheading)."""
        return self._unit_table(self.paragraphs)

    def section_table(self) -> "pd.DataFrame":
        """One row per subheading section and frame (:data:`UNIT_COLUMNS`; section 0 is the lead if untitled)."""
        return self._unit_table(self.sections)

    def article_table(self) -> "pd.DataFrame":
        """One row per frame for the whole article (:data:`UNIT_COLUMNS`)."""
        return self._unit_table(self.article)


def _text_and_structure(article: "str | Article") -> tuple[str, str, dict[int, str | None]]:
    if isinstance(article, str):
        return article, "text", {}
    text = getattr(article, "text", None)
    if not isinstance(text, str):
        raise TypeError(f"expected a str or an Article, not {type(article).__name__}")
    headings = {p.index: p.subheading for p in getattr(article, "paragraphs", ())}
    return text, str(getattr(article, "id", "text")), headings


def score_frames(article: "str | Article", *, codebook: "str | Path | Codebook" = "generic",
                 sentences: Sequence[Sentence] | None = None) -> FrameProfile:
    """Score the frames of a codebook in an article, with the evidence behind each decision.

    Parameters
    ----------
    article : str or Article
        A plain text (paragraphs separated by blank lines) or an
        :class:`~newsframe.ingest.Article` (its paragraphs' subheadings give the sections).
    codebook : str, Path or Codebook
        ``"generic"`` (Semetko & Valkenburg's five frames, default), ``"geopolitics"``,
        the path of your own YAML codebook, or a loaded :class:`Codebook`.
    sentences : sequence of Sentence, optional
        Pre-computed ``split_sentences(text)`` (saves time when several codebooks run).

    Returns
    -------
    FrameProfile
        Per sentence the cue matches (offsets into the text) and scores; per paragraph,
        section and article the share of carrying sentences (0-1), the cue density
        (weight per 100 words) and the presence decision (rules in the module docstring).

    Raises
    ------
    TypeError
        If ``article`` is neither a str nor an Article.
    ValueError, CodebookError
        For an unknown codebook name or a malformed codebook file.

    Examples
    --------
    >>> p = score_frames("Workers lost their jobs. The plant cost $2 billion.")
    >>> p.present()["economic"], round(p.scores()["economic"], 2)
    (True, 1.0)
    >>> [(m.text, m.start, m.end) for m in p.matches("economic")][:2]
    [('Workers', 0, 7), ('jobs', 19, 23)]
    """
    text, article_id, headings = _text_and_structure(article)
    cb = load_codebook(codebook)
    sents = list(split_sentences(text) if sentences is None else sentences)
    results = _match_sentences(text, sents, cb)
    frames = cb.frame_names
    thresholds = {f.name: f.thresholds for f in cb.frames}
    sentence_objs = []
    carries: list[list[bool]] = []
    weights: list[list[float]] = []
    n_words: list[int] = []
    for s, r in zip(sents, results):
        c = [r.scores[i] >= cb.frames[i].thresholds.sentence for i in range(len(frames))]
        carries.append(c)
        weights.append(r.scores)
        n_words.append(r.n_words)
        matches = tuple(CueMatch(frames[fi], cue.term, cue.kind, cue.weight, st, en, text[st:en], s.index)
                        for st, en, fi, cue in r.matches)
        sentence_objs.append(SentenceFrames(
            s.index, s.start, s.end, s.text, s.paragraph, headings.get(s.paragraph), r.n_words,
            matches, dict(zip(frames, r.scores)), tuple(f for f, ok in zip(frames, c) if ok)))

    def units(level: str, groups: list[tuple[int, str | None, list[int]]]) -> tuple[FrameScore, ...]:
        return tuple(_unit_score(f.name, level, u, h, ids, carries, weights, n_words, fi, f.thresholds)
                     for u, h, ids in groups for fi, f in enumerate(cb.frames))

    para_groups: dict[int, list[int]] = {}
    for i, s in enumerate(sents):
        para_groups.setdefault(s.paragraph, []).append(i)
    paragraphs = [(p, headings.get(p), ids) for p, ids in sorted(para_groups.items())]
    sections: list[tuple[int, str | None, list[int]]] = []
    for _, heading, ids in paragraphs:
        if sections and sections[-1][1] == heading:
            sections[-1][2].extend(ids)
        else:
            sections.append((len(sections), heading, list(ids)))
    return FrameProfile(
        article_id=article_id,
        codebook=cb.name,
        frames=frames,
        thresholds=thresholds,
        sentences=tuple(sentence_objs),
        paragraphs=units("paragraph", paragraphs),
        sections=units("section", sections),
        article=units("article", [(0, None, list(range(len(sents))))]),
    )


def detect_frames(text: str, *, codebook: "str | Path | Codebook" = "generic") -> dict[str, bool]:
    """Which frames of a codebook a plain text carries: ``{frame: present?}``.

    The one-line form of :func:`score_frames` (same rules); an empty text has no frame.

    Parameters
    ----------
    text : str
    codebook : str, Path or Codebook
        See :func:`score_frames`.

    Raises
    ------
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> detect_frames("Pyongyang test-fired two ballistic missiles.", codebook="geopolitics")["nuclear_missile_threat"]
    True
    >>> any(detect_frames("").values())
    False
    """
    if not isinstance(text, str):
        raise TypeError(f"detect_frames takes a str, not {type(text).__name__}; use score_frames for an Article")
    return score_frames(text, codebook=codebook).present()


# =========================================================================== pipeline record

def record_fields(article: "Article", sentences: Sequence[Sentence]) -> tuple[dict[int, dict[str, Any]], dict[str, Any]]:
    """JSON keys for ``newsframe analyze --json``: frames of both shipped codebooks.

    Returns
    -------
    per_sentence : dict
        ``{index: {"frames": [{"frame", "codebook", "cues": [{"start", "end", "text"}]}]}}``
        listing only the frames a sentence carries (summed cue weight >= the threshold).
    per_article : dict
        ``{"frames": [{"frame", "codebook", "score", "present"}]}`` for every frame of
        ``generic`` then ``geopolitics``; ``score`` is the share of carrying sentences
        (``None`` for an empty article, as JSON has no NaN).

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> a = Article.from_text("Critics attacked the plan.")
    >>> per_sentence, per_article = record_fields(a, split_sentences(a.text))
    >>> per_sentence[0]["frames"][0]["cues"][0]
    {'start': 0, 'end': 7, 'text': 'Critics'}
    >>> per_article["frames"][0]
    {'frame': 'conflict', 'codebook': 'generic', 'score': 1.0, 'present': True}
    """
    text = article.text
    sents = list(sentences)
    per_sentence: dict[int, dict[str, Any]] = {s.index: {"frames": []} for s in sents}
    per_article: list[dict[str, Any]] = []
    n = len(sents)
    for name in CODEBOOKS:
        cb = load_codebook(name)
        names = cb.frame_names
        needed = [f.thresholds.sentence for f in cb.frames]
        counts = [0] * len(names)
        for si, (matches, scores) in _sentence_matches(text, sents, cb).items():
            entry = per_sentence[sents[si].index]["frames"]
            for fi, score in enumerate(scores):
                if score >= needed[fi]:
                    counts[fi] += 1
                    entry.append({"frame": names[fi], "codebook": cb.name,
                                  "cues": [{"start": st, "end": en, "text": text[st:en]}
                                           for st, en, mfi, _ in matches if mfi == fi]})
        for fi, frame in enumerate(cb.frames):
            t, k = frame.thresholds, counts[fi]
            share = k / n if n else None
            present = bool(n and k >= min(t.min_sentences, n) and share is not None and share >= t.min_share)
            per_article.append({"frame": frame.name, "codebook": cb.name, "score": share, "present": present})
    return per_sentence, {"frames": per_article}


# =========================================================================== validation

_NON_FRAME_COLUMNS = frozenset({"unit", "start", "end", "questions", "note", "text", "article_id", "sentence"})


def load_coding(path: "str | Path") -> "pd.DataFrame":
    """Read a sentence-level hand coding (a TSV like those in ``data/annotations/``).

    Parameters
    ----------
    path : str or Path
        Tab-separated file with columns ``unit``, ``start``, ``end`` (character offsets
        into the article text), one 0/1 column per frame, and optionally
        ``questions``, ``note``, ``text``.

    Returns
    -------
    pandas.DataFrame
        ``unit, start, end``, then one bool column per frame (file order), then the
        other columns; ``attrs["frames"]`` lists the frame columns.

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If ``unit``/``start``/``end`` are missing, or a frame column holds anything but
        0/1 (or true/false).

    Examples
    --------
    >>> import tempfile, os
    >>> tsv = os.path.join(tempfile.mkdtemp(), "c.tsv")
    >>> _ = open(tsv, "w").write("unit\\tstart\\tend\\tconflict\\n0\\t0\\t5\\t1\\n1\\t6\\t9\\t0\\n")
    >>> c = load_coding(tsv)
    >>> c.attrs["frames"], c["conflict"].tolist()
    (['conflict'], [True, False])
    """
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no coding file at {path}")
    df = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    missing = [c for c in ("unit", "start", "end") if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: coding needs columns unit, start, end; missing {missing}")
    for c in ("unit", "start", "end"):
        try:
            df[c] = df[c].astype(int)
        except ValueError:
            raise ValueError(f"{path}: column {c!r} must hold integers") from None
    frames = [c for c in df.columns if c not in _NON_FRAME_COLUMNS]
    truth = {"1": True, "0": False, "true": True, "false": False}
    for f in frames:
        values = df[f].str.strip().str.lower()
        bad = sorted(set(values) - set(truth))
        if bad:
            raise ValueError(f"{path}: frame column {f!r} must hold 0/1, found {bad[:5]}")
        df[f] = values.map(truth).astype(bool)
    df.attrs["frames"] = frames
    return df


def detect_units(article: "str | Article", units: "pd.DataFrame | Sequence[tuple[int, int]]", *,
                 codebook: "str | Path | Codebook" = "generic") -> "pd.DataFrame":
    """The detector's decision for given text spans (e.g. the units of a hand coding).

    A unit carries a frame when the summed weight of the frame's cue matches lying in
    it reaches the frame's sentence threshold -- the sentence rule of
    :func:`score_frames`, applied to the coder's units, so the two can be compared even
    when the sentence splitter cuts the text differently.

    Parameters
    ----------
    article : str or Article
    units : DataFrame with ``start`` and ``end`` columns, or a sequence of (start, end)
        Character offsets into the article text.
    codebook : str, Path or Codebook

    Returns
    -------
    pandas.DataFrame
        ``unit, start, end`` and one bool column per frame of the codebook.

    Examples
    --------
    >>> t = "Rivals clashed. The sun shone."
    >>> detect_units(t, [(0, 15), (16, 30)])["conflict"].tolist()
    [True, False]
    """
    import pandas as pd

    profile = score_frames(article, codebook=codebook)
    cb = load_codebook(codebook)
    if isinstance(units, pd.DataFrame):
        spans = list(zip(units["start"].astype(int), units["end"].astype(int)))
    else:
        spans = [(int(s), int(e)) for s, e in units]
    starts = [s for s, _ in spans]
    weights = [[0.0] * len(cb.frames) for _ in spans]
    index = {f: i for i, f in enumerate(cb.frame_names)}
    for m in profile.matches():
        u = bisect_right(starts, m.start) - 1
        if 0 <= u < len(spans) and m.end <= spans[u][1]:
            weights[u][index[m.frame]] += m.weight
    rows = []
    for u, (s, e) in enumerate(spans):
        rows.append([u, s, e, *[weights[u][i] >= f.thresholds.sentence for i, f in enumerate(cb.frames)]])
    out = pd.DataFrame(rows, columns=["unit", "start", "end", *cb.frame_names])
    out.attrs["frames"] = list(cb.frame_names)
    return out


#: Columns of :func:`compare_coding`.
COMPARISON_COLUMNS: tuple[str, ...] = ("unit", "start", "end", "frame", "coder", "detector", "agree", "cues", "text")


def compare_coding(article: "str | Article", coding: "pd.DataFrame", *,
                   codebook: "str | Path | Codebook" = "generic") -> "pd.DataFrame":
    """Coder and detector side by side, one row per coded unit and frame, with the cues.

    Parameters
    ----------
    article : str or Article
        The coded text.
    coding : DataFrame
        A hand coding as read by :func:`load_coding` (``unit``, ``start``, ``end`` and
        one bool column per frame of ``codebook``).
    codebook : str, Path or Codebook

    Returns
    -------
    pandas.DataFrame
        :data:`COMPARISON_COLUMNS`: ``coder`` and ``detector`` decisions (bool),
        ``agree``, ``cues`` (the frame's cue matches in the unit, joined by "; "), and
        the unit's ``text``; units in order, frames in codebook order.

    Raises
    ------
    ValueError
        If the coding lacks a frame column of the codebook.

    Examples
    --------
    >>> import pandas as pd
    >>> coding = pd.DataFrame({"unit": [0], "start": [0], "end": [15], "conflict": [False]})
    >>> row = compare_coding("Rivals clashed.", coding).iloc[0]
    >>> row["frame"], bool(row["coder"]), bool(row["detector"]), row["cues"]
    ('conflict', False, True, 'Rivals; clashed')
    """
    import pandas as pd

    cb = load_codebook(codebook)
    frames = [f for f in cb.frame_names if f in coding.columns]
    if not frames:
        raise ValueError(f"the coding has none of the frames of codebook {cb.name!r} ({', '.join(cb.frame_names)})")
    text, _, _ = _text_and_structure(article)
    detected = detect_units(article, coding, codebook=cb)
    profile = score_frames(article, codebook=cb)
    starts = list(detected["start"])
    cues: dict[tuple[int, str], list[str]] = {}
    for m in profile.matches():
        u = bisect_right(starts, m.start) - 1
        if 0 <= u < len(detected) and m.end <= int(detected["end"].iloc[u]):
            cues.setdefault((u, m.frame), []).append(m.text)
    rows = []
    for u, row in enumerate(coding.itertuples(index=False)):
        s, e = int(row.start), int(row.end)
        for f in frames:
            c, d = bool(getattr(row, f)), bool(detected[f].iloc[u])
            rows.append((int(row.unit), s, e, f, c, d, c == d, "; ".join(cues.get((u, f), [])),
                         " ".join(text[s:e].split())))
    return pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS))


def _as_bool_columns(data: Any, name: str) -> "pd.DataFrame":
    import pandas as pd

    df = data if isinstance(data, pd.DataFrame) else pd.DataFrame(dict(data))
    return df


def agreement(coder: "pd.DataFrame | Mapping[str, Sequence[bool]]",
              detector: "pd.DataFrame | Mapping[str, Sequence[bool]]", *,
              frames: Sequence[str] | None = None) -> "pd.DataFrame":
    """Agreement between a human coder and a detector: Cohen's kappa and Krippendorff's alpha.

    Parameters
    ----------
    coder, detector : DataFrame or mapping of frame -> sequence of bool
        One row per coded unit, in the same order; one bool (or 0/1) column per frame.
    frames : sequence of str, optional
        Frames to compare (default: every column both share, except ``unit``,
        ``start``, ``end``, ``text``…).

    Returns
    -------
    pandas.DataFrame
        :data:`AGREEMENT_COLUMNS`, one row per frame, then a row ``frame="all"`` pooling
        every (unit, frame) decision. ``kappa``: Cohen's kappa
        (``sklearn.metrics.cohen_kappa_score``), -1 to 1, higher = more agreement;
        ``alpha``: Krippendorff's alpha with binary distance
        (``nltk.metrics.agreement.AnnotationTask``), same range. Both are NaN when
        undefined: when both raters give one and the same label to every unit, the
        chance agreement is 1 and the statistics are 0/0.

    Raises
    ------
    ValueError
        If the two tables differ in length, a frame is missing in one of them, a value
        is not boolean, or no frame is shared.

    Examples
    --------
    >>> t = agreement({"x": [1, 1, 0, 0, 1, 0]}, {"x": [1, 0, 0, 0, 1, 1]})
    >>> t.loc[0, ["observed_agreement", "kappa", "alpha"]].round(4).tolist()
    [0.6667, 0.3333, 0.3889]
    """
    import numpy as np
    import pandas as pd

    c = _as_bool_columns(coder, "coder")
    d = _as_bool_columns(detector, "detector")
    if len(c) != len(d):
        raise ValueError(f"coder has {len(c)} units, detector {len(d)}: align them first (see detect_units)")
    if frames is None:
        frames = [f for f in c.columns if f in d.columns and f not in _NON_FRAME_COLUMNS]
    frames = list(frames)
    if not frames:
        raise ValueError("no frame column shared by coder and detector")
    missing = [f for f in frames if f not in c.columns or f not in d.columns]
    if missing:
        raise ValueError(f"frame(s) {missing} missing in coder or detector")

    def as_bool(s: "pd.Series", who: str, f: str) -> "np.ndarray":
        values = s.to_numpy()
        ok = [v in (0, 1) or isinstance(v, (bool, np.bool_)) for v in values]
        if not all(ok):
            raise ValueError(f"{who} column {f!r} must hold booleans or 0/1, found {values[ok.index(False)]!r}")
        return values.astype(bool)

    rows = []
    all_c: list[np.ndarray] = []
    all_d: list[np.ndarray] = []
    for f in frames:
        cv, dv = as_bool(c[f], "coder", f), as_bool(d[f], "detector", f)
        all_c.append(cv)
        all_d.append(dv)
        rows.append((f, *_agreement_stats(cv, dv)))
    rows.append(("all", *_agreement_stats(np.concatenate(all_c), np.concatenate(all_d))))
    return pd.DataFrame(rows, columns=list(AGREEMENT_COLUMNS))


def _agreement_stats(cv: Any, dv: Any) -> tuple[int, int, int, int, float, float, float]:
    import warnings

    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import binary_distance
    from sklearn.metrics import cohen_kappa_score

    n = len(cv)
    if n == 0:
        return 0, 0, 0, 0, math.nan, math.nan, math.nan
    observed = float((cv == dv).mean())
    p_c, p_d = cv.mean(), dv.mean()
    expected = p_c * p_d + (1 - p_c) * (1 - p_d)
    if expected >= 1.0:  # both raters constant and equal: 0/0
        kappa = math.nan
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kappa = float(cohen_kappa_score(cv, dv))
    if len(set(cv.tolist()) | set(dv.tolist())) < 2:
        alpha = math.nan
    else:
        data = [("coder", i, bool(v)) for i, v in enumerate(cv)] + [("detector", i, bool(v)) for i, v in enumerate(dv)]
        alpha = float(AnnotationTask(data=data, distance=binary_distance).alpha())
    return n, int(cv.sum()), int(dv.sum()), int((cv & dv).sum()), observed, kappa, alpha


#: Columns of :func:`evaluate_frames`.
EVALUATION_COLUMNS: tuple[str, ...] = (
    "frame", "n", "positives", "predicted_positives", "true_positives", "precision", "recall", "f1",
)


def evaluate_frames(truth: "pd.DataFrame | Mapping[str, Sequence[bool]]",
                    predicted: "pd.DataFrame | Mapping[str, Sequence[bool]]", *,
                    frames: Sequence[str] | None = None) -> "pd.DataFrame":
    """Precision, recall and F1 of predicted frames against coded ones, per frame and macro.

    Parameters
    ----------
    truth, predicted : DataFrame or mapping of frame -> sequence of bool
        One row per article (same order), one bool column per frame.
    frames : sequence of str, optional
        Frames to score (default: the columns both share).

    Returns
    -------
    pandas.DataFrame
        :data:`EVALUATION_COLUMNS`, one row per frame and a last row ``frame="macro"``
        (unweighted mean of the per-frame precision, recall and F1, ignoring NaN).
        All three are 0-1, higher is better; NaN when undefined (precision with no
        predicted positive, recall with no true positive, F1 with neither).

    Raises
    ------
    ValueError
        As :func:`agreement` (lengths, missing frames, non-boolean values).

    Examples
    --------
    >>> t = evaluate_frames({"x": [1, 1, 0, 0]}, {"x": [1, 0, 1, 0]})
    >>> t.loc[0, ["precision", "recall", "f1"]].tolist()
    [0.5, 0.5, 0.5]
    """
    import numpy as np
    import pandas as pd

    table = agreement(truth, predicted, frames=frames)
    rows = []
    for r in table.itertuples(index=False):
        if r.frame == "all":
            continue
        tp, pos, pp = r.both_positive, r.coder_positive, r.detector_positive
        rows.append((r.frame, r.n_units, pos, pp, tp, tp / pp if pp else math.nan, tp / pos if pos else math.nan,
                     2 * tp / (pos + pp) if pos + pp else math.nan))
    out = pd.DataFrame(rows, columns=list(EVALUATION_COLUMNS))

    def mean(col: str) -> float:
        values = out[col].to_numpy(dtype=float)
        return float(np.nanmean(values)) if not np.all(np.isnan(values)) else math.nan

    macro = ("macro", int(out["n"].iloc[0]) if len(out) else 0, int(out["positives"].sum()),
             int(out["predicted_positives"].sum()), int(out["true_positives"].sum()),
             mean("precision"), mean("recall"), mean("f1"))
    return pd.concat([out, pd.DataFrame([macro], columns=list(EVALUATION_COLUMNS))], ignore_index=True)


# =========================================================================== classifier

def _as_texts(texts: Any) -> list[str]:
    if isinstance(texts, (str, bytes)):
        raise TypeError("pass a sequence of texts (a list of str), not a single string")
    try:
        items = list(texts)
    except TypeError:
        raise TypeError(f"texts must be a sequence of str, not {type(texts).__name__}") from None
    out = []
    for i, t in enumerate(items):
        if isinstance(t, str):
            out.append(t)
        elif hasattr(t, "text") and isinstance(t.text, str):
            out.append(t.text)
        else:
            # 1-column arrays from FunctionTransformer and the like
            try:
                import numpy as np

                arr = np.asarray(t)
                if arr.size == 1 and isinstance(arr.item(), str):
                    out.append(arr.item())
                    continue
            except Exception:  # pragma: no cover - defensive
                pass
            raise TypeError(f"texts[{i}] is a {type(t).__name__}, not a str")
    return out


def _as_label_frame(labels: Any, n: int, frames: Sequence[str] | None) -> "pd.DataFrame":
    import numpy as np
    import pandas as pd

    if isinstance(labels, pd.DataFrame):
        df = labels.reset_index(drop=True)
        if frames is not None:
            missing = [f for f in frames if f not in df.columns]
            if missing:
                raise ValueError(f"labels lack the frame column(s) {missing}")
            df = df[list(frames)]
        out = {}
        for col in df.columns:
            values = df[col].to_numpy()
            ok = [v in (0, 1) or isinstance(v, (bool, np.bool_)) for v in values]
            if not all(ok):
                raise ValueError(f"labels column {col!r} must hold booleans or 0/1, found {values[ok.index(False)]!r}")
            out[str(col)] = values.astype(bool)
        result = pd.DataFrame(out)
    else:
        if isinstance(labels, (str, bytes)):
            raise TypeError("labels must be a DataFrame of bool columns or a list of sets of frame names")
        sets = []
        for i, item in enumerate(labels):
            if isinstance(item, str) or not hasattr(item, "__iter__"):
                raise TypeError(f"labels[{i}] must be a set of frame names, not {item!r}")
            item_names = set(item)
            if any(not isinstance(x, str) for x in item_names):
                raise TypeError(f"labels[{i}] must hold frame names (str)")
            sets.append(item_names)
        names = list(frames) if frames is not None else sorted(set().union(*sets)) if sets else []
        unknown = sorted(set().union(*sets) - set(names)) if sets else []
        if unknown:
            raise ValueError(f"labels name frame(s) {unknown} not in frames={list(names)}")
        result = pd.DataFrame({f: [f in s for s in sets] for f in names}, dtype=bool)
    if len(result) != n:
        raise ValueError(f"got {n} texts but {len(result)} label rows")
    if result.shape[1] == 0:
        raise ValueError("labels name no frame")
    return result


def _cue_features(texts: Sequence[str], codebook: Codebook) -> "tuple[Any, list[dict[str, float]]]":
    """Per text: 4 aggregates per frame, and the counts of every cue that matched."""
    import numpy as np

    n_frames = len(codebook.frames)
    out = np.zeros((len(texts), 4 * n_frames))
    bags: list[dict[str, float]] = []
    for r, text in enumerate(texts):
        sents = split_sentences(text)
        res = _match_sentences(text, sents, codebook)
        bag: dict[str, float] = {}
        names = codebook.frame_names
        for x in res:
            for _, _, fi, cue in x.matches:
                key = f"{names[fi]}:{cue.term}"
                bag[key] = bag.get(key, 0.0) + 1.0
        bags.append(bag)
        n = len(sents)
        if not n:
            continue
        words = max(1, sum(x.n_words for x in res))
        for fi, f in enumerate(codebook.frames):
            carrying = sum(1 for x in res if x.scores[fi] >= f.thresholds.sentence)
            weight = sum(x.scores[fi] for x in res)
            out[r, 4 * fi:4 * fi + 4] = (carrying / n, 100.0 * weight / words, math.log1p(carrying),
                                         math.log1p(weight))
    return out, bags


_THRESHOLD_SMOOTHING = 5  # grid steps of 0.01 on each side
_NB_ALPHA = 1.0  # smoothing of the log-count ratio (Wang & Manning 2012's value)


def _log_count_ratio(X: Any, target: Any, n_words: int) -> Any:
    """NBSVM's log-count ratio of the first ``n_words`` (binarised) columns of ``X`` for a 0/1 ``target``.

    ``r = log((p / |p|_1) / (q / |q|_1))`` with ``p`` = alpha + the column sums over the
    positive rows and ``q`` = alpha + those over the negative rows (alpha = 1): positive
    for a word more frequent in the positives' texts, negative for one more frequent in the
    negatives', 0 for one equally frequent in both.
    """
    import numpy as np

    mask = np.asarray(target) == 1
    p = np.asarray(X[mask].sum(axis=0)).ravel()[:n_words] + _NB_ALPHA
    q = np.asarray(X[~mask].sum(axis=0)).ravel()[:n_words] + _NB_ALPHA
    return np.log((p / p.sum()) / (q / q.sum()))


class FrameClassifier:
    """Learn frames from coded texts: NB-weighted words plus codebook cue features (a scikit-learn estimator).

    One logistic regression per frame on ``[words, cue aggregates, cue terms]``. The word
    block (``word_features="nb"``, the default) is NBSVM's (Wang & Manning 2012): each
    word or n-gram present in the text (binarised counts) is scaled by the frame's
    log-count ratio ``r = log((p / |p|_1) / (q / |q|_1))``, where ``p`` holds, per
    feature, 1 + the number of positive training texts containing it and ``q`` the same
    over the negative ones; ``r`` is computed inside ``fit`` from the texts being fitted only (and afresh
    within every fold of the inner cross-validation), stored in ``log_count_ratio_``.
    ``word_features="tfidf"`` uses sublinear TF-IDF words for every frame instead. The
    cue aggregates are, for every frame of ``codebook``, the share of sentences
    carrying it, its cue density and the log counts of carrying sentences and cue weight
    (standardised); the cue terms are the counts of every codebook cue that matched
    (lemmatised words, phrases, patterns such as money amounts; TF-IDF weighted), a small
    vocabulary chosen by the codebook's authors that the model weighs per frame.

    That text model has tens of thousands of weights and learns from a few dozen
    positives of a rare frame; the codebook's own evidence for the frame (its four cue
    aggregates) is a low-variance signal that makes different errors. For every frame
    that is also a codebook frame, the probability is the blend
    ``(1 - codebook_blend) * p_text + codebook_blend * p_codebook``, where ``p_codebook``
    is a second, four-feature logistic regression (``C=1``) on that frame's aggregates:
    the codebook's untrained score, calibrated on the training texts. Two of the four are
    the variables of the codebook's own article decision (the share of carrying sentences,
    i.e. the profile's ``score``, and the log count of carrying sentences): this model
    weighs the evidence of the documented rule, smoothly rather than with its step at
    ``min_sentences``. With
    ``tune_thresholds=True`` each frame's decision threshold is chosen to maximise F1 on
    the blended out-of-fold probabilities of an inner stratified cross-validation *on the
    training texts only*: the threshold with the best F1 averaged over thresholds within
    +/- 0.05 (a running mean that steers clear of lucky single points of a jagged F1
    curve).

    Parameters
    ----------
    codebook : str, Path, Codebook or None
        Codebook for the cue features (default ``"generic"``); ``None`` = words only.
    C : float
        Inverse regularisation strength of the logistic regressions.
    ngram_range : tuple of int
        Word n-grams of the word block.
    min_df : int
        Minimum document frequency of a word feature (capped at the number of texts).
    max_features : int or None
        Largest word vocabulary (the most frequent terms).
    word_features : {"nb", "tfidf"}
        The word block: ``"nb"`` binarised words scaled per frame by their naive-Bayes
        log-count ratio (alpha = 1, the paper's value), ``"tfidf"`` sublinear TF-IDF. The
        default ``"nb"`` replaced ``"tfidf"`` after a paired comparison on the Narrative
        Frames benchmark (20x repeated 5-fold CV; numbers in the README's framing section).
    cue_weight : float
        Multiplier of the standardised cue aggregates (0 switches them off).
    cue_term_weight : float
        Multiplier of the cue-term block (0 switches it off).
    cue_terms : {"all", "own"}
        Which cue terms each frame's text model sees: ``"all"`` the counts of every cue
        of the codebook, ``"own"`` only those of the cues the codebook assigns to that
        frame (a frame the codebook lacks then gets none). The words and the cue
        aggregates of all frames are used either way. ``"own"`` was tested as the
        default on the Narrative Frames benchmark (10x repeated 5-fold CV, paired by
        split) and not adopted; the numbers are in the README's framing section.
    codebook_blend : float
        Weight in [0, 1] of the calibrated codebook score in each codebook frame's
        probability (0 = text model only, 1 = codebook score only). The default 0.3
        was the best of 0.2-0.5 averaged over five cross-validation splits of the
        Narrative Frames benchmark (``benchmarks/bench_frames.py``).
    class_weight : "balanced" or None
        Passed to ``LogisticRegression``.
    tune_thresholds : bool
        Tune one probability threshold per frame by inner cross-validation (else 0.5).
    cv : int
        Folds of that inner cross-validation (reduced when a frame has fewer positives).
    seed : int
        Random seed of the inner folds and the solver.

    Attributes
    ----------
    frames_ : list of str
        Frame names, in label order.
    thresholds_ : dict of str to float
        The probability threshold of each frame.
    blend_ : dict of str to float
        The codebook weight applied to each frame (``codebook_blend`` for codebook
        frames, 0 for frames the codebook lacks or when ``codebook=None``).
    log_count_ratio_ : dict of str to ndarray
        With ``word_features="nb"``: per frame that has a text model, the log-count
        ratio of every word feature (in the order of ``vectorizer_``'s vocabulary;
        higher = more typical of the frame's positive texts). Empty with ``"tfidf"``.

    Examples
    --------
    >>> texts = ["Rivals clashed and traded accusations.", "Prices rose and taxes went up.",
    ...          "The two parties disputed the result.", "The budget cost billions of dollars."] * 3
    >>> labels = [{"conflict"}, {"economic"}, {"conflict"}, {"economic"}] * 3
    >>> clf = FrameClassifier(min_df=1).fit(texts, labels)
    >>> clf.predict(["Opponents clashed over the result."]).iloc[0].to_dict()
    {'conflict': True, 'economic': False}
    """

    def __init__(self, codebook: "str | Path | Codebook | None" = "generic", *, C: float = 1.0,
                 ngram_range: tuple[int, int] = (1, 2), min_df: int = 2, max_features: int | None = 50_000,
                 word_features: WordFeatures = "nb", cue_weight: float = 1.0, cue_term_weight: float = 2.0,
                 cue_terms: CueTerms = "all",
                 codebook_blend: float = 0.3,
                 class_weight: str | None = "balanced", tune_thresholds: bool = True, cv: int = 5,
                 seed: int = 0) -> None:
        self.codebook = codebook
        self.C = C
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.word_features = word_features
        self.cue_weight = cue_weight
        self.cue_term_weight = cue_term_weight
        self.cue_terms = cue_terms
        self.codebook_blend = codebook_blend
        self.class_weight = class_weight
        self.tune_thresholds = tune_thresholds
        self.cv = cv
        self.seed = seed

    # scikit-learn protocol ------------------------------------------------------------
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Parameters of this estimator (scikit-learn protocol)."""
        return {k: getattr(self, k) for k in ("codebook", "C", "ngram_range", "min_df", "max_features",
                                                "word_features", "cue_weight", "cue_term_weight", "cue_terms",
                                                "codebook_blend", "class_weight", "tune_thresholds", "cv", "seed")}

    def set_params(self, **params: Any) -> "FrameClassifier":
        """Set parameters (scikit-learn protocol); unknown names raise ``ValueError``."""
        valid = self.get_params()
        for k, v in params.items():
            if k not in valid:
                raise ValueError(f"invalid parameter {k!r} for FrameClassifier; valid: {', '.join(valid)}")
            setattr(self, k, v)
        return self

    def __repr__(self) -> str:
        default = FrameClassifier().get_params()
        changed = [f"{k}={v!r}" for k, v in self.get_params().items() if v != default[k]]
        return f"FrameClassifier({', '.join(changed)})"

    def __sklearn_tags__(self) -> Any:
        from sklearn.utils import ClassifierTags, Tags, TargetTags

        return Tags(estimator_type="classifier", target_tags=TargetTags(required=True),
                    classifier_tags=ClassifierTags(multi_label=True))

    # fitting ---------------------------------------------------------------------------
    def _validate(self) -> None:
        if not (isinstance(self.C, (int, float)) and self.C > 0):
            raise ValueError(f"C must be a positive number, not {self.C!r}")
        if self.class_weight not in ("balanced", None):
            raise ValueError(f"class_weight must be 'balanced' or None, not {self.class_weight!r}")
        if not (isinstance(self.cv, int) and self.cv >= 2):
            raise ValueError(f"cv must be an integer >= 2, not {self.cv!r}")
        for name in ("cue_weight", "cue_term_weight"):
            value = getattr(self, name)
            if isinstance(value, bool) or not (isinstance(value, (int, float)) and value >= 0):
                raise ValueError(f"{name} must be a number >= 0, not {value!r}")
        if not isinstance(self.word_features, str) or self.word_features not in _WORD_FEATURES:
            raise ValueError(f"word_features must be one of {', '.join(map(repr, _WORD_FEATURES))}, "
                             f"not {self.word_features!r}")
        if not isinstance(self.cue_terms, str) or self.cue_terms not in _CUE_TERMS:
            raise ValueError(f"cue_terms must be one of {', '.join(map(repr, _CUE_TERMS))}, not {self.cue_terms!r}")
        blend = self.codebook_blend
        if isinstance(blend, bool) or not (isinstance(blend, (int, float)) and 0 <= blend <= 1):
            raise ValueError(f"codebook_blend must be a number in [0, 1], not {blend!r}")

    def _features(self, texts: list[str], *, fit: bool) -> "tuple[Any, Any]":
        """``(X, aggregates)``: the text model's matrix and the standardised cue aggregates (or None)."""
        import scipy.sparse as sp

        words = self.vectorizer_.fit_transform(texts) if fit else self.vectorizer_.transform(texts)
        if self.word_features == "nb":  # binarised counts; each frame scales them by its log-count ratio
            words = (words > 0).astype(float)
        if self.codebook_ is None or (self.cue_weight == 0 and self.cue_term_weight == 0
                                      and self.codebook_blend == 0):
            return words.tocsr(), None
        aggregates, bags = _cue_features(texts, self.codebook_)
        aggregates = self.scaler_.fit_transform(aggregates) if fit else self.scaler_.transform(aggregates)
        if self.cue_weight == 0 and self.cue_term_weight == 0:
            return words.tocsr(), aggregates
        counts = self.cue_vectorizer_.fit_transform(bags) if fit else self.cue_vectorizer_.transform(bags)
        terms = self.cue_tfidf_.fit_transform(counts) if fit else self.cue_tfidf_.transform(counts)
        X = sp.hstack([words, sp.csr_matrix(aggregates * self.cue_weight), terms * self.cue_term_weight],
                      format="csr")
        return X, aggregates

    def _frame_columns(self, n_columns: int) -> "dict[str, Any]":
        """Per frame, the columns of ``X`` its text model sees (``None`` = all of them)."""
        import numpy as np

        names = list(self.cue_vectorizer_.feature_names_) if hasattr(self.cue_vectorizer_, "feature_names_") else []
        n_base = n_columns - len(names)  # words + cue aggregates
        if self.cue_terms == "all" or not names or n_base < 0:
            return {f: None for f in self.frames_}
        frame_of = [name.split(":", 1)[0] for name in names]
        return {f: np.concatenate([np.arange(n_base), n_base + np.flatnonzero(np.array(frame_of) == f)])
                for f in self.frames_}

    def _frame_matrix(self, X: Any, frame: str, ratio: Any = None) -> Any:
        """``frame``'s text-model matrix: the columns of ``X`` it sees, with ``"nb"`` its words scaled by ``ratio``.

        ``ratio`` (the log-count ratio of the words) defaults to the fitted ``log_count_ratio_[frame]``.
        """
        if self.word_features == "nb":
            import numpy as np
            import scipy.sparse as sp

            ratio = self.log_count_ratio_[frame] if ratio is None else ratio
            scale = np.ones(X.shape[1])
            scale[:len(ratio)] = ratio
            X = (X @ sp.diags(scale)).tocsr()
        cols = self.columns_[frame]
        return X if cols is None else X[:, cols]

    def _own_aggregates(self, aggregates: Any, frame: str) -> Any:
        """The four cue aggregates of ``frame`` (its codebook evidence), for the blend model."""
        assert self.codebook_ is not None  # aggregates exist only with a codebook
        fi = self.codebook_.frame_names.index(frame)
        return aggregates[:, 4 * fi:4 * fi + 4]

    def _new_model(self, C: float | None = None) -> Any:
        """A logistic regression with the estimator's settings (``C`` overrides ``self.C``)."""
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=self.C if C is None else C, class_weight=self.class_weight, solver="liblinear",
                                  max_iter=1000, random_state=self.seed)

    def _new_blend_model(self) -> Any:
        return self._new_model(C=1.0)  # four features: the codebook's own evidence for one frame

    def fit(self, texts: Sequence[str], labels: Any) -> "FrameClassifier":
        """Fit on coded texts.

        Parameters
        ----------
        texts : sequence of str (or of Article)
        labels : DataFrame of bool columns (one per frame) or sequence of sets of frame names

        Returns
        -------
        FrameClassifier
            ``self``.

        Raises
        ------
        TypeError, ValueError
            For texts that are not strings, labels of the wrong length or type, or
            fewer than two texts.
        """
        import numpy as np
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
        from sklearn.preprocessing import StandardScaler

        self._validate()
        docs = _as_texts(texts)
        if len(docs) < 2:
            raise ValueError(f"need at least 2 coded texts to fit, got {len(docs)}")
        y = _as_label_frame(labels, len(docs), None)
        self.frames_ = [str(c) for c in y.columns]
        self.codebook_ = None if self.codebook is None else load_codebook(self.codebook)
        vocabulary = {"ngram_range": tuple(self.ngram_range), "min_df": min(self.min_df, len(docs)),
                      "max_features": self.max_features, "strip_accents": "unicode"}
        # "nb": counts (binarised in _features; not binary=True, which would rank max_features by document
        # frequency): the same vocabulary as "tfidf"
        self.vectorizer_ = (CountVectorizer(**vocabulary) if self.word_features == "nb"
                            else TfidfVectorizer(**vocabulary, sublinear_tf=True))
        self.scaler_ = StandardScaler()
        self.cue_vectorizer_ = DictVectorizer()
        self.cue_tfidf_ = TfidfTransformer(sublinear_tf=True)
        X, aggregates = self._features(docs, fit=True)
        self.columns_ = self._frame_columns(X.shape[1])
        self.models_: dict[str, Any] = {}
        self.blend_models_: dict[str, Any] = {}
        self.blend_: dict[str, float] = {}
        self.constant_: dict[str, float] = {}
        self.thresholds_: dict[str, float] = {}
        self.log_count_ratio_: dict[str, Any] = {}
        n_words = len(self.vectorizer_.vocabulary_)
        for f in self.frames_:
            target = y[f].to_numpy().astype(int)
            blend = (float(self.codebook_blend)
                     if aggregates is not None and self.codebook_ is not None and f in self.codebook_.frame_names
                     else 0.0)
            self.blend_[f] = blend
            self.blend_models_[f] = None
            if target.min() == target.max():
                self.models_[f] = None
                self.constant_[f] = float(target[0])
                self.thresholds_[f] = 0.5
                continue
            own = self._own_aggregates(aggregates, f) if blend > 0 else None
            self.models_[f] = None
            if blend < 1:
                if self.word_features == "nb":
                    self.log_count_ratio_[f] = _log_count_ratio(X, target, n_words)
                self.models_[f] = self._new_model().fit(self._frame_matrix(X, f), target)
            if own is not None:
                self.blend_models_[f] = self._new_blend_model().fit(own, target)
            self.thresholds_[f] = self._tune(X, own, target, blend, f, n_words) if self.tune_thresholds else 0.5
        self.n_features_in_ = X.shape[1]
        self.classes_ = np.array(self.frames_)
        return self

    def _tune(self, X: Any, own: Any, target: Any, blend: float, frame: str, n_words: int) -> float:
        """``frame``'s threshold from an inner CV on the fitted texts (``X`` before the frame's word scaling)."""
        import numpy as np
        from sklearn.model_selection import StratifiedKFold

        minority = int(min(target.sum(), len(target) - target.sum()))
        folds = min(self.cv, minority)
        if folds < 2:
            return 0.5
        oof = np.zeros(len(target))
        skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.seed)
        nb = self.word_features == "nb"
        Xf: Any = None if nb or blend == 1 else self._frame_matrix(X, frame)
        for tr, te in skf.split(np.zeros(len(target)), target):
            if blend < 1:
                if nb:  # the inner fold's own log-count ratio: its held-out texts stay unseen
                    Xf = self._frame_matrix(X, frame, ratio=_log_count_ratio(X[tr], target[tr], n_words))
                oof[te] = (1 - blend) * self._new_model().fit(Xf[tr], target[tr]).predict_proba(Xf[te])[:, 1]
            if blend > 0:
                oof[te] += blend * self._new_blend_model().fit(own[tr], target[tr]).predict_proba(own[te])[:, 1]
        grid = np.round(np.linspace(0.05, 0.95, 91), 2)
        positives = float(target.sum())
        f1 = np.array([2.0 * float(((oof >= t) & (target == 1)).sum()) / (float((oof >= t).sum()) + positives)
                       for t in grid])
        # the F1 curve of ~100-1000 out-of-fold predictions is jagged: take the best
        # threshold of its running mean over +/- 0.05, not the luckiest single point
        w = _THRESHOLD_SMOOTHING
        smooth = np.convolve(np.pad(f1, w, mode="edge"), np.ones(2 * w + 1) / (2 * w + 1), mode="valid")
        best = np.flatnonzero(smooth >= smooth.max() - 1e-12)
        return float(grid[best[np.argmin(np.abs(grid[best] - 0.5))]])

    def _check_fitted(self) -> None:
        if not hasattr(self, "models_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("this FrameClassifier is not fitted yet: call fit(texts, labels) first")

    # prediction ------------------------------------------------------------------------
    def predict_proba(self, texts: Sequence[str]) -> "pd.DataFrame":
        """Probability (0-1, higher = more likely) that each frame is present.

        Returns
        -------
        pandas.DataFrame
            One float column per frame (``frames_``), one row per text.
        """
        import numpy as np
        import pandas as pd

        self._check_fitted()
        docs = _as_texts(texts)
        if not docs:
            return pd.DataFrame({f: pd.Series(dtype=float) for f in self.frames_})
        X, aggregates = self._features(docs, fit=False)
        out = {}
        for f in self.frames_:
            if f in self.constant_:
                out[f] = np.full(len(docs), self.constant_[f])
                continue
            blend = self.blend_[f]
            p = np.zeros(len(docs))
            if blend < 1:
                p += (1 - blend) * self.models_[f].predict_proba(self._frame_matrix(X, f))[:, 1]
            if blend > 0:
                p += blend * self.blend_models_[f].predict_proba(self._own_aggregates(aggregates, f))[:, 1]
            out[f] = p
        return pd.DataFrame(out)

    def predict(self, texts: Sequence[str]) -> "pd.DataFrame":
        """Frame presence: one bool column per frame (probability >= the frame's threshold)."""
        proba = self.predict_proba(texts)
        return _bool_frame(proba, self.thresholds_)

    def explain(self, text: str, *, top_n: int = 3) -> "pd.DataFrame":
        """The evidence behind each prediction for one text: the sentences that push each frame up.

        Each sentence is scored by the frame's text model on that sentence alone
        (word and cue features; with ``codebook_blend=1`` there is no text
        model and a sentence's contribution is its codebook cue weight for the frame);
        the ``top_n`` sentences with a positive contribution are listed, with the
        codebook cues of that frame that matched in them (when the frame is also a
        codebook frame). ``probability`` is the blended probability of
        :meth:`predict_proba`.

        Returns
        -------
        pandas.DataFrame
            ``frame, probability, threshold, present, rank, sentence, start, end,
            contribution, cues, text``; frames without a positive sentence have one row
            with ``rank`` 0 and empty sentence fields.
        """
        import numpy as np
        import pandas as pd

        self._check_fitted()
        if not isinstance(text, str):
            raise TypeError(f"explain takes one str, not {type(text).__name__}")
        if not isinstance(top_n, int) or top_n < 1:
            raise ValueError(f"top_n must be a positive integer, not {top_n!r}")
        proba = self.predict_proba([text]).iloc[0]
        sents = split_sentences(text)
        profile = score_frames(text, codebook=self.codebook_) if self.codebook_ is not None else None
        X = self._features([s.text for s in sents], fit=False)[0] if sents else None
        rows = []
        for f in self.frames_:
            p, t = float(proba[f]), self.thresholds_[f]
            model = self.models_[f]
            ranked: list[tuple[float, int]] = []
            contrib: Any = None
            if model is not None and X is not None:
                contrib = np.ravel(self._frame_matrix(X, f) @ model.coef_[0])
            elif f not in self.constant_ and profile is not None and f in profile.frames:
                contrib = [x.scores[f] for x in profile.sentences]
            if contrib is not None:
                ranked = sorted(((float(c), i) for i, c in enumerate(contrib) if c > 0),
                                key=lambda x: (-x[0], x[1]))[:top_n]
            if not ranked:
                rows.append((f, p, t, p >= t, 0, pd.NA, pd.NA, pd.NA, math.nan, "", ""))
            for rank, (c, i) in enumerate(ranked, 1):
                s = sents[i]
                cues = ""
                if profile is not None and f in profile.frames:
                    cues = "; ".join(m.text for m in profile.sentences[i].cues(f))
                rows.append((f, p, t, p >= t, rank, s.index, s.start, s.end, c, cues, s.text))
        out = pd.DataFrame(rows, columns=["frame", "probability", "threshold", "present", "rank", "sentence",
                                          "start", "end", "contribution", "cues", "text"])
        for col in ("sentence", "start", "end"):
            out[col] = out[col].astype("Int64")
        return out


def _bool_frame(proba: "pd.DataFrame", thresholds: Mapping[str, float]) -> "pd.DataFrame":
    """``proba >= threshold`` column by column (helper of :meth:`FrameClassifier.predict`)."""
    import pandas as pd

    return pd.DataFrame({f: (proba[f] >= thresholds[f]).astype(bool) for f in proba.columns})
