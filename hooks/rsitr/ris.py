"""RIS export (read natively by Zotero, Mendeley, EndNote), written by the rispy library."""
from __future__ import annotations

from typing import Any

import rispy

from .model import Paper

_RIS_TYPES = {"journal": "JOUR", "conference": "CPAPER", "workshop": "CPAPER", "preprint": "GEN",
              "mastersthesis": "THES", "phdthesis": "THES"}


def ris_record(paper: Paper) -> dict[str, Any]:
    """One paper as a rispy reference mapping."""
    record: dict[str, Any] = {
        "type_of_reference": _RIS_TYPES[paper.venue.kind],
        "title": paper.title,
        "authors": [f"{a.family}, {a.given}" for a in paper.authors],
        "year": str(paper.year),
        "id": paper.id,
    }
    if paper.venue.kind == "journal":
        record["secondary_title"] = paper.venue.name
    elif paper.venue.is_proceedings:
        record["secondary_title"] = paper.venue.proceedings or paper.venue.name
        record["publisher"] = paper.venue.publisher
    elif paper.venue.is_thesis:
        record["publisher"] = paper.venue.publisher
    else:
        record["publisher"] = paper.venue.name
    if paper.volume:
        record["volume"] = paper.volume
    if paper.number:
        record["number"] = paper.number
    if paper.pages:
        first, _, last = paper.pages.partition("-")
        record["start_page"] = first
        if last:
            record["end_page"] = last
    elif paper.article_number:
        record["start_page"] = paper.article_number
    if paper.doi:
        record["doi"] = paper.doi
    if paper.url:
        record["urls"] = [paper.url]
    if paper.arxiv:
        record.setdefault("notes", []).append(f"arXiv:{paper.arxiv}")
    return record


def ris_for(papers: list[Paper] | tuple[Paper, ...]) -> str:
    """RIS file text for `papers`, in the given order."""
    return rispy.dumps([ris_record(p) for p in papers])
