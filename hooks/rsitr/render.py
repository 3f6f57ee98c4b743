"""Pure functions from the model to Markdown pages."""
from __future__ import annotations

import html as htmllib
import re
from collections import Counter
from functools import partial
from itertools import groupby

from . import paths
from .bibtex import bibtex_entry
from .markdown import attr, attr_literal, link, relative, sentence, table, text
from .connections import compared_in, related_papers, rerun_by
from .csl import STYLES
from .meta import paper_front_matter
from .model import RESULT_KINDS, SETTINGS, Category, Database, Paper, Result, Venue, slugify

NEWEST_ON_HOME = 10


def authors_line(paper: Paper) -> str:
    return ", ".join(text(a.full) for a in paper.authors)


def paper_links(paper: Paper, page: str, files: bool = True) -> list[str]:
    """Outbound links of a paper (publisher/DOI, arXiv, PDF, code, project), each target once, plus (with
    `files`) its BibTeX and RIS files as downloads."""
    links, seen = [], set()
    for label, url in (("DOI", f"https://doi.org/{paper.doi}" if paper.doi else None), ("Publisher", paper.links.publisher),
                       ("arXiv", paper.arxiv_url), ("PDF", paper.links.pdf), ("Code", paper.links.code),
                       ("Project", paper.links.project)):
        if url and url.rstrip("/") not in seen:
            seen.add(url.rstrip("/"))
            links.append(link(label, url))
    if files:
        links.append(link("BibTeX", relative(page, paths.paper_bib(paper))) + f'{{ download="{paper.id}.bib" }}')
        links.append(link("RIS", relative(page, paths.paper_ris(paper))) + f'{{ download="{paper.id}.ris" }}')
    return links


def bibtex_block(paper: Paper) -> str:
    """A collapsed BibTeX code block (copy button from Material), kept out of the search index."""
    entry = bibtex_entry(paper).rstrip("\n")
    return ('<div class="rsitr-bibtex" data-search-exclude="true" data-pagefind-ignore="all" markdown>\n'
            '??? quote "BibTeX"\n\n    ```text\n'
            + "\n".join(f"    {line}" if line else "" for line in entry.split("\n"))
            + "\n    ```\n\n</div>\n")


def paper_item(paper: Paper, page: str, show_bibtex: bool = True) -> str:
    """One paper in a listing: title linking to its page, authors, venue and year, links."""
    venue = link(paper.venue.short, relative(page, paths.venue_page(paper.venue)))
    year = link(str(paper.year), relative(page, paths.year_page(paper.year)))
    lines = [
        f"### {link(paper.title, relative(page, paths.paper_page(paper)))} {{ #{paper.id} data-toc-label=\"{toc_label(paper)}\" }}",
        "",
        f"{authors_line(paper)}  ",
        f"{venue} {year} · " + " · ".join(paper_links(paper, page)),
        "",
    ]
    if show_bibtex:
        lines.append(bibtex_block(paper))
    return "\n".join(lines) + "\n"


def toc_label(paper: Paper, words: int = 6) -> str:
    """A short, readable table-of-contents label: the method name, else the title's first words.
    Only plain characters are kept, so the label is safe inside an attribute list."""
    label = paper.method or " ".join(paper.title.split()[:words]) + ("…" if len(paper.title.split()) > words else "")
    label = re.sub(r"[^\w\s.,:;()+/&–—-]|_", "", label).strip() or paper.id
    return label.replace("&", "and")


def paper_list_by_year(papers: list[Paper], page: str) -> str:
    """Papers grouped under one heading per year, newest first."""
    out = []
    ordered = sorted(papers, key=lambda p: (-p.year, p.title.casefold(), p.id))
    for year, group in groupby(ordered, key=lambda p: p.year):
        out.append(f"## {year} {{ #y{year} }}\n")
        out += [paper_item(p, page) for p in group]
    return "\n".join(out)


