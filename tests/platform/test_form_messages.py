"""No Django stock wording reaches a person (issue 14, "Everywhere"): every
form of the project is filled in empty, with too-long text, with the wrong type
of input and with numbers out of range, and no message may be one of Django's
own ("This field is required.", "Ensure this value...", "Select a valid
choice..."). Each field's message is its own or the shared one
(involvement.forms.messages)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.http import QueryDict

from involvement.forms.messages import STOCK_PHRASES

pytestmark = pytest.mark.django_db

APPS = ("involvement", "meetings", "recruitment", "workplans", "evaluation", "expenses")


def project_forms() -> list[type[forms.BaseForm]]:
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".forms" in module.name:
                importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted(
        {
            cls
            for cls in subclasses(forms.BaseForm)
            if cls.__module__.split(".")[0] in APPS and not cls.__name__.startswith("_")
        },
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def build(cls, world, **bound):
    """An instance of the form: its required keyword arguments get empty
    choices (a list or an empty query), or the organisation or group the form
    asks for."""
    try:
        return _build(cls, world, [], **bound)
    except (AttributeError, TypeError):
        from involvement.models import Person

        return _build(cls, world, Person.objects.none(), **bound)


def _build(cls, world, empty, **bound):
    from recruitment.models import Criterion
    from tests.access.meetings import meeting

    known = {
        "organisation": world.organisation,
        "group": world.objects["group"],
        "membership": world.objects["membership"],
        "on_behalf": False,
        "needs_consent": True,
        "wording": "Tell us about yourself",
        "status": "draft",
        "criterion": Criterion(title="Lived experience", question="Tell us?", max_score=4),
        "meeting": meeting(world),
        "shows": {"all": "All"},
    }
    kwargs = {}
    for parameter in inspect.signature(cls.__init__).parameters.values():
        if parameter.kind is parameter.KEYWORD_ONLY and parameter.default is parameter.empty:
            kwargs[parameter.name] = known.get(parameter.name, empty)
    for _ in range(5):  # a parent's arguments, passed on through **kwargs
        try:
            return cls(**kwargs, **bound)
        except TypeError as exc:
            missing = re.search(r"required keyword-only argument: '(\w+)'", str(exc))
            if not missing:
                raise
            kwargs[missing[1]] = known.get(missing[1], empty)
    return cls(**kwargs, **bound)


BAD_INPUTS = {
    "empty": lambda field: "",
    "too long": lambda field: "x" * 100_001,
    "wrong type": lambda field: "not-a-valid-answer ~!",
    "too small": lambda field: "-99999999999999999999.999",
    "too large": lambda field: "99999999999999999999.999",
}


def data_for(form: forms.BaseForm, value) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field.widget, forms.MultiWidget):
            for index in range(len(field.widget.widgets)):
                data[f"{key}_{index}"] = value
        elif isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            data.setlist(key, [value] if value else [])
        else:
            data[key] = value
    return data


def stock_messages(form: forms.BaseForm) -> list[str]:
    found = []
    for field, errors in form.errors.items():
        for error in errors:
            if any(phrase in error for phrase in STOCK_PHRASES):
                found.append(f"{field}: {error[:200]}")
    return found


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_no_form_answers_bad_input_with_django_wording(world, kind):
    found = project_forms()
    assert len(found) > 80, "the forms were not found"
    caught, unbuilt = {}, []
    for cls in found:
        try:
            blank = build(cls, world)
        except Exception as exc:  # noqa: BLE001 - reported below
            unbuilt.append(f"{cls.__module__}.{cls.__qualname__}: {exc!r}")
            continue
        value = BAD_INPUTS[kind](None)
        form = build(cls, world, data=data_for(blank, value))
        try:
            form.is_valid()
        except Exception:  # noqa: BLE001, S112 - a clean() that needs real objects
            continue
        if stock := stock_messages(form):
            caught[f"{cls.__module__}.{cls.__qualname__}"] = stock
    assert not unbuilt, "\n".join(unbuilt)
    assert not caught, "\n".join(f"{name}: {messages}" for name, messages in caught.items())


def test_the_shared_messages_name_the_field_and_say_what_to_do():
    from involvement.forms.text import TextLimits

    class Claim(TextLimits, forms.Form):
        miles = forms.IntegerField(label="Miles", min_value=0)
        amount = forms.DecimalField(label="Amount", max_digits=6, decimal_places=2)
        kind = forms.ChoiceField(label="Type of cost", choices=[("bus", "Bus fare")])
        email = forms.EmailField(label="Email address")
        own = forms.IntegerField(label="Score", error_messages={"required": "Give a score"})

    form = Claim(data={"miles": "-3", "amount": "12345.678", "kind": "car", "email": "x"})
    assert form.errors == {
        "miles": ["Miles must be 0 or more"],
        "amount": ["Amount is too large: use 6 digits or fewer"],
        "kind": ["Choose type of cost from the options"],
        "email": ["Enter an email address in the correct format, like name@example.com"],
        "own": ["Give a score"],
    }
    assert Claim(data={"amount": "1.234"}).errors["amount"] == [
        "Amount can have up to 2 numbers after the decimal point"
    ]
    assert Claim(data={})["miles"].field.error_messages["required"] == "Enter miles"
