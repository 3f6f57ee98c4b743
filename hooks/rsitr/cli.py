"""Command line: `rsitr validate` checks the database and lists every problem; `rsitr import` adds a paper from a
BibTeX entry, a DOI or an arXiv id; `rsitr check-remote` reports drift against Crossref and arXiv; `rsitr watch` lists
new candidate papers.

Expected failures (a missing or unreadable file, text that is not UTF-8, malformed BibTeX, missing
README markers, a read-only target) end in one line, `rsitr <command>: <file>: expected ..., found ...`,
and a non-zero exit, with nothing written; anything else is a bug and keeps its traceback.
"""
from __future__ import annotations

import argparse
import datetime as dt
import errno
import os
import sys
from pathlib import Path

from .atomic import write_atomically
from .drift import Difference, arxiv_differences, crossref_differences, drift_problems, missing_difference
from .fetch import (
    Cache, Client, FetchError, arxiv_search, arxiv_works_of, contact_from, crossref_search, crossref_work_of,
    default_cache_dir,
)
from .importer import ImportError_, already_listed, import_entry, import_work
from .load import DatabaseError, load_database
from .readme import site_url_of, update_readme
from .remote import Identifier, Work, crossref_work_url, parse_identifier
from .watch import WATCH_FILE, arxiv_query, candidate_line, crossref_filters, read_watch_config, select_candidates, summary_line
from .vocab import META_DIR
from .yamlfile import Problem, YamlDocument, decode_utf8, read_regular_file, read_yaml_file

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


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-01-31, found {text!r}") from None


def _remote_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--papers", default="papers", type=Path, help="the papers directory (default: papers)")
    parser.add_argument("--cache", type=Path, help="directory of cached answers (default: ~/.cache/rsitr/remote)")
    parser.add_argument("--max-age", type=float, default=24, help="hours a cached answer stays fresh (default: 24; 0: ask again)")
    parser.add_argument("--markdown", type=Path, help="also write the findings as Markdown to this file (empty when none)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rsitr", description="Awesome RSITR database tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check every paper file and report all problems")
    check.add_argument("papers", nargs="?", default="papers", type=Path, help="the papers directory (default: papers)")
    add = sub.add_parser("import", help="create papers/<id>.yaml from a BibTeX entry, a DOI or an arXiv id")
    add.add_argument("bibtex", metavar="source", help="a .bib file holding one entry, - to read standard input, a DOI, "
                                                      "a doi.org URL, an arXiv id or an arxiv.org URL")
    add.add_argument("--papers", default="papers", type=Path, help="the papers directory (default: papers)")
    remote = sub.add_parser("check-remote", help="report where records differ from what Crossref and arXiv say now")
    remote.add_argument("ids", nargs="*", help="check only these records (default: every record with a DOI or arXiv id)")
    _remote_options(remote)
    remote.add_argument("--exit-zero", action="store_true", help="exit 0 even when differences are found")
    watch = sub.add_parser("watch", help="list new papers on arXiv and Crossref that match papers/_meta/watch.yaml")
    watch.add_argument("--since", required=True, type=_date, help="first submission or publication date, e.g. 2026-01-31")
    watch.add_argument("--until", type=_date, help="last date (default: today)")
    _remote_options(watch)
    readme = sub.add_parser("readme", help="regenerate the paper list in README.md from the database")
    readme.add_argument("--check", action="store_true", help="only report whether README.md is up to date")
    readme.add_argument("--root", default=".", type=Path, help="the project directory (default: .)")
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return validate(args.papers)
        if args.command == "readme":
            return regenerate_readme(args.root, args.check)
        if args.command == "check-remote":
            return check_remote(args.papers, args.ids, _cache(args), args.markdown, args.exit_zero)
        if args.command == "watch":
            return watch_new(args.papers, args.since, args.until or dt.date.today(), _cache(args), args.markdown)
        return import_paper(args.bibtex, args.papers)
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


def import_paper(source: str, papers_dir: Path) -> int:
    """A BibTeX file (or - for standard input), else a DOI or arXiv id."""
    identifier = parse_identifier(source) if source != "-" and not os.path.lexists(source) else None
    if identifier is not None:
        return import_identifier(identifier, source, papers_dir)
    return import_bibtex(source, papers_dir)


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



