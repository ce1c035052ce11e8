"""The briefing before a board meeting: the coordinator's form (summaries,
glossary terms, what to expect, cut-off, pre-meeting) and the one question a
member answers to add a point for the representatives."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from involvement.forms.groups import date_field
from involvement.forms.text import TextLimits

FOUND = " (found in the summaries)"


def _box(label, *, rows=5, help_text="", required=False, error=""):
    field = forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )
    if error:
        field.error_messages["required"] = error
    return field


class BriefingForm(TextLimits, forms.Form):
    what_to_expect = _box(
        "What to expect at the meeting",
        rows=6,
        help_text=(
            "Who sits on the board, how the meeting runs, and when representatives may speak. "
            "Use short sentences and everyday words."
        ),
    )
    points_close_on = date_field(
        "Last day for points",
        help_text="Members can add points for the representatives until the end of this day.",
    )
    pre_meeting = forms.TypedChoiceField(
        label="Pre-meeting (optional)",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="The group meeting where the group talks about the board meeting first.",
        error_messages={"invalid_choice": "Choose a group meeting from the list"},
    )
    glossary_terms = forms.MultipleChoiceField(
        label="Glossary terms for this briefing",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Tick the terms the representatives will meet. Terms used in the summaries "
            "and in what to expect are marked \u201cfound in the summaries\u201d."
        ),
        error_messages={"invalid_choice": "Choose terms from the organisation's glossary"},
    )

    def __init__(self, *args, papers, pre_meetings, glossary, found, briefing=None, **kw):
        super().__init__(*args, **kw)
        self.pre_meetings = {meeting.pk: meeting for meeting in pre_meetings}
        self.fields["pre_meeting"].choices = [("", "No pre-meeting")] + [
            (
                meeting.pk,
                f"{meeting.group} – {meeting.title}, "
                f"{timezone.localtime(meeting.starts_at):%-d %B %Y}",
            )
            for meeting in pre_meetings
        ]
        found_lower = {term.lower() for term in found}
        self.fields["glossary_terms"].choices = [
            (entry.term, entry.term + (FOUND if entry.term.lower() in found_lower else ""))
            for entry in glossary
        ]
        summaries = {}
        if briefing is not None:
            summaries = {row.paper_id: row.summary for row in briefing.summaries.all()}
        self.summary_names = []
        for paper in papers:
            name = f"summary_{paper.pk}"
            self.fields[name] = _box(f"Summary of \u201c{paper.title}\u201d", rows=6)
            self.initial.setdefault(name, summaries.get(paper.pk, ""))
            self.summary_names.append((name, paper))
        if briefing is not None:
            self.initial.setdefault("what_to_expect", briefing.what_to_expect)
            self.initial.setdefault("points_close_on", briefing.points_close_on)
            self.initial.setdefault("pre_meeting", briefing.pre_meeting_id)
            self.initial.setdefault("glossary_terms", list(briefing.glossary_terms))
        else:
            self.initial.setdefault("glossary_terms", list(found))

    def summary_fields(self):
        return [(self[name], paper) for name, paper in self.summary_names]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "what_to_expect": data["what_to_expect"],
            "points_close_on": data["points_close_on"],
            "pre_meeting": self.pre_meetings.get(data["pre_meeting"]),
            "glossary_terms": list(data["glossary_terms"]),
            "summaries": {paper.pk: data[name] for name, paper in self.summary_names},
        }


class BriefingPointForm(TextLimits, forms.Form):
    point = _box(
        "What do you want the representatives to raise?",
        rows=4,
        required=True,
        error="Enter the point you want the representatives to raise",
        help_text="Say it the way you would to the board. Keep it to one point.",
    )
    agenda_item = forms.TypedChoiceField(
        label="Which item on the board's agenda is it about? (optional)",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose an item from the board's agenda"},
    )

    def __init__(self, *args, agenda_items, **kw):
        super().__init__(*args, **kw)
        self.agenda_items = {item.pk: item for item in agenda_items}
        if agenda_items:
            self.fields["agenda_item"].choices = [("", "Not about one item")] + [
                (item.pk, item.title) for item in agenda_items
            ]
        else:
            del self.fields["agenda_item"]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "point": data["point"],
            "agenda_item": self.agenda_items.get(data.get("agenda_item")),
        }
