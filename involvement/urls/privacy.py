from django.urls import path

from ..views import privacy as views

urlpatterns = [
    path("profile/your-data/", views.my_data, name="my-data"),
    path("profile/your-data/<int:pk>/your-data.json", views.my_data_json, name="my-data-json"),
    path("profile/your-data/<int:pk>/your-data.html", views.my_data_html, name="my-data-html"),
    path("profile/your-data/<int:pk>/your-data.pdf", views.my_data_pdf, name="my-data-pdf"),
    path("profile/your-data/delete/", views.my_data_erasure, name="my-data-erasure"),
    path(
        "organisations/<int:pk>/requests-to-delete-data/",
        views.organisation_erasure_requests,
        name="organisation-erasure-requests",
    ),
    path(
        "organisations/<int:pk>/requests-to-delete-data/<int:request_pk>/",
        views.erasure_carry_out,
        name="erasure-carry-out",
    ),
]
