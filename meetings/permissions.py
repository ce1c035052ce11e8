"""Access rules for meetings' own objects: meetings, venues, papers,
invitations and attendance, minutes and actions, reflective reviews -- and,
for now, expenses (claims, receipts, payment runs, payment policies, budgets),
whose models live in meetings/models/expenses.py until expenses/ becomes its
own app. Built on the core (involvement.permissions).

Views, selectors and tasks of meetings ask here; the core's rules come from
involvement.permissions. The actions join `user_can` through `register_rules`,
when MeetingsConfig.ready() imports this module.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from involvement.models import Organisation
from involvement.permissions import (
    Role,
    access_group,
    can_manage_group,
    get_for_action,
    get_or_404,
    groups_visible_to,
    is_platform_admin,
    is_self,
    organisation_ids,
    organisations_visible_to,
    person_of,
    person_organisation_ids,
    persons_visible_to,
    register_rules,
    roles_by_organisation,
    user_can,
)
from meetings.models import (
    Action,
    ClaimLine,
    ExpenseClaim,
    Invitation,
    Meeting,
    Minutes,
    Paper,
    PaymentRun,
    Receipt,
    ReflectiveReview,
    Venue,
)

# ---------------------------------------------------------------------------
# Meetings (issue 5: scheduling, agenda, papers, invitations, attendance,
# calendar feeds). Coordinators and admin support of an organisation manage
# its meetings, venues, papers and attendance (MEETING_ROLES). Members see
# their own groups' meetings and their own invitations; representatives see
# their bodies' meetings they are invited to. Other staff (commissioners,
# finance, panel members, organisation admins) see no meeting and nobody's
# replies: 404, or 403 on a management page of their organisation. Another
# organisation's meeting or venue is a 404.
# ---------------------------------------------------------------------------

MEETING_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT})


def can_manage_meetings(user, organisation_id: int) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & MEETING_ROLES
    )


def can_run_meetings(user) -> bool:
    """Manages the meetings of at least one organisation."""
    return is_platform_admin(user) or bool(organisation_ids(user, *MEETING_ROLES))


def organisations_managing_meetings(user) -> QuerySet:
    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=organisation_ids(user, *MEETING_ROLES))


def meetings_visible_to(user) -> QuerySet:
    """Meetings of the user's organisations (meeting staff), of the groups the
    user is a member of, and any meeting they are invited to."""
    if is_platform_admin(user):
        return Meeting.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    condition = Q(organisation_id__in=organisation_ids(user, *MEETING_ROLES))
    person = person_of(user)
    if person is not None:
        member_groups = person.memberships.values("group_id")
        condition |= Q(group_id__in=member_groups) | Q(
            id__in=person.invitations.values("meeting_id")
        )
    return Meeting.objects.filter(condition)


def meetings_managed_by(user) -> QuerySet:
    if is_platform_admin(user):
        return Meeting.objects.all()
    return Meeting.objects.filter(organisation_id__in=organisation_ids(user, *MEETING_ROLES))


def venues_visible_to(user) -> QuerySet:
    """Venues: the organisation's staff (all roles may look; meeting staff edit)."""
    if is_platform_admin(user):
        return Venue.objects.all()
    return Venue.objects.filter(organisation_id__in=organisation_ids(user))


register_rules(
    checks={
        ("meeting", "view"): lambda user, obj: True,
        ("meeting", "manage"): lambda user, obj: can_manage_meetings(user, obj.organisation_id),
        ("venue", "view"): lambda user, obj: can_manage_meetings(user, obj.organisation_id),
        ("venue", "manage"): lambda user, obj: can_manage_meetings(user, obj.organisation_id),
        ("organisation", "manage_meetings"): lambda user, obj: can_manage_meetings(user, obj.id),
    },
    kinds={"Meeting": "meeting", "Venue": "venue"},
)


def access_meeting(*, user, pk, action="view"):
    return get_for_action(
        meetings_visible_to(user).select_related("organisation", "group", "body", "venue"),
        user,
        pk,
        action,
    )


def access_venue(*, user, pk, action="view"):
    return get_for_action(venues_visible_to(user).select_related("organisation"), user, pk, action)


