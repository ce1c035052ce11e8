"""Role-aware navigation. Each app's entries are declared here, in one list,
with the roles that see them; a page marks itself current by URL prefix."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from . import permissions
from .models import StaffRole

Role = StaffRole.Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool = False


def _messages_label(user) -> str:
    """The "Messages" label, with the number unread: one query per page (outbox)."""
    from .selectors.outbox import notification_unread_count

    unread = notification_unread_count(user=user)
    return f"Messages ({unread} unread)" if unread else "Messages"


# (label, url name, who sees it). "member" means any signed-in person;
# "platform_admin" a superuser; otherwise the organisation roles listed.
# A label may be a function of the user, for labels that carry a count.
ENTRIES: list[tuple[str | Callable[[object], str], str, frozenset[str]]] = [
    ("Home", "home", frozenset({"member"})),
    ("Privacy", "privacy", frozenset({"member"})),
    # Notification outbox
    (_messages_label, "message-list", frozenset({"member"})),
    (
        "Letters and calls",
        "outbox-index",
        frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT, "platform_admin"}),
    ),
    # Decision-making bodies; organisations and roles
    ("Decision-making bodies", "body-list", frozenset({"member"})),
    ("Organisations", "organisation-index", frozenset({*Role.values, "platform_admin"})),
    # Groups, people and memberships
    ("Groups", "group-list", frozenset({"member"})),
    (
        "People",
        "person-list",
        frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT, Role.ORG_ADMIN, "platform_admin"}),
    ),
    ("My profile", "my-profile", frozenset({"member"})),
    # Recruitment: set-up and the applicant journey
    (
        "Recruitment",
        "recruitment-home",
        frozenset({Role.COORDINATOR, Role.ORG_ADMIN, "platform_admin"}),
    ),
    ("My applications", "my-applications", frozenset({"member"})),
    # Recruitment scoring: reviewers' blind scoring
    ("Reviews", "scoring-index", frozenset({Role.PANEL_MEMBER})),
]


def _audiences(user) -> set[str]:
    audiences = {"member"}
    audiences |= set(permissions.all_roles(user))
    if permissions.is_platform_admin(user):
        audiences.add("platform_admin")
    return audiences


def items_for(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    audiences = _audiences(user)
    items = []
    for label, url_name, who in ENTRIES:
        if not who & audiences:
            continue
        url = reverse(url_name)
        current = request.path == url if url == "/" else request.path.startswith(url)
        if callable(label):
            label = label(user)
        items.append(NavItem(label=label, url=url, current=current))
    return items
