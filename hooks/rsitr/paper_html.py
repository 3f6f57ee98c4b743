"""Paper pages and the category, venue and year listings, built as HTML with markupsafe (no Markdown round trip)."""
from __future__ import annotations

import html as htmllib
import re
from functools import partial
from itertools import groupby

from markupsafe import Markup, escape

from . import paths
from .bibtex import bibtex_entry
from .connections import compared_in, related_papers, rerun_by
from .csl import STYLES
from .markdown import sentence
from .meta import paper_meta
from .model import RESULT_KINDS, SETTINGS, Category, Database, Paper, Result, Venue, slugify
from .prerender import HtmlPage, Prerendered, anchor, bullet_list, table

_EMPTY = Markup("")


def outbound_links(paper: Paper) -> list[tuple[str, str]]:
    """(label, URL) of a paper's DOI, publisher, arXiv, PDF, code and project pages, each target once."""
    links, seen = [], set()
    for label, url in (("DOI", f"https://doi.org/{paper.doi}" if paper.doi else None), ("Publisher", paper.links.publisher),
                       ("arXiv", paper.arxiv_url), ("PDF", paper.links.pdf), ("Code", paper.links.code),
                       ("Project", paper.links.project)):
        if url and url.rstrip("/") not in seen:
            seen.add(url.rstrip("/"))
            links.append((label, url))
    return links


def toc_label(paper: Paper, words: int = 6) -> str:
    """A short, readable table-of-contents label: the method name, else the title's first words.
    Only plain characters are kept, so the label is safe inside an attribute list."""
    label = paper.method or " ".join(paper.title.split()[:words]) + ("…" if len(paper.title.split()) > words else "")
    label = re.sub(r"[^\w\s.,:;()+/&–—-]|_", "", label).strip() or paper.id
    return label.replace("&", "and")


METRIC_LABELS = {
    "i2t_r1": "I→T R@1", "i2t_r5": "R@5", "i2t_r10": "R@10", "t2i_r1": "T→I R@1", "t2i_r5": "R@5", "t2i_r10": "R@10",
    "i2a_r1": "I→A R@1", "i2a_r5": "R@5", "i2a_r10": "R@10", "a2i_r1": "A→I R@1", "a2i_r5": "R@5", "a2i_r10": "R@10",
    "mr": "mR", "bits": "Bits", "map_at": "mAP@", "i2t_map": "I→T mAP", "t2i_map": "T→I mAP", "i2a_map": "I→A mAP",
    "a2i_map": "A→I mAP",
}


def metric_text(result: Result, name: str) -> str:
    """A metric as the results table shows it: two decimals, an integer or '–'."""
    value = result.shown_mr if name == "mr" else getattr(result, name)
    if value is None:
        return "–"
    return str(value) if isinstance(value, (int, str)) else f"{value:.2f}"


def _badge(paper: Paper, field_name: str) -> Markup:
    reason = paper.unverified_reason(field_name)
    if reason is None:
        return _EMPTY
    return Markup(f' <a class="rsitr-unverified" href="#verification" title="{escape(reason)}">'
                  f'unverified {escape(field_name.replace("_", " "))}</a>')


def _publication(paper: Paper, p: HtmlPage) -> Markup:
    venue = paper.venue.name if paper.venue.short == paper.venue.name else f"{paper.venue.name} ({paper.venue.short})"
    mark = partial(_badge, paper)
    parts = [anchor(venue, p.url(paths.venue_page(paper.venue))) + mark("venue")]
    if paper.volume:
        parts.append(Markup("vol. {}").format(paper.volume) + mark("volume"))
    if paper.number:
        parts.append(Markup("no. {}").format(paper.number) + mark("number"))
    if paper.pages:
        parts.append(Markup("pp. {}").format(paper.pages.replace("-", "–")) + mark("pages"))
    if paper.article_number:
        parts.append(Markup("article {}").format(paper.article_number) + mark("article_number"))
    parts.append(anchor(str(paper.year), p.url(paths.year_page(paper.year))) + mark("year"))
    return Markup(", ").join(parts)


