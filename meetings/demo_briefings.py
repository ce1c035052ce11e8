"""Demo briefings before board meetings (all fictional).

For each demo body with representatives: the upcoming board meeting has a
prepared briefing (plain-English summaries of two board papers, glossary
terms, what to expect, a pre-meeting if the group meets in time) with the
group's points being gathered; the past board meeting has its briefing, the
points the group sent and the briefing pack made.

Idempotent: a board meeting that has a briefing is left alone."""

from __future__ import annotations

import datetime
import uuid

from django.core.files.base import ContentFile
from django.db import transaction

from involvement.demo.accounts import ORGANISATIONS
from involvement.models import DecisionMakingBody, Membership

from .models import Briefing, BriefingPoint, Meeting, Paper
from .seats import meeting_day, seats_for_debrief
from .services.briefing_packs import briefing_pack_build
from .services.briefings import briefing_save, pre_meeting_choices

# A one-page blank PDF standing in for a board paper.
BLANK_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

PAPERS = [
    (
        "Foot care pathway: business case",
        "The ICB wants to change how foot checks work. People with diabetes would have a "
        "foot check at their GP every year. Anyone at risk would see a foot specialist "
        "within two weeks. The board will decide if it pays for this.",
    ),
    (
        "Diabetes budget for next year",
        "The board has less money next year. It plans to save money by sending fewer "
        "letters and using more text messages. It wants to keep the DSN clinics as they are.",
    ),
]

WHAT_TO_EXPECT = (
    "The meeting lasts two hours. About twelve people sit on the board: doctors, nurses, "
    "managers and two of us.\n\n"
    "The chair goes through the papers in order. After each one, the chair asks if "
    "anyone has a question. That is your time to speak. You can read out the group's "
    "points. It is fine to say you do not understand something."
)

MEMBER_POINTS = [
    "Can the foot checks be in the evening as well? Many of us work in the day.",
    "Please keep paper letters for people who do not use a mobile phone.",
]
PRE_MEETING_POINT = "The group asks the board to explain how it will check the new pathway works."


def _papers(meeting: Meeting) -> list[Paper]:
    papers = []
    for title, _ in PAPERS:
        paper = Paper.objects.filter(meeting=meeting, title=title).first()
        if paper is None:
            paper = Paper(
                meeting=meeting,
                kind=Paper.Kind.UPLOADED,
                title=title,
                original_name="board-paper.pdf",
                content_type="application/pdf",
                size=len(BLANK_PDF),
            )
            paper.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(BLANK_PDF), save=False)
            paper.save()
        papers.append(paper)
    return papers


def _prepare(meeting: Meeting, *, pre_meeting: Meeting | None) -> Briefing:
    papers = _papers(meeting)
    return briefing_save(
        meeting=meeting,
        what_to_expect=WHAT_TO_EXPECT,
        points_close_on=meeting_day(meeting) - datetime.timedelta(days=3),
        pre_meeting=pre_meeting,
        glossary_terms=["ICB", "GP", "DSN", "Pathway", "Business case"],
        summaries={paper.pk: text for paper, (_, text) in zip(papers, PAPERS, strict=True)},
    )


def _points(briefing: Briefing, seats) -> None:
    members = [seat.membership.person for seat in seats]
    group_ids = {seat.membership.group_id for seat in seats}

    others = [
        m.person
        for m in Membership.objects.filter(
            group_id__in=group_ids, status=Membership.Status.ACTIVE
        ).select_related("person")[:4]
        if m.person not in members
    ]
    people = others or members
    for text, person in zip(MEMBER_POINTS, people * 2, strict=False):
        BriefingPoint.objects.create(briefing=briefing, person=person, point=text)
    BriefingPoint.objects.create(briefing=briefing, point=PRE_MEETING_POINT, from_pre_meeting=True)


@transaction.atomic
def seed(stdout=None) -> int:
    slugs = [slug for slug, *_ in ORGANISATIONS]
    count = 0
    bodies = DecisionMakingBody.objects.filter(organisation__slug__in=slugs, seats__isnull=False)
    for body in bodies.distinct():
        for meeting in Meeting.objects.filter(
            body=body, kind=Meeting.Kind.BOARD, status=Meeting.Status.SCHEDULED
        ).order_by("starts_at"):
            if Briefing.objects.filter(meeting=meeting).exists():
                continue
            seats = list(seats_for_debrief(meeting))
            if not seats:
                continue
            choices = pre_meeting_choices(meeting).filter(
                group_id__in={seat.membership.group_id for seat in seats}
            )
            briefing = _prepare(meeting, pre_meeting=choices.last())
            _points(briefing, seats)
            if meeting.starts_at < briefing.created_at:  # a past meeting: its pack was made
                briefing_pack_build(briefing_id=briefing.pk)
            count += 1
    if stdout:
        stdout.write(f"meetings: {count} briefings before board meetings")
    return count
