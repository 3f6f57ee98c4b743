"""Small, pure helpers: escaping data for Markdown (tag pages) and HTML attributes, relative links between pages."""
from __future__ import annotations

import html
import posixpath

# Characters with a meaning in Markdown, its extensions (tables, attr_list) or Jinja-like syntax.
_MARKDOWN_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]#+!|~^<>&"} | {"\n": " "})


def text(value: str) -> str:
    """Escape data so Markdown renders it literally (in paragraphs, lists, tables and link text)."""
    return value.translate(_MARKDOWN_SPECIAL)


def attr(value: str) -> str:
    """Escape data for an HTML attribute value."""
    return html.escape(value, quote=True)


def site_dir(source: str) -> str:
    """URL directory of a Markdown source under directory URLs: papers/x.md -> papers/x, index.md -> ''."""
    stem = source[: -len(".md")]
    if stem == "index":
        return ""
    return stem[: -len("/index")] if stem.endswith("/index") else stem


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for two site-relative paths, without its abspath (a getcwd call) per link."""
    if ".." in target or ".." in start:
        return posixpath.relpath(target, start)
    to = [part for part in target.split("/") if part not in ("", ".")]
    here = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def page_url(page: str, target: str) -> str:
    """Relative URL from the page built from `page` to the page (.md) or file built from `target`, for raw HTML."""
    if target.endswith(".md"):
        return _relpath(site_dir(target), site_dir(page)) + "/"
    return _relpath(target, site_dir(page))


def sentence(note: str) -> str:
    """A note as a sentence: capital first letter, closing full stop."""
    note = note.strip()
    if not note:
        return note
    note = note[0].upper() + note[1:]
    return note if note[-1] in ".!?)\"'" else note + "."
