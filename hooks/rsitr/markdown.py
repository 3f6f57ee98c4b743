"""Small, pure helpers for writing Markdown that shows data literally."""
from __future__ import annotations

import html
import posixpath

# Characters with a meaning in Markdown, its extensions (tables, attr_list) or Jinja-like syntax.
_MARKDOWN_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]#+!|~^<>&"}
_MARKDOWN_SPECIAL["\n"] = " "


def text(value: str) -> str:
    """Escape data so Markdown renders it literally (in paragraphs, lists, tables and link text)."""
    return "".join(_MARKDOWN_SPECIAL.get(c, c) for c in value)


def attr(value: str) -> str:
    """Escape data for an HTML attribute value."""
    return html.escape(value, quote=True)


def link(label: str, target: str) -> str:
    """A Markdown link with a literal label; `target` is a URL or a relative .md path."""
    return f"[{text(label)}](<{target}>)"


def relative(from_page: str, to_path: str) -> str:
    """Relative link from the source file `from_page` (e.g. categories/x.md) to `to_path`."""
    return posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")


def table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    """A Markdown table; cells must already be escaped."""
    align = align or ["---"] * len(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
