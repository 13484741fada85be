"""The forms of the tree and staff pages: they read the input; the rules live in the actions."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone

from gongkai.bodies.models import Body, StaffMembership
from gongkai.web.limits import REASON_MAX, too_long

_REASON: dict[str, Any] = {
    "label": "原因（可选）",
    "required": False,
    "widget": forms.Textarea(attrs={"rows": 2}),
    "max_length": REASON_MAX,
    "error_messages": {"max_length": too_long("原因", REASON_MAX)},
}


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BodyForm(forms.Form):
    """Adding a body (``EditBodyForm``: changing one)."""

    name = forms.CharField(label="名称", max_length=200)
    short_name = forms.CharField(label="简称", max_length=100, required=False)
    level = forms.ChoiceField(label="层级", choices=Body.Level.choices)
    code = forms.CharField(label="机构代码", max_length=50, required=False)
    founded_on = forms.DateField(
        label="成立日期",
        required=False,
        help_text="可不填（按一直存在计）；填写后，成立以前各年度的监督页面不列出本机关",
        widget=_date_widget(),
    )
    reason = forms.CharField(**_REASON)


class EditBodyForm(BodyForm):
    effective_on = forms.DateField(
        label="更名生效日期",
        required=False,
        initial=timezone.localdate,
        help_text="名称或简称有改动时填写，默认为今天；以前已经更名的，请填写实际生效的日期（不能晚于今天）。"
        "生效日期所在年度以前各年度的监督页面仍显示原名称",
        widget=_date_widget(),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["name", "short_name", "effective_on", "level", "code", "founded_on", "reason"])


class _TargetForm(forms.Form):
    """A form choosing another body of the user's tree (``targets``: (body, depth) in reading order)."""

    new_parent = forms.TypedChoiceField(label="新的上级机关", coerce=int)
    reason = forms.CharField(**_REASON)

    def __init__(self, *args, targets: list[tuple[Body, int]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["new_parent"]).choices = [("", "请选择")] + [
            (b.pk, f"{'　' * depth}{b.name}") for b, depth in targets
        ]


class MoveForm(_TargetForm):
    effective_on = forms.DateField(
        label="生效日期",
        required=False,
        initial=timezone.localdate,
        help_text="默认为今天；隶属关系已在以前调整的，请填写实际生效的日期（不能晚于今天）",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["new_parent", "effective_on", "reason"])


class MergeForm(_TargetForm):
    ended_on = forms.DateField(
        label="撤并日期",
        required=False,
        help_text="留空为今天",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].label = "并入机关"
        self.order_fields(["new_parent", "ended_on", "reason"])


class DissolveForm(forms.Form):
    ended_on = forms.DateField(
        label="撤销日期",
        required=False,
        help_text="留空为今天",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(**_REASON)


class AccountForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    role = forms.ChoiceField(label="角色", choices=StaffMembership.Role.choices)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="角色", choices=StaffMembership.Role.choices)
