"""Read news articles (.txt, .md, .html, .jsonl, .csv) into :class:`Article` objects.

An :class:`Article` holds the *story body only* in ``text``: its paragraphs joined by
one blank line (``"\\n\\n"``), with the headline, section, author and subheadings kept
apart as metadata, and every page-chrome line that was dropped kept in ``removed``
with the rule that dropped it — nothing is lost silently.

Reading is strict: every bad input raises a specific :class:`~newsframe.errors.IngestError`
subclass that names the file and the problem.

Examples
--------
>>> art = Article.from_text("First paragraph.\\n\\nSecond one.", id="demo", title="Demo")
>>> [p.text for p in art.paragraphs]
['First paragraph.', 'Second one.']
>>> art.text[art.paragraphs[1].start:art.paragraphs[1].end]
'Second one.'
"""

from __future__ import annotations

import codecs
import csv
import errno
import hashlib
import io
import itertools
import json
import logging
import os
import re
import stat
from array import array
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Iterator, Literal, Mapping, Sequence, overload

from newsframe import chrome
from newsframe.chrome import RemovedLine
from newsframe.errors import (
    BinaryFileError,
    ChecksumError,
    DecodingError,
    EmptyFileError,
    FileTooLargeError,
    IngestError,
    MissingColumnError,
    MissingPathError,
    NoArticlesError,
    UnsupportedFormatError,
    warn,
)

__all__ = [
    "Article",
    "Paragraph",
    "RemovedLine",
    "ARTICLE_SUFFIXES",
    "TABLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "TEXT_COLUMNS",
    "load_article",
    "load_corpus",
    "iter_corpus",
    "read_text",
    "RawArticle",
    "verify_checksums",
    "IngestWarning",
]

log = logging.getLogger(__name__)

#: File endings read as one article each, and the format each maps to.
ARTICLE_SUFFIXES: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
#: File endings read as a table with one article per row.
TABLE_SUFFIXES: dict[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
#: Files larger than this (bytes) raise :class:`FileTooLargeError` unless ``max_bytes`` says otherwise.
DEFAULT_MAX_BYTES = 10_000_000
#: Column names tried, in order, for the article text of a CSV/JSONL row.
TEXT_COLUMNS: tuple[str, ...] = ("text", "body", "articleBody", "article", "content", "story")
#: Metadata sidecar endings looked for next to an article file (``story.txt`` → ``story.meta.yaml``).
SIDECAR_SUFFIXES: tuple[str, ...] = (".meta.yaml", ".meta.yml", ".meta.json")

Format = Literal["txt", "md", "html"]


class IngestWarning(UserWarning):
    """Something about an article looks wrong but it was still read (e.g. not English)."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph; ``Article.text[start:end] == text``."""

    index: int
    start: int
    end: int
    text: str
    subheading: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A news article: story text, structure and metadata.

    Attributes
    ----------
    id : str
        Stable identifier: the file stem, or ``<table stem>:<row id>`` for a table row.
    text : str
        The story body only: paragraphs joined by ``"\\n\\n"``.
    paragraphs : tuple of Paragraph
        With character offsets into ``text`` and the subheading each falls under.
    title, section, author, published : str or None
        Headline, column/section, byline and ISO publication date, where known.
    subheadings : tuple of str
        Subheadings in reading order (not part of ``text``).
    removed : tuple of RemovedLine
        Page-chrome lines dropped from the source, each with its rule.
    source : str
        Path (or ``path:row``) the article came from.
    sha256 : str
        SHA-256 of the source bytes (of the row's text for tables).
    encoding : str
        The encoding the bytes were decoded with.
    format : str
        ``txt``, ``md``, ``html`` or ``row``.
    metadata : dict
        Everything else known (sidecar fields, table columns).
    """

    id: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    section: str | None = None
    author: str | None = None
    published: str | None = None
    subheadings: tuple[str, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    source: str = ""
    sha256: str = ""
    encoding: str = "utf-8"
    format: str = "txt"
    metadata: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        id: str = "text",
        title: str | None = None,
        section: str | None = None,
        author: str | None = None,
        published: str | None = None,
        source: str = "<text>",
        metadata: Mapping[str, Any] | None = None,
    ) -> "Article":
        """Build an article from body text that is already clean (no chrome removal).

        Paragraphs are the blocks separated by blank lines; lines inside a block are
        joined with a space. ``\\r\\n`` and ``\\r`` end a line as ``\\n`` does.

        Examples
        --------
        >>> Article.from_text("One.\\nStill one.\\n\\nTwo.").text
        'One. Still one.\\n\\nTwo.'
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        _check_metadata(metadata)
        from newsframe.text import _unify_line_ends  # (imported on use: importing ingest stays light)

        blocks = [" ".join(line.strip() for line in b.splitlines() if line.strip())
                  for b in _BLANK.split(_unify_line_ends(text))]  # line ends as files are read
        blocks = [b for b in blocks if b]
        return build_article(
            [(b, None) for b in blocks],
            id=id,
            title=title,
            section=section,
            author=author,
            published=published,
            source=source,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            format="row",
            metadata=dict(metadata or {}),
        )

    @property
    def n_words(self) -> int:
        """Number of white-space separated words in ``text``."""
        return len(self.text.split())


_BLANK = re.compile(r"\n[ \t\u00a0]*\n")


def build_article(
    paragraphs: Sequence[tuple[str, str | None]],
    *,
    id: str,
    title: str | None = None,
    section: str | None = None,
    author: str | None = None,
    published: str | None = None,
    subheadings: Sequence[str] | None = None,
    removed: Sequence[RemovedLine] = (),
    source: str = "",
    sha256: str = "",
    encoding: str = "utf-8",
    format: str = "txt",
    metadata: Mapping[str, Any] | None = None,
) -> Article:
    """Assemble an :class:`Article` from ``(paragraph text, subheading)`` pairs.

    Offsets are computed here, once, so that ``text[p.start:p.end] == p.text`` holds
    by construction.

    Examples
    --------
    >>> a = build_article([("Hello.", None), ("Under a head.", "Head")], id="x")
    >>> a.subheadings, a.paragraphs[1].subheading
    (('Head',), 'Head')
    """
    parts: list[Paragraph] = []
    pos = 0
    for i, (ptext, sub) in enumerate(paragraphs):
        if i:
            pos += 2
        parts.append(Paragraph(index=i, start=pos, end=pos + len(ptext), text=ptext, subheading=sub))
        pos += len(ptext)
    text = "\n\n".join(p for p, _ in paragraphs)
    if subheadings is None:
        seen: list[str] = []
        for _, sub in paragraphs:
            if sub is not None and sub not in seen:
                seen.append(sub)
        subheadings = seen
    return Article(
        id=id,
        text=text,
        paragraphs=tuple(parts),
        title=title,
        section=section,
        author=author,
        published=published,
        subheadings=tuple(subheadings),
        removed=tuple(removed),
        source=source,
        sha256=sha256,
        encoding=encoding,
        format=format,
        metadata=dict(metadata or {}),
    )


# --------------------------------------------------------------------------- bytes → str

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio, AVI video)"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"ID3", "an MP3 file"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when every other byte of the head is NUL (ASCII-range UTF-16)."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None


_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])


def _is_binary(data: bytes) -> str | None:
    """Return a description if ``data`` looks binary, else None."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            return what
    head = data[:8192]
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and control / len(head) > 0.02:
        return "binary data (control bytes)"
    return None


_DECLARED = (
    re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I),
    re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I),
    re.compile(rb"""-\*-.*?coding[:=]\s*([A-Za-z0-9_\-.]+)""", re.I),
    re.compile(rb"""^\s*(?:#|<!--|---)?\s*(?:encoding|charset)\s*[:=]\s*["']?([A-Za-z0-9_\-]+)""", re.I | re.M),
)


