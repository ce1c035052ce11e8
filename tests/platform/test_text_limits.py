"""Limits on typed text (involvement.forms.text and the API): every text box
of every form has a limit the page says, over-long text is refused with a
plain-English message and kept, and one-line boxes refuse line breaks.

Issue 9, part 5: a 1,000,000-character minutes correction was stored, and a
line break in a meeting title stopped every invitation naming it."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from involvement.forms.text import DOCUMENT_TEXT, LONG_TEXT, SHORT_TEXT, TextLimits
from meetings.models import Correction
from tests.access.meetings import meeting as walk_meeting
from tests.access.meetings_minutes import minutes_world

from .helpers import element_by_id, tags

OUR_APPS = ("involvement", "meetings", "recruitment", "workplans", "evaluation")


def project_forms() -> list[type[forms.BaseForm]]:
    for app in OUR_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".forms" in module.name:
                importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted(
        {cls for cls in subclasses(forms.BaseForm) if cls.__module__.split(".")[0] in OUR_APPS},
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def test_every_form_of_the_project_limits_its_text():
    found = project_forms()
    assert len(found) > 50, "the forms were not found"
    missing = [
        f"{cls.__module__}.{cls.__qualname__}" for cls in found if TextLimits not in cls.__mro__
    ]
    assert not missing, f"Mix TextLimits into these forms (involvement.forms.text): {missing}"


class NotesForm(TextLimits, forms.Form):
    title = forms.CharField(label="Title")
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)
    minutes = forms.CharField(
        label="What was said?", required=False, max_length=DOCUMENT_TEXT, widget=forms.Textarea
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["added"] = forms.CharField(label="Added later", required=False)


def render(form) -> str:
    return Template("{{ form }}").render(Context({"form": form}))


def test_a_box_of_text_says_its_limit_with_the_nhs_character_count():
    html = render(NotesForm())

    group = tags(html, "div", class_="nhsuk-character-count")
    assert [g["data-maxlength"] for g in group] == [str(LONG_TEXT), str(DOCUMENT_TEXT)]
    assert [g["data-module"] for g in group] == ["nhsuk-character-count"] * 2
    notes = element_by_id(html, "id_notes")
    assert "nhsuk-js-character-count" in notes["class"].split()
    assert "maxlength" not in notes  # the count says it; a hard stop would cut a paste short
    assert "id_notes-info" in notes["aria-describedby"].split()
    assert element_by_id(html, "id_notes-info")["class"] == (
        "nhsuk-hint nhsuk-character-count__message"
    )
    assert "You can enter up to 5,000 characters" in html
    assert "You can enter up to 10,000 characters" in html


def test_a_one_line_box_stops_at_its_limit():
    html = render(NotesForm())

    assert element_by_id(html, "id_title")["maxlength"] == str(SHORT_TEXT)
    assert element_by_id(html, "id_added")["maxlength"] == str(SHORT_TEXT)
    assert not tags(html, "input", class_="nhsuk-js-character-count")


def test_text_over_the_limit_is_refused_with_a_plain_message_and_kept():
    too_long = "Minutes " * 700  # 5,600 characters
    form = NotesForm(data={"title": "Spring", "notes": too_long, "minutes": too_long + "!"})

    assert not form.is_valid()
    assert form.errors["notes"] == ["Notes must be 5,000 characters or fewer"]
    assert "minutes" not in form.errors
    html = render(form)
    assert too_long.strip() in html


def test_a_question_is_answered_within_its_limit():
    form = NotesForm(data={"title": "Spring", "minutes": "x" * (DOCUMENT_TEXT + 1)})

    assert form.errors["minutes"] == ["Your answer must be 10,000 characters or fewer"]


def test_fields_added_in_init_are_limited_too():
    form = NotesForm(data={"title": "Spring", "added": "x" * (SHORT_TEXT + 1)})

    assert form.errors["added"] == ["Added later must be 200 characters or fewer"]


@pytest.mark.parametrize("typed", ["Spring\nmeeting", "Spring\r\nmeeting", "Spring\tmeeting"])
def test_a_one_line_box_refuses_line_breaks(typed):
    form = NotesForm(data={"title": typed})

    assert form.errors["title"] == ["Title must be on one line. Remove any line breaks or tabs"]


def test_a_box_of_text_takes_line_breaks_but_not_other_control_characters():
    assert NotesForm(data={"title": "Spring", "notes": "One\r\nTwo\tthree"}).is_valid()

    for typed in ("One\x07two", "One\x00two"):
        form = NotesForm(data={"title": "Spring", "notes": typed})
        assert form.errors["notes"] == [
            "Notes contains hidden control characters. Remove them and try again"
        ]


# The cases, through the pages and the API.


def test_a_million_character_correction_is_refused_and_kept(world, login):
    meeting = minutes_world(world).objects["minutes_meeting"]
    client = login(world.user("member"))
    url = reverse("meeting-minutes-correct", args=[meeting.pk])
    before = Correction.objects.count()

    response = client.post(url, {"text": "x" * 1_000_000})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Your correction must be 5,000 characters or fewer" in page
    assert "x" * 1_000_000 in page
    assert Correction.objects.count() == before


def test_the_correction_page_says_the_limit(world, login):
    meeting = minutes_world(world).objects["minutes_meeting"]
    client = login(world.user("member"))

    page = client.get(reverse("meeting-minutes-correct", args=[meeting.pk])).content.decode()

    assert "You can enter up to 5,000 characters" in page


def test_a_line_break_in_a_meeting_title_is_refused(world, login):
    from tests.meetings._scheduling import edit_form_data

    meeting = walk_meeting(world)
    client = login(world.user("coordinator"))
    url = reverse("meeting-edit", args=[meeting.pk])
    data = edit_form_data(client, meeting)
    data["title"] = "Spring\r\nmeeting"

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Title must be on one line. Remove any line breaks or tabs" in response.content.decode()
    meeting.refresh_from_db()
    assert "\n" not in meeting.title
    data["title"] = "Spring meeting"
    assert client.post(url, data).status_code == 302


def test_the_scoring_api_refuses_a_reason_over_the_limit(world, client):
    from recruitment.handles import review_handle
    from tests.recruitment.scoring_data import (
        add_application,
        add_reviewer,
        assign,
        criteria,
        make_vacancy,
    )

    vacancy = make_vacancy(organisation=world.organisation, group=world.objects["group"])
    application = add_application(vacancy)
    reviewer = add_reviewer(vacancy)
    assign(reviewer, application)
    client.force_login(reviewer.user)
    scores = {
        "application": review_handle(reviewer, application.pk),
        "score": 3,
        "rationale": "x" * (LONG_TEXT + 1),
    }
    payload = {"criterion": criteria(vacancy)[0].pk, "scores": [scores]}
    url = reverse("api-review-scores", kwargs={"pk": vacancy.pk})

    response = client.post(url, payload, content_type="application/json")

    assert response.status_code == 400
    assert "The reason for the score must be 5,000 characters or fewer" in response.content.decode()
    scores["rationale"] = "Clear examples."
    assert client.post(url, payload, content_type="application/json").json() == {"saved": 1}


def test_each_part_of_the_area_fits_a_members_answer(world, login):
    client = login(world.user("org_admin"))
    url = reverse("organisation-edit", args=[world.organisation.pk])

    response = client.post(
        url,
        {
            "name": world.organisation.name,
            "kind": "network",
            "nation": "england",
            "localities": "North\n" + "x" * 81,
        },
    )

    assert response.status_code == 200
    assert "Each part of the area must be 80 characters or fewer" in response.content.decode()
