"""Integration: the whole site builds with --strict from the real database, deterministically."""
from __future__ import annotations

import filecmp
from html.parser import HTMLParser
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from rsitr.load import load_database
from sitebuild import ROOT, make_project, mkdocs_build

REAL_PAPERS = ROOT / "papers"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("real")
    project = make_project(base / "project", REAL_PAPERS)
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return base / "site"


def paper_links(html: str, paper_id: str) -> int:
    return len(re.findall(rf'href="[^"]*papers/{re.escape(paper_id)}/"', html))


def test_every_paper_listed_exactly_once_everywhere(built: Path) -> None:
    db = load_database(REAL_PAPERS)
    assert db.papers
    for paper in db.papers:
        assert (built / "papers" / paper.id / "index.html").is_file()
        assert (built / "papers" / f"{paper.id}.bib").is_file()
        for page in (f"categories/{paper.category.slug}", f"venues/{paper.venue.slug}", f"years/{paper.year}"):
            html = (built / page / "index.html").read_text(encoding="utf-8")
            assert paper_links(html, paper.id) == 1, (page, paper.id)
    records = json.loads((built / "papers.json").read_text(encoding="utf-8"))
    assert Counter(r["id"] for r in records) == Counter(p.id for p in db.papers)
    for record in records:
        assert {"id", "title", "authors", "year", "venue", "venue_name", "category", "doi", "arxiv", "url", "code",
                "added"} <= record.keys()


def test_counts_agree(built: Path) -> None:
    db = load_database(REAL_PAPERS)
    total = len(db.papers)
    for index in ("categories", "venues", "years"):
        html = (built / index / "index.html").read_text(encoding="utf-8")
        counts = [int(n) for n in re.findall(r'<td style="text-align: right;">(\d+)</td>', html)]
        assert sum(counts) == total, index