def _declared_encoding(data: bytes) -> str | None:
    """The encoding the file names for itself (HTML ``<meta charset>``, XML declaration…)."""
    head = data[:4096]
    for pattern in _DECLARED:
        if m := pattern.search(head):
            name = m.group(1).decode("ascii", "ignore")
            try:
                return codecs.lookup(name).name
            except LookupError:
                return None
    return None


def _ascii_compatible(encoding: str) -> bool:
    try:
        return "Abc 09 <p>\n".encode(encoding) == b"Abc 09 <p>\n"
    except (LookupError, UnicodeError):
        return False


def _plausible(text: str) -> bool:
    """Reject decodings that hold control characters, C1 codes or replacement characters."""
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0x7F <= ord(ch) < 0xA0 or ch == "\ufffd")
    return bad / len(sample) < 0.001 or bad <= 1 and len(sample) < 1000


def _western(text: str) -> bool:
    """True if at most 30 % of the letters are non-ASCII: how Western European text decodes.

    Text in another script decoded as cp1252 turns into runs of accented Latin letters
    (``Ïðèâåò``), which this rejects.
    """
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if not letters:
        return True
    return sum(not ch.isascii() for ch in letters) / len(letters) <= 0.3


def read_text(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
) -> tuple[str, str, str]:
    """Read a file as text, strictly, and say which encoding was used.

    The order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without one (every
    other byte NUL); then binary files are refused; then strict UTF-8; then the encoding
    the file declares (``<meta charset>``, an XML declaration); then Windows-1252 if
    the result is Western European text (at most 30 % non-ASCII letters: the commonest
    non-UTF-8 encoding of web text, and what a short file cannot be told apart from);
    then the encodings ``charset_normalizer`` detects, keeping only ASCII-compatible
    ones whose result has no control characters. Anything but UTF-8 is reported with
    an :class:`IngestWarning` naming the encoding.

    Parameters
    ----------
    path : path
        The file.
    max_bytes : int
        Larger files raise :class:`FileTooLargeError` (default 10 MB).
    encoding : str, optional
        Force this encoding (undecodable bytes still raise).

    Returns
    -------
    (text, encoding, sha256) : tuple of str
        Text with ``\\r\\n``/``\\r`` line ends turned into ``\\n``; the Python name of the
        encoding used; the SHA-256 of the bytes.

    Raises
    ------
    MissingPathError
        The path does not exist.
    UnsupportedFormatError
        The path is a folder.
    FileTooLargeError
        The file is over ``max_bytes``.
    EmptyFileError
        The file is empty or white space only.
    BinaryFileError
        The file is an image, archive, PDF… or holds NUL/control bytes.
    DecodingError
        No encoding fits (or the forced one does not).
    ValueError
        ``max_bytes`` is not a positive integer or ``encoding`` is unknown.

    Examples
    --------
    >>> import tempfile, os, warnings
    >>> p = os.path.join(tempfile.mkdtemp(), "a.txt")
    >>> _ = open(p, "wb").write("caf\\xe9".encode("cp1252"))
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     read_text(p)[:2]
    ('café', 'cp1252')
    """
    _check_read_args(max_bytes, encoding)
    path = _as_path(path)
    data, sha = _read_bytes(path, max_bytes)
    text, used = _decode_text(data, path, encoding)
    return text, used, sha


