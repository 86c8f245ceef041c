"""On PostgreSQL the audit table refuses UPDATE and DELETE at the database, whoever connects. The only
exception is the retention purge (`cadreforge audit purge`), which announces itself with a transaction-local
setting and may delete only entries older than the legal minimum (184 days). TRUNCATE is left to the
table owner (the test runner empties tables with it); in production the application's database role should
not own the table (docs/deploy.md). A no-op on SQLite."""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('cadreforge.audit_purge', true) = 'on'
       AND OLD."at" < now() - interval '184 days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = '审计日志只能追加，不能修改或删除：' || TG_OP,
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_entry_append_only();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_mac_algorithm")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
