"""/calendar/deadline/: the calculator any member of staff may use."""

from django.urls import reverse


def calculate(client, **params: str):
    return client.get(reverse("workdays:deadline"), params)


def test_it_gives_the_due_date_and_the_explanation(clerk_client):
    response = calculate(clerk_client, start="2025-09-26", days="20")

    html = response.content.decode()
    assert response.status_code == 200
    assert "期限届满日：2025年10月30日（周四）" in html
    assert "调休上班日计入：2025年9月28日（周日）、2025年10月11日（周六）" in html
    assert 'id="provisional"' not in html


def test_a_date_in_an_unpublished_year_is_marked_provisional(clerk_client):
    html = calculate(clerk_client, start="2026年12月15日", days="20").content.decode()

    assert "期限届满日：2027年1月13日" in html
    assert "暂定日期：2027年的放假安排尚未公布" in html


def test_the_empty_form_has_twenty_days_filled_in(clerk_client):
    response = calculate(clerk_client)

    assert response.status_code == 200
    assert 'value="20"' in response.content.decode()


def test_a_bad_date_is_explained(clerk_client):
    response = calculate(clerk_client, start="9月26日", days="20")

    assert response.status_code == 400
    assert "日期“9月26日”无法识别，请写成 2025-09-26 或 2025年9月26日" in response.content.decode()


def test_negative_days_are_refused(clerk_client):
    response = calculate(clerk_client, start="2025-09-26", days="-1")

    assert response.status_code == 400
    assert "工作日数不能为负数" in response.content.decode()


def test_a_visitor_is_sent_to_login(client):
    assert calculate(client, start="2025-09-26", days="20").status_code == 302
