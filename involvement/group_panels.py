"""Sections other apps add to a group's page.

involvement imports no other app, so an app higher up (evaluation links the
group's figures) registers a section here from its AppConfig.ready(): the
template to include and a function that builds its context for the person
looking at the group (None to show nothing)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class GroupPanel:
    template: str
    build: Callable[..., dict | None]


_PANELS: list[GroupPanel] = []


def register(*, template: str, build) -> None:
    if any(panel.template == template for panel in _PANELS):
        return  # ready() may run more than once (tests, autoreload)
    _PANELS.append(GroupPanel(template=template, build=build))


def panels_for(*, user, group) -> list[dict]:
    """[{"template": ..., "context": ...}] for the sections this person should see."""
    shown = []
    for panel in _PANELS:
        context = panel.build(user=user, group=group)
        if context:
            shown.append({"template": panel.template, "context": context})
    return shown
