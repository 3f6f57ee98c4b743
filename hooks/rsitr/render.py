"""Pure functions from the model to the site's index pages, built as HTML (no Markdown round trip).

Tag pages are the exception: Material's tags plugin fills them from a marker in their Markdown."""
from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from . import paths
from .markdown import text
from .model import Database, Dataset, Paper
from .prerender import HtmlPage, Prerendered, anchor, bullet_list, paragraph, table

NEWEST_ON_HOME = 10
_SEP = Markup(" · ")


def categories_index(db: Database) -> Prerendered:
    p = HtmlPage(paths.CATEGORIES)
    counts = Counter(paper.category.slug for paper in db.papers)
    p.heading(1, "Categories")
    rows = [[anchor(c.title, p.url(paths.category_page(c))), str(counts[c.slug]), c.definition]
            for c in db.categories.values()]
    p.add(table(["Category", "Papers", "Definition"], rows, {1}))
    scope_section(db, p, "Scope")
    return p.done("Categories")


def scope_section(db: Database, p: HtmlPage, title: str) -> None:
    """The written scope rule, with a pointer to the candidates left out."""
    scope = db.scope
    if scope is None:
        return
    weaker = sum(1 for paper in db.papers if paper.scope_note)
    p.heading(2, title)
    p.add(paragraph(scope.summary))
    p.add(paragraph("In:"))
    p.add(bullet_list(list(scope.included)))
    if scope.excluded:
        p.add(paragraph("Out:"))
        p.add(bullet_list(list(scope.excluded)))
    elsewhere = Markup("") if p.source == paths.NOT_LISTED else (
        Markup(" Papers looked at and left out are on ") + anchor("Not yet listed", p.url(paths.NOT_LISTED)) + Markup("."))
    p.add(paragraph(Markup("") + f"{scope.weaker} Records with such a note: {weaker}." + elsewhere))


def not_listed_page(db: Database) -> Prerendered:
    """Candidates looked at and not listed, with the reason, so nobody checks the same paper twice."""
    p = HtmlPage(paths.NOT_LISTED)
    # Unverifiable papers first: those are the ones a reader can help to list.
    reasons = {"unverifiable": "Could not be verified", "out-of-scope": "Out of scope"}
    p.heading(1, "Not yet listed")
    p.add(paragraph(Markup(
        f"Papers looked at and left out: {len(db.rejected)}. Each falls outside the scope rule below, "
        "or its title, authors or venue could not be confirmed at any source. "
        "If you know better (a paper that does report image-text retrieval, or the publisher page of an "
        "unverifiable one), open an issue or a pull request that adds the record and removes the entry "
        "from <code>papers/_meta/rejected.yaml</code>.")))
    for reason, title in reasons.items():
        group = sorted((c for c in db.rejected if c.reason == reason), key=lambda c: (-(c.year or 0), c.title.casefold()))
        if not group:
            continue
        p.heading(2, f"{title} ({len(group)})", reason)
        rows = [[anchor(c.title, c.link) if c.link else c.title, str(c.year or ""), c.note, ", ".join(c.seen_in)]
                for c in group]
        p.add(table(["Paper", "Year", "Why not listed", "Named by"], rows, {1}))
    scope_section(db, p, "The scope rule")
    return p.done("Not yet listed")


def venues_index(db: Database) -> Prerendered:
    p = HtmlPage(paths.VENUES)
    counts = Counter(paper.venue.short for paper in db.papers)
    used = sorted((v for v in db.venues.values() if counts[v.short]), key=lambda v: (-counts[v.short], v.short.casefold()))
    p.heading(1, "Venues")
    p.add(paragraph(f"{len(used)} venues with at least one paper."))
    rows = [[anchor(v.short, p.url(paths.venue_page(v))), v.name, v.kind, v.publisher, str(counts[v.short])] for v in used]
    p.add(table(["Venue", "Full name", "Kind", "Publisher", "Papers"], rows, {4}))
    return p.done("Venues")


def years_index(db: Database) -> Prerendered:
    p = HtmlPage(paths.YEARS)
    counts = Counter(paper.year for paper in db.papers)
    p.heading(1, "Years")
    rows = [[anchor(str(y), p.url(paths.year_page(y))), str(counts[y])] for y in sorted(counts, reverse=True)]
    p.add(table(["Year", "Papers"], rows, {1}))
    return p.done("Years")


def _paper_item(paper: Paper, p: HtmlPage) -> Markup:
    return anchor(paper.title, p.url(paths.paper_page(paper))) + f": {paper.venue.short} {paper.year}"


