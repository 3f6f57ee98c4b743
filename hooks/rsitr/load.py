"""Loading and validating the database: every problem in every file, reported in one run."""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable

import jsonschema

from . import schemas
from .authors import likely_duplicates
from .model import (
    RECALL_FIELDS, Author, Category, Database, Dataset, Links, Paper, People, Result, ResultSource, Venue,
)
from .yamlfile import FieldPath, Problem, YamlDocument, describe, format_path, read_yaml_file

META_DIR = "_meta"
SCHEMA_FILE = "paper.schema.json"
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/[^\s]+$")
ARXIV_PATTERN = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})$")
MR_TOLERANCE = 0.01
FIRST_YEAR = 1990


class DatabaseError(Exception):
    """The database has problems; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field, p.message))
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the paper database:\n{lines}")


_VALIDATORS: dict[str, jsonschema.Draft202012Validator] = {}  # by id() of a schema kept alive by its caller


def _validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    key = str(id(schema))
    if key not in _VALIDATORS:
        _VALIDATORS[key] = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return _VALIDATORS[key]


def _schema_problems(doc: YamlDocument, schema: dict[str, Any], prefix: FieldPath = ()) -> list[Problem]:
    """Problems a JSON Schema finds in a document, phrased as 'expected ..., found ...'."""
    validator = _validator(schema)
    problems = []
    for error in validator.iter_errors(doc.data):
        path: FieldPath = prefix + tuple(error.absolute_path)
        expected, found = _explain(error)
        if error.validator == "required":
            missing = re.match(r"'([^']+)'", error.message)
            path = path + ((missing.group(1),) if missing else ())
        elif error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            for name in extra:
                problems.append(Problem(doc.display, doc.line(path + (name,)), format_path(path + (name,)),
                                        f"expected one of the known fields "
                                        f"({', '.join(error.schema.get('properties', {}))}), "
                                        f"found unknown field {name!r}"))
            continue
        problems.append(Problem(doc.display, doc.line(path), format_path(path), f"expected {expected}, found {found}"))
    return problems


def _explain(error: jsonschema.ValidationError) -> tuple[str, str]:
    """The expected and found halves of a schema error message."""
    instance, schema, kind = error.instance, error.schema, error.validator
    if kind == "type":
        wanted = {"string": "a string", "integer": "an integer", "number": "a number",
                  "boolean": "true or false", "array": "a list", "object": "a mapping"}
        expected = wanted.get(str(error.validator_value), str(error.validator_value))
        if schema.get("minLength") and expected == "a string":
            expected = "a non-empty string"
        return expected, describe(instance)
    if kind == "minLength":
        return "a non-empty string", describe(instance)
    if kind == "minItems":
        return f"at least {error.validator_value} item(s)", "an empty list"
    if kind == "required":
        return "a value (this field is required)", "nothing"
    if kind == "pattern":
        return f"text matching {error.validator_value}", describe(instance)
    if kind == "enum":
        return "one of " + ", ".join(map(str, error.validator_value)), describe(instance)
    if kind == "format":
        return f"a valid {error.validator_value} (e.g. 2024-01-31 for a date)", describe(instance)
    if kind == "uniqueItems":
        return "each item once", "a repeated item"
    if kind == "minimum":
        return f"a number >= {error.validator_value}", describe(instance)
    return error.message, describe(instance)


def _closest(word: str, known: Iterable[str]) -> str:
    matches = difflib.get_close_matches(word, list(known), n=3, cutoff=0.5)
    return f" (closest known: {', '.join(matches)})" if matches else ""


def normalise_title(title: str) -> str:
    """Title key for duplicate detection: case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", title).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def is_web_url(value: Any) -> bool:
    return isinstance(value, str) and (is_https_url(value) or is_https_url("https://" + value[len("http://"):])
                                       and value.startswith("http://"))


def is_https_url(value: Any) -> bool:
    return isinstance(value, str) and re.match(r"^https://[^\s/<>\"]+\.[^\s/<>\"]+(/[^\s<>\"]*)?$", value) is not None


