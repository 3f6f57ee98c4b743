"""Checks on one paper record beyond its JSON Schema, for fields whose type is already right."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .model import METRIC_FIELDS, RESULT_KINDS, Dataset, ResultKind
from .report import Reporter, closest
from .sourcekinds import host_of
from .vocab import META_DIR, Vocabularies, is_https_url
from .yamlfile import FieldPath, YamlDocument, describe

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/[^\s]+$")
ARXIV_PATTERN = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})$")
# An arXiv id inside a URL of arxiv.org or its official renderers (abs, pdf, html, ar5iv).
ARXIV_IN_URL = re.compile(r"^https?://(?:[a-z0-9-]+\.)*(?:arxiv\.org|ar5iv\.org)/(?:abs|pdf|html)/(\d{4}\.\d{4,5})(v\d+)?")
MR_TOLERANCE = 0.01
FIRST_YEAR = 1990


def is_web_url(value: Any) -> bool:
    return isinstance(value, str) and (is_https_url(value) or (
        value.startswith("http://") and is_https_url("https://" + value[len("http://"):])))


def arxiv_base(identifier: str) -> str:
    """'2507.10403v2' -> '2507.10403'."""
    return re.sub(r"v\d+$", "", identifier)


def arxiv_ids_of(data: dict[str, Any]) -> set[str]:
    """arXiv ids (without version) that belong to this record: its own and its versions'."""
    ids = {data["arxiv"]} if isinstance(data.get("arxiv"), str) else set()
    for version in data.get("versions") or []:
        if isinstance(version, dict) and isinstance(version.get("arxiv"), str):
            ids.add(arxiv_base(version["arxiv"]))
    return ids


