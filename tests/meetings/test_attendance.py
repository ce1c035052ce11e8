"""Attendance on the day (phone-sized, no JavaScript needed) and each
person's attendance history."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory

from ._scheduling import invite, make_meeting


def _today_meeting(world):
    starts = timezone.now() - timedelta(minutes=5)
    return make_meeting(world.objects["group"], at=starts)


def test_one_tap_marks_a_person_here_and_another_undoes_it(world, login):
    meeting = _today_meeting(world)
    invitation = invite(meeting, world.objects["person"], rsvp="attending")
    client = login(world.user("admin_support"))
    url = reverse("meeting-attendance", kwargs={"pk": meeting.pk})

    page = client.get(url).content.decode()
    assert f'name="invitation" value="{invitation.pk}"' in page
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]

    response = client.post(url, {"invitation": invitation.pk, "attended": "yes"})
    assert response.status_code == 302 and response["Location"].endswith(
        f"#invitation-{invitation.pk}"
    )
    invitation.refresh_from_db()
    assert invitation.attended is True and invitation.recorded_by == world.user("admin_support")
    assert "1 of 1 here" in client.get(url).content.decode()

    client.post(url, {"invitation": invitation.pk, "attended": "no"})
    invitation.refresh_from_db()
    assert invitation.attended is False


def test_attendance_cannot_be_taken_before_the_day(world, login):
    meeting = make_meeting(world.objects["group"], days=5)
    invitation = invite(meeting, world.objects["person"])
    client = login(world.user("coordinator"))
    url = reverse("meeting-attendance", kwargs={"pk": meeting.pk})

    assert "can be taken from the day" in client.get(url).content.decode()
    client.post(url, {"invitation": invitation.pk, "attended": "yes"})
    invitation.refresh_from_db()
    assert invitation.attended is None


def test_someone_elses_invitation_cannot_be_marked_through_this_meeting(world, login):
    meeting = _today_meeting(world)
    other_meeting = make_meeting(world.objects["group"], days=30)
    stranger = invite(other_meeting, world.objects["person"])
    client = login(world.user("coordinator"))
    response = client.post(
        reverse("meeting-attendance", kwargs={"pk": meeting.pk}),
        {"invitation": stranger.pk, "attended": "yes"},
    )
    assert response.status_code == 404


def test_attendance_history_shows_the_persons_meetings(world, login):
    came = invite(
        make_meeting(world.objects["group"], days=-40, title="Spring meeting"),
        world.objects["person"],
        attended=True,
    )
    invite(
        make_meeting(world.objects["group"], days=-10, title="Summer meeting"),
        world.objects["person"],
        attended=False,
        rsvp="apologies",
    )
    client = login(world.user("member"))
    page = client.get(reverse("person-attendance", kwargs={"pk": came.person_id})).content.decode()
    assert "Spring meeting" in page and "Summer meeting" in page
    assert "Came to 1 of 2" in page


def test_attendance_page_queries_stay_flat(world, login, assert_flat_queries):
    meeting = _today_meeting(world)
    client = login(world.user("coordinator"))

    def grow(n):
        for _ in range(n):
            invite(meeting, MembershipFactory(group=world.objects["group"]).person)

    assert_flat_queries(
        lambda: client.get(reverse("meeting-attendance", kwargs={"pk": meeting.pk})), grow=grow
    )


def test_attendance_history_queries_stay_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    person = world.objects["person"]
    made = []

    def grow(n):
        for _ in range(n):
            made.append(
                invite(make_meeting(world.objects["group"], days=-3 - 3 * len(made)), person)
            )

    assert_flat_queries(
        lambda: client.get(reverse("person-attendance", kwargs={"pk": person.pk})), grow=grow
    )
