"""Reads for dashboards, reports and exports go to a PostgreSQL read replica
when there is one (DATABASE_REPLICA_URL); everything else, and every write,
goes to the primary ("default").

A selector opts in by reading inside `reads_for_reports()`, as a context
manager or a decorator; the router (settings.DATABASE_ROUTERS) sends only
those reads to settings.INVOLVE_REPORT_READS_DATABASE, which is "replica"
when DATABASE_REPLICA_URL is set and "default" when it is not, so without a
replica nothing changes. A replica lags the primary by a moment: only reads
that can be a moment old belong inside (figures over months, a report), never
a permission check or a page that shows what the person has just saved.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

from django.conf import settings

PRIMARY = "default"
REPLICA = "replica"

_for_reports: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "involve_reads_for_reports", default=False
)


@contextmanager
def reads_for_reports():
    """Reads inside go to the replica, when there is one."""
    token = _for_reports.set(True)
    try:
        yield
    finally:
        _for_reports.reset(token)


def report_reads_database() -> str:
    """Where a read inside reads_for_reports() goes now."""
    alias = getattr(settings, "INVOLVE_REPORT_READS_DATABASE", PRIMARY)
    return alias if alias in settings.DATABASES else PRIMARY


class ReportReadsRouter:
    def db_for_read(self, model, **hints):
        if _for_reports.get():
            return report_reads_database()
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read from either may
        # be related to one read from the other.
        return {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA, None}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary's schema by replication.
        return db == PRIMARY
