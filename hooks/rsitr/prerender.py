"""Pages built as HTML by our renderers: MkDocs gets their content and table of contents directly, so
Python-Markdown, which would only parse back what the renderer already knew, is skipped for them."""
from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import unique as toc_unique
from markupsafe import Markup


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
        values = {**self.meta, "rsitr_prerendered": hashlib.sha1(self.html.encode()).hexdigest()}
        return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items()) + "---\n"

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


def heading_id(text: str, taken: set[str]) -> str:
    """The id Python-Markdown's toc extension gives a heading (its own slugify and de-duplication)."""
    return toc_unique(toc_slugify(text, "-"), taken)


def heading(level: int, text: str, anchor: str, attrs: Markup = Markup("")) -> Markup:
    """A heading with Material's permalink, as the toc extension writes it."""
    return Markup('<h{level}{attrs} id="{id}">{text}<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'
                  '</h{level}>').format(level=level, attrs=attrs, id=anchor, text=text)
