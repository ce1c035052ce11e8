"""The vocabulary of the access walk's expectations.

A `Page` says how to build a URL's parameters from the test world, and what
status each role must get. `expect()` starts from a default and overrides per
role, so each page reads as a short rule:

    "group-detail": Page(
        kwargs=lambda w: {"pk": w.objects["group"].pk},
        status=expect(200, anonymous=302, other_org=404),
    )

Who is walked
-------------
`ROLES` (tests/conftest.py): anonymous, the first organisation's member and
each of its staff roles, the platform admin, and `other_org`, the second
organisation's coordinator. The walk adds the second organisation's people in
every other role (`OTHER_ROLES`). Unless named, their answer follows one rule:
when `other_org` gets 404 the page is about the first organisation's things,
so every other-organisation role gets 404 too; otherwise (lists, "add" pages,
public pages) each gets what its counterpart in the first organisation gets.
Name one (`other_finance=200`) when the rule does not fit.

What is walked
--------------
`status` is the answer to GET. Every URL is also POSTed to as every role,
with an empty body and with a valid one. The answers default from the kind
of page:

* a page that only shows something (no `form`, no `post`): POST is refused
  with 405 (anonymous people are first sent to log in); one empty POST;
* a form page (`form=` given): whoever sees the form (200) gets it back with
  errors for an empty body (200) and is redirected for a valid one (302);
  everyone else gets what GET gave them;
* an action (`post=` given, GET usually 405): `post` says who may. Without
  `form` the empty body is the valid one (one POST); with it, `post` is the
  answer to the empty body and `post_valid` (default: `post`) to the valid.

The valid body of a form page is the form as the page shows it to the first
role who may send it, with `form(world)`'s fields added or changed (the
fields a new record needs, a changed name); `None` leaves a field out. For an
action it is `form(world)` alone. API URLs are also sent PUT, PATCH and
DELETE (`api_writes`, by default refused like a POST to a page that only
shows something); their bodies go as JSON.

A refused request (401, 403, 404, 405, or a redirect to a login page) must
write nothing to the database (the session table aside). A valid body must
be valid: among the roles it succeeds for (a redirect other than to a login
page; 200 on the API), someone's request must write something, or the page
says `writes=False` (a step that only changes the session, or that finds
nothing to do in the walk's world).

`elsewhere=` gives the kwargs of the second organisation's like object: the
walk requests it too, expecting each role to get what its counterpart in the
other organisation gets for the first one (`mirrored()`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.conftest import ROLES

# The second organisation's people, by the first organisation's role they
# mirror. `other_org` (a coordinator) is one of ROLES already.
OTHER_ROLES = {
    "other_member": "member",
    "other_org": "coordinator",
    "other_admin_support": "admin_support",
    "other_panel_member": "panel_member",
    "other_commissioner": "commissioner",
    "other_finance": "finance",
    "other_org_admin": "org_admin",
}
WALK_ROLES = [*ROLES, *(role for role in OTHER_ROLES if role not in ROLES)]
# Each role and the one in the same place in the other organisation.
COUNTERPART = {
    "anonymous": "anonymous",
    "platform_admin": "platform_admin",
    **OTHER_ROLES,
    **{own: other for other, own in OTHER_ROLES.items()},
}
# Answers that refuse: such a request must change nothing.
REFUSED = frozenset({401, 403, 404, 405})


def expect(default: int, **by_role: int) -> dict[str, int]:
    unknown = set(by_role) - set(WALK_ROLES)
    if unknown:
        raise ValueError(f"Unknown roles in expectation: {sorted(unknown)}")
    status = {role: by_role.get(role, default) for role in ROLES}
    for role, own in OTHER_ROLES.items():
        if role in by_role:
            status[role] = by_role[role]
        elif role not in status:
            status[role] = 404 if status["other_org"] == 404 else status[own]
    return status


def redirects(status: dict[str, int], ok: int = 302) -> dict[str, int]:
    """The same rule, with `ok` wherever GET answers 200: for a confirmation
    page's POST, the person confirms and is sent on."""
    return {role: ok if answer == 200 else answer for role, answer in status.items()}


def first_organisation_body(answers: dict[str, int], refused: int = 200) -> dict[str, int]:
    """A valid body names the first organisation's things (a group, a
    person): the other organisation's people who would succeed with their own
    get `refused` instead (the form back, with the error)."""
    return {
        role: refused if role in OTHER_ROLES and answer == 302 else answer
        for role, answer in answers.items()
    }


def mirrored(status: dict[str, int]) -> dict[str, int]:
    """Each role gets what its counterpart in the other organisation gets."""
    return {role: status[COUNTERPART[role]] for role in WALK_ROLES}


def shows_only(status: dict[str, int]) -> dict[str, int]:
    """POST to a page that only shows something: 405 for anyone who gets as
    far as the view (anonymous people are sent to log in, or refused by the
    API, first)."""
    anonymous = status["anonymous"]
    return {
        role: anonymous if role == "anonymous" and anonymous in (302, 401, 403) else 405
        for role in WALK_ROLES
    }


@dataclass(frozen=True)
class Page:
    status: dict[str, int]
    kwargs: Callable[[object], dict] = field(default=lambda world: {})
    query: str = ""
    # POST with an empty body; None: derived (see above).
    post: dict[str, int] | None = None
    # The fields a valid POST adds to the form as shown (or, for an action,
    # its whole body).
    form: Callable[[object], dict] | None = None
    # POST with the valid body; None: derived.
    post_valid: dict[str, int] | None = None
    # A valid request by someone allowed writes something.
    writes: bool = True
    # PUT, PATCH and DELETE on an API URL; None: refused like a POST to a page
    # that only shows something.
    api_writes: dict[str, int] | None = None
    # The kwargs of the other organisation's like object.
    elsewhere: Callable[[object], dict] | None = None
    # The URL itself, for a pattern that has no name (a package's).
    url: Callable[[object], str] | None = None

    def __post_init__(self):
        for name in ("status", "post", "post_valid", "api_writes"):
            answers = getattr(self, name)
            if answers is not None and set(answers) != set(WALK_ROLES):
                missing = sorted(set(WALK_ROLES) - set(answers))
                raise ValueError(f"{name} must give every role an answer; missing {missing}")

    def post_empty_status(self) -> dict[str, int]:
        if self.post is not None:
            return self.post
        if self.form is not None:
            return self.status  # the form again, with its errors
        return shows_only(self.status)

    def post_valid_status(self) -> dict[str, int]:
        if self.post_valid is not None:
            return self.post_valid
        if self.post is not None:
            return self.post
        if self.form is not None:
            return redirects(self.status)
        return shows_only(self.status)

    def api_writes_status(self) -> dict[str, int]:
        return self.api_writes if self.api_writes is not None else shows_only(self.status)


# Shorthands for the commonest rules.
PUBLIC = expect(200)
SIGNED_IN = expect(200, anonymous=302)
API_SIGNED_IN = expect(200, anonymous=401)
STAFF = ("coordinator", "admin_support", "panel_member", "commissioner", "finance", "org_admin")


def fields(**values) -> Callable[[object], dict]:
    """A valid body that does not depend on the world."""
    return lambda world: dict(values)