def _as_path(path: Any) -> Path:
    """``path`` as a :class:`~pathlib.Path`; anything but a str or path-like raises a clear TypeError."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file or folder path (a str or pathlib.Path), not {type(path).__name__}")
    return Path(path)


def _check_metadata(metadata: Any) -> None:
    if metadata is not None and not isinstance(metadata, Mapping):
        raise TypeError(f"metadata must be a mapping of field names to values (a dict), not {type(metadata).__name__}")


def _check_read_args(max_bytes: Any, encoding: str | None) -> None:
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes <= 0:
        raise ValueError(f"max_bytes must be a positive integer, not {max_bytes!r}")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r} (use a Python codec name such as 'utf-8' or 'cp1252')") \
                from None


def _read_bytes(path: Path, max_bytes: int) -> tuple[bytes, str]:
    """The file's bytes and their SHA-256 (missing, folder, too large and empty files raise).

    The file is opened first and its size taken from the open file: one system call
    where asking whether it exists, is a folder and how large it is would take three
    (a corpus run reads every file through here).
    """
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise FileTooLargeError(
                    path,
                    f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes (pass max_bytes= to raise it)",
                )
            data = fh.read()
    except OSError as exc:
        raise _path_error(path, exc) from None
    sha = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise EmptyFileError(path, "file is empty" if not data else "file holds only white space")
    return data, sha


_FOLDER_PROBLEM = "is a folder; use load_corpus() or iter_corpus() to read a folder of articles"


def _path_error(path: Path, exc: OSError | None = None) -> IngestError:
    """The error for a path that does not exist or that cannot be opened (``exc``): a
    folder, a symbolic link loop, a broken symbolic link, nothing there, or what the
    system says (e.g. permission denied)."""
    if exc is None:
        try:
            os.stat(path)
        except OSError as err:
            exc = err
    if isinstance(exc, IsADirectoryError):
        return UnsupportedFormatError(path, _FOLDER_PROBLEM)
    if exc is not None and exc.errno == errno.ELOOP:
        return IngestError(path, "symbolic link loop (too many levels of symbolic links); fix or remove the link")
    if exc is None or isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        if os.path.islink(path):
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            return MissingPathError(path, f"broken symbolic link: its target {target} does not exist")
        return MissingPathError(path, "no such file or folder")
    return IngestError(path, f"cannot be read: {exc.strerror or exc}")


def _decode_text(data: bytes, path: Path | str, encoding: str | None) -> tuple[str, str]:
    """Decode (binary files and undecodable bytes raise), unify line ends, warn when not UTF-8."""
    from newsframe.text import _unify_line_ends  # (imported on use: importing ingest stays light)

    text, used = _decode(data, path, encoding)
    text = _unify_line_ends(text)
    if not text.strip():
        raise EmptyFileError(path, "file holds only white space")
    if used not in ("utf-8", "utf-8-sig", encoding):
        warn(f"{path}: not UTF-8; decoded as {used}", IngestWarning)
    return text, used


def _decode(data: bytes, path: Path | str, encoding: str | None) -> tuple[str, str]:
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise DecodingError(path, f"cannot be decoded as {encoding}: invalid bytes at {exc.start}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodingError(path, f"starts with a {name} byte-order mark but is invalid {name} at byte "
                                    f"{exc.start}") from None
    if enc16 := _utf16_without_bom(data):
        try:
            text = data.decode(enc16)
            if _plausible(text):
                return text, enc16
        except UnicodeDecodeError:
            pass
    what = _is_binary(data)
    if what:
        raise BinaryFileError(path, f"looks like {what}, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    tried = ["utf-8"]
    candidates: list[str] = []
    declared = _declared_encoding(data)
    if declared and declared not in ("utf-8", "utf_8"):
        candidates.append(declared)
    candidates.append("cp1252")
    for name in candidates:
        tried.append(name)
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text) and (name != "cp1252" or _western(text)):
            return text, name
    from charset_normalizer import from_bytes

    for match in from_bytes(data):
        name = match.encoding
        if not name or name in tried or not _ascii_compatible(name):
            continue
        tried.append(name)
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            return text, name
        if len(tried) > 8:
            break
    raise DecodingError(
        path, f"invalid UTF-8 at byte {first_bad} and no other encoding fits (tried {', '.join(tried)}); "
        "re-save the file as UTF-8 or pass encoding="
    )


# --------------------------------------------------------------------------- sidecar

def _find_sidecar(path: Path, names: frozenset[str] | None = None) -> Path | None:
    """The article's sidecar file, looked up in ``names`` (its folder's sidecar file
    names, from :func:`_sidecar_names`) when given, else on disk."""
    for suf in SIDECAR_SUFFIXES:
        name = path.stem + suf
        if name in names if names is not None else path.with_name(name).is_file():
            return path.with_name(name)
    return None


def _sidecar_names(folder: Path) -> frozenset[str]:
    """The names of the sidecar files in ``folder``: one listing of a corpus folder
    instead of a look-up on disk for every article in it."""
    try:
        with os.scandir(folder) as entries:
            return frozenset(e.name for e in entries if e.name.endswith(SIDECAR_SUFFIXES) and e.is_file())
    except OSError:
        return frozenset()


def _read_sidecar(path: Path) -> dict[str, Any]:
    try:
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
        else:
            import yaml

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: faster
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    except Exception as exc:  # noqa: BLE001 - reported with the file name
        raise IngestError(path, f"metadata sidecar cannot be parsed: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise IngestError(path, "metadata sidecar must be a mapping of field: value")
    return {str(k): (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


# --------------------------------------------------------------------------- one file

def load_article(
    path: str | Path,
    *,
    format: Format | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
    metadata: Mapping[str, Any] | None = None,
    use_sidecar: bool = True,
    check_language: bool = True,
) -> Article:
    """Read one article file.

    Parameters
    ----------
    path : path
        A ``.txt`` (text saved from a web page, chrome and all), ``.md`` or
        ``.html``/``.htm`` file.
    format : {"txt", "md", "html"}, optional
        Override the format implied by the file ending.
    max_bytes : int
        Size limit; larger files raise :class:`FileTooLargeError`.
    encoding : str, optional
        Force an encoding instead of detecting one.
    metadata : mapping, optional
        Known metadata (title, section, author, published, …). It wins over the
        sidecar file (``<stem>.meta.yaml``), which wins over heuristics.
    use_sidecar : bool
        Read the metadata sidecar (default True); False shows what the heuristics alone find.
    check_language : bool
        Warn (:class:`IngestWarning`) when the text does not look English.

    Returns
    -------
    Article

    Raises
    ------
    MissingPathError
        No such file, or a broken symbolic link.
    UnsupportedFormatError
        A folder, or an ending newsframe does not read (or a table: use :func:`load_corpus`).
    FileTooLargeError, EmptyFileError, BinaryFileError, DecodingError
        See :func:`read_text`; ``EmptyFileError`` also when no line is story text.
    ChecksumError
        The file is listed in its folder's ``SHA256SUMS`` with another hash (modified raw data).
    IngestError
        The metadata sidecar cannot be parsed, or the path is a symbolic link loop.
    ValueError
        An unknown ``format`` or a bad ``max_bytes``/``encoding``.
    TypeError
        ``path`` is not a path or ``metadata`` is not a mapping.

    Warns
    -----
    IngestWarning
        Not UTF-8 (names the encoding used), HTML in a ``.txt`` file, or text that does
        not look English.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "note.txt")
    >>> _ = open(p, "w").write("A Headline Here\\n\\nThe story says something. It goes on for a while.\\n")
    >>> art = load_article(p)
    >>> art.id, art.title, art.text
    ('note', 'A Headline Here', 'The story says something. It goes on for a while.')
    """
    path = _as_path(path)
    if not path.exists():
        raise _path_error(path)
    if path.is_dir():
        raise UnsupportedFormatError(path, _FOLDER_PROBLEM)
    _check_metadata(metadata)
    if format is None:
        fmt = _format_of(path)
    else:
        if format not in ("txt", "md", "html"):
            raise ValueError(f"format must be one of 'txt', 'md', 'html', not {format!r}")
        fmt = format
    _check_read_args(max_bytes, encoding)
    raw = _read_raw(path, path.stem, fmt, max_bytes=max_bytes, use_sidecar=use_sidecar)
    if metadata:
        raw = replace(raw, metadata={**raw.metadata, **dict(metadata)})
    return raw._parse(encoding=encoding, check_language=check_language)


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article file read and hashed but not yet parsed (:func:`iter_corpus` with ``raw=True``).

    Holds what parsing needs and nothing on disk: the bytes, their SHA-256 (an
    unchanged file is recognised before any parsing, e.g. to resume a corpus run), the
    id the corpus gives it, and the sidecar metadata. :meth:`load` then does the rest of
    :func:`load_article` anywhere, also in another process or on another machine:
    decoding, page-chrome removal and the language check.

    Attributes
    ----------
    id : str
        The article id (the file stem, made unique within its corpus).
    source : str
        The file path.
    data : bytes
        The file's bytes.
    sha256 : str
        SHA-256 of ``data``.
    format : str
        ``txt``, ``md`` or ``html``.
    metadata : dict
        Sidecar metadata (``<stem>.meta.yaml``/``.json``), if any.
    """

    id: str
    source: str
    data: bytes
    sha256: str
    format: str
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def load(self) -> Article:
        """Parse the bytes into an :class:`Article`, as :func:`load_article` would.

        Raises
        ------
        BinaryFileError, DecodingError, EmptyFileError
            As :func:`load_article`.

        Warns
        -----
        IngestWarning
            Not UTF-8, HTML in a ``.txt`` file, or text that does not look English.

        Examples
        --------
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp()
        >>> _ = open(os.path.join(d, "a.txt"), "w").write("Some story text that is long enough.")
        >>> raw = next(iter_corpus(d, raw=True))
        >>> raw.id, raw.load().text
        ('a', 'Some story text that is long enough.')
        """
        return self._parse(encoding=None, check_language=True)

    def _parse(self, *, encoding: str | None, check_language: bool) -> Article:
        path, meta, fmt = self.source, dict(self.metadata), self.format
        text, used = _decode_text(self.data, path, encoding)
        if fmt == "txt" and _looks_like_html(text):
            warn(f"{path}: the .txt file holds HTML markup; reading it as HTML", IngestWarning)
            fmt = "html"
        parsed = chrome.parse(text, fmt, source=path)
        if not parsed.paragraphs:
            lines = text.split("\n")
            if fmt == "md" and lines[0].strip() == "---" and not any(s.strip() in ("---", "...") for s in lines[1:]):
                raise EmptyFileError(path, "no story text found: the front matter opened by '---' on line 1 is never "
                                     "closed (end it with a '---' line)")
            raise EmptyFileError(path, f"no story text found ({len(parsed.removed)} lines, all page chrome or markup)")
        art = build_article(
            parsed.paragraphs,
            id=self.id,
            title=_pick(meta, "title", parsed.title),
            section=_pick(meta, "section", parsed.section),
            author=_pick(meta, "author", parsed.author),
            published=_pick(meta, "published", parsed.published),
            removed=parsed.removed,
            source=path,
            sha256=self.sha256,
            encoding=used,
            format=fmt,
            metadata=meta,
        )
        if check_language:
            declared = str(meta.get("language") or meta.get("lang") or "").strip().lower()
            if declared and not declared.startswith("en"):
                warn(f"{path}: the metadata says the language is {declared!r}; newsframe's lexicons and rules "
                     "are English-only, so scores will be unreliable", IngestWarning)
            elif not declared:
                _warn_if_not_english(art)
        return art


def _format_of(path: Path) -> str:
    """The article format its file ending implies (tables and unknown endings raise)."""
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        raise UnsupportedFormatError(path, f"{suffix} holds many articles; use load_corpus()")
    if suffix not in ARTICLE_SUFFIXES:
        raise UnsupportedFormatError(
            path, f"unsupported file type {suffix or '(none)'!r}; newsframe reads "
            f"{', '.join(sorted(ARTICLE_SUFFIXES))} (one article) and {', '.join(sorted(TABLE_SUFFIXES))} (a corpus)"
        )
    return ARTICLE_SUFFIXES[suffix]