def home_page(db: Database, chart: Markup = Markup("")) -> Prerendered:
    p = HtmlPage(paths.HOME)
    years = sorted({paper.year for paper in db.papers})
    venues = {paper.venue.short for paper in db.papers}
    newest = sorted(db.papers, key=lambda x: (x.added, x.year, x.arxiv or "", x.id), reverse=True)[:NEWEST_ON_HOME]
    counts = Counter(paper.category.slug for paper in db.papers)
    span = f"{years[0]}–{years[-1]}" if years else "none"
    title = "Awesome Remote Sensing Image-Text Retrieval"
    p.heading(1, title)
    p.add(paragraph(Markup(
        "The reference list of research on remote sensing image-text retrieval (RSITR): finding "
        "satellite or aerial images from a sentence, and sentences from an image. Every paper "
        "record is checked against its publisher page, arXiv or official repository where they "
        "can be read, and names its sources by kind; a field that only a secondary source gives, "
        "or on which sources disagree, is marked unverified on the paper's page (records with "
        f"such marks: {sum(1 for paper in db.papers if paper.unverified)}). Papers looked at "
        "and left out are on ") + anchor("Not yet listed", p.url(paths.NOT_LISTED)) + Markup(".")))
    p.add(paragraph(Markup(f"<strong>{len(db.papers)}</strong> papers · <strong>{len(venues)}</strong> ")
                    + anchor("venues", p.url(paths.VENUES)) + Markup(f" · <strong>{len(years)}</strong> ")
                    + anchor("years", p.url(paths.YEARS)) + f" ({span})"))
    p.heading(2, "Categories")
    p.add(bullet_list([anchor(c.title, p.url(paths.category_page(c))) + f" ({counts[c.slug]}): {c.definition}"
                       for c in db.categories.values()]))
    if chart:
        p.heading(2, "Papers per year")
        p.add(chart)
    p.heading(2, "Newest additions")
    dates = sorted({paper.added for paper in newest}, reverse=True)
    if len(dates) == 1:
        p.add(paragraph(f"All added on {dates[0]}; listed by publication year, newest first."))
        p.add(bullet_list([_paper_item(paper, p) for paper in newest]))
    else:
        p.add(paragraph("By the date they were added here, then by publication year."))
        for date in dates:
            p.add(paragraph(f"Added {date}:"))
            p.add(bullet_list([_paper_item(paper, p) for paper in newest if paper.added == date]))
    return p.done(title)


def datasets_index(db: Database) -> Prerendered:
    p = HtmlPage(paths.DATASETS)
    counts = Counter(d for paper in db.papers for d in paper.datasets)
    rows = []
    for d in db.datasets.values():
        introduced = anchor(d.paper, p.url(paths.paper_page(d.paper))) if d.paper and d.paper in db.by_id else ""
        rows.append([anchor(d.name, p.url(paths.dataset_page(d))), str(d.year or ""),
                     f"{d.images:,}" if d.images else "", str(d.captions_per_image or ""), d.image_size or "",
                     introduced, anchor("link", d.link) if d.link else "", str(counts[d.slug])])
    p.heading(1, "Datasets")
    p.add(paragraph("Remote sensing image-text datasets used to train and evaluate retrieval. "
                    "Empty cells are facts not yet verified from the introducing paper or official repository."))
    p.add(table(["Dataset", "Year", "Images", "Captions per image", "Image size", "Introduced by", "Link", "Papers"], rows,
                {1, 2, 3, 7}))
    return p.done("Datasets")


def dataset_page(dataset: Dataset, papers: list[Paper], db: Database,
                 leaderboard=None, chart: Markup = Markup("")) -> Prerendered:
    """A dataset's facts, its leaderboard section (`leaderboard(page)` adds it), progress chart and papers."""
    p = HtmlPage(paths.dataset_page(dataset))
    p.heading(1, dataset.name)
    facts: list[Markup | str] = []
    if dataset.year:
        facts.append(f"Year: {dataset.year}")
    if dataset.images:
        facts.append(f"Images: {dataset.images:,}")
    if dataset.captions_per_image:
        facts.append(f"Captions per image: {dataset.captions_per_image}")
    if dataset.image_size:
        facts.append(f"Image size: {dataset.image_size}")
    if dataset.paper and dataset.paper in db.by_id:
        intro = db.by_id[dataset.paper]
        facts.append(Markup("Introduced by: ") + anchor(intro.title, p.url(paths.paper_page(intro))))
    if dataset.link:
        facts.append(Markup("Link: ") + anchor(dataset.link, dataset.link))
    if facts:
        p.add(bullet_list(facts))
    if leaderboard is not None or chart:
        p.add(Markup('<div data-pagefind-ignore="all">'))
        if leaderboard is not None:
            leaderboard(p)
        if chart:
            p.heading(2, "Progress over time", "progress")
            p.add(chart)
        p.add(Markup("</div>"))
    p.heading(2, f"Papers evaluating on {dataset.name}")
    p.add(paragraph(f"{len(papers)} papers."))
    p.add(bullet_list([_paper_item(paper, p) for paper in sorted(papers, key=lambda x: (-x.year, x.title.casefold()))]))
    return p.done(dataset.name, {"rsitr_index": True})


