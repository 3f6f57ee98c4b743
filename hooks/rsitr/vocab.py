"""Reading the vocabulary files of papers/_meta/ into model objects, reporting every problem."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from . import schemas
from .model import Candidate, Category, Dataset, Encoder, People, PretrainingData, Scope, SourceKind, Venue
from .report import Reporter
from .schemacheck import schema_problems
from .sourcekinds import HostRule, SourceRules
from .yamlfile import YamlDocument, describe, read_yaml_file

META_DIR = "_meta"
HTTPS_URL = re.compile(r"^https://[^\s/<>\"]+\.[^\s/<>\"]+(/[^\s<>\"]*)?$")


def is_https_url(value: Any) -> bool:
    return isinstance(value, str) and HTTPS_URL.match(value) is not None


@dataclass
class Vocabularies:
    """Everything under papers/_meta/ that records refer to."""

    venues: dict[str, Venue] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    datasets: dict[str, Dataset] = field(default_factory=dict)
    people: People = field(default_factory=People)
    sources: SourceRules = field(default_factory=SourceRules)
    scope: Scope | None = None
    rejected: list[Candidate] = field(default_factory=list)
    encoders: dict[str, Encoder] = field(default_factory=dict)
    pretraining: dict[str, PretrainingData] = field(default_factory=dict)
    datasets_doc: YamlDocument | None = None
    rejected_doc: YamlDocument | None = None


class FileReader:
    """Reads YAML files under one papers directory, checking each against its schema."""

    def __init__(self, papers_dir: Path, reporter: Reporter) -> None:
        self.papers_dir = papers_dir
        self.reporter = reporter

    def display(self, path: Path) -> str:
        return path.relative_to(self.papers_dir.parent).as_posix()

    def read(self, path: Path, schema: dict[str, Any] | None) -> YamlDocument | None:
        doc, problems = read_yaml_file(path, self.display(path), self.papers_dir)
        self.reporter.extend(problems)
        if doc is None:
            return None
        if schema is not None:
            found = schema_problems(doc, schema)
            self.reporter.extend(found)
            if found and not isinstance(doc.data, (dict, list)):
                return None
        return doc

    def read_meta(self, name: str, schema: dict[str, Any], required: bool = True) -> YamlDocument | None:
        path = self.papers_dir / META_DIR / name
        if not path.exists() and not path.is_symlink():
            if required:
                self.reporter.report_file(self.display(path), "expected this vocabulary file, found no file")
            return None
        return self.read(path, schema)


def keyed(doc: YamlDocument | None, key: str, reporter: Reporter) -> dict[str, tuple[int, dict[str, Any]]]:
    """Entries of a list vocabulary by key; a repeated key is reported with both lines."""
    entries: dict[str, tuple[int, dict[str, Any]]] = {}
    if doc is None or not isinstance(doc.data, list):
        return entries
    for index, item in enumerate(doc.data):
        if not isinstance(item, dict) or not isinstance(item.get(key), str):
            continue
        if item[key] in entries:
            first = doc.line((entries[item[key]][0],))
            reporter.report(doc, (index, key), f"expected a unique {key}, found {item[key]!r} again (first on line {first})")
            continue
        entries[item[key]] = (index, item)
    return entries


def read_vocabularies(reader: FileReader) -> Vocabularies:
    """Every vocabulary file, as model objects; problems go to the reader's reporter."""
    reporter = reader.reporter
    vocab = Vocabularies()
    venues_doc = reader.read_meta("venues.yaml", schemas.VENUES)
    for short, (_, item) in keyed(venues_doc, "short", reporter).items():
        if {"name", "kind", "publisher"} <= item.keys():
            vocab.venues[short] = Venue(short=short, name=item["name"], kind=item["kind"],
                                        publisher=item["publisher"], proceedings=item.get("proceedings"))
    categories_doc = reader.read_meta("categories.yaml", schemas.CATEGORIES)
    vocab.categories = {slug: Category(slug, item.get("title", slug), item.get("definition", ""))
                        for slug, (_, item) in keyed(categories_doc, "slug", reporter).items()}
    tags_doc = reader.read_meta("tags.yaml", schemas.TAGS)
    if tags_doc and isinstance(tags_doc.data, dict):
        vocab.tags = {str(k): str(v) for k, v in tags_doc.data.items()}
    vocab.datasets_doc = reader.read_meta("datasets.yaml", schemas.DATASETS)
    vocab.datasets = _datasets(vocab.datasets_doc, reporter)
    vocab.people = _people(reader.read_meta("authors.yaml", schemas.AUTHORS))
    vocab.sources = _source_rules(reader.read_meta("sources.yaml", schemas.SOURCES), reporter)
    vocab.scope = _scope(reader.read_meta("scope.yaml", schemas.SCOPE))
    vocab.rejected_doc = reader.read_meta("rejected.yaml", schemas.REJECTED)
    vocab.rejected = _rejected(vocab.rejected_doc)
    vocab.encoders = {slug: Encoder(slug, item["name"], item["modality"])
                      for slug, (_, item) in keyed(reader.read_meta("encoders.yaml", schemas.ENCODERS), "slug", reporter).items()
                      if {"name", "modality"} <= item.keys()}
    vocab.pretraining = {slug: PretrainingData(slug, item["name"])
                         for slug, (_, item) in keyed(reader.read_meta("pretraining.yaml", schemas.PRETRAINING), "slug", reporter).items()
                         if "name" in item}
    return vocab


