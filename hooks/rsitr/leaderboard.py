"""Leaderboards: every reported result on a dataset, ranked by mR, each row traceable to its table."""
from __future__ import annotations

from dataclasses import dataclass

from . import paths
from .markdown import link, relative, table, text
from .model import Database, Dataset, Paper, Result

MIN_ROWS_FOR_LEADERBOARD = 3
COLUMNS = ("I→T R@1", "I→T R@5", "I→T R@10", "T→I R@1", "T→I R@5", "T→I R@10", "mR")


@dataclass(frozen=True)
class Row:
    paper: Paper  # the record holding the row
    result: Result

    @property
    def values(self) -> tuple[float, ...]:
        return (*self.result.recalls, self.result.shown_mr)


def rows_for(db: Database, dataset: str) -> list[Row]:
    """Rows on `dataset`, best mR first; a row repeated verbatim in another table is kept once."""
    seen, rows = set(), []
    for paper in db.papers:
        for result in paper.results:
            if result.dataset != dataset:
                continue
            key = (result.method.casefold(), (result.variant or "").casefold(), result.recalls)
            if key in seen:
                continue
            seen.add(key)
            rows.append(Row(paper, result))
    rows.sort(key=lambda r: (-r.result.shown_mr, r.result.method.casefold(), r.result.variant or "", r.paper.id))
    return rows


def distinct_methods(rows: list[Row]) -> set[str]:
    return {r.result.method.casefold() for r in rows}


def _table(rows: list[Row], page: str, db: Database) -> str:
    best = [max(r.values[i] for r in rows) for i in range(len(COLUMNS))] if rows else []
    body = []
    for rank, row in enumerate(rows, 1):
        r = row.result
        cells = []
        for i, value in enumerate(row.values):
            cell = f"{value:.2f}"
            cells.append(f"**{cell}**" if abs(value - best[i]) < 1e-9 else cell)
        source = db.by_id[r.source.paper]
        note = " †" if r.note else ""
        body.append([
            str(rank),
            link(r.method, relative(page, paths.paper_page(row.paper))) + note,
            text(r.variant or "–"),
            "yes" if r.extra_data else "no",
            *cells,
            f"{link(source.id, relative(page, paths.paper_page(source)))}, {text(r.source.table)}",
        ])
    header = ["#", "Method", "Variant", "Extra data", *COLUMNS, "Source"]
    return table(header, body, ["---:", "---", "---", "---"] + ["---:"] * len(COLUMNS) + ["---"])


def leaderboard(dataset: Dataset, db: Database) -> str:
    """The leaderboard section of a dataset page ('' when fewer than MIN_ROWS_FOR_LEADERBOARD rows)."""
    rows = rows_for(db, dataset.slug)
    if len(rows) < MIN_ROWS_FOR_LEADERBOARD:
        return ""
    page = paths.dataset_page(dataset)
    closed = [r for r in rows if not r.result.extra_data]
    extra = [r for r in rows if r.result.extra_data]
    out = [
        "## Leaderboard { #leaderboard }\n",
        f"{len(rows)} results of {len(distinct_methods(rows))} methods, ranked by mR (the mean of the six recalls, "
        "as printed by the source). Click a column header to sort. **Bold**: best in the column. "
        "† marks a row with a note on its paper page. Numbers come from the table named in *Source*.\n",
    ]
    for title, anchor, group in (("Trained on the benchmark only", "closed", closed),
                                 ("With extra pre-training data", "extra", extra)):
        if group:
            out.append(f"### {title} {{ #{anchor} }}\n")
            out.append('<div class="rsitr-sortable" markdown>\n\n' + _table(group, page, db) + "\n</div>\n")
    return "\n".join(out)


def leaderboards_index(db: Database) -> str:
    page = paths.LEADERBOARDS
    out = ["# Leaderboards\n",
           "Image-text retrieval results reported on each benchmark: image→text (I→T) and text→image (T→I) "
           "recall at 1, 5 and 10, and mR, their mean. Methods trained on the benchmark alone are ranked "
           "apart from those pre-trained on extra data. Every number names the paper and table it was read from.\n"]
    rows = []
    for dataset in db.datasets.values():
        results = rows_for(db, dataset.slug)
        if len(results) >= MIN_ROWS_FOR_LEADERBOARD:
            rows.append([link(dataset.name, relative(page, paths.dataset_page(dataset)) + "#leaderboard"),
                         str(len(results)), str(len(distinct_methods(results))),
                         f"{results[0].result.shown_mr:.2f} ({text(results[0].result.method)})"])
    out.append(table(["Dataset", "Results", "Methods", "Best mR"], rows, ["---", "---:", "---:", "---"]))
    return "\n".join(out)
