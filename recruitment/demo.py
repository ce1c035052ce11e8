"""Demo recruitment for North Fellside (all names and places fictional): the
usual outreach channels, a signposting directory, a role description for the
Diabetes Voices group with five criteria and scoring guides, an open vacancy
with 18 applications (two on paper), a panel, two signposted enquiries, and a
draft vacancy for a representative on the network board.

Idempotent: everything is matched by name, title or person, and only made
when missing, so running it again changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from involvement.demo import schedule
from involvement.models import (
    DecisionMakingBody,
    Group,
    Organisation,
    Person,
    StaffRole,
    User,
)
from involvement.services import people as people_services

from .models import (
    Answer,
    Application,
    Criterion,
    Enquiry,
    OutreachChannel,
    PanelMember,
    RoleDescription,
    SignpostEntry,
    Vacancy,
)
from .services import roles as role_services
from .services.applications import new_reference

ORGANISATION_SLUG = "fellside"
GROUP_NAME = "Fellside Diabetes Voices"
MEMBER_ROLE_TITLE = "Member of the Diabetes Voices group"
REP_ROLE_TITLE = "User representative on the Diabetes Network Board"

SIGNPOSTS = [
    (
        "Diabetes helpline (national charity)",
        SignpostEntry.Kind.HELPLINE,
        "Confidential advice on living with diabetes, Monday to Friday, 9am to 6pm.",
        "0345 123 2399",
        "",
    ),
    (
        "Fellside Type 2 peer support group",
        SignpostEntry.Kind.SUPPORT_GROUP,
        "Meets on the first Thursday of the month, 2pm, at Fellside Community Hall. Just turn up.",
        "01632 960 410",
        "",
    ),
    (
        "Young adults with Type 1 meet-up (Fellside)",
        SignpostEntry.Kind.SUPPORT_GROUP,
        "Evening meet-ups for people aged 18 to 35 with Type 1 diabetes, every other Wednesday.",
        "",
        "",
    ),
    (
        "Structured education: 'Living Well with Type 2' sessions at Fellside Health Centre",
        SignpostEntry.Kind.EDUCATION,
        "A free six-hour course in two sessions for people with Type 2 diabetes. Ask your GP "
        "practice to refer you, or refer yourself by phone.",
        "01632 960 422",
        "",
    ),
    (
        "Type 1 carbohydrate counting course (Valley Hospital diabetes team)",
        SignpostEntry.Kind.EDUCATION,
        "A five-day course for adults with Type 1 diabetes. Referral through the diabetes clinic.",
        "01632 960 430",
        "",
    ),
]


def _guide(*sentences: str) -> dict[str, str]:
    return {str(point): sentence for point, sentence in enumerate(sentences)}


MEMBER_CRITERIA = [
    (
        "Lived experience of diabetes",
        "Tell us about your experience of diabetes: living with it yourself, caring for "
        "someone who has it, or being told you are at risk. What has using local services "
        "been like?",
        True,
        2,
        _guide(
            "No experience of diabetes or of diabetes services is described.",
            "Mentions diabetes, but says little about using services.",
            "Describes their own or a cared-for person's experience of at least one service.",
            "Describes experience of several services, with what worked and what did not.",
            "Describes varied experience in detail and reflects on what it shows about services.",
        ),
    ),
    (
        "Speaking up for others, not just themselves",
        "The group speaks for many people with diabetes, not only its members. Tell us about "
        "a time you thought about, or spoke up for, other people's needs.",
        True,
        2,
        _guide(
            "Talks only about their own situation.",
            "Says they would like to help others, without an example.",
            "Gives an example of thinking about other people's needs.",
            "Gives an example of speaking up for a group of people, with what happened.",
            "Gives clear examples of representing others' views fairly, including views unlike "
            "their own.",
        ),
    ),
    (
        "Working constructively with NHS staff",
        "Members work alongside doctors, nurses and managers to improve services. How would "
        "you share a criticism so that it helps things change?",
        True,
        1,
        _guide(
            "Shows no wish to work with staff, or only to complain.",
            "Willing to work with staff, but no sense of how.",
            "Describes raising a concern politely and listening to the answer.",
            "Describes working with others to find a solution to a problem.",
            "Gives an example of turning a criticism into a practical suggestion that was taken "
            "up.",
        ),
    ),
    (
        "Commitment to take part",
        "The group meets every six weeks for two hours, with some reading in between. "
        "How would you fit this in, and what might get in the way?",
        True,
        1,
        _guide(
            "Unlikely to be able to attend most meetings.",
            "Could attend some meetings; unclear about the rest.",
            "Can attend most meetings, perhaps with some help.",
            "Can attend regularly and has thought about what might get in the way.",
            "Can attend regularly, has planned around barriers, and would do reading between "
            "meetings.",
        ),
    ),
    (
        "Interest in a service area",
        "Is there a part of diabetes care you would most like to help improve, such as eye "
        "screening, foot care, education courses, or care for young people? Why?",
        False,
        1,
        _guide(
            "No interest in a particular area.",
            "Names an area without saying why.",
            "Names an area and why it matters to them.",
            "Names an area and why it matters to people with diabetes more widely.",
            "Names an area, why it matters, and an idea for what could be better.",
        ),
    ),
]

REP_CRITERIA = [
    (
        "Active and experienced group member",
        "Tell us what you have done in the group over the last year.",
        True,
        2,
        _guide(
            "Little involvement in the group's work.",
            "Attends, but has taken little part in the group's work.",
            "Has taken part regularly in the group's work.",
            "Has led or contributed to a piece of the group's work.",
            "Has led several pieces of work and helped other members take part.",
        ),
    ),
    (
        "Representing the group's range of views",
        "How would you make sure the board hears the views of the whole group, including "
        "views you do not share?",
        True,
        2,
        _guide(
            "Would give only their own views.",
            "Would mention others' views without a plan for gathering them.",
            "Would gather the group's views before board meetings.",
            "Would gather views and report back to the group after each meeting.",
            "Has a clear plan to gather, present fairly and report back the group's range of "
            "views.",
        ),
    ),
    (
        "Confidence with board papers",
        "Board papers can be long and use NHS terms. How do you feel about reading them with "
        "a briefing from the coordinator?",
        False,
        1,
        _guide(
            "Would not want to read papers.",
            "Would read papers with a lot of help.",
            "Would read papers with a briefing.",
            "Comfortable with papers; would ask about unclear terms.",
            "Comfortable with papers and would help explain them to the group.",
        ),
    ),
]

# (full name, route, heard via, diversity answers or None, answers, availability, support)
# Diversity: (diabetes type, age band, ethnicity, locality index, carer, at risk).
APPLICANTS = [
    (
        "Amira Haddad",
        "online",
        "GP surgeries",
        ("type_2", "40_54", "other", 1, "no", ""),
        (
            "I was diagnosed with Type 2 four years ago. My GP practice has been good but "
            "I waited months for the education course.",
            "At work I set up a lunchtime walking group and asked what times suited everyone, "
            "not just me.",
            "I would explain what happened, how it felt, and what would have helped.",
            "I work part time, so afternoons are fine. School holidays can be harder.",
            "Education courses: the wait was too long and the times did not suit workers.",
        ),
        "Weekday afternoons",
        "",
    ),
    (
        "Gareth Pryce",
        "online",
        "Local radio",
        ("type_1", "25_39", "white", 0, "no", ""),
        (
            "I have had Type 1 since I was 9. Moving from children's to adult services was "
            "hard and I lost touch with the clinic for two years.",
            "I help run an online forum for young adults with Type 1 and often pass on what "
            "members say to the clinic.",
            "I'd ask to meet the team and say what young people told us, with examples.",
            "Evenings or online are best. I can take leave for some daytime meetings.",
            "Care for young people moving to adult services.",
        ),
        "Evenings, or online in the daytime",
        "Some meetings online would help, as I work full time.",
    ),
    (
        "Beatrice Nwosu",
        "online",
        "Community and faith organisations",
        ("type_2", "55_64", "black", 1, "yes", ""),
        (
            "I have Type 2 and my mother, who I care for, has it too. We go to different "
            "clinics and get different advice.",
            "At church I organised a health morning and asked the women what worried them "
            "most about diabetes.",
            "Calmly, with what happened and a suggestion. Shouting never helps.",
            "Most weekdays, if I can arrange cover for my mother.",
            "Foot care: my mother nearly lost a toe because nobody checked her feet.",
        ),
        "Weekdays, with notice",
        "Help with the cost of a sitter for my mother while I attend.",
    ),
    (
        "Tomasz Zielinski",
        "paper",
        "Pharmacies",
        ("type_2", "65_74", "white", 0, "no", ""),
        (
            "Type 2 for ten years. My English is good but letters from the hospital are hard "
            "to follow.",
            "I translate letters for other Polish people at the social club.",
            "I would tell them what is hard to understand and show them an example.",
            "Any weekday. I am retired.",
            "Letters and leaflets that everyone can understand.",
        ),
        "Any weekday",
        "",
    ),
    (
        "Kwabena Owusu",
        "online",
        "Voluntary organisations",
        ("type_2", "40_54", "black", 1, "no", ""),
        (
            "I was diagnosed last year after a health check at work. It was a shock.",
            "I am a union rep, so I speak for colleagues every week.",
            "In my job I raise problems with managers and we agree actions together.",
            "Early evenings. Daytime is hard with shifts.",
            "Reaching working people who never have time for appointments.",
        ),
        "Early evenings; some days off on my shift pattern",
        "Evening meetings, or notes I can read if I miss one.",
    ),
    (
        "Shirley Holroyd",
        "online",
        "Previous education course participants",
        ("type_2", "75_plus", "white", 0, "no", ""),
        (
            "I went on the Type 2 course two years ago and it changed how I manage things.",
            "I tell my friends at the luncheon club about the course and help them ask their GP.",
            "I would say thank you for what works and be honest about what does not.",
            "Mornings are best. I do not drive after dark.",
            "Education courses: more people should know about them.",
        ),
        "Mornings",
        "A lift or taxi, as I do not drive after dark. Papers in large print.",
    ),
    (
        "Rajesh Mistry",
        "online",
        "GP surgeries",
        ("type_2", "55_64", "asian", 1, "no", ""),
        (
            "Type 2 for six years. My eye screening appointments keep being cancelled.",
            "I sit on my GP practice's patient group and bring other patients' comments.",
            "At the patient group we raise things with the practice manager and follow up.",
            "Most days, with two weeks' notice.",
            "Eye screening: clinic times and letters.",
        ),
        "Most days with notice",
        "",
    ),
    (
        "Eileen Dawes",
        "paper",
        "Libraries",
        ("none", "65_74", "white", 0, "yes", ""),
        (
            "I look after my husband, who has Type 2 and is partly sighted.",
            "I help at the carers' café and listen to what other carers need.",
            "Politely, and I would bring what other carers have said.",
            "Daytime, if my daughter can sit with my husband.",
            "Support for carers, and help for people who cannot see well.",
        ),
        "Daytime, with notice",
        "Meetings in a place with a bus stop nearby.",
    ),
    (
        "Callum Reid",
        "online",
        "Word of mouth",
        ("type_1", "under_25", "white", 0, "no", ""),
        (
            "I have Type 1 and I'm at college. The clinic only runs in school hours.",
            "I'm class rep and I sorted out a problem with the timetable for everyone.",
            "I'd say what happened and suggest something, like evening clinics.",
            "After 4pm, or online.",
            "Clinic times for students and young people.",
        ),
        "After 4pm or online",
        "Online meetings, and travel costs paid on the day.",
    ),
    (
        "Yasmin Begum",
        "online",
        "Community and faith organisations",
        ("type_2", "40_54", "asian", 1, "no", ""),
        (
            "I have Type 2 and managed it through Ramadan with help from a nurse who understood.",
            "I run a women's group at the mosque and we talk about health.",
            "I would share what the women tell me and suggest how to reach them.",
            "Weekday mornings while the children are at school.",
            "Advice that fits people's culture and faith.",
        ),
        "Weekday mornings",
        "",
    ),
    (
        "Derek Tandy",
        "online",
        "Local press",
        ("type_2", "65_74", "white", 0, "no", ""),
        (
            "Type 2 for 15 years. Now on insulin.",
            "I want to make things better for people like me.",
            "I would tell them what they are getting wrong.",
            "Any time.",
            "",
        ),
        "Any time",
        "",
    ),
    (
        "Leah Goldman",
        "online",
        "Diabetes clinics",
        ("type_1", "25_39", "white", 1, "no", ""),
        (
            "Type 1 for 20 years; I had gestational complications in my first pregnancy.",
            "I volunteer on a maternity voices group and collect other mothers' stories.",
            "I've done this on the maternity group: listening first, then suggesting changes.",
            "Evenings; some afternoons.",
            "Care for women with diabetes in pregnancy.",
        ),
        "Evenings and some afternoons",
        "",
    ),
    (
        "Wen Zhou",
        "online",
        "Pharmacies",
        (None),
        (
            "I am at risk of Type 2. The pharmacist checked my blood sugar and told me.",
            "I help at a Chinese community centre and many older people there have diabetes.",
            "I would give clear examples.",
            "Weekends or evenings.",
            "Prevention and health checks.",
        ),
        "Weekends or evenings",
        "An interpreter for some older people I could bring views from.",
    ),
    (
        "Patrick Rourke",
        "online",
        "GP surgeries",
        ("type_2", "55_64", "white", 0, "no", ""),
        (
            "Type 2, and I had a foot ulcer last year that took months to heal.",
            "I tell people at the bowls club to get their feet checked.",
            "I would describe what happened to me and what would have caught it earlier.",
            "Most days except Thursdays.",
            "Foot care.",
        ),
        "Most days except Thursdays",
        "Step-free access: I still walk with a stick.",
    ),
    (
        "Mary-Ann Fowler",
        "online",
        "Voluntary organisations",
        ("type_2", "55_64", "mixed", 1, "no", ""),
        (
            "I have Type 2 and depression, and I found it hard to get help for both together.",
            "I volunteer with a mental health charity and help people say what they need.",
            "I would be honest and kind, and suggest one change at a time.",
            "Afternoons.",
            "Mental health and diabetes together.",
        ),
        "Afternoons",
        "Quiet breaks during meetings.",
    ),
    (
        "Jordan Blake",
        "online",
        "Local radio",
        ("type_1", "25_39", "black", 1, "no", ""),
        (
            "Type 1 since I was 15. I use a pump and had to fight to get one.",
            "I mentor teenagers with Type 1 through a sports club.",
            "I would bring evidence and stories and ask what is possible.",
            "Evenings.",
            "Access to technology such as pumps and sensors.",
        ),
        "Evenings",
        "",
    ),
    (
        "Sunita Kaur",
        "online",
        "Community and faith organisations",
        ("type_2", "65_74", "asian", 1, "yes", ""),
        (
            "I have Type 2 and care for my husband after his stroke.",
            "At the gurdwara I help older people book appointments and understand letters.",
            "Respectfully, with the facts.",
            "Late mornings.",
            "Help for people who do not read English well.",
        ),
        "Late mornings",
        "A Punjabi interpreter for some meetings would help.",
    ),
    (
        "Ifeoma Obi",
        "online",
        "Diabetes clinics",
        ("type_2", "40_54", "black", 1, "no", "yes"),
        (
            "I had gestational diabetes and now have Type 2. I work as a carer.",
            "I speak up for the people I care for with doctors and nurses every week.",
            "In my job I raise problems with nurses and we sort them out together.",
            "Depends on my rota; I get it two weeks ahead.",
            "Care for women after gestational diabetes.",
        ),
        "Depends on my rota (two weeks ahead)",
        "",
    ),
]

ENQUIRIES = [
    (
        "Mr Halstead",
        "01632 960 555",
        "Saw the poster at the pharmacy. Wanted advice on his new diagnosis of Type 2 and "
        "what to eat, rather than to join the group.",
        [
            "Structured education: 'Living Well with Type 2' sessions at Fellside Health Centre",
            "Fellside Type 2 peer support group",
        ],
        "Sent the course leaflet by post.",
        10,
    ),
    (
        "A caller who did not give her name",
        "",
        "Worried about her teenage son's Type 1 and looking for other parents to talk to.",
        ["Diabetes helpline (national charity)", "Young adults with Type 1 meet-up (Fellside)"],
        "",
        6,
    ),
]


def _out(stdout, text: str) -> None:
    if stdout:
        stdout.write(text)


def _group(organisation: Organisation) -> Group:
    group = Group.objects.filter(organisation=organisation, name=GROUP_NAME).first()
    if group is None:
        group = Group.objects.filter(organisation=organisation).order_by("pk").first()
    if group is None:
        group = Group.objects.create(
            organisation=organisation,
            name=GROUP_NAME,
            purpose="People living with diabetes, and carers, helping to improve local services.",
        )
    return group


def _role(organisation, *, title, criteria, **fields) -> RoleDescription:
    role = RoleDescription.objects.filter(organisation=organisation, title=title).first()
    if role is None:
        role = role_services.role_description_create(
            organisation=organisation, title=title, **fields
        )
    if not role.criteria.exists():
        for criterion_title, question, essential, weight, guide in criteria:
            role_services.criterion_create(
                role_description=role,
                title=criterion_title,
                question=question,
                essential=essential,
                weight=weight,
                scoring_guide=guide,
            )
    return role


def _vacancy(role, group, *, title, status, places, opens, closes, channels) -> Vacancy:
    vacancy = Vacancy.objects.filter(role_description=role, title=title).first()
    if vacancy is None:
        vacancy = Vacancy.objects.create(
            role_description=role,
            group=group,
            title=title,
            places=places,
            opens_on=opens,
            closes_on=closes,
            scoring_deadline=closes + timedelta(days=14),
            status=status,
        )
        vacancy.outreach_channels.set(channels)
    return vacancy


def _applicant(row, organisation) -> Person:
    full_name, route, _heard, diversity, *_rest = row
    person = Person.objects.filter(full_name=full_name).first()
    if person is not None:
        return person
    slug = full_name.lower().replace(" ", ".").replace("'", "")
    if route == "paper":
        person = people_services.person_create(
            full_name=full_name,
            contact_channel=Person.Channel.POST,
            address_line_1=f"{len(full_name)} Beck Side",
            town="Fellside",
            postcode="FS4 2QT",
            large_print=full_name.startswith("Eileen"),
        )
    else:
        person = people_services.person_create(
            full_name=full_name,
            preferred_name=full_name.split()[0],
            email=f"{slug}@example.org",
            contact_channel=Person.Channel.EMAIL,
        )
    if diversity:
        diabetes, age, ethnicity, place, carer, at_risk = diversity
        localities = organisation.localities or []
        people_services.diversity_save(
            person=person,
            answers={
                "diabetes_type": diabetes,
                "age_band": age,
                "ethnicity": ethnicity,
                "locality": localities[place] if place < len(localities) else "",
                "carer": carer,
                "at_risk_of_type_2": at_risk or "no",
            },
            consent_given=True,
        )
    return person


def _applications(vacancy, organisation, coordinator) -> int:
    channels = {c.name: c for c in organisation.outreach_channels.all()}
    criteria = list(vacancy.role_description.criteria.order_by("position"))
    made = 0
    for index, row in enumerate(APPLICANTS):
        full_name, route, heard, _diversity, answers, availability, support = row
        person = _applicant(row, organisation)
        if Application.objects.filter(vacancy=vacancy, person=person).exists():
            continue
        submitted = timezone.now() - timedelta(days=20 - index, hours=index)
        application = Application.objects.create(
            vacancy=vacancy,
            person=person,
            reference=new_reference(),
            status=Application.Status.SUBMITTED,
            route=route,
            entered_by=coordinator if route != "online" else None,
            heard_via=channels.get(heard),
            availability=availability,
            support_needed=support,
            submitted_at=submitted,
        )
        Answer.objects.bulk_create(
            [
                Answer(application=application, criterion=criterion, text=text)
                for criterion, text in zip(criteria, answers, strict=False)
            ]
        )
        made += 1
    return made


@transaction.atomic
def seed(stdout=None) -> None:
    organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
    if organisation is None:
        _out(stdout, "recruitment: no Fellside organisation yet, skipped")
        return
    group = _group(organisation)
    coordinator = User.objects.filter(
        staff_roles__organisation=organisation, staff_roles__role=StaffRole.Role.COORDINATOR
    ).first()

    role_services.outreach_channels_ensure_defaults(organisation=organisation)
    for name, kind, description, phone, website in SIGNPOSTS:
        if not SignpostEntry.objects.filter(organisation=organisation, name=name).exists():
            role_services.signpost_create(
                organisation=organisation,
                name=name,
                kind=kind,
                description=description,
                phone=phone,
                website=website,
            )

    member_role = _role(
        organisation,
        title=MEMBER_ROLE_TITLE,
        criteria=MEMBER_CRITERIA,
        group=group,
        purpose=(
            "To bring the experience of people living with diabetes, and their carers, into "
            "decisions about diabetes services in the valley."
        ),
        activities=(
            "Come to group meetings every six weeks. Read short papers beforehand. Share your "
            "own experience and what you hear from others. Help the network decide what to "
            "improve first, and check whether changes have worked. Some members later "
            "represent the group on the network board."
        ),
        time_commitment="About three hours every six weeks: a two-hour meeting and some reading",
        meeting_pattern=schedule.pattern_words(ORGANISATION_SLUG, "Every six weeks"),
        payment=RoleDescription.Payment.EXPENSES_AND_PAYMENT,
        payment_details=(
            "Travel and other expenses paid on the day or within a week, and an involvement "
            "payment of £25 for each meeting you attend."
        ),
        what_it_is_not=(
            "It is not a support group, and it is not a course about managing your diabetes. "
            "If you are looking for advice or support, we will tell you where to find it."
        ),
    )
    today = timezone.localdate()
    planned = [
        c
        for c in organisation.outreach_channels.all()
        if c.name
        in {
            "GP surgeries",
            "Diabetes clinics",
            "Pharmacies",
            "Libraries",
            "Local press",
            "Local radio",
            "Community and faith organisations",
            "Voluntary organisations",
            "Previous education course participants",
        }
    ]
    vacancy = _vacancy(
        member_role,
        group,
        title="Join Fellside Diabetes Voices",
        status=Vacancy.Status.OPEN,
        places=6,
        opens=today - timedelta(days=24),
        closes=today + timedelta(days=10),
        channels=planned,
    )
    made = _applications(vacancy, organisation, coordinator)
    for user in User.objects.filter(
        staff_roles__organisation=organisation,
        staff_roles__role__in=[StaffRole.Role.PANEL_MEMBER, StaffRole.Role.COORDINATOR],
    ).distinct():
        if not PanelMember.objects.filter(vacancy=vacancy, user=user).exists():
            PanelMember.objects.create(
                vacancy=vacancy, user=user, shuffle_seed=(user.pk * 7919) % (2**31)
            )

    signposts = {s.name: s for s in organisation.signposts.all()}
    for name, contact, summary, signposted, notes, days_ago in ENQUIRIES:
        if Enquiry.objects.filter(organisation=organisation, name=name).exists():
            continue
        enquiry = Enquiry.objects.create(
            organisation=organisation,
            vacancy=vacancy,
            name=name,
            contact=contact,
            summary=summary,
            notes=notes,
            recorded_by=coordinator,
            received_on=today - timedelta(days=days_ago),
        )
        enquiry.signposted_to.set([signposts[s] for s in signposted if s in signposts])

    body = (
        DecisionMakingBody.objects.filter(organisation=organisation, name__icontains="board")
        .order_by("pk")
        .first()
    )
    if body is None:
        body = DecisionMakingBody.objects.create(
            organisation=organisation, name="Diabetes Network Board"
        )
    rep_role = _role(
        organisation,
        title=REP_ROLE_TITLE,
        criteria=REP_CRITERIA,
        kind=RoleDescription.Kind.REPRESENTATIVE,
        body=body,
        group=group,
        purpose=(
            "To bring the views of Fellside Diabetes Voices to the network board, where "
            "decisions about diabetes services are made, and to report back to the group."
        ),
        activities=(
            "Read the board papers with a briefing from the coordinator. Meet the group before "
            "each board meeting to gather views. Attend the board with another representative. "
            "Debrief afterwards and report back at the next group meeting."
        ),
        time_commitment="About six hours every two months",
        meeting_pattern="Every two months, Thursday mornings, at the network offices",
        payment=RoleDescription.Payment.EXPENSES_AND_PAYMENT,
        payment_details="Expenses, and £25 for the board meeting and £25 for the briefing.",
        what_it_is_not="It is not a seat to raise your own care: you speak for the group.",
    )
    _vacancy(
        rep_role,
        group,
        title="Representative on the Diabetes Network Board",
        status=Vacancy.Status.DRAFT,
        places=2,
        opens=today + timedelta(days=14),
        closes=today + timedelta(days=42),
        channels=[],
    )
    criteria = Criterion.objects.filter(role_description__organisation=organisation).count()
    channels = OutreachChannel.objects.filter(organisation=organisation).count()
    _out(
        stdout,
        f"recruitment: 2 role descriptions, {criteria} criteria, {made} new applications, "
        f"{channels} outreach channels",
    )
    # Scoring so far on the open vacancy: reviewers' scores, a panel login with work to do.
    from . import demo_scoring

    demo_scoring.seed(stdout=stdout)
    # A complete, decided round for Riverbank: selection, decisions, audit, feedback.
    from . import demo_decided

    demo_decided.seed(stdout=stdout)
