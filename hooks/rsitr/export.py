"""Machine-readable exports: papers.json."""
from __future__ import annotations

import json
from typing import Any

from .bibtex import bibtex_entry
from .model import RECALL_FIELDS, Database, Paper


def paper_record(paper: Paper) -> dict[str, Any]:
    """One paper as papers.json holds it (fields documented on the Data page)."""
    return {
        "id": paper.id,
        "title": paper.title,
        "authors": [a.full for a in paper.authors],
        "year": paper.year,
        "venue": paper.venue.short,
        "venue_name": paper.venue.name,
        "venue_kind": paper.venue.kind,
        "category": paper.category.slug,
        "method": paper.method,
        "volume": paper.volume,
        "number": paper.number,
        "pages": paper.pages,
        "article_number": paper.article_number,
        "doi": paper.doi,
        "arxiv": paper.arxiv,
        "url": paper.url,
        "code": paper.links.code,
        "project": paper.links.project,
        "tags": list(paper.tags),
        "datasets": list(paper.datasets),
        "summary": paper.summary,
        "added": paper.added,
        "sources": list(paper.sources),
        "results": [
            {"dataset": r.dataset, "method": r.method, "variant": r.variant, "extra_data": r.extra_data,
             **{name: getattr(r, name) for name in RECALL_FIELDS}, "mr": r.shown_mr,
             "source": f"{r.source.paper}, {r.source.table}"}
            for r in paper.results
        ],
        "bibtex": bibtex_entry(paper),
    }


def papers_json(db: Database) -> str:
    """papers.json: every paper, newest first, deterministic."""
    return json.dumps([paper_record(p) for p in db.papers], ensure_ascii=False, indent=1) + "\n"
