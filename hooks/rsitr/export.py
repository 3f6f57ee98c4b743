"""Machine-readable exports: papers.json, derived from the model so no field can be forgotten."""
from __future__ import annotations

import dataclasses
import json
from typing import Any

from .bibtex import bibtex_entry
from .model import Author, Category, Database, Paper, Result, Source, Venue

# Model fields that are bookkeeping of the build, not facts about the paper.
INTERNAL_FIELDS = frozenset({"path"})


def plain(value: Any) -> Any:
    """A model value as JSON data: objects by their natural key, records as mappings, tuples as lists."""
    if isinstance(value, Author):
        return value.full
    if isinstance(value, Venue):
        return value.short
    if isinstance(value, Category):
        return value.slug
    if isinstance(value, Source):
        return {"url": value.url, "kind": value.kind.slug, "primary": value.kind.primary}
    if isinstance(value, Result):
        row = {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        row["mr"] = value.shown_mr
        row["source"] = f"{value.source.paper}, {value.source.table}"
        return row
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def paper_record(paper: Paper) -> dict[str, Any]:
    """One paper as papers.json holds it: every model field, plus derived conveniences (documented on the Data page)."""
    record = {f.name: plain(getattr(paper, f.name)) for f in dataclasses.fields(paper) if f.name not in INTERNAL_FIELDS}
    record.update({
        "venue_name": paper.venue.name,
        "venue_kind": paper.venue.kind,
        "url": paper.url,
        "code": paper.links.code,
        "project": paper.links.project,
        "verification": verification_status(paper),
        "bibtex": bibtex_entry(paper),
    })
    return record


def verification_status(paper: Paper) -> str:
    """'verified' (a primary source, no marks), 'partly-verified' (marks on some fields) or 'secondary-only'."""
    if not paper.has_primary_source:
        return "secondary-only"
    return "partly-verified" if paper.unverified else "verified"


def papers_json(db: Database) -> str:
    """papers.json: every paper, newest first, deterministic."""
    return json.dumps([paper_record(p) for p in db.papers], ensure_ascii=False, indent=1) + "\n"
