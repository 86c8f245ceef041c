"""Users and their roles. Program-scoped grants live in `programs` (ProgramGrant), which sits below."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"
    PROGRAM_MANAGER = "program_manager", "计划管理员（组织部）"
    VERIFIER = "verifier", "项目核验员（投资促进局）"
    CADRE = "cadre", "干部"
    HOST_CONTACT = "host_contact", "派驻单位联系人"
    LEADER = "leader", "领导（只读）"
    AUDITOR = "auditor", "审计员"


# Roles that see every program's business data (read); the others see what they are granted or take part in.
ROLES_SEEING_ALL_PROGRAMS = {Role.SYSTEM_ADMIN, Role.LEADER, Role.AUDITOR}
# Roles that may change business records of the programs they manage.
ROLES_WRITING_PROGRAMS = {Role.SYSTEM_ADMIN, Role.PROGRAM_MANAGER}


class User(AbstractUser):
    """A person who logs in (用户). `role` decides what they may do; grants decide which programs."""

    role = models.CharField("角色", max_length=32, choices=Role.choices, default=Role.CADRE)
    display_name = models.CharField("姓名", max_length=64, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        constraints = [
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="user_role_valid"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def sees_all_programs(self) -> bool:
        return self.role in ROLES_SEEING_ALL_PROGRAMS

    @property
    def may_write(self) -> bool:
        return self.role in ROLES_WRITING_PROGRAMS
