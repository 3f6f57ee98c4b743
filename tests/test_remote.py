"""Import by DOI or arXiv id, drift check and new-paper watch, against hand-written Crossref and arXiv answers
(tests/fixtures/remote/; see its README). No test uses the network: respx answers every request."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import respx
import yaml

from rsitr import cli
from rsitr.fetch import Client, retry_after_seconds, user_agent
from rsitr.load import load_database
from rsitr.remote import Identifier, parse_arxiv_feed, parse_crossref_work, parse_identifier
from rsitr.watch import WatchConfig, read_watch_config, select_candidates
from sitebuild import ROOT

REMOTE = ROOT / "tests" / "fixtures" / "remote"
CROSSREF = "https://api.crossref.org/works"
ARXIV = "https://export.arxiv.org/api/query"
GAIA_DOI = "10.1109/MGRS.2025.3650613"


def fixture(name: str) -> bytes:
    return (REMOTE / name).read_bytes()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[float]:
    """The pauses the client asked for, instead of sleeping; a contact address in the environment."""
    waited: list[float] = []
    monkeypatch.setenv("RSITR_CONTACT", "maintainer@example.org")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))  # never the user's cache
    monkeypatch.setattr(cli, "new_client", lambda contact: Client(contact, sleep=waited.append))
    return waited


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A copy of the real database without the three records the recorded answers describe, so they can be imported."""
    target = tmp_path / "papers"
    shutil.copytree(ROOT / "papers", target)
    for paper_id in ("zavras2025gaia", "liu2024remoteclip", "chen2026ftf"):
        (target / f"{paper_id}.yaml").unlink()
    return target


def files(papers: Path) -> list[str]:
    return sorted(p.name for p in papers.iterdir())


def one_line(capsys: pytest.CaptureFixture[str], command: str) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith(f"rsitr {command}: ")
    return lines[0]


# --- identifiers and formats -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("10.1109/TGRS.2021.3078451", Identifier("doi", "10.1109/TGRS.2021.3078451")),
    ("https://doi.org/10.1109/TGRS.2021.3078451", Identifier("doi", "10.1109/TGRS.2021.3078451")),
    ("doi:10.3390/rs12030405", Identifier("doi", "10.3390/rs12030405")),
    ("2306.11029", Identifier("arxiv", "2306.11029")),
    ("arXiv:2204.08707v2", Identifier("arxiv", "2204.08707", 2)),
    ("https://arxiv.org/abs/2405.10160v3", Identifier("arxiv", "2405.10160", 3)),
    ("https://arxiv.org/pdf/2306.11029.pdf", Identifier("arxiv", "2306.11029")),
    ("entry.bib", None),
    ("-", None),
])
def test_identifiers(text: str, expected: Identifier | None) -> None:
    assert parse_identifier(text) == expected


def test_crossref_record_with_accented_names() -> None:
    work = parse_crossref_work(fixture("crossref-gaia.json"), f"{CROSSREF}/{GAIA_DOI}")
    assert work.authors == (("Angelos", "Zavras"), ("Dimitrios", "Michail"), ("Xiao Xiang", "Zhu"), ("Begüm", "Demir"),
                            ("Ioannis", "Papoutsis"))
    assert (work.year, work.volume, work.number, work.pages) == (2026, "14", "2", "36-63")
    assert work.title == "GAIA: A global, multimodal, multiscale vision–language dataset for remote sensing image analysis"


def test_arxiv_entry_with_version_journal_ref_and_doi() -> None:
    [work] = parse_arxiv_feed(fixture("arxiv-remoteclip.xml"))
    assert (work.arxiv, work.arxiv_version, work.arxiv_class) == ("2306.11029", 4, "cs.CV")
    assert work.doi == "10.1109/TGRS.2024.3390838" and work.journal_ref.startswith("IEEE Transactions on Geoscience")
    assert work.authors[0] == ("Fan", "Liu") and work.year == 2023


