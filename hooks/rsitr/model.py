"""Typed data model of the paper database, independent of files and rendering."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

RECALL_FIELDS = ("i2t_r1", "i2t_r5", "i2t_r10", "t2i_r1", "t2i_r5", "t2i_r10")
AUDIO_RECALL_FIELDS = ("i2a_r1", "i2a_r5", "i2a_r10", "a2i_r1", "a2i_r5", "a2i_r10")


def slugify(text: str) -> str:
    """Lowercase ASCII slug: accents stripped, runs of other characters turned into '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def landing_page(doi: str | None, arxiv: str | None, url: str | None) -> str | None:
    """Where a work is best read: its DOI link, else its arXiv page, else the given URL."""
    if doi:
        return f"https://doi.org/{doi}"
    if arxiv:
        return f"https://arxiv.org/abs/{arxiv}"
    return url


@dataclass(frozen=True)
class Author:
    given: str
    family: str

    @property
    def full(self) -> str:
        """Name in reading order, e.g. 'Zhiqiang Yuan'."""
        return f"{self.given} {self.family}".strip()

    @property
    def slug(self) -> str:
        return slugify(self.full)


@dataclass(frozen=True)
class Venue:
    short: str
    name: str
    kind: str  # journal | conference | workshop | preprint | mastersthesis | phdthesis
    publisher: str
    proceedings: str | None = None

    @property
    def slug(self) -> str:
        return slugify(self.short)

    @property
    def is_proceedings(self) -> bool:
        return self.kind in ("conference", "workshop")

    @property
    def is_thesis(self) -> bool:
        """A thesis: `publisher` is the university that awarded it."""
        return self.kind in ("mastersthesis", "phdthesis")


@dataclass(frozen=True)
class Category:
    slug: str
    title: str
    definition: str


@dataclass(frozen=True)
class Dataset:
    slug: str
    name: str
    year: int | None = None
    images: int | None = None
    captions_per_image: int | None = None
    image_size: str | None = None
    paper: str | None = None
    link: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResultSource:
    paper: str
    table: str


@dataclass(frozen=True)
class ResultKind:
    """What a result row measures: its metric groups and how many of them a row fills."""

    slug: str
    title: str
    groups: tuple[tuple[str, ...], ...]
    rule: str  # all: every group | one: exactly one group | any: at least one group
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    recalls: tuple[str, ...] = ()  # the group mR is the mean of, when the kind has one

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(name for group in self.groups for name in group) + self.required + self.optional


RESULT_KINDS: dict[str, ResultKind] = {
    "retrieval": ResultKind("retrieval", "Image-text retrieval", (RECALL_FIELDS,), "all",
                            optional=("mr",), recalls=RECALL_FIELDS),
    "hashing": ResultKind("hashing", "Cross-modal hashing", (("i2t_map", "t2i_map"), ("i2a_map", "a2i_map")), "one",
                          required=("bits",), optional=("map_at",)),
    "audio": ResultKind("audio", "Image-audio retrieval", (AUDIO_RECALL_FIELDS, ("i2a_map", "a2i_map")), "any",
                        optional=("mr",), recalls=AUDIO_RECALL_FIELDS),
}
METRIC_FIELDS = tuple(dict.fromkeys(name for kind in RESULT_KINDS.values() for name in kind.metrics))
SETTINGS = {
    "fine-tuned": "Fine-tuned",
    "zero-shot": "Zero-shot",
    "linear-probe": "Linear probe",
    "peft": "Parameter-efficient",
}


@dataclass(frozen=True)
class Encoder:
    slug: str
    name: str
    modality: str  # image | text | audio


@dataclass(frozen=True)
class PretrainingData:
    slug: str
    name: str


@dataclass(frozen=True)
class Result:
    """One row of a results table, as the source prints it."""

    dataset: str
    method: str
    extra_data: bool
    source: ResultSource
    setting: str
    kind: str = "retrieval"
    variant: str | None = None
    image_encoder: str | None = None
    text_encoder: str | None = None
    audio_encoder: str | None = None
    pretraining: tuple[str, ...] | None = None  # () when the source says none; None when it is silent
    reported_by: str | None = None  # 'own' or the id of the paper that re-ran the method
    i2t_r1: float | None = None
    i2t_r5: float | None = None
    i2t_r10: float | None = None
    t2i_r1: float | None = None
    t2i_r5: float | None = None
    t2i_r10: float | None = None
    i2a_r1: float | None = None
    i2a_r5: float | None = None
    i2a_r10: float | None = None
    a2i_r1: float | None = None
    a2i_r5: float | None = None
    a2i_r10: float | None = None
    mr: float | None = None
    bits: int | None = None
    map_at: int | str | None = None
    i2t_map: float | None = None
    t2i_map: float | None = None
    i2a_map: float | None = None
    a2i_map: float | None = None
    note: str | None = None

    @property
    def result_kind(self) -> ResultKind:
        return RESULT_KINDS[self.kind]

    @property
    def recalls(self) -> tuple[float, ...]:
        """The six recalls mR averages (empty when the row reports none)."""
        values = tuple(getattr(self, name) for name in self.result_kind.recalls)
        return values if values and None not in values else ()

    @property
    def mean_recall(self) -> float | None:
        """mR recomputed as the mean of the six recalls."""
        return sum(self.recalls) / len(self.recalls) if self.recalls else None

    @property
    def shown_mr(self) -> float | None:
        """mR as printed by the source, else the recomputed mean."""
        if self.mr is not None:
            return self.mr
        mean = self.mean_recall
        return round(mean, 2) if mean is not None else None

    @property
    def origin(self) -> str:
        """'own' (the method's authors), 'rerun' (another paper re-ran it) or 'unstated'."""
        if self.reported_by is None:
            return "unstated"
        return "own" if self.reported_by == "own" else "rerun"

    def metric(self, name: str) -> float | None:
        return getattr(self, name)


