"""Benchmark: a national morning's meeting reminders, queued and sent by one worker.

3,000 reminders by default (100 meetings tomorrow afternoon, 30 people invited
to each, every one reached by email): the beat's task queues them
(meetings.send_meeting_reminders) and the sending task sends them, in process
as one worker would, with Django's in-memory email backend. Prints messages
per second and SQL queries per message, for the queueing, the sending and
both (goal: all in under a minute, at most 2 queries a message).

Runs on a throwaway test database made for the run and dropped after it:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/involve \\
        .venv/bin/python -m bench.reminders [meetings] [invitees] [runs]

`build_morning` is shared with the test that holds the query count
(tests/notices/test_reminders_at_scale.py).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from datetime import timedelta


def build_morning(*, meetings: int, invitees: int, now):
    """One organisation (quiet hours off), `meetings` groups each with a
    meeting 20 hours from `now` (the day-before reminder is due, the week-before
    one is past) and `invitees` people invited to each."""
    from involvement.models import Group, Organisation, Person
    from meetings.models import Invitation, Meeting, Venue

    tag = uuid.uuid4().hex[:10]
    organisation = Organisation.objects.create(
        name=f"Benchmark network {tag}", slug=f"bench-{tag}", quiet_hours=False
    )
    venue = Venue.objects.create(
        organisation=organisation, name="Bench Hall", address="1 Bench Street", postcode="BE1 1NC"
    )
    groups = Group.objects.bulk_create(
        Group(organisation=organisation, name=f"Bench group {n}", purpose="Benchmarking.")
        for n in range(meetings)
    )
    starts = now + timedelta(hours=20)
    meeting_rows = Meeting.objects.bulk_create(
        Meeting(
            organisation=organisation,
            group=group,
            title=f"{group.name} meeting",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            venue=venue,
        )
        for group in groups
    )
    people = Person.objects.bulk_create(
        Person(
            full_name=f"Bench Person {n}",
            preferred_name=f"Person {n}",
            email=f"bench{n}@example.org",
            contact_channel="email",
        )
        for n in range(meetings * invitees)
    )
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, person=people[m * invitees + i])
        for m, meeting in enumerate(meeting_rows)
        for i in range(invitees)
    )
    return meeting_rows


def main(argv: list[str]) -> None:
    meetings = int(argv[0]) if argv else 100
    invitees = int(argv[1]) if len(argv) > 1 else 30
    runs = int(argv[2]) if len(argv) > 2 else 3
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core import mail
    from django.db import connection
    from django.test.utils import (
        CaptureQueriesContext,
        setup_test_environment,
        teardown_test_environment,
    )
    from django.utils import timezone

    from involvement.models import Notification
    from involvement.services import outbox
    from meetings.models import Meeting
    from meetings.services.reminders import meeting_reminders_queue

    setup_test_environment()  # the in-memory email backend
    # The queue hands the new messages' ids to the sending task when it
    # commits; here that task's service is called with them directly, in this
    # process, as one worker would run it.
    handed_over: list[int] = []
    outbox._enqueue_send_many = handed_over.extend
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    figures = []
    try:
        for _ in range(runs):
            # The last run's meetings are over for this one's purposes.
            Meeting.objects.update(status=Meeting.Status.CANCELLED)
            Notification.objects.all().delete()
            mail.outbox = []
            build_morning(meetings=meetings, invitees=invitees, now=timezone.now())
            handed_over.clear()
            with CaptureQueriesContext(connection) as queueing:
                started = time.perf_counter()
                queued = meeting_reminders_queue()
                queue_seconds = time.perf_counter() - started
            with CaptureQueriesContext(connection) as sending:
                started = time.perf_counter()
                sent = outbox.notification_send_many(handed_over, time_budget=timedelta(minutes=10))
                send_seconds = time.perf_counter() - started
            assert queued == sent == len(mail.outbox) == meetings * invitees, (queued, sent)
            figures.append((queue_seconds, len(queueing), send_seconds, len(sending), sent))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    messages = figures[0][4]
    queue_s = statistics.median(f[0] for f in figures)
    send_s = statistics.median(f[2] for f in figures)
    queue_q, send_q = figures[0][1], figures[0][3]
    print(
        f"meeting reminders: {meetings} meetings x {invitees} people = {messages} messages, "
        f"median of {runs} runs on {connection.vendor}\n"
        f"  queue: {queue_s:.2f} s ({messages / queue_s:.0f} a second), "
        f"{queue_q} queries ({queue_q / messages:.2f} a message)\n"
        f"  send:  {send_s:.2f} s ({messages / send_s:.0f} a second), "
        f"{send_q} queries ({send_q / messages:.2f} a message)\n"
        f"  both:  {queue_s + send_s:.2f} s ({messages / (queue_s + send_s):.0f} a second), "
        f"{(queue_q + send_q) / messages:.2f} queries a message"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