def test_two_builds_are_identical(built: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", REAL_PAPERS)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    first = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert first == second
    differing = [str(p) for p in first if not p.name.startswith("sitemap") and
                 not filecmp.cmp(built / p, tmp_path / "site" / p, shallow=False)]
    assert differing == []


def test_markup_in_data_shows_literally(papers_dir: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", papers_dir)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    for page in ("papers/roe2023beta/index.html", "categories/open-domain/index.html", "years/2023/index.html",
                 "venues/igarss/index.html", "index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, page
        assert re.search(r"(&lt;|&#60;)script(&gt;|&#62;)alert\(1\)", html), page
        assert "*Beta*" in html.replace("&#42;", "*") and "<em>Beta</em>" not in html, page
    records = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    assert any(r["title"] == "<script>alert(1)</script> *Beta* _under_ | [a](b) {{ x }}" for r in records)


def test_bad_database_stops_the_build_listing_every_problem(papers_dir: Path, tmp_path: Path) -> None:
    alpha = papers_dir / "doe2021alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("family: Şahin", "family: null"), encoding="utf-8")
    gamma = papers_dir / "poe2024gamma.yaml"
    gamma.write_text(gamma.read_text(encoding="utf-8").replace("venue: arXiv", "venue: Nowhere", 1), encoding="utf-8")
    project = make_project(tmp_path / "project", papers_dir)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "papers/doe2021alpha.yaml:9: authors[1].family: expected a non-empty string, found null" in result.stderr
    assert "papers/poe2024gamma.yaml:9: venue: expected a venue defined in _meta/venues.yaml, found 'Nowhere'" in result.stderr
    assert "2 problem(s)" in result.stderr


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("name") or values.get("property")):
            self.pairs.append((values.get("name") or values.get("property") or "", values.get("content") or ""))


def citation_meta(html: str) -> list[tuple[str, str]]:
    parser = _Meta()
    parser.feed(html)
    return parser.pairs


def test_paper_pages_carry_citation_meta_for_reference_managers(built: Path) -> None:
    db = load_database(REAL_PAPERS)
    for paper in db.papers:
        pairs = citation_meta((built / "papers" / paper.id / "index.html").read_text(encoding="utf-8"))
        values = {}
        for name, content in pairs:
            values.setdefault(name, []).append(content)
        # What Zotero's Embedded Metadata translator and Google Scholar read.
        assert values["citation_title"] == [paper.title]
        assert values["citation_author"] == [f"{a.family}, {a.given}" for a in paper.authors]
        assert values["citation_publication_date"] == [str(paper.year)]
        title_key = "citation_journal_title" if paper.venue.kind == "journal" else "citation_conference_title"
        if paper.venue.is_thesis:
            assert values["citation_dissertation_institution"] == [paper.venue.publisher]
        elif paper.venue.kind != "preprint":
            assert values[title_key] == [paper.venue.name if paper.venue.kind == "journal" else paper.venue.proceedings or paper.venue.name]
        assert values.get("citation_doi") == ([paper.doi] if paper.doi else None)
        assert values.get("citation_arxiv_id") == ([paper.arxiv] if paper.arxiv else None)
        if paper.volume:
            assert values["citation_volume"] == [paper.volume]
        if paper.pages:
            assert values["citation_firstpage"] == [paper.pages.split("-")[0]]
        assert values["og:type"] == ["article"] and values["description"][0].startswith(paper.title[:20].replace("&", "&"))


def test_versions_marks_sources_and_rejected_candidates_reach_the_site(built: Path) -> None:
    """Every version, verification mark, source kind and rejected candidate of the real data is on a built page."""
    import html as html_lib

    db = load_database(REAL_PAPERS)
    records = {r["id"]: r for r in json.loads((built / "papers.json").read_text(encoding="utf-8"))}
    assert any(p.versions for p in db.papers) and any(p.unverified for p in db.papers)
    for paper in db.papers:
        page = html_lib.unescape((built / "papers" / paper.id / "index.html").read_text(encoding="utf-8"))
        bib = (built / "papers" / f"{paper.id}.bib").read_text(encoding="utf-8")
        for version in paper.versions:
            assert version.title in page and version.identifier in page, (paper.id, version.title)
        assert bib.count("% Other version:") == len(paper.versions), paper.id
        marks = page.count('class="rsitr-unverified"')
        assert (marks > 0) == any(m.name in ("title", "authors", "venue", "year", "volume", "number", "pages",
                                             "article_number", "doi", "arxiv", "method", "datasets", "category")
                                  for m in paper.unverified), paper.id
        for mark in paper.unverified:
            assert mark.reason in page and f"% Unverified {mark.name.replace('_', ' ')}:" in bib, (paper.id, mark.name)
        for source in paper.sources:
            assert source.url in page
        for kind in {s.kind for s in paper.sources}:
            assert kind.title in page, (paper.id, kind.title)
        record = records[paper.id]
        assert [m["name"] for m in record["unverified"]] == [m.name for m in paper.unverified]
        assert len(record["versions"]) == len(paper.versions)
        assert record["verification"] == ("secondary-only" if not paper.has_primary_source
                                          else "partly-verified" if paper.unverified else "verified")
    not_listed = html_lib.unescape((built / "not-listed" / "index.html").read_text(encoding="utf-8"))
    assert db.rejected
    for candidate in db.rejected:
        assert candidate.title in not_listed and candidate.note in not_listed, candidate.title


def test_downloads_are_written_whole(built: Path) -> None:
    """Every generated download in the site holds exactly what the exporters produce (the build drops their text
    from memory once MkDocs has written them)."""
    from rsitr.site import generated_files

    db = load_database(REAL_PAPERS)
    downloads = {path: text for path, text in generated_files(db, "https://awesome-rsitr.github.io/").items()
                 if not path.endswith(".md")}
    assert len(downloads) > 3 * len(db.papers)
    for path, text in downloads.items():
        assert (built / path).read_text(encoding="utf-8") == text, path
