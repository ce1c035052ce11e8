"""Demo meetings (all fictional: invented venues, links and people).

For each demo organisation: two venues with their access facts; for each of
its groups, the next six meetings generated from the group's cadence (one of
them hybrid, one in the evening), agendas with the standing items on the
next two, invitations with a mix of replies, and a meeting held three weeks
before the seeding day (titled by its topic, like every real meeting) with
attendance taken. Then the minutes demo (meetings/demo_minutes.py).

Idempotent: venues are matched by name, the series is only generated when
the group has no upcoming meetings, the past meeting by its title.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from involvement.demo import schedule
from involvement.demo.accounts import ORGANISATIONS
from involvement.models import Group, Membership, Organisation

from .models import Invitation, Meeting, Venue
from .services.agenda import agenda_add_standing_items, agenda_item_create
from .services.meetings import local_datetime, meeting_generate_from_cadence, meeting_update

VENUES = [
    {
        "name": "{town} Community Centre",
        "address": "14 Chapel Row\n{town}",
        "postcode": "ZZ1 4CR",
        "step_free": True,
        "hearing_loop": True,
        "accessible_toilet": True,
        "parking": "Free car park behind the centre, 3 blue badge spaces.",
        "public_transport": "Buses 7 and 21 stop outside. The station is a 10-minute walk.",
        "map_url": "https://maps.example.org/community-centre",
    },
    {
        "name": "{town} Health Hub, Room 2",
        "address": "Health Hub, Orchard Way\n{town}",
        "postcode": "ZZ2 9OW",
        "step_free": True,
        "hearing_loop": False,
        "accessible_toilet": True,
        "parking": "Pay and display; free for blue badge holders.",
        "public_transport": "Bus 3 stops at the hub's main door.",
        "map_url": "https://maps.example.org/health-hub",
    },
]


def _venues(organisation: Organisation) -> list[Venue]:
    town = schedule.town(organisation.slug)
    venues = []
    for spec in VENUES:
        fields = {k: (v.format(town=town) if isinstance(v, str) else v) for k, v in spec.items()}
        venue, _ = Venue.objects.get_or_create(
            organisation=organisation, name=fields.pop("name"), defaults=fields
        )
        venues.append(venue)
    return venues


def _series(group: Group, venue: Venue) -> list[Meeting]:
    upcoming = list(
        Meeting.objects.filter(
            group=group, kind=Meeting.Kind.GROUP, starts_at__gte=timezone.now()
        ).order_by("starts_at")
    )
    if upcoming:
        return upcoming
    meetings = meeting_generate_from_cadence(
        group=group,
        first_date=schedule.first_meeting_day(),
        start_time=schedule.START,
        duration=schedule.LENGTH,
        venue=venue,
    )
    meeting_update(
        meeting=meetings[1],
        mode=Meeting.Mode.HYBRID,
        video_link="https://video.example.org/join/fictional-group-room",
    )
    evening = timezone.localtime(meetings[2].starts_at).date()
    meeting_update(
        meeting=meetings[2],
        starts_at=local_datetime(evening, datetime.time(18, 30)),
        ends_at=local_datetime(evening, datetime.time(20, 30)),
        title=f"{group.name}: evening meeting",
    )
    for meeting in meetings[:2]:
        agenda_add_standing_items(meeting=meeting)
        agenda_item_create(
            meeting=meeting,
            title="Foot checks at the annual review",
            description="What works, and what would make the check easier to get to.",
            minutes_allowed=30,
            presenter="A podiatrist from the community team",
            presenter_is_guest=True,
            format="small_groups",
        )
    return meetings


def _invite(meeting: Meeting, people, replies) -> None:
    for person, reply in zip(people, replies, strict=False):
        invitation, created = Invitation.objects.get_or_create(meeting=meeting, person=person)
        if created and reply:
            invitation.rsvp = reply
            invitation.replied_via = Invitation.Route.ONLINE if reply == "attending" else "phone"
            invitation.replied_at = timezone.now()
            invitation.save()


# The meeting three weeks back is named for what it was about, as a real one is.
PAST_MEETING_TOPIC = "getting to clinic appointments"


def past_meeting_title(group: Group) -> str:
    return f"{group.name}: {PAST_MEETING_TOPIC}"


def _past_meeting(group: Group, venue: Venue, people) -> None:
    title = past_meeting_title(group)
    if Meeting.objects.filter(group=group, title=title).exists():
        return
    day = timezone.localdate() - datetime.timedelta(days=21)
    starts = local_datetime(day, datetime.time(10, 30))
    meeting = Meeting.objects.create(
        organisation_id=group.organisation_id,
        group=group,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        venue=venue,
    )
    for index, person in enumerate(people):
        came = index % 4 != 3
        Invitation.objects.create(
            meeting=meeting,
            person=person,
            rsvp=Invitation.Rsvp.ATTENDING if came else Invitation.Rsvp.APOLOGIES,
            replied_via=Invitation.Route.ONLINE,
            replied_at=starts - datetime.timedelta(days=5),
            attended=came,
            attendance_recorded_at=starts + datetime.timedelta(minutes=15),
        )


@transaction.atomic
def seed(stdout=None) -> None:
    slugs = [slug for slug, *_ in ORGANISATIONS]
    count = 0
    for organisation in Organisation.objects.filter(slug__in=slugs):
        venues = _venues(organisation)
        for group in Group.objects.filter(organisation=organisation):
            people = [
                m.person
                for m in Membership.objects.filter(
                    group=group, status=Membership.Status.ACTIVE
                ).select_related("person")
            ]
            meetings = _series(group, venues[0])
            replies = ["attending", "attending", "apologies", "", "attending", ""]
            for meeting in meetings[:2]:
                _invite(meeting, people, replies * (len(people) // len(replies) + 1))
            _past_meeting(group, venues[0], people)
            count += 1
    try:
        from . import demo_minutes
    except ImportError:  # pragma: no cover - the minutes demo is another area's
        demo_minutes = None
    if demo_minutes is not None:
        demo_minutes.seed(stdout=stdout)
    from . import demo_debriefs

    demo_debriefs.seed(stdout=stdout)
    from . import demo_briefings

    demo_briefings.seed(stdout=stdout)
    if stdout:
        stdout.write(f"meetings: venues and the next six meetings of {count} groups")