def _read_raw(path: Path, id: str, fmt: str, *, max_bytes: int, use_sidecar: bool = True,
              sidecars: frozenset[str] | None = None) -> RawArticle:
    """Read, hash and checksum-check one article file, with its sidecar metadata
    (``sidecars``: the sidecar file names of its folder, if already listed)."""
    data, sha = _read_bytes(path, max_bytes)
    _check_listed_sum(path, sha)
    meta: dict[str, Any] = {}
    sidecar = _find_sidecar(path, sidecars) if use_sidecar else None
    if sidecar is not None:
        meta.update(_read_sidecar(sidecar))
    return RawArticle(id=id, source=str(path), data=data, sha256=sha, format=fmt, metadata=meta)


def _pick(meta: Mapping[str, Any], key: str, fallback: str | None) -> str | None:
    if key in meta:
        value = meta[key]
        return None if value is None else str(value)
    return fallback


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return bool(re.search(r"<!doctype html|<html[\s>]|<body[\s>]", head)) or len(re.findall(r"</(p|div|a|span)>", head)) >= 5


_EN_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for it was on with as he be by at are his this from have or an but not they "
    "which had were has their been would will she there its who said more than".split()
)


def english_share(text: str) -> float:
    """Share of word tokens that are common English function words (about 0.3–0.5 for English prose).

    Examples
    --------
    >>> english_share("The cat sat on the mat and it was happy.") > 0.3
    True
    >>> english_share("Der Hund schläft im Garten und die Katze auch.") < 0.1
    True
    """
    return _function_word_share(_LETTER_RUNS.findall(text.lower()))


_LETTER_RUNS = re.compile(r"[^\W\d_]+")
_NOT_LATIN = re.compile(r"[^\x00-\x7f\u00c0-\u024f]+")


def _function_word_share(words: list[str]) -> float:
    if not words:
        return float("nan")
    return sum(map(_EN_FUNCTION_WORDS.__contains__, words)) / len(words)


def _warn_if_not_english(art: Article) -> None:
    text = art.text[:5000]  # a few paragraphs tell the language; the whole text costs more than parsing it
    words = _LETTER_RUNS.findall(text.lower())  # one pass gives both the letters and the words
    n_letters = sum(map(len, words))
    if n_letters < 40:
        return
    if text.isascii():
        latin = 1.0
    else:
        letters = "".join(words)
        latin = len(_NOT_LATIN.sub("", letters)) / len(letters)
    share = _function_word_share(words)
    if latin < 0.5:
        why = f"only {latin:.0%} of its letters are Latin"
    elif share < 0.12 and len(text.split()) >= 20:
        why = f"only {share:.0%} of its words are common English function words"
    else:
        return
    warn(
        f"{art.source}: text does not look like English ({why}); newsframe's lexicons and rules are "
        "English-only, so scores will be unreliable",
        IngestWarning,
    )


# --------------------------------------------------------------------------- many files

_UNDECODED = re.compile("[\udc80-\udcff]")  # undecodable bytes, kept by errors="surrogateescape"
_SURROGATES = re.compile("[\ud800-\udfff]")  # in a str: a JSON \\ud800-\\udfff escape that is not part of a pair


#: A line of a streamed table may be this many times ``max_bytes`` long (in characters). A row's
#: text is limited to ``max_bytes``, but its line is longer: JSON escapes take up to six characters
#: per byte (``\\u0001``), and there are the other columns; a CSV field up to ten times ``max_bytes``
#: is left to the CSV reader's own guard (:func:`_csv_rows`). A longer line is one error, unread.
_LINE_FACTOR = 20
_SKIP_PIECE = 1 << 16  # characters read at a time while skipping the rest of a line over the limit


class _LongLine(Exception):
    """A line of a streamed table over the line limit, skipped unread to its end.

    Yielded by :func:`_table_lines` in the line's place (and raised to the CSV reader
    by :class:`_CsvLines`): ``line``, its number from 1; ``limit``, in characters;
    ``quotes``, how many ``"`` it holds (whether a CSV quoted field is still open after it).
    """

    def __init__(self, line: int, limit: int, quotes: int) -> None:
        super().__init__(line, limit, quotes)
        self.line, self.limit, self.quotes = line, limit, quotes

    def error(self, where: str, row: int | None = None) -> FileTooLargeError:
        """The error for its row (``row``: a CSV record's number, as the other CSV row errors count)."""
        lead = f"row {row}: " if row is not None else ""
        return FileTooLargeError(where, f"{lead}line {self.line} is over {self.limit:,} characters, the limit for one "
                                 f"line ({_LINE_FACTOR} times max_bytes); it is skipped unread (pass max_bytes= to "
                                 "raise it)")


def _table_lines(path: Path, max_bytes: int) -> Iterator[str | _LongLine]:
    """The lines of a ``.jsonl``/``.csv`` table (ending in ``\\n``), streamed.

    A table within ``max_bytes`` is read and decoded as :func:`read_text` reads an
    article. A larger one is streamed, so that memory does not grow with the table: in
    the encoding of its byte-order mark, as UTF-16 if every other byte is NUL, else as
    UTF-8, with an undecodable byte kept as a surrogate escape (``\\udc80``–``\\udcff``)
    for the row reader to report. A large table that looks binary or whose first 64 KB
    are not UTF-8 raises.

    A streamed line is read up to ``_LINE_FACTOR * max_bytes`` characters only: a
    longer one is skipped to its end in bounded pieces, never held whole, and comes as
    a :class:`_LongLine` in its place. (A table within ``max_bytes`` has no such line.)
    """
    try:
        data, _ = _read_bytes(path, max_bytes)
    except FileTooLargeError:
        pass
    else:
        text, _ = _decode_text(data, path, None)
        yield from io.StringIO(text)
        return
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise _path_error(path, exc) from None
    with fh:
        head = fh.read(1 << 16)
        fh.seek(0)
        encoding = next((name for bom, name in _BOMS if head.startswith(bom)), None) or _utf16_without_bom(head)
        if encoding is None:
            if what := _is_binary(head):
                raise BinaryFileError(path, f"looks like {what}, not text")
            try:
                codecs.getincrementaldecoder("utf-8")().decode(head)  # a character cut at the end is fine
            except UnicodeDecodeError as exc:
                raise DecodingError(path, f"invalid UTF-8 at byte {exc.start}; a table over max_bytes "
                                    f"({max_bytes:,} bytes) is streamed and must be UTF-8: re-save it as UTF-8 "
                                    "or pass a larger max_bytes=") from None
            encoding = "utf-8"
        n = 0
        limit = _LINE_FACTOR * max_bytes
        try:
            text_stream = io.TextIOWrapper(fh, encoding=encoding, newline=None,
                                           errors="surrogateescape" if encoding.startswith("utf-8") else "strict")
            # each line is read up to the limit only: a huge line (a file without newlines, say) is
            # never held in memory, but skipped in bounded pieces to its end
            while line := text_stream.readline(limit + 1):
                n += 1
                if len(line) <= limit or line.endswith("\n"):
                    yield line
                    continue
                quotes = line.count('"')
                del line
                while piece := text_stream.readline(_SKIP_PIECE):
                    quotes += piece.count('"')
                    if piece.endswith("\n"):
                        break
                yield _LongLine(n, limit, quotes)
        except UnicodeDecodeError:  # UTF-16/32 only: they cannot keep a bad byte as an escape
            raise DecodingError(path, f"invalid {encoding} after line {n}; the rest of the file is not read") from None


def _table_rows(path: Path, max_bytes: int, text_column: str | None = None
                ) -> Iterator[tuple[int, int, dict[str, Any] | IngestError]]:
    """The rows of a ``.jsonl``/``.csv`` table, streamed, as ``(index, line, row)``.

    ``index`` counts from 0: the line of a JSONL file (blank lines are skipped but
    counted), the record of a CSV file; ``line`` is the line the row starts on (from 1;
    in a CSV file the header is line 1 and a quoted field may hold line breaks). A bad
    row is ``(index, line, IngestError)`` (named ``<file>:<line>``) and reading goes on: a malformed JSON line or one that is not an
    object, a CSV row with more fields than the header, undecodable bytes, a line of a
    streamed table over ``_LINE_FACTOR * max_bytes`` characters (skipped unread; in a
    CSV file, with the rest of its record, to where its quoted field closes).

    A table with no text column at all raises one :class:`MissingColumnError` for the
    file instead of an error for every row: a CSV whose header lacks it, or a JSONL
    file whose first object row lacks it. So do an unreadable, binary or undecodable
    file and a CSV without a header.
    """
    lines = _table_lines(path, max_bytes)
    if path.suffix.lower() == ".csv":
        return _csv_rows(path, lines, max_bytes, text_column)
    return _jsonl_rows(path, lines, text_column)


