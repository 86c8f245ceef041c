"""`cadreforge rekey`: after setting a new DATA_KEY (old one in DATA_KEY_RETIRED), rewrite all personal
data with the new key (people/rekey.py), then the stored ledger workbooks (exchange.services.reseal_uploads).
docs/security.md has the whole procedure."""

from django.core.management.base import BaseCommand, CommandError

from cadreforge.core.errors import DomainError
from cadreforge.exchange.services import reseal_uploads
from cadreforge.people.rekey import rekey_personal_data


class Command(BaseCommand):
    help = (
        "密钥轮换：用当前 DATA_KEY 重新加密全部身份证号、手机号和动态口令密钥（旧密钥放在 DATA_KEY_RETIRED）"
    )

    def handle(self, *args, **options):
        try:
            summary = rekey_personal_data(None)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        files = reseal_uploads(None)
        missing = f"（{files['missing']} 个文件在磁盘上已缺失，已跳过）" if files["missing"] else ""
        self.stdout.write(
            f"密钥轮换完成：{summary['cadres']} 名干部、{summary['otp_devices']} 个动态口令设备、"
            f"{files['files']} 个导入工作簿已用密钥 {summary['key_id']} 重新加密{missing}。"
            "确认无误后可从 DATA_KEY_RETIRED 中移除旧密钥（旧备份仍需旧密钥才能恢复）。"
        )
