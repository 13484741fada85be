"""The search form: every field optional, bad values are errors shown next to the field."""

from __future__ import annotations

from django import forms

from gongkai.bodies.models import Body
from gongkai.disclosure.models import CatalogueNode
from gongkai.web.forms import limited_text


class SearchForm(forms.Form):
    q = limited_text("关键词", 100, required=False)
    body = forms.ModelChoiceField(
        label="机关", queryset=Body.objects.all(), required=False, empty_label="全部机关"
    )
    node = forms.ModelChoiceField(
        label="栏目",
        queryset=CatalogueNode.objects.filter(retired_at__isnull=True),
        required=False,
        empty_label="全部栏目",
    )
    start = forms.DateField(
        label="发布日期从", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label="至", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    page = forms.IntegerField(min_value=1, max_value=100, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, body: Body | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        nodes = self.fields["node"]
        if body is not None:
            del self.fields["body"]
            nodes.queryset = nodes.queryset.filter(body=body).order_by("position", "pk")  # type: ignore[attr-defined]
        else:
            nodes.queryset = nodes.queryset.select_related("body").order_by("body", "position", "pk")  # type: ignore[attr-defined]
            nodes.label_from_instance = lambda n: f"{n.body.display_name} · {n.name}"  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "结束日期不能早于开始日期")
        body, node = data.get("body"), data.get("node")
        if body is not None and node is not None and node.body_id != body.pk:
            self.add_error("node", "所选栏目不属于所选机关")
        return data
