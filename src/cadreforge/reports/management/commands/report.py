"""`cadreforge report funnel --program CODE [--batch N] --json` (spec/cli.md)."""

import json

from django.core.management.base import BaseCommand, CommandError

from cadreforge.core.errors import DomainError
from cadreforge.programs.models import Program
from cadreforge.reports.selectors import get_funnel

STAGE_LABELS = {"inspection": "考察", "intent": "意向", "signed": "签约", "started": "开工", "landed": "投产"}


class Command(BaseCommand):
    help = "统计报表：funnel 招商漏斗"

    def add_arguments(self, parser):
        parser.add_argument("report", choices=["funnel"], help="报表名称：funnel（招商漏斗）")
        parser.add_argument("--program", required=True, help="计划代码，如 penglai-3360")
        parser.add_argument("--batch", type=int, help="批次号")
        parser.add_argument("--json", action="store_true", help="以JSON输出")

    def handle(self, *args, **options):
        program = Program.objects.filter(code=options["program"]).first()
        if program is None:
            raise CommandError(f"找不到计划“{options['program']}”。")
        try:
            funnel = get_funnel(program, options["batch"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if options["json"]:
            self.stdout.write(json.dumps(funnel, ensure_ascii=False))
            return
        self._print_text(program, funnel)

    def _print_text(self, program, f):
        scope = f"第{f['batch']}批" if f["batch"] else "全部批次"
        lines = [
            f"{program.name}（{program.code}）{scope}",
            f"干部 {f['cadres']} 名；走访记录 {f['visits']} 次，走访企业 {f['enterprises_visited']} 家",
            f"线索 {f['leads']} 条，其中有价值 {f['valuable_leads']} 条；引荐项目 {f['projects']} 个",
            "当前阶段：" + "，".join(f"{STAGE_LABELS[k]} {v}" for k, v in f["stage_now"].items()),
            "累计到达：" + "，".join(f"{STAGE_LABELS[k]} {v}" for k, v in f["reached"].items()),
            f"签约金额 {f['amount_yuan']['signed']} 元，投产金额 {f['amount_yuan']['landed']} 元",
            f"引进人才 {f['talents']} 名；成果 {f['outputs']['count']} 项，"
            f"{f['outputs']['characters']} 字，被采纳 {f['outputs']['adopted']} 项",
        ]
        self.stdout.write("\n".join(lines))
