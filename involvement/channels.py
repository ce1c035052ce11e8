"""How a message reaches a person: one small class per channel, in a registry.

A channel either delivers when the sending task runs (email, in-app), or waits
for a person to do something (post waits for the print queue, a phone call for
the coordinator's call list); `delivers_when_sent` says which.

Adding SMS later is one class here plus a choice in `NotificationChannel`:

    @register
    class SMSChannel(Channel):
        code = NotificationChannel.SMS

        def send(self, notification):
            sms_gateway.send(notification.recipient.phone, notification.body_text)

How each person is reached is decided once, by `channel_for(person)`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from .models.outbox import Notification, NotificationChannel
from .models.people import Person, PersonChannel
from .text import single_line


class ChannelError(Exception):
    """A channel could not deliver a message; the message says why, in words a
    coordinator can act on."""


class Channel:
    code: str = ""
    # True: the sending task delivers the message. False: it waits for a
    # person (letters for the print queue, calls for the call list).
    delivers_when_sent: bool = True

    def send(self, notification: Notification) -> None:
        """Deliver the message or raise. Only called for channels that deliver
        when sent, and only once per claim (services.outbox.notification_send)."""
        raise NotImplementedError


_REGISTRY: dict[str, Channel] = {}


def register(cls: type[Channel]) -> type[Channel]:
    if cls.code not in NotificationChannel.values:
        raise ValueError(f"Add {cls.code!r} to NotificationChannel before registering it")
    _REGISTRY[cls.code] = cls()
    return cls


def get_channel(code: str) -> Channel:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise ChannelError(f"There is no way to send {code!r} messages yet") from None


def codes_delivered_when_sent() -> list[str]:
    """Channels the sending task delivers (the others wait for a person)."""
    return [code for code, channel in _REGISTRY.items() if channel.delivers_when_sent]


@register
class EmailChannel(Channel):
    code = NotificationChannel.EMAIL

    def send(self, notification: Notification) -> None:
        address = notification.recipient.email
        if not address:
            raise ChannelError("This person has no email address.")
        # Header values are made single lines here too, for messages queued
        # before the outbox did so (services.outbox.subject_line).
        message = EmailMultiAlternatives(
            subject=single_line(notification.subject),
            body=notification.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            headers={"X-Involve-Message": single_line(notification.idempotency_key)},
        )
        if notification.body_html:
            message.attach_alternative(notification.body_html, "text/html")
        message.send(fail_silently=False)


@register
class InAppChannel(Channel):
    """The message is the row itself: it shows in the person's Messages list.
    Sending only marks it delivered."""

    code = NotificationChannel.IN_APP

    def send(self, notification: Notification) -> None:
        return None


@register
class PostChannel(Channel):
    """Letters wait in the organisation's print queue; printing a batch marks
    them sent (services.outbox.print_batch_mark_printed)."""

    code = NotificationChannel.POST
    delivers_when_sent = False


@register
class PhoneChannel(Channel):
    """People who asked to be phoned: the message waits in the coordinator's
    call list with the person's number; marking the call made marks it sent."""

    code = NotificationChannel.PHONE
    delivers_when_sent = False


def channel_for(person: Person) -> str:
    """How to reach this person: the way they chose, if we have the details for
    it; otherwise email, then a letter, then a message on Involve.

    A letter is the last resort even without an address: it waits in the print
    queue, where the coordinator sees the address is missing.
    """
    chosen = person.contact_channel
    if chosen == PersonChannel.EMAIL and person.email:
        return NotificationChannel.EMAIL
    if chosen == PersonChannel.PHONE and person.phone:
        return NotificationChannel.PHONE
    if chosen == PersonChannel.POST and person.address_lines:
        return NotificationChannel.POST
    if person.email:
        return NotificationChannel.EMAIL
    if person.address_lines:
        return NotificationChannel.POST
    if person.user_id:
        return NotificationChannel.IN_APP
    return NotificationChannel.POST
