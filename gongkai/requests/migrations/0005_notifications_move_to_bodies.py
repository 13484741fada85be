"""The requests' own notifications become bodies.Notification rows (one model for every app's notices)."""

from django.db import migrations


def move_notifications(apps, schema_editor):
    Old = apps.get_model("requests", "Notification")
    New = apps.get_model("bodies", "Notification")
    for old in Old.objects.select_related("request").order_by("pk").iterator():
        new = New.objects.create(
            recipient_id=old.user_id,
            body_id=old.request.body_id if old.request_id else None,
            kind=old.kind,
            text=old.message[:4000],
            link=f"/requests/{old.request_id}/" if old.request_id else "",
            read_at=old.read_at,
        )
        New.objects.filter(pk=new.pk).update(created_at=old.created_at)  # auto_now_add set it to now


class Migration(migrations.Migration):
    dependencies = [
        ("bodies", "0006_notifications"),
        ("requests", "0004_request_applicant_as_submitted"),
    ]

    operations = [
        migrations.RunPython(move_notifications, migrations.RunPython.noop),
        migrations.DeleteModel(name="Notification"),
    ]
