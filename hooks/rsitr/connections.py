"""How papers connect: who compared against a method or re-ran it, and which papers are related."""
from __future__ import annotations

from collections import Counter

from .model import Database, Paper

# A feature shared by more papers than this says little about two of them (e.g. RSICD).
COMMON_FEATURE = 200
WEIGHTS = {"author": 3, "dataset": 2, "tag": 1}
RELATED_LIMIT = 5


def compared_in(paper: Paper, db: Database) -> list[Paper]:
    """Other records whose result tables list this paper's method, newest first."""
    if not paper.method:
        return []
    found = {holder.id: holder for holder, _ in db.results_by_method.get(paper.method.casefold(), [])
             if holder.id != paper.id}
    found |= {r.source.paper: db.by_id[r.source.paper] for _, r in db.results_by_method.get(paper.method.casefold(), [])
              if r.source.paper != paper.id}
    return sorted(found.values(), key=lambda p: (-p.year, p.id))


def rerun_by(paper: Paper, db: Database) -> list[Paper]:
    """Records that re-ran this paper's method (their rows name them in `reported_by`), newest first."""
    if not paper.method:
        return []
    ids = {r.reported_by for _, r in db.results_by_method.get(paper.method.casefold(), [])
           if r.reported_by not in (None, "own", paper.id)}
    return sorted((db.by_id[i] for i in ids), key=lambda p: (-p.year, p.id))


def related_papers(paper: Paper, db: Database, limit: int = RELATED_LIMIT) -> list[tuple[Paper, list[str]]]:
    """The papers sharing most authors, datasets and tags with `paper` (weighted), with what they share.

    Ties go to the newer paper, then the id, so the list is the same on every build."""
    own = {f"author:{db.people.name_of(a)}" for a in paper.authors}
    own |= {f"dataset:{d}" for d in paper.datasets} | {f"tag:{t}" for t in paper.tags}
    score: Counter[str] = Counter()
    shared: dict[str, list[str]] = {}
    for key in sorted(own):
        holders = db.papers_by_feature.get(key, [])
        if len(holders) > COMMON_FEATURE:
            continue
        kind, _, value = key.partition(":")
        for other in holders:
            if other.id != paper.id:
                score[other.id] += WEIGHTS[kind]
                shared.setdefault(other.id, []).append(value if kind != "dataset" else db.datasets[value].name)
    ranked = sorted(score, key=lambda i: (-score[i], -db.by_id[i].year, i))[:limit]
    return [(db.by_id[i], shared[i]) for i in ranked if score[i] >= 2]