def _downloads(page: str, bib_path: str, what: str) -> str:
    return f"Download {what} as {link('BibTeX', relative(page, bib_path))}.\n"


def category_page(category: Category, papers: list[Paper]) -> str:
    page = paths.category_page(category)
    return (f"# {text(category.title)}\n\n{text(category.definition)}\n\n"
            f"{len(papers)} papers. " + _downloads(page, paths.category_bib(category), "this category")
            + "\n" + paper_list_by_year(papers, page))


def venue_page(venue: Venue, papers: list[Paper]) -> str:
    page = paths.venue_page(venue)
    details = f"{text(venue.name)} ({venue.kind}, {text(venue.publisher)})"
    return (f"# {text(venue.short)}\n\n{details}\n\n{len(papers)} papers. "
            + _downloads(page, paths.venue_bib(venue), "this venue") + "\n" + paper_list_by_year(papers, page))


def year_page(year: int, papers: list[Paper], db: Database) -> str:
    page = paths.year_page(year)
    out = [f"# {year}\n", f"{len(papers)} papers. " + _downloads(page, paths.year_bib(year), "this year")]
    for category in db.categories.values():
        in_category = sorted((p for p in papers if p.category == category), key=lambda p: (p.title.casefold(), p.id))
        if in_category:
            out.append(f"## {text(category.title)} {{ #{category.slug} }}\n")
            out += [paper_item(p, page) for p in in_category]
    return "\n".join(out)


def categories_index(db: Database) -> str:
    page = paths.CATEGORIES
    counts = Counter(p.category.slug for p in db.papers)
    rows = [[link(c.title, relative(page, paths.category_page(c))), str(counts[c.slug]), text(c.definition)]
            for c in db.categories.values()]
    return ("# Categories\n\n" + table(["Category", "Papers", "Definition"], rows, ["---", "---:", "---"])
            + "\n" + scope_section(db, page))


def scope_section(db: Database, page: str) -> str:
    """The written scope rule, with a pointer to the candidates left out."""
    scope = db.scope
    if scope is None:
        return ""
    weaker = sum(1 for p in db.papers if p.scope_note)
    out = ["## Scope\n", f"{text(scope.summary)}\n", "In:\n"]
    out += [f"- {text(item)}" for item in scope.included]
    out += ["", "Out:\n"] + [f"- {text(item)}" for item in scope.excluded] if scope.excluded else []
    elsewhere = "" if page == paths.NOT_LISTED else (
        f" Papers looked at and left out are on {link('Not yet listed', relative(page, paths.NOT_LISTED))}.")
    out += ["", f"{text(scope.weaker)} Records with such a note: {weaker}.{elsewhere}\n"]
    return "\n".join(out)


def not_listed_page(db: Database) -> str:
    """Candidates looked at and not listed, with the reason, so nobody checks the same paper twice."""
    page = paths.NOT_LISTED
    # Unverifiable papers first: those are the ones a reader can help to list.
    reasons = {"unverifiable": "Could not be verified", "out-of-scope": "Out of scope"}
    out = ["# Not yet listed\n",
           f"Papers looked at and left out: {len(db.rejected)}. Each falls outside the scope rule below, "
           "or its title, authors or venue could not be confirmed at any source. "
           "If you know better (a paper that does report image-text retrieval, or the publisher page of an "
           "unverifiable one), open an issue or a pull request that adds the record and removes the entry "
           "from `papers/_meta/rejected.yaml`.\n"]
    for reason, heading in reasons.items():
        group = sorted((c for c in db.rejected if c.reason == reason), key=lambda c: (-(c.year or 0), c.title.casefold()))
        if not group:
            continue
        out.append(f"## {heading} ({len(group)}) {{ #{reason} }}\n")
        rows = [[link(c.title, c.link) if c.link else text(c.title), str(c.year or ""), text(c.note),
                 text(", ".join(c.seen_in))] for c in group]
        out.append(table(["Paper", "Year", "Why not listed", "Named by"], rows, ["---", "---:", "---", "---"]))
    out.append(scope_section(db, page).replace("## Scope", "## The scope rule", 1))
    return "\n".join(out) + "\n"