def access_paper(*, user, pk):
    """A meeting paper: whoever sees its meeting may download it; 404 otherwise."""
    return get_or_404(
        Paper.objects.filter(meeting__in=meetings_visible_to(user)).select_related(
            "meeting__organisation"
        ),
        pk=pk,
    )


def access_invitation(*, user, pk, action="reply"):
    """An invitation: the invited person replies to it; meeting staff record
    replies and attendance. Anyone else: 404."""
    invitation = get_or_404(
        Invitation.objects.filter(meeting__in=meetings_visible_to(user)).select_related(
            "meeting__organisation", "meeting__group", "meeting__body", "person"
        ),
        pk=pk,
    )
    own = invitation.person.user_id is not None and invitation.person.user_id == user.pk
    manages = can_manage_meetings(user, invitation.meeting.organisation_id)
    if action == "reply" and own:
        return invitation
    if manages:
        return invitation
    if own:
        raise PermissionDenied
    raise Http404("No invitation found")


def access_group_meetings(*, user, pk):
    """A group whose meetings the user schedules: meeting staff of its
    organisation; others who see the group: 403; outside: 404."""
    group = access_group(user=user, pk=pk)
    if not can_manage_meetings(user, group.organisation_id):
        raise PermissionDenied
    return group


def access_attendance_history(*, user, pk):
    """A person's attendance history: the person, and meeting staff of an
    organisation whose groups they are in."""
    person = get_or_404(persons_visible_to(user), pk=pk)
    if is_self(user, person) or is_platform_admin(user):
        return person
    if organisation_ids(user, *MEETING_ROLES) & person_organisation_ids(person):
        return person
    raise PermissionDenied


# ---------------------------------------------------------------------------
# meetings: minutes (issue 5: minutes, corrections and approval, actions, the
# feedback summary, induction checklists and the reflective review).
# A meeting's minutes exist for the organisation's staff, the members of its
# group and the people invited to it; anyone else gets 404. Coordinators,
# admin support and organisation admins write minutes and actions and send
# the summary; coordinators and organisation admins approve (the chair's
# decision is recorded by them). Draft minutes sent for corrections are read
# by the people who attended, who alone may correct them. Published minutes
# are published to the members: they are read by the staff who write minutes,
# the group's members and the meeting's invitees, and by nobody else, so
# members' names in them (an action's owner, what was said) reach only those
# who may see them. Commissioners (who never see person-level data), finance
# and recruitment panel members do not read minutes through their role: 403.
# Induction checklists use the membership rules; reflective reviews are opened
# and read by the group's managers and answered by its members.
# ---------------------------------------------------------------------------

MINUTES_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT, Role.ORG_ADMIN})
MINUTES_APPROVE_ROLES = frozenset({Role.COORDINATOR, Role.ORG_ADMIN})


def minutes_meetings_visible_to(user) -> QuerySet:
    """Meetings whose minutes, actions and summary a user may reach."""
    if is_platform_admin(user):
        return Meeting.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    condition = Q(organisation_id__in=organisation_ids(user))
    person = person_of(user)
    if person is not None:
        condition |= Q(group__memberships__person=person) | Q(invitations__person=person)
    return Meeting.objects.filter(pk__in=Meeting.objects.filter(condition).values("pk"))


def can_write_minutes(user, meeting) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(meeting.organisation_id, frozenset()) & MINUTES_ROLES
    )


def can_approve_minutes(user, meeting) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(meeting.organisation_id, frozenset())
        & MINUTES_APPROVE_ROLES
    )


def attended(user, meeting) -> bool:
    person = person_of(user)
    return person is not None and meeting.invitations.filter(person=person, attended=True).exists()


def can_correct_minutes(user, meeting, minutes) -> bool:
    """Only the people who came, while the draft is out for corrections."""
    return (
        minutes is not None
        and minutes.status == Minutes.Status.CIRCULATED
        and attended(user, meeting)
    )


def is_member_or_invitee(user, meeting) -> bool:
    """A member of the meeting's group (now or before), or invited to it."""
    person = person_of(user)
    if person is None:
        return False
    return (
        meeting.group_id is not None and meeting.group.memberships.filter(person=person).exists()
    ) or meeting.invitations.filter(person=person).exists()


def can_read_minutes(user, meeting, minutes) -> bool:
    if can_write_minutes(user, meeting):
        return True
    if minutes is None or minutes.status == Minutes.Status.DRAFT:
        return False
    if minutes.status == Minutes.Status.PUBLISHED:
        return is_member_or_invitee(user, meeting)
    return attended(user, meeting)


