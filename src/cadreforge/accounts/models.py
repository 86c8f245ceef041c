"""Users and their roles, and the records login security keeps (password history, login failures, one-time
password devices). Program-scoped grants live in `programs` (ProgramGrant), which sits below."""

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
# 三员 (the three administrators): a second factor is required at login.
ADMIN_ROLES = {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN}
# Roles that read the audit log (the audit administrator and the business auditor); nobody edits it.
ROLES_READING_AUDIT = {Role.AUDIT_ADMIN, Role.AUDITOR}
# Roles that may change other users' roles, grants and accounts (安全管理员 only: 三员分立).
ROLES_MANAGING_RIGHTS = {Role.SECURITY_ADMIN}
# Roles that may reveal a cadre's full ID number and mobile (with a reason, audited).
ROLES_REVEALING_PERSONAL_DATA = {Role.PROGRAM_MANAGER}
# Back-office (admin) permissions that come with a role, not with per-user grants (accounts.backends).
# 三员分立: only the security administrator changes accounts and program grants; the system and audit
# administrators may look at accounts; nobody deletes one.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.SECURITY_ADMIN: frozenset(
        {
            "accounts.view_user",
            "accounts.add_user",
            "accounts.change_user",
            "programs.view_program",
            "programs.view_programgrant",
            "programs.add_programgrant",
            "programs.delete_programgrant",
        }
    ),
    Role.SYSTEM_ADMIN: frozenset({"accounts.view_user"}),
    Role.AUDIT_ADMIN: frozenset({"accounts.view_user"}),
}


class User(AbstractUser):
    """A person who logs in (用户). `role` decides what they may do; grants decide which programs."""

    role = models.CharField("角色", max_length=32, choices=Role.choices, default=Role.CADRE)
    display_name = models.CharField("姓名", max_length=64, blank=True)
    must_change_password = models.BooleanField(
        "须修改初始密码", default=False, help_text="初始密码或被重置的密码：登录后必须先修改才能使用系统。"
    )
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

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

    @property
    def requires_second_factor(self) -> bool:
        return self.role in ADMIN_ROLES

    @property
    def may_read_audit(self) -> bool:
        return self.role in ROLES_READING_AUDIT

    @property
    def may_reveal_personal_data(self) -> bool:
        return self.role in ROLES_REVEALING_PERSONAL_DATA


class PasswordHistory(models.Model):
    """A user's earlier password hashes (密码历史), so the last few are not reused."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField("密码摘要", max_length=128)
    created_at = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = "密码历史"
        verbose_name_plural = "密码历史"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class LoginFailure(models.Model):
    """One failed login (登录失败), counted per username and client address for the lockout."""

    username = models.CharField("用户名", max_length=150, db_index=True)
    ip = models.GenericIPAddressField("地址", null=True, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    path = models.CharField("登录途径", max_length=32)

    class Meta:
        verbose_name = "登录失败"
        verbose_name_plural = "登录失败"
        indexes = [models.Index(fields=["username", "ip", "at"], name="loginfailure_lookup")]

    def __str__(self) -> str:
        return f"{self.username}@{self.ip} {self.path}"


class OtpDevice(models.Model):
    """A second factor (动态口令设备). `kind` names its algorithm in settings.CADREFORGE_OTP_ALGORITHMS, so a
    国密 (SM3-based) device replaces TOTP without a schema change. The secret is stored encrypted."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="otp_devices")
    kind = models.CharField("类型", max_length=32, default="totp")
    secret_cipher = models.TextField("密钥（密文）")
    confirmed = models.BooleanField("已启用", default=False)
    last_counter = models.BigIntegerField("最近使用的时间片", default=-1)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "动态口令设备"
        verbose_name_plural = "动态口令设备"

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}{'' if self.confirmed else '（未启用）'}"
