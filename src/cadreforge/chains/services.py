"""Writes of clusters, chains and links."""

from cadreforge.core.text import clean, text_key

from .models import Chain, Cluster, Link


def get_or_create_cluster(name: str, region: str = "") -> Cluster:
    cluster, _ = Cluster.objects.get_or_create(name=clean(name), region=clean(region))
    return cluster


def get_or_create_chain(name: str, cluster: Cluster | None = None) -> Chain:
    """The chain of that name (Simplified/Traditional alike), created if missing."""
    name = clean(name)
    chain = Chain.objects.filter(name_key=text_key(name)).first()
    if chain is None:
        chain = Chain.objects.create(name=name, cluster=cluster)
    elif cluster is not None and chain.cluster_id is None:
        chain.cluster = cluster
        chain.save(update_fields=["cluster", "updated_at"])
    return chain


def get_or_create_chains(names: list[str]) -> list[Chain]:
    return [get_or_create_chain(n) for n in names if clean(n)]


def get_or_create_link(chain: Chain, name: str, position: str) -> Link:
    link, _ = Link.objects.get_or_create(chain=chain, name=clean(name), defaults={"position": position})
    return link


def link_neighbours(chain: Chain, neighbours: list[Chain]) -> None:
    """Mark chains as neighbours of `chain` (both ways): one's downstream feeds the other."""
    chain.neighbours.add(*neighbours)
