"""The shapes the read API returns (read-only). Items are built by ``dataout`` and ``views``; these
classes render them and describe them in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gongkai.supervision.documents.dataout import plain


@extend_schema_field(
    {"type": "number", "nullable": True, "description": "数值；报告中没有该数值时为 null（不是 0）"}
)
class NumberField(serializers.Field):
    """A cell value as JSON: a count stays an integer, the fee amount (万元) may have decimals."""

    def to_representation(self, value: Any) -> Any:
        return plain(value)


class BodySerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="机关编号")
    name = serializers.CharField(help_text="名称")
    short_name = serializers.CharField(help_text="简称")
    code = serializers.CharField(help_text="机构代码（可为空）")
    level = serializers.CharField(
        help_text="层级键：province、city、county、township、subdistrict、department、other"
    )
    level_label = serializers.CharField(help_text="层级名称")
    parent = serializers.IntegerField(  # type: ignore[assignment]  # a field named like DRF's own
        allow_null=True, help_text="上级机关编号；上级不在调用者的范围内时为 null"
    )
    depth = serializers.IntegerField(help_text="在调用者范围内的层深（0 为调用者所在机关）")


class ReportItemSerializer(serializers.Serializer):
    body_id = serializers.IntegerField(help_text="机关编号")
    body_name = serializers.CharField(
        help_text="机关在该年度年底时的名称（此后更名的为原名称；报告 JSON 保留发布时的名称）"
    )
    body_short_name = serializers.CharField(help_text="该年度年底时的简称")
    body_code = serializers.CharField()
    body_level = serializers.CharField()
    year = serializers.IntegerField(help_text="报告年度")
    origin = serializers.ChoiceField(
        choices=["annual", "imported"], help_text="annual：平台编制的报告；imported：导入的报告"
    )
    origin_label = serializers.CharField()
    status = serializers.ChoiceField(
        choices=["not_started", "draft", "published", "overdue"], help_text="状态"
    )
    status_label = serializers.CharField()
    late = serializers.BooleanField(help_text="逾期发布或逾期未发布")
    due_on = serializers.DateField(help_text="发布期限")
    published_on = serializers.DateField(allow_null=True)
    error_count = serializers.IntegerField(help_text="错误数")
    warning_count = serializers.IntegerField(help_text="警告数")
    report = serializers.JSONField(
        required=False,
        help_text="规范化年度报告 JSON（docs/report.schema.json）；列表中仅在 include=report 时给出",
    )


class CellSerializer(serializers.Serializer):
    body_id = serializers.IntegerField()
    body_name = serializers.CharField(help_text="机关在该年度年底时的名称")
    body_code = serializers.CharField()
    body_level = serializers.CharField()
    year = serializers.IntegerField()
    origin = serializers.CharField(help_text="annual 或 imported")
    cell = serializers.CharField(help_text="单元格规范键，如 table3.rows.new.total")
    table = serializers.CharField()
    row = serializers.CharField()
    column = serializers.CharField()
    table_label = serializers.CharField()
    row_label = serializers.CharField()
    column_label = serializers.CharField()
    value = NumberField()
