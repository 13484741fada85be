"""The body's disclosure settings pages (管理员 and 分管领导): review chain, 索引号 rule, sensitive words."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.bodies.models import Body, StaffMembership
from gongkai.disclosure.access import get_body_for_staff
from gongkai.disclosure.actions import DisclosureError
from gongkai.disclosure.actions import settings as actions
from gongkai.disclosure.actions.defaults import REVIEW_CHAIN
from gongkai.disclosure.forms.disclosure import IndexRuleForm, SensitiveWordsForm, StepFormSet
from gongkai.disclosure.models import IndexRule, ReviewStep, SensitiveWord, StepName
from gongkai.disclosure.views.common import form_errors
from gongkai.web.auth import AuthedRequest

Role = StaffMembership.Role


def _body_to_configure(request: AuthedRequest, body_pk: int) -> Body:
    """404 outside the user's bodies; 403 for a member who is neither 管理员 nor 分管领导."""
    body = get_body_for_staff(request.user, body_pk)
    if not actions.can_configure(request.user, body):
        raise PermissionDenied("只有本机关的管理员或分管领导可以修改公开设置")
    return body


@require_http_methods(["GET", "POST"])
@login_required
def body_settings(request: AuthedRequest, body_pk: int) -> HttpResponse:
    body = _body_to_configure(request, body_pk)
    rule = IndexRule.objects.filter(body=body).first()
    rule_initial = {
        "pattern": rule.pattern if rule else IndexRule.DEFAULT_PATTERN,
        "code": rule.code if rule else "",
    }
    steps = chain_in_force(body)
    chain_initial = [
        {"name": s.name, "role": s.role, "is_secrecy_review": s.is_secrecy_review, "ORDER": i}
        for i, s in enumerate(steps[1:], start=1)
    ]
    words = "\n".join(SensitiveWord.objects.filter(body=body).values_list("word", flat=True))
    chain = StepFormSet(prefix="steps", initial=chain_initial)
    index_form = IndexRuleForm(initial=rule_initial)
    words_form = SensitiveWordsForm(initial={"words": words})
    preview = _preview(body, rule_initial["pattern"], rule_initial["code"])
    status = 200
    if request.method == "POST":
        section = request.POST.get("section", "")
        if section == "chain":
            chain = StepFormSet(request.POST, prefix="steps")
            if _save_chain(request, body, chain):
                return redirect("disclosure:settings", body_pk=body.pk)
        elif section == "index":
            index_form = IndexRuleForm(request.POST)
            if index_form.is_valid():
                d = index_form.cleaned_data
                preview = _preview(body, d["pattern"], d["code"])
                if "preview" not in request.POST and _run(
                    request,
                    lambda: actions.set_index_rule(actor=request.user, body=body, **d),
                    "已保存索引号规则",
                ):
                    return redirect("disclosure:settings", body_pk=body.pk)
            else:
                messages.error(request, form_errors(index_form))
        elif section == "words":
            words_form = SensitiveWordsForm(request.POST)
            if words_form.is_valid():
                text = words_form.cleaned_data["words"]
                if _run(
                    request,
                    lambda: actions.set_sensitive_words(actor=request.user, body=body, text=text),
                    "已保存敏感词",
                ):
                    return redirect("disclosure:settings", body_pk=body.pk)
        else:
            messages.error(request, "未知的设置项")
        status = 400
    context = {
        "body": body,
        "steps": steps,
        "chain": chain,
        "index_form": index_form,
        "preview": preview,
        "words_form": words_form,
        "history": [
            (e, _readable(e.kind, e.data.get("before")), _readable(e.kind, e.data.get("after")))
            for e in actions.settings_history(body)
        ],
    }
    return render(request, "disclosure/settings.html", context, status=status)


@require_GET
@login_required
def index_preview(request: AuthedRequest, body_pk: int) -> JsonResponse:
    """The live preview of the next 索引号 for a pattern being typed (or the Chinese error)."""
    body = _body_to_configure(request, body_pk)
    pattern, code = request.GET.get("pattern", ""), request.GET.get("code", "")
    try:
        return JsonResponse({"preview": actions.preview_index(body, pattern, code)})
    except DisclosureError as e:
        return JsonResponse({"error": e.message}, status=400)


def chain_in_force(body: Body) -> list[ReviewStep]:
    """The stored chain, or the default one a body without a stored chain works by (unsaved rows:
    a page view writes nothing)."""
    steps = list(ReviewStep.objects.filter(body=body).order_by("position"))
    return steps or [
        ReviewStep(body=body, position=i, name=s.name, role=s.role, is_secrecy_review=s.is_secrecy_review)
        for i, s in enumerate(REVIEW_CHAIN, start=1)
    ]


def _readable(kind: str, value) -> str:
    """A settings value from the log as the page shows it."""
    if kind == "review_chain_changed":
        return " → ".join(
            f"{StepName(s['name']).label}（{Role(s['role']).label}{'，含保密审查' if s['secrecy'] else ''}）"
            for s in value or []
        )
    if kind == "index_rule_changed":
        return f"{value.get('pattern', '')}（机构编码：{value.get('code') or '机关代码'}）" if value else ""
    words = list(value or [])
    return f"{len(words)}个：{'、'.join(words[:20])}{'……' if len(words) > 20 else ''}"


def _preview(body: Body, pattern: str, code: str) -> dict[str, str]:
    try:
        return {"preview": actions.preview_index(body, pattern, code)}
    except DisclosureError as e:
        return {"error": e.message}


def _save_chain(request: AuthedRequest, body: Body, formset) -> bool:
    if not formset.is_valid():
        messages.error(request, "审核流程填写有误，请检查各环节")
        return False
    rows = []
    for form in formset.ordered_forms if formset.can_order else formset.forms:
        d = form.cleaned_data
        if not d or d.get("DELETE") or not (d.get("name") or d.get("role")):
            continue
        rows.append(actions.Step(d.get("name", ""), d.get("role", ""), bool(d.get("is_secrecy_review"))))
    return _run(
        request, lambda: actions.set_review_chain(actor=request.user, body=body, steps=rows), "已保存审核流程"
    )


def _run(request: AuthedRequest, action, done: str) -> bool:
    try:
        action()
    except DisclosureError as e:
        messages.error(request, e.message)
        return False
    messages.success(request, done)
    return True
