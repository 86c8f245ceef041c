"""The investment chain map (招商引资链图谱): clusters → chains → links of a home region, the local
enterprises on each link, the gaps (links without a local enterprise), and per gap the target
enterprises in host cities — with whether and when the region's cadres last visited them, so a cadre sees
whom to visit next."""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Max

from cadreforge.accounts.models import User
from cadreforge.audit.services import record
from cadreforge.chains.models import Chain, Link
from cadreforge.chains.selectors import region_clusters, sorted_links
from cadreforge.core.errors import DomainError
from cadreforge.core.text import clean
from cadreforge.programs.services import ensure_may_write

from .models import Enterprise, LinkEnterprise, Visit
from .services import surviving

Role = LinkEnterprise.Role


@transaction.atomic
def place_enterprise(
    actor: User | None, link: Link, enterprise: Enterprise, *, role: str, city: str = ""
) -> LinkEnterprise:
    """Put an enterprise on a link, as a local enterprise or as a target in a host city."""
    ensure_may_write(actor)
    if role not in Role.values:
        raise DomainError(f"未知的环节企业类别“{role}”，应为 local（本地企业）或 target（目标企业）")
    enterprise = surviving(enterprise)
    city = clean(city) or enterprise.location
    placement, created = LinkEnterprise.objects.update_or_create(
        link=link, enterprise=enterprise, defaults={"role": role, "city": city}
    )
    record(
        actor,
        "chain.place" if created else "chain.replace",
        placement,
        {"link": str(link), "enterprise": enterprise.name, "role": role, "city": city},
    )
    return placement


def _placements(links: list[Link]) -> dict[int, dict[str, list[LinkEnterprise]]]:
    by_link = defaultdict(lambda: {Role.LOCAL: [], Role.TARGET: []})
    for placement in LinkEnterprise.objects.filter(link__in=links).select_related("enterprise"):
        by_link[placement.link_id][placement.role].append(placement)
    return by_link


def _last_visits(enterprise_ids: set[int]) -> dict[int, dt.date]:
    rows = (
        Visit.objects.filter(enterprise_id__in=enterprise_ids)
        .values("enterprise_id")
        .annotate(last=Max("date"))
    )
    return {row["enterprise_id"]: row["last"] for row in rows}


def chain_gaps(chain: Chain) -> list[dict]:
    """The chain's links without a local enterprise, each with its targets grouped by city (visited ones
    carry the date of the last visit)."""
    links = sorted_links(chain)
    placements = _placements(links)
    target_ids = {p.enterprise_id for by_role in placements.values() for p in by_role[Role.TARGET]}
    last_visit = _last_visits(target_ids)
    gaps = []
    for link in links:
        if placements[link.pk][Role.LOCAL]:
            continue
        by_city = defaultdict(list)
        for placement in placements[link.pk][Role.TARGET]:
            by_city[placement.city or "—"].append(
                {"enterprise": placement.enterprise, "last_visit": last_visit.get(placement.enterprise_id)}
            )
        gaps.append(
            {
                "link": link,
                "cities": [{"city": city, "targets": rows} for city, rows in sorted(by_city.items())],
                "target_count": len(placements[link.pk][Role.TARGET]),
            }
        )
    return gaps


def region_map(region: str) -> dict:
    """Everything the chain-map page shows for a region: clusters with chains, links (locals, targets,
    gap flag) and neighbours; and the ECharts tree data."""
    clusters = list(region_clusters(region))
    links = [link for cluster in clusters for chain in cluster.chains.all() for link in chain.links.all()]
    placements = _placements(links)
    view, tree_children, gap_count = [], [], 0
    for cluster in clusters:
        chains, cluster_nodes = [], []
        for chain in cluster.chains.all():
            link_rows, link_nodes = [], []
            for link in sorted_links(chain):
                locals_ = placements[link.pk][Role.LOCAL]
                targets = placements[link.pk][Role.TARGET]
                gap_count += not locals_
                link_rows.append({"link": link, "locals": locals_, "targets": targets, "gap": not locals_})
                link_nodes.append(
                    {
                        "name": f"{link.get_position_display()}·{link.name}",
                        "value": len(locals_),
                        "gap": not locals_,
                        "children": [{"name": p.enterprise.name, "value": 1} for p in locals_],
                    }
                )
            neighbours = [n.name for n in chain.neighbours.all()]
            chains.append({"chain": chain, "links": link_rows, "neighbours": neighbours})
            cluster_nodes.append(
                {"name": chain.name, "children": link_nodes, "neighbours": neighbours, "chain_id": chain.pk}
            )
        view.append({"cluster": cluster, "chains": chains})
        tree_children.append({"name": cluster.name, "children": cluster_nodes})
    return {
        "region": region,
        "clusters": view,
        "gap_count": gap_count,
        "link_count": len(links),
        "tree": {"name": region, "children": tree_children},
    }
