"""The body-tree management pages (管理员 of a body or above, or superuser): tree, add, rename, move,
merge, dissolve, history. The rules are in tree_actions; these read forms and show the outcome."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.bodies.access import NOT_ADMIN, can_administer, get_body_to_manage, managed_roots
from gongkai.bodies.actions import tree as tree_actions
from gongkai.bodies.actions.history import change_rows
from gongkai.bodies.forms.bodies import BodyForm, DissolveForm, EditBodyForm, MergeForm, MoveForm
from gongkai.bodies.models import Body, BodyChange, StaffMembership
from gongkai.bodies.queries.tree import area_bodies
from gongkai.web.auth import AuthedRequest


def _manage_root(user, body: Body) -> Body:
    """The top of the user's managed tree that holds ``body`` (where to go back after a change)."""
    roots = {r.pk for r in managed_roots(user)}
    current: Body | None = body
    while current is not None:
        if current.pk in roots:
            return current
        current = current.parent
    return body


def _targets(user, body: Body) -> list[tuple[Body, int]]:
    """Current bodies the user manages that ``body`` could go under or into: never itself or below it."""
    below = set(body.descendants().values_list("pk", flat=True)) | {body.pk}
    out: list[tuple[Body, int]] = []
    for root in managed_roots(user):
        out.extend((b, d) for b, d in area_bodies(root, current=True) if b.pk not in below and b.is_current)
    return out


@require_GET
@login_required
def manage_index(request: AuthedRequest) -> HttpResponse:
    roots = managed_roots(request.user)
    if not roots:
        raise PermissionDenied(NOT_ADMIN)
    if len(roots) == 1:
        return redirect("bodies:tree", roots[0].pk)
    return render(request, "bodies/manage_index.html", {"roots": roots})


@require_GET
@login_required
def tree(request: AuthedRequest, pk: int) -> HttpResponse:
    root = get_body_to_manage(request.user, pk)
    show_all = request.GET.get("all") == "1"
    bodies = area_bodies(root, current=not show_all)
    counts = dict(
        StaffMembership.objects.filter(body_id__in=[b.pk for b, _ in bodies])
        .values("body_id")
        .annotate(n=Count("pk"))
        .values_list("body_id", "n")
    )
    rows = [
        {
            "body": b,
            "depth": d,
            "indent": d * 1.5,
            "staff": counts.get(b.pk, 0),
            "may_end": b.is_current and (b.pk != root.pk or can_administer(request.user, root.parent)),
        }
        for b, d in bodies
    ]
    return render(request, "bodies/tree.html", {"root": root, "rows": rows, "show_all": show_all})


def _form_page(
    request: AuthedRequest,
    body: Body,
    form,
    *,
    title: str,
    submit: str,
    act: Callable[[dict], str],
    note: str = "",
) -> HttpResponse:
    """GET shows the form; a valid POST runs ``act`` (which returns the success message) and goes back
    to the tree; an action's refusal is shown on the form, nothing saved."""
    if request.method == "POST" and form.is_valid():
        try:
            done = act(form.cleaned_data)
        except (ValidationError, PermissionDenied) as e:
            form.add_error(None, e.messages if isinstance(e, ValidationError) else str(e))
        else:
            messages.success(request, done)
            return redirect("bodies:tree", _manage_root(request.user, body).pk)
    return render(
        request,
        "bodies/manage_form.html",
        {"body": body, "form": form, "title": title, "submit": submit, "note": note},
    )


