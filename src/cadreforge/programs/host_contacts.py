"""Host contacts (派驻单位联系人): the host unit's own people with an account. A manager links them to their
unit; they then see the unit's posts in each program and rank the batch's cadres for those posts
(派驻单位意向) themselves, instead of the manager entering it for them. They see nothing else."""

from django.db import transaction
from django.db.models import QuerySet

from cadreforge.accounts.models import Role, User
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, NotFound

from .models import Batch, HostUnit, Post, Program
from .selectors import visible_programs
from .services import ensure_may_write


@transaction.atomic
def set_host_contacts(actor: User | None, host: HostUnit, contacts: list[User]) -> None:
    """Replace the host unit's contacts. Only accounts of the host-contact role may be linked."""
    ensure_may_write(actor)
    wrong = [u.username for u in contacts if u.role != Role.HOST_CONTACT]
    if wrong:
        raise DomainError(f"账号{'、'.join(wrong)}不是“派驻单位联系人”角色，不能设为{host.name}的联系人")
    before = sorted(host.contacts.values_list("username", flat=True))
    host.contacts.set(contacts)
    after = sorted(u.username for u in contacts)
    record(actor, "host.contacts", host, {"before": before, "after": after})


def get_managed_host_unit(user: User, pk: int) -> HostUnit:
    """A host unit whose contacts the user may set: a writing role, and a post there in a program the user
    may see (so a manager works on their own programs' units, and is refused any other)."""
    ensure_may_write(user)
    host = HostUnit.objects.filter(pk=pk, posts__program__in=visible_programs(user)).distinct().first()
    if host is None:
        raise NotFound("找不到该派驻单位，或您无权管理。")
    return host


def contact_accounts() -> QuerySet[User]:
    """The accounts that may be linked to a host unit: active, of the host-contact role."""
    return User.objects.filter(role=Role.HOST_CONTACT, is_active=True).order_by("username")


def is_contact_of(user: User | None, host_id: int) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.role == Role.HOST_CONTACT
        and user.host_units.filter(pk=host_id).exists()
    )


def contact_posts(user: User, program: Program | None = None) -> QuerySet[Post]:
    """The posts at the user's host units (none for any other role)."""
    if not user.is_authenticated or not user.is_active or user.role != Role.HOST_CONTACT:
        return Post.objects.none()
    posts = Post.objects.filter(host__contacts=user).select_related("program", "host")
    if program is not None:
        posts = posts.filter(program=program)
    return posts.order_by("program__code", "code")


def contact_batches(user: User) -> QuerySet[Batch]:
    """The batches of the programs that offer posts at the user's host units, newest first."""
    programs = contact_posts(user).values("program")
    return (
        Batch.objects.filter(program__in=programs)
        .select_related("program")
        .order_by("program__code", "-number")
    )


def get_contact_batch(user: User, code: str, number: int) -> Batch:
    batch = contact_batches(user).filter(program__code=code, number=number).first()
    if batch is None:
        raise NotFound("找不到该批次，或您无权查看。")
    return batch
