"""`cadreforge report NAME --program CODE [--batch N] [--json]` (spec/cli.md). Each NAME is a module of
cadreforge.reports.verbs."""

import json

from django.core.management.base import BaseCommand, CommandError

from cadreforge.core.errors import DomainError
from cadreforge.programs.models import Program
from cadreforge.reports import verbs


class Command(BaseCommand):
    help = "统计报表：" + "，".join(f"{name}（{verbs.load(name).HELP}）" for name in verbs.available())

    def add_arguments(self, parser):
        parser.add_argument("report", choices=verbs.available(), help="报表名称")
        parser.add_argument("--program", required=True, help="计划代码，如 penglai-3360")
        parser.add_argument("--batch", type=int, help="批次号")
        parser.add_argument("--json", action="store_true", help="以JSON输出（标准输出只有一个JSON对象）")

    def handle(self, *args, **options):
        program = Program.objects.filter(code=options["program"]).first()
        if program is None:
            raise CommandError(f"找不到计划“{options['program']}”。")
        verb = verbs.load(options["report"])
        try:
            data = verb.build(program, options["batch"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            self.stdout.write(verb.render_text(program, data))
