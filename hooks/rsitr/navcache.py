"""The site navigation, rendered once per directory for the pages that are not in it.

Material renders the whole navigation into every page. For a page outside the navigation (paper,
author, venue, year, dataset, board and tag pages: most of the site) nothing in it is marked
active, and its links are relative to the page's directory, so every such page in one directory
gets the same HTML: it is rendered for the first and reused for the rest. Pages in the navigation
(whose own entry is highlighted) are rendered as usual.
"""
from __future__ import annotations

import posixpath

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, PrefixLoader
from markupsafe import Markup

# overrides/partials/nav.html includes Material's own partial under this prefix.
THEME_PREFIX = "theme"


def with_theme_alias(loader: BaseLoader, theme_dir: str) -> BaseLoader:
    """`loader`, plus the theme's own templates under `theme/` even where overrides shadow them."""
    return ChoiceLoader([loader, PrefixLoader({THEME_PREFIX: FileSystemLoader(theme_dir)})])


class NavCache:
    """Rendered navigation per page directory, for one build."""

    def __init__(self, pages_in_nav: set[str]) -> None:
        self._pages_in_nav = pages_in_nav
        self._rendered: dict[str, Markup] = {}

    def key(self, src_uri: str | None, url: str) -> str | None:
        """The directory whose outside-the-navigation pages share this page's navigation, or None."""
        if src_uri is None or src_uri in self._pages_in_nav:
            return None
        return posixpath.dirname(url.rstrip("/"))

    def get(self, key: str) -> Markup | None:
        return self._rendered.get(key)

    def remember(self, key: str, rendered: str) -> Markup:
        self._rendered[key] = Markup(rendered)
        return self._rendered[key]
