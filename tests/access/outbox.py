"""Notification outbox: a person's messages, a member's messages for
coordinators, the print queue and the call list."""

from .rules import SIGNED_IN, Page, expect, redirects

POST_ONLY = expect(405, anonymous=302)
# Coordinators and admin support of the organisation handle its messages; its
# other staff see that the page exists but may not use it.
HANDLES_MESSAGES = expect(
    403,
    anonymous=302,
    member=404,
    other_org=404,
    coordinator=200,
    admin_support=200,
    platform_admin=200,
)


def print_batch_of(world):
    """A print batch of the first organisation (made on first use)."""
    from involvement.models import PrintBatch

    if "print_batch" not in world.objects:
        world.objects["print_batch"] = PrintBatch.objects.create(
            organisation=world.organisation, created_by=world.user("coordinator")
        )
    return world.objects["print_batch"]


def with_outbox_examples(world):
    """Fill the first organisation's outbox with one of each thing its pages
    show (for page checks that want more than empty states): a failed email to
    the world's person, a letter in the print batch, a large-print letter
    waiting to print, a call to make and one no longer needed."""
    from involvement.models import Notification
    from tests.factories import NotificationFactory, PersonFactory

    if "outbox_examples" in world.objects:
        return world
    organisation, person = world.organisation, world.objects["person"]
    address = {"address_line_1": "4 Mill Lane", "town": "Fellbridge", "postcode": "FB1 2AB"}
    NotificationFactory(
        recipient=person,
        organisation=organisation,
        status=Notification.Status.FAILED,
        attempts=2,
        last_error="The mail server did not answer in time",
    )
    NotificationFactory(
        recipient=PersonFactory(contact_channel="post", **address),
        organisation=organisation,
        channel=Notification.Channel.POST,
        print_batch=print_batch_of(world),
    )
    NotificationFactory(
        recipient=PersonFactory(contact_channel="post", large_print=True, **address),
        organisation=organisation,
        channel=Notification.Channel.POST,
        large_print=True,
    )
    NotificationFactory(
        recipient=PersonFactory(contact_channel="phone", phone="01632 960 123"),
        organisation=organisation,
        channel=Notification.Channel.PHONE,
    )
    NotificationFactory(
        recipient=PersonFactory(contact_channel="phone", phone="01632 960 124"),
        organisation=organisation,
        channel=Notification.Channel.PHONE,
        status=Notification.Status.CANCELLED,
        cancelled_reason="The meeting was cancelled; the cancellation notice went instead.",
    )
    world.objects["outbox_examples"] = True
    return world


def _call(w):
    """A call to make to the world's person (a message by phone)."""
    from involvement.models import Notification
    from tests.factories import NotificationFactory

    if "call" not in w.objects:
        w.objects["call"] = NotificationFactory(
            recipient=w.objects["person"],
            organisation=w.organisation,
            channel=Notification.Channel.PHONE,
        )
    return {"pk": w.objects["call"].pk}


def _interrupted(w):
    """An email to the world's person whose sending was cut off part way."""
    from involvement.models import Notification
    from tests.factories import NotificationFactory

    if "interrupted" not in w.objects:
        w.objects["interrupted"] = NotificationFactory(
            recipient=w.objects["person"],
            organisation=w.organisation,
            status=Notification.Status.INTERRUPTED,
            attempts=1,
        )
    return {"pk": w.objects["interrupted"].pk}


# Acting on one message: whoever handles the organisation's messages; the
# person it is for sees it but may not act on it (403); others do not see it.
ACTS_ON_MESSAGE = expect(
    404, anonymous=302, member=403, coordinator=302, admin_support=302, platform_admin=302
)
SEES_MESSAGE_ACTION = expect(
    404, anonymous=302, member=403, coordinator=200, admin_support=200, platform_admin=200
)


def _with_letters(w):
    """The organisation's outbox with letters to print and in a batch."""
    return with_outbox_examples(w).organisation


PAGES = {
    "message-list": Page(status=SIGNED_IN),
    "message-detail": Page(
        kwargs=lambda w: {"pk": w.objects["notification"].pk},
        # Only the recipient opens (and so reads) a message; the staff who may
        # see it do so on the person's message list.
        status=expect(
            404,
            anonymous=302,
            member=200,
            coordinator=403,
            admin_support=403,
            platform_admin=403,
        ),
    ),
    "person-messages": Page(
        kwargs=lambda w: {"person_pk": w.objects["person"].pk},
        status=expect(
            404,
            anonymous=302,
            coordinator=200,
            admin_support=200,
            platform_admin=200,
            member=403,
            org_admin=403,
        ),
    ),
    # A confirmation page; its POST cancels the message.
    "message-cancel": Page(
        kwargs=lambda w: {"pk": w.objects["notification"].pk},
        status=SEES_MESSAGE_ACTION,
        post=ACTS_ON_MESSAGE,
    ),
    "message-send-again": Page(
        kwargs=_interrupted,
        # A confirmation page, then the action, for those who handle the
        # sending organisation's messages; the recipient may not.
        status=expect(
            404,
            anonymous=302,
            member=403,
            coordinator=200,
            admin_support=200,
            platform_admin=200,
        ),
        post=ACTS_ON_MESSAGE,
    ),
    "message-mark-called": Page(kwargs=_call, status=POST_ONLY, post=ACTS_ON_MESSAGE),
    "outbox-index": Page(
        # One organisation's coordinators go straight to its print queue.
        status=expect(
            403,
            anonymous=302,
            coordinator=302,
            admin_support=302,
            other_org=302,
            platform_admin=200,
        ),
    ),
    "print-queue": Page(
        kwargs=lambda w: {"organisation_pk": w.organisation.pk}, status=HANDLES_MESSAGES
    ),
    "call-list": Page(
        kwargs=lambda w: {"organisation_pk": w.organisation.pk}, status=HANDLES_MESSAGES
    ),
    # Every message of the organisation, filtered (a GET form).
    "organisation-messages": Page(
        kwargs=lambda w: {"organisation_pk": with_outbox_examples(w).organisation.pk},
        status=HANDLES_MESSAGES,
        query="?status=failed&kind=&person=Marian",
    ),
    "print-batch-create": Page(
        kwargs=lambda w: {"organisation_pk": _with_letters(w).pk},
        status=POST_ONLY,
        post=redirects(HANDLES_MESSAGES),
    ),
    "print-batch-detail": Page(
        kwargs=lambda w: {"pk": print_batch_of(w).pk}, status=HANDLES_MESSAGES
    ),
    "print-batch-pdf": Page(kwargs=lambda w: {"pk": print_batch_of(w).pk}, status=HANDLES_MESSAGES),
    "print-batch-printed": Page(
        kwargs=lambda w: {"pk": print_batch_of(with_outbox_examples(w)).pk},
        status=POST_ONLY,
        post=redirects(HANDLES_MESSAGES),
    ),
}
