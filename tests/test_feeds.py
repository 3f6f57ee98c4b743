"""Atom feeds: the site-wide feed and one per category, dataset and tag, linked from their pages' heads."""
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest

from conftest import FIXTURE_PAPERS, SCHEMA
from rsitr import paths
from rsitr.build import feed_meta
from rsitr.feed import FEED_SIZE, atom_feed, build_feed, feed_links, page_url, topic_feed_files, topic_feeds
from rsitr.load import load_database
from rsitr.model import Database, Paper
from rsitr.site import generated_files
from sitebuild import make_project, mkdocs_build

SITE = "https://example.org/sub/"
ATOM = "application/atom+xml"


@pytest.fixture
def db(papers_dir: Path) -> Database:
    return load_database(papers_dir)


def expected_topics(db: Database) -> dict[str, list[Paper]]:
    """Feed path -> the papers it should list, newest additions first, computed independently of feed.py."""
    def newest(papers: list[Paper]) -> list[Paper]:
        return sorted(papers, key=lambda p: (p.added, p.id), reverse=True)

    topics = {f"feed-category-{c}.xml": newest([p for p in db.papers if p.category.slug == c]) for c in db.categories}
    topics |= {f"feed-dataset-{d}.xml": newest([p for p in db.papers if d in p.datasets]) for d in db.datasets}
    topics |= {f"feed-tag-{t}.xml": newest([p for p in db.papers if t in p.tags]) for t in {t for p in db.papers for t in p.tags}}
    return topics


