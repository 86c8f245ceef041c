"""`cadreforge generate --scale small|city|province [--seed N] [--json]` (spec/cli.md)."""

import json

from django.core.management.base import BaseCommand, CommandError

from cadreforge.core.errors import DomainError
from cadreforge.exchange.generate import SCALES, generate


class Command(BaseCommand):
    help = "生成基准测试用的确定性合成数据（province：100 个计划、1 万名干部、100 万条走访）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", required=True, choices=list(SCALES), help="规模：small、city 或 province"
        )
        parser.add_argument("--seed", type=int, default=1, help="随机种子（同一种子生成相同的数据），默认 1")
        parser.add_argument("--json", action="store_true", help="在标准输出打印各表写入行数的 JSON")

    def handle(self, *args, **options):
        try:
            counts = generate(options["scale"], options["seed"], log=lambda m: self.stderr.write(m))
        except DomainError as exc:
            raise CommandError(f"生成失败，已全部回滚：{exc.message}") from exc
        if options["json"]:
            self.stdout.write(json.dumps(counts, ensure_ascii=False))
