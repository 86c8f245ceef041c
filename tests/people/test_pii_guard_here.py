"""Outside tests/security the scanner guards every page too: a leaking page fails its test."""

import pytest


@pytest.mark.urls("tests.security.leaky_urls")
def test_a_leaking_page_fails_a_test_outside_the_security_folder(client):
    with pytest.raises(AssertionError, match="完整身份证号"):
        client.get("/leak/")
    assert client.get("/reveal/")["X-Personal-Data"] == "revealed"
