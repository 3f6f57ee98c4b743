"""Compare two built sites page by page: what a reader sees and follows must be the same.

Run by hand:  python tests/benchmarks/compare_sites.py OLD_SITE NEW_SITE
For every HTML page outside pagefind/ it compares the article (text and markup, whitespace aside, entities
decoded), its links with their text, its ids, the <title>, the head's meta and alternate links, and the
table of contents; it prints the pages that differ and a summary, and exits 1 when any does.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class PageFacts:
    article: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    title: str = ""
    head: list[tuple] = field(default_factory=list)
    toc: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._in_title = self._in_article = False
        self._toc_depth = 0
        self._link: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "title":
            self._in_title = True
        if tag in ("meta", "link") and (values.get("name") or values.get("property")
                                        or values.get("rel") in ("alternate", "canonical")):
            self.facts.head.append((tag, tuple(sorted(values.items()))))
        if tag == "article":
            self._in_article = True
        if self._in_article:
            if "id" in values:
                self.facts.ids.append(values["id"])
            if tag == "a":
                self._link = [values.get("href", ""), ""]
            self.facts.article.append(f"<{tag} {sorted(values.items())}>")
        if tag == "nav" and ("md-nav--secondary" in values.get("class", "") or self._toc_depth):
            self._toc_depth += 1
        if self._toc_depth and tag == "a":
            self.facts.toc.append(values.get("href", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "article":
            self._in_article = False
        if self._in_article:
            if tag == "a" and self._link is not None:
                self.facts.links.append((self._link[0], " ".join(self._link[1].split())))
                self._link = None
            self.facts.article.append(f"</{tag}>")
        if self._toc_depth and tag == "nav":
            self._toc_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.facts.title += data
        if self._in_article:
            self.facts.article.append(data)
            if self._link is not None:
                self._link[1] += data


def page_facts(html: str) -> PageFacts:
    reader = _Reader()
    reader.feed(html)
    return reader.facts


def _article_text(facts: PageFacts) -> str:
    text = re.sub(r"\s+", " ", "".join(facts.article))
    return re.sub(r" ?(<|>) ?", r"\1", text)


def differences(old_html: str, new_html: str) -> list[str]:
    """What differs between two versions of one page (empty when a reader would see no difference)."""
    old, new = page_facts(old_html), page_facts(new_html)
    found = []
    a, b = _article_text(old), _article_text(new)
    if a != b:
        at = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        found.append(f"article text at {at}: {a[max(0, at - 60):at + 80]!r} -> {b[max(0, at - 60):at + 80]!r}")
    for name in ("links", "ids", "title", "head", "toc"):
        if getattr(old, name) != getattr(new, name):
            found.append(f"{name} differ")
    return found


def compare(old_site: Path, new_site: Path) -> tuple[int, int, dict[str, list[str]]]:
    """(pages, byte-identical pages, {page: differences}) over every HTML page of `old_site` outside pagefind/."""
    pages = sorted(p.relative_to(old_site) for p in old_site.rglob("*.html") if p.parts[len(old_site.parts)] != "pagefind")
    identical, differing = 0, {}
    for page in pages:
        old_bytes = (old_site / page).read_bytes()
        new_path = new_site / page
        if not new_path.is_file():
            differing[str(page)] = ["missing"]
            continue
        new_bytes = new_path.read_bytes()
        if old_bytes == new_bytes:
            identical += 1
        elif found := differences(old_bytes.decode("utf-8"), new_bytes.decode("utf-8")):
            differing[str(page)] = found
    return len(pages), identical, differing


def main() -> None:
    old_site, new_site = Path(sys.argv[1]), Path(sys.argv[2])
    total, identical, differing = compare(old_site, new_site)
    for page, found in differing.items():
        print(page)
        for line in found:
            print("   ", line)
    print(f"{total} pages: {identical} byte-identical, {total - identical - len(differing)} differing only in "
          f"whitespace or escaping, {len(differing)} differing in content")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
