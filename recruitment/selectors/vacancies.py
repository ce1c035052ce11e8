"""Reads for vacancies: the coordinator's list, the public pages, and how
applicants heard about a vacancy (to judge the communication plan)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from involvement import permissions

from ..models import Application, Criterion, OutreachChannel, PanelMember, Vacancy

SENT = ~Q(applications__status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN])


def vacancy_list_visible_to(*, user) -> QuerySet:
    """Vacancies the user manages, and those whose panel they sit on."""
    queryset = permissions.vacancies_visible_to(user)
    if not permissions.is_platform_admin(user):
        managed = permissions.organisation_ids(user, *permissions.RECRUITMENT_MANAGE_ROLES)
        queryset = queryset.filter(
            Q(role_description__organisation_id__in=managed) | Q(panel__user=user)
        ).distinct()
    return (
        queryset.select_related("role_description__organisation", "group")
        .annotate(
            submitted_count=Count("applications", filter=SENT, distinct=True),
            draft_count=Count(
                "applications",
                filter=Q(applications__status=Application.Status.DRAFT),
                distinct=True,
            ),
        )
        .order_by("-opens_on", "title")
    )


def vacancy_with_details(*, vacancy: Vacancy) -> Vacancy:
    return (
        Vacancy.objects.select_related(
            "role_description__organisation", "role_description__body", "group"
        )
        .prefetch_related(
            Prefetch("role_description__criteria", queryset=Criterion.objects.order_by("position")),
            Prefetch("outreach_channels", queryset=OutreachChannel.objects.order_by("name")),
            "group__diversity_factors",
            Prefetch("panel", queryset=PanelMember.objects.select_related("user")),
        )
        .get(pk=vacancy.pk)
    )


def heard_via_counts(*, vacancy: Vacancy) -> list[tuple[str, int, bool]]:
    """(channel, applications, was it in the plan) for sent applications, most first.
    Channels the plan used that brought nobody are listed with 0."""
    sent = vacancy.applications.exclude(
        status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN]
    )
    planned = {c.pk: c.name for c in vacancy.outreach_channels.all()}
    counts: dict[str, list] = {}
    for channel_id, name, other, n in (
        sent.values_list("heard_via_id", "heard_via__name", "heard_via_other")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if channel_id is not None:
            label = name
        elif other:
            label = "Somewhere else"
        else:
            label = "Did not say"
        row = counts.setdefault(label, [0, channel_id in planned])
        row[0] += n
    for name in planned.values():
        counts.setdefault(name, [0, True])
    return sorted(
        ((label, n, in_plan) for label, (n, in_plan) in counts.items()),
        key=lambda row: (-row[1], row[0]),
    )


def public_vacancy_list() -> QuerySet:
    """Vacancies open for applications today."""
    today = timezone.localdate()
    return (
        Vacancy.objects.filter(
            status=Vacancy.Status.OPEN, opens_on__lte=today, closes_on__gte=today
        )
        .select_related("role_description__organisation", "group")
        .order_by("closes_on", "title")
    )


def public_vacancy_get(*, public_id) -> Vacancy:
    """A vacancy anyone may read: published (open, closed or decided), never a draft."""
    try:
        return (
            Vacancy.objects.exclude(status=Vacancy.Status.DRAFT)
            .select_related("role_description__organisation", "role_description__body", "group")
            .prefetch_related(
                Prefetch(
                    "role_description__criteria", queryset=Criterion.objects.order_by("position")
                )
            )
            .get(public_id=public_id)
        )
    except Vacancy.DoesNotExist as exc:
        raise Http404("No vacancy found") from exc
