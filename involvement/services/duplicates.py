"""One person, one record: finding people entered twice and merging them.

A coordinator enters a person who applied on paper or by phone (no
account); later the same person signs up with the same email, or the person
is entered twice. The coordinator's *possible duplicates* list pairs people
of their organisation with the same email (an account's email counts only
once verified) or the same name and postcode; merging a pair through its
confirmation page moves everything of the newer record to the older one
(memberships, applications, invitations, claims, messages, ...: each
relation by its rule in involvement.person_merge), moves the account onto
the record kept (linking the coordinator-entered person to it), and deletes
the emptied record. Audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q, UniqueConstraint

from .. import audit, person_merge
from ..errors import ApplicationError
from ..models import Organisation, Person

# Filled in from the merged record where the record kept has nothing.
FILLED_FIELDS = (
    "preferred_name",
    "email",
    "phone",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "language",
    "other_support_needs",
)


@dataclass(frozen=True)
class PossibleDuplicate:
    keep: Person
    merge: Person
    reasons: tuple[str, ...]


def _name_key(person: Person) -> str:
    return " ".join(person.full_name.lower().split())


def _postcode_key(person: Person) -> str:
    return "".join(person.postcode.upper().split())


def _emails(person: Person, verified: set[tuple[int, str]]) -> set[str]:
    """The emails a record stands for: the one typed on a record with no
    account; on an account's record, only addresses the account verified."""
    typed = person.email.strip().lower()
    if person.user_id is None:
        return {typed} if typed else set()
    return {email for user_id, email in verified if user_id == person.user_id}


def possible_duplicates(*, organisation: Organisation) -> list[PossibleDuplicate]:
    """Pairs of people, at least one in the organisation's groups and the
    other in them too or in no group yet (someone who has just signed up),
    with the same email or the same name and postcode. The older record is
    the one kept."""
    from allauth.account.models import EmailAddress

    in_organisation = set(
        Person.objects.filter(memberships__group__organisation=organisation).values_list(
            "pk", flat=True
        )
    )
    people = list(
        Person.objects.filter(
            Q(pk__in=in_organisation)
            | Q(memberships__isnull=True, user__is_active=True)
            | Q(memberships__isnull=True, user__isnull=True)
        )
        .distinct()
        .order_by("pk")
    )
    verified = {
        (user_id, email.lower())
        for user_id, email in EmailAddress.objects.filter(
            verified=True, user__person__in=[p.pk for p in people if p.user_id]
        ).values_list("user_id", "email")
    }
    by_key: dict[tuple[str, str], list[Person]] = {}
    for person in people:
        for email in _emails(person, verified):
            by_key.setdefault(("email", email), []).append(person)
        if _name_key(person) and _postcode_key(person):
            by_key.setdefault(("name", f"{_name_key(person)}|{_postcode_key(person)}"), []).append(
                person
            )
    pairs: dict[tuple[int, int], set[str]] = {}
    found: dict[int, Person] = {}
    for (kind, _), group in by_key.items():
        for index, first in enumerate(group):
            for second in group[index + 1 :]:
                if first.pk not in in_organisation and second.pk not in in_organisation:
                    continue
                if first.user_id and second.user_id:
                    continue  # two accounts: not for a coordinator to join
                found[first.pk], found[second.pk] = first, second
                pairs.setdefault((first.pk, second.pk), set()).add(
                    "the same email" if kind == "email" else "the same name and postcode"
                )
    return [
        PossibleDuplicate(keep=found[keep], merge=found[merge], reasons=tuple(sorted(reasons)))
        for (keep, merge), reasons in sorted(pairs.items())
    ]


def possible_duplicate(*, organisation: Organisation, keep_pk: int, merge_pk: int):
    """The pair, if the list shows it (else None)."""
    for pair in possible_duplicates(organisation=organisation):
        if (pair.keep.pk, pair.merge.pk) == (keep_pk, merge_pk):
            return pair
    return None


