"""Items: list, write, show (versions, diff, history), act on (submit, approve, return, publish, withdraw)."""

from __future__ import annotations

import difflib

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.bodies.access import bodies_for_user
from gongkai.disclosure.access import (
    DRAFTER_ROLES,
    WITHDRAW_ROLES,
    can_draft,
    can_keep_registers,
    get_attachment_for_staff,
    get_body_for_staff,
    get_item_for_staff,
    items_for_user,
    role_in,
)
from gongkai.disclosure.actions import DisclosureError, changes, ledger, refusals, review
from gongkai.disclosure.actions import items as item_actions
from gongkai.disclosure.forms.disclosure import (
    ChangeApproveForm,
    ChangeOpenForm,
    ItemForm,
    LinkDocumentForm,
    PublishForm,
    UploadForm,
    WithdrawForm,
)
from gongkai.disclosure.models import Attachment, CatalogueNode, Channel, ItemChange, ReviewStep
from gongkai.disclosure.rules.states import Status
from gongkai.disclosure.views.common import attempt, form_errors
from gongkai.report_workspace.forms import lock as lockforms
from gongkai.web.auth import AuthedRequest


@require_GET
@login_required
def item_list(request: AuthedRequest) -> HttpResponse:
    items = refusals.with_refusals(items_for_user(request.user)).prefetch_related("channels")
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
        items = items.filter(Q(is_late=True) | Q(changes__is_late=True)).distinct()
    if q.get("refused") == "1":
        items = items.filter(Q(refused_publication=True) | Q(refused_change=True))
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
def item_new(request: AuthedRequest, body_pk: int) -> HttpResponse:
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
def item_edit(request: AuthedRequest, pk: int) -> HttpResponse:
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
def item_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_item_for_staff(request.user, pk)
    role = role_in(request.user, item.body)
    steps = list(ReviewStep.objects.filter(body=item.body).order_by("position"))
    context = {
        "item": item,
        "role": role,
        **_may(request, item, role, steps),
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
        "withdraw_form": WithdrawForm(),
        "is_leader": role == "leader",
        "can_link": can_keep_registers(request.user, item.body),
        "link_form": LinkDocumentForm(body=item.body),
        "removed_attachments": Attachment.all_objects.filter(item=item, removed_at__isnull=False),
        "schedule_refusal": refusals.pending_refusal(item),
        **_change_context(request, item, role, steps),
    }
    return render(request, "disclosure/item_detail.html", context)


def _may(request: AuthedRequest, item, role: str | None, steps: list[ReviewStep]) -> dict[str, bool]:
    """Which buttons the page shows: only the actions the actions/ functions would let this person
    take (the same rules; a refusal page explains any that is tried anyway)."""
    drafter = role in DRAFTER_ROLES
    mine = item.created_by_id == request.user.pk
    live = item.status in (Status.PUBLISHED, Status.SCHEDULED)
    return {
        "may_publish": item.status == Status.APPROVED and drafter,
        "may_return_approved": item.status == Status.APPROVED and bool(steps) and steps[-1].role == role,
        "may_withdraw": item.status != Status.WITHDRAWN
        and (role in WITHDRAW_ROLES or (not live and mine and drafter)),
        "may_open_change": drafter,
        "may_cancel_change": drafter or role == "leader",
    }


def _change_context(request: AuthedRequest, item, role: str | None, steps: list[ReviewStep]) -> dict:
    change = item.open_change
    past = item.changes.exclude(pk=change.pk if change else None).order_by("-pk")
    context: dict = {"change": change, "past_changes": past, "open_form": ChangeOpenForm()}
    if change is None:
        return context
    step = change.current_step
    context.update(
        {
            "change_is_mine": change.created_by_id == request.user.pk,
            "change_can_review": change.status == Status.IN_REVIEW and step is not None and step.role == role,
            "change_is_last_step": step is not None and step.position == steps[-1].position,
            "change_earlier_steps": [s for s in steps if step is not None and s.position < step.position],
            "change_attachments": changes.change_attachments(change),
            "change_hits": changes.screen_change(change) if change.status == Status.IN_REVIEW else [],
            "change_approve_form": ChangeApproveForm(),
        }
    )
    return context


@require_http_methods(["GET", "POST"])
@login_required
def change_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Edit the content of the item's open 变更 round (the published item is not touched)."""
    item = get_item_for_staff(request.user, pk)
    change = item.open_change
    if change is None:
        raise Http404("这条信息没有正在办理的变更")
    initial = ItemForm.initial_from_draft(changes.change_draft(change))
    form = ItemForm(request.POST or None, body=item.body, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changes.update_change(change, actor=request.user, draft=form.draft())
        except DisclosureError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, "已保存变更内容")
            return redirect("disclosure:item", pk=item.pk)
    context = {"form": form, "body": item.body, "item": item, "change": change}
    return render(request, "disclosure/item_form.html", context)


