"""The flow map (干部流向): cadres from their home regions to the host cities of their posts.

A cadre's home is the nearest region unit (OrgUnit of kind 地区) at or above their unit that has
coordinates (a district without them falls back to its city); a host is the city of the host unit of an
assignment. Places are matched to their coordinates (org.Region) through `place_key`. A flow counts
distinct cadres; a place without coordinates is not dropped but listed in `unmapped`.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q, QuerySet

from cadreforge.org.models import OrgUnit, Region, place_key
from cadreforge.programs.models import HostUnit
from cadreforge.secondment.models import Assignment

HOME, HOST = "home", "host"


@dataclass(frozen=True)
class Place:
    name: str
    coord: tuple[float, float] | None


class Gazetteer:
    """Resolves unit ids and host cities to places; three queries at most, whatever the data size."""

    def __init__(self) -> None:
        self.regions = {r.name_key: r for r in Region.objects.all()}
        self._units: dict[int, tuple[str, str, int | None]] | None = None
        self._homes: dict[int, Place] = {}

    def place(self, name: str) -> Place:
        region = self.regions.get(place_key(name))
        if region is not None and region.coordinates is not None:
            return Place(region.name, region.coordinates)
        return Place(region.name if region is not None else name, None)

    def _unit_rows(self) -> dict[int, tuple[str, str, int | None]]:
        if self._units is None:
            rows = OrgUnit.objects.values_list("id", "name", "kind", "parent_id")
            self._units = {pk: (name, kind, parent) for pk, name, kind, parent in rows}
        return self._units

    def home(self, unit_id: int) -> Place:
        """The cadre's home region for their unit (see the module docstring)."""
        if unit_id not in self._homes:
            self._homes[unit_id] = self._resolve_home(unit_id)
        return self._homes[unit_id]

    def _resolve_home(self, unit_id: int) -> Place:
        units = self._unit_rows()
        nearest, node, seen = None, unit_id, set()
        root_name = ""
        while node is not None and node in units and node not in seen:
            seen.add(node)
            name, kind, parent = units[node]
            root_name = name
            if kind == OrgUnit.Kind.REGION:
                place = self.place(name)
                if place.coord is not None:
                    return place
                nearest = nearest or place
            node = parent
        return nearest or self.place(root_name)


def _overlapping(qs: QuerySet, date_from: dt.date | None, date_to: dt.date | None) -> QuerySet:
    """Assignments that overlap the period (an open end overlaps everything on that side)."""
    if date_from:
        qs = qs.filter(Q(end_date__isnull=True) | Q(end_date__gte=date_from))
    if date_to:
        qs = qs.filter(Q(start_date__isnull=True) | Q(start_date__lte=date_to))
    return qs


def _point(place: Place) -> list[float] | None:
    return list(place.coord) if place.coord is not None else None


def cadre_flows(
    participants: QuerySet,
    drill_url: str,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> dict:
    """Flows of the given participants' cadres (already scoped to what the user may see).

    `lines`: every (home, host) pair with its distinct cadres, its two points (None where a place has no
    coordinates) and the URL of its records (drill_url + home and host); `places`: the points to draw;
    `unmapped`: the places without coordinates, with their role and cadres."""
    gazetteer = Gazetteer()
    assignments = _overlapping(Assignment.objects.filter(participant__in=participants), date_from, date_to)
    rows = assignments.order_by().values_list(
        "participant__cadre__unit_id", "post__host__city", "participant__cadre_id"
    )
    cadres: dict[tuple[Place, Place], set[int]] = defaultdict(set)
    for unit_id, city, cadre_id in rows.distinct():
        cadres[(gazetteer.home(unit_id), gazetteer.place(city))].add(cadre_id)
    joiner = "&" if "?" in drill_url else "?"
    lines = [
        {
            "home": home.name,
            "host": host.name,
            "cadres": len(ids),
            "from": _point(home),
            "to": _point(host),
            "url": drill_url + joiner + urlencode({"home": home.name, "host": host.name}),
        }
        for (home, host), ids in cadres.items()
    ]
    lines.sort(key=lambda line: (-line["cadres"], line["home"], line["host"]))
    return {"lines": lines, **_places(cadres)}


def _places(cadres: dict[tuple[Place, Place], set[int]]) -> dict:
    roles: dict[tuple[str, Place], set[int]] = defaultdict(set)
    for (home, host), ids in cadres.items():
        roles[(HOME, home)] |= ids
        roles[(HOST, host)] |= ids
    mapped, unmapped = [], []
    for (role, place), ids in sorted(roles.items(), key=lambda item: (item[0][0], item[0][1].name)):
        row = {"name": place.name, "role": role, "cadres": len(ids)}
        if place.coord is None:
            unmapped.append(row)
        else:
            mapped.append({**row, "coord": list(place.coord)})
    return {"places": mapped, "unmapped": unmapped}


def flow_assignments(
    participants: QuerySet,
    home: str,
    host: str,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[Assignment]:
    """The assignments behind one line of the flow map: cadres of home `home` at host units in `host`."""
    gazetteer = Gazetteer()
    assignments = _overlapping(Assignment.objects.filter(participant__in=participants), date_from, date_to)
    unit_ids = assignments.order_by().values_list("participant__cadre__unit_id", flat=True).distinct()
    homes = [pk for pk in unit_ids if gazetteer.home(pk).name == home]
    cities = (
        HostUnit.objects.filter(posts__assignments__in=assignments).order_by().values_list("city", flat=True)
    )
    hosts = [city for city in cities.distinct() if gazetteer.place(city).name == host]
    return list(
        assignments.filter(participant__cadre__unit_id__in=homes, post__host__city__in=hosts)
        .select_related(
            "participant__cadre__unit", "participant__program", "participant__batch", "post__host"
        )
        .order_by("participant__program__code", "participant__code", "start_date")
    )
