"""Supervision over the years: an area's charts and the ranking of its bodies, and one body's series.

Same permissions as the area page: the root and the body must be in the user's area (404 otherwise).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from gongkai.bodies.access import get_body_in_area
from gongkai.bodies.models import Body
from gongkai.bodies.queries.tree import area_bodies
from gongkai.supervision.access import FIRST_YEAR, LAST_YEAR
from gongkai.supervision.queries.trends import (
    LABELS,
    OUTCOMES,
    SCORE_RULE,
    Figures,
    area_trends,
    body_trends,
    collect,
    ranking,
)
from gongkai.web import charts
from gongkai.web.auth import AuthedRequest


def figures_charts(years: list[int], by_year: dict[int, Figures]) -> list[str]:
    """The charts of a series of figures (an area's sums or one body's), each with its data table."""

    def series(*keys: str) -> charts.Series:
        return {LABELS[k]: {y: getattr(by_year[y], k) for y in years} for k in keys}

    out = [
        charts.figure("bar", "本年新收政府信息公开申请（件）", years, series("requests_new")),
        charts.figure("stacked", "依申请公开办理结果构成（件）", years, series(*OUTCOMES)),
        charts.figure(
            "line",
            "不予公开、无法提供占办结数的比例（%）",
            years,
            {"不予公开＋无法提供": {y: by_year[y].withheld_share for y in years}},
            formatter=charts.percent,
            y_max=100,
            note="（不予公开＋无法提供）÷ 办结合计，只计同时填报这三项的报告。",
        ),
        charts.figure("bar", "行政复议、行政诉讼（件）", years, series("review", "litigation")),
        charts.figure(
            "line",
            "行政复议、行政诉讼结果纠正率（%）",
            years,
            {
                "行政复议纠正率": {y: by_year[y].review_correction_rate for y in years},
                "行政诉讼纠正率": {y: by_year[y].litigation_correction_rate for y in years},
            },
            formatter=charts.percent,
            y_max=100,
            note="结果纠正 ÷ 已审结（结果维持＋结果纠正＋其他结果），尚未审结的不计；当年无审结案件的不计比例。",
        ),
        charts.figure("bar", "主动公开政府信息（条）", years, series("items_disclosed")),
    ]
    labels = sorted({c for y in years for c in by_year[y].channels})
    if labels:
        out.append(
            charts.figure(
                "stacked",
                "主动公开政府信息：各渠道发布（条）",
                years,
                {c: {y: by_year[y].channels.get(c) for y in years} for c in labels},
                note="渠道数来自系统编制报告的统计，或导入报告正文中按渠道列出的条数。",
            )
        )
    return [mark_safe(c) for c in out]  # charts.figure escapes every text it writes


def _area_member(request: AuthedRequest, root: Body, target_pk: int) -> Body:
    target = get_body_in_area(request.user, target_pk)
    if target.pk != root.pk and not root.descendants().filter(pk=target.pk).exists():
        raise Http404("该机关不在此范围内")
    return target


def _asked_year(request: AuthedRequest) -> int | None:
    """The ``?year=`` of the ranking (None: not asked); 404 when it is no year of the 条例."""
    raw = request.GET.get("year", "")
    if not raw:
        return None
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= LAST_YEAR:
        raise Http404("年度不在范围内")
    return int(raw)


@require_GET
@login_required
def area_trends_page(request: AuthedRequest, body_pk: int) -> HttpResponse:
    root = get_body_in_area(request.user, body_pk)
    asked = _asked_year(request)
    today = timezone.localdate()
    area = area_trends(root, today)
    years = [a.year for a in area]
    year = asked or (years[-1] if years else today.year - 1)  # by default the latest year with reports
    if year in years:
        entries = next(a for a in area if a.year == year).rows
    else:
        entries = collect({year: area_bodies(root, year=year)}, today)[year]
    rankings = [{"title": f"{year}年度", "rows": ranking(entries), "year": year}]
    if years:
        overall = ranking(e for a in area for e in a.rows)
        rankings.append({"title": f"历年合计（{years[0]}—{years[-1]}年）", "rows": overall, "year": None})
    context = {
        "body": root,
        "year": year,
        "years": sorted({*years, year}),
        "area": area,
        "charts": figures_charts(years, {a.year: a.figures for a in area}) if years else [],
        "rankings": rankings,
        "score_rule": SCORE_RULE,
        "chart_css": charts.CSS,
    }
    return render(request, "supervision/trends.html", context)


@require_GET
@login_required
def body_trends_page(request: AuthedRequest, body_pk: int, target_pk: int) -> HttpResponse:
    root = get_body_in_area(request.user, body_pk)
    target = _area_member(request, root, target_pk)
    entries = body_trends(target, timezone.localdate())
    years = [e.year for e in entries]
    context = {
        "root": root,
        "body": target,
        "entries": entries,
        "charts": figures_charts(years, {e.year: e.figures for e in entries}) if years else [],
        "score_rule": SCORE_RULE,
        "chart_css": charts.CSS,
    }
    return render(request, "supervision/body_trends.html", context)
