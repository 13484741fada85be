"""The pages of prepared files: the person's recent files, one file's state (it refreshes itself while
the file is being made; no JavaScript) and the download. Only the owner gets any of them (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from gongkai.prepared.access import files_for_user, get_file_for_owner
from gongkai.prepared.actions.files import CannotRegenerate
from gongkai.prepared.models import PreparedFile
from gongkai.prepared.tasks.produce import prepare_again
from gongkai.web.auth import AuthedRequest
from gongkai.web.downloads import content_disposition

RECENT = 50
REFRESH_SECONDS = 2


@require_GET
@login_required
def file_list(request: AuthedRequest) -> HttpResponse:
    files = list(files_for_user(request.user)[:RECENT])
    waiting = any(not f.finished for f in files)
    return render(
        request,
        "prepared/list.html",
        {"files": files, "refresh": REFRESH_SECONDS if waiting else 0, "State": PreparedFile.State},
    )


@require_GET
@login_required
def file_status(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_file_for_owner(request.user, pk)
    return render(
        request,
        "prepared/status.html",
        {
            "item": item,
            "refresh": 0 if item.finished else REFRESH_SECONDS,
            "State": PreparedFile.State,
        },
    )


@require_POST
@login_required
def file_regenerate(request: AuthedRequest, pk: int) -> HttpResponse:
    """重新生成 a failed file (its owner only: 404 for anyone else); then its status page."""
    item = get_file_for_owner(request.user, pk)
    try:
        again = prepare_again(actor=request.user, item=item)
    except CannotRegenerate as e:
        messages.error(request, e.message)
        return redirect("prepared:list")
    messages.info(request, f"已重新排队生成“{again.title}”。")
    return redirect("prepared:status", pk=again.pk)


@require_GET
@login_required
def file_download(request: AuthedRequest, pk: int) -> FileResponse:
    return serve(get_file_for_owner(request.user, pk))


def serve(item: PreparedFile) -> FileResponse:
    """The stored file as an attachment (404 when it is not ready or its copy is gone); the apps'
    own pages call this for their public files."""
    if item.state != PreparedFile.State.DONE or not item.file:
        raise Http404("文件尚未生成")
    try:
        handle = item.file.open("rb")
    except (OSError, ValueError):
        raise Http404("文件已过期删除，请重新生成") from None
    response = FileResponse(handle, content_type=item.content_type or "application/octet-stream")
    ext = item.filename.rsplit(".", 1)[-1] if "." in item.filename else "bin"
    response["Content-Disposition"] = content_disposition(item.filename, fallback=f"gongkai-{item.pk}.{ext}")
    response["X-Content-Type-Options"] = "nosniff"
    return response
