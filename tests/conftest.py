"""Shared fixtures: a small synthetic database copied into a temporary directory."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

FIXTURE_PAPERS = ROOT / "tests" / "fixtures" / "papers"
REAL_PAPERS = ROOT / "papers"
SCHEMA = REAL_PAPERS / "_meta" / "paper.schema.json"


@pytest.fixture
def papers_dir(tmp_path: Path) -> Path:
    """A writable copy of the synthetic database, using the real paper schema."""
    target = tmp_path / "papers"
    shutil.copytree(FIXTURE_PAPERS, target)
    shutil.copy(SCHEMA, target / "_meta" / SCHEMA.name)
    return target
