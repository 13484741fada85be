"""The rows of the area table as HTML, written in Python: a page shows 100 rows of 20 cells, and
Django's template language spent more on them than the page spent finding its data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from gongkai.supervision.queries.body_years import BodyYear

DASH = "—"


def _value(value: Any) -> str:
    return DASH if value is None else escape(value)


def area_rows_html(
    rows: Iterable[dict[str, Any]], *, root_pk: int, year: int, csrf_token: str, columns: int
) -> SafeString:
    """``rows``: the view's dicts of ``row`` (a BodyYear), ``link`` and ``may_send_back``; every text
    is escaped. ``columns``: how many the table has, for the row that says there is none."""
    out = []
    for item in rows:
        r: BodyYear = item["row"]
        name = escape(r.display_name)  # as named that year
        heading = f'<a href="{escape(item["link"])}">{name}</a>' if item["link"] else name
        late = "（逾期发布）" if r.late and r.state == "published" else ""
        if r.needs_correction:
            late += '<strong class="needs-correction">（发布后有更正，需出更正版）</strong>'
        if r.identity_warnings:
            tip = escape("；".join(r.identity_warnings))
            heading += f' <span class="identity-flag" title="{tip}">报告所署机关或年度不符</span>'
        published = r.published_on.isoformat() if r.published_on else DASH
        cells = "".join(f'<td class="num">{_value(v)}</td>' for v in r.values)
        send_back = _sendback_status(item.get("sendback"))
        if item["may_send_back"]:
            action = reverse("supervision:send_back", args=[root_pk, year, r.body.pk])
            send_back += format_html(
                '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<label class="visually-hidden" for="comment-{}">退回意见</label>'
                '<input id="comment-{}" name="comment" required placeholder="退回意见">'
                '<button type="submit">退回</button></form>',
                action,
                csrf_token,
                r.body.pk,
                r.body.pk,
            )
        out.append(
            f'<tr><th scope="row" style="text-align: left; font-weight: normal;">{heading}</th>'
            f"<td>{escape(r.body.get_level_display())}</td><td>{escape(r.origin or DASH)}</td>"
            f'<td class="state-{escape(r.state)}">{escape(r.state_label)}{late}</td><td>{published}</td>'
            f'<td class="num">{_value(r.error_count)}</td><td class="num">{_value(r.warning_count)}</td>'
            f"{cells}<td>{send_back}</td></tr>"
        )
    if not out:
        out.append(f'<tr><td colspan="{columns}">没有符合条件的机关。</td></tr>')
    return mark_safe("\n".join(out))


def _sendback_status(sendback: Any) -> str:
    """The row's newest send-back of the year: 待处理 while no newer report came, else 已更正 (with when)."""
    if sendback is None:
        return ""
    if sendback.resolved is None:
        return format_html(
            '<p class="sendback-open"><strong>已退回·待处理</strong>：{}</p>', sendback.comment
        )
    when = timezone.localtime(sendback.resolved)
    return format_html('<p class="sendback-done">已退回·已更正（{}）</p>', f"{when:%Y-%m-%d %H:%M}")
