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

The query is built and compiled by the ORM once per process (with a user id
no account has), then run with each request's user id: building it again
for every request cost about 1 ms of CPU, as much as the four queries it
replaces. The ORM's own converters read the row, and the Person record is
made the way the ORM makes it (`Model.from_db`).
"""

from __future__ import annotations

from collections import defaultdict

from allauth.mfa.models import Authenticator
from django.db import connections, router
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Notification, Person, User

# The query is compiled with this in place of the user's id (no account has it).
_COMPILED_WITH = -918273645
_compiled: dict[str, tuple] = {}


def _person_fields() -> list[str]:
    return [field.attname for field in Person._meta.concrete_fields]


def _compile(alias: str) -> tuple:
    """(compiler, sql, params, where the user id goes) for database `alias`."""
    found = _compiled.get(alias)
    if found is not None:
        return found
    unread = (
        Notification.objects.filter(recipient__user=OuterRef("pk"), read_at__isnull=True)
        .exclude(status=Notification.Status.CANCELLED)
        .order_by()
        .values("recipient__user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = (
        User.objects.using(alias)
        .filter(pk=_COMPILED_WITH)
        .annotate(
            unread_messages=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
            has_authenticator=Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
        )
        # One row per staff role (a single row with no role for none), each
        # with the Person record's columns (all empty for a login without one).
        .values_list(
            "staff_roles__organisation_id",
            "staff_roles__role",
            "unread_messages",
            "has_authenticator",
            *(f"person__{name}" for name in _person_fields()),
        )
        .order_by()
    )
    compiler = queryset.query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    where = [index for index, value in enumerate(params) if value == _COMPILED_WITH]
    if len(where) != 1:
        raise RuntimeError("request_basics: the user id is not a single parameter of its query")
    found = _compiled[alias] = (compiler, sql, tuple(params), where[0])
    return found


def _rows(user) -> tuple[str, list[tuple]]:
    alias = router.db_for_read(User) or "default"
    compiler, sql, params, where = _compile(alias)
    params = list(params)
    params[where] = user.pk
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    return alias, [tuple(row) for row in compiler.results_iter(results=[fetched])]


def load(user) -> bool | None:
    """Remember the roles, Person record and unread messages of a signed-in
    `user` (one query); whether they have an authenticator app, or None when
    nothing was read (nobody signed in, or the account has just gone)."""
    if not getattr(user, "is_authenticated", False):
        return None
    alias, rows = _rows(user)
    if not rows:
        return None
    grouped: dict[int, set[str]] = defaultdict(set)
    for organisation_id, role, *_rest in rows:
        if organisation_id is not None:
            grouped[organisation_id].add(role)
    _organisation, _role, unread_messages, has_authenticator, *person_values = rows[0]
    person = None
    if person_values[0] is not None:  # the Person record's id
        person = Person.from_db(alias, _person_fields(), person_values)
        Person._meta.get_field("user").set_cached_value(person, user)
    if not hasattr(user, "_involve_roles"):
        user._involve_roles = {org: frozenset(roles) for org, roles in grouped.items()}
    if getattr(user, "_involve_person", False) is False:
        user._involve_person = person
    if getattr(user, "_involve_unread_messages", None) is None:
        user._involve_unread_messages = unread_messages
    return bool(has_authenticator)
