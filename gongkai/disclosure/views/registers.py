"""The registers behind table 2 (ledger, monthly decisions with import, fees) and the table 2 preview."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gongkai.disclosure.access import can_keep_registers, get_body_for_staff
from gongkai.disclosure.actions import registers as actions
from gongkai.disclosure.forms.disclosure import DocumentForm, FeeForm, MonthForm, RepealForm, UploadForm
from gongkai.disclosure.models import Channel, DecisionCount, FeeIncome, NormativeDocument
from gongkai.disclosure.queries.registers import item_counts, table2
from gongkai.disclosure.views.common import attempt, form_errors
from gongkai.report_format.layout import TABLE2_ITEMS, Cell
from gongkai.report_workspace.forms import lock as lockforms
from gongkai.web.auth import AuthedRequest


@require_GET
@login_required
def registers(request: AuthedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_staff(request.user, body_pk)
    year = _year(request)
    months: dict[int, dict[str, int]] = {}
    for row in DecisionCount.objects.filter(body=body, year=year):
        months.setdefault(row.month, {})[row.kind] = row.count
    fees = {f.month: f.amount for f in FeeIncome.objects.filter(body=body, year=year)}
    context = {
        "body": body,
        "year": year,
        "today": timezone.localdate(),
        "documents": _with_status(NormativeDocument.objects.filter(body=body)),
        "months": [(m, months.get(m, {}), fees.get(m)) for m in range(1, 13)],
        "can_edit": can_keep_registers(request.user, body),
        "document_form": DocumentForm(),
        "repeal_form": RepealForm(),
        "month_form": MonthForm(initial={"year": year}),
        "fee_form": FeeForm(initial={"year": year}),
        "upload_form": UploadForm(),
    }
    return render(request, "disclosure/registers.html", context)


@require_POST
@login_required
@lockforms.refusal_as_message(
    back=lambda request, body_pk, change: _back(request, body_pk),
    what=lambda request, body_pk, change: f"主动公开台账：{REGISTER_CHANGES.get(change, change)}",  # type: ignore[has-type]
)
def register_change(request: AuthedRequest, body_pk: int, change: str) -> HttpResponse:
    body = get_body_for_staff(request.user, body_pk)
    user, post = request.user, request.POST
    if change == "document":
        form: forms.Form = DocumentForm(post)
        if _valid(request, form):
            attempt(
                request,
                lambda: actions.register_document(actor=user, body=body, **form.cleaned_data),
                "已登记",
            )
    elif change == "repeal":
        document = NormativeDocument.objects.filter(body=body, pk=post.get("document") or 0).first()
        form = RepealForm(post)
        if document is None:
            raise Http404("没有找到这份文件")
        if _valid(request, form):
            on = form.cleaned_data["repealed_on"]
            attempt(
                request,
                lambda: actions.repeal_document(actor=user, document=document, repealed_on=on),
                "已登记废止",
            )
    elif change == "month":
        form = MonthForm(post)
        if _valid(request, form):
            d = form.cleaned_data
            counts = {k: d[k] for k in DecisionCount.Kind.values}
            attempt(
                request,
                lambda: actions.set_decision_counts(
                    actor=user, body=body, year=d["year"], month=d["month"], counts=counts
                ),
                f"已保存{d['year']}年{d['month']}月的处理决定数量",
            )
    elif change == "import":
        upload = request.FILES.get("file")
        if upload is None or getattr(request, "upload_too_large", False):
            messages.error(request, "请选择不超过大小限制的 .xlsx 或 .csv 文件")
        else:
            data = upload.read()
            attempt(
                request,
                lambda: actions.import_decision_counts(
                    actor=user,
                    body=body,
                    data=data,
                    filename=upload.name,  # type: ignore[arg-type]
                ),
                "已导入",
            )
    elif change == "fee":
        form = FeeForm(post)
        if _valid(request, form):
            d = form.cleaned_data
            attempt(
                request,
                lambda: actions.set_fee_income(
                    actor=user, body=body, year=d["year"], month=d["month"], amount=d["amount"]
                ),
                "已保存收费金额",
            )
    else:
        raise Http404("未知的操作")
    return redirect(_back(request, body.pk))


REGISTER_CHANGES = {
    "document": "登记规章、规范性文件",
    "repeal": "登记文件废止",
    "month": "处理决定数量",
    "import": "导入处理决定数量",
    "fee": "收费金额",
}


def _back(request: AuthedRequest, body_pk: int) -> str:
    year = request.POST.get("year", "")
    return reverse("disclosure:registers", args=[body_pk]) + (f"?year={year}" if year.isdigit() else "")


@require_GET
@login_required
def table2_preview(request: AuthedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_staff(request.user, body_pk)
    year = _year(request)
    cells = table2(body, year)
    rows = [
        (item.label, [(f.label, cells[Cell("table2", item.key, f.key)]) for f in item.fields])
        for item in TABLE2_ITEMS
    ]
    counts = item_counts(body, year)
    context = {
        "body": body,
        "year": year,
        "rows": rows,
        "counts": counts,
        "node_rows": [(f"{code} {name}", n) for (code, name), n in counts["by_node"].items()],
        "channel_rows": [(Channel(c).label, n) for c, n in counts["by_channel"].items()],
    }
    return render(request, "disclosure/table2.html", context)


def _year(request: AuthedRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year - 1 if timezone.localdate().month == 1 else timezone.localdate().year


def _valid(request: AuthedRequest, form) -> bool:
    if form.is_valid():
        return True
    messages.error(request, form_errors(form))
    return False


def _with_status(documents) -> list[NormativeDocument]:
    today = timezone.localdate()
    out = list(documents)
    for d in out:
        d.status_today = d.status_on(today)
    return out
