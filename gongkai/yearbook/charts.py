"""Grouped bar charts as inline SVG, drawn here (no JavaScript, no matplotlib): one group of bars per
year, one colour per series, with a ``<title>`` and a text table of the same numbers beside it."""

from __future__ import annotations

from html import escape

PALETTE = ("#1f5fa8", "#c0392b", "#2e8b57", "#d68910", "#7d3c98", "#5d6d7e", "#117a8b")
WIDTH, HEIGHT = 640, 260
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 44, 48, 16

Series = dict[str, dict[int, int | None]]  # series label → year → value (None: unknown)


def nice_max(value: int) -> int:
    if value <= 5:
        return 5
    step = 10 ** (len(str(value)) - 1)
    return ((value + step - 1) // step) * step


def bar_chart(title: str, years: list[int], data: Series) -> str:
    """An accessible SVG bar chart; unknown values are drawn as no bar and named in the table."""
    labels = list(data)
    top = nice_max(max([v or 0 for s in data.values() for v in s.values()] + [0]))
    plot_w, plot_h = WIDTH - MARGIN_LEFT - 8, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    group_w = plot_w / max(len(years), 1)
    bar_w = max(min(group_w * 0.8 / max(len(labels), 1), 40), 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" class="chart" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    base = MARGIN_TOP + plot_h
    for i in range(0, 6):
        v = top * i // 5
        y = base - plot_h * i / 5
        parts.append(f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{MARGIN_LEFT - 4}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{v}</text>'
        )
    for gi, year in enumerate(years):
        x0 = MARGIN_LEFT + gi * group_w + (group_w - bar_w * len(labels)) / 2
        for si, label in enumerate(labels):
            value = data[label].get(year)
            if value is None:
                continue
            h = plot_h * value / top
            x = x0 + si * bar_w
            parts.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[si % len(PALETTE)]}"><title>{year}年 {escape(label)}：{value}</title></rect>'
            )
        cx = MARGIN_LEFT + gi * group_w + group_w / 2
        parts.append(f'<text x="{cx:.1f}" y="{base + 16}" font-size="12" text-anchor="middle">{year}</text>')
    lx = MARGIN_LEFT
    for si, label in enumerate(labels):
        parts.append(
            f'<rect x="{lx}" y="{HEIGHT - 18}" width="10" height="10" fill="{PALETTE[si % len(PALETTE)]}"/>'
        )
        parts.append(f'<text x="{lx + 14}" y="{HEIGHT - 9}" font-size="11">{escape(label)}</text>')
        lx += 14 + 12 * len(label) + 14
    parts.append("</svg>")
    return "".join(parts)


def data_table(title: str, years: list[int], data: Series) -> str:
    """The chart's numbers as a table (for screen readers, printing and copying)."""
    head = "".join(f'<th scope="col">{y}年</th>' for y in years)
    rows = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(f"<td>{'—' if values.get(y) is None else values[y]}</td>" for y in years)
        + "</tr>"
        for label, values in data.items()
    )
    return f'<table class="chart-data"><caption>{escape(title)}</caption><thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table>'


def figure(title: str, years: list[int], data: Series) -> str:
    return f'<figure class="chart">{bar_chart(title, years, data)}{data_table(title, years, data)}</figure>'