# --- merging ----------------------------------------------------------------------


def _unique_sets(model, field_name: str):
    """The sets of fields (with their condition) the database allows only once
    per value, among those including the person field."""
    sets = [(tuple(fields), None) for fields in model._meta.unique_together]
    for constraint in model._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and constraint.fields:
            sets.append((tuple(constraint.fields), constraint.condition))
    return [(fields, condition) for fields, condition in sets if field_name in fields]


def _move(relation, rule: str, *, keep: Person, merge: Person) -> int:
    model = relation.related_model
    name = relation.field.name
    manager = model._base_manager
    rows = manager.filter(**{name: merge})
    what = model._meta.verbose_name
    if relation.one_to_one:
        if rows.exists() and manager.filter(**{name: keep}).exists():
            if rule == person_merge.MOVE:
                raise ApplicationError(
                    f"Both records have a {what}, and a person can have only one. "
                    "Remove one of them first.",
                    code="merge_clash",
                )
            rows.delete()
            return 0
        return rows.update(**{name: keep})
    for fields, condition in _unique_sets(model, name):
        others = [model._meta.get_field(f).attname for f in fields if f != name]
        clashing = rows.filter(condition) if condition is not None else rows
        for values in clashing.values(*others):
            kept = manager.filter(**{name: keep}, **values)
            if condition is not None:
                kept = kept.filter(condition)
            if not kept.exists():
                continue
            if rule == person_merge.MOVE:
                labels = ", ".join(
                    str(model._meta.get_field(f).verbose_name) for f in fields if f != name
                )
                raise ApplicationError(
                    f"Both records have a {what} for the same {labels or 'thing'}, so they "
                    "cannot be joined without losing one. Close or remove one of them first.",
                    code="merge_clash",
                )
            clashing.filter(**values).delete()
    return rows.update(**{name: keep})


@transaction.atomic
def people_merge(*, keep: Person, merge: Person, by=None) -> dict[str, int]:
    """Move everything of ``merge`` to ``keep`` and delete ``merge``. Refused,
    with nothing changed, when both have an account or when both hold a
    record there may be only one of. Returns how many records of each kind
    moved."""
    if keep.pk == merge.pk:
        raise ApplicationError("Choose two different people to join.", code="merge_same")
    locked = {
        person.pk: person
        for person in Person.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])
    }
    if len(locked) != 2:
        raise ApplicationError("One of these people is no longer on record.", code="merge_gone")
    keep, merge = locked[keep.pk], locked[merge.pk]
    if keep.user_id and merge.user_id:
        raise ApplicationError(
            "Both records have their own account, so they cannot be joined here. "
            "Ask the platform administrator.",
            code="merge_two_accounts",
        )
    moved: dict[str, int] = {}
    for relation in person_merge.relations():
        rule = person_merge.rule_for(relation)
        if rule is None:
            raise ImproperlyConfigured(
                f"No merge rule for {person_merge.relation_key(relation)}: register one "
                "(involvement.person_merge)."
            )
        moved[person_merge.relation_key(relation)] = _move(relation, rule, keep=keep, merge=merge)
    for name in FILLED_FIELDS:
        if not getattr(keep, name) and getattr(merge, name):
            setattr(keep, name, getattr(merge, name))
    linked_user = None
    if merge.user_id and not keep.user_id:
        linked_user = merge.user
        merge.user = None
        merge.save(update_fields=["user"])
        keep.user = linked_user
    merged_pk = merge.pk
    merge.delete()
    keep.save()
    audit.record_about_person(
        person=keep,
        action=audit.Action.PERSON_LINKED if linked_user else audit.Action.PEOPLE_MERGED,
        actor=by,
        summary=f"Person {merged_pk} joined into {audit.person_reference(keep)}",
        detail={
            "kept": keep.pk,
            "merged": merged_pk,
            "account": linked_user.pk if linked_user else None,
            "moved": {key: count for key, count in moved.items() if count},
        },
    )
    return moved