def _cite(paper: Paper, references: dict[str, str], p: HtmlPage) -> Markup:
    entry = bibtex_entry(paper)
    buttons = [Markup(f'<button type="button" class="md-button rsitr-copy-bibtex" data-clipboard-text="{escape(entry)}">'
                      'Copy BibTeX</button>')]
    shown = []
    for style, label in STYLES.items():
        ref = references.get(style)
        if ref:
            plain = htmllib.unescape(re.sub(r"<[^>]+>", "", ref))
            buttons.append(Markup(f'<button type="button" class="md-button rsitr-copy-reference" data-style="{escape(style)}" '
                                  f'data-clipboard-text="{escape(plain)}">Copy {escape(label)}</button>'))
            # citeproc-py's HTML: data escaped (see csl.formatted_references), only its own markup left.
            shown.append(Markup(f'<p class="rsitr-reference" data-style="{escape(style)}">'
                                f'<span class="rsitr-style">{escape(label)}</span> {ref}</p>'))
    downloads = Markup(" · ").join([
        anchor("BibTeX", p.url(paths.paper_bib(paper)), download=f"{paper.id}.bib"),
        anchor("RIS", p.url(paths.paper_ris(paper)), download=f"{paper.id}.ris"),
        anchor("CSL-JSON", p.url(paths.paper_csl(paper)), download=f"{paper.id}.csl.json")])
    code = _bibtex_code(entry)
    return Markup('<div class="rsitr-bibtex" data-pagefind-ignore="all">\n'
                  f'<p>{" ".join(buttons)}</p>\n{"".join(s + chr(10) for s in shown)}<p>Download: {downloads}</p>\n'
                  f'{code}\n</div>')


def _facts(paper: Paper, db: Database, p: HtmlPage) -> Markup:
    mark = partial(_badge, paper)
    facts = [Markup("Category: ") + anchor(paper.category.title, p.url(paths.category_page(paper.category))) + mark("category")]
    if paper.method:
        facts.append(Markup('Method: <span data-pagefind-weight="10">{}</span>').format(paper.method) + mark("method"))
    if paper.datasets:
        facts.append(Markup("Datasets: ") + Markup(", ").join(anchor(db.datasets[d].name, p.url(paths.dataset_page(d)))
                                                             for d in paper.datasets) + mark("datasets"))
    if paper.tags:
        facts.append(Markup("Tags: ") + Markup(", ").join(anchor(t, p.url(paths.tag_page(t))) for t in paper.tags))
    if paper.doi:
        facts.append(Markup("DOI: ") + anchor(paper.doi, f"https://doi.org/{paper.doi}") + mark("doi"))
    if paper.arxiv:
        facts.append(Markup("arXiv: ") + anchor(paper.arxiv, paper.arxiv_url or "") + mark("arxiv"))
    facts.append(Markup("Added: {}").format(paper.added))
    return bullet_list(facts)


def _results(paper: Paper, db: Database, p: HtmlPage) -> None:
    p.heading(2, "Results")
    for kind in RESULT_KINDS.values():
        results = [r for r in paper.results if r.kind == kind.slug]
        if not results:
            continue
        metrics = [name for name in kind.metrics if any(getattr(r, name) is not None for r in results)
                   or (name == "mr" and any(r.shown_mr is not None for r in results))]
        if kind.slug != "retrieval":
            p.add(Markup("<p><strong>{}</strong></p>").format(kind.title))
        rows = []
        for r in results:
            dataset = db.datasets[r.dataset]
            source = db.by_id[r.source.paper]
            label = Markup("{}").format(r.source.table) if source.id == paper.id else \
                anchor(source.id, p.url(paths.paper_page(source))) + Markup(", {}").format(r.source.table)
            rows.append([anchor(dataset.name, p.url(paths.dataset_page(dataset))), escape(r.method), escape(r.variant or ""),
                         escape(SETTINGS.get(r.setting, r.setting)), *(escape(metric_text(r, m)) for m in metrics), label])
        header = ["Dataset", "Method", "Variant", "Setting", *(METRIC_LABELS[m] for m in metrics), "Source"]
        p.add(table(header, rows, set(range(4, 4 + len(metrics)))))
    notes = [Markup("{} on {}: {}").format(r.method, db.datasets[r.dataset].name, sentence(r.note))
             for r in paper.results if r.note]
    if notes:
        p.add(bullet_list(notes))


def _item(other: Paper, p: HtmlPage, extra: Markup = _EMPTY) -> Markup:
    return anchor(other.title, p.url(paths.paper_page(other))) + Markup(" ({} {})").format(other.venue.short, other.year) + extra


