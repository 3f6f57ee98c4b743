"""Command line: `rsitr validate` checks the database and lists every problem."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .importer import ImportError_, import_entry
from .load import DatabaseError, load_database
from .readme import site_url_of, update_readme


def validate(papers_dir: Path) -> int:
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
    if args.command == "validate":
        return validate(args.papers)
    if args.command == "readme":
        return regenerate_readme(args.root, args.check)
    return import_bibtex(args.bibtex, args.papers)


def regenerate_readme(root: Path, check: bool) -> int:
    db = load_database(root / "papers")
    path = root / "README.md"
    current = path.read_text(encoding="utf-8")
    updated = update_readme(current, db, site_url_of(root / "mkdocs.yml"))
    if check:
        if updated != current:
            print("README.md is out of date: run `rsitr readme` and commit the result.", file=sys.stderr)
            return 1
        print("README.md is up to date.")
        return 0
    path.write_text(updated, encoding="utf-8")
    print(f"Wrote the paper list of {path} ({len(db.papers)} papers).")
    return 0


def import_bibtex(source: str, papers_dir: Path) -> int:
    text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    try:
        imported = import_entry(text, papers_dir)
    except ImportError_ as error:
        print(f"rsitr import: {error}", file=sys.stderr)
        return 1
    except DatabaseError as error:
        print(f"rsitr import: fix the database first.\n{error}", file=sys.stderr)
        return 1
    print(f"Wrote {imported.path}. Now fill in `category` and `sources`, check every field against the "
          f"publisher page, then run `rsitr validate`.")
    return validate(papers_dir)


if __name__ == "__main__":
    sys.exit(main())