def venues_index(db: Database) -> str:
    page = paths.VENUES
    counts = Counter(p.venue.short for p in db.papers)
    used = sorted((v for v in db.venues.values() if counts[v.short]), key=lambda v: (-counts[v.short], v.short.casefold()))
    rows = [[link(v.short, relative(page, paths.venue_page(v))), text(v.name), v.kind, text(v.publisher), str(counts[v.short])]
            for v in used]
    return (f"# Venues\n\n{len(used)} venues with at least one paper.\n\n"
            + table(["Venue", "Full name", "Kind", "Publisher", "Papers"], rows, ["---", "---", "---", "---", "---:"]))


def years_index(db: Database) -> str:
    page = paths.YEARS
    counts = Counter(p.year for p in db.papers)
    rows = [[link(str(y), relative(page, paths.year_page(y))), str(counts[y])] for y in sorted(counts, reverse=True)]
    return "# Years\n\n" + table(["Year", "Papers"], rows, ["---", "---:"])


def home_page(db: Database, extra: str = "") -> str:
    page = paths.HOME
    years = sorted({p.year for p in db.papers})
    venues = {p.venue.short for p in db.papers}
    newest = sorted(db.papers, key=lambda p: (p.added, p.year, p.arxiv or "", p.id), reverse=True)[:NEWEST_ON_HOME]
    counts = Counter(p.category.slug for p in db.papers)
    span = f"{years[0]}–{years[-1]}" if years else "none"
    out = [
        "# Awesome Remote Sensing Image-Text Retrieval\n",
        "The reference list of research on remote sensing image-text retrieval (RSITR): finding "
        "satellite or aerial images from a sentence, and sentences from an image. Every paper "
        "record is checked against its publisher page, arXiv or official repository where they "
        "can be read, and names its sources by kind; a field that only a secondary source gives, "
        f"or on which sources disagree, is marked unverified on the paper's page (records with "
        f"such marks: {sum(1 for p in db.papers if p.unverified)}). Papers looked at "
        f"and left out are on {link('Not yet listed', relative(page, paths.NOT_LISTED))}.\n",
        f"**{len(db.papers)}** papers · **{len(venues)}** "
        f"{link('venues', relative(page, paths.VENUES))} · **{len(years)}** "
        f"{link('years', relative(page, paths.YEARS))} ({span})\n",
        "## Categories\n",
    ]
    out += [f"- {link(c.title, relative(page, paths.category_page(c)))} ({counts[c.slug]}): {text(c.definition)}"
            for c in db.categories.values()]
    out.append("")
    if extra:
        out.append(extra)
    out.append("## Newest additions\n")
    dates = sorted({p.added for p in newest}, reverse=True)
    if len(dates) == 1:
        out.append(f"All added on {dates[0]}; listed by publication year, newest first.\n")
        out += [f"- {link(p.title, relative(page, paths.paper_page(p)))}: {text(p.venue.short)} {p.year}" for p in newest]
    else:
        out.append("By the date they were added here, then by publication year.\n")
        for date in dates:
            out.append(f"Added {date}:\n")
            out += [f"- {link(p.title, relative(page, paths.paper_page(p)))}: {text(p.venue.short)} {p.year}"
                    for p in newest if p.added == date]
            out.append("")
    return "\n".join(out) + "\n"