def _connections(paper: Paper, db: Database, p: HtmlPage) -> None:
    compared, rerun, related = compared_in(paper, db), rerun_by(paper, db), related_papers(paper, db)
    if not (compared or rerun or related):
        return
    p.heading(2, "Connections", "connections")
    if compared:
        p.add(Markup("<p><strong>Compared against in</strong> ({}; their result tables list {}):</p>").format(
            len(compared), paper.method or ""))
        p.add(bullet_list([_item(o, p) for o in compared]))
    if rerun:
        p.add(Markup("<p><strong>Re-run by</strong> ({}; these papers trained and evaluated the method themselves):</p>")
              .format(len(rerun)))
        p.add(bullet_list([_item(o, p) for o in rerun]))
    if related:
        p.add(Markup("<p><strong>Related papers</strong> (most shared authors, datasets and tags):</p>"))
        p.add(bullet_list([_item(o, p, Markup(": shares {}").format(", ".join(values))) for o, values in related]))


def _versions(paper: Paper, p: HtmlPage) -> None:
    p.heading(2, "Versions")
    p.add(Markup("<p>This page follows the final published version (for a preprint only on arXiv, its latest version). "
                 "Other versions of this work:</p>"))
    items = []
    for v in paper.versions:
        ident = anchor(v.identifier, v.link) if v.link else escape(v.identifier)
        note = Markup(" {}").format(v.note) if v.note else _EMPTY
        items.append(Markup("{} {}: <em>{}</em> · {}.{}").format(v.venue.short, v.year, v.title, ident, note))
    p.add(bullet_list(items))


def _verification_and_sources(paper: Paper, db: Database, p: HtmlPage) -> None:
    if paper.related:
        p.heading(2, "Related records")
        p.add(bullet_list([_item(db.by_id[r.paper], p, Markup(": {}").format(r.note)) for r in paper.related]))
    p.heading(2, "Verification", "verification")
    if paper.unverified:
        p.add(Markup("<p>These fields rest on sources that disagree or on secondary sources only:</p>"))
        p.add(bullet_list([Markup("<strong>{}</strong>: {}").format(m.name.replace("_", " "), m.reason) for m in paper.unverified]))
    else:
        p.add(Markup("<p>Every field of this record was checked against the sources listed below.</p>"))
    if not paper.has_primary_source:
        p.add(Markup("<p>No primary source (publisher, arXiv, proceedings or index, official repository) could be "
                     "read for this record.</p>"))
    if paper.checked:
        p.add(Markup("<p>Last re-checked against its latest version on {}: {}</p>").format(paper.checked.date, paper.checked.note))
    p.heading(2, "Sources")
    p.add(Markup("<p>The facts of this record were read at these pages, grouped by kind of source:</p>"))
    for kind in db.source_kinds.values():
        urls = [source.url for source in paper.sources if source.kind == kind]
        if urls:
            p.add(Markup("<p><strong>{}</strong>{}</p>").format(kind.title, "" if kind.primary else " (secondary)"))
            p.add(bullet_list([anchor(url, url) for url in urls]))


def paper_page_html(paper: Paper, db: Database, references: dict[str, str] | None = None) -> Prerendered:
    """The page of one paper, in reading order: who and where, one-click citations, what it does, its versions
    and results, how it connects to other papers, and where every fact comes from."""
    p = HtmlPage(paths.paper_page(paper))
    p.heading(1, paper.title)
    p.add(Markup("<p>{}</p>").format(_badge(paper, "title").lstrip()) if paper.unverified_reason("title") else _EMPTY)
    people = Markup(", ").join(anchor(a.full, p.url(paths.author_page(slugify(db.people.name_of(a))))) for a in paper.authors)
    p.add(Markup("<p><strong>{}</strong>{}</p>").format(people, _badge(paper, "authors")))
    p.add(Markup("<p>{}</p>").format(_publication(paper, p)))
    links = Markup(" · ").join(anchor(label, url) for label, url in outbound_links(paper)) + _badge(paper, "links")
    p.add(Markup("<p>{}</p>").format(links) if links else _EMPTY)
    p.add(_cite(paper, references or {}, p))
    if paper.summary:
        p.add(Markup('<p data-pagefind-meta="summary">{}</p>').format(paper.summary))
    if paper.scope_note:
        p.add(Markup('<div class="admonition info">\n<p class="admonition-title">Why this paper is listed</p>\n'
                     "<p>{}</p>\n</div>").format(paper.scope_note))
    meta = {"year": str(paper.year), "venue": paper.venue.short, "kind": paper.category.title}
    p.add(Markup("<p>{}</p>").format(Markup("").join(Markup('<span data-pagefind-meta="{}:{}"></span>').format(
        key, value.replace(",", " ")) for key, value in meta.items())))
    p.add(_facts(paper, db, p))
    if paper.versions:
        _versions(paper, p)
    if paper.results:
        _results(paper, db, p)
    _connections(paper, db, p)
    _verification_and_sources(paper, db, p)
    return p.done(paper.title, paper_meta(paper))


