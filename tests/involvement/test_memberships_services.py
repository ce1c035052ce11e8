"""Membership services: the status journey (selected → inducted → active ⇄
paused, anyone → left, left → selected), its history, and the buddy rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from involvement.models import Membership, MembershipStatusChange
from involvement.services import groups as services
from tests.factories import GroupFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

Status = Membership.Status
DAY = datetime.timedelta(days=1)


def _today():
    return timezone.localdate()


def _membership(status=Status.SELECTED, **kwargs):
    return MembershipFactory(status=status, status_changed_on=_today() - 30 * DAY, **kwargs)


def _change(membership, to_status, *, on=None, reason="A reason"):
    return services.membership_change_status(
        membership=membership, to_status=to_status, changed_on=on or _today(), reason=reason
    )


def test_adding_a_person_makes_them_selected_with_a_first_history_row():
    person, group = PersonFactory(), GroupFactory()

    membership = services.membership_create(
        person=person, group=group, on=_today(), reason="Chosen by the panel"
    )

    assert membership.status == Status.SELECTED
    [row] = membership.history.all()
    assert (row.from_status, row.to_status, row.reason) == ("", "selected", "Chosen by the panel")


def test_a_person_added_twice_to_one_group_is_refused():
    membership = _membership(status=Status.ACTIVE)

    with pytest.raises(ValidationError) as excinfo:
        services.membership_create(person=membership.person, group=membership.group)

    message = excinfo.value.message_dict["person"][0]
    assert message == (
        f"{membership.person.display_name} is already in this group. Choose someone else"
    )


def test_someone_who_left_is_told_how_to_rejoin_rather_than_added_again():
    membership = _membership(status=Status.LEFT)

    with pytest.raises(ValidationError) as excinfo:
        services.membership_create(person=membership.person, group=membership.group)

    assert "To rejoin, change their status to selected" in excinfo.value.message_dict["person"][0]


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Status.SELECTED, Status.INDUCTED),
        (Status.INDUCTED, Status.ACTIVE),
        (Status.ACTIVE, Status.PAUSED),
        (Status.PAUSED, Status.ACTIVE),
        (Status.SELECTED, Status.LEFT),
        (Status.INDUCTED, Status.LEFT),
        (Status.ACTIVE, Status.LEFT),
        (Status.PAUSED, Status.LEFT),
        (Status.LEFT, Status.SELECTED),
    ],
)
def test_allowed_moves_change_the_status_and_add_history(start, to):
    membership = _membership(status=start)

    change = _change(membership, to, reason="Because")

    membership.refresh_from_db()
    assert membership.status == to
    assert membership.status_changed_on == _today()
    assert (change.from_status, change.to_status, change.reason) == (start, to, "Because")


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        (Status.SELECTED, Status.ACTIVE, "cannot become active before their induction"),
        (Status.SELECTED, Status.PAUSED, "Only active members can pause"),
        (Status.INDUCTED, Status.PAUSED, "Only active members can pause"),
        (Status.ACTIVE, Status.INDUCTED, "has already been inducted"),
        (Status.ACTIVE, Status.SELECTED, "Only someone who has left can be selected again"),
        (Status.LEFT, Status.ACTIVE, "has left the group. To rejoin"),
        (Status.ACTIVE, Status.ACTIVE, "is already active"),
    ],
)
def test_moves_that_are_not_allowed_are_refused_with_a_message(start, to, message):
    membership = _membership(status=start)

    with pytest.raises(ValidationError) as excinfo:
        _change(membership, to)

    assert message in excinfo.value.message_dict["to_status"][0]
    membership.refresh_from_db()
    assert membership.status == start
    assert not MembershipStatusChange.objects.filter(membership=membership).exists()


def test_induction_sets_the_induction_date_when_none_was_planned():
    membership = _membership(status=Status.SELECTED)

    _change(membership, Status.INDUCTED, on=_today() - 2 * DAY)

    membership.refresh_from_db()
    assert membership.induction_date == _today() - 2 * DAY


def test_pausing_and_leaving_need_a_reason():
    membership = _membership(status=Status.ACTIVE)

    with pytest.raises(ValidationError) as excinfo:
        _change(membership, Status.PAUSED, reason="  ")

    assert excinfo.value.message_dict["reason"] == [
        f"Say why {membership.person.display_name} is pausing, in a few words"
    ]


def test_a_change_dated_before_the_last_one_is_refused():
    membership = _membership(status=Status.SELECTED)

    with pytest.raises(ValidationError) as excinfo:
        _change(membership, Status.INDUCTED, on=_today() - 40 * DAY)

    assert "when the status last changed" in excinfo.value.message_dict["changed_on"][0]


def test_a_change_dated_in_the_future_is_refused():
    membership = _membership(status=Status.SELECTED)

    with pytest.raises(ValidationError) as excinfo:
        _change(membership, Status.INDUCTED, on=_today() + DAY)

    assert excinfo.value.message_dict["changed_on"] == ["Enter a date that is today or in the past"]


def test_leaving_ends_the_buddying_of_others():
    buddy = _membership(status=Status.ACTIVE)
    newcomer = _membership(status=Status.INDUCTED, group=buddy.group, buddy=buddy)

    _change(buddy, Status.LEFT, reason="Moved away")

    newcomer.refresh_from_db()
    assert newcomer.buddy is None


def test_rejoining_starts_a_new_induction():
    membership = _membership(status=Status.LEFT, induction_date=_today() - 90 * DAY)

    _change(membership, Status.SELECTED)

    membership.refresh_from_db()
    assert membership.induction_date is None


def test_the_full_journey_is_recorded_in_order():
    membership = services.membership_create(
        person=PersonFactory(), group=GroupFactory(), on=_today() - 10 * DAY
    )
    _change(membership, Status.INDUCTED, on=_today() - 5 * DAY, reason="")
    _change(membership, Status.ACTIVE, on=_today() - 5 * DAY, reason="")
    _change(membership, Status.PAUSED, on=_today() - DAY, reason="Unwell")
    _change(membership, Status.ACTIVE, reason="")

    history = list(membership.history.values_list("from_status", "to_status"))
    assert history == [
        ("", "selected"),
        ("selected", "inducted"),
        ("inducted", "active"),
        ("active", "paused"),
        ("paused", "active"),
    ]


def test_a_buddy_must_be_an_active_member_of_the_same_group():
    newcomer = _membership(status=Status.INDUCTED)
    paused = _membership(status=Status.PAUSED, group=newcomer.group)
    elsewhere = _membership(status=Status.ACTIVE)

    with pytest.raises(ValidationError) as excinfo:
        services.membership_update(membership=newcomer, induction_date=None, buddy=paused)
    assert excinfo.value.message_dict["buddy"] == [
        f"Choose an active member as buddy. {paused.person.display_name} is paused"
    ]

    with pytest.raises(ValidationError) as excinfo:
        services.membership_update(membership=newcomer, induction_date=None, buddy=elsewhere)
    assert excinfo.value.message_dict["buddy"] == ["Choose a buddy who is a member of this group"]


def test_nobody_is_their_own_buddy():
    member = _membership(status=Status.ACTIVE)

    with pytest.raises(ValidationError) as excinfo:
        services.membership_update(membership=member, induction_date=None, buddy=member)

    assert excinfo.value.message_dict["buddy"] == [
        "A member cannot be their own buddy. Choose someone else"
    ]


def test_induction_date_and_buddy_are_saved():
    newcomer = _membership(status=Status.SELECTED)
    buddy = _membership(status=Status.ACTIVE, group=newcomer.group)

    services.membership_update(membership=newcomer, induction_date=_today() + 7 * DAY, buddy=buddy)

    newcomer.refresh_from_db()
    assert (newcomer.induction_date, newcomer.buddy) == (_today() + 7 * DAY, buddy)


def test_a_duplicate_that_slips_past_the_check_is_still_refused_clearly(monkeypatch):
    """Two coordinators adding the same person at once: the database's unique
    constraint catches the second, and the service says so in plain words."""
    membership = _membership(status=Status.ACTIVE)
    monkeypatch.setattr(Membership, "full_clean", lambda self, **kwargs: None)
    real_filter = Membership.objects.filter

    def filter_missing_the_first(*args, **kwargs):
        if kwargs.keys() == {"person", "group"}:
            return real_filter(pk=-1)
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Membership.objects, "filter", filter_missing_the_first)

    with pytest.raises(ValidationError) as excinfo:
        services.membership_create(person=membership.person, group=membership.group)

    assert "is already in this group" in excinfo.value.message_dict["person"][0]
