"""Author index and author pages."""
from __future__ import annotations

from itertools import groupby

from markupsafe import Markup, escape

from . import paths
from .authors import Person, coauthors, collect_people
from .model import Database, slugify
from .prerender import HtmlPage, Prerendered, anchor, bullet_list, paragraph


def authors_index(persons: dict[str, Person]) -> Prerendered:
    p = HtmlPage(paths.AUTHORS)
    ordered = sorted(persons.values(), key=lambda person: person.sort_key)
    p.heading(1, "Authors")
    p.add(paragraph(Markup(f"{len(ordered)} people. Spellings of one person are merged through "
                           "<code>papers/_meta/authors.yaml</code>.")))
    for letter, group in groupby(ordered, key=lambda person: (person.family[:1] or "?").upper()):
        p.heading(2, letter, f"letter-{slugify(letter) or 'other'}")
        p.add(bullet_list([anchor(person.name, p.url(paths.author_page(person.slug))) + Markup(f" ({len(person.papers)})")
                           for person in group]))
    return p.done("Authors")


def author_page_html(person: Person, db: Database) -> Prerendered:
    """A person's papers and co-authors, built as HTML (no Markdown round trip). Search finds the page by
    the name only, ranked below papers."""
    p = HtmlPage(paths.author_page(person.slug))
    p.heading(1, person.name, attrs=Markup(' data-pagefind-weight="0.5"'))
    count = len(person.papers)
    p.add(Markup('<p><span data-pagefind-meta="kind:Author"></span>Author of {} paper{} listed here.</p>').format(
        count, "s" if count != 1 else ""))
    others = sorted(person.spellings - {person.name})
    if others:
        p.add(Markup("<p>Also written: {}</p>").format(", ".join(others)))
    p.add(Markup('<div data-pagefind-ignore="all">'))
    p.heading(2, f"Papers ({count})")
    p.add(bullet_list([anchor(x.title, p.url(paths.paper_page(x))) + Markup(f": {escape(x.venue.short)} {x.year}")
                       for x in sorted(person.papers, key=lambda x: (-x.year, x.title.casefold()))]))
    shared = coauthors(person, db.people)
    if shared:
        p.heading(2, f"Co-authors ({len(shared)})")
        p.add(bullet_list([anchor(name, p.url(paths.author_page(slugify(name)))) + Markup(f" ({n})")
                           for name, n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0].casefold()))]))
    p.add(Markup("</div>"))
    return p.done(person.name, {"rsitr_index": True})


def author_pages_html(db: Database, persons: dict[str, Person] | None = None) -> dict[str, Prerendered]:
    """Every author page, pre-rendered, keyed by its source path (`persons`: collect_people's result, if known)."""
    persons = persons if persons is not None else collect_people(db.papers, db.people)
    return {paths.author_page(person.slug): author_page_html(person, db) for person in persons.values()}
