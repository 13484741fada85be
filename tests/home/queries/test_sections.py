"""The home page's sections are plain query functions in a list: one more line adds an app's work."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from gongkai.home.queries import sections
from gongkai.web.worklist import Entry, Section


def test_a_section_added_to_the_list_shows_on_every_home_page(monkeypatch, clerk):
    def notices(user):  # type: ignore[no-untyped-def]
        return Section("通知", [Entry("未读通知", 3, "/requests/inbox/"), Entry("已读通知", 0, "/")])

    monkeypatch.setattr(sections, "SECTIONS", [*sections.SECTIONS, notices])
    c = Client()
    c.force_login(clerk)
    page = c.get(reverse("home")).content.decode()

    assert (
        "通知（3）" in page
        and '<a href="/requests/inbox/">未读通知</a> <strong class="count">3</strong>' in page
    )
    assert "已读通知" not in page  # an entry with nothing waiting is left out


def test_a_section_that_does_not_concern_the_user_is_left_out(clerk):
    assert [s.title for s in sections.sections_for(clerk)] == ["依申请公开", "主动公开", "年度报告"]


def test_unread_notices_come_first_on_the_home_page_and_leave_it_once_read(clerk, street):
    from gongkai.bodies.actions.notices import mark_all_read, notify
    from gongkai.bodies.models import NoticeKind

    notify(
        [clerk],
        kind=NoticeKind.NEW_APPLICATION,
        text="收到网上申请 2026-0001",
        link="/requests/",
        body=street,
    )

    assert sections.sections_for(clerk)[0].title == "未读通知"
    c = Client()
    c.force_login(clerk)
    assert "收到网上申请 2026-0001" in c.get(reverse("home")).content.decode()

    mark_all_read(clerk)
    assert "未读通知" not in [s.title for s in sections.sections_for(clerk)]
