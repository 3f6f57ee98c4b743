"""People: merging spellings through the alias list, flagging likely duplicates, author pages."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from .model import Author, Paper, People, slugify


@dataclass
class Person:
    name: str
    papers: list[Paper] = field(default_factory=list)
    spellings: set[str] = field(default_factory=set)

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def family(self) -> str:
        return self.sort_key[0]

    @property
    def sort_key(self) -> tuple[str, str]:
        parts = self.name.rsplit(" ", 1)
        return (_fold(parts[-1]), _fold(parts[0]) if len(parts) > 1 else "")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _given_parts(given: str) -> list[str]:
    return [p for p in re.split(r"[\s.\-]+", _fold(given)) if p]


def compatible_given_names(a: str, b: str) -> bool:
    """True when two given names may be one person: same letters ignoring case, spaces, hyphens and
    accents (Zhan-Rong / Zhanrong), or one written with initials that match the other (F. / Fan)."""
    if re.sub(r"[^a-z]", "", _fold(a)) == re.sub(r"[^a-z]", "", _fold(b)):
        return True
    pa, pb = _given_parts(a), _given_parts(b)
    if not pa or not pb:
        return False
    if not (_abbreviated(a) or _abbreviated(b)):
        return False
    short, long_ = (pa, pb) if len("".join(pa)) <= len("".join(pb)) else (pb, pa)
    return len(short) <= len(long_) and all(long_[i].startswith(s) for i, s in enumerate(short))


def _letters(given: str) -> str:
    return re.sub(r"[^a-z]", "", _fold(given))


def _abbreviated(given: str) -> bool:
    return re.search(r"\b[A-Z]\.(\s|$|-)|^[A-Z]$", given.strip()) is not None


def likely_duplicates(authors: list[Author], people: People) -> list[tuple[Author, Author]]:
    """Pairs of different spellings that look like one person and are not resolved by the alias list.

    Only names that can be compatible are compared: the same letters, or an abbreviated name
    against names with the same initial, so the check stays linear in the number of people."""
    by_family: dict[str, dict[str, Author]] = defaultdict(dict)
    for author in authors:
        name = people.name_of(author)
        group = by_family[_fold(author.family)]
        # The spelling that is the person's site name represents them, when it occurs.
        if name not in group or author.full == name:
            group[name] = author
    pairs = []
    for names in by_family.values():
        candidates: set[tuple[str, str]] = set()
        by_letters: dict[str, list[str]] = defaultdict(list)
        by_initial: dict[str, list[str]] = defaultdict(list)
        for name, author in names.items():
            by_letters[_letters(author.given)].append(name)
            by_initial[_letters(author.given)[:1]].append(name)
        for group in by_letters.values():
            candidates.update(combinations(sorted(group), 2))
        for name, author in names.items():
            if _abbreviated(author.given):
                candidates.update(tuple(sorted((name, other))) for other in by_initial[_letters(author.given)[:1]]
                                  if other != name)
        for name_a, name_b in sorted(candidates):
            if frozenset((name_a, name_b)) in people.distinct:
                continue
            if compatible_given_names(names[name_a].given, names[name_b].given):
                pairs.append((names[name_a], names[name_b]))
    return pairs


def collect_people(papers: list[Paper], people: People) -> dict[str, Person]:
    """Every person by slug, with their papers newest first."""
    persons: dict[str, Person] = {}
    for paper in papers:
        for author in paper.authors:
            name = people.name_of(author)
            person = persons.setdefault(slugify(name), Person(name))
            if paper not in person.papers:
                person.papers.append(paper)
            person.spellings.add(author.full)
    return persons


def coauthors(person: Person, people: People) -> dict[str, int]:
    """Co-author name -> number of shared papers."""
    counts: dict[str, int] = defaultdict(int)
    for paper in person.papers:
        for name in {people.name_of(a) for a in paper.authors} - {person.name}:
            counts[name] += 1
    return dict(counts)
