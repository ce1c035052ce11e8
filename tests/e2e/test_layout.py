"""How pages look, where a screenshot would show it at a glance."""

from __future__ import annotations


def test_pages_use_the_nhs_sans_serif_typeface(page, url):
    page.goto(url("home"))

    families = page.evaluate(
        "() => [document.body, document.querySelector('h1')]"
        ".map(el => getComputedStyle(el).fontFamily)"
    )

    for family in families:
        assert family.replace(" ", "").lower().endswith("sans-serif"), family
