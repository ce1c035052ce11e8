"""The printable claim form, pre-filled with the meeting and the person, for
people who claim on paper (standard and large print)."""

from __future__ import annotations

from django.utils import timezone

from involvement.pdf import render_pdf
from meetings.models import Invitation

from .models import LineKind
from .services.claims import payment_due_for
from .services.policy import policy_for


def render_claim_form_pdf(*, invitation: Invitation, large_print: bool = False) -> bytes:
    meeting = invitation.meeting
    context = {
        "meeting": meeting,
        "person": invitation.person,
        "starts": timezone.localtime(meeting.starts_at),
        "ends": timezone.localtime(meeting.ends_at),
        "policy": policy_for(meeting.organisation),
        "due": payment_due_for(person=invitation.person, meeting=meeting),
        "kinds": LineKind.choices,
    }
    return render_pdf(
        "expenses/pdf/claim_form.html",
        context,
        large_print=large_print,
        title=f"Expenses claim form: {meeting.title}",
    )
