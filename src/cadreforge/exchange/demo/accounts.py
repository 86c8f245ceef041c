"""The demo logins: one per kind of user, all with the same published demo password.

There is no accounts service yet, so users are created here with `create_user` (password hashed by
`set_password`) and each creation is audited like any other write.
"""

from dataclasses import dataclass

from cadreforge.accounts.models import Role, User
from cadreforge.audit.services import record
from cadreforge.people.models import Cadre
from cadreforge.programs import services as programs
from cadreforge.programs.host_contacts import set_host_contacts
from cadreforge.programs.models import HostUnit, Program

from .common import DEMO_PROGRAM_CODES

DEMO_PASSWORD = "Demo-2026!cf"
HUAIBEI_PROGRAMS = ("huaibei-double-hundred", "huaibei-shanghai-study")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    display_name: str
    scope: str
    superuser: bool = False
    staff: bool = False  # may open the back-office (/admin/); what they may do there comes with the role


DEMO_ACCOUNTS = (
    DemoAccount("admin", Role.SYSTEM_ADMIN, "系统管理员", "全部计划；可进入 /admin/ 后台", superuser=True),
    DemoAccount("manager", Role.PROGRAM_MANAGER, "组织部干部科", "全部演示计划（逐一授权）"),
    DemoAccount("cadre", Role.CADRE, "邢晓东", "本人参与的计划（“3360”挂职锻炼工程）"),
    DemoAccount("leader", Role.LEADER, "市委领导", "全部计划，只读"),
    DemoAccount("huaibei", Role.PROGRAM_MANAGER, "淮北市委组织部", "仅淮北的两个计划"),
    DemoAccount("verifier", Role.VERIFIER, "投资促进局项目核验", "核验“3360”工程与淮安经开区招商项目的阶段"),
    DemoAccount(
        "host",
        Role.HOST_CONTACT,
        "宜兴经开区联系人",
        "宜兴经济技术开发区的岗位：为淮北“双百双招”第1批干部排列派驻单位意向",
    ),
    DemoAccount(
        "security",
        Role.SECURITY_ADMIN,
        "安全管理员",
        "在 /admin/ 后台新增、修改、停用用户，分配角色和计划授权；首次登录须绑定动态口令",
        staff=True,
    ),
    DemoAccount(
        "auditadmin",
        Role.AUDIT_ADMIN,
        "审计管理员",
        "只读查阅审计日志（/audit/），不能修改任何数据；首次登录须绑定动态口令",
    ),
)
VERIFIED_PROGRAMS = ("penglai-3360", "huaian-etdz-investment")


def ensure_accounts(log) -> None:
    """Create the demo users that are missing, link 邢晓东 to `cadre` and grant the managers their
    programs. Existing users are left as they are (their password is not reset)."""
    users = {}
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User.objects.create_user(
                account.username,
                password=DEMO_PASSWORD,
                role=account.role,
                display_name=account.display_name,
                is_staff=account.staff or account.superuser,
                is_superuser=account.superuser,
            )
            record(None, "user.create", user, {"username": user.username, "role": account.role})
            log(f"加载：演示账号 {account.username}（{Role(account.role).label}）")
        users[account.username] = user

    for program in Program.objects.filter(code__in=DEMO_PROGRAM_CODES):
        programs.grant_program(None, users["manager"], program)
        if program.code in HUAIBEI_PROGRAMS:
            programs.grant_program(None, users["huaibei"], program)
        if program.code in VERIFIED_PROGRAMS:
            programs.grant_program(None, users["verifier"], program)

    yixing = HostUnit.objects.filter(name="宜兴经济技术开发区").first()
    if yixing is not None and not yixing.contacts.filter(pk=users["host"].pk).exists():
        set_host_contacts(None, yixing, [*yixing.contacts.all(), users["host"]])

    xing = Cadre.objects.filter(name="邢晓东", participations__program__code="penglai-3360").first()
    if xing is not None and xing.user_id is None and not hasattr(users["cadre"], "cadre"):
        xing.user = users["cadre"]
        xing.save(update_fields=["user", "updated_at"])
        record(None, "cadre.link_user", xing, {"user": users["cadre"].username})


def describe_accounts() -> list[dict]:
    """The demo logins as rows for `cadreforge demo accounts` and the README."""
    existing = set(
        User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
            "username", flat=True
        )
    )
    return [
        {
            "username": a.username,
            "role": Role(a.role).label,
            "password": DEMO_PASSWORD,
            "display_name": a.display_name,
            "scope": a.scope,
            "exists": a.username in existing,
        }
        for a in DEMO_ACCOUNTS
    ]
