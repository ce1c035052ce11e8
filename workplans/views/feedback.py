""" "You said, we did" pages for coordinators, owners and members: the
group's list, an item with its timeline, capture from the minutes page and
from other sources, drafting and publishing answers, checking members'
points, the public wording, the organisation's settings; members' "Tell us
something" and "What happened to what you said".

Each form view reads as: who may, which form, which service, where next
(involvement.views.flow)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from involvement import permissions as core
from involvement.views.flow import act, submit
from workplans import permissions

from ..forms.feedback import (
    AcceptForm,
    AddForm,
    CaptureForm,
    DeclineForm,
    EditForm,
    ListFilterForm,
    PublicForm,
    PublishForm,
    ResponseForm,
    SettingsForm,
    TellUsForm,
)
from ..selectors import feedback as selectors
from ..services import agenda as agenda_services
from ..services import feedback as services
from .common import crumbs

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def _list_crumbs(group, *extra):
    return crumbs(group, ("You said, we did", reverse("feedback-list", args=[group.pk])), *extra)


def _detail_url(item) -> str:
    return reverse("feedback-detail", args=[item.pk])


@login_required
@GET_POST
def feedback_capture(request, pk):
    meeting = permissions.access_meeting_for_feedback(user=request.user, pk=pk)
    group = meeting.group
    form = CaptureForm(request.POST or None, meeting=meeting)
    if done := submit(
        request,
        form,
        lambda data: services.feedback_capture(meeting=meeting, recorded_by=request.user, **data),
        message="The “you said” point has been kept. Add another, or go back.",
        next=reverse("feedback-capture", args=[meeting.pk]),
    ):
        return done
    context = {
        "form": form,
        "meeting": meeting,
        "group": group,
        "captured": meeting.feedback_items.select_related("agenda_item").order_by("id"),
        "breadcrumbs": _list_crumbs(group),
    }
    return render(request, "workplans/feedback_capture.html", context)


@login_required
@require_safe
def feedback_list(request, pk):
    group = permissions.access_workplan_group(user=request.user, pk=pk)
    manages = permissions.can_manage_workplans(request.user, group.organisation_id)
    themes = list(services.themes_of(group).order_by("name"))
    filter_form = ListFilterForm(request.GET or None, themes=themes, shows=selectors.LIST_SHOWS)
    filters = selectors.FeedbackFilters()
    if filter_form.is_valid():
        data = filter_form.cleaned_data
        filters = selectors.FeedbackFilters(
            status=data["status"] or "",
            theme=data["theme"],
            source=data["source"] or "",
            show=data["show"] or "all",
        )
    listing = selectors.feedback_list(group=group, filters=filters, managers=manages)
    context = {
        "group": group,
        "listing": listing,
        "filter_form": filter_form,
        "filtered": filters != selectors.FeedbackFilters(),
        "can_manage": manages,
        "can_tell": permissions.can_tell_group(request.user, group),
        "statuses": services.FeedbackStatus.choices,
        "breadcrumbs": crumbs(group),
    }
    return render(request, "workplans/feedback/list.html", context)


@login_required
@GET_POST
def feedback_add(request, pk):
    """A point from a debrief, a review or survey, or an event."""
    group = permissions.access_workplan_group(user=request.user, pk=pk, action="manage_workplans")
    form = AddForm(request.POST or None, group=group)
    if done := submit(
        request,
        form,
        lambda data: services.feedback_record(group=group, recorded_by=request.user, **data),
        message="The point has been kept. Its owner will be reminded until it is answered.",
        next=_detail_url,
    ):
        return done
    context = {"form": form, "group": group, "breadcrumbs": _list_crumbs(group)}
    return render(request, "workplans/feedback/add.html", context)


@login_required
@require_safe
def feedback_detail(request, pk):
    item = permissions.access_feedback_item(user=request.user, pk=pk)
    user = request.user
    may_answer = permissions.can_answer_feedback(user, item)
    drafts = permissions.can_see_feedback_drafts(user, item)
    context = {
        "item": item,
        "group": item.group,
        "timeline": selectors.feedback_timeline(item=item, drafts=drafts),
        "draft": selectors.draft_of(item) if drafts else None,
        "can_answer": may_answer and not item.is_closed,
        "can_manage": core.user_can(user, "manage", item),
        "can_see_raiser": permissions.can_see_who_raised(user, item),
        "breadcrumbs": _list_crumbs(item.group),
    }
    return render(request, "workplans/feedback/detail.html", context)


@login_required
@GET_POST
def feedback_edit(request, pk):
    item = permissions.access_feedback_item(user=request.user, pk=pk, action="manage")
    initial = {
        "text": item.text,
        "source_detail": item.source_detail,
        "theme": item.theme_id,
        "work_item": item.work_item_id,
        "body": item.body_id,
        "owner": item.owner_id,
        "due_on": item.due_on,
    }
    form = EditForm(request.POST or None, initial=initial, group=item.group)
    if done := submit(
        request,
        form,
        lambda data: services.feedback_update(item=item, **data),
        message="The point has been changed.",
        next=_detail_url(item),
    ):
        return done
    context = {"form": form, "item": item, "breadcrumbs": _list_crumbs(item.group)}
    return render(request, "workplans/feedback/edit.html", context)


@login_required
@GET_POST
def feedback_respond(request, pk):
    """Draft (or redraft) the answer: the owner or the coordinator."""
    item = permissions.access_feedback_item(user=request.user, pk=pk, action="answer")
    draft = selectors.draft_of(item)
    initial = (
        {"status": draft.status, "what_happened": draft.what_happened, "reason": draft.reason}
        if draft
        else {}
    )
    form = ResponseForm(request.POST or None, initial=initial)
    if done := submit(
        request,
        form,
        lambda data: services.response_draft(item=item, written_by=request.user, **data),
        message="Your answer has been saved as a draft. The coordinator checks it and "
        "publishes it to members.",
        next=_detail_url(item),
    ):
        return done
    context = {
        "form": form,
        "item": item,
        "draft": draft,
        "breadcrumbs": _list_crumbs(item.group, ("The point", _detail_url(item))),
    }
    return render(request, "workplans/feedback/respond.html", context)


@login_required
@GET_POST
def response_publish(request, pk):
    """The coordinator checks the wording, then publishes it to members."""
    response = permissions.access_feedback_response(user=request.user, pk=pk)
    item = response.item
    form = PublishForm(
        request.POST or None,
        initial={"what_happened": response.what_happened, "reason": response.reason},
        status=response.status,
    )
    if done := submit(
        request,
        form,
        lambda data: services.response_publish(
            response=response, published_by=request.user, **data
        ),
        message="The answer has been published. Members who raised the point, or were at "
        "the meeting, are being told.",
        next=_detail_url(item),
    ):
        return done
    context = {
        "form": form,
        "response": response,
        "item": item,
        "breadcrumbs": _list_crumbs(item.group, ("The point", _detail_url(item))),
    }
    return render(request, "workplans/feedback/publish.html", context)


@login_required
@GET_POST
def response_discard(request, pk):
    """Confirm, then throw away a draft answer."""
    response = permissions.access_feedback_response(user=request.user, pk=pk)
    item = response.item
    if request.method == "POST":
        return act(
            request,
            lambda: services.response_discard(response=response),
            message="The draft answer has been deleted.",
            next=_detail_url(item),
        )
    context = {
        "response": response,
        "item": item,
        "breadcrumbs": _list_crumbs(item.group, ("The point", _detail_url(item))),
    }
    return render(request, "workplans/feedback/discard.html", context)


@login_required
@GET_POST
def feedback_public(request, pk):
    """The public wording, and whether the point is on the public board."""
    item = permissions.access_feedback_item(user=request.user, pk=pk, action="manage")
    form = PublicForm(
        request.POST or None,
        initial={"on_board": item.on_board, "public_text": item.public_text or item.text},
    )
    if done := submit(
        request,
        form,
        lambda data: services.feedback_set_public(item=item, changed_by=request.user, **data),
        message=lambda saved: (
            "The point is on the public board."
            if saved.on_board
            else "The point is not on the public board."
        ),
        next=_detail_url(item),
    ):
        return done
    context = {
        "form": form,
        "item": item,
        "breadcrumbs": _list_crumbs(item.group, ("The point", _detail_url(item))),
    }
    return render(request, "workplans/feedback/public.html", context)


@login_required
@GET_POST
def feedback_accept(request, pk):
    """Share a member's point with the group, with an owner."""
    item = permissions.access_feedback_item(user=request.user, pk=pk, action="manage")
    form = AcceptForm(request.POST or None, initial={"text": item.text}, group=item.group)
    if done := submit(
        request,
        form,
        lambda data: services.feedback_accept(item=item, accepted_by=request.user, **data),
        message="The point is shared with the group, without the member's name.",
        next=_detail_url(item),
    ):
        return done
    context = {"form": form, "item": item, "breadcrumbs": _list_crumbs(item.group)}
    return render(request, "workplans/feedback/accept.html", context)