def _jsonl_rows(path: Path, lines: Iterator[str | _LongLine], text_column: str | None
                ) -> Iterator[tuple[int, int, dict[str, Any] | IngestError]]:
    first = True
    for i, line in enumerate(lines):
        if isinstance(line, _LongLine):
            yield i, i + 1, line.error(f"{path}:{i + 1}")
            continue
        if not line.strip():
            continue
        where = f"{path}:{i + 1}"
        if _UNDECODED.search(line):
            yield i, i + 1, DecodingError(where, f"line {i + 1} holds bytes that are not valid UTF-8")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield i, i + 1, IngestError(where, f"invalid JSON: {exc.msg}")
            continue
        except RecursionError:
            yield i, i + 1, IngestError(where, "invalid JSON: nested too deeply")
            continue
        except ValueError as exc:  # e.g. an integer of over 4300 digits
            yield i, i + 1, IngestError(where, f"invalid JSON: {exc}")
            continue
        if not isinstance(obj, dict):
            yield i, i + 1, IngestError(where, "each JSONL line must be an object")
            continue
        if first and _text_column(obj, text_column) is None:
            raise _no_text_column(path, obj, text_column, found_in=f" in the first row, line {i + 1}")
        first = False
        yield i, i + 1, obj


class _CsvLines:
    """The lines of :func:`_table_lines` for the CSV reader, a :class:`_LongLine` raised in its place.

    The CSV reader starts each record afresh, so after a long line is raised it reads
    on. ``line`` counts the lines taken, read or skipped; ``start`` is the line the
    record read since :meth:`new_record` starts on, which the errors for its row name
    (0 until its first line: a blank line between records is no record, the reader
    skips it); ``open`` tells whether a quoted field is open in the lines given since
    :meth:`new_record` (the reader asks for another line within a record only then).
    """

    def __init__(self, lines: Iterator[str | _LongLine]) -> None:
        # the first line is taken now, not under the CSV reader: decoding a table that is not UTF-8
        # warns, and under the reader the warning would name csv.py instead of the caller's line
        self._lines = itertools.chain(list(itertools.islice(lines, 1)), lines)
        self.line = 0
        self.start = 0
        self.open = False

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.line += 1
        if not self.start and line != "\n":
            self.start = self.line
        if isinstance(line, _LongLine):
            raise line
        if '"' in line:
            self.open ^= line.count('"') % 2 == 1
        return line

    def new_record(self) -> None:
        self.open = False
        self.start = 0

    def skip_record(self, long: _LongLine) -> bool:
        """Skip the rest of the record a long line is part of (to where its quotes close);
        False if its quoted field never closes before the end of the file."""
        open_ = self.open != (long.quotes % 2 == 1)
        while open_:
            line = next(self._lines, None)
            if line is None:
                return False
            self.line += 1
            if (line.quotes if isinstance(line, _LongLine) else line.count('"')) % 2:
                open_ = False
        return True


def _csv_rows(path: Path, lines: Iterator[str | _LongLine], max_bytes: int, text_column: str | None
              ) -> Iterator[tuple[int, int, dict[str, Any] | IngestError]]:
    # a field may be as long as the per-article limit and more (it is then refused as a row);
    # one over ten times that (an unclosed quote swallowing the file) ends the file. The csv
    # module's limit is process-wide: it is raised only while this reader reads a record.
    limit = max(csv.field_size_limit(), min(10 * max_bytes, 2**31 - 1))
    source = _CsvLines(lines)
    reader = csv.DictReader(source)

    def read(get: Callable[[], Any]) -> Any:
        saved = csv.field_size_limit(limit)
        try:
            return get()
        finally:
            csv.field_size_limit(saved)

    try:
        header = read(lambda: reader.fieldnames)
    except csv.Error as exc:
        raise IngestError(f"{path}:1", f"malformed CSV header: {exc}") from None
    except _LongLine as long:
        raise FileTooLargeError(f"{path}:{long.line}", f"the header line is over {long.limit:,} characters, the "
                                f"limit for one line ({_LINE_FACTOR} times max_bytes); the file is not read (pass "
                                "max_bytes= to raise it)") from None
    if not header:
        raise NoArticlesError(path, "CSV has no header row")
    if _text_column(header, text_column) is None:
        raise _no_text_column(path, header, text_column, found_in=" in the header")
    for i in itertools.count():
        source.new_record()
        try:
            row = read(reader.__next__)
        except StopIteration:
            return
        except _LongLine as long:
            closed = source.skip_record(long)
            err = long.error(f"{path}:{source.start}", i + 1)
            if not closed:
                err = FileTooLargeError(err.path, f"{err.problem}; its quoted field does not close before the end "
                                        "of the file, so the rest of the file is not read")
            yield i, source.start, err
            if not closed:
                return
            continue
        except csv.Error as exc:
            where = f"{path}:{source.start}"
            if "field larger than field limit" in str(exc):
                raise FileTooLargeError(where, f"row {i + 1} has a field over {limit:,} characters; "
                                        "the rest of the file is not read, as where that row ends cannot be "
                                        "found (pass a larger max_bytes= if the row is meant)") from None
            yield i, source.start, IngestError(where, f"row {i + 1}: malformed CSV: {exc}")
            continue
        line = source.start
        if None in row:
            yield i, line, IngestError(f"{path}:{line}", f"row {i + 1} has more fields than the header")
        elif any(isinstance(v, str) and _UNDECODED.search(v) for v in row.values()):
            yield i, line, DecodingError(f"{path}:{line}", f"row {i + 1} holds bytes that are not valid UTF-8")
        else:
            yield i, line, row


def _text_column(columns: Collection[Any], text_column: str | None) -> str | None:
    """The text column among ``columns``: ``text_column``, else the first of :data:`TEXT_COLUMNS`."""
    return next((c for c in ([text_column] if text_column else TEXT_COLUMNS) if c in columns), None)


def _no_text_column(where: str | Path, columns: Iterable[Any], text_column: str | None, *, lead: str = "",
                    found_in: str = "") -> MissingColumnError:
    looked = ", ".join([text_column] if text_column else TEXT_COLUMNS)
    found = ", ".join(map(str, columns)) or "none"
    return MissingColumnError(where, f"{lead}no text column (looked for {looked}; found {found}{found_in}); "
                              "pass text_column=")


