"""Glue between MkDocs and the database, kept free of MkDocs imports where possible."""
from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from . import paths
from .feed import feed_links  # noqa: F401  (re-exported for the hook)
from .atomic import write_atomically
from .csl import references_for
from .load import DatabaseError, load_database
from .model import Database
from .navcache import NavCache, with_theme_alias  # noqa: F401  (re-exported for the hook)
from .prerender import PackedPage, Prerendered
from .searchindex import BackgroundIndex, is_indexed  # noqa: F401  (re-exported for the hook)
from .site import generated_files, packed_pages  # noqa: F401  (re-exported for the hook)
from .yamlfile import Problem

# Seconds spent in our own code during the last build (read by the benchmark).
TIMINGS: dict[str, float] = {}


def load_for_site(papers_dir: Path) -> tuple[Database | None, list[Problem]]:
    """The database, or None and every problem found."""
    try:
        return load_database(papers_dir), []
    except DatabaseError as error:
        return None, error.problems


# Folders MkDocs copies into the site: a link in them that leaves the repository would publish its target.
COPIED_DIRS = ("docs", "overrides")


def links_leaving(root: Path, folders: tuple[str, ...] = COPIED_DIRS) -> list[str]:
    """Symbolic links under `folders` of `root` that resolve outside `root`, as one message each.

    Links are found without being followed, and only their own paths are named: never their targets' content."""
    found = []
    top = root.resolve()
    for folder in folders:
        for directory, dirnames, filenames in os.walk(root / folder, followlinks=False):
            for name in sorted(dirnames + filenames):
                path = Path(directory) / name
                if path.is_symlink() and not path.resolve().is_relative_to(top):
                    found.append(f"{path.relative_to(root).as_posix()}: expected files inside the repository, found a "
                                 f"symbolic link that points outside it (MkDocs would copy its target into the site)")
    return found


REFERENCE_CACHE = Path(".cache") / "rsitr-references.json"


def cached_references(db: Database, project_dir: Path) -> dict[str, dict[str, str]]:
    """Formatted references for every paper, reusing those of earlier builds (citeproc-py takes ~10 ms each).

    The cache is keyed by each paper's CSL item, style and processor version, so an edited record is
    formatted again; a damaged cache file is ignored and rewritten."""
    path = project_dir / REFERENCE_CACHE
    try:
        cache = json.loads(path.read_text(encoding="utf-8")) if path.is_file() and not path.is_symlink() else {}
    except (OSError, ValueError):
        cache = {}
    if not isinstance(cache, dict):
        cache = {}
    before = dict(cache)
    references = references_for(db.papers, cache)
    if cache != before:
        try:
            path.parent.mkdir(exist_ok=True)
            write_atomically(path, json.dumps(cache, ensure_ascii=False, sort_keys=True))
        except OSError:
            pass  # a read-only checkout builds as well, only slower
    return references


def use_prerendered(page: Any, prerendered: PackedPage) -> None:
    """Make MkDocs take this page's table of contents as it is, instead of converting Markdown; its HTML comes
    later, just before its template is rendered (show_html), and goes once the page is written (forget_html)."""
    from mkdocs.structure.toc import get_toc

    def render(config: Any, files: Any) -> None:
        page.content = ""
        page.toc = get_toc(prerendered.toc)
        # As MkDocs takes it from a rendered heading: HTML text (themes print page.title unescaped).
        page._title_from_render = html.escape(prerendered.title, quote=False)
        page.present_anchor_ids = set(prerendered.anchors)
        page.links_to_anchors = {}

    page.render = render


def release_downloads(files: Any, generated_paths: set[str]) -> int:
    """Drop the text of our generated downloads (.bib, .ris, CSL-JSON, feeds, CSV, JSON) once MkDocs has written
    them: it copies every non-page file before it builds the first page, and nothing reads them again in this
    build. On a large site they are ~100 MB of text. Returns how many were released."""
    released = 0
    for path in generated_paths:
        file = files.get_file_from_path(path)
        if file is not None and not file.is_documentation_page() and file.abs_src_path is None:
            file.content_bytes = b""
            released += 1
    return released


def show_html(page: Any, prerendered: PackedPage) -> None:
    page.content = prerendered.html


def forget_html(page: Any) -> None:
    page.content = None


def extend_nav(config: Any, db: Database) -> None:
    """Put the category pages under the 'Categories' entry of an explicit nav."""
    nav = config.get("nav") or []
    for index, item in enumerate(nav):
        if isinstance(item, dict) and "Categories" in item and item["Categories"] == paths.CATEGORIES:
            nav[index] = {"Categories": [{"Overview": paths.CATEGORIES}] +
                          [{c.title: paths.category_page(c)} for c in db.categories.values()]}


def feed_meta(src_uri: str, links: dict[str, tuple[str, str]]) -> dict[str, str] | None:
    """The feed a topic page links in its head, as page.meta's rsitr_feed (href relative to the site root), or None."""
    if src_uri not in links:
        return None
    path, title = links[src_uri]
    return {"href": path, "title": title}


def edit_url(src_uri: str, repo_url: str, generated_paths: set[str]) -> str | None:
    """'Edit this page' target: a paper page edits its YAML record; other generated pages have none."""
    if src_uri not in generated_paths:
        return ""  # a hand-written page: keep MkDocs' own edit link
    if src_uri.startswith("papers/") and src_uri.endswith(".md"):
        return f"{repo_url.rstrip('/')}/edit/main/papers/{src_uri[len('papers/'):-len('.md')]}.yaml"
    return None


def write_if_changed(path: Path, content: str) -> bool:
    """Write `content` unless the file already holds it (its modification time then stays)."""
    if path.is_file() and path.read_text(encoding="utf-8") == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return True
