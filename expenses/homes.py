"""What expenses adds to the coordinator's home page (see involvement.home_panels)."""

from involvement.models import Organisation

from .selectors.prompt import claims_at_risk

SHOWN = 5


def claims_at_risk_panel(*, user, organisation_ids) -> dict | None:
    """Claims close to or past the organisation's prompt-payment target."""
    at_risk = claims_at_risk(organisations=Organisation.objects.filter(id__in=organisation_ids))
    if not at_risk:
        return None
    return {"at_risk": at_risk[:SHOWN], "count": len(at_risk), "more": len(at_risk) > SHOWN}
