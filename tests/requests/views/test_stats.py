"""Statistics pages: who sees which body's figures, the figures hand-computed, and never an applicant.

The world in 2025 (all through the actions):
- 某某区人民政府: one request received 2024-12-20, answered 重复申请 on 2025-01-10 (carried over);
- 只楚街道: received 03-03 answered 予以公开, received 04-01 answered 部分公开, received 12-29 still
  open; a 行政复议 on the first (filed 05-06, 结果维持 06-03) and a direct lawsuit on the second
  (filed 06-03, pending);
- 西高皇街道: received 02-10, answered 本机关不掌握相关政府信息 on 02-14.
"""

import re
from datetime import date
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from gongkai.bodies.actions import members as body_actions
from gongkai.bodies.models import StaffMembership
from gongkai.requests.actions import cases as actions
from gongkai.requests.actions.remedies import decide_remedy, open_remedy
from gongkai.requests.models import Applicant, Channel
from gongkai.requests.queries import stats
from gongkai.requests.views.stats import HEADLINE_COLUMNS, area_rows, headline

NAMES = ("赵一鸣", "钱二丫", "孙三强", "李四海", "周五福")


@pytest.fixture
def supervisor(district):
    return body_actions.create_staff_user(
        actor=None,
        body=district,
        username="district_supervisor",
        password="x" * 12,
        role=StaffMembership.Role.SUPERVISOR,
    )


@pytest.fixture
def world(clerk, other_clerk, district_admin, district, street, other_street):
    names = iter(NAMES)

    def case(actor, body, arrived_on, outcome=None, replied_on=None):
        applicant = Applicant.objects.create(body=body, kind="natural_person", name=next(names))
        r = actions.register_request(
            actor=actor,
            body=body,
            applicant=applicant,
            channel=Channel.IN_PERSON,
            arrived_on=arrived_on,
            subject="某项政府信息",
        ).request
        if outcome:
            actions.reply(r, actor=actor, on=replied_on, outcomes=outcome)
        return r

    case(district_admin, district, date(2024, 12, 20), "rejected_duplicate", date(2025, 1, 10))
    granted = case(clerk, street, date(2025, 3, 3), "granted", date(2025, 3, 10))
    partial = case(clerk, street, date(2025, 4, 1), "partial", date(2025, 4, 8))
    open_ = case(clerk, street, date(2025, 12, 29))
    case(other_clerk, other_street, date(2025, 2, 10), "unable_not_held", date(2025, 2, 14))
    review = open_remedy(actor=clerk, request=granted, kind="review", filed_on=date(2025, 5, 6))
    decide_remedy(actor=clerk, case=review, outcome="upheld", decided_on=date(2025, 6, 3))
    open_remedy(actor=clerk, request=partial, kind="litigation_direct", filed_on=date(2025, 6, 3))
    return {"granted": granted, "partial": partial, "open": open_}


def stats_url(body, year=2025):
    return reverse("requests:stats_body", args=[body.pk, year])


def area_url(body, year=2025):
    return reverse("requests:stats_area", args=[body.pk, year])


def cell(page, path):
    m = re.search(rf'data-cell="{re.escape(path)}" class="[^"]*"[^>]*>([^<]*)<', page)
    assert m, path
    return m.group(1)


def figures(values):
    """The totals row of the area view keyed by its columns."""
    return dict(zip((key for key, _ in HEADLINE_COLUMNS), values, strict=True))


# ------------------------------------------------------------------ who sees what


def test_a_street_clerk_sees_their_own_body_but_not_another_street_nor_the_district(
    client, clerk, world, street, other_street, district
):
    client.force_login(clerk)
    assert client.get(stats_url(street)).status_code == 200
    assert client.get(area_url(street)).status_code == 200
    for body in (other_street, district):
        assert client.get(stats_url(body)).status_code == 404
        assert client.get(area_url(body)).status_code == 404
        assert client.get(reverse("requests:stats_xlsx", args=[body.pk, 2025])).status_code == 404


def test_a_district_supervisor_sees_the_district_and_its_streets_but_not_their_cases(
    client, supervisor, world, district, street, other_street
):
    client.force_login(supervisor)
    for body in (district, street, other_street):
        assert client.get(stats_url(body)).status_code == 200
    assert client.get(area_url(district)).status_code == 200
    assert client.get(reverse("requests:detail", args=[world["granted"].pk])).status_code == 404
    listing = client.get(reverse("requests:list"))
    assert listing.status_code == 403 and "监督人员请在「年报监督」中查看统计" in listing.content.decode()


def test_someone_without_a_membership_sees_nothing_and_a_visitor_must_log_in(
    client, django_user_model, world, street
):
    assert "/login/" in client.get(stats_url(street))["Location"]
    client.force_login(django_user_model.objects.create_user("outsider", password="x" * 12))
    assert client.get(stats_url(street)).status_code == 404
    assert client.get(area_url(street)).status_code == 404


def test_a_superuser_flag_alone_does_not_open_the_statistics(client, django_user_model, world, street):
    client.force_login(django_user_model.objects.create_superuser("root", password="x" * 12))
    assert client.get(stats_url(street)).status_code == 404


def test_a_year_out_of_range_is_not_found(client, clerk, street):
    client.force_login(clerk)
    assert client.get(stats_url(street, 1999)).status_code == 404


