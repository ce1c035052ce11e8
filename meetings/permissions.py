"""Access rules for meetings' own objects: meetings, venues, papers,
invitations and attendance, minutes and actions, reflective reviews. Built on
the core (involvement.permissions). The rules for claims, receipts, payment
runs, payment policies and budgets are the expenses app's
(expenses/permissions.py).

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
    can_see_representatives,
    get_for_action,
    get_or_404,
    groups_visible_to,
    is_platform_admin,
    is_self,
    organisation_ids,
    person_of,
    person_organisation_ids,
    persons_visible_to,
    register_rules,
    roles_by_organisation,
)
from meetings.models import (
    Action,
    Invitation,
    Meeting,
    Minutes,
    Paper,
    ReflectiveReview,
    Venue,
)
from meetings.seats import meeting_day, seat_of, seats_for_debrief

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


def access_meeting(*, user, pk, action="view", related=()):
    """A meeting the user may see (404 outside it), for `action` (403); `related`
    joins more (say "minutes") into the same query."""
    return get_for_action(
        meetings_visible_to(user).select_related(
            "organisation", "group", "body", "venue", *related
        ),
        user,
        pk,
        action,
    )


def access_venue(*, user, pk, action="view"):
    return get_for_action(venues_visible_to(user).select_related("organisation"), user, pk, action)


def access_paper(*, user, pk, meeting_pk=None):
    """A meeting paper: whoever sees its meeting may download it. A board
    meeting's papers also go to those its briefing is for (the body's
    representatives on the day and the members of their groups); others who
    may look at the board meeting (commissioners, finance: papers can name
    people) get 403; anyone else 404. `meeting_pk`: the paper must be that
    meeting's."""
    papers = Paper.objects.select_related("meeting__organisation")
    if meeting_pk is not None:
        papers = papers.filter(meeting_id=meeting_pk)
    paper = papers.filter(pk=pk, meeting__in=meetings_visible_to(user)).first()
    if paper is not None:
        return paper
    paper = get_or_404(papers.filter(meeting__in=briefing_meetings_visible_to(user)), pk=pk)
    if not can_download_board_papers(user, paper.meeting):
        raise PermissionDenied
    return paper


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


