"""factory_boy factories shared by every test."""

import factory
from allauth.account.models import EmailAddress
from faker import Faker

from involvement.models import Organisation, StaffRole, User

TEST_PASSWORD = "Correct-horse-battery-9"  # noqa: S105

_NAMES = Faker("en_GB")


def _plain_name() -> str:
    """A made-up British name without an apostrophe, so that a test may look
    for it in a page as it is ("O'Sullivan" is escaped there). How typed names
    with apostrophes, quotes and markup are shown is the XSS walk's to test."""
    return _NAMES.name().replace("'", "")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.LazyFunction(_plain_name)
    preferred_name = factory.LazyAttribute(lambda o: o.full_name.split()[0])

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or TEST_PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Diabetes Network {n}")
    slug = factory.Sequence(lambda n: f"test-network-{n}")
    kind = Organisation.Kind.NETWORK


class StaffRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffRole

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = StaffRole.Role.COORDINATOR


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "involvement.Person"

    full_name = factory.LazyFunction(_plain_name)
    preferred_name = factory.LazyAttribute(lambda o: o.full_name.split()[0])
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    contact_channel = "email"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "involvement.Group"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Diabetes Voices Group {n}")
    purpose = "Help shape local diabetes services."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "involvement.Membership"

    person = factory.SubFactory(PersonFactory)
    group = factory.SubFactory(GroupFactory)
    status = "active"
    status_changed_on = factory.Faker("date_this_year")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "involvement.DecisionMakingBody"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Diabetes Network Board {n}")
    level = "executive"


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "involvement.RepresentativeSeat"

    body = factory.SubFactory(BodyFactory)
    membership = factory.SubFactory(MembershipFactory)
    term_start = factory.Faker("date_this_year")


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "involvement.Notification"

    recipient = factory.SubFactory(PersonFactory)
    channel = "email"
    subject = "Your next meeting"
    body_text = "Your next meeting is on Tuesday."
    idempotency_key = factory.Sequence(lambda n: f"test-notification-{n}")


def date_parts(name: str, value) -> dict[str, str]:
    """POST data for an NHSDateField: "15/3/2026", a date, or "" for empty."""
    if hasattr(value, "day"):
        day, month, year = str(value.day), str(value.month), str(value.year)
    elif value:
        day, month, year = value.split("/")
    else:
        day = month = year = ""
    return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}
