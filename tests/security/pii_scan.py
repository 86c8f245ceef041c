"""Test-only guard (PIPL): no HTML, JSON, CSV or XLSX response of the test client may contain a full,
checksum-valid ID number. Active for the whole suite: tests/conftest.py loads it with
`pytest_plugins = ["tests.security.pii_scan"]`.
Every request of django.test.Client (and so of the `client` and `login` fixtures, redirects followed
included) is scanned; streamed CSV/XLSX exports are read and handed back to the test intact.

A response that shows one on purpose (an audited reveal) says so with the header X-Personal-Data: revealed.
"""

import io
import re

import pytest
from django.test.client import Client

from cadreforge.core.validators import id_check_character

ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx])(?![0-9A-Za-z])")
SCANNED_TYPES = ("text/html", "json", "text/csv", "text/plain", "spreadsheetml")


def full_id_numbers(text: str) -> list[str]:
    """Every 18-character ID number in the text whose GB 11643 check character is right."""
    return [m for m in ID_CANDIDATE.findall(text) if id_check_character(m[:17]) == m[17].upper()]


def _body(response) -> bytes:
    """The whole body. A streamed export (CSV, XLSX) is read once and put back, so the test still gets it."""
    if not getattr(response, "streaming", False):
        return response.content
    body = b"".join(response.streaming_content)
    response.streaming_content = [body]
    return body


def response_text(response) -> str:
    content_type = response.get("Content-Type", "")
    if not any(t in content_type for t in SCANNED_TYPES):
        return ""
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(_body(response)), read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value
        )
    return _body(response).decode(response.charset or "utf-8", errors="replace")


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
