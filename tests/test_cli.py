"""The command line: JSON contract and errors."""

from __future__ import annotations

import json

import pytest

from newsframe.cli import main

BASE_KEYS = {"id", "title", "section", "author", "published", "subheadings", "text", "paragraphs", "sentences"}


def test_analyze_json_shape(seed_path, capsys):
    assert main(["analyze", str(seed_path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (art,) = doc["articles"]
    assert BASE_KEYS <= set(art)
    assert art["title"] == "North Korea and Russia Now Look Like Real Allies"
    text = art["text"]
    for p in art["paragraphs"]:
        assert set(p) == {"index", "start", "end", "text", "subheading"}
        assert text[p["start"]:p["end"]] == p["text"]
    for s in art["sentences"]:
        assert {"index", "start", "end", "text", "paragraph"} <= set(s)
        assert text[s["start"]:s["end"]] == s["text"]


def test_analyze_human_output(seed_path, capsys):
    assert main(["analyze", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert "North Korea and Russia Now Look Like Real Allies" in out
    assert "17 paragraphs" in out


def test_analyze_missing_file_is_a_clean_error(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert "nope.txt" in err and "no such file" in err
    assert "Traceback" not in err


def test_verify_detects_modified_raw_file(tmp_path, capsys):
    import hashlib

    (tmp_path / "a.txt").write_text("original")
    digest = hashlib.sha256(b"original").hexdigest()
    (tmp_path / "SHA256SUMS").write_text(f"{digest}  a.txt\n")
    assert main(["verify", str(tmp_path)]) == 0
    (tmp_path / "a.txt").write_text("tampered")
    assert main(["verify", str(tmp_path)]) == 2
    assert "was modified" in capsys.readouterr().err


STORY = "The council approved the new budget on Tuesday after a long debate about the schools in the city."
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def test_skip_errors_skips_a_bad_named_file(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "img.txt").write_bytes(PNG)
    files = [str(tmp_path / "good.txt"), str(tmp_path / "img.txt")]
    assert main(["analyze", *files, "--skip-errors", "--json"]) == 0
    captured = capsys.readouterr()
    assert [a["id"] for a in json.loads(captured.out)["articles"]] == ["good"]
    assert captured.err.splitlines() == [f"newsframe: warning: skipped {files[1]}: looks like a PNG image, not text"]
    assert main(["analyze", *files, "--json"]) == 2  # without the flag the bad file is an error
    assert capsys.readouterr().err.startswith("newsframe: error:")
    assert main(["analyze", files[1], "--skip-errors"]) == 2  # nothing readable at all
    err = capsys.readouterr().err
    assert "no readable article (1 bad, skipped)" in err and "Traceback" not in err


def test_analyze_several_folders_gives_unique_ids_as_analyze_corpus(tmp_path, capsys):
    from newsframe.corpus import analyze_corpus

    for folder in ("dA", "dB"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(STORY)
    (tmp_path / "dB" / "sub").mkdir()
    (tmp_path / "dB" / "sub" / "story.txt").write_text(STORY)
    (tmp_path / "note.txt").write_text(STORY)
    (tmp_path / "dA" / "note.txt").write_text(STORY)
    paths = [str(tmp_path / "dA"), str(tmp_path / "dB"), str(tmp_path / "note.txt")]
    assert main(["analyze", *paths, "--json"]) == 0
    captured = capsys.readouterr()
    ids = [a["id"] for a in json.loads(captured.out)["articles"]]
    assert ids == ["note", "story", "dB/story", "dB/sub/story", "note.txt"]
    assert captured.err.splitlines() == [
        f"newsframe: warning: {tmp_path / 'dB' / 'story.txt'}: article id 'story' was already given to an earlier "
        "article of this run; it becomes 'dB/story' (a repeated id gets a longer one, so that every id is unique)"]
    with pytest.warns(Warning):
        assert list(analyze_corpus(paths, analyses=())["articles"]["article_id"]) == ids


def test_skipped_files_and_warnings_are_one_clean_line_each(tmp_path, capsys):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY)
    (folder / "img.txt").write_bytes(PNG)
    (folder / "empty.txt").write_text("")
    (folder / "latin.txt").write_bytes(("Caf\xe9 owners said " + STORY).encode("cp1252"))
    assert main(["analyze", str(folder), "--skip-errors", "--json"]) == 0
    captured = capsys.readouterr()
    assert sorted(a["id"] for a in json.loads(captured.out)["articles"]) == ["good", "latin"]
    lines = captured.err.splitlines()
    assert all(line.startswith("newsframe: warning: ") for line in lines), lines
    for name in ("img.txt", "empty.txt"):  # each skipped file reported once
        assert sum(name in line for line in lines) == 1, lines
    assert any("latin.txt: not UTF-8; decoded as cp1252" in line for line in lines)
    assert len(lines) == 3, lines
    assert ".py:" not in captured.err and "warnings.warn" not in captured.err  # no source lines


def test_empty_paths_are_refused(tmp_path, capsys):
    for argv in (["analyze", ""], ["analyze", str(tmp_path), "--out", ""]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
        assert "empty path" in capsys.readouterr().err


def test_corpus_mode_problems_are_one_line_errors(tmp_path, capsys):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(STORY)
    (tmp_path / "afile").write_text("x")
    (tmp_path / "theirs" / "mydata").mkdir(parents=True)
    cases = [
        (["--out", str(tmp_path / "afile" / "sub")], "afile is a file, not a folder"),
        (["--out", str(tmp_path / "theirs")], "holds files that analyze_corpus did not write"),
        (["--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:notaport"], "'notaport' is not a port"),
        (["--out", str(tmp_path / "o"), "--scheduler", "foo://bar"], "unknown protocol 'foo'"),
    ]
    for extra, problem in cases:
        assert main(["analyze", str(tmp_path / "c"), *extra]) == 2
        err = capsys.readouterr().err
        lines = [line for line in err.splitlines() if not line.startswith("analyzed ")]
        assert len(lines) == 1 and lines[0].startswith("newsframe: error:") and problem in lines[0], err


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path, capsys):
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(STORY)
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        rc = main(["analyze", str(tmp_path / "c"), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1"])
    assert rc == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if not line.startswith("analyzed ")]
    assert lines == [lines[0]] and lines[0].startswith("newsframe: error: cannot connect to the Dask scheduler at "
                                                      "scheduler='tcp://127.0.0.1:1'"), err
