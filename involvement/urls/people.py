from django.urls import path

from ..views import duplicates
from ..views import people as views

urlpatterns = [
    path(
        "organisations/<int:pk>/possible-duplicates/",
        duplicates.organisation_duplicates,
        name="organisation-duplicates",
    ),
    path(
        "organisations/<int:pk>/possible-duplicates/<int:keep_pk>/<int:merge_pk>/",
        duplicates.duplicate_merge,
        name="duplicate-merge",
    ),
    path("profile/", views.my_profile, name="my-profile"),
    path("profile/background/", views.my_diversity, name="my-diversity"),
    path(
        "profile/background/withdraw/",
        views.my_diversity_withdraw,
        name="my-diversity-withdraw",
    ),
    path("profile/messages/", views.my_message_choices, name="my-message-choices"),
    path("people/", views.person_list, name="person-list"),
    path("people/new/", views.person_create, name="person-create"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path(
        "people/<int:pk>/message-choices/",
        views.person_message_choices,
        name="person-message-choices",
    ),
    path("people/<int:pk>/background/", views.person_diversity, name="person-diversity"),
    path(
        "people/<int:pk>/background/withdraw/",
        views.person_diversity_withdraw,
        name="person-diversity-withdraw",
    ),
]
