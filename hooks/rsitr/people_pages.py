"""Author index and author pages."""
from __future__ import annotations

from itertools import groupby

from markupsafe import Markup

from . import paths
from .authors import Person, coauthors, collect_people
from .markdown import link, page_url, relative, text
from .model import Database, slugify
from .prerender import Prerendered, heading, heading_id


def authors_index(persons: dict[str, Person]) -> str:
    page = paths.AUTHORS
    ordered = sorted(persons.values(), key=lambda p: p.sort_key)
    out = ["# Authors\n", f"{len(ordered)} people. Spellings of one person are merged through "
           "`papers/_meta/authors.yaml`.\n"]
    for letter, group in groupby(ordered, key=lambda p: (p.family[:1] or "?").upper()):
        out.append(f"## {text(letter)} {{ #letter-{slugify(letter) or 'other'} }}\n")
        out.append("\n".join(f"- {link(p.name, relative(page, paths.author_page(p.slug)))} ({len(p.papers)})" for p in group) + "\n")
    return "\n".join(out)


def author_page_html(person: Person, db: Database) -> Prerendered:
    """A person's papers and co-authors, built as HTML (no Markdown round trip). Search finds the page by
    the name only, ranked below papers."""
    page = paths.author_page(person.slug)
    taken: set[str] = set()
    title_id = heading_id(person.name, taken)
    headings = [(1, title_id, person.name, "")]
    count = len(person.papers)
    out = [heading(1, person.name, title_id, Markup(' data-pagefind-weight="0.5"')),
           Markup('<p><span data-pagefind-meta="kind:Author"></span>Author of {} paper{} listed here.</p>').format(
               count, "s" if count != 1 else "")]
    others = sorted(person.spellings - {person.name})
    if others:
        out.append(Markup("<p>Also written: {}</p>").format(", ".join(others)))
    out.append(Markup('<div data-pagefind-ignore="all">'))
    papers_title = f"Papers ({count})"
    papers_id = heading_id(papers_title, taken)
    headings.append((2, papers_id, papers_title, ""))
    out.append(heading(2, papers_title, papers_id))
    items = [Markup('<li><a href="{}">{}</a>: {} {}</li>').format(page_url(page, paths.paper_page(p)), p.title, p.venue.short, p.year)
             for p in sorted(person.papers, key=lambda p: (-p.year, p.title.casefold()))]
    out.append(Markup("<ul>\n{}\n</ul>").format(Markup("\n").join(items)))
    shared = coauthors(person, db.people)
    if shared:
        title = f"Co-authors ({len(shared)})"
        anchor = heading_id(title, taken)
        headings.append((2, anchor, title, ""))
        out.append(heading(2, title, anchor))
        items = [Markup('<li><a href="{}">{}</a> ({})</li>').format(page_url(page, paths.author_page(slugify(name))), name, n)
                 for name, n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0].casefold()))]
        out.append(Markup("<ul>\n{}\n</ul>").format(Markup("\n").join(items)))
    out.append(Markup("</div>"))
    return Prerendered(html=str(Markup("\n").join(out)), title=person.name, headings=tuple(headings),
                       meta={"rsitr_index": True})


def author_pages_html(db: Database) -> dict[str, Prerendered]:
    """Every author page, pre-rendered, keyed by its source path."""
    return {paths.author_page(person.slug): author_page_html(person, db)
            for person in collect_people(db.papers, db.people).values()}
