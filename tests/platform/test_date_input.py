"""The NHS.UK date input: day, month and year boxes, clear messages, input kept."""

from datetime import date

import pytest
from django import forms
from django.template import Context, Template

from involvement.forms.fields import NHSDateField


class MeetingForm(forms.Form):
    held_on = NHSDateField(label="Date of the meeting", missing="Enter the date of the meeting")
    ended_on = NHSDateField(label="Date it ended", required=False)


def _render(form):
    return Template("{% error_summary form %}{{ form }}").render(Context({"form": form}))


def _bound(**parts):
    data = {f"held_on_{i}": parts.get(key, "") for i, key in enumerate(("day", "month", "year"))}
    return MeetingForm(data=data)


def test_a_real_date_is_accepted():
    form = _bound(day="7", month="11", year="2026")
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"held_on": date(2026, 11, 7), "ended_on": None}


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({}, "Enter the date of the meeting"),
        ({"day": "7", "year": "2026"}, "The date must include a month"),
        (
            {"day": "31", "month": "2", "year": "2026"},
            "The date must be a real date, like 15 3 2026",
        ),
        ({"day": "7", "month": "11", "year": "26"}, "Enter the year with 4 numbers, like 2026"),
        (
            {"day": "seven", "month": "11", "year": "2026"},
            "Enter the date using numbers, like 15 3 2026",
        ),
    ],
)
def test_bad_dates_say_what_to_do(parts, message):
    form = _bound(**parts)
    assert not form.is_valid()
    assert form.errors["held_on"] == [message]


def test_the_date_input_renders_three_labelled_boxes_in_a_fieldset():
    html = _render(MeetingForm(initial={"held_on": date(2026, 3, 15)}))
    assert 'class="nhsuk-date-input" id="id_held_on"' in html
    for index, label in enumerate(("Day", "Month", "Year")):
        label_tag = f'for="id_held_on_{index}">{label}</label>'
        assert f'<label class="nhsuk-label nhsuk-date-input__label" {label_tag}' in html
    assert 'name="held_on_0"' in html and 'value="15"' in html and 'value="2026"' in html
    assert "<legend" in html and "Date it ended (optional)" in html


def test_what_was_typed_is_kept_and_the_summary_links_to_the_day_box():
    html = _render(_bound(day="31", month="2", year="2026"))
    assert 'value="31"' in html and 'value="2"' in html and 'value="2026"' in html
    assert 'href="#id_held_on_0"' in html
    assert "nhsuk-input--error" in html
    assert 'id="id_held_on-error"' in html
