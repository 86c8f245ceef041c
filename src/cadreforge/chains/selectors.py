"""Reads of the chain structure: the home regions that have clusters, and a region's clusters → chains →
links with each chain's neighbours."""

from django.db.models import Prefetch, QuerySet

from .models import Chain, Cluster, Link

POSITION_ORDER = {Link.Position.UPSTREAM: 0, Link.Position.MIDSTREAM: 1, Link.Position.DOWNSTREAM: 2}


def list_regions() -> list[str]:
    return list(
        Cluster.objects.exclude(region="").order_by("region").values_list("region", flat=True).distinct()
    )


def region_clusters(region: str) -> QuerySet[Cluster]:
    """The region's clusters with their chains, each with links and neighbours prefetched."""
    chains = Chain.objects.order_by("name").prefetch_related(
        Prefetch("links", queryset=Link.objects.order_by("position", "name")), "neighbours"
    )
    return Cluster.objects.filter(region=region).order_by("name").prefetch_related(Prefetch("chains", chains))


def sorted_links(chain: Chain) -> list[Link]:
    """Upstream, midstream, downstream, then by name."""
    return sorted(chain.links.all(), key=lambda link: (POSITION_ORDER.get(link.position, 9), link.name))
