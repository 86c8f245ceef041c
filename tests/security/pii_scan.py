"""Test-only guard (PIPL): no HTML, JSON, CSV or XLSX response of the test client may contain a full,
checksum-valid ID number. Active in tests/security/; for the whole suite add
`pytest_plugins = ["tests.security.pii_scan"]` to tests/conftest.py (or run pytest -p tests.security.pii_scan).

A response that shows one on purpose (an audited reveal) says so with the header X-Personal-Data: revealed.
"""

import io
import re

import pytest
from django.test.client import Client

from cadreforge.core.validators import id_check_character

ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx])(?![0-9A-Za-z])")
SCANNED_TYPES = ("text/html", "application/json", "text/csv", "spreadsheetml")


def full_id_numbers(text: str) -> list[str]:
    """Every 18-character ID number in the text whose GB 11643 check character is right."""
    return [m for m in ID_CANDIDATE.findall(text) if id_check_character(m[:17]) == m[17].upper()]


def response_text(response) -> str:
    content_type = response.get("Content-Type", "")
    if getattr(response, "streaming", False) or not any(t in content_type for t in SCANNED_TYPES):
        return ""
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value
        )
    return response.content.decode(response.charset or "utf-8", errors="replace")


@pytest.fixture(autouse=True)
def _no_full_id_numbers_in_responses(monkeypatch):
    original = Client.request

    def scanning_request(self, **request):
        response = original(self, **request)
        if response.get("X-Personal-Data") != "revealed":
            found = full_id_numbers(response_text(response))
            assert not found, f"响应中出现完整身份证号（应脱敏）：{request.get('PATH_INFO')} → {found}"
        return response

    monkeypatch.setattr(Client, "request", scanning_request)
