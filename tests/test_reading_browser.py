"""Finding and reading, in a real browser: the header search (count, snippets, keyboard, hand-off to the
explorer, author pages) and the paper page (one-click BibTeX, downloads, connections)."""
from __future__ import annotations

import re

from test_browser import DB, Watched, browser, pytestmark, search, site_url, watched  # noqa: F401  (pytest fixtures)


def search_meta(w: Watched) -> str:
    w.page.wait_for_function("document.querySelector('.rsitr-search-meta').textContent.includes('matching')")
    return w.page.locator(".rsitr-search-meta").inner_text()


def test_search_reports_the_true_count_and_hands_the_rest_to_the_explorer(watched: Watched, site_url: str) -> None:
    search(watched, site_url, "CLIP")
    meta = search_meta(watched)
    total = int(re.match(r"(\d+) matching pages", meta).group(1))
    assert total > 10
    assert watched.page.locator(".md-search-result__item:not(.rsitr-search-more)").count() == 10
    more = watched.page.locator(".rsitr-search-more a")
    assert more.inner_text() == f"Show all {total} results in the paper explorer"
    more.click()
    watched.page.wait_for_url(re.compile(r"/explorer/\?q=CLIP$"))
    shown = watched.page.eval_on_selector_all("#rsitr-list > li", "els => els.filter(e => !e.hidden).length")
    assert 0 < shown < len(DB.papers)
    assert watched.errors == []


def test_search_result_shows_year_venue_kind_and_the_summary(watched: Watched, site_url: str) -> None:
    search(watched, site_url, "AMFMN")
    paper = DB.by_id["yuan2022amfmn"]
    first = watched.page.locator(".md-search-result__item").first
    assert first.locator(".rsitr-search-facts").inner_text() == f"{paper.year} · {paper.venue.short} · {paper.category.title}"
    snippet = first.locator("p").nth(1).inner_text()
    assert paper.summary and snippet == paper.summary


def test_search_keyboard_moves_through_results_and_opens_one(watched: Watched, site_url: str) -> None:
    hrefs = search(watched, site_url, "RSITMD")
    page = watched.page
    focused = "document.activeElement.getAttribute('href')"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) and hrefs[0].endswith(page.evaluate(focused).lstrip("./"))
    page.keyboard.press("ArrowDown")
    assert hrefs[1].endswith(page.evaluate(focused).lstrip("./"))
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('rsitr-search-input')")
    page.keyboard.press("Enter")
    page.wait_for_url(hrefs[0])
    assert watched.errors == []


def test_search_offers_the_author_below_their_papers(watched: Watched, site_url: str) -> None:
    hrefs = search(watched, site_url, "Zhiqiang Yuan")
    author = next(i for i, h in enumerate(hrefs) if "authors/zhiqiang-yuan/" in h)
    assert any("/papers/" in h for h in hrefs[:author])


def test_copy_bibtex_button_copies_the_entry_and_files_download(browser, site_url: str) -> None:  # noqa: F811
    w = Watched(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        paper_id = "yuan2022galr"
        w.page.goto(site_url + f"papers/{paper_id}/")
        w.page.locator("button.rsitr-copy-bibtex").click()
        copied = w.page.evaluate("navigator.clipboard.readText()")
        bib = w.page.request.get(site_url + f"papers/{paper_id}.bib").text()
        assert copied.rstrip("\n") == bib.rstrip("\n")
        link = w.page.locator("a", has_text="BibTeX").first
        assert link.get_attribute("download") == f"{paper_id}.bib"
        with w.page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == f"{paper_id}.bib"
        # The copy button sits above the summary and the results, where a reader looks first.
        order = w.page.evaluate("""() => {
            const y = s => document.querySelector(s).getBoundingClientRect().top;
            return [y('button.rsitr-copy-bibtex'), y('#results')]; }""")
        assert order[0] < order[1]
    finally:
        w.close()


def test_paper_page_lists_who_compared_against_the_method(watched: Watched, site_url: str) -> None:
    def holders(paper) -> set[str]:
        return {other.id for other in DB.papers if other.id != paper.id
                and any(r.method.casefold() == (paper.method or "").casefold() for r in other.results)}

    paper = max((p for p in DB.papers if p.method), key=lambda p: (len(holders(p)), p.id))
    expected = holders(paper)
    watched.page.goto(site_url + f"papers/{paper.id}/")
    section = watched.page.locator("#connections ~ ul").first
    hrefs = section.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert expected and {h.strip("/").split("/")[-1] for h in hrefs} >= expected


def test_arxiv_only_paper_links_each_target_once(watched: Watched, site_url: str) -> None:
    paper = next(p for p in DB.papers if p.links.publisher and p.links.publisher.rstrip("/") == p.arxiv_url)
    watched.page.goto(site_url + f"papers/{paper.id}/")
    line = watched.page.locator("article p", has=watched.page.locator("a[href*='arxiv.org/abs']")).first
    hrefs = line.locator("a").evaluate_all("els => els.map(e => e.href.replace(/\\/$/, ''))")
    assert len(hrefs) == len(set(hrefs))
    assert hrefs.count(paper.arxiv_url) == 1


def test_formatted_reference_copies_as_plain_text(browser, site_url: str) -> None:  # noqa: F811
    w = Watched(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        w.page.goto(site_url + "papers/abdullah2020textrs/")
        w.page.locator("button.rsitr-copy-reference[data-style=ieee]").click()
        copied = w.page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("T. Abdullah, Y. Bazi") and "Art. no. 405" in copied and "<i>" not in copied
        w.page.locator("button.rsitr-copy-reference[data-style=apa]").click()
        assert "Article 405" in w.page.evaluate("navigator.clipboard.readText()")
        assert w.errors == []
    finally:
        w.close()