def test_arxiv_feed_with_a_doctype_is_refused() -> None:
    with pytest.raises(Exception, match="document type declaration"):
        parse_arxiv_feed(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><feed xmlns="http://www.w3.org/2005/Atom"/>')


def test_user_agent_names_the_project_and_the_contact() -> None:
    agent = user_agent("maintainer@example.org")
    assert agent.startswith("awesome-rsitr/") and "mailto:maintainer@example.org" in agent
    assert "https://github.com/awesome-rsitr/awesome-rsitr" in agent


def test_retry_after_as_seconds_or_date() -> None:
    assert retry_after_seconds("30", 0) == 30
    assert retry_after_seconds("Thu, 01 Jan 1970 00:01:00 GMT", 0) == 60
    assert retry_after_seconds("soon", 0) is None


# --- import by identifier ------------------------------------------------------------------------------------------

@respx.mock
def test_import_doi_writes_a_complete_record(db: Path, sleeps: list[float], capsys: pytest.CaptureFixture[str]) -> None:
    route = respx.get(f"{CROSSREF}/{GAIA_DOI}").respond(200, content=fixture("crossref-gaia.json"))
    assert cli.main(["import", f"https://doi.org/{GAIA_DOI}", "--papers", str(db)]) == 1  # category is still TODO
    assert "mailto:maintainer@example.org" in route.calls.last.request.headers["User-Agent"]
    record = yaml.safe_load((db / "zavras2026gaia.yaml").read_text(encoding="utf-8"))
    real = yaml.safe_load((ROOT / "papers" / "zavras2025gaia.yaml").read_text(encoding="utf-8"))
    for key in ("title", "authors", "year", "venue", "volume", "number", "pages", "doi"):
        assert record[key] == real[key], key
    assert record["sources"] == [f"{CROSSREF}/{GAIA_DOI}"]
    out = capsys.readouterr()
    assert "Wrote" in out.out and "category: expected a category" in out.err and "sources" not in out.err
    # Once the contributor picks a category, the record is valid as it stands.
    path = db / "zavras2026gaia.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "category: TODO  # one of the slugs in papers/_meta/categories.yaml", "category: datasets"), encoding="utf-8")
    assert load_database(db).by_id["zavras2026gaia"].authors[3].given == "Begüm"


@respx.mock
def test_import_arxiv_id_follows_the_published_version(db: Path, sleeps: list[float]) -> None:
    respx.get(ARXIV, params={"id_list": "2306.11029"}).respond(200, content=fixture("arxiv-remoteclip.xml"))
    respx.get(f"{CROSSREF}/10.1109/TGRS.2024.3390838").respond(200, content=fixture("crossref-remoteclip.json"))
    cli.main(["import", "arXiv:2306.11029", "--papers", str(db)])
    record = yaml.safe_load((db / "liu2024remoteclip.yaml").read_text(encoding="utf-8"))
    real = yaml.safe_load((ROOT / "papers" / "liu2024remoteclip.yaml").read_text(encoding="utf-8"))
    for key in ("title", "authors", "year", "venue", "volume", "pages", "doi", "arxiv"):
        assert record[key] == real[key], key
    assert record["links"] == {"publisher": "https://ieeexplore.ieee.org/document/10504785/"}
    assert record["sources"] == [f"{CROSSREF}/10.1109/TGRS.2024.3390838", f"{ARXIV}?id_list=2306.11029"]


@respx.mock
def test_import_arxiv_only_paper(db: Path, sleeps: list[float], capsys: pytest.CaptureFixture[str]) -> None:
    respx.get(ARXIV, params={"id_list": "2604.20429"}).respond(200, content=fixture("arxiv-search.xml"))
    cli.main(["import", "https://arxiv.org/abs/2604.20429v1", "--papers", str(db)])
    record = yaml.safe_load((db / "chen2026fastthenfine.yaml").read_text(encoding="utf-8"))
    real = yaml.safe_load((ROOT / "papers" / "chen2026ftf.yaml").read_text(encoding="utf-8"))
    for key in ("title", "authors", "year", "venue", "arxiv", "arxiv_class"):
        assert record[key] == real[key], key
    assert "full names only" in capsys.readouterr().out


def test_import_refuses_a_listed_paper_without_asking(sleeps: list[float], capsys: pytest.CaptureFixture[str]) -> None:
    with respx.mock(assert_all_called=False) as mock:
        assert cli.main(["import", "10.1109/TGRS.2021.3078451", "--papers", str(ROOT / "papers")]) == 1
        assert cli.main(["import", "2204.08707v2", "--papers", str(ROOT / "papers")]) == 1
        assert not mock.calls
    err = capsys.readouterr().err.splitlines()
    assert err == ["rsitr import: 10.1109/TGRS.2021.3078451: doi: 10.1109/tgrs.2021.3078451 is already in the database, "
                   "in papers/yuan2022amfmn.yaml",
                   "rsitr import: 2204.08707: arxiv: 2204.08707 is already in the database, in papers/mikriukov2022duch.yaml"]


def test_import_never_overwrites(db: Path, sleeps: list[float], capsys: pytest.CaptureFixture[str]) -> None:
    (db / "zavras2026gaia.yaml").write_text("# work in progress\n", encoding="utf-8")
    with respx.mock:
        respx.get(f"{CROSSREF}/{GAIA_DOI}").respond(200, content=fixture("crossref-gaia.json"))
        assert cli.main(["import", GAIA_DOI, "--papers", str(db)]) == 1
    assert "already exists" in one_line(capsys, "import")
    assert (db / "zavras2026gaia.yaml").read_text(encoding="utf-8") == "# work in progress\n"


@pytest.mark.parametrize("case, expected", [
    ("404", f"rsitr import: {GAIA_DOI}: expected a DOI registered with Crossref, found HTTP 404 Not Found at {CROSSREF}/{GAIA_DOI}"),
    ("429", f"rsitr import: {GAIA_DOI}: expected an answer from api.crossref.org, found HTTP 429 Too Many Requests "
            "(Retry-After: 3600 s); try again later"),
    ("timeout", f"rsitr import: {GAIA_DOI}: expected an answer from api.crossref.org within 20 s, found a timeout; "
                "try again later"),
    ("offline", f"rsitr import: {GAIA_DOI}: expected a connection to api.crossref.org, found none"),
    ("garbage", f"rsitr import: {GAIA_DOI}: {CROSSREF}/{GAIA_DOI}: expected Crossref JSON, found text that does not parse"),
])
def test_import_failures_give_one_line_and_write_nothing(db: Path, sleeps: list[float], capsys: pytest.CaptureFixture[str],
                                                         case: str, expected: str) -> None:
    before = files(db)
    with respx.mock:
        route = respx.get(f"{CROSSREF}/{GAIA_DOI}")
        if case == "404":
            route.respond(404, text="Resource not found.")
        elif case == "429":
            route.respond(429, headers={"Retry-After": "3600"}, text="Too Many Requests")
        elif case == "timeout":
            route.side_effect = httpx.ReadTimeout("timed out")
        elif case == "offline":
            route.side_effect = httpx.ConnectError("[Errno -3] Temporary failure in name resolution")
        else:
            route.respond(200, text="<html>maintenance</html>")
        assert cli.main(["import", GAIA_DOI, "--papers", str(db)]) == 1
    assert one_line(capsys, "import").startswith(expected)
    assert files(db) == before


def test_a_short_retry_after_is_waited_once(sleeps: list[float]) -> None:
    with respx.mock:
        respx.get(f"{CROSSREF}/{GAIA_DOI}").mock(side_effect=[
            httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, content=fixture("crossref-gaia.json"))])
        client = cli.new_client("maintainer@example.org")
        assert client.get(f"{CROSSREF}/{GAIA_DOI}").startswith(b"{")
    assert 7 in sleeps


