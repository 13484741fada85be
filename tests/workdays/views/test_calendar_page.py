"""/calendar/: the year as month grids, where each day comes from, and who gets the forms."""

from datetime import date

from django.urls import reverse

from gongkai.workdays.actions import calendar as actions
from tests.workdays.conftest import publish_2027


def page(client, year: int) -> str:
    response = client.get(reverse("workdays:calendar"), {"year": year})
    assert response.status_code == 200
    return response.content.decode()


def test_a_clerk_sees_holidays_and_make_up_days_of_the_package(clerk_client):
    html = page(clerk_client, 2026)

    assert "2026年工作日历" in html
    assert 'class="day-holiday source-package" title="2026年2月15日（周日）春节 · 休息 · 国务院安排"' in html
    assert (
        'class="day-makeup source-package" title="2026年2月14日（周六）调休上班 · 上班 · 国务院安排"' in html
    )
    assert "国务院办公厅通知（软件自带）" in html


def test_a_clerk_gets_no_forms(clerk_client):
    html = page(clerk_client, 2026)

    assert 'id="read-only"' in html
    assert reverse("workdays:publish") not in html
    assert reverse("workdays:set_day") not in html


def test_an_unpublished_year_is_marked_as_an_estimate(clerk_client):
    html = page(clerk_client, 2027)

    assert 'id="provisional"' in html
    assert "2027年的放假安排尚未公布" in html
    assert "source-estimate" in html
    assert "尚未公布，按周末和法定节假日估算" in html


def test_a_published_year_names_its_notice_and_the_administrator(clerk_client, district_admin):
    publish_2027(district_admin)

    html = page(clerk_client, 2027)

    assert 'id="provisional"' not in html
    assert "国办发明电〔2026〕99号" in html
    assert 'title="2027年2月20日（周六）调休上班 · 上班 · 管理员录入"' in html
    assert "district_admin" in html


def test_a_local_rest_day_shows_its_basis_and_the_change_log(clerk_client, district_admin):
    actions.set_day(
        actor=district_admin,
        on=date(2026, 3, 3),
        is_workday=False,
        name="地方放假",
        source="某某区人民政府关于元宵节放假的通知",
        region_note="仅限某某区",
        reason="区政府决定元宵节放假一天",
    )

    html = page(clerk_client, 2026)

    assert "某某区人民政府关于元宵节放假的通知；仅限某某区" in html
    assert "上班：工作日（国务院安排） → 休息：地方放假（管理员录入）" in html


def test_the_calendar_administrator_gets_the_forms(calendar_admin_client):
    html = page(calendar_admin_client, 2026)

    assert reverse("workdays:publish") in html
    assert reverse("workdays:set_day") in html
    assert 'id="read-only"' not in html


def test_a_year_out_of_range_is_404(clerk_client):
    assert clerk_client.get(reverse("workdays:calendar"), {"year": "1899"}).status_code == 404
    assert clerk_client.get(reverse("workdays:calendar"), {"year": "abc"}).status_code == 404


def test_a_visitor_is_sent_to_login(client):
    response = client.get(reverse("workdays:calendar"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
