"""Writes of the evaluation app: objectives, success measures and readings.
Permission-agnostic: the views check who may first."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from involvement.errors import ApplicationError
from involvement.models import Group, Organisation

from . import kept
from .models import (
    ImpactRecord,
    Objective,
    Reading,
    SuccessMeasure,
    SurveyAnswer,
    SurveyRound,
)


@transaction.atomic
def objective_create(
    *,
    organisation: Organisation,
    title: str,
    term: str,
    owner: str,
    group: Group | None = None,
    work_items=(),
    created_by=None,
) -> Objective:
    if group is not None and group.organisation_id != organisation.pk:
        raise ValidationError({"group": "Select a group of this organisation"})
    items = list(work_items)
    if any(item.plan.group.organisation_id != organisation.pk for item in items):
        raise ValidationError({"work_items": "Select work items of this organisation's groups"})
    if group is not None and any(item.plan.group_id != group.pk for item in items):
        raise ValidationError({"work_items": "Select work items of the objective's group"})
    objective = Objective(
        organisation=organisation,
        group=group,
        title=title,
        term=term,
        owner=owner,
        created_by=created_by,
    )
    objective.full_clean()
    objective.save()
    objective.work_items.set(items)
    kept.forget(organisation.pk)
    return objective


@transaction.atomic
def measure_create(
    *,
    objective: Objective,
    name: str,
    method: str,
    source: str,
    direction: str,
    target: Decimal | None = None,
) -> SuccessMeasure:
    measure = SuccessMeasure(
        objective=objective,
        name=name,
        method=method,
        source=source,
        direction=direction,
        target=target,
    )
    measure.full_clean()
    measure.save()
    kept.forget(objective.organisation_id)
    return measure


@transaction.atomic
def reading_record(
    *,
    measure: SuccessMeasure,
    month: datetime.date,
    value: Decimal,
    note: str = "",
    recorded_by=None,
) -> Reading:
    """Enter (or correct) the measure's reading for a month."""
    if not measure.is_entered:
        raise ValidationError(
            {"value": "This measure is worked out from the platform's records, not entered"}
        )
    month = month.replace(day=1)
    reading = Reading.objects.filter(measure=measure, month=month).first() or Reading(
        measure=measure, month=month
    )
    reading.value = value
    reading.note = note
    reading.recorded_by = recorded_by
    reading.full_clean()
    reading.save()
    kept.forget(measure.objective.organisation_id)
    return reading


def _check_links(organisation, group, feedback_items, work_items) -> None:
    if group is not None and group.organisation_id != organisation.pk:
        raise ValidationError({"group": "Select a group of this organisation"})
    if any(item.group.organisation_id != organisation.pk for item in feedback_items):
        raise ValidationError({"feedback_items": "Select points from this organisation's groups"})
    if any(item.plan.group.organisation_id != organisation.pk for item in work_items):
        raise ValidationError({"work_items": "Select work items of this organisation's groups"})


@transaction.atomic
def impact_record_create(
    *,
    organisation: Organisation,
    title: str,
    what_changed: str,
    area: str,
    perspective: str,
    changed_on: datetime.date,
    group: Group | None = None,
    evidence_link: str = "",
    evidence: str = "",
    feedback_items=(),
    work_items=(),
    recorded_by=None,
) -> ImpactRecord:
    feedback_items, work_items = list(feedback_items), list(work_items)
    _check_links(organisation, group, feedback_items, work_items)
    record = ImpactRecord(
        organisation=organisation,
        group=group,
        title=title,
        what_changed=what_changed,
        area=area,
        perspective=perspective,
        changed_on=changed_on,
        evidence_link=evidence_link,
        evidence=evidence,
        recorded_by=recorded_by,
    )
    record.full_clean()
    record.save()
    record.feedback_items.set(feedback_items)
    record.work_items.set(work_items)
    kept.forget(organisation.pk)
    return record


@transaction.atomic
def impact_record_publish(*, record: ImpactRecord, published: bool, public_text: str = ""):
    """Show the record on its group's public "what changed" page, in the
    wording given (which must name nobody), or take it off."""
    if published and record.group_id is None:
        raise ValidationError(
            {"published": "Only a group's records can go on a public page: choose its group first"}
        )
    if published and not public_text.strip():
        raise ValidationError({"public_text": "Enter the wording the public will see"})
    record.published = published
    record.public_text = public_text.strip() if published else record.public_text
    record.full_clean()
    record.save(update_fields=["published", "public_text"])
    kept.forget(record.organisation_id)
    return record