def test_requests_to_one_host_are_spaced() -> None:
    waited: list[float] = []
    now = [100.0]
    client = Client("maintainer@example.org", sleep=waited.append, clock=lambda: now[0])
    with respx.mock:
        respx.get(ARXIV).respond(200, content=fixture("arxiv-priorclip.xml"))
        client.get(f"{ARXIV}?id_list=1")
        now[0] += 1.0
        client.get(f"{ARXIV}?id_list=2")
    assert waited == [2.0]  # arXiv asks for one request every three seconds


def test_without_a_contact_address_nothing_is_asked(db: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("RSITR_CONTACT", raising=False)
    with respx.mock(assert_all_called=False) as mock:
        assert cli.main(["import", GAIA_DOI, "--papers", str(db)]) == 1
        assert not mock.calls
    assert "expected RSITR_CONTACT to hold your e-mail address" in one_line(capsys, "import")


def test_no_network_in_a_child_process(db: Path) -> None:
    """The real network stack, with every connection refused (a proxy on a closed port): one line, nothing written."""
    before = files(db)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"), RSITR_CONTACT="maintainer@example.org",
               HTTPS_PROXY="http://127.0.0.1:9", HTTP_PROXY="http://127.0.0.1:9", ALL_PROXY="http://127.0.0.1:9")
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    result = subprocess.run([sys.executable, "-m", "rsitr.cli", "import", GAIA_DOI, "--papers", str(db)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"rsitr import: {GAIA_DOI}: expected a connection to api.crossref.org, found none")
    assert files(db) == before


# --- drift ----------------------------------------------------------------------------------------------------------

def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ARXIV_RECORDS = {"2405.10160": "arxiv-priorclip.xml", "2306.11029": "arxiv-remoteclip.xml"}


def arxiv_answer(request: httpx.Request) -> httpx.Response:
    """The arXiv API for id_list queries: one feed holding the recorded entry of every requested id it knows."""
    feeds = [fixture(ARXIV_RECORDS[i]) for i in request.url.params["id_list"].split(",") if i in ARXIV_RECORDS]
    head = fixture("arxiv-priorclip.xml").split(b"<entry>")[0]
    entries = b"".join(b"<entry>" + feed.split(b"<entry>", 1)[1].rsplit(b"</feed>", 1)[0] for feed in feeds)
    return httpx.Response(200, content=head + entries + b"</feed>\n")


def _mock_drift(router: respx.Router) -> None:
    router.get(ARXIV).mock(side_effect=arxiv_answer)
    router.get(f"{CROSSREF}/10.1109/TGRS.2021.3078451").respond(200, content=fixture("crossref-amfmn.json"))
    router.get(f"{CROSSREF}/{GAIA_DOI}").respond(200, content=fixture("crossref-gaia.json"))


@pytest.fixture
def drift_db(tmp_path: Path) -> Path:
    """The real database, with two records taken back to an earlier state the recorded answers have moved past."""
    target = tmp_path / "papers"
    shutil.copytree(ROOT / "papers", target)
    # PriorCLIP as it was before arXiv v3 renamed it (title and version of v1).
    prior = target / "pan2024priorclip.yaml"
    _edit(prior, 'title: "PriorCLIP: Visual Prior Guided Vision-Language Model for Remote Sensing Image-Text Retrieval"',
          'title: "PIR: Remote Sensing Image-Text Retrieval with Prior Instruction Representation Learning"')
    for line in ("  - http://arxiv.org/abs/2405.10160v3\n", "  - https://arxiv.org/html/2405.10160v3\n"):
        _edit(prior, line, "")
    text = prior.read_text(encoding="utf-8")
    start = text.index("versions:\n")
    end = text.index("\n", text.index("    note:", start)) + 1
    prior.write_text(text[:start] + text[end:], encoding="utf-8")
    # RemoteCLIP as the arXiv preprint it was before TGRS published it.
    remote = target / "liu2024remoteclip.yaml"
    for old, new in (("year: 2024", "year: 2023"), ("venue: TGRS", "venue: arXiv"), ('volume: "62"\n', ""),
                     ('pages: "1-16"\n', ""), ("doi: 10.1109/TGRS.2024.3390838\n", "")):
        _edit(remote, old, new)
    return target


def test_drift_lines(drift_db: Path, sleeps: list[float], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    load_database(drift_db)  # the edited records are valid
    with respx.mock(assert_all_called=False) as mock:
        _mock_drift(mock)
        code = cli.main(["check-remote", "pan2024priorclip", "liu2024remoteclip", "--papers", str(drift_db),
                         "--cache", str(tmp_path / "cache"), "--markdown", str(tmp_path / "drift.md")])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[:-1] == [
        'papers/liu2024remoteclip.yaml:22: venue: arXiv says published: journal reference '
        "'IEEE Transactions on Geoscience and Remote Sensing, vol. 62, pp. 1-16, 2024'; DOI 10.1109/TGRS.2024.3390838, "
        "record says arXiv",
        "papers/pan2024priorclip.yaml:3: title: arXiv says \"PriorCLIP: Visual Prior Guided Vision-Language Model for Remote "
        "Sensing Image-Text Retrieval\", record says \"PIR: Remote Sensing Image-Text Retrieval with Prior Instruction "
        "Representation Learning\"",
        "papers/pan2024priorclip.yaml:19: arxiv: arXiv says v3 (updated 2025-09-09), record says up to v2",
    ]
    assert out[-1] == "Checked 2 record(s) against Crossref (0 DOIs) and arXiv (2 ids): 3 difference(s) in 2 record(s)."
    report = (tmp_path / "drift.md").read_text(encoding="utf-8")
    assert "papers/pan2024priorclip.yaml:3: title" in report and "checked.accepted" in report


def test_drift_is_read_from_the_cache_on_a_rerun(drift_db: Path, sleeps: list[float], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check-remote", "pan2024priorclip", "yuan2022amfmn", "--papers", str(drift_db), "--cache", str(tmp_path / "c")]
    with respx.mock(assert_all_called=False) as mock:
        _mock_drift(mock)
        cli.main(args)
        asked = len(mock.calls)
        first = capsys.readouterr().out
        cli.main(args)
        assert len(mock.calls) == asked == 2
    assert capsys.readouterr().out == first


def test_accepted_difference_is_not_reported_again(drift_db: Path, sleeps: list[float], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    prior = drift_db / "pan2024priorclip.yaml"
    text = prior.read_text(encoding="utf-8")
    accepted = ('  accepted:\n    - field: title\n      source: arxiv\n'
                '      value: "PriorCLIP: Visual Prior Guided Vision-Language Model for Remote Sensing Image-Text Retrieval"\n'
                '      note: "Test: the record keeps the title it was listed under."\n')
    end = text.index("\n", text.index("  note:", text.index("checked:"))) + 1
    prior.write_text(text[:end] + accepted + text[end:], encoding="utf-8")
    load_database(drift_db)  # the schema accepts checked.accepted
    with respx.mock(assert_all_called=False) as mock:
        _mock_drift(mock)
        cli.main(["check-remote", "pan2024priorclip", "--papers", str(drift_db), "--max-age", "0"])
    out = capsys.readouterr().out
    assert ": title:" not in out and "1 accepted difference(s) not shown" in out


def test_crossref_differences_and_a_404(tmp_path: Path, sleeps: list[float], capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "papers"
    shutil.copytree(ROOT / "papers", target)
    _edit(target / "zavras2025gaia.yaml", "  - given: Xiao Xiang\n    family: Zhu\n  - given: Begüm\n    family: Demir\n",
          "  - given: Begüm\n    family: Demir\n  - given: Xiao Xiang\n    family: Zhu\n")  # author order
    _edit(target / "zavras2025gaia.yaml", 'pages: "36-63"', 'pages: "36-62"')
    with respx.mock(assert_all_called=False) as mock:
        _mock_drift(mock)
        mock.get(f"{CROSSREF}/10.1109/TGRS.2024.3489224").respond(404, text="Resource not found.")
        code = cli.main(["check-remote", "zavras2025gaia", "sun2024cmpagl", "--papers", str(target), "--max-age", "0",
                         "--exit-zero"])
    out = capsys.readouterr().out
    assert code == 0
    assert ('papers/zavras2025gaia.yaml:4: authors: Crossref says "Angelos Zavras; Dimitrios Michail; Xiao Xiang Zhu; '
            'Begüm Demir; Ioannis Papoutsis", record says "Angelos Zavras; Dimitrios Michail; Begüm Demir; Xiao Xiang Zhu; '
            'Ioannis Papoutsis"') in out
    assert 'papers/zavras2025gaia.yaml:21: pages: Crossref says "36-63", record says "36-62"' in out
    assert "zavras2025gaia.yaml:23: arxiv: arXiv says no such record (not in arXiv's answer), record says 2502.09598" in out
    assert "sun2024cmpagl.yaml:20: doi: Crossref says no such record (HTTP 404 Not Found), record says 10.1109/TGRS.2024.3489224" in out


def test_check_remote_failure_is_one_line(sleeps: list[float], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with respx.mock:
        respx.get(ARXIV).mock(side_effect=httpx.ConnectTimeout("timed out"))
        assert cli.main(["check-remote", "pan2024priorclip", "--papers", str(ROOT / "papers"), "--max-age", "0"]) == 1
    assert "expected an answer from export.arxiv.org within 20 s, found a timeout" in one_line(capsys, "check-remote")


# --- watch ----------------------------------------------------------------------------------------------------------

def test_the_watch_file_follows_its_schema() -> None:
    config, problems = read_watch_config(ROOT / "papers" / "_meta" / "watch.yaml", "papers/_meta/watch.yaml", ROOT / "papers")
    assert problems == [] and config is not None
    assert set(config.categories) == {"cs.CV", "cs.IR", "eess.IV", "cs.MM"}


def test_watch_lists_only_new_matching_papers(db: Path, sleeps: list[float], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """chen2026ftf is new (removed from the copy), AirSpatialBot is rejected, AMFMN is listed, GAIA lacks the terms."""
    shutil.copy(ROOT / "papers" / "zavras2025gaia.yaml", db / "zavras2025gaia.yaml")
    with respx.mock:
        arxiv = respx.get(ARXIV).respond(200, content=fixture("arxiv-search.xml"))
        crossref = respx.get(CROSSREF).respond(200, content=fixture("crossref-search.json"))
        assert cli.main(["watch", "--since", "2026-01-01", "--until", "2026-04-30", "--papers", str(db),
                         "--cache", str(tmp_path / "cache"), "--markdown", str(tmp_path / "watch.md")]) == 0
    query = arxiv.calls.last.request.url.params["search_query"]
    assert query.startswith("(cat:cs.CV OR cat:cs.IR OR cat:eess.IV OR cat:cs.MM) AND (all:\"remote sensing\"")
    assert query.endswith("submittedDate:[202601010000 TO 202604302359]")
    filters = crossref.calls.last.request.url.params["filter"]
    assert "from-pub-date:2026-01-01" in filters and "type:journal-article" in filters and "issn:0196-2892" in filters
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "rsitr import 2604.20429  # 2026 arXiv: Fast-then-Fine: A Two-Stage Framework with Multi-Granular Representation "
        "for Cross-Modal Retrieval in Remote Sensing (Xi Chen et al.)",
        "1 candidate(s) since 2026-01-01; dropped 1 already listed, 1 rejected, 1 without the terms, 0 repeated.",
    ]
    assert "rsitr import 2604.20429" in (tmp_path / "watch.md").read_text(encoding="utf-8")


def test_watch_with_nothing_new_writes_an_empty_report(sleeps: list[float], tmp_path: Path) -> None:
    with respx.mock:
        respx.get(ARXIV).respond(200, content=fixture("arxiv-search.xml"))
        respx.get(CROSSREF).respond(200, content=fixture("crossref-search.json"))
        assert cli.main(["watch", "--since", "2026-01-01", "--papers", str(ROOT / "papers"), "--max-age", "0",
                         "--markdown", str(tmp_path / "watch.md")]) == 0
    assert (tmp_path / "watch.md").read_text(encoding="utf-8") == ""


def test_watch_terms_decide(db: Path) -> None:
    works = [w for w in parse_arxiv_feed(fixture("arxiv-search.xml"))]
    config = WatchConfig(terms=(("hashing", ("hashing",)),), categories=("cs.CV",), arxiv_max=10, crossref_query="x",
                         issns=("0196-2892",), crossref_max=10)
    result = select_candidates(works, load_database(db), config)
    assert result.candidates == [] and result.off_topic == 2


def test_watch_file_problem_is_one_line(tmp_path: Path, sleeps: list[float], capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "papers"
    shutil.copytree(ROOT / "papers", target)
    _edit(target / "_meta" / "watch.yaml", "categories: [cs.CV", "categories: [computer vision")
    assert cli.main(["watch", "--since", "2026-01-01", "--papers", str(target)]) == 1
    line = one_line(capsys, "watch")
    assert line.startswith("rsitr watch: papers/_meta/watch.yaml:") and "arxiv.categories[0]: expected text matching" in line


# --- the weekly workflow ---------------------------------------------------------------------------------------------

def test_weekly_workflow_is_least_privilege() -> None:
    """Covered by test_publishing's schema and zizmor checks (they take every .github/workflows/*.yml); here its shape."""
    path = ROOT / ".github" / "workflows" / "weekly-watch.yml"
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    assert "concurrency" in workflow
    writers = {name for name, job in workflow["jobs"].items() if "write" in (job.get("permissions") or {}).values()}
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions") or {}
        if name in writers:
            assert permissions == {"issues": "write"}, name
            assert all("actions/checkout" not in str(step.get("uses", "")) for step in job["steps"]), name
        else:
            assert set(permissions.values()) <= {"read"}, name
        for step in job["steps"]:
            if "uses" in step:
                assert len(step["uses"].split("@")[1]) == 40, step["uses"]  # pinned by full commit SHA
            if "actions/checkout" in str(step.get("uses", "")):
                assert step["with"]["persist-credentials"] is False
    assert writers
