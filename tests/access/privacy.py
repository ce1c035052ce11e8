"""Privacy rights: a person's own data (copy and erasure request), and the
organisation admin's requests to delete data."""

from .rules import SIGNED_IN, Page, expect, fields, redirects

# Organisation admins (and platform admins) only.
MANAGE = expect(403, anonymous=302, member=404, other_org=404, org_admin=200, platform_admin=200)
# A copy belongs to the member: anyone else is told it does not exist.
OWN = expect(404, anonymous=302, member=200)


def _export(w):
    from involvement.models import PersonalDataExport

    if "data_export" not in w.objects:
        w.objects["data_export"] = PersonalDataExport.objects.create(
            person=w.objects["person"],
            status=PersonalDataExport.Status.READY,
            progress=100,
            json_text="{}",
            html_text="<p>Your data</p>",
        )
    return {"pk": w.objects["data_export"].pk}


def _erasure(w):
    from involvement.models import ErasureRequest

    if "erasure_request" not in w.objects:
        w.objects["erasure_request"] = ErasureRequest.objects.create(person=w.objects["person"])
    return {"pk": w.organisation.pk, "request_pk": w.objects["erasure_request"].pk}


# Coordinators and organisation admins (and platform admins) only.
MERGERS = expect(
    403,
    anonymous=302,
    member=404,
    other_org=404,
    coordinator=200,
    org_admin=200,
    platform_admin=200,
)


def make_duplicate_pair(w):
    """A person a coordinator entered from a paper application (no account),
    and the same person's account made later with the same verified email."""
    from allauth.account.models import EmailAddress

    from involvement.models import Person
    from tests.factories import MembershipFactory, UserFactory

    if "duplicate_pair" not in w.objects:
        paper = Person.objects.create(
            full_name="Pat Paperform", email="pat.paperform@example.org", postcode="TS1 1AA"
        )
        MembershipFactory(person=paper, group=w.objects["group"])
        user = UserFactory(email="pat.paperform@example.org")
        EmailAddress.objects.get_or_create(
            user=user,
            email=user.email,
            defaults={"verified": True, "primary": True},
        )
        signed_up = Person.objects.create(
            user=user, full_name="Pat Paperform", email="pat.paperform@example.org"
        )
        w.objects["duplicate_pair"] = (paper, signed_up)
    return w.objects["duplicate_pair"]


def _pair(w):
    paper, signed_up = make_duplicate_pair(w)
    return {"pk": w.organisation.pk, "keep_pk": paper.pk, "merge_pk": signed_up.pk}


PAGES = {
    "organisation-duplicates": Page(kwargs=lambda w: {"pk": w.organisation.pk}, status=MERGERS),
    # A confirmation page: POST joins the two records.
    "duplicate-merge": Page(kwargs=_pair, status=MERGERS, post=redirects(MERGERS)),
    # Everyone signed in may ask for a copy (staff get a profile on first use).
    "my-data": Page(status=SIGNED_IN, post=redirects(SIGNED_IN)),
    "my-data-json": Page(kwargs=_export, status=OWN),
    "my-data-html": Page(kwargs=_export, status=OWN),
    "my-data-pdf": Page(kwargs=_export, status=OWN),
    # The note is optional: an empty request is a request.
    "my-data-erasure": Page(
        status=SIGNED_IN, form=fields(note="Tell me by post."), post=redirects(SIGNED_IN)
    ),
    "organisation-erasure-requests": Page(
        kwargs=lambda w: {"pk": w.organisation.pk}, status=MANAGE
    ),
    # A confirmation page: POST erases the person.
    "erasure-carry-out": Page(kwargs=_erasure, status=MANAGE, post=redirects(MANAGE)),
}
