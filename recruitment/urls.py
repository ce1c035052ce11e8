"""Recruitment pages. Set-up and the applicant journey here; scoring and
selection pages in urls_scoring.py."""

from django.urls import include, path

from .views import applications, enquiries, public, roles, vacancies

urlpatterns = [
    # Coordinators: role descriptions and the person specification
    path("recruitment/", roles.recruitment_home, name="recruitment-home"),
    path("recruitment/roles/new/", roles.role_create, name="role-create"),
    path("recruitment/roles/<int:pk>/", roles.role_detail, name="role-detail"),
    path("recruitment/roles/<int:pk>/edit/", roles.role_edit, name="role-edit"),
    path(
        "recruitment/roles/<int:pk>/criteria/new/", roles.criterion_create, name="criterion-create"
    ),
    path(
        "recruitment/roles/<int:pk>/criteria/<int:criterion_pk>/edit/",
        roles.criterion_edit,
        name="criterion-edit",
    ),
    path(
        "recruitment/roles/<int:pk>/criteria/<int:criterion_pk>/remove/",
        roles.criterion_delete,
        name="criterion-delete",
    ),
    # Coordinators: the organisation's lists
    path(
        "recruitment/organisations/<int:org_pk>/outreach/",
        roles.outreach_channels,
        name="outreach-channels",
    ),
    path(
        "recruitment/organisations/<int:org_pk>/outreach/<int:pk>/toggle/",
        roles.outreach_channel_toggle,
        name="outreach-channel-toggle",
    ),
    path(
        "recruitment/organisations/<int:org_pk>/signposting/",
        roles.signpost_list,
        name="signpost-list",
    ),
    path(
        "recruitment/organisations/<int:org_pk>/signposting/<int:pk>/edit/",
        roles.signpost_edit,
        name="signpost-edit",
    ),
    path(
        "recruitment/organisations/<int:org_pk>/enquiries/",
        enquiries.enquiry_list,
        name="enquiry-list",
    ),
    path(
        "recruitment/organisations/<int:org_pk>/enquiries/new/",
        enquiries.enquiry_create,
        name="enquiry-create",
    ),
    # Coordinators: vacancies, applications, the panel
    path(
        "recruitment/roles/<int:pk>/vacancies/new/",
        vacancies.vacancy_create,
        name="vacancy-create",
    ),
    path("recruitment/vacancies/<int:pk>/", vacancies.vacancy_detail, name="vacancy-detail"),
    path("recruitment/vacancies/<int:pk>/edit/", vacancies.vacancy_edit, name="vacancy-edit"),
    path("recruitment/vacancies/<int:pk>/open/", vacancies.vacancy_open, name="vacancy-open"),
    path("recruitment/vacancies/<int:pk>/close/", vacancies.vacancy_close, name="vacancy-close"),
    path(
        "recruitment/vacancies/<int:pk>/applications/",
        vacancies.vacancy_applications,
        name="vacancy-applications",
    ),
    path(
        "recruitment/vacancies/<int:pk>/applications/<int:application_pk>/",
        vacancies.vacancy_application_detail,
        name="vacancy-application-detail",
    ),
    path(
        "recruitment/vacancies/<int:pk>/applications/enter/",
        vacancies.application_enter,
        name="application-enter",
    ),
    path("recruitment/vacancies/<int:pk>/panel/", vacancies.vacancy_panel, name="vacancy-panel"),
    path(
        "recruitment/vacancies/<int:pk>/panel/<int:member_pk>/remove/",
        vacancies.panel_member_remove,
        name="panel-member-remove",
    ),
    path(
        "recruitment/vacancies/<int:pk>/conflicts/",
        vacancies.panel_conflicts,
        name="panel-conflicts",
    ),
    path(
        "recruitment/vacancies/<int:pk>/conflicts/start-scoring/",
        vacancies.panel_start_scoring,
        name="panel-start-scoring",
    ),
    # Public: no login
    path("vacancies/", public.public_vacancy_list, name="public-vacancy-list"),
    path("vacancies/<uuid:public_id>/", public.public_vacancy, name="public-vacancy"),
    path(
        "vacancies/<uuid:public_id>/information-pack.pdf",
        public.vacancy_pack,
        name="vacancy-pack",
    ),
    path(
        "vacancies/<uuid:public_id>/other-ways-to-apply/",
        public.vacancy_other_ways,
        name="vacancy-other-ways",
    ),
    # Applicants
    path(
        "vacancies/<uuid:public_id>/apply/",
        applications.application_start,
        name="application-start",
    ),
    path("applications/", applications.my_applications, name="my-applications"),
    path("applications/<int:pk>/", applications.application_detail, name="application-detail"),
    path(
        "applications/<int:pk>/questions/<int:number>/",
        applications.application_question,
        name="application-question",
    ),
    path(
        "applications/<int:pk>/availability/",
        applications.application_availability,
        name="application-availability",
    ),
    path(
        "applications/<int:pk>/support/",
        applications.application_support,
        name="application-support",
    ),
    path("applications/<int:pk>/heard/", applications.application_heard, name="application-heard"),
    path(
        "applications/<int:pk>/contact/",
        applications.application_contact,
        name="application-contact",
    ),
    path(
        "applications/<int:pk>/diversity/",
        applications.application_diversity,
        name="application-diversity",
    ),
    path("applications/<int:pk>/check/", applications.application_check, name="application-check"),
    path(
        "applications/<int:pk>/sent/",
        applications.application_submitted,
        name="application-submitted",
    ),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application-withdraw",
    ),
    path(
        "applications/<int:pk>/restore/",
        applications.application_restore,
        name="application-restore",
    ),
    # Scoring and selection (reviewers, moderation, decisions)
    path("", include("recruitment.urls_scoring")),
]
