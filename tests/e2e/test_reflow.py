"""Reflow (WCAG 1.4.10): the main pages of every kind of user fit a screen
320 pixels wide, with no sideways scrolling, as the accessibility statement
promises. The pages and how to open them come from the axe run's list."""

from __future__ import annotations

import pytest

from .test_accessibility import PAGES

PHONE = {"width": 320, "height": 640}

# (label in the axe run's list, role): the pages people use most, for each role.
KEY_PAGES = [
    ("Home", "anonymous"),
    ("Home", "member"),
    ("Home", "coordinator"),
    ("Home", "panel_member"),
    ("Home", "finance"),
    ("Log in", "anonymous"),
    ("Create an account", "anonymous"),
    ("Accessibility statement", "anonymous"),
    ("Vacancies", "anonymous"),
    ("A vacancy", "anonymous"),
    ("My applications", "member"),
    ("Your application", "member"),
    ("Help to take part", "member"),
    ("Check your answers", "member"),
    ("Your meetings", "member"),
    ("Meeting", "member"),
    ("Reply to an invitation", "member"),
    ("Calendar", "member"),
    ("Minutes", "member"),
    ("Your claims", "member"),
    ("Involvement payments", "member"),
    ("Your messages", "member"),
    ("Account settings", "member"),
    ("My profile", "member"),
    ("What happened to what you said", "member"),
    ("Group", "coordinator"),
    ("Meetings", "coordinator"),
    ("Agenda", "coordinator"),
    ("Attendance", "coordinator"),
    ("Applications", "coordinator"),
    ("Scores", "coordinator"),
    ("Claims to approve", "coordinator"),
    ("Claims to pay", "finance"),
    ("Score applications", "panel_member"),
]

_BY_LABEL = {check.label: check for check in PAGES}


def test_every_key_page_is_in_the_axe_run():
    for label, role in KEY_PAGES:
        assert label in _BY_LABEL, label
        assert role in _BY_LABEL[label].roles, (label, role)


# What sticks out past the right edge, for the failure message.
_WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  return [...document.querySelectorAll("main *, header *, footer *")]
    .filter(el => el.getBoundingClientRect().right > limit + 1)
    .slice(0, 5)
    .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} `
      + `${Math.round(el.getBoundingClientRect().right)}px: `
      + (el.innerText || "").slice(0, 60));
}"""


@pytest.mark.parametrize(
    ("label", "role"), KEY_PAGES, ids=[f"{page}-as-{who}" for page, who in KEY_PAGES]
)
def test_the_page_fits_a_320_pixel_screen_without_sideways_scrolling(
    world, as_user, url, label, role
):
    check = _BY_LABEL[label]
    page = as_user(world.user(role))
    page.set_viewport_size(PHONE)
    response = page.goto(url(check.url, **(check.kwargs(world) if check.kwargs else {})))
    assert response.status == check.status
    page.evaluate("document.fonts.ready")

    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    assert fits, f"{label} as {role} scrolls sideways at 320px: {page.evaluate(_WIDEST)}"
