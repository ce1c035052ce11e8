"""Meeting pages: the staff list, Your meetings, a group's schedule (generate
the next six), one meeting, schedule, change and cancel."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from involvement import permissions as core
from involvement.models import DecisionMakingBody, Group
from involvement.views.flow import submit
from meetings import permissions

from ..forms.meetings import CancelForm, GenerateForm, MeetingForm
from ..models import Meeting
from ..selectors import meetings as selectors
from ..services import meetings as services
from ..services.invitations import can_take_attendance
from ._common import GET_POST, crumbs


@login_required
@require_safe
def meeting_list(request):
    user = request.user
    if not permissions.can_run_meetings(user):
        raise PermissionDenied
    past = request.GET.get("show") == "past"
    meetings = list(selectors.meeting_list_for_staff(user=user, past=past)[:200])
    groups, _bodies, _org_ids = _owners(user)
    context = {"meetings": meetings, "past": past, "groups": groups}
    return render(request, "meetings/meetings/list.html", context)


@login_required
@require_safe
def my_meetings(request):
    past = request.GET.get("show") == "past"
    context = {
        "meetings": selectors.my_meetings(user=request.user, past=past),
        "past": past,
        "person": core.person_of(request.user),
        "has_person": core.person_of(request.user) is not None,
        "runs_meetings": permissions.can_run_meetings(request.user),
    }
    return render(request, "meetings/meetings/mine.html", context)


@login_required
@GET_POST
def group_meetings(request, pk):
    group = permissions.access_group_meetings(user=request.user, pk=pk)
    venues = selectors.venues_of(organisation_id=group.organisation_id)
    form = GenerateForm(request.POST or None, venues=venues, initial={"mode": "in_person"})
    if done := submit(
        request,
        form,
        lambda data: services.meeting_generate_from_cadence(
            group=group, created_by=request.user, **form.generate_kwargs()
        ),
        message=lambda created: f"{len(created)} meetings have been scheduled.",
        next=reverse("group-meetings", kwargs={"pk": group.pk}),
    ):
        return done
    context = {
        "group": group,
        "form": form,
        "meetings": list(selectors.group_meetings(group=group)),
        "breadcrumbs": [("Meetings", reverse("meeting-list"))],
    }
    return render(request, "meetings/meetings/group.html", context)


def _owners(user):
    org_ids = (
        None
        if core.is_platform_admin(user)
        else core.organisation_ids(user, *permissions.MEETING_ROLES)
    )
    groups = Group.objects.all()
    bodies = DecisionMakingBody.objects.all()
    if org_ids is not None:
        groups = groups.filter(organisation_id__in=org_ids)
        bodies = bodies.filter(organisation_id__in=org_ids)
    return list(groups), list(bodies), org_ids


@login_required
@GET_POST
def meeting_create(request):
    user = request.user
    if not permissions.can_run_meetings(user):
        raise PermissionDenied
    groups, bodies, org_ids = _owners(user)
    from ..models import Venue

    venues = (
        Venue.objects.all()
        if org_ids is None
        else Venue.objects.filter(organisation_id__in=org_ids)
    )
    initial = {"mode": "in_person", "kind": "group"}
    if request.GET.get("group"):
        initial["owner"] = f"group-{request.GET['group']}"
    elif request.GET.get("body"):
        initial["owner"] = f"body-{request.GET['body']}"
        initial["kind"] = Meeting.Kind.BOARD
    form = MeetingForm(
        request.POST or None, groups=groups, bodies=bodies, venues=venues, initial=initial
    )
    if done := submit(
        request,
        form,
        lambda data: services.meeting_create(
            created_by=user, **form.owner_kwargs(), **form.meeting_fields()
        ),
        message=lambda meeting: f"{meeting.title} has been scheduled.",
        next=lambda meeting: reverse("meeting-detail", kwargs={"pk": meeting.pk}),
    ):
        return done
    return render(
        request,
        "meetings/meetings/form.html",
        {"form": form, "creating": True, "breadcrumbs": [("Meetings", reverse("meeting-list"))]},
    )


@login_required
@GET_POST
def meeting_edit(request, pk):
    meeting = permissions.access_meeting(user=request.user, pk=pk, action="manage")
    venues = selectors.venues_of(organisation_id=meeting.organisation_id)
    form = MeetingForm(
        request.POST or None, venues=venues, editing=True, initial=MeetingForm.initial_for(meeting)
    )
    if done := submit(
        request,
        form,
        lambda data: services.meeting_update(meeting=meeting, **form.meeting_fields()),
        message="The meeting has been saved.",
        next=reverse("meeting-detail", kwargs={"pk": meeting.pk}),
    ):
        return done
    context = {"form": form, "meeting": meeting, "breadcrumbs": crumbs(meeting, manages=True)}
    return render(request, "meetings/meetings/form.html", context)


@login_required
@require_safe
def meeting_detail(request, pk):
    user = request.user
    meeting = permissions.access_meeting(user=user, pk=pk, related=("minutes",))
    manages = core.user_can(user, "manage", meeting)
    now = timezone.now()
    context = {
        "meeting": meeting,
        "manages": manages,
        "agenda": selectors.meeting_agenda(meeting=meeting),
        "papers": selectors.meeting_papers(meeting=meeting),
        "reply_counts": selectors.meeting_reply_counts(meeting=meeting) if manages else None,
        "no_reply": (
            selectors.meeting_invitations_without_reply(meeting=meeting) if manages else None
        ),
        "mine": selectors.own_invitation(meeting=meeting, user=user),
        "started": now >= meeting.starts_at,
        "cancelled": meeting.status == Meeting.Status.CANCELLED,
        "attendance_open": can_take_attendance(meeting),
        "minutes_readable": permissions.can_read_minutes(
            user, meeting, getattr(meeting, "minutes", None)
        ),
        "can_debrief": meeting.kind == Meeting.Kind.BOARD
        and now >= meeting.starts_at
        and permissions.can_write_debrief(user, meeting),
        "can_read_briefing": meeting.kind == Meeting.Kind.BOARD
        and permissions.can_read_briefing(user, meeting),
        "breadcrumbs": crumbs(meeting, manages=manages, detail=False),
    }
    return render(request, "meetings/meetings/detail.html", context)


@login_required
@require_safe
def meeting_invitations(request, pk):
    """Everyone invited, their reply and whether they came, fifty a page (the
    meeting's page shows the counts and who has not replied)."""
    meeting = permissions.access_meeting(user=request.user, pk=pk, action="manage")
    page = Paginator(
        selectors.meeting_invitations(meeting=meeting), selectors.INVITATIONS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    context = {
        "meeting": meeting,
        "page": page,
        "invitations": page.object_list,
        "reply_counts": selectors.meeting_reply_counts(meeting=meeting),
        "cancelled": meeting.status == Meeting.Status.CANCELLED,
        "breadcrumbs": crumbs(meeting, manages=True),
    }
    return render(request, "meetings/meetings/invitations.html", context)


@login_required
@GET_POST
def meeting_cancel(request, pk):
    meeting = permissions.access_meeting(user=request.user, pk=pk, action="manage")
    form = CancelForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.meeting_cancel(
            meeting=meeting, reason=data["reason"], cancelled_by=request.user
        ),
        message="The meeting has been cancelled and everyone invited told.",
        next=reverse("meeting-detail", kwargs={"pk": meeting.pk}),
    ):
        return done
    context = {
        "form": form,
        "meeting": meeting,
        "invited": meeting.invitations.count(),
        "breadcrumbs": crumbs(meeting, manages=True),
    }
    return render(request, "meetings/meetings/cancel.html", context)