def _publication_line(paper: Paper, page: str) -> str:
    venue = paper.venue.name if paper.venue.short == paper.venue.name else f"{paper.venue.name} ({paper.venue.short})"
    mark = partial(unverified_badge, paper)
    parts = [link(venue, relative(page, paths.venue_page(paper.venue))) + mark("venue")]
    if paper.volume:
        parts.append(f"vol. {text(paper.volume)}" + mark("volume"))
    if paper.number:
        parts.append(f"no. {text(paper.number)}" + mark("number"))
    if paper.pages:
        parts.append(f"pp. {text(paper.pages.replace('-', '–'))}" + mark("pages"))
    if paper.article_number:
        parts.append(f"article {text(paper.article_number)}" + mark("article_number"))
    parts.append(link(str(paper.year), relative(page, paths.year_page(paper.year))) + mark("year"))
    return ", ".join(parts)


METRIC_LABELS = {
    "i2t_r1": "I→T R@1", "i2t_r5": "R@5", "i2t_r10": "R@10", "t2i_r1": "T→I R@1", "t2i_r5": "R@5", "t2i_r10": "R@10",
    "i2a_r1": "I→A R@1", "i2a_r5": "R@5", "i2a_r10": "R@10", "a2i_r1": "A→I R@1", "a2i_r5": "R@5", "a2i_r10": "R@10",
    "mr": "mR", "bits": "Bits", "map_at": "mAP@", "i2t_map": "I→T mAP", "t2i_map": "T→I mAP", "i2a_map": "I→A mAP",
    "a2i_map": "A→I mAP",
}


def _metric_cell(result: Result, name: str) -> str:
    value = result.shown_mr if name == "mr" else getattr(result, name)
    if value is None:
        return "–"
    return text(str(value)) if isinstance(value, (int, str)) else f"{value:.2f}"


def results_table(paper: Paper, page: str, db: Database) -> str:
    """The paper's result rows, one table per kind of result, then their notes."""
    out = []
    for kind in RESULT_KINDS.values():
        results = [r for r in paper.results if r.kind == kind.slug]
        if not results:
            continue
        metrics = [name for name in kind.metrics if any(getattr(r, name) is not None for r in results)
                   or (name == "mr" and any(r.shown_mr is not None for r in results))]
        if len(RESULT_KINDS) > 1 and kind.slug != "retrieval":
            out.append(f"**{text(kind.title)}**\n")
        rows = []
        for r in results:
            dataset = db.datasets[r.dataset]
            source = db.by_id[r.source.paper]
            source_label = text(r.source.table) if source.id == paper.id else \
                f"{link(source.id, relative(page, paths.paper_page(source)))}, {text(r.source.table)}"
            rows.append([link(dataset.name, relative(page, paths.dataset_page(dataset))), text(r.method),
                         text(r.variant or ""), text(SETTINGS.get(r.setting, r.setting)),
                         *(_metric_cell(r, name) for name in metrics), source_label])
        out.append(table(["Dataset", "Method", "Variant", "Setting", *(METRIC_LABELS[m] for m in metrics), "Source"], rows,
                         ["---"] * 4 + ["---:"] * len(metrics) + ["---"]))
    notes = [f"- {text(r.method)} on {text(db.datasets[r.dataset].name)}: {text(sentence(r.note))}" for r in paper.results if r.note]
    return "\n".join(out) + ("\n" + "\n".join(notes) + "\n" if notes else "")


def unverified_badge(paper: Paper, field_name: str) -> str:
    """An inline mark after a field whose sources disagree or are secondary; the reason is in #verification."""
    reason = paper.unverified_reason(field_name)
    if reason is None:
        return ""
    return (f' <a class="rsitr-unverified" href="#verification" title="{attr(reason)}">'
            f'unverified {text(field_name.replace("_", " "))}</a>')


def versions_section(paper: Paper) -> str:
    """Other versions of the same work: preprint, retitled preprint, conference or journal version."""
    lines = ["## Versions\n", "This page follows the final published version (for a preprint only on arXiv, its "
             "latest version). Other versions of this work:\n"]
    for version in paper.versions:
        label = f"{text(version.venue.short)} {version.year}"
        ident = link(version.identifier, version.link) if version.link else text(version.identifier)
        note = f" {text(version.note)}" if version.note else ""
        lines.append(f"- {label}: *{text(version.title)}* · {ident}.{note}")
    return "\n".join(lines) + "\n"


