"""MkDocs hooks: wire the paper database into the build. Logic lives in the rsitr package."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the rsitr package sits next to this file

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from rsitr import build  # noqa: E402

log = logging.getLogger("mkdocs.hooks.rsitr")
_state: dict[str, object] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    db, problems = build.load_for_site(Path(config.config_file_path).parent / "papers")
    for problem in problems:
        log.warning(str(problem))
    if db is None:
        raise PluginError(f"The paper database has {len(problems)} problem(s), listed above; the build stops.")
    _state["db"] = db
    build.extend_nav(config, db)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, content in build.generated_files(_state["db"]).items():  # type: ignore[arg-type]
        files.append(File.generated(config, path, content=content))
    return files
