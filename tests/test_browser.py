"""The annotated article page in a real headless browser (Debian's Chromium, driven by Playwright).

`make test` installs Chromium first (the `.venv/.browser` stamp); where it cannot be
launched these tests are skipped with the reason. Screenshots go to
``reports/screenshots/<article-id>.png``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "reports" / "screenshots"
CHROMIUM = os.environ.get("NEWSFRAME_CHROMIUM", "/usr/bin/chromium")
#: Flags that keep Chromium quiet on a machine without network (no update checks, no sync).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is pinned in requirements.txt
        pytest.skip(f"browser test skipped: the playwright package is not installed ({exc})")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"browser test skipped: no Chromium at {CHROMIUM} "
                    "(run `make browser`, or as root `apt-get install chromium`)")
    pw = sync_playwright().start()
    try:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
            headless=True, viewport={"width": 1100, "height": 900},
        )
    except Exception as exc:  # noqa: BLE001 - any launch failure means "no usable browser here"
        pw.stop()
        pytest.skip(f"browser test skipped: Chromium at {CHROMIUM} could not be launched: "
                    f"{str(exc).splitlines()[0]}")
    yield context
    context.close()
    pw.stop()


def _open(context, path: Path):
    """Open a page, recording console messages, page errors and every request."""
    page = context.new_page()
    log: dict[str, list[str]] = {"console": [], "errors": [], "requests": []}
    page.on("console", lambda m: log["console"].append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: log["requests"].append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, log


def _norm(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def seed_page(seed_path, tmp_path_factory):
    """The JSON output of `newsframe analyze --json` and the page of `newsframe report`, for the seed."""
    import contextlib
    import io

    from newsframe.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["analyze", str(seed_path), "--json"]) == 0
    record = json.loads(buf.getvalue())["articles"][0]
    out = tmp_path_factory.mktemp("page") / f"{record['id']}.html"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["report", str(seed_path), "-o", str(out)]) == 0
    return record, out


def _check_quotes(page, quotes: list[dict]) -> None:
    """Every quote appears inline (its words, then its speaker tag) and in the quotes table."""
    inline = page.evaluate("""() => {
        const out = {};
        for (const el of document.querySelectorAll('article .nf-q[data-quote]')) {
            (out[el.dataset.quote] = out[el.dataset.quote] || []).push(el.innerText);
        }
        const who = {};
        for (const el of document.querySelectorAll('article .nf-who[data-quote]')) { who[el.dataset.quote] = el.innerText; }
        const rows = [...document.querySelectorAll('tr[data-start]')].map(r => ({
            start: +r.dataset.start, speaker: r.querySelector('.nf-quote-speaker').innerText,
            text: r.querySelector('.nf-quote-text').innerText}));
        return {pieces: out, who: who, rows: rows};
    }""")
    ordered = sorted(quotes, key=lambda q: (q["start"], q["end"], q.get("speaker") or ""))
    assert len(inline["rows"]) == len(quotes)
    for i, q in enumerate(ordered):
        speaker = q.get("speaker") or "unattributed"
        assert _norm(" ".join(inline["pieces"][str(i)])) == _norm(q["text"]), q
        assert inline["who"][str(i)].endswith(speaker), (inline["who"][str(i)], speaker)
        row = next(r for r in inline["rows"] if r["start"] == q["start"])
        assert row["speaker"] == speaker and _norm(q["text"]) in _norm(row["text"])


def test_seed_page_loads_cleanly_and_shows_every_quote(browser, seed_page):
    record, path = seed_page
    page, log = _open(browser, path)
    try:
        assert log["errors"] == [] and log["console"] == [], log
        assert all(u.startswith(("file:", "data:")) for u in log["requests"]), log["requests"]
        assert page.title().startswith(record["title"])
        n_sentences = page.locator("article .nf-s[data-sentence]").count()
        assert n_sentences == len(record["sentences"])
        img = page.locator("figure img")
        assert img.count() == 1 and page.evaluate("document.querySelector('figure img').naturalWidth") > 500
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{record['id']}.png"), full_page=True)
        assert (SCREENSHOTS / f"{record['id']}.png").stat().st_size > 10_000
        if "quotes" not in record:
            pytest.skip("newsframe.quotes is not installed: the seed record has no quotes to check")
        assert record["quotes"], "the seed article quotes Kim Jong Un: the record should hold quotes"
        _check_quotes(page, record["quotes"])
    finally:
        page.close()


def test_keyboard_focus_shows_a_readable_tooltip(browser, seed_page):
    record, path = seed_page
    page, log = _open(browser, path)
    try:
        first = page.locator("article .nf-s[data-sentence]").first
        tip_id = first.get_attribute("aria-describedby")
        tip = page.locator(f"#{tip_id}")
        assert not tip.is_visible()
        skip = page.locator("a.nf-skip")
        assert skip.bounding_box()["x"] < 0  # off screen until focused
        page.keyboard.press("Tab")  # the first stop: the skip link, now on screen
        assert page.evaluate("document.activeElement.className") == "nf-skip"
        assert skip.bounding_box()["x"] >= 0
        for _ in range(60):  # Tab on into the text
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.sentence") == "0":
                break
        assert page.evaluate("document.activeElement.id") == first.get_attribute("id")
        assert tip.is_visible()
        text = tip.inner_text()
        assert f"Sentence 1 of {len(record['sentences'])}" in text
        if "sentiment" in record["sentences"][0]:
            assert record["sentences"][0]["sentiment"]["label"] in text
        # readable: white on near-black, not clipped off screen
        colors = page.evaluate(f"""() => {{ const s = getComputedStyle(document.getElementById('{tip_id}'));
            return [s.color, s.backgroundColor]; }}""")
        assert colors == ["rgb(255, 255, 255)", "rgb(26, 26, 26)"]
        box = tip.bounding_box()
        assert box and box["x"] >= 0 and box["width"] > 100
        # a visible focus outline
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline == "solid"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        first.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"{record['id']}--tooltip.png"))
        # Escape hides it; the next Tab shows the next sentence's
        page.keyboard.press("Escape")
        assert not tip.is_visible()
        page.keyboard.press("Tab")
        nxt = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
        assert page.locator(f"#{nxt}").is_visible()
        assert log["errors"] == [] and log["console"] == [], log
    finally:
        page.close()


def test_synthetic_quotes_render_with_speakers(browser, tmp_path):
    """Independent of the installed modules: a record with contract-shaped quotes, actors and frames."""
    from test_report import TEXT, enrich  # the same synthetic record as the unit tests

    from newsframe.ingest import Article
    from newsframe.pipeline import article_record
    from newsframe.report import write_report

    rec = enrich(article_record(Article.from_text(TEXT, id="summit-story", title="Leaders <meet> & talk"),
                                analyses=()))
    path = write_report(rec, tmp_path / "summit.html")
    page, log = _open(browser, path)
    try:
        assert log["errors"] == [] and log["console"] == [], log
        assert page.locator("h1").inner_text() == "Leaders <meet> & talk"  # escaped, shown literally
        _check_quotes(page, rec["quotes"])
        negative = page.locator("article .nf-neg1, article .nf-neg2").first
        marker = page.evaluate("el => getComputedStyle(el, '::before').content", negative.element_handle())
        assert "\u2212" in marker  # the − marker, not only the colour
    finally:
        page.close()


def test_page_opens_offline(browser, seed_page):
    """Nothing outside the file is requested, even with the network cut off."""
    _, path = seed_page
    page = browser.new_page()
    outside: list[str] = []
    page.route(re.compile(r"^(?!file:|data:).*"), lambda route: (outside.append(route.request.url), route.abort()))
    try:
        page.goto(path.as_uri(), wait_until="load")
        assert outside == []
        assert page.locator("article p").count() > 5
    finally:
        page.close()