def related_section(paper: Paper, page: str, db: Database) -> str:
    lines = ["## Related records\n"]
    for item in paper.related:
        other = db.by_id[item.paper]
        lines.append(f"- {link(other.title, relative(page, paths.paper_page(other)))} "
                     f"({text(other.venue.short)} {other.year}): {text(item.note)}")
    return "\n".join(lines) + "\n"


def verification_section(paper: Paper) -> str:
    """How far the record is verified: marked fields with their reasons, the last re-check."""
    lines = ["## Verification { #verification }\n"]
    if paper.unverified:
        lines.append("These fields rest on sources that disagree or on secondary sources only:\n")
        lines += [f"- **{text(mark.name.replace('_', ' '))}**: {text(mark.reason)}" for mark in paper.unverified]
        lines.append("")
    else:
        lines.append("Every field of this record was checked against the sources listed below.\n")
    if not paper.has_primary_source:
        lines.append("No primary source (publisher, arXiv, proceedings or index, official repository) could be "
                     "read for this record.\n")
    if paper.checked:
        lines.append(f"Last re-checked against its latest version on {text(paper.checked.date)}: {text(paper.checked.note)}\n")
    return "\n".join(lines)


def sources_section(paper: Paper, db: Database) -> str:
    """The record's sources, grouped by kind in the order of papers/_meta/sources.yaml."""
    out = ["## Sources\n", "The facts of this record were read at these pages, grouped by kind of source:\n"]
    for kind in db.source_kinds.values():
        urls = [source.url for source in paper.sources if source.kind == kind]
        if urls:
            secondary = "" if kind.primary else " (secondary)"
            out.append(f"**{text(kind.title)}**{secondary}\n")
            out.append("\n".join(f"- {link(url, url)}" for url in urls) + "\n")
    return "\n".join(out)


def paper_page(paper: Paper, db: Database, references: dict[str, str] | None = None) -> str:
    """The page of one paper, in reading order: who and where, a one-click citation, what it does,
    its versions and results, how it connects to other papers, and where every fact comes from."""
    page = paths.paper_page(paper)
    # Names as the paper prints them, linked to the person's page (spellings merged by the alias list).
    people = ", ".join(link(a.full, relative(page, paths.author_page(slugify(db.people.name_of(a)))))
                       for a in paper.authors)
    title_mark = unverified_badge(paper, "title")
    out = [
        paper_front_matter(paper) + f"# {text(paper.title)}\n",
        *([f"{title_mark.strip()}\n"] if title_mark else []),
        f"**{people}**{unverified_badge(paper, 'authors')}\n",
        f"{_publication_line(paper, page)}\n",
        " · ".join(paper_links(paper, page, files=False)) + unverified_badge(paper, "links") + "\n",
        cite_block(paper, references or {}),
    ]
    if paper.summary:
        # The summary is also search metadata: the search box shows it as the result's snippet.
        out.append(f'{text(paper.summary)}\n{{: data-pagefind-meta="summary" }}\n')
    if paper.scope_note:
        out.append(f'!!! info "Why this paper is listed"\n\n    {text(paper.scope_note)}\n')
    out.append(search_meta({"year": str(paper.year), "venue": paper.venue.short, "kind": paper.category.title}))
    out.append(facts_list(paper, page, db))
    if paper.versions:
        out.append(versions_section(paper))
    if paper.results:
        out.append("## Results\n")
        out.append(results_table(paper, page, db))
    out.append(connections_section(paper, page, db))
    if paper.related:
        out.append(related_section(paper, page, db))
    out.append(verification_section(paper))
    out.append(sources_section(paper, db))
    return "\n".join(part for part in out if part)


