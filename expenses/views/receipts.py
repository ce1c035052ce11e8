"""Receipts: served only through an access check, never under a public URL."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_safe

from expenses import permissions
from meetings.views._files import uploaded_file_response


@login_required
@require_safe
def receipt_download(request, pk):
    receipt = permissions.access_receipt(user=request.user, pk=pk)
    return uploaded_file_response(
        receipt.file, content_type=receipt.content_type, name=f"receipt-{receipt.pk}"
    )
