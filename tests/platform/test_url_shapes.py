"""The faster `{% url %}` (involvement.url_shapes) gives exactly Django's addresses."""

import uuid

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, get_resolver, reverse, set_script_prefix
from django.urls.converters import IntConverter, UUIDConverter

from involvement.url_shapes import url_with_id, url_without_args


def _names():
    """(name, number of parameters, all of them int) for every named URL."""
    resolver = get_resolver()
    for name in resolver.reverse_dict:
        if not isinstance(name, str):
            continue
        for possibility, _pattern, _defaults, converters in resolver.reverse_dict.getlist(name):
            for _result, params in possibility:
                yield name, params, converters


def test_every_url_with_one_number_is_as_django_reverses_it():
    checked = 0
    for name, params, converters in _names():
        if len(params) == 1 and type(converters.get(params[0])) is IntConverter:
            for value in (0, 7, 123456789):
                assert url_with_id(name, value) == reverse(name, args=[value]), name
            checked += 1
    assert checked > 50


def test_every_url_with_one_uuid_is_as_django_reverses_it():
    checked = 0
    for name, params, converters in _names():
        if len(params) == 1 and type(converters.get(params[0])) is UUIDConverter:
            for value in (uuid.UUID(int=0), uuid.uuid4()):
                assert url_with_id(name, value) == reverse(name, args=[value]), name
            checked += 1
    assert checked >= 3


def test_every_url_without_arguments_is_as_django_reverses_it():
    checked = 0
    for name, params, _converters in _names():
        if not params:
            try:
                expected = reverse(name)
            except NoReverseMatch:
                continue  # the name has other patterns that need arguments
            assert url_without_args(name) == expected, name
            checked += 1
    assert checked > 50


def test_other_shapes_go_to_reverse():
    # A value that is not a non-negative int, and a name whose argument is not an int.
    with pytest.raises(NoReverseMatch):
        url_with_id("message-detail", -1)
    public_id = "0f0e0d0c-0b0a-4909-8807-060504030201"
    assert Template("{% url 'public-vacancy' public_id %}").render(
        Context({"public_id": public_id})
    ) == reverse("public-vacancy", args=[public_id])
    # A UUID given to an int pattern, a number to a UUID pattern: Django's error.
    with pytest.raises(NoReverseMatch):
        url_with_id("message-detail", uuid.UUID(int=5))
    with pytest.raises(NoReverseMatch):
        url_with_id("public-vacancy", 5)


def test_the_script_prefix_is_kept():
    try:
        set_script_prefix("/involve/")
        assert url_without_args("home") == "/involve/" == reverse("home")
        assert url_with_id("message-detail", 5) == reverse("message-detail", args=[5])
        assert url_with_id("message-detail", 5).startswith("/involve/")
    finally:
        set_script_prefix("/")
    assert url_without_args("home") == "/"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{% url 'home' %}", "/"),
        ("{% url 'message-detail' 12 %}", "/messages/12/"),
        ("{% url 'message-detail' pk=12 %}", "/messages/12/"),
        ("{% url 'message-detail' '12' %}", "/messages/12/"),
        ("{% url 'message-detail' 12 as link %}[{{ link }}]", "[/messages/12/]"),
        ("{% url 'no-such-page' as link %}[{{ link }}]", "[]"),
        ("{% url 'no-such-page' 3 as link %}[{{ link }}]", "[]"),
        ("{% url name %}", "/messages/"),
        ("{% url 'public-vacancy' vacancy %}", "/vacancies/0f0e0d0c-0b0a-4909-8807-060504030201/"),
    ],
)
def test_the_tag_behaves_as_djangos(source, expected):
    vacancy = uuid.UUID("0f0e0d0c-0b0a-4909-8807-060504030201")
    context = Context({"name": "message-list", "vacancy": vacancy})
    assert Template(source).render(context) == expected


def test_the_tag_raises_as_djangos_for_an_unknown_name():
    with pytest.raises(NoReverseMatch):
        Template("{% url 'no-such-page' %}").render(Context())
    with pytest.raises(NoReverseMatch):
        Template("{% url 'no-such-page' 3 %}").render(Context())


def test_templates_use_the_faster_tag():
    node = Template("{% url 'home' %}").nodelist[0]
    assert type(node).__module__ == "involvement.templatetags.nhsuk"