def search_meta(values: dict[str, str]) -> str:
    """Empty elements carrying Pagefind metadata (shown beside a search result; commas separate keys there)."""
    return "".join(f'<span data-pagefind-meta="{attr(key)}:{attr(value.replace(",", " "))}"></span>'
                   for key, value in values.items()) + "\n"


def cite_block(paper: Paper, references: dict[str, str]) -> str:
    """One-click copies of the BibTeX entry and of the reference formatted in IEEE and APA style, then the
    entry itself (collapsed), kept out of the search index."""
    entry = bibtex_entry(paper)
    buttons = [f'<button type="button" class="md-button rsitr-copy-bibtex" data-clipboard-text="{attr_literal(entry)}">'
               'Copy BibTeX</button>']
    shown = []
    for style, label in STYLES.items():
        html = references.get(style)
        if html:
            plain = htmllib.unescape(re.sub(r"<[^>]+>", "", html))
            buttons.append(f'<button type="button" class="md-button rsitr-copy-reference" data-style="{style}" '
                           f'data-clipboard-text="{attr_literal(plain)}">Copy {label}</button>')
            # citeproc-py escapes the data in its HTML; only its own <i>/<b> markup remains.
            shown.append(f'<p class="rsitr-reference" data-style="{style}"><span class="rsitr-style">{label}</span> '
                         f'{attr_literal_html(html)}</p>')
    return ('<div class="rsitr-bibtex" data-search-exclude="true" data-pagefind-ignore="all" markdown>\n\n'
            + " ".join(buttons) + "\n\n" + "\n".join(shown) + ("\n\n" if shown else "")
            + f"Download: {link('BibTeX', paths.paper_bib(paper).split('/')[-1])}{{ download=\"{paper.id}.bib\" }} · "
            f"{link('RIS', paths.paper_ris(paper).split('/')[-1])}{{ download=\"{paper.id}.ris\" }} · "
            f"{link('CSL-JSON', paths.paper_csl(paper).split('/')[-1])}{{ download=\"{paper.id}.csl.json\" }}\n\n"
            '??? quote "BibTeX"\n\n    ```text\n'
            + "\n".join(f"    {line}" if line else "" for line in entry.rstrip("\n").split("\n"))
            + "\n    ```\n\n</div>\n")


def attr_literal_html(html: str) -> str:
    """HTML from citeproc-py kept as markup, with the characters Markdown would read turned into entities."""
    return re.sub(r"[\\`*_{}\[\]#+!|~^]", lambda m: f"&#{ord(m.group())};", html)


def facts_list(paper: Paper, page: str, db: Database) -> str:
    facts = [f"- Category: {link(paper.category.title, relative(page, paths.category_page(paper.category)))}"
             + unverified_badge(paper, "category")]
    if paper.method:
        facts.append(f'- Method: <span data-pagefind-weight="10">{text(paper.method)}</span>' + unverified_badge(paper, "method"))
    if paper.datasets:
        facts.append("- Datasets: " + ", ".join(link(db.datasets[d].name, relative(page, paths.dataset_page(d))) for d in paper.datasets)
                     + unverified_badge(paper, "datasets"))
    if paper.tags:
        facts.append("- Tags: " + ", ".join(link(t, relative(page, paths.tag_page(t))) for t in paper.tags))
    if paper.doi:
        facts.append(f"- DOI: {link(paper.doi, 'https://doi.org/' + paper.doi)}" + unverified_badge(paper, "doi"))
    if paper.arxiv:
        facts.append(f"- arXiv: {link(paper.arxiv, paper.arxiv_url or '')}" + unverified_badge(paper, "arxiv"))
    facts.append(f"- Added: {paper.added}")
    return "\n".join(facts) + "\n"


