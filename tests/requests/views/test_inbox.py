"""The notification inbox: one's own reminders, newest first, unread marked; read one or all."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.requests.actions import cases as actions
from gongkai.requests.models import Applicant, Channel
from gongkai.requests.models.notifications import Notification
from gongkai.requests.tasks.reminders import send_due_reminders


@pytest.fixture
def reminded(clerk, other_clerk, street, other_street, request_):
    """Two open requests of 只楚街道 and one of 西高皇街道, all overdue on 2026-01-05 and reminded of it."""
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
    response = client.get(reverse("requests:inbox"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_inbox_shows_only_ones_own_notifications_newest_first_with_case_links(
    clerk_client, clerk, reminded
):
    first, later, elsewhere = reminded
    response = clerk_client.get(reverse("requests:inbox"))
    page = response.content.decode()
    assert [n.user for n, _ in response.context["rows"]] == [clerk, clerk]
    assert [n.pk for n, _ in response.context["rows"]] == list(
        Notification.objects.filter(user=clerk).order_by("-created_at", "-pk").values_list("pk", flat=True)
    )
    assert reverse("requests:detail", args=[first.pk]) in page
    assert reverse("requests:detail", args=[later.pk]) in page
    assert elsewhere.subject not in page and reverse("requests:detail", args=[elsewhere.pk]) not in page
    assert page.count('class="unread"') == 2 and "未读 2" in page


def test_marking_one_read_keeps_the_other_unread(clerk_client, clerk, reminded):
    one, other = Notification.objects.filter(user=clerk)
    response = clerk_client.post(reverse("requests:inbox_read", args=[one.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("requests:inbox")
    one.refresh_from_db()
    other.refresh_from_db()
    assert one.read_at is not None and other.read_at is None
    page = clerk_client.get(reverse("requests:inbox")).content.decode()
    assert page.count('class="unread"') == 1 and page.count('class="read"') == 1


def test_mark_all_read_touches_only_ones_own(clerk_client, clerk, other_clerk, reminded):
    assert clerk_client.post(reverse("requests:inbox_read_all")).status_code == 302
    assert not Notification.objects.filter(user=clerk, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=other_clerk, read_at__isnull=True).count() == 1
    assert "没有通知" not in clerk_client.get(reverse("requests:inbox")).content.decode()


def test_someone_elses_notification_cannot_be_marked_read(clerk_client, other_clerk, reminded):
    theirs = Notification.objects.get(user=other_clerk)
    assert clerk_client.post(reverse("requests:inbox_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_reading_is_post_only(clerk_client, clerk, reminded):
    mine = Notification.objects.filter(user=clerk).first()
    assert clerk_client.get(reverse("requests:inbox_read", args=[mine.pk])).status_code == 405
    assert clerk_client.get(reverse("requests:inbox_read_all")).status_code == 405


def test_the_requests_list_shows_the_unread_count_and_links_the_inbox(clerk_client, clerk, reminded):
    page = clerk_client.get(reverse("requests:list")).content.decode()
    assert reverse("requests:inbox") in page and "未读 2" in page
    clerk_client.post(reverse("requests:inbox_read_all"))
    page = clerk_client.get(reverse("requests:list")).content.decode()
    assert "未读" not in page


def test_a_case_the_user_no_longer_handles_is_not_linked(clerk_client, clerk, reminded):
    first, _, _ = reminded
    clerk.memberships.all().delete()
    page = clerk_client.get(reverse("requests:inbox")).content.decode()
    assert first.number in page
    assert reverse("requests:detail", args=[first.pk]) not in page
