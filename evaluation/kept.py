"""An organisation's and a group's dashboard figures, kept drawn in the cache.

Working out an organisation's dashboard (every claim's working days, every
group's mix of members, the SPC charts) and drawing it takes a fifth of a
second for the national charity; a group's a tenth. The drawn figures are
kept per organisation or group, period and what the viewer may see (exact
counts or suppressed; the links for those who manage), for KEPT_SECONDS, and
the page says when they were worked out. Who may open the page is checked on
every request, never kept.

Everything kept for an organisation (its dashboard and its groups') hangs on
the organisation's generation token: `forget(organisation_id)` drops the
token, so a change the organisation's people make in evaluation (a reading, an
objective, an impact record, a self-assessment, a survey answer) shows at once.
Changes elsewhere (attendance, claims, members) show when the figures are next
worked out: within KEPT_SECONDS.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from involvement.clock import clock

VERSION = 1
KEPT_SECONDS = 15 * 60


def _generation_key(organisation_id: int) -> str:
    return f"evaluation:kept-generation:v{VERSION}:{organisation_id}"


def _generation(organisation_id: int) -> str:
    key = _generation_key(organisation_id)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, None)
        token = cache.get(key)
    return token


def kept_html(*, organisation_id: int, parts: tuple, build: Callable[[], str]) -> dict:
    """{"html": ..., "worked_out_at": ...}: kept, or built now and kept."""
    key = ":".join(
        ["evaluation:kept", f"v{VERSION}", str(organisation_id), _generation(organisation_id)]
        + [str(part) for part in parts]
    )
    kept = cache.get(key)
    if kept is None:
        kept = {"html": build(), "worked_out_at": timezone.now()}
        cache.set(key, kept, KEPT_SECONDS)
    return kept


def forget(organisation_id: int) -> None:
    """Drop everything kept for the organisation, once the change commits."""
    transaction.on_commit(lambda: cache.delete(_generation_key(organisation_id)), robust=True)


def worked_out_shown(moment) -> str:
    """When figures were worked out: "Figures worked out at 9:15am today"."""
    if moment is None:
        return ""
    moment = timezone.localtime(moment)
    today = timezone.localdate()
    if moment.date() == today:
        day = "today"
    elif moment.date() == today - datetime.timedelta(days=1):
        day = "yesterday"
    else:
        day = f"on {moment:%-d %B %Y}"
    return f"Figures worked out at {clock(moment)} {day}"
