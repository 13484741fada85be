"""Site-wide pages: the home page and the answer to a bad request."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400 in Chinese; a request body over the size limit says so."""
    message = None
    if isinstance(exception, RequestDataTooBig):
        message = (
            f"提交的内容过大，超过了 {settings.GONGKAI_MAX_UPLOAD_MB} MB 的上限。"
            "请删减内容或改为上传文件后重试。"
        )
    return render(request, "400.html", {"message": message}, status=400)
