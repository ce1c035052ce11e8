"""From vacancy to membership, in a real browser: an applicant applies
through the public vacancy, three reviewers say which applicants they know
and then score blind question by question, the coordinator shares out the
applications, shortlists, records the informal conversation, accepts the
balanced-selection proposal and decides; the applicant then is a "selected"
member and can read the panel's feedback."""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from involvement.models import Membership, Notification, StaffRole
from recruitment.handles import review_handle
from recruitment.models import Application, OutreachChannel, PanelMember, Vacancy
from tests.factories import PersonFactory, StaffRoleFactory, UserFactory
from tests.recruitment.scoring_data import criteria, make_vacancy

# Where the journey leaves screenshots of the scoring and selection pages.
SCREENSHOT_DIR = Path(os.environ.get("INVOLVE_E2E_SCREENSHOTS", tempfile.gettempdir()))

FIELD_TEXT = (
    "I have lived with Type 2 diabetes for ten years and want clinic letters to be clearer."
)


def _fill_step(page) -> None:
    """Fill whatever the current application page asks for, then continue."""
    main = page.locator("main")
    for textarea in main.locator("textarea").all():
        if not textarea.input_value():
            textarea.fill(FIELD_TEXT)
    radio_groups = set(
        main.locator("input[type=radio]").evaluate_all("els => els.map(e => e.name)")
    )
    for name in radio_groups:
        if main.locator(f"input[name='{name}']:checked").count() == 0:
            main.locator(f"input[name='{name}']").first.check()
    for checkbox in main.locator("input[type=checkbox]").all():
        checkbox.check()  # the consent to keep diversity answers
    main.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()


@pytest.fixture
def setting(world):
    vacancy = make_vacancy(
        organisation=world.organisation,
        group=world.objects["group"],
        places=1,
        status=Vacancy.Status.OPEN,
    )
    Vacancy.objects.filter(pk=vacancy.pk).update(
        closes_on=timezone.localdate() + datetime.timedelta(days=7)
    )
    vacancy.refresh_from_db()
    OutreachChannel.objects.create(organisation=world.organisation, name="GP surgeries")
    reviewers = []
    for index in range(3):
        user = StaffRoleFactory(
            organisation=world.organisation,
            role=StaffRole.Role.PANEL_MEMBER,
            user__email=f"reviewer{index}@example.org",
        ).user
        PanelMember.objects.create(vacancy=vacancy, user=user, shuffle_seed=100 + index)
        reviewers.append(user)
    applicant = UserFactory(email="robin.applicant@example.org", full_name="Robin Appleby")
    PersonFactory(user=applicant, full_name="Robin Appleby", email="robin.applicant@example.org")
    return vacancy, reviewers, applicant, world.user("coordinator")


