"""`cadreforge audit verify`: check the audit log's hash chain."""

from django.core.management.base import BaseCommand, CommandError

from cadreforge.audit.selectors import verify_chain


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链是否完整"

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["verify"], help="verify：校验审计日志哈希链")

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.intact:
            raise CommandError(f"审计日志第 {report.first_broken_id} 号记录校验失败：{report.reason}")
        self.stdout.write(f"审计日志完整：共 {report.entries} 条记录，哈希链校验通过。")
