"""Two writers appending at once must not fork the chain (PostgreSQL only: SQLite serialises writers)."""

import threading
import time

import pytest
from django.db import connection, transaction

from cadreforge.audit.selectors import verify_chain
from cadreforge.audit.services import record

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent writers on PostgreSQL"
)


def _slow_writer(started: threading.Event) -> None:
    try:
        with transaction.atomic():
            record(None, "test.slow")
            started.set()
            time.sleep(0.5)
    finally:
        connection.close()


def _quick_writer() -> None:
    try:
        record(None, "test.quick")
    finally:
        connection.close()


def test_concurrent_appends_keep_one_chain(transactional_db):
    record(None, "test.first")
    started = threading.Event()
    slow = threading.Thread(target=_slow_writer, args=(started,))
    slow.start()
    assert started.wait(5)
    quick = threading.Thread(target=_quick_writer)
    quick.start()
    slow.join()
    quick.join()
    report = verify_chain()
    assert report.entries == 3
    assert report.intact, report.reason
