"""Access expectations for the evaluation pages (evaluation.permissions):
coordinators and organisation admins set objectives and measures and enter
readings; they and commissioners read the dashboard, objectives and
measures; other staff of the organisation get 403, members and another
organisation's people 404."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import date_parts

from .rules import API_SIGNED_IN, PUBLIC, SIGNED_IN, Page, expect, fields, redirects


def evaluation_objects(world) -> dict:
    if "evaluation" in world.objects:
        return world.objects["evaluation"]
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluation import services
    from evaluation.models import ReportJob

    objective = services.objective_create(
        organisation=world.organisation,
        group=world.objects["group"],
        title="A full group that reflects local people",
        term="short",
        owner="Group coordinator",
    )
    measure = services.measure_create(
        objective=objective,
        name="Members who feel listened to",
        method="Show of hands at each group meeting.",
        source="entered",
        direction="up",
    )
    services.reading_record(
        measure=measure,
        month=timezone.localdate().replace(day=1),
        value=6,
        note="Counted at the meeting.",
    )
    other_objective = services.objective_create(
        organisation=world.other_organisation,
        title="Answer every point within a month",
        term="medium",
        owner="Organisation admin",
    )
    record = services.impact_record_create(
        organisation=world.organisation,
        group=world.objects["group"],
        title="Screening letters rewritten",
        what_changed="The eye screening letters were rewritten with members.",
        area="services",
        perspective="service_user",
        changed_on=timezone.localdate(),
        evidence_link="https://example.org/letters",
        evidence="Uptake rose from 78% to 83%.",
    )
    services.impact_record_publish(
        record=record, published=True, public_text="Screening letters are clearer now."
    )
    survey_round = services.survey_round_create(
        organisation=world.organisation,
        title="Involvement score, this year",
        opens_on=timezone.localdate() - timedelta(days=1),
        closes_on=timezone.localdate() + timedelta(days=30),
    )
    evidence = services.evidence_add(
        record=record,
        title="Uptake figures",
        upload=SimpleUploadedFile("uptake.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf"),
        public=True,
    )
    experience_survey = services.experience_survey_create(
        group=world.objects["group"],
        title="How the group feels, this year",
        opens_on=timezone.localdate() - timedelta(days=1),
        closes_on=timezone.localdate() + timedelta(days=30),
    )
    services.experience_answer_paper(
        survey=experience_survey,
        entered_by=world.user("coordinator"),
        confidence=4,
        comment="More time to read the papers, please.",
    )
    report_job = ReportJob.objects.create(
        organisation=world.organisation,
        requested_by=world.user("commissioner"),
        period_months=12,
        last_month=timezone.localdate().replace(day=1),
        status=ReportJob.Status.DONE,
        progress=100,
    )
    report_job.file.save(f"{report_job.pk}-impact-report.pdf", ContentFile(b"%PDF-1.7\n"))
    objects = {
        "report_job": report_job,
        "survey_round": survey_round,
        "experience_survey": experience_survey,
        "evidence": evidence,
        "objective": objective,
        "measure": measure,
        "other_objective": other_objective,
        "record": record,
    }
    world.objects["evaluation"] = objects
    return objects


def region_objects(world) -> dict:
    """A region the first organisation shares its figures with (its
    commissioner commissions it), and a second region nobody shares with yet."""
    if "regions" in world.objects:
        return world.objects["regions"]
    from evaluation import services
    from evaluation.models import Region

    region = Region.objects.create(name="North Testshire oversight board")
    region.commissioners.add(world.user("commissioner"))
    other = Region.objects.create(name="South Testshire commissioners")
    grant = services.region_grant(
        organisation=world.organisation, region=region, granted_by=world.user("org_admin")
    )
    objects = {"region": region, "other_region": other, "grant": grant}
    world.objects["regions"] = objects
    return objects


def _region(name):
    return lambda w: {"pk": region_objects(w)[name].pk}


def _pk(name):
    return lambda w: {"pk": evaluation_objects(w)[name].pk}


def _org(w):
    return {"pk": w.organisation.pk}


READ = expect(
    403,
    anonymous=302,
    member=404,
    coordinator=200,
    org_admin=200,
    commissioner=200,
    platform_admin=200,
    other_org=404,
)
MANAGE = {**READ, "commissioner": 403}
OWN_REPORT = expect(404, anonymous=302, commissioner=200)
# A region: its commissioners (here the first organisation's) and platform admins.
REGION = expect(404, anonymous=302, commissioner=200, platform_admin=200)
# Sharing with regions: the organisation's admins.
SHARES = expect(403, anonymous=302, member=404, org_admin=200, platform_admin=200, other_org=404)


PAGES = {
    "evaluation-index": Page(status=SIGNED_IN),
    "evaluation-dashboard": Page(kwargs=_org, status=READ, query="?period=12"),
    "evaluation-csv": Page(kwargs=_org, status=READ, query="?period=12"),
    "group-dashboard-csv": Page(
        kwargs=lambda w: {"pk": w.objects["group"].pk}, status=READ, query="?period=12"
    ),
    "evaluation-xlsx": Page(kwargs=_org, status=READ, query="?period=12"),
    "group-dashboard-xlsx": Page(
        kwargs=lambda w: {"pk": w.objects["group"].pk}, status=READ, query="?period=12"
    ),
    "report-request": Page(kwargs=_org, status=READ, form=fields(period="12")),
    # A report is seen only by the person who asked for it (the commissioner).
    "report-job": Page(kwargs=_pk("report_job"), status=OWN_REPORT),
    "report-download": Page(kwargs=_pk("report_job"), status=OWN_REPORT),
    "group-dashboard": Page(
        kwargs=lambda w: {"pk": w.objects["group"].pk}, status=READ, query="?period=12"
    ),
    "standards-list": Page(kwargs=lambda w: {"pk": w.objects["group"].pk}, status=READ),
    "standards-edit": Page(
        kwargs=lambda w: {"pk": w.objects["group"].pk, "year": timezone.localdate().year},
        status=MANAGE,
        form=fields(
            inclusive_rating="3",
            inclusive_evidence="Two outreach sessions at the mosque and the college.",
        ),
    ),
    "objective-list": Page(kwargs=_org, status=READ),
    "objective-create": Page(
        kwargs=_org,
        status=MANAGE,
        form=fields(title="Members feel confident", term="short", owner="Group coordinator"),
    ),
    "objective-detail": Page(kwargs=_pk("objective"), status=READ),
    "measure-create": Page(
        kwargs=_pk("objective"),
        status=MANAGE,
        form=fields(
            name="Active members",
            method="Counted from the group's memberships.",
            source="members",
            direction="up",
            target="12",
        ),
    ),
    "measure-detail": Page(kwargs=_pk("measure"), status=READ),
    "impact-list": Page(kwargs=_org, status=READ),
    "impact-create": Page(
        kwargs=_org,
        status=MANAGE,
        form=lambda w: {
            "title": "Clinic times changed",
            "what_changed": "Evening clinics for working people.",
            "area": "services",
            "perspective": "staff",
            **date_parts("changed_on", timezone.localdate()),
        },
    ),
    "impact-detail": Page(kwargs=_pk("record"), status=READ),
    "impact-publish": Page(
        kwargs=_pk("record"),
        status=MANAGE,
        form=fields(published="on", public_text="Evening clinics now run."),
    ),
    "impact-public": Page(
        kwargs=lambda w: {"pk": evaluation_objects(w) and w.objects["group"].pk}, status=PUBLIC
    ),
    "survey-list": Page(kwargs=_org, status=READ),
    "survey-create": Page(
        kwargs=_org,
        status=MANAGE,
        form=lambda w: {
            "title": "Involvement score, next round",
            **date_parts("opens_on", timezone.localdate()),
            **date_parts("closes_on", timezone.localdate() + timedelta(days=21)),
        },
    ),
    # Staff of the organisation (any role) and members of its groups answer.
    "survey-answer": Page(
        kwargs=_pk("survey_round"),
        status=expect(200, anonymous=302, platform_admin=403, other_org=404),
        form=fields(score="3"),
    ),
    "survey-paper": Page(
        kwargs=_pk("survey_round"),
        status={**MANAGE, "member": 403},  # members see the round, to answer it
        form=fields(stakeholder="staff", score="8"),
    ),
    "experience-list": Page(kwargs=lambda w: {"pk": w.objects["group"].pk}, status=READ),
    "experience-create": Page(
        kwargs=lambda w: {"pk": w.objects["group"].pk},
        status=MANAGE,
        form=lambda w: {
            "title": "How the group feels, next round",
            **date_parts("opens_on", timezone.localdate()),
            **date_parts("closes_on", timezone.localdate() + timedelta(days=21)),
        },
    ),
    # Members of the group answer; staff see the survey but do not answer it.
    # One question per page: the last page's POST writes the answers.
    "experience-answer": Page(
        kwargs=_pk("experience_survey"),
        query="?step=6",
        status=expect(403, anonymous=302, member=200, other_org=404),
        form=fields(comment="More time to read the papers, please."),
    ),
    "experience-paper": Page(
        kwargs=_pk("experience_survey"),
        status={**MANAGE, "member": 403},  # members see the survey, to answer it
        form=fields(confidence="2", comment="Meetings are too far away."),
    ),
    "evidence-add": Page(
        kwargs=_pk("record"),
        status=MANAGE,
        form=lambda w: {
            "title": "Clinic letter",
            "file": SimpleUploadedFile("letter.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf"),
        },
    ),
    "evidence-download": Page(kwargs=_pk("evidence"), status=READ),
    "evidence-remove": Page(kwargs=_pk("evidence"), status=MANAGE, post=redirects(MANAGE)),
    # A file marked public, of a record on the public page: anyone.
    "evidence-public": Page(kwargs=_pk("evidence"), status=PUBLIC),
    # Sending the links is behind a confirmation page.
    "experience-send": Page(
        kwargs=_pk("experience_survey"),
        status={**MANAGE, "member": 403},
        post=redirects({**MANAGE, "member": 403}),
    ),
    "survey-send": Page(
        kwargs=_pk("survey_round"),
        status={**MANAGE, "member": 403},
        post=redirects({**MANAGE, "member": 403}),
    ),
    "region-dashboard": Page(kwargs=_region("region"), status=REGION, query="?period=12"),
    "region-dashboard-csv": Page(kwargs=_region("region"), status=REGION, query="?period=12"),
    "region-dashboard-xlsx": Page(kwargs=_region("region"), status=REGION, query="?period=12"),
    "region-organisation": Page(
        kwargs=lambda w: {"region_pk": region_objects(w)["region"].pk, "pk": w.organisation.pk},
        status=REGION,
        query="?period=12",
    ),
    "region-report-request": Page(
        kwargs=_region("region"), status=REGION, form=fields(period="12")
    ),
    "region-sharing": Page(
        kwargs=_org,
        status=SHARES,
        form=lambda w: {"region": region_objects(w)["other_region"].pk},
    ),
    "region-grant-revoke": Page(kwargs=_region("grant"), status=SHARES, post=redirects(SHARES)),
    # The figures API: scoped like the pages; the signed-out get 401.
    "api-organisation-figures-list": Page(status=API_SIGNED_IN),
    "api-organisation-figures-detail": Page(
        kwargs=_org, status={**READ, "anonymous": 401}, query="?period=12"
    ),
    "api-region-figures-list": Page(status=API_SIGNED_IN),
    "api-region-figures-detail": Page(
        kwargs=_region("region"), status={**REGION, "anonymous": 401}, query="?period=12"
    ),
    "reading-create": Page(
        kwargs=_pk("measure"),
        status=MANAGE,
        form=lambda w: {
            "month": timezone.localdate().replace(day=1).isoformat(),
            "value": "7",
        },
    ),
}
