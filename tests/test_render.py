"""Renderers are pure functions: golden files pin their output (YAML in, HTML, BibTeX or CSV out).

Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then review the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from rsitr import paths
from rsitr.bibtex import bibtex_entry
from rsitr.load import load_database
from rsitr.site import generated_files, prerendered_pages

GOLDEN = Path(__file__).parent / "golden"


def _html(path: str):
    """The body HTML of the pre-rendered page built from `path`."""
    return lambda db: prerendered_pages(db)[path].html + "\n"


CASES = {
    "paper-doe2021alpha.html": _html("papers/doe2021alpha.md"),
    "paper-roe2023beta.html": _html("papers/roe2023beta.md"),
    "paper-poe2024gamma.html": _html("papers/poe2024gamma.md"),
    "not-listed.html": _html(paths.NOT_LISTED),
    "categories-index.html": _html(paths.CATEGORIES),
    "category-closed-domain.html": _html("categories/closed-domain.md"),
    "venues-index.html": _html(paths.VENUES),
    "years-index.html": _html(paths.YEARS),
    "home.html": _html(paths.HOME),
    "doe2021alpha.bib": lambda db: bibtex_entry(db.by_id["doe2021alpha"]),
    "roe2023beta.bib": lambda db: bibtex_entry(db.by_id["roe2023beta"]),
    "poe2024gamma.bib": lambda db: bibtex_entry(db.by_id["poe2024gamma"]),
    "leaderboard-rsicd.html": _html("leaderboards/rsicd.md"),
    "leaderboard-rsicd-hashing.html": _html("leaderboards/rsicd-hashing.md"),
    "leaderboard-rsicd.csv": lambda db: generated_files(db)["leaderboards/rsicd.csv"],
    "leaderboards-index.html": _html(paths.LEADERBOARDS),
    "dataset-rsicd.html": _html("datasets/rsicd.md"),
    "author-jane-doe.html": _html("authors/jane-doe.md"),
    "authors-index.html": _html(paths.AUTHORS),
    "cite.html": _html(paths.CITE),
    "explorer.html": _html(paths.EXPLORER),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(papers_dir: Path, name: str) -> None:
    db = load_database(papers_dir)
    output = CASES[name](db)
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def test_markup_in_titles_is_escaped(papers_dir: Path) -> None:
    db = load_database(papers_dir)
    page = prerendered_pages(db)["papers/roe2023beta.md"].html
    assert "<script>" not in page and "<i>net" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *Beta* _under_ | [a](b) {{ x }}</h1>" in page.replace(
        '<a class="headerlink" href="#scriptalert1script-beta-_under_-ab-x" title="Permanent link">&para;</a>', "")


def test_generated_files_cover_every_listing(papers_dir: Path) -> None:
    db = load_database(papers_dir)
    files = generated_files(db)
    for paper in db.papers:
        assert paths.paper_page(paper) in files and paths.paper_bib(paper) in files
        assert paths.category_page(paper.category) in files
        assert paths.venue_page(paper.venue) in files
        assert paths.year_page(paper.year) in files


def test_preview_files_keep_their_time_when_unchanged(tmp_path: Path) -> None:
    from rsitr.build import write_if_changed

    target = tmp_path / "papers" / "x.md"
    assert write_if_changed(target, "a") is True
    stamp = target.stat().st_mtime_ns
    assert write_if_changed(target, "a") is False and target.stat().st_mtime_ns == stamp
    assert write_if_changed(target, "b") is True and target.read_text(encoding="utf-8") == "b"


def test_edit_links_point_to_the_yaml_record() -> None:
    from rsitr.build import edit_url

    generated = {"papers/abc2020x.md", "categories/hashing.md"}
    repo = "https://github.com/o/r"
    assert edit_url("papers/abc2020x.md", repo, generated) == "https://github.com/o/r/edit/main/papers/abc2020x.yaml"
    assert edit_url("categories/hashing.md", repo, generated) is None
    assert edit_url("data.md", repo, generated) == ""


def test_papers_json_carries_every_model_field(papers_dir: Path) -> None:
    """papers.json is derived from the model: every field of Paper is exported, and the published schema requires them all."""
    import dataclasses
    import json

    from rsitr.export import INTERNAL_FIELDS, paper_record
    from rsitr.model import Paper

    record = paper_record(load_database(papers_dir).by_id["poe2024gamma"])
    model_fields = {f.name for f in dataclasses.fields(Paper)} - INTERNAL_FIELDS
    assert model_fields <= set(record)
    schema = json.loads((Path(__file__).parent.parent / "docs" / "schema" / "papers.schema.json").read_text(encoding="utf-8"))
    assert set(schema["items"]["required"]) == set(record)
    assert record["versions"] == [{"title": "Gamma: Hashing *Everything*", "year": 2024, "venue": "arXiv",
                                   "arxiv": "2401.00001v1", "doi": None, "url": None,
                                   "note": "First arXiv version, under an earlier title."}]
    assert record["unverified"] == [{"name": "authors", "reason": "Only the lab page lists the authors; "
                                                                  "<b>the arXiv page</b> could not be read."}]
    assert record["verification"] == "partly-verified"
    assert record["sources"][1] == {"url": "https://lab.example.net/gamma", "kind": "lab", "primary": False}


def test_papers_json_results_carry_every_yaml_field_for_the_whole_database() -> None:
    """Field by field, every result row of every real record reaches papers.json unchanged (note included)."""
    import json

    import yaml

    from rsitr.export import papers_json

    root = Path(__file__).parent.parent / "papers"
    exported = {record["id"]: record for record in json.loads(papers_json(load_database(root)))}
    compared = 0
    for path in sorted(root.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows = exported[data["id"]]["results"]
        assert len(rows) == len(data.get("results") or []), path.name
        for yaml_row, json_row in zip(data.get("results") or [], rows):
            for key, value in yaml_row.items():
                assert json_row[key] == value, f"{path.name}: {key}"
                compared += 1
            assert json_row.get("kind", "retrieval") == yaml_row.get("kind", "retrieval")
    assert compared > 1000


def test_board_downloads_parse_back_to_the_rows_shown(papers_dir: Path) -> None:
    """The CSV and JSON of a board hold exactly the rows of its HTML table, in order, with the same figures."""
    import csv
    import io
    import json
    import re

    files = generated_files(load_database(papers_dir))
    page = prerendered_pages(load_database(papers_dir))["leaderboards/rsicd.md"].html
    shown = re.findall(r'<tr id="([^"]+)"', page)
    from_csv = list(csv.DictReader(io.StringIO(files["leaderboards/rsicd.csv"])))
    from_json = json.loads(files["leaderboards/rsicd.json"])
    assert shown == [r["anchor"] for r in from_csv] == [r["anchor"] for r in from_json]
    assert len(shown) == 4
    for row in from_json:
        cells = re.search(rf'<tr id="{row["anchor"]}".*?</tr>', page, re.S).group(0)
        for name in ("i2t_r1", "t2i_r10"):
            assert f">{row[name]:.2f}<" in cells
    beta = next(r for r in from_csv if r["method"] == "BETA <i>net</i>")
    assert (beta["setting"], beta["pretraining"], beta["reported_by"], beta["source_paper"]) == (
        "peft", "openai-wit", "own", "roe2023beta")
    assert "<i>" not in page.replace("&lt;i&gt;", "")  # markup in data is shown, never interpreted


def test_doubtful_figure_is_never_marked_best(papers_dir: Path) -> None:
    """A row whose note doubts its figures is shown, but the column's best mark goes to the next row."""
    import re

    beta = papers_dir / "roe2023beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace(
        "    mr: 34.17\n", "    mr: 34.17\n    note: the I→T R@1 is probably a typo in the source\n", 1), encoding="utf-8")
    page = prerendered_pages(load_database(papers_dir))["leaderboards/rsicd.md"].html
    row = re.search(r'<tr id="r-roe2023beta-beta[^"]*".*?</tr>', page, re.S).group(0)
    assert "rsitr-best" not in row
    alpha = re.search(r'<tr id="r-doe2021alpha[^"]*".*?</tr>', page, re.S).group(0)
    assert alpha.count("rsitr-best") >= 1


