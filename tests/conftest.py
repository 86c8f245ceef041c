from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from cadreforge.accounts.models import Role

from .browser import CHROMIUM, CHROMIUM_ARGS
from .builders import PASSWORD, make_user

# Every response of the test client is scanned for a full ID number (PIPL), in every test of the suite.
pytest_plugins = ["tests.security.pii_scan"]

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture
def login(db):
    """login(role_or_user) → a test client logged in as a new user of that role (or as the given user)."""

    def _login(who=Role.PROGRAM_MANAGER, **kwargs):
        user = make_user(who, **kwargs) if isinstance(who, str) else who
        client = Client()
        assert client.login(username=user.username, password=PASSWORD)
        client.user = user
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashers cost ~0.3 s a user; tests check behaviour, not hashing strength."""
    settings.PASSWORD_HASHERS = [FAST_HASHER]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads and generated files go to the test's own folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker):
    """`cadreforge demo load`, committed once for the whole run (a load takes about a minute). The tests
    that use it run last (`pytest_collection_modifyitems` below), so every other test still starts from an
    empty database; each demo test runs in its own rolled-back transaction, as usual with `db`."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        call_command("demo", "load", stdout=StringIO(), stderr=StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", "--no-input")


def pytest_collection_modifyitems(items):
    """Tests that need the demo (the `demo` fixture, directly or through another fixture) go last, in
    their usual order: the demo, once loaded, stays in the database until the run ends."""
    uses_demo = [item for item in items if "demo" in getattr(item, "fixturenames", ())]
    if uses_demo:
        others = [item for item in items if "demo" not in getattr(item, "fixturenames", ())]
        items[:] = others + uses_demo


@pytest.fixture
def browser_page():
    """A Chromium page at wall-display size (1920×1080), Chinese locale; closed after the test."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(locale="zh-CN", viewport={"width": 1920, "height": 1080})
        try:
            yield page
        finally:
            browser.close()
