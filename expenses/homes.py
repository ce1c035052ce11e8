"""What expenses adds to the coordinator's home page (see involvement.home_panels)."""

from involvement.models import Organisation

from .selectors.prompt import claims_at_risk_first

SHOWN = 5


def claims_at_risk_panel(*, user, organisation_ids) -> dict | None:
    """Claims close to or past the organisation's prompt-payment target."""
    at_risk, count = claims_at_risk_first(
        organisations=Organisation.objects.filter(id__in=organisation_ids), shown=SHOWN
    )
    if not count:
        return None
    return {"at_risk": at_risk, "count": count, "more": count > SHOWN}


def claims_at_risk_digest_section(*, organisation_ids, today):
    """For the coordinators' weekly summary (involvement.digest_sections):
    how many claims are close to or past the prompt-payment target, as the
    home page's panel says."""
    from involvement.digest_sections import DigestSection

    at_risk, count = claims_at_risk_first(
        organisations=Organisation.objects.filter(id__in=organisation_ids),
        shown=SHOWN,
        today=today,
    )
    if not count:
        return None
    section = DigestSection(heading="Expenses at risk of being paid late")
    for item in at_risk:
        claim = item.claim
        section.lines.append(
            f"{claim.person.display_name}, {claim.meeting.title}: waiting {item.waited} "
            f"working day{'s' if item.waited != 1 else ''} (target {item.target})"
        )
    if count > len(at_risk):
        section.lines.append(f"and {count - len(at_risk)} more")
    return section