def test_notes_read_as_sentences() -> None:
    from rsitr.markdown import sentence

    assert sentence("baseline row as reported in GaLR Table I") == "Baseline row as reported in GaLR Table I."
    assert sentence("Printed as 20.6.") == "Printed as 20.6."


def test_trend_chart_bars_and_legend_link_to_their_pages(papers_dir: Path) -> None:
    from rsitr.chart import trend_chart

    chart = trend_chart(load_database(papers_dir))
    assert '<a href="years/2021/"' in chart and '<a href="categories/closed-domain/">' in chart
    assert 'role="group"' in chart  # links inside: not an image


def test_prerendered_headings_match_what_markdown_would_give() -> None:
    """Ids and the table of contents of a pre-rendered page are those Python-Markdown's toc extension makes."""
    import markdown

    from rsitr.prerender import Prerendered, heading_id

    titles = ["Jürgen Ç. O'Neil-Smith", "Papers (4)", "Co-authors (11)", "Papers (4)"]
    md = markdown.Markdown(extensions=["toc"])
    md.convert("\n\n".join(("# " if i == 0 else "## ") + t for i, t in enumerate(titles)))
    taken: set[str] = set()
    headings = tuple((1 if i == 0 else 2, heading_id(t, taken), t, "") for i, t in enumerate(titles))
    tokens = Prerendered("", titles[0], headings).toc_tokens()
    assert tokens == md.toc_tokens


