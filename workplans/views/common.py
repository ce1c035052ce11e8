from __future__ import annotations

from django.urls import reverse

from involvement.forms.errors import apply_errors as add_errors  # noqa: F401 - shared


def crumbs(group=None, *extra):
    trail = [("Home", reverse("home")), ("Work plans", reverse("workplan-index"))]
    if group is not None:
        trail.append((group.name, reverse("workplan-group", args=[group.pk])))
    return [*trail, *extra]
