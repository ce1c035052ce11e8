"""The vocabulary of the access walk's expectations.

A `Page` says how to build a URL's parameters from the test world, and what
status each role must get from a GET. `expect()` starts from a default and
overrides per role, so each page reads as a short rule:

    "group-detail": Page(
        kwargs=lambda w: {"pk": w.objects["group"].pk},
        status=expect(200, anonymous=302, other_org=404),
    )
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.conftest import ROLES


def expect(default: int, **by_role: int) -> dict[str, int]:
    unknown = set(by_role) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles in expectation: {sorted(unknown)}")
    return {role: by_role.get(role, default) for role in ROLES}


@dataclass(frozen=True)
class Page:
    status: dict[str, int]
    kwargs: Callable[[object], dict] = field(default=lambda world: {})
    query: str = ""


# Shorthands for the commonest rules.
PUBLIC = expect(200)
SIGNED_IN = expect(200, anonymous=302)
API_SIGNED_IN = expect(200, anonymous=401)
STAFF = ("coordinator", "admin_support", "panel_member", "commissioner", "finance", "org_admin")