@dataclass(frozen=True)
class SourceKind:
    """How far a source can be trusted, decided by its host (papers/_meta/sources.yaml)."""

    slug: str
    title: str
    primary: bool


@dataclass(frozen=True)
class Source:
    url: str
    kind: SourceKind


@dataclass(frozen=True)
class Version:
    """Another version of the same work: an arXiv preprint, a retitled preprint, a conference version."""

    title: str
    year: int
    venue: Venue
    arxiv: str | None = None
    doi: str | None = None
    url: str | None = None
    note: str | None = None

    @property
    def link(self) -> str:
        return landing_page(self.doi, self.arxiv, self.url) or ""

    @property
    def identifier(self) -> str:
        """How the version is named in text: 'arXiv:2201.08125v1', 'doi:10....' or its URL."""
        if self.arxiv:
            return f"arXiv:{self.arxiv}"
        if self.doi:
            return f"doi:{self.doi}"
        return self.url or ""


@dataclass(frozen=True)
class Related:
    """A separate work closely linked to this one, by record id."""

    paper: str
    note: str


@dataclass(frozen=True)
class UnverifiedField:
    """A field whose sources disagree or that only a secondary source gives, and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class Check:
    """The last re-check of a record against its latest version."""

    date: str
    note: str


@dataclass(frozen=True)
class Links:
    publisher: str | None = None
    pdf: str | None = None
    code: str | None = None
    project: str | None = None


@dataclass(frozen=True)
class Paper:
    id: str
    title: str
    authors: tuple[Author, ...]
    year: int
    venue: Venue
    category: Category
    added: str
    sources: tuple[Source, ...]
    method: str | None = None
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    article_number: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    arxiv_class: str | None = None
    links: Links = field(default_factory=Links)
    tags: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()
    summary: str | None = None
    scope_note: str | None = None
    versions: tuple[Version, ...] = ()
    related: tuple[Related, ...] = ()
    unverified: tuple[UnverifiedField, ...] = ()
    checked: Check | None = None
    results: tuple[Result, ...] = ()
    path: str = ""

    def unverified_reason(self, field_name: str) -> str | None:
        """Why `field_name` is marked unverified, or None when it is not."""
        return next((mark.reason for mark in self.unverified if mark.name == field_name), None)

    @property
    def has_primary_source(self) -> bool:
        return any(source.kind.primary for source in self.sources)

    @property
    def url(self) -> str | None:
        """The best landing page: DOI, else publisher page, else arXiv."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.links.publisher:
            return self.links.publisher
        if self.arxiv:
            return f"https://arxiv.org/abs/{self.arxiv}"
        return None

    @property
    def arxiv_url(self) -> str | None:
        return f"https://arxiv.org/abs/{self.arxiv}" if self.arxiv else None


@dataclass
class People:
    """The alias list of papers/_meta/authors.yaml."""

    canonical: dict[str, str] = field(default_factory=dict)  # any spelling -> name on the site
    distinct: set[frozenset[str]] = field(default_factory=set)

    def name_of(self, author: Author) -> str:
        return self.canonical.get(author.full, author.full)


@dataclass(frozen=True)
class Candidate:
    """A paper looked at and not listed (papers/_meta/rejected.yaml), so nobody checks it twice."""

    title: str
    reason: str  # out-of-scope | unverifiable
    note: str
    year: int | None = None
    arxiv: str | None = None
    doi: str | None = None
    url: str | None = None
    seen_in: tuple[str, ...] = ()

    @property
    def link(self) -> str | None:
        return landing_page(self.doi, self.arxiv, self.url)


@dataclass(frozen=True)
class Scope:
    """The written scope rule (papers/_meta/scope.yaml)."""

    summary: str
    included: tuple[str, ...]
    excluded: tuple[str, ...]
    weaker: str


@dataclass
class Database:
    """Everything the site is built from."""

    papers: list[Paper]
    venues: dict[str, Venue]
    categories: dict[str, Category]
    tags: dict[str, str]
    datasets: dict[str, Dataset]
    people: People = field(default_factory=lambda: People())
    source_kinds: dict[str, SourceKind] = field(default_factory=dict)
    rejected: list[Candidate] = field(default_factory=list)
    scope: Scope | None = None
    encoders: dict[str, Encoder] = field(default_factory=dict)
    pretraining: dict[str, PretrainingData] = field(default_factory=dict)

    @cached_property
    def by_id(self) -> dict[str, Paper]:
        return {p.id: p for p in self.papers}

    @cached_property
    def results_by_method(self) -> dict[str, list[tuple[Paper, Result]]]:
        """Every result row, keyed by its case-folded method name, with the record holding it."""
        index: dict[str, list[tuple[Paper, Result]]] = {}
        for paper in self.papers:
            for result in paper.results:
                index.setdefault(result.method.casefold(), []).append((paper, result))
        return index

    @cached_property
    def papers_by_feature(self) -> dict[str, list[Paper]]:
        """Papers by shared feature: 'author:<name>', 'dataset:<slug>', 'tag:<tag>' (for related papers)."""
        index: dict[str, list[Paper]] = {}
        for paper in self.papers:
            keys = {f"author:{self.people.name_of(a)}" for a in paper.authors}
            keys |= {f"dataset:{d}" for d in paper.datasets} | {f"tag:{t}" for t in paper.tags}
            for key in keys:
                index.setdefault(key, []).append(paper)
        return index
