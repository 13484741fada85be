"""Letters on the case page (make, download, record delivery) and each body's letter templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.bodies.models import Body, StaffMembership
from gongkai.report_workspace.actions.lock import YearLocked, allowing
from gongkai.requests.access import get_request_for_staff
from gongkai.requests.actions.letters import save_letter_settings
from gongkai.requests.documents import letters
from gongkai.requests.documents.letters_defaults import PLACEHOLDERS, REPLY_TITLES, default_text
from gongkai.requests.forms.case import DeliveryForm
from gongkai.requests.forms.letters import LetterSettingsForm, LetterTemplateForm
from gongkai.requests.models.letters import Letter, LetterKind, LetterSettings, LetterTemplate
from gongkai.requests.rules.outcomes import OUTCOME_CHOICES
from gongkai.requests.views.case import ERRORS, error_message
from gongkai.web.auth import AuthedRequest

EDITOR_ROLES = (StaffMembership.Role.LEADER, StaffMembership.Role.ADMIN)


@require_POST
@login_required
def letter_generate(request: AuthedRequest, pk: int) -> HttpResponse:
    r = get_request_for_staff(request.user, pk)
    try:
        letter = letters.generate_letter(r, actor=request.user, kind=request.POST.get("kind", ""))
    except ERRORS as e:
        messages.error(request, error_message(e))
    else:
        messages.success(request, f"已制作{letter.title}。")
    return redirect("requests:detail", pk=r.pk)


def _letter_for_staff(request: AuthedRequest, pk: int, letter_pk: int) -> Letter:
    r = get_request_for_staff(request.user, pk)
    return get_object_or_404(Letter, pk=letter_pk, request=r)


@require_GET
@login_required
def letter_download(request: AuthedRequest, pk: int, letter_pk: int) -> FileResponse:
    return docx_response(_letter_for_staff(request, pk, letter_pk))


def docx_response(letter: Letter) -> FileResponse:
    name = f"{letter.title}{letter.request.number}.docx"
    response = FileResponse(letter.file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def letter_deliver(request: AuthedRequest, pk: int, letter_pk: int) -> HttpResponse:
    letter = _letter_for_staff(request, pk, letter_pk)
    form = DeliveryForm(request.POST, prefix="delivery")
    if not form.is_valid():
        messages.error(request, "请填写送达日期和送达方式。")
        return redirect("requests:detail", pk=pk)
    reason = request.POST.get("delivery-lock_override_reason", "")
    try:
        with allowing(reason, f"依申请公开{letter.request.number}：{letter.title}送达"):
            letters.record_delivery(letter, actor=request.user, **form.cleaned_data)
    except ERRORS as e:
        messages.error(request, error_message(e))
        if isinstance(e, YearLocked):  # the case page then offers the 更正理由 for this letter
            return redirect(f"{reverse('requests:detail', args=[pk])}?correct={letter.pk}#letter-{letter.pk}")
    else:
        messages.success(request, f"已记录{letter.title}送达。")
    return redirect("requests:detail", pk=pk)


# ------------------------------------------------------------------ templates per body


def editable_bodies(user) -> list[Body]:
    """Bodies whose letters this user may reword: 分管领导 and 管理员 only."""
    if not user.is_authenticated:
        return []
    return list(Body.objects.filter(memberships__user=user, memberships__role__in=EDITOR_ROLES).distinct())


def _editable_body(request: AuthedRequest, body_pk: int) -> Body:
    body = next((b for b in editable_bodies(request.user) if b.pk == body_pk), None)
    if body is None:
        raise Http404("没有找到这个机关，或您无权修改其文书模板")
    return body


def template_keys() -> list[tuple[str, str, str]]:
    """(kind, outcome, label) of every template a body may keep its own copy of."""
    keys = [(k.value, "", str(k.label)) for k in LetterKind if k != LetterKind.REPLY]
    keys += [("reply", key, f"{REPLY_TITLES[key]}（{label}）") for key, label in OUTCOME_CHOICES]
    return keys


@require_GET
@login_required
def template_list(request: AuthedRequest) -> HttpResponse:
    bodies = editable_bodies(request.user)
    own = {(t.body_id, t.kind, t.outcome) for t in LetterTemplate.objects.filter(body__in=bodies)}
    context = {
        "bodies": [
            (
                b,
                [
                    (kind, outcome, label, (b.pk, kind, outcome) in own)
                    for kind, outcome, label in template_keys()
                ],
            )
            for b in bodies
        ]
    }
    return render(request, "requests/letter_templates.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def template_edit(request: AuthedRequest, body_pk: int, kind: str, outcome: str = "") -> HttpResponse:
    body = _editable_body(request, body_pk)
    if (kind, outcome) not in {(k, o) for k, o, _ in template_keys()}:
        raise Http404("没有这种文书")
    own = LetterTemplate.objects.filter(body=body, kind=kind, outcome=outcome).first()
    title, text = letters.template_for(body, kind, outcome)
    form = LetterTemplateForm(request.POST or None, initial={"title": title, "text": text})
    preview = None
    if request.method == "POST" and form.is_valid():
        if "reset" in request.POST:
            if own is not None:
                own.delete()
            messages.success(request, "已恢复默认文本。")
            return redirect("requests:letter_templates")
        if "preview" in request.POST:
            preview = (form.cleaned_data["title"], _preview(body, form.cleaned_data["text"], kind))
        else:
            LetterTemplate.objects.update_or_create(
                body=body,
                kind=kind,
                outcome=outcome,
                defaults={**form.cleaned_data, "updated_by": request.user},
            )
            messages.success(request, "文书模板已保存。")
            return redirect("requests:letter_templates")
    context = {
        "body": body,
        "kind_label": LetterKind(kind).label,
        "outcome": outcome,
        "form": form,
        "own": own,
        "default": default_text(kind, outcome),
        "placeholders": PLACEHOLDERS.items(),
        "preview": preview,
    }
    status = 400 if form.errors else 200
    return render(request, "requests/letter_template_edit.html", context, status=status)


def _preview(body: Body, text: str, kind: str) -> str:
    """The text with sample values, and the remedy sentence under a reply letter."""
    sample = {key: f"【{label}】" for key, label in PLACEHOLDERS.items()}
    sample.update(applicant="张三", number="〔2025〕第1号", received_on="2025年9月26日", body=body.name)
    filled = letters.render_text(text, sample)
    return filled + ("\n" + letters.remedy_sentence(body) if kind == LetterKind.REPLY else "")


@require_http_methods(["GET", "POST"])
@login_required
def letter_settings(request: AuthedRequest, body_pk: int) -> HttpResponse:
    body = _editable_body(request, body_pk)
    instance = LetterSettings.objects.filter(body=body).first() or LetterSettings(body=body)
    form = LetterSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        save_letter_settings(form.save(commit=False))
        messages.success(request, "文书设置已保存。")
        return redirect("requests:letter_templates")
    context = {"body": body, "form": form, "remedy": letters.remedy_sentence(body)}
    return render(request, "requests/letter_settings.html", context, status=400 if form.errors else 200)
