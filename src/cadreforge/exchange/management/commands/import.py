"""`cadreforge import FILE.xlsx [--dry-run]`: import a ledger workbook (spec/ledger-workbook.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cadreforge.core.errors import DomainError, ValidationFailed
from cadreforge.exchange.ledger.importer import import_ledger


class Command(BaseCommand):
    help = "导入台账工作簿（全部导入或全部不导入；--dry-run 只校验）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="台账工作簿 .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")

    def handle(self, *args, file: str, dry_run: bool, **options) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件“{file}”")
        try:
            result = import_ledger(None, path, dry_run=dry_run, file_name=path.name)
        except ValidationFailed as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            self.stderr.write(f"共{len(exc.problems)}个问题，未写入任何数据。")
            raise SystemExit(1) from None
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write("\n".join(result.summary_lines()))
        self.stderr.write(f"用时{result.seconds:.2f}秒")