def parse(xml: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse(xml.encode("utf-8"))
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_every_category_dataset_and_used_tag_has_a_feed_of_its_papers(db: Database) -> None:
    files = topic_feed_files(db, SITE)
    topics = expected_topics(db)
    assert set(files) == set(topics)
    assert any(not papers for papers in topics.values()) and any(len(papers) > 1 for papers in topics.values())
    for path, papers in topics.items():
        feed = parse(files[path])
        assert [e.id for e in feed.entries] == [f"{SITE}papers/{p.id}/" for p in papers], path
        assert [e.title for e in feed.entries] == [p.title for p in papers], path


def test_generated_files_include_every_feed(db: Database) -> None:
    files = generated_files(db, SITE)
    assert set(expected_topics(db)) | {paths.FEED} <= set(files)
    assert files[paths.FEED] == atom_feed(db, SITE)


def test_feed_urls_are_absolute_with_the_site_url(db: Database) -> None:
    for site_url in ("https://example.org/sub", "https://example.org/sub/"):
        feed = parse(topic_feed_files(db, site_url)["feed-dataset-rsitmd.xml"])
        assert feed.feed.id == f"{SITE}datasets/rsitmd/"
        links = {link.rel: link.href for link in feed.feed.links}
        assert links == {"alternate": f"{SITE}datasets/rsitmd/", "self": f"{SITE}feed-dataset-rsitmd.xml"}
        for entry in feed.entries:
            assert entry.id.startswith(SITE + "papers/") and entry.id.endswith("/")
            assert entry.link == entry.id


def test_titles_with_markup_are_escaped(db: Database) -> None:
    beta = db.by_id["roe2023beta"]
    assert "<script>" in beta.title
    xml = topic_feed_files(db, SITE)["feed-tag-clip.xml"]
    assert "<script>" not in xml and "&lt;script&gt;alert(1)&lt;/script&gt;" in xml
    feed = parse(xml)
    assert feed.entries[0].title == beta.title
    assert feed.entries[0].title_detail.type == "text/plain"


def test_feed_titles_and_dates(db: Database) -> None:
    files = topic_feed_files(db, SITE)
    clip = parse(files["feed-tag-clip.xml"])
    assert clip.feed.title == "Awesome RSITR: papers tagged clip"
    assert clip.feed.updated == dt.datetime.fromisoformat(db.by_id["roe2023beta"].added).strftime("%Y-%m-%dT00:00:00+00:00")
    assert parse(files["feed-dataset-rsicd.xml"]).feed.title == "Awesome RSITR: papers using RSICD"
    assert parse(files["feed-category-hashing.xml"]).feed.title == "Awesome RSITR: Hashing methods"
    # An empty feed is dated by the database's newest addition, so builds stay deterministic.
    surveys = parse(files["feed-category-surveys.xml"])
    assert surveys.entries == []
    newest = max(p.added for p in db.papers)
    assert surveys.feed.updated.startswith(newest)
    assert topic_feed_files(db, SITE) == files


def test_a_feed_holds_the_newest_feed_size_papers(db: Database) -> None:
    paper = db.by_id["doe2021alpha"]
    many = [dataclasses.replace(paper, id=f"p{i:03d}", added=f"2026-{1 + i // 28:02d}-{1 + i % 28:02d}")
            for i in range(FEED_SIZE + 10)]
    feed = parse(build_feed(many, "T", "S", "x.xml", "x/", SITE))
    assert len(feed.entries) == FEED_SIZE
    assert feed.entries[0].id == f"{SITE}papers/p{FEED_SIZE + 9:03d}/"
    assert feed.entries[-1].id == f"{SITE}papers/p010/"


def test_feed_links_map_topic_pages_to_their_feeds(db: Database) -> None:
    links = feed_links(db)
    assert links["categories/closed-domain.md"] == ("feed-category-closed-domain.xml", "Awesome RSITR: Closed-domain methods")
    assert links["datasets/rsicd.md"] == ("feed-dataset-rsicd.xml", "Awesome RSITR: papers using RSICD")
    assert links["tags/clip.md"] == ("feed-tag-clip.xml", "Awesome RSITR: papers tagged clip")
    assert {path for path, _ in links.values()} == {f.path for f in topic_feeds(db)}
    assert feed_meta("tags/clip.md", links) == {"href": "feed-tag-clip.xml", "title": "Awesome RSITR: papers tagged clip"}
    for page in ("index.md", "papers/roe2023beta.md", "categories/index.md", "venues/igarss.md", "data.md"):
        assert feed_meta(page, links) is None


def test_page_url() -> None:
    assert page_url("tags/clip.md") == "tags/clip/"
    assert page_url("categories/index.md") == "categories/"
    assert page_url("index.md") == ""


class _Head(HTMLParser):
    """The Atom feeds a page links with <link rel="alternate">, in order, as (title, href)."""

    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "alternate" and values.get("type") == ATOM:
            self.feeds.append((values.get("title") or "", values.get("href") or ""))


def head_feeds(html: str) -> list[tuple[str, str]]:
    parser = _Head()
    parser.feed(html.split("</head>", 1)[0])
    return parser.feeds


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Database]:
    base = tmp_path_factory.mktemp("feeds")
    papers = base / "papers"
    shutil.copytree(FIXTURE_PAPERS, papers)
    shutil.copy(SCHEMA, papers / "_meta" / SCHEMA.name)
    result = mkdocs_build(make_project(base / "project", papers), base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site", load_database(papers)


def test_built_topic_pages_link_their_feeds(built: tuple[Path, Database]) -> None:
    site, db = built
    topics = expected_topics(db)
    site_url = "https://awesome-rsitr.github.io/"
    folders = {"category": "categories", "dataset": "datasets", "tag": "tags"}
    for feed_path, papers in topics.items():
        kind, _, slug = feed_path.removeprefix("feed-").removesuffix(".xml").partition("-")
        page = f"{folders[kind]}/{slug}/index.html"
        html = (site / page).read_text(encoding="utf-8")
        feeds = head_feeds(html)
        assert len(feeds) == 2 and feeds[1][1].endswith("feed.xml"), (page, feeds)
        title, href = feeds[0]
        assert title.startswith("Awesome RSITR: "), page
        assert not href.startswith(("/", "http")), (page, href)  # relative, so the site works under any path
        target = urljoin(f"{site_url}{page}", href)
        assert target == f"{site_url}{feed_path}", (page, href)
        feed = feedparser.parse((site / feed_path).read_bytes())
        assert not feed.bozo, (feed_path, feed.get("bozo_exception"))
        assert feed.feed.title == title
        assert [e.id for e in feed.entries] == [f"{site_url}papers/{p.id}/" for p in papers], feed_path
        assert [e.title for e in feed.entries] == [p.title for p in papers], feed_path


def test_built_tag_page_head_link_markup(built: tuple[Path, Database]) -> None:
    site, _ = built
    html = (site / "tags" / "clip" / "index.html").read_text(encoding="utf-8")
    assert 'title="Awesome RSITR: papers tagged clip" href="../../feed-tag-clip.xml"' in html


def test_other_pages_keep_only_the_site_feed(built: tuple[Path, Database]) -> None:
    site, _ = built
    for page in ("index.html", "papers/roe2023beta/index.html", "categories/index.html", "venues/igarss/index.html"):
        feeds = head_feeds((site / page).read_text(encoding="utf-8"))
        assert [title for title, _ in feeds] == ["Awesome RSITR: newest papers"], page
        assert urljoin(f"https://awesome-rsitr.github.io/{page}", feeds[0][1]) == "https://awesome-rsitr.github.io/feed.xml"
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 3
