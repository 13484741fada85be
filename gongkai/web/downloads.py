"""A file download's Content-Disposition header, for every app that offers one."""

from __future__ import annotations

from urllib.parse import quote


def content_disposition(filename: str, fallback: str) -> str:
    """An attachment header: an ASCII fallback name, and the real name in RFC 5987 form."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
