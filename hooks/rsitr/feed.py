"""Atom feeds (site-wide, and one per category, dataset and tag), written by the feedgen library."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from . import paths
from .markdown import site_dir
from .model import Database, Paper

FEED_SIZE = 50
SITE_NAME = "Awesome RSITR"


@dataclass(frozen=True)
class TopicFeed:
    """The feed of one topic page: which page links it, where it is written, and what it lists."""

    page: str  # source path of the topic page, e.g. categories/hashing.md
    path: str  # the feed, e.g. categories/hashing.xml
    title: str
    subtitle: str
    papers: tuple[Paper, ...]


def newest_first(papers: list[Paper] | tuple[Paper, ...]) -> list[Paper]:
    """Papers by date added, newest first (ties by id, so the order is deterministic)."""
    return sorted(papers, key=lambda p: (p.added, p.id), reverse=True)


def latest_added(db: Database) -> str | None:
    """The newest `added` date of the database: the date of a feed with no entries."""
    return max((p.added for p in db.papers), default=None)


def build_feed(papers: list[Paper] | tuple[Paper, ...], title: str, subtitle: str, feed_path: str, page_url: str,
               site_url: str, updated: str | None = None) -> str:
    """Atom XML of the FEED_SIZE newest of `papers`; deterministic for the same data.

    `feed_path` (the feed) and `page_url` (the page it belongs to, also the feed's id) are relative to
    `site_url`. The feed's date is its newest entry's, else `updated`."""
    base = site_url.rstrip("/") + "/"
    newest = newest_first(papers)[:FEED_SIZE]
    feed = FeedGenerator()
    feed.id(base + page_url)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.link(href=base + page_url, rel="alternate")
    feed.link(href=base + feed_path, rel="self")
    feed.language("en")
    feed.generator(SITE_NAME)
    day = newest[0].added if newest else updated
    if day:
        feed.updated(_date(day))
    for paper in reversed(newest):  # feedgen puts the last added entry first
        entry = feed.add_entry()
        url = f"{base}papers/{paper.id}/"
        entry.id(url)
        entry.title(paper.title)
        entry.link(href=url)
        entry.updated(_date(paper.added))
        entry.published(_date(paper.added))
        for author in paper.authors:
            entry.author(name=author.full)
        entry.summary(f"{paper.venue.name} {paper.year}." + (f" {paper.summary}" if paper.summary else ""))
        entry.category(term=paper.category.slug, label=paper.category.title)
    return feed.atom_str(pretty=True).decode("utf-8")


def atom_feed(db: Database, site_url: str) -> str:
    """The site-wide feed (feed.xml): the FEED_SIZE most recently added papers."""
    return build_feed(db.papers, f"{SITE_NAME}: newest papers",
                      "Papers on remote sensing image-text retrieval, newest additions first.", paths.FEED, "", site_url)


def topic_feeds(db: Database) -> list[TopicFeed]:
    """One feed per category and dataset (empty ones too, to subscribe before a paper arrives) and per tag in use."""
    by_category: dict[str, list[Paper]] = defaultdict(list)
    by_dataset: dict[str, list[Paper]] = defaultdict(list)
    by_tag: dict[str, list[Paper]] = defaultdict(list)
    for paper in db.papers:
        by_category[paper.category.slug].append(paper)
        for slug in paper.datasets:
            by_dataset[slug].append(paper)
        for tag in paper.tags:
            by_tag[tag].append(paper)
    feeds = [TopicFeed(paths.category_page(c), paths.category_feed(c), f"{SITE_NAME}: {c.title}", c.definition,
                       tuple(by_category[c.slug])) for c in db.categories.values()]
    feeds += [TopicFeed(paths.dataset_page(d), paths.dataset_feed(d), f"{SITE_NAME}: papers using {d.name}",
                        f"Papers that use the {d.name} dataset, newest additions first.", tuple(by_dataset[d.slug]))
              for d in db.datasets.values()]
    feeds += [TopicFeed(paths.tag_page(t), paths.tag_feed(t), f"{SITE_NAME}: papers tagged {t}", db.tags[t],
                        tuple(by_tag[t])) for t in sorted(by_tag)]
    return feeds


def topic_feed_files(db: Database, site_url: str) -> dict[str, str]:
    """Every topic feed's Atom XML, keyed by its path relative to the docs directory."""
    updated = latest_added(db)
    return {f.path: build_feed(f.papers, f.title, f.subtitle, f.path, page_url(f.page), site_url, updated)
            for f in topic_feeds(db)}


def feed_links(db: Database) -> dict[str, tuple[str, str]]:
    """Topic page source path -> (feed path, feed title), for the page's <link rel="alternate">."""
    return {f.page: (f.path, f.title) for f in topic_feeds(db)}


def page_url(src_path: str) -> str:
    """The directory URL of a generated page, relative to the site root: 'tags/clip.md' -> 'tags/clip/'."""
    directory = site_dir(src_path)
    return directory + "/" if directory else ""


def _date(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc)
