"""Drift: where a record and what Crossref or arXiv says now differ (pure; fetching is in fetch.py).

Each difference is one line in the validator's form, `papers/<id>.yaml:<line>: <field>: Crossref says ..., record says ...`.
A difference a maintainer checked and accepted is listed in the record under `checked.accepted` as
`{field, source, value, note}`; it is not reported again while the service still says exactly `value`.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .importer import ImportError_, venue_named
from .model import Paper, Venue
from .remote import Work, clean_text
from .yamlfile import Problem, YamlDocument

ARXIV_VERSION_IN_URL = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5})v(\d+)")


@dataclass(frozen=True)
class Difference:
    """One field on which a service and a record disagree."""

    field: str
    source: str  # crossref | arxiv
    says: str  # what the service says, as `checked.accepted[].value` repeats it
    record: str
    quoted: bool = True

    @property
    def service(self) -> str:
        return "Crossref" if self.source == "crossref" else "arXiv"

    def message(self) -> str:
        show = (lambda text: json.dumps(text, ensure_ascii=False)) if self.quoted else str
        return f"{self.service} says {show(self.says)}, record says {show(self.record) if self.record else 'nothing'}"


def _same(a: str | None, b: str | None) -> bool:
    def norm(text: str | None) -> str:
        return " ".join(unicodedata.normalize("NFC", text or "").split())
    return norm(a) == norm(b)


def names(authors: Any) -> str:
    """'Given Family; Given Family' of (given, family) pairs or model Authors."""
    return "; ".join(" ".join(f"{a[0]} {a[1]}".split()) if isinstance(a, tuple) else a.full for a in authors)


def crossref_differences(paper: Paper, work: Work, venues: dict[str, Venue]) -> list[Difference]:
    """Title, authors, year, venue, volume, number, pages and a newer published version, against Crossref."""
    found: list[Difference] = []

    def differ(name: str, says: str | None, record: str | None, quoted: bool = True) -> None:
        if says and not _same(says, record):
            found.append(Difference(name, "crossref", says, record or "", quoted))

    differ("title", work.title, paper.title)
    differ("authors", names(work.authors), names(paper.authors))
    if work.year and work.year != paper.year:
        dates = ", ".join(f"{kind} {year}" for kind, year in work.dates.items())
        found.append(Difference("year", "crossref", f"{work.year} ({dates})", str(paper.year), quoted=False))
    if work.venue_name:
        try:
            venue = venue_named(work.venue_name, venues, "venue").short
        except ImportError_:
            venue = None
        if venue != paper.venue.short:
            found.append(Difference("venue", "crossref", work.venue_name, f"{paper.venue.short} ({paper.venue.name})"))
    differ("volume", work.volume, paper.volume)
    differ("number", work.number, paper.number)
    if work.pages and not _same(work.pages, paper.pages) and not _same(work.pages, paper.article_number):
        differ("pages", work.pages, paper.pages)
    for doi in work.preprint_of:
        found.append(Difference("doi", "crossref", f"preprint of {doi}", paper.doi or "", quoted=False))
    return found


def known_arxiv_version(paper: Paper) -> int | None:
    """The highest version of the record's own arXiv id that the record names (versions, sources, links)."""
    seen = [int(v.arxiv.rsplit("v", 1)[1]) for v in paper.versions if v.arxiv and v.arxiv.startswith(f"{paper.arxiv}v")]
    urls = [s.url for s in paper.sources] + [u for u in (paper.links.publisher, paper.links.pdf) if u]
    seen += [int(m.group(2)) for url in urls if (m := ARXIV_VERSION_IN_URL.search(url)) and m.group(1) == paper.arxiv]
    return max(seen) if seen else None


def arxiv_differences(paper: Paper, work: Work) -> list[Difference]:
    """A newer arXiv version and a published version of a preprint for every record with an arXiv id; title,
    authors and year too for a record that is only on arXiv (a published record follows its publisher)."""
    found: list[Difference] = []
    preprint_only = paper.venue.kind == "preprint"
    if preprint_only:
        if not _same(work.title, paper.title):
            found.append(Difference("title", "arxiv", work.title, paper.title))
        if not _same(names(work.authors).casefold(), names(paper.authors).casefold()):
            found.append(Difference("authors", "arxiv", names(work.authors), names(paper.authors)))
        if work.year and work.year != paper.year:
            found.append(Difference("year", "arxiv", f"{work.year} (v1 of {work.published})", str(paper.year), quoted=False))
        if work.journal_ref or work.doi:
            published = "; ".join(filter(None, [f"journal reference {work.journal_ref!r}" if work.journal_ref else "",
                                                f"DOI {work.doi}" if work.doi else ""]))
            found.append(Difference("venue", "arxiv", f"published: {published}", paper.venue.short, quoted=False))
    latest = work.arxiv_version
    known = known_arxiv_version(paper)
    last_check = paper.checked.date if paper.checked else paper.added
    if latest and ((known is not None and latest > known)
                   or (known is None and latest > 1 and work.updated and work.updated > last_check)):
        says = f"v{latest} (updated {work.updated})"
        record = f"up to v{known}" if known is not None else f"no version, last checked {last_check}"
        found.append(Difference("arxiv", "arxiv", says, record, quoted=False))
    return found


def accepted_of(doc: YamlDocument | None) -> set[tuple[str, str, str]]:
    """(field, source, value) of the record's `checked.accepted` entries."""
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    checked = data.get("checked") if isinstance(data.get("checked"), dict) else {}
    return {(str(a.get("field")), str(a.get("source")), clean_text(a.get("value")))
            for a in checked.get("accepted") or [] if isinstance(a, dict)}


def drift_problems(paper: Paper, doc: YamlDocument | None, differences: list[Difference]) -> tuple[list[Problem], int]:
    """The differences not accepted in the record, as located problems, and how many were accepted."""
    accepted = accepted_of(doc)
    problems, skipped = [], 0
    for difference in differences:
        if (difference.field, difference.source, clean_text(difference.says)) in accepted:
            skipped += 1
            continue
        line = doc.line((difference.field,)) if doc is not None and (difference.field,) in doc.lines else None
        problems.append(Problem(paper.path, line, difference.field, difference.message()))
    return problems, skipped


def missing_difference(field: str, source: str, message: str, record: str) -> Difference:
    """A record whose identifier the service does not know (HTTP 404, or an empty arXiv entry)."""
    return Difference(field, source, f"no such record ({message})", record, quoted=False)
