"""Import: exported BibTeX entries become paper files; bad entries are refused with a clear message."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from rsitr.cli import main
from rsitr.importer import ImportError_, import_entry
from rsitr.load import DatabaseError, load_database
from sitebuild import ROOT

ENTRIES = ROOT / "tests" / "fixtures" / "bibtex"
TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def db_dir(papers_dir: Path) -> Path:
    """The synthetic papers with the project's real vocabularies (venues of every exporter)."""
    for name in ("venues.yaml", "categories.yaml", "tags.yaml", "paper.schema.json"):
        shutil.copy(ROOT / "papers" / "_meta" / name, papers_dir / "_meta" / name)
    return papers_dir


@pytest.mark.parametrize("source, paper_id, venue, expected", [
    ("ieee-xplore.bib", "yuan2022exploring", "TGRS", {"volume": "60", "pages": "1-19", "doi": "10.1109/TGRS.2021.3078451"}),
    ("google-scholar.bib", "pan2023prior", "ACM MM", {"pages": "611-620"}),
    ("mdpi.bib", "abdullah2020textrs", "Remote Sensing", {"volume": "12", "number": "3", "article_number": "405",
                                                            "doi": "10.3390/rs12030405"}),
    ("acm-dl.bib", "pan2023reducing", "ICMR", {"pages": "398-406", "doi": "10.1145/3591106.3592236"}),
    ("arxiv.bib", "liu2023remoteclip", "arXiv", {"arxiv": "2306.11029", "arxiv_class": "cs.CV"}),
    ("accents.bib", "mikriukov2022unsupervised", "ICASSP", {"pages": "4463-4467"}),
])
def test_import_real_exports(db_dir: Path, source: str, paper_id: str, venue: str, expected: dict) -> None:
    imported = import_entry((ENTRIES / source).read_text(encoding="utf-8"), db_dir, today=TODAY)
    assert imported.id == paper_id and imported.path == db_dir / f"{paper_id}.yaml"
    record = yaml.safe_load(imported.path.read_text(encoding="utf-8"))
    assert record["venue"] == venue
    for key, value in expected.items():
        assert record[key] == value, key
    assert record["authors"][0]["family"] and record["authors"][0]["given"]
    # What the importer cannot know is left for validation to report, by name.
    with pytest.raises(DatabaseError) as info:
        load_database(db_dir)
    messages = [str(p) for p in info.value.problems]
    assert any(f"papers/{paper_id}.yaml:{record_line(imported.path, 'category')}: category: expected a category defined in _meta/categories.yaml, found 'TODO'" in m for m in messages)
    assert any(f"papers/{paper_id}.yaml:" in m and "sources: expected at least 1 item(s), found an empty list" in m for m in messages)
    assert len(messages) == 2



def record_line(path: Path, key: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(key + ":"))


def test_latex_is_decoded_to_unicode(db_dir: Path) -> None:
    imported = import_entry((ENTRIES / "accents.bib").read_text(encoding="utf-8"), db_dir, today=TODAY)
    record = yaml.safe_load(imported.path.read_text(encoding="utf-8"))
    assert record["authors"][2] == {"given": "Begüm", "family": "Demir"}
    assert record["title"] == "Unsupervised Contrastive Hashing for Cross-Modal Retrieval in Remote Sensing"


def test_import_after_completion_validates(db_dir: Path) -> None:
    imported = import_entry((ENTRIES / "mdpi.bib").read_text(encoding="utf-8"), db_dir, today=TODAY)
    text = imported.path.read_text(encoding="utf-8")
    text = text.replace("category: TODO  # one of the slugs in papers/_meta/categories.yaml", "category: closed-domain")
    text = text.replace("sources: []  # add the URLs where you verified every fact above",
                        "sources:\n  - https://www.mdpi.com/2072-4292/12/3/405")
    imported.path.write_text(text, encoding="utf-8")
    db = load_database(db_dir)
    assert db.by_id["abdullah2020textrs"].title.startswith("TextRS:")


def test_refuses_doi_already_present(db_dir: Path) -> None:
    entry = (ENTRIES / "ieee-xplore.bib").read_text(encoding="utf-8").replace("10.1109/TGRS.2021.3078451", "10.5555/alpha.2021")
    with pytest.raises(ImportError_, match=r"doi: 10.5555/alpha.2021 is already in the database, in papers/doe2021alpha.yaml"):
        import_entry(entry, db_dir, today=TODAY)


def test_refuses_arxiv_already_present(db_dir: Path) -> None:
    entry = (ENTRIES / "arxiv.bib").read_text(encoding="utf-8").replace("2306.11029", "2401.00001")
    with pytest.raises(ImportError_, match=r"arxiv: 2401.00001 is already in the database, in papers/poe2024gamma.yaml"):
        import_entry(entry, db_dir, today=TODAY)


def test_never_overwrites(db_dir: Path) -> None:
    (db_dir / "yuan2022exploring.yaml").write_text("# someone's work in progress\n", encoding="utf-8")
    with pytest.raises(ImportError_, match="already exists"):
        import_entry((ENTRIES / "ieee-xplore.bib").read_text(encoding="utf-8"), db_dir, today=TODAY)
    assert (db_dir / "yuan2022exploring.yaml").read_text(encoding="utf-8") == "# someone's work in progress\n"


def test_unknown_venue_names_closest(db_dir: Path) -> None:
    entry = (ENTRIES / "ieee-xplore.bib").read_text(encoding="utf-8").replace(
        "IEEE Transactions on Geoscience and Remote Sensing", "IEEE Transactions on Geoscience and Remote Sensory Systems")
    with pytest.raises(ImportError_) as info:
        import_entry(entry, db_dir, today=TODAY)
    message = str(info.value)
    assert "journal/booktitle: expected a venue defined in papers/_meta/venues.yaml, found " \
           "'IEEE Transactions on Geoscience and Remote Sensory Systems'" in message
    assert "closest known: IEEE Transactions on Geoscience and Remote Sensing" in message


def test_no_title(db_dir: Path) -> None:
    entry = "@article{x, author = {Doe, Jane}, journal = {Remote Sensing}, year = {2020}}"
    with pytest.raises(ImportError_, match="title: expected the paper's title, found none"):
        import_entry(entry, db_dir, today=TODAY)


def test_malformed_bibtex(db_dir: Path) -> None:
    with pytest.raises(ImportError_, match="expected a complete BibTeX entry"):
        import_entry("@article{x, title = {Unclosed, author = {Doe, Jane}\n", db_dir, today=TODAY)
    assert sorted(p.name for p in db_dir.glob("*.yaml")) == ["doe2021alpha.yaml", "poe2024gamma.yaml", "roe2023beta.yaml"]


def test_cli_reports_and_exits_non_zero(db_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["import", str(ENTRIES / "mdpi.bib"), "--papers", str(db_dir)])
    out = capsys.readouterr()
    assert code == 1  # the new file still lacks category and sources
    assert "Wrote" in out.out and "sources: expected at least 1 item(s)" in out.err
    assert main(["import", str(ENTRIES / "mdpi.bib"), "--papers", str(db_dir)]) == 1
    assert "already" in capsys.readouterr().err
