"""Import: one BibTeX entry (IEEE Xplore, Google Scholar, MDPI, ACM DL, arXiv) to a new paper YAML file."""
from __future__ import annotations

import datetime as dt
import difflib
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware, NormalizeFieldKeys, SeparateCoAuthors, SplitNameParts

from .atomic import write_atomically
from .load import META_DIR, load_database, normalise_title
from .model import Venue

STOP_WORDS = {"a", "an", "the", "on", "for", "of", "and", "in", "to", "with", "via", "based", "towards", "toward", "from", "by"}


class ImportError_(Exception):
    """The entry cannot be imported; the message says why and what to do."""


@dataclass
class ImportedPaper:
    id: str
    path: Path
    yaml_text: str


def _clean(value: str) -> str:
    """Decoded BibTeX text without protective braces and with single spaces."""
    value = value.replace("{", "").replace("}", "")
    return " ".join(value.split())


def parse_entry(bibtex: str) -> dict[str, Any]:
    """Parse exactly one BibTeX entry, decoding LaTeX to Unicode and splitting names."""
    splitter_log = logging.getLogger("bibtexparser.splitter")
    level = splitter_log.level
    splitter_log.setLevel(logging.ERROR)  # a failed block is reported below, in one line
    try:
        library = bibtexparser.parse_string(bibtex, append_middleware=[
            NormalizeFieldKeys(), LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()])
    finally:
        splitter_log.setLevel(level)
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise ImportError_(f"expected a complete BibTeX entry like @article{{key, title = {{...}}, ...}}, "
                           f"found text that does not parse (starting at line {block.start_line + 1}): "
                           f"{block.raw.strip()[:80]!r}")
    if len(library.entries) != 1:
        raise ImportError_(f"expected exactly one BibTeX entry, found {len(library.entries)}")
    entry = library.entries[0]
    fields = {f.key.lower(): f.value for f in entry.fields}
    fields["ENTRYTYPE"] = entry.entry_type.lower()
    return fields


def find_venue(fields: dict[str, Any], venues: dict[str, Venue]) -> Venue:
    """The known venue named by journal/booktitle (or arXiv), else an error naming the closest ones."""
    if fields["ENTRYTYPE"] in ("misc", "article", "unpublished") and (
            "arxiv" in str(fields.get("archiveprefix", "")).lower() or "arxiv" in str(fields.get("journal", "")).lower()
            or "arxiv" in str(fields.get("publisher", "")).lower()) and "arXiv" in venues:
        return venues["arXiv"]
    raw = fields.get("journal") or fields.get("booktitle")
    if not raw:
        raise ImportError_("journal/booktitle: expected the venue of the paper, found neither field")
    name = _clean(str(raw))
    wanted = _key(name)
    for venue in venues.values():
        candidates = {_key(venue.name), _key(venue.short), _key(venue.proceedings or "")}
        if wanted in candidates:
            return venue
    # Proceedings titles carry years and numbering, e.g. "IGARSS 2022 - 2022 IEEE International Geoscience ...".
    stripped = _key(re.sub(r"\b(19|20)\d\d\b|\bproceedings of( the)?\b|\b\d+(st|nd|rd|th)\b", " ", name, flags=re.I))
    # The longest contained name wins: "... Multimedia Retrieval" is ICMR, not ACM MM.
    contained = [v for v in venues.values() if v.kind != "preprint" and _key(v.name) in stripped]
    if contained:
        return max(contained, key=lambda v: len(v.name))
    for venue in venues.values():
        if venue.kind != "preprint" and re.search(rf"\b{re.escape(venue.short)}\b", name):
            return venue
    closest = difflib.get_close_matches(name, [v.name for v in venues.values()], n=3, cutoff=0.4)
    hint = f"; closest known: {', '.join(closest)}" if closest else ""
    raise ImportError_(f"journal/booktitle: expected a venue defined in papers/{META_DIR}/venues.yaml, found {name!r}{hint}. "
                       f"Add the venue there first if it is new.")


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower().replace("&", "and")).split())


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def derive_id(family: str, year: int, title: str) -> str:
    """<family><year><word>: the acronym before a colon if there is one, else the first significant title word."""
    head = title.split(":", 1)[0].strip()
    if ":" in title and len(head.split()) == 1:
        word = head
    else:
        words = [w for w in re.findall(r"[A-Za-z0-9]+", title) if w.lower() not in STOP_WORDS]
        word = words[0] if words else "paper"
    return re.sub(r"[^a-z]", "", _ascii(family)) + str(year) + re.sub(r"[^a-z0-9]", "", _ascii(word))


def _authors(fields: dict[str, Any]) -> list[dict[str, str]]:
    authors = []
    for name in fields.get("author") or []:
        family = " ".join(name.von + name.last).strip()
        given = " ".join(name.first).strip()
        authors.append({"given": _clean(given), "family": _clean(family)})
    return authors


