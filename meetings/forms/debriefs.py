"""The debrief after a board meeting: one page that works on a phone, with
a pair of boxes per point raised (the point, the board's answer) and a row
per follow-up. Empty rows are left out; the services decide the rest."""

from __future__ import annotations

from django import forms

from involvement.forms.groups import date_field
from involvement.forms.text import TextLimits

from ..services.debriefs import FollowUpIn, PointIn

EXTRA_POINTS = 2
MIN_POINTS = 3
EXTRA_FOLLOW_UPS = 1
MIN_FOLLOW_UPS = 2


def _box(label, *, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class DebriefForm(TextLimits, forms.Form):
    representative = forms.TypedChoiceField(
        label="Representative who went",
        coerce=int,
        error_messages={"required": "Choose the representative who went to the meeting"},
    )
    discussed = _box("What was discussed", rows=6)
    decisions = _box("Decisions the board took", rows=4)

    def __init__(self, *args, seats, debrief=None, points=(), follow_ups=(), notes=False, **kw):
        super().__init__(*args, **kw)
        self.people = {seat.membership.person_id: seat.membership.person for seat in seats}
        self.fields["representative"].choices = [("", "Choose")] + [
            (seat.membership.person_id, f"{seat.membership.person} ({seat.membership.group})")
            for seat in seats
        ]
        if debrief is not None:
            self.initial.setdefault("representative", debrief.representative_id)
            self.initial.setdefault("discussed", debrief.discussed)
            self.initial.setdefault("decisions", debrief.decisions)
            self.initial.setdefault("support_notes", debrief.support_notes)
        self.point_rows = []
        for n in range(1, max(MIN_POINTS, len(points) + EXTRA_POINTS) + 1):
            self.fields[f"point_{n}"] = _box(f"Point {n} raised", rows=3)
            self.fields[f"answer_{n}"] = _box(f"The board's answer to point {n}", rows=3)
            if n <= len(points):
                self.initial.setdefault(f"point_{n}", points[n - 1].point)
                self.initial.setdefault(f"answer_{n}", points[n - 1].answer)
            self.point_rows.append((f"point_{n}", f"answer_{n}"))
        self.follow_up_rows = []
        for n in range(1, max(MIN_FOLLOW_UPS, len(follow_ups) + EXTRA_FOLLOW_UPS) + 1):
            self.fields[f"follow_{n}_what"] = _box(f"Follow-up {n}: what needs doing", rows=2)
            self.fields[f"follow_{n}_owner"] = forms.CharField(
                label=f"Follow-up {n}: who", required=False, max_length=150
            )
            self.fields[f"follow_{n}_due"] = date_field(f"Follow-up {n}: by when", required=False)
            if n <= len(follow_ups):
                row = follow_ups[n - 1]
                self.initial.setdefault(f"follow_{n}_what", row.what)
                self.initial.setdefault(f"follow_{n}_owner", row.owner)
                self.initial.setdefault(f"follow_{n}_due", row.due_on)
            self.follow_up_rows.append((f"follow_{n}_what", f"follow_{n}_owner", f"follow_{n}_due"))
        self.has_notes = notes
        if notes:
            self.fields["support_notes"] = _box(
                "How it went for the representative",
                help_text="Support they need next time. Only coordinators see this.",
            )

    def point_fields(self):
        return [(self[point], self[answer]) for point, answer in self.point_rows]

    def follow_up_fields(self):
        return [tuple(self[name] for name in row) for row in self.follow_up_rows]

    def clean_representative(self):
        chosen = self.cleaned_data["representative"]
        if chosen not in self.people:
            raise forms.ValidationError("Choose the representative who went to the meeting")
        return self.people[chosen]

    def clean(self):
        data = super().clean()
        for point, answer in self.point_rows:
            if data.get(answer, "").strip() and not data.get(point, "").strip():
                self.add_error(point, "Enter the point the board was answering")
        for what, owner, due in self.follow_up_rows:
            if (data.get(owner, "").strip() or data.get(due)) and not data.get(what, "").strip():
                self.add_error(what, "Enter what needs doing")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "representative": data["representative"],
            "discussed": data["discussed"],
            "decisions": data["decisions"],
            "points": [PointIn(data[p], data[a]) for p, a in self.point_rows],
            "follow_ups": [
                FollowUpIn(data[what], data[owner], data[due])
                for what, owner, due in self.follow_up_rows
            ],
        }
        if self.has_notes:
            kwargs["support_notes"] = data["support_notes"]
        return kwargs
