"""Machine-readable exports: papers.json, derived from the model so no field can be forgotten."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Any

from .bibtex import bibtex_entry
from .model import METRIC_FIELDS, Author, Category, Database, Paper, Result, Source, Venue

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
        return result_record(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def result_record(result: Result) -> dict[str, Any]:
    """A result row as its YAML has it (same keys and values; fields the row leaves out are left out),
    plus `mean_recall`, the mR recomputed from the recalls."""
    row: dict[str, Any] = {}
    for f in dataclasses.fields(result):
        value = getattr(result, f.name)
        if value is None:
            continue
        if f.name == "source":
            value = {"paper": value.paper, "table": value.table}
        elif f.name == "pretraining":
            value = list(value) if value else "none"
        row[f.name] = value
    if result.mean_recall is not None:
        row["mean_recall"] = round(result.mean_recall, 4)
    return row


def board_records(rows: list[Any]) -> list[dict[str, Any]]:
    """Board rows (leaderboard.Row) as JSON objects: the result row, plus where it sits and comes from."""
    return [{"anchor": row.anchor, "rank": rank, "record": row.paper.id, "year": row.year,
             "method_paper": row.method_paper.id if row.method_paper else None, **result_record(row.result)}
            for rank, row in enumerate(rows, 1)]


BOARD_CSV_FIELDS = ("anchor", "rank", "record", "year", "method_paper", "dataset", "kind", "method", "variant",
                    "setting", "image_encoder", "text_encoder", "audio_encoder", "pretraining", "reported_by",
                    "extra_data", *METRIC_FIELDS, "mean_recall", "source_paper", "source_table", "note")


def board_json(rows: list[Any]) -> str:
    return json.dumps(board_records(rows), ensure_ascii=False, indent=1) + "\n"


def board_csv(rows: list[Any]) -> str:
    """The board as CSV: one line per row, every field; lists joined with ';', absent values empty."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=BOARD_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in board_records(rows):
        source = record.pop("source")
        record["source_paper"], record["source_table"] = source["paper"], source["table"]
        if isinstance(record.get("pretraining"), list):
            record["pretraining"] = ";".join(record["pretraining"])
        writer.writerow({k: ("" if v is None else v) for k, v in record.items()})
    return out.getvalue()


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
