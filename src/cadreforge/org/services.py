"""Writes of organisation units and of place coordinates."""

from cadreforge.core.text import clean, text_key

from .models import OrgUnit, Region, place_key
from .places import KNOWN_PLACES


def get_or_create_unit(name: str, parent: OrgUnit | None = None, kind: str = OrgUnit.Kind.OTHER) -> OrgUnit:
    """The unit of that name under `parent` (compared through the text key), created if missing."""
    name = clean(name)
    unit = OrgUnit.objects.filter(parent=parent, name_key=text_key(name)).first()
    if unit is None:
        unit = OrgUnit.objects.create(name=name, parent=parent, kind=kind)
    return unit


def fill_known_places(region_model=Region) -> int:
    """Record the coordinates of KNOWN_PLACES where a place has none yet (coordinates someone entered are
    kept); returns how many places were filled. `region_model` lets the data migration pass its own."""
    from decimal import Decimal

    filled = 0
    for name, (lon, lat) in KNOWN_PLACES.items():
        key = place_key(name)
        region = region_model.objects.filter(name_key=key).first()
        if region is None:
            region = region_model(name=name, name_key=key)
        elif region.longitude is not None:
            continue
        region.longitude, region.latitude = Decimal(lon), Decimal(lat)
        region.save()
        filled += 1
    return filled