def _quote(value: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_record(fields: dict[str, Any], venue: Venue, paper_id: str, added: str) -> str:
    """YAML text of the new record; category and sources are left for the contributor (validation names them)."""
    title = _clean(str(fields["title"]))
    lines = ["# yaml-language-server: $schema=_meta/paper.schema.json", f"id: {paper_id}", f"title: {_quote(title)}", "authors:"]
    for author in _authors(fields):
        lines += [f"  - given: {_quote(author['given'])}", f"    family: {_quote(author['family'])}"]
    lines += [f"year: {int(str(fields['year']).strip()[:4])}", f"venue: {_quote(venue.short)}",
              "category: TODO  # one of the slugs in papers/_meta/categories.yaml"]
    if fields.get("volume"):
        lines.append(f"volume: {_quote(_clean(str(fields['volume'])))}")
    if fields.get("number"):
        lines.append(f"number: {_quote(_clean(str(fields['number'])))}")
    pages = _clean(str(fields.get("pages", ""))).replace("--", "-").replace("–", "-").replace(" ", "")
    if pages:
        lines.append(f"pages: {_quote(pages)}")
    article = fields.get("article-number") or fields.get("articleno") or fields.get("eid")
    if article:
        lines.append(f"article_number: {_quote(_clean(str(article)))}")
    doi = _clean(str(fields.get("doi", ""))).removeprefix("https://doi.org/")
    if doi:
        lines.append(f"doi: {_quote(doi)}")
    arxiv = arxiv_id(fields)
    if arxiv:
        lines.append(f"arxiv: {_quote(arxiv)}")
        if fields.get("primaryclass"):
            lines.append(f"arxiv_class: {_quote(_clean(str(fields['primaryclass'])))}")
    url = _clean(str(fields.get("url", "")))
    if url.startswith("https://") and "doi.org" not in url and "arxiv.org" not in url:
        lines += ["links:", f"  publisher: {_quote(url)}"]
    lines += [f"added: {added}", "sources: []  # add the URLs where you verified every fact above"]
    return "\n".join(lines) + "\n"


def arxiv_id(fields: dict[str, Any]) -> str | None:
    eprint = _clean(str(fields.get("eprint", "")))
    if eprint and ("arxiv" in str(fields.get("archiveprefix", "")).lower() or re.match(r"^\d{4}\.\d{4,5}", eprint)):
        return re.sub(r"v\d+$", "", eprint)
    match = re.search(r"arXiv[:\s]*(\d{4}\.\d{4,5})", str(fields.get("journal", "")) + " " + str(fields.get("note", "")), re.I)
    return match.group(1) if match else None


def import_entry(bibtex: str, papers_dir: Path, today: dt.date | None = None) -> ImportedPaper:
    """Write papers/<id>.yaml from a BibTeX entry; refuse duplicates and unknown venues."""
    fields = parse_entry(bibtex)
    if not _clean(str(fields.get("title", ""))):
        raise ImportError_("title: expected the paper's title, found none")
    if not fields.get("author"):
        raise ImportError_("author: expected at least one author, found none")
    if not re.match(r"^\s*(19|20)\d\d", str(fields.get("year", ""))):
        raise ImportError_(f"year: expected a four-digit year, found {fields.get('year')!r}")
    authors = _authors(fields)
    paper_id = derive_id(authors[0]["family"], int(str(fields["year"]).strip()[:4]), _clean(str(fields["title"])))
    path = papers_dir / f"{paper_id}.yaml"
    if path.exists():
        raise ImportError_(f"{path} already exists: choose another id by renaming the new file, never overwrite")
    db = load_database(papers_dir)
    venue = find_venue(fields, db.venues)
    doi = _clean(str(fields.get("doi", ""))).removeprefix("https://doi.org/").lower()
    arxiv = arxiv_id(fields)
    title_key = normalise_title(_clean(str(fields["title"])))
    for paper in db.papers:
        if doi and paper.doi and paper.doi.lower() == doi:
            raise ImportError_(f"doi: {doi} is already in the database, in {paper.path}")
        if arxiv and paper.arxiv == arxiv:
            raise ImportError_(f"arxiv: {arxiv} is already in the database, in {paper.path}")
        if normalise_title(paper.title) == title_key:
            raise ImportError_(f"title: the same title is already in the database, in {paper.path}")
    text = build_record(fields, venue, paper_id, (today or dt.date.today()).isoformat())
    try:
        write_atomically(path, text, overwrite=False)
    except FileExistsError:
        raise ImportError_(f"{path} already exists: choose another id by renaming the new file, never overwrite") from None
    return ImportedPaper(paper_id, path, text)
