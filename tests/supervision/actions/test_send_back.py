"""退回: a supervisor sends a body's report back; the body's staff see it until they report anew."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from gongkai.report_imports.actions.imports import import_report
from gongkai.report_workspace.models import AnnualReport, Status
from gongkai.supervision.actions import supervision as actions
from gongkai.supervision.models import SendBack, SourceKind
from gongkai.supervision.queries.sendbacks import resolved_at, with_resolution
from tests.supervision.conftest import YEAR


def send_back_url(world, body):
    return reverse("supervision:send_back", args=[world.district.pk, YEAR, body.pk])


def test_the_supervisor_sends_a_report_back_with_a_comment(supervisor_client, world):
    response = supervisor_client.post(
        send_back_url(world, world.zhichu), {"comment": "表四缺失，请补充"}, follow=True
    )

    [sent] = SendBack.objects.all()
    assert (sent.body, sent.year, sent.comment) == (world.zhichu, YEAR, "表四缺失，请补充")
    assert (sent.source_kind, sent.source_id) == (SourceKind.IMPORTED, world.reports["000"].pk)
    content = response.content.decode()
    assert "已将只楚街道2023年度报告退回" in content and "表四缺失，请补充" in content and "待处理" in content


def test_the_body_staff_see_it_on_their_tasks_until_they_import_a_newer_report(
    client, world, supervisor, clerk, seed
):
    actions.send_back(actor=supervisor, body=world.zhichu, year=YEAR, comment="请补充表四")
    client.force_login(clerk)

    content = client.get(reverse("supervision:tasks")).content.decode()
    assert "上级退回的年度报告" in content and "请补充表四" in content and "待处理" in content

    import_report(actor=clerk, body=world.zhichu, data=seed("000"), filename="000.txt", confirmed=True)

    content = client.get(reverse("supervision:tasks")).content.decode()
    assert "已重新报送" in content and "待处理" not in content


def test_publishing_a_compiled_report_after_it_resolves_it_and_one_before_does_not(world, supervisor):
    sent = actions.send_back(actor=supervisor, body=world.xigaohuang, year=YEAR, comment="请核对")
    annual = AnnualReport.objects.create(body=world.xigaohuang, year=YEAR, data=world.reports["001"].data)
    [open_one] = with_resolution(SendBack.objects.filter(pk=sent.pk))
    assert resolved_at(open_one) is None

    AnnualReport.objects.filter(pk=annual.pk).update(
        status=Status.PUBLISHED, published_at=sent.at - timedelta(days=1)
    )
    assert resolved_at(with_resolution(SendBack.objects.filter(pk=sent.pk)).get()) is None

    now = timezone.now()
    AnnualReport.objects.filter(pk=annual.pk).update(published_at=now)
    assert resolved_at(with_resolution(SendBack.objects.filter(pk=sent.pk)).get()) == now


def test_other_bodies_do_not_see_the_send_back(client, world, supervisor, other_clerk):
    actions.send_back(actor=supervisor, body=world.zhichu, year=YEAR, comment="请补充表四")
    client.force_login(other_clerk)

    assert "请补充表四" not in client.get(reverse("supervision:tasks")).content.decode()


def test_a_clerk_cannot_send_back_their_own_report(world, clerk):
    with pytest.raises(PermissionDenied):
        actions.send_back(actor=clerk, body=world.zhichu, year=YEAR, comment="自己退回")


def test_a_clerk_cannot_send_back_a_neighbours_report_through_the_page(client, world, clerk):
    client.force_login(clerk)

    assert client.post(send_back_url(world, world.xigaohuang), {"comment": "x"}).status_code == 404
    assert not SendBack.objects.exists()


@pytest.mark.parametrize(
    ("body", "comment", "message"), [("empty", "请报送", "还没有"), ("zhichu", "  ", "请填写退回意见")]
)
def test_nothing_to_send_back_or_no_comment_is_refused(supervisor_client, world, body, comment, message):
    response = supervisor_client.post(
        send_back_url(world, getattr(world, body)), {"comment": comment}, follow=True
    )

    assert message in response.content.decode()
    assert not SendBack.objects.exists()


def test_the_send_back_form_is_shown_only_for_bodies_below_with_a_report(
    supervisor_client, clerk, client, world
):
    rows = {
        r["row"].body.display_name: r
        for r in supervisor_client.get(reverse("supervision:area", args=[world.district.pk, YEAR])).context[
            "rows"
        ]
    }
    assert rows["只楚街道"]["may_send_back"] and not rows["空白街道"]["may_send_back"]
    assert not rows["某某区"]["may_send_back"]  # the supervisor's own body

    client.force_login(clerk)
    [row] = client.get(reverse("supervision:area", args=[world.zhichu.pk, YEAR])).context["rows"]
    assert not row["may_send_back"]


def test_the_body_staff_are_notified_of_the_send_back(world, supervisor, clerk):
    from gongkai.bodies.models import Notification

    actions.send_back(actor=supervisor, body=world.zhichu, year=YEAR, comment="表四缺失，请补充")
    [notice] = Notification.objects.filter(kind="report_sent_back")
    assert notice.recipient == clerk and notice.body == world.zhichu
    assert "退回意见：表四缺失，请补充" in notice.text and str(YEAR) in notice.text