def _row_article(path: Path, i: int, line: int, row: Mapping[str, Any], text_column: str | None, *,
                 max_bytes: int = DEFAULT_MAX_BYTES, check_language: bool = True) -> Article:
    """The article of table row ``i`` (counted from 0; ids and messages count from 1), which starts on ``line``.

    Its source is ``<file>:<line>``. Raises a per-row :class:`IngestError` named so: no text column, an
    empty text (:class:`EmptyFileError`), a text that is not a string (a number, list,
    object, true/false), a text over ``max_bytes`` (:class:`FileTooLargeError`), an id,
    title, section, author or date that is a list, object or true/false.
    """
    n = i + 1
    where = f"{path}:{line}"
    col = _text_column(row, text_column)
    if col is None:
        raise _no_text_column(where, row, text_column, lead=f"row {n} has ")
    body = _row_str(where, n, col, row[col], text=True)
    if body is None:
        raise EmptyFileError(where, f"row {n} has empty {col!r}")
    if len(body) > max_bytes // 4 and (size := len(body.encode("utf-8"))) > max_bytes:
        raise FileTooLargeError(where, f"row {n}: {col!r} is {size:,} bytes, over the limit of {max_bytes:,} bytes "
                                "(pass max_bytes= to raise it)")
    id_key = next((k for k in ("id", "article_id", "ID") if row.get(k) not in (None, "") and not _is_nan(row[k])), None)
    rid = _row_str(where, n, id_key, row[id_key]) if id_key else None

    def cell(*keys: str) -> str | None:  # the first of keys with a value, as `row.get(a) or row.get(b)`
        key = next((k for k in keys if row.get(k)), keys[-1])
        return _row_str(where, n, key, row.get(key))

    art = Article.from_text(
        body,
        id=f"{path.stem}:{rid.strip() if rid else n}",
        title=cell("title", "headline"),
        section=cell("section"),
        author=cell("author"),
        published=cell("published", "date"),
        source=where,
        metadata={k: v for k, v in row.items() if k != col},
    )
    if check_language:
        _warn_if_not_english(art)
    return art


def _is_nan(v: Any) -> bool:
    return isinstance(v, float) and v != v


def _row_str(where: str, n: int, name: str, value: Any, *, text: bool = False) -> str | None:
    """A table cell as a string, None when missing, NaN or blank. A list, an object or
    true/false raises an :class:`IngestError` naming the row and the field, and so does
    a number where text is required (``text=True``); other numbers become strings."""
    if value is None or _is_nan(value):
        return None
    if not isinstance(value, str) and (text or isinstance(value, bool) or not isinstance(value, (int, float))):
        if isinstance(value, bool):
            kind = f"a boolean ({str(value).lower()})"
        elif isinstance(value, (int, float)):
            kind = f"a number ({value!r})"
        else:
            kind = "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else \
                f"a {type(value).__name__}"
        raise IngestError(where, f"row {n}: {name!r} is {kind}, not a string")
    s = str(value)
    if _SURROGATES.search(s):
        raise DecodingError(where, f"row {n}: {name!r} holds an unpaired surrogate (a \\ud800-\\udfff escape "
                            "that is not half of a pair)")
    return s if s.strip() else None


@overload
def iter_corpus(path: str | os.PathLike[str], *, errors: Literal["raise", "skip"] = ..., max_bytes: int = ...,
                text_column: str | None = ..., recursive: bool = ..., raw: Literal[False] = ...
                ) -> Iterator[Article | IngestError]: ...


@overload
def iter_corpus(path: str | os.PathLike[str], *, errors: Literal["raise", "skip"] = ..., max_bytes: int = ...,
                text_column: str | None = ..., recursive: bool = ..., raw: bool
                ) -> Iterator[Article | RawArticle | IngestError]: ...


def iter_corpus(
    path: str | os.PathLike[str],
    *,
    errors: Literal["raise", "skip"] = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
    text_column: str | None = None,
    recursive: bool = True,
    raw: bool = False,
) -> Iterator[Article | RawArticle | IngestError]:
    """Yield the articles of a folder, a glob, or a ``.jsonl``/``.csv`` table, one at a time.

    With ``errors="skip"`` a bad file or row is *yielded* as its :class:`IngestError`
    (and logged) instead of stopping the run, so a caller can record it; with
    ``errors="raise"`` the first one is raised. A symbolic link loop, and a broken
    symbolic link with an article file name, in a folder are such errors too.

    A ``.jsonl``/``.csv`` table is read row by row, in constant memory: a bad row (a
    malformed JSON line, a CSV row with more fields than the header, a row with no,
    empty or non-string text, or text over ``max_bytes``) is one error named
    ``<file>:<line>`` (the line the row starts on, which is also the ``source`` of a
    good row's article) and reading goes on with the next row. A table with no text
    column at all (a CSV header without one, or a JSONL file whose *first* object row
    has none) is one :class:`MissingColumnError` for the file. ``max_bytes`` limits each
    article: an article file, or the text of a row; a table as a whole has no size limit
    (one over ``max_bytes`` is streamed, and must then be UTF-8 or start with a
    byte-order mark). A line of a streamed table over 20 times ``max_bytes`` characters
    is not read into memory but skipped, as one error for its row.

    Ids are the file stems (``<table stem>:<row id>`` for table rows); a repeated one
    gets the file's path relative to the corpus folder, then a counter. Ids are given
    in listing order to every file, readable or not, so that an article's id never
    depends on whether another file could be read.

    With ``raw=True`` an article file is yielded as a :class:`RawArticle` (read,
    hashed, checksum-checked, with its sidecar metadata, but not decoded or parsed):
    :meth:`RawArticle.load` does the rest wherever it is called, which lets a corpus
    run parse in its worker processes. Only errors found before parsing are yielded
    as errors then (a missing, too large or empty file; a bad checksum or sidecar);
    table rows are always parsed here.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> _ = open(os.path.join(d, "a.txt"), "w").write("A story that is long enough to keep.")
    >>> _ = open(os.path.join(d, "b.txt"), "w").write("")
    >>> [type(x).__name__ for x in iter_corpus(d, errors="skip")]
    ['Article', 'EmptyFileError']
    """
    yield from _iter_corpus(path, errors=errors, max_bytes=max_bytes, text_column=text_column, recursive=recursive,
                            raw=raw)


def _iter_corpus(
    path: str | os.PathLike[str],
    *,
    errors: Literal["raise", "skip"] = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
    text_column: str | None = None,
    recursive: bool = True,
    raw: bool = False,
    ids: _IdAllocator | None = None,
    prefix: str = "",
) -> Iterator[Article | RawArticle | IngestError]:
    """:func:`iter_corpus`, giving ids from ``ids`` (shared by the sources of one run), else from a
    new :class:`_IdAllocator` of its own; ``prefix``: see :meth:`_IdAllocator.unique`."""
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    if not isinstance(raw, bool):
        raise ValueError(f"raw must be True or False, not {raw!r}")
    _check_read_args(max_bytes, None)
    if text_column is not None and (not isinstance(text_column, str) or not text_column):
        raise ValueError(f"text_column must be a column name or None, not {text_column!r}")
    for item in _corpus_items(_as_path(path), max_bytes=max_bytes, text_column=text_column, recursive=recursive,
                              raw=raw, ids=ids, prefix=prefix):
        if isinstance(item, IngestError):
            if errors == "raise":
                raise item
            log.warning("skipped %s", item)
        yield item


def _source_root(source: str | os.PathLike[str]) -> str:
    """The folder a path source's files are named from: the folder, a file's folder, a glob's fixed part."""
    spec = os.fspath(source)
    path = Path(spec)
    if not path.exists() and any(ch in spec for ch in "*?["):
        fixed = list(itertools.takewhile(lambda part: not any(ch in part for ch in "*?["), path.parts))
        path = Path(*fixed) if fixed else Path(".")
    elif not path.is_dir():
        path = path.parent
    return os.path.abspath(path)


def _sources_items(
    sources: Sequence[str | os.PathLike[str]],
    *,
    errors: Literal["raise", "skip"] = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
    text_column: str | None = None,
    recursive: bool = True,
    raw: bool = False,
) -> Iterator[Article | RawArticle | IngestError]:
    """:func:`iter_corpus` over several path sources in turn, with ids unique over them all.

    One :class:`_IdAllocator` gives the ids of every source: an id given already (by
    this source or an earlier one) gets the file's path relative to the folder all
    sources share (``dA/story.txt`` and ``dB/story.txt`` → ``story`` and ``dB/story``),
    then a counter; the first repeat of the run warns (:class:`IngestWarning`). A
    bad article file keeps its id taken, so that no id depends on whether another file
    could be read. One source alone reads as :func:`iter_corpus` reads it (its repeats
    renamed without a warning). Used by :func:`~newsframe.corpus.analyze_corpus` and
    the command line.
    """
    if len(sources) == 1:
        yield from _iter_corpus(sources[0], errors=errors, max_bytes=max_bytes, text_column=text_column,
                                recursive=recursive, raw=raw)
        return
    roots = [_source_root(s) for s in sources]
    try:
        top: str | None = os.path.commonpath(roots)
    except ValueError:  # different drives
        top = None
    ids = _IdAllocator(warn=True)
    for source, root in zip(sources, roots):
        prefix = Path(os.path.relpath(root, top)).as_posix() if top is not None else Path(root).name
        yield from _iter_corpus(source, errors=errors, max_bytes=max_bytes, text_column=text_column,
                                recursive=recursive, raw=raw, ids=ids, prefix="" if prefix == "." else prefix)


