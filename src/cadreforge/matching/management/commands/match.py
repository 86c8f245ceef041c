"""`cadreforge match --program CODE --batch N [--mode optimal|stable] [--dry-run] [--publish] --json`
(spec/cli.md): assign the batch's cadres to posts. Without --dry-run the result is kept as a draft run (方案);
--publish also turns it into assignments."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from cadreforge.core.errors import DomainError
from cadreforge.matching import services
from cadreforge.matching.models import MatchRun
from cadreforge.programs.models import Program
from cadreforge.programs.selectors import get_batch


class Command(BaseCommand):
    help = "人岗匹配：把批次干部分配到岗位（总体最优或稳定匹配），给出每一项匹配的理由"

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="计划代码")
        parser.add_argument("--batch", type=int, required=True, help="批次号")
        parser.add_argument("--mode", choices=MatchRun.Mode.values, default=MatchRun.Mode.OPTIMAL)
        parser.add_argument("--dry-run", action="store_true", help="只计算，不保存")
        parser.add_argument("--publish", action="store_true", help="保存后立即发布为派驻记录")
        parser.add_argument(
            "--max-per-unit", type=int, default=services.DEFAULT_MAX_PER_UNIT_AT_HOST,
            help="同一单位派往同一派驻单位的最多人数（0 表示不限）",
        )  # fmt: skip
        parser.add_argument("--json", action="store_true", help="以JSON输出")

    def handle(self, *args, **options):
        program = Program.objects.filter(code=options["program"]).first()
        if program is None:
            raise CommandError(f"找不到计划“{options['program']}”。")
        if options["dry_run"] and options["publish"]:
            raise CommandError("--dry-run 与 --publish 不能同时使用")
        k = options["max_per_unit"] or None
        try:
            batch = get_batch(program, options["batch"])
            if options["dry_run"]:
                result = services.compute_match(batch, options["mode"], k)
                result.pop("_rows")
            else:
                run, result = services.run_match(None, batch, mode=options["mode"], max_per_unit_at_host=k)
                print(f"已保存匹配方案 #{run.pk}", file=sys.stderr)
                if options["publish"]:
                    made = services.publish(None, run)
                    print(f"已发布：{made} 条派驻记录", file=sys.stderr)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(
            f"{program.name} {batch}（{MatchRun.Mode(result['mode']).label}）：匹配 {result['assigned']} 人，"
            f"未匹配 {result['unassigned']} 人，总分 {result['total_score']}"
        )
        for row in result["assignments"]:
            self.stdout.write(
                f"  {row['cadre']} → {row['post']}（{row['score']}分）：{'；'.join(row['reasons'])}"
            )