@require_http_methods(["GET", "POST"])
@login_required
def add_child(request: AuthedRequest, pk: int) -> HttpResponse:
    parent = get_body_to_manage(request.user, pk)
    form = BodyForm(request.POST or None)

    def act(data: dict) -> str:
        child = tree_actions.add_body(
            actor=request.user,
            parent=parent,
            name=data["name"],
            short_name=data["short_name"],
            level=data["level"],
            code=data["code"],
            founded_on=data["founded_on"],
            reason=data["reason"],
        )
        return f"已在“{parent.name}”下增加“{child.name}”"

    return _form_page(request, parent, form, title=f"在“{parent.name}”下增加机关", submit="增加", act=act)


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    body = get_body_to_manage(request.user, pk)
    initial = {
        "name": body.name,
        "short_name": body.short_name,
        "level": body.level,
        "code": body.code,
        "founded_on": body.founded_on,
    }
    form = EditBodyForm(request.POST or None, initial=initial)

    def act(data: dict) -> str:
        old = body.name
        on = data["effective_on"] or timezone.localdate()  # left empty: today
        tree_actions.rename_body(
            actor=request.user,
            body=body,
            name=data["name"],
            short_name=data["short_name"],
            code=data["code"],
            level=data["level"],
            founded_on=data["founded_on"],
            on=on,
            reason=data["reason"],
        )
        renamed = f"，现名“{body.name}”，自{on:%Y-%m-%d}起生效" if body.name != old else ""
        return f"已修改“{old}”的名称信息{renamed}"

    note = (
        "更名后，以往年度的报告仍保留原来的机关名称；原名称记入变更记录。"
        "更名生效日期所在年度以前各年度的监督页面和导出，仍显示原名称。"
    )
    return _form_page(request, body, form, title=f"修改“{body.name}”", submit="保存", act=act, note=note)


@require_http_methods(["GET", "POST"])
@login_required
def move(request: AuthedRequest, pk: int) -> HttpResponse:
    body = get_body_to_manage(request.user, pk)
    form = MoveForm(request.POST or None, targets=_targets(request.user, body))

    def act(data: dict) -> str:
        target = get_body_to_manage(request.user, data["new_parent"])
        on = data["effective_on"] or timezone.localdate()  # left empty: today
        tree_actions.move_body(actor=request.user, body=body, new_parent=target, on=on, reason=data["reason"])
        return f"已将“{body.name}”调整到“{target.name}”之下，自{on:%Y-%m-%d}起生效"

    note = (
        "下级机关随之一同调整。不能移到它自己或它的下级机关之下。"
        "生效日期所在年度以前各年度的监督页面，仍把本机关列在原上级机关之下。"
    )
    return _form_page(
        request, body, form, title=f"调整“{body.name}”的隶属", submit="调整", act=act, note=note
    )


@require_http_methods(["GET", "POST"])
@login_required
def merge(request: AuthedRequest, pk: int) -> HttpResponse:
    body = get_body_to_manage(request.user, pk)
    form = MergeForm(request.POST or None, targets=_targets(request.user, body))

    def act(data: dict) -> str:
        into = get_body_to_manage(request.user, data["new_parent"])
        tree_actions.merge_body(
            actor=request.user, body=body, into=into, on=data["ended_on"], reason=data["reason"]
        )
        return f"已将“{body.name}”并入“{into.name}”"

    note = (
        "撤并后，本机关的下级机关和人员转到并入机关；本机关以往的年度报告、申请和公开信息仍归属本机关，"
        "作为历史记录保留（标为“已撤并”），不再出现在现行机关中。"
    )
    return _form_page(request, body, form, title=f"撤并“{body.name}”", submit="撤并", act=act, note=note)


@require_http_methods(["GET", "POST"])
@login_required
def dissolve(request: AuthedRequest, pk: int) -> HttpResponse:
    body = get_body_to_manage(request.user, pk)
    form = DissolveForm(request.POST or None)

    def act(data: dict) -> str:
        tree_actions.dissolve_body(actor=request.user, body=body, on=data["ended_on"], reason=data["reason"])
        return f"已撤销“{body.name}”"

    note = "撤销前须先调整或撤并其下级机关。撤销后本机关人员的任职随之结束；以往的记录作为历史保留。"
    return _form_page(request, body, form, title=f"撤销“{body.name}”", submit="撤销", act=act, note=note)


@require_GET
@login_required
def history(request: AuthedRequest, pk: int) -> HttpResponse:
    body = get_body_to_manage(request.user, pk)
    changes = BodyChange.objects.filter(Q(body=body) | Q(related_body=body)).select_related(
        "body", "related_body"
    )
    rows = [{"change": c, "diff": change_rows(c)} for c in changes]
    return render(request, "bodies/history.html", {"body": body, "rows": rows})
