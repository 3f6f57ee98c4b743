"""Leaderboards: one board per dataset and result kind, every row traceable to its table.

A board is built at once as HTML (it works without JavaScript: every configuration, ranked);
assets/javascripts/leaderboard.js adds filters, one-row-per-method, and the comparison.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup, escape

from . import paths
from .model import RESULT_KINDS, SETTINGS, Database, Dataset, Paper, Result, ResultKind, slugify
from .markdown import page_url, sentence
from .prerender import HtmlPage, Prerendered, anchor, paragraph, table

MIN_ROWS_FOR_LEADERBOARD = 3
RECALL_LABELS = ("I→T R@1", "I→T R@5", "I→T R@10", "T→I R@1", "T→I R@5", "T→I R@10")
AUDIO_LABELS = ("I→A R@1", "I→A R@5", "I→A R@10", "A→I R@1", "A→I R@5", "A→I R@10")
MAP_LABELS = {"i2t_map": "I→T mAP", "t2i_map": "T→I mAP", "i2a_map": "I→A mAP", "a2i_map": "A→I mAP"}
ORIGINS = {"own": "The method's authors", "rerun": "Re-run by another paper", "unstated": "Not stated"}


@dataclass(frozen=True)
class Row:
    """A result on a board: the record holding it, and the record of the method when the database has one."""

    paper: Paper
    result: Result
    anchor: str
    method_paper: Paper | None

    @property
    def year(self) -> int:
        """Year of the method's own paper when listed here, else of the paper whose table holds the row."""
        return (self.method_paper or self.paper).year

    @property
    def score(self) -> float:
        """What the board ranks by: mR, or the mean mAP for hashing rows."""
        r = self.result
        if r.shown_mr is not None:
            return r.shown_mr
        maps = [v for v in (r.i2t_map, r.t2i_map, r.i2a_map, r.a2i_map) if v is not None]
        return sum(maps) / len(maps) if maps else 0.0


@dataclass
class Board:
    dataset: Dataset
    kind: ResultKind
    rows: list[Row]

    @property
    def slug(self) -> str:
        return self.dataset.slug if self.kind.slug == "retrieval" else f"{self.dataset.slug}-{self.kind.slug}"

    @property
    def title(self) -> str:
        return self.dataset.name if self.kind.slug == "retrieval" else f"{self.dataset.name}: {self.kind.title.lower()}"

    @property
    def page(self) -> str:
        return f"leaderboards/{self.slug}.md"

    @property
    def csv_path(self) -> str:
        return f"leaderboards/{self.slug}.csv"

    @property
    def json_path(self) -> str:
        return f"leaderboards/{self.slug}.json"

    @cached_property
    def methods(self) -> set[str]:
        return {row.result.method.casefold() for row in self.rows}

    @cached_property
    def metric_columns(self) -> tuple[tuple[str, str], ...]:
        """(field, label) of the metric columns this board shows, in order."""
        if self.kind.slug == "hashing":
            used = [name for name in MAP_LABELS if any(getattr(r.result, name) is not None for r in self.rows)]
            return (("bits", "Bits"), *((name, MAP_LABELS[name]) for name in used))
        if self.kind.slug == "audio":
            columns = [(n, l) for n, l in zip(self.kind.recalls, AUDIO_LABELS)
                       if any(getattr(r.result, n) is not None for r in self.rows)]
            columns += [(n, MAP_LABELS[n]) for n in ("i2a_map", "a2i_map") if any(getattr(r.result, n) is not None for r in self.rows)]
            return (*columns, ("mr", "mR"))
        return (*zip(self.kind.recalls, RECALL_LABELS), ("mr", "mR"))


# A note that says a figure may be wrong: such a row is shown, but never marked best in a column.
DOUBT = re.compile(r"typo|doubt|probabl|suspicious|slip|mistake|misprint|inconsisten|contradict", re.I)


def is_doubtful(result: Result) -> bool:
    return bool(result.note and DOUBT.search(result.note))


def method_papers(db: Database) -> dict[str, Paper]:
    """Each method name (case-folded) to the earliest record that introduces it."""
    found: dict[str, Paper] = {}
    for paper in sorted(db.papers, key=lambda p: (p.year, p.id)):
        if paper.method:
            found.setdefault(paper.method.casefold(), paper)
    return found


