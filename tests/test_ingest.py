"""Reading articles: the seed's golden structure, formats, corpora, encodings and every bad input."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from newsframe.chrome import RULES
from newsframe.errors import (
    BinaryFileError,
    ChecksumError,
    DecodingError,
    EmptyFileError,
    FileTooLargeError,
    IngestError,
    MissingColumnError,
    MissingPathError,
    NewsframeError,
    NoArticlesError,
    UnsupportedFormatError,
)
from newsframe.ingest import (
    Article,
    IngestWarning,
    Paragraph,
    build_article,
    english_share,
    iter_corpus,
    load_article,
    load_corpus,
    read_text,
    verify_checksums,
)

DATA = Path(__file__).parent / "data" / "ingest"
ROOT = Path(__file__).resolve().parents[1]

SEED_TITLE = "North Korea and Russia Now Look Like Real Allies"
SEED_SUBHEADINGS = (
    "North Korea Interested in Russian Satellite Technology",
    "Kim, Putin Promise Closer Cooperation",
    "Closer Military Cooperation Expected",
)
#: Page chrome of the seed (from ../shared/seed/SOURCE.md): none of it may reach the body.
SEED_CHROME = (
    "Connect with us",
    "Hi, what are you looking for?",
    "The Embassy",
    "Replace Kim Jong-un",
    "Image: Creative Commons.",
    "Written By",
    "John Rossomando is a",
    "His work has been featured",
    "first-place award",
)


def check_offsets(art: Article) -> None:
    assert isinstance(art.paragraphs, tuple)
    for i, p in enumerate(art.paragraphs):
        assert isinstance(p, Paragraph) and p.index == i
        assert art.text[p.start:p.end] == p.text
        assert p.text and p.text == p.text.strip()
        assert p.subheading is None or p.subheading in art.subheadings
    assert art.text == "\n\n".join(p.text for p in art.paragraphs)


def copy_seed(seed_path: Path, folder: Path) -> Path:
    target = folder / seed_path.name
    shutil.copyfile(seed_path, target)
    return target


# --------------------------------------------------------------------------- the seed

def check_seed(art: Article) -> None:
    assert art.title == SEED_TITLE
    assert art.section == "The Embassy"
    assert art.author == "John Rossomando"
    assert art.subheadings == SEED_SUBHEADINGS
    assert len(art.paragraphs) == 17
    check_offsets(art)
    for chrome_text in SEED_CHROME:
        assert chrome_text not in art.text
    assert art.paragraphs[0].text.startswith("North Korean leader Kim Jong Un reportedly pledged full support")
    assert art.paragraphs[-1].text.endswith("It consists simply in demonstrating the capabilities of the Pacific Fleet,” "
                                            "Putin said.")
    # subheading of every paragraph: 4 before the first, then 6, 3 and 4
    assert [p.subheading for p in art.paragraphs] == [None] * 4 + [SEED_SUBHEADINGS[0]] * 6 + [
        SEED_SUBHEADINGS[1]] * 3 + [SEED_SUBHEADINGS[2]] * 4
    assert all(r.rule in RULES for r in art.removed)


def test_seed_with_sidecar(seed_article, seed_path):
    check_seed(seed_article)
    assert seed_article.published is None  # the sidecar says: not known
    assert seed_article.metadata["event_date"] == "2023-09-13"
    assert seed_article.id == seed_path.stem
    assert seed_article.source == str(seed_path)
    assert seed_article.sha256 == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert seed_article.encoding == "utf-8" and seed_article.format == "txt"


def test_seed_without_sidecar(seed_path, tmp_path):
    art = load_article(copy_seed(seed_path, tmp_path))
    check_seed(art)
    assert art.metadata == {}
    # every line of the file is a paragraph, or removed with a rule
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    removed = {r.line: r for r in art.removed}
    kept = set(p.text for p in art.paragraphs)
    for n, line in enumerate(lines, 1):
        if line.strip():
            assert (n in removed) != (line.strip() in kept), n
    assert {n: r.rule for n, r in removed.items()} == {
        1: "navigation", 3: "navigation", 5: "section", 7: "headline", 9: "caption", 10: "image-credit",
        20: "subheading", 34: "subheading", 42: "subheading", 52: "author-bio", 54: "author-bio", 56: "author-bio"}


def test_sidecar_wins_over_heuristics_and_argument_wins_over_sidecar(seed_path, tmp_path):
    path = copy_seed(seed_path, tmp_path)
    (tmp_path / f"{path.stem}.meta.yaml").write_text("title: A Title From The Sidecar\nauthor: null\nextra: 3\n")
    art = load_article(path)
    assert art.title == "A Title From The Sidecar"
    assert art.author is None  # null in the sidecar means unknown, and it wins
    assert art.section == "The Embassy"  # not in the sidecar: heuristics
    assert art.metadata["extra"] == 3
    assert load_article(path, metadata={"title": "Given"}).title == "Given"


def test_use_sidecar_false_shows_the_heuristics(seed_path):
    art = load_article(seed_path, use_sidecar=False)
    check_seed(art)
    assert art.metadata == {}


def test_json_sidecar(seed_path, tmp_path):
    path = copy_seed(seed_path, tmp_path)
    (tmp_path / f"{path.stem}.meta.json").write_text(json.dumps({"published": "2023-09-15"}))
    assert load_article(path).published == "2023-09-15"


def test_bad_sidecar(seed_path, tmp_path):
    path = copy_seed(seed_path, tmp_path)
    (tmp_path / f"{path.stem}.meta.yaml").write_text("- just\n- a list\n")
    with pytest.raises(IngestError, match="meta.yaml.*mapping"):
        load_article(path)
    (tmp_path / f"{path.stem}.meta.yaml").write_text("title: [unclosed\n")
    with pytest.raises(IngestError, match="cannot be parsed"):
        load_article(path)


def test_load_is_deterministic_across_hash_seeds(seed_path):
    code = ("import json, sys; from newsframe.ingest import load_article; a = load_article(sys.argv[1]); "
            "print(json.dumps([a.id, a.title, a.subheadings, [(p.start, p.end, p.subheading) for p in a.paragraphs], "
            "[(r.line, r.rule) for r in a.removed]]))")
    outs = []
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.append(subprocess.run([sys.executable, "-c", code, str(seed_path)], env=env, capture_output=True,
                                   text=True, check=True).stdout)
    assert outs[0] == outs[1] and outs[0]


def test_txt_does_not_import_html_machinery(seed_path):
    code = ("import sys; from newsframe.ingest import load_article; load_article(sys.argv[1]); "
            "print(sorted(m for m in ('trafilatura', 'lxml', 'charset_normalizer', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(seed_path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- formats

def test_text_markdown_and_html_agree():
    arts = {fmt: load_article(DATA / f"harbour-page.{fmt}") for fmt in ("txt", "md", "html")}
    for fmt, art in arts.items():
        check_offsets(art)
        assert art.format == fmt
        assert art.id == "harbour-page"
        assert art.author == "Maria Okafor"
        assert art.published == "2024-03-03"
        assert art.title.startswith("Harbour Bridge Repairs Will Close Two Lanes Until Spring")
        assert art.text.startswith("The city will close two lanes of the Harbour Bridge from Monday")
        assert "What drivers should expect" in art.subheadings
        assert "Related" not in art.text and "©" not in art.text
    assert arts["txt"].text == arts["html"].text
    assert arts["txt"].subheadings == arts["html"].subheadings
    assert arts["txt"].section == arts["md"].section == "Local News"


def test_format_override(tmp_path):
    path = tmp_path / "story.dat"
    path.write_text("# Heading\n\nThe body of a story in Markdown, saved with an odd ending.\n")
    with pytest.raises(UnsupportedFormatError, match="'.dat'"):
        load_article(path)
    art = load_article(path, format="md")
    assert art.title == "Heading" and art.format == "md"
    with pytest.raises(ValueError, match="'txt', 'md', 'html'"):
        load_article(path, format="docx")


def test_html_saved_as_txt(tmp_path):
    path = tmp_path / "page.txt"
    shutil.copyfile(DATA / "harbour-page.html", path)
    with pytest.warns(IngestWarning, match="page.txt.*HTML"):
        art = load_article(path)
    assert art.format == "html"
    assert art.text == load_article(DATA / "harbour-page.html").text


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_from_text_reads_windows_and_old_mac_line_ends_as_files_are_read(eol):
    lf = "Kim meets Putin\nat the cosmodrome.\n\nThey talked."
    art = Article.from_text(lf.replace("\n", eol))
    assert art.text == Article.from_text(lf).text == "Kim meets Putin at the cosmodrome.\n\nThey talked."
    assert len(art.paragraphs) == 2


def test_from_text_and_build_article_offsets():
    art = Article.from_text("  One line.\nSame paragraph.\n\n\n  Two.  \n \n", id="x", title="T")
    assert [p.text for p in art.paragraphs] == ["One line. Same paragraph.", "Two."]
    check_offsets(art)
    pieces = [("α" * k + " end.", None if k < 3 else f"Sub {k // 3}") for k in range(1, 9)]
    built = build_article(pieces, id="y")
    check_offsets(built)
    assert built.subheadings == ("Sub 1", "Sub 2")
    assert built.n_words == 16
    with pytest.raises(Exception):
        built.text = "changed"  # frozen


def test_english_share():
    assert english_share("The cat sat on the mat and it was happy.") > 0.3
    assert english_share("Der Hund schläft im Garten und die Katze auch.") < 0.1
    assert english_share("1234 !!!") != english_share("1234 !!!")  # NaN when there are no words


# --------------------------------------------------------------------------- corpora

def test_corpus_tables_with_metadata_columns():
    csv_arts = load_corpus(DATA / "corpus.csv")
    assert [a.id for a in csv_arts] == ["corpus:c1", "corpus:c2"]
    first = csv_arts[0]
    assert (first.title, first.author, first.published) == ("Library extends hours", "Ana Ruiz", "2024-01-15")
    assert first.metadata["outlet"] == "Harbour Gazette"
    assert [p.text for p in first.paragraphs] == ["The central library will stay open until 9 p.m. on weekdays.",
                                                  "Funding comes from a new city grant."]
    assert csv_arts[1].author is None  # empty cell
    jsonl = load_corpus(DATA / "corpus.jsonl")
    assert [a.id for a in jsonl] == ["corpus:a1", "corpus:a2"]
    assert jsonl[0].section == "Transport" and jsonl[0].published == "2024-02-01"
    assert jsonl[1].metadata["source_url"] == "https://example.org/market"
    for art in csv_arts + jsonl:
        check_offsets(art)
        assert art.format == "row" and art.source.startswith(str(DATA))


def test_folder_corpus_ids_are_stable_and_unique():
    ids = [a.id for a in load_corpus(DATA)]
    assert ids == [a.id for a in load_corpus(DATA)]
    assert len(ids) == len(set(ids)) == 7
    assert ids[-3:] == ["harbour-page", "harbour-page.md", "harbour-page.txt"]


def test_seen_ids_behave_as_a_set_of_strings():
    # the compact id table against a plain set: many doublings, non-ASCII and undecodable
    # file-name characters (surrogate escapes), repeats
    import random

    from newsframe.ingest import _SeenIds

    rng = random.Random(7)
    alphabet = "ab-_.é\u4e2d\udcff0123456789"
    keys = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(5000)]
    seen, plain = _SeenIds(), set()
    for i, key in enumerate(keys):
        assert (key in seen) == (key in plain)
        if i % 3:
            seen.add(key)
            plain.add(key)
    assert len(seen) == len(plain)
    assert all(k in seen for k in plain)
    assert not any(k + "!" in seen for k in keys)  # never added ("!" is not in the alphabet)


def test_corpus_ids_stay_unique_when_two_ids_share_a_digest(tmp_path, monkeypatch):
    # a digest collision makes an id look taken: it gets its path-based id, never a duplicate
    from newsframe.ingest import _SeenIds

    story = "A perfectly fine story sentence that we keep for the test."
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(story)
    real = _SeenIds._digest
    monkeypatch.setattr(_SeenIds, "_digest", staticmethod(lambda key: real("a" if key == "b" else key)))
    ids = [a.id for a in load_corpus(tmp_path)]
    assert ids == ["a", "b.txt", "c"]
    assert ids == [a.id for a in load_corpus(tmp_path)]


def _write_two_sources(tmp_path: Path) -> list[Path]:
    story = "A perfectly fine story sentence that we keep for the test."
    for rel, text in (("dA/note.txt", ""), ("dA/story.txt", story), ("dA/sub/story.txt", story),
                      ("dA/t.jsonl", json.dumps({"id": 1, "text": story}) + "\n"),
                      ("dB/note.txt", story), ("dB/story.md", story), ("dB/story.txt", story),
                      ("dB/t.jsonl", json.dumps({"id": 1, "text": story}) + "\n")):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return [tmp_path / "dA", tmp_path / "dB"]


def test_one_id_allocator_gives_the_ids_of_several_sources(tmp_path, caplog):
    # one allocator for the whole run: a repeat, within a source or over sources, gets its path
    # relative to the folder the sources share, then a counter; the first repeat warns
    import inspect
    import logging

    from newsframe.ingest import _IdAllocator, _sources_items

    sources = _write_two_sources(tmp_path)
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.INFO, logger="newsframe.ingest"):
        warnings.simplefilter("always")
        items = list(_sources_items(sources, errors="skip"))
    assert kinds_and_ids(items) == ["EmptyFileError@note.txt", "story", "dA/sub/story", "t:1",
                                    "dB/note", "dB/story", "dB/story.txt", "dB/t:1"]
    repeats = [str(w.message) for w in caught if issubclass(w.category, IngestWarning)]
    assert len(repeats) == 1 and repeats[0].startswith(
        f"{tmp_path / 'dA' / 'sub' / 'story.txt'}: article id 'story' was already given to an earlier article")
    assert "it becomes 'dA/sub/story'" in repeats[0]
    logged = [r.getMessage() for r in caplog.records if "repeated article id" in r.getMessage()]
    assert len(logged) == 4 and logged[0].endswith("repeated article id 'note' becomes 'dB/note'")
    # the bad dA/note.txt kept its id taken ("dB/note" above); the other way round, the
    # repeats of the first source get its folder too, as do all repeats over several sources
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IngestWarning)
        assert kinds_and_ids(_sources_items(sources[::-1], errors="skip")) == [
            "note", "story", "dB/story", "t:1", "EmptyFileError@note.txt", "dA/story", "dA/sub/story", "dA/t:1"]
    with pytest.raises(EmptyFileError):
        list(_sources_items(sources, errors="raise"))
    # one source: its own allocator, the ids of before and no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [a.id for a in iter_corpus(sources[1])] == ["note", "story", "story.txt", "t:1"]
    assert list(inspect.signature(iter_corpus).parameters) == [  # the allocator is not public
        "path", "errors", "max_bytes", "text_column", "recursive", "raw"]
    # the allocator alone: a DataFrame's rows (no file) get a counter
    ids = _IdAllocator(warn=True)
    with pytest.warns(IngestWarning, match="<DataFrame>:1: article id 'a' .* becomes 'a~2'"):
        assert [ids.unique(a, f"<DataFrame>:{k}") for k, a in enumerate("aab")] == ["a", "a~2", "b"]


def test_glob_and_text_column(tmp_path):
    (tmp_path / "a.txt").write_text("A short story that is long enough to keep as a paragraph.")
    (tmp_path / "a.meta.yaml").write_text("title: A\n")
    (tmp_path / "b.jsonl").write_text('{"story_body": "Body one."}\n')
    arts = load_corpus(str(tmp_path / "*"), errors="skip", text_column="story_body")
    assert [a.id for a in arts] == ["a", "b:1"]
    assert arts[0].title == "A"


def test_corpus_sidecars_from_folder_listings_match_the_per_file_lookup(tmp_path):
    # a corpus lists each folder's sidecars once instead of looking them up per file;
    # the walk goes top → sub → top again, a sidecar may be a symlink, a folder is no sidecar
    story = "A perfectly fine story sentence that we keep for the test."
    for rel in ["a.txt", "b.txt", "sub/c.txt", "sub/d.txt", "z.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(story)
    (tmp_path / "a.meta.yaml").write_text("title: From A\n")
    (tmp_path / "b.meta.yaml").mkdir()
    (tmp_path / "sub" / "c.meta.json").write_text('{"title": "From C"}')
    os.symlink(tmp_path / "a.meta.yaml", tmp_path / "sub" / "d.meta.yaml")
    (tmp_path / "z.meta.yml").write_text("title: From Z\n")
    titles = {a.id: a.title for a in load_corpus(tmp_path)}
    assert titles == {Path(p).stem: load_article(p).title for p in sorted(tmp_path.rglob("*.txt"))}
    assert [titles[k] for k in ("a", "c", "d", "z")] == ["From A", "From C", "From A", "From Z"]
    assert titles["b"] != "From A"


def test_folder_walk_order_and_skips(tmp_path):
    # files in sorted path order (a folder's files sort by its name: "a/…" before "a-b"),
    # hidden files and folders, sidecars and symlinked folders left out, symlinked files kept
    story = "A perfectly fine story sentence that we keep for the test."
    for rel in ["a-b.txt", "a/b.txt", "a/c/d.md", "a/.hidden/x.txt", ".h.txt", "b.txt", "b.meta.yaml",
                "Z.txt", "a0.txt", "sub dir/q.txt", "notes.pdf"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(story if not rel.endswith(".yaml") else "title: B\n")
    os.symlink(tmp_path / "a", tmp_path / "linked")
    os.symlink(tmp_path / "b.txt", tmp_path / "c-link.txt")
    rels = [str(Path(a.source).relative_to(tmp_path)) for a in iter_corpus(tmp_path, errors="skip")
            if not isinstance(a, Exception)]
    assert rels == ["Z.txt", "a/b.txt", "a/c/d.md", "a-b.txt", "a0.txt", "b.txt", "c-link.txt", "sub dir/q.txt"]
    top = [str(Path(a.source).relative_to(tmp_path)) for a in iter_corpus(tmp_path, errors="skip", recursive=False)
           if not isinstance(a, Exception)]
    assert top == ["Z.txt", "a-b.txt", "a0.txt", "b.txt", "c-link.txt"]


def test_iter_corpus_streams_errors_as_values(tmp_path):
    (tmp_path / "good.txt").write_text("A perfectly fine story sentence that we keep.")
    (tmp_path / "empty.txt").write_text("")
    items = list(iter_corpus(tmp_path, errors="skip"))
    assert [type(i).__name__ for i in items] == ["EmptyFileError", "Article"]


def test_raw_articles_parse_later_into_the_same_articles(tmp_path):
    story = "A perfectly fine story sentence that we keep for the test."
    for rel in ("a/x.txt", "b/x.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "a" / "x.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # found bad only when parsed
    (tmp_path / "b" / "x.txt").write_text(story)
    (tmp_path / "c.txt").write_text("")  # found bad while reading
    raw = list(iter_corpus(tmp_path, errors="skip", raw=True))
    assert [type(i).__name__ for i in raw] == ["RawArticle", "RawArticle", "EmptyFileError"]
    # ids follow the listing whether or not a file can be read: the unreadable a/x.txt keeps "x"
    assert [r.id for r in raw[:2]] == ["x", "b/x"]
    assert raw[1].sha256 == hashlib.sha256(story.encode()).hexdigest()
    with pytest.raises(BinaryFileError, match="PNG"):
        raw[0].load()
    parsed = list(iter_corpus(tmp_path, errors="skip"))
    assert [type(i).__name__ for i in parsed] == ["BinaryFileError", "Article", "EmptyFileError"]
    assert parsed[1] == raw[1].load()
    assert parsed[1].id == "b/x" and parsed[1].text == story
    single = load_article(tmp_path / "b" / "x.txt")
    assert (single.text, single.sha256, single.paragraphs) == (parsed[1].text, parsed[1].sha256, parsed[1].paragraphs)
    with pytest.raises(ValueError, match="raw must be True or False"):
        next(iter_corpus(tmp_path, raw="yes"))


def test_raw_article_load_warns_like_load_article(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 society: a fine sentence for the test of encodings.".encode("cp1252"))
    (raw,) = iter_corpus(tmp_path, raw=True)
    assert raw.source.endswith("latin.txt") and raw.format == "txt"
    with pytest.warns(IngestWarning, match="latin.txt: not UTF-8; decoded as cp1252"):
        art = raw.load()
    assert art.text.startswith("Caf\xe9 society") and art.encoding == "cp1252"


# --------------------------------------------------------------------------- bad input

def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        ("empty.txt", b"", EmptyFileError, "file is empty"),
        ("blank.txt", b" \n\t\n  \r\n", EmptyFileError, "only white space"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, BinaryFileError, "PNG image"),
        ("blob.txt", b"abc\x00\x01\x02def" * 50, BinaryFileError, "NUL bytes"),
        ("bom.txt", b"\xef\xbb\xbfgood start \xff\xfe bad", DecodingError, "byte-order mark"),
        ("chrome.txt", b"Home\n\nMenu\n\nSearch\n", EmptyFileError, "no story text"),
        ("notes.pdf", b"%PDF-1.4 whatever", UnsupportedFormatError, "unsupported file type '.pdf'"),
        ("table.csv", b"text\nhello\n", UnsupportedFormatError, "use load_corpus"),
    ],
)
def test_bad_files_raise_specific_errors(tmp_path, name, data, error, message):
    path = write(tmp_path / name, data)
    with pytest.raises(error, match=message) as info:
        load_article(path)
    assert isinstance(info.value, IngestError) and isinstance(info.value, NewsframeError)
    assert info.value.path == str(path) and name in str(info.value)


def test_missing_path(tmp_path):
    with pytest.raises(MissingPathError, match="nope.txt: no such file") as info:
        load_article(tmp_path / "nope.txt")
    assert isinstance(info.value, FileNotFoundError)
    with pytest.raises(MissingPathError):
        load_corpus(tmp_path / "nowhere")
    with pytest.raises(MissingPathError):
        read_text(tmp_path / "nope.txt")


def test_folder_is_not_an_article(tmp_path):
    with pytest.raises(UnsupportedFormatError, match="load_corpus"):
        read_text(tmp_path)


def test_size_limit(tmp_path):
    path = write(tmp_path / "big.txt", b"A sentence that repeats itself. " * 100)
    with pytest.raises(FileTooLargeError, match="3,200 bytes, over the limit of 1,000"):
        load_article(path, max_bytes=1000)
    assert load_article(path, max_bytes=5000).text
    for bad in (0, -5, 2.5, True, "10"):
        with pytest.raises(ValueError, match="max_bytes"):
            read_text(path, max_bytes=bad)


def test_forced_encoding(tmp_path):
    path = write(tmp_path / "x.txt", "naïve text".encode("utf-8"))
    with pytest.raises(DecodingError, match="cannot be decoded as ascii"):
        read_text(path, encoding="ascii")
    assert read_text(path, encoding="latin-1")[0] == "naÃ¯ve text"
    with pytest.raises(ValueError, match="unknown encoding"):
        read_text(path, encoding="no-such-codec")


@pytest.mark.parametrize(
    ("data", "expected", "encoding"),
    [
        ("Plain café text.".encode("utf-8"), "Plain café text.", "utf-8"),
        ("\ufeffWith BOM.".encode("utf-8"), "With BOM.", "utf-8-sig"),
        ("Sixteen bits.".encode("utf-16"), "Sixteen bits.", "utf-16"),
        ("Sixteen bits, no BOM.".encode("utf-16-le"), "Sixteen bits, no BOM.", "utf-16-le"),
        ("caf\xe9".encode("cp1252"), "café", "cp1252"),
        ("“Smart quotes” — and a café, déjà vu à Noël.".encode("cp1252"),
         "“Smart quotes” — and a café, déjà vu à Noël.", "cp1252"),
        ('<meta charset="iso-8859-2"><p>Zażółć</p>'.encode("iso-8859-2"), '<meta charset="iso-8859-2"><p>Zażółć</p>',
         "iso8859-2"),
        ("Line one\r\nLine two\rLine three".encode("utf-8"), "Line one\nLine two\nLine three", "utf-8"),
    ],
)
def test_encodings_are_detected_and_named(tmp_path, data, expected, encoding):
    path = write(tmp_path / "enc.txt", data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text, used, sha = read_text(path)
    assert (text, used) == (expected, encoding)
    assert sha == hashlib.sha256(data).hexdigest()
    not_utf8 = [w for w in caught if issubclass(w.category, IngestWarning)]
    assert bool(not_utf8) == (encoding not in ("utf-8", "utf-8-sig"))
    if not_utf8:
        assert encoding in str(not_utf8[0].message) and "enc.txt" in str(not_utf8[0].message)


def test_cyrillic_single_byte_is_not_read_as_western(tmp_path):
    text = "Президент России встретился с лидером Северной Кореи на космодроме Восточный. " * 3
    path = write(tmp_path / "ru.txt", text.encode("cp1251"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        decoded, used, _ = read_text(path)
    assert decoded == text and used != "cp1252"


def test_non_english_text_warns_naming_the_file(tmp_path):
    de = tmp_path / "bericht.txt"
    de.write_text("Der Bundestag hat am Donnerstag über den Haushalt für das kommende Jahr beraten. "
                  "Die Opposition kritisierte die geplanten Kürzungen bei der Bahn scharf und forderte Nachbesserungen.")
    with pytest.warns(IngestWarning, match="bericht.txt.*not look like English"):
        load_article(de)
    zh = tmp_path / "xinwen.txt"
    zh.write_text("朝鲜领导人金正恩访问俄罗斯，与普京总统在东方航天发射场举行会谈。双方讨论了军事和太空技术合作，"
                  "并就地区局势交换了意见。分析人士认为，这次会面显示两国关系日益密切。")
    with pytest.warns(IngestWarning, match="xinwen.txt.*Latin"):
        load_article(zh)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_article(de, check_language=False)
        load_article(DATA / "harbour-page.txt")


def test_sidecar_language_is_trusted(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Ein kurzer Bericht über das Wetter in Berlin, der lang genug ist, um ein Absatz zu sein.")
    (tmp_path / "story.meta.yaml").write_text("language: de\n")
    with pytest.warns(IngestWarning, match="language is 'de'"):
        load_article(path)


def test_warnings_name_the_callers_line(tmp_path):
    # however deep in newsframe a warning is raised, it names the line of the caller's code: the
    # call, or the loop that reads a generator (it used to name lines of newsframe's own code)
    german = ("Der Stadtrat hat am Dienstag nach einer langen Debatte \u00fcber die Schulen den neuen Haushalt "
              "beschlossen, und die Opposition hat dagegen gestimmt.")
    latin = write(tmp_path / "latin.txt", "Caf\xe9 owners said the council met on Monday.".encode("cp1252"))
    (tmp_path / "bericht.txt").write_text(german)
    (tmp_path / "page.txt").write_text("<html><body><p>The council met on Monday.</p></body></html>")
    write(tmp_path / "t.csv", f"id,text\n1,Caf\xe9 owners said so.\n2,\"{german}\"\n".encode("cp1252"))
    (tmp_path / "u.jsonl").write_text(json.dumps({"text": german}) + "\n")
    (tmp_path / "empty.txt").write_text("")

    def warned_at(call) -> list[tuple[str, str]]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
        assert caught
        return [(w.filename, str(w.message)) for w in caught]

    for call in (lambda: load_article(latin), lambda: load_article(tmp_path / "bericht.txt"),
                 lambda: load_article(tmp_path / "page.txt"), lambda: read_text(latin),
                 lambda: load_corpus(tmp_path / "t.csv"), lambda: load_corpus(tmp_path / "u.jsonl"),
                 lambda: load_corpus(tmp_path, errors="skip"),
                 lambda: next(iter_corpus(tmp_path, raw=True, errors="skip")).load()):
        assert {at for at, _ in warned_at(call)} == {__file__}, warned_at(call)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loop = sys._getframe().f_lineno + 1
        for _ in iter_corpus(tmp_path / "t.csv"):  # not UTF-8; row 2 is not English
            pass
    assert [(w.filename, w.lineno) for w in caught] == [(__file__, loop)] * 2


def test_folder_with_no_articles(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "notes.meta.yaml").write_text("title: x\n")
    with pytest.raises(NoArticlesError, match="no article files"):
        load_corpus(tmp_path)
    with pytest.raises(NoArticlesError, match="matches no article file"):
        load_corpus(str(tmp_path / "*.txt"))


@pytest.mark.parametrize(
    ("name", "content"),
    [("rows.csv", "title,author\nA,B\n"), ("rows.jsonl", '{"title": "A", "author": "B"}\n')],
)
def test_table_without_text_column(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(MissingColumnError, match=f"{name}: no text column .*found title, author"):
        load_corpus(path)


def test_malformed_tables(tmp_path):
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text('{"text": "ok"}\n{"text": \n')
    with pytest.raises(IngestError, match="bad.jsonl:2: invalid JSON"):
        load_corpus(bad_json)
    not_object = tmp_path / "list.jsonl"
    not_object.write_text('["text"]\n')
    with pytest.raises(IngestError, match="must be an object"):
        load_corpus(not_object)
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("text\nfine,extra\n")
    with pytest.raises(IngestError, match="more fields than the header"):
        load_corpus(ragged)
    empty_row = tmp_path / "empty_row.csv"
    empty_row.write_text("id,text\nr1,\n")
    with pytest.raises(EmptyFileError, match="empty_row.csv:2.*empty 'text'"):
        load_corpus(empty_row)


def test_long_csv_fields_are_read(tmp_path):
    body = "A long sentence of the story. " * 10_000
    path = tmp_path / "long.csv"
    path.write_text(f'text\n"{body}"\n')
    assert load_corpus(path)[0].text == body.strip()


def test_skip_reports_each_bad_file_and_keeps_every_good_one(tmp_path):
    (tmp_path / "good1.txt").write_text("The first good story has a sentence of reasonable length.")
    (tmp_path / "good2.md").write_text("# Two\n\nThe second good story is in Markdown.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "rows.csv").write_text("title\nno text here\n")
    (tmp_path / "table.jsonl").write_text('{"text": "Row one is fine."}\n{"text": ""}\n')
    with pytest.raises(IngestError):
        load_corpus(tmp_path)  # errors="raise" is the default
    with pytest.warns(IngestWarning) as caught:
        arts = load_corpus(tmp_path, errors="skip")
    assert [a.id for a in arts] == ["good1", "good2", "table:1"]
    messages = " ".join(str(w.message) for w in caught)
    for bad in ("binary.txt", "empty.txt", "rows.csv", "table.jsonl:2"):
        assert bad in messages
    with pytest.raises(ValueError, match="'raise' or 'skip'"):
        load_corpus(tmp_path, errors="ignore")


def test_only_bad_files_is_no_articles(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.warns(IngestWarning), pytest.raises(NoArticlesError, match="no readable article.*empty.txt"):
        load_corpus(tmp_path, errors="skip")


def kinds_and_ids(items) -> list[str]:
    """An item list as ``["t:1", "IngestError@t.jsonl:2", …]``: article ids, error classes and paths."""
    return [f"{type(x).__name__}@{Path(x.path).name}" if isinstance(x, IngestError) else x.id for x in items]


def test_a_bad_table_row_is_one_error_and_the_next_rows_are_read(tmp_path):
    rows = ['{"id": "a", "text": "The first row is a fine story."}',
            '{"id": "b", "text": ',  # malformed JSON
            '["not", "an", "object"]',
            '{"id": "c", "title": "no text field in this row"}',
            '',
            '{"text": "A row without an id keeps its line number."}',
            '[' * 5000,  # nested too deeply for the JSON parser
            '{"id": "d", "text": "The last row is fine as well."}']
    (tmp_path / "t.jsonl").write_text("\n".join(rows) + "\n")
    items = list(iter_corpus(tmp_path / "t.jsonl", errors="skip"))
    assert kinds_and_ids(items) == ["t:a", "IngestError@t.jsonl:2", "IngestError@t.jsonl:3",
                                    "MissingColumnError@t.jsonl:4", "t:6", "IngestError@t.jsonl:7", "t:d"]
    assert "invalid JSON" in str(items[1]) and "must be an object" in str(items[2])
    assert "row 4 has no text column" in str(items[3]) and "nested too deeply" in str(items[5])
    (tmp_path / "c.csv").write_text("id,text\nr1,First row text.\nr2,too,many\nr3\nr4,\"Quoted,\nover two lines.\"\n"
                                    "r5,Last row text.\n")
    items = list(iter_corpus(tmp_path / "c.csv", errors="skip"))
    # errors and sources name the line a row starts on (the message its row number)
    assert kinds_and_ids(items) == ["c:r1", "IngestError@c.csv:3", "EmptyFileError@c.csv:4", "c:r4", "c:r5"]
    assert "row 2 has more fields than the header" in str(items[1]) and "row 3 has empty" in str(items[2])
    assert items[3].text == "Quoted, over two lines."
    assert [Path(a.source).name for a in (items[0], items[3], items[4])] == ["c.csv:2", "c.csv:5", "c.csv:7"]
    with pytest.warns(IngestWarning) as caught:
        assert [a.id for a in load_corpus(tmp_path, errors="skip")] == ["c:r1", "c:r4", "c:r5", "t:a", "t:6", "t:d"]
    assert len(caught) == 6 and "c.csv:3" in str(caught[0].message) and "t.jsonl:7" in str(caught[-1].message)


@pytest.mark.parametrize(
    ("name", "content", "found"),
    [("h.csv", "id,body_text\n", "found id, body_text in the header"),
     ("h.csv", "id,body_text\n1,x\n2,y\n", "found id, body_text in the header"),
     ("f.jsonl", '\n{"title": "A"}\n{"text": "Later rows do not count."}\n', "found title in the first row, line 2")],
)
def test_a_table_without_a_text_column_is_one_error(tmp_path, name, content, found):
    # a CSV header without the column, or a first JSONL object row without it: one error for the file
    (tmp_path / name).write_text(content)
    items = list(iter_corpus(tmp_path / name, errors="skip"))
    assert len(items) == 1 and type(items[0]) is MissingColumnError
    assert items[0].path == str(tmp_path / name) and found in str(items[0])
    # a wrong text_column: one error, not one per row
    table = DATA / f"corpus{Path(name).suffix}"
    assert kinds_and_ids(iter_corpus(table, errors="skip", text_column="nope")) == [f"MissingColumnError@{table.name}"]


@pytest.mark.parametrize(
    ("value", "kind"),
    [("12345", "a number (12345)"), ("true", "a boolean (true)"), ("1.5", "a number (1.5)"),
     ('["a", "list"]', "a list"), ('{"nested": "dict"}', "an object")],
)
def test_text_that_is_not_a_string_is_a_row_error(tmp_path, value, kind):
    path = tmp_path / "t.jsonl"
    path.write_text(f'{{"text": "A good first row."}}\n{{"text": {value}}}\n{{"text": "A good last row."}}\n')
    items = list(iter_corpus(path, errors="skip"))
    assert kinds_and_ids(items) == ["t:1", "IngestError@t.jsonl:2", "t:3"]
    assert str(items[1]).endswith(f"t.jsonl:2: row 2: 'text' is {kind}, not a string")


def test_other_fields_of_a_row_are_type_checked(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('{"id": 7, "title": 2024, "text": "An int id and title are fine."}\n'
                    '{"id": NaN, "text": "NaN is no id: the line number is."}\n'
                    '{"text": NaN}\n'
                    '{"title": {"a": 1}, "text": "An object title is not."}\n'
                    '{"id": [1], "text": "Nor is a list id."}\n'
                    '{"author": true, "text": "Nor a true/false author."}\n'
                    '{"text": "Nor an unpaired \\ud800 surrogate."}\n')
    items = list(iter_corpus(path, errors="skip"))
    assert kinds_and_ids(items) == ["t:7", "t:2", "EmptyFileError@t.jsonl:3", "IngestError@t.jsonl:4",
                                    "IngestError@t.jsonl:5", "IngestError@t.jsonl:6", "DecodingError@t.jsonl:7"]
    assert items[0].title == "2024"
    assert "'title' is an object" in str(items[3]) and "'id' is a list" in str(items[4])
    assert "'author' is a boolean (true)" in str(items[5]) and "unpaired surrogate" in str(items[6])
    # a CSV cell is text as it stands
    (tmp_path / "c.csv").write_text("id,text\n1,nan\n2,12345\n")
    assert [a.text for a in load_corpus(tmp_path / "c.csv")] == ["nan", "12345"]


def test_large_tables_are_streamed_with_a_per_row_limit(tmp_path):
    import tracemalloc

    lines = [json.dumps({"id": f"r{k}", "title": f"Title {k}",
                         "text": f"Row {k} says: the council met. " * 100 + "\n\nAgain."}) for k in range(400)]
    lines[100] = json.dumps({"id": "long", "text": "x" * 5000})
    path = tmp_path / "big.jsonl"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode())  # with a byte-order mark, CRLF
    size = path.stat().st_size
    assert size > 1_200_000
    in_memory = list(iter_corpus(path, errors="skip", max_bytes=10_000_000))
    tracemalloc.start()
    try:
        n = 0
        for item in iter_corpus(path, errors="skip", max_bytes=4000):  # the table is 300 times that
            n += 1
            if n == 101:
                assert isinstance(item, FileTooLargeError) and item.path == f"{path}:101"
                assert "row 101: 'text' is 5,000 bytes, over the limit of 4,000" in str(item)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert n == 400 and peak < size / 4  # the table is not held in memory (reading it whole takes over `size`)
    streamed = list(iter_corpus(path, errors="skip", max_bytes=4000))
    del in_memory[100], streamed[100]
    assert [(a.id, a.title, a.text, a.sha256, a.metadata) for a in streamed] == \
        [(a.id, a.title, a.text, a.sha256, a.metadata) for a in in_memory]
    assert streamed[0].id == "big:r0" and streamed[0].text.endswith("the council met.\n\nAgain.")


def test_large_csv_tables_are_streamed_with_long_fields(tmp_path):
    import csv

    saved = csv.field_size_limit()
    csv.field_size_limit(131_072)  # the default: fields longer than this need the limit raised
    try:
        path = tmp_path / "big.csv"
        long_text = "A long sentence of the story. " * 6000  # 180,000 bytes
        path.write_text("id,text\r\n" + "".join(f'r{k},"Row {k}, fine.\r\n\r\nSecond."\r\n' for k in range(3000))
                        + f'long,"{long_text}"\r\ntoo,"{long_text * 2}"\r\nlast,Last.\r\n')
        assert path.stat().st_size > 500_000
        arts = list(iter_corpus(path, errors="skip", max_bytes=200_000))
        assert kinds_and_ids(arts[-3:]) == ["big:long", "FileTooLargeError@big.csv:9003", "big:last"]
        assert arts[-3].text == long_text.strip() and arts[0].text == "Row 0, fine.\n\nSecond."
        # a field over ten times the limit (an unclosed quote, say) ends the file with one clear error
        path.write_text('id,text\r\n1,First.\r\n2,"unclosed ' + "x" * 2_500_000 + "\r\n")
        items = list(iter_corpus(path, errors="skip", max_bytes=200_000))
        assert kinds_and_ids(items) == ["big:1", "FileTooLargeError@big.csv:3"]
        assert "has a field over" in str(items[1])
    finally:
        csv.field_size_limit(saved)


def test_large_table_encodings(tmp_path):
    rows = "".join(json.dumps({"text": f"Caf\u00e9 story number {k}."}, ensure_ascii=False) + "\n" for k in range(500))
    path = tmp_path / "t.jsonl"
    path.write_bytes(rows.encode("utf-16"))
    arts = list(iter_corpus(path, max_bytes=1000))
    assert len(arts) == 500 and arts[-1].text == "Caf\u00e9 story number 499."
    path.write_bytes(rows.encode("cp1252"))  # cannot be streamed: one clear error
    with pytest.raises(DecodingError, match="t.jsonl: invalid UTF-8 .*streamed and must be UTF-8"):
        list(iter_corpus(path, max_bytes=1000))
    # a bad byte past the first 64 KB of a UTF-8 table: an error for its row only
    data = ("".join(json.dumps({"text": f"Story number {k}."}) + "\n" for k in range(5000))).encode()
    cut = data.index(b"Story number 4000")
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    items = list(iter_corpus(path, errors="skip", max_bytes=1000))
    assert len(items) == 5000 and kinds_and_ids(items)[4000] == "DecodingError@t.jsonl:4001"
    assert "not valid UTF-8" in str(items[4000]) and items[4001].id == "t:4002"


def _items_and_peak_memory(path, **kwargs):
    """The items of ``iter_corpus(path, errors="skip", **kwargs)`` and the peak memory allocated reading them."""
    import tracemalloc

    tracemalloc.start()
    try:
        items = list(iter_corpus(path, errors="skip", **kwargs))
        return items, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_huge_table_line_is_skipped_without_reading_it_whole(tmp_path):
    # a streamed table reads each line only up to its limit (20 times max_bytes): a huge line (here
    # 20 MB; a file without newlines, say) is one error for its row, skipped in bounded pieces
    def row(k: int) -> str:
        return json.dumps({"id": f"r{k}", "text": f"Row {k} says the council met on Monday."}) + "\n"

    path = tmp_path / "t.jsonl"
    huge = 20_000_000
    with open(path, "w") as fh:
        fh.write(row(1) + '{"id": "huge", "text": "' + "x" * huge + '"}\n' + row(3))
        fh.write('{"text": "' + "y" * huge)  # the last line, without a newline
    items, peak = _items_and_peak_memory(path, max_bytes=1000)
    assert kinds_and_ids(items) == ["t:r1", "FileTooLargeError@t.jsonl:2", "t:r3", "FileTooLargeError@t.jsonl:4"]
    assert str(items[1]) == (f"{path}:2: line 2 is over 20,000 characters, the limit for one line (20 times "
                             "max_bytes); it is skipped unread (pass max_bytes= to raise it)")
    assert peak < huge / 10, peak  # never more than a bounded piece of the line in memory
    # a row over max_bytes within the line limit keeps its own message
    path.write_text(row(1) + json.dumps({"text": "z" * 5000}) + "\n" + row(3))
    items = list(iter_corpus(path, errors="skip", max_bytes=1000))
    assert kinds_and_ids(items) == ["t:r1", "FileTooLargeError@t.jsonl:2", "t:r3"]
    assert "row 2: 'text' is 5,000 bytes, over the limit of 1,000 bytes" in str(items[1])


def test_a_huge_csv_line_skips_its_record_and_reading_goes_on(tmp_path):
    path = tmp_path / "c.csv"
    with open(path, "w", newline="") as fh:
        fh.write("id,text\r\n1,First row.\r\n")
        fh.write('2,"' + "a" * 30_000 + '\r\nstill the ""field""\r\n' + "b" * 30_000 + '"\r\n')  # lines 3-5
        fh.write("3,Third row.\r\n")
        fh.write("4," + "z" * 20_000_000 + "\r\n")  # line 7
        fh.write("5,Fifth row.\r\n6,a,b,c\r\n7,Seventh row.\r\n")
    items, peak = _items_and_peak_memory(path, max_bytes=1000)
    assert kinds_and_ids(items) == ["c:1", "FileTooLargeError@c.csv:3", "c:3", "FileTooLargeError@c.csv:7", "c:5",
                                    "IngestError@c.csv:9", "c:7"]  # the lines after the skipped ones are named right
    assert "row 2: line 3 is over 20,000 characters" in str(items[1]) and "row 4: line 7" in str(items[3])
    assert peak < 2_000_000, peak
    # a quoted field that never closes: one error, the rest of the file is not read
    path.write_text('id,text\n1,First row.\n2,"' + "a" * 30_000 + "\n3,Third.\n")
    items = list(iter_corpus(path, errors="skip", max_bytes=1000))
    assert kinds_and_ids(items) == ["c:1", "FileTooLargeError@c.csv:3"]
    assert "its quoted field does not close before the end of the file" in str(items[1])
    path.write_text("id," + "h" * 30_000 + "\n1,x\n")
    with pytest.raises(FileTooLargeError, match="c.csv:1: the header line is over 20,000 characters"):
        list(iter_corpus(path, max_bytes=1000))


def test_csv_row_errors_name_the_line_the_row_starts_on(tmp_path):
    # (were: the line before the row for a field over the limit, the row's last line for the others)
    import csv

    saved = csv.field_size_limit()
    csv.field_size_limit(1000)  # with max_bytes=1000, a field may be 10,000 characters
    try:
        path = tmp_path / "c.csv"
        path.write_text('id,text\n1,First.\n2,"' + "x" * 15_000 + '"\n3,Third.\n')  # a streamed file
        items = list(iter_corpus(path, errors="skip", max_bytes=1000))
        assert kinds_and_ids(items) == ["c:1", "FileTooLargeError@c.csv:3"]
        assert str(items[1]).startswith(f"{path}:3: row 2 has a field over 10,000 characters")
        # rows over several lines, a blank line, a skipped long line, and a bad byte past the first 64 KB
        padding = "".join(f"p{k},{'The council met. ' * 55}\n" for k in range(70))  # lines 9-78
        path.write_bytes(('id,text\n1,"First\nrow."\n2,"too\nmany",fields\n3,"long\n' + "z" * 25_000 + '"\n\n'
                          + padding).encode() + b'4,"a bad \xff\nbyte"\n5,"' + b"a" * 6000 + b"\n" + b"b" * 6000
                         + b'"\n')
        items = list(iter_corpus(path, errors="skip", max_bytes=1000))
        assert kinds_and_ids(items[:3] + items[-2:]) == ["c:1", "IngestError@c.csv:4", "FileTooLargeError@c.csv:6",
                                                         "DecodingError@c.csv:79", "FileTooLargeError@c.csv:81"]
        assert [str(x).split(": ")[1] for x in items[1:3] + items[-2:]] == [
            "row 2 has more fields than the header", "row 3", "row 74 holds bytes that are not valid UTF-8",
            "row 75 has a field over 10,000 characters; the rest of the file is not read, as where that row ends "
            "cannot be found (pass a larger max_bytes= if the row is meant)"]
        assert "row 3: line 7 is over 20,000 characters" in str(items[2])
        assert len(items) == 75 and items[-3].id == "c:p69"
    finally:
        csv.field_size_limit(saved)


def test_symlink_loops_and_broken_links_are_errors_in_their_place(tmp_path):
    story = "A perfectly fine story sentence that we keep for the test."
    (tmp_path / "a.txt").write_text(story)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(story)
    (tmp_path / "sub" / "b.txt").write_text(story)
    os.symlink("b.txt", tmp_path / "b.txt")  # a link loop, named like an article
    os.symlink("loop", tmp_path / "loop")  # a link loop, maybe meant as a folder
    os.symlink("gone.txt", tmp_path / "c.txt")  # broken
    os.symlink("gone.pdf", tmp_path / "d.pdf")  # broken, but no article anyway
    items = list(iter_corpus(tmp_path, errors="skip"))
    assert kinds_and_ids(items) == ["a", "IngestError@b.txt", "MissingPathError@c.txt", "IngestError@loop",
                                    "sub/b", "sub/c"]  # the unreadable b.txt and c.txt keep their ids
    assert "symbolic link loop" in str(items[1]) and "broken symbolic link" in str(items[2])
    assert str(items[1]).startswith(str(tmp_path / "b.txt"))
    with pytest.raises(IngestError, match="b.txt: symbolic link loop"):
        load_article(tmp_path / "b.txt")
    with pytest.raises(MissingPathError, match="c.txt: broken symbolic link"):
        load_article(tmp_path / "c.txt")
    with pytest.raises(IngestError, match="symbolic link loop"):
        load_corpus(tmp_path / "b.txt")
    glob_items = list(iter_corpus(str(tmp_path / "*.txt"), errors="skip"))
    assert kinds_and_ids(glob_items) == ["a", "IngestError@b.txt", "MissingPathError@c.txt"]


@pytest.mark.parametrize("bad", ["5", 0, -1, True, 2.5])
def test_corpus_max_bytes_is_checked(tmp_path, bad):
    (tmp_path / "a.txt").write_text("A perfectly fine story sentence that we keep.")
    with pytest.raises(ValueError, match="max_bytes must be a positive integer"):
        load_corpus(tmp_path, max_bytes=bad)
    with pytest.raises(ValueError, match="max_bytes must be a positive integer"):
        next(iter_corpus(tmp_path, errors="skip", max_bytes=bad))


def test_bad_arguments_and_folders_are_named(tmp_path):
    folder = tmp_path / "stories"
    folder.mkdir()
    with pytest.raises(UnsupportedFormatError, match="stories: is a folder; use load_corpus"):
        load_article(folder)
    with pytest.raises(TypeError, match="path must be a file or folder path .*not NoneType"):
        load_article(None)
    with pytest.raises(TypeError, match="path must be"):
        load_corpus(None)
    with pytest.raises(ValueError, match="text_column must be"):
        load_corpus(folder, text_column=3)
    story = folder / "a.txt"
    story.write_text("A perfectly fine story sentence that we keep.")
    with pytest.raises(TypeError, match="metadata must be a mapping .*not str"):
        load_article(story, metadata="x")
    with pytest.raises(TypeError, match="metadata must be a mapping"):
        Article.from_text("Some text.", metadata="x")
    with pytest.raises(TypeError, match="text must be a str"):
        Article.from_text(None)


def test_unclosed_front_matter_is_named(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("---\ntitle: A Title\n\nThe story text follows but the front matter never closed.\n")
    with pytest.raises(EmptyFileError, match="story.md: .*front matter .* is never closed"):
        load_article(path)
    path.write_text("---\ntitle: A Title\n---\n\nThe story text follows the closed front matter.\n")
    assert load_article(path).title == "A Title"


# --------------------------------------------------------------------------- checksums

def test_modified_raw_file_is_refused(seed_path, tmp_path):
    path = copy_seed(seed_path, tmp_path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    (tmp_path / "SHA256SUMS").write_text(f"{digest}  {path.name}\n")
    assert load_article(path).title == SEED_TITLE
    assert verify_checksums(tmp_path) == [path]
    path.write_bytes(path.read_bytes().replace(b"Real Allies", b"Fake Allies"))
    with pytest.raises(ChecksumError, match="was modified"):
        load_article(path)
    with pytest.raises(ChecksumError, match=f"{path.name}.*was modified"):
        verify_checksums(tmp_path)
    path.unlink()
    with pytest.raises(ChecksumError, match="missing"):
        verify_checksums(tmp_path)


def test_checksum_list_is_read_again_when_it_changes(seed_path, tmp_path):
    # the list is parsed once per version of the file, not per article, and a new version is seen
    path = copy_seed(seed_path, tmp_path)
    good = hashlib.sha256(path.read_bytes()).hexdigest()
    sums = tmp_path / "SHA256SUMS"
    sums.write_text(f"{good}  {path.name}\n")
    assert load_article(path).title == SEED_TITLE
    sums.write_text(f"{'0' * 64}  {path.name}\n{good}  other.txt\n")
    os.utime(sums, ns=(1, 1))  # even with an old time stamp: the size differs
    with pytest.raises(ChecksumError, match="was modified"):
        load_article(path)


def test_checksum_file_problems(tmp_path):
    with pytest.raises(MissingPathError, match="no checksum file"):
        verify_checksums(tmp_path)
    (tmp_path / "SHA256SUMS").write_text("not a checksum line\n")
    with pytest.raises(ChecksumError, match="line 1"):
        verify_checksums(tmp_path)


def test_project_raw_data_is_intact():
    checked = verify_checksums(ROOT / "data" / "raw")
    assert any(p.suffix == ".txt" for p in checked)


def test_ingest_errors_survive_pickling_for_worker_processes():
    import pickle

    from newsframe import errors

    for name in ("IngestError", "MissingPathError", "EmptyFileError", "BinaryFileError", "DecodingError",
                 "FileTooLargeError", "UnsupportedFormatError", "NoArticlesError", "MissingColumnError",
                 "ChecksumError"):
        err = getattr(errors, name)("/data/raw/a.txt", "file is empty")
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err)
        assert (back.path, back.problem, str(back)) == ("/data/raw/a.txt", "file is empty", str(err))


def test_reading_a_csv_leaves_the_csv_modules_field_limit_alone(tmp_path):
    # the csv module's field limit is process-wide: a table with a long field is read (the limit
    # is raised while a record is read), and afterwards, and between rows, the limit is the caller's
    import csv

    saved = csv.field_size_limit()
    csv.field_size_limit(1000)
    try:
        path = tmp_path / "long.csv"
        path.write_text('id,text\n1,"' + "A long story. " * 500 + '"\n2,Short.\n')  # a 7,000-character field
        rows = iter_corpus(path, max_bytes=10_000)
        first = next(rows)
        assert csv.field_size_limit() == 1000 and len(first.text) > 6000
        assert [a.id for a in rows] == ["long:2"] and csv.field_size_limit() == 1000
        with pytest.raises(csv.Error, match="field larger than field limit"):
            list(csv.reader(io.StringIO('"' + "x" * 2000 + '"\n')))  # the caller's own reading keeps its limit
    finally:
        csv.field_size_limit(saved)
