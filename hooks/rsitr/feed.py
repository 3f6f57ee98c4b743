"""Atom feed of the newest additions, written by the feedgen library."""
from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from .model import Database

FEED_SIZE = 50


def atom_feed(db: Database, site_url: str) -> str:
    """Atom XML of the FEED_SIZE most recently added papers; deterministic for the same data."""
    base = site_url.rstrip("/") + "/"
    newest = sorted(db.papers, key=lambda p: (p.added, p.id), reverse=True)[:FEED_SIZE]
    feed = FeedGenerator()
    feed.id(base)
    feed.title("Awesome RSITR: newest papers")
    feed.subtitle("Papers on remote sensing image-text retrieval, newest additions first.")
    feed.link(href=base, rel="alternate")
    feed.link(href=base + "feed.xml", rel="self")
    feed.language("en")
    feed.generator("Awesome RSITR")
    if newest:
        feed.updated(_date(newest[0].added))
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


def _date(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc)
