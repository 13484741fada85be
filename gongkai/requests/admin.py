"""依申请公开 is not in the admin: a request, its applicant, its letters, fees, remedies and notifications
hold applicants' personal data, which only the handling body's staff may see (``requests.access``), and
every change to a case must go through ``actions/`` so that it is checked and logged as an Event. The
admin keeps only the bodies' letter settings and templates and the reminder log, to look at."""

from django.contrib import admin

from gongkai.requests.models import LetterSettings, LetterTemplate, SentReminder
from gongkai.web.admin import ReadOnlyAdmin


@admin.register(LetterTemplate)
class LetterTemplateAdmin(ReadOnlyAdmin):
    list_display = ("title", "body", "kind", "outcome", "updated_at")
    list_filter = ("kind",)


@admin.register(LetterSettings)
class LetterSettingsAdmin(ReadOnlyAdmin):
    list_display = ("body", "review_organ", "court")


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdmin):
    """Which reminder went out for which case number and when (no applicant, no subject)."""

    list_display = ("case_number", "kind_label", "due", "sent")
    list_filter = ("kind",)
    fields = ("case_number", "kind_label", "due", "sent")
    readonly_fields = fields

    @admin.display(description="申请编号")
    def case_number(self, obj: SentReminder) -> str:
        return obj.request.number

    @admin.display(description="提醒类别", ordering="kind")
    def kind_label(self, obj: SentReminder) -> str:
        return obj.get_kind_display()

    @admin.display(description="答复期限", ordering="due_on")
    def due(self, obj: SentReminder) -> object:
        return obj.due_on

    @admin.display(description="发送时间", ordering="sent_at")
    def sent(self, obj: SentReminder) -> object:
        return obj.sent_at

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("request")