class PaperChecks:
    """Per-record checks; problems go to `reporter`."""

    def __init__(self, reporter: Reporter, vocab: Vocabularies, today: dt.date | None = None) -> None:
        self.reporter = reporter
        self.vocab = vocab
        self.today = today or dt.date.today()

    def report(self, doc: YamlDocument, path: FieldPath, message: str) -> None:
        self.reporter.report(doc, path, message)

    def check(self, doc: YamlDocument, stem: str) -> None:
        data = doc.data
        if isinstance(data.get("id"), str) and data["id"] != stem:
            self.report(doc, ("id",), f"expected the file name without .yaml ({stem!r}), found {data['id']!r}")
        title = data.get("title")
        if isinstance(title, str) and title and not title.strip():
            self.report(doc, ("title",), "expected a non-empty title, found only whitespace")
        self.check_year(doc, ("year",), data.get("year"))
        self.check_vocabulary(doc, data)
        self.check_identifiers(doc, data)
        for key, url in (data.get("links") or {}).items() if isinstance(data.get("links"), dict) else ():
            if isinstance(url, str) and not is_https_url(url):
                self.report(doc, ("links", key), f"expected an https:// URL, found {describe(url)}")
        self.check_sources(doc, data)
        self.check_versions(doc, data)
        self.check_unverified(doc, data)
        for index, row in enumerate(data.get("results") or []):
            if isinstance(row, dict):
                self.check_result(doc, ("results", index), row, self.vocab.datasets)

    def check_year(self, doc: YamlDocument, path: FieldPath, year: Any) -> None:
        if isinstance(year, int) and not isinstance(year, bool) and not FIRST_YEAR <= year <= self.today.year + 1:
            self.report(doc, path, f"expected a year between {FIRST_YEAR} and {self.today.year + 1}, found {year}")

    def check_vocabulary(self, doc: YamlDocument, data: dict[str, Any]) -> None:
        vocab = self.vocab
        for field_name, vocabulary, what in (("venue", vocab.venues, "venues.yaml"), ("category", vocab.categories, "categories.yaml")):
            value = data.get(field_name)
            if isinstance(value, str) and value not in vocabulary:
                self.report(doc, (field_name,), f"expected a {field_name} defined in {META_DIR}/{what}, found {value!r}{closest(value, vocabulary)}")
        for field_name, vocabulary, what in (("tags", vocab.tags, "tags.yaml"), ("datasets", vocab.datasets, "datasets.yaml")):
            for index, value in enumerate(data.get(field_name) or []):
                if isinstance(value, str) and value not in vocabulary:
                    self.report(doc, (field_name, index), f"expected a {field_name[:-1]} defined in {META_DIR}/{what}, found {value!r}{closest(value, vocabulary)}")

    def check_identifiers(self, doc: YamlDocument, data: dict[str, Any], path: FieldPath = ()) -> None:
        doi = data.get("doi")
        if isinstance(doi, str) and not DOI_PATTERN.match(doi):
            self.report(doc, path + ("doi",), f"expected a bare DOI like 10.1109/TGRS.2021.3078451, found {describe(doi)}")
        arxiv = data.get("arxiv")
        if isinstance(arxiv, str) and not path and not ARXIV_PATTERN.match(arxiv):
            self.report(doc, ("arxiv",), f"expected an arXiv id like 2306.11029 (no version, no URL), found {describe(arxiv)}")

    def check_sources(self, doc: YamlDocument, data: dict[str, Any]) -> None:
        """Each source: a web URL on a known, allowed host; at least one primary, or an unverified mark."""
        rules = self.vocab.sources
        kinds = []
        own_arxiv = arxiv_ids_of(data)
        urls = [(("sources", i), url) for i, url in enumerate(data.get("sources") or [])]
        urls += [(("links", key), url) for key, url in (data.get("links") or {}).items()] if isinstance(data.get("links"), dict) else []
        for path, url in urls:
            if not isinstance(url, str):
                continue
            if path[0] == "sources" and not is_web_url(url):
                # Sources record where facts were read, exactly as read: http is allowed there, nothing else.
                self.report(doc, path, f"expected an http:// or https:// URL, found {describe(url)}")
                continue
            found = ARXIV_IN_URL.match(url)
            if found and found.group(1) not in own_arxiv:
                mine = ", ".join(sorted(own_arxiv)) or "none"
                self.report(doc, path, f"expected an arXiv page of this paper (its arXiv id or a listed version: {mine}), "
                                       f"found arXiv {found.group(1)}, which is another paper or an unlisted version")
            if path[0] != "sources" or not rules.kinds:
                continue
            rule = rules.match(url)
            if rule is None:
                self.report(doc, path, f"expected a source on a host classified in {META_DIR}/sources.yaml, found "
                                       f"unknown host {host_of(url)!r}; add it there under the kind it is")
            elif rule.kind is None:
                self.report(doc, path, f"expected a source that is not denied, found {host_of(url)!r}, denied in "
                                       f"{META_DIR}/sources.yaml ({rule.reason}); cite the publisher, arXiv or official repository instead")
            elif rule.kind in rules.kinds:
                kinds.append(rules.kinds[rule.kind])
        if kinds and not any(kind.primary for kind in kinds) and not data.get("unverified"):
            found_kinds = ", ".join(sorted({kind.title.lower() for kind in kinds}))
            self.report(doc, ("sources",), f"expected at least one primary source (publisher or DOI, arXiv, proceedings or "
                                           f"index, official repository) or an `unverified` mark naming the fields that rest "
                                           f"on weaker sources, found only: {found_kinds}")

    def check_versions(self, doc: YamlDocument, data: dict[str, Any]) -> None:
        title = data.get("title")
        for index, version in enumerate(data.get("versions") or []):
            if not isinstance(version, dict):
                continue
            path: FieldPath = ("versions", index)
            if not any(isinstance(version.get(key), str) for key in ("arxiv", "doi", "url")):
                self.report(doc, path, "expected one of arxiv, doi or url naming this version, found none")
            venue = version.get("venue")
            if isinstance(venue, str) and venue not in self.vocab.venues:
                self.report(doc, path + ("venue",), f"expected a venue defined in {META_DIR}/venues.yaml, found {venue!r}{closest(venue, self.vocab.venues)}")
            self.check_year(doc, path + ("year",), version.get("year"))
            self.check_identifiers(doc, version, path)
            if isinstance(version.get("url"), str) and not is_https_url(version["url"]):
                self.report(doc, path + ("url",), f"expected an https:// URL, found {describe(version['url'])}")
            same = (version.get("title") == title and version.get("venue") == data.get("venue")
                    and version.get("year") == data.get("year") and version.get("doi") == data.get("doi")
                    and version.get("arxiv") == data.get("arxiv") and not version.get("url"))
            if same and isinstance(title, str):
                self.report(doc, path, "expected another version (a different title, venue or year), found the record itself")

    def check_unverified(self, doc: YamlDocument, data: dict[str, Any]) -> None:
        marks = data.get("unverified")
        if not isinstance(marks, dict):
            return
        for field_name in marks:
            if field_name in ("id", "added", "sources", "unverified", "checked"):
                self.report(doc, ("unverified", field_name), f"expected a bibliographic field to mark, found {field_name!r}, "
                                                             f"which is not a fact taken from a source")
            elif field_name not in data:
                self.report(doc, ("unverified", field_name), f"expected a field this record has, found a mark for "
                                                             f"{field_name!r}, which the record does not set")

    def check_result(self, doc: YamlDocument, path: FieldPath, row: dict[str, Any], datasets: dict[str, Dataset]) -> None:
        dataset = row.get("dataset")
        if isinstance(dataset, str) and dataset not in datasets:
            self.report(doc, path + ("dataset",), f"expected a dataset defined in {META_DIR}/datasets.yaml, found {dataset!r}{closest(dataset, datasets)}")
        kind = RESULT_KINDS.get(row.get("kind", "retrieval"))
        if kind is None:
            return  # the schema reports an unknown kind
        self.check_metric_set(doc, path, row, kind)
        self.check_comparability(doc, path, row)
        numbers = {name: row[name] for name in METRIC_FIELDS
                   if isinstance(row.get(name), (int, float)) and not isinstance(row.get(name), bool)}
        for name, value in numbers.items():
            if name not in ("bits", "map_at") and not 0 <= value <= 100:
                self.report(doc, path + (name,), f"expected a percentage between 0 and 100, found {value}")
        recalls = [name for name in kind.recalls if name in numbers]
        for direction in sorted({name.split("_")[0] for name in recalls}):
            r1, r5, r10 = (numbers.get(f"{direction}_r{k}") for k in (1, 5, 10))
            if None not in (r1, r5, r10) and not r1 <= r5 <= r10:
                self.report(doc, path + (f"{direction}_r1",), f"expected {direction} R@1 <= R@5 <= R@10, found {r1} / {r5} / {r10}")
        printed = numbers.get("mr")
        if kind.recalls and len(recalls) == len(kind.recalls) and printed is not None:
            mean = sum(numbers[name] for name in recalls) / len(recalls)
            if abs(mean - printed) > MR_TOLERANCE + 1e-9 and not row.get("note"):
                self.report(doc, path + ("mr",), f"expected the mean of the six recalls ({mean:.2f}) within {MR_TOLERANCE}, "
                                                 f"found {printed}; if the source prints this value, keep it and add a `note` saying so")

    def check_metric_set(self, doc: YamlDocument, path: FieldPath, row: dict[str, Any], kind: ResultKind) -> None:
        """A row reports the metrics of its kind only, in whole groups."""
        foreign = [name for name in METRIC_FIELDS if name in row and name not in kind.metrics]
        for name in foreign:
            owner = next(k.slug for k in RESULT_KINDS.values() if name in k.metrics)
            self.report(doc, path + (name,), f"expected only metrics of kind {kind.slug!r} "
                                             f"({', '.join(kind.metrics)}), found {name!r}, a metric of kind {owner!r}")
        for name in kind.required:
            if name not in row:
                self.report(doc, path, f"expected {name!r} on a row of kind {kind.slug!r}, found no {name!r}")
        complete = [group for group in kind.groups if all(name in row for name in group)]
        for group in kind.groups:
            present = [name for name in group if name in row]
            if present and len(present) < len(group):
                missing = [name for name in group if name not in row]
                self.report(doc, path, f"expected the whole metric group {', '.join(group)}, found no {', '.join(missing)}")
        wanted = {"all": len(kind.groups), "one": 1, "any": 1}[kind.rule]
        if len(complete) < wanted and not any(name in row for group in kind.groups for name in group):
            groups = " or ".join("(" + ", ".join(group) + ")" for group in kind.groups)
            self.report(doc, path, f"expected the metrics of kind {kind.slug!r}: {groups}, found none")
        elif kind.rule == "one" and len(complete) > 1:
            self.report(doc, path, f"expected one metric group per row of kind {kind.slug!r}, found {len(complete)}; "
                                   f"split the row in one per group")

    def check_comparability(self, doc: YamlDocument, path: FieldPath, row: dict[str, Any]) -> None:
        """Encoders and pre-training data come from their vocabularies and agree with setting and extra_data."""
        for name in ("image_encoder", "text_encoder", "audio_encoder"):
            slug = row.get(name)
            if not isinstance(slug, str):
                continue
            encoder = self.vocab.encoders.get(slug)
            modality = name.split("_")[0]
            if encoder is None:
                self.report(doc, path + (name,), f"expected an encoder of {META_DIR}/encoders.yaml, found {slug!r}"
                                                 f"{closest(slug, self.vocab.encoders)}")
            elif encoder.modality != modality:
                self.report(doc, path + (name,), f"expected an encoder of modality {modality!r}, found {slug!r}, "
                                                 f"whose modality is {encoder.modality!r}")
        pretraining = row.get("pretraining")
        if isinstance(pretraining, list):
            for index, slug in enumerate(pretraining):
                if isinstance(slug, str) and slug not in self.vocab.pretraining:
                    self.report(doc, path + ("pretraining", index), f"expected data named in {META_DIR}/pretraining.yaml, "
                                                                     f"found {slug!r}{closest(slug, self.vocab.pretraining)}")
        if row.get("setting") == "zero-shot" and not isinstance(pretraining, list):
            found = "'none'" if pretraining == "none" else "no pretraining"
            self.report(doc, path + ("pretraining",), f"expected the pre-training data of a zero-shot row, found {found}")
        extra = row.get("extra_data")
        if pretraining == "none" and extra is True:
            self.report(doc, path + ("extra_data",), "expected extra_data: false for a row with pretraining: none, found true")
        elif isinstance(pretraining, list) and extra is False:
            self.report(doc, path + ("extra_data",), f"expected extra_data: true for a row pre-trained on "
                                                     f"{', '.join(map(str, pretraining))}, found false")
