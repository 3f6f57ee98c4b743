"""The 'All papers' explorer: the full list as HTML (works without JavaScript) plus filter controls."""
from __future__ import annotations

from markupsafe import Markup

from . import paths
from .markdown import attr, page_url
from .model import Database, Paper
from .prerender import HtmlPage, Prerendered, paragraph


def _options(name: str, label: str, values: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{attr(v)}">{attr(t)}</option>' for v, t in values)
    return (f'<label>{label} <select name="{name}" data-filter="{name}">'
            f'<option value="">All</option>{opts}</select></label>')


def _item(paper: Paper, page: str, db: Database) -> str:
    links = [f'<a href="{page_url(page, paths.paper_page(paper))}">{attr(paper.title)}</a>']
    extras = []
    if paper.url:
        extras.append(f'<a href="{attr(paper.url)}">{"DOI" if paper.doi else "Paper"}</a>')
    if paper.arxiv_url:
        extras.append(f'<a href="{attr(paper.arxiv_url)}">arXiv</a>')
    if paper.links.code:
        extras.append(f'<a href="{attr(paper.links.code)}">Code</a>')
    authors = ", ".join(attr(a.full) for a in paper.authors)
    data = {
        "id": paper.id, "year": str(paper.year), "venue": paper.venue.short, "category": paper.category.slug,
        "datasets": " ".join(paper.datasets), "tags": " ".join(paper.tags),
        "code": "yes" if paper.links.code else "no", "title": paper.title.casefold(),
        "text": " ".join([paper.title, paper.method or "", *(a.full for a in paper.authors), paper.venue.short,
                          paper.venue.name, *(db.datasets[d].name for d in paper.datasets)]).casefold(),
        # Plain values for the "Download selection" CSV (the title is the link text).
        "authors": "; ".join(a.full for a in paper.authors),
    }
    data.update({k: v for k, v in (("doi", paper.doi), ("arxiv", paper.arxiv), ("url", paper.url)) if v})
    attrs = " ".join(f'data-{k}="{attr(v)}"' for k, v in data.items())
    return (f'<li class="rsitr-item" {attrs}>{links[0]}<br>'
            f'<span class="rsitr-meta">{authors} · {attr(paper.venue.short)} {paper.year}'
            + (" · " + " · ".join(extras) if extras else "") + "</span></li>")


def _downloads(page: str) -> str:
    """'Download selection' buttons, shown by the script: it builds the files from the shown items,
    the BibTeX entries from the site's own papers.bib (the entry keys are the data-id values)."""
    return ('<p class="rsitr-downloads" id="rsitr-downloads" hidden>Download the papers shown: '
            f'<button type="button" data-download="bib" data-src="{attr(page_url(page, paths.PAPERS_BIB))}">BibTeX</button> '
            '<button type="button" data-download="csv">CSV</button></p>\n')


def explorer_page(db: Database) -> Prerendered:
    page = paths.EXPLORER
    years = sorted({p.year for p in db.papers})
    used_venues = sorted({p.venue.short for p in db.papers}, key=str.casefold)
    used_datasets = [d for d in db.datasets.values() if any(d.slug in p.datasets for p in db.papers)]
    used_tags = sorted({t for p in db.papers for t in p.tags})
    year_options = "".join(f'<option value="{y}">{y}</option>' for y in years)
    controls = (
        '<form class="rsitr-filters" id="rsitr-filters" hidden role="search" aria-label="Filter papers">'
        '<label>Text <input type="search" name="q" data-filter="q" placeholder="title, author, method, venue"></label>'
        + _options("category", "Category", [(c.slug, c.title) for c in db.categories.values()])
        + _options("venue", "Venue", [(v, v) for v in used_venues])
        + f'<label>From <select name="from" data-filter="from"><option value="">Any</option>{year_options}</select></label>'
        + f'<label>To <select name="to" data-filter="to"><option value="">Any</option>{year_options}</select></label>'
        + _options("dataset", "Dataset", [(d.slug, d.name) for d in used_datasets])
        + _options("tag", "Tag", [(t, t) for t in used_tags])
        + '<label><input type="checkbox" name="code" value="yes" data-filter="code"> Has code</label>'
        + '<label>Sort <select name="sort" data-filter="sort"><option value="year">Year (newest first)</option>'
          '<option value="title">Title</option><option value="venue">Venue</option></select></label>'
        + '<button type="reset">Clear filters</button></form>'
    )
    items = sorted(db.papers, key=lambda p: (-p.year, p.title.casefold(), p.id))
    page_html = HtmlPage(page)
    page_html.heading(1, "All papers")
    page_html.add(paragraph(
        "Every paper in the database. Filter by category, venue, years, dataset, tag or code, sort, or type "
        "words; the address bar keeps the view, so a link to it shows the same selection, and Back undoes a change."))
    # The controls and items above escape every value with attr() as they are built.
    page_html.add(Markup(
        f'<div class="rsitr-explorer">\n{controls}\n'
        f'<p class="rsitr-count" id="rsitr-count" aria-live="polite">{len(items)} papers</p>\n'
        + _downloads(page) +
        '<ol class="rsitr-list" id="rsitr-list">\n' + "\n".join(_item(p, page, db) for p in items) + "\n</ol>\n</div>"))
    return page_html.done("All papers", {"search": {"exclude": True}})
