"""Sections other apps add to a decision-making body's page.

involvement imports no other app, so an app higher up (meetings lists the
body's board meetings) registers a section here from its AppConfig.ready():
the template to include and a function that builds its context for the
person looking at the body (None to show nothing)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BodyPanel:
    template: str
    build: Callable[..., dict | None]


_PANELS: list[BodyPanel] = []


def register(*, template: str, build) -> None:
    if any(panel.template == template for panel in _PANELS):
        return  # ready() may run more than once (tests, autoreload)
    _PANELS.append(BodyPanel(template=template, build=build))


def panels_for(*, user, body) -> list[dict]:
    """[{"template": ..., "context": ...}] for the sections this person should see."""
    shown = []
    for panel in _PANELS:
        context = panel.build(user=user, body=body)
        if context:
            shown.append({"template": panel.template, "context": context})
    return shown
