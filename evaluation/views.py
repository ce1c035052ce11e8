"""The evaluation pages: objectives and success measures, readings, and the
organisation dashboard with its SPC charts."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_safe

from involvement.csv_export import csv_writer
from involvement.models import Group, Organisation
from involvement.permissions import get_or_404
from involvement.views.flow import confirm, submit

from . import (
    group_figures,
    invitations,
    kept,
    permissions,
    region_figures,
    reports,
    selectors,
    services,
)
from .charts import chart_svg, with_svg
from .forms import (
    EvidenceForm,
    ExperienceAnswerForm,
    ExperienceSurveyForm,
    ImpactForm,
    MeasureForm,
    ObjectiveForm,
    PaperScoreForm,
    PublishForm,
    ReadingForm,
    RegionGrantForm,
    ReportForm,
    ScoreForm,
    StandardsForm,
    SurveyRoundForm,
)
from .models import Region


def _crumbs(organisation=None, *extra):
    trail = [("Home", reverse("home")), ("Evaluation", reverse("evaluation-index"))]
    if organisation is not None:
        trail.append((organisation.name, reverse("evaluation-dashboard", args=[organisation.pk])))
    return [*trail, *extra]


def _months(request) -> tuple[str, list]:
    period = request.GET.get("period", selectors.DEFAULT_PERIOD)
    if period not in dict(selectors.PERIODS):
        period = selectors.DEFAULT_PERIOD
    return period, selectors.months_back(months=int(period))


@login_required
@require_safe
def evaluation_index(request):
    organisations = permissions.evaluation_organisations(request.user).order_by("name")
    regions = permissions.regions_visible_to(request.user).order_by("name")
    return render(
        request,
        "evaluation/index.html",
        {
            "organisations": organisations,
            "regions": regions,
            "breadcrumbs": [("Home", reverse("home"))],
        },
    )


def _dashboard(request, pk):
    organisation = permissions.access_evaluation_organisation(user=request.user, pk=pk)
    period, months = _months(request)
    exact = permissions.exact_counts(request.user, organisation.pk)
    dashboard = selectors.organisation_dashboard(
        organisation=organisation, months=months, exact=exact
    )
    for measure_chart in dashboard.measures:
        with_svg(measure_chart)
    statuses = selectors.feedback_statuses(dashboard.feedback)
    return organisation, period, dashboard, statuses


@login_required
@require_safe
def evaluation_dashboard(request, pk):
    """The organisation's figures, drawn once and kept a while (evaluation/kept.py)."""
    organisation = permissions.access_evaluation_organisation(user=request.user, pk=pk)
    period, months = _months(request)
    exact = permissions.exact_counts(request.user, organisation.pk)
    can_manage = permissions.can_manage_evaluation(request.user, organisation.pk)

    def build() -> str:
        dashboard = selectors.organisation_dashboard(
            organisation=organisation, months=months, exact=exact
        )
        for measure_chart in dashboard.measures:
            with_svg(measure_chart)
        return render_to_string(
            "evaluation/_organisation_figures.html",
            {
                "organisation": organisation,
                "dashboard": dashboard,
                "feedback_statuses": selectors.feedback_statuses(dashboard.feedback),
                "period": period,
                "can_manage": can_manage,
            },
        )

    figures = kept.kept_html(
        organisation_id=organisation.pk,
        parts=("organisation", months[0], len(months), exact, can_manage),
        build=build,
    )
    context = {
        "organisation": organisation,
        "start": months[0],
        "end": selectors.month_end(months[-1]),
        "exact": exact,
        "figures": mark_safe(figures["html"]),  # noqa: S308 -- drawn by our own template
        "worked_out": kept.worked_out_shown(figures["worked_out_at"]),
        "period": period,
        "periods": selectors.PERIODS,
        "can_share": permissions.can_share_figures(request.user, organisation.pk),
        "breadcrumbs": _crumbs(),
    }
    return render(request, "evaluation/dashboard.html", context)


def _group_dashboard(request, pk):
    group = permissions.access_group_dashboard(user=request.user, pk=pk)
    period, months = _months(request)
    exact = permissions.exact_counts(request.user, group.organisation_id)
    dashboard = group_figures.group_dashboard(group=group, months=months, exact=exact)
    dashboard.attendance_svg = chart_svg(
        chart=dashboard.attendance_chart,
        labels=[f"{m.day:%-d %b %y}" for m in dashboard.plotted],
        title=f"Attendance at each meeting of {group.name} (per cent)",
    )
    dashboard.standards = selectors.standards_by_group(groups=[group], year=dashboard.today.year)[
        group.pk
    ]
    return group, period, dashboard


