"""The ``newsframe`` command line: thin wrappers around the package's functions.

Examples
--------
>>> main(["--version"])  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Literal, Sequence, TextIO

from newsframe import __version__

__all__ = ["main", "build_parser"]


def _path(text: str) -> Path:
    """A path argument; an empty one is refused (``Path("")`` would silently be the current folder)."""
    if not text:
        raise argparse.ArgumentTypeError("empty path (for the current folder give '.')")
    return Path(text)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newsframe`` command."""
    parser = argparse.ArgumentParser(
        prog="newsframe",
        description="How news articles tell a story: keywords, sentiment, frames and voices.",
    )
    parser.add_argument("--version", action="version", version=f"newsframe {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyze articles and print the result (text or --json)")
    p.add_argument("paths", nargs="+", type=_path, help="article files (.txt/.md/.html) or folders/tables of them")
    p.add_argument("--json", action="store_true", help="print the JSON document instead of text")
    p.add_argument("--skip-errors", action="store_true", help="report bad files and go on with the good ones")
    p.add_argument("--out", type=_path, default=None,
                   help="corpus mode: write tidy Parquet tables to this folder (new or empty, or one an earlier "
                   "run wrote; e.g. data/processed/my-corpus), "
                   "streaming in chunks; re-running resumes; bad articles go to the errors table")
    p.add_argument("--jobs", type=int, default=1, help="with --out: local worker processes (-1: all cores)")
    p.add_argument("--scheduler", default=None, help="with --out: address of a Dask scheduler (tcp://host:8786)")
    p.add_argument("--chunk-size", type=int, default=None, help="with --out: articles per chunk/Parquet file")
    p.set_defaults(func=_cmd_analyze)

    p = sub.add_parser("verify", help="verify data/raw against its SHA256SUMS")
    p.add_argument("folder", nargs="?", type=Path, default=None, help="folder holding SHA256SUMS (default data/raw)")
    p.set_defaults(func=_cmd_verify)

    p = sub.add_parser("report", help="write the annotated article as one self-contained HTML page")
    p.add_argument("path", type=Path, help="an article file (.txt/.md/.html)")
    p.add_argument("-o", "--output", type=Path, default=None, help="the .html file (default reports/<article-id>.html)")
    p.add_argument("--no-figure", action="store_true", help="leave out the summary figure (faster)")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("notebooks", help="run the numbered notebook series on an article into reports/<article-id>/")
    p.add_argument("path", type=Path, help="an article file (.txt/.md/.html)")
    p.add_argument("--out", type=Path, default=None, help="output folder (default reports/<article-id>)")
    p.add_argument("--only", action="append", default=None, metavar="NN",
                   help="run only the notebook(s) numbered NN (repeatable), e.g. --only 06")
    p.add_argument("--no-report", action="store_true", help="do not write the HTML page")
    p.set_defaults(func=_cmd_notebooks)
    return parser


def _load(paths: Sequence[Path], skip: bool) -> list[Any]:
    """The articles of the named files and folders; with ``skip`` a bad file, named or found
    in a folder, is reported once (one line on stderr) and left out.

    Ids are unique over all the paths, as in :func:`~newsframe.corpus.analyze_corpus`
    with several sources: a repeated one (``dA/story.txt`` and ``dB/story.txt``) gets its
    path relative to the folder the paths share (``story``, ``dB/story``), then a counter.
    """
    from newsframe.errors import IngestError, NoArticlesError
    from newsframe.ingest import _sources_items

    errors: Literal["raise", "skip"] = "skip" if skip else "raise"
    # iter_corpus reports each bad file it skips (one log line); load_corpus would warn a second time
    items = _sources_items(paths, errors=errors)
    arts = []
    n_bad = 0
    for item in items:
        if isinstance(item, IngestError):
            n_bad += 1
        else:
            arts.append(item)
    if not arts:
        raise NoArticlesError(", ".join(map(str, paths)), f"no readable article ({n_bad} bad, skipped)")
    return arts


def _cmd_analyze(args: argparse.Namespace) -> int:
    if args.out is not None:
        from newsframe.corpus import run_analyze_command

        return run_analyze_command(args.paths, out=args.out, n_jobs=args.jobs, scheduler=args.scheduler,
                                   chunk_size=args.chunk_size)
    if args.jobs != 1 or args.scheduler is not None or args.chunk_size is not None:
        print("newsframe: error: --jobs, --scheduler and --chunk-size need --out", file=sys.stderr)
        return 2
    from newsframe.pipeline import analyze_articles

    doc = analyze_articles(_load(args.paths, args.skip_errors))
    if args.json:
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for rec in doc["articles"]:
            _print_record(rec)
    return 0


