"""The briefing before a board meeting: prepared by the coordinator (plain
English summaries with their reading age, glossary terms found in them,
what to expect, the cut-off and the pre-meeting), read by the body's
representatives and their groups, and the group's points gathered until
the cut-off."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from involvement.errors import ApplicationError
from meetings.models import AgendaItem, Briefing, BriefingPoint, Meeting, Paper
from meetings.selectors.briefings import glossary_hints
from meetings.services.briefings import briefing_point_add, briefing_save
from tests.factories import (
    GroupFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    date_parts,
)

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

LONDON = ZoneInfo("Europe/London")
BEFORE_CUT_OFF = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
CUT_OFF = datetime.date(2026, 3, 9)
AFTER_CUT_OFF = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=LONDON)
BOARD_STARTS = datetime.datetime(2026, 3, 12, 18, 0, tzinfo=LONDON)

# A board paper's text, as the coordinator would summarise it.
FIXTURE_PAPER = (
    "The ICB proposes a new foot care pathway. The business case sets out the tariff "
    "for each check and the KPIs the PCN will report. HbA1c results will be shared "
    "with the DSN team."
)


@pytest.fixture(autouse=True)
def _before_cut_off():
    with time_machine.travel(BEFORE_CUT_OFF, tick=False) as traveller:
        yield traveller


def _board_meeting(world, *, starts=BOARD_STARTS) -> Meeting:
    return Meeting.objects.create(
        organisation=world.organisation,
        body=world.objects["body"],
        kind=Meeting.Kind.BOARD,
        title="Network board, spring",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )


def _paper(meeting, title="Foot care business case") -> Paper:
    return Paper.objects.create(meeting=meeting, title=title)


def _prepare(meeting, **kwargs) -> Briefing:
    values = {
        "what_to_expect": "The chair asks the representatives to speak after each item.",
        "points_close_on": CUT_OFF,
        "glossary_terms": ["ICB"],
        "summaries": {},
    }
    values.update(kwargs)
    return briefing_save(meeting=meeting, **values)


@pytest.fixture
def seat_on_the_day(world):
    seat = world.objects["seat"]
    seat.term_start = datetime.date(2025, 1, 1)
    seat.save(update_fields=["term_start"])
    return seat


def test_a_member_adds_a_point_before_the_cut_off(world, login, seat_on_the_day):
    meeting = _board_meeting(world)
    _prepare(meeting)
    client = login(world.user("member"))
    url = reverse("meeting-briefing-point", kwargs={"pk": meeting.pk})

    response = client.post(url, {"point": "Ask about evening clinics."})

    assert response.status_code == 302
    point = BriefingPoint.objects.get()
    assert point.person == world.objects["person"]
    assert not point.from_pre_meeting


def test_after_the_cut_off_the_form_is_closed_with_a_clear_message(
    world, login, seat_on_the_day, _before_cut_off
):
    meeting = _board_meeting(world)
    briefing = _prepare(meeting)
    _before_cut_off.move_to(AFTER_CUT_OFF)
    client = login(world.user("member"))
    url = reverse("meeting-briefing-point", kwargs={"pk": meeting.pk})

    page = client.get(url).content.decode()
    response = client.post(url, {"point": "Too late?"})

    assert "The last day for points was Monday 9 March 2026" in page
    assert "<textarea" not in page
    assert response.status_code == 200
    assert not BriefingPoint.objects.exists()
    briefing_page = client.get(reverse("meeting-briefing", kwargs={"pk": meeting.pk}))
    assert "The last day for points was Monday 9 March 2026" in briefing_page.content.decode()
    with pytest.raises(ApplicationError):
        briefing_point_add(briefing=briefing, point="Late", person=world.objects["person"])


def test_the_cut_off_day_itself_is_still_open(world, seat_on_the_day, _before_cut_off):
    briefing = _prepare(_board_meeting(world))
    _before_cut_off.move_to(datetime.datetime(2026, 3, 9, 23, 30, tzinfo=LONDON))

    briefing_point_add(briefing=briefing, point="Just in time.", person=world.objects["person"])

    assert BriefingPoint.objects.count() == 1


def test_the_coordinator_adds_the_pre_meetings_points_after_the_cut_off_without_a_name(
    world, login, _before_cut_off
):
    meeting = _board_meeting(world)
    _prepare(meeting)
    _before_cut_off.move_to(AFTER_CUT_OFF)
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("meeting-briefing-point", kwargs={"pk": meeting.pk}),
        {"point": "The group wants evening clinics."},
    )

    assert response.status_code == 302
    point = BriefingPoint.objects.get()
    assert point.person is None and point.from_pre_meeting


def test_no_point_once_the_board_has_met(world, _before_cut_off):
    briefing = _prepare(_board_meeting(world))
    _before_cut_off.move_to(BOARD_STARTS + datetime.timedelta(minutes=5))

    with pytest.raises(ApplicationError, match="has started"):
        briefing_point_add(briefing=briefing, point="Late", person=None, staff=True)


def test_points_are_grouped_by_the_boards_agenda_item(world, login, seat_on_the_day):
    meeting = _board_meeting(world)
    item = AgendaItem.objects.create(meeting=meeting, title="Foot care pathway", position=1)
    briefing = _prepare(meeting)
    briefing_point_add(
        briefing=briefing,
        point="Ask about podiatry waits.",
        person=None,
        staff=True,
        agenda_item=item,
    )
    briefing_point_add(briefing=briefing, point="Ask about parking.", person=None, staff=True)

    page = (
        login(world.user("member"))
        .get(reverse("meeting-briefing", kwargs={"pk": meeting.pk}))
        .content.decode()
    )

    assert page.index("Foot care pathway") < page.index("Ask about podiatry waits.")
    assert page.index("Other points") < page.index("Ask about parking.")


def test_commissioners_read_the_points_without_the_members_names(world, login, seat_on_the_day):
    meeting = _board_meeting(world)
    briefing = _prepare(meeting)
    briefing_point_add(
        briefing=briefing, point="Ask about evening clinics.", person=world.objects["person"]
    )
    url = reverse("meeting-briefing", kwargs={"pk": meeting.pk})

    as_member = login(world.user("member")).get(url).content.decode()
    as_commissioner = login(world.user("commissioner")).get(url).content.decode()

    assert "Ask about evening clinics." in as_member
    assert "Marian Testwell" in as_member or "(Marian" in as_member
    assert "Ask about evening clinics." in as_commissioner
    assert "Marian" not in as_commissioner


def test_members_of_another_group_without_a_seat_do_not_see_the_briefing(world, login):
    meeting = _board_meeting(world)
    _prepare(meeting)
    stranger = PersonFactory(user=UserFactory(email="stranger@example.org"))
    MembershipFactory(person=stranger, group=GroupFactory(organisation=world.organisation))

    response = login(stranger.user).get(reverse("meeting-briefing", kwargs={"pk": meeting.pk}))

    assert response.status_code == 404


def test_what_people_typed_is_escaped_on_the_briefing(world, login, seat_on_the_day):
    meeting = _board_meeting(world)
    paper = _paper(meeting, title="<b>Paper</b>")
    briefing = _prepare(
        meeting,
        what_to_expect="<script>alert(1)</script>",
        summaries={paper.pk: "<img src=x onerror=alert(2)>"},
    )
    briefing_point_add(briefing=briefing, point="<i>raise</i>", person=world.objects["person"])

    page = (
        login(world.user("member"))
        .get(reverse("meeting-briefing", kwargs={"pk": meeting.pk}))
        .content.decode()
    )

    for raw in ("<script>alert(1)", "<img src=x", "<i>raise", "<b>Paper"):
        assert raw not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;i&gt;raise&lt;/i&gt;" in page


def test_the_cut_off_must_not_be_after_the_board_meets(world):
    with pytest.raises(ValidationError) as refused:
        _prepare(_board_meeting(world), points_close_on=datetime.date(2026, 3, 13))
    assert "points_close_on" in refused.value.message_dict


def test_glossary_terms_come_from_the_organisations_glossary(world):
    with pytest.raises(ValidationError) as refused:
        _prepare(_board_meeting(world), glossary_terms=["Synergy"])
    assert "glossary_terms" in refused.value.message_dict


def test_the_pre_meeting_is_a_group_meeting_in_the_weeks_before(world):
    meeting = _board_meeting(world)
    group = world.objects["group"]
    before = Meeting.objects.create(
        organisation=world.organisation,
        group=group,
        title="Group meeting, March",
        starts_at=BOARD_STARTS - datetime.timedelta(days=5),
        ends_at=BOARD_STARTS - datetime.timedelta(days=5, hours=-2),
    )
    after = Meeting.objects.create(
        organisation=world.organisation,
        group=group,
        title="Group meeting, April",
        starts_at=BOARD_STARTS + datetime.timedelta(days=5),
        ends_at=BOARD_STARTS + datetime.timedelta(days=5, hours=2),
    )

    assert _prepare(meeting, pre_meeting=before).pre_meeting == before
    with pytest.raises(ValidationError) as refused:
        _prepare(meeting, pre_meeting=after)
    assert "pre_meeting" in refused.value.message_dict


def test_an_emptied_summary_is_removed(world):
    meeting = _board_meeting(world)
    paper = _paper(meeting)
    briefing = _prepare(meeting, summaries={paper.pk: "The ICB wants more foot checks."})
    assert briefing.summaries.count() == 1

    _prepare(meeting, summaries={paper.pk: "  "})

    assert briefing.summaries.count() == 0


def test_glossary_terms_and_missing_acronyms_are_found_in_a_paper(world):
    hints = glossary_hints(organisation_id=world.organisation.pk, texts=[FIXTURE_PAPER])

    assert hints.found == ["Business case", "DSN", "HbA1c", "ICB", "KPI", "Pathway", "Tariff"]
    assert hints.missing == ["PCN"]


def test_preparing_shows_reading_ages_and_ticks_the_terms_found(world, login):
    meeting = _board_meeting(world)
    paper = _paper(meeting)
    client = login(world.user("coordinator"))
    url = reverse("meeting-briefing-edit", kwargs={"pk": meeting.pk})
    response = client.post(
        url,
        {
            "what_to_expect": "The chair will ask you to speak. Keep it short.",
            f"summary_{paper.pk}": FIXTURE_PAPER,
            **date_parts("points_close_on", CUT_OFF),
            "pre_meeting": "",
        },
    )
    assert response.status_code == 302
    briefing = Briefing.objects.get()
    assert briefing.glossary_terms == []  # nothing ticked on the first save

    page = client.get(url).content.decode()

    assert page.count("Reading age") == 2
    assert "not in the glossary: PCN" in page
    assert 'value="ICB"' in page
    assert "ICB (found in the summaries)" in page


def test_the_briefing_page_reads_flat(world, login, seat_on_the_day, assert_flat_queries):
    meeting = _board_meeting(world)
    briefing = _prepare(meeting)
    client = login(world.user("member"))
    count = {"n": 0}

    def grow(n):
        for _ in range(n):
            count["n"] += 1
            paper = _paper(meeting, title=f"Paper {count['n']}")
            briefing.summaries.create(paper=paper, summary="The ICB wants more checks.")
            item = AgendaItem.objects.create(meeting=meeting, title=f"Item {count['n']}")
            BriefingPoint.objects.create(
                briefing=briefing,
                person=world.objects["person"],
                agenda_item=item,
                point=f"Point {count['n']}",
            )

    assert_flat_queries(
        lambda: client.get(reverse("meeting-briefing", kwargs={"pk": meeting.pk})), grow=grow
    )


def test_the_body_page_lists_briefings_flat(world, login, seat_on_the_day, assert_flat_queries):
    client = login(world.user("member"))
    count = {"n": 0}

    def grow(n):
        for _ in range(n):
            count["n"] += 1
            meeting = _board_meeting(
                world, starts=BOARD_STARTS + datetime.timedelta(days=count["n"])
            )
            _prepare(meeting)

    def request():
        return client.get(reverse("body-detail", kwargs={"pk": world.objects["body"].pk}))

    assert_flat_queries(request, grow=grow)
    assert "Briefing for Network board, spring" in request().content.decode()
