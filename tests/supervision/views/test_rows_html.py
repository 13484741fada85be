"""The area table's rows, written in Python: every text escaped, the missing shown as —."""

from __future__ import annotations

from datetime import date

from gongkai.bodies.models import Body
from gongkai.supervision.queries.body_years import BodyYear
from gongkai.supervision.queries.sources import State
from gongkai.supervision.views.rows_html import area_rows_html


def row(name: str, **fields) -> dict:  # type: ignore[no-untyped-def]
    body = Body(pk=7, name=name, level=Body.Level.SUBDISTRICT)
    body_year = BodyYear(body, 2025, 1, date(2026, 1, 31), None, State.OVERDUE, True)
    return {"row": body_year, "link": fields.get("link", ""), "may_send_back": fields.get("send_back", False)}


def html(*rows: dict) -> str:
    return area_rows_html(list(rows), root_pk=3, year=2025, csrf_token="tok<en>", columns=19)


def test_a_body_name_with_markup_is_escaped_in_the_row_and_the_link():
    out = html(row("<b>只楚</b>街道", link="/x/?a=1&b=2"))

    assert "&lt;b&gt;只楚&lt;/b&gt;街道" in out and "<b>" not in out
    assert 'href="/x/?a=1&amp;b=2"' in out


def test_a_body_without_a_report_shows_dashes_and_its_state():
    out = html(row("空白街道"))

    assert '<td class="state-overdue">逾期</td>' in out
    assert out.count('<td class="num">—</td>') == 2 + 11  # errors, warnings, the headline figures


def test_the_send_back_form_posts_to_the_body_with_the_csrf_token_escaped():
    out = html(row("只楚街道", send_back=True))

    assert 'action="/supervision/3/2025/body/7/send-back/"' in out
    assert 'value="tok&lt;en&gt;"' in out
    assert 'for="comment-7"' in out and 'id="comment-7"' in out


def test_no_row_says_so_across_the_table():
    assert html() == '<tr><td colspan="19">没有符合条件的机关。</td></tr>'
