"""Forms for scoring (one question across the reviewer's applicants),
moderation, shortlisting and the informal conversation. They parse; the
services decide."""

from __future__ import annotations

from django import forms

from involvement.forms.groups import date_field
from involvement.forms.text import TextLimits
from recruitment.models import Conversation, Criterion


def score_choices(criterion: Criterion) -> list[tuple[str, str]]:
    return [(str(n), str(n)) for n in range(criterion.max_score + 1)]


def guide_for(criterion: Criterion) -> dict[str, str]:
    """The scoring guide's sentence for each score point (shown as radio hints)."""
    guide = criterion.scoring_guide or {}
    return {str(n): guide.get(str(n), "") for n in range(criterion.max_score + 1)}


def radio_options(bound_field, guide: dict[str, str]) -> list[dict]:
    """A radio field's options with the scoring guide's sentence as each hint."""
    options = []
    for option in bound_field.subwidgets:
        value = str(option.data["value"])
        options.append(
            {
                "id": option.data["attrs"]["id"],
                "name": option.data["name"],
                "value": value,
                "label": option.choice_label,
                "checked": option.data["selected"],
                "hint": guide.get(value, ""),
            }
        )
    return options


class CriterionScoresForm(TextLimits, forms.Form):
    """A score and a rationale for each application, for one criterion. Fields
    are named by the reviewer's handle for each application ("score_<handle>"),
    never by its id."""

    def __init__(self, *args, criterion: Criterion, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        self.rows = rows
        for row in rows:
            handle = row.application.handle
            ref = row.application.reference
            own = row.own
            self.fields[f"score_{handle}"] = forms.ChoiceField(
                label=f"Your score for {ref}",
                choices=score_choices(criterion),
                widget=forms.RadioSelect,
                required=False,
                initial=str(own.score) if own else None,
            )
            self.fields[f"rationale_{handle}"] = forms.CharField(
                label=f"Why this score for {ref}",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=own.rationale if own else "",
                help_text="A sentence or two: a score with no reason is not accepted.",
            )

    def entries(self):
        from recruitment.services.scoring import ScoreEntry

        result = []
        for row in self.rows:
            handle = row.application.handle
            score = self.cleaned_data.get(f"score_{handle}")
            result.append(
                ScoreEntry(
                    application=row.application,
                    score=int(score) if score not in (None, "") else None,
                    rationale=self.cleaned_data.get(f"rationale_{handle}", ""),
                )
            )
        return result

    def bound_rows(self):
        """(row, score field, its options with hints, rationale field) for the template."""
        guide = guide_for(self.criterion)
        result = []
        for row in self.rows:
            handle = row.application.handle
            score = self[f"score_{handle}"]
            result.append((row, score, radio_options(score, guide), self[f"rationale_{handle}"]))
        return result


class ModerationForm(TextLimits, forms.Form):
    score = forms.ChoiceField(
        label="Agreed score",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the agreed score"},
    )
    reason = forms.CharField(
        label="Why the panel agreed this score",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the panel agreed this score"},
        help_text="This is kept in the audit trail with your name.",
    )

    def __init__(self, *args, criterion: Criterion, **kwargs):
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        self.fields["score"].choices = score_choices(criterion)


class ShortlistForm(TextLimits, forms.Form):
    reason = forms.CharField(
        label="Why shortlist this applicant",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why this applicant is shortlisted"},
        help_text="For example, the experience or skills they would bring to the group.",
    )


MATCH_CHOICES = [
    ("yes", "Yes, it is a good match"),
    ("no", "No, it is not a good match"),
    ("unsure", "Not decided yet"),
]


class ConversationForm(TextLimits, forms.Form):
    held_on = date_field("Date of the conversation")
    mode = forms.ChoiceField(
        label="How you talked",
        choices=Conversation.Mode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you talked"},
    )
    notes = forms.CharField(
        label="Notes",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write a few notes about the conversation"},
        help_text="What they understood about the role, and what they hope to bring and get.",
    )
    match = forms.ChoiceField(
        label="Did the conversation confirm a good match?",
        choices=MATCH_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the conversation confirmed a good match"},
    )
    support_agreed = forms.CharField(
        label="Support agreed",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="For example, large print papers, a taxi, a hearing loop.",
    )

    def match_confirmed(self):
        return {"yes": True, "no": False}.get(self.cleaned_data["match"])

    @staticmethod
    def initial_from(conversation):
        if conversation is None:
            return {}
        return {
            "held_on": conversation.held_on,
            "mode": conversation.mode,
            "notes": conversation.notes,
            "match": {True: "yes", False: "no"}.get(conversation.match_confirmed, "unsure"),
            "support_agreed": conversation.support_agreed,
        }
