"""The one exception hierarchy of newsframe.

Every error a user can trigger with bad input derives from :class:`NewsframeError`
and names the file or argument at fault and, where there is one, the fix.

>>> issubclass(EmptyFileError, IngestError) and issubclass(IngestError, NewsframeError)
True
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "NewsframeError",
    "IngestError",
    "MissingPathError",
    "EmptyFileError",
    "BinaryFileError",
    "DecodingError",
    "FileTooLargeError",
    "UnsupportedFormatError",
    "NoArticlesError",
    "MissingColumnError",
    "ChecksumError",
    "CodebookError",
    "GazetteerError",
]


class NewsframeError(Exception):
    """Base class of every error raised on purpose by newsframe."""


class IngestError(NewsframeError, ValueError):
    """A file or row could not be read as an article.

    Attributes
    ----------
    path : str
        The file (or ``file:row``) at fault.
    problem : str
        What is wrong with it, in words.
    """

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # rebuilt from (path, problem), so that an error can cross to and from worker processes
        return type(self), (self.path, self.problem)


class MissingPathError(IngestError, FileNotFoundError):
    """The path does not exist."""


class EmptyFileError(IngestError):
    """The file is empty or holds only white space."""


class BinaryFileError(IngestError):
    """The file is binary (an image, a PDF, an archive…), not text."""


class DecodingError(IngestError):
    """The bytes could not be decoded as text in any encoding tried."""


class FileTooLargeError(IngestError):
    """The file is larger than the configured size limit."""


class UnsupportedFormatError(IngestError):
    """The file extension or requested format is not one newsframe reads."""


class NoArticlesError(IngestError):
    """A folder or table held no article at all."""


class MissingColumnError(IngestError):
    """A CSV/JSONL corpus has no text column."""


class ChecksumError(IngestError):
    """A raw file does not match its recorded SHA-256 (it was modified)."""


class CodebookError(NewsframeError, ValueError):
    """A frame codebook is malformed; the message names file, frame and field."""


class GazetteerError(NewsframeError, ValueError):
    """An actor gazetteer is malformed; the message names file, entry and field."""
