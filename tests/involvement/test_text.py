"""Plain text (involvement.text): text templates render as ordinary strings,
and single lines for email subjects and headers."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.safestring import SafeData

from involvement.text import has_control_characters, lower_first, render_plain_text, single_line


def test_a_plain_text_render_is_not_marked_safe_for_html(settings, tmp_path):
    (tmp_path / "message.txt").write_text("{% autoescape off %}Dear {{ name }},{% endautoescape %}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]

    text = render_plain_text("message.txt", {"name": "<b>Pat</b>"})

    assert text == "Dear <b>Pat</b>,"
    assert type(text) is str
    assert not isinstance(text, SafeData)


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ("Spring\r\nmeeting", "Spring meeting"),
        ("Spring\n\nmeeting", "Spring meeting"),
        ("Spring\tmeeting\x00", "Spring meeting"),
        ("Spring\u2028meeting\x85", "Spring meeting"),
        ("  Spring   meeting ", "Spring meeting"),
    ],
)
def test_single_line_turns_line_breaks_and_control_characters_into_one_space(typed, line):
    assert single_line(typed) == line


def test_single_line_cuts_long_text_short_with_an_ellipsis():
    assert single_line("Spring meeting of the group", max_length=15) == "Spring meeting…"
    assert single_line("Spring", max_length=15) == "Spring"


def test_control_characters_are_found_and_line_breaks_may_be_allowed():
    assert has_control_characters("Spring\nmeeting")
    assert not has_control_characters("Spring\r\nmeeting\ttoo", line_breaks_allowed=True)
    assert has_control_characters("Spring\x07meeting", line_breaks_allowed=True)
    assert not has_control_characters("Spring meeting: “all welcome”")


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("Every two months, Tuesday mornings", "every two months, Tuesday mornings"),
        ("Tuesday mornings", "Tuesday mornings"),
        ("NHS offices, monthly", "NHS offices, monthly"),
        ("Monthly", "monthly"),
        ("", ""),
    ],
)
def test_free_text_inside_a_sentence_keeps_day_names_capitalised(text, inside):
    assert lower_first(text) == inside


def test_the_work_plan_says_when_a_body_meets_with_its_day_capitalised(world, login):
    from tests.workplans.helpers import plan_with_items

    body = world.objects["body"]
    body.meeting_pattern = "Tuesday mornings, every two months"
    body.save(update_fields=["meeting_pattern"])
    plan, _ = plan_with_items(world.objects["group"], items=1, body=body)
    page = login(world.user("coordinator")).get(reverse("workplan-detail", args=[plan.pk]))
    text = page.content.decode()
    assert "meets Tuesday mornings, every two months" in text
    assert "tuesday" not in text
