"""Access rules for workplans' own objects: priority exercises, work plans and
work items, the decision map, "you said" items captured from meetings. Built on
the core (involvement.permissions); a meeting is fetched for feedback through
the groups the user may see (workplans sits above meetings and points down).

The actions join `user_can` through `register_rules`, when
WorkplansConfig.ready() imports this module.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from involvement.models import Membership, Organisation
from involvement.permissions import (
    MANAGE_GROUP_ROLES,
    Role,
    can_see_people,
    get_for_action,
    get_or_404,
    groups_visible_to,
    is_platform_admin,
    organisation_ids,
    person_of,
    register_rules,
    roles_by_organisation,
    user_can,
)
from meetings.models import Meeting
from workplans.models import FeedbackItem, FeedbackResponse, PriorityExercise, WorkItem, WorkPlan

# ---------------------------------------------------------------------------
# Workplans (issue 5: priority exercise, decision map, work plan, "you said").
# Coordinators and organisation admins of the organisation manage them.
# Members of a group (not those who have left) see its exercises, plan and the
# organisation's decision map, and active or inducted members propose and
# vote. Commissioners see plans, "you said" items and the decision map, which
# carry no personal data, but not exercises (who proposed and voted). Other
# staff of the organisation see the decision map only (403 elsewhere); another
# organisation's group, plan or map is a 404.
# ---------------------------------------------------------------------------

WORKPLAN_MANAGE_ROLES = MANAGE_GROUP_ROLES  # coordinators and organisation admins
WORKPLAN_READ_ROLES = WORKPLAN_MANAGE_ROLES | {Role.COMMISSIONER}


def _membership_status(user, group_id: int) -> str | None:
    """The user's membership status in a group, or None (read once per request)."""
    person = person_of(user)
    if person is None:
        return None
    cache = getattr(user, "_involve_group_status", None)
    if cache is None:
        cache = dict(Membership.objects.filter(person=person).values_list("group_id", "status"))
        user._involve_group_status = cache
    return cache.get(group_id)


def is_group_member(user, group) -> bool:
    """A member of the group who has not left."""
    status = _membership_status(user, group.pk)
    return status is not None and status != "left"


def can_take_part_in_exercise(user, group) -> bool:
    """Propose and vote: inducted and active members of the group."""
    return _membership_status(user, group.pk) in {"inducted", "active"}


def can_manage_workplans(user, organisation_id: int) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & WORKPLAN_MANAGE_ROLES
    )


def can_read_work_plan(user, group) -> bool:
    """The plan, its versions and reviews, and the group's "you said" items."""
    return (
        is_platform_admin(user)
        or bool(
            roles_by_organisation(user).get(group.organisation_id, frozenset())
            & WORKPLAN_READ_ROLES
        )
        or is_group_member(user, group)
    )


def can_see_exercise(user, group) -> bool:
    """Proposals carry who made them: managers and the group's members."""
    return can_manage_workplans(user, group.organisation_id) or is_group_member(user, group)


def can_see_decision_map(user, organisation_id: int) -> bool:
    """Anyone with a role in the organisation, and members of its groups."""
    if is_platform_admin(user) or organisation_id in roles_by_organisation(user):
        return True
    person = person_of(user)
    return person is not None and any(
        status != "left"
        for status in person.memberships.filter(group__organisation_id=organisation_id).values_list(
            "status", flat=True
        )
    )


def workplan_groups_visible_to(user) -> QuerySet:
    """Groups whose work-plan pages the user may reach (then the action decides)."""
    return groups_visible_to(user)


register_rules(
    checks={
        ("group", "read_work_plan"): can_read_work_plan,
        ("group", "see_exercise"): can_see_exercise,
        ("group", "manage_workplans"): lambda user, obj: can_manage_workplans(
            user, obj.organisation_id
        ),
        ("organisation", "see_decision_map"): lambda user, obj: can_see_decision_map(user, obj.id),
        ("organisation", "manage_workplans"): lambda user, obj: can_manage_workplans(user, obj.id),
    }
)


def access_workplan_group(*, user, pk, action="read_work_plan"):
    """A group for its work-plan pages: 404 outside the user's organisations
    and groups, 403 when seen but the action is not theirs."""
    return get_for_action(
        workplan_groups_visible_to(user).select_related("organisation"), user, pk, action
    )


def _access_in_group(queryset, *, user, pk, action, group_path):
    """An object of a group's work-plan pages, fetched through the groups the
    user may see (404 outside them), then the action checked on its group."""
    obj = get_or_404(
        queryset.filter(**{f"{group_path}__in": workplan_groups_visible_to(user)}), pk=pk
    )
    group = obj
    for part in group_path.split("__"):
        group = getattr(group, part)
    if not user_can(user, action, group):
        raise PermissionDenied
    return obj


def access_exercise(*, user, pk, action="see_exercise"):
    return _access_in_group(
        PriorityExercise.objects.select_related("group__organisation"),
        user=user,
        pk=pk,
        action=action,
        group_path="group",
    )


def access_work_plan(*, user, pk, action="read_work_plan"):
    return _access_in_group(
        WorkPlan.objects.select_related("group__organisation", "exercise"),
        user=user,
        pk=pk,
        action=action,
        group_path="group",
    )


def access_work_item(*, user, pk, action="manage_workplans"):
    return _access_in_group(
        WorkItem.objects.select_related("plan__group__organisation", "body"),
        user=user,
        pk=pk,
        action=action,
        group_path="plan__group",
    )