def _anchor(paper: Paper, result: Result, taken: Counter) -> str:
    """A stable row anchor from the record, method and configuration (not from the rank, which changes)."""
    parts = [paper.id, result.method, result.variant or "", result.setting, str(result.bits or ""), result.source.table]
    base = "r-" + re.sub(r"-+", "-", slugify(" ".join(parts)))[:90].strip("-")
    taken[base] += 1
    return base if taken[base] == 1 else f"{base}-{taken[base]}"


def boards(db: Database) -> list[Board]:
    """Every board with at least MIN_ROWS_FOR_LEADERBOARD rows, in dataset order then kind order."""
    introduced = method_papers(db)
    grouped: dict[tuple[str, str], list[Row]] = {}
    seen: set[tuple] = set()
    anchors: Counter = Counter()
    for paper in sorted(db.papers, key=lambda p: p.id):
        for result in paper.results:
            metrics = tuple(result.metric(name) for name in result.result_kind.metrics)
            key = (result.dataset, result.kind, result.method.casefold(), (result.variant or "").casefold(), metrics)
            if key in seen:  # the same figures copied into another table
                continue
            seen.add(key)
            row = Row(paper, result, _anchor(paper, result, anchors), introduced.get(result.method.casefold()))
            grouped.setdefault((result.dataset, result.kind), []).append(row)
    found = []
    for dataset in db.datasets.values():
        for kind in RESULT_KINDS.values():
            rows = grouped.get((dataset.slug, kind.slug), [])
            if len(rows) >= MIN_ROWS_FOR_LEADERBOARD:
                rows.sort(key=lambda r: (-r.score, r.result.method.casefold(), r.result.variant or "", r.anchor))
                found.append(Board(dataset, kind, rows))
    return found


def encoders_label(result: Result, db: Database) -> str:
    """'ResNet-18 / GRU', or '' when the source names no encoder."""
    names = [db.encoders[slug].name if slug in db.encoders else slug
             for slug in (result.image_encoder, result.text_encoder or result.audio_encoder) if slug]
    if result.image_encoder and not (result.text_encoder or result.audio_encoder):
        return names[0] + " / ?"
    if not result.image_encoder and names:
        return "? / " + names[0]
    return " / ".join(names)


def pretraining_label(result: Result, db: Database) -> str:
    if result.pretraining is None:
        return ""
    if not result.pretraining:
        return "none"
    return ", ".join(db.pretraining[slug].name if slug in db.pretraining else slug for slug in result.pretraining)


def _number(value: float | int | str | None) -> str:
    if value is None:
        return "–"
    return str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else f"{value:.2f}"


def _cell(value: str, cls: str, title: str | None = None) -> Markup:
    shown = value or "–"
    hover = f' title="{escape(title or value)}"' if (title or value) else ""
    return Markup(f'<td class="{escape(cls)}"{hover}>{escape(shown)}</td>')


def _details(row: Row, db: Database) -> Markup:
    r = row.result
    facts = [("Variant", r.variant or "not given"), ("Setting", SETTINGS.get(r.setting, r.setting)),
             ("Encoders (image / other)", encoders_label(r, db) or "not stated by the source"),
             ("Pre-training data", pretraining_label(r, db) or "not stated by the source"),
             ("Figures by", _origin_text(r, db))]
    if r.mean_recall is not None:
        facts.append(("mR recomputed from the six recalls", f"{r.mean_recall:.2f}"))
    if r.map_at is not None:
        facts.append(("mAP cut-off", f"mAP@{r.map_at}"))
    if r.note:
        facts.append(("Note", sentence(r.note)))
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    return Markup(f'<details class="rsitr-row-details"><summary>Details</summary><dl>{items}</dl></details>')


def _origin_text(result: Result, db: Database) -> str:
    if result.reported_by is None:
        return "not stated by the source"
    if result.reported_by == "own":
        return "the method's authors"
    return f"a re-run in {result.reported_by}"


