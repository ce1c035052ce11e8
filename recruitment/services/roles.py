"""Writes for role descriptions, their person specification (criteria with
scoring guides), and the organisation's outreach and signposting lists."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from involvement.errors import ApplicationError
from involvement.models import DecisionMakingBody, Group, Organisation

from ..models import (
    Criterion,
    OutreachChannel,
    RoleDescription,
    SignpostEntry,
    Vacancy,
)
from ..models.roles import DEFAULT_OUTREACH_CHANNELS

ROLE_FIELDS = (
    "kind",
    "title",
    "purpose",
    "activities",
    "time_commitment",
    "meeting_pattern",
    "payment",
    "payment_details",
    "what_it_is_not",
    "group",
    "body",
)
CRITERION_FIELDS = (
    "title",
    "question",
    "essential",
    "weight",
    "max_score",
    "pass_mark",
    "scoring_guide",
)
MAX_WEIGHT = 5


def _strip(obj, names):
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, str):
            setattr(obj, name, value.strip())


def _check_role(role: RoleDescription) -> None:
    _strip(
        role,
        (
            "title",
            "purpose",
            "activities",
            "time_commitment",
            "meeting_pattern",
            "payment_details",
            "what_it_is_not",
        ),
    )
    errors: dict[str, str] = {}
    if not role.title:
        errors["title"] = "Enter the role's title"
    if not role.purpose:
        errors["purpose"] = "Say why the role exists, in a sentence or two"
    if not role.activities:
        errors["activities"] = "Say what members do"
    if not role.time_commitment:
        errors["time_commitment"] = "Say how much time the role takes"
    if not role.what_it_is_not:
        errors["what_it_is_not"] = (
            "Say what the group is not (for example, not a support group), "
            "so that people know what they are applying for"
        )
    if role.payment == RoleDescription.Payment.EXPENSES_AND_PAYMENT and not role.payment_details:
        errors["payment_details"] = "Say how much the involvement payment is, and when it is paid"
    if role.kind == RoleDescription.Kind.REPRESENTATIVE:
        if role.body_id is None:
            errors["body"] = "Choose the decision-making body the representative sits on"
        elif role.body.organisation_id != role.organisation_id:
            errors["body"] = "Choose a body of this organisation"
    elif role.body_id is not None:
        role.body = None
    if role.group_id is not None and role.group.organisation_id != role.organisation_id:
        errors["group"] = "Choose a group of this organisation"
    if errors:
        raise ValidationError(errors)
    role.full_clean()


@transaction.atomic
def role_description_create(
    *,
    organisation: Organisation,
    title: str,
    purpose: str,
    activities: str,
    time_commitment: str,
    kind: str = RoleDescription.Kind.GROUP_MEMBER,
    meeting_pattern: str = "",
    payment: str = RoleDescription.Payment.EXPENSES,
    payment_details: str = "",
    what_it_is_not: str = "",
    group: Group | None = None,
    body: DecisionMakingBody | None = None,
) -> RoleDescription:
    role = RoleDescription(
        organisation=organisation,
        kind=kind,
        title=title,
        purpose=purpose,
        activities=activities,
        time_commitment=time_commitment,
        meeting_pattern=meeting_pattern,
        payment=payment,
        payment_details=payment_details,
        what_it_is_not=what_it_is_not or RoleDescription._meta.get_field("what_it_is_not").default,
        group=group,
        body=body,
    )
    _check_role(role)
    role.save()
    return role


@transaction.atomic
def role_description_update(*, role_description: RoleDescription, **fields) -> RoleDescription:
    unknown = set(fields) - set(ROLE_FIELDS)
    if unknown:
        raise TypeError(f"role_description_update() got unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(role_description, name, value)
    _check_role(role_description)
    update = [f"{name}_id" if name in ("group", "body") else name for name in fields]
    if "body" not in fields and role_description.body_id is None:
        update.append("body_id")
    role_description.save(update_fields=sorted({*update, "updated_at"}))
    return role_description


def criteria_locked(role_description: RoleDescription) -> bool:
    """Criteria are fixed once a vacancy for the role has been opened: everyone
    must be scored against the criteria they answered."""
    return role_description.vacancies.exclude(status=Vacancy.Status.DRAFT).exists()


def _refuse_if_locked(role_description: RoleDescription) -> None:
    if criteria_locked(role_description):
        raise ApplicationError(
            "The person specification cannot be changed once a vacancy for this role "
            "has opened: every applicant must be scored against the same criteria. "
            "Write a new role description for the next round.",
            code="criteria_locked",
        )


def _check_criterion(criterion: Criterion) -> None:
    _strip(criterion, ("title", "question"))
    errors: dict[str, str] = {}
    if not criterion.title:
        errors["title"] = 'Enter the criterion, for example "Lived experience of diabetes"'
    if not criterion.question:
        errors["question"] = "Enter the question applicants answer for this criterion"
    if criterion.weight is None or not 1 <= criterion.weight <= MAX_WEIGHT:
        errors["weight"] = f"Weight must be a whole number from 1 to {MAX_WEIGHT}"
    if criterion.max_score is None or not 1 <= criterion.max_score <= 10:
        errors["max_score"] = "The highest score must be a whole number from 1 to 10"
    elif criterion.pass_mark is None or criterion.pass_mark > criterion.max_score:
        errors["pass_mark"] = (
            f"The pass mark must be between 0 and the highest score ({criterion.max_score})"
        )
    guide = {str(k): (v or "").strip() for k, v in (criterion.scoring_guide or {}).items()}
    if "max_score" not in errors:
        missing = [
            str(point) for point in range(criterion.max_score + 1) if not guide.get(str(point))
        ]
        if missing:
            errors["scoring_guide"] = (
                "Write a sentence saying what a score of "
                + ", ".join(missing[:-1])
                + (" and " if len(missing) > 1 else "")
                + missing[-1]
                + " means"
            )
        guide = {str(p): guide.get(str(p), "") for p in range(criterion.max_score + 1)}
    criterion.scoring_guide = guide
    if errors:
        raise ValidationError(errors)
    criterion.full_clean()


@transaction.atomic
def criterion_create(
    *,
    role_description: RoleDescription,
    title: str,
    question: str,
    scoring_guide: dict[str, str],
    essential: bool = True,
    weight: int = 1,
    max_score: int = 4,
    pass_mark: int = 2,
) -> Criterion:
    _refuse_if_locked(role_description)
    last = role_description.criteria.aggregate(last=Max("position"))["last"] or 0
    criterion = Criterion(
        role_description=role_description,
        position=last + 1,
        title=title,
        question=question,
        essential=essential,
        weight=weight,
        max_score=max_score,
        pass_mark=pass_mark,
        scoring_guide=scoring_guide,
    )
    _check_criterion(criterion)
    criterion.save()
    return criterion


@transaction.atomic
def criterion_update(*, criterion: Criterion, **fields) -> Criterion:
    unknown = set(fields) - set(CRITERION_FIELDS)
    if unknown:
        raise TypeError(f"criterion_update() got unexpected fields: {sorted(unknown)}")
    _refuse_if_locked(criterion.role_description)
    for name, value in fields.items():
        setattr(criterion, name, value)
    _check_criterion(criterion)
    criterion.save(update_fields=sorted({*fields, "scoring_guide"}))
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion) -> None:
    _refuse_if_locked(criterion.role_description)
    if criterion.answers.exists():
        raise ApplicationError(
            "Applicants have answered this criterion's question, so it cannot be removed.",
            code="criterion_answered",
        )
    criterion.delete()


# --- Outreach channels ----------------------------------------------------


@transaction.atomic
def outreach_channels_ensure_defaults(*, organisation: Organisation) -> int:
    """Give an organisation the usual channels (once; edited lists are kept)."""
    if organisation.outreach_channels.exists():
        return 0
    OutreachChannel.objects.bulk_create(
        [
            OutreachChannel(organisation=organisation, name=name)
            for name in DEFAULT_OUTREACH_CHANNELS
        ]
    )
    return len(DEFAULT_OUTREACH_CHANNELS)


@transaction.atomic
def outreach_channel_create(*, organisation: Organisation, name: str) -> OutreachChannel:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": 'Enter the channel, for example "Mosque newsletter"'})
    if organisation.outreach_channels.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"{name} is already on the list"})
    channel = OutreachChannel(organisation=organisation, name=name)
    channel.full_clean()
    channel.save()
    return channel


@transaction.atomic
def outreach_channel_set_active(*, channel: OutreachChannel, active: bool) -> OutreachChannel:
    """Stop offering a channel (answers already given keep it) or bring it back."""
    channel.active = active
    channel.save(update_fields=["active"])
    return channel


# --- Signposting directory ------------------------------------------------

SIGNPOST_FIELDS = ("name", "kind", "description", "phone", "website")


def _check_signpost(entry: SignpostEntry) -> None:
    _strip(entry, ("name", "description", "phone", "website"))
    errors = {}
    if not entry.name:
        errors["name"] = "Enter the name of the service"
    if not entry.phone and not entry.website and not entry.description:
        errors["description"] = "Say how people get in touch: a phone number, website or details"
    if errors:
        raise ValidationError(errors)
    entry.full_clean()


@transaction.atomic
def signpost_create(
    *,
    organisation: Organisation,
    name: str,
    kind: str,
    description: str = "",
    phone: str = "",
    website: str = "",
) -> SignpostEntry:
    entry = SignpostEntry(
        organisation=organisation,
        name=name,
        kind=kind,
        description=description,
        phone=phone,
        website=website,
    )
    _check_signpost(entry)
    entry.save()
    return entry


@transaction.atomic
def signpost_update(*, entry: SignpostEntry, **fields) -> SignpostEntry:
    unknown = set(fields) - set(SIGNPOST_FIELDS)
    if unknown:
        raise TypeError(f"signpost_update() got unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(entry, name, value)
    _check_signpost(entry)
    entry.save(update_fields=list(fields))
    return entry
