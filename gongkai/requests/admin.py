from django.contrib import admin

from gongkai.requests.models import (
    Applicant,
    Event,
    FeeNotice,
    Letter,
    LetterSettings,
    LetterTemplate,
    Notification,
    RemedyCase,
    Request,
    RequestItem,
    SentReminder,
)
from gongkai.web.admin import ReadOnlyAdmin


class ItemInline(admin.TabularInline):
    model = RequestItem
    extra = 0


class EventInline(admin.TabularInline):
    """The log is append-only: shown, never edited here."""

    model = Event
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "on", "at", "actor_label", "from_status", "to_status", "note", "data")
    exclude = ("actor",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Request)
class RequestAdmin(admin.ModelAdmin):
    list_display = ("number", "body", "subject", "status", "received_on", "due_on", "outcome")
    list_filter = ("status", "year", "channel")
    search_fields = ("subject", "applicant__name")
    readonly_fields = (
        "status",
        "outcome",
        "concluded_on",
        "due_on",
        "due_provisional",
        "due_explanation",
        "tracking_hash",
        "created_by",
        "created_at",
        "updated_at",
    )
    raw_id_fields = ("applicant",)
    inlines = (ItemInline, EventInline)

    @admin.display(description="编号")
    def number(self, obj: Request) -> str:
        return obj.number


@admin.register(Applicant)
class ApplicantAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "body", "created_at")
    list_filter = ("kind",)
    search_fields = ("name", "id_number", "credit_code")


@admin.register(FeeNotice)
class FeeNoticeAdmin(admin.ModelAdmin):
    list_display = ("request", "method", "amount", "notice_on", "paid_on", "lapsed_on")


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ("title", "request", "kind", "created_at", "delivered_on", "delivery_method")
    list_filter = ("kind",)
    readonly_fields = ("request", "kind", "outcome", "title", "text", "file", "created_by", "created_at")


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "body", "kind", "outcome", "updated_at")
    list_filter = ("kind",)


@admin.register(LetterSettings)
class LetterSettingsAdmin(admin.ModelAdmin):
    list_display = ("body", "review_organ", "court")


# ---------------------------------------------------------------- remedies and notifications


@admin.register(RemedyCase)
class RemedyCaseAdmin(ReadOnlyAdmin):
    """Opened and decided only through ``remedies.open_remedy``/``decide_remedy``, which write the case log."""

    list_display = ("case_number", "kind", "body", "request", "organ", "filed_on", "outcome", "decided_on")
    list_filter = ("kind", "outcome")
    search_fields = ("case_number", "organ")
    date_hierarchy = "filed_on"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "kind", "short_message", "request", "read_at")
    list_filter = ("kind",)
    search_fields = ("message", "user__username")

    @admin.display(description="内容")
    def short_message(self, obj: Notification) -> str:
        return str(obj)


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdmin):
    list_display = ("request", "kind_label", "due", "sent")
    list_filter = ("kind",)

    @admin.display(description="提醒类别", ordering="kind")
    def kind_label(self, obj: SentReminder) -> str:
        return obj.get_kind_display()

    @admin.display(description="答复期限", ordering="due_on")
    def due(self, obj: SentReminder) -> object:
        return obj.due_on

    @admin.display(description="发送时间", ordering="sent_at")
    def sent(self, obj: SentReminder) -> object:
        return obj.sent_at