def board_table(board: Board, db: Database) -> Markup:
    """The board as an HTML table: every configuration, best first, each row with a stable anchor."""
    page = board.page
    trusted = [r for r in board.rows if not is_doubtful(r.result)]
    best = {name: max((v for r in trusted if (v := getattr(r.result, name, None)) is not None
                       and not isinstance(v, (str, bool)) and name != "bits"), default=None)
            for name, _ in board.metric_columns}
    optional = {"variant": any(r.result.variant for r in board.rows),
                "encoders": any(encoders_label(r.result, db) for r in board.rows),
                "pretraining": any(r.result.pretraining is not None for r in board.rows)}
    head = [Markup('<th class="rsitr-pick" scope="col"><span class="rsitr-sr-only">Compare</span></th>'),
            Markup('<th class="rsitr-rank" scope="col">#</th>'),
            Markup('<th scope="col" data-sort="method">Method</th>'),
            Markup('<th class="rsitr-opt" scope="col">Variant</th>') if optional["variant"] else "",
            Markup('<th scope="col" data-sort="setting">Setting</th>'),
            Markup('<th class="rsitr-opt" scope="col">Encoders</th>') if optional["encoders"] else "",
            Markup('<th class="rsitr-opt" scope="col">Pre-training</th>') if optional["pretraining"] else "",
            Markup('<th class="rsitr-num" scope="col" data-sort="year">Year</th>')]
    head += [Markup('<th class="rsitr-num" scope="col" data-sort="{}">{}</th>').format(name, label)
             for name, label in board.metric_columns]
    head.append(Markup('<th scope="col">Source</th>'))
    body = []
    for rank, row in enumerate(board.rows, 1):
        r = row.result
        source = db.by_id[r.source.paper]
        method_target = row.method_paper or row.paper
        metrics = "".join(
            f'<td class="rsitr-num{" rsitr-best" if best.get(name) is not None and getattr(r, name) == best[name] else ""}">'
            f'{escape(_number(r.shown_mr if name == "mr" else getattr(r, name)))}</td>'
            for name, _ in board.metric_columns)
        data = {
            "method": r.method.casefold(), "setting": r.setting, "image": r.image_encoder or "",
            "text": r.text_encoder or r.audio_encoder or "", "origin": r.origin, "year": str(row.year),
            "pretraining": "none" if r.pretraining == () else " ".join(r.pretraining or ()), "score": f"{row.score:.4f}",
            "bits": str(r.bits or ""), "label": f"{r.method} ({r.variant})" if r.variant else r.method,
            "source": f"{source.id}, {r.source.table}",
        }
        attrs = " ".join(f'data-{escape(k)}="{escape(v)}"' for k, v in data.items())
        row_id, source_id, table = escape(row.anchor), escape(source.id), escape(r.source.table)
        note = f' <span class="rsitr-noted" title="{escape(r.note)}">†</span>' if r.note else ""
        variant = _cell(r.variant or "", "rsitr-opt rsitr-trunc") if optional["variant"] else ""
        encoders = _cell(encoders_label(r, db), "rsitr-opt rsitr-trunc") if optional["encoders"] else ""
        pretraining = _cell(pretraining_label(r, db), "rsitr-opt rsitr-trunc") if optional["pretraining"] else ""
        body.append(Markup(
            f'<tr id="{row_id}" {attrs}>'
            f'<td class="rsitr-pick"><input type="checkbox" value="{row_id}" aria-label="Compare {escape(data["label"])}"></td>'
            f'<td class="rsitr-rank"><a href="#{row_id}" title="Link to this row">{rank}</a></td>'
            f'<td class="rsitr-method"><a href="{escape(page_url(page, paths.paper_page(method_target)))}">{escape(r.method)}</a>'
            f'{note}<button type="button" class="rsitr-more" hidden></button>{_details(row, db)}</td>'
            f'{variant}<td>{escape(SETTINGS.get(r.setting, r.setting))}</td>{encoders}{pretraining}'
            f'<td class="rsitr-num">{row.year}</td>{metrics}'
            f'<td class="rsitr-source" title="{source_id}, {table}: {escape(source.title)}">'
            f'<a href="{escape(page_url(page, paths.paper_page(source)))}">{source_id}</a>, {table}</td></tr>'))
    return Markup(
        '<div class="rsitr-board-wrap"><table class="rsitr-board" data-kind="{kind}">'
        '<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>').format(
        kind=board.kind.slug, head=Markup("").join(head), body=Markup("\n").join(body))


