"""Hypothesis strategies for valid reports: every rule of rules.EQUATIONS holds, every cell is set.

Table 3 is built per applicant column from random outcome counts and a carried-forward number;
``new`` and ``carried_over`` are then split so that new + carried_over = total + carried_forward.
Magnitudes follow reality: most bodies get a handful of requests, some thousands.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from gongkai.report_format import Cell, Narrative, Report
from gongkai.report_format.layout import (
    TABLE2_ITEMS,
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_OUTCOME_ROWS,
    TABLE3_ROWS,
    TABLE4_BLOCKS,
    TABLE4_FIELDS,
)

PLACES = ("东城", "西城", "南山", "北湖", "青石", "柳营", "环翠", "天福", "坛山", "只楚", "高新", "西高皇")
CITIES = ("", "威海市", "烟台市", "枣庄市", "石家庄市")
DISTRICTS = ("", "环翠区", "芝罘区", "文登区", "新华区", "峄城区")
KINDS = ("街道办事处", "镇人民政府", "乡人民政府", "区教育局", "区自然资源局", "人民政府办公室")
# How big a body is: the largest count any one cell of it may hold.
SCALES = (0, 3, 3, 20, 200, 3000)

OVERVIEW = (
    "本年度，我单位坚持以公开为常态、不公开为例外，深入推进政府信息公开工作。",
    "（一）主动公开情况。通过政府网站、微信公众号等渠道主动公开各类政府信息。",
    "（二）依申请公开情况。严格按照受理、审查、处理、答复等环节办理依申请公开事项。",
    "（三）政府信息管理情况。严格落实“三审三校”制度，加强发布前保密审查。",
)
PROBLEMS = (
    "存在的主要问题：一是公开内容不够全面；二是工作人员业务能力有待提高。",
    "改进情况：加强业务培训，规范信息发布流程，确保公开及时准确。",
)
OTHER = (
    "本年度未收取政府信息公开信息处理费。",
    "认真落实上级政务公开工作要点，各项任务均已完成。",
)


def counts(scale: int) -> st.SearchStrategy[int]:
    """A count in a body of this scale: often 0, otherwise up to ``scale``."""
    return st.one_of(st.just(0), st.integers(0, scale))


def bodies() -> st.SearchStrategy[str]:
    return st.builds(
        lambda city, district, place, kind: f"{city}{district}{place}{kind}",
        st.sampled_from(CITIES),
        st.sampled_from(DISTRICTS),
        st.sampled_from(PLACES),
        st.sampled_from(KINDS),
    )


def fees() -> st.SearchStrategy[Decimal]:
    """万元 with at most 4 decimals, e.g. 0, 1.25, 0.0035, 12."""
    return st.builds(lambda n, places: Decimal(n).scaleb(-places), st.integers(0, 10**6), st.integers(0, 4))


@st.composite
def table3_values(draw: st.DrawFn, scale: int) -> dict[Cell, int]:
    """Per applicant column a few outcome rows that are not 0 (as in real reports), the rest 0."""
    outcomes = [row.key for row in TABLE3_OUTCOME_ROWS]
    values: dict[Cell, int] = {}
    for col in TABLE3_APPLICANT_COLUMNS:
        column = dict.fromkeys(outcomes, 0)
        if scale:
            column.update(draw(st.dictionaries(st.sampled_from(outcomes), st.integers(1, scale), max_size=4)))
        column["total"] = sum(column.values())
        column["carried_forward"] = draw(counts(scale))
        handled = column["total"] + column["carried_forward"]
        column["carried_over"] = draw(st.integers(0, min(handled, scale)))
        column["new"] = handled - column["carried_over"]
        values.update({Cell("table3", key, col.key): n for key, n in column.items()})
    for row in TABLE3_ROWS:
        values[Cell("table3", row.key, "total")] = sum(
            values[Cell("table3", row.key, col.key)] for col in TABLE3_APPLICANT_COLUMNS
        )
    return values


@st.composite
def table4_values(draw: st.DrawFn, scale: int) -> dict[Cell, int]:
    values: dict[Cell, int] = {}
    for block in TABLE4_BLOCKS:
        parts = {f.key: draw(counts(min(scale, 50))) for f in TABLE4_FIELDS if f.key != "total"}
        parts["total"] = sum(parts.values())
        values.update({Cell("table4", block.key, k): n for k, n in parts.items()})
    return values


@st.composite
def table2_values(draw: st.DrawFn, scale: int) -> dict[Cell, int | Decimal]:
    values: dict[Cell, int | Decimal] = {}
    for item in TABLE2_ITEMS:
        for f in item.fields:
            cell = Cell("table2", item.key, f.key)
            values[cell] = draw(fees()) if f.kind == "amount" else draw(counts(max(scale, 10)))
    return values


@st.composite
def narratives(draw: st.DrawFn, year: int, requests: int) -> Narrative:
    def pick(pool: tuple[str, ...]) -> str:
        return "\n".join(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True)))

    overview = pick(OVERVIEW)
    if draw(st.booleans()):
        overview += f"\n本年度共收到政府信息公开申请{requests}件。"
    preamble = f"本报告数据统计期限为{year}年1月1日至{year}年12月31日。" if draw(st.booleans()) else ""
    sections = {
        "preamble": preamble,
        "overview": overview,
        "problems": pick(PROBLEMS),
        "other_matters": pick(OTHER),
    }
    return Narrative(sections={k: v for k, v in sections.items() if v})


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A valid, complete report of 2021–2025, published in January–March of the next year."""
    year = draw(st.integers(2021, 2025))
    scale = draw(st.sampled_from(SCALES))
    report = Report(
        body=draw(bodies()),
        year=year,
        published_on=draw(st.dates(date(year + 1, 1, 1), date(year + 1, 3, 31))),
    )
    report.values.update(draw(table2_values(scale)))
    report.values.update(draw(table3_values(scale)))
    report.values.update(draw(table4_values(scale)))
    report.narrative = draw(narratives(year, report.values[Cell("table3", "new", "total")]))
    return report