@transaction.atomic
def survey_round_create(
    *, organisation: Organisation, title: str, opens_on: datetime.date, closes_on: datetime.date
) -> SurveyRound:
    if closes_on < opens_on:
        raise ValidationError(
            {"closes_on": "The closing date must be on or after the opening date"}
        )
    survey_round = SurveyRound(
        organisation=organisation, title=title, opens_on=opens_on, closes_on=closes_on
    )
    survey_round.full_clean()
    survey_round.save()
    kept.forget(organisation.pk)
    return survey_round


@transaction.atomic
def survey_answer_online(
    *, survey_round: SurveyRound, user, stakeholder: str, score: int, today=None
) -> SurveyAnswer:
    """A person's own answer: once per round, while the round is open."""
    from django.utils import timezone

    today = today or timezone.localdate()
    if not survey_round.opens_on <= today <= survey_round.closes_on:
        raise ApplicationError("This survey is not open.")
    if SurveyAnswer.objects.filter(round=survey_round, respondent=user).exists():
        raise ApplicationError("You have already answered this survey. Thank you.")
    answer = SurveyAnswer(round=survey_round, stakeholder=stakeholder, score=score, respondent=user)
    answer.full_clean()
    answer.save()
    return answer


@transaction.atomic
def survey_answer_paper(
    *, survey_round: SurveyRound, stakeholder: str, score: int, entered_by
) -> SurveyAnswer:
    """An answer from a paper form, entered by the coordinator (anonymous)."""
    answer = SurveyAnswer(
        round=survey_round, stakeholder=stakeholder, score=score, entered_by=entered_by
    )
    answer.full_clean()
    answer.save()
    kept.forget(survey_round.organisation_id)
    return answer


# --- UK Standards for Public Involvement: self-assessment -----------------------


@transaction.atomic
def standards_save(*, group: Group, year: int, answers: dict, updated_by=None) -> int:
    """Save a group's self-assessment for a year: `answers` maps each
    standard to {"rating", "evidence", "evidence_link"}; a standard with no
    rating is not assessed (any earlier answer for the year is removed).
    Returns how many standards are rated."""
    from .models import Standard, StandardAssessment

    existing = {
        a.standard: a
        for a in StandardAssessment.objects.select_for_update().filter(group=group, year=year)
    }
    rated = 0
    for standard in Standard.values:
        answer = answers.get(standard) or {}
        rating = answer.get("rating")
        assessment = existing.get(standard)
        if not rating:
            if assessment is not None:
                assessment.delete()
            continue
        if not (answer.get("evidence") or "").strip():
            raise ValidationError({f"{standard}_evidence": "Say what shows this rating"})
        assessment = assessment or StandardAssessment(group=group, year=year, standard=standard)
        assessment.rating = int(rating)
        assessment.evidence = answer["evidence"].strip()
        assessment.evidence_link = answer.get("evidence_link") or ""
        assessment.updated_by = updated_by
        assessment.full_clean()
        assessment.save()
        rated += 1
    kept.forget(group.organisation_id)
    return rated


# --- The member experience survey ------------------------------------------------


def _dates_in_order(opens_on, closes_on) -> None:
    if closes_on < opens_on:
        raise ValidationError(
            {"closes_on": "The closing date must be on or after the opening date"}
        )


@transaction.atomic
def experience_survey_create(
    *, group: Group, title: str, opens_on: datetime.date, closes_on: datetime.date
):
    from .models import ExperienceSurvey

    _dates_in_order(opens_on, closes_on)
    survey = ExperienceSurvey(
        group=group, title=title.strip(), opens_on=opens_on, closes_on=closes_on
    )
    survey.full_clean()
    survey.save()
    kept.forget(group.organisation_id)
    return survey


def _answers(answers: dict) -> dict:
    from .models import EXPERIENCE_QUESTIONS

    fields = {name: answers.get(name) or None for name, _s, _short in EXPERIENCE_QUESTIONS}
    fields["comment"] = (answers.get("comment") or "").strip()
    if not any(fields.values()):
        raise ValidationError(
            {"confidence": "Answer at least one question, or leave the survey for now"}
        )
    return fields


