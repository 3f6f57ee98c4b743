"""Import: one BibTeX entry (IEEE Xplore, Google Scholar, MDPI, ACM DL, arXiv), or what Crossref or arXiv says about a
DOI or arXiv id, to a new paper YAML file. Both feed one record builder (NewRecord -> build_record)."""
from __future__ import annotations

import datetime as dt
import difflib
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware, NormalizeFieldKeys, SeparateCoAuthors, SplitNameParts

from .atomic import write_atomically
from .load import META_DIR, load_database, normalise_title
from .model import Database, Venue
from .remote import Work

STOP_WORDS = {"a", "an", "the", "on", "for", "of", "and", "in", "to", "with", "via", "based", "towards", "toward", "from", "by"}


class ImportError_(Exception):
    """The entry cannot be imported; the message says why and what to do."""


@dataclass
class ImportedPaper:
    id: str
    path: Path
    yaml_text: str
    notes: tuple[str, ...] = ()


@dataclass
class NewRecord:
    """The facts a new record starts from, read from a BibTeX entry or from a Crossref or arXiv record."""

    title: str
    authors: list[dict[str, str]]
    year: int
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    article_number: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    arxiv_class: str | None = None
    publisher_url: str | None = None
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())  # what the contributor should look at, printed after writing


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
    return venue_named(_clean(str(raw)), venues, "journal/booktitle")


