"""`cadreforge restore FILE`: load a backup into a migrated, empty database, then verify the audit chain."""

import gzip
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cadreforge.core.backup import nonempty_tables


class Command(BaseCommand):
    help = "恢复：把 backup 生成的文件导入到已迁移的空数据库，并校验审计日志哈希链"

    def add_arguments(self, parser):
        parser.add_argument("file", help="backup 生成的备份文件")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到备份文件：{path}")
        occupied = nonempty_tables()
        if occupied:
            raise CommandError(
                "目标数据库不是空库，拒绝恢复以免覆盖数据（已有数据的表："
                + "、".join(occupied[:5])
                + "）。请先新建数据库并执行 cadreforge migrate。"
            )
        with tempfile.TemporaryDirectory() as tmp:
            fixture = Path(tmp) / "backup.cfjson"
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8") as source:
                fixture.write_text(source.read(), encoding="utf-8")
            with transaction.atomic():  # all or nothing
                call_command("loaddata", str(fixture), verbosity=0)
        self.stdout.write(f"恢复完成：{path}")
        call_command("audit", "verify", stdout=self.stdout)