def _select(name: str, label: str, options: list[tuple[str, str]]) -> Markup:
    opts = Markup("").join(Markup('<option value="{}">{}</option>').format(v, t) for v, t in options)
    return Markup('<label>{} <select name="{}" data-filter="{}"><option value="">All</option>{}</select></label>').format(
        label, name, name, opts)


def board_controls(board: Board, db: Database) -> Markup:
    """Filter controls (hidden until the script runs): every value that occurs on the board."""
    results = [r.result for r in board.rows]
    settings = [(s, t) for s, t in SETTINGS.items() if any(r.setting == s for r in results)]
    image = sorted({r.image_encoder for r in results if r.image_encoder})
    other = sorted({r.text_encoder or r.audio_encoder for r in results if r.text_encoder or r.audio_encoder})
    data = sorted({slug for r in results for slug in (r.pretraining or ())})
    years = sorted({row.year for row in board.rows})
    year_options = [(str(y), str(y)) for y in years]
    controls = [
        _select("setting", "Setting", settings),
        _select("image", "Image encoder", [(s, db.encoders[s].name if s in db.encoders else s) for s in image]),
        _select("text", "Text/audio encoder", [(s, db.encoders[s].name if s in db.encoders else s) for s in other]),
        _select("pretraining", "Pre-training", [("none", "None")] + [(s, db.pretraining[s].name if s in db.pretraining else s)
                                                                       for s in data]),
        _select("origin", "Figures by", list(ORIGINS.items())),
        _select("from", "From", year_options),
        _select("to", "To", year_options),
    ]
    if board.kind.slug == "hashing":
        bits = sorted({r.bits for r in results if r.bits})
        controls.insert(0, _select("bits", "Code length", [(str(b), f"{b} bits") for b in bits]))
    return Markup(
        '<form class="rsitr-board-filters" id="rsitr-board-filters" hidden>{}'
        '<label><input type="checkbox" name="all" value="1" data-filter="all"> Every configuration</label>'
        '<button type="reset">Clear</button></form>'
        '<p class="rsitr-board-status" id="rsitr-board-status" aria-live="polite"></p>'
        '<section class="rsitr-compare" id="rsitr-compare" hidden aria-label="Comparison"></section>').format(
        Markup("").join(controls))


def board_page(board: Board, db: Database) -> Prerendered:
    """A full-width board page: filters, the table, downloads."""
    p = HtmlPage(board.page)
    kind_text = {
        "retrieval": "image→text (I→T) and text→image (T→I) recall at 1, 5 and 10, and mR, their mean",
        "hashing": "mean average precision (mAP, in percent) of Hamming ranking per code length and direction",
        "audio": "image→audio (I→A) and audio→image (A→I) retrieval, with the metrics the papers report",
    }[board.kind.slug]
    title = f"{board.title} leaderboard"
    p.heading(1, title)
    p.add(paragraph(
        Markup(f"{len(board.rows)} results of {len(board.methods)} methods on ")
        + anchor(board.dataset.name, p.url(paths.dataset_page(board.dataset)))
        + Markup(": ") + kind_text + Markup(
            ". Every row names the paper and table its numbers were read from. With JavaScript, the board shows each "
            "method once, in its best configuration under the filters; <em>Every configuration</em> lists them all. "
            "Tick two to four rows to compare them; the address keeps the filters and the comparison, so it can be "
            "shared.")))
    p.add(paragraph(Markup("Download this board: ") + anchor("CSV", p.url(board.csv_path)) + Markup(" · ")
                    + anchor("JSON", p.url(board.json_path))
                    + Markup(" (every row and field, notes and sources included; see ")
                    + anchor("Data and API", p.url(paths.DATA_DOC)) + Markup(").")))
    p.add(paragraph(Markup(
        "<strong>Bold</strong>: best in its column over all rows, leaving out figures whose note doubts them. "
        "† The row has a note (hover, or open <em>Details</em>). "
        "<em>Year</em>: of the method's own paper when it is listed here, else of the paper whose table reports the row.")))
    p.add(Markup('<div class="rsitr-board-page" data-pagefind-ignore="all">\n') + board_controls(board, db)
          + Markup("\n") + board_table(board, db) + Markup("\n</div>"))
    if board.kind.slug == "hashing":
        hashing_by_code_length(board, p)
    return p.done(title, {"hide": ["navigation", "toc"], "rsitr_board": True})


