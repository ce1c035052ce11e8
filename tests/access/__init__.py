"""Every URL of the project, with the status each role must get.

Each area declares its pages in its own module; a URL that is in none of them
fails the access walk (tests/test_access_walk.py)."""

from . import (
    accounts,
    admin_site,
    board_api,
    board_calendar,
    bodies,
    briefings,
    debriefs,
    evaluation,
    expenses_admin,
    expenses_claims,
    glossary,
    groups,
    meetings,
    meetings_minutes,
    organisations,
    outbox,
    platform,
    privacy,
    recruitment_scoring,
    recruitment_setup,
    workplans,
)

EXPECTATIONS = {
    **accounts.PAGES,
    **admin_site.PAGES,
    **expenses_admin.PAGES,
    **platform.PAGES,
    **outbox.PAGES,
    **bodies.PAGES,
    **board_calendar.PAGES,
    **glossary.PAGES,
    **organisations.PAGES,
    **privacy.PAGES,
    **groups.PAGES,
    **recruitment_setup.PAGES,
    **recruitment_scoring.PAGES,
    **meetings_minutes.PAGES,
    **meetings.PAGES,
    **debriefs.PAGES,
    **briefings.PAGES,
    **board_api.PAGES,
    **workplans.PAGES,
    **expenses_claims.PAGES,
    **evaluation.PAGES,
}
