from django.urls import path

from ..views import outbox as views

urlpatterns = [
    # A person's own messages
    path("messages/", views.message_list, name="message-list"),
    path("messages/<int:pk>/", views.message_detail, name="message-detail"),
    # Coordinators and admin support
    path("people/<int:person_pk>/messages/", views.person_messages, name="person-messages"),
    path("messages/<int:pk>/cancel/", views.message_cancel, name="message-cancel"),
    path("messages/<int:pk>/send-again/", views.message_send_again, name="message-send-again"),
    path("messages/<int:pk>/called/", views.message_mark_called, name="message-mark-called"),
    path("letters/", views.outbox_index, name="outbox-index"),
    path("letters/<int:organisation_pk>/", views.print_queue, name="print-queue"),
    path(
        "letters/<int:organisation_pk>/batch/",
        views.print_batch_create,
        name="print-batch-create",
    ),
    path("letters/<int:organisation_pk>/calls/", views.call_list, name="call-list"),
    path(
        "letters/<int:organisation_pk>/messages/",
        views.organisation_messages,
        name="organisation-messages",
    ),
    path("letters/batches/<int:pk>/", views.print_batch_detail, name="print-batch-detail"),
    path("letters/batches/<int:pk>/letters.pdf", views.print_batch_pdf, name="print-batch-pdf"),
    path(
        "letters/batches/<int:pk>/printed/",
        views.print_batch_mark_printed,
        name="print-batch-printed",
    ),
]
