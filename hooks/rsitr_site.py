"""MkDocs hooks: wire the paper database into the build. Logic lives in the rsitr package.

Generated pages reach MkDocs pre-rendered (HTML and table of contents, no Markdown), held compressed
until their template is rendered; Pagefind indexes each page while the next ones render."""
from __future__ import annotations

import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the rsitr package sits next to this file

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.nav import Navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from jinja2 import Environment  # noqa: E402

from rsitr import build  # noqa: E402

log = logging.getLogger("mkdocs.hooks.rsitr")
_state: dict[str, object] = {}


def on_startup(command: str, dirty: bool) -> None:
    # Under `mkdocs serve --dirty`, generated pages are kept as files whose modification time
    # changes only with their content, so MkDocs rebuilds just the pages an edit affects.
    _state["preview_dir"] = tempfile.mkdtemp(prefix="rsitr-preview-") if command == "serve" and dirty else None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    leaving = build.links_leaving(Path(config.config_file_path).parent)
    for message in leaving:
        log.warning(message)
    if leaving:
        raise PluginError(f"{len(leaving)} symbolic link(s) point outside the repository, listed above; the build stops.")
    start = time.perf_counter()
    db, problems = build.load_for_site(Path(config.config_file_path).parent / "papers")
    build.TIMINGS["load_validate"] = time.perf_counter() - start
    for problem in problems:
        log.warning(str(problem))
    if db is None:
        raise PluginError(f"The paper database has {len(problems)} problem(s), listed above; the build stops.")
    _state["db"] = db
    build.extend_nav(config, db)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    # Pagefind indexes each page in its own process while the next ones render (see searchindex).
    _state["search_index"] = build.BackgroundIndex(str(Path(config.site_dir) / "pagefind"))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    start = time.perf_counter()
    references = build.cached_references(_state["db"], Path(config.config_file_path).parent)  # type: ignore[arg-type]
    prerendered = build.packed_pages(_state["db"], references)  # type: ignore[arg-type]
    generated = build.generated_files(_state["db"], config.site_url or "", references, prerendered)  # type: ignore[arg-type]
    _state["prerendered"] = prerendered
    build.TIMINGS["render"] = time.perf_counter() - start
    preview_dir = _state.get("preview_dir")
    for path, content in generated.items():
        if preview_dir:
            build.write_if_changed(Path(preview_dir) / path, content)
            files.append(File(path, str(preview_dir), config.site_dir, config.use_directory_urls))
        else:
            files.append(File.generated(config, path, content=content))
    _state["generated"] = set(generated)
    _state["downloads_released"] = False
    # Pages are built in this order: indexed pages first, so the search index is written while the rest render.
    ordered = sorted(files, key=lambda f: not (f.is_documentation_page() and build.is_indexed(f.dest_uri)))
    files = Files(ordered)
    _state["files"] = files
    _state["feeds"] = build.feed_links(_state["db"])  # type: ignore[arg-type]
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _state["nav_cache"] = build.NavCache({page.file.src_uri for page in nav.pages})
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    theme_dir = next(d for d in config.theme.dirs if d != config.theme.custom_dir)
    env.loader = build.with_theme_alias(env.loader, theme_dir)  # type: ignore[arg-type]
    env.globals["rsitr_nav"] = _state["nav_cache"]
    _state["search_index"].expect(sum(1 for f in files.documentation_pages() if build.is_indexed(f.dest_uri)))  # type: ignore[union-attr]
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Pagefind serves the search box; Material's plugin stays only for the header's search button,
    # so no page goes into its (unused, whole-site) index.
    page.meta.setdefault("search", {})["exclude"] = True
    prerendered = _state.get("prerendered", {}).get(page.file.src_uri)  # type: ignore[union-attr]
    if prerendered is not None:
        build.use_prerendered(page, prerendered)
    return markdown


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    if not _state["downloads_released"]:  # the first page written: MkDocs has just copied every other file
        build.release_downloads(_state["files"], _state["generated"])  # type: ignore[arg-type]
        _state["downloads_released"] = True
    prerendered = _state["prerendered"].get(page.file.src_uri)  # type: ignore[union-attr]
    if prerendered is not None:
        build.show_html(page, prerendered)
    target = build.edit_url(page.file.src_uri, config.repo_url or "", _state["generated"])  # type: ignore[arg-type]
    if target != "":
        page.edit_url = target
    feed = build.feed_meta(page.file.src_uri, _state["feeds"])  # type: ignore[arg-type]
    if feed:
        page.meta["rsitr_feed"] = feed  # overrides/main.html links it in the head
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.file.src_uri in _state["prerendered"]:  # type: ignore[operator]
        build.forget_html(page)
    if build.is_indexed(page.file.dest_uri):
        _state["search_index"].add(page.file.dest_uri, output)  # type: ignore[union-attr]
    return output


def on_post_build(config: MkDocsConfig) -> None:
    start = time.perf_counter()
    _state.pop("search_index").write()  # type: ignore[union-attr]
    build.TIMINGS["search_index"] = time.perf_counter() - start


def on_build_error(error: Exception) -> None:
    index = _state.pop("search_index", None)
    if index is not None:
        index.discard()  # type: ignore[union-attr]
