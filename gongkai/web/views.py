"""Site-wide pages: the answers to a bad request and to a refusal."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400 in Chinese; a request body over the size limit says so."""
    message = None
    if isinstance(exception, RequestDataTooBig):
        message = (
            f"提交的内容过大，超过了 {settings.GONGKAI_MAX_UPLOAD_MB} MB 的上限。"
            "请删减内容或改为上传文件后重试。"
        )
    return render(request, "400.html", {"message": message}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403 in Chinese, saying why: the refusal's own message (every PermissionDenied of the apps is
    raised with one), else a general one. A CSRF failure has its own page (403_csrf.html)."""
    reason = str(exception) if exception is not None and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)
