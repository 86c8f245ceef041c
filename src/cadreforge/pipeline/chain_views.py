"""The chain-map page of a home region: an ECharts tree of clusters → chains → links (data through
json_script, drawing in static/pipeline/chainmap.js), the links table with local enterprises, and the gaps
with their target enterprises in host cities. Managers of the region open a link to place enterprises on it
or take them off, and the gaps follow."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadreforge.chains.models import Chain
from cadreforge.chains.selectors import list_regions
from cadreforge.core.errors import DomainError, PermissionDenied

from . import chainmap
from .forms import PlacementForm
from .models import LinkEnterprise
from .views import domain_errors


@domain_errors
def chain_map(request: HttpRequest) -> HttpResponse:
    regions = list_regions()
    region = request.GET.get("region", "").strip()
    if region not in regions:
        region = regions[0] if regions else ""
    data = chainmap.region_map(region) if region else None
    context = {
        "regions": regions,
        "region": region,
        "map": data,
        "may_place": bool(region) and chainmap.may_manage_region(request.user, region),
    }
    return render(request, "pipeline/chain_map.html", context)


@domain_errors
def chain_gaps(request: HttpRequest, pk: int) -> HttpResponse:
    chain = get_object_or_404(Chain.objects.select_related("cluster"), pk=pk)
    region = chain.cluster.region if chain.cluster else ""
    context = {
        "chain": chain,
        "gaps": chainmap.chain_gaps(chain),
        "may_place": bool(region) and chainmap.may_manage_region(request.user, region),
    }
    return render(request, "pipeline/chain_gaps.html", context)


def _link_for_writer(request: HttpRequest, pk: int):
    """A role that may not write: 403; a link of a region the manager does not manage: 404."""
    if not request.user.may_write:
        raise DjangoPermissionDenied(_("只有计划管理员可以维护产业链图谱。"))
    return chainmap.get_manageable_link(request.user, pk)


@domain_errors
def link_detail(request: HttpRequest, pk: int) -> HttpResponse:
    link = _link_for_writer(request, pk)
    context = {"link": link, "placements": chainmap.link_placements(link), "form": PlacementForm()}
    return render(request, "pipeline/chain_link.html", context)


@require_POST
@domain_errors
def place(request: HttpRequest, pk: int) -> HttpResponse:
    link = _link_for_writer(request, pk)
    form = PlacementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            placement = chainmap.place_enterprise_by_name(
                request.user,
                link,
                data["enterprise"],
                uscc=data["uscc"],
                role=data["role"],
                city=data["city"],
            )
            messages.success(
                request,
                _("已将“%(e)s”列为环节“%(l)s”的%(r)s。")
                % {"e": placement.enterprise.name, "l": link.name, "r": placement.get_role_display()},
            )
            return redirect("pipeline:chain-link", pk=link.pk)
        except DomainError as exc:
            if isinstance(exc, PermissionDenied):
                raise
            form.add_error(None, exc.message)
    context = {"link": link, "placements": chainmap.link_placements(link), "form": form}
    return render(request, "pipeline/chain_link.html", context, status=400)


@require_POST
@domain_errors
def remove(request: HttpRequest, pk: int, placement_pk: int) -> HttpResponse:
    link = _link_for_writer(request, pk)
    placement = get_object_or_404(
        LinkEnterprise.objects.select_related("enterprise"), pk=placement_pk, link=link
    )
    chainmap.remove_enterprise(request.user, placement)
    messages.success(
        request, _("已将“%(e)s”移出环节“%(l)s”。") % {"e": placement.enterprise.name, "l": link.name}
    )
    return redirect("pipeline:chain-link", pk=link.pk)