class _Loader:
    """Collects problems while reading the vocabularies and papers of one database."""

    def __init__(self, papers_dir: Path) -> None:
        self.papers_dir = papers_dir
        self.problems: list[Problem] = []
        self.today = dt.date.today()

    def display(self, path: Path) -> str:
        return path.relative_to(self.papers_dir.parent).as_posix()

    def report(self, doc: YamlDocument, path: FieldPath, message: str) -> None:
        self.problems.append(Problem(doc.display, doc.line(path), format_path(path), message))

    def read(self, path: Path, schema: dict[str, Any] | None) -> YamlDocument | None:
        doc, problems = read_yaml_file(path, self.display(path))
        self.problems += problems
        if doc is None:
            return None
        if schema is not None:
            schema_problems = _schema_problems(doc, schema)
            self.problems += schema_problems
            if schema_problems and not isinstance(doc.data, (dict, list)):
                return None
        return doc

    # -- vocabularies -------------------------------------------------------
    def read_vocabulary(self, name: str, schema: dict[str, Any]) -> YamlDocument | None:
        path = self.papers_dir / META_DIR / name
        if not path.is_file():
            self.problems.append(Problem(self.display(path), None, "", "expected this vocabulary file, found no file"))
            return None
        return self.read(path, schema)

    def keyed(self, doc: YamlDocument | None, key: str) -> dict[str, tuple[int, dict[str, Any]]]:
        """Valid entries of a list vocabulary by key; a repeated key is reported with both lines."""
        entries: dict[str, tuple[int, dict[str, Any]]] = {}
        if doc is None or not isinstance(doc.data, list):
            return entries
        for index, item in enumerate(doc.data):
            if not isinstance(item, dict) or not isinstance(item.get(key), str):
                continue
            if item[key] in entries:
                first = doc.line((entries[item[key]][0],))
                self.report(doc, (index, key), f"expected a unique {key}, found {item[key]!r} again (first on line {first})")
                continue
            entries[item[key]] = (index, item)
        return entries

    def load_vocabularies(self) -> tuple[dict[str, Venue], dict[str, Category], dict[str, str], dict[str, Dataset], YamlDocument | None]:
        venues_doc = self.read_vocabulary("venues.yaml", schemas.VENUES)
        venues = {}
        for short, (_, item) in self.keyed(venues_doc, "short").items():
            if {"name", "kind", "publisher"} <= item.keys():
                venues[short] = Venue(short=short, name=item["name"], kind=item["kind"],
                                      publisher=item["publisher"], proceedings=item.get("proceedings"))
        categories_doc = self.read_vocabulary("categories.yaml", schemas.CATEGORIES)
        categories = {slug: Category(slug, item.get("title", slug), item.get("definition", ""))
                      for slug, (_, item) in self.keyed(categories_doc, "slug").items()}
        tags_doc = self.read_vocabulary("tags.yaml", schemas.TAGS)
        tags = {str(k): str(v) for k, v in (tags_doc.data or {}).items()} if tags_doc and isinstance(tags_doc.data, dict) else {}
        datasets_doc = self.read_vocabulary("datasets.yaml", schemas.DATASETS)
        datasets = {}
        for slug, (index, item) in self.keyed(datasets_doc, "slug").items():
            for field_name in ("link",):
                if field_name in item and not is_https_url(item[field_name]):
                    self.report(datasets_doc, (index, field_name), f"expected an https:// URL, found {describe(item[field_name])}")
            for i, url in enumerate(item.get("sources", []) or []):
                if not is_https_url(url):
                    self.report(datasets_doc, (index, "sources", i), f"expected an https:// URL, found {describe(url)}")
            datasets[slug] = Dataset(
                slug=slug, name=item.get("name", slug), year=item.get("year"), images=item.get("images"),
                captions_per_image=item.get("captions_per_image"), image_size=item.get("image_size"),
                paper=item.get("paper"), link=item.get("link"), sources=tuple(item.get("sources", []) or []))
        return venues, categories, tags, datasets, datasets_doc

    def load_people(self) -> tuple[People, YamlDocument | None]:
        doc = self.read_vocabulary("authors.yaml", schemas.AUTHORS)
        people = People()
        if doc is None or not isinstance(doc.data, dict):
            return people, doc
        for entry in doc.data.get("people") or []:
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                for alias in entry.get("aliases") or []:
                    if isinstance(alias, str):
                        people.canonical[alias] = entry["name"]
        for pair in doc.data.get("distinct") or []:
            if isinstance(pair, list):
                for a, b in combinations([str(x) for x in pair], 2):
                    people.distinct.add(frozenset((a, b)))
        return people, doc

    def check_people(self, documents: list[tuple[Path, YamlDocument]], people: People) -> None:
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
        for a, b in likely_duplicates(authors, people):
            doc_a, path_a = first_seen[a.full]
            doc_b, path_b = first_seen[b.full]
            self.report(doc_b, path_b, f"expected one spelling per person, found {b.full!r} here and {a.full!r} in "
                                       f"{doc_a.display}:{doc_a.line(path_a)}, which look like the same person; list them "
                                       f"in {META_DIR}/authors.yaml as aliases (people) or as distinct people (distinct)")

    # -- papers -------------------------------------------------------------
    def check_paper(self, doc: YamlDocument, path: Path, venues: dict[str, Venue], categories: dict[str, Category],
                    tags: dict[str, str], datasets: dict[str, Dataset]) -> None:
        """Checks beyond the schema, for fields whose type is already right."""
        data = doc.data
        stem = path.stem
        if isinstance(data.get("id"), str) and data["id"] != stem:
            self.report(doc, ("id",), f"expected the file name without .yaml ({stem!r}), found {data['id']!r}")
        title = data.get("title")
        if isinstance(title, str) and title and not title.strip():
            self.report(doc, ("title",), "expected a non-empty title, found only whitespace")
        year = data.get("year")
        if isinstance(year, int) and not isinstance(year, bool) and not FIRST_YEAR <= year <= self.today.year + 1:
            self.report(doc, ("year",), f"expected a year between {FIRST_YEAR} and {self.today.year + 1}, found {year}")
        for field_name, vocabulary, what in (("venue", venues, "venues.yaml"), ("category", categories, "categories.yaml")):
            value = data.get(field_name)
            if isinstance(value, str) and value not in vocabulary:
                self.report(doc, (field_name,), f"expected a {field_name} defined in {META_DIR}/{what}, found {value!r}{_closest(value, vocabulary)}")
        for field_name, vocabulary, what in (("tags", tags, "tags.yaml"), ("datasets", datasets, "datasets.yaml")):
            for index, value in enumerate(data.get(field_name) or []):
                if isinstance(value, str) and value not in vocabulary:
                    self.report(doc, (field_name, index), f"expected a {field_name[:-1]} defined in {META_DIR}/{what}, found {value!r}{_closest(value, vocabulary)}")
        doi = data.get("doi")
        if isinstance(doi, str) and not DOI_PATTERN.match(doi):
            self.report(doc, ("doi",), f"expected a bare DOI like 10.1109/TGRS.2021.3078451, found {describe(doi)}")
        arxiv = data.get("arxiv")
        if isinstance(arxiv, str) and not ARXIV_PATTERN.match(arxiv):
            self.report(doc, ("arxiv",), f"expected an arXiv id like 2306.11029 (no version, no URL), found {describe(arxiv)}")
        for key, url in (data.get("links") or {}).items() if isinstance(data.get("links"), dict) else ():
            if isinstance(url, str) and not is_https_url(url):
                self.report(doc, ("links", key), f"expected an https:// URL, found {describe(url)}")
        # Sources record where facts were read, exactly as read: http is allowed there, nothing else.
        for index, url in enumerate(data.get("sources") or []):
            if isinstance(url, str) and not is_web_url(url):
                self.report(doc, ("sources", index), f"expected an http:// or https:// URL, found {describe(url)}")
        for index, row in enumerate(data.get("results") or []):
            if isinstance(row, dict):
                self.check_result(doc, ("results", index), row, datasets)

    def check_result(self, doc: YamlDocument, path: FieldPath, row: dict[str, Any], datasets: dict[str, Dataset]) -> None:
        dataset = row.get("dataset")
        if isinstance(dataset, str) and dataset not in datasets:
            self.report(doc, path + ("dataset",), f"expected a dataset defined in {META_DIR}/datasets.yaml, found {dataset!r}{_closest(dataset, datasets)}")
        values = {name: row.get(name) for name in RECALL_FIELDS}
        numbers = {k: v for k, v in values.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        for name, value in numbers.items():
            if not 0 <= value <= 100:
                self.report(doc, path + (name,), f"expected a recall between 0 and 100, found {value}")
        for direction in ("i2t", "t2i"):
            r1, r5, r10 = (numbers.get(f"{direction}_r{k}") for k in (1, 5, 10))
            if None not in (r1, r5, r10) and not r1 <= r5 <= r10:
                self.report(doc, path + (f"{direction}_r1",), f"expected {direction} R@1 <= R@5 <= R@10, found {r1} / {r5} / {r10}")
        printed = row.get("mr")
        if len(numbers) == len(RECALL_FIELDS) and isinstance(printed, (int, float)) and not isinstance(printed, bool):
            mean = sum(numbers.values()) / len(numbers)
            if abs(mean - printed) > MR_TOLERANCE + 1e-9 and not row.get("note"):
                self.report(doc, path + ("mr",), f"expected the mean of the six recalls ({mean:.2f}) within {MR_TOLERANCE}, "
                                                 f"found {printed}; if the source prints this value, keep it and add a `note` saying so")

    def load(self) -> Database:
        if not self.papers_dir.is_dir():
            raise DatabaseError([Problem(str(self.papers_dir), None, "", "expected a directory of paper files, found none")])
        venues, categories, tags, datasets, datasets_doc = self.load_vocabularies()
        people, _ = self.load_people()
        schema_path = self.papers_dir / META_DIR / SCHEMA_FILE
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        documents: list[tuple[Path, YamlDocument]] = []
        for path in sorted(self.papers_dir.iterdir()):
            if path.is_dir() or path.name.startswith("."):
                continue
            if path.suffix != ".yaml":
                self.problems.append(Problem(self.display(path), None, "", f"expected only paper files named <id>.yaml here, found {path.name!r}"))
                continue
            problems_before = len(self.problems)
            doc = self.read(path, schema)
            if doc is None or not isinstance(doc.data, dict):
                if doc is not None and len(self.problems) == problems_before:
                    self.problems.append(Problem(doc.display, 1, "", f"expected a mapping of paper fields, found {describe(doc.data)}"))
                continue
            self.check_paper(doc, path, venues, categories, tags, datasets)
            documents.append((path, doc))
        self.check_across(documents, datasets, datasets_doc)
        self.check_people(documents, people)
        if self.problems:
            raise DatabaseError(self.problems)
        papers = [build_paper(doc.data, doc.display, venues, categories) for _, doc in documents]
        papers.sort(key=lambda p: (-p.year, p.id))
        return Database(papers=papers, venues=venues, categories=categories, tags=tags, datasets=datasets, people=people)

    def check_across(self, documents: list[tuple[Path, YamlDocument]], datasets: dict[str, Dataset],
                     datasets_doc: YamlDocument | None) -> None:
        """Duplicates between files, and references from one record to another."""
        seen: dict[tuple[str, str], tuple[YamlDocument, FieldPath]] = {}
        ids = set()
        for _, doc in documents:
            data = doc.data
            if isinstance(data.get("id"), str):
                ids.add(data["id"])
            keys = [("id", data.get("id"), ("id",)), ("DOI", str(data.get("doi", "")).lower() or None, ("doi",)),
                    ("arXiv id", data.get("arxiv"), ("arxiv",)),
                    ("title", normalise_title(data["title"]) if isinstance(data.get("title"), str) else None, ("title",))]
            for what, value, path in keys:
                if not isinstance(value, str) or not value:
                    continue
                if (what, value) in seen:
                    other, other_path = seen[(what, value)]
                    self.report(doc, path, f"expected a {what} no other paper has, found the same {what} as "
                                           f"{other.display}:{other.line(other_path)}")
                else:
                    seen[(what, value)] = (doc, path)
        for _, doc in documents:
            for index, row in enumerate(doc.data.get("results") or []):
                source = row.get("source") if isinstance(row, dict) else None
                if isinstance(source, dict) and isinstance(source.get("paper"), str) and source["paper"] not in ids:
                    self.report(doc, ("results", index, "source", "paper"),
                                f"expected the id of a paper in the database, found {source['paper']!r}{_closest(source['paper'], ids)}")
        if datasets_doc is not None:
            for index, item in enumerate(datasets_doc.data or []):
                if isinstance(item, dict) and isinstance(item.get("paper"), str) and item["paper"] not in ids:
                    self.report(datasets_doc, (index, "paper"), f"expected the id of a paper in the database, found {item['paper']!r}")


def build_paper(data: dict[str, Any], display: str, venues: dict[str, Venue], categories: dict[str, Category]) -> Paper:
    """Model object from a validated record."""
    results = tuple(
        Result(dataset=row["dataset"], method=row["method"], extra_data=row["extra_data"],
               **{name: float(row[name]) for name in RECALL_FIELDS},
               source=ResultSource(**row["source"]), variant=row.get("variant"),
               mr=float(row["mr"]) if row.get("mr") is not None else None, note=row.get("note"))
        for row in data.get("results") or [])
    return Paper(
        id=data["id"], title=data["title"], year=data["year"],
        authors=tuple(Author(a["given"], a["family"]) for a in data["authors"]),
        venue=venues[data["venue"]], category=categories[data["category"]],
        added=str(data["added"]), sources=tuple(data["sources"]), method=data.get("method"),
        volume=data.get("volume"), number=data.get("number"), pages=data.get("pages"),
        article_number=data.get("article_number"), doi=data.get("doi"), arxiv=data.get("arxiv"),
        arxiv_class=data.get("arxiv_class"), links=Links(**(data.get("links") or {})),
        tags=tuple(data.get("tags") or ()), datasets=tuple(data.get("datasets") or ()),
        summary=data.get("summary"), results=results, path=display)


def load_database(papers_dir: Path) -> Database:
    """Load and validate `papers_dir`; raise DatabaseError listing every problem."""
    return _Loader(Path(papers_dir)).load()
