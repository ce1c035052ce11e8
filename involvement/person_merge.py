"""How each record that points at a person moves when two people are merged
(a coordinator-entered person and the account they made later, or two
entries of the same person).

Every relation to Person (`relations()`: each foreign key to Person, those
declared with ``related_name="+"`` too) must have a rule, or the merge
refuses to run: a relation added later cannot be forgotten
(tests/involvement/test_person_merge.py checks each). involvement imports no
other app, so each app registers the rules for its own models from its
AppConfig.ready(), by the model's label and field name:

- ``MOVE``: the records move to the person kept. If the person kept already
  has one that the database allows only once (a membership of the same
  group, an application to the same vacancy, a claim for the same meeting),
  the merge is refused with a message: nothing is lost.
- ``KEEP_KEPT``: the records move, except where the person kept already has
  one of their own (one diversity profile, one payment choice, one open
  consent): then the kept person's stands and the merged one's is deleted.
"""

from __future__ import annotations

MOVE = "move"
KEEP_KEPT = "keep_kept"

_RULES: dict[str, str] = {
    "involvement.DiversityProfile.person": KEEP_KEPT,
    "involvement.DiversityConsent.person": KEEP_KEPT,
    "involvement.Membership.person": MOVE,
    "involvement.Notification.recipient": MOVE,
    "involvement.PersonalDataExport.person": KEEP_KEPT,
    "involvement.ErasureRequest.person": KEEP_KEPT,
}


def register(*, relation: str, rule: str) -> None:
    """``relation`` is "app_label.Model.field" (the field pointing at Person)."""
    if rule not in (MOVE, KEEP_KEPT):
        raise ValueError(f"Unknown merge rule {rule!r} for {relation}")
    _RULES.setdefault(relation, rule)


def relations() -> list:
    """Every foreign key and one-to-one field pointing at Person, as its reverse
    relation: Django's `related_objects` leaves out those declared with
    ``related_name="+"``, and a merge that forgot them would delete the
    merged person's rows (CASCADE), fail on them (PROTECT) or lose who they
    were by (SET_NULL)."""
    from .models import Person

    return [
        field
        for field in Person._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete and (field.one_to_many or field.one_to_one)
    ]


def relation_key(relation) -> str:
    return f"{relation.related_model._meta.label}.{relation.field.name}"


def rule_for(relation) -> str | None:
    return _RULES.get(relation_key(relation))
