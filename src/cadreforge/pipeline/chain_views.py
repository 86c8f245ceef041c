"""The chain-map page of a home region: an ECharts tree of clusters → chains → links (data through
json_script, drawing in static/pipeline/chainmap.js), the links table with local enterprises, and the gaps
with their target enterprises in host cities."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cadreforge.chains.models import Chain
from cadreforge.chains.selectors import list_regions

from . import chainmap
from .views import domain_errors


@domain_errors
def chain_map(request: HttpRequest) -> HttpResponse:
    regions = list_regions()
    region = request.GET.get("region", "").strip()
    if region not in regions:
        region = regions[0] if regions else ""
    data = chainmap.region_map(region) if region else None
    return render(request, "pipeline/chain_map.html", {"regions": regions, "region": region, "map": data})


@domain_errors
def chain_gaps(request: HttpRequest, pk: int) -> HttpResponse:
    chain = get_object_or_404(Chain.objects.select_related("cluster"), pk=pk)
    return render(request, "pipeline/chain_gaps.html", {"chain": chain, "gaps": chainmap.chain_gaps(chain)})
