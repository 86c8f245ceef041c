"""`cadreforge template -o FILE.xlsx`: an empty ledger workbook with headers, drop-downs and 说明."""

from django.core.management.base import BaseCommand

from cadreforge.exchange.ledger.template import write_template


class Command(BaseCommand):
    help = "生成空白台账工作簿模板（含表头、下拉选项和填写说明）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", required=True, help="输出文件 .xlsx")

    def handle(self, *args, output: str, **options) -> None:
        write_template(output)
        self.stderr.write(f"已生成模板 {output}")
