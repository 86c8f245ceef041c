"""Writes of organisation units."""

from cadreforge.core.text import clean, text_key

from .models import OrgUnit


def get_or_create_unit(name: str, parent: OrgUnit | None = None, kind: str = OrgUnit.Kind.OTHER) -> OrgUnit:
    """The unit of that name under `parent` (compared through the text key), created if missing."""
    name = clean(name)
    unit = OrgUnit.objects.filter(parent=parent, name_key=text_key(name)).first()
    if unit is None:
        unit = OrgUnit.objects.create(name=name, parent=parent, kind=kind)
    return unit
