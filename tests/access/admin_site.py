"""The admin site (Django's, and the packages' model admins): platform
admins only; everyone else is sent to the admin's login page.

Every model the admin shows is walked: its list, add, change, delete and
history pages, and the bare object URL that redirects to the change page.
A model admin added with other rules fails the walk until declared here."""

from django.contrib import admin

from .rules import Page, expect

# The platform admin sees the page; everyone else is sent to the admin's
# login page (a refusal: nothing is written).
ADMINS = expect(302, platform_admin=200)
# The platform admin is refused the method; everyone else is sent to log in.
ADMINS_GET_ONLY = expect(302, platform_admin=405)


def _new_object(w, label):
    """One row of a model the admin shows, for its change, delete and
    history pages."""
    from django.utils import timezone

    if label == "auth.group":
        from django.contrib.auth.models import Group

        return Group.objects.create(name="Walk admins")
    if label == "mfa.authenticator":
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.create(
            user=w.user("platform_admin"),
            type=Authenticator.Type.RECOVERY_CODES,
            data={"seed": "00" * 20, "used_mask": 0},
        )
    if label == "authtoken.tokenproxy":
        from rest_framework.authtoken.models import Token, TokenProxy

        return TokenProxy.objects.get(pk=Token.objects.create(user=w.user("platform_admin")).pk)
    if label == "involvement.auditentry":
        from involvement import audit

        return audit.record(
            action=audit.Action.DATA_EXPORTED,
            organisation=w.organisation,
            actor=w.user("org_admin"),
            summary="Walk export",
        )
    if label == "evaluation.region":
        from .evaluation import region_objects

        return region_objects(w)["region"]
    if label.startswith("django_celery_beat."):
        from django_celery_beat import models as beat

        interval, _ = beat.IntervalSchedule.objects.get_or_create(every=1, period="days")
        return {
            "django_celery_beat.intervalschedule": lambda: interval,
            "django_celery_beat.clockedschedule": lambda: beat.ClockedSchedule.objects.create(
                clocked_time=timezone.now()
            ),
            "django_celery_beat.crontabschedule": lambda: beat.CrontabSchedule.objects.create(),
            "django_celery_beat.solarschedule": lambda: beat.SolarSchedule.objects.create(
                event="sunrise", latitude=51.5, longitude=-0.1
            ),
            "django_celery_beat.periodictask": lambda: beat.PeriodicTask.objects.create(
                name="walk", task="involvement.tasks.walk", interval=interval
            ),
        }[label]()
    return None


def _admin_object(w, model):
    key = f"admin:{model._meta.label_lower}"
    if key not in w.objects:
        found = _new_object(w, model._meta.label_lower)
        if found is None:
            found = model._default_manager.order_by("pk").first()
        assert found is not None, f"Add a row of {model._meta.label} for the admin's walk"
        w.objects[key] = found
    return w.objects[key]


def _model_pages():
    pages = {}
    for model in admin.site._registry:
        app, name = model._meta.app_label, model._meta.model_name
        # An empty POST changes nothing: the form comes back with its errors,
        # and the delete page asks again.
        pages[f"admin:{app}_{name}_changelist"] = Page(status=ADMINS, post=ADMINS)
        pages[f"admin:{app}_{name}_add"] = Page(status=ADMINS, post=ADMINS)
        for view in ("change", "delete", "history"):
            pages[f"admin:{app}_{name}_{view}"] = Page(
                kwargs=lambda w, model=model: {"object_id": _admin_object(w, model).pk},
                status=ADMINS,
                post=ADMINS,
            )
        # The bare object URL redirects the platform admin to the change page.
        pages[f"admin/{app}/{name}/<path:object_id>/"] = Page(
            url=lambda w, model=model, app=app, name=name: (
                f"/admin/{app}/{name}/{_admin_object(w, model).pk}/"
            ),
            status=expect(302),
            post=expect(302),
            writes=False,
        )
    return pages


PAGES = {
    "admin:index": Page(status=ADMINS, post=ADMINS),
    # No login form of its own (config/urls.py): the signed-out are sent to
    # allauth's login page, admins on into the admin, everyone else refused.
    # It never checks a password, so a POST writes nothing.
    "admin:login": Page(
        status=expect(403, anonymous=302, platform_admin=302),
        post=expect(403, anonymous=302, platform_admin=302),
        writes=False,
    ),
    # Logging out is a POST; it changes only the session.
    "admin:logout": Page(status=ADMINS_GET_ONLY, post=ADMINS, writes=False),
    "admin:password_change": Page(status=ADMINS, post=ADMINS),
    "admin:password_change_done": Page(status=ADMINS, post=ADMINS_GET_ONLY),
    # Autocomplete without its parameters is refused.
    "admin:autocomplete": Page(status=expect(302, platform_admin=403), post=ADMINS_GET_ONLY),
    "admin:jsi18n": Page(status=ADMINS, post=ADMINS_GET_ONLY),
    "admin:app_list": Page(kwargs=lambda w: {"app_label": "auth"}, status=ADMINS, post=ADMINS),
    # No model here has a page of its own on the site.
    "admin:view_on_site": Page(
        kwargs=lambda w: {"content_type_id": 1, "object_id": "1"},
        status=expect(302, platform_admin=404),
        post=expect(302, platform_admin=404),
    ),
    "admin/(?P<url>.*)$": Page(
        url=lambda w: "/admin/no-such-page/",
        status=expect(302, platform_admin=404),
        post=expect(302, platform_admin=404),
    ),
    **_model_pages(),
    # The outbox is shown, never written by hand: no add, change or delete
    # (its Send again action goes through the outbox's own service).
    "admin:involvement_notification_add": Page(
        status=expect(302, platform_admin=403), post=expect(302, platform_admin=403)
    ),
    "admin:involvement_notification_delete": Page(
        kwargs=lambda w: {"object_id": w.objects["notification"].pk},
        status=expect(302, platform_admin=403),
        post=expect(302, platform_admin=403),
    ),
    "admin:involvement_notification_change": Page(
        kwargs=lambda w: {"object_id": w.objects["notification"].pk},
        status=ADMINS,
        post=expect(302, platform_admin=403),
    ),
}

# The audit log is read-only in the admin: it may be listed and each entry
# seen, never added, changed or deleted (the platform admin is refused: 403).
_AUDIT = "admin:involvement_auditentry"
_READ_ONLY = expect(302, platform_admin=403)
PAGES[f"{_AUDIT}_add"] = Page(status=_READ_ONLY, post=_READ_ONLY)
PAGES[f"{_AUDIT}_delete"] = Page(
    kwargs=PAGES[f"{_AUDIT}_delete"].kwargs, status=_READ_ONLY, post=_READ_ONLY
)
PAGES[f"{_AUDIT}_change"] = Page(
    kwargs=PAGES[f"{_AUDIT}_change"].kwargs, status=ADMINS, post=_READ_ONLY
)
