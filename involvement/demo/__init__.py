"""Demo data for the involvement core: fictional organisations and people.

`manage.py seed_demo` calls `seed()` of every app that has a `demo` module, in
INSTALLED_APPS order. Every seed is idempotent: running it twice changes nothing.
Each area of the core adds its part in its own module, called in order here.
"""

from django.db import transaction

from . import accounts, bodies, groups, outbox, privacy
from .accounts import DEMO_PASSWORD, demo_logins

__all__ = ["DEMO_PASSWORD", "demo_logins", "seed"]

# Area seeders, in dependency order: each takes (stdout) and is idempotent.
SEEDERS = [accounts.seed, groups.seed, outbox.seed, bodies.seed, privacy.seed]


@transaction.atomic
def seed(stdout=None) -> None:
    for seeder in SEEDERS:
        seeder(stdout=stdout)
