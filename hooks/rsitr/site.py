"""The whole generated site as a mapping from source path to content (no I/O)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import partial

from markupsafe import Markup

from . import paths, render
from .bibtex import bibtex_entry, bibtex_for
from .chart import trend_chart
from .csl import csl_json, references_for
from .explorer import explorer_page
from .export import board_csv, board_json, papers_json
from .feed import atom_feed, topic_feed_files
from .authors import collect_people
from .people_pages import author_page_html, authors_index
from .paper_html import category_page_html, paper_page_html, venue_page_html, year_page_html
from .prerender import PackedPage, Prerendered
from .leaderboard import board_page, boards, dataset_summary, leaderboards_index
from .progress import progress_chart
from .ris import ris_for
from .model import Database, Paper


def _group(papers: list[Paper], key) -> dict:
    groups: dict = defaultdict(list)
    for paper in papers:
        groups[key(paper)].append(paper)
    return groups


def prerendered_pages(db: Database, references: dict[str, dict[str, str]] | None = None) -> dict[str, Prerendered]:
    """Pages our renderers build as HTML (MkDocs skips Markdown for them), keyed by source path."""
    return dict(iter_prerendered(db, references))


def packed_pages(db: Database, references: dict[str, dict[str, str]] | None = None) -> dict[str, PackedPage]:
    """The same pages, each compressed as soon as it is built, so a large site never holds all their HTML."""
    return {path: page.packed() for path, page in iter_prerendered(db, references)}


def iter_prerendered(db: Database, references: dict[str, dict[str, str]] | None = None) -> Iterator[tuple[str, Prerendered]]:
    """(source path, page) for every page our renderers build, one page at a time."""
    references = references if references is not None else references_for(db.papers)
    persons = collect_people(db.papers, db.people)
    for person in persons.values():
        yield paths.author_page(person.slug), author_page_html(person, db)
    by_category = _group(db.papers, lambda p: p.category.slug)
    for category in db.categories.values():
        yield paths.category_page(category), category_page_html(category, by_category.get(category.slug, []))
    for short, papers in _group(db.papers, lambda p: p.venue.short).items():
        yield paths.venue_page(db.venues[short]), venue_page_html(db.venues[short], papers)
    for year, papers in _group(db.papers, lambda p: p.year).items():
        yield paths.year_page(year), year_page_html(year, papers, db)
    for paper in db.papers:
        yield paths.paper_page(paper), paper_page_html(paper, db, {s: refs[paper.id] for s, refs in references.items()})
    yield paths.HOME, render.home_page(db, trend_chart(db))
    yield paths.CATEGORIES, render.categories_index(db)
    yield paths.NOT_LISTED, render.not_listed_page(db)
    yield paths.VENUES, render.venues_index(db)
    yield paths.YEARS, render.years_index(db)
    yield paths.CITE, render.cite_page(db)
    yield paths.DATASETS, render.datasets_index(db)
    yield paths.TAGS, render.tags_index(db)
    by_dataset = defaultdict(list)
    for paper in db.papers:
        for slug in paper.datasets:
            by_dataset[slug].append(paper)
    all_boards = boards(db)
    for dataset in db.datasets.values():
        dataset_boards = [b for b in all_boards if b.dataset.slug == dataset.slug]
        retrieval = next((b for b in dataset_boards if b.kind.slug == "retrieval"), None)
        yield paths.dataset_page(dataset), render.dataset_page(
            dataset, by_dataset.get(dataset.slug, []), db,
            partial(dataset_summary, dataset, db, dataset_boards) if dataset_boards else None,
            progress_chart(retrieval, db) if retrieval else Markup(""))
    for board in all_boards:
        yield board.page, board_page(board, db)
    yield paths.LEADERBOARDS, leaderboards_index(db, all_boards)
    yield paths.EXPLORER, explorer_page(db)
    yield paths.AUTHORS, authors_index(persons)


def generated_files(db: Database, site_url: str = "https://example.org/",
                    references: dict[str, dict[str, str]] | None = None,
                    prerendered: dict[str, Prerendered] | dict[str, PackedPage] | None = None) -> dict[str, str]:
    """Every generated page and download, keyed by its path relative to the docs directory.

    `references` (style -> paper id -> formatted reference) comes from the build's cache; without it
    they are formatted here, unless `prerendered` already holds the pages."""
    files: dict[str, str] = {
        paths.PAPERS_JSON: papers_json(db),
        paths.PAPERS_BIB: bibtex_for(sorted(db.papers, key=lambda p: p.id)),
        paths.PAPERS_RIS: ris_for(sorted(db.papers, key=lambda p: p.id)),
        paths.PAPERS_CSL: csl_json(sorted(db.papers, key=lambda p: p.id)),
        paths.FEED: atom_feed(db, site_url),
    }
    files.update(topic_feed_files(db, site_url))
    by_category = _group(db.papers, lambda p: p.category.slug)
    for category in db.categories.values():
        _listing_downloads(files, paths.category_bib(category), by_category.get(category.slug, []))
    for short, papers in _group(db.papers, lambda p: p.venue.short).items():
        _listing_downloads(files, paths.venue_bib(db.venues[short]), papers)
    for year, papers in _group(db.papers, lambda p: p.year).items():
        _listing_downloads(files, paths.year_bib(year), papers)
    for board in boards(db):
        files[board.csv_path] = board_csv(board.rows)
        files[board.json_path] = board_json(board.rows)
    # Pre-rendered pages are front matter here; their HTML reaches MkDocs through the hook.
    prerendered = prerendered if prerendered is not None else prerendered_pages(db, references)
    files.update({path: page.stub() for path, page in prerendered.items()})
    for tag in sorted({t for p in db.papers for t in p.tags}):
        files[paths.tag_page(tag)] = render.tag_page(tag, db.tags[tag])
    for paper in db.papers:
        files[paths.paper_csl(paper)] = csl_json([paper])
        files[paths.paper_bib(paper)] = bibtex_entry(paper)
        files[paths.paper_ris(paper)] = ris_for([paper])
    return files


def _listing_downloads(files: dict[str, str], bib_path: str, papers: list[Paper]) -> None:
    """A listing's BibTeX and CSL-JSON files, entries ordered by id."""
    ordered = sorted(papers, key=lambda p: p.id)
    files[bib_path] = bibtex_for(ordered)
    files[bib_path.removesuffix(".bib") + ".csl.json"] = csl_json(ordered)
