"""The two forms of the review-and-litigation block: open a case, record its decision.

They only parse input; every rule (dates, which review a lawsuit may follow, deciding once) is
checked by ``remedies.open_remedy`` / ``decide_remedy``, whose Chinese messages the views show.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone

from gongkai.requests.models import DECIDED_KEYS, KIND_CHOICES, OUTCOME_CHOICES, REVIEW, RemedyCase, Request
from gongkai.web.forms import limited_text
from gongkai.web.limits import NOTE_MAX
from gongkai.workdays.forms.dates import LegalDateField

DECISION_CHOICES: list[tuple[str, str]] = [(k, label) for k, label in OUTCOME_CHOICES if k in DECIDED_KEYS]


class ReviewChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: RemedyCase) -> str:
        return f"{obj.case_number or '（无案号）'} · {obj.organ or '复议机关未填'} · {obj.filed_on:%Y-%m-%d}"


class OpenRemedyForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=KIND_CHOICES)
    filed_on = LegalDateField(label="申请复议或起诉日期", initial=timezone.localdate)
    organ = forms.CharField(label="复议机关或人民法院", max_length=200, required=False)
    case_number = forms.CharField(label="案号", max_length=100, required=False)
    follows = ReviewChoiceField(
        label="所经行政复议",
        queryset=RemedyCase.objects.none(),
        required=False,
        empty_label="（不关联）",
        help_text="仅“复议后起诉”的案件填写：选择本申请的哪一件行政复议。",
    )
    note = limited_text("说明", NOTE_MAX, rows=2, required=False)

    def __init__(self, request: Request, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "remedy")
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["follows"]).queryset = RemedyCase.objects.filter(
            request=request, kind=REVIEW
        )

    def action_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of ``open_remedy`` (besides actor and request)."""
        return {
            k: self.cleaned_data[k] for k in ("kind", "filed_on", "organ", "case_number", "follows", "note")
        }


class DecideRemedyForm(forms.Form):
    outcome = forms.ChoiceField(label="审结结果", choices=DECISION_CHOICES)
    decided_on = LegalDateField(label="审结日期", initial=timezone.localdate)

    def __init__(self, case: RemedyCase, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"decide-{case.pk}")
        super().__init__(*args, **kwargs)
        self.case = case