def can_read_summary(user, meeting, minutes) -> bool:
    """The feedback summary (and its PDF): those who write minutes, and the
    group's members and the meeting's invitees once the draft has gone out."""
    from meetings.services.summary import READY

    if can_write_minutes(user, meeting):
        return True
    if minutes is None or minutes.status not in READY:
        return False
    person = person_of(user)
    if person is None:
        return False
    return (
        meeting.group_id is not None and meeting.group.memberships.filter(person=person).exists()
    ) or meeting.invitations.filter(person=person).exists()


def can_see_group_actions(user, group) -> bool:
    """The group's managers and staff who write minutes, and its members."""
    if is_platform_admin(user) or (
        roles_by_organisation(user).get(group.organisation_id, frozenset()) & MINUTES_ROLES
    ):
        return True
    person = person_of(user)
    return person is not None and group.memberships.filter(person=person).exists()


def access_minutes_meeting(*, user, pk, action="read"):
    """A meeting for its minutes pages: 404 outside scope, 403 when the action
    ("read", "write", "approve", "correct") is not allowed."""
    meeting = get_or_404(
        minutes_meetings_visible_to(user).select_related("group", "body", "organisation"), pk=pk
    )
    minutes = getattr(meeting, "minutes", None)
    checks = {
        "read": lambda: can_read_minutes(user, meeting, minutes),
        "write": lambda: can_write_minutes(user, meeting),
        "approve": lambda: can_approve_minutes(user, meeting),
        "correct": lambda: can_correct_minutes(user, meeting, minutes),
        "summary": lambda: can_read_summary(user, meeting, minutes),
    }
    if not checks[action]():
        raise PermissionDenied
    return meeting


def access_action(*, user, pk):
    """An action, for the people who write minutes of its meeting."""
    action = get_or_404(
        Action.objects.filter(meeting__in=minutes_meetings_visible_to(user)).select_related(
            "meeting__group", "meeting__organisation"
        ),
        pk=pk,
    )
    if not can_write_minutes(user, action.meeting):
        raise PermissionDenied
    return action


def reflective_reviews_visible_to(user) -> QuerySet:
    return ReflectiveReview.objects.filter(group__in=groups_visible_to(user))


def can_answer_review(user, review) -> bool:
    person = person_of(user)
    return person is not None and review.group.memberships.filter(person=person).exists()


def access_reflective_review(*, user, pk, action="results"):
    """ "results" and "enter" for the group's managers; "answer" for its members
    (managers may also answer for a member, as "enter")."""
    review = get_or_404(
        reflective_reviews_visible_to(user).select_related("group__organisation"), pk=pk
    )
    manager = can_manage_group(user, review.group)
    allowed = (
        manager if action in ("results", "enter") else manager or can_answer_review(user, review)
    )
    if not allowed:
        raise PermissionDenied
    return review


# ===========================================================================
# Expenses: moves to expenses/ with the models (meetings/models/expenses.py).
# Everything below this line is the expenses app's rules; cut it into
# expenses/permissions.py when the app exists.
# ===========================================================================


# ---------------------------------------------------------------------------
# expenses: approval and payment (issue 6). Coordinators and organisation
# admins of an organisation approve, query and reject its submitted claims
# (organisation admins because overdue claims are escalated to them); admin
# support do not decide on money. Finance of the organisation marks approved
# claims paid and exports payment runs. Prompt-payment figures: approvers and
# finance. Budgets: coordinators, organisation admins and finance read and set
# them. Nobody approves their own claim (checked again in the service). Other
# staff of the organisation get 403; another organisation's claim, receipt or
# payment run is a 404.
# ---------------------------------------------------------------------------

EXPENSE_APPROVER_ROLES = frozenset({Role.COORDINATOR, Role.ORG_ADMIN})
EXPENSE_FINANCE_ROLES = frozenset({Role.FINANCE})
EXPENSE_FIGURES_ROLES = EXPENSE_APPROVER_ROLES | EXPENSE_FINANCE_ROLES
EXPENSE_BUDGET_ROLES = EXPENSE_APPROVER_ROLES | EXPENSE_FINANCE_ROLES


