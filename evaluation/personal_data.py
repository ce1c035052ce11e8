"""The evaluation part of a person's data: the involvement scores and member
experience answers they gave online, in "Download your data"; on erasure the
answers lose everything that links them to the person (and written comments,
which may name them, are deleted), so the group's anonymous figures stay
true."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from involvement.models import Person

from .models import EXPERIENCE_QUESTIONS, ExperienceAnswer, SurveyAnswer

SCORE_QUESTION = "How involved are service users in their care and in the services? (0 to 10)"
ANSWERS_KEPT = (
    "Survey answers ({count}): kept in the group's anonymous figures, with nothing left "
    "that links them to the person; any written comment was deleted."
)


def _given_on(value) -> str:
    return timezone.localtime(value).strftime("%-d %B %Y")


def _scores(person: Person):
    mine = Q(person=person)
    if person.user_id:
        mine |= Q(respondent_id=person.user_id)
    return SurveyAnswer.objects.filter(mine)


def _experience(person: Person):
    if not person.user_id:
        return ExperienceAnswer.objects.none()
    return ExperienceAnswer.objects.filter(respondent_id=person.user_id)


def answers_of(person: Person) -> list[dict[str, str]]:
    records = []
    for answer in _scores(person).select_related("round").order_by("created_at"):
        records.append(
            {
                "Survey": answer.round.title,
                "Question": SCORE_QUESTION,
                "Your score": str(answer.score),
                "Answered as": answer.get_stakeholder_display(),
                "Given on": _given_on(answer.created_at),
            }
        )
    for answer in _experience(person).select_related("survey").order_by("created_at"):
        record = {"Survey": answer.survey.title, "Given on": _given_on(answer.created_at)}
        for name, statement, _short in EXPERIENCE_QUESTIONS:
            value = getattr(answer, name)
            record[statement] = (
                getattr(answer, f"get_{name}_display")() if value is not None else "Not answered"
            )
        if answer.comment:
            record["Anything else you told us"] = answer.comment
        records.append(record)
    return records


def erase(person: Person) -> list[str]:
    count = _scores(person).update(person=None, respondent=None)
    count += _experience(person).update(respondent=None, comment="")
    return [ANSWERS_KEPT.format(count=count)] if count else []
