""" "You said, we did" through the pages, as each role: answering with the
reason rule on the form, publishing, members' pages, the coordinator's home,
and the public board, feed, CSV, newsletter and API, which show only what was
approved for them and name nobody. List pages read flat at tenfold data."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Invitation
from tests.factories import MembershipFactory
from tests.platform.helpers import pdf_objects
from workplans.models import FeedbackItem, FeedbackResponse
from workplans.services import feedback as services

from .helpers import meeting_of

pytestmark = pytest.mark.django_db


def point(world, text="Eye screening letters are hard to read.", **kwargs):
    defaults = {
        "group": world.objects["group"],
        "text": text,
        "source": "event",
        "said_on": timezone.localdate() - datetime.timedelta(days=3),
        "owner": world.user("admin_support"),
    }
    return services.feedback_record(**{**defaults, **kwargs})


def publish(item, status="looking", text="The team is looking at it.", reason=""):
    draft = services.response_draft(item=item, status=status, what_happened=text, reason=reason)
    return services.response_publish(response=draft, what_happened=text, reason=reason)


def on_board(item, wording):
    return services.feedback_set_public(item=item, on_board=True, public_text=wording)


# --- answering, with the reason rule on the form ------------------------------


def test_the_owner_is_refused_without_a_reason_then_the_coordinator_publishes(
    world, login, django_capture_on_commit_callbacks
):
    item = point(world)
    owner = login(world.user("admin_support"))
    url = reverse("feedback-respond", args=[item.pk])
    refused = owner.post(url, {"status": "not_possible", "what_happened": "We asked the service."})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Give the reason it is not possible" in page
    assert "nhsuk-error-summary" in page and "We asked the service." in page  # kept
    assert not FeedbackResponse.objects.exists()
    accepted = owner.post(
        url,
        {
            "status": "not_possible",
            "what_happened": "We asked the service.",
            "reason": "The letters are written nationally.",
        },
    )
    assert accepted.status_code == 302
    draft = FeedbackResponse.objects.get()
    assert not draft.is_published and draft.written_by == world.user("admin_support")
    # The owner cannot publish; the coordinator checks and publishes.
    publish_url = reverse("feedback-response-publish", args=[draft.pk])
    assert owner.get(publish_url).status_code == 403
    coordinator = login(world.user("coordinator"))
    shown = coordinator.get(publish_url).content.decode()
    assert "The letters are written nationally." in shown
    with django_capture_on_commit_callbacks(execute=True):
        done = coordinator.post(
            publish_url,
            {"what_happened": "We asked the screening service.", "reason": "National letters."},
        )
    assert done.status_code == 302
    draft.refresh_from_db()
    item.refresh_from_db()
    assert draft.is_published and draft.what_happened == "We asked the screening service."
    assert item.status == "not_possible"
    detail = login(world.user("member")).get(reverse("feedback-detail", args=[item.pk]))
    assert "National letters." in detail.content.decode()


def test_the_publish_form_refuses_dropping_the_reason(world, login):
    item = point(world)
    draft = services.response_draft(
        item=item, status="partly", what_happened="Half done.", reason="Money ran out."
    )
    client = login(world.user("coordinator"))
    response = client.post(
        reverse("feedback-response-publish", args=[draft.pk]),
        {"what_happened": "Half done.", "reason": ""},
    )
    assert response.status_code == 200
    assert "Give the reason: say what has not been done, and why" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_published


def test_members_never_see_drafts_and_deleting_one_needs_confirming(world, login):
    item = point(world)
    draft = services.response_draft(item=item, status="looking", what_happened="Secret draft.")
    member_page = login(world.user("member")).get(reverse("feedback-detail", args=[item.pk]))
    assert "Secret draft." not in member_page.content.decode()
    client = login(world.user("coordinator"))
    assert (
        "Secret draft." in client.get(reverse("feedback-detail", args=[item.pk])).content.decode()
    )
    url = reverse("feedback-response-discard", args=[draft.pk])
    confirm = client.get(url)
    assert "Delete the draft answer?" in confirm.content.decode()
    assert FeedbackResponse.objects.filter(pk=draft.pk).exists()
    assert client.post(url).status_code == 302
    assert not FeedbackResponse.objects.filter(pk=draft.pk).exists()


def test_commissioners_see_points_but_not_who_sent_them(world, login):
    item = services.feedback_raise(
        person=world.objects["person"], group=world.objects["group"], text="Chairs are low."
    )
    services.feedback_accept(item=item, text="Chairs in the clinic are too low.")
    url = reverse("feedback-detail", args=[item.pk])
    commissioner = login(world.user("commissioner")).get(url).content.decode()
    assert "Chairs in the clinic are too low." in commissioner
    name = world.objects["person"].display_name
    assert name and name not in commissioner
    assert name in login(world.user("coordinator")).get(url).content.decode()


# --- members -------------------------------------------------------------------


def test_a_member_tells_us_something_and_later_sees_the_answer(world, login):
    group = world.objects["group"]
    client = login(world.user("member"))
    url = reverse("feedback-tell", args=[group.pk])
    empty = client.post(url, {"text": ""})
    assert "Enter what you want to tell us" in empty.content.decode()
    assert client.post(url, {"text": "The clinic phone is never answered."}).status_code == 302
    item = FeedbackItem.objects.get(source="member")
    assert item.moderation == "waiting" and item.raised_by == world.objects["person"]
    mine = client.get(reverse("feedback-mine")).content.decode()
    assert "The clinic phone is never answered." in mine and "Waiting to be read" in mine
    # The coordinator shares it; it is answered.
    login(world.user("coordinator")).post(
        reverse("feedback-accept", args=[item.pk]),
        {"text": "The clinic phone is never answered.", "owner": world.user("coordinator").pk},
    )
    item.refresh_from_db()
    assert item.moderation == "accepted" and item.owner == world.user("coordinator")
    publish(item, "done", "The clinic has a second phone line.")
    mine = login(world.user("member")).get(reverse("feedback-mine")).content.decode()
    assert "The clinic has a second phone line." in mine


def test_a_member_sees_points_from_meetings_they_came_to(world, login):
    group = world.objects["group"]
    came = meeting_of(group, days=-7, title="The meeting I came to")
    missed = meeting_of(group, days=-40, title="The meeting I missed")
    Invitation.objects.create(meeting=came, person=world.objects["person"], attended=True)
    Invitation.objects.create(meeting=missed, person=world.objects["person"], attended=False)
    seen = services.feedback_capture(meeting=came, text="Buses stop too far away.")
    services.feedback_capture(meeting=missed, text="Point from the other meeting.")
    publish(seen, "looking", "The council is looking at the bus stop.")
    page = login(world.user("member")).get(reverse("feedback-mine")).content.decode()
    assert "Buses stop too far away." in page
    assert "The council is looking at the bus stop." in page
    assert "Point from the other meeting." not in page


# --- the coordinator's list and home -------------------------------------------


def test_the_list_filters_and_marks_overdue_points(world, login):
    late = point(world, text="Late point.", said_on=timezone.localdate() - datetime.timedelta(90))
    done = point(world, text="Done point.")
    publish(done, "done", "Done.")
    client = login(world.user("coordinator"))
    url = reverse("feedback-list", args=[world.objects["group"].pk])
    page = client.get(url).content.decode()
    assert "Late point." in page and "Overdue" in page and "Done point." in page
    filtered = client.get(url + "?status=done").content.decode()
    assert "Done point." in filtered and "Late point." not in filtered
    attention = client.get(url + "?show=attention").content.decode()
    assert "Late point." in attention and "Done point." not in attention
    assert late.is_overdue


def test_the_coordinators_home_brings_back_overdue_points(world, login):
    point(world, text="Forgotten point.", said_on=timezone.localdate() - datetime.timedelta(70))
    home = login(world.user("coordinator")).get(reverse("home")).content.decode()
    assert "points that need doing" in home and "Forgotten point." in home
    member_home = login(world.user("member")).get(reverse("home")).content.decode()
    assert "Forgotten point." not in member_home


def test_the_home_links_only_the_groups_with_points_that_need_doing(world, login):
    """A national organisation has hundreds of groups: the panel links those
    with something to do (ten at most, by name, then how many more), not every
    group that ever had a point."""
    from tests.factories import GroupFactory
    from workplans.selectors.feedback import GROUPS_SHOWN_ON_HOME

    old = timezone.localdate() - datetime.timedelta(90)
    calm = GroupFactory(organisation=world.organisation, name="Aaa Calm Group")
    done = point(world, group=calm, text="Answered point.")
    publish(done, "done", "Done.")
    busy = [
        GroupFactory(organisation=world.organisation, name=f"Busy Group {n:02d}")
        for n in range(GROUPS_SHOWN_ON_HOME + 2)
    ]
    for group in busy:
        point(world, group=group, text=f"Late point of {group.name}.", said_on=old)

    home = login(world.user("coordinator")).get(reverse("home")).content.decode()

    assert "Groups with points that need doing" in home
    assert "points of Aaa Calm Group" not in home
    assert "points of Busy Group 00" in home and "points of Busy Group 09" in home
    assert "points of Busy Group 10" not in home
    assert "2 more groups have points that need doing" in home


def test_the_list_reads_flat_at_tenfold_data(world, login, assert_flat_queries):
    from tests.factories import BodyFactory

    group = world.objects["group"]
    client = login(world.user("coordinator"))
    counter = itertools.count()

    def grow(n):
        for _ in range(n):
            k = next(counter)
            item = point(
                world, text=f"Point {k}", body=BodyFactory(organisation=world.organisation)
            )
            publish(item, "looking", f"Answer {k}")
            services.response_draft(item=item, status="done", what_happened="Nearly.")
            services.feedback_raise(person=world.objects["person"], group=group, text=f"Mine {k}")

    assert_flat_queries(lambda: client.get(reverse("feedback-list", args=[group.pk])), grow=grow)


# --- the public board and its files ---------------------------------------------


@pytest.fixture
def board(world):
    """One point on the board with two answers and a draft; one point not on
    it; a member's point; a declined point."""
    shown = point(world, text="Marian said the letters are unreadable.")
    on_board(shown, "Screening letters are hard to read.")
    publish(shown, "looking", "The service is rewriting the letter.")
    publish(shown, "partly", "A new letter is out in English.", reason="Translations cost more.")
    services.response_draft(item=shown, status="done", what_happened="Draft not for the public.")
    hidden = point(world, text="Not for the board.")
    publish(hidden, "done", "Answered, but not public.")
    return shown, hidden


