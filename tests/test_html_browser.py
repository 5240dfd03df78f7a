"""Rendered pages in a real browser (Debian's Chromium through Playwright) and the Nu checker.

- axe-core (npm, injected into each page): 0 violations for wcag2a, wcag2aa, wcag21a, wcag21aa,
  wcag22aa;
Pages: the UN examples, one six-languages file per language, the AKN4ITU file, our fixtures,
and the converter's output for the seed and the corpus (ga, sc, hrc, ecosoc).

- reflow: no horizontal scrolling at 320 and 1280 CSS px, with screenshots kept in
  tests/artifacts/screenshots/;
- the Nu HTML Checker (npm vnu-jar, system JRE): 0 errors;
- hostile text: no script runs, no dialog opens, with and without the page's CSP;
- the CSP lets the page's own (hashed) stylesheet apply.

Needs: /usr/bin/chromium, ``cd tests && npm install`` (axe-core, vnu-jar) and ``java``. Without
them the tests skip, unless UNAKN_REQUIRE_BROWSER=1 (set by .ci/run), where they fail.
To check more pages, add their paths to PAGES; UNAKN_BROWSER_ALL=1 checks every reference file.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from converter.render.html import render_html
from converter.errors import ConversionError
from html_support import (FIXTURES, UN_AKN, browser_files, construct_texts, corpus_texts,
                          fixture_files)

pytestmark = pytest.mark.browser

TESTS = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = TESTS / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = TESTS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = TESTS / "artifacts"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (320, 1280)
REQUIRED = os.environ.get("UNAKN_REQUIRE_BROWSER") == "1"
SEED = "seed-A-RES-68-198"

#: (page name, AKN source): the UN examples, one file per language, the AKN4ITU file, our
#: fixtures, and the converter's own output for the seed.
#: UNAKN_BROWSER_ALL=1 checks every reference file (all 120 six-languages files, ~5 minutes).
PER_LANGUAGE = None if os.environ.get("UNAKN_BROWSER_ALL") == "1" else 1
PAGES: list[tuple[str, object]] = [(p.stem, p) for p in browser_files(PER_LANGUAGE)]
PAGES.append((SEED, TESTS.parent / "examples" / "A-RES-68-198.txt"))
PAGES += [(f"corpus-{p.parent.name}-{p.stem}", p) for p in corpus_texts()]
#: the converter's newer constructs (articles, rules, parts, lost labels, irregular numbers,
#: year-only dates): those not already among the corpus pages
PAGES += [(f"construct-{p.parent.name}-{p.stem}", p) for p in construct_texts()
          if p not in corpus_texts()]


def _missing() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright for Python (pip install playwright; never `playwright install`)")
    if not AXE_JS.exists():
        missing.append(f"{AXE_JS} (cd tests && npm install)")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR} (cd tests && npm install)")
    if shutil.which("java") is None:
        missing.append("java (apt-get install default-jre-headless)")
    return missing


def _require_tools() -> None:
    missing = _missing()
    if missing:
        message = "browser checks need: " + "; ".join(missing)
        if REQUIRED:
            pytest.fail(message + " (UNAKN_REQUIRE_BROWSER=1)")
        pytest.skip(message)


def _akn(source) -> bytes:
    if isinstance(source, Path) and source.suffix == ".txt":
        from converter.pipeline import convert_file
        return convert_file(source).xml
    return Path(source).read_bytes()


@pytest.fixture(scope="session")
def pages() -> dict[str, Path | str]:
    """Every page rendered (screen media) into tests/artifacts/html/; for a text the converter
    cannot convert yet, the converter's message instead of a path."""
    _require_tools()
    out = ARTIFACTS / "html"
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path | str] = {}
    for name, source in PAGES:
        if isinstance(source, Path) and not source.exists():
            continue
        try:
            akn = _akn(source)
        except ConversionError as exc:
            paths[name] = f"the converter cannot convert this text yet: {exc}"
            continue
        path = out / f"{name}.html"
        path.write_text(render_html(akn, source=str(source)), encoding="utf-8")
        paths[name] = path
    return paths


