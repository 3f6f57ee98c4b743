"""Crossref and arXiv metadata: identifiers, request URLs and the parsing of the services' answers (pure, no I/O).

Crossref REST API: https://api.crossref.org/works/<doi> answers {"status": "ok", "message-type": "work", "message": {...}}
(https://github.com/CrossRef/rest-api-doc). arXiv API: https://export.arxiv.org/api/query?id_list=<ids> answers an Atom
feed with one <entry> per paper (https://info.arxiv.org/help/api/user-manual.html). The fetching lives in fetch.py.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urlencode

CROSSREF_API = "https://api.crossref.org/works"
ARXIV_API = "https://export.arxiv.org/api/query"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV_NS = "{http://arxiv.org/schemas/atom}"

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5})(?:v(\d+))?$")
_DOI_URL = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/(10\..+)$", re.I)
_ARXIV_URL = re.compile(r"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5}(?:v\d+)?)(?:\.pdf)?/?$",
                        re.I)
# Family-name particles kept with the family name when arXiv gives only a full name.
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "del", "della", "dos", "du", "le", "la", "al", "el", "bin", "ibn"}


class RemoteFormatError(Exception):
    """A service answered something that is not in its documented format; the message says what."""


@dataclass(frozen=True)
class Identifier:
    """A DOI or an arXiv id (without version), as `rsitr import` accepts them."""

    kind: str  # doi | arxiv
    value: str
    version: int | None = None

    def __str__(self) -> str:
        return self.value if self.kind == "doi" else f"arXiv:{self.value}"


def parse_identifier(text: str) -> Identifier | None:
    """A DOI, doi.org URL, arXiv id (with or without version or 'arXiv:') or arxiv.org URL; None for anything else."""
    text = text.strip()
    found = _DOI_URL.match(text)
    if found:
        text = unquote(found.group(1))
    elif text.lower().startswith("doi:"):
        text = text[4:].strip()
    if DOI.match(text):
        return Identifier("doi", text.rstrip("."))
    found = _ARXIV_URL.match(text)
    if found:
        text = found.group(1)
    elif text.lower().startswith("arxiv:"):
        text = text[6:].strip()
    found = ARXIV_ID.match(text)
    if found:
        return Identifier("arxiv", found.group(1), int(found.group(2)) if found.group(2) else None)
    return None


def crossref_work_url(doi: str) -> str:
    return f"{CROSSREF_API}/{quote(doi, safe='/')}"


def arxiv_record_url(arxiv_id: str) -> str:
    """The API URL of one arXiv record, as kept in `sources`."""
    return f"{ARXIV_API}?id_list={arxiv_id}"


def arxiv_ids_url(ids: list[str]) -> str:
    return f"{ARXIV_API}?{urlencode({'id_list': ','.join(ids), 'max_results': len(ids)})}"


def arxiv_search_url(query: str, start: int, max_results: int) -> str:
    return f"{ARXIV_API}?" + urlencode({"search_query": query, "start": start, "max_results": max_results,
                                        "sortBy": "submittedDate", "sortOrder": "descending"})


def crossref_search_url(query: str, filters: list[str], rows: int) -> str:
    return f"{CROSSREF_API}?" + urlencode({"query.bibliographic": query, "filter": ",".join(filters), "rows": rows,
                                           "sort": "published", "order": "desc"})


@dataclass(frozen=True)
class Work:
    """What a service says about one paper, in the database's terms."""

    source: str  # crossref | arxiv
    record_url: str  # the API URL of this record, kept in `sources`
    title: str
    authors: tuple[tuple[str, str], ...]  # (given, family)
    year: int | None
    venue_name: str | None  # Crossref's container title; 'arXiv' for arXiv
    kind: str = ""  # Crossref's type (journal-article, proceedings-article, posted-content, ...) or 'preprint'
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    article_number: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    arxiv_version: int | None = None
    arxiv_class: str | None = None
    published: str | None = None  # arXiv: date of v1
    updated: str | None = None  # arXiv: date of the latest version
    journal_ref: str | None = None
    preprint_of: tuple[str, ...] = ()  # Crossref relation is-preprint-of (DOIs)
    landing: str | None = None  # the publisher's landing page
    abstract: str = ""
    dates: dict[str, int] = field(default_factory=dict)  # Crossref year by kind: print, online, issued

    @property
    def service(self) -> str:
        return "Crossref" if self.source == "crossref" else "arXiv"

    def to_json(self) -> dict[str, Any]:
        """The work as JSON data (for the on-disk cache)."""
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["authors"] = [list(a) for a in self.authors]
        data["preprint_of"] = list(self.preprint_of)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Work:
        data = dict(data)
        data["authors"] = tuple(tuple(a) for a in data["authors"])
        data["preprint_of"] = tuple(data["preprint_of"])
        return cls(**data)


def clean_text(value: Any) -> str:
    """Text without markup (Crossref titles may hold <i>, <sub>, MathML), entities decoded, NFC, single spaces."""
    text = re.sub(r"<[^>]{0,200}>", "", str(value or ""))
    return " ".join(unicodedata.normalize("NFC", html.unescape(text)).split())


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    text = clean_text(value) if value is not None else ""
    return text or None


def _year_of(date: Any) -> int | None:
    try:
        year = date["date-parts"][0][0]
    except (KeyError, IndexError, TypeError):
        return None
    return year if isinstance(year, int) else None


