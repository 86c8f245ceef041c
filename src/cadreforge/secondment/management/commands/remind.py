"""`cadreforge remind [--date YYYY-MM-DD] [--enqueue]`: send today's weekly-report reminders (for cron), or
queue them for the task worker."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cadreforge.secondment import reminders
from cadreforge.secondment.tasks import send_weekly_reminders


class Command(BaseCommand):
    help = "发送学习周报提醒（截止前提醒、逾期提醒；电子邮件和企业微信/钉钉群机器人）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天计算（YYYY-MM-DD，默认今天）")
        parser.add_argument("--enqueue", action="store_true", help="交给后台任务队列执行，而不是立即发送")
        parser.add_argument("--json", action="store_true", help="以JSON输出发送结果")

    def handle(self, *args, **options):
        try:
            day = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"日期“{options['date']}”格式不对，应为 YYYY-MM-DD") from exc
        if options["enqueue"]:
            result = send_weekly_reminders.enqueue(day.isoformat())
            self.stdout.write(f"已加入任务队列：{result.id}")
            return
        counts = reminders.send_weekly_reminders(day)
        if options["json"]:
            self.stdout.write(json.dumps(counts, ensure_ascii=False))
        else:
            self.stdout.write(
                f"{day:%Y-%m-%d} 学习周报提醒：发送成功 {counts['sent']} 条，失败 {counts['failed']} 条"
            )
        if counts["failed"]:
            raise CommandError(f"有 {counts['failed']} 条提醒发送失败，详见发送记录（下次运行时会重试）")
