"""Command line: `rsitr validate` checks the database and lists every problem."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .load import DatabaseError, load_database


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
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.papers)
    return 2


if __name__ == "__main__":
    sys.exit(main())