@require_GET
@login_required
def item_diff(request: AuthedRequest, pk: int) -> HttpResponse:
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
@lockforms.refusal_as_message(back=lambda request, pk, act: reverse("disclosure:item", args=[pk]))
def item_act(request: AuthedRequest, pk: int, act: str) -> HttpResponse:
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
        form: forms.Form = PublishForm(post)
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
        form = WithdrawForm(post)
        if form.is_valid():
            reason, lock = form.cleaned_data["reason"], form.cleaned_data[lockforms.REASON_FIELD]
            attempt(
                request, lambda: review.withdraw(item, actor=user, reason=reason, lock_reason=lock), "已撤稿"
            )
        else:
            messages.error(request, form_errors(form))
    elif act == "detach":
        attachment = get_attachment_for_staff(request.user, int(post.get("attachment") or 0), item=item)
        change = item.open_change
        if change is not None:
            attempt(
                request,
                lambda: changes.remove_change_attachment(change, actor=user, attachment=attachment),
                "已从本次变更中删除附件（变更发布后生效）",
            )
        else:
            attempt(
                request,
                lambda: item_actions.remove_attachment(actor=user, attachment=attachment),
                "已删除附件",
            )
    elif act == "link_document":
        form = LinkDocumentForm(post, body=item.body)
        if form.is_valid():
            document = form.cleaned_data["document"]
            attempt(
                request, lambda: ledger.link_document(actor=user, item=item, document=document), "已关联台账"
            )
        else:
            messages.error(request, form_errors(form))
    elif act.startswith("change_"):
        _change_act(request, item, act)
    elif act == "attach":
        upload = request.FILES.get("file")
        if upload is None or getattr(request, "upload_too_large", False):
            messages.error(request, "请选择不超过大小限制的附件")
        else:
            data = upload.read()
            attempt(
                request,
                lambda: item_actions.add_attachment(actor=user, item=item, name=upload.name, data=data),  # type: ignore[arg-type]
                "已上传附件",
            )
    else:
        raise Http404("未知的操作")
    return redirect("disclosure:item", pk=item.pk)


def _change_act(request: AuthedRequest, item, act: str) -> None:
    """发起变更 and the acts on the open round: submit, approve, return, attach, cancel."""
    user, post = request.user, request.POST
    comment = post.get("comment", "")
    if act == "change_open":
        form: forms.Form = ChangeOpenForm(post)
        if form.is_valid():
            d = form.cleaned_data
            attempt(
                request,
                lambda: changes.open_change(item, actor=user, reason=d["reason"], formed_on=d["formed_on"]),
                "已发起变更：修改后提交审核，审核通过前已发布的内容不变",
            )
        else:
            messages.error(request, form_errors(form))
        return
    change: ItemChange | None = item.open_change
    if change is None:
        raise Http404("这条信息没有正在办理的变更")
    if act == "change_submit":
        attempt(request, lambda: changes.submit_change(change, actor=user, comment=comment), "变更已提交审核")
    elif act == "change_approve":
        form = ChangeApproveForm(post)
        if not form.is_valid():
            messages.error(request, form_errors(form))
            return
        d = form.cleaned_data
        attempt(
            request,
            lambda: changes.approve_change_step(
                change,
                actor=user,
                comment=d["comment"],
                override_reason=d["override_reason"],
                lock_reason=d[lockforms.REASON_FIELD],
                at=d["at"],
            ),
            "已审核通过" if not d["at"] else "已审核通过（如已是最后一个环节，变更将按定时发布时间发布）",
        )
    elif act == "change_return":
        step = ReviewStep.objects.filter(body=item.body, pk=post.get("step") or 0).first()
        if step is None:
            messages.error(request, "请选择退回到哪个环节")
        else:
            attempt(
                request,
                lambda: changes.return_change(change, actor=user, step=step, comment=comment),
                "变更已退回",
            )
    elif act == "change_attach":
        upload = request.FILES.get("file")
        if upload is None or getattr(request, "upload_too_large", False):
            messages.error(request, "请选择不超过大小限制的附件")
        else:
            data = upload.read()
            attempt(
                request,
                lambda: changes.add_change_attachment(change, actor=user, name=upload.name, data=data),  # type: ignore[arg-type]
                "已上传附件（变更发布后生效）",
            )
    elif act == "change_cancel":
        reason = post.get("reason", "")
        attempt(request, lambda: changes.cancel_change(change, actor=user, reason=reason), "已放弃变更")
    else:
        raise Http404("未知的操作")


@require_GET
@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    context = {
        "items": review.waiting_for(request.user),
        "changes": changes.changes_waiting_for(request.user),
        "refused": refusals.refused_for(request.user),
    }
    return render(request, "disclosure/inbox.html", context)


@require_GET
@login_required
def attachment_download(request: AuthedRequest, pk: int) -> FileResponse:
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
