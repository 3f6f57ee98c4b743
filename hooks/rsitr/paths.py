"""Where each generated page and file lives in the site (source paths, relative to docs/)."""
from __future__ import annotations

from .model import Category, Dataset, Paper, Venue

HOME = "index.md"
CATEGORIES = "categories/index.md"
VENUES = "venues/index.md"
YEARS = "years/index.md"
DATASETS = "datasets/index.md"
LEADERBOARDS = "leaderboards/index.md"
CITE = "cite.md"
PAPERS_JSON = "papers.json"
PAPERS_BIB = "papers.bib"
PAPERS_RIS = "papers.ris"
PAPERS_CSL = "papers.csl.json"
FEED = "feed.xml"
DATA_DOC = "data.md"
AUTHORS = "authors/index.md"
EXPLORER = "explorer.md"
TAGS = "tags/index.md"
NOT_LISTED = "not-listed.md"


def paper_page(paper: Paper | str) -> str:
    return f"papers/{paper if isinstance(paper, str) else paper.id}.md"


def paper_bib(paper: Paper | str) -> str:
    return f"papers/{paper if isinstance(paper, str) else paper.id}.bib"


def category_page(category: Category) -> str:
    return f"categories/{category.slug}.md"


def category_bib(category: Category) -> str:
    return f"categories/{category.slug}.bib"


# Topic feeds sit at the site root: Material looks for sitemap.xml beside every `rel=alternate`
# link's target, and only the root has one.
def category_feed(category: Category) -> str:
    return f"feed-category-{category.slug}.xml"


def venue_page(venue: Venue) -> str:
    return f"venues/{venue.slug}.md"


def venue_bib(venue: Venue) -> str:
    return f"venues/{venue.slug}.bib"


def year_page(year: int) -> str:
    return f"years/{year}.md"


def year_bib(year: int) -> str:
    return f"years/{year}.bib"


def dataset_page(dataset: Dataset | str) -> str:
    return f"datasets/{dataset if isinstance(dataset, str) else dataset.slug}.md"


def dataset_feed(dataset: Dataset | str) -> str:
    return f"feed-dataset-{dataset if isinstance(dataset, str) else dataset.slug}.xml"


def paper_csl(paper: Paper | str) -> str:
    return f"papers/{paper if isinstance(paper, str) else paper.id}.csl.json"


def paper_ris(paper: Paper | str) -> str:
    return f"papers/{paper if isinstance(paper, str) else paper.id}.ris"


def author_page(slug: str) -> str:
    return f"authors/{slug}.md"


def tag_page(tag: str) -> str:
    return f"tags/{tag}.md"


def tag_feed(tag: str) -> str:
    return f"feed-tag-{tag}.xml"