def _datasets(doc: YamlDocument | None, reporter: Reporter) -> dict[str, Dataset]:
    datasets = {}
    for slug, (index, item) in keyed(doc, "slug", reporter).items():
        if "link" in item and not is_https_url(item["link"]):
            reporter.report(doc, (index, "link"), f"expected an https:// URL, found {describe(item['link'])}")
        for i, url in enumerate(item.get("sources", []) or []):
            if not is_https_url(url):
                reporter.report(doc, (index, "sources", i), f"expected an https:// URL, found {describe(url)}")
        datasets[slug] = Dataset(
            slug=slug, name=item.get("name", slug), year=item.get("year"), images=item.get("images"),
            captions_per_image=item.get("captions_per_image"), image_size=item.get("image_size"),
            paper=item.get("paper"), link=item.get("link"), sources=tuple(item.get("sources", []) or []))
    return datasets


def _people(doc: YamlDocument | None) -> People:
    people = People()
    if doc is None or not isinstance(doc.data, dict):
        return people
    for entry in doc.data.get("people") or []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            for alias in entry.get("aliases") or []:
                if isinstance(alias, str):
                    people.canonical[alias] = entry["name"]
    for pair in doc.data.get("distinct") or []:
        if isinstance(pair, list):
            for a, b in combinations([str(x) for x in pair], 2):
                people.distinct.add(frozenset((a, b)))
    return people


def _source_rules(doc: YamlDocument | None, reporter: Reporter) -> SourceRules:
    rules = SourceRules()
    if doc is None or not isinstance(doc.data, dict):
        return rules
    for _, item in complete_items(doc.data.get("kinds"), ("slug", "title", "primary")):
        rules.kinds[item["slug"]] = SourceKind(item["slug"], item["title"], bool(item["primary"]))
    first_line: dict[str, int | None] = {}
    hosts = doc.data.get("hosts") if isinstance(doc.data.get("hosts"), dict) else {}
    for kind, patterns in hosts.items():
        if kind not in rules.kinds:
            reporter.report(doc, ("hosts", kind), f"expected a kind listed under kinds ({', '.join(rules.kinds)}), found {kind!r}")
        for index, pattern in enumerate(patterns if isinstance(patterns, list) else []):
            if isinstance(pattern, str):
                _note_once(doc, ("hosts", kind, index), pattern, first_line, reporter)
                rules.rules.append(HostRule(pattern, kind=kind))
    for index, item in complete_items(doc.data.get("denied"), ("host", "reason")):
        _note_once(doc, ("denied", index, "host"), item["host"], first_line, reporter)
        rules.rules.append(HostRule(item["host"], reason=item["reason"]))
    return rules


def complete_items(items: Any, required: tuple[str, ...]) -> list[tuple[int, dict[str, Any]]]:
    """(index, item) for the mapping items of a list that have every required key (the schema reports the rest)."""
    return [(i, item) for i, item in enumerate(items if isinstance(items, list) else [])
            if isinstance(item, dict) and all(key in item for key in required)]


def _note_once(doc: YamlDocument, path: tuple, pattern: str, first_line: dict[str, int | None], reporter: Reporter) -> None:
    key = pattern.lower().rstrip("/")
    if key in first_line:
        reporter.report(doc, path, f"expected each host once, found {pattern!r} again (first on line {first_line[key]})")
    else:
        first_line[key] = doc.line(path)


def _scope(doc: YamlDocument | None) -> Scope | None:
    if doc is None or not isinstance(doc.data, dict):
        return None
    data = doc.data
    return Scope(summary=str(data.get("summary", "")), included=tuple(map(str, data.get("included") or ())),
                 excluded=tuple(map(str, data.get("excluded") or ())), weaker=str(data.get("weaker", "")))


def _rejected(doc: YamlDocument | None) -> list[Candidate]:
    if doc is None or not isinstance(doc.data, list):
        return []
    candidates = []
    for item in doc.data:
        if isinstance(item, dict) and {"title", "reason", "note"} <= item.keys():
            candidates.append(Candidate(
                title=str(item["title"]), reason=str(item["reason"]), note=str(item["note"]),
                year=item.get("year") if isinstance(item.get("year"), int) else None,
                arxiv=item.get("arxiv"), doi=item.get("doi"), url=item.get("url"),
                seen_in=tuple(map(str, item.get("seen_in") or ()))))
    return candidates
