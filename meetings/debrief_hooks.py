"""What happens to a published debrief's points, in apps above meetings.

meetings imports no app above it, so the app that keeps "you said" items
(workplans) registers a handler here from its AppConfig.ready(). Each handler
is called with the debrief, inside the transaction that publishes or saves
it, every time a published debrief is saved: it must act once per point
(saving twice must not make a second item)."""

from __future__ import annotations

from collections.abc import Callable

_HANDLERS: dict[str, Callable] = {}


def register(name: str, handler: Callable) -> None:
    """Add a handler under a name (once: ready() may run again)."""
    _HANDLERS.setdefault(name, handler)


def debrief_published(*, debrief, user=None) -> None:
    for handler in _HANDLERS.values():
        handler(debrief=debrief, user=user)
