"""Receipts: served only through an access check, never under a public URL."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from involvement import permissions


@login_required
@require_GET
def receipt_download(request, pk):
    receipt = permissions.access_receipt(user=request.user, pk=pk)
    try:
        handle = receipt.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The receipt file is missing") from exc
    extension = receipt.file.name.rsplit(".", 1)[-1]
    response = FileResponse(handle, content_type=receipt.content_type)
    response["Content-Disposition"] = f'inline; filename="receipt-{receipt.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
