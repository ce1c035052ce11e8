"""The reflective review: open one (coordinator), answer it (members, or the
coordinator for them), read the results (coordinator)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from involvement import permissions as core
from involvement.errors import ApplicationError
from involvement.forms.groups import apply_errors
from involvement.models import Person
from meetings import permissions

from ..forms.review import ReviewOpenForm, ReviewResponseForm
from ..models import ReflectiveReview, ReviewResponse
from ..selectors.minutes import review_results
from ..services import review as services
from .minutes import site_url

GET_POST = require_http_methods(["GET", "POST"])


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
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_open(
                group=group,
                opened_by=request.user,
                site_url=site_url(request),
                **form.cleaned_data,
            )
        except (ValidationError, ApplicationError) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "The review is open and every member has been invited.")
            return redirect("review-results", pk=review.pk)
    reviews = ReflectiveReview.objects.filter(group=group).order_by("-opened_at", "-pk")
    context = {
        "form": form,
        "group": group,
        "reviews": reviews.annotate(answers=Count("responses")),
        "breadcrumbs": _crumbs(group)[:1],
    }
    return render(request, "meetings/review/list.html", context)


@login_required
@require_GET
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
    services.review_close(review=review)
    messages.success(request, "The review is closed.")
    return redirect("review-results", pk=review.pk)


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
    form = ReviewResponseForm(request.POST or None, people=people)
    if request.method == "POST" and not already and not closed and form.is_valid():
        data = dict(form.cleaned_data)
        respondent = data.pop("person", None) or person
        try:
            services.review_respond(
                review=review,
                person=respondent,
                entered_by=request.user if respondent != person else None,
                **data,
            )
        except (ValidationError, ApplicationError) as exc:
            apply_errors(form, exc)
        else:
            if people is not None:
                messages.success(request, f"{respondent.display_name}'s answers are saved.")
                return redirect("review-results", pk=review.pk)
            messages.success(request, "Thank you. Your answers have been sent.")
            return redirect("review-respond", pk=review.pk)
    context = {
        "form": form,
        "review": review,
        "already": already,
        "closed": closed,
        "entering": people is not None,
        "breadcrumbs": _crumbs(review.group) if manager else [],
    }
    return render(request, "meetings/review/respond.html", context)