def test_no_stats_page_shows_an_applicant_name_or_links_a_case(
    client, supervisor, clerk, world, district, street
):
    for user, pages in (
        (supervisor, [stats_url(district), stats_url(street), area_url(district), reverse("requests:stats")]),
        (clerk, [stats_url(street), area_url(street), stats_url(street) + "?scope=all"]),
    ):
        client.force_login(user)
        for url in pages:
            page = client.get(url).content.decode()
            assert not [n for n in NAMES if n in page], url
            assert not re.search(r'href="/requests/\d+/', page), url


# ------------------------------------------------------------------ one body's tables


def test_the_street_tables_are_counted_from_its_cases(client, clerk, world, street):
    client.force_login(clerk)
    page = client.get(stats_url(street)).content.decode()
    assert "只楚街道办事处2025年依申请公开统计" in page
    assert "三、收到和处理政府信息公开申请情况" in page and "四、政府信息公开行政复议、行政诉讼情况" in page
    assert cell(page, "table3.rows.new.natural_person") == "3"
    assert cell(page, "table3.rows.carried_over.total") == "0"
    assert cell(page, "table3.rows.granted.total") == "1"
    assert cell(page, "table3.rows.partial.total") == "1"
    assert cell(page, "table3.rows.total.total") == "2"
    assert cell(page, "table3.rows.carried_forward.total") == "1"
    assert cell(page, "table4.review.upheld") == "1"
    assert cell(page, "table4.litigation_direct.pending") == "1"
    assert cell(page, "table4.litigation_direct.total") == "1"
    assert 'data-table="table2"' not in page  # table 2 is not kept in the cases
    assert "勾稽关系均无问题" in page


def test_the_district_page_can_add_up_the_streets(client, supervisor, world, district):
    client.force_login(supervisor)
    own = client.get(stats_url(district)).content.decode()
    assert cell(own, "table3.rows.new.total") == "0"
    assert cell(own, "table3.rows.carried_over.total") == "1"
    assert cell(own, "table3.rows.rejected_duplicate.total") == "1"
    together = client.get(stats_url(district) + "?scope=all").content.decode()
    assert cell(together, "table3.rows.new.total") == "4"
    assert cell(together, "table3.rows.total.total") == "4"
    assert cell(together, "table3.rows.unable_not_held.total") == "1"
    assert cell(together, "table4.review.total") == "1"


def test_a_broken_balance_is_shown_as_a_checker_finding(client, clerk, world, street):
    type(world["granted"]).objects.filter(pk=world["granted"].pk).update(outcome="")
    client.force_login(clerk)
    page = client.get(stats_url(street)).content.decode()
    assert "T3_BALANCE" in page and "finding-error" in page


def test_the_tables_download_as_xlsx(client, clerk, world, street):
    client.force_login(clerk)
    response = client.get(reverse("requests:stats_xlsx", args=[street.pk, 2025]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    book = openpyxl.load_workbook(BytesIO(response.content))
    numbers = [
        c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, int)
    ]
    assert sum(numbers) > 0
    assert not [
        n for ws in book.worksheets for row in ws.iter_rows() for c in row for n in NAMES if n in str(c.value)
    ]


# ------------------------------------------------------------------ the area view


def test_the_area_view_has_one_row_per_body_and_hand_computed_figures(
    client, supervisor, world, district, street, other_street
):
    client.force_login(supervisor)
    response = client.get(area_url(district))
    rows = response.context["rows"]
    assert [(r.body, r.depth) for r in rows] == [(district, 0), (street, 1), (other_street, 1)]
    zero = dict.fromkeys((key for key, _ in HEADLINE_COLUMNS), 0)
    assert rows[0].figures == {**zero, "carried_over": 1, "rejected": 1, "concluded": 1}
    assert rows[1].figures == {
        **zero,
        "new": 3,
        "granted": 1,
        "partial": 1,
        "concluded": 2,
        "carried_forward": 1,
        "review": 1,
        "litigation": 1,
    }
    assert rows[2].figures == {**zero, "new": 1, "unable": 1, "concluded": 1}
    assert figures(response.context["totals"]) == {
        "new": 4,
        "carried_over": 1,
        "granted": 1,
        "partial": 1,
        "denied": 0,
        "unable": 1,
        "rejected": 1,
        "other": 0,
        "concluded": 4,
        "carried_forward": 1,
        "review": 1,
        "litigation": 1,
    }
    page = response.content.decode()
    for body in (district, street, other_street):
        assert stats_url(body) in page
    assert "合计（3个机关）" in page


def test_the_area_totals_equal_the_district_tables_with_descendants(supervisor, world, district):
    _, totals = area_rows(district, 2025)
    assert totals == headline(stats.compile_tables(district, 2025, include_descendants=True).values)


def test_a_street_area_view_has_only_that_street(client, clerk, world, street):
    client.force_login(clerk)
    rows = client.get(area_url(street)).context["rows"]
    assert [r.body for r in rows] == [street]


def test_the_stats_index_lists_the_users_bodies(client, supervisor, world, district, street):
    client.force_login(supervisor)
    page = client.get(reverse("requests:stats")).content.decode()
    assert area_url(district) in page
    assert stats_url(street) not in page  # reached through the district's area view
