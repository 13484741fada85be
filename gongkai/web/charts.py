"""Charts over the years as inline SVG, drawn by pygal on the server: no JavaScript, one file per page.

Every chart is a ``<figure>``: the SVG (``role="img"`` with its own ``<title>`` and ``<desc>``, scaled to
the width of the screen by its ``viewBox``) followed by a table of the same numbers — the table is what
a screen reader reads, what a person copies, and what is sure to print.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Literal

import pygal
from lxml import etree
from pygal.style import Style

Kind = Literal["bar", "stacked", "line"]
Value = int | float | None
Series = dict[str, dict[int, Value]]  # series label → year → value (None: unknown)

FONT_FAMILY = '"Noto Sans CJK SC", sans-serif'
PALETTE = ("#1f5fa8", "#c0392b", "#2e8b57", "#d68910", "#7d3c98", "#5d6d7e", "#117a8b", "#a04000")
WIDTH, HEIGHT = 520, 340
SVG_NS = "http://www.w3.org/2000/svg"

STYLE = Style(
    font_family=FONT_FAMILY,
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#222222",
    foreground_strong="#000000",
    foreground_subtle="#bbbbbb",
    colors=PALETTE,
    opacity="1",
    opacity_hover="0.85",
    label_font_size=15,
    major_label_font_size=15,
    legend_font_size=15,
    value_font_size=14,
    tooltip_font_size=15,
    no_data_font_size=24,
)

# The page CSS the figures need (a template puts it in its <head>): full width on a phone, no wider
# than the drawing on a desk, and on paper the chart and its table kept on one page.
CSS = """
figure.chart { margin: 1.5em 0; max-width: 640px; }
figure.chart figcaption { font-weight: bold; margin-bottom: 0.3em; }
figure.chart svg { display: block; width: 100%; height: auto; }
table.chart-data { border-collapse: collapse; margin-top: 0.5em; font-size: 0.9em; }
table.chart-data caption { text-align: left; font-size: 0.9em; color: #555; }
table.chart-data td, table.chart-data th { padding: 0.15em 0.6em; text-align: right; border-bottom: 1px solid #ddd; white-space: nowrap; }
table.chart-data th[scope=row] { text-align: left; font-weight: normal; }
.chart-scroll { overflow-x: auto; }
@media print { figure.chart { break-inside: avoid; page-break-inside: avoid; } figure.chart svg { max-width: 16cm; } }
"""

_KIND_NAMES = {"bar": "柱状图", "stacked": "堆叠柱状图", "line": "折线图"}


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def plain(value: Value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


def _pygal_chart(
    kind: Kind, years: list[int], data: Series, formatter: Callable[[Value], str], y_max: float | None
) -> pygal.Graph:
    common = {
        "style": STYLE,
        "width": WIDTH,
        "height": HEIGHT,
        "explicit_size": False,
        "disable_xml_declaration": True,
        "js": [],
        "legend_at_bottom": True,
        "legend_at_bottom_columns": min(max(len(data), 1), 3),
        "legend_box_size": 14,
        "truncate_legend": -1,
        "truncate_label": -1,
        "no_data_text": "暂无数据",
        "value_formatter": formatter,
        "show_minor_y_labels": False,
        "margin": 12,
        "margin_right": 24,  # room for the last year's dot of a line
    }
    if y_max is not None:
        common["range"] = (0, y_max)
    if kind == "line":
        chart = pygal.Line(allow_interruptions=True, dots_size=4, include_x_axis=True, **common)
    elif kind == "stacked":
        chart = pygal.StackedBar(**common)
    else:
        chart = pygal.Bar(**common)
    chart.x_labels = [f"{y}年" for y in years]
    for label, values in data.items():
        chart.add(label, [values.get(y) for y in years])
    return chart


def chart_svg(
    kind: Kind,
    title: str,
    years: list[int],
    data: Series,
    *,
    desc: str = "",
    formatter: Callable[[Value], str] = plain,
    y_max: float | None = None,
) -> str:
    """The chart as an ``<svg>`` element (no XML declaration, no script), with ``<title>`` and ``<desc>``."""
    raw = _pygal_chart(kind, years, data, formatter, y_max).render(is_unicode=True)
    svg = etree.fromstring(raw.encode())
    # pygal writes its config as a <script> even without scripts to run it: drop it, and the comments.
    for node in svg.xpath("//comment() | //svg:script", namespaces={"svg": SVG_NS}):
        node.getparent().remove(node)
    # The first <title> and <desc> children are the image's accessible name and description (SVG-AAM).
    title_el = etree.Element(f"{{{SVG_NS}}}title")
    title_el.text = title
    desc_el = etree.Element(f"{{{SVG_NS}}}desc")
    desc_el.text = desc or describe(kind, years, data)
    svg.insert(0, desc_el)
    svg.insert(0, title_el)
    svg.set("role", "img")
    svg.set("preserveAspectRatio", "xMinYMin meet")
    return etree.tostring(svg, encoding="unicode")


def describe(kind: Kind, years: list[int], data: Series) -> str:
    span = f"{years[0]}年至{years[-1]}年" if len(years) > 1 else (f"{years[0]}年" if years else "无年度")
    return f"{_KIND_NAMES[kind]}，{span}，{'、'.join(data) or '无数据'}；各年数值见图下的表格。"


def data_table(
    title: str, years: list[int], data: Series, *, formatter: Callable[[Value], str] = plain
) -> str:
    """The chart's numbers as a table (read aloud, copied, printed); "—" where a value is unknown."""
    head = "".join(f'<th scope="col">{y}年</th>' for y in years)
    rows = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(f"<td>{escape(formatter(values.get(y)))}</td>" for y in years)
        + "</tr>"
        for label, values in data.items()
    )
    return (
        f'<div class="chart-scroll"><table class="chart-data"><caption>{escape(title)}（数据表）</caption>'
        f"<thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def figure(
    kind: Kind,
    title: str,
    years: list[int],
    data: Series,
    *,
    desc: str = "",
    formatter: Callable[[Value], str] = plain,
    y_max: float | None = None,
    note: str = "",
) -> str:
    """``<figure>``: caption, the chart, then its data table (and an optional note on how it is counted)."""
    parts = [
        f'<figure class="chart"><figcaption>{escape(title)}</figcaption>',
        chart_svg(kind, title, years, data, desc=desc, formatter=formatter, y_max=y_max),
        data_table(title, years, data, formatter=formatter),
    ]
    if note:
        parts.append(f'<p class="muted chart-note">{escape(note)}</p>')
    parts.append("</figure>")
    return "".join(parts)