def test_the_board_shows_only_approved_wording_and_published_answers(world, client, board):
    shown, hidden = board
    page = client.get(reverse("board", args=[world.objects["group"].pk])).content.decode()
    assert "Screening letters are hard to read." in page
    assert "A new letter is out in English." in page and "Translations cost more." in page
    assert "Marian" not in page  # the words as said, with a name, are not public
    assert "Draft not for the public." not in page
    assert "Not for the board." not in page and "Answered, but not public." not in page
    assert world.user("admin_support").email not in page


def test_the_board_filters_by_status_theme_and_year(world, client, board):
    url = reverse("board", args=[world.objects["group"].pk])
    assert "Screening letters" in client.get(url + "?status=partly").content.decode()
    assert "Screening letters" not in client.get(url + "?status=done").content.decode()
    year = timezone.localdate().year
    assert "Screening letters" in client.get(url + f"?year={year}").content.decode()


def test_the_board_reads_flat_at_tenfold_data(world, client, assert_flat_queries):
    counter = itertools.count()

    def grow(n):
        for _ in range(n):
            k = next(counter)
            item = point(world, text=f"Point {k}")
            on_board(item, f"Public point {k}")
            publish(item, "looking", f"Answer {k}")

    url = reverse("board", args=[world.objects["group"].pk])
    assert_flat_queries(lambda: client.get(url), grow=grow)


