"""`cadreforge briefing --program CODE [--batch N] --format txt|docx|xlsx -o FILE` (spec/cli.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cadreforge.core.errors import DomainError
from cadreforge.programs.models import Program
from cadreforge.reports.briefing.documents import FORMATS, render


class Command(BaseCommand):
    help = "按数据生成计划（批次）的中文工作简报：txt、docx（含图表）或 xlsx（含表格）"

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="计划代码，如 penglai-3360")
        parser.add_argument("--batch", type=int, help="批次号")
        parser.add_argument("--format", choices=FORMATS, default="txt", help="输出格式")
        parser.add_argument("-o", "--output", required=True, help="输出文件；“-”表示标准输出（仅 txt）")

    def handle(self, *args, **options):
        program = Program.objects.filter(code=options["program"]).first()
        if program is None:
            raise CommandError(f"找不到计划“{options['program']}”。")
        try:
            content = render(program, options["batch"], options["format"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if options["output"] == "-":
            if options["format"] != "txt":
                raise CommandError("docx 和 xlsx 须用 -o 指定输出文件。")
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        Path(options["output"]).write_bytes(content)
        self.stdout.write(f"已生成简报：{options['output']}（{len(content)} 字节）")
