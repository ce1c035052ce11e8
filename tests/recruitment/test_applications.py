"""The applicant's journey: log in to apply, save a draft and come back,
one question per page, check your answers, send once (acknowledged once),
closed vacancies and duplicates refused, representatives only from active
members, paper and phone applications entered by the coordinator."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from involvement.models import DiversityConsent, DiversityProfile, Membership, Notification, Person
from recruitment.models import Answer, Application, AuditEvent, OutreachChannel
from recruitment.services import applications as services
from tests.access.recruitment_setup import make_application, make_role, make_vacancy
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy(world):
    role = make_role(world.organisation, criteria=2)
    vacancy = make_vacancy(role, world.objects["group"])
    OutreachChannel.objects.create(organisation=world.organisation, name="GP surgeries")
    return vacancy


@pytest.fixture
def applicant():
    return UserFactory(email="applicant@example.org", full_name="Nadia Applicant")


def test_applying_needs_an_account_and_comes_back_after_log_in(vacancy, client):
    url = reverse("application-start", args=[vacancy.public_id])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_the_whole_journey_from_start_to_sent(
    vacancy, applicant, login, django_capture_on_commit_callbacks
):
    client = login(applicant)

    response = client.post(reverse("application-start", args=[vacancy.public_id]))
    application = Application.objects.get(vacancy=vacancy)
    assert response["Location"] == reverse("application-question", args=[application.pk, 1])
    assert re.fullmatch(r"A-[2-9A-HJ-NP-Z]{5}", application.reference)
    # The person is made from the login.
    assert application.person.user == applicant
    assert application.person.full_name == "Nadia Applicant"

    # One question per page, each leading to the next.
    response = client.post(response["Location"], {"text": "I have had Type 1 for 20 years."})
    assert response["Location"] == reverse("application-question", args=[application.pk, 2])
    response = client.post(response["Location"], {"text": "I chair my residents' group."})
    assert response["Location"] == reverse("application-availability", args=[application.pk])
    response = client.post(response["Location"], {"availability": "Weekday evenings"})
    response = client.post(response["Location"], {"support_needed": "A hearing loop"})
    gp = OutreachChannel.objects.get(name="GP surgeries")
    response = client.post(response["Location"], {"heard_via": str(gp.pk)})
    assert response["Location"] == reverse("application-contact", args=[application.pk])
    response = client.post(
        response["Location"], {"contact_channel": "email", "email": "applicant@example.org"}
    )
    assert response["Location"] == reverse("application-diversity", args=[application.pk])
    response = client.post(response["Location"], {"diabetes_type": "type_1", "consent": "on"})
    assert response["Location"] == reverse("application-check", args=[application.pk])

    check = client.get(response["Location"]).content.decode()
    assert "I have had Type 1 for 20 years." in check
    assert "GP surgeries" in check

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("application-check", args=[application.pk]))
    assert response["Location"] == reverse("application-submitted", args=[application.pk])
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.submitted_at is not None
    assert application.heard_via == gp
    assert application.support_needed == "A hearing loop"
    assert DiversityProfile.objects.get(person=application.person).diabetes_type == "type_1"
    assert DiversityConsent.objects.filter(person=application.person).count() == 1

    notification = Notification.objects.get(
        idempotency_key=f"application-{application.pk}-acknowledged"
    )
    assert application.reference in notification.body_text
    assert notification.recipient == application.person

    confirmation = client.get(response["Location"]).content.decode()
    assert application.reference in confirmation
    assert "What happens next" in confirmation
    assert f"{services.decision_expected_by(vacancy):%-d %B %Y}" in confirmation


def test_save_and_come_back_later_keeps_the_answer(vacancy, applicant, login):
    client = login(applicant)
    client.post(reverse("application-start", args=[vacancy.public_id]))
    application = Application.objects.get()
    url = reverse("application-question", args=[application.pk, 1])

    response = client.post(url, {"text": "Half an answer", "save_and_exit": "1"})

    assert response["Location"] == reverse("my-applications")
    assert "Half an answer" in client.get(url).content.decode()
    # Starting again takes them back to the draft, not a new application.
    response = client.get(reverse("application-start", args=[vacancy.public_id]))
    assert response["Location"] == reverse("application-check", args=[application.pk])
    assert Application.objects.count() == 1


def test_a_saved_page_goes_on_to_the_next_back_to_check_or_out_with_the_closing_date(
    vacancy, applicant, login
):
    client = login(applicant)
    client.post(reverse("application-start", args=[vacancy.public_id]))
    application = Application.objects.get()
    first = reverse("application-question", args=[application.pk, 1])

    onward = client.post(first, {"text": "First answer"})
    back = client.post(first + "?from=check", {"text": "First answer, better"})
    out = client.post(first, {"text": "First answer, best", "save_and_exit": "1"})

    assert onward["Location"] == reverse("application-question", args=[application.pk, 2])
    assert back["Location"] == reverse("application-check", args=[application.pk])
    assert out["Location"] == reverse("my-applications")
    assert [str(m) for m in get_messages(out.wsgi_request)] == [
        "Your answers have been saved. You can come back to your application at any time "
        f"before {vacancy.closes_on:%-d %B %Y}."
    ]
    assert Answer.objects.get(application=application).text == "First answer, best"


def test_a_page_saved_after_the_application_stopped_being_a_draft_goes_to_it_saying_why(
    vacancy, applicant, login, monkeypatch
):
    client = login(applicant)
    client.post(reverse("application-start", args=[vacancy.public_id]))
    application = Application.objects.get()

    def closed_meanwhile(**kwargs):
        raise services.ApplicationError("This vacancy closed while you were writing.")

    monkeypatch.setattr(services, "application_save_answer", closed_meanwhile)
    response = client.post(
        reverse("application-question", args=[application.pk, 1]), {"text": "An answer"}
    )

    assert response["Location"] == reverse("application-detail", args=[application.pk])
    assert [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)] == [
        ("error", "This vacancy closed while you were writing.")
    ]


def test_sending_with_missing_answers_says_what_to_answer(vacancy, applicant, login):
    client = login(applicant)
    client.post(reverse("application-start", args=[vacancy.public_id]))
    application = Application.objects.get()
    first = vacancy.role_description.criteria.order_by("position").first()

    response = client.post(reverse("application-check", args=[application.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f"Answer the question about {first.title.lower()}" in page
    assert f'href="#answer_{first.pk}"' in page
    assert Application.objects.get().status == Application.Status.DRAFT
    assert not Notification.objects.filter(idempotency_key__startswith="application-").exists()


def test_the_acknowledgement_is_queued_once(world, vacancy):
    application = make_application(vacancy, world.objects["person"], status="draft")

    services.application_submit(application=application)
    services.application_acknowledge(application=application)

    assert (
        Notification.objects.filter(recipient=world.objects["person"])
        .exclude(pk=world.objects["notification"].pk)
        .count()
        == 1
    )


def test_a_sent_application_cannot_be_changed_or_sent_again(world, vacancy, login):
    application = make_application(vacancy, world.objects["person"])

    response = login(world.user("member")).get(
        reverse("application-question", args=[application.pk, 1])
    )

    assert response["Location"] == reverse("application-detail", args=[application.pk])
    with pytest.raises(services.ApplicationError):
        services.application_submit(application=application)


def test_a_closed_vacancy_refuses_applications_with_a_clear_message(
    world, vacancy, applicant, login
):
    vacancy.closes_on = timezone.localdate() - timedelta(days=1)
    vacancy.opens_on = vacancy.closes_on - timedelta(days=10)
    vacancy.save()
    client = login(applicant)

    response = client.post(reverse("application-start", args=[vacancy.public_id]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "You cannot apply for this vacancy" in page
    assert f"closed on {vacancy.closes_on:%-d %B %Y}" in page
    assert not Application.objects.exists()


def test_a_draft_cannot_be_sent_after_the_vacancy_closes(world, vacancy):
    application = make_application(vacancy, world.objects["person"], status="draft")
    vacancy.status = "closed"
    vacancy.save()

    with pytest.raises(services.VacancyClosed):
        services.application_submit(application=application)


def test_a_second_application_to_the_same_vacancy_goes_to_the_first(world, vacancy, login):
    existing = make_application(vacancy, world.objects["person"])
    client = login(world.user("member"))

    response = client.post(reverse("application-start", args=[vacancy.public_id]))

    assert response["Location"] == reverse("application-detail", args=[existing.pk])
    assert Application.objects.filter(vacancy=vacancy).count() == 1
    application, created = services.application_start(vacancy=vacancy, user=world.user("member"))
    assert (application, created) == (existing, False)


def test_a_representative_vacancy_only_takes_active_members(world, applicant):
    role = make_role(
        world.organisation, kind="representative", body=world.objects["body"], title="Board rep"
    )
    vacancy = make_vacancy(role, world.objects["group"])

    with pytest.raises(services.NotEligible):
        services.application_start(vacancy=vacancy, user=applicant)

    application, created = services.application_start(vacancy=vacancy, user=world.user("member"))
    assert created

    Membership.objects.filter(person=world.objects["person"]).update(status="paused")
    with pytest.raises(services.NotEligible):
        services.check_can_apply(vacancy=vacancy, person=world.objects["person"])


def test_diversity_answers_without_consent_are_refused_and_nothing_is_kept(
    world, vacancy, applicant, login
):
    client = login(applicant)
    client.post(reverse("application-start", args=[vacancy.public_id]))
    application = Application.objects.get()

    response = client.post(
        reverse("application-diversity", args=[application.pk]), {"ethnicity": "asian"}
    )

    assert "Tick the box to agree" in response.content.decode()
    assert not DiversityProfile.objects.filter(person=application.person).exists()
    # Skipping the questions altogether is fine.
    response = client.post(reverse("application-diversity", args=[application.pk]), {})
    assert response.status_code == 302, response.content.decode()[-3000:]


def test_coordinator_enters_a_paper_application(
    world, vacancy, login, django_capture_on_commit_callbacks
):
    criteria = list(vacancy.role_description.criteria.order_by("position"))
    gp = OutreachChannel.objects.get(name="GP surgeries")
    client = login(world.user("coordinator"))
    data = {
        "route": "paper",
        "full_name": "Harold Postman",
        "contact_channel": "post",
        "address_line_1": "4 Mill Lane",
        "town": "Fellside",
        "postcode": "ls1 4ap",
        "large_print": "on",
        "availability": "Mornings",
        "heard_via": gp.pk,
        **{f"answer_{c.pk}": f"Answer {c.position}" for c in criteria},
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("application-enter", args=[vacancy.pk]), data)

    assert response.status_code == 302
    application = Application.objects.get(vacancy=vacancy)
    assert application.route == Application.Route.PAPER
    assert application.status == Application.Status.SUBMITTED
    assert application.entered_by == world.user("coordinator")
    assert application.person.user is None
    assert application.person.postcode == "LS1 4AP"
    assert Answer.objects.filter(application=application).count() == len(criteria)
    letter = Notification.objects.get(idempotency_key=f"application-{application.pk}-acknowledged")
    assert letter.channel == "post"
    assert letter.large_print
    assert AuditEvent.objects.filter(application=application, action="application_entered").exists()


def test_a_paper_application_needs_every_answer(world, vacancy):
    with pytest.raises(ValidationError) as error:
        services.application_enter_on_behalf(
            vacancy=vacancy,
            entered_by=world.user("coordinator"),
            route="phone",
            person=PersonFactory(),
            answers={},
            availability="",
        )

    assert "availability" in error.value.message_dict
    assert len([k for k in error.value.message_dict if k.startswith("answer_")]) == 2


def test_a_paper_application_for_someone_who_already_applied_is_refused(world, vacancy):
    existing = make_application(vacancy, world.objects["person"])

    with pytest.raises(services.AlreadyApplied) as error:
        services.application_enter_on_behalf(
            vacancy=vacancy,
            entered_by=world.user("coordinator"),
            route="phone",
            person=world.objects["person"],
            answers={},
            availability="Any time",
        )

    assert error.value.application == existing


def test_my_applications_shows_status_in_plain_words(world, vacancy, login):
    make_application(vacancy, world.objects["person"])

    page = login(world.user("member")).get(reverse("my-applications")).content.decode()

    assert vacancy.title in page
    assert "Received" in page


def test_my_applications_query_count_is_flat(world, login, assert_flat_queries):
    client = login(world.user("member"))
    role = make_role(world.organisation)

    def grow(n):
        for _ in range(n):
            make_application(make_vacancy(role, world.objects["group"]), world.objects["person"])

    assert_flat_queries(lambda: client.get(reverse("my-applications")), grow=grow)


def test_references_are_unique_and_unguessable(world, vacancy):
    references = {services.new_reference() for _ in range(200)}

    assert len(references) == 200
    assert all(re.fullmatch(r"A-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}", r) for r in references)


def test_applicants_see_only_their_own_applications(world, vacancy, login):
    application = make_application(vacancy, PersonFactory(user=UserFactory()))

    response = login(world.user("member")).get(reverse("application-detail", args=[application.pk]))

    assert response.status_code == 404
    assert Person.objects.filter(user=world.user("member")).count() == 1


def test_a_member_who_agreed_before_is_not_asked_again(world, vacancy, login):
    from involvement.services import people as people_services

    person = world.objects["person"]
    people_services.diversity_save(person=person, answers={"age_band": "65_74"}, consent_given=True)
    application = make_application(vacancy, person, status="draft")
    client = login(world.user("member"))
    url = reverse("application-diversity", args=[application.pk])

    assert "consent" not in client.get(url).context["form"].fields
    response = client.post(url, {"age_band": "55_64", "diabetes_type": "type_2"})

    assert response.status_code == 302
    assert DiversityProfile.objects.get(person=person).age_band == "55_64"
    assert DiversityConsent.objects.filter(person=person).count() == 1


def test_an_applicant_agrees_to_wording_that_fits_applicants(vacancy, applicant, login):
    client = login(applicant)
    client.post(reverse("application-start", args=[vacancy.public_id]))
    application = Application.objects.get()

    client.post(
        reverse("application-diversity", args=[application.pk]),
        {"carer": "yes", "consent": "on"},
    )

    consent = DiversityConsent.objects.get(person=application.person)
    assert consent.wording == services.APPLICANT_DIVERSITY_CONSENT_WORDING
    assert "does not see them" in consent.wording


def test_each_question_needs_an_answer_to_move_on_but_not_to_save_and_leave(
    vacancy, applicant, login
):
    client = login(applicant)
    client.post(reverse("application-start", args=[vacancy.public_id]))
    application = Application.objects.get()
    url = reverse("application-question", args=[application.pk, 1])

    response = client.post(url, {"text": "  "})
    assert response.status_code == 200
    assert "Write your answer, or choose" in response.content.decode()
    assert "(optional)" not in response.content.decode()

    response = client.post(url, {"text": "", "save_and_exit": "1"})
    assert response["Location"] == reverse("my-applications")
    assert not Answer.objects.filter(application=application).exists()


def test_an_applicant_can_withdraw_before_a_decision(world, vacancy, login):
    application = make_application(vacancy, world.objects["person"])
    client = login(world.user("member"))
    url = reverse("application-withdraw", args=[application.pk])

    # The detail page leads to a confirmation page; nothing happens on the way.
    detail = client.get(reverse("application-detail", args=[application.pk])).content.decode()
    assert f'href="{url}"' in detail
    page = client.get(url).content.decode()
    assert "Are you sure you want to withdraw your application?" in page
    assert f'href="{reverse("application-detail", args=[application.pk])}"' in page
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED

    response = client.post(url)

    assert response["Location"] == reverse("application-detail", args=[application.pk])
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert AuditEvent.objects.filter(application=application, action="application_withdrawn")
    email = Notification.objects.get(subject__startswith="You have withdrawn")
    assert email.recipient == world.objects["person"]
    assert f"until applications close on {vacancy.closes_on:%-d %B %Y}" in email.body_text
    application.status = Application.Status.SELECTED
    application.save()
    with pytest.raises(services.ApplicationError):
        services.application_withdraw(application=application)


def test_a_withdrawn_application_can_be_restored_until_the_closing_date(world, vacancy, login):
    application = make_application(vacancy, world.objects["person"])
    client = login(world.user("member"))
    client.post(reverse("application-withdraw", args=[application.pk]))
    restore = reverse("application-restore", args=[application.pk])
    detail = client.get(reverse("application-detail", args=[application.pk])).content.decode()
    assert f'action="{restore}"' in detail

    response = client.post(restore)

    assert response["Location"] == reverse("application-detail", args=[application.pk])
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert AuditEvent.objects.filter(application=application, action="application_restored")

    # A draft comes back as a draft; after the closing date nothing comes back.
    draft = make_application(vacancy, PersonFactory(), status="draft")
    services.application_withdraw(application=draft)
    assert services.application_restore(application=draft).status == Application.Status.DRAFT
    services.application_withdraw(application=application)
    vacancy.closes_on = timezone.localdate() - timedelta(days=1)
    vacancy.save()
    with pytest.raises(services.ApplicationError, match="can no longer be restored"):
        services.application_restore(application=application)
    detail = client.get(reverse("application-detail", args=[application.pk])).content.decode()
    assert f'action="{restore}"' not in detail
    assert "can no longer be restored" in detail


def test_a_decided_applicant_is_pointed_to_the_panels_feedback(world, vacancy, login):
    application = make_application(vacancy, world.objects["person"], status="not_selected")

    page = login(world.user("member")).get(reverse("application-detail", args=[application.pk]))

    assert reverse("applicant-feedback", args=[application.pk]) in page.content.decode()


def test_the_answer_box_says_its_limit_and_counts_characters(world, vacancy, login):
    application = make_application(vacancy, world.objects["person"], status="draft")
    page = (
        login(world.user("member"))
        .get(reverse("application-question", args=[application.pk, 1]))
        .content.decode()
    )
    assert "up to 3,000 characters" in page
    assert "as much or as little as you like" not in page
    assert 'data-module="nhsuk-character-count" data-maxlength="3000"' in page


def test_the_status_page_shows_the_help_asked_for(world, vacancy, login):
    application = make_application(vacancy, world.objects["person"])
    application.support_needed = "A lift from the station <b>please</b>"
    application.save()
    page = (
        login(world.user("member"))
        .get(reverse("application-detail", args=[application.pk]))
        .content.decode()
    )
    assert "Help to take part" in page
    assert "A lift from the station &lt;b&gt;please&lt;/b&gt;" in page


def test_an_unfinished_application_is_on_the_applicants_home_until_it_is_sent(
    vacancy, applicant, login, django_assert_max_num_queries
):
    from involvement.services.people import person_get_or_create_for_user

    person = person_get_or_create_for_user(user=applicant)
    client = login(applicant)
    assert "unfinished application" not in client.get(reverse("home")).content.decode()

    draft = make_application(vacancy, person, status="draft")
    with django_assert_max_num_queries(30):
        home = client.get(reverse("home")).content.decode()
    assert "Your unfinished application" in home
    assert f'href="{reverse("application-check", args=[draft.pk])}"' in home
    assert vacancy.title in home and "Not sent yet" in home

    draft.status = Application.Status.SUBMITTED
    draft.submitted_at = timezone.now()
    draft.save(update_fields=["status", "submitted_at"])
    assert "unfinished application" not in client.get(reverse("home")).content.decode()


def test_a_draft_on_a_closed_vacancy_is_not_offered_on_the_home_page(vacancy, applicant, login):
    from involvement.services.people import person_get_or_create_for_user

    make_application(vacancy, person_get_or_create_for_user(user=applicant), status="draft")
    vacancy.closes_on = timezone.localdate() - timedelta(days=1)
    vacancy.opens_on = vacancy.closes_on - timedelta(days=10)
    vacancy.save(update_fields=["opens_on", "closes_on"])
    assert "unfinished application" not in login(applicant).get(reverse("home")).content.decode()


def test_help_to_take_part_is_not_shown_as_none_needed_before_it_is_answered(
    vacancy, applicant, login
):
    from involvement.services.people import person_get_or_create_for_user

    draft = make_application(vacancy, person_get_or_create_for_user(user=applicant), status="draft")
    client = login(applicant)
    check = reverse("application-check", args=[draft.pk])

    before = client.get(check).content.decode()
    assert "None needed" not in before and "Not answered yet (optional)" in before

    client.post(reverse("application-support", args=[draft.pk]) + "?from=check", {})
    after = client.get(check).content.decode()
    assert "None needed" in after and "Not answered yet (optional)" not in after

    client.post(
        reverse("application-support", args=[draft.pk]) + "?from=check",
        {"support_needed": "A hearing loop"},
    )
    assert "A hearing loop" in client.get(check).content.decode()
