"""Forms for the disclosure pages. They only read input; the actions decide what is allowed."""

from __future__ import annotations

from typing import cast

from django import forms

from gongkai.bodies.models import Body, StaffMembership
from gongkai.disclosure.actions.catalogue import tree
from gongkai.disclosure.actions.items import Draft
from gongkai.disclosure.models import (
    Basis,
    CatalogueNode,
    Channel,
    DecisionCount,
    Disclosure,
    Frequency,
    Item,
    NormativeDocument,
    StepName,
)
from gongkai.web.forms import limited_text
from gongkai.web.limits import REASON_MAX

DATE = forms.DateInput(attrs={"type": "date"})
REVIEW_ROLE_CHOICES = [
    (r.value, r.label) for r in StaffMembership.Role if r != StaffMembership.Role.SUPERVISOR
]


# An item's text as HTML: a long document fits, a runaway paste does not.
BODY_HTML_MAX = 500_000


class ItemForm(forms.Form):
    node = forms.ModelChoiceField(label="目录栏目", queryset=CatalogueNode.objects.none())
    title = limited_text("标题", 300)
    formed_on = forms.DateField(label="成文日期", widget=DATE)
    publisher = limited_text("发布机构", 200, required=False, help_text="留空时为本机关名称")
    doc_number = limited_text("文号", 100, required=False)
    topic = limited_text("主题分类", 100, required=False)
    disclosure = forms.ChoiceField(label="公开属性", choices=Disclosure.choices)
    non_disclosure_reason = limited_text("不主动公开理由", REASON_MAX, rows=2, required=False)
    ledger_kind = forms.ChoiceField(
        label="规章和规范性文件台账",
        choices=[("", "不是规章或规范性文件"), *NormativeDocument.Kind.choices],
        required=False,
        help_text="是规章或行政规范性文件的，发布时登记到台账（或在下面选择台账中已有的文件）；有效性以台账为准",
    )
    document = forms.ModelChoiceField(
        label="台账中已有的文件", queryset=NormativeDocument.objects.none(), required=False
    )
    body_html = limited_text("正文（HTML）", BODY_HTML_MAX, rows=14, required=False)
    channels = forms.MultipleChoiceField(
        label="发布渠道", choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, body: Body, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        active = [n.pk for n, _ in tree(body) if n.retired_at is None]
        cast(forms.ModelChoiceField, self.fields["node"]).queryset = CatalogueNode.objects.filter(
            pk__in=active
        ).order_by("code")
        cast(forms.ModelChoiceField, self.fields["document"]).queryset = NormativeDocument.objects.filter(
            body=body
        )

    @staticmethod
    def initial_for(item: Item) -> dict:
        return {
            "node": item.node_id,
            "title": item.title,
            "formed_on": item.formed_on,
            "publisher": item.publisher,
            "doc_number": item.doc_number,
            "topic": item.topic,
            "disclosure": item.disclosure,
            "non_disclosure_reason": item.non_disclosure_reason,
            "ledger_kind": item.ledger_kind,
            "document": item.document_id,
            "body_html": item.body_html,
            "channels": item.channel_values,
        }

    @staticmethod
    def initial_from_draft(draft: Draft) -> dict:
        return {
            "node": draft.node.pk,
            "title": draft.title,
            "formed_on": draft.formed_on,
            "publisher": draft.publisher,
            "doc_number": draft.doc_number,
            "topic": draft.topic,
            "disclosure": draft.disclosure,
            "non_disclosure_reason": draft.non_disclosure_reason,
            "ledger_kind": draft.ledger_kind,
            "document": draft.document.pk if draft.document else None,
            "body_html": draft.body_html,
            "channels": draft.channels,
        }

    def draft(self) -> Draft:
        return Draft(**self.cleaned_data)


LOCK_REASON_LABEL = "变更理由（该年度报告已发布、数据已锁定时由分管领导填写）"


class ChangeOpenForm(forms.Form):
    reason = limited_text("变更理由", REASON_MAX, rows=2)
    formed_on = forms.DateField(
        label="变更形成日期", widget=DATE, help_text="第二十六条：变更后的信息应自变更之日起20个工作日内公开"
    )


SCHEDULE_LABEL = "定时发布时间"
SCHEDULE_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"})


class ChangeApproveForm(forms.Form):
    comment = limited_text("意见", REASON_MAX, required=False)
    at = forms.DateTimeField(
        label=SCHEDULE_LABEL,
        required=False,
        widget=SCHEDULE_WIDGET,
        help_text="留空则审核通过后立即发布变更；定时发布前，网站上仍显示已发布的内容",
    )
    override_reason = limited_text("发布前检查有提示时，仍需发布的理由", REASON_MAX, rows=2, required=False)
    lock_override_reason = limited_text(LOCK_REASON_LABEL, REASON_MAX, required=False)


class WithdrawForm(forms.Form):
    reason = limited_text("撤稿理由", REASON_MAX)
    lock_override_reason = limited_text(LOCK_REASON_LABEL, REASON_MAX, required=False)


class LinkDocumentForm(forms.Form):
    document = forms.ModelChoiceField(label="台账文件", queryset=NormativeDocument.objects.none())

    def __init__(self, *args, body: Body, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["document"]).queryset = NormativeDocument.objects.filter(
            body=body
        )


class NodeForm(forms.Form):
    name = limited_text("栏目名称", 100)
    parent = forms.ModelChoiceField(label="上级栏目", queryset=CatalogueNode.objects.none(), required=False)
    basis = forms.ChoiceField(label="公开依据", choices=Basis.choices)
    frequency = forms.ChoiceField(label="更新时限", choices=Frequency.choices, initial=Frequency.ON_CHANGE)
    responsible_unit = limited_text("责任分工", 200, required=False)

    def __init__(self, *args, body: Body, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = CatalogueNode.objects.filter(
            body=body, retired_at__isnull=True
        )


class MoveForm(forms.Form):
    parent = forms.ModelChoiceField(label="移到", queryset=CatalogueNode.objects.none(), required=False)
    position = forms.IntegerField(label="排在第几位", min_value=1, required=False)

    def __init__(self, *args, body: Body, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = CatalogueNode.objects.filter(
            body=body, retired_at__isnull=True
        )


class PublishForm(forms.Form):
    at = forms.DateTimeField(label=SCHEDULE_LABEL, required=False, widget=SCHEDULE_WIDGET)
    override_reason = limited_text("发布前检查有提示时，仍需发布的理由", REASON_MAX, rows=2, required=False)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=NormativeDocument.Kind.choices)
    title = limited_text("文件名称", 300)
    doc_number = limited_text("文号", 100, required=False)
    issued_on = forms.DateField(label="印发日期", widget=DATE)
    expires_on = forms.DateField(label="有效期至", widget=DATE, required=False)


class RepealForm(forms.Form):
    repealed_on = forms.DateField(label="废止日期", widget=DATE)


class MonthForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    month = forms.IntegerField(label="月份", min_value=1, max_value=12)
    licensing = forms.IntegerField(label=DecisionCount.Kind.LICENSING.label, min_value=0)
    punishment = forms.IntegerField(label=DecisionCount.Kind.PUNISHMENT.label, min_value=0)
    coercion = forms.IntegerField(label=DecisionCount.Kind.COERCION.label, min_value=0)


class FeeForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    month = forms.IntegerField(label="月份", min_value=1, max_value=12)
    amount = forms.DecimalField(label="收费金额（元）", min_value=0, decimal_places=2, max_digits=14)


class UploadForm(forms.Form):
    file = forms.FileField(label="文件")


class StepForm(forms.Form):
    """One review step after 撰稿; the formset orders (排序), adds (the blank row) and removes (删除)."""

    name = forms.ChoiceField(label="环节", choices=[("", "—"), *StepName.choices], required=False)
    role = forms.ChoiceField(label="办理角色", choices=[("", "—"), *REVIEW_ROLE_CHOICES], required=False)
    is_secrecy_review = forms.BooleanField(label="同时进行保密审查", required=False)


StepFormSet = forms.formset_factory(StepForm, extra=2, can_order=True, can_delete=True, max_num=20)


class IndexRuleForm(forms.Form):
    pattern = limited_text(
        "索引号格式",
        100,
        help_text="可用 {code}（机构编码）、{year}（发布年份）、{seq}（当年流水号，补零写 {seq:05d}）",
    )
    code = limited_text("机构编码", 50, required=False, help_text="留空时使用机关的机构代码")


class SensitiveWordsForm(forms.Form):
    words = limited_text("敏感词（每行一个）", 20000, rows=14, required=False)
