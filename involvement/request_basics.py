"""What nearly every signed-in page asks about its person, read in one query.

Each signed-in request used to ask PostgreSQL four or five things one after
the other before the page did any work of its own: the login (Django), the
person's staff roles (permissions.roles_by_organisation, for the menu and
every access rule), whether a member of staff has an authenticator app
(the MFA check of every request), how many messages they have not read (the
menu), and their Person record (permissions.person_of, on most member pages).
On the benchmark's loaded machine each round trip costs 1-2 ms of waiting
whatever the query, so the one query here (after Django's own for the login)
stands for the other four.

`load(user)` fills the caches those functions already keep on the user object
for the rest of the request (the same values they would read themselves) and
returns whether the person has an authenticator app, for the middleware's
MFA check only: services that ask again later ask the database.
"""

from __future__ import annotations

from collections import defaultdict

from allauth.mfa.models import Authenticator
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Notification, Person, User


def load(user) -> bool | None:
    """Remember the roles, Person record and unread messages of a signed-in
    `user` (one query); whether they have an authenticator app, or None when
    nothing was read (nobody signed in, or the account has just gone)."""
    if not getattr(user, "is_authenticated", False):
        return None
    unread = (
        Notification.objects.filter(recipient__user=OuterRef("pk"), read_at__isnull=True)
        .exclude(status=Notification.Status.CANCELLED)
        .order_by()
        .values("recipient__user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = list(
        User.objects.filter(pk=user.pk)
        .select_related("person")
        .annotate(
            # One row per staff role (a single row of NULLs for none).
            role_organisation_id=F("staff_roles__organisation_id"),
            role_held=F("staff_roles__role"),
            unread_messages=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
            has_authenticator=Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
        )
        .order_by()
    )
    if not rows:
        return None
    grouped: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        if row.role_organisation_id is not None:
            grouped[row.role_organisation_id].add(row.role_held)
    first = rows[0]
    person = getattr(first, "person", None)
    if person is not None:
        Person._meta.get_field("user").set_cached_value(person, user)
    if not hasattr(user, "_involve_roles"):
        user._involve_roles = {org: frozenset(roles) for org, roles in grouped.items()}
    if getattr(user, "_involve_person", False) is False:
        user._involve_person = person
    if getattr(user, "_involve_unread_messages", None) is None:
        user._involve_unread_messages = first.unread_messages
    return first.has_authenticator
