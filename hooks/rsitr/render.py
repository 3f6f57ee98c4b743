"""Pure functions from the model to Markdown pages."""
from __future__ import annotations

from collections import Counter

from . import paths
from .markdown import link, relative, table, text
from .model import Database, Paper

NEWEST_ON_HOME = 10


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
