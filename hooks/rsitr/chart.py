"""Papers per year by category, as a stacked-bar SVG written at build time (no charting library)."""
from __future__ import annotations

from collections import Counter

from . import paths
from markupsafe import Markup

from .markdown import attr, page_url
from .prerender import details, table
from .model import Database

BAR, GAP, HEIGHT, LEFT, BOTTOM, TOP = 28, 10, 180, 34, 22, 12
COLOURS = 6  # .c0 ... .c5 in rsitr.css


def trend_chart(db: Database) -> Markup:
    """An accessible SVG chart with a legend and the same numbers as a table underneath (empty without papers)."""
    if not db.papers:
        return Markup("")
    counts = Counter((p.year, p.category.slug) for p in db.papers)
    years = list(range(min(p.year for p in db.papers), max(p.year for p in db.papers) + 1))
    categories = [c for c in db.categories.values() if any(counts[(y, c.slug)] for y in years)]
    totals = {y: sum(counts[(y, c.slug)] for c in categories) for y in years}
    peak = max(totals.values()) or 1
    scale = HEIGHT / peak
    width = LEFT + len(years) * (BAR + GAP) + GAP
    parts = [f'<svg class="rsitr-chart" viewBox="0 0 {width} {HEIGHT + BOTTOM + TOP}" width="{width}" '
             f'height="{HEIGHT + BOTTOM + TOP}" role="group" aria-labelledby="trend-title">',
             f'<title id="trend-title">Papers per year by category, {years[0]} to {years[-1]}</title>',
             f'<line class="axis" x1="{LEFT}" y1="{TOP + HEIGHT}" x2="{width}" y2="{TOP + HEIGHT}"/>',
             f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">{peak}</text>',
             f'<text x="{LEFT - 6}" y="{TOP + HEIGHT}" text-anchor="end">0</text>']
    for i, year in enumerate(years):
        x = LEFT + GAP + i * (BAR + GAP)
        y = TOP + HEIGHT
        for index, category in enumerate(categories):
            n = counts[(year, category.slug)]
            if n:
                h = n * scale
                y -= h
                parts.append(f'<rect class="c{index % COLOURS}" x="{x}" y="{y:.1f}" width="{BAR}" height="{h:.1f}">'
                             f'<title>{year}, {attr(category.title)}: {n}</title></rect>')
        if totals[year]:  # the whole bar opens the year's page
            parts.append(f'<a href="{page_url(paths.HOME, paths.year_page(year))}" aria-label="{year}: {totals[year]} papers">'
                         f'<rect class="hit" x="{x}" y="{TOP}" width="{BAR}" height="{HEIGHT}"/></a>')
        if totals[year]:
            parts.append(f'<text x="{x + BAR / 2}" y="{y - 3:.1f}" text-anchor="middle">{totals[year]}</text>')
        parts.append(f'<text x="{x + BAR / 2}" y="{TOP + HEIGHT + 15}" text-anchor="middle">{year}</text>')
    parts.append("</svg>")
    legend = "".join(f'<li><span class="rsitr-swatch c{i % COLOURS}"></span>'
                     f'<a href="{page_url(paths.HOME, paths.category_page(c))}">{attr(c.title)}</a></li>'
                     for i, c in enumerate(categories))
    rows = [[str(y), *(str(counts[(y, c.slug)]) for c in categories), str(totals[y])] for y in reversed(years) if totals[y]]
    data = table(["Year", *(c.title for c in categories), "Total"], rows, set(range(1, len(categories) + 2)))
    return Markup('<figure class="rsitr-figure">\n' + "".join(parts) +
                  f'\n<figcaption><ul class="rsitr-legend rsitr-chart">{legend}</ul></figcaption>\n</figure>\n'
                  ) + details("The numbers behind the chart", data)