def connections_section(paper: Paper, page: str, db: Database) -> str:
    """Later papers that compared against this method or re-ran it, and related papers; '' when none."""
    def item(other: Paper, extra: str = "") -> str:
        return f"- {link(other.title, relative(page, paths.paper_page(other)))} ({text(other.venue.short)} {other.year}){extra}"

    parts = []
    compared, rerun = compared_in(paper, db), rerun_by(paper, db)
    if compared:
        parts.append(f"**Compared against in** ({len(compared)}; their result tables list {text(paper.method or '')}):\n\n"
                     + "\n".join(item(p) for p in compared) + "\n")
    if rerun:
        parts.append(f"**Re-run by** ({len(rerun)}; these papers trained and evaluated the method themselves):\n\n"
                     + "\n".join(item(p) for p in rerun) + "\n")
    related = related_papers(paper, db)
    if related:
        parts.append("**Related papers** (most shared authors, datasets and tags):\n\n"
                     + "\n".join(item(p, ": shares " + ", ".join(text(v) for v in values)) for p, values in related) + "\n")
    return "## Connections { #connections }\n\n" + "\n".join(parts) if parts else ""


def datasets_index(db: Database) -> str:
    page = paths.DATASETS
    counts = Counter(d for p in db.papers for d in p.datasets)
    rows = []
    for d in db.datasets.values():
        introduced = link(db.by_id[d.paper].id, relative(page, paths.paper_page(d.paper))) if d.paper and d.paper in db.by_id else ""
        rows.append([link(d.name, relative(page, paths.dataset_page(d))), str(d.year or ""),
                     f"{d.images:,}" if d.images else "", str(d.captions_per_image or ""), text(d.image_size or ""),
                     introduced, link("link", d.link) if d.link else "", str(counts[d.slug])])
    return ("# Datasets\n\nRemote sensing image-text datasets used to train and evaluate retrieval. "
            "Empty cells are facts not yet verified from the introducing paper or official repository.\n\n"
            + table(["Dataset", "Year", "Images", "Captions per image", "Image size", "Introduced by", "Link", "Papers"], rows,
                    ["---", "---:", "---:", "---:", "---", "---", "---", "---:"]))


def dataset_page(dataset, papers: list[Paper], db: Database, leaderboard: str = "") -> str:
    page = paths.dataset_page(dataset)
    out = [f"---\nrsitr_index: true\n---\n\n# {text(dataset.name)}\n"]
    facts = []
    if dataset.year:
        facts.append(f"- Year: {dataset.year}")
    if dataset.images:
        facts.append(f"- Images: {dataset.images:,}")
    if dataset.captions_per_image:
        facts.append(f"- Captions per image: {dataset.captions_per_image}")
    if dataset.image_size:
        facts.append(f"- Image size: {text(dataset.image_size)}")
    if dataset.paper and dataset.paper in db.by_id:
        intro = db.by_id[dataset.paper]
        facts.append(f"- Introduced by: {link(intro.title, relative(page, paths.paper_page(intro)))}")
    if dataset.link:
        facts.append(f"- Link: {link(dataset.link, dataset.link)}")
    if facts:
        out.append("\n".join(facts) + "\n")
    if leaderboard:
        out.append(f'<div data-pagefind-ignore="all" markdown>\n\n{leaderboard}\n</div>\n')
    out.append(f"## Papers evaluating on {text(dataset.name)}\n")
    out.append(f"{len(papers)} papers.\n")
    out += [f"- {link(p.title, relative(page, paths.paper_page(p)))}: {text(p.venue.short)} {p.year}"
            for p in sorted(papers, key=lambda p: (-p.year, p.title.casefold()))]
    return "\n".join(out) + "\n"