def _has_expense_role(user, organisation_id: int, roles) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & roles
    )


def can_approve_claims(user, organisation_id: int) -> bool:
    return _has_expense_role(user, organisation_id, EXPENSE_APPROVER_ROLES)


def can_pay_claims(user, organisation_id: int) -> bool:
    return _has_expense_role(user, organisation_id, EXPENSE_FINANCE_ROLES)


def can_see_expense_figures(user, organisation_id: int) -> bool:
    return _has_expense_role(user, organisation_id, EXPENSE_FIGURES_ROLES)


def can_manage_budgets(user, organisation_id: int) -> bool:
    return _has_expense_role(user, organisation_id, EXPENSE_BUDGET_ROLES)


def organisations_with_expense_role(user, roles) -> QuerySet:
    if is_platform_admin(user):
        return Organisation.objects.all().order_by("name")
    return Organisation.objects.filter(id__in=organisation_ids(user, *roles)).order_by("name")


def organisations_approving_claims(user) -> QuerySet:
    return organisations_with_expense_role(user, EXPENSE_APPROVER_ROLES)


def organisations_paying_claims(user) -> QuerySet:
    return organisations_with_expense_role(user, EXPENSE_FINANCE_ROLES)


def organisations_with_expense_figures(user) -> QuerySet:
    return organisations_with_expense_role(user, EXPENSE_FIGURES_ROLES)


def organisations_with_budgets(user) -> QuerySet:
    return organisations_with_expense_role(user, EXPENSE_BUDGET_ROLES)


def claims_visible_to_staff(user) -> QuerySet:
    """Claims of the organisations the user has any staff role in (so other
    staff of the organisation get 403 on an action, another organisation 404)."""
    if is_platform_admin(user):
        return ExpenseClaim.objects.all()
    if not getattr(user, "is_authenticated", False):
        return ExpenseClaim.objects.none()
    return ExpenseClaim.objects.filter(organisation_id__in=organisation_ids(user))


def access_claim_for_approval(*, user, pk):
    """A submitted (or decided) claim to approve, query or reject."""
    claim = get_or_404(
        claims_visible_to_staff(user).select_related(
            "organisation", "person", "meeting", "group", "approved_by"
        ),
        pk=pk,
    )
    if not can_approve_claims(user, claim.organisation_id):
        raise PermissionDenied
    return claim


def access_receipt_for_staff(*, user, pk):
    """A receipt, for the approvers and finance of the claim's organisation."""
    receipt = get_or_404(
        Receipt.objects.filter(line__claim__in=claims_visible_to_staff(user)).select_related(
            "line__claim"
        ),
        pk=pk,
    )
    organisation_id = receipt.line.claim.organisation_id
    if not (can_approve_claims(user, organisation_id) or can_pay_claims(user, organisation_id)):
        raise PermissionDenied
    return receipt


def payment_runs_visible_to(user) -> QuerySet:
    if is_platform_admin(user):
        return PaymentRun.objects.all()
    return PaymentRun.objects.filter(organisation_id__in=organisation_ids(user))


def access_payment_run(*, user, pk):
    run = get_or_404(payment_runs_visible_to(user).select_related("organisation"), pk=pk)
    if not can_pay_claims(user, run.organisation_id):
        raise PermissionDenied
    return run


def access_expense_organisation(*, user, pk, check):
    """An organisation of the user's for an expenses page; `check` is one of
    the can_* predicates above (403 when it says no, 404 outside the user's
    organisations)."""
    organisation = get_or_404(organisations_visible_to(user), pk=pk)
    if not check(user, organisation.pk):
        raise PermissionDenied
    return organisation


def can_use_expense_admin(user, roles) -> bool:
    return is_platform_admin(user) or bool(organisation_ids(user, *roles))


# ---------------------------------------------------------------------------
# expenses: claims (issue 6: the claimant side and the payment policy).
# A claimant sees their own claims. Coordinators, admin support and finance of
# the organisation see its claims; coordinators and admin support enter paper
# claims for people who do not use the web. Receipts are served only to the
# claimant, and to coordinators and finance of that organisation (admin
# support sees the claim but not its receipts: 403). The organisation admin
# edits the payment policy (other staff of the organisation: 403). Another
# organisation's claim, receipt or policy is a 404.
# ---------------------------------------------------------------------------

