"""`cadreforge export --program CODE -o FILE.xlsx`: write a program's ledger workbook."""

from django.core.management.base import BaseCommand, CommandError

from cadreforge.audit.services import record
from cadreforge.exchange.ledger.exporter import write_export
from cadreforge.programs.models import Program


class Command(BaseCommand):
    help = "导出计划的台账工作簿"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--program", required=True, help="计划代码")
        parser.add_argument("-o", "--output", required=True, help="输出文件 .xlsx")
        parser.add_argument(
            "--mask-personal",
            action="store_true",
            help="身份证号、手机号脱敏（默认导出完整号码，以便重新导入）",
        )

    def handle(self, *args, program: str, output: str, mask_personal: bool, **options) -> None:
        found = Program.objects.filter(code=program).first()
        if found is None:
            raise CommandError(f"找不到计划“{program}”")
        write_export(found, output, reveal_personal=not mask_personal)
        record(
            None,
            "ledger.export",
            found,
            {"file": output, "personal_data": "masked" if mask_personal else "clear"},
        )
        self.stderr.write(f"已导出计划“{program}”到 {output}")
