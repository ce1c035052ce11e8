"""A weekly summary for coordinators and organisation admins of what needs
doing: the same things their home page lists (involvement.selectors.homes and
the sections other apps register in involvement.digest_sections).

One message per person per ISO week (the key names the week: a second run,
or a beat firing twice, queues nothing), only when there is something to say,
in the person's own channel, and a kind of message they can turn off on
"Which messages you get". The database is the schedule: an hourly task queues
the week's summary on its first run of the week.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from .. import digest_sections, message_kinds
from ..digest_sections import DigestSection
from ..links import absolute_reverse
from ..models import Notification, Organisation, Person, StaffRole
from ..selectors.homes import coordinator_section
from .outbox import notification_queue

KIND_STAFF_DIGEST = "staff_digest"
ROLES = (StaffRole.Role.COORDINATOR, StaffRole.Role.ORG_ADMIN)


def staff_digest_key(person_id: int, today: date) -> str:
    year, week, _ = today.isocalendar()
    return f"staff-digest:{year}-W{week:02d}:person:{person_id}"


def core_section(*, organisation_ids: set[int], today: date) -> DigestSection | None:
    """What the coordinator's home lists under "What needs doing"."""
    need = coordinator_section(organisation_ids=organisation_ids)
    several = len(need.organisations) > 1
    section = DigestSection(heading="Your groups and bodies")
    for group_need in need.groups_below_target:
        group = group_need.group
        section.lines.append(
            f"{group.name} is below its target size: {group_need.active} active, "
            f"target {group.target_min} to {group.target_max}"
        )
    # Diversity is special-category data: the message names no factor and no
    # count (the home page shows them to those who may see them).
    for group_need in need.groups_missing_factors:
        n = len(group_need.factors_not_met)
        section.lines.append(
            f"{group_need.group.name} does not yet meet {n} of its diversity "
            f"factor{'s' if n != 1 else ''}"
        )
    for body in need.bodies_below_minimum:
        section.lines.append(
            f"{body.name} has {body.current_representatives} current "
            f"representative{'s' if body.current_representatives != 1 else ''}"
        )
    if need.awaiting_induction_count:
        n = need.awaiting_induction_count
        section.lines.append(
            f"{n} {'person is' if n == 1 else 'people are'} waiting for an induction"
        )
    for organisation, count in need.pending_letters:
        where = f" ({organisation.name})" if several else ""
        section.lines.append(
            f"{count} letter{'s' if count != 1 else ''} waiting to be printed{where}"
        )
    return section or None


def register() -> None:
    """The kind of message, and the core's own section (from involvement's ready())."""
    message_kinds.register(
        KIND_STAFF_DIGEST,
        "A weekly summary of what needs doing (for coordinators and organisation admins)",
        order=89,
    )
    digest_sections.register("involvement.core", core_section)


def staff_digest_message(
    *, person: Person, sections: list[DigestSection], today: date
) -> tuple[str, str]:
    parts = [f"Dear {person.display_name},", "Here is what needs doing this week."]
    for section in sections:
        parts.append(section.heading + ":\n" + "\n".join(f"- {line}" for line in section.lines))
    parts.append(f"Your home page lists it all: {absolute_reverse('home')}")
    parts.append(
        "You get this summary because you coordinate a group or run an organisation. "
        f"To stop it, change which messages you get: {absolute_reverse('my-message-choices')}"
    )
    return f"What needs doing: week of {date_format(today, 'j F Y')}", "\n\n".join(parts)


def _recipients() -> dict[int, tuple[Person, set[int]]]:
    """Each coordinator or organisation admin with a profile, and the
    organisations in which they hold one of those roles."""
    orgs: dict[int, set[int]] = defaultdict(set)
    for user_id, organisation_id in StaffRole.objects.filter(role__in=ROLES).values_list(
        "user_id", "organisation_id"
    ):
        orgs[user_id].add(organisation_id)
    people = Person.objects.filter(user_id__in=list(orgs))
    return {person.pk: (person, orgs[person.user_id]) for person in people}


@transaction.atomic
def staff_digests_queue(*, today: date | None = None) -> int:
    """Queue this week's summary for each coordinator and organisation admin
    who has something to do and has not turned it off. Returns how many."""
    today = today or timezone.localdate()
    kind = message_kinds.get(KIND_STAFF_DIGEST)
    recipients = {
        pk: (person, orgs)
        for pk, (person, orgs) in _recipients().items()
        if kind is None or message_kinds.wants(person, kind)
    }
    keys = {pk: staff_digest_key(pk, today) for pk in recipients}
    done = set(
        Notification.objects.filter(idempotency_key__in=list(keys.values())).values_list(
            "recipient_id", flat=True
        )
    )
    organisations = Organisation.objects.in_bulk(
        {org for _, orgs in recipients.values() for org in orgs}
    )
    queued = 0
    for pk, (person, orgs) in recipients.items():
        if pk in done:
            continue
        sections = digest_sections.sections_for(organisation_ids=orgs, today=today)
        if not sections:
            continue
        subject, body = staff_digest_message(person=person, sections=sections, today=today)
        notification_queue(
            recipient=person,
            organisation=organisations.get(min(orgs)),
            subject=subject,
            body_text=body,
            idempotency_key=keys[pk],
            kind=KIND_STAFF_DIGEST,
        )
        queued += 1
    return queued
