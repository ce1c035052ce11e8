"""Pages for people: "My profile", staff's view of the people in their
groups, and diversity data (asked for only with consent, shown only to the
person and their organisations' coordinators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from .. import message_kinds, permissions
from ..forms.people import DiversityForm, MessageChoicesForm, NewPersonForm, PersonForm
from ..selectors import people as selectors
from ..services import groups as group_services
from ..services import people as services
from .flow import act, submit

GET_POST = require_http_methods(["GET", "HEAD", "POST"])
PAGE_SIZE = 50


def _profile_crumbs():
    return [("My profile", reverse("my-profile"))]


def _people_crumbs():
    return [("People", reverse("person-list"))]


def _person_crumbs(person):
    return [
        *_people_crumbs(),
        (person.full_name, reverse("person-detail", kwargs={"pk": person.pk})),
    ]


# -- My profile --------------------------------------------------------------


@login_required
@GET_POST
def my_profile(request):
    person = services.person_get_or_create_for_user(user=request.user)
    form = PersonForm(request.POST or None, initial=PersonForm.initial_for(person))
    if done := submit(
        request,
        form,
        lambda data: services.person_update(person=person, **form.profile_fields()),
        message="Your profile has been saved.",
        next=reverse("my-profile"),
    ):
        return done
    consent = services.diversity_consent_current(person=person)
    context = {
        "form": form,
        "person": person,
        "consent": consent,
        "diversity": selectors.diversity_answers(selectors.diversity_of(person=person)),
        "memberships": selectors.person_memberships_visible_to(user=request.user, person=person),
        "off_kinds": _kinds_off(person),
    }
    return render(request, "involvement/people/my_profile.html", context)


def _kinds_off(person):
    return [
        kind for kind in message_kinds.optional_kinds() if not message_kinds.wants(person, kind)
    ]


def _diversity_page(request, *, person, on_behalf, done_url, crumbs):
    consent = services.diversity_consent_current(person=person)
    profile = selectors.diversity_of(person=person)
    form = DiversityForm(
        request.POST or None,
        on_behalf=on_behalf,
        needs_consent=consent is None,
        localities=selectors.localities_for(person=person),
        initial=DiversityForm.initial_for(profile),
    )
    if request.method == "POST" and form.is_valid() and form.consent_refused:
        messages.success(
            request, "That is fine. We have not kept any information about your background."
        )
        return redirect(done_url)
    if done := submit(
        request,
        form,
        lambda data: services.diversity_save(
            person=person,
            answers=form.answers(),
            recorded_by=request.user,
            consent_given=form.consent_given,
            wording=(
                services.DIVERSITY_CONSENT_WORDING_ON_BEHALF
                if on_behalf
                else services.DIVERSITY_CONSENT_WORDING
            ),
        ),
        message="The information about background has been saved.",
        next=done_url,
    ):
        return done
    context = {
        "form": form,
        "person": person,
        "consent": consent,
        "on_behalf": on_behalf,
        "consent_wording": services.DIVERSITY_CONSENT_WORDING,
        "breadcrumbs": crumbs,
    }
    return render(request, "involvement/people/diversity.html", context)


def _withdraw_page(request, *, person, on_behalf, done_url, crumbs):
    consent = services.diversity_consent_current(person=person)
    if request.method == "POST":
        return act(
            request,
            lambda: services.diversity_consent_withdraw(person=person),
            message="Agreement withdrawn. The information about background has been deleted.",
            next=done_url,
        )
    context = {
        "person": person,
        "consent": consent,
        "on_behalf": on_behalf,
        "breadcrumbs": crumbs,
    }
    return render(request, "involvement/people/diversity_withdraw.html", context)


@login_required
@GET_POST
def my_diversity(request):
    person = services.person_get_or_create_for_user(user=request.user)
    return _diversity_page(
        request,
        person=person,
        on_behalf=False,
        done_url=reverse("my-profile"),
        crumbs=_profile_crumbs(),
    )


@login_required
@GET_POST
def my_diversity_withdraw(request):
    person = services.person_get_or_create_for_user(user=request.user)
    return _withdraw_page(
        request,
        person=person,
        on_behalf=False,
        done_url=reverse("my-profile"),
        crumbs=_profile_crumbs(),
    )


def _message_choices_page(request, *, person, on_behalf, done_url, crumbs):
    """Which kinds of message the person gets: each kind they may turn off,
    and the messages that always go."""
    form = MessageChoicesForm(
        request.POST or None,
        about_self=not on_behalf,
        initial=MessageChoicesForm.initial_for(person),
    )
    if done := submit(
        request,
        form,
        lambda data: services.person_choose_messages(person=person, wanted=data["wanted"]),
        message="The choice of messages has been saved.",
        next=done_url,
    ):
        return done
    context = {
        "form": form,
        "person": person,
        "on_behalf": on_behalf,
        "essential": message_kinds.essential_kinds(),
        "back": done_url,
        "breadcrumbs": crumbs,
    }
    return render(request, "involvement/people/message_choices.html", context)


@login_required
@GET_POST
def my_message_choices(request):
    person = services.person_get_or_create_for_user(user=request.user)
    return _message_choices_page(
        request,
        person=person,
        on_behalf=False,
        done_url=reverse("my-profile"),
        crumbs=_profile_crumbs(),
    )


# -- People (staff) ----------------------------------------------------------


@login_required
@require_safe
def person_list(request):
    if not permissions.can_list_people(request.user):
        raise PermissionDenied
    people = selectors.person_list_visible_to(user=request.user)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "people": page.object_list,
        "can_add": permissions.can_add_people(request.user),
    }
    return render(request, "involvement/people/list.html", context)


@login_required
@GET_POST
def person_create(request):
    if not permissions.can_add_people(request.user):
        raise PermissionDenied
    groups = permissions.groups_managed_by(request.user).select_related("organisation")
    initial = {"contact_channel": "email"}
    if request.GET.get("group", "").isdigit():
        initial["group"] = int(request.GET["group"])
    form = NewPersonForm(request.POST or None, groups=groups, initial=initial)
    if done := submit(
        request,
        form,
        lambda data: group_services.membership_create_for_new_person(
            group=data["group"], added_by=request.user, **form.profile_fields()
        ),
        message=lambda membership: (
            f"{membership.person.full_name} has been added to {membership.group.name}."
        ),
        next=lambda membership: reverse("person-detail", args=[membership.person_id]),
    ):
        return done
    context = {"form": form, "breadcrumbs": _people_crumbs()}
    return render(request, "involvement/people/form.html", context)


@login_required
@require_safe
def person_detail(request, pk):
    user = request.user
    person = permissions.access_person(user=user, pk=pk)
    sees_diversity = permissions.user_can(user, "see_diversity", person)
    context = {
        "person": person,
        "memberships": selectors.person_memberships_visible_to(user=user, person=person),
        "seats": selectors.person_seats_visible_to(user=user, person=person),
        "can_edit": permissions.user_can(user, "edit", person),
        "sees_diversity": sees_diversity,
        "is_self": permissions.is_self(user, person),
        "off_kinds": _kinds_off(person),
        "breadcrumbs": _people_crumbs() if permissions.can_list_people(user) else _profile_crumbs(),
    }
    if sees_diversity:
        context["consent"] = services.diversity_consent_current(person=person)
        context["diversity"] = selectors.diversity_answers(selectors.diversity_of(person=person))
        context["can_record_diversity"] = permissions.user_can(user, "record_diversity", person)
    if not context["is_self"]:
        services.person_special_category_viewed(
            person=person, viewer=user, diversity=sees_diversity
        )
    return render(request, "involvement/people/detail.html", context)


@login_required
@GET_POST
def person_edit(request, pk):
    user = request.user
    person = permissions.access_person(user=user, pk=pk, action="edit")
    about_self = permissions.is_self(user, person)
    form = PersonForm(
        request.POST or None, about_self=about_self, initial=PersonForm.initial_for(person)
    )
    if done := submit(
        request,
        form,
        lambda data: services.person_update(person=person, **form.profile_fields()),
        message=lambda _: f"{person.full_name}'s details have been saved.",
        next=reverse("person-detail", args=[person.pk]),
    ):
        return done
    context = {"form": form, "person": person, "breadcrumbs": _person_crumbs(person)}
    return render(request, "involvement/people/form.html", context)


def _on_behalf_person(request, pk):
    """A coordinator's access to someone's diversity page: the person's own
    page for themself (None), refused for anyone who is not their coordinator."""
    person = permissions.access_person(user=request.user, pk=pk)
    if permissions.is_self(request.user, person):
        return None
    if not permissions.user_can(request.user, "record_diversity", person):
        raise PermissionDenied
    return person


@login_required
@GET_POST
def person_diversity(request, pk):
    person = _on_behalf_person(request, pk)
    if person is None:
        return redirect("my-diversity")
    return _diversity_page(
        request,
        person=person,
        on_behalf=True,
        done_url=reverse("person-detail", kwargs={"pk": person.pk}),
        crumbs=_person_crumbs(person),
    )


@login_required
@GET_POST
def person_diversity_withdraw(request, pk):
    person = _on_behalf_person(request, pk)
    if person is None:
        return redirect("my-diversity-withdraw")
    return _withdraw_page(
        request,
        person=person,
        on_behalf=True,
        done_url=reverse("person-detail", kwargs={"pk": person.pk}),
        crumbs=_person_crumbs(person),
    )


@login_required
@GET_POST
def person_message_choices(request, pk):
    """A coordinator records the messages someone wants (people who chose
    post or phone often tell them rather than sign in)."""
    person = permissions.access_person(user=request.user, pk=pk, action="edit")
    if permissions.is_self(request.user, person):
        return redirect("my-message-choices")
    return _message_choices_page(
        request,
        person=person,
        on_behalf=True,
        done_url=reverse("person-detail", kwargs={"pk": person.pk}),
        crumbs=_person_crumbs(person),
    )
