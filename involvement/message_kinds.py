"""The kinds of message Involve sends, and which of them a person may turn off.

Each app registers the kinds of message it sends from its AppConfig.ready()
(involvement imports no other app): a code (the outbox row's `kind`), the
words a person reads on their "Which messages you get" page, and whether the
person may turn it off. Messages a person needs whatever they chose (a meeting
changed or cancelled, a decision about them, a payment) are registered as
essential: the page lists them and says they cannot be turned off.

Most kinds are on until the person turns them off; a few (the weekly
summary) are off until the person turns them on (`default_on`). A person's
choice is kept on their profile (Person.message_choices, code -> on or off;
a kind not named follows its default) and honoured by the outbox itself,
when a message is queued and again just before it goes (services.outbox): a
message of a kind turned off is cancelled with a reason the coordinator can
read.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MessageKind:
    code: str
    # "Reminders before a meeting": read in a list, and in "chose not to get …".
    label: str
    hint: str = ""
    optional: bool = True
    # Orders the list on the page (smaller first), then the label.
    order: int = 100
    # Sent unless the person turned it off (True), or only if they turned it on.
    default_on: bool = True


_KINDS: dict[str, MessageKind] = {}


def register(
    code: str,
    label: str,
    *,
    hint: str = "",
    optional: bool = True,
    order: int = 100,
    default_on: bool = True,
):
    """Add a kind of message (again with the same code replaces it: ready()
    may run more than once)."""
    _KINDS[code] = MessageKind(
        code=code,
        label=label,
        hint=hint,
        optional=optional,
        order=order,
        default_on=default_on or not optional,
    )


def get(code: str) -> MessageKind | None:
    return _KINDS.get(code)


def _sorted(kinds):
    return sorted(kinds, key=lambda kind: (kind.order, kind.label))


def optional_kinds() -> list[MessageKind]:
    """The kinds a person may turn off, in the page's order."""
    return _sorted(kind for kind in _KINDS.values() if kind.optional)


def essential_kinds() -> list[MessageKind]:
    """The kinds that always go, in the page's order."""
    return _sorted(kind for kind in _KINDS.values() if not kind.optional)


def may_turn_off(code: str) -> bool:
    kind = _KINDS.get(code)
    return kind is not None and kind.optional


def wants(person, kind: MessageKind) -> bool:
    """Whether this person gets this kind of message: always for essential
    ones; otherwise their choice, or the kind's default if they made none."""
    if not kind.optional:
        return True
    choice = (person.message_choices or {}).get(kind.code)
    return kind.default_on if choice is None else bool(choice)


def turned_off(person, code: str) -> MessageKind | None:
    """The kind, if this person does not get this kind of message."""
    kind = _KINDS.get(code) if code else None
    if kind is None or wants(person, kind):
        return None
    return kind
