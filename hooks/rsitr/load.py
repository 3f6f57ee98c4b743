"""Loading the database: read every file, check it, and build the model only when nothing is wrong.

The steps live in their own modules: reading vocabularies (vocab), schema checks (schemacheck),
per-record checks (checks), cross-record checks (across). This module runs them in order and
turns validated records into model objects.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .across import check_across, normalise_title
from .checks import PaperChecks
from .model import (
    METRIC_FIELDS, Author, Category, Check, Database, Links, Paper, Related, Result, ResultSource, Source, UnverifiedField,
    Venue, Version,
)
from .report import DatabaseError, Reporter
from .sourcekinds import SourceRules
from .vocab import META_DIR, FileReader, Vocabularies, read_vocabularies
from .yamlfile import Problem, YamlDocument, describe, read_regular_file

SCHEMA_FILE = "paper.schema.json"

__all__ = ["DatabaseError", "META_DIR", "load_database", "normalise_title", "build_paper"]


def read_papers(reader: FileReader, schema: dict[str, Any]) -> list[tuple[Path, YamlDocument]]:
    """Every paper file that parses to a mapping; other files and bad documents are reported."""
    documents = []
    for path in sorted(reader.papers_dir.iterdir()):
        if path.is_symlink():
            reader.reporter.report_file(reader.display(path), "expected a regular file, found a symbolic link; links are "
                                                              "refused (they can point outside the repository) and were not followed")
            continue
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix != ".yaml":
            reader.reporter.report_file(reader.display(path), f"expected only paper files named <id>.yaml here, found {path.name!r}")
            continue
        problems_before = len(reader.reporter.problems)
        doc = reader.read(path, schema)
        if doc is None or not isinstance(doc.data, dict):
            if doc is not None and len(reader.reporter.problems) == problems_before:
                reader.reporter.report_file(doc.display, f"expected a mapping of paper fields, found {describe(doc.data)}", 1)
            continue
        documents.append((path, doc))
    return documents


def load_database(papers_dir: Path) -> Database:
    """Load and validate `papers_dir`; raise DatabaseError listing every problem."""
    papers_dir = Path(papers_dir)
    if not papers_dir.is_dir():
        raise DatabaseError([Problem(str(papers_dir), None, "", "expected a directory of paper files, found none")])
    reporter = Reporter()
    reader = FileReader(papers_dir, reporter)
    vocab = read_vocabularies(reader)
    schema_path = papers_dir / META_DIR / SCHEMA_FILE
    raw, problem = read_regular_file(schema_path, reader.display(schema_path), papers_dir)
    if raw is None:
        raise DatabaseError([*reporter.problems, *([problem] if problem else [])])
    schema = json.loads(raw.decode("utf-8"))
    documents = read_papers(reader, schema)
    checks = PaperChecks(reporter, vocab)
    for path, doc in documents:
        checks.check(doc, path.stem)
    check_across(reporter, documents, vocab)
    if reporter.problems:
        raise DatabaseError(reporter.problems)
    papers = [build_paper(doc.data, doc.display, vocab) for _, doc in documents]
    papers.sort(key=lambda p: (-p.year, p.id))
    return Database(papers=papers, venues=vocab.venues, categories=vocab.categories, tags=vocab.tags,
                    datasets=vocab.datasets, people=vocab.people, source_kinds=vocab.sources.kinds,
                    rejected=vocab.rejected, scope=vocab.scope, encoders=vocab.encoders,
                    pretraining=vocab.pretraining)


def _sources(urls: list[str], rules: SourceRules) -> tuple[Source, ...]:
    return tuple(Source(url, kind) for url in urls if (kind := rules.kind_of(url)) is not None)


def build_result(row: dict[str, Any]) -> Result:
    """Model object from a validated result row."""
    pretraining = row.get("pretraining")
    metrics = {name: (row[name] if name in ("bits", "map_at") else float(row[name]))
               for name in METRIC_FIELDS if row.get(name) is not None}
    return Result(
        dataset=row["dataset"], method=row["method"], extra_data=row["extra_data"], source=ResultSource(**row["source"]),
        setting=row["setting"], kind=row.get("kind", "retrieval"), variant=row.get("variant"),
        image_encoder=row.get("image_encoder"), text_encoder=row.get("text_encoder"), audio_encoder=row.get("audio_encoder"),
        pretraining=None if pretraining is None else () if pretraining == "none" else tuple(pretraining),
        reported_by=row.get("reported_by"), note=row.get("note"), **metrics)


def build_paper(data: dict[str, Any], display: str, vocab: Vocabularies) -> Paper:
    """Model object from a validated record."""
    venues: dict[str, Venue] = vocab.venues
    categories: dict[str, Category] = vocab.categories
    results = tuple(build_result(row) for row in data.get("results") or [])
    versions = tuple(
        Version(title=v["title"], year=v["year"], venue=venues[v["venue"]], arxiv=v.get("arxiv"), doi=v.get("doi"),
                url=v.get("url"), note=v.get("note"))
        for v in data.get("versions") or [])
    checked = data.get("checked")
    return Paper(
        id=data["id"], title=data["title"], year=data["year"],
        authors=tuple(Author(a["given"], a["family"]) for a in data["authors"]),
        venue=venues[data["venue"]], category=categories[data["category"]],
        added=str(data["added"]), sources=_sources(data["sources"], vocab.sources), method=data.get("method"),
        volume=data.get("volume"), number=data.get("number"), pages=data.get("pages"),
        article_number=data.get("article_number"), doi=data.get("doi"), arxiv=data.get("arxiv"),
        arxiv_class=data.get("arxiv_class"), links=Links(**(data.get("links") or {})),
        tags=tuple(data.get("tags") or ()), datasets=tuple(data.get("datasets") or ()),
        summary=data.get("summary"), scope_note=data.get("scope_note"), versions=versions,
        related=tuple(Related(r["paper"], r["note"]) for r in data.get("related") or []),
        unverified=tuple(UnverifiedField(str(k), str(v)) for k, v in (data.get("unverified") or {}).items()),
        checked=Check(str(checked["date"]), checked["note"]) if checked else None,
        results=results, path=display)
