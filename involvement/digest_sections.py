"""Sections of the weekly summary for coordinators and organisation admins.

The summary says what needs doing, the same things the coordinator's home
page lists. involvement imports no other app, so an app higher up registers
a section here from its AppConfig.ready(): a name and a function that, given
the organisations the person coordinates or runs, returns the section (a
heading and its lines) or None when it has nothing to say. The core's own
needs (groups below target, bodies short of representatives, induction,
letters to print) are registered by involvement.services.staff_digest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass
class DigestSection:
    heading: str
    lines: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lines)


Build = Callable[..., "DigestSection | None"]

_SECTIONS: dict[str, Build] = {}


def register(name: str, build: Build) -> None:
    """Add a section (again with the same name replaces it: ready() may run
    more than once). `build(organisation_ids=..., today=...)`."""
    _SECTIONS[name] = build


def sections_for(*, organisation_ids: set[int], today: date) -> list[DigestSection]:
    """The sections with something to say, in the order they were registered."""
    built = (build(organisation_ids=organisation_ids, today=today) for build in _SECTIONS.values())
    return [section for section in built if section]
