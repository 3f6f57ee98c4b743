"""Publishing: workflows, generated README, feed, papers.json schema, internal links, site basics."""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit
from collections.abc import Iterator
from pathlib import Path

import feedparser
import jsonschema
import pytest

from rsitr.load import load_database
from rsitr.readme import site_url_of, update_readme
from sitebuild import ROOT, make_project, mkdocs_build

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
AWESOME_LINT = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "awesome-lint"
DB = load_database(ROOT / "papers")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("publish")
    result = mkdocs_build(make_project(base / "project", ROOT / "papers"), base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"


def test_workflows_match_the_github_schema() -> None:
    assert WORKFLOWS
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmor() -> None:
    zizmor = shutil.which("zizmor")
    assert zizmor, "zizmor is a dev dependency"
    result = subprocess.run([zizmor, "--offline", "--persona=auditor", *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_readme_list_is_current() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert update_readme(text, DB, site_url_of(ROOT / "mkdocs.yml")) == text, "README.md is stale: run `rsitr readme`"


@pytest.mark.skipif(not AWESOME_LINT.exists(), reason="awesome-lint is not installed (.ci/run installs it with npm)")
def test_readme_passes_awesome_lint(tmp_path: Path) -> None:
    # awesome-lint wants a git repository with a GitHub remote; CI's clone has none, so lint a copy.
    for name in ("README.md", "CONTRIBUTING.md", "LICENSE"):
        shutil.copy(ROOT / name, tmp_path / name)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
    for command in (["init", "-q", "-b", "main"], ["remote", "add", "origin", "https://github.com/awesome-rsitr/awesome-rsitr.git"],
                    ["config", "branch.main.remote", "origin"], ["add", "-A"], ["commit", "-qm", "lint"]):
        subprocess.run(git + command, cwd=tmp_path, check=True, capture_output=True)
    result = subprocess.run([str(AWESOME_LINT), "README.md"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_feed_lists_the_newest_additions(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    newest = sorted(DB.papers, key=lambda p: (p.added, p.id), reverse=True)[:50]
    assert [e.title for e in feed.entries] == [p.title for p in newest]
    assert feed.entries[0].link.endswith(f"/papers/{newest[0].id}/")
    assert feed.feed.title.startswith("Awesome RSITR")


def test_papers_json_follows_its_published_schema(site: Path) -> None:
    schema = json.loads((site / "schema" / "papers.schema.json").read_text(encoding="utf-8"))
    records = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(records)
    assert len(records) == len(DB.papers)


def test_site_basics(site: Path) -> None:
    assert (site / "404.html").is_file()
    assert (site / "sitemap.xml").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://awesome-rsitr.github.io/">' in home
    paper = (site / "papers" / "yuan2022amfmn" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/awesome-rsitr/awesome-rsitr/edit/main/papers/yuan2022amfmn.yaml"' in paper
    category = (site / "categories" / "closed-domain" / "index.html").read_text(encoding="utf-8")
    assert "/edit/" not in category  # generated listings have no source file to edit
    assert "CC BY 4.0" in home and "MIT" in home
    assert 'type="application/atom+xml"' in home


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "allowed")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def linkchecker(url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "linkcheck", "-f", str(ROOT / "tests" / "linkcheck.ini"), "--no-warnings",
                           *extra, url], capture_output=True, text=True, timeout=900)


def test_every_internal_link_and_anchor_resolves(served: str) -> None:
    result = linkchecker(served)
    assert result.returncode == 0, result.stdout[-5000:]
    assert "0 errors found" in result.stdout


def test_the_crawl_does_catch_broken_links(site: Path, served: str) -> None:
    (site / "broken-links-probe.html").write_text(
        '<html><body><a href="papers/no-such-paper/">x</a> <a href="cite/">y</a></body></html>', encoding="utf-8")
    result = linkchecker(served + "broken-links-probe.html", "--recursion-level=1")
    (site / "broken-links-probe.html").unlink()
    assert result.returncode == 1
    assert "1 error found" in result.stdout


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(values[key])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def broken_anchors(site: Path) -> list[str]:
    """Internal links whose #fragment names no element of the target page. (LinkChecker's AnchorCheck
    plugin reports nothing for anchors on already-checked pages, so anchors are checked here.)"""
    pages: dict[Path, _Anchors] = {}
    for html in site.rglob("*.html"):
        parser = _Anchors()
        parser.feed(html.read_text(encoding="utf-8"))
        pages[html.resolve()] = parser
    broken = []
    for html, parser in pages.items():
        for href in parser.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment:
                continue
            target = html
            if parts.path:
                target = (html.parent / unquote(parts.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
            if target in pages and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{html.relative_to(site.resolve())}: {href}")
    return broken


def test_every_internal_anchor_exists(site: Path) -> None:
    assert broken_anchors(site) == []


def test_the_anchor_check_catches_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text('<a href="a/#here">ok</a><a href="a/#gone">bad</a><a href="#top">bad</a>',
                                         encoding="utf-8")
    assert broken_anchors(tmp_path) == ["index.html: a/#gone", "index.html: #top"]