def cite_page(db: Database) -> str:
    """The Cite/Downloads page: every bulk file, how one paper is cited, and the choices behind the files."""
    page = paths.CITE

    def files(bib_path: str, label: str) -> str:
        csl = bib_path.removesuffix(".bib") + ".csl.json"
        return (f"{link(label + '.bib', relative(page, bib_path))} · "
                f"{link(label + '.csl.json', relative(page, csl))}")

    out = [
        "# Cite and download\n",
        "Every paper page has one-click copies of its BibTeX entry and of its reference formatted in IEEE and APA "
        "style (for Word, Google Docs or Typst), and its own `.bib`, `.ris` and CSL-JSON files.\n",
        "- **BibTeX** entries are ASCII-safe (accents as braced LaTeX escapes, en dashes as `--`) and use the "
        "paper id as key; they compile with BibTeX styles (plain, alpha, abbrv, IEEEtran) and with biblatex + biber.\n"
        "- **Case protection**: braces keep the capitals of every word with an inner capital or a digit "
        "(RemoteCLIP, RS5M), of every hyphenated compound holding one, as a whole (`{NWPU-Captions}`, "
        "`{MLCA-Net}`), of the record's own method name, and of a short list of proper nouns, so styles that "
        "lowercase titles keep them.\n"
        "- **Article numbers**: journals that number articles instead of pages (MDPI, many IEEE and Elsevier "
        "titles) get the number in `pages` when there is no page range, because IEEEtran, plain, abbrv, "
        "biblatex, pandoc and Typst all print `pages`, while most ignore `eid`; a paper with both keeps its "
        "pages and has the number in `eid`. In CSL-JSON the article number is `number`, which the official "
        "IEEE and APA styles print as \"Art. no. 405\" and \"Article 405\". Typst reads `pages` as a number, "
        "so it drops the leading zeros of an article number such as 0110003.\n"
        "- **CSL-JSON** (for pandoc, Quarto, Zotero and most reference managers) is built from the same "
        "records, with DOIs, arXiv ids and other versions (as notes), and is valid against the CSL-JSON "
        "schema. **RIS** files import into Zotero, Mendeley and EndNote.\n"
        "- **Formatted references** are rendered at build time with citeproc-py and the official CSL styles "
        "(`ieee`, `apa`).\n",
        "## Everything\n",
        f"- All {len(db.papers)} papers: {files(paths.PAPERS_BIB, 'papers')} · "
        f"{link('papers.ris', relative(page, paths.PAPERS_RIS))} · {link('papers.json', relative(page, paths.PAPERS_JSON))}\n",
        "## By category\n",
    ]
    counts = Counter(p.category.slug for p in db.papers)
    out += [f"- {link(c.title, relative(page, paths.category_page(c)))} ({counts[c.slug]}): "
            f"{files(paths.category_bib(c), c.slug)}" for c in db.categories.values() if counts[c.slug]]
    out.append("\n## By venue\n")
    venue_counts = Counter(p.venue.short for p in db.papers)
    out += [f"- {link(v.short, relative(page, paths.venue_page(v)))} ({venue_counts[v.short]}): "
            f"{files(paths.venue_bib(v), v.slug)}"
            for v in sorted(db.venues.values(), key=lambda v: v.short.casefold()) if venue_counts[v.short]]
    out.append("\n## By year\n")
    year_counts = Counter(p.year for p in db.papers)
    out += [f"- {link(str(y), relative(page, paths.year_page(y)))} ({year_counts[y]}): "
            f"{files(paths.year_bib(y), str(y))}" for y in sorted(year_counts, reverse=True)]
    return "\n".join(out) + "\n"


def tag_page(tag: str, description: str) -> str:
    """A tag page: the tags plugin lists the pages carrying the tag."""
    return (f"---\nsearch:\n  exclude: true\n---\n\n# Tag: {text(tag)}\n\n{text(description)}\n\n"
            f"<!-- material/tags {{ include: [{tag}] }} -->\n")


def tags_index(db: Database) -> str:
    page = paths.TAGS
    counts = Counter(t for p in db.papers for t in p.tags)
    rows = [[link(t, relative(page, paths.tag_page(t))), text(d), str(counts[t])] for t, d in db.tags.items() if counts[t]]
    return "# Tags\n\n" + table(["Tag", "Meaning", "Papers"], rows, ["---", "---", "---:"])
