"""The requests' own notifications of before become bodies.Notification rows, read or unread as they were,
with a link to their case and their time kept."""

from datetime import UTC, date, datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("requests", "0004_request_applicant_as_submitted"), ("bodies", "0006_notifications")]
AFTER = [("requests", "0005_notifications_move_to_bodies")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_notifications_are_moved_with_their_case_link_and_times(transactional_db):
    apps = _migrate(BEFORE)
    user = apps.get_model("auth", "User").objects.create(username="zhichu_clerk")
    body = apps.get_model("bodies", "Body").objects.create(name="只楚街道办事处", level="township")
    applicant = apps.get_model("requests", "Applicant").objects.create(
        body=body, kind="natural_person", name="张三"
    )
    request = apps.get_model("requests", "Request").objects.create(
        body=body,
        year=2025,
        seq=1,
        applicant=applicant,
        applicant_kind="natural_person",
        channel="in_person",
        arrived_on=date(2025, 9, 26),
        subject="老旧小区改造项目清单",
    )
    Old = apps.get_model("requests", "Notification")
    read_at = datetime(2025, 10, 24, 2, tzinfo=UTC)
    old = Old.objects.create(user=user, request=request, kind="due_5", message="距答复期限5个工作日", read_at=read_at)
    Old.objects.filter(pk=old.pk).update(created_at=datetime(2025, 10, 23, 1, tzinfo=UTC))

    apps = _migrate(AFTER)
    [new] = apps.get_model("bodies", "Notification").objects.all()
    assert (new.recipient_id, new.body_id, new.kind, new.text) == (user.pk, body.pk, "due_5", "距答复期限5个工作日")
    assert new.link == f"/requests/{request.pk}/"
    assert new.read_at == read_at and new.created_at == datetime(2025, 10, 23, 1, tzinfo=UTC)
    _migrate(executor_leaf_nodes())


def executor_leaf_nodes():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
