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
