"""Scale benchmark: synthetic databases of N papers, built with our hooks and as plain Markdown.

Run by hand (not by the test suite):  python tests/benchmarks/bench.py [N ...] [--out DIR]
Reports build wall time (a rebuild, and the first build, which also formats every reference) and peak
memory, time in our code, the plain-Markdown baseline (plain.py) and the ratio, the share of each build
spent converting Markdown and rendering Material's page template, site size, the largest paper page,
the bytes a browser downloads for one search query and the time to the first search result in
headless Chromium.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(HERE))

from rsitr.csl import references_for  # noqa: E402
from rsitr.load import load_database  # noqa: E402
from rsitr.site import generated_files, prerendered_pages  # noqa: E402
from plain import markdown_source  # noqa: E402
from synthetic import generate  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


def project(target: Path, n: int) -> Path:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    generate(target, n)
    return target


def plain_project(ours: Path, target: Path) -> Path:
    """The same pages as plain Markdown files and the same config without hooks."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ours / "docs", target / "docs")
    shutil.copytree(ours / "overrides", target / "overrides")
    (target / "overrides" / "partials" / "nav.html").unlink()  # our per-directory navigation cache needs the hooks
    db = load_database(ours / "papers")
    references = references_for(db.papers, json.loads((ours / ".cache" / "rsitr-references.json").read_text("utf-8")))
    prerendered = prerendered_pages(db, references)
    for path, content in generated_files(db, "https://awesome-rsitr.github.io/", references, prerendered).items():
        out = target / "docs" / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(markdown_source(prerendered[path]) if path in prerendered else content, encoding="utf-8")
    config = (ours / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.M)
    config = re.sub(r"^watch:\n(  - .*\n)+", "", config, flags=re.M)
    # The nav entry our hook expands into category pages, written out.
    categories = "\n".join(f"      - {c.title}: categories/{c.slug}.md" for c in db.categories.values())
    config = config.replace("  - Categories: categories/index.md\n",
                            f"  - Categories:\n      - Overview: categories/index.md\n{categories}\n")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def build(config: Path, site: Path) -> dict:
    result = subprocess.run([sys.executable, str(HERE / "build_once.py"), str(config), str(site)],
                            capture_output=True, text=True, cwd=config.parent)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def tree_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def search_cost(site: Path, query: str) -> dict:
    """Bytes transferred after typing one query, and ms to the first result, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            sizes: dict[str, int] = {}
            # Material fetches its whole index when the page loads; Pagefind fetches fragments per query.
            page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body()))
                    if r.ok and re.search(r"search|lunr|pagefind", r.url) else None)
            page.goto(url + "cite/")
            page.wait_for_load_state("networkidle")
            start = time.perf_counter()
            page.locator(".rsitr-search-input").click()
            page.keyboard.type(query)
            page.wait_for_selector(".md-search-result__item, .pagefind-ui__result", timeout=120000)
            first = (time.perf_counter() - start) * 1000
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    return {"search_kb": sum(sizes.values()) / 1024, "first_result_ms": first}


def run(n: int, out: Path) -> dict:
    ours_dir = project(out / f"n{n}" / "hooks", n)
    # The first build formats every reference with citeproc-py and caches them; the second is a rebuild.
    first = build(ours_dir / "mkdocs.yml", out / f"n{n}" / "site")
    ours = build(ours_dir / "mkdocs.yml", out / f"n{n}" / "site")
    plain_dir = plain_project(ours_dir, out / f"n{n}" / "plain")
    plain = build(plain_dir / "mkdocs.yml", out / f"n{n}" / "plain-site")
    site = out / f"n{n}" / "site"
    paper_pages = list((site / "papers").glob("*/index.html"))
    cost = search_cost(site, "M7 retrieval")
    return {
        "n": n, "build_s": ours["wall"], "first_build_s": first["wall"], "peak_mb": ours["peak_mb"], "ours_s": ours["ours"],
        "timings": ours["timings"], "plain_s": plain["wall"], "ratio": ours["wall"] / plain["wall"],
        "markdown_share": ours["markdown"] / ours["wall"], "plain_markdown_share": plain["markdown"] / plain["wall"],
        "template_share": ours["template"] / ours["wall"], "plain_template_share": plain["template"] / plain["wall"],
        "site_mb": tree_size(site) / 2**20, "pages": len(list(site.rglob("*.html"))),
        "largest_paper_kb": max(p.stat().st_size for p in paper_pages) / 1024, **cost,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 5000, 10000])
    parser.add_argument("--out", type=Path, default=Path("/tmp/rsitr-bench"))
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        row = run(n, args.out)
        rows.append(row)
        print(json.dumps(row), flush=True)
    print("\n| N papers | Build (s) | First build (s) | Plain MkDocs (s) | Ratio | Markdown share, ours / plain "
          "| Template share, ours / plain | Our code (s) | Peak memory (MB) | Site (MB) | Pages "
          "| Paper page, largest (KB) | Search transfer (KB) | First result (ms) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['n']:,} | {r['build_s']:.1f} | {r['first_build_s']:.1f} | {r['plain_s']:.1f} | {r['ratio']:.2f} | "
              f"{100 * r['markdown_share']:.1f} % / {100 * r['plain_markdown_share']:.0f} % | "
              f"{100 * r['template_share']:.0f} % / {100 * r['plain_template_share']:.0f} % | {r['ours_s']:.2f} | "
              f"{r['peak_mb']:.0f} | {r['site_mb']:.1f} | {r['pages']:,} | {r['largest_paper_kb']:.1f} | "
              f"{r['search_kb']:.0f} | {r['first_result_ms']:.0f} |")
    print("\n| N papers | Load and validate (s) | Render pages (s) | Waiting for the search index (s) |")
    print("| ---: | ---: | ---: | ---: |")
    for r in rows:
        t = r["timings"]
        print(f"| {r['n']:,} | {t.get('load_validate', 0):.2f} | {t.get('render', 0):.2f} | {t.get('search_index', 0):.2f} |")
    big = {r["n"]: r for r in rows}
    if 1000 in big and 10000 in big:
        print(f"\nbuild(10k) / build(1k) = {big[10000]['build_s'] / big[1000]['build_s']:.1f}")


if __name__ == "__main__":
    main()
