from django.urls import path

from . import views

urlpatterns = [
    path("evaluation/", views.evaluation_index, name="evaluation-index"),
    path(
        "evaluation/organisations/<int:pk>/",
        views.evaluation_dashboard,
        name="evaluation-dashboard",
    ),
    path(
        "evaluation/organisations/<int:pk>/reports/",
        views.report_request,
        name="report-request",
    ),
    path("evaluation/reports/<int:pk>/", views.report_job, name="report-job"),
    path("evaluation/reports/<int:pk>/download/", views.report_download, name="report-download"),
    path("evaluation/groups/<int:pk>/", views.group_dashboard, name="group-dashboard"),
    path("evaluation/regions/<int:pk>/", views.region_dashboard, name="region-dashboard"),
    path(
        "evaluation/regions/<int:pk>/figures.csv",
        views.region_dashboard_csv,
        name="region-dashboard-csv",
    ),
    path(
        "evaluation/organisations/<int:pk>/sharing/",
        views.region_sharing,
        name="region-sharing",
    ),
    path(
        "evaluation/sharing/<int:pk>/stop/",
        views.region_grant_revoke,
        name="region-grant-revoke",
    ),
    path(
        "evaluation/groups/<int:pk>/figures.csv",
        views.group_dashboard_csv,
        name="group-dashboard-csv",
    ),
    path(
        "evaluation/organisations/<int:pk>/figures.csv",
        views.evaluation_csv,
        name="evaluation-csv",
    ),
    path("evaluation/groups/<int:pk>/standards/", views.standards_list, name="standards-list"),
    path(
        "evaluation/groups/<int:pk>/standards/<int:year>/",
        views.standards_edit,
        name="standards-edit",
    ),
    path(
        "evaluation/organisations/<int:pk>/objectives/",
        views.objective_list,
        name="objective-list",
    ),
    path(
        "evaluation/organisations/<int:pk>/objectives/new/",
        views.objective_create,
        name="objective-create",
    ),
    path("evaluation/objectives/<int:pk>/", views.objective_detail, name="objective-detail"),
    path(
        "evaluation/objectives/<int:pk>/measures/new/",
        views.measure_create,
        name="measure-create",
    ),
    path("evaluation/measures/<int:pk>/", views.measure_detail, name="measure-detail"),
    path(
        "evaluation/measures/<int:pk>/readings/new/",
        views.reading_create,
        name="reading-create",
    ),
    path(
        "evaluation/organisations/<int:pk>/what-changed/",
        views.impact_list,
        name="impact-list",
    ),
    path(
        "evaluation/organisations/<int:pk>/what-changed/new/",
        views.impact_create,
        name="impact-create",
    ),
    path("evaluation/what-changed/<int:pk>/", views.impact_detail, name="impact-detail"),
    path(
        "evaluation/what-changed/<int:pk>/public/",
        views.impact_publish,
        name="impact-publish",
    ),
    path(
        "evaluation/organisations/<int:pk>/involvement-score/",
        views.survey_list,
        name="survey-list",
    ),
    path(
        "evaluation/organisations/<int:pk>/involvement-score/new/",
        views.survey_create,
        name="survey-create",
    ),
    path("involvement-score/<int:pk>/", views.survey_answer, name="survey-answer"),
    path(
        "evaluation/involvement-score/<int:pk>/paper/",
        views.survey_paper,
        name="survey-paper",
    ),
    path(
        "you-said-we-did/groups/<int:pk>/what-changed/",
        views.impact_public,
        name="impact-public",
    ),
    path(
        "evaluation/groups/<int:pk>/member-experience/",
        views.experience_list,
        name="experience-list",
    ),
    path(
        "evaluation/groups/<int:pk>/member-experience/new/",
        views.experience_create,
        name="experience-create",
    ),
    path("member-experience/<int:pk>/", views.experience_answer, name="experience-answer"),
    path(
        "evaluation/member-experience/<int:pk>/paper/",
        views.experience_paper,
        name="experience-paper",
    ),
    path(
        "evaluation/member-experience/<int:pk>/send/",
        views.experience_send,
        name="experience-send",
    ),
    path(
        "evaluation/involvement-score/<int:pk>/send/",
        views.survey_send,
        name="survey-send",
    ),
    path(
        "evaluation/what-changed/<int:pk>/evidence/new/",
        views.evidence_add,
        name="evidence-add",
    ),
    path(
        "evaluation/what-changed/evidence/<int:pk>/",
        views.evidence_download,
        name="evidence-download",
    ),
    path(
        "evaluation/what-changed/evidence/<int:pk>/remove/",
        views.evidence_remove,
        name="evidence-remove",
    ),
    path(
        "you-said-we-did/what-changed/evidence/<int:pk>/",
        views.evidence_public,
        name="evidence-public",
    ),
    path(
        "evaluation/groups/<int:pk>/figures.xlsx",
        views.group_dashboard_xlsx,
        name="group-dashboard-xlsx",
    ),
    path(
        "evaluation/organisations/<int:pk>/figures.xlsx",
        views.evaluation_xlsx,
        name="evaluation-xlsx",
    ),
]