class _SeenIds:
    """The ids a corpus has given so far, in 8 bytes each instead of a string each.

    A corpus keeps its ids unique, so it must remember every id it gave; a set of
    strings costs about 120 bytes per article, which a run over millions of articles
    would carry to its end. This keeps an 8-byte BLAKE2b digest per id in an
    open-addressing table (linear probing, at most half full). Two different ids share
    a digest with a chance of about n²/2⁶⁵ (about one in forty million at a million ids);
    the second is then taken for a repeat and gets its path-based id, which is checked
    in turn: ids stay unique and the same on every run, whatever the digests.

    >>> seen = _SeenIds()
    >>> seen.add("a"); "a" in seen, "b" in seen
    (True, False)
    """

    def __init__(self) -> None:
        self._slots = array("Q", bytes(8 * 64))  # 0 marks an empty slot
        self._n = 0

    @staticmethod
    def _digest(key: str) -> int:
        d = int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
        return d or 1

    def _slot(self, d: int) -> int:
        slots, mask = self._slots, len(self._slots) - 1
        i = d & mask
        while slots[i] and slots[i] != d:
            i = (i + 1) & mask
        return i

    def __contains__(self, key: str) -> bool:
        return self._slots[self._slot(self._digest(key))] != 0

    def __len__(self) -> int:
        return self._n

    def add(self, key: str) -> None:
        d = self._digest(key)
        i = self._slot(d)
        if self._slots[i]:
            return
        self._slots[i] = d
        self._n += 1
        if 2 * self._n > len(self._slots):
            old = self._slots
            self._slots = array("Q", bytes(16 * len(old)))
            for x in filter(None, old):
                self._slots[self._slot(x)] = x


class _IdAllocator:
    """The article ids a corpus (or a run over several sources) has given; a repeat gets a longer id.

    Ids are file stems, ``<table stem>:<row id>`` for table rows, row ids or labels for
    DataFrame rows. An id given already gets, for a file, the file's path relative to
    the corpus folder (``root``), without and then with its ending (a row keeps its
    ``:<row id>``), with ``prefix`` in front (over several sources: the source's folder
    relative to the folder all sources share, e.g. ``dB``); for a DataFrame row,
    ``prefix/<id>`` if there is a prefix. If that is taken too, a counter follows
    (``~2``, ``~3``…). Ids stay unique and the same on every run over the same sources.

    With ``warn=True`` (a run over several sources, a DataFrame) the first repeat is
    reported with an :class:`IngestWarning` naming ``where``, later ones are logged;
    one folder, glob or table (``warn=False``) renames its repeats silently.

    Memory: the ids are kept in a :class:`_SeenIds`, 8 bytes each.

    >>> ids = _IdAllocator()
    >>> ids.unique("a", "x"), ids.unique("b", "x"), ids.unique("b", "y", prefix="dB"), ids.unique("b", "z")
    ('a', 'b', 'dB/b', 'b~2')
    >>> root = Path("news")
    >>> [ids.unique(f.stem, f, file=f, root=root) for f in (root / "story.txt", root / "sub" / "story.txt",
    ...                                                   root / "story.md", root / "story.md")]
    ['story', 'sub/story', 'story.md', 'story.md~2']
    >>> ids.unique("t:1", "news/t.jsonl:1", file=root / "t.jsonl", root=root)
    't:1'
    >>> ids.unique("t:1", "more/t.jsonl:1", file=Path("more/t.jsonl"), root=Path("more"), prefix="more")
    'more/t:1'
    """

    def __init__(self, *, warn: bool = False) -> None:
        self._seen = _SeenIds()
        self._warn = warn
        self._repeats = 0

    def unique(self, aid: str, where: str | os.PathLike[str], *, file: Path | None = None, root: Path | None = None,
               prefix: str = "") -> str:
        """``aid``, or a longer id if it was given already, and take it.

        ``where`` names the article in the warning; ``file`` is its file (whose path
        relative to ``root`` names a repeat); ``prefix`` goes in front of a repeat's name.
        """
        seen = self._seen
        new_id = aid
        if new_id in seen:
            names: list[str] = []
            if file is not None:
                rel = file.relative_to(root) if root is not None and file.is_relative_to(root) else Path(file.name)
                for name in (rel.with_suffix("").as_posix(), rel.as_posix()):
                    name = f"{prefix}/{name}" if prefix else name
                    names.append(name + aid[len(file.stem):] if aid.startswith(file.stem) else f"{name}:{aid}")
            elif prefix:
                names.append(f"{prefix}/{aid}")
            for new_id in names:
                if new_id not in seen:
                    break
            base, k = new_id, 2
            while new_id in seen:
                new_id = f"{base}~{k}"
                k += 1
            if self._warn:
                self._repeats += 1
                if self._repeats == 1:
                    warn(f"{os.fspath(where)}: article id {aid!r} was already given to an earlier article of this "
                         f"run; it becomes {new_id!r} (a repeated id gets a longer one, so that every id is unique)",
                         IngestWarning)
                else:
                    log.info("%s: repeated article id %r becomes %r", os.fspath(where), aid, new_id)
        seen.add(new_id)
        return new_id


def _corpus_items(path: Path, *, max_bytes: int, text_column: str | None, recursive: bool, raw: bool = False,
                  ids: _IdAllocator | None = None, prefix: str = "") -> Iterator[Article | RawArticle | IngestError]:
    spec = str(path)
    root = path
    files: Iterable[Path | IngestError]
    one_file = False
    if any(ch in spec for ch in "*?[") and not path.exists():
        import glob

        # a broken link or link loop among the matches is read, and so reported
        matched = sorted(Path(p) for p in glob.glob(spec, recursive=True)
                         if _is_article_file(Path(Path(p).name))
                         and (Path(p).is_file() or Path(p).is_symlink() and not Path(p).is_dir()))
        if not matched:
            raise NoArticlesError(spec, "the pattern matches no article file")
        root = Path(os.path.commonpath([str(f.parent) for f in matched]))
        files = matched
    elif not path.exists():
        raise _path_error(path)
    elif path.is_dir():
        found = _article_files(path, recursive)
        first = next(found, None)
        if first is None:
            raise NoArticlesError(
                path, f"folder holds no article files ({', '.join(sorted({**ARTICLE_SUFFIXES, **TABLE_SUFFIXES}))})"
            )
        files = itertools.chain([first], found)
    else:
        files = [path]
        root = path.parent
        one_file = True
    alloc = ids if ids is not None else _IdAllocator()
    # folder and glob sources: a folder's files come together, so list its sidecars once
    folder_sidecars = None if one_file else lru_cache(maxsize=1)(_sidecar_names)

    def unique(aid: str, f: Path, where: str | Path) -> str:
        # a repeat gets the file's path relative to the corpus folder, then a counter
        return alloc.unique(aid, where, file=f, root=root, prefix=prefix)

    def unique_article(art: Article, f: Path) -> Article:
        new_id = unique(art.id, f, art.source)
        return art if new_id == art.id else replace(art, id=new_id)

    for f in files:
        if isinstance(f, IngestError):  # a folder entry that cannot be read (a link loop, a broken link)
            bad = Path(f.path)
            if bad.suffix.lower() in ARTICLE_SUFFIXES:
                unique(bad.stem, bad, bad)  # its id is taken, as if it could be read
            yield f
            continue
        suffix = f.suffix.lower()
        if suffix in TABLE_SUFFIXES:
            try:
                # a bad row is one error and the next row is read; a file-level error ends the file
                for i, line, row in _table_rows(f, max_bytes, text_column):
                    if isinstance(row, IngestError):
                        yield row
                        continue
                    try:
                        yield unique_article(_row_article(f, i, line, row, text_column, max_bytes=max_bytes), f)
                    except IngestError as exc:
                        yield exc
            except IngestError as exc:
                yield exc
        else:
            aid = unique(f.stem, f, f)
            try:
                item = _read_raw(f, aid, _format_of(f), max_bytes=max_bytes,
                                 sidecars=folder_sidecars(f.parent) if folder_sidecars else None)
                yield item if raw else item.load()
            except IngestError as exc:
                yield exc