# Listings: category, venue and year pages.

def _bibtex_code(entry: str) -> Markup:
    return Markup('<details class="quote">\n<summary>BibTeX</summary>\n<div class="highlight"><pre><span></span><code>'
                  f'{escape(entry)}</code></pre></div>\n</details>')


def _bibtex_details(paper: Paper) -> Markup:
    return Markup('<div class="rsitr-bibtex" data-pagefind-ignore="all">\n'
                  f'{_bibtex_code(bibtex_entry(paper))}\n</div>')


def _listing_item(paper: Paper, p: HtmlPage) -> None:
    """One paper in a listing: its title as a heading linking to its page, authors, venue, year, links, BibTeX."""
    p.heading(3, paper.title, paper.id, toc_label(paper), anchor(paper.title, p.url(paths.paper_page(paper))))
    links = [anchor(label, url) for label, url in outbound_links(paper)]
    links += [anchor("BibTeX", p.url(paths.paper_bib(paper)), download=f"{paper.id}.bib"),
              anchor("RIS", p.url(paths.paper_ris(paper)), download=f"{paper.id}.ris")]
    p.add(Markup(f'<p>{escape(", ".join(a.full for a in paper.authors))}<br />\n'
                 f'{anchor(paper.venue.short, p.url(paths.venue_page(paper.venue)))} '
                 f'{anchor(str(paper.year), p.url(paths.year_page(paper.year)))} · {" · ".join(links)}</p>'))
    p.add(_bibtex_details(paper))


def _by_year(papers: list[Paper], p: HtmlPage) -> None:
    ordered = sorted(papers, key=lambda x: (-x.year, x.title.casefold(), x.id))
    for year, group in groupby(ordered, key=lambda x: x.year):
        p.heading(2, str(year), f"y{year}")
        for paper in group:
            _listing_item(paper, p)


def _count_line(n: int, p: HtmlPage, bib_path: str, what: str) -> Markup:
    return Markup("<p>{} papers. Download {} as {}.</p>").format(n, what, anchor("BibTeX", p.url(bib_path)))


def category_page_html(category: Category, papers: list[Paper]) -> Prerendered:
    p = HtmlPage(paths.category_page(category))
    p.heading(1, category.title)
    p.add(Markup("<p>{}</p>").format(category.definition))
    p.add(_count_line(len(papers), p, paths.category_bib(category), "this category"))
    _by_year(papers, p)
    return p.done(category.title)


def venue_page_html(venue: Venue, papers: list[Paper]) -> Prerendered:
    p = HtmlPage(paths.venue_page(venue))
    p.heading(1, venue.short)
    p.add(Markup("<p>{} ({}, {})</p>").format(venue.name, venue.kind, venue.publisher))
    p.add(_count_line(len(papers), p, paths.venue_bib(venue), "this venue"))
    _by_year(papers, p)
    return p.done(venue.short)


def year_page_html(year: int, papers: list[Paper], db: Database) -> Prerendered:
    p = HtmlPage(paths.year_page(year))
    p.heading(1, str(year))
    p.add(_count_line(len(papers), p, paths.year_bib(year), "this year"))
    for category in db.categories.values():
        in_category = sorted((x for x in papers if x.category == category), key=lambda x: (x.title.casefold(), x.id))
        if in_category:
            p.heading(2, category.title, category.slug)
            for paper in in_category:
                _listing_item(paper, p)
    return p.done(str(year))
