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
- one argument whose pattern converter is `<int:...>` or `<uuid:...>`: the
  text before and after the value, found by reversing once with a marker
  value. Any whole number the `int` converter accepts (0 and up), and any
  UUID, gives exactly what `reverse()` gives: the converters write them as
  `str()` does, and digits, a-f and hyphens are never quoted.

Everything else (keyword arguments, namespaced names, other converters, a
value that is not a non-negative int) goes to `reverse()` as before. The
cache lives on the URL resolver, so a changed ROOT_URLCONF (tests) starts
afresh.
"""

from __future__ import annotations

import uuid

from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.utils.translation import get_language

_MARKERS = {IntConverter: 918273645019, UUIDConverter: uuid.UUID(int=0x918273645019)}
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


def _shape(resolver, name: str, converter: type) -> tuple[str, str] | None:
    """(before, after) the value, when `name` has exactly one pattern, with one
    parameter of `converter` and no defaults; otherwise None."""
    possibilities = resolver.reverse_dict.getlist(name)
    if len(possibilities) != 1:
        return None
    possibility, _pattern, defaults, converters = possibilities[0]
    if len(possibility) != 1 or defaults:
        return None
    _result, params = possibility[0]
    if len(params) != 1 or type(converters.get(params[0])) is not converter:
        return None
    marker = _MARKERS[converter]
    url = reverse(name, args=[marker])
    if url.count(str(marker)) != 1:
        return None
    before, after = url.split(str(marker))
    return before, after


def url_with_id(name: str, value) -> str:
    """reverse(name, args=[value]) for a non-negative int or a UUID `value`."""
    if type(value) is int and value >= 0:
        converter = IntConverter
    elif isinstance(value, uuid.UUID):
        converter = UUIDConverter
    else:
        return reverse(name, args=[value])
    resolver = get_resolver(get_urlconf())
    key = (get_script_prefix(), get_language(), name, converter)
    cache = _cache(resolver)
    shape = cache.get(key, _UNKNOWN)
    if shape is _UNKNOWN:
        try:
            shape = _shape(resolver, name, converter)
        except NoReverseMatch:
            shape = None
        cache[key] = shape
    if shape is None:
        return reverse(name, args=[value])
    return f"{shape[0]}{value}{shape[1]}"
