"""The scoring demo seed is idempotent and leaves the demo reviewer work to do."""

from recruitment import demo_scoring
from recruitment.models import Score

from .scoring_data import add_application, add_reviewer, make_vacancy


def test_scoring_demo_is_idempotent(world):
    vacancy = make_vacancy(
        organisation=world.organisation, group=world.objects["group"], status="open"
    )
    vacancy.title = demo_scoring.VACANCY_TITLE
    vacancy.save()
    reviewers = [add_reviewer(vacancy) for _ in range(3)]
    for _ in range(4):
        add_application(vacancy)
    demo_scoring.seed()
    count = Score.objects.count()
    assert count == 4 * 3 * 2  # every application, three reviewers, two criteria
    demo_scoring.seed()
    assert Score.objects.count() == count
    assert {s.reviewer for s in Score.objects.all()} == {r.user for r in reviewers}
