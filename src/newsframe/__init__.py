"""newsframe — how news articles tell a story: keywords, sentiment, frames and voices.

The handful of functions a notebook needs are importable from the top level; they are
loaded lazily so that ``import newsframe`` stays fast.

>>> import newsframe
>>> newsframe.__version__
'0.1.0'
>>> callable(newsframe.load_article)
True
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Article": "newsframe.ingest",
    "load_article": "newsframe.ingest",
    "load_corpus": "newsframe.ingest",
    "verify_checksums": "newsframe.ingest",
    "split_sentences": "newsframe.text",
    "tokenize_words": "newsframe.text",
    "normalize": "newsframe.text",
    "stopwords": "newsframe.text",
    "article_record": "newsframe.pipeline",
    "score_text": "newsframe.sentiment",
    "score_sentences": "newsframe.sentiment",
    "tone": "newsframe.sentiment",
    "target_sentiment": "newsframe.sentiment",
    "actor_sentiment": "newsframe.sentiment",
    "score_frames": "newsframe.framing",
    "detect_frames": "newsframe.framing",
    "load_codebook": "newsframe.framing",
    "FrameClassifier": "newsframe.framing",
    "extract_quotes": "newsframe.quotes",
    "voice_table": "newsframe.quotes",
    "find_actors": "newsframe.actors",
    "actor_table": "newsframe.actors",
    "extract_keywords": "newsframe.keywords",
    "keyness": "newsframe.keywords",
    "concordance": "newsframe.keywords",
    "analyze_corpus": "newsframe.corpus",
    "set_theme": "newsframe.plotting",
    "savefig": "newsframe.plotting",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'newsframe' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
