"""The "All papers" explorer in a real browser: history entries, reversed year ranges, ?q= hand-off, downloads."""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlparse

from rsitr.bibtex import bibtex_entry
from test_browser import DB, Watched, browser, pytestmark, site_url, visible_items, watched  # noqa: F401  (fixtures)

CSV_COLUMNS = ["id", "title", "authors", "year", "venue", "category", "doi", "arxiv", "url"]


def shown_ids(w: Watched) -> list[str]:
    return w.page.eval_on_selector_all("#rsitr-list > li", "els => els.filter(e => !e.hidden).map(e => e.dataset.id)")


def query(w: Watched) -> dict[str, list[str]]:
    return parse_qs(urlparse(w.page.url).query)


def test_explorer_back_and_forward_walk_through_filter_changes(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url)
    page.goto(site_url + "explorer/")
    tgrs = sum(1 for p in DB.papers if p.venue.short == "TGRS")
    tgrs_recent = sum(1 for p in DB.papers if p.venue.short == "TGRS" and p.year >= 2023)
    page.select_option("select[name=venue]", "TGRS")
    page.select_option("select[name=from]", "2023")
    assert visible_items(watched) == tgrs_recent
    # Typing a query is one history entry, not one per keystroke.
    page.locator("input[name=q]").press_sequentially("retrieval")
    assert query(watched) == {"venue": ["TGRS"], "from": ["2023"], "q": ["retrieval"]}

    page.go_back()
    assert query(watched) == {"venue": ["TGRS"], "from": ["2023"]}
    assert page.input_value("input[name=q]") == ""
    assert visible_items(watched) == tgrs_recent
    page.go_back()
    assert query(watched) == {"venue": ["TGRS"]}
    assert page.input_value("select[name=from]") == ""
    assert page.input_value("select[name=venue]") == "TGRS"
    assert visible_items(watched) == tgrs
    assert page.text_content("#rsitr-count").startswith(f"{tgrs} paper")
    page.go_forward()
    assert page.input_value("select[name=from]") == "2023"
    assert visible_items(watched) == tgrs_recent
    page.go_back()
    page.go_back()  # undoes the first filter: still on the explorer, everything shown
    assert urlparse(page.url).path.endswith("/explorer/") and query(watched) == {}
    assert page.input_value("select[name=venue]") == ""
    assert visible_items(watched) == len(DB.papers)
    assert page.text_content("#rsitr-count") == f"{len(DB.papers)} papers"
    page.go_back()  # only now does Back leave the page
    assert page.url == site_url
    assert watched.errors == [] and watched.outside == []


def test_explorer_reads_a_reversed_year_range_as_swapped_and_says_so(watched: Watched, site_url: str) -> None:
    page = watched.page
    expected = sum(1 for p in DB.papers if 2020 <= p.year <= 2024)
    page.goto(site_url + "explorer/?from=2024&to=2020")
    assert expected > 0 and visible_items(watched) == expected
    count = page.text_content("#rsitr-count")
    assert count.startswith(f"{expected} papers of {len(DB.papers)}")
    assert "Years 2024\u20132020 read as 2020\u20132024" in count
    # The same from the controls; a range in order needs no explanation.
    page.goto(site_url + "explorer/")
    page.select_option("select[name=from]", "2025")
    page.select_option("select[name=to]", "2022")
    assert visible_items(watched) == sum(1 for p in DB.papers if 2022 <= p.year <= 2025)
    assert "Years 2025\u20132022 read as 2022\u20132025" in page.text_content("#rsitr-count")
    page.select_option("select[name=to]", "2026")
    assert visible_items(watched) == sum(1 for p in DB.papers if p.year >= 2025)
    assert "read as" not in page.text_content("#rsitr-count")
    assert watched.errors == []


def test_explorer_q_in_the_url_filters_the_list(watched: Watched, site_url: str) -> None:
    def text(p) -> str:
        return " ".join([p.title, p.method or "", *(a.full for a in p.authors), p.venue.short, p.venue.name,
                         *(DB.datasets[d].name for d in p.datasets)]).casefold()

    for q in ["remoteclip", "hashing rsicd", "Zhiqiang Yuan"]:
        watched.page.goto(site_url + "explorer/?q=" + q.replace(" ", "+"))
        expected = [p.id for p in DB.papers if all(w in text(p) for w in q.casefold().split())]
        assert expected, q
        assert sorted(shown_ids(watched)) == sorted(expected), q
        assert watched.page.input_value("input[name=q]") == q
    assert watched.errors == []


def download(w: Watched, kind: str) -> tuple[str, str]:
    with w.page.expect_download() as info:
        w.page.click(f"#rsitr-downloads button[data-download={kind}]")
    d = info.value
    return d.suggested_filename, open(d.path(), encoding="utf-8", newline="").read()


def test_explorer_downloads_the_papers_shown(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "explorer/?category=hashing&sort=title")
    ids = shown_ids(watched)
    assert sorted(ids) == sorted(p.id for p in DB.papers if p.category.slug == "hashing")
    assert 0 < len(ids) < len(DB.papers)

    name, bib = download(watched, "bib")
    assert name == "rsitr-selection.bib"
    assert re.findall(r"^@\w+\{([^,]+),", bib, re.M) == ids  # exactly the shown papers, in the order shown
    assert bib == "\n".join(bibtex_entry(DB.by_id[i]) for i in ids)  # the site's own entries, comments included

    name, text = download(watched, "csv")
    assert name == "rsitr-selection.csv"
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == CSV_COLUMNS
    assert [r[0] for r in rows[1:]] == ids
    for row in rows[1:]:
        paper = DB.by_id[row[0]]
        assert dict(zip(CSV_COLUMNS, row)) == {
            "id": paper.id, "title": paper.title, "authors": "; ".join(a.full for a in paper.authors),
            "year": str(paper.year), "venue": paper.venue.short, "category": paper.category.slug,
            "doi": paper.doi or "", "arxiv": paper.arxiv or "", "url": paper.url or ""}

    # Fields are quoted, with quotes doubled: a title holding quotes and a comma survives the round trip.
    tricky = 'A "quoted", title'
    page.evaluate("t => document.querySelector('#rsitr-list > li:not([hidden]) a').textContent = t", tricky)
    _, text = download(watched, "csv")
    first = text.splitlines()[1]
    assert first.startswith(f'"{ids[0]}","A ""quoted"", title",')
    assert list(csv.reader(io.StringIO(text)))[1][1] == tricky

    # A different selection downloads a different file (still sorted by title); nothing is asked of any other host.
    page.select_option("select[name=category]", "surveys")
    ids = shown_ids(watched)
    _, bib = download(watched, "bib")
    assert re.findall(r"^@\w+\{([^,]+),", bib, re.M) == ids == [p.id for p in sorted(
        (p for p in DB.papers if p.category.slug == "surveys"), key=lambda p: p.title.casefold())]
    assert watched.errors == [] and watched.outside == []


def test_explorer_download_buttons_are_off_with_nothing_shown(watched: Watched, site_url: str) -> None:
    watched.page.goto(site_url + "explorer/?q=no-such-paper-anywhere")
    assert visible_items(watched) == 0
    assert watched.page.locator("#rsitr-downloads button:disabled").count() == 2
    assert watched.errors == []
