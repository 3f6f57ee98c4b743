"""The Pagefind search index, built while MkDocs renders the pages.

Each indexed page goes to Pagefind's indexing service (`pagefind --service`, its own process) as
soon as MkDocs has rendered it, so indexing runs on the other core while Python renders the next
pages, and the build only waits for what is left at the end. The service parses pages as the
`pagefind` command does, from the same HTML, and writes the same bundle.

The service speaks base64-encoded JSON messages, each ended by a comma, on its standard input and
output. The `pagefind` package's own asyncio client waits 0.1 s before reading each reply, which
for ~800 pages would cost over a minute, so this module talks to the binary directly, with one
thread writing requests and one reading replies.

The bundle is asked for in memory (GetFiles) and written here: the service's own WriteFiles answers
before its file writes have landed, and the service exits as soon as its input closes, so files
written that way could be cut short.
"""
from __future__ import annotations

import base64
import itertools
import json
import queue
import subprocess
import tempfile
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from pagefind.service import get_executable

# Pages whose content is indexed (they carry data-pagefind-body); listing pages are not read at
# all, and author pages index only the person's name, at a lower weight than papers.
INDEXED_SECTIONS = ("papers/", "datasets/", "data/", "leaderboards/", "authors/")


def is_indexed(dest_uri: str) -> bool:
    """Whether the built file at `dest_uri` (relative to the site directory) goes into the index."""
    return dest_uri.endswith(".html") and dest_uri.startswith(INDEXED_SECTIONS)


def page_url(dest_uri: str) -> str:
    """The address Pagefind's results link to: `papers/x/index.html` -> `/papers/x/`."""
    return "/" + dest_uri.removesuffix("index.html")


class SearchIndexError(RuntimeError):
    """Pagefind refused a page or could not build the index."""


def write_bundle(output_dir: Path, files: list[dict[str, str]]) -> None:
    """Write the bundle Pagefind returned (relative paths, base64 contents) under `output_dir`."""
    made: set[Path] = set()
    for file in files:
        relative = Path(file["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise SearchIndexError(f"Pagefind returned a file outside its bundle: {file['path']!r}")
        target = output_dir / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(base64.b64decode(file["content"]))
    if not (output_dir / "pagefind-entry.json").is_file():
        raise SearchIndexError(f"Pagefind's bundle has no pagefind-entry.json for {output_dir}")


class BackgroundIndex:
    """A Pagefind index fed page by page from the build thread, written once the last page is in."""

    def __init__(self, output_dir: str) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("Pagefind's binary was not found: install the package `pagefind[bin]`.")
        self._output_dir = output_dir
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._stderr)
        self._ids = itertools.count(1)
        self._replies: dict[int, Future] = {}
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._threads = [threading.Thread(target=self._write_requests, name="pagefind-in", daemon=True),
                         threading.Thread(target=self._read_replies, name="pagefind-out", daemon=True)]
        for thread in self._threads:
            thread.start()
        self._pages: list[tuple[str, Future]] = []
        # Once the last expected page is in, the index is written while MkDocs renders the pages left.
        self._expected: int | None = None
        self._written: Future | None = None
        self._index_id = self._send({"type": "NewIndex", "config": None}).result(timeout=60)["index_id"]

    def expect(self, pages: int) -> None:
        """How many pages the build will add: the index is written as soon as the last one is in."""
        self._expected = pages

    def add(self, dest_uri: str, html: str) -> None:
        """Hand one rendered page to the indexer; returns at once."""
        url = page_url(dest_uri)
        reply = self._send({"type": "AddFile", "index_id": self._index_id, "url": url,
                            "file_contents": html, "file_path": None})
        self._pages.append((url, reply))
        if len(self._pages) == self._expected:
            self._written = self._request_files()

    def _request_files(self) -> Future:
        return self._send({"type": "GetFiles", "index_id": self._index_id})

    def write(self) -> int:
        """Wait for every page and the index bundle (asked for now if not yet), write it, stop the service; returns
        the page count."""
        try:
            for url, reply in self._pages:
                self._result(reply, f"indexing {url}")
            if self._written is not None and len(self._pages) != self._expected:
                self._result(self._written, "building the index")  # pages came after the early request: ask again,
                self._written = None                               # never two builds at once
            if self._written is None:
                self._written = self._request_files()
            bundle = self._result(self._written, "building the index")["files"]
        finally:
            self.discard()
        write_bundle(Path(self._output_dir), bundle)
        return len(self._pages)

    def discard(self) -> None:
        """Stop the service (without writing anything if `write` was not called)."""
        self._outbox.put(None)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for thread in self._threads:
            thread.join()
        self._stderr.close()

    def _send(self, payload: dict[str, Any]) -> Future:
        message_id = next(self._ids)
        reply: Future = Future()
        self._replies[message_id] = reply
        self._outbox.put(base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b",")
        return reply

    def _result(self, reply: Future, doing: str) -> dict[str, Any]:
        try:
            return reply.result()
        except SearchIndexError as error:
            raise SearchIndexError(f"Pagefind failed {doing}: {error}") from None

    def _write_requests(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            while (message := self._outbox.get()) is not None:
                stdin.write(message)
                stdin.flush()
        except BrokenPipeError:
            pass  # the service died; _read_replies reports it
        finally:
            stdin.close()

    def _read_replies(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        pending = b""
        while chunk := stdout.read1(1 << 16):
            *messages, pending = (pending + chunk).split(b",")
            for message in messages:
                self._resolve(json.loads(base64.b64decode(message)))
        self._stderr.seek(0)
        detail = self._stderr.read().decode(errors="replace").strip() or f"exit status {self._process.wait()}"
        for reply in self._replies.values():
            if not reply.done():
                reply.set_exception(SearchIndexError(f"the service stopped ({detail})"))

    def _resolve(self, response: dict[str, Any]) -> None:
        payload = response["payload"]
        message_id = response.get("message_id")
        if message_id is None and payload.get("original_message"):
            message_id = json.loads(payload["original_message"]).get("message_id")
        reply = self._replies.get(message_id) if message_id is not None else None
        if reply is None:
            return
        if payload.get("type") == "Error":
            reply.set_exception(SearchIndexError(payload.get("message", "unknown error")))
        else:
            reply.set_result(payload)