def test_from_vacancy_to_membership(setting, as_user, url):
    vacancy, reviewers, applicant, coordinator = setting

    # The applicant applies through the public vacancy page.
    page = as_user(applicant)
    page.goto(url("application-start", public_id=vacancy.public_id))
    page.get_by_role("button", name="Start now").click()
    page.wait_for_load_state()
    for _ in range(12):
        if "/check/" in page.url:
            break
        _fill_step(page)
    assert "/check/" in page.url, page.url
    page.get_by_role("button", name="Send application").click()
    page.wait_for_load_state()
    application = Application.objects.get(vacancy=vacancy, person__user=applicant)
    assert application.status == Application.Status.SUBMITTED

    # The vacancy closes; the coordinator shares the applications out.
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)
    page = as_user(coordinator)
    page.goto(url("scores-vacancy", pk=vacancy.pk))
    page.get_by_role("button", name="Share applications out to reviewers").click()
    page.wait_for_load_state()
    assert "3 reviews assigned" in page.locator("main").inner_text()

    # Three reviewers score blind, one question at a time, each with a reason.
    for user, values in zip(reviewers, [(3, 2), (4, 3), (3, 3)], strict=True):
        page = as_user(user)
        # The reviewer's own opaque name for the application (never its id).
        key = review_handle(PanelMember.objects.get(vacancy=vacancy, user=user), application.pk)
        # First they say which applicants they know (nobody), by name; only then
        # do they see the application, by reference.
        page.goto(url("scoring-vacancy", pk=vacancy.pk))
        assert "Robin Appleby" in page.locator("main").inner_text()
        page.get_by_role("button", name="Start scoring").click()
        page.wait_for_load_state()
        assert application.reference in page.locator("main").inner_text()
        for criterion, value in zip(criteria(vacancy), values, strict=True):
            page.get_by_role("link", name=criterion.title).click()
            page.wait_for_load_state()
            main = page.locator("main")
            assert "Robin" not in main.inner_text()
            main.locator(f"input[name='score_{key}'][value='{value}']").check()
            main.locator(f"textarea[name='rationale_{key}']").fill(
                "Gave a clear example from their own care."
            )
            page.screenshot(path=str(SCREENSHOT_DIR / "recruitment-scoring.png"), full_page=True)
            main.get_by_role("button", name="Save scores").click()
            page.wait_for_load_state()
            assert "1 score saved" in page.locator("main").inner_text()
            page.goto(url("scoring-vacancy", pk=vacancy.pk))

    # The coordinator shortlists, records the conversation, accepts the proposal, decides.
    page = as_user(coordinator)
    page.goto(url("scores-application", pk=application.pk))
    page.get_by_label("Why shortlist this applicant").fill("Clear lived experience.")
    page.get_by_role("button", name=f"Shortlist {application.reference}").click()
    page.wait_for_load_state()
    assert "is on the shortlist" in page.locator("main").inner_text()
    page.get_by_role("button", name="Record the conversation").click()
    page.wait_for_url("**/conversation/")
    page.screenshot(path=str(SCREENSHOT_DIR / "recruitment-conversation.png"), full_page=True)
    today = timezone.localdate()
    page.get_by_label("Day", exact=True).fill(str(today.day))
    page.get_by_label("Month", exact=True).fill(str(today.month))
    page.get_by_label("Year", exact=True).fill(str(today.year))
    page.get_by_label("Phone").check()
    page.get_by_label("Notes").fill("Understands the group is not a support group.")
    page.get_by_label("Yes, it is a good match").check()
    page.get_by_role("button", name="Save the conversation").click()
    page.wait_for_load_state()

    page.goto(url("selection-vacancy", pk=vacancy.pk))
    page.get_by_label("Highest scores that meet the diversity minimums").check()
    page.get_by_role("button", name="Propose").click()
    page.wait_for_load_state()
    assert application.reference in page.locator("main table").first.inner_text()
    page.screenshot(path=str(SCREENSHOT_DIR / "recruitment-selection.png"), full_page=True)
    page.get_by_role("button", name="Accept this selection").click()
    page.wait_for_load_state()

    page.goto(url("decision-record", pk=application.pk))
    assert page.get_by_label(
        "Selected", exact=True
    ).is_checked()  # suggested from the accepted proposal
    page.get_by_label("Reason").fill("Strong lived experience and a clear wish to help.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state()

    membership = Membership.objects.get(person__user=applicant, group=vacancy.group)
    assert membership.status == Membership.Status.SELECTED
    assert Notification.objects.filter(
        idempotency_key=f"recruitment-decision-{application.pk}"
    ).exists()

    page.goto(url("scores-vacancy", pk=vacancy.pk))
    page.screenshot(path=str(SCREENSHOT_DIR / "recruitment-scores.png"), full_page=True)

    # The applicant reads the decision and the panel's comments.
    page = as_user(applicant)
    page.goto(url("applicant-feedback", pk=application.pk))
    text = page.locator("main").inner_text()
    assert "Strong lived experience" in text
    assert "Gave a clear example from their own care." in text