CLAIM_STAFF_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT, Role.FINANCE})
CLAIM_ENTRY_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT})
RECEIPT_STAFF_ROLES = frozenset({Role.COORDINATOR, Role.FINANCE})
POLICY_ROLES = frozenset({Role.ORG_ADMIN})


def _holds(user, organisation_id: int, roles) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & roles
    )


def claims_visible_to(user) -> QuerySet:
    """The user's own claims and the claims of organisations whose claims they handle."""
    if is_platform_admin(user):
        return ExpenseClaim.objects.all()
    if not getattr(user, "is_authenticated", False):
        return ExpenseClaim.objects.none()
    condition = Q(organisation_id__in=organisation_ids(user, *CLAIM_STAFF_ROLES))
    person = person_of(user)
    if person is not None:
        condition |= Q(person=person)
    return ExpenseClaim.objects.filter(condition)


def is_own_claim(user, claim) -> bool:
    person = person_of(user)
    return person is not None and claim.person_id == person.pk


def can_enter_claims(user, organisation_id: int) -> bool:
    return _holds(user, organisation_id, CLAIM_ENTRY_ROLES)


def can_enter_paper_claims(user) -> bool:
    return is_platform_admin(user) or bool(organisation_ids(user, *CLAIM_ENTRY_ROLES))


def can_edit_claim(user, claim) -> bool:
    """The claimant, or a coordinator or admin support entering it for them."""
    return is_own_claim(user, claim) or can_enter_claims(user, claim.organisation_id)


def can_see_receipts(user, claim) -> bool:
    return is_own_claim(user, claim) or _holds(user, claim.organisation_id, RECEIPT_STAFF_ROLES)


def can_edit_payment_policy(user, organisation_id: int) -> bool:
    return _holds(user, organisation_id, POLICY_ROLES)


register_rules(
    checks={
        ("claim", "view"): lambda user, obj: True,
        ("claim", "edit"): can_edit_claim,
        ("claim", "receipts"): can_see_receipts,
    },
    kinds={"ExpenseClaim": "claim"},
)


def access_claim(*, user, pk, action="view", by="public_id"):
    """A claim by its public id (or pk with by="pk"): 404 outside the user's
    claims, 403 when seen but the action is not theirs."""
    claim = get_or_404(
        claims_visible_to(user).select_related(
            "organisation", "person", "meeting__group", "meeting__body", "group", "entered_by"
        ),
        **{by: pk},
    )
    if not user_can(user, action, claim):
        raise PermissionDenied
    return claim


def access_receipt(*, user, pk):
    receipt = get_or_404(
        Receipt.objects.filter(line__claim__in=claims_visible_to(user)).select_related(
            "line__claim"
        ),
        pk=pk,
    )
    if not can_see_receipts(user, receipt.line.claim):
        raise PermissionDenied
    return receipt


def access_claim_line(*, user, pk):
    line = get_or_404(
        ClaimLine.objects.filter(claim__in=claims_visible_to(user)).select_related(
            "claim__organisation"
        ),
        pk=pk,
    )
    if not can_edit_claim(user, line.claim):
        raise PermissionDenied
    return line


def access_invitation_for_claim(*, user, pk):
    """An attended meeting's invitation, for a paper claim or the printable
    form: the invited person, and coordinators and admin support of the
    organisation. Anyone else: 404."""
    invitation = get_or_404(
        Invitation.objects.select_related(
            "meeting__organisation", "meeting__group", "meeting__body", "person"
        ),
        pk=pk,
    )
    own = invitation.person.user_id is not None and invitation.person.user_id == user.pk
    if own or can_enter_claims(user, invitation.meeting.organisation_id):
        return invitation
    raise Http404("No invitation found")


def access_payment_policy_organisation(*, user, pk):
    """An organisation whose payment policy the user edits: its admin; other
    staff of the organisation: 403; anyone else: 404."""
    organisation = get_or_404(organisations_visible_to(user), pk=pk)
    if not can_edit_payment_policy(user, organisation.pk):
        if organisation.pk in organisation_ids(user):
            raise PermissionDenied
        raise Http404("No organisation found")
    return organisation


def organisations_editing_policy(user) -> QuerySet:
    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=organisation_ids(user, *POLICY_ROLES))
