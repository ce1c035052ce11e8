"""Role-aware navigation. Each app's entries are declared here, in one list,
with the roles that see them; a page marks itself current by URL prefix."""

from collections.abc import Callable
from dataclasses import dataclass

from . import permissions
from .models import StaffRole
from .url_shapes import url_without_args

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
# "service_user" a signed-in person with no organisation role; "platform_admin"
# a superuser; otherwise the organisation roles listed.
# A label may be a function of the user, for labels that carry a count.
ENTRIES: list[tuple[str | Callable[[object], str], str, frozenset[str]]] = [
    ("Home", "home", frozenset({"member"})),
    # The work of a group: its members, recruitment and boards
    ("Groups", "group-list", frozenset({"member"})),
    (
        "People",
        "person-list",
        frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT, Role.ORG_ADMIN, "platform_admin"}),
    ),
    (
        "Recruitment",
        "recruitment-home",
        frozenset({Role.COORDINATOR, Role.ORG_ADMIN, "platform_admin"}),
    ),
    ("Reviews", "scoring-index", frozenset({Role.PANEL_MEMBER})),
    ("Decision-making bodies", "body-list", frozenset({"member"})),
    # Work plans: priorities, the plan, the decision map, "you said" (workplans)
    ("Work plans", "workplan-index", frozenset({"member"})),
    # Meetings: staff who run them, and everyone's own
    (
        "Meetings",
        "meeting-list",
        frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT, "platform_admin"}),
    ),
    ("Your meetings", "my-meetings", frozenset({"member"})),
    # Expenses, claimant side: a person's own claims; paper claims; the policy
    ("Your claims", "claim-list", frozenset({"member"})),
    ("Paper claims", "claim-paper-list", frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT})),
    ("Payment policy", "payment-policy-index", frozenset({Role.ORG_ADMIN, "platform_admin"})),
    # Expenses, staff side: approving, paying, prompt payment and budgets
    (
        "Claims to approve",
        "approval-queue",
        frozenset({Role.COORDINATOR, Role.ORG_ADMIN, "platform_admin"}),
    ),
    ("Claims to pay", "payment-list", frozenset({Role.FINANCE, "platform_admin"})),
    (
        "Prompt payment",
        "prompt-payment",
        frozenset({Role.COORDINATOR, Role.ORG_ADMIN, Role.FINANCE, "platform_admin"}),
    ),
    (
        "Budgets",
        "budget-overview",
        frozenset({Role.COORDINATOR, Role.ORG_ADMIN, Role.FINANCE, "platform_admin"}),
    ),
    # Evaluation: objectives, success measures and the impact dashboards
    (
        "Impact and evaluation",
        "evaluation-index",
        frozenset({Role.COORDINATOR, Role.ORG_ADMIN, Role.COMMISSIONER, "platform_admin"}),
    ),
    # Messages to people: letters and calls for staff, the person's own inbox
    (
        "Letters and calls",
        "outbox-index",
        frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT, "platform_admin"}),
    ),
    (_messages_label, "message-list", frozenset({"member"})),
    # Administration, and a person's own pages
    ("Organisations", "organisation-index", frozenset({Role.ORG_ADMIN, "platform_admin"})),
    ("My applications", "my-applications", frozenset({"service_user"})),
    ("My profile", "my-profile", frozenset({"member"})),
]


def _audiences(user) -> set[str]:
    audiences = {"member"}
    roles = permissions.all_roles(user)
    audiences |= set(roles)
    if not roles:
        audiences.add("service_user")  # a signed-in person with no staff role
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
        url = url_without_args(url_name)
        current = request.path == url if url == "/" else request.path.startswith(url)
        if callable(label):
            label = label(user)
        items.append(NavItem(label=label, url=url, current=current))
    return items
