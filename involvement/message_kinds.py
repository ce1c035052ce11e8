"""The kinds of message Involve sends, and which of them a person may turn off.

Each app registers the kinds of message it sends from its AppConfig.ready()
(involvement imports no other app): a code (the outbox row's `kind`), the
words a person reads on their "Which messages you get" page, and whether the
person may turn it off. Messages a person needs whatever they chose (a meeting
changed or cancelled, a decision about them, a payment) are registered as
essential: the page lists them and says they cannot be turned off.

A person's choice is kept on their profile (Person.messages_off, a list of
codes) and honoured by the outbox itself, when a message is queued and again
just before it goes (services.outbox): a message of a kind turned off is
cancelled with a reason the coordinator can read.
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


_KINDS: dict[str, MessageKind] = {}


def register(code: str, label: str, *, hint: str = "", optional: bool = True, order: int = 100):
    """Add a kind of message (again with the same code replaces it: ready()
    may run more than once)."""
    _KINDS[code] = MessageKind(code=code, label=label, hint=hint, optional=optional, order=order)


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


def turned_off(person, code: str) -> MessageKind | None:
    """The kind, if this person turned this kind of message off (and may)."""
    if not code or code not in (person.messages_off or ()):
        return None
    kind = _KINDS.get(code)
    return kind if kind is not None and kind.optional else None
