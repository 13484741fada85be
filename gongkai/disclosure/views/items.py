"""Items: list, write, show (versions, diff, history), act on (submit, approve, return, publish, withdraw)."""

from __future__ import annotations

import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.bodies.access import bodies_for_user

from ..access import (
    can_draft,
    get_attachment_for_staff,
    get_body_for_staff,
    get_item_for_staff,
    items_for_user,
    role_in,
)
from ..actions import DisclosureError, review
from ..actions import items as item_actions
from ..forms import ItemForm, PublishForm, UploadForm
from ..models import CatalogueNode, Channel, ReviewStep
from ..states import Status
from .common import attempt, form_errors


@require_GET
@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    items = items_for_user(request.user).prefetch_related("channels")
    q = request.GET
    if (body := q.get("body", "")).isdigit():
        items = items.filter(body=get_body_for_staff(request.user, int(body)))
    if (node := q.get("node", "")).isdigit():
        items = items.filter(node_id=int(node))
    if q.get("status") in Status.values:
        items = items.filter(status=q["status"])
    if q.get("channel") in Channel.values:
        items = items.filter(channels__channel=q["channel"])
    if q.get("late") == "1":
        items = items.filter(is_late=True)
    context = {
        "items": items[:500],
        "bodies": bodies_for_user(request.user),
        "nodes": CatalogueNode.objects.filter(body__in=bodies_for_user(request.user)).order_by(
            "body", "code"
        ),
        "statuses": Status.choices,
        "channels": Channel.choices,
        "q": q,
    }
    return render(request, "disclosure/item_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def item_new(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_staff(request.user, body_pk)
    if not can_draft(request.user, body):
        raise Http404("没有找到这个机关")
    form = ItemForm(request.POST or None, body=body, initial={"channels": [Channel.WEBSITE]})
    if request.method == "POST" and form.is_valid():
        try:
            item = item_actions.create_item(actor=request.user, body=body, draft=form.draft())
        except DisclosureError as e:
            messages.error(request, e.message)
        else:
            return redirect("disclosure:item", pk=item.pk)
    return render(request, "disclosure/item_form.html", {"form": form, "body": body, "item": None})


@require_http_methods(["GET", "POST"])
@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_staff(request.user, pk)
    form = ItemForm(request.POST or None, body=item.body, initial=ItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            item_actions.update_item(actor=request.user, item=item, draft=form.draft())
        except DisclosureError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, "已保存")
            return redirect("disclosure:item", pk=item.pk)
    return render(request, "disclosure/item_form.html", {"form": form, "body": item.body, "item": item})


@require_GET
@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_staff(request.user, pk)
    role = role_in(request.user, item.body)
    steps = list(ReviewStep.objects.filter(body=item.body).order_by("position"))
    context = {
        "item": item,
        "role": role,
        "is_drafter": item.created_by_id == request.user.pk,
        "can_review": item.status == Status.IN_REVIEW
        and item.current_step
        and item.current_step.role == role,
        "earlier_steps": [
            s for s in steps if item.current_step is None or s.position < item.current_step.position
        ],
        "steps": steps,
        "missing": review.missing_steps(item) if item.status == Status.APPROVED else [],
        "hits": review.screen_item(item) if item.status in (Status.IN_REVIEW, Status.APPROVED) else [],
        "versions": item.versions.select_related("author").order_by("-number"),
        "events": item.events.select_related("step").order_by("at", "pk"),
        "attachments": item.attachments.all(),
        "publish_form": PublishForm(),
        "upload_form": UploadForm(),
    }
    return render(request, "disclosure/item_detail.html", context)


@require_GET
@login_required
def item_diff(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_staff(request.user, pk)
    versions = {v.number: v for v in item.versions.all()}
    try:
        a, b = versions[int(request.GET.get("a", 0))], versions[int(request.GET.get("b", 0))]
    except (KeyError, ValueError):
        raise Http404("没有找到这个版本") from None
    table = difflib.HtmlDiff(wrapcolumn=60).make_table(
        _lines(a.content), _lines(b.content), f"第{a.number}版", f"第{b.number}版", context=True
    )
    # HtmlDiff escapes the text it shows, so its table is safe as HTML.
    return render(
        request, "disclosure/item_diff.html", {"item": item, "a": a, "b": b, "table": mark_safe(table)}
    )


@require_POST
@login_required
def item_act(request: HttpRequest, pk: int, act: str) -> HttpResponse:
    item = get_item_for_staff(request.user, pk)
    user, post = request.user, request.POST
    comment = post.get("comment", "")
    if act == "submit":
        attempt(request, lambda: review.submit_for_review(item, actor=user, comment=comment), "已提交审核")
    elif act == "approve":
        attempt(request, lambda: review.approve_step(item, actor=user, comment=comment), "已审核通过")
    elif act == "return":
        step = ReviewStep.objects.filter(body=item.body, pk=post.get("step") or 0).first()
        if step is None:
            messages.error(request, "请选择退回到哪个环节")
        else:
            attempt(
                request, lambda: review.return_to_step(item, actor=user, step=step, comment=comment), "已退回"
            )
    elif act == "publish":
        form = PublishForm(post)
        if form.is_valid():
            at, reason = form.cleaned_data["at"], form.cleaned_data["override_reason"]
            attempt(
                request,
                lambda: review.publish(item, actor=user, at=at, override_reason=reason),
                "已发布或已安排定时发布",
            )
        else:
            messages.error(request, form_errors(form))
    elif act == "withdraw":
        attempt(request, lambda: review.withdraw(item, actor=user, reason=post.get("reason", "")), "已撤稿")
    elif act == "attach":
        upload = request.FILES.get("file")
        if upload is None or getattr(request, "upload_too_large", False):
            messages.error(request, "请选择不超过大小限制的附件")
        else:
            data = upload.read()
            attempt(
                request,
                lambda: item_actions.add_attachment(actor=user, item=item, name=upload.name, data=data),
                "已上传附件",
            )
    else:
        raise Http404("未知的操作")
    return redirect("disclosure:item", pk=item.pk)


@require_GET
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "disclosure/inbox.html", {"items": review.waiting_for(request.user)})


@require_GET
@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_attachment_for_staff(request.user, pk)
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _lines(content: dict) -> list[str]:
    meta = [
        f"标题：{content.get('title', '')}",
        f"栏目：{content.get('node_code', '')} {content.get('node', '')}",
        f"发布机构：{content.get('publisher', '')}",
        f"成文日期：{content.get('formed_on', '')}",
        f"文号：{content.get('doc_number', '')}",
        f"主题分类：{content.get('topic', '')}",
        f"公开属性：{content.get('disclosure', '')} {content.get('non_disclosure_reason', '')}".rstrip(),
        f"有效性：{content.get('validity', '')}",
        f"发布渠道：{'、'.join(content.get('channels', []))}",
        f"附件：{'、'.join(a['name'] for a in content.get('attachments', []))}",
        "——正文——",
    ]
    return meta + content.get("body_text", "").splitlines()
