"""Talking to Crossref and arXiv politely: a descriptive User-Agent with a contact address, a pause between requests
to the same host, Retry-After honoured, an on-disk cache, and every failure told in one 'expected ..., found ...' line.

The contact address comes from the environment variable RSITR_CONTACT (Crossref asks API users to give one).
"""
from __future__ import annotations

import email.utils
import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from .atomic import write_atomically
from .remote import (
    RemoteFormatError, Work, arxiv_ids_url, arxiv_search_url, crossref_search_url, crossref_work_url, parse_arxiv_feed,
    parse_crossref_list, parse_crossref_work,
)

CONTACT_ENV = "RSITR_CONTACT"
PROJECT_URL = "https://github.com/awesome-rsitr/awesome-rsitr"
MAX_BYTES = 8 * 1024 * 1024
# Seconds between two requests to one host: arXiv asks for one request every three seconds; Crossref allows more,
# but one a second keeps a full check under a few minutes and far inside its limits.
INTERVALS = {"export.arxiv.org": 3.0, "api.crossref.org": 1.0}
_CONTACT = re.compile(r"^[^@\s<>()]+@[^@\s<>()]+\.[A-Za-z]{2,}$")
_REASONS = {404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout"}


class FetchError(Exception):
    """A request failed; `str()` is 'expected ..., found ...' and `status` the HTTP status, if there was one."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def contact_from(environ: Mapping[str, str]) -> str:
    """The contact address from RSITR_CONTACT, or FetchError saying how to set it."""
    contact = environ.get(CONTACT_ENV, "").strip()
    if not _CONTACT.match(contact):
        found = f"{contact!r}" if contact else "it unset"
        raise FetchError(f"expected {CONTACT_ENV} to hold your e-mail address, which Crossref and arXiv ask API users "
                         f"to give in the User-Agent (for example: export {CONTACT_ENV}=you@example.org), found {found}")
    return contact


def user_agent(contact: str) -> str:
    """'awesome-rsitr/<version> (<project URL>; mailto:<contact>)', the form Crossref documents."""
    try:
        from importlib.metadata import version
        ours = version("awesome-rsitr")
    except Exception:  # not installed: running from a checkout
        ours = "dev"
    return f"awesome-rsitr/{ours} ({PROJECT_URL}; mailto:{contact}) httpx/{httpx.__version__}"


def default_cache_dir(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rsitr" / "remote"


@dataclass
class Cache:
    """JSON answers by key, one file each, younger than `max_age` seconds; None as directory turns caching off."""

    directory: Path | None
    max_age: float = 24 * 3600
    clock: Callable[[], float] = time.time

    def _path(self, key: str) -> Path | None:
        if self.directory is None:
            return None
        return self.directory / (hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + ".json")

    def get(self, key: str) -> Any | None:
        path = self._path(key)
        if path is None or not path.is_file() or path.is_symlink():
            return None
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(stored, dict) or stored.get("key") != key or self.clock() - float(stored.get("time", 0)) > self.max_age:
            return None
        return stored.get("data")

    def put(self, key: str, data: Any) -> None:
        path = self._path(key)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps({"key": key, "time": self.clock(), "data": data}, ensure_ascii=False))


@dataclass
class Client:
    """GET requests with the project's User-Agent, a pause per host, one retry after a short Retry-After."""

    contact: str
    timeout: float = 20.0
    max_retry_wait: float = 60.0
    intervals: dict[str, float] = field(default_factory=lambda: dict(INTERVALS))
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    transport: httpx.BaseTransport | None = None
    _last: dict[str, float] = field(default_factory=dict)
    _http: httpx.Client | None = None

    def _client(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(timeout=self.timeout, follow_redirects=True, transport=self.transport,
                                      headers={"User-Agent": user_agent(self.contact), "Accept-Encoding": "gzip"})
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def _pause(self, host: str) -> None:
        wait = self.intervals.get(host, 1.0) - (self.clock() - self._last.get(host, float("-inf")))
        if wait > 0:
            self.sleep(wait)
        self._last[host] = self.clock()

    def get(self, url: str) -> bytes:
        """The body of a 200 answer, or FetchError."""
        host = urlsplit(url).hostname or url
        for attempt in (1, 2):
            self._pause(host)
            try:
                with self._client().stream("GET", url) as response:
                    status = response.status_code
                    if status == 200:
                        return _read_limited(response, host)
                    retry_after = retry_after_seconds(response.headers.get("Retry-After"), time.time())
            except httpx.TimeoutException:
                raise FetchError(f"expected an answer from {host} within {self.timeout:g} s, found a timeout; "
                                 f"try again later") from None
            except (httpx.ConnectError, httpx.NetworkError) as error:
                raise FetchError(f"expected a connection to {host}, found none ({_reason(error)}); "
                                 f"check the network and try again") from None
            except httpx.HTTPError as error:
                raise FetchError(f"expected an answer from {host}, found {type(error).__name__}: {_reason(error)}") from None
            if status == 429 and attempt == 1 and retry_after is not None and retry_after <= self.max_retry_wait:
                self.sleep(retry_after)
                self._last[host] = self.clock()
                continue
            found = f"HTTP {status} {_REASONS.get(status, '')}".strip()
            if status == 429 and retry_after is not None:
                found += f" (Retry-After: {retry_after:g} s); try again later"
            elif status == 429 or status >= 500:
                found += "; try again later"
            raise FetchError(f"expected an answer from {host}, found {found}", status)
        raise AssertionError("unreachable")  # pragma: no cover


def _read_limited(response: httpx.Response, host: str) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_BYTES:
            raise FetchError(f"expected an answer from {host} of at most {MAX_BYTES // (1024 * 1024)} MB, found more")
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:160]


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


CACHE_FORMAT = "v1"  # bump when Work changes, so old cache entries are not read
ARXIV_BATCH = 20


def crossref_work_of(client: Client, doi: str, cache: Cache | None = None) -> Work | str:
    """Crossref's record of `doi`, or the reason it has none (HTTP 404); other failures raise FetchError."""
    key = f"{CACHE_FORMAT}:crossref:{doi.lower()}"
    stored = cache.get(key) if cache else None
    if stored is not None:
        return Work.from_json(stored) if isinstance(stored, dict) else str(stored)
    url = crossref_work_url(doi)
    try:
        result: Work | str = parse_crossref_work(client.get(url), url)
    except FetchError as error:
        if error.status != 404:
            raise
        result = "HTTP 404 Not Found"
    except RemoteFormatError as error:
        raise FetchError(f"{url}: {error}") from None
    if cache:
        cache.put(key, result.to_json() if isinstance(result, Work) else result)
    return result


def arxiv_works_of(client: Client, ids: list[str], cache: Cache | None = None) -> dict[str, Work | str]:
    """arXiv's record of each id (latest version), or the reason it has none; requests in batches of ARXIV_BATCH."""
    found: dict[str, Work | str] = {}
    missing = []
    for arxiv_id in dict.fromkeys(ids):
        stored = cache.get(f"{CACHE_FORMAT}:arxiv:{arxiv_id}") if cache else None
        if stored is None:
            missing.append(arxiv_id)
        else:
            found[arxiv_id] = Work.from_json(stored) if isinstance(stored, dict) else str(stored)
    for start in range(0, len(missing), ARXIV_BATCH):
        batch = missing[start:start + ARXIV_BATCH]
        url = arxiv_ids_url(batch)
        try:
            entries = parse_arxiv_feed(client.get(url))
        except RemoteFormatError as error:
            raise FetchError(f"{url}: {error}") from None
        answers: dict[str, Work | str] = {}
        for entry in entries:
            if isinstance(entry, Work):
                answers[entry.arxiv or ""] = entry
            else:
                answers[entry[0]] = entry[1]
        for arxiv_id in batch:
            result = answers.get(arxiv_id, "not in arXiv's answer")
            if isinstance(result, str) and len(batch) == 1 and len(answers) == 1:
                result = next(iter(answers.values()))  # an error entry names the id in its own words
            found[arxiv_id] = result
            if cache:
                cache.put(f"{CACHE_FORMAT}:arxiv:{arxiv_id}", result.to_json() if isinstance(result, Work) else result)
    return found


def arxiv_search(client: Client, query: str, max_results: int, page: int = 100) -> list[Work]:
    """Every paper an arXiv search query finds, newest first, up to `max_results` (pages of `page`)."""
    works: list[Work] = []
    for start in range(0, max_results, page):
        url = arxiv_search_url(query, start, min(page, max_results - start))
        try:
            entries = parse_arxiv_feed(client.get(url))
        except RemoteFormatError as error:
            raise FetchError(f"{url}: {error}") from None
        errors = [entry for entry in entries if not isinstance(entry, Work)]
        if errors and not any(isinstance(entry, Work) for entry in entries):
            raise FetchError(f"expected search results from export.arxiv.org, found an error entry: {errors[0][1]}")
        works += [entry for entry in entries if isinstance(entry, Work)]
        if len(entries) < min(page, max_results - start):
            break
    return works


def crossref_search(client: Client, query: str, filters: list[str], rows: int) -> list[Work]:
    """The works a Crossref query with filters finds, newest first, at most `rows`."""
    url = crossref_search_url(query, filters, rows)
    try:
        return parse_crossref_list(client.get(url), url)
    except RemoteFormatError as error:
        raise FetchError(f"{url}: {error}") from None
