"""Pages of the notification outbox: a person's messages, a coordinator's view
of a member's messages, the print queue for letters and the call list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import letter_enclosures, message_kinds, permissions
from ..forms.outbox import MessageFilterForm
from ..models import Notification
from ..pdf import insert_pdfs, render_pdf_parts_counted
from ..selectors import outbox as selectors
from ..services import outbox as services
from .flow import act, confirm
from .pages import pdf_response

Channel = Notification.Channel
Status = Notification.Status


def status_for(notification: Notification) -> tuple[str, str]:
    """The words and tag colour for a message's status, in the channel's terms."""
    status = notification.status
    if status == Status.PENDING:
        if notification.channel == Channel.POST:
            if notification.print_batch_id:
                return "In a print batch", "blue"
            return "Waiting to print", "grey"
        if notification.channel == Channel.PHONE:
            return "Waiting for a call", "grey"
        return "Waiting to send", "grey"
    if status == Status.SENDING:
        return "Sending", "blue"
    if status == Status.SENT:
        if notification.channel == Channel.POST:
            return "Printed", "green"
        if notification.channel == Channel.PHONE:
            return "Called", "green"
        return "Sent", "green"
    if status == Status.INTERRUPTED:
        return "May not have been sent", "red"
    if status == Status.FAILED:
        if notification.next_attempt_at:
            return "Failed, trying again", "orange"
        return "Failed", "red"
    return "Cancelled", "white"


def _rows(notifications):
    return [(n, *status_for(n)) for n in notifications]


# --- A person's own messages ------------------------------------------------


MESSAGES_PAGE_SIZE = 50


@login_required
@require_safe
def message_list(request):
    # Only what the list shows: not each message's full text (emails, letters).
    notifications = selectors.notification_list_for_user(user=request.user).only(
        "subject", "read_at", "created_at", "organisation__name"
    )
    # Years of invitations, reminders and papers: a page at a time.
    page = Paginator(notifications, MESSAGES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "involvement/outbox/message_list.html",
        {"notifications": list(page.object_list), "page": page},
    )


@login_required
@require_safe
def message_detail(request, pk):
    notification = permissions.access_notification(user=request.user, pk=pk, action="read")
    if notification.status == Status.CANCELLED:
        raise Http404("This message was cancelled")
    services.notification_mark_read(notification=notification)
    return render(
        request,
        "involvement/outbox/message_detail.html",
        {
            "notification": notification,
            "breadcrumbs": [("Home", reverse("home")), ("Messages", reverse("message-list"))],
        },
    )


# --- Coordinators: a member's messages ----------------------------------------


@login_required
@require_safe
def person_messages(request, person_pk):
    person = permissions.access_person_messages(user=request.user, pk=person_pk)
    notifications = selectors.notification_list_for_person(person=person, user=request.user)
    breadcrumbs = [("Home", reverse("home"))]
    try:
        breadcrumbs.append((person.full_name, reverse("person-detail", kwargs={"pk": person.pk})))
    except NoReverseMatch:  # the people pages are another area's; link to them when present
        pass
    return render(
        request,
        "involvement/outbox/person_messages.html",
        {"person": person, "rows": _rows(notifications), "breadcrumbs": breadcrumbs},
    )


_BY_CHANNEL = {"email": "by email", "post": "by post", "phone": "in a phone call"}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def message_cancel(request, pk):
    notification = permissions.access_notification(user=request.user, pk=pk, action="cancel")
    back = reverse("person-messages", kwargs={"person_pk": notification.recipient_id})
    return confirm(
        request,
        lambda: services.notification_cancel(notification=notification, cancelled_by=request.user),
        message=f"Message cancelled: {notification.subject}",
        next=back,
        page={
            "caption": str(notification.recipient),
            "heading": "Are you sure you want to cancel this message?",
            "lines": [
                f"“{notification.subject}” will not be sent to {notification.recipient} "
                f"{_BY_CHANNEL.get(notification.channel, '')}".rstrip()
                + ".",
                "A letter already in a print batch is left out of its PDF. "
                "A cancelled message cannot be sent again.",
            ],
            "button": "Yes, cancel the message",
            "back_url": back,
            "back_text": "No, go back to their messages",
            "breadcrumbs": [("Home", reverse("home")), ("Messages", back)],
        },
    )


@login_required
def message_send_again(request, pk):
    """A message that may not have been sent: the coordinator confirms, on a
    page that says what is known, before it is sent again."""
    notification = permissions.access_notification(user=request.user, pk=pk, action="send_again")
    back = reverse("person-messages", kwargs={"person_pk": notification.recipient_id})
    if request.method == "POST":
        return act(
            request,
            lambda: services.notification_send_again(
                notification=notification, sent_by=request.user
            ),
            message=f"Sending again: {notification.subject}",
            next=back,
        )
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "involvement/outbox/message_send_again.html",
        {
            "notification": notification,
            "sendable": services.can_send_again(notification),
            "back": back,
            "breadcrumbs": [("Home", reverse("home")), ("Messages", back)],
        },
    )


# --- Letters and calls ------------------------------------------------------------


@login_required
@require_safe
def outbox_index(request):
    """Letters and calls: straight to the organisation's print queue when the
    user handles one organisation's messages, a choice when several."""
    if not permissions.can_handle_messages(request.user):
        raise PermissionDenied
    organisations = list(selectors.outbox_organisations_for(user=request.user))
    if len(organisations) == 1:
        return redirect("print-queue", organisation_pk=organisations[0].pk)
    return render(request, "involvement/outbox/outbox_index.html", {"organisations": organisations})


def _organisation(request, organisation_pk):
    return permissions.access_organisation(user=request.user, pk=organisation_pk, action="message")


