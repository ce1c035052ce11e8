"""Every form page fuzzed: each form the access walk knows (a page declared
with `form=`) is shown to the first role who may send it, then posted with
random and hostile values in every field it shows (script, SQL, formulas,
NUL bytes, right-to-left marks, huge numbers, impossible dates, very long
text). Whatever is typed, the answer is never a server error: the form comes
back with a message or the action goes through. Each request is rolled back
(tests/access/walker.py). Bounded for CI: a fixed hostile body and two
generated ones per page, no deadline."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.access import EXPECTATIONS
from tests.access.rules import REFUSED, WALK_ROLES
from tests.access.walker import form_fields, is_api, module_walker
from tests.test_access_walk import _url, build_walk_world, project_patterns

# One world for the module (built once, on one worker).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("form_fuzz")]

HOSTILE = [
    "",
    " ",
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "Robert'); DROP TABLE involvement_person;--",
    '=HYPERLINK("http://evil.example")',
    "\x00",
    "a\x00b",
    "\u202egnp.exe",
    "😀" * 40,
    "-1",
    "0",
    "99999999999999999999999999999999",
    "-99999999999999999999.999",
    "1e400",
    "NaN",
    "31",
    "2",
    "30",
    "../../../../etc/passwd",
    "x" * 20_000,
    "line one\r\nline two",
    "%s%s%s%n",
    "{{ 7*7 }}",
]
FORM_PAGES = sorted(
    name
    for name, page in EXPECTATIONS.items()
    if page.form is not None and not any(is_api(p) for p in project_patterns().get(name, []))
)
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200))


@pytest.fixture(scope="module")
def walker(django_db_setup, django_db_blocker):
    yield from module_walker(django_db_blocker, build_walk_world)


@pytest.fixture(scope="module")
def shown_forms(walker):
    """Each form page's URL, the role who sends it and the fields it shows."""
    found = {}
    for name in FORM_PAGES:
        page = EXPECTATIONS[name]
        url = _url(page, walker.world, name)
        role = next((r for r in WALK_ROLES if page.status[r] == 200), None)
        if role is not None:
            fields = form_fields(walker.send(role, "get", url).content.decode(), url)
        else:
            # An action with a body and no page of its own: its declared fields.
            allowed = page.post_valid_status()
            role = next((r for r in WALK_ROLES if allowed[r] not in REFUSED), None)
            fields = {}
        if role is None:
            continue
        body = {**fields, **page.form(walker.world)}
        found[name] = (role, url, {k: v for k, v in body.items() if v is not None})
    return found


def test_every_form_page_is_fuzzed(shown_forms):
    assert len(FORM_PAGES) > 80, "the form pages were not found"
    assert set(shown_forms) == set(FORM_PAGES), "a form page nobody may see is not fuzzed"


@pytest.mark.parametrize("url_name", FORM_PAGES)
@hypothesis_settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
@example(data=None)
def test_no_form_answers_hostile_input_with_a_server_error(url_name, walker, shown_forms, data):
    role, url, fields = shown_forms[url_name]
    body = {}
    for index, (name, value) in enumerate(sorted(fields.items())):
        if hasattr(value, "read"):
            body[name] = value  # a file: its contents are checked by their own tests
        elif data is None:
            body[name] = HOSTILE[(index % (len(HOSTILE) - 2)) + 2]  # every field hostile
        else:
            body[name] = data.draw(values, label=name)
    answer = walker.send(role, "post", url, body)
    assert answer.status < 500, f"{url} as {role} with {body!r:.500}: {answer.status}"
