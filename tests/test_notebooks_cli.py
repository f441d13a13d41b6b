"""Any article, one command: `newsframe notebooks PATH` / `make reproduce ARTICLE=...`.

The articles are generated here, one of each kind (.html page with chrome, Markdown,
plain text saved from a page). Only one test runs the whole series (slow); the
others run a single notebook.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from newsframe.cli import main
from newsframe.notebooks import (SeriesError, notebook_paths, parameter_names, run_notebook, run_series,
                                 series_table)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Grain Deal Collapses as Ports Close | The Daily Ledger</title>
<meta name="author" content="Maria Okafor"><meta property="article:published_time" content="2024-03-05T08:00:00Z">
<script>window.dataLayer=[];</script></head>
<body><header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/subscribe">Subscribe</a></nav></header>
<main><article>
<h1>Grain Deal Collapses as Ports Close</h1>
<p class="byline">By Maria Okafor</p>
<p>The Black Sea grain agreement collapsed on Monday after Russia refused to extend it, leaving ships stranded in
Odesa and sending wheat prices sharply higher.</p>
<p>"This is a blow to the world's poorest countries," said Antonio Guterres, the United Nations secretary-general.
He urged Moscow to return to the talks.</p>
<h2>Prices jump</h2>
<p>Wheat futures rose eight percent in Chicago. Traders said the market had feared the worst for weeks, and farmers
in Egypt and Kenya worried about bread prices.</p>
<p>"We are not going to be blackmailed," Dmitry Peskov, the Kremlin spokesman, told reporters. Ukraine accused
Russia of using food as a weapon.</p>
<h2>What comes next</h2>
<p>Turkey offered to mediate a new deal. Officials in Ankara said they hoped for progress within days, but analysts
were doubtful and warned of a long, costly standoff.</p>
</article></main>
<footer><p>&copy; 2024 The Daily Ledger. All rights reserved.</p><p>Privacy | Terms | Cookies</p></footer>
</body></html>
"""

MARKDOWN = """# Heatwave Strains Power Grid Across Southern Europe

*By Luca Bianchi · 12 July 2024*

Temperatures above 44 degrees pushed electricity demand to record highs across Italy, Spain and Greece on
Thursday, and grid operators warned of rolling blackouts.

"We have never seen demand like this in July," said Elena Rossi, a spokeswoman for the Italian grid operator
Terna. Hospitals switched to backup generators in two cities.

## Farmers count losses

Olive growers reported scorched groves and falling yields. The European Commission promised emergency aid, though
farmers' groups called the sums "far too small to matter."

## Forecast

Meteorologists expect the heat to ease next week. Cooler air should reach the coast by Tuesday, officials said.
"""

# Text saved from a browser: one line per paragraph, page chrome around the story.
TEXT = """Menu
Search

City Council Approves New Bike Lanes

By Sam Porter

The city council voted 7 to 2 on Tuesday to build forty kilometres of protected bike lanes over the next three years, a plan that cyclists welcomed and some shop owners opposed.

"Safer streets are good for everyone, including businesses," Mayor Linda Harris said after the vote. She called the decision a turning point for the city.

Shop owners on Main Street worried about losing parking. "Our customers drive here," said Tom Reyes, who runs a hardware store. He said sales could fall.

Construction begins in the spring. The council will review the first section after a year.

Share this article
"""

ARTICLES = {"html": ("grain-deal.html", HTML), "md": ("heatwave.md", MARKDOWN), "txt": ("bike-lanes.txt", TEXT)}


