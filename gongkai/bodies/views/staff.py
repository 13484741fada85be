"""The staff pages of a body (管理员 of the body or above, or superuser). A generated password is shown
once, in the response to the POST that made it, and never stored in the clear or cached."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_POST

from gongkai.bodies.access import get_body_to_manage
from gongkai.bodies.actions import staff as staff_actions
from gongkai.bodies.forms.bodies import AccountForm, RoleForm
from gongkai.bodies.models import Body, StaffMembership
from gongkai.bodies.queries.accounts import locked_usernames
from gongkai.web.auth import AuthedRequest


def _staff_page(request: AuthedRequest, body: Body, **forms) -> HttpResponse:
    members = list(body.memberships.select_related("user").order_by("role", "user__username"))
    locked = locked_usernames([m.user.get_username() for m in members])
    context = {
        "body": body,
        "members": [
            {
                "m": m,
                "form": RoleForm(initial={"role": m.role}, prefix=f"m{m.pk}"),
                "locked": m.user.get_username() in locked,
            }
            for m in members
        ],
        "new_form": forms.get("new_form") or AccountForm(prefix="new"),
        "attach_form": forms.get("attach_form") or AccountForm(prefix="attach"),
    }
    return render(request, "bodies/staff.html", context)


def _error(request: AuthedRequest, e: ValidationError | PermissionDenied) -> None:
    messages.error(request, "；".join(e.messages) if isinstance(e, ValidationError) else str(e))


def _act(request: AuthedRequest, body: Body, action: Callable[[], str | HttpResponse]) -> HttpResponse:
    """The POST views of one member or account (role, remove, active, password) share this shape: run
    the action; a refusal becomes a message on the staff page, a success its message there (or the
    page the action answers with, e.g. the new password shown once)."""
    try:
        outcome = action()
    except (ValidationError, PermissionDenied) as e:
        _error(request, e)
        return redirect("bodies:staff", body.pk)
    if isinstance(outcome, str):
        messages.success(request, outcome)
        return redirect("bodies:staff", body.pk)
    return outcome


def _password_page(
    request: AuthedRequest, body: Body, username: str, password: str, created: bool
) -> HttpResponse:
    response = render(
        request,
        "bodies/password_once.html",
        {"body": body, "username": username, "password": password, "created": created},
    )
    add_never_cache_headers(response)
    return response


@require_GET
@login_required
def staff(request: AuthedRequest, pk: int) -> HttpResponse:
    return _staff_page(request, get_body_to_manage(request.user, pk))


@require_POST
@login_required
def staff_new(request: AuthedRequest, pk: int) -> HttpResponse:
    body = get_body_to_manage(request.user, pk)
    form = AccountForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            user, password = staff_actions.add_new_account(
                actor=request.user,
                body=body,
                username=form.cleaned_data["username"],
                role=form.cleaned_data["role"],
            )
        except (ValidationError, PermissionDenied) as e:
            form.add_error(None, e.messages if isinstance(e, ValidationError) else str(e))
        else:
            return _password_page(request, body, user.get_username(), password, created=True)
    return _staff_page(request, body, new_form=form)


@require_POST
@login_required
def staff_attach(request: AuthedRequest, pk: int) -> HttpResponse:
    body = get_body_to_manage(request.user, pk)
    form = AccountForm(request.POST, prefix="attach")
    if form.is_valid():
        try:
            m = staff_actions.attach_account(
                actor=request.user,
                body=body,
                username=form.cleaned_data["username"],
                role=form.cleaned_data["role"],
            )
        except (ValidationError, PermissionDenied) as e:
            form.add_error(None, e.messages if isinstance(e, ValidationError) else str(e))
        else:
            messages.success(
                request, f"“{m.user.get_username()}”已加入“{body.name}”（{m.get_role_display()}）"
            )
            return redirect("bodies:staff", body.pk)
    return _staff_page(request, body, attach_form=form)


def _membership(body: Body, membership_pk: int) -> StaffMembership:
    m = StaffMembership.objects.select_related("user", "body").filter(pk=membership_pk, body=body).first()
    if m is None:
        raise Http404("没有找到这位人员")
    return m


@require_POST
@login_required
def staff_role(request: AuthedRequest, pk: int, membership_pk: int) -> HttpResponse:
    body = get_body_to_manage(request.user, pk)
    m = _membership(body, membership_pk)
    form = RoleForm(request.POST, prefix=f"m{m.pk}")
    if not form.is_valid():
        messages.error(request, "请选择有效的角色")
        return redirect("bodies:staff", body.pk)

    def change() -> str:
        staff_actions.change_role(actor=request.user, membership=m, role=form.cleaned_data["role"])
        return f"“{m.user.get_username()}”的角色已改为{m.get_role_display()}"

    return _act(request, body, change)


@require_POST
@login_required
def staff_remove(request: AuthedRequest, pk: int, membership_pk: int) -> HttpResponse:
    body = get_body_to_manage(request.user, pk)
    m = _membership(body, membership_pk)

    def remove() -> str:
        staff_actions.remove_membership(actor=request.user, membership=m)
        return f"“{m.user.get_username()}”已移出“{body.name}”（账号保留）"

    return _act(request, body, remove)


def _account(body: Body, user_pk: int):
    user = get_user_model().objects.filter(pk=user_pk, memberships__body=body).first()
    if user is None:
        raise Http404("没有找到这个账号")
    return user


@require_POST
@login_required
def account_active(request: AuthedRequest, pk: int, user_pk: int) -> HttpResponse:
    body = get_body_to_manage(request.user, pk)
    user = _account(body, user_pk)
    active = request.POST.get("active") == "1"

    def switch() -> str:
        staff_actions.set_account_active(actor=request.user, body=body, user=user, active=active)
        return f"账号“{user.get_username()}”已{'启用' if active else '停用'}"

    return _act(request, body, switch)


@require_POST
@login_required
def password_reset(request: AuthedRequest, pk: int, user_pk: int) -> HttpResponse:
    body = get_body_to_manage(request.user, pk)
    user = _account(body, user_pk)

    def reset() -> HttpResponse:
        password = staff_actions.reset_password(actor=request.user, body=body, user=user)
        return _password_page(request, body, user.get_username(), password, created=False)

    return _act(request, body, reset)


@require_POST
@login_required
def account_unlock(request: AuthedRequest, pk: int, user_pk: int) -> HttpResponse:
    """解除锁定 after too many failed logins."""
    body = get_body_to_manage(request.user, pk)
    user = _account(body, user_pk)

    def unlock() -> str:
        staff_actions.unlock_account(actor=request.user, body=body, user=user)
        return f"账号“{user.get_username()}”已解除登录锁定"

    return _act(request, body, unlock)