def access_minutes_meeting(*, user, pk, action="read", related=()):
    """A meeting for its minutes pages: 404 outside scope, 403 when the action
    ("read", "write", "approve", "correct") is not allowed. `related` joins
    more (say "minutes__approved_by") into the same query."""
    meeting = get_or_404(
        minutes_meetings_visible_to(user).select_related(
            "group", "body", "organisation", "minutes", *related
        ),
        pk=pk,
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


# ---------------------------------------------------------------------------
# Debriefs after board meetings (issue 12). The organisation's meeting staff,
# and the members who sat on the board on the meeting's day, write the
# debrief; only meeting staff see how it went for the representative (the
# support notes) and publish it. Anyone else: 404 (they do not see the board
# meeting's debrief at all) or 403 for a representative on a staff-only step.
# ---------------------------------------------------------------------------


def board_meetings_of_seats(person) -> QuerySet:
    """Board meetings of the bodies the person has ever held a seat on."""
    return Meeting.objects.filter(
        kind=Meeting.Kind.BOARD,
        body__seats__membership__person=person,
    )


def debrief_meetings_visible_to(user) -> QuerySet:
    if is_platform_admin(user):
        return Meeting.objects.filter(kind=Meeting.Kind.BOARD)
    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    condition = Q(organisation_id__in=organisation_ids(user, *MEETING_ROLES))
    person = person_of(user)
    if person is not None:
        condition |= Q(id__in=board_meetings_of_seats(person).values("id"))
    return Meeting.objects.filter(condition, kind=Meeting.Kind.BOARD)


def sat_on_board_for(user, meeting) -> bool:
    """Did the user hold a seat on the meeting's body on the meeting's day?"""
    person = person_of(user)
    return person is not None and seat_of(meeting, person) is not None


def can_write_debrief(user, meeting) -> bool:
    return can_manage_meetings(user, meeting.organisation_id) or sat_on_board_for(user, meeting)


def can_see_support_notes(user, meeting) -> bool:
    return can_manage_meetings(user, meeting.organisation_id)


def access_debrief_meeting(*, user, pk, action="write"):
    """The board meeting whose debrief this person would write ("write") or
    publish ("publish"): 404 outside their reach, 403 for a step not theirs."""
    meeting = get_or_404(
        debrief_meetings_visible_to(user).select_related("organisation", "body"), pk=pk
    )
    allowed = (
        can_write_debrief(user, meeting)
        if action == "write"
        else can_manage_meetings(user, meeting.organisation_id)
    )
    if not allowed:
        raise PermissionDenied
    return meeting


# ---------------------------------------------------------------------------
# Briefings before board meetings (issue 12). Meeting staff prepare the
# briefing. The body's representatives on the meeting's day and the members
# of their groups read it and add points for the representatives (members
# until the cut-off). Organisation admins and commissioners read it too, but
# commissioners see the points without the names of who made them (the
# names are person-level data: can_see_representatives decides). Finance and
# recruitment panel members have no part in it: 403. Another organisation: 404.
# ---------------------------------------------------------------------------

BRIEFING_READER_ROLES = frozenset(
    {Role.COORDINATOR, Role.ADMIN_SUPPORT, Role.ORG_ADMIN, Role.COMMISSIONER}
)
ACTIVE_MEMBER_STATUSES = ("selected", "inducted", "active", "paused")


def briefing_meetings_visible_to(user) -> QuerySet:
    """Board meetings of the user's organisations (staff) and of the bodies
    the user's groups have a seat on (members)."""
    if is_platform_admin(user):
        return Meeting.objects.filter(kind=Meeting.Kind.BOARD)
    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    condition = Q(organisation_id__in=organisation_ids(user))
    person = person_of(user)
    if person is not None:
        condition |= Q(
            id__in=Meeting.objects.filter(
                kind=Meeting.Kind.BOARD,
                body__seats__membership__group__memberships__person=person,
            ).values("id")
        )
    return Meeting.objects.filter(condition, kind=Meeting.Kind.BOARD)


def briefing_group_ids(meeting) -> set[int]:
    """The groups whose members sat on the board on the meeting's day."""
    return {seat.membership.group_id for seat in seats_for_debrief(meeting)}


def in_briefing_group(user, meeting) -> bool:
    person = person_of(user)
    return (
        person is not None
        and person.memberships.filter(
            group_id__in=briefing_group_ids(meeting), status__in=ACTIVE_MEMBER_STATUSES
        ).exists()
    )


def can_prepare_briefing(user, meeting) -> bool:
    return can_manage_meetings(user, meeting.organisation_id)


def can_add_briefing_point(user, meeting) -> bool:
    return (
        can_prepare_briefing(user, meeting)
        or sat_on_board_for(user, meeting)
        or in_briefing_group(user, meeting)
    )


def can_download_board_papers(user, meeting) -> bool:
    """The board's own papers, from the briefing page: those who prepare the
    briefing and those it is for, not the other readers (commissioners)."""
    return can_add_briefing_point(user, meeting)


def can_read_briefing(user, meeting) -> bool:
    return can_add_briefing_point(user, meeting) or bool(
        roles_by_organisation(user).get(meeting.organisation_id, frozenset())
        & BRIEFING_READER_ROLES
    )


def can_see_point_names(user, meeting) -> bool:
    """Who made each point: not for commissioners (person-level data)."""
    return can_add_briefing_point(user, meeting) or can_see_representatives(
        user, meeting.organisation_id
    )


def briefings_readable(user, body, meetings) -> list:
    """The body's board meetings whose briefing the user may read, in a fixed
    number of queries (the page lists several)."""
    roles = roles_by_organisation(user).get(body.organisation_id, frozenset())
    if is_platform_admin(user) or roles & (MEETING_ROLES | BRIEFING_READER_ROLES):
        return list(meetings)
    person = person_of(user)
    if person is None:
        return []
    groups = set(
        person.memberships.filter(status__in=ACTIVE_MEMBER_STATUSES).values_list(
            "group_id", flat=True
        )
    )
    seats = list(body.seats.select_related("membership"))

    def readable(meeting) -> bool:
        day = meeting_day(meeting)
        return any(
            seat.term_start <= day
            and (seat.term_end is None or seat.term_end >= day)
            and (seat.membership.group_id in groups or seat.membership.person_id == person.pk)
            for seat in seats
        )

    return [meeting for meeting in meetings if readable(meeting)]


def access_briefing_meeting(*, user, pk, action="read"):
    """The board meeting whose briefing the user would read ("read"), add a
    point to ("point") or prepare ("prepare"): 404 outside their reach, 403
    for a step not theirs."""
    meeting = get_or_404(
        briefing_meetings_visible_to(user).select_related("organisation", "body"), pk=pk
    )
    checks = {
        "read": can_read_briefing,
        "point": can_add_briefing_point,
        "prepare": can_prepare_briefing,
    }
    if not checks[action](user, meeting):
        raise PermissionDenied
    return meeting


def _board_readers(user, queryset: QuerySet) -> QuerySet:
    """Rows of `queryset` (each reaching a board meeting through `meeting`)
    that the readers of the meeting's briefing may see: meeting staff,
    organisation admins and commissioners of the organisation; the
    representatives and the members of their groups whose seat covered the
    meeting's day. One queryset, so lists read in a fixed number of queries."""
    from django.db.models import Exists, OuterRef
    from django.db.models.functions import TruncDate

    from involvement.models import RepresentativeSeat

    if is_platform_admin(user):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    condition = Q(
        meeting__organisation_id__in=organisation_ids(
            user, *(MEETING_ROLES | BRIEFING_READER_ROLES)
        )
    )
    person = person_of(user)
    if person is None:
        return queryset.filter(condition)
    day = OuterRef("meeting_day")
    groups = person.memberships.filter(status__in=ACTIVE_MEMBER_STATUSES).values("group_id")
    seats = (
        RepresentativeSeat.objects.filter(body_id=OuterRef("meeting__body_id"))
        .filter(term_start__lte=day)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=day))
        .filter(Q(membership__person=person) | Q(membership__group_id__in=groups))
    )
    condition |= Q(Exists(seats))
    if "meeting_day" not in queryset.query.annotations:
        queryset = queryset.annotate(meeting_day=TruncDate("meeting__starts_at"))
    return queryset.filter(condition)


