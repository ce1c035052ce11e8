from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    name = "involvement"
    verbose_name = "Involvement core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The outbox enqueues its send by the task's name (its services never
        # import the tasks). Registering the task in every process, not only
        # in the worker, lets Celery resolve that name here: eager mode then
        # runs the send in-process, as it did before the import cycle was broken.
        from . import receivers, tasks  # noqa: F401

        receivers.connect()
        # Sign-ins, failed sign-ins, sign-outs and two-step sign-in changes
        # go to the audit log.
        receivers.connect_audit()

        # `check --deploy` warns about NoScanner; production warns at start too.
        from . import checks

        checks.warn_at_start()

        # The weekly summary of what needs doing, for coordinators and admins.
        from .services import staff_digest

        staff_digest.register()

        # Every sign-in starts the session's idle and absolute clocks
        # (involvement.middleware.SessionTimeoutMiddleware).
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_start_session_clock, dispatch_uid="involve-session-clock")


def _start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        from .middleware import start_session_clock

        start_session_clock(request)