def cite_page(db: Database) -> Prerendered:
    """The Cite/Downloads page: every bulk file, how one paper is cited, and the choices behind the files."""
    p = HtmlPage(paths.CITE)

    def files(bib_path: str, label: str) -> Markup:
        csl = bib_path.removesuffix(".bib") + ".csl.json"
        return anchor(label + ".bib", p.url(bib_path)) + _SEP + anchor(label + ".csl.json", p.url(csl))

    p.heading(1, "Cite and download")
    p.add(paragraph(Markup(
        "Every paper page has one-click copies of its BibTeX entry and of its reference formatted in IEEE and APA "
        "style (for Word, Google Docs or Typst), and its own <code>.bib</code>, <code>.ris</code> and CSL-JSON files.")))
    p.add(bullet_list([Markup(item) for item in (
        "<strong>BibTeX</strong> entries are ASCII-safe (accents as braced LaTeX escapes, en dashes as <code>--</code>) "
        "and use the paper id as key; they compile with BibTeX styles (plain, alpha, abbrv, IEEEtran) and with "
        "biblatex + biber.",
        "<strong>Case protection</strong>: braces keep the capitals of every word with an inner capital or a digit "
        "(RemoteCLIP, RS5M), of every hyphenated compound holding one, as a whole (<code>{NWPU-Captions}</code>, "
        "<code>{MLCA-Net}</code>), of the record's own method name, and of a short list of proper nouns, so styles "
        "that lowercase titles keep them.",
        "<strong>Article numbers</strong>: journals that number articles instead of pages (MDPI, many IEEE and "
        "Elsevier titles) get the number in <code>pages</code> when there is no page range, because IEEEtran, plain, "
        "abbrv, biblatex, pandoc and Typst all print <code>pages</code>, while most ignore <code>eid</code>; a paper "
        "with both keeps its pages and has the number in <code>eid</code>. In CSL-JSON the article number is "
        "<code>number</code>, which the official IEEE and APA styles print as \"Art. no. 405\" and \"Article 405\". "
        "Typst reads <code>pages</code> as a number, so it drops the leading zeros of an article number such as "
        "0110003.",
        "<strong>CSL-JSON</strong> (for pandoc, Quarto, Zotero and most reference managers) is built from the same "
        "records, with DOIs, arXiv ids and other versions (as notes), and is valid against the CSL-JSON schema. "
        "<strong>RIS</strong> files import into Zotero, Mendeley and EndNote.",
        "<strong>Formatted references</strong> are rendered at build time with citeproc-py and the official CSL "
        "styles (<code>ieee</code>, <code>apa</code>).")]))
    p.heading(2, "Everything")
    p.add(bullet_list([Markup(f"All {len(db.papers)} papers: ") + files(paths.PAPERS_BIB, "papers") + _SEP
                       + anchor("papers.ris", p.url(paths.PAPERS_RIS)) + _SEP
                       + anchor("papers.json", p.url(paths.PAPERS_JSON))]))
    p.heading(2, "By category")
    counts = Counter(paper.category.slug for paper in db.papers)
    p.add(bullet_list([anchor(c.title, p.url(paths.category_page(c))) + f" ({counts[c.slug]}): "
                       + files(paths.category_bib(c), c.slug) for c in db.categories.values() if counts[c.slug]]))
    p.heading(2, "By venue")
    venue_counts = Counter(paper.venue.short for paper in db.papers)
    p.add(bullet_list([anchor(v.short, p.url(paths.venue_page(v))) + f" ({venue_counts[v.short]}): "
                       + files(paths.venue_bib(v), v.slug)
                       for v in sorted(db.venues.values(), key=lambda v: v.short.casefold()) if venue_counts[v.short]]))
    p.heading(2, "By year")
    year_counts = Counter(paper.year for paper in db.papers)
    p.add(bullet_list([anchor(str(y), p.url(paths.year_page(y))) + f" ({year_counts[y]}): " + files(paths.year_bib(y), str(y))
                       for y in sorted(year_counts, reverse=True)]))
    return p.done("Cite and download")


def tag_page(tag: str, description: str) -> str:
    """A tag page, in Markdown: Material's tags plugin lists the pages carrying the tag where the marker is."""
    return (f"---\nsearch:\n  exclude: true\n---\n\n# Tag: {text(tag)}\n\n{text(description)}\n\n"
            f"<!-- material/tags {{ include: [{tag}] }} -->\n")


def tags_index(db: Database) -> Prerendered:
    p = HtmlPage(paths.TAGS)
    counts = Counter(t for paper in db.papers for t in paper.tags)
    p.heading(1, "Tags")
    rows = [[anchor(t, p.url(paths.tag_page(t))), d, str(counts[t])] for t, d in db.tags.items() if counts[t]]
    p.add(table(["Tag", "Meaning", "Papers"], rows, {2}))
    return p.done("Tags")
