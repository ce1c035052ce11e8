"""The reflective review: open one (coordinator), answer it (members, or the
coordinator for them), read the results (coordinator)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from involvement import permissions as core
from involvement.models import Person
from involvement.views.flow import act, submit
from meetings import permissions

from ..forms.review import ReviewOpenForm, ReviewResponseForm
from ..models import ReflectiveReview, ReviewResponse
from ..selectors.minutes import review_results
from ..services import review as services
from .minutes import site_url

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def _results_url(review):
    return reverse("review-results", kwargs={"pk": review.pk})


def _crumbs(group):
    return [
        (group.name, reverse("group-detail", kwargs={"pk": group.pk})),
        ("Reflective reviews", reverse("group-reviews", kwargs={"pk": group.pk})),
    ]


@login_required
@GET_POST
def group_reviews(request, pk):
    group = core.access_group(user=request.user, pk=pk, action="manage")
    form = ReviewOpenForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.review_open(
            group=group, opened_by=request.user, site_url=site_url(request), **data
        ),
        message="The review is open and every member has been invited.",
        next=_results_url,
    ):
        return done
    reviews = ReflectiveReview.objects.filter(group=group).order_by("-opened_at", "-pk")
    context = {
        "form": form,
        "group": group,
        "reviews": reviews.annotate(answers=Count("responses")),
        "breadcrumbs": _crumbs(group)[:1],
    }
    return render(request, "meetings/review/list.html", context)


@login_required
@require_safe
def review_results_page(request, pk):
    review = permissions.access_reflective_review(user=request.user, pk=pk, action="results")
    context = {
        "review": review,
        "group": review.group,
        "results": review_results(review=review),
        "breadcrumbs": _crumbs(review.group),
    }
    return render(request, "meetings/review/results.html", context)


@login_required
@require_POST
def review_close(request, pk):
    review = permissions.access_reflective_review(user=request.user, pk=pk, action="results")
    return act(
        request,
        lambda: services.review_close(review=review),
        message="The review is closed.",
        next=_results_url(review),
    )


@login_required
@GET_POST
def review_respond(request, pk):
    review = permissions.access_reflective_review(user=request.user, pk=pk, action="answer")
    manager = core.can_manage_group(request.user, review.group)
    person = core.person_of(request.user)
    is_member = person is not None and permissions.can_answer_review(request.user, review)
    people = None
    if manager and not is_member:
        answered = ReviewResponse.objects.filter(review=review).values("person_id")
        people = (
            Person.objects.filter(memberships__group=review.group)
            .exclude(pk__in=answered)
            .order_by("full_name")
        )
    if not manager and not is_member:
        raise PermissionDenied
    already = is_member and ReviewResponse.objects.filter(review=review, person=person).exists()
    closed = review.status != review.Status.OPEN or timezone.localdate() > review.closes_on
    entering = people is not None
    form = ReviewResponseForm(request.POST or None, people=people)

    def respond(data):
        answers = dict(data)
        respondent = answers.pop("person", None) or person
        services.review_respond(
            review=review,
            person=respondent,
            entered_by=request.user if respondent != person else None,
            **answers,
        )
        return respondent

    def answers_saved(respondent):
        if entering:
            return f"{respondent.display_name}'s answers are saved."
        return "Thank you. Your answers have been sent."

    # A coordinator entering a member's answers goes back to the results; a
    # member stays on the page, which now thanks them.
    next_url = _results_url(review) if entering else reverse("review-respond", args=[review.pk])
    can_answer = not already and not closed
    if can_answer and (
        done := submit(request, form, respond, message=answers_saved, next=next_url)
    ):
        return done
    context = {
        "form": form,
        "review": review,
        "already": already,
        "closed": closed,
        "entering": entering,
        "breadcrumbs": _crumbs(review.group) if manager else [],
    }
    return render(request, "meetings/review/respond.html", context)
