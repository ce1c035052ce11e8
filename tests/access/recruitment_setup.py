"""Access expectations for recruitment set-up and the applicant journey, and
the recruitment objects they need (built on demand from the shared world)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from recruitment.handles import conflict_token
from recruitment.models import (
    Answer,
    Application,
    Criterion,
    OutreachChannel,
    PanelMember,
    RoleDescription,
    SignpostEntry,
    Vacancy,
)
from recruitment.services.applications import new_reference
from tests.factories import date_parts

from .rules import PUBLIC, SIGNED_IN, Page, expect, fields, redirects

GUIDE = {
    "0": "No evidence.",
    "1": "A little evidence.",
    "2": "Some evidence: meets the criterion.",
    "3": "Good evidence.",
    "4": "Strong evidence, with examples.",
}


def make_role(
    organisation,
    *,
    title="Member of the group",
    kind="group_member",
    body=None,
    group=None,
    criteria=2,
) -> RoleDescription:
    role = RoleDescription.objects.create(
        organisation=organisation,
        kind=kind,
        title=title,
        body=body,
        group=group,
        purpose="To help shape local diabetes services.",
        activities="Come to meetings, read papers, share your experience.",
        time_commitment="A two-hour meeting every month",
    )
    for position in range(1, criteria + 1):
        Criterion.objects.create(
            role_description=role,
            position=position,
            title=f"Criterion {position}",
            question=f"Tell us about criterion {position}.",
            scoring_guide=GUIDE,
        )
    return role


def make_vacancy(role, group, *, status="open", places=6, days_left=14, title="") -> Vacancy:
    today = timezone.localdate()
    return Vacancy.objects.create(
        role_description=role,
        group=group,
        title=title or f"Join {group.name}",
        places=places,
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=days_left),
        status=status,
    )


def make_application(
    vacancy, person, *, status="submitted", heard_via=None, route="online", answers=True
) -> Application:
    application = Application.objects.create(
        vacancy=vacancy,
        person=person,
        reference=new_reference(),
        status=status,
        route=route,
        heard_via=heard_via,
        availability="Weekday afternoons",
        submitted_at=None if status == "draft" else timezone.now(),
    )
    if answers:
        Answer.objects.bulk_create(
            [
                Answer(application=application, criterion=c, text="My answer.")
                for c in vacancy.role_description.criteria.all()
            ]
        )
    return application


def recruitment_objects(world) -> dict:
    """Roles, vacancies and applications in the world's first organisation,
    built once per test and kept in world.objects["recruitment"]."""
    if "recruitment" in world.objects:
        return world.objects["recruitment"]
    from tests.factories import PersonFactory

    organisation = world.organisation
    group = world.objects["group"]
    role = make_role(organisation, title="Member of Testshire Diabetes Voices", group=group)
    vacancy = make_vacancy(role, group)
    rep_role = make_role(
        organisation,
        title="Representative on the network board",
        kind="representative",
        body=world.objects["body"],
    )
    draft_vacancy = make_vacancy(rep_role, group, status="draft", title="Board representative")
    closed_vacancy = make_vacancy(
        role, group, status="closed", title="Last year's round", days_left=-1
    )
    channel = OutreachChannel.objects.create(organisation=organisation, name="GP surgeries")
    vacancy.outreach_channels.add(channel)
    member = world.objects["person"]
    objects = {
        "role": role,
        "criterion": rep_role.criteria.first(),
        "rep_role": rep_role,
        "vacancy": vacancy,
        "draft_vacancy": draft_vacancy,
        "closed_vacancy": closed_vacancy,
        "channel": channel,
        "signpost": SignpostEntry.objects.create(
            organisation=organisation,
            name="Diabetes helpline",
            kind="helpline",
            phone="0345 000 0000",
        ),
        # The member's own draft on the open vacancy, and a sent one on the closed.
        "draft_application": make_application(vacancy, member, status="draft"),
        "submitted_application": make_application(closed_vacancy, member),
        "other_application": make_application(vacancy, PersonFactory(), heard_via=channel),
        "panel_member": PanelMember.objects.create(
            vacancy=vacancy, user=world.user("panel_member"), shuffle_seed=1234
        ),
    }
    world.objects["recruitment"] = objects
    return objects


def _r(name):
    return lambda w: recruitment_objects(w)[name]


def _pk(name):
    return lambda w: {"pk": recruitment_objects(w)[name].pk}


def _org(w):
    recruitment_objects(w)
    return {"org_pk": w.organisation.pk}


# Who may do what (recruitment.permissions, "Recruitment" block):
MANAGERS = expect(
    403,
    anonymous=302,
    member=404,
    other_org=404,
    coordinator=200,
    org_admin=200,
    platform_admin=200,
)
READERS = {**MANAGERS, "panel_member": 200}
ORG_LIST = MANAGERS  # the organisation's outreach, signposting and enquiry lists
POST_ONLY = expect(405, anonymous=302)
APPLICANT_OWN = expect(404, anonymous=302, member=200)
APPLICANT_OWN_ACTION = redirects(APPLICANT_OWN)


# Acting on the organisation's recruitment (POST only): managers, sent on.
MANAGES = redirects(MANAGERS)


def _new_role(w):
    return {
        "kind": "group_member",
        "title": "Member of the carers' group",
        "purpose": "To bring carers' views.",
        "activities": "Come to meetings.",
        "time_commitment": "Two hours a month",
        "organisation": w.organisation.pk,
    }


def _new_vacancy(w):
    today = timezone.localdate()
    return {
        "title": "Join the group this spring",
        "places": "4",
        **date_parts("opens_on", today),
        **date_parts("closes_on", today + timedelta(days=28)),
        "group": w.objects["group"].pk,
    }


def _paper_application(w):
    role = recruitment_objects(w)["role"]
    return {
        "route": "paper",
        "full_name": "Pat Paperform",
        "contact_channel": "phone",
        "phone": "01632 960 000",
        "availability": "Mornings",
        **{f"answer_{c.pk}": "No answer given" for c in role.criteria.all()},
        "heard_via": "",
    }


GUIDE_FIELDS = {f"score_{score}": text for score, text in GUIDE.items()}


def _public(w):
    return {"public_id": recruitment_objects(w)["vacancy"].public_id}


def _own(name):
    return lambda w: {"pk": recruitment_objects(w)[name].pk}


PAGES = {
    # Coordinators: role descriptions and criteria
    "recruitment-home": Page(
        kwargs=lambda w: recruitment_objects(w) and {},
        status=expect(
            403,
            anonymous=302,
            coordinator=200,
            org_admin=200,
            panel_member=200,
            platform_admin=200,
            other_org=200,
        ),
    ),
    "role-create": Page(
        status=expect(
            403, anonymous=302, coordinator=200, org_admin=200, platform_admin=200, other_org=200
        ),
        form=_new_role,
    ),
    "role-detail": Page(kwargs=_pk("role"), status=READERS),
    "role-edit": Page(kwargs=_pk("role"), status=MANAGERS, form=fields(title="Group member")),
    "criterion-create": Page(
        kwargs=_pk("rep_role"),
        status=MANAGERS,
        form=fields(title="Listening", question="Tell us about listening.", **GUIDE_FIELDS),
    ),
    "criterion-edit": Page(
        kwargs=lambda w: {
            "pk": recruitment_objects(w)["rep_role"].pk,
            "criterion_pk": recruitment_objects(w)["criterion"].pk,
        },
        status=MANAGERS,
        form=fields(title="Listening well"),
    ),
    # A confirmation page; its POST removes it.
    "criterion-delete": Page(
        kwargs=lambda w: {
            "pk": recruitment_objects(w)["rep_role"].pk,
            "criterion_pk": recruitment_objects(w)["criterion"].pk,
        },
        status=MANAGERS,
        post=MANAGES,
    ),
    # The organisation's lists
    "outreach-channels": Page(kwargs=_org, status=ORG_LIST, form=fields(name="Pharmacies")),
    "outreach-channel-toggle": Page(
        kwargs=lambda w: {**_org(w), "pk": recruitment_objects(w)["channel"].pk},
        status=POST_ONLY,
        post=MANAGES,
    ),
    "signpost-list": Page(
        kwargs=_org,
        status=ORG_LIST,
        form=fields(name="Walking group", kind="support_group", phone="01632 960 003"),
    ),
    "signpost-edit": Page(
        kwargs=lambda w: {**_org(w), "pk": recruitment_objects(w)["signpost"].pk},
        status=ORG_LIST,
        form=fields(name="Diabetes helpline (free)"),
    ),
    "enquiry-list": Page(kwargs=_org, status=ORG_LIST),
    "enquiry-create": Page(
        kwargs=_org, status=ORG_LIST, form=fields(name="Jo Asker", summary="Can carers join?")
    ),
    # Vacancies
    "vacancy-create": Page(kwargs=_pk("role"), status=MANAGERS, form=_new_vacancy),
    "vacancy-detail": Page(kwargs=_pk("vacancy"), status=READERS),
    "vacancy-edit": Page(kwargs=_pk("vacancy"), status=MANAGERS, form=fields(title="Join us")),
    # A confirmation page (it warns when the panel is empty); its POST opens it.
    "vacancy-open": Page(kwargs=_pk("draft_vacancy"), status=MANAGERS, post=MANAGES),
    "vacancy-close": Page(kwargs=_pk("vacancy"), status=POST_ONLY, post=MANAGES),
    "vacancy-applications": Page(kwargs=_pk("vacancy"), status=MANAGERS),
    "vacancy-application-detail": Page(
        kwargs=lambda w: {
            "pk": recruitment_objects(w)["vacancy"].pk,
            "application_pk": recruitment_objects(w)["other_application"].pk,
        },
        status=MANAGERS,
    ),
    "application-enter": Page(kwargs=_pk("vacancy"), status=MANAGERS, form=_paper_application),
    "vacancy-panel": Page(
        kwargs=_pk("vacancy"),
        status=MANAGERS,
        form=lambda w: {"user": w.user("commissioner").pk},
    ),
    # A confirmation page; its POST removes it.
    "panel-member-remove": Page(
        kwargs=lambda w: {
            "pk": recruitment_objects(w)["vacancy"].pk,
            "member_pk": recruitment_objects(w)["panel_member"].pk,
        },
        status=MANAGERS,
        post=MANAGES,
    ),
    # Only the panel's own members declare their conflicts.
    "panel-conflicts": Page(
        kwargs=_pk("vacancy"),
        status=expect(403, anonymous=302, member=404, other_org=404, panel_member=200),
        # The option's value is the panel member's own conflict token.
        form=lambda w: {
            "application": conflict_token(
                recruitment_objects(w)["panel_member"],
                recruitment_objects(w)["other_application"].pk,
            ),
            "reason": "A neighbour",
        },
    ),
    # Only the panel's own members start their scoring (an action: POST only).
    "panel-start-scoring": Page(
        kwargs=_pk("vacancy"),
        status=POST_ONLY,
        post=expect(403, anonymous=302, member=404, other_org=404, panel_member=302),
    ),
    # Public pages: no login
    "public-vacancy-list": Page(kwargs=lambda w: recruitment_objects(w) and {}, status=PUBLIC),
    "public-vacancy": Page(kwargs=_public, status=PUBLIC),
    "vacancy-pack": Page(kwargs=_public, status=PUBLIC),
    "vacancy-other-ways": Page(
        kwargs=_public,
        status=PUBLIC,
        form=fields(wants="paper", name="Jo Paper", contact="01632 960 001"),
    ),
    # Applicants: the member has a draft on the open vacancy, so "apply" takes
    # them back to it.
    # Anyone signed in may start one: the button makes the draft.
    "application-start": Page(
        kwargs=_public,
        status=expect(200, anonymous=302, member=302, other_member=200),
        post=expect(302),
    ),
    "my-applications": Page(kwargs=lambda w: recruitment_objects(w) and {}, status=SIGNED_IN),
    "application-detail": Page(kwargs=_own("draft_application"), status=APPLICANT_OWN),
    "application-question": Page(
        kwargs=lambda w: {"pk": recruitment_objects(w)["draft_application"].pk, "number": 1},
        status=APPLICANT_OWN,
        form=fields(text="I listen to people at my support group."),
    ),
    "application-availability": Page(
        kwargs=_own("draft_application"), status=APPLICANT_OWN, form=fields(availability="Any")
    ),
    # Optional questions: an empty answer moves on too.
    "application-support": Page(
        kwargs=_own("draft_application"),
        status=APPLICANT_OWN,
        post=APPLICANT_OWN_ACTION,
        form=fields(support_needed="A lift from the station"),
    ),
    "application-heard": Page(
        kwargs=_own("draft_application"),
        status=APPLICANT_OWN,
        form=lambda w: {"heard_via": recruitment_objects(w)["channel"].pk},
    ),
    "application-contact": Page(
        kwargs=_own("draft_application"), status=APPLICANT_OWN, form=fields(phone="01632 960 002")
    ),
    "application-diversity": Page(
        kwargs=_own("draft_application"),
        status=APPLICANT_OWN,
        post=APPLICANT_OWN_ACTION,
        form=fields(consent="on", diabetes_type="type_2"),
    ),
    # "Check your answers": its button sends the application.
    "application-check": Page(
        kwargs=_own("draft_application"), status=APPLICANT_OWN, post=redirects(APPLICANT_OWN)
    ),
    "application-submitted": Page(kwargs=_own("submitted_application"), status=APPLICANT_OWN),
    # A confirmation page, then the withdrawal.
    "application-withdraw": Page(
        kwargs=_own("draft_application"), status=APPLICANT_OWN, post=APPLICANT_OWN_ACTION
    ),
    # Restoring a withdrawn application (the draft is not withdrawn: refused, sent on).
    "application-restore": Page(
        kwargs=_own("draft_application"),
        status=POST_ONLY,
        post=APPLICANT_OWN_ACTION,
        writes=False,
    ),
}
