"""The organisation's glossary (issue 12): its staff and its groups' members
read it; coordinators and organisation admins add terms; another
organisation's glossary is a 404."""

from involvement.models import GlossaryTerm

from .rules import Page, expect, fields

ADDS_TERMS = expect(
    403, anonymous=302, coordinator=200, org_admin=200, platform_admin=200, other_org=404
)


def _organisation(w):
    GlossaryTerm.objects.get_or_create(
        organisation=w.organisation,
        term="MDT",
        defaults={"meaning": "Multi-disciplinary team: staff of different kinds working together."},
    )
    return {"pk": w.organisation.pk}


def _other(w):
    return {"pk": w.other_organisation.pk}


PAGES = {
    "glossary": Page(
        kwargs=_organisation, status=expect(200, anonymous=302, other_org=404), elsewhere=_other
    ),
    "glossary-term-add": Page(
        kwargs=_organisation,
        status=ADDS_TERMS,
        form=fields(term="BAF", meaning="Board assurance framework: the board's list of risks."),
        elsewhere=_other,
    ),
}
