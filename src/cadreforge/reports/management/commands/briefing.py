"""`cadreforge briefing --program CODE [--batch N] --format txt|docx|xlsx -o FILE` (spec/cli.md), and
`cadreforge briefing send-due [--now YYYY-MM-DDTHH:MM] [--enqueue] [--json]`: send the scheduled briefings
that are due (for cron, e.g. every hour), or queue that for the task worker."""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cadreforge.core.errors import DomainError
from cadreforge.programs.models import Program
from cadreforge.reports.briefing.documents import FORMATS, render


class Command(BaseCommand):
    help = (
        "按数据生成计划（批次）的中文工作简报：txt、docx（含图表）或 xlsx（含表格）；"
        "“send-due”发送到期的定期简报（供 cron 每小时运行）"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["send-due"], help="send-due：发送到期的定期简报")
        parser.add_argument("--program", help="计划代码，如 penglai-3360")
        parser.add_argument("--batch", type=int, help="批次号")
        parser.add_argument("--format", choices=FORMATS, default="txt", help="输出格式")
        parser.add_argument("-o", "--output", help="输出文件；“-”表示标准输出（仅 txt）")
        parser.add_argument("--now", help="send-due：按哪个时刻计算（YYYY-MM-DDTHH:MM，北京时间，默认现在）")
        parser.add_argument("--enqueue", action="store_true", help="send-due：交给后台任务队列执行")
        parser.add_argument("--json", action="store_true", help="send-due：以JSON输出发送结果")

    def handle(self, *args, **options):
        if options["action"] == "send-due":
            return self._send_due(options)
        if not options["program"] or not options["output"]:
            raise CommandError("生成简报须指定 --program 和 -o（或用“send-due”发送定期简报）。")
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

    def _send_due(self, options) -> None:
        from cadreforge.reports.briefing.sending import send_due_briefings
        from cadreforge.reports.tasks import send_due_briefings as send_task

        now = None
        if options["now"]:
            try:
                now = dt.datetime.fromisoformat(options["now"])
            except ValueError as exc:
                raise CommandError(f"时刻“{options['now']}”格式不对，应为 YYYY-MM-DDTHH:MM") from exc
        if options["enqueue"]:
            result = send_task.enqueue(now.isoformat() if now else None)
            self.stdout.write(f"已加入任务队列：{result.id}")
            return
        counts = send_due_briefings(now)
        if options["json"]:
            self.stdout.write(json.dumps(counts, ensure_ascii=False))
        else:
            self.stdout.write(
                f"定期简报：生成 {counts['briefings']} 份，消息发送成功 {counts['sent']} 条，失败 {counts['failed']} 条"
            )
            for error in counts["errors"]:
                self.stderr.write(error)
        if counts["failed"] or counts["errors"]:
            raise CommandError("有定期简报未能发送，详见发送记录（下次运行时会重试）")
