"""Panels that other apps add to a role's home page.

involvement imports no other app, so an app higher up (expenses, for one)
registers a panel here from its AppConfig.ready(): the template to include, the
roles it is for, and a function that builds its context for the organisations
in which the person holds one of those roles (None to show nothing)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import permissions


@dataclass(frozen=True)
class HomePanel:
    template: str
    roles: frozenset[str]
    build: Callable[..., dict | None]


_PANELS: list[HomePanel] = []


def register(*, template: str, roles: set[str] | frozenset[str], build) -> None:
    if any(panel.template == template for panel in _PANELS):
        return  # ready() may run more than once (tests, autoreload)
    _PANELS.append(HomePanel(template=template, roles=frozenset(roles), build=build))


def panels_for(user) -> list[dict]:
    """[{"template": ..., "context": ...}] for the panels this person should see."""
    shown = []
    for panel in _PANELS:
        organisation_ids = permissions.organisation_ids(user, *panel.roles)
        if not organisation_ids:
            continue
        context = panel.build(user=user, organisation_ids=organisation_ids)
        if context:
            shown.append({"template": panel.template, "context": context})
    return shown
