"""主动公开 in the admin, to look at only: the catalogue, items, review chain, 索引号 rules and sensitive words
change through the pages, whose actions check permissions and write the history."""

from django.contrib import admin

from gongkai.disclosure.models import (
    CatalogueEvent,
    CatalogueNode,
    DecisionCount,
    FeeIncome,
    IndexRule,
    Item,
    ItemChange,
    ItemEvent,
    ItemVersion,
    NormativeDocument,
    RegisterEvent,
    ReviewStep,
    SensitiveWord,
)
from gongkai.web.admin import ReadOnlyAdmin


@admin.register(CatalogueNode)
class CatalogueNodeAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "body", "basis", "frequency", "responsible_unit", "retired_at")
    list_filter = ("basis", "frequency")
    search_fields = ("name", "code", "body__name")


@admin.register(ReviewStep)
class ReviewStepAdmin(ReadOnlyAdmin):
    list_display = ("body", "position", "name", "role", "is_secrecy_review")
    list_filter = ("name", "role")


@admin.register(IndexRule)
class IndexRuleAdmin(ReadOnlyAdmin):
    list_display = ("body", "code", "pattern")


@admin.register(SensitiveWord)
class SensitiveWordAdmin(ReadOnlyAdmin):
    list_display = ("word", "body", "note")
    search_fields = ("word",)


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin):
    """Items change only through the review chain (the pages), never here."""

    list_display = ("title", "body", "status", "index_number", "published_on", "is_late")
    list_filter = ("status", "is_late", "disclosure")
    search_fields = ("title", "index_number", "doc_number")


admin.site.register([ItemVersion, ItemEvent, ItemChange, CatalogueEvent, RegisterEvent], ReadOnlyAdmin)


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "doc_number", "kind", "body", "issued_on", "repealed_on")
    list_filter = ("kind",)
    search_fields = ("title", "doc_number")


@admin.register(DecisionCount)
class DecisionCountAdmin(ReadOnlyAdmin):
    list_display = ("body", "year", "month", "kind", "count")
    list_filter = ("year", "kind")


@admin.register(FeeIncome)
class FeeIncomeAdmin(ReadOnlyAdmin):
    list_display = ("body", "year", "month", "amount")
    list_filter = ("year",)
