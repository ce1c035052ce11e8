"""People services: profiles with the contact details their channel needs,
and diversity data kept only with a recorded, withdrawable consent."""

import pytest
from django.core.exceptions import ValidationError

from involvement.errors import ApplicationError
from involvement.models import DiversityConsent, DiversityProfile, Person
from involvement.services import people as services
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

ANSWERS = {"diabetes_type": "type_1", "age_band": "25_39", "carer": "no"}


def test_a_person_without_a_login_who_wants_post_needs_an_address():
    with pytest.raises(ValidationError) as excinfo:
        services.person_create(full_name="Ada Thistlewood", contact_channel="post")

    errors = excinfo.value.message_dict
    assert errors["address_line_1"] == ["Enter the first line of the address, for letters"]
    assert errors["postcode"] == ["Enter the postcode, for letters"]


def test_a_person_who_wants_post_is_saved_without_a_login_and_postcode_tidied():
    person = services.person_create(
        full_name="Ada Thistlewood",
        contact_channel="post",
        address_line_1="4 Mill Row",
        postcode="fb12qt",
        large_print=True,
    )

    person.refresh_from_db()
    assert person.user is None
    assert person.postcode == "FB1 2QT"
    assert person.large_print is True


@pytest.mark.parametrize(
    ("channel", "field", "message"),
    [
        ("email", "email", "Enter an email address, or choose another way to be contacted"),
        ("phone", "phone", "Enter a phone number, or choose another way to be contacted"),
    ],
)
def test_the_chosen_channel_needs_its_contact_detail(channel, field, message):
    with pytest.raises(ValidationError) as excinfo:
        services.person_create(full_name="Ada Thistlewood", contact_channel=channel)

    assert excinfo.value.message_dict[field] == [message]


def test_a_phone_number_with_letters_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        services.person_create(full_name="Ada", contact_channel="phone", phone="call me")

    assert "Enter a phone number, like" in excinfo.value.message_dict["phone"][0]


def test_a_login_gets_its_person_record_once():
    user = UserFactory(full_name="Bea Longridge", preferred_name="Bea")

    first = services.person_get_or_create_for_user(user=user)
    second = services.person_get_or_create_for_user(user=user)

    assert first.pk == second.pk
    assert (first.full_name, first.preferred_name, first.email) == (
        "Bea Longridge",
        "Bea",
        user.email,
    )
    assert Person.objects.filter(user=user).count() == 1


def test_person_update_saves_support_needs():
    person = PersonFactory()

    services.person_update(
        person=person, needs_bsl_interpreter=True, language="Polish", available_evening=True
    )

    person.refresh_from_db()
    assert person.needs_bsl_interpreter and person.available_evening
    assert person.language == "Polish"


def test_diversity_answers_are_not_kept_without_consent():
    person = PersonFactory()

    with pytest.raises(ApplicationError) as excinfo:
        services.diversity_save(person=person, answers=ANSWERS)

    assert "only keep this information if the person agrees" in excinfo.value.message
    assert not DiversityProfile.objects.filter(person=person).exists()
    assert not DiversityConsent.objects.filter(person=person).exists()


def test_giving_consent_records_the_wording_time_and_who_recorded_it():
    person, coordinator = PersonFactory(), UserFactory()

    services.diversity_save(
        person=person,
        answers=ANSWERS,
        consent_given=True,
        recorded_by=coordinator,
        wording=services.DIVERSITY_CONSENT_WORDING_ON_BEHALF,
    )

    consent = DiversityConsent.objects.get(person=person)
    assert consent.wording == services.DIVERSITY_CONSENT_WORDING_ON_BEHALF
    assert consent.given_at is not None and consent.withdrawn_at is None
    assert consent.recorded_by == coordinator
    assert DiversityProfile.objects.get(person=person).diabetes_type == "type_1"


def test_changing_answers_under_a_standing_consent_adds_no_new_consent():
    person = PersonFactory()
    services.diversity_save(person=person, answers=ANSWERS, consent_given=True)

    services.diversity_save(person=person, answers={**ANSWERS, "diabetes_type": "type_2"})

    assert DiversityConsent.objects.filter(person=person).count() == 1
    profile = DiversityProfile.objects.get(person=person)
    assert profile.diabetes_type == "type_2"


def test_withdrawing_consent_deletes_the_answers_and_keeps_the_record_of_consent():
    person = PersonFactory()
    services.diversity_save(person=person, answers=ANSWERS, consent_given=True)

    consent = services.diversity_consent_withdraw(person=person)

    assert not DiversityProfile.objects.filter(person=person).exists()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert services.diversity_consent_current(person=person) is None


def test_after_withdrawal_answers_need_consent_again():
    person = PersonFactory()
    services.diversity_save(person=person, answers=ANSWERS, consent_given=True)
    services.diversity_consent_withdraw(person=person)

    with pytest.raises(ApplicationError):
        services.diversity_save(person=person, answers=ANSWERS)

    services.diversity_save(person=person, answers=ANSWERS, consent_given=True)
    assert DiversityConsent.objects.filter(person=person).count() == 2


def test_withdrawing_when_nothing_was_agreed_says_so():
    with pytest.raises(ApplicationError) as excinfo:
        services.diversity_consent_withdraw(person=PersonFactory())

    assert "There is no agreement to withdraw" in excinfo.value.message
