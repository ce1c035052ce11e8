"""The cross-site scripting walk (issue 9, part 2): what people type is shown
as text everywhere, never run as markup and never garbled into entities.

A payload that would run as script if printed raw goes into every free-text
field of every row of the access walk's world (tests/access/), plus rows the
access walk does not need (an enquiry, a conversation, a cancelled meeting...).
Each field gets its own number in its payload (`<xss-12>"><script>...`), so a
failure names the field and the page. Then:

- every page of the project, as every role that may see it (HTML): the payload
  is never printed raw, nor escaped twice;
- PDFs (their text, read from WeasyPrint's laid-out pages), CSVs, calendar
  files and API responses: the payload reads as typed, never as entities, and
  none of our own markup is printed as text;
- the messages the services send that name typed text (invitations, papers,
  minutes, the feedback summary, claims, reviews, applications, decisions,
  priorities, staff invitations): subjects are single lines, bodies read as
  typed, HTML alternatives escape it.

Every free-text field must be seen somewhere on the walk, so a page that stops
showing one, or a new field, is noticed; a new text field on a model fails
`test_every_text_field_is_walked_or_says_why_not` until it is listed below.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.urls import reverse
from django.utils import timezone

from tests.access import EXPECTATIONS
from tests.conftest import ROLES

OUR_APPS = ("involvement", "meetings", "expenses", "recruitment", "workplans", "evaluation")

# Every field a member or staff types into, or that is built from what they
# typed (message subjects, audit summaries, errors quoting a subject).
FREE_TEXT = {
    "involvement.User": ["full_name", "preferred_name", "email"],
    "involvement.Organisation": ["name", "localities"],
    "involvement.Person": [
        "full_name",
        "preferred_name",
        "email",
        "phone",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "language",
        "other_support_needs",
    ],
    "involvement.DiversityProfile": ["locality"],
    "involvement.ErasureRequest": ["note"],
    "involvement.Group": ["name", "purpose", "terms_of_reference", "ground_rules"],
    "involvement.DiversityFactor": ["name"],
    "involvement.MembershipStatusChange": ["reason"],
    "involvement.DecisionMakingBody": [
        "name",
        "remit",
        "meeting_pattern",
        "contact_name",
        "contact_email",
    ],
    "involvement.RepresentativeSeat": ["ended_reason"],
    "involvement.Notification": ["subject", "body_text", "last_error"],
    "recruitment.RoleDescription": [
        "title",
        "purpose",
        "activities",
        "time_commitment",
        "meeting_pattern",
        "payment_details",
        "what_it_is_not",
    ],
    "recruitment.Criterion": ["title", "question", "scoring_guide"],
    "recruitment.OutreachChannel": ["name"],
    "recruitment.SignpostEntry": ["name", "description", "phone", "website"],
    "recruitment.Vacancy": ["title"],
    "recruitment.Application": [
        "heard_via_other",
        "availability",
        "support_needed",
        "decision_reason",
    ],
    "recruitment.Answer": ["text"],
    "recruitment.Conversation": ["notes", "support_agreed"],
    "recruitment.AuditEvent": ["summary"],
    "recruitment.ConflictOfInterest": ["reason"],
    "recruitment.Score": ["rationale"],
    "recruitment.ModeratedScore": ["reason"],
    "recruitment.Enquiry": ["name", "contact", "summary", "notes"],
    "meetings.Venue": ["name", "address", "postcode", "parking", "public_transport", "map_url"],
    "meetings.Meeting": ["title", "video_link", "cancelled_reason", "external_location"],
    # Read from a board's calendar: the address typed, the file's name.
    "meetings.CalendarImport": ["source_url", "filename"],
    "meetings.AgendaItem": ["title", "description", "presenter"],
    "expenses.PaymentPolicy": ["benefits_advice"],
    "expenses.PaymentRun": ["reference"],
    "expenses.ExpenseClaim": ["involvement_payment_basis", "payment_reference"],
    "expenses.ClaimLine": ["description", "reason"],
    "expenses.ClaimEvent": ["note"],
    "meetings.InductionChecklist": ["notes"],
    "meetings.Minutes": ["approval_note"],
    "meetings.MinuteEntry": ["said", "agreed"],
    "meetings.Correction": ["text", "response"],
    "meetings.Action": ["description", "owner_name", "progress"],
    "meetings.Paper": ["title"],
    "involvement.GlossaryTerm": ["term", "meaning"],
    "meetings.Debrief": ["discussed", "decisions", "support_notes"],
    "meetings.DebriefPoint": ["point", "answer"],
    "meetings.DebriefFollowUp": ["what", "owner"],
    "meetings.Briefing": ["what_to_expect"],
    "meetings.BriefingSummary": ["summary"],
    "meetings.BriefingPoint": ["point"],
    "meetings.ReflectiveReview": ["title"],
    "meetings.ReviewResponse": ["change"],
    "workplans.DecisionMapEntry": ["topic", "how_to_feed_in"],
    "workplans.PriorityExercise": ["title", "briefing"],
    "workplans.Theme": ["name", "description"],
    "workplans.Proposal": ["problem", "solution"],
    "workplans.OrganisationPriority": ["title", "description", "source"],
    "workplans.WorkPlan": ["change_summary"],
    "workplans.WorkItem": ["title", "description", "lead", "constraints_stated"],
    "workplans.PlanReview": ["what_changed", "why"],
    "workplans.FeedbackItem": ["text", "source_detail", "declined_reason", "public_text"],
    "workplans.FeedbackResponse": ["what_happened", "reason"],
    "evaluation.Objective": ["title", "owner"],
    "evaluation.SuccessMeasure": ["name", "method"],
    "evaluation.Reading": ["note"],
    "evaluation.SurveyRound": ["title"],
    "evaluation.ExperienceSurvey": ["title"],
    "evaluation.ExperienceAnswer": ["comment"],
    "evaluation.ImpactEvidence": ["title"],
    "evaluation.ImpactRecord": [
        "title",
        "what_changed",
        "evidence_link",
        "evidence",
        "public_text",
    ],
    "evaluation.StandardAssessment": ["evidence", "evidence_link"],
    "evaluation.Region": ["name"],
}

# Text fields nobody types into, and why they are not walked.
NOT_TYPED = {
    "involvement.AuditEntry.actor_label": "a name and email kept from the account (User's "
    "fields are walked); the log is append-only, so no payload can be written into it",
    "involvement.AuditEntry.object_type": "a model's verbose name",
    "involvement.AuditEntry.object_id": "a primary key",
    "involvement.AuditEntry.summary": "built by the services from references and ids",
    "involvement.AuditEntry.detail": "codes and ids, shown only in the CSV",
    "involvement.PersonalDataExport.json_text": "built by json.dumps from walked fields",
    "involvement.PersonalDataExport.html_text": "rendered from an auto-escaping template",
    "involvement.ErasureRequest.kept": "the services' own sentences",
    "involvement.User.password": "a password hash",
    "involvement.Organisation.slug": "letters, numbers and hyphens only (SlugField)",
    "involvement.DiversityConsent.wording": "the service's fixed consent wording",
    "involvement.DiversityFactor.values": "answer codes; places are walked as localities",
    "involvement.Notification.body_html": "written by a service as HTML (none does yet); "
    "the message walk checks every email's HTML alternative",
    "involvement.Notification.idempotency_key": "built by the services from ids",
    "involvement.Notification.kind": "a code set by the services",
    "involvement.Notification.about": "a code and ids built by the services",
    "meetings.Meeting.external_uid": "a board calendar's identifier for an event, never shown",
    "meetings.CalendarImport.rows": (
        "written by the import: each event's title (as Meeting.title holds it) and "
        "Involve's own reasons; shown escaped on the import's summary"
    ),
    "involvement.Notification.cancelled_reason": "the send-time checks' own words, never typed",
    "involvement.Group.reminder_days": "whole numbers and commas only (parse_reminder_days "
    "refuses anything else)",
    "recruitment.Application.reference": "made by the service (new_reference)",
    "recruitment.AuditEvent.action": "a code",
    "recruitment.AuditEvent.detail": "ids and codes kept for the record, not shown",
    "recruitment.SelectionProposal.proposed": "application ids",
    "recruitment.SelectionProposal.final": "application ids",
    "recruitment.SelectionProposal.explanation": "worked out by the selection, not typed",
    "meetings.CalendarToken.token": "a random token",
    "expenses.PaymentPolicy.receipt_always_for": "cost codes",
    "expenses.PaymentPolicy.annual_note": "on no form and no page",
    "expenses.Receipt.content_type": "sniffed from the file",
    "expenses.Receipt.original_name": "kept for the record, never shown (named by id)",
    "meetings.Paper.content_type": "sniffed from the file",
    "evaluation.ImpactEvidence.content_type": "sniffed from the file",
    "evaluation.ImpactEvidence.original_name": "kept for the record, never shown (named by id)",
    "meetings.Paper.original_name": "kept for the record, never shown (named by id)",
    "meetings.PapersSending.paper_ids": "paper ids",
    "meetings.Briefing.glossary_terms": "terms chosen from the glossary (the service checks)",
    "meetings.Briefing.pack_inputs": "a fingerprint made by the service",
    "workplans.PriorityExercise.result": "worked out from the votes, not typed",
    "evaluation.ReportJob.step": "the report task's own progress words",
    "involvement.Person.message_choices": "message kind codes and on/off, from ticked boxes",
}

RAW = re.compile(r"<xss-(\d+)|<script>alert\((\d+)|<img src=x onerror=alert\((\d+)")
ESCAPED = re.compile(r"&lt;xss-(\d+)")
ESCAPED_TWICE = re.compile(r"&amp;(?:lt|gt|quot|#x27);")
ENTITY = re.compile(r"&(?:lt|gt|quot|amp|#x27|#39);")
# Markup of our own printed as text (the payload's own tags aside).
OUR_MARKUP_AS_TEXT = re.compile(r"<(?!xss-|script>alert|/script>|img src=x)/?[a-z][a-z0-9]*[\s/>]")


def text_fields():
    """(label, model, field) of every text field of our models."""
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for field in model._meta.get_fields():
            text = isinstance(field, models.CharField | models.TextField | models.JSONField)
            if text and not field.choices:
                yield f"{model._meta.label}.{field.name}", model, field


def test_every_text_field_is_walked_or_says_why_not():
    walked = {f"{model}.{name}" for model, names in FREE_TEXT.items() for name in names}
    found = {label for label, _, _ in text_fields()}
    unlisted = sorted(found - walked - set(NOT_TYPED))
    assert not unlisted, (
        "Put these text fields in FREE_TEXT (and show them on the walk) or say in "
        f"NOT_TYPED why nobody types into them: {unlisted}"
    )
    stale = sorted((walked | set(NOT_TYPED)) - found)
    assert not stale, f"No longer text fields of our models: {stale}"
    assert not walked & set(NOT_TYPED)


def payload(number: int, field, row: int = 0) -> object:
    """The payload for one field of one row, fitted to what the field holds
    (a valid email address, a web address, a list...; unique per row)."""
    text = f'<xss-{number}>"><script>alert({number})</script><img src=x onerror=alert({number})>'
    if isinstance(field, models.EmailField):
        return f'"<xss-{number}>{row}"@example.org'
    if isinstance(field, models.URLField):
        return f'https://example.org/"><xss-{number}>'
    if isinstance(field, models.JSONField):
        return [text] if field.name == "localities" else {str(n): text for n in range(5)}
    return text[: field.max_length] if field.max_length else text


def _unique(model, field) -> bool:
    """Whether two rows may not share the field's value: unique on its own,
    or part of a unique constraint (a group's name within its organisation)."""
    from django.db.models import UniqueConstraint

    return field.unique or any(
        isinstance(constraint, UniqueConstraint) and field.name in constraint.fields
        for constraint in model._meta.constraints
    )


def inject_payloads() -> dict[int, str]:
    """Overwrite every free-text field of every row; return field by number."""
    numbered = {}
    for number, (model_label, name) in enumerate(
        ((m, n) for m, names in FREE_TEXT.items() for n in names), start=1
    ):
        model = apps.get_model(model_label)
        field = model._meta.get_field(name)
        numbered[number] = f"{model_label}.{name}"
        for pk in model.objects.values_list("pk", flat=True):
            value = payload(number, field, pk)
            if _unique(model, field) and isinstance(value, str) and "@" not in value:
                value = f"{value[: field.max_length - 8]} {pk}"  # two rows must not clash
            model.objects.filter(pk=pk).update(**{name: value})
    return numbered


def more_rows(world) -> list[tuple[str, str]]:
    """Rows the access walk does not need but that show typed text, and the
    extra pages (name, url) that show them."""
    from evaluation.models import StandardAssessment
    from expenses.models import ClaimEvent
    from involvement.models import (
        DiversityConsent,
        DiversityProfile,
        MembershipStatusChange,
        RepresentativeSeat,
    )
    from meetings.models import InductionChecklist, Meeting, Minutes, ReviewResponse
    from recruitment.models import (
        AuditEvent,
        ConflictOfInterest,
        Conversation,
        Enquiry,
        ModeratedScore,
    )
    from tests.access.expenses_claims import claim
    from tests.access.meetings_minutes import attend, circulated_minutes, make_meeting
    from tests.access.recruitment_scoring import scoring_objects
    from tests.access.recruitment_setup import recruitment_objects
    from tests.access.workplans import workplan_objects
    from tests.factories import MembershipFactory
    from workplans.models import FeedbackItem, OrganisationPriority, PlanReview, Theme

    today = timezone.localdate()
    coordinator = world.user("coordinator")
    person, group = world.objects["person"], world.objects["group"]
    membership = world.objects["membership"]
    organisation = world.organisation
    organisation.localities = ["North"]
    organisation.save(update_fields=["localities"])
    DiversityConsent.objects.create(person=person, wording="I agree.", given_at=timezone.now())
    DiversityProfile.objects.create(person=person, locality="North", diabetes_type="type_1")
    MembershipStatusChange.objects.create(
        membership=membership, to_status="active", changed_on=today, reason="Came back."
    )
    RepresentativeSeat.objects.create(
        body=world.objects["body"],
        membership=MembershipFactory(group=group),
        term_start=today - datetime.timedelta(days=400),
        term_end=today - datetime.timedelta(days=10),
        ended_reason="Term completed.",
    )
    InductionChecklist.objects.create(
        membership=membership,
        **{name: True for name, _ in InductionChecklist.ITEMS},
        how="one_to_one",
        completed_on=today,
        notes="Met the buddy.",
    )
    ClaimEvent.objects.create(
        claim=claim(world), to_status="draft", by=coordinator, note="Started."
    )

    cancelled = make_meeting(group, days_ago=-30, title="Cancelled meeting")
    Meeting.objects.filter(pk=cancelled.pk).update(
        status=Meeting.Status.CANCELLED, cancelled_reason="The room flooded."
    )
    approved_meeting = make_meeting(group, days_ago=40, title="Approved meeting")
    attend(approved_meeting, person)
    approved = circulated_minutes(approved_meeting)
    Minutes.objects.filter(pk=approved.pk).update(
        status=Minutes.Status.APPROVED, approved_at=timezone.now(), approval_note="By the chair."
    )
    ReviewResponse.objects.create(
        review=world.objects["review"],
        person=person,
        working_well=4,
        heard=4,
        making_difference=3,
        change="More evening meetings.",
        may_name=True,
    )

    scoring = scoring_objects(world)
    application, vacancy = scoring["application"], scoring["vacancy"]
    Conversation.objects.create(
        application=application,
        held_on=today,
        mode="phone",
        notes="A good talk.",
        support_agreed="A taxi.",
        held_by=coordinator,
    )
    AuditEvent.objects.create(
        vacancy=vacancy, application=application, actor=coordinator, action="note", summary="x"
    )
    ConflictOfInterest.objects.create(
        panel_member=recruitment_objects(world)["panel_member"],
        application=recruitment_objects(world)["other_application"],
        reason="A neighbour.",
    )
    ModeratedScore.objects.create(
        application=application,
        criterion=scoring["criterion"],
        score=2,
        previous_mean=Decimal("2.50"),
        reason="Agreed at the panel.",
        moderated_by=coordinator,
    )
    Enquiry.objects.create(
        organisation=organisation,
        name="Ann",
        contact="By phone",
        summary="Help with insulin.",
        notes="Signposted.",
        recorded_by=coordinator,
        received_on=today,
    )

    plans = workplan_objects(world)
    exercise, plan = plans["exercise"], plans["plan"]
    theme = Theme.objects.create(exercise=exercise, name="Letters", description="Clearer.")
    OrganisationPriority.objects.create(
        exercise=exercise, title="Screening", description="Uptake.", source="NHS", theme=theme
    )
    PlanReview.objects.create(
        plan=plan, held_on=today, what_changed="Added an item.", why="Members asked."
    )
    StandardAssessment.objects.create(
        group=group,
        year=today.year,
        standard="inclusive",
        rating=3,
        evidence="Open recruitment in three localities.",
        evidence_link="https://example.org/recruitment",
    )
    FeedbackItem.objects.create(
        group=group,
        text="Letters are hard to read.",
        said_on=today,
        due_on=today,
        raised_by=person,
        moderation=FeedbackItem.Moderation.DECLINED,
        declined_reason="It is about one clinic only.",
    )

    return [
        ("meeting-detail", reverse("meeting-detail", args=[cancelled.pk])),
        ("meeting-minutes", reverse("meeting-minutes", args=[approved_meeting.pk])),
        ("meeting-agenda-pdf", reverse("meeting-agenda-pdf", args=[cancelled.pk])),
        # The access walk asks for other rows of these pages than the ones above.
        ("membership-induction", reverse("membership-induction", args=[membership.pk])),
        ("conversation-record", reverse("conversation-record", args=[application.pk])),
    ]


@pytest.fixture
def pdf_texts(monkeypatch):
    """The text of every PDF written, read from WeasyPrint's laid-out pages."""
    from weasyprint.document import Document
    from weasyprint.formatting_structure import boxes

    texts: list[str] = []
    write_pdf = Document.write_pdf

    def box_text(box) -> str:
        if isinstance(box, boxes.TextBox):
            return box.text
        return "".join(box_text(child) for child in getattr(box, "children", None) or ())

    def recording_write_pdf(self, *args, **kwargs):
        texts.append("".join(box_text(page._page_box) for page in self.pages))
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(Document, "write_pdf", recording_write_pdf)
    return texts


def _numbers(matches) -> set[int]:
    return {int(next(group for group in match if group)) for match in matches}


def test_typed_text_is_text_on_every_page_pdf_and_file(world, client, pdf_texts):
    # A declaration of a package's unnamed pattern (the admin's) gives its
    # own address; the rest are reversed by name.
    pages = [
        (
            name,
            page.url(world)
            if page.url is not None
            else reverse(name, kwargs=page.kwargs(world)) + page.query,
        )
        for name, page in sorted(EXPECTATIONS.items())
    ]
    pages += more_rows(world)
    fields = inject_payloads()

    problems: list[str] = []
    seen: set[int] = set()
    seen_in_files: dict[str, set[int]] = {}
    for role in ROLES:
        client.logout()
        if world.user(role) is not None:
            client.force_login(world.user(role))
        for name, url in pages:
            if EXPECTATIONS[name].status[role] != 200:
                continue
            pdfs_written = len(pdf_texts)
            response = client.get(url)
            where = f"{url} as {role}"
            if response.status_code != 200:
                problems.append(f"{where}: status {response.status_code}")
                continue
            kind = response.get("Content-Type", "")
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if kind.startswith("text/html"):
                html = body.decode()
                for number in _numbers(RAW.findall(html)):
                    problems.append(f"{where}: {fields[number]} printed raw")
                if ESCAPED_TWICE.search(html):
                    problems.append(f"{where}: text escaped twice (readers see &lt;)")
                seen |= {int(n) for n in ESCAPED.findall(html)}
                continue
            if len(pdf_texts) > pdfs_written:  # a PDF we wrote
                text = pdf_texts[-1]
            elif kind.startswith(("text/", "application/json")):
                text = body.decode()
            else:  # receipts and papers: files people uploaded, served as they are
                continue
            numbers = _numbers(RAW.findall(text))
            seen |= numbers
            seen_in_files.setdefault(kind.split(";")[0], set()).update(numbers)
            if ENTITY.search(text):
                problems.append(f"{where} ({kind}): HTML entities in text")
            if match := OUR_MARKUP_AS_TEXT.search(text):
                problems.append(f"{where} ({kind}): markup printed as text: {match.group()}")

    assert not problems, "\n".join(sorted(set(problems)))
    # The walk read typed text out of each kind of file, so it checked them.
    for kind in ("application/pdf", "text/csv", "text/calendar", "application/json"):
        assert seen_in_files.get(kind), f"no typed text found in any {kind}"
    unseen = sorted(label for number, label in fields.items() if number not in seen)
    assert not unseen, (
        f"Shown nowhere on the walk: {unseen}. Walk the page that shows them, "
        "or move them to NOT_TYPED with the reason."
    )


def send_everything(world) -> None:
    """Run the services that write to people about typed text, then the outbox."""
    from django.core.files.base import ContentFile
    from django.db.models import F, Value
    from django.db.models.functions import Concat

    from expenses.services.approval import claim_query
    from expenses.services.claims import claim_submit
    from involvement.services.organisations import staff_role_grant
    from involvement.services.outbox import notification_send_due
    from meetings.models import Meeting, Paper
    from meetings.services.invitations import invitation_invite_all
    from meetings.services.meetings import meeting_cancel
    from meetings.services.papers import papers_send
    from meetings.services.review import review_close, review_open
    from meetings.services.summary import summary_send
    from recruitment.services.applications import application_acknowledge
    from recruitment.services.decisions import application_decide
    from tests.access.expenses_claims import claim
    from tests.access.meetings_minutes import make_meeting, minutes_world
    from tests.access.recruitment_scoring import scoring_objects
    from workplans.services.exercises import exercise_create

    coordinator = world.user("coordinator")
    group = world.objects["group"]
    meeting = make_meeting(group, days_ago=-20, title="Next meeting")
    paper = Paper(meeting=meeting, title="Briefing", content_type="application/pdf")
    paper.file.save("briefing.pdf", ContentFile(b"%PDF-1.4 briefing"), save=True)
    to_cancel = make_meeting(group, days_ago=-40, title="Later meeting")
    minutes_meeting = minutes_world(world).objects["minutes_meeting"]
    the_claim = claim(world)
    application = scoring_objects(world)["application"]
    inject_payloads()
    # A line break typed into a title (before titles refused them, say).
    Meeting.objects.filter(pk__in=[meeting.pk, minutes_meeting.pk]).update(
        title=Concat(F("title"), Value("\r\nBcc: x@example.org"))
    )
    for model in (meeting, to_cancel, minutes_meeting, the_claim, application, group):
        model.refresh_from_db()
    typed = payload(999, models.TextField())

    invitation_invite_all(meeting=meeting, invited_by=coordinator)
    invitation_invite_all(meeting=to_cancel, invited_by=coordinator)
    papers_send(meeting=meeting, sent_by=coordinator)
    meeting_cancel(meeting=to_cancel, reason=typed, cancelled_by=coordinator)
    summary_send(meeting=minutes_meeting, sent_by=coordinator)
    claim_submit(claim=the_claim, by=world.user("member"))
    claim_query(claim=the_claim, by=coordinator, question=typed)
    review_close(review=minutes_world(world).objects["review"])  # one open review at a time
    review_open(
        group=group,
        title=typed[:150],
        closes_on=timezone.localdate() + datetime.timedelta(days=7),
        opened_by=coordinator,
    )
    application_acknowledge(application=application)
    application_decide(
        application=application, outcome="not_selected", reason=typed, decided_by=coordinator
    )
    exercise_create(group=group, title=typed[:150], briefing=typed, created_by=coordinator)
    staff_role_grant(
        organisation=world.organisation,
        email="new.coordinator@example.org",
        role="coordinator",
        granted_by=coordinator,
        full_name=typed[:150],
    )
    notification_send_due()


def test_messages_say_typed_text_as_typed(world, django_capture_on_commit_callbacks):
    from involvement.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        send_everything(world)

    assert len(mail.outbox) >= 10, [message.subject for message in mail.outbox]
    problems = []
    seen = set()
    for message in mail.outbox:
        where = f"email {message.subject!r}"
        if re.search(r"[\x00-\x1f\x7f]", message.subject):
            problems.append(f"{where}: control characters in the subject")
        for text in (message.subject, message.body):
            seen |= _numbers(RAW.findall(text))
            if ENTITY.search(text):
                problems.append(f"{where}: HTML entities in the text")
            if match := OUR_MARKUP_AS_TEXT.search(text):
                problems.append(f"{where}: markup printed as text: {match.group()}")
        for content, kind in getattr(message, "alternatives", []):
            if kind == "text/html" and RAW.search(content):
                problems.append(f"{where}: typed text raw in the HTML alternative")
    for notification in Notification.objects.exclude(channel=Notification.Channel.EMAIL):
        if ENTITY.search(notification.body_text) or ENTITY.search(notification.subject):
            problems.append(f"{notification}: HTML entities in the text")
    failed = Notification.objects.filter(status=Notification.Status.FAILED)
    problems += [f"{n.subject!r} failed: {n.last_error}" for n in failed]
    assert not problems, "\n".join(problems)
    assert len(seen) >= 10, f"typed text reached too few messages: {sorted(seen)}"
