"""What every answer of the access walk must carry besides its status
(tests/access/walker.py): the Content Security Policy on every page, no
inline script or style in the page (the policy would block it), and
`Cache-Control: no-store` on every answer to a signed-in person and every API
answer (involvement.middleware.NoStoreMiddleware)."""

from __future__ import annotations

from html.parser import HTMLParser

CSP = "Content-Security-Policy"
# Directives the policy must keep as strict as this (settings.CSP_DIRECTIVES).
STRICT = {
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
}
# Script types a browser does not run: data blocks (json_script, allauth's).
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class _InlineCode(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._inline_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, _value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...> (event-handler attribute)")
            elif name == "style":
                self.found.append(f"<{tag} style=...> (style attribute)")
        if tag == "style":
            self.found.append("<style> element")
        elif tag == "script" and not a.get("src"):
            self._inline_script = (a.get("type") or "").lower() not in DATA_SCRIPT_TYPES

    def handle_data(self, data):
        if self._inline_script and data.strip():
            self.found.append(f"inline <script>: {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inline_script = False


def inline_code(html: str) -> list[str]:
    """Every inline script, <style> element, style attribute and
    event-handler attribute in a page."""
    parser = _InlineCode()
    parser.feed(html)
    return parser.found


def policy_directives(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value.strip()
    return directives


def header_problems(
    *, headers: dict[str, str], content: bytes, signed_in: bool, api: bool
) -> list[str]:
    """What is wrong with one answer's headers and inline code."""
    wrong = []
    content_type = headers.get("Content-Type", "")
    if signed_in or api:
        if "no-store" not in headers.get("Cache-Control", ""):
            wrong.append(
                f"Cache-Control is {headers.get('Cache-Control')!r}, not no-store"
                + (" (API)" if api else " (signed in)")
            )
    if content_type.startswith("text/html"):
        policy = headers.get(CSP)
        if not policy:
            wrong.append("no Content-Security-Policy header")
        else:
            directives = policy_directives(policy)
            for name, value in STRICT.items():
                if directives.get(name) != value:
                    wrong.append(f"CSP {name} is {directives.get(name)!r}, not {value}")
        found = inline_code(content.decode(errors="replace"))
        if found:
            wrong.append("inline code the policy blocks: " + "; ".join(found[:3]))
    return wrong
