"""Page metadata: Highwire Press citation tags (Google Scholar, Zotero), description, front matter."""
from __future__ import annotations

import html
from typing import Any

from .model import Paper


def citation_tags(paper: Paper) -> list[tuple[str, str]]:
    """Highwire Press <meta> name/content pairs for a paper page, in the order Zotero reads them."""
    tags = [("citation_title", paper.title)]
    tags += [("citation_author", f"{a.family}, {a.given}") for a in paper.authors]
    tags.append(("citation_publication_date", str(paper.year)))
    if paper.venue.kind == "journal":
        tags.append(("citation_journal_title", paper.venue.name))
    elif paper.venue.is_proceedings:
        tags.append(("citation_conference_title", paper.venue.proceedings or paper.venue.name))
    elif paper.venue.is_thesis:
        tags.append(("citation_dissertation_institution", paper.venue.publisher))
    if paper.venue.kind != "preprint":
        tags.append(("citation_publisher", paper.venue.publisher))
    if paper.volume:
        tags.append(("citation_volume", paper.volume))
    if paper.number:
        tags.append(("citation_issue", paper.number))
    if paper.pages:
        first, _, last = paper.pages.partition("-")
        tags.append(("citation_firstpage", first))
        if last:
            tags.append(("citation_lastpage", last))
    elif paper.article_number:
        tags.append(("citation_firstpage", paper.article_number))
    if paper.doi:
        tags.append(("citation_doi", paper.doi))
    if paper.arxiv:
        tags.append(("citation_arxiv_id", paper.arxiv))
        tags.append(("citation_pdf_url", f"https://arxiv.org/pdf/{paper.arxiv}"))
    elif paper.links.pdf:
        tags.append(("citation_pdf_url", paper.links.pdf))
    if paper.url:
        tags.append(("citation_abstract_html_url", paper.url))
    return tags


def description(paper: Paper) -> str:
    authors = ", ".join(a.full for a in paper.authors[:3]) + (" et al." if len(paper.authors) > 3 else "")
    text = f"{paper.title}. {authors}. {paper.venue.short} {paper.year}."
    return f"{text} {paper.summary}" if paper.summary else text


def paper_meta(paper: Paper) -> dict[str, Any]:
    """The front matter of a paper page: search boost, tags, description, citation tags."""
    return {
        "search": {"boost": 4},
        "tags": list(paper.tags),
        # Material writes the description into an attribute unescaped, so it is escaped here.
        "description": html.escape(description(paper), quote=True),
        "rsitr_citation": [list(pair) for pair in citation_tags(paper)],
        "rsitr_paper": paper.id,
        "rsitr_index": True,
    }
