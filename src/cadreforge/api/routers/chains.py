"""The chain-map API: a program's region's chain links with their local and target enterprises, and the
region's managers placing or removing enterprises on a link (the gap closes or reopens)."""

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from cadreforge.core.errors import NotFound
from cadreforge.pipeline.chainmap import (
    get_program_link,
    link_placements,
    place_enterprise_by_name,
    remove_enterprise,
)
from cadreforge.pipeline.models import LinkEnterprise

from ..auth import user_of
from ..schemas import ErrorOut, Text
from .common import program_for, row_id

router = Router(tags=["产业链"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PlacementIn(Schema):
    enterprise: Text = Field(..., min_length=1, max_length=200, description="企业名称")
    uscc: Text = Field("", max_length=18, description="统一社会信用代码（可选）")
    role: Text = Field(..., max_length=8, description="local=本地企业，target=目标企业")
    city: Text = Field("", max_length=32, description="所在城市（目标企业填写）")


class PlacementOut(Schema):
    enterprise_id: int
    enterprise: str
    uscc: str | None
    role: str
    city: str


class ChainLinkOut(Schema):
    id: int
    chain: str
    name: str
    position: str = Field(..., description="up/mid/down")
    gap: bool = Field(..., description="缺链：没有本地企业")
    locals: list[PlacementOut]
    targets: list[PlacementOut]


def _link_out(link) -> dict:
    placements = link_placements(link)

    def rows(items) -> list[dict]:
        return [
            {
                "enterprise_id": p.enterprise_id,
                "enterprise": p.enterprise.name,
                "uscc": p.enterprise.uscc,
                "role": p.role,
                "city": p.city,
            }
            for p in items
        ]

    return {
        "id": link.pk,
        "chain": link.chain.name,
        "name": link.name,
        "position": link.position,
        "gap": placements["gap"],
        "locals": rows(placements["locals"]),
        "targets": rows(placements["targets"]),
    }


@router.get("/{code}/chain-links/{link_id}", response={200: ChainLinkOut, **ERRORS}, summary="产业链环节企业")
def get_chain_link(request: HttpRequest, code: str, link_id: int = row_id("环节编号")):
    """计划所属地区产业链图谱中的一个环节：本地企业、目标企业、是否缺链。"""
    return _link_out(get_program_link(program_for(request, code), link_id))


@router.post(
    "/{code}/chain-links/{link_id}/enterprises",
    response={201: ChainLinkOut, **ERRORS},
    summary="把企业列入产业链环节",
)
def place_on_chain_link(
    request: HttpRequest, code: str, payload: PlacementIn, link_id: int = row_id("环节编号")
):
    """仅该地区计划的管理员可操作；企业按名称在企业库中查找，没有则新增。"""
    link = get_program_link(program_for(request, code), link_id)
    place_enterprise_by_name(
        user_of(request), link, payload.enterprise, uscc=payload.uscc, role=payload.role, city=payload.city
    )
    return Status(201, _link_out(link))


@router.delete(
    "/{code}/chain-links/{link_id}/enterprises/{enterprise_id}",
    response={200: ChainLinkOut, **ERRORS},
    summary="把企业移出产业链环节",
)
def remove_from_chain_link(
    request: HttpRequest,
    code: str,
    link_id: int = row_id("环节编号"),
    enterprise_id: int = row_id("企业编号"),
):
    link = get_program_link(program_for(request, code), link_id)
    placement = LinkEnterprise.objects.filter(link=link, enterprise_id=enterprise_id).first()
    if placement is None:
        raise NotFound(f"环节“{link.name}”中没有企业{enterprise_id}。")
    remove_enterprise(user_of(request), placement)
    return _link_out(link)
