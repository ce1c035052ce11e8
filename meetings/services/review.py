"""Writes for the reflective review: the coordinator opens a short check-in
survey for a group; members answer it online (or the coordinator enters a
member's answers from a paper form or a call); the coordinator closes it."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from involvement.errors import ApplicationError
from involvement.models import Group, Membership, Person, User
from involvement.services.outbox import notification_queue

from ..models import ReflectiveReview, ReviewResponse
from .minutes import site_address


@transaction.atomic
def review_open(
    *,
    group: Group,
    title: str,
    closes_on: datetime.date | None,
    opened_by: User | None = None,
    site_url: str = "",
) -> ReflectiveReview:
    """Open a check-in survey and invite every current member to answer."""
    if not title.strip():
        raise ValidationError({"title": "Enter a name for the review, like Spring check-in"})
    if closes_on is None:
        raise ValidationError({"closes_on": "Enter the last day for answers"})
    if closes_on <= timezone.localdate():
        raise ValidationError({"closes_on": "Enter a date after today"})
    if ReflectiveReview.objects.filter(group=group, status=ReflectiveReview.Status.OPEN).exists():
        raise ApplicationError("This group already has an open review. Close it first.")
    review = ReflectiveReview(
        group=group, title=title.strip(), closes_on=closes_on, opened_by=opened_by
    )
    review.full_clean()
    review.save()
    link = site_address(site_url) + reverse("review-respond", kwargs={"pk": review.pk})
    memberships = (
        Membership.objects.filter(group=group)
        .exclude(status=Membership.Status.LEFT)
        .select_related("person")
    )
    for membership in memberships:
        person = membership.person
        notification_queue(
            recipient=person,
            organisation=group.organisation,
            subject=f"How is {group.name} working? Tell us by {date_format(closes_on, 'j F')}",
            body_text=(
                f"Dear {person.display_name},\n\n"
                f"We would like to know how {group.name} is working for you, and whether we "
                f"should change anything. It takes 2 minutes. Answer by "
                f"{date_format(closes_on, 'l j F Y')}: {link}\n\n"
                "If you prefer, phone your coordinator and they will write down your answers."
            ),
            idempotency_key=f"meetings:review-open:{review.pk}:{person.pk}",
            kind="group_review",
        )
    return review


@transaction.atomic
def review_respond(
    *,
    review: ReflectiveReview,
    person: Person,
    working_well: int,
    heard: int,
    making_difference: int,
    change: str = "",
    may_name: bool = False,
    entered_by: User | None = None,
    today: datetime.date | None = None,
) -> ReviewResponse:
    """One member's answers, once."""
    today = today or timezone.localdate()
    if review.status != ReflectiveReview.Status.OPEN or today > review.closes_on:
        raise ApplicationError("This review is closed, so it takes no more answers.")
    if not Membership.objects.filter(group_id=review.group_id, person=person).exists():
        raise ValidationError({"person": "Choose a member of this group"})
    if ReviewResponse.objects.filter(review=review, person=person).exists():
        raise ApplicationError(f"{person.display_name} has already answered this review.")
    response = ReviewResponse(
        review=review,
        person=person,
        working_well=working_well,
        heard=heard,
        making_difference=making_difference,
        change=change.strip(),
        may_name=may_name,
        entered_by=entered_by,
    )
    response.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as exc:
        raise ApplicationError(f"{person.display_name} has already answered this review.") from exc
    return response


@transaction.atomic
def review_close(*, review: ReflectiveReview) -> ReflectiveReview:
    review.status = ReflectiveReview.Status.CLOSED
    review.save(update_fields=["status"])
    return review
