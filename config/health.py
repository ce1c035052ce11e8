"""/health/: is this web process able to serve? For the proxy in front of the
web processes and the compose file's health checks.

Three components, each checked on every request with django-health-check:
the database (SELECT 1), the cache (a key set and read back) and the Celery
broker (a connection opened). Anyone may ask, signed in or not, so the answer
says only "ok" or "failing" for each: never a host, a database name or an
error message (those go to the log). 200 when all are ok, 503 otherwise, so a
proxy takes a failing process out of rotation.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime

from django.http import JsonResponse
from health_check import Cache, Database, HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

OK = "ok"
FAILING = "failing"


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker (Redis in production) accepts a connection."""

    timeout: datetime.timedelta = dataclasses.field(
        default=datetime.timedelta(seconds=3), repr=False
    )

    def run(self):
        from config.celery import app

        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(
                    max_retries=1, interval_start=0, timeout=self.timeout.total_seconds()
                )
        except Exception as error:  # kombu raises the transport's own errors
            raise ServiceUnavailable("The broker refused a connection") from error


# Component name in the answer -> its check.
COMPONENTS: dict[str, HealthCheck] = {
    "database": Database(alias="default"),
    "cache": Cache(alias="default"),
    "broker": Broker(),
}


class HealthView(HealthCheckView):
    """django-health-check's view, answering in JSON whatever was asked for,
    with nothing but each component's state."""

    checks = tuple(COMPONENTS.values())

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in COMPONENTS.values())
            )
        states = {
            name: FAILING if result.error else OK
            for name, result in zip(COMPONENTS, results, strict=True)
        }
        failing = FAILING in states.values()
        return JsonResponse(
            {"status": FAILING if failing else OK, **states}, status=503 if failing else 200
        )


health = HealthView.as_view()
