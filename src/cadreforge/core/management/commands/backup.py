"""`cadreforge backup -o FILE`: every table as JSON with natural keys (FILE.gz is compressed)."""

import gzip
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from cadreforge.core.backup import EXCLUDED, backed_up_models


class Command(BaseCommand):
    help = "备份：把全部数据导出为 JSON 文件（文件名以 .gz 结尾时压缩），可用 restore 恢复"

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="备份文件路径，如 backup-20260101.json.gz")

    def handle(self, *args, **options):
        path = Path(options["output"])
        if not path.parent.exists():
            raise CommandError(f"备份目录不存在：{path.parent}")
        tmp = path.with_name(path.name + ".part")
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(tmp, "wt", encoding="utf-8") as stream:
            call_command(
                "dumpdata",
                *[f"--exclude={label}" for label in EXCLUDED],
                format="cfjson",
                natural_foreign=True,
                indent=None,
                stdout=stream,
            )
        tmp.replace(path)  # a backup interrupted half-way never looks complete
        tables = len(backed_up_models())
        self.stdout.write(f"备份完成：{path}（{tables} 张表，{path.stat().st_size} 字节）")
