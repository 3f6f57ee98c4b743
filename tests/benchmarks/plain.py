"""The plain-MkDocs baseline: our generated pages written out as Markdown files for a build without hooks.

Our renderers build pages as HTML; the baseline gives MkDocs the same pages as Markdown sources, as a
hand-written site would: headings as Markdown headings (with their ids and attributes through attr_list,
so the table of contents is built by Python-Markdown), the blocks between them as raw HTML, and every
page converted by Python-Markdown with the site's extensions.
"""
from __future__ import annotations

import json
import re

from rsitr.markdown import text
from rsitr.prerender import Prerendered

_HEADING = re.compile(r'<h([1-6])([^>]*) id="([^"]+)">.*?<a class="headerlink" href="#[^"]+" title="Permanent link">'
                      r'&para;</a></h\1>', re.S)


def _attr_list(anchor: str, attrs: str, label: str) -> str:
    extra = attrs.strip() + (f' data-toc-label="{label}"' if label else "")
    return f"{{ #{anchor}{' ' + extra if extra else ''} }}"


def _open_divs_take_markdown(block: str) -> str:
    """A block that opens a <div> closed after a later heading: md_in_html must read the div's inside as Markdown."""
    if block.count("<div") > block.count("</div>"):
        return block.replace("<div", "<div markdown", 1)
    return block


def markdown_source(page: Prerendered) -> str:
    """The page as a Markdown file: its front matter, headings in Markdown and the rest as raw HTML blocks."""
    front = "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in page.meta.items()) + "---\n\n"
    titles = iter(page.headings)
    out, position = [], 0
    for match in _HEADING.finditer(page.html):
        level, anchor, title, label = next(titles)
        out.append(_open_divs_take_markdown(page.html[position:match.start()].strip()))
        out.append(f"{'#' * level} {text(title)} {_attr_list(anchor, match.group(2), label)}")
        position = match.end()
    out.append(page.html[position:].strip())
    return (front if page.meta else "") + "\n\n".join(block for block in out if block) + "\n"