def _article_files(folder: Path, recursive: bool) -> Iterator[Path | IngestError]:
    """Article files under ``folder`` in sorted path order, streamed.

    The same files and order as ``sorted(folder.rglob("*"))`` filtered by
    :func:`_is_article_file` (a depth-first walk with each folder's names sorted), but
    only one folder's file names are held in memory at a time, as strings: a corpus of
    millions of files does not need a list of millions of ``Path`` objects. Hidden
    folders and symbolic links to folders are not entered (as ``rglob`` does not).

    An entry that cannot be looked at comes, in its place in the order, as an
    :class:`IngestError` instead of a path: a symbolic link loop, a broken symbolic link
    with an article file name, a folder that cannot be listed.
    """
    names: list[str] = []
    folders: set[str] = set()
    bad: dict[str, IngestError] = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    is_dir = entry.is_dir()
                    is_file = not is_dir and entry.is_file()
                except OSError as exc:  # a link loop (or a target that cannot be looked at)
                    bad[entry.name] = _path_error(folder / entry.name, exc)
                    names.append(entry.name)
                    continue
                if is_dir:
                    if not entry.is_symlink() and recursive:
                        names.append(entry.name)
                        folders.add(entry.name)
                elif _is_article_file(Path(entry.name)):
                    if not is_file and entry.is_symlink():
                        bad[entry.name] = _path_error(folder / entry.name)
                    if is_file or entry.name in bad:
                        names.append(entry.name)
    except OSError as exc:
        yield _path_error(folder, exc)
        return
    names.sort()
    for name in names:
        if name in folders:
            yield from _article_files(folder / name, recursive)
        else:
            yield bad.get(name) or folder / name


def _is_article_file(p: Path) -> bool:
    """An article or table file (not a sidecar, checksum list or hidden file) by its name."""
    name = p.name.lower()
    if name.startswith(".") or any(name.endswith(s) for s in SIDECAR_SUFFIXES):
        return False
    if any(part.startswith(".") and part not in (".", "..") for part in p.parts[:-1]):
        return False
    return p.suffix.lower() in ARTICLE_SUFFIXES or p.suffix.lower() in TABLE_SUFFIXES


def load_corpus(
    path: str | os.PathLike[str],
    *,
    errors: Literal["raise", "skip"] = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
    text_column: str | None = None,
    recursive: bool = True,
) -> list[Article]:
    """Read every article of a folder, a glob, or a ``.jsonl``/``.csv`` table.

    Parameters
    ----------
    path : path
        A folder (searched recursively for .txt/.md/.html/.jsonl/.csv; sidecars and
        ``SHA256SUMS`` are not articles), a glob pattern, or one table file.
    errors : {"raise", "skip"}
        ``"raise"``: the first bad file raises its :class:`IngestError`.
        ``"skip"``: each bad file is reported (a :class:`IngestWarning` naming the file
        and the problem) and every good one is kept.
    max_bytes : int
        Per-article size limit: of each file, and of each table row's text (a table
        as a whole has no limit).
    text_column : str, optional
        The text column of a table (default: the first of :data:`TEXT_COLUMNS` present).

    Returns
    -------
    list of Article
        In sorted file order, then row order.

    Raises
    ------
    MissingPathError, NoArticlesError, MissingColumnError, IngestError

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> p = os.path.join(d, "c.jsonl")
    >>> _ = open(p, "w").write('{"id": "x1", "title": "T", "text": "Body text here."}\\n')
    >>> [(a.id, a.title, a.text) for a in load_corpus(p)]
    [('c:x1', 'T', 'Body text here.')]
    """
    good: list[Article] = []
    bad: list[IngestError] = []
    for item in iter_corpus(path, errors=errors, max_bytes=max_bytes, text_column=text_column, recursive=recursive):
        if isinstance(item, IngestError):
            bad.append(item)
            warn(f"skipped {item}", IngestWarning)
        else:
            good.append(item)
    if not good:
        problems = "; ".join(str(b) for b in bad[:5])
        raise NoArticlesError(Path(path), f"no readable article ({len(bad)} bad: {problems})" if bad else "no article found")
    return good


# --------------------------------------------------------------------------- checksums

def verify_checksums(folder: str | Path | None = None, *, sums_file: str = "SHA256SUMS") -> list[Path]:
    """Check every file listed in ``<folder>/SHA256SUMS`` against its recorded SHA-256.

    Parameters
    ----------
    folder : path, optional
        Default: the project's ``data/raw/``.

    Returns
    -------
    list of Path
        The files verified.

    Raises
    ------
    ChecksumError
        If a listed file is missing or modified (the message names it and both hashes).
    MissingPathError
        If there is no checksum file.
    """
    from newsframe.paths import raw_dir

    folder = Path(folder) if folder is not None else raw_dir()
    sums = folder / sums_file
    if not sums.is_file():
        raise MissingPathError(sums, "no checksum file; record one with `sha256sum FILES > SHA256SUMS`")
    checked = []
    for n, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"^([0-9a-fA-F]{64})\s+\*?(.+)$", line.strip())
        if not m:
            raise ChecksumError(sums, f"line {n} is not '<sha256>  <file>'")
        want, name = m.group(1).lower(), m.group(2)
        target = folder / name
        if not target.is_file():
            raise ChecksumError(target, f"listed in {sums_file} but missing")
        got = hashlib.sha256(target.read_bytes()).hexdigest()
        if got != want:
            raise ChecksumError(
                target, f"was modified: SHA-256 is {got}, {sums_file} records {want}. Raw data is read-only; "
                "restore it with `git checkout -- data/raw`"
            )
        checked.append(target)
    return checked


def _check_listed_sum(path: Path, got: str) -> None:
    """Raise :class:`ChecksumError` if ``path`` is listed in its folder's SHA256SUMS with another hash."""
    sums = path.parent / "SHA256SUMS"
    try:
        st = sums.stat()
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode):
        return
    recorded = _listed_sums(str(sums), st.st_mtime_ns, st.st_size).get(path.name)
    if recorded is not None and got != recorded.lower():
        raise ChecksumError(
            path, f"was modified: SHA-256 is {got}, SHA256SUMS records {recorded}. "
            "Raw data is read-only; restore it with `git checkout -- data/raw`"
        )


@lru_cache(maxsize=8)
def _listed_sums(sums: str, mtime_ns: int, size: int) -> dict[str, str]:
    """File name → hash recorded in a SHA256SUMS file (the first line naming a file wins).

    Parsed once per version of the file (its modification time and size are part of
    the key), not once per article: a corpus folder with a checksum list is read in
    linear time.
    """
    out: dict[str, str] = {}
    for line in Path(sums).read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([0-9a-fA-F]{64})\s+\*?(.+)$", line.strip())
        if m:
            out.setdefault(m.group(2), m.group(1))
    return out


def articles(paths: Iterable[str | Path]) -> list[Article]:
    """Load several article files (no error skipping). Convenience for notebooks."""
    return [load_article(p) for p in paths]
