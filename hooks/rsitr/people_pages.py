"""Author index and author pages."""
from __future__ import annotations

from itertools import groupby

from . import paths
from .authors import Person, coauthors, collect_people
from .markdown import link, relative, text
from .model import Database, slugify


def authors_index(persons: dict[str, Person]) -> str:
    page = paths.AUTHORS
    ordered = sorted(persons.values(), key=lambda p: p.sort_key)
    out = ["# Authors\n", f"{len(ordered)} people. Spellings of one person are merged through "
           "`papers/_meta/authors.yaml`.\n"]
    for letter, group in groupby(ordered, key=lambda p: (p.family[:1] or "?").upper()):
        out.append(f"## {text(letter)} {{ #letter-{slugify(letter) or 'other'} }}\n")
        out.append("\n".join(f"- {link(p.name, relative(page, paths.author_page(p.slug)))} ({len(p.papers)})" for p in group) + "\n")
    return "\n".join(out)


def author_page(person: Person, db: Database) -> str:
    """A person's papers and co-authors. Search finds the page by the name only, ranked below papers."""
    page = paths.author_page(person.slug)
    out = [f'---\nrsitr_index: true\n---\n\n# {text(person.name)} {{ data-pagefind-weight="0.5" }}\n',
           f'<span data-pagefind-meta="kind:Author"></span>Author of {len(person.papers)} '
           f'paper{"s" if len(person.papers) != 1 else ""} listed here.\n',
           '<div data-pagefind-ignore="all" markdown>\n']
    others = sorted(person.spellings - {person.name})
    if others:
        out.append("Also written: " + ", ".join(text(s) for s in others) + "\n")
    out.append(f"## Papers ({len(person.papers)})\n")
    out += [f"- {link(p.title, relative(page, paths.paper_page(p)))}: {text(p.venue.short)} {p.year}"
            for p in sorted(person.papers, key=lambda p: (-p.year, p.title.casefold()))]
    shared = coauthors(person, db.people)
    if shared:
        out.append(f"\n## Co-authors ({len(shared)})\n")
        out += [f"- {link(name, relative(page, paths.author_page(slugify(name))))} ({n})"
                for name, n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0].casefold()))]
    out.append("\n</div>")
    return "\n".join(out) + "\n"


def author_files(db: Database) -> dict[str, str]:
    persons = collect_people(db.papers, db.people)
    files = {paths.AUTHORS: authors_index(persons)}
    for person in persons.values():
        files[paths.author_page(person.slug)] = author_page(person, db)
    return files
