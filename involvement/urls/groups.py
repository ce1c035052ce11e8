from django.urls import path

from ..views import groups as views

urlpatterns = [
    path("groups/", views.group_list, name="group-list"),
    path("groups/new/", views.group_create, name="group-create"),
    path("groups/<int:pk>/", views.group_detail, name="group-detail"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group-edit"),
    path(
        "groups/<int:pk>/terms-of-reference.pdf",
        views.group_terms_of_reference_pdf,
        name="group-terms-of-reference-pdf",
    ),
    path(
        "groups/<int:pk>/role-summary.pdf",
        views.group_role_summary_pdf,
        name="group-role-summary-pdf",
    ),
    path(
        "groups/<int:pk>/diversity-factors/new/",
        views.factor_create,
        name="group-factor-create",
    ),
    path(
        "groups/<int:pk>/diversity-factors/<int:factor_pk>/edit/",
        views.factor_edit,
        name="group-factor-edit",
    ),
    path(
        "groups/<int:pk>/diversity-factors/<int:factor_pk>/remove/",
        views.factor_delete,
        name="group-factor-delete",
    ),
    path("groups/<int:pk>/members/", views.group_members, name="group-members"),
    path("groups/<int:pk>/members/add/", views.membership_create, name="membership-create"),
    path("memberships/<int:pk>/", views.membership_detail, name="membership-detail"),
    path("memberships/<int:pk>/status/", views.membership_status, name="membership-status"),
    path("memberships/<int:pk>/edit/", views.membership_edit, name="membership-edit"),
]
