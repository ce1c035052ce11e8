from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "workplans"
    default_auto_field = "django.db.models.BigAutoField"