def briefings_visible_to(user) -> QuerySet:
    """Briefings the user may read, as one queryset (the API lists them)."""
    from meetings.models import Briefing

    return _board_readers(user, Briefing.objects.all())


def debriefs_visible_to(user) -> QuerySet:
    """Published debriefs the user may read, as one queryset (the API lists
    them): what the board was told and answered goes back to those the
    briefing was for (_board_readers); drafts stay on the debrief page.
    Each row carries `names_visible`: whether this user sees the names in it
    (the representative, follow-ups' owners), as on the debrief page: those
    who may write it (meeting staff, and the members who sat on the board
    that day), never commissioners or other readers."""
    from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Value
    from django.db.models.functions import TruncDate

    from involvement.models import RepresentativeSeat
    from meetings.models import Debrief

    published = Debrief.objects.filter(published_at__isnull=False, meeting__kind=Meeting.Kind.BOARD)
    if is_platform_admin(user):
        return published.annotate(names_visible=Value(True))
    person = person_of(user)
    if person is not None:
        published = published.annotate(meeting_day=TruncDate("meeting__starts_at"))
    readers = _board_readers(user, published)
    names = Q(meeting__organisation_id__in=organisation_ids(user, *MEETING_ROLES))
    if person is not None:
        day = OuterRef("meeting_day")
        own_seat = (
            RepresentativeSeat.objects.filter(body_id=OuterRef("meeting__body_id"))
            .filter(term_start__lte=day, membership__person=person)
            .filter(Q(term_end__isnull=True) | Q(term_end__gte=day))
        )
        names |= Q(Exists(own_seat))
    return readers.annotate(names_visible=ExpressionWrapper(names, output_field=BooleanField()))


def board_meetings_visible_to(user) -> QuerySet:
    """Board meetings, as the body's page and the meeting's page show them
    (meetings_visible_to): the organisation's meeting staff, and those
    invited. Their papers go to all of them (access_paper)."""
    return meetings_visible_to(user).filter(kind=Meeting.Kind.BOARD, body__isnull=False)


# ---------------------------------------------------------------------------
# Board meetings read from a board's calendar (issue 12). Those who manage the
# body (its organisation's coordinators and organisation admins) import and
# refresh; anyone else who sees the body gets 403; another organisation, 404.
# ---------------------------------------------------------------------------


def access_calendar_body(*, user, pk):
    """The body whose calendar the user would import."""
    from involvement.permissions import access_body

    return access_body(user=user, pk=pk, action="manage")


def access_calendar_import(*, user, pk):
    """One import's summary: for those who manage its body."""
    from involvement.permissions import bodies_visible_to, user_can
    from meetings.models import CalendarImport

    record = get_or_404(
        CalendarImport.objects.filter(body__in=bodies_visible_to(user)).select_related(
            "body__organisation"
        ),
        pk=pk,
    )
    if not user_can(user, "manage", record.body):
        raise PermissionDenied
    return record