def test_the_feed_has_published_answers_only_as_escaped_text(world, client, board):
    shown, _hidden = board
    services.feedback_set_public(item=shown, on_board=True, public_text="Letters <b>unclear</b>")
    response = client.get(reverse("board-feed", args=[world.objects["group"].pk]))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert feed.count("<entry>") == 2
    assert "The service is rewriting the letter." in feed
    assert "Draft not for the public." not in feed and "Marian" not in feed
    # HTML content: the typed tag is escaped once for HTML, once more for XML.
    assert "&amp;lt;b&amp;gt;unclear" in feed


def test_the_csv_lists_each_answer_with_formulas_made_safe(world, client, board):
    shown, _hidden = board
    services.feedback_set_public(item=shown, on_board=True, public_text="=HYPERLINK(1)")
    response = client.get(reverse("board-csv", args=[world.objects["group"].pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["Point", "Date said", "Where it was said", "Theme", "You said"]
    assert [row[9] for row in rows[1:]] == [
        "The service is rewriting the letter.",
        "A new letter is out in English.",
    ]
    assert rows[1][4] == "'=HYPERLINK(1)"
    assert "Marian" not in response.content.decode()


def test_the_newsletter_is_a_tagged_pdf_with_a_large_print_variant(
    world, client, board, monkeypatch
):
    from weasyprint.document import Document
    from weasyprint.formatting_structure import boxes

    texts = []
    write_pdf = Document.write_pdf

    def text_of(box):
        if isinstance(box, boxes.TextBox):
            return box.text
        return "".join(text_of(child) for child in getattr(box, "children", None) or ())

    def recording(self, *args, **kwargs):
        texts.append(" ".join(text_of(page._page_box) for page in self.pages))
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(Document, "write_pdf", recording)
    today = timezone.localdate()
    url = reverse("board-newsletter", args=[world.objects["group"].pk])
    query = f"?from={today - datetime.timedelta(days=30)}&to={today}"
    standard = client.get(url + query)
    large = client.get(url + query + "&large_print=1")
    assert standard["Content-Type"] == "application/pdf"
    assert "large-print" in large["Content-Disposition"]
    assert b"/StructTreeRoot" in pdf_objects(standard.content)

    def sizes(pdf):
        return [float(s) for s in re.findall(rb"([\d.]+) Tf", pdf_objects(pdf))]

    assert max(sizes(large.content)) > max(sizes(standard.content))
    text = " ".join(texts[0].split())
    assert "Screening letters are hard to read." in text
    assert "Translations cost more." in text and "Large print" in " ".join(texts[1].split())
    assert "Marian" not in text and "Draft not for the public." not in text


def test_the_api_lists_published_points_without_login_or_names(world, client, board):
    shown, hidden = board
    response = client.get("/api/you-said/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [row["id"] for row in results] == [shown.pk]
    row = results[0]
    assert row["you_said"] == "Screening letters are hard to read."
    assert [a["status"] for a in row["answers"]] == ["looking", "partly"]
    assert "Marian" not in response.content.decode() and "raised_by" not in row
    answers = client.get("/api/we-did/").json()["results"]
    assert len(answers) == 2
    assert client.get(f"/api/you-said/{hidden.pk}/").status_code == 404
    schema = client.get(reverse("api-schema")).content.decode()
    assert "/api/you-said/" in schema and "/api/we-did/" in schema


def test_another_member_of_the_group_sees_no_waiting_points(world, login):
    group = world.objects["group"]
    services.feedback_raise(person=world.objects["person"], group=group, text="Waiting point.")
    from tests.factories import UserFactory

    other = MembershipFactory(group=group).person
    other.user = UserFactory()
    other.save()
    page = login(other.user).get(reverse("feedback-list", args=[group.pk])).content.decode()
    assert "Waiting point." not in page


def test_what_happened_to_what_you_said_reads_flat_at_tenfold_data(
    world, login, assert_flat_queries
):
    group = world.objects["group"]
    person = world.objects["person"]
    client = login(world.user("member"))
    counter = itertools.count()

    def grow(n):
        for _ in range(n):
            k = next(counter)
            meeting = meeting_of(group, days=-k - 1, title=f"Meeting {k}")
            Invitation.objects.create(meeting=meeting, person=person, attended=True)
            publish(services.feedback_capture(meeting=meeting, text=f"Said {k}"), "done", "Done.")
            mine = services.feedback_raise(person=person, group=group, text=f"Sent {k}")
            services.feedback_accept(item=mine, text=f"Sent {k}")
            publish(mine, "looking", "Looking.")

    assert_flat_queries(lambda: client.get(reverse("feedback-mine")), grow=grow)
