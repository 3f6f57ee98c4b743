"""Hostile and broken input: a pull request cannot hang, exhaust or leak the build, and every command fails cleanly.

Checks that could hang or exhaust memory run in a child process under a CPU-time and address-space
limit, so a regression fails the test instead of taking the machine down.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rsitr import cli
from rsitr.load import DatabaseError, load_database
from sitebuild import ROOT, make_project, mkdocs_build

SECRET = "TOP-SECRET-CONTENT-7f3a9"
LIMIT_SECONDS = 20
LIMIT_BYTES = 1024 * 1024 * 1024


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (LIMIT_SECONDS, LIMIT_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def rsitr(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line in a child process with CPU-time and memory limits."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    result = subprocess.run([sys.executable, "-m", "rsitr.cli", *args], cwd=cwd, input=stdin, capture_output=True,
                            env=env, preexec_fn=_limits, timeout=LIMIT_SECONDS * 3)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8", "replace"),
                                       result.stderr.decode("utf-8", "replace"))


def assert_one_clean_line(result: subprocess.CompletedProcess[str], command: str, *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"rsitr {command}: ")
    for fragment in fragments:
        assert fragment in lines[0]


def problems_for(papers_dir: Path) -> list[str]:
    with pytest.raises(DatabaseError) as caught:
        load_database(papers_dir)
    return [str(p) for p in caught.value.problems]


BOMB = textwrap.dedent("""\
    id: doe2021alpha
    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
    i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
    """)


def test_anchor_bomb_is_refused_quickly_naming_the_file(papers_dir: Path) -> None:
    (papers_dir / "doe2021alpha.yaml").write_text(BOMB, encoding="utf-8")
    result = rsitr("validate", str(papers_dir))
    assert result.returncode == 1
    assert f"{papers_dir.name}/doe2021alpha.yaml:2: expected no YAML anchors or aliases" in result.stderr


def test_deep_nesting_is_refused_without_recursion(papers_dir: Path) -> None:
    # 100,000 nested lists crash PyYAML's C composer outright; the bound is checked before it runs.
    (papers_dir / "doe2021alpha.yaml").write_text("x: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = rsitr("validate", str(papers_dir))
    assert result.returncode == 1
    assert "doe2021alpha.yaml:1: expected nesting at most 10 levels deep, found deeper nesting" in result.stderr


def test_oversized_file_is_not_read(papers_dir: Path) -> None:
    path = papers_dir / "poe2024gamma.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# " + "x" * 300_000 + "\n", encoding="utf-8")
    assert problems_for(papers_dir) == [
        f"papers/poe2024gamma.yaml: expected at most 256 KB, found {path.stat().st_size:,} bytes; the file was not read"]


def test_oversized_field_is_a_schema_error_that_does_not_echo_the_value(papers_dir: Path) -> None:
    path = papers_dir / "roe2023beta.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title: "<script>', 'title: "' + "T" * 100_000 + '<script>', 1), encoding="utf-8")
    problems = problems_for(papers_dir)
    assert problems == ["papers/roe2023beta.yaml:4: title: expected at most 300 characters, found 100,057 characters"]


def test_symbolic_link_in_papers_is_refused_without_reading_it(papers_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"id: x\ntitle: {SECRET}\n", encoding="utf-8")
    (papers_dir / "evil2024link.yaml").symlink_to(secret)
    (papers_dir / "_meta" / "tags.yaml").unlink()
    (papers_dir / "_meta" / "tags.yaml").symlink_to(secret)
    result = rsitr("validate", str(papers_dir))
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert "evil2024link.yaml: expected a regular file, found a symbolic link" in result.stderr
    assert "_meta/tags.yaml: expected a regular file, found a symbolic link" in result.stderr


def test_fifo_in_papers_is_refused_without_blocking(papers_dir: Path) -> None:
    os.mkfifo(papers_dir / "pipe2024fifo.yaml")
    result = rsitr("validate", str(papers_dir))  # opening a FIFO for reading would wait forever
    assert result.returncode == 1
    assert "pipe2024fifo.yaml: expected a regular file, found a FIFO (named pipe); it was not opened" in result.stderr


def test_symbolic_link_under_docs_stops_the_build(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    project = make_project(tmp_path / "project", ROOT / "tests" / "fixtures" / "papers")
    shutil.copy(ROOT / "papers" / "_meta" / "paper.schema.json", project / "papers" / "_meta" / "paper.schema.json")
    (project / "docs" / "leak.txt").symlink_to(secret)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/leak.txt: expected files inside the repository, found a symbolic link that points outside it" in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert not (tmp_path / "site" / "leak.txt").exists()


def test_non_utf8_bibtex_gives_one_line_and_writes_nothing(papers_dir: Path, tmp_path: Path) -> None:
    bib = tmp_path / "entry.bib"
    bib.write_bytes(b"@article{x, title = {Caf\xe9}, author = {Doe, Jane}, year = {2024}, journal = {TGRS}}\n")
    before = sorted(p.name for p in papers_dir.iterdir())
    result = rsitr("import", str(bib), "--papers", str(papers_dir))
    assert_one_clean_line(result, "import", "entry.bib: expected UTF-8 text, found bytes that are not valid UTF-8")
    assert sorted(p.name for p in papers_dir.iterdir()) == before


@pytest.mark.parametrize("case", ["missing", "malformed", "directory", "stdin"])
def test_import_failures_give_one_line(papers_dir: Path, tmp_path: Path, case: str) -> None:
    before = sorted(p.name for p in papers_dir.iterdir())
    if case == "missing":
        result = rsitr("import", str(tmp_path / "nope.bib"), "--papers", str(papers_dir))
        expected = "nope.bib: expected a file, found nothing at this path"
    elif case == "malformed":
        (tmp_path / "bad.bib").write_text("@article{x, title = {Unclosed, author = {Doe, Jane}\n", encoding="utf-8")
        result = rsitr("import", str(tmp_path / "bad.bib"), "--papers", str(papers_dir))
        expected = "bad.bib: expected a complete BibTeX entry"
    elif case == "directory":
        result = rsitr("import", str(tmp_path), "--papers", str(papers_dir))
        expected = "expected a regular file, found a directory"
    else:
        result = rsitr("import", "-", "--papers", str(papers_dir), stdin=b"\xff\xfe not text")
        expected = "standard input: expected UTF-8 text"
    assert_one_clean_line(result, "import", expected)
    assert sorted(p.name for p in papers_dir.iterdir()) == before


def readme_project(tmp_path: Path, papers_dir: Path, readme: str) -> Path:
    shutil.copytree(papers_dir, tmp_path / "project" / "papers")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "project" / "mkdocs.yml")
    (tmp_path / "project" / "README.md").write_text(readme, encoding="utf-8")
    return tmp_path / "project"


def test_readme_without_markers_gives_one_line_and_is_left_intact(papers_dir: Path, tmp_path: Path) -> None:
    project = readme_project(tmp_path, papers_dir, "# My notes\n\nNo markers here.\n")
    result = rsitr("readme", "--root", str(project))
    assert_one_clean_line(result, "readme", "README.md: expected the markers")
    assert (project / "README.md").read_text(encoding="utf-8") == "# My notes\n\nNo markers here.\n"


def test_readme_without_papers_directory_gives_one_line(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# x\n", encoding="utf-8")
    result = rsitr("readme", "--root", str(tmp_path))
    assert_one_clean_line(result, "readme", "papers: expected the directory of paper files, found no such directory")
    assert_one_clean_line(rsitr("validate", str(tmp_path / "papers")), "validate", "expected the directory of paper files")


def test_read_only_target_gives_one_line_and_leaves_the_file(papers_dir: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from rsitr.readme import END, START

    original = f"# Title\n\n{START}\nold list\n{END}\n"
    project = readme_project(tmp_path, papers_dir, original)

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)  # as on a read-only checkout (tests may run as root)
    assert cli.main(["readme", "--root", str(project)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"rsitr readme: {project / 'README.md'}: expected a file this user may write, "
                   "found permission denied (nothing was written)"]
    assert (project / "README.md").read_text(encoding="utf-8") == original
    assert [p.name for p in project.iterdir() if p.name.startswith(".README")] == []  # no temporary file left


def test_unexpected_errors_keep_their_traceback(papers_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "load_database", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        cli.main(["validate", str(papers_dir)])


def test_workflows_never_run_pull_request_code_with_write_access() -> None:
    """No pull_request_target trigger, and no write permission in a workflow that pull requests can start."""
    import yaml

    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        triggers = workflow.get(True) or workflow.get("on") or {}  # PyYAML reads the key `on` as True
        triggers = [triggers] if isinstance(triggers, str) else list(triggers)
        assert "pull_request_target" not in triggers, path.name
        if "pull_request" not in triggers:
            continue
        scopes = [workflow.get("permissions")] + [job.get("permissions") for job in workflow["jobs"].values()]
        for scope in scopes:
            if isinstance(scope, str):
                assert scope in ("read-all", "{}"), f"{path.name}: {scope}"
            for name, level in (scope or {}).items():
                assert level in ("read", "none"), f"{path.name}: {name}: {level}"
