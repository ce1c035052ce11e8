from django.conf import settings

from . import nav


def navigation(request):
    """The role-aware menu and the service name, for every page."""
    return {"nav_items": nav.items_for(request), "site_name": settings.SITE_NAME}
