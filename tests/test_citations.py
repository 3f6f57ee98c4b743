"""Citations: BibTeX compiles under classic BibTeX styles and biblatex/biber, round-trips, RIS parses."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

from rsitr.bibtex import bibtex_entry, bibtex_for
from rsitr.load import load_database
from rsitr.ris import ris_for
from sitebuild import ROOT

REAL_PAPERS = ROOT / "papers"
needs_latex = pytest.mark.skipif(not (shutil.which("pdflatex") and shutil.which("bibtex") and shutil.which("biber")),
                                 reason="LaTeX (pdflatex, bibtex, biber) is not installed; .ci/run installs it")


@pytest.fixture(scope="module")
def db():
    return load_database(REAL_PAPERS)


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300)


@needs_latex
@pytest.mark.parametrize("style", ["plain", "alpha", "abbrv", "IEEEtran"])
def test_bibtex_styles_compile_without_warnings(db, tmp_path: Path, style: str) -> None:
    (tmp_path / "papers.bib").write_text(bibtex_for(db.papers), encoding="ascii")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\begin{document}\nx\n\\nocite{*}\n"
        f"\\bibliographystyle{{{style}}}\n\\bibliography{{papers}}\n\\end{{document}}\n", encoding="ascii")
    first = run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path)
    assert first.returncode == 0, first.stdout[-2000:]
    bib = run(["bibtex", "doc"], tmp_path)
    assert bib.returncode == 0, bib.stdout
    assert "Warning" not in bib.stdout and "error" not in bib.stdout.lower(), bib.stdout
    for _ in range(2):
        final = run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path)
        assert final.returncode == 0, final.stdout[-2000:]
    bbl = (tmp_path / "doc.bbl").read_text(encoding="ascii")
    assert_bbl_keeps_case_and_accents(bbl, db)
    assert bbl.count("\\bibitem") == len(db.papers)


def assert_bbl_keeps_case_and_accents(bbl: str, db) -> None:
    flat = re.sub(r"(?<!\\)~", " ", " ".join(bbl.split()))  # styles tie the words of a multi-word family name
    assert "{RSITMD}" in flat or "{RS5M}" in flat
    assert "{RemoteCLIP}" in flat
    for paper in db.papers:
        for author in paper.authors:
            if not author.family.isascii():
                from rsitr.bibtex import latex_escape
                assert latex_escape(author.family) in flat, author.family


@needs_latex
def test_biblatex_biber_compiles_without_warnings(db, tmp_path: Path) -> None:
    (tmp_path / "papers.bib").write_text(bibtex_for(db.papers), encoding="ascii")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[backend=biber,style=numeric]{biblatex}\n"
        "\\addbibresource{papers.bib}\n\\begin{document}\nx\n\\nocite{*}\n\\printbibliography\n\\end{document}\n",
        encoding="ascii")
    assert run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path).returncode == 0
    biber = run(["biber", "doc"], tmp_path)
    assert biber.returncode == 0, biber.stdout
    assert "WARN" not in biber.stdout and "ERROR" not in biber.stdout, biber.stdout
    final = run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path)
    assert final.returncode == 0, final.stdout[-2000:]
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert bbl.count("\\entry{") == len(db.papers)
    assert "{RemoteCLIP}" in bbl


def test_bibtex_is_ascii_and_keyed_by_id(db) -> None:
    for paper in db.papers:
        entry = bibtex_entry(paper)
        assert entry.isascii(), paper.id
        comments = [line for line in entry.splitlines() if line.startswith("% ")]
        # One comment line per unverified field and per other version, above the single entry.
        assert len(comments) == len(paper.unverified) + len(paper.versions), paper.id
        body = entry.split("\n", len(comments))[-1]
        assert body.startswith(tuple(f"@{kind}{{{paper.id}," for kind in
                                     ("article", "inproceedings", "misc", "mastersthesis", "phdthesis"))), paper.id
        assert "@" not in "".join(comments), paper.id


def _decode(text: str) -> str:
    return " ".join(text.replace("{", "").replace("}", "").split())


def test_round_trip_gives_back_the_database(db) -> None:
    library = bibtexparser.parse_string(bibtex_for(db.papers), append_middleware=[
        LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()])
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    assert set(entries) == {p.id for p in db.papers}
    for paper in db.papers:
        fields = {f.key: f.value for f in entries[paper.id].fields}
        assert _decode(fields["title"]) == _decode(paper.title.replace("\u2013", "--").replace("\u2014", "---")
                                                   .replace("\u2019", "'")).replace("--", "\u2013") \
            or _decode(fields["title"]).replace("--", "\u2013") == _decode(paper.title), paper.id
        names = [(_decode(" ".join(n.first)), _decode(" ".join(n.von + n.last))) for n in fields["author"]]
        assert names == [(a.given, a.family) for a in paper.authors], paper.id
        assert int(fields["year"]) == paper.year
        venue_field = fields.get("journal") or fields.get("booktitle") or fields.get("school")
        if paper.venue.is_thesis:
            assert _decode(venue_field) == paper.venue.publisher
        elif paper.venue.kind == "preprint":
            assert fields["eprint"] == paper.arxiv and fields["archivePrefix"] == "arXiv"
        else:
            assert _decode(venue_field).replace("\\&", "&") in (paper.venue.name, paper.venue.proceedings)
        assert fields.get("doi") == paper.doi


def test_bulk_files_hold_every_paper_once(db) -> None:
    keys = re.findall(r"^@\w+\{([^,]+),", bibtex_for(db.papers), flags=re.M)
    assert sorted(keys) == sorted(p.id for p in db.papers)


def test_ris_parses_back(db) -> None:
    records = rispy.loads(ris_for(db.papers))
    assert [r["id"] for r in records] == [p.id for p in db.papers]
    for record, paper in zip(records, db.papers):
        assert record["title"] == paper.title
        assert record["authors"] == [f"{a.family}, {a.given}" for a in paper.authors]
        assert record.get("doi") == paper.doi
