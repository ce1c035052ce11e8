"""Demo groups, people and memberships (all fictional: invented names, places
and addresses).

Two contrasting organisations: a diabetes network in a northern valley that
meets every six weeks, and a London-style borough partnership that meets
monthly and wants an ethnic mix. Each has a group of about 20 people with
varied profiles: both types of diabetes, carers, people at risk of Type 2, a
range of ages, contact by email, phone and post, large print. Most (not all)
agreed to share diversity data. The demo member login (Doreen Ashworth) is an
active member of the Fellside group.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from ..models import Group, Membership, Organisation, Person, User
from ..services import groups as group_services
from ..services import people as people_services
from .accounts import ensure_user

Status = Membership.Status

LOCALITIES = {
    "fellside": ["North of the valley", "South of the valley"],
    "riverbank": ["North of the borough", "South of the borough"],
}

GROUPS = {
    "fellside": {
        "name": "Fellside Diabetes Voices",
        "purpose": (
            "People living with diabetes, and their carers, working with the North Fellside "
            "Diabetes Network to make diabetes services in the valley better."
        ),
        "terms_of_reference": (
            "The group advises the North Fellside Diabetes Network on how diabetes services "
            "are planned, run and checked. It agrees a work plan each year with the network's "
            "clinical lead.\n\n"
            "Two members sit on the network board as user representatives. They are briefed "
            "before each board meeting and report back to the group afterwards.\n\n"
            "The coordinator sends notes of each meeting, with what happened to the group's "
            "suggestions, before the next meeting. Travel and other expenses are paid on the "
            "day or within a week."
        ),
        "ground_rules": (
            "We listen to each other and let everyone speak.\n"
            "What is said about personal health stays in the room.\n"
            "We challenge ideas, not people.\n"
            "Phones on silent, and breaks for blood glucose checks whenever needed."
        ),
        "cadence": Group.Cadence.SIX_WEEKLY,
        "target_min": 10,
        "target_max": 14,
        "factors": ["type_1", "type_2", "under_40", "carer", "locality_0", "locality_1"],
        "extra_factors": [
            ("At risk of Type 2 diabetes", "at_risk_of_type_2", ["yes"], 2),
        ],
    },
    "riverbank": {
        "name": "Riverbank Diabetes Panel",
        "purpose": (
            "Local people with diabetes, carers and people at risk of Type 2 diabetes helping "
            "the Riverbank partnership decide how diabetes care in the borough should change."
        ),
        "terms_of_reference": (
            "The panel gives the partnership's diabetes programme board the views of people "
            "who use services. It meets monthly, on Tuesday mornings, in the borough and "
            "online.\n\n"
            "The panel chooses its priorities each spring and reviews them in the autumn. "
            "Members are paid expenses and an involvement payment for each meeting."
        ),
        "ground_rules": (
            "Everyone's experience counts.\n"
            "We keep personal stories confidential.\n"
            "We use plain English and explain any jargon."
        ),
        "cadence": Group.Cadence.MONTHLY,
        "target_min": 12,
        "target_max": 16,
        "factors": ["type_1", "type_2", "under_40", "carer", "locality_0", "locality_1"],
        "extra_factors": [
            ("Asian or Asian British", "ethnicity", ["asian"], 2),
            ("Black, Black British, Caribbean or African", "ethnicity", ["black"], 2),
        ],
    },
}

# One row per person: (full name, preferred name, channel, large print, status,
# diversity answers or None (no consent), profile extras)
# Diversity answers: (diabetes type, age band, ethnicity, locality index, carer, at risk)
D = tuple[str, str, str, int, str, str]

FELLSIDE_PEOPLE: list[tuple[str, str, str, bool, str, D | None, dict]] = [
    (
        "Harold Birkett",
        "Harry",
        "post",
        True,
        Status.ACTIVE,
        ("type_2", "75_plus", "white", 0, "no", ""),
        {"needs_hearing_loop": True},
    ),
    (
        "Aisha Rahman",
        "",
        "email",
        False,
        Status.ACTIVE,
        ("type_1", "25_39", "asian", 1, "no", ""),
        {"available_evening": True},
    ),
    (
        "Brian Tattersall",
        "",
        "phone",
        False,
        Status.ACTIVE,
        ("type_2", "65_74", "white", 0, "no", ""),
        {"available_daytime": True},
    ),
    (
        "Ellen Hartley",
        "Nell",
        "email",
        False,
        Status.ACTIVE,
        ("none", "55_64", "white", 1, "yes", ""),
        {"available_daytime": True},
    ),
    (
        "Callum Nuttall",
        "",
        "email",
        False,
        Status.ACTIVE,
        ("type_1", "under_25", "white", 0, "no", ""),
        {"online_only": True},
    ),
    (
        "Margaret Pilling",
        "Peggy",
        "post",
        True,
        Status.ACTIVE,
        ("type_2", "75_plus", "white", 1, "no", ""),
        {"needs_step_free_access": True},
    ),
    (
        "Imran Hussain",
        "",
        "phone",
        False,
        Status.ACTIVE,
        ("type_2", "40_54", "asian", 1, "no", ""),
        {"language": "Urdu"},
    ),
    (
        "Judith Eccles",
        "",
        "email",
        False,
        Status.ACTIVE,
        ("type_1", "55_64", "white", 0, "no", ""),
        {},
    ),
    (
        "Stephen Greenhalgh",
        "Steve",
        "email",
        False,
        Status.ACTIVE,
        ("none", "40_54", "white", 0, "no", "yes"),
        {"available_evening": True},
    ),
    ("Carol Whitworth", "", "phone", True, Status.ACTIVE, None, {}),
    (
        "Daniel Ormerod",
        "Dan",
        "email",
        False,
        Status.ACTIVE,
        ("type_1", "25_39", "mixed", 1, "no", ""),
        {"available_evening": True},
    ),
    (
        "Patricia Holden",
        "Pat",
        "email",
        False,
        Status.ACTIVE,
        ("none", "65_74", "white", 1, "yes", ""),
        {"other_support_needs": "Comes with her husband, who has Type 1 diabetes."},
    ),
    (
        "Graham Duckworth",
        "",
        "post",
        False,
        Status.PAUSED,
        ("type_2", "65_74", "white", 0, "no", ""),
        {},
    ),
    (
        "Sunita Patel",
        "",
        "email",
        False,
        Status.INDUCTED,
        ("type_2", "40_54", "asian", 1, "no", ""),
        {"available_evening": True},
    ),
    (
        "Lewis Haworth",
        "",
        "email",
        False,
        Status.INDUCTED,
        ("type_1", "under_25", "white", 0, "no", ""),
        {"online_only": True},
    ),
    ("Maureen Clegg", "Mo", "phone", True, Status.SELECTED, None, {"needs_step_free_access": True}),
    (
        "Tomasz Nowak",
        "Tom",
        "email",
        False,
        Status.SELECTED,
        ("type_2", "40_54", "white", 0, "no", ""),
        {"language": "Polish"},
    ),
    (
        "Kathleen Riley",
        "Kath",
        "post",
        True,
        Status.ACTIVE,
        ("type_2", "75_plus", "white", 0, "no", ""),
        {"needs_hearing_loop": True},
    ),
    (
        "Andrew Sutcliffe",
        "Andy",
        "email",
        False,
        Status.LEFT,
        ("type_1", "40_54", "white", 1, "no", ""),
        {},
    ),
    ("Rachel Kenyon", "", "email", False, Status.INDUCTED, None, {"available_evening": True}),
]

RIVERBANK_PEOPLE: list[tuple[str, str, str, bool, str, D | None, dict]] = [
    (
        "Olumide Adeyemi",
        "Olu",
        "email",
        False,
        Status.ACTIVE,
        ("type_2", "55_64", "black", 0, "no", ""),
        {"available_evening": True},
    ),
    (
        "Grace Mensah-Clarke",
        "",
        "phone",
        False,
        Status.ACTIVE,
        ("type_2", "65_74", "black", 1, "no", ""),
        {},
    ),
    (
        "Farhana Begum",
        "",
        "email",
        False,
        Status.ACTIVE,
        ("none", "25_39", "asian", 0, "yes", ""),
        {"language": "Bengali"},
    ),
    (
        "Joseph Okonkwo",
        "Joe",
        "email",
        False,
        Status.ACTIVE,
        ("type_1", "25_39", "black", 1, "no", ""),
        {"available_evening": True},
    ),
    (
        "Winifred Baptiste",
        "Winnie",
        "post",
        True,
        Status.ACTIVE,
        ("type_2", "75_plus", "black", 1, "no", ""),
        {"needs_step_free_access": True},
    ),
    (
        "Rajesh Varma",
        "Raj",
        "email",
        False,
        Status.ACTIVE,
        ("type_2", "40_54", "asian", 0, "no", ""),
        {"online_only": True},
    ),
    (
        "Sophie Lindqvist",
        "",
        "email",
        False,
        Status.ACTIVE,
        ("type_1", "under_25", "white", 1, "no", ""),
        {"available_evening": True},
    ),
    (
        "Declan Murphy",
        "",
        "phone",
        False,
        Status.ACTIVE,
        ("type_2", "55_64", "white", 0, "no", ""),
        {},
    ),
    (
        "Mei Ling Chan",
        "",
        "email",
        False,
        Status.ACTIVE,
        ("none", "40_54", "asian", 1, "no", "yes"),
        {"available_evening": True},
    ),
    (
        "Beatrice Osei",
        "Bea",
        "post",
        True,
        Status.ACTIVE,
        ("type_2", "65_74", "black", 0, "no", ""),
        {"needs_hearing_loop": True},
    ),
    ("Yusuf Ali", "", "email", False, Status.ACTIVE, None, {"language": "Somali"}),
    (
        "Hannah Greene",
        "",
        "email",
        False,
        Status.ACTIVE,
        ("none", "40_54", "white", 1, "yes", ""),
        {},
    ),
    (
        "Kofi Asante",
        "",
        "email",
        False,
        Status.ACTIVE,
        ("type_1", "25_39", "black", 0, "no", ""),
        {"online_only": True},
    ),
    (
        "Priti Shah",
        "",
        "phone",
        True,
        Status.ACTIVE,
        ("type_2", "65_74", "asian", 1, "no", ""),
        {"language": "Gujarati"},
    ),
    (
        "Marcus Bell",
        "",
        "email",
        False,
        Status.PAUSED,
        ("type_1", "40_54", "mixed", 0, "no", ""),
        {},
    ),
    (
        "Agnieszka Zielinska",
        "Aga",
        "email",
        False,
        Status.INDUCTED,
        ("type_2", "25_39", "white", 1, "no", ""),
        {"available_evening": True},
    ),
    ("Samuel Adebayo", "Sam", "email", False, Status.SELECTED, None, {}),
    (
        "Nora Fitzgerald",
        "",
        "post",
        True,
        Status.SELECTED,
        ("type_2", "75_plus", "white", 0, "no", ""),
        {"needs_step_free_access": True},
    ),
    (
        "Tariq Mahmood",
        "",
        "email",
        False,
        Status.LEFT,
        ("type_2", "40_54", "asian", 0, "no", ""),
        {},
    ),
    (
        "Esther Boateng",
        "",
        "phone",
        False,
        Status.ACTIVE,
        ("none", "55_64", "black", 1, "yes", ""),
        {},
    ),
]

PEOPLE = {"fellside": FELLSIDE_PEOPLE, "riverbank": RIVERBANK_PEOPLE}

# Fictional streets and towns for people who asked for post.
ADDRESSES = {
    "fellside": ("{n} Becks Lane", "Fellbridge", "FB{d} 2QT"),
    "riverbank": ("Flat {n}, Wharf House", "Riverbank", "RB{d} 7LN"),
}

# Membership histories are dated from the day the demo is seeded, so the story
# stays believable whenever it is run: the long-standing members joined nearly
# two years ago; those still waiting for induction were selected a fortnight ago.
WAITING_SINCE_DAYS = 14
INDUCTED_DAYS_AGO = 35
JOINED_MONTHS_AGO = 22  # selected, then inducted a month and active two months later
CHANGED_MONTHS_AGO = 4  # paused or left


def _months_ago(today: datetime.date, months: int) -> datetime.date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(today.day, 28))


def membership_history(status: str, today: datetime.date) -> tuple[datetime.date, list]:
    """(the day selected, [(status, date, reason), ...]) for a final status."""
    if status == Status.SELECTED:
        return today - datetime.timedelta(days=WAITING_SINCE_DAYS), []
    if status == Status.INDUCTED:
        inducted = today - datetime.timedelta(days=INDUCTED_DAYS_AGO)
        return inducted - datetime.timedelta(days=21), [(Status.INDUCTED, inducted, "")]
    selected = _months_ago(today, JOINED_MONTHS_AGO)
    inducted = _months_ago(today, JOINED_MONTHS_AGO - 1)
    active = _months_ago(today, JOINED_MONTHS_AGO - 2)
    later = _months_ago(today, CHANGED_MONTHS_AGO)
    path = [(Status.INDUCTED, inducted, ""), (Status.ACTIVE, active, "")]
    if status == Status.PAUSED:
        path.append((Status.PAUSED, later, "Caring for a relative for a few months."))
    elif status == Status.LEFT:
        path.append((Status.LEFT, later, "New job with daytime hours; hopes to come back."))
    return selected, path


def _email(full_name: str, slug: str) -> str:
    first, *rest = full_name.lower().replace("-", " ").split()
    return f"{first}.{rest[-1]}@{slug}-mail.example"


def _profile(slug: str, index: int, row) -> dict:
    full_name, preferred, channel, large_print, _status, _diversity, extras = row
    profile = {
        "full_name": full_name,
        "preferred_name": preferred,
        "contact_channel": channel,
        "large_print": large_print,
        "email": _email(full_name, slug) if channel == "email" else "",
        "phone": f"01632 960 {100 + index:03d}" if channel == "phone" else "",
        **extras,
    }
    if channel == "post":
        line, town, postcode = ADDRESSES[slug]
        profile.update(
            address_line_1=line.format(n=index + 3),
            town=town,
            postcode=postcode.format(d=1 + index % 9),
        )
    return profile


def _diversity(slug: str, answers: D) -> dict:
    diabetes, age, ethnicity, place, carer, at_risk = answers
    return {
        "diabetes_type": diabetes,
        "age_band": age,
        "ethnicity": ethnicity,
        "locality": LOCALITIES[slug][place],
        "carer": carer,
        "at_risk_of_type_2": at_risk or ("no" if diabetes != "none" else ""),
    }


def _join(person: Person, group: Group, status: str, coordinator: User | None) -> Membership:
    membership = Membership.objects.filter(person=person, group=group).first()
    if membership is not None:
        return membership
    selected_on, path = membership_history(status, timezone.localdate())
    membership = group_services.membership_create(
        person=person,
        group=group,
        on=selected_on,
        reason="Selected after the recruitment round.",
        added_by=coordinator,
    )
    for to_status, on, reason in path:
        group_services.membership_change_status(
            membership=membership,
            to_status=to_status,
            changed_on=on,
            reason=reason,
            changed_by=coordinator,
        )
    membership.refresh_from_db()
    return membership


def _group(slug: str, organisation: Organisation) -> Group:
    spec = GROUPS[slug]
    group = Group.objects.filter(organisation=organisation, name=spec["name"]).first()
    if group is not None:
        return group
    suggestions = {
        s.key: s for s in group_services.diversity_factor_suggestions(organisation=organisation)
    }
    group = group_services.group_create(
        organisation=organisation,
        name=spec["name"],
        purpose=spec["purpose"],
        terms_of_reference=spec["terms_of_reference"],
        ground_rules=spec["ground_rules"],
        cadence=spec["cadence"],
        target_min=spec["target_min"],
        target_max=spec["target_max"],
        factors=[suggestions[key] for key in spec["factors"]],
    )
    for name, attribute, values, minimum in spec.get("extra_factors", []):
        group_services.diversity_factor_create(
            group=group, name=name, attribute=attribute, values=values, minimum=minimum
        )
    return group


def _coordinator(organisation: Organisation) -> User | None:
    return User.objects.filter(
        staff_roles__organisation=organisation, staff_roles__role="coordinator"
    ).first()


def seed(stdout=None) -> None:
    people_count = 0
    for slug, localities in LOCALITIES.items():
        organisation = Organisation.objects.get(slug=slug)
        if organisation.localities != localities:
            organisation.localities = localities
            organisation.save(update_fields=["localities"])
        group = _group(slug, organisation)
        coordinator = _coordinator(organisation)
        for index, row in enumerate(PEOPLE[slug]):
            full_name, _pref, _channel, _lp, status, answers, _extras = row
            person = Person.objects.filter(full_name=full_name).first()
            if person is None:
                person = people_services.person_create(**_profile(slug, index, row))
                if answers is not None:
                    people_services.diversity_save(
                        person=person,
                        answers=_diversity(slug, answers),
                        consent_given=True,
                        recorded_by=coordinator,
                        wording=people_services.DIVERSITY_CONSENT_WORDING_ON_BEHALF,
                    )
            _join(person, group, status, coordinator)
            people_count += 1
        _assign_buddies(group)

    # The demo member login: an active member of the Fellside group.
    member = ensure_user(
        email="member@fellside.example", full_name="Doreen Ashworth", preferred_name="Doreen"
    )
    fellside = Organisation.objects.get(slug="fellside")
    group = _group("fellside", fellside)
    person = people_services.person_get_or_create_for_user(user=member)
    if not people_services.diversity_consent_current(person=person) and not (
        person.diversity_consents.exists()
    ):
        people_services.diversity_save(
            person=person,
            answers=_diversity("fellside", ("type_2", "65_74", "white", 0, "no", "")),
            consent_given=True,
            recorded_by=member,
        )
    _join(person, group, Status.ACTIVE, _coordinator(fellside))
    people_count += 1
    if stdout:
        stdout.write(f"involvement: 2 groups, {people_count} people in them")


def _assign_buddies(group: Group) -> None:
    """Newer members (selected or inducted) get an experienced active buddy."""
    active = list(group.memberships.filter(status=Status.ACTIVE).order_by("person__full_name"))
    if not active:
        return
    newcomers = group.memberships.filter(
        status__in=[Status.SELECTED, Status.INDUCTED], buddy__isnull=True
    ).order_by("person__full_name")
    for index, newcomer in enumerate(newcomers):
        group_services.membership_update(
            membership=newcomer,
            induction_date=newcomer.induction_date,
            buddy=active[index % len(active)],
        )
