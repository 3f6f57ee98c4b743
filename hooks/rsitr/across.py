"""Checks across records: duplicates (both places named), references between files, look-alike authors."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from .authors import likely_duplicates
from .checks import arxiv_base
from .model import Author
from .report import Reporter, closest
from .vocab import META_DIR, Vocabularies
from .yamlfile import FieldPath, YamlDocument

Documents = list[tuple[Path, YamlDocument]]


def normalise_title(title: str) -> str:
    """Title key for duplicate detection: case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", title).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def identity_keys(data: dict[str, Any]) -> list[tuple[str, str, FieldPath]]:
    """(what, value, field) for every key that names one work: id, DOI, arXiv id and title, versions included."""
    keys: list[tuple[str, Any, FieldPath]] = [
        ("id", data.get("id"), ("id",)),
        ("DOI", str(data.get("doi", "")).lower() or None, ("doi",)),
        ("arXiv id", data.get("arxiv"), ("arxiv",)),
        ("title", normalise_title(data["title"]) if isinstance(data.get("title"), str) else None, ("title",))]
    for index, version in enumerate(data.get("versions") or []):
        if not isinstance(version, dict):
            continue
        if isinstance(version.get("doi"), str):
            keys.append(("DOI", version["doi"].lower(), ("versions", index, "doi")))
        if isinstance(version.get("arxiv"), str):
            keys.append(("arXiv id", arxiv_base(version["arxiv"]), ("versions", index, "arxiv")))
    return [(what, value, path) for what, value, path in keys if isinstance(value, str) and value]


def check_across(reporter: Reporter, documents: Documents, vocab: Vocabularies) -> None:
    """Every cross-record problem: duplicates, dangling ids, one-sided related links, listed rejects, look-alike names."""
    ids = _check_duplicates(reporter, documents)
    by_id = {doc.data["id"]: doc for _, doc in documents if isinstance(doc.data.get("id"), str)}
    for _, doc in documents:
        for index, row in enumerate(doc.data.get("results") or []):
            source = row.get("source") if isinstance(row, dict) else None
            if isinstance(source, dict) and isinstance(source.get("paper"), str) and source["paper"] not in ids:
                reporter.report(doc, ("results", index, "source", "paper"),
                                f"expected the id of a paper in the database, found {source['paper']!r}{closest(source['paper'], ids)}")
            reported_by = row.get("reported_by") if isinstance(row, dict) else None
            if isinstance(reported_by, str) and reported_by != "own" and reported_by not in ids:
                reporter.report(doc, ("results", index, "reported_by"),
                                f"expected 'own' or the id of the paper that re-ran the method, found {reported_by!r}"
                                f"{closest(reported_by, ids)}")
        _check_related(reporter, doc, by_id)
    datasets_doc = vocab.datasets_doc
    if datasets_doc is not None and isinstance(datasets_doc.data, list):
        for index, item in enumerate(datasets_doc.data):
            if isinstance(item, dict) and isinstance(item.get("paper"), str) and item["paper"] not in ids:
                reporter.report(datasets_doc, (index, "paper"), f"expected the id of a paper in the database, found {item['paper']!r}")
    _check_rejected(reporter, documents, vocab)
    _check_people(reporter, documents, vocab)


def _check_duplicates(reporter: Reporter, documents: Documents) -> set[str]:
    seen: dict[tuple[str, str], tuple[YamlDocument, FieldPath]] = {}
    ids = set()
    for _, doc in documents:
        if isinstance(doc.data.get("id"), str):
            ids.add(doc.data["id"])
        own: set[tuple[str, str]] = set()
        for what, value, path in identity_keys(doc.data):
            if (what, value) in own:
                continue  # a version may share the record's arXiv id (an earlier arXiv version)
            own.add((what, value))
            if (what, value) in seen:
                other, other_path = seen[(what, value)]
                field = path[-1] if path[0] == "versions" else what
                reporter.report(doc, path, f"expected a {what} no other paper has, found the same {what} as "
                                           f"{other.display}:{other.line(other_path)}"
                                + (" (an arXiv id or DOI belongs to one work: link separate works with `related`)"
                                   if field != what or other_path[0] == "versions" else ""))
            else:
                seen[(what, value)] = (doc, path)
    return ids


def _check_related(reporter: Reporter, doc: YamlDocument, by_id: dict[str, YamlDocument]) -> None:
    own_id = doc.data.get("id")
    for index, item in enumerate(doc.data.get("related") or []):
        target = item.get("paper") if isinstance(item, dict) else None
        if not isinstance(target, str):
            continue
        path: FieldPath = ("related", index, "paper")
        if target == own_id:
            reporter.report(doc, path, f"expected another paper's id, found this record's own id {target!r}")
        elif target not in by_id:
            reporter.report(doc, path, f"expected the id of a paper in the database, found {target!r}{closest(target, by_id)}")
        else:
            back = [r.get("paper") for r in by_id[target].data.get("related") or [] if isinstance(r, dict)]
            if own_id not in back:
                other = by_id[target]
                reporter.report(doc, path, f"expected {other.display} to link back to {own_id!r} under `related`, "
                                           f"found no such link there")


def _check_rejected(reporter: Reporter, documents: Documents, vocab: Vocabularies) -> None:
    """A rejected candidate must not also be a record: the two places are named."""
    doc = vocab.rejected_doc
    if doc is None or not isinstance(doc.data, list):
        return
    keys: dict[tuple[str, str], tuple[YamlDocument, FieldPath]] = {}
    for _, paper_doc in documents:
        for what, value, path in identity_keys(paper_doc.data):
            keys.setdefault((what, value), (paper_doc, path))
    seen: dict[tuple[str, str], int] = {}
    for index, item in enumerate(doc.data):
        if not isinstance(item, dict):
            continue
        candidate = [("DOI", str(item.get("doi", "")).lower(), "doi"), ("arXiv id", item.get("arxiv"), "arxiv"),
                     ("title", normalise_title(item["title"]) if isinstance(item.get("title"), str) else None, "title")]
        for what, value, field in candidate:
            if not isinstance(value, str) or not value:
                continue
            if (what, value) in keys:
                other, other_path = keys[(what, value)]
                reporter.report(doc, (index, field), f"expected a paper that is not listed, found the same {what} as "
                                                     f"{other.display}:{other.line(other_path)}; remove one of the two")
            elif (what, value) in seen:
                reporter.report(doc, (index, field), f"expected each candidate once, found the same {what} as line {seen[(what, value)]}")
            else:
                seen[(what, value)] = doc.line((index, field)) or 0


def _check_people(reporter: Reporter, documents: Documents, vocab: Vocabularies) -> None:
    """Report look-alike names (same family name, compatible given names) not yet resolved."""
    first_seen: dict[str, tuple[YamlDocument, FieldPath]] = {}
    authors = []
    for _, doc in documents:
        for index, item in enumerate(doc.data.get("authors") or []):
            if isinstance(item, dict) and isinstance(item.get("given"), str) and isinstance(item.get("family"), str):
                author = Author(item["given"], item["family"])
                if author.full not in first_seen:
                    first_seen[author.full] = (doc, ("authors", index))
                    authors.append(author)
    for a, b in likely_duplicates(authors, vocab.people):
        doc_a, path_a = first_seen[a.full]
        doc_b, path_b = first_seen[b.full]
        reporter.report(doc_b, path_b, f"expected one spelling per person, found {b.full!r} here and {a.full!r} in "
                                       f"{doc_a.display}:{doc_a.line(path_a)}, which look like the same person; list them "
                                       f"in {META_DIR}/authors.yaml as aliases (people) or as distinct people (distinct)")