def hashing_by_code_length(board: Board, p: HtmlPage) -> None:
    """Hashing results pivoted as papers print them: one line per method and table, mAP per code length."""
    directions = [name for name in MAP_LABELS if any(getattr(r.result, name) is not None for r in board.rows)]
    bits = sorted({r.result.bits for r in board.rows if r.result.bits})
    lines: dict[tuple, dict[int, Result]] = {}
    for row in board.rows:
        r = row.result
        key = (r.method, r.variant or "", r.setting, r.map_at, r.source.paper, r.source.table)
        lines.setdefault(key, {})[r.bits or 0] = r
    body = []
    for (method, variant, setting, map_at, paper, table_label), by_bits in sorted(
            lines.items(), key=lambda item: (item[0][4], item[0][5], item[0][0].casefold())):
        cells = [f"{v:.2f}" if (res := by_bits.get(b)) is not None and (v := getattr(res, d)) is not None else "–"
                 for b in bits for d in directions]
        body.append([method + (f" ({variant})" if variant else ""), f"mAP@{map_at}" if map_at else "mAP",
                     *cells, anchor(paper, p.url(paths.paper_page(paper))) + Markup(", ") + table_label])
    header = ["Method", "Metric", *(f"{b} bits {MAP_LABELS[d]}" for b in bits for d in directions), "Source"]
    p.heading(2, "mAP by code length", "by-code-length")
    p.add(paragraph("The same rows as the board, laid out as the papers print them: one line per method and table, "
                    "the code lengths side by side."))
    p.add(table(header, body, set(range(2, 2 + len(bits) * len(directions)))))


def best_by_setting(board: Board) -> list[Row]:
    """The top row of each setting, in the order of SETTINGS."""
    top: dict[str, Row] = {}
    for row in board.rows:
        top.setdefault(row.result.setting, row)
    return [top[s] for s in SETTINGS if s in top]


def dataset_summary(dataset: Dataset, db: Database, dataset_boards: list[Board], p: HtmlPage) -> None:
    """The leaderboard section of a dataset page: best per setting and links to the full boards."""
    if not dataset_boards:
        return
    p.heading(2, "Leaderboard", "leaderboard")
    for board in dataset_boards:
        url = p.url(board.page)
        p.add(paragraph(anchor(board.title + " leaderboard", url) + Markup(
            f": {len(board.rows)} results of {len(board.methods)} methods, with filters and comparison. Best per setting:")))
        rows = [[SETTINGS[row.result.setting], anchor(row.result.method, f"{url}#{row.anchor}"),
                 row.result.variant or "–", f"{row.score:.2f}",
                 anchor(row.result.source.paper, p.url(paths.paper_page(row.result.source.paper)))
                 + Markup(", ") + row.result.source.table]
                for row in best_by_setting(board)]
        score = "mR" if board.kind.slug != "hashing" else "mean mAP"
        p.add(table(["Setting", "Method", "Variant", score, "Source"], rows, {3}))


def leaderboards_index(db: Database, all_boards: list[Board]) -> Prerendered:
    p = HtmlPage(paths.LEADERBOARDS)
    p.heading(1, "Leaderboards")
    p.add(paragraph(
        "Results reported on each benchmark, one board per dataset and kind of result. Image-text boards rank by "
        "mR, the mean of image→text and text→image recall at 1, 5 and 10; hashing boards by mean mAP. Rows record "
        "their setting (fine-tuned, zero-shot, linear probe, parameter-efficient), encoders and pre-training data "
        "where the source states them, and every number names the paper and table it was read from. Each board "
        "downloads as CSV and JSON."))
    rows = []
    for board in all_boards:
        best = "; ".join(f"{SETTINGS[r.result.setting]}: {r.score:.2f} ({r.result.method})" for r in best_by_setting(board))
        rows.append([anchor(board.title, p.url(board.page)), board.kind.title, str(len(board.rows)),
                     str(len(board.methods)), best,
                     anchor("CSV", p.url(board.csv_path)) + Markup(" · ") + anchor("JSON", p.url(board.json_path))])
    p.add(table(["Board", "Kind", "Results", "Methods", "Best per setting", "Download"], rows, {2, 3}))
    return p.done("Leaderboards")
