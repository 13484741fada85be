"""My notices: one's own, newest first, unread marked; read one or all; the 待办 badge in the nav."""

from datetime import date

import pytest
from django.test import RequestFactory
from django.urls import reverse

from gongkai.bodies.models import Notification
from gongkai.bodies.views.notices import unread_badge
from gongkai.requests.actions import cases as actions
from gongkai.requests.models import Applicant, Channel
from gongkai.requests.tasks.reminders import send_due_reminders


@pytest.fixture
def reminded(clerk, other_clerk, street, other_street):
    """Two open requests of 只楚街道 and one of 西高皇街道, all overdue on 2026-01-05 and reminded of it."""
    request_ = actions.register_request(
        actor=clerk,
        body=street,
        applicant=Applicant.objects.create(body=street, kind="natural_person", name="张三"),
        channel=Channel.IN_PERSON,
        arrived_on=date(2025, 9, 26),
        subject="2025年只楚街道老旧小区改造项目清单",
    ).request
    later = actions.register_request(
        actor=clerk,
        body=street,
        applicant=Applicant.objects.create(body=street, kind="natural_person", name="李四"),
        channel=Channel.IN_PERSON,
        arrived_on=date(2025, 10, 9),
        subject="2025年只楚街道垃圾分类工作方案",
    ).request
    elsewhere = actions.register_request(
        actor=other_clerk,
        body=other_street,
        applicant=Applicant.objects.create(body=other_street, kind="natural_person", name="王五"),
        channel=Channel.IN_PERSON,
        arrived_on=date(2025, 10, 9),
        subject="西高皇街道道路维修计划",
    ).request
    assert send_due_reminders(date(2026, 1, 5)) == 3
    return request_, later, elsewhere


def test_the_inbox_needs_a_login(client, db):
    response = client.get(reverse("bodies:notices"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_inbox_shows_only_ones_own_notifications_newest_first_with_case_links(
    clerk_client, clerk, reminded
):
    first, later, elsewhere = reminded
    response = clerk_client.get(reverse("bodies:notices"))
    page = response.content.decode()
    assert [n.recipient for n, _ in response.context["rows"]] == [clerk, clerk]
    assert [n.pk for n, _ in response.context["rows"]] == list(
        Notification.objects.filter(recipient=clerk)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
    )
    assert reverse("requests:detail", args=[first.pk]) in page
    assert reverse("requests:detail", args=[later.pk]) in page
    assert elsewhere.subject not in page and reverse("requests:detail", args=[elsewhere.pk]) not in page
    assert page.count('class="unread"') == 2 and "未读 2" in page


def test_marking_one_read_keeps_the_other_unread(clerk_client, clerk, reminded):
    one, other = Notification.objects.filter(recipient=clerk)
    response = clerk_client.post(reverse("bodies:notice_read", args=[one.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("bodies:notices")
    one.refresh_from_db()
    other.refresh_from_db()
    assert one.read_at is not None and other.read_at is None
    page = clerk_client.get(reverse("bodies:notices")).content.decode()
    assert page.count('class="unread"') == 1 and page.count('class="read"') == 1


def test_mark_all_read_touches_only_ones_own(clerk_client, clerk, other_clerk, reminded):
    assert clerk_client.post(reverse("bodies:notices_read_all")).status_code == 302
    assert not Notification.objects.filter(recipient=clerk, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other_clerk, read_at__isnull=True).count() == 1
    assert "没有通知" not in clerk_client.get(reverse("bodies:notices")).content.decode()


def test_someone_elses_notification_cannot_be_marked_read(clerk_client, other_clerk, reminded):
    theirs = Notification.objects.get(recipient=other_clerk)
    assert clerk_client.post(reverse("bodies:notice_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_reading_is_post_only(clerk_client, clerk, reminded):
    mine = Notification.objects.filter(recipient=clerk).first()
    assert clerk_client.get(reverse("bodies:notice_read", args=[mine.pk])).status_code == 405
    assert clerk_client.get(reverse("bodies:notices_read_all")).status_code == 405


def test_the_requests_list_shows_the_unread_count_and_links_the_inbox(clerk_client, clerk, reminded):
    page = clerk_client.get(reverse("requests:list")).content.decode()
    assert reverse("bodies:notices") in page and "未读 2" in page
    clerk_client.post(reverse("bodies:notices_read_all"))
    page = clerk_client.get(reverse("requests:list")).content.decode()
    assert "未读" not in page


def test_a_case_the_user_no_longer_handles_is_not_linked(clerk_client, clerk, reminded):
    first, _, _ = reminded
    clerk.memberships.all().delete()
    page = clerk_client.get(reverse("bodies:notices")).content.decode()
    assert first.number in page
    assert reverse("requests:detail", args=[first.pk]) not in page


def test_the_old_inbox_address_leads_to_the_notices(clerk_client, db):
    response = clerk_client.get("/requests/inbox/")
    assert response.status_code == 302 and response["Location"] == reverse("bodies:notices")


def test_every_staff_page_shows_the_unread_count_in_the_nav(clerk_client, reminded):
    page = clerk_client.get(reverse("workdays:calendar")).content.decode()
    assert 'aria-label="未读通知2条">2</span>' in page
    clerk_client.post(reverse("bodies:notices_read_all"))
    page = clerk_client.get(reverse("workdays:calendar")).content.decode()
    assert "未读通知" not in page and ">待办</a>" in page


def test_the_badge_costs_one_query_and_only_when_shown(clerk, reminded, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = clerk
    with django_assert_num_queries(0):
        context = unread_badge(request)
    with django_assert_num_queries(1):
        assert int(str(context["unread_notices"])) == 2


def test_reading_a_notice_can_go_on_to_its_case(clerk_client, clerk, reminded):
    first, _, _ = reminded
    notice = Notification.objects.filter(
        recipient=clerk, link=reverse("requests:detail", args=[first.pk])
    ).get()
    response = clerk_client.post(reverse("bodies:notice_read", args=[notice.pk]), {"next": notice.link})
    assert response.status_code == 302 and response["Location"] == notice.link
    # only to the notice's own link, never elsewhere
    other = Notification.objects.filter(recipient=clerk).exclude(pk=notice.pk).get()
    response = clerk_client.post(
        reverse("bodies:notice_read", args=[other.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("bodies:notices")
