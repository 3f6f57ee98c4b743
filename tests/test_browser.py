"""The built site in a real browser: Debian's Chromium driven by Playwright, served on 127.0.0.1.

The browser is $RSITR_CHROMIUM when set, else the first of chromium, chromium-browser and
google-chrome on PATH, else /usr/bin/chromium. Without one the browser tests are skipped, except
under CI (the CI environment variable set, as .ci/run and GitHub Actions do): there they fail."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from rsitr.load import load_database
from sitebuild import ROOT, make_project, mkdocs_build

playwright_api = pytest.importorskip("playwright.sync_api")


def _find_chromium() -> str | None:
    """The Chromium executable to drive, or None. An explicit RSITR_CHROMIUM is never second-guessed."""
    if os.environ.get("RSITR_CHROMIUM"):
        path = os.environ["RSITR_CHROMIUM"]
        return path if Path(path).is_file() and os.access(path, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


CHROMIUM = _find_chromium()
AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
_NO_CHROMIUM = (
    f"RSITR_CHROMIUM={os.environ['RSITR_CHROMIUM']!r} is not an executable file" if os.environ.get("RSITR_CHROMIUM")
    else "no Chromium found (looked for chromium, chromium-browser and google-chrome on PATH, and /usr/bin/chromium)"
) + "; install Debian's chromium (.ci/run does) or point RSITR_CHROMIUM at a Chromium executable"
if CHROMIUM is None and os.environ.get("CI", "").lower() not in ("", "0", "false"):
    pytest.fail(f"CI is set, so the browser tests may not be skipped: {_NO_CHROMIUM}", pytrace=False)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=_NO_CHROMIUM)
DB = load_database(ROOT / "papers")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("browser")
    result = mkdocs_build(make_project(base / "project", ROOT / "papers"), base / "site")
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(base / "site")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


class Watched:
    """A page that records console errors and every request leaving 127.0.0.1."""

    def __init__(self, browser, **context_options) -> None:
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)

    def _request(self, request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("http://", "https://", "ws")) and host != "127.0.0.1":
            self.outside.append(request.url)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.close()


def search(w: Watched, site_url: str, query: str) -> list[str]:
    """Type a query into the header search box (Pagefind) and return the result links, best first."""
    w.page.goto(site_url)
    w.page.locator(".rsitr-search-input").click()
    w.page.keyboard.type(query)
    w.page.wait_for_selector(".md-search-result__item", timeout=30000)
    return w.page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


def test_search_by_acronym_ranks_the_paper_first(watched: Watched, site_url: str) -> None:
    hrefs = search(watched, site_url, "AMFMN")
    assert "papers/yuan2022amfmn/" in hrefs[0]


def test_search_by_exact_title_ranks_the_paper_first(watched: Watched, site_url: str) -> None:
    paper = DB.by_id["pan2023swan"]
    hrefs = search(watched, site_url, paper.title)
    assert "papers/pan2023swan/" in hrefs[0]


def test_search_by_venue_and_dataset(watched: Watched, site_url: str) -> None:
    hrefs = search(watched, site_url, "ICMR")
    assert any("papers/pan2023swan/" in h for h in hrefs)
    hrefs = search(watched, site_url, "Sydney-Captions")
    assert any("datasets/sydney-captions/" in h for h in hrefs[:3])


def test_search_by_author_family_name(watched: Watched, site_url: str) -> None:
    hrefs = search(watched, site_url, "Mikriukov")
    expected = {p.id for p in DB.papers if any(a.family == "Mikriukov" for a in p.authors)}
    assert expected and any(any(f"papers/{pid}/" in h for pid in expected) for h in hrefs[:5])


def visible_items(w: Watched) -> int:
    return w.page.eval_on_selector_all("#rsitr-list > li", "els => els.filter(e => !e.hidden).length")


def test_explorer_filters_match_the_data(watched: Watched, site_url: str) -> None:
    watched.page.goto(site_url + "explorer/")
    assert visible_items(watched) == len(DB.papers)
    watched.page.select_option("select[name=venue]", "TGRS")
    watched.page.select_option("select[name=from]", "2023")
    expected = sum(1 for p in DB.papers if p.venue.short == "TGRS" and p.year >= 2023)
    assert visible_items(watched) == expected
    assert watched.page.text_content("#rsitr-count").startswith(f"{expected} paper")
    watched.page.check("input[name=code]")
    expected_code = sum(1 for p in DB.papers if p.venue.short == "TGRS" and p.year >= 2023 and p.links.code)
    assert visible_items(watched) == expected_code
    assert "venue=TGRS" in watched.page.url and "from=2023" in watched.page.url and "code=yes" in watched.page.url


def test_explorer_url_restores_a_filtered_view(watched: Watched, site_url: str) -> None:
    watched.page.goto(site_url + "explorer/?category=hashing&dataset=rsicd&sort=title")
    assert watched.page.input_value("select[name=category]") == "hashing"
    expected = sum(1 for p in DB.papers if p.category.slug == "hashing" and "rsicd" in p.datasets)
    assert visible_items(watched) == expected
    watched.page.goto(site_url + "explorer/?q=remoteclip")
    expected = sum(1 for p in DB.papers if "remoteclip" in (p.title + " " + (p.method or "")).casefold())
    assert visible_items(watched) >= expected >= 1


def test_explorer_without_javascript_lists_everything(browser, site_url: str) -> None:
    w = Watched(browser, java_script_enabled=False)
    try:
        w.page.goto(site_url + "explorer/")
        assert w.page.locator("#rsitr-list > li").count() == len(DB.papers)
    finally:
        w.close()


def test_bibtex_copy_button_copies_the_bib_file(browser, site_url: str) -> None:
    w = Watched(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        paper_id = "yuan2022amfmn"
        w.page.goto(site_url + f"papers/{paper_id}/")
        w.page.locator(".rsitr-bibtex details summary").first.click()  # the entry is collapsed under its copy button
        block = w.page.locator(".rsitr-bibtex pre").first
        block.scroll_into_view_if_needed()
        block.hover()
        block.locator("button[data-md-type=copy]").click()
        copied = w.page.evaluate("navigator.clipboard.readText()")
        bib = (w.page.request.get(site_url + f"papers/{paper_id}.bib")).text()
        assert copied.rstrip("\n") == bib.rstrip("\n")
    finally:
        w.close()


def test_dark_mode_toggles(watched: Watched, site_url: str) -> None:
    watched.page.goto(site_url)
    body = watched.page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    watched.page.locator("form[data-md-component=palette] label:visible").first.click()
    after = body.get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}


PAGES = ["", "categories/closed-domain/", "papers/yuan2022amfmn/", "datasets/rsitmd/", "explorer/",
         "authors/zhiqiang-yuan/", "leaderboards/", "venues/", "cite/", "leaderboards/rsitmd/",
         "leaderboards/ucm-captions-hashing/"]


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_on_a_phone(browser, site_url: str, path: str) -> None:
    w = Watched(browser, viewport={"width": 375, "height": 812})
    try:
        w.page.goto(site_url + path)
        assert w.page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        w.close()


def test_no_console_errors_and_no_outside_requests(watched: Watched, site_url: str) -> None:
    for path in PAGES:
        watched.page.goto(site_url + path)
        watched.page.wait_for_load_state("networkidle")
    search(watched, site_url, "RSITMD")
    assert watched.errors == []
    assert watched.outside == []


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (.ci/run installs it with npm)")
@pytest.mark.parametrize("path", ["", "categories/closed-domain/", "papers/yuan2022amfmn/", "datasets/rsitmd/",
                                  "explorer/", "authors/zhiqiang-yuan/", "leaderboards/rsitmd/"])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violations(watched: Watched, site_url: str, path: str, scheme: str) -> None:
    watched.page.goto(site_url + path)
    watched.page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    watched.page.wait_for_timeout(600)  # let the theme's colour transition finish before measuring contrast
    watched.page.add_script_tag(path=str(AXE))
    violations = watched.page.evaluate("axe.run(document).then(r => r.violations.map(v => "
                                       "v.id + ': ' + v.help + ' @ ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))")
    assert violations == []


# Leaderboards: full width, one row per method, filters and comparison kept in the URL.

def board_header_right(w: Watched, label: str) -> float:
    return w.page.evaluate("label => [...document.querySelectorAll('table.rsitr-board thead th')]"
                           ".find(th => th.textContent.trim().replace(/ .$/, '') === label).getBoundingClientRect().right", label)


def test_rsitmd_board_fits_a_laptop_screen(browser, site_url: str) -> None:
    w = Watched(browser, viewport={"width": 1366, "height": 900})
    try:
        w.page.goto(site_url + "leaderboards/rsitmd/")
        assert w.page.evaluate("document.documentElement.scrollWidth") <= 1366
        assert board_header_right(w, "mR") <= 1366
        assert board_header_right(w, "Source") <= 1366
        wrap = w.page.locator(".rsitr-board-wrap")
        assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth")  # no scrolling inside the table either
        assert w.page.locator("nav.md-nav--primary:visible").count() == 0  # navigation hidden for width
    finally:
        w.close()


def test_rsitmd_board_on_a_phone_scrolls_only_inside_the_table(browser, site_url: str) -> None:
    w = Watched(browser, viewport={"width": 375, "height": 812})
    try:
        w.page.goto(site_url + "leaderboards/rsitmd/")
        assert w.page.evaluate("document.documentElement.scrollWidth") <= 375
        w.page.locator(".rsitr-board-wrap").evaluate("e => e.scrollLeft = e.scrollWidth")
        assert w.page.locator("table.rsitr-board thead th", has_text="mR").is_visible()
        assert w.page.locator("table.rsitr-board thead th", has_text="Source").is_visible()
    finally:
        w.close()


def shown_rows(w: Watched) -> list[dict]:
    return w.page.evaluate("[...document.querySelectorAll('table.rsitr-board tbody tr:not([hidden])')]"
                           ".map(r => ({id: r.id, method: r.dataset.method, setting: r.dataset.setting, "
                           "score: parseFloat(r.dataset.score), alt: r.classList.contains('rsitr-alt')}))")


def test_board_shows_each_method_once_in_its_best_configuration(watched: Watched, site_url: str) -> None:
    from rsitr.leaderboard import boards

    board = next(b for b in boards(DB) if b.slug == "rsitmd")
    best: dict[str, float] = {}
    for row in board.rows:
        best[row.result.method.casefold()] = max(best.get(row.result.method.casefold(), 0), row.score)
    watched.page.goto(site_url + "leaderboards/rsitmd/")
    rows = shown_rows(watched)
    assert sorted(r["method"] for r in rows) == sorted(best)
    assert all(abs(r["score"] - best[r["method"]]) < 1e-3 for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    # One click shows the other configurations of a method, right under its best row.
    more = watched.page.locator("tr:not([hidden]) .rsitr-more:visible").first
    others = int(more.inner_text().lstrip("+"))
    more.click()
    assert len(shown_rows(watched)) == len(rows) + others
    assert watched.errors == []


def test_board_filters_and_comparison_survive_a_reload(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "leaderboards/rsitmd/")
    page.select_option("select[name=setting]", "peft")
    rows = shown_rows(watched)
    assert rows and all(r["setting"] == "peft" for r in rows)
    expected = {r.result.method.casefold() for r in next(b for b in __import__("rsitr.leaderboard").leaderboard.boards(DB)
                                                          if b.slug == "rsitmd").rows if r.result.setting == "peft"}
    assert {r["method"] for r in rows} == expected
    for row in rows[:2]:
        page.locator(f"#{row['id']} input[type=checkbox]").check()
    assert page.locator("#rsitr-compare").is_visible()
    assert page.locator("#rsitr-compare table th[scope=col]").count() == 2
    assert page.locator("#rsitr-compare .rsitr-bar").count() > 0
    url = page.url
    assert "setting=peft" in url and "compare=" in url
    page.goto("about:blank")
    page.goto(url)
    assert [r["id"] for r in shown_rows(watched)] == [r["id"] for r in rows]
    assert page.locator("select[name=setting]").input_value() == "peft"
    assert page.locator("#rsitr-compare table th[scope=col]").count() == 2
    headers = page.locator("#rsitr-compare table th[scope=col]").all_inner_texts()
    assert headers[0].split(" (")[0].casefold() == rows[0]["method"]
    page.go_back()  # each change is its own history entry
    assert watched.errors == []


def test_hashing_board_filters_by_code_length(watched: Watched, site_url: str) -> None:
    watched.page.goto(site_url + "leaderboards/ucm-captions-hashing/")
    watched.page.select_option("select[name=bits]", "64")
    rows = watched.page.evaluate("[...document.querySelectorAll('table.rsitr-board tbody tr:not([hidden])')]"
                                 ".map(r => r.dataset.bits)")
    assert rows and set(rows) == {"64"}


def test_progress_chart_points_link_to_papers(watched: Watched, site_url: str) -> None:
    watched.page.goto(site_url + "datasets/rsitmd/")
    links = watched.page.evaluate("[...document.querySelectorAll('svg.rsitr-progress a')].map(a => a.getAttribute('href'))")
    assert len(links) >= 5 and all(link.startswith("../../papers/") for link in links)
    watched.page.locator("svg.rsitr-progress a").first.click()
    assert "/papers/" in watched.page.url
