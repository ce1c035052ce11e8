"""The project's DRF permission classes. Object scoping itself lives in
involvement.permissions; these only gate who may call the API at all."""

from rest_framework.permissions import BasePermission

from . import permissions


class IsVerifiedUser(BasePermission):
    """Signed in (session or token)."""

    message = "Log in to use the API."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)


class IsStaffPerson(BasePermission):
    """Holds a role in at least one organisation."""

    message = "Only staff of an organisation can use this part of the API."

    def has_permission(self, request, view):
        return bool(
            request.user
            and request.user.is_authenticated
            and permissions.is_staff_person(request.user)
        )