def access_meeting_for_feedback(*, user, pk):
    """A group's meeting, to capture what members said at it: the
    organisation's coordinators and admins (404 outside the user's groups)."""
    return _access_in_group(
        Meeting.objects.filter(group__isnull=False).select_related("group__organisation"),
        user=user,
        pk=pk,
        action="manage_workplans",
        group_path="group",
    )


def access_decision_map(*, user, pk, action="see_decision_map"):
    return get_for_action(organisations_visible_to_for_map(user), user, pk, action)


# ---------------------------------------------------------------------------
# "You said, we did" (issue 11). Who may see an item follows the group's "you
# said" list (managers, commissioners, the group's members); points a member
# sent between meetings are seen only by the organisation's managers and the
# member who sent them until the coordinator shares them. The item's owner (a
# person at the organisation in any role) sees the items they own and drafts
# responses to them; coordinators and organisation admins draft, publish,
# edit, check members' points and choose what goes on the public board. The
# public board, its feed, CSV, newsletter and API show only what the
# coordinator approved for it (selectors.feedback.board_items) and need no
# login. Another organisation's item is a 404.
# ---------------------------------------------------------------------------


def _manages(user, organisation_id: int) -> bool:
    return can_manage_workplans(user, organisation_id)


def feedback_visible_to(user) -> QuerySet:
    """ "You said" items the user may see."""
    items = FeedbackItem.objects.all()
    if is_platform_admin(user):
        return items
    if not getattr(user, "is_authenticated", False):
        return items.none()
    groups = workplan_groups_visible_to(user)
    managed = organisation_ids(user, *WORKPLAN_MANAGE_ROLES)
    person = person_of(user)
    seen = Q(moderation=FeedbackItem.Moderation.ACCEPTED) & (Q(group__in=groups) | Q(owner=user))
    seen |= Q(group__organisation_id__in=managed)
    if person is not None:
        seen |= Q(raised_by=person)
    return items.filter(seen)


def can_see_feedback_item(user, item) -> bool:
    """The group's readers, the item's owner, and the member who sent it."""
    if item.moderation != FeedbackItem.Moderation.ACCEPTED:
        return _manages(user, item.group.organisation_id) or _raised_by(user, item)
    return (
        can_read_work_plan(user, item.group)
        or (item.owner_id is not None and item.owner_id == user.pk)
        or _raised_by(user, item)
    )


def _raised_by(user, item) -> bool:
    person = person_of(user)
    return person is not None and item.raised_by_id == person.pk


def can_answer_feedback(user, item) -> bool:
    """Draft a response: the organisation's managers and the item's owner."""
    if item.moderation != FeedbackItem.Moderation.ACCEPTED:
        return False
    return _manages(user, item.group.organisation_id) or (
        item.owner_id is not None and item.owner_id == user.pk
    )


def can_see_feedback_drafts(user, item) -> bool:
    """Drafts and who wrote them: whoever may answer the item."""
    return _manages(user, item.group.organisation_id) or (
        item.owner_id is not None and item.owner_id == user.pk
    )


def can_see_who_raised(user, item) -> bool:
    """The name of a member who sent a point: the people who may see the
    organisation's people (never commissioners or other members)."""
    return can_see_people(user, item.group.organisation_id) or _raised_by(user, item)


def can_tell_group(user, group) -> bool:
    """Send a point between meetings: members of the group who have not left."""
    return is_group_member(user, group)


register_rules(
    checks={
        ("feedback_item", "view"): can_see_feedback_item,
        ("feedback_item", "answer"): can_answer_feedback,
        ("feedback_item", "manage"): lambda user, obj: _manages(user, obj.group.organisation_id),
        ("group", "tell_us"): can_tell_group,
    },
    kinds={"FeedbackItem": "feedback_item"},
)


def access_feedback_item(*, user, pk, action="view"):
    """A "you said" item: 404 outside what the user may see, 403 when seen
    but the action is not theirs."""
    return get_for_action(
        feedback_visible_to(user).select_related(
            "group__organisation", "owner", "theme", "work_item", "body", "meeting", "raised_by"
        ),
        user,
        pk,
        action,
    )


def access_feedback_response(*, user, pk, action="manage"):
    """A response, checked through its item (drafts are managers' business)."""
    response = get_or_404(
        FeedbackResponse.objects.filter(item__in=feedback_visible_to(user)).select_related(
            "item__group__organisation", "item__owner", "written_by"
        ),
        pk=pk,
    )
    if not user_can(user, action, response.item):
        raise PermissionDenied
    return response


def access_feedback_settings(*, user, pk):
    """An organisation's "you said" settings: its managers; other staff of
    the organisation 403; anyone else 404."""
    organisations = Organisation.objects.all()
    if not is_platform_admin(user):
        organisations = organisations.filter(id__in=organisation_ids(user))
    return get_for_action(organisations, user, pk, "manage_workplans")


def organisations_visible_to_for_map(user) -> QuerySet:
    """Organisations the user has a role in, or whose groups they belong to."""
    if is_platform_admin(user):
        return Organisation.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    condition = Q(id__in=organisation_ids(user))
    person = person_of(user)
    if person is not None:
        condition |= Q(groups__memberships__person=person)
    return Organisation.objects.filter(condition).distinct()
