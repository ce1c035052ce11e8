"""The priority exercise pages: briefing, proposals, votes, the
organisation's priorities, themes and the overlap."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from involvement import permissions as core
from involvement.views.flow import act, submit
from workplans import permissions

from ..forms import ExerciseForm, MatchForm, PriorityForm, ProposalForm, ThemeForm, VoteForm
from ..models import VOTES_PER_MEMBER
from ..selectors import exercises as selectors
from ..services import exercises as services
from .common import crumbs


def _exercise_url(exercise):
    return reverse("exercise-detail", kwargs={"pk": exercise.pk})


def _exercise_crumbs(exercise):
    return crumbs(exercise.group, (exercise.title, reverse("exercise-detail", args=[exercise.pk])))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def exercise_create(request, pk):
    group = permissions.access_workplan_group(user=request.user, pk=pk, action="manage_workplans")
    form = ExerciseForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.exercise_create(
            group=group,
            title=data["title"],
            briefing=data["briefing"],
            created_by=request.user,
            site_url=request.build_absolute_uri("/"),
        ),
        message="The exercise is open: members have been asked for their ideas.",
        next=_exercise_url,
    ):
        return done
    return render(
        request,
        "workplans/exercise_form.html",
        {"form": form, "group": group, "breadcrumbs": crumbs(group)},
    )


@login_required
@require_safe
def exercise_detail(request, pk):
    exercise = permissions.access_exercise(user=request.user, pk=pk)
    group = exercise.group
    view = selectors.exercise_view(exercise=exercise, person=core.person_of(request.user))
    context = {
        "exercise": exercise,
        "group": group,
        "view": view,
        "votes_per_member": VOTES_PER_MEMBER,
        "can_manage": permissions.can_manage_workplans(request.user, group.organisation_id),
        "can_take_part": permissions.can_take_part_in_exercise(request.user, group),
        "breadcrumbs": crumbs(group),
    }
    return render(request, "workplans/exercise.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_create(request, pk):
    """A member proposes; the coordinator enters a proposal from a meeting."""
    exercise = permissions.access_exercise(user=request.user, pk=pk)
    group = exercise.group
    manager = permissions.can_manage_workplans(request.user, group.organisation_id)
    member = permissions.can_take_part_in_exercise(request.user, group)
    if not (manager or member):
        raise PermissionDenied
    members = selectors.voting_members(group=group) if manager else None
    form = ProposalForm(request.POST or None, members=members)

    def propose(data):
        if manager:
            proposer = data["proposed_by"].person if data.get("proposed_by") else None
        else:
            proposer = core.person_of(request.user)
        return services.proposal_add(
            exercise=exercise,
            problem=data["problem"],
            solution=data["solution"],
            proposed_by=proposer,
            raised_at_meeting=manager,
            entered_by=request.user,
        )

    if done := submit(
        request,
        form,
        propose,
        message="Thank you: the proposal has been added.",
        next=_exercise_url(exercise),
        refused_next=_exercise_url(exercise),
    ):
        return done
    context = {
        "form": form,
        "exercise": exercise,
        "manager": manager,
        "breadcrumbs": _exercise_crumbs(exercise),
    }
    return render(request, "workplans/proposal_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def exercise_vote(request, pk):
    """A member chooses up to three proposals."""
    exercise = permissions.access_exercise(user=request.user, pk=pk)
    if not permissions.can_take_part_in_exercise(request.user, exercise.group):
        raise PermissionDenied
    person = core.person_of(request.user)
    proposals = exercise.proposals.order_by("created_at", "id")
    view = selectors.exercise_view(exercise=exercise, person=person)
    form = VoteForm(
        request.POST or None, proposals=proposals, initial={"proposals": list(view.my_votes)}
    )
    if done := submit(
        request,
        form,
        lambda data: services.votes_set(
            exercise=exercise,
            person=person,
            proposals=data["proposals"],
            recorded_by=request.user,
        ),
        message="Your votes have been saved. You can change them until voting closes.",
        next=_exercise_url(exercise),
        refused_next=_exercise_url(exercise),
    ):
        return done
    context = {
        "form": form,
        "exercise": exercise,
        "entering": False,
        "votes_per_member": VOTES_PER_MEMBER,
        "breadcrumbs": _exercise_crumbs(exercise),
    }
    return render(request, "workplans/vote_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def exercise_vote_enter(request, pk):
    """The coordinator enters a member's votes from a meeting."""
    exercise = permissions.access_exercise(user=request.user, pk=pk, action="manage_workplans")
    proposals = exercise.proposals.order_by("created_at", "id")
    members = selectors.voting_members(group=exercise.group)
    form = VoteForm(request.POST or None, proposals=proposals, members=members)

    def enter(data):
        person = data["member"].person
        services.votes_set(
            exercise=exercise,
            person=person,
            proposals=data["proposals"],
            cast_at_meeting=True,
            recorded_by=request.user,
        )
        return person

    if done := submit(
        request,
        form,
        enter,
        message=lambda person: f"{person.full_name}'s votes have been entered.",
        next=reverse("exercise-vote-enter", kwargs={"pk": exercise.pk}),
        refused_next=_exercise_url(exercise),
    ):
        return done
    context = {
        "form": form,
        "exercise": exercise,
        "entering": True,
        "votes_per_member": VOTES_PER_MEMBER,
        "breadcrumbs": _exercise_crumbs(exercise),
    }
    return render(request, "workplans/vote_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def priority_create(request, pk):
    exercise = permissions.access_exercise(user=request.user, pk=pk, action="manage_workplans")
    form = PriorityForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.organisation_priority_add(exercise=exercise, **data),
        message="The organisation's priority has been added.",
        next=_exercise_url(exercise),
        refused_next=_exercise_url(exercise),
    ):
        return done
    context = {"form": form, "exercise": exercise, "breadcrumbs": _exercise_crumbs(exercise)}
    return render(request, "workplans/priority_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def exercise_themes(request, pk):
    """Add shared themes, and match proposals and priorities into them."""
    exercise = permissions.access_exercise(user=request.user, pk=pk, action="manage_workplans")
    view = selectors.exercise_view(exercise=exercise, person=None)
    themes = [row.theme for row in view.themes]
    is_theme = request.method == "POST" and "add_theme" in request.POST
    is_match = request.method == "POST" and not is_theme
    theme_form = ThemeForm(request.POST if is_theme else None)
    match_form = MatchForm(
        request.POST if is_match else None,
        themes=themes,
        proposals=view.proposals,
        priorities=view.priorities,
    )
    if done := submit(
        request,
        theme_form,
        lambda data: services.theme_create(exercise=exercise, **data),
        message=lambda theme: f"The theme “{theme.name}” has been added.",
        next=reverse("exercise-themes", kwargs={"pk": exercise.pk}),
        refused_next=_exercise_url(exercise),
    ):
        return done

    def match(data):
        proposals, priorities = match_form.assignments()
        services.themes_match(exercise=exercise, proposals=proposals, priorities=priorities)

    if done := submit(
        request,
        match_form,
        match,
        message="The matching has been saved.",
        next=_exercise_url(exercise),
        refused_next=_exercise_url(exercise),
    ):
        return done
    context = {
        "exercise": exercise,
        "theme_form": theme_form,
        "match_form": match_form,
        "view": view,
        "breadcrumbs": _exercise_crumbs(exercise),
    }
    return render(request, "workplans/themes.html", context)


@login_required
@require_POST
def exercise_stage(request, pk):
    """Move the exercise on: open voting, or close it (freezing the result)."""
    exercise = permissions.access_exercise(user=request.user, pk=pk, action="manage_workplans")
    to = request.POST.get("to")
    if to == "voting":
        return act(
            request,
            lambda: services.exercise_open_voting(
                exercise=exercise, site_url=request.build_absolute_uri("/")
            ),
            message="Voting is open, and members have been told.",
            next=_exercise_url(exercise),
        )
    if to == "closed":
        return act(
            request,
            lambda: services.exercise_close(exercise=exercise, closed_by=request.user),
            message="The exercise is closed and its result has been kept.",
            next=_exercise_url(exercise),
        )
    messages.error(request, "Choose whether to open voting or close the exercise.")
    return redirect(_exercise_url(exercise))
