"""Board papers from the briefing page: the body's representatives on the
day and the members of their groups may download them as well as meeting
staff; commissioners and finance get 403 (papers can name people); members
of other groups and another organisation, 404."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from meetings.models import Briefing, Meeting, Paper
from tests.factories import GroupFactory, MembershipFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
BOARD_STARTS = datetime.datetime(2026, 3, 12, 18, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def paper(world) -> Paper:
    seat = world.objects["seat"]
    seat.term_start = datetime.date(2025, 1, 1)
    seat.save(update_fields=["term_start"])
    meeting = Meeting.objects.create(
        organisation=world.organisation,
        body=world.objects["body"],
        kind=Meeting.Kind.BOARD,
        title="Network board, spring",
        starts_at=BOARD_STARTS,
        ends_at=BOARD_STARTS + datetime.timedelta(hours=2),
    )
    Briefing.objects.create(meeting=meeting, points_close_on=datetime.date(2026, 3, 9))
    paper = Paper(meeting=meeting, title="Foot care business case", content_type="application/pdf")
    paper.file.save("case.pdf", ContentFile(b"%PDF-1.4 the case"), save=True)
    return paper


def member_of(group):
    user = UserFactory()
    MembershipFactory(person=PersonFactory(user=user), group=group)
    return user


def urls(paper):
    return [
        reverse("meeting-briefing-paper", kwargs={"pk": paper.meeting_id, "paper_pk": paper.pk}),
        reverse("meeting-paper-download", kwargs={"pk": paper.pk}),
    ]


@pytest.mark.parametrize(
    "who, status",
    [
        ("representative", 200),
        ("group member", 200),
        ("coordinator", 200),
        ("commissioner", 403),
        ("finance", 403),
        ("org_admin", 403),
        ("other group's member", 404),
        ("other_org", 404),
    ],
)
def test_who_may_download_a_board_paper(world, login, paper, who, status):
    users = {
        "representative": world.user("member"),
        "group member": member_of(world.objects["group"]),
        "other group's member": member_of(GroupFactory(organisation=world.organisation)),
    }
    client = login(users.get(who) or world.user(who))
    for url in urls(paper):
        response = client.get(url)
        assert response.status_code == status, url
        if status == 200:
            assert b"".join(response.streaming_content) == b"%PDF-1.4 the case"


def test_the_briefing_page_links_the_papers_for_those_who_may_download_them(world, login, paper):
    link = urls(paper)[0]
    assert (
        link
        in login(world.user("member"))
        .get(reverse("meeting-briefing", kwargs={"pk": paper.meeting_id}))
        .content.decode()
    )
    commissioner_page = login(world.user("commissioner")).get(
        reverse("meeting-briefing", kwargs={"pk": paper.meeting_id})
    )
    assert commissioner_page.status_code == 200
    assert link not in commissioner_page.content.decode()


def test_a_paper_of_another_meeting_is_not_found_under_this_briefing(world, login, paper):
    other = Meeting.objects.create(
        organisation=world.organisation,
        body=world.objects["body"],
        kind=Meeting.Kind.BOARD,
        title="Network board, summer",
        starts_at=BOARD_STARTS + datetime.timedelta(days=60),
        ends_at=BOARD_STARTS + datetime.timedelta(days=60, hours=2),
    )
    client = login(world.user("coordinator"))
    url = reverse("meeting-briefing-paper", kwargs={"pk": other.pk, "paper_pk": paper.pk})
    assert client.get(url).status_code == 404


def test_a_group_meetings_papers_stay_with_its_invitees(world, login):
    meeting = Meeting.objects.create(
        organisation=world.organisation,
        group=GroupFactory(organisation=world.organisation),
        title="Another group's meeting",
        starts_at=BOARD_STARTS,
        ends_at=BOARD_STARTS + datetime.timedelta(hours=2),
    )
    paper = Paper(meeting=meeting, title="Agenda notes", content_type="application/pdf")
    paper.file.save("notes.pdf", ContentFile(b"%PDF-1.4 notes"), save=True)
    url = reverse("meeting-paper-download", kwargs={"pk": paper.pk})
    assert login(world.user("commissioner")).get(url).status_code == 404
    assert login(world.user("member")).get(url).status_code == 404
