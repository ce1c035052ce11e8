"""Panels that other apps add to a role's home page.

involvement imports no other app, so an app higher up (expenses, for one)
registers a panel here from its AppConfig.ready(): the template to include, the
roles it is for, and a function that builds its context for the organisations
in which the person holds one of those roles (None to show nothing).

A panel for the role "member" is shown in the member's part of the home page
(section "member"), to people with an active membership of a group of the
organisation. A panel for "person" is shown at the top of the home page
(section "person") to anyone signed in, whatever their roles (an applicant's
unfinished application, say); its build gets no organisations and looks only
at the person's own records."""

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

MEMBER = "member"
PERSON = "person"


def _member_organisation_ids(user) -> set[int]:
    from .models import Membership

    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Membership.objects.filter(person__user=user, status=Membership.Status.ACTIVE).values_list(
            "group__organisation_id", flat=True
        )
    )


def register(*, template: str, roles: set[str] | frozenset[str], build) -> None:
    if any(panel.template == template for panel in _PANELS):
        return  # ready() may run more than once (tests, autoreload)
    _PANELS.append(HomePanel(template=template, roles=frozenset(roles), build=build))


def panels_for(user, *, section: str = "roles") -> list[dict]:
    """[{"template": ..., "context": ...}] for the panels this person should
    see: those for their staff roles, or (section "member") for members."""
    shown = []
    member_organisation_ids = None  # read once, for the first member panel
    for panel in _PANELS:
        if (PERSON in panel.roles) != (section == PERSON):
            continue
        if (MEMBER in panel.roles) != (section == MEMBER):
            continue
        if section == PERSON:
            organisation_ids = frozenset()
            if not getattr(user, "is_authenticated", False):
                continue
        elif section == MEMBER:
            if member_organisation_ids is None:
                member_organisation_ids = _member_organisation_ids(user)
            organisation_ids = member_organisation_ids
        else:
            organisation_ids = permissions.organisation_ids(user, *panel.roles)
        if not organisation_ids and section != PERSON:
            continue
        context = panel.build(user=user, organisation_ids=organisation_ids)
        if context:
            shown.append({"template": panel.template, "context": context})
    return shown
