"""The project's URLs plus pages with their access checks missing, to prove
the access walk catches them: a POST that renames any group without asking
who may, a page that shows any group to anyone signed in, and the guarded
twin of the first (which the walk must pass)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.decorators.http import require_POST, require_safe

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns
from involvement import permissions
from involvement.models import Group


@login_required
@require_POST
def rename_any_group(request, pk):
    group = get_object_or_404(Group, pk=pk)  # no permission check
    group.name = "Renamed by anyone"
    group.save(update_fields=["name"])
    return redirect("home")


@login_required
@require_POST
def rename_group(request, pk):
    group = permissions.access_group(user=request.user, pk=pk, action="manage")
    group.name = "Renamed by its coordinator"
    group.save(update_fields=["name"])
    return redirect("home")


@login_required
@require_safe
def show_any_group(request, pk):
    return HttpResponse(get_object_or_404(Group, pk=pk).name)  # no organisation scope


urlpatterns = [
    *project_urlpatterns,
    path("harness/groups/<int:pk>/rename-any/", rename_any_group, name="harness-rename-any"),
    path("harness/groups/<int:pk>/rename/", rename_group, name="harness-rename"),
    path("harness/groups/<int:pk>/show-any/", show_any_group, name="harness-show-any"),
]
