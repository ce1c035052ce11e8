"""Sections other apps add to a meeting's feedback summary.

meetings imports no app above it, so an app higher up (workplans adds "You
said, we did": the answers published since the meeting) registers a function
here from its AppConfig.ready(). Each function takes the meeting and returns
a list of `SummarySection`s (none to add nothing). A section is plain text:
it is escaped wherever the summary is shown in a page or a PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SummaryLine:
    heading: str  # a line of its own, like the point the answer is to
    text: str


@dataclass(frozen=True)
class SummarySection:
    title: str
    lines: tuple[SummaryLine, ...]


_BUILDERS: dict[str, Callable] = {}


def register(name: str, build: Callable) -> None:
    """Add a section builder under a name (once: ready() may run again)."""
    _BUILDERS.setdefault(name, build)


def sections_for(meeting) -> list[SummarySection]:
    sections: list[SummarySection] = []
    for build in _BUILDERS.values():
        sections.extend(build(meeting=meeting) or [])
    return sections