@pytest.fixture(scope="session")
def browser():
    _require_tools()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def vnu_results(pages) -> dict[str, list[dict]]:
    """One Nu checker run over all pages: errors per file name."""
    files = [p for p in pages.values() if isinstance(p, Path)]
    proc = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--exit-zero-always",
         *map(str, files)],
        capture_output=True, text=True, timeout=300)
    report = json.loads(proc.stderr or proc.stdout)
    errors: dict[str, list[dict]] = {p.name: [] for p in files}
    for m in report["messages"]:
        name = Path(m.get("url", "").removeprefix("file:")).name
        errors.setdefault(name, []).append(m)
    return errors


def _page_or_skip(pages, name) -> Path:
    if name not in pages:
        pytest.skip(f"{name}: source file not present (../shared missing?)")
    if isinstance(pages[name], str):
        pytest.skip(f"{name}: {pages[name]}")
    return pages[name]


@pytest.mark.parametrize("name", [n for n, _ in PAGES])
def test_axe_reports_no_violations(name, pages, browser):
    path = _page_or_skip(pages, name)
    # CSP is bypassed only to inject axe itself; the CSP is tested on its own below.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(path.as_uri())
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    context.close()
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                  for v in result["violations"]]
    assert violations == [], f"{name}: {violations}"


@pytest.mark.parametrize("name", [n for n, _ in PAGES])
def test_reflows_without_horizontal_scrolling(name, pages, browser):
    path = _page_or_skip(pages, name)
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(path.as_uri())
        scroll, inner = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]")
        if name.startswith("seed") or os.environ.get("UNAKN_SCREENSHOTS") == "1":
            # kept for a person to look at: the seed always, every page on request (slow)
            page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
        context.close()
        assert scroll <= inner, f"{name} at {width}px: scrollWidth {scroll} > {inner}"


@pytest.mark.parametrize("name", [n for n, _ in PAGES])
def test_nu_checker_reports_no_errors(name, pages, vnu_results):
    path = _page_or_skip(pages, name)
    errors = [(m.get("lastLine"), m["message"]) for m in vnu_results[path.name]]
    assert errors == [], f"{name}: {errors[:5]}"


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_text_runs_no_script(browser, tmp_path, bypass_csp):
    _require_tools()
    path = tmp_path / "hostile.html"
    path.write_text(render_html(FIXTURES / "hostile.xml"), encoding="utf-8")
    context = browser.new_context(bypass_csp=bypass_csp)
    page = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.evaluate("() => document.querySelectorAll('*').forEach(e => ['mouseover', 'focus',"
                  " 'click'].forEach(t => e.dispatchEvent(new Event(t, {bubbles: true}))))")
    page.wait_for_timeout(200)
    flag = page.evaluate("() => window.__unakn_pwned")
    scripts = page.evaluate("() => document.scripts.length")
    context.close()
    assert flag is None and dialogs == [] and scripts == 0
    assert requests == [path.as_uri()], requests


def test_csp_allows_the_page_stylesheet(pages, browser):
    path = _page_or_skip(pages, "footnotes-noteref")
    context = browser.new_context()
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.goto(path.as_uri())
    position = page.evaluate(
        "() => getComputedStyle(document.querySelector('.skip-link')).position")
    context.close()
    assert position == "absolute"
    assert not [m for m in console if "Content Security Policy" in m], console


def test_focus_shows_skip_link_and_permalinks(pages, browser):
    path = _page_or_skip(pages, "footnotes-noteref")
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(path.as_uri())
    page.keyboard.press("Tab")
    skip = page.evaluate("() => [document.activeElement.className,"
                         " document.activeElement.getBoundingClientRect().top]")
    assert skip[0] == "skip-link" and skip[1] >= 0
    page.focus("#para_1 > a.permalink")
    box = page.evaluate("() => { const r = document.activeElement.getBoundingClientRect();"
                        " return [r.width, r.height, getComputedStyle(document.activeElement)"
                        ".outlineStyle]; }")
    context.close()
    assert box[0] > 10 and box[1] > 10, box
    assert box[2] == "solid"