def test_prerendered_page_stub_changes_with_its_html() -> None:
    from rsitr.prerender import Prerendered

    a, b = Prerendered("<p>a</p>", "T", meta={"rsitr_index": True}), Prerendered("<p>b</p>", "T", meta={"rsitr_index": True})
    assert a.stub().startswith('---\nrsitr_index: true\nrsitr_prerendered: ') and a.stub() != b.stub()


def test_navigation_is_shared_only_by_pages_outside_it_in_one_directory() -> None:
    from rsitr.navcache import NavCache

    cache = NavCache({"index.md", "categories/index.md", "categories/closed-domain.md"})
    assert cache.key("index.md", "") is None and cache.key("categories/closed-domain.md", "categories/closed-domain/") is None
    assert cache.key("papers/a.md", "papers/a/") == cache.key("papers/b.md", "papers/b/") == "papers"
    assert cache.key("authors/x.md", "authors/x/") == "authors" != cache.key("papers/a.md", "papers/a/")
    assert cache.key(None, "") is None  # 404 and other theme templates: rendered as Material does
    assert cache.get("papers") is None
    assert cache.remember("papers", "<nav>…</nav>") == cache.get("papers")


def test_built_pages_outside_the_navigation_carry_materials_navigation(papers_dir: Path, tmp_path: Path) -> None:
    """The shared navigation is the one Material renders: same entries, same relative links, nothing active."""
    import re

    from sitebuild import make_project, mkdocs_build

    project = make_project(tmp_path / "project", papers_dir)
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    site = tmp_path / "site"

    def nav(page: str) -> str:
        html = (site / page).read_text(encoding="utf-8")
        return re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html, re.S).group(0)

    paper, other_paper, author = nav("papers/doe2021alpha/index.html"), nav("papers/roe2023beta/index.html"), nav(
        "authors/jane-doe/index.html")
    assert paper == other_paper and "md-nav__link--active" not in paper
    assert 'href="../../categories/"' in paper and 'href="../../categories/"' in author
    home = nav("index.html")
    assert "md-nav__link--active" in home and 'href="categories/"' in home
