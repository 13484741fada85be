"""Setting and clearing a single day from the calendar page."""

from datetime import date

from django.urls import reverse

from gongkai.workdays.models import CalendarDay

LOCAL_REST_DAY = {
    "year": "2026",
    "on": "2026年3月3日",
    "kind": "rest",
    "name": "地方放假",
    "source": "某某区人民政府关于元宵节放假的通知",
    "region_note": "仅限某某区",
    "reason": "区政府决定元宵节放假一天",
}


def test_the_administrator_sets_a_local_rest_day(calendar_admin_client, district_admin):
    response = calendar_admin_client.post(reverse("workdays:set_day"), LOCAL_REST_DAY)

    assert response.status_code == 302
    assert response.url == reverse("workdays:calendar") + "?year=2026"
    day = CalendarDay.objects.get(on=date(2026, 3, 3))
    assert (day.is_workday, day.name, day.entered_by) == (False, "地方放假", district_admin)


def test_a_bad_date_is_shown_on_the_page(calendar_admin_client):
    response = calendar_admin_client.post(reverse("workdays:set_day"), {**LOCAL_REST_DAY, "on": "三月三"})

    assert response.status_code == 400
    assert "日期“三月三”无法识别" in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_a_reason_is_required(calendar_admin_client):
    response = calendar_admin_client.post(reverse("workdays:set_day"), {**LOCAL_REST_DAY, "reason": ""})

    assert response.status_code == 400
    assert "请填写修改理由" in response.content.decode()


def test_a_clerk_gets_403(clerk_client):
    response = clerk_client.post(reverse("workdays:set_day"), LOCAL_REST_DAY)

    assert response.status_code == 403
    assert not CalendarDay.objects.exists()


def test_the_administrator_clears_the_day_again(calendar_admin_client):
    calendar_admin_client.post(reverse("workdays:set_day"), LOCAL_REST_DAY)

    response = calendar_admin_client.post(
        reverse("workdays:clear_day"), {"on": "2026-03-03", "reason": "区政府撤回了通知"}
    )

    assert response.status_code == 302
    assert not CalendarDay.objects.exists()


def test_a_clerk_cannot_clear_a_day(clerk_client, district_admin):
    from gongkai.workdays.actions import calendar as actions

    actions.set_day(
        actor=district_admin, on=date(2026, 3, 3), is_workday=False, name="地方放假", source="", reason="x"
    )

    response = clerk_client.post(reverse("workdays:clear_day"), {"on": "2026-03-03", "reason": "想取消"})

    assert response.status_code == 403
    assert CalendarDay.objects.exists()
