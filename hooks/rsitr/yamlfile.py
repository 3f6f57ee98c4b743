"""Reading YAML files with line numbers, duplicate-key detection and UTF-8 checks."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is much faster; the pure-Python loader gives identical results
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as the parser allows."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class YamlDocument:
    """A parsed YAML file: its data plus the line of every field path."""

    display: str
    data: Any
    lines: dict[FieldPath, int]

    def line(self, path: FieldPath) -> int | None:
        """Line of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def format_path(path: FieldPath) -> str:
    """('authors', 2, 'family') -> 'authors[2].family'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def describe(value: Any) -> str:
    """How a found value is named in messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if value.strip() else "an empty string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


class _Builder:
    """Turns a composed node tree into Python data, recording lines and duplicate keys."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.constructor.construct_object(key_node, deep=True)
                if isinstance(key, (list, dict)):
                    key = str(key)
                if key in result:
                    first = self.lines.get(path + (key,))
                    self.problems.append(Problem(
                        self.display, key_node.start_mark.line + 1, format_path(path + (key,)),
                        f"expected each key once in a mapping, found {key!r} again "
                        f"(first on line {first}); YAML would silently keep only the last one"))
                    continue
                result[key] = self.build(value_node, path + (key,))
                self.lines[path + (key,)] = key_node.start_mark.line + 1
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        value = self.constructor.construct_object(node, deep=True)
        # Dates are kept as ISO strings: the schema and papers.json both want text.
        return value.isoformat() if hasattr(value, "isoformat") else value


def parse_yaml(text: str, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML text; return the document (None on a syntax error) and its problems."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        detail = " ".join(filter(None, [error.context, error.problem]))
        return None, [Problem(display, line, "", f"expected valid YAML, found a syntax error: {detail}")]
    except yaml.YAMLError as error:
        return None, [Problem(display, None, "", f"expected valid YAML, found a syntax error: {error}")]
    if node is None:
        return YamlDocument(display, None, {}), []
    builder = _Builder(display)
    data = builder.build(node, ())
    return YamlDocument(display, data, builder.lines), builder.problems


def read_yaml_file(path: Path, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read a file as strict UTF-8 and parse it as YAML."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(display, line, "", f"expected UTF-8 text, found byte 0x{raw[error.start]:02X} "
                                                 f"that is not valid UTF-8 (save the file as UTF-8)")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse_yaml(text, display)
