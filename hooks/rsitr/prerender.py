"""Pages built as HTML by our renderers: MkDocs gets their content and table of contents directly, so
Python-Markdown, which would only parse back what the renderer already knew, is skipped for them."""
from __future__ import annotations

import hashlib
import html
import json
import re
import zlib
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import unique as toc_unique
from markupsafe import Markup, escape

from .markdown import page_url


@dataclass(frozen=True)
class Prerendered:
    """A page's HTML body, its headings for the table of contents, and its front matter."""

    html: str
    title: str
    headings: tuple[tuple[int, str, str, str], ...] = ()  # (level, id, text, label in the table of contents)
    meta: dict = field(default_factory=dict)

    def stub(self) -> str:
        """The page's source file for MkDocs: front matter only (meta, and a hash of the HTML so a changed
        page is a changed file for previews). The title comes from the first heading, as for Markdown pages."""
        return _stub(self.meta, hashlib.sha1(self.html.encode()).hexdigest())

    def packed(self) -> PackedPage:
        """This page with its HTML compressed; what MkDocs needs before the HTML (title, table of contents,
        anchors, front matter) is worked out now."""
        data = self.html.encode()
        return PackedPage(zlib.compress(data, 1), self.title, self.toc_tokens(), frozenset(self.anchors),
                          _stub(self.meta, hashlib.sha1(data).hexdigest()))

    def toc_tokens(self) -> list[dict]:
        """The headings nested as Python-Markdown's toc extension reports them (what MkDocs' get_toc reads)."""
        root: list[dict] = []
        stack: list[dict] = []
        for level, anchor, text, label in self.headings:
            name = html.escape(label or text, quote=False)  # as the toc extension writes names: quotes stay
            token = {"level": level, "id": anchor, "name": name, "html": html.escape(text, quote=False),
                     "data-toc-label": label, "children": []}
            while stack and stack[-1]["level"] >= level:
                stack.pop()
            (stack[-1]["children"] if stack else root).append(token)
            stack.append(token)
        return root

    @property
    def anchors(self) -> set[str]:
        return set(re.findall(r'\sid="([^"]+)"', self.html))


def _stub(meta: dict, html_hash: str) -> str:
    values = {**meta, "rsitr_prerendered": html_hash}
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items()) + "---\n"


@dataclass(frozen=True)
class PackedPage:
    """A pre-rendered page as the build keeps it: HTML compressed until MkDocs renders the page's template.

    MkDocs keeps every page's content until the build ends; holding pages compressed and handing each its
    HTML only while it is written keeps a large site's memory to a fraction of its HTML."""

    packed_html: bytes
    title: str
    toc: list[dict]
    anchors: frozenset[str]
    source: str  # the stub: front matter

    @property
    def html(self) -> str:
        return zlib.decompress(self.packed_html).decode()

    def stub(self) -> str:
        return self.source


def heading_id(text: str, taken: set[str]) -> str:
    """The id Python-Markdown's toc extension gives a heading (its own slugify and de-duplication)."""
    return toc_unique(toc_slugify(text, "-"), taken)


# These helpers run tens of thousands of times a build: they escape with MarkupSafe's escape() into
# f-strings, which gives the same text as Markup.format at a fraction of its cost.

def heading(level: int, text: str, anchor: str, attrs: Markup = Markup("")) -> Markup:
    """A heading with Material's permalink, as the toc extension writes it."""
    anchor_id = escape(anchor)
    return Markup(f'<h{int(level)}{escape(attrs)} id="{anchor_id}">{escape(text)}'
                  f'<a class="headerlink" href="#{anchor_id}" title="Permanent link">&para;</a></h{int(level)}>')


def anchor(label: str, href: str, **attrs: str) -> Markup:
    """<a href=...> with its label and attribute values escaped."""
    extra = "".join(f' {escape(name)}="{escape(value)}"' for name, value in attrs.items())
    return Markup(f'<a href="{escape(href)}"{extra}>{escape(label)}</a>')


def bullet_list(items: list[Markup]) -> Markup:
    return Markup("<ul>\n" + "\n".join(f"<li>{escape(item)}</li>" for item in items) + "\n</ul>")


def table(header: list, rows: list[list], right: set[int] = frozenset(), cls: str = "") -> Markup:
    """A table laid out as Python-Markdown's tables extension writes one; `right` are right-aligned columns."""
    def cell(tag: str, i: int, value: Markup | str) -> str:
        style = ' style="text-align: right;"' if i in right else ""
        return f"<{tag}{style}>{escape(value)}</{tag}>"

    head = "\n".join(cell("th", i, h) for i, h in enumerate(header))
    body = "\n".join("<tr>\n" + "\n".join(cell("td", i, v) for i, v in enumerate(row)) + "\n</tr>" for row in rows)
    opening = f'<table class="{escape(cls)}">' if cls else "<table>"
    return Markup(f"{opening}\n<thead>\n<tr>\n{head}\n</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>")


def paragraph(content: Markup | str) -> Markup:
    return Markup(f"<p>{escape(content)}</p>")


def details(summary: str, content: Markup, cls: str = "info") -> Markup:
    """A collapsed block as pymdownx.details writes `??? info "summary"`."""
    return Markup(f'<details class="{escape(cls)}">\n<summary>{escape(summary)}</summary>\n{escape(content)}\n</details>')


class HtmlPage:
    """Collects the body and the headings (for the table of contents) of one generated page."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[Markup] = []
        self.headings: list[tuple[int, str, str, str]] = []
        self.taken: set[str] = set()

    def url(self, target: str) -> str:
        """Relative URL from this page to the page or file built from `target`."""
        return page_url(self.source, target)

    def heading(self, level: int, title: str, anchor_id: str | None = None, label: str = "",
                content: Markup | None = None, attrs: Markup = Markup("")) -> None:
        """A heading; `content` replaces the escaped title inside it (e.g. a link), `label` names it in the TOC."""
        anchor_id = anchor_id or heading_id(title, self.taken)
        self.taken.add(anchor_id)
        self.headings.append((level, anchor_id, title, label))
        self.parts.append(heading(level, content if content is not None else title, anchor_id, attrs))

    def add(self, part: Markup) -> None:
        if part:
            self.parts.append(part)

    def done(self, title: str, meta: dict | None = None) -> Prerendered:
        return Prerendered(html=str(Markup("\n").join(self.parts)), title=title, headings=tuple(self.headings),
                           meta=meta or {})
