"""Every page, opened as every role that uses it, has no serious or critical
WCAG 2.2 AA failure that axe-core can find.

To check a new page, add a `PageToCheck` to PAGES:

    PageToCheck("Group", "group_detail", lambda world: {"pk": world.objects["group"].pk},
                roles=("member", "coordinator")),

`url` is a URL name (reversed with the kwargs the builder returns from the
shared `world` fixture) or a path starting with "/". The page must answer with
`status` and must not redirect: a page that bounces a role to the log-in page
is not being checked as that role.

No axe rule is disabled. If one ever must be, disable it for the one page that
needs it, here, with a written reason.

Not checked: the API reference (/api/docs/). It is Swagger UI's page for
developers, whose widgets fail contrast, nested-control and target-size rules
that no Swagger setting fixes. So it is a developer page: it has a language and
says who it is for, no page of the service links to it except the API token
section of account settings, and nobody needs it to use the service.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

import pytest

from ..access.outbox import print_batch_of, with_outbox_examples
from ..conftest import ROLES
from ..factories import TEST_PASSWORD


def _audit_logged(world):
    """The organisation with an entry in its audit log, so the table is checked."""
    from involvement import audit

    audit.record(
        action=audit.Action.CLAIM_APPROVED,
        organisation=world.organisation,
        actor=world.user("coordinator"),
        summary="Claim 1",
    )
    return {"pk": world.organisation.pk}


def _erasure_requested(world):
    """The member asked for their data to be deleted."""
    from involvement.models import ErasureRequest

    erasure, _ = ErasureRequest.objects.get_or_create(
        person=world.objects["person"], status="open", defaults={"note": "Tell me by post."}
    )
    return {"pk": world.organisation.pk, "request_pk": erasure.pk}


def _walked(name):
    """kwargs builder from the access walk's declaration of the URL."""

    def build(world):
        from ..access import EXPECTATIONS

        return EXPECTATIONS[name].kwargs(world)

    return build


class PageToCheck(NamedTuple):
    label: str
    url: str  # a URL name, or a path starting with "/"
    kwargs: Callable[[object], dict] | None = None  # world -> kwargs for reverse()
    roles: tuple[str, ...] = tuple(ROLES)
    status: int = 200


SIGNED_IN = ("member", "coordinator")


def _board_meeting(world):
    from ..access.debriefs import board_meeting

    return board_meeting(world)


def _briefing_meeting(world):
    from ..access.briefings import upcoming_board_meeting

    return {"pk": upcoming_board_meeting(world).pk}


def _rec(name=None):
    """kwargs builder for recruitment pages: builds the recruitment objects first."""
    from ..access.recruitment_setup import recruitment_objects

    def kwargs(world):
        objects = recruitment_objects(world)
        return {"pk": objects[name].pk} if name else {}

    return kwargs


def _scoring(name=None, **more):
    """kwargs builder for the scoring pages (objects from tests/access/recruitment_scoring)."""
    from ..access.recruitment_scoring import scoring_objects

    def kwargs(world):
        objects = scoring_objects(world)
        result = {"pk": objects[name].pk} if name else {}
        result.update({key: objects[value].pk for key, value in more.items()})
        return result

    return kwargs


def _scoring_handle(world):
    """The panel member's own opaque name for the application on their scoring pages."""
    from ..access.recruitment_scoring import scoring_objects

    return scoring_objects(world)["handle"]


def _rec_public(world):
    from ..access.recruitment_setup import recruitment_objects

    return {"public_id": recruitment_objects(world)["vacancy"].public_id}


def _rec_org(world):
    _rec()(world)
    return {"org_pk": world.organisation.pk}


def _minutes(name):
    """kwargs builder for the minutes pages (objects from tests/access/meetings_minutes)."""
    from ..access.meetings_minutes import minutes_world

    def kwargs(world):
        return {"pk": minutes_world(world).objects[name].pk}

    return kwargs


def _meetings(builder):
    """kwargs builder for the scheduling pages (objects from tests/access/meetings)."""
    from ..access import meetings as scheduling

    return getattr(scheduling, builder)


def _with_api_token(world):
    """The member holds an API token, so the pages about it show it."""
    from rest_framework.authtoken.models import Token

    Token.objects.get_or_create(user=world.user("member"))
    return {}


