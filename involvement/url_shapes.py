"""Links without running Django's `reverse()` for each one.

`reverse()` walks the URL patterns and checks the candidate against the
pattern's regular expression every time: about 30–60 µs a call on the
benchmark machine, so a page of fifty messages spent 3 ms of its 10 ms on its
links (bench/RESULTS.md, "template cost"). Most of our links are either a
name with no arguments (the header, the footer, the menu) or a name with one
whole-number id (`{% url 'message-detail' notification.pk %}`).

For those two shapes the address is worked out once per URL name (per URL
configuration, script prefix and language) and then only joined:

- no arguments: the address itself;
- one argument whose pattern converter is `<int:...>`: the text before and
  after the number, found by reversing once with a marker number. Any
  whole number the `int` converter accepts (0 and up) gives exactly what
  `reverse()` gives, since digits are never quoted.

Everything else (keyword arguments, namespaced names, other converters, a
value that is not a non-negative int) goes to `reverse()` as before. The
cache lives on the URL resolver, so a changed ROOT_URLCONF (tests) starts
afresh.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.urls.converters import IntConverter
from django.utils.translation import get_language

_MARKER = 918273645019
_UNKNOWN = object()


def _cache(resolver) -> dict:
    try:
        return resolver._involve_url_shapes
    except AttributeError:
        resolver._involve_url_shapes = {}
        return resolver._involve_url_shapes


def url_without_args(name: str) -> str:
    """reverse(name) for a name that takes no arguments, remembered."""
    resolver = get_resolver(get_urlconf())
    key = (get_script_prefix(), get_language(), name)
    cache = _cache(resolver)
    url = cache.get(key)
    if url is None:
        url = reverse(name)  # NoReverseMatch as reverse() would raise it; nothing kept
        cache[key] = url
    return url


def _int_shape(resolver, name: str) -> tuple[str, str] | None:
    """(before, after) the number, when `name` has exactly one pattern, with one
    `<int:...>` parameter and no defaults; otherwise None."""
    possibilities = resolver.reverse_dict.getlist(name)
    if len(possibilities) != 1:
        return None
    possibility, _pattern, defaults, converters = possibilities[0]
    if len(possibility) != 1 or defaults:
        return None
    _result, params = possibility[0]
    if len(params) != 1 or type(converters.get(params[0])) is not IntConverter:
        return None
    marker = str(_MARKER)
    url = reverse(name, args=[_MARKER])
    if url.count(marker) != 1:
        return None
    before, after = url.split(marker)
    return before, after


def url_with_id(name: str, value: int) -> str:
    """reverse(name, args=[value]) for a non-negative int `value`."""
    resolver = get_resolver(get_urlconf())
    key = (get_script_prefix(), get_language(), name, int)
    cache = _cache(resolver)
    shape = cache.get(key, _UNKNOWN)
    if shape is _UNKNOWN:
        try:
            shape = _int_shape(resolver, name)
        except NoReverseMatch:
            shape = None
        cache[key] = shape
    if shape is None or type(value) is not int or value < 0:
        return reverse(name, args=[value])
    return f"{shape[0]}{value}{shape[1]}"