def crossref_work(message: dict[str, Any], record_url: str) -> Work:
    """A Crossref `message` of message-type work as a Work. The year is the print year where there is one
    (a journal volume's year), else the year Crossref calls issued."""
    title = _first(message.get("title"))
    if not title:
        raise RemoteFormatError("expected a work with a title, found none")
    authors = []
    for person in message.get("author") or []:
        if not isinstance(person, dict):
            continue
        family = clean_text(person.get("family") or person.get("name") or "")
        if family:
            authors.append((clean_text(person.get("given") or ""), family))
    dates = {kind: year for kind, key in (("print", "published-print"), ("online", "published-online"),
                                          ("issued", "issued")) if (year := _year_of(message.get(key)))}
    relation = message.get("relation") if isinstance(message.get("relation"), dict) else {}
    preprint_of = tuple(str(r.get("id")) for r in relation.get("is-preprint-of") or []
                        if isinstance(r, dict) and r.get("id-type") == "doi" and r.get("id"))
    landing = (message.get("resource") or {}).get("primary", {}).get("URL") if isinstance(message.get("resource"), dict) else None
    return Work(
        source="crossref", record_url=record_url, title=title, authors=tuple(authors),
        year=dates.get("print") or dates.get("issued") or dates.get("online"),
        venue_name=_first(message.get("container-title")), kind=str(message.get("type") or ""),
        volume=_first(message.get("volume")), number=_first(message.get("issue")),
        pages=(_first(message.get("page")) or "").replace("–", "-").replace(" ", "") or None,
        article_number=_first(message.get("article-number")), doi=_first(message.get("DOI")),
        preprint_of=preprint_of, landing=landing if isinstance(landing, str) else None,
        abstract=clean_text(message.get("abstract")), dates=dates)


def parse_crossref_work(raw: bytes, record_url: str) -> Work:
    """The answer of /works/<doi>."""
    return crossref_work(_crossref_message(raw, "work"), record_url)


def parse_crossref_list(raw: bytes, record_url: str) -> list[Work]:
    """The answer of /works?query...: every item that has a title."""
    message = _crossref_message(raw, "work-list")
    works = []
    for item in message.get("items") or []:
        if isinstance(item, dict) and _first(item.get("title")) and item.get("DOI"):
            works.append(crossref_work(item, crossref_work_url(str(item["DOI"]))))
    return works


def _crossref_message(raw: bytes, message_type: str) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RemoteFormatError("expected Crossref JSON, found text that does not parse as JSON") from None
    if not isinstance(data, dict) or data.get("status") != "ok" or data.get("message-type") != message_type \
            or not isinstance(data.get("message"), dict):
        found = data.get("message-type") if isinstance(data, dict) else type(data).__name__
        raise RemoteFormatError(f'expected a Crossref answer with status "ok" and message-type "{message_type}", found {found!r}')
    return data["message"]


def split_name(full: str) -> tuple[str, str]:
    """(given, family) of a full name as arXiv gives it: the last word, with particles before it, is the family name."""
    words = clean_text(full).split()
    if len(words) < 2:
        return "", " ".join(words)
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def parse_arxiv_feed(raw: bytes) -> list[Work | tuple[str, str]]:
    """Every <entry> of an arXiv Atom feed: a Work, or (id, message) for an error or an id arXiv does not know."""
    if b"<!DOCTYPE" in raw[:2048].upper() or b"<!ENTITY" in raw.upper():
        raise RemoteFormatError("expected an arXiv Atom feed, found a document type declaration (refused)")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        raise RemoteFormatError(f"expected an arXiv Atom feed, found XML that does not parse ({error})") from None
    if root.tag != f"{ATOM}feed":
        raise RemoteFormatError(f"expected an arXiv Atom feed, found a <{root.tag.split('}')[-1]}> document")
    return [_arxiv_entry(entry) for entry in root.findall(f"{ATOM}entry")]


def _text(entry: ET.Element, tag: str) -> str:
    found = entry.find(tag)
    return clean_text(found.text) if found is not None and found.text else ""


def _arxiv_entry(entry: ET.Element) -> Work | tuple[str, str]:
    entry_id = _text(entry, f"{ATOM}id")
    if "/api/errors" in entry_id:
        return entry_id.rsplit("#", 1)[-1], _text(entry, f"{ATOM}summary") or "an error entry"
    found = re.search(r"arxiv\.org/abs/(\d{4}\.\d{4,5})(?:v(\d+))?$", entry_id)
    title = _text(entry, f"{ATOM}title")
    if not found:
        return entry_id or "?", f"an entry whose id is not an arXiv abstract URL ({entry_id!r})"
    if not title:
        return found.group(1), "no such paper (an empty entry)"
    primary = entry.find(f"{ARXIV_NS}primary_category")
    published, updated = _text(entry, f"{ATOM}published"), _text(entry, f"{ATOM}updated")
    arxiv_id = found.group(1)
    return Work(
        source="arxiv", record_url=arxiv_record_url(arxiv_id), title=title,
        authors=tuple(split_name(_text(a, f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")),
        year=int(published[:4]) if published[:4].isdigit() else None, venue_name="arXiv", kind="preprint",
        doi=_text(entry, f"{ARXIV_NS}doi") or None, arxiv=arxiv_id,
        arxiv_version=int(found.group(2)) if found.group(2) else None,
        arxiv_class=primary.get("term") if primary is not None else None,
        published=published[:10] or None, updated=updated[:10] or None,
        journal_ref=_text(entry, f"{ARXIV_NS}journal_ref") or None, abstract=_text(entry, f"{ATOM}summary"))