@login_required
@require_safe
def group_dashboard(request, pk):
    """One group's figures, for its coordinators, organisation admins and
    commissioners (counts below five suppressed for all but coordinators);
    drawn once and kept a while (evaluation/kept.py)."""
    group = permissions.access_group_dashboard(user=request.user, pk=pk)
    period, months = _months(request)
    exact = permissions.exact_counts(request.user, group.organisation_id)
    can_manage = permissions.can_manage_evaluation(request.user, group.organisation_id)

    def build() -> str:
        _group, _period, dashboard = _group_dashboard(request, pk)
        return render_to_string(
            "evaluation/groups/_figures.html",
            {"group": group, "dashboard": dashboard, "can_manage": can_manage},
        )

    figures = kept.kept_html(
        organisation_id=group.organisation_id,
        parts=("group", group.pk, months[0], len(months), exact, can_manage),
        build=build,
    )
    context = {
        "group": group,
        "organisation": group.organisation,
        "start": months[0],
        "end": selectors.month_end(months[-1]),
        "exact": exact,
        "figures": mark_safe(figures["html"]),  # noqa: S308 -- drawn by our own template
        "worked_out": kept.worked_out_shown(figures["worked_out_at"]),
        "period": period,
        "periods": selectors.PERIODS,
        "breadcrumbs": _crumbs(group.organisation),
    }
    return render(request, "evaluation/groups/dashboard.html", context)


# --- UK Standards for Public Involvement: self-assessment -----------------------

YEARS_BACK = 10  # how far back a year's self-assessment may still be written


def _group_crumbs(group, *extra):
    return _crumbs(
        group.organisation, (group.name, reverse("group-dashboard", args=[group.pk])), *extra
    )


