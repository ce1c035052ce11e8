"""Forms to schedule, change and cancel meetings. Dates use the NHS.UK date
input; times are typed as 24-hour clock times ("19:00")."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError

from involvement.forms.fields import NHSDateField
from involvement.forms.text import TextLimits

from ..models import Meeting
from ..services.meetings import local_datetime

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


def time_field(label, missing):
    return forms.TimeField(
        label=label,
        input_formats=TIME_FORMATS,
        help_text="Use the 24-hour clock, for example 18:30",
        error_messages={
            "required": missing,
            "invalid": "Enter the time using the 24-hour clock, like 18:30",
        },
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-5", "inputmode": "numeric"}),
    )


class _PlaceMixin:
    def _place_fields(self, venues):
        self.fields["mode"] = forms.ChoiceField(
            label="How people join",
            choices=Meeting.Mode.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose how people join the meeting"},
        )
        self.fields["venue"] = forms.ModelChoiceField(
            label="Venue",
            queryset=venues,
            required=False,
            help_text="For meetings in person or hybrid.",
        )
        self.fields["video_link"] = forms.URLField(
            label="Video link",
            assume_scheme="https",
            required=False,
            help_text="For online or hybrid meetings, for example a Teams or Zoom link.",
            error_messages={"invalid": "Enter the video link as a web address, like https://…"},
        )


class MeetingForm(TextLimits, _PlaceMixin, forms.Form):
    owner = forms.ChoiceField(
        label="Whose meeting",
        error_messages={"required": "Choose the group or board the meeting is for"},
    )
    kind = forms.ChoiceField(label="Kind of meeting", choices=Meeting.Kind.choices)
    title = forms.CharField(
        label="Title", max_length=150, error_messages={"required": "Enter the meeting's title"}
    )
    date = NHSDateField(label="Date", missing="Enter the date of the meeting")
    start_time = time_field("Start time", "Enter the time the meeting starts")
    end_time = time_field("End time", "Enter the time the meeting ends")

    # The service's refusals about when the meeting starts and ends belong
    # beside the date and the end time boxes (see apply_errors).
    service_fields = {"starts_at": "date", "ends_at": "end_time"}

    def __init__(self, *args, groups=(), bodies=(), venues, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self._groups = {f"group-{g.pk}": g for g in groups}
        self._bodies = {f"body-{b.pk}": b for b in bodies}
        if editing:
            del self.fields["owner"]
        else:
            self.fields["owner"].choices = (
                [("", "Choose")]
                + [(key, group.name) for key, group in self._groups.items()]
                + [(key, body.name) for key, body in self._bodies.items()]
            )
        self._place_fields(venues)

    @staticmethod
    def initial_for(meeting: Meeting) -> dict:
        from django.utils import timezone

        starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        return {
            "kind": meeting.kind,
            "title": meeting.title,
            "date": starts.date(),
            "start_time": starts.time().strftime("%H:%M"),
            "end_time": ends.time().strftime("%H:%M"),
            "mode": meeting.mode,
            "venue": meeting.venue_id,
            "video_link": meeting.video_link,
        }

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", "The meeting must end after it starts")
            else:
                data["starts_at"] = local_datetime(day, start)
                data["ends_at"] = local_datetime(day, end)
        return data

    def owner_kwargs(self) -> dict:
        key = self.cleaned_data["owner"]
        if key in self._groups:
            return {"group": self._groups[key]}
        if key in self._bodies:
            return {"body": self._bodies[key]}
        raise ValidationError({"owner": "Choose the group or board the meeting is for"})

    def meeting_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "mode": data["mode"],
            "venue": data.get("venue"),
            "video_link": data.get("video_link", ""),
        }


class GenerateForm(TextLimits, _PlaceMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Kind of meeting",
        choices=[
            (Meeting.Kind.GROUP, Meeting.Kind.GROUP.label),
            (Meeting.Kind.INDUCTION, Meeting.Kind.INDUCTION.label),
            (Meeting.Kind.REFLECTIVE_REVIEW, Meeting.Kind.REFLECTIVE_REVIEW.label),
        ],
        widget=forms.RadioSelect,
        initial=Meeting.Kind.GROUP,
    )
    first_date = NHSDateField(
        label="Date of the first meeting",
        required=False,
        help_text="Leave empty to carry on from the group's last meeting. For example, 15 3 2027",
    )
    start_time = time_field("Start time", "Enter the time the meetings start")
    end_time = time_field("End time", "Enter the time the meetings end")

    def __init__(self, *args, venues, **kwargs):
        super().__init__(*args, **kwargs)
        self._place_fields(venues)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end:
            if end <= start:
                self.add_error("end_time", "The meetings must end after they start")
            else:
                base = date(2000, 1, 1)
                data["duration"] = datetime.combine(base, end) - datetime.combine(base, start)
        return data

    def generate_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "first_date": data.get("first_date"),
            "start_time": data["start_time"],
            "duration": data.get("duration", timedelta(hours=2)),
            "mode": data["mode"],
            "venue": data.get("venue"),
            "video_link": data.get("video_link", ""),
        }


class CancelForm(TextLimits, forms.Form):
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        help_text="Everyone invited is told, with this reason.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the meeting is cancelled"},
    )


__all__ = ["CancelForm", "GenerateForm", "MeetingForm", "time"]
