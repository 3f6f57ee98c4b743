"""Property-based fuzzing: whatever a file holds, loading ends in a database or a list of problems, never a crash.

The default run keeps the budget small; set RSITR_FUZZ=1 for a longer search (hundreds of cases per test).
"""
from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rsitr.importer import ImportError_, import_entry
from rsitr.load import DatabaseError, load_database
from rsitr.markdown import _relpath
from rsitr.yamlfile import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "papers"
REAL_FILES = sorted((ROOT / "papers").glob("*.yaml"))
LONG = os.environ.get("RSITR_FUZZ") == "1"
FUZZ = settings(max_examples=400 if LONG else 30, deadline=2000, derandomize=not LONG,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

yaml_like = st.lists(st.sampled_from(list("abcxyz019 :-[]{},&*!|>'\"#%@`?\n\t") + ["  ", "- ", ": ", "\u00e9", "\ufeff",
                                                                                 "2024-13-45", "0x1F", ".nan", "~"]),
                     max_size=120).map("".join)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "papers"
    shutil.copytree(FIXTURES, target)
    shutil.copy(ROOT / "papers" / "_meta" / "paper.schema.json", target / "_meta" / "paper.schema.json")
    return target


def load_ends_cleanly(papers_dir: Path) -> None:
    try:
        load_database(papers_dir)
    except DatabaseError as error:
        assert error.problems and all(str(p) for p in error.problems)


@FUZZ
@given(text=yaml_like)
def test_parse_yaml_never_crashes(text: str) -> None:
    doc, problems = parse_yaml(text, "x.yaml")
    assert doc is not None or problems


@FUZZ
@given(raw=st.binary(max_size=400))
def test_any_bytes_as_a_paper_file(base: Path, raw: bytes) -> None:
    (base / "fuzz2024bytes.yaml").write_bytes(raw)
    try:
        load_ends_cleanly(base)
    finally:
        (base / "fuzz2024bytes.yaml").unlink()


@FUZZ
@given(text=yaml_like)
def test_any_yaml_like_text_as_a_vocabulary_file(base: Path, text: str) -> None:
    tags = base / "_meta" / "tags.yaml"
    original = tags.read_bytes()
    tags.write_text(text, encoding="utf-8")
    try:
        load_ends_cleanly(base)
    finally:
        tags.write_bytes(original)


@st.composite
def mutated_real_file(draw: st.DrawFn) -> tuple[str, str]:
    """A real paper file with a few lines deleted, duplicated, swapped or cut, or characters replaced."""
    path = draw(st.sampled_from(REAL_FILES))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "cut", "replace", "indent"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif action == "replace" and lines[i]:
            k = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:k] + draw(st.sampled_from(list(":-[]{}&*'\"#|> \t") + ["\x00", "9999", "null"])) + lines[i][k + 1:]
        else:
            lines[i] = "  " + lines[i]
    return path.name, "".join(lines)


@FUZZ
@given(case=mutated_real_file())
def test_mutated_real_paper_files(base: Path, case: tuple[str, str]) -> None:
    name, text = case
    (base / name).write_text(text, encoding="utf-8")
    try:
        load_ends_cleanly(base)
    finally:
        (base / name).unlink()


bibtex_like = st.lists(st.sampled_from(list("@{}=,\"\\ abcdeiklnorstuy0129:\n%#") +
                                      ["@article{", "title = {", "author = {", " and ", "year = {2024}",
                                       "journal = {IEEE Transactions on Geoscience and Remote Sensing}",
                                       "doi = {10.1/x}", "\\'e", "{\\\"o}"]),
                       max_size=80).map("".join)


@FUZZ
@given(text=bibtex_like)
def test_bibtex_importer_never_crashes(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    papers = tmp_path_factory.mktemp("fuzzbib") / "papers"
    shutil.copytree(FIXTURES, papers)
    shutil.copy(ROOT / "papers" / "_meta" / "paper.schema.json", papers / "_meta" / "paper.schema.json")
    before = sorted(p.name for p in papers.iterdir())
    try:
        imported = import_entry(text, papers)
    except (ImportError_, DatabaseError):
        assert sorted(p.name for p in papers.iterdir()) == before  # a refused entry writes nothing
    else:
        assert imported.path.exists()


# Site-relative paths as the renderers build them (never absolute), with empty and "." segments.
site_path = st.lists(st.sampled_from(["papers", "authors", "x", "x.bib", "index", ".", ""]), max_size=4).map(
    "/".join).filter(lambda path: not path.startswith("/"))


@FUZZ
@given(site_path, site_path)
def test_fast_relative_paths_agree_with_posixpath(target: str, start: str) -> None:
    assert _relpath(target, start) == posixpath.relpath(target or ".", start or ".")