@transaction.atomic
def experience_answer_online(*, survey, user, today=None, **answers):
    """A member's own answers: once per survey, while it is open."""
    from django.db import IntegrityError
    from django.utils import timezone

    from .models import ExperienceAnswer

    today = today or timezone.localdate()
    if not survey.is_open(today):
        raise ApplicationError("This survey is not open.")
    refused = "You have already answered this survey. Thank you."
    if ExperienceAnswer.objects.filter(survey=survey, respondent=user).exists():
        raise ApplicationError(refused)
    answer = ExperienceAnswer(survey=survey, respondent=user, **_answers(answers))
    answer.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError as exc:
        raise ApplicationError(refused) from exc
    return answer


@transaction.atomic
def experience_answer_paper(*, survey, entered_by, **answers):
    """Answers from a paper form or a phone call, entered by the coordinator
    (nobody's name is kept with them)."""
    from .models import ExperienceAnswer

    answer = ExperienceAnswer(survey=survey, entered_by=entered_by, **_answers(answers))
    answer.full_clean()
    answer.save()
    kept.forget(survey.group.organisation_id)
    return answer


# --- evidence files on impact records ------------------------------------------------

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_REFUSED = (
    "The file must be a PDF, or a picture (PNG or JPEG): this one is neither, "
    "whatever its name says"
)


@transaction.atomic
def evidence_add(
    *, record: ImpactRecord, title: str, upload, public: bool = False, uploaded_by=None
):
    """Keep a file of evidence for the record, through the same checks as
    every upload: what it really is from its first bytes (a PDF, PNG or
    JPEG), at most 10 MB, and the virus scan; stored under a name of our own."""
    import uuid

    from involvement.scanning import check_clean
    from meetings.services.papers import sniff

    from .models import ImpactEvidence

    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Say what the file shows"
    if upload is None:
        errors["file"] = "Choose the file to upload"
    if errors:
        raise ValidationError(errors)
    if upload.size == 0:
        raise ValidationError({"file": "The file is empty: choose it again"})
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError({"file": "The file must be smaller than 10 MB"})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff(head)
    if kind is None:
        raise ValidationError({"file": EVIDENCE_REFUSED})
    check_clean(upload, field="file")
    content_type, extension = kind
    evidence = ImpactEvidence(
        record=record,
        title=title,
        original_name=(upload.name or "")[:255],
        content_type=content_type,
        size=upload.size,
        public=public,
        uploaded_by=uploaded_by,
    )
    evidence.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, evidence) -> None:
    evidence.file.delete(save=False)
    evidence.delete()


# --- regions: sharing aggregate figures -----------------------------------------


@transaction.atomic
def region_grant(*, organisation: Organisation, region, granted_by=None):
    """Share the organisation's aggregate figures with a region (once: a
    live grant already there is refused)."""
    from .models import RegionGrant

    if RegionGrant.objects.filter(
        organisation=organisation, region=region, revoked_at__isnull=True
    ).exists():
        raise ValidationError(
            {"region": f"{organisation} already shares its figures with {region}"}
        )
    grant = RegionGrant.objects.create(
        organisation=organisation, region=region, granted_by=granted_by
    )
    _forget_region_figures(grant.region_id)
    return grant


@transaction.atomic
def region_grant_revoke(*, grant, revoked_by=None):
    """Stop sharing: the region no longer sees the organisation's figures
    (the grant is kept, marked revoked)."""
    from django.utils import timezone

    from .models import RegionGrant

    grant = RegionGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None:
        raise ApplicationError("Sharing with this region has already stopped.")
    grant.revoked_at = timezone.now()
    grant.revoked_by = revoked_by
    grant.save(update_fields=["revoked_at", "revoked_by"])
    _forget_region_figures(grant.region_id)
    return grant


def _forget_region_figures(region_id: int) -> None:
    """The region's kept figures go once the grant's change is committed (the
    page never shows an organisation without a live grant in any case: it
    checks the grants on every request)."""
    from .region_figures import forget

    transaction.on_commit(lambda: forget(region_ids=[region_id]), robust=True)
