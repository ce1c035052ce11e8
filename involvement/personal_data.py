"""What is held about a person, gathered from every app, and how each app
erases its part.

involvement imports no other app, so each app above registers, from its
AppConfig.ready(), a *section* (a title and a function of the person giving a
list of records, each a dict of label -> text) for "Download your data", and
an *eraser* (a function of the person that deletes or anonymises the app's
data about them and returns what it had to keep, and why, one line each).
The core's own sections and eraser are in services/privacy.py.

An app may also register a *retention rule* (a function of ``now`` that
removes its data past its period and returns counts by kind); the core's
daily retention task runs them all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    collect: Callable[..., list[dict[str, str]]]


_SECTIONS: list[Section] = []
_ERASERS: dict[str, Callable[..., list[str]]] = {}
_RETENTION: dict[str, Callable[..., dict[str, int]]] = {}


def register_section(*, key: str, title: str, collect) -> None:
    if any(section.key == key for section in _SECTIONS):
        return  # ready() may run more than once
    _SECTIONS.append(Section(key=key, title=title, collect=collect))


def register_eraser(*, key: str, erase) -> None:
    _ERASERS.setdefault(key, erase)


def sections() -> list[Section]:
    return list(_SECTIONS)


def erasers() -> list[Callable[..., list[str]]]:
    return list(_ERASERS.values())


def register_retention(*, key: str, apply) -> None:
    _RETENTION.setdefault(key, apply)


def retention_rules() -> dict[str, Callable[..., dict[str, int]]]:
    return dict(_RETENTION)
