"""The response scanner is on for the whole suite, not only for this folder, and reads streamed exports."""

import io

import pytest
from django.http import StreamingHttpResponse

from cadreforge.core.validators import id_check_character

from .pii_scan import response_text

VALID = "11010519491231002" + id_check_character("11010519491231002")


def test_the_scanner_is_a_suite_wide_plugin(request):
    assert request.config.pluginmanager.has_plugin("tests.security.pii_scan")
    assert "_no_full_id_numbers_in_responses" in request.fixturenames


def test_a_streamed_csv_export_is_read_and_handed_back_whole():
    response = StreamingHttpResponse(iter(["name,id\n", f"王一,{VALID}\n"]), content_type="text/csv")
    assert VALID in response_text(response)
    assert b"".join(response.streaming_content).decode() == f"name,id\n王一,{VALID}\n"


def test_a_streamed_xlsx_export_is_read():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["王一", VALID])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = StreamingHttpResponse(
        iter([buffer.getvalue()]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    assert VALID in response_text(response)


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf"])
def test_binary_files_are_not_read(content_type):
    response = StreamingHttpResponse(iter([VALID.encode()]), content_type=content_type)
    assert response_text(response) == ""
    assert b"".join(response.streaming_content) == VALID.encode()
