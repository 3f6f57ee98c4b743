"""New-paper watch: the query terms of papers/_meta/watch.yaml, the arXiv and Crossref queries built from them, and the
filter that keeps only papers that match every term group and are neither listed nor rejected (pure; no I/O)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import schemas
from .across import normalise_title
from .importer import already_listed
from .model import Database
from .remote import Work
from .schemacheck import schema_problems
from .yamlfile import Problem, read_yaml_file

WATCH_FILE = "watch.yaml"


@dataclass(frozen=True)
class WatchConfig:
    """What papers/_meta/watch.yaml asks for."""

    terms: tuple[tuple[str, tuple[str, ...]], ...]  # (group name, any of these terms)
    categories: tuple[str, ...]
    arxiv_max: int
    crossref_query: str
    issns: tuple[str, ...]
    crossref_max: int


@dataclass
class WatchResult:
    """Candidates, newest first, and how many results were dropped and why."""

    candidates: list[Work] = field(default_factory=list)
    off_topic: int = 0
    listed: int = 0
    rejected: int = 0
    repeated: int = 0


def read_watch_config(path: Path, display: str, inside: Path) -> tuple[WatchConfig | None, list[Problem]]:
    """The watch file, checked against schemas.WATCH; problems in the validator's form."""
    doc, problems = read_yaml_file(path, display, inside)
    if doc is None:
        return None, problems
    problems += schema_problems(doc, schemas.WATCH)
    if problems:
        return None, problems
    data = doc.data
    return WatchConfig(
        terms=tuple((str(g["name"]), tuple(map(str, g["any"]))) for g in data["terms"]),
        categories=tuple(data["arxiv"]["categories"]), arxiv_max=int(data["arxiv"].get("max_results", 200)),
        crossref_query=str(data["crossref"]["query"]), issns=tuple(j["issn"] for j in data["crossref"]["journals"]),
        crossref_max=int(data["crossref"].get("max_results", 200))), []


def _phrase(term: str) -> str:
    return f'"{term}"' if re.search(r"[\s-]", term) else term


def arxiv_query(config: WatchConfig, since: dt.date, until: dt.date) -> str:
    """arXiv search_query: any listed category, a term of every group, submitted between the dates."""
    parts = ["(" + " OR ".join(f"cat:{c}" for c in config.categories) + ")"]
    parts += ["(" + " OR ".join(f"all:{_phrase(t)}" for t in terms) + ")" for _, terms in config.terms]
    parts.append(f"submittedDate:[{since:%Y%m%d}0000 TO {until:%Y%m%d}2359]")
    return " AND ".join(parts)


def crossref_filters(config: WatchConfig, since: dt.date, until: dt.date) -> list[str]:
    """Crossref filters: journal articles of the listed journals (repeated issn filters mean any of them), by date."""
    return [f"from-pub-date:{since.isoformat()}", f"until-pub-date:{until.isoformat()}", "type:journal-article",
            *(f"issn:{issn}" for issn in config.issns)]


def matches_terms(work: Work, config: WatchConfig) -> bool:
    """True when the title or abstract holds a term of every group (case-insensitive, at a word start)."""
    text = f"{work.title} {work.abstract}".casefold()
    return all(any(re.search(r"(?<![a-z0-9])" + re.escape(term.casefold()), text) for term in terms)
               for _, terms in config.terms)


def _rejected(work: Work, db: Database) -> bool:
    title = normalise_title(work.title)
    return any((c.doi and work.doi and c.doi.lower() == work.doi.lower()) or (c.arxiv and c.arxiv == work.arxiv)
               or normalise_title(c.title) == title for c in db.rejected)


def select_candidates(works: list[Work], db: Database, config: WatchConfig) -> WatchResult:
    """Works that match the terms and are neither in the database (versions included) nor rejected; an arXiv
    preprint and its journal version (same DOI or title) count once, as the journal version."""
    result = WatchResult()
    seen: dict[str, Work] = {}
    for work in sorted(works, key=lambda w: w.source != "crossref"):  # journal versions first
        if not matches_terms(work, config):
            result.off_topic += 1
        elif already_listed(db, work.doi, work.arxiv, work.title):
            result.listed += 1
        elif _rejected(work, db):
            result.rejected += 1
        elif normalise_title(work.title) in seen or (work.doi and work.doi.lower() in seen):
            result.repeated += 1
        else:
            seen[normalise_title(work.title)] = work
            if work.doi:
                seen[work.doi.lower()] = work
            result.candidates.append(work)
    result.candidates.sort(key=lambda w: (-(w.year or 0), w.published or "", w.title), reverse=False)
    return result


def identifier_of(work: Work) -> str:
    return work.doi if work.source == "crossref" and work.doi else (work.arxiv or work.doi or "")


def candidate_line(work: Work) -> str:
    """'rsitr import <id>  # <year> <venue>: <title> (<first author> et al.)', ready to copy."""
    first = " ".join(work.authors[0]).strip() if work.authors else "no authors"
    more = " et al." if len(work.authors) > 1 else ""
    return f"rsitr import {identifier_of(work)}  # {work.year or '?'} {work.venue_name or work.service}: {work.title} ({first}{more})"


def summary_line(result: WatchResult, since: dt.date) -> str:
    return (f"{len(result.candidates)} candidate(s) since {since.isoformat()}; dropped {result.listed} already listed, "
            f"{result.rejected} rejected, {result.off_topic} without the terms, {result.repeated} repeated.")
