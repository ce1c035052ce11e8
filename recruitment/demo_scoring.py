"""Demo data for scoring (fictional): on the Fellside member vacancy, the
applications are shared out to the panel and every reviewer but the demo
panel login has named the applicants they know and scored them, so the
coordinator sees the open aggregation and the panel login has the whole
journey to do: say which applicants they know, then score (with two or more
other reviewers, the first application is flagged for moderation). Each score
fits the answer it is for (answer_strength: a fuller, more specific answer
scores higher), give or take a point between reviewers. Idempotent. Meant to
be called at the end of recruitment.demo.seed, once its vacancy exists."""

from __future__ import annotations

import random

from recruitment.models import Answer, Score, Vacancy
from recruitment.selectors.scoring import applications_for_reviewer
from recruitment.services.scoring import reviews_assign
from recruitment.services.vacancies import panel_member_start_scoring

VACANCY_TITLE = "Join Fellside Diabetes Voices"
DEMO_PANEL_LOGIN = "panel@fellside.example"
RATIONALES = {
    0: "The answer does not touch on this.",
    1: "Mentions it, but without an example.",
    2: "A clear example from their own care.",
    3: "Several examples, and thinks about others' experience too.",
    4: "Rich, specific examples, and what they would change.",
}


# Words that show an answer draws on something the person did or lived.
SPECIFIC = ("for example", "when ", " ago", "since ", "at work", "i help", "i set up", "i run")


def answer_strength(text: str, top: int) -> int:
    """What an answer deserves on a 0..top scale: a point for each dozen words
    (up to three), and one more for a specific example."""
    words = len(text.split())
    if not words:
        return 0
    specific = any(marker in f" {text.lower()} " for marker in SPECIFIC)
    return max(0, min(top, min(3, words // 12) + (1 if specific else 0)))


def seed(stdout=None) -> None:
    vacancy = Vacancy.objects.filter(title=VACANCY_TITLE).select_related("role_description").first()
    if vacancy is None:
        return
    reviews_assign(vacancy=vacancy)
    criteria = list(vacancy.role_description.criteria.order_by("position"))
    made = 0
    for panel_member in vacancy.panel.select_related("user"):
        if panel_member.user.email == DEMO_PANEL_LOGIN:
            continue  # left for the demo reviewer to do
        panel_member_start_scoring(panel_member=panel_member)
        for application in applications_for_reviewer(panel_member=panel_member):
            rng = random.Random(application.pk * 31 + panel_member.pk)
            answers = dict(
                Answer.objects.filter(application=application).values_list("criterion_id", "text")
            )
            for criterion in criteria:
                deserved = answer_strength(answers.get(criterion.pk, ""), criterion.max_score)
                value = max(0, min(criterion.max_score, deserved + rng.choice([-1, 0, 0, 0, 1])))
                # A deliberate disagreement on the first application, for moderation.
                if application == vacancy.applications.order_by("pk").first():
                    value = 4 if panel_member.pk % 2 else 1
                _, created = Score.objects.get_or_create(
                    application=application,
                    criterion=criterion,
                    reviewer=panel_member.user,
                    defaults={"score": value, "rationale": RATIONALES[value]},
                )
                made += created
    if stdout is not None:
        stdout.write(f"recruitment scoring: {made} new scores")
