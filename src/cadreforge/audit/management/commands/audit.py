"""`cadreforge audit verify`: check the audit log's hash chain.
`cadreforge audit purge --older-than DAYS`: remove entries past retention (never fewer than 184 days)."""

from django.core.management.base import BaseCommand, CommandError

from cadreforge.audit.selectors import verify_chain
from cadreforge.audit.services import RetentionTooShort, purge_older_than


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链是否完整；purge 清理超过保存期限的记录（至少保留184天）"

    def add_arguments(self, parser):
        parser.add_argument(
            "verb", choices=["verify", "purge"], help="verify：校验哈希链；purge：按保存期限清理"
        )
        parser.add_argument("--older-than", type=int, dest="days", help="purge：清理多少天以前的记录（≥184）")

    def handle(self, *args, **options):
        if options["verb"] == "purge":
            return self._purge(options["days"])
        report = verify_chain()
        if not report.intact:
            raise CommandError(f"审计日志第 {report.first_broken_id} 号记录校验失败：{report.reason}")
        self.stdout.write(f"审计日志完整：共 {report.entries} 条记录，哈希链校验通过。")

    def _purge(self, days: int | None) -> None:
        if days is None:
            raise CommandError("purge 需要 --older-than 天数（至少184天）")
        try:
            removed = purge_older_than(days, actor="命令行清理")
        except RetentionTooShort as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"已清理 {days} 天以前的审计记录 {removed} 条，并记录了本次清理。")