def _print_record(rec: dict[str, Any]) -> None:
    out = sys.stdout.write
    out(f"== {rec['id']}\n")
    for key in ("title", "section", "author", "published"):
        out(f"{key:>12}: {rec.get(key) or '(unknown)'}\n")
    out(f"{'subheadings':>12}: {'; '.join(rec['subheadings']) or '(none)'}\n")
    out(f"{'size':>12}: {len(rec['paragraphs'])} paragraphs, {len(rec['sentences'])} sentences, "
        f"{len(rec['text'].split())} words\n")
    sub = object()
    for para in rec["paragraphs"]:
        if para["subheading"] != sub and para["subheading"]:
            out(f"\n  ## {para['subheading']}\n")
        sub = para["subheading"]
        out(f"\n  [{para['index']}] {para['start']}-{para['end']}\n")
        for s in rec["sentences"]:
            if s["paragraph"] == para["index"]:
                extra = ""
                if "sentiment" in s:
                    extra = f"  ({s['sentiment']['label']} {s['sentiment']['compound']:+.2f})"
                out(f"    {s['index']:>3}. {s['text']}{extra}\n")
    skip = {"id", "title", "section", "author", "published", "subheadings", "text", "paragraphs", "sentences"}
    for key, value in rec.items():
        if key in skip:
            continue
        out(f"\n  {key}:\n")
        items = value if isinstance(value, list) else [value]
        for item in items[:15]:
            out(f"    {json.dumps(item, ensure_ascii=False)[:160]}\n")
    out("\n")


def _cmd_verify(args: argparse.Namespace) -> int:
    from newsframe.ingest import verify_checksums

    checked = verify_checksums(args.folder)
    print(f"ok: {len(checked)} raw files match SHA256SUMS")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from newsframe.ingest import load_article
    from newsframe.paths import reports_dir
    from newsframe.report import write_report

    art = load_article(args.path)
    out = write_report(art, args.output or reports_dir() / f"{art.id}.html", figure=not args.no_figure)
    print(f"wrote {out}")
    return 0


def _cmd_notebooks(args: argparse.Namespace) -> int:
    from newsframe.notebooks import run_series

    def progress(msg: str) -> None:
        print(msg, flush=True)

    from newsframe.notebooks import SeriesError

    try:
        written = run_series(args.path, out=args.out, only=args.only, report=not args.no_report, progress=progress)
    except ValueError as exc:
        print(f"newsframe: error: {exc}", file=sys.stderr)
        return 2
    except SeriesError as exc:
        for name, err in exc.failures:
            print(f"newsframe: error: {name} failed: {err}", file=sys.stderr)
        print(f"newsframe: {len(exc.failures)} notebook(s) failed; {len(exc.written)} files written, the failed "
              "notebooks with their error", file=sys.stderr)
        return 1
    print(f"done: {len(written)} files in {written[0].parent if written else args.out}")
    return 0


class _OneLineHandler(logging.Handler):
    """newsframe's log warnings as ``newsframe: warning: <message>`` lines on (the current) ``sys.stderr``."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            _write_line(sys.stderr, f"newsframe: {record.levelname.lower()}: {record.getMessage()}")
        except Exception:  # noqa: BLE001 - as logging.Handler does
            self.handleError(record)


def _write_line(stream: TextIO, text: str) -> None:
    stream.write(" ".join(text.split()) + "\n")
    stream.flush()


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: TextIO | None = None, line: str | None = None) -> None:
    """A warning as one line, ``newsframe: warning: <message>``, without the source line that issued it."""
    text = str(message)
    if not issubclass(category, UserWarning):  # a library's DeprecationWarning…: say which kind
        text = f"{category.__name__}: {text}"
    try:
        _write_line(file if file is not None else sys.stderr, f"newsframe: warning: {text}")
    except OSError:  # stderr closed
        pass


@contextmanager
def _messages() -> Iterator[None]:
    """While the command runs, warnings and newsframe's log warnings are one clean line each on stderr."""
    logger = logging.getLogger("newsframe")
    handler = _OneLineHandler(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False  # else Python's last-resort handler prints them a second time
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = _show_warning
            yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for bad input, with a one-line message).

    Warnings and skipped files are reported as one line each on stderr
    (``newsframe: warning: …``).
    """
    from newsframe.errors import NewsframeError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with _messages():
            return int(args.func(args) or 0)
    except NewsframeError as exc:
        print(f"newsframe: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
