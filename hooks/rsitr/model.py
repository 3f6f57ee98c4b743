"""Typed data model of the paper database, independent of files and rendering."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

RECALL_FIELDS = ("i2t_r1", "i2t_r5", "i2t_r10", "t2i_r1", "t2i_r5", "t2i_r10")


def slugify(text: str) -> str:
    """Lowercase ASCII slug: accents stripped, runs of other characters turned into '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


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
    kind: str  # journal | conference | workshop | preprint
    publisher: str
    proceedings: str | None = None

    @property
    def slug(self) -> str:
        return slugify(self.short)

    @property
    def is_proceedings(self) -> bool:
        return self.kind in ("conference", "workshop")


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
class Result:
    dataset: str
    method: str
    extra_data: bool
    i2t_r1: float
    i2t_r5: float
    i2t_r10: float
    t2i_r1: float
    t2i_r5: float
    t2i_r10: float
    source: ResultSource
    variant: str | None = None
    mr: float | None = None
    note: str | None = None

    @property
    def recalls(self) -> tuple[float, ...]:
        return tuple(getattr(self, name) for name in RECALL_FIELDS)

    @property
    def mean_recall(self) -> float:
        """mR recomputed as the mean of the six recalls."""
        return sum(self.recalls) / len(RECALL_FIELDS)

    @property
    def shown_mr(self) -> float:
        """mR as printed by the source, else the recomputed mean."""
        return self.mr if self.mr is not None else round(self.mean_recall, 2)


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
    sources: tuple[str, ...]
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
    results: tuple[Result, ...] = ()
    path: str = ""

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


@dataclass
class Database:
    """Everything the site is built from."""

    papers: list[Paper]
    venues: dict[str, Venue]
    categories: dict[str, Category]
    tags: dict[str, str]
    datasets: dict[str, Dataset]
    people: People = field(default_factory=lambda: People())

    @cached_property
    def by_id(self) -> dict[str, Paper]:
        return {p.id: p for p in self.papers}