def test_rendering_and_viewing_fetch_nothing(browser, tmp_path):
    """A document full of addresses of a local server (links, an image, a style URL, a
    stylesheet-like reference): rendering it and opening the page make 0 requests to it."""
    _require_tools()
    import http.server
    import threading

    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        xml = (FIXTURES / "footnotes-noteref.xml").read_text(encoding="utf-8").replace(
            "<p><span class=\"italic\">Refers</span>",
            f'<p><img src="{base}/img.png" alt="logo"/><span class="italic" '
            f'style="background:url({base}/bg.png)">Refers</span> <a href="{base}/ref">a '
            f'reference</a> <ref href="{base}/style.css">a stylesheet</ref>')
        page_html = render_html(xml.encode("utf-8"))
        assert f'href="{base}/ref"' in page_html and "img.png" not in page_html
        path = tmp_path / "page.html"
        path.write_text(page_html, encoding="utf-8")
        context = browser.new_context()
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_timeout(300)
        context.close()
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


# ---- the static site (unakn site) -------------------------------------------------------------
@pytest.fixture(scope="session")
def site_dir() -> Path:
    """A site from our fixtures and, when ../shared is there, A/RES/78/132 in six languages,
    the two resolutions it cites that are in the examples (75/202 and 68/198 via the seed) and
    the corpus texts with the converter's newer constructs (CONSTRUCT_TEXTS)."""
    _require_tools()
    from converter.render.site import build_site
    src = ARTIFACTS / "site-input"
    out = ARTIFACTS / "site"
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    src.mkdir(parents=True)
    for path in fixture_files():
        shutil.copyfile(path, src / path.name)
    for path in sorted(UN_AKN.glob("six-languages/*/A_RES_78_132-*.xml")) + \
            sorted(UN_AKN.glob("examples/official_ga_75-202_ict4sd_eng.xml")):
        shutil.copyfile(path, src / path.name)
    shutil.copyfile(TESTS.parent / "examples" / "A-RES-68-198.txt", src / "A-RES-68-198.txt")
    for path in construct_texts():
        if path.exists():
            shutil.copyfile(path, src / path.name)
    report = build_site(src, out)
    assert report.errors == []
    return out


@pytest.fixture(scope="session")
def site_url(site_dir):
    """The site served by a plain static file server on 127.0.0.1."""
    import functools
    import http.server
    import threading
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("page_name", ["index.html", "index.zh.html", "A-RES-78-132.ar.html",
                                       "A-RES-217-A-III.en.html", "S-RES-161-A-B-1961.en.html",
                                       "A-RES-80-11.en.html", "S-RES-462-1980.en.html"])
def test_site_pages_axe(page_name, site_dir, site_url, browser):
    if not (site_dir / page_name).exists():
        pytest.skip(f"{page_name}: not in the site (../shared missing?)")
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + page_name)
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    context.close()
    assert [v["id"] for v in result["violations"]] == []


def test_site_index_nu_checker(site_dir):
    _require_tools()
    proc = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--exit-zero-always",
         *map(str, sorted(site_dir.glob("index*.html")))],
        capture_output=True, text=True, timeout=300)
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    assert [(m.get("url"), m["message"]) for m in messages] == []


def test_site_search_works_under_its_csp(site_url, browser):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    console: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "index.html")
    page.wait_for_selector("#search-form", state="visible")
    page.fill("#search-input", "nested lists")
    page.wait_for_selector("#search-results a")
    hits = page.eval_on_selector_all("#search-results a", "as => as.map(a => a.getAttribute('href'))")
    assert "A-RES-99-2.en.html" in hits
    status = page.text_content("#search-status")
    assert status.startswith("Results: ")
    page.fill("#search-input", "<script>window.__unakn_pwned=1</script>")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__unakn_pwned") is None
    if (UN_AKN / "six-languages").is_dir():
        page.fill("#search-input", "信息和通信技术")
        page.wait_for_selector("#search-results a[href='A-RES-78-132.zh.html']")
        page.fill("#search-input", "A/RES/78/132")
        page.wait_for_selector("#search-results a[href='A-RES-78-132.ar.html']")
    scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "site-index-320.png"), full_page=True)
    context.close()
    assert scroll <= inner
    assert not [m for m in console if "Content Security Policy" in m or "Error" in m], console
    assert all(r.startswith(site_url) for r in requests), requests
