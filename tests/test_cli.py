"""The command line: JSON contract and errors."""

from __future__ import annotations

import json

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
