"""Reads for vacancies: the coordinator's list, the public pages, how
applicants heard about a vacancy (to judge the communication plan), and the
applicants a panel member may say they know."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from involvement import permissions as core
from recruitment import permissions

from ..handles import conflict_token
from ..models import Application, Criterion, OutreachChannel, PanelMember, Vacancy

SENT = ~Q(applications__status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN])


def vacancy_list_visible_to(*, user) -> QuerySet:
    """Vacancies the user manages, and those whose panel they sit on."""
    queryset = permissions.vacancies_visible_to(user)
    if not core.is_platform_admin(user):
        managed = core.organisation_ids(user, *permissions.RECRUITMENT_MANAGE_ROLES)
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
    """Vacancies open for applications today, with only the columns the public
    list shows (title, places, closing date, the organisation's name): the
    role descriptions' long texts are not read for a list of cards."""
    today = timezone.localdate()
    return (
        Vacancy.objects.filter(
            status=Vacancy.Status.OPEN, opens_on__lte=today, closes_on__gte=today
        )
        .select_related("role_description__organisation")
        .only(
            "public_id",
            "title",
            "places",
            "closes_on",
            "role_description",
            "role_description__organisation",
            "role_description__organisation__name",
        )
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


# --- The panel member's conflicts of interest ----------------------------------


def conflict_choices(*, panel_member: PanelMember) -> list[tuple[str, Application]]:
    """(token, application) for each applicant the panel member may say they
    know, alphabetically by name (the application's person has only the full
    name loaded). This is the one page where a reviewer sees names, so each
    applicant is keyed by the reviewer's conflict token (recruitment.handles):
    never the id or the reference, and never the handle their scoring pages
    use, so nothing on it can be matched to a scoring page. Applicants already
    declared are left out, and so are those whose details have been removed
    (there is no name to recognise)."""
    applications = (
        panel_member.vacancy.applications.exclude(status=Application.Status.DRAFT)
        .exclude(person__isnull=True)
        .exclude(conflicts__panel_member=panel_member)
        .select_related("person")
        .only("id", "vacancy_id", "person__full_name")
        .order_by("person__full_name", "id")
    )
    return [(conflict_token(panel_member, a.pk), a) for a in applications]
