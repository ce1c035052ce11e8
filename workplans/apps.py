from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "workplans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The app's access rules join involvement.permissions.user_can when
        # their module is imported (the core never imports an app).
        from involvement import home_panels
        from involvement.models import StaffRole

        # Publishing a response enqueues the members' news by the task's name:
        # registered in every process, eager mode runs it in-process.
        from . import (
            permissions,  # noqa: F401
            tasks,  # noqa: F401
        )
        from .homes import you_said_panel

        home_panels.register(
            template="workplans/homes/_you_said.html",
            roles={StaffRole.Role.COORDINATOR, StaffRole.Role.ORG_ADMIN},
            build=you_said_panel,
        )
