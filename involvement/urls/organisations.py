from django.urls import path

from ..views import audit, glossary
from ..views import organisations as views

# The API's router already names "organisation-list" and "organisation-detail".
urlpatterns = [
    path("organisations/", views.organisation_index, name="organisation-index"),
    path("organisations/new/", views.organisation_create, name="organisation-create"),
    path("organisations/<int:pk>/", views.organisation_summary, name="organisation-summary"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation-edit"),
    path("organisations/<int:pk>/glossary/", glossary.glossary, name="glossary"),
    path(
        "organisations/<int:pk>/glossary/new/",
        glossary.glossary_term_add_view,
        name="glossary-term-add",
    ),
    path("organisations/<int:pk>/audit-log/", audit.organisation_audit, name="organisation-audit"),
    path(
        "organisations/<int:pk>/audit-log.csv",
        audit.organisation_audit_csv,
        name="organisation-audit-csv",
    ),
    path("organisations/<int:pk>/people/", views.organisation_people, name="organisation-people"),
    path(
        "organisations/<int:pk>/people/<int:role_pk>/remove/",
        views.staff_role_revoke,
        name="staff-role-revoke",
    ),
]
