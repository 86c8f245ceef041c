import pytest
from django.test import Client

from cadreforge.accounts.models import Role

from .builders import PASSWORD, make_user


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
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