def write_article(folder: Path, kind: str) -> Path:
    name, text = ARTICLES[kind]
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(*folders: Path) -> dict[str, str]:
    """SHA-256 of every file under the folders (the committed outputs)."""
    out = {}
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and ".ipynb_checkpoints" not in p.parts:
                out[str(p.relative_to(ROOT))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def committed_outputs() -> dict[str, str]:
    return snapshot(NOTEBOOKS, ROOT / "reports" / "figures")


def executed_ok(path: Path) -> dict:
    nb = json.loads(path.read_text(encoding="utf-8"))
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, [e.get("ename") for e in errors]
    return nb


def injected_parameters(nb: dict) -> str:
    return "".join(next(("".join(c["source"]) for c in nb["cells"]
                         if "injected-parameters" in c.get("metadata", {}).get("tags", [])), ""))


@pytest.mark.notebook
def test_full_series_on_an_html_page(tmp_path, capsys):
    """The one slow test: every numbered notebook on a generated .html page, via the CLI."""
    before = committed_outputs()
    article = write_article(tmp_path, "html")
    out = tmp_path / "out"
    rc = main(["notebooks", str(article), "--out", str(out)])
    captured = capsys.readouterr()
    assert rc == 0, f"notebooks failed on a generated article:\n{captured.err}"
    assert "executing 00-overview.ipynb on grain-deal" in captured.out
    names = [p.name for p in notebook_paths(NOTEBOOKS) if "ARTICLE" in parameter_names(p)]
    assert len(names) >= 2 and names[0] == "00-overview.ipynb" and "06-synthesis.ipynb" in names
    assert sorted(p.name for p in out.glob("*.ipynb")) == names
    for name in names:
        nb = executed_ok(out / name)
        params = injected_parameters(nb)
        assert "grain-deal.html" in params
        assert '"/' not in params  # relative paths only: outputs do not depend on where the repo lives
    figures = sorted(p.name for p in (out / "figures").glob("*.png"))
    for name in names:
        assert any(f.startswith(name[:3]) for f in figures), f"{name} saved no figure"
    page = (out / "grain-deal.html").read_text(encoding="utf-8")
    assert "Grain Deal Collapses as Ports Close" in page and "data:image/png;base64," in page
    assert committed_outputs() == before, "the committed notebooks or figures were touched"


@pytest.mark.notebook
def test_markdown_article_single_notebook(tmp_path):
    before = committed_outputs()
    article = write_article(tmp_path, "md")
    written = run_series(article, out=tmp_path / "out", only=["00"])
    assert [p.name for p in written] == ["00-overview.ipynb", "heatwave.html"]
    nb = executed_ok(written[0])
    assert "heatwave.md" in injected_parameters(nb)
    outputs = json.dumps(nb["cells"])
    assert "Heatwave Strains Power Grid Across Southern Europe" in outputs
    assert sorted(p.name for p in (tmp_path / "out" / "figures").iterdir()) == [
        "00-overview--pipeline.png", "00-overview--structure.png"]
    assert committed_outputs() == before


@pytest.mark.notebook
def test_text_article_synthesis_notebook(tmp_path):
    article = write_article(tmp_path, "txt")
    written = run_series(article, out=tmp_path / "out", only=["6"], report=False)
    assert [p.name for p in written] == ["06-synthesis.ipynb"]
    nb = executed_ok(written[0])
    text = json.dumps(nb["cells"])
    assert "City Council Approves New Bike Lanes" in text
    # compared with the seed article in data/raw (RAW_DIR's default)
    assert "2023-09-rossomando-north-korea-russia-real-allies" in text
    figs = sorted(p.name for p in (tmp_path / "out" / "figures").iterdir())
    assert figs == ["06-synthesis--comparison.png", "06-synthesis--summary.png"]


@pytest.mark.notebook
@pytest.mark.parametrize("n_articles", [1, 3])
def test_synthesis_with_one_and_with_many_articles(tmp_path, n_articles):
    raw = tmp_path / "raw"
    raw.mkdir()
    kinds = ["txt", "md", "html"][:n_articles]
    paths = [write_article(raw, k) for k in kinds]
    fig_dir = tmp_path / "figures"
    out = run_notebook(NOTEBOOKS / "06-synthesis.ipynb", tmp_path / "06.ipynb",
                       parameters={"ARTICLE": str(paths[0]), "FIG_DIR": str(fig_dir), "RAW_DIR": str(raw)})
    nb = executed_ok(out)
    figs = sorted(p.name for p in fig_dir.iterdir())
    text = json.dumps(nb["cells"])
    if n_articles == 1:
        assert figs == ["06-synthesis--summary.png"]
        assert "Only one article in `RAW_DIR`" in text
    else:
        assert figs == ["06-synthesis--comparison.png", "06-synthesis--summary.png"]
        for p in paths:
            assert p.stem in text  # every article is a row of the comparison table


def test_refuses_to_write_over_committed_outputs(tmp_path, seed_path, capsys):
    before = committed_outputs()
    with pytest.raises(ValueError, match="committed"):
        run_series(seed_path, out=ROOT / "reports" / "figures", only=["00"])
    assert main(["notebooks", str(seed_path), "--out", str(NOTEBOOKS), "--only", "00"]) == 2
    assert "committed" in capsys.readouterr().err
    assert committed_outputs() == before


def test_unknown_notebook_number_and_bad_article(tmp_path, capsys):
    article = write_article(tmp_path, "txt")
    assert main(["notebooks", str(article), "--out", str(tmp_path / "o"), "--only", "99"]) == 2
    err = capsys.readouterr().err
    assert "no notebook numbered 99" in err and "valid:" in err
    assert main(["notebooks", str(tmp_path / "missing.html"), "--out", str(tmp_path / "o")]) == 2
    assert "missing.html" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()  # nothing written before the article was read


def test_every_notebook_takes_its_input_and_fig_dir():
    for p in notebook_paths(NOTEBOOKS):
        names = parameter_names(p)
        assert "FIG_DIR" in names, p.name
        assert "ARTICLE" in names or "CORPUS" in names, f"{p.name}: no ARTICLE (or CORPUS) parameter"
    assert "ARTICLE" in parameter_names(NOTEBOOKS / "00-overview.ipynb")
    assert "RAW_DIR" in parameter_names(NOTEBOOKS / "06-synthesis.ipynb")


def _tiny_notebook(path: Path, params: str, code: str = "len(ARTICLE)") -> None:
    nb = {"cells": [{"cell_type": "markdown", "id": "c0", "metadata": {}, "source": "# t"},
                    {"cell_type": "code", "id": "c1", "metadata": {"tags": ["parameters"]}, "source": params,
                     "outputs": [], "execution_count": None},
                    {"cell_type": "code", "id": "c2", "metadata": {}, "source": code, "outputs": [],
                     "execution_count": None}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")


def test_notebooks_without_article_are_skipped(tmp_path):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _tiny_notebook(nbs / "01-about-one.ipynb", "ARTICLE = 'x'\nFIG_DIR = 'f'\n")
    _tiny_notebook(nbs / "02-corpus.ipynb", "CORPUS = 'c'\nFIG_DIR = 'f'\n")
    messages: list[str] = []
    written = run_series(write_article(tmp_path, "txt"), out=tmp_path / "out", notebooks_dir=nbs, report=False,
                         progress=messages.append)
    assert [p.name for p in written] == ["01-about-one.ipynb"]
    assert any(m.startswith("skipping 02-corpus.ipynb") for m in messages)


def test_series_table_lists_every_notebook_with_its_question():
    t = series_table(NOTEBOOKS)
    assert t["notebook"].tolist() == [p.name for p in notebook_paths(NOTEBOOKS)]
    assert (t["question"].str.len() > 20).all(), t[["notebook", "question"]]


def test_make_reproduce_article_runs_the_series(tmp_path):
    out = subprocess.run(["make", "-n", "reproduce", "ARTICLE=some/where/story.html"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "newsframe notebooks some/where/story.html" in out
    seed = subprocess.run(["make", "-n", "reproduce"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "newsframe.notebooks notebooks" in seed
    assert "newsframe report data/raw/2023-09-rossomando-north-korea-russia-real-allies.txt" in seed
    assert "reports/2023-09-rossomando-north-korea-russia-real-allies.html" in seed


def test_a_failing_notebook_is_reported_and_the_rest_still_run(tmp_path, capsys):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _tiny_notebook(nbs / "01-breaks.ipynb", "ARTICLE = 'x'\nFIG_DIR = 'f'\n", code="raise KeyError('seed-only sentence')")
    _tiny_notebook(nbs / "02-fine.ipynb", "ARTICLE = 'x'\nFIG_DIR = 'f'\n")
    article = write_article(tmp_path, "md")
    with pytest.raises(SeriesError, match="01-breaks.ipynb: KeyError") as info:
        run_series(article, out=tmp_path / "out", notebooks_dir=nbs)
    assert [p.name for p in info.value.written] == ["01-breaks.ipynb", "02-fine.ipynb", "heatwave.html"]
    failed = json.loads((tmp_path / "out" / "01-breaks.ipynb").read_text(encoding="utf-8"))
    assert any(o.get("ename") == "KeyError" for c in failed["cells"] for o in c.get("outputs", []))
    executed_ok(tmp_path / "out" / "02-fine.ipynb")
    assert not list((tmp_path / "out").glob(".*"))  # no temporary files left behind
