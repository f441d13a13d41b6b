"""Nothing in newsframe needs NLTK data or the network.

The whole pipeline runs in a fresh interpreter with ``NLTK_DATA`` pointing at an empty
folder, ``nltk.data.path`` emptied, ``nltk.download`` and every socket connection
(and DNS lookup) made to fail; and no module of the package calls ``nltk.download``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "newsframe"

PIPELINE = r"""
import json, socket, sys

def refuse(*args, **kwargs):
    raise RuntimeError("network access attempted")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

import nltk
import nltk.data

nltk.data.path[:] = []

def no_download(*args, **kwargs):
    raise RuntimeError("nltk.download called")

nltk.download = no_download
nltk.downloader.download = no_download

from newsframe.ingest import load_article
from newsframe.pipeline import article_record
from newsframe.text import (lemmatize, load_sentence_rules, normalize, split_sentences, stem,
                            stopwords, tokenize_words)

article = load_article(sys.argv[1])
sentences = split_sentences(article)
tokens = [t for s in sentences for t in tokenize_words(s.text)]
content = [t.text for t in tokens if t.text.lower() not in stopwords()]
lemmas = [lemmatize(w) for w in content]
stems = [stem(w) for w in content]
norm = normalize(article.text)
params = load_sentence_rules().punkt_parameters()
record = article_record(article)
json.dumps(record)
assert nltk.data.path == []
print(json.dumps({
    "sentences": len(sentences),
    "tokens": len(tokens),
    "lemmas": len(lemmas),
    "stems": len(stems),
    "normalized": len(norm.text),
    "abbrev_types": len(params.abbrev_types),
    "record_sentences": len(record["sentences"]),
    "record_keys": sorted(record),
}))
"""


def test_pipeline_runs_without_nltk_data_or_network(tmp_path: Path, seed_path: Path) -> None:
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {
        **os.environ,
        "NLTK_DATA": str(empty),
        "HOME": str(tmp_path),  # no ~/nltk_data either
        "PYTHONPATH": str(ROOT / "src"),
    }
    res = subprocess.run(
        [sys.executable, "-c", PIPELINE, str(seed_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["sentences"] == out["record_sentences"] == 32
    assert out["tokens"] > 700 and out["lemmas"] == out["stems"] > 300
    assert out["abbrev_types"] > 100
    assert {"id", "title", "text", "paragraphs", "sentences"} <= set(out["record_keys"])
    assert not any(empty.iterdir()), "something was written to the NLTK data folder"


def test_the_guard_really_blocks_the_network(tmp_path: Path) -> None:
    """The same guard makes a connection attempt fail (so the test above can fail)."""
    code = PIPELINE.split("import nltk\n", 1)[0] + (
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('example.org', 80), timeout=1)\n"
        "except RuntimeError as exc:\n"
        "    print('blocked:', exc)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and "blocked: network access attempted" in res.stdout


_DOWNLOAD = re.compile(
    r"nltk\s*\.\s*download\s*\(|from\s+nltk(?:\.downloader)?\s+import\s+[^\n]*\bdownload\b|nltk\.downloader\.download"
)


def test_no_module_calls_nltk_download() -> None:
    files = sorted(SRC.rglob("*.py"))
    assert len(files) > 5
    offenders = [str(p.relative_to(ROOT)) for p in files if _DOWNLOAD.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_download_pattern_catches_a_call() -> None:
    assert _DOWNLOAD.search("import nltk\nnltk.download('punkt')\n")
    assert _DOWNLOAD.search("from nltk import download\n")
    assert not _DOWNLOAD.search("# never call nltk's downloader; NLTK data is not available\n")