def new_client(contact: str) -> Client:
    """The HTTP client of the remote commands (tests replace it to skip the pauses between requests)."""
    return Client(contact)


def _client(target: str) -> Client:
    try:
        return new_client(contact_from(os.environ))
    except FetchError as error:
        raise CommandError(target, str(error)) from None


def _cache(args: argparse.Namespace) -> Cache:
    directory = args.cache or default_cache_dir(os.environ)
    return Cache(directory if args.max_age > 0 else None, max_age=args.max_age * 3600)


def import_identifier(identifier: Identifier, source: str, papers_dir: Path) -> int:
    """Import from Crossref (a DOI) or arXiv (an arXiv id; its published version from Crossref when arXiv names a DOI)."""
    _needs_papers(papers_dir)
    try:  # a paper already listed is refused without asking anyone; the full checks follow the answer
        duplicate = already_listed(load_database(papers_dir), doi=identifier.value if identifier.kind == "doi" else None,
                                   arxiv=identifier.value if identifier.kind == "arxiv" else None)
    except DatabaseError:
        duplicate = None
    if duplicate:
        raise CommandError(identifier.value, duplicate)
    client = _client(identifier.value)
    try:
        preprint: Work | None = None
        if identifier.kind == "doi":
            work = _crossref_or_fail(client, identifier.value)
        else:
            found = arxiv_works_of(client, [identifier.value])[identifier.value]
            if isinstance(found, str):
                raise CommandError(identifier.value, f"expected a paper arXiv knows, found {found}")
            work = preprint = found
            if found.doi:
                work = _crossref_or_fail(client, found.doi)
        imported = import_work(work, papers_dir, preprint=preprint if work is not preprint else None)
    except FetchError as error:
        raise CommandError(identifier.value, str(error)) from None
    except ImportError_ as error:
        raise CommandError(identifier.value, str(error)) from None
    except PermissionError:
        raise CommandError(str(papers_dir), "expected a directory this user may write, found permission denied "
                                            "(nothing was written)") from None
    finally:
        client.close()
    both = preprint is not None and work is not preprint
    print(f"Wrote {imported.path} from {work.service}{' and arXiv' if both else ''}. Now fill in `category`, check every "
          f"field against the publisher page or PDF and add that page to `sources`, then run `rsitr validate`.")
    for note in imported.notes:
        print(f"Note: {note}.")
    return validate(papers_dir)


def _crossref_or_fail(client: Client, doi: str) -> Work:
    found = crossref_work_of(client, doi)
    if isinstance(found, str):
        raise FetchError(f"expected a DOI registered with Crossref, found {found} at {crossref_work_url(doi)}", 404)
    return found


def _docs(papers_dir: Path, ids: list[str]) -> dict[str, YamlDocument | None]:
    docs = {}
    for paper_id in ids:
        path = papers_dir / f"{paper_id}.yaml"
        docs[paper_id] = read_yaml_file(path, path.relative_to(papers_dir.parent).as_posix(), papers_dir)[0]
    return docs


def _write_markdown(path: Path | None, title: str, lines: list[str], summary: str, footer: str) -> None:
    if path is None:
        return
    text = ""
    if lines:
        body = "\n".join(lines)
        if len(body) > 60_000:  # an issue body holds 65,536 characters
            kept = body[:60_000].rsplit("\n", 1)[0]
            body = kept + f"\n… {len(lines) - kept.count(chr(10)) - 1} more line(s); run the command locally for all"
        text = f"{title}\n\n```text\n{body}\n```\n\n{summary}\n\n{footer}\n"
    write_text(path, text)


