"""Serving the files people upload (receipts, meeting papers): one response
for all of them, always behind an access check.

A photo opens in the browser; anything else, a PDF above all, is downloaded
as an attachment. A PDF can carry JavaScript or forms that run when a browser
shows it inline on our own address, so no uploaded PDF is ever shown inline."""

from __future__ import annotations

from django.http import FileResponse, Http404

# What may be shown in the page: pictures only (checked from the file's first
# bytes when uploaded). Everything else is a download.
INLINE_TYPES = frozenset({"image/png", "image/jpeg", "image/heic"})


def uploaded_file_response(file, *, content_type: str, name: str) -> FileResponse:
    """`file` is the model's FileField value; `name` the download name
    without its extension (taken from the stored file's own)."""
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("The file is missing") from exc
    extension = file.name.rsplit(".", 1)[-1]
    content_type = content_type or "application/octet-stream"
    disposition = "inline" if content_type in INLINE_TYPES else "attachment"
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Even if a browser did render it, it runs no script and reaches nothing.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    )
    return response