@login_required
@GET_POST
def feedback_decline(request, pk):
    """Confirm not sharing a member's point, with the reason they are sent."""
    item = permissions.access_feedback_item(user=request.user, pk=pk, action="manage")
    form = DeclineForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.feedback_decline(item=item, declined_by=request.user, **data),
        message="The point will not be shared. The member has been sent your reason.",
        next=reverse("feedback-list", args=[item.group_id]),
    ):
        return done
    context = {"form": form, "item": item, "breadcrumbs": _list_crumbs(item.group)}
    return render(request, "workplans/feedback/decline.html", context)


@login_required
@require_POST
def feedback_agenda(request, pk):
    """Fill in the "You said, we did" item of the group's next meeting now."""
    group = permissions.access_workplan_group(user=request.user, pk=pk, action="manage_workplans")
    return act(
        request,
        lambda: agenda_services.agenda_fill_next(group=group),
        message=lambda agenda: (
            f"The “You said, we did” item of {agenda.meeting.title} has been filled in."
        ),
        next=reverse("feedback-list", args=[group.pk]),
    )


@login_required
@GET_POST
def feedback_settings(request, org_pk):
    organisation = permissions.access_feedback_settings(user=request.user, pk=org_pk)
    current = services.feedback_settings_of(organisation)
    form = SettingsForm(
        request.POST or None,
        initial={
            "answer_within_weeks": current.answer_within_weeks,
            "stale_after_weeks": current.stale_after_weeks,
        },
    )
    if done := submit(
        request,
        form,
        lambda data: services.feedback_settings_save(
            organisation=organisation, updated_by=request.user, **data
        ),
        message="The settings have been saved. New points are due by the new time.",
        next=reverse("workplan-index"),
    ):
        return done
    context = {
        "form": form,
        "organisation": organisation,
        "breadcrumbs": crumbs(),
    }
    return render(request, "workplans/feedback/settings.html", context)


# --- members ----------------------------------------------------------------


@login_required
@GET_POST
def feedback_tell(request, pk):
    """A member's "Tell us something", between meetings."""
    group = permissions.access_workplan_group(user=request.user, pk=pk, action="tell_us")
    person = core.person_of(request.user)
    form = TellUsForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.feedback_raise(person=person, group=group, **data),
        message="Thank you. Your coordinator will read it and share it with the group. "
        "You will hear what happens.",
        next=reverse("feedback-mine"),
    ):
        return done
    context = {
        "form": form,
        "group": group,
        "breadcrumbs": [("Home", reverse("home")), ("What you said", reverse("feedback-mine"))],
    }
    return render(request, "workplans/feedback/tell.html", context)


@login_required
@require_safe
def feedback_mine(request):
    """What happened to what the member said."""
    person = core.person_of(request.user)
    found = (
        selectors.member_feedback(person=person) if person else {"raised": [], "at_meetings": []}
    )
    context = {
        **found,
        "groups": selectors.groups_to_tell(person=person) if person else [],
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "workplans/feedback/mine.html", context)