def check_remote(papers_dir: Path, only: list[str], cache: Cache, markdown: Path | None, exit_zero: bool) -> int:
    """Compare every record with a DOI or arXiv id (or only `only`) with Crossref and arXiv; never edits a record."""
    _needs_papers(papers_dir)
    db = load_database(papers_dir)
    unknown = [paper_id for paper_id in only if paper_id not in db.by_id]
    if unknown:
        raise CommandError(str(papers_dir), f"expected ids of records in the database, found {', '.join(map(repr, unknown))}")
    papers = [p for p in sorted(db.papers, key=lambda p: p.id) if (p.doi or p.arxiv) and (not only or p.id in only)]
    docs = _docs(papers_dir, [p.id for p in papers])
    client = _client(str(papers_dir))
    current = str(papers_dir)
    problems: list[Problem] = []
    accepted = 0
    try:
        arxiv = arxiv_works_of(client, [p.arxiv for p in papers if p.arxiv], cache)
        for paper in papers:
            current = paper.path
            differences: list[Difference] = []
            if paper.doi:
                work = crossref_work_of(client, paper.doi, cache)
                differences += (crossref_differences(paper, work, db.venues) if isinstance(work, Work)
                                else [missing_difference("doi", "crossref", work, paper.doi)])
            if paper.arxiv:
                found = arxiv[paper.arxiv]
                differences += (arxiv_differences(paper, found) if isinstance(found, Work)
                                else [missing_difference("arxiv", "arxiv", found, paper.arxiv)])
            shown, skipped = drift_problems(paper, docs[paper.id], differences)
            problems += shown
            accepted += skipped
    except FetchError as error:
        raise CommandError(current, str(error)) from None
    finally:
        client.close()
    lines = [str(problem) for problem in sorted(problems, key=lambda p: (p.file, p.line or 0, p.field))]
    for line in lines:
        print(line)
    records = len({problem.file for problem in problems})
    summary = (f"Checked {len(papers)} record(s) against Crossref ({sum(1 for p in papers if p.doi)} DOIs) and arXiv "
               f"({sum(1 for p in papers if p.arxiv)} ids): {len(lines)} difference(s) in {records} record(s)"
               f"{f', {accepted} accepted difference(s) not shown' if accepted else ''}.")
    print(summary)
    _write_markdown(markdown, "Records that differ from what Crossref and arXiv say now (`rsitr check-remote`):", lines,
                    summary, "Fix the record, or, when the record is right, accept the difference under `checked.accepted` "
                    "(see CONTRIBUTING.md, \"Keeping records current\"). This issue is updated by the weekly workflow.")
    return 1 if lines and not exit_zero else 0


def watch_new(papers_dir: Path, since: dt.date, until: dt.date, cache: Cache, markdown: Path | None) -> int:
    """List arXiv and Crossref papers since `since` that match watch.yaml and are neither listed nor rejected."""
    _needs_papers(papers_dir)
    path = papers_dir / META_DIR / WATCH_FILE
    config, problems = read_watch_config(path, path.relative_to(papers_dir.parent).as_posix(), papers_dir)
    if config is None:
        first = problems[0] if problems else Problem(str(path), None, "", "expected a watch file, found none")
        where = f"{first.file}:{first.line}" if first.line else first.file
        raise CommandError(where, f"{first.field}: {first.message}" if first.field else first.message)
    if until < since:
        raise CommandError("--since", f"expected a date on or before --until {until.isoformat()}, found {since.isoformat()}")
    db = load_database(papers_dir)
    client = _client(str(path))
    try:
        works = _cached_search(cache, "arxiv", arxiv_query(config, since, until),
                               lambda: arxiv_search(client, arxiv_query(config, since, until), config.arxiv_max))
        filters = crossref_filters(config, since, until)
        works += _cached_search(cache, "crossref", config.crossref_query + "|" + ",".join(filters),
                                lambda: crossref_search(client, config.crossref_query, filters, config.crossref_max))
    except FetchError as error:
        raise CommandError(str(path), str(error)) from None
    finally:
        client.close()
    result = select_candidates(works, db, config)
    lines = [candidate_line(work) for work in result.candidates]
    for line in lines:
        print(line)
    summary = summary_line(result, since)
    print(summary)
    _write_markdown(markdown, f"New candidate papers since {since.isoformat()} (`rsitr watch`), ready for `rsitr import`:",
                    lines, summary, "Check each against papers/_meta/scope.yaml; add it with `rsitr import <id>`, or list "
                    "it in papers/_meta/rejected.yaml with the reason. This issue is updated by the weekly workflow.")
    return 0


def _cached_search(cache: Cache, service: str, query: str, run) -> list[Work]:
    key = f"v1:search:{service}:{query}"
    stored = cache.get(key)
    if isinstance(stored, list):
        return [Work.from_json(item) for item in stored]
    works = run()
    cache.put(key, [work.to_json() for work in works])
    return works


if __name__ == "__main__":
    sys.exit(main())
