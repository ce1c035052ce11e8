"""The one form-view helper: a valid POST runs the service and goes on with a
message; a refusal lands on the form with what was typed kept; a GET or an
invalid form runs nothing."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from involvement.errors import ApplicationError
from involvement.views.flow import Info, act, submit


class NameForm(forms.Form):
    name = forms.CharField(max_length=20)


def _request(method="post", data=None):
    request = getattr(RequestFactory(), method)("/somewhere/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _texts(request):
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_valid_post_runs_the_service_and_goes_on_with_the_message():
    request = _request(data={"name": "Ada"})
    calls = []
    response = submit(
        request,
        NameForm(request.POST),
        lambda data: calls.append(data) or 7,
        message=lambda result: f"Saved number {result}.",
        next=lambda result: f"/done/{result}/",
    )
    assert calls == [{"name": "Ada"}]
    assert response.status_code == 302 and response.url == "/done/7/"
    assert _texts(request) == [("success", "Saved number 7.")]


def test_get_and_invalid_forms_run_nothing():
    calls = []
    get = _request("get")
    assert submit(get, NameForm(None), calls.append, next="/x/") is None
    post = _request(data={"name": ""})
    form = NameForm(post.POST)
    assert submit(post, form, calls.append, next="/x/") is None
    assert calls == [] and "name" in form.errors


@pytest.mark.parametrize(
    "refusal, field, text",
    [
        (ValidationError({"name": "That name is taken."}), "name", "That name is taken."),
        (ApplicationError("The group has closed."), "__all__", "The group has closed."),
    ],
)
def test_a_refusal_lands_on_the_form_and_keeps_what_was_typed(refusal, field, text):
    request = _request(data={"name": "Ada"})
    form = NameForm(request.POST)

    def service(data):
        raise refusal

    assert submit(request, form, service, message="never", next="/x/") is None
    assert form.errors[field] == [text]
    assert form["name"].value() == "Ada"
    assert _texts(request) == []


def test_act_shows_a_refusal_as_an_error_message_and_goes_back():
    request = _request()

    def service():
        raise ApplicationError("Nothing to send.")

    response = act(request, service, next="/sent/", refused_next="/back/", message="Sent.")
    assert response.url == "/back/"
    assert _texts(request) == [("error", "Nothing to send.")]
    ok = _request()
    assert act(ok, lambda: None, next="/sent/", message="Sent.").url == "/sent/"
    assert _texts(ok) == [("success", "Sent.")]


def test_refused_next_sends_a_rule_refusal_away_but_keeps_input_errors_on_the_form():
    request = _request(data={"name": "Ada"})

    def closed(data):
        raise ApplicationError("The vacancy has closed.")

    response = submit(request, NameForm(request.POST), closed, next="/x/", refused_next="/gone/")
    assert response.status_code == 302 and response.url == "/gone/"
    assert _texts(request) == [("error", "The vacancy has closed.")]

    request = _request(data={"name": "Ada"})
    form = NameForm(request.POST)

    def taken(data):
        raise ValidationError({"name": "That name is taken."})

    assert submit(request, form, taken, next="/x/", refused_next="/gone/") is None
    assert form.errors["name"] == ["That name is taken."]
    assert _texts(request) == []


def test_an_info_message_is_news_not_a_success():
    request = _request(data={"name": "Ada"})
    response = submit(
        request,
        NameForm(request.POST),
        lambda data: [],
        message=lambda added: f"{len(added)} added." if added else Info("Nothing new to add."),
        next="/x/",
    )
    assert response.url == "/x/"
    assert _texts(request) == [("info", "Nothing new to add.")]
    done = _request()
    act(done, lambda: [1, 2], message=lambda added: f"{len(added)} added.", next="/x/")
    assert _texts(done) == [("success", "2 added.")]


def test_act_shows_a_refusal_of_several_messages_as_one():
    request = _request()

    def service():
        raise ValidationError(["The meeting has started.", "Nothing can be moved."])

    assert act(request, service, next="/agenda/").url == "/agenda/"
    assert _texts(request) == [("error", "The meeting has started. Nothing can be moved.")]


class WhenForm(forms.Form):
    date = forms.CharField()

    service_fields = {"starts_at": "date"}


def test_a_form_names_the_box_a_service_field_is_typed_in():
    request = _request(data={"date": "1 May"})
    form = WhenForm(request.POST)

    def service(data):
        raise ValidationError({"starts_at": "The meeting must be in the future."})

    assert submit(request, form, service, next="/x/") is None
    assert form.errors["date"] == ["The meeting must be in the future."]
