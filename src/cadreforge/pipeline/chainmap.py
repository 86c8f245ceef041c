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
from cadreforge.core.errors import DomainError, NotFound, PermissionDenied
from cadreforge.core.text import clean
from cadreforge.programs.models import Program
from cadreforge.programs.services import ensure_may_write

from .models import Enterprise, LinkEnterprise, Visit
from .services import get_or_create_enterprise, surviving

Role = LinkEnterprise.Role


def link_region(link: Link) -> str:
    """The home region whose map the link is on ("" for a chain outside any cluster)."""
    cluster = link.chain.cluster
    return cluster.region if cluster is not None else ""


def may_manage_region(user: User | None, region: str) -> bool:
    """Who may place enterprises on a region's chain map: the system, a writer seeing every program, or a
    program manager granted a program of that home region (计划的所属地区)."""
    if user is None:
        return True
    if not user.is_active or not user.may_write:
        return False
    if user.sees_all_programs:
        return True
    return bool(region) and Program.objects.filter(region=region, grants__user=user).exists()


def ensure_may_place(actor: User | None, link: Link) -> None:
    ensure_may_write(actor)
    region = link_region(link)
    if not may_manage_region(actor, region):
        raise PermissionDenied(f"您无权维护“{region or '未归属地区'}”的产业链图谱（环节“{link}”）。")


def get_manageable_link(user: User, pk: int) -> Link:
    """A link the user may place enterprises on; a link of another region is not found (404)."""
    link = Link.objects.select_related("chain__cluster").filter(pk=pk).first()
    if link is None or not may_manage_region(user, link_region(link)):
        raise NotFound("找不到该产业链环节，或您无权维护。")
    return link


def get_program_link(program: Program, pk: int) -> Link:
    """A link on the chain map of the program's home region (the API names links through a program)."""
    link = (
        Link.objects.select_related("chain__cluster")
        .filter(pk=pk, chain__cluster__region=program.region)
        .exclude(chain__cluster__region="")
        .first()
    )
    if link is None:
        raise NotFound(f"计划“{program.code}”所属地区的产业链图谱中找不到环节{pk}。")
    return link


@transaction.atomic
def place_enterprise(
    actor: User | None, link: Link, enterprise: Enterprise, *, role: str, city: str = ""
) -> LinkEnterprise:
    """Put an enterprise on a link, as a local enterprise or as a target in a host city (placing it again
    changes its role or city). A link with a local enterprise is no longer a gap."""
    ensure_may_place(actor, link)
    if role not in Role.values:
        raise DomainError(f"未知的环节企业类别“{role}”，应为 local（本地企业）或 target（目标企业）")
    enterprise = surviving(enterprise)
    city = clean(city)
    if len(city) > 32:
        raise DomainError(f"所在城市“{city[:32]}…”过长，最多32字")
    city = city or enterprise.location[:32]
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


@transaction.atomic
def place_enterprise_by_name(
    actor: User | None, link: Link, name: str, *, uscc: str = "", role: str, city: str = ""
) -> LinkEnterprise:
    """`place_enterprise` for an enterprise typed by name (and credit code), found in the registry or
    added to it; nothing is added when the placement is refused."""
    ensure_may_place(actor, link)
    enterprise = get_or_create_enterprise(name, uscc=clean(uscc))
    return place_enterprise(actor, link, enterprise, role=role, city=city)


@transaction.atomic
def remove_enterprise(actor: User | None, placement: LinkEnterprise) -> None:
    """Take an enterprise off a link (a link left without a local enterprise is a gap again)."""
    placement = LinkEnterprise.objects.select_related("link__chain__cluster", "enterprise").get(
        pk=placement.pk
    )
    ensure_may_place(actor, placement.link)
    record(
        actor,
        "chain.remove",
        placement,
        {
            "link": str(placement.link),
            "enterprise": placement.enterprise.name,
            "role": placement.role,
            "city": placement.city,
        },
    )
    placement.delete()


def link_placements(link: Link) -> dict:
    """The link's local and target enterprises, and whether it is a gap."""
    placements = _placements([link])[link.pk]
    return {
        "locals": placements[Role.LOCAL],
        "targets": placements[Role.TARGET],
        "gap": not placements[Role.LOCAL],
    }


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
