"""`cadreforge demo load` and `cadreforge demo accounts` (spec/cli.md)."""

import time

from django.core.management.base import BaseCommand, CommandError

from cadreforge.core.errors import DomainError
from cadreforge.exchange.demo import load_demo
from cadreforge.exchange.demo.accounts import describe_accounts


class Command(BaseCommand):
    help = "演示数据：load 加载演示计划和演示账号（可重复运行）；accounts 列出演示账号和密码"

    def add_arguments(self, parser):
        parser.add_argument(
            "action", choices=["load", "accounts"], help="load（加载）或 accounts（演示账号）"
        )

    def handle(self, *args, **options):
        if options["action"] == "load":
            self._load()
        else:
            self._accounts()

    def _load(self) -> None:
        started = time.monotonic()
        try:
            load_demo(lambda message: self.stderr.write(message))
        except DomainError as exc:
            raise CommandError(f"演示数据加载失败，已全部回滚：{exc.message}") from exc
        self.stderr.write(f"演示数据就绪，用时 {time.monotonic() - started:.1f} 秒。")

    def _accounts(self) -> None:
        rows = describe_accounts()
        self.stdout.write("用户名\t角色\t密码\t显示名\t可见范围")
        for row in rows:
            self.stdout.write(
                "\t".join([row["username"], row["role"], row["password"], row["display_name"], row["scope"]])
            )
        if not all(row["exists"] for row in rows):
            self.stderr.write("部分演示账号尚未创建，请先运行 cadreforge demo load。")
