"""Reading YAML files with line numbers, duplicate-key detection and UTF-8 checks."""
from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is much faster; the pure-Python loader gives identical results
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FieldPath = tuple[str | int, ...]
DESCRIBE_CHARS = 120


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
        if not value.strip():
            return "an empty string"
        if len(value) > DESCRIBE_CHARS:  # a message shows the start of a long value, never all of it
            return json.dumps(value[:DESCRIBE_CHARS], ensure_ascii=False)[:-1] + f'…" ({len(value):,} characters)'
        return json.dumps(value, ensure_ascii=False)
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


# Bounds for files that may come from a stranger's pull request: far above what any real file needs.
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 10
_FILE_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _kind_of(mode: int) -> str:
    return next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")


def read_regular_file(path: Path, display: str, inside: Path | None = None,
                      limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, Problem | None]:
    """The bytes of `path` if it is a regular file (not a link, device or FIFO) inside `inside`, within `limit`.

    Nothing that fails a check is opened, so a link to a secret or a FIFO that never ends is neither read nor shown."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None, Problem(display, None, "", "expected a file, found nothing at this path")
    except OSError as error:
        return None, Problem(display, None, "", f"expected a readable file, found an error: {error.strerror}")
    if stat.S_ISLNK(info.st_mode):
        return None, Problem(display, None, "", "expected a regular file, found a symbolic link; links are refused "
                                                "(they can point outside the repository) and were not followed")
    if not stat.S_ISREG(info.st_mode):
        return None, Problem(display, None, "", f"expected a regular file, found {_kind_of(info.st_mode)}; it was not opened")
    if inside is not None and not path.resolve().is_relative_to(inside.resolve()):
        return None, Problem(display, None, "", f"expected a path inside {inside.name}/, found one that resolves outside it")
    if info.st_size > limit:
        return None, Problem(display, None, "", f"expected at most {limit // 1024} KB, found {info.st_size:,} bytes; "
                                                "the file was not read")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return None, Problem(display, None, "", f"expected a readable file, found an error: {error.strerror}")
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced between the checks and the open
            return None, Problem(display, None, "", "expected a regular file, found it replaced while reading")
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        return None, Problem(display, None, "", f"expected at most {limit // 1024} KB, found more; the file was not read")
    return raw, None


def _structure_problem(text: str, display: str) -> Problem | None:
    """Refuse anchors and aliases (a few lines can expand to gigabytes) and nesting deeper than MAX_DEPTH,
    from the event stream, before anything is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return Problem(display, event.start_mark.line + 1, "",
                           "expected no YAML anchors or aliases (& or *), found one; data files have no use for them, "
                           "and a few of them can make a small file expand without bound (quote a value that starts with & or *)")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return Problem(display, event.start_mark.line + 1, "",
                               f"expected nesting at most {MAX_DEPTH} levels deep, found deeper nesting")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def parse_yaml(text: str, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML text; return the document (None on a syntax error or a refused structure) and its problems."""
    try:
        refused = _structure_problem(text, display)
        if refused is not None:
            return None, [refused]
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
    try:
        data = builder.build(node, ())
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        return None, [Problem(display, mark.line + 1 if mark else None, "",
                              f"expected plain YAML values, found {error.problem or 'a value YAML cannot build'}")]
    except (ValueError, TypeError, OverflowError) as error:  # e.g. a timestamp like 2024-13-45
        return None, [Problem(display, None, "", f"expected plain YAML values, found one YAML cannot build ({error})")]
    return YamlDocument(display, data, builder.lines), builder.problems


def decode_utf8(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    """Strict UTF-8 (a leading byte-order mark dropped), or a problem naming the first bad byte's line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, Problem(display, line, "", f"expected UTF-8 text, found byte 0x{raw[error.start]:02X} "
                                                f"that is not valid UTF-8 (save the file as UTF-8)")
    return (text[1:] if text.startswith("\ufeff") else text), None


def read_yaml_file(path: Path, display: str, inside: Path | None = None) -> tuple[YamlDocument | None, list[Problem]]:
    """Read a regular file inside `inside` as strict UTF-8 and parse it as bounded YAML."""
    raw, problem = read_regular_file(path, display, inside)
    if raw is None:
        return None, [problem] if problem else []
    text, problem = decode_utf8(raw, display)
    if text is None:
        return None, [problem] if problem else []
    return parse_yaml(text, display)
