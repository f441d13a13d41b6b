"""The one exception hierarchy of newsframe.

Every error a user can trigger with bad input derives from :class:`NewsframeError`
and names the file or argument at fault and, where there is one, the fix. Warnings
are issued with :func:`warn`, which points them at the user's line that led to them.

>>> issubclass(EmptyFileError, IngestError) and issubclass(IngestError, NewsframeError)
True
"""

from __future__ import annotations

import os
import sys
import warnings
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


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def warn(message: str, category: type[Warning]) -> None:
    """Issue a warning that names the caller's line: the first frame outside newsframe.

    However deep in newsframe it is raised (and through generators: then the line of
    the loop that reads one), a warning points at the user's code that led to it, as
    ``pandas.util._exceptions.find_stack_level`` does, instead of a hand-counted
    ``stacklevel`` that is wrong whenever the call path changes.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn("something to know", UserWarning)
    >>> str(caught[0].message), caught[0].filename.startswith(_PACKAGE_DIR)  # names this example, not errors.py
    ('something to know', False)
    """
    frame = sys._getframe(1)
    level = 2  # 1 is this function, 2 its caller
    while frame.f_code.co_filename.startswith(_PACKAGE_DIR) and frame.f_back is not None:
        frame = frame.f_back
        level += 1
    del frame
    warnings.warn(message, category, stacklevel=level)
