"""The response scanner itself: it finds checksum-valid ID numbers and nothing else."""

import pytest
from django.http import HttpResponse, JsonResponse

from cadreforge.core.validators import id_check_character, mask_id_number

from .pii_scan import full_id_numbers, response_text

VALID = "11010519491231002" + id_check_character("11010519491231002")


def test_a_valid_id_number_is_found_and_a_masked_or_wrong_one_is_not():
    wrong_check = VALID[:17] + ("0" if VALID[17] != "0" else "1")
    assert full_id_numbers(f"<td>{VALID}</td>") == [VALID]
    assert full_id_numbers(f"<td>{mask_id_number(VALID)}</td><td>{wrong_check}</td>") == []
    assert full_id_numbers(f"order 9{VALID}") == []  # part of a longer number


@pytest.mark.parametrize(
    "response",
    [
        HttpResponse(f"<p>{VALID}</p>"),
        JsonResponse({"id": VALID}),
        HttpResponse(f"name,id\n王一,{VALID}\n", content_type="text/csv"),
    ],
)
def test_html_json_and_csv_responses_are_read(response):
    assert VALID in response_text(response)


def test_xlsx_cells_are_read():
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["王一", VALID])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert full_id_numbers(response_text(response)) == [VALID]


@pytest.mark.urls("tests.security.leaky_urls")
def test_the_guard_fails_a_test_whose_page_shows_a_full_id_number(client):
    with pytest.raises(AssertionError, match="完整身份证号"):
        client.get("/leak/")
    assert client.get("/reveal/").status_code == 200  # an audited reveal says so and passes
