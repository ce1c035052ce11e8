from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    name = "involvement"
    verbose_name = "Involvement core"
    default_auto_field = "django.db.models.BigAutoField"
