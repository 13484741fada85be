from django.contrib import admin

from .models import Applicant, Event, FeeNotice, Request, RequestItem
from .models_letters import Letter, LetterSettings, LetterTemplate


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

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
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
