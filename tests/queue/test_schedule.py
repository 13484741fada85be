"""The periodic jobs: one table of plain functions, run by Celery beat through one task; no crontab."""

import inspect
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string

from gongkai.bodies.models import AccountEvent
from gongkai.queue.app import app
from gongkai.queue.schedule import PERIODIC, beat_schedule, jobs
from gongkai.queue.tasks import run_periodic


def test_every_job_is_a_function_that_needs_no_argument():
    for job in jobs().values():
        function = import_string(job.path)
        required = [
            p
            for p in inspect.signature(function).parameters.values()
            if p.default is p.empty and p.kind != p.VAR_KEYWORD
        ]
        assert callable(function) and required == [], job.name


def test_the_site_s_periodic_work_is_all_in_the_table():
    assert {job.name for job in PERIODIC} >= {
        "deadline_reminders",
        "year_reminders",
        "publish_due",
        "cell_index",
        "purge_account_events",
        "purge_prepared_files",
    }
    assert "requeue_abandoned" in jobs() and "requeue_prepared_files" in jobs()


def test_beat_runs_each_job_at_its_interval_through_the_one_task(settings):
    settings.GONGKAI_QUEUE_LEASE_SECONDS = 60
    schedule = beat_schedule()
    assert schedule["publish_due"] == {
        "task": "gongkai.periodic",
        "args": ("publish_due",),
        "schedule": timedelta(minutes=1),
    }
    assert schedule["requeue_abandoned"]["schedule"] == timedelta(seconds=30)  # half a lease
    assert schedule["requeue_prepared_files"]["schedule"] == timedelta(seconds=30)
    assert schedule["purge_prepared_files"]["schedule"] == timedelta(hours=1)
    assert "gongkai.periodic" in app.tasks and "prepared.produce" in app.tasks


def test_an_interval_can_be_shortened_by_name_and_a_wrong_name_stops_the_process(settings):
    settings.GONGKAI_SCHEDULE = "deadline_reminders=2, publish_due=0.5"
    schedule = beat_schedule()
    assert schedule["deadline_reminders"]["schedule"] == timedelta(seconds=2)
    assert schedule["publish_due"]["schedule"] == timedelta(seconds=0.5)
    for wrong in ("reminders=5", "publish_due=soon", "publish_due=0"):
        settings.GONGKAI_SCHEDULE = wrong
        with pytest.raises(ImproperlyConfigured, match="GONGKAI_SCHEDULE"):
            beat_schedule()


def test_the_task_runs_the_named_job_and_nothing_outside_the_table(db, settings):
    settings.GONGKAI_ACCOUNT_LOG_DAYS = 400
    old = AccountEvent.objects.create(kind=AccountEvent.Kind.LOGIN, username="a")
    AccountEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=401))
    recent = AccountEvent.objects.create(kind=AccountEvent.Kind.LOGIN, username="b")

    run_periodic("purge_account_events")
    run_periodic("os.system")  # a message naming anything else does nothing

    assert list(AccountEvent.objects.values_list("pk", flat=True)) == [recent.pk]
