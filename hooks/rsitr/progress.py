"""Progress over time on one board: mR of each method against its publication year, as a build-time SVG."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from . import paths
from .leaderboard import Board
from .markdown import page_url
from .prerender import anchor, details, table
from .model import SETTINGS, Database, Paper

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 480, 260, 40, 12, 22, 30
SHAPES = {"fine-tuned": "circle", "zero-shot": "triangle", "linear-probe": "diamond", "peft": "square"}


@dataclass(frozen=True)
class Point:
    method: str
    setting: str
    score: float
    paper: Paper  # the method's own record: the point links to it and takes its year


def progress_points(board: Board) -> tuple[list[Point], int]:
    """Each method's best score per setting, dated by the method's own record; and how many methods have no record."""
    best: dict[tuple[str, str], Point] = {}
    undated = set()
    for row in board.rows:
        key = (row.result.method.casefold(), row.result.setting)
        if row.method_paper is None:
            undated.add(key[0])
            continue
        if key not in best or row.score > best[key].score:
            best[key] = Point(row.result.method, row.result.setting, row.score, row.method_paper)
    points = sorted(best.values(), key=lambda p: (p.paper.year, -p.score, p.method.casefold()))
    return points, len(undated - {m for m, _ in best})


def _marker(shape: str, x: float, y: float) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5"/>'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8"/>'
    if shape == "diamond":
        return f'<polygon points="{x:.1f},{y - 5.5:.1f} {x + 5.5:.1f},{y:.1f} {x:.1f},{y + 5.5:.1f} {x - 5.5:.1f},{y:.1f}"/>'
    return f'<polygon points="{x:.1f},{y - 5.5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"/>'


def progress_chart(board: Board, db: Database) -> Markup:
    """An SVG (points link to papers; best-so-far steps per setting), legend, and the data as a table; empty
    with fewer than two points."""
    points, undated = progress_points(board)
    if len(points) < 2:
        return Markup("")
    page = paths.dataset_page(board.dataset)
    years = list(range(min(p.paper.year for p in points), max(p.paper.year for p in points) + 1))
    top = max(10, -(-max(p.score for p in points) // 10) * 10)
    span = WIDTH - LEFT - RIGHT
    band = span / len(years)

    def x_of(year: int, slot: int, slots: int) -> float:
        return LEFT + band * (years.index(year) + (slot + 1) / (slots + 1))

    def y_of(score: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - score / top)

    per_year: dict[int, list[Point]] = {}
    for point in points:
        per_year.setdefault(point.paper.year, []).append(point)
    title_id = f"progress-{board.slug}"
    parts = [f'<svg class="rsitr-progress" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-labelledby="{title_id}">',
             f'<title id="{title_id}">mR on {Markup.escape(board.dataset.name)} by publication year, '
             f'{len(points)} methods, {years[0]} to {years[-1]}</title>']
    for tick in range(0, int(top) + 1, 10 if top <= 60 else 20):
        y = y_of(tick)
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>'
                     f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for year in years:
        x = LEFT + band * (years.index(year) + 0.5)
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{year}</text>')
    parts.append('<text x="4" y="12" class="label">mR</text>')
    for setting in SETTINGS:
        series = [p for p in points if p.setting == setting]
        if not series:
            continue
        steps, best = [], None
        for year in years:
            year_best = max((p.score for p in series if p.paper.year == year), default=None)
            if year_best is not None and (best is None or year_best > best):
                if best is not None:
                    steps.append((LEFT + band * years.index(year), y_of(best)))
                best = year_best
                steps.append((LEFT + band * years.index(year), y_of(best)))
        if best is not None:
            steps.append((WIDTH - RIGHT, y_of(best)))
        if len(steps) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in steps)
            parts.append(f'<polyline class="step s-{setting}" points="{coords}"/>')
    for year, group in per_year.items():
        for slot, point in enumerate(group):
            x, y = x_of(year, slot, len(group)), y_of(point.score)
            label = Markup("{} ({}, {}): mR {:.2f}").format(point.method, SETTINGS[point.setting], year, point.score)
            parts.append(f'<a href="{page_url(page, paths.paper_page(point.paper))}" class="s-{point.setting}">'
                         f'<title>{label}</title>{_marker(SHAPES[point.setting], x, y)}</a>')
    parts.append("</svg>")
    used = [s for s in SETTINGS if any(p.setting == s for p in points)]
    legend = "".join(f'<li><svg viewBox="-6 -6 12 12" width="12" height="12" aria-hidden="true" class="s-{s}">'
                     f'{_marker(SHAPES[s], 0, 0)}</svg> {SETTINGS[s]}</li>' for s in used)
    rows = [[anchor(p.method, page_url(page, paths.paper_page(p.paper))), str(p.paper.year), SETTINGS[p.setting],
             f"{p.score:.2f}"] for p in points]
    data = table(["Method", "Year", "Setting", "Best mR"], rows, {1, 3})
    caption = ("Each point is a method's best mR in one setting, placed at the year of its own paper and linked to it; "
               "the line is the best so far in that setting. Years only: the database records no month.")
    if undated:
        caption += f" {undated} methods on the board have no paper listed here (mostly natural-image baselines) and are not plotted."
    return Markup('<figure class="rsitr-figure rsitr-progress-figure">\n' + "".join(parts)
                  + f'\n<figcaption><ul class="rsitr-legend">{legend}</ul>{Markup.escape(caption)}</figcaption>\n</figure>\n'
                  ) + details("The numbers behind the chart", data)
