"""Writing economic indicators (the dashboard's 同比 figures); every change is audited."""

from decimal import Decimal

from django.db import transaction

from cadreforge.audit.services import record

from .models import Indicator


@transaction.atomic
def save_indicator(
    actor,
    *,
    region: str,
    name: str,
    period: str,
    value: Decimal,
    unit: str,
    prior_value: Decimal | None = None,
    growth_percent: Decimal | None = None,
    order: int = 0,
) -> Indicator:
    """Create or update the indicator (region, name, period); an unchanged one writes nothing."""
    fields = {
        "value": value,
        "unit": unit,
        "prior_value": prior_value,
        "growth_percent": growth_percent,
        "order": order,
    }
    indicator = Indicator.objects.filter(region=region, name=name, period=period).first()
    if indicator is None:
        indicator = Indicator.objects.create(region=region, name=name, period=period, **fields)
        record(actor, "indicator.create", indicator, {k: str(v) for k, v in fields.items() if v is not None})
        return indicator
    changes = {}
    for key, new in fields.items():
        old = getattr(indicator, key)
        if old != new:
            changes[key] = [str(old), str(new)]
            setattr(indicator, key, new)
    if changes:
        indicator.save()
        record(actor, "indicator.update", indicator, changes)
    return indicator
