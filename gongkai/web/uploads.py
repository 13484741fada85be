"""Stop reading an uploaded file once it passes ``GONGKAI_MAX_UPLOAD_MB``.

The rest of the request is drained and thrown away, and ``request.upload_too_large`` is set so the
view can answer with the form and a message instead of a half-parsed request.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class SizeLimitUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > settings.GONGKAI_MAX_UPLOAD_BYTES:
            if self.request is not None:
                self.request.upload_too_large = True  # type: ignore[attr-defined]  # read by the views
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
