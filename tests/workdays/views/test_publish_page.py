"""Publishing a year from the pasted notice: preview first, then confirm; administrators only."""

import pytest
from django.urls import reverse

from gongkai.workdays.models import CalendarChange, CalendarYear
from tests.workdays.notices import NOTICE_2026, NOTICE_2027, NOTICE_NUMBER_2027


def post(client, step: str, text: str = NOTICE_2027, **fields: str):
    return client.post(reverse("workdays:publish"), {"text": text, "step": step, **fields})


def test_the_preview_lists_the_days_and_changes_nothing(calendar_admin_client):
    response = post(calendar_admin_client, "preview")

    html = response.content.decode()
    assert response.status_code == 200
    assert "核对2027年放假安排" in html  # the year was read from the title
    assert f'value="{NOTICE_NUMBER_2027}"' in html  # and the number from the text
    assert "春节：2月5日至2月13日放假，共9天；2月14日（周日）、2月20日（周六）上班" in html
    assert 'id="confirm"' in html
    assert not CalendarYear.objects.exists()


def test_confirming_publishes_the_year(calendar_admin_client, district_admin):
    response = post(calendar_admin_client, "confirm", source_url="https://www.gov.cn/zhengce/example.htm")

    assert response.status_code == 302
    assert response.url == reverse("workdays:calendar") + "?year=2027"
    record = CalendarYear.objects.get(year=2027)
    assert record.published and record.published_by == district_admin
    assert record.source_url == "https://www.gov.cn/zhengce/example.htm"
    page = calendar_admin_client.get(response.url).content.decode()
    assert "已公布2027年的放假安排（国办发明电〔2026〕99号），共录入35天。" in page


def test_a_notice_that_does_not_add_up_is_shown_with_its_errors_and_cannot_be_confirmed(
    calendar_admin_client,
):
    text = NOTICE_2027.replace("共3天。\n二", "共4天。\n二")

    response = post(calendar_admin_client, "confirm", text=text)

    html = response.content.decode()
    assert response.status_code == 400
    assert "第3行写明共4天，但1月1日至1月3日是3天，请核对" in html
    assert 'id="confirm"' not in html
    assert not CalendarYear.objects.exists()


@pytest.mark.parametrize("step", ["preview", "confirm"])
def test_a_missing_holiday_is_caught_already_in_the_preview(calendar_admin_client, step):
    text = "\n".join(line for line in NOTICE_2027.splitlines() if "中秋节" not in line)

    response = post(calendar_admin_client, step, text=text)

    assert response.status_code == 400
    assert "2027年9月15日是法定节假日（中秋节），安排中却没有放假" in response.content.decode()
    assert not CalendarYear.objects.exists()


def test_without_a_title_the_year_must_be_given(calendar_admin_client):
    lines = NOTICE_2027.splitlines()[2:]

    response = post(calendar_admin_client, "preview", text="\n".join(lines))

    html = response.content.decode()
    assert response.status_code == 400
    assert "请填写年份" in html
    assert "请填写通知的文号或标题" in html


def test_a_year_of_the_package_needs_the_box_ticked(calendar_admin_client):
    response = post(calendar_admin_client, "preview", text=NOTICE_2026, notice="国办发明电〔2025〕1号")

    assert response.status_code == 400
    assert "2026年的放假安排已随软件提供" in response.content.decode()


def test_with_the_box_ticked_a_year_of_the_package_can_be_corrected(calendar_admin_client):
    response = post(
        calendar_admin_client, "confirm", text=NOTICE_2026, notice="国办发明电〔2025〕1号", force="on"
    )

    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2026).published


def test_a_year_that_contradicts_the_title_is_refused(calendar_admin_client):
    response = post(calendar_admin_client, "preview", year="2028")

    assert response.status_code == 400
    assert "通知标题是2027年的安排，年份却填了2028年。" in response.content.decode()


def test_a_clerk_gets_403_and_nothing_changes(clerk_client):
    response = post(clerk_client, "confirm")

    assert response.status_code == 403
    assert not CalendarYear.objects.exists()
    assert not CalendarChange.objects.exists()


def test_the_administrator_of_a_street_gets_403(client, street_admin):
    client.force_login(street_admin)

    assert post(client, "preview").status_code == 403


def test_unpublishing_from_the_page(calendar_admin_client):
    post(calendar_admin_client, "confirm")

    response = calendar_admin_client.post(
        reverse("workdays:unpublish", args=[2027]), {"reason": "通知录入有误"}
    )

    assert response.status_code == 302
    assert not CalendarYear.objects.get(year=2027).published


def test_a_clerk_cannot_unpublish(clerk_client, district_admin):
    from tests.workdays.conftest import publish_2027

    publish_2027(district_admin)

    response = clerk_client.post(reverse("workdays:unpublish", args=[2027]), {"reason": "想撤销"})

    assert response.status_code == 403
    assert CalendarYear.objects.get(year=2027).published
