"""Command line: `rsitr validate` checks the database and lists every problem.

Expected failures (a missing or unreadable file, text that is not UTF-8, malformed BibTeX, missing
README markers, a read-only target) end in one line, `rsitr <command>: <file>: expected ..., found ...`,
and a non-zero exit, with nothing written; anything else is a bug and keeps its traceback.
"""
from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from .atomic import write_atomically
from .importer import ImportError_, import_entry
from .load import DatabaseError, load_database
from .readme import site_url_of, update_readme
from .yamlfile import decode_utf8, read_regular_file

README_LIMIT = 4 * 1024 * 1024


class CommandError(Exception):
    """An expected failure, told in one line: '<file>: expected ..., found ...'."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__(f"{file}: {message}")


def _needs_papers(papers_dir: Path) -> None:
    if not papers_dir.is_dir():
        raise CommandError(str(papers_dir), "expected the directory of paper files, found no such directory")


def read_text(path: Path, limit: int = README_LIMIT) -> str:
    """A regular UTF-8 file's text, or CommandError saying what is wrong with it."""
    raw, problem = read_regular_file(path, str(path), limit=limit)
    if raw is None:
        raise CommandError(str(path), problem.message if problem else "expected a readable file, found none")
    text, problem = decode_utf8(raw, str(path))
    if text is None:
        line = f" (line {problem.line})" if problem and problem.line else ""
        raise CommandError(str(path), f"expected UTF-8 text, found bytes that are not valid UTF-8{line}")
    return text


def write_text(path: Path, text: str) -> None:
    try:
        write_atomically(path, text)
    except PermissionError:
        raise CommandError(str(path), "expected a file this user may write, found permission denied (nothing was written)") from None
    except OSError as error:
        if error.errno in (errno.EROFS, errno.EACCES):
            raise CommandError(str(path), f"expected a writable file system, found {error.strerror} (nothing was written)") from None
        raise


def validate(papers_dir: Path) -> int:
    _needs_papers(papers_dir)
    try:
        db = load_database(papers_dir)
    except DatabaseError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{papers_dir}: {len(db.papers)} papers, no problems.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rsitr", description="Awesome RSITR database tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check every paper file and report all problems")
    check.add_argument("papers", nargs="?", default="papers", type=Path, help="the papers directory (default: papers)")
    add = sub.add_parser("import", help="create papers/<id>.yaml from one BibTeX entry (file or - for stdin)")
    add.add_argument("bibtex", help="a .bib file holding one entry, or - to read standard input")
    add.add_argument("--papers", default="papers", type=Path, help="the papers directory (default: papers)")
    readme = sub.add_parser("readme", help="regenerate the paper list in README.md from the database")
    readme.add_argument("--check", action="store_true", help="only report whether README.md is up to date")
    readme.add_argument("--root", default=".", type=Path, help="the project directory (default: .)")
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return validate(args.papers)
        if args.command == "readme":
            return regenerate_readme(args.root, args.check)
        return import_bibtex(args.bibtex, args.papers)
    except CommandError as error:
        print(f"rsitr {args.command}: {error}", file=sys.stderr)
        return 1
    except DatabaseError as error:
        print(f"rsitr {args.command}: the database has problems; fix them first.\n{error}", file=sys.stderr)
        return 1


def regenerate_readme(root: Path, check: bool) -> int:
    _needs_papers(root / "papers")
    path = root / "README.md"
    current = read_text(path)
    site_url = site_url_of(read_text(root / "mkdocs.yml"))
    db = load_database(root / "papers")
    try:
        updated = update_readme(current, db, site_url)
    except ValueError as error:
        raise CommandError(str(path), str(error).split(": ", 1)[-1]) from None
    if check:
        if updated != current:
            print("README.md is out of date: run `rsitr readme` and commit the result.", file=sys.stderr)
            return 1
        print("README.md is up to date.")
        return 0
    write_text(path, updated)
    print(f"Wrote the paper list of {path} ({len(db.papers)} papers).")
    return 0


def import_bibtex(source: str, papers_dir: Path) -> int:
    if source == "-":
        try:
            text = sys.stdin.buffer.read().decode("utf-8")
        except UnicodeDecodeError:
            raise CommandError("standard input", "expected UTF-8 text, found bytes that are not valid UTF-8") from None
    else:
        text = read_text(Path(source), limit=1024 * 1024)
    _needs_papers(papers_dir)
    try:
        imported = import_entry(text, papers_dir)
    except ImportError_ as error:
        raise CommandError(source if source != "-" else "standard input", str(error)) from None
    except PermissionError:
        raise CommandError(str(papers_dir), "expected a directory this user may write, found permission denied "
                                            "(nothing was written)") from None
    print(f"Wrote {imported.path}. Now fill in `category` and `sources`, check every field against the "
          f"publisher page, then run `rsitr validate`.")
    return validate(papers_dir)


if __name__ == "__main__":
    sys.exit(main())
