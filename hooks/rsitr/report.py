"""Collecting problems: every check reports here, so one run lists all of them."""
from __future__ import annotations

import difflib
from typing import Iterable

from .yamlfile import FieldPath, Problem, YamlDocument, format_path


class DatabaseError(Exception):
    """The database has problems; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field, p.message))
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the paper database:\n{lines}")


class Reporter:
    """The problems found so far, each located by file, line and field."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def report(self, doc: YamlDocument, path: FieldPath, message: str) -> None:
        self.problems.append(Problem(doc.display, doc.line(path), format_path(path), message))

    def report_file(self, display: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(display, line, "", message))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)


def closest(word: str, known: Iterable[str]) -> str:
    """' (closest known: a, b)' for a misspelt vocabulary value, or ''."""
    matches = difflib.get_close_matches(word, list(known), n=3, cutoff=0.5)
    return f" (closest known: {', '.join(matches)})" if matches else ""