@login_required
@require_safe
def standards_list(request, pk):
    """The group's self-assessment against the six standards: this year's
    ratings and evidence, and the ratings year by year."""
    group = permissions.access_group_dashboard(user=request.user, pk=pk)
    year = timezone.localdate().year
    rows = selectors.standards_by_group(groups=[group], year=year)[group.pk]
    context = {
        "group": group,
        "year": year,
        "rows": rows,
        "years": selectors.standards_years(rows),
        "can_manage": permissions.can_manage_evaluation(request.user, group.organisation_id),
        "breadcrumbs": _group_crumbs(group),
    }
    return render(request, "evaluation/standards/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def standards_edit(request, pk, year):
    group = permissions.access_group_dashboard(user=request.user, pk=pk, action="manage_evaluation")
    this_year = timezone.localdate().year
    if not this_year - YEARS_BACK <= year <= this_year:
        raise Http404("No self-assessment for that year")
    rows = selectors.standards_by_group(groups=[group], year=year)[group.pk]
    initial = {}
    for row in rows:
        if row.current is not None:
            initial[f"{row.standard}_rating"] = row.current.rating
            initial[f"{row.standard}_evidence"] = row.current.evidence
            initial[f"{row.standard}_link"] = row.current.evidence_link
    form = StandardsForm(request.POST or None, initial=initial)
    if done := submit(
        request,
        form,
        lambda data: services.standards_save(
            group=group, year=year, answers=form.answers(data), updated_by=request.user
        ),
        message=f"The self-assessment for {year} has been saved.",
        next=reverse("standards-list", args=[group.pk]),
    ):
        return done
    context = {
        "form": form,
        "group": group,
        "year": year,
        "breadcrumbs": _group_crumbs(
            group, ("Standards", reverse("standards-list", args=[group.pk]))
        ),
    }
    return render(request, "evaluation/standards/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_request(request, pk):
    """Ask for the impact report: it is built in the background."""
    organisation = permissions.access_evaluation_organisation(user=request.user, pk=pk)
    period, _months_shown = _months(request)
    form = ReportForm(request.POST or None, periods=selectors.PERIODS, initial={"period": period})
    if done := submit(
        request,
        form,
        lambda data: reports.report_request(
            organisation=organisation,
            user=request.user,
            period_months=int(data["period"]),
            large_print=data["large_print"],
            exact=permissions.exact_counts(request.user, organisation.pk),
        ),
        message="Your report is being built. This page shows how far it has got.",
        next=lambda job: reverse("report-job", args=[job.pk]),
    ):
        return done
    context = {
        "form": form,
        "subject": organisation,
        "back_url": reverse("evaluation-dashboard", args=[organisation.pk]),
        "jobs": selectors.report_jobs(organisation=organisation, user=request.user),
        "breadcrumbs": _crumbs(organisation),
    }
    return render(request, "evaluation/reports/request.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def region_report_request(request, pk):
    """Ask for the region's impact report: built in the background, kept for
    the person who asked, suppressed as the region dashboard is."""
    region = permissions.access_region(user=request.user, pk=pk)
    period, _months_shown = _months(request)
    form = ReportForm(request.POST or None, periods=selectors.PERIODS, initial={"period": period})
    if done := submit(
        request,
        form,
        lambda data: reports.region_report_request(
            region=region,
            user=request.user,
            period_months=int(data["period"]),
            large_print=data["large_print"],
        ),
        message="Your report is being built. This page shows how far it has got.",
        next=lambda job: reverse("report-job", args=[job.pk]),
    ):
        return done
    context = {
        "form": form,
        "subject": region,
        "region": region,
        "back_url": reverse("region-dashboard", args=[region.pk]),
        "jobs": selectors.report_jobs(region=region, user=request.user),
        "breadcrumbs": _region_crumbs(region),
    }
    return render(request, "evaluation/reports/request.html", context)


@login_required
@require_safe
def report_job(request, pk):
    """How far the report has got; the download once it is ready."""
    job = permissions.access_report_job(user=request.user, pk=pk)
    if job.region_id:
        request_url = reverse("region-report-request", args=[job.region_id])
        crumbs = _region_crumbs(job.region, ("Reports", request_url))
    else:
        request_url = reverse("report-request", args=[job.organisation_id])
        crumbs = _crumbs(job.organisation, ("Reports", request_url))
    context = {
        "job": job,
        "subject": job.subject,
        "request_url": request_url,
        "months": selectors.months_back(months=job.period_months, today=job.last_month),
        "breadcrumbs": crumbs,
    }
    return render(request, "evaluation/reports/job.html", context)


@login_required
@require_safe
def report_download(request, pk):
    job = permissions.access_report_job(user=request.user, pk=pk)
    if job.status != job.Status.DONE or not job.file:
        raise Http404("The report is not ready")
    try:
        handle = job.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("The report file is missing") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{reports.report_filename(job)}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _figures_csv(*, rows, name: str, dashboard) -> HttpResponse:
    """The dashboard's figures as CSV: aggregates only, suppressed as on the page."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stem = f"figures-{slugify(name)[:50]}-{dashboard.start:%Y-%m}-to-{dashboard.end:%Y-%m}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv_writer(response)
    writer.writerow(["Section", "Figure", "Value"])
    writer.writerow(["Period", name, f"{dashboard.start:%-d %B %Y} to {dashboard.end:%-d %B %Y}"])
    writer.writerows(rows)
    return response


def _figures_xlsx(*, rows, name: str, dashboard) -> HttpResponse:
    """The same figures as the CSV, as a spreadsheet with number cells."""
    from involvement.xlsx_export import CONTENT_TYPE, xlsx_bytes

    period = f"{dashboard.start:%-d %B %Y} to {dashboard.end:%-d %B %Y}"
    content = xlsx_bytes(
        sheet="Figures",
        header=["Section", "Figure", "Value"],
        rows=[("Period", name, period), *rows],
    )
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    stem = f"figures-{slugify(name)[:50]}-{dashboard.start:%Y-%m}-to-{dashboard.end:%Y-%m}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def evaluation_xlsx(request, pk):
    """The organisation dashboard's figures as XLSX."""
    organisation, _period, dashboard, _statuses = _dashboard(request, pk)
    return _figures_xlsx(rows=dashboard.figure_rows(), name=organisation.name, dashboard=dashboard)


@login_required
@require_safe
def group_dashboard_xlsx(request, pk):
    """The group dashboard's figures as XLSX."""
    group, _period, dashboard = _group_dashboard(request, pk)
    return _figures_xlsx(rows=dashboard.figure_rows(), name=group.name, dashboard=dashboard)


@login_required
@require_safe
def evaluation_csv(request, pk):
    """The organisation dashboard's figures as CSV."""
    organisation, _period, dashboard, _statuses = _dashboard(request, pk)
    return _figures_csv(rows=dashboard.figure_rows(), name=organisation.name, dashboard=dashboard)


@login_required
@require_safe
def group_dashboard_csv(request, pk):
    """The group dashboard's figures as CSV."""
    group, _period, dashboard = _group_dashboard(request, pk)
    return _figures_csv(rows=dashboard.figure_rows(), name=group.name, dashboard=dashboard)


@login_required
@require_safe
def objective_list(request, pk):
    organisation = permissions.access_evaluation_organisation(user=request.user, pk=pk)
    context = {
        "organisation": organisation,
        "objectives": selectors.objective_list(organisation=organisation),
        "can_manage": permissions.can_manage_evaluation(request.user, organisation.pk),
        "breadcrumbs": _crumbs(organisation),
    }
    return render(request, "evaluation/objectives.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def objective_create(request, pk):
    organisation = permissions.access_evaluation_organisation(
        user=request.user, pk=pk, action="manage_evaluation"
    )
    form = ObjectiveForm(
        request.POST or None,
        groups=organisation.groups.order_by("name"),
        work_items=selectors.work_items_for(organisation=organisation, group=None),
    )
    if done := submit(
        request,
        form,
        lambda data: services.objective_create(
            organisation=organisation, created_by=request.user, **data
        ),
        message="The objective has been added. Now add how you will measure it.",
        next=lambda objective: reverse("objective-detail", args=[objective.pk]),
    ):
        return done
    context = {
        "form": form,
        "organisation": organisation,
        "breadcrumbs": _crumbs(
            organisation, ("Objectives", reverse("objective-list", args=[organisation.pk]))
        ),
    }
    return render(request, "evaluation/objective_form.html", context)


@login_required
@require_safe
def objective_detail(request, pk):
    objective = permissions.access_objective(user=request.user, pk=pk)
    objective = selectors.objective_detail(objective=objective)
    organisation = objective.organisation
    context = {
        "objective": objective,
        "organisation": organisation,
        "can_manage": permissions.can_manage_evaluation(request.user, organisation.pk),
        "breadcrumbs": _crumbs(
            organisation, ("Objectives", reverse("objective-list", args=[organisation.pk]))
        ),
    }
    return render(request, "evaluation/objective.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request, pk):
    objective = permissions.access_objective(user=request.user, pk=pk, action="manage")
    form = MeasureForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.measure_create(objective=objective, **data),
        message="The measure has been added.",
        next=lambda measure: reverse("measure-detail", args=[measure.pk]),
    ):
        return done
    context = {
        "form": form,
        "objective": objective,
        "breadcrumbs": _crumbs(
            objective.organisation, (objective.title, reverse("objective-detail", args=[pk]))
        ),
    }
    return render(request, "evaluation/measure_form.html", context)


@login_required
@require_safe
def measure_detail(request, pk):
    measure = permissions.access_measure(user=request.user, pk=pk)
    organisation = measure.objective.organisation
    period, months = _months(request)
    exact = permissions.exact_counts(request.user, organisation.pk)
    measure_chart = with_svg(selectors.measure_chart(measure=measure, months=months, exact=exact))
    context = {
        "measure": measure,
        "objective": measure.objective,
        "measure_chart": measure_chart,
        "period": period,
        "periods": selectors.PERIODS,
        "can_manage": permissions.can_manage_evaluation(request.user, organisation.pk),
        "breadcrumbs": _crumbs(
            organisation,
            (measure.objective.title, reverse("objective-detail", args=[measure.objective.pk])),
        ),
    }
    return render(request, "evaluation/measure.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reading_create(request, pk):
    measure = permissions.access_measure(user=request.user, pk=pk, action="manage")
    if not measure.is_entered:
        raise Http404("Readings of this measure are worked out from the platform's records")
    form = ReadingForm(request.POST or None, months=selectors.months_back(months=60))
    if done := submit(
        request,
        form,
        lambda data: services.reading_record(measure=measure, recorded_by=request.user, **data),
        message=lambda reading: f"The reading for {reading.month:%B %Y} has been saved.",
        next=reverse("measure-detail", args=[measure.pk]),
    ):
        return done
    context = {
        "form": form,
        "measure": measure,
        "breadcrumbs": _crumbs(
            measure.objective.organisation, (measure.name, reverse("measure-detail", args=[pk]))
        ),
    }
    return render(request, "evaluation/reading_form.html", context)


# --- impact records -------------------------------------------------------------


@login_required
@require_safe
def impact_list(request, pk):
    organisation = permissions.access_evaluation_organisation(user=request.user, pk=pk)
    context = {
        "organisation": organisation,
        "records": selectors.impact_list(organisation=organisation),
        "can_manage": permissions.can_manage_evaluation(request.user, organisation.pk),
        "breadcrumbs": _crumbs(organisation),
    }
    return render(request, "evaluation/impact/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def impact_create(request, pk):
    organisation = permissions.access_evaluation_organisation(
        user=request.user, pk=pk, action="manage_evaluation"
    )
    form = ImpactForm(
        request.POST or None,
        groups=organisation.groups.order_by("name"),
        feedback_items=selectors.feedback_items_for(organisation=organisation),
        work_items=selectors.work_items_for(organisation=organisation, group=None),
    )
    if done := submit(
        request,
        form,
        lambda data: services.impact_record_create(
            organisation=organisation, recorded_by=request.user, **data
        ),
        message="The impact record has been added.",
        next=lambda record: reverse("impact-detail", args=[record.pk]),
    ):
        return done
    context = {
        "form": form,
        "organisation": organisation,
        "breadcrumbs": _crumbs(
            organisation, ("What changed", reverse("impact-list", args=[organisation.pk]))
        ),
    }
    return render(request, "evaluation/impact/form.html", context)


@login_required
@require_safe
def impact_detail(request, pk):
    record = permissions.access_impact_record(user=request.user, pk=pk)
    record = selectors.impact_detail(record=record)
    organisation = record.organisation
    context = {
        "record": record,
        "can_manage": permissions.can_manage_evaluation(request.user, organisation.pk),
        "breadcrumbs": _crumbs(
            organisation, ("What changed", reverse("impact-list", args=[organisation.pk]))
        ),
    }
    return render(request, "evaluation/impact/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def impact_publish(request, pk):
    record = permissions.access_impact_record(user=request.user, pk=pk, action="manage")
    form = PublishForm(
        request.POST or None,
        initial={"published": record.published, "public_text": record.public_text},
    )
    if done := submit(
        request,
        form,
        lambda data: services.impact_record_publish(record=record, **data),
        message=lambda r: (
            "It is on the public page now." if r.published else "It is not on the public page."
        ),
        next=reverse("impact-detail", args=[record.pk]),
    ):
        return done
    context = {
        "form": form,
        "record": record,
        "breadcrumbs": _crumbs(
            record.organisation, (record.title, reverse("impact-detail", args=[record.pk]))
        ),
    }
    return render(request, "evaluation/impact/publish.html", context)


# --- evidence files on impact records ----------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request, pk):
    record = permissions.access_impact_record(user=request.user, pk=pk, action="manage")
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if done := submit(
        request,
        form,
        lambda data: services.evidence_add(
            record=record,
            title=data["title"],
            upload=data["file"],
            public=data["public"],
            uploaded_by=request.user,
        ),
        message="The file has been added.",
        next=reverse("impact-detail", args=[record.pk]),
    ):
        return done
    context = {
        "form": form,
        "record": record,
        "breadcrumbs": _crumbs(
            record.organisation, (record.title, reverse("impact-detail", args=[record.pk]))
        ),
    }
    return render(request, "evaluation/impact/evidence_form.html", context)


def _evidence_response(evidence):
    from meetings.views._files import uploaded_file_response

    return uploaded_file_response(
        evidence.file, content_type=evidence.content_type, name=f"evidence-{evidence.pk}"
    )


@login_required
@require_safe
def evidence_download(request, pk):
    """Only for those who may see the record."""
    return _evidence_response(permissions.access_evidence(user=request.user, pk=pk))


@login_required
@require_http_methods(["GET", "POST"])
def evidence_remove(request, pk):
    evidence = permissions.access_evidence(user=request.user, pk=pk, action="manage")
    record = evidence.record
    back = reverse("impact-detail", args=[record.pk])
    return confirm(
        request,
        lambda: services.evidence_remove(evidence=evidence),
        next=back,
        message="The file has been removed.",
        page={
            "heading": f"Remove the file \u201c{evidence.title}\u201d?",
            "caption": record.title,
            "lines": ["The file will be deleted and cannot be got back."],
            "button": "Remove the file",
            "back_url": back,
            "breadcrumbs": _crumbs(record.organisation, (record.title, back)),
        },
    )


@require_safe
def evidence_public(request, pk):
    """A file marked public, of a record on its group's public page: no
    login. Any other file is a 404, whoever asks."""
    from .models import ImpactEvidence

    evidence = get_or_404(ImpactEvidence.objects.filter(public=True, record__published=True), pk=pk)
    return _evidence_response(evidence)


@require_safe
def impact_public(request, pk):
    """A group's public "what changed" page: no login, the public wording only."""
    group = get_or_404(Group.objects.select_related("organisation"), pk=pk)
    context = {"group": group, "records": selectors.impact_published(group=group)}
    return render(request, "evaluation/impact/public.html", context)


# --- the involvement score survey ---------------------------------------------


@login_required
@require_safe
def survey_list(request, pk):
    organisation = permissions.access_evaluation_organisation(user=request.user, pk=pk)
    context = {
        "organisation": organisation,
        "rounds": selectors.survey_scores(organisation=organisation),
        "can_manage": permissions.can_manage_evaluation(request.user, organisation.pk),
        "breadcrumbs": _crumbs(organisation),
    }
    return render(request, "evaluation/surveys/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request, pk):
    organisation = permissions.access_evaluation_organisation(
        user=request.user, pk=pk, action="manage_evaluation"
    )
    form = SurveyRoundForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: _open_and_send(
            request,
            invitations.SCORE,
            services.survey_round_create(organisation=organisation, **data),
        ),
        message=_opened_message,
        next=reverse("survey-list", args=[organisation.pk]),
    ):
        return done
    context = {
        "form": form,
        "organisation": organisation,
        "breadcrumbs": _crumbs(
            organisation, ("Involvement score", reverse("survey-list", args=[organisation.pk]))
        ),
    }
    return render(request, "evaluation/surveys/round_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request, pk):
    """One question on one page: the person's own score, once per round."""
    survey_round = permissions.access_survey_round(user=request.user, pk=pk, action="answer")
    stakeholder = permissions.respondent_kind(request.user, survey_round.organisation_id)
    form = ScoreForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.survey_answer_online(
            survey_round=survey_round, user=request.user, stakeholder=stakeholder, **data
        ),
        message="Thank you. Your answer has been saved.",
        next=reverse("home"),
        refused_next=reverse("home"),
    ):
        return done
    context = {"form": form, "survey_round": survey_round, "breadcrumbs": []}
    return render(request, "evaluation/surveys/answer.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def survey_paper(request, pk):
    survey_round = permissions.access_survey_round(user=request.user, pk=pk, action="manage")
    form = PaperScoreForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.survey_answer_paper(
            survey_round=survey_round, entered_by=request.user, **data
        ),
        message="The paper answer has been added. You can enter the next one.",
        next=reverse("survey-paper", args=[survey_round.pk]),
    ):
        return done
    context = {
        "form": form,
        "survey_round": survey_round,
        "breadcrumbs": _crumbs(
            survey_round.organisation,
            ("Involvement score", reverse("survey-list", args=[survey_round.organisation_id])),
        ),
    }
    return render(request, "evaluation/surveys/paper.html", context)


# --- the member experience survey ------------------------------------------------


def _experience_crumbs(group):
    return _group_crumbs(group, ("Member experience", reverse("experience-list", args=[group.pk])))


@login_required
@require_safe
def experience_list(request, pk):
    """A group's member experience surveys and their results: anonymous for
    everyone, shares of fewer than five answers shown to nobody; the comments
    (never named) only to those who run the group."""
    group = permissions.access_group_dashboard(user=request.user, pk=pk)
    can_manage = permissions.can_manage_evaluation(request.user, group.organisation_id)
    results = selectors.experience_results(
        surveys=group.experience_surveys.order_by("-opens_on", "-id"), with_comments=can_manage
    )
    context = {
        "group": group,
        "organisation": group.organisation,
        "results": results,
        "can_manage": can_manage,
        "today": timezone.localdate(),
        "breadcrumbs": _group_crumbs(group),
    }
    return render(request, "evaluation/experience/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def experience_create(request, pk):
    group = permissions.access_group_dashboard(user=request.user, pk=pk, action="manage_evaluation")
    form = ExperienceSurveyForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: _open_and_send(
            request, invitations.EXPERIENCE, services.experience_survey_create(group=group, **data)
        ),
        message=_opened_message,
        next=reverse("experience-list", args=[group.pk]),
    ):
        return done
    context = {
        "form": form,
        "group": group,
        "organisation": group.organisation,
        "breadcrumbs": _experience_crumbs(group),
    }
    return render(request, "evaluation/experience/survey_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def experience_answer(request, pk):
    """A member's own answers, one question per page (each optional, kept in
    their session as they go), sent on the last page; once per survey."""
    from .forms import EXPERIENCE_STEPS

    survey = permissions.access_experience_survey(user=request.user, pk=pk, action="answer")
    try:
        step = min(max(int(request.GET.get("step", 1)), 1), len(EXPERIENCE_STEPS))
    except ValueError:
        step = 1
    name = EXPERIENCE_STEPS[step - 1]
    key = f"experience-answers-{survey.pk}"
    answers = dict(request.session.get(key) or {})
    last = step == len(EXPERIENCE_STEPS)
    here = reverse("experience-answer", args=[survey.pk])
    initial = {name: answers.get(name)} if answers.get(name) is not None else {}
    form = ExperienceAnswerForm(request.POST or None, only=name, initial=initial)
    if request.method == "POST" and not last and form.is_valid():
        answers[name] = form.cleaned_data[name]
        request.session[key] = answers
        return redirect(f"{here}?step={step + 1}")

    def send(data):
        answer = services.experience_answer_online(
            survey=survey, user=request.user, **{**answers, **data}
        )
        request.session.pop(key, None)
        return answer

    if last and (
        done := submit(
            request,
            form,
            send,
            message="Thank you. Your answers have been saved.",
            next=reverse("home"),
            refused_next=reverse("home"),
        )
    ):
        return done
    context = {
        "form": form,
        "survey": survey,
        "step": step,
        "steps": len(EXPERIENCE_STEPS),
        "last": last,
        "back_url": f"{here}?step={step - 1}" if step > 1 else "",
        "breadcrumbs": [],
    }
    return render(request, "evaluation/experience/answer.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def experience_paper(request, pk):
    survey = permissions.access_experience_survey(user=request.user, pk=pk, action="manage")
    form = ExperienceAnswerForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.experience_answer_paper(
            survey=survey, entered_by=request.user, **data
        ),
        message="The answers have been added. You can enter the next ones.",
        next=reverse("experience-paper", args=[survey.pk]),
    ):
        return done
    context = {"form": form, "survey": survey, "breadcrumbs": _experience_crumbs(survey.group)}
    return render(request, "evaluation/experience/paper.html", context)


# --- survey links through each person's channel ------------------------------------


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _open_and_send(request, kind, survey):
    """A survey just set up: if it is open today, its links go now."""
    sent = None
    if survey.opens_on <= timezone.localdate() <= survey.closes_on:
        sent = invitations.send_links(kind=kind, survey=survey, site_url=_site_url(request))
    return survey, sent


def _opened_message(result) -> str:
    _survey, sent = result
    if sent is None:
        return "The survey has been set up. Send the links once it opens."
    return f"The survey has been set up and {_people(sent)} will get the link their own way."


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _send_page(request, *, kind, survey, back_url, caption, breadcrumbs):
    return confirm(
        request,
        lambda: invitations.send_links(kind=kind, survey=survey, site_url=_site_url(request)),
        next=back_url,
        message=lambda sent: (
            f"{_people(sent).capitalize()} will get the link their own way."
            if sent
            else "Everyone invited has already been sent the link."
        ),
        page={
            "heading": f"Send the links to {survey.title}?",
            "caption": caption,
            "lines": [
                "Everyone invited who has not had it yet gets the survey the way they asked "
                "to be contacted: an email with the link, a letter with a paper form to send "
                "back, or a call on your call list.",
                "Nobody gets it twice, and messages not yet gone are stopped once the survey "
                "closes.",
            ],
            "button": "Send the links",
            "back_url": back_url,
            "breadcrumbs": breadcrumbs,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_send(request, pk):
    survey_round = permissions.access_survey_round(user=request.user, pk=pk, action="manage")
    back = reverse("survey-list", args=[survey_round.organisation_id])
    return _send_page(
        request,
        kind=invitations.SCORE,
        survey=survey_round,
        back_url=back,
        caption=survey_round.organisation.name,
        breadcrumbs=_crumbs(survey_round.organisation, ("Involvement score", back)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def experience_send(request, pk):
    survey = permissions.access_experience_survey(user=request.user, pk=pk, action="manage")
    return _send_page(
        request,
        kind=invitations.EXPERIENCE,
        survey=survey,
        back_url=reverse("experience-list", args=[survey.group_id]),
        caption=survey.group.name,
        breadcrumbs=_experience_crumbs(survey.group),
    )


# --- regions: sharing aggregate figures, and the region dashboard ---------------


def _region_dashboard(request, pk):
    region = permissions.access_region(user=request.user, pk=pk)
    period, months = _months(request)
    kind = request.GET.get("kind", "")
    if kind not in dict(Organisation.Kind.choices):
        kind = ""
    dashboard = region_figures.region_dashboard(
        region=region,
        months=months,
        sort=request.GET.get("sort", "name"),
        kind=kind,
        locality=request.GET.get("locality", ""),
        kept=True,
    )
    return region, period, dashboard


REGION_PAGE_SIZE = 25


def _region_crumbs(region, *extra):
    return _crumbs(None, (region.name, reverse("region-dashboard", args=[region.pk])), *extra)


@login_required
@require_safe
def region_dashboard(request, pk):
    """A region's commissioners compare the groups of every organisation that
    shares its figures with the region: aggregates only, small counts hidden.

    The figures are kept (region_figures); the drawn page is kept too, under a
    key made of everything it shows: the organisations sharing now and their
    groups as read on this request, when the figures were worked out, the
    filters, sort and page. A grant stopped or started changes the key, so
    nothing is ever drawn from a page kept for other grants."""
    region = permissions.access_region(user=request.user, pk=pk)
    period, months = _months(request)
    kind = request.GET.get("kind", "")
    if kind not in dict(Organisation.Kind.choices):
        kind = ""
    sort = request.GET.get("sort", "name")
    if sort not in dict(region_figures.SORTS):
        sort = "name"
    live = region_figures.live_figures(region=region, months=months, kept=True)
    locality = request.GET.get("locality", "")
    if locality not in live.localities:
        locality = ""
    shown = {o.pk for o in live.narrowed(kind=kind, locality=locality)}
    groups = sum(1 for g in live.groups if g.organisation_id in shown)
    number = Paginator(range(groups), REGION_PAGE_SIZE).get_page(request.GET.get("page")).number
    key = ":".join(
        str(part)
        for part in (
            "evaluation:region-page:v1",
            region.pk,
            period,
            months[0],
            timezone.localdate(),
            live.worked_out_at.isoformat(),
            live.fingerprint(),
            kind,
            locality,
            sort,
            number,
        )
    )
    figures = cache.get(key)
    if figures is None:
        dashboard = region_figures.region_dashboard(
            region=region, months=months, sort=sort, kind=kind, locality=locality, live=live
        )
        # The groups' rows a page at a time (drawing every group of a national
        # region is most of a second); the region's figures are of them all.
        page = Paginator(dashboard.rows, REGION_PAGE_SIZE).get_page(number)
        query = urlencode(
            {
                name: value
                for name, value in (
                    ("period", period),
                    ("kind", kind),
                    ("locality", locality),
                    ("sort", sort),
                )
                if value
            }
        )
        figures = render_to_string(
            "evaluation/regions/_dashboard.html",
            {
                "region": region,
                "dashboard": dashboard,
                "page": page,
                "query": query,
                "period": period,
                "periods": selectors.PERIODS,
                "sorts": region_figures.SORTS,
                "kinds": Organisation.Kind.choices,
            },
        )
        cache.set(key, figures, region_figures.CACHE_SECONDS)
    # Drawn by our own template from escaped values (the cache keeps a str).
    context = {"region": region, "figures": mark_safe(figures), "breadcrumbs": _crumbs()}  # noqa: S308
    return render(request, "evaluation/regions/dashboard.html", context)


@login_required
@require_safe
def region_dashboard_csv(request, pk):
    region, _period, dashboard = _region_dashboard(request, pk)
    return _figures_csv(rows=dashboard.figure_rows(), name=region.name, dashboard=dashboard)


@login_required
@require_safe
def region_dashboard_xlsx(request, pk):
    """The region dashboard's figures as XLSX: the CSV's cells, suppressed alike."""
    region, _period, dashboard = _region_dashboard(request, pk)
    return _figures_xlsx(rows=dashboard.figure_rows(), name=region.name, dashboard=dashboard)


@login_required
@require_safe
def region_organisation(request, region_pk, pk):
    """One organisation that shares its figures with the region, as its own
    commissioner sees it (never exact) and with no way on to its groups,
    people or records."""
    region, organisation = permissions.access_region_organisation(
        user=request.user, region_pk=region_pk, pk=pk
    )
    period, months = _months(request)
    dashboard = selectors.organisation_dashboard(
        organisation=organisation, months=months, exact=False
    )
    for measure_chart in dashboard.measures:
        with_svg(measure_chart)
    context = {
        "region": region,
        "organisation": organisation,
        "dashboard": dashboard,
        "feedback_statuses": selectors.feedback_statuses(dashboard.feedback),
        "period": period,
        "periods": selectors.PERIODS,
        "aggregate_only": True,
        "breadcrumbs": _region_crumbs(region),
    }
    return render(request, "evaluation/regions/organisation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def region_sharing(request, pk):
    """The organisation's sharing with regions: its live grants, and a form to
    share its aggregate figures with another region."""
    organisation = permissions.access_evaluation_organisation(
        user=request.user, pk=pk, action="share_figures"
    )
    grants = list(
        permissions.live_grants_visible_to(request.user)
        .filter(organisation=organisation)
        .select_related("region", "granted_by")
        .order_by("region__name")
    )
    regions = Region.objects.exclude(pk__in=[g.region_id for g in grants]).order_by("name")
    form = RegionGrantForm(request.POST if request.method == "POST" else None, regions=regions)
    if done := submit(
        request,
        form,
        lambda data: services.region_grant(
            organisation=organisation, region=data["region"], granted_by=request.user
        ),
        message=lambda grant: f"{grant.region.name} can now see the organisation's figures.",
        next=reverse("region-sharing", args=[organisation.pk]),
    ):
        return done
    return render(
        request,
        "evaluation/regions/sharing.html",
        {
            "organisation": organisation,
            "grants": grants,
            "form": form,
            "can_grant": regions.exists(),
            "breadcrumbs": _crumbs(organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def region_grant_revoke(request, pk):
    grant = permissions.access_region_grant(user=request.user, pk=pk)
    back = reverse("region-sharing", args=[grant.organisation_id])
    return confirm(
        request,
        lambda: services.region_grant_revoke(grant=grant, revoked_by=request.user),
        next=back,
        message=f"{grant.region.name} can no longer see the organisation's figures.",
        page={
            "caption": grant.organisation.name,
            "heading": f"Stop sharing figures with {grant.region.name}?",
            "lines": [
                f"The commissioners of {grant.region.name} will no longer see the "
                f"figures of {grant.organisation.name}'s groups.",
                "You can share them again later.",
            ],
            "button": "Stop sharing",
            "back_url": back,
            "breadcrumbs": _crumbs(grant.organisation),
        },
    )
