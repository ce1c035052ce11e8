"""How pages look, where a screenshot would show it at a glance."""

from __future__ import annotations

import pytest


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason=(
        "static/scss/involve.scss sets $nhsuk-include-font-face: false, and "
        "nhsuk-frontend 10 then sets no font-family on <html> at all, so pages "
        "render in the browser's default serif. Fix: add "
        "`html { font-family: $nhsuk-font-family; }` after the @use in "
        "involve.scss, then remove this xfail mark."
    ),
)
def test_pages_use_the_nhs_sans_serif_typeface(page, url):
    page.goto(url("home"))

    families = page.evaluate(
        "() => [document.body, document.querySelector('h1')]"
        ".map(el => getComputedStyle(el).fontFamily)"
    )

    for family in families:
        assert family.replace(" ", "").lower().endswith("sans-serif"), family