def venue_named(name: str, venues: dict[str, Venue], label: str) -> Venue:
    """The known venue a journal or proceedings title names, else an error (at `label`) naming the closest ones."""
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
    raise ImportError_(f"{label}: expected a venue defined in papers/{META_DIR}/venues.yaml, found {name!r}{hint}. "
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


def record_from_bibtex(fields: dict[str, Any]) -> NewRecord:
    """The facts of a parsed BibTeX entry; title, author and year are required."""
    if not _clean(str(fields.get("title", ""))):
        raise ImportError_("title: expected the paper's title, found none")
    if not fields.get("author"):
        raise ImportError_("author: expected at least one author, found none")
    if not re.match(r"^\s*(19|20)\d\d", str(fields.get("year", ""))):
        raise ImportError_(f"year: expected a four-digit year, found {fields.get('year')!r}")
    article = fields.get("article-number") or fields.get("articleno") or fields.get("eid")
    url = _clean(str(fields.get("url", "")))
    return NewRecord(
        title=_clean(str(fields["title"])), authors=_authors(fields), year=int(str(fields["year"]).strip()[:4]),
        volume=_clean(str(fields["volume"])) if fields.get("volume") else None,
        number=_clean(str(fields["number"])) if fields.get("number") else None,
        pages=_clean(str(fields.get("pages", ""))).replace("--", "-").replace("–", "-").replace(" ", "") or None,
        article_number=_clean(str(article)) if article else None,
        doi=_clean(str(fields.get("doi", ""))).removeprefix("https://doi.org/") or None,
        arxiv=arxiv_id(fields),
        arxiv_class=_clean(str(fields["primaryclass"])) if fields.get("primaryclass") else None,
        publisher_url=url if url.startswith("https://") and "doi.org" not in url and "arxiv.org" not in url else None)


def record_from_work(work: Work, preprint: Work | None = None) -> NewRecord:
    """The facts Crossref or arXiv gives (`work`), with the arXiv id and class of `preprint` when the work is its
    published version. The API record URLs become the first sources."""
    if not work.authors:
        raise ImportError_(f"author: expected at least one author in the {work.service} record, found none")
    if not work.year:
        raise ImportError_(f"year: expected a year in the {work.service} record, found none")
    arxiv = preprint or (work if work.source == "arxiv" else None)
    pages, article = work.pages, work.article_number
    if pages and article and pages == article:
        pages = None  # MDPI and others give the article number as the page
    landing = work.landing or ""
    notes = []
    if work.source == "arxiv" and work.journal_ref:
        notes.append(f"arXiv gives the journal reference {work.journal_ref!r}: record the published version "
                     f"(import its DOI instead) if you can confirm it")
    if work.source == "arxiv":
        notes.append("arXiv gives full names only: check where each given name ends and the family name begins")
    sources = tuple(dict.fromkeys(w.record_url for w in (work, preprint) if w is not None))
    return NewRecord(
        title=work.title, authors=[{"given": g, "family": f} for g, f in work.authors], year=work.year,
        volume=work.volume, number=work.number, pages=pages, article_number=article,
        doi=work.doi if work.source == "crossref" else None, arxiv=arxiv.arxiv if arxiv else None,
        arxiv_class=arxiv.arxiv_class if arxiv else None,
        publisher_url=landing if landing.startswith("https://") and "doi.org" not in landing and "arxiv.org" not in landing
        else None, sources=sources, notes=tuple(notes))


def build_record(record: NewRecord, venue: Venue, paper_id: str, added: str) -> str:
    """YAML text of the new record; category (and, without API records, sources) are left for the contributor
    (validation names them)."""
    lines = ["# yaml-language-server: $schema=_meta/paper.schema.json", f"id: {paper_id}", f"title: {_quote(record.title)}",
             "authors:"]
    for author in record.authors:
        lines += [f"  - given: {_quote(author['given'])}", f"    family: {_quote(author['family'])}"]
    lines += [f"year: {record.year}", f"venue: {_quote(venue.short)}",
              "category: TODO  # one of the slugs in papers/_meta/categories.yaml"]
    for key in ("volume", "number", "pages", "article_number", "doi", "arxiv"):
        if getattr(record, key):
            lines.append(f"{key}: {_quote(getattr(record, key))}")
    if record.arxiv and record.arxiv_class:
        lines.append(f"arxiv_class: {_quote(record.arxiv_class)}")
    if record.publisher_url:
        lines += ["links:", f"  publisher: {_quote(record.publisher_url)}"]
    lines.append(f"added: {added}")
    if record.sources:
        lines.append("sources:  # the API records read by `rsitr import`; add the pages where you verified every fact")
        lines += [f"  - {_quote(url)}" for url in record.sources]
    else:
        lines.append("sources: []  # add the URLs where you verified every fact above")
    return "\n".join(lines) + "\n"


def arxiv_id(fields: dict[str, Any]) -> str | None:
    eprint = _clean(str(fields.get("eprint", "")))
    if eprint and ("arxiv" in str(fields.get("archiveprefix", "")).lower() or re.match(r"^\d{4}\.\d{4,5}", eprint)):
        return re.sub(r"v\d+$", "", eprint)
    match = re.search(r"arXiv[:\s]*(\d{4}\.\d{4,5})", str(fields.get("journal", "")) + " " + str(fields.get("note", "")), re.I)
    return match.group(1) if match else None


def already_listed(db: Database, doi: str | None = None, arxiv: str | None = None, title: str | None = None) -> str | None:
    """'<field>: ... is already in the database, in <file>' when a record (or one of its versions) has this DOI,
    arXiv id or title; else None."""
    doi = (doi or "").lower()
    title_key = normalise_title(title) if title else None
    for paper in db.papers:
        dois = {d.lower() for d in [paper.doi, *(v.doi for v in paper.versions)] if d}
        arxivs = {re.sub(r"v\d+$", "", a) for a in [paper.arxiv, *(v.arxiv for v in paper.versions)] if a}
        titles = {normalise_title(t) for t in [paper.title, *(v.title for v in paper.versions)]}
        if doi and doi in dois:
            return f"doi: {doi} is already in the database, in {paper.path}"
        if arxiv and arxiv in arxivs:
            return f"arxiv: {arxiv} is already in the database, in {paper.path}"
        if title_key and title_key in titles:
            return f"title: the same title is already in the database, in {paper.path}"
    return None


def write_new_record(record: NewRecord, venue_of: Callable[[dict[str, Venue]], Venue], papers_dir: Path,
                     today: dt.date | None = None) -> ImportedPaper:
    """Write papers/<id>.yaml for `record`: never over an existing file, never for a paper already listed."""
    paper_id = derive_id(record.authors[0]["family"], record.year, record.title)
    path = papers_dir / f"{paper_id}.yaml"
    if path.exists():
        raise ImportError_(f"{path} already exists: choose another id by renaming the new file, never overwrite")
    db = load_database(papers_dir)
    venue = venue_of(db.venues)
    duplicate = already_listed(db, record.doi, record.arxiv, record.title)
    if duplicate:
        raise ImportError_(duplicate)
    text = build_record(record, venue, paper_id, (today or dt.date.today()).isoformat())
    try:
        write_atomically(path, text, overwrite=False)
    except FileExistsError:
        raise ImportError_(f"{path} already exists: choose another id by renaming the new file, never overwrite") from None
    return ImportedPaper(paper_id, path, text, record.notes)


def import_entry(bibtex: str, papers_dir: Path, today: dt.date | None = None) -> ImportedPaper:
    """Write papers/<id>.yaml from a BibTeX entry; refuse duplicates and unknown venues."""
    fields = parse_entry(bibtex)
    return write_new_record(record_from_bibtex(fields), lambda venues: find_venue(fields, venues), papers_dir, today)


def work_venue(work: Work, venues: dict[str, Venue]) -> Venue:
    """The known venue of a Crossref work (its container title) or of an arXiv preprint."""
    if work.source == "arxiv":
        if "arXiv" not in venues:
            raise ImportError_(f"venue: expected the venue 'arXiv' in papers/{META_DIR}/venues.yaml, found none")
        return venues["arXiv"]
    if not work.venue_name:
        raise ImportError_(f"container-title: expected the journal or proceedings of {work.doi} in the Crossref record, "
                           f"found none (type {work.kind or 'unknown'})")
    return venue_named(work.venue_name, venues, "container-title")


def import_work(work: Work, papers_dir: Path, preprint: Work | None = None, today: dt.date | None = None) -> ImportedPaper:
    """Write papers/<id>.yaml from a Crossref or arXiv record; the same rules as a BibTeX import."""
    return write_new_record(record_from_work(work, preprint), lambda venues: work_venue(work, venues), papers_dir, today)