@login_required
@require_safe
def print_queue(request, organisation_pk):
    organisation = _organisation(request, organisation_pk)
    return render(
        request,
        "involvement/outbox/print_queue.html",
        {
            "organisation": organisation,
            "letters": list(selectors.letter_list_waiting(organisation=organisation)),
            "batches": list(selectors.print_batch_list(organisation=organisation)),
            "calls_waiting": selectors.call_list_waiting(organisation=organisation).count(),
            "breadcrumbs": [("Home", reverse("home"))],
        },
    )


@login_required
@require_POST
def print_batch_create(request, organisation_pk):
    organisation = _organisation(request, organisation_pk)
    return act(
        request,
        lambda: services.print_batch_create(organisation=organisation, created_by=request.user),
        message=lambda batch: f"Print batch {batch.pk} is ready to print.",
        next=lambda batch: reverse("print-batch-detail", kwargs={"pk": batch.pk}),
        refused_next=reverse("print-queue", kwargs={"organisation_pk": organisation.pk}),
    )


@login_required
@require_safe
def print_batch_detail(request, pk):
    batch = permissions.access_print_batch(user=request.user, pk=pk)
    letters = list(selectors.print_batch_letters(batch=batch))
    return render(
        request,
        "involvement/outbox/print_batch_detail.html",
        {
            "batch": batch,
            "rows": _rows(letters),
            "large_print_count": sum(1 for letter in letters if letter.large_print),
            "breadcrumbs": [
                ("Home", reverse("home")),
                (
                    "Letters to print",
                    reverse("print-queue", kwargs={"organisation_pk": batch.organisation_id}),
                ),
            ],
        },
    )


@login_required
@require_safe
def print_batch_pdf(request, pk):
    """One PDF for the whole batch: each letter on its own pages, in large
    print for the people who asked for it."""
    batch = permissions.access_print_batch(user=request.user, pk=pk)
    letters = list(selectors.print_batch_letters(batch=batch))
    # What goes in each envelope after the letter (a briefing pack, say).
    enclosures = [letter_enclosures.enclosure_for(letter) for letter in letters]
    # One part per letter, so that each letter's pages are numbered as its own.
    content, pages = render_pdf_parts_counted(
        "involvement/pdf/letters.html",
        [
            {
                "batch": batch,
                "letters": [letter],
                "organisation": batch.organisation,
                "enclosure": enclosure,
                "enclosure_missing": enclosure is None
                and letter_enclosures.expects_enclosure(letter),
            }
            for letter, enclosure in zip(letters, enclosures, strict=True)
        ]
        or [{"batch": batch, "letters": [], "organisation": batch.organisation}],
        title=f"Letters from {batch.organisation.name}, print batch {batch.pk}",
    )
    ends = [sum(pages[: number + 1]) for number in range(len(pages))]
    content = insert_pdfs(
        content,
        [
            (end, enclosure.content)
            for end, enclosure in zip(ends, enclosures, strict=False)
            if enclosure is not None
        ],
    )
    return pdf_response(content, f"letters-batch-{batch.pk}.pdf")


@login_required
@require_POST
def print_batch_mark_printed(request, pk):
    batch = permissions.access_print_batch(user=request.user, pk=pk)
    return act(
        request,
        lambda: services.print_batch_mark_printed(batch=batch, printed_by=request.user),
        message=f"Print batch {batch.pk} is marked as printed. Its letters are sent.",
        next=reverse("print-batch-detail", kwargs={"pk": batch.pk}),
    )


MESSAGES_PAGE_SIZE = 50


@login_required
@require_safe
def organisation_messages(request, organisation_pk):
    """Every message the organisation sends, for whoever handles its messages:
    filtered by status, channel, kind and person, the ones that may not have
    been sent and the failed ones first, with Send again beside them."""
    organisation = _organisation(request, organisation_pk)
    form = MessageFilterForm(request.GET or None)
    filters = form.filters()
    messages = selectors.notification_list_for_organisation(organisation=organisation, **filters)
    page = Paginator(messages, MESSAGES_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    kinds = {
        kind.code: kind.label
        for kind in message_kinds.essential_kinds() + message_kinds.optional_kinds()
    }
    return render(
        request,
        "involvement/outbox/organisation_messages.html",
        {
            "organisation": organisation,
            "form": form,
            "filtered": bool(filters),
            "page": page,
            "rows": [
                (notification, *status_for(notification), kinds.get(notification.kind, ""))
                for notification in page.object_list
            ],
            "query": query.urlencode(),
            "breadcrumbs": [
                ("Home", reverse("home")),
                (
                    "Letters to print",
                    reverse("print-queue", kwargs={"organisation_pk": organisation.pk}),
                ),
            ],
        },
    )


@login_required
@require_safe
def call_list(request, organisation_pk):
    organisation = _organisation(request, organisation_pk)
    return render(
        request,
        "involvement/outbox/call_list.html",
        {
            "organisation": organisation,
            "calls": list(selectors.call_list_waiting(organisation=organisation)),
            "cancelled_calls": list(selectors.call_list_cancelled(organisation=organisation)),
            "breadcrumbs": [
                ("Home", reverse("home")),
                (
                    "Letters to print",
                    reverse("print-queue", kwargs={"organisation_pk": organisation.pk}),
                ),
            ],
        },
    )


@login_required
@require_POST
def message_mark_called(request, pk):
    notification = permissions.access_notification(user=request.user, pk=pk, action="mark_called")
    if notification.organisation_id is None:
        calls_url = reverse("outbox-index")
    else:
        calls_url = reverse("call-list", kwargs={"organisation_pk": notification.organisation_id})
    return act(
        request,
        lambda: services.notification_mark_called(
            notification=notification, called_by=request.user
        ),
        message=f"Call to {notification.recipient} marked as made.",
        next=calls_url,
    )
