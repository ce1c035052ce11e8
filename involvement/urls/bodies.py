from django.urls import path

from ..views import bodies as views

urlpatterns = [
    path("bodies/", views.body_list, name="body-list"),
    path("bodies/new/", views.body_create, name="body-create"),
    path("bodies/<int:pk>/", views.body_detail, name="body-detail"),
    path("bodies/<int:pk>/edit/", views.body_edit, name="body-edit"),
    path("bodies/<int:pk>/seats/new/", views.seat_appoint, name="seat-appoint"),
    path("bodies/<int:pk>/seats/<int:seat_pk>/end/", views.seat_end, name="seat-end"),
]