PAGES: list[PageToCheck] = [
    PageToCheck("Home", "home"),
    # Pages people see before they log in.
    PageToCheck("Log in", "account_login", roles=("anonymous",)),
    PageToCheck("Create an account", "account_signup", roles=("anonymous",)),
    PageToCheck("Reset your password", "account_reset_password", roles=("anonymous",)),
    PageToCheck("Password reset sent", "account_reset_password_done", roles=("anonymous",)),
    PageToCheck("Privacy notice", "privacy", roles=("anonymous",)),
    PageToCheck("Accessibility statement", "accessibility", roles=("anonymous",)),
    PageToCheck("Page not found", "/no-such-page/", roles=("anonymous",), status=404),
    # Account pages.
    PageToCheck("Account settings", "account_settings", roles=SIGNED_IN),
    PageToCheck(
        "Account settings with an API token", "account_settings", _with_api_token, ("member",)
    ),
    PageToCheck("Revoke your API token", "account-api-token-revoke", _with_api_token, ("member",)),
    PageToCheck("Two-factor authentication", "mfa_index", roles=SIGNED_IN),
    PageToCheck("Set up an authenticator app", "mfa_activate_totp", roles=SIGNED_IN),
    PageToCheck("Email addresses", "account_email", roles=SIGNED_IN),
    PageToCheck("Change your password", "account_change_password", roles=SIGNED_IN),
    PageToCheck("Confirm your password", "account_reauthenticate", roles=("member",)),
    PageToCheck("Log out", "account_logout", roles=("member",)),
    # Notification outbox: messages, letters and calls.
    PageToCheck("Your messages", "message-list", roles=("member", "coordinator")),
    PageToCheck(
        "A message",
        "message-detail",
        lambda w: {"pk": w.objects["notification"].pk},
        roles=("member",),
    ),
    PageToCheck(
        "A member's messages",
        "person-messages",
        lambda w: {"person_pk": with_outbox_examples(w).objects["person"].pk},
        roles=("coordinator", "admin_support"),
    ),
    PageToCheck("Letters and calls", "outbox-index", roles=("platform_admin",)),
    PageToCheck(
        "The organisation's messages",
        "organisation-messages",
        lambda w: {"organisation_pk": with_outbox_examples(w).organisation.pk},
        roles=("coordinator",),
    ),
    PageToCheck(
        "Letters to print",
        "print-queue",
        lambda w: {"organisation_pk": with_outbox_examples(w).organisation.pk},
        roles=("coordinator", "admin_support"),
    ),
    PageToCheck(
        "Calls to make",
        "call-list",
        lambda w: {"organisation_pk": with_outbox_examples(w).organisation.pk},
        roles=("coordinator",),
    ),
    PageToCheck(
        "Print batch",
        "print-batch-detail",
        lambda w: {"pk": print_batch_of(with_outbox_examples(w)).pk},
        roles=("admin_support",),
    ),
    # Decision-making bodies and seats; organisations and roles.
    PageToCheck("Decision-making bodies", "body-list", roles=("member", "coordinator")),
    PageToCheck(
        "Decision-making body",
        "body-detail",
        lambda world: {"pk": world.objects["body"].pk},
        roles=("member", "coordinator", "commissioner"),
    ),
    PageToCheck("Add a decision-making body", "body-create", roles=("coordinator",)),
    PageToCheck(
        "Change a decision-making body",
        "body-edit",
        lambda world: {"pk": world.objects["body"].pk},
        roles=("coordinator",),
    ),
    PageToCheck(
        "Appoint a representative",
        "seat-appoint",
        lambda world: {"pk": world.objects["body"].pk},
        roles=("coordinator",),
    ),
    PageToCheck(
        "End a seat",
        "seat-end",
        lambda world: {"pk": world.objects["body"].pk, "seat_pk": world.objects["seat"].pk},
        roles=("coordinator",),
    ),
    PageToCheck("Organisations", "organisation-index", roles=("org_admin", "platform_admin")),
    PageToCheck("Add an organisation", "organisation-create", roles=("platform_admin",)),
    PageToCheck(
        "Organisation settings",
        "organisation-summary",
        lambda world: {"pk": world.organisation.pk},
        roles=("commissioner", "org_admin"),
    ),
    PageToCheck(
        "Change organisation settings",
        "organisation-edit",
        lambda world: {"pk": world.organisation.pk},
        roles=("org_admin",),
    ),
    PageToCheck(
        "People and roles",
        "organisation-people",
        lambda world: {"pk": world.organisation.pk},
        roles=("org_admin",),
    ),
    PageToCheck("Audit log", "organisation-audit", _audit_logged, roles=("org_admin",)),
    # Privacy rights: a person's data, and the admin's requests to delete it.
    PageToCheck("Your data", "my-data", roles=("member", "coordinator")),
    PageToCheck("Ask us to delete your data", "my-data-erasure", roles=("member",)),
    PageToCheck(
        "Requests to delete data",
        "organisation-erasure-requests",
        lambda w: _erasure_requested(w) and {"pk": w.organisation.pk},
        roles=("org_admin",),
    ),
    PageToCheck(
        "Delete someone's data", "erasure-carry-out", _erasure_requested, roles=("org_admin",)
    ),
    PageToCheck(
        "Remove a role",
        "staff-role-revoke",
        lambda world: {
            "pk": world.organisation.pk,
            "role_pk": world.user("coordinator").staff_roles.get().pk,
        },
        roles=("org_admin",),
    ),
    # Groups, diversity factors, memberships and people.
    PageToCheck("Groups", "group-list", roles=("member", "coordinator", "commissioner")),
    PageToCheck(
        "Group",
        "group-detail",
        lambda world: {"pk": world.objects["group"].pk},
        roles=("member", "coordinator", "commissioner"),
    ),
    PageToCheck(
        "Members of a group",
        "group-members",
        lambda world: {"pk": world.objects["group"].pk},
        roles=("coordinator",),
    ),
    PageToCheck("Create a group", "group-create", roles=("coordinator",)),
    PageToCheck(
        "Change a group",
        "group-edit",
        lambda world: {"pk": world.objects["group"].pk},
        roles=("coordinator",),
    ),
    PageToCheck(
        "Add to the mix of members",
        "group-factor-create",
        lambda world: {"pk": world.objects["group"].pk},
        roles=("coordinator",),
    ),
    PageToCheck(
        "Add someone to a group",
        "membership-create",
        lambda world: {"pk": world.objects["group"].pk},
        roles=("coordinator",),
    ),
    PageToCheck(
        "Membership",
        "membership-detail",
        lambda world: {"pk": world.objects["membership"].pk},
        roles=("member", "coordinator"),
    ),
    PageToCheck(
        "Change membership status",
        "membership-status",
        lambda world: {"pk": world.objects["membership"].pk},
        roles=("coordinator",),
    ),
    PageToCheck(
        "Induction and buddy",
        "membership-edit",
        lambda world: {"pk": world.objects["membership"].pk},
        roles=("coordinator",),
    ),
    PageToCheck("My profile", "my-profile", roles=SIGNED_IN),
    PageToCheck("About your background", "my-diversity", roles=("member",)),
    PageToCheck("Withdraw agreement", "my-diversity-withdraw", roles=("member",)),
    PageToCheck("Which messages you get", "my-message-choices", roles=("member",)),
    PageToCheck(
        "Which messages someone gets",
        "person-message-choices",
        lambda world: {"pk": world.objects["person"].pk},
        roles=("coordinator",),
    ),
    PageToCheck("People", "person-list", roles=("coordinator", "admin_support")),
    PageToCheck("Add someone new", "person-create", roles=("coordinator",)),
    PageToCheck(
        "A person",
        "person-detail",
        lambda world: {"pk": world.objects["person"].pk},
        roles=("member", "coordinator", "admin_support"),
    ),
    PageToCheck(
        "Change a person's details",
        "person-edit",
        lambda world: {"pk": world.objects["person"].pk},
        roles=("coordinator",),
    ),
    PageToCheck(
        "Background on someone's behalf",
        "person-diversity",
        lambda world: {"pk": world.objects["person"].pk},
        roles=("coordinator",),
    ),
    # Recruitment: set-up and the applicant journey (tests/access/recruitment_setup.py)
    PageToCheck("Vacancies", "public-vacancy-list", _rec(), roles=("anonymous",)),
    PageToCheck("A vacancy", "public-vacancy", _rec_public, roles=("anonymous", "member")),
    PageToCheck("Another way to apply", "vacancy-other-ways", _rec_public, roles=("anonymous",)),
    PageToCheck("Start an application", "application-start", _rec_public, roles=("coordinator",)),
    PageToCheck("My applications", "my-applications", _rec(), roles=("member",)),
    PageToCheck(
        "Your application", "application-detail", _rec("draft_application"), roles=("member",)
    ),
    PageToCheck(
        "Application question",
        "application-question",
        lambda w: {**_rec("draft_application")(w), "number": 1},
        roles=("member",),
    ),
    PageToCheck(
        "When you are free",
        "application-availability",
        _rec("draft_application"),
        roles=("member",),
    ),
    PageToCheck(
        "Help to take part", "application-support", _rec("draft_application"), roles=("member",)
    ),
    PageToCheck(
        "Where you heard", "application-heard", _rec("draft_application"), roles=("member",)
    ),
    PageToCheck(
        "How we contact you", "application-contact", _rec("draft_application"), roles=("member",)
    ),
    PageToCheck("About you", "application-diversity", _rec("draft_application"), roles=("member",)),
    PageToCheck(
        "Check your answers", "application-check", _rec("draft_application"), roles=("member",)
    ),
    PageToCheck(
        "Application sent",
        "application-submitted",
        _rec("submitted_application"),
        roles=("member",),
    ),
    PageToCheck("Recruitment", "recruitment-home", _rec(), roles=("coordinator",)),
    PageToCheck("Write a role description", "role-create", roles=("coordinator",)),
    PageToCheck("A role description", "role-detail", _rec("role"), roles=("coordinator",)),
    PageToCheck("Add a criterion", "criterion-create", _rec("rep_role"), roles=("coordinator",)),
    PageToCheck("Open a vacancy", "vacancy-create", _rec("role"), roles=("coordinator",)),
    PageToCheck(
        "A vacancy (coordinator)", "vacancy-detail", _rec("vacancy"), roles=("coordinator",)
    ),
    PageToCheck("Applications", "vacancy-applications", _rec("vacancy"), roles=("coordinator",)),
    PageToCheck(
        "Enter a paper application", "application-enter", _rec("vacancy"), roles=("coordinator",)
    ),
    PageToCheck("Panel", "vacancy-panel", _rec("vacancy"), roles=("coordinator",)),
    PageToCheck("Applicants you know", "panel-conflicts", _rec("vacancy"), roles=("panel_member",)),
    PageToCheck("Where you advertise", "outreach-channels", _rec_org, roles=("coordinator",)),
    PageToCheck("Signposting", "signpost-list", _rec_org, roles=("coordinator",)),
    PageToCheck("Enquiries", "enquiry-list", _rec_org, roles=("coordinator",)),
    PageToCheck("Record an enquiry", "enquiry-create", _rec_org, roles=("coordinator",)),
    # Recruitment scoring, selection, decisions and the audit trail
    PageToCheck("Reviews", "scoring-index", _scoring(), roles=("panel_member",)),
    PageToCheck(
        "Score applications", "scoring-vacancy", _scoring("vacancy"), roles=("panel_member",)
    ),
    PageToCheck(
        "Score one question",
        "scoring-question",
        _scoring("vacancy", criterion_pk="criterion"),
        roles=("panel_member",),
    ),
    PageToCheck(
        "One application, blind",
        "scoring-application",
        lambda world: {**_scoring("vacancy")(world), "handle": _scoring_handle(world)},
        roles=("panel_member",),
    ),
    PageToCheck("Scores", "scores-vacancy", _scoring("vacancy"), roles=("coordinator",)),
    PageToCheck(
        "Application scores",
        "scores-application",
        _scoring("application"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Moderate",
        "scores-moderate",
        _scoring("application", criterion_pk="criterion"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Conversation", "conversation-record", _scoring("application"), roles=("coordinator",)
    ),
    PageToCheck("Decision", "decision-record", _scoring("application"), roles=("coordinator",)),
    PageToCheck(
        "Balanced selection", "selection-vacancy", _scoring("vacancy"), roles=("coordinator",)
    ),
    PageToCheck(
        "Reviewer statistics", "statistics-vacancy", _scoring("vacancy"), roles=("coordinator",)
    ),
    PageToCheck("Audit trail", "audit-vacancy", _scoring("vacancy"), roles=("coordinator",)),
    PageToCheck(
        "Feedback on an application", "applicant-feedback", _scoring("own"), roles=("member",)
    ),
    # Meetings: scheduling, agenda, papers, invitations, attendance, calendar
    PageToCheck("Meetings", "meeting-list", roles=("coordinator",)),
    PageToCheck("Your meetings", "my-meetings", roles=SIGNED_IN),
    PageToCheck("Schedule a meeting", "meeting-create", roles=("coordinator",)),
    PageToCheck(
        "Schedule a group's meetings",
        "group-meetings",
        lambda w: {"pk": w.objects["group"].pk},
        roles=("coordinator",),
    ),
    PageToCheck("Meeting", "meeting-detail", _meetings("_meeting"), roles=SIGNED_IN),
    PageToCheck(
        "Who is invited", "meeting-invitations", _meetings("_meeting"), roles=("coordinator",)
    ),
    # Board meetings and debriefs (issue 12)
    PageToCheck(
        "Glossary", "glossary", lambda w: {"pk": w.organisation.pk}, roles=("member", "coordinator")
    ),
    PageToCheck(
        "Add a glossary term",
        "glossary-term-add",
        lambda w: {"pk": w.organisation.pk},
        roles=("coordinator",),
    ),
    PageToCheck(
        "Decision-making body with its board meetings",
        "body-detail",
        lambda w: {"pk": _board_meeting(w).body_id},
        roles=("coordinator", "member"),
    ),
    PageToCheck(
        "Debrief after a board meeting",
        "meeting-debrief",
        lambda w: {"pk": _board_meeting(w).pk},
        roles=("member", "coordinator"),
    ),
    PageToCheck(
        "Briefing for a board meeting",
        "meeting-briefing",
        _briefing_meeting,
        roles=("member", "coordinator", "commissioner"),
    ),
    PageToCheck(
        "Prepare a briefing", "meeting-briefing-edit", _briefing_meeting, roles=("coordinator",)
    ),
    PageToCheck(
        "Add a point for the representatives",
        "meeting-briefing-point",
        _briefing_meeting,
        roles=("member", "coordinator"),
    ),
    PageToCheck(
        "Read the board's calendar",
        "body-calendar-import",
        _walked("body-calendar-import"),
        roles=("coordinator", "org_admin"),
    ),
    PageToCheck(
        "What the board's calendar changed",
        "calendar-import-detail",
        _walked("calendar-import-detail"),
        roles=("coordinator",),
    ),
    PageToCheck("Change a meeting", "meeting-edit", _meetings("_meeting"), roles=("coordinator",)),
    PageToCheck(
        "Cancel a meeting", "meeting-cancel", _meetings("_meeting"), roles=("coordinator",)
    ),
    PageToCheck("Venues", "venue-list", roles=("coordinator",)),
    PageToCheck("Add a venue", "venue-create", roles=("coordinator",)),
    PageToCheck("Agenda", "meeting-agenda", _meetings("_meeting"), roles=("coordinator",)),
    PageToCheck("Agenda item", "agenda-item-edit", _meetings("_item"), roles=("coordinator",)),
    PageToCheck("Papers", "meeting-papers", _meetings("_meeting"), roles=("coordinator",)),
    PageToCheck(
        "Reply to an invitation", "invitation-reply", _meetings("_invitation"), roles=("member",)
    ),
    PageToCheck(
        "Record a reply", "invitation-record", _meetings("_invitation"), roles=("coordinator",)
    ),
    PageToCheck("Attendance", "meeting-attendance", _meetings("_meeting"), roles=("coordinator",)),
    PageToCheck(
        "Attendance history",
        "person-attendance",
        lambda w: {"pk": w.objects["person"].pk},
        roles=SIGNED_IN,
    ),
    PageToCheck("Calendar", "my-calendar", roles=("member",)),
    # Meetings: minutes, corrections, actions, feedback summary, induction, reviews
    PageToCheck("Minutes", "meeting-minutes", _minutes("minutes_meeting"), roles=SIGNED_IN),
    PageToCheck(
        "Write the minutes",
        "meeting-minutes-edit",
        _minutes("minutes_meeting"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Send a correction",
        "meeting-minutes-correct",
        _minutes("minutes_meeting"),
        roles=("member",),
    ),
    PageToCheck(
        "Deal with a correction",
        "minutes-correction-resolve",
        _minutes("correction"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Add an action", "meeting-action-add", _minutes("minutes_meeting"), roles=("coordinator",)
    ),
    PageToCheck("Update an action", "action-update", _minutes("action"), roles=("coordinator",)),
    PageToCheck("Actions of a group", "group-actions", _minutes("group"), roles=SIGNED_IN),
    PageToCheck(
        "Feedback summary", "meeting-summary", _minutes("minutes_meeting"), roles=("coordinator",)
    ),
    PageToCheck(
        "Induction checklist",
        "membership-induction",
        _minutes("membership"),
        roles=("coordinator",),
    ),
    PageToCheck("Reflective reviews", "group-reviews", _minutes("group"), roles=("coordinator",)),
    PageToCheck("Review results", "review-results", _minutes("review"), roles=("coordinator",)),
    PageToCheck("Answer a review", "review-respond", _minutes("review"), roles=SIGNED_IN),
    # Work plans: priority exercise, plan, decision map, "you said"
    PageToCheck("Work plans", "workplan-index", roles=SIGNED_IN),
    PageToCheck("Group work plan", "workplan-group", lambda w: _wp(w, "group"), roles=SIGNED_IN),
    PageToCheck("Work plan version", "workplan-detail", lambda w: _wp(w, "plan"), roles=SIGNED_IN),
    PageToCheck(
        "Start the work plan", "workplan-create", lambda w: _wp(w, "group"), roles=("coordinator",)
    ),
    PageToCheck(
        "Add a work item", "workitem-create", lambda w: _wp(w, "plan"), roles=("coordinator",)
    ),
    PageToCheck(
        "Change a work item", "workitem-edit", lambda w: _wp(w, "item"), roles=("coordinator",)
    ),
    PageToCheck(
        "Review the plan", "workplan-review", lambda w: _wp(w, "plan"), roles=("coordinator",)
    ),
    PageToCheck(
        "Add to an agenda", "workplan-agenda", lambda w: _wp(w, "plan"), roles=("coordinator",)
    ),
    PageToCheck(
        "Start an exercise", "exercise-create", lambda w: _wp(w, "group"), roles=("coordinator",)
    ),
    PageToCheck(
        "Priority exercise", "exercise-detail", lambda w: _wp(w, "exercise"), roles=SIGNED_IN
    ),
    PageToCheck(
        "Suggest a problem", "proposal-create", lambda w: _wp(w, "exercise"), roles=SIGNED_IN
    ),
    PageToCheck("Vote", "exercise-vote", lambda w: _wp(w, "exercise"), roles=("member",)),
    PageToCheck(
        "Enter votes", "exercise-vote-enter", lambda w: _wp(w, "exercise"), roles=("coordinator",)
    ),
    PageToCheck(
        "Organisation priority",
        "priority-create",
        lambda w: _wp(w, "exercise"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Themes and matching",
        "exercise-themes",
        lambda w: _wp(w, "exercise"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Decision map",
        "decision-map",
        lambda w: _wp(w, "org"),
        roles=("member", "coordinator", "commissioner"),
    ),
    PageToCheck(
        "Add to the decision map",
        "decision-entry-create",
        lambda w: _wp(w, "org"),
        roles=("coordinator",),
    ),
    PageToCheck("You said", "feedback-list", lambda w: _wp(w, "group"), roles=SIGNED_IN),
    PageToCheck(
        "Capture you said", "feedback-capture", lambda w: _wp(w, "meeting"), roles=("coordinator",)
    ),
    # You said, we did: the coordinator's and owner's pages, members' pages,
    # and the public board (no login).
    PageToCheck(
        "You said, we did (with points)",
        "feedback-list",
        lambda w: _fb(w, "group"),
        roles=("coordinator", "member"),
    ),
    PageToCheck(
        "Add a you said point", "feedback-add", lambda w: _fb(w, "group"), roles=("coordinator",)
    ),
    PageToCheck(
        "A you said point",
        "feedback-detail",
        lambda w: _fb(w, "item"),
        roles=("coordinator", "admin_support", "member", "commissioner"),
    ),
    PageToCheck(
        "Change a you said point", "feedback-edit", lambda w: _fb(w, "item"), roles=("coordinator",)
    ),
    PageToCheck(
        "Answer a you said point",
        "feedback-respond",
        lambda w: _fb(w, "item"),
        roles=("coordinator", "admin_support"),
    ),
    PageToCheck(
        "Publish an answer",
        "feedback-response-publish",
        lambda w: _fb(w, "draft"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Delete a draft answer",
        "feedback-response-discard",
        lambda w: _fb(w, "draft"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Public wording", "feedback-public", lambda w: _fb(w, "item"), roles=("coordinator",)
    ),
    PageToCheck(
        "Check a member's point",
        "feedback-accept",
        lambda w: _fb(w, "waiting"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Do not share a member's point",
        "feedback-decline",
        lambda w: _fb(w, "waiting"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "You said settings", "feedback-settings", lambda w: _wp(w, "org"), roles=("coordinator",)
    ),
    PageToCheck("Tell us something", "feedback-tell", lambda w: _fb(w, "group"), roles=("member",)),
    PageToCheck(
        "What happened to what you said", "feedback-mine", lambda w: _fb(w), roles=SIGNED_IN
    ),
    PageToCheck("Public board", "board", lambda w: _fb(w, "group"), roles=("anonymous", "member")),
    # Expenses, claimant side: your claims, a claim, check and send, payment
    # preference, paper claims, the payment policy
    PageToCheck("Your claims", "claim-list", roles=SIGNED_IN),
    PageToCheck("A claim", "claim-detail", lambda w: _claims(w, "claim"), roles=SIGNED_IN),
    PageToCheck("Check your claim", "claim-check", lambda w: _claims(w, "claim"), roles=SIGNED_IN),
    PageToCheck("Claim sent", "claim-sent", lambda w: _claims(w, "claim"), roles=("member",)),
    PageToCheck("Involvement payments", "payment-preference", roles=SIGNED_IN),
    PageToCheck("Paper claims", "claim-paper-list", roles=("coordinator",)),
    PageToCheck(
        "Payment policy", "payment-policy", lambda w: _claims(w, "org"), roles=("org_admin",)
    ),
    PageToCheck(
        "Add a payment rule", "payment-rule-add", lambda w: _claims(w, "org"), roles=("org_admin",)
    ),
    PageToCheck(
        "Change a payment rule",
        "payment-rule-edit",
        lambda w: _claims(w, "rule"),
        roles=("org_admin",),
    ),
    # Confirmation pages before removing something
    PageToCheck(
        "Remove a cost", "claim-line-remove", _walked("claim-line-remove"), roles=("member",)
    ),
    PageToCheck(
        "Cancel a message", "message-cancel", _walked("message-cancel"), roles=("coordinator",)
    ),
    PageToCheck(
        "Remove an agenda item",
        "agenda-item-delete",
        _walked("agenda-item-delete"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Remove a criterion",
        "criterion-delete",
        _walked("criterion-delete"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Remove a panel member",
        "panel-member-remove",
        _walked("panel-member-remove"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Remove a decision-map topic",
        "decision-entry-delete",
        _walked("decision-entry-delete"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Remove a payment rule",
        "payment-rule-delete",
        _walked("payment-rule-delete"),
        roles=("org_admin",),
    ),
    # Expenses, staff side: approval, payment, prompt payment, budgets
    PageToCheck("Claims to approve", "approval-queue", lambda w: _pay(w), roles=("coordinator",)),
    PageToCheck(
        "Decide on a claim", "approval-claim", lambda w: _pay(w, "claim"), roles=("coordinator",)
    ),
    PageToCheck("Claims to pay", "payment-list", lambda w: _pay(w), roles=("finance",)),
    PageToCheck("Payment runs", "payment-run-list", lambda w: _pay(w), roles=("finance",)),
    PageToCheck(
        "A payment run", "payment-run-detail", lambda w: _pay(w, "run"), roles=("finance",)
    ),
    PageToCheck("Prompt payment", "prompt-payment", lambda w: _pay(w), roles=("coordinator",)),
    PageToCheck("Budgets", "budget-overview", lambda w: _pay(w), roles=("finance",)),
    PageToCheck("Set a budget", "budget-set", lambda w: _pay(w), roles=("coordinator",)),
    # Evaluation: objectives and measures, readings, the organisation dashboard
    PageToCheck("Impact and evaluation", "evaluation-index", roles=("commissioner",)),
    PageToCheck(
        "Impact dashboard",
        "evaluation-dashboard",
        lambda w: _ev(w, "org"),
        roles=("coordinator", "commissioner"),
    ),
    PageToCheck(
        "Group dashboard",
        "group-dashboard",
        lambda w: _ev(w, "group"),
        roles=("coordinator", "commissioner"),
    ),
    PageToCheck(
        "Region dashboard",
        "region-dashboard",
        _walked("region-dashboard"),
        roles=("commissioner",),
    ),
    PageToCheck(
        "An organisation seen from its region",
        "region-organisation",
        _walked("region-organisation"),
        roles=("commissioner",),
    ),
    PageToCheck(
        "Impact report for a region",
        "region-report-request",
        _walked("region-report-request"),
        roles=("commissioner",),
    ),
    PageToCheck(
        "Sharing figures with regions",
        "region-sharing",
        lambda w: _ev(w, "org"),
        roles=("org_admin",),
    ),
    PageToCheck(
        "Stop sharing figures with a region",
        "region-grant-revoke",
        _walked("region-grant-revoke"),
        roles=("org_admin",),
    ),
    PageToCheck(
        "UK Standards for Public Involvement",
        "standards-list",
        lambda w: _ev(w, "group"),
        roles=("commissioner",),
    ),
    PageToCheck(
        "Rate the group against the standards",
        "standards-edit",
        lambda w: {**_ev(w, "group"), "year": _this_year()},
        roles=("coordinator",),
    ),
    PageToCheck(
        "Impact report", "report-request", lambda w: _ev(w, "org"), roles=("commissioner",)
    ),
    PageToCheck(
        "Impact report ready", "report-job", lambda w: _ev(w, "report_job"), roles=("commissioner",)
    ),
    PageToCheck("Objectives", "objective-list", lambda w: _ev(w, "org"), roles=("coordinator",)),
    PageToCheck(
        "Add an objective", "objective-create", lambda w: _ev(w, "org"), roles=("coordinator",)
    ),
    PageToCheck(
        "An objective", "objective-detail", lambda w: _ev(w, "objective"), roles=("coordinator",)
    ),
    PageToCheck(
        "Add a measure", "measure-create", lambda w: _ev(w, "objective"), roles=("coordinator",)
    ),
    PageToCheck(
        "A measure", "measure-detail", lambda w: _ev(w, "measure"), roles=("commissioner",)
    ),
    PageToCheck(
        "Enter a reading", "reading-create", lambda w: _ev(w, "measure"), roles=("coordinator",)
    ),
    PageToCheck(
        "Involvement score", "survey-list", lambda w: _ev(w, "org"), roles=("coordinator",)
    ),
    PageToCheck(
        "Start a survey round", "survey-create", lambda w: _ev(w, "org"), roles=("coordinator",)
    ),
    PageToCheck(
        "Answer the involvement score",
        "survey-answer",
        lambda w: _ev(w, "survey_round"),
        roles=("member",),
    ),
    PageToCheck(
        "Enter a paper answer",
        "survey-paper",
        lambda w: _ev(w, "survey_round"),
        roles=("coordinator",),
    ),
    PageToCheck("What changed", "impact-list", lambda w: _ev(w, "org"), roles=("commissioner",)),
    PageToCheck(
        "Add an impact record", "impact-create", lambda w: _ev(w, "org"), roles=("coordinator",)
    ),
    PageToCheck(
        "An impact record", "impact-detail", lambda w: _ev(w, "record"), roles=("coordinator",)
    ),
    PageToCheck(
        "Impact on the public page",
        "impact-publish",
        lambda w: _ev(w, "record"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "What changed because of the group",
        "impact-public",
        lambda w: _ev(w, "group"),
        roles=("anonymous",),
    ),
    PageToCheck(
        "Add a file of evidence", "evidence-add", lambda w: _ev(w, "record"), roles=("coordinator",)
    ),
    PageToCheck(
        "Remove a file of evidence",
        "evidence-remove",
        lambda w: _ev(w, "evidence"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Member experience",
        "experience-list",
        lambda w: _ev(w, "group"),
        roles=("coordinator", "commissioner"),
    ),
    PageToCheck(
        "Set up a member experience survey",
        "experience-create",
        lambda w: _ev(w, "group"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Answer the member experience survey",
        "experience-answer",
        lambda w: _ev(w, "experience_survey"),
        roles=("member",),
    ),
    PageToCheck(
        "Enter member experience answers from paper",
        "experience-paper",
        lambda w: _ev(w, "experience_survey"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Send the member experience links",
        "experience-send",
        lambda w: _ev(w, "experience_survey"),
        roles=("coordinator",),
    ),
    PageToCheck(
        "Send the involvement score links",
        "survey-send",
        lambda w: _ev(w, "survey_round"),
        roles=("coordinator",),
    ),
]


def _this_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year


def _ev(world, name):
    """kwargs for the evaluation pages (objects from tests/access/evaluation)."""
    from ..access.evaluation import evaluation_objects

    objects = evaluation_objects(world)
    if name == "org":
        return {"pk": world.organisation.pk}
    if name == "group":
        return {"pk": world.objects["group"].pk}
    return {"pk": objects[name].pk}


def _wp(world, name):
    """kwargs for the workplans pages (objects from tests/access/workplans)."""
    from ..access.workplans import workplan_objects

    objects = workplan_objects(world)
    if name == "group":
        return {"pk": world.objects["group"].pk}
    if name == "org":
        return {"org_pk": world.organisation.pk}
    return {"pk": objects[name].pk}


def _fb(world, name=None):
    """kwargs for the "You said, we did" pages (objects from tests/access/workplans)."""
    from ..access.workplans import feedback_objects

    objects = feedback_objects(world)
    if name is None:
        return {}
    if name == "group":
        return {"pk": world.objects["group"].pk}
    return {"pk": objects[name].pk}


def _cases():
    for check in PAGES:
        for role in check.roles:
            slug = re.sub(r"[^a-z0-9]+", "-", check.label.lower()).strip("-")
            yield pytest.param(check, role, id=f"{slug}-as-{role}")


@pytest.mark.parametrize(("check", "role"), list(_cases()))
def test_page_has_no_serious_accessibility_violations(
    world, as_user, url, assert_no_serious_violations, check, role
):
    page = as_user(world.user(role))
    address = url(check.url, **(check.kwargs(world) if check.kwargs else {}))

    response = page.goto(address)

    assert response.status == check.status, f"{check.label} as {role}: HTTP {response.status}"
    assert page.url == address, f"{check.label} as {role} redirected to {page.url}"
    assert page.locator("main#maincontent h1").count() == 1, "page has one main heading"
    assert_no_serious_violations(page, f"{check.label} as {role}")
    assert page.broken_resources == [], "every stylesheet, script, font and image loads"


def test_every_role_is_checked_on_the_home_page():
    home = next(check for check in PAGES if check.url == "home")
    assert set(home.roles) == set(ROLES)


def _submit_login(page):
    page.locator("main form").get_by_role("button").click()
    page.wait_for_load_state()


def test_empty_login_shows_an_accessible_error_summary_linking_to_each_field(
    page, url, assert_no_serious_violations
):
    page.goto(url("account_login"))

    _submit_login(page)

    summary = page.locator(".nhsuk-error-summary")
    assert summary.count() == 1
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    assert page.title().startswith("Error: ")
    links = summary.locator("a")
    assert links.count() == 2, "one link per empty field"
    for i in range(links.count()):
        target = links.nth(i).get_attribute("href")
        field = page.locator(target)
        assert field.count() == 1, f"{target} is on the page"
        assert field.evaluate("el => ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)")
        # The message is also shown next to the field, which points at it.
        described_by = field.get_attribute("aria-describedby") or ""
        assert f"{target[1:]}-error" in described_by.split()
        assert page.locator(f"{target}-error").is_visible()
    # Following a link moves focus to the field it names.
    first = links.first.get_attribute("href")
    links.first.click()
    assert page.evaluate("() => '#' + document.activeElement.id") == first
    assert_no_serious_violations(page, "Log in with errors")


def test_wrong_password_keeps_the_typed_email_and_explains_the_error(
    world, page, url, assert_no_serious_violations
):
    email = world.user("member").email
    page.goto(url("account_login"))
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(TEST_PASSWORD + "-wrong")

    _submit_login(page)

    assert page.url == url("account_login"), "still on the log-in page"
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert page.locator("#id_login").input_value() == email
    assert page.locator("#id_password").input_value() == "", "a password is never sent back"
    assert_no_serious_violations(page, "Log in with a wrong password")


def test_the_check_fails_on_a_page_with_a_serious_violation(
    page, url, run_axe, assert_no_serious_violations
):
    """The harness itself: an input with no label is found and reported."""
    page.goto(url("privacy"))
    page.evaluate(
        """() => {
            const input = document.createElement("input");
            input.id = "unlabelled-field";
            document.querySelector("main").append(input);
        }"""
    )

    violations = {v["id"]: v for v in run_axe(page)}
    assert "label" in violations
    assert violations["label"]["impact"] in {"serious", "critical"}
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_no_serious_violations(page, "Privacy notice with an unlabelled input")
    report = str(failure.value)
    assert "label:" in report
    assert "#unlabelled-field" in report
    assert '<input id="unlabelled-field">' in report


def _claims(world, name):
    """kwargs for the claimant's expenses pages (objects from tests/access/expenses_claims)."""
    from ..access import expenses_claims

    if name == "claim":
        return {"public_id": expenses_claims.claim(world).public_id}
    if name == "rule":
        return {"pk": expenses_claims.rule(world).pk}
    return {"pk": world.organisation.pk}


def _pay(world, name=None):
    """kwargs for the staff's expenses pages (objects from tests/access/expenses_admin)."""
    from ..access.expenses_admin import expenses_admin_world

    objects = expenses_admin_world(world).objects
    return {"pk": objects[name].pk} if name else {}
